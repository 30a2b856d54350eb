"""The CONVERTED container fixtures (tests/fixtures/containers) stay trustworthy.

They were made by tests/make_container_fixtures.py from real pages and images in
tests/fixtures/wechat; these tests re-check, against those source files, that every image in every
container is byte-identical to the real image file, that article payloads are the real page bytes,
that the WARCs/WACZs are well-formed (digests, revisits, indexes), and that the generator is
deterministic (re-running it reproduces the committed files exactly).
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import io
import json
import plistlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote, urljoin

import pytest

HERE = Path(__file__).parent
WECHAT = HERE / "fixtures" / "wechat"
CONTAINERS = HERE / "fixtures" / "containers"
MANIFEST = json.loads((CONTAINERS / "manifest.json").read_text("utf-8"))
GENERATOR = HERE / "make_container_fixtures.py"

_IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"', re.I)
_MAGIC = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def of_kind(kind: str) -> list[str]:
    return sorted(n for n, e in MANIFEST.items() if e["kind"] == kind)


def sniff(data: bytes) -> str:
    return next(t for magic, t in _MAGIC.items() if data.startswith(magic))


def source_bytes(rel: str) -> bytes:
    return (WECHAT / rel).read_bytes()


def expected_page(entry: dict, post: dict) -> bytes | None:
    """The page bytes a container must hold, or None if the page was rewritten."""
    raw = source_bytes(post["source"])
    if entry["page_bytes"] == "source":
        return raw
    if entry["page_bytes"] == "gbk":
        text = raw.decode("utf-8").replace('<meta charset="UTF-8">', '<meta charset="gbk">', 1)
        return text.encode("gbk")
    return None


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


# --------------------------------------------------------------------------- inventory

def test_every_fixture_is_listed_and_named_as_converted():
    on_disk = {p.name for p in CONTAINERS.iterdir()} - {"README.md", "manifest.json"}
    assert on_disk == set(MANIFEST)
    for name in on_disk:
        assert name.startswith(("converted-", "hostile-converted-")), name
    readme = (CONTAINERS / "README.md").read_text("utf-8")
    for name in on_disk:
        assert f"`{name}`" in readme


def test_total_size_is_reasonable():
    total = sum(p.stat().st_size for p in CONTAINERS.rglob("*") if p.is_file())
    assert total < 8_000_000


def test_image_urls_are_the_pages_src_resolved_against_the_post_url():
    """Independently re-derive image URL -> file from each source page's <img src>."""
    for name, entry in MANIFEST.items():
        if entry.get("hostile_location"):
            continue
        for post in entry["posts"]:
            page = WECHAT / post["source"]
            srcs = [s for s in _IMG_SRC.findall(page.read_text("utf-8"))
                    if s.startswith("../images/")]
            base = post["url"].split("#")[0]
            derived = {quote(urljoin(base, s), safe="!#$%&'()*+,-./:;=?@[]_~"):
                       (page.parent / s).resolve().relative_to(WECHAT.resolve()).as_posix()
                       for s in srcs}
            assert post["images"] == derived, name
            for url, rel in derived.items():
                assert url.isascii() and (WECHAT / rel).is_file()


# --------------------------------------------------------------------------- MHTML

def parse_mhtml(name: str) -> email.message.EmailMessage:
    return email.message_from_bytes((CONTAINERS / name).read_bytes(), policy=email.policy.default)


@pytest.mark.parametrize("name", of_kind("mhtml"))
def test_mhtml_envelope_and_page(name):
    entry = MANIFEST[name]
    (post,) = entry["posts"]
    msg = parse_mhtml(name)
    assert msg.get_content_type() == "multipart/related"
    assert msg.get_param("type") == "text/html"
    assert msg.get_boundary().startswith("----MultipartBoundary--")
    # Chrome's header layout, as raw bytes (the email parser reformats address headers)
    head = (CONTAINERS / name).read_bytes().split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert [line.split(":")[0] for line in head.split("\r\n") if line[:1].isalpha()] == [
        "From", "Snapshot-Content-Location", "Subject", "Date", "MIME-Version", "Content-Type"]
    assert head.startswith("From: <Saved by Blink>\r\n")
    assert msg["MIME-Version"] == "1.0"
    assert msg["Snapshot-Content-Location"] == post["url"]
    assert str(msg["Subject"]) == post["title"]
    page, *resources = msg.iter_parts()
    assert page.get_content_type() == "text/html"
    assert page["Content-Location"] == post["url"]
    assert page.get_content_charset() == entry["charset"]
    assert page["Content-Transfer-Encoding"] == entry["html_encoding"]
    body = page.get_payload(decode=True)
    if entry["html_encoding"] == "quoted-printable":
        body = body.replace(b"\r\n", b"\n")  # MIME text is canonical CRLF
    expected = expected_page(entry, post)
    if expected is not None:
        assert body == expected
    else:  # hostile: the real page with its img src rewritten to the hostile location
        text = body.decode("utf-8")
        assert set(_IMG_SRC.findall(text)) == {entry["hostile_location"]}
    if entry["charset"] == "gbk":
        assert body.decode("gbk") == source_bytes(post["source"]).decode("utf-8").replace(
            '<meta charset="UTF-8">', '<meta charset="gbk">', 1)
    assert len(resources) == len(post["images"])


