"""Frozen data passed between the stages of the pipeline.

Each stage returns one of these and never prints: readers produce a :class:`RawPost`, cleaning a
:class:`CleanPost`, asset localisation a list of :class:`Asset`. Values that came from the input
carry where they came from (:class:`Sourced`), because a record's claims must be checkable.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

# every post's object id starts so (archiver.record.Identity.object_id); the storage root
# may hold other OCFL tools' objects beside them, which fsck checks and no other command reads
POST_ID_PREFIX = "wx:"


def is_post_id(object_id: str) -> bool:
    """Whether an object's id is a post's (not another OCFL tool's object's)."""
    return object_id.startswith(POST_ID_PREFIX)


def post_ids(object_ids: Iterable[str]) -> list[str]:
    """The ids of posts among ``object_ids`` (an archive's objects), in their order."""
    return [object_id for object_id in object_ids if is_post_id(object_id)]


# the names of the files (and folders) a version of a post holds, every one written by each
# version archiver makes: anything else in a head (another tool's note) is kept as it is
POST_FILES = frozenset({"record.json", "provenance.json", "citations.json", "source", "assets"})


def others_files(state: Iterable[str]) -> frozenset[str]:
    """The logical paths of a version's ``state`` that are none of a post's own files."""
    return frozenset(path for path in state if path.split("/", 1)[0] not in POST_FILES)


KINDS = ("article", "image-share", "article-share", "video", "deleted", "blocked", "unavailable")
ERROR_KINDS = ("deleted", "blocked", "unavailable")

# A citation's verification status (archiver.citations.verify), in the order reports give them.
STATUSES = ("verified", "mismatch", "not_found", "unresolved", "ambiguous")
# ... and what a post whose head keeps no verification at all has (``list --citations none``)
NEVER_VERIFIED = "none"
# why a citation a new version of a post makes has no verdict in its kept verification (it is
# kept ``unresolved`` with this reason: archiver.verified.carried_citations)
NOT_VERIFIED_YET = ("not verified yet: the post was changed after its last verification "
                    "(`archiver verify` checks it)")


def statuses_shown(counts: Mapping[str, int]) -> str:
    """How many citations have each status, as the terminal says it: ``3 verified,
    1 mismatch`` (the statuses some citation has, in :data:`STATUSES` order); "" for none."""
    return ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts.get(s))


CUT_SHORT = "*"  # RawPost.damaged: the container is cut short where no part names it
# What every page of archiver's own html export names as its generator: a folder walk knows
# them for no saved post (they link to the posts' addresses, as a saved page does)
SITE_GENERATOR = "archiver export html"


@dataclass(frozen=True)
class Sourced:
    """A metadata value and the place in the input it was read from (for provenance)."""

    value: Any
    source: str


@dataclass(frozen=True)
class RawPost:
    """What a reader found in one saved post, before any cleaning.

    The article body is either ``body_html``, markup the reader made (Markdown rendered, a
    share card's template, an image-share post rebuilt), or ``body_tree``, the element of the
    page the reader parsed; :attr:`body_markup` gives it as HTML either way, and it is
    ``None`` for error pages, which have no body. ``fields`` maps metadata names (``title``,
    ``account``, ``account_id``, ``biz``, ``mid``, ``idx``, ``author``, ``published``,
    ``fetched``, ``url``, ``source_url``, ``original_url``, ``tags``, ``summary``) to the
    first value found for them.
    """

    path: Path
    format: str
    kind: str
    data: bytes
    body_html: str | None
    fields: dict[str, Sourced]
    base_dir: Path
    notes: tuple[str, ...] = ()
    # what is amiss in the saved file though the post was read from it (a WARC record not
    # ended as the format says): said to the user as the post's warnings, also in ``notes``
    warnings: tuple[str, ...] = ()
    # files a container (MHTML, WARC) carries beside the page, by the URL the page uses
    resources: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    # files a container carries only in part (a WARC record cut short), by URL: why its copy
    # is not used; such an image is recorded missing with that reason. Under CUT_SHORT: why
    # the container itself ends early (what it lacks may have been in the part lost)
    damaged: dict[str, str] = field(default_factory=dict, compare=False)
    # pages of the same container that could not be read (a WARC's page record cut short or
    # damaged), as (URL, why): the file's other posts are still archived, and these are
    # reported as failed inputs (given with one post of the file only)
    lost: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # where in its container the page was found (format, record, URL), for provenance
    container: dict[str, Any] | None = None
    # the sha512 of ``data`` when the reader computes it beside its work (see
    # archiver.background), done or still running; otherwise :attr:`data_sha512` computes it
    # when first asked
    sha512: str | Future[str] | None = field(default=None, repr=False, compare=False)
    # the body as an element of the page the reader parsed (lxml): cleaning walks it rather
    # than serialising it and parsing the markup again, and it has attribute values as the
    # page wrote them (libxml2's serialiser percent-encodes non-ASCII URLs). Not compared.
    body_tree: Any = field(default=None, repr=False, compare=False)
    # files beside the saved post that the reader read for it (another WARC of the same
    # crawl holding its images), resolved path → sha256: the post's inputs, as local images
    # are, so that a change in one is news to the next run
    inputs: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    @property
    def has_body(self) -> bool:
        return self.body_html is not None or self.body_tree is not None

    @functools.cached_property
    def body_markup(self) -> str | None:
        """The body as HTML, serialised from ``body_tree`` only when something asks for it."""
        if self.body_html is not None or self.body_tree is None:
            return self.body_html
        return etree.tostring(self.body_tree, encoding="unicode", method="html",
                              with_tail=False)

    @functools.cached_property
    def data_sha512(self) -> str:
        """The sha512 of the input bytes, computed once (pages run to megabytes)."""
        if isinstance(self.sha512, Future):
            return self.sha512.result()
        return self.sha512 or hashlib.sha512(self.data).hexdigest()


