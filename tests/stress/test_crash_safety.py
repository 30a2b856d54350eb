"""Crash safety (design §5, §8): ``kill -9`` at any moment leaves an archive that ``archiver
fsck`` passes, and a re-run completes with every post present.

Every kill is a real SIGKILL: no handler runs, nothing is flushed. Two ways of choosing the
moment:

1. **At random moments.** A separate ``archiver ingest`` process over a folder of real posts
   is killed once a seeded random number of posts has been reported, plus a seeded random
   delay, so kills fall anywhere in the run whatever the speed of the machine. Then
   ``archiver fsck`` must exit 0 (recovery finishes or discards the interrupted commit),
   ocfl-py must accept the storage root, no staged commit or temporary file may remain, and
   a re-run must end with every post archived and listed. ``make stress``: 20 kills over 50
   posts; ``make test``: 3 kills over 6 posts.
2. **At every write step.** A forked ingest kills itself just before its n-th file-system
   step (a file written in full, or half written; a folder made, renamed, synced, removed),
   then the re-run is killed too at a random step of its own (a crash during recovery). After
   recovery and a last run the archive must hold exactly what an uninterrupted run makes:
   the same objects, heads and records. ``make stress``: every step; ``make test``: a seeded
   sample. fsync is switched off for this part only: it decides what survives a power cut,
   not what a killed process leaves (the kernel keeps its writes), and it is slow.

Before every killed run the archive already holds some of the posts (so the list index
exists and can go stale) and one of them has been edited (so a new version is written, not
only new objects). The 50 posts are the real corpus plus copies with one small edit each
that makes them other posts (see ``stress_support.distinct_posts``).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import archiver.store as store
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
    leftovers,
    listed_heads,
    ocfl_py_verdict,
    sized,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

MUFENG_2021 = WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代"
SMALL = [  # the fast version's posts: every reader but the containers, images included
    MUFENG_2021 / "html" / "2021-07-07_送别一个旧时代.html",
    MUFENG_2021 / "md" / "2021-07-07_送别一个旧时代.md",
    WECHAT / "markdown" / "mp_duty__白话孟德尔随机化.md",
    WECHAT / "markdown" / "mp_duty__临床预测模型经典文献合集.md",
    WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md",
    WECHAT / "html-fragment" / "gossip-newsbot__G.O.S.S.I.P 学术论文推荐 2020-07-29__source.html",
    WECHAT / "html" / "wechatscope__gh_8e98aeecc6c0_2020-10-02_2650512939_raiHy80cW6.y.tar.gz.html",
]
EDIT = "\n\n本段为压力测试所加：同一篇文章的新版本。\n"  # appended to a post: its next version

FIGURES: dict[str, str] = {}


def report_figure(figure, key: str, text: str) -> None:
    FIGURES[key] = text
    figure("crash", "; ".join(FIGURES[k] for k in ("kills", "steps") if k in FIGURES))


def archive_some_then_edit_one(posts: dict[str, Path], how_many: int, root: Path) -> str:
    """Archive ``how_many`` of the posts in ``root``, then append a paragraph to one of them,
    a Markdown post whose identity is its URL (so it stays the same post): the killed run
    must write its new version. Returns that post's id."""
    edited, path = next((oid, p) for oid, p in sorted(posts.items())
                        if oid.startswith("wx:s/") and p.suffix == ".md")
    others = [p for p in sorted(posts.values()) if p != path]
    config = load_config({}, root.parent).with_overrides(archive=root, fetch=False)
    ingest_paths([path, *others[: how_many - 1]], config)
    text = path.read_text(encoding="utf-8")
    at = text.rfind("\n<hr>")  # before the exporter's trailing 原文链接 link, which gives the URL
    path.write_text(text[:at] + EDIT + text[at:] if at >= 0 else text + EDIT, encoding="utf-8")
    return edited


def check_recovered(root: Path, posts: dict[str, Path], folder: Path) -> str | None:
    """After a kill: fsck passes, nothing interrupted remains, ocfl-py agrees; a re-run
    archives every post and the list shows them. None, or what went wrong."""
    code, report = fsck_json(root)
    if code != 0:
        return f"fsck exit {code}: {report['problems'][:3]}"
    if leftovers(root):
        return f"left behind after recovery: {leftovers(root)}"
    valid, why = ocfl_py_verdict(root)
    if not valid:
        return f"ocfl-py after recovery: {why}"
    rerun = cli("ingest", folder, "--archive", root, "--no-fetch", "--json", "--quiet")
    if rerun.exit_code != 0:
        return f"re-run exit {rerun.exit_code}: {rerun.stderr[-300:]}"
    heads = {oid: head for oid, (head, _) in heads_and_records(root).items()}
    if set(heads) != set(posts):
        return f"posts missing after the re-run: {sorted(set(posts) - set(heads))[:3]}"
    if listed_heads(root) != heads:
        return "`archiver list` disagrees with the objects"
    code, report = fsck_json(root)
    if code != 0 or not ocfl_py_verdict(root)[0]:
        return f"after the re-run: fsck exit {code} {report['problems'][:3]}"
    return None


