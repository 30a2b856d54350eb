"""A post saved by a browser without its scripts is the same post as its raw page.

tests/fixtures/browser/ holds REAL saves of the real corpus page
wechat-article-exporter__普通图文-04.html, made by tests/make_browser_snapshots.py with the
page served at its own short address: Chrome's "Save as MHTML" (Blink's serializer, which
drops every script) from browsers set to Beijing time and to UTC, and SingleFile's (default
options: scripts removed, HTML compressed, so no optional end tags) from Beijing, New York
and UTC. Such a save keeps only the short ``/s/<token>`` address and the publish time the
scripts wrote into the page, to the minute and in the browser's zone; the raw page knows its
long address (biz, mid, idx) and the exact time too. SingleFile also writes when it saved
the page, with the browser's UTC offset.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.cli import app
from archiver.config import load_config
from archiver.errors import MalformedInput
from archiver.fsck import check_archive
from archiver.pipeline import ingest_paths, prepare_all
from archiver.saves import OtherSave, shown_in_some_zone
from archiver.store import Archive

from conftest import FIXTURES, WECHAT

RAW = WECHAT / "html" / "wechat-article-exporter__普通图文-04.html"
SAVES = FIXTURES / "browser"
BEIJING = SAVES / "chrome-save-exporter-04-shanghai.mhtml"
UTC_BROWSER = SAVES / "chrome-save-exporter-04-utc.mhtml"
SINGLEFILE = {zone: SAVES / f"singlefile-save-exporter-04-{zone}.html"
              for zone in ("shanghai", "new-york", "utc")}
EVERY_SAVE = [BEIJING, UTC_BROWSER, *SINGLEFILE.values()]
LONG_ID = "wx:MzIxMTgzNjE5MA==/2247494261/1"
SHORT_ID = "wx:s/NJgNozEXo47KCvmRL4hDiw"


@pytest.fixture
def config(tmp_path: Path):
    return load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)


def only(results):
    assert len(results) == 1, results
    return results[0]


def test_the_browser_saves_have_lost_the_page_variables(config):
    for save in (BEIJING, UTC_BROWSER):
        record = prepare_all(save, config)[0].record
        assert record["id"] == SHORT_ID
        assert record["account"] == {"name": "波元霸"}
        assert record["mid"] is None and record["idx"] is None
    assert prepare_all(BEIJING, config)[0].record["published"] == "2025-11-04T15:59:00+08:00"
    assert prepare_all(UTC_BROWSER, config)[0].record["published"] == \
        "2025-11-04T07:59:00+08:00"  # the UTC clock's 07:59, read as Beijing time


def test_the_raw_page_records_its_short_address_as_an_alias(config):
    prepared = prepare_all(RAW, config)[0]
    assert prepared.object_id == LONG_ID
    assert prepared.aliases == [SHORT_ID]
    assert json.loads(prepared.files["provenance.json"])["aliases"] == [SHORT_ID]


@pytest.mark.parametrize(("zone", "published", "saved"), [
    ("shanghai", "2025-11-04T15:59:00+08:00", "2026-12-01T18:54:"),
    ("new-york", "2025-11-04T02:59:00-05:00", "2026-12-01T05:54:"),
    ("utc", "2025-11-04T07:59:00+00:00", "2026-12-01T10:54:")])
def test_a_singlefile_save_is_read_at_the_browsers_offset(config, zone, published, saved):
    """SingleFile's comment gives the browser's offset: the time the page showed is then
    the right moment (15:59:29 in Beijing is 07:59:29 UTC), to the minute."""
    prepared = prepare_all(SINGLEFILE[zone], config)[0]
    assert prepared.record["published"] == published
    assert prepared.object_id == SHORT_ID
    provenance = json.loads(prepared.files["provenance.json"])
    assert provenance["fetched"].startswith(saved)  # when SingleFile saved it
    assert provenance["fields"]["page_url"] == "SingleFile's url comment"
    assert "UTC offset" in provenance["fields"]["published"]


def test_a_singlefile_save_without_end_tags_is_not_taken_for_a_cut_one(config):
    """SingleFile leaves out the optional </body></html>; the page is whole."""
    data = SINGLEFILE["utc"].read_bytes()
    assert b"</html>" not in data[-1024:] and b"</body>" not in data[-1024:]
    assert prepare_all(SINGLEFILE["utc"], config)[0].record["text"] == \
        prepare_all(RAW, config)[0].record["text"]


@pytest.mark.parametrize("save", [SINGLEFILE["utc"],
                                  SAVES / "singlefile-save-mufeng-2021-07-07.html"],
                         ids=lambda path: path.stem)
@pytest.mark.parametrize("share", [0.40, 0.70, 0.95])
def test_a_singlefile_save_cut_inside_its_markup_is_refused_not_a_shorter_version(
        config, tmp_path, save, share):
    """A SingleFile page has no end tags to miss, but a cut leaves it inside a tag (most of
    the page is attributes: its images inlined), a comment or a style element, where no
    whole page ends, or inside the article, whose divs it closes. Read, it became a new
    version with part of the text and fewer images."""
    data = save.read_bytes()
    cut = tmp_path / "cut.html"
    cut.write_bytes(data[: int(len(data) * share)])
    # (cut before the article begins, it is a page without one)
    with pytest.raises(MalformedInput, match="stops inside a tag, a comment, a style element "
                                             "or the article: it was cut short|without a "
                                             "WeChat article body") as info:
        prepare_all(cut, config)
    assert info.value.path == str(cut)


@pytest.mark.parametrize("save", EVERY_SAVE, ids=lambda path: path.stem)
def test_a_browser_save_after_the_raw_page_adds_no_version(config, save):
    first = only(ingest_paths([RAW], config))
    again = only(ingest_paths([save], config))
    assert (again.object_id, again.status, again.version) == (LONG_ID, "unchanged", "v1")
    archive = Archive.open(config.archive)
    assert archive.object_ids() == [LONG_ID]
    record = archive.read_json(LONG_ID, "record.json")
    assert record["published"] == "2025-11-04T15:59:29+08:00"  # the exact time is kept
    assert record["mid"] == "2247494261"
    assert first.version == "v1"


@pytest.mark.parametrize("save", [BEIJING, SINGLEFILE["utc"]], ids=lambda path: path.stem)
def test_a_save_found_unchanged_read_again_adds_no_version(config, save):
    """A save that added nothing was answered by the raw page's version; read again (with
    --refresh, or after an upgrade of archiver, which reads every file again) it is still
    another save of the post, not the file that version was made from: no version."""
    only(ingest_paths([RAW], config))
    assert only(ingest_paths([save], config)).status == "unchanged"
    again = only(ingest_paths([save], config, refresh=True))
    assert (again.status, again.version) == ("unchanged", "v1")
    assert Archive.open(config.archive).head(LONG_ID) == "v1"


def test_receipts_written_before_they_said_who_made_a_version_are_read_by_name(config):
    """An archive whose receipts do not say whether their file made the version they name
    (written by an earlier archiver): a save found unchanged is told from the version's own
    file by its name, so reading it again adds no version either."""
    only(ingest_paths([RAW], config))
    only(ingest_paths([BEIJING], config))
    path = config.archive / "extensions" / "archiver-index" / "receipts.json"
    receipts = json.loads(path.read_bytes())
    for entries in receipts.values():
        for receipt in entries:
            for post in receipt["posts"]:
                assert post.pop("made") is (receipt["source"].endswith(RAW.name))
    path.write_text(json.dumps(receipts), encoding="utf-8")
    again = only(ingest_paths([BEIJING], config, refresh=True))
    assert (again.status, again.version) == ("unchanged", "v1")


def test_the_file_a_version_was_made_from_read_again_is_still_its_maker(config, tmp_path):
    """Found unchanged when read again, the file a version was made from stays that
    version's maker: its edit undone afterwards is a version again (the head must say what
    the file says now), as before it was read again."""
    page = tmp_path / "page.html"
    original = RAW.read_bytes()
    page.write_bytes(original)
    only(ingest_paths([page], config))
    assert only(ingest_paths([page], config, refresh=True)).status == "unchanged"
    page.write_bytes(original.replace("原以为下午2点之前".encode(), "原以为下午3点之前".encode()))
    assert only(ingest_paths([page], config)).version == "v2"
    page.write_bytes(original)
    assert (only(ingest_paths([page], config)).status, Archive.open(config.archive).head(
        LONG_ID)) == ("updated", "v3")


def test_a_save_beside_the_raw_page_in_one_warc_read_again_adds_no_version(config, tmp_path):
    """A WARC holding the raw page and a browser save of it, both at the post's address: the
    page makes the version, and the save, which adds nothing, is another save. The version
    keeps the whole WARC as its source, but was made from the page's record alone: read
    again (--refresh), the save is still another save, and adds no version."""
    capture = warc_of(tmp_path / "both.warc", [(SHORT_04, RAW.read_bytes()),
                                               (SHORT_04, SINGLEFILE["shanghai"].read_bytes())])
    first = ingest_paths([capture], config)
    assert [(r.object_id, r.status, r.version) for r in first] == [
        (LONG_ID, "added", "v1"), (LONG_ID, "unchanged", "v1")]
    again = ingest_paths([capture], config, refresh=True)
    assert [(r.status, r.version) for r in again] == [("unchanged", "v1")] * 2
    assert Archive.open(config.archive).head(LONG_ID) == "v1"


def test_old_receipts_of_a_warc_holding_a_page_and_a_save_tell_the_record_that_made_it(
        config, tmp_path):
    """Receipts written before they said which file made a version are read by the file's
    name; both records of one WARC have the same: the one the version was made from is told
    by the record its provenance names, so the save read again still adds no version."""
    capture = warc_of(tmp_path / "both.warc", [(SHORT_04, RAW.read_bytes()),
                                               (SHORT_04, SINGLEFILE["shanghai"].read_bytes())])
    ingest_paths([capture], config)
    path = config.archive / "extensions" / "archiver-index" / "receipts.json"
    receipts = json.loads(path.read_bytes())
    for entries in receipts.values():
        for receipt in entries:
            for post in receipt["posts"]:
                post.pop("made")
    path.write_text(json.dumps(receipts), encoding="utf-8")
    again = ingest_paths([capture], config, refresh=True)
    assert [(r.status, r.version) for r in again] == [("unchanged", "v1")] * 2
    assert Archive.open(config.archive).head(LONG_ID) == "v1"


def test_the_raw_page_after_a_browser_save_adds_what_the_save_lacked(config):
    saved = only(ingest_paths([BEIJING], config))
    assert (saved.object_id, saved.status) == (SHORT_ID, "added")
    raw = only(ingest_paths([RAW], config))
    assert (raw.object_id, raw.status, raw.version) == (SHORT_ID, "updated", "v2")
    archive = Archive.open(config.archive)
    assert archive.object_ids() == [SHORT_ID]
    record = archive.read_json(SHORT_ID, "record.json")
    assert record["id"] == SHORT_ID  # filed where the archive first knew it
    assert record["identity"] == {"basis": "biz-mid-idx",
                                  "value": "MzIxMTgzNjE5MA==/2247494261/1"}
    assert (record["mid"], record["published"]) == ("2247494261", "2025-11-04T15:59:29+08:00")
    # every save of it again: no more versions, whatever its order
    results = ingest_paths([*EVERY_SAVE, RAW], config, refresh=True)
    assert {(r.object_id, r.status) for r in results} == {(SHORT_ID, "unchanged")}
    assert archive.head(SHORT_ID) == "v2"


def test_the_other_name_is_kept_across_an_index_rebuild(config):
    ingest_paths([RAW], config)
    index = config.archive / "extensions" / "archiver-index" / "index.json"
    index.unlink()  # derived data: rebuilt from the objects' provenance
    assert only(ingest_paths([BEIJING], config)).object_id == LONG_ID
    assert json.loads(index.read_text("utf-8"))[LONG_ID]["aliases"] == [SHORT_ID]


def test_show_finds_a_post_by_its_other_name(config):
    ingest_paths([RAW], config)
    result = CliRunner().invoke(app, ["show", "--archive", str(config.archive), SHORT_ID,
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["id"] == LONG_ID


def test_a_save_whose_address_names_biz_mid_idx_is_filed_by_them(config, tmp_path):
    """A browser that showed the long address writes it as the save's location (made here
    from the real save by changing its two location headers: a labelled variation)."""
    data = BEIJING.read_bytes()
    long_url = ("https://mp.weixin.qq.com/s?__biz=MzIxMTgzNjE5MA==&mid=2247494261&idx=1"
                "&sn=0123456789abcdef")
    changed = data.replace(b"Content-Location: https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw",
                           b"Content-Location: " + long_url.encode())
    assert changed.count(long_url.encode()) == 2  # Snapshot-Content-Location and the page's
    save = tmp_path / "long-address.mhtml"
    save.write_bytes(changed)
    prepared = prepare_all(save, config)[0]
    assert prepared.object_id == LONG_ID
    assert prepared.record["identity"]["basis"] == "biz-mid-idx"
    assert prepared.record["mid"] == "2247494261"
    assert prepared.aliases == [SHORT_ID]


def test_an_edit_that_deletes_a_field_is_still_a_new_version(config, tmp_path):
    """Saying less is news when it is the very file the head was made from."""
    source = tmp_path / "post.md"
    text = (WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md").read_text("utf-8")
    # an address, so that the post's id does not hang on the author (as it does without)
    source.write_text(text.replace("\ntags:", "\nurl: https://mp.weixin.qq.com/s/Abcdef"
                                   "Ghij12\ntags:", 1), "utf-8")
    first = only(ingest_paths([source], config))
    assert first.object_id == "wx:s/AbcdefGhij12"
    lines = source.read_text("utf-8").splitlines(keepends=True)
    author = next(i for i, line in enumerate(lines) if line.startswith("author:"))
    source.write_text("".join(lines[:author] + lines[author + 1:]), "utf-8")
    edited = only(ingest_paths([source], config))
    assert (edited.object_id, edited.status, edited.version) == (first.object_id, "updated",
                                                                  "v2")


def test_a_crawlers_warc_and_wacz_are_the_raw_page(config, tmp_path):
    """GNU Wget's WARC (as py-wacz packed it, and taken out of the WACZ) keeps the page's
    scripts: the same record as the raw page, no version, no other object."""
    wacz = SAVES / "wget-wacz-exporter-04.wacz"
    with zipfile.ZipFile(wacz) as packed:
        warc = tmp_path / "wget.warc.gz"
        warc.write_bytes(packed.read("archive/wget.warc.gz"))
    raw = prepare_all(RAW, config)[0].record
    for container in (wacz, warc):
        record = prepare_all(container, config)[0].record
        assert {k: v for k, v in record.items() if k != "images"} == \
            {k: v for k, v in raw.items() if k != "images"}
    only(ingest_paths([RAW], config))
    results = ingest_paths([wacz, warc], config)
    assert {(r.object_id, r.status) for r in results} == {(LONG_ID, "unchanged")}


RAW05 = WECHAT / "html" / "wechat-article-exporter__图片分享-05.html"
DELETED = WECHAT / "html" / "wechat-article-exporter__作者已删除-06.html"
SHORT_04 = "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw"
SHORT_05 = "https://mp.weixin.qq.com/s/IeR0bKDttmpFLlXj3-lKiw"


def warc_of(path: Path, pages: list[tuple[str, bytes]]) -> Path:
    """A SYNTHETIC WARC (warcio) of real page bytes, each as a 200 response for ``url``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        for url, body in pages:
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")],
                    protocol="HTTP/1.1")))
    return path


