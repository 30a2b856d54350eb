"""``archiver ingest``: saved posts into the archive, a line per post, a progress bar, and
the summary a person reads."""

from __future__ import annotations

import json
import posixpath
import re
import traceback
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import typer
from rich.text import Text

from archiver.background import usable_cores
from archiver.cli.base import (
    ArchiveOpt,
    JsonOpt,
    QuietOpt,
    TracebackOpt,
    app,
    config_for,
    err,
    fail,
    no_empty,
    progress_bar,
    reported_errors,
    stdout_gone,
    stdout_is_pipe,
    stdout_is_terminal,
    typed_options,
    verbose_option,
    writing_stdout,
)
from archiver.errors import (
    ExitCode,
    OutputError,
    ReadingBug,
    UsageError,
    worst,
)
from archiver.textfiles import on_screen, printable, shown_file_name

# the results that leave a post in the archive (failed and skipped ones do not)
ARCHIVED = frozenset({"added", "updated", "unchanged", "unavailable"})


# a warning about one image, the number apart from what is said of it: missing, or missing
# this time but kept from the version before
_IMAGE_MISSING = re.compile(r"image (\d+) ((?:missing: |not obtained this time ).*)", re.S)


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
    folders = 0  # given, holding no saved post: skipped, and counted apart from files
    archives = 0  # another archive inside a folder given: passed over
    for result in results:
        if result.status == "skipped" and result.kind == "folder":
            folders += 1
            continue
        if result.status == "skipped" and result.kind == "archive":
            archives += 1
            continue
        counts[result.status] = counts.get(result.status, 0) + 1
    posts = sum(n for status, n in counts.items() if status in ARCHIVED)
    parts = [f"{posts} post(s)" + (": " + ", ".join(
        f"{n} {status}" for status, n in sorted(counts.items()) if status in ARCHIVED)
        if posts else "")]
    if counts.get("skipped"):
        parts.append(f"{counts['skipped']} file(s) skipped (not saved posts)")
    if folders:
        parts.append(f"{folders} folder(s) with no saved post")
    if archives:
        parts.append(f"{archives} archive folder(s) passed over")
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
    Chinese character takes two), so that the count and the time are never what is cut; a
    line break or an escape sequence in it escaped (:func:`printable`), as in every line."""
    room = min(width - _BAR_COLUMNS, 40)
    if room < 8:
        return ""
    label = Text(printable(name))
    label.truncate(room, overflow="ellipsis")
    return label.plain


def grouped_warnings(warnings: Iterable[str]) -> list[str]:
    """Warnings as a person reads them: images missing for one reason (every image of a post
    ingested with --no-fetch) in one line, ``images 1–26 missing: not fetched: …``, and so
    images not obtained again but kept (``images 1–26 not obtained this time (…): v3's is
    kept``), and image files not found, each at one place of its own in one folder
    (``images 1–7 missing: file not found (looked for: images/1.jpeg to images/7.jpeg,
    …)``). The reasons are kept whole and in order; --json gives each image's own warning."""
    out: list[str] = []
    group: tuple[str, list[int], list[str]] | None = None
    for warning in warnings:
        match = _IMAGE_MISSING.fullmatch(warning)
        said, place = _reason_and_place(match.group(2)) if match else ("", "")
        if match and group is not None and group[0] == said and \
                posixpath.dirname(group[2][0]) == posixpath.dirname(place):
            group[1].append(int(match.group(1)))
            group[2].append(place)
            continue
        if group is not None:
            out.append(_image_group(*group))
            group = None
        if match:
            group = (said, [int(match.group(1))], [place])
        else:
            out.append(warning)
    if group is not None:
        out.append(_image_group(*group))
    return out


# a file not found, as assets.local says it (also inside "not obtained this time (…)"):
# the one place it was looked for, and the asset roots
_NOT_FOUND = re.compile(r"(?P<head>(?:missing: |not obtained this time \()file not found "
                        r"\(looked for: )(?P<place>[^;]*?)(?P<tail>; asset roots: [^;]*\).*)",
                        re.S)
