"""Specification of :mod:`archiver.store`, the archive's OCFL 1.1 storage root.

Each section states one promise the store makes and checks it against the files on disk:

1. Opening: an archive is created only where asked, and never over a folder that is not one.
2. A new archive is a valid OCFL 1.1 storage root (checked independently with ocfl-py).
3. Objects live where storage layout extension 0003 puts them (cross-checked with ocfl-py).
4. Content is deduplicated: a version stores only bytes the object does not already hold.
5. Versions are immutable: a later commit never changes an earlier version.
6. Unsafe logical paths are refused before anything is written.
7. fsck notices damage to any file of an object: one flipped byte, or a missing file.
8. One writer at a time: a second writer gets ``ArchiveBusy`` (exit 5) or waits if asked.
9. Crash safety: recovery discards a commit that was not yet complete and finishes one that
   was, wherever the crash hit.
10. ``fsck_object`` against the official OCFL 1.1 conformance fixtures (tests/fixtures/ocfl).
11. A version added to an object another tool made keeps the object valid: its sha256
    digests are moved to sha512, its content directory and zero-padded version names kept.

Several tests here first demonstrated real defects of the store (a stale sidecar after a crash,
case-sensitive digests, objects without a declaration, paths used as file and folder, …);
they now guard the fixes.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import ocfl
import pytest
from ocfl.layout_0003_hash_and_id_n_tuple import Layout_0003_Hash_And_Id_N_Tuple
from ocfl.validator import Validator

import archiver
import archiver.store as store
import archiver.store.archive as store_archive
from archiver.canonical import dumps
from archiver.errors import (
    ArchiveBusy,
    ArchiveError,
    DamagedObject,
    ExitCode,
    NotFound,
    UnfinishedCommit,
)
from archiver.store import Archive, Change, FsckReport, durable, object_root_for
from archiver.store.layout import sidecar_of

CREATED = "2024-05-01T08:00:00Z"
USER = {"name": "Archive Tester", "address": "mailto:tester@example.org"}
OID = "wechat:post-1"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))  # not text: bytes must survive unchanged


# ---------------------------------------------------------------------------------------------
# helpers


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return Archive.open(tmp_path / "archive", create=True)


def commit(archive: Archive, object_id: str, files: dict[str, bytes], message: str = "test"):
    """Commit one version under the writer lock, as the pipeline does."""
    with archive.writer():
        return archive.commit(object_id, files, message, created=CREATED, user=USER)


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder``, as relative '/'-path → bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def everything_under(folder: Path) -> dict[str, bytes | None]:
    """Files (→ bytes) and directories (→ None) below ``folder``: a full picture of the disk."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def storage_hierarchy(root: Path) -> dict[str, bytes | None]:
    """What readers see: everything in the storage root except the extensions folder."""
    return {k: v for k, v in everything_under(root).items()
            if k != "extensions" and not k.startswith("extensions/")}


def staging_dirs(root: Path) -> list[Path]:
    area = root / "extensions" / "archiver-staging"
    return sorted(area.iterdir()) if area.is_dir() else []


def assert_valid_ocfl(root: Path, objects: int) -> None:
    """ocfl-py, an independent implementation, accepts the storage root and every object.

    ``validate()`` alone is not enough: it returns True when only objects are invalid, so the
    object counts are checked too. Warnings are not errors and are not reported here."""
    sr = ocfl.StorageRoot(root=str(root))
    valid = sr.validate()
    assert valid, f"storage root invalid: {sr.log}"
    assert (sr.num_objects, sr.good_objects) == (objects, objects), sr.errors


def sidecar_partner(rel: str) -> str:
    """An inventory and its digest sidecar check each other: a mismatch can be reported at
    either of the two, since nothing says which one changed."""
    if rel.endswith("inventory.json"):
        return rel + ".sha512"
    if rel.endswith("inventory.json.sha512"):
        return rel[: -len(".sha512")]
    return rel


class SimulatedCrash(Exception):
    """Raised by a patched store function to stop a commit at a chosen point."""


# ---------------------------------------------------------------------------------------------
# 1. opening and creating


def test_create_writes_declaration_layout_file_and_layout_config(tmp_path: Path) -> None:
    root = tmp_path / "new" / "archive"
    Archive.open(root, create=True)

    assert (root / "0=ocfl_1.1").read_bytes() == b"ocfl_1.1\n"
    layout = json.loads((root / "ocfl_layout.json").read_bytes())
    assert layout["extension"] == "0003-hash-and-id-n-tuple-storage-layout"
    assert isinstance(layout["description"], str) and layout["description"]
    config = root / "extensions" / "0003-hash-and-id-n-tuple-storage-layout" / "config.json"
    assert json.loads(config.read_bytes()) == {
        "extensionName": "0003-hash-and-id-n-tuple-storage-layout",
        "digestAlgorithm": "sha256", "tupleSize": 3, "numberOfTuples": 3}
    assert_valid_ocfl(root, objects=0)


def test_creating_an_archive_removes_a_crashed_runs_temporary_files_not_a_running_ones(
        tmp_path: Path) -> None:
    """Two first runs at once: each created the root and removed every temporary file in it,
    the other's too, mid-write ("cannot create an archive here"). Only old ones go."""
    import os
    import time
    root = tmp_path / "archive"
    root.mkdir()
    old = root / f".ocfl_layout.json.{'c' * 32}.tmp"  # as durable.atomic_write names them
    fresh = root / f".ocfl_layout.json.{'f' * 32}.tmp"
    old.write_bytes(b"{")
    fresh.write_bytes(b"{")
    long_ago = time.time() - 3600
    os.utime(old, (long_ago, long_ago))
    Archive.open(root, create=True)
    assert not old.exists() and fresh.exists()


def test_a_writer_removes_what_a_crash_left_of_the_archive_s_creation(tmp_path: Path) -> None:
    """A kill while the archive was being created, just before a rename, leaves the
    declaration's (or the layout's) temporary file; the next run finished the archive and
    kept the file for ever, and fsck never named it. A writer now removes such files once
    they are old enough not to be another first run's, mid-write; nothing else."""
    import os
    import time
    root = tmp_path / "archive"
    archive = Archive.open(root, create=True)
    layout = root / "extensions" / "0003-hash-and-id-n-tuple-storage-layout"
    old = [root / f".0=ocfl_1.1.{'a' * 32}.tmp", root / f".ocfl_layout.json.{'b' * 32}.tmp",
           layout / f".config.json.{'c' * 32}.tmp"]
    fresh = root / f".0=ocfl_1.1.{'d' * 32}.tmp"
    someone_s = root / ".notes.tmp"  # not a name archiver gives
    long_ago = time.time() - 3600
    for path in [*old, fresh, someone_s]:
        path.write_bytes(b"ocfl")
        if path is not fresh:
            os.utime(path, (long_ago, long_ago))
    with archive.writer():
        pass
    assert [path.exists() for path in old] == [False, False, False]
    assert fresh.exists() and someone_s.exists()


def test_an_existing_archive_opens_without_create_and_keeps_its_objects(archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"A"})
    declaration = (archive.root / "0=ocfl_1.1").stat().st_mtime_ns

    again = Archive.open(archive.root)
    assert again.object_ids() == [OID]
    Archive.open(archive.root, create=True)  # create on an archive is harmless
    assert (archive.root / "0=ocfl_1.1").stat().st_mtime_ns == declaration
    assert again.read_bytes(OID, "a.txt") == b"A"


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_no_archive_and_no_create_is_not_found(tmp_path: Path, make: str) -> None:
    root = tmp_path / "archive"
    if make == "empty":
        root.mkdir()
    with pytest.raises(NotFound) as caught:
        Archive.open(root)
    assert caught.value.path == str(root)
    assert not root.exists() if make == "missing" else list(root.iterdir()) == []


@pytest.mark.parametrize("create", [False, True], ids=["open", "create"])
def test_a_non_empty_folder_that_is_not_an_archive_is_refused(tmp_path: Path,
                                                             create: bool) -> None:
    root = tmp_path / "my-documents"
    root.mkdir()
    (root / "thesis.docx").write_bytes(b"precious")

    with pytest.raises(ArchiveError) as caught:
        Archive.open(root, create=create)
    assert not isinstance(caught.value, NotFound)
    assert caught.value.exit_code == ExitCode.ARCHIVE
    assert everything_under(root) == {"thesis.docx": b"precious"}  # nothing was added


def test_a_plain_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive"
    path.write_bytes(b"not a folder")
    with pytest.raises(ArchiveError):
        Archive.open(path, create=True)
    assert path.read_bytes() == b"not a folder"


# ---------------------------------------------------------------------------------------------
# 2. a new archive is a valid OCFL 1.1 storage root


def test_new_archive_with_two_objects_is_valid_ocfl_1_1(archive: Archive) -> None:
    commit(archive, OID, {"index.md": b"# v1\n", "img/1.png": PNG}, "first")
    commit(archive, OID, {"index.md": b"# v2\n", "img/1.png": PNG}, "second")
    commit(archive, "wechat:中文-post", {"source/中文.md": "中文正文\n".encode()})

    assert_valid_ocfl(archive.root, objects=2)
    assert archive.object_ids() == sorted([OID, "wechat:中文-post"])
    assert archive.read_bytes("wechat:中文-post", "source/中文.md") == "中文正文\n".encode()
    path = archive.content_path("wechat:中文-post", "source/中文.md")
    assert path == archive.object_path("wechat:中文-post") / "v1" / "content" / "source" / "中文.md"


def test_commit_reports_the_version_and_the_inventory_records_it(archive: Archive) -> None:
    first = commit(archive, OID, {"a.txt": b"A"}, "first")
    second = commit(archive, OID, {"a.txt": b"A2", "b.txt": b"B"}, "second")

    assert (first.version, first.new_object) == ("v1", True)
    assert (second.version, second.new_object) == ("v2", False)
    assert archive.head(OID) == "v2"
    v1, v2 = archive.versions(OID)
    assert (v1.number, v1.message, v1.created, v1.user) == ("v1", "first", CREATED, USER)
    assert v1.state == {"a.txt": hashlib.sha512(b"A").hexdigest()}
    assert v2.state == {"a.txt": hashlib.sha512(b"A2").hexdigest(),
                        "b.txt": hashlib.sha512(b"B").hexdigest()}



def test_commit_says_where_each_file_of_the_version_lies_deduplicated_bytes_included(
        archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"A", "b.txt": b"B"}, "first")
    second = commit(archive, OID, {"a.txt": b"A", "c.txt": b"C", "d.txt": b"C"}, "second")

    assert second.content == {"a.txt": "v1/content/a.txt", "c.txt": "v2/content/c.txt",
                              "d.txt": "v2/content/c.txt"}
    for logical, where in second.content.items():
        assert archive.content_path(OID, logical) == archive.object_path(OID) / where

def test_every_inventory_has_a_matching_sidecar_and_sha256_fixity(archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"A", "b.txt": b"B"})
    commit(archive, OID, {"a.txt": b"A", "c.txt": b"C"})
    obj = archive.object_path(OID)

    for folder in (obj, obj / "v1", obj / "v2"):
        data = (folder / "inventory.json").read_bytes()
        assert (folder / "inventory.json.sha512").read_bytes() == \
            f"{hashlib.sha512(data).hexdigest()} inventory.json\n".encode()
    assert (obj / "v2" / "inventory.json").read_bytes() == (obj / "inventory.json").read_bytes()
    inventory = archive.inventory(OID)
    fixity = {path: digest for digest, paths in inventory["fixity"]["sha256"].items()
              for path in paths}
    stored = {f"v{n}/content/{name}": data for n in (1, 2)
              for name, data in files_under(obj / f"v{n}" / "content").items()}
    assert fixity == {path: hashlib.sha256(data).hexdigest() for path, data in stored.items()}


def test_reading_an_unknown_version_or_path_is_not_found(archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"A"})
    with pytest.raises(NotFound):
        archive.read_bytes(OID, "a.txt", "v2")
    with pytest.raises(NotFound):
        archive.read_bytes(OID, "missing.txt")
    with pytest.raises(NotFound):
        archive.read_bytes("wechat:no-such-post", "a.txt")


