"""Citation verification against a local Crossref-like server fed with recorded responses.

Specified here: resolution outcomes (found, 404 → not_found, unreachable → unresolved, never a
guess), retries on labelled synthetic faults, the cache (only successes, used offline), the
rate limiter, the accuracy gate on the labelled cases, and ``archiver verify`` end to end.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
import unicodedata
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from archiver import schema
from archiver.citations import compare
from archiver.citations.cache import Cache
from archiver.citations.crossref import CrossrefClient
from archiver.citations.extract import find_dois, find_references
from archiver.citations.notices import describe, notices_of, withdrawn
from archiver.citations.parse import parse_reference
from archiver.citations.ratelimit import Limits, RateLimiter
from archiver.citations.verify import Verifier, citations_of, report, split_reference_lines
from archiver.cli import app
from archiver.errors import ExitCode, PostChanged
from archiver.render import CITATION_WIDTH, shorten, verify_text
from archiver.store import Archive
from archiver.verified import keep_results

from conftest import FIXTURES, WECHAT
from crossref_server import CrossrefServer, load_recordings

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "fixtures" / "verify" / "cases.jsonl").read_text().splitlines()]
FAST = Limits(per_second=1000, concurrent=4, search_per_second=1000)  # a local server only
SEED = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"


@pytest.fixture
def server():
    with CrossrefServer() as running:
        yield running


def client_for(url: str, tmp_path: Path, **kwargs) -> CrossrefClient:
    kwargs.setdefault("limits", FAST)
    kwargs.setdefault("backoff", 0.01)
    kwargs.setdefault("timeout", 1)
    return CrossrefClient(base_url=url, cache=Cache(tmp_path / "cache"), **kwargs)


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# -- the accuracy gate -----------------------------------------------------------------------

def test_every_injected_error_is_found_and_correct_citations_pass(server, tmp_path):
    """On the labelled cases: recall >= 0.99 with the right field, false alarms <= 1 %."""
    verifier = Verifier(client_for(server.url, tmp_path))
    results = verifier.verify_all([(case["text"], None) for case in CASES])
    detected = expected_wrong = false_alarms = expected_right = 0
    for case, result in zip(CASES, results, strict=True):
        if case["expect"] == "verified":
            expected_right += 1
            false_alarms += result.status != "verified"
            continue
        expected_wrong += 1
        field = case["injected"]["field"]
        flagged = {name for name, check in result.fields.items() if check.match is False}
        if field == "doi":
            detected += result.status in ("not_found", "mismatch")
        else:
            detected += result.status == "mismatch" and field in flagged
    assert expected_wrong > 100 and expected_right > 100
    assert detected / expected_wrong >= 0.99
    assert false_alarms / expected_right <= 0.01


# -- reading a citation of a record whose title carries markup, or misspelt ------------------

def recorded(doi: str) -> dict:
    return json.loads((FIXTURES / "crossref" / (doi.replace("/", "_") + ".json"))
                      .read_text(encoding="utf-8"))["message"]


def vancouver(record: dict, title: str, container: str) -> str:
    """A Vancouver citation of a recorded work, built from its Crossref record: the first
    three authors then et al., ``title`` as given, ``container``, year;volume(issue):pages."""
    names = ", ".join(a["family"] + " " + "".join(w[0] for w in a["given"].split())
                      for a in [a for a in record["author"] if a.get("family")][:3])
    year = record["issued"]["date-parts"][0][0]
    numbers = f"{record['volume']}({record['issue']}):{record['page']}" \
        if record.get("volume") else ""
    return (f"{names}, et al. {title}. {container}. {year}" + (f";{numbers}" if numbers else "")
            + f". doi:{record['DOI']}")


# NLM's chapter (Citing Medicine, ch. 5), its series last, of a recorded chapter whose
# Crossref record lists the series first among its container titles; SYNTHETIC text
NLM_CHAPTER = ("Jones HM. Climate Change and Increasing Risk of Extreme Heat. In: Human Health "
               "and Physical Activity During Heat Exposure. Cham: Springer; {year}. p. {pages}. "
               "(SpringerBriefs in Medical Earth Sciences). doi: 10.1007/978-3-319-75889-3_1.")


@pytest.mark.parametrize("with_parser", [False, True])
def test_a_chapter_whose_series_is_named_last_is_checked_by_its_year_and_pages(
        server, tmp_path, with_parser):
    """The series, named after the numbers, was taken for the container: the year and
    pages before it were never read, and wrong pages were verified."""
    verifier = Verifier(client_for(server.url, tmp_path),
                        parse=parse_reference if with_parser else None)
    right = verifier.verify(NLM_CHAPTER.format(year=2018, pages="1-13"))
    assert right.status == "verified", right.reason
    assert {"page", "year"} <= set(right.fields)
    for year, pages, wrong in ((2018, "11-23", "page"), (2019, "1-13", "year")):
        result = verifier.verify(NLM_CHAPTER.format(year=year, pages=pages))
        assert [n for n, check in result.fields.items() if check.match is False] == [wrong]


@pytest.mark.parametrize("form", [
    '[40] H. M. Jones, "Climate Change and Increasing Risk of Extreme Heat," in {} '
    '(SpringerBriefs in Medical Earth Sciences). Cham: Springer, 2018, pp. 1–13, '
    'doi: 10.1007/978-3-319-75889-3_1.',
    "Jones, H.M. (2018) 'Climate Change and Increasing Risk of Extreme Heat', in {}. "
    "SpringerBriefs in Medical Earth Sciences. Cham: Springer, pp. 1–13. "
    "doi:10.1007/978-3-319-75889-3_1."])
def test_a_chapter_in_another_book_of_the_same_series_is_the_wrong_book(server, tmp_path,
                                                                        form):
    """IEEE's and Harvard's chapter ("in Book (Series)", after the title's quotes; SYNTHETIC
    texts of a recorded chapter): a book Crossref does not list, beside the series it does,
    passed on the series alone."""
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    right = verifier.verify(form.format("Human Health and Physical Activity During Heat "
                                        "Exposure"))
    assert right.status == "verified", right.reason
    wrong = verifier.verify(form.format("Heat Stress in Sport and Exercise"))
    assert [n for n, check in wrong.fields.items() if check.match is False] == ["journal"]
    assert wrong.fields["journal"].cited == "Heat Stress in Sport and Exercise"


def test_a_quotation_and_in_inside_a_chapters_title_name_no_book(tmp_path):
    """``"The 'Heat Dome,' in North America," in Book`` made "North America" the book cited,
    another than Crossref's: a false alarm on a right citation. (SYNTHETIC: the recorded
    chapter with its title changed.)"""
    recorded = load_recordings()["10.1007/978-3-319-75889-3_1"]
    message = {**recorded["message"], "title": ["The 'Heat Dome,' in North America"]}
    with CrossrefServer({"10.1007/978-3-319-75889-3_1": {**recorded, "message": message}}) \
            as server:
        verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
        result = verifier.verify(
            '[40] H. M. Jones, "The \'Heat Dome,\' in North America," in Human Health and '
            "Physical Activity During Heat Exposure (SpringerBriefs in Medical Earth "
            "Sciences). Cham: Springer, 2018, pp. 1–13, doi: 10.1007/978-3-319-75889-3_1.")
    assert result.status == "verified", result.reason


def test_an_nlm_list_with_dotted_initials_stays_whole_before_a_title_not_the_records(
        server, tmp_path):
    """``Gross J. B., Wilkens H.``: the list was cut after ``Gross J.``, the rest of it read
    as the title, and Wilkens reported missing (SYNTHETIC text, the word "arises" changed)."""
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    result = verifier.verify(
        "Gross J. B., Wilkens H. Albinism in phylogenetically and geographically distinct "
        "populations of Astyanax cavefish arise through the same loss-of-function Oca2 "
        "allele. Heredity. 2013;111(2):122-130. doi:10.1038/hdy.2013.26")
    assert [n for n, check in result.fields.items() if check.match is False] == ["title"]


# NLM's and the AMA's form, one author with one initial, a short title that is not the
# record's, then the book or the journal; SYNTHETIC texts of recorded works
ONE_INITIAL = [
    ("Saha A. {}. In: Clinical Methods and Interpretation in Medicine. Jaypee Brothers Medical "
     "Publishers; 2015:27. doi:10.5005/jp/books/12414_3", "Physical Examinations",
     "Clinical Examinations"),
    ("Peraya D. {}. Distances et médiations des savoirs. 2014;2(8). doi:10.4000/dms.865",
     "Distance(s), proximity and presence(s): evolving concepts", "Distance and Presence")]


@pytest.mark.parametrize(("citation", "right", "wrong"), ONE_INITIAL)
def test_a_short_wrong_title_after_one_initial_is_the_title_not_another_author(
        server, tmp_path, citation, right, wrong):
    """``Saha A. Clinical Examinations.`` was read as the author list, and reported as an
    author Crossref does not list, the title never compared."""
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    assert verifier.verify(citation.format(right)).status == "verified"
    result = verifier.verify(citation.format(wrong))
    assert [n for n, check in result.fields.items() if check.match is False] == ["title"]
    assert result.fields["author"].match is True


# Crossref's titles as recorded, with their JATS markup and the line breaks and indents of a
# pretty-printed deposit: "…detecting\n    <i>KRAS</i>\n    /\n    <i>NRAS</i>…"
MARKED_UP = [("10.1098/rspb.2017.0132", "Proc R Soc B", "seed beetle", "bean beetle"),
             ("10.1101/2020.12.01.406702", "bioRxiv", "brain entry", "lung entry"),
             ("10.1136/jclinpath-2020-206745", "J Clin Pathol", "plasma", "serum")]


@pytest.mark.parametrize("with_parser", [False, True])
@pytest.mark.parametrize(("doi", "container", "right", "wrong"), MARKED_UP)
def test_a_title_copied_with_crossrefs_markup_is_the_title(server, tmp_path, doi, container,
                                                            right, wrong, with_parser):
    """A citation copied from Crossref keeps its title's markup (``<i>Callosobruchus
    maculatus</i>``, ``<i>KRAS</i> / <i>NRAS</i>``): it is the title, as written; a word
    changed in it is still a title error, and the only one."""
    record = recorded(doi)
    title = " ".join(record["title"][0].split())  # one line, the markup kept
    assert "<i>" in title
    verifier = Verifier(client_for(server.url, tmp_path),
                        parse=parse_reference if with_parser else None)
    result = verifier.verify(vancouver(record, title, container))
    assert result.status == "verified", result.reason
    assert result.fields["title"].match is True
    result = verifier.verify(vancouver(record, title.replace(right, wrong), container))
    assert [name for name, check in result.fields.items() if check.match is False] == ["title"]


@pytest.mark.parametrize("with_parser", [False, True])
def test_a_title_written_without_crossrefs_spaces_around_a_slash_is_the_title(
        server, tmp_path, with_parser):
    """Crossref's 10.1136/jclinpath-2020-206745 title, deposited pretty-printed, holds line
    breaks around each slash (the deposit's indentation); the paper prints "KRAS/NRAS/EGFR"."""
    record = recorded("10.1136/jclinpath-2020-206745")
    title = ("Construction of a reference material panel for detecting KRAS/NRAS/EGFR/BRAF/MET "
             "mutations in plasma ctDNA")
    verifier = Verifier(client_for(server.url, tmp_path),
                        parse=parse_reference if with_parser else None)
    assert verifier.verify(vancouver(record, title, "J Clin Pathol")).status == "verified"
    wrong = verifier.verify(vancouver(record, title.replace("/MET", ""), "J Clin Pathol"))
    assert [name for name, check in wrong.fields.items() if check.match is False] == ["title"]


MISSPELT_FIRST = [("10.1038/ng.3834", "Nat Genet", "The impact", "Teh impact"),
                  ("10.1136/jclinpath-2020-206745", "J Clin Pathol", "Construction",
                   "Constructoin"),
                  ("10.1098/rspb.2017.0132", "Proc R Soc B", "Sexual", "Sexaul")]


@pytest.mark.parametrize("with_parser", [False, True])
@pytest.mark.parametrize(("doi", "container", "right", "wrong"), MISSPELT_FIRST)
def test_et_al_then_a_misspelt_first_title_word_is_a_title_error_alone(
        server, tmp_path, doi, container, right, wrong, with_parser):
    """"Chiang C, Scott AJ, Davis JR, et al. Teh impact of …": the record's title is not in
    the citation, so "et al." must end the authors and begin the title. The title is
    flagged, and nothing else: not the authors (the list says et al.), not the year (an
    issue such as 1855 is no year), and the journal, volume and pages read as printed."""
    record = recorded(doi)
    title = " ".join(compare.strip_markup(record["title"][0]).split())
    assert title.startswith(right)
    verifier = Verifier(client_for(server.url, tmp_path),
                        parse=parse_reference if with_parser else None)
    result = verifier.verify(vancouver(record, title.replace(right, wrong, 1), container))
    assert result.status == "mismatch"
    assert [name for name, check in result.fields.items() if check.match is False] == ["title"]
    assert wrong.split()[0] in result.fields["title"].cited
    for name, value in (("journal", container), ("volume", record["volume"]),
                        ("issue", record["issue"]), ("page", record["page"])):
        assert (result.fields[name].cited, result.fields[name].match) == (value, True), name
    assert result.fields["author"].match is True


def wrong_fields(result) -> list[str]:
    return [name for name, check in result.fields.items() if check.match is False]


@pytest.mark.parametrize("with_parser", [False, True])
@pytest.mark.parametrize("text", [
    "Bananas grow on trees in winter. Nature Genetics. 2017;49(5):692-699. doi:10.1038/ng.3834",
    "Bananas grow on trees in winter. Nature Genetics 49, 692-699 (2017). "
    "doi:10.1038/ng.3834",
])
def test_a_citation_without_authors_is_not_verified_whatever_its_title_says(
        server, tmp_path, text, with_parser):
    """What stands before the journal of a citation read with neither authors nor a title is
    a claim, compared as the title (it names none of the record's authors): the journal and
    its numbers alone do not verify it. (Nature's year after the pages opens no title, as
    APA's after the authors does.)"""
    verifier = Verifier(client_for(server.url, tmp_path),
                        parse=parse_reference if with_parser else None)
    result = verifier.verify(text)
    assert result.status == "mismatch"
    assert wrong_fields(result) == ["title"]
    assert result.fields["title"].cited == "Bananas grow on trees in winter"


@pytest.mark.parametrize("with_parser", [False, True])
@pytest.mark.parametrize("text", [
    "Gross JB, Wilkens H. Heredity. 2013;111(2):122-130. doi:10.1038/hdy.2013.26",
    "Gross JB, Wilkens H. Heredity 111, 122–130 (2013). doi:10.1038/hdy.2013.26",
    "Nature Genetics. 2017;49(5):692-699. doi:10.1038/ng.3834",
])
def test_a_citation_without_a_title_that_names_the_authors_is_verified(server, tmp_path, text,
                                                                       with_parser):
    """Authors, then the journal (no title): the last author is not taken for the journal's
    first words, so both authors are compared; a journal and its numbers alone claim
    nothing else."""
    verifier = Verifier(client_for(server.url, tmp_path),
                        parse=parse_reference if with_parser else None)
    result = verifier.verify(text)
    assert result.status == "verified", result.fields
    if "Gross" in text:
        assert result.fields["author"].match is True
        if not with_parser:  # (the parser's reading of the names is its own)
            assert result.fields["author"].cited.rstrip(".") == "Gross JB, Wilkens H"


def test_with_no_title_found_the_parser_tells_the_journal_from_the_title(server, tmp_path):
    """A wrong title word leaves Crossref's title unfound: the journal is the parser's, not
    everything before the numbers, and the title alone is wrong."""
    text = ("Dougherty LR, van Lieshout E, McNamara KB, Moschilla JA, Arnqvist G, Simmons LW. "
            "Sexual conflict and correlated evolution between male persistence and female "
            "resistance traits in the bean beetle Callosobruchus maculatus. Proc Biol Sci. "
            "2017;284(1855):20170132. doi:10.1098/rspb.2017.0132")
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(text)
    assert wrong_fields(result) == ["title"]
    assert result.fields["journal"].cited == "Proc Biol Sci"


def test_a_field_in_another_script_is_reported_not_compared_both_ways(server, tmp_path):
    """A title romanised or translated where Crossref has it in Japanese alone cannot be
    compared letter by letter, as a Japanese title cannot where Crossref has English: the
    field is neither right nor wrong, and the report says it was not compared."""
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    for text in ("Jiritsu shinkei・junkanki ōtō. Tairyoku Kagaku. 2007;56(1):60. "
                 "doi:10.7600/jspfsm.56.60",
                 "Anonymous. Autonomic nervous and circulatory responses. Jpn J Phys Fit "
                 "Sports Med. 2007;56(1):60. doi:10.7600/jspfsm.56.60"):
        result = verifier.verify(text)
        assert result.status == "verified"
        assert result.fields["title"].match is None
        assert "not compared: " in result.reason and "title" in result.reason
        lines = "\n".join(verify_text([(text, "refs.txt:1", None)], [result]))
        assert "    title: " in lines and "not compared" in lines


# -- outcomes --------------------------------------------------------------------------------

def test_seed_doi_unknown_to_the_server_is_not_found(server, tmp_path):
    verifier = Verifier(client_for(server.url, tmp_path))
    before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    result = verifier.verify("https://doi.org/10.1093/ia/iiaa061.")
    assert (result.doi, result.status) == ("10.1093/ia/iiaa061", "not_found")
    assert result.fields["doi"].match is False
    # the evidence the verdict rests on: which server said so, and when
    assert result.evidence["source"] == server.url
    assert before <= result.evidence["fetched"] <= time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                 time.gmtime())


def test_a_doi_another_agency_registered_is_unchecked_not_wrong(server, tmp_path):
    """arXiv's DOIs are DataCite's: Crossref's /works has no record of them (404) while its
    /agency route names DataCite. Not a wrong DOI (not_found fails a build): unchecked, and
    why (the agency reply is SYNTHETIC; the DOI is arXiv's for a real paper)."""
    doi = "10.48550/arxiv.1706.03762"
    server.agencies[doi] = ("datacite", "DataCite")
    result = Verifier(client_for(server.url, tmp_path)).verify(f"https://doi.org/{doi}")
    assert result.status == "unresolved"
    assert result.reason == (f"registered with DataCite, not Crossref: Crossref holds no "
                             f"record to check it against; see https://doi.org/{doi}")


def test_a_doi_another_agency_registered_is_asked_about_once_a_run(server, tmp_path):
    """Cited again after its first answer (a post that lists it in its text and in its
    references): one request to /works and one to the agency route, not two of each; a 404
    is remembered so too (the agency reply is SYNTHETIC)."""
    doi = "10.48550/arxiv.1706.03762"
    server.agencies[doi] = ("datacite", "DataCite")
    verifier = Verifier(client_for(server.url, tmp_path))
    results = [verifier.verify(text) for text in
               (f"https://doi.org/{doi}", f"doi:{doi}", doi.upper())]
    assert {r.status for r in results} == {"unresolved"}
    assert len({r.reason for r in results}) == 1
    asked = [path for _, path in server.requests]
    assert len(asked) == 2, asked


def test_a_crossref_doi_missing_from_its_api_is_unchecked_not_wrong(server, tmp_path):
    """Crossref's agency route knows DOIs its /works lacks (a known gap of its API): the DOI
    exists, so it is no wrong one (SYNTHETIC agency reply)."""
    server.agencies["10.1093/ia/iiaa061"] = ("crossref", "Crossref")
    result = Verifier(client_for(server.url, tmp_path)).verify("10.1093/ia/iiaa061")
    assert result.status == "unresolved"
    assert result.reason.startswith("Crossref registered this DOI but its API has no record")


@pytest.mark.parametrize("fault", ["500", "not-json", "wrong-shape"])
def test_an_agency_route_that_cannot_answer_leaves_the_doi_not_found(server, tmp_path, fault):
    """SYNTHETIC faults on the agency route (the DOI's work 404s for real): no agency named,
    no excuse for the DOI."""
    server.agencies["10.1093/ia/iiaa061"] = ("datacite", "DataCite")
    server.agency_faults["10.1093/ia/iiaa061"] = [fault] * 5
    result = Verifier(client_for(server.url, tmp_path)).verify("10.1093/ia/iiaa061")
    assert result.status == "not_found"


def test_no_server_means_unresolved_with_the_reason(tmp_path):
    verifier = Verifier(client_for(closed_port_url(), tmp_path))
    results = verifier.verify_all([(CASES[0]["text"], None), ("10.1093/ia/iiaa061", None)])
    assert {r.status for r in results} == {"unresolved"}
    assert all("unreachable" in r.reason for r in results)


@pytest.mark.parametrize("text", [
    "10.1038/ng.3834", "DOI: 10.1038/ng.3834", "DOI:10.1038/NG.3834;", "DOI 10.1038/ng.3834",
    "See https://doi.org/10.1038/ng.3834", "见 https://doi.org/10.1038/ng.3834，",
    "<10.1038/ng.3834>", "[3] doi:10.1038/ng.3834."])
def test_a_doi_with_only_a_label_around_it_is_checked_for_existence_alone(server, tmp_path,
                                                                           text):
    # a label left beside the DOI is no author or journal, even to the reference parser
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    result = verifier.verify(text)
    assert (result.status, list(result.fields)) == ("verified", ["doi"])


def test_a_matching_record_verifies_every_field(server, tmp_path):
    case = next(c for c in CASES if c["expect"] == "verified" and c["doi"]
                and c["style"] == "apa" and c["injected"] is None)
    result = Verifier(client_for(server.url, tmp_path)).verify(case["text"])
    assert result.status == "verified"
    assert all(check.match in (True, None) for check in result.fields.values())
    assert result.evidence["source"] == server.url and result.evidence["fetched"]


