"""Build ``tests/fixtures/containers/``: real WeChat posts re-packed in browser/crawler containers.

WHY CONVERTED. No public capture of these posts exists as MHTML, WARC, WACZ, "save page complete",
SingleFile or Safari Web Archive, so this script CONVERTS real pages that are already in the corpus
(``tests/fixtures/wechat/``, labelled in ``expected.json``; provenance in ``LABELS.md``) into those
containers. Every output name starts with ``converted-`` (or ``hostile-converted-`` for the
deliberately malicious variants) so that nobody mistakes them for captures made by the real tools.

WHAT WAS CONVERTED FROM WHAT (all inputs relative to ``tests/fixtures/wechat/``):

* ``html-with-assets/mufeng__2018-01-29_…/html/….html`` + its ``images/…/img_000..003.jpg`` and
  ``html-with-assets/mufeng__2021-07-07_…/html/….html`` + ``images/…/img_002.jpg`` (scraper
  backups from 531014023/wechat_articles_backup_mufeng). These pages reference their images ONLY
  by relative paths (``src="../images/<stem>/img_NNN.jpg"``); they have no ``data-src`` and no
  mmbiz.qpic.cn URL. → save-page-complete folder, SingleFile page, MHTML (quoted-printable,
  base64 and GBK variants), WARC (gzip and plain), WACZ, Safari Web Archive (binary and XML
  property list), one two-post WARC, hostile variants; for the 2021 page also WARCs whose page
  response was sent compressed (``Content-Encoding: br``, ``zstd``) and/or chunked, and an
  uncompressed WARC with the line breaks that end each record cut out (DAMAGED ON PURPOSE, as
  a faulty writer leaves one).
* ``html/wechatscope__gh_8e98aeecc6c0_…_raiHy80cW6….html`` (normal article whose 2 body images
  WeChatScope had already inlined as ``data:image/jpeg;base64`` URIs, ``data-src=""``) and
  ``html/wechatscope__gh_afb7e3bcbae3_…_qcE1x5JHap….html`` (a "share" card whose article images
  exist only as mmbiz.qpic.cn ``data-src`` URLs inside ``<script id="content_tpl">``; no bytes
  for them exist anywhere) → MHTML and WARC (and a WACZ and a Web Archive for raiHy80cW6),
  PAGE ONLY: no image part/record is added and no image bytes are substituted.
* ``html/wechatscope__gh_8e98aeecc6c0_…_5kKzudG0MR….html`` (idx=3 of the same mass-send as
  raiHy80cW6, idx=1) → only inside a two-post WARC together with raiHy80cW6, page only.

WITH WHICH TOOL. Only this script: Python's standard ``email`` package (MHTML), ``warcio``'s
``WARCWriter`` (WARC), ``zipfile`` (WACZ), ``plistlib`` (Safari Web Archive), plain string edits
(save-page, SingleFile). No browser, SingleFile, monolith, Browsertrix, Safari or py-wacz was run.
The br and zstd page bodies are read from ``tests/fixtures/encoded/`` (the page compressed by
the brotli and zstd command-line tools, see its README), checked to decode to the page.

REAL vs SYNTHESISED.
Real: the page bytes (UTF-8, byte-identical to the source file in every WARC/WACZ payload and in
the base64 MHTML; identical after CRLF→LF in the quoted-printable MHTML, which is canonical CRLF
text) and every image byte (byte-identical to the source image file). The article URLs (the
``url`` of each post in ``expected.json`` = the page's 原文链接 / og:url).
Synthesised: every HTTP request/response header, WARC header, record ID, date (2024-01-01T00:00Z
and following seconds), the revisit record (a pretend second fetch), the MHTML envelope (From,
Subject, Date, boundary, Content-ID), the ``<!-- saved from url=… -->`` and SingleFile comments,
the WACZ ``datapackage.json``/``pages.jsonl``/CDXJ index, the save-page file names, and — for the
mufeng posts — the image URLs: the relative ``src`` resolved against the article URL as a browser
would (``http://mp.weixin.qq.com/images/<percent-encoded stem>/img_NNN.jpg``); WeChat never served
anything there. Changed page bytes: save-page and SingleFile rewrite ``src`` attributes (and add
the tool's comment); the GBK MHTML is the page transcoded to GBK with ``<meta charset="gbk">``;
the hostile variants rewrite ``src`` to the hostile location.

DETERMINISM. Fixed dates, record IDs = UUIDs derived from SHA-256 of the content, fixed boundary,
zip entries with fixed timestamps; warcio's gzip members carry mtime 0. Re-running gives
byte-identical files (``tests/test_container_fixtures.py`` checks this).

Usage: ``python tests/make_container_fixtures.py [OUTPUT_DIR]`` (default
``tests/fixtures/containers``). Only ``converted-*``/``hostile-*``/``README.md``/``manifest.json``
entries of OUTPUT_DIR are replaced.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import plistlib
import quopri
import re
import shutil
import sys
import uuid
import zipfile
from dataclasses import dataclass
from email.charset import QP, Charset
from email.generator import BytesGenerator
from email.header import Header
from email.message import Message
from email.policy import compat32
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
WECHAT = HERE / "fixtures" / "wechat"
DEFAULT_OUT = HERE / "fixtures" / "containers"
ENCODED = HERE / "fixtures" / "encoded"  # the real page compressed by the real tools
CODED_SUFFIX = {"br": "br", "zstd": "zst"}

TS = "2024-01-01T00:00:00Z"
TS14 = "20240101000000"
HTTP_DATE = "Mon, 01 Jan 2024 00:00:00 GMT"
MIME_DATE = "Mon, 1 Jan 2024 00:00:00 -0000"
SINGLEFILE_DATE = "Mon Jan 01 2024 00:00:00 GMT+0000 (Coordinated Universal Time)"
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/120 Safari/537.36")
SOFTWARE = "tests/make_container_fixtures.py (converted fixture, not a real capture)"
NS = uuid.UUID("6f0c8a5e-2b1d-4c3e-9a7f-000000000001")  # namespace for derived record IDs

MUFENG_2018 = ("html-with-assets/mufeng__2018-01-29_大都市与小城镇——从东京的人口说起/html/"
               "2018-01-29_大都市与小城镇——从东京的人口说起.html")
MUFENG_2021 = ("html-with-assets/mufeng__2021-07-07_送别一个旧时代/html/"
               "2021-07-07_送别一个旧时代.html")
WS_RAI = "html/wechatscope__gh_8e98aeecc6c0_2020-10-02_2650512939_raiHy80cW6.y.tar.gz.html"
WS_QCE = "html/wechatscope__gh_afb7e3bcbae3_2020-10-07_2247505324_qcE1x5JHap.y.tar.gz.html"
WS_5KK = "html/wechatscope__gh_8e98aeecc6c0_2020-10-02_2650512939_5kKzudG0MR.y.tar.gz.html"

SOURCES = {  # slug -> page path relative to tests/fixtures/wechat
    "mufeng-2018-01-29": MUFENG_2018,
    "mufeng-2021-07-07": MUFENG_2021,
    "wechatscope-raiHy80cW6": WS_RAI,
    "wechatscope-qcE1x5JHap": WS_QCE,
    "wechatscope-5kKzudG0MR": WS_5KK,
}

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_SRC = re.compile(r'(\ssrc=")([^"]*)(")', re.I)


# --------------------------------------------------------------------------- sources

@dataclass(frozen=True)
class Image:
    src: str    # the src attribute exactly as the page has it
    file: Path  # the real bytes
    url: str    # src resolved against the article URL, percent-encoded (synthesised)
    data: bytes

    @property
    def mime(self) -> str:
        return sniff(self.data)


@dataclass(frozen=True)
class Source:
    slug: str
    rel: str             # path relative to tests/fixtures/wechat
    url: str             # the post URL from expected.json (may carry a #fragment)
    title: str
    html: bytes
    refs: tuple[Image, ...]  # one per <img src> reference to a local file, document order

    @property
    def target(self) -> str:
        """The article URL as an HTTP client sends it (no fragment)."""
        return self.url.split("#", 1)[0]

    @property
    def images(self) -> list[Image]:
        """Distinct referenced images, first-reference order."""
        seen: dict[str, Image] = {}
        for ref in self.refs:
            seen.setdefault(ref.src, ref)
        return list(seen.values())


def sniff(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    raise ValueError("unknown image type")


def to_uri(iri: str) -> str:
    """Percent-encode non-ASCII characters as UTF-8, as a browser does for a URL."""
    return quote(iri, safe="!#$%&'()*+,-./:;=?@[]_~")


def load_source(slug: str) -> Source:
    return source_from(slug, SOURCES[slug])


def source_from(slug: str, rel: str) -> Source:
    """Any labelled page of the corpus (``rel``: its path in expected.json), with the images
    it refers to as local files; the page's ``data:`` URIs stay in it, as they are."""
    labels = {e["path"]: e for e in json.loads((WECHAT / "expected.json").read_text("utf-8"))}
    url = labels[rel]["url"]
    page = WECHAT / rel
    data = page.read_bytes()
    text = data.decode("utf-8")
    title = html.unescape(re.search(r"<title>([^<]*)</title>", text).group(1).strip())
    refs = []
    for tag in _IMG.findall(text):
        m = _SRC.search(tag)
        if not m or not m.group(2).startswith("../images/"):
            continue  # data: URIs, remote URLs, empty placeholders: no local file
        file = (page.parent / m.group(2)).resolve()
        base = url.split("#", 1)[0]
        refs.append(Image(m.group(2), file, to_uri(urljoin(base, m.group(2))), file.read_bytes()))
    return Source(slug, rel, url, title, data, tuple(refs))


