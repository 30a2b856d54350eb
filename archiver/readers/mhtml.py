"""MHTML (``.mhtml``/``.mht``): a page saved "as a single file" by Chrome, Edge or Blink.

The file is a MIME ``multipart/related`` message (RFC 2557): the page as the first
``text/html`` part, then one part per resource, each with the ``Content-Location`` the page
refers to it by (or a ``Content-ID`` for ``cid:`` references). Bodies are quoted-printable or
base64. The page then goes through the WeChat page reader, and the resources travel with it
so that images are taken from the file, never fetched. Part names are only ever used as lookup
keys: nothing in an MHTML file can choose where anything is written.

The standard library reads every header (``email``) and decodes every body (``binascii``,
``quopri``); the parts are split here, by their boundary (RFC 2046 §5.1.1). The ``email``
package's parser feeds the whole file through Python line by line: 25 ms for a 1 MB file of
base64 images, two thirds of its extraction. Splitting on the boundary with ``bytes.find``
takes a few hundred microseconds.

A file cut short (no close delimiter: a browser always writes it) is not read as if whole:
cut inside the page part, it fails; cut inside an image, that image is recorded missing
with the reason.
"""

from __future__ import annotations

import binascii
import email.policy
import functools
import quopri
import re
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from pathlib import Path

from archiver.background import beside
from archiver.canonical import sha512_hex
from archiver.errors import MalformedInput
from archiver.model import CUT_SHORT, RawPost
from archiver.readers._charset import Declared
from archiver.readers._contained import held, page_or_fragment
from archiver.urls import has_scheme, joined_url

FORMAT = "mhtml"


