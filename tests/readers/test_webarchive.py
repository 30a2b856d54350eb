"""Specification of the Safari Web Archive reader (archiver/readers/webarchive.py).

Safari's "Save As… Web Archive" writes a property list: the page as the server sent it
(``WebMainResource``) and every resource the browser had loaded, by URL (``WebSubresources``;
an iframe's in ``WebSubframeArchives``). The post in it is the post of the plain page, its
images taken from the file, never fetched; which reader ran is recorded. What is not a Web
Archive, or not whole, is refused naming the file and the reason.

The fixtures in tests/fixtures/containers (``*.webarchive``) were CONVERTED from a real corpus
page and its real image with plistlib (tests/make_container_fixtures.py): no Safari save of
these posts exists. Variants are built here the same way from the same real page and image,
one thing changed each.
"""

from __future__ import annotations

import json
import plistlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archiver.cli import app
from archiver.errors import MalformedInput, UnsupportedFormat
from archiver.pipeline import ingest_paths, prepare_all
from archiver.readers import READERS, detect, webarchive

from conftest import FIXTURES, WECHAT

CONTAINERS = FIXTURES / "containers"
SAVED = CONTAINERS / "converted-mufeng-2021-07-07.webarchive"
PAGE = (WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代" / "html"
        / "2021-07-07_送别一个旧时代.html")
IMAGE_SRC = "../images/2021-07-07_送别一个旧时代/img_002.jpg"
IMAGE = PAGE.parent.parent / "images" / "2021-07-07_送别一个旧时代" / "img_002.jpg"
SAME = ("id", "kind", "title", "account", "author", "published", "url", "text", "blocks",
        "citations", "credits")


def archive_of(saved: Path = SAVED) -> dict[str, Any]:
    return plistlib.loads(saved.read_bytes())


def write(path: Path, archive: Any, fmt: plistlib.PlistFormat = plistlib.FMT_BINARY) -> Path:
    path.write_bytes(plistlib.dumps(archive, fmt=fmt))
    return path


def stored(record: dict) -> list[tuple[str, str | None]]:
    return [(i["status"], i.get("sha256")) for i in record["images"]]


# --- what it reads ------------------------------------------------------------------------------

def test_a_web_archive_gives_the_plain_pages_record_with_the_images_it_holds(config):
    record = prepare_all(SAVED, config)[0].record
    plain = prepare_all(PAGE, config)[0].record
    for key in SAME:
        assert record[key] == plain[key], key
    assert stored(record) == stored(plain)
    assert {status for status, _ in stored(record)} == {"stored"}


def test_the_reader_that_ran_is_recorded_with_the_pages_address(config):
    assert detect(SAVED) is webarchive
    provenance = json.loads(prepare_all(SAVED, config)[0].files["provenance.json"])
    assert provenance["source"]["reader"] == "archiver.readers.webarchive"
    assert provenance["container"]["format"] == "webarchive"
    assert provenance["container"]["page"] == archive_of()["WebMainResource"]["WebResourceURL"]
    assert provenance["fields"]["page_url"] == "Web Archive WebResourceURL"
    assert {i["origin"] for i in provenance["images"]} == {"container"}


def test_an_image_loaded_in_a_frame_is_taken_from_the_frames_archive(config, tmp_path):
    archive = archive_of()
    moved = archive.pop("WebSubresources")
    archive["WebSubframeArchives"] = [{
        "WebMainResource": {"WebResourceData": b"<html></html>", "WebResourceMIMEType":
                            "text/html", "WebResourceURL": "https://mp.weixin.qq.com/frame"},
        "WebSubresources": moved}]
    record = prepare_all(write(tmp_path / "framed.webarchive", archive), config)[0].record
    assert stored(record) == stored(prepare_all(SAVED, config)[0].record)


def test_frames_nested_past_the_limit_are_passed_over(config, tmp_path):
    archive = archive_of()
    frame: dict[str, Any] = {"WebSubresources": archive.pop("WebSubresources")}
    for _ in range(webarchive.MAX_FRAMES + 1):
        frame = {"WebSubframeArchives": [frame]}
    archive["WebSubframeArchives"] = frame["WebSubframeArchives"]
    record = prepare_all(write(tmp_path / "deep.webarchive", archive), config)[0].record
    assert {i["status"] for i in record["images"]} == {"missing"}
    assert record["text"] == prepare_all(PAGE, config)[0].record["text"]