@dataclass(frozen=True)
class ImageRef:
    """One image reference in the body, in document order (the same file may appear twice)."""

    original: str  # the URL, path or data: URI as written in the input
    alt: str = ""
    width_hint: int | None = None
    height_hint: int | None = None
    # the image's web address the page gives beside a saved copy (a browser's complete save
    # keeps ``data-src`` beside the local ``src`` it wrote): what another save of the post,
    # without the copy, names the same image by
    address: str | None = None


# what a browser takes out of an address before reading its scheme: tabs and line breaks
# anywhere, control characters and spaces at either end ("java&#9;script:" is javascript:;
# a no-break space before it is taken out here too, as the record keeps the address stripped)
_IGNORED_IN_ADDRESSES = re.compile(r"[\t\n\r]|^[\s\x00-\x20]+|[\s\x00-\x20]+$")


def _followed(href: str) -> bool:
    """Whether a link leads somewhere a reader could go: not a script's (``javascript:``, the
    widgets' ``javascript:;``, however spaced), not the page's own top (``#``), not bytes
    inlined in it."""
    target = _IGNORED_IN_ADDRESSES.sub("", href).lower()
    return bool(target) and target != "#" and not target.startswith(
        ("javascript:", "vbscript:", "data:"))


def _link_json(item: int | None, href: str, text: str, start: int, end: int
               ) -> dict[str, Any]:
    """A link as the record keeps it: its text, its target as written, where its text is
    (``start`` to ``end`` in the block's text, or in its list item's) and the list item."""
    out: dict[str, Any] = {"text": text, "url": href.strip(), "start": start, "end": end}
    if item is not None:
        out["item"] = item
    return out


