"""The library as a program using it meets it: its public names as type checkers see them, the
mistakes a caller makes told as ``ArchiverError``s, and its writer lock where one call is made
inside another.

Specified here: every name ``archiver`` exports is imported for type checkers (the package
loads them lazily, which hid every hint: all were ``Any``) and listed by ``dir()``; a path,
config or archive of the wrong type is a ``UsageError`` naming the argument, not a
``TypeError``/``AttributeError`` from deep inside; ``load_config`` with its own environment
reads no other (the cache's default too); a write asked for inside another's callback on the
same archive fails at once instead of waiting for itself; ``verify_posts(wait=True)`` waits for
another writer to keep its results; a post is found by its id, a prefix or its address, and
two versions' difference is data, as the commands find and show them.
"""

from __future__ import annotations

import ast
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import archiver
from archiver import Archive, ArchiverError, export_archive, ingest_paths, load_config
from archiver.config import Config
from archiver.errors import ArchiveBusy, ArchiveError, NotFound, UsageError

from conftest import WECHAT

SEED = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"


def _config(tmp_path: Path) -> Config:
    return load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)


def test_every_public_name_is_imported_for_type_checkers_and_listed():
    """Each name of ``__all__`` is imported under ``TYPE_CHECKING`` (a type checker then sees
    the function or class, not the lazy ``__getattr__``'s ``object``), from the module that
    defines it at run time, and ``dir(archiver)`` lists it."""
    tree = ast.parse(Path(archiver.__file__).read_text(encoding="utf-8"))
    guarded = next(node for node in tree.body if isinstance(node, ast.If)
                   and ast.unparse(node.test) == "TYPE_CHECKING")
    imported = {alias.name: node.module for node in guarded.body
                if isinstance(node, ast.ImportFrom) for alias in node.names}
    public = set(archiver.__all__) - {"__version__"}
    assert set(imported) == public
    for name, module in imported.items():
        assert getattr(archiver, name).__module__.startswith(module), name
    assert public <= set(dir(archiver))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        archiver.nothing  # noqa: B018


def test_any_path_like_is_a_path(tmp_path):
    """``os.DirEntry`` (from ``os.scandir``) and ``PurePosixPath`` are paths too."""
    import os
    from pathlib import PurePosixPath
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "post.md").write_bytes(SEED.read_bytes())
    [entry] = list(os.scandir(folder))
    [by_entry] = ingest_paths([entry], _config(tmp_path))
    [by_pure] = ingest_paths(PurePosixPath(folder / "post.md"), _config(tmp_path))
    assert (by_entry.status, by_pure.status) == ("added", "unchanged")


@pytest.mark.parametrize("paths", [None, 42, b"post.md", [b"post.md"], [Path("a"), 3]])
def test_paths_that_are_no_paths_are_a_usage_error(tmp_path, paths):
    with pytest.raises(UsageError, match="paths"):
        ingest_paths(paths, _config(tmp_path))
    assert not (tmp_path / "archive").exists()


@pytest.mark.parametrize(("config", "jobs", "says"), [
    ("not a config", 1, "config: a Config"), (None, 1, "config: a Config"),
    (..., "2", "jobs"), (..., 0, "jobs"), (..., True, "jobs")])
def test_a_config_or_jobs_of_the_wrong_kind_is_a_usage_error(tmp_path, config, jobs, says):
    with pytest.raises(UsageError, match=says):
        ingest_paths([SEED], _config(tmp_path) if config is ... else config, jobs=jobs)


def test_an_archive_given_as_a_path_to_export_or_verify_is_a_usage_error(tmp_path):
    from archiver import verify_posts
    config = _config(tmp_path)
    ingest_paths([SEED], config)
    for call in (lambda: export_archive(config.archive, "bibtex"),
                 lambda: verify_posts(config.archive, config, offline=True)):
        with pytest.raises(UsageError, match=r"archive: an Archive \(Archive.open"):
            call()


def test_the_config_takes_a_string_folder_and_refuses_a_setting_it_has_not(tmp_path):
    assert load_config({}, str(tmp_path)).archive == Path("archive")
    assert Config(archive=str(tmp_path / "a")).archive == tmp_path / "a"
    with pytest.raises(UsageError, match="no such setting: archiv") as refused:
        Config().with_overrides(archiv=tmp_path)
    assert "archive" in (refused.value.hint or "")


