"""WARC and WACZ files from web-archiving crawlers (Heritrix, Browsertrix, wget, pywb…).

A WARC holds HTTP exchanges as records; the reader (``warcio``) takes every ``response`` record
whose target is a WeChat article (``mp.weixin.qq.com/s…``) as a post, and every other response
(images above all) as a resource the post's images are taken from, by URL. A ``revisit`` record
(the crawler saw the same bytes again and stored only a pointer) is resolved to the payload of
the response it refers to. Several articles in one WARC are several posts. A WACZ is a zip
holding WARCs under ``archive/``; each is read the same way.

A response is read as the page or image it stands for, as a crawler recorded it: de-chunked
(``Transfer-Encoding: chunked``) and its ``Content-Encoding`` undone (gzip, deflate, br, zstd:
:mod:`archiver.readers._content_coding`).

Record URIs are only lookup keys: nothing in a WARC decides where anything is written.
Expansion is bounded: a WACZ's members are read as streams, never whole, and a record whose
payload expands (gzip, or the HTTP response's Content-Encoding) past
:data:`MAX_PAYLOAD_BYTES` makes the file malformed.

What warcio finds amiss as it reads (a record not followed by the line breaks that end one,
a target URI with spaces) it writes on stderr itself, or logs; here it is the file's warnings
(:attr:`RawPost.warnings`), which the command line shows as it shows any, and --quiet hides.

A file that ends inside a record (an interrupted download or crawl) is not read as if whole:
an article's page cut short (or damaged) is named in the first post's ``lost`` and fails as an
input of its own, the file's other posts read (the file fails, naming the page, when no page
can be read); an image cut short is recorded missing with that reason. A WACZ without its
zip directory is called damaged, not "not a WARC".
"""

from __future__ import annotations

import email.message
import email.utils
import gzip
import hashlib
import io
import logging
import os
import re
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from archiver.assets.keys import keyed, resource_key, resource_keys
from archiver.background import beside
from archiver.canonical import listing_digest, sha512_hex
from archiver.clean.body import image_source
from archiver.errors import MalformedInput, UnsupportedFormat
from archiver.model import CUT_SHORT, RawPost, Sourced
from archiver.readers import _content_coding as content_coding
from archiver.readers import wechat_html
from archiver.readers._charset import Declared
from archiver.urls import joined_url

FORMAT = "warc"
MAX_PAYLOAD_BYTES = 256 << 20  # one page or image, expanded: no saved post comes near
# every payload kept from one file, expanded (or twice the file's size, if more): a few
# megabytes of gzip can expand to gigabytes. A crawl's videos, scripts, styles and fonts are
# passed over, not kept: no post is built from them
MAX_TOTAL_BYTES = 1 << 30
# A WACZ stores its WARCs (gzipped already) as they are, or deflates them a few times smaller;
# one that expands a hundredfold is made to: a line of a gigabyte in a 1 MB file takes warcio
# hours to read (it grows a line it reads piece by piece). Past this size, no more than this.
MAX_MEMBER_RATIO = 100
_SMALL_MEMBER = 1 << 20
_UNUSED_TYPES = re.compile(r"\s*(?:video/|audio/|font/|text/css|text/javascript|"
                           r"application/(?:x-)?javascript|application/(?:font|x-font)|"
                           r"application/json)", re.I)
_ARTICLE = re.compile(r"^https?://mp\.weixin\.qq\.com(?::(?:80|443))?/(?:s[/?]|mp/appmsg)",
                      re.I)
# An article's address on another host: a mirror, a proxy or a replay the crawl went through
# (``http://127.0.0.1:8080/s?__biz=…``): a page there is an article when it is WeChat's page
_ARTICLE_ELSEWHERE = re.compile(r"^https?://[^/?#]+/(?:s[/?]|mp/appmsg)", re.I)
_ARTICLE_PAGE = re.compile(rb"""\bid=["']?js_content\b|\bvar\s+msg_title\b""")


def _an_article(uri: str, payload: bytes | None = None) -> bool:
    """Whether a response for ``uri`` is a WeChat article's: at WeChat's address (any port
    written out, ``:443``), or at an article's path on another host with WeChat's article
    page in it (its body's ``js_content``, its ``msg_title``: a link to WeChat is not
    enough). ``payload`` None: whether the address alone says so."""
    if _ARTICLE.match(uri):
        return True
    return payload is not None and _ARTICLE_ELSEWHERE.match(uri) is not None and \
        _ARTICLE_PAGE.search(payload, 0, 1 << 20) is not None


def detect(path: Path, head: bytes) -> bool:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".wacz")):
        return True
    return head.startswith(b"WARC/1.")


