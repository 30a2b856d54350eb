"""Ingest into an archive: versions only on real change, receipts that never lie, OCFL validity."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import lxml.html
import ocfl
import pytest
from ocfl.validator import Validator

from archiver.fsck import check_archive
from archiver.pipeline import ingest_paths
from archiver.store import Archive

from conftest import FIXTURES, WECHAT

MUFENG = WECHAT / "html-with-assets" / "mufeng__2018-01-29_大都市与小城镇——从东京的人口说起"


def versions_of(archive_root: Path) -> dict[str, str]:
    archive = Archive.open(archive_root)
    return {oid: archive.head(oid) for oid in archive.object_ids()}


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory):
    """The whole corpus ingested once (offline)."""
    from archiver.config import load_config
    root = tmp_path_factory.mktemp("corpus")
    config = load_config({}, root).with_overrides(archive=root / "archive", fetch=False)
    first = ingest_paths([WECHAT], config)
    return config, first


def test_every_corpus_post_is_ingested(corpus_archive):
    _, first = corpus_archive
    statuses = Counter(r.status for r in first)
    assert statuses["failed"] == 0
    assert statuses["skipped"] == 1  # LABELS.md is not a post
    assert statuses["unavailable"] == 1  # the deleted post
    assert sum(statuses.values()) == 27


def test_reingesting_the_corpus_changes_nothing(corpus_archive):
    config, _ = corpus_archive
    before = versions_of(config.archive)
    again = ingest_paths([WECHAT], config)
    assert {r.status for r in again} == {"unchanged", "skipped"}
    assert versions_of(config.archive) == before


def test_reprocessing_without_receipts_also_changes_nothing(corpus_archive):
    """--refresh re-reads every post: the same bytes give the same record, so no version."""
    config, _ = corpus_archive
    before = versions_of(config.archive)
    again = ingest_paths([WECHAT], config, refresh=True)
    assert {r.status for r in again} == {"unchanged", "skipped"}
    assert versions_of(config.archive) == before


def test_a_receipt_answers_as_the_store_did(config):
    """Re-ingesting unchanged files is answered by receipts alone: the same results, the
    record paths included, as the run that stored the posts."""
    first = ingest_paths([MUFENG.parent], config)
    again = ingest_paths([MUFENG.parent], config)
    assert [r.status for r in again] == ["unchanged"] * len(first)
    assert [(r.object_id, r.version, r.record) for r in again] == \
        [(r.object_id, r.version, r.record) for r in first]
    assert all((config.archive / r.record).is_file() for r in again)


def test_receipts_an_earlier_version_keyed_by_sha512_are_dropped_not_trusted(config):
    ingest_paths([MUFENG.parent], config)
    path = config.archive / "extensions" / "archiver-index" / "receipts.json"
    receipts = json.loads(path.read_bytes())
    assert receipts and all(len(key) == 64 for key in receipts)
    old = {key * 2: value for key, value in receipts.items()}  # a 128-digit key
    path.write_text(json.dumps(old), encoding="utf-8")
    again = ingest_paths([MUFENG.parent], config)
    assert {r.status for r in again} == {"unchanged"}  # processed again, found unchanged
    assert json.loads(path.read_bytes()) == receipts


@pytest.mark.parametrize("edit", ["id-null", "no-version", "stored-outside", "size-text",
                                  "posts-not-a-list", "receipt-not-a-dict", "record-number",
                                  "no-warnings"])
def test_a_receipt_edited_into_another_shape_vouches_for_nothing_and_breaks_nothing(config,
                                                                                     edit):
    """receipts.json is derived data a hand may edit: a receipt of another shape is not
    trusted (the post is read again and found unchanged), and never crashes the run. A
    stored file's path that leaves the version's content (``../``) vouches for nothing."""
    first = ingest_paths([MUFENG.parent], config)
    path = config.archive / "extensions" / "archiver-index" / "receipts.json"
    receipts = json.loads(path.read_bytes())
    key = next(iter(receipts))
    receipt = receipts[key][0]
    post = receipt["posts"][0]
    if edit == "id-null":
        post["id"] = None
    elif edit == "no-version":
        del post["version"]
    elif edit == "stored-outside":
        post["stored"] = {"../../../../etc/hostname": 1}
    elif edit == "size-text":
        post["stored"] = {name: str(size) for name, size in post["stored"].items()}
    elif edit == "posts-not-a-list":
        receipt["posts"] = {"0": post}
    elif edit == "record-number":
        post["record"], post["stored"] = 7, None  # a receipt written before sizes were kept
    elif edit == "no-warnings":
        del post["warnings"]
    else:
        receipts[key][0] = "receipt"
    path.write_text(json.dumps(receipts), encoding="utf-8")
    again = ingest_paths([MUFENG.parent], config)
    assert {r.status for r in again} == {"unchanged"}
    assert [(r.object_id, r.version) for r in again] == [(r.object_id, r.version) for r in first]
    assert json.loads(path.read_bytes())[key][0]["posts"][0]["stored"]  # written anew


def test_the_two_saves_of_one_post_share_an_object(corpus_archive):
    _, first = corpus_archive
    twins = {r.object_id for r in first if "mufeng__2018" in r.source}
    assert twins == {"wx:MzI0ODE5NDU5Mw==/2649548840/1"}
    pair = {r.object_id for r in first if "v0c11e10" in r.source or "v33186a9" in r.source}
    assert len(pair) == 1


def test_ocfl_validator_accepts_the_archive(corpus_archive):
    config, _ = corpus_archive
    logging.getLogger().setLevel(logging.WARNING)
    root = ocfl.StorageRoot(root=str(config.archive))
    assert root.validate()
    assert root.num_objects == root.good_objects == len(versions_of(config.archive))


def _ocfl_warnings(archive: Archive, object_id: str) -> str:
    validator = Validator(log_warnings=True)
    assert validator.validate_object(str(archive.object_path(object_id)))
    return validator.status_str()


def test_the_configured_user_adds_the_versions_with_the_address_ocfl_asks_for(config):
    """Each version names who added it (OCFL's ``user``): the configured name and address
    (a bare e-mail address given the mailto: scheme), so that ocfl-py no longer warns that
    the address is missing (W008), as it does for the login name alone."""
    page = MUFENG / "html" / "2018-01-29_大都市与小城镇——从东京的人口说起.html"
    [plain] = ingest_paths([page], config)
    archive = Archive.open(config.archive)
    [version] = archive.versions(plain.object_id)
    assert set(version.user) == {"name"}  # the login name
    assert "W008" in _ocfl_warnings(archive, plain.object_id)

    named = config.with_overrides(archive=config.archive.parent / "named", user_name="李华",
                                  user_address="lihua@example.org")
    [result] = ingest_paths([page], named)
    archive = Archive.open(named.archive)
    [version] = archive.versions(result.object_id)
    assert version.user == {"name": "李华", "address": "mailto:lihua@example.org"}
    assert "W008" not in _ocfl_warnings(archive, result.object_id)


def test_fsck_checks_fixity_and_schemas(corpus_archive):
    config, _ = corpus_archive
    report = check_archive(Archive.open(config.archive))
    assert report.ok, report.problems
    assert report.objects == len(versions_of(config.archive))


def test_fsck_tells_its_caller_of_each_object_once_in_each_pass(corpus_archive):
    """A caller (the command's progress bar) hears of every object as the digests of its
    files are checked, then of every post as its documents are: each once, with the totals
    the report gives in the end."""
    config, _ = corpus_archive
    steps = []
    report = check_archive(Archive.open(config.archive), steps.append)
    fixity = [step for step in steps if step.stage == "fixity"]
    schemas = [step for step in steps if step.stage == "schemas"]
    assert len(fixity) + len(schemas) == len(steps)
    assert sorted(step.where for step in fixity) == sorted(versions_of(config.archive))
    assert {step.total for step in fixity} == {report.objects}
    assert sum(step.count for step in fixity) == report.files
    assert sorted(step.where for step in schemas) == sorted(versions_of(config.archive))
    assert {step.total for step in schemas} == {len(schemas)}
    assert all(step.count >= 2 and step.problems == 0 for step in schemas)  # record, provenance
    assert steps.index(fixity[-1]) < steps.index(schemas[0])


def test_fsck_checks_a_posts_verification_against_its_schema_too(config):
    [result] = ingest_paths([WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"], config)
    archive = Archive.open(config.archive)
    head = archive.versions(result.object_id)[-1]
    files = {path: archive.read_bytes(result.object_id, path) for path in head.state}
    with archive.writer():
        archive.commit(result.object_id, {**files, "citations.json": b'{"citations": 5}'},
                       "a verification of the wrong shape")
    report = check_archive(archive)
    assert {p.path for p in report.problems} == {f"{result.object_id} v2 citations.json"}


def test_an_index_this_tool_did_not_write_names_no_lost_post(config):
    ingest_paths([WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"], config)
    (config.archive / "extensions" / "archiver-index" / "index.json").write_text(
        '{"posts": 5}', encoding="utf-8")
    assert check_archive(Archive.open(config.archive)).ok


def test_the_sha256_of_every_source_and_image_is_written_as_computed_once(
        config, monkeypatch):
    """A post hands the archive the sha256 it computed anyway (each image's content address,
    the source's receipt digest), and the fixity block holds exactly those: bytes hashed once
    more by the store, and the block's digests, would both show here."""
    import hashlib

    from archiver.store import archive as archive_module
    from archiver.store import durable, layout
    hashed: list[int] = []

    class StoreHashlib:  # the store's hashlib, counting the bytes it gives sha256
        def __getattr__(self, name: str):
            return getattr(hashlib, name)

        @staticmethod
        def sha256(data: bytes = b""):
            hashed.append(len(data))
            return hashlib.sha256(data)

    for store_module in (archive_module, durable, layout):  # every part of the store that hashes
        monkeypatch.setattr(store_module, "hashlib", StoreHashlib())
    layout.object_root_for.cache_clear()  # (so that the id is hashed here, once)
    page = MUFENG / "html" / "2018-01-29_大都市与小城镇——从东京的人口说起.html"
    [result] = ingest_paths([page], config)
    archive = Archive.open(config.archive)
    inventory = archive.inventory(result.object_id)
    stored = {path: digest for digest, paths in inventory["fixity"]["sha256"].items()
              for path in paths}
    big = [path for path in stored if "/source/" in path or "/assets/" in path]
    assert len(big) == 5  # the page and its four images
    for path in big:
        data = (archive.object_path(result.object_id) / path).read_bytes()
        assert stored[path] == hashlib.sha256(data).hexdigest()
        assert len(data) not in hashed  # the store hashed the record and provenance alone
    # the object's folder is named by the sha256 of its id, computed once (then cached)
    id_hashes = hashed.count(len(result.object_id.encode("utf-8")))
    assert id_hashes == 1 and len(hashed) - id_hashes == 2  # the record and the provenance


def test_images_from_a_pages_folder_are_stored_content_addressed(corpus_archive):
    config, first = corpus_archive
    result = next(r for r in first if r.source.endswith(".html") and "mufeng__2018" in r.source)
    record = json.loads((config.archive / result.record).read_text(encoding="utf-8"))
    stored = [i for i in record["images"] if i["status"] == "stored"]
    assert stored and all(i["asset"] == f"assets/{i['sha256']}.jpg" for i in stored)
    archive = Archive.open(config.archive)
    for image in stored:
        assert archive.read_bytes(result.object_id, image["asset"]) is not None


def test_a_changed_image_file_is_noticed(tmp_path):
    """Receipts record the local files a post used; editing one forces re-processing."""
    from archiver.config import load_config
    post = tmp_path / "post"
    shutil.copytree(MUFENG, post)
    html = next((post / "html").glob("*.html"))
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    assert ingest_paths([html], config)[0].status == "added"
    assert ingest_paths([html], config)[0].status == "unchanged"
    image = sorted((post / "images").rglob("*.jpg"))[0]
    shutil.copy(sorted((post / "images").rglob("*.jpg"))[1], image)
    result = ingest_paths([html], config)[0]
    assert (result.status, result.version) == ("updated", "v2")


def test_a_missing_image_found_later_is_noticed(tmp_path):
    from archiver.config import load_config
    post = tmp_path / "post"
    shutil.copytree(MUFENG, post)
    html = next((post / "html").glob("*.html"))
    image = sorted((post / "images").rglob("*.jpg"))[0]
    kept = image.read_bytes()
    image.unlink()
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    first = ingest_paths([html], config)[0]
    assert any("missing" in w for w in first.warnings)
    image.write_bytes(kept)
    assert ingest_paths([html], config)[0].status == "updated"


def test_an_edit_saved_without_the_image_folder_keeps_the_images_the_post_had(tmp_path):
    """Images missing this time under the references the head stored them by are carried
    forward; an image the edit refers to differently is another image, and stays missing."""
    from archiver.config import load_config
    post = tmp_path / "post"
    shutil.copytree(MUFENG, post)
    html = next((post / "html").glob("*.html"))
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    [first] = ingest_paths([html], config)
    archive = Archive.open(config.archive)
    before = archive.read_json(first.object_id, "record.json")["images"]
    assert [i["status"] for i in before] == ["stored"] * 4

    shutil.move(post / "images", tmp_path / "elsewhere")
    page = html.read_text(encoding="utf-8")
    assert "这是今年的首篇" in page
    [second_src] = [i["original"] for i in before[1:2]]
    html.write_text(page.replace("这是今年的首篇", "这是今年的首篇（改）", 1)
                    .replace(second_src, second_src.replace(".jpg", "-new.jpg")),
                    encoding="utf-8")
    [edited] = ingest_paths([html], config)

    assert (edited.status, edited.version) == ("updated", "v2")
    after = archive.read_json(first.object_id, "record.json")["images"]
    assert [after[i] for i in (0, 2, 3)] == [before[i] for i in (0, 2, 3)]
    assert after[1]["status"] == "missing"
    assert sum(w.startswith(f"image {n} not obtained this time (file not found") and
               w.endswith("): v1's is kept") for n in (1, 3, 4)
               for w in edited.warnings) == 3
    provenance = archive.read_json(first.object_id, "provenance.json")["images"]
    assert [i["origin"] for i in provenance].count("carried forward from v1") == 3
    assert check_archive(archive).ok
    for image in (after[0], after[2], after[3]):
        assert archive.read_bytes(first.object_id, image["asset"], "v2")


def test_a_save_read_again_without_its_images_says_the_archived_ones_are_kept(tmp_path):
    """The same page read again with its image folder moved away is unchanged: the archive
    holds its images. The warnings said only "image 1 missing: file not found", as if the
    archive had lost them; they say the archived image is kept, as for a new version."""
    from archiver.config import load_config
    post = tmp_path / "post"
    shutil.copytree(MUFENG, post)
    html = next((post / "html").glob("*.html"))
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    [first] = ingest_paths([html], config)
    assert first.warnings == ()
    shutil.move(post / "images", tmp_path / "elsewhere")
    for refresh in (False, True):  # read again, and answered from the receipt after
        [again] = ingest_paths([html], config, refresh=refresh)
        assert (again.status, again.version) == ("unchanged", "v1")
        assert len(again.warnings) == 4
        for n, warning in enumerate(again.warnings, 1):
            assert warning.startswith(f"image {n} not obtained this time (file not found")
            assert warning.endswith("): v1's is kept")


def test_bad_input_writes_nothing(tmp_path):
    from archiver.config import load_config
    bad = tmp_path / "bad.html"
    bad.write_text("<html><head><title>x</title></head><body>mp.weixin.qq.com</body></html>")
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    result = ingest_paths([bad], config)[0]
    assert result.status == "failed"
    assert "no #js_content" in result.error.message
    assert not (tmp_path / "a").exists()  # no archive is made where none was


def test_a_path_is_resolved_as_path_resolve_resolves_it(tmp_path: Path) -> None:
    """Receipts name files by their resolved path; the folder is resolved once a run."""
    from archiver.receipts import resolved, resolved_folder

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "post.md").write_text("x")
    (tmp_path / "linked").symlink_to(real)
    (real / "sub" / "alias.md").symlink_to(real / "sub" / "post.md")
    (real / "sub" / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    resolved_folder.cache_clear()
    for path in [real / "sub" / "post.md", tmp_path / "linked" / "sub" / "post.md",
                 tmp_path / "linked" / "sub" / "alias.md", real / "sub" / "dangling.md",
                 tmp_path / "linked" / "sub" / ".." / "sub" / "post.md",
                 tmp_path / "linked" / "missing.md", Path("relative.md")]:
        assert resolved(path) == str(path.resolve()), path


# --- group commits --------------------------------------------------------------------------

def _spy_groups(monkeypatch) -> list[list[str]]:
    """The object ids of every group commit, in order."""
    import archiver.store as store
    groups: list[list[str]] = []
    real = store.Archive.commit_all

    def spy(self, changes):
        groups.append([change.object_id for change in changes])
        return real(self, changes)
    monkeypatch.setattr(store.Archive, "commit_all", spy)
    return groups


def test_a_run_commits_its_posts_in_groups_and_reports_each_once_it_is_on_disk(
        config, monkeypatch):
    import archiver.pipeline as pipeline
    monkeypatch.setattr(pipeline, "GROUP_POSTS", 3)
    groups = _spy_groups(monkeypatch)
    seen_on_disk: list[bool] = []

    def on_result(result):  # the post is readable from the archive when it is reported
        archive = Archive.open(config.archive)
        seen_on_disk.append(result.object_id is None or archive.exists(result.object_id)
                            and (config.archive / result.record).is_file())

    results = ingest_paths([WECHAT / "markdown"], config, on_result=on_result)
    stored = [r for r in results if r.status in ("added", "updated")]
    assert len(stored) >= 7 and all(seen_on_disk)
    # groups of three; one is cut short where a second save of one post follows the first
    assert max(len(g) for g in groups) == 3 and len(groups) < len(stored)
    assert sum(len(g) for g in groups) == len(stored)


def test_results_come_in_input_order_whatever_the_groups(config, tmp_path, monkeypatch):
    import archiver.pipeline as pipeline
    folder = tmp_path / "posts"
    shutil.copytree(WECHAT / "markdown", folder)
    (folder / "m-broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    expected = sorted(str(p) for p in folder.glob("*.md"))
    for size in (1, 2, 5, 100):
        monkeypatch.setattr(pipeline, "GROUP_POSTS", size)
        shutil.rmtree(config.archive, ignore_errors=True)
        results = ingest_paths([folder], config)
        assert [r.source for r in results] == expected
        assert [r.status for r in results if r.source.endswith("m-broken.md")] == ["failed"]


def test_a_group_waits_no_longer_than_its_time_limit(config, monkeypatch):
    import archiver.pipeline as pipeline
    monkeypatch.setattr(pipeline, "GROUP_SECONDS", 0.0)  # every group is already old enough
    groups = _spy_groups(monkeypatch)
    results = ingest_paths([WECHAT / "markdown"], config)
    assert [len(g) for g in groups] == [1] * len([r for r in results
                                                  if r.status in ("added", "updated")])


def test_two_saves_of_one_post_in_one_group_give_one_object_and_one_key(config, monkeypatch):
    """The second save is compared with the first, archived (its group is committed first),
    and it takes the first one's citation key."""
    groups = _spy_groups(monkeypatch)
    results = ingest_paths([MUFENG], config)
    ids = {r.object_id for r in results if r.object_id}
    assert len(ids) == 1 and len(groups) == 1 + any(r.status == "updated" for r in results)
    archive = Archive.open(config.archive)
    [oid] = ids
    keys = {json.loads(archive.read_bytes(oid, "record.json", v.number))["citation_key"]
            for v in archive.versions(oid)}
    assert len(keys) == 1


def test_a_group_that_cannot_be_committed_reports_none_of_its_posts(config, monkeypatch):
    import archiver.pipeline as pipeline
    import archiver.store as store
    from archiver.errors import ArchiveError
    monkeypatch.setattr(pipeline, "GROUP_POSTS", 2)
    real = store.Archive.commit_all
    calls = []

    def fails_second(self, changes):
        calls.append(changes)
        if len(calls) == 2:
            raise ArchiveError("disk full (a test's fault)")
        return real(self, changes)
    monkeypatch.setattr(store.Archive, "commit_all", fails_second)
    reported = []
    with pytest.raises(ArchiveError, match="disk full"):
        ingest_paths([WECHAT / "markdown"], config, on_result=reported.append)
    committed = {change.object_id for change in calls[0]}
    assert {r.object_id for r in reported if r.object_id} == committed
    assert set(Archive.open(config.archive).object_ids()) == committed
    assert check_archive(Archive.open(config.archive)).ok


# --- known digests: an unchanged file is not read again ---------------------------------------

def _spy(monkeypatch, module, name: str) -> list[Path]:
    """The first argument of each call of ``module.name`` (which still runs)."""
    calls: list[Path] = []
    real = getattr(module, name)

    def spy(path, *args, **kwargs):
        calls.append(path)
        return real(path, *args, **kwargs)
    monkeypatch.setattr(module, name, spy)
    return calls


def _spy_reads(monkeypatch) -> list[Path]:
    import archiver.readers as readers
    return _spy(monkeypatch, readers, "read_input_and_status")


def _settled_at_once(monkeypatch) -> None:
    """Files written by the test count as settled at once (else only after two seconds)."""
    import archiver.receipts as receipts
    monkeypatch.setattr(receipts, "SETTLED_NS", 0)


def _spy_extractions(monkeypatch) -> list[Path]:
    """The files whose posts a run reads and cleans (none that a receipt vouches for)."""
    import archiver.pipeline as pipeline
    return _spy(monkeypatch, pipeline, "prepare_all")


@pytest.mark.parametrize("change", ["none", "head-keeps-no-inventory-copy",
                                    "version-committed-by-the-library"])
def test_a_receipt_vouches_for_an_object_whose_inventory_is_whole(config, monkeypatch,
                                                                 change):
    """A receipt vouches for a post only while the object's inventory is the size of its
    head version's copy: but an object whose head keeps no copy (OCFL W010) is whole, and so
    is one the library gave a version the archive's index does not know yet (the inventory
    names its own head): neither is read again on every run. (The version the library
    made, holding the same saved file, is read once, as an edit of the post would be, and
    found to hold it unchanged: the index then knows it, and the receipt names it.)"""
    page = next(MUFENG.rglob("*.html"))
    [first] = ingest_paths([page], config)
    archive = Archive.open(config.archive)
    where = archive.object_path(first.object_id)
    if change == "head-keeps-no-inventory-copy":
        (where / "v1" / "inventory.json").unlink()
        (where / "v1" / "inventory.json.sha512").unlink()
    elif change == "version-committed-by-the-library":
        state = archive.inventory(first.object_id)["versions"]["v1"]["state"]
        files = {name: archive.read_bytes(first.object_id, name)
                 for names in state.values() for name in names}
        with archive.writer():
            archive.commit(first.object_id, {**files, "note.txt": b"kept by a script"},
                           "a script's version")
        [caught_up] = ingest_paths([page], config)
        assert (caught_up.status, caught_up.version) == ("unchanged", "v2")
    extracted = _spy_extractions(monkeypatch)
    [again] = ingest_paths([page], config)
    assert (again.status, again.object_id) == ("unchanged", first.object_id)
    assert extracted == []


def test_a_settled_unchanged_file_is_not_read_again(config, tmp_path, monkeypatch):
    _settled_at_once(monkeypatch)
    folder = tmp_path / "posts"
    shutil.copytree(MUFENG, folder)
    first = ingest_paths([folder], config)
    reads = _spy_reads(monkeypatch)
    again = ingest_paths([folder], config)
    assert reads == []
    assert [(r.status, r.object_id, r.version) for r in again] == [
        ("unchanged", r.object_id, r.version) for r in first]


def test_a_file_changed_with_its_size_and_time_kept_is_read_again(config, tmp_path,
                                                                  monkeypatch):
    """Its change time (which no tool can set) differs: the digest is recomputed."""
    _settled_at_once(monkeypatch)
    folder = tmp_path / "posts"
    shutil.copytree(MUFENG, folder)
    ingest_paths([folder], config)
    [page] = folder.rglob("*.md")
    before = page.stat()
    text = page.read_bytes()
    page.write_bytes(text.replace("东京".encode(), "大阪".encode(), 1))  # same length
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (page.stat().st_size, page.stat().st_mtime_ns) == (before.st_size,
                                                             before.st_mtime_ns)
    reads = _spy_reads(monkeypatch)
    again = ingest_paths([folder], config)
    assert page in reads
    assert [r.status for r in again if r.source == str(page)] == ["updated"]


def test_a_file_changed_just_before_it_was_read_is_read_again_next_time(config, tmp_path):
    folder = tmp_path / "posts"
    shutil.copytree(MUFENG, folder)  # just written: not settled
    ingest_paths([folder], config)
    known = config.archive / "extensions" / "archiver-index" / "digests.json"
    assert not known.exists() or json.loads(known.read_bytes()) == {}


def test_the_digests_file_damaged_is_ignored_and_rewritten(config, tmp_path, monkeypatch):
    _settled_at_once(monkeypatch)
    folder = tmp_path / "posts"
    shutil.copytree(MUFENG, folder)
    ingest_paths([folder], config)
    known = config.archive / "extensions" / "archiver-index" / "digests.json"
    entries = json.loads(known.read_bytes())
    assert entries and all(len(e["sha256"]) == 64 for e in entries.values())
    known.write_text('{"oops": 1, "x": {"status": [1], "sha256": 2}', encoding="utf-8")
    again = ingest_paths([folder], config)
    assert {r.status for r in again} == {"unchanged"}
    rewritten = json.loads(known.read_bytes())  # the sources, and now the images checked
    assert entries.items() <= rewritten.items() and "oops" not in rewritten


def test_the_digests_file_is_kept_out_of_the_repository():
    ignored = (Path(__file__).parents[1] / ".gitignore").read_text(encoding="utf-8")
    assert "archive/extensions/archiver-index/digests.json" in ignored.splitlines()


# --- what a run does when something goes wrong in the middle --------------------------------

def test_a_symbolic_link_loop_is_a_failed_file_not_a_stopped_run(config, tmp_path):
    folder = tmp_path / "posts"
    shutil.copytree(MUFENG, folder)
    loop = tmp_path / "loop.html"
    loop.symlink_to(loop)
    results = ingest_paths([loop, folder], config)
    assert [r.status for r in results if r.source == str(loop)] == ["failed"]
    others = {r.status for r in results if r.source != str(loop)}
    assert "added" in others and others <= {"added", "updated", "unchanged"}
    assert Archive.open(config.archive).object_ids()


def test_two_captures_of_one_post_in_one_warc_keep_one_citation_key(config, tmp_path):
    """The second capture is a new version of the first one's object, under the same key
    (a key once given never changes), though neither was archived when both were read."""
    from make_container_fixtures import Warc, load_source
    source = load_source("mufeng-2021-07-07")
    later = source.html.replace("我不禁陷入了深深的思考".encode(), "我陷入了思考".encode())
    assert later != source.html
    warc = Warc("two-captures.warc.gz")
    warc.article(source.target, source.html)
    warc.article(source.target, later)
    path = tmp_path / "two-captures.warc.gz"
    path.write_bytes(warc.getvalue())
    results = ingest_paths([path], config)
    assert [r.status for r in results] == ["added", "updated"]
    archive = Archive.open(config.archive)
    [oid] = {r.object_id for r in results}
    keys = [json.loads(archive.read_bytes(oid, "record.json", v.number))["citation_key"]
            for v in archive.versions(oid)]
    assert len(keys) == 2 and keys[0] == keys[1]


def test_a_group_is_cut_at_its_limit_inside_a_file_too(config, tmp_path, monkeypatch):
    import archiver.pipeline as pipeline
    monkeypatch.setattr(pipeline, "GROUP_POSTS", 1)
    groups = _spy_groups(monkeypatch)
    warc = FIXTURES / "containers" / "converted-multi-mufeng-2018-01-29+2021-07-07.warc.gz"
    results = ingest_paths([warc], config)
    assert len(results) == 2 and [len(g) for g in groups] == [1, 1]


def test_an_unexpected_error_storing_commits_and_reports_what_was_gathered_first(
        config, tmp_path, monkeypatch):
    import archiver.pipeline as pipeline
    folder = tmp_path / "posts"
    shutil.copytree(WECHAT / "markdown", folder)
    files = sorted(folder.glob("*.md"))
    real = pipeline._Run._store

    def fails_on_the_fifth(self, entry, number):
        if entry.path == files[4]:
            raise RuntimeError("a bug (a test's fault)")
        return real(self, entry, number)
    monkeypatch.setattr(pipeline._Run, "_store", fails_on_the_fifth)
    reported = []
    with pytest.raises(RuntimeError):
        ingest_paths([folder], config, on_result=reported.append)
    assert [r.source for r in reported] == [str(p) for p in files[:4]]
    stored = {r.object_id for r in reported if r.status in ("added", "updated")}
    assert stored == set(Archive.open(config.archive).object_ids())


def test_a_record_its_schema_refuses_fails_its_file_alone(config, tmp_path, monkeypatch):
    """A bug met preparing one post (here a record the schema refuses) fails that file, as
    a bug (exit 70); the files after it are still ingested (tests/test_flawed_inputs.py)."""
    import archiver.pipeline as pipeline
    from archiver.errors import ReadingBug, SchemaError
    folder = tmp_path / "posts"
    shutil.copytree(WECHAT / "markdown", folder)
    files = sorted(folder.glob("*.md"))
    real = pipeline.prepare_all

    def fails_on_the_fifth(path, *args, **kwargs):
        if path == files[4]:
            raise SchemaError("a bug (a test's fault)")
        return real(path, *args, **kwargs)
    monkeypatch.setattr(pipeline, "prepare_all", fails_on_the_fifth)
    results = ingest_paths([folder], config)
    failed = [r for r in results if r.status == "failed"]
    assert [r.source for r in failed] == [str(files[4])]
    assert isinstance(failed[0].error, ReadingBug)
    assert isinstance(failed[0].error.__cause__, SchemaError)
    assert {str(p) for p in files} - {str(files[4])} <= {
        r.source for r in results if r.status in ("added", "updated", "unchanged")}


def _fail_the_second_call(monkeypatch, owner, name: str, error: Exception) -> None:
    """``owner.name`` works once, then raises ``error`` (a fault the test injects)."""
    real = getattr(owner, name)
    calls = []

    def fails_on_the_second(self, *args):
        calls.append(args)
        if len(calls) == 2:
            raise error
        return real(self, *args)
    monkeypatch.setattr(owner, name, fails_on_the_second)


def _stopped_run_leaves_the_index_marked_stale(config, monkeypatch) -> Archive:
    """Ingest the Markdown exports with the fault set up; the run stops, and the list index
    it leaves is marked as not to be trusted. The archive, faults undone."""
    from archiver.errors import ArchiveError
    from archiver.index import STALE_NAME
    with pytest.raises((OSError, ArchiveError)):  # a commit's OSError is told as ArchiveError
        ingest_paths([WECHAT / "markdown"], config)
    monkeypatch.undo()
    archive = Archive.open(config.archive)
    assert archive.read_extension_file(STALE_NAME) is not None
    return archive


def test_a_group_commit_that_fails_midway_leaves_the_list_index_marked_stale(config,
                                                                              monkeypatch):
    """Recovery finishes the commit; the list must then show every post, not the index the
    failed run wrote."""
    import archiver.store as store
    from archiver.index import load_index
    _fail_the_second_call(monkeypatch, store.Archive, "_roll_forward_entry",
                          OSError(28, "No space left on device (a test's fault)"))
    archive = _stopped_run_leaves_the_index_marked_stale(config, monkeypatch)
    with archive.writer():  # recovery rolls the rest of the group forward
        pass
    assert set(load_index(archive)) == set(archive.object_ids())
    assert len(archive.object_ids()) >= 7


def test_the_next_run_says_it_finished_an_interrupted_commit_whose_posts_it_finds_unchanged(
        config, monkeypatch):
    """A run stopped inside a group commit (its ticket written: complete) leaves posts no run
    reported added; the next run finishes that commit first, finds them unchanged, and is
    told so before any post."""
    import archiver.store as store
    _fail_the_second_call(monkeypatch, store.Archive, "_roll_forward_entry",
                          OSError(28, "No space left on device (a test's fault)"))
    _stopped_run_leaves_the_index_marked_stale(config, monkeypatch)
    told: list[tuple[int, int]] = []
    results = ingest_paths([WECHAT / "markdown"], config,
                           on_result=lambda r: told.append(("result", r.status)),
                           on_interrupted=lambda finished, discarded: told.append(
                               (finished, discarded)))
    assert told[0] == (1, 0)
    assert "unchanged" in {r.status for r in results}
    again: list[tuple[int, int]] = []
    ingest_paths([WECHAT / "markdown"], config,
                 on_interrupted=lambda *counts: again.append(counts))
    assert again == []  # nothing left to finish


def test_the_cli_notes_an_interrupted_commit_on_stderr(config, monkeypatch):
    from typer.testing import CliRunner

    import archiver.store as store
    from archiver.cli import app
    _fail_the_second_call(monkeypatch, store.Archive, "_roll_forward_entry",
                          OSError(28, "No space left on device (a test's fault)"))
    _stopped_run_leaves_the_index_marked_stale(config, monkeypatch)
    result = CliRunner().invoke(app, ["ingest", "--archive", str(config.archive),
                                      "--no-fetch", str(WECHAT / "markdown")])
    assert result.exit_code == 0, result.output
    assert ("note: an earlier run was interrupted in the middle of 1 write(s): 1 of them "
            "finished (their posts are archived: this run finds them unchanged)") in result.stderr


def test_a_run_stopped_while_the_index_takes_in_a_group_leaves_it_marked_stale(config,
                                                                              monkeypatch):
    import archiver.pipeline as pipeline
    from archiver.index import load_index
    _fail_the_second_call(monkeypatch, pipeline._Run, "record_path",
                          OSError(5, "Input/output error (a test's fault)"))
    archive = _stopped_run_leaves_the_index_marked_stale(config, monkeypatch)
    assert set(load_index(archive)) == set(archive.object_ids())


def test_an_edit_undone_makes_the_head_say_what_the_file_says_again(config, tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    post = folder / "post.md"
    original = (WECHAT / "markdown" / "mp_duty__白话孟德尔随机化.md").read_bytes()
    post.write_bytes(original)
    [first] = ingest_paths([post], config)
    post.write_bytes(original.replace("孟德尔".encode(), "孟德爾".encode(), 1))
    [edited] = ingest_paths([post], config)
    post.write_bytes(original)
    [undone] = ingest_paths([post], config)
    assert (first.version, edited.status, undone.status) == ("v1", "updated", "updated")
    archive = Archive.open(config.archive)
    assert archive.head(first.object_id) == "v3"
    assert archive.read_bytes(first.object_id, "record.json") == archive.read_bytes(
        first.object_id, "record.json", "v1")


def test_two_saves_of_one_post_under_one_file_name_are_found_unchanged_when_ingested_again(
        config, tmp_path):
    """Exports often share a file name (README.md in dated folders): two saves of a post so
    named are two sources, not one file edited back and forth."""
    original = (WECHAT / "markdown" / "mp_duty__白话孟德尔随机化.md").read_bytes()
    for year, text in (("2024", original),
                       ("2025", original.replace("孟德尔".encode(), "孟德爾".encode(), 1))):
        (tmp_path / "saves" / year).mkdir(parents=True)
        (tmp_path / "saves" / year / "README.md").write_bytes(text)
    first = ingest_paths([tmp_path / "saves"], config)
    again = ingest_paths([tmp_path / "saves"], config)
    again_without_receipts = ingest_paths([tmp_path / "saves"], config, refresh=True)
    assert [(r.status, r.version) for r in first] == [("added", "v1"), ("updated", "v2")]
    assert [(r.status, r.version) for r in again] == [("unchanged", "v1"), ("unchanged", "v2")]
    assert [(r.status, r.version) for r in again_without_receipts] == [
        ("unchanged", "v1"), ("unchanged", "v2")]
    assert Archive.open(config.archive).head(first[0].object_id) == "v2"


def test_a_run_that_cannot_reach_crossref_keeps_what_an_earlier_run_found(config):
    """Unresolved is no news about a citation, whatever kept Crossref out of reach: a first
    run that resolves nothing adds no version, and a later one neither replaces an earlier
    verdict nor adds a version. (The reasons are SYNTHETIC, as such runs write them.)"""
    from archiver.citations.verify import CitationResult
    from archiver.index import CITATIONS_NAME
    from archiver.verified import store_citations

    seed = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
    ingest_paths([seed], config)
    archive = Archive.open(config.archive)
    [object_id] = archive.object_ids()
    doi = "10.1093/ia/iiaa061"

    def result(status: str, reason: str) -> list[CitationResult]:
        return [CitationResult(doi, doi, status, reason=reason)]

    with archive.writer():
        assert store_citations(archive, object_id, result("unresolved",
                                                          "SYNTHETIC: --offline")) is None
        assert store_citations(archive, object_id, result(
            "not_found", "SYNTHETIC: Crossref has no record of this DOI (404)")) == "v2"
        for reason in ("SYNTHETIC: --offline", "SYNTHETIC: cannot resolve api.crossref.org"):
            assert store_citations(archive, object_id, result("unresolved", reason)) is None
    assert [v.number for v in archive.versions(object_id)] == ["v1", "v2"]
    kept = archive.read_json(object_id, CITATIONS_NAME)
    assert [c["status"] for c in kept["citations"]] == ["not_found"]


def test_evidence_details_a_later_archiver_adds_are_no_new_outcome(config):
    """A verification kept by an archiver that recorded Crossref's year only (no issued
    date, no name suffixes) and the same verdict from this one: no new version. (The
    evidence is the recorded real record, 10.1002/jor.1100150407, as work_of gives it.)"""
    from archiver.citations.verify import CitationResult, work_of
    from archiver.verified import store_citations

    from crossref_server import load_recordings

    ingest_paths([WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"], config)
    archive = Archive.open(config.archive)
    [object_id] = archive.object_ids()
    work = work_of(load_recordings()["10.1002/jor.1100150407"]["message"])
    assert work["issued"] == "1997-07" and any("suffix" in a for a in work["author"])
    earlier = {k: v for k, v in work.items() if k != "issued"}
    earlier["author"] = [{k: v for k, v in a.items() if k != "suffix"} for a in work["author"]]

    def result(evidence_work: dict) -> list[CitationResult]:
        return [CitationResult("10.1002/jor.1100150407", "10.1002/jor.1100150407", "verified",
                               evidence={"source": "http://127.0.0.1:1", "fetched": None,
                                         "cached": False, "work": evidence_work})]

    with archive.writer():
        assert store_citations(archive, object_id, result(earlier)) == "v2"
        assert store_citations(archive, object_id, result(work)) is None


def test_a_new_version_keeps_the_verdicts_of_the_citations_it_still_makes(config, tmp_path):
    """An edit of the post elsewhere is no news about its citations: the new version keeps
    the verdict, at the citation's new place; a citation the edit removes takes its verdict
    with it. (The verdict is SYNTHETIC, as a verify run writes it.)"""
    from archiver.citations.verify import CitationResult, citations_of
    from archiver.index import CITATIONS_NAME
    from archiver.verified import store_citations

    post = tmp_path / "post.md"
    seed = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
    text = seed.read_text(encoding="utf-8")
    post.write_text(text, encoding="utf-8")
    [first] = ingest_paths([post], config)
    archive = Archive.open(config.archive)
    record = archive.read_json(first.object_id, "record.json")
    [(cited, where)] = [c for c in citations_of(record) if "iiaa061" in c[0]]
    with archive.writer():
        store_citations(archive, first.object_id, [CitationResult(
            cited, "10.1093/ia/iiaa061", "not_found", location=where,
            reason="SYNTHETIC: Crossref has no record of this DOI (404)")])

    post.write_text(text.replace("**作品简介**", "一段新加的文字。\n\n**作品简介**", 1),
                    encoding="utf-8")
    [edited] = ingest_paths([post], config)
    assert (edited.status, edited.version) == ("updated", "v3")
    new_record = archive.read_json(first.object_id, "record.json")
    [(_, new_where)] = [c for c in citations_of(new_record) if "iiaa061" in c[0]]
    assert new_where != where  # the paragraph added before it moved it
    kept = archive.read_json(first.object_id, CITATIONS_NAME)["citations"]
    assert [(c["status"], c["location"]) for c in kept] == [("not_found", new_where)]

    post.write_text(text.replace("10.1093/ia/iiaa061", "").replace("iiaa061", ""),
                    encoding="utf-8")
    [gone] = ingest_paths([post], config)
    assert gone.status == "updated"
    # the reference without its DOI is a citation still, never checked: no verdict is kept
    kept = archive.read_json(first.object_id, CITATIONS_NAME)["citations"]
    assert kept and all(c["status"] == "unresolved" and "iiaa061" not in c["text"]
                        and c["reason"].startswith("not verified yet") for c in kept)
    front_matter = text[:text.index("\n---\n", 4) + 5]
    post.write_text(front_matter + "\n正文，不引一书。\n", encoding="utf-8")  # none cited now
    [bare] = ingest_paths([post], config)
    assert (bare.object_id, bare.status) == (first.object_id, "updated")
    assert CITATIONS_NAME not in archive.versions(first.object_id)[-1].state


def test_an_image_still_missing_for_another_reason_adds_no_version(tmp_path, monkeypatch):
    """The seed's images are site-absolute and absent: the reason names the paths looked at,
    from the post's folder, and the asset roots. Ingested again from its own folder with an
    asset root, the reason reads differently: the post is unchanged, its reasons as first
    given."""
    from archiver.config import load_config
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md", folder / "post.md")
    (folder / "images").mkdir()  # the folder the reason names, found empty
    archive = tmp_path / "archive"
    monkeypatch.chdir(tmp_path)
    config = load_config({}, tmp_path).with_overrides(archive=archive, fetch=False)
    [first] = ingest_paths([Path("in/post.md")], config)
    monkeypatch.chdir(folder)
    [again] = ingest_paths([Path("post.md")], config.with_overrides(asset_roots=(folder,)))
    assert (first.status, again.status, again.version) == ("added", "unchanged", "v1")
    record = json.loads((archive / first.record).read_text(encoding="utf-8"))
    reasons = [image["reason"] for image in record["images"]]
    assert reasons and all(reason.startswith("file not found (looked for: images/") and
                           reason.endswith("; asset roots: none configured)")
                           for reason in reasons)  # as first given


def test_provenance_names_each_image_file_relative_to_the_archive_from_any_folder(
        tmp_path, monkeypatch):
    """Where each image was read from, as the version's provenance says it, is relative to
    the archive, as its source's path is, and normalised: the same whichever folder the run
    was started in and however the path was typed (a path relative to a working directory,
    which nothing records, could not be followed later)."""
    from archiver.config import load_config
    shutil.copytree(MUFENG, tmp_path / "in" / "post")
    (tmp_path / "elsewhere").mkdir()
    page = next((tmp_path / "in" / "post" / "html").glob("*.html"))
    origins = []
    for at, typed in ((tmp_path, page.relative_to(tmp_path)),
                      (tmp_path / "elsewhere", Path("..") / page.relative_to(tmp_path)),
                      (page.parent, Path("..") / "html" / page.name)):
        monkeypatch.chdir(at)
        archive = tmp_path / f"archive-{len(origins)}"
        config = load_config({}, tmp_path).with_overrides(archive=archive, fetch=False)
        [result] = ingest_paths([typed], config)
        provenance = json.loads((archive / result.record).with_name("provenance.json")
                                .read_text(encoding="utf-8"))
        origins.append([image["origin"] for image in provenance["images"]])
    images = sorted((tmp_path / "in" / "post" / "images").rglob("*.jpg"))
    assert images and origins[0] == origins[1] == origins[2]
    assert sorted(origins[0]) == [os.path.relpath(image, tmp_path / "archive-0")
                                  for image in images]


def test_an_image_origin_through_a_linked_folder_names_the_file_read(tmp_path, monkeypatch):
    """The page's folder reached through a symbolic link, its images as ``../images/…``:
    the file read is beside the link's target, and the provenance names that file (``..``
    cancelled by text would name one beside the link, which does not exist)."""
    from archiver.config import load_config
    shutil.copytree(MUFENG, tmp_path / "real" / "post")
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "html").symlink_to(tmp_path / "real" / "post" / "html")
    page = next((tmp_path / "inbox" / "html").glob("*.html"))
    monkeypatch.chdir(tmp_path)
    archive = tmp_path / "archive"
    config = load_config({}, tmp_path).with_overrides(archive=archive, fetch=False)
    [result] = ingest_paths([page], config)
    provenance = json.loads((archive / result.record).with_name("provenance.json")
                            .read_text(encoding="utf-8"))
    origins = [image["origin"] for image in provenance["images"]]
    assert origins and all((archive / origin).is_file() for origin in origins)
    assert all(origin.startswith("../real/post/images/") for origin in origins)


def test_an_image_moved_to_a_reference_that_cannot_be_had_is_an_edit_not_nothing():
    """A stored image that goes missing from the same reference adds nothing (a save
    without its images folder); pointed at another reference, it is an edit."""
    from archiver.held import adds_nothing
    stored = {"original": "images/a.png", "status": "stored", "sha256": "ab",
              "asset": "assets/ab.png", "media_type": "image/png", "width": 1, "height": 1}
    head = {"title": "t", "images": [stored]}
    same = {"title": "t", "images": [{"original": "images/a.png", "status": "missing",
                                      "reason": "file not found"}]}
    moved = {"title": "t", "images": [{"original": "https://example.org/b.png",
                                       "status": "missing", "reason": "not fetched"}]}
    assert adds_nothing(same, head)
    assert not adds_nothing(moved, head)


def _body_of(page: bytes, markup: str | None) -> bytes:
    """``page`` with ``markup`` as its ``#js_content``'s only content; None: emptied, as a
    save made before the page loaded."""
    doc = lxml.html.document_fromstring(page)
    body = doc.get_element_by_id("js_content")
    for child in list(body):
        body.remove(child)
    body.text = None
    if markup is not None:
        body.append(lxml.html.fragment_fromstring(markup))
    return lxml.html.tostring(doc, encoding="utf-8", doctype="<!DOCTYPE html>")


@pytest.mark.parametrize(("markup", "named"), [
    ('<p><iframe class="video_iframe" data-src="https://v.qq.com/x/page/x.html"></iframe></p>',
     "<iframe>"),
    ('<section><mpvoice voice_encode_fileid="x" name="a talk"></mpvoice></section>',
     "<mpvoice>"),
    ('<section><mp-common-videosnap data-id="x"></mp-common-videosnap></section>',
     "<mp-common-videosnap>")])
def test_a_post_of_a_video_or_audio_alone_says_so_not_that_it_is_empty(config, tmp_path,
                                                                        markup, named):
    """Converted from a real page: the 2020 page of the corpus, its #js_content holding one
    video, audio clip or Channels card (as WeChat writes them) and nothing else. Saving it
    again would give the same: the warning says what the body holds."""
    real = next((WECHAT / "html").glob("*raiHy80cW6*.html")).read_bytes()
    page = tmp_path / "media.html"
    page.write_bytes(_body_of(real, markup))
    [result] = ingest_paths([page], config)
    assert result.warnings[0] == (f"the post's body holds no text and no image, only {named} "
                                  "(a video, audio or card this tool keeps no copy of)")


def test_a_post_whose_body_is_empty_is_archived_with_a_warning(config, tmp_path):
    """Converted from a real page: the 2020 page of the corpus, its #js_content emptied; and
    a Markdown export of its front matter alone."""
    real = next((WECHAT / "html").glob("*raiHy80cW6*.html")).read_bytes()
    page = tmp_path / "emptied.html"
    page.write_bytes(_body_of(real, None))
    export = tmp_path / "front-matter-only.md"
    export.write_text("---\ntitle: Nothing below\ndate: 2024-05-01\n---\n", encoding="utf-8")
    results = {r.source: r for r in ingest_paths([page, export], config)}
    for path in (page, export):
        result = results[str(path)]
        assert result.status == "added"
        assert result.warnings[0].startswith("the post's body is empty: no text and no image")
        record = json.loads((config.archive / result.record).read_text(encoding="utf-8"))
        assert record["blocks"] == [] and record["text"] == ""
    # a post with a body says nothing of the kind
    [whole] = ingest_paths([next((WECHAT / "html").glob("*raiHy80cW6*.html"))], config)
    assert not any("body is empty" in w for w in whole.warnings)


def test_a_path_given_as_a_string_alone_or_in_a_list_is_ingested(tmp_path):
    """A library caller's ``ingest_paths("post.md", config)`` or ``["post.md"]``: the path,
    read as the command line reads one (it failed with an AttributeError, not a result)."""
    from archiver.config import load_config
    seed = str(WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md")
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)
    first = ingest_paths(seed, config)
    again = ingest_paths([seed], config)
    assert [r.status for r in first] == ["added"] and [r.status for r in again] == ["unchanged"]
    assert first[0].object_id == again[0].object_id


@pytest.mark.parametrize(("original", "key"), [
    ("../images/2021-07-07/img_002.jpg", "images/2021-07-07/img_002.jpg"),  # a page in html/
    ("./images/1.jpg", "images/1.jpg"),
    ("../../a/b.png", "a/b.png"),
    ("images/1.jpg", "images/1.jpg"),
    ("/images/1935/1.jpeg", "/images/1935/1.jpeg"),  # site-absolute: found by asset roots
    ("https://mmbiz.qpic.cn/x/../640?wx_fmt=png", "https://mmbiz.qpic.cn/x/../640?wx_fmt=png"),
    ("data:,", "data:,"),
    ("page_files\\img_000.jpg", "page_files/img_000.jpg"),  # saved on Windows
    ("..\\images\\1.jpg", "images/1.jpg"),
    ("%E5%9B%BE_files/1.jpg?wx_fmt=jpeg#top", "图_files/1.jpg?wx_fmt=jpeg#top"),
    ("pic.php?id=1\\2", "pic.php?id=1\\2"),  # a query names another image: kept as it is
    ("a%2Fb.jpg", "a%2Fb.jpg"),  # an encoded ASCII character: no slash in an address
    ("%E5%9B", "%E5%9B"),  # no UTF-8: as written
    ("cafe\u0301_files/1.jpg", "caf\u00e9_files/1.jpg"),  # a name a Mac decomposed
    ("C:\\Users\\me\\1.jpg", "C:\\Users\\me\\1.jpg"),  # another machine's disk
])
def test_an_image_reference_is_compared_as_its_file_is_looked_for(original, key):
    """Two saves of a post, their pages in different folders or made on other systems, name
    one image file differently (as the file is looked for, each names it); a URL, a data:
    URI and an absolute path are compared as written."""
    from archiver.held import reference_key
    assert reference_key(original) == key


def test_a_missing_image_is_given_a_kept_one_only_where_its_reference_names_one_surely():
    """``_held_images``: the kept image under the very reference first; in another save of
    the post, under the same one without its leading ../ (its page in another folder) only
    where that names a single image: two different images it could be are neither."""
    from archiver.held import _held_images

    def stored(original, sha):
        return {"original": original, "status": "stored", "asset": f"assets/{sha}.jpg",
                "sha256": sha}

    def missing(original):
        return {"original": original, "status": "missing", "reason": "file not found"}

    held = [stored("../images/1.jpg", "a1"), stored("../2.jpg", "b2"), stored("./2.jpg", "c3"),
            stored("2.jpg", "c3")]
    images = [missing("images/1.jpg"), missing("../2.jpg"), missing("../../2.jpg"),
              missing("images/9.jpg")]
    assert {i: old["sha256"] for i, old in _held_images(images, held, True).items()} == {
        0: "a1", 1: "b2"}  # 2: "2.jpg" is b2 or c3; 3: no such image kept
    # the very file the head was made from, edited: a reference written otherwise is another
    assert {i: old["sha256"] for i, old in _held_images(images, held).items()} == {1: "b2"}


def _image_reference_edited(tmp_path: Path, token: str, before: str, after: str,
                            between: Callable[[], object] | None = None):
    """A post of one image (``tmp_path/post/post.md``, its address ending in ``token``)
    ingested naming its image ``before``, then (after ``between``) ``after``: the two
    results, the config, and the post's path."""
    from archiver.config import load_config
    post = tmp_path / "post" / "post.md"
    post.parent.mkdir(exist_ok=True)
    page = ("---\ntitle: 图\nurl: https://mp.weixin.qq.com/s/" + token + "\n---\n\n"
            "正文。\n\n![]({})\n")
    post.write_text(page.format(before), encoding="utf-8")
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)
    [first] = ingest_paths([post], config)
    if between is not None:
        between()
    post.write_text(page.format(after), encoding="utf-8")
    [edited] = ingest_paths([post], config)
    return first, edited, config, post


def test_an_image_renamed_with_its_reference_in_the_heads_own_file_is_an_edit(tmp_path):
    """The image file renamed and the post's reference to it edited to match: the same bytes
    under another name, in the very file the head was made from. A new version, whose
    record names the image as the file now does (it had been reported unchanged, leaving
    the archived source and the record naming a file no longer there)."""
    folder = tmp_path / "post"
    (folder / "images").mkdir(parents=True)
    shutil.copy(next((MUFENG / "images").rglob("*.jpg")), folder / "images" / "7.jpeg")
    first, edited, config, post = _image_reference_edited(
        tmp_path, "ImageRenamedByAnEdit1", "images/7.jpeg", "images/seven.jpeg",
        between=lambda: (folder / "images" / "7.jpeg").rename(folder / "images" / "seven.jpeg"))
    assert (first.status, edited.status) == ("added", "updated")
    archive = Archive.open(config.archive)
    record = archive.read_json(first.object_id, "record.json")
    assert [(i["original"], i["status"]) for i in record["images"]] == [
        ("images/seven.jpeg", "stored")]
    assert archive.read_bytes(first.object_id, "source/post.md") == post.read_bytes()


def test_another_save_of_the_same_name_whose_image_is_named_otherwise_adds_nothing(tmp_path):
    """``p2/post.md``, another save of the post in ``p1/post.md`` whose image (the same bytes)
    it names ``post_files/a.jpg``, where no receipt tells which file made the head (a
    version ``verify`` made, or the receipts gone): unchanged, as before the head's own
    file was told apart, not a version naming the other save's path."""
    from archiver.config import load_config
    image = next((MUFENG / "images").rglob("*.jpg"))
    page = ("---\ntitle: 图\nurl: https://mp.weixin.qq.com/s/OneNameTwoSaves01\n---\n\n"
            "正文。\n\n![]({})\n")
    for folder, reference in (("p1", "images/1.jpg"), ("p2", "post_files/a.jpg")):
        (tmp_path / folder / reference).parent.mkdir(parents=True)
        shutil.copy(image, tmp_path / folder / reference)
        (tmp_path / folder / "post.md").write_text(page.format(reference), encoding="utf-8")
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)
    [first] = ingest_paths([tmp_path / "p1" / "post.md"], config)
    (config.archive / "extensions" / "archiver-index" / "receipts.json").unlink()
    [other] = ingest_paths([tmp_path / "p2" / "post.md"], config)
    assert (first.status, other.status, other.version) == ("added", "unchanged", "v1")


def test_an_edit_that_points_an_image_at_another_relative_path_is_an_edit(tmp_path):
    """The very file the head was made from, edited from ``../a/1.jpg`` to ``a/1.jpg`` (no
    such file): another image, missing, so a new version, never the old image kept under
    the new name (what another save's page in another folder is given, see
    ``reference_key``)."""
    (tmp_path / "a").mkdir()
    shutil.copy(next((MUFENG / "images").rglob("*.jpg")), tmp_path / "a" / "1.jpg")
    first, edited, config, _ = _image_reference_edited(tmp_path, "ImageMovedByAnEdit1",
                                                       "../a/1.jpg", "a/1.jpg")
    assert (first.status, edited.status) == ("added", "updated")
    record = Archive.open(config.archive).read_json(first.object_id, "record.json")
    assert [(i["original"], i["status"]) for i in record["images"]] == [("a/1.jpg", "missing")]


def test_a_versions_message_names_the_source_with_its_folder_however_its_path_was_typed(
        tmp_path, monkeypatch):
    """``post.md`` typed inside ``p2`` and ``p2/post.md`` typed above it name one file: each
    version's message says ``ingest p2/post.md`` (typed inside, it had said ``ingest
    post.md``)."""
    from archiver.config import load_config
    folder = tmp_path / "p2"
    folder.mkdir()
    post = folder / "post.md"
    page = "---\ntitle: {}\nurl: https://mp.weixin.qq.com/s/NamedFromItsFolder1\n---\n\n正文。\n"
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)
    post.write_text(page.format("一"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [first] = ingest_paths([Path("p2/post.md")], config)
    post.write_text(page.format("二"), encoding="utf-8")
    monkeypatch.chdir(folder)
    [second] = ingest_paths([Path("post.md")], config)
    post.write_text(page.format("三"), encoding="utf-8")
    [third] = ingest_paths([Path("../p2/./post.md")], config)
    versions = Archive.open(config.archive).versions(first.object_id)
    assert [v.message for v in versions] == ["ingest p2/post.md"] * 3


def test_a_post_with_no_address_retitled_is_another_post_and_the_ingest_says_so(tmp_path):
    """An export with no ``url`` is known by its account, date and title: retitled, it is
    another post (documented), which ``diff`` will not compare with the first. The ingest
    that adds it warns, naming the post the same file made before; it had said nothing."""
    from archiver.config import load_config
    post = tmp_path / "post.md"
    page = "---\ntitle: {}\naccount: 测试号\ndate: 2023-05-06\n---\n\n正文。\n"
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)
    post.write_text(page.format("第一个标题"), encoding="utf-8")
    [first] = ingest_paths([post], config)
    [again] = ingest_paths([post], config)
    post.write_text(page.format("第二个标题"), encoding="utf-8")
    [retitled] = ingest_paths([post], config)
    post.write_text(page.format("第二个标题").replace("正文。", "改过的正文。"), encoding="utf-8")
    [edited] = ingest_paths([post], config)  # (an edit of the post it is now: said nothing)
    other = tmp_path / "other.md"
    other.write_text(page.format("第三个标题"), encoding="utf-8")
    [elsewhere] = ingest_paths([other], config)
    assert (first.status, again.status, retitled.status) == ("added", "unchanged", "added")
    assert first.object_id.startswith("wx:t/") and retitled.object_id != first.object_id
    [warning] = retitled.warnings
    assert warning.startswith(f"this file made {first.object_id} before, and is now another "
                              f"post, {retitled.object_id}, not a new version of that one")
    assert (edited.status, edited.object_id) == ("updated", retitled.object_id)
    assert (first.warnings, again.warnings, elsewhere.warnings, edited.warnings) == (
        (), (), (), ())


def test_a_post_with_no_address_retitled_as_another_files_post_is_filed_there_and_said(
        tmp_path):
    """Retitled so that its account, date and title read as those of a post another file
    made (their marks set aside: "【中亚研究】（修订）" is "【中亚研究·修订】"), the post is
    filed as a new version of that one, and its own object is left behind. The ingest said
    only "updated"; it now names the post this file made before, as when it adds one."""
    from archiver.config import load_config
    page = "---\ntitle: {}\naccount: 测试号\ndate: 2023-05-06\n---\n\n{}\n"
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text(page.format("【中亚研究·修订】龙与熊之间", "修订的正文。"), encoding="utf-8")
    two.write_text(page.format("【中亚研究】龙与熊之间", "原来的正文。"), encoding="utf-8")
    [first] = ingest_paths([one], config)
    [second] = ingest_paths([two], config)
    two.write_text(page.format("【中亚研究】（修订）龙与熊之间", "原来的正文。"), encoding="utf-8")
    [retitled] = ingest_paths([two], config)
    assert first.object_id != second.object_id
    assert (retitled.status, retitled.object_id) == ("updated", first.object_id)
    [warning] = [w for w in retitled.warnings if w.startswith("this file made")]
    assert warning.startswith(f"this file made {second.object_id} before, and is now filed as "
                              f"a new version of another post, {first.object_id}")


def test_a_post_whose_address_line_an_edit_moved_is_another_post_and_the_ingest_says_so(
        tmp_path):
    """A post copied by hand ends with its 原文链接 line; a note added after it leaves the
    post without an address, filed as another (by its text): the ingest said nothing, as
    it warned only where the post before had no address either."""
    from archiver.config import load_config
    post = tmp_path / "post.md"
    line = "原文链接：https://mp.weixin.qq.com/s/AddressLineMoved0001\n"
    page = "---\ntitle: 一篇文章\n---\n\n正文。\n\n" + line
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)
    post.write_text(page, encoding="utf-8")
    [first] = ingest_paths([post], config)
    post.write_text(page + "\n我的读书笔记。\n", encoding="utf-8")
    [noted] = ingest_paths([post], config)
    assert first.object_id == "wx:s/AddressLineMoved0001" and first.warnings == ()
    assert noted.status == "added" and noted.object_id.startswith("wx:c/")
    [warning] = noted.warnings
    assert warning.startswith(f"this file made {first.object_id} before, the post at its "
                              f"address, and now gives no address: it is another post, "
                              f"{noted.object_id}, not a new version of that one")


def test_a_rebuild_of_the_list_index_runs_in_the_callers_context_told_why(config,
                                                                         monkeypatch):
    """Reading every post's record takes seconds in a large archive: a command that must
    rebuild the index is told why, and runs it in its own context (a note on stderr); an
    index that can be trusted is read as kept, and nothing is told."""
    import contextlib

    import archiver.index as index_module
    from archiver.index import INDEX_NAME, STALE_NAME, load_index
    ingest_paths([WECHAT / "markdown"], config)
    archive = Archive.open(config.archive)
    told: list[str] = []
    inside: list[bool] = []  # whether each rebuild ran inside the context
    running = False

    @contextlib.contextmanager
    def rebuilding(why: str):
        nonlocal running
        told.append(why)
        running = True
        yield
        running = False

    real_rebuild = index_module.rebuild_index
    monkeypatch.setattr(index_module, "rebuild_index",
                        lambda *args: inside.append(running) or real_rebuild(*args))
    kept = load_index(archive, rebuilding=rebuilding)
    assert told == [] and inside == []
    with archive.writer():
        archive.write_extension_file(STALE_NAME, b"a run was stopped (a test's)\n")
    assert load_index(archive, rebuilding=rebuilding) == kept
    with archive.writer():
        archive.remove_extension_file(STALE_NAME)
        archive.remove_extension_file(INDEX_NAME)
    assert load_index(archive, rebuilding=rebuilding) == kept
    assert told == ["may lag (a run is writing, or one was stopped)",
                    "is missing or unreadable"]
    assert inside == [True, True]


# -- posts gathered wait for no image server ---------------------------------------------------

def _image_server(archive: Path, seen: list[list[str]]):
    """A server of one real JPEG on 127.0.0.1 that answers ``/slow.jpg`` after a second, and
    notes, as it answers each request, which posts the archive holds."""
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    jpeg = next((WECHAT / "html-with-assets").glob("mufeng__2018*/images/*/img_003.jpg"))
    body = jpeg.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/slow.jpg":
                time.sleep(1.0)
            held = Archive.open(archive).object_ids() if (archive / "0=ocfl_1.1").exists() \
                else []
            seen.append([self.path, *held])
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.mark.parametrize("jobs", [1, 2])
def test_posts_gathered_are_committed_before_the_next_files_images_are_fetched(config,
                                                                               tmp_path, jobs):
    """Posts are committed in groups; a group waited for the next file's images to be
    fetched, however slowly (a post's images on a slow server: minutes), unreported and lost
    by a crash in the while. The group is committed before the first image is asked for (or,
    with a worker reading the file, before it is waited for): it is on disk while the slow
    image is still coming."""
    seen: list[list[str]] = []
    httpd = _image_server(config.archive, seen)
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        folder = tmp_path / "posts"
        folder.mkdir()
        for number, image in enumerate(["fast.jpg", "slow.jpg"]):
            (folder / f"{number}.md").write_text(
                f"---\ntitle: 第{number}篇\nurl: https://mp.weixin.qq.com/s?__biz=MzI2NTE1NDc3NA=="
                f"&mid={2650000000 + number}&idx=1\n---\n\n正文{number}。\n\n![]({url}/{image})\n",
                encoding="utf-8")
        live = config.with_overrides(fetch=True, allow_private_hosts=("127.0.0.1",))
        results = ingest_paths([folder], live, jobs=jobs)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert [r.status for r in results] == ["added", "added"]
    slow = next(held for path, *held in [tuple(s) for s in seen] if path == "/slow.jpg")
    assert slow == [results[0].object_id]


def test_an_export_edited_after_its_footer_is_a_new_version_of_its_post_not_a_new_post(
        config, tmp_path):
    """A paragraph added at the end of an mp_duty export, after its 原文链接 footer: the
    post was filed again as a new object (wx:c/…), beside its own (wx:s/…)."""
    original = WECHAT / "markdown" / "mp_duty__白话孟德尔随机化.md"
    post = tmp_path / original.name
    shutil.copy(original, post)
    [first] = ingest_paths([post], config)
    post.write_text(post.read_text(encoding="utf-8") + "\n\n新增的一段。\n", encoding="utf-8")
    [second] = ingest_paths([post], config)
    assert first.object_id == second.object_id == "wx:s/6XaFlt7gZ8Q_Fce9fIjlew"
    assert (first.status, first.version, second.status, second.version) == \
        ("added", "v1", "updated", "v2")


def _a_post(folder: Path, author: str | None, second: str) -> Path:
    """A post at a WeChat address, with or without its author, and its second paragraph."""
    folder.mkdir(parents=True, exist_ok=True)
    post = folder / "post.md"
    byline = f"author: {author}\n" if author else ""
    post.write_text(f"---\ntitle: 一篇文章\nurl: https://mp.weixin.qq.com/s/ReceiptsDecide01\n"
                    f"{byline}date: 2024-05-01\n---\n\n第一段。\n\n{second}\n", encoding="utf-8")
    return post


def test_a_versions_provenance_names_the_code_that_made_it_not_only_the_release(tmp_path):
    """The version number names a release; between two, the same source re-read by other
    code (a fix) made a new version whose provenance said the same tool had made it. It
    names the code too: a digest of the package's code and schemas, as they are."""
    from archiver.config import load_config
    from archiver.version import __version__, code_fingerprint
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive",
                                                      fetch=False)
    [result] = ingest_paths([_a_post(tmp_path / "post", "张三", "第二段。")], config)
    provenance = Archive.open(config.archive).read_json(result.object_id, "provenance.json")
    assert provenance["tool"] == {"name": "archiver", "version": __version__,
                                  "code": code_fingerprint()}


@pytest.mark.parametrize("receipts", ["kept", "lost"])
def test_what_a_new_version_holds_does_not_depend_on_the_receipts(tmp_path, receipts):
    """A copy of the post elsewhere, edited, its author left out: another save, which keeps
    the head's author. With the receipts lost (a run killed before it wrote them, or the
    derived files removed), the same name was taken for the same file, an edit deleting the
    author: the version then held `author: null`. The version says which file made it."""
    from archiver.config import load_config
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive",
                                                      fetch=False)
    ingest_paths([_a_post(tmp_path / "first", "张三", "第二段。")], config)
    if receipts == "lost":
        (config.archive / "extensions" / "archiver-index" / "receipts.json").unlink()
    [result] = ingest_paths([_a_post(tmp_path / "copy", None, "第二段，改了。")], config)
    assert (result.status, result.version) == ("updated", "v2")
    record = Archive.open(config.archive).read_json(result.object_id, "record.json")
    assert record["author"] == "张三"
    provenance = Archive.open(config.archive).read_json(result.object_id, "provenance.json")
    assert provenance["source"]["path"] == "../copy/post.md"
    assert provenance["carried"]["author"] == {"from": "v1", "this_save": None}


def test_an_edit_of_the_file_a_version_was_made_from_deletes_a_field_receipts_or_none(
        tmp_path):
    """The same file, edited to leave its author out, with no receipt to tell: its version's
    provenance names it, so the edit is a change, and the author goes."""
    from archiver.config import load_config
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive",
                                                      fetch=False)
    ingest_paths([_a_post(tmp_path / "posts", "张三", "第二段。")], config)
    (config.archive / "extensions" / "archiver-index" / "receipts.json").unlink()
    [result] = ingest_paths([_a_post(tmp_path / "posts", None, "第二段，改了。")], config)
    record = Archive.open(config.archive).read_json(result.object_id, "record.json")
    assert (result.version, record["author"]) == ("v2", None)


