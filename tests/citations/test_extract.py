"""Specification of DOI extraction and normalisation (archiver/citations/extract.py).

``normalise_doi``: NFKC (full-width forms), ``doi:`` / ``https://doi.org/`` prefixes removed,
lower case, trailing ``.,;:)]`` and 。，） removed unless they close a bracket opened inside the
DOI (SICI DOIs), URL path tails that are not part of the DOI removed when the DOI came from a
URL (``/figures/1``, ``/full``, ``.full``), bioRxiv version suffixes (``v2``) removed; None for
text that is not a DOI. Properties: idempotent, never raises, output starts with ``10.`` and
ends without trailing punctuation.

``find_dois``: distinct DOIs in order of appearance, from text lines and link targets, with
DOIs and DOI URLs that reference lists split over two paragraphs joined again — but not a
complete DOI with the next reference. Inputs are lines of the corpus posts' reference lists.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.citations.extract import (
    find_dois,
    find_references,
    join_split_lines,
    normalise_doi,
)
from archiver.citations.parse import find_doi
from archiver.clean import clean
from archiver.readers import read

from conftest import FIXTURES, WECHAT, labels

SICI = "10.1890/0012-9658(2006)87[2832:tiopma]2.0.co;2"
TRAILING = tuple(".,;:!?'\"。，、；：！？")


# --- normalise_doi ----------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "doi"), [
    ("https://doi.org/10.1093/ia/iiaa061.", "10.1093/ia/iiaa061"),  # 国政学人第464期
    ("http://dx.doi.org/10.1136/bmj.m441", "10.1136/bmj.m441"),
    ("https://dx.doi.org/10.1136/bmj.m441", "10.1136/bmj.m441"),
    ("doi:10.1002/sim.8766", "10.1002/sim.8766"),
    ("DOI:10.1002/sim.8766.", "10.1002/sim.8766"),  # 临床预测模型经典文献合集
    ("DOI: 10.1001/jama.2017.12126", "10.1001/jama.2017.12126"),
    ("doi 10.1001/jama.2017.12126", "10.1001/jama.2017.12126"),
    ("doi：10.1001/jama.2017.12126", "10.1001/jama.2017.12126"),
    ("10.1093/ia/iiaa061", "10.1093/ia/iiaa061"),
])
def test_prefixes_and_a_final_full_stop_are_removed(raw, doi):
    assert normalise_doi(raw) == doi


def test_dois_are_lower_case():
    assert normalise_doi("10.1038/S41586-021-03819-2") == "10.1038/s41586-021-03819-2"
    assert normalise_doi("https://doi.org/10.48550/arXiv.1301.3781") == "10.48550/arxiv.1301.3781"


def test_full_width_forms_are_folded_by_nfkc():
    assert normalise_doi("ｄｏｉ：１０．１１３６／ＢＭＪ．ｍ４４１") == "10.1136/bmj.m441"
    assert normalise_doi("DOI：10.1136/bmj.m441") == "10.1136/bmj.m441"


@pytest.mark.parametrize("tail", [".", ",", ";", ":", ")", "]", "。", "，", "）", ").", "]。",
                                  "；", "！", "?", "'", '"', ".)", "),"])
def test_trailing_punctuation_is_removed(tail):
    assert normalise_doi("10.1136/bmj.b2393" + tail) == "10.1136/bmj.b2393"


@pytest.mark.parametrize("wrapped", ["（10.1136/bmj.b2393）", "(10.1136/bmj.b2393)",
                                     "[10.1136/bmj.b2393]", '"10.1136/bmj.b2393"',
                                     "<10.1136/bmj.b2393>", "'10.1136/bmj.b2393'"])
def test_a_doi_inside_brackets_or_quotes_loses_them(wrapped):
    assert normalise_doi(wrapped) == "10.1136/bmj.b2393"


@pytest.mark.parametrize("quoted", ["“10.1136/bmj.b2393”", "见“10.1136/bmj.b2393”。",
                                    "‘10.1136/bmj.b2393’"])
def test_a_doi_inside_curly_quotes_loses_them(quoted):
    assert normalise_doi(quoted) == "10.1136/bmj.b2393"
    assert find_dois([quoted]) == ["10.1136/bmj.b2393"]


@pytest.mark.parametrize("raw", [
    SICI,
    "10.1890/0012-9658(2006)87[2832:TIOPMA]2.0.CO;2",
    "10.1890/0012-9658(2006)87[2832:TIOPMA]2.0.CO;2.",
    "(10.1890/0012-9658(2006)87[2832:TIOPMA]2.0.CO;2).",
    "doi:10.1890/0012-9658(2006)87[2832:tiopma]2.0.co;2;",
])
def test_balanced_brackets_of_a_sici_doi_are_kept(raw):
    assert normalise_doi(raw) == SICI


def test_a_closing_bracket_that_belongs_to_the_doi_is_kept():
    # 临床预测模型经典文献合集: "DOI:10.1016/S1470-2045(14)71116-7."
    assert normalise_doi("DOI:10.1016/S1470-2045(14)71116-7.") == "10.1016/s1470-2045(14)71116-7"
    assert normalise_doi("10.1016/S1470-2045(14)71116-7)。") == "10.1016/s1470-2045(14)71116-7"
    assert normalise_doi("10.1000/abc(1)") == "10.1000/abc(1)"


@pytest.mark.parametrize(("url", "doi"), [
    ("https://www.nature.com/articles/10.1038/s41586-021-03819-2/figures/1",
     "10.1038/s41586-021-03819-2"),
    ("https://www.frontiersin.org/articles/10.3389/fpls.2019.00816/full",
     "10.3389/fpls.2019.00816"),
    ("https://www.biorxiv.org/content/10.1101/2023.04.30.538439v1.full",
     "10.1101/2023.04.30.538439"),
    ("https://www.biorxiv.org/content/10.1101/2020.12.01.406702v2", "10.1101/2020.12.01.406702"),
    ("https://www.biorxiv.org/content/10.1101/097196v1.full.pdf", "10.1101/097196"),
    ("https://dl.acm.org/doi/abs/10.1145/3395363.3397370", "10.1145/3395363.3397370"),
    ("https://onlinelibrary.wiley.com/doi/10.1002/sim.8766?af=R", "10.1002/sim.8766"),
    ("https://journals.plos.org/x?id=10.1371%2Fjournal.pone.0214986",
     "10.1371/journal.pone.0214986"),
    ("https://doi.org/10.1038/ng.3834#sec1", "10.1038/ng.3834"),
])
def test_url_tails_that_are_not_part_of_the_doi_are_cut(url, doi):
    assert normalise_doi(url, from_url=True) == doi


@pytest.mark.parametrize(("url", "doi"), [
    # a DOI's own "#" and "?", percent-encoded in its doi.org link as the DOI Handbook says
    # (and as export writes it): decoded after the link's fragment and query are cut
    ("https://doi.org/10.1000/xyz_123%23a", "10.1000/xyz_123#a"),
    ("https://doi.org/10.1000/xyz_123%3Fa?utm_source=x#top", "10.1000/xyz_123?a"),
    ("https://doi.org/10.1038/ng.3834%3F", "10.1038/ng.3834"),  # a question mark after it
    # another URL's, encoded in a redirect's query or a publisher's path: its own query or
    # fragment, cut
    ("https://x.com/r?url=https%3A%2F%2Fdoi.org%2F10.1038%2Fng.3834%3Futm_source%3Dwechat",
     "10.1038/ng.3834"),
    ("https://onlinelibrary.wiley.com/doi/full/10.1002/sim.8766%23sec1", "10.1002/sim.8766"),
    # a doi.org link a redirect or an archive holds is its URL's own, as above
    ("https://web.archive.org/web/2020/https://doi.org/10.1000/xyz_123%23a", "10.1000/xyz_123"),
    ("https://www.ncbi.nlm.nih.gov/redirect?url=https://doi.org/10.1000/abc%3Fsrc%3Dx",
     "10.1000/abc"),
    ("https://www.doi.org/10.1000/xyz%23a", "10.1000/xyz#a"),
    ("https://doi.org/10.1000/xyz%23", "10.1000/xyz"),  # nothing after it: the link's
    ("doi:https://doi.org/10.1000/xyz_123%23a", "10.1000/xyz_123#a"),
    # a query of parameters, encoded: the link's, not the DOI's
    ("https://doi.org/10.1038/ng.3834%3Futm_source%3Dwechat", "10.1038/ng.3834"),
])
def test_an_encoded_hash_or_question_mark_is_the_dois_own_only_in_its_doi_org_link(url, doi):
    assert find_dois([f"见 {url} 。"]) == [doi]
    assert find_dois([], [url]) == [doi]


def test_a_biorxiv_version_suffix_is_removed_even_in_plain_text():
    assert normalise_doi("10.1101/2020.12.01.406702v2") == "10.1101/2020.12.01.406702"
    assert normalise_doi("10.1101/097196v3") == "10.1101/097196"


def test_a_v_suffix_outside_biorxiv_is_part_of_the_doi():
    assert normalise_doi("10.5281/zenodo.1234v2") == "10.5281/zenodo.1234v2"


WILEY_SICI = "10.1002/(sici)1097-4636(199706)35:4<461::aid-jbm6>3.0.co;2-l"


@pytest.mark.parametrize("text", [
    "doi:10.1002/(SICI)1097-4636(199706)35:4<461::AID-JBM6>3.0.CO;2-L",
    "https://doi.org/10.1002/(SICI)1097-4636(199706)35:4%3C461::AID-JBM6%3E3.0.CO;2-L",
    # a link with the brackets as they are (APA prints the DOI so)
    "https://doi.org/10.1002/(SICI)1097-4636(199706)35:4<461::AID-JBM6>3.0.CO;2-L",
    "J Biomed Mater Res. 1997;35(4):461-7. doi:10.1002/(SICI)1097-4636(199706)35:4<461::"
    "AID-JBM6>3.0.CO;2-L."])
def test_a_wiley_sici_doi_keeps_its_angle_brackets(text):
    """Wiley's SICI DOIs hold "<number::…>": the DOI is not cut at its "<"."""
    assert find_dois([text], []) == [WILEY_SICI]
    assert find_doi(text) == WILEY_SICI


AMS_SICI = "10.1175/1520-0469(1963)020<0130:dnf>2.0.co;2"  # Lorenz, Deterministic nonperiodic flow