def _streams(path: Path, data: bytes) -> Iterator[tuple[str, IO[bytes]]]:
    """(name, stream) of each WARC in the file: the file itself, or the WARCs of a WACZ
    (each member read as a stream: a member that expands hugely is never held whole)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK\x03\x04") or (path.name.lower().endswith(".wacz")
                                               and not _starts_like_a_warc(io.BytesIO(data))):
            raise MalformedInput("damaged WACZ: a zip without its closing directory (the "
                                 "file is cut short, or not a zip)", path=path,
                                 hint="download or copy the WACZ again")
        yield path.name, io.BytesIO(data)
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = sorted(n for n in archive.namelist()
                           if re.search(r"\.warc(?:\.gz)?$", n) and not n.endswith("/"))
            if not names:
                raise MalformedInput("WACZ without WARC files under archive/", path=path)
            for name in names:  # member names are only names: nothing is extracted
                info = archive.getinfo(name)
                if info.file_size > _SMALL_MEMBER and \
                        info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
                    raise MalformedInput(f"{name} of the WACZ expands from {info.compress_size}"
                                         f" to {info.file_size} bytes (a decompression bomb?)",
                                         path=path)
                with archive.open(name) as member:
                    yield name, member
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
            OSError) as exc:  # ValueError: "negative seek value" from a damaged directory
        raise MalformedInput(f"damaged WACZ (zip): {exc}", path=path) from None


def _payload(record, path: Path, name: str, kept: list[int]) -> dict:
    """The record's payload, its Content-Encoding undone (``payload``); why it is not whole
    when the file ends inside the record (``cut``: an interrupted download or crawl: warcio
    then stops at the end of the file in silence, and its reader of the record's block is
    left short of the length the header declared); why its bytes do not decode (``damaged``),
    or why the page cannot be read from them (``undecoded``: its message and hint).
    ``kept``: the bytes of payloads kept so far from this file, this one's added."""
    stored = _content(record).read(MAX_PAYLOAD_BYTES + 1)
    payload, damaged, undecoded = _decoded(stored, record.http_headers, name)
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise MalformedInput(f"a record of {name} expands to more than {MAX_PAYLOAD_BYTES} "
                             "bytes (a decompression bomb?)", path=path)
    kept[0] += len(payload)
    if kept[0] > kept[1]:
        raise MalformedInput(f"the pages and images of {path.name} expand to more than "
                             f"{kept[1]} bytes in all (a decompression bomb?)",
                             path=path, hint="split the crawl into smaller WARC files")
    return {"payload": payload, "cut": _short_block(record, name), "damaged": damaged,
            "undecoded": undecoded}


def _content(record) -> IO[bytes]:  # type: ignore[no-untyped-def]
    """The record's payload as stored, de-chunked when the response was sent chunked, its
    Content-Encoding not undone (warcio's ``content_stream`` would undo it, see
    :mod:`archiver.readers._content_coding` for why it is not used)."""
    http = record.http_headers
    if http is not None:
        transfer = [c.strip().lower() for c in
                    (http.get_header("Transfer-Encoding") or "").split(",") if c.strip()]
        if transfer[-1:] == ["chunked"]:
            return ChunkedDataReader(record.raw_stream)  # type: ignore[no-any-return]
    return record.raw_stream  # type: ignore[no-any-return]


def _decoded(stored: bytes, http, name: str  # type: ignore[no-untyped-def]
             ) -> tuple[bytes, str | None, tuple[str, str] | None]:
    """``stored`` with the response's Content-Encoding undone, why its bytes do not decode
    (damaged), and, when they are kept as stored, why no page can be read from them (with a
    hint). A body that fails to decode but opens as markup was stored decoded under the
    server's header (some crawlers do so) and is read as it is; one that does not open as
    the coding says at all is kept as it is too (an image, whose bytes tell what it is)."""
    header = http.get_header("Content-Encoding") if http is not None else None
    codings = content_coding.codings(header)
    if not codings:
        return stored, None, None
    unknown = [c for c in codings if c not in content_coding.SUPPORTED]
    if unknown:
        if _looks_like_markup(stored):
            return stored, None, None
        return stored, None, (
            f"was recorded compressed as its server sent it (Content-Encoding: {header}), "
            f"which cannot be decoded here",
            "gzip, deflate, br and zstd can be; crawl the page again without that encoding")
    payload = stored
    try:
        for coding in reversed(codings):  # the coding applied last is undone first
            payload = content_coding.decode(payload, coding, MAX_PAYLOAD_BYTES)
    except (content_coding.NotEncoded, content_coding.Undecodable) as exc:
        if _looks_like_markup(stored):
            return stored, None, None
        why = (f"damaged in {name}: its bytes do not decode as its Content-Encoding "
               f"({header}) says ({exc})")
        if isinstance(exc, content_coding.NotEncoded):
            return stored, None, (f"is {why}", "download or crawl the page again")
        return stored, why, None
    return payload, None, None


def _short_block(record, name: str) -> str | None:
    """Why ``record``'s block is not whole, when the file ends inside it; read to its end
    first, a piece at a time (a record may declare gigabytes). What a payload's decoder left
    (a chunked body's last line break) is read too: only a block the file ends inside
    leaves the reader short of its length."""
    while record.raw_stream.read(1 << 16):
        pass
    unread = getattr(record.raw_stream, "limit", 0)
    if isinstance(unread, int) and unread > 0:
        return (f"cut short in {name}: the file ends {unread} bytes before the end of this "
                f"{record.rec_type} record's {record.length} (an interrupted download or "
                f"crawl?)")
    return None


