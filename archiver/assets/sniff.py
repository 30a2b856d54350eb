"""What an image's bytes are (the type always from the bytes, with Pillow, never from a name
or a URL; a non-image, a decompression bomb or a file cut short refused), and how a record
names where an image came from."""

from __future__ import annotations

import hashlib
import io
import re
import warnings

from PIL import Image, UnidentifiedImageError

from archiver.config import Config
from archiver.model import Asset
from archiver.urls import scheme_lowered

# Pillow names the buffer it read ("<_io.BytesIO object at 0x7f…>"): an address that
# changes from run to run has no place in a record
NO_ADDRESS = re.compile(r" ?<[\w.]+ object at 0x[0-9a-fA-F]+>")

# (MPO: a JPEG whose header lists the pictures after it, as phones write them; Pillow names it
# so, browsers show its first picture as any JPEG)
_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "MPO": ("image/jpeg", "jpg"),
            "PNG": ("image/png", "png"), "GIF": ("image/gif", "gif"),
            "WEBP": ("image/webp", "webp"), "AVIF": ("image/avif", "avif"),
            "BMP": ("image/bmp", "bmp"),
            "TIFF": ("image/tiff", "tif"),
            "ICO": ("image/x-icon", "ico")}


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
            said = NO_ADDRESS.sub('', str(exc))[:80]
            if "truncated" in said.lower():  # read past the end: a PNG's chunks, a header
                return Asset(original=described, status="missing", origin=origin,
                             reason=_cut_short_reason(_cut_short(fmt, data) or
                                                      f"the {fmt or 'image'} ends early", data))
            return Asset(original=described, status="missing", origin=origin,
                         reason="not an image: " + (
                             f"the {fmt} cannot be read ({said})" if fmt else _begins(data)))
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


# the first bytes of the formats Pillow reads here, to say which one a broken file claims
_SIGNATURES = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF8", "GIF"),
               (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))


def _begins(data: bytes) -> str:
    """What bytes no image reader accepts are, said for a person: a broken image of the
    format its first bytes claim, a page (a server's error page served as an image is the
    common case), text, or bytes shown in hex."""
    claimed = next((name for sig, name in _SIGNATURES if data.startswith(sig)), None)
    if claimed is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        claimed = "WebP"
    if claimed:
        return f"it begins as a {claimed} does, but no {claimed} can be read from it"
    head = data[:512].lstrip()
    lowered = head[:256].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<head" in lowered:
        return "an HTML page"
    text = _as_text(head[:160])
    if text:
        return f"text, beginning {text[:40]!r}" + ("…" if len(text) > 40 else "")
    return ("bytes that no image format begins with: " + data[:8].hex(" ")
            + (" …" if len(data) > 8 else ""))


def _as_text(head: bytes) -> str:
    """``head`` as one line of UTF-8 text ("404 page not found\\n", an XML error, a Chinese
    message), its last character perhaps cut by the slice; "" where it is no text."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as bad:
        if bad.start < len(head) - 3:  # a byte no UTF-8 text has, not a character cut short
            return ""
        text = head[:bad.start].decode("utf-8")
    line = " ".join(text.split())
    return line if line and line.isprintable() else ""


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


def shortened(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"