def test_the_cache_default_comes_from_the_environment_given_not_the_processs(tmp_path,
                                                                            monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "process"))
    given = load_config({"XDG_CACHE_HOME": str(tmp_path / "given")}, tmp_path)
    assert given.cache_dir == tmp_path / "given" / "archiver"
    assert load_config({"HOME": str(tmp_path / "home")}, tmp_path).cache_dir == \
        tmp_path / "home" / ".cache" / "archiver"
    # an environment without either: the home folder's, never the process's XDG_CACHE_HOME
    assert load_config({}, tmp_path).cache_dir == Path.home() / ".cache" / "archiver"
    # a relative XDG_CACHE_HOME is invalid (XDG) and ignored
    assert load_config({"XDG_CACHE_HOME": "rel", "HOME": str(tmp_path)}, tmp_path).cache_dir \
        == tmp_path / ".cache" / "archiver"
    assert load_config(None, tmp_path).cache_dir is None  # the process's, as ever, when used


@pytest.mark.parametrize("wait", [False, True])
def test_an_ingest_asked_for_inside_anothers_callback_fails_at_once(tmp_path, wait):
    """flock keeps out a second lock even in the process holding the first: an ingest from an
    ``on_result`` callback into the same archive waited for itself for ever with ``wait``."""
    config = _config(tmp_path)
    other = tmp_path / "other.md"
    other.write_text("---\ntitle: 另一篇\nurl: https://mp.weixin.qq.com/s/AnotherPostNested01\n"
                     "---\n\n正文。\n", encoding="utf-8")
    inner: list[BaseException] = []

    def again(_result: object) -> None:
        try:
            ingest_paths([other], config, wait=wait)
        except ArchiverError as exc:
            inner.append(exc)

    done = threading.Event()
    worker = threading.Thread(target=lambda: (ingest_paths([SEED], config, on_result=again),
                                              done.set()), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert done.is_set(), "the nested ingest waited for its own lock"
    [refused] = inner
    assert isinstance(refused, ArchiveBusy)
    assert "this thread is writing to this archive already" in refused.message
    assert [v.number for v in Archive.open(config.archive).versions(
        next(iter(Archive.open(config.archive).object_ids())))] == ["v1"]


@contextmanager
def _a_post_citing_a_doi_crossref_does_not_know(tmp_path: Path) -> Iterator[Config]:
    """An archive of one post citing the seed's DOI, and the configuration of a local
    Crossref that serves the recorded responses (which do not know it: "not_found" is an
    outcome to keep), for as long as the block runs."""
    from crossref_server import CrossrefServer
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 文献\nurl: https://mp.weixin.qq.com/s/LibraryCitesAnUnknown1\n"
                    "---\n\n正文。\n\n参考文献\n\n1. Vanderhill R. Between the bear and the "
                    "dragon. Int Aff. 2020;96(4):975-993. doi:10.1093/ia/iiaa061\n",
                    encoding="utf-8")
    with CrossrefServer() as server:
        config = _config(tmp_path).with_overrides(crossref_url=server.url,
                                                  cache_dir=tmp_path / "cache")
        ingest_paths([post], config)
        yield config


def test_verify_posts_waits_for_another_writer_when_told_to(tmp_path, another_writer):
    """Keeping the results takes the writer lock: held by another writer (another thread
    here, as an ingest's), ``verify_posts`` raised ArchiveBusy, its checking lost; with
    ``wait`` it waits for the lock and keeps them. (Crossref: the recorded responses, served
    locally, which do not know the DOI: a "not_found" is an outcome to keep, where one that
    learnt nothing, all unresolved, would take no lock.)"""
    from archiver import verify_posts

    with _a_post_citing_a_doi_crossref_does_not_know(tmp_path) as config:
        archive = Archive.open(config.archive)
        release, holder = another_writer(config.archive)
        with pytest.raises(ArchiveBusy, match="another archiver process is writing"):
            verify_posts(archive, config)
        threading.Timer(0.5, release.set).start()
        started = time.monotonic()
        results = verify_posts(archive, config, wait=True)
    assert time.monotonic() - started >= 0.4  # it waited for the lock
    assert [r.status for rs in results.values() for r in rs] == ["not_found"]
    [object_id] = archive.object_ids()
    assert "citations.json" in archive.versions(object_id)[-1].state  # kept
    holder.join(30)