def _failed_block_digest(record, name: str) -> str | None:  # type: ignore[no-untyped-def]
    """Why a whole record is damaged: its block does not hash to the WARC-Block-Digest the
    crawler wrote. An uncompressed WARC has no other check, and a flipped bit in it changed
    a post's title or an image's bytes in silence; the block digest covers the record's
    bytes as stored, whatever the HTTP exchange, so tools agree on it (the payload digest
    they compute differently for a chunked response, and it is not checked)."""
    checker = getattr(record, "digest_checker", None)
    problems = getattr(checker, "problems", None) or []
    if any(str(problem).startswith("block digest failed") for problem in problems):
        digest = record.rec_headers.get_header("WARC-Block-Digest")
        return (f"damaged in {name}: this {record.rec_type} record's bytes do not match its "
                f"WARC-Block-Digest ({digest})")
    return None


def _cut_entry(reason: str) -> dict:
    """The entry that stands for a record no whole headers were read of."""
    return {"type": CUT_SHORT, "uri": "", "payload": b"", "cut": reason, "damaged": None}


def _rest(stream: IO[bytes], offset: int) -> bytes:
    """The first MiB of ``stream`` from ``offset`` on, read again (the file itself, or a
    WACZ's member, which zipfile reads again from its start): enough to tell whether a
    record was begun there."""
    stream.seek(offset)
    return stream.read(1 << 20)


def _tail_holds_data(tail: bytes) -> bool:
    """Whether the bytes after a WARC's last whole record hold anything but line breaks:
    gzip members are opened (an empty one appended is nothing), a few kilobytes each."""
    while tail.strip(b"\r\n\t "):
        if not tail.startswith(b"\x1f\x8b"):
            return True
        member = zlib.decompressobj(31)
        try:
            if member.decompress(tail, 4096).strip(b"\r\n\t ") or not member.eof:
                return True
        except zlib.error:
            return True
        tail = member.unused_data
    return False


def _starts_like_a_warc(stream: IO[bytes]) -> bool:
    """Whether the stream opens with a WARC (or ARC) record, gzipped or not. warcio reads the
    first "line" of anything else whole: megabytes of junk (a zip member that expands to
    zeros) would take minutes and all memory before it says no."""
    head = stream.read(1 << 16)
    stream.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://"))


class _WholeGzip(Exception):
    """A WARC gzipped whole (``gzip file.warc``), not record by record as WARC tools write."""


def _records_of(path: Path, name: str, stream: IO[bytes], kept: list[int],
                said: list[str], wanted: Callable[[str], bool] | None = None) -> list[dict]:
    """:func:`_records`, of a WARC gzipped whole too: it is read through gzip as a plain
    WARC (warcio reads only a WARC whose records are gzipped one by one)."""
    before, warned = kept[0], len(said)
    try:
        return _records(path, name, stream, kept, said, wanted)
    except _WholeGzip:
        kept[0] = before  # what the first try kept is read again
        del said[warned:]
        stream.seek(0)
        with gzip.GzipFile(fileobj=stream, mode="rb") as whole:
            return _records(path, name, whole, kept, said, wanted)