def rewrite_src(text: str, mapping: dict[str, str]) -> str:
    """Replace <img src="X"> by mapping[X] (only the src attribute, never data-src)."""
    def tag(m: re.Match) -> str:
        return _SRC.sub(lambda a: a.group(1) + mapping.get(a.group(2), a.group(2)) + a.group(3),
                        m.group(0), count=1)
    return _IMG.sub(tag, text)


def digest_id(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


# --------------------------------------------------------------------------- save page / singlefile

def save_page(src: Source, out: Path) -> dict:
    """Chrome "Webpage, Complete": page.html + page_files/, src -> ./page_files/<name>."""
    folder = out / f"converted-savepage-{src.slug}"
    files = folder / "page_files"
    files.mkdir(parents=True)
    mapping = {}
    for img in src.images:
        name = img.file.name
        (files / name).write_bytes(img.data)
        mapping[img.src] = f"./page_files/{name}"
    text = rewrite_src(src.html.decode("utf-8"), mapping)
    motw = f"<!-- saved from url=({len(src.url):04d}){src.url} -->\n"
    doctype, rest = text.split("\n", 1)
    # Chrome writes its comment after the doctype, or first when there is none
    text = (doctype + "\n" + motw + rest if doctype.lower().startswith("<!doctype")
            else motw + text)
    (folder / "page.html").write_bytes(text.encode("utf-8"))
    return {"kind": "savepage", "page": "page.html",
            "images": {mapping[i.src]: i.file.relative_to(WECHAT).as_posix() for i in src.images}}


def single_file(src: Source, out: Path) -> dict:
    """SingleFile-style page: each <img src> becomes a data: URI of the real bytes."""
    mapping = {i.src: f"data:{i.mime};base64,{base64.b64encode(i.data).decode('ascii')}"
               for i in src.images}
    text = rewrite_src(src.html.decode("utf-8"), mapping)
    comment = (f"<!--\n Page saved with SingleFile \n url: {src.url} \n"
               f" saved date: {SINGLEFILE_DATE}\n-->")
    text = re.sub(r"(<html\b[^>]*>)", lambda m: m.group(1) + comment, text, count=1)
    name = f"converted-singlefile-{src.slug}.html"
    (out / name).write_bytes(text.encode("utf-8"))
    return {"kind": "singlefile", "images": [i.file.relative_to(WECHAT).as_posix()
                                             for i in src.refs]}


# --------------------------------------------------------------------------- MHTML

POLICY = compat32.clone(linesep="\r\n", max_line_length=0)


def mhtml(src: Source, *, html_bytes: bytes | None = None, charset: str = "utf-8",
          cte: str = "quoted-printable", parts: list[tuple[str, bytes]] | None = None,
          key: str = "") -> bytes:
    """A Chrome-style MHTML (multipart/related) built with the email package."""
    html_bytes = src.html if html_bytes is None else html_bytes
    parts = [(i.url, i.data) for i in src.images] if parts is None else parts
    seed = digest_id("mhtml", src.slug, key, html_bytes, *[loc for loc, _ in parts])
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    boundary = "----MultipartBoundary--" + "".join(
        alphabet[int(seed[i:i + 2], 16) % 62] for i in range(0, 64, 2))[:42] + "----"

    root = Message(policy=POLICY)
    root["From"] = "<Saved by Blink>"
    root["Snapshot-Content-Location"] = src.url
    cs = Charset("utf-8")
    cs.header_encoding = QP
    root["Subject"] = Header(src.title, cs).encode(linesep="\r\n")
    root["Date"] = MIME_DATE
    root["MIME-Version"] = "1.0"
    root["Content-Type"] = ('multipart/related;\r\n\ttype="text/html";\r\n'
                            f'\tboundary="{boundary}"')

    page = Message(policy=POLICY)
    page["Content-Type"] = f"text/html; charset={charset}"
    page["Content-ID"] = f"<frame-{seed[:32].upper()}@mhtml.blink>"
    page["Content-Transfer-Encoding"] = cte
    page["Content-Location"] = src.url
    if cte == "quoted-printable":
        page.set_payload(quopri.encodestring(html_bytes).decode("ascii"))
    else:
        page.set_payload(base64.encodebytes(html_bytes).decode("ascii"))
    root.attach(page)
    for location, data in parts:
        part = Message(policy=POLICY)
        part["Content-Type"] = sniff(data)
        part["Content-Transfer-Encoding"] = "base64"
        part["Content-Location"] = location
        part.set_payload(base64.encodebytes(data).decode("ascii"))
        root.attach(part)
    buf = io.BytesIO()
    BytesGenerator(buf, mangle_from_=False, policy=POLICY).flatten(root)
    out = buf.getvalue()
    assert boundary.encode() not in html_bytes
    return out


# --------------------------------------------------------------------------- WARC

class Warc:
    """A deterministic WARC built with warcio's WARCWriter."""

    def __init__(self, filename: str, *, gzip: bool = True, version: str = "1.1"):
        self.buf = io.BytesIO()
        self.writer = WARCWriter(self.buf, gzip=gzip, warc_version=version)
        self.filename = filename
        self.tick = 0
        self.responses: dict[str, tuple[str, str, str]] = {}  # uri -> (id, date, digest)
        self.warcinfo()

    def _date(self) -> str:
        s = self.tick
        self.tick += 1
        return f"2024-01-01T00:{s // 60:02d}:{s % 60:02d}Z"

    def _id(self, *parts: str | bytes) -> str:
        return f"<urn:uuid:{uuid.uuid5(NS, digest_id(self.filename, *parts))}>"

    def warcinfo(self) -> None:
        v = self.writer.warc_version.split("/")[1]
        fields = (f"software: {SOFTWARE}\r\n"
                  f"format: WARC File Format {v}\r\n"
                  "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
                  f"warc-format/warc-{v}/\r\n"
                  "description: CONVERTED fixture: real WeChat page and image bytes, synthesised "
                  "HTTP exchanges and WARC headers (see tests/fixtures/containers/README.md)\r\n"
                  ).encode()
        rec = self.writer.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(fields), length=len(fields),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Record-ID": self._id("warcinfo"), "WARC-Date": TS,
                               "WARC-Filename": self.filename})
        self.writer.write_record(rec)

    def _http(self, ctype: str, body: bytes, coding: str | None = None,
              chunked: bool = False) -> StatusAndHeaders:
        headers = [("Date", HTTP_DATE), ("Content-Type", ctype)]
        if coding:
            headers.append(("Content-Encoding", coding))
        headers.append(("Transfer-Encoding", "chunked") if chunked
                       else ("Content-Length", str(len(body))))
        return StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")

    def article(self, uri: str, body: bytes, charset: str = "utf-8", *,
                coded: tuple[str, bytes] | None = None, chunked: bool = False) -> None:
        """The page's request and response. ``coded``: (Content-Encoding, the page's bytes
        so encoded), sent as the response's body in place of ``body``; ``chunked``: the body
        sent with Transfer-Encoding: chunked (and stored so, as some crawlers do)."""
        date = self._date()
        sent = coded[1] if coded else body
        stored = chunk(sent) if chunked else sent
        resp = self.writer.create_warc_record(
            uri, "response", payload=io.BytesIO(stored), length=len(stored),
            http_headers=self._http(f"text/html; charset={charset}", sent,
                                    coded[0] if coded else None, chunked),
            warc_headers_dict={"WARC-Record-ID": self._id("response", uri, stored),
                               "WARC-Date": date})
        parts = urlsplit(uri)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        accept = [("Accept-Encoding", "gzip, deflate, br, zstd")] if coded else []
        req_http = StatusAndHeaders(f"GET {path} HTTP/1.1", [
            ("Host", parts.netloc), ("User-Agent", UA),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            ("Accept-Language", "zh-CN,zh;q=0.9"), *accept], is_http_request=True)
        req = self.writer.create_warc_record(
            uri, "request", http_headers=req_http,
            warc_headers_dict={"WARC-Record-ID": self._id("request", uri), "WARC-Date": date})
        self.writer.write_request_response_pair(req, resp)
        self.responses[uri] = (self._id("response", uri, stored), date, sha1_b32(stored))

    def resource(self, uri: str, body: bytes) -> None:
        date = self._date()
        rec = self.writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=self._http(sniff(body), body),
            warc_headers_dict={"WARC-Record-ID": self._id("response", uri, body),
                               "WARC-Date": date})
        self.writer.write_record(rec)
        self.responses[uri] = (self._id("response", uri, body), date, sha1_b32(body))

    def file_resource(self, uri: str, body: bytes) -> None:
        """A WARC `resource` record (no HTTP envelope), as WARC uses for file: URIs."""
        rec = self.writer.create_warc_record(
            uri, "resource", payload=io.BytesIO(body), length=len(body),
            warc_content_type=sniff(body),
            warc_headers_dict={"WARC-Record-ID": self._id("resource", uri, body),
                               "WARC-Date": self._date()})
        self.writer.write_record(rec)

    def revisit(self, uri: str, body: bytes) -> None:
        """A pretend second fetch of `uri`: identical-payload-digest revisit of its response."""
        orig_id, orig_date, digest = self.responses[uri]
        assert digest == sha1_b32(body)
        date = f"2024-01-01T01:00:{self.tick % 60:02d}Z"
        self.tick += 1
        rec = self.writer.create_revisit_record(
            uri, digest, uri, orig_date, http_headers=self._http(sniff(body), body),
            warc_headers_dict={"WARC-Record-ID": self._id("revisit", uri, date),
                               "WARC-Date": date, "WARC-Refers-To": orig_id})
        self.writer.write_record(rec)

    def getvalue(self) -> bytes:
        return self.buf.getvalue()