_PLACES = "\0"  # where a group's places go in its reason


def _reason_and_place(said: str) -> tuple[str, str]:
    """A missing image's reason with the one place its file was looked for taken out (it
    differs from image to image: one image's file is not another's), and that place; a
    reason naming several places, or a note on one, is kept whole (grouped only with the
    very same reason)."""
    match = _NOT_FOUND.fullmatch(said)
    if match is None or " (cannot be looked up" in match["place"]:
        return said, ""
    return match["head"] + _PLACES + match["tail"], match["place"]


def _natural(name: str) -> list[tuple[int, str]]:
    """A file name's order as a person reads it: ``img/9.png`` before ``img/10.png``, and
    ``640.jpeg`` before ``640(1).jpeg`` (a browser's second copy of one name)."""
    return [(int(part), "") if part.isdecimal() else (-1 if part.startswith("(") else 1, part)
            for part in re.split(r"(\d+)", posixpath.splitext(name)[0]) if part]


def _image_group(said: str, numbers: list[int], places: list[str]) -> str:
    noun = "image" if len(numbers) == 1 else "images"
    if _PLACES in said:  # (each image's file looked for at its own place, in one folder)
        if len(set(places)) == 1:
            shown = places[0]
        elif len(set(places)) == len(places) and places == sorted(places, key=_natural):
            shown = (f"{places[0]} to {places[-1]}, {len(places)} files, each image's at "
                     "its own place")
        else:  # (a file named twice, or out of order: no range)
            folder = posixpath.dirname(places[0])
            shown = (f"{len(set(places))} files in {folder}/" if folder else
                     f"{len(set(places))} files beside the post")
        said = said.replace(_PLACES, shown)
    return f"{noun} {_numbers(numbers)} {said}"