class _StrictReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader of a WARC's gzip members, failing on a member that does not decompress
    part-way through (damaged bytes, a failed check), where warcio writes the zlib message on
    stderr and reads on as if the file ended there: a damaged file would pass for one cut
    short, its images "missing" for a wrong reason, with that message on the terminal under
    --quiet too. A member whose first read does not decompress is damaged too when it opens
    as gzip does, or follows a member that was gzip: warcio would read its compressed bytes
    as a record's text (a URI of binary, a page "cut short"), or pass over them in silence.
    Only a stream that opens with no gzip at all is left to warcio, which reads it as a WARC
    not gzipped, and line breaks after the last member, which it passes over."""

    _gzip_met = False  # a member of this stream has decompressed: every other one must

    def _decompress(self, data: bytes) -> bytes:
        if self.decompressor and data and (
                self.num_block_read or data[:2] == b"\x1f\x8b"
                or (self._gzip_met and data.strip(b"\r\n\t "))):  # blank lines end many
            try:
                out = bytes(self.decompressor.decompress(data))
            except zlib.error as exc:
                raise zlib.error(f"damaged: a gzip member does not decompress ({exc})") \
                    from None
            self._gzip_met = True
            return out
        return bytes(super()._decompress(data))


_URI_SPACES = re.compile(r"Replacing spaces in invalid WARC-Target-URI: (.*)", re.S)


class _Said(logging.Handler):
    """What warcio logs while this thread reads a WARC, added to its warnings in words of
    the tool's own. Without a handler, Python's logging writes it on stderr, under --quiet
    too."""

    def __init__(self, said: list[str], where: str) -> None:
        super().__init__(logging.WARNING)
        self.said, self.where, self.thread = said, where, threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        message = record.getMessage()
        spaces = _URI_SPACES.fullmatch(message)
        if spaces:
            message = (f"the WARC-Target-URI {spaces.group(1)} holds spaces, which a URI "
                       "may not: each is read as %20")
        self.said.append(f"{self.where}{message}")


class _Records(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator of a WARC's records, saying what it finds amiss between two records
    in ``said`` (the file's warnings, shown as the tool shows any) where warcio writes its own
    lines straight on stderr, under --quiet too. A record not followed by the blank lines that
    end one, the next record's first line right after its block (a writer that left them
    out), is read on from that line: warcio dropped it as junk, and the next record with
    it, and could read no further."""

    def __init__(self, stream: IO[bytes], said: list[str], where: str, **options) -> None:
        super().__init__(stream, **options)
        self.reader.__class__ = _StrictReader
        self.said, self.where = said, where  # where: the WARC of a WACZ, before each warning
        self.unended: list[str] = []  # the records not followed by their line breaks

    def said_unended(self) -> None:
        """One warning for the records not followed by their line breaks (a writer that
        leaves them out leaves them out of every record)."""
        if len(self.unended) == 1:
            self.said.append(f"{self.where}{self.unended[0]} is not followed by the line "
                             "breaks that end a WARC record; the record right after it is "
                             "read all the same")
        elif self.unended:
            self.said.append(f"{self.where}{len(self.unended)} records ({self.unended[0]} "
                             f"and {len(self.unended) - 1} more) are not followed by the "
                             "line breaks that end a WARC record; the record right after "
                             "each is read all the same")

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """(the first line of the next record, or None at the end; how many bytes before it
        were passed over). Called past a record's block: the line breaks that end the record
        are passed over, and, like warcio, the first line when it is not one (what a wrong
        Content-Length leaves unread), unless it opens the next record."""
        passed = 0
        first = True
        while True:
            line = self.reader.readline()
            if not line:
                return None, passed
            if line.strip() and not first:
                return line, passed
            if line.strip():
                what = self._the_record()
                if line.startswith((b"WARC/1.", b"WARC/0.")):
                    self.unended.append(what)
                    return line, passed
                self.said.append(f"{self.where}{what} is followed by bytes that belong to "
                                 f"no record (its Content-Length may be wrong): a line of "
                                 f"{len(line)} bytes was passed over")
                self.err_count += 1
            passed += len(line)
            first = False

    def _the_record(self) -> str:
        """The record just read, in words: "the response record for https://…"."""
        record = self.record
        if record is None:
            return "a record"
        uri = record.rec_headers.get_header("WARC-Target-URI")
        return f"the {record.rec_type} record" + (f" for {uri}" if uri else "")


def _records(path: Path, name: str, stream: IO[bytes], kept: list[int],
             said: list[str], wanted: Callable[[str], bool] | None = None) -> list[dict]:
    """Every record of one WARC. A file may end inside a record: warcio then gives it with
    its block short of its length, or without its type or length, or fails on it, or gives
    nothing for it and stops in silence (the bytes left after the last record read tell).
    Each of these is an entry whose ``cut`` says so (of type :data:`CUT_SHORT` when no
    record was read). What is amiss between records is added to ``said``. ``wanted``, when
    given, says which responses' payloads to keep, by their URI: the others are read past
    (another WARC of a crawl, read for a few images)."""
    out = []
    where = "" if name == path.name else f"in {name}: "
    logged = _Said(said, where)  # warcio's log, said as warnings while it reads
    logging.getLogger("warcio").addHandler(logged)
    try:
        if not _starts_like_a_warc(stream):
            raise MalformedInput(f"{name} is not a WARC (it does not open with a WARC record)",
                                 path=path)
        records = _Records(stream, said, where, arc2warc=True, check_digests=True)
        headers_cut = _cut_entry(f"cut short in {name}: the file ends inside a record's "
                                 f"headers (an interrupted download or crawl?)")
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (AttributeError, TypeError):  # warcio on a record's headers cut short
                out.append(headers_cut)
                break
            except ArchiveLoadFailed as exc:
                if "non-chunked gzip" in str(exc):
                    raise _WholeGzip from None
                if not out:
                    raise
                out.append(headers_cut)  # a record's first line cut short: "WAR"
                break
            if record.rec_type is None or record.length is None:
                # no type, or no length: the headers end early, unless what is left is
                # only line breaks (an empty gzip member, or one of "\r\n", at the end)
                if _tail_holds_data(_rest(stream, records.get_record_offset())):
                    out.append(headers_cut)
                break
            headers = record.rec_headers
            entry = {"type": record.rec_type, "uri": headers.get_header("WARC-Target-URI") or "",
                     "id": headers.get_header("WARC-Record-ID"),
                     "date": headers.get_header("WARC-Date"),
                     "refers_uri": headers.get_header("WARC-Refers-To-Target-URI"),
                     "refers_date": headers.get_header("WARC-Refers-To-Date"),
                     "digest": headers.get_header("WARC-Payload-Digest"),
                     "status": None, "ctype": "", "payload": b"", "warc": name, "cut": None,
                "location": None}
            if record.rec_type in ("response", "resource"):
                if record.http_headers is not None:
                    entry["status"] = record.http_headers.get_statuscode()
                    entry["ctype"] = record.http_headers.get_header("Content-Type") or ""
                    entry["location"] = record.http_headers.get_header("Location")
                else:
                    entry["ctype"] = headers.get_header("Content-Type") or ""
                if _UNUSED_TYPES.match(entry["ctype"]) or \
                        (wanted is not None and not wanted(entry["uri"])):
                    entry["cut"] = _short_block(record, name)  # read past, not kept
                else:
                    entry.update(_payload(record, path, name, kept))
            else:  # not read, but the file may end inside it all the same
                entry["cut"] = _short_block(record, name)
            entry["damaged"] = None if entry["cut"] else (
                _failed_block_digest(record, name) or entry.get("damaged"))
            out.append(entry)
        records.said_unended()
        if out and out[-1]["type"] != CUT_SHORT:  # what no record was read from
            end = records.get_record_offset() + records.get_record_length()
            tail = _rest(stream, end)
            if _tail_holds_data(tail):
                out.append(_cut_entry(f"cut short in {name}: the file ends inside a record "
                                      f"after the last whole one (an interrupted download or "
                                      f"crawl?)"))
    except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error,
            zipfile.BadZipFile, OverflowError) as exc:  # OverflowError: a Content-Length of
        # twenty digits, which warcio reads as a length no read can take
        raise MalformedInput(f"not a readable WARC ({name}): {exc}", path=path) from None
    finally:
        logging.getLogger("warcio").removeHandler(logged)
    return out


