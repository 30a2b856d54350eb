"""read → clean → assets → record → validate → store.

:func:`ingest_paths` gives one :class:`IngestResult` per post, file by file, in order. A post
that cannot be read is a ``failed`` result carrying the error; it never stops the run, and
nothing of it is written. The archive's write lock is held for the whole run.

The posts a run stores are committed in groups (:meth:`archiver.store.Archive.commit_all`):
making a commit durable costs a few milliseconds however small it is, and a group pays that
once. A post is reported only once its group is on disk; a group is committed when it holds
:data:`GROUP_POSTS` posts or :data:`GROUP_BYTES` bytes, when it is found :data:`GROUP_SECONDS`
old (as a post joins it, or before the next file is read), before the next file's first image
is asked of the network (or, fetching on, before a worker reading it is waited for: a slow
image server would keep it for minutes), when the next post is another version of an object in
it, and at the end of the run (or when an error stops it). A crash loses at most the group
being gathered, and nothing that was reported.

"Did the post change?" is :mod:`archiver.held`'s to answer.

Re-ingesting an unchanged corpus should cost little more than reading it, so each ingest leaves
a *receipt* (derived data under ``extensions/``): the source's sha256 (hashing every source
is most of a re-ingest, and sha256 runs at 2.6 times sha512's speed on CPUs with SHA
instructions), the settings and tool version that processed it, every local file it looked at
with its sha256 (or "absent"), where each post's record is, and the size of every stored file
of the version it names. When all of these still hold, and each of those files is there at its
size (one ``stat`` each), the post is reported ``unchanged`` without being parsed again (nor
is the version read: ``--refresh`` checks every digest of it, putting back from the source
what it can, :meth:`Archive.restore_damaged`, and ``fsck`` checks every digest; checking it
here took re-ingest from 0.025 to 0.04–0.07 of a first ingest in bench/ingest.py, past its
0.05 target). A file whose size is not the one a
receipt kept is checked against its digest when the post is read again.
A receipt never vouches for images that could not be fetched: with fetching on, such a post is
processed again. ``refresh=True`` ignores receipts. A file whose status (size, times, inode)
is what it was when its digest was taken is not even read
(:class:`archiver.receipts.KnownDigests`).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from archiver import interrupts, readers
from archiver.assets import before_network, new_session
from archiver.background import Workers, processes
from archiver.canonical import dumps, sha256_hex
from archiver.clean import clean as clean_post
from archiver.clean.metadata import is_address_id, is_long_id
from archiver.config import Config
from archiver.discover import EMPTY_FOLDER_HINT, Unlisted, discover, saved_pages, shown, walks_into
from archiver.errors import (
    ArchiverError,
    DamagedObject,
    InputError,
    MalformedInput,
    NotFound,
    ObjectRefused,
    ReadingBug,
    SchemaError,
    UnsupportedFormat,
    UsageError,
)
from archiver.export.keys import unique
from archiver.held import already_archived, carry_images, kept_images
from archiver.index import (
    CITATIONS_NAME,
    INDEX_NAME,
    RECEIPTS_NAME,
    STALE_NAME,
    VERSION_NUMBER,
    entry_of,
    index_entry,
    index_is_stale,
    load_json_extension,
    mark_index_stale,
    rebuild_index,
    taken_keys,
    trusted_index,
)
from archiver.model import ERROR_KINDS, others_files
from archiver.prepare import (
    Extracted,
    FileAs,
    Prepared,
    default_key,
    extract_file,
    finish_post,
    prepare_all,
    with_input,
)
from archiver.receipts import (
    DIGESTS_NAME,
    KnownDigests,
    relative,
    relative_input,
    resolved_folder,
    settings_fingerprint,
    unchanged_since,
    usable_receipt,
)
from archiver.record import (
    safe_source_name,
)
from archiver.store import Archive, Change, enclosing_ocfl
from archiver.textfiles import for_a_shell, shown_file_name, utf8_safe
from archiver.verified import carried_citations

# ``--verbose``: the steps of an ingest (the library only logs them: archiver.cli.steps)
_log = logging.getLogger("archiver.ingest")

# A group commit is made when it holds this many posts, or this many bytes (it is held in
# memory until then), or has waited this long for more (the posts in it are not reported yet).
GROUP_POSTS = 32
GROUP_BYTES = 64 << 20
GROUP_SECONDS = 1.0


@dataclass(frozen=True)
class IngestResult:
    """What became of one post (or of a file that gave none): ``status`` is ``added`` (a new
    object, v1), ``updated`` (a new version), ``unchanged`` (nothing written), ``unavailable``
    (an error page or a post taken down, recorded as such), ``failed`` (``error`` says why:
    bad input, never a half-written archive) or ``skipped`` (not a saved post, in a folder);
    ``record`` is the path of the version's record.json relative to the archive root.
    ``source`` is the file's path as given: a name that is not UTF-8 holds its stray bytes as
    Python reads them (lone surrogates), escaped (``\\xff``) where it is printed or
    written as JSON."""

    source: str
    status: str  # added | updated | unchanged | unavailable | failed | skipped
    object_id: str | None = None
    version: str | None = None
    title: str | None = None
    kind: str | None = None
    warnings: tuple[str, ...] = ()
    error: ArchiverError | None = None
    record: str | None = None  # path of record.json relative to the archive root

    def to_json(self) -> dict[str, Any]:
        # a name that is not UTF-8 has its stray bytes escaped (JSON is UTF-8 text)
        out: dict[str, Any] = {"source": shown(self.source), "status": self.status,
                               "id": self.object_id,
                               "version": self.version, "title": self.title, "kind": self.kind,
                               "record": self.record, "warnings": list(self.warnings)}
        # on every line, null when there is none: a script reads the same keys whatever
        # the status
        # (a name that is not UTF-8 in them has its stray bytes escaped too)
        out["error"] = utf8_safe(self.error.message) if self.error is not None else None
        out["hint"] = utf8_safe(self.error.hint) if self.error and self.error.hint else None
        return out


def _named(path: Path) -> str:
    """A source file as a version's message names it: with the folder it is in (saves of one
    post from several "save page complete" folders are all ``page.html``), no more of the
    path (which names the machine it was made on). The folder is the one it is in however
    its path was typed: ``post.md`` typed in ``p2`` is ``p2/post.md``, as typed above it."""
    folder = Path(os.path.abspath(path)).parent.name
    return f"{folder}/{path.name}" if folder else path.name


@dataclass
class _File:
    """One input file's place in the run's output: its results, in order, reported when none
    is waiting for a group commit any more."""

    path: Path
    digest: str | None = None  # the sha256 its receipt is keyed by (None: nothing to remember)
    prepared: list[Prepared] = field(default_factory=list)
    results: list[IngestResult | None] = field(default_factory=list)


# The bytes of the files read ahead of their turn, at most (a file is held in memory several
# times over while a worker reads it: here, pickled, there); a file larger than this is read
# in its turn, in the run's process.
AHEAD_BYTES = 64 << 20


def _waited_for(extraction: Future[list[Extracted]]) -> list[Extracted]:
    """The worker's result, waited for a fraction of a second at a time: Ctrl-C is handled
    by this (the main) thread, but the signal may be delivered to another (the pool's), and a
    wait on a lock that no timeout ends is not interrupted by a signal another thread took."""
    while True:
        try:
            return extraction.result(timeout=0.2)
        except FutureTimeout:
            continue


# a file read ahead of its turn: its bytes, their status and sha256, and its extraction
_Ahead = tuple[bytes, os.stat_result, str, Future[list[Extracted]]]


# what a post found damaged in the version it is unchanged in can be mended by
REFRESH_HINT = ("`archiver ingest --refresh` on this file puts back a damaged or missing "
                "stored file whose bytes it still holds; `archiver fsck` lists what is damaged")


class _Run:
    """State of one ingest run: the archive, the derived indexes, the HTTP session, the group
    of posts waiting to be committed and the files waiting to be reported."""

    def __init__(self, archive: Archive, config: Config, refresh: bool,
                 report: Callable[[IngestResult], None],
                 pool: ProcessPoolExecutor | None = None, as_head: bool = False):
        self.archive = archive
        # ``ingest --as-head``: no earlier version holds a save read (it is compared with the
        # head alone, as another save of the post where it is one), and receipts are not
        # trusted (each file is read)
        self.as_head = as_head
        self.pool = pool  # worker processes extracting files ahead of their turn (--jobs)
        # files whose reading was started ahead: path → (bytes, status, sha256, extraction),
        # or None where a receipt vouched for it then (its turn checks again)
        self.ahead: dict[Path, _Ahead | None] = {}
        self.config = config
        self.refresh = refresh
        self.report = report
        self.session = new_session() if config.fetch else None
        trusted = trusted_index(archive)
        self.index = trusted if trusted is not None else rebuild_index(archive)
        stored = load_json_extension(archive, RECEIPTS_NAME) or {}
        # keyed by the source's sha256; receipts keyed by sha512 (earlier versions) are dropped,
        # and so is one of another shape (edited by hand): the file is then read again
        self.receipts: dict[str, list[dict[str, Any]]] = {
            key: [r for r in value if usable_receipt(r)] for key, value in stored.items()
            if isinstance(key, str) and len(key) == 64 and isinstance(value, list)}
        resolved_folder.cache_clear()  # folders are resolved afresh each run
        self.fingerprint = settings_fingerprint(config, archive.root)
        self.base = archive.root.resolve()  # receipts' paths are relative to it
        self.digests = KnownDigests(archive)
        self.stale = index_is_stale(archive)
        # a list index rebuilt (stale, absent, or an older tool's) is written back
        self.dirty = trusted is None or len(self.receipts) != len(stored)
        self.keys = taken_keys(self.index)
        self.aliases: dict[str, set[str]] = {  # object id → its other ids
            object_id: set(entry.get("aliases") or ()) for object_id, entry in self.index.items()}
        self.owners: dict[str, str] = {}  # an id → the object filed under another
        # ids of the posts of the file being read, filed but not stored yet (a WARC may hold
        # two saves of one post): id → object
        self.pending: dict[str, str] = {}
        # object → (source, post number in it) of the head versions this run made: a file's
        # receipt is written only once all its posts are stored
        self.heads_made: dict[str, tuple[str, int]] = {}
        # object → (source, version) of the last version this run made of it: another save
        # of the post making a newer one in the same run is said (_another_save_this_run)
        self.made_this_run: dict[str, tuple[str, str]] = {}
        # (object, version) → the size of each stored file of that version (by its path in
        # the object), as this run stored or found it: a receipt keeps them
        self.stored: dict[tuple[str, str], dict[str, int]] = {}
        # the same, as the receipts this run started with say (worked out when first asked)
        self.receipt_sizes: dict[tuple[str, str], dict[str, int]] | None = None
        # source → (post number → the ids the receipts this run started with name there)
        self.made_by_source: dict[str, dict[int, set[str]]] | None = None
        for object_id in sorted(self.aliases):
            self._know(object_id, self.aliases[object_id])
        self.waiting: list[_File] = []  # in input order
        self.group: list[tuple[_File, int, bool]] = []  # (file, post number, new object?)
        self.group_ids: set[str] = set()
        self.group_bytes = 0
        self.group_since = 0.0
        self.given: dict[str, str] = {}  # object id → the key this run gave it
        # set from a group commit's start until the list index names all of its posts: a
        # commit stopped in between may have been applied in part (recovery finishes it), so
        # the list index must then not be trusted (its stale marker stays)
        self.index_behind = False

    def place_input(self, path: str) -> str:
        """A local file an image was read from, as the version's provenance names it:
        relative to the archive, as its source's path and the receipts are (the folder the
        run was started in is kept nowhere)."""
        return relative_input(path, self.base)

    def key_for(self, record: dict[str, Any]) -> str:
        """The key the post already has (archived, or given earlier in this run, to another
        save of it that is not archived yet), else a new one no other post has. A post
        archived before keys were stored keeps the key the list index gives it, the one its
        exports have made (:func:`archiver.index.rebuild_index`): the rules for new keys may
        have changed since."""
        known = self.given.get(record["id"]) or (self.index.get(record["id"]) or {}).get("key")
        if not known:
            known = unique(default_key(record), self.keys)
            self.keys.add(known)
        self.given[record["id"]] = known
        return known

    def file_as(self, own: str, names: list[str], earlier: str | None = None,
                text: str = "") -> tuple[str, list[str]]:
        """The object a post goes in, and the ids its provenance keeps: an object with the
        post's own id, else one with another of its names (a save without the page's
        scripts, archived first, knew only its short address), else one known to have one of
        them as an alias (the raw page, archived first, knew both), else the object an
        earlier rule named it by (``earlier``: its title) if that one's head holds the same
        ``text`` (a post of the same title with another text is another post), else a new
        object."""
        candidates = [own, *(name for name in names if is_address_id(name))]
        if self._is_object(own):
            object_id = own
        elif earlier and self._is_object(earlier) and self._head_text(earlier) == text:
            object_id = earlier
        else:
            mine = {name for name in candidates if is_long_id(name)}
            found = [name for name in candidates if self._is_object(name)]
            found += [owners[name] for owners in (self.owners, self.pending)
                      for name in candidates if name in owners and is_address_id(name)]
            object_id = next((found_id for found_id in found
                              if not self._another_post(found_id, mine)), own)
        known = {name for name in (*candidates, *self.aliases.get(object_id, ()))
                 if is_address_id(name) and self._owner(name) in (None, object_id)
                 } - {object_id}  # not a name another post has
        for name in (object_id, *known):
            self.pending.setdefault(name, object_id)
        return object_id, sorted(known)

    def _head_text(self, object_id: str) -> str | None:
        """The text of the object's head record, if it can be read (else no text matches)."""
        try:
            path = self.archive.content_path(object_id, "record.json")
            return json.loads(path.read_bytes()).get("text")
        except (OSError, ValueError, KeyError, TypeError, ArchiverError):
            return None

    def _owner(self, name: str) -> str | None:
        """The object known by ``name``, its id or an alias, if any."""
        if self._is_object(name):
            return name
        return self.owners.get(name) or self.pending.get(name)

    def _is_object(self, name: str) -> bool:
        return name in self.index or name in self.group_ids or \
            self.pending.get(name) == name or self.archive.exists(name)

    def _another_post(self, object_id: str, long_ids: set[str]) -> bool:
        """Whether the object is known by another biz/mid/idx than any of ``long_ids``."""
        theirs = {name for name in (object_id, *self.aliases.get(object_id, ()),
                                    *(n for n, o in self.pending.items() if o == object_id))
                  if is_long_id(name)}
        return bool(long_ids and theirs and not long_ids & theirs)

    def record_path(self, object_id: str, version: str, content: str | None = None) -> str:
        """Where the record of ``version`` lies, relative to the archive's root; ``content``,
        its content path in the object, when the caller knows it (else the inventory says)."""
        real = (self.archive.object_path(object_id) / content if content is not None
                else self.archive.content_path(object_id, "record.json", version))
        return os.path.relpath(real, self.archive.root)

    def from_receipt(self, path: Path, digest: str, source: str) -> list[IngestResult] | None:
        """The results a receipt for these bytes (``digest``, their sha256) vouches for;
        ``source``: ``path`` relative to the archive."""
        if self.refresh or self.as_head:
            return None
        for receipt in self.receipts.get(digest, []):
            if receipt["settings"] != self.fingerprint or receipt["source"] != source:
                continue
            if self.config.fetch and receipt.get("retry_fetch"):
                continue
            if any(self.digests.of_file(p, self.archive.root / p) != d
                   for p, d in receipt["inputs"].items()):
                continue
            posts = receipt.get("posts") or []
            if not all(isinstance(p.get("version"), str) and VERSION_NUMBER.fullmatch(p["version"])
                       for p in posts):
                continue  # a post that failed (receipts written before they were not)
            if not all(self._still_stored(p) for p in posts):
                continue  # its object was deleted, moved or cut since: the post is read again
            if not posts or any(self.index.get(p["id"]) is None or int(
                    self.index[p["id"]]["head"][1:]) < int(p["version"][1:]) for p in posts):
                continue
            if not all(self._inventory_whole(p["id"]) for p in posts):
                continue  # its inventory was cut or removed since: the post is read again
            if any(self._edited_since(p, path, source, at) for at, p in enumerate(posts)):
                continue
            return [IngestResult(source=str(path), status="unchanged", object_id=p["id"],
                                 version=p["version"], title=p.get("title"), kind=p.get("kind"),
                                 warnings=tuple(w for w in p.get("warnings") or ()
                                                if not _SHORTER_SAID.match(w)),
                                 record=p["record"])
                    for p in posts]
        return None

    def _still_stored(self, post: dict[str, Any]) -> bool:
        """Whether every file of the version a receipt's ``post`` names is on disk at the size
        it was stored with (one ``stat`` each: a file deleted or cut short, which would make
        the version no longer whole, is not vouched for; a byte changed in place is for
        ``fsck`` to find). A receipt written before receipts kept the sizes checks the record."""
        stored = post.get("stored")
        if not isinstance(stored, dict):
            return not post.get("record") or os.path.isfile(self.archive.root / post["record"])
        root = os.fspath(self.archive.object_path(post["id"]))
        try:
            return all(os.stat(os.path.join(root, path)).st_size == size
                       for path, size in stored.items())
        except OSError:
            return False

    def _inventory_whole(self, object_id: str) -> bool:
        """Whether the object's inventory is the size of the head version's copy, as OCFL
        keeps them (byte for byte the same): an inventory cut short, grown or removed since,
        which every reader of the post refuses, is not vouched for by a receipt (two
        ``stat`` calls; a byte changed in place is for ``fsck`` to find, as is a sidecar
        gone, which readers do without while the head's copy vouches for the inventory).
        The head is the index's, or, where its copy differs, the inventory's own (a version
        another OCFL tool or the library committed, which leave the index as it was: its line
        is then read again from the object, so that ``list`` shows what ``show`` does); a
        head that keeps no copy (OCFL W010) has nothing to compare with."""
        root = os.fspath(self.archive.object_path(object_id))
        try:
            size = os.stat(os.path.join(root, "inventory.json")).st_size
        except OSError:
            return False
        head = self.index[object_id]["head"]
        for attempt in range(2):
            if attempt:
                try:  # (read only when the index's head does not match: seldom)
                    with open(os.path.join(root, "inventory.json"), "rb") as handle:
                        named = json.loads(handle.read()).get("head")
                except (OSError, ValueError, AttributeError):
                    return False
                if not isinstance(named, str) or not VERSION_NUMBER.fullmatch(named) or \
                        named == head:
                    return False
                head = named
                self._index_caught_up(object_id)
            try:
                if os.stat(os.path.join(root, head, "inventory.json")).st_size == size:
                    return True
            except FileNotFoundError:  # no copy to compare with (OCFL W010), unless the
                return os.path.isdir(os.path.join(root, head))  # head's folder is gone too
            except OSError:
                return False
        return False

    def _index_caught_up(self, object_id: str) -> None:
        """The list index's line of a post whose object has a head the index does not know,
        read again from the object (and written back with the run's other changes)."""
        try:
            entry = entry_of(self.archive, object_id)
        except ArchiverError:
            return  # (what cannot be read is fsck's to say; the post is read again)
        before = self.index.get(object_id) or {}
        # what the index knew that the object does not say: the key a post archived before
        # keys were kept was given, and the other ids the receipts learned
        if not entry.get("key") and before.get("key"):
            entry["key"] = before["key"]
        aliases = set(entry.get("aliases") or ()) | set(before.get("aliases") or ())
        if aliases:
            entry["aliases"] = sorted(aliases)
        self.index[object_id] = entry
        self.dirty = True

    def _check_sizes(self, object_id: str, version: str) -> None:
        """Raise :class:`DamagedObject` if a file of ``version`` of ``object_id`` whose size is
        not the one a receipt says it was stored with no longer matches its digest: a file
        cut short since, which :meth:`Archive.check_version` (presence alone) would pass, is
        not taken for the post's unchanged copy. (The receipts are derived data: the
        inventory's digest, not their word, decides.) A file gone is
        :meth:`Archive.check_version`'s to find, asked just before."""
        if self.receipt_sizes is None:
            self.receipt_sizes = {
                (post["id"], post["version"]): post["stored"]
                for receipts in self.receipts.values() for receipt in receipts
                for post in receipt.get("posts") or ()
                if isinstance(post.get("stored"), dict)}
        said = self.receipt_sizes.get((object_id, version))
        if not said:
            return
        sizes = self._sizes(object_id, version)  # as on disk: the file's receipt keeps them
        changed = {path for path, size in said.items() if sizes.get(path, size) != size}
        if not changed:
            return
        where = self.archive.object_path(object_id)
        for logical, path in self.archive.content_paths(object_id, version).items():
            if path.relative_to(where).as_posix() in changed:
                self.archive.read_bytes(object_id, logical, version)  # checked: raises

    def _sizes(self, object_id: str, version: str) -> dict[str, int]:
        """The size of each stored file of ``version`` of ``object_id`` (by its path in the
        object), as this run stored it or, for a version found unchanged, as it is on disk
        (found whole by :meth:`Archive.check_version` just before)."""
        known = self.stored.get((object_id, version))
        if known is None:
            known = {}
            where = self.archive.object_path(object_id)
            for path in set(self.archive.content_paths(object_id, version).values()):
                with contextlib.suppress(OSError):  # gone since: the receipt will not vouch
                    known[path.relative_to(where).as_posix()] = path.stat().st_size
            self.stored[(object_id, version)] = known
        return known

    def _edited_since(self, post: dict[str, Any], path: Path, source: str, number: int
                      ) -> bool:
        """Whether the head of ``post``'s object is newer than the version a receipt names and
        was made from this same file (``source``): an edit since, which these bytes undo
        (see :func:`archiver.held.already_archived`)."""
        head = self.index[post["id"]]["head"]
        if head == post["version"]:
            return False
        made = self.made_head(post["id"], source, number)
        if made is not None:
            return made
        state = self.archive.versions(post["id"])[-1].state
        return f"source/{safe_source_name(path)}" in state

    def made_head(self, object_id: str, source: str, number: int | None = None,
                  prepared: Prepared | None = None) -> bool | None:
        """Whether the head version of ``object_id`` was made from the input at ``source``
        (relative to the archive), as the receipts tell; None when none names that version.
        Two saves of one post may share a file name (exports named README.md in dated
        folders): their names cannot tell an edit of one from the other save. With
        ``number``, from that post of the file: two saves of one post in one WARC are two
        saves, not one edited. ``prepared`` (that post, as read now) tells, where a receipt
        does not say, which record of a container the head was made from."""
        entry = self.index.get(object_id)
        if entry is None:
            return None
        if object_id in self.heads_made:
            made_by, at = self.heads_made[object_id]
            return made_by == source and number in (None, at)
        made: bool | None = None
        for receipts in self.receipts.values():
            for receipt in receipts:
                for at, post in enumerate(receipt.get("posts") or ()):
                    if post["id"] != object_id or post["version"] != entry["head"]:
                        continue
                    if receipt["source"] == source and number in (None, at):
                        said = post.get("made")
                        if said is None:  # a receipt written before receipts said so
                            said = self._head_holds_name(object_id, source) and (
                                prepared is None or self._same_part(prepared, entry["head"]))
                        if said:
                            return True
                    made = False
        if made is None:  # no receipt names the head: it may say itself
            made = self._made_by_provenance(object_id, source, entry["head"], prepared)
        return made

    def _made_by_provenance(self, object_id: str, source: str, head: str,
                            prepared: Prepared | None) -> bool | None:
        """Whether the head's provenance names the input at ``source`` as the file it was
        made from; None where it does not say (versions made before it did). Receipts are
        derived data: lost (a run killed before it wrote them) or removed, they must not
        change what the next version holds (an edited copy elsewhere is another save, and
        keeps what it lacks of the head, as when the receipts are there). A file no longer
        where the head's was made from tells nothing (its folder may have been renamed):
        then, as before the versions said, the file's name does."""
        try:
            provenance = self.archive.read_json(object_id, "provenance.json")
        except NotFound:  # a head another tool made, which keeps none
            return None
        said = (provenance.get("source") or {}).get("path")
        if not isinstance(said, str):
            return None
        if said != source and not os.path.lexists(os.path.join(self.base, said)):
            return None  # gone from there: moved (a folder renamed) is as likely as another
        return said == source and (prepared is None or self._same_part(prepared, head))

    def _head_holds_name(self, object_id: str, source: str) -> bool:
        """Whether the head of ``object_id`` holds a source file of the name the input at
        ``source`` is stored under (how a receipt that does not say whether its file made
        the version it names is read: a save found unchanged is another file)."""
        state = self.archive.versions(object_id)[-1].state
        return f"source/{safe_source_name(Path(source))}" in state

    def _made_from(self, prepared: Prepared, result: IngestResult) -> bool:
        """Whether the version ``result`` names was made from the file ``prepared`` was read
        from: stored by it, or (found unchanged) holding its very bytes as its source. A save
        found to add nothing to a version another file made is, read again, still another
        save, not an edit of that version's file (which would make a version); the file a
        version was made from stays its maker when it is found unchanged, whatever the
        receipts knew before (they may have been dropped). A container holding several saves
        (a WARC's records) is the source of each: the version was made from the one its
        provenance names."""
        if result.status in ("added", "updated", "unavailable"):  # stored by it (a deleted,
            return True  # blocked or unavailable post is recorded in a version too)
        if result.status != "unchanged" or not result.version:
            return False
        for version in self.archive.versions(prepared.object_id):
            if version.number == result.version:
                return any(path.startswith("source/") and value == prepared.source_digest
                           for path, value in version.state.items()) and \
                    self._same_part(prepared, version.number)
        return False

    def _same_part(self, prepared: Prepared, version: str) -> bool:
        """Whether ``version`` was made from the part of its container ``prepared`` was read
        from (the same WARC record); true of a file that is no container of records."""
        part = (json.loads(prepared.files["provenance.json"]).get("container") or {}
                ).get("record")
        if part is None:
            return True
        made = self.archive.read_json(prepared.object_id, "provenance.json", version)
        return (made.get("container") or {}).get("record") == part

    def remember(self, path: Path, digest: str, prepared: list[Prepared],
                 results: list[IngestResult]) -> None:
        source = relative(path, self.base)
        inputs = {relative_input(p, self.base): d
                  for item in prepared for p, d in sorted(item.inputs.items())}
        receipt = {"source": source, "settings": self.fingerprint, "inputs": inputs,
                   "retry_fetch": any(item.retry_fetch for item in prepared),
                   "posts": [{"id": item.object_id, "version": result.version or "",
                              "title": item.title, "kind": item.kind, "warnings": item.warnings,
                              "record": result.record,
                              "stored": self._sizes(item.object_id, result.version),
                              "made": self._made_from(item, result),
                              **({"aliases": sorted(item.aliases)} if item.aliases else {})}
                             for item, result in zip(prepared, results, strict=True)]}
        others = [r for r in self.receipts.get(digest, []) if r["source"] != source]
        receipts = sorted([*others, receipt], key=lambda r: r["source"])
        if receipts != self.receipts.get(digest):
            self.receipts[digest] = receipts
            self.dirty = True

    def ingest(self, path: Path) -> None:
        """Every post in the file at ``path``: stored (or found unchanged), and reported once
        on disk, after the files before it."""
        if self.group and time.monotonic() - self.group_since >= GROUP_SECONDS:
            self.commit_group()  # reading this file may take long (images fetched)
        badly_named = _badly_named(path)
        if badly_named is not None:
            raise badly_named
        try:
            source = relative(path, self.base)
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop
            raise InputError(f"cannot read: {exc}", path=path) from None
        quick = self._from_status(path, source)
        ahead = self.ahead.pop(path, None)
        if ahead is not None and not unchanged_since(path, ahead[1]):
            ahead[3].cancel()  # changed (or gone) since it was read ahead: read it again
            ahead = None
        extraction = None
        same = "its size, times and inode"  # what its receipt was found to vouch for
        if quick is None:
            if ahead is not None:
                data, _status, digest, extraction = ahead
            else:
                data, _status, digest = self._read(path, source)
            quick, same = self.from_receipt(path, digest, source), "its bytes"
        if quick is not None:
            if ahead is not None:
                ahead[3].cancel()  # a post committed since made it unchanged after all
            _log.info("%s: unchanged since the last ingest (%s, as its receipt says): not "
                      "read again", shown(path), same)
            self.waiting.append(_File(path, results=list(quick)))
        else:
            # read from the bytes the receipt's digest is of, not from a second read
            self.pending = {}
            # the posts gathered are committed before this file's images are fetched: they
            # wait for no slow image server, unreported
            network = before_network.set(self.commit_group if self.group else None)
            try:
                prepared = self._prepared(path, data, extraction)
            finally:
                before_network.reset(network)
                self.pending = {}
            for item in prepared:  # the source file itself (not a part of it): its digest
                item.sha256.update((name, digest) for name, blob in item.files.items()
                                   if name.startswith("source/") and blob is data)
            entry = _File(path, digest, prepared, [None] * len(prepared))
            self.waiting.append(entry)
            for number, item in enumerate(prepared):
                if item.object_id in self.group_ids:
                    self.commit_group()  # its other version must be archived to compare with
                try:
                    entry.results[number] = self._store(entry, number)
                except (DamagedObject, ObjectRefused) as exc:  # this post fails; the
                    # others go on
                    entry.results[number] = IngestResult(
                        source=str(path), status="failed", object_id=item.object_id,
                        title=item.title, kind=item.kind, error=exc)
                if (len(self.group) >= GROUP_POSTS or self.group_bytes >= GROUP_BYTES
                        or self.group and time.monotonic() - self.group_since >= GROUP_SECONDS):
                    self.commit_group()
            # the file's pages that could not be read fail as inputs do (exit 4), after its
            # posts; a failed result keeps the file from a receipt, so the next run reads it
            # (and says so) again
            entry.results += [
                IngestResult(source=str(path), status="failed", error=MalformedInput(
                    why, path=path, hint="download or crawl the page again"))
                for item in prepared for _uri, why in item.lost]
        self._report_ready()

    def _read(self, path: Path, source: str) -> tuple[bytes, os.stat_result, str]:
        """The file's bytes, their status and sha256 (remembered by status: an unchanged
        file's digest is then known without reading it)."""
        data, status = readers.read_input_and_status(path)
        digest = sha256_hex(data)
        self.digests.learn(source, status, digest)
        return data, status, digest

    def _prepared(self, path: Path, data: bytes,
                  extraction: Future[list[Extracted]] | None) -> list[Prepared]:
        """Every post of the file read as ``data``, prepared: extracted by a worker process
        if one was started on it (filed, keyed and built here, in turn), else here. A bug
        met reading it fails this file alone (:class:`~archiver.errors.ReadingBug`): a page
        that trips one must not keep the inputs after it out of the archive."""
        try:
            return self._prepared_or_raised(path, data, extraction)
        except MemoryError:
            raise  # the machine's state, not a bug of this file's: the run ends, said so
        except (ArchiverError, OSError) as exc:
            if not isinstance(exc, SchemaError):
                raise  # the archive's (its permissions, a full disk): said as before
            bug: BaseException = exc
        except Exception as exc:
            bug = exc
        raise ReadingBug(f"an internal error while reading it ({type(bug).__name__}: {bug})",
                         path=path, hint="a bug in archiver: the other inputs are ingested; "
                                         "re-run with --traceback and report the output"
                         ) from bug

    def _prepared_or_raised(self, path: Path, data: bytes,
                            extraction: Future[list[Extracted]] | None) -> list[Prepared]:
        source_path = relative(path, self.base)  # (as the version's provenance says it)
        if extraction is not None:
            if self.config.fetch and not extraction.done():
                self.commit_group()  # a worker reads it, its images fetched, maybe slowly
            try:
                extracted = _waited_for(extraction)
            except BrokenExecutor:  # a worker died (killed, out of memory): go on alone
                self.stop_workers()
            else:
                file_as = self._filer(data, source_path, len(extracted))
                return [finish_post(with_input(item, data), path, key_for=self.key_for,
                                    file_as=file_as, source_path=source_path,
                                    place=self.place_input)
                        for item in extracted]
        return prepare_all(path, self.config, self.session, key_for=self.key_for, data=data,
                           file_as_for=lambda count: self._filer(data, source_path, count),
                           source_path=source_path, place=self.place_input)

    def _filer(self, data: bytes, source: str, count: int) -> FileAs:
        """:meth:`file_as` for the ``count`` posts of the file read as ``data`` from
        ``source`` (relative to the archive), called for each in turn, but for this: the one
        post of a file, with no address, whose id (``wx:c/…``) is made from its text, goes in
        the object these very bytes, from this very file, made before as its one post under
        another such id, where its receipts say so. Its text changed because the way a post
        is read changed (this version of archiver reads it otherwise), not the file: it is a
        new version of that post, not another post. (A file read as several posts, or read
        into another number of them, is left alone: which is which is not known. The same
        bytes elsewhere, a folder renamed that gave the title, or two placeholders alike, are
        other posts, as documented.)"""
        places = itertools.count()
        digest: list[str] = []  # (the bytes' sha256, computed once, and only if needed)

        def file_as(own: str, names: list[str], earlier: str | None,
                    text: str) -> tuple[str, list[str]]:
            at = next(places)
            if count == 1 and at == 0 and own.startswith("wx:c/") and not self._is_object(own):
                if not digest:
                    digest.append(sha256_hex(data))
                made = {receipt["posts"][0].get("id")
                        for receipt in self.receipts.get(digest[0], ())
                        if receipt.get("source") == source
                        and len(receipt.get("posts") or ()) == 1}
                made = {m for m in made if isinstance(m, str) and m.startswith("wx:c/")
                        and self._is_object(m)}
                if len(made) == 1:
                    own = made.pop()
            return self.file_as(own, names, earlier, text)

        return file_as

    def read_ahead(self, paths: Iterable[Path]) -> None:
        """Start extracting each of ``paths`` in a worker process, ahead of its turn, unless
        a receipt vouches for it as it is now. Its turn checks again (a post committed in
        between may have made it unchanged) and uses the work only if it is still needed;
        whatever is wrong with a file is found and said in its turn."""
        if self.pool is None:
            return
        held = sum(len(ahead[0]) for ahead in self.ahead.values() if ahead is not None)
        for path in paths:
            if path in self.ahead:
                continue
            try:
                size = path.stat().st_size
                if size <= AHEAD_BYTES and held + size > AHEAD_BYTES:
                    return  # read ahead later, once the files before it are done with
                self.ahead[path] = None
                if shown(path) != str(path) or size > AHEAD_BYTES:
                    continue
                source = relative(path, self.base)
                if self._from_status(path, source) is not None:
                    continue
                data, status, digest = self._read(path, source)
            except (ArchiverError, OSError, RuntimeError):
                self.ahead[path] = None
                continue
            held += len(data)
            try:
                if self.from_receipt(path, digest, source) is not None:
                    continue
                extraction = self.pool.submit(extract_file, path, data, self.config)
            except ArchiverError:  # (a damaged object): said in the file's turn
                continue
            except BrokenExecutor:  # a worker died: the files are read in their turn, here
                self.stop_workers()
                return
            self.ahead[path] = (data, status, digest, extraction)

    def stop_workers(self) -> None:
        """No more work for the worker processes: what was started ahead is dropped (each file
        is then read in its turn, here). The pool is its starter's to shut down."""
        for ahead in self.ahead.values():
            if ahead is not None:
                ahead[3].cancel()
        self.pool = None
        self.ahead.clear()

    def _from_status(self, path: Path, source: str) -> list[IngestResult] | None:
        """The receipt's results for a file whose status says it has not changed since its
        digest was taken (it is then not read at all)."""
        try:
            status = path.stat()
        except OSError:
            self.digests.forget(source)
            return None  # reading it will say why
        digest = self.digests.get(source, status)
        return self.from_receipt(path, digest, source) if digest is not None else None

    def failed(self, result: IngestResult) -> None:
        """A file that could not be read, reported in its place in the order."""
        self.waiting.append(_File(Path(result.source), results=[result]))
        self._report_ready()

    def _store(self, entry: _File, number: int) -> IngestResult | None:
        """The post's result if it is already archived; else None, and it joins the group."""
        prepared = entry.prepared[number]
        # --as-head: of the file's posts of one object (a WARC's captures, oldest first), only
        # the last is compared with the head alone; the earlier are held as ever
        head_only = self.as_head and not any(
            later.object_id == prepared.object_id for later in entry.prepared[number + 1:])
        existing = already_archived(self.archive, prepared, lambda: self.made_head(
            prepared.object_id, relative(entry.path, self.base), number, prepared),
            head_only=head_only)
        if existing:
            # the version vouched for must be there: an inventory outlives its folder's deletion
            restored = self._restore(prepared, existing) if self.refresh else []
            try:
                self.archive.check_version(prepared.object_id, existing)
            except DamagedObject as exc:  # a file gone from its folder: what --refresh mends,
                # where this source holds its bytes (else the object is to be restored)
                if not self.refresh and exc.missing_digest is not None and \
                        exc.missing_digest in {d.lower() for d in prepared.digests.values()}:
                    exc.hint = REFRESH_HINT
                raise
            try:
                self._check_sizes(prepared.object_id, existing)
            except DamagedObject as exc:  # a file's bytes changed: what --refresh mends
                if not self.refresh:
                    exc.hint = REFRESH_HINT
                raise
            _log.info("%s: unchanged: %s of %s holds this record", shown(entry.path), existing,
                      prepared.object_id)
            kept_images(self.archive, prepared, existing)
            self._learn_aliases(prepared)
            return IngestResult(source=str(entry.path), status="unchanged",
                                object_id=prepared.object_id, version=existing,
                                title=prepared.title, kind=prepared.kind,
                                warnings=(*prepared.warnings, *restored),
                                record=self.record_path(prepared.object_id, existing))
        if self.archive.exists(prepared.object_id):
            carry_images(self.archive, prepared)
            prepared.warnings += _much_shorter(self.archive, prepared)
            prepared.kept = others_files(self.archive.versions(prepared.object_id)[-1].state)
            carried = carried_citations(self.archive, prepared.object_id, prepared.record)
            if carried is not None:
                prepared.files[CITATIONS_NAME] = carried
        prepared.shared_checked = self.archive.check_writable(
            prepared.object_id, prepared.files, prepared.digests)
        if not self.stale:
            mark_index_stale(self.archive)
            self.stale = True
        if not self.group:
            self.group_since = time.monotonic()
        self.group.append((entry, number, not self.archive.exists(prepared.object_id)))
        self.group_ids.add(prepared.object_id)
        self._know(prepared.object_id, prepared.aliases)
        self.group_bytes += sum(len(data) for data in prepared.files.values())
        return None

    def _restore(self, prepared: Prepared, version: str) -> list[str]:
        """``--refresh``: every file of the ``version`` found to hold ``prepared`` is checked
        against its digest, and one found damaged is put back from the bytes just read
        (:meth:`Archive.restore_damaged`): a warning for each."""
        copies = {prepared.digests[name]: data for name, data in prepared.files.items()
                  if name in prepared.digests}
        return [f"{name} of {version} was damaged (its bytes no longer matched the sha512 "
                "its inventory records): put back from this source" if state == "damaged" else
                f"{name} of {version} was missing from the archive: put back from this source"
                for name, state in self.archive.restore_damaged(prepared.object_id, version,
                                                                copies)]

    def _made_before(self, source: str, number: int, object_id: str,
                     digest: str | None = None, updated: bool = False) -> list[str]:
        """A warning when a post with no address of its own (its id made from its account,
        date and title, or its text: ``wx:t/…``, ``wx:c/…``) is added from a file
        (``source``, relative to the archive) whose receipts name another post at its place:
        an edit of its title or date made it another post, or an edit took away the line
        that gave its address (a note added after a 原文链接 line that ended it), which no
        ``diff`` will compare with the one before. ``updated``: the post was filed as a new
        version of an object another file made (its edited title reads as that post's,
        their marks set aside), which its own history does not show either."""
        if not object_id.startswith(("wx:t/", "wx:c/")):
            return []
        if self.made_by_source is None:
            self.made_by_source = {}
            for receipts in self.receipts.values():
                for receipt in receipts:
                    places = self.made_by_source.setdefault(receipt["source"], {})
                    for at, post in enumerate(receipt["posts"]):
                        places.setdefault(at, set()).add(post["id"])
        # ... or whose very bytes (``digest``, their sha256) made another post elsewhere: the
        # file moved, and a title its folder's name gave changed with it
        same_bytes = {post["id"] for receipt in self.receipts.get(digest or "", ())
                      for at, post in enumerate(receipt.get("posts") or ()) if at == number}
        made_here = self.made_by_source.get(source, {}).get(number, set())
        if object_id in made_here:
            return []  # this file made this post before: an edit of it, as any other
        earlier = sorted(other for other in {*made_here, *same_bytes}
                         if other != object_id and self.archive.exists(other))
        if not earlier:
            return []
        if any(not other.startswith(("wx:t/", "wx:c/")) for other in earlier):
            # it had an address, and has lost it: an edit moved or removed the line giving it
            return [f"this file made {', '.join(earlier)} before, the post at its address, "
                    f"and now gives no address: it is another post, {object_id}, not a new "
                    "version of that one (restore the line that gave its address, such as "
                    "原文链接, or give url: in a Markdown export's front matter, to keep one "
                    "history)"]
        now = (f"filed as a new version of another post, {object_id}, whose account, date "
               "and title it now has (their marks set aside)" if updated else
               f"another post, {object_id}")
        return [f"this file made {', '.join(earlier)} before, and is now {now}, not a new "
                "version of that one: a post with no address is known by its account, date "
                "and title (or its text), and one of them changed (give the post its address, "
                "url: in a Markdown export's front matter, to keep one history)"]

    def _older_copy(self, before: dict[str, Any] | None, prepared: Prepared,
                    status: str) -> list[str]:
        """A warning when a new version was made from a copy of the post captured (by a
        crawler: a WARC's record date) or fetched (by its saver) before the copy the head was
        made from: versions are in the order they are ingested, so the older text is now the
        head, which ``list``, ``show`` and ``export`` give."""
        if status != "updated" or not before or not before.get("head"):
            return []
        try:
            then = self.archive.read_json(prepared.object_id, "provenance.json",
                                          before["head"])
            now = json.loads(prepared.files["provenance.json"])
        except (ArchiverError, KeyError, ValueError):
            return []  # (a damaged head is fsck's to say)
        for what, of in (("captured", lambda p: (p.get("container") or {}).get("date")),
                         ("fetched", lambda p: p.get("fetched"))):
            old, new = of(then), of(now)
            if not (isinstance(old, str) and isinstance(new, str)):
                continue
            this, heads = _instant(new), _instant(old)  # (each read once)
            if this is not None and heads is not None and this < heads:
                return [f"this copy was {what} at {new}, before the one {before['head']} was "
                        f"made from ({old}): versions are in the order they are ingested, so "
                        "this older copy is now the head, which list, show and export give "
                        f"(`archiver show {prepared.object_id} -v {before['head']}` shows the "
                        "later one)"]
        return []

    def _learn_aliases(self, prepared: Prepared) -> None:
        """An unchanged post's ids that its object's head does not list (it was archived
        before ids were kept, or from a save that knew fewer): the list index keeps them, so
        that the post's other saves find it, and so does the file's receipt, from which a
        rebuild of the index learns them again."""
        entry = self.index.get(prepared.object_id)
        if entry is None or set(prepared.aliases) <= set(entry.get("aliases") or ()):
            return
        entry["aliases"] = sorted({*(entry.get("aliases") or ()), *prepared.aliases})
        self._know(prepared.object_id, prepared.aliases)
        self.dirty = True

    def _know(self, object_id: str, aliases: Iterable[str]) -> None:
        """Remember that ``object_id`` is also known by ``aliases``; the first object to
        claim an id keeps it (an archive may hold a hash id kept as one: never looked up)."""
        self.aliases.setdefault(object_id, set()).update(aliases)
        for alias in aliases:
            if is_address_id(alias):
                self.owners.setdefault(alias, object_id)

    def commit_group(self) -> None:
        """Commit the posts gathered so far, all together, and report what can be."""
        if not self.group:
            return
        group, self.group = self.group, []
        self.group_ids, self.group_bytes = set(), 0
        changes = [Change(entry.prepared[number].object_id, entry.prepared[number].files,
                          message=f"ingest {_named(entry.path)}",
                          user=self.config.version_user(),
                          digests=entry.prepared[number].digests,
                          fixity=entry.prepared[number].sha256,
                          shared_checked=entry.prepared[number].shared_checked,
                          kept=entry.prepared[number].kept)
                   for entry, number, _new in group]
        self.index_behind = True
        # a signal now would keep the posts and lose their receipts: it waits for both
        with interrupts.held():
            committed = self.archive.commit_all(changes)
            for (entry, number, is_new), result in zip(group, committed, strict=True):
                prepared = entry.prepared[number]
                citations = prepared.files.get(CITATIONS_NAME)  # carried from the head
                source = relative(entry.path, self.base)
                self.heads_made[prepared.object_id] = (source, number)
                before = self.index.get(prepared.object_id)
                self.index[prepared.object_id] = index_entry(
                    prepared.record, result.version, json.loads(citations) if citations else None,
                    (before or {}).get("cited"), prepared.aliases)
                self.dirty = True
                self.stored[(prepared.object_id, result.version)] = {
                    content: len(prepared.files[logical])
                    for logical, content in result.content.items()
                    if logical in prepared.files}  # (not another tool's files, kept)
                _log.info("%s: %s committed (%s)", prepared.object_id, result.version,
                          f"ingest {_named(entry.path)}")
                status = ("unavailable" if prepared.kind in ERROR_KINDS
                          else "added" if is_new else "updated")
                moved = self._made_before(source, number, prepared.object_id, entry.digest,
                                          updated=status == "updated") \
                    if status in ("added", "updated") else []
                filing = [*moved, *_unlike(before, prepared.record),
                          *_another_time(before, prepared),
                          *self._older_copy(before, prepared, status)]
                # (said only where no warning above says more of how it was filed: another
                # post by its title, another time, an older copy)
                filing = filing or _another_save_this_run(
                    self.made_this_run.get(prepared.object_id), source, prepared.object_id,
                    result.version)
                self.made_this_run[prepared.object_id] = (source, result.version)
                entry.results[number] = IngestResult(
                    source=str(entry.path), status=status, object_id=prepared.object_id,
                    version=result.version, title=prepared.title, kind=prepared.kind,
                    warnings=(*prepared.warnings, *filing),
                    record=self.record_path(prepared.object_id, result.version,
                                            result.content.get("record.json")))
            self.index_behind = False
            self._report_ready()

    def _report_ready(self) -> None:
        """Report, in input order, every file none of whose posts awaits a group commit."""
        while self.waiting and None not in self.waiting[0].results:
            entry = self.waiting.pop(0)
            results = [r for r in entry.results if r is not None]
            if entry.digest is not None and all(r.version for r in results):
                self.remember(entry.path, entry.digest, entry.prepared, results)
            for result in results:
                self.report(result)

    def flush(self) -> None:
        """Write the derived indexes once per run (they can always be rebuilt). A second
        Ctrl-C, while the first one's unwinding writes them, waits until they are written."""
        with interrupts.held():
            self._flush()

    def _flush(self) -> None:
        if self.dirty:
            self.archive.write_extension_file(INDEX_NAME, dumps(self.index))
            self.archive.write_extension_file(RECEIPTS_NAME, dumps(self.receipts))
            self.dirty = False
        if self.digests.dirty:
            self.archive.write_extension_file(DIGESTS_NAME, dumps(self.digests.known))
            self.digests.dirty = False
        if self.stale and not self.index_behind:
            self.archive.remove_extension_file(STALE_NAME)
            self.stale = False


