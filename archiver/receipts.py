"""What an ingest's receipts rest on: the paths they name (relative to the archive, so that a
clone of archive and inputs elsewhere keeps them valid), the fingerprint of the code and
settings that made them, the shape a receipt must have to be trusted, and the digests of
files known by their status (:class:`KnownDigests`). How a receipt is used is said in
:mod:`archiver.pipeline`."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

from archiver.canonical import listing_digest
from archiver.config import Config
from archiver.index import load_json_extension
from archiver.store import Archive
from archiver.version import __version__, code_fingerprint

# Machine-local (file status differs between machines and clones): never in a repository.
DIGESTS_NAME = "digests.json"
# A file's status vouches for its digest only if it had not changed for this long when it was
# read: a change within the timestamps' granularity of that moment could leave them as they were.
SETTLED_NS = 2_000_000_000


def relative(path: Path | str, base: Path) -> str:
    """Paths in receipts are relative to the archive (``base``, resolved by the caller once
    a run), so a clone of archive and inputs elsewhere keeps its receipts valid."""
    return os.path.relpath(resolved(Path(path)), base)


def relative_input(path: Path | str, base: Path) -> str:
    """A file a post was read from (an image), as its receipt keeps it: relative to the
    archive, its folder resolved, the file itself not: a symbolic link is remembered as the
    link, which the next run looks at again (a file put in place of a link to nothing, or of
    a loop, is news; a loop resolved would stop the run)."""
    path = Path(path)
    if path.name in ("", ".", ".."):
        return os.path.relpath(resolved_folder(str(path)), base)
    return os.path.relpath(os.path.join(resolved_folder(str(path.parent)), path.name), base)


def resolved(path: Path) -> str:
    """``path`` with every symbolic link followed, as ``Path.resolve`` gives it. Resolving
    looks at each component in turn, and was a third of re-ingesting an unchanged corpus:
    the folder is resolved once a run, and only the file itself looked at each time."""
    name = path.name
    if name in ("", ".", ".."):
        return str(path.resolve())
    candidate = os.path.join(resolved_folder(str(path.parent)), name)
    return str(Path(candidate).resolve()) if os.path.islink(candidate) else candidate


@functools.lru_cache(maxsize=1024)
def resolved_folder(folder: str) -> str:
    """``folder`` resolved as ``Path.resolve`` resolves it, except that a loop of folders in
    it does not raise (realpath, which Path.resolve calls, then raises on a loop in 3.11):
    an image under such a loop is missing, and must not stop the run that remembers it."""
    return os.path.realpath(folder)


def settings_fingerprint(config: Config, base: Path) -> str:
    """What, besides the input files, decides the result of processing a post."""
    base = base.resolve()
    parts = [__version__, code_fingerprint(), str(config.fetch), str(config.max_image_bytes),
             str(config.max_image_pixels), *sorted(relative(p, base) for p in config.asset_roots)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def status_of(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino,
            status.st_dev]


class KnownDigests:
    """The sha256 of files seen before, by path (relative to the archive), for as long as
    their status (size, modification and change times, inode, device) is the same: a file is
    not read again only to find its digest unchanged, which was most of re-ingesting an
    unchanged corpus. Git's index does the same. A status is kept only for a file that had
    settled when it was read (:data:`SETTLED_NS`), and a file whose status differs is read
    and hashed, so the digest is always of the bytes on disk."""

    def __init__(self, archive: Archive):
        loaded = load_json_extension(archive, DIGESTS_NAME) or {}
        self.known: dict[str, dict[str, Any]] = {
            path: entry for path, entry in loaded.items()
            if isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("status"), list)}
        self.dirty = False

    def get(self, path: str, status: os.stat_result) -> str | None:
        entry = self.known.get(path)
        if entry is not None and entry["status"] == status_of(status):
            return str(entry["sha256"])
        return None

    def forget(self, path: str) -> None:
        if self.known.pop(path, None) is not None:
            self.dirty = True

    def learn(self, path: str, status: os.stat_result, digest: str) -> None:
        """``digest`` was computed from the bytes read before ``status`` was taken."""
        now = time.time_ns()
        if max(status.st_mtime_ns, status.st_ctime_ns) >= now - SETTLED_NS:
            return  # changed too recently for its status to tell a later change
        entry = {"status": status_of(status), "sha256": digest}
        if self.known.get(path) != entry:
            self.known[path] = entry
            self.dirty = True

    def of_file(self, path: str, full: Path) -> str | None:
        """The sha256 of the file at ``full`` (``path`` relative to the archive), or None if
        there is none; of a folder, its :func:`~archiver.canonical.listing_digest`."""
        try:
            status = full.stat()
            digest = self.get(path, status)
            if digest is not None:
                return digest
            if stat.S_ISDIR(status.st_mode):  # a folder a reader looked in: its listing
                digest = listing_digest(full)
            else:
                with open(full, "rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
                    status = os.fstat(handle.fileno())
        except OSError:
            self.forget(path)
            return None
        self.learn(path, status, digest)
        return digest


# a stored file's path in its object, as a receipt keeps it: in a version's content folder
# (``content``, or the one another tool's object names; versions zero-padded or not), no
# segment of it "." or ".."
_STORED_PATH = re.compile(r"v(?!0+/)\d+/(?!(?:.*/)?\.\.?(?:/|$))[^/\x00]+/[^\x00]+")


def usable_receipt(receipt: Any) -> bool:
    """Whether a receipt read from ``receipts.json`` has the shape this module writes (it is
    derived data, which a hand may have edited): a dict naming its source and settings, the
    files looked at, and posts each with a string id and version, and the sizes of stored
    files by their path in a version's content. Any other is not trusted."""
    if not (isinstance(receipt, dict) and isinstance(receipt.get("source"), str)
            and isinstance(receipt.get("settings"), str)
            and isinstance(receipt.get("inputs"), dict)
            and isinstance(receipt.get("posts", []), list)):
        return False
    for post in receipt.get("posts", []):
        if not (isinstance(post, dict) and isinstance(post.get("id"), str)
                and isinstance(post.get("version"), str)
                and isinstance(post.get("record") or "", str)
                and isinstance(post.get("warnings") or [], list)):
            return False
        stored = post.get("stored")
        if stored is not None and not (isinstance(stored, dict) and all(
                isinstance(path, str) and _STORED_PATH.fullmatch(path)
                and type(size) is int for path, size in stored.items())):
            return False
    return True

def unchanged_since(path: Path, status: os.stat_result) -> bool:
    """Whether the file at ``path`` is still as it was when ``status`` was taken."""
    try:
        return status_of(path.stat()) == status_of(status)
    except OSError:
        return False
