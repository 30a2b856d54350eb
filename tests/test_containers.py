"""Every container a WeChat post is saved in gives the same record as the plain page.

The fixtures in tests/fixtures/containers/ were CONVERTED from real corpus pages and their real
image bytes (tests/make_container_fixtures.py; fixtures/containers/README.md says how):
"save page complete" folders, SingleFile HTML with data: URIs, MHTML (quoted-printable, base64,
GBK), WARC (with a revisit record), WACZ, and WARCs holding two posts.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.cli import app
from archiver.config import load_config
from archiver.errors import MalformedInput
from archiver.pipeline import ingest_paths, prepare_all
from archiver.store import Archive

from conftest import FIXTURES, WECHAT

CONTAINERS = FIXTURES / "containers"
MANIFEST = json.loads((CONTAINERS / "manifest.json").read_text(encoding="utf-8"))
SAME = ("title", "account", "published", "text", "citations", "url", "kind", "credits", "id")


def fixture_path(name: str) -> Path:
    path = CONTAINERS / name
    return path / "page.html" if path.is_dir() else path


def converted() -> list[tuple[str, dict]]:
    return [(name, post) for name, entry in sorted(MANIFEST.items())
            if not name.startswith("hostile") for post in entry["posts"]]


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    return load_config({}, tmp_path_factory.mktemp("cwd")).with_overrides(fetch=False)


def records_of(path: Path, config) -> dict[str, dict]:
    return {p.record["url"]: p.record for p in prepare_all(path, config)}


@pytest.mark.parametrize(("name", "post"), converted(), ids=lambda x: x if isinstance(x, str)
                         else x.get("title", "")[:12])
def test_a_container_gives_the_plain_pages_record(name, post, config):
    plain = prepare_all(WECHAT / post["source"], config)[0].record
    found = records_of(fixture_path(name), config)
    record = next(r for r in found.values() if r["id"] == plain["id"])
    for key in SAME:
        assert record[key] == plain[key], key
    stored = {i["sha256"] for i in record["images"] if i["status"] == "stored"}
    expected = {i["sha256"] for i in plain["images"] if i["status"] == "stored"}
    assert stored == expected
    if post.get("images"):
        assert stored, "the container's images are used"


def test_several_posts_in_one_warc_are_several_records(config):
    name = "converted-multi-mufeng-2018-01-29+2021-07-07.warc.gz"
    found = prepare_all(CONTAINERS / name, config)
    assert sorted(p.record["title"] for p in found) == ["大都市与小城镇——从东京的人口说起",
                                                        "送别一个旧时代"]


def test_the_same_post_in_every_container_is_one_object_with_no_extra_version(tmp_path):
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    source = WECHAT / MANIFEST["converted-mufeng-2021-07-07.mhtml"]["posts"][0]["source"]
    first = ingest_paths([source], config)[0]
    containers = [fixture_path(n) for n, e in MANIFEST.items() if "2021-07-07" in n
                  and not n.startswith(("hostile", "converted-multi"))]
    results = ingest_paths(containers, config)
    assert {r.object_id for r in results} == {first.object_id}
    assert {r.status for r in results} == {"unchanged"}
    assert Archive.open(tmp_path / "a").head(first.object_id) == first.version


def test_an_mhtml_whose_long_locations_are_folded_keeps_its_images(tmp_path, config):
    """RFC 2557 lets a writer fold a long URL over several header lines (a mail library does
    it past 78 characters): unfolded without its blanks, it names the same image."""
    def fold(match: re.Match) -> bytes:
        url = match.group(2)
        return match.group(1) + b"\r\n\t".join(url[at:at + 60] for at in range(0, len(url), 60))

    data = (CONTAINERS / "converted-mufeng-2018-01-29.mhtml").read_bytes()
    folded = re.sub(rb"^((?:Snapshot-)?Content-Location: )([^\r\n]+)", fold, data, flags=re.M)
    assert folded.count(b"\r\n\t") >= 10
    (tmp_path / "folded.mhtml").write_bytes(folded)
    record = prepare_all(tmp_path / "folded.mhtml", config)[0].record
    plain = prepare_all(CONTAINERS / "converted-mufeng-2018-01-29.mhtml", config)[0].record
    assert [i["status"] for i in record["images"]] == ["stored"] * 4
    assert record["images"] == plain["images"] and record["url"] == plain["url"]


@pytest.mark.parametrize("base_in", ["part", "message"])
def test_an_mhtml_whose_images_are_located_relative_to_a_base_keeps_them(tmp_path, config,
                                                                          base_in):
    """Internet Explorer wrote a part's location relative to its ``Content-Base`` (RFC 2110);
    RFC 2557 resolves one against the multipart's own ``Content-Location`` too (SYNTHETIC:
    the converted real page's image parts given relative locations)."""
    data = (CONTAINERS / "converted-mufeng-2018-01-29.mhtml").read_bytes()
    folder = (b"http://mp.weixin.qq.com/images/2018-01-29_%E5%A4%A7%E9%83%BD%E5%B8%82%E4%B8%8E"
              b"%E5%B0%8F%E5%9F%8E%E9%95%87%E2%80%94%E2%80%94%E4%BB%8E%E4%B8%9C%E4%BA%AC%E7%9A"
              b"%84%E4%BA%BA%E5%8F%A3%E8%AF%B4%E8%B5%B7/")
    assert data.count(b"Content-Location: " + folder) == 4
    based = (b"Content-Base: " + folder + b"\r\nContent-Location: " if base_in == "part"
             else b"Content-Location: ")
    relative = data.replace(b"Content-Location: " + folder, based)
    if base_in == "message":  # the multipart's own location, the folder the parts are in
        relative = relative.replace(b"MIME-Version:", b"Content-Location: " + folder
                                    + b"page.html\r\nMIME-Version:", 1)
    path = tmp_path / "relative.mht"
    path.write_bytes(relative)
    plain = prepare_all(CONTAINERS / "converted-mufeng-2018-01-29.mhtml", config)[0].record
    [post] = prepare_all(path, config)
    assert [i.get("sha256") for i in post.record["images"]] == \
        [i.get("sha256") for i in plain["images"]]
    assert all(i["status"] == "stored" for i in post.record["images"])


def test_an_mhtml_whose_page_names_its_images_with_backslashes_keeps_them(tmp_path, config):
    """A page made on Windows may name its images ``..\\images\\…\\img_000.jpg``; the
    browser that saved it read those as slashes, and keeps each image under the address
    that gives: the MHTML's parts are those images."""
    import email
    from email import policy

    data = (CONTAINERS / "converted-mufeng-2018-01-29.mhtml").read_bytes()
    message = email.message_from_bytes(data, policy=policy.default)
    page = next(part for part in message.walk() if part.get_content_type() == "text/html")
    location = page["Content-Location"]
    text = page.get_content()
    windows = re.sub(r'src="(\.\./images/[^"]+)"',
                     lambda m: 'src="' + m.group(1).replace("/", "\\") + '"', text)
    assert windows.count('src="..\\images\\') == 4
    page.set_content(windows, subtype="html", charset="utf-8", cte="base64")
    page["Content-Location"] = location
    (tmp_path / "windows.mhtml").write_bytes(message.as_bytes())
    record = prepare_all(tmp_path / "windows.mhtml", config)[0].record
    plain = prepare_all(CONTAINERS / "converted-mufeng-2018-01-29.mhtml", config)[0].record
    assert [i["status"] for i in record["images"]] == ["stored"] * 4
    assert [i["sha256"] for i in record["images"]] == [i["sha256"] for i in plain["images"]]


@pytest.mark.parametrize("kept", ["snapshot", "page part"])
def test_an_mhtml_whose_page_location_differs_only_by_its_fragment_is_that_page(
        tmp_path, config, kept):
    """One header keeps WeChat's ``#wechat_redirect``, the other drops it: the same page. The
    file was refused, "MHTML without an HTML page part"."""
    data = (CONTAINERS / "converted-mufeng-2018-01-29.mhtml").read_bytes()
    header = b"Snapshot-Content-Location: " if kept == "page part" else b"\nContent-Location: "
    at = data.index(header)
    end = data.index(b"#wechat_redirect", at)
    assert data.index(b"\r\n", at) > end  # the fragment is on that header's line
    cut = data[:end] + data[end + len(b"#wechat_redirect"):]
    (tmp_path / "fragment.mhtml").write_bytes(cut)
    record = prepare_all(tmp_path / "fragment.mhtml", config)[0].record
    plain = prepare_all(CONTAINERS / "converted-mufeng-2018-01-29.mhtml", config)[0].record
    assert record["title"] == plain["title"] and record["text"] == plain["text"]
    assert record["images"] == plain["images"]


