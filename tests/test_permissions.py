"""Files, folders and archives the user may not read or write: told, never a crash.

Specification:
- a folder that cannot be listed fails with its name (exit 4); the posts beside it are
  ingested; nothing is passed over in silence;
- a named file that cannot be read fails alone (exit 4), as a missing one does;
- an archive that cannot be created or written is an archive problem (exit 5) naming it,
  not an internal error; an --archive that is a file is told as such.

Root reads and writes everything whatever the modes, so as root the command runs with the
two capabilities that let it (setpriv, from util-linux, drops them).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archiver.errors import ExitCode
from archiver.store import Archive

from conftest import WECHAT

SEED = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
OTHER = WECHAT / "html-fragment" / sorted(os.listdir(WECHAT / "html-fragment"))[0]


def run_as_a_user(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "archiver", *map(str, args)]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parents[1])


@pytest.fixture
def locked(tmp_path: Path):
    """Folders and files made unreadable by a test, made readable again after it (so that
    pytest can remove them)."""
    made: list[Path] = []

    def lock(path: Path, mode: int = 0) -> Path:
        path.chmod(mode)
        made.append(path)
        return path

    yield lock
    for path in made:
        path.chmod(0o755)


def rows(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_folder_that_cannot_be_listed_fails_by_name_and_the_rest_is_ingested(
        tmp_path, locked):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED, folder)
    shutil.copy(OTHER, folder / "sub")
    locked(folder / "sub")
    result = run_as_a_user("ingest", folder, "--archive", tmp_path / "a", "--no-fetch",
                           "--json")
    assert result.returncode == ExitCode.BAD_INPUT, result.stderr
    statuses = {Path(r["source"]).name: r["status"] for r in rows(result)}
    assert statuses == {"sub": "failed", SEED.name: "added"}
    assert "cannot read this folder (Permission denied)" in result.stderr
    assert str(folder / "sub") in result.stderr


def test_a_folder_that_cannot_be_listed_fails_once_and_is_not_said_to_hold_no_post(
        tmp_path, locked):
    """A folder that cannot be listed (given, or the only one inside a folder given) fails
    by name, once: it is not also a folder "with no saved post", nor is the folder above it."""
    named, parent = tmp_path / "named.md", tmp_path / "parent"
    shutil.copy(SEED, named)
    (parent / "locked").mkdir(parents=True)
    (tmp_path / "given").mkdir()
    given = locked(tmp_path / "given")
    locked(parent / "locked")
    result = run_as_a_user("ingest", named, given, parent, "--archive", tmp_path / "a",
                           "--no-fetch", "--json")
    assert result.returncode == ExitCode.BAD_INPUT, result.stderr
    assert [(Path(r["source"]).relative_to(tmp_path).as_posix(), r["status"])
            for r in rows(result)] == [
        ("named.md", "added"), ("given", "failed"), ("parent/locked", "failed")]
    assert "no saved post" not in result.stderr


def test_a_folder_that_cannot_be_listed_is_reported_where_it_was_given(tmp_path, locked):
    first, last = tmp_path / "first", tmp_path / "last"
    for folder, post in ((first, SEED), (last, OTHER)):
        (folder / "sub").mkdir(parents=True)
        shutil.copy(post, folder)
    locked(first / "sub")
    locked(last / "sub")
    named = tmp_path / "named.md"
    shutil.copy(SEED, named)
    result = run_as_a_user("ingest", named, first, last, "--archive", tmp_path / "a",
                           "--no-fetch", "--json")
    assert result.returncode == ExitCode.BAD_INPUT, result.stderr
    assert [(Path(r["source"]).relative_to(tmp_path).as_posix(), r["status"])
            for r in rows(result)] == [
        ("named.md", "added"), (f"first/{SEED.name}", "unchanged"), ("first/sub", "failed"),
        (f"last/{OTHER.name}", "added"), ("last/sub", "failed")]


def test_a_named_file_that_cannot_be_read_fails_alone(tmp_path, locked):
    post = tmp_path / "post.md"
    shutil.copy(SEED, post)
    locked(post)
    result = run_as_a_user("ingest", post, OTHER, "--archive", tmp_path / "a", "--no-fetch",
                           "--json")
    assert result.returncode == ExitCode.BAD_INPUT, result.stderr
    assert [r["status"] for r in rows(result)] == ["failed", "added"]
    assert f"{post}: cannot read" in result.stderr
    assert "Permission denied" in result.stderr
    assert "hint: give yourself the right to read it (chmod u+r FILE; u+x on a folder above " \
        "it that you may not enter)" in result.stderr


def test_an_archive_that_cannot_be_written_is_an_archive_problem_not_a_bug(tmp_path, locked):
    archive = tmp_path / "a"
    first = run_as_a_user("ingest", SEED, "--archive", archive, "--no-fetch")
    assert first.returncode == ExitCode.OK, first.stderr
    for folder in (archive, archive / "extensions"):
        locked(folder, 0o555)
    shutil.rmtree(archive / "extensions" / "archiver-lock", ignore_errors=True)
    result = run_as_a_user("ingest", OTHER, "--archive", archive, "--no-fetch")
    assert result.returncode == ExitCode.ARCHIVE, result.stderr
    assert "internal error" not in result.stderr
    assert f"{archive}: cannot write to this archive (Permission denied)" in result.stderr
    # and what it holds can still be read
    assert run_as_a_user("list", "--archive", archive).returncode == ExitCode.OK


def test_an_archive_that_cannot_be_created_is_an_archive_problem(tmp_path, locked):
    parent = tmp_path / "ro"
    parent.mkdir()
    locked(parent, 0o555)
    result = run_as_a_user("ingest", SEED, "--archive", parent / "new", "--no-fetch")
    assert result.returncode == ExitCode.ARCHIVE, result.stderr
    assert f"{parent / 'new'}: cannot create an archive here (Permission denied)" \
        in result.stderr
    assert not (parent / "new").exists()


def test_an_archive_option_naming_a_file_says_it_is_a_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not an archive\n")
    result = run_as_a_user("list", "--archive", path)
    assert result.returncode == ExitCode.ARCHIVE
    assert f"{path}: this is a file, not an archive folder" in result.stderr
    assert path.read_text() == "not an archive\n"
    # a folder under it can never hold one: said so, not "no archive here yet"
    under = run_as_a_user("list", "--archive", path / "sub")
    assert under.returncode == ExitCode.ARCHIVE
    assert (f"{path / 'sub'}: no archive can be here: {path} is a file, not a folder"
            in under.stderr)
    # ... and an ingest, which would create one there, says the same
    made = run_as_a_user("ingest", SEED, "--archive", path / "sub", "--no-fetch")
    assert made.returncode == ExitCode.ARCHIVE
    assert (f"{path / 'sub'}: no archive can be here: {path} is a file, not a folder"
            in made.stderr)


def test_a_post_whose_object_folder_cannot_be_written_stops_the_run_as_an_archive_problem(
        tmp_path, locked):
    post = tmp_path / "post.md"
    shutil.copy(SEED, post)
    archive = tmp_path / "a"
    first = run_as_a_user("ingest", post, "--archive", archive, "--no-fetch", "--json")
    assert first.returncode == ExitCode.OK, first.stderr
    record = archive / rows(first)[0]["record"]
    post.write_text(post.read_text(encoding="utf-8").replace(
        "哈萨克斯坦还通过经济关系宣示主权", "哈萨克斯坦还通过经济与文化关系宣示主权"),
        encoding="utf-8")
    object_root = record.parents[2]  # <object>/v1/content/record.json
    locked(object_root, 0o555)
    result = run_as_a_user("ingest", post, "--archive", archive, "--no-fetch")
    assert result.returncode == ExitCode.ARCHIVE, result.stderr
    assert "internal error" not in result.stderr
    assert "Permission denied" in result.stderr
    assert f"archiver: error: {object_root}/v2: cannot finish writing" in result.stderr
    assert "hint: check the permissions of the archive's folders" in result.stderr
    object_root.chmod(0o755)  # and the commit, staged whole, is finished by the next writer
    assert run_as_a_user("fsck", "--archive", archive).returncode == ExitCode.OK
    assert Archive.open(archive).head(rows(first)[0]["id"]) == "v2"


def test_fsck_checks_an_archive_it_may_not_write(tmp_path, locked):
    archive = tmp_path / "a"
    assert run_as_a_user("ingest", SEED, "--archive", archive, "--no-fetch").returncode == 0
    shutil.rmtree(archive / "extensions" / "archiver-lock")
    for folder in (archive, archive / "extensions"):
        locked(folder, 0o555)
    result = run_as_a_user("fsck", "--archive", archive)
    assert result.returncode == ExitCode.OK, result.stderr
    assert "ok (read-only here" in result.stderr
    as_json = run_as_a_user("fsck", "--archive", archive, "--json")
    assert json.loads(as_json.stdout)["read_only"] is True


def test_verify_of_a_folder_tells_of_a_folder_inside_it_cannot_list(tmp_path, locked):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED, folder)
    locked(folder / "sub")
    result = run_as_a_user("verify", folder, "--offline", "--archive", tmp_path / "none")
    assert result.returncode == ExitCode.BAD_INPUT, result.stderr
    assert f"{folder / 'sub'}: cannot read this folder (Permission denied)" in result.stderr


@pytest.mark.parametrize("name", ["refs.txt", "refs.bib"])
def test_verify_of_a_reference_file_it_cannot_read_is_bad_input_not_an_archive_problem(
        tmp_path, locked, name):
    refs = tmp_path / name
    refs.write_text("@article{a, title={T}, year={2020}}\n" if name.endswith(".bib") else
                    "Vanderhill R. Between the bear and the dragon. 2020.\n", encoding="utf-8")
    locked(refs)
    result = run_as_a_user("verify", refs, "--offline", "--archive", tmp_path / "none")
    assert result.returncode == ExitCode.BAD_INPUT, result.stderr
    assert f"{refs}: cannot read: Permission denied" in result.stderr


def test_an_image_that_cannot_be_read_is_missing_as_such_and_read_once_it_can_be(tmp_path,
                                                                               locked):
    """"cannot be read: Permission denied", not "file not found"; once its permissions are
    mended, the next run reads it (without --refresh) and adds the version that has it."""
    from conftest import FIXTURES
    saved = tmp_path / "saved"
    shutil.copytree(FIXTURES / "containers" / "converted-savepage-mufeng-2021-07-07", saved)
    image = sorted((saved / "page_files").iterdir())[0]
    archive = tmp_path / "archive"
    locked(image)
    first = run_as_a_user("ingest", saved, "--archive", archive, "--no-fetch", "--json")
    [row] = rows(first)
    assert row["status"] == "added", first.stderr
    assert any("cannot be read: Permission denied" in w for w in row["warnings"]), row
    assert not any("file not found" in w for w in row["warnings"])
    image.chmod(0o644)
    again = run_as_a_user("ingest", saved, "--archive", archive, "--no-fetch", "--json")
    [row] = rows(again)
    assert (row["status"], row["version"]) == ("updated", "v2"), again.stderr
    assert not any("cannot be read" in w for w in row["warnings"])


def test_an_export_does_not_replace_a_write_protected_file(tmp_path, locked):
    """The export is written beside the file and renamed over it, which the folder's
    permissions alone would allow: the file's own protection is honoured, as `>` does."""
    archive = tmp_path / "a"
    assert run_as_a_user("ingest", SEED, "--archive", archive, "--no-fetch").returncode == 0
    kept = tmp_path / "kept.bib"
    kept.write_text("% mine\n", encoding="utf-8")
    locked(kept, 0o444)
    result = run_as_a_user("export", "bibtex", "--archive", archive, "-o", kept)
    assert result.returncode == ExitCode.USAGE, result.stderr
    assert f"{kept}: the file is write-protected" in result.stderr
    assert kept.read_text(encoding="utf-8") == "% mine\n"


