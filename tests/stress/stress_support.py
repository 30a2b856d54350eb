"""What the stress tests share: sizes, a corpus of distinct real posts, the CLI, independent
judges of an archive (``archiver fsck`` and ocfl-py).

Sizes: every stress test has a fast version, run by ``make test``, and a full one, run when
``ARCHIVER_STRESS=1`` (``make stress``). Randomness is always seeded (``ARCHIVER_STRESS_SEED``
overrides the seed, to explore; a failure message names the seed to reproduce it).
"""

from __future__ import annotations

import json
import logging
import os
import pathlib
import shutil
import signal
from collections.abc import Sequence
from pathlib import Path

import ocfl
from typer.testing import CliRunner

from archiver.cli import app
from archiver.config import load_config
from archiver.pipeline import prepare_all
from archiver.store import durable

from conftest import FIXTURES, WECHAT

STRESS = os.environ.get("ARCHIVER_STRESS") == "1"
SEED = int(os.environ.get("ARCHIVER_STRESS_SEED", "20240501"))
CONTAINERS = FIXTURES / "containers"


def sized(fast: int, full: int) -> int:
    """``fast`` in ``make test``, ``full`` under ``make stress``."""
    return full if STRESS else fast


def cli(*args: object, env: dict[str, str] | None = None):
    """Run the command line in-process (the Typer app, as the entry point does)."""
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def archiver_argv(*args: object) -> list[str]:
    """The command line of a separate ``archiver`` process (the package's __main__)."""
    import sys
    return [sys.executable, "-m", "archiver", *(str(a) for a in args)]


def child_env() -> dict[str, str]:
    """The environment of an ``archiver`` child process: no ARCHIVER_* settings leak in."""
    return {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVER_")}


# -- judges --------------------------------------------------------------------------------


def fsck_json(root: Path) -> tuple[int, dict]:
    """``archiver fsck --json``: (exit code, report)."""
    result = cli("fsck", "--archive", root, "--json")
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = {"ok": False, "problems": [{"path": str(root), "message": result.stderr}]}
    return result.exit_code, report


def ocfl_py_verdict(root: Path) -> tuple[bool, str]:
    """ocfl-py, an independent implementation, on the whole storage root: (valid, why not).
    ``validate()`` alone returns True when only objects are invalid: the counts decide."""
    logging.getLogger().setLevel(logging.WARNING)
    store = ocfl.StorageRoot(root=str(root))
    valid = store.validate()
    ok = bool(valid) and store.num_objects == store.good_objects
    return ok, "" if ok else f"{store.num_objects - store.good_objects} bad object(s): {store.log}"


def leftovers(root: Path) -> list[str]:
    """Traces of an interrupted write that recovery must have removed: staged commits and
    temporary files anywhere in the archive (the lock file itself stays)."""
    found = []
    staging = root / "extensions" / "archiver-staging"
    if staging.is_dir():
        found += [f"staging/{p.name}" for p in staging.iterdir()]
    found += [p.relative_to(root).as_posix() for p in root.rglob("*.tmp")]
    return found


def heads_and_records(root: Path) -> dict[str, tuple[str, bytes]]:
    """Every object id → (head version, bytes of record.json at the head)."""
    from archiver.store import Archive
    archive = Archive.open(root)
    return {oid: (archive.head(oid), archive.read_bytes(oid, "record.json"))
            for oid in archive.object_ids()}


def listed_heads(root: Path) -> dict[str, str]:
    """What ``archiver list --json`` says: id → head."""
    result = cli("list", "--archive", root, "--json")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.split("\n") if line]  # not splitlines:
    return {row["id"]: row["head"] for row in rows}  # a title may hold U+2028


# -- a corpus of distinct posts --------------------------------------------------------------

