"""One writer at a time (design §5): two ``archiver ingest`` processes on one archive never
corrupt it.

1. **Writer against writer.** Writer A, an ``archiver ingest`` process, is frozen (SIGSTOP)
   in the middle of its run, holding the archive's lock. A second ``archiver ingest`` (run
   in-process: the lock is per open file, so it contends exactly as a process would) fails
   at once with exit 5 and "another archiver process is writing to this archive", having
   written nothing; a third, a process with ``--wait``, blocks on the lock until A goes on
   (SIGCONT) and finishes, then completes. Afterwards ``archiver fsck`` and ocfl-py accept
   the archive, and every post of both runs is there and listed. ``make stress`` repeats it
   with A frozen after a seeded random number of posts.
2. **Readers at any moment of a commit.** A forked writer stops itself (SIGSTOP) just before
   one of its file-system steps; meanwhile ``archiver fsck`` must find nothing wrong (what a
   writer is half-way through is not damage) and ``archiver list`` must show exactly the
   versions the objects' root inventories name. Then the writer goes on and completes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from archiver.config import load_config
from archiver.pipeline import ingest_paths
from archiver.store import durable

from conftest import WECHAT
from stress_support import (
    SEED,
    STRESS,
    Steps,
    archiver_argv,
    child_env,
    cli,
    distinct_posts,
    fsck_json,
    heads_and_records,
    listed_heads,
    ocfl_py_verdict,
    sized,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and signals")

BUSY = "another archiver process is writing to this archive"
MARKDOWN = sorted((WECHAT / "markdown").glob("*.md"))
PAGES = sorted((WECHAT / "html").glob("wechatscope__*.html"))

FIGURES: dict[str, str] = {}


def report_figure(figure, key: str, text: str) -> None:
    FIGURES[key] = text
    figure("concurrency", "; ".join(FIGURES[k] for k in ("writers", "readers") if k in FIGURES))


def storage_hierarchy(root: Path) -> dict[str, bytes]:
    """What a writer commits: every file outside extensions/."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] != "extensions"}


def blocked_on_a_lock(pid: int) -> bool:
    """Whether process ``pid`` waits for a file lock (Linux lists waiters in /proc/locks with
    ``->``)."""
    locks = Path("/proc/locks").read_text()
    return any(line.split()[1] == "->" and line.split()[5] == str(pid)
               for line in locks.splitlines() if len(line.split()) > 5)


def wait_until(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


# ---------------------------------------------------------------------------------------------
# 1. a second writer is refused at once, or waits with --wait


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux /proc/locks")
def test_a_second_writer_is_refused_with_exit_5_and_a_waiting_one_completes(tmp_path, figure):
    rng = random.Random(SEED)
    rounds = sized(1, 8)
    first = distinct_posts(tmp_path / "first", sized(5, 20), MARKDOWN + PAGES)
    second = distinct_posts(tmp_path / "second", sized(2, 10), MARKDOWN[::-1] + PAGES)
    refused = completed = 0
    corrupt: list[str] = []
    for round_ in range(rounds):
        root = tmp_path / f"archive-{round_}"
        a = subprocess.Popen(archiver_argv("ingest", tmp_path / "first", "--archive", root,
                                           "--no-fetch", "--json", "--quiet"),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env=child_env(), cwd=tmp_path)
        for _ in range(1 + rng.randrange(len(first) - 1)):  # A is in the middle of its run
            assert a.stdout.readline()
        os.kill(a.pid, signal.SIGSTOP)
        try:
            c = subprocess.Popen(archiver_argv("ingest", tmp_path / "second", "--archive",
                                               root, "--no-fetch", "--wait", "--quiet"),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                 env=child_env(), cwd=tmp_path)
            before = storage_hierarchy(root)
            b = cli("ingest", tmp_path / "second", "--archive", root, "--no-fetch")
            assert b.exit_code == 5, b.stderr
            assert f"archiver: error: {root}: {BUSY}" in b.stderr
            assert "hint: wait for it to finish, or pass --wait" in b.stderr
            assert b.stdout == "" and "Traceback" not in b.stderr
            assert storage_hierarchy(root) == before  # the refused writer wrote nothing
            refused += 1

            assert wait_until(lambda c=c: blocked_on_a_lock(c.pid)), "--wait did not wait"
            assert c.poll() is None
            # readers meanwhile: the archive as committed so far is consistent
            assert fsck_json(root)[0] == 0
            assert set(listed_heads(root)) <= set(first)
        finally:
            os.kill(a.pid, signal.SIGCONT)
        assert a.wait(timeout=120) == 0
        a.stdout.close()
        assert c.wait(timeout=120) == 0, c.stderr.read()
        c.stderr.close()
        completed += 1
        heads = {oid: head for oid, (head, _) in heads_and_records(root).items()}
        code, report = fsck_json(root)
        valid, why = ocfl_py_verdict(root)
        if code != 0 or not valid or set(heads) != set(first) | set(second) \
                or listed_heads(root) != heads:
            corrupt.append(f"round {round_}: fsck {code} {report['problems'][:3]}; "
                           f"ocfl-py {why}; posts missing: "
                           f"{sorted(set(first) | set(second) - set(heads))[:3]}")

    report_figure(figure, "writers", f"{refused}/{rounds} second writers refused with exit 5, "
                                     f"{completed}/{rounds} --wait writers completed, "
                                     f"{len(corrupt)} corrupt")
    assert not corrupt, corrupt


# ---------------------------------------------------------------------------------------------
# 2. readers at any moment of a commit


def test_readers_at_any_moment_of_a_commit_see_a_consistent_archive(tmp_path, monkeypatch,
                                                                    figure):
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # speed only: no power cut here
    monkeypatch.setattr(durable, "_syncfs", None)  # and syncfs with it
    rng = random.Random(SEED)
    folder = tmp_path / "posts"
    distinct_posts(folder, 3, MARKDOWN[:2] + PAGES[:1])
    template = tmp_path / "template"
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    ingest_paths(sorted(folder.rglob("*.md"))[:1], config.with_overrides(archive=template))
    steps = Steps()  # how many steps the run takes from this starting point
    shutil.copytree(template, tmp_path / "count")
    with monkeypatch.context() as patch:
        steps.install(patch.setattr)
        ingest_paths([folder], config.with_overrides(archive=tmp_path / "count"))
    chosen = range(1, steps.count + 1) if STRESS else sorted(
        rng.sample(range(1, steps.count + 1), 6))

    wrong = []
    for at in chosen:
        root = tmp_path / f"archive-{at}"
        shutil.copytree(template, root)
        pid = os.fork()
        if pid == 0:  # the writer: freezes itself before step ``at``, then carries on
            code = 1
            try:
                Steps(at, signal.SIGSTOP).install(setattr)
                ingest_paths([folder], config.with_overrides(archive=root))
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, os.WUNTRACED)
        assert os.WIFSTOPPED(status)
        try:
            code, report = fsck_json(root)
            heads = {oid: head for oid, (head, _) in heads_and_records(root).items()}
            if code != 0:
                wrong.append(f"step {at}: fsck exit {code}: {report['problems'][:2]}")
            elif listed_heads(root) != heads:
                wrong.append(f"step {at}: `archiver list` disagrees with the objects")
        finally:
            os.kill(pid, signal.SIGCONT)
            _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    report_figure(figure, "readers", f"readers consistent at {len(chosen) - len(wrong)}/"
                                     f"{len(chosen)} moments of a commit")
    assert not wrong, wrong