def test_a_file_size_limit_is_the_machines_state_not_a_bug(tmp_path):
    """Under ``ulimit -f`` a write fails with EFBIG: the hint said to check the folders'
    permissions (and where the list index or the receipts were written, the tool called it
    an internal error, exit 70)."""
    import resource

    def limited() -> None:  # 8 KiB: less than the post's own page (19 KiB)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, 8 * 1024))

    result = subprocess.run([sys.executable, "-m", "archiver", "ingest", str(SEED),
                             "--archive", str(tmp_path / "archive"), "--no-fetch"],
                            capture_output=True, text=True, timeout=120, preexec_fn=limited,
                            cwd=Path(__file__).parents[1])
    assert result.returncode == ExitCode.ARCHIVE, result.stderr
    assert "internal error" not in result.stderr and "permissions" not in result.stderr
    assert "file-size limit (`ulimit -f`)" in result.stderr


@pytest.mark.parametrize("blocked", ["folder", "file"])
def test_a_folder_or_file_in_the_way_of_the_archive_s_own_is_named_not_a_bug(tmp_path,
                                                                             blocked):
    """A folder where the archive keeps a file (``index.stale``), or a file where it keeps a
    folder (``archiver-index``): every command that read the archive called it an internal
    error (exit 70), which it is not; it is said, with what to do, as a full disk is."""
    archive = tmp_path / "archive"
    assert run_as_a_user("ingest", SEED, "--archive", archive, "--no-fetch").returncode == 0
    derived = archive / "extensions" / "archiver-index"
    if blocked == "folder":
        (derived / "index.stale").mkdir()
        said = ("index.stale: Is a directory\n  hint: move away the folder that stands where a "
                "file is needed")
    else:
        shutil.rmtree(derived)
        derived.write_text("mine\n", encoding="utf-8")
        said = (f"Not a directory\n  hint: {derived} is a file where a folder is needed: "
                "move it away")
    for command in (["list"], ["ingest", SEED, "--no-fetch"], ["verify", "--offline"]):
        result = run_as_a_user(*command, "--archive", archive)
        assert result.returncode == ExitCode.ARCHIVE, result.stderr
        assert said in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("where", ["the run", "reading a file"])
