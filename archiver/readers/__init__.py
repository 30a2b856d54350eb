"""Readers: one module per input format, chosen by deterministic detection.

Each reader module exposes ``FORMAT`` (its name, recorded in provenance), ``detect(path, head)``
(``head`` = the first MiB of the file) and ``read(path, data=None) -> RawPost`` (``data``: the
file's bytes, when the caller has them); a container that can hold several posts (WARC) also
has ``read_all(path, data=None) -> list[RawPost]``. Detection is tried in
the fixed order of :data:`READERS`; the first reader that claims a file reads it.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import BinaryIO

from archiver.errors import InputError, MalformedInput, UnsupportedFormat
from archiver.model import RawPost
from archiver.readers import (
    fragment,
    markdown,
    mhtml,
    singlefile_zip,
    warc,
    webarchive,
    wechat_html,
)
from archiver.textfiles import byte_order_mark, missing, utf16_without_its_mark

# containers first: their names and magic numbers are unambiguous (a SingleFile self-extracting
# ZIP is named .html and its prelude names the post's address: before the page readers)
READERS: tuple[ModuleType, ...] = (warc, mhtml, webarchive, singlefile_zip, markdown, wechat_html,
                                   fragment)
# the module that reads each format, as a record's provenance names it (source.reader)
READER_OF: dict[str, str] = {reader.FORMAT: reader.__name__ for reader in READERS}
HEAD_BYTES = 1 << 20  # enough to reach the markers behind a page's inline CSS
READ_WHOLE = 64 << 20  # a file up to this size is read once, its head a slice of it
# the suffixes of saved posts as the messages name them (".gz" only as ".warc.gz") ...
SUFFIX_NAMES = (".md", ".markdown", ".html", ".htm", ".xhtml", ".mhtml", ".mht", ".webarchive",
                ".zip", ".warc", ".warc.gz", ".wacz")
# ... and as a file's last suffix has them
SUFFIXES = frozenset("." + name.rsplit(".", 1)[-1] for name in SUFFIX_NAMES)
# the formats a file no reader claims could have been in
SUPPORTED_HINT = ("supported: Markdown export (.md or .markdown, with front matter or WeChat "
                  "links/images), WeChat article page or #js_content fragment (.html, .htm, "
                  ".xhtml; a browser's \"save page complete\" or a SingleFile page too), "
                  "SingleFile's ZIP (.zip), MHTML (.mhtml, .mht), Safari Web Archive "
                  "(.webarchive), WARC (.warc, .warc.gz), WACZ (.wacz)")


def read_input(path: Path, limit: int = -1) -> bytes:
    """The bytes of an input file (the first ``limit`` when given), or an InputError that
    says, naming the file, why it cannot be read."""
    with _input_errors(path), _opened(path) as handle:
        return handle.read(limit)


def read_input_and_status(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of an input file, and its status once they were read (for a cache of its
    digest that a change to the file must invalidate)."""
    with _input_errors(path), _opened(path) as handle:
        return handle.read(), os.fstat(handle.fileno())


