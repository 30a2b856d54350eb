"""Build the record, the provenance and the identity of a post from the pipeline's results.

The record holds no volatile value (no ingest time, no local path), so the same post always
serialises to the same bytes and "did it change?" is a digest comparison. Everything about
*how* it was made — source digests, reader, cleaning steps, where each field came from — goes
to the provenance document beside it.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archiver.citations.extract import find_dois
from archiver.citations.verify import citations_of
from archiver.clean.metadata import contradict, is_long_id, named_by, url_identity
from archiver.export.works import beijing_date
from archiver.model import Asset, CleanPost, RawPost
from archiver.readers import READER_OF
from archiver.version import __version__, code_fingerprint

RECORD_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Identity:
    """What makes two saved files the same post, and the object id it gives."""

    basis: str  # biz-mid-idx | url-token | account-date-title | content
    value: str
    # the id an earlier rule gave the post: a titled post without an account and a whole
    # day (its title, with what it had of account and date), or one whose publish time was
    # written at another offset than Beijing's (the day as written): such a post archived
    # then, with this text, is filed there
    earlier: str | None = None

    @property
    def object_id(self) -> str:
        return f"wx:{self.value}"

    def as_earlier(self) -> Identity:
        """The identity the earlier rule gave the post (``earlier``), as it recorded it."""
        assert self.earlier is not None
        return Identity("account-date-title", self.earlier.removeprefix("wx:"))


def _digest(text: str) -> str:
    """The hash an id that is no address is named by: the start of the text's sha256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _norm_title(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).casefold()
    return re.sub(r"[\W_]+", "", text)


_FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def identity_of(clean: CleanPost, raw: RawPost) -> Identity:
    """The post's identity, from the strongest basis it has (docs/archive.md): WeChat's ids,
    its short address, its account with a full day and its title, else its content (a titled
    post's with its title and whatever it has of account and date), so that two different
    posts are never one object."""
    meta = {k: v.value for k, v in clean.meta.items()}
    if meta.get("biz") and meta.get("mid") and meta.get("idx"):
        return Identity("biz-mid-idx", f"{meta['biz']}/{meta['mid']}/{meta['idx']}")
    token = url_identity(meta.get("url")).get("token")
    if token:
        return Identity("url-token", f"s/{token}")
    if not meta.get("url") and not meta.get("og_url"):
        # no address of its own (an error page): where the save says it came from
        named = named_by(meta.get("page_url"))
        if named is not None:
            basis = "url-token" if named.startswith("wx:s/") else "biz-mid-idx"
            return Identity(basis, named.removeprefix("wx:"))
    title = meta.get("title")
    written = str(meta.get("published") or "")
    # the day as WeChat shows it: one moment written in UTC (``2020-08-03T22:00:00Z``, as
    # many Hugo exports write it) and in Beijing time (``2020-08-04 06:00``) is one post
    date = beijing_date(written) or ""
    known = [str(meta.get("account") or ""), date, _norm_title(str(title or ""))]
    by_title = "t/" + _digest("\n".join(known))
    if title and known[0] and _FULL_DAY.fullmatch(date):
        as_written = [known[0], written[:10], known[2]]
        earlier = "wx:t/" + _digest("\n".join(as_written)) if written[:10] != date else None
        return Identity("account-date-title", by_title, earlier)
    # without all three, a title names no post: two posts titled 早报 or 目录 by one account,
    # undated or dated to a month, or by unnamed accounts on one day, are two posts, not two
    # versions of one; what is known of them is kept in the key with their text
    text = clean.text or raw.data.decode("utf-8", "replace")
    key = "\n".join([*known, text]) if title else text
    return Identity("content", f"c/{_digest(key)}", f"wx:{by_title}" if title else None)


def names_of(clean: CleanPost, identity: Identity) -> list[str]:
    """Every other id the post is known by: those its addresses name (the raw page of the
    current layout knows its long address from its scripts and its short one from og:url;
    a save without the scripts keeps only the short one). The archive files all of a post's
    saves under one of them (see docs/archive.md). An address naming another biz/mid/idx
    than the post's own is no name of it."""
    own = identity.object_id
    page = [named_by(_value(clean, field)) for field in ("url", "og_url")]
    if page[0] and page[1] and contradict(page[0], page[1]):
        page[1] = None  # the page's url is the more authoritative (a share card's og:url)
    # where a container says the page came from is a name of it only when the page gives no
    # address of its own: a capture filed under a wrong address must not name another post
    found = [*page, None if any(page) else named_by(_value(clean, "page_url"))]
    names: list[str] = []
    for name in found:
        if not name or name == own or name in names or (
                is_long_id(name) and identity.basis == "biz-mid-idx"):
            continue
        names.append(name)
    return names


