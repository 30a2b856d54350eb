"""Specification of the SingleFile ZIP reader (archiver/readers/singlefile_zip.py).

SingleFile's ``--compress-content`` (the extension's "self-extracting ZIP") writes a ``.html``
file that is an HTML prelude followed by ZIP data: the page as the entry ``index.html``, its
images as entries of their own. The post in it is the post the same page saved by SingleFile
with its default options gives (title, account, publish time, text, DOIs, image bytes);
which reader read it is recorded. What cannot be read (a password, no index.html, the file
cut short) is refused naming the file and the reason, never taken for text. SingleFile's
plain ZIP (``--self-extracting-archive=false``: the same ZIP data, no prelude, a ``.zip``) is
read the same way.

The fixtures are REAL single-file-cli 2.0.83 output (tests/make_browser_snapshots.py, group
``compressed``; tests/fixtures/browser/README.md). Variants a user could hold but the tool
writes only by accident (a damaged entry, a missing page, the file cut short) are made here
from those real files, their prelude and entries kept, one thing changed.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.cli import app
from archiver.errors import MalformedInput, UnsupportedFormat
from archiver.pipeline import ingest_paths, prepare_all
from archiver.readers import READERS, detect, singlefile_zip
from archiver.store import Archive

from conftest import FIXTURES, WECHAT

SAVES = FIXTURES / "browser"
ZIPPED = SAVES / "singlefile-zip-exporter-04-shanghai.html"
ROOTED = SAVES / "singlefile-zip-root-directory-exporter-04.html"
PASSWORD = SAVES / "singlefile-zip-password-exporter-04.html"
SCREENSHOT = SAVES / "singlefile-zip-screenshot-exporter-04.html"
MUFENG_ZIPPED = SAVES / "singlefile-zip-mufeng-2021-07-07.html"
PLAIN = SAVES / "singlefile-plain-zip-mufeng-2021-07-07.zip"
PLAIN_ROOTED = SAVES / "singlefile-plain-zip-root-directory-mufeng-2021-07-07.zip"
MUFENG_DEFAULT = SAVES / "singlefile-save-mufeng-2021-07-07.html"
EXPORTER_DEFAULT = SAVES / "singlefile-save-exporter-04-shanghai.html"
MUFENG_PAGE = (WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代" / "html"
               / "2021-07-07_送别一个旧时代.html")
SAME = ("id", "kind", "title", "account", "author", "published", "url", "text", "blocks",
        "citations", "credits", "summary")


def images(record: dict) -> list[tuple[str, str | None]]:
    return [(i["status"], i.get("sha256")) for i in record["images"]]


def rezipped(source: Path, change: Callable[[str, bytes], list[tuple[str, bytes]]]) -> bytes:
    """``source`` (a real save) with its ZIP data written again, each entry through
    ``change`` (which gives the entries to write in its place), behind the same prelude."""
    data = source.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as old:
        prelude = data[:min(info.header_offset for info in old.infolist())]
        entries = [(info.filename, old.read(info)) for info in old.infolist()]
    out = io.BytesIO(prelude)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as new:
        for name, body in entries:
            for new_name, new_body in change(name, body):
                new.writestr(new_name, new_body)
    return out.getvalue()


# --- what it reads ------------------------------------------------------------------------------

@pytest.mark.parametrize(("zipped", "default"), [(ZIPPED, EXPORTER_DEFAULT),
                                                 (ROOTED, EXPORTER_DEFAULT),
                                                 (SCREENSHOT, EXPORTER_DEFAULT),
                                                 (MUFENG_ZIPPED, MUFENG_DEFAULT)],
                         ids=["exporter-04", "root-directory", "screenshot",
                              "mufeng-with-image"])
def test_a_self_extracting_save_gives_the_record_of_the_default_save(config, zipped, default):
    """The same page saved by single-file-cli with and without --compress-content (and with
    --create-root-directory, the page in a folder of the ZIP; with --embed-screenshot, the
    file a PNG image whose text chunk opens the prelude) is the same post."""
    compressed = prepare_all(zipped, config)[0].record
    plain = prepare_all(default, config)[0].record
    for key in SAME:
        assert compressed[key] == plain[key], key
    assert images(compressed) == images(plain)


def test_its_images_are_the_zips_entries_with_their_real_bytes(config):
    """The mufeng save holds its image (the scraper page's real img_002.jpg, shown three
    times) as the entry images/1.jpg: stored from there, the same bytes as the page's own
    file, with the network off."""
    record = prepare_all(MUFENG_ZIPPED, config)[0].record
    raw = prepare_all(MUFENG_PAGE, config)[0].record
    assert [i["original"] for i in record["images"]] == ["images/1.jpg"] * 3
    assert images(record) == images(raw)
    assert {status for status, _ in images(record)} == {"stored"}
    provenance = json.loads(prepare_all(MUFENG_ZIPPED, config)[0].files["provenance.json"])
    assert {i["origin"] for i in provenance["images"]} == {"container"}


def test_the_reader_that_ran_is_recorded_with_where_the_page_was(config):
    assert detect(ZIPPED) is singlefile_zip
    prepared = prepare_all(ROOTED, config)[0]
    provenance = json.loads(prepared.files["provenance.json"])
    assert provenance["source"]["format"] == "singlefile-zip"
    assert provenance["source"]["reader"] == "archiver.readers.singlefile_zip"
    assert provenance["container"]["format"] == "singlefile-zip"
    assert provenance["container"]["page"].endswith("_0/index.html")  # the root folder's
    assert provenance["fields"]["page_url"] == "SingleFile's url comment"
    assert provenance["fetched"].startswith("2026-12-01T21:")  # its own saved date


@pytest.mark.parametrize(("save", "note"), [
    (MUFENG_ZIPPED, "index.html of a SingleFile self-extracting ZIP (1 other entries)"),
    (PLAIN, "index.html of a SingleFile ZIP (1 other entries)")], ids=["self-extracting", "plain"])
def test_the_provenance_notes_which_kind_of_save_the_page_was_read_from(config, save, note):
    provenance = json.loads(prepare_all(save, config)[0].files["provenance.json"])
    assert note in provenance["notes"]


def test_the_whole_file_is_the_source_kept(config):
    prepared = prepare_all(ZIPPED, config)[0]
    [source] = [v for k, v in prepared.files.items() if k.startswith("source/")]
    assert source == ZIPPED.read_bytes()


@pytest.mark.parametrize("first", [MUFENG_PAGE, MUFENG_DEFAULT], ids=["page", "default-save"])
def test_after_the_page_or_its_default_save_it_adds_no_version(config, first):
    results = ingest_paths([first, MUFENG_ZIPPED], config)
    assert [(r.status, r.version) for r in results] == [("added", "v1"), ("unchanged", "v1")]
    assert results[0].object_id == results[1].object_id


def test_a_folder_walk_reads_it_like_any_saved_page(config, tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "post.html").write_bytes(MUFENG_ZIPPED.read_bytes())
    [result] = ingest_paths([folder], config)
    assert result.status == "added" and result.title == "送别一个旧时代"


# --- which files it claims ----------------------------------------------------------------------

def test_it_is_tried_among_the_containers_before_the_page_readers():
    formats = [r.FORMAT for r in READERS]
    assert formats.index("singlefile-zip") < formats.index("wechat-html")
    assert formats.index("singlefile-zip") < formats.index("html-fragment")


@pytest.mark.parametrize("save", sorted(SAVES.glob("singlefile-zip-*.html")),
                         ids=lambda p: p.stem)
def test_every_self_extracting_save_is_claimed_by_it_alone_of_the_containers(save):
    head = save.read_bytes()[:1 << 20]
    claims = [r.FORMAT for r in READERS if r.detect(save, head)]
    assert claims[0] == "singlefile-zip"
    assert detect(save) is detect(save) is singlefile_zip


@pytest.mark.parametrize("save", sorted(p for p in SAVES.glob("*")
                                        if not p.name.startswith(("singlefile-zip-",
                                                                  "singlefile-plain-zip-"))
                                        and p.suffix != ".md"), ids=lambda p: p.name)
def test_no_other_save_is_claimed_by_it(save):
    assert not singlefile_zip.detect(save, save.read_bytes()[:1 << 20])


def test_the_screenshot_save_is_a_png_image_too_known_by_its_first_chunk():
    """Its wait message comes after the image data, past the first MiB for a long page: the
    prelude opening the PNG's first text chunk is enough."""
    data = SCREENSHOT.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and b"sfz-wait-message" not in data[:4096]
    assert detect(SCREENSHOT) is singlefile_zip
    assert singlefile_zip.detect(SCREENSHOT, data[:4096])