def test_an_mhtml_whose_html_parts_are_none_at_its_snapshot_location_says_where_they_are(
        tmp_path):
    data = (CONTAINERS / "converted-mufeng-2018-01-29.mhtml").read_bytes()
    moved = data.replace(b"Snapshot-Content-Location: http://mp.weixin.qq.com/s?",
                         b"Snapshot-Content-Location: http://example.org/s?", 1)
    assert moved != data
    (tmp_path / "moved.mhtml").write_bytes(moved)
    with pytest.raises(MalformedInput) as info:
        prepare_all(tmp_path / "moved.mhtml", load_config({}, tmp_path))
    assert info.value.path == str(tmp_path / "moved.mhtml")
    assert "is the page it is a snapshot of (http://example.org/s?__biz=" in info.value.message
    assert "its HTML parts are at http://mp.weixin.qq.com/s?__biz=" in info.value.message


def test_a_saved_page_given_through_a_link_has_the_images_beside_the_page_it_names(tmp_path):
    """A link made elsewhere (an inbox of links to saves kept in one place) is the page it
    names: its images are the ones in the page's own ``page_files/``, and the page itself,
    ingested after the link, is the same post, unchanged."""
    page = fixture_path("converted-savepage-mufeng-2018-01-29")
    (tmp_path / "inbox").mkdir()
    link = tmp_path / "inbox" / "post.html"
    link.symlink_to(page)
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    linked = prepare_all(link, config)[0].record
    assert [i["status"] for i in linked["images"]] == ["stored"] * 4
    assert linked["images"] == prepare_all(page, config)[0].record["images"]
    first = ingest_paths([link], config)[0]
    again = ingest_paths([page], config)[0]
    assert (first.status, again.status, again.version) == ("added", "unchanged", "v1")


@pytest.mark.parametrize("name", sorted(n for n in MANIFEST if n.startswith("hostile")))
def test_hostile_locations_never_reach_outside_the_object(name, tmp_path):
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    results = ingest_paths([fixture_path(name)], config)
    assert results[0].status == "added"
    archive = Archive.open(tmp_path / "a")
    root = archive.object_path(results[0].object_id).resolve()
    for path in archive.root.rglob("*"):
        assert path.resolve().is_relative_to(archive.root.resolve())
    state = archive.versions(results[0].object_id)[-1].state
    assert all(p in ("record.json", "provenance.json") or p.startswith(("source/", "assets/"))
               for p in state)
    assert all((root / "v1" / "content" / p).resolve().is_relative_to(root) for p in state
               if (root / "v1" / "content" / p).exists())


def _record_spans(data: bytes) -> list[tuple[str, str, int, int]]:
    """(type, target URI, offset, length) of each record of an uncompressed WARC."""
    import io

    from warcio.archiveiterator import ArchiveIterator
    spans = []
    records = ArchiveIterator(io.BytesIO(data))
    for record in records:
        record.content_stream().read()
        spans.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI") or "",
                      records.get_record_offset(), records.get_record_length()))
    return spans


WARC = CONTAINERS / "converted-mufeng-2021-07-07.warc"


def test_a_warc_cut_short_before_any_page_names_the_file_once(tmp_path):
    """Cut inside its first record's headers: the error is the file's, named as the path of
    the error and not again in its message."""
    cut = tmp_path / "cut.warc"
    cut.write_bytes(WARC.read_bytes()[:40])
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    [result] = ingest_paths([cut], config)
    assert result.status == "failed" and result.error.path == str(cut)
    assert result.error.message.startswith("no whole WeChat article response: the file is "
                                           "cut short: the file ends inside a record's")
    assert "cut.warc" not in result.error.message


def test_a_warc_cut_short_inside_the_pages_record_fails_naming_the_file(tmp_path):
    data = WARC.read_bytes()
    page = next(s for s in _record_spans(data) if s[0] == "response" and "/s?" in s[1])
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: page[2] + page[3] // 2])
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    [result] = ingest_paths([cut], config)
    assert result.status == "failed" and result.error.path == str(cut)
    assert "is cut short in cut.warc: the file ends" in result.error.message
    assert not (tmp_path / "a").exists()  # no archive is made where none was


def test_a_page_cut_short_fails_alone_and_the_warcs_other_posts_are_archived(tmp_path):
    """A crawl of two posts whose second page record is cut short (SYNTHETIC WARC around the
    real pages of one mass-send, posts 1 and 3): the first post is archived, the second page
    fails naming it (exit 4), and a run after it says so again (no receipt vouches for the
    file)."""
    entry = MANIFEST["converted-multi-wechatscope-2650512939-idx1+idx3.warc.gz"]
    pages = [(post["url"], (WECHAT / post["source"]).read_bytes()) for post in entry["posts"]]
    data = _warc_with([(url, "200 OK", [("Content-Type", "text/html; charset=utf-8")], page)
                       for url, page in pages])
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:len(data) - len(pages[1][1]) // 2])
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    for run, status in ((1, "added"), (2, "unchanged")):
        first, second = ingest_paths([path], config)
        assert (first.status, second.status) == (status, "failed"), run
        assert second.error.message.startswith(f"the page {pages[1][0]} is cut short in "
                                               "crawl.warc")
    assert len(Archive.open(tmp_path / "a").object_ids()) == 1
    result = CliRunner().invoke(app, ["ingest", str(path), "--archive", str(tmp_path / "a"),
                                      "--no-fetch"])
    assert result.exit_code == 4
    assert "1 post(s): 1 unchanged; 1 input(s) failed" in result.stderr


@pytest.mark.parametrize(("content_type", "read"), [
    ("text/html; xcharset=big5; charset=utf-8", True),
    ('text/html; note="charset=big5"; charset=utf-8', True),
    ("text/html; charset=klingon-8", True),  # a label no browser knows: the page's own
    ("text/html; charset=gbk", False),
])
def test_a_responses_charset_is_its_content_types_charset_parameter(tmp_path, content_type,
                                                                    read):
    """Read as a MIME header is read (SYNTHETIC WARC around a real page, UTF-8): another
    parameter's name or value holding "charset=" is not it; UTF-8 bytes a response calls GBK
    are refused, naming the response's header."""
    entry = MANIFEST["converted-multi-wechatscope-2650512939-idx1+idx3.warc.gz"]
    post = entry["posts"][0]
    page = (WECHAT / post["source"]).read_bytes()
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_with([(post["url"], "200 OK", [("Content-Type", content_type)],
                                  page)]))
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    if read:
        [crawled] = prepare_all(path, config)
        [plain] = prepare_all(WECHAT / post["source"], config)
        assert crawled.record["text"] == plain.record["text"]
    else:
        with pytest.raises(MalformedInput, match="the WARC response's Content-Type says "
                                                 "charset=gbk, but its bytes are UTF-8"):
            prepare_all(path, config)


def test_utf8_bytes_an_mhtml_part_calls_gbk_are_refused_naming_the_part(tmp_path):
    page = tmp_path / "p.mhtml"
    page.write_bytes(MHTML.read_bytes().replace(b"charset=utf-8", b"charset=gbk", 1))
    with pytest.raises(MalformedInput, match="the MHTML part's Content-Type says charset=gbk, "
                                             "but its bytes are UTF-8 text"):
        prepare_all(page, load_config({}, tmp_path).with_overrides(fetch=False))


def test_an_image_cut_short_in_a_warc_is_missing_with_that_reason(tmp_path):
    data = WARC.read_bytes()
    image = next(s for s in _record_spans(data) if s[0] == "response" and "/s?" not in s[1])
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: image[2] + image[3] // 2])
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    [post] = prepare_all(cut, config)
    cut_images = [i for i in post.record["images"] if i["status"] == "missing"]
    assert cut_images, post.record["images"]
    assert all(i["reason"].startswith("cut short in cut.warc") for i in cut_images)
    whole = prepare_all(WARC, config)[0].record
    assert post.record["text"] == whole["text"] and post.record["id"] == whole["id"]


def test_a_wacz_cut_short_is_called_a_damaged_wacz_and_a_warc_named_wacz_is_read(tmp_path):
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    data = (CONTAINERS / "converted-mufeng-2021-07-07.wacz").read_bytes()
    cut = tmp_path / "cut.wacz"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(MalformedInput, match="damaged WACZ: a zip without its closing") as info:
        prepare_all(cut, config)
    assert info.value.path == str(cut)
    misnamed = tmp_path / "crawl.wacz"
    misnamed.write_bytes(WARC.read_bytes())
    assert prepare_all(misnamed, config)[0].record["title"] == "送别一个旧时代"


