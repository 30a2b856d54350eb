"""The archive's list index: one line per post (title, account, date, head version, its key,
how its head's verification came out, and the keys given to the works it cites), kept under
the storage root's ``extensions/``.

It is derived data. Every ``list`` and export reads it instead of every object's record, and
it can always be rebuilt from the objects (and the receipts an ingest leaves): when it is
absent, unreadable, edited into something this tool would not write, possibly stale (a run
stopped between committing and rewriting it leaves :data:`STALE_NAME`), or naming an object
that is gone.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext, suppress
from typing import Any

from archiver.errors import ArchiverError, NotFound
from archiver.export.keys import unique
from archiver.export.works import post_key
from archiver.model import is_post_id
from archiver.ocfl_rules import VERSION_NAME as VERSION_NUMBER
from archiver.store import Archive

INDEX_NAME = "index.json"
# The receipts an ingest leaves (archiver.pipeline): they also keep the other ids a post had.
RECEIPTS_NAME = "receipts.json"
# Present while the list index may lag behind the objects: written before a writer's first
# commit, removed once the index is rewritten. A run that a crash (or kill -9) stopped leaves
# it, and the index is then rebuilt from the objects instead of trusted.
STALE_NAME = "index.stale"
# A post's verification, beside its record in each version (archiver.verified)
CITATIONS_NAME = "citations.json"


def index_entry(record: dict[str, Any], head: str, citations: dict[str, Any] | None = None,
                earlier: dict[str, str] | None = None, aliases: Iterable[str] = ()
                ) -> dict[str, Any]:
    """A post's line in the list index: what ``list`` shows (with ``citations``, the summary
    of the head's citations.json: how many citations have each status; None when the head
    holds no verification), its citation key, and the keys given to the works it cites
    (DOI → key): those of its ``citations`` and the ``earlier`` ones of its older versions.
    A key once given stays taken, even when an edit drops the citation: the work keeps it if
    it is cited again, and no other work gets it. ``aliases``: the post's other ids, as its
    head's provenance gives them."""
    entry = {"title": record.get("title"), "account": (record.get("account") or {}).get("name"),
             "published": record.get("published"), "kind": record.get("kind"), "head": head,
             "versions": int(head.lstrip("v")), "key": record.get("citation_key"),
             "citations": (citations or {}).get("summary")}
    cited = {**(earlier or {}), **cited_keys(citations)}
    if cited:
        entry["cited"] = cited
    if aliases:
        entry["aliases"] = sorted(aliases)
    return entry


def cited_keys(citations: dict[str, Any] | None) -> dict[str, str]:
    """DOI (lower case) → the key given to the work, of a ``citations.json``."""
    out: dict[str, str] = {}
    for entry in (citations or {}).get("citations") or []:
        work = (entry.get("evidence") or {}).get("work") or {}
        if entry.get("key") and work.get("DOI"):
            out.setdefault(str(work["DOI"]).lower(), entry["key"])
    return out


def taken_keys(index: dict[str, Any]) -> set[str]:
    """Every key given in the archive, to posts and to the works they cite: no two share one."""
    keys = {entry["key"] for entry in index.values() if entry.get("key")}
    keys.update(key for entry in index.values() for key in (entry.get("cited") or {}).values())
    return keys


def _key_unkeyed(index: dict[str, Any], unkeyed: dict[str, str]) -> None:
    """Key each post archived before records kept their keys: the key its exports made from
    its record (``unkeyed``: object id → that key), unless another post's record keeps it, a
    cited work has it, or such a post before it in id order took it; then that key followed
    by a, b …. Two such posts' exports made one key for both (two untitled posts of one
    account, say), and a post archived later could be given it. The rule reads the records
    and the keys kept (of posts and of cited works), so a rebuild keys them alike while those
    stand; the next version of such a post stores its key (the pipeline's ``key_for``)."""
    taken = taken_keys(index)
    for object_id in sorted(unkeyed):
        key = unique(unkeyed[object_id], taken)
        taken.add(key)
        index[object_id]["key"] = key


def known_works(index: dict[str, Any]) -> dict[str, str]:
    """DOI (lower case) → the key the archive gave the work, whichever post's verification
    (of its head or an earlier version) gave it: one work, one key, in every export."""
    return {doi: key for entry in index.values()
            for doi, key in (entry.get("cited") or {}).items()}


