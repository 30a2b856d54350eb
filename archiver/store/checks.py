"""The store's checks of itself against OCFL 1.1 (``archiver fsck`` adds what makes a post a
post): every digest recomputed, every inventory against the others, every folder against
what OCFL lets it hold. Problems are reported, never repaired, never raised."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiver.errors import (
    ArchiveBusy,
    ArchiveError,
    ArchiveReadOnly,
    DamagedObject,
    UnfinishedCommit,
)
from archiver.ocfl_rules import (
    INVENTORY_TYPES,
    digest_map,
    digests_by_path,
    inventory_problems,
    read_strict_json,
    sidecar_problem,
    state_paths,
    version_numbers,
)
from archiver.store import durable
from archiver.store.journal import ticket_entries
from archiver.store.layout import (
    LAYOUT,
    LAYOUT_CONFIG,
    OBJECT_SPEC,
    SPEC,
    STAGING,
    object_root_for,
    safe_logical_path,
)
from archiver.textfiles import utf8_safe


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    # a stored file whose bytes changed (its digest no longer matches), or that is gone from
    # a folder still there: what ``ingest --refresh`` puts back from the post's source, where
    # it still holds them
    changed: bool = field(default=False, compare=False)
    # a file or folder that is none of the object's (no manifest names it): moved out, not
    # restored
    stray: bool = field(default=False, compare=False)

    def to_json(self) -> dict[str, str]:
        # a stray file's name that is not UTF-8 has its bytes escaped (JSON is UTF-8)
        return {"path": utf8_safe(self.path), "message": utf8_safe(self.message)}


@dataclass
class FsckReport:
    objects: int = 0
    files: int = 0
    recovered: int = 0  # interrupted commits found: finished, or discarded (never complete)
    discarded: int = 0  # ... of them, the ones discarded: nothing of them was in the archive
    read_only: bool = False  # checked without the write lock: nothing could be rolled forward
    problems: list[Problem] = field(default_factory=list)
    # what OCFL allows but advises against (its warnings): said, not failed on
    warnings: list[Problem] = field(default_factory=list)
    # ids of the objects whose inventories could be read (their content can be checked further)
    readable: list[str] = field(default_factory=list, repr=False)
    # ids of the objects found away from their id's place in the layout (moved by hand)
    misplaced: set[str] = field(default_factory=set, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "objects": self.objects, "files": self.files,
                "recovered": self.recovered, "discarded": self.discarded,
                "read_only": self.read_only,
                "problems": [p.to_json() for p in self.problems],
                "warnings": [w.to_json() for w in self.warnings]}



class Checks:
    """What an :class:`archiver.store.Archive` checks of itself: a part of that class, kept
    in a module of its own, which reads the archive as the class gives it."""

    root: Path
    _interrupted: tuple[int, int]  # (finished, discarded) by the last writer's recovery

    if TYPE_CHECKING:
        def writer(self, wait: bool = False, on_wait: Callable[[], None] | None = None,
                   check_root: bool = True) -> AbstractContextManager[Any]: ...

        def _object_dirs(self) -> Iterator[Path]: ...

    def fsck(self, on_object: Callable[[str, int, int, int], None] | None = None
             ) -> FsckReport:
        """Recompute every digest of every object; report problems, never repair content.
        ``on_object`` is told of each object once it is checked: its id (its folder, relative
        to the root, when its inventory cannot be read), how many files and problems were
        found in it, and how many objects there are (a progress bar's total: the folders are
        walked first, which reads no file)."""
        report = FsckReport()
        declaration = self.root / f"0={SPEC}"
        if not declaration.is_file():
            report.problems.append(Problem(str(self.root), "missing storage root declaration"))
            return report
        self._fsck_declaration(report)
        busy = False
        try:
            with self.writer(check_root=False):
                report.recovered = sum(self._interrupted)
                report.discarded = self._interrupted[1]
        except ArchiveBusy:
            busy = True  # a writer is active: check what is committed, leave its staging alone
        except ArchiveReadOnly:
            # checked as it is, a commit in flight tolerated as when busy (one may be under
            # way by someone who may write), none rolled forward: checking needs no writing
            busy = True
            report.read_only = True
        except (DamagedObject, UnfinishedCommit) as exc:  # an interrupted commit that
            # cannot be finished: its staging is damaged, or the machine refuses a step
            where = Path(exc.path or self.root)
            report.problems.append(Problem(
                where.relative_to(self.root).as_posix() if where.is_relative_to(self.root)
                else str(where), f"{exc.message} ({exc.hint})"))
            busy = True  # its objects are checked as they are, its staging left alone
        if not busy:
            self._fsck_staging(report)
        folders = list(self._object_dirs())
        for object_dir in folders:
            report.objects += 1
            files, problems, ids = report.files, len(report.problems), len(report.readable)
            if not busy:
                self.fsck_object(object_dir, report)
            else:
                self._fsck_object_in_flight(object_dir, report)
            if on_object is not None:
                on_object(report.readable[-1] if len(report.readable) > ids
                          else object_dir.relative_to(self.root).as_posix(),
                          report.files - files, len(report.problems) - problems, len(folders))
        self._fsck_layout(report)
        self._fsck_hierarchy(report, busy)
        return report

    def _fsck_declaration(self, report: FsckReport) -> None:
        declaration = self.root / f"0={SPEC}"
        try:
            same = declaration.read_bytes() == f"{SPEC}\n".encode()
        except OSError:
            same = False
        if not same:
            report.problems.append(Problem(declaration.name,
                                           "storage root declaration has wrong content"))

    def _fsck_object_in_flight(self, object_dir: Path, report: FsckReport) -> None:
        """:meth:`fsck_object` while another writer may be committing. It may be applying a
        commit to this object right now; between two of its steps the new version folder is
        there before the root inventory names it, and the root inventory is replaced before
        its sidecar. Those are not damage."""
        mine = FsckReport()
        self.fsck_object(object_dir, mine)
        if mine.problems:
            mine = FsckReport()
            self.fsck_object(object_dir, mine, self._in_flight().get(
                object_dir.relative_to(self.root).as_posix()))
        report.files += mine.files
        report.problems += mine.problems
        report.readable += mine.readable

    def _in_flight(self) -> dict[str, str]:
        """Commits another writer is applying: object folder → the version it adds (read from
        the tickets of complete staged commits; nothing is changed)."""
        found = {}
        area = self.root / "extensions" / STAGING
        for ticket in sorted(area.glob("*/ticket.json")) if area.is_dir() else []:
            with suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
                for entry in ticket_entries(json.loads(ticket.read_bytes())):
                    found[entry["object"]] = entry["version"]
        return found

    def _fsck_layout(self, report: FsckReport) -> None:
        """The storage root says how objects are laid out (``ocfl_layout.json`` and the
        extension's ``config.json``), as this store lays them out: other OCFL tools find the
        objects by it."""
        for name, expected in (("ocfl_layout.json", {"extension": LAYOUT}),
                               (f"extensions/{LAYOUT}/config.json", LAYOUT_CONFIG)):
            _, found, error = read_strict_json(self.root / name)
            if error:
                report.problems.append(Problem(name, f"unreadable ({error}): other OCFL tools "
                                                     "could not find the objects by it"))
            elif not isinstance(found, dict) or any(found.get(k) != v
                                                    for k, v in expected.items()):
                report.problems.append(Problem(name, f"does not describe the layout the "
                                                     f"objects are in ({LAYOUT})"))

    def _fsck_staging(self, report: FsckReport) -> None:
        """What recovery left in the staging area (it finishes or discards every commit
        folder there, and a folder there now is a commit another writer began since): files,
        which no commit is, written by something else, are said."""
        area = self.root / "extensions" / STAGING
        with suppress(OSError):
            for stray in sorted(area.iterdir()):
                if stray.is_dir() and not stray.is_symlink():
                    continue
                report.warnings.append(Problem(
                    stray.relative_to(self.root).as_posix(),
                    "not a commit: archiver stages commits here, and made no such file "
                    "(move it away)"))

    def _fsck_hierarchy(self, report: FsckReport, busy: bool) -> None:
        """Folders of the storage hierarchy that are not objects hold no files (OCFL E072): a
        file there is an object that lost its declaration and inventory, or a stray."""
        for dirpath, dirs, files in os.walk(self.root):
            here = Path(dirpath)
            if here == self.root:
                dirs[:] = [d for d in dirs if d != "extensions"]
                continue
            if f"0={OBJECT_SPEC}" in files or "inventory.json" in files:
                dirs[:] = []
                continue
            for name in sorted(files):
                report.problems.append(Problem(
                    (here / name).relative_to(self.root).as_posix(),
                    "file in the storage hierarchy outside any object (an object without its "
                    "declaration and inventory?)"))
            if not files and not dirs and not busy:  # a writer may be making its folders
                report.problems.append(Problem(
                    here.relative_to(self.root).as_posix(),
                    "empty folder in the storage hierarchy (OCFL forbids it: an object folder "
                    "deleted or moved, leaving its parents?)"))

    def fsck_object(self, object_dir: Path, report: FsckReport,
                    in_flight: str | None = None) -> None:
        """Check one object against OCFL 1.1: its declaration; the root and every version
        inventory (structure, sidecar, agreement with each other); what the object root and
        the version folders hold; every content digest (manifest, and every fixity algorithm
        hashlib knows); stray and missing files. Problems are reported, never raised.
        ``in_flight``: the version another writer is adding to this object at this moment."""
        rel = object_dir.relative_to(self.root).as_posix()

        def problem(where: str, message: str, changed: bool = False,
                    stray: bool = False) -> None:
            report.problems.append(Problem(f"{rel}/{where}" if where else rel, message,
                                           changed, stray))

        def warn(where: str, message: str) -> None:
            report.warnings.append(Problem(f"{rel}/{where}", message))

        declaration = object_dir / f"0={OBJECT_SPEC}"
        if not declaration.is_file():
            problem(declaration.name, "object declaration is missing")
        elif declaration.read_bytes() != f"{OBJECT_SPEC}\n".encode():
            problem(declaration.name, "object declaration has wrong content")
        inv_bytes, inventory, error = read_strict_json(object_dir / "inventory.json")
        if error:
            problem("inventory.json", f"unreadable inventory: {error}")
            return
        messages, usable = inventory_problems(inventory)
        for message in messages:
            problem("inventory.json", message)
        if not usable:
            return
        algorithm: str = inventory["digestAlgorithm"]
        sidecar = sidecar_problem(object_dir, inv_bytes, algorithm)
        if sidecar and not (in_flight and inventory["head"] == in_flight):  # replaced next
            problem(f"inventory.json.{algorithm}", sidecar)
        if object_root_for(inventory["id"]) != rel:
            home = object_root_for(inventory["id"])
            second = ("; a post of it ingested meanwhile started another object with the same "
                      "id" if (self.root / home).exists() else " (ingesting its post again "
                      "would start another object with the same id)")
            problem("inventory.json", f"object id {inventory['id']!r} does not match its place "
                                      f"in the layout ({home}): moved by hand? Move it back "
                                      f"there{second}")
            report.misplaced.add(inventory["id"])
        else:  # found by its id: what it holds can be read, and checked further
            report.readable.append(inventory["id"])
        versions: dict[str, Any] = inventory["versions"]
        numbers = version_numbers(versions)[0]
        content_name = str(inventory.get("contentDirectory") or "content")
        manifest: dict[str, list[str]] = inventory["manifest"]
        listed = {content: digest.lower() for digest, paths in manifest.items()
                  for content in paths}

        # what the object root and the version folders may hold
        for entry in sorted(object_dir.iterdir()):
            name = entry.name
            if entry.is_file() and name in (declaration.name, "inventory.json",
                                             f"inventory.json.{algorithm}"):
                continue
            if entry.is_dir() and (name in versions or name in ("logs", in_flight)):
                continue
            if entry.is_dir() and name == "extensions":
                for sub in sorted(entry.iterdir()):
                    if not sub.is_dir():
                        problem(f"extensions/{sub.name}", "only folders may be in an object's "
                                                          "extensions folder")
                continue
            if re.fullmatch(r"v\d+", name):
                problem(name, "version folder the root inventory does not list (the root "
                              "inventory is not the most recent one)")
            else:
                problem(name, "not allowed in an object root", stray=True)
        for number in versions:
            version_dir = object_dir / number
            if not version_dir.is_dir():
                problem(number, "version folder is missing")
                continue
            for entry in sorted(version_dir.iterdir()):
                if entry.is_file() and not entry.name.startswith("inventory.json"):
                    problem(f"{number}/{entry.name}", "a file in a version folder outside its "
                                                      f"content folder ({content_name}/)")
                elif entry.is_dir() and entry.name != content_name:  # OCFL W002
                    report.warnings.append(Problem(
                        f"{rel}/{number}/{entry.name}", "a folder in a version folder outside "
                        f"its content folder ({content_name}/): what it holds is in no "
                        "manifest, so no digest vouches for it"))

        # content: every file listed exists and has its digests; nothing unlisted
        fixity: dict[str, dict[str, str]] = {}  # algorithm → content path → digest
        for name, block in (inventory.get("fixity") or {}).items():
            if name in hashlib.algorithms_available and digest_map(block):
                fixity[name] = digests_by_path(block)
        real_object_dir = object_dir.resolve()
        for digest, paths in manifest.items():
            for content in paths:
                try:
                    safe_logical_path(content)
                except ArchiveError:
                    problem(content, "content path leaves the object")
                    continue
                path = object_dir / content
                report.files += 1
                if path.is_symlink() or (path.exists() and not path.resolve().is_relative_to(
                        real_object_dir)):  # what a link leads to is not kept: a copy that
                    # does not follow links (a backup, rsync -a) loses the content
                    problem(content, "content file is a symbolic link, or reached through "
                                     "one, not the file itself")
                    continue
                if not path.is_file():  # (its folder still there: what --refresh mends)
                    problem(content, "content file is missing",
                            changed=path.parent.is_dir() and not path.exists())
                    continue
                if durable.digest_file(path, algorithm) != digest.lower():
                    problem(content, f"{algorithm} does not match the manifest (file changed)",
                            changed=True)
                    continue
                for name, digests in fixity.items():
                    if content in digests and durable.digest_file(path, name) != digests[content]:
                        problem(content, f"{name} does not match the fixity block", changed=True)
        for number in versions:
            content_dir = object_dir / number / content_name
            if content_dir.is_dir():
                for dirpath, dirs, names in os.walk(content_dir):
                    if not dirs and not names:
                        problem(Path(dirpath).relative_to(object_dir).as_posix(),
                                "empty folder in a content folder (OCFL forbids it)")
                    for name in names:
                        content = (Path(dirpath) / name).relative_to(object_dir).as_posix()
                        if content not in listed:
                            problem(content, "file is not in the manifest", stray=True)

        # every version inventory: valid, and telling the same history as the root
        previous_type: tuple[int, int] | None = None
        for number in sorted(versions, key=lambda v: numbers.get(v, 0)):
            self._fsck_version_inventory(object_dir, number, inventory, numbers, listed,
                                         problem, warn)
            where = f"{number}/inventory.json"
            older = read_strict_json(object_dir / where)[1]
            if isinstance(older, dict) and older.get("type") in INVENTORY_TYPES:
                declared = INVENTORY_TYPES[older["type"]]
                if previous_type is not None and declared < previous_type:
                    problem(where, "declares an older OCFL version than an earlier version "
                                   "does (an object's OCFL version never goes back)")
                previous_type = declared
        head = inventory["head"]
        if head in versions:
            head_copy = object_dir / head / "inventory.json"
            if head_copy.is_file() and head_copy.read_bytes() != inv_bytes:
                problem(f"{head}/inventory.json", "head version inventory differs from the root")

    def _fsck_version_inventory(self, object_dir: Path, number: str, inventory: dict[str, Any],
                                numbers: dict[str, int], listed: dict[str, str],
                                problem: Any, warn: Any) -> None:
        """One version folder's inventory against the root inventory (OCFL E023, E037, E040,
        E066, E019, the sidecar; W011 warned). A version without inventory and sidecar is
        allowed (W010)."""
        where = f"{number}/inventory.json"
        path = object_dir / where
        sidecars = sorted(p.name for p in (object_dir / number).glob("inventory.json.*"))
        if not path.is_file():
            if sidecars:
                problem(where, "version inventory is missing (its sidecar is there)")
            return
        data, older, error = read_strict_json(path)
        if error:
            problem(where, f"version inventory is not valid: {error}")
            return
        messages, usable = inventory_problems(older)
        for message in messages:
            problem(where, message)
        if not usable:
            return
        older_algorithm = older["digestAlgorithm"]
        sidecar = sidecar_problem(object_dir / number, data, older_algorithm)
        if sidecar:
            problem(f"{number}/inventory.json.{older_algorithm}", sidecar)
        if older["id"] != inventory["id"]:
            problem(where, f"id {older['id']!r} differs from the root inventory's")
        if older["head"] != number:
            problem(where, f"head is {older['head']!r}, not the version it belongs to")
        if older.get("contentDirectory", "content") != inventory.get("contentDirectory",
                                                                       "content"):
            problem(where, "contentDirectory differs from the root inventory's")
        # its manifest lists exactly the content of the versions up to this one
        upto = numbers.get(number, 0)
        expected = {c for c in listed if numbers.get(c.split("/", 1)[0], upto + 1) <= upto}
        found = {c for paths in older["manifest"].values() for c in paths}
        for content in sorted(expected - found)[:1]:
            problem(where, f"manifest lacks {content} (content of version "
                           f"{content.split('/', 1)[0]})")
        for content in sorted(found - set(listed))[:1]:
            problem(where, f"manifest lists {content}, which the root inventory does not")
        # the same digests (checked with the older algorithm when it changed since)
        for digest, paths in older["manifest"].items():
            for content in paths:
                if content not in listed:
                    continue
                if older_algorithm == inventory["digestAlgorithm"]:
                    if listed[content] != digest.lower():
                        problem(where, f"digest of {content} differs from the root inventory")
                elif (object_dir / content).is_file() and durable.digest_file(
                        object_dir / content, older_algorithm) != digest.lower():
                    problem(content, f"{older_algorithm} does not match the manifest of {where}",
                            changed=True)
        # and the same state for every version it describes
        for version, block in older["versions"].items():
            if version not in inventory["versions"]:
                problem(where, f"describes {version}, which the root inventory does not have")
                continue
            mine = state_paths(older, block)
            root = state_paths(inventory, inventory["versions"][version])
            if set(mine) != set(root) or any(not (mine[p] & root[p]) for p in mine):
                problem(where, f"state of {version} differs from the root inventory's")
            told = [key for key in ("created", "message", "user")
                    if block.get(key) != inventory["versions"][version].get(key)]
            if told:  # OCFL W011: allowed, never written by a commit
                warn(where, f"the {', '.join(told)} of {version} differ(s) from the root "
                            "inventory's (OCFL W011): one of the two inventories was "
                            "edited, or written by another tool")

