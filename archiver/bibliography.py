"""The archive's bibliography: its posts and the works they cite as ``archiver export``
writes them (BibTeX, biblatex, CSL-JSON, RIS), for the command and for a library caller
alike. The keys are the archive's own (given at ingest and at verification, never changed),
which is why this reads the archive's index and is no part of :mod:`archiver.export`."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any

from archiver.errors import DamagedObject
from archiver.export import FORMATS, export, works_of
from archiver.export.works import Work
from archiver.index import known_works, load_index, taken_keys
from archiver.model import post_ids
from archiver.store import Archive, an_archive

__all__ = ["FORMATS", "archive_works", "export_archive"]

# how many distinct citations an export keeps read: the same work cited by many posts (a
# series, an account's reading lists, a post archived in several versions) is read once
_PARSED_KEPT = 4096


def _each_text_parsed_once(parse: Callable[[str], dict[str, Any]]
                           ) -> Callable[[str], dict[str, Any]]:
    """``parse``, each text read once (a copy of its fields given each time, which the
    export may change): an export with ``--include-unverified`` read every citation of
    every post anew, 2 ms each, ten times the time of the export without them."""
    kept = functools.lru_cache(maxsize=_PARSED_KEPT)(parse)
    return lambda text: copy.deepcopy(kept(text))


def archive_works(archive: Archive, object_ids: Iterable[str] | None = None, *,
                  posts: bool = True, cited: bool = False, include_unverified: bool = False,
                  on_skip: Callable[[str, str], Any] | None = None,
                  on_damaged: Callable[[str, DamagedObject], Any] | None = None,
                  on_object: Callable[[str], Any] | None = None,
                  rebuilding: Callable[[str], AbstractContextManager[Any]] | None = None
                  ) -> Iterable[Work]:
    """The works an export of ``object_ids`` (full ids; every post by default) writes: the
    posts (unless not ``posts``) and, with ``cited``, the works they cite whose verification
    the posts keep (and, with ``include_unverified``, those not verified, read from the
    citations as written). The callbacks are :func:`archiver.export.works_of`'s, and
    ``rebuilding`` :func:`archiver.index.load_index`'s."""
    from archiver.citations.parse import parse_reference
    from archiver.citations.verify import citations_of

    index = load_index(archive, rebuilding=rebuilding)
    ids = post_ids(archive.object_ids()) if object_ids is None else object_ids
    return works_of(archive, ids, posts=posts, cited=cited,
                    include_unverified=include_unverified, on_skip=on_skip,
                    parse=_each_text_parsed_once(parse_reference),
                    citations_in=citations_of,
                    reserved=taken_keys(index), known=known_works(index),
                    on_damaged=on_damaged, on_object=on_object,
                    keys={object_id: entry["key"] for object_id, entry in index.items()})


def export_archive(archive: Archive, fmt: str, object_ids: Iterable[str] | None = None, *,
                   cited: bool = False, only_cited: bool = False,
                   include_unverified: bool = False) -> str:
    """The text of an export of the archive in ``fmt`` (one of :data:`FORMATS`), as
    ``archiver export FMT [ID…] [--cited | --only-cited] [--include-unverified]`` writes it.
    A post with nothing to cite is left out (``archive_works``' ``on_skip`` says which);
    a damaged one raises :class:`DamagedObject`. Also raised: :class:`UsageError` for a
    format that is none of :data:`FORMATS` (``html`` is the command's alone: it writes a
    folder) or an archive that is not an :class:`Archive`, :class:`NotFound` for an id the
    archive does not hold."""
    an_archive(archive)
    parts: list[str] = []
    export(archive_works(archive, object_ids, posts=not only_cited, cited=cited or only_cited,
                         include_unverified=include_unverified), fmt, parts.append)
    return "".join(parts)