@pytest.mark.parametrize("name", ["notes.md", "notes.html"])
def test_a_note_that_quotes_the_prelude_is_not_claimed(tmp_path, name):
    """Only a file that opens with the prelude is one (docs/ingest.md quotes its markers)."""
    path = tmp_path / name
    path.write_text("<p>SingleFile's prelude: <code><html data-sfz></code> then "
                    "<code><div id=sfz-wait-message></code>, mp.weixin.qq.com</p>\n",
                    encoding="utf-8")
    assert not singlefile_zip.detect(path, path.read_bytes())


def test_a_page_unzipped_and_saved_again_as_plain_html_is_a_page(tmp_path, config):
    """The unzipping script marks the page it writes ``data-sfz``; saved again as plain HTML
    it has that mark but no prelude (no wait message, no ZIP): a page, read as one."""
    page = tmp_path / "resaved.html"
    page.write_bytes(EXPORTER_DEFAULT.read_bytes().replace(b"<html class style>",
                                                           b"<html data-sfz>", 1))
    assert b"<html data-sfz>" in page.read_bytes()[:100]
    assert detect(page).FORMAT == "wechat-html"
    assert prepare_all(page, config)[0].record["title"] == "好险，就差1.5点，两手准备"


# --- what it refuses, and why ------------------------------------------------------------------