@pytest.mark.parametrize("text", [
    "Lorenz EN. Deterministic nonperiodic flow. J Atmos Sci. 1963;20(2):130-141. "
    "doi:10.1175/1520-0469(1963)020<0130:DNF>2.0.CO;2",
    "https://doi.org/10.1175/1520-0469(1963)020<0130:DNF>2.0.CO;2",
    "https://doi.org/10.1175/1520-0469(1963)020%3C0130:DNF%3E2.0.CO;2"])
def test_an_ams_sici_doi_keeps_its_angle_brackets_around_a_page_and_a_title_code(text):
    """The American Meteorological Society's SICI DOIs hold "<page:code>", one colon: the
    DOI was cut at its "<", a DOI no one registered, and a correct citation not found."""
    assert find_dois([text], []) == [AMS_SICI]
    assert find_doi(text) == AMS_SICI


@pytest.mark.parametrize("text", [
    "https://doi.org/10.1038/ng.3834/", "<https://doi.org/10.1038/ng.3834>.",
    "[https://doi.org/10.1038/ng.3834](https://doi.org/10.1038/ng.3834)",
    "[doi:10.1038/ng.3834](https://doi.org/10.1038/ng.3834)", "https://doi.org/10.1038%2Fng.3834"])
def test_a_doi_is_read_whole_from_a_url_with_its_closing_slash_or_a_markdown_link(text):
    assert find_dois([text], []) == ["10.1038/ng.3834"]
    assert find_doi(text) == "10.1038/ng.3834"


@pytest.mark.parametrize(("text", "doi"), [
    ("https://journals.plos.org/plosone/article/file?id=10.1371/journal.pone.0214986"
     "&type=printable", "10.1371/journal.pone.0214986"),
    ("https://doi.org/10.1371/journal.pone.0214986&gt;", "10.1371/journal.pone.0214986"),
    ("doi:10.1002/(SICI)1097-4636(199706)35:4&lt;461::AID-JBM6&gt;3.0.CO;2-L", WILEY_SICI),
    ("doi:10.1000/a&b", "10.1000/a&b"),
    # PMC's Google Scholar link ends its query with "&"
    ("https://scholar.google.com/scholar_lookup?journal=Nat+Genet&title=The+impact&doi="
     "10.1038/ng.3834&", "10.1038/ng.3834")])
def test_a_doi_copied_from_a_pages_source_or_a_query_is_read_without_what_follows(text, doi):
    """A DOI in a URL's query runs to the next parameter, or to the "&" ending the query;
    one copied from a page's source has its angle brackets as entities. An "&" inside stays,
    as DOIs may hold one."""
    assert find_dois([text], []) == [doi]


def test_percent_encoded_slashes_are_decoded():
    assert normalise_doi("10.1002%2Fsim.8766") == "10.1002/sim.8766"


@pytest.mark.parametrize("text", ["", "hello", "10.1093", "10.12/abc", "10.1234/", "doi:",
                                  "https://doi.org/", "第464期", "11.1093/ia/iiaa061",
                                  "10.1093 / ia"])
def test_text_that_is_not_a_doi_gives_none(text):
    assert normalise_doi(text) is None


def test_a_doi_ends_at_chinese_text_or_whitespace():
    assert normalise_doi("10.1093/ia/iiaa061哈萨克斯坦") == "10.1093/ia/iiaa061"
    assert normalise_doi("10.1093/ia/iiaa061\u3000下一条") == "10.1093/ia/iiaa061"
    assert normalise_doi("10.1093/ia/iiaa061 pp. 975-993") == "10.1093/ia/iiaa061"


# --- normalise_doi: properties ----------------------------------------------------------------

_DOI_PIECES = st.tuples(
    st.sampled_from(["", "doi:", "DOI: ", "https://doi.org/", "http://dx.doi.org/", "ｄｏｉ：",
                     "("]),
    st.from_regex(r"10\.\d{4,9}/[A-Za-z0-9.()\[\];:<>/_-]{1,24}", fullmatch=True),
    st.text(alphabet=".,;:)]}。，）v2/full?#", max_size=5),
).map("".join)
_TEXT = st.one_of(st.text(max_size=80), _DOI_PIECES,
                  st.text(alphabet="10./()[];:,。，）（ doi:https/ｄｏｉ１０．xyzv2%2F",
                          max_size=40))


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.booleans())
def test_normalise_doi_never_raises_and_is_idempotent(text, from_url):
    doi = normalise_doi(text, from_url=from_url)
    if doi is not None:
        assert normalise_doi(doi) == doi
        assert normalise_doi(doi, from_url=from_url) == doi


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.booleans())
def test_a_normalised_doi_starts_with_10_and_ends_without_trailing_punctuation(text, from_url):
    doi = normalise_doi(text, from_url=from_url)
    if doi is None:
        return
    assert doi.startswith("10.")
    assert "/" in doi and not doi.endswith("/")
    assert not doi.endswith(TRAILING)
    assert doi == doi.lower()
    for closer, opener in ((")", "("), ("]", "["), ("}", "{"), (">", "<")):
        if doi.endswith(closer):
            assert doi.count(opener) >= doi.count(closer)
    assert not any(c.isspace() for c in doi)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=6), st.lists(st.text(max_size=40), max_size=3))
def test_find_dois_never_raises_and_returns_distinct_normalised_dois(lines, links):
    found = find_dois(lines, links)
    assert len(found) == len(set(found))
    for doi in found:
        assert normalise_doi(doi) == doi


# --- find_dois --------------------------------------------------------------------------------

def test_find_dois_in_a_reference_of_a_corpus_post():
    # the 【来源】 block of 国政学人第464期, one line per Markdown line
    lines = ["【来源】 Vanderhill, Joireman, et al. “Between the bear and the dragon:",
             "Multivectorism in Kazakhstan as a model strategy for secondary powers”.",
             "International Affairs ,vol.96, no.4, Jul. 2020, pp. 975-993,",
             "https://doi.org/10.1093/ia/iiaa061."]
    assert find_dois(lines) == ["10.1093/ia/iiaa061"]


def test_find_dois_returns_each_doi_once_in_order_of_appearance():
    lines = ["Statistics in Medicine, 2022, 41(7): 1280–1295. DOI:10.1002/sim.9275.",
             "Statistics in Medicine, 2021, 40(1): 133–146. DOI:10.1002/sim.8766.",
             "again: https://doi.org/10.1002/SIM.9275"]
    assert find_dois(lines) == ["10.1002/sim.9275", "10.1002/sim.8766"]


# Pairs of consecutive paragraphs in the reference list of 万字综述 (追问nextquestion).
SPLIT = [
    ("Preprint at arXiv. https://doi.org/", "10.48550/arXiv.1301.3781.",
     "10.48550/arxiv.1301.3781"),
    ("Nat. Neurosci. 25, 369–380. https://doi.org/10.1038/s41593-022-", "01026-4.",
     "10.1038/s41593-022-01026-4"),
    ("Proc. Natl. Acad. Sci. USA 118, e2105646118. https://doi.org/10.1073/pnas.", "2105646118.",
     "10.1073/pnas.2105646118"),
    ("A benchmark for efficient transformers. Preprint at arXiv. https://doi.org/10.",
     "48550/arXiv.2011.04006.", "10.48550/arxiv.2011.04006"),
    ("Nat. Genet. 55, 1512–1522. https://doi.org/10.1038/", "s41588-023-01465-0.",
     "10.1038/s41588-023-01465-0"),
    ("Nat. Commun. 14, 4197. https://doi.", "org/10.1038/s41467-023-39862-y.",
     "10.1038/s41467-023-39862-y"),
    ("Science 360, eaap8757. https://doi.org/10.1126/science.", "aap8757.",
     "10.1126/science.aap8757"),
    ("in pretrained language models. Preprint at arXiv. https://",
     "doi.org/10.48550/arXiv.2004.09456.", "10.48550/arxiv.2004.09456"),
]


@pytest.mark.parametrize(("first", "second", "doi"), SPLIT, ids=[s[2] for s in SPLIT])
def test_a_doi_split_over_two_paragraphs_is_joined_again(first, second, doi):
    assert find_dois([first, second]) == [doi]


def test_a_complete_doi_is_not_joined_with_the_next_reference():
    # 临床预测模型经典文献合集: a reference ends with its DOI, the next one starts
    lines = ["Statistics in Medicine, 2022, 41(7): 1280–1295. DOI:10.1002/sim.9275.",
             "Riley R D, Snell K I E, Archer L, et al. Evaluation of clinical prediction models"]
    assert join_split_lines(lines) == lines
    assert find_dois(lines) == ["10.1002/sim.9275"]


def test_a_numbered_next_item_is_not_a_continuation():
    lines = ["Preprint at arXiv. https://doi.org/10.48550/arXiv.", "16. OpenAI. (2023). GPT-4"]
    assert join_split_lines(lines) == lines


def test_a_line_with_trailing_space_is_not_joined():
    lines = ["https://doi.org/10.1038/ ", "s41588-023-01465-0."]
    assert join_split_lines(lines) == lines


def test_find_dois_reads_link_targets():
    links = ["https://dl.acm.org/doi/abs/10.1145/3395363.3397370",  # G.O.S.S.I.P
             "doi:10.1002/sim.8766",
             "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw",
             "https://www.nature.com/articles/s41586-024-07465-2"]
    assert find_dois([], links) == ["10.1145/3395363.3397370", "10.1002/sim.8766"]


def test_a_doi_in_a_url_in_running_text_is_read_as_a_url():
    line = "原文：https://www.frontiersin.org/articles/10.3389/fpls.2019.00816/full 。"
    assert find_dois([line]) == ["10.3389/fpls.2019.00816"]


def test_text_and_links_together_give_each_doi_once():
    assert find_dois(["DOI:10.1145/3395363.3397370."],
                     ["https://doi.org/10.1145/3395363.3397370"]) == ["10.1145/3395363.3397370"]


def test_full_width_text_is_normalised_before_searching():
    assert find_dois(["ＤＯＩ：１０．１１３６／ｂｍｊ．ｍ４４１。"]) == ["10.1136/bmj.m441"]


WITH_DOIS = [x for x in labels() if x["dois"]]