MHTML = CONTAINERS / "converted-mufeng-2021-07-07.mhtml"


def test_an_mhtml_cut_short_inside_its_page_fails_naming_the_file(tmp_path):
    data = MHTML.read_bytes()
    page_ends = data.index(b"Content-Type: image")
    cut = tmp_path / "cut.mhtml"
    cut.write_bytes(data[: data.rfind(b"\n", 0, page_ends // 2) + 1])
    with pytest.raises(MalformedInput, match="cut short inside its page part") as info:
        prepare_all(cut, load_config({}, tmp_path).with_overrides(fetch=False))
    assert info.value.path == str(cut)


def test_an_image_cut_short_in_an_mhtml_is_missing_with_that_reason(tmp_path):
    data = MHTML.read_bytes()
    cut = tmp_path / "cut.mhtml"
    cut.write_bytes(data[: data.rfind(b"Content-Type: image") + 3000])
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    [post] = prepare_all(cut, config)
    whole = prepare_all(MHTML, config)[0].record
    missing = [i for i in post.record["images"] if i["status"] == "missing"]
    assert missing and all(i["reason"].startswith("cut short in the MHTML file")
                           for i in missing)
    assert post.record["text"] == whole["text"]


def _flipped(data: bytes, marker: bytes, after: bytes = b"") -> bytes:
    """``data`` with one bit changed in the first ``marker`` found past ``after``."""
    at = data.index(marker, data.index(after)) if after else data.index(marker)
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]


def test_a_bit_flipped_in_an_uncompressed_warcs_page_fails_naming_the_digest(tmp_path):
    """An uncompressed WARC (wget --no-warc-compression) has no check but the digests its
    records carry: a page whose bytes no longer match its WARC-Block-Digest is refused, not
    archived with its title changed (送别 read as 遁别)."""
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(_flipped(WARC.read_bytes(), "送别".encode(), after=b"<body"))
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    with pytest.raises(MalformedInput) as refused:
        prepare_all(damaged, config)
    assert "do not match its WARC-Block-Digest" in refused.value.message
    assert refused.value.path == str(damaged)


def test_an_image_whose_record_fails_its_block_digest_is_missing_saying_so(tmp_path):
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(_flipped(WARC.read_bytes(), b"IDAT"))
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    [post] = prepare_all(damaged, config)
    assert post.record["title"] == "送别一个旧时代"
    assert [i["status"] for i in post.record["images"]] == ["missing"] * 3
    assert all("do not match its WARC-Block-Digest" in i["reason"]
               for i in post.record["images"])


def test_a_warc_cut_anywhere_fails_or_says_what_is_lost(tmp_path):
    """Cut at every 97th byte: the file fails saying it is cut short (a page cut short, or
    nothing whole before the cut), or it gives the post whole with each image it lacks
    missing for that reason. Only a cut inside the last record, a revisit of an image the
    file already holds whole, loses nothing the post uses (a note in the provenance says it)."""
    data = WARC.read_bytes()
    spans = _record_spans(data)
    last_needed = spans[-1][2] if spans[-1][0] == "revisit" else len(data)
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    whole = prepare_all(WARC, config)[0].record
    cut = tmp_path / "cut.warc"
    for end in range(12, len(data) - 4, 97):  # past "WARC/1.1\r\n": a WARC at all
        cut.write_bytes(data[:end])
        try:
            [post] = prepare_all(cut, config)
        except MalformedInput as exc:
            assert "cut short" in exc.message, (end, exc.message)
            continue
        assert post.record["text"] == whole["text"], end
        missing = [i for i in post.record["images"] if i["status"] == "missing"]
        if end < last_needed:
            assert missing and all("cut short" in i["reason"] for i in missing), (end, missing)
        else:
            assert not missing, end


def test_a_chunked_response_read_whole_is_not_called_cut_short(tmp_path):
    """A response sent with Transfer-Encoding: chunked leaves the terminating line break
    unread by the payload's decoder; the record is whole (SYNTHETIC WARC: the real page's
    bytes, written chunked)."""
    page = fixture_path("converted-savepage-mufeng-2021-07-07").read_bytes()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(page[i:i + 4096]), page[i:i + 4096])
                       for i in range(0, len(page), 4096)) + b"0\r\n\r\n"
    path = tmp_path / "chunked.warc"
    path.write_bytes(_warc_with([("https://" + _MUFENG_URL, "200 OK",
                                  [("Content-Type", "text/html; charset=utf-8"),
                                   ("Transfer-Encoding", "chunked")], chunked)]))
    [post] = prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
    assert post.record["title"] == "送别一个旧时代"


ENCODED = FIXTURES / "encoded"


@pytest.mark.parametrize("name", ["converted-mufeng-2021-07-07-br.warc.gz",
                                  "converted-mufeng-2021-07-07-zstd.warc.gz",
                                  "converted-mufeng-2021-07-07-chunked.warc.gz",
                                  "converted-mufeng-2021-07-07-br-chunked.warc.gz"])
def test_a_page_sent_compressed_or_chunked_gives_the_plain_pages_record(name, config):
    """A browser-driven crawl records the page as the server sent it: compressed as the
    browser asked (``br``; ``zstd`` since Chrome 123), and chunked. Read, it is the page it
    stands for: the same title, text, DOIs and images as the plain page's."""
    [post] = MANIFEST[name]["posts"]
    plain = prepare_all(WECHAT / post["source"], config)[0].record
    [record] = records_of(CONTAINERS / name, config).values()
    assert record["title"] == plain["title"] == "送别一个旧时代"
    assert record["text"] == plain["text"]
    assert [c["doi"] for c in record["citations"]] == [c["doi"] for c in plain["citations"]]
    assert [(i["status"], i["sha256"]) for i in record["images"]] == \
        [(i["status"], i["sha256"]) for i in plain["images"]]
    assert {i["status"] for i in record["images"]} == {"stored"}


def test_a_page_compressed_twice_is_undone_in_the_reverse_order(tmp_path, config):
    """``Content-Encoding: br, gzip`` lists the codings in the order applied: gzip is undone
    first. SYNTHETIC WARC: the real page compressed by the brotli tool, then by gzip here."""
    import gzip
    body = gzip.compress((ENCODED / "mufeng-2021-07-07.html.br").read_bytes(), mtime=0)
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_with([("https://" + _MUFENG_URL, "200 OK",
                                  [("Content-Type", "text/html; charset=utf-8"),
                                   ("Content-Encoding", "br, gzip")], body)]))
    assert prepare_all(path, config)[0].record["title"] == "送别一个旧时代"


@pytest.mark.parametrize("encoding", ["dcz", "gzip, dcz"])
def test_a_page_recorded_in_an_encoding_that_cannot_be_undone_is_bad_input_saying_so(
        tmp_path, config, encoding):
    """``dcz`` (zstd against a dictionary the server named, which the WARC does not hold) is
    not undone here: the page is refused naming the encoding and the file, not called a page
    without an article body. SYNTHETIC WARC around the real page's bytes compressed by the
    zstd tool (tests/fixtures/encoded/README.md), under that header."""
    body = (ENCODED / "mufeng-2021-07-07.html.zst").read_bytes()
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_with([("https://" + _MUFENG_URL, "200 OK",
                                  [("Content-Type", "text/html; charset=utf-8"),
                                   ("Content-Encoding", encoding)], body)]))
    with pytest.raises(MalformedInput) as refused:
        prepare_all(path, config)
    assert refused.value.path == str(path)
    assert f"(Content-Encoding: {encoding}), which cannot be decoded" in refused.value.message
    assert "gzip, deflate, br and zstd can be" in refused.value.hint


