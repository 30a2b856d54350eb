"""Cleaning: strip WeChat chrome, keep the body as blocks and text, read credits and DOIs.

``clean(raw)`` is pure: it takes what a reader found and returns a :class:`CleanPost`, listing
every step it applied (the DOM-level removal of scripts and widgets, then the block steps of
:mod:`archiver.clean.steps`) for the provenance record.
"""

from __future__ import annotations

from archiver.citations.extract import find_dois
from archiver.clean import credits as credits_mod
from archiver.clean.body import blocks_text, parse_body
from archiver.clean.metadata import resolve_metadata
from archiver.clean.steps import STEPS
from archiver.errors import MalformedInput
from archiver.model import Block, CleanPost, ImageRef, RawPost, Sourced


def _renumber(blocks: list[Block], images: list[ImageRef]) -> tuple[list[Block], list[ImageRef]]:
    """Keep only the images still referenced by a block, numbered in order."""
    kept: list[ImageRef] = []
    out: list[Block] = []
    for block in blocks:
        if block.type == "image" and block.image is not None:
            kept.append(images[block.image])
            block = Block(type="image", image=len(kept) - 1, text=block.text)
        out.append(block)
    return out, kept


# how much of each block a provenance's step names: enough to tell which line went
_SAID_CHARS = 30
_SAID_BLOCKS = 6


def step_said(name: str, before: list[Block], after: list[Block]) -> str:
    """What a step did, as the provenance records it: its name and the blocks it removed
    (how many, how many of them images, and the start of each of the first few, in order),
    or rewrote. Why: "drop_chrome_lines" alone says the step ran, not what it took; a reader
    checking that nothing of the post was lost needs to see what went (the source, stored
    whole, holds the rest)."""
    kept = {id(block) for block in after}
    gone = [block for block in before if id(block) not in kept]
    rewritten = len(after) - (len(before) - len(gone))  # a step adds no block, rewrites some
    removed = len(gone) - rewritten
    if not gone:
        return f"{name}: nothing removed"
    said = [f"{removed} block(s) removed"] if removed else []
    if rewritten:
        said.append(f"{rewritten} rewritten")
        return f"{name}: {', '.join(said)}"  # which of the blocks gone were rewritten: unsaid
    images = sum(block.type == "image" for block in gone)
    if images:
        said[0] += f", {images} of them image(s)"
    starts = [("[image]" if block.type == "image" else _start(block.text))
              for block in gone[:_SAID_BLOCKS]]
    more = f" (+{len(gone) - _SAID_BLOCKS} more)" if len(gone) > _SAID_BLOCKS else ""
    return f"{name}: {said[0]}: {' | '.join(starts)}{more}"


def _start(text: str) -> str:
    """The start of a block's text on one line, cut with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= _SAID_CHARS else line[:_SAID_CHARS - 1] + "…"


def clean(raw: RawPost) -> CleanPost:
    steps = ["parse_body: drop script/style/widget elements, lazy images resolved"]
    if not raw.has_body:
        blocks: list[Block] = []
        images: list[ImageRef] = []
        links: list[str] = []
    else:
        try:
            body = raw.body_html if raw.body_tree is None else raw.body_tree
            blocks, images, links = parse_body(body)
        except MalformedInput as exc:
            raise MalformedInput(exc.message, path=raw.path, hint=exc.hint) from None
        for step in STEPS:
            before = blocks
            blocks = step(blocks, images)
            steps.append(step_said(step.__name__, before, blocks))
        blocks, images = _renumber(blocks, images)
    lines = [line for b in blocks if b.type != "image" for line in b.text.split("\n")]
    meta = resolve_metadata(raw, lines)
    title = meta["title"].value if "title" in meta else None
    column, series = credits_mod.column_and_series(title)
    credit_map = credits_mod.extract_credits(lines)
    if "credits" in meta:  # named outside the body (an export's front matter): first
        for role, names in meta["credits"].value.items():
            credit_map[role] = [*names, *(n for n in credit_map.get(role, []) if n not in names)]
    if "author" not in meta and raw.kind not in ("deleted", "blocked", "unavailable"):
        byline = credits_mod.byline_author(credit_map, title, lines)
        if byline:
            meta["author"] = Sourced(byline[0], byline[1])
    # (an image's alt text too: a figure credited to a paper, "图1 来源：…, doi:10.1038/…")
    dois = tuple(find_dois([line for b in blocks for line in b.text.split("\n")], links))
    return CleanPost(kind=raw.kind, meta=meta, blocks=tuple(blocks), text=blocks_text(blocks),
                     images=tuple(images), credits=credit_map, column=column, series=series,
                     dois=dois, steps=tuple(steps))