def _dated(folder: Path, when: str, second: str = "第二段。") -> Path:
    """A post with no address, known by its account, day and title, published ``when``."""
    folder.mkdir(parents=True, exist_ok=True)
    post = folder / "post.md"
    post.write_text(f"---\ntitle: 每日早报\naccount: 测试号\ndate: {when}\n---\n\n第一段。\n\n"
                    f"{second}\n", encoding="utf-8")
    return post


def test_one_moment_written_in_utc_or_in_beijing_time_is_one_post(config, tmp_path):
    """A post of 06:00 Beijing time, its day 2020-08-04, written by one export in UTC (the
    day before, 22:00Z) and by another in Beijing time: the day as written made two posts of
    one. The day is Beijing's, as WeChat shows it."""
    [utc] = ingest_paths([_dated(tmp_path / "a", "2020-08-03T22:00:00Z")], config)
    [beijing] = ingest_paths([_dated(tmp_path / "b", "2020-08-04 06:00:00+08:00")], config)
    assert utc.object_id == beijing.object_id and utc.object_id.startswith("wx:t/")
    # a new version of it (its record holds the time at Beijing's offset now), not a post
    assert (beijing.status, beijing.version) == ("updated", "v2")


def test_a_post_filed_by_the_day_as_written_stays_where_it_was_filed(config, tmp_path,
                                                                     monkeypatch):
    """Archived when the day was taken as written: read again, the same post is found there,
    unchanged, not added as a new object under its Beijing day."""
    import archiver.record as record
    post = _dated(tmp_path / "a", "2020-08-03T22:00:00Z")
    with monkeypatch.context() as earlier_rule:
        earlier_rule.setattr(record, "beijing_date", lambda published: published[:10])
        [before] = ingest_paths([post], config)
    [again] = ingest_paths([post], config, refresh=True)
    assert (again.object_id, again.status) == (before.object_id, "unchanged")
    assert len(Archive.open(config.archive).object_ids()) == 1


