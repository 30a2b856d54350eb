"""What a record says about the DOIs of its post: where each one is cited, and in what
reference."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.prepare import prepare
from archiver.record import _Blocks


def test_each_doi_points_at_the_first_block_that_cites_it(config, tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Citing\ndate: 2024-05-01\n---\n\n"
        "An opening paragraph without any DOI.\n\n"
        "![figure](images/missing.png)\n\n"
        "First cited as DOI:10.1000/ABC.1 (upper case in the text).\n\n"
        "Cited again: 10.1000/abc.1 and 10.1000/other.2\n\n"
        "A reference list broken the way PDFs break it: https://doi.org/10.1000/\n\n"
        "split.3\n\n"
        "[a link only](https://doi.org/10.1000/linked.4)\n\n"
        "- An item\n- [another link](https://doi.org/10.1000/listed.5) in the second\n\n"
        "[![a linked figure](images/missing.png)](https://doi.org/10.1000/figure.6)\n",
        encoding="utf-8")
    record = prepare(post, config).record
    blocks = record["blocks"]
    where = {c["doi"]: c["location"] for c in record["citations"]}
    assert where == {"10.1000/abc.1": "blocks/2", "10.1000/other.2": "blocks/3",
                     "10.1000/split.3": "blocks/4", "10.1000/linked.4": "blocks/6",
                     "10.1000/listed.5": "blocks/7/items/1", "10.1000/figure.6": "link"}
    assert "10.1000/ABC.1" in blocks[2]["text"] and blocks[1]["type"] == "image"
    assert blocks[4]["text"].endswith("10.1000/") and blocks[5]["text"] == "split.3"


def test_each_doi_keeps_the_reference_it_is_printed_in(config) -> None:
    """``raw``: the reference whole, its lines joined, as verify reads it (the seed prints its
    one reference over five lines, the DOI URL on the last)."""
    seed = Path(__file__).parent / "fixtures" / "wechat" / "markdown" / \
        "guozhengxueren-464-kazakhstan.md"
    [citation] = prepare(seed, config).record["citations"]
    assert citation["doi"] == "10.1093/ia/iiaa061"
    assert citation["raw"].startswith("Vanderhill, Joireman, et al. “Between the bear and ")
    assert "International Affairs ,vol.96, no.4, Jul. 2020, pp. 975-993" in citation["raw"]
    assert citation["raw"].endswith("https://doi.org/10.1093/ia/iiaa061.")


def test_a_doi_printed_alone_or_only_linked_has_no_reference(config, tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Citing\ndate: 2024-05-01\n---\n\nSome prose.\n\n"
                    "10.1000/alone.1\n\n[a link only](https://doi.org/10.1000/linked.4)\n",
                    encoding="utf-8")
    citations = prepare(post, config).record["citations"]
    assert [c["doi"] for c in citations] == ["10.1000/alone.1", "10.1000/linked.4"]
    assert not any("raw" in c for c in citations)


def test_a_reference_whose_doi_is_a_link_keeps_it_in_its_raw_text(config, tmp_path: Path) -> None:
    """The link's target is no part of the text, but it is the DOI the reference gives: its
    ``raw`` is the reference as verify checks it, the DOI after it."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Citing\ndate: 2024-05-01\n---\n\nReferences\n\n"
                    "1. Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation "
                    "on human gene expression. Nat Genet. 2017;49(5):692-699. "
                    "[DOI](https://doi.org/10.1038/ng.3834)\n", encoding="utf-8")
    [citation] = prepare(post, config).record["citations"]
    assert citation["location"] == "blocks/1/items/0"
    assert citation["raw"].startswith("Chiang C, Scott AJ")
    assert citation["raw"].endswith("692-699. DOI https://doi.org/10.1038/ng.3834")


# Pieces that DOIs are made of, and that put DOIs inside, beside and overlapping each other:
# a DOI that is the start of another, one inside another's suffix, "10." with no DOI after it
_PIECES = ["10.", "1000/", "10.1000/", "ab", "abc", "abc.1", "x", " ", "\n", "10.10.1000/ab"]


@given(texts=st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join),
                      min_size=1, max_size=6),
       dois=st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4)
                     .map(lambda parts: "10." + "".join(parts)), max_size=8, unique=True))