def chunk(body: bytes, size: int = 4096) -> bytes:
    """``body`` in HTTP/1.1 chunked transfer coding: chunks of ``size`` bytes, then the last,
    empty one."""
    pieces = (body[at:at + size] for at in range(0, len(body), size))
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


def encoded(src: Source, coding: str) -> bytes:
    """The page as its server would send it under Content-Encoding ``coding``: the real page
    compressed by the brotli or zstd command-line tool, kept in tests/fixtures/encoded/
    (this script only reads it, and checks that it decodes to the page's bytes: the output
    of the compressors changes with their versions, the fixtures must not)."""
    data = (ENCODED / f"{src.slug}.html.{CODED_SUFFIX[coding]}").read_bytes()
    if coding == "br":
        import brotli
        assert brotli.decompress(data) == src.html
    else:
        import zstandard
        assert zstandard.ZstdDecompressor().decompressobj().decompress(data) == src.html
    return data


def cut_record_newlines(warc: bytes) -> bytes:
    """An uncompressed WARC with the two line breaks after each record's block cut out, as a
    faulty writer leaves them: each record's next one starts right after its block."""
    records = ArchiveIterator(io.BytesIO(warc))
    spans = [(records.get_record_offset(), records.get_record_length()) for _ in records]
    out = b"".join(warc[at:at + length] for at, length in spans)
    assert len(out) == len(warc) - 4 * len(spans)
    return out