def test_bytes_read_back_are_the_bytes_archived_or_an_error_naming_the_file(
        archive: Archive) -> None:
    """A stored file changed on disk is never handed on as the object's: whatever reads it
    (show, a new version carrying it forward) gets an ArchiveError (exit 5) naming it. fsck,
    which checks every digest itself, may still read it as it is."""
    commit(archive, OID, {"a.txt": b"the bytes archived"})
    assert archive.read_bytes(OID, "a.txt") == b"the bytes archived"
    archive.content_path(OID, "a.txt").write_bytes(b"the bytes archivet")
    with pytest.raises(ArchiveError, match="a.txt of .* is damaged: its bytes do not match "
                                           "the sha512 digest") as info:
        archive.read_bytes(OID, "a.txt")
    assert info.value.exit_code == ExitCode.ARCHIVE
    assert archive.read_bytes(OID, "a.txt", verify=False) == b"the bytes archivet"


# ---------------------------------------------------------------------------------------------
# 3. storage layout extension 0003


@pytest.mark.parametrize("object_id", [
    "object-01", "..hor/rib:le-$id", "wechat:post-1", "wechat:中文-post", "%7e with space",
    "https://mp.weixin.qq.com/s/" + "x" * 120,  # long: encoded part truncated, digest appended
])
def test_object_root_matches_ocfl_py_layout_0003(object_id: str) -> None:
    assert object_root_for(object_id) == \
        Layout_0003_Hash_And_Id_N_Tuple().identifier_to_path(object_id)


def test_objects_are_stored_where_the_layout_says(archive: Archive) -> None:
    commit(archive, "..hor/rib:le-$id", {"a.txt": b"A"})
    obj = archive.root / "487" / "326" / "d8c" / "%2e%2ehor%2frib%3ale-%24id"
    assert archive.object_path("..hor/rib:le-$id") == obj
    assert (obj / "0=ocfl_object_1.1").read_bytes() == b"ocfl_object_1.1\n"
    assert json.loads((obj / "inventory.json").read_bytes())["id"] == "..hor/rib:le-$id"


# ---------------------------------------------------------------------------------------------
# 4. deduplication


def test_a_version_stores_only_bytes_the_object_lacks(archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"AAA", "b.txt": b"BBB"})
    commit(archive, OID, {"a.txt": b"AAA", "b-copy.txt": b"BBB", "again/a.txt": b"AAA",
                          "c.txt": b"CCC"})
    obj = archive.object_path(OID)

    assert files_under(obj / "v1" / "content") == {"a.txt": b"AAA", "b.txt": b"BBB"}
    assert files_under(obj / "v2" / "content") == {"c.txt": b"CCC"}
    manifest = archive.inventory(OID)["manifest"]
    assert manifest == {hashlib.sha512(b"AAA").hexdigest(): ["v1/content/a.txt"],
                        hashlib.sha512(b"BBB").hexdigest(): ["v1/content/b.txt"],
                        hashlib.sha512(b"CCC").hexdigest(): ["v2/content/c.txt"]}
    for logical, data in {"a.txt": b"AAA", "b-copy.txt": b"BBB", "again/a.txt": b"AAA",
                          "c.txt": b"CCC"}.items():
        assert archive.read_bytes(OID, logical) == data
    assert archive.content_path(OID, "b-copy.txt") == obj / "v1" / "content" / "b.txt"
    assert_valid_ocfl(archive.root, objects=1)


def test_identical_files_within_one_version_are_stored_once(archive: Archive) -> None:
    commit(archive, OID, {"one.png": PNG, "two.png": PNG, "sub/three.png": PNG})
    obj = archive.object_path(OID)
    assert files_under(obj / "v1" / "content") == {"one.png": PNG}
    [paths] = archive.inventory(OID)["versions"]["v1"]["state"].values()
    assert sorted(paths) == ["one.png", "sub/three.png", "two.png"]


def test_bytes_deleted_in_between_are_reused_not_stored_again(archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"AAA"})
    commit(archive, OID, {"b.txt": b"BBB"})
    commit(archive, OID, {"a.txt": b"AAA"})
    obj = archive.object_path(OID)
    assert archive.head(OID) == "v3"
    assert set(files_under(obj / "v3")) == {"inventory.json", "inventory.json.sha512"}
    assert archive.content_path(OID, "a.txt") == obj / "v1" / "content" / "a.txt"
    with pytest.raises(NotFound):  # a.txt is not part of v2
        archive.read_bytes(OID, "a.txt", "v2")


def test_a_version_without_new_bytes_has_no_content_directory(archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"AAA"})
    commit(archive, OID, {"a.txt": b"AAA", "copy.txt": b"AAA"})
    assert (archive.object_path(OID) / "v2" / "inventory.json").is_file()
    assert not (archive.object_path(OID) / "v2" / "content").exists()


# ---------------------------------------------------------------------------------------------
# 5. versions are immutable


def test_a_new_version_leaves_earlier_versions_byte_for_byte_unchanged(archive: Archive) -> None:
    commit(archive, OID, {"index.md": b"old text\n", "img.png": PNG}, "first")
    obj = archive.object_path(OID)
    v1_before = files_under(obj / "v1")
    assert set(v1_before) == {"content/index.md", "content/img.png", "inventory.json",
                              "inventory.json.sha512"}

    commit(archive, OID, {"index.md": b"new text\n", "img.png": PNG}, "second")
    commit(archive, OID, {"index.md": b"newest\n"}, "third")
    with Archive.open(archive.root).writer():  # a recovery pass changes nothing either
        pass

    assert files_under(obj / "v1") == v1_before
    assert archive.read_bytes(OID, "index.md", "v1") == b"old text\n"
    assert archive.read_bytes(OID, "index.md", "v2") == b"new text\n"
    assert archive.read_bytes(OID, "index.md") == b"newest\n"
    assert archive.read_bytes(OID, "img.png", "v2") == PNG
    with pytest.raises(NotFound):
        archive.read_bytes(OID, "img.png")  # removed in v3, still readable from v1 and v2
    # the history the root inventory tells is the history v1 recorded for itself
    v1_inventory = json.loads(v1_before["inventory.json"])
    assert archive.inventory(OID)["versions"]["v1"] == v1_inventory["versions"]["v1"]
    assert [v.message for v in archive.versions(OID)] == ["first", "second", "third"]


def test_a_read_from_a_version_whose_folder_is_gone_says_the_folder_is_gone(
        archive: Archive) -> None:
    """Not the first file asked for alone: the whole version is what is lost."""
    commit(archive, OID, {"a.txt": b"one"})
    commit(archive, OID, {"a.txt": b"two"})
    shutil.rmtree(archive.object_path(OID) / "v1")
    with pytest.raises(DamagedObject, match=r"a\.txt .*missing.*version folder v1 is gone"):
        archive.read_bytes(OID, "a.txt", "v1")
    assert archive.read_bytes(OID, "a.txt") == b"two"  # v2 stored its own bytes


@pytest.mark.parametrize("damage", ["version folder gone", "version inventory gone"])
def test_no_version_is_added_on_an_object_whose_earlier_version_is_gone(
        archive: Archive, damage: str) -> None:
    """A new head would hide the loss and leave an object no validator accepts: refused,
    before anything is written, whether the new version would share the lost bytes or not."""
    commit(archive, OID, {"a.txt": b"one"})
    commit(archive, OID, {"a.txt": b"two"})
    obj = archive.object_path(OID)
    if damage == "version folder gone":
        shutil.rmtree(obj / "v1")
    else:
        (obj / "v1" / "inventory.json").unlink()
    before = files_under(obj)

    for check in (lambda: archive.check_writable(OID, {"b.txt": b"new"}),
                  lambda: commit(archive, OID, {"b.txt": b"new"})):
        with pytest.raises(DamagedObject, match="v1") as caught:
            check()
        assert "no version is added" in caught.value.message
        assert "fsck" in caught.value.hint
    assert files_under(obj) == before
    assert staging_dirs(archive.root) == []


# ---------------------------------------------------------------------------------------------
# 6. unsafe logical paths


UNSAFE_PATHS = ["../x", "/abs", "a//b", "./a", "a/../../x", "a/./b", "a/", ""]


@pytest.mark.parametrize("existing", [False, True], ids=["new-object", "existing-object"])
@pytest.mark.parametrize("logical", UNSAFE_PATHS)
def test_an_unsafe_logical_path_is_refused_and_nothing_is_written(archive: Archive, logical: str,
                                                                 existing: bool) -> None:
    if existing:
        commit(archive, OID, {"ok.txt": b"v1"})
    with archive.writer():
        before = everything_under(archive.root.parent)
        with pytest.raises(ArchiveError) as caught:
            archive.commit(OID, {"ok.txt": b"fine", logical: b"evil"}, "attack",
                           created=CREATED, user=USER)
        assert caught.value.exit_code == ExitCode.ARCHIVE
        assert everything_under(archive.root.parent) == before
    assert archive.exists(OID) is existing


def test_commit_without_the_writer_lock_is_refused(archive: Archive) -> None:
    before = everything_under(archive.root)
    with pytest.raises(ArchiveError):
        archive.commit(OID, {"a.txt": b"A"}, "no lock")
    assert everything_under(archive.root) == before


@pytest.mark.parametrize("files", [{"a": b"same", "a/b": b"same"},
                                   {"a": b"file", "a/b": b"other"}],
                         ids=["same-bytes", "different-bytes"])
def test_a_logical_path_used_as_file_and_directory_is_refused(archive: Archive,
                                                             files: dict[str, bytes]) -> None:
    with archive.writer(), pytest.raises(ArchiveError):
        archive.commit(OID, files, "conflict", created=CREATED, user=USER)
    assert not archive.exists(OID)


# ---------------------------------------------------------------------------------------------
# 7. fsck detects damage to any stored file

SMALL_ARCHIVE = {
    "wechat:post-a": [{"index.md": b"# A\n", "img/1.png": PNG},
                      {"index.md": b"# A, edited\n", "img/1.png": PNG}],
    "wechat:中文": [{"source/中文.md": "中文正文\n".encode()}],
}

# every file the small archive's objects hold: a test below proves the list is complete
STORED_FILES = [
    ("wechat:post-a", "0=ocfl_object_1.1"),
    ("wechat:post-a", "inventory.json"),
    ("wechat:post-a", "inventory.json.sha512"),
    ("wechat:post-a", "v1/content/index.md"),
    ("wechat:post-a", "v1/content/img/1.png"),
    ("wechat:post-a", "v1/inventory.json"),
    ("wechat:post-a", "v1/inventory.json.sha512"),
    ("wechat:post-a", "v2/content/index.md"),
    ("wechat:post-a", "v2/inventory.json"),
    ("wechat:post-a", "v2/inventory.json.sha512"),
    ("wechat:中文", "0=ocfl_object_1.1"),
    ("wechat:中文", "inventory.json"),
    ("wechat:中文", "inventory.json.sha512"),
    ("wechat:中文", "v1/content/source/中文.md"),
    ("wechat:中文", "v1/inventory.json"),
    ("wechat:中文", "v1/inventory.json.sha512"),
]


@pytest.fixture
def small(archive: Archive) -> Archive:
    for object_id, versions in SMALL_ARCHIVE.items():
        for number, files in enumerate(versions, start=1):
            commit(archive, object_id, files, f"version {number}")
    return archive


def test_stored_files_lists_every_file_of_the_small_archive(small: Archive) -> None:
    found = {(object_id, rel) for object_id in SMALL_ARCHIVE
             for rel in files_under(small.object_path(object_id))}
    assert found == set(STORED_FILES)


def test_a_clean_archive_passes_fsck(small: Archive) -> None:
    report = small.fsck()
    assert report.ok, report.problems
    assert (report.objects, report.files) == (2, 4)  # content files: v1 ×2, v2 ×1, 中文 ×1
    assert report.to_json()["ok"] is True


def _assert_damage_reported(archive: Archive, report: FsckReport, object_id: str,
                            rel: str) -> None:
    assert report.ok is False
    where = object_root_for(object_id)
    named = {f"{where}/{rel}", f"{where}/{sidecar_partner(rel)}"}
    assert named & {p.path for p in report.problems}, report.problems
    # damage is reported where it is, not in the other object
    assert all(p.path.startswith(where + "/") for p in report.problems), report.problems


def _ids(item: tuple[str, str]) -> str:
    return f"{item[0].split(':')[1]}/{item[1]}"


