"""Localise a post's images: every reference becomes a stored asset or a recorded absence.

Sources, in order: ``data:`` URIs in the page; files beside the post (relative paths, a
browser's ``*_files/`` folder, an exporter's ``images/`` folder), site-absolute paths
(``/images/1935/2.jpeg``) looked up under the configured asset roots; and, unless fetching is
off, HTTP(S) with requests — the only module that does HTTP. The type always comes from the
bytes (Pillow), never from the name or URL; a non-image or a decompression bomb is refused.
A missing image is a result with a reason, never an exception.
"""

from __future__ import annotations

import binascii
import dataclasses
import errno
import hashlib
import html
import io
import ipaddress
import os
import re
import socket
import threading
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, unquote, unquote_to_bytes, urlsplit

import requests
import requests.adapters
import urllib3.exceptions
from PIL import Image, UnidentifiedImageError
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from archiver.background import waited_for
from archiver.config import Config, post_folders
from archiver.model import CUT_SHORT, Asset, ImageRef
from archiver.urls import joined_url, joined_urls, path_and_rest, scheme_lowered, split_url

# Pillow names the buffer it read ("<_io.BytesIO object at 0x7f…>"): an address that
# changes from run to run has no place in a record
_NO_ADDRESS = re.compile(r" ?<[\w.]+ object at 0x[0-9a-fA-F]+>")

# (MPO: a JPEG whose header lists the pictures after it, as phones write them; Pillow names it
# so, browsers show its first picture as any JPEG)
_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "MPO": ("image/jpeg", "jpg"),
            "PNG": ("image/png", "png"), "GIF": ("image/gif", "gif"),
            "WEBP": ("image/webp", "webp"), "AVIF": ("image/avif", "avif"),
            "BMP": ("image/bmp", "bmp"),
            "TIFF": ("image/tiff", "tif"),
            "ICO": ("image/x-icon", "ico")}
MAX_REDIRECTS = 5
# The whole fetch of one image (redirects, headers, body) may take this many times the
# configured timeout (two minutes by default). The timeout bounds each wait for the server
# alone: one that sends a byte a second would be waited for, 20 MB long, for weeks, holding
# the archive's lock the while.
WHOLE_FETCH_TIMEOUTS = 12
MAX_PATH = 4096  # PATH_MAX on Linux: a longer local reference names no file

# the HTTP session images are fetched with, kept by a run (or a worker) for its connections:
# named here so that no other module needs requests
Session = requests.Session


def new_session() -> Session:
    """A session for :func:`localise` to fetch images with; each fetch puts on it the checks
    of where it may connect that its configuration asks for."""
    return requests.Session()


def describe_original(original: str) -> str:
    """How an image reference is written into the record (a data: URI is summarised)."""
    if scheme_lowered(original[:5]).startswith("data:"):
        head = original.split(",", 1)[0]
        return f"{head},… ({len(original)} characters inline)"
    return original


# A save that blocked images (SingleFile's --block-images) leaves each <img> an empty data:
# URI: no image, and no reference to one either. As the record writes it:
EMPTY_PLACEHOLDER = describe_original("data:,")


