"""Which files an ingest takes: the paths given, folders walked (their hidden entries and
an archive inside them left out), each file once, in the order given; and a path as messages
show it."""

from __future__ import annotations

import os
from collections.abc import Callable, Container, Iterable
from pathlib import Path
from typing import NamedTuple

from archiver import readers
from archiver.errors import InputError
from archiver.textfiles import utf8_safe


class Unlisted(NamedTuple):
    """A folder :func:`discover` could not list: its error, and how many files were found
    before it (where it stands among them, in the order the user gave the arguments)."""
    folder: Path
    error: OSError
    before: int

    def problem(self, done: str, hint: str | None = None) -> InputError:
        """The error that says the posts in the folder, if any, are not ``done``."""
        return InputError(f"cannot read this folder ({self.error.strerror}): the posts in it, "
                          f"if any, are not {done}", path=self.folder, hint=hint)


EMPTY_FOLDER_HINT = (f"give saved posts ({', '.join(readers.SUFFIX_NAMES)}), or folders "
                     "holding them")


def discover(paths: Iterable[Path], archive: Path | None = None,
             unreadable: list[Unlisted] | None = None,
             empty: list[tuple[Path, int]] | None = None,
             archives: list[tuple[Path, int]] | None = None,
             in_an_archive: Callable[[Path], bool] | None = None) -> list[tuple[Path, bool]]:
    """Files to ingest, each with whether the user named it, each once.

    Named files are taken as they are; folders are walked recursively in sorted order, skipping
    hidden folders, the ``*_files`` asset folders browsers write, ``archive`` (the archive
    being written to, whose ``source/`` folders hold posts too) and any other archive (OCFL
    storage root) below a folder given: its copies are not new posts. A file found in a folder that
    no reader claims (a README, a stray page) is *skipped*; a named one is an error.

    A file given twice (``a.md ./a.md``, a link to it, or named and inside a folder given
    too) is ingested once, where it first came, as named if it was named anywhere; a folder
    given twice (``in in/``, or through a link) is walked once. Files are told apart as the
    system does (device and inode), or, where they cannot be looked at, by absolute path.

    A folder that cannot be listed (no permission) is added to ``unreadable`` with the
    error and its place among the files, once: the posts in it must be reported as not
    ingested, never passed over in silence, and where it was given. A folder given that
    holds no file a reader might take is added to ``empty`` with its place, for the same
    reason; and another archive found inside a folder given, passed over, to ``archives``
    (not the one being written to, which a folder given may well hold: ``./archive``).
    A folder given that ``in_an_archive`` says is an archive's own is not walked: it is
    added to ``empty``, as a folder holding no new post (its objects are not each another
    archive inside it).
    """
    skip = archive.resolve() if archive is not None else None
    found: list[tuple[Path, bool]] = []
    where: dict[object, int] = {}
    walked: set[object] = set()
    unlisted: set[object] = set()

    def add(path: Path, named: bool) -> None:
        key = _identity(path)
        if key not in where:
            where[key] = len(found)
            found.append((path, named))
        elif named:
            found[where[key]] = (found[where[key]][0], True)

    def cannot_list(error: OSError) -> None:
        key = _identity(Path(error.filename or "."))
        if unreadable is not None and key not in unlisted:
            unlisted.add(key)
            unreadable.append(Unlisted(Path(error.filename or "."), error, len(found)))

    for path in paths:
        if path.is_dir():
            folder = _identity(path)
            if folder in walked:
                continue
            walked.add(folder)
            if in_an_archive is not None and in_an_archive(path):
                if empty is not None:
                    empty.append((path, len(found)))
                continue
            seen = 0  # candidates in it, whether or not found before through another path
            failed = len(unlisted)  # a folder in it that cannot be listed fails by itself
            for root, dirs, files in os.walk(path, onerror=cannot_list):
                if root != str(path) and any(f.startswith("0=ocfl_") for f in files):
                    dirs.clear()  # another archive: its stored sources are not new posts
                    if archives is not None:
                        archives.append((Path(root), len(found)))
                    continue
                pages = saved_pages(files)
                dirs[:] = sorted(d for d in dirs if walks_into(d, pages)
                                 and (skip is None or Path(root, d).resolve() != skip))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if readers.is_candidate(candidate) and not name.startswith("."):
                        seen += 1
                        add(candidate, False)
            if not seen and empty is not None and len(unlisted) == failed:
                empty.append((path, len(found)))
        else:
            add(path, True)
    return found


# The word browsers in other languages put after a saved page's name for its folder (Firefox's
# and Internet Explorer's localisations; Chrome writes "_files" in every language)
_FOLDER_WORDS = frozenset({"files", "dateien", "fichiers", "archivos", "arquivos", "file",
                           "bestanden", "pliki", "soubory", "filer", "tiedostot", "fájlok",
                           "dosyalar", "файлы", "файли", "súbory", "datoteke", "fisiere",
                           "fișiere", "failai", "faili", "αρχεία"})


def saved_pages(files: Iterable[str]) -> frozenset[str]:
    """The names, without their suffix, of the HTML pages among a folder's ``files``: a
    browser's save folder beside one is named after it (:func:`walks_into`)."""
    return frozenset(stem for stem, dot, suffix in (name.rpartition(".") for name in files)
                     if dot and stem and f".{suffix.lower()}" in readers.HTML_SUFFIXES)


def walks_into(name: str, pages: Container[str] = frozenset()) -> bool:
    """Whether a folder's walk goes into its subfolder ``name``: not a hidden one, nor the
    folder of a browser's "save page complete" beside its page (its images and frames, not
    posts): ``*_files`` as Chrome and English browsers name it, or the page's own name
    (among ``pages``, the folder's :func:`saved_pages`) and the word a browser in another
    language puts after it (Firefox's ``-Dateien``, ``_fichiers``, ``_archivos``…). A
    folder named so by its user (``post-archive`` beside ``post.html``) is walked: it may
    hold posts."""
    if name.startswith(".") or name.endswith("_files"):
        return False
    for mark in ("_", "-"):
        stem, found, word = name.rpartition(mark)
        if found and stem in pages and word.casefold() in _FOLDER_WORDS:
            return False
    return True


def _identity(path: Path) -> object:
    """What tells one file or folder from another: its device and inode, or its absolute
    path where it cannot be looked at (it is then reported by that name)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return os.path.abspath(path)
    return st.st_dev, st.st_ino


def shown(path: Path | str) -> str:
    """``path`` as text that can be printed and written: a name that is not valid UTF-8
    (written by a system using another encoding) has its stray bytes escaped, ``\\xb2``
    (:func:`archiver.textfiles.utf8_safe`)."""
    return utf8_safe(str(path))
