"""Turn body HTML into structured blocks, plain text, image references and links.

The walk follows how a browser lays text out: inline content accumulates into the current
block; a block-level element or ``<br>`` ends a line; an ``<img>`` becomes an image block at its
place. Whitespace collapses as in CSS, and a line break between two CJK characters disappears
(CSS Text 3 segment-break rule), so wrapped Chinese text in Markdown exports reads as written.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree

from archiver.clean import selectors
from archiver.errors import MalformedInput
from archiver.model import Block, ImageRef
from archiver.urls import scheme_lowered

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
# a line break between two CJK characters, with the white space around it a browser collapses
# (a no-break, an em or an ideographic space after it is a character it shows)
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t\n\r\f\v]*(?=[{_CJK}])")
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


Link = tuple[int | None, str, str, int, int]  # (list item or None, target, text, start, end)


@dataclass(eq=False)  # (each link is itself: two to one address may start at one place)
class _Anchor:
    """A link being walked: its target, and where it starts in the walk's buffer (0 once a
    block boundary has cut it: each part of it is a link of the block that holds the part)."""

    href: str
    start: int


@dataclass
class _Walk:
    blocks: list[Block] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)
    length: int = 0  # characters in buf
    line_has_text: bool = False  # the buffer's last line holds more than white space
    held: list[str] = field(default_factory=list)  # white space after CJK text, kept back
    context: list[str] = field(default_factory=list)  # enclosing quote/list/code/caption
    # the links being walked, and those ended, in this buffer: (start, end, target), its
    # characters from start to end, which the next block made from it holds
    open: list[_Anchor] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    # icons met inside a line of text (an emoji drawn as a 20-pixel picture): their image
    # blocks follow the line's block, which they would otherwise cut in two; ``icon_images``
    # (shared by the walks of one body) are their images' numbers, which a list or a
    # quotation they are in is not cut at either
    icons: list[Block] = field(default_factory=list)
    icon_images: set[int] = field(default_factory=set)
    rows: int = 0  # the rows of the table being walked given a block so far

    def inner(self, context: str) -> _Walk:
        """A walk of a part read on its own (a list item, a table cell), inside this one: the
        same images and links, and the links open here go on in it."""
        return _Walk(images=self.images, links=self.links, icon_images=self.icon_images,
                     context=[*self.context, context],
                     open=[_Anchor(anchor.href, 0) for anchor in self.open])

    def add(self, text: str) -> None:
        self.buf.append(text)
        self.length += len(text)
        if "\n" in text:
            self.line_has_text = bool(text.rpartition("\n")[2].strip())
        elif text and not self.line_has_text:
            self.line_has_text = not text.isspace()

    def flush(self, block_type: str | None = None, level: int | None = None) -> None:
        if self.buf:  # (most block boundaries follow another)
            for anchor in self.open:  # a link a block boundary cuts: this block holds a part
                self.spans.append((anchor.start, self.length, anchor.href))
            self._flush(block_type, level)
            self.buf.clear()
            self.length = 0
            self.line_has_text = False
        for anchor in self.open:
            anchor.start = 0
        self.spans.clear()  # (with no text, those of links that covered none)
        self.held.clear()
        if self.icons:
            self.blocks.extend(self.icons)
            self.icons.clear()

    def _flush(self, block_type: str | None, level: int | None) -> None:
        raw = "".join(self.buf)
        if block_type is None:
            block_type = self._context_type()
        code = block_type == "code"
        text = _laid_out(raw, code)
        if not text.strip():
            return
        links: tuple[Link, ...] = ()
        if self.spans:  # (most blocks have no link)
            place = _places(raw, code)
            links = tuple(link for begin, end, href in sorted(set(self.spans))  # (a link
                          # in a link to the same address, as a table's cell may hold, once)
                          if (link := placed_link(text, None, href, place(begin), place(end))))
        self.blocks.append(Block(type=block_type, text=text, level=level, links=links))

    def _context_type(self) -> str:
        if not self.context:
            return "paragraph"
        for ctx in reversed(self.context):
            if ctx in ("quote", "code", "caption", "table"):
                return ctx
        return "paragraph"


def image_source(img: etree._Element) -> str:
    """Pick the attribute that holds the real image.

    WeChat lazy-loads: ``data-src`` holds the CDN URL and ``src`` a placeholder, or nothing.
    Saved pages rewrite ``src`` to a local file or a ``data:`` URI, which then wins.
    """
    src = (img.get("src") or "").strip()
    lazy = _lazy_source(img)
    address = scheme_lowered(src)  # (``HTTP://`` is an address too)
    if src and (address.startswith("data:image/") and not address.startswith("data:image/svg")
                and len(src) > 200):
        return src
    if src and not address.startswith(("http://", "https://", "//", "data:")):
        return src  # a local path
    if not lazy and (not src or address.startswith("data:")):
        # no address but a placeholder (a 1×1 GIF): the image a browser shows is srcset's
        return srcset_best(img.get("srcset") or "") or src
    return lazy or src


def _lazy_source(img: etree._Element) -> str:
    """The address WeChat's lazy loader would load the image from (``data-src``, or
    ``data-original``), stripped; empty where there is none."""
    return (img.get("data-src") or img.get("data-original") or "").strip()


def web_address(img: etree._Element, source: str) -> str | None:
    """The image's web address (``data-src``, ``data-original``) where the page gives it
    beside another source it was read from (``source``: a saved copy, a local file or a
    ``data:`` URI a browser or SingleFile wrote into ``src``); None where there is none, or
    it is the source itself. Two saves of one post name its image by it: the complete save
    by its copy, the page alone by its address."""
    lazy = _lazy_source(img)
    if not lazy or lazy == source.strip():
        return None
    return lazy if scheme_lowered(lazy).startswith(("http://", "https://", "//")) else None


_ASCII_SPACE = " \t\n\f\r"
_WIDTH = re.compile(r"[0-9]+w")
_DENSITY = re.compile(r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?x")


def srcset_best(srcset: str) -> str | None:
    """The largest candidate of a ``srcset`` (its widest ``w``, else its densest ``x``; a
    candidate without a descriptor is ``1x``), read as HTML's parser reads it: a URL is a run
    of characters other than ASCII white space (a ``data:`` URI's comma is part of it, and
    so is a no-break space), a comma outside parentheses ends a candidate, and a candidate
    whose descriptors are none HTML knows (``nan``, ``2x 100w``) is left out."""
    best: tuple[tuple[float, float], str] | None = None
    at, end = 0, len(srcset)
    while at < end:
        while at < end and (srcset[at] in _ASCII_SPACE or srcset[at] == ","):
            at += 1
        start = at
        while at < end and srcset[at] not in _ASCII_SPACE:
            at += 1
        url, descriptors = srcset[start:at], ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth, stop = 0, at
            while stop < end and (srcset[stop] != "," or depth):
                depth += {"(": 1, ")": -1}.get(srcset[stop], 0) if depth or \
                    srcset[stop] == "(" else 0
                stop += 1
            descriptors, at = srcset[at:stop], stop + 1
        size = _candidate_size(descriptors.split())
        if url and size is not None and (best is None or size > best[0]):
            best = (size, url)
    return best[1] if best else None


def _candidate_size(descriptors: list[str]) -> tuple[float, float] | None:
    """(width, density) of a ``srcset`` candidate's descriptors; None where they are not
    what HTML allows: one ``Nw`` or one ``Nx`` (an ``Nh`` beside a width), nothing else."""
    width = density = None
    for descriptor in descriptors:
        if _WIDTH.fullmatch(descriptor) and width is None and int(descriptor[:-1]) > 0:
            width = float(descriptor[:-1])
        elif _DENSITY.fullmatch(descriptor) and density is None:
            density = float(descriptor[:-1])
            if not 0 < density < float("inf"):
                return None
        elif not (descriptor[-1:] == "h" and descriptor[:-1].isdigit()):
            return None
    if width is not None and density is not None:
        return None
    return (width or 0.0, 1.0 if density is None else density)


def _int(value: object) -> int | None:
    try:
        return int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return None


_CJK_CHAR = re.compile(f"[{_CJK}]")


def _text(text: str | None, walk: _Walk) -> None:
    """A text node laid out as the browser lays it out, where it meets its neighbours too:
    a line break between two CJK characters goes (CSS Text 3) when they are in two nodes,
    around an element (``中文[链接](u)`` on one line, ``继续`` on the next: 中文链接继续), and a
    space after a space collapses, as in one node. The white space after a node's last CJK
    character is held until the next node's first character is seen, then laid out with
    it as one node's would be."""
    if not text:
        return
    if "code" in walk.context:
        walk.add(text)
        return
    if not text.isascii():  # (gone before the breaks are read, as in one node)
        text = _ZERO_WIDTH.sub("", text)
        if not text:
            return
    if walk.held or (text[:1].isspace() and walk.buf
                     and _CJK_CHAR.match(walk.buf[-1][-1:]) is not None):
        if text.isspace():  # white space alone: held on
            walk.held.append(text)
            return
        joined = walk.buf[-1][-1] + "".join(walk.held) + text
        walk.held.clear()
        found = _CJK_BREAK.match(joined, 1)  # a break between the two CJK characters
        text = joined[found.end() if found else 1:]
    elif walk.buf == [] and text.isspace():
        return  # (white space opening a block is none)
    if text[-1:].isspace() and text[-1] != "\u3000":  # (most nodes end with a character)
        start = len(text)
        while start and text[start - 1].isspace() and text[start - 1] != "\u3000":
            start -= 1  # (U+3000 is one of the CJK characters, no white space here)
        if start and _CJK_CHAR.match(text[start - 1]):
            walk.held.append(text[start:])
            text = text[:start]
    _add_collapsed(walk, normalise_inline(text))


