"""``archiver export``: archived posts and the works they cite for reference managers
(BibLaTeX, BibTeX, CSL-JSON, RIS), or the archive as an offline site."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import Progress

from archiver.cli.base import (
    ID_HELP,
    ArchiveOpt,
    QuietOpt,
    TracebackOpt,
    app,
    empty_option,
    err,
    fail,
    index_rebuilt_said,
    inside_an_archive,
    left_out_damaged,
    open_archive,
    output_file_problem,
    progress_bar,
    reported_errors,
    resolve_id,
    stdout_write,
    verbose_option,
    write_whole,
    writing_stdout,
)
from archiver.errors import (
    ArchiverError,
    DamagedObject,
    ExitCode,
    UsageError,
)
from archiver.model import SITE_GENERATOR
from archiver.model import post_ids as posts_of
from archiver.textfiles import printable

TYPE_CHECKING = False  # the export's modules are imported when it runs (start-up time)
if TYPE_CHECKING:
    from archiver.export.works import Work


class ExportFormat(StrEnum):
    biblatex = "biblatex"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"
    html = "html"


def _check_output_file(output: Path) -> None:
    """The export's file can be written where it is named: not a folder, in a folder that is
    there. Checked before anything is read, so that a long export does not end in an error."""
    problem = output_file_problem(output)
    if problem:
        raise UsageError(problem, path=output, hint="name the file to write, e.g. -o posts.bib"
                         if output.is_dir() else None)


def _check_site_folder(output: Path) -> None:
    """The html export writes index.html, posts/ and assets/ into ``output``: a new or empty
    folder, or one an earlier html export wrote. Anything else is refused before a byte is
    written, so that no one's own index.html is overwritten."""
    if output.exists() and not output.is_dir():
        raise UsageError("this is a file; the html export writes a folder", path=output,
                         hint="give a new or empty folder")
    blocking = next((folder for folder in output.parents
                     if folder.exists() and not folder.is_dir()), None)
    if blocking is not None:
        raise UsageError(f"no folder can be made here: {blocking} is a file", path=output,
                         hint="give a new or empty folder")
    inside = inside_an_archive(output)
    if inside:
        raise UsageError(inside, path=output, hint="give a new or empty folder")
    if output.is_dir() and os.path.ismount(output.resolve()):
        raise UsageError("this is a mount point (a disk's own folder): the site is written "
                         "beside the folder it replaces and moved into its place in one step, "
                         "which a mount point cannot be", path=output,
                         hint=f"give a folder inside it, e.g. -o {printable(str(output / 'site'))}")
    if not output.is_dir() or not any(output.iterdir()):
        return
    from archiver.export.site import SITE_MARK
    index = output / "index.html"
    try:  # its mark, or (a site written before the mark was) the generator its index names
        earlier = (output / SITE_MARK).is_file() or (output / "posts").is_dir() and \
            f'<meta name="generator" content="{SITE_GENERATOR}">'.encode() \
            in index.read_bytes()[: 1 << 12]
    except OSError:
        earlier = False
    if not earlier:
        raise UsageError("this folder holds other files, and no site an html export wrote"
                         + (": the export would overwrite its index.html" if index.exists()
                            else " (the export writes index.html, posts/ and assets/ in it)"),
                         path=output,
                         hint="give a new or empty folder, or one an earlier html export wrote "
                              "(a site written before its folders were marked, before "
                              "2026-12-01, is not known for one: delete it, or move it "
                              "aside, and export again)")


def _progress(quiet: bool, output: Path | None) -> Progress:
    """The bar an export draws on stderr, counting the posts (100k take minutes), writing to
    ``output`` (None: standard output). None is drawn with ``-q``, where stderr is no
    terminal, or where the entries go to a terminal or a program (``| tee``, ``-o
    /dev/stdout`` of either): on the terminal it would be drawn over them, and a program
    reading them may write them to the same terminal."""
    try:
        mode = os.fstat(1).st_mode if output is None else os.stat(output).st_mode
    except (OSError, ValueError):  # a file not written yet; stdout closed
        mode = 0
    shared = stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
    return progress_bar("export", quiet or shared)