@app.command()
def ingest(
    ctx: typer.Context,
    # not checked here: an unreadable or missing file fails alone, with its reason (exit 4),
    # while the other paths are ingested
    given: list[str] = typer.Argument(..., help="Saved posts, or folders to search for them.",
                                      metavar="PATH", show_default=False),
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
                                      "ingest (their size, times and inode), check every "
                                      "stored file of a post found unchanged against its "
                                      "digest, and put back a damaged one whose bytes the "
                                      "source still holds."),
    as_head: bool = typer.Option(False, "--as-head",
                                 help="Compare each post with its head version alone, "
                                      "not with the earlier versions that may hold it "
                                      "already: where a copy cut short made the head, give "
                                      "the whole save again with --as-head to make it the "
                                      "head. A save that says less than the head (without "
                                      "its scripts or images) still adds nothing; of a "
                                      "file's captures of one post, only the last is so "
                                      "compared. Every file is read (receipts not trusted)."),
    wait: bool = typer.Option(False, "--wait", help="Wait for another writer instead of "
                                                    "failing with exit 5."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, metavar="N",
                             help="Read and clean posts in N worker processes (a few files "
                                  "ahead; each post is still stored and reported in its "
                                  "turn): faster on a machine with more than one core. No "
                                  "more than the cores (two at least) or the files given."),
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
    verbose: bool = verbose_option(
        "which reader read each file, where each image came from or why it is missing, each "
        "request to an image server, each version committed"),
) -> None:
    """Ingest saved posts into the archive: one object per post, a new version only on change.

    Prints one line per post (with --json: one JSON object per line with id, version, status,
    source, title, kind, record, warnings; with --verify too, a last line holding the report
    verify --json gives). --verify checks the citations of each post's version ingested: a
    file found unchanged against an older version than the head is checked as that version
    holds it, and those results are reported, not kept.

    Exit 0 when every post is archived (added, updated or unchanged); 2 for a usage error,
    no saved post in the folders given, or output that cannot be written (whatever else the
    run found: every post is still archived); 4 if any input could not be read or is no
    saved post (the others are ingested); 5 for an archive problem (a post's object damaged:
    that post fails; the archive locked by another writer; not writable); with --verify, 1
    when a citation is wrong and 3 when some could not be checked; 130 when interrupted
    (Ctrl-C), 143 when ended by SIGTERM. Where several apply, 1 wins over 4, 4 over 5, 5
    over 3.
    """
    from archiver.cli.verify import verify_posts
    from archiver.pipeline import EMPTY_FOLDER_HINT, ingest_paths, start_workers
    from archiver.store import Archive

    with reported_errors(show_traceback, verbose, quiet):
        paths = [Path(value) for value in no_empty(given, "path")]
        if not verify_citations:
            # said before anything is written: the user meant to verify, or gave a wrong flag
            typed = typed_options(ctx, crossref_url=crossref_url, mailto=mailto,
                                   offline=offline)
            if typed:
                verb = "applies" if len(typed) == 1 else "apply"
                raise UsageError(f"{' and '.join(typed)} only {verb} with --verify",
                                 hint="add --verify to check the posts' citations as they are "
                                      "ingested, or leave " + " and ".join(typed) + " out")
        overrides: dict[str, Any] = {"fetch": False} if no_fetch else {}
        config = config_for(archive, crossref_url=crossref_url, mailto=mailto, **overrides)
        if asset_root:  # added to the configured roots; each flag's folder checked there
            config = config.with_overrides(
                asset_roots=tuple(config.asset_roots) + tuple(asset_root),
                sources={"asset_roots": "--asset-root"})
        # stdout is left alone (rich would send what is written to it to the bar's stderr:
        # `--json > out.jsonl` from a terminal would fill the terminal, not the file)
        # No bar when stdout goes to another program: `| tee log` writes the lines to the
        # terminal the bar is drawn on, where neither knows of the other.
        progress = progress_bar("ingest", quiet or stdout_is_pipe(), described=True)
        # When stdout is the terminal the bar is drawn on, a result line written to it would
        # land on the bar's line, and the bar's next redraw would erase it: such lines go
        # through the bar's console, which prints them above the bar.
        above_bar = not quiet and err.is_terminal and stdout_is_terminal()
        printing = [True]
        unwritten: list[OutputError] = []  # the results could not be written (exit 2)

        def say(line: str) -> None:
            if above_bar:
                err.out(line, highlight=False)
                return
            if not printing[0]:
                return
            try:
                with writing_stdout():
                    typer.echo(line)
            except BrokenPipeError:  # `| head`: the posts are ingested all the same
                stdout_gone()
                printing[0] = False
                if not quiet:
                    err.print("archiver: the program reading the results stopped reading; "
                              "ingesting goes on to the end", markup=False)
            except OutputError as problem:  # `> FILE` on a full disk: the output's failure,
                printing[0] = False  # not the archive's
                problem.hint = ("the posts are archived all the same, and ingesting goes on "
                                "to the end (`archiver list` shows them); send the output "
                                "(`> FILE`) where it can be written")
                unwritten.append(problem)
                fail(problem)

        reported: list[Any] = []
        counted: set[str] = set()  # the bar counts files; a WARC may give several posts

        empty_folders: list[Any] = []

        def on_result(result: Any) -> None:
            reported.append(result)
            if as_json:
                say(json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True))
            elif result.status != "skipped":
                title = on_screen(result.title or "")  # a record's title is one line
                where = " ".join(w for w in (result.object_id, result.version) if w) or "-"
                # the line names its file too: two saves of one post, or a post whose title
                # is not its file's name, are told apart without --json; an untitled post is
                # said so, as `list` says it (a file that failed gave no post: its path)
                shown = printable(shown_file_name(result.source))
                named = (printable(result.source) if not title and result.status == "failed"
                         else f"{title or '(untitled)'}  ← {shown}")
                say(f"{result.status:<11} {where}  {named}")
                for warning in grouped_warnings(result.warnings):
                    if not quiet:  # named: stdout may be a file, or the post a WARC's
                        err.print(f"  warning: {printable(shown_file_name(result.source))}: "
                                  f"{printable(warning)}", markup=False)
            if result.status == "skipped" and result.kind == "folder":
                empty_folders.append(result)  # said once the run is over, if it goes on
            elif result.status == "skipped":
                if not quiet:
                    err.print(f"  skipped {printable(result.source)}: "
                              f"{printable(result.error.message)}", markup=False)
            elif result.error is not None:
                if show_traceback and isinstance(result.error, ReadingBug) and \
                        result.error.__cause__ is not None:
                    cause = result.error.__cause__
                    err.print("".join(traceback.format_exception(cause)).rstrip(),
                              markup=False, highlight=False)
                fail(result.error)
            progress.update(task, advance=0 if result.source in counted else 1,
                            description=_bar_label(Path(result.source).name, err.width))
            counted.add(result.source)

        # the workers start before the bar's thread does (forked from a process running no
        # other thread, they start at once); no more of them than cores (reading and cleaning
        # a post is work for a core; two on one core still read while the other waits for its
        # writes to reach the disk), nor than the files given where no folder is (one file, a
        # WARC of many posts too, is read whole by one process)
        cores = max(2, usable_cores())
        most = cores if any(p.is_dir() for p in paths) else min(cores, len(paths))
        if jobs > most:
            if not quiet and (most > 1 or jobs > cores):
                err.print(f"  note: --jobs {jobs}: {most} process(es), no more than the "
                          f"{'cores here' if most == cores else 'files given'}", markup=False)
            jobs = most
        with (start_workers(jobs) if jobs > 1 else nullcontext()) as pool, progress:
            task = progress.add_task("", total=None)  # until the folders are walked
            try:
                results = ingest_paths(
                    paths, config, on_result=on_result, wait=wait, refresh=refresh, jobs=jobs,
                    pool=pool, as_head=as_head,
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
            files = sum(r.kind not in ("folder", "archive") for r in results)
            archives = sum(r.kind == "archive" for r in results)
            said = [f"{files} other file(s)"] if files else []
            said += [f"{archives} archive folder(s)"] if archives else []
            skipped = (f" ({' and '.join(said)} skipped, named above)"
                       if said and not quiet else "")
            hint = EMPTY_FOLDER_HINT
            folders = [r.error for r in results if r.kind == "folder" and r.error is not None]
            if len(paths) == 1 and folders:  # the folder's own reason, named as ever
                raise UsageError(folders[0].message + skipped, path=paths[0],
                                 hint=folders[0].hint)
            if len(paths) == 1:  # named as every error about one input is
                raise UsageError("no saved posts in this folder" + skipped, path=paths[0],
                                 hint=hint)
            named = ", ".join(str(p) for p in paths[:3]) + (  # (escaped where it is said)
                f" and {len(paths) - 3} more" if len(paths) > 3 else "")
            raise UsageError(f"no saved posts found in the given paths ({named})" + skipped,
                             hint=hint)
        for result in empty_folders:  # even with -q: a wrong folder in a batch is told
            err.print(f"  skipped {printable(result.source)}: "
                      f"{printable(result.error.message)}", markup=False)
        if not quiet:
            folder = printable(str(config.archive))
            where = (f" → {folder}" if Archive.declared(config.archive)
                     else f"; nothing archived, so {folder} was not made an archive"
                     if config.archive.exists()
                     else f"; nothing archived, so {folder} was not created")
            err.print(ingest_summary(results) + where, markup=False)
        codes = [r.error.exit_code if r.error is not None else ExitCode.BAD_INPUT
                 for r in results if r.status == "failed"]
        if verify_citations:
            posts = sorted({(r.object_id, r.version, r.source, r.status == "unchanged")
                            for r in results if r.object_id and r.version})
            verdicts, document = verify_posts(config, posts, quiet, offline=offline, wait=wait)
            codes += verdicts
            if as_json:  # the last line: the report `verify --json` gives
                say(json.dumps(document, ensure_ascii=False, sort_keys=True))
        if unwritten:  # whatever else happened: the results asked for are not all there
            raise typer.Exit(int(unwritten[0].exit_code))
        raise typer.Exit(int(worst(codes)))
