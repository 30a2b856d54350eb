"""The archive: an OCFL storage root of versioned objects, opened, locked, read and written.
How each write is made crash-safe is said in :mod:`archiver.store`."""

from __future__ import annotations

import copy
import errno
import fcntl
import getpass
import hashlib
import json
import os
import re
import shlex
import shutil
import stat
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver import schema as schemas
from archiver.canonical import dumps, utc_now
from archiver.errors import (
    ArchiveBusy,
    ArchiveError,
    ArchiveReadOnly,
    ArchiverError,
    DamagedObject,
    NotFound,
    ObjectRefused,
    UnfinishedCommit,
    UsageError,
    remedy,
)
from archiver.ocfl_rules import (
    INVENTORY_TYPE,
    content_folder_name,
    next_version_number,
    sidecar_problem,
    unusable,
    valid_path,
)
from archiver.store import durable
from archiver.store.algorithm import in_sha512
from archiver.store.checks import Checks, FsckReport
from archiver.store.journal import read_ticket, ticket_entries
from archiver.store.layout import (
    INDEX,
    LAYOUT,
    LAYOUT_CONFIG,
    LOCK,
    OBJECT_SPEC,
    SPEC,
    STAGING,
    another_tools_root,
    enclosing_ocfl,
    file_in_the_way,
    interrupted_initialisation,
    not_a_storage_root,
    object_root_for,
    remove_initialisation_leftovers,
    safe_logical_path,
    sidecar_of,
)


@dataclass(frozen=True)
class VersionInfo:
    """One version of an object as its inventory records it."""

    number: str
    created: str
    message: str | None
    user: dict[str, str] | None
    state: dict[str, str]  # logical path → sha512 digest


@dataclass(frozen=True)
class Change:
    """One object's next version, as :meth:`Archive.commit_all` takes it: its state is
    exactly ``files`` (logical path → bytes); ``digests`` may give the sha512 of some of them,
    and ``fixity`` their sha256 (the fixity block), computed by the caller from these same
    bytes (an image's content address, a source's receipt digest): a page or image of
    megabytes is then not hashed again."""

    object_id: str
    files: Mapping[str, bytes]
    message: str
    digests: Mapping[str, str] | None = None
    created: str | None = None
    user: dict[str, str] | None = None
    fixity: Mapping[str, str] | None = None
    # the digests of the stored copies this version may share unread: compared with
    # ``files`` already (:meth:`Archive.check_writable` with them), or read from the object
    # and checked against their digests, under the same lock; any other is compared here
    shared_checked: frozenset[str] = frozenset()
    # logical paths of the head version the new one keeps as they are, unread (files another
    # tool added to the object, which the caller does not write: a version's state is the
    # whole object, and leaving them out would delete them from the head); one ``files``
    # also gives, or that is a file where ``files`` has a folder, is not kept
    kept: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CommitResult:
    object_id: str
    version: str
    new_object: bool
    # logical path → where its bytes lie, relative to the object's root: known from the
    # inventory the commit wrote, so that a caller need not read that inventory back
    content: Mapping[str, str] = field(default_factory=dict)


@dataclass
class _Staged:
    """A version worked out and ready to be written: its number, the inventory that will
    name it, and the bytes the object does not hold yet (by content path)."""

    object_id: str
    number: str
    inventory: dict[str, Any]
    new_content: dict[str, bytes]
    new_object: bool

    def content_paths(self) -> dict[str, str]:
        """Each logical path of the version → its content path in the object."""
        manifest = self.inventory["manifest"]
        return {logical: manifest[digest][0]
                for digest, logicals in self.inventory["versions"][self.number]["state"].items()
                for logical in logicals}



def _remedy(exc: OSError) -> str:
    """What to do about a write the machine refused (:func:`archiver.errors.remedy`)."""
    return remedy(exc, "check the permissions of the archive's folders")


# the JSON documents a post's versions hold, and the schema each was written against
DOCUMENT_SCHEMAS = {"record.json": "record", "provenance.json": "provenance",
                    "citations.json": "verify-report"}


def _sha512_of(files: Mapping[str, bytes], known: Mapping[str, str] | None) -> dict[str, str]:
    """The sha512 (hex) of each of ``files``: as ``known`` gives it (computed by the caller
    from the same bytes), else computed here."""
    return {logical: (known or {}).get(logical) or hashlib.sha512(data).hexdigest()
            for logical, data in files.items()}


_RESTORE_HINT = "`archiver fsck` lists what is damaged; restore the object from a copy"


