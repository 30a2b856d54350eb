"""One exception hierarchy for the whole library, and the exit codes the CLI maps it to.

Every error carries a message a user can act on, the path it concerns (when there is one) and
an optional hint. The library raises these; only :mod:`archiver.cli` turns them into an exit
code and a line on stderr. Conditions that concern one post, one image or one citation are not
raised at all: they are recorded as results, so one bad input never stops a run.
"""

from __future__ import annotations

import errno
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes, documented in README.md (in full: docs/commands.md).

    When several conditions apply in one run, :func:`worst` picks the one to report.
    """

    OK = 0
    CITATION_WRONG = 1  # a citation is wrong: a field mismatch, or a DOI Crossref does not know
    USAGE = 2  # bad command line
    UNCHECKED = 3  # citations could not be checked (Crossref unreachable, rate-limited)
    BAD_INPUT = 4  # an input is unreadable, unsupported or malformed
    ARCHIVE = 5  # archive integrity problem, or the archive is locked by another writer
    INTERNAL = 70  # a bug in archiver


# A definite wrong citation beats bad input, which beats an archive problem, which beats
# "could not check": the most actionable finding wins.
_PRECEDENCE = (ExitCode.CITATION_WRONG, ExitCode.BAD_INPUT, ExitCode.ARCHIVE, ExitCode.UNCHECKED)


def worst(codes: list[ExitCode] | set[ExitCode]) -> ExitCode:
    """Return the exit code to report when several conditions occurred in one run."""
    present = set(codes)
    if ExitCode.INTERNAL in present:
        return ExitCode.INTERNAL
    for code in _PRECEDENCE:
        if code in present:
            return code
    return ExitCode.OK


class ArchiverError(Exception):
    """Base of every error archiver raises on purpose.

    ``message`` says what is wrong, ``path`` where, ``hint`` what to do about it.
    """

    exit_code: ExitCode = ExitCode.INTERNAL
    # what the user named that this error is of, where a report lists it by that (a post's
    # id given to ``verify``, whose damage ``path`` places in the archive's folders)
    named: str | None = None

    def __init__(self, message: str, path: str | Path | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UsageError(ArchiverError):
    """The command line or a configuration value is wrong."""

    exit_code = ExitCode.USAGE


class InputError(ArchiverError):
    """An input file cannot be read, is of no supported format, or is malformed."""

    exit_code = ExitCode.BAD_INPUT


class UnsupportedFormat(InputError):
    """No reader recognises the file."""


class MalformedInput(InputError):
    """A reader recognised the file but its content is broken."""


class ReadingBug(ArchiverError):
    """Reading one input hit a bug in archiver (an exception no reader meant to raise, or a
    record its schema refuses): that input fails, the others are still ingested, and the run
    ends with exit 70. The exception is its ``__cause__``, for ``--traceback``."""


class SchemaError(ArchiverError):
    """A record failed JSON Schema validation: a bug in archiver, never written to the archive."""

    exit_code = ExitCode.INTERNAL


class ArchiveError(ArchiverError):
    """The archive is damaged, inconsistent, or cannot be written."""

    exit_code = ExitCode.ARCHIVE


class ArchiveBusy(ArchiveError):
    """Another process holds the archive's write lock."""


class ArchiveReadOnly(ArchiveError):
    """The archive may be read but not written here (permissions, a read-only disk)."""


class PostChanged(ArchiveError):
    """A post was changed by another writer (an ingest) while its citations were being
    checked: the results are of the version read, and are not kept over the new one."""


class UnfinishedCommit(ArchiveError):
    """A commit a crash interrupted, stored whole in the staging area, that the machine will
    not let the next writer finish (a read-only folder, a full disk): it stays there, whole,
    until it can be."""


class DamagedObject(ArchiveError):
    """One object of the archive is damaged (its inventory gone, a version folder its
    inventory does not list): it is not written to until repaired; the others are."""

    # the sha512 of a stored file found gone from a folder that is still there: bytes of
    # that digest written there mend it (what ``ingest --refresh`` can do, when the post's
    # source holds them)
    missing_digest: str | None = None


class ObjectRefused(ArchiveError):
    """One object of the archive takes no version from archiver, though nothing in it is
    damaged: an object another OCFL tool made where a post's id puts it, holding no post's
    record, or one whose zero-padded version names are used up. Its post fails; the others
    are written."""


class OutputError(ArchiverError):
    """The command's own output cannot be written: standard output (``> FILE`` on a full
    disk), or the file an option names (``-o``, ``--junit``). Neither the archive's failure nor
    an input's: exit 2, as for an output named wrongly, whatever else the run found."""

    exit_code = ExitCode.USAGE


class NotFound(ArchiverError):
    """An object or version asked for is not in the archive."""

    exit_code = ExitCode.USAGE


# What a user can do when the machine refuses a read or a write: its state, not a bug. One
# table for the archive's own errors (a commit that could not be written) and for the
# command line's (any other such refusal), so that both say the same of the same cause.
_REMEDIES = {
    errno.EROFS: "use a writable disk (this file system is read-only)",
    errno.ENOSPC: "free some space on the disk",
    errno.EDQUOT: "free some space (the disk quota is used up)",
    errno.EFBIG: "raise this process's file-size limit (`ulimit -f`)",
    errno.EMFILE: "raise this process's limit of open files (`ulimit -n`)",
    errno.ENFILE: "close some programs (the system may open no more files)",
    errno.EIO: "check the disk, which reported an input/output error, before trusting what is "
               "on it",
    errno.EISDIR: "move away the folder that stands where a file is needed",
    errno.ENOTDIR: "move away the file that stands where a folder is needed",
}
_NO_PERMISSION = (errno.EACCES, errno.EPERM)


def machine_state(exc: OSError) -> bool:
    """Whether ``exc`` is the machine's state (permissions, a full or read-only disk, a
    limit), which a user can change, rather than a bug of ours."""
    return exc.errno in _REMEDIES or exc.errno in _NO_PERMISSION


def remedy(exc: OSError, permissions: str) -> str:
    """What to do about ``exc``, said as an instruction; ``permissions``: whose permissions
    to check when it is a refusal of access (or an error :func:`machine_state` does not
    know), which only the caller can name."""
    return _REMEDIES.get(exc.errno or 0, permissions)