@pytest.mark.parametrize("label", WITH_DOIS, ids=lambda x: x["path"])
def test_dois_of_a_cleaned_corpus_post_are_exactly_its_labelled_dois(label):
    found = set(clean(read(WECHAT / label["path"])).dois)
    assert set(label["dois"]) <= found <= set(label["dois"]) | set(label["dois_optional"])


# --- the shortcut for text that can hold no DOI ----------------------------------------------

def test_the_characters_that_may_make_a_doi_are_all_those_nfkc_turns_into_slash_or_percent():
    """Text without any of them is not normalised or searched (every DOI holds "/" or "%2F");
    a Unicode upgrade that adds such a character must fail here, not miss DOIs silently."""
    import sys
    import unicodedata

    from archiver.citations.extract import SLASH_OR_PERCENT
    found = {chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF
             and ("/" in unicodedata.normalize("NFKC", chr(c))
                  or "%" in unicodedata.normalize("NFKC", chr(c)))}
    assert found == set(SLASH_OR_PERCENT)


def test_a_line_whose_normal_form_may_be_continued_is_never_taken_for_one_that_cannot():
    """Lines that cannot be continued and hold no "/" are left unnormalised; the test of
    "may be continued" must hold for every last character, whatever comes before it."""
    import sys
    import unicodedata

    from archiver.citations.extract import _may_end_joinable
    ends = tuple("/.-:_")
    befores = ("", "a", "/", "\u1100", "\u0cc6", "e\u0301")  # Hangul and Kannada compose
    for c in range(sys.maxunicode + 1):
        if 0xD800 <= c <= 0xDFFF:
            continue
        for before in befores:
            line = before + chr(c)
            if unicodedata.normalize("NFKC", line).endswith(ends):
                assert _may_end_joinable(line), repr(line)


@pytest.mark.parametrize(("lines", "doi"), [
    (["参见 10.1093/ia/", "ｉｉａａ０６１ 等"], "10.1093/ia/iiaa061"),  # continuation full width
    (["DOI：10．", "1093/ia/iiaa061"], "10.1093/ia/iiaa061"),  # the line continued, full width
])
def test_a_doi_split_over_lines_in_full_width_forms_is_found(lines, doi):
    assert find_dois(lines) == [doi]


_PIECES = ["10.", "1093", "/", "／", "%2F", "％２Ｆ", "ia", "ｉａ", "iiaa061", "．", ".", "-", "_",
           ":", "：", "doi:", "https://doi.org/", " ", "\n", "参考文献", "。", "，", "\u0301",
           "\u1100", "\u1161", "ﬁ", "①", "x", "等"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), max_size=6))
def test_dois_found_in_text_are_those_found_in_its_nfkc_form(lines):
    """Only some lines are normalised: what is found must not depend on that."""
    import unicodedata
    assert find_dois(lines) == find_dois([unicodedata.normalize("NFKC", "\n".join(lines))])


@pytest.mark.parametrize("line", ["见 10．1093／ia／iiaa061", "https://doi.org/10.1093%2Fia%2Fiiaa061",
                                  "10.1093/ia/iiaa061"])
def test_a_doi_written_with_any_slash_is_still_found(line):
    assert find_dois([line]) == ["10.1093/ia/iiaa061"]


def test_text_with_no_slash_of_any_kind_holds_no_doi_but_its_links_still_count():
    assert find_dois(["10.1093 ia iiaa061", "参考文献 10．1093"]) == []
    assert find_dois(["无"], ["https://doi.org/10.1093/ia/iiaa061"]) == ["10.1093/ia/iiaa061"]


def citations_under_references(*paragraphs: str) -> list[tuple[str, str | None]]:
    """What verify checks in a post whose reference section (参考文献) holds ``paragraphs``,
    each DOI found where it is written (blocks/1, blocks/2 …)."""
    from archiver.citations.verify import citations_of
    blocks = [{"type": "heading", "text": "参考文献"}]
    blocks += [{"type": "paragraph", "text": text} for text in paragraphs]
    record = {"blocks": blocks,
              "citations": [{"doi": doi, "location": f"blocks/{n}"}
                            for n, text in enumerate(paragraphs, 1) for doi in find_dois([text])]}
    return citations_of(record)


def test_prose_naming_several_dois_in_a_reference_section_is_no_reference():
    """A paragraph after the list ("文中还提到 …") names two works: taken as one reference its
    words became a "journal" that no record matched. Its DOIs are checked alone."""
    reference = ("Chiang C W K, et al. The impact of structural variation on human gene "
                 "expression. Nat Genet, 2017, 49(5): 692-699. doi:10.1038/ng.3834")
    prose = ("文中还提到 https://doi.org/10.6002/ect.2015.0371 和 "
             "https://doi.org/10.1098/rspb.2017.0132 以及 2017 年的综述。")
    assert citations_under_references(f"[1] {reference}", prose) == [
        (f"[1] {reference}", "blocks/1"), ("10.6002/ect.2015.0371", "blocks/2"),
        ("10.1098/rspb.2017.0132", "blocks/2")]


def test_a_txt_line_with_two_dois_checks_both():
    from archiver.citations.verify import split_reference_lines
    text = ("Smith J. A study. Nature. 2020;1:2. doi:10.1038/ng.3834 "
            "Jones K. Another. Cell. 2019;3:4. doi:10.1098/rspb.2017.0132\n"
            "Lee A. One work. Science. 2018;5:6. doi:10.1126/science.1\n")
    assert split_reference_lines(text) == [
        (1, text.splitlines()[0]), (1, "10.1098/rspb.2017.0132"), (2, text.splitlines()[1])]


def test_a_reference_giving_a_second_doi_is_still_checked_field_by_field():
    """An erratum's DOI after a whole reference: the reference is compared with its first
    DOI's record (a wrong author or title must still fail), the second DOI checked alone."""
    reference = ("1. Smith JB, Jones H. Melanism in cavefish arises through the same Oca2 "
                 "allele. Heredity. 2013;111(2):122-130. doi:10.1038/hdy.2013.26. Erratum in: "
                 "Heredity. 2013;111(3):260. doi:10.1038/ng.3834")
    assert citations_under_references(reference) == [(reference, "blocks/1"),
                                                      ("10.1038/ng.3834", "blocks/1")]


def test_a_reference_that_opens_with_its_doi_and_gives_another_is_still_a_reference():
    reference = ("1. doi:10.1038/ng.3834 Chiang C, et al. The impact of structural variation "
                 "on human gene expression. Nature Genetics 2017;49:692-699. Data: "
                 "doi:10.1098/rspb.2017.0132")
    assert citations_under_references(reference)[0] == (reference, "blocks/1")


HEREDITY_VANCOUVER = ("Gross JB, Wilkens H. Albinism in phylogenetically and geographically "
                      "distinct populations of Astyanax cavefish arises through the same "
                      "loss-of-function Oca2 allele. Heredity. 2013;111(2):122-30.")


@pytest.mark.parametrize("written", [
    HEREDITY_VANCOUVER.replace("populations", "popu\u00adlations"),  # a soft hyphen
    HEREDITY_VANCOUVER.replace("Wilkens", "Wil\u200bkens"),  # a zero-width space
    "\ufeff" + HEREDITY_VANCOUVER.replace("Heredity", "Here\u2060dity"),
    "⑲Gross" + HEREDITY_VANCOUVER.removeprefix("Gross"),  # NFKC alone gives "19Gross"
    "Reference: " + HEREDITY_VANCOUVER,
    "【来源】" + HEREDITY_VANCOUVER,
    "[3]Reference: " + HEREDITY_VANCOUVER,  # a number, then the label
])
def test_a_txt_line_is_read_as_a_reader_sees_it(written):
    """Characters no reader sees, an enclosed list number glued to the first name and a label
    are no part of the reference: left in, they read as a misspelt title, author or journal."""
    from archiver.citations.verify import split_reference_lines
    assert split_reference_lines(written) == [(1, HEREDITY_VANCOUVER)]


def test_a_txt_line_in_full_width_forms_is_read_in_nfkc():
    from archiver.citations.verify import split_reference_lines
    written = "Gross, J. B., & Wilkens, H. （2014）. Albinism. Heredity, 111（2）, 122–130."
    assert split_reference_lines(written) == [
        (1, "Gross, J. B., & Wilkens, H. (2014). Albinism. Heredity, 111(2), 122–130.")]


@pytest.mark.parametrize("line", ["Source, J. (2010). A study of sources. Nature, 1(2), 3-4.",
                                  "References, A. B. (2010). On lists. Nature, 1(2), 3-4."])
def test_a_family_name_that_is_also_a_label_word_stays(line):
    """A Latin label word is a label only with its colon or brackets."""
    from archiver.citations.verify import split_reference_lines
    assert split_reference_lines(line) == [(1, line)]


def test_a_reference_under_a_label_in_a_post_is_found_without_its_invisible_characters():
    written = "Source: " + HEREDITY_VANCOUVER.replace("populations", "popu\u200blations")
    assert citations_under_references(written) == [(HEREDITY_VANCOUVER, "blocks/1")]


@pytest.mark.parametrize("first, second", [
    ("［10］Chen L, Knoll A.", "Human Body Orientation Estimation in Multiview Scenarios[M]//"
     "Advances in Visual Computing. Berlin: Springer, 2012: 499-508."),
    ("⑤Chen L, Panin G, Knoll A.", "Human Body Orientation Estimation in Multiview Scenarios"
     "[M]//Advances in Visual Computing. Berlin: Springer, 2012: 499-508."),
    ("(18) Queen SE, Beck SE, Witwer KW, et al. Paving the path to HIV neurotherapy: "
     "Predicting SIV CNS disease.", "Eur J Pharmacol. 2015;759:303-12."),
    ("17、Arya, V., & Turletti, T. (n.d.). Accurate and explicit differentiation of wireless "
     "and congestion losses.", "In 23rd International Conference on Distributed Computing "
     "Systems Workshops, 2003. Proceedings (pp. 877–882). IEEE."),  # 、 with no space after
])
def test_an_entry_broken_over_two_paragraphs_in_a_reference_section_is_one(first, second):
    """Checked in halves, the half with the numbers had no authors (a false alarm) and the
    other was never checked (a wrong author passed)."""
    from archiver.citations.extract import reference_text
    assert citations_under_references(first, second) == [
        (f"{reference_text(first)} {second}", "blocks/1")]