def _add_collapsed(walk: _Walk, text: str) -> None:
    """``text`` (laid out) added, its opening space collapsed with a space the buffer ends
    with: a space after a space, in two nodes, is one as in one node."""
    if text.startswith(" ") and walk.buf and walk.buf[-1].endswith(" "):
        text = text[1:]
    if text:
        walk.add(text)


# dropped elements a browser still draws as a box in the line (a form's fields, an embedded
# frame): white space held before one is not between two characters
_SHOWN_BOXES = frozenset({"input", "button", "textarea", "select", "iframe", "object", "embed"})


def _release_held(walk: _Walk) -> None:
    """The white space held after CJK text, laid out where it is: a picture or a box comes
    after it, so it is no line break between two characters."""
    if walk.held:
        held = normalise_inline("".join(walk.held))
        walk.held.clear()
        _add_collapsed(walk, held)


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
    """Whether ``img`` is an icon inside a line of text: text of its line comes before it,
    and the page draws it at most :data:`ICON_MAX_WIDTH` pixels wide (its ``width``, the
    editor's ``_width`` or ``data-w``, or its style's). A picture of its own, or one whose
    width is not given, ends the line as ever."""
    if not walk.line_has_text:
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


def _anchor(anchor: etree._Element, walk: _Walk, depth: int) -> None:
    """A link: its target among the post's links, and its place, the characters of the text
    it covers, in the block that holds them (in each block that holds a part of it, when it
    covers several; a link around a picture alone, a linked figure, covers none and has no
    place: it is no link of the text beside the picture)."""
    href = anchor.get("href") or ""
    walk.links.append(href)
    walking = _Anchor(href, walk.length)
    walk.open.append(walking)
    try:
        _walk(anchor, walk, depth)
    finally:
        walk.open.remove(walking)
    if walk.length > walking.start:  # (one covering nothing has no place)
        walk.spans.append((walking.start, walk.length, href))