def test_a_capture_deleted_then_restored_is_the_article_again(config, tmp_path):
    """A capture of the post's address, crawled again into the same file after the post was
    deleted (the deleted page made a version), then restored from a backup: the head must
    say what the file says now, the article, as for any edit of its file undone."""
    capture = tmp_path / "capture.warc"
    article = warc_of(tmp_path / "article.warc", [(SHORT_04, RAW.read_bytes())]).read_bytes()
    deleted = warc_of(tmp_path / "deleted.warc", [(SHORT_04, DELETED.read_bytes())]).read_bytes()
    capture.write_bytes(article)
    assert only(ingest_paths([capture], config)).version == "v1"
    capture.write_bytes(deleted)
    gone = only(ingest_paths([capture], config))
    assert (gone.object_id, gone.status, gone.version) == (LONG_ID, "unavailable", "v2")
    assert not any("as long as" in w for w in gone.warnings)  # a deletion is no copy cut short
    capture.write_bytes(article)
    back = only(ingest_paths([capture], config))
    assert (back.status, back.version, back.kind) == ("updated", "v3", "article")
    assert Archive.open(config.archive).head(LONG_ID) == "v3"


def test_a_capture_under_another_posts_address_is_not_filed_with_it(config, tmp_path):
    """The page's own address (og:url) says post 05; the WARC says 04's: the page wins."""
    only(ingest_paths([RAW], config))
    capture = warc_of(tmp_path / "wrong.warc", [(SHORT_04, RAW05.read_bytes())])
    prepared = prepare_all(capture, config)[0]
    assert "page_url" not in json.loads(prepared.files["provenance.json"])["fields"]
    result = only(ingest_paths([capture], config))
    assert result.status == "added" and result.object_id != LONG_ID
    assert Archive.open(config.archive).head(LONG_ID) == "v1"
    assert SHORT_ID not in prepared.aliases