def test_running_out_of_memory_is_the_machine_s_state_not_a_bug(tmp_path, monkeypatch,
                                                                where):
    """A page too large for the memory left (a tight ``ulimit -v``, say): exit 5 and what to
    do, not "internal error … report the output" (exit 70), nor, met reading one file, that
    file failed as "a bug in archiver". The shortage is the test's."""
    from typer.testing import CliRunner

    import archiver.pipeline as pipeline
    import archiver.readers as readers
    from archiver.cli import app

    def short_of_memory(*_args, **_kwargs):
        raise MemoryError  # a test's fault: the machine out of memory
    if where == "the run":
        monkeypatch.setattr(pipeline, "ingest_paths", short_of_memory)
    else:
        monkeypatch.setattr(readers, "read_all", short_of_memory)
    result = CliRunner().invoke(app, ["ingest", str(SEED), "--archive",
                                      str(tmp_path / "archive"), "--no-fetch"])
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    assert "archiver: error: out of memory" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(("code", "hint"), [
    (errno.EACCES, "check the permissions of this file and the folders above it"),
    (errno.EROFS, "use a writable disk (this file system is read-only)"),
    (errno.ENOSPC, "free some space on the disk, then run the command again (what was "
                   "archived before is complete)"),
    (errno.EMFILE, "raise this process's limit of open files (`ulimit -n`)"),
    (errno.EIO, "check the disk, which reported an input/output error, before trusting what "
                "is on it (then run `archiver fsck`)"),
])
def test_the_machine_refusing_a_command_is_said_with_what_to_do(tmp_path, monkeypatch, code,
                                                                 hint):
    """The errors are SIMULATED (raised as the archive is opened): the machine's
    state is exit 5 with the remedy the archive's own errors give for the same cause; an
    error no user can remedy is a bug, exit 70."""
    from typer.testing import CliRunner

    from archiver.cli import app

    archive = tmp_path / "archive"
    assert run_as_a_user("ingest", SEED, "--archive", archive, "--no-fetch").returncode == 0

    def refused(self, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(archive / "inventory.json"))
    monkeypatch.setattr(Archive, "open", classmethod(refused))
    result = CliRunner().invoke(app, ["list", "--archive", str(archive)])
    assert result.exit_code == ExitCode.ARCHIVE, result.stderr
    assert result.stderr.splitlines() == [
        f"archiver: error: {archive / 'inventory.json'}: {os.strerror(code)}", f"  hint: {hint}"]


