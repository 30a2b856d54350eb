"""``ingest --jobs N``: posts read and cleaned in worker processes are archived exactly as one
process archives them, and whatever goes wrong in a worker is said as it would be here."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import pickle
import shutil
import signal
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archiver import pipeline
from archiver.background import processes
from archiver.cli import app
from archiver.config import Config
from archiver.discover import discover
from archiver.errors import ArchiverError, MalformedInput, UnsupportedFormat
from archiver.pipeline import IngestResult, ingest_paths
from archiver.prepare import extract_file, finish_post, prepare_all, with_input
from archiver.store import Archive

from conftest import WECHAT

CONTAINERS = Path(__file__).parent / "fixtures" / "containers"


def outcome(results: list[IngestResult]) -> list[tuple]:
    """What a run says of each post, in order (the error as the user reads it)."""
    return [(r.source, r.status, r.object_id, r.version, r.title, r.kind, r.warnings, r.record,
             None if r.error is None else (type(r.error), str(r.error), r.error.hint))
            for r in results]


def stored(root: Path) -> dict[str, dict[str, str]]:
    """Every object's head state (content path → sha512) but its provenance, which holds the
    time it was made."""
    archive = Archive.open(root)
    return {oid: {path: digest for path, digest in archive.versions(oid)[-1].state.items()
                  if path != "provenance.json"}
            for oid in archive.object_ids()}


def inputs(tmp_path: Path) -> Path:
    """The corpus, a WARC of two posts and a save cut short (bad input), in one folder."""
    folder = tmp_path / "inputs"
    shutil.copytree(WECHAT, folder)
    shutil.copy(CONTAINERS / "converted-multi-mufeng-2018-01-29+2021-07-07.warc.gz", folder)
    page = next((WECHAT / "html").glob("wechatscope__*qcE1x5JHap*.html")).read_bytes()
    (folder / "cut-short.html").write_bytes(page[: len(page) // 2])
    return folder


def test_posts_read_in_worker_processes_are_archived_as_in_one_process(
        config: Config, tmp_path: Path) -> None:
    folder = inputs(tmp_path)
    alone = ingest_paths([folder], config)
    shared = replace(config, archive=tmp_path / "shared")
    together = ingest_paths([folder], shared, jobs=3)
    assert outcome(together) == outcome(alone)
    assert stored(shared.archive) == stored(config.archive)
    statuses = {r.status for r in together}
    assert {"added", "failed", "skipped"} <= statuses  # the cases below are all there
    [cut] = [r for r in together if r.status == "failed"]
    assert isinstance(cut.error, MalformedInput) and cut.error.path.endswith("cut-short.html")
    assert "cut short" in cut.error.message and cut.error.hint


def test_a_file_extracted_in_another_process_is_prepared_as_here(
        config: Config, tmp_path: Path) -> None:
    """Every post of every input, extracted in a worker process and finished here, gives
    the files (record, source, images) and their digests that preparing it here gives."""
    folder = inputs(tmp_path)
    files = [path for path, _named in discover([folder]) if path.suffix != ".txt"]
    with processes(2, ["archiver.pipeline"]) as pool:
        for path in files:
            data = path.read_bytes()
            try:
                here = prepare_all(path, config, data=data)
            except ArchiverError as error:
                with pytest.raises(type(error)) as there:
                    pool.submit(extract_file, path, data, config).result()
                assert str(there.value) == str(error)
                continue
            there = [finish_post(with_input(item, data), path)
                     for item in pool.submit(extract_file, path, data, config).result()]
            assert [(p.object_id, {k: v for k, v in p.files.items() if k != "provenance.json"},
                     p.digests, p.source_digest, p.inputs) for p in there] == \
                [(p.object_id, {k: v for k, v in p.files.items() if k != "provenance.json"},
                  p.digests, p.source_digest, p.inputs) for p in here], path.name


def test_a_run_in_worker_processes_finds_what_is_archived_unchanged(
        config: Config, tmp_path: Path) -> None:
    folder = inputs(tmp_path)
    ingest_paths([folder], config)
    heads = stored(config.archive)
    again = ingest_paths([folder], config, jobs=2, refresh=True)
    assert {r.status for r in again} == {"unchanged", "failed", "skipped"}
    assert stored(config.archive) == heads


def test_a_worker_process_killed_leaves_the_run_to_go_on_in_one(
        config: Config, tmp_path: Path) -> None:
    """A worker killed (by the out-of-memory killer, by a user) stops no run: what it was
    given is read in the run's own process, and the results are those of one process."""
    folder = inputs(tmp_path)
    for copy in range(2):  # more files than are read ahead: some are sent after the kill
        shutil.copytree(WECHAT, folder / f"copy-{copy}")
    alone = ingest_paths([folder], config)
    killed: list[int] = []

    def kill_the_workers(result: IngestResult) -> None:
        if not killed:
            for child in multiprocessing.active_children():
                with contextlib.suppress(ProcessLookupError):  # (the pool may end the rest)
                    os.kill(child.pid, signal.SIGKILL)
                child.join()
                killed.append(child.pid)

    shared = replace(config, archive=tmp_path / "shared")
    together = ingest_paths([folder], shared, jobs=2, on_result=kill_the_workers)
    assert killed
    assert outcome(together) == outcome(alone)
    assert stored(shared.archive) == stored(config.archive)