def linked_pieces(text: str, links: Iterable[Mapping[str, Any]]
                  ) -> list[tuple[str, str | None]]:
    """``text`` in pieces, each with the address it links to or None, by the links' places
    (``start``, ``end``; a link overlapping one before it, or out of the text, is left out):
    how ``show --format markdown`` and the html export write a block's links."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    placed = [(link.get("start"), link.get("end"), link.get("url")) for link in links]
    for first, last, url in sorted((first, last, url) for first, last, url in placed
                                   if isinstance(first, int) and isinstance(last, int)
                                   and isinstance(url, str)):
        if first < at or last > len(text) or first >= last:
            continue
        if first > at:
            pieces.append((text[at:first], None))
        pieces.append((text[first:last], url))
        at = last
    if at < len(text) or not pieces:
        pieces.append((text[at:], None))
    return pieces


def split_pieces(pieces: list[tuple[str, str | None]], separator: str
                 ) -> list[list[tuple[str, str | None]]]:
    """Pieces of a text (:func:`linked_pieces`) cut where ``separator`` is (a quotation's
    lines, a table row's cells): a link across it is a link in each part."""
    parts: list[list[tuple[str, str | None]]] = [[]]
    for piece, url in pieces:
        for n, part in enumerate(piece.split(separator)):
            if n:
                parts.append([])
            if part:
                parts[-1].append((part, url))
    return parts


def block_depth(block: Mapping[str, Any]) -> int:
    """How deep in lists a record's block is: its ``depth`` (a list nested in an item, or what
    that item holds after it), 0 where it has none, as every block had before."""
    depth = block.get("depth")
    return depth if isinstance(depth, int) and depth > 0 else 0


def table_ends(blocks: Sequence[Mapping[str, Any]], at: int) -> bool:
    """Whether the table row ``blocks[at]`` is its table's last: no row follows it, or the
    next row begins another table (its ``row`` is 0). Records made before rows were numbered
    have none: there a table is the run of consecutive rows."""
    following = blocks[at + 1] if at + 1 < len(blocks) else None
    return (following is None or following.get("type") != "table"
            or following.get("row") == 0)


def links_by_item(block: Mapping[str, Any]) -> dict[int | None, list[Mapping[str, Any]]]:
    """A block's links by the list item they are in (None: the block's text)."""
    out: dict[int | None, list[Mapping[str, Any]]] = {}
    for link in block.get("links") or []:
        if isinstance(link, Mapping):
            item = link.get("item")
            out.setdefault(item if isinstance(item, int) else None, []).append(link)
    return out


@dataclass(frozen=True)
class Block:
    """A structural unit of the clean body."""

    type: str  # heading | paragraph | list | quote | image | code | table | caption
    text: str = ""
    level: int | None = None  # heading level
    items: tuple[str, ...] = ()  # list items
    image: int | None = None  # index into the post's image references
    # a numbered list (<ol>): its items show numbers, from ``start``; the numbers are no part
    # of the items' text, as a browser draws them, so they are kept here or lost
    ordered: bool = False
    start: int = 1
    # a list nested in an item of another, and what that item holds after it: how deep (1:
    # in the last item of the list block before it, at depth 0), as a reader sees it
    # indented under that item
    depth: int = 0
    # the links in the block, each the item it is in (a list's) or None, its target, its text
    # and where that is (in the block's text, or its item's): a reference whose DOI is only
    # a link ("[DOI](https://doi.org/…)", a linked title) is bound to it by where the link
    # is; the block's JSON gives those a reader can follow
    links: tuple[tuple[int | None, str, str, int, int], ...] = ()
    # a table's row (a block each, its cells' text joined by tabs): its place in its table,
    # from 0, so that two tables one after the other stay two, and whether the post marks it
    # a header row (``<th>`` cells, ``<thead>``); both are lost with the markup otherwise
    row: int | None = None
    header: bool = False
    # a code block's language, as the post names it (a Markdown fence's info word, HTML's
    # ``class="language-…"`` or WeChat's ``data-lang``), which a reader's highlighting needs
    language: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.type == "image":
            out["image"] = self.image
            if self.text:
                out["text"] = self.text
        elif self.type == "list":
            out["items"] = list(self.items)
            out["text"] = self.text
            if self.ordered:
                out["ordered"] = True
                if self.start != 1:
                    out["start"] = self.start
        else:
            out["text"] = self.text
            if self.row is not None:
                out["row"] = self.row
                if self.header:
                    out["header"] = True
            if self.language:
                out["language"] = self.language
        if self.level is not None:
            out["level"] = self.level
        if self.depth:
            out["depth"] = self.depth
        links = [_link_json(*link) for link in self.links if link[2] and _followed(link[1])]
        if links:
            out["links"] = links
        return out


@dataclass(frozen=True)
class CleanPost:
    """A post after cleaning: metadata with sources, structured blocks, plain text, images."""

    kind: str
    meta: dict[str, Sourced]
    blocks: tuple[Block, ...]
    text: str
    images: tuple[ImageRef, ...]
    credits: dict[str, list[str]]
    column: str | None
    series: str | None
    dois: tuple[str, ...]
    steps: tuple[str, ...]  # cleaning steps applied, in order (provenance)


@dataclass(frozen=True)
class Asset:
    """A localised image: its bytes when stored, or the reason it is missing."""

    original: str
    status: str  # stored | missing
    sha256: str | None = None
    media_type: str | None = None
    extension: str | None = None
    width: int | None = None
    height: int | None = None
    reason: str | None = None
    data: bytes | None = field(default=None, repr=False, compare=False)
    origin: str | None = None  # where the bytes came from: file path, data: URI, URL
    address: str | None = None  # the image's web address beside a saved copy (ImageRef's)

    @property
    def logical_path(self) -> str | None:
        if self.status != "stored" or self.sha256 is None:
            return None
        return f"assets/{self.sha256}.{self.extension}"