def _site_refused(problem: DamagedObject, output: Path) -> DamagedObject:
    """A damaged object stops the html export, where the other formats leave it out: a site
    is written whole or not at all, and one missing a post would replace, in one step, an
    earlier site that had its page. Said so, with what to do."""
    hint = "; ".join(h for h in (problem.hint, "the bibliographic formats (biblatex, bibtex, "
                                 "csl-json, ris) export the readable posts meanwhile") if h)
    return DamagedObject(f"{problem.message}; the site is not written ({output} is as it "
                         "was): it holds every post or none", path=problem.path, hint=hint)


@app.command()
def export(
    fmt: ExportFormat = typer.Argument(..., metavar="FORMAT",
                                       help="biblatex, bibtex, csl-json, ris, or html (an "
                                            "offline site of the archive; needs -o DIR)."),
    post_ids: list[str] = typer.Argument(None, metavar="ID",
                                         help="Posts to export (default: all). "
                                              + ID_HELP),
    archive: Path | None = ArchiveOpt,
    cited: bool = typer.Option(False, "--cited", help="Also export the works the posts cite "
                                                     "(verified ones, from Crossref's record)."),
    only_cited: bool = typer.Option(False, "--only-cited", help="Export the cited works only."),
    include_unverified: bool = typer.Option(False, "--include-unverified",
                                            help="With --cited or --only-cited: also citations not "
                                                 "verified, marked as such in a note."),
    output_given: str | None = typer.Option(None, "--output", "-o", metavar="PATH",
                                            help="Write to the file PATH (default: stdout); "
                                                 "for html, the folder PATH (required)."),
    quiet: bool = QuietOpt,
    show_traceback: bool = TracebackOpt,
    verbose: bool = verbose_option(),
) -> None:
    """Export archived posts (and the works they cite) for reference managers.

    A post is @online in biblatex (@misc in plain BibTeX), post-weblog in CSL-JSON, BLOG in
    RIS; its citation key was given at ingest and never changes. An untitled post is titled by
    its first words; a deleted, blocked or unavailable post with no title, URL or account has
    nothing to cite and is skipped with a line on stderr (an error when asked for by id).
    Exit 0 when written, 2 for a usage error (an unknown id, or a post with nothing to cite
    given by id: nothing is written then) or an output that cannot be written, 5 for an
    archive problem: exporting the whole archive, a damaged post is named and left out and
    the others written (exit 5 all the same); given by id, or for html, it stops the export.
    """
    from archiver.bibliography import archive_works
    from archiver.citations.verify import citations_of
    from archiver.export import export as write_export
    from archiver.export import uncitable_posts

    with reported_errors(show_traceback, verbose, quiet):
        # as typed: Path("") would be the working folder
        empty_option("-o (--output)", "give the file to write, or - for standard output (for "
                                      "html, the folder to write)", output_given)
        output = Path(output_given) if output_given is not None else None
        if cited and only_cited:  # one says "posts and works", the other "works alone"
            raise UsageError("--cited and --only-cited contradict each other",
                             hint="--cited exports the posts and the works they cite; "
                                  "--only-cited the works alone: give one of them")
        if include_unverified and not (cited or only_cited):
            raise UsageError("--include-unverified only applies with --cited or --only-cited",
                             hint="add --cited to export the works the posts cite")
        if fmt is ExportFormat.html and (post_ids or cited or only_cited):
            raise UsageError("the html export writes the whole archive, with each post's "
                             "verified citations; ids and --cited/--only-cited are for the "
                             "bibliographic formats", hint="archiver export html -o DIR")
        store = open_archive(archive)
        if fmt is ExportFormat.html:
            from archiver.export.site import build_site
            if output is None or str(output) == "-":
                raise UsageError("the html export needs an output folder (it writes a page "
                                 "per post, not one stream)", hint="archiver export html -o DIR")
            _check_site_folder(output)
            progress = _progress(quiet, output)
            task = progress.add_task("", total=None)
            try:
                kept: list[str] = []
                with progress:
                    count = build_site(store, output, citations_of, lambda _id, total: (
                        progress.update(task, total=total, advance=1)), kept.append)
            except DamagedObject as problem:
                raise _site_refused(problem, output) from None
            except OSError as exc:
                raise UsageError(f"cannot write the site here ({exc.strerror or exc})",
                                 path=output, hint="give a folder you may write to") from None
            except KeyboardInterrupt:
                err.print(f"interrupted: {printable(str(output))} is not written (a site "
                          "there before is as it was)", markup=False)
                raise typer.Exit(130) from None
            if not quiet:
                index = printable(str(output / "index.html"))
                err.print(f"wrote {count} post page(s) and {index}", markup=False)
                if kept:  # (the files beside the pages are the user's, as ever: unsaid)
                    err.print(f"kept {len(kept)} file(s) of your own in the site's folders: "
                              + ", ".join(printable(name) for name in kept[:5])
                              + (", …" if len(kept) > 5 else ""), markup=False)
            return
        if output is not None and str(output) != "-":
            _check_output_file(output)  # said before the work, not after it
        # exporting the whole archive, a damaged object is named and left out, and the others
        # exported (exit 5 all the same); one asked for by id fails the export, as ever
        damaged: list[ArchiverError] = []
        ids = [resolve_id(store, given, quiet) for given in post_ids] if post_ids else \
            posts_of(store.object_ids(damaged=damaged))  # (no other tool's objects)
        for problem in damaged:  # its inventory cannot be read: said before the export
            fail(problem)
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

        def on_damaged(object_id: str, problem: DamagedObject) -> None:
            damaged.append(problem)
            fail(problem)  # shown even with --quiet, as a skipped post is

        to_stdout = output is None or str(output) == "-"
        progress = _progress(quiet, None if to_stdout else output)
        task = progress.add_task("", total=len(set(ids)))
        cited_count = 0  # of the works written, those cited (the summary of --cited says)

        def counted(works: Iterable[Work]) -> Iterator[Work]:
            nonlocal cited_count
            for work in works:
                cited_count += work.kind == "cited"
                yield work

        works = counted(archive_works(store, ids, posts=not only_cited,
                                      cited=cited or only_cited,
                                      include_unverified=include_unverified, on_skip=on_skip,
                                      on_damaged=None if post_ids else on_damaged,
                                      on_object=lambda _id: progress.advance(task),
                                      rebuilding=index_rebuilt_said(quiet)))
        if to_stdout:  # `-o -`: standard output, as is usual
            try:  # each write guarded alone: the works are read from the archive as they go
                with progress:
                    count = write_export(works, fmt.value, stdout_write)
                with writing_stdout():  # what is left in the buffer
                    pass
            except KeyboardInterrupt:
                err.print("interrupted: the export written so far is incomplete",
                          markup=False)
                raise typer.Exit(130) from None
            output = None
        else:
            with progress:
                count = write_whole(output, lambda write: write_export(works, fmt.value,
                                                                       write))
        if not quiet:
            # --only-cited with nothing verified wrote nothing, --cited the posts alone: why,
            # and what would write some
            none_verified = (only_cited or cited) and not include_unverified and not cited_count
            err.print(f"exported {count} entr{'y' if count == 1 else 'ies'} as {fmt.value}"
                      + (f" to {printable(str(output))}" if output else "")
                      + (f" ({count - cited_count} post(s), {cited_count} cited work(s))"
                         if cited else "")
                      + (": no verified citation in these posts" if none_verified else "")
                      + (f"; skipped {len(skipped)} post(s) with nothing to cite"
                         if skipped else ""), markup=False)
            if none_verified:
                err.print("  hint: run `archiver verify` to check the posts' citations against "
                          "Crossref (the results are kept in the archive), or add "
                          "--include-unverified to export those not verified, marked in a "
                          "note", markup=False)
        if damaged:  # the readable posts are written; a script still learns of the damage
            if not quiet:
                left_out_damaged(len(damaged))
            raise typer.Exit(int(ExitCode.ARCHIVE))