def _laid_out(raw: str, code: bool) -> str:
    """A block's text as its buffer ``raw`` lays out: a code block's lines kept but for their
    trailing space and the blank lines around them; any other's lines stripped, blank ones
    left out."""
    if code:
        return "\n".join(line.rstrip() for line in raw.split("\n")).strip("\n")
    if "\n" not in raw:  # the usual block: one line
        return raw.strip()
    return "\n".join(line for line in (part.strip() for part in raw.split("\n")) if line)


def _places(raw: str, code: bool) -> Callable[[int], int]:
    """Where each place in ``raw`` is in the text :func:`_laid_out` makes of it (a place in
    white space it cut: the edge of what it kept)."""
    if not code and "\n" not in raw:  # the usual block: one line
        lead, length = len(raw) - len(raw.lstrip()), len(raw.strip())
        return lambda at: min(max(at - lead, 0), length)
    originals = raw.split("\n")
    lines = [line.rstrip() if code else line.strip() for line in originals]
    if code:  # blank lines at the edges are left out; the others kept, blank or not
        first = next((i for i, line in enumerate(lines) if line), len(lines))
        last = max((i for i, line in enumerate(lines) if line), default=-1)
        kept = [first <= i <= last for i in range(len(lines))]
    else:
        kept = [bool(line) for line in lines]
    # each raw line: where it starts in raw, how much of its start was cut, where it is in
    # the text (None: left out)
    starts, cuts, places = [], [], []
    at, out = 0, -1  # (-1: no line kept yet, so none has a line break before it)
    for line, original, keep in zip(lines, originals, kept, strict=True):
        starts.append(at)
        cuts.append(0 if code else len(original) - len(original.lstrip()))
        places.append(out + 1 if keep else None)
        out += len(line) + 1 if keep else 0
        at += len(original) + 1
    following: list[int] = []  # for each line: where the first kept line from it starts
    at = max(out, 0)  # (the text's length)
    for i in range(len(lines) - 1, -1, -1):
        at = places[i] if places[i] is not None else at
        following.append(at)
    following.reverse()

    def place(offset: int) -> int:
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        line_at = places[index]
        if line_at is None:  # in a line left out: where the next one starts
            return following[index]
        return line_at + min(max(offset - starts[index] - cuts[index], 0), len(lines[index]))

    return place