# ---------------------------------------------------------------------------------------------
# 3. the two moments of a commit when the object's files disagree, one by one


class Pause(Exception):
    """Stops a commit at a chosen point, its writer still holding the lock."""


@pytest.mark.parametrize("pause_before", ["inventory.json", "inventory.json.sha512"],
                         ids=["version-folder-in-root-inventory-not-yet",
                              "root-inventory-replaced-sidecar-not-yet"])
def test_fsck_during_a_commit_is_not_fooled_by_its_half_applied_object(pause_before, tmp_path,
                                                                       monkeypatch):
    """While a writer applies a commit, the new version folder is in the object before the
    root inventory names it, and the root inventory is replaced before its sidecar. A reader
    running then sees no damage, and once the writer has finished (here: recovered), nor
    does anyone."""
    from archiver.store import Archive

    writer = Archive.open(tmp_path / "archive", create=True)
    with writer.writer():
        writer.commit("wx:s/PausedCommit1", {"record.json": b"{}\n"}, "v1")
    real = durable.atomic_write

    def atomic_write(path, data, **kwargs):
        if path.name == pause_before and "extensions" not in path.parts:
            raise Pause
        real(path, data, **kwargs)

    with writer.writer():
        with monkeypatch.context() as patch:
            patch.setattr(durable, "atomic_write", atomic_write)
            with pytest.raises(Pause):
                writer.commit("wx:s/PausedCommit1", {"record.json": b'{"v": 2}\n'}, "v2")
        report = Archive.open(writer.root).fsck()  # another reader, while the lock is held
        assert report.ok, report.problems
    report = Archive.open(writer.root).fsck()  # takes the lock: recovers, then checks
    assert report.ok and report.recovered == 1
    assert writer.head("wx:s/PausedCommit1") == "v2"


def test_a_writer_that_waits_is_told_why(tmp_path):
    """``--wait`` blocks on the lock; the library calls ``on_wait`` once first, so the
    command line can say why nothing happens (see the issue 8 report for cli.py)."""
    import threading

    from archiver.store import Archive

    post = tmp_path / "posts" / "post.md"
    distinct_posts(post.parent, 1, MARKDOWN[:1])
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)
    told = threading.Event()
    results = []
    holder = Archive.open(tmp_path / "archive", create=True)
    with holder.writer():
        waiter = threading.Thread(target=lambda: results.extend(ingest_paths(
            [post.parent], config, wait=True, on_wait=told.set)))
        waiter.start()
        assert told.wait(30), "on_wait was not called"
        assert waiter.is_alive() and results == []  # told, and still waiting
    waiter.join(30)
    assert [r.status for r in results] == ["added"]
