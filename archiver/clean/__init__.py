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
            blocks = step(blocks, images)
            steps.append(step.__name__)
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