RAI = (WECHAT / "html"
       / "wechatscope__gh_8e98aeecc6c0_2020-10-02_2650512939_raiHy80cW6.y.tar.gz.html")
RAI_ID = "wx:MzI2NTE1NDc3NA==/2650512939/1"


def test_a_container_address_is_no_name_of_a_page_that_gives_its_own(config, tmp_path):
    """A 2020 page names itself by its long address; a short one the capture claims cannot
    be checked against it, and is not taken: a save before or after stays apart."""
    capture = warc_of(tmp_path / "wrong.warc", [(SHORT_04, RAI.read_bytes())])
    assert prepare_all(capture, config)[0].aliases == []
    for first, then in ((BEIJING, capture), (capture, BEIJING)):
        config = config.with_overrides(archive=tmp_path / f"{first.suffix}-first")
        results = ingest_paths([first, then, RAW], config)
        assert {r.object_id for r in results} == {SHORT_ID, RAI_ID}, first


def test_a_post_is_never_filed_with_another_biz_mid_idx(config, tmp_path):
    """A page that gives no address of its own (its og:url and msg_link taken out: a
    labelled variation of a real page) is named by the capture's; but the object that name
    leads to is another post's biz/mid/idx: the page gets an object of its own all the same,
    and does not take the other post's name."""
    only(ingest_paths([RAW], config))
    page = RAI.read_bytes()
    page = re.sub(rb'<meta property="og:url"[^>]*>', b"", page)
    page = re.sub(rb'var msg_link = "[^"]*";', b'var msg_link = "";', page)
    capture = warc_of(tmp_path / "wrong.warc", [(SHORT_04, page)])
    assert prepare_all(capture, config)[0].aliases == [SHORT_ID]
    result = only(ingest_paths([capture], config))
    assert (result.status, result.object_id) == ("added", RAI_ID)
    assert Archive.open(config.archive).head(LONG_ID) == "v1"
    assert SHORT_ID not in Archive.open(config.archive).read_json(
        result.object_id, "provenance.json")["aliases"]
    assert only(ingest_paths([BEIJING], config)).object_id == LONG_ID


def test_an_og_url_that_contradicts_the_pages_own_url_is_no_name(config, tmp_path):
    """A page whose og:url is another short address than its msg_link (a labelled
    variation): the url is the page's name, the og:url is set aside."""
    page = RAW.read_bytes().replace(b'og:url" content="https://mp.weixin.qq.com/s/NJgNozEX'
                                    b'o47KCvmRL4hDiw', b'og:url" content="https://mp.weixin.'
                                    b'qq.com/s/CardToken12345', 1)
    assert b"/s/CardToken12345" in page
    card = tmp_path / "card.html"
    card.write_bytes(page)
    prepared = prepare_all(card, config)[0]
    assert prepared.record["url"] == SHORT_04
    assert prepared.aliases == [SHORT_ID]


def test_two_saves_of_one_post_in_one_warc_are_one_object(config, tmp_path):
    saves = [(SHORT_04, SINGLEFILE["shanghai"].read_bytes()),
             (SHORT_04.replace("/s/NJgNozEXo47KCvmRL4hDiw",
                               "/s?__biz=MzIxMTgzNjE5MA==&mid=2247494261&idx=1"),
              RAW.read_bytes())]
    capture = warc_of(tmp_path / "both.warc", saves)
    results = ingest_paths([capture], config)
    assert {r.object_id for r in results} == {SHORT_ID}
    assert [r.status for r in results] == ["added", "updated"]
    again = ingest_paths([capture], config, refresh=True)
    assert {(r.object_id, r.status) for r in again} == {(SHORT_ID, "unchanged")}


def test_a_save_read_again_after_an_edit_is_held_by_the_version_it_says_less_than(
        config, tmp_path):
    """RAW, then a save without scripts (unchanged v1), then an edit of the raw page (v2):
    the save, read again, says less than v1, and is no new version taking the text back."""
    raw = tmp_path / "raw.html"
    raw.write_bytes(RAW.read_bytes())
    only(ingest_paths([raw], config))
    assert only(ingest_paths([BEIJING], config)).version == "v1"
    raw.write_bytes(RAW.read_bytes().replace("就差1.5点".encode(), "就差2点".encode()))
    assert only(ingest_paths([raw], config)).version == "v2"
    again = only(ingest_paths([BEIJING], config, refresh=True))
    assert (again.status, again.version) == ("unchanged", "v1")
    assert Archive.open(config.archive).head(LONG_ID) == "v2"


def test_a_warc_of_the_raw_page_then_a_save_without_scripts_adds_one_version(config, tmp_path):
    long_url = "https://mp.weixin.qq.com/s?__biz=MzIxMTgzNjE5MA==&mid=2247494261&idx=1"
    capture = warc_of(tmp_path / "both.warc", [(long_url, RAW.read_bytes()),
                                               (SHORT_04, SINGLEFILE["shanghai"].read_bytes())])
    results = ingest_paths([capture], config)
    assert [(r.object_id, r.status, r.version) for r in results] == [
        (LONG_ID, "added", "v1"), (LONG_ID, "unchanged", "v1")]


