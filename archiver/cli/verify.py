"""``archiver verify`` (and ``ingest --verify``): the citations of files, folders, standard
input or archived posts checked against Crossref, kept in the archived posts, and reported
as text, JSON or JUnit XML with an exit code a CI job can act on."""

from __future__ import annotations

import os
import sys
from collections import Counter
from contextlib import suppress
from pathlib import Path
from typing import Any

import typer

from archiver.cli.base import (
    ArchiveOpt,
    QuietOpt,
    TracebackOpt,
    app,
    config_for,
    emit_json,
    empty_option,
    err,
    fail,
    no_empty,
    output_file_problem,
    progress_bar,
    reader_may_leave,
    reported_errors,
    resolve_id,
    stdin_text,
    verbose_option,
    write_whole,
    writing_stdout,
)
from archiver.config import Config
from archiver.discover import saved_pages, walks_into
from archiver.errors import (
    ArchiveBusy,
    ArchiverError,
    DamagedObject,
    ExitCode,
    InputError,
    NotFound,
    UnsupportedFormat,
    UsageError,
    worst,
)
from archiver.model import STATUSES, post_ids, statuses_shown
from archiver.textfiles import for_a_shell, missing, printable, text_file


def _expand_folders(targets: list[str], problems: list[ArchiverError],
                    skipped: list[UsageError] | None = None) -> list[str]:
    """Each folder replaced by the post files in it, found as ``ingest`` finds them (a file
    in it that is no saved post, a README.md, is passed over, as ``ingest`` skips it); a
    folder inside that cannot be listed is a problem (exit 4), as it is for ``ingest``. A
    folder that yields no post (none in it, or an archive's own) is skipped with a line
    saying why, as ``ingest`` skips it, when other targets are left to verify (and added to
    ``skipped``, for the report); when none is, it is the usage error (exit 2), naming each
    such folder. A folder named twice ("archive", "./archive/") is one. A file of
    references in a folder (.txt, .bib), read only when named, is skipped the same way, said
    and reported."""
    from archiver.pipeline import Unlisted, discover, of_an_archive
    from archiver.readers import refusal

    def is_post(candidate: Path) -> bool:
        # one unreadable or malformed is read all the same: reading it says so, naming it
        return not isinstance(refusal(candidate), UnsupportedFormat)

    out: list[str] = []
    passed: list[UsageError] = []
    references: list[UsageError] = []
    folders: set[str] = set()
    for target in targets:
        path = Path(target)
        if not path.is_dir():
            out.append(target)
            continue
        if os.path.realpath(path) in folders:
            continue
        folders.add(os.path.realpath(path))
        if of_an_archive(path):  # its stored sources are no posts to verify (as ingest)
            passed.append(_no_posts_in(path))
            continue
        unreadable: list[Unlisted] = []
        archives: list[tuple[Path, int]] = []
        found = [str(candidate) for candidate, _ in discover(
            [path], unreadable=unreadable, archives=archives) if is_post(candidate)]
        references += [UsageError(  # said, not passed over in silence: a CI job would go
            "a .txt or .bib file in a folder given: files of references are read only when "
            "named", path=file, hint=f"name it: `archiver verify {for_a_shell(file)}`")
            for file in _references_files_in(path)]  # green with them unread
        problems += [unlisted.problem("verified") for unlisted in unreadable]
        if not found and not unreadable:  # as ingest says of such a folder
            passed.append(_no_posts_in(path, [folder for folder, _ in archives]))
        out += found
    if passed and not out and not problems:  # nothing else to verify: usage, said once
        if len(passed) == 1:
            raise passed[0]
        for folder in passed:
            err.print(f"  {printable(str(folder.path))}: {folder.message}", markup=False)
        raise UsageError(f"no saved posts in the {len(passed)} folders given", hint=passed[0].hint)
    for folder in passed + references:
        err.print(f"  skipped {printable(str(folder.path))}: {folder.message}", markup=False)
    if skipped is not None:
        skipped += passed + references
    return out


def _references_files_in(folder: Path) -> list[Path]:
    """The .txt and .bib files in a folder and below, as ``discover`` walks it (no hidden
    folder, no browser's ``*_files`` folder, nothing inside an archive or an object)."""
    out: list[Path] = []
    for top, dirs, files in os.walk(folder, onerror=lambda _error: None):
        if any(name.startswith("0=ocfl") for name in files):
            dirs[:] = []  # (an archive's or an object's own folder)
            continue
        pages = saved_pages(files)
        dirs[:] = sorted(d for d in dirs if walks_into(d, pages))
        out += [Path(top) / name for name in sorted(files)
                if Path(name).suffix.lower() in (".txt", ".bib") and not name.startswith(".")]
    return out


