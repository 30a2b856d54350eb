"""The command line: output streams, messages and every exit code (README's table)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from archiver.cli import app
from archiver.errors import ExitCode
from archiver.index import STALE_NAME
from archiver.store import Archive

from conftest import FIXTURES, WECHAT

SEED = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
PAGE = (WECHAT / "html"
        / "wechatscope__gh_8e98aeecc6c0_2020-10-02_2650512939_raiHy80cW6.y.tar.gz.html")
MUFENG_PAGE = (WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代" / "html"
               / "2021-07-07_送别一个旧时代.html")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def archive_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no archiver.toml, default ./archive would land here
    monkeypatch.delenv("ARCHIVER_ARCHIVE", raising=False)
    return tmp_path / "archive"


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, [str(a) for a in args])


def diff_of_an_edit(runner: CliRunner, archive_dir: Path, post: Path, before: str,
                    after: str) -> dict:
    """``post`` ingested as ``before``, then as ``after`` (a new version): the JSON of the
    diff between the two."""
    post.write_text(before, encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    post.write_text(after, encoding="utf-8")
    second = json.loads(run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch",
                            "--json").stdout)
    assert second["status"] == "updated"
    return json.loads(run(runner, "diff", second["id"], "--archive", archive_dir,
                          "--json").stdout)


def edited_seed(path: Path) -> Path:
    """The seed post with one word of its body edited, written at ``path``: a change that
    makes a new version."""
    text = SEED.read_text(encoding="utf-8")
    path.write_text(text.replace("**作品简介**", "**作品简介（改）**"), encoding="utf-8")
    return path


def objects_on_disk(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.rglob("0=ocfl_object_1.1"))


def test_ingest_text_lines_name_the_title_and_the_file_it_came_from(runner, archive_dir,
                                                                   tmp_path):
    again = tmp_path / "saved-again.md"  # one post saved twice: only the file tells them apart
    shutil.copy(SEED, again)
    result = run(runner, "ingest", SEED, again, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()[:2]
    assert first.startswith("added ") and second.startswith("unchanged ")
    title = "国政学人第464期"
    assert first.endswith(f"{title}  ← {SEED.name}")
    assert second.endswith(f"{title}  ← saved-again.md")


def test_ingest_text_lines_say_a_post_is_untitled_as_list_does(runner, archive_dir):
    fragment = sorted((WECHAT / "html-fragment").iterdir())[0]  # a bare #js_content: no title
    result = run(runner, "ingest", fragment, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith(f"(untitled)  ← {fragment.name}")


def test_ingest_text_lines_name_a_save_page_s_page_by_its_folder_too(runner, archive_dir):
    """Every browser's save-page folder of this kind holds a page.html (an exporter's, a
    README.md): two of them read in one run must not look the same."""
    folder = FIXTURES / "containers" / "converted-savepage-mufeng-2018-01-29"
    result = run(runner, "ingest", folder, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith(
        "  ← converted-savepage-mufeng-2018-01-29/page.html"), result.stdout


def test_ingest_text_lines_name_a_file_that_failed_by_its_path_not_as_untitled(
        runner, archive_dir, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = run(runner, "ingest", empty, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.BAD_INPUT
    line = result.stdout.splitlines()[0]
    assert line.startswith("failed ") and line.endswith(str(empty)) and "untitled" not in line


def test_two_saves_of_a_post_that_differ_in_one_run_are_said_to_make_the_last_the_head(
        runner, archive_dir, tmp_path):
    """Versions are in the order files are read: an edited save read before an unedited one
    of the same post is taken back by it, which the run says, with the diff to look at."""
    edited = edited_seed(tmp_path / "a-edited.md")
    unedited = tmp_path / "b-unedited.md"
    shutil.copy(SEED, unedited)
    result = run(runner, "ingest", edited, unedited, "--archive", archive_dir, "--no-fetch",
                 "--json")
    assert result.exit_code == 0, result.output
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert (first["status"], second["status"]) == ("added", "updated")
    assert not any("another save" in w for w in first["warnings"])
    [said] = [w for w in second["warnings"] if "another save of this post" in w]
    assert "a-edited.md, made v1 in this run" in said and "v2 is the head" in said
    assert f"archiver diff {second['id']} v1 v2" in said
    # one save given twice, or read again in a later run, is no other save
    again = run(runner, "ingest", unedited, unedited, "--archive", archive_dir, "--no-fetch",
                "--json")
    assert not any("another save" in w for line in again.stdout.splitlines()
                   for w in json.loads(line)["warnings"])


def test_ingest_json_lines_name_the_record(runner, archive_dir):
    result = run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch", "--json")
    assert result.exit_code == ExitCode.OK
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["added", "added"]
    for row in rows:
        assert set(row) >= {"id", "version", "status", "source", "title", "record", "warnings"}
        assert (archive_dir / row["record"]).is_file()
        record = json.loads((archive_dir / row["record"]).read_text(encoding="utf-8"))
        assert record["id"] == row["id"]
    assert rows[1]["id"] == "wx:MzI2NTE1NDc3NA==/2650512939/1"


INGEST_JSON_KEYS = {"id", "version", "status", "source", "title", "kind", "record", "warnings",
                    "error", "hint"}


def test_a_folder_with_no_saved_post_given_beside_posts_is_reported_not_passed_over(
        runner, archive_dir, tmp_path):
    """A folder that holds no saved post, given with others, is named (skipped, with the
    reason) where it was passed over in silence; the run goes on (exit 0). Every JSON line
    has the same keys, error and hint null where there are none."""
    empty, notes = tmp_path / "empty", tmp_path / "notes"
    empty.mkdir()
    notes.mkdir()
    (notes / "todo.txt").write_text("read later", encoding="utf-8")
    result = run(runner, "ingest", SEED, empty, notes, "--archive", archive_dir, "--no-fetch",
                 "--json")
    assert result.exit_code == ExitCode.OK, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["status"], r["source"]) for r in rows] == [
        ("added", str(SEED)), ("skipped", str(empty)), ("skipped", str(notes))]
    assert all(set(row) == INGEST_JSON_KEYS for row in rows)
    assert rows[0]["error"] is None and rows[1]["error"] == "no saved posts in this folder"
    assert [r["kind"] for r in rows[1:]] == ["folder", "folder"]
    text = run(runner, "ingest", SEED, empty, "--archive", archive_dir, "--no-fetch")
    assert f"skipped {empty}: no saved posts in this folder" in text.stderr
    assert "1 post(s): 1 unchanged; 1 folder(s) with no saved post" in text.stderr
    quiet = run(runner, "ingest", SEED, empty, "--archive", archive_dir, "--no-fetch", "-q")
    assert quiet.stderr == f"  skipped {empty}: no saved posts in this folder\n"  # as -q's
    alone = run(runner, "ingest", empty, "--archive", archive_dir, "--no-fetch")
    assert alone.exit_code == ExitCode.USAGE
    assert alone.stderr.count("no saved posts in this folder") == 1  # said once, as an error


def test_an_archive_given_as_posts_to_ingest_is_said_to_be_one(runner, archive_dir, tmp_path):
    """An archive's stored sources are not new posts: an archive (or a folder of one) given
    to ingest says so, where it said the folder held no saved posts."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    for given in (archive_dir, archive_dir / "extensions"):
        result = run(runner, "ingest", given, "--archive", tmp_path / "other", "--no-fetch")
        assert result.exit_code == ExitCode.USAGE, result.output
        assert "this folder is an archive, or part of one" in result.stderr
        assert "no saved posts" not in result.stderr
        # said once: not walked, so its objects are no archives "inside a folder given"
        assert "skipped" not in result.stderr and "archive folder(s)" not in result.stderr