@pytest.mark.parametrize("where", ["first", "middle", "last"])
@pytest.mark.parametrize("stored", STORED_FILES, ids=_ids)
def test_fsck_detects_one_flipped_byte(small: Archive, stored: tuple[str, str],
                                       where: str) -> None:
    """Wherever the byte is: the last one too, a sidecar's or a declaration's line break
    made a vertical tab, which a reading of white space would pass over."""
    object_id, rel = stored
    path = small.object_path(object_id) / rel
    data = bytearray(path.read_bytes())
    data[{"first": 0, "middle": len(data) // 2, "last": -1}[where]] ^= 0x01
    path.write_bytes(bytes(data))

    _assert_damage_reported(small, small.fsck(), object_id, rel)


@pytest.mark.parametrize("stored", [
    item
    for item in STORED_FILES], ids=_ids)
def test_fsck_detects_a_missing_file(small: Archive, stored: tuple[str, str]) -> None:
    object_id, rel = stored
    (small.object_path(object_id) / rel).unlink()

    _assert_damage_reported(small, small.fsck(), object_id, rel)


def test_a_damaged_file_is_put_back_only_from_bytes_matching_its_recorded_digest(
        small: Archive) -> None:
    """``restore_damaged`` reads every file of a version; a damaged one is written over with
    bytes given for its digest, checked again before the write, and nothing else changes: the
    inventories and the other versions stay byte for byte as they were."""
    where = small.object_path("wechat:post-a")
    image = where / "v1" / "content" / "img" / "1.png"
    image.write_bytes(PNG[:-1] + b"\x00")  # the same size, one byte changed
    untouched = {k: v for k, v in files_under(where).items() if k != "v1/content/img/1.png"}
    digest = hashlib.sha512(PNG).hexdigest()
    with small.writer():
        with pytest.raises(DamagedObject, match="img/1.png of wechat:post-a .v2.*does not "
                                                "hold them"):
            small.restore_damaged("wechat:post-a", "v2", {digest: PNG[:-1] + b"\x01"})
        assert image.read_bytes() == PNG[:-1] + b"\x00"  # bytes that are not its: not written
        assert small.restore_damaged("wechat:post-a", "v2", {digest: PNG}) == [
            ("img/1.png", "damaged")]
        assert small.restore_damaged("wechat:post-a", "v2", {}) == []  # whole now: no copy needed
    assert image.read_bytes() == PNG
    assert {k: v for k, v in files_under(where).items()
            if k != "v1/content/img/1.png"} == untouched
    assert small.fsck().ok
    assert staging_dirs(small.root) == []
    with pytest.raises(ArchiveError, match="without holding the archive lock"):
        small.restore_damaged("wechat:post-a", "v2", {})


def test_a_file_gone_from_its_folder_is_put_back_but_not_a_folder_gone(small: Archive
                                                                        ) -> None:
    """A stored file deleted from its folder is written there again from bytes given for its
    digest, and said as missing; where its folder is gone too, nothing is made in the object
    (the version's structure is not this method's to rebuild): the damage is said."""
    where = small.object_path("wechat:post-a")
    image = where / "v1" / "content" / "img" / "1.png"
    copies = {hashlib.sha512(PNG).hexdigest(): PNG}
    image.unlink()
    with small.writer():
        with pytest.raises(DamagedObject, match="img/1.png of wechat:post-a .v2. is missing "
                                                "from the archive .*does not hold its bytes"):
            small.restore_damaged("wechat:post-a", "v2", {})
        assert small.restore_damaged("wechat:post-a", "v2", copies) == [
            ("img/1.png", "missing")]
    assert image.read_bytes() == PNG and small.fsck().ok
    shutil.rmtree(image.parent)
    with small.writer(), pytest.raises(DamagedObject, match="is missing from the archive "
                                                            r"\(v1/content/img/1.png\)$"):
        small.restore_damaged("wechat:post-a", "v2", copies)
    assert not image.parent.exists()


@pytest.mark.parametrize("stored", ["v1/content/../../../../elsewhere/1.png",
                                    "/tmp/elsewhere/1.png", "v1/inventory.json"])
def test_a_file_the_inventory_stores_out_of_the_objects_content_is_never_written(
        small: Archive, tmp_path: Path, stored: str) -> None:
    """An inventory edited (its sidecar made again) to store a file at a path that leaves
    the object, or at no version's content, names nothing to put back: nothing is written
    there, however the copies given match its digest; the damage is said."""
    where = small.object_path("wechat:post-a")
    inventory = json.loads((where / "inventory.json").read_bytes())
    digest = hashlib.sha512(PNG).hexdigest()
    [key] = [k for k in inventory["manifest"] if k.lower() == digest]
    inventory["manifest"][key] = [stored.replace("/tmp/", f"{tmp_path}/")]
    data = json.dumps(inventory).encode()
    (where / "inventory.json").write_bytes(data)
    (where / "inventory.json.sha512").write_text(
        f"{hashlib.sha512(data).hexdigest()}  inventory.json\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in where.rglob("*") if p.is_file()}
    with small.writer(), pytest.raises(DamagedObject, match="which is no content path"):
        small.restore_damaged("wechat:post-a", "v2", {digest: PNG})
    assert not (where.parent / "elsewhere").exists() and not (tmp_path / "elsewhere").exists()
    assert {p: p.read_bytes() for p in where.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("damage", ["fifo", "link-loop", "link-to-a-device"])
def test_a_stored_file_that_is_no_file_is_replaced_never_read(small: Archive, damage: str
                                                              ) -> None:
    """A FIFO's reading would never end (the writer's lock held meanwhile), a link loop
    cannot be opened: neither is read; each is a name the rename puts the bytes back at."""
    image = small.object_path("wechat:post-a") / "v1" / "content" / "img" / "1.png"
    image.unlink()
    if damage == "fifo":
        os.mkfifo(image)
    elif damage == "link-loop":
        image.symlink_to(image.name)
    else:
        image.symlink_to("/dev/zero")
    with small.writer():
        assert small.restore_damaged("wechat:post-a", "v2",
                                     {hashlib.sha512(PNG).hexdigest(): PNG}) == [
            ("img/1.png", "damaged")]
    assert not image.is_symlink() and image.read_bytes() == PNG
    assert small.fsck().ok


def test_what_can_be_put_back_is_before_what_cannot_is_said(small: Archive) -> None:
    """Every file of the version is seen: those the copies mend are put back, and the first
    that cannot be is said, with what was put back meanwhile; a folder on the way that is a
    link is not written through (it leads out of the object)."""
    where = small.object_path("wechat:post-a")
    image = where / "v1" / "content" / "img" / "1.png"
    index = where / "v2" / "content" / "index.md"
    image.write_bytes(PNG[:-1] + b"\x00")
    index.write_bytes(b"# A, damaged\n")
    copies = {hashlib.sha512(PNG).hexdigest(): PNG}  # (the index's bytes are not given)
    with small.writer(), pytest.raises(DamagedObject) as raised:
        small.restore_damaged("wechat:post-a", "v2", copies)
    assert "index.md of wechat:post-a (v2) is damaged" in raised.value.message
    assert raised.value.message.endswith("(put back meanwhile: img/1.png)")
    assert image.read_bytes() == PNG

    outside = where.parent / "elsewhere"
    (where / "v1" / "content" / "img").rename(outside)
    (where / "v1" / "content" / "img").symlink_to(outside)
    (outside / "1.png").write_bytes(PNG[:-1] + b"\x00")
    with small.writer(), pytest.raises(DamagedObject, match="reached through a symbolic link"):
        small.restore_damaged("wechat:post-a", "v1", copies)
    assert (outside / "1.png").read_bytes() == PNG[:-1] + b"\x00"  # not written through


def test_fsck_reports_a_content_file_replaced_by_a_link_to_the_same_bytes(
        small: Archive, tmp_path: Path) -> None:
    """The digest matches through the link, but the archive no longer holds the bytes: a copy
    that does not follow links (a backup) would lose them."""
    object_id, rel = next(item for item in STORED_FILES if "/content/" in item[1])
    path = small.object_path(object_id) / rel
    outside = tmp_path / "outside"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    report = small.fsck()
    assert not report.ok
    assert any("symbolic link" in p.message for p in report.problems), report.problems


def test_fsck_reports_a_content_folder_replaced_by_a_link(small: Archive,
                                                          tmp_path: Path) -> None:
    object_id, rel = next(item for item in STORED_FILES if "/content/" in item[1])
    content = small.object_path(object_id) / rel.split("/content/")[0] / "content"
    moved = tmp_path / "moved-content"
    shutil.move(content, moved)
    content.symlink_to(moved)
    report = small.fsck()
    assert not report.ok
    assert any("reached through one" in p.message for p in report.problems), report.problems


def test_fsck_reports_empty_folders_ocfl_forbids(small: Archive) -> None:
    """OCFL E024 (an empty folder in a content folder) and E073 (in the storage hierarchy),
    both also reported by ocfl-py's validator."""
    object_id = STORED_FILES[0][0]
    (small.object_path(object_id) / "v1" / "content" / "empty").mkdir()
    (small.root / "abc" / "def").mkdir(parents=True)  # what deleting an object folder leaves

    report = small.fsck()
    where = object_root_for(object_id)
    assert {p.path for p in report.problems} == {f"{where}/v1/content/empty", "abc/def"}
    assert all("empty folder" in p.message for p in report.problems)


def test_fsck_checks_content_against_the_sha256_fixity_block_too(small: Archive) -> None:
    """The sha256 fixity is a second, independent digest: an inventory whose fixity disagrees
    with the content is reported even when sha512 and every sidecar agree."""
    object_id = "wechat:中文"
    obj = small.object_path(object_id)
    inventory = small.inventory(object_id)
    inventory["fixity"]["sha256"] = {"0" * 64: ["v1/content/source/中文.md"]}
    data = dumps(inventory)
    for folder in (obj, obj / "v1"):  # root and head copy stay identical, sidecars match
        (folder / "inventory.json").write_bytes(data)
        (folder / "inventory.json.sha512").write_bytes(sidecar_of(data))

    report = small.fsck()
    assert [(p.path, "sha256" in p.message) for p in report.problems] == \
        [(f"{object_root_for(object_id)}/v1/content/source/中文.md", True)]


def test_fsck_detects_a_damaged_storage_root_declaration(small: Archive) -> None:
    (small.root / "0=ocfl_1.1").write_bytes(b"ocfl_1.0\n")
    assert small.fsck().ok is False


@pytest.mark.parametrize(("name", "content"), [
    ("ocfl_layout.json", b"junk"),
    ("ocfl_layout.json", b'{"extension": "0004-hashed-n-tuple-storage-layout"}'),
    ("extensions/0003-hash-and-id-n-tuple-storage-layout/config.json", None),
])
def test_fsck_reports_a_layout_description_that_is_not_the_objects_layout(
        small: Archive, name: str, content: bytes | None) -> None:
    """Other OCFL tools find the objects by it: a wrong or missing one is a problem."""
    if content is None:
        (small.root / name).unlink()
    else:
        (small.root / name).write_bytes(content)
    assert [p.path for p in small.fsck().problems] == [name]


def test_a_folder_in_a_version_folder_outside_its_content_is_a_warning(
        archive: Archive) -> None:
    """OCFL allows it (W002) and the warn fixture has one; what it holds is in no manifest,
    so fsck says so without failing."""
    folder = _install_fixture(archive, "warn-objects", "W002_extra_dir_in_version_dir")
    report = FsckReport()
    archive.fsck_object(folder, report)
    assert report.ok
    where = folder.relative_to(archive.root).as_posix()
    assert [w.path for w in report.warnings] == [f"{where}/v1/extra_dir"]


# ---------------------------------------------------------------------------------------------
# 8. one writer at a time


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(archive: Archive) -> None:
    # flock locks belong to an open file description, so a second Archive in the same
    # process contends exactly like a second process would
    other = Archive.open(archive.root)
    with archive.writer():
        with pytest.raises(ArchiveBusy) as caught, other.writer():
            pytest.fail("the second writer got the lock")
        assert caught.value.exit_code == ExitCode.ARCHIVE == 5
        archive.commit(OID, {"a.txt": b"A"}, "still mine", created=CREATED, user=USER)
    with other.writer():  # released on leaving the block
        other.commit(OID, {"a.txt": b"B"}, "now mine", created=CREATED, user=USER)
    assert archive.head(OID) == "v2"


def test_the_lock_also_excludes_another_process(archive: Archive) -> None:
    script = ("import sys; from archiver.store import Archive\n"
              "with Archive.open(sys.argv[1]).writer():\n"
              "    print('locked', flush=True)\n"
              "    sys.stdin.read()\n")
    env = {**os.environ, "PYTHONPATH": str(Path(archiver.__file__).resolve().parents[1])}
    child = subprocess.Popen([sys.executable, "-c", script, str(archive.root)], env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(ArchiveBusy), archive.writer():
            pass
    finally:
        child.stdin.close()
        assert child.wait(timeout=30) == 0
    with archive.writer():
        pass


def test_a_waiting_writer_gets_the_lock_once_it_is_released(archive: Archive) -> None:
    waiter = Archive.open(archive.root)
    released = threading.Event()
    saw_release: list[bool] = []

    def wait_for_lock() -> None:
        with waiter.writer(wait=True):
            saw_release.append(released.is_set())

    with archive.writer():
        thread = threading.Thread(target=wait_for_lock)
        thread.start()
        time.sleep(0.3)
        assert thread.is_alive(), "the waiting writer did not wait"
        released.set()
    thread.join(timeout=30)
    assert saw_release == [True]


def test_fsck_while_a_writer_works_leaves_its_staging_alone(archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"A"})
    with archive.writer():
        # a commit in progress: staged, not yet complete
        in_progress = archive.root / "extensions" / "archiver-staging" / "in-progress"
        (in_progress / "object" / "v2" / "content").mkdir(parents=True)
        (in_progress / "object" / "v2" / "content" / "b.txt").write_bytes(b"B")
        report = Archive.open(archive.root).fsck()
        assert report.ok, report.problems
        assert report.objects == 1
        assert (in_progress / "object" / "v2" / "content" / "b.txt").read_bytes() == b"B"


# ---------------------------------------------------------------------------------------------
# 9. crash safety


def test_digests_the_caller_computed_make_the_same_inventory_as_the_stores_own(
        tmp_path: Path) -> None:
    files = {"a.txt": b"A" * 1000, "source/page.html": b"<p>page</p>"}
    given = {"source/page.html": hashlib.sha512(files["source/page.html"]).hexdigest()}
    fixity = {"a.txt": hashlib.sha256(files["a.txt"]).hexdigest()}
    inventories = []
    for name, digests, sha256 in (("own", None, None), ("given", given, fixity)):
        archive = Archive.open(tmp_path / name, create=True)
        with archive.writer():
            archive.commit_all([Change(OID, files, "test", digests, CREATED, USER, sha256)])
        inventories.append(archive.inventory(OID))
        assert archive.fsck().ok
    assert inventories[0] == inventories[1]


def test_a_fixity_digest_the_caller_gives_is_written_as_given(tmp_path: Path) -> None:
    # the caller's promise that it is of these bytes is not checked again (that is the
    # saving); fsck, which recomputes every digest, finds a broken promise
    archive = Archive.open(tmp_path / "a", create=True)
    with archive.writer():
        archive.commit_all([Change(OID, {"a.txt": b"A"}, "test", fixity={"a.txt": "0" * 64})])
    assert archive.inventory(OID)["fixity"]["sha256"] == {"0" * 64: ["v1/content/a.txt"]}
    assert any("sha256 does not match" in p.message for p in archive.fsck().problems)


def _fsynced_paths(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record, by path, every file or folder fsynced from now on."""
    seen: list[Path] = []
    real = os.fsync

    def spy(fd: int) -> None:
        seen.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real(fd)
    monkeypatch.setattr(os, "fsync", spy)
    return seen


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name an fd")
@pytest.mark.parametrize("syncfs", [None, lambda fd: -1], ids=["missing", "failing"])
def test_without_syncfs_every_staged_file_and_folder_is_fsynced_before_the_ticket(
        archive: Archive, monkeypatch: pytest.MonkeyPatch, syncfs) -> None:
    monkeypatch.setattr(durable, "_syncfs", syncfs)
    staged: set[Path] = set()

    def before_ticket(self, staging, ticket):  # what exists once the ticket is written
        staged.update(p for p in staging.rglob("*") if p.name != "ticket.json")
        staged.add(staging)
        raise SimulatedCrash
    synced = _fsynced_paths(monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(Archive, "_roll_forward", before_ticket)
        with pytest.raises(SimulatedCrash):
            commit(archive, OID, {"a.txt": b"A", "assets/b.jpg": b"B"})
    assert len(staged) >= 10  # files and the folders between them
    assert staged <= set(synced)
    # and each was synced before the ticket that declares the commit complete
    ticket_synced = [i for i, p in enumerate(synced) if p.name == "ticket.tmp"]
    assert ticket_synced and all(synced.index(p) < ticket_synced[0]
                                 for p in staged if p.name != "ticket.tmp")


def _syncs_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every syncfs and fsync from now on, in order, as "syncfs" or "fsync"."""
    calls: list[str] = []
    real_syncfs, real_fsync = durable._syncfs, os.fsync
    monkeypatch.setattr(durable, "_syncfs", lambda fd: calls.append("syncfs") or real_syncfs(fd))
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append("fsync") or real_fsync(fd))
    return calls


@pytest.mark.skipif(durable._syncfs is None, reason="syncfs(2) is Linux only")
def test_with_syncfs_a_commit_is_made_durable_with_a_handful_of_syncs(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _syncs_counted(monkeypatch)
    commit(archive, OID, {f"assets/{i}.jpg": bytes([i]) for i in range(8)} | {"a.txt": b"A"})
    # staging (10 files, 5 folders): one syncfs; then the ticket and its folder; then the
    # folders made for the new object and the one it is renamed into: one more syncfs
    assert calls.count("syncfs") == 2
    assert calls.count("fsync") == 2
    assert archive.read_bytes(OID, "assets/7.jpg") == b"\x07" and archive.fsck().ok


@pytest.mark.skipif(durable._syncfs is None, reason="syncfs(2) is Linux only")
def test_a_group_of_new_objects_is_made_durable_with_two_syncfs_in_all(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _syncs_counted(monkeypatch)
    with archive.writer():
        archive.commit_all([Change(f"wechat:post-{i}", {"a.txt": bytes([i])}, "grouped")
                            for i in range(8)])
    # one syncfs for everything staged, the ticket and its folder, one syncfs for the names
    # of the eight objects moved into place (where eight commits made 8 syncfs, 24 fsyncs)
    assert calls.count("syncfs") == 2 and calls.count("fsync") == 2
    assert [archive.read_bytes(f"wechat:post-{i}", "a.txt") for i in range(8)] == [
        bytes([i]) for i in range(8)]
    assert archive.fsck().ok


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name an fd")
@pytest.mark.parametrize("syncfs", [None, lambda fd: -1], ids=["missing", "failing"])
def test_without_syncfs_every_folder_a_group_renamed_into_is_fsynced(
        archive: Archive, monkeypatch: pytest.MonkeyPatch, syncfs) -> None:
    monkeypatch.setattr(durable, "_syncfs", syncfs)
    synced = _fsynced_paths(monkeypatch)
    ids = [f"wechat:post-{i}" for i in range(3)]
    with archive.writer():
        archive.commit_all([Change(oid, {"a.txt": b"A"}, "grouped") for oid in ids])
    for oid in ids:
        assert archive.object_path(oid).parent.resolve() in {p.resolve() for p in synced}


def test_a_group_commit_adds_one_version_to_each_object_new_or_not(archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"old"})
    with archive.writer():
        results = archive.commit_all([
            Change(OID, {"a.txt": b"new"}, "second"),
            Change("wechat:post-2", {"b.txt": b"B"}, "first", created=CREATED, user=USER)])
    assert [(r.object_id, r.version, r.new_object) for r in results] == [
        (OID, "v2", False), ("wechat:post-2", "v1", True)]
    assert archive.read_bytes(OID, "a.txt") == b"new"
    assert archive.read_bytes(OID, "a.txt", "v1") == b"old"
    assert archive.versions("wechat:post-2")[0].message == "first"
    assert staging_dirs(archive.root) == []
    assert archive.fsck().ok
    assert_valid_ocfl(archive.root, objects=2)


def test_a_group_commit_naming_an_object_twice_is_refused_and_writes_nothing(
        archive: Archive) -> None:
    before = storage_hierarchy(archive.root)
    with archive.writer(), pytest.raises(ArchiveError, match="at most one version"):
        archive.commit_all([Change(OID, {"a.txt": b"1"}, "one"),
                            Change(OID, {"a.txt": b"2"}, "two")])
    assert storage_hierarchy(archive.root) == before and staging_dirs(archive.root) == []


def test_a_group_commit_with_one_bad_change_writes_nothing(archive: Archive) -> None:
    before = storage_hierarchy(archive.root)
    with archive.writer(), pytest.raises(ArchiveError, match="unsafe path"):
        archive.commit_all([Change(OID, {"a.txt": b"1"}, "fine"),
                            Change("wechat:post-2", {"../escape.txt": b"2"}, "evil")])
    assert storage_hierarchy(archive.root) == before and staging_dirs(archive.root) == []


def test_a_group_commit_interrupted_after_its_ticket_is_rolled_forward_whole(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(archive, OID, {"a.txt": b"old"})
    real_entry = Archive._roll_forward_entry
    applied: list[str] = []

    def crash_after_the_first(self, staging, entry):  # one object applied, the other not
        if applied:
            raise SimulatedCrash
        applied.append(entry["object"])
        return real_entry(self, staging, entry)

    with monkeypatch.context() as patch:
        patch.setattr(Archive, "_roll_forward_entry", crash_after_the_first)
        with archive.writer(), pytest.raises(SimulatedCrash):
            archive.commit_all([Change(OID, {"a.txt": b"new"}, "second"),
                                Change("wechat:post-2", {"b.txt": b"B"}, "first")])
    assert len(applied) == 1 and len(staging_dirs(archive.root)) == 1

    with Archive.open(archive.root).writer():  # taking the lock recovers
        pass

    assert archive.read_bytes(OID, "a.txt") == b"new"
    assert archive.read_bytes("wechat:post-2", "b.txt") == b"B"
    assert staging_dirs(archive.root) == []
    assert archive.fsck().ok
    assert_valid_ocfl(archive.root, objects=2)


def test_a_ticket_of_the_one_object_format_is_still_rolled_forward(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash under an earlier version of the store left ``ticket.json`` naming one object,
    staged in ``object``: recovery by this version finishes it."""
    commit(archive, OID, {"a.txt": b"old"})
    _crash_in_roll_forward(archive, monkeypatch, {"a.txt": b"new"})
    [staging] = staging_dirs(archive.root)
    [entry] = json.loads((staging / "ticket.json").read_bytes())["entries"]
    (staging / entry["staged"]).rename(staging / "object")
    (staging / "ticket.json").write_bytes(dumps({"object": entry["object"],
                                                 "version": entry["version"],
                                                 "new_object": entry["new_object"]}))
    assert Archive.open(archive.root).fsck().ok  # fsck takes it for a commit in flight

    with Archive.open(archive.root).writer():
        pass

    assert archive.head(OID) == "v2" and archive.read_bytes(OID, "a.txt") == b"new"
    assert staging_dirs(archive.root) == []


def _crash_in_roll_forward(archive: Archive, monkeypatch: pytest.MonkeyPatch,
                           files: dict[str, bytes]) -> None:
    """Stop a commit after its staging is complete (ticket written), before it is applied."""
    def crash(self, staging, ticket):
        raise SimulatedCrash
    with monkeypatch.context() as patch:
        patch.setattr(Archive, "_roll_forward", crash)
        with pytest.raises(SimulatedCrash):
            commit(archive, OID, files, "interrupted")


@pytest.mark.parametrize("new_object", [True, False], ids=["new-object", "new-version"])
def test_a_commit_interrupted_after_its_ticket_is_rolled_forward(
        archive: Archive, monkeypatch: pytest.MonkeyPatch, new_object: bool) -> None:
    if not new_object:
        commit(archive, OID, {"a.txt": b"old", "keep.txt": b"K"})
    _crash_in_roll_forward(archive, monkeypatch, {"a.txt": b"new", "keep.txt": b"K",
                                                  "b.txt": b"added"})

    [staging] = staging_dirs(archive.root)
    assert (staging / "ticket.json").is_file()
    reader = Archive.open(archive.root)  # before recovery readers see the old state only
    if new_object:
        assert not reader.exists(OID)
        assert storage_hierarchy(archive.root) == {"0=ocfl_1.1": b"ocfl_1.1\n",
                                                   "ocfl_layout.json": reader.root.joinpath(
                                                       "ocfl_layout.json").read_bytes()}
    else:
        assert reader.head(OID) == "v1"
        assert reader.read_bytes(OID, "a.txt") == b"old"

    with Archive.open(archive.root).writer():  # taking the lock recovers
        pass

    assert staging_dirs(archive.root) == []
    assert reader.head(OID) == ("v1" if new_object else "v2")
    assert reader.read_bytes(OID, "a.txt") == b"new"
    assert reader.read_bytes(OID, "b.txt") == b"added"
    report = reader.fsck()
    assert report.ok, report.problems
    assert_valid_ocfl(archive.root, objects=1)


@pytest.mark.parametrize("ticket", [
    b"[", b"[]", b"{}", b'{"entries": []}', b'{"entries": [{"object": "x"}]}',
    b'{"entries": [{"object": "../../outside", "version": "v2", "new_object": false, '
    b'"staged": "object-0"}]}',
    b'{"entries": [{"object": "0ab/cde/f01/wx", "version": "v2", "new_object": false, '
    b'"staged": "../../../elsewhere"}]}',
], ids=["cut", "list", "empty", "no-entries", "no-fields", "object-outside",
        "staged-outside"])
def test_a_damaged_ticket_is_a_damaged_commit_named_never_a_crash_or_a_move(
        archive: Archive, monkeypatch: pytest.MonkeyPatch, ticket: bytes) -> None:
    """A ticket is written whole and renamed into place once synced: damaged later, the commit
    cannot be finished. Writers refuse with its path (exit 5), fsck reports it and checks the
    objects as they are, and nothing is moved, least of all outside the archive."""
    commit(archive, OID, {"a.txt": b"old"})
    _crash_in_roll_forward(archive, monkeypatch, {"a.txt": b"new"})
    [staging] = staging_dirs(archive.root)
    (staging / "ticket.json").write_bytes(ticket)
    before = sorted(p for p in archive.root.parent.rglob("*"))
    damaged = "ticket of an interrupted commit is damaged"
    with pytest.raises(DamagedObject, match=damaged) as caught, \
            Archive.open(archive.root).writer():
        pass
    assert caught.value.path == str(staging / "ticket.json")
    report = Archive.open(archive.root).fsck()
    assert any("ticket" in p.message for p in report.problems)
    assert report.objects == 1 and archive.read_bytes(OID, "a.txt") == b"old"
    assert sorted(p for p in archive.root.parent.rglob("*")) == before


def test_a_stray_file_in_the_staging_area_is_no_interrupted_commit(archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"A"})
    area = archive.root / "extensions" / store.STAGING
    area.mkdir(exist_ok=True)
    (area / "junk.txt").write_text("j")
    report = Archive.open(archive.root).fsck()
    assert report.recovered == 0 and report.ok
    # said (it passed unseen), as OCFL's advice is: not a failure
    assert [w.path for w in report.warnings] == ["extensions/archiver-staging/junk.txt"]
    assert "not a commit" in report.warnings[0].message


def test_fsck_says_an_interrupted_commit_it_cannot_finish_and_checks_every_object(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """A commit stored whole in the staging area whose finishing the machine refuses (a
    read-only folder: the refusal is the test's): fsck said only "Permission denied" and
    checked nothing. It is a problem of its own, with what to do, and the objects are
    checked as they stand."""
    commit(archive, OID, {"a.txt": b"old"})
    _crash_in_roll_forward(archive, monkeypatch, {"a.txt": b"new"})
    target = archive.root / store.object_root_for(OID)

    def refused(self, staging, entry):
        raise PermissionError(13, "Permission denied", str(target))  # a test's fault
    monkeypatch.setattr(Archive, "_roll_forward_entry", refused)
    report = Archive.open(archive.root).fsck()
    assert report.objects == 1 and report.files > 0
    [problem] = report.problems
    assert problem.path == store.object_root_for(OID)
    assert problem.message.startswith("cannot finish a commit an earlier run left, stored "
                                      "whole in archiver-staging (Permission denied) (check "
                                      "the permissions")
    assert report.recovered == 0
    # a writer is told the same, as what it is (it was a bare "Permission denied")
    with pytest.raises(UnfinishedCommit, match="cannot finish a commit an earlier"), \
            Archive.open(archive.root).writer():
        pass


def test_fsck_blames_no_interrupted_commit_for_another_file_in_the_way(
        archive: Archive) -> None:
    """A folder where a derived file's leftover temporary file would be: nothing is staged,
    and fsck does not say an interrupted commit could not be finished."""
    commit(archive, OID, {"a.txt": b"A"})
    (archive.root / "extensions" / "archiver-index" / ".index.json.x.tmp").mkdir(parents=True)
    with pytest.raises(IsADirectoryError):
        Archive.open(archive.root).fsck()


def test_fsck_counts_the_commits_it_recovered(archive: Archive,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    commit(archive, OID, {"a.txt": b"old"})
    _crash_in_roll_forward(archive, monkeypatch, {"a.txt": b"new"})

    report = Archive.open(archive.root).fsck()
    assert archive.head(OID) == "v2"  # the recovery itself did happen
    assert report.ok, report.problems
    assert report.recovered == 1


def test_a_full_disk_while_staging_stores_nothing_and_gives_the_space_back(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC is SIMULATED: the first write of a staged content file fails as on a full disk."""
    commit(archive, OID, {"a.txt": b"old"})
    real_write = durable.write_file

    def full_disk(path, data, *args, **kwargs):
        if "content" in Path(path).parts:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, data, *args, **kwargs)

    monkeypatch.setattr(durable, "write_file", full_disk)
    with pytest.raises(ArchiveError, match="No space left on device") as caught:
        commit(archive, OID, {"a.txt": b"new"})
    assert caught.value.path == str(archive.root) and "free some space" in caught.value.hint
    assert staging_dirs(archive.root) == []
    assert archive.head(OID) == "v1" and archive.read_bytes(OID, "a.txt") == b"old"


def test_a_full_disk_while_a_file_is_replaced_names_it_and_leaves_no_temporary_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC is SIMULATED, from fsync, as a full disk reports it: with no file name (the
    command said only "No space left on device") and a half-written copy left behind."""
    target = tmp_path / "index.json"
    target.write_bytes(b"{}")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(durable.os, "fsync", full_disk)
    with pytest.raises(OSError) as caught:
        durable.atomic_write(target, b'{"a": 1}')
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, str(target))
    assert [p.name for p in tmp_path.iterdir()] == ["index.json"]
    assert target.read_bytes() == b"{}"


@pytest.mark.parametrize("staging", [False, True])
def test_a_file_replaced_in_a_folder_that_is_gone_names_the_folder(tmp_path: Path,
                                                                   staging: bool) -> None:
    """Whether its temporary copy is written beside it or in a staging folder (as a commit
    is finished), the folder named is the one that is gone."""
    (tmp_path / "staging").mkdir()
    with pytest.raises(FileNotFoundError) as caught:
        durable.atomic_write(tmp_path / "gone" / "index.json", b"{}",
                            tmp_dir=tmp_path / "staging" if staging else None)
    assert caught.value.filename == str(tmp_path / "gone")


def test_a_full_disk_while_a_staged_commit_is_applied_names_the_archive_and_is_finished_later(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC is SIMULATED: replacing the root inventory fails as on a full disk, after the
    commit was staged whole. The error names the archive; the next writer finishes it."""
    commit(archive, OID, {"a.txt": b"old"})
    real = durable.atomic_write

    def full_disk(path, data, *args, **kwargs):
        if Path(path).name == "inventory.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(durable, "atomic_write", full_disk)
        with pytest.raises(ArchiveError, match="stored whole in its staging area") as caught:
            commit(archive, OID, {"a.txt": b"new"})
    assert caught.value.path == str(archive.root) and "free some space" in caught.value.hint
    with Archive.open(archive.root).writer():
        pass
    assert archive.head(OID) == "v2" and archive.read_bytes(OID, "a.txt") == b"new"
    assert archive.fsck().ok


def test_a_stray_version_folder_refuses_the_commit_before_anything_is_staged(
        archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"old"})
    stray = archive.object_path(OID) / "v2"
    stray.mkdir()
    with pytest.raises(DamagedObject, match="folder v2 is in it") as caught:
        commit(archive, OID, {"a.txt": b"new"})
    assert caught.value.exit_code == ExitCode.ARCHIVE
    assert staging_dirs(archive.root) == []
    assert archive.head(OID) == "v1" and archive.read_bytes(OID, "a.txt") == b"old"
    stray.rmdir()  # once it is moved away, the object takes new versions again
    commit(archive, OID, {"a.txt": b"new"})
    assert archive.read_bytes(OID, "a.txt") == b"new"


def test_an_inventory_that_fails_its_sidecar_takes_no_new_version(archive: Archive) -> None:
    """The new inventory would carry the altered one's history on under a valid sidecar: the
    alteration would pass every later check. The writer refuses; fsck keeps reporting it."""
    commit(archive, OID, {"a.txt": b"old"})
    inventory = archive.object_path(OID) / "inventory.json"
    altered = inventory.read_bytes().replace(b'"message": "', b'"message": "altered ')
    inventory.write_bytes(altered)
    with pytest.raises(DamagedObject, match="does not match its sidecar") as caught:
        commit(archive, OID, {"a.txt": b"new"})
    assert caught.value.exit_code == ExitCode.ARCHIVE and "fsck" in caught.value.hint
    with pytest.raises(DamagedObject, match="does not match its sidecar"):
        archive.check_writable(OID)
    assert staging_dirs(archive.root) == []
    assert inventory.read_bytes() == altered and not (inventory.parent / "v2").exists()
    assert not archive.fsck().ok


def test_a_root_inventory_edited_with_its_sidecar_rewritten_takes_no_new_version(
        archive: Archive) -> None:
    """Its sidecar vouches for it, but the head version's own copy, written from the same
    bytes, still tells the history as it was: a version added on the root would carry the
    edit forward and copy it into the new head, and fsck would then find nothing."""
    commit(archive, OID, {"a.txt": b"old"})
    commit(archive, OID, {"a.txt": b"newer"})
    folder = archive.object_path(OID)
    altered = (folder / "inventory.json").read_bytes().replace(b'"message": "',
                                                              b'"message": "altered ', 1)
    (folder / "inventory.json").write_bytes(altered)
    (folder / "inventory.json.sha512").write_bytes(sidecar_of(altered))
    with pytest.raises(DamagedObject, match="differs from its head version's copy") as caught:
        commit(archive, OID, {"a.txt": b"newest"})
    assert "v2/inventory.json" in caught.value.message and "fsck" in caught.value.hint
    assert archive.head(OID) == "v2" and staging_dirs(archive.root) == []
    assert not archive.fsck().ok


def test_a_history_told_otherwise_by_an_earlier_versions_inventory_is_a_warning(
        archive: Archive) -> None:
    """Root and head copy edited alike, sidecars rewritten: only v1's own inventory still
    has v1's message as committed. OCFL allows the difference (W011), so it is no damage,
    but fsck says where it is."""
    commit(archive, OID, {"a.txt": b"old"})
    commit(archive, OID, {"a.txt": b"newer"})
    folder = archive.object_path(OID)
    inventory = archive.inventory(OID)
    inventory["versions"]["v1"]["message"] = "altered"
    data = dumps(inventory)
    for where in (folder, folder / "v2"):
        (where / "inventory.json").write_bytes(data)
        (where / "inventory.json.sha512").write_bytes(sidecar_of(data))
    report = archive.fsck()
    assert report.ok
    assert [(w.path, "message of v1" in w.message and "W011" in w.message)
            for w in report.warnings] == [(f"{object_root_for(OID)}/v1/inventory.json", True)]


def test_an_object_moved_by_hand_is_told_where_it_belongs_and_a_second_one_so_named(
        archive: Archive) -> None:
    """An object away from its id's place is not found by its id: a commit for the id makes
    a second object with it, which fsck names, as it names where the first belongs."""
    commit(archive, OID, {"a.txt": b"old"})
    home = object_root_for(OID)
    elsewhere = archive.root / "000" / "000" / "000" / Path(home).name
    elsewhere.parent.mkdir(parents=True)
    archive.object_path(OID).rename(elsewhere)
    [moved] = [p for p in archive.fsck().problems if p.path.endswith("inventory.json")]
    assert moved.path == f"000/000/000/{Path(home).name}/inventory.json"
    assert f"({home}): moved by hand? Move it back" in moved.message
    assert "ingesting its post again would start another object" in moved.message
    commit(archive, OID, {"a.txt": b"new"})
    [both] = archive.fsck().problems  # (the empty folders left are its home's again)
    assert both.path == moved.path and "started another object with the same id" in both.message


def test_an_object_folder_without_its_inventory_is_damage_never_a_new_object(
        archive: Archive) -> None:
    commit(archive, OID, {"a.txt": b"old"})
    (archive.object_path(OID) / "inventory.json").unlink()
    with pytest.raises(DamagedObject, match="no inventory"):
        commit(archive, OID, {"a.txt": b"new"})
    assert staging_dirs(archive.root) == []
    assert (archive.object_path(OID) / "v1" / "content" / "a.txt").read_bytes() == b"old"
    with pytest.raises(DamagedObject, match="no inventory") as caught:
        archive.object_ids()
    assert caught.value.exit_code == ExitCode.ARCHIVE and "fsck" in caught.value.hint


def test_a_commit_that_cannot_be_finished_is_reported_by_fsck_not_crashed_on(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ticket whose version folder is taken by a stray one (left by an older archiver, or
    made after the ticket): fsck says so and what to do; once it is moved, fsck finishes."""
    commit(archive, OID, {"a.txt": b"old"})
    _crash_in_roll_forward(archive, monkeypatch, {"a.txt": b"new"})
    stray = archive.object_path(OID) / "v2"
    stray.mkdir()

    report = Archive.open(archive.root).fsck()
    assert not report.ok
    assert any("cannot be finished" in p.message and p.path.endswith("/v2")
               for p in report.problems)
    with pytest.raises(DamagedObject, match="cannot be finished"):
        commit(archive, "another", {"b.txt": b"b"})
    assert len(staging_dirs(archive.root)) == 1  # the complete commit is kept, not discarded

    stray.rmdir()
    report = Archive.open(archive.root).fsck()
    assert report.ok, report.problems
    assert report.recovered == 1 and archive.read_bytes(OID, "a.txt") == b"new"


@pytest.mark.parametrize("new_object", [True, False], ids=["new-object", "new-version"])
def test_a_commit_interrupted_before_its_ticket_is_discarded(
        archive: Archive, monkeypatch: pytest.MonkeyPatch, new_object: bool) -> None:
    if not new_object:
        commit(archive, OID, {"a.txt": b"old"})
    visible = storage_hierarchy(archive.root)
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == "ticket.json":
            raise SimulatedCrash
        return real_replace(src, dst, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", replace)
        with pytest.raises(SimulatedCrash):
            commit(archive, OID, {"a.txt": b"new", "b.txt": b"added"}, "interrupted")

    [staging] = staging_dirs(archive.root)  # staged in full, but never marked complete
    assert not (staging / "ticket.json").exists()
    assert (staging / "ticket.tmp").is_file()
    assert any(p.name == "b.txt" for p in staging.rglob("*"))
    assert storage_hierarchy(archive.root) == visible

    with Archive.open(archive.root).writer():
        pass

    assert staging_dirs(archive.root) == []
    assert storage_hierarchy(archive.root) == visible
    assert archive.exists(OID) is not new_object
    report = archive.fsck()
    assert report.ok, report.problems
    assert_valid_ocfl(archive.root, objects=0 if new_object else 1)


def _crash_on_atomic_write(archive: Archive, monkeypatch: pytest.MonkeyPatch,
                           target: Path) -> None:
    """Commit v2 of OID but stop at the atomic write of ``target`` in the object root."""
    real = durable.atomic_write

    def atomic_write(path: Path, data: bytes, **kwargs) -> None:
        if path == target:
            raise SimulatedCrash
        real(path, data, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(durable, "atomic_write", atomic_write)
        with pytest.raises(SimulatedCrash):
            commit(archive, OID, {"a.txt": b"new"}, "interrupted")


def test_a_crash_before_the_root_inventory_is_replaced_is_finished_by_recovery(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(archive, OID, {"a.txt": b"old"})
    obj = archive.object_path(OID)
    _crash_on_atomic_write(archive, monkeypatch, obj / "inventory.json")

    assert (obj / "v2" / "content" / "a.txt").read_bytes() == b"new"  # v2 moved in...
    assert archive.head(OID) == "v1"  # ...but readers do not see it yet
    assert archive.read_bytes(OID, "a.txt") == b"old"

    with Archive.open(archive.root).writer():
        pass

    assert archive.head(OID) == "v2"
    assert archive.read_bytes(OID, "a.txt") == b"new"
    assert (obj / "inventory.json").read_bytes() == (obj / "v2" / "inventory.json").read_bytes()
    assert staging_dirs(archive.root) == []
    report = archive.fsck()
    assert report.ok, report.problems
    assert_valid_ocfl(archive.root, objects=1)


def test_a_crash_before_the_root_sidecar_is_replaced_is_finished_by_recovery(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(archive, OID, {"a.txt": b"old"})
    obj = archive.object_path(OID)
    _crash_on_atomic_write(archive, monkeypatch, obj / "inventory.json.sha512")

    with Archive.open(archive.root).writer():
        pass

    assert archive.head(OID) == "v2"
    assert staging_dirs(archive.root) == []
    report = archive.fsck()
    assert report.ok, report.problems
    assert_valid_ocfl(archive.root, objects=1)


# ---------------------------------------------------------------------------------------------
# 10. fsck_object on the OCFL 1.1 conformance fixtures (CC BY 4.0, see fixtures/ocfl/README.md)

OCFL_FIXTURES = Path(__file__).parent / "fixtures" / "ocfl" / "1.1"

# bad objects whose defect fsck must report, and the path (in the object) it must name
BAD_FIXTURES: dict[str, tuple[str, ...]] = {
    "E092_content_file_digest_mismatch": ("v1/content/test.txt",),
    "E092_E093_content_path_does_not_exist": ("v1/content/bonus.txt",),
    "E023_extra_file": ("v1/content/file2.txt",),
    "E058_no_sidecar": ("inventory.json.sha512",),
    "E060_E064_root_inventory_digest_mismatch": ("inventory.json.sha512", "inventory.json"),
    "E060_version_inventory_digest_mismatch": ("v1/inventory.json.sha512",
                                               "v1/inventory.json"),
    "E007_bad_declaration_contents": ("0=ocfl_object_1.1",),
    "E093_fixity_digest_mismatch": ("v1/content/test.txt",),
    "E066_E092_old_manifest_digest_incorrect": ("v1/content/file-1.txt", "v1/inventory.json"),
    "E092_algorithm_change_incorrect_digest": ("v1/content/file-1.txt",),
}
# malformed objects: fsck_object must report them rather than raise
MALFORMED_FIXTURES = ("E003_no_decl", "E040_wrong_head_format")


def _fixture_inventory(kind: str, name: str) -> dict:
    return json.loads((OCFL_FIXTURES / kind / name / "inventory.json").read_bytes())


def _fixture_params(names: list[str]) -> list:
    return [pytest.param(name, id=name) for name in names]


def _install_fixture(archive: Archive, kind: str, name: str) -> Path:
    """Copy a fixture object to where the archive's layout puts its id; return its folder."""
    source = OCFL_FIXTURES / kind / name
    target = archive.root / object_root_for(_fixture_inventory(kind, name)["id"])
    shutil.copytree(source, target)
    return target


def test_every_fixture_named_here_is_copied() -> None:
    """The fixtures named here, with the path fsck must name; every other copied object is
    used by the whole-archive conformance test (tests/stress/test_ocfl_conformance.py)."""
    good = sorted(p.name for p in (OCFL_FIXTURES / "good-objects").iterdir())
    bad = sorted(p.name for p in (OCFL_FIXTURES / "bad-objects").iterdir())
    assert good, "no good-object fixtures found"
    assert set(BAD_FIXTURES) | set(MALFORMED_FIXTURES) <= set(bad)


@pytest.mark.parametrize("kind", ["good-objects", "bad-objects"])
def test_fixture_copies_are_judged_by_ocfl_py_as_their_folder_says(kind: str) -> None:
    """Guards the copies themselves: ocfl-py accepts every good object, rejects every bad one."""
    for folder in sorted((OCFL_FIXTURES / kind).iterdir()):
        valid = Validator(log_warnings=False).validate_object(str(folder))
        assert valid is (kind == "good-objects"), folder.name


@pytest.mark.parametrize("name", _fixture_params(
    sorted(p.name for p in (OCFL_FIXTURES / "good-objects").iterdir())))
def test_fsck_object_finds_no_problem_in_a_good_fixture(archive: Archive, name: str) -> None:
    folder = _install_fixture(archive, "good-objects", name)
    report = FsckReport()
    archive.fsck_object(folder, report)
    assert report.problems == []
    manifest = _fixture_inventory("good-objects", name)["manifest"]
    assert report.files == sum(len(paths) for paths in manifest.values())


@pytest.mark.parametrize("name", _fixture_params(sorted(BAD_FIXTURES)))
def test_fsck_object_reports_the_defect_of_a_bad_fixture(archive: Archive, name: str) -> None:
    folder = _install_fixture(archive, "bad-objects", name)
    report = FsckReport()
    archive.fsck_object(folder, report)
    assert report.ok is False
    where = folder.relative_to(archive.root).as_posix()
    expected = {f"{where}/{rel}" for rel in BAD_FIXTURES[name]}
    assert expected & {p.path for p in report.problems}, report.problems


@pytest.mark.parametrize("name", [
    pytest.param(name, id=name) for name in MALFORMED_FIXTURES])
def test_fsck_object_reports_a_malformed_object_instead_of_raising(archive: Archive,
                                                                   name: str) -> None:
    folder = _install_fixture(archive, "bad-objects", name)
    report = FsckReport()
    archive.fsck_object(folder, report)
    assert report.ok is False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name an fd")
def test_the_folders_made_for_a_new_object_are_synced_before_the_commit_returns(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new object's path (three tuple folders, then its own) is made at commit time: the
    names of the folders made, not only the object's, must be durable."""
    monkeypatch.setattr(durable, "_syncfs", None)
    seen = _fsynced_paths(monkeypatch)
    commit(archive, OID, {"a.txt": b"A"})
    synced = {p.resolve() for p in seen}
    folder = archive.object_path(OID).parent
    while folder != archive.root:
        assert folder.resolve() in synced, folder
        folder = folder.parent
    assert archive.root.resolve() in synced


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name an fd")
def test_recovery_syncs_the_folders_a_stopped_commit_made_for_a_new_object(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit stopped after moving the new object into place, before syncing the names:
    recovery, which finds the folders there already, must sync them all the same."""
    monkeypatch.setattr(durable, "_syncfs", None)
    with monkeypatch.context() as patch:
        patch.setattr(durable, "sync_dirs", lambda folders: (_ for _ in ()).throw(
            SimulatedCrash()))
        with pytest.raises(SimulatedCrash):
            commit(archive, OID, {"a.txt": b"A"})
    assert archive.exists(OID) and staging_dirs(archive.root)
    seen = _fsynced_paths(monkeypatch)
    with Archive.open(archive.root).writer():  # recovery
        pass
    synced = {p.resolve() for p in seen}
    folder = archive.object_path(OID).parent
    while folder != archive.root:
        assert folder.resolve() in synced, folder
        folder = folder.parent
    assert archive.root.resolve() in synced and staging_dirs(archive.root) == []


@pytest.mark.parametrize(("held", "said"), [
    ([".DS_Store"], "not empty: it holds .DS_Store"),
    (["a", "b", "c", "d"], "it holds a, b, c and 1 more"),
    (["0=ocfl_1.0"], "an OCFL storage root of another version (0=ocfl_1.0)")])
def test_a_folder_that_is_no_archive_says_what_it_holds(tmp_path, held, said):
    """A folder holding only the Finder's .DS_Store looks empty to its owner, and the hint
    says to give an empty folder: the message says what is there."""
    root = tmp_path / "archive"
    root.mkdir()
    for name in held:
        (root / name).write_text("", encoding="utf-8")
    with pytest.raises(ArchiveError, match=re.escape(said)):
        Archive.open(root, create=True)


def test_an_object_folder_given_as_the_archive_says_so(tmp_path):
    archive = Archive.open(tmp_path / "archive", create=True)
    with archive.writer():
        archive.commit("wx:test", {"a.txt": b"a"}, message="one file")
    with pytest.raises(ArchiveError, match="an OCFL object, not a storage root"):
        Archive.open(archive.object_path("wx:test"))


@pytest.mark.parametrize("inside", ["sub", "sub/deeper", "OBJECT/v9", "OBJECT/v1/content/new"])
def test_no_archive_is_made_inside_another_archive_or_its_objects(tmp_path, inside):
    """An archive made within a storage root, or within one of its objects, would become part
    of them: the object around it fails its next version as damaged. Such a path is refused
    for reading and writing alike, and nothing is written there."""
    archive = Archive.open(tmp_path / "archive", create=True)
    with archive.writer():
        archive.commit("wx:test", {"a.txt": b"a"}, message="one file")
    obj = archive.object_path("wx:test")
    target = Path(str(tmp_path / "archive" / inside).replace(
        str(tmp_path / "archive" / "OBJECT"), str(obj)))
    before = everything_under(archive.root)
    for create in (True, False):
        with pytest.raises(ArchiveError, match="this folder is inside the OCFL "
                           + ("object" if "OBJECT" in inside else "storage root")):
            Archive.open(target, create=create)
    assert everything_under(archive.root) == before
    assert_valid_ocfl(archive.root, objects=1)


@pytest.mark.parametrize("damage", ["flipped", "deleted"])
def test_a_new_version_never_shares_a_stored_file_that_is_damaged(archive, damage):
    """OCFL stores bytes an object already holds once, by digest: a new version holding the
    same image would point at the stored copy. A copy damaged since (a flipped byte, a file
    deleted) is not shared: the version is refused, naming the file, and nothing is written."""
    commit(archive, OID, {"assets/a.jpg": b"image bytes", "record.json": b"{}"})
    stored = archive.object_path(OID) / "v1" / "content" / "assets" / "a.jpg"
    if damage == "flipped":
        stored.write_bytes(b"imagE bytes")
    else:
        stored.unlink()
    before = everything_under(archive.root)
    with pytest.raises(DamagedObject, match=r"stored copy of assets/a\.jpg .* no new version"):
        commit(archive, OID, {"assets/a.jpg": b"image bytes", "record.json": b"{ }"})
    assert everything_under(archive.root) == before
    assert archive.head(OID) == "v1"


def test_a_reader_between_a_commits_inventory_and_its_sidecar_trusts_the_head_copy(archive):
    """A commit replaces the root inventory, then its sidecar; a reader (no lock) may come
    between the two, and a crash may stop a commit there. The root inventory is then the
    head version's own copy, which matches its own sidecar: readers trust it (they once
    called the object damaged, and said to restore it from a backup, which would lose the
    version). The writer still refuses to build on it until the sidecar is right, and an
    inventory edited by hand fails readers too."""
    commit(archive, OID, {"a.txt": b"A"})
    obj = archive.object_path(OID)
    old_sidecar = (obj / "inventory.json.sha512").read_bytes()
    commit(archive, OID, {"a.txt": b"B"})
    (obj / "inventory.json.sha512").write_bytes(old_sidecar)  # the moment before its sidecar
    assert [v.number for v in archive.versions(OID)] == ["v1", "v2"]
    assert archive.read_bytes(OID, "a.txt") == b"B"
    with pytest.raises(DamagedObject, match="no version is added on it"):
        archive.inventory(OID, sealed=True)
    edited = (obj / "inventory.json").read_bytes().replace(b'"message": "', b'"message": "X', 1)
    (obj / "inventory.json").write_bytes(edited)
    with pytest.raises(DamagedObject, match="does not match its sidecar"):
        archive.versions(OID)


def test_a_root_inventory_put_back_from_an_older_version_hides_no_version_from_readers(
        archive):
    """v1 to v3 committed, then v2's own inventory copied over the root's (v3's sidecar
    left): it is v2's sealed copy, but v3's folder beside it says a version would be hidden.
    Readers call the object damaged, as fsck does, not healthy at v2."""
    for data in (b"1", b"2", b"3"):
        commit(archive, OID, {"a.txt": data})
    obj = archive.object_path(OID)
    shutil.copy(obj / "v2" / "inventory.json", obj / "inventory.json")
    with pytest.raises(DamagedObject, match="does not match its sidecar"):
        archive.versions(OID)


def test_a_commit_shares_unread_only_the_stored_copies_it_was_told_were_checked(archive):
    """verify keeps its results as a new version holding what it read, checked, from the
    head; its citations.json may be the bytes of an older version's, stored once: that copy
    was not read, and is compared before it is shared (damaged, the commit is refused)."""
    commit(archive, OID, {"citations.json": b"old verdict", "a.txt": b"A"})
    commit(archive, OID, {"citations.json": b"new verdict", "a.txt": b"A"})
    obj = archive.object_path(OID)
    (obj / "v1" / "content" / "citations.json").write_bytes(b"old verdicT")
    head = archive.versions(OID)[-1]
    with archive.writer(), pytest.raises(DamagedObject, match="citations.json"):
        archive.commit(OID, {"citations.json": b"old verdict", "a.txt": b"A"}, "again",
                       shared_checked=frozenset(head.state.values()))
    assert archive.head(OID) == "v2"


def test_an_inventory_read_once_is_not_parsed_again_while_its_bytes_are_the_same(
        archive, inventory_parses):
    """Reading an object asks for its root inventory at each step (its versions, then a
    file of each version), and the inventory lists every version: it is parsed and checked
    once, and again only when its bytes, or its sidecar's, are not those read then."""
    for data in (b"1", b"2", b"3"):
        commit(archive, OID, {"a.txt": data})
    parsed = inventory_parses
    parsed.clear()
    for version in archive.versions(OID):
        assert archive.read_bytes(OID, "a.txt", version.number) == version.number[1:].encode()
    assert len(parsed) == 1
    commit(archive, OID, {"a.txt": b"4"})  # the writer's own reading is always afresh
    parsed.clear()
    assert archive.head(OID) == "v4" and archive.read_bytes(OID, "a.txt") == b"4"
    assert len(parsed) == 1


def test_a_byte_flipped_in_an_inventory_already_read_is_still_damage(archive):
    """The inventory kept read is compared by its bytes, not its file's times: a byte
    changed in place within the file system's clock tick, at the same size, keeps those."""
    commit(archive, OID, {"a.txt": b"A"})
    assert archive.read_bytes(OID, "a.txt") == b"A"
    path = archive.object_path(OID) / "inventory.json"
    status = path.stat()
    data = bytearray(path.read_bytes())
    data[data.index(b"Archive Tester")] ^= 0x01
    path.write_bytes(bytes(data))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    with pytest.raises(DamagedObject, match="inventory"):
        archive.read_bytes(OID, "a.txt")


def test_an_inventory_handed_out_is_the_callers_own(archive):
    """The inventory the library hands out may be changed by its caller: what the archive
    reads next is unchanged by that."""
    commit(archive, OID, {"a.txt": b"A"})
    mine = archive.inventory(OID)
    mine["versions"]["v1"]["state"].clear()
    mine["head"] = "v9"
    assert archive.head(OID) == "v1"
    assert archive.read_bytes(OID, "a.txt") == b"A"



def test_a_version_a_long_history_lacks_is_hinted_at_by_its_first_and_last(archive):
    """The hint of a version the post lacks names its versions; past a few, the first and
    the last (OCFL numbers them one after another), never hundreds on one line."""
    for data in (b"1", b"2"):
        commit(archive, OID, {"a.txt": data})
    with pytest.raises(NotFound) as short:
        archive.read_bytes(OID, "a.txt", "v9")
    assert short.value.hint == "versions: v1, v2"
    for number in range(3, 10):
        commit(archive, OID, {"a.txt": str(number).encode()})
    with pytest.raises(NotFound) as long:
        archive.read_bytes(OID, "a.txt", "v10")
    assert long.value.hint == "versions: v1 to v9 (9)"
    from archiver.history import diff_versions
    with pytest.raises(NotFound) as compared:  # diff words it alike
        diff_versions(archive, OID, "v1", "v10")
    assert compared.value.hint == "versions: v1 to v9 (9)"


def test_an_inventory_its_head_copy_vouched_for_is_read_afresh_each_time(archive):
    """Between a commit's inventory and its sidecar the root inventory is trusted as the
    head version's own copy; that is no inventory to keep read: the copy may be gone the
    next moment, and the object is then damaged."""
    commit(archive, OID, {"a.txt": b"A"})
    obj = archive.object_path(OID)
    old_sidecar = (obj / "inventory.json.sha512").read_bytes()
    commit(archive, OID, {"a.txt": b"B"})
    (obj / "inventory.json.sha512").write_bytes(old_sidecar)  # the moment before its sidecar
    assert archive.head(OID) == "v2"
    (obj / "v2" / "inventory.json").unlink()
    with pytest.raises(DamagedObject, match="does not match its sidecar"):
        archive.versions(OID)


def test_an_inventory_kept_read_is_read_again_when_its_sidecar_changes(archive):
    """The sidecar vouches for the inventory: another sidecar (damaged, here, with the head's
    copy gone too) is another answer, never the one kept."""
    commit(archive, OID, {"a.txt": b"A"})
    obj = archive.object_path(OID)
    assert archive.head(OID) == "v1"
    (obj / "inventory.json.sha512").write_bytes(b"0" * 128 + b" inventory.json\n")
    (obj / "v1" / "inventory.json").unlink()
    with pytest.raises(DamagedObject, match="does not match its sidecar"):
        archive.versions(OID)


def test_an_inventory_is_kept_under_the_sidecar_that_vouched_for_it(archive, monkeypatch):
    """A commit may come between a reader's check of the sidecar and the end of its
    reading: the inventory is kept with the sidecar it was checked against, not the one
    there a moment later, which is the next inventory's. Put back over the root alone (an
    older copy restored), the old inventory is then damage, as a fresh reading says."""
    commit(archive, OID, {"a.txt": b"A"})
    obj = archive.object_path(OID)
    first = (obj / "inventory.json").read_bytes()
    checking = store_archive.sidecar_problem
    later: list[bool] = []

    def then_a_commit(*args, **kwargs):
        problem = checking(*args, **kwargs)
        if not later:
            later.append(True)
            commit(Archive.open(archive.root), OID, {"a.txt": b"B"})
        return problem

    reader = Archive.open(archive.root)
    monkeypatch.setattr(store_archive, "sidecar_problem", then_a_commit)
    assert reader.head(OID) == "v1"
    monkeypatch.undo()
    (obj / "inventory.json").write_bytes(first)
    with pytest.raises(DamagedObject):
        Archive.open(archive.root).versions(OID)
    with pytest.raises(DamagedObject):
        reader.versions(OID)


def test_the_versions_handed_out_are_the_callers_own(archive):
    commit(archive, OID, {"a.txt": b"A"})
    archive.versions(OID)[0].user["name"] = "someone else"
    assert archive.versions(OID)[0].user["name"] == USER["name"]


def _fifo_in_place_of(archive: Archive, name: str) -> Path:
    """An object of one version whose file ``name`` is replaced by a FIFO."""
    commit(archive, OID, {"a.txt": b"A"})
    path = archive.object_path(OID) / name
    path.unlink()
    os.mkfifo(path)
    return path


def _unblocked(work, fifo: Path) -> None:
    """Run ``work`` in a thread; fail, never hang the suite, if a reading of ``fifo`` blocks
    it (a writer to the FIFO then lets the blocked reading end)."""
    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():
        with open(fifo, "wb"):
            pass
        pytest.fail("a reading of the FIFO blocked")


def test_a_fifo_in_place_of_a_sidecar_blocks_no_reader_and_no_writer(archive):
    """A FIFO where the sidecar should be is no sidecar (a reading of it would wait
    forever): readers trust the head version's copy, as for a sidecar missing, and the
    writer refuses to build on it."""
    sidecar = _fifo_in_place_of(archive, "inventory.json.sha512")
    outcomes: list[object] = []

    def read_then_write() -> None:
        outcomes.append([v.number for v in Archive.open(archive.root).versions(OID)])
        try:
            commit(Archive.open(archive.root), OID, {"a.txt": b"B"})
        except DamagedObject as exc:
            outcomes.append(exc.message)

    _unblocked(read_then_write, sidecar)
    assert outcomes[0] == ["v1"]
    assert "sidecar inventory.json.sha512 is missing" in str(outcomes[1])


def test_a_fifo_in_place_of_an_inventory_is_damage_said_not_a_reading_blocked(archive):
    inventory = _fifo_in_place_of(archive, "inventory.json")
    outcomes: list[object] = []

    def read_and_check() -> None:
        outcomes.append(Archive.open(archive.root).unreadable_because(OID))  # as ids are read
        outcomes.append(Archive.open(archive.root).fsck().problems)

    _unblocked(read_and_check, inventory)
    with pytest.raises(DamagedObject, match="inventory.json is not a file"):  # not "no object"
        Archive.open(archive.root).versions(OID)
    assert outcomes[0].message == "the object's inventory.json is not a file"
    assert any("not a regular file" in problem.message for problem in outcomes[1])


def test_a_sidecar_that_is_a_loop_of_links_is_no_sidecar(archive):
    """As a sidecar missing, or a folder in its place: readers trust the head's copy."""
    commit(archive, OID, {"a.txt": b"A"})
    sidecar = archive.object_path(OID) / "inventory.json.sha512"
    sidecar.unlink()
    sidecar.symlink_to(sidecar)
    assert [v.number for v in Archive.open(archive.root).versions(OID)] == ["v1"]


def test_a_sidecar_that_cannot_be_read_is_said_to_be_so(archive, monkeypatch):
    """(Simulated: the tests may run as root, whom no permission stops.)"""
    commit(archive, OID, {"a.txt": b"A"})
    reading = Path.read_bytes

    def refused(self):
        if self.name.startswith("inventory.json."):
            raise PermissionError(13, "Permission denied", str(self))
        return reading(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    with pytest.raises(DamagedObject, match=r"sidecar cannot be read \(Permission denied\)"):
        Archive.open(archive.root).versions(OID)



@pytest.mark.parametrize("gone", ["moved", "removed"])
def test_a_writer_whose_archive_is_moved_or_removed_writes_nothing_more(
        archive: Archive, tmp_path: Path, gone: str) -> None:
    """The archive moved (or deleted) while a command writes to it: its next commit made the
    objects again at the old path, half, outside any lock, and the run said they were
    archived. It is refused, and nothing appears at the old path."""
    import shutil
    with archive.writer():
        archive.commit_all([Change(OID, {"a.txt": b"A"}, "before")])
        if gone == "moved":
            archive.root.rename(tmp_path / "elsewhere")
        else:
            shutil.rmtree(archive.root)
        with pytest.raises(ArchiveError, match="moved or removed while this command"):
            archive.commit_all([Change("wechat:post-2", {"b.txt": b"B"}, "after")])
        with pytest.raises(ArchiveError, match="moved or removed"):
            archive.write_extension_file("index.json", b"{}")
    assert not archive.root.exists()
    if gone == "moved":
        moved = Archive.open(tmp_path / "elsewhere")
        assert moved.object_ids() == [OID] and moved.fsck().ok


def test_a_writer_whose_lock_file_is_replaced_writes_nothing_more_and_says_why(
        archive: Archive) -> None:
    """The lock folder removed by hand while a writer held (or waited for) it: a second
    writer could take a new lock beside it, so nothing more is written; the archive has not
    moved, and the message does not send the user looking for it."""
    import shutil
    with archive.writer():
        shutil.rmtree(archive.root / "extensions" / "archiver-lock")
        with pytest.raises(ArchiveError, match="lock file was removed or replaced") as caught:
            archive.commit_all([Change(OID, {"a.txt": b"A"}, "after")])
    assert "run the command again" in caught.value.hint
    assert not archive.exists(OID)


def test_a_folder_holding_someone_s_temporary_file_is_no_interrupted_archive(
        tmp_path: Path) -> None:
    """Only the names archiver gives its temporary files mark an archive's creation cut
    short: a folder holding another's ``.notes.tmp`` was taken for one, made an archive, and
    the file removed once an hour old."""
    import os
    import time
    folder = tmp_path / "mine"
    folder.mkdir()
    notes = folder / ".notes.tmp"
    notes.write_text("mine", encoding="utf-8")
    long_ago = time.time() - 3600
    os.utime(notes, (long_ago, long_ago))
    with pytest.raises(ArchiveError):
        Archive.open(folder, create=True)
    assert notes.read_text(encoding="utf-8") == "mine"
    assert not (folder / "0=ocfl_1.1").exists()


# ---------------------------------------------------------------------------------------------
# 11. a version added to an object another tool made (the OCFL 1.1 conformance fixtures)

# every good and warn fixture: objects another tool made, whose ids are URIs or not
OTHER_TOOLS = [(kind, p.name) for kind in ("good-objects", "warn-objects")
               for p in sorted((OCFL_FIXTURES / kind).iterdir())]


def _logical_states(archive: Archive, object_id: str) -> dict[str, dict[str, bytes]]:
    """Every version's files, as the archive reads them (each checked against its digest)."""
    inventory = archive.inventory(object_id)
    return {number: {logical: archive.read_bytes(object_id, logical, number)
                     for paths in version["state"].values() for logical in paths}
            for number, version in inventory["versions"].items()}


@pytest.mark.parametrize(("kind", "name"), [pytest.param(k, n, id=n) for k, n in OTHER_TOOLS])
def test_a_version_added_to_another_tool_s_object_leaves_it_valid_and_its_past_whole(
        archive: Archive, kind: str, name: str) -> None:
    """Whatever the object's digest algorithm (W004: sha256), content directory
    (``stuff``), version names (W001: ``v001``) or digests' case: the new version is valid to
    fsck and to ocfl-py, and every earlier version reads back byte for byte as before."""
    folder = _install_fixture(archive, kind, name)
    object_id = _fixture_inventory(kind, name)["id"]
    before = _logical_states(archive, object_id)
    old_versions = {number: files_under(folder / number) for number in before}

    commit(archive, object_id, {"added by archiver.txt": b"new bytes"})

    after = _logical_states(archive, object_id)
    head = archive.head(object_id)
    assert {number: after[number] for number in before} == before
    assert after[head] == {"added by archiver.txt": b"new bytes"}
    assert {number: files_under(folder / number) for number in before} == old_versions
    inventory = archive.inventory(object_id)
    assert inventory["digestAlgorithm"] == "sha512"
    assert sorted(p.name for p in folder.glob("inventory.json.*")) == ["inventory.json.sha512"]
    report = FsckReport()
    archive.fsck_object(folder, report)
    assert report.problems == []
    assert Validator(log_warnings=False).validate_object(str(folder))


def test_an_object_s_sha256_digests_are_kept_as_fixity_when_moved_to_sha512(
        archive: Archive) -> None:
    """Nothing the object said of its files is lost: the old manifest's digests become the
    sha256 fixity block, and unchanged content is shared, not stored again."""
    folder = _install_fixture(archive, "warn-objects", "W004_uses_sha256")
    old = _fixture_inventory("warn-objects", "W004_uses_sha256")
    object_id = old["id"]
    logical = next(iter(next(iter(old["versions"].values()))["state"].values()))[0]
    kept = archive.read_bytes(object_id, logical)

    commit(archive, object_id, {logical: kept, "new.txt": b"new"})

    inventory = archive.inventory(object_id)
    fixity = inventory["fixity"]["sha256"]
    for digest, paths in old["manifest"].items():
        assert set(paths) <= set(fixity[digest.lower()])
    assert inventory["manifest"][hashlib.sha512(kept).hexdigest()] == \
        old["manifest"][hashlib.sha256(kept).hexdigest()]  # shared with v1, not copied
    assert not (folder / archive.head(object_id) / "content" / logical).exists()


def test_a_damaged_file_in_a_sha256_object_stops_the_move_to_sha512_and_the_commit(
        archive: Archive) -> None:
    """A new digest is never given to damaged bytes: the commit is refused, nothing written."""
    folder = _install_fixture(archive, "warn-objects", "W004_uses_sha256")
    object_id = _fixture_inventory("warn-objects", "W004_uses_sha256")["id"]
    stored = next(p for p in sorted((folder / "v1" / "content").rglob("*")) if p.is_file())
    stored.write_bytes(stored.read_bytes() + b"!")
    before = files_under(folder)

    with pytest.raises(DamagedObject, match="does not match the sha256 digest") as caught:
        commit(archive, object_id, {"new.txt": b"new"})

    assert "fsck" in caught.value.hint
    assert files_under(folder) == before
    assert staging_dirs(archive.root) == []


@pytest.mark.parametrize("odd", ["named pipe", "link out of the archive"])
def test_a_stored_file_that_is_no_regular_file_stops_the_move_to_sha512(
        archive: Archive, tmp_path: Path, odd: str) -> None:
    """A named pipe would make the read wait for ever (under the lock), a link be read
    through to a file outside the archive: neither is read, and the commit is refused."""
    folder = _install_fixture(archive, "warn-objects", "W004_uses_sha256")
    object_id = _fixture_inventory("warn-objects", "W004_uses_sha256")["id"]
    stored = next(p for p in sorted((folder / "v1" / "content").rglob("*")) if p.is_file())
    stored.unlink()
    if odd == "named pipe":
        os.mkfifo(stored)
    else:
        (tmp_path / "outside.txt").write_bytes(b"not the archive's")
        stored.symlink_to(tmp_path / "outside.txt")

    with pytest.raises(DamagedObject, match="is no file inside the object"):
        commit(archive, object_id, {"new.txt": b"new"})

    assert archive.head(object_id) == "v1"


def test_a_crash_before_the_old_sidecar_is_removed_is_finished_by_recovery(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sha256 sidecar goes only once the sha512 one vouches for the root inventory; a
    crash between the two leaves both, and the next writer removes the old one."""
    folder = _install_fixture(archive, "warn-objects", "W004_uses_sha256")
    object_id = _fixture_inventory("warn-objects", "W004_uses_sha256")["id"]
    real = Path.unlink

    def unlink(path: Path, *args, **kwargs) -> None:
        if path.name == "inventory.json.sha256" and path.parent == folder:
            raise SimulatedCrash
        real(path, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "unlink", unlink)
        with pytest.raises(SimulatedCrash):
            commit(archive, object_id, {"new.txt": b"new"})
    assert (folder / "inventory.json.sha256").is_file()
    assert archive.head(object_id) == "v2"  # readers see the new version already

    with Archive.open(archive.root).writer():  # recovery
        pass

    assert sorted(p.name for p in folder.glob("inventory.json.*")) == ["inventory.json.sha512"]
    report = archive.fsck()
    assert report.ok, report.problems


@pytest.mark.parametrize("folder", ["../../../../../../escaped", "..", ".", "a/b", ""])
def test_a_content_directory_that_is_no_folder_name_is_refused_and_nothing_written(
        archive: Archive, tmp_path: Path, folder: str) -> None:
    """OCFL E017: the content directory is one folder's name. An inventory edited to name a
    path there would have a new version's files written wherever it points: out of the
    archive even. The inventory is unusable; no version is added."""
    commit(archive, OID, {"a.txt": b"one"})
    obj = archive.object_path(OID)
    for where in (obj, obj / "v1"):
        inventory = json.loads((where / "inventory.json").read_bytes())
        inventory["contentDirectory"] = folder
        data = dumps(inventory)
        (where / "inventory.json").write_bytes(data)
        (where / "inventory.json.sha512").write_bytes(sidecar_of(data))
    before = files_under(archive.root)

    with pytest.raises(DamagedObject, match="contentDirectory"):
        commit(archive, OID, {"x.txt": b"new"})

    assert files_under(archive.root) == before
    assert not (tmp_path / "escaped").exists()


@pytest.mark.parametrize(("head", "after"), [("v0", "v1"), ("v1", "v2"), ("v9", "v10"),
                                             ("v001", "v002"), ("v009", "v010"),
                                             ("v0099", "v0100")])
def test_the_next_version_keeps_the_object_s_way_of_naming_versions(head: str,
                                                                     after: str) -> None:
    assert store_archive.next_version_number(head) == after


def test_a_zero_padded_object_with_no_name_left_gets_no_version() -> None:
    """OCFL: padded names keep one leading zero; ``v099`` is the last of width three."""
    with pytest.raises(ArchiveError, match="zero-padded to 3 digits"):
        store_archive.next_version_number("v099")
