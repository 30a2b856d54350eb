"""Turn body HTML into structured blocks, plain text, image references and links.

The walk follows how a browser lays text out: inline content accumulates into the current
block; a block-level element or ``<br>`` ends a line; an ``<img>`` becomes an image block at its
place. Whitespace collapses as in CSS, and a line break between two CJK characters disappears
(CSS Text 3 segment-break rule), so wrapped Chinese text in Markdown exports reads as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    if text.isprintable():  # no line break, tab, no-break or zero-width space: the usual text
        return text if "  " not in text else _SPACES.sub(" ", text)  # 50 ns a character
    if not text.isascii():  # zero-width characters and CJK are not ASCII: skip both otherwise
        text = _ZERO_WIDTH.sub("", text)
        if "\n" in text:
            text = _CJK_BREAK.sub("", text)
    return _SPACES.sub(" ", text)


@dataclass
class _Walk:
    blocks: list[Block] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # enclosing quote/list/code/caption
    # this walk's links not yet in a block, each its target and its text: the next text
    # block made holds them (a link opening a paragraph is met before its text); an image
    # block drops them (a linked figure)
    pending: list[tuple[str, str]] = field(default_factory=list)
    # icons met inside a line of text (an emoji drawn as a 20-pixel picture): their image
    # blocks follow the line's block, which they would otherwise cut in two
    icons: list[Block] = field(default_factory=list)

    def flush(self, block_type: str | None = None, level: int | None = None) -> None:
        if not self.buf:  # most block boundaries follow another
            self._icons_after()
            return
        self._flush(block_type, level)
        self._icons_after()

    def _icons_after(self) -> None:
        if self.icons:
            self.blocks.extend(self.icons)
            self.icons.clear()

    def _flush(self, block_type: str | None, level: int | None) -> None:
        raw = "".join(self.buf)
        self.buf.clear()
        if block_type is None:
            block_type = self._context_type()
        if block_type == "code":  # keep indentation; drop only trailing space and edge blank lines
            text = "\n".join(line.rstrip() for line in raw.split("\n")).strip("\n")
        elif "\n" not in raw:  # the usual block: one line
            text = raw.strip()
        else:
            lines = [line.strip() for line in raw.split("\n")]
            text = "\n".join(line for line in lines if line)
        if not text.strip():
            return
        self.blocks.append(Block(type=block_type, text=text, level=level,
                                 links=self.take_links()))

    def take_links(self) -> tuple[tuple[int | None, str, str], ...]:
        """The links met since the last block, for the block made now (in no list item: a
        list gives its items' links their numbers)."""
        if not self.pending:
            return ()
        links = tuple((None, href, text) for href, text in self.pending)
        self.pending.clear()
        return links

    def _context_type(self) -> str:
        if not self.context:
            return "paragraph"
        for ctx in reversed(self.context):
            if ctx in ("quote", "code", "caption", "table"):
                return ctx
        return "paragraph"


def _image_source(img: etree._Element) -> str:
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


def _text(text: str | None, walk: _Walk) -> None:
    if text:
        walk.buf.append(text if "code" in walk.context else normalise_inline(text))


def _too_deep() -> MalformedInput:
    return MalformedInput(f"HTML nested more than {MAX_DEPTH} elements deep: the body cannot "
                          "be read whole")


def _check_depth(node: etree._Element, depth: int) -> None:
    """Refuse a subtree the walk skips (a script, a row's stray child) that nests too deep:
    what is refused must not depend on what the walk happens to read."""
    stack = [(node, depth)]
    while stack:
        element, at = stack.pop()
        if at > MAX_DEPTH:
            raise _too_deep()
        stack.extend((c, at + 1) for c in element if isinstance(c.tag, str))


# widest an image drawn inside a line of text may be and still be an icon, in CSS pixels
ICON_MAX_WIDTH = 40
_CSS_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)px", re.I)


def _an_icon_in_a_line(img: etree._Element, walk: _Walk) -> bool:
    """Whether ``img`` is an icon inside a line of text: text of the line comes before it,
    and the page draws it at most :data:`ICON_MAX_WIDTH` pixels wide (its ``width``, the
    editor's ``_width`` or ``data-w``, or its style's). A picture of its own, or one whose
    width is not given, ends the line as ever."""
    if not "".join(walk.buf).strip():
        return False
    style = _CSS_WIDTH.search(img.get("style") or "")
    for given in (img.get("width"), img.get("_width"), style and style.group(1),
                  img.get("data-w")):
        try:
            width = float(str(given).strip().removesuffix("px")) if given else None
        except ValueError:
            width = None
        if width is not None:
            return width <= ICON_MAX_WIDTH
    return False