def sniff(data: bytes, original: str, origin: str, config: Config,
          sha256: str | None = None) -> Asset:
    """Identify image bytes; refuse what is not an image or would decompress to a bomb.
    ``sha256``: the digest of ``data``, when the caller computed it already."""
    described = describe_original(original)
    if len(data) > config.max_image_bytes:
        return Asset(original=described, status="missing", origin=origin,
                     reason=f"too large: {len(data)} bytes (limit {config.max_image_bytes})")
    if not data:
        return Asset(original=described, status="missing", origin=origin,
                     reason="no image here: an empty data: URI, as a save that blocked images "
                            "writes" if described == EMPTY_PLACEHOLDER else "empty file")
    head = data[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:2048].lower()):
        media, ext, width, height = "image/svg+xml", "svg", None, None
    else:
        fmt = ""
        try:
            with warnings.catch_warnings():
                # Pillow warns past its limit: a refusal where the configured one is lower
                pillows = Image.MAX_IMAGE_PIXELS  # (None: Pillow checks nothing)
                warnings.simplefilter("error" if pillows is not None
                                      and config.max_image_pixels <= pillows else "ignore",
                                      Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as img:
                    width, height = img.size
                    if width * height > config.max_image_pixels:
                        return Asset(original=described, status="missing", origin=origin,
                                     reason=f"decompression bomb refused: {width}x{height} "
                                            f"pixels, over the limit of "
                                            f"{config.max_image_pixels}")
                    fmt = img.format or ""
                    img.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            # (Pillow's message names its own limit; past twice it, Pillow refuses whatever
            # the limit configured)
            found = re.search(r"\((\d+) pixels\)", str(exc))
            pixels = int(found[1]) if found else None
            limit = config.max_image_pixels if pixels is None \
                or pixels > config.max_image_pixels else 2 * (Image.MAX_IMAGE_PIXELS or 0)
            return Asset(original=described, status="missing", origin=origin,
                         reason=f"decompression bomb refused: {pixels or 'over'} pixels, over "
                                f"the limit of {limit}" + (
                                    "" if limit == config.max_image_pixels
                                    else " (Pillow's own, past the one configured)"))
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            said = _NO_ADDRESS.sub('', str(exc))[:80]
            if "truncated" in said.lower():  # read past the end: a PNG's chunks, a header
                return Asset(original=described, status="missing", origin=origin,
                             reason=_cut_short_reason(_cut_short(fmt, data) or
                                                      f"the {fmt or 'image'} ends early", data))
            return Asset(original=described, status="missing", origin=origin,
                         reason=f"not an image ({type(exc).__name__}: {said})")
        if fmt not in _FORMATS:
            return Asset(original=described, status="missing", origin=origin,
                         reason=f"unsupported image format {fmt or 'unknown'}")
        cut = _cut_short(fmt, data)
        if cut:
            return Asset(original=described, status="missing", origin=origin,
                         reason=_cut_short_reason(cut, data))
        media, ext = _FORMATS[fmt]
    return Asset(original=described, status="stored",
                 sha256=sha256 or hashlib.sha256(data).hexdigest(),
                 media_type=media, extension=ext, width=width, height=height, data=data,
                 origin=origin)


def _cut_short(fmt: str, data: bytes) -> str | None:
    """What shows that image bytes end early, or None. Pillow reads a JPEG's size from its
    header and checks nothing after it, and a PNG's chunks only as far as they go: a file
    cut off by a failed download or a full disk passes both, and would be kept as the image
    with its lower part grey. A JPEG's segments are walked to its end-of-image marker
    (:func:`_jpeg_runs_out`); a PNG ends with its empty ``IEND`` chunk. Bytes after these
    (padding, another picture or a phone's motion video appended) are allowed."""
    if fmt in ("JPEG", "MPO") and _jpeg_runs_out(data):
        return "the JPEG ends before its end-of-image marker"
    if fmt == "PNG" and data.rfind(b"\x00\x00\x00\x00IEND") == -1:
        return "the PNG ends before its IEND chunk"
    if fmt == "AVIF" and _boxes_run_out(data):
        return "the AVIF ends inside one of its boxes"
    if fmt == "AVIF" and not _decodes(data):  # its boxes whole: is its image data there?
        return "the AVIF's image data is not all there"
    return None


def _decodes(data: bytes) -> bool:
    """Whether an image decodes whole (not only its header, which Pillow opens from). Its
    pixels are within the limit configured, checked before: Pillow's own warning is not
    printed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (OSError, SyntaxError, ValueError):
        return False
    return True


def _boxes_run_out(data: bytes) -> bool:
    """Whether an ISO media file (AVIF) ends inside one of its top-level boxes, or before its
    ``meta`` box: the boxes walked, each of which gives its length (a size of 1: a 64-bit one
    after the type; 0: to the end). Once ``meta`` and ``mdat`` are whole, bytes after them are
    allowed, as after a JPEG's end. (A file cut exactly between two boxes, before its ``mdat``,
    is found by decoding it: the image data may also be kept inside ``meta``.)"""
    at, size, whole = 0, len(data), set()
    while at < size and not {b"meta", b"mdat"} <= whole:
        if at + 8 > size:
            return True
        length, kind = int.from_bytes(data[at:at + 4], "big"), data[at + 4:at + 8]
        if length == 1:
            if at + 16 > size:
                return True
            length = int.from_bytes(data[at + 8:at + 16], "big")
        elif length == 0:  # to the end
            length = size - at
        if length < 8:  # no box: left to the decoder
            return False
        if at + length > size:
            return True
        whole.add(kind)
        at += length
    return b"meta" not in whole


_JPEG_MARKER = re.compile(rb"\xff+([^\x00\xff])")
# where a scan's compressed data ends: the first marker in it that is no restart marker (an
# FF byte of the data itself is stuffed, FF 00; a marker's FF FF fill bytes before it are
# found from their last, as ``\xff+`` would cost twenty times as much)
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _jpeg_runs_out(data: bytes) -> bool:
    """Whether the data ends before a JPEG's end-of-image marker, its segments walked from
    the start: each marker's length skipped (an embedded thumbnail, a whole JPEG inside an
    APP1 segment, with it), each scan's data to the marker after it. Only running out of
    bytes counts: segments this walk cannot follow (bytes between them that libjpeg skips)
    are left to the decoder, which shows such files."""
    at, size = 2, len(data)
    while True:
        marker = _JPEG_MARKER.match(data, at)
        if marker is None:
            return at >= size  # at the end: cut; elsewhere: not a walk this can follow
        code, at = marker.group(1)[0], marker.end()
        if code == 0xD9:  # end of image
            return False
        if 0xD0 <= code <= 0xD7 or code == 0x01:  # markers without a length
            continue
        if at + 2 > size:
            return True
        at += int.from_bytes(data[at:at + 2], "big")
        if at > size:
            return True
        if code == 0xDA:  # start of scan: its compressed data up to the next marker
            end = _SCAN_END.search(data, at)
            if end is None:
                return True
            at = end.start()


def _cut_short_reason(what: str, data: bytes) -> str:
    return f"cut short: {what} ({len(data)} bytes); save or fetch it again"


def _data_uri_parts(uri: str) -> tuple[bool, str]:
    """(whether it is base64, the payload) of a ``data:`` URI."""
    header, _, payload = uri.partition(",")
    return header.lower().endswith(";base64"), payload  # RFC 2397: the case is free


def _data_uri(parts: tuple[bool, str]) -> bytes | None:
    """The bytes of a ``data:`` URI, from its :func:`_data_uri_parts`. A payload that is
    not base64 is read as a browser reads it: each ``%XX`` is that byte, and a character
    written as itself (an SVG's ``<text>中文</text>``) is its UTF-8 bytes."""
    is_base64, payload = parts
    try:
        if is_base64:  # (characters outside the alphabet, line breaks too, are passed over)
            return binascii.a2b_base64(payload)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None


def _data_uri_over(parts: tuple[bool, str], limit: int) -> bool:
    """Whether a ``data:`` URI (its :func:`_data_uri_parts`) decodes to more than ``limit``
    bytes (percent-encoded: at least), told without decoding it. Base64 gives three bytes for
    four characters at most: only a payload long enough to pass the limit has its line breaks
    and padding counted."""
    is_base64, payload = parts
    if not is_base64:
        return len(payload) // 3 > limit
    if len(payload) * 3 // 4 <= limit:
        return False
    spaces = sum(payload.count(c) for c in " \t\r\n")  # base64 wrapped in lines
    return (len(payload) - spaces) * 3 // 4 - min(payload.count("="), 2) > limit


def _within(path: Path, roots: Iterable[Path]) -> bool:
    for root in roots:
        try:
            path.relative_to(root)
            return True
        except ValueError:
            continue
    return False


def _shortened(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def _from_the_post(place: Path, base_dir: Path) -> str:
    """A place an image was looked for, as a missing image's reason in the record names it:
    from the post's folder where it is in that folder (``images/1.jpg``, ``../a/1.jpg``, as
    the post wrote it), else as configured (an asset root). From the working folder, the
    record of one file would name ``p2/images/1.jpg`` ingested from one folder and
    ``/home/…/p2/images/1.jpg`` from another: a machine's path in the record, and a change in
    the diff of every unrelated edit."""
    if place.is_relative_to(base_dir):
        return place.relative_to(base_dir).as_posix()
    return str(place)


def _local_candidates(ref: str, base_dir: Path, config: Config) -> list[Path]:
    """Where a local image reference may be: as written, and, for a path written with
    backslashes (an export made on Windows: ``images\\1.jpg``), with slashes after that; and
    a name that Unicode can write two ways (``データ``, ``café``: composed, or a letter and
    its mark) written the other way too. macOS's HFS+ stored file names decomposed (NFD) and
    browsers write references composed (NFC): a save copied from a Mac to a disk that keeps
    names as they are has names its page does not spell the same."""
    if ref[:5].lower() == "file:":  # (a backslash is a slash in a file URL, as a browser
        ref = ref.replace("\\", "/")  # reads it: file:\\\C:\x, file://C:\x)
    file_url = ref[:7].lower() == "file://"  # (a scheme is written in either case)
    if file_url:  # parsed, then decoded: %3F and %23 in its path are a name's ? and #
        parts = split_url("file://" + ref[7:])
        # (an address urllib refuses, "file://[bad/x.png": its path as written)
        ref = parts.path if parts is not None else path_and_rest(ref[7:])[0]
        if _DRIVE_IN_A_URL.match(ref):  # file:///C:/x: another machine's disk, whose path
            ref, file_url = ref[3:], False  # is looked for under the asset roots alone
    else:
        ref = path_and_rest(ref)[0]
    ref = unquote(ref)
    refs = [ref]
    if "\\" in ref and not _WINDOWS_DRIVE.match(ref):
        refs.append(ref.replace("\\", "/"))
    if not ref.isascii():
        refs += [unicodedata.normalize(form, r) for r in list(refs) for form in ("NFC", "NFD")]
    return list(dict.fromkeys(c for r in dict.fromkeys(refs)
                              for c in _candidates(r, base_dir, config, file_url)))


_WINDOWS_DRIVE = re.compile(r"[A-Za-z]:[\\/]")  # C:\… names a disk of another machine
_DRIVE_IN_A_URL = re.compile(r"\A/[A-Za-z]:/")


def _candidates(ref: str, base_dir: Path, config: Config, file_url: bool = False
                ) -> list[Path]:
    """Where ``ref`` (decoded; ``file_url``: the path of a file:// URL) may be."""
    if file_url:  # the file itself (within the allowed folders), else as a site-absolute
        # path, the way a site's export means it
        return list(dict.fromkeys([Path(ref), *_candidates(ref, base_dir, config)]))
    if ref.startswith("/"):
        rel = ref.lstrip("/")
        # an asset root may be the post's own folder (`make demo`): each place once
        return list(dict.fromkeys([root / rel for root in config.asset_roots]
                                  + [base_dir / rel]))
    return [base_dir / ref]


def _allowed_roots(base_dir: Path, config: Config) -> list[Path]:
    """The folders a post's local images may come from: the post's own
    (:func:`~archiver.config.post_folders`) and the asset roots, resolved."""
    return post_folders(base_dir) + [r.resolve() for r in config.asset_roots]


def _local(ref: ImageRef, base_dir: Path, config: Config,
           inputs: dict[str, str | None], allowed: list[Path]) -> Asset:
    """The local image ``ref`` names. One that is there, but outside the folders a post's
    images may come from (an export's shared ``_resources/`` two folders up), is said to be
    there and not read, with the way to allow it: "file not found" sent people looking for a
    file they could see."""
    tried = []
    outside: str | None = None
    for candidate in _local_candidates(ref.original, base_dir, config):
        shown = _shortened(str(candidate))  # where this run read it (the provenance's origin)
        named = _shortened(_from_the_post(candidate, base_dir))  # where the record says
        if len(str(candidate)) > MAX_PATH:  # resolving it would take minutes (realpath is
            tried.append(f"{named} (longer than any path)")  # quadratic in its components)
            continue
        try:  # a name too long for the file system, or with a NUL byte, is a name not found
            resolved = candidate.resolve()
            if candidate.is_symlink() and not resolved.exists():
                # remembered as absent, as any file not found: a run after the link's target
                # is there reads it (a receipt would say nothing changed)
                inputs[str(resolved)] = inputs[str(candidate)] = None  # (the link too: a
                # file put in its place is news; receipts keep a link as the link)
                tried.append(f"{named} ({_dangling(candidate)})")
                continue
            if not _within(resolved, allowed):
                linked = " (a symbolic link)" if resolved != candidate.absolute() and \
                    _within(candidate.absolute().parent.resolve(), allowed) else ""
                tried.append(f"{named}{linked} (outside the post's folder, its parent and the "
                             "asset roots)")
                if outside is None and resolved.is_file():
                    outside = f"{named} leads to a file that" if linked else f"{named}"
                continue
            if resolved.is_file():
                try:
                    size = resolved.stat().st_size
                    if size > config.max_image_bytes:  # refused before it is read into memory
                        with open(resolved, "rb") as handle:
                            inputs[str(resolved)] = hashlib.file_digest(
                                handle, "sha256").hexdigest()
                        return Asset(original=ref.original, status="missing", origin=shown,
                                     reason=f"too large: {size} bytes "
                                            f"(limit {config.max_image_bytes})")
                    data = resolved.read_bytes()
                except OSError as exc:  # there, but not to be read (its permissions): said
                    # so, and remembered as not read, so that a run after it is made
                    # readable reads it
                    inputs[str(resolved)] = None
                    return Asset(original=ref.original, status="missing", origin=shown,
                                 reason=f"cannot be read: {exc.strerror or type(exc).__name__}"
                                        f" ({named})")
                digest = inputs[str(resolved)] = hashlib.sha256(data).hexdigest()
                if candidate.is_symlink():  # the link too: pointed at another file, or at
                    inputs[str(candidate)] = digest  # none, it is news (receipts keep it)
                return sniff(data, ref.original, str(candidate), config, sha256=digest)
        except (OSError, ValueError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            if _is_loop(exc):
                inputs[str(candidate)] = None  # a file put in the loop's place is news
            tried.append(f"{named} (cannot be looked up: {_lookup_failure(exc)})")
            continue
        inputs[str(resolved)] = None
        tried.append(named)
    roots = ", ".join(str(r) for r in config.asset_roots) or "none configured"
    if outside is not None:
        return Asset(original=ref.original, status="missing",
                     reason=f"not read: {outside} is outside the post's folder, its parent and the "
                            f"asset roots (asset roots: {roots}; name a folder that holds it with "
                            "--asset-root to read it)")
    # each place once: a name written composed and decomposed prints the same
    places = "; ".join(dict.fromkeys(unicodedata.normalize("NFC", place) for place in tried))
    return Asset(original=ref.original, status="missing",
                 reason=f"file not found (looked for: {places}; asset roots: {roots})")


def _dangling(link: Path) -> str:
    """What a symbolic link that leads to no file leads to: nothing, or itself (a loop:
    Python 3.13's resolve() returns such a path, where 3.11's raised RuntimeError)."""
    try:
        os.stat(link)
    except OSError as exc:
        if _is_loop(exc):
            return f"cannot be looked up: {_lookup_failure(exc)}"
    return "a symbolic link to nothing there"


def _is_loop(exc: Exception) -> bool:
    """Whether looking a path up failed on a loop of symbolic links: pathlib's resolve()
    raises RuntimeError for one in Python 3.11, the system ELOOP."""
    return isinstance(exc, RuntimeError) or isinstance(exc, OSError) and \
        exc.errno == errno.ELOOP


def _lookup_failure(exc: Exception) -> str:
    """Why a local image's path could not be looked up, in words (the exception's name,
    ``RuntimeError``, said nothing to the reader of a record)."""
    if _is_loop(exc):
        return "a loop of symbolic links"
    if isinstance(exc, ValueError):  # the one ValueError a path raises: os.stat's
        return "a NUL character in its name"
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror
            else type(exc).__name__).lower()


def _is_public(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A globally reachable unicast address. Not private, loopback, link-local, shared
    (100.64/10, where cloud metadata services such as 100.100.100.200 live), reserved,
    multicast or unspecified, nor IPv6's site-local fec0::/10 (deprecated, still routed
    inside some networks; Python counts it global); an IPv6 address that carries an IPv4 one
    (mapped, 6to4, Teredo) is judged by that one too."""
    if (not addr.is_global or addr.is_private or addr.is_loopback or addr.is_link_local
            or addr.is_reserved or addr.is_multicast or addr.is_unspecified):
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.is_site_local:
            return False
        inner = [addr.ipv4_mapped, addr.sixtofour, addr.teredo[1] if addr.teredo else None]
        return all(_is_public(v4) for v4 in inner if v4 is not None)
    return True


# A host name that did not resolve is not asked for again for this long: a post holds tens of
# images on one host, and an offline machine's resolver can take seconds to say no each time.
FAILED_LOOKUP_KEPT = 60.0
_failed_lookups: dict[tuple[str, int], tuple[float, str]] = {}


def _getaddrinfo(host: str, port: int, timeout: float | None = None
                 ) -> list[tuple]:  # type: ignore[type-arg]
    """``socket.getaddrinfo`` on a daemon thread, waited for in a way Ctrl-C interrupts: the
    resolver's C call returns to Python only when it is done, seconds later when DNS does
    not answer, and the signal waits for it. The abandoned lookup ends on its own. Waited
    for ``timeout`` seconds at most (TimeoutError): the system resolver's own limits, tries
    times servers, run to half a minute, which the fetch's time limit does not cover."""
    return waited_for(lambda: socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP),
                      timeout, "archiver-resolve")


def _checked_addresses(host: str, port: int, allow: tuple[str, ...],
                       timeout: float | None = None) -> tuple[str | None, list[str]]:
    """(why ``host`` may not be contacted, or None; the addresses it may be contacted at).
    An empty list with no refusal: ``host`` itself is allowed (``allow_private_hosts``).
    A lookup not answered within ``timeout`` seconds is a failed one."""
    if host in allow:
        return None, []
    failed = _failed_lookups.get((host, port))
    if failed is not None and time.monotonic() - failed[0] < FAILED_LOOKUP_KEPT:
        return failed[1], []
    try:
        infos = _getaddrinfo(host, port, timeout)
    except (socket.gaierror, UnicodeError, ValueError, TimeoutError) as exc:
        reason = f"cannot resolve host {host!r}: {exc}"
        _failed_lookups[(host, port)] = (time.monotonic(), reason)
        return reason, []
    addresses = []
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if str(addr) not in allow and not _is_public(addr):
            return f"refused: {host} resolves to a private or local address ({addr})", []
        addresses.append(str(info[4][0]))
    return None, addresses


def _public_address(host: str, port: int, config: Config) -> str | None:
    """None if every address of ``host`` may be contacted, else why not."""
    return _checked_addresses(host, port, config.allow_private_hosts, config.http_timeout)[0]


class RefusedAddress(Exception):
    """A connection refused at the moment of connecting (not an OSError: nothing retries)."""


def _checked_connection(base: type, allow: tuple[str, ...]) -> type:
    """A urllib3 connection class that connects only to an address it has just checked,
    resolving the host name once: the address checked is the address connected to, so a
    name that changes its answer in between (DNS rebinding) cannot reach a private one."""

    class Checked(base):  # type: ignore[misc, valid-type]
        def _new_conn(self):  # type: ignore[no-untyped-def]
            host = self._dns_host
            # (the connect timeout; urllib3 may leave a marker for "the default" instead)
            timeout = self.timeout if isinstance(self.timeout, int | float) else None
            refusal, addresses = _checked_addresses(host, self.port or 0, allow, timeout)
            if refusal:
                raise RefusedAddress(refusal)
            if not addresses:
                sock = super()._new_conn()
                _watch(sock)
                return sock
            # the socket is opened to the address checked; urllib3 reads the host's name
            # from the same attribute for TLS (the name sent, the certificate verified) and
            # for the Host header, so the name is put back as soon as the socket is open
            self._dns_host = addresses[0]
            try:
                sock = super()._new_conn()
            finally:
                self._dns_host = host
            _watch(sock)  # a handshake that trickles is cut at the fetch's deadline too
            return sock

        def getresponse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            _watch(self.sock)  # a connection kept open from an earlier fetch, too
            return super().getresponse(*args, **kwargs)

    return Checked


class CheckedAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter with :func:`_checked_connection` for direct connections (through a
    proxy, the proxy resolves names: only the check before the request applies)."""

    def __init__(self, allow: tuple[str, ...]):
        self.allow = tuple(allow)
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("CheckedHTTPPool", (HTTPConnectionPool,), {
                "ConnectionCls": _checked_connection(HTTPConnection, self.allow)}),
            "https": type("CheckedHTTPSPool", (HTTPSConnectionPool,), {
                "ConnectionCls": _checked_connection(HTTPSConnection, self.allow)})}


def _use_checked_connections(session: requests.Session, config: Config) -> None:
    for prefix in ("http://", "https://"):
        adapter = session.adapters.get(prefix)
        if not (isinstance(adapter, CheckedAdapter)
                and adapter.allow == tuple(config.allow_private_hosts)):
            session.mount(prefix, CheckedAdapter(config.allow_private_hosts))


RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


# A server that did not answer in time for two images (each tried again) is not asked for
# more of them for this long: a post holds tens of images on one host, and a host that is
# black-holed or overloaded would cost each of them its timeouts (40 images, twenty
# minutes). They are missing, and fetched again by the next run (``retry_fetch``).
SILENT_AFTER = 2
SILENT_KEPT = 600.0
_SILENT_REASONS = ("no answer: ", "stalled: ", "unreachable: ConnectTimeout", "too slow: ")
_silent_servers: dict[tuple[str, int], tuple[float, int, str]] = {}


def _server(url: str) -> tuple[str, int]:
    """The server (host, port) ``url`` names; ("", 0) for one no one can fetch."""
    try:
        return _server_of(urlsplit(url))
    except ValueError:
        return "", 0


def _server_of(parts: SplitResult) -> tuple[str, int]:
    """(host, port) of a split URL, the port its scheme's when none is given; ValueError for
    a port that is no number."""
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def fetch(url: str, config: Config, session: requests.Session, retries: int = 2,
          backoff: float = 0.25, sleep: Callable[[float], None] = time.sleep) -> Asset:
    """GET an image with :func:`fetch_once`, retrying with backoff when the server is busy or
    failing (429, 5xx) or the connection timed out or broke; other failures are final. A
    server that has not answered in time for :data:`SILENT_AFTER` images of this run in a row
    (the server that failed: where a redirect led) is not asked again for
    :data:`SILENT_KEPT` seconds (:func:`_silence`, at every hop)."""
    asset = _fetched(url, config, session, retries, backoff, sleep)
    reason = asset.reason or ""
    if reason.startswith("not asked: "):
        return asset
    server = _server(asset.origin or url)
    if asset.status == "missing" and reason.startswith(_SILENT_REASONS):
        before = _silence_kept(server)
        _silent_servers[server] = (time.monotonic(), (before[1] if before else 0) + 1, reason)
    else:  # it answered (a redirect's first server answered too, with the redirect)
        _silent_servers.pop(server, None)
    return asset


def _silence_kept(server: tuple[str, int]) -> tuple[float, int, str] | None:
    silent = _silent_servers.get(server)
    if silent is not None and time.monotonic() - silent[0] >= SILENT_KEPT:
        return None
    return silent


def _silence(server: tuple[str, int]) -> str | None:
    """Why ``server`` is not asked (it did not answer in time for the :data:`SILENT_AFTER`
    images before), or None."""
    silent = _silence_kept(server)
    if silent is None or silent[1] < SILENT_AFTER:
        return None
    return (f"not asked: {server[0]} did not answer in time for the {silent[1]} images "
            f"before it in this run (the last: {silent[2]})")


def _fetched(url: str, config: Config, session: requests.Session, retries: int,
             backoff: float, sleep: Callable[[float], None]) -> Asset:
    asset = fetch_once(url, config, session)
    for attempt in range(retries):
        reason = asset.reason or ""
        transient = asset.status == "missing" and (
            any(reason.startswith(f"HTTP {code} ") for code in RETRY_STATUS)
            or reason.startswith(("no answer: ", "stalled: ", "unreachable: ConnectTimeout",
                                  "unreachable: ConnectionError", "cut short: the connection")))
        if not transient:
            break
        sleep(backoff * 2 ** attempt)
        asset = fetch_once(url, config, session)
    return asset


def fetch_once(url: str, config: Config, session: requests.Session) -> Asset:
    """GET an image over HTTP(S) with a timeout, a size cap and checked redirects, all of it
    within :data:`WHOLE_FETCH_TIMEOUTS` timeouts: a watchdog shuts the sockets the fetch uses
    at that deadline, wherever the fetch waits (a server trickling its headers, or a gzipped
    body of empty blocks that urllib3 decodes without returning)."""
    _use_checked_connections(session, config)
    limit = config.http_timeout * WHOLE_FETCH_TIMEOUTS
    sockets: list[socket.socket] = []
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        for sock in list(sockets):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # the read waiting on it returns at once

    watchdog = threading.Timer(limit, expire)
    watchdog.daemon = True
    _in_use.sockets = sockets
    watchdog.start()
    try:
        asset = _fetch_redirects(url, config, session, limit)
    finally:
        watchdog.cancel()
        _in_use.sockets = None
    if expired.is_set():  # whatever was read: a body that ends when its connection closes
        # reads as whole when the watchdog closes it (a cut JPEG passes Pillow's check). The
        # hop it reached is the server that was too slow (remembered so, by fetch)
        if asset.origin and asset.origin != url:
            return Asset(original=url, status="missing", origin=asset.origin,
                         reason=f"{_too_slow(limit)} (redirected to "
                                f"{_shortened(asset.origin)})")
        return Asset(original=url, status="missing", reason=_too_slow(limit))
    return asset


# the sockets the fetch of this thread is using, for its watchdog
_in_use = threading.local()


def _watch(sock: Any) -> None:
    watched = getattr(_in_use, "sockets", None)
    if watched is not None and sock is not None:
        watched.append(sock)


def _fetch_redirects(url: str, config: Config, session: requests.Session,
                     limit: float) -> Asset:
    """The fetch itself, redirects followed, given up "too slow" past ``limit`` seconds
    where it can tell (between reads: what a read waits on, the watchdog cuts)."""
    current = url
    deadline = time.monotonic() + limit

    def missing(reason: str, names_it: bool = False) -> Asset:
        """Missing for ``reason``; after a redirect, where it led is said (unless the reason
        ``names_it``), and recorded as the image's origin: the URL the post gives names
        another host than the one that failed."""
        if current == url:
            return Asset(original=url, status="missing", reason=reason)
        return Asset(original=url, status="missing", origin=current,
                     reason=reason if names_it else
                     f"{reason} (redirected to {_shortened(current)})")

    for _ in range(MAX_REDIRECTS + 1):
        if time.monotonic() > deadline:
            return missing(_too_slow(limit))
        try:  # a port that is no number, a bracket left open: a URL no one can fetch
            parts = urlsplit(current)
            host, port = _server_of(parts)
        except ValueError:
            parts, host, port = None, "", 0
        if parts is None or parts.scheme not in ("http", "https") or not host:
            return missing(f"unsupported URL {_shortened(current)!r}", names_it=True)
        refusal = _public_address(host, port, config) or _silence((host, port))
        if refusal:
            return missing(refusal)
        size, said = 0, None  # bytes of the body received; the length its headers said
        try:
            with session.get(current, timeout=config.http_timeout, stream=True,
                             allow_redirects=False,
                             headers={"User-Agent": config.user_agent}) as resp:
                if resp.is_redirect and resp.headers.get("location"):
                    current = joined_url(current, resp.headers["location"])
                    continue
                if resp.status_code != 200:
                    return missing(f"HTTP {resp.status_code} from {host}")
                said = resp.headers.get("content-length", "") or ""
                chunks = []
                while True:
                    if time.monotonic() > deadline:
                        return missing(_too_slow(limit))
                    # what one read of the socket gives (each within the timeout): a read of
                    # a fixed size would wait for all of it, however slowly it trickles in
                    chunk = resp.raw.read1(65536, decode_content=True)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > config.max_image_bytes:
                        return missing(f"too large: over {config.max_image_bytes} bytes")
                    chunks.append(chunk)
                return sniff(b"".join(chunks), url, current, config)
        except RefusedAddress as exc:
            return missing(str(exc))
        except (requests.ReadTimeout, urllib3.exceptions.ReadTimeoutError):
            # the host answered the connection: "unreachable" would be untrue, and the pool's
            # repr (a class of ours) says nothing to a reader of the record
            if said is not None:  # its headers came, then the body stopped
                return missing(f"stalled: {host} sent {_of(size, said)} bytes of the image, "
                               f"then nothing within {config.http_timeout:g} s")
            return missing(f"no answer: {host} took the connection and sent nothing "
                                f"within {config.http_timeout:g} s")
        except (requests.exceptions.ContentDecodingError, urllib3.exceptions.DecodeError) as exc:
            return missing(f"undecodable: the body {host} sent does not decode as its "
                           f"Content-Encoding says ({_root_cause(exc)})")
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            if said is not None:  # the connection broke while the body came
                return missing(f"cut short: the connection to {host} broke after "
                               f"{_of(size, said)} bytes of the image")
            return missing(f"unreachable: {_error_name(exc)}: {host}: {_root_cause(exc)}")
    return Asset(original=url, status="missing", reason=f"more than {MAX_REDIRECTS} redirects")


def _of(size: int, said: str) -> str:
    """``size`` bytes, and of how many when the headers said (``1200 of 5000``)."""
    return f"{size} of {said}" if said.isdigit() else str(size)


def _root_cause(exc: BaseException) -> str:
    """What a connection's failure comes down to (``[Errno 111] Connection refused``,
    ``timed out``), under the wrappers requests and urllib3 put around it (which name our
    pool's class, and the address of an object)."""
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "reason", None)
        if not isinstance(inner, BaseException):
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) \
                else exc.__cause__
        if inner is None:
            break
        exc = inner
    text = _NO_ADDRESS.sub("", str(exc))
    said = text.find("[Errno")
    if said != -1:
        return text[said:][:120]
    return (text.rsplit("): ", 1)[-1].strip() or type(exc).__name__)[:120]


