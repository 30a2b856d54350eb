"""Turn body HTML into structured blocks, plain text, image references and links.

The walk follows how a browser lays text out: inline content accumulates into the current
block; a block-level element or ``<br>`` ends a line; an ``<img>`` becomes an image block at its
place. Whitespace collapses as in CSS, and a line break between two CJK characters disappears
(CSS Text 3 segment-break rule), so wrapped Chinese text in Markdown exports reads as written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.builder import LXMLTreeBuilder
from lxml import etree

from archiver.clean import selectors
from archiver.errors import MalformedInput
from archiver.model import Block, ImageRef

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
    "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "hr", "center", "address",
    "figcaption", "details", "summary", "fieldset", "form", "body", "html", "caption",
})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
MAX_DEPTH = 255  # elements inside elements; the walk below recurses once per level

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+".replace("\\u3000", ""))


def normalise_inline(text: str) -> str:
    """Collapse whitespace like a browser; drop segment breaks between CJK characters."""
    text = _ZERO_WIDTH.sub("", text)
    text = _CJK_BREAK.sub("", text)
    return _SPACES.sub(" ", text)


@dataclass
class _Walk:
    blocks: list[Block] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # enclosing quote/list/code/caption

    def flush(self, block_type: str | None = None, level: int | None = None) -> None:
        raw = "".join(self.buf)
        self.buf.clear()
        if block_type is None:
            block_type = self._context_type()
        if block_type == "code":  # keep indentation; drop only trailing space and edge blank lines
            text = "\n".join(line.rstrip() for line in raw.split("\n")).strip("\n")
        else:
            lines = [line.strip() for line in raw.split("\n")]
            text = "\n".join(line for line in lines if line)
        if not text.strip():
            return
        self.blocks.append(Block(type=block_type, text=text, level=level))

    def _context_type(self) -> str:
        for ctx in reversed(self.context):
            if ctx in ("quote", "code", "caption", "table"):
                return ctx
        return "paragraph"


def _image_source(img: Tag) -> str:
    """Pick the attribute that holds the real image.

    WeChat lazy-loads: ``data-src`` holds the CDN URL and ``src`` a placeholder, or nothing.
    Saved pages rewrite ``src`` to a local file or a ``data:`` URI, which then wins.
    """
    src = (img.get("src") or "").strip()
    lazy = (img.get("data-src") or img.get("data-original") or "").strip()
    if src and (src.startswith("data:image/") and not src.startswith("data:image/svg")
                and len(src) > 200):
        return src
    if src and not src.startswith(("http://", "https://", "//", "data:")):
        return src  # a local path
    return lazy or src


def _int(value: object) -> int | None:
    try:
        return int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return None


def _walk(node: Tag, walk: _Walk) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if "code" in walk.context:
                walk.buf.append(str(child))
            else:
                walk.buf.append(normalise_inline(str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower() if child.name else ""
        if name in selectors.DROP_TAGS:
            continue
        if name == "br":
            walk.buf.append("\n")
            continue
        if name == "img":
            walk.flush()
            walk.images.append(ImageRef(original=_image_source(child), alt=child.get("alt", ""),
                                        width_hint=_int(child.get("width") or child.get("data-w")),
                                        height_hint=_int(child.get("height"))))
            walk.blocks.append(Block(type="image", image=len(walk.images) - 1,
                                     text=(child.get("alt") or "").strip()))
            continue
        if name == "a" and child.get("href"):
            walk.links.append(child["href"])
        if name not in BLOCK_TAGS:
            _walk(child, walk)
            continue
        walk.flush()
        if name in HEADINGS:
            _walk(child, walk)
            walk.flush("heading", HEADINGS[name])
        elif name in ("ul", "ol"):
            _list(child, walk)
        elif name == "blockquote":
            walk.context.append("quote")
            _walk(child, walk)
            walk.flush()
            walk.context.pop()
        elif name == "pre":
            walk.context.append("code")
            _walk(child, walk)
            walk.flush()
            walk.context.pop()
        elif name in ("figcaption", "caption"):
            walk.context.append("caption")
            _walk(child, walk)
            walk.flush()
            walk.context.pop()
        elif name == "tr":
            _row(child, walk)
        else:
            _walk(child, walk)
            walk.flush()


def _row(node: Tag, walk: _Walk) -> None:
    """A table row becomes one block, its cells' text joined by tabs; images follow it."""
    cells: list[str] = []
    images: list[Block] = []
    for cell in node.find_all(["td", "th"], recursive=False):
        inner = _Walk(images=walk.images, links=walk.links, context=walk.context + ["table"])
        _walk(cell, inner)
        inner.flush()
        cells.append(" ".join(b.text.replace("\n", " ") for b in inner.blocks
                              if b.type != "image"))
        images.extend(b for b in inner.blocks if b.type == "image")
    if any(cells):
        walk.blocks.append(Block(type="table", text="\t".join(cells)))
    walk.blocks.extend(images)


def _list(node: Tag, walk: _Walk) -> None:
    """A list becomes one block with its items; images inside items still become blocks."""
    items: list[str] = []
    for li in node.find_all("li", recursive=False) or [node]:
        inner = _Walk(images=walk.images, links=walk.links, context=walk.context + ["list"])
        _walk(li, inner)
        inner.flush()
        texts = [b.text for b in inner.blocks if b.type != "image" and b.text]
        if texts:
            items.append(" ".join(texts))
        if any(b.type == "image" for b in inner.blocks):
            if items:
                walk.blocks.append(Block(type="list", items=tuple(items), text="\n".join(items)))
                items = []
            walk.blocks.extend(b for b in inner.blocks if b.type == "image")
    if items:
        walk.blocks.append(Block(type="list", items=tuple(items), text="\n".join(items)))


def _deeper_than(root: Tag, limit: int) -> bool:
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tag))
    return False


def parse_body(body_html: str) -> tuple[list[Block], list[ImageRef], list[str]]:
    """Body HTML → (blocks, image references in document order, link targets). HTML nested
    deeper than :data:`MAX_DEPTH` is malformed input, never a crash or a silent cut."""
    # lxml without its default limits, which silently drop an attribute over 10 MB (a
    # SingleFile page's inlined image); nesting is limited here instead
    builder = LXMLTreeBuilder(parser=functools.partial(etree.HTMLParser, huge_tree=True))
    builder.huge_tree = True  # beautifulsoup4 >= 4.13 passes its own setting to the parser
    soup = BeautifulSoup(body_html, builder=builder)
    root = soup.body or soup
    if _deeper_than(root, MAX_DEPTH):
        raise MalformedInput(f"HTML nested more than {MAX_DEPTH} elements deep: the body "
                             "cannot be read whole")
    walk = _Walk()
    _walk(root, walk)
    walk.flush()
    return walk.blocks, walk.images, walk.links


def blocks_text(blocks: list[Block] | tuple[Block, ...]) -> str:
    """The clean plain text: one block per paragraph, images left out."""
    return "\n\n".join(b.text for b in blocks if b.type != "image" and b.text)