@settings(max_examples=300, deadline=None)
def test_each_doi_is_placed_where_a_search_of_the_whole_text_first_finds_it(
        texts: list[str], dois: list[str]) -> None:
    for separator in ("\n", ""):
        blocks = _Blocks(texts, separator)
        expected = {}
        for doi in dois:
            at = blocks.joined.find(doi)
            expected[doi] = None if at == -1 else next(
                i for i in reversed(range(len(texts))) if blocks.starts[i] <= at)
        assert blocks.first_holding(dois) == expected


MUFENG = Path(__file__).parent / "fixtures" / "wechat" / "html-with-assets" / \
    "mufeng__2021-07-07_送别一个旧时代"
DIDI = ("http://mp.weixin.qq.com/s?__biz=MjM5NjgyMDg4OQ==&mid=2721267835&idx=1"
        "&sn=b51b911e53389603513be5fb7c3e538b&chksm=8124828db6530b9bd2363001d738cfbe48740a215b9"
        "3c23956bb0a060a41d6ec8b89e07cd6c7&scene=21#wechat_redirect")


def links_of(record: dict) -> list[dict]:
    """Each link's text and target (where it is, start and end, is checked apart)."""
    return [{"text": link["text"], "url": link["url"], **(
        {"item": link["item"]} if "item" in link else {})}
        for block in record["blocks"] for link in block.get("links", [])]


def test_a_posts_links_are_kept_with_their_text_in_the_block_they_are_in(config) -> None:
    """送别一个旧时代 links eight earlier posts by their titles: each link's text and its
    target are in the block it is in (the text alone kept the title, not where it led). The
    page saved as HTML and its Markdown export link the same posts."""
    page = prepare(MUFENG / "html" / "2021-07-07_送别一个旧时代.html", config).record
    export = prepare(MUFENG / "md" / "2021-07-07_送别一个旧时代.md", config).record
    linked = links_of(page)
    assert len(linked) == 8
    assert {"text": "中国监管部门曾表示希望滴滴推迟美国IPO", "url": DIDI} in linked
    [block] = [b for b in page["blocks"] if DIDI in [link["url"] for link in b.get("links", [])]]
    assert "中国监管部门曾表示希望滴滴推迟美国IPO" in block["text"]
    assert all(block["text"][link["start"]:link["end"]] == link["text"]
               for block in page["blocks"] for link in block.get("links", []))
    assert {"text": "中国监管部门曾表示希望滴滴推迟美国IPO", "url": DIDI} in links_of(export)
    assert {link["url"] for link in links_of(export)} <= {link["url"] for link in linked}


def test_only_links_a_reader_can_follow_are_kept(config, tmp_path: Path) -> None:
    """A widget's script link (``javascript:;``), the page's own top (``#``), bytes inlined
    (``data:``) and a link with no text lead nowhere a reader could go; a list item's link
    says which item it is in."""
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Links\ndate: 2024-05-01\n---\n\n"
        "[对作者说句悄悄话](javascript:;) and [top](#) and [inline](data:text/plain,x) "
        '<a href="java&#9;script:alert(1)">spaced</a> <a href="&#1;javascript:x">led</a> '
        "and [](https://example.org/empty) and [the paper](https://doi.org/10.1000/x.1).\n\n"
        "- first\n- second, [its source](https://example.org/source)\n", encoding="utf-8")
    record = prepare(post, config).record
    from archiver.model import _followed
    assert not any(map(_followed, ["java\tscript:alert(1)", "\x01javascript:x", " JavaScript:x",
                                   "java\nscript:x", "#", "data:text/plain,x",
                                   "\xa0javascript:x", "\u3000javascript:x",
                                   "\x01\xa0 javascript:x"]))
    assert _followed("https://doi.org/10.1000/x.1") and _followed("mailto:a@b.org")
    paragraph, listed = record["blocks"]
    assert paragraph["links"] == [{"text": "the paper", "url": "https://doi.org/10.1000/x.1",
                                   "start": paragraph["text"].index("the paper"),
                                   "end": paragraph["text"].index("the paper") + 9}]
    assert listed["items"][1] == "second, its source"
    assert listed["links"] == [{"text": "its source", "url": "https://example.org/source",
                                "item": 1, "start": 8, "end": 18}]