def test_a_file_too_large_to_send_to_a_worker_is_read_in_its_turn_alone(
        config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over ``AHEAD_BYTES`` is not handed to a worker (its bytes would be held in
    memory in both processes, and pickled between them): it is read in its turn, here; and
    the files read ahead hold no more than that between them."""
    folder = inputs(tmp_path)
    alone = ingest_paths([folder], config)
    monkeypatch.setattr(pipeline, "AHEAD_BYTES", 100_000)
    sent: list[str] = []

    def pool_saying_what_it_is_sent(jobs: int, preload: list[str]) -> ProcessPoolExecutor:
        pool = processes(jobs, preload)
        submit = pool.submit
        pool.submit = lambda fn, path, *args: (  # type: ignore[method-assign]
            sent.append(path.name), submit(fn, path, *args))[1]
        return pool

    monkeypatch.setattr(pipeline, "processes", pool_saying_what_it_is_sent)
    shared = replace(config, archive=tmp_path / "shared")
    together = ingest_paths([folder], shared, jobs=2)
    assert outcome(together) == outcome(alone)
    small = {path.name for path, _named in discover([folder])
             if path.stat().st_size <= 100_000 and path.suffix != ".txt"}
    assert sent and set(sent) <= small


def test_a_file_changed_after_it_was_read_ahead_is_read_again_in_its_turn(
        config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file read ahead, then edited or deleted before its turn, is what it is in its turn,
    as in one process (it was archived from the bytes read ahead)."""
    folder = tmp_path / "posts"
    folder.mkdir()
    first, edited, deleted = sorted(WECHAT.glob("markdown/*.md"))[:3]
    for post in (first, edited, deleted):
        shutil.copy(post, folder / post.name)
    finish = pipeline.finish_post

    def change_the_others_first(*args, **kwargs):  # in the first file's turn
        if (folder / deleted.name).exists():
            (folder / deleted.name).unlink()
            with open(folder / edited.name, "a", encoding="utf-8") as text:
                text.write("\n\n读后记。\n")
        return finish(*args, **kwargs)

    monkeypatch.setattr(pipeline, "finish_post", change_the_others_first)
    results = ingest_paths([folder], config, jobs=2)
    assert [(Path(r.source).name, r.status) for r in results] == [
        (first.name, "added"), (edited.name, "added"), (deleted.name, "failed")]
    assert "no such file" in str(results[-1].error).lower() or "cannot read" in str(
        results[-1].error)
    record = Archive.open(config.archive).read_json(results[1].object_id, "record.json")
    assert record["text"].endswith("读后记。")


@pytest.mark.parametrize("error", [
    MalformedInput("the page stops before its closing tags", path="a/b.html", hint="save again"),
    UnsupportedFormat("not a supported saved post", path="x.txt"),
    ArchiverError("no path, no hint"),
])
def test_an_error_crosses_from_a_worker_whole(error: ArchiverError) -> None:
    """What a worker raises reaches the run pickled: its message, file and hint kept."""
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.message, again.path, again.hint, str(again)) == (
        type(error), error.message, error.path, error.hint, str(error))