@pytest.mark.parametrize("receipts", ["kept", "lost"])
def test_a_post_whose_folder_was_renamed_then_edited_is_the_same_edit_receipts_or_none(
        tmp_path, receipts):
    """The folder a post was ingested from renamed (its copy found unchanged), then the post
    edited to leave its author out: an edit of the file the version was made from, whether
    the receipts say so or were lost. The version's own path, which names the old folder,
    no longer there, made it another save when they were lost, and kept the author."""
    from archiver.config import load_config
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive",
                                                      fetch=False)
    ingest_paths([_a_post(tmp_path / "inbox", "张三", "第二段。")], config)
    (tmp_path / "inbox").rename(tmp_path / "kept")
    [found] = ingest_paths([tmp_path / "kept" / "post.md"], config)
    assert found.status == "unchanged"
    if receipts == "lost":
        (config.archive / "extensions" / "archiver-index" / "receipts.json").unlink()
    [result] = ingest_paths([_a_post(tmp_path / "kept", None, "第二段，改了。")], config)
    record = Archive.open(config.archive).read_json(result.object_id, "record.json")
    assert (result.version, record["author"]) == ("v2", None)


def test_a_version_whose_title_and_account_both_change_is_said(config, tmp_path):
    """A note of one's own that ends with another post's 原文链接 is filed as a new version
    of that post, by the address it gives: silently, its history then held another text.
    A version whose title and account both differ from the head's is said."""
    address = "原文链接：https://mp.weixin.qq.com/s/TheirPostAddress0001\n"
    theirs, mine = tmp_path / "theirs.md", tmp_path / "mine.md"
    theirs.write_text("---\ntitle: 他们的文章\naccount: 他们的号\n---\n\n正文。\n\n" + address,
                      encoding="utf-8")
    mine.write_text("---\ntitle: 我的读书笔记\naccount: 我的号\n---\n\n笔记。\n\n" + address,
                    encoding="utf-8")
    [first] = ingest_paths([theirs], config)
    [note] = ingest_paths([mine], config)
    assert (note.object_id, note.status) == (first.object_id, "updated")
    [warning] = note.warnings
    assert warning.startswith("this version's title and account both differ from v1's "
                              "('他们的文章' by 他们的号)")
    theirs.write_text(theirs.read_text(encoding="utf-8").replace("正文。", "正文，改了。"),
                      encoding="utf-8")
    [edited] = ingest_paths([theirs], config)  # back to its own title and account: a warning
    assert edited.status == "updated" and len(edited.warnings) == 1
    retitled = tmp_path / "retitled.md"  # its own edit of the title alone: nothing to say
    retitled.write_text(theirs.read_text(encoding="utf-8").replace("他们的文章", "新标题"),
                        encoding="utf-8")
    [own] = ingest_paths([retitled], config)
    assert own.status == "updated" and own.warnings == ()