# ---------------------------------------------------------------------------------------------
# 1. SIGKILL at random moments, a separate process


def kill_at_random(argv: list[str], cwd: Path, after: int, delay: float) -> bool:
    """Start ``archiver`` with ``argv``; once it has reported ``after`` posts, wait ``delay``
    seconds and SIGKILL it. Whether it was killed (False: it had finished)."""
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env=child_env(), cwd=cwd)
    with child:
        for _ in range(after):
            if not child.stdout.readline():
                break
        time.sleep(delay)
        killed = child.poll() is None
        if killed:
            os.kill(child.pid, signal.SIGKILL)
    return killed


def test_an_ingest_killed_at_random_moments_loses_nothing(tmp_path, figure):
    rng = random.Random(SEED)
    kills, count = sized(3, 20), sized(6, 50)
    folder = tmp_path / "posts"
    posts = distinct_posts(folder, count, None if STRESS else SMALL)
    template = tmp_path / "template"
    edited = archive_some_then_edit_one(posts, max(2, count // 3), template)
    files = sum(1 for p in folder.rglob("*") if p.suffix in (".md", ".html"))
    moments = [(rng.randrange(files), rng.uniform(0.0, 0.3)) for _ in range(kills)]

    recovered, failures, mid_commit, finished = 0, [], 0, 0
    for first in range(0, kills, 4):  # four killed runs at a time, each on its own archive
        batch = range(first, min(first + 4, kills))
        for round_ in batch:
            shutil.copytree(template, tmp_path / f"archive-{round_}")
        with ThreadPoolExecutor(len(batch)) as pool:
            killed = list(pool.map(lambda r: kill_at_random(
                archiver_argv("ingest", folder, "--archive", tmp_path / f"archive-{r}",
                              "--no-fetch", "--json", "--quiet"), tmp_path, *moments[r]), batch))
        finished += killed.count(False)
        for round_ in batch:
            root = tmp_path / f"archive-{round_}"
            mid_commit += bool(leftovers(root))
            problem = check_recovered(root, posts, folder)
            if problem is None and heads_and_records(root)[edited][0] != "v2":
                problem = "the edited post has no new version"
            if problem is None:
                recovered += 1
            else:
                after, delay = moments[round_]
                failures.append(f"round {round_} (seed {SEED}, killed after {after} posts + "
                                f"{delay:.2f} s): {problem}")
            shutil.rmtree(root)

    report_figure(figure, "kills", f"{recovered}/{kills} random kills over {count} posts "
                                   f"recovered, {len(failures)} corrupt ({mid_commit} hit a "
                                   f"commit, {finished} came after the end)")
    assert not failures, failures


# ---------------------------------------------------------------------------------------------
# 2. SIGKILL at every file-system step of a run, a forked process


def run_killed(folder: Path, config, kill_at: int) -> bool:
    """Ingest ``folder`` in a forked child that SIGKILLs itself at step ``kill_at``; whether
    it was killed (False: the run ended first)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            Steps(kill_at).install(setattr)
            ingest_paths([folder], config)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0, "the child ingest failed without being killed"
    return False


def test_an_ingest_killed_at_every_write_step_loses_nothing(tmp_path, monkeypatch, figure):
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # see the module docstring
    monkeypatch.setattr(durable, "_syncfs", None)  # and syncfs with it
    rng = random.Random(SEED)
    folder = tmp_path / "posts"
    posts = distinct_posts(folder, 4, SMALL)
    template = tmp_path / "template"
    archive_some_then_edit_one(posts, 1, template)
    config = load_config({}, tmp_path).with_overrides(fetch=False)

    reference = tmp_path / "reference"  # an uninterrupted run, counting its steps
    shutil.copytree(template, reference)
    steps = Steps()
    with monkeypatch.context() as patch:
        steps.install(patch.setattr)
        ingest_paths([folder], config.with_overrides(archive=reference))
    expected = heads_and_records(reference)
    assert set(expected) == set(posts) and "v2" in {h for h, _ in expected.values()}

    chosen = range(1, steps.count + 1) if STRESS else sorted(
        rng.sample(range(1, steps.count + 1), 6))
    failures = []
    for kill_at in chosen:
        root = tmp_path / f"archive-{kill_at}"
        shutil.copytree(template, root)
        config_here = config.with_overrides(archive=root)
        assert run_killed(folder, config_here, kill_at)
        run_killed(folder, config_here, rng.randrange(1, steps.count))  # killed recovering
        problem = check_recovered(root, posts, folder)
        if problem is None and heads_and_records(root) != expected:
            problem = "the archive differs from what an uninterrupted run makes"
        if problem:
            failures.append(f"killed at step {kill_at}/{steps.count} (seed {SEED}): {problem}")
        shutil.rmtree(root)

    report_figure(figure, "steps", f"{len(chosen) - len(failures)}/{len(chosen)} kills at "
                                   f"write steps (of {steps.count}) recovered")
    assert not failures, failures


# ---------------------------------------------------------------------------------------------
# 3. the moments that once lost data, one by one (each of these failed before its fix)


class Crash(Exception):
    """Stops a write at a chosen point, in-process (what SIGKILL leaves is the same)."""


def test_an_archive_killed_while_being_created_is_finished_by_the_next_run(tmp_path,
                                                                          monkeypatch):
    """Killed before the declaration: the folder is not an archive yet ("no archive here
    yet", exit 2, for a reader), and the next run finishes creating it instead of refusing
    it as somebody else's folder."""
    root = tmp_path / "archive"
    real = durable.atomic_write

    def atomic_write(path, data, **kwargs):
        if path.name == "0=ocfl_1.1":
            raise Crash
        real(path, data, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(durable, "atomic_write", atomic_write)
        with pytest.raises(Crash):
            store.Archive.open(root, create=True)
    assert (root / "ocfl_layout.json").is_file() and not (root / "0=ocfl_1.1").exists()
    assert fsck_json(root)[0] == 2
    post = WECHAT / "markdown" / "mp_duty__白话孟德尔随机化.md"
    assert cli("ingest", post, "--archive", root, "--no-fetch").exit_code == 0
    assert fsck_json(root)[0] == 0 and ocfl_py_verdict(root)[0]


def test_a_kill_before_the_root_inventory_is_renamed_leaves_no_stray_file_in_the_object(
        tmp_path, monkeypatch):
    """The root inventory is written to a temporary file, then renamed over the old one. The
    temporary file lives in the commit's staging folder, never in the object, where OCFL
    allows no other file: recovery removes it with the staging folder."""
    root = tmp_path / "archive"
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 一\nurl: https://mp.weixin.qq.com/s/StrayTempFile01\n---\n\n"
                    "第一版。\n", encoding="utf-8")
    config = load_config({}, tmp_path).with_overrides(archive=root, fetch=False)
    ingest_paths([post], config)
    post.write_text(post.read_text(encoding="utf-8").replace("第一版", "第二版"),
                    encoding="utf-8")
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == "inventory.json" and "extensions" not in Path(dst).parts:
            raise Crash  # the temporary file is written, not yet renamed
        return real_replace(src, dst, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", replace)
        with pytest.raises(Crash):
            ingest_paths([post], config)
    code, report = fsck_json(root)  # recovery rolls the commit forward
    assert code == 0, report
    assert leftovers(root) == []
    assert ocfl_py_verdict(root)[0]
    [(head, _)] = heads_and_records(root).values()
    assert head == "v2"


def test_a_kill_before_the_index_is_written_leaves_no_stale_list(tmp_path, monkeypatch):
    """The list index is written once, at the end of a run. A run killed after some commits
    leaves it behind the objects; a mark written before the first commit says so, and the
    index is rebuilt (by readers, and by the next run, which writes it back)."""
    root = tmp_path / "archive"
    folder = tmp_path / "posts"
    posts = distinct_posts(folder, 3, SMALL[2:5])
    config = load_config({}, tmp_path).with_overrides(archive=root, fetch=False)
    first = sorted(posts.values())[:1]
    ingest_paths(first, config)  # the index exists, and knows one post
    with monkeypatch.context() as patch:  # the run is killed before its index is written
        patch.setattr("archiver.pipeline._Run.flush", lambda self: None)
        ingest_paths([folder], config)
    heads = {oid: head for oid, (head, _) in heads_and_records(root).items()}
    assert set(heads) == set(posts)
    assert listed_heads(root) == heads  # a reader rebuilds
    assert cli("ingest", folder, "--archive", root, "--no-fetch").exit_code == 0
    assert listed_heads(root) == heads
    assert not (root / "extensions" / "archiver-index" / "index.stale").exists()


def test_a_new_version_from_verify_is_listed(tmp_path):
    """``archiver verify`` keeps results in the post's object as a new version: the list
    shows that version, not the one before."""
    from archiver.citations.verify import CitationResult
    from archiver.store import Archive
    from archiver.verified import store_citations

    root = tmp_path / "archive"
    post = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
    assert cli("ingest", post, "--archive", root, "--no-fetch").exit_code == 0
    archive = Archive.open(root)
    [object_id] = archive.object_ids()
    with archive.writer():
        version = store_citations(archive, object_id, [CitationResult(
            "10.1093/ia/iiaa061", "10.1093/ia/iiaa061", "not_found",
            reason="SYNTHETIC: Crossref has no record of this DOI (404)")])
    assert version == "v2"
    assert listed_heads(root) == {object_id: "v2"}
