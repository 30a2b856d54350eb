"""The command line: options → Config → library call → rendering. Nothing else lives here.

stdout carries data (tables, records, JSON); stderr carries messages and progress bars. Every
error the library raises on purpose reaches :func:`_fail`, which prints
``archiver: error: <path>: <message>`` and a hint, and exits with the error's code; anything
else is a bug (exit 70), shown with a traceback only under ``--traceback``.
"""

from __future__ import annotations

import difflib
import errno
import inspect
import json
import os
import re
import stat
import sys
import traceback
import typing
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import click
import typer
from rich.cells import cell_len
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import ArgumentInfo, OptionInfo

from archiver.config import Config, load_config
from archiver.errors import (
    ArchiverError,
    DamagedObject,
    ExitCode,
    InputError,
    NotFound,
    UnsupportedFormat,
    UsageError,
    worst,
)
from archiver.version import __version__


class _Argument(TyperArgument):
    """A positional argument whose help shows the value's name given where it is declared
    (``PATH...``): typer's shows its Python type (``<list[Path]>``) whatever the name."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        if self.metavar is None:
            return super().display_type_rich(ctx)
        return self.metavar + ("..." if self.nargs != 1 else "")


class _FlagHelp:
    """``--help`` shown as the flag it is: typer's help shows it taking ``<bool>``. A mixin
    before typer's command and group classes (typer's click is its own, not ``click``)."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and option.metavar is None:
            option.metavar = ""
        return option


class _Command(_FlagHelp, TyperCommand):
    """A command whose help shows ``--help`` as a flag and names its arguments' values."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument  # the same object, its help method replaced


class _Group(_FlagHelp, TyperGroup):
    """The command groups' help, ``--help`` shown as a flag."""


app = typer.Typer(
    cls=_Group,
    name="archiver",
    help="Turn saved WeChat Official Account posts into clean, versioned, verifiable records "
         "in an OCFL archive.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

err = Console(stderr=True, highlight=False, soft_wrap=True)

# -- options shared by the commands (each accepted after the command name) -------------------

def _folder(value: str | Path) -> Path:
    """A folder named on the command line: ``--archive ''`` (an unset shell variable, say) is
    a usage error, never the current folder that ``Path('')`` would make of it."""
    if isinstance(value, Path):
        return value
    if not value.strip():
        raise typer.BadParameter("is empty: name the archive folder (or leave the option out "
                                 "for ./archive)")
    return Path(value)


ArchiveOpt = typer.Option(None, "--archive", metavar="DIR", envvar="ARCHIVER_ARCHIVE",
                          show_envvar=True, parser=_folder,
                          help="Archive folder (an OCFL storage root). Default: ./archive.")
JsonOpt = typer.Option(False, "--json", help="Write machine-readable JSON to stdout.")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress bar, warnings or summary "
                                                      "on stderr (errors are still shown).")
TracebackOpt = typer.Option(False, "--traceback", help="Show a traceback for internal errors.")


class Format(StrEnum):
    json = "json"
    markdown = "markdown"
    text = "text"


def _typed_options(ctx: typer.Context, **values: Any) -> list[str]:
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


def _config(archive: Path | None, **overrides: Any) -> Config:
    """The configuration with the command's options over it, every value checked. A bad
    ``ARCHIVER_*`` variable that typer also fills an option from (``--mailto`` from
    ``ARCHIVER_MAILTO``) is refused by :func:`load_config` first, named as the variable,
    which is where the user has to correct it."""
    if archive is None and os.environ.get("ARCHIVER_ARCHIVE") == "":
        # set, but to nothing: a script's unset variable ("ARCHIVER_ARCHIVE=$DIR"), never a
        # wish for ./archive, where the posts would otherwise quietly go (typer, like click,
        # takes an empty variable for none)
        raise UsageError("ARCHIVER_ARCHIVE is set but empty", hint="set it to the archive "
                         "folder, or unset it to use ./archive (or the configuration file's)")
    given = {"archive": archive, **overrides}
    return load_config().with_overrides(
        sources={key: option for key, option in _OPTIONS.items() if key in given}, **given)


def _fail(error: ArchiverError) -> None:
    where = f"{error.path}: " if error.path else ""
    err.print(f"archiver: error: {where}{error.message}", markup=False)
    if error.hint:
        err.print(f"  hint: {error.hint}", markup=False)


@contextmanager
def _errors(show_traceback: bool) -> Iterator[None]:
    """The one error funnel: library errors → message + exit code; bugs → exit 70."""
    try:
        yield
    except ArchiverError as exc:
        _fail(exc)
        raise typer.Exit(int(exc.exit_code)) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        # the reader went away (`archiver list | head`): a command that only prints stops
        # quietly (ingest and verify go on to the end: they catch it themselves)
        _stdout_gone()
        raise typer.Exit(0) from None
    except OSError as exc:
        if exc.errno not in _ENVIRONMENT_ERRORS:
            _internal(exc, show_traceback)
        # no permission, a read-only or full disk: the machine's state, not a bug
        where = f"{exc.filename}: " if exc.filename else ""
        err.print(f"archiver: error: {where}{exc.strerror or exc}", markup=False)
        err.print("  hint: " + _ENVIRONMENT_ERRORS[exc.errno], markup=False)
        raise typer.Exit(int(ExitCode.ARCHIVE)) from None
    except Exception as exc:  # a bug: say so, and how to report it
        _internal(exc, show_traceback)


_PERMISSIONS = "check the permissions of this file and the folders above it"
_ENVIRONMENT_ERRORS = {
    errno.EACCES: _PERMISSIONS,
    errno.EPERM: _PERMISSIONS,
    errno.EROFS: "the file system is read-only: use an archive on a writable disk",
    errno.ENOSPC: "the disk is full: free some space and run the command again (what was "
                  "archived before is complete)",
    errno.EDQUOT: "the disk quota is used up: free some space and run the command again",
}


def _internal(exc: BaseException, show_traceback: bool) -> NoReturn:
    """A bug: say so, and how to report it (exit 70)."""
    if show_traceback:
        traceback.print_exc()
    err.print(f"archiver: internal error: {type(exc).__name__}: {exc}", markup=False)
    if not show_traceback:
        err.print("  hint: re-run with --traceback and report the output", markup=False)
    raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")


# the results that leave a post in the archive (failed and skipped ones do not)
ARCHIVED = frozenset({"added", "updated", "unchanged", "unavailable"})


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced, or closed
        return False