def test_an_archive_given_to_verify_as_a_folder_of_posts_points_to_verifying_it_by_id(
        runner, archive_dir):
    """``verify archive`` said the folder held no saved posts and hinted at files: the
    archive's posts are verified by id, or all at once with ``--archive``, which it says."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    (obj,) = [p.parent.relative_to(archive_dir.parent)
              for p in archive_dir.rglob("0=ocfl_object_1.1")]
    for given in ("archive", "archive/extensions", str(obj)):  # (an object's stored source
        result = run(runner, "verify", given, "--offline")  # is not verified as a file)
        assert result.exit_code == ExitCode.USAGE, result.output
        assert f"{given}: this folder is an archive, or part of one" in result.stderr
        assert ("hint: verify its posts by id (`archiver list --archive archive` lists them), "
                "or all of them: `archiver verify --archive archive`") in result.stderr
    # a folder holding an archive and nothing else says the archive was passed over
    shutil.move(archive_dir, archive_dir.parent / "kept" / "archive")
    held = run(runner, "verify", "kept", "--offline")
    assert held.exit_code == ExitCode.USAGE, held.output
    assert ("kept: no saved posts in this folder: the 1 archive(s) in it (kept/archive) were "
            "passed over") in held.stderr
    assert "`archiver verify --archive kept/archive`" in held.stderr


def test_a_folder_yielding_no_post_given_to_verify_beside_a_post_is_skipped_as_ingest_skips_it(
        runner, archive_dir, tmp_path):
    """``verify post.md archive/`` stopped at the archive's folder (exit 2) where ``ingest``
    of the same skips it: the folder is now skipped, said so with the reason, and the post
    verified; a folder with no post is skipped the same way. Alone, each is still the usage
    error, said once."""
    from archiver import schema

    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    empty = tmp_path / "empty"
    empty.mkdir()
    # (the archive named three ways: one folder, said once)
    both = run(runner, "verify", SEED, "archive", "./archive", "archive/", empty, "--offline",
               "--json")
    assert both.exit_code == ExitCode.UNCHECKED, both.output  # (offline, no cache)
    report = json.loads(both.stdout)
    assert [c["status"] for c in report["citations"]] == ["unresolved"]
    assert ("  skipped archive: this folder is an archive, or part of one: its stored copies "
            "are not posts to verify as files\n") in both.stderr
    assert f"  skipped {empty}: no saved posts in this folder\n" in both.stderr
    assert both.stderr.count("skipped") == 2 and "error" not in both.stderr
    # the report a CI job keeps names them too (stderr is gone by then)
    assert [(s["input"], s["message"]) for s in report["skipped"]] == [
        ("archive", "this folder is an archive, or part of one: its stored copies are not "
                    "posts to verify as files"),
        (str(empty), "no saved posts in this folder")]
    assert schema.errors("verify-report", report) == [] and "errors" not in report
    # a file of references in a folder is read only when named: said, and reported
    (tmp_path / "posts").mkdir()
    shutil.copy(SEED, tmp_path / "posts" / SEED.name)
    (tmp_path / "posts" / "refs.bib").write_text("@article{a, title={T}, year={2020}}\n",
                                                 encoding="utf-8")
    folder = run(runner, "verify", tmp_path / "posts", "--offline", "--json")
    assert [(s["input"], s["hint"]) for s in json.loads(folder.stdout)["skipped"]] == [
        (str(tmp_path / "posts" / "refs.bib"),
         f"name it: `archiver verify {tmp_path / 'posts' / 'refs.bib'}`")]
    assert f"  skipped {tmp_path / 'posts' / 'refs.bib'}: a .txt or .bib file" in folder.stderr
    alone = run(runner, "verify", "archive", "--offline")
    assert alone.exit_code == ExitCode.USAGE, alone.output
    assert alone.stderr.count("this folder is an archive") == 1
    assert "skipped" not in alone.stderr
    # several such folders alone: each named, then the usage error
    (tmp_path / "empty2").mkdir()
    none = run(runner, "verify", "archive", empty, tmp_path / "empty2", "--offline")
    assert none.exit_code == ExitCode.USAGE, none.output
    assert none.stderr.count("no saved posts in this folder") == 2
    assert "archiver: error: no saved posts in the 3 folders given" in none.stderr
    assert "skipped" not in none.stderr


def test_reingest_reports_unchanged(runner, archive_dir):
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    again = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch", "--json")
    assert json.loads(again.stdout)["status"] == "unchanged"
    assert json.loads(again.stdout)["version"] == "v1"


@pytest.mark.parametrize("damage", ["stray-version-folder", "inventory-removed",
                                    "inventory-altered", "inventory-cut-short"])
def test_a_damaged_object_fails_its_post_alone_with_exit_5(runner, archive_dir, tmp_path,
                                                          damage):
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    [seed_object] = objects_on_disk(archive_dir)
    if damage == "stray-version-folder":
        (seed_object / "v2").mkdir()
    elif damage == "inventory-removed":
        (seed_object / "inventory.json").unlink()
    elif damage == "inventory-cut-short":  # a copy interrupted: no longer JSON at all
        inventory = seed_object / "inventory.json"
        inventory.write_bytes(inventory.read_bytes()[:200])
    else:  # edited by hand, or damaged: a new version would carry it on under a new sidecar
        inventory = seed_object / "inventory.json"
        inventory.write_bytes(inventory.read_bytes().replace(b'"message": "',
                                                             b'"message": "ALTERED '))
    edited = edited_seed(tmp_path / "edited.md")
    result = run(runner, "ingest", edited, PAGE, "--archive", archive_dir, "--no-fetch",
                 "--json")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["failed", "added"]  # the other post still goes in
    assert "damaged" in rows[0]["error"] and "fsck" in rows[0]["hint"]
    assert not any((archive_dir / "extensions" / "archiver-staging").glob("*"))
    fsck = run(runner, "fsck", "--archive", archive_dir)
    assert fsck.exit_code == ExitCode.ARCHIVE and "Traceback" not in fsck.output
    again = run(runner, "ingest", edited, "--archive", archive_dir, "--no-fetch", "--json")
    assert again.exit_code == ExitCode.ARCHIVE, again.output  # still refused, no receipt
    if damage == "stray-version-folder":
        (seed_object / "v2").rmdir()
        repaired = run(runner, "ingest", edited, "--archive", archive_dir, "--no-fetch",
                       "--json")
        assert repaired.exit_code == ExitCode.OK, repaired.output
        assert [json.loads(line)["status"] for line in repaired.stdout.splitlines()] == [
            "updated"]


@pytest.mark.parametrize("index", ["{}", '{"x": 1}', "[]", '{"x": {"head": "latest"}}'])
def test_a_list_index_edited_by_hand_is_rebuilt_from_the_objects(runner, archive_dir, index):
    run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch")
    (archive_dir / "extensions" / "archiver-index" / "index.json").write_text(index)
    listed = run(runner, "list", "--archive", archive_dir, "--json")
    assert listed.exit_code == ExitCode.OK, listed.output
    assert len([json.loads(line) for line in listed.stdout.splitlines()]) == 2


def seed_moved_by_hand(runner, archive_dir):
    """The seed post ingested, its object folder then moved to 000/000/000/: its id, and
    the folder where it belongs."""
    first = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch", "--json")
    seed_id = json.loads(first.stdout.splitlines()[0])["id"]
    home = Archive.open(archive_dir).object_path(seed_id)
    elsewhere = archive_dir / "000" / "000" / "000" / home.name
    elsewhere.parent.mkdir(parents=True)
    home.rename(elsewhere)
    return seed_id, home


def test_a_post_whose_object_was_moved_by_hand_is_told_where_it_belongs(runner, archive_dir):
    """Not "deleted? ingest it again": that would start a second object with its id."""
    seed_moved_by_hand(runner, archive_dir)
    fsck = run(runner, "fsck", "--archive", archive_dir)
    assert fsck.exit_code == ExitCode.ARCHIVE
    assert "moved by hand? Move it back there" in fsck.stdout
    assert "the list index names this post" not in fsck.stdout


@pytest.mark.parametrize("command", [["show"], ["log"], ["diff"], ["show", "--json"]])
def test_reading_an_object_moved_by_hand_is_damage_that_says_where_it_belongs(
        runner, archive_dir, command):
    """Not "no object": the id is right, the folder is in the wrong place."""
    seed_id, home = seed_moved_by_hand(runner, archive_dir)
    moved = run(runner, command[0], seed_id, *command[1:], "--archive", archive_dir)
    assert moved.exit_code == ExitCode.ARCHIVE, moved.output
    assert "000/000/000" in moved.output
    assert f"whose place in the layout is {home.relative_to(archive_dir).as_posix()}" in \
        moved.output
    unknown = run(runner, command[0], "wx:t/0123456789abcdef01234567", *command[1:],
                  "--archive", archive_dir)
    assert unknown.exit_code == ExitCode.USAGE, unknown.output


def test_a_post_whose_object_was_deleted_is_reported_and_ingested_again(runner, archive_dir):
    first = run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch", "--json")
    seed_id = json.loads(first.stdout.splitlines()[0])["id"]
    shutil.rmtree(Archive.open(archive_dir).object_path(seed_id))

    fsck = run(runner, "fsck", "--archive", archive_dir)
    assert fsck.exit_code == ExitCode.ARCHIVE
    assert f"{seed_id}: the list index names this post" in fsck.stdout
    listed = run(runner, "list", "--archive", archive_dir, "--json")
    assert seed_id not in {json.loads(line)["id"] for line in listed.stdout.splitlines()}
    again = run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch", "--json")
    rows = [json.loads(line) for line in again.stdout.splitlines()]
    assert [(r["id"], r["status"]) for r in rows] == [(seed_id, "added"),
                                                       (rows[1]["id"], "unchanged")]


def test_archive_comes_from_the_environment(runner, archive_dir, monkeypatch):
    monkeypatch.setenv("ARCHIVER_ARCHIVE", str(archive_dir))
    assert run(runner, "ingest", SEED, "--no-fetch").exit_code == 0
    assert len(objects_on_disk(archive_dir)) == 1


def test_usage_error_exits_2(runner, archive_dir):
    result = run(runner, "ingest", SEED, "--no-such-option")
    assert result.exit_code == ExitCode.USAGE


@pytest.mark.parametrize(("args", "said", "command", "usage"), [
    (["ingest", "x.md", "--no-such-option"], "No such option: --no-such-option",
     "archiver ingest", "[OPTIONS] {PATH}..."),  # typer's braces: required
    (["show"], "Missing argument 'ID'.", "archiver show", "[OPTIONS] {ID}"),
    (["bogus"], "No such command 'bogus'.", "archiver", "[OPTIONS] COMMAND [ARGS]..."),
    (["refs", "bogus"], "No such command 'bogus'.", "archiver refs",
     "[OPTIONS] COMMAND [ARGS]..."),
    (["show", "x", "--format", "yaml"],
     "Invalid value for '--format' / '-f': 'yaml' is not one of 'json', 'markdown', 'text'.",
     "archiver show", "[OPTIONS] {ID}")])
def test_a_usage_error_is_said_as_every_error_is(runner, archive_dir, args, said, command,
                                                 usage):
    """`archiver: error: …` and a hint, as for every other error (a script can look for the
    one form), with the command's usage between: no box drawn around it."""
    result = run(runner, *args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines() == [f"archiver: error: {said}",
                                          f"  usage: {command} {usage}",
                                          f"  hint: `{command} -h` shows how it is used"]


@pytest.mark.parametrize(("args", "said", "hint"), [
    (["--archive", "/tmp/a b", "ingest", "examples"], "No such option: --archive",
     "options go after the command name: `archiver ingest examples --archive '/tmp/a b'`"),
    (["--json", "-q", "list", "--kind", "post"], "No such option: --json",
     "options go after the command name: `archiver list --kind post --json -q`"),
    (["--archive=x", "verify", "--offline"], "No such option: --archive",
     "options go after the command name: `archiver verify --offline --archive=x`"),
    (["--json", "refs", "parse", "refs.txt"], "No such option: --json",
     "options go after the command name: `archiver refs parse refs.txt --json`"),
    # an option's value that is also a command's name is the value
    (["--archive", "list", "list"], "No such option: --archive",
     "options go after the command name: `archiver list --archive list`"),
    (["-o", "export", "export", "html"], "No such option: -o",
     "options go after the command name: `archiver export html -o export`"),
    (["--archive", "x"], "No such option: --archive",
     "options go after the command name: `archiver COMMAND --archive …` "
     "(diff, export, fsck, ingest, list, log, show, verify)"),
    # an option no command takes, or one the named command does not: no command line given
    (["--bogus", "list"], "No such option: --bogus", "`archiver -h` shows how it is used"),
    (["--offline", "list"], "No such option: --offline", "`archiver -h` shows how it is used"),
    (["--json", "--bogus", "list"], "No such option: --json (Possible options: --version)",
     "`archiver -h` shows how it is used")])
def test_an_option_typed_before_the_command_name_is_shown_after_it(runner, args, said, hint):
    """`archiver --archive X ingest a.md` is a usage error (options go after the command
    name), and the hint gives the command line as it should have been typed: click's "No
    such option" alone reads as if the option did not exist at all."""
    result = run(runner, *args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines() == [f"archiver: error: {said}",
                                          "  usage: archiver [OPTIONS] COMMAND [ARGS]...",
                                          f"  hint: {hint}"]


@pytest.mark.parametrize(("args", "said", "command", "usage"), [
    (["show", "x", "--format"], "Option '--format' requires an argument.", "archiver show",
     "[OPTIONS] {ID}"),
    (["ingest", "x.md", "--archive"], "Option '--archive' requires an argument.",
     "archiver ingest", "[OPTIONS] {PATH}..."),
    (["ingest", "x.md", "--no-fetch=yes"], "Option '--no-fetch' does not take a value.",
     "archiver ingest", "[OPTIONS] {PATH}...")])
def test_an_option_missing_its_value_or_given_one_it_takes_none_is_said_as_every_error_is(
        runner, archive_dir, args, said, command, usage):
    """An option typed last without its value (`--format`), or a flag given one
    (`--no-fetch=yes`), is a usage error said as the others are: no box drawn around it."""
    result = run(runner, *args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines() == [f"archiver: error: {said}",
                                          f"  usage: {command} {usage}",
                                          f"  hint: `{command} -h` shows how it is used"]


def test_unknown_post_id_exits_2_with_hint(runner, archive_dir):
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    result = run(runner, "show", "wx:nothing", "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert "archiver: error:" in result.stderr and "no post with id 'wx:nothing'" in result.stderr
    assert "hint: `archiver list`" in result.stderr
    newline = run(runner, "show", "wx:\n", "--archive", archive_dir)
    assert "no post with id 'wx:\\n' in the archive" in newline.stderr  # escaped once


@pytest.mark.parametrize("version", ["", "v9", "latest"])
def test_a_version_that_is_not_the_posts_exits_2_never_showing_another(runner, archive_dir,
                                                                      version):
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    result = run(runner, "show", "wx:t/", "--archive", archive_dir, "--version", version)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == "" and "hint: versions: v1" in result.stderr


def test_verify_an_unknown_post_id_exits_2_as_show_does(runner, archive_dir, tmp_path,
                                                         monkeypatch):
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    # no archive yet: no such post, and no such file either
    result = run(runner, "verify", "nosuchid")
    assert result.exit_code == run(runner, "show", "nosuchid").exit_code == ExitCode.USAGE
    assert result.stderr.splitlines() == [
        "archiver: error: archive: no post with id 'nosuchid': no archive here yet",
        "  hint: no file has that name either; run `archiver ingest PATH --archive DIR` to "
        "archive posts"]
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    result = run(runner, "verify", "wx:nothing", "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == run(runner, "show", "wx:nothing", "--archive", archive_dir).stderr
    # a name that is a file's (it has a file's extension) is a missing file: bad input
    assert run(runner, "verify", "nosuch.txt").exit_code == ExitCode.BAD_INPUT
    assert run(runner, "verify", "posts/").exit_code == ExitCode.BAD_INPUT  # no archive here
    # and so is a folder's (a trailing slash) and a path (from the root, or from here): no id
    # is written so, and a mistyped folder in a CI job is a missing input, exit 4 as ingest's
    for named in (str(tmp_path / "posts") + "/", str(tmp_path / "posts"), "./posts",
                  "../posts"):
        result = run(runner, "verify", named, "--archive", archive_dir)
        assert result.exit_code == ExitCode.BAD_INPUT, named
        assert f"{named}: no such file" in result.stderr
    # written as an id, it is an unknown id (exit 2), never a folder
    assert run(runner, "verify", "wx:nothing/", "--archive", archive_dir).exit_code == \
        ExitCode.USAGE
    # a name ending with "/" that an id has is that post (a prefix of its id)
    result = run(runner, "verify", "wx:t/", "--archive", archive_dir,
                 "--crossref-url", "http://127.0.0.1:9/")
    assert result.exit_code == ExitCode.UNCHECKED and "unresolved" in result.stdout


EXPORTER_PAGE = WECHAT / "html" / "wechat-article-exporter__普通图文-04.html"


@pytest.mark.parametrize("address", [
    "https://mp.weixin.qq.com/s?__biz=MzI2NTE1NDc3NA==&mid=2650512939&idx=1&sn=0f#rd",
    "mp.weixin.qq.com/s?__biz=MzI2NTE1NDc3NA==&mid=2650512939&idx=1",
    "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw"])  # the other post's short address
def test_a_post_is_named_by_its_wechat_address_as_a_reader_copies_it(runner, archive_dir,
                                                                    address):
    run(runner, "ingest", PAGE, EXPORTER_PAGE, "--archive", archive_dir, "--no-fetch")
    shown = run(runner, "show", address, "--archive", archive_dir, "--json")
    assert shown.exit_code == 0, shown.output
    expected = ("wx:MzIxMTgzNjE5MA==/2247494261/1" if "/s/" in address
                else "wx:MzI2NTE1NDc3NA==/2650512939/1")
    assert json.loads(shown.stdout)["id"] == expected
    assert run(runner, "log", address, "--archive", archive_dir).exit_code == 0


def test_an_address_of_no_archived_post_or_of_no_article_is_said_so(runner, archive_dir):
    run(runner, "ingest", PAGE, "--archive", archive_dir, "--no-fetch")
    missing = run(runner, "show", "https://mp.weixin.qq.com/s/notarchived0", "--archive",
                  archive_dir)
    assert missing.exit_code == ExitCode.USAGE
    assert "no post archived from 'https://mp.weixin.qq.com/s/notarchived0' (its id would " \
           "be 'wx:s/notarchived0')" in missing.stderr
    for address, lacking in [
            ("https://example.com/post", "it is not on mp.weixin.qq.com but on example.com"),
            ("https://mp.weixin.qq.com/s?__biz=MzI2NTE1NDc3NA==&mid=2650512939",
             "it gives no idx"),
            ("https://mp.weixin.qq.com/s/PrefixTok", "its token 'PrefixTok' is too short"),
            ("https://mp.weixin.qq.com/s?__biz=a%0Ab&mid=1&idx=1",
             "its __biz is not one WeChat writes"),
            ("https://mp.weixin.qq.com/mp/appmsg/show?__biz=x&appmsgid=1&itemidx=1",
             "its path /mp/appmsg/show is no article's")]:
        other = run(runner, "show", address, "--archive", archive_dir)
        assert other.exit_code == ExitCode.USAGE
        assert f"{address!r} names no WeChat article: {lacking}" in other.stderr
    broken = run(runner, "show", "https://[bad/s", "--archive", archive_dir)
    assert broken.exit_code == ExitCode.USAGE, broken.output  # was a bug's exit 70
    assert "'https://[bad/s' is no address (a bracket in its host)" in broken.stderr


def test_bad_input_exits_4_naming_the_file_and_writes_nothing(runner, archive_dir, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    before = sorted(p.relative_to(archive_dir) for p in archive_dir.rglob("*")
                    if "extensions" not in p.parts)
    result = run(runner, "ingest", empty, notes, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"archiver: error: {empty}: file is empty" in result.stderr
    assert "hint: an interrupted save or copy? save the post again" in result.stderr
    assert f"archiver: error: {notes}: not a supported saved post" in result.stderr
    after = sorted(p.relative_to(archive_dir) for p in archive_dir.rglob("*")
                   if "extensions" not in p.parts)
    assert after == before


def test_a_folder_given_to_refs_parse_is_bad_input_worded_as_for_ingest(runner, tmp_path):
    folder = tmp_path / "refs.txt"
    folder.mkdir()
    result = run(runner, "refs", "parse", folder)
    assert result.exit_code == ExitCode.BAD_INPUT, result.output
    assert result.stderr.startswith(f"archiver: error: {folder}: is a folder, not a file")


def test_refs_parse_reads_a_line_as_an_editor_counts_it(runner, tmp_path):
    """One result a line, as the file's lines are numbered by an editor and by `wc -l`: a form
    feed (pdftotext's page break inside a reference), NEL or a line separator inside a line is
    a space in it, not the end of a line; CR LF ends one."""
    refs = tmp_path / "refs.txt"
    refs.write_bytes("Smith, J. (2020). A title\x0cbroken by a page. Nature, 1(2), 3-4.\r\n"
                     "Jones, K. (2019). Other\u2028title. Cell, 5, 6-7.\n"
                     "Lee, M. (2018). Third\x85one. Science, 7, 8.\n".encode())
    result = run(runner, "refs", "parse", refs, "--json")
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(item["id"], item["title"]) for item in items] == [
        ("ref1", "A title broken by a page"), ("ref2", "Other title"), ("ref3", "Third one")]


def test_malformed_front_matter_exits_4_with_line(runner, archive_dir, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\nbody mmbiz\n", encoding="utf-8")
    result = run(runner, "ingest", bad, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert re.search(rf"{re.escape(str(bad))}: front matter is not valid YAML", result.stderr)
    assert objects_on_disk(archive_dir) == []


def test_missing_file_exits_4(runner, archive_dir, tmp_path):
    result = run(runner, "ingest", tmp_path / "nope.md", "--archive", archive_dir)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "nope.md: no such file" in result.stderr


def test_an_ingest_that_archives_nothing_makes_no_archive(runner, archive_dir, tmp_path):
    """A mistyped name, a file that is no post, one its reader cannot read (front matter
    that is not YAML), one whose body the cleaning cannot read whole (nested too deep), or a
    post under a name that is not UTF-8 leaves no empty archive behind."""
    other = tmp_path / "notes.txt"
    other.write_text("not a post\n", encoding="utf-8")
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\nbody mmbiz\n", encoding="utf-8")
    deep = tmp_path / "deep.html"
    deep.write_text('<html><body><div id="js_content">' + "<div>" * 300 + "正文"
                    + "</div>" * 301 + '<script>var msg_title = "t";</script></body></html>',
                    encoding="utf-8")
    odd = os.path.join(os.fsencode(tmp_path), "测试".encode("gbk") + b".md")
    shutil.copy(SEED, odd)
    result = run(runner, "ingest", tmp_path / "nope.md", other, broken, deep,
                 os.fsdecode(odd), "--archive", archive_dir, "--verify", "--offline", "--json")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "nope.md: no such file" in result.stderr
    assert "notes.txt: not a supported saved post" in result.stderr
    assert "broken.md: front matter is not valid YAML" in result.stderr
    assert "deep.html: HTML nested more than 255 elements deep" in result.stderr
    assert re.search(r"xb2\W+xe2\W+xca\W+xd4\.md: its name \(or its folder's\) is not valid "
                     "UTF-8", result.stderr)
    assert f"nothing archived, so {archive_dir} was not created" in result.stderr
    assert not archive_dir.exists()
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("status") for line in lines[:5]] == ["failed"] * 5
    assert lines[-1]["citations"] == [] and lines[-1]["summary"]["total"] == 0


def test_an_empty_folder_given_as_the_archive_is_not_said_to_be_missing(runner, archive_dir,
                                                                        tmp_path):
    archive_dir.mkdir()
    result = run(runner, "ingest", tmp_path / "nope.md", "--archive", archive_dir)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"nothing archived, so {archive_dir} was not made an archive" in result.stderr
    assert list(archive_dir.iterdir()) == []


def test_one_post_among_failures_makes_the_archive(runner, archive_dir, tmp_path):
    result = run(runner, "ingest", tmp_path / "nope.md", SEED, "--archive", archive_dir,
                 "--no-fetch")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"1 added; 1 input(s) failed → {archive_dir}" in result.stderr
    assert len(objects_on_disk(archive_dir)) == 1


def test_folder_walk_skips_files_that_are_not_posts(runner, archive_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder)
    (folder / "README.md").write_text("# my notes\n\nnothing to see\n")
    result = run(runner, "ingest", folder, "--archive", archive_dir, "--no-fetch", "--json")
    assert result.exit_code == ExitCode.OK
    statuses = sorted(json.loads(line)["status"] for line in result.stdout.splitlines())
    assert statuses == ["added", "skipped"]


def test_folder_walk_passes_over_a_saved_pages_folder_in_any_browsers_language(tmp_path):
    """Firefox names a saved page's folder in its user's language (``-Dateien``,
    ``_fichiers``): its frames (a page with WeChat's markers among them) are the page's, no
    posts of their own, as in Chrome's ``_files``. A folder its user named after the page
    (``post-archive``) is walked: it may hold posts."""
    from archiver.discover import discover

    folder = tmp_path / "in"
    for name in ("post_files", "post-Dateien", "post_fichiers", "post-archive", "other-Dateien"):
        (folder / name).mkdir(parents=True)
        (folder / name / "frame.html").write_text("<div id=js_content>x</div>")
    (folder / "post.html").write_text("<div id=js_content>x</div>")
    found = [path.relative_to(folder).as_posix() for path, _ in discover([folder])]
    assert found == ["post.html", "other-Dateien/frame.html", "post-archive/frame.html"]


@pytest.mark.parametrize("declaration", ["0=ocfl_1.1", "0=ocfl_1.0"])
def test_folder_walk_skips_another_archive_inside_the_folder(runner, archive_dir, tmp_path,
                                                              declaration):
    """An older archive kept beside the posts holds copies of them (``source/``): they are
    not posts to ingest again, whatever OCFL version it declares."""
    folder = tmp_path / "posts"
    folder.mkdir()
    shutil.copy(SEED, folder)
    run(runner, "ingest", folder, "--archive", folder / "old-archive", "--no-fetch")
    (folder / "old-archive" / "0=ocfl_1.1").rename(folder / "old-archive" / declaration)
    result = run(runner, "ingest", folder, "--archive", archive_dir, "--no-fetch", "--json")
    assert result.exit_code == ExitCode.OK, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["status"], Path(r["source"]).name, r["kind"]) for r in rows] == [
        ("added", SEED.name, "article"), ("skipped", "old-archive", "archive")]
    assert "not new posts" in rows[1]["error"]
    # passed over, and said so: a line, and the summary counts it
    said = run(runner, "ingest", folder, "--archive", archive_dir, "--no-fetch")
    assert f"skipped {folder / 'old-archive'}: an archive (an OCFL storage root)" in said.stderr
    assert "1 post(s): 1 unchanged; 1 archive folder(s) passed over" in said.stderr


def test_a_stored_sources_folder_given_is_ingested_into_another_archive(
        runner, archive_dir, tmp_path):
    """Only an archive's own folders are passed over whole: a folder inside an object (its
    ``v1/content/source``) holds the source as it came, which may be ingested again into
    another archive on purpose, and is."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    (source,) = archive_dir.rglob("v1/content/source")
    again = run(runner, "ingest", source, "--archive", tmp_path / "other", "--no-fetch",
                "--json")
    assert again.exit_code == ExitCode.OK, again.output
    assert json.loads(again.stdout)["status"] == "added"


def test_a_copy_of_one_archived_posts_folder_beside_the_posts_is_said_to_be_one(
        runner, archive_dir, tmp_path):
    """An OCFL object copied out of an archive (one post's folder) is an archived post, not
    an archive: passed over as the storage root is, and named for what it is."""
    folder = tmp_path / "posts"
    folder.mkdir()
    shutil.copy(SEED, folder)
    run(runner, "ingest", SEED, "--archive", tmp_path / "old", "--no-fetch")
    (obj,) = [p.parent for p in (tmp_path / "old").rglob("0=ocfl_object_1.1")]
    shutil.copytree(obj, folder / "copied")
    said = run(runner, "ingest", folder, "--archive", archive_dir, "--no-fetch")
    assert said.exit_code == ExitCode.OK, said.output
    assert (f"skipped {folder / 'copied'}: an archived post (an OCFL object) inside a folder "
            "given") in said.stderr
    assert "1 post(s): 1 added; 1 archive folder(s) passed over" in said.stderr


def test_a_file_given_twice_or_also_inside_a_given_folder_is_ingested_once(
        runner, archive_dir, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder)
    (folder / "notes.md").write_text("# my notes\n")  # skipped in the folder, failed by name
    monkeypatch.chdir(folder)
    result = run(runner, "ingest", SEED.name, f"./{SEED.name}", folder, folder / SEED.name,
                 folder / "notes.md", "--archive", archive_dir, "--no-fetch", "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(Path(r["source"]).name, r["status"]) for r in rows] == [
        (SEED.name, "added"), ("notes.md", "failed")]
    assert result.exit_code == ExitCode.BAD_INPUT


def test_a_folder_given_twice_or_through_a_link_is_walked_once(runner, archive_dir,
                                                               tmp_path, monkeypatch):
    """``in in/ in/sub/up`` (a link back to in): each post once, each bad file reported once."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED, folder)
    (folder / "empty.html").write_text("")
    (folder / "sub" / "up").symlink_to(folder)
    (folder / "alias.md").symlink_to(folder / SEED.name)
    monkeypatch.chdir(tmp_path)
    result = run(runner, "ingest", "in", "in/", folder / "sub" / "up", folder / "alias.md",
                 "--archive", archive_dir, "--no-fetch", "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted((r["status"], Path(r["source"]).name) for r in rows) == [
        ("added", "alias.md"), ("failed", "empty.html")]  # the link came first, in name order


@pytest.mark.parametrize("command", [["ingest", ""], ["ingest", SEED, ""], ["verify", ""],
                                     ["show", ""], ["export", "bibtex", ""],
                                     ["refs", "parse", ""]])
def test_an_empty_argument_is_a_usage_error_never_the_working_folder(runner, archive_dir,
                                                                     tmp_path, monkeypatch,
                                                                     command):
    """An unset "$DIR" in a script: the working folder is not ingested or checked, nor every
    post exported."""
    shutil.copy(SEED, tmp_path)
    monkeypatch.chdir(tmp_path)
    if command[0] in ("show", "export"):
        run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    before = sorted(p.name for p in archive_dir.rglob("*")) if archive_dir.exists() else []
    result = run(runner, *command, *([] if command[0] == "refs" else ["--archive", archive_dir]))
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "error: an empty" in result.stderr and "unset or empty" in result.stderr
    assert result.stdout == ""
    after = sorted(p.name for p in archive_dir.rglob("*")) if archive_dir.exists() else []
    assert after == before


def test_a_file_name_with_a_line_break_or_an_escape_sequence_is_printed_escaped(
        runner, archive_dir, tmp_path):
    """A name is printed as one line and never obeyed by the terminal (ESC ] 0 ; sets the
    window's title), and the backslash beginning an escape is escaped too (a name holding
    one was printed as the one holding a line break); --json keeps the name as it is."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nb.html").write_text("")
    (folder / "c\x1b]0;owned\x07d.html").write_text("")
    (folder / "a\\nb.html").write_text("")
    result = run(runner, "ingest", folder / "a\nb.html", folder / "c\x1b]0;owned\x07d.html",
                 folder / "a\\nb.html", "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert errors == [f"archiver: error: {folder}/a\\nb.html: file is empty",
                      f"archiver: error: {folder}/c\\x1b]0;owned\\x07d.html: file is empty",
                      f"archiver: error: {folder}/a\\\\nb.html: file is empty"]
    rows = run(runner, "ingest", folder / "a\nb.html", "--archive", archive_dir, "--no-fetch",
               "--json").stdout.splitlines()
    assert [json.loads(row)["source"] for row in rows] == [str(folder / "a\nb.html")]


def test_a_title_that_would_reorder_the_screen_is_shown_with_its_controls_escaped(
        runner, archive_dir, tmp_path):
    """A title holding U+202E (RIGHT-TO-LEFT OVERRIDE) shows what follows it reversed and may
    pass for another title: ingest, list and show write that character as its escape, while
    the record, --json and the exports keep it, as data."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: \"invoice\u202efdp.exe\"\n---\n\n正文 mmbiz。\n",
                    encoding="utf-8")
    ingested = run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    listed = run(runner, "list", "--archive", archive_dir)
    [post_id] = Archive.open(archive_dir).object_ids()
    shown = run(runner, "show", post_id, "--archive", archive_dir)
    for result in (ingested, listed, shown):
        assert "invoice\\u202efdp.exe" in result.stdout and "\u202e" not in result.stdout
    record = json.loads(run(runner, "show", post_id, "--json", "--archive", archive_dir).stdout)
    assert record["title"] == "invoice\u202efdp.exe"
    # ... and diff, where the title and a body line changed with the control in them
    addressed = tmp_path / "addressed.md"
    for title, body in (("invoice", "正文 mmbiz。"),
                        ("invoice\u202efdp.com", "正文\u202e \x1b[31mmmbiz。")):
        addressed.write_text(f"---\ntitle: \"{title}\"\nurl: https://mp.weixin.qq.com/s/"
                             f"AAAAAAAAAAAAAAAAAAAA12\n---\n\n{body}\n", encoding="utf-8")
        run(runner, "ingest", addressed, "--archive", archive_dir, "--no-fetch")
    changed = run(runner, "diff", "wx:s/AAAAAAAAAAAAAAAAAAAA12", "--archive", archive_dir)
    assert changed.exit_code == 0, changed.output
    assert "invoice\\u202efdp.com" in changed.stdout and "正文\\u202e" in changed.stdout
    assert "\u202e" not in changed.stdout and "\x1b" not in changed.stdout, changed.stdout
    assert "\\x1b[31mmmbiz" in changed.stdout  # (an escape sequence is shown, not obeyed)
    shown_now = run(runner, "show", "wx:s/AAAAAAAAAAAAAAAAAAAA12", "--archive", archive_dir)
    assert "正文\\u202e \\x1b[31mmmbiz。" in shown_now.stdout, shown_now.stdout  # (its body)
    assert "\u202e" not in shown_now.stdout and "\x1b" not in shown_now.stdout


def test_a_source_named_with_a_line_break_is_one_line_in_log_diff_and_the_summary(
        runner, tmp_path):
    """The version message names the file ingested, and diff the files of the version: each
    is printed escaped on its line (--json keeps them as they are), as the archive's folder
    is in ingest's summary."""
    archive = tmp_path / "ar\nchive"
    first, second = tmp_path / "a\nb.md", tmp_path / "c\x1bd.md"
    text = SEED.read_text(encoding="utf-8")
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("**作品简介**", "**作品简介（改）**"), encoding="utf-8")
    ingested = run(runner, "ingest", first, "--archive", archive, "--no-fetch")
    assert ingested.stderr.splitlines()[-1] == \
        f"1 post(s): 1 added → {tmp_path}/ar\\nchive"
    run(runner, "ingest", second, "--archive", archive, "--no-fetch")
    [post_id] = Archive.open(archive).object_ids()
    log = run(runner, "log", post_id, "--archive", archive).stdout.splitlines()
    folder = tmp_path.name  # the folder a file is in is named with it
    assert [line.split("  ")[-2] for line in log] == [f"ingest {folder}/c\\x1bd.md",
                                                       f"ingest {folder}/a\\nb.md"]
    assert json.loads(run(runner, "log", post_id, "--archive", archive, "--json").stdout)[
        "versions"][0]["message"] == f"ingest {folder}/a\nb.md"
    files = [line for line in run(runner, "diff", post_id, "--archive", archive).stdout
             .splitlines() if line.startswith("file ")]
    assert "file added: source/c\\x1bd.md" in files
    assert "file removed: source/a\\nb.md" in files and "\x1b" not in "".join(files)


def test_a_link_to_a_file_that_is_gone_says_so(runner, archive_dir, tmp_path):
    link = tmp_path / "post.html"
    link.symlink_to(tmp_path / "moved" / "post.html")
    result = run(runner, "ingest", link, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert (f"archiver: error: {link}: a symbolic link to {tmp_path / 'moved' / 'post.html'}, "
            "which does not exist") in result.stderr


def test_an_asset_root_that_does_not_exist_is_a_usage_error(runner, archive_dir, tmp_path):
    result = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                 "--asset-root", tmp_path / "nowhere")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == (
        f"archiver: error: option --asset-root: setting 'asset_roots' names "
        f"'{tmp_path / 'nowhere'}': no such folder")
    assert not archive_dir.exists()


@pytest.mark.parametrize(("line", "message"), [
    ("max_image_bytes = -1",
     "setting 'max_image_bytes' is -1: it must be a whole number of bytes greater than 0"),
    ("http_timeout = -5", "setting 'http_timeout' is -5: it must be a number of seconds "
                          "greater than 0, at most 3600"),
    ('asset_roots = ["/nonexistent"]', "setting 'asset_roots' names '/nonexistent': no such "
                                       "folder"),
])
def test_a_bad_value_in_archiver_toml_is_a_usage_error_before_anything_is_written(
        runner, archive_dir, tmp_path, line, message):
    toml = tmp_path / "archiver.toml"
    toml.write_text(line + "\n", encoding="utf-8")
    result = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == f"archiver: error: {toml}: {message}"
    assert result.stderr.splitlines()[1].startswith("  hint: correct or remove ")
    assert result.stdout == "" and not archive_dir.exists()


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("ARCHIVER_ASSET_ROOTS", "/nonexistent", "setting 'asset_roots' names '/nonexistent': no "
                                             "such folder"),
    # a tab in a name is shown as \t, once: what the user typed, made visible
    ("ARCHIVER_USER_NAME", "Li\tHua", "setting 'user_name' is 'Li\\tHua': it holds U+0009, "
                                      "which no name holds")])
def test_a_bad_environment_variable_is_named_as_such(runner, archive_dir, monkeypatch,
                                                     variable, value, message):
    monkeypatch.setenv(variable, value)
    result = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == (
        f"archiver: error: environment variable {variable}: {message}")
    assert not archive_dir.exists()


def test_an_invisible_character_in_a_refused_value_is_shown(runner, archive_dir, monkeypatch):
    """A zero-width space must not make "nobody\u200b@" read "nobody@"."""
    monkeypatch.setenv("ARCHIVER_MAILTO", "nobody\u200b@")
    result = run(runner, "verify", "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert "setting 'mailto' is 'nobody\\u200b@'" in result.stderr


def test_a_variable_an_option_also_reads_is_named_as_the_variable(runner, archive_dir,
                                                                  monkeypatch):
    # typer fills --crossref-url and --mailto from these: the user set the variable
    monkeypatch.setenv("ARCHIVER_CROSSREF_URL", "api.crossref.org")
    result = run(runner, "verify", "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("archiver: error: environment variable "
                                    "ARCHIVER_CROSSREF_URL: setting 'crossref_url' is "
                                    "'api.crossref.org'")
    monkeypatch.delenv("ARCHIVER_CROSSREF_URL")
    monkeypatch.setenv("ARCHIVER_MAILTO", "nobody")
    result = run(runner, "verify", "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("archiver: error: environment variable ARCHIVER_MAILTO: "
                                    "setting 'mailto' is 'nobody'")


def test_a_bad_option_value_is_named_as_the_option(runner, archive_dir):
    result = run(runner, "verify", "--archive", archive_dir, "--crossref-url", "ftp://x",
                 "--mailto", "archivist@example.org")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines() == [
        "archiver: error: option --crossref-url: setting 'crossref_url' is 'ftp://x': it must "
        "be an http or https URL with a host name",
        "  hint: correct the value of --crossref-url; e.g. https://api.crossref.org (the "
        "default)"]


def test_a_folder_of_links_to_save_folders_says_its_links_are_not_followed(
        runner, archive_dir, tmp_path):
    """An inbox of links to save folders kept elsewhere: the walk follows no link to a
    folder (one may lead anywhere), and says so, with how to give them, not that the folder
    holds no saved post as if it were empty."""
    inbox = tmp_path / "my inbox"
    inbox.mkdir()
    (inbox / "post1").symlink_to(WECHAT / "html-with-assets", target_is_directory=True)
    result = run(runner, "ingest", inbox, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.USAGE
    assert f"{inbox}: no saved posts in this folder: the 1 link(s) to folders in it are " \
           "not followed" in result.stderr
    assert f"archiver ingest '{inbox}'/*" in result.stderr  # to be pasted into a shell
    given = run(runner, "ingest", *sorted(inbox.iterdir()), "--archive", archive_dir,
                "--no-fetch", "--json")
    assert given.exit_code == ExitCode.OK, given.stderr
    assert {json.loads(line)["status"] for line in given.stdout.splitlines()} >= {"added"}


def test_a_folder_without_posts_is_an_error_and_no_summary(runner, archive_dir, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run(runner, "ingest", tmp_path / "empty", "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert f"archiver: error: {tmp_path / 'empty'}: no saved posts in this folder" \
        in result.stderr
    assert "post(s)" not in result.stderr
    (tmp_path / "also-empty").mkdir()
    both = run(runner, "ingest", tmp_path / "empty", tmp_path / "also-empty", "--archive",
               archive_dir)
    assert both.exit_code == ExitCode.USAGE
    assert (f"no saved posts found in the given paths ({tmp_path / 'empty'}, "
            f"{tmp_path / 'also-empty'})") in both.stderr


def test_the_hints_on_formats_name_every_suffix_read(runner, archive_dir, tmp_path):
    """The hint after a file no reader takes, and after a folder without posts, names every
    suffix a post is read from; verify's names the files of references it reads too."""
    from archiver.readers import SUFFIX_NAMES, SUFFIXES
    assert {Path("x" + name).suffix for name in SUFFIX_NAMES} == SUFFIXES
    notes = tmp_path / "refs.text"
    notes.write_text("Smith J. A title. Nature. 2020.\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    ingested = run(runner, "ingest", notes, "--archive", archive_dir)
    no_posts = run(runner, "ingest", tmp_path / "empty", "--archive", archive_dir)
    for result in (ingested, no_posts):
        [hint] = [line for line in result.stderr.splitlines() if line.startswith("  hint: ")]
        assert all(re.search(re.escape(name) + r"\b(?!\.)", hint) for name in SUFFIX_NAMES), hint
        assert ".txt" not in hint and ".bib" not in hint  # ingest reads no references
    for name in ("refs.text", "README.md"):
        path = tmp_path / name
        path.write_text("Smith J. A title. Nature. 2020.\n", encoding="utf-8")
        verified = run(runner, "verify", path, "--archive", archive_dir, "--offline")
        assert verified.exit_code == ExitCode.BAD_INPUT
        assert f"archiver: error: {path}: not a supported saved post" in verified.stderr
        [hint] = [line for line in verified.stderr.splitlines() if line.startswith("  hint: ")]
        assert all(name in hint for name in SUFFIX_NAMES)
        assert hint.endswith("; and references, one per line (.txt) or BibTeX (.bib)")


def test_a_folder_of_other_files_is_a_folder_without_posts_for_ingest_and_verify(
        runner, archive_dir, tmp_path):
    """Notes beside no post are skipped, as in any folder, and then the run has found no post:
    the same usage error as an empty folder, for ingest and for verify alike."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ideas.md").write_text("# my notes\n", encoding="utf-8")
    ingest = run(runner, "ingest", notes, "--archive", archive_dir)
    assert ingest.exit_code == ExitCode.USAGE
    assert "skipped" in ingest.stderr and "ideas.md" in ingest.stderr
    assert f"{notes}: no saved posts in this folder (1 other file(s) skipped" in ingest.stderr
    assert not archive_dir.exists()
    (tmp_path / "empty").mkdir()
    for folder in (notes, tmp_path / "empty"):
        verify = run(runner, "verify", folder, "--archive", archive_dir)
        assert verify.exit_code == ExitCode.USAGE
        assert "no saved posts in this folder" in verify.stderr


def test_stderr_in_a_file_holds_messages_and_no_trace_of_the_bar(tmp_path):
    with (tmp_path / "out.txt").open("w") as out:  # a file, as `> out.txt` gives
        result = subprocess.run([sys.executable, "-m", "archiver", "ingest", SEED, PAGE,
                                 "--archive", tmp_path / "a", "--no-fetch"],
                                stdout=out, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == ExitCode.OK
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("2 post(s): 2 added")
    assert "" not in lines and "━" not in result.stderr


def test_stdout_is_utf8_whatever_encoding_the_environment_names(runner, archive_dir, tmp_path):
    """The data a command writes is UTF-8 even where the environment names another encoding
    (PYTHONIOENCODING=ascii; a Windows code page when redirected): the same bytes as under
    UTF-8, never a crash (exit 70) part-way through, nor '?' in place of a title. Messages on
    stderr keep that encoding, what it cannot hold escaped: a Chinese file name is named."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    post = Archive.open(archive_dir).object_ids()[0]
    commands = [["show", post], ["show", post, "--format", "markdown"], ["show", post, "--json"],
                ["list"], ["list", "--json"], ["log", "--json"], ["export", "bibtex"],
                ["export", "csl-json"]]
    for command in commands:
        out = {}
        for encoding in ("ascii", "utf-8-sig", "utf-16", "utf-8"):
            result = subprocess.run([sys.executable, "-m", "archiver", *command, "--archive",
                                     archive_dir], capture_output=True, timeout=120,
                                    env={**os.environ, "PYTHONIOENCODING": encoding})
            assert result.returncode == ExitCode.OK, (command, result.stderr)
            out[encoding] = result.stdout
        assert out["ascii"] == out["utf-8-sig"] == out["utf-16"] == out["utf-8"], command
        assert command[0] == "log" or "龙与熊之间".encode() in out["ascii"], command
    named = tmp_path / "坏的.md"
    named.write_text("not a post\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "archiver", "ingest", named, "--archive",
                             archive_dir], capture_output=True, timeout=120,
                            env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == ExitCode.BAD_INPUT
    assert b"\\u574f\\u7684.md: not a supported saved post" in result.stderr


def test_an_id_prefix_matching_many_posts_names_five_and_counts_the_rest(runner,
                                                                          archive_dir):
    run(runner, "ingest", WECHAT / "markdown", "--archive", archive_dir, "--no-fetch")
    result = run(runner, "show", "wx:", "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    total = len(Archive.open(archive_dir).object_ids())
    assert total > 5
    assert f"archiver: error: {archive_dir}: 'wx:' matches {total} posts: " in result.stderr
    assert f", and {total - 5} more" in result.stderr


def test_verify_piped_into_a_reader_that_stops_still_exits_with_its_verdict(tmp_path):
    """`archiver verify refs.txt --offline | head -0`: unresolved citations exit 3, not 0."""
    refs = tmp_path / "refs.txt"
    refs.write_text("Vanderhill R, Joireman SF, Tulepbayeva R. Between the bear and the dragon: "
                    "multivectorism in Kazakhstan. International Affairs. 2020;96(4):975-993. "
                    "doi:10.1093/ia/iiaa061\n", encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "ARCHIVER_CACHE_DIR": str(tmp_path / "cache")}
    try:
        result = subprocess.run([sys.executable, "-m", "archiver", "verify", refs, "--offline",
                                 "--archive", tmp_path / "none"], stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=120, env=env)
    finally:
        os.close(write_end)
    assert result.returncode == ExitCode.UNCHECKED, result.stderr
    assert "1 unresolved" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"], ["refs", "parse", "--help"],
                                  ["--version"]])
def test_help_read_by_a_reader_that_stops_exits_0(args):
    """`archiver --help | head -1`: what was asked for was shown as far as it was read; the
    exit code is 0, not click's 1 (for verify, "a citation is wrong")."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "archiver", *args], stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("streams", ["stderr", "both"])
def test_a_reader_of_the_messages_that_stops_changes_no_exit_code(tmp_path, streams):
    """`archiver verify … 2>&1 | head -1`: the messages written after the reader left (the
    progress, the summary) are lost; the exit codes are the usual ones, not click's 1."""
    refs = tmp_path / "refs.txt"
    refs.write_text("Vanderhill R, Joireman SF, Tulepbayeva R. Between the bear and the dragon: "
                    "multivectorism in Kazakhstan. International Affairs. 2020;96(4):975-993. "
                    "doi:10.1093/ia/iiaa061\n", encoding="utf-8")
    env = {**os.environ, "ARCHIVER_CACHE_DIR": str(tmp_path / "cache")}
    archive = tmp_path / "archive"
    codes = []
    for args in (["ingest", SEED, "--archive", archive, "--no-fetch"],
                 ["ingest", SEED, "--archive", archive, "--no-fetch"],  # unchanged
                 ["verify", refs, "--offline", "--archive", archive]):
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            codes.append(subprocess.run(
                [sys.executable, "-m", "archiver", *map(str, args)], stderr=write_end,
                stdout=write_end if streams == "both" else subprocess.DEVNULL, timeout=120,
                env=env).returncode)
        finally:
            os.close(write_end)
    assert codes == [0, 0, ExitCode.UNCHECKED]


def _archiver(*args, **streams) -> subprocess.CompletedProcess:
    """The installed command line in a process of its own, its streams as given."""
    return subprocess.run([sys.executable, "-m", "archiver", *map(str, args)], text=True,
                          timeout=120, **{"stderr": subprocess.PIPE, **streams})


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_named_and_exits_2_never_an_archive_problem(
        tmp_path):
    """`archiver … > /dev/full`: standard output (or the -o file) is named with the reason,
    and every command exits 2, as `export -o FILE` did; nothing says the archive failed or
    that its disk is full. An ingest archives its posts all the same."""
    archive = tmp_path / "archive"
    post = tmp_path / "post.md"
    text = SEED.read_text(encoding="utf-8")
    post.write_text(text, encoding="utf-8")
    with open("/dev/full", "w") as full:
        ingest = _archiver("ingest", post, "--archive", archive, "--no-fetch", stdout=full)
        assert ingest.returncode == ExitCode.USAGE, ingest.stderr
        assert ("archiver: error: standard output: cannot write it (No space left on device)"
                in ingest.stderr.splitlines())
        assert "the posts are archived all the same" in ingest.stderr
        assert "1 post(s): 1 added" in ingest.stderr
        [post_id] = Archive.open(archive).object_ids()  # archived
        post.write_text(text.replace("**作品简介**", "**作品简介（改）**"), encoding="utf-8")
        assert _archiver("ingest", post, "--archive", archive, "--no-fetch", "--json",
                         stdout=full).returncode == ExitCode.USAGE
        assert len(Archive.open(archive).versions(post_id)) == 2
        for command in (["list"], ["list", "--json"], ["show", post_id], ["log", post_id],
                        ["diff", post_id], ["export", "bibtex"], ["export", "ris", "-o", "-"],
                        ["verify", post_id, "--offline"], ["verify", "--offline", "--json"],
                        ["refs", "parse", SEED], ["--version"], ["list", "--help"]):
            archive_option = [] if command[0] in ("refs", "--version") or "--help" in command \
                else ["--archive", archive]
            result = _archiver(*command, *archive_option, stdout=full,
                               env={**os.environ, "ARCHIVER_CACHE_DIR": str(tmp_path / "c")})
            assert result.returncode == ExitCode.USAGE, (command, result.stderr)
            assert ("archiver: error: standard output: cannot write it (No space left on "
                    "device)") in result.stderr.splitlines(), command
            assert "archive" not in result.stderr.replace("archiver:", ""), command
            assert "Traceback" not in result.stderr and "disk is full" not in result.stderr
    for option in ("-o", "--output"):
        named = _archiver("export", "bibtex", option, "/dev/full", "--archive", archive,
                          stdout=subprocess.DEVNULL)
        assert named.returncode == ExitCode.USAGE
        assert named.stderr.splitlines()[0] == ("archiver: error: /dev/full: cannot write it "
                                                "(No space left on device)")


def test_a_closed_standard_output_is_named_and_exits_2_and_ingest_still_archives(tmp_path):
    """`archiver … >&-`: standard output closed before the command starts is output that
    cannot be written, said as such (exit 2), never an internal error (it was exit 70); an
    ingest archives every post all the same, and no archive file takes its descriptor."""
    archive = tmp_path / "archive"

    def closed(*args: object) -> subprocess.CompletedProcess:
        return _archiver(*args, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1),
                         env={**os.environ, "ARCHIVER_CACHE_DIR": str(tmp_path / "c")})

    ingest = closed("ingest", SEED, PAGE, "--archive", archive, "--no-fetch")
    assert ingest.returncode == ExitCode.USAGE, ingest.stderr
    assert ("archiver: error: standard output: cannot write it (Bad file descriptor)"
            in ingest.stderr.splitlines())
    assert "2 post(s): 2 added" in ingest.stderr
    post_id = sorted(Archive.open(archive).object_ids())[0]
    assert _archiver("fsck", "--archive", archive, stdout=subprocess.PIPE).returncode == 0
    for command in (["list"], ["list", "--json"], ["show", post_id], ["log", post_id],
                    ["export", "bibtex"], ["export", "ris", "-o", "-"],
                    ["verify", post_id, "--offline", "--junit", "-"], ["refs", "parse", SEED],
                    ["--version"]):
        archive_option = [] if command[0] in ("refs", "--version") else ["--archive", archive]
        result = closed(*command, *archive_option)
        assert result.returncode == ExitCode.USAGE, (command, result.stderr)
        assert ("archiver: error: standard output: cannot write it (Bad file descriptor)"
                in result.stderr.splitlines()), command
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_closed_standard_input_given_as_minus_is_bad_input_naming_it(tmp_path):
    """`archiver refs parse - <&-`, `archiver verify - <&-`: references awaited on a standard
    input that is closed (or open for writing only) are input that cannot be read, said as
    such (exit 4), never an internal error (it was exit 70)."""
    env = {**os.environ, "ARCHIVER_CACHE_DIR": str(tmp_path / "c")}
    for command in (["refs", "parse", "-"], ["refs", "parse"],
                    ["verify", "-", "--offline", "--archive", tmp_path / "none"]):
        closed = _archiver(*command, stdout=subprocess.PIPE, env=env,
                           preexec_fn=lambda: os.close(0))
        assert closed.returncode == ExitCode.BAD_INPUT, (command, closed.stderr)
        assert ("archiver: error: standard input: cannot read it (it is closed)"
                in closed.stderr.splitlines()), command
        assert "internal error" not in closed.stderr and "Traceback" not in closed.stderr
        with open(os.devnull, "w") as write_only:
            unreadable = _archiver(*command, stdout=subprocess.PIPE, env=env,
                                   stdin=write_only)
        assert unreadable.returncode == ExitCode.BAD_INPUT, (command, unreadable.stderr)
        assert ("archiver: error: standard input: cannot read it (Bad file descriptor)"
                in unreadable.stderr.splitlines()), command


@pytest.mark.parametrize("output", ["-", "/dev/stdout", "/dev/fd/1"])
def test_a_reader_that_stops_ends_an_export_to_standard_output_quietly(tmp_path, output):
    """`archiver export bibtex -o /dev/stdout | head -1` ends as `-o -` does: exit 0, no
    error, whichever name standard output is given."""
    archive = tmp_path / "archive"
    _archiver("ingest", SEED, PAGE, "--archive", archive, "--no-fetch",
              stdout=subprocess.DEVNULL)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = _archiver("export", "bibtex", "-o", output, "--archive", archive,
                           stdout=write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (ExitCode.OK, "")


def test_list_aligns_its_columns_in_terminal_cells_and_names_untitled_posts(runner,
                                                                            archive_dir):
    from rich.cells import cell_len
    fragment = sorted((WECHAT / "html-fragment").iterdir())[0]
    run(runner, "ingest", SEED, PAGE, fragment, "--archive", archive_dir, "--no-fetch")
    entries = [json.loads(x) for x in run(runner, "list", "--archive", archive_dir,
                                          "--json").stdout.splitlines()]
    lines = run(runner, "list", "--archive", archive_dir).stdout.splitlines()
    titles = [e["title"] or "(untitled)" for e in entries]
    assert "(untitled)" in titles
    starts = {cell_len(line[:line.index(title)]) for line, title in zip(lines, titles,
                                                                        strict=True)}
    assert len(starts) == 1


def test_a_damaged_record_is_an_archive_problem_naming_the_post_not_a_crash(runner,
                                                                           archive_dir):
    added = json.loads(run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                           "--json").stdout)
    record = archive_dir / added["record"]
    record.chmod(0o644)
    with record.open("ab") as handle:
        handle.write(b"x")  # one byte more: no longer JSON
    for args in (("show", added["id"]), ("diff", added["id"], "v1", "v1"),
                 ("verify", added["id"], "--offline"), ("export", "bibtex")):
        result = run(runner, *args, "--archive", archive_dir)
        assert result.exit_code == ExitCode.ARCHIVE, (args, result.output)
        assert f"record.json of {added['id']} (" in result.stderr
        assert "is damaged" in result.stderr and "archiver fsck" in result.stderr


def test_verifys_report_names_a_damaged_post_as_it_was_given(runner, archive_dir):
    """A CI job reading the report finds which post failed in ``errors[].input``: the id it
    gave (it was the archive's folder, the post named only inside the message)."""
    added = json.loads(run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                           "--json").stdout)
    record = archive_dir / added["record"]
    record.chmod(0o644)
    with record.open("ab") as handle:
        handle.write(b"x")
    given = added["id"][:12]
    result = run(runner, "verify", given, "--offline", "--json", "--archive", archive_dir)
    assert result.exit_code == ExitCode.ARCHIVE
    [error] = json.loads(result.stdout)["errors"]
    assert error["input"] == given and "is damaged" in error["message"]


def test_export_html_refuses_a_file_or_a_folder_of_other_files(runner, archive_dir,
                                                               tmp_path):
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    result = run(runner, "export", "html", "-o", notes, "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert "this is a file; the html export writes a folder" in result.stderr
    mine = tmp_path / "site"
    mine.mkdir()
    (mine / "index.html").write_text("my precious notes\n")
    result = run(runner, "export", "html", "-o", mine, "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert "the export would overwrite its index.html" in result.stderr
    assert (mine / "index.html").read_text() == "my precious notes\n"
    (mine / "index.html").unlink()
    (mine / "notes.txt").write_text("mine\n")
    result = run(runner, "export", "html", "-o", mine, "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert "holds other files, and no site an html export wrote (the export writes " \
           "index.html, posts/ and assets/ in it)" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    fresh = tmp_path / "fresh"
    assert run(runner, "export", "html", "-o", fresh, "--archive", archive_dir).exit_code == 0
    again = run(runner, "export", "html", "-o", fresh, "--archive", archive_dir)
    assert again.exit_code == 0  # a folder an earlier export wrote is written again


def test_a_junit_path_in_no_folder_is_refused_before_any_lookup(runner, archive_dir,
                                                                tmp_path):
    refs = tmp_path / "refs.txt"
    refs.write_text("Vanderhill R. Between the bear and the dragon. International Affairs. "
                    "2020;96(4):975-993. doi:10.1093/ia/iiaa061\n", encoding="utf-8")
    result = run(runner, "verify", refs, "--offline", "--junit", tmp_path / "no" / "x.xml",
                 "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert "--junit: no such folder to write it in" in result.stderr
    assert result.stdout == ""


def test_a_junit_report_that_cannot_be_written_whole_leaves_the_earlier_one(
        runner, archive_dir, tmp_path, monkeypatch):
    """A CI job reading the report after a failed run finds the earlier one, never half of a
    new one, and the message names the report, not a temporary file."""
    import builtins
    refs = tmp_path / "refs.txt"
    refs.write_text("Vanderhill R. Between the bear and the dragon. International Affairs. "
                    "2020;96(4):975-993. doi:10.1093/ia/iiaa061\n", encoding="utf-8")
    report = tmp_path / "report.xml"
    report.write_bytes(b"<testsuites/>\n")
    real_open = builtins.open

    class DiskFull:
        """SYNTHETIC fault: the disk fills after the first bytes of the new report."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[:10])
            raise OSError(28, "No space left on device")

    def opened(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return DiskFull(handle) if str(file).endswith(".tmp") else handle
    monkeypatch.setattr(builtins, "open", opened)
    result = run(runner, "verify", refs, "--offline", "--junit", report,
                 "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert f"{report}: --junit: cannot write it (No space left on device)" in result.stderr
    assert ".tmp" not in result.stderr
    assert report.read_bytes() == b"<testsuites/>\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "archive") == [
        "refs.txt", "report.xml"]


def test_a_junit_report_named_by_a_link_or_a_fifo_is_written_where_they_lead(
        runner, archive_dir, tmp_path):
    """A link stays a link, the file it names holding the report; a FIFO is written to (its
    reader got nothing when the report was renamed over it)."""
    import os
    import threading
    refs = tmp_path / "refs.txt"
    refs.write_text("Vanderhill R. Between the bear and the dragon. International Affairs. "
                    "2020;96(4):975-993. doi:10.1093/ia/iiaa061\n", encoding="utf-8")
    (tmp_path / "artifacts").mkdir()
    link = tmp_path / "report.xml"
    link.symlink_to(tmp_path / "artifacts" / "report.xml")
    run(runner, "verify", refs, "--offline", "--junit", link, "--archive", archive_dir)
    assert link.is_symlink() and b"<testsuite " in (tmp_path / "artifacts" / "report.xml"
                                                    ).read_bytes()
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run(runner, "verify", refs, "--offline", "--junit", fifo, "--archive", archive_dir)
    reader.join(10)
    assert b"<testsuite " in received[0] and fifo.is_fifo()


def test_dev_stdout_is_written_through_where_stdout_goes_and_a_link_loop_is_refused(
        archive_dir, tmp_path):
    """`{ echo HEADER; archiver … -o /dev/stdout; echo FOOTER; } > out`: the report goes
    between the two (renamed over, the file lost both; opened again, HEADER)."""
    import subprocess
    import sys
    refs = tmp_path / "refs.txt"
    refs.write_text("Vanderhill R. Between the bear and the dragon. International Affairs. "
                    "2020;96(4):975-993. doi:10.1093/ia/iiaa061\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    script = (f"echo HEADER; {sys.executable} -m archiver verify {refs} --offline "
              f"--archive {archive_dir} --junit /dev/stdout -q 2>/dev/null; echo FOOTER")
    with open(out, "w") as handle:
        subprocess.run(["sh", "-c", script], stdout=handle, check=True,
                       cwd=Path(__file__).parents[1])
    lines = out.read_text().splitlines()
    assert lines[0] == "HEADER" and lines[-1] == "FOOTER"
    assert any("<testsuite " in line for line in lines[1:-1])
    loop = tmp_path / "loop.xml"
    loop.symlink_to(loop)
    result = run(CliRunner(), "verify", refs, "--offline", "--junit", loop,
                 "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert f"{loop}: --junit: cannot write it (a loop of symbolic links)" in result.stderr


def test_an_interrupted_verify_says_how_far_it_got_and_exits_130(runner, archive_dir,
                                                                 tmp_path, monkeypatch):
    from archiver.citations.verify import Verifier
    real = Verifier.verify_all

    def interrupted(self, items, on_result=None):
        real(self, items[:1], on_result=on_result)
        raise KeyboardInterrupt
    monkeypatch.setattr(Verifier, "verify_all", interrupted)
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    refs = tmp_path / "refs.txt"
    refs.write_text("Vanderhill R. Between the bear and the dragon. International Affairs. "
                    "2020;96(4):975-993. doi:10.1093/ia/iiaa061\n"
                    "Ralser M. Triose phosphate isomerase deficiency. J Biol. 2007;6(4):10. "
                    "doi:10.1186/jbiol61\n", encoding="utf-8")
    result = run(runner, "verify", refs, "--offline", "--archive", archive_dir)
    assert result.exit_code == 130
    assert "interrupted after 1 of 2 citation(s): no result is kept" in result.stderr


def test_a_verify_interrupted_while_keeping_its_results_says_how_many_posts_are_done(
        runner, archive_dir, tmp_path, monkeypatch):
    """Stopped between two posts' verifications being written: the first is kept whole (a
    new version with its citations.json), the second untouched, and the user is told so,
    not left with a silent exit 130. (Crossref: the recorded responses, served locally.)"""
    import archiver.verified as verified

    from crossref_server import CrossrefServer
    clinical = WECHAT / "markdown" / "mp_duty__临床预测模型经典文献合集.md"
    assert run(runner, "ingest", SEED, clinical, "--archive", archive_dir,
               "--no-fetch").exit_code == 0
    real, calls = verified.store_citations, []

    def stopped_on_the_second(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)
    monkeypatch.setattr(verified, "store_citations", stopped_on_the_second)
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    with CrossrefServer() as server:
        monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
        result = run(runner, "verify", "--archive", archive_dir)
    assert result.exit_code == 130
    assert "interrupted while keeping the results in the archive: 1 of 2 post(s) done" \
        in result.stderr
    assert result.stdout == ""  # no report: it would claim what was not kept
    store = Archive.open(archive_dir)
    first, second = calls
    assert "citations.json" in store.versions(first)[-1].state
    assert [v.number for v in store.versions(second)] == ["v1"]


def test_verify_no_keep_reports_as_verify_does_and_writes_nothing_in_the_archive(
        runner, archive_dir, tmp_path, monkeypatch):
    """--no-keep is a report alone (a CI job checking a checkout, an archive it may only
    read): the same report and exit code as a kept run, and not a byte of the archive
    written, not even its list index; the kept run after it adds the version. (Crossref:
    the recorded responses, served locally.)"""
    from crossref_server import CrossrefServer
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0

    def every_file() -> dict[str, tuple[bytes, int]]:  # and every folder (no file added)
        return {str(p.relative_to(archive_dir)): (p.read_bytes() if p.is_file() else b"/",
                                                  p.stat().st_mtime_ns)
                for p in sorted(archive_dir.rglob("*"))}
    before = every_file()
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    with CrossrefServer() as server:
        monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
        report_only = run(runner, "verify", "--no-keep", "--json", "--archive", archive_dir)
        assert every_file() == before
        kept = run(runner, "verify", "--json", "--archive", archive_dir)
    assert report_only.exit_code == kept.exit_code
    only, whole = json.loads(report_only.stdout), json.loads(kept.stdout)
    assert [(c["doi"], c["status"]) for c in only["citations"]] == \
        [(c["doi"], c["status"]) for c in whole["citations"]] != []
    assert "kept" not in only and list(whole["kept"].values()) == ["v2"]
    assert "results kept" not in report_only.stderr


def test_the_configured_user_is_named_in_the_versions_ingest_and_verify_add(
        runner, archive_dir, tmp_path, monkeypatch):
    """ARCHIVER_USER_NAME and ARCHIVER_USER_ADDRESS name who added each version, the
    verification's as the ingest's, in the inventory and in `log --json`. (Crossref: the
    recorded responses, served locally.)"""
    from crossref_server import CrossrefServer
    monkeypatch.setenv("ARCHIVER_USER_NAME", "李华")
    monkeypatch.setenv("ARCHIVER_USER_ADDRESS", "https://orcid.org/0000-0002-1825-0097")
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    post_id = json.loads(run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                             "--json").stdout)["id"]
    with CrossrefServer() as server:
        monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
        run(runner, "verify", post_id, "--archive", archive_dir)
    log = json.loads(run(runner, "log", post_id, "--archive", archive_dir, "--json").stdout)
    assert [v["message"] for v in log["versions"]] == [f"ingest {SEED.parent.name}/{SEED.name}",
                                                       "verify citations"]
    user = {"name": "李华", "address": "https://orcid.org/0000-0002-1825-0097"}
    assert [v["user"] for v in log["versions"]] == [user, user]


def test_an_ingest_verify_interrupted_while_checking_says_the_posts_are_archived(
        runner, archive_dir, tmp_path, monkeypatch):
    from archiver.citations.verify import Verifier

    def interrupted(self, items, on_result=None):
        raise KeyboardInterrupt
    monkeypatch.setattr(Verifier, "verify_all", interrupted)
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    result = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch", "--verify",
                 "--offline")
    assert result.exit_code == 130
    assert "interrupted while checking the citations: the posts reported above are " \
           "archived; no verification is kept" in result.stderr
    assert len(Archive.open(archive_dir).object_ids()) == 1


def test_show_and_diff_word_a_version_the_post_lacks_alike(runner, archive_dir):
    added = json.loads(run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                           "--json").stdout)
    shown = run(runner, "show", added["id"], "--version", "v9", "--archive", archive_dir)
    diffed = run(runner, "diff", added["id"], "v1", "v9", "--archive", archive_dir)
    for result in (shown, diffed):
        assert result.stderr.splitlines()[0] == \
            f"archiver: error: {archive_dir}: {added['id']} has no version 'v9'"
        assert result.stderr.splitlines()[1] == "  hint: versions: v1"


def test_show_takes_a_version_number_and_export_takes_dash_for_stdout(runner, archive_dir,
                                                                     tmp_path, monkeypatch):
    added = json.loads(run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                           "--json").stdout)
    shown = run(runner, "show", added["id"], "-v", "1", "--archive", archive_dir, "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == added["id"]
    for name in ("v1", "V1"):  # (as a version's name is printed, or typed in capitals)
        named = run(runner, "show", added["id"], "-v", name, "--archive", archive_dir, "--json")
        assert named.exit_code == 0 and named.stdout == shown.stdout, named.output
    monkeypatch.chdir(tmp_path)
    exported = run(runner, "export", "bibtex", "-o", "-", "--archive", archive_dir)
    assert exported.exit_code == 0 and exported.stdout.startswith("@")
    assert not (tmp_path / "-").exists()
    site = run(runner, "export", "html", "-o", "-", "--archive", archive_dir)
    assert site.exit_code == ExitCode.USAGE and not (tmp_path / "-").exists()


def test_show_refuses_json_with_another_format_typed_beside_it(runner, archive_dir):
    added = json.loads(run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                           "--json").stdout)
    both = run(runner, "show", added["id"], "--json", "--format", "text", "--archive",
               archive_dir)
    assert both.exit_code == ExitCode.USAGE and both.stdout == ""
    assert "--json prints the record as JSON; it contradicts --format text" in both.stderr
    agreeing = run(runner, "show", added["id"], "--json", "-f", "json", "--archive", archive_dir)
    assert agreeing.exit_code == 0 and json.loads(agreeing.stdout)["id"] == added["id"]
    markdown = run(runner, "show", added["id"], "-f", "markdown", "--archive", archive_dir)
    assert markdown.exit_code == 0 and markdown.stdout.startswith("# ")


def test_the_summary_counts_posts_apart_from_files_that_gave_none(runner, archive_dir,
                                                                 tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder)
    (folder / "README.md").write_text("# my notes\n")
    result = run(runner, "ingest", folder, tmp_path / "gone.md", "--archive", archive_dir,
                 "--no-fetch")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert ("1 post(s): 1 added; 1 file(s) skipped (not saved posts); 1 input(s) failed → "
            in result.stderr)


def test_ingest_walks_the_folders_given_once(runner, archive_dir, monkeypatch):
    import archiver.pipeline as pipeline
    real, walks = pipeline.discover, []

    def counted(*args, **kwargs):
        walks.append(args)
        return real(*args, **kwargs)
    monkeypatch.setattr(pipeline, "discover", counted)
    result = run(runner, "ingest", WECHAT / "markdown", "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.OK
    assert len(walks) == 1


def test_locked_archive_exits_5(runner, archive_dir, another_writer):
    """Another writer holds the lock (another thread here, as another process would)."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    release, holder = another_writer(archive_dir)
    try:
        result = run(runner, "ingest", PAGE, "--archive", archive_dir, "--no-fetch")
    finally:
        release.set()
        holder.join(30)
    assert result.exit_code == ExitCode.ARCHIVE
    assert "another archiver process is writing to this archive" in result.stderr
    assert "--wait" in result.stderr


def test_fsck_ok_then_flipped_byte_exits_5(runner, archive_dir):
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == ExitCode.OK
    source = next(archive_dir.rglob("source/*.md"))
    data = bytearray(source.read_bytes())
    data[100] ^= 0x01
    source.write_bytes(bytes(data))
    result = run(runner, "fsck", "--archive", archive_dir, "--json")
    assert result.exit_code == ExitCode.ARCHIVE
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert any(p["path"].endswith(source.name) for p in report["problems"])
    said = run(runner, "fsck", "--archive", archive_dir)  # and on a terminal, how to mend it
    assert said.exit_code == ExitCode.ARCHIVE
    assert "hint:" in said.stderr and "ingest --refresh" in said.stderr, said.stderr
    source.unlink()  # a file gone from its folder: --refresh puts it back too
    gone = run(runner, "fsck", "--archive", archive_dir)
    assert "hint: restore a damaged object from a copy" in gone.stderr
    assert "ingest --refresh" in gone.stderr, gone.stderr
    shutil.rmtree(source.parent)  # its folder gone too: only a copy restores the object
    folder_gone = run(runner, "fsck", "--archive", archive_dir)
    assert "hint: restore a damaged object from a copy" in folder_gone.stderr
    assert "--refresh" not in folder_gone.stderr, folder_gone.stderr


def test_fsck_says_a_commit_never_complete_was_discarded_not_recovered(runner, archive_dir):
    """A staging folder without its ticket is a commit a crash stopped before it was whole
    (nothing of it was in the archive): fsck discards it and says so, in text and JSON."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    stopped = archive_dir / "extensions" / "archiver-staging" / "a-commit-cut-short"
    stopped.mkdir(parents=True)
    (stopped / "part").write_bytes(b"half")
    said = run(runner, "fsck", "--archive", archive_dir)
    assert said.exit_code == ExitCode.OK, said.output
    assert "1 interrupted write(s) discarded (never complete: no version of theirs is in " \
        "the archive)" in said.stderr, said.stderr
    assert "finished" not in said.stderr and not stopped.exists()
    stopped.mkdir()  # cut short once more
    report = json.loads(run(runner, "fsck", "--archive", archive_dir, "--json").stdout)
    assert (report["recovered"], report["discarded"]) == (1, 1)


def _damage_inventory(archive_dir: Path, damage) -> str:
    """Change the seed post's root inventory with ``damage(inventory)``; its object id."""
    for inventory_path in archive_dir.rglob("inventory.json"):
        inventory = json.loads(inventory_path.read_text(encoding="utf-8"))
        if inventory["id"].startswith("wx:t/") and inventory_path.parent.name != "v1":
            break
    object_id = inventory["id"]
    damage(inventory)
    inventory_path.write_text(json.dumps(inventory), encoding="utf-8")
    return object_id


def _drop_record_digest(inventory):
    state = inventory["versions"][inventory["head"]]["state"]
    del inventory["manifest"][next(d for d, paths in state.items() if "record.json" in paths)]


@pytest.mark.parametrize(("damage", "said"), [
    (_drop_record_digest, "whose digest the manifest does not list"),
    (lambda inv: inv.update(manifest={}), "whose digest the manifest does not list"),
    (lambda inv: inv["versions"]["v1"].update(state=None), "versions are not v1, v2"),
    (lambda inv: inv.update(head="v9"), "head 'v9' is not one of its versions"),
    (lambda inv: inv.update(id="wx:other"), "names object 'wx:other'"),
])
def test_an_inventory_the_reading_code_cannot_use_is_damage_never_a_crash(
        runner, archive_dir, damage, said):
    """Valid JSON of the wrong shape: fsck reports it with the others (exit 5), and the
    commands that read the object say it is damaged (exit 5), never an internal error."""
    run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch")
    object_id = _damage_inventory(archive_dir, damage)
    result = run(runner, "fsck", "--archive", archive_dir, "--json")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    report = json.loads(result.stdout)
    assert report["objects"] == 2 and not report["ok"]
    for command in (["show", object_id], ["log", object_id], ["diff", object_id]):
        shown = run(runner, *command, "--archive", archive_dir)
        assert shown.exit_code == ExitCode.ARCHIVE, (command, shown.output)
        assert said in shown.stderr and "internal error" not in shown.stderr
    # the other post reads as before: one damaged object hides no other
    for command in (["show", "wx:MzI2NTE1"], ["log", "wx:MzI2NTE1"]):
        assert run(runner, *command, "--archive", archive_dir).exit_code == 0, command


@pytest.mark.parametrize("content", [b"{}", b"[]", b'{"id": 5}'])
def test_a_record_of_the_wrong_shape_is_damage_for_show_diff_and_export(runner, archive_dir,
                                                                      content):
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    [record] = archive_dir.rglob("v1/content/record.json")
    record.write_bytes(content)
    [object_id] = Archive.open(archive_dir).object_ids()
    for command in (["show", object_id], ["diff", object_id, "v1", "v1"],
                    ["export", "bibtex"]):
        result = run(runner, *command, "--archive", archive_dir)
        assert result.exit_code == ExitCode.ARCHIVE, (command, result.output)
        assert "record.json of " in result.stderr and " is damaged" in result.stderr
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == ExitCode.ARCHIVE


def test_a_record_altered_on_disk_is_never_shown_as_the_posts(runner, archive_dir):
    """Still valid JSON and a valid record, but not the bytes archived: its digest says so,
    and show, diff and export refuse it as damage (exit 5), as fsck does."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    [record] = archive_dir.rglob("v1/content/record.json")
    document = json.loads(record.read_bytes())
    document["title"] = "A title nobody archived"
    record.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    [object_id] = Archive.open(archive_dir).object_ids()
    for command in (["show", object_id, "--version", "v1"], ["show", object_id, "--json"],
                    ["diff", object_id, "v1", "v1"], ["export", "bibtex"]):
        result = run(runner, *command, "--archive", archive_dir)
        assert result.exit_code == ExitCode.ARCHIVE, (command, result.output)
        assert "do not match the sha512 digest its inventory records" in result.stderr
        assert "A title nobody archived" not in result.stdout
    fsck = run(runner, "fsck", "--archive", archive_dir)
    assert fsck.exit_code == ExitCode.ARCHIVE
    assert fsck.stdout.count("record.json") == 1  # reported once, by its digest


def test_an_image_altered_on_disk_is_not_exported_as_the_posts(runner, archive_dir,
                                                                tmp_path):
    """The html export copies each post's images: one changed on disk is damage (exit 5)."""
    run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch")
    [image] = list(archive_dir.rglob("v1/content/assets/*"))[:1]
    image.write_bytes(image.read_bytes()[:-1] + b"\x00")
    result = run(runner, "export", "html", "-o", tmp_path / "site", "--archive", archive_dir)
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    assert "do not match the sha512 digest" in result.stderr


def test_an_object_folder_put_back_by_hand_is_listed_again(runner, archive_dir, tmp_path):
    run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch")
    [folder] = [p.parent for p in archive_dir.rglob("0=ocfl_object_1.1")
                if "MzI2NTE1" in p.parent.name]
    shutil.move(folder, tmp_path / "backup")
    fragment = sorted((WECHAT / "html-fragment").iterdir())[0]
    run(runner, "ingest", fragment, "--archive", archive_dir, "--no-fetch")  # a new index
    assert len(run(runner, "list", "--archive", archive_dir).stdout.splitlines()) == 2
    shutil.move(tmp_path / "backup", folder)  # as fsck's hint for a lost object advises
    listed = run(runner, "list", "--archive", archive_dir)
    assert len(listed.stdout.splitlines()) == 3 and "warning" not in listed.stderr


def test_another_ocfl_object_in_the_archive_is_no_post_and_no_unreadable_one(runner,
                                                                            archive_dir):
    from archiver.store import object_root_for
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    fixture = (Path(__file__).parent / "fixtures" / "ocfl" / "1.1" / "good-objects"
               / "minimal_one_version_one_file")
    object_id = json.loads((fixture / "inventory.json").read_text(encoding="utf-8"))["id"]
    shutil.copytree(fixture, archive_dir / object_root_for(object_id))
    listed = run(runner, "list", "--archive", archive_dir)
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 1
    assert "warning" not in listed.stderr
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == 0


def test_list_says_when_an_object_cannot_be_read(runner, archive_dir):
    run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch")
    [inventory] = [p.parent / "inventory.json" for p in archive_dir.rglob("0=ocfl_object_1.1")
                   if "MzI2NTE1" in p.parent.name]
    inventory.write_bytes(inventory.read_bytes()[:50])
    (archive_dir / "extensions" / "archiver-index" / STALE_NAME).write_bytes(b"")  # a stop
    listed = run(runner, "list", "--archive", archive_dir, "--json")
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 1
    assert "1 object(s) of the archive cannot be read and are not listed" in listed.stderr


def test_fsck_piped_into_a_reader_that_stops_still_exits_5_on_damage(runner, archive_dir):
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    for i in range(2000):  # enough problems to fill the pipe
        (archive_dir / f"stray{i}").mkdir()
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "archiver", "fsck", "--archive",
                                 archive_dir], stdout=write_end, stderr=subprocess.PIPE,
                                text=True, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == ExitCode.ARCHIVE, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["list"], ["fsck"], ["ingest", str(SEED)], ["verify"],
                                     ["show", "x"], ["export", "bibtex"]])
def test_an_empty_archive_option_is_a_usage_error_not_the_current_folder(runner, archive_dir,
                                                                         command):
    """Said as an empty argument is, in the form of every error, naming the option typed (not
    the variable it may also come from)."""
    result = run(runner, *command, "--archive", "")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines() == [
        "archiver: error: option --archive: an empty path was given",
        "  hint: a variable in the command may be unset or empty; give the archive folder, or "
        "leave --archive out for ./archive (or the configured one)"]
    assert not any(archive_dir.parent.glob("0=ocfl*")) and not archive_dir.exists()


@pytest.mark.parametrize("command", [["export", "bibtex", "-o", ""],
                                     ["export", "html", "--output", ""],
                                     ["verify", "--junit", ""]])
def test_an_empty_output_path_is_a_usage_error_not_the_current_folder(runner, archive_dir,
                                                                      command):
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    result = run(runner, *command, "--archive", archive_dir, "--offline"
                 if command[0] == "verify" else "-q")
    assert result.exit_code == ExitCode.USAGE
    option = "--junit" if command[0] == "verify" else "-o (--output)"
    assert result.stderr.startswith(f"archiver: error: option {option}: an empty path was "
                                    "given\n  hint: a variable in the command may be unset or "
                                    "empty; give the file to write")
    assert "folder, not a file" not in result.stderr


@pytest.mark.parametrize("command", [["list"], ["fsck"], ["export", "bibtex"],
                                     ["ingest", str(SEED)], ["verify"],
                                     ["verify", str(SEED)]])
def test_a_file_given_as_the_archive_is_said_so_by_every_command_exit_5(runner, tmp_path,
                                                                       command):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("x")
    result = run(runner, *command, "--archive", not_a_folder)
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    assert result.stderr.splitlines()[0] == (f"archiver: error: {not_a_folder}: this is a "
                                             "file, not an archive folder")


def test_not_an_archive_exits_5(runner, tmp_path):
    folder = tmp_path / "stuff"
    folder.mkdir()
    (folder / "file.txt").write_text("x")
    result = run(runner, "list", "--archive", folder)
    assert result.exit_code == ExitCode.ARCHIVE
    assert "not an OCFL storage root" in result.stderr


def test_internal_error_exits_70_without_traceback(runner, archive_dir, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    assert run(runner, "ingest", PAGE, "--archive", archive_dir, "--no-fetch").exit_code in (
        ExitCode.OK, ExitCode.BAD_INPUT)
    monkeypatch.setattr("archiver.listing.PostFilter.matches", boom)
    listed = run(runner, "list", "--archive", archive_dir)
    assert listed.exit_code == ExitCode.INTERNAL, listed.output
    assert "archiver: internal error: RuntimeError: simulated bug" in listed.stderr
    assert "Traceback" not in listed.stderr
    shown = run(runner, "list", "--archive", archive_dir, "--traceback")
    assert "Traceback" in shown.stderr
    # a bug met reading one input: that input fails, named, and the run ends with 70
    monkeypatch.setattr("archiver.prepare.clean", boom)
    result = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.INTERNAL
    assert "an internal error while reading it (RuntimeError: simulated bug)" in result.stderr
    assert "Traceback" not in result.stderr
    shown = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch", "--traceback")
    assert "Traceback" in shown.stderr


def test_list_shows_one_line_per_post_whatever_the_account_holds(runner, archive_dir,
                                                                  tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 标题\nauthor: \"两行的\\n公众号\\x1b[31m\"\n---\n\n正文。\n",
                    encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    listed = run(runner, "list", "--archive", archive_dir).stdout
    assert listed.count("\n") == 1 and "两行的 公众号[31m" in listed and "\x1b" not in listed


def test_list_json_gives_every_post_the_same_keys_empty_where_it_has_none(runner,
                                                                           archive_dir):
    """A script reads one shape: every post's aliases ([] when it has none) and its cited
    works' keys ({} when none), whatever the post."""
    run(runner, "ingest", SEED, WECHAT / "html", "--archive", archive_dir, "--no-fetch")
    listed = [json.loads(line) for line in run(runner, "list", "--archive", archive_dir,
                                               "--json").stdout.splitlines()]
    assert len(listed) > 2 and all(isinstance(entry["aliases"], list) for entry in listed)
    assert any(entry["aliases"] for entry in listed)  # those the posts have, as before
    assert len({tuple(sorted(entry)) for entry in listed}) == 1
    [seed] = [entry for entry in listed if (entry["title"] or "").startswith("【中亚研究】龙与熊")]
    assert seed["aliases"] == [] and seed["cited"] == {}


@pytest.mark.parametrize("quiet", ["-q", "--quiet"])
def test_every_command_takes_quiet(runner, archive_dir, tmp_path, quiet):
    """-q as ingest, verify, export and fsck take it: list, show, log, diff and refs parse
    print the same data, and nothing on stderr but what is still said (errors, posts left out
    of a list)."""
    post = tmp_path / "post.md"
    text = SEED.read_text(encoding="utf-8")
    post.write_text(text, encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    post.write_text(text.replace("**作品简介**", "**作品简介（改）**"), encoding="utf-8")
    post_id = json.loads(run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch",
                             "--json").stdout)["id"]
    archive = ["--archive", archive_dir]
    for command in (["list", *archive], ["list", "--json", *archive],
                    ["show", post_id, *archive], ["log", post_id, *archive],
                    ["diff", post_id, *archive], ["refs", "parse", post]):
        loud, hushed = run(runner, *command), run(runner, *command, quiet)
        assert hushed.exit_code == ExitCode.OK, (command, hushed.output)
        assert (hushed.stdout, hushed.stderr) == (loud.stdout, ""), command
    (archive_dir / "extensions" / "archiver-index" / STALE_NAME).write_bytes(b"")
    for inventory in archive_dir.rglob("inventory.json"):
        inventory.write_bytes(b"{")  # the post can no longer be read
    listed = run(runner, "list", *archive, quiet)
    assert listed.exit_code == ExitCode.OK and listed.stdout == ""
    assert "1 object(s) of the archive cannot be read and are not listed" in listed.stderr
    shown = run(runner, "show", post_id, *archive, quiet)  # errors are still said
    assert shown.exit_code == ExitCode.ARCHIVE and "archiver: error: " in shown.stderr


def test_log_without_an_id_is_the_archives_history_newest_first(runner, archive_dir,
                                                                 tmp_path):
    post = tmp_path / "post.md"
    text = SEED.read_text(encoding="utf-8")
    post.write_text(text, encoding="utf-8")
    run(runner, "ingest", post, PAGE, "--archive", archive_dir, "--no-fetch")
    post.write_text(text.replace("**作品简介**", "**作品简介（改）**"), encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    rows = [json.loads(line) for line in run(runner, "log", "--archive", archive_dir,
                                             "--json").stdout.splitlines()]
    assert len(rows) == 3  # the seed's v1 and v2, the page's v1
    assert [r["created"] for r in rows] == sorted((r["created"] for r in rows), reverse=True)
    assert rows[0]["version"] == "v2" and rows[0]["id"].startswith("wx:t/")
    assert rows[0]["message"] == f"ingest {tmp_path.name}/post.md" and rows[0]["files"] == 3
    text_rows = run(runner, "log", "--archive", archive_dir).stdout.splitlines()
    assert len(text_rows) == 3 and text_rows[0].startswith(rows[0]["created"] + "  wx:t/")
    assert run(runner, "log", "--archive", archive_dir, "--since", "2999").stdout == ""
    later = run(runner, "log", "--archive", archive_dir, "--since", rows[0]["created"][:10])
    assert len(later.stdout.splitlines()) == 3  # all made today
    bad = run(runner, "log", "--archive", archive_dir, "--since", "yesterday")
    assert bad.exit_code == ExitCode.USAGE and "--since 'yesterday' is not a date" in bad.stderr


@pytest.mark.parametrize("damage", ["altered", "gone"])
def test_the_archives_log_names_a_damaged_post_and_gives_the_others_history(runner,
                                                                            archive_dir,
                                                                            damage):
    """One object whose inventory is altered or gone must not hide the history of every
    other post: the others are printed, the damaged one named (or counted, when nothing in
    it names it) on stderr, and the exit code is 5."""
    run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch")
    ids = Archive.open(archive_dir).object_ids()
    damaged = Archive.open(archive_dir).object_path(ids[0]) / "inventory.json"
    if damage == "altered":
        damaged.write_text('{"head": "v1"}', encoding="utf-8")
    else:
        damaged.unlink()
    for args in ([], ["--json"]):
        result = run(runner, "log", "--archive", archive_dir, *args)
        assert result.exit_code == ExitCode.ARCHIVE, result.output
        assert ids[1] in result.stdout and ids[0] not in result.stdout
        if damage == "altered":
            assert f"{damaged}: the inventory is damaged" in result.stderr
            assert "left out 1 damaged post(s)" in result.stderr
        else:
            assert "1 object(s) of the archive cannot be read and are not in the log" \
                in result.stderr


def test_a_prefix_finds_its_post_beside_one_whose_inventory_is_damaged(runner, archive_dir):
    """An id prefix is looked up in the list index (every object's inventory was read for
    it, seconds in a large archive): one damaged object elsewhere no longer stops `show`,
    `log` or `diff` of another post by a prefix of its id."""
    run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch")
    ids = Archive.open(archive_dir).object_ids()
    damaged, wanted = (ids[0], ids[1]) if ids[0].startswith("wx:t/") else (ids[1], ids[0])
    (Archive.open(archive_dir).object_path(damaged) / "inventory.json").write_text(
        '{"head": "v1"}', encoding="utf-8")
    for command in ("show", "log"):
        result = run(runner, command, wanted[:12], "--archive", archive_dir)
        assert result.exit_code == ExitCode.OK, result.output
    assert "于宁杰" in run(runner, "show", wanted[:12], "--archive", archive_dir).stdout
    # the damaged one is named as such when asked for
    assert run(runner, "show", damaged[:9], "--archive", archive_dir).exit_code == \
        ExitCode.ARCHIVE
    # once a writer has rewritten the index (without the damaged object), or with no index,
    # every object's id is read: the damaged one is passed over, yet still said damaged when
    # asked for (by the id its folder is named after)
    run(runner, "ingest", WECHAT / "markdown" / "mp_duty__白话孟德尔随机化.md", "--archive",
        archive_dir, "--no-fetch")
    index = archive_dir / "extensions" / "archiver-index" / "index.json"
    for _ in ("rewritten", "missing"):
        result = run(runner, "show", wanted[:12], "--archive", archive_dir)
        assert result.exit_code == ExitCode.OK, result.output
        assert "于宁杰" in result.stdout
        asked = run(runner, "show", damaged[:9], "--archive", archive_dir)
        assert asked.exit_code == ExitCode.ARCHIVE and "the inventory is damaged" in asked.stderr
        index.unlink(missing_ok=True)


def test_a_damaged_post_is_said_damaged_by_any_name_it_is_asked_for_by(runner, archive_dir,
                                                                       tmp_path):
    """With no index to trust, the objects whose inventory is gone are known by the id their
    folder is named after (its start, where an id over 100 characters has the name cut
    short) and by the other ids the receipts kept: asked for by its full id, an alias, its
    address, or a prefix only it matches, a damaged post is said damaged (exit 5), and a
    prefix it may match as well as another post is ambiguous, never the other post."""
    token = "x" * 110
    for end in ("A1", "B2"):  # two posts whose ids run past 100 characters, encoded
        (tmp_path / f"{end}.md").write_text(
            f"---\ntitle: long {end}\nurl: https://mp.weixin.qq.com/s/{token}{end}\n---\n\n"
            f"Body of {end}.\n", encoding="utf-8")
    run(runner, "ingest", tmp_path / "A1.md", tmp_path / "B2.md", EXPORTER_PAGE, "--archive",
        archive_dir, "--no-fetch")
    store = Archive.open(archive_dir)
    long_a, long_b = f"wx:s/{token}A1", f"wx:s/{token}B2"
    page = "wx:MzIxMTgzNjE5MA==/2247494261/1"
    assert {long_a, long_b, page} <= set(store.object_ids())
    for damaged in (long_a, page):
        (store.object_path(damaged) / "inventory.json").unlink()
    (archive_dir / "extensions" / "archiver-index" / "index.json").unlink()
    for asked in (long_a, page, "s/NJgNoz",  # its full id, or a prefix of its alias
                  "https://mp.weixin.qq.com/s?__biz=MzIxMTgzNjE5MA==&mid=2247494261&idx=1"):
        result = run(runner, "show", asked, "--archive", archive_dir)
        assert result.exit_code == ExitCode.ARCHIVE, (asked, result.output)
        assert "inventory.json" in result.stderr
    both = run(runner, "show", f"s/{token}", "--archive", archive_dir)
    assert both.exit_code == ExitCode.USAGE, both.output
    assert "matches 2 posts" in both.stderr  # (its whole id known from the receipts)
    receipts = archive_dir / "extensions" / "archiver-index" / "receipts.json"
    receipts.write_text("{}", encoding="utf-8")  # ... and from its folder's name alone
    both = run(runner, "show", f"s/{token}", "--archive", archive_dir)
    assert both.exit_code == ExitCode.USAGE, both.output
    assert "matches 2 posts" in both.stderr and "(cut short)" in both.stderr
    assert run(runner, "show", long_b, "--archive", archive_dir).exit_code == ExitCode.OK


def test_lookups_with_no_index_stand_hand_made_damage(runner, archive_dir):
    """With no index to trust, the walk of every object meets what hands leave: an
    inventory copied into another folder (the same id twice is one post to find, not two),
    an ``inventory.json`` that is a folder, a receipts file of another shape; a damaged post
    asked for by the short address its receipts kept is said damaged (exit 5)."""
    run(runner, "ingest", SEED, EXPORTER_PAGE, "--archive", archive_dir, "--no-fetch")
    store = Archive.open(archive_dir)
    seed, page = "wx:t/ebfae55b15e16e293816ac31", "wx:MzIxMTgzNjE5MA==/2247494261/1"
    index = archive_dir / "extensions" / "archiver-index" / "index.json"
    index.unlink()
    copy = archive_dir / "aaa" / "bbb" / "ccc" / "copy"
    copy.mkdir(parents=True)
    for name in ("inventory.json", "inventory.json.sha512", "0=ocfl_object_1.1"):
        shutil.copy(store.object_path(seed) / name, copy / name)
    shown = run(runner, "show", "wx:t/ebf", "--archive", archive_dir)
    assert shown.exit_code == ExitCode.OK, shown.output
    shutil.rmtree(copy.parents[2])
    inventory = store.object_path(page) / "inventory.json"
    inventory.unlink()
    short = "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw"  # the page's other address
    asked = run(runner, "show", short, "--archive", archive_dir)
    assert asked.exit_code == ExitCode.ARCHIVE, asked.output
    inventory.mkdir()  # a folder where the inventory was
    for name in ("wx:Mz", "s/NJgNoz"):
        asked = run(runner, "show", name, "--archive", archive_dir)
        assert asked.exit_code == ExitCode.ARCHIVE, (name, asked.output)
    receipts = archive_dir / "extensions" / "archiver-index" / "receipts.json"
    receipts.write_text('{"x": [{"posts": ["not a post"]}], "y": "z"}', encoding="utf-8")
    listed = run(runner, "list", "--archive", archive_dir)
    assert "Traceback" not in listed.output and seed in listed.stdout
    odd = Path(os.fsdecode(os.fsencode(archive_dir) + b"/ddd/eee/fff/\xff\xfe"))
    odd.mkdir(parents=True)  # an object folder named in bytes that are no UTF-8
    (odd / "0=ocfl_object_1.1").write_text("ocfl_object_1.1\n", encoding="utf-8")
    nothing = run(runner, "show", "wx:nothing", "--archive", archive_dir)
    assert nothing.exit_code == ExitCode.USAGE, nothing.output
    assert "2 object(s) of the archive cannot be read (run `archiver fsck`)" in nothing.stderr


def test_list_show_log(runner, archive_dir):
    run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch")
    listed = [json.loads(x) for x in run(runner, "list", "--archive", archive_dir,
                                          "--json").stdout.splitlines()]
    assert {x["title"] for x in listed} >= {"于宁杰|在漳州市第五次律师代表大会上的致词"}
    shown = run(runner, "show", "wx:MzI2NTE1", "--archive", archive_dir, "--json")
    assert json.loads(shown.stdout)["account"]["id"] == "gh_8e98aeecc6c0"
    text = run(runner, "show", "wx:MzI2NTE1", "--archive", archive_dir).stdout
    assert "account: 漳州市律师协会 gh_8e98aeecc6c0" in text
    markdown = run(runner, "show", "wx:MzI2NTE1", "--format", "markdown", "--archive",
                   archive_dir).stdout
    # "|" escaped: GitHub's Markdown would read it as a table's column separator
    assert markdown.startswith("# 于宁杰\\|在漳州市第五次律师代表大会上的致词\n")
    history = json.loads(run(runner, "log", "wx:MzI2NTE1", "--archive", archive_dir,
                             "--json").stdout)
    assert [v["version"] for v in history["versions"]] == ["v1"]


def test_show_as_markdown_links_each_stored_image_where_it_lies(runner, archive_dir):
    """`show --format markdown > post.md`: each image links its stored file in the archive
    (by the archive's path as given, the object's %-escaped folder name written as a URL
    path), whichever version's folder holds it, so that the images show where post.md is
    read; the record's own name for it, assets/<sha256>.jpg, names no file there."""
    run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch")
    [entry] = [json.loads(x) for x in run(runner, "list", "--archive", archive_dir,
                                           "--json").stdout.splitlines()]
    markdown = run(runner, "show", entry["id"], "-f", "markdown", "--archive",
                   archive_dir).stdout
    html = MarkdownIt().render(markdown)
    sources = re.findall(r'<img src="([^"]+)"', html)
    assert sources and all(Path(urllib.parse.unquote(s)).is_file() for s in sources)
    assert all(s.startswith(urllib.parse.quote(str(archive_dir))) for s in sources)


def test_show_names_the_article_a_share_card_shares_and_the_posts_tags(runner, archive_dir,
                                                                         tmp_path):
    share = WECHAT / "html" / ("wechatscope__gh_afb7e3bcbae3_2020-10-07_2247505324_qcE1x5JHap"
                               ".y.tar.gz.html")
    tagged = tmp_path / "tagged.md"
    tagged.write_text("---\ntitle: 标签\ntags: [中亚, 政治]\n---\n\n正文。\n", encoding="utf-8")
    run(runner, "ingest", share, tagged, "--archive", archive_dir, "--no-fetch")
    record = json.loads(run(runner, "show", "wx:MzUxMjc0", "--archive", archive_dir,
                            "--json").stdout)
    text = run(runner, "show", "wx:MzUxMjc0", "--archive", archive_dir).stdout
    assert record["original_url"] and f"original_url: {record['original_url']}\n" in text
    markdown = run(runner, "show", "wx:MzUxMjc0", "-f", "markdown", "--archive",
                   archive_dir).stdout
    assert f"- **original_url**: <{record['original_url']}>\n" in markdown  # a link
    assert "tags: 中亚, 政治\n" in run(runner, "show", "wx:c/", "--archive", archive_dir).stdout


def test_the_markdown_view_says_what_the_text_view_and_list_say(runner, archive_dir):
    deleted = WECHAT / "html" / "wechat-article-exporter__作者已删除-06.html"
    run(runner, "ingest", SEED, deleted, "--archive", archive_dir, "--no-fetch")
    for entry in [json.loads(line) for line in run(runner, "list", "--archive", archive_dir,
                                                   "--json").stdout.splitlines()]:
        text = run(runner, "show", entry["id"], "--archive", archive_dir).stdout
        markdown = run(runner, "show", entry["id"], "-f", "markdown", "--archive",
                       archive_dir).stdout
        listed = run(runner, "list", "--archive", archive_dir).stdout
        title = markdown.splitlines()[0].removeprefix("# ")
        assert title in listed
        for line in text.splitlines():
            if line.startswith(("images: ", "dois: ")):
                key, value = line.split(": ", 1)
                assert f"- **{key}**: {value}" in markdown
    assert "# (deleted)" in run(runner, "show", "wx:c/", "-f", "markdown", "--archive",
                                archive_dir).stdout


def test_changed_post_adds_a_version_and_diff_shows_it(runner, archive_dir, tmp_path):
    post = tmp_path / "post.md"
    original = SEED.read_text(encoding="utf-8")
    last = diff_of_an_edit(runner, archive_dir, post, original,
                           original.replace("哈萨克斯坦还通过经济关系宣示主权",
                                            "哈萨克斯坦还通过经济与文化关系宣示主权"))
    assert (last["from"], last["to"]) == ("v1", "v2")  # (updated: diff_of_an_edit checks)
    oid = last["id"]
    v1 = json.loads(run(runner, "show", oid, "--version", "v1", "--archive", archive_dir,
                        "--json").stdout)
    assert "哈萨克斯坦还通过经济关系宣示主权" in v1["text"]  # v1 is immutable
    diff = json.loads(run(runner, "diff", oid, "v1", "v2", "--archive", archive_dir,
                          "--json").stdout)
    assert any("经济与文化关系" in line for line in diff["body"] if line.startswith("+"))
    assert "record.json" in diff["files"]["changed"]
    assert run(runner, "diff", oid, "v1", "v9", "--archive", archive_dir).exit_code == 2
    # the last change, and what changed since v1, are the same here
    for args in ((oid,), (oid, "v1"), (oid, "1", "2")):
        again = json.loads(run(runner, "diff", *args, "--archive", archive_dir,
                               "--json").stdout)
        assert again == diff


def test_diff_shows_a_word_changed_in_a_long_paragraph_beside_the_change_not_the_whole_line(
        runner, archive_dir, tmp_path):
    """A Chinese paragraph is one line of hundreds of characters: the text shows the removed
    and added lines cut to the change with 20 characters either side, and a long line of
    context by its opening; a short line changed is shown whole, and --json every line
    whole."""
    post = tmp_path / "post.md"
    original = SEED.read_text(encoding="utf-8")
    post.write_text(original, encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    post.write_text(original.replace("经济关系宣示主权", "经济与文化关系宣示主权")
                    .replace("吴天麟", "吴天林"), encoding="utf-8")
    oid = json.loads(run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch",
                         "--json").stdout)["id"]
    text = run(runner, "diff", oid, "--archive", archive_dir).stdout.splitlines()
    changed = [line for line in text if line.startswith(("-", "+"))
               and not line.startswith(("---", "+++"))]
    assert changed == ["-【编译】 吴天麟（国政学人编译员，伦敦政治经济学院）",
                       "+【编译】 吴天林（国政学人编译员，伦敦政治经济学院）",
                       "-哈萨克斯坦还通过经济关系宣示主权。虽然哈萨克斯坦前总统纳扎尔…",
                       "+哈萨克斯坦还通过经济与文化关系宣示主权。虽然哈萨克斯坦前总统纳扎尔…"]
    context = [line for line in text if line.startswith(" 为保护主权")]
    assert context == [" 为保护主权，哈萨克斯坦政府刻意使用其独特的文化和历史观巩固自身身份。"
                       "俄罗斯政府视…"]
    body = json.loads(run(runner, "diff", oid, "--archive", archive_dir,
                          "--json").stdout)["body"]
    [whole] = [line for line in body if line.startswith("+哈萨克斯坦还通过")]
    assert len(whole) > 200 and whole.endswith("。")


def test_a_long_line_changed_in_two_places_keeps_both_changes_and_cuts_what_lies_between():
    """Each stretch the two lines share keeps 20 characters beside each change; the opening
    and the end keep the 20 next to theirs."""
    from archiver.cli.reading import _cut_alike
    old = "a" * 30 + "[one]" + "b" * 100 + "[two]" + "c" * 30
    new = "a" * 30 + "[ONE]" + "b" * 100 + "[TWO]" + "c" * 30
    assert _cut_alike(old, new) == (
        "…" + "a" * 19 + "[one]" + "b" * 19 + "…" + "b" * 19 + "[two]" + "c" * 19 + "…",
        "…" + "a" * 19 + "[ONE]" + "b" * 19 + "…" + "b" * 19 + "[TWO]" + "c" * 19 + "…")
    assert _cut_alike(old, "x" * 150) == (old, "x" * 150)  # mostly different: both whole
    assert _cut_alike("short line a", "short line b") == ("short line a", "short line b")
    # a paragraph of 200,000 characters, one changed: found in one pass, cut as any other
    # (compared character by character, a 19,000-character line took 38 s)
    long_old = "啊" * 100_000 + "一" + "啊" * 99_999
    long_new = "啊" * 100_000 + "二" + "啊" * 99_999
    assert _cut_alike(long_old, long_new) == ("…" + "啊" * 20 + "一" + "啊" * 20 + "…",
                                              "…" + "啊" * 20 + "二" + "啊" * 20 + "…")
    # changes far apart, more than 1,000 characters between them: that stretch shown whole
    far_old, far_new = "x" * 50 + "A" + "y" * 1500 + "B" + "z" * 50, \
        "x" * 50 + "C" + "y" * 1500 + "D" + "z" * 50
    assert _cut_alike(far_old, far_new) == ("…" + "x" * 20 + "A" + "y" * 1500 + "B" + "z" * 20
                                            + "…", "…" + "x" * 20 + "C" + "y" * 1500 + "D"
                                            + "z" * 20 + "…")


def test_diff_shows_a_link_whose_target_changed_though_its_text_did_not(runner, archive_dir,
                                                                       tmp_path):
    """A link is its text and its target: a target changed is a new version, and the diff
    says which link changed and how (the body's lines, the blocks' text, are the same)."""
    post = tmp_path / "post.md"
    original = (WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代" / "md"
                / "2021-07-07_送别一个旧时代.md").read_text(encoding="utf-8")
    target = "http://mp.weixin.qq.com/s?__biz=MjM5NjgyMDg4OQ==&mid=2721267835&idx=1"
    assert original.count(target) == 1
    diff = diff_of_an_edit(runner, archive_dir, post, original,
                           original.replace(target, target.replace("idx=1", "idx=2")))
    assert diff["body"] == []
    [change] = diff["changes"]
    assert change["path"] == "links[0].url" and change["change"] == "changed"
    assert target in change["old"] and target.replace("idx=1", "idx=2") in change["new"]


def test_a_change_to_what_blocks_are_beside_their_text_is_shown_by_its_path():
    """Records whose blocks differ only beside their text (a table's rows numbered by a
    later reader, a heading's level) were "different" with no change shown: the body's lines
    are the blocks' text. Each such change is shown by its path."""
    from archiver.history import diff_versions
    row = {"type": "table", "text": "年份\t人口"}
    records = {"v1": {"id": "wx:x", "blocks": [{"type": "heading", "text": "表", "level": 2},
                                               row, {**row, "text": "2020\t1400"}]},
               "v2": {"id": "wx:x", "blocks": [{"type": "heading", "text": "表", "level": 3},
                                               {**row, "row": 0},
                                               {**row, "text": "2020\t1400", "row": 1}]}}
    diff = diff_versions(_two_versions(records), "wx:x")
    assert diff["body"] == [] and diff["same_record"] is False
    assert diff["changes"] == [
        {"path": "blocks[0].level", "change": "changed", "old": 2, "new": 3},
        {"path": "blocks[1].row", "change": "added", "new": 0},
        {"path": "blocks[2].row", "change": "added", "new": 1}]


def _two_versions(records: dict[str, dict], kept: dict[str, object] | None = None):
    """An archive of one post in two versions (``records``: version → record), each keeping
    the verification ``kept`` gives it (a document, or an error to raise reading it)."""
    from types import SimpleNamespace

    from archiver.store import Archive

    class Versions(Archive):
        root = Path("archive")

        def versions(self, _id):
            return [SimpleNamespace(number=v, state={"record.json": v, **(
                {"citations.json": v} if v in (kept or {}) else {})}) for v in records]

        def read_json(self, _id, name, version=None):
            if name == "record.json":
                return records[version]
            if isinstance(kept[version], Exception):
                raise kept[version]
            return kept[version]

    return object.__new__(Versions)


def test_blocks_removed_and_added_in_equal_number_are_no_change_to_the_others():
    """Blocks are paired as the body's lines are: a paragraph removed and another added, as
    many blocks before and after, moved no other block's marks into its neighbour's."""
    from archiver.history import diff_versions
    blocks = [{"type": "paragraph", "text": "删掉的一段"},
              {"type": "heading", "text": "标题", "level": 2},
              {"type": "paragraph", "text": "正文"}, {"type": "image", "image": 0, "text": ""}]
    records = {"v1": {"id": "wx:x", "blocks": blocks},
               "v2": {"id": "wx:x", "blocks": [*blocks[1:], {"type": "paragraph",
                                                              "text": "加上的一段"}]}}
    diff = diff_versions(_two_versions(records), "wx:x")
    assert diff["changes"] == []
    assert "-删掉的一段" in diff["body"] and "+加上的一段" in diff["body"]


def test_a_verdict_is_diffed_by_its_citation_not_its_place_and_a_notice_is_a_change():
    """A paragraph added above the references moves every kept verdict to another block:
    no verdict changed. A retraction Crossref lists leaves a verified citation verified,
    with the same reason: its notice is the change. A verification that cannot be read is
    said, and the records are still compared."""
    from archiver.errors import DamagedObject
    from archiver.history import diff_versions
    record = {"id": "wx:x", "blocks": []}
    cited = {"text": "Ralser M. Triose phosphate isomerase. J Biol. 2007;6:10. "
                     "doi:10.1186/jbiol61", "doi": "10.1186/jbiol61", "status": "verified",
             "reason": "every field compared matches Crossref's record"}
    retraction = {"relation": "updated-by", "type": "retraction", "label": "Retraction",
                  "doi": "10.1186/jbiol99"}
    moved = {"v1": {"citations": [{**cited, "location": "blocks/3"}]},
             "v2": {"citations": [{**cited, "location": "blocks/4"}]}}
    assert diff_versions(_two_versions({"v1": record, "v2": record}, moved),
                         "wx:x")["verification"] == []
    retracted = {"v1": moved["v1"],
                 "v2": {"citations": [{**cited, "location": "blocks/3",
                                       "notices": [retraction]}]}}
    [change] = diff_versions(_two_versions({"v1": record, "v2": record}, retracted),
                             "wx:x")["verification"]
    assert change["old"] == {"status": "verified", "reason": cited["reason"]}
    assert change["new"]["notices"] == [retraction]
    from archiver.cli.reading import _verdict_change
    assert _verdict_change(change) == (
        f"citation at blocks/3 10.1186/jbiol61: verified ({cited['reason']}) → verified "
        f"({cited['reason']}); notice: retracted (Retraction 10.1186/jbiol99)")
    damaged = {"v1": moved["v1"], "v2": DamagedObject("citations.json is damaged")}
    diff = diff_versions(_two_versions({"v1": record, "v2": record}, damaged), "wx:x")
    assert diff["verification"] == [] and diff["same_record"] is True
    assert diff["verification_unread"] == {"v2": "citations.json is damaged"}


def test_a_field_one_record_lacks_is_added_not_changed_from_null():
    """A record made by an earlier version of the tool lacks a field a later one writes
    (``original_account``, a reprint's): the diff says it was added, with no ``old``, not
    changed from null, which a record may hold."""
    from types import SimpleNamespace

    from archiver.history import diff_versions
    from archiver.store import Archive
    records = {"v1": {"id": "wx:x", "title": "t", "original_url": None},
               "v2": {"id": "wx:x", "title": "t", "original_url": None,
                      "original_account": {"name": "中产先生"}}}

    class Records(Archive):
        """An archive of these two records alone (an older tool's and a newer one's)."""
        root = Path("archive")

        def versions(self, _id):
            return [SimpleNamespace(number=v, state={"record.json": v}) for v in records]

        def read_json(self, _id, _name, version=None):
            return records[version]

    store = object.__new__(Records)
    diff = diff_versions(store, "wx:x")
    assert diff["changes"] == [{"path": "original_account", "change": "added",
                                "new": {"name": "中产先生"}}]
    assert diff["same_record"] is False
    assert diff_versions(store, "wx:x", "v1", "v1")["same_record"] is True


def test_an_edit_undone_is_a_new_version_whose_diff_says_the_records_are_the_same(
        runner, archive_dir, tmp_path):
    """An edit undone makes v3 (the head says what the file says now), whose record is v1's:
    its diff from v1 says so, where it listed one changed file, ``provenance.json``, and
    nothing else."""
    post = tmp_path / "post.md"
    original = SEED.read_text(encoding="utf-8")
    diff_of_an_edit(runner, archive_dir, post, original,
                    original.replace("哈萨克斯坦还通过经济关系宣示主权",
                                     "哈萨克斯坦还通过经济与文化关系宣示主权"))
    post.write_text(original, encoding="utf-8")
    undone = json.loads(run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch",
                            "--json").stdout)
    assert (undone["status"], undone["version"]) == ("updated", "v3")
    shown = run(runner, "diff", undone["id"], "v1", "v3", "--archive", archive_dir)
    assert shown.stdout.splitlines() == [
        f"{undone['id']}: v1 → v3",
        "file changed: provenance.json",
        "the records are the same: only when and from what each version was made differs"]
    assert json.loads(run(runner, "diff", undone["id"], "v1", "v3", "--archive", archive_dir,
                          "--json").stdout)["same_record"] is True
    assert json.loads(run(runner, "diff", undone["id"], "--archive", archive_dir,
                          "--json").stdout)["same_record"] is False
    assert "the records are the same" not in run(runner, "diff", undone["id"], "--archive",
                                                 archive_dir).stdout  # v2 → v3: an edit


def test_diff_shows_each_changed_value_inside_a_field_by_its_path():
    from archiver.history import changed_leaves
    old = [{"original": "a.jpg", "status": "missing", "reason": "not fetched"},
           {"original": "b.jpg", "status": "stored", "sha256": "ab"}]
    new = [{"original": "a.jpg", "status": "missing", "reason": "cannot resolve host"},
           {"original": "b.jpg", "status": "stored", "sha256": "ab"},
           {"original": "c.jpg", "status": "stored"}]
    changes = [(where, a, b) for where, a, b in changed_leaves("images", old, new)]
    assert changes[0] == ("images[0].reason", "not fetched", "cannot resolve host")
    assert changes[1][0] == "images[2]" and changes[1][2] == {"original": "c.jpg",
                                                              "status": "stored"}
    assert len(changes) == 2
    assert changed_leaves("title", "a", "a") == []
    assert changed_leaves("title", "a", "b") == [("title", "a", "b")]


def test_diff_of_an_image_inserted_first_is_that_image_added_not_every_image_changed(
        runner, archive_dir, tmp_path):
    """A cover image put before the four of a Markdown export: the diff says one image was
    added, at images[0], and nothing of the four that only moved down."""
    post_dir = tmp_path / "mufeng"
    saved = WECHAT / "html-with-assets" / "mufeng__2018-01-29_大都市与小城镇——从东京的人口说起"
    shutil.copytree(saved, post_dir)
    post = next((post_dir / "md").glob("*.md"))
    original = post.read_text(encoding="utf-8")
    post_id = json.loads(run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch",
                             "--json").stdout)["id"]
    cover = "![封面](../images/2018-01-29_大都市与小城镇——从东京的人口说起/img_002.jpg)\n\n"
    post.write_text(original.replace("这是今年的首篇。", cover + "这是今年的首篇。", 1),
                    encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    diff = json.loads(run(runner, "diff", post_id, "--archive", archive_dir, "--json").stdout)
    images = [c for c in diff["changes"] if c["path"].startswith("images")]
    assert [(c["path"], "old" in c) for c in images] == [("images[0]", False)]
    assert images[0]["new"]["original"].endswith("/img_002.jpg")
    text = run(runner, "diff", post_id, "--archive", archive_dir).stdout
    assert [line for line in text.splitlines() if line.startswith("field images")] == [
        "field images[0]: (none) → " + json.dumps(images[0]["new"], ensure_ascii=False)]
    # the body: the image added is a line of its own, named by its text; no other changed
    assert [line for line in diff["body"] if line[:1] in "+-" and line[:3] not in
            ("+++", "---")] == ["+[image: 封面]"]
    from archiver.history import _body_lines  # an image is never a blank line
    assert _body_lines({"blocks": [{"type": "image", "image": 0},
                                   {"type": "image", "image": 1, "text": "图片"}]}) == [
        "[image]", "[image: 图片]"]


def test_an_item_changed_beside_one_inserted_is_compared_with_itself():
    """A cover image put first while the first image's status changed (stored → missing):
    the cover is added at images[0], and the changed image is compared with what it was,
    not with the cover that took its place (items of this test written by hand)."""
    from archiver.history import ABSENT, changed_leaves
    a = {"original": "a.jpg", "status": "stored", "sha256": "aa"}
    b = {"original": "b.jpg", "status": "stored", "sha256": "bb"}
    cover = {"original": "x.jpg", "status": "stored", "sha256": "xx"}
    a_missing = {"original": "a.jpg", "status": "missing", "sha256": "aa"}
    assert changed_leaves("images", [a, b], [cover, a_missing, b]) == [
        ("images[0]", ABSENT, cover), ("images[1].status", "stored", "missing")]
    # and an item that shares nothing with the one in its place is removed and added
    assert changed_leaves("tags", ["a", "b"], ["c", "b"]) == [("tags[0]", "a", "c")]


def test_a_missing_image_found_later_is_said_field_by_field(runner, archive_dir, tmp_path):
    """The seed post's images are not shipped with it: ingested again with an asset root
    that holds its first one (a real image of the corpus), that image is compared with
    what it was, by its reference as written, though every other field of it changed; it
    was said as one image removed and another added, each a whole JSON object."""
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0
    root = tmp_path / "root"
    (root / "images" / "1935").mkdir(parents=True)
    found = sorted((WECHAT / "html-with-assets").rglob("*.jpg"))[0]
    shutil.copy(found, root / "images" / "1935" / "2.jpeg")
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
               "--asset-root", root).exit_code == 0
    lines = run(runner, "diff", "wx:t/", "--archive", archive_dir).stdout.splitlines()
    first = [line for line in lines if line.startswith("field images[0]")]
    assert first[:2] == [
        'field images[0].reason: "file not found (looked for: images/1935/2.jpeg; asset '
        'roots: none configured)" → (none)',
        'field images[0].status: "missing" → "stored"']
    assert "field images[0].media_type: (none) → \"image/jpeg\"" in first
    assert not any(line.startswith("field images[0]: ") for line in lines)


def test_an_image_is_paired_by_its_reference_before_one_merely_alike():
    """Another missing image inserted before the one found shares the found one's old
    status and reason (every image has the same reason under --no-fetch): the one found is
    still the image it was (items of this test written by hand)."""
    from archiver.history import ABSENT, changed_leaves
    reason = "not fetched: network fetching is off (--no-fetch)"
    a = {"original": "a.jpg", "status": "missing", "reason": reason}
    b = {"original": "b.jpg", "status": "missing", "reason": reason}
    a_found = {"original": "a.jpg", "status": "stored", "sha256": "aa"}
    assert changed_leaves("images", [a], [b, a_found]) == [
        ("images[0]", ABSENT, b), ("images[1].status", "missing", "stored"),
        ("images[1].reason", reason, ABSENT), ("images[1].sha256", ABSENT, "aa")]


def test_a_list_item_removed_is_named_by_its_place_in_the_older_list():
    from archiver.history import ABSENT, changed_leaves
    assert changed_leaves("tags", ["a", "b", "c"], ["a", "c"]) == [("tags[1]", "b", ABSENT)]
    assert changed_leaves("tags", ["b", "c"], ["a", "b", "c"]) == [("tags[0]", ABSENT, "a")]


def test_a_list_item_that_moved_is_not_said_to_have_changed_into_another():
    """Tags [测试, 引用] → [引用, 测试, 新标签]: 引用 moved before 测试 and 新标签 was added;
    引用 was not changed into 新标签."""
    from archiver.history import ABSENT, changed_leaves
    assert sorted(changed_leaves("tags", ["测试", "引用"], ["引用", "测试", "新标签"])) == [
        ("tags[0]", ABSENT, "引用"), ("tags[1]", "引用", ABSENT),
        ("tags[2]", ABSENT, "新标签")]
    # a value held twice: the second one changed, it did not move
    assert changed_leaves("tags", ["a", "a"], ["a", "b"]) == [("tags[1]", "a", "b")]


def test_diff_of_a_post_with_one_version_says_there_is_nothing_to_compare(
        runner, archive_dir):
    added = json.loads(run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                           "--json").stdout)
    result = run(runner, "diff", added["id"], "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert "has one version (v1): nothing to compare it with" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", [[], ["ingest"], ["verify"], ["show"], ["list"], ["log"],
                                     ["diff"], ["fsck"], ["export"], ["refs"],
                                     ["refs", "parse"]])
def test_help_names_option_values_as_a_person_would_and_flags_take_none(runner, command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if "--" in line]
    flags = [row for row in rows if "<bool>" in row]
    assert flags == []
    help_row = [row for row in rows if "--help" in row]
    assert len(help_row) == 1 and "Show this message" in help_row[0]
    # a positional argument's value by its name, never its Python type (<list[Path]>, <str>)
    assert not re.search(r"<(?:list|str|Path)\b", result.stdout)
    archive = [row for row in rows if "--archive" in row]
    assert all(" DIR " in row for row in archive)
    # the groups, and the one command without an archive
    assert archive or command in ([], ["refs"], ["refs", "parse"])


@pytest.mark.parametrize("command, name, many", [(["ingest"], "PATH", True),
                                                  (["show"], "ID", False),
                                                  (["refs", "parse"], "FILE|-", False)])
def test_help_names_a_positional_argument_once(runner, command, name, many):
    """The arguments' panel names the value once ("PATH", then "..." where several are taken),
    not as "PATH  PATH...": its name column already shows the name it is given."""
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    panel = result.stdout.split("Arguments")[1].split("╰")[0]
    row = panel.splitlines()[1]
    assert row.count(name) == 1, row
    assert ("..." in row) is many, row


def test_every_command_is_documented_in_readme():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names
    for name in names:
        assert f"`archiver {name}" in readme, name


def test_installed_entry_point_runs(tmp_path):
    """One smoke test through a real process: the console script's module and exit codes."""
    done = subprocess.run([sys.executable, "-m", "archiver", "--version"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("archiver ")
    bad = subprocess.run([sys.executable, "-m", "archiver", "ingest", str(tmp_path / "x.md"),
                          "--archive", str(tmp_path / "a")], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == ExitCode.BAD_INPUT
    assert "x.md: no such file" in bad.stderr


# --- inputs a folder may hold, and a run that is stopped --------------------------------------

@pytest.mark.parametrize(("name", "encoding"), [
    *[(name, "cp1252") for name in ("café post.md", "Müller.md", "Zürich.html", "naïve.md",
                                    "Straße.md", "São Paulo.md", "Français.md")],
    *[(name, "gbk") for name in ("测试.md", "国政学人第464期.md", "中文 abc.html")]])
def test_the_encoding_guessed_for_a_name_that_is_not_utf8(name, encoding):
    """The rename hint's guess: GBK's Chinese characters are pairs of high bytes, a Western
    name's accented letters single ones among ASCII (each of which GBK would decode too)."""
    from archiver.pipeline import _likely_encoding
    assert _likely_encoding(name.encode(encoding)) == encoding


def test_a_file_whose_name_is_not_utf8_fails_alone_and_is_named(runner, archive_dir, tmp_path):
    """A GBK-named file (a zip made on Chinese Windows): no crash, the others are archived."""
    folder = tmp_path / "posts"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.md")
    odd = os.path.join(os.fsencode(folder), "测试".encode("gbk") + b".md")
    shutil.copy(PAGE, odd)
    result = run(runner, "ingest", folder, "--archive", archive_dir, "--no-fetch", "--json")
    assert result.exit_code == ExitCode.BAD_INPUT
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["status"] for r in rows) == ["added", "failed"]
    [failed] = [r for r in rows if r["status"] == "failed"]
    assert "not valid UTF-8" in failed["error"] and "\\xb2\\xe2" in failed["source"]
    assert "internal error" not in result.output
    # a person reads each stray byte escaped once, as --json writes it (not "\\\\xb2")
    said = run(runner, "ingest", odd.decode("utf-8", "surrogateescape"), "--archive",
               archive_dir, "--no-fetch")
    name = f"{folder}/\\xb2\\xe2\\xca\\xd4.md"
    assert f"archiver: error: {name}: its name (or its folder's) is not valid UTF-8" \
        in said.stderr, said.stderr
    assert "\\\\x" not in said.stderr and "\\udc" not in said.stderr, said.stderr
    assert "convmv -f gbk" in said.stderr  # the name reads as Chinese in GBK
    # a Western Windows's name ("café" in Windows-1252) is not sent to GBK
    western = os.path.join(os.fsencode(folder), "café".encode("cp1252") + b".md")
    shutil.copy(PAGE, western)
    said = run(runner, "ingest", western.decode("utf-8", "surrogateescape"), "--archive",
               archive_dir, "--no-fetch")
    assert "convmv -f cp1252" in said.stderr, said.stderr


def test_names_that_are_not_utf8_reached_another_way_are_said_never_a_crash(runner,
                                                                           archive_dir,
                                                                           tmp_path):
    """A link to a file in a folder so named, an asset root so named, an image folder linked
    to one, a folder so named given with others, a hint naming one: each is said (once
    escaped), and --json stays UTF-8 JSON; none ends the run as an internal error."""
    odd = os.fsdecode(os.fsencode(tmp_path) + b"/d\xff")
    os.makedirs(odd)
    shutil.copy(SEED, os.path.join(odd, "good.md"))
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "link.md").symlink_to(os.path.join(odd, "good.md"))
    linked = run(runner, "ingest", tmp_path / "ok" / "link.md", "--archive", archive_dir,
                 "--no-fetch")
    assert linked.exit_code == ExitCode.BAD_INPUT, linked.output
    assert "d\\xff/good.md: its name (or its folder's) is not valid UTF-8" in linked.stderr

    root = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch", "--asset-root",
               odd)
    assert root.exit_code == ExitCode.USAGE, root.output
    assert "d\\xff': a folder whose name is not valid UTF-8" in root.stderr

    post = tmp_path / "withimage" / "p.md"
    post.parent.mkdir()
    shutil.copy(next(FIXTURES.rglob("*.jpg")), os.path.join(odd, "pic.jpg"))
    (post.parent / "images").symlink_to(odd)
    post.write_text("---\ntitle: 图\nauthor: 号\ndate: 2021-01-01\n---\n\n正文。\n\n"
                    "![](images/pic.jpg)\n", encoding="utf-8")
    imaged = run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch", "--json")
    assert imaged.exit_code == ExitCode.OK, imaged.output
    [row] = [json.loads(line) for line in imaged.stdout.splitlines()]
    assert "a link to a file whose name, or its folder's, is not valid UTF-8" in \
        row["warnings"][0]

    linking = os.fsdecode(os.fsencode(tmp_path) + b"/lk\xfd")
    os.makedirs(linking)
    os.symlink(tmp_path / "ok", os.path.join(linking, "to"))
    empty = os.fsdecode(os.fsencode(tmp_path) + b"/e\xfe")
    os.makedirs(empty)
    hinted = run(runner, "ingest", linking, "--archive", archive_dir, "--json")
    assert json.loads(hinted.stdout.encode("utf-8"))["hint"].endswith("lk\\xfd'/*`)")
    both = run(runner, "ingest", empty, linking, "--archive", archive_dir)
    assert "paths (" in both.stderr and "e\\xfe, " in both.stderr and "\\\\x" not in both.stderr


@pytest.mark.parametrize("command", [["show"], ["log"], ["diff"], ["export", "bibtex"],
                                     ["verify", "--offline"]])
def test_an_id_that_is_not_utf8_is_no_post_not_an_internal_error(runner, archive_dir,
                                                                 command):
    """An argument holding bytes that are not UTF-8 (a name pasted from a GBK terminal) comes
    to Python as lone surrogates, which no id holds: no such post, the bytes shown escaped."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    given = os.fsdecode(b"wx:t/\xff")
    result = run(runner, *command, given, "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "no post with id 'wx:t/\\xff' in the archive: it is not valid UTF-8" \
        in result.stderr, result.stderr
    assert "internal error" not in result.stderr


def test_fsck_names_a_stray_file_whose_name_is_not_utf8_with_its_bytes_escaped(
        runner, archive_dir):
    """A file dropped into an object by a system using another encoding: one problem whose
    path shows the stray byte escaped (not U+FFFD, which would hide which byte), on stdout
    and in --json, which stays UTF-8."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    [obj] = objects_on_disk(archive_dir)
    (obj / "v1" / "content" / os.fsdecode(b"st\xffray")).write_bytes(b"x")
    said = run(runner, "fsck", "--archive", archive_dir)
    assert said.exit_code == ExitCode.ARCHIVE
    assert "v1/content/st\\xffray: file is not in the manifest" in said.stdout, said.stdout
    # a stray file is moved out, not restored from a copy
    assert "hint: move the files that no manifest names out of the archive" in said.stderr
    assert "restore" not in said.stderr, said.stderr
    report = json.loads(run(runner, "fsck", "--archive", archive_dir, "--json").stdout)
    assert [p["path"].rsplit("/", 1)[1] for p in report["problems"]] == ["st\\xffray"]


@pytest.mark.skipif(sys.platform != "linux", reason="macOS and Windows read names as UTF-8 "
                                                    "whatever the locale")
def test_a_utf8_name_where_python_reads_names_as_ascii_is_said_so(tmp_path):
    """Under ``LC_ALL=C`` with ``PYTHONUTF8=0`` Python reads file names as ASCII, so a
    Chinese name comes as escaped bytes: the post fails with that said and what to run, not
    "not valid UTF-8" (the name is) nor an internal error."""
    post = tmp_path / "测试.md"
    shutil.copy(SEED, post)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    result = subprocess.run([sys.executable, "-m", "archiver", "ingest", str(post),
                             "--archive", str(tmp_path / "a"), "--no-fetch"],
                            capture_output=True, text=True, check=False, env=env)
    assert result.returncode == ExitCode.BAD_INPUT
    assert "its name is UTF-8, but Python here reads file names as ascii" in result.stderr
    assert "PYTHONUTF8=1" in result.stderr
    assert "internal error" not in result.stderr and "not valid UTF-8" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_folder_is_skipped_and_a_named_one_fails_without_waiting(archive_dir,
                                                                          tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.md")
    os.mkfifo(folder / "b_fifo.md")
    walked = subprocess.run([sys.executable, "-m", "archiver", "ingest", str(folder),
                             "--archive", str(archive_dir), "--no-fetch", "--json"],
                            capture_output=True, text=True, timeout=60)
    rows = [json.loads(line) for line in walked.stdout.splitlines()]
    assert [(Path(r["source"]).name, r["status"]) for r in rows] == [
        ("b_fifo.md", "skipped"), ("seed.md", "added")]
    named = subprocess.run([sys.executable, "-m", "archiver", "ingest",
                            str(folder / "b_fifo.md"), "--archive", str(archive_dir),
                            "--no-fetch"], capture_output=True, text=True, timeout=60)
    assert named.returncode == ExitCode.BAD_INPUT
    assert "not a regular file" in named.stderr


def test_the_archive_inside_the_folder_ingested_is_not_ingested_itself(runner, tmp_path,
                                                                      monkeypatch):
    folder = tmp_path / "posts"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.md")
    monkeypatch.chdir(folder)
    first = run(runner, "ingest", ".", "--no-fetch", "--json")  # the default ./archive
    again = run(runner, "ingest", ".", "--no-fetch", "--json")
    assert (folder / "archive").is_dir()
    for result in (first, again):
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert [Path(r["source"]).name for r in rows] == ["seed.md"]


def test_an_interrupted_ingest_says_what_is_archived_and_exits_130(runner, archive_dir,
                                                                  monkeypatch):
    import archiver.pipeline as pipeline
    real = pipeline.ingest_paths

    def interrupted(paths, config, *, on_result=None, **kwargs):
        real(paths[:2], config, on_result=on_result, **kwargs)
        raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "ingest_paths", interrupted)
    result = run(runner, "ingest", SEED, archive_dir.parent / "gone.md", PAGE,
                 "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == 130
    # the failed file is not counted
    assert "interrupted: 1 post(s) reported as archived before this are in the archive" \
        in result.output


VANDERHILL = ("Vanderhill R. Between the bear and the dragon. International Affairs. "
              "2020;96(4):975-993. doi:10.1093/ia/iiaa061\n")


def test_standard_input_that_is_not_utf8_is_bad_input_as_a_file_is(runner, archive_dir,
                                                                    tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    junk = b"Z\xb4\xea f ecK\n"
    parsed = runner.invoke(app, ["refs", "parse", "-"], input=junk)
    assert parsed.exit_code == ExitCode.BAD_INPUT and parsed.stdout == ""
    assert "standard input: not UTF-8 text (at byte 1, which is 0xb4)" in parsed.stderr
    verified = runner.invoke(app, ["verify", "-", "--offline", "--archive", str(archive_dir)],
                             input=junk)
    assert verified.exit_code == ExitCode.BAD_INPUT
    assert "standard input: not UTF-8 text (at byte 1, which is 0xb4)" in verified.stderr
    fine = runner.invoke(app, ["refs", "parse", "-"], input=VANDERHILL.encode())
    assert fine.exit_code == 0 and "International Affairs" in fine.stdout


def test_refs_parse_keeps_each_column_in_its_place_when_a_field_is_missing(runner):
    # no author, no issue, no DOI: the title is still the third column
    line = "Between the bear and the dragon. International Affairs. 2020;96:975-993.\n"
    shown = runner.invoke(app, ["refs", "parse", "-"], input=line.encode()).stdout
    columns = [c.strip() for c in shown.rstrip("\n").split("|")]
    assert len(columns) >= 7
    assert (columns[1], columns[2], columns[3], columns[4], columns[6]) == (
        "(2020)", "Between the bear and the dragon", "International Affairs", "96", "975-993")


def test_junit_dash_writes_the_xml_to_stdout_in_place_of_the_report(runner, archive_dir,
                                                                   tmp_path, monkeypatch):
    from xml.etree import ElementTree
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    refs = tmp_path / "refs.txt"
    refs.write_text(VANDERHILL, encoding="utf-8")
    result = run(runner, "verify", refs, "--offline", "--junit", "-", "--archive", archive_dir)
    assert result.exit_code == ExitCode.UNCHECKED
    suite = ElementTree.fromstring(result.stdout.encode())
    assert suite.get("tests") == "1" and suite.get("errors") == "1"
    assert not (tmp_path / "-").exists()
    named = run(runner, "verify", refs, "--offline", "--junit", "./-", "--archive", archive_dir)
    assert named.exit_code == ExitCode.UNCHECKED and not named.stdout.startswith("<?xml")
    assert ElementTree.parse(tmp_path / "-").getroot().get("tests") == "1"  # a file named -
    both = run(runner, "verify", refs, "--offline", "--junit", "-", "--json", "--archive",
               archive_dir)
    assert both.exit_code == ExitCode.USAGE and "both write to standard output" in both.stderr


def test_fail_on_nothing_makes_no_status_fail(runner, archive_dir, tmp_path, monkeypatch):
    """A DOI Crossref does not know fails the default run; with --fail-on "" it does not.
    (The 404 is SYNTHETIC: the local server is asked for a DOI it has no record of.)"""
    from crossref_server import CrossrefServer
    refs = tmp_path / "refs.txt"
    refs.write_text("doi:10.9999/synthetic-not-registered\n", encoding="utf-8")
    with CrossrefServer() as server:
        monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
        monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
        default = run(runner, "verify", refs, "--archive", archive_dir)
        none = run(runner, "verify", refs, "--fail-on", "", "--archive", archive_dir)
    assert default.exit_code == ExitCode.CITATION_WRONG and "not_found" in default.stdout
    assert none.exit_code == ExitCode.OK


@pytest.mark.parametrize(("fail_on", "said"), [
    ("verified", "--fail-on: a verified citation cannot fail the build"),
    ("mismatch,wrong", "--fail-on: unknown status wrong")])
def test_fail_on_takes_only_statuses_that_can_fail(runner, archive_dir, tmp_path, fail_on,
                                                   said):
    refs = tmp_path / "refs.txt"
    refs.write_text("doi:10.1093/ia/iiaa061\n", encoding="utf-8")
    result = run(runner, "verify", refs, "--fail-on", fail_on, "--offline", "--archive",
                 archive_dir)
    assert result.exit_code == ExitCode.USAGE
    assert f"archiver: error: {said}" in result.stderr
    assert "hint: statuses: mismatch, not_found, unresolved, ambiguous; and retracted" \
        in result.stderr


def test_export_options_that_would_do_nothing_are_refused(runner, archive_dir):
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0
    alone = run(runner, "export", "bibtex", "--include-unverified", "--archive", archive_dir)
    assert alone.exit_code == ExitCode.USAGE
    assert "--include-unverified only applies with --cited" in alone.stderr
    [post] = [json.loads(line)["id"] for line in run(runner, "list", "--archive", archive_dir,
                                                     "--json").stdout.splitlines()]
    site = archive_dir.parent / "site"
    for extra in ([post], ["--cited"]):
        refused = run(runner, "export", "html", *extra, "-o", site, "--archive", archive_dir)
        assert refused.exit_code == ExitCode.USAGE and "writes the whole archive" in refused.stderr
    assert not site.exists()


def test_ingest_verify_json_ends_with_the_verify_report(runner, archive_dir, tmp_path,
                                                        monkeypatch):
    from archiver import schema
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    result = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch", "--verify",
                 "--offline", "--json")
    assert result.exit_code == ExitCode.UNCHECKED
    *posts, last = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["status"] for p in posts] == ["added"]
    assert schema.errors("verify-report", last) == []
    assert [(c["doi"], c["status"], c["post"]) for c in last["citations"]] == [
        ("10.1093/ia/iiaa061", "unresolved", posts[0]["id"])]


def test_ingest_verify_says_which_version_holds_the_results(runner, archive_dir, tmp_path,
                                                          monkeypatch):
    """The post is reported at v1 as it is archived; the verification kept afterwards makes
    v2, which the run says under the counts (and again not when nothing changed)."""
    from crossref_server import CrossrefServer
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    with CrossrefServer() as server:
        monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
        first = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch", "--verify")
        again = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch", "--verify")
        as_json = run(runner, "ingest", SEED, "--archive", tmp_path / "other", "--no-fetch",
                      "--verify", "--json")
    post = first.stdout.split()[1]
    assert first.stdout.split()[2] == "v1"
    assert (f"results kept in the archive: 1 post(s) given a new version ({post} v2)"
            in first.stderr.splitlines())
    log = json.loads(run(runner, "log", post, "--archive", archive_dir, "--json").stdout)
    assert sorted(v["version"] for v in log["versions"]) == ["v1", "v2"]
    assert "results kept" not in again.stderr
    from archiver import schema
    *rows, report = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [(r["id"], r["version"]) for r in rows] == [(post, "v1")]
    assert report["kept"] == {post: "v2"} and schema.errors("verify-report", report) == []


def test_diff_of_a_changed_list_item_shows_that_item_alone(runner, archive_dir, tmp_path):
    """A post's list of papers is one block of many items: a change to one item is that item's
    line, removed and added; its neighbours are context, and no diff line holds a line
    break."""
    post = tmp_path / "post.md"
    original = (WECHAT / "markdown" / "mp_duty__临床预测模型经典文献合集.md").read_text("utf-8")
    post.write_text(original, encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    record = json.loads(run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch",
                            "--json").stdout)
    blocks = json.loads(run(runner, "show", record["id"], "--archive", archive_dir,
                            "--json").stdout)["blocks"]
    lists = [b["text"].split("\n") for b in blocks if b["type"] == "list"
             and len(b["text"].split("\n")) >= 3]
    assert lists, "the post has a list of several items"
    item = lists[0][1]
    changed = item[:-1] + ("X" if item[-1] != "X" else "Y")
    post.write_text(original.replace(item, changed), encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    body = json.loads(run(runner, "diff", record["id"], "--archive", archive_dir,
                          "--json").stdout)["body"]
    assert [line for line in body if line.startswith(("-", "+"))
            and not line.startswith(("---", "+++"))] == [f"-{item}", f"+{changed}"]
    assert all("\n" not in line for line in body)
    assert f" {lists[0][0]}" in body and f" {lists[0][2]}" in body  # its neighbours, as context


def test_a_damaged_image_fails_its_post_alone_and_the_run_goes_on(runner, archive_dir,
                                                                  tmp_path):
    """An edit of a post whose archived image was changed on disk: the new version would
    carry that image forward, so the post fails (exit 5, naming the file); the next post of
    the run is archived all the same."""
    run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch")
    [image] = list(archive_dir.rglob("v1/content/assets/*"))[:1]
    image.write_bytes(image.read_bytes()[:-1] + b"\x00")
    edited = tmp_path / "edited" / MUFENG_PAGE.name
    edited.parent.mkdir()
    page = MUFENG_PAGE.read_text(encoding="utf-8")
    assert "昨天" in page
    edited.write_text(page.replace("昨天", "昨日", 1), encoding="utf-8")  # images not beside it
    result = run(runner, "ingest", edited, SEED, "--archive", archive_dir, "--no-fetch",
                 "--json")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    statuses = [json.loads(line)["status"] for line in result.stdout.splitlines()]
    assert statuses == ["failed", "added"]
    assert "do not match the sha512 digest" in result.stderr


@pytest.mark.parametrize(("damage", "said"), [
    ("record-altered", "is damaged"),
    ("inventory-cut-short", "the inventory is damaged: not valid JSON"),
    ("inventory-removed", "the object has no inventory.json"),
    ("inventory-unreadable", "the object's inventory.json is not a file")])
def test_verify_of_the_archive_reports_a_damaged_post_and_checks_the_others(
        runner, archive_dir, damage, said):
    run(runner, "ingest", SEED, PAGE, "--archive", archive_dir, "--no-fetch")
    [object_id] = [o for o in Archive.open(archive_dir).object_ids() if "MzI2NTE1" in o]
    inventory = Archive.open(archive_dir).object_path(object_id) / "inventory.json"
    if damage == "record-altered":
        record = Archive.open(archive_dir).content_path(object_id, "record.json")
        record.write_bytes(record.read_bytes().replace(b'"title":', b'"title": ', 1))
    elif damage == "inventory-cut-short":
        inventory.write_bytes(inventory.read_bytes()[:200])
    elif damage == "inventory-unreadable":  # a folder in its place: no file to read
        inventory.unlink()
        inventory.mkdir()
    else:
        inventory.unlink()
    result = run(runner, "verify", "--archive", archive_dir, "--offline", "--json")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    report = json.loads(result.stdout)
    assert report["citations"], "the seed post's citations are still reported"
    assert said in report["errors"][0]["message"]


def test_verify_whose_inputs_could_not_be_read_says_so_not_that_nothing_is_cited(
        runner, archive_dir, tmp_path):
    """A damaged post, or a .bib file with an entry that cannot be read, is named; the summary
    then says what was not checked, not "no citations found" (which reads as "cites
    nothing")."""
    added = json.loads(run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                           "--json").stdout)
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{a,\n title={x},\n doi={10.1093/ia/iiaa061}\n}\n"
                   "@article{b, title={unclosed\n", encoding="utf-8")
    record = archive_dir / added["record"]
    record.chmod(0o644)
    with record.open("ab") as handle:
        handle.write(b"x")  # no longer JSON
    for targets, code in (([bib], ExitCode.BAD_INPUT), ([added["id"]], ExitCode.ARCHIVE),
                          ([bib, added["id"]], ExitCode.BAD_INPUT)):
        result = run(runner, "verify", *targets, "--offline", "--archive", archive_dir)
        assert result.exit_code == code, result.output
        assert "no citations found" not in result.stderr
        assert result.stderr.splitlines()[-1] == (
            f"no citations checked: {len(targets)} input(s) could not be read (named above)")
    refs = tmp_path / "refs.txt"
    refs.write_text("Vanderhill R. Between the bear and the dragon. International Affairs. "
                    "2020;96(4):975-993. doi:10.1093/ia/iiaa061\n", encoding="utf-8")
    some = run(runner, "verify", refs, bib, "--offline", "--archive", archive_dir)
    assert "1 unresolved; 1 input(s) could not be read (named above)" in some.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    nothing = run(runner, "verify", empty, "--offline", "--archive", archive_dir)
    assert nothing.stderr.splitlines()[-1] == "no citations found"


def test_an_empty_archiver_archive_variable_is_a_usage_error_not_the_default_folder(
        runner, tmp_path, monkeypatch):
    """``ARCHIVER_ARCHIVE=$DIR`` with DIR unset: the posts must not quietly go to ./archive."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["ingest", str(SEED), "--no-fetch"],
                           env={"ARCHIVER_ARCHIVE": ""})
    assert result.exit_code == ExitCode.USAGE
    assert "ARCHIVER_ARCHIVE is set but empty" in result.stderr
    assert not (tmp_path / "archive").exists()
    given = runner.invoke(app, ["ingest", str(SEED), "--no-fetch", "--archive",
                                str(tmp_path / "mine")], env={"ARCHIVER_ARCHIVE": ""})
    assert given.exit_code == 0, given.output  # the option names the archive: no guess made
    # a bad value of the variable typer took the option from is named as the variable
    bad = runner.invoke(app, ["list"], env={"ARCHIVER_ARCHIVE": "~nosuchuser0000/a"})
    assert bad.exit_code == ExitCode.USAGE and "ARCHIVER_ARCHIVE" in bad.stderr, bad.stderr


def test_diff_shows_a_list_becoming_numbered_by_its_numbers(runner, archive_dir, tmp_path):
    """A numbered list's numbers are drawn by the page, in no item's text: a list that became
    numbered (an <ul> made an <ol>) or renumbered (its start moved) changed what a reader
    sees, and the diff shows each item with its number."""
    post = tmp_path / "post.html"
    page = ('<html><body><div id="js_content"><p>Steps</p><ul><li>Collect</li><li>Clean</li>'
            '</ul></div></body></html>')
    post.write_text(page, encoding="utf-8")
    record = json.loads(run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch",
                            "--json").stdout)
    post.write_text(page.replace("<ul>", '<ol start="3">').replace("</ul>", "</ol>"),
                    encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    body = json.loads(run(runner, "diff", record["id"], "--archive", archive_dir,
                          "--json").stdout)["body"]
    assert [line for line in body if line.startswith(("-", "+"))
            and not line.startswith(("---", "+++"))] == [
        "-Collect", "-Clean", "+3. Collect", "+4. Clean"]


def test_diff_json_gives_each_changed_value_by_its_path(runner, archive_dir, tmp_path):
    """As the text report does: a changed name inside the credits is that name, not the
    whole credits field twice."""
    post = tmp_path / "post.md"
    original = SEED.read_text(encoding="utf-8")
    assert "吴天麟" in original
    post.write_text(original, encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    post.write_text(original.replace("吴天麟", "吴天林"), encoding="utf-8")
    added = json.loads(run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch",
                           "--json").stdout)
    diff = json.loads(run(runner, "diff", added["id"], "--archive", archive_dir,
                          "--json").stdout)
    assert {"path": "credits.编译[0]", "change": "changed", "old": "吴天麟",
            "new": "吴天林"} in diff["changes"]
    text = run(runner, "diff", added["id"], "--archive", archive_dir).stdout
    assert 'field credits.编译[0]: "吴天麟" → "吴天林"' in text


def test_diff_says_a_value_added_removed_or_changed_and_a_time_rewritten_for_the_same_instant(
        runner, archive_dir, tmp_path):
    """Each change in `diff --json` says which it is: a value one side lacks is absent from
    that side (not null, which a record may hold), and `change` says so. A publication time
    written in another zone for the same moment is shown as the change it is, a rewriting,
    not a post published at another time."""
    post = tmp_path / "post.md"
    original = SEED.read_text(encoding="utf-8")
    assert "\ndate: 2020-08-04 18:00:00\n" in original and "\ntags: \n" in original
    diff = diff_of_an_edit(
        runner, archive_dir, post,
        original.replace("吴天麟", "").replace("tags: \n", "tags: [中亚]\n"),
        original.replace("date: 2020-08-04 18:00:00", "date: 2020-08-04T10:00:00Z"))
    changes = {change["path"]: change for change in diff["changes"]}
    assert changes["credits.编译"] == {"path": "credits.编译", "change": "added",
                                       "new": ["吴天麟"]}
    assert changes["tags[0]"] == {"path": "tags[0]", "change": "removed", "old": "中亚"}
    assert changes["published"] == {"path": "published", "change": "changed",
                                     "old": "2020-08-04T18:00:00+08:00",
                                     "new": "2020-08-04T10:00:00+00:00"}
    assert diff["same_record"] is False
    text = run(runner, "diff", diff["id"], "--archive", archive_dir).stdout.splitlines()
    assert 'field published: "2020-08-04T18:00:00+08:00" → "2020-08-04T10:00:00+00:00" ' \
           "(the same instant)" in text
    assert 'field tags[0]: "中亚" → (none)' in text
    assert not any("same instant" in line for line in text if "published" not in line)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_a_reference_file_with_a_byte_order_mark_is_read_in_its_encoding(runner, archive_dir,
                                                                        tmp_path, encoding):
    """Windows' Notepad saves "Unicode" as UTF-16 with a byte-order mark: the mark says how
    to read it."""
    refs = tmp_path / "refs.txt"
    refs.write_bytes(VANDERHILL.encode(encoding))
    parsed = run(runner, "refs", "parse", refs, "--json")
    assert parsed.exit_code == 0
    assert json.loads(parsed.stdout)["container-title"] == "International Affairs"


def test_utf16_without_its_mark_is_bad_input_not_letters_spaced_out(runner, archive_dir,
                                                                    tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    refs = tmp_path / "refs.txt"
    refs.write_bytes(VANDERHILL.encode("utf-16-le"))
    for args in (["refs", "parse", refs], ["verify", refs, "--offline", "--archive",
                                           archive_dir]):
        result = run(runner, *args)
        assert result.exit_code == ExitCode.BAD_INPUT, args
        assert f"{refs}: holds NUL bytes (byte 1): UTF-16 text without a byte-order mark" \
            in result.stderr
        assert "iconv -f UTF-16LE -t UTF-8" in result.stderr


def test_a_file_that_is_not_utf8_is_named_with_a_way_to_convert_it(runner, tmp_path):
    refs = tmp_path / "refs.txt"
    refs.write_bytes((VANDERHILL + "王伟. 标题[J]. 期刊, 2020.\n").encode("gb18030"))
    result = run(runner, "refs", "parse", refs)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "not UTF-8 text" in result.stderr and "iconv -f ENCODING -t UTF-8" in result.stderr


def test_ctrl_c_while_the_command_line_is_imported_exits_130_without_a_traceback(monkeypatch):
    """The first fraction of a second of every command is importing it; an interrupt there
    ended in a Python traceback (SYNTHETIC interrupt, raised by the import)."""
    import builtins

    import archiver.__main__ as entry
    real_import = builtins.__import__

    def interrupted(name, *args, **kwargs):
        if name == "archiver.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as stopped:
        entry.run()
    assert stopped.value.code == 130


def test_show_says_which_version_it_shows(runner, archive_dir, tmp_path):
    post = tmp_path / "post.md"
    post.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    edited = SEED.read_text(encoding="utf-8").replace("不代表本平台观点", "不代表本平台的观点")
    post.write_text(edited, encoding="utf-8")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    assert "\nversion: v2 of 2\n" in run(runner, "show", "wx:t/", "--archive",
                                         archive_dir).stdout
    assert "\n- **version**: v1 of 2\n" in run(runner, "show", "wx:t/", "-v", "1", "-f",
                                               "markdown", "--archive", archive_dir).stdout
    shown = json.loads(run(runner, "show", "wx:t/", "--json", "--archive", archive_dir).stdout)
    assert "version" not in shown  # the record as stored


def test_show_of_a_version_whose_provenance_is_damaged_shows_the_record_and_says_so(
        runner, archive_dir):
    """The record is whole: it is shown; the damage of the file show reads beside it (when
    the copy was made) is said after it, and the exit is 5, as for any damage."""
    from archiver.store import Archive

    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0
    store = Archive.open(archive_dir)
    [object_id] = store.object_ids()
    provenance = store.content_path(object_id, "provenance.json")
    provenance.write_bytes(provenance.read_bytes().replace(b'"fields"', b'"fieldz"'))
    for fmt in ("text", "markdown"):
        result = run(runner, "show", object_id, "-f", fmt, "--archive", archive_dir)
        assert result.exit_code == ExitCode.ARCHIVE
        assert "龙与熊之间" in result.stdout and "哈萨克斯坦还通过经济关系宣示主权" in result.stdout
        assert "provenance.json" in result.stderr and "damaged" in result.stderr


def test_show_says_when_the_save_was_fetched_or_captured_as_its_provenance_does(
        runner, archive_dir):
    """A Markdown export's front-matter date is when the exporter fetched the page, not a
    publication time (the record has none): show said no date at all. A WARC's record says
    when the crawler captured the page. Both are the provenance's, shown beside the
    record's fields; the record itself (--json) is as stored."""
    export = WECHAT / "markdown" / "mp_duty__临床预测模型经典文献合集.md"
    warc = FIXTURES / "containers" / "converted-mufeng-2021-07-07.warc"
    assert run(runner, "ingest", export, warc, "--archive", archive_dir,
               "--no-fetch").exit_code == 0
    from archiver.store import Archive

    store = Archive.open(archive_dir)
    for object_id in store.object_ids():
        provenance = store.read_json(object_id, "provenance.json")
        record = store.read_json(object_id, "record.json")
        shown = run(runner, "show", object_id, "--archive", archive_dir).stdout.splitlines()
        as_markdown = run(runner, "show", object_id, "-f", "markdown", "--archive",
                          archive_dir).stdout
        if provenance["container"]:  # the WARC's capture, and the page's own date
            assert f"captured: {provenance['container']['date']}" in shown
            assert f"published: {record['published']}" in shown
        else:
            assert record["published"] is None
            assert f"fetched: {provenance['fetched']}" in shown
            assert f"- **fetched**: {provenance['fetched']}" in as_markdown
        assert not any(line.startswith(("captured", "fetched")) for line in run(
            runner, "show", object_id, "--json", "--archive", archive_dir).stdout.splitlines())


@pytest.mark.parametrize(("encoding", "named"), [("utf-16-le", "UTF-16LE"),
                                                 ("utf-16-be", "UTF-16BE")])
def test_utf16_without_its_mark_is_named_by_its_byte_order(runner, tmp_path, encoding, named):
    refs = tmp_path / "refs.txt"
    refs.write_bytes(VANDERHILL.encode(encoding))
    result = run(runner, "refs", "parse", refs)
    assert f"iconv -f {named} -t UTF-8" in result.stderr


def test_cited_and_only_cited_together_are_refused(runner, archive_dir):
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0
    both = run(runner, "export", "bibtex", "--cited", "--only-cited", "--archive", archive_dir)
    assert both.exit_code == ExitCode.USAGE and both.stdout == ""
    assert "--cited and --only-cited contradict each other" in both.stderr


def test_only_cited_with_nothing_verified_says_why_nothing_was_exported(runner, archive_dir):
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0
    nothing = run(runner, "export", "bibtex", "--only-cited", "--archive", archive_dir)
    assert nothing.exit_code == ExitCode.OK and nothing.stdout == ""
    assert nothing.stderr.splitlines() == [
        "exported 0 entries as bibtex: no verified citation in these posts",
        "  hint: run `archiver verify` to check the posts' citations against Crossref (the "
        "results are kept in the archive), or add --include-unverified to export those not "
        "verified, marked in a note"]
    unverified = run(runner, "export", "bibtex", "--only-cited", "--include-unverified",
                     "--archive", archive_dir)
    assert unverified.stdout.startswith("@") and "hint" not in unverified.stderr
    quiet = run(runner, "export", "bibtex", "--only-cited", "-q", "--archive", archive_dir)
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (ExitCode.OK, "", "")


def test_cited_says_how_many_of_its_entries_are_cited_works(runner, archive_dir):
    """`export --cited` with nothing verified wrote the posts alone and said only how many
    entries: it now counts the posts and the cited works apart, and says why there are none
    (with the same hint as --only-cited)."""
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0
    posts = run(runner, "export", "bibtex", "--cited", "--archive", archive_dir)
    assert posts.exit_code == ExitCode.OK and posts.stdout.count("@") == 1
    assert posts.stderr.splitlines()[0] == ("exported 1 entry as bibtex (1 post(s), 0 cited "
                                            "work(s)): no verified citation in these posts")
    assert "hint: run `archiver verify`" in posts.stderr
    both = run(runner, "export", "bibtex", "--cited", "--include-unverified", "--archive",
               archive_dir)
    assert both.stderr.splitlines() == ["exported 2 entries as bibtex (1 post(s), 1 cited "
                                        "work(s))"]
    assert both.stdout.count("@") == 2


def test_an_archive_inside_another_is_refused_with_exit_5(runner, archive_dir):
    """`--archive archive/<object>/v3` (or any folder within the storage root) once made a
    second archive there, and the object around it failed its next version as damaged."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    [seed_object] = objects_on_disk(archive_dir)
    for inside in (seed_object / "v3", archive_dir / "sub"):
        result = run(runner, "ingest", PAGE, "--archive", inside, "--no-fetch")
        assert result.exit_code == ExitCode.ARCHIVE, result.output
        assert "inside the OCFL" in result.output and "Traceback" not in result.output
        assert not inside.exists()
    # a folder of the archive that holds files is said to be inside it, not "not empty"
    result = run(runner, "list", "--archive", archive_dir / "extensions")
    assert result.exit_code == ExitCode.ARCHIVE
    assert "inside the OCFL storage root" in result.output
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == ExitCode.OK


@pytest.mark.parametrize("command", [
    ("export", "bibtex", "-o", "{archive}/posts.bib"),
    ("export", "bibtex", "-o", "{object}/v1/content/record.json"),
    ("export", "bibtex", "-o", "{link}"),
    ("export", "html", "-o", "{archive}"),
    ("export", "html", "-o", "{archive}/site"),
    ("verify", "--offline", "--junit", "{archive}/junit.xml"),
])
def test_no_command_writes_its_output_inside_the_archive(runner, archive_dir, tmp_path,
                                                         command):
    """An export (or a JUnit report) named inside the archive would join its objects, or
    overwrite a stored record through its name or a link to it, and fsck would then find the
    archive damaged: it is refused (exit 2) before anything is written."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    [seed_object] = objects_on_disk(archive_dir)
    link = tmp_path / "posts.bib"
    link.symlink_to(seed_object / "v1" / "content" / "record.json")
    before = {p: p.read_bytes() for p in archive_dir.rglob("*") if p.is_file()}
    args = [a.format(archive=archive_dir, object=seed_object, link=link) for a in command]
    result = run(runner, *args, "--archive", archive_dir)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "inside the OCFL" in result.output and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in archive_dir.rglob("*") if p.is_file()} == before
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == ExitCode.OK


@pytest.mark.parametrize("damage", ["version-folder-deleted", "provenance-cut-short",
                                    "provenance-deleted"])
def test_a_post_read_again_is_not_called_unchanged_in_a_version_that_is_damaged(
        runner, archive_dir, tmp_path, damage):
    """`ingest --refresh` compares the post with what the inventory says each version holds;
    a version whose folder was deleted, or whose provenance (which its source cannot give
    back) was cut short or deleted, holds nothing the post could be unchanged in: the post
    fails with exit 5 naming the damage, as fsck does. (A file its source holds, deleted,
    is put back: the test before.)"""
    post = edited_seed(tmp_path / "edited.md")
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch")
    [obj] = objects_on_disk(archive_dir)
    provenance = obj / "v2" / "content" / "provenance.json"
    if damage == "version-folder-deleted":
        shutil.rmtree(obj / "v2")
    elif damage == "provenance-deleted":
        provenance.unlink()
    else:
        provenance.write_bytes(provenance.read_bytes()[:100])
    result = run(runner, "ingest", post, "--archive", archive_dir, "--no-fetch", "--json",
                 "--refresh")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["status"] == "failed", row
    assert ("missing from the archive" if damage != "provenance-cut-short"
            else "provenance.json of") in row["error"], row
    assert "source does not hold them" in row["error"] or damage != "provenance-cut-short"
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == ExitCode.ARCHIVE


@pytest.mark.parametrize("deleted", ["provenance", "image-folder"])
def test_a_file_gone_that_refresh_cannot_put_back_is_not_sent_to_refresh(runner, archive_dir,
                                                                          deleted):
    """The hint of a post failed for a stored file gone names --refresh only where it can
    put the file back (its source holds the bytes, its folder is there); the provenance,
    which records its own event, or an image whose folder is gone too, is to be restored
    from a copy."""
    run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch")
    [obj] = objects_on_disk(archive_dir)
    content = obj / "v1" / "content"
    if deleted == "provenance":
        (content / "provenance.json").unlink()
    else:
        shutil.rmtree(content / "assets")
    for refresh in ([], ["--refresh"]):
        result = run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch",
                     *refresh)
        assert result.exit_code == ExitCode.ARCHIVE, result.output
        assert "missing from the archive" in result.stderr, result.stderr
        assert "--refresh" not in result.stderr and "restore the object from a copy" in \
            result.stderr, result.stderr


@pytest.mark.parametrize("damage", ["deleted", "cut-short", "grown"])
def test_a_receipt_does_not_vouch_for_a_post_whose_stored_image_is_damaged(
        runner, archive_dir, damage):
    """Re-ingesting an unchanged file is answered by its receipt, without reading the post
    again; but not once a stored file of the version it names is gone or is no longer the
    size it was stored with. The post is then read again, and fails (exit 5) naming the
    image, as fsck does, instead of being reported unchanged in a version that is not whole.
    Read again, a file whose size is not the one the receipt kept is checked against its
    digest: its presence alone does not make the version whole. The way to mend it is said:
    --refresh, which puts the image back from the page's folder (the next tests)."""
    run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch")
    [obj] = objects_on_disk(archive_dir)
    [image, *_] = sorted((obj / "v1" / "content" / "assets").rglob("*.*"))
    if damage == "deleted":
        image.unlink()
    elif damage == "cut-short":
        image.write_bytes(image.read_bytes()[:100])
    else:
        image.write_bytes(image.read_bytes() + b"\0")
    result = run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch",
                 "--json")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["status"] == "failed", row
    assert image.name in row["error"], row
    assert ("missing from the archive" if damage == "deleted" else "do not match") \
        in row["error"], row
    assert not (obj / "v2").exists()
    assert "--refresh" in result.stderr, result.stderr  # the way to mend it is said


