"""Ingest into an archive: versions only on real change, receipts that never lie, OCFL validity."""

from __future__ import annotations

import json
import logging
import shutil
from collections import Counter
from pathlib import Path

import ocfl
import pytest

from archiver.pipeline import check_archive, ingest_paths
from archiver.store import Archive

from conftest import WECHAT

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


def test_fsck_checks_fixity_and_schemas(corpus_archive):
    config, _ = corpus_archive
    report = check_archive(Archive.open(config.archive))
    assert report.ok, report.problems
    assert report.objects == len(versions_of(config.archive))


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


def test_bad_input_writes_nothing(tmp_path):
    from archiver.config import load_config
    bad = tmp_path / "bad.html"
    bad.write_text("<html><head><title>x</title></head><body>mp.weixin.qq.com</body></html>")
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    result = ingest_paths([bad], config)[0]
    assert result.status == "failed"
    assert "no #js_content" in result.error.message
    assert Archive.open(tmp_path / "a").object_ids() == []


def test_a_path_is_resolved_as_path_resolve_resolves_it(tmp_path: Path) -> None:
    """Receipts name files by their resolved path; the folder is resolved once a run."""
    from archiver.pipeline import _resolved, _resolved_folder

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "post.md").write_text("x")
    (tmp_path / "linked").symlink_to(real)
    (real / "sub" / "alias.md").symlink_to(real / "sub" / "post.md")
    (real / "sub" / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    _resolved_folder.cache_clear()
    for path in [real / "sub" / "post.md", tmp_path / "linked" / "sub" / "post.md",
                 tmp_path / "linked" / "sub" / "alias.md", real / "sub" / "dangling.md",
                 tmp_path / "linked" / "sub" / ".." / "sub" / "post.md",
                 tmp_path / "linked" / "missing.md", Path("relative.md")]:
        assert _resolved(path) == str(path.resolve()), path