def _stdout_is_pipe() -> bool:
    """Whether stdout goes to another program (``| tee log``, ``| head``), which may well
    write it to the terminal the progress bar is drawn on."""
    try:
        mode = os.fstat(sys.stdout.fileno()).st_mode
    except (AttributeError, ValueError, OSError):  # replaced (tests), or closed
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _gone(fd: int) -> None:
    """The program reading ``fd`` went away: later writes to it go nowhere instead of
    failing, so that the command can finish its work and exit with the code that says how
    it went."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _stdout_gone() -> None:
    _gone(sys.stdout.fileno())


@contextmanager
def _reader_may_leave() -> Iterator[None]:
    """Printing a report whose exit code still has to be given: a closed pipe ends the
    printing, not the command."""
    try:
        yield
    except BrokenPipeError:
        _stdout_gone()


_IMAGE_MISSING = re.compile(r"image (\d+) missing: (.*)", re.S)


def _numbers(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` → ``1–3, 5``."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def ingest_summary(results: Iterable[Any]) -> str:
    """``7 post(s): 2 added, 5 unchanged; 1 file(s) skipped (not saved posts); 1 input(s)
    failed``: posts and the files or folders that gave none are counted apart."""
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    posts = sum(n for status, n in counts.items() if status in ARCHIVED)
    parts = [f"{posts} post(s)" + (": " + ", ".join(
        f"{n} {status}" for status, n in sorted(counts.items()) if status in ARCHIVED)
        if posts else "")]
    if counts.get("skipped"):
        parts.append(f"{counts['skipped']} file(s) skipped (not saved posts)")
    if counts.get("failed"):
        parts.append(f"{counts['failed']} input(s) failed")
    return "; ".join(parts)


# what the bar's other columns take: "ingest", the bar (40), "19/27", "0:00:03", spaces
_BAR_COLUMNS = 66


def _interrupted_note(finished: int, discarded: int) -> str:
    """What the user is told of the writes an earlier, interrupted run left unfinished."""
    done = []
    if finished:
        done.append(f"{finished} of them finished (their posts are archived: this run finds "
                    "them unchanged)")
    if discarded:
        done.append(f"{discarded} undone (nothing of them had reached the archive)")
    return (f"note: an earlier run was interrupted in the middle of {finished + discarded} "
            f"write(s): {'; '.join(done)}")


def _bar_label(name: str, width: int) -> str:
    """The file name shown after the bar, cut to the room the terminal leaves (in cells: a
    Chinese character takes two), so that the count and the time are never what is cut."""
    room = min(width - _BAR_COLUMNS, 40)
    if room < 8:
        return ""
    label = Text(name)
    label.truncate(room, overflow="ellipsis")
    return label.plain


def grouped_warnings(warnings: Iterable[str]) -> list[str]:
    """Warnings as a person reads them: images missing for one reason (every image of a post
    ingested with --no-fetch) in one line, ``images 1–26 missing: not fetched: …``. The
    reasons are kept whole and in order; --json gives each image's own warning."""
    out: list[str] = []
    group: tuple[str, list[int]] | None = None
    for warning in warnings:
        match = _IMAGE_MISSING.fullmatch(warning)
        if match and group is not None and group[0] == match.group(2):
            group[1].append(int(match.group(1)))
            continue
        if group is not None:
            out.append(_image_group(*group))
            group = None
        if match:
            group = (match.group(2), [int(match.group(1))])
        else:
            out.append(warning)
    if group is not None:
        out.append(_image_group(*group))
    return out


def _image_group(reason: str, numbers: list[int]) -> str:
    noun = "image" if len(numbers) == 1 else "images"
    return f"{noun} {_numbers(numbers)} missing: {reason}"


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"archiver {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=_version_callback,
                                 is_eager=True, help="Show the version and exit."),
) -> None:
    """Exit codes: 0 ok · 1 a citation is wrong · 2 usage · 3 citations could not be checked ·
    4 bad input · 5 archive integrity or lock problem · 70 internal error."""


# -- ingest -----------------------------------------------------------------------------------