def _value(clean: CleanPost, name: str) -> Any:
    item = clean.meta.get(name)
    return item.value if item is not None else None


def _citations(clean: CleanPost) -> list[dict[str, Any]]:
    """Each DOI with the block that cites it: the first that holds it (case aside), else the
    one it starts in, white space aside (a DOI broken over lines or paragraphs, as the
    DOI finder joins them), else the first whose link targets it (``blocks/N``, or
    ``blocks/N/items/M`` in a list: a DOI given as ``[DOI](https://doi.org/…)`` or as a
    linked title belongs to the reference the link is in), else ``link`` (a link target the
    body's blocks no longer hold)."""
    lowered = _Blocks([block.text.lower() for block in clean.blocks], "\n")
    found = lowered.first_holding(clean.dois)
    unplaced = [doi for doi in clean.dois if found.get(doi) is None]
    if unplaced:
        squeezed = _Blocks([re.sub(r"\s+", "", text) for text in lowered.texts], "")
        found.update(squeezed.first_holding(unplaced))
    where = {doi: f"blocks/{found[doi]}" for doi in clean.dois if found.get(doi) is not None}
    if len(where) < len(clean.dois):
        where = _linked(clean, where)
    return [{"doi": doi, "location": where.get(doi, "link")} for doi in clean.dois]


def _linked(clean: CleanPost, where: dict[str, str]) -> dict[str, str]:
    """``where`` with each DOI it lacks placed at the first block (item) whose link targets
    it."""
    placed = dict(where)
    for i, block in enumerate(clean.blocks):
        for item, href, *_ in block.links:
            for doi in find_dois((), (href,)):
                placed.setdefault(doi, f"blocks/{i}" if item is None
                                  else f"blocks/{i}/items/{item}")
    return placed


class _Blocks:
    """Block texts joined, searched at once (searching them one by one made a post citing
    forty works read its text forty times in Python). Joined by a line break, which no DOI
    holds, a DOI is found in the first block that holds it whole; joined by nothing, in the
    block it starts in."""

    def __init__(self, texts: list[str], separator: str) -> None:
        self.texts = texts
        self.joined = separator.join(texts)
        self.starts = list(itertools.accumulate(
            (len(t) + len(separator) for t in texts[:-1]), initial=0))

    def first_holding(self, dois: Sequence[str]) -> dict[str, int | None]:
        """Each DOI → the block of its first occurrence in the joined text, or None.

        Every DOI begins ``10.``, so it can only occur where the text has ``10.``: those
        places are sorted by the text that follows each, and a DOI's occurrences are the
        run of places whose text begins with it. One pass over the text and a binary search
        per DOI: a search of the whole text per DOI made a page citing 20,000 works take
        seconds (and each DOI's first occurrence is the same as that search finds)."""
        width = max((len(doi) for doi in dois), default=0)
        text = self.joined
        places = []
        at = text.find("10.")
        while at != -1:
            places.append((text[at:at + width], at))
            at = text.find("10.", at + 1)
        places.sort()
        keys = [key for key, _ in places]
        out: dict[str, int | None] = {}
        for doi in dois:
            if not doi.startswith("10."):  # not a DOI as the finder gives them: searched
                at = text.find(doi) if doi else -1
            else:
                first = bisect.bisect_left(keys, doi)
                last = first
                while last < len(keys) and keys[last].startswith(doi):
                    last += 1
                at = min((where for _, where in places[first:last]), default=-1)
            out[doi] = None if at == -1 else bisect.bisect_right(self.starts, at) - 1
        return out


def image_entry(asset: Asset) -> dict[str, Any]:
    entry: dict[str, Any] = {"original": asset.original, "status": asset.status}
    if asset.address:
        entry["address"] = asset.address
    if asset.status == "stored":
        entry.update(asset=asset.logical_path, sha256=asset.sha256, media_type=asset.media_type,
                     width=asset.width, height=asset.height)
    else:
        entry["reason"] = asset.reason
    return entry


def _account(clean: CleanPost, **fields: str) -> dict[str, Any]:
    """An account as the record holds it: each of its parts (``name``, ``id``, ``biz``) the
    post gives, from the field ``fields`` names for it."""
    return {part: value for part, field in fields.items() if (value := _value(clean, field))}