def _no_posts_in(folder: Path, archives: list[Path] | None = None) -> UsageError:
    """Why a folder given to verify yields no post: it holds none, or it is an archive (or
    part of one), whose posts are verified by their ids, not as files; or the archives in it
    (``archives``), passed over, hold its only posts."""
    from archiver.store.layout import enclosing_ocfl

    found = enclosing_ocfl(folder, itself=True)
    if found is None and archives:
        return UsageError(
            f"no saved posts in this folder: the {len(archives)} archive(s) in it "
            f"({printable(str(archives[0]))}{', …' if len(archives) > 1 else ''}) were passed "
            "over, their stored copies being no posts to verify as files", path=folder,
            hint="verify an archive's posts by id, or all of them: `archiver verify --archive "
                 f"{for_a_shell(archives[0])}`")
    if found is None:
        return UsageError("no saved posts in this folder", path=folder,
                          hint="give saved posts or folders holding them, or .txt or .bib "
                               "files of references by name")
    # the storage root around it (an object's is around the object), named as typed
    around = found if found[0] == "storage root" else enclosing_ocfl(found[1])
    root = around[1] if around is not None and around[0] == "storage root" else None
    hint = ("verify its posts by id (`archiver list --archive` and the archive's folder lists "
            "them), or all of them: `archiver verify --archive` and the archive's folder")
    if root is not None:
        shown = for_a_shell(os.path.relpath(root) if root.is_relative_to(Path.cwd()) else root)
        hint = (f"verify its posts by id (`archiver list --archive {shown}` lists them), or "
                f"all of them: `archiver verify --archive {shown}`")
    return UsageError("this folder is an archive, or part of one: its stored copies are not "
                      "posts to verify as files", path=folder, hint=hint)


def _looks_like_a_path(target: str) -> bool:
    """A target that is no object id: a mistyped file or folder name is reported as a
    missing file (exit 4, as ``ingest`` does), not as an unknown post (exit 2). Ids hold no
    file extension, and none starts with ``/``, ``./`` or ``../``. (A name ending with ``/``
    may be an id's prefix, ``wx:t/``: it is a missing folder only when no id has it.)"""
    from archiver.readers import SUFFIXES

    return (Path(target).suffix.lower() in SUFFIXES | {".txt", ".bib"}
            or target.startswith(("/", "./", "../")))


def _verify_targets(targets: list[str], config: Config, store: Any,
                    problems: list[ArchiverError], hidden: bool = False,
                    read: dict[str, str] | None = None,
                    skipped: list[UsageError] | None = None
                    ) -> list[tuple[str, str | None, str | None]]:
    """(citation text, location, post id) for every citation the targets hold; a file that
    cannot be read, or an archived post that is damaged, is added to ``problems`` and the
    others are still checked (a CI run reports every wrong citation, not just the first bad
    file). ``hidden``: no note of a rebuilt index (``-q``, ``--json``: :func:`resolve_id`);
    ``read`` is given each archived post's digest of the record read (see
    :func:`archiver.verified.store_citations`); ``skipped``, the folders given that yield no
    post (:func:`_expand_folders`)."""
    items: list[tuple[str, str | None, str | None]] = []
    if not targets:
        if store is None:
            raise NotFound("no archive to verify", path=config.archive,
                           hint="give files to verify, or ingest posts first")
        # an object whose inventory cannot be read is named, and the others are checked
        targets = post_ids(store.object_ids(damaged=problems))  # (no other tool's objects)
        if not targets and not problems:
            raise UsageError("the archive holds no posts", path=config.archive)
    seen: set[str] = set()  # a post or file named twice (its id and a prefix): checked once
    for target in _expand_folders(list(dict.fromkeys(targets)), problems, skipped):  # (named twice:
        # one report of it, even one that cannot be read)
        try:
            named, found = _citations_in(target, config, store, hidden, read)
        except (InputError, DamagedObject) as problem:  # one bad file, or one damaged post
            if isinstance(problem, DamagedObject):
                problem.named = target  # (the report lists it as named, not by its folder)
            problems.append(problem)
            continue
        if named is None or named not in seen:
            items += found
        if named is not None:
            seen.add(named)
    return items


