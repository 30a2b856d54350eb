"""What every command shares: the application, stderr, the options each command accepts after
its name, the configuration with the options over it, the one error funnel (a library error
→ its message and exit code; a bug → exit 70), and reading archived posts by id."""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import stat
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from archiver.cli.help import Group
from archiver.config import Config, load_config
from archiver.errors import (
    ArchiverError,
    ExitCode,
    InputError,
    OutputError,
    UsageError,
    machine_state,
    remedy,
)
from archiver.textfiles import decoded, printable
from archiver.version import __version__

app = typer.Typer(
    cls=Group,
    name="archiver",
    help="Turn saved WeChat Official Account posts into clean, versioned, verifiable records "
         "in an OCFL archive.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


T = TypeVar("T")
err = Console(stderr=True, highlight=False, soft_wrap=True)


class _Blank(str):
    """An archive folder given blank (``--archive "$DIR"`` with ``DIR`` unset), kept as it
    was given, with whether it was typed or came from ``ARCHIVER_ARCHIVE``, until the
    command runs: :func:`config_for` refuses it then, as every error is said (click would
    print a box of its own, naming the variable for a typed option)."""

    typed = False


def _folder(value: str | Path) -> Path | _Blank:
    """A folder named on the command line: ``--archive ''`` (an unset shell variable, say) is
    a usage error, never the current folder that ``Path('')`` would make of it."""
    if isinstance(value, Path):
        return value
    if not value.strip():
        return _Blank(value)
    return Path(value)


def _blank_source(ctx: typer.Context, param: typer.CallbackParam, value: Any) -> Any:
    """Whether a blank archive folder was typed (``--archive ""``) or came from the variable."""
    if isinstance(value, _Blank):
        source = ctx.get_parameter_source(param.name or "archive")
        value.typed = source is not None and source.name == "COMMANDLINE"
    return value


ArchiveOpt = typer.Option(None, "--archive", metavar="DIR", envvar="ARCHIVER_ARCHIVE",
                          show_envvar=True, parser=_folder, callback=_blank_source,
                          help="Archive folder (an OCFL storage root). Default: ./archive.")


JsonOpt = typer.Option(False, "--json", help="Write machine-readable JSON to stdout.")


QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress bar, warnings or summary "
                                                      "on stderr (errors are still shown).")


TracebackOpt = typer.Option(False, "--traceback", help="Show a traceback for internal errors.")

def verbose_option(says: str | None = None) -> Any:
    """``--verbose``, which every command takes (a script may pass it to any): ``says`` is
    what this one tells, step by step; None for a command that has nothing more to say."""
    return typer.Option(False, "--verbose", help=(
        f"Say on stderr what is done, step by step: {says}." if says else
        "Taken by every command; this one has nothing more to say."))


# how a post is named on the command line (resolve_id)
ID_HELP = ("A post's id, a unique prefix of it, another id of the post, or its address on "
           "mp.weixin.qq.com.")


def typed_options(ctx: typer.Context, **values: Any) -> list[str]:
    """The options among ``values`` given on the command line, as the user typed them: not
    those taken from their environment variable, which is set for every command. (click's
    ParameterSource is compared by name: typer may bring its own copy of click.)"""
    typed = []
    for name, value in values.items():
        source = ctx.get_parameter_source(name)
        if value not in (None, False) and source is not None and source.name == "COMMANDLINE":
            typed.append("--" + name.replace("_", "-"))
    return typed


# the option each setting a command takes comes from, named in a bad value's error
_OPTIONS = {"archive": "--archive", "crossref_url": "--crossref-url", "mailto": "--mailto",
            "fetch": "--no-fetch", "asset_roots": "--asset-root"}


