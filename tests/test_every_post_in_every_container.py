"""Every corpus post that has images, in every container, gives the plain page's record.

The committed fixtures (tests/fixtures/containers/) cover a few posts in many variants. Here
each labelled WeChat page with images is CONVERTED, at test time and by the same generator
(tests/make_container_fixtures.py), into each container a browser or crawler saves: "save page
complete", SingleFile, MHTML, WARC, WACZ and Safari's Web Archive. The page bytes and every
image byte are real (images inlined as ``data:`` URIs stay inlined; the mufeng posts' image
files are packed beside the page); the containers' headers are synthesised, as the generator
says. The bare ``#js_content`` fragment is left out: it is no page a browser or crawler saves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archiver.config import load_config
from archiver.pipeline import prepare_all

from conftest import WECHAT
from make_container_fixtures import (
    mhtml,
    post_warc,
    save_page,
    single_file,
    source_from,
    wacz,
    webarchive,
)

LABELS = json.loads((WECHAT / "expected.json").read_text(encoding="utf-8"))
PAGES = [label["path"] for label in LABELS
         if label["path"].endswith(".html") and label.get("images") and label.get("url")]
SAME = ("id", "title", "account", "published", "text", "citations", "url", "kind", "credits")


def saved(kind: str, rel: str, out: Path) -> Path:
    """The page at ``rel`` saved as ``kind`` in ``out``: the file (or page) to ingest."""
    src = source_from("post", rel)
    if kind == "savepage":
        save_page(src, out)
        return out / "converted-savepage-post" / "page.html"
    if kind == "singlefile":
        single_file(src, out)
        return out / "converted-singlefile-post.html"
    made = {"mhtml": lambda: mhtml(src), "warc.gz": lambda: post_warc("post.warc.gz", [src]),
            "wacz": lambda: wacz(src), "webarchive": lambda: webarchive(src)}[kind]()
    path = out / f"converted-post.{kind}"
    path.write_bytes(made)
    return path


def test_the_posts_with_images_are_all_here():
    """Every labelled page with images but the fragment: the 2020 and 2025 layouts, inlined
    images, images beside the page, images only on WeChat's servers."""
    assert len(PAGES) == 10
    assert all(label["path"] in PAGES for label in LABELS if label["path"].endswith(".html")
               and label.get("images") and "html-fragment" not in label["path"])


@pytest.mark.parametrize("kind", ["savepage", "singlefile", "mhtml", "warc.gz", "wacz",
                                  "webarchive"])
@pytest.mark.parametrize("rel", PAGES, ids=lambda rel: Path(rel).stem[-24:])
def test_a_post_saved_in_any_container_gives_the_plain_pages_record(rel, kind, tmp_path):
    config = load_config({}, tmp_path).with_overrides(fetch=False)
    [plain] = [p.record for p in prepare_all(WECHAT / rel, config)]
    [record] = [p.record for p in prepare_all(saved(kind, rel, tmp_path), config)]
    for key in SAME:
        assert record[key] == plain[key], key
    digests = [i.get("sha256") for i in plain["images"] if i["status"] == "stored"]
    assert sorted(i.get("sha256") for i in record["images"] if i["status"] == "stored") == \
        sorted(digests)
    assert len(record["images"]) == len(plain["images"])