_BLANK = frozenset("\u200b\u200c\u200d\u2060\ufeff")  # zero-width: no more a link's text


def _trimmed_span(text: str, first: int, last: int) -> tuple[int, int]:
    """``first`` and ``last`` moved in past the white space (and zero-width characters) at
    either end of what lies between them: a link's text begins and ends with a character
    a reader sees."""
    while first < last and (text[first].isspace() or text[first] in _BLANK):
        first += 1
    while last > first and (text[last - 1].isspace() or text[last - 1] in _BLANK):
        last -= 1
    return first, last


def placed_link(text: str, item: int | None, href: str, first: int, last: int) -> Link | None:
    """The link to ``href`` covering ``text[first:last]``, its ends moved in past white space
    (:func:`_trimmed_span`) and its text read there; None when it covers no character."""
    first, last = _trimmed_span(text, first, last)
    return (item, href, text[first:last], first, last) if first < last else None


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
        if name in _SHOWN_BOXES:
            _release_held(walk)
        return
    if name == "br":
        walk.held.clear()  # (a space at a line's end is none)
        walk.add("\n")
        return
    if name == "img":
        _release_held(walk)
        icon = _an_icon_in_a_line(child, walk)
        if not icon:
            walk.flush()
        alt = child.get("alt") or ""
        source = image_source(child)
        walk.images.append(ImageRef(original=source, alt=alt,
                                    width_hint=_int(child.get("width") or child.get("data-w")),
                                    height_hint=_int(child.get("height")),
                                    address=web_address(child, source)))
        block = Block(type="image", image=len(walk.images) - 1, text=alt.strip())
        if icon:
            walk.icons.append(block)
            walk.icon_images.add(len(walk.images) - 1)
        else:
            walk.blocks.append(block)
        return
    if name == "a" and child.get("href"):
        _anchor(child, walk, depth)
        return
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
    elif name == "table":
        outer = walk.rows  # (a table the markup puts in another's row, not in a cell)
        walk.rows = 0
        _walk(child, walk, depth)
        walk.flush()
        walk.rows = outer
    elif name in _CONTEXTS:
        start = len(walk.blocks)
        walk.context.append(_CONTEXTS[name])
        _walk(child, walk, depth)
        walk.flush()
        walk.context.pop()
        if name == "pre" and (language := _code_language(child)):
            walk.blocks[start:] = [replace(b, language=language) if b.type == "code" else b
                                   for b in walk.blocks[start:]]
        if name == "blockquote":
            _one_quotation(walk.blocks, start, walk.icon_images)
    else:
        _walk(child, walk, depth)
        walk.flush()


