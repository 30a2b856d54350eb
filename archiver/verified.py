"""A post's verification kept in its object: ``citations.json`` in a new version when the
outcome changed, the keys given to the works it cites, and what a new version of the post
carries over from its head. Also the verifier the commands use (the configured Crossref
server and the on-disk cache)."""

from __future__ import annotations

import logging
import urllib.parse
from collections.abc import Callable, Collection, Iterable, Mapping
from contextlib import ExitStack
from typing import Any

from archiver import schema
from archiver.canonical import dumps, sha512_hex, utc_now
from archiver.citations.cache import Cache
from archiver.citations.crossref import CrossrefClient
from archiver.citations.notices import withdrawn
from archiver.citations.verify import CitationResult, Verifier, count_statuses
from archiver.config import Config, default_cache_dir
from archiver.errors import (
    ArchiveBusy,
    ArchiveError,
    ArchiveReadOnly,
    DamagedObject,
    ObjectRefused,
    PostChanged,
    UsageError,
)
from archiver.export.keys import unique
from archiver.export.works import cited_key
from archiver.index import (
    CITATIONS_NAME,
    cited_keys,
    known_works,
    load_index,
    mark_index_stale,
    taken_keys,
)
from archiver.model import NOT_VERIFIED_YET, post_ids, statuses_shown
from archiver.store import Archive, an_archive
from archiver.version import __version__, code_fingerprint

_log = logging.getLogger("archiver.verify")  # --verbose (archiver.cli.steps)