def test_an_entry_followed_by_a_new_entry_is_not_joined_to_it():
    first = "[1] Smith J. A study of things. Nature. 2020;1(2):3-4."
    second = "[2] Jones K. Another study. Cell. 2019;3(4):5-6."
    assert [text for text, _ in citations_under_references(first, second)] == [first, second]


def test_an_entry_with_only_a_year_and_its_issue_is_checked_in_a_reference_section():
    """No DOI, no vol./pp.: in a reference section its year and "23(1/2)" make it an entry
    (it was passed over: a wrong one went unseen)."""
    entry = ("(16) Burton, A., Aryani, A., & Fenner, M. (2017). The Scholix Framework for "
             "Interoperability in Data-Literature Information Exchange. D-Lib Magazine, 23(1/2).")
    assert citations_under_references(entry) == [(entry, "blocks/1")]


@pytest.mark.parametrize("first, rest", [
    ("https://doi.org/10.1371/jou", "rnal.pone.0000030"),  # broken inside a word
    ("https://doi.org/10.4018/978-1-4666-1891-6", ".ch004"),
])
def test_a_doi_broken_inside_a_word_over_two_paragraphs_is_whole_in_its_reference(first, rest):
    entry = "[3] Smith J. (2020). A study. PLoS One, 2(1), e30. " + first
    found = citations_under_references(entry, rest)
    assert found == [(entry + rest, "blocks/1")]  # and no DOI of its first part alone


def test_a_doi_broken_after_a_hyphen_at_a_line_end_is_whole():
    from archiver.citations.extract import reference_text
    assert reference_text("Springer. https://doi.org/10.1007/978- 3-319-75889-3_1") == \
        "Springer. https://doi.org/10.1007/978-3-319-75889-3_1"
    assert reference_text("pp. 1- 13 in 2020") == "pp. 1- 13 in 2020"  # no DOI: as it is


def test_a_posts_doi_broken_after_a_hyphen_is_found_whole():
    """A paragraph's line break, read as a space, inside a DOI after its hyphen: the post's
    DOIs hold it whole, as its reference is read, not its first part."""
    from archiver.citations.extract import find_dois
    assert find_dois(["Springer. https://doi.org/10.1007/978- 3-319-75889-3_1",
                      "doi:10.1016/j.cell- 2019.01.001."]) == \
        ["10.1007/978-3-319-75889-3_1", "10.1016/j.cell-2019.01.001"]


def test_a_doi_broken_right_after_its_prefixs_slash_is_whole():
    """No DOI ends with its prefix's slash: "10.1038/ ng.3834" is one DOI (it was none,
    and its citation was looked up by a search)."""
    from archiver.citations.extract import find_dois, reference_text
    assert find_dois(["Mol Cell. 2015. doi: 10.1038/ ng.3834", "see 10.1038/abc def"]) == \
        ["10.1038/ng.3834", "10.1038/abc"]
    assert reference_text("Nat Genet. 2017. doi: 10.1038/ ng.3834") == \
        "Nat Genet. 2017. doi: 10.1038/ng.3834"


# the record of 10.1038/ng.3834 (tests/fixtures/crossref) cited in Vancouver's form, its
# volume 49 miswritten 48: after these words on its line, it was checked for the DOI's
# existence alone, and reported verified
NG_3834_WRONG_VOLUME = ("Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation "
                        "on human gene expression. Nat Genet. 2017;48(5):692-699. "
                        "doi:10.1038/ng.3834")


@pytest.mark.parametrize("label", ["参考文献：", "【参考文献】 ", "参考资料: ", "[参考文献]"])
def test_a_reference_after_the_word_for_references_on_its_line_is_a_reference(label):
    """参考文献： and 参考资料: before a reference on its line label it, as 【来源】 does: the
    reference is checked field by field."""
    assert find_references(["正文一段。", label + NG_3834_WRONG_VOLUME]) == [
        (1, NG_3834_WRONG_VOLUME)]


@pytest.mark.parametrize("line", [
    "Chiang C and colleagues showed in 2017 that structural variation shapes human gene "
    "expression (doi:10.1038/ng.3834).",
    "Scott AJ, one of the authors, later said the work in Nature Genetics (2017) took years, "
    "see https://doi.org/10.1038/ng.3834 for details.",
    "Chiang C, Scott AJ and colleagues showed in Nat Genet 2017;49(5):692-699 that structural "
    "variation shapes human gene expression (doi:10.1038/ng.3834).",
    "引文：“科学没有国界，但科学家有祖国。”——钱学森，1955年回国时所说 doi:10.1038/ng.3834",
    "参考：2023年的统计数据显示，“城镇居民人均可支配收入”增长 doi:10.1038/ng.3834",
])
def test_prose_that_names_a_paper_and_its_doi_is_no_reference(line):
    """Prose naming a paper and its DOI, whatever its first words (names, its numbers, "参考：",
    "引文："), gives no fields to compare: its words were compared as a title and a journal,
    false mismatches. Its DOI is checked alone."""
    assert find_references(["正文一段。", line]) == []
    assert find_dois([line]) == ["10.1038/ng.3834"]


def _fixture_strings(path: str) -> dict[str, str]:
    return {entry["id"]: entry["text"]
            for entry in map(json.loads, (FIXTURES / path).read_text().splitlines())}


VERIFY_CASES = _fixture_strings("verify/cases.jsonl")
HELDOUT_REFERENCES = _fixture_strings("references/heldout.jsonl")


@pytest.mark.parametrize("reference", [
    NG_3834_WRONG_VOLUME,  # Vancouver
    VERIFY_CASES["dev-0001"],  # MLA: "Oh, Sohae Eve. “Substitutability …” …"
    VERIFY_CASES["dev-0009"],  # Chicago: "Beck, Sarah E., Suzanne E. Queen, … 2015. “…”"
    VERIFY_CASES["dev-0012"],  # APA: "Dougherty, L. R., … & Simmons, L. W. (2017). …"
    re.sub(r"^\[\d+\] ", "", VERIFY_CASES["dev-0007"]),  # GB/T 7714, unnumbered:
    # "PANDEY P, CONWAY A, DURIE J, 等. Vector Quotient Filters: …[C]//Proceedings of …"
    HELDOUT_REFERENCES["grobid-0051"],  # Nature's: "… doi: 10.1242/jcs.206433 (2017)."
    "Matute DR, Butler IA, Turissini DA, Coyne JA. 2010. A test of the snowball theory for the "
    "rate of evolution of hybrid incompatibilities. Science 329:1518-1521. "
    "doi:10.1126/science.1193440. PMID: 20847270",  # PubMed's id after the DOI (GROBID gold)
])
def test_a_whole_reference_in_a_paragraph_of_its_own_is_a_reference(reference):
    """A reference alone in its paragraph, under no heading, with no number or label, ending
    with its DOI: its fields are compared (it was a DOI checked for its existence alone, and
    a wrong volume was reported verified)."""
    assert find_references(["正文一段。", reference, "正文又一段。"]) == [(1, reference)]


@pytest.mark.parametrize("line", [
    "Smith et al. showed that structural variants matter (Nature Genetics 49(5): 692-699, "
    "2017), doi:10.1038/ng.3834",
    "See Chiang C, Scott AJ (2017) for details, Nat Genet 49(5):692-699, doi:10.1038/ng.3834",
    "Vanderhill R, Joireman SF (2020) argued in International Affairs 96(4): 975-993 that "
    "Kazakhstan balances its neighbours. https://doi.org/10.1093/ia/iiaa061",
    "Vanderhill, Joireman and Tulepbayeva (2020) argue that multivectorism works; see "
    "International Affairs 96(4), https://doi.org/10.1093/ia/iiaa061",
    "The paper by Chiang C et al. (2017), published in Nature Genetics 49(5), is here: "
    "doi:10.1038/ng.3834",
    "Chiang C et al. found that 3.5% of eQTLs are structural variants (Nat Genet "
    "2017;49:692). doi:10.1038/ng.3834",
    "Watson and Crick (1953) proposed the double helix in Nature 171(4356): 737-738, "
    "doi:10.1038/171737a0",
    "Chiang C, Scott AJ 等（2017）在 Nat Genet 49(5): 692-699 上发表了研究 doi:10.1038/ng.3834",
    "Chiang C, Scott AJ, et al. Nat Genet 2017;49(5):692-699, doi:10.1038/ng.3834 — a study "
    "we discuss below.",
    # the caption science news closes with: a journal's name, no person's
    "Nature Genetics (2017). DOI: 10.1038/ng.3834",
    "PLOS ONE, 2019. DOI: 10.1371/journal.pone.0214986",
    "Physical Review Letters (2018). DOI: 10.1103/PhysRevLett.120.117701",
    "Original Paper (2017) The impact of structural variation on human gene expression. "
    "doi:10.1038/ng.3834",
])
def test_prose_opening_with_names_and_ending_with_a_doi_is_no_reference(line):
    """Prose that opens with authors' names and gives a journal's numbers and a DOI is told
    from a reference standing alone: its names go on in words, a word opens it that is no
    name, or its DOI is not its last word. Its DOI is checked alone."""
    assert find_references(["正文一段。", line, "正文又一段。"]) == []


@pytest.mark.parametrize("line", [
    "1. 相关论文：https://doi.org/10.1016/j.ejphar.2015.03.018",
    "2. 相关论文：https://doi.org/10.1002/jor.1100150407",
    "论文链接: doi:10.1016/j.neurobiolaging.2010.03.024",
])
def test_a_doi_with_a_short_label_is_no_reference(line):
    """A list of DOIs each after a label: each a DOI to check alone, whether or not the DOI
    holds a year-like number (with one, the line had been a reference, its label the
    journal)."""
    assert find_references([line], [0]) == []
    assert find_references(["Nature 2017: https://doi.org/10.1038/ng.3834"], [0]) != []