def test_a_page_inside_that_does_not_decode_is_said_of_that_page(tmp_path, config):
    """The ZIP is the file named; its page is what does not decode, and what to convert is
    that page once extracted, not the ZIP."""
    def in_gbk(name: str, body: bytes) -> list[tuple[str, bytes]]:
        if name.endswith("index.html"):
            body = body.decode("utf-8").replace('charset="utf-8"', "").replace(
                "charset=utf-8", "").encode("gb18030")
        return [(name, body)]
    save = tmp_path / "gbk.zip"
    save.write_bytes(rezipped(PLAIN, in_gbk))
    with pytest.raises(MalformedInput) as raised:
        prepare_all(save, config)
    assert raised.value.path == str(save)
    assert "in its page index.html: not valid utf-8 text" in raised.value.message
    assert "iconv -f gb18030 -t utf-8 index.html > NEW (the page extracted" in raised.value.hint
    assert "FILE > NEW" not in raised.value.hint


def test_a_password_protected_save_is_refused_naming_the_file_and_the_reason(tmp_path):
    """single-file-cli --password (real output): the ZIP's entries are AES-encrypted."""
    result = CliRunner().invoke(app, ["ingest", str(PASSWORD), "--archive",
                                      str(tmp_path / "a"), "--no-fetch"])
    assert result.exit_code == 4, result.output
    assert (f"archiver: error: {PASSWORD}: a SingleFile self-extracting page whose page "
            "(index.html) is encrypted (the ZIP is password-protected)") in result.output
    assert "without a password" in result.output
    assert "cp1252" not in result.output


def test_a_zip_without_index_html_is_refused_saying_so(tmp_path, config):
    path = tmp_path / "no-index.html"
    path.write_bytes(rezipped(ZIPPED, lambda name, body: [] if name == "index.html"
                              else [(name, body)]))
    with pytest.raises(MalformedInput, match="whose ZIP holds no index.html") as info:
        prepare_all(path, config)
    assert info.value.path == str(path)


@pytest.mark.filterwarnings("ignore:Duplicate name")  # zipfile's, writing the second
def test_two_pages_named_index_html_are_refused_not_guessed_between(tmp_path, config):
    path = tmp_path / "two-pages.html"
    path.write_bytes(rezipped(ZIPPED, lambda name, body: [(name, body)] * (
        2 if name == "index.html" else 1)))
    with pytest.raises(MalformedInput, match="holds index.html 2 times"):
        prepare_all(path, config)


@pytest.mark.parametrize(("save", "name", "what", "keep"), [
    *((ZIPPED, "cut.html", "a SingleFile self-extracting page", keep)
      for keep in (0.02, 0.5, 0.85, 0.97)),
    *((PLAIN, "cut.zip", "a SingleFile ZIP file", keep) for keep in (0.3, 0.97))])
def test_a_save_cut_short_is_refused_as_such_never_as_text(tmp_path, save, name, what, keep):
    """Cut in the prelude, in the entries or in the ZIP's directory: the ZIP cannot be read,
    and the message says what the file is and why, not that it is not cp1252 text."""
    data = save.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[:int(len(data) * keep)])
    result = CliRunner().invoke(app, ["ingest", str(path), "--archive", str(tmp_path / "a"),
                                      "--no-fetch"])
    assert result.exit_code == 4, result.output
    assert f"archiver: error: {path}: {what} whose ZIP data cannot be read" in result.output
    assert "cut short or damaged" in result.output and "cp1252" not in result.output