def test_a_post_titled_by_its_folder_moved_to_another_is_another_post_and_the_ingest_says_so(
        config, tmp_path):
    """An export called README.md takes its title from its folder's name: the folder renamed,
    the same bytes are another post (documented), and the ingest said nothing, as the file's
    path was new. The very bytes made the other post: said."""
    text = ("这是一篇没有标题也没有地址的文章。\n\n"
            "![](https://mmbiz.qpic.cn/mmbiz_png/abc/640?wx_fmt=png)\n\n第二段。\n")
    first_folder = tmp_path / "G.O.S.S.I.P 学术论文推荐 2020-07-29"
    first_folder.mkdir()
    (first_folder / "README.md").write_text(text, encoding="utf-8")
    [first] = ingest_paths([first_folder / "README.md"], config)
    (tmp_path / "2020").mkdir()
    moved = first_folder.rename(tmp_path / "2020" / "GOSSIP 2020-07-29")
    [again] = ingest_paths([moved / "README.md"], config)
    assert first.status == again.status == "added" and again.object_id != first.object_id
    [warning] = [w for w in again.warnings if w.startswith("this file made")]
    assert warning.startswith(f"this file made {first.object_id} before, and is now another "
                              f"post, {again.object_id}")
    assert not [w for w in first.warnings if w.startswith("this file made")]


