"""Reader for a bare ``#js_content`` HTML fragment: the body only, no page around it.

Such files carry no title, account or date. When the file has a generic name (``source.html``,
``index.html``) inside a folder named after the post, the folder name is offered as the title,
and a date in it as the publication date; both are recorded as derived from the path.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from archiver.errors import MalformedInput
from archiver.model import RawPost, Sourced
from archiver.readers._charset import Declared
from archiver.readers._paths import title_from_path
from archiver.readers._text import decode

FORMAT = "html-fragment"


# WeChat's image host and the attributes its editor writes on body elements
_MARKERS = (b"mmbiz", b"wx_fmt", b"data-src", b"data-ratio", b"rich_media", b"js_content",
            b"data-tools", b"data-role", b"mp.weixin.qq.com")


def detect(path: Path, head: bytes) -> bool:
    if path.suffix.lower() not in (".html", ".htm", ".xhtml"):
        return False
    lowered = head.removeprefix(codecs.BOM_UTF8).lstrip()[:2048].lower()
    if not lowered.startswith(b"<") or b"<html" in lowered or b"<head" in lowered:
        return False
    return any(marker in head for marker in _MARKERS)


def read(path: Path, data: bytes | None = None) -> RawPost:
    data = path.read_bytes() if data is None else data
    cut = _cut_short(data)
    if cut:
        raise MalformedInput(f"the fragment {cut}: it was cut short", path=path,
                             hint="an interrupted save or copy? save the post again")
    return read_page(data, path)


# the elements a fragment's editor always closes, which an end of file inside them leaves open
_CLOSED_ELEMENTS = (b"div", b"section")


def _cut_short(data: bytes) -> str | None:
    """How a saved fragment shows it was cut short, or None. A whole fragment ends with the
    end of an element (``</p>``, ``</section>``): a copy stopped inside its text or a tag ends
    with neither, and one stopped between two elements leaves a ``<div>`` or ``<section>``
    open. (A cut between two elements that closes every one is a shorter fragment: nothing
    tells it from a whole one.)"""
    if not data.rstrip().endswith(b">"):
        return "stops inside its text or a tag"
    lowered = data.lower()
    for name in _CLOSED_ELEMENTS:
        opened = len(re.findall(rb"<" + name + rb"[\s>/]", lowered))
        if opened > lowered.count(b"</" + name):
            return f"leaves a <{name.decode()}> open"
    return None


def read_page(data: bytes, path: Path, charset: str | Declared | None = None) -> RawPost:
    """A fragment from its bytes (a file, or a part of a container)."""
    text = decode(data, path, charset)
    fields: dict[str, Sourced] = {}
    fields.update(title_from_path(path))
    return RawPost(path=path, format=FORMAT, kind="article", data=data,
                   body_html=f"<div>{text}</div>", fields=fields, base_dir=path.parent)