def _archived(target: str, config: Config, store: Any, hidden: bool) -> str:
    """The full id of the archived post ``target`` names. An unknown one is a usage error
    (exit 2), as for ``show``; but a name ending with ``/`` that no id has is a folder that
    is not there (exit 4, as for ``ingest``), unless it is written as an id (``wx:…/``)."""
    try:
        if store is None:
            raise NotFound(f"no post with id '{target}': no archive here yet",
                           path=config.archive, hint="no file has that name either; run "
                           "`archiver ingest PATH --archive DIR` to archive posts")
        return resolve_id(store, target, hidden)
    except NotFound as unknown:
        if target.endswith("/") and not target.startswith("wx:"):
            raise InputError("no such file, and no post with that id", path=target) from None
        if store is not None and not target.startswith("wx:") and "://" not in target:
            # (`verify posts`, a folder's name mistyped)
            unknown.hint = f"no file or folder is named '{target}' either; {unknown.hint}"
        raise


def _citations_in(target: str, config: Config, store: Any, hidden: bool = False,
                  read: dict[str, str] | None = None
                  ) -> tuple[str | None, list[tuple[str, str | None, str | None]]]:
    """What one target (a file, or an archived post's id) names, the post's full id or the
    file's resolved path (None for standard input), and the citations it holds."""
    from archiver.citations.verify import citations_of, split_reference_lines
    from archiver.pipeline import prepare_all
    from archiver.readers import SUPPORTED_HINT
    from archiver.verified import head_record

    if target == "-":  # references on standard input, one per line, like a .txt file
        return None, [(line, f"-:{n}", None) for n, line in split_reference_lines(stdin_text())]
    path = Path(target)
    if not path.is_file():
        if path.exists() or _looks_like_a_path(target):
            # (a link to a file that is gone said as ingest says it)
            said = "not a regular file" if path.exists() else missing(path)
            raise InputError(f"{said}, and no post with that id", path=target)
        object_id = _archived(target, config, store, hidden)
        record, digest = head_record(store, object_id)
        if read is not None:
            read[object_id] = digest
        return object_id, [(text, where, object_id) for text, where in citations_of(record)]
    suffix, resolved = path.suffix.lower(), str(path.resolve())
    if suffix == ".txt":
        return resolved, [(line, f"{path}:{n}", None)
                for n, line in split_reference_lines(text_file(path))]
    if suffix == ".bib":
        from archiver.citations.bib import references_from_bibtex
        return resolved, [(text, f"{path}:{key}", None)
                          for key, text in references_from_bibtex(path)]
    try:
        posts = prepare_all(path, config.with_overrides(fetch=False), validate=False)
    except UnsupportedFormat as exc:  # verify reads files of references too: say so
        if exc.hint != SUPPORTED_HINT:
            raise
        raise UnsupportedFormat(exc.message, path=exc.path,
                                hint=f"{SUPPORTED_HINT}; and references, one per line (.txt) "
                                     "or BibTeX (.bib)") from None
    return resolved, [(text, f"{path}#{where}", None)
                      for prepared in posts for text, where in citations_of(prepared.record)]


def _input_errors(problems: list[ArchiverError]) -> list[dict[str, Any]]:
    """Inputs as a report names them, each with what was wrong and the hint: those that
    could not be read, or folders passed over, for the reports a CI job keeps (stderr is
    gone by the time someone asks why the build failed)."""
    return [{"input": p.named or (str(p.path) if p.path else None), "message": p.message,
             "hint": p.hint} for p in problems]