def config_for(archive: Path | None, **overrides: Any) -> Config:
    """The configuration with the command's options over it, every value checked. A bad
    ``ARCHIVER_*`` variable that typer also fills an option from (``--mailto`` from
    ``ARCHIVER_MAILTO``) is refused by :func:`load_config` first, named as the variable,
    which is where the user has to correct it."""
    if isinstance(archive, _Blank) and archive.typed:  # `--archive "$DIR"`, DIR unset
        empty_option("--archive", "give the archive folder, or leave --archive out for "
                                  "./archive (or the configured one)")
    if isinstance(archive, _Blank):  # from ARCHIVER_ARCHIVE set to nothing (typer, like
        archive = None  # click, may take it for none): load_config refuses it, named so
    environ: Mapping[str, str] = os.environ
    if archive is not None and not os.environ.get("ARCHIVER_ARCHIVE", "-").strip():
        # --archive chooses the archive: a variable set to nothing is then no mistake (one
        # with a bad value is still named as the variable, where typer took the option from)
        environ = {k: v for k, v in os.environ.items() if k != "ARCHIVER_ARCHIVE"}
    given = {"archive": archive, **overrides}
    return load_config(environ).with_overrides(
        sources={key: option for key, option in _OPTIONS.items() if key in given}, **given)


def fail(error: ArchiverError) -> None:
    """Say ``error`` on stderr: one line, and a hint line where there is a hint. A file's name
    may hold a line break or an escape sequence: printed escaped (:func:`printable`)."""
    where = f"{printable(error.path)}: " if error.path else ""
    err.print(f"archiver: error: {where}{printable(error.message)}", markup=False)
    if error.hint:
        err.print(f"  hint: {printable(error.hint)}", markup=False)


@contextmanager
def reported_errors(show_traceback: bool, verbose: bool = False,
                    quiet: bool = False) -> Iterator[None]:
    """The one error funnel: library errors → message + exit code; bugs → exit 70. With
    ``verbose``, the command's steps are said on stderr as it goes (``quiet`` with it is a
    usage error: the one asks for more than the other leaves)."""
    from archiver.cli.steps import said_step_by_step

    try:
        if verbose and quiet:
            raise UsageError("--quiet and --verbose contradict each other",
                             hint="give one of them")
        with said_step_by_step(err) if verbose else nullcontext():
            yield
    except ArchiverError as exc:
        fail(exc)
        raise typer.Exit(int(exc.exit_code)) from None
    except (typer.Exit, typer.Abort):
        raise
    except KeyboardInterrupt:
        # a command that says what its interruption left (ingest, verify, export) has said
        # so and exited; any other reads (list, show …), or writes only as a crash-safe
        # commit (fsck's recovery of an interrupted one), which a crash leaves whole
        err.print("interrupted: nothing is left half-written", markup=False)
        raise typer.Exit(130) from None
    except BrokenPipeError:
        # the reader went away (`archiver list | head`): a command that only prints stops
        # quietly (ingest and verify go on to the end: they catch it themselves)
        stdout_gone()
        raise typer.Exit(0) from None
    except MemoryError:
        # the machine's state (a huge page, a tight `ulimit -v`), not a bug; what was
        # archived before is complete, as after any interruption
        if show_traceback:
            traceback.print_exc()
        err.print("archiver: error: out of memory", markup=False)
        err.print("  hint: close other programs, or give fewer or smaller files at a time "
                  "(with --jobs 1), then run the command again", markup=False)
        raise typer.Exit(int(ExitCode.ARCHIVE)) from None
    except OSError as exc:
        if not machine_state(exc):
            _internal(exc, show_traceback)
        # no permission, a read-only or full disk: the machine's state, not a bug
        where = f"{printable(str(exc.filename))}: " if exc.filename else ""
        err.print(f"archiver: error: {where}{printable(str(exc.strerror or exc))}",
                  markup=False)
        hint = remedy(exc, "check the permissions of this file and the folders above it") \
            + _AFTERWARDS.get(exc.errno or 0, "")
        if exc.errno == errno.ENOTDIR and exc.filename:
            from archiver.store import file_in_the_way

            blocking = file_in_the_way(Path(os.fsdecode(exc.filename)))
            if blocking is not None:
                hint = f"{blocking} is a file where a folder is needed: move it away"
        err.print("  hint: " + hint, markup=False)
        raise typer.Exit(int(ExitCode.ARCHIVE)) from None
    except Exception as exc:  # a bug: say so, and how to report it
        _internal(exc, show_traceback)


