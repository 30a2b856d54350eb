"""An OCFL 1.1 storage root: one versioned object per post, written crash-safely.

Why write this rather than use a library: the OCFL libraries for Python validate well but do not
promise crash safety or a writer lock, and both matter more to an archive than anything else.
The store knows nothing about posts; it stores *files* (logical path → bytes) under an object
id and keeps the OCFL rules:

- storage root declaration ``0=ocfl_1.1`` and the layout extension
  ``0003-hash-and-id-n-tuple-storage-layout`` (sha256 of the id, 3×3 tuples, then the
  percent-encoded id), so a person can find an object on disk from its id;
- each object has ``0=ocfl_object_1.1``, ``inventory.json`` with sha512 digests, a
  ``sha256`` fixity block, and a sidecar digest file; every version directory holds a copy of
  the inventory as it was when that version was made;
- content is deduplicated: a version stores only bytes the object does not already hold.

Crash safety (design §5, §8). A commit is staged in ``extensions/archiver-staging/<id>/``,
fsynced, then marked complete by atomically renaming ``ticket.tmp`` to ``ticket.json``. Only
then is the new version renamed into the object (a new object is renamed in whole), and the
object's root inventory replaced last. Whatever moment a crash hits, recovery (run whenever a
writer takes the lock, and by ``fsck``) finds the staging directory and either discards it (no
ticket: nothing was visible yet) or rolls it forward (ticket present). Readers never see a
half-written object because the root inventory names only versions that are complete.

One writer at a time: ``extensions/archiver-lock/lock`` is held with ``flock`` for the whole
write; a second writer gets :class:`ArchiveBusy` (exit 5) at once, or waits if asked to.
"""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archiver.errors import ArchiveBusy, ArchiveError, NotFound

SPEC = "ocfl_1.1"
OBJECT_SPEC = "ocfl_object_1.1"
INVENTORY_TYPE = "https://ocfl.io/1.1/spec/#inventory"
LAYOUT = "0003-hash-and-id-n-tuple-storage-layout"
LAYOUT_CONFIG = {"extensionName": LAYOUT, "digestAlgorithm": "sha256", "tupleSize": 3,
                 "numberOfTuples": 3}
STAGING = "archiver-staging"
LOCK = "archiver-lock"
INDEX = "archiver-index"


@dataclass(frozen=True)
class VersionInfo:
    """One version of an object as its inventory records it."""

    number: str
    created: str
    message: str | None
    user: dict[str, str] | None
    state: dict[str, str]  # logical path → sha512 digest


@dataclass(frozen=True)
class CommitResult:
    object_id: str
    version: str
    new_object: bool


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


@dataclass
class FsckReport:
    objects: int = 0
    files: int = 0
    recovered: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "objects": self.objects, "files": self.files,
                "recovered": self.recovered, "problems": [p.to_json() for p in self.problems]}