def _opened(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file. Opened without waiting, then
    checked: opening a FIFO for reading would wait for a writer that may never come."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        os.close(fd)
        raise
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise IsADirectoryError(path)
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UnsupportedFormat("not a regular file (a FIFO, a device or a socket)",
                                path=path)
    if hasattr(os, "O_NONBLOCK"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


@contextmanager
def _input_errors(path: Path) -> Iterator[None]:
    """Errors reading ``path`` as InputErrors that say, naming the file, what went wrong."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(missing(path), path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except PermissionError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path,
                         hint="give yourself the right to read it (chmod u+r FILE; u+x on a "
                              "folder above it that you may not enter), or run as its "
                              "owner") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None


def detect(path: Path) -> ModuleType:
    """Return the reader for ``path`` or raise an InputError saying why there is none."""
    head = read_input(path, HEAD_BYTES)
    return _reader_for(path, head)


def refusal(path: Path) -> InputError | None:
    """Why no reader takes ``path`` (an :class:`UnsupportedFormat` when none claims it,
    another InputError when it cannot be read or is empty), or None when one does."""
    try:
        detect(path)
    except InputError as exc:
        return exc
    return None


def _detected(path: Path, data: bytes | None) -> tuple[ModuleType, bytes]:
    """The reader for ``path``, and the file's bytes: given, or read here, through
    :func:`read_input` (a regular file, errors naming it). A file of up to
    :data:`READ_WHOLE` bytes is read once, whole, and its head taken from that; a larger one's
    head is read first, so that a file no reader takes is refused without reading it all."""
    if data is None:
        with _input_errors(path), _opened(path) as handle:
            whole = os.fstat(handle.fileno()).st_size <= READ_WHOLE
            head = handle.read(-1 if whole else HEAD_BYTES)
        reader = _reader_for(path, head[:HEAD_BYTES])
        return reader, head if whole or len(head) < HEAD_BYTES else read_input(path)
    return _reader_for(path, data[:HEAD_BYTES]), data


def _reader_for(path: Path, head: bytes) -> ModuleType:
    wide = _wide_text(head)
    if wide is not None:
        raise UnsupportedFormat(f"not a supported saved post: {wide} text, which no saved post "
                                "is written in", path=path,
                                hint=f"convert it to UTF-8 first: iconv -f {wide} -t UTF-8 FILE "
                                     "> NEW")
    mark = byte_order_mark(head)
    if mark is not None and mark[0] != "utf-8":  # detectors look for ASCII markers: UTF-8
        body = head[mark[1]:]
        head = body[: len(body) // 2 * 2].decode(mark[0], "replace").encode("utf-8")
    if not head.removeprefix(codecs.BOM_UTF8).strip():
        raise MalformedInput("file is empty", path=path,
                             hint="an interrupted save or copy? save the post again")
    for reader in READERS:
        if reader.detect(path, head):
            return reader
    raise UnsupportedFormat("not a supported saved post" + _why_none(path, head), path=path,
                            hint=SUPPORTED_HINT)


def _wide_text(head: bytes) -> str | None:
    """``UTF-32`` for bytes its byte-order mark says are UTF-32 (no browser reads it), and
    ``UTF-16LE``/``UTF-16BE`` for text in UTF-16 without its mark. Else None (the file is
    refused all the same: this says only what it is)."""
    mark = byte_order_mark(head, utf32=True)
    if mark is not None:
        return "UTF-32" if mark[2] == "UTF-32" else None
    return utf16_without_its_mark(head)


HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p)\b", re.I)


def _why_none(path: Path, head: bytes) -> str:
    """What the file is, where it is not what its name promises: a page named as a
    supported format said to be unsupported left the user to guess what was wrong."""
    if head.startswith(b"PK\x03\x04"):  # (before the NUL bytes every ZIP header holds)
        return (": a ZIP file, but none SingleFile saved (its first entry is no SingleFile "
                "page): another program's ZIP, or one cut short or damaged; a ZIP of saved "
                "posts is read once unzipped (unzip it, and ingest the folder)")
    if b"\x00" in head:
        return ": binary data, not text"
    if path.suffix.lower() in (".md", ".markdown"):  # (Markdown may hold HTML)
        return ": a Markdown file without the front matter or the body of a post export"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    # (a page by its name, or opening with markup: not JSON or text that quotes a tag)
    if path.suffix.lower() in HTML_SUFFIXES or _MARKUP.match(start):
        return (": an HTML page with none of a WeChat article's marks in it (an "
                "mp.weixin.qq.com address, a js_content body, var msg_title)")
    if start[:1] in (b"{", b"["):
        return ": JSON data, not a saved page"
    return ""


def read(path: Path, data: bytes | None = None) -> RawPost:
    """Detect the format of ``path`` and read it (from ``data``, its bytes, when given: a
    caller that hashed the file reads it once, and the post is read from the bytes it
    hashed)."""
    reader, data = _detected(path, data)
    return _beside_the_file(path, [reader.read(path, data)])[0]


def read_all(path: Path, data: bytes | None = None) -> list[RawPost]:
    """Every post in ``path``: one for most formats, several for a WARC holding several."""
    reader, data = _detected(path, data)
    if hasattr(reader, "read_all"):
        return _beside_the_file(path, reader.read_all(path, data))
    return _beside_the_file(path, [reader.read(path, data)])


def _beside_the_file(path: Path, posts: list[RawPost]) -> list[RawPost]:
    """``posts``, read from ``path``, with their local images looked for beside the file
    itself when ``path`` is a symbolic link to it. A saved page's ``page_files/`` or an
    export's ``images/`` lie beside the file the tool wrote, not beside a link to it made
    elsewhere (an inbox of links to saves kept in one place): looked for beside the link,
    every image was missing, and the post, ingested through the link after the file itself,
    became a new version without them. A link is the file it names, as the receipts of a
    run take it (a file given twice, once through a link, is ingested once)."""
    try:
        if not path.is_symlink():
            return posts
        real = path.resolve().parent
    except (OSError, RuntimeError):  # a link loop: the reader has refused it already
        return posts
    return [dataclasses.replace(raw, base_dir=real) if raw.base_dir == path.parent else raw
            for raw in posts]


def is_candidate(path: Path) -> bool:
    """Whether folder discovery should offer ``path`` to the readers."""
    if path.name.lower().endswith(".gz"):
        return path.name.lower().endswith(".warc.gz")
    return path.suffix.lower() in SUFFIXES