_CONTEXTS = {"blockquote": "quote", "pre": "code", "figcaption": "caption", "caption": "caption"}

_LANGUAGE_CLASS = re.compile(r"(?:language|lang)-(\S+)")
# a programming language's name as highlighters know them ("python", "c++", "c#",
# "objective-c", "shell-session", "vb.net"); anything else (a sentence, a control character)
# names none
_LANGUAGE = re.compile(r"[A-Za-z0-9][\w+#.-]{0,39}", re.ASCII)


def _code_language(pre: etree._Element) -> str | None:
    """The language a ``<pre>`` names for its code: its ``data-lang`` (WeChat's editor writes
    it; not ``lang``, which names a natural language), else a ``language-…``/``lang-…`` class
    of the ``<code>`` in it (as Markdown renderers write a fence's info word) or of the
    ``<pre>`` itself: a name as highlighters know them, none else."""
    code = next((c for c in pre if isinstance(c.tag, str) and c.tag.lower() == "code"), None)
    named = [pre.get("data-lang") or ""]
    if code is not None:
        named += [*_class_languages(code), code.get("data-lang") or ""]
    named += _class_languages(pre)
    return next((name.strip() for name in named if _LANGUAGE.fullmatch(name.strip())), None)


def _class_languages(element: etree._Element) -> list[str]:
    """The languages an element's ``language-…``/``lang-…`` classes name, in order."""
    return [found[1] for word in (element.get("class") or "").split()
            if (found := _LANGUAGE_CLASS.fullmatch(word))]


def _one_quotation(blocks: list[Block], start: int, icons: set[int]) -> None:
    """The paragraphs of one ``<blockquote>`` (from ``blocks[start]`` on) as one quote block,
    a line each, as a reader sees one quotation, the icons among them after it; a list, a
    heading or a picture inside it stands between two such runs, as before."""
    at = start
    while at < len(blocks):
        end = at
        while end < len(blocks) and (blocks[end].type == "quote" and not blocks[end].depth or (
                blocks[end].type == "image" and blocks[end].image in icons)):
            end += 1
        quotes = [b for b in blocks[at:end] if b.type == "quote"]  # (none in a list's item)
        if len(quotes) > 1:
            text, links = _joined([(b.text, b.links) for b in quotes], "\n")
            blocks[at:end] = [Block(type="quote", text=text, links=tuple(links)),
                              *(b for b in blocks[at:end] if b.type == "image")]
            end = at + 1 + (end - at - len(quotes))
        at = max(end, at + 1)  # on after the run


def _in_text(block: Block) -> tuple[Link, ...]:
    """A block's links placed in its whole text: a list's are placed in their items."""
    if block.type != "list" or not block.links:
        return block.links
    starts = list(itertools.accumulate((len(item) + 1 for item in block.items), initial=0))
    return tuple((None, href, shown, first + starts[item], last + starts[item])
                 if item is not None else (None, href, shown, first, last)
                 for item, href, shown, first, last in block.links)