def test_show_takes_a_whole_id_written_without_wx_before_any_longer_one(config, tmp_path):
    """Two posts whose short addresses share a beginning (the second a labelled variation
    of the first's save): the whole id, with or without ``wx:``, is not a prefix."""
    longer = tmp_path / "longer.html"
    longer.write_bytes(SINGLEFILE["utc"].read_bytes().replace(
        b"NJgNozEXo47KCvmRL4hDiw", b"NJgNozEXo47KCvmRL4hDiwXX"))
    ingest_paths([BEIJING, longer], config)
    for given in (SHORT_ID, SHORT_ID.removeprefix("wx:")):
        result = CliRunner().invoke(app, ["show", "--archive", str(config.archive), given,
                                          "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["id"] == SHORT_ID


def test_a_save_that_says_more_and_less_keeps_what_the_object_knew(config, tmp_path):
    """A save without scripts that also differs (here a sentence added to the real
    SingleFile save: a labelled variation) is a new version; its exact time and ids, which
    the save lacks, are the head's, and provenance says so."""
    only(ingest_paths([RAW], config))
    save = tmp_path / "more.html"
    save.write_bytes(SINGLEFILE["new-york"].read_bytes().replace(
        "原以为下午2点之前".encode(), "原以为（补记）下午2点之前".encode(), 1))
    result = only(ingest_paths([save], config))
    assert (result.object_id, result.status, result.version) == (LONG_ID, "updated", "v2")
    archive = Archive.open(config.archive)
    record = archive.read_json(LONG_ID, "record.json")
    assert "补记" in record["text"]
    assert record["published"] == "2025-11-04T15:59:29+08:00"
    assert (record["mid"], record["idx"]) == ("2247494261", "1")
    assert record["account"]["id"] == "gh_139c40f8a7c6"
    carried = archive.read_json(LONG_ID, "provenance.json")["carried"]
    assert carried["published"] == {"from": "v1", "this_save": "2025-11-04T02:59:00-05:00"}
    assert carried["mid"] == {"from": "v1", "this_save": None}
    # read again, it is that version, not a newer one each time
    again = ingest_paths([save, RAW], config, refresh=True)
    assert [(r.status, r.version) for r in again] == [("unchanged", "v2"), ("unchanged", "v1")]


def test_a_time_read_at_a_known_offset_replaces_one_read_as_beijing_time(config):
    """Chrome's save in UTC says 07:59, read as Beijing time (8 h off); SingleFile's in New
    York says 02:59 at -05:00, the true minute: it is news."""
    only(ingest_paths([UTC_BROWSER], config))
    better = only(ingest_paths([SINGLEFILE["new-york"]], config))
    assert (better.status, better.version) == ("updated", "v2")
    record = Archive.open(config.archive).read_json(SHORT_ID, "record.json")
    assert record["published"] == "2025-11-04T02:59:00-05:00"
    assert only(ingest_paths([UTC_BROWSER], config)).version == "v1"  # held, not news


def test_hash_ids_are_no_aliases(config, tmp_path):
    """Deletion pages have no address of their own: the capture's is their name, and each
    goes to its own post; the page's content hash is no name of either."""
    ingest_paths([RAW, RAW05], config)
    deleted = DELETED.read_bytes()
    capture = warc_of(tmp_path / "gone.warc", [(SHORT_04, deleted), (SHORT_05, deleted + b" ")])
    for prepared in prepare_all(capture, config):
        assert all(not name.startswith(("wx:c/", "wx:t/")) for name in prepared.aliases)
    first = ingest_paths([capture], config)
    again = ingest_paths([capture], config, refresh=True)
    assert [r.object_id for r in first] == [r.object_id for r in again] == \
        [LONG_ID, "wx:MzkyODQ5MTIzNw==/2247490415/1"]
    assert [r.status for r in again] == ["unchanged", "unchanged"]


def test_an_archive_that_never_kept_the_alias_learns_it_on_reingest(config):
    """As an archive made before aliases were kept: the index entry has none."""
    only(ingest_paths([RAW], config))
    index_path = config.archive / "extensions" / "archiver-index" / "index.json"
    index = json.loads(index_path.read_text("utf-8"))
    del index[LONG_ID]["aliases"]
    index_path.write_text(json.dumps(index), "utf-8")
    assert only(ingest_paths([RAW], config, refresh=True)).status == "unchanged"
    assert only(ingest_paths([BEIJING], config)).object_id == LONG_ID


@pytest.mark.parametrize("convert", [
    lambda data: data.replace(b"\n", b"\r\n"),
    lambda data: data.replace(b"\n", b"\r"),
    lambda data: data.decode("utf-8").encode("utf-16")],  # with its BOM
    ids=["crlf", "cr", "utf-16"])
def test_a_converted_singlefile_save_is_read_as_saved(config, tmp_path, convert):
    """The real save converted as editors and tools do: line ends, UTF-16."""
    save = tmp_path / "converted.html"
    save.write_bytes(convert(SINGLEFILE["new-york"].read_bytes()))
    assert prepare_all(save, config)[0].record["published"] == "2025-11-04T02:59:00-05:00"


def test_show_finds_a_post_by_a_prefix_of_its_other_name(config):
    ingest_paths([RAW], config)
    result = CliRunner().invoke(app, ["show", "--archive", str(config.archive),
                                      "s/NJgNozEXo", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["id"] == LONG_ID


def test_a_page_whose_links_wget_rewrote_keeps_its_address(config):
    """GNU Wget's -E -k -p save of a scraper page (real output; the page only, not its
    folder) points the 原文链接 link at a local file; the link's text still gives the address,
    so it is the same post as the page as scraped."""
    wget = SAVES / "wget-k-mufeng-2021-07-07.html"
    assert b'href="s%3F__biz=' in wget.read_bytes()
    page = (WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代" / "html"
            / "2021-07-07_送别一个旧时代.html")
    assert prepare_all(wget, config)[0].object_id == prepare_all(page, config)[0].object_id \
        == "wx:MzI0ODE5NDU5Mw==/2649550139/1"


def test_wgets_page_without_its_image_folder_takes_no_image_away_from_the_page_save(config):
    """wget's page (real output, saved beside its images/ folder, which is not here) names
    ``images/…/img_002.jpg`` what the exporter's page, saved in html/, names
    ``../images/…/img_002.jpg``: the same file of the same post. Ingested after that save,
    it is unchanged and keeps the stored images (it made a v2 with all three missing)."""
    wget = SAVES / "wget-k-mufeng-2021-07-07.html"
    first = ingest_paths([MUFENG_2021], config)
    again = ingest_paths([wget], config)
    assert [r.status for r in first] == ["added"] and [r.status for r in again] == ["unchanged"]
    assert any("not obtained this time" in w and "v1's is kept" in w for w in again[0].warnings)
    record = Archive.open(config.archive).read_json(first[0].object_id, "record.json")
    assert [i["status"] for i in record["images"]] == ["stored"] * 3
    assert {i["original"] for i in record["images"]} == {
        "../images/2021-07-07_送别一个旧时代/img_002.jpg"}


def test_a_singlefile_save_with_grouped_images_gives_the_images_not_their_placeholders(
        config):
    """SingleFile's default groups duplicate images: each <img> gets a transparent SVG
    placeholder and the image itself sits in a CSS variable (real output)."""
    save = SAVES / "singlefile-save-mufeng-2021-07-07.html"
    assert b"var(--sf-img-1)" in save.read_bytes()
    saved, raw = prepare_all(save, config)[0], prepare_all(MUFENG_2021, config)[0]
    assert saved.object_id == raw.object_id
    digests = [(i["status"], i.get("sha256")) for i in saved.record["images"]]
    assert digests == [(i["status"], i.get("sha256")) for i in raw.record["images"]]
    assert all(status == "stored" for status, _ in digests)
    for key in ("title", "published", "url", "text", "account"):
        assert saved.record[key] == raw.record[key], key


MUFENG_2021 = (WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代" / "html"
               / "2021-07-07_送别一个旧时代.html")


@pytest.mark.parametrize("first", ["page", "save"])
def test_a_save_that_blocked_images_takes_none_away(config, first):
    """single-file-cli --block-images (real output) leaves each <img> "data:,": no image
    and no reference. After the page it adds nothing; before it, the page adds them."""
    save = SAVES / "singlefile-save-mufeng-2021-07-07-blocked-images.html"
    [image] = {i["reason"] for i in prepare_all(save, config)[0].record["images"]}
    assert image.startswith("no image here: an empty data: URI")
    order = [MUFENG_2021, save] if first == "page" else [save, MUFENG_2021]
    results = ingest_paths(order, config)
    record = Archive.open(config.archive).read_json(results[0].object_id, "record.json")
    assert [i["status"] for i in record["images"]] == ["stored"] * 3
    assert [r.status for r in results] == (["added", "unchanged"] if first == "page"
                                           else ["added", "updated"])


def test_saves_of_a_deletion_page_are_named_by_the_address_they_were_saved_from(config):
    """A deletion page names no post; its saves (real Chrome and SingleFile output, served
    at a made-up address) are named by that address, not by the hash of their bytes, which
    differ from save to save."""
    saves = [SAVES / "chrome-save-deleted-06-shanghai.mhtml",
             SAVES / "singlefile-save-deleted-06-shanghai.html"]
    results = ingest_paths(saves, config)
    assert [(r.object_id, r.status, r.version) for r in results] == [
        ("wx:s/DeletedPost06xyzAB", "unavailable", "v1"),
        ("wx:s/DeletedPost06xyzAB", "unchanged", "v1")]
    # ... and known, and cited, by that address
    record = Archive.open(config.archive).read_json("wx:s/DeletedPost06xyzAB", "record.json")
    assert record["url"] == "https://mp.weixin.qq.com/s/DeletedPost06xyzAB"
    provenance = Archive.open(config.archive).read_json("wx:s/DeletedPost06xyzAB",
                                                       "provenance.json")
    assert "the page gives no address of its own" in json.dumps(provenance, ensure_ascii=False)


def test_an_image_share_post_saved_without_its_scripts_is_refused_saying_why(config):
    """An image-share post keeps its pictures and text in script data; a save without the
    scripts (real SingleFile output) holds neither, and says so rather than archive an
    empty post over the real one."""
    save = SAVES / "singlefile-save-image-share-05-shanghai.html"
    with pytest.raises(MalformedInput, match="image-share post saved without the page's "
                                             "scripts") as info:
        prepare_all(save, config)
    assert info.value.path == str(save)
    assert "WARC" in (info.value.hint or "")


def test_a_page_wget_named_by_its_address_is_read_when_named(config, tmp_path):
    """wget (without -E) names a page by its address, with no suffix: named on the command
    line, it is read by its content; a folder walk still passes it over (the folder is then
    one with no saved post)."""
    folder = tmp_path / "mp.weixin.qq.com"
    folder.mkdir()
    page = folder / ("s?__biz=MzI0ODE5NDU5Mw==&mid=2649550139&idx=1&sn=eb4cae5068b6c84434565"
                     "d6fa48cc651&scene=21")
    page.write_bytes(MUFENG_2021.read_bytes())
    assert only(ingest_paths([page], config)).object_id == "wx:MzI0ODE5NDU5Mw==/2649550139/1"
    [walked] = ingest_paths([folder], config.with_overrides(archive=tmp_path / "walked"))
    assert (walked.status, walked.object_id) == ("skipped", None)  # the folder: no saved post
    assert walked.error is not None and walked.error.message == "no saved posts in this folder"


class TestShownInSomeZone:
    """A time a page displayed, read as Beijing time, against the exact time."""

    EXACT = "2025-11-04T15:59:29+08:00"

    @pytest.mark.parametrize("shown", [
        "2025-11-04T15:59:00+08:00",  # Beijing
        "2025-11-04T07:59:00+08:00",  # UTC
        "2025-11-04T02:59:00+08:00",  # UTC-5
        "2025-11-04T13:44:00+08:00",  # Nepal, UTC+5:45
        "2025-11-03T19:59:00+08:00",  # UTC-12
        "2025-11-04T21:59:00+08:00",  # UTC+14
        "2025-11-04",                 # a date alone
        "2025-11-03",                 # the date west of UTC-8
    ])
    def test_a_clock_reading_somewhere(self, shown):
        assert shown_in_some_zone(shown, self.EXACT)

    @pytest.mark.parametrize("shown", [
        "2025-11-04T16:00:00+08:00",  # another minute
        "2025-11-04T15:59:29+08:00",  # seconds: no page shows them
        "2025-11-04T13:50:00+08:00",  # no zone is 2 h 9 min from Beijing
        "2025-11-03T15:59:00+08:00",  # a day before: no zone is 24 h away
        "2025-11-04T22:59:00+08:00",  # UTC+15: no such zone
        "2025-11-06",
        "yesterday",
    ])
    def test_not_a_clock_reading(self, shown):
        assert not shown_in_some_zone(shown, self.EXACT)


class TestSaysLess:
    SAVE = OtherSave(frozenset({LONG_ID, SHORT_ID}), zone_unknown=True)

    def test_lacking_ids_and_precision_is_saying_less(self):
        assert self.SAVE.says_less("mid", None, "2247494261")
        assert self.SAVE.says_less("account", {"name": "波元霸"},
                                   {"name": "波元霸", "id": "gh_139c40f8a7c6"})
        assert self.SAVE.says_less("url", "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw",
                                   "https://mp.weixin.qq.com/s?__biz=MzIxMTgzNjE5MA==&mid=1")
        assert self.SAVE.says_less("identity", {"basis": "url-token",
                                                "value": "s/NJgNozEXo47KCvmRL4hDiw"}, {})
        assert self.SAVE.says_less("published", "2025-11-04T07:59:00+08:00",
                                   "2025-11-04T15:59:29+08:00")

    def test_another_value_is_news(self):
        assert not self.SAVE.says_less("mid", "2247494262", "2247494261")
        assert not self.SAVE.says_less("title", "另一个标题", "好险")
        assert not self.SAVE.says_less("account", {"name": "别的号"}, {"name": "波元霸"})
        assert not self.SAVE.says_less("url", "https://mp.weixin.qq.com/s/AnotherPost12",
                                       "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw")
        assert not self.SAVE.says_less("identity", {"basis": "url-token",
                                                    "value": "s/AnotherPost12"}, {})
        assert not self.SAVE.says_less("text", "", "正文")

    def test_a_time_read_in_a_known_zone_must_be_the_same(self):
        known = OtherSave(frozenset({LONG_ID}), zone_unknown=False)
        assert not known.says_less("published", "2025-11-04T07:59:00+08:00",
                                   "2025-11-04T15:59:29+08:00")
        assert known.says_less("published", None, "2025-11-04T15:59:29+08:00")

    @pytest.mark.parametrize(("new", "less"), [
        ("2025-11-04", True), ("2025-11", True), ("2025", True),
        ("2025-11-05", False), ("2025-10", False), ("2024", False)])
    def test_a_date_month_or_year_alone_is_less_than_the_time_it_holds(self, new, less):
        """A Markdown export dated ``2025`` or ``2025-11`` of a post archived with its exact
        time: the time is kept, not replaced by the coarser date."""
        known = OtherSave(frozenset({LONG_ID}), zone_unknown=False)
        assert known.says_less("published", new, "2025-11-04T15:59:29+08:00") is less
        assert not known.says_less("published", "2025-11-04T15:59:29+08:00", new)


def test_aliases_learned_on_reingest_survive_an_index_rebuild(config, monkeypatch):
    """As an archive made before aliases were kept: its provenance, immutable, names none.
    The re-read learns them; the list index is derived data, rebuilt from the objects and the
    receipts, and the rebuilt one still files the browser's save with the raw page."""
    import archiver.prepare as prepare

    with monkeypatch.context() as old_build:
        old_build.setattr(prepare, "names_of", lambda post, identity: [])
        only(ingest_paths([RAW], config))
    archive = Archive(config.archive)
    assert not archive.read_json(LONG_ID, "provenance.json").get("aliases")
    assert only(ingest_paths([RAW], config, refresh=True)).status == "unchanged"
    index = config.archive / "extensions" / "archiver-index" / "index.json"
    index.unlink()
    result = only(ingest_paths([BEIJING], config))
    assert result.object_id == LONG_ID
    assert json.loads(index.read_text("utf-8"))[LONG_ID]["aliases"] == [SHORT_ID]


def test_a_rebuild_takes_no_alias_two_objects_learned_nor_a_failed_posts(config):
    """Receipts are derived data, and may be stale: a name the receipts of two objects both
    give (no rule settles which is its owner), or a post's that failed, is no alias."""
    from archiver.index import RECEIPTS_NAME, rebuild_index

    seed = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
    ingest_paths([RAW, seed], config)
    archive = Archive.open(config.archive)
    receipts = json.loads(archive.read_extension_file(RECEIPTS_NAME))
    posts = [post for entries in receipts.values() for entry in entries
             for post in entry["posts"]]
    [seed_post] = [post for post in posts if post["id"] != LONG_ID]
    assert len(posts) == 2
    for post in posts:
        post["aliases"] = sorted({*post.get("aliases", ()), "wx:s/BothClaimIt000001"})
    seed_post["aliases"].append("wx:s/OnlyTheSeed00001")
    failed = {"id": LONG_ID, "version": "", "aliases": ["wx:s/AFailedPost00001"]}
    next(iter(receipts.values()))[0]["posts"].append(failed)
    with archive.writer():
        archive.write_extension_file(RECEIPTS_NAME, json.dumps(receipts).encode())
    index = rebuild_index(archive)
    names = {object_id: entry.get("aliases", []) for object_id, entry in index.items()}
    assert names[LONG_ID] == [SHORT_ID]
    assert names[seed_post["id"]] == ["wx:s/OnlyTheSeed00001"]


@pytest.mark.parametrize("page, named", [
    (b'<img src="images/1.jpg">', True),
    (b"<img src=./images/1.jpg>", True),
    (b'<div style="background:url(images/1.jpg)">', True),
    (b'<img src="images/1.jpg?v=2#x">', True),
    (b'<img srcset="images/0.jpg 1x, images/1.jpg 2x">', True),
    (b'<img src="images/11.jpg">', False),
    (b'<img src="other/images/1.jpg.bak">', False),
])
def test_a_zip_entry_is_read_when_the_page_names_it(page, named):
    """The page's names are gathered in one pass and each entry looked up among them (a
    search of the whole page per entry took minutes for thousands of entries)."""
    from zipfile import ZipInfo

    from archiver.readers.singlefile_zip import _names_in, _referenced
    assert _referenced(ZipInfo("images/1.jpg"), ZipInfo("index.html"), _names_in(page)) is named


TOKYO = WECHAT / "html-with-assets" / "mufeng__2018-01-29_大都市与小城镇——从东京的人口说起"


@pytest.mark.parametrize("page_first", [True, False], ids=["page-first", "export-first"])
def test_an_export_naming_each_image_图片_is_the_page_that_names_none(config, page_first):
    """This REAL page gives its images no alt text; its REAL Markdown export writes
    `![图片](…)` for each, the word for "picture" that WeChat and exporters put where no
    one described the image. That placeholder says nothing the page did not: the export,
    after the page or before it, adds no version. (The other export beside it, of
    2021-07-07, does differ from its page: the exporter left stray `**` in its text.)"""
    page, export = next((TOKYO / "html").glob("*.html")), next((TOKYO / "md").glob("*.md"))
    assert "![图片](" in export.read_text(encoding="utf-8")
    first, second = (page, export) if page_first else (export, page)
    added = only(ingest_paths([first], config))
    again = only(ingest_paths([second], config))
    assert (again.object_id, again.status, again.version) == (added.object_id, "unchanged",
                                                              "v1")


def test_an_image_described_differently_is_news(config, tmp_path):
    """A save that describes an image where the archived one named it only "图片" says more:
    a version (the REAL export above, one image's text written by hand)."""
    export = next((TOKYO / "md").glob("*.md"))
    text = export.read_text(encoding="utf-8")
    described = tmp_path / "md" / export.name
    described.parent.mkdir()
    described.write_text(text.replace("![图片]", "![东京都市圈人口对比表]", 1), encoding="utf-8")
    (tmp_path / "images").symlink_to(TOKYO / "images")
    only(ingest_paths([next((TOKYO / "html").glob("*.html"))], config))
    again = only(ingest_paths([described], config))
    assert (again.status, again.version) == ("updated", "v2")


def _edits(config, tmp_path: Path, numbers: range) -> list:
    """Ingest an edit of one post (it has an address: one object) for each of ``numbers``,
    each from a file of its own (another save of the post, to the object)."""
    text = (WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md").read_text("utf-8")
    text = text.replace("\ntags:", "\nurl: https://mp.weixin.qq.com/s/Abcdef"
                        "Ghij12\ntags:", 1)
    results = []
    for number in numbers:
        save = tmp_path / f"save-{number}.md"
        save.write_text(text.replace("作品简介", f"作品简介（第{number}稿）", 1), "utf-8")
        results.append(only(ingest_paths([save], config)))
    return results


def test_a_long_history_is_searched_from_one_reading_of_the_inventory(config, tmp_path,
                                                                     inventory_parses):
    """Another save of a post is compared with every earlier record the object holds; the
    root inventory, which lists every version, is read a fixed number of times for that,
    not once per version (a post with 300 versions took seconds to be found unchanged)."""
    per_ingest = {}
    for number in range(1, 13):
        inventory_parses.clear()
        [result] = _edits(config, tmp_path, range(number, number + 1))
        assert (result.status, result.version) == ("added" if number == 1 else "updated",
                                                   f"v{number}")
        per_ingest[number] = len(inventory_parses)
    assert per_ingest[12] == per_ingest[4], per_ingest


def test_fsck_reads_each_root_inventory_a_fixed_number_of_times(config, tmp_path,
                                                               inventory_parses):
    """fsck checks each version's documents against the schemas; the root inventory that
    says where they are is not parsed again for each (at 300 versions, most of a
    4.8-second fsck)."""
    def parsed_by_fsck() -> int:
        inventory_parses.clear()
        assert check_archive(Archive.open(config.archive)).ok
        return len(inventory_parses)

    _edits(config, tmp_path, range(1, 3))
    short = parsed_by_fsck()
    _edits(config, tmp_path, range(3, 9))
    assert parsed_by_fsck() == short


def test_a_save_naming_its_images_with_other_separators_keeps_the_stored_ones(config,
                                                                             tmp_path):
    """The same "save page complete" page saved on Windows (``page_files\\img_000.jpg``,
    its folder beside it) and copied elsewhere without its folder (``page_files/…``): the
    second names the same files, which it lacks, and adds no version taking the stored
    images away (compared as they are looked for: ``reference_key``)."""
    saved = FIXTURES / "containers" / "converted-savepage-mufeng-2018-01-29"
    page = (saved / "page.html").read_text("utf-8")
    windows, elsewhere = tmp_path / "windows", tmp_path / "elsewhere"
    shutil.copytree(saved, windows)
    (windows / "page.html").write_text(page.replace('src="./page_files/',
                                                    'src="page_files\\'), "utf-8")
    elsewhere.mkdir()
    (elsewhere / "page.html").write_text(page.replace('src="./page_files/',
                                                      'src="page_files/'), "utf-8")
    first = only(ingest_paths([windows / "page.html"], config))
    stored = [i for i in Archive.open(config.archive).read_json(
        first.object_id, "record.json")["images"] if i["status"] == "stored"]
    assert first.status == "added" and len(stored) == 4
    again = only(ingest_paths([elsewhere / "page.html"], config))
    assert (again.status, again.version) == ("unchanged", "v1")


def test_a_time_to_the_minute_says_less_than_the_same_time_to_the_second():
    """An exporter's "发布时间:2020-10-02 22:08" for the page's 22:08:36: no news (a version
    would take the page's seconds away); another minute, or another offset, is."""
    from archiver.saves import _to_the_minute

    page = "2020-10-02T22:08:36+08:00"
    assert _to_the_minute("2020-10-02T22:08:00+08:00", page)
    assert not _to_the_minute("2020-10-02T22:07:00+08:00", page)
    assert not _to_the_minute("2020-10-02T14:08:00+00:00", page)  # in another offset
    assert not _to_the_minute("2020-10-02T22:08:00+08:00", "2020-10-02T22:08:00+08:00")
    assert not _to_the_minute("2020-10-02T22:08:00", page)  # no offset: another matter


def _complete_save(page: Path, folder: Path, order: tuple[int, ...] = ()) -> list[str]:
    """Chrome's "Webpage, Complete" of ``page`` in ``folder``: each image of the article's
    body is given ``src="./page_files/img_N.jpg"``, its ``data-src`` kept as the browser
    keeps it, and the file written in ``page_files/``. The corpus holds none of this page's
    own images: the bytes stand in for them, each a REAL image of another corpus post
    (MUFENG_2018's, distinct). ``order``: the images in another order than the page's (an
    edit that swaps them). Returns the addresses, in the page's order."""
    images = sorted(TOKYO_IMAGES.glob("img_*.jpg"))
    data = page.read_bytes()
    body = data.index(b'id="js_content"')
    addresses: list[str] = []

    def with_copy(tag: re.Match[bytes]) -> bytes:
        addresses.append(tag[1].decode())
        return tag[0].replace(b"<img ", b'<img src="./page_files/img_%d.jpg" '
                              % len(addresses), 1)
    head, rest = data[:body], re.sub(rb'<img [^>]*?data-src="(https://mmbiz[^"]+)"[^>]*>',
                                     with_copy, data[body:])
    files = folder / "page_files"
    files.mkdir(parents=True)
    for n in range(1, len(addresses) + 1):
        taken = order[n - 1] if order else n
        shutil.copyfile(images[(taken - 1) % len(images)], files / f"img_{n}.jpg")
    (folder / "page.html").write_bytes(head + rest)
    return addresses


TOKYO_IMAGES = (WECHAT / "html-with-assets" / "mufeng__2018-01-29_大都市与小城镇——从东京的人口说起"
                / "images" / "2018-01-29_大都市与小城镇——从东京的人口说起")


def test_a_complete_save_records_each_images_web_address_beside_its_copy(config, tmp_path):
    addresses = _complete_save(RAW, tmp_path / "complete")
    [saved], [raw] = prepare_all(tmp_path / "complete" / "page.html", config), \
        prepare_all(RAW, config)
    assert len(addresses) >= 2 and len(saved.record["images"]) == len(addresses)
    assert [i["address"] for i in saved.record["images"]] == addresses
    assert [i["original"] for i in saved.record["images"]] == [
        f"./page_files/img_{n}.jpg" for n in range(1, len(addresses) + 1)]
    assert all(i["status"] == "stored" for i in saved.record["images"])
    # the raw page names its images by their addresses alone: no second name
    assert [i["original"] for i in raw.record["images"]] == addresses
    assert not any("address" in i for i in raw.record["images"])


def test_the_page_alone_after_its_complete_save_adds_no_version(config, tmp_path):
    """Saved "Webpage, HTML only" after its complete save (the raw page: no copies, each
    image named by its address, not fetched), the post is unchanged and keeps its images."""
    _complete_save(RAW, tmp_path / "complete")
    first = only(ingest_paths([tmp_path / "complete" / "page.html"], config))
    again = only(ingest_paths([RAW], config))
    assert (first.status, again.status) == ("added", "unchanged")
    assert any("v1's is kept" in w for w in again.warnings)
    record = Archive.open(config.archive).read_json(first.object_id, "record.json")
    assert {i["status"] for i in record["images"]} == {"stored"}


def test_the_page_alone_before_its_complete_save_is_completed_by_it(config, tmp_path):
    _complete_save(RAW, tmp_path / "complete")
    first = only(ingest_paths([RAW], config))
    again = only(ingest_paths([tmp_path / "complete" / "page.html"], config))
    assert (first.status, again.status, again.version) == ("added", "updated", "v2")
    record = Archive.open(config.archive).read_json(first.object_id, "record.json")
    assert {i["status"] for i in record["images"]} == {"stored"}


def test_the_page_alone_with_two_images_swapped_after_its_complete_save_is_news(
        config, tmp_path):
    """An image named by its address at another place than the complete save put it: an
    edit, a version, whose images are the copies the addresses name, each in its new place
    (by place alone, the page alone would have taken each copy for the other image)."""
    addresses = _complete_save(RAW, tmp_path / "complete")
    first, second = (a.encode() for a in addresses[:2])
    edited = tmp_path / "edited.html"
    edited.write_bytes(RAW.read_bytes().replace(first, b"\0").replace(second, first)
                       .replace(b"\0", second))
    results = ingest_paths([tmp_path / "complete" / "page.html", edited], config)
    assert [r.status for r in results] == ["added", "updated"]
    archive = Archive.open(config.archive)
    v1, v2 = (archive.read_json(results[0].object_id, "record.json", v) for v in ("v1", "v2"))
    # each carried forward as the copy v1 holds, under the address the page gives it
    assert [i["address"] for i in v2["images"][:2]] == addresses[1::-1]
    assert [i["original"] for i in v2["images"][:2]] == ["./page_files/img_2.jpg",
                                                         "./page_files/img_1.jpg"]
    assert [i["status"] for i in v2["images"]] == ["stored"] * len(addresses)
    assert [i["sha256"] for i in v2["images"][:2]] == [i["sha256"] for i in v1["images"][1::-1]]
    assert v2["images"][2:] == v1["images"][2:]


def _edited_save_without_copies(tmp_path: Path, edit) -> Path:
    """A complete save of RAW edited by ``edit`` (bytes → bytes), its page_files/ left
    behind: the copies named by their place in the page, as a browser names them."""
    edited = tmp_path / "edited-raw.html"
    edited.write_bytes(edit(RAW.read_bytes()))
    _complete_save(edited, tmp_path / "edited")
    shutil.rmtree(tmp_path / "edited" / "page_files")
    return tmp_path / "edited" / "page.html"


@pytest.mark.parametrize("edit", ["replaced", "swapped"])
def test_copies_named_by_their_place_are_not_the_image_another_address_names(
        config, tmp_path, edit):
    """A complete save of an edited post whose copies are not here: its first image, named
    ``img_1.jpg`` as before, is another (another address): an edit, and no copy is carried
    to a place whose address is another's."""
    addresses = _complete_save(RAW, tmp_path / "complete")
    first, second = (a.encode() for a in addresses[:2])
    if edit == "replaced":
        def change(page: bytes) -> bytes:
            return page.replace(first, b"https://mmbiz.qpic.cn/mmbiz_jpg/REPLACED/640", 1)
    else:
        def change(page: bytes) -> bytes:
            return page.replace(first, b"\0").replace(second, first).replace(b"\0", second)
    save = _edited_save_without_copies(tmp_path, change)
    results = ingest_paths([tmp_path / "complete" / "page.html", save], config)
    assert [r.status for r in results] == ["added", "updated"]
    archive = Archive.open(config.archive)
    v1, v2 = (archive.read_json(results[0].object_id, "record.json", v) for v in ("v1", "v2"))
    if edit == "replaced":
        assert v2["images"][0]["status"] == "missing"
        assert v2["images"][0]["address"].endswith("/REPLACED/640")
        assert v2["images"][1:] == v1["images"][1:]  # the others: carried, at their places
    else:
        assert v2["images"][:2] == v1["images"][1::-1]  # each copy carried by its address


def test_a_record_made_before_addresses_were_kept_is_not_changed_by_one(
        config, tmp_path, monkeypatch):
    """A complete save archived by a version of archiver that kept no address, read again:
    unchanged (its record now gives the addresses, and nothing else: no news)."""
    from archiver.clean import body

    _complete_save(RAW, tmp_path / "complete")
    page = tmp_path / "complete" / "page.html"
    with monkeypatch.context() as before:
        before.setattr(body, "web_address", lambda img, source: None)
        first = only(ingest_paths([page], config))
    record = Archive.open(config.archive).read_json(first.object_id, "record.json")
    assert not any("address" in image for image in record["images"])
    again = only(ingest_paths([page], config, refresh=True))  # read, not taken from receipts
    assert (first.status, again.status) == ("added", "unchanged")


def test_a_save_whose_image_folder_is_not_here_takes_no_image_away_whatever_it_names_them(
        config):
    """SingleFile's ZIP (REAL output, its images inside), then wget's page (REAL output,
    saved beside an images/ folder that is not here, naming the files otherwise): the wget
    page's file names are all it says of its images, which says nothing new; it made a v2
    without them, which every later save was held against as v1."""
    zipped = SAVES / "singlefile-plain-zip-mufeng-2021-07-07.zip"
    wget = SAVES / "wget-k-mufeng-2021-07-07.html"
    results = ingest_paths([zipped, wget, MUFENG_2021], config)
    assert [r.status for r in results] == ["added", "unchanged", "unchanged"]
    assert any("not obtained this time" in w and "v1's image in its place is kept (this "
               "save's image files are none of them here" in w for w in results[1].warnings)
    archive = Archive.open(config.archive)
    assert [v.number for v in archive.versions(results[0].object_id)] == ["v1"]
    record = archive.read_json(results[0].object_id, "record.json")
    assert {i["status"] for i in record["images"]} == {"stored"}


def test_a_new_version_from_such_a_save_takes_no_image_by_its_place_alone(config, tmp_path):
    """The wget page edited (its text): a version, whose images are missing, as the save
    gives them; none is put in its place by guess (the edit may have moved them)."""
    zipped = SAVES / "singlefile-plain-zip-mufeng-2021-07-07.zip"
    edited = tmp_path / "wget.html"
    text = (SAVES / "wget-k-mufeng-2021-07-07.html").read_text(encoding="utf-8")
    assert text.count("旧时代") > 1
    edited.write_text(text.replace("旧时代", "旧的时代"), encoding="utf-8")
    results = ingest_paths([zipped, edited], config)
    assert [r.status for r in results] == ["added", "updated"]
    record = Archive.open(config.archive).read_json(results[0].object_id, "record.json")
    assert {i["status"] for i in record["images"]} == {"missing"}


def test_a_save_with_some_of_its_image_files_here_names_another_image_by_a_new_name(
        config, tmp_path):
    """An export naming its images by their digest (as some do): a copy of the post whose
    second reference names another file, that file not here while the first is: an edit, a
    version, not the first save's image 2 taken for it."""
    images = sorted(TOKYO_IMAGES.glob("img_*.jpg"))
    first = tmp_path / "e1" / "post.md"
    (first.parent / "images").mkdir(parents=True)
    shutil.copyfile(images[0], first.parent / "images" / "3f2a.jpg")
    shutil.copyfile(images[1], first.parent / "images" / "9b1c.jpg")
    page = ("---\ntitle: 图\nurl: https://mp.weixin.qq.com/s/AbcdefGhij12\n---\n\n正文。\n\n"
            "![](images/3f2a.jpg)\n\n![]({})\n")
    first.write_text(page.format("images/9b1c.jpg"), encoding="utf-8")
    other = tmp_path / "e3" / "post.md"
    (other.parent / "images").mkdir(parents=True)
    shutil.copyfile(images[0], other.parent / "images" / "3f2a.jpg")
    other.write_text(page.format("images/77de.jpg"), encoding="utf-8")
    results = ingest_paths([first, other], config)
    assert [r.status for r in results] == ["added", "updated"]
    record = Archive.open(config.archive).read_json(results[0].object_id, "record.json")
    assert [i["status"] for i in record["images"]] == ["stored", "missing"]


def test_a_moved_copy_naming_the_held_images_in_another_order_is_an_edit(config, tmp_path):
    """The REAL export of a post with its images, then a copy of it elsewhere, its images
    left behind, two of its references swapped: its names are the held images' own, so they
    tell where each is: an edit, and each image carried to its new place by its name."""
    export = next((WECHAT / "html-with-assets").glob("mufeng__2018-01-29_*/md/*.md"))
    text = export.read_text(encoding="utf-8")
    assert "img_001.jpg" in text and "img_003.jpg" in text
    moved = tmp_path / "vault" / "md" / "post.md"
    moved.parent.mkdir(parents=True)
    moved.write_text(text.replace("img_001.jpg", "\0").replace("img_003.jpg", "img_001.jpg")
                     .replace("\0", "img_003.jpg"), encoding="utf-8")
    results = ingest_paths([export, moved], config)
    assert [r.status for r in results] == ["added", "updated"]
    archive = Archive.open(config.archive)
    v1, v2 = (archive.read_json(results[0].object_id, "record.json", v) for v in ("v1", "v2"))
    by_name = {i["original"].rsplit("/", 1)[-1]: i["sha256"] for i in v1["images"]}
    assert [i["sha256"] for i in v2["images"]] == [
        by_name[i["original"].rsplit("/", 1)[-1]] for i in v2["images"]]
    assert [i["original"] for i in v2["images"]] != [i["original"] for i in v1["images"]]


def test_as_head_compares_with_the_head_alone_and_adds_nothing_a_save_says_less_than(
        config, tmp_path):
    """``ingest --as-head`` (the library's ``as_head``): the raw page after its SingleFile save
    made the head is still held by the head (a save without scripts says less, no more);
    Chrome's MHTML likewise, keeping the ids and the exact time; a WARC of two captures of
    the post, the later edited, made v1 and v2, and adds nothing read again so (its earlier
    capture is not made the head)."""
    first = only(ingest_paths([RAW], config))
    for save in (BEIJING, SINGLEFILE["shanghai"], RAW):
        again = only(ingest_paths([save], config, as_head=True))
        assert (again.status, again.version) == ("unchanged", "v1"), save
    record = Archive.open(config.archive).read_json(first.object_id, "record.json")
    assert record["mid"] and record["published"].endswith(":29+08:00")
    edited = RAW.read_bytes().replace("下午2点".encode(), "下午3点".encode())
    two = warc_of(tmp_path / "two.warc", [(SHORT_04, RAW.read_bytes()), (SHORT_04, edited)])
    other = load_config({}, tmp_path).with_overrides(archive=tmp_path / "other", fetch=False)
    assert [(r.status, r.version) for r in ingest_paths([two], other)] == [
        ("added", "v1"), ("updated", "v2")]
    assert [(r.status, r.version) for r in ingest_paths([two], other, as_head=True)] == [
        ("unchanged", "v1"), ("unchanged", "v2")]


def test_as_head_takes_the_images_the_save_lacks_from_the_version_that_held_it(
        config, tmp_path):
    """The REAL export with its four images (v1), a copy of it cut after its third image
    (v2, three images), then the whole export again from another folder, its images left
    behind, with --as-head: v3 says what v1 says, its four images carried from v1, not
    from the head, which lacks the fourth. A receipt of the cut copy read again later does
    not repeat the warning of the version it made then."""
    export = next((WECHAT / "html-with-assets").glob("mufeng__2018-01-29_*/md/*.md"))
    text = export.read_text(encoding="utf-8")
    cut = export.parent / "cut-copy.md"  # (beside the export, to reach its images)
    away = tmp_path / "away" / "md" / export.name
    away.parent.mkdir(parents=True)
    shutil.copyfile(export, away)
    try:
        cut.write_text(text[:text.index("img_002") + 100], encoding="utf-8")
        results = ingest_paths([export, cut, away], config)
        assert [r.status for r in results] == ["added", "updated", "unchanged"]
        head = only(ingest_paths([away], config, as_head=True))
        assert (head.status, head.version) == ("updated", "v3")
        archive = Archive.open(config.archive)
        v1, v3 = (archive.read_json(head.object_id, "record.json", v) for v in ("v1", "v3"))
        assert [i["status"] for i in v3["images"]] == ["stored"] * 4
        assert [i["sha256"] for i in v3["images"]] == [i["sha256"] for i in v1["images"]]
        again = only(ingest_paths([cut], config))
        assert (again.status, again.version) == ("unchanged", "v2")
        assert not any("as long as" in w for w in again.warnings)
    finally:
        cut.unlink(missing_ok=True)