@app.command()
def ingest(
    ctx: typer.Context,
    # not checked here: an unreadable or missing file fails alone, with its reason (exit 4),
    # while the other paths are ingested
    paths: list[Path] = typer.Argument(..., help="Saved posts, or folders to search for them.",
                                       readable=False, metavar="PATH"),
    archive: Path | None = ArchiveOpt,
    no_fetch: bool = typer.Option(False, "--no-fetch",
                                  help="Stay off the network: remote images are recorded as "
                                       "missing instead of downloaded."),
    asset_root: list[Path] = typer.Option([], "--asset-root", metavar="DIR",
                                          help="Folder where site-absolute image paths such as "
                                               "/images/1.jpg are looked up (repeatable)."),
    refresh: bool = typer.Option(False, "--refresh",
                                 help="Re-read and re-process every post even if its source "
                                      "and the files it uses look unchanged since the last "
                                      "ingest (their size, times and inode)."),
    wait: bool = typer.Option(False, "--wait", help="Wait for another writer instead of "
                                                    "failing with exit 5."),
    verify_citations: bool = typer.Option(False, "--verify/--no-verify",
                                          help="Also check the posts' citations against "
                                               "Crossref (as `archiver verify` does)."),
    crossref_url: str | None = typer.Option(None, "--crossref-url", metavar="URL",
                                            envvar="ARCHIVER_CROSSREF_URL", show_envvar=True,
                                            help="With --verify: the Crossref API (or a "
                                                 "compatible server)."),
    mailto: str | None = typer.Option(None, "--mailto", metavar="EMAIL",
                                      envvar="ARCHIVER_MAILTO",
                                      help="With --verify: your e-mail, which joins "
                                           "Crossref's polite pool."),
    offline: bool = typer.Option(False, "--offline",
                                 help="With --verify: use only the cache; no network."),
    as_json: bool = JsonOpt,
    quiet: bool = QuietOpt,
    show_traceback: bool = TracebackOpt,
) -> None:
    """Ingest saved posts into the archive: one object per post, a new version only on change.

    Prints one line per post (with --json: one JSON object per line with id, version, status,
    source, title, kind, record, warnings; with --verify too, a last line holding the report
    verify --json gives). Exit 4 if any input could not be read, 5 if a post's object in
    the archive is damaged (that post fails; the others are ingested).
    """
    from archiver.pipeline import ingest_paths
    from archiver.store import Archive

    with _errors(show_traceback):
        if not verify_citations:
            # said before anything is written: the user meant to verify, or gave a wrong flag
            typed = _typed_options(ctx, crossref_url=crossref_url, mailto=mailto,
                                   offline=offline)
            if typed:
                verb = "applies" if len(typed) == 1 else "apply"
                raise UsageError(f"{' and '.join(typed)} only {verb} with --verify",
                                 hint="add --verify to check the posts' citations as they are "
                                      "ingested, or leave " + " and ".join(typed) + " out")
        overrides: dict[str, Any] = {"fetch": False} if no_fetch else {}
        config = _config(archive, crossref_url=crossref_url, mailto=mailto, **overrides)
        if asset_root:  # added to the configured roots; each flag's folder checked there
            config = config.with_overrides(
                asset_roots=tuple(config.asset_roots) + tuple(asset_root),
                sources={"asset_roots": "--asset-root"})
        # stdout is left alone (rich would send what is written to it to the bar's stderr:
        # `--json > out.jsonl` from a terminal would fill the terminal, not the file)
        # No bar when stdout goes to another program: `| tee log` writes the lines to the
        # terminal the bar is drawn on, where neither knows of the other.
        progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("{task.description}"),
                            console=err, transient=True,
                            disable=quiet or _stdout_is_pipe() or not err.is_terminal,
                            redirect_stdout=False, redirect_stderr=False)
        # When stdout is the terminal the bar is drawn on, a result line written to it would
        # land on the bar's line, and the bar's next redraw would erase it: such lines go
        # through the bar's console, which prints them above the bar.
        above_bar = not quiet and err.is_terminal and _stdout_is_terminal()
        printing = [True]

        def say(line: str) -> None:
            if above_bar:
                err.out(line, highlight=False)
                return
            if not printing[0]:
                return
            try:
                typer.echo(line)
            except BrokenPipeError:  # `| head`: the posts are ingested all the same
                _stdout_gone()
                printing[0] = False
                if not quiet:
                    err.print("archiver: the program reading the results stopped reading; "
                              "ingesting goes on to the end", markup=False)

        reported: list[Any] = []
        counted: set[str] = set()  # the bar counts files; a WARC may give several posts

        def on_result(result: Any) -> None:
            reported.append(result)
            if as_json:
                say(json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True))
            elif result.status != "skipped":
                title = result.title or ""
                where = " ".join(w for w in (result.object_id, result.version) if w) or "-"
                say(f"{result.status:<11} {where}  {title or result.source}")
                for warning in grouped_warnings(result.warnings):
                    if not quiet:  # named: stdout may be a file, or the post a WARC's
                        err.print(f"  warning: {Path(result.source).name}: {warning}",
                                  markup=False)
            if result.status == "skipped":
                if not quiet:
                    err.print(f"  skipped {result.source}: {result.error.message}", markup=False)
            elif result.error is not None:
                _fail(result.error)
            progress.update(task, advance=0 if result.source in counted else 1,
                            description=_bar_label(Path(result.source).name, err.width))
            counted.add(result.source)

        with progress:
            task = progress.add_task("", total=None)  # until the folders are walked
            try:
                results = ingest_paths(
                    paths, config, on_result=on_result, wait=wait, refresh=refresh,
                    on_files=lambda count: progress.update(task, total=count),
                    on_wait=None if quiet else lambda: err.print(
                        "waiting for another archiver process to finish writing…",
                        markup=False),
                    on_interrupted=None if quiet else lambda finished, discarded: err.print(
                        _interrupted_note(finished, discarded), markup=False))
            except KeyboardInterrupt:
                progress.stop()
                archived = sum(r.status in ARCHIVED for r in reported)
                err.print(f"interrupted: {archived} post(s) reported as archived before this "
                          "are in the archive, and so may be a few not reported yet; run the "
                          "same command again to go on (what is archived is found unchanged)",
                          markup=False)
                raise typer.Exit(130) from None
        if all(r.status == "skipped" for r in results):  # none, or only other files
            skipped = (f" ({len(results)} other file(s) skipped, named above)"
                       if results and not quiet else "")
            raise UsageError("no saved posts found in the given paths" + skipped,
                             hint="give saved posts (.md, .html, .mhtml, .webarchive, "
                                  ".zip, .warc, .warc.gz, .wacz), or folders holding them")
        if not quiet:
            where = (f" → {config.archive}" if Archive.declared(config.archive)
                     else f"; nothing archived, so {config.archive} was not made an archive"
                     if config.archive.exists()
                     else f"; nothing archived, so {config.archive} was not created")
            err.print(ingest_summary(results) + where, markup=False)
        codes = [r.error.exit_code if r.error is not None else ExitCode.BAD_INPUT
                 for r in results if r.status == "failed"]
        if verify_citations:
            ids = sorted({r.object_id for r in results if r.object_id})
            verdicts, document = _verify_posts(config, ids, quiet, offline=offline)
            codes += verdicts
            if as_json:  # the last line: the report `verify --json` gives
                say(json.dumps(document, ensure_ascii=False, sort_keys=True))
        raise typer.Exit(int(worst(codes)))


# -- reading the archive ----------------------------------------------------------------------

def _open_archive(archive: Path | None) -> Any:
    from archiver.store import Archive
    return Archive.open(_config(archive).archive, create=False)


