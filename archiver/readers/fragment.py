"""Reader for a bare ``#js_content`` HTML fragment: the body only, no page around it.

Such files carry no title, account or date. When the file has a generic name (``source.html``,
``index.html``) inside a folder named after the post, the folder name is offered as the title,
and a date in it as the publication date; both are recorded as derived from the path.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
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
    text = decode(data, path)
    cut = _cut_short(text)
    if cut:
        raise MalformedInput(f"the fragment {cut}: it was cut short", path=path,
                             hint="an interrupted save or copy? save the post again")
    return _post(data, text, path)


# the elements a fragment's editor always closes, which an end of file inside them leaves open
_CLOSED_ELEMENTS = frozenset({"div", "section"})
# what may follow a whole fragment's last tag: white space, written or as an entity
_TRAILING_SPACE = re.compile(r"(?:\s|&nbsp;|&#160;|&#[xX]a0;)+\Z")


class _Elements(HTMLParser):
    """The :data:`_CLOSED_ELEMENTS` left open by the markup fed so far; what it could not
    read to its end (a tag, a comment, a script's text the end of the file stops in) is left
    in ``rawdata``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _CLOSED_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]


def _cut_short(text: str) -> str | None:
    """How a saved fragment shows it was cut short, or None. A whole fragment ends with the
    end of an element (``</p>``, ``</section>``, a comment), white space after it: a copy
    stopped inside its text or a tag ends with neither, one stopped inside a comment, an
    attribute or a script leaves it unread to its end, and one stopped between two elements
    leaves a ``<div>`` or ``<section>`` open. (A cut between two elements that closes every
    one is a shorter fragment: nothing tells it from a whole one.) Read as markup, as a
    browser tokenises it: a ``<div>`` in a comment, a script or an attribute opens none."""
    if not _TRAILING_SPACE.sub("", text).endswith(">"):
        return "stops inside its text or a tag"
    elements = _Elements()
    elements.feed(text)
    if elements.rawdata.strip():
        return "stops inside a tag, a comment or a script"
    if elements.open:
        return f"leaves a <{elements.open[-1]}> open"
    return None


def read_page(data: bytes, path: Path, charset: str | Declared | None = None) -> RawPost:
    """A fragment from its bytes (a file, or a part of a container)."""
    return _post(data, decode(data, path, charset), path)


def _post(data: bytes, text: str, path: Path) -> RawPost:
    fields: dict[str, Sourced] = {}
    fields.update(title_from_path(path))
    return RawPost(path=path, format=FORMAT, kind="article", data=data,
                   body_html=f"<div>{text}</div>", fields=fields, base_dir=path.parent)
