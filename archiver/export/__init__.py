"""Exports for librarians: BibTeX/biblatex, CSL-JSON and RIS of posts and the works they cite.

:func:`export` streams: it reads one record at a time from the archive and writes its entries
before reading the next, so memory does not grow with the size of the archive.

What an entry holds, and how untitled posts and error pages (deleted, blocked, unavailable) are
exported, is set out in :mod:`archiver.export.works`. A post with nothing to cite (an error page
with no title, URL or account) is never written as an empty entry: :func:`works_of` skips it
and tells ``on_skip`` which post and why, and :func:`uncitable_posts` lets a caller that was
asked for particular posts refuse before writing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol

from archiver.errors import DamagedObject, UsageError
from archiver.export.formats import bibtex_entry, csl_json_line, ris_record
from archiver.export.works import (
    NEVER_VERIFIED,
    CitationsIn,
    Parse,
    Work,
    cited_works,
    post_key,
    post_work,
    uncitable,
    unverified,
)
from archiver.model import NOT_VERIFIED_YET

# the formats :func:`export` writes (``archiver export html`` is a site, written by
# :mod:`archiver.export.site`)
FORMATS = ("biblatex", "bibtex", "csl-json", "ris")


class Source(Protocol):
    """What export needs of an archive: the head files of each object."""

    def read_json(self, object_id: str, logical: str, version: str | None = None) -> Any: ...

    def versions(self, object_id: str) -> list[Any]: ...


def _ids(object_ids: Iterable[str]) -> Iterable[str]:
    """The ids asked for: one id given alone, as a string, is that id, not its characters."""
    return (object_ids,) if isinstance(object_ids, str) else object_ids


def uncitable_posts(archive: Source, object_ids: Iterable[str]) -> list[tuple[str, str]]:
    """``(object id, reason)`` for each of ``object_ids`` that has nothing to cite."""
    out = []
    for object_id in _ids(object_ids):
        reason = uncitable(archive.read_json(object_id, "record.json"))
        if reason:
            out.append((object_id, reason))
    return out


def works_of(archive: Source, object_ids: Iterable[str], posts: bool = True,
             cited: bool = False, include_unverified: bool = False,
             on_skip: Callable[[str, str], Any] | None = None,
             parse: Parse | None = None, citations_in: CitationsIn | None = None,
             reserved: Iterable[str] = (), known: Mapping[str, str] | None = None,
             on_damaged: Callable[[str, DamagedObject], Any] | None = None,
             on_object: Callable[[str], Any] | None = None,
             keys: Mapping[str, str] | None = None
             ) -> Iterable[Work]:
    """The works to export, one object at a time. A post with nothing to cite is left out,
    and ``on_skip(object_id, reason)`` is told, so that no run drops a post silently.

    Each post and each cited work is written once per run: a post id given twice is exported
    once, and a work (DOI) cited by several posts, or twice by one, is exported where it is
    first met (a duplicate entry would get a second key, ``…a``, for the same work). A DOI
    that any of these posts' verifications has Crossref's record for is written from that
    record alone, never also from another post's unverified citation of it.

    With ``include_unverified``, the citations ``citations_in`` finds in a record that no
    verification covers (the post was never verified, or an edit added them since) are
    exported too, each marked as never checked; ``parse`` reads the fields of a citation no
    Crossref record stands behind (the citations layer gives both).

    ``reserved``: the keys of every post in the archive, so that a cited work never takes
    one, whichever posts this run exports and in whatever order. ``known``: DOI (lower
    case) → the key the archive gave each work it holds a verification of (the list index
    has them, earlier versions' included): such a work is exported under that key however
    this run meets it, from Crossref's record or from a citation as written. ``keys``:
    object id → the key the archive gives the post (the list index has them): the key of a
    post archived before records kept their keys, which its record cannot make unique alone.

    A damaged object (a file of it gone or altered) raises :class:`DamagedObject`, or, given
    ``on_damaged``, is left out whole, none of its works written, and ``on_damaged(object_id,
    problem)`` is told: one damaged post must not keep the others from a bibliography (the
    caller still fails the run, so that a script knows).

    ``on_object(object_id)`` is told once each object is done with, its works read (or it is
    left out): a progress bar's step (an export of 100k posts takes minutes)."""
    taken = _Journal(reserved)
    exported = _Journal()  # the DOIs of the cited works written so far
    object_ids = list(dict.fromkeys(_ids(object_ids)))
    if cited and include_unverified:
        # a DOI some post's kept verification has Crossref's record for is written from
        # that record, wherever it is met: never also from a citation as written
        exported.update(f"?{doi}" for doi in _recorded_dois(archive, object_ids, posts,
                                                             on_damaged is not None))
    for object_id in object_ids:
        taken.mark(), exported.mark()
        try:  # an object's works are read whole before any is written
            found = list(_object_works(archive, object_id, posts, cited, include_unverified,
                                       on_skip, parse, citations_in, known, taken, exported,
                                       (keys or {}).get(object_id)))
        except DamagedObject as problem:
            if on_damaged is None:
                raise
            taken.undo(), exported.undo()  # as if the object were not there
            on_damaged(object_id, problem)
            found = []
        if on_object is not None:
            on_object(object_id)
        yield from found


class _Journal(set[str]):
    """A set that can take back what was added to it since :meth:`mark`: a damaged object's
    keys and DOIs, once it is found damaged part-way. (A copy of the set before each object
    made an export of N posts take time in N²: 100k posts, 4 times as long.)"""

    def __init__(self, items: Iterable[str] = ()) -> None:
        super().__init__(items)
        self._since: list[str] = []

    def mark(self) -> None:
        self._since.clear()

    def add(self, item: str) -> None:
        if item not in self:
            self._since.append(item)
            super().add(item)

    def undo(self) -> None:
        self.difference_update(self._since)
        self._since.clear()


def _object_works(archive: Source, object_id: str, posts: bool, cited: bool,
                  include_unverified: bool, on_skip: Callable[[str, str], Any] | None,
                  parse: Parse | None, citations_in: CitationsIn | None,
                  known: Mapping[str, str] | None, taken: set[str], exported: set[str],
                  key: str | None = None) -> Iterator[Work]:
    """The works of one object (:func:`works_of` says which), adding their keys to ``taken``
    and their DOIs to ``exported``; ``key``, the post's key, when its record keeps none."""
    state = archive.versions(object_id)[-1].state
    record = archive.read_json(object_id, "record.json")
    if key and not record.get("citation_key"):
        record = {**record, "citation_key": key}
    if posts:
        reason = uncitable(record)
        if reason:
            if on_skip is not None:
                on_skip(object_id, reason)
            return
        provenance = (archive.read_json(object_id, "provenance.json")
                      if "provenance.json" in state else None)
        work = post_work(record, provenance)
        taken.add(work.key)
        yield work
    else:  # a cited work's key is the same whether its posts are exported or not
        taken.add(post_key(record))
    if not cited:
        return
    checked: list[dict[str, Any]] = []
    if "citations.json" in state:
        checked = archive.read_json(object_id, "citations.json").get("citations") or []
    earlier: dict[str, tuple[str, str]] = {}
    if include_unverified and citations_in is not None:
        unchecked = [
            {"text": text, "location": where, "status": NEVER_VERIFIED,
             "reason": "no verdict of `archiver verify` is kept for this citation (it was "
                       "not run on it, or could not reach Crossref: an unresolved check "
                       "keeps none)"}
            for text, where in unverified(record, checked, citations_in)]
        if unchecked or any(e.get("reason") == NOT_VERIFIED_YET for e in checked):
            earlier = _earlier_verdicts(archive, object_id)
        checked = checked + unchecked
    yield from cited_works({"citations": checked}, include_unverified, taken, exported,
                           parse, known, earlier)


def _earlier_verdicts(archive: Source, object_id: str) -> dict[str, tuple[str, str]]:
    """DOI (lower case) → (version, verdict) of the latest verdict on a citation of it that
    the post's versions before its head kept (a citation a version kept only as "not verified
    yet" had none). A citation no verdict covers now, of such a DOI, was reworded by an edit
    after it was checked: it is not "never verified"."""
    found: dict[str, tuple[str, str]] = {}
    read: set[str] = set()  # citations.json digests: a version's is often the one before's
    for version in archive.versions(object_id)[:-1]:
        digest = version.state.get("citations.json")
        if not digest or digest in read:
            continue
        read.add(digest)
        for entry in archive.read_json(object_id, "citations.json",
                                       version.number).get("citations") or []:
            work = (entry.get("evidence") or {}).get("work") or {}
            doi = str(work.get("DOI") or entry.get("doi") or "").lower()
            if doi and entry.get("status") and entry.get("reason") != NOT_VERIFIED_YET:
                found[doi] = (version.number, entry["status"])
    return found


def _recorded_dois(archive: Source, object_ids: list[str], posts: bool,
                   pass_damaged: bool = False) -> set[str]:
    """The DOIs (lower case) the kept verifications of these posts have a Crossref record
    for (a post left out as having nothing to cite contributes none, and with
    ``pass_damaged`` neither does a damaged one: it is left out of the export, and said so
    when the export meets it)."""
    dois: set[str] = set()
    for object_id in object_ids:
        try:
            dois.update(_dois_verified_in(archive, object_id, posts))
        except DamagedObject:
            if not pass_damaged:
                raise
    return dois


def _dois_verified_in(archive: Source, object_id: str, posts: bool) -> set[str]:
    """The DOIs (lower case) one post's kept verification has a Crossref record for."""
    state = archive.versions(object_id)[-1].state
    if "citations.json" not in state or (
            posts and uncitable(archive.read_json(object_id, "record.json"))):
        return set()
    dois = set()
    for entry in archive.read_json(object_id, "citations.json").get("citations") or []:
        work = (entry.get("evidence") or {}).get("work") or {}
        if work.get("DOI"):
            dois.add(str(work["DOI"]).lower())
    return dois


def export(works: Iterable[Work], fmt: str, write: Callable[[str], Any]) -> int:
    """Write ``works`` in ``fmt`` (one of :data:`FORMATS`) through ``write``; returns how
    many were written. An unknown format is refused before anything is written, even when
    there are no works: a caller's typo must not pass for an empty export."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", hint=f"one of: {', '.join(FORMATS)}")
    count = 0
    if fmt == "csl-json":
        write("[")
        for work in works:
            write(("\n" if count == 0 else ",\n") + csl_json_line(work))
            count += 1
        write("\n]\n" if count else "]\n")
        return count
    for work in works:
        if fmt in ("biblatex", "bibtex"):
            write(("\n" if count else "") + bibtex_entry(work, fmt))
        else:
            write(ris_record(work))
        count += 1
    return count