def test_a_post_known_by_its_text_read_otherwise_by_a_newer_archiver_stays_one_post(
        config, tmp_path, monkeypatch):
    """A post with no address, account or date is known by its text. A newer version of
    archiver that reads the very same file into another text (here: an older reading is
    stood in for by one that adds a line) made it another object, with a warning telling
    the user to give an address to a file they never changed. The same bytes from the same
    file are the same post: a new version of it."""
    import archiver.clean

    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 没有地址的文章\n---\n\n- 第一条\n  - 嵌套的一条\n\n正文。\n",
                    encoding="utf-8")
    reading = archiver.clean.blocks_text
    with monkeypatch.context() as older:
        older.setattr(archiver.clean, "blocks_text", lambda blocks: reading(blocks) + "\n旧")
        [first] = ingest_paths([post], config, jobs=1)
    [again] = ingest_paths([post], config, refresh=True, jobs=1)
    assert first.object_id.startswith("wx:c/") and first.status == "added"
    assert (again.status, again.object_id, again.version) == ("updated", first.object_id, "v2")
    assert not [w for w in again.warnings if w.startswith("this file made")]


def test_a_file_read_into_another_number_of_posts_keeps_its_posts_apart(
        config, tmp_path, monkeypatch):
    """Which post is which is not known when a newer archiver reads a file into another
    number of posts (stood in for: a file read as three posts, then as the last two of them,
    each text read otherwise): none is filed in the object of the post that stood at its
    place before, which would make one post a version of another."""
    import archiver.clean
    import archiver.readers

    parts = []
    for name, title in (("x", "甲文"), ("a", "乙文"), ("b", "丙文")):
        part = tmp_path / f"{name}.md"
        part.write_text(f"---\ntitle: {title}\n---\n\n{title}的正文。\n", encoding="utf-8")
        parts.append(part)
    whole = tmp_path / "whole.md"
    whole.write_text("---\ntitle: 容器\n---\n\n容器。\n", encoding="utf-8")
    real = archiver.readers.read_all

    def reading_as(files: list[Path]):
        return lambda path, data=None: ([raw for f in files for raw in real(f)]
                                        if path == whole else real(path, data))
    text = archiver.clean.blocks_text
    with monkeypatch.context() as older:
        older.setattr(archiver.readers, "read_all", reading_as(parts))
        older.setattr(archiver.clean, "blocks_text", lambda blocks: text(blocks) + "\n旧")
        first = ingest_paths([whole], config, jobs=1)
    with monkeypatch.context() as newer:
        newer.setattr(archiver.readers, "read_all", reading_as(parts[1:]))
        again = ingest_paths([whole], config, refresh=True, jobs=1)
    assert [r.status for r in first] == ["added"] * 3
    assert [r.status for r in again] == ["added"] * 2
    assert not {r.object_id for r in again} & {r.object_id for r in first}