def post_warc(filename: str, posts: list[Source], *, gzip: bool = True, version: str = "1.1",
              revisit: bool = True, coding: str | None = None, chunked: bool = False) -> bytes:
    """A WARC of each post's page and images; ``coding`` and ``chunked``: how the pages'
    responses were sent (see :meth:`Warc.article`)."""
    w = Warc(filename, gzip=gzip, version=version)
    for src in posts:
        w.article(src.target, src.html, coded=(coding, encoded(src, coding)) if coding else None,
                  chunked=chunked)
        for img in src.images:
            w.resource(img.url, img.data)
    if revisit:
        for src in posts:
            if src.images:
                img = src.images[0]
                w.revisit(img.url, img.data)
                break
    return w.getvalue()


# --------------------------------------------------------------------------- WACZ

def surt(url: str) -> str:
    """Minimal SURT (enough for these URLs): reversed host, lowercase, sorted query."""
    p = urlsplit(url)
    host = (p.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    key = ",".join(reversed(host.split("."))) + ")" + (p.path.lower() or "/")
    if p.query:
        key += "?" + "&".join(sorted(p.query.lower().split("&")))
    return key


def cdxj(warc: bytes, filename: str) -> bytes:
    lines = []
    it = ArchiveIterator(io.BytesIO(warc))
    for rec in it:
        if rec.rec_type not in ("response", "revisit"):
            rec.content_stream().read()
            continue
        uri = rec.rec_headers.get_header("WARC-Target-URI")
        date = rec.rec_headers.get_header("WARC-Date")
        status = rec.http_headers.get_statuscode() if rec.http_headers else "-"
        mime = (rec.http_headers.get_header("Content-Type") or "").split(";")[0]
        digest = rec.rec_headers.get_header("WARC-Payload-Digest")
        rec.content_stream().read()
        entry = {"url": uri, "mime": "warc/revisit" if rec.rec_type == "revisit" else mime,
                 "status": status, "digest": digest, "length": str(it.get_record_length()),
                 "offset": str(it.get_record_offset()), "filename": filename}
        ts = re.sub(r"\D", "", date)[:14]
        lines.append(f"{surt(uri)} {ts} {json.dumps(entry, ensure_ascii=False)}")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def wacz(src: Source) -> bytes:
    warc = post_warc("data.warc.gz", [src])
    index = cdxj(warc, "data.warc.gz")
    pages = (json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"})
             + "\n" + json.dumps({"id": digest_id("page", src.target)[:32], "url": src.target,
                                  "ts": TS, "title": src.title}, ensure_ascii=False) + "\n"
             ).encode("utf-8")
    files = {"archive/data.warc.gz": warc, "indexes/index.cdx": index,
             "pages/pages.jsonl": pages}
    package = {
        "profile": "data-package",
        "resources": [{"name": Path(p).name, "path": p,
                       "hash": "sha256:" + hashlib.sha256(b).hexdigest(), "bytes": len(b)}
                      for p, b in files.items()],
        "wacz_version": "1.1.1",
        "software": SOFTWARE,
        "created": TS,
        "title": f"converted: {src.title}",
        "mainPageUrl": src.target,
        "mainPageDate": TS,
    }
    package_bytes = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    digest = (json.dumps({"path": "datapackage.json",
                          "hash": "sha256:" + hashlib.sha256(package_bytes).hexdigest()},
                         indent=2) + "\n").encode("utf-8")
    files = {"archive/data.warc.gz": warc, "datapackage.json": package_bytes,
             "datapackage-digest.json": digest, "indexes/index.cdx": index,
             "pages/pages.jsonl": pages}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            z.writestr(info, data)
    return buf.getvalue()


# --------------------------------------------------------------------------- Safari Web Archive

def webarchive(src: Source, *, html_bytes: bytes | None = None,
               parts: list[tuple[str, bytes]] | None = None,
               fmt: plistlib.PlistFormat = plistlib.FMT_BINARY) -> bytes:
    """A Safari-style Web Archive, a property list written with plistlib: the page as
    ``WebMainResource`` (the article URL, as Safari shows it), one ``WebSubresources`` entry
    per distinct image (its URL, MIME type from the bytes). Safari also keeps each resource's
    ``WebResourceResponse`` (an NSKeyedArchiver blob of the HTTP response): left out here."""
    html_bytes = src.html if html_bytes is None else html_bytes
    parts = [(i.url, i.data) for i in src.images] if parts is None else parts
    archive = {
        "WebMainResource": {"WebResourceData": html_bytes, "WebResourceFrameName": "",
                            "WebResourceMIMEType": "text/html",
                            "WebResourceTextEncodingName": "UTF-8",
                            "WebResourceURL": src.url},
        "WebSubresources": [{"WebResourceData": data, "WebResourceMIMEType": sniff(data),
                             "WebResourceURL": url} for url, data in parts],
    }
    return plistlib.dumps(archive, fmt=fmt, sort_keys=True)


# --------------------------------------------------------------------------- driver

def rel(path: Path) -> str:
    return path.relative_to(WECHAT).as_posix()


def generate(out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    for entry in out.iterdir():  # replace only what this script owns
        if entry.name.startswith(("converted-", "hostile-")) or entry.name in (
                "README.md", "manifest.json"):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    src = {slug: load_source(slug) for slug in SOURCES}
    m18, m21 = src["mufeng-2018-01-29"], src["mufeng-2021-07-07"]
    assert len(m18.refs) == 4 and len(m21.refs) == 3 and len(m21.images) == 1
    manifest: dict[str, dict] = {}

    def record(name: str, s: Source | list[Source], kind: str, notes: str, *,
               page_bytes: str = "source", images: dict | None = None, **extra) -> None:
        """page_bytes: "source" (the page is the source file), "rewritten" (img src and/or a
        tool comment changed, see notes) or "gbk" (transcoded). images: URL -> source file."""
        posts = s if isinstance(s, list) else [s]
        manifest[name] = {
            "kind": kind, "page_bytes": page_bytes,
            "posts": [{"source": p.rel, "url": p.url, "title": p.title,
                       "images": {i.url: rel(i.file) for i in p.images} if images is None
                       else images} for p in posts],
            "notes": notes, **extra}

    def write(name: str, data: bytes) -> None:
        (out / name).write_bytes(data)

    for s in (m18, m21):
        name = f"converted-savepage-{s.slug}"
        info = save_page(s, out)
        record(name, s, "savepage",
               "Chrome 'Webpage, Complete' layout: page.html + page_files/. Page = source bytes "
               "with a '<!-- saved from url=(NNNN)… -->' line after the doctype and every "
               "<img src> rewritten to ./page_files/<file> (no data-src: the source has none).",
               page_bytes="rewritten", files=info["images"])
        name = f"converted-singlefile-{s.slug}.html"
        single_file(s, out)
        record(name, s, "singlefile",
               "SingleFile-style: every <img src> replaced by a data: URI of the real bytes "
               "(MIME type from the bytes); SingleFile's header comment added after <html>.",
               page_bytes="rewritten")
        name = f"converted-{s.slug}.mhtml"
        write(name, mhtml(s))
        record(name, s, "mhtml", "Chrome-style MHTML: text/html part quoted-printable UTF-8 "
               "(Content-Location = post URL), then one base64 part per distinct image, "
               "Content-Location = src resolved against the post URL.",
               html_encoding="quoted-printable", charset="utf-8")
        name = f"converted-{s.slug}.warc.gz"
        write(name, post_warc(name, [s]))
        record(name, s, "warc", "WARC/1.1, gzip per record: warcinfo, response+request for the "
               "article, one response per distinct image, one revisit (identical-payload-digest) "
               "of the first image.", warc_version="1.1", revisit=s.images[0].url)
        name = f"converted-{s.slug}.wacz"
        write(name, wacz(s))
        record(name, s, "wacz", "WACZ 1.1.1 zip (all entries stored): archive/data.warc.gz "
               "(same record layout as the .warc.gz), datapackage.json, datapackage-digest.json, "
               "pages/pages.jsonl, indexes/index.cdx (minimal CDXJ written by this script).")
        name = f"converted-{s.slug}.webarchive"
        write(name, webarchive(s))
        record(name, s, "webarchive", "Safari-style Web Archive (binary property list, "
               "plistlib): WebMainResource = the page's bytes at the post URL, one "
               "WebSubresources entry per distinct image at the src resolved against the post "
               "URL; no WebResourceResponse blobs.")

    name = "converted-mufeng-2021-07-07.warc"
    write(name, post_warc(name, [m21], gzip=False, version="1.0"))
    record(name, m21, "warc", "Uncompressed WARC/1.0 (wget-like), same layout as the .warc.gz "
           "(revisit profile is the 1.0 one).", warc_version="1.0", revisit=m21.images[0].url)

    for coding, chunked in (("br", False), ("zstd", False), (None, True), ("br", True)):
        tag = "-".join([*([coding] if coding else []), *(["chunked"] if chunked else [])])
        name = f"converted-mufeng-2021-07-07-{tag}.warc.gz"
        write(name, post_warc(name, [m21], coding=coding, chunked=chunked))
        sent = (f"compressed as a browser asks for it (Content-Encoding: {coding}; the bytes are "
                f"tests/fixtures/encoded/{m21.slug}.html.{CODED_SUFFIX[coding]}, made by the "
                f"{'brotli' if coding == 'br' else 'zstd'} command-line tool)" if coding else "")
        sent += (" and " if coding and chunked else "") + (
            "sent and stored chunked (Transfer-Encoding: chunked, chunks of 4096 bytes)"
            if chunked else "")
        record(name, m21, "warc", f"As converted-mufeng-2021-07-07.warc.gz, the page's "
               f"response {sent}; the request says Accept-Encoding when the page is "
               "compressed. Images as they are.", warc_version="1.1",
               revisit=m21.images[0].url, content_encoding=coding, chunked=chunked)

    name = "converted-mufeng-2021-07-07-no-record-newlines.warc"
    write(name, cut_record_newlines(post_warc(name, [m21], gzip=False)))
    record(name, m21, "warc", "DAMAGED ON PURPOSE, as a faulty WARC writer leaves a file: an "
           "uncompressed WARC/1.1 laid out as converted-mufeng-2021-07-07.warc.gz, with the "
           "two line breaks (CRLF CRLF) that end each record cut out, so that each record's "
           "next starts right after its block.", warc_version="1.1",
           revisit=m21.images[0].url, record_newlines="cut")

    name = "converted-mufeng-2021-07-07-base64.mhtml"
    write(name, mhtml(m21, cte="base64", key="base64"))
    record(name, m21, "mhtml", "As converted-mufeng-2021-07-07.mhtml but the HTML part is "
           "base64 (its decoded bytes are the source file exactly).",
           html_encoding="base64", charset="utf-8")

    gbk = m21.html.decode("utf-8").replace('<meta charset="UTF-8">', '<meta charset="gbk">', 1)
    assert '<meta charset="gbk">' in gbk
    name = "converted-mufeng-2021-07-07-gbk.mhtml"
    write(name, mhtml(m21, html_bytes=gbk.encode("gbk"), charset="gbk", key="gbk"))
    record(name, m21, "mhtml", "The page TRANSCODED to GBK (text identical, bytes not), declared "
           "as charset=gbk in the part's Content-Type and in <meta charset=\"gbk\">; QP body.",
           html_encoding="quoted-printable", charset="gbk", page_bytes="gbk")

    name = "converted-mufeng-2021-07-07-xml.webarchive"
    write(name, webarchive(m21, fmt=plistlib.FMT_XML))
    record(name, m21, "webarchive", "As converted-mufeng-2021-07-07.webarchive, written as an "
           "XML property list (what `plutil -convert xml1` makes of a Web Archive).")

    name = "converted-multi-mufeng-2018-01-29+2021-07-07.warc.gz"
    write(name, post_warc(name, [m18, m21], revisit=False))
    record(name, [m18, m21], "warc", "Two posts in one WARC/1.1: for each, request+response of the "
           "article then its images; no revisit. Images must be attributed to the post whose "
           "HTML references them.", warc_version="1.1")

    for slug in ("wechatscope-raiHy80cW6", "wechatscope-qcE1x5JHap"):
        s = src[slug]
        assert not s.refs
        name = f"converted-{slug}.mhtml"
        write(name, mhtml(s))
        record(name, s, "mhtml", "PAGE ONLY: the html part (QP, UTF-8) and no image parts. "
               + WS_NOTES[slug], html_encoding="quoted-printable", charset="utf-8")
        name = f"converted-{slug}.warc.gz"
        write(name, post_warc(name, [s], revisit=False))
        record(name, s, "warc", "PAGE ONLY: warcinfo + request/response of the article; no image "
               "records, no revisit. " + WS_NOTES[slug], warc_version="1.1")
    pair = [src["wechatscope-raiHy80cW6"], src["wechatscope-5kKzudG0MR"]]
    name = "converted-multi-wechatscope-2650512939-idx1+idx3.warc.gz"
    write(name, post_warc(name, pair, revisit=False))
    record(name, pair, "warc", "Two posts of ONE mass-send (same __biz and mid=2650512939, "
           "idx=1 and idx=3, same publish time) in one WARC/1.1, page only: they must become two "
           "posts (identity includes idx).", warc_version="1.1")
    s = src["wechatscope-raiHy80cW6"]
    name = "converted-wechatscope-raiHy80cW6.webarchive"
    write(name, webarchive(s))
    record(name, s, "webarchive", "PAGE ONLY Web Archive: no WebSubresources. "
           + WS_NOTES[s.slug])
    name = "converted-wechatscope-raiHy80cW6.wacz"
    write(name, wacz(s))
    record(name, s, "wacz", "PAGE ONLY WACZ 1.1.1. " + WS_NOTES[s.slug])

    # hostile: the real 2021 page and image, with a hostile location that the page refers to
    img = m21.images[0]
    for tag, location in (("dotdot", "../../../etc/passwd"), ("file-url", "file:///etc/passwd")):
        name = f"hostile-converted-mufeng-2021-07-07-{tag}.mhtml"
        page = rewrite_src(m21.html.decode("utf-8"), {img.src: location}).encode("utf-8")
        write(name, mhtml(m21, html_bytes=page, parts=[(location, img.data)], key=tag))
        record(name, m21, "mhtml", f"HOSTILE: the image part's Content-Location is {location!r} "
               "and the page's three <img src> were rewritten to that same string. A reader must "
               "use locations only as lookup keys (never as file paths) and must not read "
               "local files.", hostile_location=location, page_bytes="rewritten",
               images={location: rel(img.file)}, html_encoding="quoted-printable",
               charset="utf-8")
    location = "../../../etc/passwd"
    name = "hostile-converted-mufeng-2021-07-07-dotdot.webarchive"
    page = rewrite_src(m21.html.decode("utf-8"), {img.src: location}).encode("utf-8")
    write(name, webarchive(m21, html_bytes=page, parts=[(location, img.data)]))
    record(name, m21, "webarchive", f"HOSTILE: the image's WebResourceURL is {location!r} and "
           "the page's three <img src> were rewritten to that string. URLs are lookup keys "
           "only: nothing may be read or written at that path.", hostile_location=location,
           page_bytes="rewritten", images={location: rel(img.file)})
    name = "hostile-converted-mufeng-2021-07-07-file-target.warc.gz"
    location = "file:///../../x.jpg"
    w = Warc(name)
    w.article(m21.target, rewrite_src(m21.html.decode("utf-8"), {img.src: location}).encode())
    w.file_resource(location, img.data)
    write(name, w.getvalue())
    record(name, m21, "warc", "HOSTILE: the image is a `resource` record (the WARC record type "
           f"for non-HTTP captures) whose WARC-Target-URI is {location!r}, and the page's three "
           "<img src> were rewritten to that string (so the article payload is NOT the source "
           "bytes). URIs are lookup keys only: nothing may be read or written at that path.",
           hostile_location=location, page_bytes="rewritten", images={location: rel(img.file)},
           warc_version="1.1")

    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
    (out / "README.md").write_text(readme(manifest, src), "utf-8")
    return manifest


WS_NOTES = {
    "wechatscope-raiHy80cW6": "The 2 body images are already inside the page as "
    "data:image/jpeg;base64 URIs with data-src=\"\" (WeChatScope inlined them); the page starts "
    "with an HTML comment holding WeChatScope's JSON metadata.",
    "wechatscope-5kKzudG0MR": "idx=3 of the same mass-send as raiHy80cW6 (idx=1); its 3 body "
    "images are data:image/jpeg URIs with data-src=\"\".",
    "wechatscope-qcE1x5JHap": "Share card: the article's 3 images exist only as mmbiz.qpic.cn "
    "data-src URLs inside <script id=\"content_tpl\" type=\"text/html\">; no bytes exist for "
    "them, none are added (a reader must report them as not in the container).",
}


def readme(manifest: dict, src: dict[str, Source]) -> str:
    lines = [
        "# Container fixtures (CONVERTED, not real captures)",
        "",
        "Generated by `tests/make_container_fixtures.py` (run it again to rebuild; the output is",
        "byte-identical). **No public MHTML/WARC/WACZ/save-page/SingleFile capture of these posts",
        "exists**: every file here was *converted* from a real page in `tests/fixtures/wechat/`",
        "by that script (Python `email`, `warcio`, `zipfile`, `plistlib`), never by a browser or",
        "crawler.",
        "That is why every name starts with `converted-` (`hostile-converted-` for attacks).",
        "",
        "**Real**: page bytes and image bytes (byte-identical to the sources; the QP MHTML page",
        "equals the source after CRLF→LF), article URLs (`url` in `expected.json`).",
        "**Synthesised**: HTTP and WARC headers, record IDs, dates (2024-01-01), the revisit",
        "records, the MHTML envelope, the tools' comments, WACZ metadata and index, save-page file",
        "names and, for the mufeng posts, the image URLs (see below).",
        "",
        "Licence/provenance: the sources carry no licence statement of their own;",
        "`tests/fixtures/wechat/LABELS.md` and the `source` field of `expected.json` record where",
        "each page was copied from (GitHub repository@commit:path). These conversions inherit",
        "exactly that status.",
        "",
        "## Sources",
        "",
    ]
    for s in src.values():
        lines.append(f"- `{s.slug}`: `tests/fixtures/wechat/{s.rel}`  ")
        lines.append(f"  post URL `{s.url}`  ")
        if s.images:
            lines.append(f"  {len(s.refs)} `<img src>` references, {len(s.images)} distinct:")
            for i in s.images:
                lines.append(f"  - `{i.src}` → `{i.url}` ({i.mime}, {len(i.data)} bytes, "
                             f"`{rel(i.file)}`)")
        else:
            lines.append("  " + html.escape(WS_NOTES[s.slug], quote=False))
    lines += [
        "",
        "### How the sources reference images (read this before writing a reader)",
        "",
        "- The mufeng pages are scraper reconstructions: images are referenced ONLY by relative",
        "  `src=\"../images/<stem>/img_NNN.jpg\"` with raw (unencoded) Chinese in the path; there",
        "  is no `data-src` and no mmbiz.qpic.cn URL anywhere. In MHTML/WARC/WACZ the image URL",
        "  is that `src` resolved against the article URL and percent-encoded (as Chrome does):",
        "  `http://mp.weixin.qq.com/images/<%-encoded stem>/img_NNN.jpg` — synthesised, it never",
        "  existed on WeChat. A reader must resolve `src` against the page's Content-Location /",
        "  WARC-Target-URI (RFC 3986: `..` above the root is dropped) and compare percent-encoded.",
        "- mufeng 2021 refers to the same `img_002.jpg` three times (one part/record/file); its",
        "  bytes are PNG despite the `.jpg` name (`Content-Type: image/png`, `data:image/png`).",
        "- The WeChatScope pages keep their images as `data:` URIs (PNG bytes may sit in a",
        "  `data:image/jpeg` URI in other corpus pages); qcE1x5JHap's images are remote only.",
        "- The MHTML `Snapshot-Content-Location`/page `Content-Location` is the post URL as",
        "  labelled, including its `#wechat_redirect`/`#rd` fragment; WARC targets drop it.",
        "- QP-encoded MHTML pages decode with CRLF line ends (canonical MIME text).",
        "",
        "## Fixtures",
        "",
        "| fixture | kind | source(s) | notes |",
        "|---|---|---|---|",
    ]
    slugs = {s.rel: s.slug for s in src.values()}
    for name, entry in sorted(manifest.items()):
        posts = ", ".join(f"`{slugs[p['source']]}`" for p in entry["posts"])
        notes = html.escape(entry["notes"], quote=False)
        lines.append(f"| `{name}` | {entry['kind']} | {posts} | {notes} |")
    lines += ["", "`manifest.json` holds the same facts for tests: per fixture, each post's",
              "source path, URL, title and image URL → source image file.", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    manifest = generate(out)
    print(f"wrote {len(manifest)} fixtures to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