# Copies need a small edit to be other posts: each changes what identity rests on
# (record.py, identity_of) and nothing else a reader looks at.
def _distinct_copy(data: bytes, record: dict, k: int, suffix: str) -> bytes:
    basis, value = record["identity"]["basis"], record["identity"]["value"]
    if basis == "biz-mid-idx":  # another message id (mid) of the same account
        mid = value.split("/")[1]
        return data.replace(mid.encode(), str(int(mid) + 7919 * k).encode())
    if basis == "url-token":  # another short-URL token
        token = value.split("/", 1)[1]
        return data.replace(token.encode(), (token[:-3] + f"x{k:02d}").encode())
    if basis == "account-date-title":  # another title
        title = record["title"]
        return data.replace(title.encode(), f"{title}（副本{k}）".encode())
    # identity from the text (fragments, error pages): another paragraph
    marker = f"副本 {k}".encode()
    return data + (b"\n\n" + marker + b"\n" if suffix == ".md" else b"<p>" + marker + b"</p>")


def corpus_files() -> list[Path]:
    """Every saved post of the corpus (tests/fixtures/wechat), in a fixed order."""
    return sorted(p for p in WECHAT.rglob("*")
                  if p.is_file() and p.suffix in (".md", ".html") and p.name != "LABELS.md"
                  and "images" not in p.parts)


def distinct_posts(dest: Path, count: int, sources: Sequence[Path] | None = None
                   ) -> dict[str, Path]:
    """``count`` distinct posts (distinct object ids) under ``dest``: real corpus posts first
    (another save of a post already taken comes along too: the same object), then copies
    of them with a small edit that changes their identity (a message id, short-URL token,
    title or paragraph; see ``_distinct_copy``). A post keeps its folder, so the images
    beside it are found. Returns object id → file."""
    config = load_config({}, dest).with_overrides(fetch=False)
    posts: dict[str, Path] = {}
    records: dict[Path, dict] = {}
    for source in sources or corpus_files():
        if len(posts) >= count:
            break
        record = prepare_all(source, config, validate=False)[0].record
        target = dest / source.relative_to(WECHAT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        images = source.parent.parent / "images"  # a post's image folder travels with it
        if images.is_dir() and not (target.parent.parent / "images").exists():
            shutil.copytree(images, target.parent.parent / "images")
        records[target] = record
        posts.setdefault(record["id"], target)
    k = 0
    while len(posts) < count:
        k += 1
        for original, record in records.items():
            if len(posts) >= count:
                break
            copy = original.with_name(f"{original.stem}.copy{k}{original.suffix}")
            copy.write_bytes(_distinct_copy(original.read_bytes(), record, k, original.suffix))
            object_id = prepare_all(copy, config, validate=False)[0].object_id
            if object_id in posts:  # two saves of one post, edited alike: one is enough
                copy.unlink()
                continue
            posts[object_id] = copy
    return posts


# -- every file-system step of a writer --------------------------------------------------------


class Steps:
    """Counts this process's file-system steps (a file written, or half written; a folder made,
    renamed, synced, removed) and, at step ``at``, sends itself ``signal`` (SIGKILL: a crash
    there; SIGSTOP: a writer frozen there, for readers to look at)."""

    def __init__(self, at: int | None = None, signal_: int = signal.SIGKILL):
        self.at = at
        self.signal = signal_
        self.count = 0

    def step(self) -> None:
        self.count += 1
        if self.count == self.at:
            os.kill(os.getpid(), self.signal)

    def install(self, patch) -> None:
        """Wrap the store's writing primitives with ``patch(owner, name, value)``
        (monkeypatch.setattr, or setattr in a forked child)."""
        def counted(function):
            def wrapper(*args, **kwargs):
                self.step()
                return function(*args, **kwargs)
            return wrapper

        def write_file(path, data, durable=True):
            self.step()
            with open(path, "wb") as handle:
                handle.write(data[: len(data) // 2])
                handle.flush()
                self.step()
                handle.write(data[len(data) // 2:])
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())

        patch(durable, "write_file", write_file)
        patch(durable, "fsync_path", counted(durable.fsync_path))
        patch(durable, "sync_tree", counted(durable.sync_tree))
        for owner, name in ((os, "replace"), (os, "rename"), (shutil, "rmtree"),
                            (pathlib.Path, "mkdir"), (pathlib.Path, "unlink"),
                            (pathlib.Path, "rmdir")):
            patch(owner, name, counted(getattr(owner, name)))
