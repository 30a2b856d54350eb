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