def test_a_damaged_image_entry_is_missing_with_the_reason_and_the_post_is_kept(tmp_path,
                                                                               config):
    """One byte of the image's compressed data changed: its checksum fails."""
    data = bytearray(MUFENG_ZIPPED.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("images/1.jpg")
    at = info.header_offset  # the local header: 30 bytes, then its name and extra field
    start = at + 30 + int.from_bytes(data[at + 26:at + 28], "little") + int.from_bytes(
        data[at + 28:at + 30], "little")
    data[start + info.compress_size // 2] ^= 0xFF
    path = tmp_path / "damaged.html"
    path.write_bytes(bytes(data))
    record = prepare_all(path, config)[0].record
    assert record["title"] == "送别一个旧时代"
    reasons = {i["reason"] for i in record["images"]}
    assert len(reasons) == 1
    [reason] = reasons
    assert reason.startswith("damaged in the ZIP data") and "images/1.jpg" in reason


def test_a_page_that_is_no_wechat_post_is_unsupported_and_skipped_in_a_folder(tmp_path,
                                                                              config):
    page = b"<!DOCTYPE html><html><head><title>notes</title></head><body>hi</body></html>"
    path = tmp_path / "folder" / "other.html"
    path.parent.mkdir()
    path.write_bytes(rezipped(ZIPPED, lambda name, body: [
        (name, page if name == "index.html" else body)]))
    with pytest.raises(UnsupportedFormat, match=r"whose page \(index.html\) is not a WeChat"):
        prepare_all(path, config)
    [result] = ingest_paths([path.parent, MUFENG_PAGE], config)[:1]
    assert result.status == "skipped"


def naming(body: bytes, names: list[str]) -> bytes:
    """The page with images of these names at the end of its body (as a page refers to
    them), so that the reader, which reads only the entries its page names, reads them."""
    images = "".join(f'<img src="{name}">' for name in names).encode()
    return body.replace(b"</body>", images + b"</body>") if b"</body>" in body \
        else body + images


def test_a_zip_bomb_entry_is_refused_before_it_is_held_whole(tmp_path, config, monkeypatch):
    """An entry of 64 MiB of zeros (64 kB in the file), named by the page: reading stops at
    the limit."""
    monkeypatch.setattr(singlefile_zip, "MAX_ENTRY_BYTES", 1 << 20)
    path = tmp_path / "bomb.html"
    path.write_bytes(rezipped(ZIPPED, lambda name, body: [
        (name, naming(body, ["images/9.jpg"]))] + (
        [("images/9.jpg", bytes(64 << 20))] if name == "index.html" else [])))
    assert path.stat().st_size < 200_000
    with pytest.raises(MalformedInput, match=r"'images/9.jpg'\) expands to more than 1048576 "
                                             r"bytes \(a decompression bomb\?\)"):
        prepare_all(path, config)


def test_entries_that_expand_past_the_total_limit_are_refused(tmp_path, config, monkeypatch):
    monkeypatch.setattr(singlefile_zip, "MAX_TOTAL_BYTES", 4 << 20)
    names = [f"images/{n}.jpg" for n in range(8)]
    path = tmp_path / "many.html"
    path.write_bytes(rezipped(ZIPPED, lambda name, body: [(name, naming(body, names))] + (
        [(image, bytes(1 << 20)) for image in names] if name == "index.html" else [])))
    with pytest.raises(MalformedInput, match=r"entries expand to more than 4194304 bytes in "
                                             r"all"):
        prepare_all(path, config)


def test_entries_the_page_does_not_name_are_never_read(tmp_path, config, monkeypatch):
    """A small file can hold entries that expand to hundreds of MB; those the page never
    refers to are no images of the post, and are not read at all (not into memory, not
    against the limits): the post is read as the plain save."""
    read: list[str] = []
    real = singlefile_zip._read_entry

    def spy(path, archive, info, budget):
        read.append(info.filename)
        return real(path, archive, info, budget)

    monkeypatch.setattr(singlefile_zip, "_read_entry", spy)
    path = tmp_path / "padded.html"
    path.write_bytes(rezipped(ZIPPED, lambda name, body: [(name, body)] + (
        [("padding/a.bin", bytes(64 << 20)), ("padding/b.bin", bytes(64 << 20))]
        if name == "index.html" else [])))
    assert path.stat().st_size < 400_000
    assert prepare_all(path, config)[0].record == prepare_all(ZIPPED, config)[0].record
    assert not any(name.startswith("padding/") for name in read)


def test_nothing_in_the_archive_is_named_after_an_entry(config):
    """Entries are lookup keys: the image is stored by its content's digest."""
    [result] = ingest_paths([MUFENG_ZIPPED], config)
    archive = Archive.open(config.archive)
    state = archive.versions(result.object_id)[-1].state
    assert sorted(p for p in state if p.startswith("assets/")) == [
        "assets/553558d285291746dabbecbbeeffc0c6e67b6d922c020e74341f1c2fe745c3e4.png"]


def test_damaged_saves_are_read_or_refused_naming_the_file_never_a_crash(tmp_path):
    """Seeded damage to the real saves' ZIP data (bytes changed in the entries, the local
    headers, the directory and its end record; runs of bytes zeroed; pieces cut out): each
    is ingested or refused with exit 4 naming the file; never a traceback."""
    import random
    rng = random.Random(20261201)
    saves = [ZIPPED, ROOTED, MUFENG_ZIPPED]
    for number in range(60):
        data = bytearray(rng.choice(saves).read_bytes())
        start = data.find(b"PK\x03\x04")
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(start, len(data))
            how = rng.choice(["flip", "zero", "cut"])
            if how == "flip":
                data[at] ^= 1 << rng.randrange(8)
            elif how == "zero":
                size = rng.randint(1, 64)
                data[at:at + size] = bytes(len(data[at:at + size]))
            else:
                del data[at:at + rng.randint(1, 256)]
        path = tmp_path / f"{number:02d}.html"
        path.write_bytes(bytes(data))
        result = CliRunner().invoke(app, ["ingest", str(path), "--archive",
                                          str(tmp_path / "a"), "--no-fetch"])
        assert result.exit_code in (0, 4), (number, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), number
        if result.exit_code == 4:
            assert f"archiver: error: {path}: " in result.output, (number, result.output)
            assert "cp1252" not in result.output, (number, result.output)


# --- the plain ZIP ------------------------------------------------------------------------------

@pytest.mark.parametrize("plain", [PLAIN, PLAIN_ROOTED], ids=["plain", "root-directory"])
def test_a_plain_zip_save_gives_the_record_of_the_default_save(config, plain):
    """single-file-cli --compress-content --self-extracting-archive=false (real output): the
    page and its image as entries of a ZIP alone."""
    assert detect(plain) is singlefile_zip
    record = prepare_all(plain, config)[0].record
    default = prepare_all(MUFENG_DEFAULT, config)[0].record
    for key in SAME:
        assert record[key] == default[key], key
    assert images(record) == images(default)
    assert {status for status, _ in images(record)} == {"stored"}


def test_a_plain_zip_after_the_self_extracting_save_adds_no_version(config):
    results = ingest_paths([MUFENG_ZIPPED, PLAIN], config)
    assert [(r.status, r.version) for r in results] == [("added", "v1"), ("unchanged", "v1")]


def _plain_zip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries:
            archive.writestr(name, body)
    return out.getvalue()


def test_a_plain_zip_is_known_by_its_first_entry_whatever_its_name(tmp_path):
    """SingleFile writes the page or its manifest first (the real saves: the manifest)."""
    with zipfile.ZipFile(PLAIN) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    assert PLAIN.read_bytes()[30:43] == b"manifest.json"  # the real save's first entry
    page_first = tmp_path / "post.bin"
    page_first.write_bytes(_plain_zip(sorted(entries, key=lambda e: e[0] != "index.html")))
    renamed = tmp_path / "post.dat"
    renamed.write_bytes(PLAIN.read_bytes())
    assert detect(page_first) is detect(renamed) is singlefile_zip


@pytest.mark.parametrize("first", ["mimetype", "archive/data.warc.gz", "notes/index.html.txt"])
def test_another_zip_is_not_claimed(tmp_path, first):
    """An EPUB opens with its mimetype, a WACZ with its archive/ folder."""
    path = tmp_path / "other.zip"
    path.write_bytes(_plain_zip([(first, b"x"), ("index.html", b"<html></html>")]))
    with pytest.raises(UnsupportedFormat):
        detect(path)


def test_a_folder_walk_offers_a_zip_to_the_readers(config, tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "送别一个旧时代.zip").write_bytes(PLAIN.read_bytes())
    [result] = ingest_paths([folder], config)
    assert result.status == "added" and result.title == "送别一个旧时代"


def test_a_zipped_site_that_is_no_wechat_post_is_unsupported(tmp_path, config):
    path = tmp_path / "site.zip"
    path.write_bytes(_plain_zip([("index.html", b"<!DOCTYPE html><html><body>hi</body></html>")]))
    with pytest.raises(UnsupportedFormat, match=r"SingleFile ZIP file whose page \(index.html\) "
                                                "is not a WeChat post"):
        prepare_all(path, config)
