"""Reading the archive: ``list``, ``show``, ``log``, ``diff`` and ``fsck``."""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import quote

import typer
from rich.cells import cell_len

from archiver.cli.base import (
    ID_HELP,
    ArchiveOpt,
    JsonOpt,
    QuietOpt,
    TracebackOpt,
    app,
    emit_json,
    err,
    fail,
    index_rebuilt_said,
    left_out_damaged,
    open_archive,
    progress_bar,
    reported_errors,
    resolve_id,
    stdout_gone,
    typed_options,
    verbose_option,
    writing_stdout,
)
from archiver.errors import (
    ArchiveError,
    DamagedObject,
    ExitCode,
    NotFound,
    UsageError,
)
from archiver.history import ABSENT, diff_versions, same_instant, version_name
from archiver.model import KINDS, NEVER_VERIFIED, STATUSES
from archiver.textfiles import on_screen, on_terminal, printable

# -q as every command takes it: these print no progress bar or summary on stderr to hide
QuietReadOpt = typer.Option(False, "--quiet", "-q", help="Accepted as every command accepts "
                                                         "it: this one writes nothing on stderr "
                                                         "but errors in any case.")


class Format(StrEnum):
    json = "json"
    markdown = "markdown"
    text = "text"


# the values of list's --citations and --kind, as the model names them
CitationsFilter = StrEnum("CitationsFilter", [(s, s) for s in (*STATUSES, NEVER_VERIFIED)])
KindFilter = StrEnum("KindFilter", [(kind.replace("-", "_"), kind) for kind in KINDS])


@app.command(name="list")
def list_posts(
    archive: Path | None = ArchiveOpt,
    account: str | None = typer.Option(
        None, "--account", metavar="TEXT",
        help="Only posts whose account's name contains TEXT (case and full-width letters "
             "aside)."),
    kind: KindFilter | None = typer.Option(None, "--kind", help="Only posts of this kind."),
    since: str | None = typer.Option(
        None, "--since", metavar="DATE",
        help="Only posts published on or after DATE (2020, 2020-10 or 2020-10-02; the date "
             "in Beijing time, as listed). A post with no publish date is left out."),
    until: str | None = typer.Option(
        None, "--until", metavar="DATE",
        help="Only posts published on or before DATE (--until 2020: all of 2020)."),
    citations: CitationsFilter | None = typer.Option(
        None, "--citations", metavar="STATUS",
        help="Only posts whose kept verification gives some citation this status "
             "(verified, mismatch, not_found, unresolved, ambiguous); none: the posts with "
             "no kept verification (never verified, verified only while Crossref could not "
             "be reached, or citing nothing)."),
    as_json: bool = JsonOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="Accepted as every command accepts it: list writes no "
                                    "progress or summary on stderr in any case, and still says "
                                    "when posts cannot be read and are left out, as errors "
                                    "are said."),
    show_traceback: bool = TracebackOpt,
    verbose: bool = verbose_option(),
) -> None:
    """List the posts in the archive: id, latest version, date, account, citations and title.

    The citations column says how the post's kept verification came out (3 verified,
    1 mismatch; a citation added since, unresolved), or - when none is kept (never
    verified, Crossref out of reach, or no citation in it). The filters combine: every one
    given must hold.
    """
    from archiver.clean.metadata import one_line
    from archiver.export.works import beijing_date, shown_title
    from archiver.listing import PostFilter, citations_shown, date_bound

    with reported_errors(show_traceback, verbose, quiet):
        if account is not None and not account.strip():
            raise UsageError("--account is empty: it would match every post",
                             hint="give a part of the account's name, or leave --account out")
        wanted = PostFilter(
            account=account, kind=kind.value if kind else None,
            since=date_bound(since, "--since") if since is not None else None,
            until=date_bound(until, "--until") if until is not None else None,
            citations=citations.value if citations else None)
        store = open_archive(archive)
        every = _every_post(store, "listed", hidden=quiet or as_json)
        index = {object_id: entry for object_id, entry in every.items()
                 if wanted.matches(entry)}
        if as_json:
            with writing_stdout():
                for object_id in sorted(index):  # every post's aliases, [] when it has none,
                    entry = index[object_id]  # its cited works' keys, {} when none, and its
                    emit_json({"id": object_id, **entry,  # date as shown and filtered
                               "aliases": entry.get("aliases") or [],
                               "cited": entry.get("cited") or {},
                               "date": beijing_date(entry.get("published"))})
            return
        # one line per post (an account or an earlier record's title may hold a line break or
        # a control character), columns aligned in terminal cells (a Chinese character: two)
        ids = max((len(i) for i in index), default=0)
        shown = {i: on_screen(one_line(e.get("account") or "-")) or "-"
                 for i, e in index.items()}
        accounts = min(max((cell_len(a) for a in shown.values()), default=0), 24)
        checked = {i: citations_shown(e.get("citations")) for i, e in index.items()}
        width = max((len(c) for c in checked.values()), default=0)
        with writing_stdout():
            for object_id in sorted(index):
                entry = index[object_id]
                date = beijing_date(entry.get("published")) or "-" * 10
                title = on_screen(one_line(shown_title(entry)))
                account = shown[object_id] + " " * max(0, accounts - cell_len(shown[object_id]))
                typer.echo(f"{object_id:<{ids}}  {entry['head']:<4} {date:<10}  {account}  "
                           f"{checked[object_id]:<{width}}  {title}")