def _forged(archive: Archive, object_id: str, logical: str, data: bytes) -> None:
    """``logical`` (a file of the object's one version) given other bytes, and the inventory
    written again to match them, its sidecars too: as a tool that regenerates inventories
    would leave a changed file. The store's own check finds nothing wrong with it."""
    import hashlib

    from archiver.canonical import dumps
    from archiver.store.layout import sidecar_of
    folder = archive.object_path(object_id)
    inventory = archive.inventory(object_id)
    [old] = [d for d, paths in inventory["versions"]["v1"]["state"].items() if logical in paths]
    [content] = inventory["manifest"].pop(old)
    (folder / content).write_bytes(data)
    new, sha256 = hashlib.sha512(data).hexdigest(), hashlib.sha256(data).hexdigest()
    inventory["manifest"][new] = [content]
    state = inventory["versions"]["v1"]["state"]
    state[new] = state.pop(old)
    fixity = inventory["fixity"]["sha256"]
    for digest in [d for d, paths in fixity.items() if content in paths]:
        fixity.pop(digest)
    fixity[sha256] = [content]
    written = dumps(inventory)
    for where in (folder, folder / "v1"):
        (where / "inventory.json").write_bytes(written)
        (where / "inventory.json.sha512").write_bytes(sidecar_of(written))