def load_json_extension(archive: Archive, name: str) -> dict[str, Any] | None:
    """A JSON object this tool keeps under ``extensions/`` (the index, the receipts), or None
    when it is absent or not one: derived data, rebuilt rather than trusted."""
    data = archive.read_extension_file(name)
    if data is None:
        return None
    try:
        loaded = json.loads(data)
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None


def load_index(archive: Archive, unreadable: list[str] | None = None,
               complete: bool = False,
               rebuilding: Callable[[str], AbstractContextManager[Any]] | None = None
               ) -> dict[str, Any]:
    """The list index (id → title, account, date, head); rebuilt if absent, unreadable,
    written by an older version of this tool (its lines lack a field), possibly stale (see
    :data:`STALE_NAME`), or naming an object that is gone. With ``complete`` (a listing of
    every post), also when it names fewer objects than the archive holds: an object folder
    put back from a backup by hand (a walk of every folder, which the commands that only
    need the posts' keys do not pay). The posts that cannot be read are added to
    ``unreadable``: they are in no index, and fsck says why. A rebuild reads every post's
    record, seconds in a large archive: ``rebuilding``, given why the index is not trusted,
    makes the context it runs in (a command's note that it is reading every post)."""
    index, why = _trusted(archive, complete)
    if index is not None:
        return index
    with rebuilding(why) if rebuilding is not None else nullcontext():
        return rebuild_index(archive, unreadable)


def trusted_index(archive: Archive, complete: bool = False) -> dict[str, Any] | None:
    """The list index as kept, when it can be trusted (see :func:`load_index`); else None:
    a writer then rebuilds it and writes it back."""
    return _trusted(archive, complete)[0]


def _trusted(archive: Archive, complete: bool) -> tuple[dict[str, Any] | None, str]:
    """The list index when it can be trusted, else None and why not."""
    if index_is_stale(archive):
        return None, "may lag (a run is writing, or one was stopped)"
    index = load_json_extension(archive, INDEX_NAME)
    if index is None:
        return None, "is missing or unreadable"
    if not well_formed(index):
        return None, "was edited, or kept by an older archiver"
    if _loses_objects(archive, index):
        return None, "names a post that is gone (run `archiver fsck`)"
    if complete and len(index) != archive.object_count():
        return None, "misses objects (run `archiver fsck`)"
    unkeyed = [object_id for object_id, entry in index.items() if not entry.get("key")]
    if unkeyed:  # an earlier archiver's index: its posts archived before keys were kept
        bases = {}
        for object_id in unkeyed:
            with suppress(ArchiverError):  # (damaged: fsck says so; it is keyed when read)
                bases[object_id] = post_key(archive.read_json(object_id, "record.json"))
        _key_unkeyed(index, bases)
    return index, ""


def well_formed(index: dict[str, Any]) -> bool:
    """Whether every entry of a loaded list index is one :func:`index_entry` writes (the
    file may have been edited, written by something else, or by a version of this tool
    that kept no verification summary)."""
    return all(isinstance(entry, dict) and isinstance(entry.get("head"), str)
               and VERSION_NUMBER.fullmatch(entry["head"]) and "citations" in entry
               for entry in index.values())


def _loses_objects(archive: Archive, index: dict[str, Any]) -> bool:
    """Whether the index lists an object that is not in the archive (one look each, up to
    the first missing): an object folder deleted or moved by hand. The index is then rebuilt
    from what is there, and fsck reports the loss (:func:`archiver.fsck.check_archive`)."""
    return not all(archive.exists(object_id) for object_id in index)


def index_is_stale(archive: Archive) -> bool:
    return archive.read_extension_file(STALE_NAME) is not None


def mark_index_stale(archive: Archive) -> None:
    """Say, before committing, that the list index may no longer match the objects."""
    if not index_is_stale(archive):
        archive.write_extension_file(STALE_NAME, b"the list index may lag behind the objects: "
                                                 b"it is rebuilt from them\n")