def make_verifier(config: Config, offline: bool = False) -> Verifier:
    """A verifier on the configured Crossref server, with the on-disk cache."""
    from archiver.citations.parse import parse_reference
    url = urllib.parse.urlsplit(config.crossref_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise UsageError(f"the Crossref URL {config.crossref_url!r} is not an http(s) URL",
                         hint="--crossref-url, ARCHIVER_CROSSREF_URL or crossref_url in "
                              "archiver.toml; e.g. https://api.crossref.org")
    client = CrossrefClient(base_url=config.crossref_url, mailto=config.mailto,
                            timeout=config.http_timeout,
                            cache=Cache(default_cache_dir(config)), offline=offline)
    return Verifier(client, parse=parse_reference)


def _outcome_digest(citations: list[dict[str, Any]]) -> str:
    """What a verification concluded (report entries), without when or from which server
    (Crossref, or a mirror of it) the evidence was fetched or whether it came from the cache
    (nor the details of Crossref's record added to the evidence since it was first kept, nor
    its notices other than a retraction, a withdrawal or a removal of the work),
    nor why a citation could not be checked this time (offline, no DNS, a refused
    connection): run after run without Crossref is one outcome, unresolved, not a new version
    each time."""
    stable = []
    for data in citations:
        if data.get("status") == "unresolved":
            data = {k: v for k, v in data.items() if k != "reason"}
        if data.get("evidence"):
            evidence = {k: v for k, v in data["evidence"].items()
                        if k not in ("source", "fetched", "cached")}
            if isinstance(evidence.get("work"), dict):
                evidence["work"] = _as_first_kept(evidence["work"])
            # a retraction is news; a correction, or any notice a version of archiver that
            # did not read notices left out, is not worth a version by itself
            kept = withdrawn(evidence.pop("notices", None) or [])
            if kept:
                evidence["notices"] = kept
            data = {**data, "evidence": evidence}
        stable.append(data)
    return sha512_hex(dumps(stable))


def _as_first_kept(work: dict[str, Any]) -> dict[str, Any]:
    """Crossref's record in brief without what later versions of archiver added to it (the
    issued date, name suffixes, the editors): an upgrade alone is no new outcome, and adds
    no version."""
    work = {k: v for k, v in work.items() if k not in ("issued", "editor")}
    if isinstance(work.get("author"), list):
        work["author"] = [{k: v for k, v in a.items() if k != "suffix"}
                          if isinstance(a, dict) else a for a in work["author"]]
    return work


def _kept_where_unresolved(new: list[dict[str, Any]], old: list[dict[str, Any]]
                           ) -> list[dict[str, Any]]:
    """The new report entries, except that a citation this run could not check (offline,
    Crossref unreachable) keeps the verdict an earlier run reached for it: not being able to
    ask again is no news about the citation. A citation written otherwise since (an edit, or
    an older archiver's reading of the post) keeps a verdict on its DOI alone
    (:func:`_unfound_dois`)."""
    earlier = {(e.get("text"), e.get("location")): e for e in old
               if e.get("status") != "unresolved"}
    unfound = _unfound_dois(old)
    kept = []
    for entry in new:
        if entry["status"] == "unresolved":
            before = earlier.get((entry.get("text"), entry.get("location")))
            if before is None and entry.get("doi"):
                before = _moved(unfound.get(str(entry["doi"]).lower()), entry["text"],
                                entry.get("location"))
            entry = before or entry
        kept.append(entry)
    return kept


def _unfound_dois(entries: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """DOI (lower case) → a kept verdict that rests on the DOI alone, whatever else the
    citation says: ``not_found``, Crossref having no work under it (or the DOI printed being
    none). A citation whose text changed but whose DOI did not keeps it; any other verdict
    compared the text, and must be reached again."""
    return {str(e["doi"]).lower(): e for e in entries
            if e.get("status") == "not_found" and e.get("doi")
            and set(e.get("fields") or {}) == {"doi"} and not (e.get("evidence") or {}).get("work")}


def _moved(entry: dict[str, Any] | None, text: str, location: str | None
           ) -> dict[str, Any] | None:
    """A kept verdict, given to the citation ``text`` that now stands at ``location``: the
    same citation moved, or another wording of one whose verdict is on its DOI alone
    (:func:`_unfound_dois`)."""
    if entry is None:
        return None
    moved = {k: v for k, v in entry.items() if k != "location"}
    moved["text"] = text
    if location:
        moved["location"] = location
    return moved


def carried_citations(archive: Archive, object_id: str, record: dict[str, Any]
                      ) -> bytes | None:
    """The ``citations.json`` a new version of a post keeps: the verdicts the head holds for
    the citations the new record still makes, at their new places. An edit elsewhere in the
    post, or its images fetched at last, is no news about its citations; a citation that is
    gone takes its verdict with it, and a new one is kept ``unresolved`` (:data:`NOT_VERIFIED_
    YET`) until the next verify, unless its DOI has a verdict of its own (a changed citation
    keeps Crossref's 404 for its DOI, :func:`_unfound_dois`): the kept verification counts
    every citation the post makes, so that ``list`` does not show a post with an unchecked
    citation as all verified (nor a post verified before, whose every citation an edit
    changed, as never verified: its citations are all ``unresolved`` then). None when the
    head holds no verdicts, or the post now makes no citation."""
    from archiver.citations.cited import strip_doi_and_urls
    from archiver.citations.verify import CitationResult, citations_of

    if CITATIONS_NAME not in archive.versions(object_id)[-1].state:
        return None
    head = archive.read_json(object_id, CITATIONS_NAME)
    old = head.get("citations", [])
    placed = {(e.get("text"), e.get("location")): e for e in old}
    by_text: dict[str, dict[str, Any]] = {}
    for entry in old:
        by_text.setdefault(entry.get("text"), entry)
    unfound = _unfound_dois(old)
    kept = []
    for text, where in citations_of(record):
        entry = placed.get((text, where)) or by_text.get(text)
        doi = None
        if entry is None:  # a citation new, or written otherwise: a verdict on its DOI alone
            doi = strip_doi_and_urls(text)[1]
            entry = unfound.get(doi.lower()) if doi else None
        kept.append(_moved(entry, text, where) or CitationResult(  # (in the post's order)
            text, doi, "unresolved", reason=NOT_VERIFIED_YET, location=where).to_json())
    if not kept:
        return None
    document = {"citations": kept, "summary": count_statuses(e["status"] for e in kept)}
    if "event" in head:  # the verification the kept verdicts come from, carried with them
        document["event"] = head["event"]
    schema.validate("verify-report", document, path=f"{object_id} {CITATIONS_NAME}")
    return dumps(document)


class CitedKeys:
    """The keys of the works posts cite, given when a verification is kept (in the post's
    ``citations.json``, beside Crossref's record) and never changed after: a work cited by
    several posts has one key, and a new key is one no post and no other work has. Keys made
    at export time would depend on which works an export holds and in what order."""

    def __init__(self, index: dict[str, Any]) -> None:
        self.taken = taken_keys(index)  # a post archived before keys were stored included
        self.by_doi = known_works(index)

    def give(self, entries: list[dict[str, Any]], earlier: dict[str, str],
             unkeyed: Collection[str] = ()) -> None:
        """Key each entry that has Crossref's record: the key its DOI had in this post
        (``earlier``) or in another, else a new one; for a DOI in ``unkeyed`` (this post's
        verification kept it before keys were given), the one its exports have made."""
        for entry in entries:
            work = (entry.get("evidence") or {}).get("work") or {}
            doi = str(work.get("DOI") or "").lower()
            if not doi:
                continue
            key = earlier.get(doi) or self.by_doi.get(doi) or unique(
                cited_key(work, transliterate=doi not in unkeyed), self.taken)
            self.taken.add(key)
            self.by_doi[doi] = entry["key"] = key


def _unkeyed(kept: list[dict[str, Any]]) -> set[str]:
    """The DOIs (lower case) a kept verification has Crossref's record for but no key: it
    was kept before works were given keys, and its exports have made the keys since."""
    dois = set()
    for entry in kept:
        work = (entry.get("evidence") or {}).get("work") or {}
        if work.get("DOI") and not entry.get("key"):
            dois.add(str(work["DOI"]).lower())
    return dois


def head_record(archive: Archive, object_id: str) -> tuple[dict[str, Any], str]:
    """A post's record as its head holds it, and the record's digest there: the one
    :func:`store_citations` finds unchanged before it keeps what was checked of it."""
    head = archive.versions(object_id)[-1]
    return (archive.read_json(object_id, "record.json", head.number),
            head.state.get("record.json", ""))


def store_citations(archive: Archive, object_id: str, results: list[CitationResult],
                    keys: CitedKeys | None = None, user: dict[str, str] | None = None,
                    read: str | None = None) -> str | None:
    """Keep a post's verification in its object's ``citations.json``; a new version only when
    the outcome changed (a verification kept before works were given keys gets them then).
    ``keys``: the run's :class:`CitedKeys` (made from the list index when not given);
    ``user``: the version's user (:meth:`Config.version_user`); ``read``: the digest of the
    record the citations were read from, which must still be the head's (else
    :class:`PostChanged`: an ingest made a new version meanwhile, whose citations were not
    checked). Returns the new version, or None."""
    head, entries, new = _to_keep(archive, object_id, results, keys, read)
    if not new:
        _say_why_no_version(object_id, results, head)
        return None
    # each read checked against its digest, under the lock: the new version may share them
    files = {path: archive.read_bytes(object_id, path) for path in head.state}
    digests = {path: digest for path, digest in head.state.items() if path != CITATIONS_NAME} \
        if archive.inventory(object_id).get("digestAlgorithm") == "sha512" else None
    document = {"citations": entries,
                "summary": count_statuses(entry["status"] for entry in entries),
                # this version's own event: its provenance.json is the ingestion's, carried
                "event": {"type": "validation", "premis": "http://id.loc.gov/vocabulary/"
                          "preservation/eventType/val", "datetime": utc_now(),
                          "tool": {"name": "archiver", "version": __version__,
                                   "code": code_fingerprint()}}}
    schema.validate("verify-report", document, path=f"{object_id} {CITATIONS_NAME}")
    files[CITATIONS_NAME] = dumps(document)
    mark_index_stale(archive)  # the index names the head: the next reader rebuilds it
    version = archive.commit(object_id, files, message="verify citations", digests=digests,
                             user=user, shared_checked=frozenset(head.state.values())).version
    _log.info("%s: %s committed (verify citations: %s)", object_id, version,
              statuses_shown(document["summary"]))
    return version


def _say_why_no_version(object_id: str, results: list[CitationResult], head: Any) -> None:
    """Tell ``--verbose`` why a post's verification made no version: the outcome kept, or
    nothing checked this time (a first one that learnt nothing needs no word)."""
    if CITATIONS_NAME in head.state:
        _log.info("%s: %s: no new version", object_id,
                  "the verification came out as the one kept" if any(
                      r.status != "unresolved" for r in results) else
                  "nothing could be checked this time; the verification kept stands")


def _to_keep(archive: Archive, object_id: str, results: list[CitationResult],
             keys: CitedKeys | None, read: str | None) -> tuple[Any, list[dict[str, Any]], bool]:
    """The post's head, the report entries its verification would keep (keyed by ``keys``),
    and whether they are new: an outcome other than the one kept, or a first one that learnt
    something (all unresolved, nothing was learnt: no version says so). Only reads, so that
    a run can tell it has nothing to keep without taking the writer's lock."""
    head = archive.versions(object_id)[-1]
    if read is not None and head.state.get("record.json") != read:
        raise PostChanged(f"{object_id} was changed while its citations were checked (its "
                          f"head is now {head.number}): the results are of the version read, "
                          "and are not kept", path=archive.root,
                          hint=f"run `archiver verify {object_id}` again")
    entries = [r.to_json() for r in results]
    old: list[dict[str, Any]] | None = None
    if CITATIONS_NAME in head.state:
        old = archive.read_json(object_id, CITATIONS_NAME).get("citations", [])
        entries = _kept_where_unresolved(entries, old)
    elif all(entry["status"] == "unresolved" for entry in entries):
        return head, entries, False
    keys = keys or CitedKeys(load_index(archive))
    keys.give(entries, cited_keys({"citations": old}), _unkeyed(old or []))
    return head, entries, old is None or _outcome_digest(old) != _outcome_digest(entries)


def verify_posts(archive: Archive, config: Config, object_ids: Iterable[str] | None = None,
                 *, keep: bool = True, offline: bool = False,
                 on_result: Callable[[CitationResult], None] | None = None,
                 wait: bool = False) -> dict[str, list[CitationResult]]:
    """Check the citations of archived posts (``object_ids``, full ids; all by default)
    against the configured Crossref server, as ``archiver verify`` does: each post's results,
    in the order the post makes its citations. With ``keep``, each post's are kept in its
    object (a new version only when the outcome changed, :func:`store_citations`). Crossref
    out of reach (or ``offline``): every citation the cache cannot answer is ``unresolved``,
    with the reason; nothing is ever called verified without Crossref's record. A damaged
    object raises :class:`DamagedObject` before anything is checked (the command names it
    and checks the others).

    Keeping the results takes the archive's writer lock once the citations are checked
    (none is held while Crossref is asked; none is needed when no post's outcome changed):
    another writer holding it (an ingest) raises :class:`~archiver.errors.ArchiveBusy` then,
    unless ``wait``, which waits for it (the answers are cached either way: a run again asks
    Crossref nothing it answered). Also raises :class:`~archiver.errors.NotFound` for an id
    the archive does not hold, and :class:`~archiver.errors.PostChanged` when an ingest made
    a new version of a post while its citations were checked (the other posts' results are
    kept)."""
    from archiver.citations.verify import citations_of

    an_archive(archive)
    ids = list(dict.fromkeys([object_ids] if isinstance(object_ids, str) else (
        post_ids(archive.object_ids()) if object_ids is None else object_ids)))  # each
    # post once (and no other tool's objects)
    items = []
    read: dict[str, str] = {}  # the digest of each record read: still the head's when kept
    for object_id in ids:
        record, read[object_id] = head_record(archive, object_id)
        items += [(text, where, object_id) for text, where in citations_of(record)]
    results = make_verifier(config, offline=offline).verify_all(
        [(text, where) for text, where, _ in items], on_result=on_result)
    by_post: dict[str, list[CitationResult]] = {object_id: [] for object_id in ids}
    for (_text, _where, object_id), result in zip(items, results, strict=True):
        by_post[object_id].append(result)
    if keep and items:
        keep_results(archive, {k: v for k, v in by_post.items() if v}, config.version_user(),
                     read=read, wait=wait)
    return by_post


def _keys_if_nothing_to_keep(archive: Archive, by_post: Mapping[str, list[CitationResult]],
                             read: Mapping[str, str]) -> CitedKeys | None:
    """The keys of a run whose every post would keep nothing new (each told to
    ``--verbose``), read without the lock; None when one would keep something, or cannot
    be told: changed since it was read, damaged, or in the middle of another writer's
    commit (the lock's refusal is then the answer, as it was without this check)."""
    keys = CitedKeys(load_index(archive))
    heads = {}
    try:
        for object_id, results in by_post.items():
            head, _, new = _to_keep(archive, object_id, results, keys, read.get(object_id))
            if new:
                return None
            heads[object_id] = head
    except ArchiveError:
        return None
    for object_id, head in heads.items():
        _say_why_no_version(object_id, by_post[object_id], head)
    return keys


def keep_results(archive: Archive, by_post: Mapping[str, list[CitationResult]],
                 user: dict[str, str] | None = None,
                 on_kept: Callable[[str, str | None], None] | None = None,
                 read: Mapping[str, str] | None = None, *, wait: bool = False,
                 on_wait: Callable[[], None] | None = None,
                 on_changed: Callable[[str, ArchiveError], None] | None = None
                 ) -> dict[str, str]:
    """Keep each post's results in its object (:func:`store_citations`), under one hold of
    the writer's lock, the works' keys given by one :class:`CitedKeys`; ``on_kept(post,
    version)`` once each post is written whole (``version`` None where its outcome did not
    change); ``read``: post → the digest of the record its citations were read from
    (:func:`store_citations`). With ``wait``, another writer (an ingest) is waited for,
    ``on_wait`` called once first, instead of raising :class:`ArchiveBusy`. A post another
    writer changed since it was read keeps nothing, and the others still keep theirs (a
    change to one post had lost the results of the posts after it): ``on_changed(post,
    error)`` is told of each, else the first is raised once the others are kept; so is a
    post whose object is damaged, or takes no version (another tool's). Returns the
    key each cited work (DOI, lower case) has in the archive. A run with nothing new to
    keep (each post's outcome the one kept) needs no lock: another writer holding it, or an
    archive it may not write, neither refuses it nor makes it wait (that is checked only
    when the lock is refused: a run that takes it reads each post once; a refused one reads
    each post again, and the list index too, rebuilt if a writer left it stale)."""
    changed: list[ArchiveError] = []
    with ExitStack() as held:
        try:
            held.enter_context(archive.writer())
        except (ArchiveBusy, ArchiveReadOnly) as refused:
            unchanged = _keys_if_nothing_to_keep(archive, by_post, read or {})
            if unchanged is not None:
                if on_kept is not None:
                    for object_id in by_post:
                        on_kept(object_id, None)
                return unchanged.by_doi
            if not wait or not isinstance(refused, ArchiveBusy):
                raise
            held.enter_context(archive.writer(wait=True, on_wait=on_wait))
        keys = CitedKeys(load_index(archive))
        for object_id, results in by_post.items():
            try:
                version = store_citations(archive, object_id, results, keys, user,
                                          (read or {}).get(object_id))
            except (PostChanged, DamagedObject, ObjectRefused) as exc:  # this post keeps
                # nothing (changed meanwhile; damaged; another tool's); the others keep theirs
                if on_changed is None:
                    changed.append(exc)
                else:
                    on_changed(object_id, exc)
                continue
            if on_kept is not None:
                on_kept(object_id, version)
    if changed:
        raise changed[0]
    return keys.by_doi