def _unlink_figure(img: etree._Element, walk: _Walk) -> None:
    """A link around an image alone (a figure linked to its paper, a logo to its site) is no
    link of the text before the image, which the image's flush would give it; one around
    text too ("Full text <img>") is the text's."""
    parent = img.getparent()
    while parent is not None and isinstance(parent.tag, str) \
            and parent.tag.lower() not in BLOCK_TAGS:
        href = parent.get("href") if parent.tag.lower() == "a" else None
        if href and any(target == href for target, _ in walk.pending):
            if not "".join(parent.itertext()).strip():
                walk.pending = [link for link in walk.pending if link[0] != href]
            return
        parent = parent.getparent()


def _link_text(anchor: etree._Element) -> str:
    """A link's text as a reader sees it: white space collapsed, no segment break between
    CJK characters (a script or style inside a link, which no page puts there, is read too)."""
    return normalise_inline("".join(anchor.itertext())).strip()


def _walk(node: etree._Element, walk: _Walk, depth: int = 0) -> None:
    """Lay out ``node``'s content (its text and children, each followed by its tail)."""
    if depth > MAX_DEPTH:
        raise _too_deep()
    _text(node.text, walk)
    for child in node:
        _element(child, walk, depth + 1)
        _text(child.tail, walk)


def _element(child: etree._Element, walk: _Walk, depth: int) -> None:
    name = child.tag
    if not isinstance(name, str):  # a comment or processing instruction: never text
        return
    if depth > MAX_DEPTH:
        raise _too_deep()
    name = name.lower()
    if name in selectors.DROP_TAGS:
        if len(child):
            _check_depth(child, depth)
        return
    if name == "br":
        walk.buf.append("\n")
        return
    if name == "img":
        _unlink_figure(child, walk)
        icon = _an_icon_in_a_line(child, walk)
        if not icon:
            walk.flush()
        alt = child.get("alt") or ""
        walk.images.append(ImageRef(original=_image_source(child), alt=alt,
                                    width_hint=_int(child.get("width") or child.get("data-w")),
                                    height_hint=_int(child.get("height"))))
        block = Block(type="image", image=len(walk.images) - 1, text=alt.strip())
        if icon:
            walk.icons.append(block)
        else:
            walk.blocks.append(block)
            walk.pending.clear()
        return
    if name == "a" and child.get("href"):
        walk.links.append(child.get("href"))
        walk.pending.append((child.get("href"), _link_text(child)))
    if name not in BLOCK_TAGS:
        _walk(child, walk, depth)
        return
    walk.flush()
    if name in HEADINGS:
        _walk(child, walk, depth)
        walk.flush("heading", HEADINGS[name])
    elif name in ("ul", "ol"):
        _list(child, walk, depth)
    elif name == "tr":
        _row(child, walk, depth)
    elif name in _CONTEXTS:
        start = len(walk.blocks)
        walk.context.append(_CONTEXTS[name])
        _walk(child, walk, depth)
        walk.flush()
        walk.context.pop()
        if name == "blockquote":
            _one_quotation(walk.blocks, start)
    else:
        _walk(child, walk, depth)
        walk.flush()


_CONTEXTS = {"blockquote": "quote", "pre": "code", "figcaption": "caption", "caption": "caption"}


def _one_quotation(blocks: list[Block], start: int) -> None:
    """The paragraphs of one ``<blockquote>`` (from ``blocks[start]`` on) as one quote block,
    a line each, as a reader sees one quotation; a list, a heading or an image inside it
    stands between two such runs, as before."""
    at = start
    while at < len(blocks):
        end = at
        while end < len(blocks) and blocks[end].type == "quote":
            end += 1
        if end - at > 1:
            run = blocks[at:end]
            blocks[at:end] = [Block(type="quote", text="\n".join(b.text for b in run),
                                    links=tuple(link for b in run for link in b.links))]
        at += 1


def _split(node: etree._Element, names: tuple[str, ...]
           ) -> tuple[list[etree._Element], list[etree._Element]]:
    """The child elements named ``names`` (a row's cells, a list's items), and the others."""
    named: list[etree._Element] = []
    others: list[etree._Element] = []
    for child in node:
        if isinstance(child.tag, str):
            (named if child.tag.lower() in names else others).append(child)
    return named, others