def test_the_command_line_takes_jobs(tmp_path: Path) -> None:
    runner = CliRunner()
    archive = tmp_path / "archive"
    result = runner.invoke(app, ["ingest", str(WECHAT / "markdown"), "--archive", str(archive),
                                 "--no-fetch", "--json", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(list((WECHAT / "markdown").glob("*.md")))
    assert "added" in {line["status"] for line in lines} <= {"added", "unchanged"}
    refused = runner.invoke(app, ["ingest", str(WECHAT / "markdown"), "--archive",
                                  str(archive), "--jobs", "0"])
    assert refused.exit_code == 2
    assert "--jobs" in refused.stderr


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of workers each pool the command line starts has, in order."""
    pools: list[int] = []
    start = pipeline.start_workers
    monkeypatch.setattr(pipeline, "start_workers", lambda jobs: pools.append(jobs)
                        or start(jobs))
    return pools


def test_workers_are_started_only_for_more_than_one_file(
        tmp_path: Path, started: list[int]) -> None:
    """One file is read whole by one process (a WARC of many posts too): starting workers
    for it would cost their start and gain nothing."""
    runner = CliRunner()
    archive = str(tmp_path / "archive")
    one = sorted((WECHAT / "markdown").glob("*.md"))[0]
    result = runner.invoke(app, ["ingest", str(one), "--archive", archive, "--no-fetch",
                                 "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert started == []
    result = runner.invoke(app, ["ingest", str(WECHAT / "markdown"), "--archive", archive,
                                 "--no-fetch", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert started == [2]


def test_no_more_workers_are_started_than_cores_or_files(
        tmp_path: Path, started: list[int]) -> None:
    """``--jobs 800`` on a folder starts as many workers as there are cores (two at least),
    and says so; two files given start no more than two."""
    runner = CliRunner()
    archive = str(tmp_path / "archive")
    result = runner.invoke(app, ["ingest", str(WECHAT / "markdown"), "--archive", archive,
                                 "--no-fetch", "--jobs", "800"])
    assert result.exit_code == 0, result.output
    cores = max(2, len(os.sched_getaffinity(0)))
    assert started == [cores]
    assert f"--jobs 800: {cores} process(es)" in result.stderr
    two = [str(p) for p in sorted((WECHAT / "markdown").glob("*.md"))[:2]]
    result = runner.invoke(app, ["ingest", *two, "--archive", archive, "--no-fetch",
                                 "--jobs", "800"])
    assert result.exit_code == 0, result.output
    assert started == [cores, 2]


def _slow_image_server() -> tuple[Any, Any]:
    """A server on 127.0.0.1 that takes each image request and answers none for a minute,
    and the event it sets when first asked: a fetch under way, to interrupt."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked = threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.set()
            threading.Event().wait(60)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, asked


def test_ctrl_c_stops_a_run_whose_workers_wait_on_a_slow_image_server_at_once(
        tmp_path: Path) -> None:
    """Ctrl-C while workers fetch images from a server that answers in a minute: the run
    stops at once, its workers with it (a pool's shutdown waited for every fetch they had
    been given, minutes; a second Ctrl-C left the run hung, its workers waiting for work)."""
    import subprocess
    import sys
    import time

    server, asked = _slow_image_server()
    folder = tmp_path / "posts"
    folder.mkdir()
    for number in range(4):
        (folder / f"post-{number}.md").write_text(
            f"---\ntitle: 慢图 {number}\nurl: https://mp.weixin.qq.com/s/SlowImage000{number}\n"
            f"---\n\n正文。\n\n![](http://127.0.0.1:{server.server_port}/{number}.jpg)\n",
            encoding="utf-8")
    (tmp_path / "archiver.toml").write_text(
        'allow_private_hosts = ["127.0.0.1"]\nhttp_timeout = 120\n', encoding="utf-8")
    archive = tmp_path / "archive"
    run = subprocess.Popen(
        [sys.executable, "-m", "archiver", "ingest", str(folder), "--archive", str(archive),
         "--jobs", "2"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert asked.wait(60), "no image was asked for"
        run.send_signal(signal.SIGINT)
        started = time.monotonic()
        _, stderr = run.communicate(timeout=30)
        assert run.returncode == 130, stderr
        assert time.monotonic() - started < 15
        assert "interrupted" in stderr and "Traceback" not in stderr
    finally:
        run.kill()
        server.shutdown()
    time.sleep(0.5)
    assert [pid for pid in _processes_naming(archive)] == []  # no worker left behind


def _processes_naming(path: Path) -> list[str]:
    """The processes whose command line names ``path`` (where /proc tells)."""
    found = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            if str(path) in process.joinpath("cmdline").read_bytes().decode("utf-8", "replace"):
                found.append(process.name)
        except OSError:  # gone meanwhile
            continue
    return found


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_ends_a_run_as_ctrl_c_does_keeping_what_it_finished(tmp_path: Path,
                                                                   jobs: str) -> None:
    """``kill`` (SIGTERM: a service manager stopping the job, a CI runner's time-out) while
    the last post's image is being fetched: the run says it was interrupted and exits 143
    (128 + 15); the posts it committed (a group of ``GROUP_POSTS``) are archived with their
    receipts kept, so that the next run finds them unchanged without reading them again;
    no worker is left. It had ended at once, silently, keeping no receipt."""
    import subprocess
    import sys

    server, asked = _slow_image_server()
    folder = tmp_path / "posts"
    folder.mkdir()
    last = 2 * pipeline.GROUP_POSTS  # the posts before it fill groups, committed at once
    # (the first before the last post is read, however far ahead the workers read)
    for number in range(last + 1):
        image = f"\n![](http://127.0.0.1:{server.server_port}/1.jpg)\n" if number == last else ""
        (folder / f"post-{number:03}.md").write_text(
            f"---\ntitle: 停 {number}\nurl: https://mp.weixin.qq.com/s/StoppedByKill{number:04}\n"
            f"---\n\n正文。\n{image}", encoding="utf-8")
    (tmp_path / "archiver.toml").write_text(
        'allow_private_hosts = ["127.0.0.1"]\nhttp_timeout = 120\n', encoding="utf-8")
    archive = tmp_path / "archive"
    run = subprocess.Popen(
        [sys.executable, "-m", "archiver", "ingest", str(folder), "--archive", str(archive),
         "--jobs", jobs], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True)
    try:
        assert asked.wait(60), "no image was asked for"
        run.send_signal(signal.SIGTERM)
        _, stderr = run.communicate(timeout=30)
        assert run.returncode == 143, stderr
        assert "interrupted" in stderr and "Traceback" not in stderr
    finally:
        run.kill()
        server.shutdown()
    receipts = archive / "extensions" / "archiver-index" / "receipts.json"
    kept = len(json.loads(receipts.read_text(encoding="utf-8")))
    assert kept >= pipeline.GROUP_POSTS
    again = ingest_paths([folder], Config(archive=archive, fetch=False))
    assert sum(r.status == "unchanged" for r in again) == kept
    assert sum(r.status == "added" for r in again) == last + 1 - kept
    assert [pid for pid in _processes_naming(archive)] == []


def test_an_interrupted_command_does_not_wait_on_exit_handlers(tmp_path: Path) -> None:
    """An interrupted command ends once it has said so and kept what it finished, without
    the interpreter's exit handlers: a pool's manager thread, waiting for the rest of a
    result a stopped worker was sending, was joined there for ever (one SIGTERM or Ctrl-C
    in five, during ``ingest --jobs 2``). SYNTHETIC: an exit handler that waits a minute
    stands in for that thread, as the race cannot be made to happen at will."""
    import subprocess
    import sys

    server, asked = _slow_image_server()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(
        "import atexit, time\natexit.register(time.sleep, 60)\n", encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 慢\nurl: https://mp.weixin.qq.com/s/HeldAtExit000001\n---\n\n"
                    f"正文。\n\n![](http://127.0.0.1:{server.server_port}/1.jpg)\n",
                    encoding="utf-8")
    (tmp_path / "archiver.toml").write_text(
        'allow_private_hosts = ["127.0.0.1"]\nhttp_timeout = 120\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(tmp_path / "site"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    run = subprocess.Popen(
        [sys.executable, "-m", "archiver", "ingest", str(post), "--archive",
         str(tmp_path / "archive")], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    try:
        assert asked.wait(60), "no image was asked for"
        run.send_signal(signal.SIGTERM)
        _, stderr = run.communicate(timeout=30)  # the handler would hold it 60 s
        assert run.returncode == 143, stderr
        assert "interrupted" in stderr
    finally:
        run.kill()
        server.shutdown()