@pytest.mark.parametrize("name", of_kind("mhtml"))
def test_mhtml_image_parts_are_the_real_image_bytes(name):
    (post,) = MANIFEST[name]["posts"]
    _, *resources = parse_mhtml(name).iter_parts()
    seen = {}
    for part in resources:
        assert part["Content-Transfer-Encoding"] == "base64"
        data = part.get_payload(decode=True)
        seen[part["Content-Location"]] = data
        assert part.get_content_type() == sniff(data)
    assert set(seen) == set(post["images"])
    for location, rel in post["images"].items():
        assert seen[location] == source_bytes(rel)


def test_hostile_mhtml_locations():
    found = {MANIFEST[n]["hostile_location"] for n in of_kind("mhtml")
             if n.startswith("hostile-")}
    assert found == {"../../../etc/passwd", "file:///etc/passwd"}


# --------------------------------------------------------------------------- save page / SingleFile

@pytest.mark.parametrize("name", of_kind("savepage"))
def test_savepage_files_are_real_and_every_src_resolves(name):
    entry = MANIFEST[name]
    (post,) = entry["posts"]
    folder = CONTAINERS / name
    text = (folder / "page.html").read_text("utf-8")
    srcs = _IMG_SRC.findall(text)
    assert srcs and all(s.startswith("./page_files/") for s in srcs)
    files = sorted(p.name for p in (folder / "page_files").iterdir())
    assert files == sorted({s.removeprefix("./page_files/") for s in srcs})
    for src, rel in entry["files"].items():
        assert (folder / src).read_bytes() == source_bytes(rel)
    # apart from the src values and the saved-from comment, page.html is the source page
    source = source_bytes(post["source"]).decode("utf-8")
    assert f"<!-- saved from url=({len(post['url']):04d}){post['url']} -->" in text
    strip = re.compile(r'(<img\b[^>]*?\ssrc=")[^"]*"')
    motw = re.compile(r"<!-- saved from url=\(\d{4}\)\S+ -->\n")
    assert strip.sub(r'\1"', motw.sub("", text)) == strip.sub(r'\1"', source)


@pytest.mark.parametrize("name", of_kind("singlefile"))
def test_singlefile_data_uris_are_the_real_image_bytes(name):
    (post,) = MANIFEST[name]["posts"]
    text = (CONTAINERS / name).read_text("utf-8")
    page = WECHAT / post["source"]
    refs = [s for s in _IMG_SRC.findall(page.read_text("utf-8")) if s.startswith("../images/")]
    uris = _IMG_SRC.findall(text)
    assert len(uris) == len(refs)
    for uri, ref in zip(uris, refs, strict=True):
        mime, b64 = re.fullmatch(r"data:([\w/]+);base64,([A-Za-z0-9+/=]+)", uri).groups()
        data = base64.b64decode(b64)
        assert data == (page.parent / ref).read_bytes()
        assert mime == sniff(data)
    assert f"url: {post['url']}" in text and "Page saved with SingleFile" in text


# --------------------------------------------------------------------------- WARC / WACZ

def dechunked(stored: bytes) -> bytes:
    """A body sent with Transfer-Encoding: chunked, its chunks joined (HTTP/1.1 §7.1)."""
    body, rest = b"", stored
    while True:
        size_line, rest = rest.split(b"\r\n", 1)
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            assert rest == b"\r\n"  # no trailer fields
            return body
        body, rest = body + rest[:size], rest[size:]
        assert rest.startswith(b"\r\n")
        rest = rest[2:]