def _unlike(before: dict[str, Any] | None, record: dict[str, Any]) -> list[str]:
    """A warning when a new version's title and account both differ from the head's (the
    list index's line of it): a note of one's own that ends with a post's 原文链接 is filed
    as a version of that post, by its address, and its history then holds another text."""
    if not before or not before.get("title") or not before.get("account"):
        return []
    title, account = record.get("title"), (record.get("account") or {}).get("name")
    if not title or not account or title == before["title"] or account == before["account"]:
        return []
    return [f"this version's title and account both differ from {before['head']}'s "
            f"({before['title']!r} by {before['account']}): if this file is another post "
            "that links to that one, it was filed there by the address it gives, not as a "
            "post of its own (`archiver diff` shows what changed)"]


def _another_save_this_run(earlier: tuple[str, str] | None, source: str, object_id: str,
                           version: str) -> list[str]:
    """A warning when another save of the post (``earlier``: its source and the version it
    made) gave the post a version in this same run, and this one, which differs from it, made
    a newer one: versions are in the order files are ingested, so whichever is read last is
    the head, though it may be the older save (an edit of one of two saves of a post, the
    other read after it, is taken back)."""
    if earlier is None or earlier[0] == source:
        return []
    other, made = earlier
    return [f"another save of this post, {shown_file_name(other)}, made {made} in this "
            f"run, and this one differs from it: {version} is the head now, as the last "
            f"read; `archiver diff {object_id} {made} {version}` shows what it changed (ingest "
            "the save that should be the head last, or alone)"]