def test_the_charset_safari_names_is_honoured_gbk_read_as_gb18030(config, tmp_path):
    """Safari names the page's encoding (``GBK``, as the server declared it): read as GB18030,
    its superset, as browsers do, so a character only GB18030 has (𠮷) decodes too."""
    text = PAGE.read_text("utf-8").replace('<meta charset="UTF-8">', "", 1)
    text = text.replace("昨天那篇", "昨天𠮷那篇", 1)
    assert "𠮷" in text
    archive = archive_of()
    archive["WebMainResource"].update(WebResourceData=text.encode("gb18030"),
                                      WebResourceTextEncodingName="GBK")
    record = prepare_all(write(tmp_path / "gbk.webarchive", archive), config)[0].record
    assert record["text"].startswith("昨天𠮷那篇")


def test_an_encoding_safari_names_that_the_bytes_prove_wrong_is_said_as_safari_named_it(
        config, tmp_path):
    """UTF-8 bytes Safari called ISO-8859-1 would be stored garbled (``äº``…): refused, the
    field that said so named."""
    archive = archive_of()
    archive["WebMainResource"]["WebResourceTextEncodingName"] = "ISO-8859-1"
    with pytest.raises(MalformedInput) as raised:
        prepare_all(write(tmp_path / "latin.webarchive", archive), config)
    assert raised.value.message.startswith(
        "the Web Archive's WebResourceTextEncodingName says charset=ISO-8859-1, but its bytes "
        "are UTF-8 text")


def test_an_xml_property_list_is_read_as_the_binary_one(config):
    xml = prepare_all(CONTAINERS / "converted-mufeng-2021-07-07-xml.webarchive", config)
    binary = prepare_all(SAVED, config)
    assert xml[0].record["text"] == binary[0].record["text"]
    assert stored(xml[0].record) == stored(binary[0].record)


def test_after_the_plain_page_it_adds_no_version(config):
    results = ingest_paths([PAGE, SAVED], config)
    assert [(r.status, r.version) for r in results] == [("added", "v1"), ("unchanged", "v1")]
    assert results[0].object_id == results[1].object_id


def test_a_folder_walk_offers_it_to_the_readers(config, tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "送别一个旧时代.webarchive").write_bytes(SAVED.read_bytes())
    [result] = ingest_paths([folder], config)
    assert result.status == "added" and result.title == "送别一个旧时代"


# --- which files it claims ----------------------------------------------------------------------

def test_a_renamed_web_archive_is_known_by_its_content(tmp_path):
    for source, name in ((SAVED, "post.bin"),
                         (CONTAINERS / "converted-mufeng-2021-07-07-xml.webarchive", "post.xml")):
        renamed = tmp_path / name
        renamed.write_bytes(source.read_bytes())
        assert detect(renamed) is webarchive


def test_another_property_list_is_not_taken_for_one(tmp_path):
    settings = write(tmp_path / "settings.plist", {"WebKitDefaultFontSize": 16})
    with pytest.raises(UnsupportedFormat):
        detect(settings)


def test_it_is_tried_among_the_containers_before_the_page_readers():
    formats = [r.FORMAT for r in READERS]
    assert formats.index("webarchive") < formats.index("wechat-html")
    assert formats.index("webarchive") < formats.index("markdown")


# --- what it refuses ----------------------------------------------------------------------------

@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_web_archive_cut_short_is_refused_naming_the_file(config, tmp_path, keep):
    data = SAVED.read_bytes()
    cut = tmp_path / "cut.webarchive"
    cut.write_bytes(data[:int(len(data) * keep)])
    with pytest.raises(MalformedInput, match="cut short") as info:
        prepare_all(cut, config)
    assert info.value.path == str(cut)


@pytest.mark.parametrize(("content", "reason"), [
    (b"<html><body>a page renamed</body></html>", "not a Web Archive"),
    (plistlib.dumps({"WebSubresources": []}, fmt=plistlib.FMT_BINARY),
     "no WebMainResource holding a page"),
    (plistlib.dumps(["WebMainResource"], fmt=plistlib.FMT_BINARY),
     "no WebMainResource holding a page"),
    (plistlib.dumps({"WebMainResource": {"WebResourceData": IMAGE.read_bytes(),
                                         "WebResourceMIMEType": "image/png"}},
                    fmt=plistlib.FMT_BINARY), "holds no page: its main resource is image/png"),
], ids=["html-renamed", "no-main-resource", "a-list", "an-image"])
def test_what_is_no_saved_page_is_refused_saying_what_it_is(config, tmp_path, content, reason):
    path = tmp_path / "post.webarchive"
    path.write_bytes(content)
    with pytest.raises(MalformedInput, match=reason):
        prepare_all(path, config)