def _keep_results(store: Any, items: list[tuple[str, str | None, str | None]],
                  results: list[Any], config: Config, read: dict[str, str] | None = None,
                  wait: bool = False, quiet: bool = True, report_busy: bool = False
                  ) -> tuple[dict[str, str], dict[str, str], list[tuple[str, ArchiverError]]]:
    """Store each archived post's results in its object (a version only on change); the
    key each cited work (DOI, lower case) has in the archive, and the version each post
    whose outcome changed was given (by post id). Interrupted (Ctrl-C), it says
    how many posts were done, each whole, and exits 130: a run stopped while checking keeps
    nothing, one stopped here keeps what it has written. With ``wait``, another writer is
    waited for (said once, unless ``quiet``). Last, the posts another writer changed since
    they were read, which keep nothing (the others keep theirs); and with ``report_busy``,
    the archive itself where another writer holds it (nothing kept), so that the report is
    still printed (a CI job's JSON and JUnit), where without it that error is raised."""
    from archiver.verified import keep_results

    by_post: dict[str, list[Any]] = {}
    for (_text, _where, post), result in zip(items, results, strict=True):
        if post:
            by_post.setdefault(post, []).append(result)
    if not by_post or store is None:
        return {}, {}, []
    done: list[str] = []
    kept: dict[str, str] = {}
    changed: list[tuple[str, ArchiverError]] = []
    waited = [False]

    def one_kept(post: str, version: str | None) -> None:
        if version is not None:
            kept[post] = version
        done.append(post)

    def waiting() -> None:
        waited[0] = True
        if not quiet:
            err.print("waiting for another archiver process to finish writing, to keep the "
                      "results…", markup=False)

    try:
        by_doi = keep_results(store, by_post, config.version_user(), one_kept, read,
                              wait=wait, on_wait=waiting,
                              on_changed=lambda post, exc: changed.append((post, exc)))
    except KeyboardInterrupt:
        if waited[0] and not done:
            err.print("interrupted while waiting for the other writer: nothing is kept, and "
                      "no report is printed. Running the same command again checks the "
                      "citations again (the records Crossref gave are cached)", markup=False)
            raise typer.Exit(130) from None
        err.print(f"interrupted while keeping the results in the archive: {len(done)} of "
                  f"{len(by_post)} post(s) done (each with a new version where its outcome "
                  "changed); the one being written may be kept too, whole, and the others "
                  "are untouched; no report is printed. Running the same command again "
                  "finishes (the records Crossref gave are cached)", markup=False)
        raise typer.Exit(130) from None
    except ArchiveBusy as busy:  # its checks are done by now
        busy.hint = ("pass --wait to keep the results once it is done, or run the same "
                     "command again then (the records Crossref gave are cached)")
        if not report_busy:
            raise
        busy.message = f"the results were not kept: {busy.message}"
        busy.hint += "; a CI job that only reads the report can pass --no-keep"
        return _known_keys(store), {}, [(str(store.root), busy)]
    return by_doi, kept, changed


def _changed_errors(changed: list[tuple[str, ArchiverError]]) -> list[dict[str, Any]]:
    """The posts that kept nothing because another writer changed them meanwhile (or the
    archive, another writer holding it), as the report lists what it could not do (a CI job
    reads why the build failed there)."""
    return [{"input": post, "message": exc.message, "hint": exc.hint}
            for post, exc in changed]


def _known_keys(store: Any) -> dict[str, str]:
    """The keys cited works already have in the archive, by DOI (lower case), read without
    writing anything: ``verify --no-keep`` gives no new ones (a key is given when a
    verification is kept, and never changed after)."""
    from archiver.index import known_works, load_index

    return known_works(load_index(store)) if store is not None else {}


def _say_kept(kept: dict[str, str]) -> None:
    """The versions the results were kept in: an ingest --verify reported each post's
    version before its citations were checked, which the results then moved on."""
    if not kept:
        return
    shown = ", ".join(f"{post} {version}" for post, version in list(kept.items())[:3])
    more = f" and {len(kept) - 3} more" if len(kept) > 3 else ""
    err.print(f"results kept in the archive: {len(kept)} post(s) given a new version "
              f"({shown}{more})", markup=False)


def _report(items: list[tuple[str, str | None, str | None]], results: list[Any],
            keys: dict[str, str] | None = None, kept: dict[str, str] | None = None,
            read_from: list[tuple[str, str] | None] | None = None) -> dict[str, Any]:
    """The verify report (schemas/verify-report.schema.json), each citation with its post,
    and an archived post's cited work with its key in exports (``keys``, by DOI); the
    versions the results were kept in (``kept``: an ingest --verify reported each post's
    version before they were); ``read_from``: for each item, the post and the version
    other than its head it was read from (not kept), or None."""
    from archiver.citations.verify import report

    document = report(results)
    if kept:
        document["kept"] = dict(kept)
    for n, ((_text, _where, post), entry) in enumerate(zip(items, document["citations"],
                                                           strict=True)):
        if read_from and read_from[n]:
            post, entry["version"] = read_from[n]
        if post:
            entry["post"] = post
            work = (entry.get("evidence") or {}).get("work") or {}
            key = (keys or {}).get(str(work.get("DOI") or "").lower())
            if key:
                entry["key"] = key
    return document