@pytest.mark.parametrize(("line", "doi"), [
    ("PLoS One. 2011;6(6):e20476. https://doi.org/10.1371/journal.pone. 0020476",
     "10.1371/journal.pone.0020476"),
    ("Neurobiol Aging. 2012;33(2):426.e1-9. doi:10.1016/j.neurobiolaging. 2010.03.024.",
     "10.1016/j.neurobiolaging.2010.03.024"),
    ("DOI:10.1371/journal.pone. 0020476）。", "10.1371/journal.pone.0020476"),
    # a DOI whose last part is a number is whole: what follows is its year, or the text's
    ("doi:10.1038/ng.3834. 2017;49(5):692-9", "10.1038/ng.3834"),
    ("doi:10.1093/ia/iiaa061. 20200 readers", "10.1093/ia/iiaa061"),
    # and a year alone after a word's full stop is a year
    ("https://doi.org/10.1371/journal.pone. 2011", "10.1371/journal.pone"),
    # a PDF's text, spaced before a hyphen or a full stop inside the DOI
    ("Nature ,579(7798), 270 -273. http://dx.doi.org/10.1038/s41586 -020 -2012-7",
     "10.1038/s41586-020-2012-7"),
    ("IEEE Trans. Inf. Theory 22 (1976) 644–654. https://doi.org/10.1109/TIT .1976.1055638.",
     "10.1109/tit.1976.1055638"),
    # ... not a dash or a full stop standing apart after a whole DOI, nor a word after one
    ("doi:10.1038/ng.3834 - see also", "10.1038/ng.3834"),
    ("doi:10.1093/ia/iiaa061 . Next", "10.1093/ia/iiaa061"),
    ("DOI: 10.1038/s41586-020-2012-7 -END-", "10.1038/s41586-020-2012-7"),
    ("10.1038/s41586-020-2012-7 -PMID: 32015507", "10.1038/s41586-020-2012-7"),
    ("DOI:10.1126/science.abb2507 .Science.2020", "10.1126/science.abb2507"),
    ("10.1016/j.cell.2020.02.052 -这篇文章", "10.1016/j.cell.2020.02.052"),
    # Wiley's DOIs end with a letter: whole; a date after a DOI is a date
    ("doi:10.1111/j.1365-2486.2009.01998.x. 2345 sites were sampled.",
     "10.1111/j.1365-2486.2009.01998.x"),
    ("https://doi.org/10.1371/journal.pone. 2021.03.05", "10.1371/journal.pone"),
])
def test_a_doi_broken_after_a_words_full_stop_before_its_digits_is_whole(line, doi):
    """A line break after a full stop inside a DOI, which Markdown's soft break (or an HTML
    source's line break) makes a space, or a space before a mark inside it: the DOI is
    whole, not its first part (which was not found, failing a correct citation)."""
    assert find_dois([line]) == [doi]


@pytest.mark.parametrize(("line", "doi"), [
    ("Neurobiol Aging. 2012;33(3):588-602. doi:10.1016/j.neurobiol aging.2010.03.024",
     "10.1016/j.neurobiolaging.2010.03.024"),
    ("doi:10.1016/j.neurobiol aging.2010.03.024。", "10.1016/j.neurobiolaging.2010.03.024"),
    # not a page, a figure, a volume or a word after a whole DOI
    ("doi: 10.1093/ia/iiaa061 pp.123", "10.1093/ia/iiaa061"),
    ("doi:10.1093/ia/iiaa061 vols.1-3", "10.1093/ia/iiaa061"),
    ("doi:10.1038/ng.3834 figs.2-4", "10.1038/ng.3834"),
    ("doi:10.1038/ng.3834 and then some words.", "10.1038/ng.3834"),
    ("doi:10.1038/ng.3834 Nature.2017", "10.1038/ng.3834"),
    # a DOI that ends in a word, and a version, a label or an access date after it
    ("doi:10.1111/j.1469-7610.2010.02280.x python3.8 was used",
     "10.1111/j.1469-7610.2010.02280.x"),
    ("doi:10.1016/j.neurobiol python3.8", "10.1016/j.neurobiol"),
    ("doi:10.1016/j.neurobiol llama-3.1", "10.1016/j.neurobiol"),
    ("doi:10.1016/j.neurobiol release.2024.01", "10.1016/j.neurobiol"),
    ("doi:10.1016/j.neurobiol accessed.2020.01.01", "10.1016/j.neurobiol"),
    ("doi:10.1016/j.neurobiol figure.1.2", "10.1016/j.neurobiol"),
    ("doi:10.1016/j.neurobiol aging.2010", "10.1016/j.neurobiol"),  # one number: a year
])
def test_a_doi_broken_inside_a_word_at_a_soft_line_break_is_whole(line, doi):
    """A PDF's line break inside a DOI's word ("…/j.neurobiol" + "aging.2010.03.024"), which
    Markdown's soft break makes a space: its rest, small letters glued to the digits after a
    full stop, is no prose word. Read as two, the DOI's first part was not found and failed
    a correct citation."""
    assert find_dois([line]) == [doi]


@pytest.mark.parametrize(("written", "doi"), [
    ("doi:10.1038/ng.3834PMID: 28436983", "10.1038/ng.3834"),  # PubMed's line, spaces lost
    ("doi:10.1038/ng.3834PMID:28436983", "10.1038/ng.3834"),
    ("10.1371/journal.pone.0000030PMCID: PMC1234567", "10.1371/journal.pone.0000030"),
    ("10.1371/journal.pone.0000030PMC1234567", "10.1371/journal.pone.0000030"),
    ("10.1016/S0140-6736(20)30183-5Epub 2020 Jan 24.", "10.1016/s0140-6736(20)30183-5"),
    ("doi: 10.1016/j.ejphar.2015.03.018.Epub 2015 Mar 20.", "10.1016/j.ejphar.2015.03.018"),
    ("https://doi.org/10.1038/ng.3834Accessed 1 January 2020", "10.1038/ng.3834"),
    ("10.1038/ng.3834Available from: https://x.org", "10.1038/ng.3834"),
    # ... or glued in brackets, as Chinese posts print PubMed's ids in full-width ones
    ("DOI:10.1038/ng.3834（PMID：28369037）", "10.1038/ng.3834"),
    ("doi:10.1038/ng.3834(PMID: 28369037)", "10.1038/ng.3834"),
    ("doi:10.1038/ng.3834[PMID: 28369037]", "10.1038/ng.3834"),
    ("doi:10.1038/ng.3834（Epub 2017 Apr 3）", "10.1038/ng.3834"),
    # a word that is part of the DOI: not after a small letter or digit, or running on
    ("10.1000/Published.2", "10.1000/published.2"), ("10.1000/xPMIDs", "10.1000/xpmids"),
    ("10.1002/(SICI)1097-4636(199706)35:4<461::AID-JBM6>3.0.CO;2-L",
     "10.1002/(sici)1097-4636(199706)35:4<461::aid-jbm6>3.0.co;2-l"),
])
def test_what_a_copy_without_spaces_glues_to_a_dois_end_is_not_the_doi(written, doi):
    from archiver.citations.extract import find_dois
    assert find_dois([written]) == [doi]


@pytest.mark.parametrize("written", [
    "doi:10.1038/ng.3834（点击阅读原文）", "https://doi.org/10.1038/ng.3834（点击阅读原文）",
    "DOI：10.1038/ng.3834（see Nature Genetics）", "10.1038/ng.3834【原文】",
    "10.1038/ng.3834(", "Nat Genet. 2017. doi: 10.1038/ng.3834（影响因子：27.6）"])
def test_a_note_in_full_width_brackets_after_a_doi_is_no_part_of_it(written):
    """Chinese posts put a note right after a DOI in full-width brackets; NFKC made the
    bracket ASCII and the DOI ran into it ("10.1038/ng.3834("): every such citation was
    not_found, a wrong DOI (148 of 176 correct labelled cases with "（点击阅读原文）" added)."""
    from archiver.citations.extract import find_dois
    assert find_dois([written]) == ["10.1038/ng.3834"]


@pytest.mark.parametrize("written", [
    "doi:10.1038/ng.3834,doi:10.1093/ia/iiaa061", "10.1038/ng.3834；10.1093/ia/iiaa061",
    "10.1038/ng.3834;10.1093/ia/iiaa061", "https://doi.org/10.1038/ng.3834,https://doi.org/"
                                          "10.1093/ia/iiaa061",
    "https://doi.org/10.1038/ng.3834;doi:10.1093/ia/iiaa061"])
def test_dois_listed_without_spaces_are_each_a_doi(written):
    """One DOI was read, holding the next ("10.1038/ng.3834,doi:10.1093/ia/iiaa061"), and
    both went unchecked as a DOI Crossref does not know."""
    from archiver.citations.extract import find_dois
    assert find_dois([written]) == ["10.1038/ng.3834", "10.1093/ia/iiaa061"]


def test_a_list_item_broken_over_two_paragraphs_in_a_reference_section_is_one():
    """A Markdown list item's number is not in its text: it is still a numbered entry."""
    from archiver.citations.verify import citations_of
    first = "Oh, S. E. & Vukina, T. Substitutability between organic and conventional poultry."
    second = "Econ. Agro-Aliment., 75–92 (2018). https://doi.org/10.3280/ecag2018-001005"
    record = {"blocks": [{"type": "heading", "text": "参考文献"},
                         {"type": "list", "items": [first]},
                         {"type": "paragraph", "text": second}],
              "citations": [{"doi": "10.3280/ecag2018-001005", "location": "blocks/2"}]}
    assert citations_of(record) == [(f"{first} {second}", "blocks/1/items/0")]


@pytest.mark.parametrize("entry", [
    "(15) Bichot C E. Unsupervised and Supervised Image Segmentation Using Graph Partitioning"
    "[M]//Graph-Based Methods in Computer Vision. IGI Global: 72-94.",
    "[4] Bichot, C.-E. (no date) 'Unsupervised and Supervised Image Segmentation Using Graph "
    "Partitioning', in Graph-Based Methods in Computer Vision. IGI Global, pp. 72–94.",
])
def test_an_entry_without_a_year_is_checked_in_a_reference_section(entry):
    """A chapter Crossref gives no date for is cited with none: GB/T's [M], "(no date)" or
    its pages mark it an entry (it was passed over, however wrong)."""
    assert citations_under_references(entry) == [(entry, "blocks/1")]


def test_prose_after_the_references_is_no_entry():
    prose = ("欢迎关注我们，点击阅读原文查看更多内容，"
             "我们将持续更新更多精彩的科研进展和学术资讯给大家。")
    assert citations_under_references(prose) == []


