"""``--verbose``: every command says on stderr, step by step, what it does (which reader read a
file, where each image came from, each HTTP request and its answer, each version committed),
and leaves what it writes on stdout as it is."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from archiver.cli import app
from archiver.errors import ExitCode
from archiver.store import Archive

from conftest import WECHAT

SEED = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
IMAGES = next((WECHAT / "html-with-assets").glob("*2021-07-07*")) / "images"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_ingest_says_the_reader_each_image_and_each_commit_and_prints_the_same(tmp_path):
    quiet = run("ingest", SEED, "--archive", tmp_path / "a", "--no-fetch", "--json")
    loud = run("ingest", SEED, "--archive", tmp_path / "b", "--no-fetch", "--json", "--verbose")
    assert loud.exit_code == quiet.exit_code == ExitCode.OK
    drop_time = [{k: v for k, v in json.loads(r.stdout).items() if k != "record"}
                 for r in (quiet, loud)]
    assert drop_time[0] == drop_time[1]  # stdout is the same data
    said = loud.stderr
    assert f"archiver: ingest: {SEED}: read by the markdown reader: article “【中亚研究】" in said
    assert f"archiver: ingest: {SEED}: image 1 missing: file not found" in said
    post = json.loads(loud.stdout)["id"]
    assert f"archiver: ingest: {post}: v1 committed (ingest markdown/{SEED.name})" in said
    assert "archiver: " not in quiet.stderr.replace("archiver: warning", "")

    again = run("ingest", SEED, "--archive", tmp_path / "b", "--no-fetch", "--verbose")
    assert f"archiver: ingest: {SEED}: unchanged since the last ingest (its size, times and " \
           "inode, as its receipt says): not read again" in again.stderr
    assert "committed" not in again.stderr


def test_ingest_says_each_image_request_and_where_the_stored_bytes_came_from(tmp_path,
                                                                            monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(IMAGES)))
    server.RequestHandlerClass.log_message = lambda *args: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    folder = next(IMAGES.iterdir()).name
    url = f"http://127.0.0.1:{server.server_port}/{folder}/img_000.jpg"
    try:
        post = tmp_path / "post.md"
        post.write_text(f"---\ntitle: 图\n---\n\n正文。\n\n![]({url})\n", encoding="utf-8")
        (tmp_path / "archiver.toml").write_text('allow_private_hosts = ["127.0.0.1"]\n',
                                               encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        result = run("ingest", post, "--archive", tmp_path / "archive", "--verbose")
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == ExitCode.OK, result.output
    [request] = [line for line in result.stderr.splitlines() if line.startswith(
        "archiver: http: ")]
    assert f'"GET /{quote(folder)}/img_000.jpg HTTP/1.1" 200' in request
    assert f"{post}: image 1 is assets/" in result.stderr
    assert f"from {url}" in result.stderr


@pytest.mark.parametrize("command", [["ingest", SEED, "--no-fetch"], ["list"], ["fsck"],
                                     ["verify", "--offline"], ["export", "bibtex"],
                                     ["refs", "parse", SEED]])
def test_quiet_and_verbose_together_are_a_usage_error(tmp_path, command):
    result = run(*command, "--archive", tmp_path / "archive", "-q", "--verbose") \
        if command[0] != "refs" else run(*command, "-q", "--verbose")
    assert result.exit_code == ExitCode.USAGE
    assert "--quiet and --verbose contradict each other" in result.stderr
    assert not (tmp_path / "archive").exists()


def test_verbose_leaves_the_logging_of_a_program_using_the_library_as_it_was(tmp_path):
    import logging
    logger = logging.getLogger("archiver")
    before = (logger.level, logger.propagate, list(logger.handlers))
    run("ingest", SEED, "--archive", tmp_path / "archive", "--no-fetch", "--verbose")
    assert (logger.level, logger.propagate, list(logger.handlers)) == before


def test_fsck_says_each_object_it_checked_in_each_pass_and_what_it_found(tmp_path):
    """fsck computes every digest again, which takes minutes on a large archive: --verbose
    says each object as each pass (digests, then the documents against the schemas) is done
    with it, naming the one that holds the damage; stdout, the problems, is the same."""
    archive = tmp_path / "archive"
    run("ingest", SEED, IMAGES.parent / "html", "--archive", archive, "--no-fetch", "-q")
    [image, *_] = sorted(archive.rglob("assets/*.*"))
    image.write_bytes(image.read_bytes()[:-1] + b"\0")
    quiet = run("fsck", "--archive", archive)
    loud = run("fsck", "--archive", archive, "--verbose")
    assert loud.exit_code == quiet.exit_code == ExitCode.ARCHIVE
    assert loud.stdout == quiet.stdout and image.name in loud.stdout
    fixity = [line for line in loud.stderr.splitlines() if "each digest computed" in line]
    schemas = [line for line in loud.stderr.splitlines() if "against the schemas" in line]
    assert len(fixity) == len(schemas) == 2
    [damaged] = [line for line in fixity if line.endswith(": 1 problem(s)")]
    damaged_id = damaged.removeprefix("archiver: fsck: ").split(": ")[0]
    assert image.is_relative_to(Archive.open(archive).object_path(damaged_id))
    assert all(line.endswith(": ok") for line in [*schemas, *fixity] if line != damaged)
    assert "archiver: fsck: " not in quiet.stderr


@pytest.mark.parametrize(("command", "says"), [
    (["ingest"], "which reader read each file"), (["verify"], "each request to Crossref"),
    (["fsck"], "each object checked"), (["list"], None), (["show"], None), (["log"], None),
    (["diff"], None), (["export"], None), (["refs", "parse"], None)])
def test_each_commands_verbose_help_says_what_that_command_tells(command, says):
    """Every command takes --verbose (a script may pass it to any); its help says what
    this command tells, or that it tells nothing more, not every command's story."""
    shown = " ".join(CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"},
                                        ).stdout.split())
    if says:
        assert f"--verbose Say on stderr what is done, step by step: {says}" in shown
        assert "nothing more to say" not in shown
    else:
        assert "--verbose Taken by every command; this one has nothing more to say." in shown
