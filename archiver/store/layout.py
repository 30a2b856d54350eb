"""Where things lie in the storage root: its declarations, the layout extension 0003 (an
object's folder from its id, and back), the paths a version may hold, and what makes a folder
an archive, part of one, or something else."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import time
from contextlib import suppress
from pathlib import Path

from archiver.errors import ArchiveError
from archiver.ocfl_rules import read_strict_json
from archiver.store.durable import TEMPORARY

SPEC = "ocfl_1.1"
OBJECT_SPEC = "ocfl_object_1.1"
LAYOUT = "0003-hash-and-id-n-tuple-storage-layout"
LAYOUT_CONFIG = {"extensionName": LAYOUT, "digestAlgorithm": "sha256", "tupleSize": 3,
                 "numberOfTuples": 3}
STAGING = "archiver-staging"
LOCK = "archiver-lock"
INDEX = "archiver-index"
# a temporary file older than this (seconds) was left by a run a crash stopped
STALE_TEMPORARY = 60


def sidecar_of(data: bytes) -> bytes:
    """The sidecar file of an inventory whose bytes are ``data``: its sha512, and its name."""
    return f"{hashlib.sha512(data).hexdigest()} inventory.json\n".encode()


def safe_logical_path(logical: str) -> str:
    """OCFL logical paths are relative, '/'-separated, with no '.', '..' or empty segments;
    checking here means nothing taken from an input can ever write outside the object."""
    parts = logical.split("/")
    if not logical or logical.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ArchiveError(f"unsafe path inside an object: {logical!r}")
    return logical


_ID_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_NAME_KEPT = 100  # characters of an encoded id an object folder's name keeps (0003)


def hash_tuples(digest: str) -> list[str]:
    """The three folders of three hex digits an object lies under, per extension 0003."""
    return [digest[i * 3:(i + 1) * 3] for i in range(3)]


@functools.lru_cache(maxsize=4096)
def object_root_for(object_id: str) -> str:
    """The object's directory under the storage root, per extension 0003 (asked for several
    times for each post an ingest stores: worked out once)."""
    digest = hashlib.sha256(object_id.encode("utf-8")).hexdigest()
    encoded = "".join(c if c in _ID_SAFE else "".join(f"%{b:02x}" for b in c.encode("utf-8"))
                      for c in object_id)
    if len(encoded) > _NAME_KEPT:
        encoded = f"{encoded[:_NAME_KEPT]}-{digest}"
    return "/".join([*hash_tuples(digest), encoded])


_CUT_NAME = re.compile(rf"(.{{{_NAME_KEPT}}})-([0-9a-f]{{64}})")


def object_id_named_by(where: str) -> tuple[str, bool] | None:
    """The object id a folder's place under the storage root names (``where``, as
    :func:`object_root_for` gives it: its name is the id, percent-encoded), for an object
    whose inventory cannot say, and whether it is whole: an id over 100 characters encoded
    has its folder's name cut short, and gives its start alone. None for a folder that is no
    object's (or whose name is no text)."""
    from urllib.parse import unquote
    name = where.rsplit("/", 1)[-1]
    named = unquote(name)
    try:
        if object_root_for(named) == where:
            return named, True
    except UnicodeEncodeError:  # a folder named in bytes that are no UTF-8
        return None
    cut = _CUT_NAME.fullmatch(name)
    if cut and where.startswith("/".join(hash_tuples(cut.group(2)))):
        # (a character's encoding cut in two at the end is left out)
        return unquote(re.sub(r"%[0-9a-f]?$", "", cut.group(1))), False
    return None


def file_in_the_way(path: Path) -> Path | None:
    """The folder above ``path`` that is a file, if one is: nothing can be made under it (an
    ENOTDIR names the whole path, not the file in the way)."""
    return next((folder for folder in path.parents
                 if folder.exists() and not folder.is_dir()), None)