# an address of a scheme no image is read from, not a file name: one with an authority
# (ftp://, weixin://), or one of those that never name a file (blob:https://…, which lives
# only in the browser tab that made it; mailto:). A drive letter (C://…) and a file: URL are
# local files; a name with another word before a colon (img:1.png) may be one
_OTHER_SCHEME = re.compile(r"(?!file:|https?:|[a-z]:)([a-z][a-z0-9+.-]*)://|"
                           r"(blob|mailto|javascript|cid|filesystem):", re.I)


def _too_slow(limit: float) -> str:
    return f"too slow: not received within {limit:g} s"


# urllib3's errors while the body is read, by the names requests gives them (which say,
# for fetch's retries, which failures may pass)
_BODY_ERRORS = {"ReadTimeoutError": "ReadTimeout", "ProtocolError": "ChunkedEncodingError",
                "DecodeError": "ContentDecodingError", "SSLError": "SSLError"}


def _error_name(exc: Exception) -> str:
    name = type(exc).__name__
    return _BODY_ERRORS.get(name, name) if isinstance(exc, urllib3.exceptions.HTTPError) \
        else name


def resource_key(url: str) -> str:
    """How a container's URL and a page's reference to it are matched: entities decoded,
    scheme and fragment dropped, host lower-cased (``http://A/x#y`` = ``//a/x``)."""
    url = html.unescape(url.strip())
    if url.startswith("cid:"):
        return url.lower()
    url = unquote(re.sub(r"^(?:https?:)?//", "", url, flags=re.I).split("#", 1)[0])
    host, _, rest = url.partition("/")
    return f"{host.lower()}/{rest}"