# what a user is told besides the remedy: a command that writes may run again, and what
# it had archived is whole
_AGAIN = ", then run the command again (what was archived before is complete)"
_AFTERWARDS = {
    errno.ENOSPC: _AGAIN,
    errno.EDQUOT: _AGAIN,
    errno.EFBIG: _AGAIN,
    errno.EIO: " (then run `archiver fsck`)",
    errno.EISDIR: " (what archiver keeps under extensions/archiver-index is rebuilt when "
                  "missing)",
}


def _internal(exc: BaseException, show_traceback: bool) -> NoReturn:
    """A bug: say so, and how to report it (exit 70)."""
    if show_traceback:
        traceback.print_exc()
    err.print(f"archiver: internal error: {type(exc).__name__}: {exc}", markup=False)
    if not show_traceback:
        err.print("  hint: re-run with --traceback and report the output", markup=False)
    raise typer.Exit(int(ExitCode.INTERNAL)) from None


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")


def left_out_damaged(count: int) -> None:
    """The summary line of a command over the whole archive that left out ``count`` damaged
    posts, each named above (``fail``): the others' output is whole, the damage is not."""
    err.print(f"left out {count} damaged post(s) (named above): run `archiver fsck`, and "
              "restore them from a backup", markup=False)


def index_rebuilt_said(hidden: bool) -> Callable[[str], AbstractContextManager[Any]]:
    """What a command reading the list index passes as its ``rebuilding``
    (:func:`archiver.index.load_index`): while the index is rebuilt from every post's
    record, seconds in a large archive, a note on stderr that says why (a spinner, gone
    once done: drawn only on a terminal, never with ``-q`` or ``--json``)."""
    def said(why: str) -> AbstractContextManager[Any]:
        if hidden or not err.is_terminal:
            return nullcontext()
        return err.status(f"reading every post: the list index {why}", spinner="line")
    return said


def progress_bar(label: str, hidden: bool, described: bool = False) -> Progress:
    """The progress bar a long command draws on stderr: ``label`` (a format of the task's
    fields), the bar, how many of how many, the time taken, and with ``described`` the task's
    description after them; gone once done (``transient``). ``hidden``: none is drawn (``-q``,
    ``--json``, output that would share its terminal). None where stderr is no terminal
    either: rich ends a bar it did not draw with an empty line, in a log before the counts.
    stdout is left alone: rich would send what is written to it to the bar's stderr."""
    columns = [TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    if described:
        columns.append(TextColumn("{task.description}"))
    return Progress(*columns, console=err, transient=True,
                    disable=hidden or not err.is_terminal, redirect_stdout=False,
                    redirect_stderr=False)


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced, or closed
        return False


def stdout_is_pipe() -> bool:
    """Whether stdout goes to another program (``| tee log``, ``| head``), which may well
    write it to the terminal the progress bar is drawn on."""
    try:
        mode = os.fstat(sys.stdout.fileno()).st_mode
    except (AttributeError, ValueError, OSError):  # replaced (tests), or closed
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def gone(fd: int) -> None:
    """The program reading ``fd`` went away: later writes to it go nowhere instead of
    failing, so that the command can finish its work and exit with the code that says how
    it went."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def stdout_gone() -> None:
    gone(sys.stdout.fileno())


STDOUT = "standard output"  # how the messages name it


def stdout_failed(exc: OSError) -> OutputError:
    """The error for standard output that could not be written (``> FILE`` on a full disk):
    the command's output, not the archive. What is still buffered for it is dropped (stdout
    then goes nowhere), so that nothing tries to write it again when the process exits."""
    with suppress(OSError, ValueError, AttributeError):  # replaced (tests), or closed
        stdout_gone()
    return OutputError(f"cannot write it ({exc.strerror or exc})", path=STDOUT,
                       hint="send the output (`> FILE`) where it can be written")


@contextmanager
def writing_stdout() -> Iterator[None]:
    """The command's data being written to standard output (flushed at the end): an OSError
    here is the output's failure (:class:`OutputError`, exit 2), never the archive's. A closed
    pipe (BrokenPipeError: the reader went away) passes on as it is."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_failed(exc) from None