GROSS_NOTE = ('1. Joshua B. Gross and Horst Wilkens, "Albinism in Phylogenetically and '
              'Geographically Distinct Populations of Astyanax Cavefish Arises through the Same '
              'Loss-of-Function Oca2 Allele," Heredity 111, no. 2 (2013): {page}, '
              'https://doi.org/10.1038/hdy.2013.26.')


@pytest.mark.parametrize(("page", "status"), [("124", "verified"), ("130", "verified"),
                                              ("135", "mismatch"), ("121", "mismatch"),
                                              ("124–30", "mismatch")])
def test_a_chicago_notes_page_is_a_page_of_the_article(server, tmp_path, page, status):
    """A Chicago (Turabian) note cites the page it refers to, "(2013): 124", where the
    bibliography gives the range (the recorded record: pages 122-130): a page inside the
    article is right, one outside it wrong; a range is still held to the article's."""
    result = Verifier(client_for(server.url, tmp_path)).verify(GROSS_NOTE.format(page=page))
    assert result.status == status, result.fields
    assert result.fields["page"].match is (status == "verified")
    if status == "verified":
        assert result.fields["page"].reason == "a page of the article (a note's pinpoint)"


GROSS_VANCOUVER = ("Gross JB, Wilkens H. Albinism in phylogenetically and geographically "
                   "distinct populations of Astyanax cavefish arises through the same "
                   "loss-of-function Oca2 allele. Heredity (Edinb). 2013;111(2):122-30. "
                   "doi: 10.1038/hdy.2013.26. Epub {epub} Apr 10.")


@pytest.mark.parametrize(("epub", "status"), [("2013", "verified"), ("2012", "mismatch"),
                                              ("2014", "mismatch")])
def test_the_epub_date_pubmed_prints_after_the_doi_is_checked_too(server, tmp_path, epub,
                                                                  status):
    """PubMed's citations end "Epub 2013 Apr 10.", the date the article came out online
    (the recorded record: online 2013-04-10, in print 2013-08). A wrong one passed: only
    the print year was compared."""
    result = Verifier(client_for(server.url, tmp_path)).verify(
        GROSS_VANCOUVER.format(epub=epub))
    assert result.status == status, result.fields
    year = result.fields["year"]
    assert year.match is (status == "verified")
    if status == "mismatch":
        assert year.cited == f"Epub {epub}" and f"Epub {epub}" in year.reason


SCHOLIX_APA = ("Burton, A., Aryani, A., Koers, H., Manghi, P., La Bruzzo, S., Stocker, M., "
               "Diepenbroek, M., Schindler, U., & Fenner, M. (2017). The Scholix Framework for "
               "Interoperability in Data-Literature Information Exchange. D-Lib Magazine, "
               "23({issue}). https://doi.org/10.1045/january2017-burton")
SCHOLIX_MLA = ("Burton, Adrian, et al. “The Scholix Framework for Interoperability in "
               "Data-Literature Information Exchange.” D-Lib Magazine, vol. 23, no. {issue}, "
               "2017, https://doi.org/10.1045/january2017-burton.")


@pytest.mark.parametrize(("text", "status"), [
    (SCHOLIX_APA.format(issue="1, 2"), "verified"),
    (SCHOLIX_APA.format(issue="2, 3"), "mismatch"),
    (SCHOLIX_MLA.format(issue="1&2"), "verified"),
    (SCHOLIX_MLA.format(issue="1 and 2"), "verified"),
    (SCHOLIX_MLA.format(issue="2 and 3"), "mismatch"),
])
def test_a_double_issue_is_read_however_its_numbers_are_joined(server, tmp_path, text, status):
    """Crossref: D-Lib Magazine 23(1/2). "23(2, 3)" was read as no issue at all and verified;
    "no. 1&2" as issue 1, a false alarm."""
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == status, result.fields
    assert result.fields["issue"].match is (status == "verified")


def test_an_ordinal_in_a_books_name_is_no_page(server, tmp_path):
    """Chicago's "In Advances in Visual Computing: 8th International Symposium, ISVC 2012,
    499–508.": the "8th" after the colon was read as page "8t"."""
    text = ("Chen, Lili, Giorgio Panin, and Alois Knoll. 2012. “Human Body Orientation "
            "Estimation in Multiview Scenarios.” In Advances in Visual Computing: 8th "
            "International Symposium, ISVC 2012, 499–508. Berlin, Heidelberg: Springer Berlin "
            "Heidelberg. https://doi.org/10.1007/978-3-642-33191-6_49.")
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "verified", result.fields
    assert result.fields["page"].cited == "499–508"


def test_a_gbt_proceedings_abbreviated_end_before_their_imprint(server, tmp_path):
    """"[C]//Proc. 2021 Int. Conf. Manag. Data. New York, NY, USA: ACM, 2021": the place,
    with its commas, and the publisher were read into the proceedings' name."""
    text = ("[27] PANDEY P, CONWAY A, DURIE J, 等. Vector Quotient Filters: Overcoming the "
            "Time/Space Trade-Off in Filter Design[C]//Proc. 2021 Int. Conf. Manag. Data. New "
            "York, NY, USA: ACM, 2021: 1386-1399. DOI:10.1145/3448016.3452841.")
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "verified", result.fields
    assert result.fields["journal"].cited == "Proc. 2021 Int. Conf. Manag. Data"


@pytest.mark.parametrize(("year", "status"), [("2003", "verified"), ("2004", "mismatch")])
def test_proceedings_named_with_another_year_are_other_proceedings(server, tmp_path, year,
                                                                    status):
    """Crossref: "23rd International Conference on Distributed Computing Systems Workshops,
    2003. Proceedings."; the name was read up to its first comma, and 2004 never compared."""
    text = ("Arya, V., & Turletti, T. (n.d.). Accurate and explicit differentiation of wireless "
            f"and congestion losses. In 23rd International Conference on Distributed Computing "
            f"Systems Workshops, {year}. Proceedings (pp. 877–882). IEEE. "
            "https://doi.org/10.1109/icdcsw.2003.1203662")
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == status, result.fields
    assert result.fields["journal"].match is (status == "verified")


@pytest.mark.parametrize("printed", ["https://doi.org/11.1371/journal.pone.0214986",
                                     "doi: 01.1371/journal.pone.0214986"])
def test_a_doi_with_its_prefix_mistyped_is_not_found_not_searched_past(server, tmp_path,
                                                                        printed):
    """A character of the "10." every DOI begins with, mistyped, leaves no DOI any pattern
    finds: the citation would be searched and verified, its wrong DOI unseen."""
    case = next(c for c in CASES if c["true_doi"] == "10.1371/journal.pone.0214986"
                and c["doi"] and c["expect"] == "verified")
    text = case["text"].replace(f"https://doi.org/{case['doi']}", printed)
    assert text != case["text"]
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "not_found"
    assert result.fields["doi"].match is False and "10." in result.fields["doi"].reason


def test_a_short_doi_link_is_no_mistyped_doi(server, tmp_path):
    """A shortDOI ("https://doi.org/bqmn", made up here) has no prefix: the citation is
    searched for as one without a DOI, and found."""
    case = next(c for c in CASES if c["true_doi"] == "10.1371/journal.pone.0214986"
                and c["doi"] and c["expect"] == "verified")
    text = case["text"].replace(f"https://doi.org/{case['doi']}", "https://doi.org/bqmn")
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "verified", result.reason
    assert result.candidates == [{"doi": case["true_doi"], "accepted": True}]


def test_without_a_doi_the_search_finds_the_work(server, tmp_path):
    case = next(c for c in CASES if c["doi"] is None and c["expect"] == "verified")
    result = Verifier(client_for(server.url, tmp_path)).verify(case["text"])
    assert result.status == "verified"
    assert result.candidates == [{"doi": case["true_doi"], "accepted": True}]


def test_without_a_doi_a_wrong_word_in_a_short_title_is_found_as_a_title_error(server,
                                                                              tmp_path):
    """Crossref: Saha, "Physical Examinations", in Clinical Methods and Interpretation in
    Medicine (2015), p. 27. One word of two wrong puts the title under the usual
    likeness; author, book, page and year all agree, and name the work."""
    text = ("Saha, Ashis. “Solar Examinations.” Clinical Methods and Interpretation in "
            "Medicine, Jaypee Brothers Medical Publishers (P) Ltd., 2015, p. 27.")
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "mismatch"
    assert [name for name, check in result.fields.items() if check.match is False] == ["title"]
    assert result.candidates == [{"doi": "10.5005/jp/books/12414_3", "accepted": True}]


@pytest.mark.parametrize("text", [
    "Saha, A. (2015). Physical Random. In Clinical Methods and Interpretation in Medicine "
    "(p. 27). Jaypee Brothers Medical Publishers (P) Ltd..",
    "[33] SAHA A. Physical Urban[M]//Clinical Methods and Interpretation in Medicine. Jaypee "
    "Brothers Medical Publishers (P) Ltd., 2015: 27.",
    # Crossref's title: "Utilizing the Internet. 12 Series. Future of the Internet"; APA's
    # title read up to its first full stop
    "KUSUMOTO, H. (1997). Social the Internet. 12 Series. Future of the Internet. Journal of "
    "Information Processing and Management, 39(12), 979–988.",
])
def test_without_a_doi_a_short_title_with_one_word_replaced_is_found_as_a_title_error(
        server, tmp_path, text):
    """A word of two replaced by one that shares few letters with it ("Random" for
    "Examinations") leaves the title under half alike; all its words but one are still the
    record's, and the other fields name the work."""
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "mismatch", result.reason
    assert [name for name, check in result.fields.items() if check.match is False] == ["title"]


@pytest.mark.parametrize("text", [
    "Bichot, Charles-Edmond. “Economic and Supervised Image Segmentation Using Graph "
    "Partitioning.” Graph-Based Methods in Computer Vision, IGI Global, pp. 72–94.",
    "Arya, V., and T. Turletti. “Accurate and explicit visual of wireless and congestion "
    "losses.” 23rd International Conference on Distributed Computing Systems Workshops, 2003. "
    "Proceedings, IEEE, pp. 877–82."])
def test_without_a_doi_or_a_year_a_wrong_title_word_is_found_by_authors_book_and_pages(
        server, tmp_path, text):
    """MLA cites a chapter or a proceedings paper without a year when Crossref gives none for
    the book: the authors, the book and the pages are all left to name the work, and do."""
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "mismatch", result.reason
    assert [name for name, check in result.fields.items() if check.match is False] == ["title"]


def test_without_a_doi_a_wrong_title_word_and_a_wrong_field_stay_ambiguous(server, tmp_path):
    """Two fields off (a title word and the pages) leave too little to name the work by."""
    text = ("Bichot, Charles-Edmond. “Economic and Supervised Image Segmentation Using Graph "
            "Partitioning.” Graph-Based Methods in Computer Vision, IGI Global, pp. 172–94.")
    assert Verifier(client_for(server.url, tmp_path)).verify(text).status == "ambiguous"


def test_without_a_doi_a_thesis_cited_without_a_year_is_named_by_its_title_and_author(
        server, tmp_path):
    """Crossref has the thesis with no container, no pages and no year: its long title and its
    author are all a correct citation can agree on."""
    text = ("Collingwood, Patricia Maree. “School truancy and financial independence during "
            "emerging adulthood: a longitudinal analysis of receipt of and reliance on cash "
            "transfers.” PhD diss., The University of Queensland.")
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert (result.status, result.candidates) == (
        "verified", [{"doi": "10.14264/uql.2020.791", "accepted": True}])


@pytest.mark.parametrize(("text", "wrong"), [
    ("Hosseini, Mohammad, et al. “Deep dive into ethics of Contributor Roles: report of a "
     "FORCE11 workshop.” Front Matter, 2020.", "year"),                  # Crossref: 2022
    ("Wonston, Donny. 2022. “Implementing the FAIR Principles Through FAIR-Enabling Artifacts "
     "and Services.” Polyneme LLC, October 21.", "author"),              # Crossref: Winston
    # a whole book: Crossref's container is its series, which the citation does not name
    ("McGinnis, R. F. (1983). Biogeography of lanternfishes (Myctophidae) south of 30°S. "
     "American Geophysical Union.", "year"),                             # Crossref: 1982
    ("McGinnes RF. Biogeography of Lanternfishes (Myctophidae) South of 30°S. Washington, "
     "D. C.: American Geophysical Union; 1982.", "author"),              # Crossref: McGinnis
])
def test_without_a_doi_a_preprints_one_wrong_field_is_found(server, tmp_path, text, wrong):
    """A blog post, a preprint or a whole book gives a citation only its authors and year to
    agree on besides the title: one of them wrong is a mismatch there, not an unidentified
    work."""
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "mismatch", result.reason
    assert [name for name, check in result.fields.items() if check.match is False] == [wrong]


@pytest.mark.parametrize("text", [
    # a title only like Fenner's "The rise of the (science) newsletter", by someone else
    "Priem J. The rise of the newsletter. 2023.",
    # the published version of the bioRxiv preprint Crossref has: volume and pages
    "Fenner M, Crosas M, Grethe JS, Kennedy D, Hermjakob H, Rocca-Serra P, et al. A data "
    "citation roadmap for scholarly data repositories. Sci Data. 2019;6(1):28.",
    "Smith J. Do we need science blogs? Blog post, 2023.",
    # the report's title, then more, by another author: another work
    "Smith J. Role of energy storage with renewable electricity generation in Texas. 2010.",
])
def test_a_preprint_or_report_is_not_taken_for_a_work_that_only_resembles_it(server, tmp_path,
                                                                            text):
    assert Verifier(client_for(server.url, tmp_path)).verify(text).status == "ambiguous"


@pytest.mark.parametrize(("title", "named"), [
    ("Do we need to fix science blogs?", True), ("Science blogs", False)])
def test_a_title_and_one_field_name_a_thin_record_only_when_the_title_is_four_words_or_more(
        title, named):
    """Author and title agree, the year does not, and Crossref has nothing else to compare:
    a title of two words (as common as "Science blogs") is too little to name a work by."""
    from archiver.citations.cited import Cited
    from archiver.citations.compare import FieldCheck
    from archiver.citations.verify import _identifies
    record = json.loads((FIXTURES / "crossref" / "10.53731_avg2ykg-gdxppcd.json")
                        .read_text(encoding="utf-8"))["message"]
    fields = {"title": FieldCheck(title, title, True, ""),
              "author": FieldCheck("Fenner, M", ["fenner"], True, ""),
              "year": FieldCheck("2030", "2023", False, "")}
    cited = Cited(text="", title=title, authors="Fenner, M", year="2030")
    assert _identifies(fields, cited, record) is named
    assert _identifies(fields, cited, record, relaxed=False) is False


@pytest.mark.parametrize("text", [
    "[49] McGinnis R F. Biogeography of Lanternfishes (Myctophidae) South of 30°S[M]. "
    "Washington, D. C.: American Geophysical Union, 1982. DOI:10.1029/ar035.",
    "McGinnis, R. F. (1982). Biogeography of Lanternfishes (Myctophidae) South of 30°S. "
    "American Geophysical Union. https://doi.org/10.1029/ar035",
    "McGinnis RF. Biogeography of Lanternfishes (Myctophidae) South of 30°S. Washington, "
    "D. C.: American Geophysical Union; 1982. doi:10.1029/ar035"])
@pytest.mark.parametrize("with_parser", [False, True], ids=["cues", "cues-then-parser"])
def test_a_books_publisher_is_not_taken_for_its_series(server, tmp_path, text, with_parser):
    """Crossref gives the monograph the container 'Antarctic Research Series' (its series);
    a citation of the whole book names its publisher there instead (the CLI's verifier also
    asks the reference parser, which must not bring it back)."""
    result = Verifier(client_for(server.url, tmp_path),
                      parse=parse_reference if with_parser else None).verify(text)
    assert result.status == "verified", result.reason
    assert result.fields.get("journal") is None or result.fields["journal"].match is None


def test_a_candidate_identified_by_its_title_beats_one_ranked_before_it():
    """The search ranks first a SYNTHETIC sibling of the recorded EJP paper (same authors,
    journal, volume and year; another title and pages), which the relaxed rule would take;
    the recorded paper, whose title the citation gives, is the work."""
    from archiver.citations.crossref import Outcome
    real = json.loads((FIXTURES / "crossref" / "10.1016_j.ejphar.2015.03.018.json")
                      .read_text(encoding="utf-8"))["message"]
    sibling = {**real, "DOI": "10.1016/j.ejphar.2015.03.001", "page": "290-302",
               "title": ["Predicting the path of SIV CNS disease in macaques"]}
    text = ('Beck, Sarah E., et al. "Paving the Path to HIV Neurotherapy: Predicting SIV CNS '
            'Disease." European Journal of Pharmacology, vol. 759, 2015, pp. 303-312.')
    result = Verifier(None)._by_search(text, None, Outcome("found", {"items": [sibling, real]}))
    assert (result.status, result.candidates) == (
        "verified", [{"doi": real["DOI"], "accepted": True}])


def test_a_search_with_no_agreeing_candidate_is_ambiguous(server, tmp_path):
    text = ("Smith, J. (2020). An entirely different paper about organic poultry markets. "
            "Journal of Imaginary Studies, 4(2), 1-10.")
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "ambiguous"


@pytest.mark.parametrize("text, doi", [
    ("Lieber RL, et al. J Orthop Res. 1997;15(4):519-527.", "10.1002/jor.1100150407"),
    ("Ralser M, et al. PLoS One 2006;1:e30.", "10.1371/journal.pone.0000030"),
    ("Twittenhoff C, et al. PLoS Pathog. 2020;16(1):e1008184.",
     "10.1371/journal.ppat.1008184"),
    ("Thanassi W, et al. Pulm Med. 2012;2012:291294.", "10.1155/2012/291294"),
    ("Burton A, et al. D-Lib Magazine. 2017;23(1/2).", "10.1045/january2017-burton"),  # no pages
])
def test_without_a_doi_or_a_title_the_journal_and_its_numbers_find_the_work(server, tmp_path,
                                                                              text, doi):
    """Vancouver's short form claims no title: those pages of that journal's volume, by
    that first author, are the work (it was "ambiguous", no candidate having a title to
    agree on)."""
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert (result.status, result.candidates) == ("verified", [{"doi": doi, "accepted": True}])
    assert "title" not in result.fields or result.fields["title"].match is None


@pytest.mark.parametrize("text, wrong", [
    ("Lieber RL, et al. J Orthop Res. 1997;16(4):519-527.", "volume"),
    ("Lieber RL, et al. J Orthop Res. 1997;15(4):519-528.", "page"),
    ("Lieber RL, et al. J Bone Res. 1997;15(4):519-527.", "journal"),
    ("Smith RL, et al. Journal of Orthopaedic Research 1997;15(4):519-527.", "author"),
    ("Chiang, C.; Scott, A. J.; Davis, J. R.; et al. Nat. Commun. 2017, 49, 692−699.",
     "journal"),
])
def test_without_a_doi_or_a_title_one_wrong_field_is_reported(server, tmp_path, text, wrong):
    """The other fields still name the work: its first author in that journal's volume and
    year, or those pages of it."""
    result = Verifier(client_for(server.url, tmp_path), parse_reference).verify(text)
    assert result.status == "mismatch"
    assert [name for name, check in result.fields.items() if check.match is False] == [wrong]


def test_without_a_doi_or_a_title_two_wrong_fields_name_no_work(server, tmp_path):
    result = Verifier(client_for(server.url, tmp_path)).verify(
        "Lieber RL, et al. J Orthop Res. 1998;16(4):519-527.")
    assert result.status == "ambiguous"


@pytest.mark.parametrize("text", [
    "Gross JB, et al. Heredity 2013;111:122–130. doi:10.1038/hdy.2013.26",
    "Gross JB, Wilkens H. Heredity (Edinb). 2013;111(2):122-30. doi:10.1038/hdy.2013.26",
    "Dougherty LR, et al. Proc Biol Sci. 2017;284(1855):20170132. "
    "doi:10.1098/rspb.2017.0132",
])
def test_the_short_form_with_a_doi_is_verified_without_a_title(server, tmp_path, text):
    """The journal after the authors was compared as the title: a false mismatch."""
    result = Verifier(client_for(server.url, tmp_path), parse_reference).verify(text)
    assert result.status == "verified", result.reason
    assert "title" not in result.fields or result.fields["title"].match is None


# -- labelled synthetic faults ---------------------------------------------------------------

DOI = "10.1038/hdy.2013.26"


def test_429_is_retried_after_the_time_the_server_asks(server, tmp_path):
    server.faults[DOI] = ["429"]  # SYNTHETIC fault
    server.retry_after = "0"
    slept: list[float] = []
    client = client_for(server.url, tmp_path, sleep=slept.append)
    assert client.work(DOI).status == "found"
    assert slept == [0.0]
    assert len([p for _, p in server.requests if DOI in p]) == 2


def test_server_errors_are_retried_with_backoff(server, tmp_path):
    server.faults[DOI] = ["500", "500"]  # SYNTHETIC faults
    slept: list[float] = []
    client = client_for(server.url, tmp_path, sleep=slept.append)
    assert client.work(DOI).status == "found"
    assert slept == [0.01, 0.02]


def test_persistent_rate_limiting_is_unresolved_not_verified(server, tmp_path):
    server.faults[DOI] = ["429"] * 10  # SYNTHETIC faults
    server.retry_after = "0"
    outcome = client_for(server.url, tmp_path, retries=2, sleep=lambda s: None).work(DOI)
    assert outcome.status == "unresolved"
    assert "429" in outcome.reason and "3 attempts" in outcome.reason
    assert outcome.reason.startswith(f"Crossref at {server.url}: ")  # (which server gave up)


def test_a_slow_reply_times_out_and_is_retried(server, tmp_path):
    server.faults[DOI] = ["slow"]  # SYNTHETIC fault: sleeps past the 1 s timeout
    server.slow_seconds = 1.5
    client = client_for(server.url, tmp_path, sleep=lambda s: None)
    assert client.work(DOI).status == "found"