@pytest.mark.parametrize("forged", ["source", "image"])
def test_fsck_finds_a_file_unlike_what_its_record_or_provenance_says_of_it(tmp_path, forged):
    """A stored file changed and its inventory written again to match passed fsck: the
    digests it checks are the inventory's. The record names each image by its sha256 and the
    provenance the source by its sha512; fsck holds the files to those claims too."""
    from archiver.config import load_config
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive",
                                                      fetch=False)
    [result] = [r for r in ingest_paths([MUFENG], config) if r.status == "added"]
    archive = Archive.open(config.archive)
    assert check_archive(archive).ok
    record = archive.read_json(result.object_id, "record.json")
    provenance = archive.read_json(result.object_id, "provenance.json")
    logical = (provenance["source"]["logical_path"] if forged == "source"
               else record["images"][0]["asset"])
    data = archive.read_bytes(result.object_id, logical)
    _forged(archive, result.object_id, logical, data.replace(b"\xff\xd9", b"\xff\xd9\x00")
            if forged == "image" else data.replace("大都市".encode(), "小都市".encode(), 1))
    assert archive.fsck().ok  # (the store's own check: the inventory matches the files)
    report = check_archive(archive)
    [problem] = report.problems
    assert problem.path == f"{result.object_id} v1 " + (
        "provenance.json" if forged == "source" else "record.json")
    assert problem.message.endswith("the file, or what was said of it, was changed")