def test_the_next_list_item_is_an_entry_of_its_own_never_the_rest_of_one():
    """A report (no sign of a work beside its year) then an article, as list items: the
    article is checked alone, never as the end of the report (a mismatch of a right one)."""
    from archiver.citations.verify import citations_of
    report = ("World Bank. World Development Report 2020: Trading for Development in the Age "
              "of Global Value Chains. Washington, DC: World Bank; 2020.")
    article = ("Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation on "
               "human gene expression. Nat Genet. 2017;49(5):692-699. doi:10.1038/ng.3834")
    record = {"blocks": [{"type": "heading", "text": "References"},
                         {"type": "list", "items": [report, article]}],
              "citations": [{"doi": "10.1038/ng.3834", "location": "blocks/1/items/1"}]}
    assert [text for text, _ in citations_of(record)] == [article]


@pytest.mark.parametrize("heading", [[{"type": "heading", "text": "参考文献"}], []])
def test_references_in_a_tables_rows_are_each_an_entry(heading):
    """A table of references ("| 1 | Myers CL, … |"), under a heading or none: each row's
    reference is checked, its number's cell and the header's labels are none. Read as
    paragraphs, the header's short label ended the section, and only a DOI of a row was
    checked, as a bare DOI (a wrong volume passed; a row without a DOI was not read)."""
    from archiver.citations.verify import citations_of
    myers = ("Myers CL, Barrett DR, Hibbs MA, Huttenhower C, Troyanskaya OG. Finding "
             "function: evaluation methods for functional genomic data. BMC Genomics. "
             "2006;7:187. doi:10.1186/1471-2164-7-187")
    gross = ("Gross JB, Wilkens H. Albinism in phylogenetically and geographically distinct "
             "populations of Astyanax cavefish arises through the same loss-of-function Oca2 "
             "allele. Heredity. 2013;111(2):122-130.")
    rows = [{"type": "table", "text": "序号\t文献"}, {"type": "table", "text": f"1\t{myers}"},
            {"type": "table", "text": f"[2]\t{gross}"}]
    first = len(heading) + 1
    record = {"blocks": heading + rows,
              "citations": [{"doi": "10.1186/1471-2164-7-187", "location": f"blocks/{first}"}]}
    assert citations_of(record) == [(myers, f"blocks/{first}"), (gross, f"blocks/{first + 1}")]


def test_a_table_of_figures_holds_no_reference():
    from archiver.citations.verify import citations_of
    rows = [{"type": "table", "text": "城市\t人口（万）\t面积"},
            {"type": "table", "text": "上海\t2415\t6340"},
            {"type": "table", "text": "东京都\t1343\t2106"}]
    assert citations_of({"blocks": rows}) == []


@pytest.mark.parametrize("caption", ["Fig.1", "S1_Table", "Table.2"])
def test_a_caption_after_a_whole_doi_is_not_its_rest(caption):
    entry = ("[1] Chiang C, et al. The impact of structural variation on human gene "
             "expression. Nat Genet. 2017;49(5):692-699. doi:10.1038/ng.3834")
    assert citations_under_references(entry, caption) == [(entry, "blocks/1")]


def test_a_books_doi_written_elsewhere_is_checked_beside_its_chapters():
    """10.1007/978-3-319-75889-3 begins 10.1007/978-3-319-75889-3_1, but it is no broken
    part of it: written in another paragraph, it is checked too."""
    chapter = ("[1] Jones HM. Climate Change and Increasing Risk of Extreme Heat. In: Human "
               "Health. Springer; 2018. p. 1-13. doi:10.1007/978-3-319-75889-3_1")
    book = "全书见 doi:10.1007/978-3-319-75889-3"
    assert citations_under_references(chapter, book) == [
        (chapter, "blocks/1"), ("10.1007/978-3-319-75889-3", "blocks/2")]


@pytest.mark.parametrize("prose", [
    "本文由课题组张三、李四等人撰写，首发于2023年11月，转载请注明出处并联系后台获取授权。",
    "The workshop was organised by the lab in Washington DC, in March 2019, and was funded by "
    "the NSF.",
    "The meeting ran from 2023-10-12 to 2023-10-14 in Washington, D.C., as every year since.",
])
def test_prose_with_a_year_in_a_reference_section_is_no_entry(prose):
    entry = ("[1] Chiang C, et al. The impact of structural variation on human gene "
             "expression. Nat Genet. 2017;49(5):692-699. doi:10.1038/ng.3834")
    assert citations_under_references(entry, prose) == [(entry, "blocks/1")]


def test_points_numbered_with_a_chinese_comma_outside_references_are_no_entries():
    """"1、会议时间：…9:00-12:00" numbers a point of prose (9:00 looked like volume:page)."""
    from archiver.citations.verify import citations_of
    record = {"blocks": [{"type": "paragraph", "text": "1、会议时间：2023年10月15日上午"
                          "9:00-12:00，地点：北京大学图书馆报告厅（二层）"},
                         {"type": "paragraph", "text": "2、报名方式：请于2023年10月10日前发送"
                          "邮件，名额100人，比例约为3:1。"}]}
    assert citations_of(record) == []


@pytest.mark.parametrize("entry", [
    "[1] 文献计量学视角下的中亚研究[J]. 情报杂志, 2019, 38(5): 1-10.",
    "3. 来源国形象对消费者购买意愿的影响[J]. 管理世界, 2017, 33(4): 100-112."])
def test_a_title_that_begins_with_a_label_word_keeps_it(entry):
    """文献, 来源 are a label only with a colon or brackets: 文献计量学 is a title's first word."""
    assert citations_under_references(entry) == [(entry, "blocks/1")]


@pytest.mark.parametrize("entry", [
    "[1] 杨保军. 新闻道德论[M/OL]. 北京: 中国人民大学出版社, 2010[2012-11-01]. "
    "http://apabi.lib.pku.edu.cn/usp/pku/pub.mvc?pid=book.detail",
    "[2] 汤万金, 杨跃翔, 刘文, 等. 人体安全重要技术标准研制最终报告[R/OL]. "
    "(2013-09-30)[2014-06-24]. http://www.nstrs.org.cn/xiangxiBG.aspx?id=41707.",
    "[3] 邓一刚. 全智能节电器: 200610171314.3[P]. 2006-12-13.",
    "[4] E. Garnett, P. Yang, Nano Lett. 2010, 10, 1082.",
    "[5] T. Tiedje, E. Yablonovitch, G. D. Cody, B. G. Brooks, IEEE Trans. Electron Devices "
    "1984, 31, 711.",
    "[6] James, Henry. The Ambassadors. Mineola, N.Y.: Dover, 2002.",
])
def test_entries_of_the_styles_real_lists_hold_are_found_in_a_reference_section(entry):
    """GB/T's online, report and patent types ([M/OL], [R/OL], [P]), 等 after Chinese names,
    initials first (ACS, IEEE), Chicago's "Family, Given." (from the references gold)."""
    assert citations_under_references(entry) == [(entry, "blocks/1")]


@pytest.mark.parametrize("label", ["【来源】", "来源："])
def test_a_labelled_reference_whose_doi_is_broken_inside_a_word_is_whole(label):
    from archiver.citations.verify import citations_of
    ref = "Smith J, Lee K. Title one about fish. PLoS ONE. 2010;5(3):e1001. doi:10.1371/jou"
    record = {"blocks": [{"type": "paragraph", "text": "正文。"},
                         {"type": "paragraph", "text": label + ref},
                         {"type": "paragraph", "text": "rnal.pone.0010001"}],
              "citations": [{"doi": "10.1371/jou", "location": "blocks/1"}]}
    assert citations_of(record) == [(ref + "rnal.pone.0010001", "blocks/1")]


def test_the_first_part_of_a_broken_doi_is_not_checked_wherever_it_was_placed():
    """The post's DOIs place "10.1371/jou" in the first paragraph holding it, which may be
    another one (it begins 10.1371/journal.pone.0099999 there): it is still no DOI."""
    from archiver.citations.verify import citations_of
    ref = "[2] Brown K, Wu L. Title two about birds. PLoS ONE. 2011;6(4):e2002. doi:10.1371/jou"
    record = {"blocks": [{"type": "paragraph", "text": "The data set is described at "
                          "doi:10.1371/journal.pone.0099999 and elsewhere."},
                         {"type": "heading", "text": "References"},
                         {"type": "paragraph", "text": ref},
                         {"type": "paragraph", "text": "rnal.pone.0020002"}],
              "citations": [{"doi": "10.1371/journal.pone.0099999", "location": "blocks/0"},
                            {"doi": "10.1371/jou", "location": "blocks/0"}]}
    assert citations_of(record) == [(ref + "rnal.pone.0020002", "blocks/2"),
                                    ("10.1371/journal.pone.0099999", "blocks/0")]


@pytest.mark.parametrize("number", ["①", "1、"])
def test_an_entry_numbered_so_outside_a_section_is_found_when_it_is_clearly_a_work(number):
    entry = (number + "Gross JB, Borowsky R, Tabin CJ. A novel role for Mc1r in the parallel "
             "evolution of depigmentation. PLoS Genet. 2009;5(1):e1000326.")
    from archiver.citations.verify import citations_of
    record = {"blocks": [{"type": "paragraph", "text": "文中引用了以下研究。"},
                         {"type": "paragraph", "text": entry}]}
    [(text, where)] = citations_of(record)
    assert where == "blocks/1" and text.endswith("PLoS Genet. 2009;5(1):e1000326.")


def test_the_first_part_of_a_doi_broken_after_a_hyphen_is_not_checked_alone():
    """The post's DOIs hold "10.1007/978-" (the paragraph's line break read as a space);
    the reference holds the DOI whole. No DOI ends with a hyphen."""
    from archiver.citations.verify import citations_of
    ref = ("(11) Jones, H. M. (2018). Climate Change and Increasing Risk of Extreme Heat. In "
           "Human Health (pp. 1–13). Springer. https://doi.org/10.1007/978- 3-319-75889-3_1")
    record = {"blocks": [{"type": "heading", "text": "参考文献"},
                         {"type": "paragraph", "text": ref}],
              "citations": [{"doi": "10.1007/978-", "location": "blocks/1"}]}
    assert citations_of(record) == [(ref.replace("978- 3", "978-3"), "blocks/1")]