def verify_posts(config: Config, posts: list[tuple[str, str, str, bool]], quiet: bool,
                 offline: bool = False, wait: bool = False
                 ) -> tuple[list[ExitCode], dict[str, Any]]:
    """``ingest --verify``: verify the citations of the posts just ingested, each given as
    (id, version, source file, whether it was found unchanged) (``offline``: from the cache
    only, as ``verify --offline``; ``wait``: as ``ingest --wait``, for another writer that
    took the archive since); the exit codes, and the report (as ``verify --json`` gives it,
    each citation with its post). A file found unchanged against an earlier version than
    the head has that version's citations checked, which are not kept: a post's results
    are kept with its head. Any other file's post has its head checked (a version this run
    made, and another file of the post replaced, is no longer the post)."""
    from archiver.citations.notices import describe, withdrawn
    from archiver.citations.verify import FAILING, summarise
    from archiver.clean.metadata import one_line
    from archiver.render import shorten
    from archiver.store import Archive
    from archiver.verified import make_verifier

    # none ingested: there may be no archive (an ingest that archived nothing makes none)
    store = Archive.open(config.archive) if posts else None
    problems: list[ArchiverError] = []
    read: dict[str, str] = {}
    heads = {post: store.head(post) for post in {p[0] for p in posts}} if store else {}
    older = [(p, v, s) for p, v, s, unchanged in posts if unchanged and v != heads[p]]
    current = sorted({p for p, v, _, unchanged in posts if not unchanged or v == heads[p]})
    # (none: not every post, as `archiver verify` with no target checks)
    items = _verify_targets(current, config, store, problems, read=read) if current else []
    if problems:  # the posts were just ingested: they can be read
        raise problems[0]
    earlier = _earlier_versions(store, older, heads, quiet)
    read_from = [None] * len(items) + [where for where, _ in earlier]
    items += [item for _, item in earlier]
    try:
        results = make_verifier(config, offline=offline).verify_all(
            [(t, w) for t, w, _ in items])
    except KeyboardInterrupt:
        err.print("interrupted while checking the citations: the posts reported above are "
                  "archived; no verification is kept (`archiver verify` checks them later)",
                  markup=False)
        raise typer.Exit(130) from None
    keys, kept, changed = _keep_results(store, items, results, config, read, wait, quiet)
    if earlier and not keys:  # nothing kept, so the index was not read: the keys the works
        keys = _known_keys(store)  # cited in the earlier versions have from the heads' results
    for _post, post_changed in changed:
        fail(post_changed)
    counts = summarise(results)
    if not quiet:
        err.print("citations: " + (statuses_shown(counts) or "none found"), markup=False)
        for result, where in zip(results, read_from, strict=True):
            if result.status in FAILING:  # (one of a version not kept: said which)
                of = f" (in {where[1]} of {where[0]}, not kept)" if where else ""
                err.print(f"  {result.status}{of}: {shorten(one_line(result.text), 80)} "
                          f"({result.reason})",
                          markup=False)
            for notice in withdrawn(result.notices):
                err.print(f"  {describe(notice)}: {shorten(one_line(result.text), 80)}",
                          markup=False)
        _say_why_unresolved(results)
        _say_kept(kept)
    document = _report(items, results, keys, kept, read_from)
    if changed:
        document["errors"] = _changed_errors(changed)
    statuses = {r.status for r in results}
    codes = [ExitCode.CITATION_WRONG] if statuses & FAILING else []
    codes += [ExitCode.ARCHIVE] if changed else []
    return codes + ([ExitCode.UNCHECKED] if "unresolved" in statuses else []), document