@pytest.mark.parametrize("encoding", ["br", "zstd"])
def test_a_compressed_page_cut_inside_its_body_is_damaged_not_misread(tmp_path, config,
                                                                     encoding):
    """The record is whole, the compressed body in it is not (a crawler that stored what it
    had when the connection dropped): refused as damaged, naming the encoding. SYNTHETIC WARC
    around the first half of the real compressed page."""
    body = (ENCODED / f"mufeng-2021-07-07.html.{'zst' if encoding == 'zstd' else 'br'}"
            ).read_bytes()
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_with([("https://" + _MUFENG_URL, "200 OK",
                                  [("Content-Type", "text/html; charset=utf-8"),
                                   ("Content-Encoding", encoding)], body[:len(body) // 2])]))
    with pytest.raises(MalformedInput) as refused:
        prepare_all(path, config)
    assert refused.value.path == str(path)
    assert (f"is damaged in crawl.warc: its bytes do not decode as its Content-Encoding "
            f"({encoding}) says (it ends before the end of its {encoding} stream)"
            ) in refused.value.message


def test_an_image_whose_compressed_body_does_not_decode_is_missing_saying_so(tmp_path,
                                                                             config):
    """An image sent gzip-compressed whose bytes fail part-way is recorded missing with the
    reason; the page is read. SYNTHETIC WARC: the real page, and the real image gzipped
    with a byte of its deflate stream changed."""
    import gzip
    [post] = MANIFEST["converted-mufeng-2021-07-07.warc"]["posts"]
    [(url, image)] = post["images"].items()
    body = bytearray(gzip.compress((WECHAT / image).read_bytes(), mtime=0))
    body[len(body) // 2] ^= 0xFF
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_with([
        ("https://" + _MUFENG_URL, "200 OK", [("Content-Type", "text/html; charset=utf-8")],
         (WECHAT / post["source"]).read_bytes()),
        (url, "200 OK", [("Content-Type", "image/png"), ("Content-Encoding", "gzip")],
         bytes(body))]))
    [prepared] = prepare_all(path, config)
    assert prepared.record["title"] == "送别一个旧时代"
    reasons = {i["reason"] for i in prepared.record["images"]}
    assert len(reasons) == 1
    assert reasons.pop().startswith("damaged in crawl.warc: its bytes do not decode as its "
                                    "Content-Encoding (gzip) says (gzip: Error -3")


def test_a_page_stored_decoded_under_its_servers_encoding_header_is_read(tmp_path, config):
    """Some crawlers store the page decoded and keep the server's Content-Encoding header."""
    page = fixture_path("converted-savepage-mufeng-2021-07-07").read_bytes()
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_with([("https://" + _MUFENG_URL, "200 OK",
                                  [("Content-Type", "text/html; charset=utf-8"),
                                   ("Content-Encoding", "zstd")], page)]))
    assert prepare_all(path, config)[0].record["title"] == "送别一个旧时代"


NO_NEWLINES = CONTAINERS / "converted-mufeng-2021-07-07-no-record-newlines.warc"


def test_a_warc_whose_records_lack_their_closing_line_breaks_is_read_whole(config):
    """A faulty writer left out the two line breaks that end each record: each record is
    read from its first line on all the same (warcio took that line for junk, dropped it,
    and read no further: the post was called cut short), and the file's warnings say it."""
    plain = prepare_all(WARC, config)[0].record
    [prepared] = prepare_all(NO_NEWLINES, config)
    assert prepared.record["text"] == plain["text"]
    assert [i["sha256"] for i in prepared.record["images"]] == \
        [i["sha256"] for i in plain["images"]]
    assert prepared.warnings == [  # one for all: a writer that leaves them out does so always
        "4 records (the warcinfo record and 3 more) are not followed by the line breaks that "
        "end a WARC record; the record right after each is read all the same"]


def test_bytes_left_after_a_record_by_a_wrong_length_are_passed_over_saying_so(tmp_path,
                                                                              config):
    """A record whose Content-Length falls short leaves the end of its block before the
    line breaks: that line is passed over, as warcio does, and a warning says so. SYNTHETIC
    edit of the converted WARC: its warcinfo record's length made 5 bytes shorter."""
    short = tmp_path / "short.warc"
    short.write_bytes(WARC.read_bytes().replace(b"Content-Length: 359\r\n",
                                                b"Content-Length: 354\r\n", 1))
    [prepared] = prepare_all(short, config)
    assert prepared.record["text"] == prepare_all(WARC, config)[0].record["text"]
    assert prepared.warnings == [
        "the warcinfo record is followed by bytes that belong to no record (its "
        "Content-Length may be wrong): a line of 5 bytes was passed over"]


def test_what_is_amiss_in_a_warc_is_a_warning_naming_it_and_nothing_under_quiet(tmp_path):
    """warcio writes its own lines on stderr ("WARNING: Record not followed by newline…"),
    which --quiet did not hide: they are the post's warnings, in the tool's words, named by
    the file like any, and --quiet leaves stderr empty."""
    runner = CliRunner()
    loud = runner.invoke(app, ["ingest", str(NO_NEWLINES), "--archive", str(tmp_path / "a"),
                               "--no-fetch"])
    assert loud.exit_code == 0, loud.stderr
    assert f"  warning: {NO_NEWLINES.name}: 4 records (the warcinfo record and 3 more) are " \
        "not followed by the line breaks that end a WARC record" in loud.stderr
    assert "Record not followed by newline" not in loud.stderr
    quiet = runner.invoke(app, ["ingest", str(NO_NEWLINES), "--archive", str(tmp_path / "b"),
                                "--no-fetch", "--quiet"])
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    assert quiet.stdout.startswith("added ")


def test_what_warcio_logs_is_a_warning_too_and_nothing_under_quiet(tmp_path):
    """warcio logs a WARC-Target-URI holding a space (which it reads as %20); Python's
    logging wrote it on stderr for want of a handler. SYNTHETIC edit of the converted WARC:
    a space in its request record's target URI (no digest covers it)."""
    request = b"WARC-Type: request\r\nWARC-Target-URI: http://mp.weixin.qq.com/s?"
    spaced = tmp_path / "spaced.warc"
    spaced.write_bytes(WARC.read_bytes().replace(request, request + b" ", 1))
    runner = CliRunner()
    loud = runner.invoke(app, ["ingest", str(spaced), "--archive", str(tmp_path / "a"),
                               "--no-fetch"])
    assert loud.exit_code == 0, loud.stderr
    assert "  warning: spaced.warc: the WARC-Target-URI http://mp.weixin.qq.com/s? __biz=" \
        in loud.stderr
    assert "holds spaces, which a URI may not: each is read as %20" in loud.stderr
    assert "Replacing spaces" not in loud.stderr
    quiet = runner.invoke(app, ["ingest", str(spaced), "--archive", str(tmp_path / "b"),
                                "--no-fetch", "-q"])
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def _warc_with(responses: list[tuple[str, str, list[tuple[str, str]], bytes]]) -> bytes:
    """A WARC of ``(url, status line, headers, body)`` responses, in that order."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for url, status, headers, body in responses:
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body),
            http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1")))
    return out.getvalue()


_MUFENG_URL = ("mp.weixin.qq.com/s?__biz=MzI0ODE5NDU5Mw==&mid=2649550139&idx=1"
               "&sn=eb4cae5068b6c84434565d6fa48cc651")


@pytest.mark.parametrize("redirect_first", [True, False])
def test_a_redirect_recorded_beside_the_article_is_no_post(tmp_path, redirect_first):
    """wget --warc-file records the http:// → https:// redirect as a response of its own
    (SYNTHETIC WARC around the real page's bytes)."""
    page = fixture_path("converted-savepage-mufeng-2021-07-07").read_bytes()
    moved = ("http://" + _MUFENG_URL, "301 Moved Permanently",
             [("Location", "https://" + _MUFENG_URL), ("Content-Type", "text/html")],
             b"<html><body>301 Moved Permanently</body></html>")
    served = ("https://" + _MUFENG_URL, "200 OK",
              [("Content-Type", "text/html; charset=utf-8")], page)
    path = tmp_path / "wget.warc"
    path.write_bytes(_warc_with([moved, served] if redirect_first else [served, moved]))
    [post] = prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
    assert post.record["title"] == "送别一个旧时代"


@pytest.mark.parametrize("url", ["https://mp.weixin.qq.com:443/s?__biz=MzI0ODE5NDU5Mw==",
                                 "http://127.0.0.1:8731/s?__biz=MzI0ODE5NDU5Mw==&mid=1",
                                 "http://mirror.example/s/eb4cae5068b6c844"])
def test_an_article_recorded_at_a_port_or_through_a_mirror_or_proxy_is_read(tmp_path, url):
    """wget through a proxy, a mirror, a replay: the article's page is WeChat's at an
    article's path on another host, or at WeChat's with its port written out (SYNTHETIC
    WARC around the real page's bytes)."""
    page = fixture_path("converted-savepage-mufeng-2021-07-07").read_bytes()
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_with([(url, "200 OK", [("Content-Type", "text/html")], page)]))
    [post] = prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
    assert post.record["title"] == "送别一个旧时代"


@pytest.mark.parametrize("later_first", [True, False])
def test_two_captures_of_a_post_in_one_warc_are_versioned_as_they_were_captured(
        tmp_path, later_first):
    """A crawl that came back after an edit: whichever capture the file holds first, the
    later one (by WARC-Date) is the head (SYNTHETIC WARC around the real page's bytes, the
    second capture's edit and both dates made up)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = fixture_path("converted-savepage-mufeng-2021-07-07").read_bytes()
    edited = page.replace("以上。".encode(), "以上。编者注：补记。".encode(), 1)
    assert edited != page
    captures = [("2024-06-01T00:00:00Z", edited), ("2024-01-01T00:00:00Z", page)]
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for date, body in captures if later_first else captures[::-1]:
        writer.write_record(writer.create_warc_record(
            "https://" + _MUFENG_URL, "response", payload=io.BytesIO(body),
            warc_headers_dict={"WARC-Date": date},
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                          protocol="HTTP/1.1")))
    path = tmp_path / "crawl.warc"
    path.write_bytes(out.getvalue())
    archive = tmp_path / "archive"
    result = CliRunner().invoke(app, ["ingest", str(path), "--archive", str(archive),
                                      "--no-fetch"])
    assert result.exit_code == 0, result.stderr
    assert "before the one" not in result.stderr  # no older copy made the head
    store = Archive.open(archive)
    [object_id] = store.object_ids()
    assert "编者注：补记。" in store.read_json(object_id, "record.json")["text"]
    assert "编者注" not in store.read_json(object_id, "record.json", "v1")["text"]


def test_a_page_gzipped_with_no_header_saying_so_is_bad_input_that_says_gzip(tmp_path):
    """A crawler stored the body compressed and left out its Content-Encoding: the error
    says what the bytes are, not only that they are no UTF-8 (SYNTHETIC WARC around the
    real page's bytes)."""
    import gzip

    page = fixture_path("converted-savepage-mufeng-2021-07-07").read_bytes()
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_with([("https://" + _MUFENG_URL, "200 OK",
                                  [("Content-Type", "text/html; charset=utf-8")],
                                  gzip.compress(page))]))
    with pytest.raises(MalformedInput) as caught:
        prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
    assert "the bytes are gzip-compressed, and nothing said so" in (caught.value.hint or "")


def test_a_page_at_an_articles_path_elsewhere_that_is_no_wechat_page_is_no_post(tmp_path):
    """Another site's ``/s?q=…`` (a search page) linking to WeChat is no article."""
    page = b"<html><body><a href='https://mp.weixin.qq.com/s/x'>a post</a></body></html>"
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_with([("https://search.example/s?q=wechat", "200 OK",
                                  [("Content-Type", "text/html")], page)]))
    with pytest.raises(MalformedInput, match="no WeChat article"):
        prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))