def _joined(parts: list[tuple[str, tuple[Link, ...]]], separator: str,
            item: int | None = None) -> tuple[str, list[Link]]:
    """Texts joined by ``separator`` (a quotation's paragraphs, a list item's, a table row's
    cells), and their links with their places in the joined text (in list item ``item``)."""
    links: list[Link] = []
    at = 0
    for text, own in parts:
        links += [(item, href, shown, first + at, last + at)
                  for _, href, shown, first, last in own]
        at += len(text) + len(separator)
    return separator.join(text for text, _ in parts), links


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
    """A table row becomes one block, its cells' text joined by tabs, with its place in its
    table and whether it is a header row (in ``<thead>``, or all its cells ``<th>``); images
    follow it."""
    cells: list[tuple[str, tuple[Link, ...]]] = []
    images: list[Block] = []
    row, others = _split(node, ("td", "th"))
    parent = node.getparent()
    header = bool(row) and ((parent is not None and isinstance(parent.tag, str)
                             and parent.tag.lower() == "thead")
                            or all(cell.tag.lower() == "th" for cell in row))
    for other in others:  # not read, but not let through if nested too deep either
        _check_depth(other, depth + 1)
    for cell in row:
        inner = walk.inner("table")
        _walk(cell, inner, depth + 1)
        inner.flush()
        text, links = _joined([(b.text.replace("\n", " "), tuple(
            (item, href, shown.replace("\n", " "), first, last)
            for item, href, shown, first, last in _in_text(b)))
            for b in inner.blocks if b.type != "image"], " ")
        cells.append((text, tuple(links)))
        images.extend(b for b in inner.blocks if b.type == "image")
    if any(text for text, _ in cells):
        text, links = _joined(cells, "\t")
        walk.blocks.append(Block(type="table", text=text, links=tuple(links), row=walk.rows,
                                 header=header))
        walk.rows += 1
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
    item's text. A list an image interrupts goes on numbering in its next block.

    A list nested in an item is a block of its own after the items up to that one, its
    ``depth`` one more than the list it is in's (1: in the last item of the block before it);
    the outer list goes on in a block after it, numbering on. What the item holds after the
    nested list follows it at the nested list's depth (a paragraph in that item). An item that
    holds no text before its nested list is an empty item: it still takes its number. Icons
    go after the whole list, as ever; an item's pictures before its nested list, as any
    item's pictures, cut the list."""
    items: list[str] = []
    links: list[Link] = []  # each in an item of this block, placed in its text
    ordered = node.tag.lower() == "ol"
    start = _start(node) if ordered else 1

    def block() -> Block:
        return Block(type="list", items=tuple(items), text="\n".join(items), ordered=ordered,
                     start=start, links=tuple(links))

    def cut() -> None:
        """The items so far a block of their own (a picture, a nested list, a skipped
        number comes next); the list goes on numbering after them."""
        nonlocal start, items, links
        if items:
            walk.blocks.append(block())
            start += len(items)
            items, links = [], []

    lis, others = _split(node, ("li",))
    if lis:  # without items the list's own content is read, others included
        for other in others:
            _check_depth(other, depth + 1)
    icons: list[Block] = []  # the items' icons, after the list: they cut no list
    skipped = 0  # the numbers of an ordered list's items with no text, not yet counted
    for li in lis or [node]:
        inner = walk.inner("list")
        _walk(li, inner, depth + (li is not node))
        inner.flush()
        # (an item's walk makes a list block only of a list nested in it)
        nested = next((n for n, b in enumerate(inner.blocks) if b.type == "list"),
                      len(inner.blocks))
        item_blocks, after = inner.blocks[:nested], inner.blocks[nested:]
        texts = [(b.text, _in_text(b)) for b in item_blocks if b.type != "image" and b.text]
        if (texts or after) and skipped:  # items a browser numbered with nothing in them
            cut()
            start += skipped
            skipped = 0
        if texts:  # an item's paragraphs are lines of it, as a reader sees them
            text, own = _joined(texts, "\n", len(items))
            links += own
            items.append(text)
        elif after:  # its number shown, its content all in its nested list
            items.append("")
        elif ordered and li is not node:
            skipped += 1  # (an empty item, or a picture alone: numbered, no text)
        icons += [b for b in item_blocks if b.type == "image" and b.image in walk.icon_images]
        pictures = [b for b in item_blocks
                    if b.type == "image" and b.image not in walk.icon_images]
        if pictures or after:
            cut()
            if pictures:
                walk.blocks += icons + pictures
                icons = []
            # (the icons of the nested list's items go after this whole list too)
            icons += [b for b in after if b.type == "image" and b.image in walk.icon_images]
            walk.blocks += [_nested(b) for b in after
                            if b.type != "image" or b.image not in walk.icon_images]
    if items:
        walk.blocks.append(block())
    walk.blocks += icons


def _nested(block: Block) -> Block:
    """A block of what an item holds from a list nested in it on, one level deeper: the
    nested list, and what follows it in the item (a paragraph); a picture stays as it is, as
    any picture in a list's item is a block after the list."""
    return block if block.type == "image" else replace(block, depth=block.depth + 1)


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