def sent_body(http, stored: bytes) -> bytes:
    """The body a response's headers say ``stored`` is: de-chunked, its Content-Encoding
    undone by the brotli and zstd packages themselves."""
    if http is None:
        return stored
    body = dechunked(stored) if http.get_header("Transfer-Encoding") == "chunked" else stored
    coding = http.get_header("Content-Encoding")
    if coding == "br":
        return pytest.importorskip("brotli").decompress(body)
    if coding == "zstd":
        return pytest.importorskip("zstandard").ZstdDecompressor().decompressobj().decompress(
            body)
    assert coding is None, coding
    return body


def warc_records(blob: bytes) -> list[dict]:
    archive_iterator = pytest.importorskip("warcio.archiveiterator")
    out = []
    it = archive_iterator.ArchiveIterator(io.BytesIO(blob))
    for rec in it:
        h = rec.rec_headers
        stored = rec.raw_stream.read()  # the payload as stored: what its digest is of
        out.append({"type": rec.rec_type, "uri": h.get_header("WARC-Target-URI"),
                    "id": h.get_header("WARC-Record-ID"), "date": h.get_header("WARC-Date"),
                    "digest": h.get_header("WARC-Payload-Digest"), "headers": h,
                    "http": rec.http_headers, "stored": stored,
                    "payload": sent_body(rec.http_headers, stored),
                    "offset": it.get_record_offset(), "length": it.get_record_length()})
    return out


def check_warc(blob: bytes, entry: dict) -> list[dict]:
    records = warc_records(blob)
    assert records[0]["type"] == "warcinfo"
    assert records[0]["headers"].protocol == f"WARC/{entry['warc_version']}"
    ids = [r["id"] for r in records]
    assert len(set(ids)) == len(ids)
    responses = {r["uri"]: r for r in records if r["type"] in ("response", "resource")}
    for r in records:
        if r["type"] in ("response", "resource"):
            assert r["digest"] == sha1_b32(r["stored"])
        if r["type"] == "request":
            assert r["headers"].get_header("WARC-Concurrent-To") == responses[r["uri"]]["id"]
    # one article response per post, payload = the real page bytes
    for post in entry["posts"]:
        article = responses[post["url"].split("#")[0]]
        assert article["type"] == "response"
        assert article["http"].get_statuscode() == "200"
        assert article["http"].get_header("Content-Type") == "text/html; charset=utf-8"
        assert article["http"].get_header("Content-Encoding") == entry.get("content_encoding")
        assert (article["http"].get_header("Transfer-Encoding") == "chunked") == \
            entry.get("chunked", False)
        if entry.get("content_encoding") or entry.get("chunked"):
            assert article["stored"] != article["payload"]
        expected = expected_page(entry, post)
        if expected is not None:
            assert article["payload"] == expected
        for url, rel in post["images"].items():
            assert responses[url]["payload"] == source_bytes(rel)
    pages = [r for r in records if r["type"] == "response"
             and r["uri"].startswith("http://mp.weixin.qq.com/s?")]
    assert len(pages) == len(entry["posts"])
    images = {u for p in entry["posts"] for u in p["images"]}
    assert {u for u in responses if not u.startswith("http://mp.weixin.qq.com/s?")} == images
    revisits = [r for r in records if r["type"] == "revisit"]
    if entry.get("revisit"):
        (rv,) = revisits
        original = responses[rv["uri"]]
        h = rv["headers"]
        assert rv["uri"] == entry["revisit"]
        assert h.get_header("WARC-Profile") == (
            f"http://netpreserve.org/warc/{entry['warc_version']}/revisit/"
            "identical-payload-digest")
        assert h.get_header("WARC-Refers-To-Target-URI") == original["uri"]
        assert h.get_header("WARC-Refers-To-Date") == original["date"]
        assert h.get_header("WARC-Refers-To") == original["id"]
        assert rv["digest"] == original["digest"] and rv["payload"] == b""
        assert ids.index(rv["id"]) > ids.index(original["id"])
    else:
        assert not revisits
    return records


@pytest.mark.parametrize("name", of_kind("warc"))
def test_warc_records_hold_the_real_bytes(name):
    entry = MANIFEST[name]
    blob = (CONTAINERS / name).read_bytes()
    magic = b"\x1f\x8b" if name.endswith(".gz") else b"WARC/1."
    assert blob.startswith(magic)
    cut = len(blob) if entry.get("record_newlines") == "cut" else None
    if cut:  # each record's CRLF CRLF put back: the records, and nothing else, were there
        start = b"WARC/1.1\r\nWARC-Record-ID: "
        blob = blob.replace(start, b"\r\n\r\n" + start)[4:] + b"\r\n\r\n"
    records = check_warc(blob, entry)
    if cut:
        assert sum(r["length"] for r in records) == cut
    if entry.get("hostile_location"):
        (res,) = [r for r in records if r["type"] == "resource"]
        assert res["uri"] == entry["hostile_location"]
        (article,) = [r for r in records if r["type"] == "response"]
        assert set(_IMG_SRC.findall(article["payload"].decode("utf-8"))) == {res["uri"]}