@pytest.mark.parametrize("hops", [1, 2])
def test_an_image_a_crawl_reached_through_a_redirect_is_taken_from_the_warc(tmp_path, config,
                                                                              hops):
    """A crawler records a 3xx answer at the URL the page names and the image at the URL it
    was sent to (a CDN, a rewritten path); a replay follows the redirect, and so does the
    reader (SYNTHETIC WARC: the real page and image bytes of the 2021 post, the redirect and
    the CDN's address made up)."""
    [source] = MANIFEST["converted-mufeng-2021-07-07.warc.gz"]["posts"]
    [(url, image)] = source["images"].items()
    cdn = ["https://cdn.example.org/a/1.jpg", "/b/1.jpg?from=redirect"][:hops]
    moved = [(where, "302 Found", [("Location", to), ("Content-Type", "text/html")], b"")
             for where, to in zip([url, cdn[0]], cdn, strict=False)]
    path = tmp_path / "redirected.warc"
    path.write_bytes(_warc_with([
        ("https://" + _MUFENG_URL, "200 OK", [("Content-Type", "text/html; charset=utf-8")],
         (WECHAT / source["source"]).read_bytes()),
        *moved,
        ("https://cdn.example.org" + cdn[-1] if cdn[-1].startswith("/") else cdn[-1], "200 OK",
         [("Content-Type", "image/png")], (WECHAT / image).read_bytes())]))
    [post] = prepare_all(path, config)
    digest = hashlib.sha256((WECHAT / image).read_bytes()).hexdigest()
    assert [(i["status"], i.get("sha256")) for i in post.record["images"]] == \
        [("stored", digest)] * 3


def _crawl(tmp_path: Path, image_file: str | None = "b.warc") -> tuple[Path, str, bytes]:
    """A crawl's folder: the real page of the 2021 post in ``a.warc``, its image (the one the
    page names three times) in ``image_file`` (None: no such file); the image's URL and
    bytes (SYNTHETIC WARCs around the real page and image bytes)."""
    [source] = MANIFEST["converted-mufeng-2021-07-07.warc.gz"]["posts"]
    [(url, image)] = source["images"].items()
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "a.warc").write_bytes(_warc_with([
        ("https://" + _MUFENG_URL, "200 OK", [("Content-Type", "text/html; charset=utf-8")],
         (WECHAT / source["source"]).read_bytes())]))
    if image_file is not None:
        (crawl / image_file).write_bytes(_warc_with([
            (url, "200 OK", [("Content-Type", "image/png")], (WECHAT / image).read_bytes())]))
    return crawl, url, (WECHAT / image).read_bytes()


def test_a_crawl_rolled_over_to_another_warc_keeps_the_pages_images(tmp_path):
    """wget --warc-max-size, Heritrix and Browsertrix at 1 GB: the page in one file, its
    images in the next, the crawl's log in a third. The page's images are taken from the
    other WARCs in its folder (named in the post's notes, read as its inputs); a file of
    the crawl holding no article is skipped in the folder's walk, not failed (SYNTHETIC
    WARCs around the real page and image bytes of the 2021 post)."""
    crawl, _url, image = _crawl(tmp_path)
    (crawl / "crawl-meta.warc").write_bytes(_warc_with([
        ("metadata://gnu.org/software/wget/warc/wget.log", "200 OK",
         [("Content-Type", "text/plain")], b"wget log")]))
    archive = tmp_path / "archive"
    result = CliRunner().invoke(app, ["ingest", str(crawl), "--archive", str(archive),
                                      "--no-fetch", "--json"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(Path(r["source"]).name, r["status"]) for r in rows] == [
        ("a.warc", "added"), ("b.warc", "skipped"), ("crawl-meta.warc", "skipped")]
    store = Archive.open(archive)
    [object_id] = store.object_ids()
    digest = hashlib.sha256(image).hexdigest()
    assert [(i["status"], i.get("sha256")) for i in
            store.read_json(object_id, "record.json")["images"]] == [("stored", digest)] * 3
    notes = json.dumps(store.read_json(object_id, "provenance.json"), ensure_ascii=False)
    assert "taken from the crawl's other WARC(s) in its folder: b.warc" in notes
    # alone, the page's file has none of them: they come from the other file, not elsewhere
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(crawl / "a.warc", alone)
    [post] = prepare_all(alone / "a.warc",
                         load_config({}, tmp_path).with_overrides(fetch=False))
    assert [i["status"] for i in post.record["images"]] == ["missing"] * 3


def test_a_change_in_another_warc_of_the_crawl_is_news_to_the_next_run(tmp_path,
                                                                         monkeypatch):
    """Every WARC looked in is an input of the post, whatever an earlier page of the run
    learnt of it, and so is its folder's listing: re-ingested unchanged, nothing is read; a
    WARC added beside, or the image added to a file that held none of them (a crawl
    mended), the page is read again, and the image stored once there (SYNTHETIC WARCs
    around the real page and image bytes of the 2021 post)."""
    import archiver.readers.warc as warc

    crawl, url, image = _crawl(tmp_path, None)
    other = ("https://mmbiz.qpic.cn/other/0", "200 OK", [("Content-Type", "image/png")],
             image[:-1])
    archive = tmp_path / "archive"

    def ingest() -> list[dict]:
        result = CliRunner().invoke(app, ["ingest", str(crawl / "a.warc"), "--archive",
                                          str(archive), "--no-fetch", "--json"])
        assert result.exit_code == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]

    monkeypatch.setattr(warc, "_HELD", {})
    assert [r["status"] for r in ingest()] == ["added"]  # alone in its folder: none found
    receipts = json.loads((archive / "extensions" / "archiver-index" / "receipts.json")
                          .read_text(encoding="utf-8"))
    [receipt] = [r for rs in receipts.values() for r in rs]
    assert [d.startswith("listing:") for p, d in receipt["inputs"].items()
            if p.endswith("crawl")] == [True]  # the folder, looked in, by its listing
    assert [r["status"] for r in ingest()] == ["unchanged"]
    (crawl / "b.warc").write_bytes(_warc_with([other]))  # a file added beside: read
    assert [r["status"] for r in ingest()] == ["unchanged"]
    assert [r["status"] for r in ingest()] == ["unchanged"]
    (crawl / "b.warc").write_bytes(_warc_with([other, (url, "200 OK", [(
        "Content-Type", "image/png")], image)]))
    assert [r["status"] for r in ingest()] == ["updated"]
    store = Archive.open(archive)
    [object_id] = store.object_ids()
    assert {i["status"] for i in store.read_json(object_id, "record.json")["images"]} == \
        {"stored"}


