"""Cleaning steps over blocks. Each is small, pure, named, and recorded in provenance.

A step takes the list of blocks and the image references and returns the blocks to keep. The
order of :data:`STEPS` is the order they run in.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable

from archiver.clean import selectors
from archiver.clean.body import Link, placed_link
from archiver.clean.credits import parse_credit_line
from archiver.model import Block, ImageRef

Step = Callable[[list[Block], list[ImageRef]], list[Block]]

_RESIDUE = re.compile(r"^[\s*_#>`~\-=|]+$")
# a link to a script the renderer would not make a link, written back as text; its brackets
# may hold brackets ("javascript:void(0);", as Obsidian's Web Clipper escapes it)
_MD_LINK_RESIDUE = re.compile(r"\[([^\]]*)\]\(javascript:(?:[^()]|\([^()]*\))*\)")


_TAIL_MARKERS = tuple("".join(marker.split()) for marker in selectors.TAIL_MARKERS)
_TAIL_MARKER_LINES = tuple("".join(marker.split()) for marker in selectors.TAIL_MARKER_LINES)
_REWARD_MARKERS = tuple("".join(marker.split()) for marker in selectors.REWARD_MARKERS)


def _squash(text: str) -> str:
    """``text`` without white space (str.split's white space is the regex ``\\s``'s)."""
    return "".join(text.split())


def _is_chrome_line(text: str) -> bool:
    if _squash(text) in selectors.DROP_LINES:
        return True
    stripped = text.strip()
    return any(p.match(stripped) for p in selectors.DROP_LINE_PATTERNS)


def drop_chrome_lines(blocks: list[Block], images: list[ImageRef]) -> list[Block]:
    """Drop blocks that are exactly a widget label: 收录于合集, 阅读原文, Scan to Follow …; and
    the share and like bar's words (分享, 在看, 赞) where they stand beside another line of
    chrome (images between do not part them), never one alone, which may be the post's."""
    lines = [i for i, b in enumerate(blocks) if b.type != "image"]
    label = {i: _is_chrome_line(blocks[i].text) for i in lines}
    word = {i: _squash(blocks[i].text) in selectors.WIDGET_WORDS for i in lines}
    dropped = {i for i in lines if label[i]}
    for k, i in enumerate(lines):
        beside = lines[max(k - 1, 0):k] + lines[k + 1:k + 2]
        if word[i] and any(label[n] or word[n] for n in beside):
            dropped.add(i)
    return [b for i, b in enumerate(blocks) if i not in dropped]


def _is_tail_marker(block: Block) -> bool:
    """Whether ``block`` opens the footer: it opens with a marker, or is one of the markers a
    post may write too, with no more than its widget's few words after it."""
    text = _squash(block.text)
    return text.startswith(_TAIL_MARKERS) or any(
        text.startswith(marker) and len(text) - len(marker) <= selectors.TAIL_MARKER_LINE_REST
        for marker in _TAIL_MARKER_LINES)


def _is_lead_in(block: Block, images: list[ImageRef]) -> bool:
    """Whether ``block`` may be the reward widget's opening: the avatar (an image with no
    source), or a short line that credits no one (``责编：王五`` is the post's)."""
    if block.type == "image":
        return block.image is not None and not images[block.image].original
    return (len(block.text) <= selectors.TAIL_LEAD_IN_MAX_CHARS and "\n" not in block.text
            and parse_credit_line(block.text) is None)


def cut_chrome_tail(blocks: list[Block], images: list[ImageRef]) -> list[Block]:
    """Cut the page footer (reward area, QR prompts, like widgets) a flattened export keeps,
    from the first marker on; a marker on a line of its own (``预览时标签不可点``) where only
    a footer's short lines and images follow it.

    The reward widget opens with the account's avatar (an image with no source), its name and
    its reward slogan: up to three such short blocks before a reward marker go too.
    """
    for i, block in enumerate(blocks):
        if _is_tail_marker(block):
            if _is_chrome_line(block.text) and not _all_footer(blocks[i + 1:]):
                # a label alone with the post going on after it (a post about WeChat that
                # quotes it): not the footer; the label itself is dropped with the others
                continue
            start = i
            if _squash(block.text).startswith(_REWARD_MARKERS):
                while (start > 0 and i - start < selectors.TAIL_LEAD_IN_BLOCKS
                       and _is_lead_in(blocks[start - 1], images)):
                    start -= 1
            return blocks[:start]
    return blocks