def test_a_reply_trickling_in_is_given_up_on_within_six_timeouts(server, tmp_path):
    """Each byte comes within the timeout, the whole would take hours: the request is given
    up on at six timeouts and not asked again (it would be as slow), never verified."""
    server.faults[DOI] = ["trickle"]  # SYNTHETIC fault: the real record, a byte each 50 ms
    start = time.monotonic()
    client = client_for(server.url, tmp_path, timeout=0.3)
    # (asked on a daemon thread: without the deadline, the answer takes twenty minutes)
    answers: list = []
    asking = threading.Thread(target=lambda: answers.append(client.work(DOI)), daemon=True)
    asking.start()
    asking.join(30)
    assert answers, "no answer within 30 s"
    outcome = answers[0]
    assert outcome.status == "unresolved"
    assert outcome.reason == f"no whole answer within 1.8 s (a reply trickling in) for DOI {DOI}"
    assert time.monotonic() - start < 4
    assert len([p for _, p in server.requests if DOI in p]) == 1


def test_a_run_stops_asking_a_server_silent_for_thirty_timeouts(server, tmp_path):
    """A server that is down answers no request: each citation would cost its five attempts.
    Once the route has answered nothing for thirty timeouts (over six attempts or more), the
    run asks it no more, saying so (exit 3 for verify), as a refused connection does."""
    dois = [f"10.1000/never-{n}" for n in range(12)]
    for doi in dois:
        server.faults[doi] = ["slow"] * 10  # SYNTHETIC faults: each past the timeout
    server.slow_seconds = 0.5
    client = client_for(server.url, tmp_path, timeout=0.1, sleep=lambda s: None)
    start = time.monotonic()
    outcomes = [client.work(doi) for doi in dois]
    assert [o.status for o in outcomes] == ["unresolved"] * 12
    assert 30 * 0.1 <= time.monotonic() - start < 12 * 5 * 0.1
    assert len(server.requests) < 12 * 5
    assert outcomes[-1].reason.startswith(
        f"Crossref at {server.url} answered no request for a DOI's record in time for ")
    assert outcomes[-1].reason.endswith(": not asked again in this run")


def test_a_short_outage_stops_nothing(server, tmp_path):
    """Timeouts in a row for less than thirty timeouts, then answers: every citation is
    asked, and found (it once stopped a whole run after six, three threads at a time)."""
    server.faults[DOI] = ["slow"] * 7  # SYNTHETIC faults: seven timeouts, 2.8 s of them
    # (timeouts of 0.1 s flaked on a busy machine: a prompt answer missed its 0.1 s, or eight
    # timeouts took the 3 s that thirty of them allow; 0.4 s leaves 12 s for seven)
    server.slow_seconds = 1.0
    client = client_for(server.url, tmp_path, timeout=0.4, retries=9, sleep=lambda s: None)
    assert client.work(DOI).status == "found"


def test_an_attempt_begun_before_the_routes_last_answer_is_no_silence_before_it(tmp_path):
    """Six timed-out attempts, the first begun 40 s ago but before an answer that came since:
    the route has been silent only since that answer, under thirty timeouts."""
    client = client_for(closed_port_url(), tmp_path, timeout=1)
    begun = time.monotonic() - 40
    client._answered("works")
    outcomes = [client._timed_out("works", begun if n == 0 else time.monotonic(), "DOI x",
                                  "timed out") for n in range(6)]
    assert outcomes == [None] * 6


def test_a_silent_search_stops_no_lookup_of_a_doi(server, tmp_path):
    server.faults["search"] = ["slow"] * 100  # SYNTHETIC faults: every search times out
    server.slow_seconds = 0.5
    client = client_for(server.url, tmp_path, timeout=0.1, sleep=lambda s: None)
    searches = [client.search(f"structural variation {n}") for n in range(10)]
    assert searches[-1].reason.startswith(
        f"Crossref at {server.url} answered no request for its search in time")
    assert client.work(DOI).status == "found"


def test_an_answer_between_timeouts_starts_the_count_again(server, tmp_path):
    server.faults[DOI] = ["slow"] * 4  # SYNTHETIC faults: four timeouts, then the record
    server.faults["10.1093/ia/iiaa061"] = ["slow"] * 4
    # (a timeout of 0.1 s was missed by a prompt answer on a busy machine)
    server.slow_seconds = 1.0
    client = client_for(server.url, tmp_path, timeout=0.4, sleep=lambda s: None)
    assert client.work(DOI).status == "found"
    assert client.work("10.1093/ia/iiaa061").status == "not_found"


def test_a_reply_too_large_to_be_a_record_is_unresolved_and_nothing_of_it_kept(server,
                                                                               tmp_path):
    server.faults[DOI] = ["huge"]  # SYNTHETIC fault: the real record, a 20 M-character title
    client = client_for(server.url, tmp_path)
    outcome = client.work(DOI)
    assert outcome.status == "unresolved"
    assert outcome.reason.startswith("Crossref's reply holds over 16,000,000 characters")
    assert client.cached_work(DOI) is None


def test_a_redirect_is_unresolved_saying_where_it_leads(server, tmp_path):
    server.faults[DOI] = ["moved"]  # SYNTHETIC fault: a 301 to Crossref's own address
    outcome = client_for(server.url, tmp_path).work(DOI)
    assert outcome.status == "unresolved"
    assert outcome.reason == (f"the server at {server.url} redirects (301) to "
                              f"https://api.crossref.org/works/{DOI}: redirects are not "
                              "followed; give the address it names as --crossref-url")


def test_a_reply_that_is_not_json_is_unresolved(server, tmp_path):
    server.faults[DOI] = ["not-json"]  # SYNTHETIC fault
    outcome = client_for(server.url, tmp_path).work(DOI)
    assert outcome.status == "unresolved" and "not JSON" in outcome.reason


def test_a_record_whose_author_names_are_not_text_is_unresolved_not_a_crash(server, tmp_path):
    server.faults[DOI] = ["bad-names"]  # SYNTHETIC fault: the real record, a family name 5
    result = Verifier(client_for(server.url, tmp_path)).verify_all(
        [(f"Chiang C et al. The impact of structural variation on human gene expression. "
          f"Nat Genet 2017;49:692-9. doi:{DOI}", None)])[0]
    assert result.status == "unresolved" and "malformed 'author'" in result.reason


def test_a_search_reply_without_its_total_is_unresolved_not_a_crash(server, tmp_path):
    server.faults["search"] = ["no-total"]  # SYNTHETIC fault
    outcome = client_for(server.url, tmp_path).search("structural variation gene expression")
    assert outcome.status == "unresolved" and "not shaped as its API's" in outcome.reason


def test_a_malformed_search_candidate_is_passed_over_not_a_crash(server, tmp_path):
    server.faults["search"] = ["bad-candidate"]  # SYNTHETIC fault: the best one malformed
    text = ("Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation on human "
            "gene expression. Nat Genet. 2017;49(5):692-699.")
    result = Verifier(client_for(server.url, tmp_path)).verify_all([(text, None)])[0]
    assert result.status == "ambiguous"  # the one candidate that agreed could not be read


# -- cache -----------------------------------------------------------------------------------

def test_the_cache_keeps_successes_and_serves_them_offline(server, tmp_path):
    client = client_for(server.url, tmp_path)
    assert client.work(DOI).status == "found"
    assert client.work("10.1093/ia/iiaa061").status == "not_found"
    asked = len(server.requests)
    offline = client_for(server.url, tmp_path, offline=True)
    again = offline.work(DOI)
    assert again.status == "found" and again.cached and again.source == server.url
    missing = offline.work("10.1093/ia/iiaa061")  # a 404 is never cached
    assert missing.status == "unresolved" and "--offline" in missing.reason
    assert len(server.requests) == asked  # offline asks nothing


def test_the_cache_answers_only_for_the_server_that_gave_the_answer(server, tmp_path):
    """The cache is shared by every --crossref-url: an answer from one server is not
    another's (a mirror or a test server that lacks the DOI must be asked)."""
    assert client_for(server.url, tmp_path).work(DOI).status == "found"
    other = closed_port_url()
    elsewhere = client_for(other, tmp_path, offline=True).work(DOI)
    assert elsewhere.status == "unresolved" and not elsewhere.cached
    # and says whose answer the cache holds, and how to use it
    assert elsewhere.reason == (f"--offline was given and the cache holds only {server.url}'s "
                                f"answer, not {other}'s (--crossref-url {server.url} would "
                                "use it)")


class ThreadNoting(Verifier):
    """A Verifier that notes the thread each citation was verified in."""

    def __init__(self, client: CrossrefClient):
        super().__init__(client)
        self.threads: dict[str, str] = {}

    def _verify(self, text, location, cache_only):
        result = super()._verify(text, location, cache_only)
        if result is not None:  # None: the cache could not answer, a thread will
            self.threads[text] = threading.current_thread().name
        return result


def test_a_rerun_asks_crossref_only_for_what_the_cache_lacks_and_keeps_the_order(server,
                                                                                 tmp_path):
    found = [c for c in CASES if c["doi"] and c["expect"] != "not_found"]
    dois = sorted({c["doi"] for c in found})
    first = [c for c in found if c["doi"] in dois[:4]]
    Verifier(client_for(server.url, tmp_path)).verify_all([(c["text"], None) for c in first])
    asked = len(server.requests)
    # cached and uncached citations interleaved; only the uncached ones go to the threads,
    # and each DOI is asked for once, however often it is cited
    batch = [c for c in found if c["doi"] in dois[:8]][::-1]
    seen: list[str] = []
    verifier = ThreadNoting(client_for(server.url, tmp_path))
    results = verifier.verify_all([(c["text"], None) for c in batch],
                                  on_result=lambda r: seen.append(r.text))
    assert [r.text for r in results] == [c["text"] for c in batch]
    assert sorted(seen) == sorted(c["text"] for c in batch)
    assert Counter(path for _, path in server.requests[asked:]) == Counter(
        f"/works/{d}" for d in dois[4:8])
    main = threading.current_thread().name
    assert {verifier.threads[c["text"]] == main for c in batch if c["doi"] in dois[:4]} == {True}
    # the first citation of each DOI the cache lacks goes to a thread; a later one of the same
    # DOI may find its answer in the cache by then, and be verified at once
    firsts = {c["doi"]: c["text"] for c in reversed(batch) if c["doi"] in dois[4:]}
    assert {verifier.threads[text] == main for text in firsts.values()} == {False}
    fresh = Verifier(client_for(server.url, tmp_path / "fresh"))
    assert [r.status for r in results] == [fresh.verify(c["text"]).status for c in batch]
    # wholly from the cache: no request and no thread started (the work is all CPU)
    asked = len(server.requests)
    threads_before = threading.active_count()
    counts: list[int] = []
    again = Verifier(client_for(server.url, tmp_path)).verify_all(
        [(c["text"], None) for c in batch], on_result=lambda r: counts.append(
            threading.active_count()))
    assert [r.status for r in again] == [r.status for r in results]
    assert len(server.requests) == asked
    assert set(counts) == {threads_before}


def test_a_doi_cited_many_times_at_once_costs_one_request_even_a_404(server, tmp_path):
    """One request per DOI, however many threads ask for it; a 404 adds its agency route and,
    once per run, the list of works (the server is Crossref's API, not a wrong path)."""
    unknown = "10.1093/ia/iiaa061"  # no recording: 404, never cached
    texts = [DOI] * 6 + [unknown] * 6
    for doi in (DOI, unknown):  # SYNTHETIC faults: the first reply keeps the others waiting
        server.faults[doi] = ["slow"]
    server.slow_seconds = 0.3
    results = Verifier(client_for(server.url, tmp_path)).verify_all([(t, None) for t in texts])
    assert [r.status for r in results] == ["verified"] * 6 + ["not_found"] * 6
    assert Counter(path for _, path in server.requests) == {
        f"/works/{DOI}": 1, f"/works/{unknown}": 1, f"/works/{unknown}/agency": 1,
        "/works?rows=0": 1}


def test_an_error_in_the_run_does_not_wait_for_the_queued_requests(server, tmp_path):
    found = [c for c in CASES if c["doi"] and c["expect"] != "not_found"]
    cached = found[0]
    Verifier(client_for(server.url, tmp_path)).verify(cached["text"])
    slow = sorted({c["doi"] for c in found} - {cached["doi"]})[:12]
    for doi in slow:
        server.faults[doi] = ["slow"]  # SYNTHETIC faults: 0.5 s each, 4 at a time
    server.slow_seconds = 0.5

    def fail(result):
        raise RuntimeError("the caller's progress display broke")

    start = time.monotonic()
    with pytest.raises(RuntimeError, match="progress display"):
        Verifier(client_for(server.url, tmp_path)).verify_all(
            [(d, None) for d in slow] + [(cached["text"], None)], on_result=fail)
    assert time.monotonic() - start < 1.2  # not the 1.5 s the twelve requests would take


def starts_on_a_fake_clock(per_second: float, count: int, late_every: int = 0,
                           late_by: float = 0.0) -> tuple[RateLimiter, list[float]]:
    """The start times of ``count`` requests through a limiter on a fake clock, whose every
    ``late_every``-th sleep wakes ``late_by`` seconds late (a loaded machine)."""
    now = [0.0]
    calls = [0]

    def sleep(seconds: float) -> None:
        calls[0] += 1
        now[0] += seconds + (late_by if late_every and calls[0] % late_every == 0 else 0.0)

    limiter = RateLimiter(per_second, 3, clock=lambda: now[0], sleep=sleep)
    starts: list[float] = []
    for _ in range(count):
        with limiter.slot():
            starts.append(now[0])
    return limiter, starts


def most_in_one_second(starts: list[float]) -> int:
    """Crossref counts requests in a sliding second."""
    return max(sum(1 for s in starts[i:] if s - start < 1.0) for i, start in enumerate(starts))


def test_rate_limiter_never_starts_more_than_allowed_in_a_window():
    _, starts = starts_on_a_fake_clock(10, 35)
    assert most_in_one_second(starts) <= 10
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= 0.1  # evenly spaced, never a burst
    assert starts[-1] <= 34 * 0.11  # and no slower than the limit needs


def test_a_late_wake_up_does_not_crowd_the_window():
    """A thread that oversleeps starts late; the ones after it must not start on their
    original schedule and pack more than the limit into a second."""
    _, starts = starts_on_a_fake_clock(10, 60, late_every=7, late_by=0.09)
    assert most_in_one_second(starts) <= 10
    assert starts[-1] <= 59 * 0.125  # late wake-ups cost time, not a slower schedule