def test_verify_posts_with_nothing_new_to_keep_is_not_refused_by_another_writer(
        tmp_path, another_writer):
    """A verification whose outcome is the one kept has nothing to write: another writer
    holding the lock (another thread here, as an ingest's) neither refuses it nor makes it
    wait, and nothing is written. (Crossref: the recorded responses, served locally.)"""
    from archiver import verify_posts

    with _a_post_citing_a_doi_crossref_does_not_know(tmp_path) as config:
        archive = Archive.open(config.archive)
        first = verify_posts(archive, config)
        [object_id] = archive.object_ids()
        versions = [v.number for v in archive.versions(object_id)]
        release, holder = another_writer(config.archive)
        started = time.monotonic()
        try:
            again = verify_posts(archive, config, wait=True)  # (not for the lock: it needs none)
        finally:
            waited = time.monotonic() - started
            release.set()
            holder.join(30)
    assert waited < 20  # the holder lets go after 30 s, or when the run is done
    assert [r.status for r in again[object_id]] == [r.status for r in first[object_id]] \
        == ["not_found"]
    assert [v.number for v in archive.versions(object_id)] == versions == ["v1", "v2"]


@pytest.mark.parametrize("wait", [False, True])
def test_a_post_changed_since_it_was_read_leaves_the_lock_refusal_as_the_answer(
        tmp_path, wait, another_writer):
    """Whether a post has nothing new to keep cannot be told without the lock when it was
    changed since its citations were read (its record's digest is not the one read here):
    another writer holding the lock refuses the run, or, with ``wait``, the run waits for it
    and says the post changed. (Crossref: the recorded responses, served locally.)"""
    from archiver import verify_posts
    from archiver.verified import keep_results

    with _a_post_citing_a_doi_crossref_does_not_know(tmp_path) as config:
        archive = Archive.open(config.archive)
        results = verify_posts(archive, config)
    read = {object_id: "not the digest of its record" for object_id in results}
    release, holder = another_writer(config.archive)
    changed: list[str] = []
    try:
        if wait:
            threading.Timer(0.5, release.set).start()
            started = time.monotonic()
            keep_results(archive, results, read=read, wait=True,
                         on_changed=lambda post, error: changed.append(post))
            assert time.monotonic() - started >= 0.4  # it waited for the lock
            assert changed == list(results)
        else:
            with pytest.raises(ArchiveBusy):
                keep_results(archive, results, read=read)
    finally:
        release.set()
        holder.join(30)


def test_another_versions_storage_root_is_not_called_a_damaged_one(tmp_path):
    """An OCFL 1.0 root (another tool's) has a layout and extensions too: it is said to be
    another version's, never told to get a second declaration."""
    config = _config(tmp_path)
    ingest_paths([SEED], config)
    (config.archive / "0=ocfl_1.1").rename(config.archive / "0=ocfl_1.0")
    with pytest.raises(ArchiveError, match="another version") as err:
        Archive.open(config.archive)
    assert "damaged" not in err.value.message and "echo" not in (err.value.hint or "")


def test_a_storage_root_whose_declaration_is_gone_is_said_damaged_with_its_remedy(tmp_path):
    config = _config(tmp_path)
    ingest_paths([SEED], config)
    (config.archive / "0=ocfl_1.1").unlink()
    with pytest.raises(ArchiveError, match="declaration 0=ocfl_1.1 is missing: damaged") as err:
        Archive.open(config.archive)
    assert "echo ocfl_1.1 >" in (err.value.hint or "")
    (config.archive / "0=ocfl_1.1").write_text("ocfl_1.1\n", encoding="utf-8")
    assert Archive.open(config.archive).fsck().problems == []


def _two_posts(tmp_path: Path) -> tuple[Archive, str, str]:
    """An archive of two posts, the first edited once (two versions): their ids."""
    config = _config(tmp_path)
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    second.write_text("---\ntitle: 第二篇\nurl: https://mp.weixin.qq.com/s/SecondPostToken0001\n"
                      "---\n\n另一篇的正文。\n", encoding="utf-8")
    ids = []
    for body in ("第一篇的正文。", "第一篇的正文，改过一次。"):
        first.write_text("---\ntitle: 第一篇\nurl: https://mp.weixin.qq.com/s/FirstPostToken00001"
                         f"\n---\n\n{body}\n", encoding="utf-8")
        ids = [r.object_id for r in ingest_paths([first, second], config)]
    return Archive.open(config.archive), ids[0], ids[1]