def stdout_write(text: str) -> None:
    """Write ``text`` to standard output, guarded as in :func:`writing_stdout` (and flushed
    by it, or when the buffer fills): for a writer that reads the archive between its writes,
    whose own errors must not pass for the output's."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_failed(exc) from None


@contextmanager
def reader_may_leave() -> Iterator[None]:
    """Printing a report whose exit code still has to be given: a closed pipe ends the
    printing, not the command."""
    try:
        yield
    except BrokenPipeError:
        stdout_gone()


def _version_callback(value: bool) -> None:
    if value:
        with reader_may_leave():  # `--version | head -c 3`: asked and shown, exit 0
            typer.echo(f"archiver {__version__}")
            sys.stdout.flush()
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=_version_callback,
                                 is_eager=True, help="Show the version and exit."),
) -> None:
    """Exit codes: 0 ok · 1 a citation is wrong · 2 usage, or output that cannot be written ·
    3 citations could not be checked · 4 bad input · 5 archive integrity or lock problem ·
    70 internal error."""


def open_archive(archive: Path | None) -> Any:
    from archiver.store import Archive
    return Archive.open(config_for(archive).archive, create=False)


def no_empty(values: list[str], what: str) -> list[str]:
    """``values`` as given, none of them empty: an empty argument is a variable a script left
    unset ("$DIR"), never a wish to ingest or check the working folder, or every post."""
    if any(not value for value in values):
        raise UsageError(f"an empty {what} was given", hint="a variable in the command may be "
                         f"unset or empty; give the {what} itself"
                         + (" (`.` for this folder)" if what == "path" else ""))
    return values


def empty_option(option: str, give: str, value: str | None = "") -> None:
    """Refuse an option's path given empty (``-o "$OUT"`` with ``OUT`` unset), as an empty
    argument is refused (:func:`no_empty`): never the working folder ``Path('')`` would make
    of it. ``give``: what to do instead."""
    if value == "":
        raise UsageError("an empty path was given", path=f"option {option}",
                         hint=f"a variable in the command may be unset or empty; {give}")


def resolve_id(store: Any, given: str, hidden: bool = False) -> str:
    """The full id of the post ``given`` names (:func:`archiver.lookup.find_post`: an id, a
    prefix, an alias, an address). A rebuild of the list index this needs is said on a
    terminal, unless ``hidden`` (``-q``, ``--json``: :func:`index_rebuilt_said`)."""
    from archiver.lookup import find_post

    return find_post(store, given, rebuilding=index_rebuilt_said(hidden))


def output_file_problem(path: Path) -> str | None:
    """Why a file named for a command to write cannot be written there (a folder by that
    name, or no folder to hold it), or None: said before the work, not after it."""
    if path.is_dir():
        return "a folder, not a file"
    if not path.parent.is_dir():
        return "no such folder to write it in"
    if path.is_file() and not os.access(path, os.W_OK):
        # it is replaced by a rename, which only the folder's permissions govern: the file's
        # own protection is honoured as a shell's `>` honours it
        return "the file is write-protected, and is not replaced (Permission denied)"
    return inside_an_archive(path)


def inside_an_archive(path: Path) -> str | None:
    """Why nothing may be written at ``path`` (a file or a folder, where a symbolic link
    leads): it lies inside an archive, or is one, whose objects it would join or whose
    stored file it would overwrite (fsck would then find the archive damaged); None when it
    does not."""
    from archiver.store import enclosing_ocfl

    enclosing = enclosing_ocfl(Path(os.path.realpath(path)), itself=True)
    if enclosing is None:
        return None
    kind, folder = enclosing
    return (f"it is inside the OCFL {kind} {folder}: a file written there would "
            + ("overwrite or join the stored files of a post" if kind == "object" else
               "become part of that archive") + "; write it outside the archive")


def write_whole(output: Path, write_all: Callable[[Callable[[str | bytes], Any]], T],
                option: str | None = None) -> T:
    """Write ``output`` whole or not at all: into a temporary file beside it (a name of its
    own: two commands writing one file do not write into each other's), made durable, renamed
    over it once complete, and removed on any failure or interrupt (an earlier file of that
    name stays as it was). ``write_all`` is given a function taking text (written as UTF-8) or
    bytes; what it returns is returned. ``option`` names the option that named the file, for
    the messages. A symbolic link stays one: the file it names is written so. What is no
    regular file (a FIFO, ``/dev/stdout``) is written to as it is."""
    said = f"{option}: " if option else ""
    try:  # a link stays a link: the file it names is replaced, beside itself
        target = output.resolve() if output.is_symlink() else output
    except (RuntimeError, OSError):  # a loop of links
        raise UsageError(f"{said}cannot write it (a loop of symbolic links)", path=output,
                         hint="name a file in a folder you may write to") from None
    if (output.exists() and not output.is_file()) or _a_descriptor(output) \
            or _a_descriptor(target):  # a FIFO, a device, /dev/stdout (whatever stdout is:
        return _write_through(output, write_all, said)  # a file it appends to, too)
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as handle:
            count = write_all(_writer(handle))
            handle.flush()
            with suppress(FileNotFoundError):  # the file replaced keeps its permissions
                os.chmod(handle.fileno(), stat.S_IMODE(os.stat(target).st_mode))
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, KeyboardInterrupt):
            err.print(f"interrupted: {printable(str(output))} is not written (a file there "
                      "before is as it was)", markup=False)
            raise typer.Exit(130) from None
        if isinstance(exc, OSError):
            raise _cannot_write(output, said, exc,
                                hint="name a file in a folder you may write to") from None
        raise
    return count


def _cannot_write(output: Path, said: str, exc: OSError, hint: str | None = None
                  ) -> OutputError:
    """The error for ``output`` that could not be written (``said``: the option naming it)."""
    return OutputError(f"{said}cannot write it ({exc.strerror or exc})", path=output, hint=hint)


def _writer(handle: Any) -> Callable[[str | bytes], Any]:
    """A function writing text (as UTF-8) or bytes to ``handle``."""
    def write(chunk: str | bytes) -> None:
        handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    return write


def _a_descriptor(path: Path) -> bool:
    """Whether ``path`` names an open file of the process (/dev/stdout, /dev/fd/3,
    /proc/self/fd/1): written to where it is, never replaced."""
    return path.as_posix().startswith(("/dev/", "/proc/"))


_OWN_DESCRIPTOR = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)")


def _write_through(output: Path, write_all: Callable[[Callable[[str | bytes], Any]], T],
                   said: str) -> T:
    """Write into ``output`` as it is. One of this process's open files (/dev/stdout) is
    written through its descriptor: opened again, a file stdout goes to would be truncated,
    and its offset not moved for what the shell writes after."""
    name = output.as_posix()
    match = _OWN_DESCRIPTOR.fullmatch(name)
    descriptor = int(match.group(1)) if match else {"/dev/stdout": 1,
                                                    "/dev/stderr": 2}.get(name)
    try:
        if descriptor is not None:
            sys.stdout.flush()
            with os.fdopen(descriptor, "wb", closefd=False) as handle:
                return write_all(_writer(handle))
        with open(output, "wb") as handle:
            return write_all(_writer(handle))
    except BrokenPipeError as exc:
        if descriptor == 1:  # standard output, whose reader went away (`-o /dev/stdout |
            raise  # head`): the command ends as it does with `-o -`
        raise _cannot_write(output, said, exc) from None
    except OSError as exc:
        raise _cannot_write(output, said, exc) from None


def stdin_text() -> str:
    """Standard input as text, checked as a file is (:func:`archiver.textfiles.decoded`).
    Standard input that cannot be read (closed: `<&-`; opened for writing only) is bad input
    naming it, as an unreadable file is (exit 4), never a bug."""
    hint = "give the references on standard input (`< refs.txt`), or name the file instead of -"
    if sys.stdin is None:  # the process was started with descriptor 0 closed
        raise InputError("cannot read it (it is closed)", path="standard input", hint=hint)
    try:
        data = sys.stdin.buffer.read()
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror or exc})", path="standard input",
                         hint=hint) from None
    return decoded(data, "standard input")