@app.command()
def show(
    ctx: typer.Context,
    post_id: str = typer.Argument(..., metavar="ID", help=ID_HELP),
    version: str | None = typer.Option(None, "--version", "-v", metavar="VERSION",
                                       help="Version, e.g. v1 (default: the latest)."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    archive: Path | None = ArchiveOpt,
    as_json: bool = typer.Option(False, "--json", help="Print the record as JSON "
                                                      "(same as --format json)."),
    quiet: bool = QuietReadOpt,
    show_traceback: bool = TracebackOpt,
    verbose: bool = verbose_option(),
) -> None:
    """Show one archived post."""
    from archiver.render import record_markdown, record_text

    with reported_errors(show_traceback, verbose, quiet):
        if as_json and fmt is not Format.json and typed_options(ctx, fmt=fmt):
            raise UsageError(f"--json prints the record as JSON; it contradicts --format {fmt}",
                             hint="give one of them")
        store = open_archive(archive)
        object_id = resolve_id(store, post_id, hidden=quiet or as_json)
        numbers = [v.number for v in store.versions(object_id)]
        number = version_name(version, numbers) if version is not None else None
        record = store.read_json(object_id, "record.json", number)
        shown = f"{number or numbers[-1]} of {len(numbers)}"  # the record does not say which
        damaged: list[DamagedObject] = []
        if as_json or fmt is Format.json:
            text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        elif fmt is Format.markdown:
            # its images where they lie, in the archive as named, written as a URL's path
            # (an object's folder holds "%3a": read as an escape, it would name another)
            stored = store.content_paths(object_id, number)
            text = record_markdown(record, shown, lambda logical: quote(str(
                stored.get(logical) or store.content_path(object_id, logical, number))),
                seen=_seen(store, object_id, number, damaged))
        else:
            text = record_text(record, shown, seen=_seen(store, object_id, number, damaged))
        with writing_stdout():
            sys.stdout.write(text)
        if damaged:
            raise damaged[0]


def _seen(store: Any, object_id: str, number: str | None, damaged: list[DamagedObject]
          ) -> list[tuple[str, str]]:
    """When the version's source was captured or fetched, as its provenance says (a version
    with no provenance says nothing). A damaged provenance is added to ``damaged``: the
    record, whole, is still shown, and the damage said after it."""
    from archiver.export.fields import seen_lines

    try:
        return seen_lines(store.read_json(object_id, "provenance.json", number))
    except NotFound:
        return []
    except DamagedObject as problem:
        damaged.append(problem)
        return []


@app.command()
def log(
    post_id: str | None = typer.Argument(
        None, metavar="ID", help=ID_HELP + " Without one: every version of every post in "
                                           "the archive."),
    archive: Path | None = ArchiveOpt,
    since: str | None = typer.Option(
        None, "--since", metavar="DATE",
        help="Only versions made on or after DATE (2026, 2026-11 or 2026-11-25; UTC, as "
             "version times are kept)."),
    as_json: bool = JsonOpt,
    quiet: bool = QuietReadOpt,
    show_traceback: bool = TracebackOpt,
    verbose: bool = verbose_option(),
) -> None:
    """Show the version history of one post, newest first (with --json, an object whose
    "versions" list is in version order, oldest first); without an ID, of the whole archive:
    each version of each post, newest first (with --json, one object per line)."""
    from archiver.listing import date_bound

    with reported_errors(show_traceback, verbose, quiet):
        bound = date_bound(since, "--since") if since is not None else None

        def wanted(version: Any) -> bool:
            return bound is None or version.created[:len(bound)] >= bound

        store = open_archive(archive)
        if post_id is None:
            _archive_log(store, wanted, as_json, hidden=quiet or as_json)
            return
        object_id = resolve_id(store, post_id, hidden=quiet or as_json)
        versions = [v for v in store.versions(object_id) if wanted(v)]
        with writing_stdout():
            if as_json:
                emit_json({"id": object_id, "versions": [_version_json(v) for v in versions]})
                return
            for v in reversed(versions):
                # the message names the file ingested: a line break in it is escaped
                typer.echo(f"{v.number:<4} {v.created}  {printable(v.message or '')}  "
                           f"({len(v.state)} files)")


def _version_json(version: Any) -> dict[str, Any]:
    """A version as ``log --json`` gives it, for one post or the whole archive."""
    return {"version": version.number, "created": version.created, "message": version.message,
            "user": version.user, "files": len(version.state)}


def _every_post(store: Any, left_out_of: str, unreadable: list[str] | None = None,
                hidden: bool = False) -> dict[str, Any]:
    """The list index of every post in the archive, rebuilt if it names fewer; the posts
    that cannot be read are said to be left out (of what is ``listed``, or ``in the log``),
    even with --json: an answer about the whole archive that leaves posts out must say so.
    ``unreadable``, when given, is told which objects they are. A rebuild of the index is
    said as it runs, unless ``hidden`` (:func:`index_rebuilt_said`)."""
    from archiver.index import load_index

    unreadable = [] if unreadable is None else unreadable
    index = load_index(store, unreadable, complete=True,
                       rebuilding=index_rebuilt_said(hidden))
    if unreadable:
        err.print(f"archiver: warning: {len(unreadable)} object(s) of the archive cannot be "
                  f"read and are not {left_out_of}: run `archiver fsck`", markup=False)
    return index


def _archive_log(store: Any, wanted: Callable[[Any], bool], as_json: bool,
                 hidden: bool = False) -> None:
    """``log`` without an id: every post's versions, newest first (ties by id, then number).
    A post whose object is damaged (its inventory gone or altered) is named on stderr and
    left out, the others' history printed, and the command exits 5: one damaged object must
    not hide the history of every other (as ``export`` of the whole archive does)."""
    made = []
    damaged: list[DamagedObject] = []
    unreadable: list[str] = []  # said by _every_post, and exit 5 as for a damaged one
    for object_id in sorted(_every_post(store, "in the log", unreadable, hidden)):
        try:
            versions = store.versions(object_id)
        except DamagedObject as problem:
            damaged.append(problem)
            fail(problem)
            continue
        made += [(v, object_id) for v in versions if wanted(v)]
    made.sort(key=lambda item: (item[0].created, item[1], int(item[0].number[1:])),
              reverse=True)
    width = max((len(object_id) for _, object_id in made), default=0)
    with writing_stdout():
        for v, object_id in made:
            if as_json:
                emit_json({"id": object_id, **_version_json(v)})
            else:
                typer.echo(f"{v.created}  {object_id:<{width}}  {v.number:<4} "
                           f"{printable(v.message or '')}  ({len(v.state)} files)")
    if damaged:
        left_out_damaged(len(damaged))
    if damaged or unreadable:
        raise typer.Exit(int(ExitCode.ARCHIVE))


def _shown_value(value: Any) -> str:
    """A field's value as ``diff`` prints it: JSON (its line breaks and controls escaped),
    each character that would reorder the screen escaped too, as ``show`` and ``list`` do."""
    return "(none)" if value is ABSENT else on_terminal(json.dumps(value, ensure_ascii=False))


@app.command()
def diff(
    post_id: str = typer.Argument(..., metavar="ID", help=ID_HELP),
    old: str | None = typer.Argument(None, metavar="VA",
                                     help="Older version, e.g. v1 (or 1). Default: the one "
                                          "before the head."),
    new: str | None = typer.Argument(None, metavar="VB",
                                     help="Newer version, e.g. v2. Default: the head."),
    archive: Path | None = ArchiveOpt,
    as_json: bool = JsonOpt,
    quiet: bool = QuietReadOpt,
    show_traceback: bool = TracebackOpt,
    verbose: bool = verbose_option(),
) -> None:
    """Show what changed between two versions of a post (fields, body, files).

    `archiver diff ID` shows its last change; `archiver diff ID v1` what changed since v1.
    """
    with reported_errors(show_traceback, verbose, quiet):
        store = open_archive(archive)
        object_id = resolve_id(store, post_id, hidden=quiet or as_json)
        result = diff_versions(store, object_id, old, new)
        with writing_stdout():
            _print_diff(result, as_json)


# characters of an unchanged stretch shown on each side of a change inside a changed line
_AROUND = 20


def _shortened(body: list[str]) -> list[str]:
    """The body's diff as the text shows it: a long paragraph with one word changed is its
    removed and added lines, each with the unchanged stretches away from the change cut to
    ``…`` (a Chinese paragraph is one line of hundreds of characters, in which the change
    was hard to find). Only a line paired with the one that replaced it, most of it the
    same; a long line of context is its opening, which names it. ``--json`` gives every
    line whole."""
    out = body[:2]  # the headers, --- VA and +++ VB
    i = 2
    while i < len(body):
        j = i
        while j < len(body) and body[j].startswith("-"):
            j += 1
        k = j
        while k < len(body) and body[k].startswith("+"):
            k += 1
        if j == i:  # context, or lines only added, or a hunk's header
            if k == i:
                line = body[i]
                out.append(line[:2 * _AROUND + 1] + "…" if line.startswith(" ")
                           and len(line) > 4 * _AROUND else line)  # its opening names it
                k += 1
            else:
                out += body[i:k]
            i = k
            continue
        removed, added = body[i:j], body[j:k]
        if len(removed) == len(added):
            pairs = [_cut_alike(old[1:], new[1:]) for old, new in zip(removed, added,
                                                                      strict=True)]
            removed = ["-" + old for old, _ in pairs]
            added = ["+" + new for _, new in pairs]
        out += removed + added
        i = k
    return out


# the longest stretch between a line's first and last change that is compared character by
# character (the comparison's cost grows with the square of its length)
_COMPARED = 1_000


def _cut_alike(old: str, new: str) -> tuple[str, str]:
    """Two versions of one line, each with the long stretches they share cut to ``…`` but
    for :data:`_AROUND` characters beside each change; lines short or mostly different are
    given whole. What they share at their start and end is found in one pass; only a
    stretch between two changes of at most :data:`_COMPARED` characters is compared
    character by character (cut between its changes too), a longer one shown whole."""
    if max(len(old), len(new)) <= 4 * _AROUND:
        return old, new
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_middle, new_middle = old[head:len(old) - tail], new[head:len(new) - tail]
    if max(len(old_middle), len(new_middle)) <= _COMPARED:
        opcodes = difflib.SequenceMatcher(None, old_middle, new_middle,
                                          autojunk=False).get_opcodes()
        shared = head + tail + sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag == "equal")
        if shared * 2 < max(len(old), len(new)):  # mostly different: both whole
            return old, new
    else:  # (its opening and its end cut, the rest shown as it is)
        opcodes = [("replace", 0, len(old_middle), 0, len(new_middle))]
    opcodes = [("equal", 0, head, 0, head)] + [
        (tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in opcodes] \
        + [("equal", len(old) - tail, len(old), len(new) - tail, len(new))]
    cut_old, cut_new = [], []
    last = len(opcodes) - 1
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "equal":
            cut_old.append(old[i1:i2])
            cut_new.append(new[j1:j2])
            continue
        same = old[i1:i2]
        keep_before = 0 if n == 0 else _AROUND  # after the change before it
        keep_after = 0 if n == last else _AROUND  # before the next change
        if len(same) > keep_before + keep_after + 1:
            same = same[:keep_before] + "…" + same[len(same) - keep_after:]
        cut_old.append(same)
        cut_new.append(same)
    return "".join(cut_old), "".join(cut_new)


def _print_diff(result: dict[str, Any], as_json: bool) -> None:
    """What :func:`diff_versions` found, as text or JSON, on standard output."""
    if as_json:
        emit_json(result)
        return
    # which versions are compared, said first: a diff of fields alone has no body header
    typer.echo(f"{result['id']}: {result['from']} → {result['to']}")
    for change in result["changes"]:
        old_value, new_value = change.get("old", ABSENT), change.get("new", ABSENT)
        same = " (the same instant)" if same_instant(old_value, new_value) else ""
        typer.echo(f"field {change['path']}: {_shown_value(old_value)} → "
                   f"{_shown_value(new_value)}{same}")
    for kind in ("added", "removed", "changed"):
        for path in result["files"][kind]:
            typer.echo(f"file {kind}: {printable(path)}")  # source/ holds a file as named
    for line in _shortened(result["body"]):
        typer.echo(on_terminal(line))
    for change in result.get("verification", []):
        typer.echo(_verdict_change(change))
    for number, why in result.get("verification_unread", {}).items():
        typer.echo(f"verification of {number} not compared: {printable(why)}")
    if not (result["fields"] or result["body"] or any(result["files"].values())):
        typer.echo("no differences")
    elif result["same_record"] and result.get("verification"):
        typer.echo("the records are the same: what differs is the verification of the post's "
                   "citations kept with it (archiver verify)")
    elif result["same_record"]:  # said, where the one changed file looked like a change
        typer.echo("the records are the same: only when and from what each version was made "
                   "differs")


def _verdict_change(change: dict[str, Any]) -> str:
    """One citation's verdict changed, as ``diff`` says it: where it is, the DOI cited (or
    the citation, cut), and each side's verdict (``no verdict kept`` on a side that kept
    none)."""
    from archiver.citations.notices import describe
    from archiver.clean.metadata import one_line
    from archiver.render import shorten

    def verdict(side: dict[str, Any] | None) -> str:
        if side is None:
            return "no verdict kept"
        reason = f" ({one_line(side['reason'])})" if side.get("reason") else ""
        notices = "".join(f"; notice: {one_line(describe(n))}" for n in side.get("notices", []))
        return f"{side['status']}{reason}{notices}"

    cited = change["doi"] or shorten(one_line(change["text"]), 60)
    where = f" at {printable(change['location'])}" if change["location"] else ""
    return (f"citation{where} {printable(cited)}: {verdict(change.get('old'))} → "
            f"{verdict(change.get('new'))}")


def _checked_with_progress(store: Any, quiet: bool) -> Any:
    """``check_archive`` with a progress bar on stderr for each of its passes (the digests of
    every object, then each post's documents against the schemas): a large archive takes
    minutes. No bar with ``quiet`` (``-q``, ``--json``) or where none can be drawn."""
    from archiver.fsck import Checked, check_archive

    progress = progress_bar("fsck {task.description}", quiet)
    tasks: dict[str, Any] = {}

    def advance(step: Checked) -> None:
        if step.stage not in tasks:
            for task in tasks.values():
                progress.update(task, visible=False)
            tasks[step.stage] = progress.add_task(step.stage, total=step.total)
        progress.advance(tasks[step.stage])

    with progress:
        return check_archive(store, advance)


_RESTORE = "restore a damaged object from a copy"
# ... and where a file or folder is none of its object's (no manifest names it)
_STRAY = "move the files that no manifest names out of the archive (keep them elsewhere)"
# ... and where a stored file's bytes changed (a digest that does not match)
FSCK_HINT = (f"{_RESTORE}; a post's stored file whose bytes its source still holds (the saved "
             "page, its images, the record) is put back by `archiver ingest --refresh` on "
             "that source")


@app.command()
def fsck(
    archive: Path | None = ArchiveOpt,
    as_json: bool = JsonOpt,
    quiet: bool = QuietOpt,
    show_traceback: bool = TracebackOpt,
    verbose: bool = verbose_option("each object checked"),
) -> None:
    """Check the archive: every digest recomputed, OCFL structure, records against the schemas.

    Exit 5 if anything is wrong.
    """
    from archiver.store import FsckReport, Problem

    with reported_errors(show_traceback, verbose, quiet):
        try:
            store = open_archive(archive)
        except ArchiveError as exc:  # the storage root itself is damaged, or none
            if as_json:  # a script reading the report still gets one, saying so
                with writing_stdout():
                    emit_json(FsckReport(problems=[Problem(str(exc.path or ""), exc.message)])
                              .to_json())
            raise
        report = _checked_with_progress(store, quiet or as_json)
        try:
            with writing_stdout():
                if as_json:
                    emit_json(report.to_json())
                else:
                    for problem in report.problems:
                        typer.echo(f"{printable(problem.path)}: {printable(problem.message)}")
        except BrokenPipeError:  # `fsck | head -1`: the exit code still says what was found
            stdout_gone()
            raise typer.Exit(0 if report.ok else int(ExitCode.ARCHIVE)) from None
        if not as_json and not quiet:
            for warning in report.warnings:  # allowed by OCFL, advised against: not data
                err.print(f"warning: {printable(warning.path)}: {printable(warning.message)}",
                          markup=False)
            state = "ok" if report.ok else f"{len(report.problems)} problem(s)"
            if report.warnings:
                state += f" ({len(report.warnings)} warning(s))"
            finished = report.recovered - report.discarded
            recovered = "".join((
                f", {finished} interrupted write(s) finished" if finished else "",
                f", {report.discarded} interrupted write(s) discarded (never complete: no "
                "version of theirs is in the archive)" if report.discarded else ""))
            if report.read_only:
                recovered += " (read-only here: an interrupted write would not be rolled " \
                             "forward)"
            err.print(f"fsck: {report.objects} object(s), {report.files} file(s): "
                      f"{state}{recovered}", markup=False)
            if not report.ok:
                changed = any(problem.changed for problem in report.problems)
                hints = [FSCK_HINT if changed else _RESTORE] if not all(
                    problem.stray for problem in report.problems) else []
                if any(problem.stray for problem in report.problems):
                    hints.append(_STRAY)
                err.print(f"  hint: {'; '.join(hints)}", markup=False)
        if not report.ok:
            raise typer.Exit(int(ExitCode.ARCHIVE))