def _earlier_versions(store: Any, posts: list[tuple[str, str, str]], heads: dict[str, str],
                      quiet: bool
                      ) -> list[tuple[tuple[str, str], tuple[str, str | None, None]]]:
    """The citations of the files an ingest found unchanged against a version before their
    post's head, each with (post, version): the user named the file, so its own citations
    are the ones checked; they carry no post id, so none is kept (said, unless ``quiet``)."""
    from archiver.citations.verify import citations_of

    found: list[tuple[tuple[str, str], tuple[str, str | None, None]]] = []
    for post, version in dict.fromkeys((p, v) for p, v, _ in posts):
        sources = [s for p, v, s in posts if (p, v) == (post, version)]
        if not quiet:
            for source in sources:
                err.print(f"{printable(source)} is {version} of {post}, whose head is "
                          f"{heads[post]}: its citations are checked as {version} holds "
                          f"them, and the results are not kept (`archiver verify {post}` "
                          "checks the head and keeps them)", markup=False)
        record = store.read_json(post, "record.json", version)
        found += [((post, version), (text, where, None))
                  for text, where in citations_of(record)]
    return found


def _withdrawn_count(results: list[Any]) -> int:
    """How many citations cite a work Crossref lists as retracted, withdrawn or removed."""
    from archiver.citations.notices import withdrawn

    return sum(1 for r in results if withdrawn(r.notices))