def resolve_id(store: Any, given: str) -> str:
    """A full object id, or an unambiguous prefix of one (with or without ``wx:``), or
    another id of the post (an alias) or a prefix of one."""
    for full in (given, "wx:" + given):
        if store.exists(full):  # a full id, whose folder is there (damaged or not)
            return full
    ids = store.object_ids()
    if given in ids:
        return given
    from archiver.index import load_index
    aliases = {object_id: entry.get("aliases") or ()
               for object_id, entry in load_index(store).items()}
    named = sorted(object_id for object_id, names in aliases.items()
                   if {given, "wx:" + given} & set(names))
    if len(named) == 1:  # another id of the post (its short address, say)
        return named[0]

    def matches(name: str) -> bool:
        return name.startswith(given) or name.startswith("wx:" + given)

    candidates = [i for i in ids if matches(i)]
    candidates += [object_id for object_id, names in aliases.items()
                   if object_id not in candidates and any(matches(n) for n in names)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise NotFound(f"no post with id {given!r} in the archive", path=store.root,
                       hint="`archiver list` shows the ids")
    more = f", and {len(candidates) - 5} more" if len(candidates) > 5 else ""
    raise UsageError(f"{given!r} matches {len(candidates)} posts: "
                     + ", ".join(candidates[:5]) + more, hint="give more of the id")


@app.command(name="list")
def list_posts(
    archive: Path | None = ArchiveOpt,
    as_json: bool = JsonOpt,
    show_traceback: bool = TracebackOpt,
) -> None:
    """List the posts in the archive: id, versions, date, account and title."""
    from archiver.clean.metadata import one_line
    from archiver.export.works import beijing_date, shown_title
    from archiver.index import load_index

    with _errors(show_traceback):
        store = _open_archive(archive)
        unreadable: list[str] = []
        index = load_index(store, unreadable, complete=True)
        if unreadable:  # said even with --json: a list that leaves posts out must say so
            err.print(f"archiver: warning: {len(unreadable)} object(s) of the archive cannot "
                      "be read and are not listed: run `archiver fsck`", markup=False)
        if as_json:
            for object_id in sorted(index):
                _emit_json({"id": object_id, **index[object_id]})
            return
        # one line per post (an account or an earlier record's title may hold a line break or
        # a control character), columns aligned in terminal cells (a Chinese character: two)
        ids = max((len(i) for i in index), default=0)
        shown = {i: one_line(e.get("account") or "-") or "-" for i, e in index.items()}
        accounts = min(max((cell_len(a) for a in shown.values()), default=0), 24)
        for object_id in sorted(index):
            entry = index[object_id]
            date = beijing_date(entry.get("published")) or "-" * 10
            title = one_line(shown_title(entry))
            account = shown[object_id] + " " * max(0, accounts - cell_len(shown[object_id]))
            typer.echo(f"{object_id:<{ids}}  {entry['head']:<4} {date}  {account}  {title}")


@app.command()
def show(
    ctx: typer.Context,
    post_id: str = typer.Argument(..., metavar="ID", help="Post id, or a unique prefix of it."),
    version: str | None = typer.Option(None, "--version", "-v", metavar="VERSION",
                                       help="Version, e.g. v1 (default: the latest)."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    archive: Path | None = ArchiveOpt,
    as_json: bool = typer.Option(False, "--json", help="Print the record as JSON "
                                                      "(same as --format json)."),
    show_traceback: bool = TracebackOpt,
) -> None:
    """Show one archived post."""
    from archiver.render import record_markdown, record_text

    with _errors(show_traceback):
        if as_json and fmt is not Format.json and _typed_options(ctx, fmt=fmt):
            raise UsageError(f"--json prints the record as JSON; it contradicts --format {fmt}",
                             hint="give one of them")
        store = _open_archive(archive)
        object_id = resolve_id(store, post_id)
        record = store.read_json(object_id, "record.json",
                                 _version_name(version) if version is not None else None)
        if as_json or fmt is Format.json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True)
                             + "\n")
        elif fmt is Format.markdown:
            sys.stdout.write(record_markdown(record))
        else:
            sys.stdout.write(record_text(record))


@app.command()
def log(
    post_id: str = typer.Argument(..., metavar="ID", help="Post id, or a unique prefix of it."),
    archive: Path | None = ArchiveOpt,
    as_json: bool = JsonOpt,
    show_traceback: bool = TracebackOpt,
) -> None:
    """Show the version history of one post: newest first (with --json, an object whose
    "versions" list is in version order, oldest first)."""
    with _errors(show_traceback):
        store = _open_archive(archive)
        object_id = resolve_id(store, post_id)
        versions = store.versions(object_id)
        if as_json:
            _emit_json({"id": object_id, "versions": [
                {"version": v.number, "created": v.created, "message": v.message,
                 "user": v.user, "files": len(v.state)} for v in versions]})
            return
        for v in reversed(versions):
            typer.echo(f"{v.number:<4} {v.created}  {v.message or ''}  ({len(v.state)} files)")


_ABSENT = object()