def read_all(path: Path, data: bytes | None = None) -> list[RawPost]:
    """Every WeChat article in the WARC (or WACZ), each with the archive's other responses as
    resources."""
    data = path.read_bytes() if data is None else data
    digest = beside(len(data), sha512_hex, data)  # on a second core while the records are read
    # bytes of payloads kept, from every WARC of a WACZ together, and how many may be: images
    # barely compress, so a crawl of real ones expands to about its size, a bomb far past it
    kept = [0, max(MAX_TOTAL_BYTES, 2 * len(data))]
    said: list[str] = []  # what is amiss in the file, though it is read: warnings
    records = [r for name, blob in _streams(path, data)
               for r in _records_of(path, name, blob, kept, said)]
    by_uri: dict[str, dict] = {}
    by_digest: dict[str, dict] = {}
    # a response or resource cut short names the file it held; any other record cut short,
    # the file itself: what followed it is lost
    damaged = {(r["uri"] if r["type"] in ("response", "resource") else "") or CUT_SHORT:
               r["cut"] for r in records if r.get("cut")}
    if damaged:  # wherever the file ends, what would have followed is lost with it
        damaged.setdefault(CUT_SHORT, f"cut short: {path.name} ends inside a record (an "
                                      f"interrupted download or crawl?)")
    for record in records:  # whole, but not the bytes the crawler wrote
        if record.get("damaged") and record["type"] in ("response", "resource"):
            damaged.setdefault(record["uri"], record["damaged"])
    for record in records:
        if record["type"] in ("response", "resource") and record["payload"] and \
                not record["cut"] and not record["damaged"] and _served(record):
            by_uri.setdefault(record["uri"], record)
            if record["digest"]:
                by_digest.setdefault(record["digest"], record)
    resources: dict[str, bytes] = {}
    for record in records:
        if record["type"] in ("response", "resource") and record["uri"] in by_uri:
            resources.setdefault(record["uri"], by_uri[record["uri"]]["payload"])
        elif record["type"] == "revisit":
            original = by_uri.get(record["refers_uri"] or "") or by_digest.get(
                record["digest"] or "")
            if original is not None:
                resources.setdefault(record["uri"], original["payload"])
    _follow_redirects(records, resources)
    no_file = _captured_as_no_file(records, resources, damaged)
    posts: list[RawPost] = []
    seen_pages: set[bytes] = set()
    not_served: list[str] = []  # an article's responses that are no page: "301 for <uri>"
    # pages that cannot be read: the file fails if none can; else the others are its posts
    unread: list[tuple[MalformedInput, str]] = []
    for record in records:
        uri = record["uri"]
        payload = resources.get(uri) if record["type"] == "revisit" else record["payload"]
        if record["type"] not in ("response", "resource", "revisit") or not payload:
            continue
        if not _an_article(uri, payload) or \
                "html" not in (record["ctype"] or "text/html").lower():
            continue
        if not _served(record):  # a redirect (wget records http:// → https://) or an error
            not_served.append(f"{record['status']} for {uri}")
            continue
        if payload in seen_pages:
            continue  # the same page captured twice is one post
        if record["cut"] or record["damaged"]:
            if uri in by_uri:
                continue  # a whole capture of the same page is read
            unread.append((MalformedInput(f"the page {uri} is "
                                          f"{record['cut'] or record['damaged']}", path=path,
                                          hint="download or crawl the page again"), uri))
            continue
        if record.get("undecoded"):
            if by_uri.get(uri, record) is not record:
                continue  # a capture of the same page that decodes is read
            why, hint = record["undecoded"]
            unread.append((MalformedInput(f"the page {uri} {why}", path=path, hint=hint), uri))
            continue
        seen_pages.add(payload)
        label = _charset_parameter(record["ctype"] or "")
        raw = wechat_html.read_page(payload, path, label and Declared(
            label, "the WARC response's Content-Type"))
        fields = dict(raw.fields)
        fields.setdefault("page_url", Sourced(uri, "WARC-Target-URI"))
        container = {"format": FORMAT, "warc": record["warc"], "record": record["id"],
                     "uri": uri, "date": record["date"]}
        others = {u: b for u, b in resources.items() if u != uri}
        posts.append(RawPost(path=path, format=FORMAT, kind=raw.kind, data=data,
                             body_html=raw.body_html, body_tree=raw.body_tree,
                             fields=fields, base_dir=path.parent,
                             notes=(*raw.notes, f"{record['type']} record {record['id']} for "
                                                f"{uri}",
                                    *([damaged[CUT_SHORT]] if CUT_SHORT in damaged else []),
                                    *said),
                             warnings=tuple(said), resources=others, container=container,
                             damaged={u: why for u, why in {**no_file, **damaged}.items()
                                      if u != uri},
                             sha512=digest))
    if posts:
        posts = _completed_from_the_crawl(path, posts)
    posts = _by_capture(posts)
    unread = [(error, uri) for error, uri in unread if uri not in {
        (post.container or {}).get("uri") for post in posts}]  # read from another capture
    if unread and not posts:
        raise unread[0][0]
    if unread:
        posts[0] = replace(posts[0], lost=tuple((uri, error.message) for error, uri in unread))
    if not posts:
        if damaged:  # the article's record may be the one cut short
            uri, why = next(iter(damaged.items()))
            what = "the file is" if uri == CUT_SHORT else f"the record for {uri} is"
            # the file cut short is the one the error names (a WACZ's WARC is named)
            why = why.replace(f"cut short in {path.name}:", "cut short:", 1)
            raise MalformedInput(f"no whole WeChat article response: {what} {why}", path=path,
                                 hint="download or crawl the page again")
        orphans = [record for record in records if record["type"] == "revisit"
                   and _an_article(record["uri"] or "") and record["uri"] not in resources]
        if orphans:
            raise MalformedInput(f"no WeChat article page in this WARC: the page "
                                 f"{orphans[0]['uri']} is {_orphan_revisit(orphans[0])}",
                                 path=path, hint="ingest the WARC that holds the earlier "
                                 "capture (a deduplicating crawl writes a page once, then "
                                 "revisit records referring to it)")
        if not_served:
            raise MalformedInput("no WeChat article page in this WARC: its article responses "
                                 f"are redirects or errors ({', '.join(not_served[:3])})",
                                 path=path, hint="crawl the page again, following redirects")
        pages = any("html" in (record["ctype"] or "").lower() for record in records
                    if record["type"] in ("response", "resource", "revisit"))
        if not pages and _crawl_siblings(path):  # a crawl's next file: its images, its log
            raise UnsupportedFormat(
                "no WeChat article (mp.weixin.qq.com/s…) response in this WARC: one of the "
                "WARCs of a crawl in this folder, it holds other files of the crawl (the "
                "images of the pages in the others are taken from it)", path=path)
        raise MalformedInput("no WeChat article (mp.weixin.qq.com/s…) response in this WARC",
                             path=path, hint="the crawl may hold only other pages")
    return posts


