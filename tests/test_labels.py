"""Every corpus post yields its hand-checked labels (tests/fixtures/wechat/expected.json).

These are the acceptance tests of ingest: title, account, author, publish date, URL, DOIs,
credits, image counts, and text that must and must not survive cleaning. The records are built
by the library exactly as ``archiver ingest --no-fetch`` builds them, without an archive.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from archiver.prepare import prepare

from conftest import WECHAT, labels

LABELS = labels()
ERROR_KINDS = {"deleted", "blocked", "unavailable"}


def post_key(url: str | None) -> tuple | None:
    """Two URLs name the same post when biz/mid/idx or the /s/<token> agree."""
    if not url:
        return None
    parts = urlsplit(url.replace("&amp;", "&"))
    query = parse_qs(parts.query)
    if all(k in query for k in ("__biz", "mid", "idx")):
        return ("ids", query["__biz"][0], query["mid"][0], query["idx"][0])
    match = re.match(r"^/s/([A-Za-z0-9_-]+)$", parts.path)
    if match:
        return ("token", match.group(1))
    return ("url", url)


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict[str, dict]:
    from archiver.config import load_config
    config = load_config({}, tmp_path_factory.mktemp("cwd")).with_overrides(fetch=False)
    return {label["path"]: prepare(WECHAT / label["path"], config, None, "t").record
            for label in LABELS}


def ids(label: dict) -> str:
    return label["path"]


@pytest.mark.parametrize("label", LABELS, ids=ids)
def test_kind(records, label):
    assert records[label["path"]]["kind"] == label["kind"]


@pytest.mark.parametrize("label", [x for x in LABELS if x["kind"] in ERROR_KINDS], ids=ids)
def test_error_page_has_no_made_up_body(records, label):
    record = records[label["path"]]
    assert record["title"] is None
    assert not record["text"].strip()
    assert record["images"] == []


SCORED = [x for x in LABELS if x["kind"] not in ERROR_KINDS]


@pytest.mark.parametrize("label", SCORED, ids=ids)
def test_title(records, label):
    accepted = [label["title"], *label.get("also_accept", {}).get("title", [])]
    assert records[label["path"]]["title"] in accepted


@pytest.mark.parametrize("label", SCORED, ids=ids)
def test_account(records, label):
    account = records[label["path"]]["account"] or {}
    assert account.get("name") == label["account"]
    if label.get("account_id"):  # a gh_ name, or the biz where that is all the file gives
        assert label["account_id"] in (account.get("id"), account.get("biz"))
    if label.get("biz"):
        assert account.get("biz") == label["biz"]


@pytest.mark.parametrize("label", SCORED, ids=ids)
def test_author(records, label):
    """As the post gives it: the page's or export's own, else its byline (文/…, 记者 …)."""
    assert records[label["path"]]["author"] == label["author"]


@pytest.mark.parametrize("label", SCORED, ids=ids)
def test_publish_date(records, label):
    published = records[label["path"]]["published"]
    accepted = [label["publish_date"], *label.get("also_accept", {}).get("publish_date", [])]
    if label.get("publish_date_kind") == "fetch-time" or label["publish_date"] is None:
        # a fetch time is not a publication time, and a file may carry no date at all: the
        # record may leave the date empty, or take an accepted (e.g. folder-name) date
        assert published is None or published[:10] in accepted
    else:
        assert published is not None and published[:10] in accepted
        # a date-time carries Beijing time's offset; a bare date claims no time of day
        assert len(published) == 10 or published.endswith("+08:00")


@pytest.mark.parametrize("label", SCORED, ids=ids)
def test_url_names_the_same_post(records, label):
    record = records[label["path"]]
    assert post_key(record["url"]) == post_key(label["url"])
    if label.get("original_url"):
        assert post_key(record["original_url"]) == post_key(label["original_url"])


@pytest.mark.parametrize("label", SCORED, ids=ids)
def test_dois(records, label):
    found = {c["doi"] for c in records[label["path"]]["citations"] if c.get("doi")}
    required = set(label["dois"])
    assert required <= found
    assert found <= required | set(label.get("dois_optional", []))


@pytest.mark.parametrize("label", SCORED, ids=ids)
def test_credits(records, label):
    credits = records[label["path"]]["credits"]
    optional = label.get("credits_optional", {})
    for role, names in label["credits"].items():
        assert credits.get(role) == names, role
    for role, names in credits.items():
        if role not in label["credits"]:
            assert role in optional and set(names) <= set(optional[role]), role


@pytest.mark.parametrize("label", SCORED, ids=ids)
def test_image_counts(records, label):
    images = records[label["path"]]["images"]
    assert len(images) in [label["images"], *label.get("images_accept", [])]
    distinct = {i.get("sha256") or i.get("original") for i in images}
    assert len(distinct) <= label["images_distinct"] or label["images_accept"]


@pytest.mark.parametrize("label", SCORED, ids=ids)
def test_must_and_must_not_contain(records, label):
    text = records[label["path"]]["text"]
    for passage in label["must_contain"]:
        assert passage in text
    for chrome in label["must_not_contain"]:
        assert chrome not in text


def test_seed_post_doi_is_normalised(records):
    record = records["markdown/guozhengxueren-464-kazakhstan.md"]
    assert [c["doi"] for c in record["citations"]] == ["10.1093/ia/iiaa061"]
    assert record["column"] == "中亚研究"
    assert record["series"] == "第464期"


def test_seed_post_images_are_missing_with_a_reason(records):
    images = records["markdown/guozhengxueren-464-kazakhstan.md"]["images"]
    assert [i["status"] for i in images] == ["missing"] * 7
    assert all(i["reason"] for i in images)