def aliases_in_receipts(archive: Archive) -> dict[str, set[str]]:
    """Object id → the other ids its stored posts had when read, as the receipts keep them
    (every post they record stored, with none perhaps): a post archived before aliases were
    kept learns them when read again, and its provenance, which is immutable, cannot.
    (:func:`rebuild_index` decides which of them the object may have.) A receipts file of
    another shape (edited, damaged) gives what is well formed in it."""
    found: dict[str, set[str]] = {}
    receipts_by_digest = load_json_extension(archive, RECEIPTS_NAME)
    if not isinstance(receipts_by_digest, dict):
        return found
    for receipts in receipts_by_digest.values():
        for receipt in receipts if isinstance(receipts, list) else ():
            posts = receipt.get("posts") if isinstance(receipt, dict) else None
            for post in posts if isinstance(posts, list) else ():
                if not isinstance(post, dict) or not isinstance(post.get("id"), str):
                    continue
                version = post.get("version")
                if not isinstance(version, str) or not VERSION_NUMBER.fullmatch(version):
                    continue  # a failed post's
                aliases = post.get("aliases")
                found.setdefault(post["id"], set()).update(
                    a for a in (aliases if isinstance(aliases, list) else ())
                    if isinstance(a, str) and a != post["id"])
    return found


def entry_of(archive: Archive, object_id: str) -> dict[str, Any]:
    """A post's line of the list index, read from its object (its head's record, the keys
    of the works every version cited); raises ArchiverError when it cannot be read."""
    return _entry_and_record(archive, object_id)[0]


def _entry_and_record(archive: Archive, object_id: str
                      ) -> tuple[dict[str, Any], dict[str, Any]]:
    """:func:`entry_of`, and the head's record it was read from."""
    versions = archive.versions(object_id)
    record = archive.read_json(object_id, "record.json")
    try:
        aliases = archive.read_json(object_id, "provenance.json").get("aliases") or []
    except NotFound:  # a head another OCFL tool made may keep the record alone
        aliases = []
    earlier: dict[str, str] = {}
    # citations.json by digest: one version's is often the next's
    read: dict[str, dict[str, Any]] = {}
    for version in versions:
        digest = version.state.get(CITATIONS_NAME)
        if digest and digest not in read:
            read[digest] = archive.read_json(object_id, CITATIONS_NAME, version.number)
            earlier.update(cited_keys(read[digest]))
    head = versions[-1]
    return index_entry(record, head.number, read.get(head.state.get(CITATIONS_NAME, "")),
                       earlier, aliases), record


def rebuild_index(archive: Archive, unreadable: list[str] | None = None) -> dict[str, Any]:
    """The list index is derived data: it can always be rebuilt from the objects and the
    receipts (the objects that cannot be read, which fsck reports, are counted in
    ``unreadable``)."""
    index: dict[str, Any] = {}
    unkeyed: dict[str, str] = {}  # object id → the key its exports made (see _key_unkeyed)
    # the inventories that cannot be read, counted in the same walk: a count of the folders
    # walked again later would take the objects a writer added meanwhile for unreadable ones
    damaged: list[ArchiverError] = []
    ids = archive.object_ids(damaged=damaged)
    learned = aliases_in_receipts(archive)
    for object_id in ids:
        if not is_post_id(object_id):
            continue  # another OCFL tool's object in the storage root: no post to list
        try:
            entry, record = _entry_and_record(archive, object_id)
        except ArchiverError:
            if unreadable is not None:
                unreadable.append(object_id)
            continue
        index[object_id] = entry
        if not record.get("citation_key"):  # (archived before keys were kept)
            unkeyed[object_id] = post_key(record)
    _key_unkeyed(index, unkeyed)
    # What the receipts learned joins what the provenance gives, but never an object's own
    # id, a name another object's provenance gives, or one two objects' receipts learned:
    # no rule settles those (the provenance never gives a name two owners)
    given = {a for entry in index.values() for a in entry.get("aliases", ())}
    claimed = Counter(alias for object_id, aliases in learned.items() if object_id in index
                      for alias in aliases)
    for object_id, aliases in learned.items():
        entry = index.get(object_id)
        if entry is None:
            continue
        own = set(entry.get("aliases", ()))
        extra = {a for a in aliases if a not in index and a not in given and claimed[a] == 1}
        if extra - own:
            entry["aliases"] = sorted(own | extra)
    if unreadable is not None:  # and the inventories that cannot be read at all
        unreadable.extend(["(an object whose inventory cannot be read)"] * len(damaged))
    return index