def _instant(written: str) -> datetime | None:
    """A time as a provenance writes it (ISO 8601, ``Z`` or an offset), as an instant; None
    when it names none (no zone: it cannot be compared with one that has)."""
    try:
        when = datetime.fromisoformat(written.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def _another_time(before: dict[str, Any] | None, prepared: Prepared) -> list[str]:
    """A warning when a new version of a post known by its account, day and title (it gives
    no address) was published at another time of that day than the head (the list index's
    line of it): WeChat keeps a post's time when it is edited, so this may be another post
    of that title that day (an account's 每日资讯 of the morning and of the evening), filed
    as a version of the first. Times a minute apart or less, or one read in no known zone,
    are not told apart."""
    if not before or not prepared.object_id.startswith("wx:t/") or prepared.zone_unknown:
        return []
    old, new = before.get("published"), prepared.record.get("published")
    if not (isinstance(old, str) and isinstance(new, str) and "T" in old and "T" in new):
        return []
    try:
        then, now = datetime.fromisoformat(old), datetime.fromisoformat(new)
        apart = abs((now - then).total_seconds())
    except (ValueError, TypeError):  # (one with its zone, the other without)
        return []
    if apart <= 60:
        return []
    return [f"published at {new}, {before['head']} at {old}: a post with no address is known "
            "by its account, day and title, and WeChat keeps a post's time when it is "
            "edited; if this file is another post of that title that day, it is filed as a "
            "new version of that one (give it its address, url: in a Markdown export's front "
            "matter, to file it apart; `archiver diff` shows what changed)"]


# a new version whose text is less than this share of the head's is said (a save cut short,
# in a format that cannot tell it: a Markdown file has no end to find missing)
SHORTER_SHARE = 0.7
_SHORTER_FROM = 200  # characters of the head's text: a short post's edit may halve it


# the warning of _much_shorter, which a receipt does not say again: it was of the version
# that run made, and the head may be another since
_SHORTER_SAID = re.compile(r"its text is \d+% as long as v\d+'s \(")


def _much_shorter(archive: Archive, prepared: Prepared) -> list[str]:
    """A warning when the version ``prepared`` is about to add holds much less text than the
    head (under :data:`SHORTER_SHARE` of it): a copy cut short is archived as a version like
    any edit (the earlier stays whole), and only this says it may be one."""
    head = archive.versions(prepared.object_id)[-1].number
    current = archive.read_json(prepared.object_id, "record.json")
    if prepared.record.get("kind") != current.get("kind"):
        return []  # (an article deleted: no copy of it cut short)
    before = len(current.get("text") or "")
    now = len(prepared.record.get("text") or "")
    if before < _SHORTER_FROM or now >= before * SHORTER_SHARE:
        return []
    return [f"its text is {now * 100 // before}% as long as {head}'s ({now} characters "
            f"against {before}): a copy cut short? `archiver diff {prepared.object_id}` shows "
            f"what it lacks; {head} is kept whole (`archiver ingest --as-head` on the whole "
            "save makes it the head again)"]


def ingest_paths(paths: Iterable[Path | str], config: Config, *,
                 on_result: Callable[[IngestResult], None] | None = None,
                 wait: bool = False, refresh: bool = False,
                 on_wait: Callable[[], None] | None = None,
                 on_files: Callable[[int], None] | None = None,
                 on_interrupted: Callable[[int, int], None] | None = None,
                 jobs: int = 1, pool: ProcessPoolExecutor | None = None,
                 as_head: bool = False) -> list[IngestResult]:
    """Ingest files and folders into the configured archive; one result per post (per file
    when it fails), each given to ``on_result`` once it is on disk. With ``wait``, another
    writer is waited for (``on_wait`` is called once first). ``on_files`` is told how many
    files the folders hold, once they are walked (a progress bar's total).
    ``on_interrupted`` is told, before any post, of the writes an earlier run left
    unfinished (a crash, a kill) that taking the archive finished and discarded: a post
    such a write held is then found ``unchanged``, though no run reported it added.
    ``jobs`` > 1: files are read, cleaned and their images localised by ``jobs`` worker
    processes, a few files ahead, while this one files, stores and reports each post in its
    turn: the results are those of one process. (As with any use of worker processes, a
    script that calls this must guard its own code with ``if __name__ == "__main__":``.)
    ``pool``: worker processes the caller started (:func:`start_workers`), used instead;
    the caller shuts it down. (A path may be given as a string; one given alone, not in a
    list, is that path.) ``as_head``: each post is compared with its head alone, not held
    by an earlier version that holds it already (a copy cut short made the head: the whole
    save, given again so, makes a version of it); a save that says less than the head (no
    scripts, no images) still adds nothing, and of a file's several captures of one post
    only the last is so compared. Receipts are not trusted: each file is read.

    What is wrong with one input is its result's ``error`` (an
    :class:`~archiver.errors.InputError`, status ``failed`` or ``skipped``); the others are
    still ingested. Raised, ending the run (what was reported done is archived):
    :class:`~archiver.errors.ArchiveBusy` when another writer holds the archive (without
    ``wait``; also for a call made inside another's callback on the same archive, which
    would wait for itself), :class:`~archiver.errors.ArchiveError` when the configured
    archive is a file, a folder that is not an archive, or cannot be written, and
    :class:`~archiver.errors.UsageError` for paths that are not paths. Two calls on one
    archive, from two threads or two processes, take turns by that lock."""
    if isinstance(paths, bytes) or not isinstance(paths, str | os.PathLike | Iterable):
        raise UsageError(f"paths: a path or a list of paths, not {type(paths).__name__}")
    paths = [_a_path(p) for p in ((paths,) if isinstance(paths, str | os.PathLike) else paths)]
    if not isinstance(config, Config):
        raise UsageError(f"config: a Config (load_config()), not {type(config).__name__}")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise UsageError(f"jobs: a whole number of processes, 1 or more, not {jobs!r}")
    if pool is not None or jobs <= 1:
        return _ingest_paths(paths, config, on_result, wait, refresh, on_wait, on_files,
                             on_interrupted, pool, jobs, as_head)
    with start_workers(jobs) as own:  # started first, before this run starts a thread
        return _ingest_paths(paths, config, on_result, wait, refresh, on_wait, on_files,
                             on_interrupted, own, jobs, as_head)


def _a_path(value: object) -> Path:
    """A path given to :func:`ingest_paths` (a ``str``, a ``Path``, any ``os.PathLike``:
    ``os.DirEntry``, ``PurePosixPath``) as a ``Path``; anything else (bytes) refused."""
    if isinstance(value, Path):
        return value
    if isinstance(value, str | os.PathLike):
        name = os.fspath(value)
        if isinstance(name, str):
            return Path(name)
    raise UsageError(f"paths: each a path (str or os.PathLike), not {type(value).__name__} "
                     f"{value!r:.60}")


def start_workers(jobs: int) -> Workers:
    """The worker processes of ``ingest --jobs``."""
    return processes(jobs, [__name__])


def _ingest_paths(paths: Iterable[Path], config: Config,
                  on_result: Callable[[IngestResult], None] | None, wait: bool, refresh: bool,
                  on_wait: Callable[[], None] | None, on_files: Callable[[int], None] | None,
                  on_interrupted: Callable[[int, int], None] | None,
                  pool: ProcessPoolExecutor | None, jobs: int,
                  as_head: bool = False) -> list[IngestResult]:
    unreadable: list[Unlisted] = []
    empty: list[tuple[Path, int]] = []
    archives: list[tuple[Path, int]] = []
    files = discover(paths, config.archive, unreadable, empty, archives, of_an_archive)
    if on_files:
        on_files(len(files))
    results: list[IngestResult] = []

    def report(result: IngestResult) -> None:
        results.append(result)
        if on_result:
            on_result(result)

    # the unreadable folders, by the number of files found before each: reported there
    folder_failures: dict[int, list[IngestResult]] = {}
    for unlisted in unreadable:
        folder_failures.setdefault(unlisted.before, []).append(IngestResult(
            source=str(unlisted.folder), status="failed", error=unlisted.problem(
                "ingested", hint="give yourself read and search permission on it "
                "(chmod u+rx), or leave it out")))

    for folder, before in empty:  # given, and nothing in it taken: said, not passed over
        folder_failures.setdefault(before, []).append(IngestResult(
            source=str(folder), status="skipped", kind="folder", error=_no_posts_in(folder)))

    for folder, before in archives:  # another archive inside a folder given: passed over,
        # and said (its copies of posts are not new posts)
        found = enclosing_ocfl(folder, itself=True)  # (a copy of one post's, or of all)
        what = ("an archived post (an OCFL object)" if found and found[0] == "object"
                else "an archive (an OCFL storage root)")
        folder_failures.setdefault(before, []).append(IngestResult(
            source=str(folder), status="skipped", kind="archive", error=UnsupportedFormat(
                f"{what} inside a folder given: the sources it stores are not new posts, and "
                "are not ingested again", path=folder)))

    def folders_before(at: int) -> list[IngestResult]:
        """The unreadable folders given just before the file at ``at`` (after the last
        file, at ``len(files)``); each index is asked for once, in order."""
        return folder_failures.pop(at, [])

    if not Archive.declared(config.archive):
        failures = _none_is_a_post(files)
        if failures is not None:  # a mistyped name makes no archive where none was
            for at, failure in enumerate(failures):
                for result in [*folders_before(at), failure]:
                    report(result)
            for result in folders_before(len(files)):
                report(result)
            return results
    archive = Archive.open(config.archive, create=True)
    with archive.writer(wait=wait, on_wait=on_wait):
        if on_interrupted is not None and any(archive.interrupted):
            on_interrupted(*archive.interrupted)
        run = _Run(archive, config, refresh, report, pool if len(files) > 1 else None,
                   as_head)
        try:
            ahead = 4 * max(jobs, 2)  # files read ahead of the one in its turn
            for at, (path, named) in enumerate(files):
                for result in folders_before(at):
                    run.failed(result)
                run.read_ahead(p for p, _named in files[at:at + ahead])
                try:
                    run.ingest(path)
                except UnsupportedFormat as exc:
                    run.failed(IngestResult(source=str(path), status="failed" if named
                                            else "skipped", error=exc))
                except (InputError, ReadingBug) as exc:
                    run.failed(IngestResult(source=str(path), status="failed", error=exc))
            for result in folders_before(len(files)):
                run.failed(result)
            run.commit_group()  # the last one
        except Exception:
            # a bug (SchemaError) or a failed commit stops the run: what was gathered and
            # checked before it is committed (nothing more, if a commit failed), and reported
            # where its whole file is
            if not run.index_behind:
                with suppress(Exception):
                    run.commit_group()
            raise
        finally:
            run.stop_workers()
            run.flush()
    return results


def of_an_archive(folder: Path) -> bool:
    """Whether a folder given is an archive's own (its storage root, a folder of its
    layout, an object): none of its files is a new post, and its objects are not each
    another archive. A folder inside an object (``v1/content/source``) is walked: a stored
    source may be ingested again on purpose, into another archive."""
    found = enclosing_ocfl(folder, itself=True)
    return found is not None and (found[0] == "storage root"
                                  or found[1] == Path(os.path.abspath(folder)))


def _no_posts_in(folder: Path) -> UsageError:
    """Why a folder given yields no post: it holds none, or it is an archive (or part of
    one), whose stored sources are not new posts."""
    if enclosing_ocfl(folder, itself=True) is not None:
        return UsageError("this folder is an archive, or part of one: the sources it stores "
                          "are not new posts, and are not ingested again", path=folder,
                          hint="give the saved posts themselves; to copy an archive, copy "
                               "its folder")
    links = _links_to_folders(folder)
    if links:  # an inbox of links to save folders: the walk does not follow them
        return UsageError(f"no saved posts in this folder: the {links} link(s) to folders in "
                          "it are not followed", path=folder,
                          hint="give the linked folders themselves (`archiver ingest "
                               f"{for_a_shell(folder)}/*`)")
    return UsageError("no saved posts in this folder", path=folder, hint=EMPTY_FOLDER_HINT)


def _links_to_folders(folder: Path) -> int:
    """How many symbolic links to folders are in ``folder`` and below (walked as an ingest
    walks it, which follows none: a link may lead anywhere, the whole disk included)."""
    count = 0
    for root, dirs, files in os.walk(folder):
        pages = saved_pages(files)
        dirs[:] = [d for d in dirs if walks_into(d, pages)]
        count += sum(os.path.islink(os.path.join(root, d)) for d in dirs)
    return count


# a file larger than this is not read twice to learn, before an archive is made where none
# was, whether it can be read (the ingest reads it in its turn)
CHECKED_BEFORE_CREATING = 64 << 20


def _none_is_a_post(files: list[tuple[Path, bool]]) -> list[IngestResult] | None:
    """Each file's failure, as an ingest reports it, if no file is a post a reader takes and
    can read; None as soon as one is (it is then read by the ingest itself). Asked before an
    archive is made where none was: a mistyped name, a name that is not UTF-8, or a file
    whose front matter is not YAML, makes no empty archive."""
    failures = []
    for path, named in files:
        why = readers.refusal(path) or _badly_named(path) or _unreadable(path)
        if why is None:
            return None
        skipped = isinstance(why, UnsupportedFormat) and not named
        failures.append(IngestResult(source=str(path), status="skipped" if skipped
                                     else "failed", error=why))
    return failures


def _badly_named(path: Path) -> InputError | None:
    """Why a post cannot be recorded under its name: one that is not valid UTF-8 (written by
    a system using another encoding) cannot be the source a record names. Nor can a UTF-8
    name where Python reads names in another encoding (``LC_ALL=C`` with ``PYTHONUTF8=0``:
    ASCII), which makes text of its escaped bytes: that is said as it is. The path the file
    is reached by counts, and so does the one it resolves to (a link into a folder so named,
    or a relative name typed in one), which the receipts and the provenance record."""
    name = shown(path)
    if name == str(path):
        try:
            real = os.path.realpath(path)
        except (OSError, ValueError):
            return None
        if shown(Path(real)) == real:
            return None
        path = Path(real)
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        encoding = sys.getfilesystemencoding()
        return InputError(f"its name is UTF-8, but Python here reads file names as {encoding}, "
                          "so it cannot be recorded as it is", path=str(path),
                          hint="run with PYTHONUTF8=1, or in a UTF-8 locale "
                               "(LC_ALL=C.UTF-8)")
    encoding = _likely_encoding(os.fsencode(path))
    return InputError("its name (or its folder's) is not valid UTF-8, so it cannot be "
                      "recorded as it is", path=str(path),
                      hint=f"rename it in UTF-8 (e.g. convmv -f {encoding} -t utf-8 --notest; "
                           f"{encoding} is a guess at the encoding it was named in)")


def _likely_encoding(name: bytes) -> str:
    """The encoding a file name that is not UTF-8 was most likely written in, for the hint
    that says how to rename it: GBK (a Chinese Windows, an old zip), where its bytes above
    ASCII come in pairs, as GBK writes each Chinese character (both bytes 0x81 or above);
    else Windows-1252 (a Western one), where they stand alone among ASCII letters ("Müller"
    as 0xFC between two). Any such byte and the letter after it decode as GBK too, into a
    character no name holds: the pairing, not the decoding, tells. convmv takes both."""
    pairs = alone = 0
    i = 0
    while i < len(name):
        if name[i] < 0x80:
            i += 1
        elif i + 1 < len(name) and name[i + 1] >= 0x81:
            pairs += 1
            i += 2
        else:
            alone += 1
            i += 1
    return "gbk" if pairs > alone else "cp1252"


def _unreadable(path: Path) -> InputError | None:
    """Why a file a reader takes cannot be read after all (front matter that is not YAML, a
    WARC cut short, a body nested too deep to be read whole), as its reader or the cleaning
    says it; None when it can, or is too large to be read twice
    (:data:`CHECKED_BEFORE_CREATING`)."""
    try:
        if path.stat().st_size > CHECKED_BEFORE_CREATING:
            return None
        for raw in readers.read_all(path):
            clean_post(raw)  # the body's walk refuses what no reader looks into
    except InputError as exc:
        return exc
    except Exception:  # an OSError, or a bug met reading it
        return None  # the ingest, reading it, says why
    return None