# WeChat's lazy loader asks for an image at its data-src with these added (``&tp=webp&wxfrom=5
# &wx_lazy=1&wx_co=1``): a browser's capture (MHTML, a Browsertrix or ArchiveWeb.page WARC)
# holds the image under that URL, the page names it without them
_LAZY_PARAMS = re.compile(r"&(?:tp|wxfrom|wx_lazy|wx_co|retryload)=[^&]*")
_WECHAT_IMAGE_HOST = re.compile(r"(?:[\w-]+\.)*(?:qpic|qlogo)\.cn")


def lazy_loaded_key(key: str) -> str | None:
    """A WeChat image's :func:`resource_key` without what the lazy loader adds to its URL
    (None for a URL of another host, or one it adds nothing to)."""
    host, _, rest = key.partition("/")
    if not _WECHAT_IMAGE_HOST.fullmatch(host) or "?" not in rest:
        return None
    path, _, query = rest.partition("?")
    loose = _LAZY_PARAMS.sub("", "&" + query)[1:]
    if loose == query:
        return None
    return f"{host}/{path}?{loose}" if loose else f"{host}/{path}"


def _keyed(table: Mapping[str, Any]) -> dict[str, Any]:
    """``table`` by :func:`resource_key`, each WeChat image also by its URL without what the
    lazy loader adds (the first URL of the container holding it wins)."""
    keyed = {resource_key(url): value for url, value in table.items()}
    for key in list(keyed):
        loose = lazy_loaded_key(key)
        if loose is not None:
            keyed.setdefault(loose, keyed[key])
    return keyed


