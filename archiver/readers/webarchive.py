"""Safari's Web Archive (``.webarchive``): a page saved with Safari's "Save As… Web Archive"
(its default format on macOS, and on iOS and iPadOS since 13), or by WebKit's API.

The file is a property list (binary, ``bplist00``; an XML one after ``plutil -convert
xml1``): ``WebMainResource`` holds the page as the server sent it (``WebResourceData``, its
``WebResourceURL``, ``WebResourceMIMEType`` and ``WebResourceTextEncodingName``), and
``WebSubresources`` every resource the browser had loaded (images among them), each with the
URL the page asked for it by; an iframe's page and resources are a nested archive in
``WebSubframeArchives``. The standard library reads it (``plistlib``: its XML reader refuses
entity declarations, so no entity expands). The page goes through the WeChat page reader and
the resources travel with it, so that images are taken from the file, never fetched; their
URLs are only lookup keys, so nothing in a Web Archive chooses where anything is written.

A binary property list keeps its index at its end: a file cut short cannot be read at all,
and is refused as such, naming the file.
"""

from __future__ import annotations

import plistlib
import xml.parsers.expat
from collections import deque
from pathlib import Path
from typing import Any

from archiver.background import beside
from archiver.canonical import sha512_hex
from archiver.errors import MalformedInput
from archiver.model import RawPost
from archiver.readers._charset import Declared
from archiver.readers._contained import held, page_or_fragment

FORMAT = "webarchive"
SUFFIX = ".webarchive"
MAX_FRAMES = 8  # iframes inside iframes: a saved page has one or two levels
_BINARY = b"bplist00"
_MAIN = b"WebMainResource"
_XML_MAIN = b"<key>WebMainResource</key>"
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HINT = "save the page again with Safari's File > Save As… > Web Archive"


def detect(path: Path, head: bytes) -> bool:
    """A file named ``.webarchive``; or, whatever its name, a binary property list, or an XML
    one, whose first KB name its main resource (binary property lists write the top-level
    keys first)."""
    if path.suffix.lower() == SUFFIX:
        return True
    if head.startswith(_BINARY):
        return _MAIN in head[:4096]
    return _XML_MAIN in head[:4096] and b"<plist" in head[:4096]


def _archive(data: bytes, path: Path) -> dict[str, Any]:
    """The property list, checked to be a Web Archive: a dictionary whose main resource is a
    dictionary holding the page's bytes."""
    if not data.startswith(_BINARY) and b"<plist" not in data[:4096]:
        raise MalformedInput("named .webarchive, but not a Web Archive (a Web Archive is a "
                             "property list: it opens with bplist00 or an XML <plist>)",
                             path=path, hint=_HINT)
    try:
        archive = plistlib.loads(data)
    except (plistlib.InvalidFileException, xml.parsers.expat.ExpatError, ValueError,
            TypeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
        why = str(exc) or type(exc).__name__
        raise MalformedInput(f"not a readable Web Archive ({why}): a damaged file, or one cut "
                             "short (a binary property list keeps its index at its end: an "
                             "interrupted save or copy loses all of it)", path=path,
                             hint=_HINT) from None
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict) or not isinstance(main.get("WebResourceData"), bytes):
        raise MalformedInput("a property list, but not a Web Archive: it has no "
                             "WebMainResource holding a page", path=path, hint=_HINT)
    return archive


def _text(resource: dict[str, Any], key: str) -> str:
    value = resource.get(key)
    return value.strip() if isinstance(value, str) else ""


def _resources(archive: dict[str, Any]) -> dict[str, bytes]:
    """Every subresource of ``archive`` and of the archives of its frames, by URL (the first
    of a URL wins, as a browser loads it once); a frame's page is a resource too. Each archive
    is read once however often it is referred to (a property list may refer to one object
    from many places, and to an object holding itself), frames down to :data:`MAX_FRAMES`."""
    found: dict[str, bytes] = {}
    seen: set[int] = set()

    def take(resource: object) -> None:
        if isinstance(resource, dict):
            url, data = _text(resource, "WebResourceURL"), resource.get("WebResourceData")
            if url and isinstance(data, bytes):
                found.setdefault(url, data)

    waiting: deque[tuple[dict[str, Any], int]] = deque([(archive, 0)])
    while waiting:
        frame, depth = waiting.popleft()
        if id(frame) in seen:
            continue
        seen.add(id(frame))
        if depth:
            take(frame.get("WebMainResource"))
        subresources = frame.get("WebSubresources")
        for resource in subresources if isinstance(subresources, list) else []:
            take(resource)
        frames = frame.get("WebSubframeArchives")
        if depth < MAX_FRAMES and isinstance(frames, list):
            waiting.extend((f, depth + 1) for f in frames if isinstance(f, dict))
    return found


def read(path: Path, data: bytes | None = None) -> RawPost:
    data = path.read_bytes() if data is None else data
    digest = beside(len(data), sha512_hex, data)  # on a second core while the page is read
    archive = _archive(data, path)
    main = archive["WebMainResource"]
    mime = _text(main, "WebResourceMIMEType").lower() or "text/html"
    if mime not in _PAGE_TYPES:
        raise MalformedInput(f"the Web Archive holds no page: its main resource is {mime}",
                             path=path, hint="is this a saved WeChat article page?")
    location = _text(main, "WebResourceURL")
    resources = _resources(archive)
    resources.pop(location, None)  # the page itself is no image
    label = _text(main, "WebResourceTextEncodingName")
    raw = page_or_fragment(main["WebResourceData"], path, label and Declared(
        label, "the Web Archive's WebResourceTextEncodingName"))
    container = {"format": FORMAT, "page": location or None, "parts": len(resources)}
    return held(raw, path, data, container, "Web Archive WebResourceURL",
                f"main resource of a Web Archive ({len(resources)} resources)", resources,
                sha512=digest)
