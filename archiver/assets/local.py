"""Images on disk: a reference resolved beside the post (relative paths, a browser's
``*_files/`` folder, an exporter's ``images/`` folder) or under the configured asset roots
(site-absolute ``/images/1935/2.jpeg``), never outside them; a missing one said why."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from archiver.assets.sniff import shortened, sniff
from archiver.config import Config, post_folders
from archiver.model import Asset, ImageRef
from archiver.textfiles import utf8_safe
from archiver.urls import path_and_rest, split_url

MAX_PATH = 4096  # PATH_MAX on Linux: a longer local reference names no file


def _where(candidate: Path) -> str:
    """Where this run read an image (the provenance's origin): absolute, whatever folder the
    run was started in, which no record keeps (an ingest names it relative to the archive,
    its folder resolved). Its ``..`` kept: cancelled by text, one after a symbolic link
    would name another file than the one read. Asked only of the file read: each candidate
    looked at would cost a system call."""
    return str(candidate.absolute())


def _within(path: Path, roots: Iterable[Path]) -> bool:
    for root in roots:
        try:
            path.relative_to(root)
            return True
        except ValueError:
            continue
    return False


def _from_the_post(place: Path, base_dir: Path) -> str:
    """A place an image was looked for, as a missing image's reason in the record names it:
    from the post's folder where it is in that folder (``images/1.jpg``, ``../a/1.jpg``, as
    the post wrote it), else as configured (an asset root). From the working folder, the
    record of one file would name ``p2/images/1.jpg`` ingested from one folder and
    ``/home/…/p2/images/1.jpg`` from another: a machine's path in the record, and a change in
    the diff of every unrelated edit."""
    if place.is_relative_to(base_dir):
        return place.relative_to(base_dir).as_posix()
    return str(place)


def _local_candidates(ref: str, base_dir: Path, config: Config) -> list[Path]:
    """Where a local image reference may be: as written, and, for a path written with
    backslashes (an export made on Windows: ``images\\1.jpg``), with slashes after that; and
    a name that Unicode can write two ways (``データ``, ``café``: composed, or a letter and
    its mark) written the other way too. macOS's HFS+ stored file names decomposed (NFD) and
    browsers write references composed (NFC): a save copied from a Mac to a disk that keeps
    names as they are has names its page does not spell the same."""
    if ref[:5].lower() == "file:":  # (a backslash is a slash in a file URL, as a browser
        ref = ref.replace("\\", "/")  # reads it: file:\\\C:\x, file://C:\x)
    file_url = ref[:7].lower() == "file://"  # (a scheme is written in either case)
    written = None
    if file_url:  # parsed, then decoded: %3F and %23 in its path are a name's ? and #
        parts = split_url("file://" + ref[7:])
        # (an address urllib refuses, "file://[bad/x.png": its path as written)
        ref = parts.path if parts is not None else path_and_rest(ref[7:])[0]
        if _DRIVE_IN_A_URL.match(ref):  # file:///C:/x: another machine's disk, whose path
            ref, file_url = ref[3:], False  # is looked for under the asset roots alone
    else:
        path, rest = path_and_rest(ref)
        # a name holding "#" or "?" (``a#1.jpg``), which a Markdown export writes as it is:
        # looked for too, after the path without what a URL would take for its fragment
        written, ref = (unquote(ref) if rest else None), path
    ref = unquote(ref)
    refs = [ref]
    if "\\" in ref and not _WINDOWS_DRIVE.match(ref):
        refs.append(ref.replace("\\", "/"))
    if written is not None and written != ref:
        refs.append(written)
    if not ref.isascii():
        refs += [unicodedata.normalize(form, r) for r in list(refs) for form in ("NFC", "NFD")]
    return list(dict.fromkeys(c for r in dict.fromkeys(refs)
                              for c in _candidates(r, base_dir, config, file_url)))


_WINDOWS_DRIVE = re.compile(r"[A-Za-z]:[\\/]")  # C:\… names a disk of another machine
_DRIVE_IN_A_URL = re.compile(r"\A/[A-Za-z]:/")


def _candidates(ref: str, base_dir: Path, config: Config, file_url: bool = False
                ) -> list[Path]:
    """Where ``ref`` (decoded; ``file_url``: the path of a file:// URL) may be."""
    if file_url:  # the file itself (within the allowed folders), else as a site-absolute
        # path, the way a site's export means it
        return list(dict.fromkeys([Path(ref), *_candidates(ref, base_dir, config)]))
    if ref.startswith("/"):
        rel = ref.lstrip("/")
        # an asset root may be the post's own folder (`make demo`): each place once
        return list(dict.fromkeys([root / rel for root in config.asset_roots]
                                  + [base_dir / rel]))
    return [base_dir / ref]


def allowed_roots(base_dir: Path, config: Config) -> list[Path]:
    """The folders a post's local images may come from: the post's own
    (:func:`~archiver.config.post_folders`) and the asset roots, resolved."""
    return post_folders(base_dir) + [r.resolve() for r in config.asset_roots]


def local_image(ref: ImageRef, base_dir: Path, config: Config,
           inputs: dict[str, str | None], allowed: list[Path]) -> Asset:
    """The local image ``ref`` names. One that is there, but outside the folders a post's
    images may come from (an export's shared ``_resources/`` two folders up), is said to be
    there and not read, with the way to allow it: "file not found" sent people looking for a
    file they could see."""
    tried = []
    outside: str | None = None
    for candidate in _local_candidates(ref.original, base_dir, config):
        named = shortened(_from_the_post(candidate, base_dir))  # where the record says
        if len(str(candidate)) > MAX_PATH:  # resolving it would take minutes (realpath is
            tried.append(f"{named} (longer than any path)")  # quadratic in its components)
            continue
        try:  # a name too long for the file system, or with a NUL byte, is a name not found
            resolved = candidate.resolve()
            if utf8_safe(str(resolved)) != str(resolved):  # (through a link: its name
                # cannot be recorded among the inputs, which the receipts keep)
                tried.append(f"{named} (a link to a file whose name, or its folder's, is "
                             "not valid UTF-8: rename it in UTF-8)")
                continue
            if candidate.is_symlink() and not resolved.exists():
                # remembered as absent, as any file not found: a run after the link's target
                # is there reads it (a receipt would say nothing changed)
                inputs[str(resolved)] = inputs[str(candidate)] = None  # (the link too: a
                # file put in its place is news; receipts keep a link as the link)
                tried.append(f"{named} ({_dangling(candidate)})")
                continue
            if not _within(resolved, allowed):
                linked = " (a symbolic link)" if resolved != candidate.absolute() and \
                    _within(candidate.absolute().parent.resolve(), allowed) else ""
                tried.append(f"{named}{linked} (outside the post's folder, its parent and the "
                             "asset roots)")
                if outside is None and resolved.is_file():
                    outside = f"{named} leads to a file that" if linked else f"{named}"
                continue
            if resolved.is_file():
                try:
                    size = resolved.stat().st_size
                    if size > config.max_image_bytes:  # refused before it is read into memory
                        with open(resolved, "rb") as handle:
                            inputs[str(resolved)] = hashlib.file_digest(
                                handle, "sha256").hexdigest()
                        return Asset(original=ref.original, status="missing",
                                     origin=_where(candidate),
                                     reason=f"too large: {size} bytes "
                                            f"(limit {config.max_image_bytes})")
                    data = resolved.read_bytes()
                except OSError as exc:  # there, but not to be read (its permissions): said
                    # so, and remembered as not read, so that a run after it is made
                    # readable reads it
                    inputs[str(resolved)] = None
                    return Asset(original=ref.original, status="missing",
                                 origin=_where(candidate),
                                 reason=f"cannot be read: {exc.strerror or type(exc).__name__}"
                                        f" ({named})")
                digest = inputs[str(resolved)] = hashlib.sha256(data).hexdigest()
                if candidate.is_symlink():  # the link too: pointed at another file, or at
                    inputs[str(candidate)] = digest  # none, it is news (receipts keep it)
                return sniff(data, ref.original, _where(candidate), config, sha256=digest)
        except (OSError, ValueError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            if _is_loop(exc):
                inputs[str(candidate)] = None  # a file put in the loop's place is news
            tried.append(f"{named} (cannot be looked up: {_lookup_failure(exc)})")
            continue
        inputs[str(resolved)] = None
        tried.append(named)
    roots = ", ".join(str(r) for r in config.asset_roots) or "none configured"
    if outside is not None:
        return Asset(original=ref.original, status="missing",
                     reason=f"not read: {outside} is outside the post's folder, its parent and the "
                            f"asset roots (asset roots: {roots}; name a folder that holds it with "
                            "--asset-root to read it)")
    # each place once: a name written composed and decomposed prints the same
    places = "; ".join(dict.fromkeys(unicodedata.normalize("NFC", place) for place in tried))
    return Asset(original=ref.original, status="missing",
                 reason=f"file not found (looked for: {places}; asset roots: {roots})")


def _dangling(link: Path) -> str:
    """What a symbolic link that leads to no file leads to: nothing, or itself (a loop:
    Python 3.13's resolve() returns such a path, where 3.11's raised RuntimeError)."""
    try:
        os.stat(link)
    except OSError as exc:
        if _is_loop(exc):
            return f"cannot be looked up: {_lookup_failure(exc)}"
    return "a symbolic link to nothing there"


def _is_loop(exc: Exception) -> bool:
    """Whether looking a path up failed on a loop of symbolic links: pathlib's resolve()
    raises RuntimeError for one in Python 3.11, the system ELOOP."""
    return isinstance(exc, RuntimeError) or isinstance(exc, OSError) and \
        exc.errno == errno.ELOOP


def _lookup_failure(exc: Exception) -> str:
    """Why a local image's path could not be looked up, in words (the exception's name,
    ``RuntimeError``, said nothing to the reader of a record)."""
    if _is_loop(exc):
        return "a loop of symbolic links"
    if isinstance(exc, ValueError):  # the one ValueError a path raises: os.stat's
        return "a NUL character in its name"
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror
            else type(exc).__name__).lower()