# What the caller does before the first image of a file is asked of the network: an ingest run
# commits the posts it has gathered, so that none of them waits, unreported (and lost by a
# crash in the while), on another post's slow images. Called once, then cleared.
before_network: ContextVar[Callable[[], None] | None] = ContextVar("before_network",
                                                                   default=None)


def _going_to_the_network() -> None:
    hook = before_network.get()
    if hook is not None:
        before_network.set(None)
        hook()


def localise(refs: Iterable[ImageRef], base_dir: Path, config: Config,
             session: requests.Session | None = None,
             inputs: dict[str, str | None] | None = None,
             resources: Mapping[str, bytes] | None = None,
             base_url: str | None = None, local_files: bool = True,
             damaged: Mapping[str, str] | None = None) -> list[Asset]:
    """One :class:`Asset` per reference, in order (the same bytes may back several).

    ``local_files=False`` for a container's page (MHTML, WARC): what the container lacks is
    never looked for on disk beside it (a browser does not do that either); a relative
    reference is resolved against the page's URL and is fetched like any remote image.

    ``damaged`` names the files the container holds only in part (URL → why): such an image
    is missing with that reason, neither taken from the container nor fetched.

    ``inputs``, when given, is filled with every local file looked at (resolved path → sha256,
    or None where nothing was found), so a caller can later tell whether re-reading the post
    could give a different result without re-reading it.
    """
    inputs = {} if inputs is None else inputs
    carried = _keyed(resources or {})
    cut = _keyed({url: why for url, why in (damaged or {}).items() if url != CUT_SHORT})
    cut_short = (damaged or {}).get(CUT_SHORT)  # the container ends early: it may have held it

    def in_container(table: Mapping[str, Any], reference: str) -> Any:
        """What ``table`` holds for the image (the container's copy, or why its copy is
        damaged): by the URL as written, or resolved against the page's own URL the way the
        browser that saved it did (``../images/1.jpg``)."""
        if not table or reference.startswith("data:"):
            return None
        for candidate in (reference, *(joined_urls(base_url, reference) if base_url else ())):
            if candidate:
                key = resource_key(candidate)
                for found in (key, lazy_loaded_key(key)):
                    if found in table:
                        return table[found]
        return None

    def from_the_network(url: str) -> Asset:
        """``url`` fetched, on the session given (or made at the first fetch), once the
        caller's hook has been told the network is next."""
        nonlocal session
        if session is None:
            session = requests.Session()
        _going_to_the_network()
        return fetch(url, config, session)

    out: list[Asset] = []
    seen: dict[str, Asset] = {}
    allowed: list[Path] | None = None  # resolved when a local reference first needs them
    for ref in refs:
        original = ref.original.strip()  # recorded as written
        address = scheme_lowered(original)  # and read as the address it is: HTTP:// is http://
        if original in seen:
            out.append(seen[original])
            continue
        if not original:
            asset = Asset(original="", status="missing",
                          reason="the saved post gives this image no source")
        elif (carried_bytes := in_container(carried, address)) is not None:
            asset = sniff(carried_bytes, original, "container", config)
        elif (why := in_container(cut, address)) is not None:
            asset = Asset(original=describe_original(original), status="missing",
                          origin="container", reason=why)
        elif address.startswith("data:"):
            parts = _data_uri_parts(address)  # (the payload copied out once)
            if _data_uri_over(parts, config.max_image_bytes):  # not decoded first
                asset = Asset(original=describe_original(original), status="missing",
                              reason=f"too large: over {config.max_image_bytes} bytes")
            else:
                data = _data_uri(parts)
                asset = (sniff(data, original, "data: URI", config) if data is not None else
                         Asset(original=describe_original(original), status="missing",
                               reason="data: URI cannot be decoded"))
        elif address.startswith(("http://", "https://", "//")):
            url = "https:" + address if address.startswith("//") else address
            if not config.fetch:
                asset = Asset(original=original, status="missing",
                              reason="not fetched: network fetching is off (--no-fetch)")
            else:
                asset = from_the_network(url)
                if address != original:  # its scheme in capitals: recorded as written
                    asset = dataclasses.replace(asset, original=original)
        elif (scheme := _OTHER_SCHEME.match(original)) is not None:
            asset = Asset(original=original, status="missing", reason=(
                f"unsupported URL {_shortened(original)!r}: only http(s), data: and file: "
                f"addresses and files are read, not {(scheme[1] or scheme[2]).lower()}:"))
        elif not local_files:
            url = joined_url(base_url, address) if base_url else address
            if url.startswith(("http://", "https://")) and config.fetch:
                asset = from_the_network(url)
            else:
                asset = Asset(original=original, status="missing",
                              reason="not in the container (a container's page is never "
                                     "completed from local files)")
        else:
            if allowed is None:
                allowed = _allowed_roots(base_dir, config)
            asset = _local(ImageRef(original=original), base_dir, config, inputs, allowed)
        if not local_files and asset.status == "missing" and asset.origin != "container" \
                and original and not address.startswith("data:"):
            # only what the container could have held: not an image with no source, nor a
            # data: URI the page itself carries. Said first, then why it was not fetched
            # either: "not fetched" alone left open whether the saved file held it
            absent = "not in the container" + (f", which is {cut_short}" if cut_short else "")
            reason = asset.reason or ""
            asset = dataclasses.replace(asset, reason=absent + reason.removeprefix(
                "not in the container") if reason.startswith("not in the container")
                else f"{absent}; {reason}")
        seen[original] = asset
        out.append(asset)
    return out