def _row(node: etree._Element, walk: _Walk, depth: int) -> None:
    """A table row becomes one block, its cells' text joined by tabs; images follow it."""
    cells: list[str] = []
    images: list[Block] = []
    links: list[tuple[int | None, str, str]] = []
    row, others = _split(node, ("td", "th"))
    for other in others:  # not read, but not let through if nested too deep either
        _check_depth(other, depth + 1)
    for cell in row:
        inner = _Walk(images=walk.images, links=walk.links, context=walk.context + ["table"])
        _walk(cell, inner, depth + 1)
        inner.flush()
        cells.append(" ".join(b.text.replace("\n", " ") for b in inner.blocks
                              if b.type != "image"))
        images.extend(b for b in inner.blocks if b.type == "image")
        links.extend((None, href, text) for b in inner.blocks for _, href, text in b.links)
    if any(cells):
        walk.blocks.append(Block(type="table", text="\t".join(cells), links=tuple(links)))
    walk.blocks.extend(images)


def _start(node: etree._Element) -> int:
    """The number an ordered list's first item shows: its ``start`` attribute (a whole
    number, as a browser reads it), else 1."""
    try:
        return int((node.get("start") or "1").strip())
    except ValueError:
        return 1


def _list(node: etree._Element, walk: _Walk, depth: int) -> None:
    """A list becomes one block with its items; images inside items still become blocks.

    An ``<ol>``'s block is ``ordered``, with the number of its first item: a reader sees the
    numbers (the post may refer to "step 3"), but they are drawn by the browser and are in no
    item's text. A list an image interrupts goes on numbering in its next block."""
    items: list[str] = []
    links: list[tuple[int | None, str, str]] = []  # (the item of this block, target, text)
    ordered = node.tag.lower() == "ol"
    start = _start(node) if ordered else 1

    def block() -> Block:
        return Block(type="list", items=tuple(items), text="\n".join(items), ordered=ordered,
                     start=start, links=tuple(links))

    lis, others = _split(node, ("li",))
    if lis:  # without items the list's own content is read, others included
        for other in others:
            _check_depth(other, depth + 1)
    for li in lis or [node]:
        inner = _Walk(images=walk.images, links=walk.links, context=walk.context + ["list"])
        _walk(li, inner, depth + (li is not node))
        inner.flush()
        texts = [b.text for b in inner.blocks if b.type != "image" and b.text]
        if texts:  # an item's paragraphs are lines of it, as a reader sees them
            links.extend((len(items), href, text) for b in inner.blocks
                         for _, href, text in b.links)
            items.append("\n".join(texts))
        if any(b.type == "image" for b in inner.blocks):
            if items:
                walk.blocks.append(block())
                start += len(items)
                items = []
                links = []
            walk.blocks.extend(b for b in inner.blocks if b.type == "image")
    if items:
        walk.blocks.append(block())


def parse_body(body: str | etree._Element) -> tuple[list[Block], list[ImageRef], list[str]]:
    """The body, as markup or as the element a reader parsed → (blocks, image references in
    document order, link targets). HTML nested deeper than :data:`MAX_DEPTH` is malformed
    input, never a crash or a silent cut."""
    walk = _Walk()
    if not isinstance(body, str):
        _element(body, walk, 1)  # the element itself, as a parse of its markup gives it
        walk.flush()
        return walk.blocks, walk.images, walk.links
    if not body.strip():
        return [], [], []
    try:
        # without lxml's default limits, which silently drop an attribute over 10 MB (a
        # SingleFile page's inlined image); nesting is limited by the walk instead. A parser
        # is not safe to share between threads: one per call.
        try:
            doc = etree.fromstring(body, etree.HTMLParser(huge_tree=True))
        except ValueError:  # lxml takes no str that opens with an XML declaration: bytes then
            doc = etree.fromstring(body.encode("utf-8", "surrogatepass"),
                                   etree.HTMLParser(encoding="utf-8", huge_tree=True))
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInput(f"cannot parse the body HTML: {exc}") from None
    if doc is None:
        return [], [], []
    root = doc.find("body")
    _walk(doc if root is None else root, walk)
    walk.flush()
    return walk.blocks, walk.images, walk.links


def blocks_text(blocks: list[Block] | tuple[Block, ...]) -> str:
    """The clean plain text: one block per paragraph, images left out."""
    return "\n\n".join(b.text for b in blocks if b.type != "image" and b.text)