def test_an_os_error_no_user_can_remedy_is_called_a_bug(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from archiver.cli import app

    archive = tmp_path / "archive"
    assert run_as_a_user("ingest", SEED, "--archive", archive, "--no-fetch").returncode == 0

    def refused(self, *args, **kwargs):  # SIMULATED
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    monkeypatch.setattr(Archive, "open", classmethod(refused))
    result = CliRunner().invoke(app, ["list", "--archive", str(archive)])
    assert result.exit_code == ExitCode.INTERNAL
    assert "internal error: OSError" in result.stderr


def test_verify_of_an_archive_it_may_not_write_says_no_keep_checks_it(tmp_path, locked,
                                                                     monkeypatch):
    """The results cannot be kept: the hint names the option that checks without keeping
    (it named only the read-only commands, and "use one you may write to"). A run that
    learns nothing new (offline, nothing cached) has nothing to keep, and says what it
    checked. (Crossref: the recorded responses, served locally, which do not know the
    seed's DOI: a "not_found" is an outcome to keep.)"""
    from crossref_server import CrossrefServer
    archive = tmp_path / "a"
    assert run_as_a_user("ingest", SEED, "--archive", archive, "--no-fetch").returncode == 0
    shutil.rmtree(archive / "extensions" / "archiver-lock")
    for folder in (archive, archive / "extensions"):
        locked(folder, 0o555)
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    with CrossrefServer() as server:
        monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
        kept = run_as_a_user("verify", "--archive", archive)
        checked = run_as_a_user("verify", "--archive", archive, "--no-keep")
    assert kept.returncode == ExitCode.ARCHIVE, kept.stderr
    assert "cannot write to this archive" in kept.stderr
    assert "`verify --no-keep` checks its citations without keeping the results" in kept.stderr
    assert checked.returncode == ExitCode.CITATION_WRONG, checked.stderr  # the DOI not found
    assert "cannot write" not in checked.stderr
    offline = run_as_a_user("verify", "--archive", archive, "--offline")
    assert offline.returncode == ExitCode.UNCHECKED, offline.stderr  # a 404 is not cached
    assert "cannot write" not in offline.stderr