def changed_leaves(where: str, old: Any, new: Any) -> list[tuple[str, Any, Any]]:
    """``(path, old, new)`` for each value that differs inside two JSON values: a changed
    image's reason reads ``images[3].reason: "…" → "…"``, not as two lists of every image.
    A value only one side has is paired with :data:`_ABSENT`."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[tuple[str, Any, Any]] = []
        for key in [*old, *(k for k in new if k not in old)]:
            out += changed_leaves(f"{where}.{key}", old.get(key, _ABSENT),
                                  new.get(key, _ABSENT))
        return out
    if isinstance(old, list) and isinstance(new, list):
        out = []
        for i in range(max(len(old), len(new))):
            out += changed_leaves(f"{where}[{i}]", old[i] if i < len(old) else _ABSENT,
                                  new[i] if i < len(new) else _ABSENT)
        return out
    return [] if old == new else [(where, old, new)]


def _shown_value(value: Any) -> str:
    return "(none)" if value is _ABSENT else json.dumps(value, ensure_ascii=False)


def _version_name(given: str) -> str:
    """``v2`` as given, or ``2`` for it."""
    return f"v{given}" if given.isdigit() else given


def _body_lines(record: dict[str, Any]) -> list[str]:
    """The body as the diff compares it: a line for each line of each block (a list's items,
    a table's rows, a quote's lines each on its own), so that a change to one item shows as
    that line, and no diff line holds a line break."""
    return [line for block in record.get("blocks", [])
            for line in (block.get("text") or "").split("\n")]


def diff_versions(store: Any, object_id: str, old: str | None = None,
                  new: str | None = None) -> dict[str, Any]:
    """What changed between two versions: record fields, body blocks, files. Without
    ``new``, the head; without ``old`` either, the version before it (the last change)."""
    a_state = {v.number: v.state for v in store.versions(object_id)}
    numbers = list(a_state)
    if old is None:
        if len(numbers) < 2:
            raise UsageError(f"{object_id} has one version ({numbers[0]}): nothing to compare "
                             "it with", hint="`archiver log ID` lists a post's versions")
        old, new = numbers[-2], numbers[-1]
    old, new = _version_name(old), _version_name(numbers[-1] if new is None else new)
    for number in (old, new):
        if number not in a_state:
            raise NotFound(f"{object_id} has no version {number!r}",
                           hint="versions: " + ", ".join(a_state))
    a = store.read_json(object_id, "record.json", old)
    b = store.read_json(object_id, "record.json", new)
    fields = {}
    for key in sorted(set(a) | set(b)):
        if key in ("blocks", "text"):
            continue
        if a.get(key) != b.get(key):
            fields[key] = {"old": a.get(key), "new": b.get(key)}
    old_lines, new_lines = _body_lines(a), _body_lines(b)
    body = [line for line in difflib.unified_diff(old_lines, new_lines, old, new, lineterm="",
                                                  n=1)]
    files = {"added": sorted(set(a_state[new]) - set(a_state[old])),
             "removed": sorted(set(a_state[old]) - set(a_state[new])),
             "changed": sorted(p for p in set(a_state[old]) & set(a_state[new])
                               if a_state[old][p] != a_state[new][p])}
    # each changed value by its path (images[0].reason), as the text report shows it; a
    # value one side lacks is absent from that side
    changes = [{"path": where, **({"old": a_value} if a_value is not _ABSENT else {}),
                **({"new": b_value} if b_value is not _ABSENT else {})}
               for key, change in fields.items()
               for where, a_value, b_value in changed_leaves(key, change["old"], change["new"])]
    return {"id": object_id, "from": old, "to": new, "fields": fields, "changes": changes,
            "body": body, "files": files}


@app.command()
def diff(
    post_id: str = typer.Argument(..., metavar="ID", help="Post id, or a unique prefix of it."),
    old: str | None = typer.Argument(None, metavar="VA",
                                     help="Older version, e.g. v1 (or 1). Default: the one "
                                          "before the head."),
    new: str | None = typer.Argument(None, metavar="VB",
                                     help="Newer version, e.g. v2. Default: the head."),
    archive: Path | None = ArchiveOpt,
    as_json: bool = JsonOpt,
    show_traceback: bool = TracebackOpt,
) -> None:
    """Show what changed between two versions of a post (fields, body, files).

    `archiver diff ID` shows its last change; `archiver diff ID v1` what changed since v1.
    """
    with _errors(show_traceback):
        store = _open_archive(archive)
        object_id = resolve_id(store, post_id)
        result = diff_versions(store, object_id, old, new)
        if as_json:
            _emit_json(result)
            return
        for key, change in result["fields"].items():
            for where, old_value, new_value in changed_leaves(key, change["old"],
                                                              change["new"]):
                typer.echo(f"field {where}: {_shown_value(old_value)} → "
                           f"{_shown_value(new_value)}")
        for kind in ("added", "removed", "changed"):
            for path in result["files"][kind]:
                typer.echo(f"file {kind}: {path}")
        for line in result["body"]:
            typer.echo(line)
        if not (result["fields"] or result["body"] or any(result["files"].values())):
            typer.echo("no differences")


@app.command()
def fsck(
    archive: Path | None = ArchiveOpt,
    as_json: bool = JsonOpt,
    quiet: bool = QuietOpt,
    show_traceback: bool = TracebackOpt,
) -> None:
    """Check the archive: every digest recomputed, OCFL structure, records against the schemas.

    Exit 5 if anything is wrong.
    """
    from archiver.fsck import check_archive

    with _errors(show_traceback):
        store = _open_archive(archive)
        report = check_archive(store)
        try:
            if as_json:
                _emit_json(report.to_json())
            else:
                for problem in report.problems:
                    typer.echo(f"{problem.path}: {problem.message}")
        except BrokenPipeError:  # `fsck | head -1`: the exit code still says what was found
            _stdout_gone()
            raise typer.Exit(0 if report.ok else int(ExitCode.ARCHIVE)) from None
        if not as_json and not quiet:
            for warning in report.warnings:  # allowed by OCFL, advised against: not data
                err.print(f"warning: {warning.path}: {warning.message}", markup=False)
            state = "ok" if report.ok else f"{len(report.problems)} problem(s)"
            if report.warnings:
                state += f" ({len(report.warnings)} warning(s))"
            recovered = (f", {report.recovered} interrupted write(s) recovered"
                         if report.recovered else "")
            if report.read_only:
                recovered += " (read-only here: an interrupted write would not be rolled " \
                             "forward)"
            err.print(f"fsck: {report.objects} object(s), {report.files} file(s): "
                      f"{state}{recovered}", markup=False)
        if not report.ok:
            raise typer.Exit(int(ExitCode.ARCHIVE))


# -- verify -------------------------------------------------------------------------------------

def _expand_folders(targets: list[str], problems: list[ArchiverError]) -> list[str]:
    """Each folder replaced by the post files in it, found as ``ingest`` finds them (a file
    in it that is no saved post, a README.md, is passed over, as ``ingest`` skips it); a
    folder inside that cannot be listed is a problem (exit 4), as it is for ``ingest``."""
    from archiver.pipeline import discover
    from archiver.readers import refusal

    def is_post(candidate: Path) -> bool:
        # one unreadable or malformed is read all the same: reading it says so, naming it
        return not isinstance(refusal(candidate), UnsupportedFormat)

    out: list[str] = []
    for target in targets:
        path = Path(target)
        if not path.is_dir():
            out.append(target)
            continue
        unreadable: list[tuple[Path, OSError]] = []
        found = [str(candidate) for candidate, _ in discover([path], unreadable=unreadable)
                 if is_post(candidate)]
        problems += [InputError(f"cannot read this folder ({error.strerror}): the posts in it, "
                                "if any, are not verified", path=folder)
                     for folder, error in unreadable]
        if not found and not unreadable:  # as ingest says of such a folder: usage
            raise UsageError("no saved posts in this folder", path=path,
                             hint="give saved posts or folders holding them, or .txt or .bib "
                                  "files of references by name")
        out += found
    return out


def _check_site_folder(output: Path) -> None:
    """The html export writes index.html, posts/ and assets/ into ``output``: a new or empty
    folder, or one an earlier html export wrote. Anything else is refused before a byte is
    written, so that no one's own index.html is overwritten."""
    if output.exists() and not output.is_dir():
        raise UsageError("this is a file; the html export writes a folder", path=output,
                         hint="give a new or empty folder")
    if not output.is_dir() or not any(output.iterdir()):
        return
    index = output / "index.html"
    try:
        earlier = (output / "posts").is_dir() and b"<h1>Archive</h1>" in \
            index.read_bytes()[: 1 << 16]
    except OSError:
        earlier = False
    if not earlier:
        raise UsageError("this folder holds other files, and the html export would overwrite "
                         "its index.html", path=output,
                         hint="give a new or empty folder, or one an earlier html export wrote")


def _looks_like_a_path(target: str) -> bool:
    """A target that is no object id (ids hold no file extension): a mistyped file name is
    reported as a missing file, not as an unknown post."""
    from archiver.readers import SUFFIXES

    return Path(target).suffix.lower() in SUFFIXES | {".txt", ".bib"}


def _verify_targets(targets: list[str], config: Config, store: Any,
                    problems: list[ArchiverError]) -> list[tuple[str, str | None, str | None]]:
    """(citation text, location, post id) for every citation the targets hold; a file that
    cannot be read, or an archived post that is damaged, is added to ``problems`` and the
    others are still checked (a CI run reports every wrong citation, not just the first bad
    file)."""
    items: list[tuple[str, str | None, str | None]] = []
    if not targets:
        if store is None:
            raise NotFound("no archive to verify", path=config.archive,
                           hint="give files to verify, or ingest posts first")
        targets = store.object_ids()
        if not targets:
            raise UsageError("the archive holds no posts", path=config.archive)
    for target in _expand_folders(targets, problems):
        try:
            items += _citations_in(target, config, store)
        except (InputError, DamagedObject) as problem:  # one bad file, or one damaged post
            problems.append(problem)
    return items