def detect(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in (".mhtml", ".mht"):
        return True
    top = head[:4096].lower()
    return b"multipart/related" in top and b"mime-version" in top and b"<html" not in top[:200]


_TOKEN = r"[A-Za-z0-9!#$%&'*+.^_`|~-]+"
# Header values that email.policy.default's parser gives back as they are: a bare MIME type
# (``image/jpeg``, how every resource part is labelled), a bare token (``base64``), and an
# unstructured value in printable ASCII on one line without an encoded word (a part's
# Content-Location or Content-ID). Checked against the parser on random values of each shape.
_AS_WRITTEN = {"content-type": re.compile(_TOKEN + "/" + _TOKEN),
               "content-transfer-encoding": re.compile(_TOKEN)}
_STRUCTURED = frozenset(email.policy.default.header_factory.registry)
_UNSTRUCTURED = re.compile(r"(?:(?!=\?)[ -~\t])*")


class _Policy(email.policy.EmailPolicy):
    """``email.policy.default``, but a header value its parser would give back unchanged is
    given back without being parsed. The parser builds a token tree for every value fetched:
    for the dozens of parts of a saved page, a third of reading the file. Any other value
    (parameters, folded lines, non-ASCII, encoded words) is parsed as the default does."""

    def header_fetch_parse(self, name: str, value: str):  # type: ignore[no-untyped-def]
        if not isinstance(value, str):  # a header object already (one set by the code)
            return super().header_fetch_parse(name, value)
        key = name.lower()
        shape = _AS_WRITTEN.get(key) or (None if key in _STRUCTURED else _UNSTRUCTURED)
        if shape is not None and shape.fullmatch(value):
            return value
        return self._parsed(name, value)

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one policy object, kept for good
    def _parsed(self, name: str, value: str):  # type: ignore[no-untyped-def]
        """The parsed value: a message's Content-Type is fetched four or five times while it
        is read (its type, its boundary, its charset), and parsed each time."""
        return super().header_fetch_parse(name, value)


POLICY = _Policy()
_HEADERS = BytesHeaderParser(policy=POLICY)
_BLANK_LINE = re.compile(rb"\r\n\r\n|\n\n")


def _split_headers(entity: bytes) -> tuple[EmailMessage, bytes]:
    """An entity's headers (parsed by ``email``) and its body: they part at the first empty
    line, written CRLF CRLF or LF LF."""
    if entity.startswith((b"\r\n", b"\n")):  # no headers at all
        at, size = 0, 2 if entity.startswith(b"\r\n") else 1
    else:
        # the first of either: one search that stops there (a search for the one a part does
        # not use ran through the whole part, hundreds of KB of base64)
        blank = _BLANK_LINE.search(entity)
        if blank is None:
            return _HEADERS.parsebytes(entity), b""
        at, size = blank.start(), blank.end() - blank.start()
    headers = _HEADERS.parsebytes(entity[:at] + b"\n")
    return headers, entity[at + size:]  # type: ignore[return-value]


def _parts(body: bytes, boundary: str) -> tuple[list[bytes], bool]:
    """The body parts of a multipart body: what lies between its delimiter lines, each part
    without the line break that belongs to the delimiter after it. A delimiter line is
    ``--boundary`` at the start of a line, then optionally ``--`` (the close delimiter), then
    only blanks, as the ``email`` package reads them. Without a close delimiter the last part
    runs to the end, but for its final line break, as mail readers take it; the second value
    says whether the close delimiter was found (a browser always writes it: without it, the
    file was cut short inside its last part)."""
    marker = b"--" + boundary.encode("ascii", "replace")
    delimiters: list[tuple[int, int, bool]] = []  # (line start, after its line break, close)
    at = body.find(marker)
    while at != -1:
        after = at + len(marker)
        line_end = body.find(b"\n", after)
        line_end = len(body) if line_end == -1 else line_end + 1
        rest = body[after:line_end]
        close = rest.startswith(b"--")
        if (at == 0 or body[at - 1:at] == b"\n") and not (rest[2:] if close else rest).strip():
            delimiters.append((at, line_end, close))
            if close:
                break
        at = body.find(marker, after)
    parts = []
    closed = False
    for (_, begin, close), following in zip(delimiters, [*delimiters[1:], None][:len(delimiters)],
                                            strict=True):
        if close:
            closed = True
            break
        if following is not None:  # the line break before a delimiter belongs to it
            end = following[0]
            end -= 2 if body[end - 2:end] == b"\r\n" else 1
        else:  # a last part cut short loses its final line break too, as email reads it
            end = len(body)
            end -= 2 if body.endswith(b"\r\n") else 1 if body.endswith((b"\n", b"\r")) else 0
        parts.append(body[begin:max(begin, end)])
    return parts, closed


def _decoded(part: EmailMessage, body: bytes) -> bytes:
    """The body as its Content-Transfer-Encoding says (as ``get_payload(decode=True)``)."""
    encoding = str(part.get("Content-Transfer-Encoding") or "").strip().lower()
    if encoding == "base64":
        try:
            return binascii.a2b_base64(body)
        except binascii.Error:  # bad padding: what decodes, as the email package does
            pass
        try:
            return binascii.a2b_base64(body.rstrip(b"=\r\n \t") + b"==")
        except binascii.Error:  # a part cut short mid-quantum: the whole quanta before it
            digits = re.sub(rb"[^A-Za-z0-9+/]", b"", body)
            return binascii.a2b_base64(digits[: len(digits) // 4 * 4])
    if encoding == "quoted-printable":
        return quopri.decodestring(body)
    return body


def _location(entity: EmailMessage, name: str = "Content-Location") -> str:
    """A URL header of ``entity`` (``Content-Location``, ``Snapshot-Content-Location``), its
    white space removed. A long URL may be folded over several header lines (RFC 2557
    §4.4.2, as RFC 2017 §3.1 folds it), and its unfolding keeps the blank that starts each
    line; a URL holds no white space of its own (RFC 2557 §4.4.1 encodes it). Kept, the
    blank made every image whose location was folded one the page does not name."""
    return "".join(str(entity.get(name) or "").split())


def _based(location: str, part: EmailMessage, message: EmailMessage) -> str | None:
    """A relative ``Content-Location`` made absolute, as RFC 2557 §8 resolves it: against
    the part's ``Content-Base`` (RFC 2110, as Internet Explorer wrote it), else the
    message's, else the multipart's own ``Content-Location``. None for an absolute one, or
    with no base to resolve it against."""
    if not location or has_scheme(location):
        return None
    base = _location(part, "Content-Base") or _location(message, "Content-Base") or \
        _location(message)
    if not base or not has_scheme(base):
        return None
    return joined_url(base, location) or None


def _same_page(location: str, snapshot: str) -> bool:
    """Whether a part at ``location`` is the page the file is a snapshot of: the same address,
    whatever fragment either ends with (WeChat's links end ``#rd`` or ``#wechat_redirect``;
    a fragment names a place in a page, never another page, and a saver may keep it in one
    header and drop it in the other)."""
    return location.split("#", 1)[0] == snapshot.split("#", 1)[0]


def _boundary(entity: EmailMessage) -> str | None:
    """The boundary of a multipart entity; None for any other."""
    if entity.get_content_maintype() != "multipart":
        return None
    boundary = entity.get_param("boundary")
    return boundary if isinstance(boundary, str) and boundary else None


def _leaves(entity: EmailMessage, body: bytes, depth: int = 0, cut: set[int] | None = None
            ) -> list[tuple[EmailMessage, bytes]]:
    """Every non-multipart part under ``entity``, in order, its body decoded. ``cut``, when
    given, gets the index of a part the file ends inside (its multipart is not closed)."""
    boundary = _boundary(entity)
    if boundary is None or depth > 8:
        return [(entity, _decoded(entity, body))]
    out: list[tuple[EmailMessage, bytes]] = []
    chunks, closed = _parts(body, boundary)
    for chunk in chunks:
        headers, inner = _split_headers(chunk)
        inner_cut: set[int] = set()
        leaves = _leaves(headers, inner, depth + 1, inner_cut)
        if cut is not None:  # the inner indices, counted in this list
            cut.update(len(out) + index for index in inner_cut)
        out.extend(leaves)
    if cut is not None and out and not closed:
        cut.add(len(out) - 1)
    return out


def read(path: Path, data: bytes | None = None) -> RawPost:
    data = path.read_bytes() if data is None else data
    digest = beside(len(data), sha512_hex, data)  # on a second core while the parts are read
    try:
        message, body = _split_headers(data)
        boundary = _boundary(message)
        cut: set[int] = set()
        leaves = _leaves(message, body, cut=cut) if boundary else []
    except Exception as exc:  # the email parser is lenient; this is a last resort
        raise MalformedInput(f"not a readable MIME message: {exc}", path=path) from None
    if boundary is None:
        raise MalformedInput("MHTML without parts (expected multipart/related)", path=path)
    snapshot = _location(message, "Snapshot-Content-Location")
    page: EmailMessage | None = None
    html_bytes = b""
    resources: dict[str, bytes] = {}
    damaged: dict[str, str] = {}
    for index, (part, body) in enumerate(leaves):
        location = _location(part)
        content_id = str(part.get("Content-ID") or "").strip().strip("<>")
        if page is None and part.get_content_type() == "text/html" and (
                not snapshot or not location or _same_page(location, snapshot)):
            if index in cut:
                raise MalformedInput("the file is cut short inside its page part (no closing "
                                     "boundary): an interrupted save or copy?", path=path,
                                     hint="save the page again")
            page, html_bytes = part, body
            continue
        names = [name for name in (location, _based(location, part, message),
                                   content_id and f"cid:{content_id}") if name]
        for name in names:
            if index in cut:  # never taken as the whole file: missing, with the reason
                damaged[name] = ("cut short in the MHTML file: it ends inside this part (no "
                                 "closing boundary; an interrupted save or copy?)")
            else:
                resources[name] = body
    if cut:  # the file ends early: whatever followed the last part is lost with it
        damaged.setdefault(CUT_SHORT, "cut short: the MHTML file ends inside a part (no "
                                      "closing boundary; an interrupted save or copy?)")
    if page is None:
        if cut or not leaves:  # no part whole, or none at all: the file ends before them
            raise MalformedInput("the file is cut short before its page part is whole (no "
                                 "closing boundary): an interrupted save or copy?", path=path,
                                 hint="save the page again")
        others = [_location(part) for part, _ in leaves if part.get_content_type() == "text/html"]
        if others:  # HTML parts, none of them the page the file says it is a snapshot of
            raise MalformedInput(f"no HTML part of the MHTML file is the page it is a snapshot "
                                 f"of ({snapshot[:200]}); its HTML parts are at "
                                 + ", ".join(o[:200] for o in others[:3])
                                 + (f" and {len(others) - 3} more" if len(others) > 3 else ""),
                                 path=path, hint="save the page again, or save it as HTML")
        raise MalformedInput("MHTML without an HTML page part", path=path)
    charset = page.get_content_charset()
    location = _location(page) or snapshot
    raw = page_or_fragment(html_bytes, path,
                           charset and Declared(charset, "the MHTML part's Content-Type"))
    container = {"format": FORMAT, "page": location or None, "parts": len(resources)}
    return held(raw, path, data, container, "MHTML Content-Location",
                f"page part of an MHTML file ({len(resources)} resources)", resources,
                damaged, digest)