def test_a_request_that_reaches_the_server_late_never_crowds_its_second():
    """habanero builds an HTTP client per request, which a loaded machine can slow by a tenth
    of a second: the server then sees the request late, close to requests that started a
    second after it. However late each one arrives, no second at the server may hold more
    than the limit (real threads and clock; the rate scaled up to keep the test short)."""
    limiter = RateLimiter(40, 3, window=1.0225)  # the slack of 10/s, scaled: 0.09 s / 4
    arrivals: list[float] = []
    lock = threading.Lock()

    def request(n: int) -> None:
        with limiter.slot():
            time.sleep(0.2 if n % 41 == 20 else 0.001)  # now and then a client is slow to build
            with lock:
                arrivals.append(time.monotonic())  # the server counts the request here
            time.sleep(0.005)  # its reply

    threads = [threading.Thread(target=lambda k=k: [request(n) for n in range(k, 123, 3)])
               for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(arrivals) == 123
    assert most_in_one_second(sorted(arrivals)) <= 40


def test_a_fractional_rate_is_kept_to_not_rounded_down():
    limiter, starts = starts_on_a_fake_clock(1.5, 16)
    assert most_in_one_second(starts) <= 2
    assert starts[-1] <= 15 * limiter.window / 1.5 + 1e-9  # as fast as 1.5 a second


def test_rate_limiter_bounds_concurrency():
    limiter = RateLimiter(1000, 2)
    active, peak = [0], [0]
    lock = threading.Lock()

    def work():
        with limiter.slot():
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            threading.Event().wait(0.02)
            with lock:
                active[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2


def test_lookups_and_list_queries_together_keep_to_one_budget_of_rate_and_concurrency(
        tmp_path):
    """A server that counts every request of a client in one budget (the benchmark's)
    refuses none: a search, and the one check of the list of works a DOI Crossref does not
    know sets off, are spaced with the lookups of single works. (verify_all's three threads
    never hold a fourth request open, so this checks the rate; scaled up to 40 a second to
    keep the test short; the DOIs 10.5555/… are SYNTHETIC, unknown to the server: each costs
    a lookup and its agency.)"""
    known = list({c["doi"]: c["text"] for c in CASES
                  if c["doi"] and c["expect"] == "verified"}.values())[:24]
    unknown = [f"Synthetic citation {i}. Journal of Tests, 1(1), 1-2. "
               f"https://doi.org/10.5555/limits.{i}" for i in range(24)]
    searched = [c["text"] for c in CASES if c["doi"] is None][:12]
    texts = [t for group in zip(known, unknown, searched * 2, strict=True) for t in group]
    with CrossrefServer(rate_limit=40, max_concurrent=3) as server:
        client = client_for(server.url, tmp_path, mailto="tests@example.org",
                            limits=Limits(per_second=40, concurrent=3, search_per_second=12))
        results = Verifier(client).verify_all([(t, None) for t in texts])
        kinds = Counter("search" if not path.startswith("/works/10.") else "lookup"
                        for _, path in server.requests)
        refusals = Counter(server.refusals)
    assert kinds["search"] >= 12 and kinds["lookup"] >= 72  # both routes were busy
    assert refusals == Counter()
    assert not [r for r in results if r.status == "unresolved"]


# -- the command -----------------------------------------------------------------------------

def run_verify(args, server_url, tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server_url)
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, [str(a) for a in args])


# -- notices: retracted, corrected … ---------------------------------------------------------

RETRACTED_CITATION = next(c for c in CASES if c["id"] == "dev-0085")  # Nature Genetics, MLA


def with_notices(server: CrossrefServer, doi: str, **lists) -> None:
    """SYNTHETIC: the recorded real record of ``doi`` with Crossref's ``updated-by`` /
    ``update-to`` lists (``updated_by=[…]``) as Crossref writes them. No work in the recorded
    corpus was retracted, and the records cannot be fetched again here; the entries are
    shaped as Crossref's (type, label, DOI, source, updated), their DOIs made up."""
    message = dict(server.works[doi]["message"])
    for name, entries in lists.items():
        message[name.replace("_", "-")] = entries
    server.works[doi] = {**server.works[doi], "message": message}


RETRACTION = {"DOI": "10.1038/s41588-099-0001-x", "type": "retraction", "label": "Retraction",
              "source": "publisher",
              "updated": {"date-parts": [[2021, 3, 4]], "date-time": "2021-03-04T00:00:00Z",
                          "timestamp": 1614816000000}}
CORRECTION = {"DOI": "10.1038/ng0617-964a", "type": "correction", "label": "Correction",
              "source": "retraction-watch", "updated": {"date-parts": [[2017, 6]]}}


def test_a_work_that_names_itself_its_new_version_has_no_notice():
    """PLOS lists every article as a ``new_version`` of itself (a real recorded record)."""
    record = load_recordings()["10.1371/journal.ppat.1008184"]["message"]
    assert record["updated-by"][0]["DOI"] == record["DOI"]
    assert notices_of(record) == []


def test_a_preprint_whose_published_version_crossref_knows_says_which_it_is(
        server, tmp_path, monkeypatch):
    """Real recorded records: bioRxiv's 10.1101/097196 ``is-preprint-of`` its Scientific
    Data article; eLife's 10.7554/elife.55167.sa2 ``is-review-of`` the article it reviews."""
    refs = tmp_path / "refs.txt"
    refs.write_text("https://doi.org/10.1101/097196\n10.7554/elife.55167.sa2\n", encoding="utf-8")
    result = run_verify(["verify", refs], server.url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.OK
    lines = result.stdout.splitlines()
    assert "    notice: a preprint: its published version is 10.1038/s41597-019-0031-8" in lines
    assert ("    notice: the DOI cited is a review of 10.7554/elife.55167, not that work "
            "itself") in lines
    document = json.loads(run_verify(["verify", refs, "--json"], server.url, tmp_path,
                                     monkeypatch).stdout)
    assert schema.errors("verify-report", document) == []
    assert [c["evidence"]["notices"] for c in document["citations"]] == [
        [{"relation": "is-preprint-of", "type": "preprint", "doi": "10.1038/s41597-019-0031-8"}],
        [{"relation": "is-review-of", "type": "review", "doi": "10.7554/elife.55167"}]]


ODP_VOLUME = ("{} (Eds.) (2000). Proceedings of the Ocean Drilling Program, 180 Initial "
              "Reports. Ocean Drilling Program. https://doi.org/10.2973/odp.proc.ir.180.2000")


@pytest.mark.parametrize(("names", "status", "reason"), [
    ("Taylor, B., Huchon, P., Klaus, A., et al.", "verified", "all 3 authors, in order"),
    ("Taylor, B., Huchon, P., Klaus, A.", "verified", "all 3 authors, in order"),
    ("Tailor, B., Huchon, P., Klaus, A., et al.", "mismatch", "'tailor' is shown where"),
    ("Smith, J.", "mismatch", "'taylor' (author 1 of 3) is not in the citation"),
])
def test_an_edited_volume_is_checked_against_the_editors_crossref_lists(server, tmp_path,
                                                                        names, status, reason):
    """The real recorded ODP volume: a monograph Crossref lists with three editors, "et al."
    and no author. A citation names its editors in the authors' place; a misspelt or wrong
    one was verified ("Crossref lists no authors")."""
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(
        ODP_VOLUME.format(names))
    assert result.status == status
    assert result.fields["author"].reason.startswith("Crossref lists editors, no authors: ")
    assert reason in result.fields["author"].reason


def test_an_editor_whose_name_is_no_text_costs_that_name_not_the_check(server, tmp_path):
    """SYNTHETIC: the recorded ODP volume with a malformed editor added (a family name that
    is a number): the client checks an author's name before the record is used, not an
    editor's."""
    message = server.works["10.2973/odp.proc.ir.180.2000"]["message"]
    server.works["10.2973/odp.proc.ir.180.2000"] = {"message": {
        **message, "editor": [*message["editor"], {"family": 5, "given": ["x"]}, "Klaus"]}}
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(
        ODP_VOLUME.format("Taylor, B., Huchon, P., Klaus, A., et al."))
    assert result.status == "verified", result.fields


def test_a_retraction_registered_in_place_under_the_works_own_doi_is_kept(server):
    """Crossmark's in-situ updates carry the work's own DOI (SYNTHETIC entry)."""
    with_notices(server, "10.1038/ng.3834", updated_by=[{**RETRACTION, "DOI": "10.1038/NG.3834"}])
    [notice] = notices_of(server.works["10.1038/ng.3834"]["message"])
    assert (notice["type"], notice["doi"]) == ("retraction", "10.1038/ng.3834")
    assert withdrawn([notice]) == [notice]


@pytest.mark.parametrize("updated", [
    {"date-parts": [[20210, 3]]}, {"date-parts": [[-5, 3]]}, {"date-parts": [[2021, 13, 45]]},
    {"date-parts": [[2021, 2, 29]]}, {"date-parts": [["2021"]]}, {"date-parts": "2021"},
    [2021], "2021-03-04", None])
def test_a_notice_whose_date_is_no_date_is_kept_without_it(server, tmp_path, monkeypatch,
                                                          updated):
    """Bad evidence is a result, never a crash (SYNTHETIC entries): the run, the report and
    the archive it is kept in all stand."""
    with_notices(server, "10.1038/ng.3834", updated_by=[
        {"DOI": 5, "type": "retraction", "label": "", "source": " ", "updated": updated}])
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 结构变异\n---\n\n参考文献\n\n" + RETRACTED_CITATION["text"]
                    + "\n", encoding="utf-8")
    result = run_verify(["ingest", post, "--archive", tmp_path / "archive", "--no-fetch",
                         "--verify", "--json"], server.url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.OK, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert schema.errors("verify-report", report) == []
    assert report["citations"][0]["evidence"]["notices"] == [
        {"relation": "updated-by", "type": "retraction"}]


def test_the_notices_crossref_lists_are_read_with_their_doi_date_and_source(server):
    with_notices(server, "10.1038/ng.3834", updated_by=[CORRECTION, RETRACTION, RETRACTION])
    notices = notices_of(server.works["10.1038/ng.3834"]["message"])
    assert notices == [  # each once, in Crossref's order
        {"relation": "updated-by", "type": "correction", "label": "Correction",
         "doi": "10.1038/ng0617-964a", "date": "2017-06", "source": "retraction-watch"},
        {"relation": "updated-by", "type": "retraction", "label": "Retraction",
         "doi": "10.1038/s41588-099-0001-x", "date": "2021-03-04", "source": "publisher"}]
    assert withdrawn(notices) == notices[1:]
    assert [describe(n) for n in notices] == [
        "corrected (Correction 10.1038/ng0617-964a, 2017-06, retraction-watch)",
        "retracted (Retraction 10.1038/s41588-099-0001-x, 2021-03-04, publisher)"]


def test_a_citation_of_a_retracted_work_is_reported_with_its_notice(server, tmp_path,
                                                                    monkeypatch):
    """The citation matches its record: verified, as it is; the retraction is said beside
    it, in the text, JSON and JUnit reports, and fails the build only when asked to."""
    with_notices(server, "10.1038/ng.3834", updated_by=[RETRACTION])
    refs = tmp_path / "refs.txt"
    refs.write_text(RETRACTED_CITATION["text"] + "\n", encoding="utf-8")
    junit = tmp_path / "verify.xml"
    result = run_verify(["verify", refs, "--junit", junit], server.url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.OK
    assert result.stdout.splitlines()[0].startswith("verified")
    assert ("    notice: retracted (Retraction 10.1038/s41588-099-0001-x, 2021-03-04, "
            "publisher)") in result.stdout.splitlines()
    assert "1 verified; 1 cite(s) a work retracted or withdrawn" in result.stderr
    [case] = ElementTree.parse(junit).getroot()
    assert case.find("system-out").text.startswith("notice: retracted (Retraction")
    as_json = run_verify(["verify", refs, "--json"], server.url, tmp_path, monkeypatch)
    document = json.loads(as_json.stdout)
    assert schema.errors("verify-report", document) == []
    assert document["citations"][0]["evidence"]["notices"][0]["type"] == "retraction"
    strict = run_verify(["verify", refs, "--fail-on", "mismatch,not_found,retracted",
                         "--junit", junit], server.url, tmp_path, monkeypatch)
    assert strict.exit_code == ExitCode.CITATION_WRONG
    suite = ElementTree.parse(junit).getroot()  # the red build points at its cause
    assert suite.get("failures") == "1"
    assert suite.find("testcase/failure").get("message") == (
        "retracted: retracted (Retraction 10.1038/s41588-099-0001-x, 2021-03-04, publisher)")


def test_a_retraction_learnt_is_a_new_version_of_the_kept_verification_a_correction_not(
        server, tmp_path, monkeypatch):
    """An archived post's verification gains a version when the outcome changes: Crossref
    listing a retraction of a work it cites is such news; a correction alone, or notices an
    earlier archiver did not read, is not (an upgrade alone adds no version)."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 结构变异\n---\n\n参考文献\n\n" + RETRACTED_CITATION["text"]
                    + "\n", encoding="utf-8")
    archive = tmp_path / "archive"
    first = run_verify(["ingest", post, "--archive", archive, "--no-fetch", "--verify",
                        "--json"], server.url, tmp_path, monkeypatch)
    object_id = json.loads(first.stdout.splitlines()[0])["id"]

    def verify_afresh(name: str) -> int:  # (a cache of its own: Crossref asked again)
        monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / name))
        result = CliRunner().invoke(app, ["verify", "--archive", str(archive), "-q"])
        assert result.exit_code == ExitCode.OK, result.stderr
        return len(Archive.open(archive).versions(object_id))

    kept = len(Archive.open(archive).versions(object_id))
    with_notices(server, "10.1038/ng.3834", updated_by=[CORRECTION])
    assert verify_afresh("corrected") == kept
    with_notices(server, "10.1038/ng.3834", updated_by=[CORRECTION, RETRACTION])
    assert verify_afresh("retracted") == kept + 1
    assert verify_afresh("again") == kept + 1


def test_the_junit_report_fails_what_the_exit_code_fails(server, tmp_path, monkeypatch):
    wrong = next(c for c in CASES if c["expect"] == "mismatch" and c["doi"])
    refs = tmp_path / "refs.txt"
    refs.write_text(wrong["text"] + "\nSmith 2020.\n", encoding="utf-8")
    junit = tmp_path / "verify.xml"
    for fail_on, code, verdicts in [
            ("mismatch,not_found", ExitCode.CITATION_WRONG, ["failure", "skipped"]),
            ("mismatch,ambiguous", ExitCode.CITATION_WRONG, ["failure", "failure"]),
            (" Mismatch , AMBIGUOUS", ExitCode.CITATION_WRONG, ["failure", "failure"]),  # (case
            ("", ExitCode.OK, ["skipped", "skipped"])]:  # and spaces as a shell may give them)
        result = run_verify(["verify", refs, "--fail-on", fail_on, "--junit", junit],
                            server.url, tmp_path, monkeypatch)
        assert result.exit_code == code
        cases = ElementTree.parse(junit).getroot().findall("testcase")
        assert [case[0].tag for case in cases] == verdicts, fail_on


def test_a_correction_alone_fails_no_build_even_when_retractions_do(server, tmp_path,
                                                                      monkeypatch):
    with_notices(server, "10.1038/ng.3834", updated_by=[CORRECTION])
    refs = tmp_path / "refs.txt"
    refs.write_text(RETRACTED_CITATION["text"] + "\n", encoding="utf-8")
    result = run_verify(["verify", refs, "--fail-on", "retracted"], server.url, tmp_path,
                        monkeypatch)
    assert result.exit_code == ExitCode.OK
    assert "    notice: corrected (Correction" in result.stdout
    assert "retracted or withdrawn" not in result.stderr


def test_a_doi_that_is_itself_a_retraction_notice_says_of_which_work(server, tmp_path):
    """A post that cites the notice's DOI for the paper (the notice is a work of its own)."""
    with_notices(server, "10.1038/ng.3834", update_to=[{**RETRACTION, "DOI": "10.1038/ng.1"}])
    result = Verifier(client_for(server.url, tmp_path)).verify("10.1038/ng.3834")
    assert [describe(n) for n in result.notices] == [
        "the DOI cited is the Retraction notice of 10.1038/ng.1 (2021-03-04, publisher)"]


def test_ingest_verify_names_a_citation_of_a_retracted_work(server, tmp_path, monkeypatch):
    with_notices(server, "10.1038/ng.3834", updated_by=[RETRACTION])
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 结构变异\n---\n\n参考文献\n\n" + RETRACTED_CITATION["text"]
                    + "\n", encoding="utf-8")
    result = run_verify(["ingest", post, "--archive", tmp_path / "archive", "--no-fetch",
                         "--verify"], server.url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.OK
    assert ("  retracted (Retraction 10.1038/s41588-099-0001-x, 2021-03-04, publisher): "
            "Chiang, Colby, et al.") in result.stderr


def test_a_doi_naming_another_work_carries_none_of_that_works_notices(server, tmp_path):
    """The record compared is not the work cited: its retraction is not the citation's."""
    with_notices(server, "10.1038/ng.3834", updated_by=[RETRACTION])
    other = next(c for c in CASES if c["expect"] == "verified" and c["doi"]
                 and "ng.3834" not in c["doi"] and c["type"] == "journal-article")
    text = other["text"].replace(other["doi"], "10.1038/ng.3834")
    result = Verifier(client_for(server.url, tmp_path)).verify(text)
    assert result.status == "mismatch" and result.fields["doi"].match is False
    assert result.notices == []


def test_verify_command_report_junit_and_exit_codes(server, tmp_path, monkeypatch):
    right = next(c for c in CASES if c["expect"] == "verified" and c["doi"])
    wrong = next(c for c in CASES if c["expect"] == "mismatch" and c["doi"])
    refs = tmp_path / "refs.txt"
    refs.write_text("# checked weekly\nReferences:\n" + right["text"] + "\n\n参考文献\n"
                    + wrong["text"] + "\n", encoding="utf-8")
    junit = tmp_path / "verify.xml"
    result = run_verify(["verify", refs, "--json", "--junit", junit], server.url, tmp_path,
                        monkeypatch)
    assert result.exit_code == ExitCode.CITATION_WRONG
    document = json.loads(result.stdout)
    assert schema.errors("verify-report", document) == []
    # comments and headings are no citations; each citation is located by its line
    assert [(c["status"], c["location"]) for c in document["citations"]] == [
        ("verified", f"{refs}:3"), ("mismatch", f"{refs}:6")]
    assert document["summary"]["mismatch"] == 1
    suite = ElementTree.parse(junit).getroot()
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    only_right = tmp_path / "right.txt"
    only_right.write_text(right["text"] + "\n", encoding="utf-8")
    ok = run_verify(["verify", only_right], server.url, tmp_path, monkeypatch)
    assert ok.exit_code == ExitCode.OK and ok.stdout.startswith("verified")
    monkeypatch.setenv("ARCHIVER_CROSSREF_URL", server.url)
    piped = CliRunner().invoke(app, ["verify", "-", "--json"], input=wrong["text"] + "\n")
    assert piped.exit_code == ExitCode.CITATION_WRONG
    assert json.loads(piped.stdout)["citations"][0]["location"] == "-:1"


def test_a_title_an_editor_marked_is_checked_as_the_citation_prints_it(server, tmp_path,
                                                                        monkeypatch):
    """Labelled cases with their title put in Chinese book-title marks, or in Markdown bold,
    as a post's editor marks one, or with the journal's impact factor after it: the right one
    stays verified (its journal was read as "》[J]. EFSA J", its pages as "5.2"), the wrong
    year is still found, and nothing else (it went unread after "“《")."""
    right, wrong = (next(c for c in CASES if c["id"] == i) for i in ("dev-0013", "dev-0036"))
    refs = tmp_path / "refs.txt"
    refs.write_text("\n".join([
        right["text"].replace("Scientific", "《Scientific").replace("catechins", "catechins》"),
        right["text"].replace("Scientific", "**Scientific").replace("catechins", "catechins**"),
        wrong["text"].replace("“River", "“《River").replace("public.”", "public》.”"),
        wrong["text"].replace("“River", "“**River").replace("public.”", "public**.”"),
        right["text"].replace("EFSA J.", "EFSA J. (IF: 5.2)"),
        wrong["text"].replace("Plos One", "Plos One（IF=3.7）")]) + "\n", encoding="utf-8")
    result = run_verify(["verify", refs, "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [c["status"] for c in citations] == ["verified", "verified", "mismatch", "mismatch",
                                                "verified", "mismatch"]
    assert [sorted(k for k, v in c["fields"].items() if v["match"] is False)
            for c in citations[2:4] + citations[5:]] == [["year"]] * 3


def test_the_text_report_reads_as_a_person_writes_it(server, tmp_path, monkeypatch):
    # real citations, wrong on purpose, of a recorded work (Ralser et al., PLoS ONE 2006: five
    # authors), and a DOI no one registered
    refs = tmp_path / "refs.txt"
    refs.write_text("# to check\n"
                    "Ralser M, Heeren G, Breitenbach M, Lehrach H. Triose phosphate isomerase "
                    "deficiency is caused by altered dimerization--not catalytic inactivity--of "
                    "the mutant enzymes. PLoS One. 2007;1(1):e30. "
                    "doi:10.1371/journal.pone.0000030\n"
                    "Someone A. A made up paper. doi:10.1371/notarealdoi\n", encoding="utf-8")
    result = run_verify(["verify", "refs.txt"], server.url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.CITATION_WRONG
    # each citation says where it is (file:line, as --json does), cut between two words with
    # " …"; values are quoted as a person writes them, Crossref's authors joined with ", ";
    # a side with no value is left out; each reason is given once
    assert result.stdout.splitlines() == [
        "mismatch   refs.txt:2  Ralser M, Heeren G, Breitenbach M, Lehrach H. Triose phosphate "
        "isomerase deficiency is caused by …",
        "    author: cited “Ralser M, Heeren G, Breitenbach M, Lehrach H”, Crossref “ralser, "
        "heeren, breitenbach, lehrach, krobitsch” — 'krobitsch' (author 5 of 5) is not in the "
        "citation and it does not say et al.",
        "    year: cited “2007”, Crossref “2006” — 2007 is none of Crossref's years (2006)",
        "not_found  refs.txt:3  Someone A. A made up paper. doi:10.1371/notarealdoi",
        "    doi: cited “10.1371/notarealdoi” — Crossref has no record of this DOI (404)"]


def test_a_bibtex_entry_on_one_line_is_read_as_its_bib_file_entry_would_be(
        server, tmp_path, monkeypatch):
    """Pasted into a list of references (or a post), "@article{…, author = {…}, …}" was read
    as prose: its "author = {" part was the authors, blamed whatever the entry said. It is
    read as a .bib file's entry is, and reported as written. (Recorded work: Gross &
    Wilkens, Heredity 111(2), 2013; the second entry cites issue 3.)"""
    entry = ("@article{gross2013, author = {Gross, J B and Wilkens, H}, title = {Albinism in "
             "phylogenetically and geographically distinct populations of Astyanax cavefish "
             "arises through the same loss-of-function Oca2 allele}, journal = {Heredity}, "
             "volume = {111}, number = {%s}, pages = {122--130}, year = {2013}%s}")
    refs = tmp_path / "refs.txt"
    refs.write_text(entry % (2, "") + "\n" + entry % (3, ", doi = {10.1038/hdy.2013.26}")
                    + "\n", encoding="utf-8")
    result = run_verify(["verify", "refs.txt", "--json"], server.url, tmp_path, monkeypatch)
    first, second = json.loads(result.stdout)["citations"]
    assert first["status"] == "verified" and first["text"].startswith("@article{gross2013")
    assert second["status"] == "mismatch"
    assert [f for f, c in second["fields"].items() if c["match"] is False] == ["issue"]

# Gross & Wilkens, Heredity 111(2), 2013 (recorded: 10.1038/hdy.2013.26), as a reference
# manager copies it: one field a line; the title's value, quoted, goes over two lines
GROSS_ENTRY = """@article{gross2013,
  author = {Gross, J B and Wilkens, H},
  title = "Albinism in phylogenetically and geographically distinct populations of
           Astyanax cavefish arises through the same loss-of-function {Oca2} allele",
  journal = {Heredity},
  volume = {111},
  number = {%s},
  pages = {122--130},
  year = {2013}%s
}"""


def test_a_bibtex_entry_over_several_lines_is_one_citation_reported_as_written(
        server, tmp_path, monkeypatch):
    """Pasted as a reference manager copies it, an entry's lines were each a citation: ten
    "ambiguous" lines and one bare DOI, whatever the entry said. The lines are one
    citation, read as the same entry on one line is, placed at its first line and reported
    with its line breaks, as written. (The second entry cites issue 3.)"""
    right = GROSS_ENTRY % (2, "")
    wrong = GROSS_ENTRY % (3, ",\n  doi = {10.1038/hdy.2013.26}")
    refs = tmp_path / "refs.txt"
    refs.write_text(right + "\n\n" + wrong + "\n", encoding="utf-8")
    result = run_verify(["verify", "refs.txt", "--json"], server.url, tmp_path, monkeypatch)
    first, second = json.loads(result.stdout)["citations"]
    assert (first["text"], first["location"], first["status"]) == (
        right, "refs.txt:1", "verified")
    assert (second["text"], second["location"], second["status"]) == (
        wrong, f"refs.txt:{right.count(chr(10)) + 3}", "mismatch")
    assert [f for f, c in second["fields"].items() if c["match"] is False] == ["issue"]
    text = run_verify(["verify", "refs.txt"], server.url, tmp_path, monkeypatch)
    assert text.stdout.splitlines()[0].startswith(  # the report's line is one line
        "verified   refs.txt:1   @article{gross2013, author = {Gross, J B and Wilkens, H}, ")


def test_numbered_labelled_or_fenced_bibtex_entries_are_each_one_citation(
        server, tmp_path, monkeypatch):
    """A list number or a label before "@article{" ("[1] ", "2. ", "Source: ") kept the
    entry from being read as one, on one line as on several; a Markdown code fence around
    entries pasted into a .txt is no citation, and the entries one after another in it are
    one each."""
    one_line = " ".join(line.strip() for line in (GROSS_ENTRY % (2, "")).splitlines())
    refs = tmp_path / "refs.txt"
    refs.write_text("```bibtex\n[1] " + GROSS_ENTRY % (2, "") + "\n" + GROSS_ENTRY % (3, "")
                    + "\n```\n2. " + one_line + "\nSource: " + GROSS_ENTRY % (2, "") + "\n",
                    encoding="utf-8")
    result = run_verify(["verify", "refs.txt", "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [(c["location"], c["status"]) for c in citations] == [
        ("refs.txt:2", "verified"), ("refs.txt:12", "mismatch"), ("refs.txt:23", "verified"),
        ("refs.txt:24", "verified")]
    assert citations[0]["text"].startswith("[1] @article{gross2013,\n  author = ")
    assert citations[3]["text"] == GROSS_ENTRY % (2, "")  # the label goes, as on one line


def test_a_references_file_is_numbered_by_its_newlines_alone():
    """A form feed or line separator inside a line (a reference over a PDF's page break) is
    a space in it: the next reference is on the line an editor shows it on."""
    first, second = CASES[0]["text"], CASES[1]["text"]
    cut = first.index(" ", 40)
    text = f"{first[:cut]}\x0c{first[cut + 1:]}\n{second[:30]}\u2028{second[31:]}\n"
    assert split_reference_lines(text) == [
        (1, first), (2, f"{second[:30]} {second[31:]}")]


def test_a_bibtex_entry_never_closed_leaves_the_lines_after_it_alone():
    """An entry whose closing brace was lost in the copy is not gathered: it would take the
    references after it (and the next entry) with it. Its lines are read one by one, as
    before, and what follows is read as ever."""
    reference = CASES[0]["text"]
    text = ("@article{lost,\n  author = {Gross, J B},\n  title = {Albinism},\n" + reference
            + "\n\n" + GROSS_ENTRY % (2, "") + "\n")
    lines = split_reference_lines(text)
    assert lines[:4] == [(1, "@article{lost,"), (2, "author = {Gross, J B},"),
                         (3, "title = {Albinism},"), (4, reference)]
    assert lines[4:] == [(6, GROSS_ENTRY % (2, ""))]


def test_a_bibtex_entry_in_a_posts_code_fence_is_one_citation(server, tmp_path, monkeypatch):
    """A post that pastes its references as BibTeX in a ```bibtex fence, after prose and no
    reference heading: each entry is a citation (the fence's short first line ended the
    section, and the lines were no references at all), placed at the fence's block."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Cavefish albinism\n---\n\n# Cavefish albinism\n\n"
                    "Blind cavefish lost their colour more than once.\n\n## References\n\n"
                    "```bibtex\n" + GROSS_ENTRY % (2, "") + "\n\n" + GROSS_ENTRY % (3, "")
                    + "\n```\n", encoding="utf-8")
    result = run_verify(["verify", "post.md", "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [(c["text"], c["location"], c["status"]) for c in citations] == [
        # blocks: prose, heading, fence (the title repeated as a heading is no body)
        (GROSS_ENTRY % (2, ""), "post.md#blocks/2", "verified"),
        (GROSS_ENTRY % (3, ""), "post.md#blocks/2", "mismatch")]
    assert result.exit_code == ExitCode.CITATION_WRONG


def test_a_reference_list_markdown_made_one_paragraph_is_read_entry_by_entry(
        server, tmp_path, monkeypatch):
    """A Markdown post whose reference list has no blank line between its entries: Markdown
    makes the list one paragraph, one line in the record. Each entry is still a citation,
    checked field by field (the wrong volume of the second is found; it has no DOI, and was
    lost whole), not only the DOIs on the line, checked bare."""
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: 结构变异与基因表达\n---\n\n正文。研究表明这很重要[1]。\n\n参考文献：\n"
        "[1] Chiang, C., Scott, A. J., Davis, J. R., Tsang, E. K., Li, X., Kim, Y., et al.\n"
        "(2017). The impact of structural variation on human gene expression. Nature\n"
        "Genetics, 49(5), 692–699. https://doi.org/10.1038/ng.3834\n"
        "[2] Ralser, M., Heeren, G., Breitenbach, M., Lehrach, H., & Krobitsch, S. (2006).\n"
        "Triose phosphate isomerase deficiency is caused by altered dimerization–not\n"
        "catalytic inactivity–of the mutant enzymes. PLoS ONE, 2(1), e30.\n"
        "[3] Myers, C. L., Barrett, D. R., Hibbs, M. A., Huttenhower, C., & Troyanskaya, O.\n"
        "G. (2006). Finding function: evaluation methods for functional genomic data. BMC\n"
        "Genomics, 7, 187. https://doi.org/10.1186/1471-2164-7-187\n", encoding="utf-8")
    result = run_verify(["verify", "post.md", "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [(c["text"][:12], c["location"], c["status"]) for c in citations] == [
        ("[1] Chiang, ", "post.md#blocks/1", "verified"),
        ("[2] Ralser, ", "post.md#blocks/1", "mismatch"),
        ("[3] Myers, C", "post.md#blocks/1", "verified")]
    assert [name for name, field in citations[1]["fields"].items()
            if field["match"] is False] == ["volume"]
    assert result.exit_code == ExitCode.CITATION_WRONG


LINKED_LIST = (
    "---\ntitle: 德尔菲法与结构变异\n---\n\n正文。\n\n参考文献：\n\n"
    "1. Boulkedid R, Abdoul H, Loustau M, Sibony O, Alberti C. Using and reporting the Delphi "
    "method for selecting healthcare quality indicators: a systematic review. PLoS One. "
    "2011;6(6):e20476. [[DOI](https://doi.org/{first})] [[PubMed](https://pubmed.ncbi.nlm.nih"
    ".gov/21694759)]\n"
    "2. Chiang C, Scott AJ, Davis JR, et al. [The impact of structural variation on human gene "
    "expression](https://doi.org/{second}). Nat Genet. 2017;49(5):692-699.\n")


@pytest.mark.parametrize(("first", "second", "statuses"), [
    ("10.1371/journal.pone.0020476", "10.1038/ng.3834", ["verified", "verified"]),
    ("10.1038/ng.3834", "10.1371/journal.pone.0020476", ["mismatch", "mismatch"])])
def test_a_doi_given_only_as_a_link_is_checked_with_the_reference_it_is_in(
        server, tmp_path, monkeypatch, first, second, statuses):
    """A reference whose DOI is a link (``[DOI](https://doi.org/…)``, a linked title) cites
    the work the link names: two links swapped are two wrong DOIs. Read apart, each link was
    a DOI that exists and each reference one a search found: all passed."""
    post = tmp_path / "post.md"
    post.write_text(LINKED_LIST.format(first=first, second=second), encoding="utf-8")
    result = run_verify(["verify", "post.md", "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [(c["location"], c["doi"], c["status"]) for c in citations] == [
        ("post.md#blocks/2/items/0", first, statuses[0]),
        ("post.md#blocks/2/items/1", second, statuses[1])]
    if statuses[0] == "mismatch":
        assert all(c["fields"]["doi"]["match"] is False for c in citations)


def test_links_not_as_many_as_the_references_beside_them_are_checked_alone(
        server, tmp_path, monkeypatch):
    """A paragraph of two references and one DOI link: which reference it belongs to is not
    known (a link's place is its block, not its line), so the DOI is checked alone."""
    post = tmp_path / "post.md"
    entries = LINKED_LIST.format(first="10.1038/ng.3834", second="x").split("\n")
    post.write_text("\n".join(entries[:-3]) + "\n\n" + entries[-3][3:] + "  \n"
                    + entries[-2][3:].replace("(https://doi.org/x)", "") + "\n",
                    encoding="utf-8")
    result = run_verify(["verify", "post.md", "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [(c["location"], c["doi"], c["status"]) for c in citations] == [
        ("post.md#blocks/2", None, "verified"), ("post.md#blocks/2", None, "verified"),
        ("post.md#blocks/2", "10.1038/ng.3834", "verified")]
    assert citations[2]["text"] == "10.1038/ng.3834"


def test_links_in_a_paragraph_of_several_references_are_checked_alone(
        server, tmp_path, monkeypatch):
    """References a line each in one paragraph, each with its DOI link, and the paper's link
    on a line of its own, after a figure linked to one of them: the links of a paragraph
    cannot be told to their lines, so none is bound (pairing them in the post's order of
    first mention bound the two correct references to each other's DOI, and would bind the
    paper's link to the first reference)."""
    entries = LINKED_LIST.format(first="10.1371/journal.pone.0020476",
                                 second="10.1038/ng.3834").split("\n")
    post = tmp_path / "post.md"
    post.write_text("\n".join(entries[:-3]) + "\n\n"
                    "[![图1](images/fig1.png)](https://doi.org/10.1038/ng.3834)\n\n"
                    + entries[-3][3:] + "  \n" + entries[-2][3:] + "  \n"
                    "原文链接：[论文](https://doi.org/10.1038/ng.3834)\n", encoding="utf-8")
    result = run_verify(["verify", "post.md", "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [(c["doi"], c["status"]) for c in citations] == [
        (None, "verified"), (None, "verified"),
        ("10.1038/ng.3834", "verified"), ("10.1371/journal.pone.0020476", "verified")]
    assert result.exit_code == ExitCode.OK


def test_a_groups_label_over_a_nested_list_of_references_is_no_part_of_them(
        server, tmp_path, monkeypatch):
    """References grouped under labels ("- Genetics:" with the references in a list nested
    under it): the item's lines were read as one entry, the label as the first author's
    name, and a correct citation failed the build."""
    entries = LINKED_LIST.format(first="x", second="x").split("\n")
    boulkedid = entries[-3][3:].split(" [[DOI]")[0]
    chiang = entries[-2][3:].replace("[", "").split("](")[0] + ". Nat Genet. 2017;49(5):692-699."
    post = tmp_path / "post.md"
    post.write_text("\n".join(entries[:-3]) + "\n\n- Genetics:\n  - " + chiang + "\n- Methods:\n"
                    "  - " + boulkedid + "\n", encoding="utf-8")
    result = run_verify(["verify", "post.md", "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [(c["text"][:10], c["status"]) for c in citations] == [
        ("Chiang C, ", "verified"), ("Boulkedid ", "verified")]
    assert result.exit_code == ExitCode.OK


@pytest.mark.parametrize(("doi", "status"), [("10.1038/ng.3834", "verified"),
                                            ("10.1371/journal.pone.0020476", "mismatch")])
@pytest.mark.parametrize("written", [
    "   - DOI: {doi}\n",  # a DOI on a line of a list nested under the reference
    "   - [DOI](https://doi.org/{doi})\n",  # ... as a link there
    # ... as PubMed prints it, with the Epub date and the PubMed numbers after it
    "   - doi: {doi}. Epub 2017 Mar 27. PMID: 28346445; PMCID: PMC5576307.\n",
    # ... as PubMed Central's list links it, and as MDPI writes an address
    "   - [DOI](https://doi.org/{doi}) [PMC free article](https://example.org/p) [PubMed]\n",
    "   - Available online: https://doi.org/{doi} (accessed on 1 May 2020)\n",
])
def test_a_doi_in_a_list_nested_under_its_reference_is_checked_with_it(
        server, tmp_path, monkeypatch, doi, status, written):
    """A nested list is a block of its own after its item: its DOI line is still read as a
    line of the item, so that the reference is checked against the DOI under it (apart, the
    DOI passed as existing and the reference as one a search finds)."""
    entries = LINKED_LIST.format(first="x", second="x").split("\n")
    chiang = entries[-2][3:].replace("[", "").split("](")[0] + ". Nat Genet. 2017;49(5):692-699."
    post = tmp_path / "post.md"
    post.write_text("\n".join(entries[:-3]) + "\n\n1. " + chiang + "\n"
                    + written.format(doi=doi), encoding="utf-8")
    result = run_verify(["verify", "post.md", "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [(c["text"][:10], c["status"]) for c in citations] == [("Chiang C, ", status)]
    assert doi in citations[0]["text"] or doi == citations[0].get("doi")


@pytest.mark.parametrize(("first", "second", "statuses"), [
    ("10.1371/journal.pone.0020476", "10.1038/ng.3834", ["verified", "verified"]),
    ("10.1038/ng.3834", "10.1371/journal.pone.0020476", ["mismatch", "mismatch"])])
def test_references_nested_under_a_label_each_with_its_doi_nested_under_it_are_each_one(
        server, tmp_path, monkeypatch, first, second, statuses):
    """A group's label, the references nested under it, and under each its DOI's link: each
    reference is an entry in its own place, checked against the DOI under it (read as one
    entry, the label became a name and a right DOI a false alarm; swapped, they passed)."""
    entries = LINKED_LIST.format(first="x", second="x").split("\n")
    boulkedid = entries[-3][3:].split(" [[DOI]")[0]
    chiang = entries[-2][3:].replace("[", "").split("](")[0] + ". Nat Genet. 2017;49(5):692-699."
    post = tmp_path / "post.md"
    post.write_text("\n".join(entries[:-3]) + "\n\n- 方法学：\n"
                    f"  1. {boulkedid}\n     - [DOI](https://doi.org/{first})\n"
                    f"  2. {chiang}\n     - [DOI](https://doi.org/{second})\n",
                    encoding="utf-8")
    result = run_verify(["verify", "post.md", "--json"], server.url, tmp_path, monkeypatch)
    citations = json.loads(result.stdout)["citations"]
    assert [(c["text"][:10], c["status"]) for c in citations] == [
        ("Boulkedid ", statuses[0]), ("Chiang C, ", statuses[1])]
    assert [c["location"].rsplit("#", 1)[1] for c in citations] == [  # (the nested list
        "blocks/3/items/0", "blocks/5/items/0"]  # goes on after the DOI's, numbering on)


def test_ingest_verify_names_a_wrong_bibtex_entry_on_one_line(server, tmp_path, monkeypatch):
    """``ingest --verify`` names each wrong citation on a line of its own; an entry written
    over several lines printed its line breaks there, its fields looking like other lines."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Cavefish albinism\n---\n\n# Cavefish albinism\n\n```bibtex\n"
                    + GROSS_ENTRY % (3, "") + "\n```\n", encoding="utf-8")
    result = run_verify(["ingest", post, "--archive", tmp_path / "archive", "--no-fetch",
                         "--verify"], server.url, tmp_path, monkeypatch)
    [named] = [line for line in result.stderr.splitlines() if "mismatch:" in line]
    assert named.startswith("  mismatch: @article{gross2013, author = {Gross, J B and Wilkens")
    assert named.endswith("differs from Crossref: issue (issue 3 ≠ 2))")



def test_the_junit_report_names_a_bibtex_entry_over_several_lines_on_one_line(
        server, tmp_path, monkeypatch):
    """A test case's name is one line, as a CI page lists it: an entry written over several
    lines is named by its words, its line breaks and indents each one space, not cut off
    inside the indent of its third line."""
    refs = tmp_path / "refs.txt"
    refs.write_text(GROSS_ENTRY % (3, "") + "\n", encoding="utf-8")
    result = run_verify(["verify", refs, "--junit", "-"], server.url, tmp_path, monkeypatch)
    [case] = ElementTree.fromstring(result.stdout_bytes).iter("testcase")
    assert case.get("name") == (
        "@article{gross2013, author = {Gross, J B and Wilkens, H}, title = \"Albinism in "
        "phylogenetically …")  # cut between two words, and said so
    assert "\n" not in case.get("name")


def test_a_junit_case_is_named_the_same_in_every_run_and_its_failure_says_each_field(
        server, tmp_path, monkeypatch):
    """A CI page keeps a test's history by its name: a case is named by its citation (the
    same citation twice in one place is numbered), not by its place in the run, which
    changed as posts were added. A failure's body says each wrong field, as the text report
    does."""
    wrong = next(c for c in CASES if c["id"] == "dev-0170")  # a wrong word in the title
    right = next(c for c in CASES if c["expect"] == "verified" and c["doi"])
    first = tmp_path / "first.txt"
    first.write_text(f"{wrong['text']}\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text(f"{right['text']}\n", encoding="utf-8")

    def cases(*files):
        result = run_verify(["verify", *files, "--junit", "-"], server.url, tmp_path,
                            monkeypatch)
        return {(c.get("classname"), c.get("name")): c
                for c in ElementTree.fromstring(result.stdout_bytes).iter("testcase")}

    alone = cases("first.txt")
    together = cases("second.txt", "first.txt")
    assert set(alone) <= set(together) and len(together) == 2
    [name] = [name for _, name in alone]
    assert len(wrong["text"]) > 100 and name.endswith(" …")  # cut between two words
    assert wrong["text"].startswith(name[:-2]) and wrong["text"][len(name) - 2] == " "
    failure = next(iter(alone.values())).find("failure")
    assert failure.text.startswith("title: cited ") and "Crossref" in failure.text


def test_the_same_citation_twice_in_one_place_is_two_junit_cases_numbered():
    from archiver.citations.verify import CitationResult
    from archiver.render import verify_junit
    results = [CitationResult("Smith J. A title. 2020.", None, "verified", location="blocks/3"),
               CitationResult("Smith J. A title. 2020.", None, "verified", location="blocks/3"),
               CitationResult("Smith J. A title. 2020.", None, "verified", location="blocks/4")]
    suite = ElementTree.fromstring(verify_junit(results, ["post.md"] * 3))
    assert [(c.get("classname"), c.get("name")) for c in suite.iter("testcase")] == [
        ("post.md blocks/3", "Smith J. A title. 2020."),
        ("post.md blocks/3", "Smith J. A title. 2020. (2)"),
        ("post.md blocks/4", "Smith J. A title. 2020.")]


def test_the_text_report_prints_crossref_values_on_one_line(server, tmp_path, monkeypatch):
    """Crossref's title of 10.1098/rspb.2017.0132 holds a line break and an indent (kept in
    --json, as recorded); the text report prints it with one space, on the field's line."""
    [case] = [c for c in CASES if c["id"] == "dev-0170"]  # a wrong word in the title
    refs = tmp_path / "refs.txt"
    refs.write_text(case["text"] + "\n", encoding="utf-8")
    result = run_verify(["verify", "refs.txt"], server.url, tmp_path, monkeypatch)
    [title] = [line for line in result.stdout.splitlines() if line.startswith("    title:")]
    assert ("Crossref “Sexual conflict and correlated evolution between male persistence and "
            "female resistance traits in the seed beetle Callosobruchus maculatus”") in title
    raw = run_verify(["verify", "refs.txt", "--json"], server.url, tmp_path, monkeypatch)
    crossref = json.loads(raw.stdout)["citations"][0]["fields"]["title"]["crossref"]
    assert "beetle\n            Callosobruchus" in crossref


def test_a_long_citation_is_cut_between_words_and_says_so():
    latin = CASES[0]["text"]
    assert cell_len(latin) > CITATION_WIDTH
    short = shorten(latin)
    assert short.endswith(" …") and cell_len(short) <= CITATION_WIDTH
    kept = short.removesuffix(" …")
    assert latin.startswith(kept) and latin[len(kept)].isspace()
    assert len(kept) > CITATION_WIDTH // 2
    # Chinese has no spaces: cut between two characters, each two cells wide
    chinese = ("袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口[J]. "
               "科学通报, 2012, 57 (34): 3219.")  # tests/fixtures/references/examples.jsonl
    assert shorten(chinese, 50) == "袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多…"
    for width in range(20, cell_len(chinese)):
        cut = shorten(chinese, width)
        assert cell_len(cut) <= width and chinese.startswith(cut.removesuffix("…").rstrip())
    url = "https://example.org/" + "a" * 200  # one word longer than the line: cut inside it
    assert shorten(url).startswith("https://example.org/aaa") and shorten(url).endswith(" …")
    assert shorten("Short. 2020.") == "Short. 2020."


def test_verify_a_folder_of_posts_as_the_ci_recipe_does(server, tmp_path, monkeypatch):
    posts = tmp_path / "posts"
    (posts / "2020").mkdir(parents=True)
    (posts / "2020" / SEED.name).write_bytes(SEED.read_bytes())
    (posts / "README.txt").write_text("not a post\n", encoding="utf-8")
    # a repository's README.md is passed over, as ingest skips it, not bad input (exit 4)
    (posts / "README.md").write_text("# My posts\n\nNotes on the archive.\n", encoding="utf-8")
    result = run_verify(["verify", posts, "--json"], server.url, tmp_path, monkeypatch)
    document = json.loads(result.stdout)
    assert result.exit_code == ExitCode.CITATION_WRONG  # the seed's DOI: unknown here
    assert [(c["doi"], c["status"]) for c in document["citations"]] == [
        ("10.1093/ia/iiaa061", "not_found")]
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("# notes\n", encoding="utf-8")
    nothing = run_verify(["verify", empty], server.url, tmp_path, monkeypatch)
    assert nothing.exit_code == ExitCode.USAGE and "no saved posts in this folder" in nothing.stderr


def test_a_mistyped_file_name_is_a_missing_file_even_beside_an_archive(server, tmp_path,
                                                                       monkeypatch):
    archive = tmp_path / "archive"
    run_verify(["ingest", SEED, "--archive", archive, "--no-fetch"], server.url, tmp_path,
               monkeypatch)
    result = run_verify(["verify", "nosuch.txt", "--archive", archive], server.url, tmp_path,
                        monkeypatch)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "nosuch.txt" in result.stderr and "no such file" in result.stderr


def test_a_name_that_is_neither_a_post_nor_a_file_says_it_was_looked_for_as_both(
        server, tmp_path, monkeypatch):
    """``verify posts``, a folder's name mistyped, said only that no post has that id."""
    archive = tmp_path / "archive"
    run_verify(["ingest", SEED, "--archive", archive, "--no-fetch"], server.url, tmp_path,
               monkeypatch)
    result = run_verify(["verify", "posts", "--archive", archive], server.url, tmp_path,
                        monkeypatch)
    assert result.exit_code == ExitCode.USAGE  # an id may be written so too: `t/ebfae…`
    assert "no post with id 'posts' in the archive" in result.stderr
    assert "hint: no file or folder is named 'posts' either; `archiver list` shows the ids" \
        in result.stderr


def test_one_unreadable_file_does_not_hide_the_others(server, tmp_path, monkeypatch):
    wrong = next(c for c in CASES if c["expect"] == "mismatch" and c["doi"])
    refs = tmp_path / "refs.txt"
    refs.write_text(wrong["text"] + "\n", encoding="utf-8")
    bad = tmp_path / "bad.bib"
    bad.write_text("@article{x,\n  title = {unterminated\n", encoding="utf-8")
    junit = tmp_path / "verify.xml"
    result = run_verify(["verify", bad, refs, "--json", "--junit", junit], server.url,
                        tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.CITATION_WRONG  # 1 wins over 4, as README says
    document = json.loads(result.stdout)
    assert [c["status"] for c in document["citations"]] == ["mismatch"]
    # the reports a CI job keeps say which input could not be read, and why
    schema.validate("verify-report", document)
    assert [(e["input"], e["message"]) for e in document["errors"]] == [
        (str(bad), "no BibTeX entries could be read")]
    suite = ElementTree.parse(junit).getroot()
    assert (suite.get("tests"), suite.get("errors"), suite.get("failures")) == ("2", "1", "1")
    assert suite.find("testcase[@classname='" + str(bad) + "']/error") is not None
    assert "bad.bib: no BibTeX entries could be read" in result.stderr
    assert "line 1" in result.stderr and "Unknown block type" not in result.stderr
    alone = run_verify(["verify", bad], server.url, tmp_path, monkeypatch)
    assert alone.exit_code == ExitCode.BAD_INPUT


@pytest.mark.parametrize("name", ["refs.txt", "refs.bib"])
def test_an_empty_reference_file_holds_no_citation_whatever_its_kind(tmp_path, monkeypatch,
                                                                     name):
    (tmp_path / name).write_text("\n", encoding="utf-8")
    result = run_verify(["verify", name, "--offline"], closed_port_url(), tmp_path,
                        monkeypatch)
    assert (result.exit_code, result.stderr.strip()) == (0, "no citations found")


def test_a_bib_file_with_no_entry_is_bad_input_not_no_citations(tmp_path, monkeypatch):
    bad = tmp_path / "bad.bib"
    bad.write_text("garbage {{{\n", encoding="utf-8")  # as a user tried it
    result = run_verify(["verify", "bad.bib", "--offline"], closed_port_url(), tmp_path,
                        monkeypatch)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.splitlines()[:2] == [
        "archiver: error: bad.bib: no BibTeX entries in this file",
        "  hint: line 1 is outside any entry, and BibTeX skips it as a comment; an entry reads "
        "@article{key, author = {…}, title = {…}, …}"]


def test_a_crossref_url_that_is_no_url_is_a_usage_error_not_an_outage(tmp_path, monkeypatch):
    refs = tmp_path / "refs.txt"
    refs.write_text("10.1038/ng.3834\n", encoding="utf-8")
    for url in ("notaurl", "ftp://api.crossref.org", "http://"):
        result = run_verify(["verify", refs], url, tmp_path, monkeypatch)
        assert result.exit_code == ExitCode.USAGE, url
        assert "setting 'crossref_url' is " in result.stderr
        assert "it must be an http or https URL with a host name" in result.stderr


def test_verify_command_without_crossref_exits_3(tmp_path, monkeypatch):
    refs = tmp_path / "refs.txt"
    refs.write_text(CASES[1]["text"] + "\n", encoding="utf-8")
    url = closed_port_url()
    result = run_verify(["verify", refs, "--json"], url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.UNCHECKED
    assert json.loads(result.stdout)["citations"][0]["status"] == "unresolved"
    # and the summary says why, once, under the counts
    result = run_verify(["verify", refs], url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.UNCHECKED
    counts, why = result.stderr.splitlines()[-2:]
    assert counts == "1 unresolved"
    assert "" not in result.stderr.splitlines()  # no progress bar's line end in a log
    assert why.startswith("1 citation(s) not checked (neither verified nor wrong); all: "
                          f"Crossref unreachable at {url}: ConnectError")


def test_verdicts_from_the_cache_are_said_to_be_when_crossref_is_out_of_reach(
        tmp_path, monkeypatch):
    """Crossref answered one citation in an earlier run, then went out of reach: that verdict
    stands on the cached answer, which the log says beside the one left unchecked."""
    right = [c for c in CASES if c.get("doi") and c["expect"] == "verified"]
    first = right[0]
    second = next(c for c in right if c["doi"] != first["doi"])
    refs = tmp_path / "refs.txt"
    refs.write_text(first["text"] + "\n", encoding="utf-8")
    with CrossrefServer() as running:
        url = running.url
        assert run_verify(["verify", refs], url, tmp_path, monkeypatch).exit_code == 0
    refs.write_text(first["text"] + "\n" + second["text"] + "\n", encoding="utf-8")
    result = run_verify(["verify", refs], url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.UNCHECKED
    assert result.stdout.splitlines()[0].startswith("verified")
    last = result.stderr.splitlines()[-1]
    assert re.fullmatch(r"1 verdict\(s\) given rest on Crossref's answers cached by an earlier "
                        r"run, fetched \d{4}-\d\d-\d\d", last), last


def test_a_doi_cited_twice_is_not_said_to_rest_on_an_earlier_runs_answer(tmp_path,
                                                                         monkeypatch):
    """The second citation of a DOI is answered from the cache this run just filled: that is
    this run's answer. (The reply that is not JSON, leaving the other citation unresolved, is
    SYNTHETIC.)"""
    right = [c for c in CASES if c.get("doi") and c["expect"] == "verified"]
    first = right[0]
    second = next(c for c in right if c["doi"] != first["doi"])
    refs = tmp_path / "refs.txt"
    refs.write_text("\n".join([first["text"], first["text"], second["text"]]) + "\n",
                    encoding="utf-8")
    with CrossrefServer() as running:
        running.faults[second["doi"]] = ["not-json"]
        result = run_verify(["verify", refs], running.url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.UNCHECKED
    assert [line.split()[0] for line in result.stdout.splitlines()
            if not line.startswith(" ")] == ["verified", "verified", "unresolved"]
    assert "cached by an earlier run" not in result.stderr


def test_a_server_that_is_not_crossrefs_api_leaves_citations_unresolved(tmp_path, monkeypatch):
    """A mistyped --crossref-url (here a plain file server, whose 404 is an HTML page, not
    Crossref's "Resource not found.") says nothing about the posts' DOIs: exit 3, not 1."""
    import functools
    import http.server
    (tmp_path / "site").mkdir()
    files = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "site")))
    threading.Thread(target=files.serve_forever, daemon=True).start()
    try:
        refs = tmp_path / "refs.txt"
        refs.write_text(CASES[1]["text"] + "\n", encoding="utf-8")
        result = run_verify(["verify", refs, "--json"],
                            f"http://127.0.0.1:{files.server_address[1]}", tmp_path, monkeypatch)
    finally:
        files.shutdown()
        files.server_close()
    assert result.exit_code == ExitCode.UNCHECKED
    [citation] = json.loads(result.stdout)["citations"]
    assert citation["status"] == "unresolved"
    assert "is not Crossref's API (404" in citation["reason"]


def test_crossrefs_server_under_a_wrong_path_leaves_citations_unresolved_not_not_found(
        server, tmp_path, monkeypatch):
    """Under a wrong path (`…/api`: a mirror's prefix left out, or one added), a server that
    speaks Crossref's API answers every route with the 404 Crossref gives a DOI it has no
    record of. Its list of works (`/works`) is not found either, so the DOIs are not called
    wrong: unresolved, the reason naming the URL to correct, exit 3. The same server at the
    right URL finds the same DOI not found (exit 1) and verifies the others."""
    known = next(c for c in CASES if c.get("doi") and c["expect"] == "verified")
    missing = next(c for c in CASES if c["expect"] == "not_found")
    searched = next(c for c in CASES if not c.get("doi") and c["expect"] == "verified")
    refs = tmp_path / "refs.txt"
    for wanted in ([missing, known, searched], [searched]):  # a search alone too
        refs.write_text("\n".join(c["text"] for c in wanted) + "\n", encoding="utf-8")
        result = run_verify(["verify", refs, "--json"], f"{server.url}/api", tmp_path,
                            monkeypatch)
        assert result.exit_code == ExitCode.UNCHECKED, result.output
        citations = json.loads(result.stdout)["citations"]
        assert [c["status"] for c in citations] == ["unresolved"] * len(wanted)
        assert all("does not answer as Crossref's REST API" in c["reason"]
                   and f"{server.url}/api/works" in c["reason"] for c in citations)
    refs.write_text("\n".join(c["text"] for c in (missing, known, searched)) + "\n",
                    encoding="utf-8")
    right = run_verify(["verify", refs, "--json"], server.url, tmp_path, monkeypatch)
    assert right.exit_code == ExitCode.CITATION_WRONG
    assert [c["status"] for c in json.loads(right.stdout)["citations"]] == \
        ["not_found", "verified", "verified"]


def test_the_list_of_works_is_asked_for_once_a_run_even_when_it_does_not_answer(server,
                                                                                 tmp_path):
    """SYNTHETIC faults: the list of works answers 500 each time. It is asked for once (with
    its retries), not again for every DOI not found, and the 404s stand: nothing says the
    server is not Crossref's."""
    server.faults["search"] = ["500"] * 10
    client = client_for(server.url, tmp_path, retries=1)
    outcomes = [client.work(doi) for doi in ("10.1093/ia/iiaa061", "10.1093/ia/iiaa062")]
    assert [o.status for o in outcomes] == ["not_found", "not_found"]
    assert sum(path.startswith("/works?") for _, path in server.requests) == 2  # 1 + 1 retry


def test_verify_an_archived_post_keeps_the_result_in_the_object(server, tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    runner_args = ["ingest", SEED, "--archive", archive, "--no-fetch"]
    assert run_verify(runner_args, server.url, tmp_path, monkeypatch).exit_code == 0
    first = run_verify(["verify", "--archive", archive, "--json"], server.url, tmp_path,
                       monkeypatch)
    document = json.loads(first.stdout)
    assert first.exit_code == ExitCode.CITATION_WRONG  # the server has no record of its DOI
    assert {c["status"] for c in document["citations"]} == {"not_found"}
    log = json.loads(run_verify(["log", "wx:t/", "--archive", archive, "--json"], server.url,
                                tmp_path, monkeypatch).stdout)
    assert [v["version"] for v in log["versions"]] == ["v1", "v2"]
    again = run_verify(["verify", "--archive", archive, "--json"], server.url, tmp_path,
                       monkeypatch)
    assert again.exit_code == ExitCode.CITATION_WRONG
    log = json.loads(run_verify(["log", "wx:t/", "--archive", archive, "--json"], server.url,
                                tmp_path, monkeypatch).stdout)
    assert len(log["versions"]) == 2  # the same outcome adds no version
    with CrossrefServer() as mirror:  # nor the same outcome from another server (a mirror)
        assert mirror.url != server.url
        run_verify(["verify", "--archive", archive], mirror.url, tmp_path, monkeypatch)
    log = json.loads(run_verify(["log", "wx:t/", "--archive", archive, "--json"], server.url,
                                tmp_path, monkeypatch).stdout)
    assert len(log["versions"]) == 2
    # the text report and the JUnit file say which post each citation is in, and the text
    # report where in the post, as --json does (its block)
    junit = tmp_path / "posts.xml"
    text = run_verify(["verify", "--archive", archive, "--junit", junit], server.url, tmp_path,
                      monkeypatch)
    post, where = document["citations"][0]["post"], document["citations"][0]["location"]
    assert where.startswith("blocks/")
    assert text.stdout.splitlines()[0] == f"{post}:"
    assert text.stdout.splitlines()[1].split()[:2] == ["not_found", where]
    [case] = ElementTree.parse(junit).getroot().iter("testcase")
    assert case.get("classname").startswith(f"{post} blocks/")


def test_diff_of_the_version_verify_kept_says_which_verdicts_it_added(server, tmp_path,
                                                                     monkeypatch):
    """The version ``verify`` keeps differs from the one before only in its citations.json:
    ``diff`` says what came out for each citation (where it is, its DOI, the verdict before
    and after), and that the records are the same, not that only provenance changed."""
    archive = tmp_path / "archive"
    run_verify(["ingest", SEED, "--archive", archive, "--no-fetch"], server.url, tmp_path,
               monkeypatch)
    report = json.loads(run_verify(["verify", "--archive", archive, "--json"], server.url,
                                   tmp_path, monkeypatch).stdout)
    [cited] = report["citations"]
    shown = run_verify(["diff", cited["post"], "--archive", archive], server.url, tmp_path,
                       monkeypatch)
    assert shown.exit_code == ExitCode.OK, shown.output
    assert shown.stdout.splitlines() == [
        f"{cited['post']}: v1 → v2",
        "file added: citations.json",
        f"citation at {cited['location']} 10.1093/ia/iiaa061: no verdict kept → not_found "
        f"({cited['reason']})",
        "the records are the same: what differs is the verification of the post's citations "
        "kept with it (archiver verify)"]
    diff = json.loads(run_verify(["diff", cited["post"], "--archive", archive, "--json"],
                                 server.url, tmp_path, monkeypatch).stdout)
    assert diff["same_record"] is True
    assert diff["verification"] == [{
        "location": cited["location"], "text": cited["text"], "doi": "10.1093/ia/iiaa061",
        "new": {"status": "not_found", "reason": cited["reason"]}}]


def test_list_says_how_each_posts_kept_verification_came_out(server, tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    page = WECHAT / "html" / ("wechatscope__gh_8e98aeecc6c0_2020-10-02_2650512939_"
                              "raiHy80cW6.y.tar.gz.html")
    run_verify(["ingest", SEED, page, "--archive", archive, "--no-fetch"], server.url,
               tmp_path, monkeypatch)
    run_verify(["verify", "wx:t/", "--archive", archive], server.url, tmp_path, monkeypatch)

    def listed(*options):
        result = run_verify(["list", "--archive", archive, *options], server.url, tmp_path,
                            monkeypatch)
        assert result.exit_code == ExitCode.OK, result.output
        return result.stdout

    rows = {line.split()[0]: line for line in listed().splitlines()}
    [seed] = [row for object_id, row in rows.items() if object_id.startswith("wx:t/")]
    [other] = [row for object_id, row in rows.items() if not object_id.startswith("wx:t/")]
    assert "  1 not_found  【中亚研究】" in seed  # the server has no record of its DOI
    assert "  -            于宁杰" in other  # never verified
    [entry] = [json.loads(line) for line in listed("--citations", "not_found", "--json")
               .splitlines()]
    assert entry["id"].startswith("wx:t/")
    assert entry["citations"]["not_found"] == entry["citations"]["total"] == 1
    assert [json.loads(line)["citations"] for line in listed("--citations", "none", "--json")
            .splitlines()] == [None]


def test_verify_verbose_says_each_request_and_each_answer_taken_from_the_cache(
        server, tmp_path, monkeypatch):
    case = next(c for c in CASES if c["doi"] and c["expect"] == "verified")
    refs = tmp_path / "refs.txt"
    refs.write_text(case["text"] + "\n", encoding="utf-8")
    first = run_verify(["verify", refs, "--verbose"], server.url, tmp_path, monkeypatch)
    assert first.exit_code == ExitCode.OK
    [asked] = [line for line in first.stderr.splitlines() if "HTTP Request" in line]
    assert asked.startswith(f"archiver: http: HTTP Request: GET {server.url}/works/")
    assert asked.endswith(" 200 OK\"")
    again = run_verify(["verify", refs, "--verbose"], server.url, tmp_path, monkeypatch)
    assert "HTTP Request" not in again.stderr
    assert f"archiver: crossref: DOI {case['doi'].lower()}: answered from the cache " \
           f"({server.url}'s answer of " in again.stderr
    plain = run_verify(["verify", refs], server.url, tmp_path, monkeypatch)
    assert first.stdout == again.stdout == plain.stdout  # the report itself is the same


def _verified_then_edited(server, tmp_path, monkeypatch, before: str, after: str):
    """A post whose reference list is ``before``, ingested and verified, then edited to
    ``after`` and ingested again: the archive's option, and the post's line of ``list``."""
    post = tmp_path / "post.md"
    page = "---\ntitle: 文献\nurl: https://mp.weixin.qq.com/s/CitesWorksAnEdit01\n---\n\n" \
           "正文。\n\n参考文献\n\n{}"
    archive = ["--archive", tmp_path / "archive"]
    post.write_text(page.format(before), encoding="utf-8")
    run_verify(["ingest", post, *archive, "--no-fetch"], server.url, tmp_path, monkeypatch)
    run_verify(["verify", *archive], server.url, tmp_path, monkeypatch)
    post.write_text(page.format(after), encoding="utf-8")
    run_verify(["ingest", post, *archive, "--no-fetch"], server.url, tmp_path, monkeypatch)
    listed = run_verify(["list", *archive, "--json"], server.url, tmp_path, monkeypatch)
    [entry] = [json.loads(line) for line in listed.stdout.splitlines()]
    return archive, entry


def test_results_read_from_a_version_an_ingest_replaced_meanwhile_are_not_kept(
        server, tmp_path, monkeypatch):
    """A verify ran while an ingest gave the post a new version, which cites one work
    more: its results for the version it read were kept over the new one ("1 verified"
    for a post whose new citation nobody checked), and a CI run passed."""
    first, second = [c for c in CASES if c["doi"] and c["expect"] == "verified"][:2]
    post = tmp_path / "post.md"
    page = "---\ntitle: 文献\nurl: https://mp.weixin.qq.com/s/CitesWorksAnEdit03\n---\n\n" \
           "正文。\n\n参考文献\n\n{}"
    post.write_text(page.format(f"1. {first['text']}\n"), encoding="utf-8")
    run_verify(["ingest", post, "--archive", tmp_path / "archive", "--no-fetch"], server.url,
               tmp_path, monkeypatch)
    archive = Archive.open(tmp_path / "archive")
    [object_id] = archive.object_ids()
    read = archive.versions(object_id)[-1].state["record.json"]
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    results = [verifier.verify(text, where) for text, where
               in citations_of(archive.read_json(object_id, "record.json"))]
    post.write_text(page.format(f"1. {first['text']}\n2. {second['text']}\n"),
                    encoding="utf-8")  # the ingest, while the checks were running
    run_verify(["ingest", post, "--archive", tmp_path / "archive", "--no-fetch"], server.url,
               tmp_path, monkeypatch)
    with pytest.raises(PostChanged, match="was changed while its citations were checked "
                                          r"\(its head is now v2\)"):
        keep_results(archive, {object_id: results}, read={object_id: read})
    assert archive.head(object_id) == "v2"
    assert "citations.json" not in archive.versions(object_id)[-1].state


def _three_posts_citing(case: dict, name: str, server, tmp_path, monkeypatch
                        ) -> tuple[str, list[Path]]:
    """Three posts, each citing ``case``, archived in tmp_path/archive, their addresses
    ``…/s/<name>0001`` to ``0003``: the page they were written from, and their files."""
    page = "---\ntitle: 文献 {}\nurl: https://mp.weixin.qq.com/s/" + name + "{}\n---\n\n" \
           "正文。\n\n参考文献\n\n1. {}\n"
    posts = [tmp_path / f"post-{n}.md" for n in (1, 2, 3)]
    for n, post in enumerate(posts, 1):
        post.write_text(page.format(n, f"{n:04}", case["text"]), encoding="utf-8")
    run_verify(["ingest", *posts, "--archive", tmp_path / "archive", "--no-fetch"], server.url,
               tmp_path, monkeypatch)
    return page, posts


def _once_the_citations_are_checked(monkeypatch, action) -> None:
    """Run ``action`` (another writer's doing) between verify's checks and its keeping of
    their results."""
    import archiver.verified as verified
    real = verified.make_verifier

    def then_the_action(*args, **kwargs):
        verifier = real(*args, **kwargs)
        checked = verifier.verify_all

        def verify_all(*a, **k):
            results = checked(*a, **k)
            action()
            return results
        verifier.verify_all = verify_all
        return verifier
    monkeypatch.setattr(verified, "make_verifier", then_the_action)


def test_a_post_changed_meanwhile_keeps_nothing_and_the_others_keep_theirs(
        server, tmp_path, monkeypatch):
    """A verify of the whole archive while an ingest gives one post a new version: that post
    keeps nothing, as before; the others had lost theirs too (the run stopped at the changed
    one, the posts after it untouched, those before it kept and not reported), and no report
    was printed. Now every other post keeps its results, the report says which did not and
    why, and the run exits 5. (The other writer is an ingest run by the test once the
    citations are checked.)"""
    from archiver.config import Config
    from archiver.pipeline import ingest_paths
    first, second = [c for c in CASES if c["doi"] and c["expect"] == "verified"][:2]
    page, posts = _three_posts_citing(first, "KeptAsTheOthers", server, tmp_path, monkeypatch)
    archive = ["--archive", tmp_path / "archive"]
    middle = posts[1]

    def an_ingest() -> None:
        middle.write_text(page.format(2, "0002", f"{first['text']}\n2. {second['text']}"),
                          encoding="utf-8")
        ingest_paths([middle], Config(archive=tmp_path / "archive", fetch=False))
    _once_the_citations_are_checked(monkeypatch, an_ingest)
    junit = tmp_path / "junit.xml"
    result = run_verify(["verify", *archive, "--json", "--junit", junit], server.url,
                        tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    report = json.loads(result.stdout)
    store = Archive.open(tmp_path / "archive")
    heads = {object_id: store.versions(object_id)[-1] for object_id in store.object_ids()}
    changed = "wx:s/KeptAsTheOthers0002"
    assert "citations.json" not in heads[changed].state and heads[changed].number == "v2"
    assert sorted(report["kept"]) == ["wx:s/KeptAsTheOthers0001", "wx:s/KeptAsTheOthers0003"]
    for object_id in report["kept"]:
        assert "citations.json" in heads[object_id].state
    [error] = report["errors"]
    assert error["input"] == changed and "was changed while its citations" in error["message"]
    assert f"{changed} was changed while its citations were checked" in result.stderr
    # a CI page that reads the JUnit report shows it too (the build is red: exit 5)
    xml = junit.read_text(encoding="utf-8")
    assert f'classname="{changed}" name="changed while checked: results not kept"' in xml \
        or f'name="changed while checked: results not kept" classname="{changed}"' in xml


def test_a_post_whose_object_is_damaged_meanwhile_keeps_nothing_and_the_others_keep_theirs(
        server, tmp_path, monkeypatch):
    """As a post changed meanwhile: one whose object cannot take the version (damaged once
    its citations are checked: a stored file of it deleted) keeps nothing, is reported, and
    the posts after it keep theirs (the run stopped at it before)."""
    [first] = [c for c in CASES if c["doi"] and c["expect"] == "verified"][:1]
    _three_posts_citing(first, "DamagedAmongOthers", server, tmp_path, monkeypatch)
    archive = ["--archive", tmp_path / "archive"]
    damaged = "wx:s/DamagedAmongOthers0002"
    source = Archive.open(tmp_path / "archive").object_path(damaged) / "v1" / "content" / "source"
    _once_the_citations_are_checked(monkeypatch, lambda: next(source.iterdir()).unlink())
    result = run_verify(["verify", *archive, "--json"], server.url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.ARCHIVE, result.output
    report = json.loads(result.stdout)
    assert sorted(report["kept"]) == ["wx:s/DamagedAmongOthers0001",
                                      "wx:s/DamagedAmongOthers0003"]
    [error] = report["errors"]
    assert error["input"] == damaged and "missing" in error["message"]


def test_a_version_verify_makes_records_its_own_event(server, tmp_path, monkeypatch):
    """The version a verification makes carries the ingestion's provenance: its
    citations.json says when the verification ran and which tool ran it (a PREMIS
    validation event), and a not_found verdict when Crossref said so."""
    from archiver.version import __version__, code_fingerprint
    [case] = [c for c in CASES if c["doi"] and c["expect"] == "verified"][:1]
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 文献\nurl: https://mp.weixin.qq.com/s/CitesWorksEvent01\n"
                    f"---\n\n正文。\n\n参考文献\n\n1. {case['text']}\n"
                    "2. Smith J. A work no one registered. 2020. doi:10.1093/ia/iiaa061\n",
                    encoding="utf-8")
    archive = ["--archive", tmp_path / "archive"]
    run_verify(["ingest", post, *archive, "--no-fetch"], server.url, tmp_path, monkeypatch)
    before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    run_verify(["verify", *archive], server.url, tmp_path, monkeypatch)
    store = Archive.open(tmp_path / "archive")
    [object_id] = store.object_ids()
    head = store.versions(object_id)[-1]
    kept = store.read_json(object_id, "citations.json")
    assert head.number == "v2"
    assert kept["event"]["type"] == "validation"
    assert kept["event"]["tool"] == {"name": "archiver", "version": __version__,
                                     "code": code_fingerprint()}
    assert before <= kept["event"]["datetime"] <= time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                time.gmtime())
    [absent] = [c for c in kept["citations"] if c["status"] == "not_found"]
    assert absent["evidence"]["source"] == server.url
    assert before <= absent["evidence"]["fetched"] <= kept["event"]["datetime"]
    schema.validate("verify-report", kept)
    # an edit elsewhere in the post carries the verdicts, and the event they come from
    post.write_text(post.read_text(encoding="utf-8").replace("正文。", "正文，改过。"),
                    encoding="utf-8")
    run_verify(["ingest", post, *archive, "--no-fetch"], server.url, tmp_path, monkeypatch)
    assert store.versions(object_id)[-1].number == "v3"
    assert store.read_json(object_id, "citations.json")["event"] == kept["event"]


def test_a_citation_added_by_an_edit_is_kept_unresolved_until_verified(server, tmp_path,
                                                                       monkeypatch):
    """The new version kept the old verdicts alone: list showed "1 verified" for a post that
    cites two works, one of them never checked."""
    first, second = [c for c in CASES if c["doi"] and c["expect"] == "verified"][:2]
    archive, entry = _verified_then_edited(server, tmp_path, monkeypatch, f"1. {first['text']}\n",
                                           f"1. {first['text']}\n2. {second['text']}\n")
    assert (entry["citations"]["verified"], entry["citations"]["unresolved"]) == (1, 1)
    kept = Archive.open(tmp_path / "archive").read_json(entry["id"], "citations.json")
    assert [c["status"] for c in kept["citations"]] == ["verified", "unresolved"]
    assert kept["citations"][1]["reason"].startswith("not verified yet: the post was changed")
    assert kept["citations"][1]["text"].endswith(second["text"])
    run_verify(["verify", *archive], server.url, tmp_path, monkeypatch)
    listed = run_verify(["list", *archive, "--json"], server.url, tmp_path, monkeypatch)
    assert json.loads(listed.stdout)["citations"]["verified"] == 2


def test_a_post_whose_only_citation_an_edit_changed_is_unresolved_not_never_verified(
        server, tmp_path, monkeypatch):
    """A verified post whose one reference an edit changed kept no verification at all:
    ``list`` showed it never verified ("-", ``--citations none``), where a post with a second,
    unchanged citation showed the changed one ``unresolved``."""
    case = next(c for c in CASES if c["doi"] and c["expect"] == "verified")
    year = str(case["cited"]["year"])
    edited = case["text"].replace(year, str(int(year) + 1))
    assert edited != case["text"]
    archive, entry = _verified_then_edited(server, tmp_path, monkeypatch,
                                           f"1. {case['text']}\n", f"1. {edited}\n")
    assert entry["citations"] is not None, "the post is shown as never verified"
    assert (entry["citations"]["unresolved"], entry["citations"]["total"]) == (1, 1)
    kept = Archive.open(tmp_path / "archive").read_json(entry["id"], "citations.json")
    assert kept["citations"][0]["reason"].startswith("not verified yet: the post was changed")
    none = run_verify(["list", *archive, "--citations", "none"], server.url, tmp_path,
                      monkeypatch)
    assert none.stdout == ""


UNKNOWN_DOI = "10.1093/ia/iiaa061"  # the seed's DOI: the recordings hold Crossref's 404 for it
CITING_IT = "Zhang W. Kazakhstan between two powers. International Affairs. {}. doi:" + UNKNOWN_DOI


def test_a_citation_an_edit_changed_keeps_crossrefs_404_for_its_doi(server, tmp_path,
                                                                     monkeypatch):
    """Crossref having no work under a DOI is a verdict on the DOI alone: an edit to the
    rest of the citation left it ``not verified yet`` (and, offline, ``unresolved``) as if
    the 404 had never been seen."""
    archive, entry = _verified_then_edited(server, tmp_path, monkeypatch,
                                           f"1. {CITING_IT.format(2020)}\n",
                                           f"1. {CITING_IT.format(2021)}\n")
    assert (entry["citations"]["not_found"], entry["citations"]["total"]) == (1, 1)
    [kept] = Archive.open(tmp_path / "archive").read_json(entry["id"],
                                                          "citations.json")["citations"]
    assert kept["text"].endswith(CITING_IT.format(2021))
    assert kept["doi"] == UNKNOWN_DOI and kept["location"]


def test_a_citation_whose_text_was_read_otherwise_keeps_its_404_when_crossref_is_out_of_reach(
        server, tmp_path, monkeypatch):
    """A verification an older archiver kept reads the citation otherwise than today's (its
    text is SYNTHETIC here: the list number left on). ``verify --offline`` replaced its
    ``not_found``, a 404 from Crossref, with ``unresolved``; a verdict that compared the
    text (``verified``) must still be reached again."""
    verified = next(c for c in CASES if c["doi"] and c["expect"] == "verified")
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 文献\nurl: https://mp.weixin.qq.com/s/CitesWorksAnEdit02\n"
                    f"---\n\n正文。\n\n参考文献\n\n1. {CITING_IT.format(2020)}\n"
                    f"2. {verified['text']}\n", encoding="utf-8")
    archive = ["--archive", tmp_path / "archive"]
    run_verify(["ingest", post, *archive, "--no-fetch"], server.url, tmp_path, monkeypatch)
    run_verify(["verify", *archive], server.url, tmp_path, monkeypatch)
    root = Archive.open(tmp_path / "archive")
    [object_id] = root.object_ids()
    files = {path: root.read_bytes(object_id, path) for path in root.versions(object_id)[-1].state}
    report = json.loads(files["citations.json"])
    assert [c["status"] for c in report["citations"]] == ["not_found", "verified"]
    for number, entry in enumerate(report["citations"], 1):
        entry["text"] = f"{number}. {entry['text']}"
    files["citations.json"] = json.dumps(report, ensure_ascii=False).encode()
    with root.writer():
        root.commit(object_id, files, "as an earlier archiver wrote it")
    (tmp_path / "archive" / "extensions" / "archiver-index" / "index.stale").write_bytes(b"")
    shutil.rmtree(tmp_path / "cache")  # Crossref's records, kept by the first run: not today's
    offline = run_verify(["verify", *archive, "--offline"], server.url, tmp_path, monkeypatch)
    assert offline.exit_code == ExitCode.UNCHECKED, offline.output
    kept = Archive.open(tmp_path / "archive").read_json(object_id, "citations.json")
    assert [c["status"] for c in kept["citations"]] == ["not_found", "unresolved"]
    assert kept["citations"][0]["text"] == CITING_IT.format(2020)


@pytest.mark.parametrize(("url", "said"), [
    ("http://127.0.0.1:9?mailto=me@example.org", "has a query or a fragment"),
    ("https://api.crossref.org/#works", "has a query or a fragment"),
    ("http://user:secret@127.0.0.1:9", "holds a user name or password (host 127.0.0.1)")])
def test_a_crossref_url_that_would_mislead_or_leak_is_a_usage_error(url, said, tmp_path,
                                                                   monkeypatch):
    """With ?mailto=… every request went to the server's root, and each 404 was kept as
    "not_found"; a password was printed, cached and kept in the archive's evidence."""
    refs = tmp_path / "refs.txt"
    refs.write_text(CASES[0]["text"] + "\n", encoding="utf-8")
    result = run_verify(["verify", refs], url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.USAGE
    assert said in result.stderr and "secret" not in result.stderr
    assert not (tmp_path / "cache").exists()


def test_report_summary_counts_every_status(server, tmp_path):
    verifier = Verifier(client_for(server.url, tmp_path))
    results = verifier.verify_all([("10.1093/ia/iiaa061", None), (CASES[1]["text"], None)])
    summary = report(results)["summary"]
    assert summary["total"] == 2 and summary["not_found"] == 1


def test_ingest_with_verify_checks_the_new_posts(server, tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    result = run_verify(["ingest", SEED, "--archive", archive, "--no-fetch", "--verify"],
                        server.url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.CITATION_WRONG  # its DOI is unknown to this server
    assert "citations: 1 not_found" in result.stderr
    offline = run_verify(["ingest", SEED, "--archive", tmp_path / "other", "--no-fetch",
                          "--verify"], closed_port_url(), tmp_path, monkeypatch)
    assert offline.exit_code == ExitCode.UNCHECKED


def run_ingest(args, tmp_path, monkeypatch):
    """``archiver ingest`` with no Crossref URL in the environment: only its options say
    where Crossref is."""
    monkeypatch.delenv("ARCHIVER_CROSSREF_URL", raising=False)
    monkeypatch.delenv("ARCHIVER_MAILTO", raising=False)
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, [str(a) for a in args])


def test_ingest_verify_asks_the_crossref_server_its_option_names(server, tmp_path, monkeypatch):
    result = run_ingest(["ingest", SEED, "--archive", tmp_path / "archive", "--no-fetch",
                         "--verify", "--crossref-url", server.url], tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.CITATION_WRONG, result.stderr  # its DOI: unknown here
    assert "citations: 1 not_found" in result.stderr
    assert [path for _, path in server.requests] == ["/works/10.1093/ia/iiaa061",
                                                     "/works/10.1093/ia/iiaa061/agency",
                                                     "/works?rows=0"]


def test_ingest_verify_passes_mailto_to_the_verifier(server, tmp_path, monkeypatch):
    from archiver import verified
    built = []
    real = verified.make_verifier

    def spy(config, offline=False):
        built.append((config.crossref_url, config.mailto, offline))
        return real(config, offline=offline)

    monkeypatch.setattr(verified, "make_verifier", spy)
    result = run_ingest(["ingest", SEED, "--archive", tmp_path / "archive", "--no-fetch",
                         "--verify", "--crossref-url", server.url,
                         "--mailto", "archivist@example.org"], tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.CITATION_WRONG, result.stderr
    assert built == [(server.url, "archivist@example.org", False)]


def test_ingest_verify_offline_asks_no_one_and_calls_nothing_verified(server, tmp_path,
                                                                       monkeypatch):
    archive = tmp_path / "archive"
    result = run_ingest(["ingest", SEED, "--archive", archive, "--no-fetch", "--verify",
                         "--offline", "--crossref-url", server.url], tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.UNCHECKED, result.stderr
    assert "citations: 1 unresolved" in result.stderr
    assert server.requests == []  # the cache is empty, and the network is not used
    report_ = run_ingest(["verify", "--archive", archive, "--offline", "--json"], tmp_path,
                         monkeypatch)
    assert [c["status"] for c in json.loads(report_.stdout)["citations"]] == ["unresolved"]


@pytest.mark.parametrize("options", [["--offline"], ["--crossref-url", "http://127.0.0.1:1"],
                                     ["--mailto", "archivist@example.org"]])
def test_ingest_crossref_options_without_verify_are_a_usage_error(tmp_path, monkeypatch,
                                                                   options):
    archive = tmp_path / "archive"
    result = run_ingest(["ingest", SEED, "--archive", archive, "--no-fetch", *options],
                        tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == (
        f"archiver: error: {options[0]} only applies with --verify")
    assert not archive.exists()  # refused before anything is written


def test_ingest_without_verify_ignores_the_crossref_variables(tmp_path, monkeypatch):
    # set for `archiver verify`, they are no option the user gave to ingest
    monkeypatch.setenv("ARCHIVER_MAILTO", "archivist@example.org")
    monkeypatch.setenv("ARCHIVER_CROSSREF_URL", "http://127.0.0.1:1")
    monkeypatch.setenv("ARCHIVER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["ingest", str(SEED), "--archive", "a", "--no-fetch"])
    assert result.exit_code == ExitCode.OK, result.stderr


# -- a DOI that names another work ----------------------------------------------------------

RALSER = ("Ralser M, Heeren G, Breitenbach M, Lehrach H, Krobitsch S. Triose phosphate "
          "isomerase deficiency is caused by altered dimerization--not catalytic "
          "inactivity--of the mutant enzymes. PLoS One. 2006;1(1):e30.")


def test_a_doi_naming_another_work_is_the_doi_reported_wrong_with_the_work_cited(
        server, tmp_path):
    """The citation describes Ralser et al., PLoS ONE 2006 (10.1371/journal.pone.0000030),
    but carries the DOI of Boulkedid et al., PLoS ONE 2011: both recorded. The report
    blames the DOI alone, names the work it resolves to, and gives the cited work's DOI,
    found by searching for the citation; its other fields are compared with that work."""
    text = RALSER + " doi:10.1371/journal.pone.0020476"
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(text)
    assert result.status == "mismatch"
    assert [name for name, check in result.fields.items() if check.match is False] == ["doi"]
    doi = result.fields["doi"]
    assert (doi.cited, doi.crossref) == ("10.1371/journal.pone.0020476",
                                         "10.1371/journal.pone.0000030")
    assert "another work, 'Using and Reporting the Delphi Method" in doi.reason
    assert "(Boulkedid, 2011)" in doi.reason
    assert result.fields["title"].match and result.fields["author"].match
    assert result.evidence["doi"] == "10.1371/journal.pone.0000030"


def test_a_doi_naming_another_work_that_no_search_finds_is_still_the_doi_reported_wrong(
        tmp_path):
    """Synthetic server answers: the DOI resolves to a recorded record (Boulkedid et al.),
    and the search finds nothing. Nothing else is compared with a record of another work."""
    works = load_recordings()
    only = {"10.1371/journal.pone.0020476": works["10.1371/journal.pone.0020476"]}
    with CrossrefServer(works=only) as server:
        result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(
            RALSER + " doi:10.1371/journal.pone.0020476")
    assert result.status == "mismatch"
    assert list(result.fields) == ["doi"]
    assert "a search found no work that agrees with the citation" in \
        result.fields["doi"].reason


# SYNTHETIC: a record in CJK script alone (no recorded one is), served beside the recorded
CJK_ONLY = {"message": {"DOI": "10.99999/cjk.only", "type": "journal-article",
                        "title": ["基于深度学习的肺结节检测方法研究"],
                        "author": [{"family": "王", "given": "明"},
                                   {"family": "李", "given": "华"}],
                        "container-title": ["中华放射学杂志"], "volume": "55", "issue": "3",
                        "page": "245-251",
                        "issued": {"date-parts": [[2021]]}}, "status": "ok"}


@pytest.mark.parametrize(("text", "another"), [
    # another work's citation, carrying the DOI of the record in Chinese: only its year agrees
    ("Gross JB, Wilkens H. Albinism in phylogenetically and geographically distinct "
     "populations of Astyanax cavefish arises through the same loss-of-function Oca2 allele. "
     "Heredity. 2021. doi:10.99999/cjk.only", True),
    # the record's work, its names and title romanised: its numbers name it
    ("WANG M, LI H. Jiyu shendu xuexi de feijiejie jiance fangfa yanjiu[J]. Zhonghua Fangshexue "
     "Zazhi, 2021, 55(3): 245-251. doi:10.99999/cjk.only", False),
])
def test_a_citation_in_latin_letters_of_a_record_in_cjk_alone_is_named_by_its_numbers(
        tmp_path, text, another):
    """Romanised or translated names and title cannot be compared with a record in CJK script
    alone: the DOI is taken for the work's only when the numbers name it (pages with the
    volume or the year, or three of them), or a wrong DOI would be verified on its year."""
    with CrossrefServer(works={**load_recordings(), "10.99999/cjk.only": CJK_ONLY}) as server:
        result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(text)
    if another:
        assert result.status == "mismatch"
        assert result.fields["doi"].match is False and "another work" in \
            result.fields["doi"].reason
    else:
        assert result.status == "verified", result.reason
        assert result.fields["title"].match is None


def test_a_wrong_field_with_the_right_doi_is_not_taken_for_another_work(server, tmp_path):
    """A misspelt title word, or a wrong author list, leaves the rest of the work's: the DOI
    stands and the field is reported."""
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    title = verifier.verify(RALSER.replace("Triose phosphate", "Triose sulfate")
                            + " doi:10.1371/journal.pone.0000030")
    assert [n for n, c in title.fields.items() if c.match is False] == ["title"]
    authors = verifier.verify(RALSER.replace("Ralser M, Heeren G, Breitenbach M, Lehrach H, "
                                             "Krobitsch S", "Smith J, Jones K")
                              + " doi:10.1371/journal.pone.0000030")
    assert [n for n, c in authors.fields.items() if c.match is False] == ["author"]


def test_a_citation_in_another_language_whose_numbers_agree_keeps_its_doi(server, tmp_path):
    """Crossref records 10.1241/johokanri.39.979 in English and romaji (KUSUMOTO, 'Utilizing
    the Internet…'); the GB/T citation writes the Japanese title and the author in kanji.
    Title and authors differ, but volume, issue, pages and year agree: the DOI names this
    work, and is not reported as naming another."""
    text = ("楠本博之. インターネットの活用 12 インターネットの未来[J]. 情報管理, 1997, "
            "39(12): 979-988. DOI: 10.1241/johokanri.39.979")
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(text)
    assert result.fields["doi"].match is True
    assert all(result.fields[name].match for name in ("volume", "issue", "page", "year"))


# -- citations in another script than Crossref's record ---------------------------------------

def test_a_field_written_in_another_script_than_crossrefs_is_not_compared(server, tmp_path):
    """Crossref records 10.1241/johokanri.39.979 in English and romaji (KUSUMOTO, 'Utilizing
    the Internet…', Journal of Information Processing and Management); a Japanese citation
    writes its author, title and journal in Japanese. Those cannot be compared letter by
    letter: neither confirmed nor refuted (match None, saying why), while the numbers are
    compared as ever, and one wrong is still found."""
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    text = ("楠本博之. インターネットの活用 12 インターネットの未来[J]. 情報管理, 1997, "
            "39(12): 979-988. DOI: 10.1241/johokanri.39.979")
    result = verifier.verify(text)
    assert result.status == "verified"
    for name in ("author", "title", "journal"):
        assert result.fields[name].match is None
        assert "written in another script than Crossref's" in result.fields[name].reason
    wrong = verifier.verify(text.replace("1997", "1998"))
    assert [n for n, c in wrong.fields.items() if c.match is False] == ["year"]


def test_a_title_deposited_in_its_original_language_is_compared_with_it(server, tmp_path):
    """10.7600/jspfsm.56.60: Crossref's title is empty, its original-title 自律神経・循環器応答,
    its journal 'Japanese Journal of Physical Fitness and Sports Medicine' (Tairyoku Kagaku)."""
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    result = verifier.verify("自律神経・循環器応答[J]. 体力科学, 2007, 56(1): 60. "
                             "DOI: 10.7600/jspfsm.56.60")
    assert result.status == "verified", result.fields
    assert result.fields["title"].match is True
    assert result.fields["journal"].match is None
    wrong = verifier.verify("自律神経・呼吸器応答[J]. 体力科学, 2007, 56(1): 60. "
                            "DOI: 10.7600/jspfsm.56.60")
    assert wrong.fields["title"].match is False


@pytest.mark.parametrize("doi", ["10.1186/1471-2164-7-187",  # Myers et al., BMC Genomics 2006
                                 "10.1371/journal.pone.0020476"])  # Boulkedid et al., 2011
def test_a_doi_swapped_for_another_works_is_the_doi_reported_wrong(server, tmp_path, doi):
    """Given names alike by chance, or an issue and year that happen to agree, do not make
    another recorded work the one cited: the DOI is wrong and the cited work is found."""
    text = RALSER.replace("PLoS One. 2006", "PLoS ONE. 2006") + f" doi:{doi}"
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(text)
    assert [n for n, c in result.fields.items() if c.match is False] == ["doi"]
    assert result.fields["doi"].crossref == "10.1371/journal.pone.0000030"


@pytest.mark.parametrize(("text", "work_cited"), [
    # Vancouver's short form, no title: the authors and every number are the other work's
    ("Weber MA, Ringold PL. PLoS One. 2019;14(5):e0214986. doi:10.1371/journal.pone.0020476",
     "10.1371/journal.pone.0214986"),
    ("Boulkedid R, et al. PLoS One. 2011;6(6):e20476. doi:10.1371/journal.pone.0214986",
     "10.1371/journal.pone.0020476"),
])
def test_a_citation_without_a_title_carrying_another_works_doi_is_the_doi_reported_wrong(
        server, tmp_path, text, work_cited):
    """Compared with the work the DOI names, every field but the journal was reported wrong
    (correcting them would have made a right citation of another work)."""
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(text)
    assert [n for n, c in result.fields.items() if c.match is False] == ["doi"]
    assert result.fields["doi"].crossref == work_cited


def test_one_authors_two_works_swapped_are_the_doi_reported_wrong_when_a_search_finds_it(
        server, tmp_path):
    """Two blog posts by the same author, the same year: their DOIs swapped left the author
    and the year agreeing, and the title was reported wrong (correcting it would have made
    the citation the other post's). A search finds the post the citation is of: the DOI is
    what is wrong."""
    verifier = Verifier(client_for(server.url, tmp_path), parse=parse_reference)
    result = verifier.verify("Fenner M. Do we need to fix science blogs? Front Matter. 2023. "
                             "doi:10.53731/ybhah-9jy85")
    assert [n for n, c in result.fields.items() if c.match is False] == ["doi"]
    assert result.fields["doi"].crossref == "10.53731/avg2ykg-gdxppcd"
    # a title no search finds stays the title reported wrong, compared with the DOI's work
    unknown = verifier.verify("Fenner M. Notes on a quiet autumn of reading. Front Matter. "
                              "2023. doi:10.53731/ybhah-9jy85")
    assert [n for n, c in unknown.fields.items() if c.match is False] == ["title"]
    assert unknown.doi == "10.53731/ybhah-9jy85"


ISVC = ("Chen L, Panin G, Knoll A. Human body orientation estimation in multiview scenarios. "
        "In: Bebis G, et al. (eds) Advances in Visual Computing. ISVC 2012. Lecture Notes in "
        "Computer Science, vol 7432. Springer, Berlin, Heidelberg; {year}. pp. 499–508. "
        "doi:10.1007/978-3-642-33191-6_49")


@pytest.mark.parametrize(("year", "wrong"), [(2012, []), (2014, ["year"]), (2013, ["year"])])
def test_the_year_in_a_meetings_name_is_not_the_year_the_citation_gives(
        server, tmp_path, year, wrong):
    """"ISVC 2012" is the meeting's name; the year the citation gives is the imprint's.
    Read first, the meeting's year (Crossref's) passed a wrong one."""
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(
        ISVC.format(year=year))
    assert [n for n, c in result.fields.items() if c.match is False] == wrong
    assert result.fields["year"].cited == str(year)


def test_a_chinese_citation_carrying_an_english_works_doi_is_the_doi_reported_wrong(
        server, tmp_path):
    """Title and authors in Chinese cannot be compared with Nature Genetics' record; its
    volume, issue and pages differ (the year agrees by chance): the DOI names another work.
    No recorded work is the one cited, so none is given, and the evidence holds no work an
    export could take for the cited one."""
    text = ("张伟, 李明, 王芳. 基于深度学习的图像语义分割方法综述[J]. 计算机学报, 2017, 40(3): "
            "123-130. DOI:10.1038/ng.3834.")
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(text)
    assert result.status == "mismatch"
    assert list(result.fields) == ["doi"]
    assert "the DOI names another work, 'The impact of structural variation" in \
        result.fields["doi"].reason
    assert "work" not in result.evidence


def test_names_shown_before_et_al_that_are_not_crossrefs_are_an_author_error(
        server, tmp_path):
    text = ("Chiang C, Smith J, Brown K, et al. The impact of structural variation on human "
            "gene expression. Nat Genet. 2017;49(5):692-699. doi:10.1038/ng.3834")
    result = Verifier(client_for(server.url, tmp_path), parse=parse_reference).verify(text)
    assert [n for n, c in result.fields.items() if c.match is False] == ["author"]
    assert "'smith brown' is shown before et al. where Crossref's author 2 of" in \
        result.fields["author"].reason


# -- a work described in labelled lines, as Chinese academic accounts print it --------------

NG_BLOCK = ("论文题目：The impact of structural variation on human gene expression\n"
            "作者：Colby Chiang, Alexandra J Scott, Joe R Davis, et al.\n"
            "期刊：%s\n"
            "发表时间：%s年4月3日\n"
            "DOI：10.1038/ng.3834")


@pytest.mark.parametrize("journal, year, wrong", [
    ("Nature Genetics", 2017, []),
    ("Nature Genetics", 2019, ["year"]),
    ("Nature Communications", 2017, ["journal"]),
])
def test_a_labelled_block_in_a_post_is_one_citation_every_field_compared(
        server, tmp_path, monkeypatch, journal, year, wrong):
    """A post presents the paper it discusses as labelled lines (论文题目：… / 作者：… /
    期刊：… / 发表时间：… / DOI：…), a paragraph each under 【原文信息】. Read a line at a
    time, only the DOI was a citation, checked alone: a wrong year or journal in the block
    was "verified". The block is one citation, placed at its first line, reported as
    written, and each field it gives is compared."""
    block = NG_BLOCK % (journal, year)
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 结构变异\nauthor: 国政学人\n---\n\n【原文信息】\n\n"
                    + block.replace("\n", "\n\n") + "\n\n结构变异影响基因表达。\n",
                    encoding="utf-8")
    result = run_verify(["verify", "post.md", "--json"], server.url, tmp_path, monkeypatch)
    [citation] = json.loads(result.stdout)["citations"]
    assert (citation["text"], citation["location"]) == (  # as read: NFKC, as any reference
        unicodedata.normalize("NFKC", block), "post.md#blocks/1")
    assert citation["status"] == ("mismatch" if wrong else "verified")
    assert [f for f, c in citation["fields"].items() if c["match"] is False] == wrong
    assert {f for f, c in citation["fields"].items() if c["match"]} >= (
        {"author", "title", "journal", "year", "doi"} - set(wrong))


def test_labelled_lines_joined_in_one_paragraph_or_in_brackets_are_read_field_by_field(
        server, tmp_path, monkeypatch):
    """The same block as one Markdown paragraph (its lines joined, the Chinese ones without a
    space), in 【】 labels, with a translated title, the first and corresponding authors and
    the journal's impact factor beside it, and the volume, issue and pages each labelled: a
    field each, none taken into another (``作者`` in ``第一作者`` is no author list)."""
    refs = tmp_path / "refs.txt"
    refs.write_text(
        "英文标题：Sexual conflict and correlated evolution between male persistence and female"
        " resistance traits in the seed beetle Callosobruchus maculatus\n"
        "中文标题：种子甲虫中雄性坚持与雌性抵抗性状之间的性冲突与相关进化\n"
        "第一作者：Liam R. Dougherty\n通讯作者：Leigh W. Simmons\n"
        "期刊：Proc R Soc B（IF=4.7）\n卷：284期：1855页码：20170132\n发表时间：2017年5月\n\n"
        "【论文题目】Growth hormone secretagogue increases muscle strength during remobilization"
        " after canine hindlimb immobilization 【作者】Richard L. Lieber, Thomas M. Jacks, "
        "Randall L. Mohler, et al. 【期刊】Journal of Orthopaedic Research 【卷期】1997, 16(4): "
        "519-527 【DOI】10.1002/jor.1100150407\n", encoding="utf-8")
    result = run_verify(["verify", "refs.txt", "--json"], server.url, tmp_path, monkeypatch)
    first, second = json.loads(result.stdout)["citations"]
    assert (first["location"], first["status"]) == ("refs.txt:1", "verified")
    assert {f for f, c in first["fields"].items() if c["match"]} == {
        "title", "journal", "volume", "issue", "page", "year"}
    assert (second["location"], second["status"]) == ("refs.txt:9", "mismatch")
    assert [f for f, c in second["fields"].items() if c["match"] is False] == ["volume"]


def test_a_posts_own_byline_in_labelled_lines_is_no_citation():
    """Labelled lines that name no published work (a title and an author, no journal, no
    DOI) are no citation: a post's own 标题：… 作者：… byline is not searched for."""
    lines = ["标题：龙与熊之间：中等强国外交的典范", "作者：国政学人", "编译：吴天麟",
             "[1] Gross JB, Wilkens H. Albinism in phylogenetically and geographically distinct "
             "populations of Astyanax cavefish. Heredity. 2013;111(2):122-30."]
    assert split_reference_lines("\n".join(lines)) == [
        (number, unicodedata.normalize("NFKC", line)) for number, line in enumerate(lines, 1)]
    assert [text for _, text in find_references(lines)] == [lines[3]]


GROSS_ZH = ("GROSS J B, WILKENS H. Albinism in phylogenetically and geographically distinct "
            "populations of Astyanax cavefish arises through the same loss-of-function Oca2 "
            "allele[J]. Heredity, 2013年, 第%s卷第%s期, 第%s页. DOI:10.1038/hdy.2013.26")


@pytest.mark.parametrize("volume, issue, pages, wrong", [
    ("111", "2", "122-130", []),
    ("112", "2", "122-130", ["volume"]),
    ("111", "3", "122-130", ["issue"]),
    ("111", "2", "122-131", ["page"]),
])
def test_volume_issue_and_pages_written_in_chinese_are_compared(
        server, tmp_path, volume, issue, pages, wrong):
    """Chinese posts write the numbers ``第111卷第2期, 第122-130页``: none was read, so a
    wrong volume, issue or page was never compared and the citation "verified"."""
    result = Verifier(client_for(server.url, tmp_path)).verify(
        GROSS_ZH % (volume, issue, pages))
    assert result.status == ("mismatch" if wrong else "verified")
    assert [f for f, c in result.fields.items() if c.match is False] == wrong
    assert {"volume", "issue", "page"} <= {f for f, c in result.fields.items()
                                           if c.match is not None}


NG_NATURE_ZH = ("Chiang, C., %s, A.J., Davis, J.R. 等 %s. Nat Genet 49, 692–699 (2017). "
                "https://doi.org/10.1038/ng.3834")


@pytest.mark.parametrize("second, title, wrong", [
    ("Scott", "The impact of structural variation on human gene expression", []),
    ("Smith", "The impact of structural variation on human gene expression", ["author"]),
    ("Scott", "Revisiting the impact of structural variation on human gene expression",
     ["title"]),
])
def test_deng_after_initials_ends_the_authors_not_opens_the_title(
        server, tmp_path, second, title, wrong):
    """Nature's style as Chinese posts copy it puts 等 for "et al." after the last initials,
    with no full stop of its own (``Davis, J.R. 等 The impact …``). 等 was taken for a word
    of the title, and the authors for a list without et al.: a right citation was wrong on
    authors and title, and a wrong author or title word was blamed on both."""
    result = Verifier(client_for(server.url, tmp_path)).verify(NG_NATURE_ZH % (second, title))
    assert result.status == ("mismatch" if wrong else "verified")
    assert [f for f, c in result.fields.items() if c.match is False] == wrong


BECK_ZH = ("BECK S E, QUEEN S E, WITWER K W, et al. Paving the path to HIV neurotherapy: "
           "Predicting SIV CNS disease[J]. %s, 2015, 759: 303-312. "
           "DOI: 10.1016/j.ejphar.2015.03.018")


@pytest.mark.parametrize("journal, match", [
    ("Eur J Pharmacol（欧洲药理学杂志）", True),
    ("European Journal of Pharmacology《欧洲药理学杂志》", True),
    ("Eur J Neurosci（欧洲神经科学杂志）", False),
])
def test_a_journal_translated_into_chinese_in_brackets_is_the_journal_before_them(
        server, tmp_path, journal, match):
    """Chinese posts print the journal's name with its translation in brackets after it. The
    translation was read as part of the name: the journal, right or abbreviated, was "neither
    … nor an abbreviation of it". The name before the brackets is compared, and reported as
    written."""
    result = Verifier(client_for(server.url, tmp_path)).verify(BECK_ZH % journal)
    assert result.status == ("verified" if match else "mismatch")
    check = result.fields["journal"]
    assert check.match is match
    assert check.cited.startswith(re.split("[（《]", journal)[0])  # as written, not cut


@pytest.mark.parametrize("printed", [
    "10.1016/j. ejphar. 2015. 03. 018",
    "10. 1016/j. ejphar. 2015. 03. 018",
    "10.1016/j.ejphar.2015.03.018",
])
def test_a_doi_printed_with_a_space_after_each_full_stop_is_the_whole_doi(
        server, tmp_path, printed):
    """Chinese journals' GB/T 7714 lists, and posts copying them, print a DOI with a space
    after each full stop. Its first word alone (``10.1016/j``) was taken for the DOI:
    "not_found", for a right citation."""
    result = Verifier(client_for(server.url, tmp_path)).verify(BECK_ZH.replace(
        "10.1016/j.ejphar.2015.03.018", printed) % "European Journal of Pharmacology")
    assert (result.status, result.doi) == ("verified", "10.1016/j.ejphar.2015.03.018")


def test_a_full_stop_and_a_space_after_a_whole_doi_still_end_it():
    """What follows a DOI that has its own full stop ("…/ng.3834. Epub 2017"), or a capital
    word ("…/ng. PMID"), is no part of it."""
    assert find_dois(["doi: 10.1038/ng.3834. epub 2017 Apr 3."]) == ["10.1038/ng.3834"]
    assert find_dois(["doi:10.1038/ng. PMID: 28369037"]) == ["10.1038/ng"]


@pytest.mark.parametrize("english, wrong", [
    ("The impact of structural variation on human gene expression", []),
    ("The impact of structural variants on mouse gene expression", ["title"]),
])
def test_a_blocks_title_in_english_after_its_chinese_translation_is_the_one_compared(
        server, tmp_path, monkeypatch, english, wrong):
    """A block that gives the translation first (标题：…) and the work's title after it
    (英文标题：…) had the translation compared, "written in another script", and a wrong
    English title was never checked."""
    block = (f"标题：结构变异对人类基因表达的影响\n英文标题：{english}\n期刊：Nature Genetics\n"
             "DOI：10.1038/ng.3834")
    (tmp_path / "refs.txt").write_text(block + "\n", encoding="utf-8")
    result = run_verify(["verify", "refs.txt", "--json"], server.url, tmp_path, monkeypatch)
    [citation] = json.loads(result.stdout)["citations"]
    assert citation["status"] == ("mismatch" if wrong else "verified")
    assert citation["fields"]["title"]["match"] is not wrong


# the record of 10.1038/ng.3834 cited in Vancouver's form, its volume 49 miswritten 48
NG_3834_WRONG_VOLUME = ("Chiang C, Scott AJ, Davis JR, et al. The impact of structural "
                        "variation on human gene expression. Nat Genet. 2017;48(5):692-699. "
                        "doi:10.1038/ng.3834")


@pytest.mark.parametrize("body", [
    # after 参考文献： on its line
    f"参考文献：{NG_3834_WRONG_VOLUME}",
    # in a paragraph of its own, under no heading and with no number or label; prose naming
    # the same work and DOI after it is no second reference (its words would be compared too)
    f"{NG_3834_WRONG_VOLUME}\n\nChiang C and colleagues showed in Nat Genet "
    "2017;49(5):692-699 that structural variation shapes gene expression "
    "(doi:10.1038/ng.3834).",
], ids=["after-its-label", "a-paragraph-alone"])
def test_a_reference_standing_alone_is_checked_field_by_field(server, tmp_path, monkeypatch,
                                                              body):
    """A whole reference with a wrong volume (the recorded work's is 49), after 参考文献： on
    its line or alone in its paragraph: it was reported verified, its DOI checked for
    existence alone."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 文献\nurl: https://mp.weixin.qq.com/s/CitesInAParagraph01\n"
                    f"---\n\n正文。\n\n{body}\n", encoding="utf-8")
    result = run_verify(["verify", post, "--json"], server.url, tmp_path, monkeypatch)
    assert result.exit_code == ExitCode.CITATION_WRONG, result.output
    [citation] = json.loads(result.stdout)["citations"]
    assert citation["status"] == "mismatch" and citation["text"] == NG_3834_WRONG_VOLUME
    assert [f for f, c in citation["fields"].items() if c["match"] is False] == ["volume"]


def test_the_library_verifies_archived_posts_keeps_the_results_and_exports_them(
        server, tmp_path, monkeypatch):
    """What README's Library section shows: ``verify_posts`` checks an archived post's
    citations as ``archiver verify`` does and keeps them (``list`` then counts them), offline
    it calls none verified, and ``export_archive`` writes what ``archiver export`` writes."""
    from archiver import export_archive, ingest_paths, load_config, verify_posts

    case = next(c for c in CASES if c["doi"] and c["expect"] == "verified")
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 文献\nurl: https://mp.weixin.qq.com/s/LibraryCitesAWork01\n"
                    f"---\n\n正文。\n\n参考文献\n\n1. {case['text']}\n", encoding="utf-8")
    config = load_config({"ARCHIVER_CROSSREF_URL": server.url,
                          "ARCHIVER_CACHE_DIR": str(tmp_path / "cache")}, tmp_path
                         ).with_overrides(archive=tmp_path / "archive", fetch=False)
    [ingested] = ingest_paths([post], config)
    archive = Archive.open(config.archive)

    offline = verify_posts(archive, config, offline=True, keep=False)
    assert [(r.status, bool(r.reason)) for r in offline[ingested.object_id]] == [
        ("unresolved", True)]
    assert "citations.json" not in archive.versions(ingested.object_id)[-1].state

    [(object_id, results)] = verify_posts(archive, config, [ingested.object_id] * 2).items()
    assert object_id == ingested.object_id  # asked twice, checked and kept once
    assert [(r.status, r.doi) for r in results] == [("verified", case["doi"].lower())]
    listed = run_verify(["list", "--archive", config.archive, "--json"], server.url, tmp_path,
                        monkeypatch)
    assert json.loads(listed.stdout)["citations"]["verified"] == 1
    assert json.loads(listed.stdout)["citations"]["total"] == 1

    command = run_verify(["export", "bibtex", "--cited", "--archive", config.archive, "-q"],
                         server.url, tmp_path, monkeypatch)
    assert command.exit_code == 0, command.output
    assert export_archive(archive, "bibtex", cited=True) == command.stdout
    assert case["doi"].lower() in export_archive(archive, "csl-json", only_cited=True).lower()


def test_a_post_or_file_named_twice_is_checked_reported_and_kept_once(server, tmp_path,
                                                                       monkeypatch):
    """``archiver verify ID ID`` (or its id and a prefix of it, or a file and the same file
    by another path) checks each post once: the report counts its citations once and the
    kept ``citations.json`` holds each once, as ``verify_posts`` does."""
    case = next(c for c in CASES if c["doi"] and c["expect"] == "verified")
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 文献\nurl: https://mp.weixin.qq.com/s/CitedTwiceOnALine1\n"
                    f"---\n\n正文。\n\n参考文献\n\n1. {case['text']}\n", encoding="utf-8")
    archive = tmp_path / "archive"
    ingested = run_verify(["ingest", post, "--archive", archive, "--json", "--no-fetch"],
                          server.url, tmp_path, monkeypatch)
    object_id = json.loads(ingested.stdout)["id"]

    named = run_verify(["verify", object_id, object_id[:12], "--archive", archive, "--json"],
                       server.url, tmp_path, monkeypatch)
    assert named.exit_code == 0, named.output
    assert [c["status"] for c in json.loads(named.stdout)["citations"]] == ["verified"]
    kept = Archive.open(archive).read_json(object_id, "citations.json")
    assert [c["status"] for c in kept["citations"]] == ["verified"]

    files = run_verify(["verify", post, tmp_path / "." / "post.md", "--json"], server.url,
                       tmp_path, monkeypatch)
    assert [c["status"] for c in json.loads(files.stdout)["citations"]] == ["verified"]
    missing = run_verify(["verify", "gone.md", "gone.md", "--json"], server.url, tmp_path,
                         monkeypatch)
    assert len(json.loads(missing.stdout)["errors"]) == 1  # one file, named twice


def test_ingest_verify_of_a_file_matching_an_earlier_version_checks_that_file(
        server, tmp_path, monkeypatch):
    """A file found unchanged against v1 of a post whose head is v2: its own citations are
    checked (the ones the user named), said as v1's, and not kept (a post's results are
    kept with its head, which this file is not); a work the head's results gave a key to
    has it here too."""
    right = next(c for c in CASES if c["expect"] == "verified" and c["doi"])
    wrong = next(c for c in CASES if c["expect"] == "mismatch" and c["doi"])
    head = "---\ntitle: 引文核对\nauthor: 某公众号\ndate: 2021-03-04\n---\n\n参考文献\n\n"
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(head + wrong["text"] + "\n\n" + right["text"] + "\n", encoding="utf-8")
    new.write_text(head + right["text"] + "\n", encoding="utf-8")
    archive = tmp_path / "archive"
    first = run_verify(["ingest", old, "--archive", archive, "--no-fetch"], server.url,
                       tmp_path, monkeypatch)
    assert first.exit_code == ExitCode.OK, first.stderr
    current = run_verify(["ingest", new, "--archive", archive, "--no-fetch", "--verify",
                          "--json"], server.url, tmp_path, monkeypatch)
    assert current.exit_code == ExitCode.OK, current.stderr
    line, document = (json.loads(x) for x in current.stdout.splitlines())
    object_id, [kept] = line["id"], document["citations"]
    assert kept["status"] == "verified" and "version" not in kept and kept["key"]
    versions = len(Archive.open(archive).versions(object_id))

    again = run_verify(["ingest", old, "--archive", archive, "--no-fetch", "--verify",
                        "--json"], server.url, tmp_path, monkeypatch)
    line, document = (json.loads(x) for x in again.stdout.splitlines())
    assert (line["status"], line["version"]) == ("unchanged", "v1")
    assert again.exit_code == ExitCode.CITATION_WRONG, again.stderr
    assert schema.errors("verify-report", document) == []
    assert [(e["status"], e["post"], e["version"], e.get("key"))
            for e in document["citations"]] == [("mismatch", object_id, "v1", None),
                                                ("verified", object_id, "v1", kept["key"])]
    assert "kept" not in document
    assert (f"old.md is v1 of {object_id}, whose head is v3: its citations are checked as "
            "v1 holds them, and the results are not kept") in again.stderr
    assert f"  mismatch (in v1 of {object_id}, not kept): " in again.stderr
    assert len(Archive.open(archive).versions(object_id)) == versions  # nothing kept


def test_ingest_verify_of_two_files_of_one_post_checks_the_head_they_made_once(
        server, tmp_path, monkeypatch):
    """The first file adds v1, the second replaces it with v2 in the same run: v1 is no
    longer the post, nor a file found unchanged against it; the head alone is checked and
    kept, its citation counted once."""
    right = next(c for c in CASES if c["expect"] == "verified" and c["doi"])
    head = "---\ntitle: 引文核对\nauthor: 某公众号\ndate: 2021-03-04\n---\n\n参考文献\n\n"
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text(head + right["text"] + "\n", encoding="utf-8")
    second.write_text(head + "按：又及。\n\n" + right["text"] + "\n", encoding="utf-8")
    result = run_verify(["ingest", first, second, "--archive", tmp_path / "archive",
                         "--no-fetch", "--verify", "--json"], server.url, tmp_path,
                        monkeypatch)
    assert result.exit_code == ExitCode.OK, result.stderr
    *lines, report = (json.loads(x) for x in result.stdout.splitlines())
    assert [(x["status"], x["version"]) for x in lines] == [("added", "v1"), ("updated", "v2")]
    [entry] = report["citations"]
    assert entry["status"] == "verified" and "version" not in entry
    assert "whose head is" not in result.stderr