_A_WARC = re.compile(r"\.warc(?:\.gz)?$", re.I)
# the most bytes of other WARCs read to complete one file's pages: past it, none is read (a
# crawl of terabytes is indexed by a replay tool, not read whole by each of its pages)
MAX_SIBLING_BYTES = 4 << 30


def _crawl_siblings(path: Path) -> list[Path]:
    """The other WARC files (``.warc``, ``.warc.gz``) in the folder of ``path`` (of the file
    it names, for a link), by name: the files a crawler rolls over to (wget's
    ``crawl-00001.warc.gz``, Heritrix's and Browsertrix's at 1 GB), which may hold the images
    of a page in ``path``. A link to a file is that file; hidden files, folders and ``path``
    itself are not among them, and a file reached twice is one."""
    if not _A_WARC.search(path.name):
        return []
    here = os.path.realpath(path)
    try:
        entries = sorted(os.scandir(os.path.dirname(here)), key=lambda e: e.name)
    except OSError:
        return []
    out: dict[str, Path] = {}
    for entry in entries:
        if not _A_WARC.search(entry.name) or entry.name.startswith("."):
            continue
        try:
            if not entry.is_file():
                continue
        except OSError:
            continue
        real = os.path.realpath(entry.path)
        if real != here:
            out.setdefault(real, Path(entry.path))
    return list(out.values())