ENTRY_LINES = ["@article{gross2013,", "author = {Gross, J B and Wilkens, H},",
               "title = {Albinism in phylogenetically and geographically distinct populations "
               "of Astyanax cavefish arises through the same loss-of-function Oca2 allele},",
               "journal = {Heredity}, volume = {111}, number = {2}, pages = {122--130},",
               "year = {2013}, doi = {10.1038/hdy.2013.26}", "}"]


def test_a_bibtex_entry_one_paragraph_a_line_is_one_reference_at_its_first_line():
    """A page that pastes an entry one line a paragraph, as WeChat's editor keeps it, gave a
    "reference" per field line (``author = {…}`` among them) and its DOI: it is one
    reference, placed where it starts, and its DOI is not checked again on its own."""
    assert citations_under_references(*ENTRY_LINES) == [("\n".join(ENTRY_LINES), "blocks/1")]


def test_a_bibtex_entry_is_a_reference_wherever_a_post_gives_it():
    """No reference heading, no number: an entry is a citation by its form alone, on one
    line (a Markdown paragraph's lines are one) or over several (a code block)."""
    from archiver.citations.verify import citations_of
    one_line = " ".join(ENTRY_LINES)
    record = {"blocks": [{"type": "paragraph", "text": "Blind cavefish lost their colour."},
                         {"type": "paragraph", "text": one_line},
                         {"type": "code", "text": "\n".join(ENTRY_LINES)}],
              "citations": [{"doi": "10.1038/hdy.2013.26", "location": "blocks/1"}]}
    assert citations_of(record) == [(one_line, "blocks/1"),
                                    ("\n".join(ENTRY_LINES), "blocks/2")]


@pytest.mark.parametrize("line", [
    "张三, 李四. 中亚国家的多元平衡外交研究[J/OL]. 国际政治研究, 2020. https://example.org/a",
    "中华人民共和国国家标准. 信息与文献 参考文献著录规则: GB/T 7714—2015[S]. 北京: 中国标准出版社, "
    "2015.",
    "赵六. 一种图像检索方法: CN110000000A[P]. 2019-07-12.",
    "LIU Y. Archives online[DB/OL]. (2020-01-01)[2021-02-02]. https://example.org/db",
    "孙八. 档案著录软件[CP/DK]. 北京: 档案出版社, 2018.",
    "周九. 会议论文[C]//第三届数字人文会议论文集. 上海, 2019: 12-20."])
def test_every_gbt_7714_type_of_work_marks_a_reference(line):
    """GB/T 7714-2015 marks each reference with the type of work and, for an online one, its
    carrier: a standard [S], a patent [P], a database [DB/OL], a program on disk [CP/DK], an
    online journal [J/OL] (not only [J], [M], [C], [D], [R], [N], [EB/OL])."""
    from archiver.citations.extract import looks_like_reference
    assert looks_like_reference(line)


def test_a_letter_in_brackets_in_prose_is_no_type_of_work():
    """[A] is GB/T 7714's mark for an archive only where it ends a title, before its full
    stop: in prose it is an option, and the line no reference."""
    from archiver.citations.extract import looks_like_reference
    assert not looks_like_reference(
        "2020年高考数学选择题第3题的答案是[A]，你答对了吗？我们一起看看")


def test_a_plural_written_in_brackets_is_no_standard():
    from archiver.citations.extract import looks_like_reference
    assert not looks_like_reference("Please list the name of the author[s]. Deadline: 2020, "
                                    "the last day of the month")


@pytest.mark.parametrize(("line", "doi"), [
    ("doi: 10.1093/ia/iiaa061. 2020.", "10.1093/ia/iiaa061"),
    ("https://doi.org/10.1093/ia/iiaa061. accessed 2020-08-04", "10.1093/ia/iiaa061"),
    ("DOI: 10.1016/j. ejphar. 2015. 03. 018", "10.1016/j.ejphar.2015.03.018"),
    ("DOI: 10.1109/icdcsw. 2003. 1203662.", "10.1109/icdcsw.2003.1203662")])
def test_a_whole_doi_before_a_full_stop_and_a_space_goes_on_no_further(line, doi):
    """A DOI printed with a space after each of its full stops is joined only while what
    comes before is no DOI yet (``10.1016/j``: a suffix with no digit); ``…/iiaa061. 2020``
    is a DOI, then the year."""
    assert find_dois([line]) == [doi]


@pytest.mark.parametrize(("written", "read"), [
    # a Latin title in Chinese book-title marks is a quoted title (GB/T 7714 quotes none)
    ("EFSA ANS Panel. 《Scientific opinion on the safety of green tea catechins》[J]. EFSA J, "
     "2018, 16(4): e05239.",
     "EFSA ANS Panel. “Scientific opinion on the safety of green tea catechins”[J]. EFSA J, "
     "2018, 16(4): e05239."),
    ("Weber, Matthew A. 2019. “《River metrics by the public, for the public》.” Plos One 14.",
     "Weber, Matthew A. 2019. “River metrics by the public, for the public.” Plos One 14."),
    # Markdown's strong emphasis pasted with the reference
    ("Weber, Matthew A. 2019. “**River metrics by the public, for the public**.” Plos One 14.",
     "Weber, Matthew A. 2019. “River metrics by the public, for the public.” Plos One 14."),
    # a Markdown link around the title: its text, then its address
    ("Weber, Matthew A. 2019. “[River metrics](https://example.org/paper).” Plos One 14.",
     "Weber, Matthew A. 2019. “River metrics https://example.org/paper .” Plos One 14."),
    ("Gross JB. Albinism. [doi:10.1038/ng.3834](https://doi.org/10.1038/ng.3834)",
     "Gross JB. Albinism. doi:10.1038/ng.3834 https://doi.org/10.1038/ng.3834"),
    # a Chinese title keeps its marks
    ("王进玉. 《敦煌学和科技史》[M]. 兰州: 甘肃教育出版社, 2011.",
     "王进玉. 《敦煌学和科技史》[M]. 兰州: 甘肃教育出版社, 2011."),
    # the journal's impact factor after its name, as Chinese posts print it
    ("Gross JB. Albinism. Heredity（IF=12.3）, 111(2), 122-130 (2013).",
     "Gross JB. Albinism. Heredity, 111(2), 122-130 (2013)."),
    ("Gross JB. Albinism. Heredity (IF: 5.2), 111(2).", "Gross JB. Albinism. Heredity, 111(2)."),
    ("Gross JB. Albinism. Heredity (Impact Factor: 5.2), 111(2).",
     "Gross JB. Albinism. Heredity, 111(2)."),
    ("Chiang C. SVs. Nature Genetics（影响因子：27.6分）, 2017.",
     "Chiang C. SVs. Nature Genetics, 2017."),
    # ... and a rank and impact factor after the whole reference, with no brackets; a
    # title's "IF" and its number stay
    ("Ahmed, S. Solar grids. Nat Energy 8, 1134–1143 (2023). 中科院一区 | IF 56.7",
     "Ahmed, S. Solar grids. Nat Energy 8, 1134–1143 (2023)."),
    ("Tanaka Y. Small vessels. Stroke, 2023, 54(4): 1012-1020. JCR Q1, IF=8.3",
     "Tanaka Y. Small vessels. Stroke, 2023, 54(4): 1012-1020."),
    ("Wang L. A study of IF 5. Nature 1, 2 (2020).",
     "Wang L. A study of IF 5. Nature 1, 2 (2020)."),
    # a year with 年 in a Latin citation's brackets; a Chinese issue's 年 stays
    ("Smith, A. (2018年). Title. J. Biol. 12, 1-9.", "Smith, A. (2018). Title. J. Biol. 12, 1-9."),
    ("张三. 论文[J]. 中国社会科学, 2018年第3期.", "张三. 论文[J]. 中国社会科学, 2018年第3期."),
    # a note to the post's reader after the whole reference; a title's own bracket stays
    ("Tanaka Y. Small vessels. Stroke, 2023, 54(4): 1012-1020.（点击文末“阅读原文”查看）",
     "Tanaka Y. Small vessels. Stroke, 2023, 54(4): 1012-1020."),
    ("Li M. Reading the original (how to check a source). J Hist. 2020;1:2-3.",
     "Li M. Reading the original (how to check a source). J Hist. 2020;1:2-3.")])
def test_marks_an_editor_adds_around_a_title_are_read_as_a_citation_prints_it(written, read):
    """"》[J]. EFSA J" was read as the journal, and a Chicago year after "“《" or "“**" went
    unread: each a false alarm or a wrong year passed (6 and 8 of the 316 labelled cases with
    the title so marked; 6 and 4 with it in bold). An impact factor after the journal was
    part of its name, and "(IF: 5.2)" its pages (102 false alarms of 316); "(2018年)" was no
    year (3 wrong years of 79 passed); a title in a Markdown link, 9 false alarms and 8 wrong
    years passed."""
    from archiver.citations.extract import reference_text
    assert reference_text(written) == read


def test_a_long_run_of_spaces_before_a_closing_bracket_costs_no_more_than_its_length():
    """The note to the reader ending a reference was searched for from every place of the
    line: a line of 32,000 spaces before "x)" took 7 s. It is looked for from the last
    opening bracket alone."""
    import time

    from archiver.citations.extract import without_marks

    line = "Smith J. Title. J. 2020;1:2-3." + " " * 100_000 + "x)"
    real = ("Gross JB. Albinism. Heredity, 111(2), 122-130 (2013). " * 2000)[:len(line)] + ")"

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            without_marks(text)
            times.append(time.perf_counter() - started)
        return min(times)

    assert without_marks(line) == line
    assert best(line) < 10 * best(real) + 0.05  # (timed against a real line of its length)


def test_references_wrapped_over_several_paragraphs_are_each_one_citation():
    """A reference list copied from a PDF keeps the PDF's line breaks, each line a paragraph
    (万字综述…追问顶刊（下）, a real post): each numbered entry is one citation with all its
    lines, its DOI checked with it, not alone; under no heading, such a list is a reference
    section all the same, its entries of one line read too."""
    from archiver.citations.verify import citations_of
    from archiver.config import Config
    from archiver.prepare import prepare
    post = next((WECHAT / "markdown").glob("mp_duty__万字综述*.md"))
    cited = [text for text, _ in citations_of(prepare(post, Config(fetch=False)).record)]
    numbered = [text.split(".")[0] for text in cited if re.match(r"\d+\. ", text)]
    assert numbered == [str(n) for n in [*range(1, 50), *range(62, 74)]]
    assert ("3. Conneau, A., Kiela, D., Schwenk, H., Barrault, L., and Bordes, A. (2017). "
            "Supervised learning of universal sentence representations from natural "
            "language inference data. Preprint at arXiv. "
            "https://doi.org/10.48550/arXiv.1705.02364.") in cited
    assert "10.48550/arxiv.1705.02364" not in cited  # checked with its reference, not alone
    assert ("64. Mesulam, M.M. (1998). From sensation to cognition. Brain 121 (Pt 6), "
            "1013–1052.") in cited
    assert not any("关于TCCI" in text or "天桥脑科学" in text for text in cited)