def test_a_warc_holding_another_page_beside_a_crawls_is_still_a_failed_input(tmp_path):
    """Only a file holding no page at all (images, a log) is taken for a file of the crawl
    and skipped: one whose page is no article (WeChat's captcha page) fails, as alone."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    page = fixture_path("converted-savepage-mufeng-2021-07-07").read_bytes()
    (crawl / "post-1.warc").write_bytes(_warc_with([
        ("https://" + _MUFENG_URL, "200 OK", [("Content-Type", "text/html")], page)]))
    (crawl / "post-2.warc").write_bytes(_warc_with([
        ("https://mp.weixin.qq.com/mp/wappoc_appmsgcaptcha?poc_token=x", "200 OK",
         [("Content-Type", "text/html")], b"<html><body>captcha</body></html>")]))
    result = CliRunner().invoke(app, ["ingest", str(crawl), "--archive",
                                      str(tmp_path / "archive"), "--no-fetch", "--json"])
    assert result.exit_code == 4, result.stderr
    rows = {Path(r["source"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["post-1.warc"]["status"] == "added"
    assert rows["post-2.warc"]["status"] == "failed"
    assert rows["post-2.warc"]["hint"] == "the crawl may hold only other pages"


def test_other_warcs_past_the_cap_are_not_read_and_a_warning_says_so(tmp_path, monkeypatch):
    import archiver.readers.warc as warc

    crawl, _url, _image = _crawl(tmp_path)
    monkeypatch.setattr(warc, "MAX_SIBLING_BYTES", 100)
    [post] = prepare_all(crawl / "a.warc", load_config({}, tmp_path).with_overrides(fetch=False))
    assert [i["status"] for i in post.record["images"]] == ["missing"] * 3
    assert any("were not looked for in the 1 other WARC(s) in its folder" in w
               for w in post.warnings)


def test_captures_whose_dates_cannot_be_read_keep_the_files_order():
    from archiver.model import RawPost
    from archiver.readers.warc import _by_capture

    def post(date):
        return RawPost(path=Path("x.warc"), format="warc", kind="article", data=b"",
                       body_html="", fields={}, base_dir=Path("."), container={"date": date})

    dated = [post("2024-06-01T00:00:00Z"), post("2024-01-01T00:00:00.123456789Z"[:26] + "Z")]
    assert [p.container["date"][:7] for p in _by_capture(dated)] == ["2024-01", "2024-06"]
    undated = [post("2024-06-01T00:00:00Z"), post("yesterday")]
    assert _by_capture(undated) == undated


@pytest.mark.parametrize(("answer", "why"), [
    (("404 Not Found", [("Content-Type", "text/html")], b"<html>404</html>"),
     "captured as HTTP 404 in captured.warc"),
    (("200 OK", [("Content-Type", "image/jpeg")], b""), "empty file"),
    (("302 Found", [("Location", "https://cdn.example.org/a/1.jpg")], b""),
     "redirected to https://cdn.example.org/a/1.jpg, which is not in captured.warc"),
])
def test_an_image_the_crawl_captured_as_no_file_is_missing_for_what_it_captured(
        tmp_path, config, answer, why):
    """What the crawl recorded at the image's URL is the reason it is missing, not "not in
    the container" (SYNTHETIC WARC: the real page of the 2021 post; the answers made up)."""
    [source] = MANIFEST["converted-mufeng-2021-07-07.warc.gz"]["posts"]
    [(url, _image)] = source["images"].items()
    path = tmp_path / "captured.warc"
    path.write_bytes(_warc_with([
        ("https://" + _MUFENG_URL, "200 OK", [("Content-Type", "text/html; charset=utf-8")],
         (WECHAT / source["source"]).read_bytes()), (url, *answer)]))
    [post] = prepare_all(path, config)
    assert {(i["status"], i["reason"]) for i in post.record["images"]} == {("missing", why)}


def test_images_a_browser_captured_at_their_lazy_loaded_urls_are_the_pages(tmp_path, config):
    """WeChat's lazy loader fetches each image at its data-src plus ``&tp=webp&wxfrom=5
    &wx_lazy=1&wx_co=1``; a browser-driven crawler stores it there. SYNTHETIC WARC: a real
    page (its images at mmbiz.qpic.cn) with real image bytes of another corpus post put at
    those URLs."""
    page = WECHAT / MANIFEST["converted-wechatscope-qcE1x5JHap.mhtml"]["posts"][0]["source"]
    originals = [i["original"] for i in prepare_all(page, config)[0].record["images"]]
    assert originals and all("mmbiz.qpic.cn" in url and "wx_lazy" not in url
                             for url in originals)
    photos = sorted((WECHAT / "html-with-assets").rglob("*.jpg"))
    responses = [("https://mp.weixin.qq.com/s?__biz=MzUxMjc0MjkzNQ==&mid=2247505324&idx=3",
                  "200 OK", [("Content-Type", "text/html; charset=utf-8")], page.read_bytes())]
    given = {}
    for n, url in enumerate(dict.fromkeys(originals)):
        given[url] = photos[n % len(photos)].read_bytes()
        responses.append((url + "&tp=webp&wxfrom=5&wx_lazy=1&wx_co=1", "200 OK",
                          [("Content-Type", "image/jpeg")], given[url]))
    path = tmp_path / "browser.warc"
    path.write_bytes(_warc_with(responses))
    [post] = prepare_all(path, config)
    assert [(i["status"], i["sha256"]) for i in post.record["images"]] == [
        ("stored", hashlib.sha256(given[url]).hexdigest()) for url in originals]


def test_a_warc_holding_only_a_redirect_says_so(tmp_path):
    path = tmp_path / "moved.warc"
    path.write_bytes(_warc_with([("http://" + _MUFENG_URL, "302 Found",
                                  [("Location", "https://" + _MUFENG_URL),
                                   ("Content-Type", "text/html")], b"<html>moved</html>")]))
    with pytest.raises(MalformedInput, match=r"redirects or errors \(302 for http://mp"):
        prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))


def _revisit(url: str, payload: bytes) -> bytes:
    """A WARC holding one revisit record of ``url`` (identical payload digest), the capture it
    refers to left in another file, as a deduplicating crawl writes it."""
    import base64
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    digest = "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")
    writer.write_record(writer.create_revisit_record(
        url, digest, url, "2024-01-01T00:00:00Z",
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")],
                                      protocol="HTTP/1.1")))
    return out.getvalue()


def test_a_warc_whose_page_is_only_a_revisit_names_where_the_page_is(tmp_path):
    """SYNTHETIC WARC: a revisit of the real page's URL, its capture in no file given."""
    path = tmp_path / "second-crawl.warc"
    path.write_bytes(_revisit("https://" + _MUFENG_URL, b"<html>the page</html>"))
    with pytest.raises(MalformedInput) as caught:
        prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
    assert caught.value.message == (
        f"no WeChat article page in this WARC: the page https://{_MUFENG_URL} is captured as a "
        "revisit of an earlier capture that is not in second-crawl.warc (it is in another WARC "
        "of the crawl)")
    assert "ingest the WARC that holds the earlier capture" in caught.value.hint