def _citations_in(target: str, config: Config, store: Any
                  ) -> list[tuple[str, str | None, str | None]]:
    """The citations one target (a file, or an archived post's id) holds."""
    from archiver.citations.verify import citations_of, split_reference_lines
    from archiver.pipeline import prepare_all

    if target == "-":  # references on standard input, one per line, like a .txt file
        return [(line, f"-:{n}", None) for n, line in split_reference_lines(_stdin_text())]
    path = Path(target)
    if not path.is_file():
        if path.exists() or _looks_like_a_path(target):
            raise InputError("no such file, and no post with that id", path=target)
        if store is None:  # an unknown post id, as for `show`: a usage error (exit 2)
            raise NotFound(f"no post with id {target!r}: no archive here yet",
                           path=config.archive, hint="no file has that name either; run "
                           "`archiver ingest PATH --archive DIR` to archive posts")
        object_id = resolve_id(store, target)
        record = store.read_json(object_id, "record.json")
        return [(text, where, object_id) for text, where in citations_of(record)]
    suffix = path.suffix.lower()
    if suffix == ".txt":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text (byte {exc.start})", path=path) from None
        except OSError as exc:  # this input, not the archive: bad input (exit 4)
            raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
        return [(line, f"{path}:{n}", None)
                for n, line in split_reference_lines(text)]
    if suffix == ".bib":
        from archiver.citations.bib import references_from_bibtex
        return [(text, f"{path}:{key}", None) for key, text in references_from_bibtex(path)]
    return [(text, f"{path}#{where}", None)
            for prepared in prepare_all(path, config.with_overrides(fetch=False), validate=False)
            for text, where in citations_of(prepared.record)]


def _input_errors(problems: list[ArchiverError]) -> list[dict[str, Any]]:
    """The inputs that could not be read, for the reports a CI job keeps (stderr is gone by
    the time someone asks why the build failed)."""
    return [{"input": str(p.path) if p.path else None, "message": p.message, "hint": p.hint}
            for p in problems]


def _keep_results(store: Any, items: list[tuple[str, str | None, str | None]],
                  results: list[Any]) -> dict[str, str]:
    """Store each archived post's results in its object (a version only on change); the
    key each cited work (DOI, lower case) has in the archive."""
    from archiver.index import load_index
    from archiver.verified import CitedKeys, store_citations

    by_post: dict[str, list[Any]] = {}
    for (_text, _where, post), result in zip(items, results, strict=True):
        if post:
            by_post.setdefault(post, []).append(result)
    if not by_post or store is None:
        return {}
    with store.writer():
        keys = CitedKeys(load_index(store), store)
        for post, post_results in by_post.items():
            store_citations(store, post, post_results, keys)
    return keys.by_doi


def _report(items: list[tuple[str, str | None, str | None]], results: list[Any],
            keys: dict[str, str] | None = None) -> dict[str, Any]:
    """The verify report (schemas/verify-report.schema.json), each citation with its post,
    and an archived post's cited work with its key in exports (``keys``, by DOI)."""
    from archiver.citations.verify import report

    document = report(results)
    for (_text, _where, post), entry in zip(items, document["citations"], strict=True):
        if post:
            entry["post"] = post
            work = (entry.get("evidence") or {}).get("work") or {}
            key = (keys or {}).get(str(work.get("DOI") or "").lower())
            if key:
                entry["key"] = key
    return document


def _verify_posts(config: Config, object_ids: list[str], quiet: bool, offline: bool = False
                  ) -> tuple[list[ExitCode], dict[str, Any]]:
    """``ingest --verify``: verify the citations of the posts just ingested (``offline``:
    from the cache only, as ``verify --offline``); the exit codes, and the report (as
    ``verify --json`` gives it, each citation with its post)."""
    from archiver.citations.verify import FAILING, STATUSES, summarise
    from archiver.render import shorten
    from archiver.store import Archive
    from archiver.verified import make_verifier

    # none ingested: there may be no archive (an ingest that archived nothing makes none)
    store = Archive.open(config.archive) if object_ids else None
    problems: list[ArchiverError] = []
    items = _verify_targets(object_ids, config, store, problems) if store else []
    if problems:  # the posts were just ingested: they can be read
        raise problems[0]
    results = make_verifier(config, offline=offline).verify_all([(t, w) for t, w, _ in items])
    keys = _keep_results(store, items, results)
    counts = summarise(results)
    if not quiet:
        err.print("citations: " + (", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
                                   or "none found"), markup=False)
        for result in results:
            if result.status in FAILING:
                err.print(f"  {result.status}: {shorten(result.text, 80)} ({result.reason})",
                          markup=False)
        _say_why_unresolved(results)
    document = _report(items, results, keys)
    statuses = {r.status for r in results}
    codes = [ExitCode.CITATION_WRONG] if statuses & FAILING else []
    return codes + ([ExitCode.UNCHECKED] if "unresolved" in statuses else []), document


def _say_why_unresolved(results: list[Any]) -> None:
    """The reason most citations went unchecked, said once under the counts: a run with
    Crossref out of reach must read as such, not as a list of citations gone wrong."""
    reasons = Counter(r.reason or "" for r in results if r.status == "unresolved")
    if not reasons:
        return
    reason, count = reasons.most_common(1)[0]
    total = sum(reasons.values())
    which = "all" if count == total else f"{count} of them"
    err.print(f"{total} citation(s) not checked (neither verified nor wrong); {which}: "
              f"{reason}", markup=False)