def test_a_numbered_list_of_points_in_paragraphs_is_no_reference_list():
    """Numbered points that go on over several paragraphs are prose: no entry of theirs
    reads as a reference's, and none is taken for one."""
    from archiver.citations.verify import citations_of
    paragraphs = ["1. First, collect the samples in 2019 and label them.",
                  "Keep them cold until they are measured.",
                  "2. Second, measure each sample twice.",
                  "Report the mean of the two values."]
    record = {"blocks": [{"type": "paragraph", "text": t} for t in paragraphs],
              "citations": []}
    assert citations_of(record) == []


def test_a_labelled_line_or_another_dois_line_after_an_entry_is_not_its_wrapped_rest():
    """Between two entries, a line of the post's own ("Figure source: … doi:…", "Editor: …")
    is no part of the entry before it: joined, the entry would be checked against the
    figure's DOI. The DOI is checked where it is written."""
    first = "[1] Lee K, Park S. Another paper here."
    rest = "Science, 2019, 365: 10-20."
    figure = "Figure source: Zhang et al., Cell Reports. doi:10.1016/j.celrep.2021.109999"
    entry = ("[2] Chiang C, et al. The impact of structural variation on human gene "
             "expression. Nat Genet. 2017;49(5):692-699. doi:10.1038/ng.3834")
    cited = [text for text, _ in citations_under_references(first, rest, figure, entry)]
    assert cited[0] == f"{first} {rest}"
    assert entry in cited and not any("celrep" in text and "Lee K" in text for text in cited)
    editor = [text for text, _ in citations_under_references(
        first, rest, "Editor: Li Hua", entry)]
    assert editor[0] == f"{first} {rest}" and not any("Li Hua" in text for text in editor)


def test_numbered_points_with_years_and_ranges_under_no_heading_are_no_references():
    """English points numbered under no heading, with a year and a range ("10-20"), open
    with no authors: not wrapped references, nor the rest of the post a reference section."""
    from archiver.citations.verify import citations_of
    paragraphs = ["1. Models were trained on data from 2019 to 2021.",
                  "We used 10-20 samples in each batch, as in 2018.",
                  "2. The rest was tested on data from 2022.",
                  "Each test ran 3-5 times."]
    record = {"blocks": [{"type": "paragraph", "text": t} for t in paragraphs],
              "citations": []}
    assert citations_of(record) == []


@pytest.mark.parametrize(("paragraphs", "whole"), [
    # GB/T 7714: the date cited and the address on the next line
    (["[1] 王明. 新冠疫情数据[EB/OL]. (2020-03-04)",
      "[2020-05-01]. http://www.example.org/data.html"],
     "[1] 王明. 新冠疫情数据[EB/OL]. (2020-03-04) [2020-05-01]. http://www.example.org/data.html"),
    # a title going on after a colon, a label of the reference's own
    (["1. Jumper, J., Evans, R. (2021). Highly accurate protein structure prediction with",
      "AlphaFold: A review of methods. Nature 596, 583-589."],
     "1. Jumper, J., Evans, R. (2021). Highly accurate protein structure prediction with "
     "AlphaFold: A review of methods. Nature 596, 583-589."),
    (["1. Ye, Z.; Liu, Y.; Li, Q. Recent Progress in Smart Electronic Nose. Sensors 2021, 21, "
      "7620.", "Available online: https://www.mdpi.com/1424-8220/21/22/7620."],
     "1. Ye, Z.; Liu, Y.; Li, Q. Recent Progress in Smart Electronic Nose. Sensors 2021, 21, "
     "7620. Available online: https://www.mdpi.com/1424-8220/21/22/7620."),
])
def test_the_last_entry_of_a_list_keeps_the_lines_it_is_wrapped_over(paragraphs, whole):
    """The last entry has no next entry to end its lines: they go on it where it is not whole
    alone, or what they hold is its own (a date cited, an address, a title's rest)."""
    cited = [text for text, _ in citations_under_references(*paragraphs)]
    assert cited[0] == whole


def test_a_caption_between_two_entries_is_no_part_of_either():
    first = "1. Smith JB, Jones H. Melanism in cavefish. Heredity. 2013;111(2):122-130."
    second = "2. Lee A. Other work. Nature. 2000;1:1-2."
    cited = [text for text, _ in citations_under_references(
        first, "Figure 2. Overview of the pipeline used in this study.", second)]
    assert cited == [first, second]


_ENTRY = ("2.Kalluri R, Weinberg RA. The basics of epithelial-mesenchymal transition. J Clin "
          "Invest. 2009 Jun;119(6):1420-8. doi: 10.1172/JCI39104.")


@pytest.mark.parametrize("heading", ["【参考文献】（上下滑动查看更多）", "参考文献（向上滑动阅览）",
                                     "References (scroll to see more)", "Cite：", "Cite:",
                                     "How to cite this article:", "引用格式：",
                                     "参考文献：（左右滑动查看）", "参考文献【上下滑动查看】",
                                     "— 参考文献 —", "·参考文献·", "参考文献 / References",
                                     "▼参考文献", "【参考文献】↓", "References and notes",
                                     "Cite this article", "Citation:", "引用本文："])
def test_a_reference_heading_with_a_note_after_it_or_a_cite_label_opens_a_section(heading):
    """As the corpus's posts print them (the EMT post's list under "【参考文献】（上下滑动查看
    更多）", the liver post's "Cite：" over its reference): before, each entry under them was
    checked as a bare DOI only, its authors, title and numbers never."""
    from archiver.citations.verify import citations_of
    record = {"blocks": [{"type": "paragraph", "text": heading},
                         {"type": "paragraph", "text": _ENTRY}],
              "citations": [{"doi": "10.1172/jci39104", "location": "blocks/1"}]}
    assert citations_of(record) == [(_ENTRY, "blocks/1")]


@pytest.mark.parametrize("line", ["参考文献（" + "一段很长的说明文字" * 4 + "）",
                                  "参考文献（上下滑动查看）之后还有文字", "引用了三篇文献",
                                  "Cite this", "引用", "Sources（综合自网络）"])
def test_words_around_a_heading_are_no_heading(line):
    from archiver.citations.extract import is_section_heading
    assert not is_section_heading(line)


def test_every_entry_of_the_corpus_post_under_a_heading_with_a_note_is_a_reference():
    from archiver.citations.verify import citations_of
    from archiver.config import Config
    from archiver.prepare import prepare
    post = next((WECHAT / "markdown").glob("*EMT*.md"))
    record = prepare(post, Config(fetch=False)).record
    found = citations_of(record)
    numbers = [re.match(r"(\d+)\.[A-Z]", text) for text, _ in found]  # "1.Marconi GD, …"
    assert [int(n.group(1)) for n in numbers if n] == list(range(1, 18))
    assert {c["doi"] for c in record["citations"] if "raw" in c} == {c["doi"] for c in
                                                                      record["citations"]}


_BZDOK = ('Bzdok, Danilo, et al. "Data science opportunities of large language models for '
          'neuroscience and biomedicine." Neuron (2024). '
          'https://doi.org/10.1016/j.neuron.2024.01.016')


@pytest.mark.parametrize("bullet", ["▷ ", "► ", "• ", "◆"])
def test_a_reference_under_a_bullet_outside_a_section_is_a_reference(bullet):
    """The corpus's LLM-neuroscience post opens with its one reference under "▷": a list's
    mark, as a number is; before, its DOI was checked bare, the reference never."""
    from archiver.citations.verify import citations_of
    record = {"blocks": [{"type": "paragraph", "text": "本文编译自："},
                         {"type": "paragraph", "text": bullet + _BZDOK}],
              "citations": [{"doi": "10.1016/j.neuron.2024.01.016", "location": "blocks/1"}]}
    assert citations_of(record) == [(_BZDOK, "blocks/1")]


@pytest.mark.parametrize("prose", [
    "▷ 2019年，研究团队在 Nature 上发表了论文，引起广泛关注。",
    "• In 2019, the team published a paper in Nature (see below).",
    "▷ 2021年，研究者提出了“大脑预测编码理论的新框架”，引起广泛关注。",
    "▶ 时间：2024年5月20日 14:00-17:00", "◆ 截至2023年，本刊已出版 vol. 12",
    "■ Figure credit: Zhang Lab, Journal of Cell Biology, 2023"])
def test_prose_under_a_bullet_is_no_reference(prose):
    """A bullet marks points of prose as often as works: outside a reference section only a
    line that is clearly a work (a DOI, GB/T's [J], volume(issue) and pages) is one."""
    from archiver.citations.verify import citations_of
    assert citations_of({"blocks": [{"type": "paragraph", "text": prose}]}) == []


def test_a_short_line_under_a_bullet_ends_a_reference_section():
    """The post's own list after its references ("● 往期推荐") is no entry of them."""
    from archiver.citations.verify import citations_of
    entry = "[1] Gross JB. Albinism in cavefish. Heredity. 2013;111(2):122-130."
    after = ["● 往期推荐", "● 盘点2023-2024年度单细胞测序的研究进展，附完整代码“超详细教程”"]
    blocks = [{"type": "paragraph", "text": t} for t in ("参考文献", entry, *after)]
    assert [text for text, _ in citations_of({"blocks": blocks})] == [entry]


def test_a_cite_heading_is_over_one_reference_and_the_post_goes_on_after_it():
    from archiver.citations.verify import citations_of
    prose = ("This work was translated by Li Ming in 2024, pages 166-173 of the original, "
             "Journal edition.")
    blocks = [{"type": "paragraph", "text": t} for t in ("Cite:", _BZDOK, prose)]
    assert [text for text, _ in citations_of({"blocks": blocks})] == [_BZDOK]