def test_fsck_reads_an_inventorys_digests_in_either_case_and_of_any_shape(tmp_path):
    """The store reads an inventory's digests in capitals as in small letters: holding the
    record and provenance to them read them so too (a false alarm for every file), and an
    inventory block of another shape is reported by the store's own check, not a crash."""
    from archiver.canonical import dumps
    from archiver.config import load_config
    from archiver.store.layout import sidecar_of
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive",
                                                      fetch=False)
    [result] = [r for r in ingest_paths([MUFENG], config) if r.status == "added"]
    archive = Archive.open(config.archive)
    folder = archive.object_path(result.object_id)

    def rewritten(inventory: dict) -> None:
        written = dumps(inventory)
        for where in (folder, folder / "v1"):
            (where / "inventory.json").write_bytes(written)
            (where / "inventory.json.sha512").write_bytes(sidecar_of(written))

    inventory = archive.inventory(result.object_id)
    upper = {**inventory, "manifest": {d.upper(): p for d, p in inventory["manifest"].items()},
             "fixity": {"sha256": {d.upper(): p for d, p in
                                   inventory["fixity"]["sha256"].items()}},
             "versions": {"v1": {**inventory["versions"]["v1"], "state": {
                 d.upper(): p for d, p in inventory["versions"]["v1"]["state"].items()}}}}
    rewritten(upper)
    report = check_archive(Archive.open(config.archive))
    assert report.ok, [f"{p.path}: {p.message}" for p in report.problems]
    rewritten({**inventory, "fixity": {"sha256": {"0" * 64: 5}}})
    report = check_archive(Archive.open(config.archive))
    assert not report.ok and any("fixity" in p.message for p in report.problems)