@pytest.mark.parametrize("damage", ["inventory-cut-short", "inventory-emptied",
                                    "inventory-grown", "inventory-and-sidecar-cut"])
def test_a_receipt_does_not_vouch_for_a_post_whose_inventory_is_damaged(
        runner, archive_dir, damage):
    """Nor once the object's inventory is no longer the size of the head version's copy,
    which OCFL keeps byte for byte the same: `show`, `log` and `export` of the post refuse
    such an object, and re-ingesting its file had said "unchanged", exit 0. The post is read
    again and fails, exit 5, as fsck does."""
    run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch")
    [obj] = objects_on_disk(archive_dir)
    inventory, sidecar = obj / "inventory.json", obj / "inventory.json.sha512"
    data = inventory.read_bytes()
    inventory.write_bytes({"inventory-emptied": b"", "inventory-grown": data + b"\n}"}.get(
        damage, data[:len(data) // 2]))
    if damage == "inventory-and-sidecar-cut":
        sidecar.unlink()
    result = run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch",
                 "--json")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["status"] == "failed", row
    assert "inventory" in row["error"], row
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == ExitCode.ARCHIVE


@pytest.mark.parametrize("damage", ["image-flipped-byte", "image-cut-short", "record-grown",
                                    "source-flipped-byte", "image-deleted", "source-deleted"])
def test_refresh_puts_back_a_damaged_file_its_source_still_holds(runner, archive_dir, damage):
    """A stored file of a version can rot in place, its size unchanged (a flipped byte):
    receipts do not see it, and only fsck, or `ingest --refresh`, which reads every file of
    the version the post is unchanged in, does. When the post's source is at hand, the bytes
    the version holds are known again, checked against the very digest the inventory
    records: --refresh writes them over the damaged copy and says so, and adds no version.
    So it does for a file deleted from its folder (it had mended a changed file, but failed
    a deleted one the same source holds)."""
    run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch")
    [obj] = objects_on_disk(archive_dir)
    content = obj / "v1" / "content"
    image = sorted((content / "assets").rglob("*.*"))[0]
    source = next((content / "source").iterdir())
    target = {"image-flipped-byte": image, "image-cut-short": image, "image-deleted": image,
              "record-grown": content / "record.json", "source-flipped-byte": source,
              "source-deleted": source}[damage]
    good = target.read_bytes()
    if damage.endswith("flipped-byte"):
        data = bytearray(good)
        data[len(data) // 2] ^= 0x01
        target.write_bytes(bytes(data))
    elif damage.endswith("cut-short"):
        target.write_bytes(good[:100])
    elif damage.endswith("deleted"):
        target.unlink()
    else:
        target.write_bytes(good + b" ")
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == ExitCode.ARCHIVE
    inventory = (obj / "inventory.json").read_bytes()

    result = run(runner, "ingest", MUFENG_PAGE, "--archive", archive_dir, "--no-fetch",
                 "--json", "--refresh")
    assert result.exit_code == ExitCode.OK, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["status"], row["version"]) == ("unchanged", "v1"), row
    logical = target.relative_to(content).as_posix()
    said = "was missing from the archive" if damage.endswith("deleted") else "was damaged"
    assert any(w.startswith(f"{logical} of v1 {said}") for w in row["warnings"]), row
    assert target.read_bytes() == good
    assert (obj / "inventory.json").read_bytes() == inventory
    assert not (obj / "v2").exists()
    assert not list((archive_dir / "extensions" / "archiver-staging").glob("*"))
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == ExitCode.OK


def test_an_edited_post_whose_stored_image_is_damaged_fails_alone(runner, archive_dir,
                                                                  tmp_path):
    """The edited page shares its images with v1; a stored copy damaged since would be
    shared by v2 under the digest of the good bytes. The post fails (exit 5, naming the
    image), and the other post in the same run is archived."""
    shutil.copytree(MUFENG_PAGE.parent.parent, tmp_path / "post")  # the page and its images
    page = tmp_path / "post" / "html" / MUFENG_PAGE.name
    run(runner, "ingest", page, "--archive", archive_dir, "--no-fetch")
    [obj] = objects_on_disk(archive_dir)
    [image, *_] = sorted((obj / "v1" / "content" / "assets").rglob("*.*"))
    data = bytearray(image.read_bytes())
    data[len(data) // 2] ^= 0x01
    image.write_bytes(bytes(data))
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("希望滴滴推迟", "希望滴滴推遲"), encoding="utf-8")
    result = run(runner, "ingest", page, SEED, "--archive", archive_dir, "--no-fetch",
                 "--json")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["failed", "added"]
    assert "no longer matches its digest" in rows[0]["error"], rows[0]
    assert not (obj / "v2").exists()


@pytest.mark.parametrize("damage", ["declaration-garbled", "layout-0004", "layout-removed"])
def test_no_post_is_written_to_a_storage_root_whose_own_files_are_damaged(
        runner, archive_dir, damage):
    """A root whose declaration is garbled, or whose ocfl_layout.json names another layout,
    would have objects added where no OCFL tool reading it looks: ingest refuses (exit 5),
    writing nothing, and fsck names the file."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    if damage == "declaration-garbled":
        (archive_dir / "0=ocfl_1.1").write_text("ocfl_1.X\n")
        named = "0=ocfl_1.1"
    elif damage == "layout-0004":
        (archive_dir / "ocfl_layout.json").write_text(
            '{"extension": "0004-hashed-n-tuple-storage-layout", "description": "x"}')
        named = "ocfl_layout.json"
    else:
        (archive_dir / "ocfl_layout.json").unlink()
        named = "ocfl_layout.json"
    before = sorted(p for p in archive_dir.rglob("*") if "archiver-lock" not in str(p))
    result = run(runner, "ingest", PAGE, "--archive", archive_dir, "--no-fetch")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    assert f"the storage root is damaged: {named}" in result.output
    assert sorted(p for p in archive_dir.rglob("*") if "archiver-lock" not in str(p)) == before
    fsck = run(runner, "fsck", "--archive", archive_dir, "--json")
    assert fsck.exit_code == ExitCode.ARCHIVE
    assert named in {p["path"] for p in json.loads(fsck.stdout)["problems"]}


def test_fsck_json_reports_a_root_that_lost_its_declaration(runner, archive_dir):
    """Without its declaration the folder is no archive to open; `fsck --json` still prints a
    report, saying so (a damaged storage root, not another's folder), for the script that
    reads it (it printed nothing), and exits 5."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    (archive_dir / "0=ocfl_1.1").unlink()
    fsck = run(runner, "fsck", "--archive", archive_dir, "--json")
    assert fsck.exit_code == ExitCode.ARCHIVE
    report = json.loads(fsck.stdout)
    assert report["ok"] is False
    assert "declaration 0=ocfl_1.1 is missing: damaged" in report["problems"][0]["message"]


def test_a_root_inventory_restored_from_an_older_copy_is_not_called_a_stray_folder(
        runner, archive_dir, tmp_path):
    """v2 committed whole, then the object's root inventory put back from a copy made at v1:
    v2's folder is no stray to move out (that would lose the version) but the newer
    inventory; the hint says to copy it over the root's, and fsck says the root is behind."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    [obj] = objects_on_disk(archive_dir)
    at_v1 = {name: (obj / name).read_bytes()
             for name in ("inventory.json", "inventory.json.sha512")}
    edited = edited_seed(tmp_path / "edited.md")
    run(runner, "ingest", edited, "--archive", archive_dir, "--no-fetch")
    for name, data in at_v1.items():
        (obj / name).write_bytes(data)
    result = run(runner, "ingest", edited, "--archive", archive_dir, "--no-fetch", "--refresh")
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    assert "the root inventory looks restored from an older copy" in result.output
    assert "do not move v2 out" in result.output and "stray" not in result.output
    fsck = run(runner, "fsck", "--archive", archive_dir)
    assert "the root inventory is not the most recent one" in fsck.output
    assert "the list index says its head is v2, its inventory v1" in fsck.output
    for name in at_v1:  # as the hint says
        shutil.copy(obj / "v2" / name, obj / name)
    assert run(runner, "fsck", "--archive", archive_dir).exit_code == ExitCode.OK
    again = run(runner, "ingest", edited, "--archive", archive_dir, "--no-fetch", "--json",
                "--refresh")
    assert (json.loads(again.stdout)["status"], json.loads(again.stdout)["version"]) == (
        "unchanged", "v2")


def test_fsck_finds_a_list_index_that_disagrees_with_the_objects(runner, archive_dir):
    """`list` shows the list index; one that names another head than the object's inventory
    (edited, or left from before an inventory was put back) would show a version `log` does
    not know: fsck warns, naming the post (the index is derived data, not the post's)."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    path = archive_dir / "extensions" / "archiver-index" / "index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    [post_id] = index
    index[post_id]["head"] = "v7"
    path.write_text(json.dumps(index), encoding="utf-8")
    fsck = run(runner, "fsck", "--archive", archive_dir)
    assert fsck.exit_code == ExitCode.OK  # derived data: a warning, the posts are whole
    assert (f"warning: {post_id}: the list index says its head is v7, its inventory v1"
            in fsck.stderr)


def test_fsck_finds_a_list_index_whose_title_or_date_is_not_the_records(runner, archive_dir):
    """`list` shows, and `--since` filters by, the list index's title, account and date: an
    index edited (or damaged in a way that leaves it JSON) to say others than the head's
    record would give wrong answers in silence; fsck warns, naming the post and each field."""
    run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch")
    path = archive_dir / "extensions" / "archiver-index" / "index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    [post_id] = index
    assert run(runner, "fsck", "--archive", archive_dir).stderr.count("warning") == 0
    index[post_id].update(title="TAMPERED", account="假账号", published="1999-01-01")
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    fsck = run(runner, "fsck", "--archive", archive_dir)
    assert fsck.exit_code == ExitCode.OK  # derived data: a warning, the posts are whole
    [warning] = [line for line in fsck.stderr.splitlines() if line.startswith("warning:")]
    assert warning.startswith(f"warning: {post_id}: the list index says its title "
                              '"TAMPERED", its record "【中亚研究】'), warning
    assert 'account "假账号", its record "国政学人"' in warning
    assert 'published "1999-01-01", its record "2020-08-04' in warning


def test_two_undated_posts_with_one_title_are_two_objects_not_two_versions(runner,
                                                                          archive_dir,
                                                                          tmp_path):
    """An account's 每日早报 of Monday and of Tuesday, exported without a date: the second
    is no edit of the first, and re-ingesting either changes nothing."""
    for name, body in (("mon", "周一的早报内容。"), ("tue", "周二的早报，完全不同的内容。")):
        (tmp_path / f"{name}.md").write_text(
            f"---\ntitle: 每日早报\naccount: 澎湃新闻\n---\n{body}\n", encoding="utf-8")
    posts = (tmp_path / "mon.md", tmp_path / "tue.md")
    first = run(runner, "ingest", *posts, "--archive", archive_dir, "--no-fetch", "--json")
    again = run(runner, "ingest", *posts, "--archive", archive_dir, "--no-fetch", "--json")
    assert [json.loads(line)["status"] for line in first.stdout.splitlines()] == ["added"] * 2
    assert [json.loads(line)["status"] for line in again.stdout.splitlines()] == [
        "unchanged"] * 2
    assert len({json.loads(line)["id"] for line in first.stdout.splitlines()}) == 2


def test_a_post_of_one_title_that_day_at_another_time_is_filed_with_a_warning(
        runner, archive_dir, tmp_path):
    """Posts with no address are known by their account, day and title: an account's 每日资讯
    of the morning and of the evening are one object. WeChat keeps a post's time when it is
    edited, so the second, published twelve hours later, is said to be perhaps another post
    (with what to do), not filed in silence; a time written again the same is no warning."""
    def post(name: str, time: str, body: str) -> Path:
        path = tmp_path / f"{name}.md"
        path.write_text(f"---\ntitle: 每日资讯\ndate: 2021-06-01 {time}\nauthor: 资讯号\n---\n\n"
                        f"{body}\n", encoding="utf-8")
        return path
    morning = post("morning", "08:00", "早间第一条新闻内容，这是上午的推送。")
    evening = post("evening", "20:00", "晚间完全不同的新闻内容，这是晚上的推送。")
    said = run(runner, "ingest", morning, evening, "--archive", archive_dir, "--no-fetch",
               "--json")
    rows = [json.loads(line) for line in said.stdout.splitlines()]
    assert [(r["status"], r["version"]) for r in rows] == [("added", "v1"), ("updated", "v2")]
    [warning] = rows[1]["warnings"]
    assert warning.startswith("published at 2021-06-01T20:00:00+08:00, v1 at "
                              "2021-06-01T08:00:00+08:00: a post with no address"), warning
    assert "url: in a Markdown export's front matter" in warning
    edited = post("evening", "20:00", "晚间完全不同的新闻内容，这是晚上的推送（更正）。")
    [row] = [json.loads(line) for line in run(runner, "ingest", edited, "--archive", archive_dir,
                                              "--no-fetch", "--json").stdout.splitlines()]
    assert (row["status"], row["version"]) == ("updated", "v3")
    assert not any(w.startswith("published at") for w in row["warnings"]), row


def test_a_post_an_earlier_rule_named_by_its_title_alone_is_still_filed_there(
        runner, archive_dir, tmp_path, monkeypatch):
    """An archive made when an undated post was named by its account and title (the
    earlier rule, reproduced here by wrapping identity_of): the same post re-ingested is
    unchanged in that object; another post of that title is a new object."""
    import archiver.prepare as prepare
    from archiver.record import Identity, identity_of

    for name, body in (("mon", "周一的早报内容。"), ("tue", "周二的早报，完全不同的内容。")):
        (tmp_path / f"{name}.md").write_text(
            f"---\ntitle: 每日早报\naccount: 澎湃新闻\n---\n{body}\n", encoding="utf-8")

    def earlier_rule(clean, raw):
        return Identity("account-date-title",
                        identity_of(clean, raw).earlier.removeprefix("wx:"))
    monkeypatch.setattr(prepare, "identity_of", earlier_rule)
    made = run(runner, "ingest", tmp_path / "mon.md", "--archive", archive_dir, "--no-fetch",
               "--json")
    old_id = json.loads(made.stdout)["id"]
    assert old_id.startswith("wx:t/")
    monkeypatch.undo()
    again = run(runner, "ingest", tmp_path / "mon.md", tmp_path / "tue.md", "--archive",
                archive_dir, "--no-fetch", "--json", "--refresh")  # read again, not receipted
    rows = [json.loads(line) for line in again.stdout.splitlines()]
    assert [(r["id"], r["status"]) for r in rows][0] == (old_id, "unchanged")
    assert rows[1]["status"] == "added" and rows[1]["id"].startswith("wx:c/")


def test_a_command_interrupted_where_it_says_nothing_of_its_own_says_so_and_exits_130(
        runner, archive_dir, monkeypatch):
    """Ctrl-C (or SIGTERM, which the command takes for it) in a command that reads, here
    ``fsck`` while checking an object: one line saying so, exit 130, no traceback (it had
    ended with nothing said)."""
    from archiver.store import Archive

    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(Archive, "fsck_object", interrupted)
    result = run(runner, "fsck", "--archive", archive_dir)
    assert result.exit_code == 130
    assert result.stderr.strip() == "interrupted: nothing is left half-written"


def test_verify_waits_for_an_ingest_with_wait_and_says_so_without(runner, archive_dir,
                                                                   tmp_path, monkeypatch):
    """A CI job verifying while another ingests: the results, checked, cannot be kept (exit
    5, or 1 over it where a citation is wrong, as here: the report is printed all the same).
    With --wait they are kept once the writer is done; without it, the hint says so.
    (Crossref: the recorded responses, served locally; the other writer is this test
    holding the archive's lock.)"""
    import fcntl
    import queue
    import subprocess
    import sys
    import threading

    from crossref_server import CrossrefServer
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    with CrossrefServer() as server, \
            open(archive_dir / "extensions" / "archiver-lock" / "lock", "a+") as lock:
        monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
        fcntl.flock(lock, fcntl.LOCK_EX)
        refused = run(runner, "verify", "--archive", archive_dir)
        assert refused.exit_code == ExitCode.CITATION_WRONG  # (the seed's DOI: not found)
        assert "another archiver process is writing" in refused.stderr
        assert "pass --wait" in refused.stderr
        waiting = subprocess.Popen(
            [sys.executable, "-m", "archiver", "verify", "--wait", "--archive",
             str(archive_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            cwd=Path(__file__).parents[1])
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in waiting.stderr],
                         daemon=True).start()
        try:
            said = lines.get(timeout=120)
            assert said.startswith("waiting for another archiver process"), said
            assert waiting.poll() is None  # still waiting: nothing kept behind the lock
            fcntl.flock(lock, fcntl.LOCK_UN)
            waiting.wait(timeout=120)
        finally:
            waiting.kill()
    assert waiting.returncode in (ExitCode.OK, ExitCode.CITATION_WRONG), waiting.returncode
    head = Archive.open(archive_dir).versions(
        Archive.open(archive_dir).object_ids()[0])[-1]
    assert "citations.json" in head.state and head.number == "v2"


def test_verify_of_a_locked_archive_still_prints_its_report_and_junit(runner, archive_dir,
                                                                     tmp_path, monkeypatch):
    """A CI job's `verify --json --junit` while another process holds the archive: the
    results cannot be kept (exit 5), but the report and the JUnit file are still written, the
    lock under `errors`, where both were lost (an empty artifact). (Crossref: the recorded
    responses, served locally; the other writer is this test holding the lock.)"""
    import fcntl
    from xml.etree import ElementTree

    from archiver import schema

    from crossref_server import CrossrefServer
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    junit = tmp_path / "verify.xml"
    with CrossrefServer() as server, \
            open(archive_dir / "extensions" / "archiver-lock" / "lock", "a+") as lock:
        monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run(runner, "verify", "--archive", archive_dir, "--json", "--junit", junit)
    assert result.exit_code == ExitCode.CITATION_WRONG, result.stderr  # (1 over 5: the seed's
    report = json.loads(result.stdout)  # DOI is unknown to the recorded responses)
    assert [(c["doi"], c["status"]) for c in report["citations"]] == [
        ("10.1093/ia/iiaa061", "not_found")]
    [error] = report["errors"]
    assert error["input"] == str(archive_dir) and error["message"].startswith(
        "the results were not kept: another archiver process is writing to this archive")
    assert "--no-keep" in error["hint"] and "--wait" in error["hint"]
    assert schema.errors("verify-report", report) == [] and "kept" not in report
    assert "the results were not kept" in result.stderr
    assert ElementTree.parse(junit).getroot().findall("testcase")
    [object_id] = Archive.open(archive_dir).object_ids()
    assert [v.number for v in Archive.open(archive_dir).versions(object_id)] == ["v1"]


@pytest.mark.parametrize(("again", "code", "status", "why"), [
    ([], ExitCode.CITATION_WRONG, "not_found", "the verification came out as the one kept"),
    (["--offline"], ExitCode.UNCHECKED, "unresolved",  # a 404 is not cached: asked again
     "nothing could be checked this time; the verification kept stands")])
def test_verify_with_nothing_new_to_keep_needs_no_lock(runner, archive_dir, tmp_path,
                                                       monkeypatch, again, code, status, why):
    """A CI job verifying again while another process ingests: each post's outcome is the
    one kept (offline, the kept one stands), so there is nothing to write, and the other
    writer does not refuse it (exit 5); --verbose says why no version was made. (Crossref:
    the recorded responses, served locally; the other writer is this test holding the
    archive's lock.)"""
    import fcntl

    from crossref_server import CrossrefServer
    assert run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch").exit_code == 0
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    with CrossrefServer() as server, \
            open(archive_dir / "extensions" / "archiver-lock" / "lock", "a+") as lock:
        monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
        first = run(runner, "verify", "--archive", archive_dir, "--json")
        fcntl.flock(lock, fcntl.LOCK_EX)
        second = run(runner, "verify", "--archive", archive_dir, "--json", "--verbose", *again)
    assert first.exit_code == ExitCode.CITATION_WRONG
    assert second.exit_code == code, second.stderr
    assert "another archiver process" not in second.stderr
    assert f"{why}: no new version" in second.stderr

    def outcome(result):
        return [(c["doi"], c["status"]) for c in json.loads(result.stdout)["citations"]]
    assert outcome(first) == [("10.1093/ia/iiaa061", "not_found")]
    assert outcome(second) == [("10.1093/ia/iiaa061", status)]
    [object_id] = Archive.open(archive_dir).object_ids()
    assert [v.number for v in Archive.open(archive_dir).versions(object_id)] == ["v1", "v2"]


@pytest.mark.parametrize("wait", [False, True])
def test_ingest_verify_waits_to_keep_the_results_with_wait_and_says_so_without(
        runner, archive_dir, tmp_path, monkeypatch, wait):
    """Another writer takes the archive while an ingest --verify checks the citations of
    the posts it has just archived. Without --wait: the posts stay archived, the results
    are not kept, exit 5 with what to do. With --wait: the results are kept once the other
    writer is done. (The other writer is this test: it takes the lock as the checks end,
    and gives it back when the ingest says it waits; Crossref is the recorded responses,
    served locally.)"""
    import fcntl

    from archiver.citations.verify import Verifier
    from archiver.store import Archive

    from crossref_server import CrossrefServer

    lock = None
    checked = Verifier.verify_all

    def checked_then_taken(self, *args, **kwargs):
        nonlocal lock
        results = checked(self, *args, **kwargs)
        lock = open(archive_dir / "extensions" / "archiver-lock" / "lock", "a+")  # noqa: SIM115
        fcntl.flock(lock, fcntl.LOCK_EX)
        return results

    writer = Archive.writer

    def given_back_when_waited_for(self, wait=False, on_wait=None, **kwargs):
        def waiting():
            if on_wait is not None:
                on_wait()
            lock.close()  # the other writer is done
        return writer(self, wait=wait, on_wait=waiting, **kwargs)

    monkeypatch.setattr(Verifier, "verify_all", checked_then_taken)
    monkeypatch.setattr(Archive, "writer", given_back_when_waited_for)
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    try:
        with CrossrefServer() as server:
            monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
            result = run(runner, "ingest", SEED, "--archive", archive_dir, "--no-fetch",
                         "--verify", *(["--wait"] if wait else []))
    finally:
        if lock is not None:
            lock.close()
    store = Archive.open(archive_dir)
    [object_id] = store.object_ids()
    head = store.versions(object_id)[-1]
    if wait:
        assert result.exit_code in (ExitCode.OK, ExitCode.CITATION_WRONG), result.stderr
        assert ("waiting for another archiver process to finish writing, to keep the "
                "results…") in result.stderr
        assert "citations.json" in head.state and head.number == "v2"
    else:
        assert result.exit_code == ExitCode.ARCHIVE, result.stderr
        assert "another archiver process is writing to this archive" in result.stderr
        assert "pass --wait to keep the results once it is done" in result.stderr
        assert "citations.json" not in head.state and head.number == "v1"  # archived


def test_verify_says_a_link_to_a_file_that_is_gone_as_ingest_says_it(runner, archive_dir,
                                                                    tmp_path):
    link = tmp_path / "inbox" / "post.html"
    link.parent.mkdir()
    link.symlink_to(tmp_path / "gone" / "post.html")
    for command in (("ingest", link, "--no-fetch"), ("verify", link.parent, "--offline")):
        result = run(runner, *command, "--archive", archive_dir)
        assert result.exit_code == ExitCode.BAD_INPUT, result.output
        assert (f"{link}: a symbolic link to {tmp_path / 'gone' / 'post.html'}, which does "
                "not exist") in result.stderr
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    result = run(runner, "verify", pipe, "--offline", "--archive", archive_dir)
    assert f"{pipe}: not a regular file, and no post with that id" in result.stderr


def test_ingest_as_head_makes_an_earlier_versions_save_the_head_again(runner, archive_dir,
                                                                      tmp_path):
    """A poorer copy (another file) made the head; the whole save, given again, is held by
    v1 (saves ingested in turn add no version each time); with --as-head it is the head."""
    poorer = tmp_path / "copy" / SEED.name
    poorer.parent.mkdir()
    poorer.write_text(SEED.read_text(encoding="utf-8").replace("作品简介", "作品", 1),
                      encoding="utf-8")
    for path, flags, status, version in ((SEED, (), "added", "v1"),
                                         (poorer, (), "updated", "v2"),
                                         (SEED, (), "unchanged", "v1"),
                                         (SEED, ("--as-head",), "updated", "v3")):
        result = run(runner, "ingest", path, *flags, "--archive", archive_dir, "--no-fetch",
                     "--json")
        row = json.loads(result.stdout)
        assert (row["status"], row["version"]) == (status, version), result.output
