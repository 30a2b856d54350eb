"""Durable writes: every file the archive writes goes to a temporary name, is made durable,
then renamed, so that a crash leaves the old file or the new one, never half of either; and
the digest of a file as it lies on disk, read in chunks (an image may be large)."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import re
import sys
import uuid
from collections.abc import Callable
from pathlib import Path


def fsync_path(path: Path | str) -> None:
    """fsync a file or a folder (a folder's fsync makes the names in it durable)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` in full; fsynced unless the caller makes a whole staged
    folder durable at once (:func:`sync_tree`). An error names the file: a full disk's
    ENOSPC from a write or fsync names none, and "No space left on device" says not where."""
    try:
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def _load_syncfs() -> Callable[[int], int] | None:
    if sys.platform != "linux":
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).syncfs  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


# syncfs(2): flush one file system, and wait for it. Linux only (glibc ≥ 2.14, musl).
_syncfs = _load_syncfs()


def sync_tree(folder: Path) -> None:
    """Make every file and folder under ``folder`` durable.

    A commit stages about fifteen files and folders; an fsync of each cost about half a
    millisecond apiece, most of a small post's commit. One ``syncfs`` of the file system
    flushes them all with one journal commit (half the time in all, measured), and returns
    only when they are on disk, reporting write-back errors (Linux ≥ 5.8). Elsewhere, or if
    it fails, each file and folder is fsynced, deepest first.
    """
    if flushed_by_syncfs(folder):
        return
    for dirpath, _dirs, files in os.walk(folder, topdown=False):
        for name in files:
            fsync_path(os.path.join(dirpath, name))
        fsync_path(dirpath)


def flushed_by_syncfs(path: Path) -> bool:
    """Flush the whole file system that holds ``path`` and wait for it; False where syncfs is
    missing or failed (the caller then fsyncs what it wrote)."""
    if _syncfs is None:
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        return bool(_syncfs(fd) == 0)
    finally:
        os.close(fd)


def sync_dirs(folders: list[Path]) -> None:
    """Make the names in ``folders`` durable: an fsync of one folder; one ``syncfs`` for
    several (see :func:`sync_tree`), else an fsync of each."""
    if len(folders) > 1 and flushed_by_syncfs(folders[0]):
        return
    for folder in folders:
        fsync_path(folder)

def atomic_write(path: Path, data: bytes, tmp_dir: Path | None = None) -> None:
    """Write ``data`` to a temporary file, fsync, rename it over ``path``. ``tmp_dir`` (in the
    same file system) keeps the temporary file out of ``path``'s folder: a crash before the
    rename must not leave a stray file inside an object, where OCFL allows none."""
    tmp = (tmp_dir or path.parent) / f".{path.name}.{uuid.uuid4().hex}.tmp"
    step = "write"
    try:
        write_file(tmp, data)
        step = "replace"
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()  # a full disk's half-written copy: nothing that is needed
        if isinstance(exc, OSError) and exc.errno is not None \
                and exc.filename in (None, str(tmp)):
            # the file meant, or the folder that is not there: the temporary file's while
            # writing it, the file's own when putting it in place
            where = path if exc.errno != errno.ENOENT else (
                tmp.parent if step == "write" else path.parent)
            raise OSError(exc.errno, exc.strerror, str(where)) from exc
        raise
    fsync_path(path.parent)


def digest_file(path: Path, algorithm: str = "sha512") -> str:
    h = hashlib.new(algorithm)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# the name :func:`atomic_write` gives its temporary file
TEMPORARY = re.compile(r"\..+\.[0-9a-f]{32}\.tmp")