def test_a_post_is_found_by_its_id_a_prefix_or_its_address(tmp_path):
    """``find_post`` is the commands' lookup: a full id, the start of one with or without
    ``wx:``, or the address a reader copies from the post."""
    archive, first, second = _two_posts(tmp_path)
    assert archiver.find_post(archive, first) == first
    assert archiver.find_post(archive, first[:len("wx:s/First")]) == first
    assert archiver.find_post(archive, first.removeprefix("wx:")[:8]) == first
    assert archiver.find_post(
        archive, "https://mp.weixin.qq.com/s/SecondPostToken0001") == second


@pytest.mark.parametrize(("given", "error", "says"), [
    ("wx:", UsageError, "matches 2 posts"),
    ("wx:nothing", NotFound, "no post with id 'wx:nothing'"),
    ("https://mp.weixin.qq.com/s/NeverArchivedToken01", NotFound, "no post archived from"),
    ("", UsageError, "an empty post id"),
    (3, UsageError, "not int 3"),
])
def test_a_post_not_found_or_named_twice_is_said(tmp_path, given, error, says):
    archive, _first, _second = _two_posts(tmp_path)
    with pytest.raises(error, match=says):
        archiver.find_post(archive, given)


def test_the_diff_of_two_versions_is_data(tmp_path):
    """``diff_versions`` gives what ``archiver diff --json`` prints: the last change by
    default; versions named ``v1``, ``1`` or the number 1 alike."""
    archive, first, _second = _two_posts(tmp_path)
    change = archiver.diff_versions(archive, first)
    assert (change["from"], change["to"], change["same_record"]) == ("v1", "v2", False)
    assert "-第一篇的正文。" in change["body"] and "+第一篇的正文，改过一次。" in change["body"]
    assert "record.json" in change["files"]["changed"]
    assert archiver.diff_versions(archive, first, 1, 2) == change
    assert archiver.diff_versions(archive, first, "1") == change


def test_a_diff_without_two_versions_to_compare_is_said(tmp_path):
    archive, first, second = _two_posts(tmp_path)
    with pytest.raises(UsageError, match="has one version"):
        archiver.diff_versions(archive, second)
    with pytest.raises(NotFound, match="has no version 'v9'"):
        archiver.diff_versions(archive, first, "v9")
    with pytest.raises(UsageError, match="not float 1.5"):
        archiver.diff_versions(archive, first, 1.5)
    with pytest.raises(UsageError, match="v1 is its first version"):
        archiver.diff_versions(archive, first, new="v1")


def test_the_version_before_the_one_named_is_its_diffs_other_side(tmp_path):
    """``new`` alone is compared with the version before it (it was ignored: the last
    change came back whatever was asked)."""
    archive, first, _second = _two_posts(tmp_path)
    (tmp_path / "first.md").write_text(
        "---\ntitle: 第一篇\nurl: https://mp.weixin.qq.com/s/FirstPostToken00001\n---\n\n"
        "第一篇的正文，改过两次。\n", encoding="utf-8")
    ingest_paths([tmp_path / "first.md"], _config(tmp_path))
    change = archiver.diff_versions(archive, first, new="v2")
    assert (change["from"], change["to"]) == ("v1", "v2")
    assert "+第一篇的正文，改过一次。" in change["body"]
    assert archiver.diff_versions(archive, first, new=2) == change
    assert archiver.diff_versions(archive, first)["from"] == "v2"


@pytest.mark.parametrize("call", [
    lambda folder, post: archiver.find_post(folder, post),
    lambda folder, post: archiver.diff_versions(folder, post),
    lambda folder, post: archiver.diff_versions(str(folder), post),
])
def test_a_folder_given_for_the_archive_to_find_or_diff_is_a_usage_error(tmp_path, call):
    archive, first, _second = _two_posts(tmp_path)
    with pytest.raises(UsageError, match=r"archive: an Archive \(Archive.open\(folder\)\)"):
        call(archive.root, first)


def test_a_post_id_or_a_rebuilding_of_the_wrong_kind_is_a_usage_error(tmp_path):
    archive, _first, _second = _two_posts(tmp_path)
    with pytest.raises(UsageError, match="object_id: a post's full id"):
        archiver.diff_versions(archive, None)
    with pytest.raises(UsageError, match="rebuilding: a function"):
        archiver.find_post(archive, "wx:", rebuilding="x")