# What each WARC of a crawl holds, learnt as it is first read for a page of another: its
# path, size and modification time → the keys of its files' URLs and its sha256. A folder of
# many crawls' WARCs is read once a run to learn them, then again only where it gives images
_HELD: dict[tuple[str, int, int], tuple[frozenset[str], str]] = {}
_HELD_LOCK = threading.Lock()


def _signature(path: Path) -> tuple[str, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return os.path.realpath(path), status.st_size, status.st_mtime_ns


def _image_urls(post: RawPost) -> set[str]:
    """The addresses of the post's page's images, as the body's cleaning picks them
    (:func:`archiver.clean.body.image_source`: ``data-src``, else a saved ``src``, else
    ``srcset``'s largest), resolved against the page's own address."""
    if post.body_tree is None:
        return set()
    page = (post.container or {}).get("uri") or ""
    urls = set()
    for image in post.body_tree.iter("img"):
        value = image_source(image).strip()
        if value and not value.startswith("data:"):
            url = joined_url(page, value) if page else value
            if url.startswith(("http://", "https://")):
                urls.add(url)
    return urls


def _completed_from_the_crawl(path: Path, posts: list[RawPost]) -> list[RawPost]:
    """Each post with the images its page names that ``path`` lacks, taken from the other
    WARCs of its crawl in the same folder (:func:`_crawl_siblings`), as a replay of the crawl
    finds them: a crawler rolls over to a new file as it goes, and a page's images are often
    in the next. The page's own file comes first; then the others by name, the first holding
    an image giving it. Every file looked in is among the posts' inputs (path → sha256), and
    the folder (its listing), so that a change in one, or a file added beside, is news to the
    next run; the files that gave images are named in the posts' notes, and a crawl too
    large to read (:data:`MAX_SIBLING_BYTES`) too."""
    if not _A_WARC.search(path.name):  # (a WACZ holds its crawl's WARCs itself)
        return posts
    wanted: set[str] = set()  # the keys of the images no post's file holds
    for post in posts:
        own = keyed(post.resources)
        for url in _image_urls(post):
            if url not in post.damaged and not any(k in own for k in resource_keys(url)):
                wanted.add(resource_key(url))
    if not wanted:
        return posts
    # the folder looked in → its listing: a WARC of the crawl added to it later is news
    folder = os.path.dirname(os.path.realpath(path))
    try:
        listing: dict[str, str | None] = {folder: listing_digest(folder)}
    except OSError:
        listing = {}
    siblings = _crawl_siblings(path)
    if not siblings:
        return [replace(post, inputs={**post.inputs, **listing}) for post in posts]
    try:
        size = sum(sibling.stat().st_size for sibling in siblings)
    except OSError:
        size = MAX_SIBLING_BYTES + 1
    if size > MAX_SIBLING_BYTES:
        said = (f"the images its WARC lacks were not looked for in the {len(siblings)} other "
                f"WARC(s) in its folder: {size} bytes, over the {MAX_SIBLING_BYTES} read for "
                "a page (join the crawl's files with its page's, or ingest a WACZ of it)")
        return [replace(post, notes=(*post.notes, said), warnings=(*post.warnings, said),
                        inputs={**post.inputs, **listing}) for post in posts]
    found: dict[str, bytes] = {}  # URL as the other file recorded it → its payload
    inputs: dict[str, str | None] = dict(listing)  # and every file looked in → its sha256
    gave: list[str] = []
    for sibling in siblings:
        signature = _signature(sibling)
        with _HELD_LOCK:
            known = _HELD.get(signature) if signature is not None else None
        if known is not None:
            inputs[os.path.realpath(sibling)] = known[1]
            if not any(key in known[0] for key in wanted):
                continue  # it holds none of them: not read again
        if not wanted:
            continue
        keys: set[str] = set()
        taken = False
        try:
            with open(sibling, "rb") as handle:
                records = _records_of(
                    sibling, sibling.name, handle, [0, MAX_TOTAL_BYTES], [],
                    lambda uri: any(key in wanted for key in resource_keys(uri)))
                handle.seek(0)
                digest = hashlib.file_digest(handle, "sha256").hexdigest() \
                    if known is None else known[1]
        except (OSError, MalformedInput, ArchiveLoadFailed):
            inputs[os.path.realpath(sibling)] = None  # a file that cannot be read gives none
            continue
        for record in records:
            if record["type"] not in ("response", "resource") or \
                    record["damaged"] or not _served(record):
                continue
            held = resource_keys(record["uri"] or "")
            keys.update(held)
            if not record["payload"] or record["cut"]:
                continue
            for key in held:
                if key in wanted:
                    found.setdefault(record["uri"], record["payload"])
                    wanted.discard(key)
                    taken = True
                    break
        if signature is not None and known is None:
            with _HELD_LOCK:
                _HELD[signature] = (frozenset(keys), digest)
        inputs[os.path.realpath(sibling)] = digest
        if taken:
            gave.append(sibling.name)
    notes = ([f"images its WARC lacks taken from the crawl's other WARC(s) in its folder: "
              f"{', '.join(gave)}"] if gave else [])
    return [replace(post, resources={**found, **post.resources},
                    inputs={**post.inputs, **inputs}, notes=(*post.notes, *notes))
            for post in posts]


def _by_capture(posts: list[RawPost]) -> list[RawPost]:
    """The posts in the order they were captured (``WARC-Date``), those captured at the same
    moment in the file's order: two captures of one post in one file (a crawl that came back
    after an edit, a WACZ of two crawls whose WARCs' names sort the other way) become its
    versions oldest first, the latest capture the head. Kept in the file's order where any
    capture's date cannot be read."""
    moments = []
    for post in posts:
        try:
            moment = datetime.fromisoformat(str((post.container or {}).get("date") or ""))
        except ValueError:
            return posts
        moments.append(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    order = sorted(range(len(posts)), key=moments.__getitem__)
    return [posts[i] for i in order]


def _follow_redirects(records: list[dict], resources: dict[str, bytes]) -> None:
    """Add to ``resources`` what a redirect the crawl followed leads to, under the URL that
    was redirected: a page names an image by the URL it asked for, and a crawler records the
    3xx answer there and the image under the URL it was sent to (another host, a CDN, a
    path with its query rewritten), as a replay of the crawl follows it. Without this such
    an image, held in the file, was recorded missing. Chains are followed a few hops at
    most, loops never."""
    redirects: dict[str, str] = {}
    for record in records:
        location = (record.get("location") or "").strip()
        if record["type"] == "response" and location and record["uri"] and \
                str(record["status"] or "").startswith("3"):
            redirects.setdefault(record["uri"], joined_url(record["uri"], location).split("#")[0])
    for uri in redirects:
        target, hops = uri, 0
        while target in redirects and hops < 10:
            target, hops = redirects[target], hops + 1
            if target in resources:
                resources.setdefault(uri, resources[target])
                break


def _captured_as_no_file(records: list[dict], resources: dict[str, bytes],
                         damaged: dict[str, str]) -> dict[str, str]:
    """What the crawl recorded for a URL that holds no file, said as such (an image the page
    names there is missing for that reason, not as if the crawl had never asked for it): a
    2xx answer with no bytes is an empty file (added empty, as a MHTML part or a file on disk
    is, for the image check to say so); an error status is that status; a redirect to a URL
    the file does not hold names where it led (URL → why, beside ``damaged``)."""
    why: dict[str, str] = {}
    for record in records:
        uri = record["uri"]
        if record["type"] == "revisit" and uri and uri not in resources and uri not in damaged:
            why.setdefault(uri, _orphan_revisit(record))
            continue
        if record["type"] != "response" or not uri or uri in resources or uri in damaged \
                or uri in why or record["cut"] or record["damaged"]:
            continue
        status = str(record["status"] or "")
        location = (record.get("location") or "").strip()
        if _served(record) and not record["payload"]:
            resources[uri] = b""
        elif status.startswith("3") and location:
            why[uri] = (f"redirected to {joined_url(uri, location)}, which is not in "
                        f"{record['warc']}")
        elif status and not _served(record):
            why[uri] = f"captured as HTTP {status} in {record['warc']}"
    return why


def _orphan_revisit(record: dict) -> str:
    """Why a ``revisit`` record gives nothing: the capture it stands for, which a crawler
    writes once and then refers to, is in another WARC of the crawl (a crawl split over
    files, or deduplicated against an earlier one)."""
    refers = record.get("refers_uri")
    earlier = f" of {refers}" if refers and refers != record["uri"] else ""
    return (f"captured as a revisit of an earlier capture{earlier} that is not in "
            f"{record['warc']} (it is in another WARC of the crawl)")


def _looks_like_markup(payload: bytes) -> bool:
    """Whether a payload opens as a page's text does (a crawler may have stored it decoded
    and kept the header): a ``<`` after blanks and a UTF-8 byte-order mark."""
    return payload.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


def _served(record: dict) -> bool:
    """Whether a record holds a page as served: a 2xx response (a record without an HTTP
    status, a ``resource``, holds what was saved)."""
    return str(record["status"] or "200").startswith("2")


def read(path: Path, data: bytes | None = None) -> RawPost:
    """The first article of the file (``read_all`` gives them all)."""
    return read_all(path, data)[0]


def _charset_parameter(content_type: str) -> str | None:
    """The ``charset`` parameter of a response's ``Content-Type``, read as a MIME header is
    (``xcharset=big5; charset=gbk`` names gbk; a quoted ``"charset=big5"`` is another
    parameter's value)."""
    header = email.message.Message()
    try:
        header["Content-Type"] = content_type
        value = header.get_param("charset")
    except (ValueError, TypeError, IndexError):
        return None
    if isinstance(value, tuple):  # RFC 2231's charset'language'value
        value = email.utils.collapse_rfc2231_value(value)
    return value.strip() or None if isinstance(value, str) else None