@app.command()
def verify(
    targets: list[str] = typer.Argument(None, metavar="ID|PATH",
                                        help="Archived post ids, post files or folders of "
                                             "them, .txt files of references (one per line; "
                                             "- reads them from standard input) or .bib "
                                             "files. Default: every archived post."),
    archive: Path | None = ArchiveOpt,
    crossref_url: str | None = typer.Option(None, "--crossref-url", metavar="URL",
                                            envvar="ARCHIVER_CROSSREF_URL", show_envvar=True,
                                            help="Crossref API (or a compatible server)."),
    mailto: str | None = typer.Option(None, "--mailto", metavar="EMAIL", envvar="ARCHIVER_MAILTO",
                                      help="Your e-mail: joins Crossref's polite pool "
                                           "(10 requests/s instead of 5)."),
    offline: bool = typer.Option(False, "--offline", help="Use only the cache; no network."),
    fail_on: str = typer.Option("mismatch,not_found", "--fail-on", metavar="STATUSES",
                                help="Statuses that make the exit code 1 (comma-separated; "
                                     "\"\" for none)."),
    junit_given: str | None = typer.Option(None, "--junit", metavar="FILE",
                                      help="Also write a JUnit XML report (- for stdout, "
                                           "in place of the report)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON "
                                                      "(schemas/verify-report.schema.json)."),
    quiet: bool = QuietOpt,
    show_traceback: bool = TracebackOpt,
) -> None:
    """Check cited works against Crossref, field by field.

    Exit 0 when every citation is verified (or ambiguous), 1 when one is wrong (mismatch or a
    DOI Crossref does not know), 3 when some could not be checked (Crossref unreachable),
    2 for a usage error, 4 when an input cannot be read, 5 for an archive problem, 130 when
    interrupted. Where several apply, 1 wins over 4, 4 over 5, 5 over 3.
    """
    from archiver.citations.verify import STATUSES
    from archiver.render import verify_junit, verify_text
    from archiver.store import Archive
    from archiver.verified import make_verifier

    with _errors(show_traceback):
        failing = {s.strip() for s in fail_on.split(",") if s.strip()}
        unknown = failing - set(STATUSES)
        if unknown:
            raise UsageError(f"--fail-on: unknown status {', '.join(sorted(unknown))}",
                             hint=f"statuses: {', '.join(STATUSES)}")
        # as typed: "./-" is a file named "-", which Path would make "-" again
        junit_out = junit_given == "-"  # the XML is the output
        junit = Path(junit_given) if junit_given is not None and not junit_out else None
        if junit_out and as_json:
            raise UsageError("--junit - and --json both write to standard output",
                             hint="give --junit a file name")
        if junit is not None and (junit.is_dir() or not junit.parent.is_dir()):
            # said before any citation is looked up, not after
            raise UsageError("--junit: " + ("a folder, not a file" if junit.is_dir()
                                            else "no such folder to write it in"), path=junit)
        config = _config(archive, crossref_url=crossref_url, mailto=mailto)
        store = None
        if (config.archive / "0=ocfl_1.1").is_file():
            store = Archive.open(config.archive)
        problems: list[ArchiverError] = []
        items = _verify_targets(list(targets or []), config, store, problems)
        for problem in problems:  # said first, and again in the exit code
            _fail(problem)
        verifier = make_verifier(config, offline=offline)
        progress = Progress(TextColumn("verify"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err, transient=True,
                            disable=quiet or as_json, redirect_stdout=False,
                            redirect_stderr=False)
        checked = [0]

        def one_more(_result: Any) -> None:
            checked[0] += 1
            progress.advance(task)

        with progress:
            task = progress.add_task("", total=len(items))
            try:
                results = verifier.verify_all([(text, where) for text, where, _ in items],
                                              on_result=one_more)
            except KeyboardInterrupt:
                progress.stop()
                err.print(f"interrupted after {checked[0]} of {len(items)} citation(s): no "
                          "result is kept or reported; Crossref's answers are cached, so "
                          "running the same command again goes faster", markup=False)
                raise typer.Exit(130) from None
        document = _report(items, results, _keep_results(store, items, results))
        unreadable = _input_errors(problems)
        if unreadable:
            document["errors"] = unreadable
        xml = (verify_junit(results, [post for _text, _where, post in items], unreadable)
               if junit or junit_out else b"")
        if junit is not None:
            try:
                junit.write_bytes(xml)
            except OSError as exc:
                raise UsageError(f"--junit: cannot write ({exc.strerror or exc})",
                                 path=junit) from None
        with _reader_may_leave():  # `| head`: the exit code below still says how it went
            if junit_out:
                sys.stdout.buffer.write(xml + b"\n")
                sys.stdout.flush()
            elif as_json:
                _emit_json(document)
            else:
                for line in verify_text(items, results):
                    typer.echo(line)
        if not as_json and not quiet:
            counts = document["summary"]
            err.print(", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
                      or "no citations found", markup=False)
            _say_why_unresolved(results)
        statuses = {r.status for r in results}
        codes = [problem.exit_code for problem in problems]  # 4 a bad file, 5 a damaged post
        if statuses & failing:
            codes.append(ExitCode.CITATION_WRONG)
        if "unresolved" in statuses:
            codes.append(ExitCode.UNCHECKED)
        raise typer.Exit(int(worst(codes)))


# -- export -------------------------------------------------------------------------------------

class ExportFormat(StrEnum):
    biblatex = "biblatex"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"
    html = "html"


@app.command()
def export(
    fmt: ExportFormat = typer.Argument(..., metavar="FORMAT",
                                       help="biblatex, bibtex, csl-json, ris, or html (an "
                                            "offline site of the archive; needs -o DIR)."),
    post_ids: list[str] = typer.Argument(None, metavar="ID",
                                         help="Posts to export (default: all)."),
    archive: Path | None = ArchiveOpt,
    cited: bool = typer.Option(False, "--cited", help="Also export the works the posts cite "
                                                     "(verified ones, from Crossref's record)."),
    only_cited: bool = typer.Option(False, "--only-cited", help="Export the cited works only."),
    include_unverified: bool = typer.Option(False, "--include-unverified",
                                            help="With --cited: also citations not verified, "
                                                 "marked as such in a note."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE "
                                                                  "(default: stdout)."),
    quiet: bool = QuietOpt,
    show_traceback: bool = TracebackOpt,
) -> None:
    """Export archived posts (and the works they cite) for reference managers.

    A post is @online in biblatex (@misc in plain BibTeX), post-weblog in CSL-JSON, BLOG in
    RIS; its citation key was given at ingest and never changes. An untitled post is titled by
    its first words; a deleted, blocked or unavailable post with no title, URL or account has
    nothing to cite and is skipped with a line on stderr (an error when asked for by id).
    Exit 0 when written, 2 for a usage error (an unknown id, or a post with nothing to cite
    given by id: nothing is written then), 5 for an archive problem.
    """
    from archiver.citations.parse import parse_reference
    from archiver.citations.verify import citations_of
    from archiver.export import export as write_export
    from archiver.export import uncitable_posts, works_of
    from archiver.index import known_works, load_index, taken_keys

    with _errors(show_traceback):
        if include_unverified and not (cited or only_cited):
            raise UsageError("--include-unverified only applies with --cited or --only-cited",
                             hint="add --cited to export the works the posts cite")
        if fmt is ExportFormat.html and (post_ids or cited or only_cited):
            raise UsageError("the html export writes the whole archive, with each post's "
                             "verified citations; ids and --cited/--only-cited are for the "
                             "bibliographic formats", hint="archiver export html -o DIR")
        store = _open_archive(archive)
        if fmt is ExportFormat.html:
            from archiver.export.site import build_site
            if output is None or str(output) == "-":
                raise UsageError("the html export needs an output folder (it writes a page "
                                 "per post, not one stream)", hint="archiver export html -o DIR")
            _check_site_folder(output)
            try:
                count = build_site(store, output, citations_of)
            except OSError as exc:
                raise UsageError(f"cannot write the site here ({exc.strerror or exc})",
                                 path=output, hint="give a folder you may write to") from None
            if not quiet:
                err.print(f"wrote {count} post page(s) and {output / 'index.html'}",
                          markup=False)
            return
        ids = [resolve_id(store, given) for given in post_ids] if post_ids else \
            store.object_ids()
        # a post asked for by id is refused before anything is written, not left out
        refused = uncitable_posts(store, ids) if post_ids and not only_cited else []
        if refused:
            object_id, reason = refused[0]
            raise UsageError(reason, path=object_id,
                             hint="`archiver show ID` shows what was recorded; leave the post "
                                  "out of the ids (exporting all posts skips it)")
        skipped: list[str] = []

        def on_skip(object_id: str, reason: str) -> None:
            # shown even with --quiet (no progress or summary): a post left out must be told
            skipped.append(object_id)
            err.print(f"skipped {object_id}: {reason}", markup=False)

        index = load_index(store)
        reserved = taken_keys(index)  # posts' and cited works' keys
        works = works_of(store, ids, posts=not only_cited, cited=cited or only_cited,
                         include_unverified=include_unverified, on_skip=on_skip,
                         parse=parse_reference, citations_in=citations_of, reserved=reserved,
                         known=known_works(index))
        if output is None or str(output) == "-":  # `-o -`: standard output, as is usual
            count = write_export(works, fmt.value, sys.stdout.write)
            output = None
        else:
            tmp = output.with_name(f".{output.name}.tmp")
            try:
                with open(tmp, "w", encoding="utf-8", newline="") as handle:
                    count = write_export(works, fmt.value, handle.write)
                tmp.replace(output)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise UsageError(f"cannot write: {exc.strerror}", path=output) from None
        if not quiet:
            err.print(f"exported {count} entr{'y' if count == 1 else 'ies'} as {fmt.value}"
                      + (f" to {output}" if output else "")
                      + (f"; skipped {len(skipped)} post(s) with nothing to cite"
                         if skipped else ""), markup=False)


# -- refs ---------------------------------------------------------------------------------------

refs_app = typer.Typer(cls=_Group, help="Work with reference strings.", no_args_is_help=True)
app.add_typer(refs_app, name="refs")


@refs_app.command("parse")
def refs_parse(
    source: str = typer.Argument("-", metavar="FILE|-",
                                 help="File with one reference string per line; - for stdin."),
    as_json: bool = typer.Option(False, "--json", help="One CSL-JSON item per input line "
                                                       "(JSON Lines; {} when nothing parsed)."),
    show_traceback: bool = TracebackOpt,
) -> None:
    """Parse reference strings (APA, MLA, Chicago, Vancouver, GB/T 7714…) into fields.

    Prints one line per reference (authors | year | title | journal | volume | issue | pages |
    DOI); with --json, one CSL-JSON item per line.
    """
    from archiver.citations.parse import csl_type, parse_reference

    with _errors(show_traceback):
        if source == "-":
            if sys.stdin.isatty():  # not waiting in silence for what the user may not know
                err.print("reading reference strings, one per line; end with Ctrl-D",
                          markup=False)
            lines = _stdin_text().splitlines()
        else:
            path = Path(source)
            try:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
            except FileNotFoundError:
                raise InputError("no such file", path=path) from None
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 text (byte {exc.start})", path=path) from None
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror}", path=path) from None
        for number, line in enumerate(lines, 1):
            item = parse_reference(line) if line.strip() else {}
            if as_json:
                # CSL-JSON requires an id and a type; {} stays {} (nothing parsed)
                _emit_json({"id": f"ref{number}", "type": csl_type(line, item), **item}
                           if item else item)
            else:
                typer.echo(_describe_item(item))