def test_an_entity_declared_in_an_xml_property_list_is_never_expanded(config, tmp_path):
    entities = b"".join(b'<!ENTITY e%d "&e%d;&e%d;&e%d;&e%d;">' % (i, i - 1, i - 1, i - 1, i - 1)
                        for i in range(1, 9))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY e0 "AAAAAAAA">' + entities
            + b']><plist version="1.0"><dict><key>WebMainResource</key><dict>'
            b"<key>WebResourceData</key><data>&e8;</data></dict></dict></plist>")
    path = tmp_path / "bomb.webarchive"
    path.write_bytes(bomb)
    with pytest.raises(MalformedInput, match="entity declarations are not supported"):
        prepare_all(path, config)


def test_the_cli_refuses_a_cut_web_archive_with_exit_4_and_keeps_the_archive_whole(tmp_path):
    archive = tmp_path / "archive"
    first = CliRunner().invoke(app, ["ingest", "--archive", str(archive), "--no-fetch",
                                     str(PAGE)])
    assert first.exit_code == 0, first.output
    before = sorted(p.relative_to(archive) for p in archive.rglob("*"))
    cut = tmp_path / "cut.webarchive"
    cut.write_bytes(SAVED.read_bytes()[:5000])
    result = CliRunner().invoke(app, ["ingest", "--archive", str(archive), "--no-fetch",
                                      str(cut)])
    assert result.exit_code == 4
    assert "cut.webarchive" in result.output and "cut short" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.relative_to(archive) for p in archive.rglob("*")) == before


def _binary_plist(objects: list[tuple[str, Any]], top: int = 0) -> bytes:
    """A binary property list written object by object, each object referring to others by
    number, so that it can hold what plistlib never writes: an object referred to from many
    places, or holding itself. ``objects``: ("dict", [(key ref, value ref)…]), ("array",
    [ref…]), ("str", ASCII text) or ("data", bytes)."""
    def count(marker: int, n: int) -> bytes:
        return bytes([marker | n]) if n < 15 else bytes([marker | 15, 0x12]) + n.to_bytes(4, "big")

    body, offsets = bytearray(b"bplist00"), []
    for kind, value in objects:
        offsets.append(len(body))
        if kind == "dict":
            body += count(0xD0, len(value)) + b"".join(k.to_bytes(2, "big") for k, _ in value)
            body += b"".join(v.to_bytes(2, "big") for _, v in value)
        elif kind == "array":
            body += count(0xA0, len(value)) + b"".join(r.to_bytes(2, "big") for r in value)
        else:
            raw = value.encode("ascii") if kind == "str" else value
            body += count(0x50 if kind == "str" else 0x40, len(raw)) + raw
    table = len(body)
    body += b"".join(o.to_bytes(4, "big") for o in offsets)
    body += bytes(6) + bytes([4, 2]) + b"".join(n.to_bytes(8, "big")
                                                for n in (len(objects), top, table))
    return bytes(body)


def test_frames_that_refer_to_themselves_a_thousand_times_are_read_once(config, tmp_path):
    """A property list may refer to one object from many places: an archive whose frame list
    names the archive itself a thousand times (a few kilobytes) must not be walked a
    thousand times a thousand times…, nor forever."""
    page = PAGE.read_bytes()
    path = tmp_path / "loop.webarchive"
    path.write_bytes(_binary_plist([
        ("dict", [(1, 3), (2, 4)]),                       # 0: the archive
        ("str", "WebMainResource"), ("str", "WebSubframeArchives"),
        ("dict", [(5, 6), (7, 8)]),                       # 3: its page
        ("array", [0] * 1000),                            # 4: its frames: itself, 1000 times
        ("str", "WebResourceData"), ("data", page),
        ("str", "WebResourceMIMEType"), ("str", "text/html"),
    ]))
    assert plistlib.loads(path.read_bytes())["WebSubframeArchives"][999]["WebMainResource"]
    record = prepare_all(path, config)[0].record
    assert record["text"] == prepare_all(PAGE, config)[0].record["text"]