def _lost_its_declaration(root: Path) -> bool:
    """Whether ``root`` is a storage root this tool made whose declaration is gone: no
    ``0=ocfl_*`` declaration of any OCFL version (another tool's root, or another version's,
    is no damaged archive of ours), and the layout extension it writes, as
    ``ocfl_layout.json`` names it."""
    if any(root.glob("0=ocfl_*")) or not (root / "extensions" / LAYOUT).is_dir():
        return False
    try:
        layout = json.loads((root / "ocfl_layout.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(layout, dict) and layout.get("extension") == LAYOUT

# The writer locks this process holds: the lock file (device, inode) → the thread holding it.
# flock excludes two open files of the same lock even in one process: a write asked for by
# the thread that holds the lock (from an ingest's callback) would wait for itself for ever.
_HELD: dict[tuple[int, int], int] = {}
_HELD_GUARD = threading.Lock()
_WAIT_HINT = "wait for it to finish, or pass --wait (the library's functions: wait=True)"


# root inventories an Archive keeps read (an ingest reads one object's a few times in a row)
_INVENTORIES_KEPT = 8


def _as_on_disk(object_dir: Path) -> tuple[bytes | None, ...]:
    """The bytes of an object's root inventory and of its sidecars (None where there is no
    file to read): the same bytes, they say what they said. (Compared, not their times: a
    change within the file system's clock tick, at the same size, keeps those.)"""
    return (_bytes_of(object_dir / "inventory.json"), *_sidecars_on_disk(object_dir))


_SIDECARS = ("sha512", "sha256")  # the digest algorithms an inventory's sidecar may be named by


def _sidecars_on_disk(object_dir: Path) -> tuple[bytes | None, ...]:
    return tuple(_bytes_of(object_dir / f"inventory.json.{algorithm}")
                 for algorithm in _SIDECARS)


def _bytes_of(path: Path) -> bytes | None:
    """A file's bytes; None when no regular file is there (a FIFO in its place would block
    the reading; a folder, a link to nothing or a loop of links hold none either). A file
    there that cannot be read (no permission, an I/O error) is an error, raised."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        return path.read_bytes()
    except OSError as exc:
        if isinstance(exc, PermissionError) or exc.errno == errno.EIO:
            raise
        return None


def _in_order(numbers: Iterable[str]) -> list[str]:
    """An inventory's version numbers (``v1``, ``v2`` … ``v10``) in their order."""
    return sorted(numbers, key=lambda v: int(v[1:]))


def an_archive(archive: object, argument: str = "archive") -> Archive:
    """``archive``, when it is an :class:`Archive`; a library caller's path or folder name in
    its place is a :class:`~archiver.errors.UsageError` that says what to pass, not an
    ``AttributeError`` from deep inside."""
    if not isinstance(archive, Archive):
        raise UsageError(f"{argument}: an Archive (Archive.open(folder)), not "
                         f"{type(archive).__name__}")
    return archive


def versions_said(numbers: list[str]) -> str:
    """A post's versions (in order) as a hint names them: each, or, past a few, the first
    and the last (OCFL numbers them one after another: a hint listing 300 was 1,800
    characters of one line)."""
    if len(numbers) <= 6:
        return "versions: " + ", ".join(numbers)
    return f"versions: {numbers[0]} to {numbers[-1]} ({len(numbers)})"


def _stored_state(where: Path, content: Path, digest: str) -> str | None:
    """What is wrong with the stored copy ``content`` of an object (``where``) that should
    hold the bytes of sha512 ``digest``: None when nothing is; "damaged" when new bytes
    written over it would mend it (other bytes, or a link or a FIFO where the file was: the
    rename replaces the name, never what it points to); "missing" when the file is gone from
    its folder, where they would be written; else why it cannot be mended here (its folder
    is gone too, a folder stands there, a folder on its way is a link, which a write would
    follow out of the object, or it cannot be read). Only a regular file is read: a FIFO's
    reading would never end."""
    folder = where
    for part in content.relative_to(where).parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            return f"is reached through a symbolic link ({folder.relative_to(where).as_posix()})"
    try:
        mode = os.lstat(content).st_mode
    except (FileNotFoundError, NotADirectoryError):
        if os.path.isdir(content.parent) and not os.path.islink(content.parent):
            return "missing"  # (a file deleted from its folder: written there again mends it)
        return f"is missing from the archive ({content.relative_to(where).as_posix()})"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISDIR(mode):
        return (f"is missing from the archive (a folder stands at "
                f"{content.relative_to(where).as_posix()})")
    if not stat.S_ISREG(mode):
        return "damaged"  # a link, a FIFO, a device where a file was
    try:
        return None if durable.digest_file(content) == digest else "damaged"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"


def _which(object_id: str, logical: str, version: str | None) -> str:
    """A stored file as a message names it: ``record.json of wx:… (v2)``."""
    return f"{logical} of {object_id} ({version or 'head'})"


class Archive(Checks):
    """An OCFL storage root on disk. Open it with :meth:`open`. (What it checks of itself,
    ``fsck``, is in :class:`~archiver.store.checks.Checks`.)"""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._locked = False
        self._lock_file: tuple[int, int] | None = None  # (device, inode) of the file locked
        # interrupted commits the last writer() found: (finished, discarded)
        self._interrupted = (0, 0)
        # root inventories read and found whole, by object folder: (the bytes of the
        # inventory and its sidecars, the inventory) (see _load_inventory)
        self._inventories: dict[Path, tuple[tuple[bytes | None, ...], dict[str, Any]]] = {}

    # -- opening -----------------------------------------------------------------------------

    @staticmethod
    def declared(root: Path | str) -> bool:
        """Whether ``root`` is an archive already (its OCFL declaration is there)."""
        return (Path(root) / f"0={SPEC}").is_file()

    @classmethod
    def open(cls, root: Path | str, create: bool = False) -> Archive:
        """The OCFL storage root at ``root``; with ``create``, made there when the folder is
        missing or empty. ArchiveError for anything else (a file, a folder of other files,
        an OCFL object, a folder inside an archive): an archive is never made where it would
        mix with or damage what is there."""
        root = Path(root)
        if cls.declared(root):
            foreign = another_tools_root(root)
            if foreign is not None:  # nothing is written there, nor checked as archiver's
                raise ArchiveError(
                    f"an OCFL storage root another tool made: {foreign}, and archiver keeps "
                    f"its posts by {LAYOUT} ({LAYOUT_CONFIG['digestAlgorithm']}, "
                    f"{LAYOUT_CONFIG['numberOfTuples']} tuples of "
                    f"{LAYOUT_CONFIG['tupleSize']}); it neither writes to it nor checks it",
                    path=root, hint="give archiver an archive of its own (`--archive DIR`, a "
                                    "new folder); that tool checks its own root")
            return cls(root)
        hint = "point --archive at an archive made by archiver, or at an empty or new folder"
        if root.exists() and not root.is_dir():
            raise ArchiveError("this is a file, not an archive folder", path=root, hint=hint)
        filled = root.exists() and any(root.iterdir()) and not interrupted_initialisation(root)
        if filled and (root / f"0={OBJECT_SPEC}").is_file():  # an object itself: said so
            raise ArchiveError(not_a_storage_root(root), path=root, hint=hint)
        enclosing = enclosing_ocfl(root)
        if enclosing is not None:  # an archive made in there would damage the one around it
            kind, folder = enclosing
            raise ArchiveError(
                f"this folder is inside the OCFL {kind} {folder}: " + (
                    "no archive may be made within an object" if kind == "object" else
                    "it is part of that archive, and no archive may be made within one"),
                path=root, hint="point --archive at the storage root itself, or at a folder "
                                "outside it")
        if filled and _lost_its_declaration(root):
            # an archive's own files, its declaration gone: a damaged archive, not another's
            # folder (nothing is written to it, and fsck cannot check it either, until then)
            restore = shlex.quote(str(root / f"0={SPEC}"))
            raise ArchiveError(f"a storage root whose declaration 0={SPEC} is missing: "
                               "damaged", path=root,
                               hint=f"restore 0={SPEC} from a copy (it holds the one line "
                                    f"{SPEC}: echo {SPEC} > {restore}), then run "
                                    "`archiver fsck`")
        if filled:
            raise ArchiveError(not_a_storage_root(root), path=root, hint=hint)
        blocking = file_in_the_way(root)
        if blocking is not None:  # no archive can ever be made there: not "not yet"
            raise ArchiveError(f"no archive can be here: {blocking} is a file, not a "
                               "folder", path=root, hint=hint)
        if not create:
            raise NotFound("no archive here yet", path=root,
                           hint="run `archiver ingest PATH --archive DIR` to create it")
        try:
            cls._initialise(root)
        except OSError as exc:
            raise ArchiveError(f"cannot create an archive here ({exc.strerror or exc})",
                               path=root, hint="give --archive a folder on a writable disk "
                                               "that you may write to") from None
        return cls(root)

    @staticmethod
    def _initialise(root: Path) -> None:
        """Create the storage root; the declaration comes last. A crash before it leaves a
        folder that :func:`interrupted_initialisation` recognises, so it is finished here,
        not refused as "not an archive"."""
        root.mkdir(parents=True, exist_ok=True)
        ext = root / "extensions" / LAYOUT
        ext.mkdir(parents=True, exist_ok=True)
        remove_initialisation_leftovers(root)
        durable.atomic_write(ext / "config.json", dumps(LAYOUT_CONFIG))
        durable.atomic_write(root / "ocfl_layout.json", dumps(
            {"extension": LAYOUT, "description": "Hashed Truncated N-tuple Trees with Object ID "
             "Encapsulating Directory for OCFL Storage Hierarchies"}))
        # the declaration is written last: a root without it is not yet an archive
        durable.atomic_write(root / f"0={SPEC}", f"{SPEC}\n".encode())

    # -- locking -----------------------------------------------------------------------------

    @contextmanager
    def writer(self, wait: bool = False, on_wait: Callable[[], None] | None = None,
               check_root: bool = True) -> Iterator[Archive]:
        """Hold the archive's single-writer lock; recover interrupted commits first. With
        ``wait``, a busy lock is waited for, and ``on_wait`` called once before waiting (to
        tell the user why nothing happens). A storage root whose declaration or layout is
        damaged is written to by no one (``check_root``: fsck, which only finishes
        interrupted commits, and reports that damage itself, does not ask)."""
        if check_root:
            self._check_root()
        lock_dir = self.root / "extensions" / LOCK
        try:
            lock_dir.mkdir(parents=True, exist_ok=True)
            handle = open(lock_dir / "lock", "a+")  # noqa: SIM115 (held open across the yield)
        except OSError as exc:
            raise ArchiveReadOnly(f"cannot write to this archive ({exc.strerror or exc})",
                                  path=self.root, hint="list, show, log, diff, fsck and export "
                                  "read an archive you may not write, and `verify --no-keep` "
                                  "checks its citations without keeping the results; to ingest, "
                                  "or to keep them, use one you may write to") from None
        held = False
        try:
            locked = os.fstat(handle.fileno())
            key = (locked.st_dev, locked.st_ino)
            with _HELD_GUARD:
                if _HELD.get(key) == threading.get_ident():
                    raise ArchiveBusy(
                        "this thread is writing to this archive already: a write asked for "
                        "inside another (from an ingest's or a verification's callback) would "
                        "wait for itself", path=self.root,
                        hint="write to it once the outer call has returned")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    raise ArchiveBusy("another archiver process is writing to this archive",
                                      path=self.root, hint=_WAIT_HINT) from None
                if on_wait is not None:
                    on_wait()
                fcntl.flock(handle, fcntl.LOCK_EX)
            held = True  # (first: a stop between the two leaves no entry behind)
            with _HELD_GUARD:
                _HELD[key] = threading.get_ident()
            self._lock_file = key
            self._locked = True
            self._interrupted = self.recover()
            yield self
        finally:
            self._locked = False
            if held:
                with _HELD_GUARD:
                    _HELD.pop(key, None)
            handle.close()

    def _check_root(self) -> None:
        """Refuse to write to a storage root whose declaration, or whose description of the
        objects' layout, is not this archive's: objects added there would be laid out as no
        other OCFL tool reading that root expects (a root that says it lays them out by
        extension 0004), or added to a root no OCFL tool recognises."""
        report = FsckReport()
        self._fsck_declaration(report)
        self._fsck_layout(report)
        if report.problems:
            first = report.problems[0]
            raise ArchiveError(f"the storage root is damaged: {first.path} {first.message}",
                               path=self.root, hint="run `archiver fsck`; restore the storage "
                               "root's own files from a copy before writing to it")

    @property
    def interrupted(self) -> tuple[int, int]:
        """(finished, discarded): the commits a crash had interrupted that the last
        :meth:`writer` found, and finished (they were complete: their versions are in the
        archive now) or discarded (they were not: nothing of them is)."""
        return self._interrupted

    def _require_lock(self) -> None:
        """Refuse a write without the lock, or one to where the archive no longer is: an
        archive moved or removed while a command wrote to it (its lock file is no longer
        the one locked) had its objects made again, half, at its old path, outside any
        lock, and the run said they were archived."""
        if not self._locked:
            raise ArchiveError("write attempted without holding the archive lock", path=self.root)
        try:
            now = os.stat(self.root / "extensions" / LOCK / "lock")
            same = (now.st_dev, now.st_ino) == self._lock_file
        except OSError:
            same = False
        if not same and (self.root / f"0={SPEC}").is_file():
            raise ArchiveError("the archive's lock file was removed or replaced while this "
                               "command held or waited for it: another process may be "
                               "writing, so nothing more is written", path=self.root,
                               hint="run the command again (what was reported archived "
                                    "before is in the archive)")
        if not same:
            raise ArchiveError("the archive was moved or removed while this command was "
                               "writing to it: nothing more is written there", path=self.root,
                               hint="run the command again with --archive naming the archive "
                                    "where it is now (what was reported archived before is "
                                    "in it)")

    # -- reading -----------------------------------------------------------------------------

    def object_path(self, object_id: str) -> Path:
        return self.root / object_root_for(object_id)

    def exists(self, object_id: str) -> bool:
        """Whether the archive holds an object ``object_id`` (its full id, as stored)."""
        return (self.object_path(object_id) / "inventory.json").is_file()

    def unreadable_because(self, object_id: str) -> DamagedObject | None:
        """Why the object whose place in the layout ``object_id`` gives cannot be read, when
        its folder is there (its inventory gone, or one that does not load); None when it
        reads, or no such folder is there. A lookup by id says so: "no such post" would
        send the user looking for a typo."""
        folder = self.object_path(object_id)
        if not folder.is_dir():
            return None
        try:
            self._load_inventory(folder)
        except DamagedObject as problem:
            return problem
        return None

    def object_ids(self, readable_only: bool = False,
                   damaged: list[ArchiverError] | None = None) -> list[str]:
        """Every object id in the archive, sorted (a walk of the storage hierarchy). An object
        whose inventory cannot be read, or names no id, raises DamagedObject, or with
        ``readable_only`` is left out (fsck reports it), or is added to ``damaged`` and the
        walk goes on (``verify`` of the whole archive names it and checks the others)."""
        ids = []
        for path in self._object_dirs():
            # only the id is read here: an object damaged otherwise is still listed, and says
            # so when it is read (one damaged object must not hide all the others)
            named = self._id_named_in(path)
            if named:
                ids.append(named)
            elif not readable_only:
                try:
                    self._load_inventory(path)  # raises, saying what is wrong
                    raise DamagedObject("the inventory names no object", path=path,
                                        hint="run `archiver fsck`")
                except DamagedObject as problem:
                    if damaged is None:
                        raise
                    damaged.append(problem)
        return sorted(ids)

    def object_count(self) -> int:
        """How many object folders the storage hierarchy holds, readable or not (a walk of
        the folders; no inventory is read)."""
        return sum(1 for _ in self._object_dirs())

    def _object_dirs(self) -> Iterator[Path]:
        for dirpath, dirs, files in os.walk(self.root):
            here = Path(dirpath)
            if here == self.root:
                dirs[:] = sorted(d for d in dirs if d != "extensions")
                continue
            if f"0={OBJECT_SPEC}" in files or "inventory.json" in files:
                dirs[:] = []
                yield here
            else:
                dirs.sort()

    def _load_inventory(self, object_dir: Path, sealed: bool = False) -> dict[str, Any]:
        """:meth:`_inventory_read`, once for as long as the inventory and its sidecars hold
        the bytes they held then. Reading an object (its versions, then a file of each)
        asked for the inventory at each step, and it lists every version: parsed and
        checked each time, a post with a long history cost seconds to ingest or check. The
        writer (``sealed``) reads it afresh, and is the one to change what it is given;
        readers must not change it."""
        if sealed:
            return self._inventory_read(object_dir, sealed)[0]
        kept = self._inventories.get(object_dir)
        with suppress(OSError):  # (one that cannot be read is read again, and said so)
            if kept is not None and kept[0] == _as_on_disk(object_dir):
                return kept[1]
        inventory, vouched = self._inventory_read(object_dir)
        if vouched is not None:  # (not one a commit was caught in the middle of)
            self._inventories.pop(object_dir, None)
            self._inventories[object_dir] = (vouched, inventory)
            while len(self._inventories) > _INVENTORIES_KEPT:
                del self._inventories[next(iter(self._inventories))]
        return inventory

    def _inventory_read(self, object_dir: Path, sealed: bool = False
                        ) -> tuple[dict[str, Any], tuple[bytes | None, ...] | None]:
        """An object's root inventory, whole: it must match its digest sidecar, or what it
        says of the object's versions and digests is not to be trusted (``log`` would list,
        and ``export`` write, what someone edited in).

        A commit replaces the root inventory, then its sidecar: a reader without the lock may
        come between the two, and a crash may leave them so. The root inventory is then the
        head version's own copy, byte for byte, and that copy matches its own sidecar (made
        before either was put in place): such an inventory is whole, and trusted, by readers.

        ``sealed``: asked by the writer, which holds the lock and has finished any
        interrupted commit: only the root sidecar counts, and no version is added on an
        inventory that fails it (the new inventory would carry the altered one forward under
        a new sidecar).

        Returns the inventory and, when it matched its own sidecar, the bytes that showed it
        (the inventory's, and its sidecars' as :func:`_as_on_disk` reads them: those read
        before, never after, a commit that may have come between); None when the head
        version's copy vouched for it."""
        for attempt in range(1 if sealed else 2):
            if attempt:  # a commit's next step, awaited once (see _head_copy_whole)
                time.sleep(0.05)
            inventory, data = self._read_inventory(object_dir)
            algorithm = inventory.get("digestAlgorithm")
            try:
                sidecars = _sidecars_on_disk(object_dir)
            except OSError as exc:
                raise DamagedObject(f"the inventory's sidecar cannot be read "
                                    f"({exc.strerror or exc})", path=object_dir,
                                    hint="run `archiver fsck`; restore the object folder "
                                         "from a backup") from None
            sidecar = (sidecar_problem(object_dir, data, algorithm,
                                       sidecars[_SIDECARS.index(algorithm)])
                       if algorithm in _SIDECARS
                       else f"its digestAlgorithm {algorithm!r} is none OCFL allows")
            if sealed and not sidecar:
                differs = self._unlike_head_copy(object_dir, inventory, data)
                if differs:
                    raise DamagedObject(
                        f"the inventory differs from its head version's copy ({differs}): "
                        "one of them was altered, and no version is added on it",
                        path=object_dir / "inventory.json",
                        hint="run `archiver fsck`; restore the object folder from a backup")
            if not sidecar:
                return inventory, (data, *sidecars)
            if not sealed and algorithm in _SIDECARS and \
                    self._head_copy_whole(object_dir, inventory, data):
                return inventory, None
        raise DamagedObject(f"the inventory is damaged or altered ({sidecar})"
                            + (": no version is added on it" if sealed else ""),
                            path=object_dir / "inventory.json",
                            hint="run `archiver fsck`; restore the object folder from a backup")

    @staticmethod
    def _unlike_head_copy(object_dir: Path, inventory: dict[str, Any], data: bytes
                          ) -> str | None:
        """How the head version's own inventory differs from the root's ``data``, if it does
        (OCFL has them identical; a commit writes both from the same bytes): the writer adds
        no version on the root inventory alone, which would carry an edit forward and leave
        no copy that shows it. None when they are the same, or the head keeps no copy
        (OCFL W010, a version imported so)."""
        head = str(inventory.get("head"))
        copy = object_dir / head / "inventory.json"
        try:
            theirs = _bytes_of(copy)
        except OSError as exc:
            return f"{head}/inventory.json cannot be read: {exc.strerror or exc}"
        if theirs is None:  # none there, or something other than a file (a FIFO, a folder)
            return f"{head}/inventory.json is not a file" if os.path.lexists(copy) else None
        return None if theirs == data else f"{head}/inventory.json"

    @staticmethod
    def _head_copy_whole(object_dir: Path, inventory: dict[str, Any], data: bytes) -> bool:
        """Whether ``data`` (a root inventory failing its sidecar) is its head version's own
        inventory, byte for byte, and that matches its own sidecar, with no later version's
        folder beside it: a commit caught, or stopped, between replacing the root inventory
        and its sidecar. (With a later version's folder there, it is an inventory put back
        from an older copy, which would hide that version; or, for a reader that read the
        old inventory and then the new sidecar, a commit a moment ahead: read again.)"""
        head = str(inventory.get("head"))
        try:
            later = next_version_number(head)  # (v004 after v003: another tool's padding)
        except ObjectRefused:
            later = None  # its names used up: no later version can be there
        if later is not None and (object_dir / later).exists():
            return False
        return Archive._sealed_copy(object_dir / head) == data

    def _read_inventory(self, object_dir: Path) -> tuple[dict[str, Any], bytes]:
        """An object's root inventory and its bytes, in a shape the reading code can rely on:
        valid JSON is not enough (``"state": null``, a digest the manifest lacks, a head that
        is no version, another object's id would each crash, or mislead, whatever reads it)."""
        path = object_dir / "inventory.json"
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO's reading would never end
                raise DamagedObject("the object's inventory.json is not a file", path=path,
                                    hint="run `archiver fsck`; restore the object folder "
                                         "from a backup")
            data = path.read_bytes()
            inventory = json.loads(data)
        except FileNotFoundError:
            raise DamagedObject("the object has no inventory.json: it is damaged, and what it "
                                "holds cannot be read", path=object_dir,
                                hint="run `archiver fsck`; restore the object folder from a "
                                     "backup") from None
        except OSError as exc:  # a folder in its place, no permission: no file to read
            raise DamagedObject(f"the inventory cannot be read ({exc.strerror or exc})",
                                path=path, hint="run `archiver fsck`; restore the object "
                                                "folder from a backup") from None
        except ValueError as exc:  # cut short by a copy, or edited: that object's damage
            raise DamagedObject(f"the inventory is damaged: not valid JSON ({exc})", path=path,
                                hint="run `archiver fsck`; restore the object folder from a "
                                     "backup") from None
        damage = unusable(inventory)
        if damage is None and object_root_for(inventory["id"]) != \
                object_dir.relative_to(self.root).as_posix():
            damage = f"it names object {inventory['id']!r}, whose place is another folder"
        if damage:
            raise DamagedObject(f"the inventory is damaged: {damage}", path=path,
                                hint="run `archiver fsck`; restore the object folder from a "
                                     "backup")
        return inventory, data

    def inventory(self, object_id: str, sealed: bool = False) -> dict[str, Any]:
        """The object's root inventory (see :meth:`_inventory_read` for ``sealed``): the
        caller's own copy, to change if it likes."""
        return copy.deepcopy(self._inventory(object_id, sealed))

    def _inventory(self, object_id: str, sealed: bool = False) -> dict[str, Any]:
        """:meth:`inventory`, as kept read (:meth:`_load_inventory`): not to be changed,
        unless ``sealed``."""
        if not self.exists(object_id):
            damage = self.unreadable_because(object_id)  # its folder there, unreadable: said
            if damage is not None:  # (a library caller was told "no object" of it)
                raise damage
            moved = self._moved_object(object_id)
            if moved is not None:
                raise DamagedObject(
                    f"this folder holds object {object_id!r}, whose place in the layout is "
                    f"{object_root_for(object_id)}: moved by hand? Move it back there",
                    path=moved, hint="run `archiver fsck`")
            raise NotFound(f"no object {object_id!r} in the archive", path=self.root,
                           hint="`archiver list` shows the ids")
        return self._load_inventory(self.object_path(object_id), sealed)

    def _moved_object(self, object_id: str) -> Path | None:
        """The folder elsewhere in the storage hierarchy whose inventory names ``object_id``:
        an object moved by hand is damage to repair, not an id mistyped. A walk of every
        object's inventory, as `list` makes: only on the way to saying "no object"."""
        for path in self._object_dirs():
            if self._id_named_in(path) == object_id:
                return path
        return None

    @staticmethod
    def _id_named_in(object_dir: Path) -> str | None:
        """The id an object folder's inventory names, its only field read (nothing else of
        it checked); None when it cannot be read or names none."""
        try:
            inventory = json.loads(_bytes_of(object_dir / "inventory.json") or b"null")
        except (OSError, ValueError):
            return None
        named = inventory.get("id") if isinstance(inventory, dict) else None
        return named if isinstance(named, str) and named else None

    def head(self, object_id: str) -> str:
        """The object's newest version (``v3``); NotFound when there is no such object."""
        return self._inventory(object_id)["head"]

    def versions(self, object_id: str) -> list[VersionInfo]:
        """The object's versions, oldest first, as its inventory records them (when, by whom,
        the message naming the save each was made from)."""
        inventory = self._inventory(object_id)
        out = []
        for number in _in_order(inventory["versions"]):
            version = inventory["versions"][number]
            state = {logical: digest for digest, paths in version["state"].items()
                     for logical in paths}
            user = version.get("user")  # (the kept inventory's own is not handed out)
            out.append(VersionInfo(number=number, created=version.get("created", ""),
                                   message=version.get("message"),
                                   user=dict(user) if isinstance(user, dict) else user,
                                   state=state))
        return out

    def _resolve(self, inventory: dict[str, Any], logical: str, version: str | None
                 ) -> tuple[str, str]:
        """(the digest the inventory records for ``logical`` in ``version``, its content
        path in the object)."""
        number = version if version is not None else inventory["head"]
        if number not in inventory["versions"]:
            # worded as diff words it (the version as given, quoted, not a repr: printing
            # escapes it once)
            raise NotFound(f"{inventory['id']} has no version '{number}'", path=self.root,
                           hint=versions_said(_in_order(inventory["versions"])))
        for digest, paths in inventory["versions"][number]["state"].items():
            if logical in paths:
                return digest, inventory["manifest"][digest][0]
        raise NotFound(f"{logical!r} is not in {inventory['id']!r} {number}")

    def content_path(self, object_id: str, logical: str, version: str | None = None) -> Path:
        """Where the bytes of ``logical`` in ``version`` (default: head) lie on disk."""
        inventory = self._inventory(object_id)
        return self.object_path(object_id) / self._resolve(inventory, logical, version)[1]

    def content_paths(self, object_id: str, version: str | None = None) -> dict[str, Path]:
        """Where the bytes of each file of ``version`` (default: head) lie on disk, from one
        reading of the inventory (:meth:`content_path` reads it for each file)."""
        inventory = self._inventory(object_id)
        number = version if version is not None else inventory["head"]
        if number not in inventory["versions"]:
            self._resolve(inventory, "", number)  # raises NotFound, worded as ever
        where = self.object_path(object_id)
        return {logical: where / inventory["manifest"][digest][0]
                for digest, paths in inventory["versions"][number]["state"].items()
                for logical in paths}

    def read_bytes(self, object_id: str, logical: str, version: str | None = None,
                   verify: bool = True) -> bytes:
        """The bytes of ``logical`` in ``version`` (default: head), checked against the
        digest the inventory records for them: missing or damaged bytes are a
        :class:`DamagedObject` naming the file (that object's damage: a run goes on with the
        others), never passed on as the post's (shown as its record, or copied into a new
        version, which would record the damage under a digest of its own). ``verify`` False
        is for fsck, which checks every digest itself and reports each once."""
        return self._read_checked(self._inventory(object_id), object_id, logical, version,
                                  verify)

    def _read_checked(self, inventory: dict[str, Any], object_id: str, logical: str,
                      version: str | None, verify: bool = True) -> bytes:
        """:meth:`read_bytes` on an inventory already loaded."""
        digest, content = self._resolve(inventory, logical, version)
        try:
            data = (self.object_path(object_id) / content).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            folder = content.split("/", 1)[0]  # the version that stored these bytes
            gone = (f" (the whole version folder {folder} is gone)"
                    if not (self.object_path(object_id) / folder).is_dir() else "")
            raise DamagedObject(f"{_which(object_id, logical, version)} is missing from the "
                                f"archive{gone}", path=self.root, hint=_RESTORE_HINT) from None
        algorithm = inventory.get("digestAlgorithm", "sha512")
        if verify and algorithm in ("sha512", "sha256") and \
                hashlib.new(algorithm, data).hexdigest() != digest.lower():
            raise DamagedObject(
                f"{_which(object_id, logical, version)} is damaged: its bytes do not match "
                f"the {algorithm} digest its inventory records", path=self.root,
                hint=_RESTORE_HINT)
        return data

    def check_version(self, object_id: str, number: str) -> None:
        """Raise :class:`DamagedObject` unless ``number`` of ``object_id`` is whole on disk:
        its record matches its digest and every file its state names is there. Asked before a
        post is called unchanged in that version: an inventory that names a version whose
        folder was deleted, or whose record was cut short, holds nothing to be unchanged in
        (the images are checked for presence; ``fsck`` checks every digest)."""
        inventory = self._inventory(object_id)
        if number not in inventory["versions"]:
            raise NotFound(f"{object_id} has no version '{number}'", path=self.root)
        state = inventory["versions"][number]["state"]
        if any("record.json" in paths for paths in state.values()):
            self._read_checked(inventory, object_id, "record.json", number)
        where = os.fspath(self.object_path(object_id))
        for digest, paths in state.items():
            content = inventory["manifest"][digest][0]
            if not os.path.isfile(os.path.join(where, content)):
                damage = DamagedObject(f"{_which(object_id, paths[0], number)} is missing "
                                       f"from the archive ({content})", path=self.root,
                                       hint=_RESTORE_HINT)
                if valid_path(content) and os.path.isdir(
                        os.path.dirname(os.path.join(where, content))):
                    damage.missing_digest = digest.lower()  # (its folder there: bytes given
                    # for this digest, written there, mend it: restore_damaged)
                raise damage

    def restore_damaged(self, object_id: str, number: str,
                        copies: Mapping[str, bytes]) -> list[tuple[str, str]]:
        """Check every stored file of ``number`` of ``object_id`` against the digest its
        inventory records (each is read whole), and put back each one found damaged, or gone
        from its folder, whose bytes ``copies`` holds (keyed by their sha512: a post's files
        as it was just read again from its source). Returns each logical path put back, with
        what was wrong with it ("damaged" or "missing").

        Why: a version is immutable, but the bytes on disk that hold it can rot. When the
        source that made it is at hand, its bytes are the version's, checked against the
        very digest the inventory records, so writing them over the damaged copy (in a
        temporary file renamed into place) changes nothing the inventory says. A damaged
        file that no copy matches (the provenance, say, which records its own event) stays
        as it is: :class:`DamagedObject` names it."""
        self._require_lock()
        inventory = self._inventory(object_id)
        if inventory.get("digestAlgorithm", "sha512") != "sha512":
            return []  # an object another tool made: fsck checks it, nothing is put back
        if number not in inventory["versions"]:
            raise NotFound(f"{object_id} has no version '{number}'", path=self.root)
        where = self.object_path(object_id)
        restored: list[str] = []
        problems: list[str] = []  # what could not be put back, said once every file is seen
        for digest, paths in sorted(inventory["versions"][number]["state"].items(),
                                    key=lambda item: sorted(item[1])):
            stored = inventory["manifest"][digest][0]
            which = _which(object_id, paths[0], number)
            if not valid_path(stored) or not re.fullmatch(
                    rf"v\d+/{re.escape(content_folder_name(inventory) or '/')}/.+",
                    stored):
                # (an inventory edited to name a path out of the object: nothing is written
                # there, nor read; fsck says the rest)
                problems.append(f"{which} is stored at {stored!r}, which is no content path "
                                "of the object")
                continue
            content = where / stored
            state = _stored_state(where, content, digest.lower())
            if state is None:
                continue  # whole
            data = copies.get(digest.lower())
            if state not in ("damaged", "missing") or data is None or \
                    hashlib.sha512(data).hexdigest() != digest.lower():
                problems.append(
                    f"{which} is damaged: its bytes do not match the sha512 digest its "
                    "inventory records, and this source does not hold them"
                    if state == "damaged" else
                    f"{which} is missing from the archive "
                    f"({content.relative_to(where).as_posix()}), and this source does not "
                    "hold its bytes" if state == "missing" else f"{which} {state}")
                continue
            staging = self.root / "extensions" / STAGING / uuid.uuid4().hex
            try:  # a crash leaves a folder with no ticket there: the next writer removes it
                staging.mkdir(parents=True)
                durable.atomic_write(content, data, tmp_dir=staging)
            except OSError as exc:
                raise ArchiveError(f"cannot put back the damaged {which} ({exc.strerror or exc})",
                                   path=exc.filename or content,
                                   hint=_remedy(exc) + ", then run the same command again"
                                   ) from None
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            restored += [(path, state) for path in sorted(paths)]
        if problems:
            put_back = (f" (put back meanwhile: {', '.join(path for path, _ in restored)})"
                        if restored else "")
            raise DamagedObject(problems[0] + put_back, path=self.root, hint=_RESTORE_HINT)
        return restored

    def read_json(self, object_id: str, logical: str, version: str | None = None) -> Any:
        """A JSON file of an object (a record, its provenance…), parsed. A file its inventory
        names that is gone or damaged is a :class:`DamagedObject` naming it, not a crash:
        the commands that read the archive say which post is damaged (fsck says the rest)."""
        which, hint = _which(object_id, logical, version), _RESTORE_HINT
        try:
            document = json.loads(self.read_bytes(object_id, logical, version))
        except ValueError as exc:  # not JSON, or not UTF-8
            raise DamagedObject(f"{which} is damaged: {exc}", path=self.root,
                               hint=hint) from None
        # a record, provenance or verification is checked against its schema, as it was
        # before it was written: valid JSON of another shape ({}, []) is damage, not a crash
        # of whatever reads it next
        name = DOCUMENT_SCHEMAS.get(logical)
        problems = schemas.errors(name, document) if name else []
        if problems:
            raise DamagedObject(f"{which} is damaged: it does not match the {name} schema "
                               f"({problems[0]})", path=self.root, hint=hint)
        return document

    # -- derived data under extensions/ --------------------------------------------------------

    def read_extension_file(self, name: str) -> bytes | None:
        try:
            return (self.root / "extensions" / INDEX / name).read_bytes()
        except FileNotFoundError:
            return None

    def write_extension_file(self, name: str, data: bytes) -> None:
        self._require_lock()
        folder = self.root / "extensions" / INDEX
        folder.mkdir(parents=True, exist_ok=True)
        durable.atomic_write(folder / name, data)

    def remove_extension_file(self, name: str) -> None:
        self._require_lock()
        folder = self.root / "extensions" / INDEX
        with suppress(FileNotFoundError):
            (folder / name).unlink()
            durable.fsync_path(folder)

    # -- writing -----------------------------------------------------------------------------

    def commit(self, object_id: str, files: Mapping[str, bytes], message: str,
               created: str | None = None, user: dict[str, str] | None = None,
               digests: Mapping[str, str] | None = None,
               shared_checked: frozenset[str] = frozenset()) -> CommitResult:
        """Add a version whose state is exactly ``files`` (logical path → bytes).

        ``digests`` may give the sha512 (hex) of some files, computed by the caller from these
        same bytes, so that megabytes of page and images are not hashed twice; the others are
        computed here. ``fsck`` recomputes every digest from what was written.
        ``shared_checked``: digests of stored files read from the object and checked against
        their digests under this lock (see :class:`Change`).
        """
        return self.commit_all([Change(object_id, files, message, digests, created, user,
                                       shared_checked=shared_checked)])[0]

    def commit_all(self, changes: list[Change]) -> list[CommitResult]:
        """Add a version to each of several objects (each at most once), made durable
        together: what is staged, the ticket, and the names of the new objects are synced once
        for them all, where each cost milliseconds a post (a new version of an existing object
        still costs its own few fsyncs, to keep its root inventory last). All or nothing across
        a crash: recovery rolls all of them forward, or none."""
        self._require_lock()
        ids = [change.object_id for change in changes]
        if len(set(ids)) != len(ids):
            raise ArchiveError("a commit adds at most one version to an object",
                               hint="commit the versions of one object one after the other")
        staged = [self._next_version(change) for change in changes]  # all checked first
        if staged:
            self._stage_and_apply(staged)
        return [CommitResult(object_id=item.object_id, version=item.number,
                             new_object=item.new_object, content=item.content_paths())
                for item in staged]

    def _next_version(self, change: Change) -> _Staged:
        """The version ``change`` adds: its number, inventory and new content (nothing is
        written yet)."""
        files = change.files
        for logical in files:
            safe_logical_path(logical)
            parts = logical.split("/")
            for i in range(1, len(parts)):
                if "/".join(parts[:i]) in files:
                    raise ArchiveError(f"{'/'.join(parts[:i])!r} would be both a file and a "
                                       f"folder (because of {logical!r})")
        object_id = change.object_id
        new_object = not self.exists(object_id)
        if new_object:
            inventory: dict[str, Any] = {
                "id": object_id, "type": INVENTORY_TYPE, "digestAlgorithm": "sha512",
                "head": "v0", "manifest": {}, "versions": {}, "fixity": {"sha256": {}}}
        else:
            inventory = self._inventory(object_id, sealed=True)
            self._check_history(object_id, inventory)
            inventory = in_sha512(self.object_path(object_id), inventory)
        number = self._number_after(object_id, inventory["head"])
        content_folder = content_folder_name(inventory)
        if content_folder is None:  # (unusable() refuses such an inventory when read)
            raise DamagedObject("the inventory's contentDirectory is no folder name",
                                path=self.object_path(object_id) / "inventory.json",
                                hint="run `archiver fsck`")
        self._check_writable(object_id, number, new_object)
        user = {"name": _user_name(), **(change.user or {})}  # a name given or the login
        state: dict[str, list[str]] = {}
        new_content: dict[str, bytes] = {}
        manifest = inventory["manifest"]
        fixity = inventory.setdefault("fixity", {}).setdefault("sha256", {})
        digests = _sha512_of(files, change.digests)
        # before this version adds its own content to the manifest: the copies it would share
        self._compare_shared(object_id, manifest, files, digests, change.shared_checked)
        for logical in sorted(files):
            data, digest = files[logical], digests[logical]
            state.setdefault(digest, []).append(logical)
            if digest not in manifest:  # OCFL dedup: store only bytes the object lacks
                content = f"{number}/{content_folder}/{logical}"
                new_content[content] = data
                manifest[digest] = [content]
                sha256 = (change.fixity or {}).get(logical) or hashlib.sha256(data).hexdigest()
                fixity.setdefault(sha256, []).append(content)
        if change.kept and not new_object:
            head = {path: digest for digest, paths in
                    inventory["versions"][inventory["head"]]["state"].items() for path in paths}
            for logical in sorted(change.kept):
                if logical in head and logical not in files and not any(
                        logical.startswith(f + "/") or f.startswith(logical + "/")
                        for f in files):
                    state.setdefault(head[logical], []).append(logical)
        inventory["versions"][number] = {"created": change.created or utc_now(),
                                         "message": change.message, "user": user,
                                         "state": state}
        inventory["head"] = number
        return _Staged(object_id, number, inventory, new_content, new_object)

    def _check_history(self, object_id: str, inventory: dict[str, Any]) -> None:
        """Refuse to add a version to an object whose earlier versions are not all on disk:
        a version folder the inventory lists that is gone, or whose inventory is gone while
        its sidecar is there (OCFL lets a version keep no inventory, W010, but not half of
        one). A new version would be built on an object that no longer validates, and hide
        the loss under a newer head. A stat or three a version; ``fsck`` checks every byte."""
        where = self.object_path(object_id)
        for number in inventory["versions"]:
            folder = where / number
            if not folder.is_dir():
                raise DamagedObject(f"the object is damaged: its version folder {number} is "
                                    "missing, and no version is added on it", path=folder,
                                    hint="run `archiver fsck`; restore the object folder "
                                         "from a backup")
            if not (folder / "inventory.json").is_file() and any(
                    (folder / f"inventory.json.{algorithm}").is_file()
                    for algorithm in _SIDECARS):
                raise DamagedObject(f"the object is damaged: {number}'s inventory is missing "
                                    "beside its sidecar, and no version is added on it",
                                    path=folder / "inventory.json",
                                    hint="run `archiver fsck`; restore the object folder "
                                         "from a backup")

    def _number_after(self, object_id: str, head: str) -> str:
        """:func:`next_version_number`, its refusal placed at the object."""
        try:
            return next_version_number(head)
        except ObjectRefused as exc:
            exc.path = str(self.object_path(object_id))
            raise

    def _check_shared(self, object_id: str, logical: str, content: str, data: bytes) -> None:
        """Refuse to let a new version share a stored file (OCFL's deduplication by digest)
        whose bytes are no longer those its digest is of: the new version would hold the
        damage, though the post's own bytes were whole. Compared byte for byte: the new
        bytes are at hand, and the stored copy is read once a commit."""
        path = self.object_path(object_id) / content
        try:
            same = path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            raise DamagedObject(f"the stored copy of {logical} ({content}) is missing or no "
                                "longer matches its digest: no new version may share it",
                                path=self.object_path(object_id), hint=_RESTORE_HINT)

    def check_writable(self, object_id: str, files: Mapping[str, bytes] | None = None,
                       digests: Mapping[str, str] | None = None) -> frozenset[str]:
        """Raise DamagedObject if a new version of ``object_id`` could not be added (see
        :meth:`_check_writable`), or (given its ``files``, and the sha512 ``digests`` known of
        them) would share a stored copy that is damaged: asked before a post joins a group
        commit, so that a damaged object fails its post alone. Returns the digests of the
        stored copies compared (the commit need not read them again: :class:`Change`)."""
        new_object = not self.exists(object_id)
        inventory = None if new_object else self._inventory(object_id, sealed=True)
        if inventory is not None:
            self._check_history(object_id, inventory)
            # another tool's sha256 object: its files checked as the commit will (a damaged
            # one fails this post before it joins a group commit, not the group)
            inventory = in_sha512(self.object_path(object_id), inventory)
        number = "v1" if inventory is None else self._number_after(object_id,
                                                                   inventory["head"])
        self._check_writable(object_id, number, new_object)
        if inventory is None or files is None:
            return frozenset()
        return self._compare_shared(object_id, inventory["manifest"], files,
                                    _sha512_of(files, digests))

    def _compare_shared(self, object_id: str, manifest: Mapping[str, list[str]],
                        files: Mapping[str, bytes], digests: Mapping[str, str],
                        checked: frozenset[str] = frozenset()) -> frozenset[str]:
        """Compare each of ``files`` whose digest ``manifest`` holds (a stored copy the new
        version would share) with that copy, once a digest, except those ``checked``
        already (:meth:`_check_shared`); returns the digests compared."""
        compared: set[str] = set()
        for logical in sorted(files):
            digest = digests[logical]
            if digest in manifest and digest not in checked and digest not in compared:
                self._check_shared(object_id, logical, manifest[digest][0], files[logical])
                compared.add(digest)
        return frozenset(compared)

    def _check_writable(self, object_id: str, number: str, new_object: bool) -> None:
        """Refuse to add ``number`` to an object whose folder already holds something in its
        way: a new object's folder without an inventory, or a version folder the inventory
        does not list. The commit would fail half-way, and every later one with it."""
        where = self.object_path(object_id)
        if new_object and where.exists():
            raise DamagedObject("the object's folder exists but holds no inventory.json: it "
                                "is damaged", path=where, hint="run `archiver fsck`; restore "
                                "the object folder from a backup, or move it out of the "
                                "archive")
        if not new_object and (where / number).exists():
            if self._sealed_copy(where / number) is not None:
                # a whole version the root inventory lost (restored from an older copy): its
                # own inventory is the object's newer one; moving the folder out loses it
                raise DamagedObject(
                    f"the object is damaged: its root inventory does not list {number}, whose "
                    f"folder holds a version inventory matching its sidecar: the root "
                    f"inventory looks restored from an older copy", path=where / number,
                    hint=f"copy {number}/inventory.json and its sidecar over the object's "
                    f"root ones, then run `archiver fsck`, which checks every file {number} "
                    f"names; do not move {number} out, which would lose that version")
            raise DamagedObject(f"the object is damaged: a folder {number} is in it that its "
                                f"inventory does not list, so no version {number} can be added",
                                path=where / number, hint="run `archiver fsck`; move the "
                                "stray folder out of the archive")

    @staticmethod
    def _sealed_copy(folder: Path) -> bytes | None:
        """The bytes of the inventory ``folder`` (a version folder) holds, if it matches its
        sidecar and its head is that version: a version that was committed whole."""
        try:
            data = _bytes_of(folder / "inventory.json") or b""
            inventory = json.loads(data)
        except (OSError, ValueError):
            return None
        algorithm = inventory.get("digestAlgorithm") if isinstance(inventory, dict) else None
        sealed = (algorithm in ("sha512", "sha256") and inventory.get("head") == folder.name
                  and sidecar_problem(folder, data, algorithm) is None)
        return data if sealed else None

    def _stage_and_apply(self, staged: list[_Staged]) -> None:
        staging = self.root / "extensions" / STAGING / uuid.uuid4().hex
        entries = []
        try:
            for i, item in enumerate(staged):
                name = f"object-{i}"
                self._stage(staging / name, item)
                entries.append({"object": object_root_for(item.object_id),
                                "version": item.number, "new_object": item.new_object,
                                "staged": name})
            durable.sync_tree(staging)  # all of it on disk before the ticket says it is complete
            ticket = {"entries": entries}
            durable.write_file(staging / "ticket.tmp", dumps(ticket))
            os.replace(staging / "ticket.tmp", staging / "ticket.json")
        except OSError as exc:  # a full disk, say: nothing was committed; the space is given back
            shutil.rmtree(staging, ignore_errors=True)
            raise ArchiveError(f"cannot write to the archive ({exc.strerror or exc}): nothing "
                               "of this commit was stored", path=exc.filename or self.root,
                               hint=_remedy(exc) + ", then run the same command again") from None
        try:
            durable.fsync_path(staging)
            self._roll_forward(staging, ticket)
        except OSError as exc:  # the commit is complete in the staging area: the next writer
            # (or fsck) finishes it
            raise ArchiveError(f"cannot finish writing to the archive ({exc.strerror or exc}): "
                               "the commit is stored whole in its staging area, and the next "
                               "command that writes (or `archiver fsck`) finishes it",
                               # a rename names its target second: where it could not go
                               path=exc.filename2 or exc.filename or self.root,
                               hint=_remedy(exc)
                               + ", then run `archiver fsck`") from None

    @staticmethod
    def _stage(body: Path, item: _Staged) -> None:
        """Write a version (a whole object, if it is new) under ``body``, not yet durable."""
        version_dir = body / item.number
        inv = dumps(item.inventory)
        version_dir.mkdir(parents=True)  # content/ only if there is new content (OCFL W003)
        for content_path, data in item.new_content.items():
            target = body / content_path
            target.parent.mkdir(parents=True, exist_ok=True)
            durable.write_file(target, data, durable=False)
        durable.write_file(version_dir / "inventory.json", inv, durable=False)
        durable.write_file(version_dir / "inventory.json.sha512", sidecar_of(inv), durable=False)
        if item.new_object:
            durable.write_file(body / f"0={OBJECT_SPEC}", f"{OBJECT_SPEC}\n".encode(),
                               durable=False)
            durable.write_file(body / "inventory.json", inv, durable=False)
            durable.write_file(body / "inventory.json.sha512", sidecar_of(inv), durable=False)

    def _roll_forward(self, staging: Path, ticket: dict[str, Any]) -> None:
        """Move every staged version of a complete commit into place (again, after a crash:
        each step is skipped once done), then remove the staging folder."""
        placed: set[Path] = set()  # folders that got new names, made durable together
        for entry in ticket_entries(ticket):
            placed.update(self._roll_forward_entry(staging, entry))
        durable.sync_dirs(sorted(placed))  # before the caller reports the commit done
        shutil.rmtree(staging)

    def _roll_forward_entry(self, staging: Path, entry: dict[str, Any]) -> list[Path]:
        """Apply one staged version; the folders whose new names must still be synced."""
        target = self.root / entry["object"]
        body = staging / entry["staged"]
        number = entry["version"]
        if entry["new_object"]:
            if body.exists() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(body, target)
            if not (target / "inventory.json").is_file():
                raise DamagedObject("an interrupted commit cannot be finished: a folder without "
                                    "an inventory is where its new object goes", path=target,
                                    hint="move that folder out of the archive, then run "
                                         "`archiver fsck` to finish the commit")
            # the names of the object and of every folder above it, which this commit (or,
            # in recovery, the attempt a crash stopped) may have made
            above = [target.parent]
            while above[-1] != self.root and above[-1] != above[-1].parent:
                above.append(above[-1].parent)
            return above
        if (body / number).exists() and not (target / number).exists():
            os.rename(body / number, target / number)
            durable.fsync_path(target)  # the version is in place before the inventory names it
        if not (target / number / "inventory.json").is_file():
            raise DamagedObject(f"an interrupted commit cannot be finished: a folder {number} "
                                "is in its way in the object", path=target / number,
                                hint="move the stray folder out of the archive, then run "
                                     "`archiver fsck` to finish the commit")
        # the root inventory is replaced last, from the version's own copy
        inv = (target / number / "inventory.json").read_bytes()
        current = json.loads((target / "inventory.json").read_bytes())
        if int(current["head"][1:]) < int(number[1:]):
            durable.atomic_write(target / "inventory.json", inv, tmp_dir=staging)
        # and its sidecar after it (a crash may fall between the two)
        sidecar = target / "inventory.json.sha512"
        if (target / "inventory.json").read_bytes() == inv and (
                not sidecar.is_file() or sidecar.read_bytes() != sidecar_of(inv)):
            durable.atomic_write(sidecar, sidecar_of(inv), tmp_dir=staging)
        # an object whose digests this version moved from sha256 keeps one sidecar at its
        # root, the new one (OCFL E001), once that one vouches for the root inventory
        stale = target / "inventory.json.sha256"
        if stale.is_file() and (target / "inventory.json").read_bytes() == inv and \
                sidecar.read_bytes() == sidecar_of(inv):
            stale.unlink()
            durable.fsync_path(target)
        return []

    def recover(self) -> tuple[int, int]:
        """Finish or discard commits a crash interrupted; returns how many of them were
        finished (a ticket: complete) and how many discarded."""
        self._require_lock()
        for leftover in (self.root / "extensions" / INDEX).glob(".*.tmp"):
            leftover.unlink()  # a derived file's write that a crash interrupted
        remove_initialisation_leftovers(self.root)
        area = self.root / "extensions" / STAGING
        if not area.is_dir():
            return 0, 0
        finished = discarded = 0
        for staging in sorted(area.iterdir()):
            if not staging.is_dir():  # not a commit (every one is staged in a folder)
                continue
            ticket_path = staging / "ticket.json"
            if ticket_path.is_file():
                try:
                    self._roll_forward(staging, read_ticket(ticket_path))
                except OSError as exc:
                    raise UnfinishedCommit(
                        f"cannot finish a commit an earlier run left, stored whole in "
                        f"{STAGING} ({exc.strerror or exc})",
                        path=exc.filename2 or exc.filename or self.root,
                        hint=_remedy(exc) + ", then run `archiver fsck`") from None
                finished += 1
            else:
                shutil.rmtree(staging, ignore_errors=True)
                discarded += 1
        if finished or discarded:  # only an interrupted commit leaves empty folders
            self._prune_empty_dirs()  # (a walk of every object)
        return finished, discarded

    def _prune_empty_dirs(self) -> None:
        """A crash while creating an object's parent folders can leave empty folders, which
        OCFL forbids in the storage hierarchy; they hold nothing and are removed."""
        for dirpath, dirs, files in os.walk(self.root, topdown=False):
            here = Path(dirpath)
            if here == self.root or "extensions" in here.relative_to(self.root).parts:
                continue
            if not dirs and not files:
                with suppress(OSError):
                    here.rmdir()


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "archiver"