def _summary_line(counts: dict[str, int], unreadable: int, retracted: int = 0) -> str:
    """The counts of each status, and of the inputs that could not be read: a run whose
    inputs all failed checked nothing, which is not "no citations found" (the inputs may well
    cite works); and how many cite a work that was retracted (whatever their verdict: a
    citation may match its record and still cite a retracted paper)."""
    found = statuses_shown(counts)
    if retracted:
        found += f"; {retracted} cite(s) a work retracted or withdrawn (notice: lines above)"
    if not unreadable:
        return found or "no citations found"
    failed = f"{unreadable} input(s) could not be read (named above)"
    return f"{found}; {failed}" if found else f"no citations checked: {failed}"


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
    # with Crossref (partly) out of reach, the verdicts given stand on answers it gave before:
    # said here, so that a log tells them from answers of this run (--json: evidence.cached)
    # (not a DOI this run asked Crossref for: one cited twice is answered from the cache the
    # second time, by this run's own answer)
    asked = {r.doi or r.text for r in results if (r.evidence or {}).get("cached") is False}
    cached = [r for r in results if r.status != "unresolved"
              and (r.evidence or {}).get("cached") and (r.doi or r.text) not in asked]
    if cached:
        fetched = sorted(str(r.evidence.get("fetched") or "")[:10] for r in cached
                         if r.evidence.get("fetched"))
        since = (f", fetched {fetched[0]}" + (f" to {fetched[-1]}" if fetched[-1] != fetched[0]
                                              else "")) if fetched else ""
        err.print(f"{len(cached)} verdict(s) given rest on Crossref's answers cached by an "
                  f"earlier run{since}", markup=False)


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
                                     "\"\" for none); and \"retracted\": a cited work "
                                     "Crossref lists as retracted, withdrawn or removed."),
    junit_given: str | None = typer.Option(None, "--junit", metavar="FILE",
                                      help="Also write a JUnit XML report (- for stdout, "
                                           "in place of the report)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON (as "
                                                      "verify-report.schema.json in schemas/ "
                                                      "describes it)."),
    keep: bool = typer.Option(True, "--keep/--no-keep",
                              help="Keep each archived post's results in the archive (in its "
                                   "citations.json: a new version when the outcome changed); "
                                   "--no-keep only reports, and writes nothing there."),
    wait: bool = typer.Option(False, "--wait", help="Wait for another writer (an ingest) to "
                                                    "finish, then keep the results, instead "
                                                    "of failing with exit 5."),
    quiet: bool = QuietOpt,
    show_traceback: bool = TracebackOpt,
    verbose: bool = verbose_option(
        "each request to Crossref and its answer, or the cache's"),
) -> None:
    """Check cited works against Crossref, field by field.

    A work Crossref lists as retracted, corrected or under an expression of concern is
    reported with each notice (its DOI, date and source), whatever the verdict.

    An archived post's results are kept in it, a new version when the outcome changed
    (--no-keep: reported only).

    Exit 0 when every citation is verified (or ambiguous), 1 when one is wrong (mismatch or a
    DOI Crossref does not know; with --fail-on retracted, also one citing a retracted
    work), 3 when some could not be checked (Crossref unreachable),
    2 for a usage error or a report that cannot be written (whatever else was found), 4 when
    an input cannot be read, 5 for an archive problem, 130 when interrupted (Ctrl-C), 143
    when ended by SIGTERM. Where several apply, 1 wins over 4, 4 over 5, 5 over 3.
    """
    from archiver.citations.notices import RETRACTED
    from archiver.render import verify_junit, verify_text
    from archiver.store import Archive
    from archiver.verified import make_verifier

    with reported_errors(show_traceback, verbose, quiet):
        no_empty(targets or [], "post id or path")
        failing = {s.strip().lower() for s in fail_on.split(",") if s.strip()}  # (any case)
        unknown = failing - set(STATUSES) - {RETRACTED}
        can_fail = [s for s in STATUSES if s != "verified"]
        if unknown:
            raise UsageError(f"--fail-on: unknown status {', '.join(sorted(unknown))}",
                             hint=f"statuses: {', '.join(can_fail)}; and {RETRACTED}")
        if "verified" in failing:  # it would fail every build whose citations are right
            raise UsageError("--fail-on: a verified citation cannot fail the build",
                             hint=f"statuses: {', '.join(can_fail)}; and {RETRACTED}")
        # as typed: "./-" is a file named "-", which Path would make "-" again
        empty_option("--junit", "give the file to write, or - for standard output",
                     junit_given)
        junit_out = junit_given == "-"  # the XML is the output
        junit = Path(junit_given) if junit_given is not None and not junit_out else None
        if junit_out and as_json:
            raise UsageError("--junit - and --json both write to standard output",
                             hint="give --junit a file name")
        problem = output_file_problem(junit) if junit is not None else None
        if problem:  # said before any citation is looked up, not after
            raise UsageError(f"--junit: {problem}", path=junit)
        config = config_for(archive, crossref_url=crossref_url, mailto=mailto)
        store = None
        if config.archive.exists():  # a file, or a folder of other things, is said to be no
            with suppress(NotFound):  # archive, as every command says it; an empty folder is
                store = Archive.open(config.archive)  # none yet, as a missing one is
        problems: list[ArchiverError] = []
        read: dict[str, str] = {}
        skipped: list[UsageError] = []
        items = _verify_targets(list(targets or []), config, store, problems,
                                hidden=quiet or as_json, read=read, skipped=skipped)
        for problem in problems:  # said first, and again in the exit code
            fail(problem)
        verifier = make_verifier(config, offline=offline)
        progress = progress_bar("verify", quiet or as_json)
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
                          "result is kept or reported; the records Crossref gave are "
                          "cached (not its \"no such DOI\" answers), so running the same "
                          "command again asks for fewer", markup=False)
                raise typer.Exit(130) from None
        keys, kept, changed = (_keep_results(store, items, results, config, read, wait,
                                             quiet, report_busy=True)
                               if keep
                               else (_known_keys(store), {}, []))
        for _post, post_changed in changed:
            fail(post_changed)
        document = _report(items, results, keys, kept)
        unreadable, not_kept = _input_errors(problems), _changed_errors(changed)
        if unreadable or not_kept:
            document["errors"] = unreadable + not_kept
        if skipped:  # (folders given that yield no post, said on stderr too)
            document["skipped"] = _input_errors(list(skipped))
        xml = (verify_junit(results, [post for _text, _where, post in items], unreadable,
                            failing, not_kept)
               if junit or junit_out else b"")
        if junit is not None:
            with reader_may_leave():  # --junit /dev/stdout, whose reader went away
                write_whole(junit, lambda write: write(xml), option="--junit")
        # `| head`: the exit code below still says how it went; a full disk behind `> FILE`
        # is the output's failure (exit 2)
        with reader_may_leave(), writing_stdout():
            if junit_out:
                sys.stdout.buffer.write(xml + b"\n")
                sys.stdout.flush()
            elif as_json:
                emit_json(document)
            else:
                for line in verify_text(items, results):
                    typer.echo(line)
        retracted = _withdrawn_count(results)
        if not as_json and not quiet:
            counts = document["summary"]
            err.print(_summary_line(counts, len(problems), retracted), markup=False)
            _say_why_unresolved(results)
            _say_kept(kept)
        statuses = {r.status for r in results}
        codes = [problem.exit_code for problem in problems]  # 4 a bad file, 5 a damaged post
        codes += [ExitCode.ARCHIVE] if changed else []  # and 5 one another writer changed
        if statuses & failing or RETRACTED in failing and retracted:
            codes.append(ExitCode.CITATION_WRONG)
        if "unresolved" in statuses:
            codes.append(ExitCode.UNCHECKED)
        raise typer.Exit(int(worst(codes)))