def body_of(clean: CleanPost) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The record's ``blocks`` and ``citations`` (each DOI with the reference it is printed
    in): the part of the record that is the most work to make, and needs nothing but the
    cleaned post, so that ``ingest --jobs`` makes it in the worker that cleaned the post."""
    blocks = [b.to_json() for b in clean.blocks]
    citations = _citations(clean)
    _with_raw(citations, blocks)
    return blocks, citations


def build_record(raw: RawPost, clean: CleanPost, assets: list[Asset],
                 identity: Identity, object_id: str | None = None,
                 body: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None
                 ) -> dict[str, Any]:
    """The record; its ``id`` is the object it is filed under: ``object_id`` when the archive
    knew the post first by another of its names, else the one ``identity`` gives. ``body``:
    what :func:`body_of` made of ``clean`` already (made here when not given)."""
    error_page = clean.kind in ("deleted", "blocked", "unavailable")
    blocks, citations = body if body is not None else body_of(clean)
    account = _account(clean, name="account", id="account_id", biz="biz")
    record: dict[str, Any] = {
        "schema_version": RECORD_SCHEMA_VERSION,
        "id": object_id or identity.object_id,
        "identity": {"basis": identity.basis, "value": identity.value},
        "kind": clean.kind,
        "title": _value(clean, "title"),
        "account": account,
        "author": _value(clean, "author"),
        "published": _value(clean, "published"),
        "url": _value(clean, "url"),
        "source_url": _value(clean, "source_url"),
        "original_url": _value(clean, "original_url"),
        "mid": _value(clean, "mid"),
        "idx": _value(clean, "idx"),
        "column": clean.column,
        "series": clean.series,
        "tags": list(_value(clean, "tags") or []),
        "credits": clean.credits,
        "summary": None if error_page else _value(clean, "summary"),
        "blocks": blocks,
        "text": clean.text,
        "images": [image_entry(a) for a in assets],
        "citations": citations,
    }
    original = _account(clean, name="original_account", id="original_account_id")
    if original:  # a reprint's (or a shared article's) own account; most posts have none
        record["original_account"] = original
    return record


def _with_raw(citations: list[dict[str, Any]], blocks: list[dict[str, Any]]) -> None:
    """Each DOI given the reference it is printed in (``raw``), whole: the lines of one
    reference joined, as ``verify`` reads and checks it (NFKC, no invisible characters: the
    block at its ``location`` keeps the text as printed), so that what the post claims for
    the DOI can be read beside it, in the words a verify report quotes (a DOI given as a
    reference's link after it, as verify binds them). A DOI printed alone, or only in a link
    of no reference, has none."""
    if not citations:
        return
    wanted = {citation["doi"] for citation in citations}
    printed: dict[str, str] = {}
    for text, _where in citations_of({"blocks": blocks, "citations": citations}):
        for doi in find_dois([text]):
            if doi in wanted:
                printed.setdefault(doi, text)
    for citation in citations:
        text = printed.get(citation["doi"])
        if text and text.strip() != citation["doi"]:
            citation["raw"] = text


def build_provenance(raw: RawPost, clean: CleanPost, assets: list[Asset], identity: Identity,
                     source_name: str, event_time: str, aliases: list[str] | None = None,
                     source_path: str | None = None,
                     place: Callable[[str], str] | None = None) -> dict[str, Any]:
    """How the record was made. ``aliases``: the post's other ids (those of this save and
    those earlier versions knew), so that another save of it that knows only one of them
    is filed in the same object. ``source_path``: the saved file's path relative to the
    archive, which tells the next ingest whether a file it reads is the one this version
    was made from (an edit of it) or another save of the post. ``place``: how the archive
    names a local file an image was read from (its absolute path, which the reader gives,
    made relative to the archive as ``source_path`` is); without it, the absolute path."""
    source = {"name": source_name, "logical_path": f"source/{source_name}",
              "sha512": raw.data_sha512, "size": len(raw.data), "format": raw.format,
              "reader": READER_OF[raw.format]}
    if source_path is not None:
        source["path"] = source_path
    return {
        "tool": {"name": "archiver", "version": __version__, "code": code_fingerprint()},
        "event": {"type": "ingestion", "premis": "http://id.loc.gov/vocabulary/preservation/"
                  "eventType/ing", "datetime": event_time},
        "source": source,
        "identity": {"basis": identity.basis, "value": identity.value},
        "aliases": sorted(aliases or []),
        "fields": {name: item.source for name, item in sorted(clean.meta.items())},
        "fetched": _value(clean, "fetched"),
        "cleaning_steps": list(clean.steps),
        "notes": list(raw.notes),
        "container": raw.container,
        "images": [{"original": a.original, "status": a.status,
                    "origin": place(a.origin) if place and a.origin and os.path.isabs(a.origin)
                    else a.origin, "sha256": a.sha256, "reason": a.reason} for a in assets],
        "events": [{"premis": "fixity check", "detail": "sha512 of every stored file in the "
                    "OCFL inventory"},
                   {"premis": "format identification", "detail": "image types sniffed from "
                    "bytes with Pillow"}],
    }


def safe_source_name(path: Path) -> str:
    """The source file's name as stored under ``source/`` (no folders, nothing unsafe)."""
    name = path.name.replace("\\", "_").replace("/", "_").strip() or "source"
    if name in (".", ".."):
        name = "source"
    return name