def test_multi_post_warcs_hold_two_posts():
    multi = [n for n in of_kind("warc") if n.startswith("converted-multi-")]
    assert len(multi) == 2
    for name in multi:
        assert len(MANIFEST[name]["posts"]) == 2
    pair = MANIFEST["converted-multi-wechatscope-2650512939-idx1+idx3.warc.gz"]["posts"]
    assert {re.search(r"idx=(\d)", p["url"]).group(1) for p in pair} == {"1", "3"}
    assert len({re.search(r"mid=(\d+)", p["url"]).group(1) for p in pair}) == 1


@pytest.mark.parametrize("name", of_kind("webarchive"))
def test_webarchive_page_and_images_are_the_real_bytes(name):
    entry = MANIFEST[name]
    (post,) = entry["posts"]
    blob = (CONTAINERS / name).read_bytes()
    assert blob.startswith(b"<?xml" if name.endswith("-xml.webarchive") else b"bplist00")
    archive = plistlib.loads(blob)
    main = archive["WebMainResource"]
    assert main["WebResourceURL"] == post["url"]
    assert main["WebResourceMIMEType"] == "text/html"
    page = main["WebResourceData"]
    if entry["page_bytes"] == "source":
        assert page == (WECHAT / post["source"]).read_bytes()
    subresources = {r["WebResourceURL"]: r for r in archive["WebSubresources"]}
    assert set(subresources) == set(post["images"])
    for url, source in post["images"].items():
        data = subresources[url]["WebResourceData"]
        assert data == (WECHAT / source).read_bytes()
        assert subresources[url]["WebResourceMIMEType"] == sniff(data)
    if entry.get("hostile_location"):
        assert set(_IMG_SRC.findall(page.decode("utf-8"))) == {entry["hostile_location"]}


@pytest.mark.parametrize("name", of_kind("wacz"))
def test_wacz_layout_and_contents(name):
    entry = MANIFEST[name]
    (post,) = entry["posts"]
    with zipfile.ZipFile(CONTAINERS / name) as z:
        names = z.namelist()
        assert set(names) == {"archive/data.warc.gz", "datapackage.json",
                              "datapackage-digest.json", "indexes/index.cdx",
                              "pages/pages.jsonl"}
        assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())
        files = {n: z.read(n) for n in names}
    package = json.loads(files["datapackage.json"])
    assert package["profile"] == "data-package" and package["wacz_version"] == "1.1.1"
    assert package["mainPageUrl"] == post["url"].split("#")[0]
    assert {r["path"] for r in package["resources"]} == set(names) - {
        "datapackage.json", "datapackage-digest.json"}
    for res in package["resources"]:
        data = files[res["path"]]
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert res["bytes"] == len(data)
    digest = json.loads(files["datapackage-digest.json"])
    assert digest == {"path": "datapackage.json",
                      "hash": "sha256:" + hashlib.sha256(files["datapackage.json"]).hexdigest()}
    header, *pages = [json.loads(line) for line in files["pages/pages.jsonl"].splitlines()]
    assert header["format"] == "json-pages-1.0"
    assert [p["url"] for p in pages] == [post["url"].split("#")[0]]
    warc = files["archive/data.warc.gz"]
    records = check_warc(warc, {**entry, "warc_version": "1.1",
                                "revisit": next(iter(post["images"]), None)})
    by_offset = {r["offset"]: r for r in records}
    for line in files["indexes/index.cdx"].decode("utf-8").splitlines():
        _surt, ts, blob = line.split(" ", 2)
        cdx = json.loads(blob)
        rec = by_offset[int(cdx["offset"])]
        assert rec["uri"] == cdx["url"] and rec["length"] == int(cdx["length"])
        assert ts == re.sub(r"\D", "", rec["date"])[:14]
        assert cdx["filename"] == "data.warc.gz"


# --------------------------------------------------------------------------- determinism

def tree_digests(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_generator_reproduces_the_committed_fixtures(tmp_path):
    pytest.importorskip("warcio")
    subprocess.run([sys.executable, str(GENERATOR), str(tmp_path)], check=True,
                   capture_output=True)
    assert tree_digests(tmp_path) == tree_digests(CONTAINERS)