# ---------------------------------------------------------------------------------------------
# small file-system helpers: every write goes to a temporary name, is fsynced, then renamed


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    _write_file(tmp, data)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _digest_file(path: Path, algorithm: str = "sha512") -> str:
    h = hashlib.new(algorithm)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _inventory_bytes(inventory: Mapping[str, Any]) -> bytes:
    return (json.dumps(inventory, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _sidecar(data: bytes) -> bytes:
    return f"{hashlib.sha512(data).hexdigest()} inventory.json\n".encode()


def _safe_logical_path(logical: str) -> str:
    """OCFL logical paths are relative, '/'-separated, with no '.', '..' or empty segments;
    checking here means nothing taken from an input can ever write outside the object."""
    parts = logical.split("/")
    if not logical or logical.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ArchiveError(f"unsafe path inside an object: {logical!r}")
    return logical


def object_root_for(object_id: str) -> str:
    """The object's directory under the storage root, per extension 0003."""
    digest = hashlib.sha256(object_id.encode("utf-8")).hexdigest()
    tuples = [digest[i * 3:(i + 1) * 3] for i in range(3)]
    encoded = "".join(c if re.fullmatch(r"[A-Za-z0-9_-]", c)
                      else "".join(f"%{b:02x}" for b in c.encode("utf-8")) for c in object_id)
    if len(encoded) > 100:
        encoded = f"{encoded[:100]}-{digest}"
    return "/".join([*tuples, encoded])


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Archive:
    """An OCFL storage root on disk. Open it with :meth:`open`."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._locked = False
        self._recovered = 0  # interrupted commits the last writer() found

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | str, create: bool = False) -> Archive:
        root = Path(root)
        if (root / f"0={SPEC}").is_file():
            return cls(root)
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise ArchiveError("not an OCFL storage root (no 0=ocfl_1.1 declaration)", path=root,
                               hint="point --archive at an archive made by archiver, or at an "
                                    "empty or new folder")
        if not create:
            raise NotFound("no archive here yet", path=root,
                           hint="run `archiver ingest PATH --archive DIR` to create it")
        cls._initialise(root)
        return cls(root)

    @staticmethod
    def _initialise(root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        ext = root / "extensions" / LAYOUT
        ext.mkdir(parents=True, exist_ok=True)
        _atomic_write(ext / "config.json", _inventory_bytes(LAYOUT_CONFIG))
        _atomic_write(root / "ocfl_layout.json", _inventory_bytes(
            {"extension": LAYOUT, "description": "Hashed Truncated N-tuple Trees with Object ID "
             "Encapsulating Directory for OCFL Storage Hierarchies"}))
        # the declaration is written last: a root without it is not yet an archive
        _atomic_write(root / f"0={SPEC}", f"{SPEC}\n".encode())

    # -- locking -----------------------------------------------------------------------------

    @contextmanager
    def writer(self, wait: bool = False) -> Iterator[Archive]:
        """Hold the archive's single-writer lock; recover interrupted commits first."""
        lock_dir = self.root / "extensions" / LOCK
        lock_dir.mkdir(parents=True, exist_ok=True)
        handle = open(lock_dir / "lock", "a+")  # noqa: SIM115 (held open across the yield)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise ArchiveBusy("another archiver process is writing to this archive",
                                  path=self.root,
                                  hint="wait for it to finish, or pass --wait") from None
            self._locked = True
            self._recovered = self.recover()
            yield self
        finally:
            self._locked = False
            handle.close()

    def _require_lock(self) -> None:
        if not self._locked:
            raise ArchiveError("write attempted without holding the archive lock", path=self.root)

    # -- reading -----------------------------------------------------------------------------

    def object_path(self, object_id: str) -> Path:
        return self.root / object_root_for(object_id)

    def exists(self, object_id: str) -> bool:
        return (self.object_path(object_id) / "inventory.json").is_file()

    def object_ids(self) -> list[str]:
        """Every object id in the archive, sorted (a walk of the storage hierarchy)."""
        ids = []
        for path in self._object_dirs():
            ids.append(self._load_inventory(path)["id"])
        return sorted(ids)

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

    def _load_inventory(self, object_dir: Path) -> dict[str, Any]:
        path = object_dir / "inventory.json"
        try:
            return json.loads(path.read_bytes())
        except FileNotFoundError:
            raise NotFound("object has no inventory", path=object_dir) from None
        except ValueError as exc:
            raise ArchiveError(f"inventory is not valid JSON: {exc}", path=path,
                               hint="run `archiver fsck`") from None

    def inventory(self, object_id: str) -> dict[str, Any]:
        if not self.exists(object_id):
            raise NotFound(f"no object {object_id!r} in the archive", path=self.root,
                           hint="`archiver list` shows the ids")
        return self._load_inventory(self.object_path(object_id))

    def head(self, object_id: str) -> str:
        return self.inventory(object_id)["head"]

    def versions(self, object_id: str) -> list[VersionInfo]:
        inventory = self.inventory(object_id)
        out = []
        for number in sorted(inventory["versions"], key=lambda v: int(v[1:])):
            version = inventory["versions"][number]
            state = {logical: digest for digest, paths in version["state"].items()
                     for logical in paths}
            out.append(VersionInfo(number=number, created=version.get("created", ""),
                                   message=version.get("message"), user=version.get("user"),
                                   state=state))
        return out

    def _resolve(self, inventory: dict[str, Any], logical: str, version: str | None) -> str:
        number = version or inventory["head"]
        if number not in inventory["versions"]:
            raise NotFound(f"object {inventory['id']!r} has no version {number}",
                           hint=f"versions: {', '.join(sorted(inventory['versions']))}")
        for digest, paths in inventory["versions"][number]["state"].items():
            if logical in paths:
                return inventory["manifest"][digest][0]
        raise NotFound(f"{logical!r} is not in {inventory['id']!r} {number}")

    def content_path(self, object_id: str, logical: str, version: str | None = None) -> Path:
        """Where the bytes of ``logical`` in ``version`` (default: head) lie on disk."""
        inventory = self.inventory(object_id)
        return self.object_path(object_id) / self._resolve(inventory, logical, version)

    def read_bytes(self, object_id: str, logical: str, version: str | None = None) -> bytes:
        return self.content_path(object_id, logical, version).read_bytes()

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
        _atomic_write(folder / name, data)

    # -- writing -----------------------------------------------------------------------------

    def commit(self, object_id: str, files: Mapping[str, bytes], message: str,
               created: str | None = None, user: dict[str, str] | None = None) -> CommitResult:
        """Add a version whose state is exactly ``files`` (logical path → bytes)."""
        self._require_lock()
        for logical in files:
            _safe_logical_path(logical)
            parts = logical.split("/")
            for i in range(1, len(parts)):
                if "/".join(parts[:i]) in files:
                    raise ArchiveError(f"{'/'.join(parts[:i])!r} would be both a file and a "
                                       f"folder (because of {logical!r})")
        new_object = not self.exists(object_id)
        if new_object:
            inventory: dict[str, Any] = {
                "id": object_id, "type": INVENTORY_TYPE, "digestAlgorithm": "sha512",
                "head": "v0", "manifest": {}, "versions": {}, "fixity": {"sha256": {}}}
        else:
            inventory = self.inventory(object_id)
        number = f"v{int(inventory['head'][1:]) + 1}"
        user = user or {"name": _user_name()}
        state: dict[str, list[str]] = {}
        new_content: dict[str, bytes] = {}
        manifest = inventory["manifest"]
        fixity = inventory.setdefault("fixity", {}).setdefault("sha256", {})
        for logical in sorted(files):
            data = files[logical]
            digest = hashlib.sha512(data).hexdigest()
            state.setdefault(digest, []).append(logical)
            if digest not in manifest:  # OCFL dedup: store only bytes the object lacks
                content = f"{number}/content/{logical}"
                new_content[content] = data
                manifest[digest] = [content]
                fixity.setdefault(hashlib.sha256(data).hexdigest(), []).append(content)
        inventory["versions"][number] = {"created": created or _now(), "message": message,
                                         "user": user, "state": state}
        inventory["head"] = number
        self._stage_and_apply(object_id, number, inventory, new_content, new_object)
        return CommitResult(object_id=object_id, version=number, new_object=new_object)

    def _stage_and_apply(self, object_id: str, number: str, inventory: dict[str, Any],
                         new_content: dict[str, bytes], new_object: bool) -> None:
        staging = self.root / "extensions" / STAGING / uuid.uuid4().hex
        body = staging / "object"
        version_dir = body / number
        inv = _inventory_bytes(inventory)
        version_dir.mkdir(parents=True)  # content/ only if there is new content (OCFL W003)
        for content_path, data in new_content.items():
            target = body / content_path
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_file(target, data)
        _write_file(version_dir / "inventory.json", inv)
        _write_file(version_dir / "inventory.json.sha512", _sidecar(inv))
        if new_object:
            _write_file(body / f"0={OBJECT_SPEC}", f"{OBJECT_SPEC}\n".encode())
            _write_file(body / "inventory.json", inv)
            _write_file(body / "inventory.json.sha512", _sidecar(inv))
        for dirpath, _dirs, _files in os.walk(staging, topdown=False):
            _fsync_dir(Path(dirpath))
        ticket = {"object": object_root_for(object_id), "version": number,
                  "new_object": new_object}
        _write_file(staging / "ticket.tmp", _inventory_bytes(ticket))
        os.replace(staging / "ticket.tmp", staging / "ticket.json")
        _fsync_dir(staging)
        self._roll_forward(staging, ticket)

    def _roll_forward(self, staging: Path, ticket: dict[str, Any]) -> None:
        target = self.root / ticket["object"]
        body = staging / "object"
        number = ticket["version"]
        if ticket["new_object"]:
            if body.exists() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(body, target)
                _fsync_dir(target.parent)
        else:
            if (body / number).exists() and not (target / number).exists():
                os.rename(body / number, target / number)
                _fsync_dir(target)
            # the root inventory is replaced last, from the version's own copy
            inv = (target / number / "inventory.json").read_bytes()
            current = json.loads((target / "inventory.json").read_bytes())
            if int(current["head"][1:]) < int(number[1:]):
                _atomic_write(target / "inventory.json", inv)
            # and its sidecar after it (a crash may fall between the two)
            sidecar = target / "inventory.json.sha512"
            if (target / "inventory.json").read_bytes() == inv and (
                    not sidecar.is_file() or sidecar.read_bytes() != _sidecar(inv)):
                _atomic_write(sidecar, _sidecar(inv))
        shutil.rmtree(staging)

    def recover(self) -> int:
        """Finish or discard commits a crash interrupted; returns how many were found."""
        self._require_lock()
        area = self.root / "extensions" / STAGING
        if not area.is_dir():
            return 0
        found = 0
        for staging in sorted(area.iterdir()):
            found += 1
            ticket_path = staging / "ticket.json"
            if ticket_path.is_file():
                self._roll_forward(staging, json.loads(ticket_path.read_bytes()))
            else:
                shutil.rmtree(staging, ignore_errors=True)
        self._prune_empty_dirs()
        return found

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

    # -- checking ----------------------------------------------------------------------------

    def fsck(self) -> FsckReport:
        """Recompute every digest of every object; report problems, never repair content."""
        report = FsckReport()
        declaration = self.root / f"0={SPEC}"
        if not declaration.is_file():
            report.problems.append(Problem(str(self.root), "missing storage root declaration"))
            return report
        if declaration.read_bytes() != f"{SPEC}\n".encode():
            report.problems.append(Problem(declaration.name,
                                           "storage root declaration has wrong content"))
        try:
            with self.writer():
                report.recovered = self._recovered
        except ArchiveBusy:
            pass  # a writer is active: check what is committed, leave its staging alone
        for object_dir in self._object_dirs():
            report.objects += 1
            self.fsck_object(object_dir, report)
        return report

    def fsck_object(self, object_dir: Path, report: FsckReport) -> None:
        """Check one object: declaration, inventories and sidecars, every content digest
        (manifest and every fixity algorithm hashlib knows), stray and missing files."""
        rel = object_dir.relative_to(self.root).as_posix()

        def problem(where: str, message: str) -> None:
            report.problems.append(Problem(f"{rel}/{where}" if where else rel, message))

        declaration = object_dir / f"0={OBJECT_SPEC}"
        if not declaration.is_file():
            problem(declaration.name, "object declaration is missing")
        elif declaration.read_bytes() != f"{OBJECT_SPEC}\n".encode():
            problem(declaration.name, "object declaration has wrong content")
        try:
            inv_bytes = (object_dir / "inventory.json").read_bytes()
            inventory = json.loads(inv_bytes)
        except (OSError, ValueError) as exc:
            problem("inventory.json", f"unreadable inventory: {exc}")
            return
        if not (isinstance(inventory, dict) and isinstance(inventory.get("head"), str)
                and isinstance(inventory.get("manifest"), dict)
                and isinstance(inventory.get("versions"), dict)
                and isinstance(inventory.get("id"), str)):
            problem("inventory.json", "inventory is not a well-formed OCFL inventory")
            return
        algorithm = str(inventory.get("digestAlgorithm", "sha512"))
        if algorithm not in hashlib.algorithms_available:
            problem("inventory.json", f"unknown digest algorithm {algorithm!r}")
            return
        if not _sidecar_ok(object_dir / "inventory.json.sha512", inv_bytes, algorithm,
                           object_dir / f"inventory.json.{algorithm}"):
            problem(f"inventory.json.{algorithm}", "inventory digest does not match its sidecar")
        if object_root_for(inventory["id"]) != rel:
            problem("inventory.json", "object id does not match its place in the layout")
        manifest: dict[str, list[str]] = inventory["manifest"]
        fixity: dict[str, dict[str, str]] = {}  # algorithm → content path → digest
        for name, block in (inventory.get("fixity") or {}).items():
            if name in hashlib.algorithms_available and isinstance(block, dict):
                fixity[name] = {p: d.lower() for d, paths in block.items() for p in paths}
        listed: dict[str, str] = {}
        for digest, paths in manifest.items():
            for content in paths:
                listed[content] = digest.lower()
                try:
                    _safe_logical_path(content)
                except ArchiveError:
                    problem(content, "content path leaves the object")
                    continue
                path = object_dir / content
                report.files += 1
                if not path.is_file():
                    problem(content, "content file is missing")
                    continue
                if _digest_file(path, algorithm) != digest.lower():
                    problem(content, f"{algorithm} does not match the manifest (file changed)")
                    continue
                for name, digests in fixity.items():
                    if content in digests and _digest_file(path, name) != digests[content]:
                        problem(content, f"{name} does not match the fixity block")
        content_name = str(inventory.get("contentDirectory") or "content")
        for number in inventory["versions"]:
            content_dir = object_dir / number / content_name
            if content_dir.is_dir():
                for dirpath, _dirs, names in os.walk(content_dir):
                    for name in names:
                        content = (Path(dirpath) / name).relative_to(object_dir).as_posix()
                        if content not in listed:
                            problem(content, "file is not in the manifest")
            version_inv = object_dir / number / "inventory.json"
            if not version_inv.is_file():
                problem(f"{number}/inventory.json", "version inventory is missing")
                continue
            data = version_inv.read_bytes()
            try:
                older = json.loads(data)
                older_manifest = dict(older["manifest"])
                older_algorithm = str(older.get("digestAlgorithm", algorithm))
            except (ValueError, KeyError, TypeError):
                problem(f"{number}/inventory.json", "version inventory is not valid")
                continue
            if older_algorithm not in hashlib.algorithms_available:
                problem(f"{number}/inventory.json", f"unknown digest algorithm "
                        f"{older_algorithm!r}")
                continue
            if not _sidecar_ok(object_dir / number / "inventory.json.sha512", data,
                               older_algorithm,
                               object_dir / number / f"inventory.json.{older_algorithm}"):
                problem(f"{number}/inventory.json.{older_algorithm}",
                        "version inventory digest does not match its sidecar")
            for digest, paths in older_manifest.items():
                for content in paths:
                    if content not in listed:
                        continue
                    if older_algorithm == algorithm:
                        if listed[content] != digest.lower():
                            problem(f"{number}/inventory.json",
                                    f"digest of {content} differs from the root inventory")
                    elif (object_dir / content).is_file() and \
                            _digest_file(object_dir / content, older_algorithm) != digest.lower():
                        # the algorithm changed since: check the content with the old one
                        problem(content, f"{older_algorithm} does not match the manifest of "
                                         f"{number}/inventory.json")
        head = inventory["head"]
        if head in inventory["versions"]:
            head_copy = object_dir / head / "inventory.json"
            if head_copy.is_file() and head_copy.read_bytes() != inv_bytes:
                problem(f"{head}/inventory.json", "head version inventory differs from the root")


def _sidecar_ok(default: Path, data: bytes, algorithm: str, named: Path) -> bool:
    sidecar = named if named.is_file() else default
    if not sidecar.is_file():
        return False
    expected = hashlib.new(algorithm, data).hexdigest()
    return sidecar.read_bytes().split()[:1] == [expected.encode()]


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "archiver"