def remove_initialisation_leftovers(root: Path) -> None:
    """Remove the temporary files of an initialisation a crash interrupted (the declaration's,
    the layout's: written before the archive has a lock to take, so no recovery knew of
    them, and the next run, finding the archive declared, left them for ever). Not those of
    an initialisation going on beside this one (two first runs at once: each would remove
    the other's, mid-write): only those older than :data:`STALE_TEMPORARY`."""
    stale = time.time() - STALE_TEMPORARY
    for folder in (root, root / "extensions" / LAYOUT):
        with suppress(OSError):
            for leftover in folder.iterdir():
                if TEMPORARY.fullmatch(leftover.name):
                    with suppress(OSError):
                        if leftover.lstat().st_mtime < stale and leftover.is_file():
                            leftover.unlink()


def interrupted_initialisation(root: Path) -> bool:
    """Whether ``root`` holds only part of what :meth:`archiver.store.Archive._initialise`
    writes before the declaration (a crash while the archive was being created): it is not an
    archive yet, and no one else's folder either."""
    made = {"ocfl_layout.json", "extensions", f"extensions/{LAYOUT}",
            f"extensions/{LAYOUT}/config.json"}
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if rel in made or (path.parent in (root, root / "extensions" / LAYOUT)
                           and TEMPORARY.fullmatch(path.name)):
            continue
        return False
    return True


def not_a_storage_root(root: Path) -> str:
    """Why a folder that holds something is no archive: another OCFL version's storage root,
    or what it holds (a folder holding only ``.DS_Store`` is not empty, and must not look
    so)."""
    if (root / f"0={OBJECT_SPEC}").is_file():
        return "an OCFL object, not a storage root: its archive is a folder above it"
    other = sorted(p.name for p in root.glob("0=ocfl_[0-9]*"))
    if other:
        return (f"an OCFL storage root of another version ({other[0]}); this archive is "
                f"{SPEC}")
    names = sorted(p.name for p in root.iterdir())
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (f"not an OCFL storage root (no 0={SPEC} declaration), and not empty: it holds "
            f"{shown}")


def another_tools_root(root: Path) -> str | None:
    """How the storage root at ``root`` lays its objects out, when that is not how archiver
    does and nothing of archiver's is in it: another OCFL tool's root (OCFL lets a root
    declare no layout, or any other), which archiver must neither write to nor check as its
    own (its objects would all be "misplaced"). None for archiver's layout, and for a root
    holding archiver's own folders or its layout's settings, whose layout files, if wrong
    or gone, are damage (said by fsck, refused by the writer)."""
    extensions = root / "extensions"
    if any((extensions / name).exists() for name in (INDEX, LOCK, STAGING)):
        return None  # (every archive archiver wrote to: no file read)
    _, config, _ = read_strict_json(extensions / LAYOUT / "config.json")
    if isinstance(config, dict) and all(config.get(key) == value
                                        for key, value in LAYOUT_CONFIG.items()):
        return None
    _, declared, _ = read_strict_json(root / "ocfl_layout.json")
    if declared is None:
        if (root / "ocfl_layout.json").exists():
            return None  # there, but unreadable: damage, which fsck says
        return "it declares no layout of its objects (no ocfl_layout.json)"
    if not isinstance(declared, dict):
        return None
    named = declared.get("extension")
    if named != LAYOUT:
        return f"its objects are laid out by {named!r}"
    if isinstance(config, dict) and any(config.get(key, value) != value
                                        for key, value in LAYOUT_CONFIG.items()):
        settings = ", ".join(f"{key} {config[key]!r}" for key, value in LAYOUT_CONFIG.items()
                             if config.get(key, value) != value)
        return f"its objects are laid out by {LAYOUT} with other settings ({settings})"
    return None


def enclosing_ocfl(path: Path, itself: bool = False) -> tuple[str, Path] | None:
    """The OCFL object or storage root a path lies within (or, with ``itself``, is), as
    ``("object", folder)`` or ``("storage root", folder)``; None when it lies within
    neither. What is written in there (another archive, an export) becomes part of that
    archive's objects, or overwrites a stored file: the next version of the object around
    it is refused as damaged, and fsck reports it."""
    path = Path(os.path.abspath(path))
    for folder in (path, *path.parents) if itself else path.parents:
        try:
            if (folder / f"0={OBJECT_SPEC}").is_file():
                return "object", folder
            if any(folder.glob("0=ocfl_[0-9]*")):
                return "storage root", folder
        except OSError:  # an unreadable folder above: not ours to judge
            continue
    return None