def test_an_image_captured_as_a_revisit_of_another_warc_is_missing_saying_so(tmp_path, config):
    """SYNTHETIC WARC: the real 2021 page, and its image only as a revisit."""
    [source] = MANIFEST["converted-mufeng-2021-07-07.warc.gz"]["posts"]
    [(url, image)] = source["images"].items()
    page = _warc_with([("https://" + _MUFENG_URL, "200 OK",
                        [("Content-Type", "text/html; charset=utf-8")],
                        (WECHAT / source["source"]).read_bytes())])
    path = tmp_path / "deduplicated.warc"
    path.write_bytes(page + _revisit(url, b"the image's bytes, in the first crawl's WARC"))
    [post] = prepare_all(path, config)
    assert {(i["status"], i["reason"]) for i in post.record["images"]} == {
        ("missing", "captured as a revisit of an earlier capture that is not in "
                    "deduplicated.warc (it is in another WARC of the crawl)")}


@pytest.mark.parametrize("name", ["converted-mufeng-2021-07-07-base64.mhtml",
                                  "converted-mufeng-2018-01-29.mhtml"])
def test_an_mhtml_cut_anywhere_fails_or_says_what_is_lost(name, tmp_path):
    """Cut at 150 places past its top headers: the file fails saying it is cut short, or it
    gives the post whole with each image it lacks missing for that reason (a base64 image cut
    mid-quantum included)."""
    data = (CONTAINERS / name).read_bytes()
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    whole = prepare_all(CONTAINERS / name, config)[0].record
    start = data.index(b"\n\n") + 2 if b"\r\n\r\n" not in data else data.index(b"\r\n\r\n") + 4
    cut = tmp_path / "cut.mhtml"
    for end in range(start, len(data) - 40, max(1, (len(data) - start) // 150)):
        cut.write_bytes(data[:end])
        try:
            [post] = prepare_all(cut, config)
        except MalformedInput as exc:
            assert "cut short" in exc.message or "not a readable MIME" in exc.message, (
                end, exc.message)
            continue
        assert post.record["text"] == whole["text"], end
        missing = [i for i in post.record["images"] if i["status"] == "missing"]
        assert missing and all("cut short" in i["reason"] for i in missing), (end, missing)


def test_a_part_cut_short_inside_a_nested_multipart_is_that_part(tmp_path):
    """The page inside a multipart/mixed wrapper, after a text part: cut inside an image, the
    page is whole and the image is missing (the index of the cut part counts every part)."""
    data = MHTML.read_bytes()
    boundary = b"----outer-boundary-for-the-test"
    wrapped = (b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary
               + b"\"\r\n\r\n--" + boundary + b"\r\nContent-Type: text/plain\r\n\r\nnote\r\n--"
               + boundary + b"\r\n" + data)  # the inner message is the whole real file
    cut = tmp_path / "nested.mhtml"
    cut.write_bytes(wrapped[: len(wrapped) - len(data) + data.rfind(b"Content-Type: image")
                            + 3000])
    [post] = prepare_all(cut, load_config({}, tmp_path).with_overrides(fetch=False))
    missing = [i for i in post.record["images"] if i["status"] == "missing"]
    assert missing and all(i["reason"].startswith("cut short in the MHTML") for i in missing)


def test_a_warc_is_read_in_bounded_memory_whatever_a_record_declares(tmp_path):
    """A metadata record of 128 MiB of zeros, gzipped to about a hundred kilobytes, after
    the real records (SYNTHETIC record): it is read through, never held whole. (warcio
    inflates a block of its input at a time: about 60 MiB of zeros, whatever the record.)"""
    import tracemalloc
    zeros = 128 << 20
    head = (f"WARC/1.0\r\nWARC-Type: metadata\r\nWARC-Record-ID: <urn:uuid:synthetic>\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Length: {zeros}\r\n\r\n")
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = member.compress(head.encode())
    chunk = bytes(1 << 20)
    for _ in range(zeros >> 20):
        body += member.compress(chunk)
    body += member.compress(b"\r\n\r\n") + member.flush()
    path = tmp_path / "big.warc.gz"
    path.write_bytes((CONTAINERS / "converted-mufeng-2021-07-07.warc.gz").read_bytes() + body)
    tracemalloc.start()
    try:
        [post] = prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert post.record["title"] == "送别一个旧时代"
    assert peak < 100 << 20, peak


def test_what_a_whole_warc_ends_with_is_not_taken_for_a_cut(tmp_path):
    import gzip
    whole = (CONTAINERS / "converted-mufeng-2021-07-07.warc.gz").read_bytes()
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    for extra in (gzip.compress(b""), gzip.compress(b"\r\n"), b"\r\n\r\n"):
        path = tmp_path / "extra.warc.gz"
        path.write_bytes(whole + extra)
        [post] = prepare_all(path, config)
        assert {i["status"] for i in post.record["images"]} == {"stored"}, extra
        assert b"cut short" not in post.files["provenance.json"], extra


def test_a_warc_cut_in_the_first_bytes_of_a_record_keeps_what_came_before(tmp_path):
    data = WARC.read_bytes()
    request = next(s for s in _record_spans(data) if s[0] == "request")
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    cut = tmp_path / "cut.warc"
    for extra in range(1, 8):  # "W", "WA" … "WARC/1.": warcio cannot tell the format
        cut.write_bytes(data[: request[2] + extra])
        [post] = prepare_all(cut, config)
        assert all("cut short" in i["reason"] for i in post.record["images"]), extra


def test_an_mhtml_cut_before_its_first_part_says_so(tmp_path):
    data = (CONTAINERS / "converted-mufeng-2021-07-07-base64.mhtml").read_bytes()
    first = data.index(b"\n--") + 1  # the first delimiter line
    cut = tmp_path / "cut.mhtml"
    cut.write_bytes(data[:first])
    with pytest.raises(MalformedInput, match="cut short before its page part"):
        prepare_all(cut, load_config({}, tmp_path).with_overrides(fetch=False))


def test_a_cut_container_is_blamed_only_for_images_it_could_have_held(tmp_path):
    from archiver.assets import localise
    from archiver.model import CUT_SHORT, ImageRef
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    refs = [ImageRef(original=""), ImageRef(original="data:image/png;base64,@@"),
            ImageRef(original="https://mmbiz.qpic.cn/x.jpg")]
    assets = localise(refs, tmp_path, config, local_files=False,
                      damaged={CUT_SHORT: "cut short: x.warc ends inside a record"})
    reasons = [a.reason for a in assets]
    assert "cut short" not in reasons[0] and "cut short" not in reasons[1], reasons
    assert reasons[2].startswith("not in the container, which is cut short: x.warc"), reasons


@pytest.mark.parametrize("name", ["converted-wechatscope-qcE1x5JHap.mhtml",
                                  "converted-wechatscope-qcE1x5JHap.warc.gz"])
def test_an_image_a_container_does_not_hold_is_said_to_be_not_in_it(name, config):
    """The share card's three images are in neither file (its manifest says so): each is
    missing as not in the container, then why it was not fetched either. "not fetched"
    alone left open whether the saved file held it."""
    [post] = prepare_all(fixture_path(name), config)
    reasons = [image["reason"] for image in post.record["images"]]
    assert len(reasons) == 3 and MANIFEST[name]["posts"][0]["images"] == {}
    assert set(reasons) == {"not in the container; not fetched: network fetching is off "
                            "(--no-fetch)"}


def test_a_warc_cut_short_inside_a_wacz_says_so(tmp_path):
    """The WARC was cut before it was zipped: the zip is whole, its member is not."""
    import io
    import zipfile
    data = WARC.read_bytes()
    request = next(s for s in _record_spans(data) if s[0] == "request")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as wacz:
        wacz.writestr("archive/data.warc", data[: request[2] + request[3] + 200])
        wacz.writestr("datapackage.json", "{}")
    path = tmp_path / "cut.wacz"
    path.write_bytes(packed.getvalue())
    [post] = prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
    missing = [i for i in post.record["images"] if i["status"] == "missing"]
    assert missing and all("cut short in archive/data.warc" in i["reason"] for i in missing)


@pytest.mark.parametrize("charset", ["hex", "base64", "zlib", "rot13", "uu", "bz2"])
@pytest.mark.parametrize("where", ["meta", "mhtml"])
def test_a_python_codec_that_is_no_text_encoding_is_never_applied_to_the_page(tmp_path, charset,
                                                                             where):
    """Python's codecs also name transforms of bytes (hex, base64, zlib): no browser knows
    such a label, in a page or a MIME part, and passes over it as over any unknown label; the
    bytes are read as UTF-8 (once, they crashed the run; then, they were refused)."""
    if where == "meta":
        page = tmp_path / "p.html"
        page.write_text(f'<html><head><meta charset="{charset}"></head><body>'
                        '<div id="js_content"><p>正文</p></div></body></html>')
    else:
        page = tmp_path / "p.mhtml"
        page.write_bytes(MHTML.read_bytes().replace(b'charset=utf-8', f'charset={charset}'
                                                    .encode(), 1))
        assert f'charset={charset}'.encode() in page.read_bytes()
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    post, = prepare_all(page, config)
    if where == "meta":
        assert post.record["text"] == "正文"
    else:
        plain, = prepare_all(MHTML, config)
        assert post.record["text"] == plain.record["text"]


def _gzipped_resource(uri: str, ctype: str, size: int) -> bytes:
    """A gzipped WARC resource record of ``size`` zero bytes (SYNTHETIC record)."""
    head = (f"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:synthetic-{uri}>\r\n"
            f"WARC-Target-URI: {uri}\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {size}\r\n\r\n")
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    return (member.compress(head.encode()) + member.compress(bytes(size))
            + member.compress(b"\r\n\r\n") + member.flush())


def test_a_warc_whose_records_expand_past_the_budget_is_bad_input_not_a_memory_error(
        tmp_path, monkeypatch):
    """Each record within its own limit, all of them together past the file's: refused,
    naming the file (a 2 MB file could otherwise hold gigabytes in memory)."""
    import archiver.readers.warc as warc
    monkeypatch.setattr(warc, "MAX_TOTAL_BYTES", 4 << 20)
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes((CONTAINERS / "converted-mufeng-2021-07-07.warc.gz").read_bytes()
                     + b"".join(_gzipped_resource(f"https://example.org/{n}.png", "image/png",
                                                  1 << 20) for n in range(5)))
    with pytest.raises(MalformedInput, match="expand to more than 4194304 bytes in all") as info:
        prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
    assert info.value.path == str(path)


def test_a_crawls_videos_and_scripts_are_passed_over_not_kept(tmp_path, monkeypatch):
    """What no post is built from does not count against the budget: the post is read."""
    import archiver.readers.warc as warc
    monkeypatch.setattr(warc, "MAX_TOTAL_BYTES", 4 << 20)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes((CONTAINERS / "converted-mufeng-2021-07-07.warc.gz").read_bytes()
                     + _gzipped_resource("https://example.org/v.mp4", "video/mp4", 3 << 20)
                     + _gzipped_resource("https://example.org/a.js", "application/javascript",
                                         3 << 20))
    [post] = prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
    assert post.record["title"] == "送别一个旧时代"


def test_a_warc_gzipped_whole_is_read_as_the_warc_it_holds(tmp_path):
    """`gzip file.warc` makes one gzip member of every record; WARC tools write one member a
    record. It was refused as cut short; it is the same post."""
    import gzip
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(WARC.read_bytes()))
    [post] = prepare_all(whole, config)
    [plain] = prepare_all(WARC, config)
    assert {k: post.record[k] for k in SAME} == {k: plain.record[k] for k in SAME}
    assert [i["sha256"] for i in post.record["images"]] == \
        [i["sha256"] for i in plain.record["images"]]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(MalformedInput) as info:
        prepare_all(cut, config)
    assert info.value.path == str(cut)


def test_a_wacz_member_that_expands_a_hundredfold_is_refused_before_it_is_read(tmp_path):
    """8 MB of one header line, deflated to 8 kB (SYNTHETIC member): warcio grows a line
    piece by piece, so a line of a gigabyte (a 1 MB file) took hours. A WACZ stores its WARCs
    as they are, or deflates them a few times smaller; the real one is read."""
    import zipfile
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    bomb = tmp_path / "line.wacz"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("archive/data.warc", b"WARC/1.0\r\nWARC-Type: " + b"x" * (8 << 20))
    with pytest.raises(MalformedInput, match=r"expands from \d+ to 8388629 bytes") as info:
        prepare_all(bomb, config)
    assert info.value.path == str(bomb)
    real = CONTAINERS / "converted-mufeng-2021-07-07.wacz"
    assert prepare_all(real, config)[0].record["title"] == "送别一个旧时代"


def test_a_crawl_of_real_images_past_the_budget_is_read_when_the_file_is_as_large(
        tmp_path, monkeypatch):
    """The budget is twice the file's size when that is more: images barely compress, so a
    crawl of a thousand images expands to about its size (refused as a bomb, it could not be
    read at all); a bomb expands far past its."""
    import os as _os

    import archiver.readers.warc as warc
    monkeypatch.setattr(warc, "MAX_TOTAL_BYTES", 1 << 20)

    def incompressible(uri: str) -> bytes:  # SYNTHETIC record of random bytes
        body = _os.urandom(600 << 10)
        head = (f"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n"
                f"WARC-Target-URI: {uri}\r\nContent-Type: image/png\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        member = zlib.compressobj(9, zlib.DEFLATED, 31)
        return member.compress(head + body + b"\r\n\r\n") + member.flush()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes((CONTAINERS / "converted-mufeng-2021-07-07.warc.gz").read_bytes()
                     + b"".join(incompressible(f"https://example.org/{n}.png") for n in range(3)))
    [post] = prepare_all(path, load_config({}, tmp_path).with_overrides(fetch=False))
    assert post.record["title"] == "送别一个旧时代"


def _gzip_members(data: bytes) -> list[tuple[int, int]]:
    """(offset, length) of each gzip member of a WARC gzipped record by record."""
    spans, offset = [], 0
    while offset < len(data):
        member = zlib.decompressobj(31)
        member.decompress(data[offset:])
        length = len(data) - offset - len(member.unused_data)
        spans.append((offset, length))
        offset += length
    return spans


WARC_GZ = (CONTAINERS / "converted-mufeng-2018-01-29.warc.gz").read_bytes()


@pytest.mark.parametrize("member", range(len(_gzip_members(WARC_GZ))))
def test_a_damaged_gzip_member_in_a_warc_fails_the_file_as_damaged_not_cut_short(tmp_path,
                                                                                  capfd, member):
    """A .warc.gz whose bytes were damaged inside a record (a bad disk, a broken copy) is
    refused naming the damage, as a damaged WACZ member is, whichever record it is in: the
    page's, an image's, or a small request record's, which warcio read as not gzipped (its
    compressed bytes shown as a URI, its images "cut short", or nothing said at all). It is not
    a file cut short, and warcio's own zlib message is not written on stderr, where it showed
    under --quiet too."""
    data = bytearray(WARC_GZ)
    offset, length = _gzip_members(WARC_GZ)[member]
    middle = offset + length // 2
    data[middle:middle + 64] = bytes(64)
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(bytes(data))
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    with pytest.raises(MalformedInput) as raised:
        prepare_all(damaged, config)
    assert "damaged: a gzip member does not decompress" in raised.value.message
    assert "cut short" not in raised.value.message
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("order", ["older-last", "newer-last"])
def test_an_older_capture_ingested_after_a_newer_one_is_said_to_be_the_head_now(tmp_path,
                                                                               order):
    """Versions are in the order they are ingested: a crawl's capture of a post made before
    the one already archived, and different from it, becomes the head that list, show and
    export give. The ingest says so, naming the later copy's version (SYNTHETIC WARCs around
    the real page's bytes, the later capture's text edited)."""
    page = fixture_path("converted-savepage-mufeng-2021-07-07").read_bytes()
    edited = page.replace("希望滴滴推迟".encode(), "希望滴滴推遲".encode(), 1)
    assert edited != page

    def capture(name: str, when: str, body: bytes) -> Path:
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warc_record(
            "https://" + _MUFENG_URL, "response", payload=io.BytesIO(body),
            warc_headers_dict={"WARC-Date": when},
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                          protocol="HTTP/1.1")))
        path = tmp_path / name
        path.write_bytes(out.getvalue())
        return path

    older = capture("november.warc", "2025-11-05T00:00:00Z", page)
    newer = capture("december.warc", "2025-12-01T00:00:00Z", edited)
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive",
                                                      fetch=False)
    first, last = (newer, older) if order == "older-last" else (older, newer)
    ingest_paths([first], config)
    [result] = ingest_paths([last], config)
    assert (result.status, result.version) == ("updated", "v2")
    said = [w for w in result.warnings if "before the one v1 was made from" in w]
    if order == "older-last":
        assert said == [f"this copy was captured at 2025-11-05T00:00:00Z, before the one v1 "
                        f"was made from (2025-12-01T00:00:00Z): versions are in the order "
                        f"they are ingested, so this older copy is now the head, which list, "
                        f"show and export give (`archiver show {result.object_id} -v v1` "
                        f"shows the later one)"]
    else:
        assert said == []
