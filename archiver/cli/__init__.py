"""The command line: options → Config → library call → rendering. Nothing else lives here.

stdout carries data (tables, records, JSON); stderr carries messages and progress bars. Every
error the library raises on purpose reaches :func:`archiver.cli.base.fail`, which prints
``archiver: error: <path>: <message>`` and a hint, and exits with the error's code; anything
else is a bug (exit 70), shown with a traceback only under ``--traceback``.

One module per command family (``ingest``, ``reading``, ``verify``, ``export``, ``refs``),
what they share in ``base``, how their help reads in ``help``. The commands are listed in
``--help`` in the order their modules are imported here.
"""

from __future__ import annotations

import codecs
import importlib
import os
import sys
from contextlib import suppress
from typing import Any

from archiver.cli.base import app, fail, gone, stdout_failed
from archiver.cli.help import flow_help, name_values
from archiver.errors import ExitCode

__all__ = ["app", "main"]

# each module adds its commands to the app as it is imported; --help lists them in this order
for _family in ("ingest", "reading", "verify", "export", "refs"):
    importlib.import_module(f"archiver.cli.{_family}")

name_values(app)
flow_help(app)


class _QuietWhenGone:
    """stderr that falls silent when the program reading it goes away (`2>&1 | head -1`):
    the messages after that are lost, but the exit code still says how the command went.
    Unguarded, the first message written after it (a progress line, the summary) raised
    BrokenPipeError, which click turns into exit 1: "a citation is wrong"."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            gone(self._stream.fileno())
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            gone(self._stream.fileno())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _occupy_closed_stdout() -> None:
    """Started with descriptor 1 closed (`archiver list >&-`), Python has no sys.stdout, and
    the first file the command opens (a lock, an archive file) would get descriptor 1. It is
    filled with /dev/null opened for reading, so that standard output is there but cannot be
    written: every command says so as it does for a full disk (exit 2, naming it), never as
    a bug, and an ingest still archives every post."""
    try:
        os.fstat(1)
    except OSError:
        fd = os.open(os.devnull, os.O_RDONLY)
        if fd != 1:
            os.dup2(fd, 1)
            os.close(fd)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


def _encodes(stream: Any, exactly_utf8: bool = False) -> bool:
    """Whether ``stream`` encodes every character (UTF-8, -16, -32); ``exactly_utf8``: as
    plain UTF-8 (UTF-16, or UTF-8 with a byte-order mark, is not what a reader of data
    expects)."""
    try:
        name = codecs.lookup(stream.encoding or "utf-8").name
    except (AttributeError, LookupError, TypeError):
        return True  # not a text stream this can tell (a test's): left as it is
    return name == "utf-8" if exactly_utf8 else name.startswith("utf")


def _utf8_output() -> None:
    """stdout carries data, and the data is UTF-8, whatever the locale or PYTHONIOENCODING
    say (``ascii``; a Windows code page when redirected, which holds no emoji and few CJK
    extension characters): a title the encoding cannot hold would otherwise end the command
    as a bug (exit 70) in the middle of its output. stderr, for people, keeps its encoding,
    and what that cannot hold is written as an escape (``\u738b``), never an error."""
    for stream, change, exactly in ((sys.stdout, {"encoding": "utf-8"}, True),
                                    (sys.stderr, {"errors": "backslashreplace"}, False)):
        if stream is not None and not _encodes(stream, exactly) and \
                hasattr(stream, "reconfigure"):
            with suppress(ValueError, OSError):
                stream.reconfigure(**change)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (click maps usage errors to exit 2)."""
    _occupy_closed_stdout()
    _utf8_output()
    if sys.stderr is not None and not isinstance(sys.stderr, _QuietWhenGone):
        sys.stderr = _QuietWhenGone(sys.stderr)
    try:
        app(args=argv, prog_name="archiver")
    except OSError as exc:
        # what click writes before any command runs, --help and --version (each command
        # guards its own output), on a full disk, say (click itself ends a closed pipe)
        fail(stdout_failed(exc))
        sys.exit(int(ExitCode.USAGE))