def _all_footer(blocks: list[Block]) -> bool:
    """Whether ``blocks`` read as a page's footer: images and short lines (the account's
    name, 微信扫一扫, 使用小程序, 取消 / 允许), no paragraph of the post's."""
    return all(b.type == "image" or len(b.text) <= selectors.FOOTER_LINE_MAX_CHARS
               for b in blocks)


def drop_markup_residue(blocks: list[Block], images: list[ImageRef]) -> list[Block]:
    """Drop blocks left with only Markdown punctuation (``**``, ``---``) after rendering; not
    a list whose items are empty when a list nested in its last one follows it (an item
    holding only its nested list, which keeps its number and its place)."""
    kept: list[Block | None] = []
    for block in blocks:
        if block.type != "image" and "](javascript:" in block.text:  # (most blocks hold none)
            block = _without_script_links(block)
        residue = block.type != "image" and (not block.text.strip()
                                             or bool(_RESIDUE.match(block.text)))
        kept.append(None if residue else block)
    following: Block | None = None  # the next block kept, from the end: an empty list is
    for at in range(len(blocks) - 1, -1, -1):  # kept only with a deeper block kept after it
        block = kept[at]
        empty = blocks[at]
        if block is None and empty.type == "list" and empty.items and not empty.text.strip() \
                and following is not None and following.depth > empty.depth:
            kept[at] = block = empty
        if block is not None and block.type != "image":
            following = block
    return [block for block in kept if block is not None]


def _without_script_links(block: Block) -> Block:
    """``block`` with the script links written back as text (``[对作者说句悄悄话](javascript:;)``)
    their text alone, in each list item of a list, and its links placed in what is left."""
    if block.type != "list":
        text, links = _rewritten(block.text, block.links)
        return dataclasses.replace(block, text=text, links=tuple(links))
    by_item: dict[int | None, list[Link]] = {}
    for link in block.links:
        by_item.setdefault(link[0], []).append(link)
    items, links = [], []
    for n, item in enumerate(block.items):
        text, own = _rewritten(item, by_item.get(n, []))
        items.append(text)
        links += own
    return dataclasses.replace(block, items=tuple(items), text="\n".join(items),
                               links=tuple(links))


def _rewritten(text: str, links: Iterable[Link]) -> tuple[str, list[Link]]:
    """``text`` with its script links written back as text their text alone, and ``links``
    (each placed in ``text``) placed in it: what follows a cut moves back by what was cut,
    what was in one stays in its text or at its edge; a link left with no text is none."""
    cuts = [(m.start(), m.end(), m.start(1), m.end(1)) for m in _MD_LINK_RESIDUE.finditer(text)]
    if not cuts:
        return text, list(links)
    new = _MD_LINK_RESIDUE.sub(r"\1", text)
    ends = [end for _, end, _, _ in cuts]
    removed = list(itertools.accumulate(
        ((end - start) - (kept_end - kept_start) for start, end, kept_start, kept_end in cuts),
        initial=0))

    def place(at: int) -> int:
        k = bisect.bisect_right(ends, at)  # the cuts that end at or before ``at``
        if k < len(cuts) and cuts[k][0] < at:  # inside one
            start, _, kept_start, kept_end = cuts[k]
            return start - removed[k] + min(max(at, kept_start), kept_end) - kept_start
        return at - removed[k]

    moved = [link for item, href, _, first, last in links
             if (link := placed_link(new, item, href, place(first), place(last)))]
    return new, moved


def drop_exporter_wrapper(blocks: list[Block], images: list[ImageRef]) -> list[Block]:
    """Drop wrapper lines exporters add (``本文抓取时间: …``)."""
    return [b for b in blocks
            if b.type == "image" or not any(p.match(b.text) for p in selectors.WRAPPER_PATTERNS)]


# the footer is cut before the widgets' labels are dropped: a label that is also a marker
# (预览时标签不可点, 继续滑动看下一个) on a line of its own is where the footer starts
STEPS: tuple[Step, ...] = (cut_chrome_tail, drop_chrome_lines, drop_markup_residue,
                           drop_exporter_wrapper)