def _stdin_text() -> str:
    """Standard input as UTF-8 text, checked as a file is: bytes that are not UTF-8 are bad
    input, not text to read as best one can (Python's UTF-8 mode escapes them silently)."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path="standard input",
                         hint="convert it to UTF-8 first (iconv -t UTF-8)") from None


def _describe_item(item: dict[str, Any]) -> str:
    """The eight columns the help names, an empty one kept empty, so that each stays in its
    place (``cut -d'|' -f3`` is the title); --json is the form for programs."""
    if not item:
        return "(nothing parsed)"
    from archiver.export.formats import family_first

    authors = "; ".join(family_first(a) for a in item.get("author", []))
    year = (item.get("issued") or {}).get("date-parts", [[None]])[0][0]
    parts = [authors, f"({year})" if year else "", item.get("title", ""),
             item.get("container-title", ""), item.get("volume", ""),
             f"({item['issue']})" if item.get("issue") else "", item.get("page", ""),
             item.get("DOI", "")]
    return " | ".join(str(p) for p in parts).rstrip()


_VALUE_NAMES: dict[Any, str] = {Path: "PATH", str: "TEXT", int: "N", float: "NUMBER"}


def _commands(application: typer.Typer, callbacks: bool = False) -> Iterator[Any]:
    """Every command of ``application`` and of its groups (``refs parse``); with
    ``callbacks``, theirs too (the options given before a command: ``archiver --version``)."""
    for group in [application, *(g.typer_instance for g in application.registered_groups)]:
        yield from group.registered_commands
        if callbacks and group.registered_callback is not None:
            yield group.registered_callback


def _name_values(application: typer.Typer) -> None:
    """Help that names what an option takes as a person would (``--archive PATH``), and
    nothing for a flag, where typer would print the Python type (``<bool>``,
    ``<list[Path]>``). Metavars given where an option is declared are kept."""
    for command in _commands(application, callbacks=True):
        if getattr(command, "cls", _Group) in (None, TyperCommand):
            command.cls = _Command
        hints = typing.get_type_hints(command.callback)
        for name, parameter in inspect.signature(command.callback).parameters.items():
            info = parameter.default
            if not isinstance(info, OptionInfo | ArgumentInfo) or info.metavar is not None:
                continue
            hint = hints.get(name)
            if hint is bool:
                info.metavar = ""
                continue
            inner = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
            if typing.get_origin(hint) is list:
                inner = list(typing.get_args(hint))
            if len(inner) == 1 and inner[0] in _VALUE_NAMES:
                info.metavar = _VALUE_NAMES[inner[0]]


_name_values(app)


def _flow_help(application: typer.Typer) -> None:
    """Each command's help as paragraphs that wrap to the terminal: typer keeps the line
    breaks of a docstring, so a narrow terminal showed every source line broken in two."""
    for command in _commands(application):
        doc = command.help or inspect.getdoc(command.callback) or ""
        command.help = "\n\n".join(" ".join(paragraph.split())
                                    for paragraph in doc.split("\n\n"))


_flow_help(app)


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
            _gone(self._stream.fileno())
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            _gone(self._stream.fileno())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (click maps usage errors to exit 2)."""
    if sys.stderr is not None and not isinstance(sys.stderr, _QuietWhenGone):
        sys.stderr = _QuietWhenGone(sys.stderr)
    app(args=argv, prog_name="archiver")


if __name__ == "__main__":  # pragma: no cover
    main()
