"""Every container a WeChat post is saved in gives the same record as the plain page.

The fixtures in tests/fixtures/containers/ were CONVERTED from real corpus pages and their real
image bytes (tests/make_container_fixtures.py; fixtures/containers/README.md says how):
"save page complete" folders, SingleFile HTML with data: URIs, MHTML (quoted-printable, base64,
GBK), WARC (with a revisit record), WACZ, and WARCs holding two posts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archiver.config import load_config
from archiver.pipeline import ingest_paths, prepare_all
from archiver.store import Archive

from conftest import FIXTURES, WECHAT

CONTAINERS = FIXTURES / "containers"
MANIFEST = json.loads((CONTAINERS / "manifest.json").read_text(encoding="utf-8"))
SAME = ("title", "account", "published", "text", "citations", "url", "kind", "credits", "id")


def fixture_path(name: str) -> Path:
    path = CONTAINERS / name
    return path / "page.html" if path.is_dir() else path


def converted() -> list[tuple[str, dict]]:
    return [(name, post) for name, entry in sorted(MANIFEST.items())
            if not name.startswith("hostile") for post in entry["posts"]]


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    return load_config({}, tmp_path_factory.mktemp("cwd")).with_overrides(fetch=False)


def records_of(path: Path, config) -> dict[str, dict]:
    return {p.record["url"]: p.record for p in prepare_all(path, config)}


@pytest.mark.parametrize(("name", "post"), converted(), ids=lambda x: x if isinstance(x, str)
                         else x.get("title", "")[:12])
def test_a_container_gives_the_plain_pages_record(name, post, config):
    plain = prepare_all(WECHAT / post["source"], config)[0].record
    found = records_of(fixture_path(name), config)
    record = next(r for r in found.values() if r["id"] == plain["id"])
    for key in SAME:
        assert record[key] == plain[key], key
    stored = {i["sha256"] for i in record["images"] if i["status"] == "stored"}
    expected = {i["sha256"] for i in plain["images"] if i["status"] == "stored"}
    assert stored == expected
    if post.get("images"):
        assert stored, "the container's images are used"


def test_several_posts_in_one_warc_are_several_records(config):
    name = "converted-multi-mufeng-2018-01-29+2021-07-07.warc.gz"
    found = prepare_all(CONTAINERS / name, config)
    assert sorted(p.record["title"] for p in found) == ["大都市与小城镇——从东京的人口说起",
                                                        "送别一个旧时代"]


def test_the_same_post_in_every_container_is_one_object_with_no_extra_version(tmp_path):
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    source = WECHAT / MANIFEST["converted-mufeng-2021-07-07.mhtml"]["posts"][0]["source"]
    first = ingest_paths([source], config)[0]
    containers = [fixture_path(n) for n, e in MANIFEST.items() if "2021-07-07" in n
                  and not n.startswith(("hostile", "converted-multi"))]
    results = ingest_paths(containers, config)
    assert {r.object_id for r in results} == {first.object_id}
    assert {r.status for r in results} == {"unchanged"}
    assert Archive.open(tmp_path / "a").head(first.object_id) == first.version


@pytest.mark.parametrize("name", sorted(n for n in MANIFEST if n.startswith("hostile")))
def test_hostile_locations_never_reach_outside_the_object(name, tmp_path):
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "a", fetch=False)
    results = ingest_paths([fixture_path(name)], config)
    assert results[0].status == "added"
    archive = Archive.open(tmp_path / "a")
    root = archive.object_path(results[0].object_id).resolve()
    for path in archive.root.rglob("*"):
        assert path.resolve().is_relative_to(archive.root.resolve())
    state = archive.versions(results[0].object_id)[-1].state
    assert all(p in ("record.json", "provenance.json") or p.startswith(("source/", "assets/"))
               for p in state)
    assert all((root / "v1" / "content" / p).resolve().is_relative_to(root) for p in state
               if (root / "v1" / "content" / p).exists())
