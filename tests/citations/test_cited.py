"""Specification of the record-guided citation reader (archiver/citations/cited.py).

``read_citation(text, record)`` says what a citation string claims. It first looks for the
Crossref record's own title and journal in the string; the authors are what comes before the
title, the numbers what follows the journal. The style decides how numbers read: APA's
``(2017)`` after the authors, GB/T 7714's ``2018(1): 75-92`` (year and issue), MLA's
``vol. 49, no. 5``, Nature's ``49, 692–699 (2017)``. A value the string does not give stays
None: only a value that is printed can be wrong.

Records: recorded Crossref responses (fixtures/crossref). Citation strings: written for these
tests in the published style rules.
"""

from __future__ import annotations

import pytest

from archiver.citations.cited import read_citation
from archiver.citations.verify import compare_fields

from crossref_server import load_recordings

WORKS = {doi: data["message"] for doi, data in load_recordings().items()}


GTEX = WORKS["10.1038/ng.3834"]
ECON = WORKS["10.3280/ecag2018-001005"]  # no volume: issue 1 of 2018, pages 75-92
RSPB = WORKS["10.1098/rspb.2017.0132"]  # issue 1855, which looks like a year
ORTHOP = WORKS["10.1002/jor.1100150407"]  # Journal of Orthopaedic Research 15(4) 519-527, 1997
HINDAWI = WORKS["10.1155/2012/291294"]  # Pulmonary Medicine, volume 2012 of 2012
EJP = WORKS["10.1016/j.ejphar.2015.03.018"]  # European Journal of Pharmacology 759, 2015
HEREDITY = WORKS["10.1038/hdy.2013.26"]  # Heredity 111(2) 122-130
CHAPTER = WORKS["10.5005/jp/books/12414_3"]  # a book chapter, page 27, 2015
FRONTIERS = WORKS["10.3389/fpls.2019.00816"]  # Front. Plant Sci. 10, no pages


def claims(text: str, message: dict) -> dict:
    return read_citation(text, message).to_json()


def test_apa_authors_year_title_journal_volume_issue_pages_and_doi():
    text = ("Chiang, C., Scott, A. J., Davis, J. R., et al. (2017). The impact of structural "
            "variation on human gene expression. Nature Genetics, 49(5), 692–699. "
            "https://doi.org/10.1038/ng.3834")
    assert claims(text, GTEX) == {
        "doi": "10.1038/ng.3834", "authors": "Chiang, C., Scott, A. J., Davis, J. R., et al",
        "et_al": True, "title": "The impact of structural variation on human gene expression",
        "journal": "Nature Genetics", "volume": "49", "issue": "5", "page": "692–699",
        "year": "2017"}


@pytest.mark.parametrize("date", ["2024, January 25", "2024, Spring", "2024, March 3–5"])
def test_an_apa_date_with_month_and_day_gives_the_year(date):
    """APA dates blog posts and other dated works to the day: (2021, January 25)."""
    text = (f"Fenner, M. ({date}). Do we need to fix science blogs? Front Matter. "
            "https://doi.org/10.53731/avg2ykg-gdxppcd")
    read = claims(text, WORKS["10.53731/avg2ykg-gdxppcd"])
    assert (read["year"], read["authors"]) == ("2024", "Fenner, M")


def test_mla_numbers_carry_their_labels():
    text = ("Chiang, Colby, et al. “The Impact of Structural Variation on Human Gene "
            "Expression.” Nature Genetics, vol. 49, no. 5, 2017, pp. 692–99.")
    found = claims(text, GTEX)
    assert (found["volume"], found["issue"], found["year"], found["page"]) == \
        ("49", "5", "2017", "692–99")


def test_mla_pages_after_a_container_crossref_does_not_name_end_it():
    """A container that is not Crossref's (so not found by its name) ends where MLA's "pp."
    begins: the pages are read as pages, not as the end of the container."""
    record = next(w for d, w in WORKS.items() if d.startswith("10.1109/icdcsw"))
    text = ("Arya, V., and T. Turletti. “Accurate and explicit differentiation of wireless and "
            "congestion losses.” Computer Vision Systems, IEEE, pp. 877–82.")
    found = claims(text, record)
    assert (found["journal"], found["page"]) == ("Computer Vision Systems, IEEE", "877–82")


def test_nature_style_year_after_the_pages_is_the_year_not_an_issue():
    text = ("Chiang, C. et al. The impact of structural variation on human gene expression. "
            "Nat. Genet. 49, 692–699 (2017).")
    found = claims(text, GTEX)
    assert (found["journal"], found["volume"], found["page"], found["year"]) == \
        ("Nat. Genet", "49", "692–699", "2017")
    assert "issue" not in found


def test_gbt_7714_year_before_volume_and_issue():
    text = ("CHIANG C, SCOTT A J, DAVIS J R, et al. The impact of structural variation on "
            "human gene expression[J]. Nature Genetics, 2017, 49(5): 692-699.")
    found = claims(text, GTEX)
    assert (found["authors"], found["et_al"]) == ("CHIANG C, SCOTT A J, DAVIS J R, et al", True)
    assert (found["volume"], found["issue"], found["page"], found["year"]) == \
        ("49", "5", "692-699", "2017")


def test_gbt_7714_year_and_issue_without_a_volume():
    text = ("OH S E, VUKINA T. Substitutability between organic and conventional poultry "
            "products and the implications for the organic market[J]. Economia "
            "agro-alimentare, 2018(1): 75-92.")
    found = claims(text, ECON)
    assert (found["year"], found["issue"], found["page"]) == ("2018", "1", "75-92")
    assert "volume" not in found


def test_chicago_notes_year_in_brackets_after_the_issue():
    text = ("Colby Chiang et al., “The Impact of Structural Variation on Human Gene "
            "Expression,” Nature Genetics 49, no. 5 (2017): 692–699.")
    found = claims(text, GTEX)
    assert (found["volume"], found["issue"], found["year"], found["page"]) == \
        ("49", "5", "2017", "692–699")


def test_a_wrong_year_in_chicago_brackets_is_read_as_the_year():
    text = ("Chiang, Colby, et al. “The Impact of Structural Variation on Human Gene "
            "Expression.” Nature Genetics 49 (2019): 692–699.")
    found = claims(text, GTEX)
    assert (found["volume"], found["year"]) == ("49", "2019")
    assert "issue" not in found


def test_an_issue_that_looks_like_a_year_stays_the_issue():
    text = ("Dougherty LR, et al. Sexual conflict and correlated evolution between male "
            "persistence and female resistance traits in the seed beetle Callosobruchus "
            "maculatus. Proc R Soc B. 2017;284(1855):20170132.")
    found = claims(text, RSPB)
    assert (found["volume"], found["issue"], found["year"], found["page"]) == \
        ("284", "1855", "2017", "20170132")


def test_elsevier_volume_year_in_brackets_then_pages():
    text = ("R.L. Lieber, et al., Growth hormone secretagogue increases muscle strength during "
            "remobilization after canine hindlimb immobilization, J. Orthop. Res. 16 (1997) "
            "519–527.")
    found = claims(text, ORTHOP)
    assert (found["volume"], found["year"], found["page"]) == ("16", "1997", "519–527")
    assert "issue" not in found


@pytest.mark.parametrize(("text", "page"), [
    # an article number of two or three letters and digits, as Science and AGU number them
    ("Chiang, C., Scott, A. J., Davis, J. R., et al. (2017). The impact of structural variation "
     "on human gene expression. Nature Genetics, 49(5), aac4718. https://doi.org/10.1038/ng.3834",
     "aac4718"),
    ("Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation on human gene "
     "expression[J]. Nature Genetics, 2017, 49(5): aac4718.", "aac4718"),
    # Science's and Science Advances' own: "e" and three letters
    ("Chiang, C., Scott, A. J., Davis, J. R., et al. (2017). The impact of structural variation "
     "on human gene expression. Nature Genetics, 49(5), eaac4718.", "eaac4718"),
    ("Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation on human gene "
     "expression[J]. Nature Genetics, 2017, 49(5): eaac4718.", "eaac4718"),
])
def test_an_article_number_with_letters_before_it_is_the_page(text, page):
    assert claims(text, GTEX)["page"] == page


def test_a_volumes_part_after_it_leaves_the_volume_read():
    text = ("Chiang, C., Scott, A. J., & Davis, J. R. (2017). The impact of structural "
            "variation on human gene expression. Nature Genetics, 49 Pt 1, 692–699.")
    assert claims(text, GTEX)["volume"] == "49"


def test_mlas_thesis_year_before_its_university_is_the_year():
    """The recorded University of Queensland thesis, as MLA 9 prints a dissertation."""
    record = WORKS["10.14264/uql.2020.791"]
    text = (f"Collingwood, Patricia Maree. {record['title'][0]}. 2020. The University of "
            "Queensland, PhD dissertation, https://doi.org/10.14264/uql.2020.791.")
    found = read_citation(text, record)
    assert (found.year, found.journal) == ("2020", "The University of Queensland, PhD "
                                                   "dissertation")


def test_a_trial_registrys_number_after_a_colon_is_no_page():
    text = ("Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation on human "
            "gene expression. Nat Genet. 2017;49(5). ClinicalTrials.gov: NCT04280705.")
    assert "page" not in claims(text, GTEX)


@pytest.mark.parametrize(("text", "year", "volume"), [
    # a volume that is a year (JHEP's), after GB/T's year
    ("Chiang C, Scott A J, Davis J R, et al. The impact of structural variation on human gene "
     "expression[J]. Nature Genetics, 2016, 2017(5): 692-699.", "2016", "2017"),
    # GB/T's year(issue), no volume
    ("Chiang C, Scott A J, Davis J R, et al. The impact of structural variation on human gene "
     "expression[J]. Nature Genetics, 2017(5): 692-699.", "2017", None),
])
def test_a_gbt_volume_that_is_a_year_after_the_year_is_the_volume(text, year, volume):
    found = read_citation(text, GTEX)
    assert (found.year, found.volume, found.issue) == (year, volume, "5")


def test_a_wrong_year_in_brackets_before_a_comma_is_read_as_the_year():
    text = ("R.L. Lieber, et al., Growth hormone secretagogue increases muscle strength during "
            "remobilization after canine hindlimb immobilization, J. Orthop. Res. 15 (2000), "
            "519–527.")
    found = claims(text, ORTHOP)
    assert (found["volume"], found["year"], found["page"]) == ("15", "2000", "519–527")


def test_vancouver_with_a_month_after_the_year():
    text = ("Beck SE, Queen SE, Witwer KW, et al. Paving the path to HIV neurotherapy: "
            "Predicting SIV CNS disease. Eur J Pharmacol. 2015 May;759:303-312.")
    found = claims(text, EJP)
    assert (found["year"], found["volume"], found["page"]) == ("2015", "759", "303-312")


def test_an_issue_in_brackets_without_a_volume_after_the_year():
    text = ("Oh SE, Vukina T. Substitutability between organic and conventional poultry "
            "products and the implications for the organic market. Economia agro-alimentare. "
            "2018;(1):75-92.")
    found = claims(text, ECON)
    assert (found["year"], found["issue"], found["page"]) == ("2018", "1", "75-92")


def test_in_author_date_styles_a_year_like_bracket_after_the_volume_is_the_issue():
    text = ("Dougherty, Liam R., et al. 2017. “Sexual conflict and correlated evolution between "
            "male persistence and female resistance traits in the seed beetle Callosobruchus "
            "maculatus.” Proceedings of the Royal Society B: Biological Sciences 284 (1856): "
            "20170132.")
    found = claims(text, RSPB)
    assert (found["year"], found["volume"], found["issue"]) == ("2017", "284", "1856")


def test_a_year_printed_before_the_volume_makes_the_bracket_an_issue():
    text = ("Dougherty LR, et al. Sexual conflict and correlated evolution between male "
            "persistence and female resistance traits in the seed beetle Callosobruchus "
            "maculatus. Proc R Soc B. 2017;284(2017):20170132.")
    found = claims(text, RSPB)
    assert (found["year"], found["volume"], found["issue"]) == ("2017", "284", "2017")


def test_a_volume_that_is_a_year_before_the_year_in_brackets():
    text = ("Wendy Thanassi et al., “Delineating a Retesting Zone Using Receiver Operating "
            "Characteristic Analysis on Serial QuantiFERON Tuberculosis Test Results in US "
            "Healthcare Workers,” Pulmonary Medicine 2013 (2012): 1–7.")
    found = claims(text, HINDAWI)
    assert (found["volume"], found["year"], found["page"]) == ("2013", "2012", "1–7")


def test_gbt_7714_with_full_width_punctuation():
    text = ("CHIANG C，SCOTT A J，DAVIS J R，等. The impact of structural variation on human "
            "gene expression[J]. Nature Genetics，2017，49（5）：692-699.")
    found = claims(text, GTEX)
    assert (found["volume"], found["issue"], found["year"], found["page"]) == \
        ("49", "5", "2017", "692-699")


def test_gbt_7714_full_width_with_an_abbreviated_journal():
    text = ("LIEBER R L，JACKS T M，等. Growth hormone secretagogue increases muscle strength "
            "during remobilization after canine hindlimb immobilization[J]. J Orthop Res，1997，"
            "15（4）：519-527.")
    found = claims(text, ORTHOP)
    assert (found["journal"], found["volume"], found["issue"], found["page"]) == \
        ("J Orthop Res", "15", "4", "519-527")


def test_vancouver_with_a_list_number_in_front():
    text = ("[12] Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation on "
            "human gene expression. Nat Genet. 2017;49(5):692-699. doi:10.1038/ng.3834")
    found = claims(text, GTEX)
    assert found["authors"] == "Chiang C, Scott AJ, Davis JR, et al"
    assert (found["journal"], found["volume"], found["issue"], found["page"]) == \
        ("Nat Genet", "49", "5", "692-699")


def test_a_subtitle_crossrefs_title_lacks_is_read_as_part_of_the_title():
    # so that compare_title sees it, and says the subtitle is not Crossref's
    text = ("Chiang, C. et al. (2017). The impact of structural variation on human gene "
            "expression: a population study. Nature Genetics, 49(5), 692–699.")
    assert claims(text, GTEX)["title"] == (
        "The impact of structural variation on human gene expression: a population study")


def test_what_is_not_printed_is_not_claimed():
    found = claims("Chiang C. The impact of structural variation on human gene expression.",
                   GTEX)
    assert set(found) == {"authors", "title"}


def test_a_bare_doi_is_not_taken_for_a_list_number():
    # every DOI begins "10.", which reads like the number of a list item
    for text in ("10.1038/ng.3834", "10. 10.1038/ng.3834", "1) 10.1038/ng.3834"):
        assert claims(text, GTEX) == {"doi": "10.1038/ng.3834"}, text


@pytest.mark.parametrize("text", [
    "https://doi.org/10.1038%2Fng.3834",  # an encoded slash
    "https://doi.org/10.1038/ng.3834%E3%80%82",  # an encoded 。 after it
    "https://www.nature.com/articles/10.1038/ng.3834/figures/1",
    "ＤＯＩ：１０．１０３８／ｎｇ．３８３４",  # full-width forms
    "DOI: 10.1038/NG.3834;"])
def test_a_doi_is_found_in_every_form_a_post_prints_it(text):
    assert claims(text, GTEX) == {"doi": "10.1038/ng.3834"}, text


@pytest.mark.parametrize("label", ["doi:", "DOI: ", "DOI ", "[DOI] ", "doi：",
                                   "DOI: https://doi.org/"])
def test_the_word_doi_in_a_title_is_a_word_of_the_title_not_a_label(label):
    """SYNTHETIC record: GTEx's recorded record titled as a paper about DOIs would be. "doi"
    labels a DOI only with a colon, right before it, or at the end; in a title it stays."""
    record = {**GTEX, "title": ["The DOI system and the impact of structural variation"]}
    text = ("Chiang C, Scott AJ, Davis JR, et al. The DOI system and the impact of structural "
            f"variation. Nat Genet. 2017;49(5):692-699. {label}10.1038/ng.3834")
    from archiver.citations.verify import compare_fields
    checks = compare_fields(read_citation(text, record), text, record)
    assert checks["title"].match is True, checks["title"].reason
    assert all(check.match is not False for check in checks.values()), checks


# Styles the scored cases do not use, each built from a recorded record (the citation's
# fields are the record's, printed the way the style prints them).

def test_nature_a_volume_after_an_abbreviated_journal_is_no_part_of_its_name():
    text = ("Chiang, C. et al. The impact of structural variation on human gene expression. "
            "Nat. Genet. 49, 692–699 (2017). https://doi.org/10.1038/ng.3834")
    got = claims(text, GTEX)
    assert (got["journal"], got["volume"], got["page"], got["year"]) == (
        "Nat. Genet", "49", "692–699", "2017")


def test_chicago_a_volume_then_no_after_the_journal():
    text = ("Lieber, R. L. “Growth Hormone Secretagogue Increases Muscle Strength.” J Orthop "
            "Res 15, no. 4 (1997): 519–27.")
    got = claims(text, ORTHOP)
    assert (got["journal"], got["volume"], got["issue"], got["page"], got["year"]) == (
        "J Orthop Res", "15", "4", "519–27", "1997")


def test_nature_pages_and_year_with_no_volume():
    text = ("Rossetti, S. Substitutability between organic and conventional poultry products "
            "and organic price premiums. Econ. Agro-Aliment. 75–92 (2018). "
            "https://doi.org/10.3280/ecag2018-001005")
    got = claims(text, ECON)
    assert (got["journal"], got["page"], got["year"]) == ("Econ. Agro-Aliment", "75–92", "2018")
    assert "volume" not in got and "issue" not in got


def test_a_bracketed_year_after_a_volume_with_no_pages_is_the_year():
    text = ("Lieber, R. L. “Growth Hormone Secretagogue Increases Muscle Strength.” Journal of "
            "Orthopaedic Research 15 (1997).")
    got = claims(text, ORTHOP)
    assert (got["volume"], got["year"]) == ("15", "1997") and "issue" not in got


def test_ieee_article_number_is_the_page():
    text = ("C. Chiang et al., “The impact of structural variation on human gene expression,” "
            "Nature Genetics, vol. 49, no. 5, Art. no. 692, May 2017.")
    assert claims(text, GTEX)["page"] == "692"


def test_html_entities_copied_from_a_page_source_read_as_characters():
    text = ("Chiang, C. (2017). The impact of structural variation on human gene expression. "
            "Nature Genetics, 49(5), 692&#8211;699. https://doi.org/10.1038/ng.3834")
    assert claims(text, GTEX)["page"] == "692–699"


def test_a_title_with_entities_copied_from_a_page_source_matches_crossrefs():
    from archiver.citations.verify import compare_fields
    record = WORKS["10.1371/journal.pone.0000030"]
    text = ("Ralser, M., Heeren, G., Breitenbach, M., Lehrach, H., &amp; Krobitsch, S. (2006). "
            "Triose phosphate isomerase deficiency is caused by altered Dimerization&#8211;Not "
            "catalytic inactivity&#8211;of the mutant enzymes. PLoS ONE, 1(1), e30. "
            "https://doi.org/10.1371/journal.pone.0000030")
    checks = compare_fields(read_citation(text, record), text, record)
    assert {name: check.match for name, check in checks.items()
            if check.match is not None} == dict.fromkeys(
        ("author", "title", "journal", "volume", "issue", "page", "year", "doi"), True)


@pytest.mark.parametrize(("text", "record", "page"), [
    # a book's volume before its publisher is no chapter page
    ("Saha, A. Physical examinations. in Clinical Methods and Interpretation in Medicine 3 "
     "(Jaypee, 2015).", "10.5005/jp/books/12414_3", None),
    # "Art. ID 291294": the number, never "ID"
    ("W. Thanassi et al., \"Delineating a retesting zone,\" Pulm. Med., vol. 2012, Art. ID "
     "291294, 2012.", "10.1155/2012/291294", "291294"),
])
def test_numbers_near_a_label_are_read_as_what_they_are(text, record, page):
    assert claims(text, WORKS[record]).get("page") == page


def test_a_volume_with_a_letter_after_an_abbreviated_journal_is_the_volume():
    text = ("Chiang, C. et al. The impact of structural variation on human gene expression. "
            "Nat. Genet. 49A, 692–699 (2017). https://doi.org/10.1038/ng.3834")
    assert claims(text, GTEX)["volume"] == "49A"


# -- when the record's title is not in the string -------------------------------------------------

JCP = WORKS["10.1136/jclinpath-2020-206745"]  # its title: "…detecting\n  <i>KRAS</i>\n  /…"


def test_et_al_ends_the_authors_when_the_title_is_misspelt():
    """The title's first word misspelt, the record's title is not found: "et al." still ends
    the author list, the title runs from it to the full stop, and the journal and numbers
    follow."""
    text = ("Xu J, Qu S, Sun N, et al. Constructoin of a reference material panel for detecting "
            "KRAS/NRAS/EGFR/BRAF/MET mutations in plasma ctDNA. J Clin Pathol. "
            "2020;74(5):314-320. doi:10.1136/jclinpath-2020-206745")
    assert claims(text, JCP) == {
        "doi": "10.1136/jclinpath-2020-206745", "authors": "Xu J, Qu S, Sun N, et al",
        "et_al": True, "title": "Constructoin of a reference material panel for detecting "
        "KRAS/NRAS/EGFR/BRAF/MET mutations in plasma ctDNA", "journal": "J Clin Pathol",
        "volume": "74", "issue": "5", "page": "314-320", "year": "2020"}


def test_et_al_then_the_year_then_a_misspelt_title():
    """APA's "(2017).", Chicago author-date's "2017." and Harvard's "(2017)" between the
    authors and the title: the year, not the title's first word."""
    for after in ("(2017).", "2017.", "(2017)"):
        text = (f"Chiang, C., Scott, A. J., Davis, J. R., et al. {after} Teh impact of "
                "structural variation on human gene expression. Nature Genetics, 49(5), 692–699.")
        found = claims(text, GTEX)
        assert (found["authors"], found["year"], found["title"], found["journal"]) == (
            "Chiang, C., Scott, A. J., Davis, J. R., et al", "2017",
            "Teh impact of structural variation on human gene expression",
            "Nature Genetics"), after


def test_an_issue_like_a_year_before_the_pages_is_no_author_date():
    """Without et al. and with the title misspelt, "2017;284(1855):20170132" is still the
    volume, issue and pages: a bracketed year-like number followed by a colon is not APA's
    "(2017)." date after the authors."""
    text = ("Dougherty LR, van Lieshout E, McNamara KB, Moschilla JA, Arnqvist G, Simmons LW. "
            "Sexaul conflict and correlated evolution between male persistence and female "
            "resistance traits in the seed beetle Callosobruchus maculatus. Proc R Soc B. "
            "2017;284(1855):20170132.")
    found = claims(text, RSPB)
    assert (found["volume"], found["issue"], found["page"], found["year"]) == \
        ("284", "1855", "20170132", "2017")


def test_a_title_copied_with_crossrefs_markup_is_read_as_the_title():
    """Crossref's own markup in the citation (copied from its record) is no part of the
    words: the record's title is found, and the authors and journal around it."""
    title = " ".join(JCP["title"][0].split())  # "…detecting <i>KRAS</i> / <i>NRAS</i> / …"
    text = (f"Xu J, Qu S, Sun N, et al. {title}. J Clin Pathol. 2020;74(5):314-320.")
    found = claims(text, JCP)
    assert (found["authors"], found["journal"], found["volume"], found["page"]) == \
        ("Xu J, Qu S, Sun N, et al", "J Clin Pathol", "74", "314-320")
    assert found["title"].startswith("Construction of") and "<i>" not in found["title"]


@pytest.mark.parametrize("style", [
    "Gross, J. B., & Wilkens, H. (2013). Albinism in phylogenetically and geographically "
    "distinct populations of Astyanax cavefish arises through the same loss-of-function Oca2 "
    "allele. {journal}, 111(2), 122–130.",
    "Gross J B, Wilkens H. Albinism in phylogenetically and geographically distinct "
    "populations of Astyanax cavefish arises through the same loss-of-function Oca2 "
    "allele[J]. {journal}, 2013, 111(2): 122-130.",
    "Gross, J B, and H Wilkens. 2013. “Albinism in phylogenetically and geographically "
    "distinct populations of Astyanax cavefish arises through the same loss-of-function Oca2 "
    "allele.” {journal} 111 (2): 122–30."], ids=["apa", "gbt7714", "chicago"])
def test_the_journal_is_read_whole_where_it_holds_crossrefs_name(style):
    """Crossref's "Heredity" is found inside "Journal of Heredity": the journal cited is the
    whole name the citation writes there, so that it is compared as the other journal it is."""
    assert claims(style.format(journal="Journal of Heredity"), HEREDITY)["journal"] == \
        "Journal of Heredity"
    assert claims(style.format(journal="Heredity"), HEREDITY)["journal"] == "Heredity"


@pytest.mark.parametrize("accessed", [
    "Accessed March 14, 2021.", "Retrieved 14 March 2021.", "(accessed on 2021-03-14)",
    "[cited 2021 Mar 14].", "[2021-03-14]."])
def test_the_date_an_online_source_was_read_is_none_of_its_numbers(accessed):
    text = ("Saha, Ashis. 2015. “Physical Examinations.” In Clinical Methods and "
            f"Interpretation in Medicine, 27. Jaypee Brothers Medical Publishers. {accessed}")
    claimed = claims(text, CHAPTER)
    assert claimed["page"] == "27"
    assert claimed["year"] == "2015"


@pytest.mark.parametrize("journal", ["Front. Plant Sci.", "Front Plant Sci",
                                     "Frontiers in Plant Science"])
def test_a_volume_alone_after_an_abbreviation_ending_in_a_period_is_read(journal):
    text = ("Fortes, A. M., Agudelo-Romero, P., Pimentel, D., & Alkan, N. (2019). "
            "Transcriptional Modulation of Polyamine Metabolism in Fruit Species Under Abiotic "
            f"and Biotic Stress. {journal}, 11. https://doi.org/10.3389/fpls.2019.00816")
    assert claims(text, FRONTIERS)["volume"] == "11"


@pytest.mark.parametrize("journal", ["Proc. R. Soc. B Biol. Sci.", "Proc. R. Soc. B"])
def test_an_iso_abbreviation_holding_crossrefs_short_title_is_the_journal(journal):
    """Crossref's short title "Proc. R. Soc. B" is found at the start of the ISO 4
    abbreviation of the full one: read up to its first period, it still abbreviates the
    record's journal, and is no other journal."""
    text = ("Dougherty, L. R., van Lieshout, E., McNamara, K. B., Moschilla, J. A., Arnqvist, "
            "G., & Simmons, L. W. (2017). Sexual conflict and correlated evolution between male "
            "persistence and female resistance traits in the seed beetle Callosobruchus "
            f"maculatus. {journal}, 284(1855), 20170132.")
    fields = compare_fields(read_citation(text, RSPB), text, RSPB)
    assert fields["journal"].match is True


# Forms a probe of other styles found misread (each built from a recorded record, in the
# style's own rules; the wrong number in some is the error a reader must see).

ASTYANAX = ("Albinism in phylogenetically and geographically distinct populations of Astyanax "
            "cavefish arises through the same loss-of-function Oca2 allele")
LIEBER = ("Growth hormone secretagogue increases muscle strength during remobilization after "
          "canine hindlimb immobilization")
NEUROBIOL = WORKS["10.1016/j.neurobiolaging.2010.03.024"]
RIVERS = WORKS["10.1371/journal.pone.0214986"]


@pytest.mark.parametrize("journal", ["*Heredity, 112*(3)", "*Heredity*, *112*(3)",
                                     "_Heredity_, _112_(3)", "**Heredity**, 112(3)"])
def test_markdown_emphasis_is_no_part_of_the_journal_or_its_numbers(journal):
    """APA's italics as Markdown writes them (what Pandoc, Zotero's Markdown export and chat
    assistants give): the volume inside them is still the volume."""
    text = f"Gross, J. B., & Wilkens, H. (2013). {ASTYANAX}. {journal}, 122–130."
    read = claims(text, HEREDITY)
    assert (read["journal"], read["volume"], read["issue"]) == ("Heredity", "112", "3")


def test_nature_style_in_markdown_reads_the_bold_volume():
    text = ("Lee, H. J. et al. Human umbilical cord blood-derived mesenchymal stem cells improve "
            "neuropathology and cognitive impairment in an Alzheimer's disease mouse model "
            "through modulation of neuroinflammation. *Neurobiol. Aging* **34**, 588–602 (2012).")
    read = claims(text, NEUROBIOL)
    assert (read["journal"], read["volume"], read["page"]) == ("Neurobiol. Aging", "34",
                                                               "588–602")


def test_a_star_or_underscore_inside_a_word_stays():
    from archiver.citations.cited import citation_body
    assert citation_body("Smith J. On C*-algebras and snake_case names. J Odd. 2019;1:2.")[0] \
        == "Smith J. On C*-algebras and snake_case names. J Odd. 2019;1:2."


def test_ieee_capitalised_vol_and_no_end_an_abbreviated_journal():
    text = (f'[5] R. L. Lieber et al., "{LIEBER}," J. Orthop. Res., Vol. 16, No. 4, '
            "pp. 519–527, 1997.")
    read = claims(text, ORTHOP)
    assert (read["journal"], read["volume"], read["issue"]) == ("J. Orthop. Res", "16", "4")


@pytest.mark.parametrize("container", [
    "SIGMOD '21", "Proceedings of the 2021 International Conference on Management of Data"])
def test_acms_pages_label_after_a_comma_ends_the_proceedings_name(container):
    """ACM's older reference format: "In <proceedings>, pages 1386–1399." The label is no
    part of the name."""
    sigmod = WORKS["10.1145/3448016.3452841"]
    text = (f"Prashant Pandey, Alex Conway, Joe Durie, Michael A. Bender, Martin "
            f"Farach-Colton, and Rob Johnson. 2021. Vector Quotient Filters. In {container}, "
            "pages 1386–1399.")
    read = claims(text, sigmod)
    assert read["journal"].removeprefix("In ") == container  # ("In" is the compare's to drop)
    assert (read["page"], read["year"]) == ("1386–1399", "2021")


@pytest.mark.parametrize("month", ["Nov.", "November", "Nov"])
def test_ieee_date_after_the_pages_gives_no_issue(month):
    """IEEE dates an article by its month after the pages: the "No" of "Nov. 1997" is no
    issue label (an issue 'v' against Crossref's 4 was a false alarm)."""
    text = (f'R. L. Lieber et al., "{LIEBER}," J. Orthop. Res., vol. 15, pp. 519–527, '
            f"{month} 1997.")
    read = claims(text, ORTHOP)
    assert (read["volume"], read.get("issue"), read["page"], read["year"]) == (
        "15", None, "519–527", "1997")
    fields = compare_fields(read_citation(text, ORTHOP), text, ORTHOP)
    assert all(check.match for check in fields.values())


@pytest.mark.parametrize(("numbers", "page"), [
    ("2013, Volume: 111, Issue: 2, Pages: 122-130.", "122-130"),
    ("Vol: 111, No: 2, pp: 122-130, 2013.", "122-130"),
    ("Vol.: 111, No.: 2, p.: 122-130, 2013.", "122-130"),
    ("Volume：111，Issue：2，Pages：122-131，2013.", "122-131")])
def test_labels_followed_by_a_colon_label_their_numbers(numbers, page):
    """Databases export a reference's numbers as "Volume: 111, Issue: 2, Pages: 122-130":
    the volume is not the "ume" of the label, nor is it taken for the pages after a colon."""
    text = ("Gross JB, Wilkens H. Albinism in phylogenetically and geographically distinct "
            "populations of Astyanax cavefish arises through the same loss-of-function Oca2 "
            f"allele. Heredity, {numbers}")
    read = claims(text, HEREDITY)
    assert (read["volume"], read["issue"], read["page"], read["year"]) == (
        "111", "2", page, "2013")


@pytest.mark.parametrize(("numbers", "page"), [
    ("// Heredity. 2013. Vol. 111, № 2. P. 122–131.", "122–131"),  # GOST, in English
    ("// Heredity. 2013. Т. 111, № 2. С. 122–131.", "122–131"),  # GOST, in Russian
    (". Heredity 111 (2013), Nr. 2, S. 122–131.", "122–131")])  # German
def test_pages_labelled_p_or_s_are_the_pages(numbers, page):
    """GOST labels the pages "P." (Russian "С."), German "S." (Seite): a wrong last page
    there was never read, so never compared, and the citation verified."""
    text = ("Gross J.B., Wilkens H. Albinism in phylogenetically and geographically distinct "
            "populations of Astyanax cavefish arises through the same loss-of-function Oca2 "
            f"allele {numbers}")
    read = claims(text, HEREDITY)
    assert (read["issue"], read["page"], read["year"]) == ("2", page, "2013")
    fields = compare_fields(read_citation(text, HEREDITY), text, HEREDITY)
    assert fields["page"].match is False


@pytest.mark.parametrize(("doi", "container"), [
    ("10.1145/3448016.3452841", "in Proc. 2021 Int. Conf. Manage. Data, 2021"),
    ("10.1145/3448016.3452841", "in Proc. 2021 Int. Conf. Manage. Data (SIGMOD), Jun. 2021"),
    ("10.1109/icdcsw.2003.1203662",
     "in Proc. 23rd Int. Conf. Distrib. Comput. Syst. Workshops, May 2003")])
def test_ieee_proceedings_named_with_their_year_and_dated_by_month_are_the_proceedings(
        doi, container):
    """IEEE names a conference's proceedings with the conference's year ("Proc. 2021 Int.
    Conf. …", which ended the name at "Proc") and dates the paper by month after it
    (", Jun. 2021", which ran into the name): both were false alarms on the journal."""
    record = WORKS[doi]
    pages = record["page"].replace("-", "–")
    text = f'A. Author, "{record["title"][0]}," {container}, pp. {pages}.'
    fields = compare_fields(read_citation(text, record), text, record)
    assert fields["journal"].match is True, fields["journal"]
    assert fields["page"].match is True
    wrong = text.replace(pages, pages[:-1] + str((int(pages[-1]) + 1) % 10))
    assert compare_fields(read_citation(wrong, record), wrong, record)["page"].match is False


def test_vancouvers_medium_after_the_journal_is_no_part_of_it():
    text = ("Lieber RL, Jacks TM, Mohler RL, Schleim K, Haven M, Cuizon D, et al. "
            f"{LIEBER}. J Orthop Res [Internet]. 1997 [cited 2024 Mar 1];15(4):519-27.")
    read = claims(text, ORTHOP)
    assert (read["journal"], read["volume"], read["issue"], read["page"], read["year"]) == (
        "J Orthop Res", "15", "4", "519-27", "1997")


@pytest.mark.parametrize("label", ["article no.", "Article No.", "Article number", "Art. no."])
def test_an_article_number_is_the_page_never_the_issue(label):
    text = ("Weber, M.A. and Ringold, P.L. (2019) 'River metrics by the public, for the public', "
            f"Plos One, 14(5), {label} e0214987.")
    read = claims(text, RIVERS)
    assert (read["volume"], read["issue"], read["page"]) == ("14", "5", "e0214987")


def test_harvard_pages_written_out_are_the_pages():
    text = (f"Lieber, R.L. et al. (1997) '{LIEBER}', Journal of Orthopaedic Research, 15(4), "
            "pages 519-529.")
    assert claims(text, ORTHOP)["page"] == "519-529"


def test_the_short_form_without_a_title_claims_none():
    """Physics and Science cite "Authors, Journal Volume, Page (Year)": no title."""
    text = "R. L. Lieber et al., J. Orthop. Res. 16, 519 (1997). https://doi.org/10.1002/jor.1100150407"
    read = claims(text, ORTHOP)
    assert "title" not in read
    assert (read["journal"], read["volume"], read["page"], read["year"]) == (
        "J. Orthop. Res", "16", "519", "1997")


def test_harvards_title_in_ascii_single_quotes_is_the_title_even_misspelt():
    """Harvard quotes the title in ' ': with a word of it wrong (so the record's title is
    not found), the quotes still say where it ends; an apostrophe inside a word is none."""
    text = ("Chiang, C. et al. (2017) 'The impact of structural variation on thermal gene "
            "expression', Nature Genetics, 49(5), pp. 692–699.")
    read = claims(text, GTEX)
    assert read["title"] == "The impact of structural variation on thermal gene expression"
    assert (read["journal"], read["volume"], read["page"]) == ("Nature Genetics", "49",
                                                               "692–699")
    text = "Lee, H. (2012) 'Alzheimer's disease in mice', Neurobiology of Aging, 33(3)."
    assert claims(text, NEUROBIOL)["title"] == "Alzheimer's disease in mice"


def test_a_possessive_in_a_harvard_title_does_not_end_it():
    text = ("Gross, J.B. and Wilkens, H. (2013) 'Cavefishes' albinism in distinct populations', "
            "Heredity, 111(2), pp. 122–130.")
    assert claims(text, HEREDITY)["title"] == "Cavefishes' albinism in distinct populations"


def test_a_full_author_list_then_the_journal_claims_no_title():
    text = ("A. Marrazzo, M. Gibertini, D. Campi, N. Mounet, N. Marzari, Phys. Rev. Lett. 120, "
            "117701 (2018).")
    read = claims(text, WORKS["10.1103/physrevlett.120.117701"])
    assert "title" not in read
    assert (read["volume"], read["page"], read["year"]) == ("120", "117701", "2018")


@pytest.mark.parametrize("text, message, expected", [
    ("Gross JB, et al. Heredity 2013;111:122–130. doi:10.1038/hdy.2013.26", HEREDITY,
     {"journal": "Heredity", "volume": "111", "page": "122–130", "year": "2013"}),
    ("Dougherty LR, et al. Proc Biol Sci. 2017;284(1855):20170132.", RSPB,
     {"journal": "Proc Biol Sci", "volume": "284", "issue": "1855", "page": "20170132",
      "year": "2017"}),
    # NLM's journal with its place: the parser had read it as a title
    ("Gross JB, Wilkens H. Heredity (Edinb). 2013;111(2):122-30.", HEREDITY,
     {"journal": "Heredity", "volume": "111", "issue": "2", "page": "122-30",
      "year": "2013"}),
    # ACS: the journal's first word ended a sentence ("Nat."), and was read as the title
    ("Chiang, C.; Scott, A. J.; Davis, J. R.; et al. Nat. Genet. 2017, 49, 692−699.", GTEX,
     {"journal": "Nat. Genet", "volume": "49", "page": "692-699", "year": "2017"}),
    ("Lieber, R. L.; Jacks, T. M.; Mohler, R. L.; et al. J. Orthop. Res. 1997, 15, 519–527.",
     ORTHOP, {"journal": "J. Orthop. Res", "volume": "15", "page": "519–527", "year": "1997"}),
    # ACS without et al.: the parser took the journal for an author
    ("Gross, J. B.; Wilkens, H. Heredity 2013, 111, 122–130.", HEREDITY,
     {"authors": "Gross, J. B.; Wilkens, H", "journal": "Heredity", "volume": "111",
      "page": "122–130", "year": "2013"}),
])
@pytest.mark.parametrize("with_parser", [False, True])
def test_the_authors_then_the_journal_and_its_numbers_claim_no_title(text, message, expected,
                                                                     with_parser):
    """Vancouver's short form, as posts cite a paper in passing: the authors, then the
    journal. What follows the authors is the record's journal (or its abbreviation) and
    numbers alone, so it is no title; it was compared as one, a false mismatch."""
    from archiver.citations.parse import parse_reference
    found = read_citation(text, message, parse_reference(text) if with_parser else None)
    assert found.title is None
    assert {k: v for k, v in found.to_json().items() if k in expected} == expected


@pytest.mark.parametrize("text, journal", [
    ("Gross JB, et al. Genetics 2013;111:122–130.", "Genetics"),
    ("Lieber RL, et al. J Bone Res. 1997;15(4):519-527.", "J Bone Res"),
])
def test_another_journal_and_its_numbers_after_the_authors_are_the_journal_not_a_title(
        text, journal):
    """A wrong journal in the short form is reported as the journal it is."""
    found = read_citation(text, HEREDITY if "Gross" in text else ORTHOP)
    assert (found.title, found.journal) == (None, journal)


def test_a_title_ending_in_a_year_before_the_journal_is_still_a_title():
    text = "Gross JB, et al. Cavefish in 2013. Heredity 2013;111:122–130."
    assert claims(text, HEREDITY)["title"] == "Cavefish in 2013"


@pytest.mark.parametrize("authors", ["Gross JB, Wilkens H.", "Gross JB, et al."])
def test_a_title_that_opens_with_the_journals_name_is_still_a_title(authors):
    from archiver.citations.parse import parse_reference
    text = f"{authors} Heredity of albinism in cavefish. Heredity 2013;111(2):122-30."
    found = read_citation(text, HEREDITY, parse_reference(text))
    assert found.title == "Heredity of albinism in cavefish"


GIGA = WORKS["10.1186/s13742-015-0103-4"]  # GigaScience 4, article 64, 2015
SPRINGER = WORKS["10.1007/978-3-319-75889-3_1"]  # a chapter, pages 1-13, 2018


@pytest.mark.parametrize("pubmed", ["PMID: 23572122.", "PMID 23572122", "PMCID: PMC3716290."])
def test_a_pubmed_id_is_no_page_or_volume(pubmed):
    text = ("Gross, J. B., & Wilkens, H. (2013). Albinism in phylogenetically and "
            "geographically distinct populations of Astyanax cavefish arises through the same "
            "loss-of-function Oca2 allele. Heredity, 111(2), 122–130. " + pubmed)
    found = claims(text, HEREDITY)
    assert (found["volume"], found["issue"], found["page"]) == ("111", "2", "122–130")


@pytest.mark.parametrize("arxiv", ["arXiv:1210.6412", "arXiv:1210.6412v2 [q-bio.PE]",
                                   "arXiv preprint arXiv:1210.6412", "arXiv:hep-th/9802150"])
def test_an_arxiv_identifier_is_no_page_volume_or_year(arxiv):
    """The identifier of the preprint a paper was first posted as ("1210.6412": 2012-10) is
    none of the paper's numbers (its page was read from it)."""
    text = ("Gross, J. B., & Wilkens, H. (2013). Albinism in phylogenetically and "
            "geographically distinct populations of Astyanax cavefish arises through the same "
            "loss-of-function Oca2 allele. Heredity, 111(2), 122–130. " + arxiv)
    found = claims(text, HEREDITY)
    assert (found["volume"], found["issue"], found["page"], found["year"]) == (
        "111", "2", "122–130", "2013")


def test_a_sici_doi_link_is_removed_whole_from_what_the_citation_claims():
    from archiver.citations.cited import strip_doi_and_urls
    text = ("Lorenz, E. N. (1963). Deterministic nonperiodic flow. Journal of the Atmospheric "
            "Sciences, 20(2), 130–141. https://doi.org/10.1175/1520-0469(1963)020<0130:DNF>2.0.CO;2")
    assert strip_doi_and_urls(text) == (text.split(" https://")[0],
                                        "10.1175/1520-0469(1963)020<0130:dnf>2.0.co;2")


def test_pp_without_its_full_stop_labels_the_pages():
    """Springer's and ACS's ``pp 4–16``: without the label read, the pages go unchecked."""
    text = ("Jones HM (2018) Climate Change and Increasing Risk of Extreme Heat. In: Human "
            "Health and Physical Activity During Heat Exposure. Springer International "
            "Publishing, Cham, pp 4–16")
    assert claims(text, SPRINGER)["page"] == "4–16"


@pytest.mark.parametrize("text, message, expected", [
    ("Nat. Genet. 49, 692–699 (2017). https://doi.org/10.1038/ng.3834", GTEX,
     {"journal": "Nat. Genet", "volume": "49", "page": "692–699", "year": "2017"}),
    ("Nat Genet. 2017;49(5):692-9. https://doi.org/10.1038/ng.3834", GTEX,
     {"journal": "Nat Genet", "volume": "49", "issue": "5", "page": "692-9", "year": "2017"}),
    ("GigaScience 4, 64 (2015). https://doi.org/10.1186/s13742-015-0103-4", GIGA,
     {"journal": "GigaScience", "volume": "4", "page": "64", "year": "2015"}),
    ("Genome Research 4, 64 (2015). https://doi.org/10.1186/s13742-015-0103-4", GIGA,
     {"journal": "Genome Research", "volume": "4", "page": "64", "year": "2015"}),
    ("GigaScience 4 (2015). https://doi.org/10.1186/s13742-015-0103-4", GIGA,  # no pages
     {"journal": "GigaScience", "volume": "4", "year": "2015"}),
    ("Distances et médiations des savoirs 2 (2014). https://doi.org/10.4000/dms.865",
     WORKS["10.4000/dms.865"],  # words of any case in the name
     {"journal": "Distances et médiations des savoirs", "volume": "2", "year": "2014"}),
])
@pytest.mark.parametrize("with_parser", [False, True])
def test_a_citation_giving_only_the_journal_and_its_numbers_claims_no_author_or_title(
        text, message, expected, with_parser):
    """A post citing a paper in passing: journal, numbers, DOI. What it does not print cannot
    be wrong (the journal was read as the author list, and a wrong journal blamed on it)."""
    from archiver.citations.parse import parse_reference
    found = read_citation(text, message, parse_reference(text) if with_parser else None)
    assert {k: v for k, v in found.to_json().items() if k != "doi"} == expected


def test_pages_at_the_end_after_a_journal_with_no_volume_are_read():
    text = ("Oh and Vukina (2018) Substitutability between organic and conventional poultry "
            "products and organic price premiums. Economia Agro-alimentare, 73–90")
    assert claims(text, ECON)["page"] == "73–90"


@pytest.mark.parametrize("text", ["Zhang Y. Structural Variation. Nat Genet. 2017;49(5):692-699.",
                                  "Zhang Y. Structural Variation. Nat Genet 49 (2017)."])
def test_a_single_author_and_title_before_the_journal_are_not_taken_for_its_name(text):
    """Capitalised words before the numbers are the journal only when they are the record's
    journal (or its abbreviation), or three words at most with no initial: else an author
    and a title that must be compared (a wrong one "verified")."""
    from archiver.citations.parse import parse_reference
    found = read_citation(text, GTEX, parse_reference(text))  # as the verifier reads it
    assert found.authors.startswith("Zhang") and found.title == "Structural Variation"


@pytest.mark.parametrize("text", ["Phys. Rev. B 54, 11169 (1996).",
                                  "Proc. Natl Acad. Sci. USA 101, 4112-4117 (2004)."])
def test_a_journal_only_citation_of_another_journal_is_still_read_as_one(text):
    """No author opens it, no sentence ends in it: a journal's name, though not the record's
    (its capitals, B, USA, are no initials)."""
    found = claims(text, GTEX)
    assert "authors" not in found and found["volume"] in ("54", "101")


@pytest.mark.parametrize("note", [
    "[published correction appears in Nat Genet. 2017;49(6):970]", "[Epub ahead of print]",
    "[Erratum in: Nat Genet. 2017 Jun;49(6):970]"])
def test_a_note_of_another_notice_gives_none_of_its_names_or_numbers(note):
    """AMA and PubMed print a correction's (or retraction's) journal and numbers in brackets
    after the title: none of them is this work's."""
    text = (f"Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation on human "
            f"gene expression {note}. Nat Genet. 2017;49(5):692-699. doi:10.1038/ng.3834")
    found = claims(text, GTEX)
    assert (found["journal"], found["volume"], found["issue"], found["page"]) == \
        ("Nat Genet", "49", "5", "692-699")


@pytest.mark.parametrize(("numbers", "issue"), [
    ("2013;111(3 Suppl 2):122-130", "3"), ("2013;111(2 Pt 1):122-130", "2"),
    ("111(3, Suppl.), 122–130", "3")])
def test_the_issue_before_a_supplement_or_a_part_is_read(numbers, issue):
    """NLM's "111(3 Suppl 2)": the issue, 3, was not read at all, so a wrong one passed."""
    text = ("Gross JB, Wilkens H. Albinism in phylogenetically and geographically distinct "
            f"populations of Astyanax cavefish arises through the same loss-of-function Oca2 "
            f"allele. Heredity. {numbers}.")
    found = claims(text, HEREDITY)
    assert (found["volume"], found["issue"]) == ("111", issue)


@pytest.mark.parametrize(("numbers", "issue"), [
    ("2013;111(Suppl 1):122-130", "Suppl 1"), ("2013;111 Suppl 2:122-130", "Suppl 2"),
    ("2013;111(Suppl):S122-S130", "Suppl"), ("111(Supplement 1), 122–130", "Suppl 1")])
def test_a_supplement_cited_where_no_issue_is_is_the_issue_given(numbers, issue):
    """A supplement named in the issue's place is the issue the citation gives: it was read
    as none, so a work in issue 2 passed for one in a supplement."""
    text = ("Gross JB, Wilkens H. Albinism in phylogenetically and geographically distinct "
            f"populations of Astyanax cavefish arises through the same loss-of-function Oca2 "
            f"allele. Heredity. {numbers}.")
    found = claims(text, HEREDITY)
    assert (found["volume"], found["issue"]) == ("111", issue)


# A title that opens with a quotation, holds one, or is set in guillemets. SYNTHETIC records:
# GTEx's recorded record retitled as such works are ("“Getting to Know You...”: Knowledge,
# Power, and the Body" in Theorizing Documentary; "A commentary on “Does the Fed contribute to
# a political business cycle?”" in Public Choice; a French title « … » in the Revue de droit
# du travail); the citations print the record's other fields as the style prints them.
OPENS_QUOTED = {**GTEX, "title": ["“The Impact...”: Structural Variation and Human Gene "
                                  "Expression"]}
HOLDS_QUOTED = {**GTEX, "title": ["A commentary on “Does structural variation shape human "
                                  "gene expression?”"]}
GUILLEMETS = {**GTEX, "title": ["« Égalité, discrimination, égalité de traitement »"]}


def field_checks(text: str, record: dict) -> dict:
    return compare_fields(read_citation(text, record), text, record)


@pytest.mark.parametrize("text", [
    "Chiang, C., et al. (2017). “The Impact...”: Structural Variation and Human Gene {w}. "
    "Nature Genetics, 49(5), 692–699.",
    "Chiang, Colby, et al. 2017. “‘The Impact...’: Structural Variation and Human Gene {w}.” "
    "Nature Genetics 49 (5): 692–99.",
    "Chiang, Colby, et al. “The Impact...”: Structural Variation and Human Gene {w}.” Nature "
    "Genetics, vol. 49, no. 5, 2017, pp. 692–99."])
def test_a_title_that_opens_with_a_quotation_goes_on_past_it(text):
    """The quotation alone was taken for the title: as Crossref's title without its
    subtitle, it agreed, and a wrong word after it passed."""
    assert field_checks(text.format(w="Expression"), OPENS_QUOTED)["title"].match is True
    wrong = field_checks(text.format(w="Regulation"), OPENS_QUOTED)
    assert wrong["title"].match is False
    assert all(check.match is not False for name, check in wrong.items() if name != "title")


@pytest.mark.parametrize("text", [
    "Chiang, C., et al. (2017). A {w} on “Does structural variation shape human gene "
    "expression?” Nature Genetics, 49(5), 692–699.",
    "Chiang, C., et al. (2017). A {w} on “Does structural variation shape human gene "
    "expression?”. Nature Genetics, 49(5), 692–699."])
def test_a_quotation_inside_a_title_is_no_title_of_its_own(text):
    """Taken for the title, it left the words before it to the authors: the authors were
    blamed for a wrong title word, and the year was not read."""
    assert all(check.match is not False
               for check in field_checks(text.format(w="commentary"), HOLDS_QUOTED).values())
    wrong = field_checks(text.format(w="thermal"), HOLDS_QUOTED)
    assert [name for name, check in wrong.items() if check.match is False] == ["title"]
    assert read_citation(text.format(w="thermal"), HOLDS_QUOTED).year == "2017"


def test_a_quotation_glued_to_the_words_after_it_is_inside_the_title():
    text = "张三. “北斗一号”监控管理网设计与实现[J]. 测绘科学, 2008, 33(5): 8-9."
    title = read_citation(text).title
    assert title.startswith("北斗一号") and title.endswith("监控管理网设计与实现")


@pytest.mark.parametrize("year", ["2016", "2017"])
def test_a_title_in_guillemets_leaves_the_year_before_it_to_be_read(year):
    """« opened the title after "(2017). ", and the year was no longer read at the end of the
    author part: a wrong year passed."""
    text = (f"Chiang, C., et al. ({year}). « Égalité, discrimination, égalité de traitement ». "
            "Nature Genetics, 49(5), 692–699.")
    assert read_citation(text, GUILLEMETS).year == year
    assert field_checks(text, GUILLEMETS)["year"].match is (year == "2017")


@pytest.mark.parametrize(("no", "issue"), [("no. Suppl 1", "Suppl 1"),
                                           ("no. Supplement 2", "Supplement 2"),
                                           ("no. Pt 1", "Pt 1"), ("no. 2", "2")])
def test_mla_a_supplement_or_a_part_as_the_issue_is_read_whole(no, issue):
    """MLA's "no. Suppl 1" was read as issue "Suppl", a false mismatch with Suppl 1."""
    text = ("Gross, Joshua B., and Horst Wilkens. “Albinism in Phylogenetically and "
            "Geographically Distinct Populations of Astyanax Cavefish Arises through the Same "
            f"Loss-of-Function Oca2 Allele.” Heredity, vol. 111, {no}, 2013, pp. 122–30.")
    assert read_citation(text, HEREDITY).issue == issue


# SYNTHETIC record: a chapter in a handbook whose name opens with "The" (the shape of
# Crossref's book-chapter records, its values made up for this test)
HANDBOOK_CHAPTER = {
    "type": "book-chapter", "DOI": "10.99999/synthetic.chapter",
    "title": ["Thermal physiology of reptiles"],
    "container-title": ["The Cambridge Handbook of Animal Physiology"],
    "author": [{"given": "Michael J.", "family": "Angilletta", "sequence": "first"},
               {"given": "Michael W.", "family": "Sears", "sequence": "additional"}],
    "editor": [{"given": "Philip C.", "family": "Withers"},
               {"given": "Christine E.", "family": "Cooper"}],
    "page": "211-236", "issued": {"date-parts": [[2018]]},
}


@pytest.mark.parametrize("text", [
    "Angilletta, Michael J., and Michael W. Sears. 2018. “Thermal physiology of reptiles.” In "
    "Cambridge Handbook of Animal Physiology, edited by Philip C. Withers and Christine E. "
    "Cooper, 211–36. Cambridge: Cambridge University Press.",
    "Angilletta M J, Sears M W. Thermal physiology of reptiles[M]//Withers P C, Cooper C E. "
    "Cambridge Handbook of Animal Physiology. Cambridge: Cambridge University Press, 2018: "
    "211-236.",
    "Angilletta, Michael J., and Michael W. Sears. 2018. “Thermal physiology of reptiles.” In "
    "The Cambridge Handbook of Animal Physiology, edited by Philip C. Withers and Christine E. "
    "Cooper, 211–36. Cambridge: Cambridge University Press."])
def test_a_book_cited_without_the_article_its_name_opens_with_is_the_book(text):
    """ISO 4 and many citations leave out a leading "The"; the book's editors printed after
    (Chicago) or before it (GB/T) are no part of its name."""
    check = compare_fields(read_citation(text, HANDBOOK_CHAPTER), text, HANDBOOK_CHAPTER)
    assert check["journal"].match is True, check["journal"]


def test_another_book_cited_without_the_article_is_still_another_book():
    text = ("Angilletta, Michael J., and Michael W. Sears. 2018. “Thermal physiology of "
            "reptiles.” In Cambridge Handbook of Plant Physiology, edited by Philip C. Withers "
            "and Christine E. Cooper, 211–36. Cambridge: Cambridge University Press.")
    check = compare_fields(read_citation(text, HANDBOOK_CHAPTER), text, HANDBOOK_CHAPTER)
    assert check["journal"].match is False


# SYNTHETIC record: Heredity's recorded record with front-matter pages in its page field, as
# Crossref deposits a preface's; every other field as recorded
FRONT_MATTER = {**HEREDITY, "page": "xiii-xviii"}


@pytest.mark.parametrize("text", [
    "Leroy T. Title. Heredity. 2013;111(2):xiii-xviii.",  # Vancouver
    "Leroy, T. (2013). Title. Heredity, 111(2), xiii–xviii.",  # APA
    "Leroy T. Title[J]. Heredity, 2013, 111(2): xiii-xviii.",  # GB/T 7714
    "Leroy T (2013) Title. Heredity 111(2), pp xiii–xviii",  # Springer's, no full stop
])
def test_front_matter_pages_in_roman_numerals_are_read_where_pages_stand(text):
    assert claims(text, FRONT_MATTER)["page"].replace("–", "-") == "xiii-xviii"


@pytest.mark.parametrize("text", [
    "Leroy, T. (2013). Title: mix. Heredity, 111(2).",  # a word of roman letters alone
    "Leroy, T. (2013). Title, civil–dim. Heredity, 111(2).",  # words that are no numerals
])
def test_words_made_of_roman_letters_are_no_pages(text):
    assert claims(text, FRONT_MATTER).get("page") is None


# SYNTHETIC record: the recorded chapter of "Advances in Visual Computing" with its book
# named as Springer names a conference's proceedings; every other field as recorded
ISVC = {**WORKS["10.1007/978-3-642-33191-6_49"],
        "container-title": ["Advances in Visual Computing – ISVC 2012",
                            "Lecture Notes in Computer Science"]}
ISVC_TITLE = "Human Body Orientation Estimation in Multiview Scenarios"


@pytest.mark.parametrize(("book", "match"), [
    ("International Symposium on Visual Computing 2012 Jul 16", True),  # Google Scholar's
    ("ISVC 2012", True),
    ("Advances in Visual Computing – ISVC 2012", True),
    ("ISVC 2011", False),
    ("International Conference on Computer Vision 2012", False)])
def test_a_chapter_in_a_conferences_proceedings_is_cited_by_the_conference(book, match):
    text = (f"Chen L, Panin G, Knoll A. {ISVC_TITLE}. In: {book} (pp. 499-508). Springer, "
            "Berlin, Heidelberg.")
    checks = compare_fields(read_citation(text, ISVC), text, ISVC)
    assert checks["journal"].match is match, checks["journal"].reason
    if match:  # and nothing else of it taken for wrong
        assert all(check.match is not False for check in checks.values())


# SYNTHETIC record: the recorded chapter with its book named as Springer names ECCV's
ECCV_CHAPTER = {**WORKS["10.1007/978-3-642-33191-6_49"],
                "container-title": ["Computer Vision – ECCV 2012",
                                    "Lecture Notes in Computer Science"]}


@pytest.mark.parametrize(("book", "match"), [("ECCV 2012", True), ("ECCV 2012, Part II", True),
                                             ("ECCV 2011", False), ("ISVC 2012", False)])
def test_springers_own_style_names_the_proceedings_after_their_editors(book, match):
    """LNCS's house style: the editors, then the proceedings by the conference's acronym, then
    the series; the editors were read as part of the book's name, a false alarm."""
    text = (f"Chen, L., Panin, G., Knoll, A.: {ISVC_TITLE}. In: Bebis, G., et al. (eds.) "
            f"{book}. LNCS, vol. 7432, pp. 499–508. Springer, Heidelberg (2012)")
    checks = compare_fields(read_citation(text, ECCV_CHAPTER), text, ECCV_CHAPTER)
    assert checks["journal"].match is match, checks["journal"].reason
    if match:
        assert all(check.match is not False for check in checks.values())


@pytest.mark.parametrize(("book", "match"), [
    ("ISVC 2012. LNCS", True), ("ISVC 2012, Part II. LNCS", True),
    ("ISVC 2012. Lecture Notes in Computer Science", True),
    ("ISVC 2011. LNCS", False), ("ICCV 2012. LNCS", False), ("ISVC 2012", False)])
def test_a_conference_named_by_its_acronym_and_series_is_the_book_titled_by_its_topic(
        book, match):
    """The recorded chapter's book is "Advances in Visual Computing" in LNCS, the proceedings
    of ISVC 2012, which Springer's own style cites as ``ISVC 2012. LNCS, vol. 7432``: a
    false alarm. The acronym must end with the topic's initials (VC) after what the meeting
    is (International Symposium), the year must be the book's, and the series be named."""
    record = WORKS["10.1007/978-3-642-33191-6_49"]
    text = (f"Chen, L., Panin, G., Knoll, A.: {ISVC_TITLE}. In: Bebis, G., et al. (eds.) "
            f"{book}, vol. 7432, pp. 499–508. Springer, Heidelberg (2012)")
    checks = compare_fields(read_citation(text, record), text, record)
    assert checks["journal"].match is match, checks["journal"].reason


def test_a_chicago_notes_page_in_a_chapter_is_a_page_of_it():
    """A Chicago note cites the page it refers to after the book's imprint, ``(Cham:
    Springer, 2018), 5``: "pages 5-5 ≠ 1-13" was a false alarm. (A recorded real record.)"""
    record = WORKS["10.1007/978-3-319-75889-3_1"]
    text = ("8. Hunter M. Jones, \"Climate Change and Increasing Risk of Extreme Heat,\" in "
            "Human Health and Physical Activity During Heat Exposure, SpringerBriefs in Medical "
            "Earth Sciences (Cham: Springer, 2018), 5.")
    checks = compare_fields(read_citation(text, record), text, record)
    assert checks["page"].match is True, checks["page"].reason
    wrong = text.replace("2018), 5.", "2018), 15.")
    assert compare_fields(read_citation(wrong, record), wrong, record)["page"].match is False


@pytest.mark.parametrize("link", ["doi.org/", "dx.doi.org/", "https://doi.org/"])
def test_a_doi_link_without_its_scheme_leaves_the_numbers_before_it_whole(link):
    """Nature's numbers end the citation before the DOI: "doi.org/10.…" (no scheme) is a link
    too, not words after the year."""
    text = ("Chiang, C. et al. The impact of structural variation on human gene expression. "
            f"Nat. Genet. 49, 692–699 (2016). {link}10.1038/ng.3834")
    got = claims(text, GTEX)
    assert (got["volume"], got["page"], got["year"]) == ("49", "692–699", "2016")


@pytest.mark.parametrize(("doi", "text"), [
    # IEEE: the place and publisher after the proceedings' abbreviated name
    ("10.1109/icdcsw.2003.1203662",
     "[10] V. Arya and T. Turletti, “Accurate and explicit differentiation of wireless and "
     "congestion losses,” in Proc. 23rd Int. Conf. Distrib. Comput. Syst. Workshops, "
     "Providence, RI, USA: IEEE, 2003, pp. 877–882."),
    # ACS: "; publisher: place, year;"
    ("10.1109/icdcsw.2003.1203662",
     "(2) Arya, V.; Turletti, T. Accurate and Explicit Differentiation of Wireless and "
     "Congestion Losses. In Proc. 23rd Int. Conf. Distrib. Comput. Syst. Workshops; IEEE: "
     "Providence, RI, USA, 2003; pp 877–882."),
    # Springer: the publisher after a full stop, "pp" without one
    ("10.1145/3448016.3452841",
     "Pandey P, Conway A, Durie J et al (2021) Vector quotient filters: Overcoming the "
     "time/space trade-off in filter design. In: Proc 2021 Int Conf Manage Data. ACM, New "
     "York, NY, USA, pp 1386–1399"),
    # no volume: the issue alone, or the year in brackets, after the abbreviated journal
    ("10.3280/ecag2018-001005",
     "Oh SE, Vukina T (2018) Substitutability between organic and conventional poultry "
     "products and organic price premiums. Econ Agro-Aliment (1):75–92"),
    ("10.3280/ecag2018-001005",
     "[54] S.E. Oh, T. Vukina, Substitutability between organic and conventional poultry "
     "products and organic price premiums, Econ. Agro-Aliment. (2018) 75–92."),
])
def test_an_abbreviated_container_ends_before_its_imprint_or_its_numbers(doi, text):
    """Printed from the recorded records in styles the scored cases do not use: the
    abbreviation is the record's journal, and nothing after it is read into it."""
    from archiver.citations.verify import compare_fields
    record = WORKS[doi]
    checks = compare_fields(read_citation(text, record), text, record)
    assert all(check.match is not False for check in checks.values()), checks
    assert checks["journal"].match is True


@pytest.mark.parametrize("text", [
    # IEEE: an e-locator between commas, with no "Art. no."
    "[9] M. Ralser, G. Heeren, M. Breitenbach, H. Lehrach, and S. Krobitsch, “Triose phosphate "
    "isomerase deficiency is caused by altered dimerization–not catalytic inactivity–of the "
    "mutant enzymes,” PLoS One, vol. 1, no. 1, e31, Dec. 2006.",
    # ... and with the year alone after it, the commonest IEEE form
    "[9] M. Ralser, G. Heeren, M. Breitenbach, H. Lehrach, and S. Krobitsch, “Triose phosphate "
    "isomerase deficiency is caused by altered dimerization–not catalytic inactivity–of the "
    "mutant enzymes,” PLoS One, vol. 1, no. 1, e31, 2006.",
    # Elsevier: after the bracketed year
    "[3] M. Ralser, G. Heeren, M. Breitenbach, H. Lehrach, S. Krobitsch, Triose phosphate "
    "isomerase deficiency is caused by altered dimerization–not catalytic inactivity–of the "
    "mutant enzymes, PLoS One 1 (2006) e31.",
])
def test_an_e_locator_standing_alone_is_the_page_and_a_wrong_one_is_named(text):
    """The record's page is e30: e31, printed where IEEE and Elsevier print it, is read and
    found wrong, not left unread and the citation verified."""
    from archiver.citations.verify import compare_fields
    record = WORKS["10.1371/journal.pone.0000030"]
    checks = compare_fields(read_citation(text, record), text, record)
    assert checks["page"].match is False


def test_a_journals_section_is_no_imprint():
    """SYNTHETIC record: GTEx's recorded record moved to a journal in sections. ACS's
    "Acta Crystallogr., Sect. F: Struct. Biol. Commun." names section F, not section D: the
    name is not cut at ", Sect. F:" as at a place and publisher."""
    from archiver.citations.verify import compare_fields
    record = {**GTEX, "container-title": [
        "Acta Crystallographica Section D Biological Crystallography"]}
    text = ("Chiang, C.; Scott, A. J.; Davis, J. R. The Impact of Structural Variation on Human "
            "Gene Expression. Acta Crystallogr., Sect. F: Struct. Biol. Commun. 2017, 49, "
            "692–699.")
    assert compare_fields(read_citation(text, record), text, record)["journal"].match is False


def test_a_title_in_capitals_with_a_wrong_word_is_the_title_not_an_author():
    """Nature's chapter with its title in capitals after the names' full stop: a wrong word
    in it is a wrong title, not an author Crossref does not list."""
    from archiver.citations.verify import compare_fields
    record = WORKS["10.1007/978-3-319-75889-3_1"]
    text = ("Jones, H. M. CLIMATE NEURAL AND INCREASING RISK OF EXTREME HEAT. In Human Health "
            "and Physical Activity During Heat Exposure 1–13 (Springer, 2018).")
    checks = compare_fields(read_citation(text, record), text, record)
    assert checks["title"].match is False
    assert checks["author"].match is True


# SYNTHETIC record: Heredity's recorded record with a supplement's pages, as Oxford's journals
# number a supplement ("ii34-ii40"); every other field as recorded
SUPPLEMENT_PAGES = {**HEREDITY, "page": "ii34-ii40"}


@pytest.mark.parametrize("text", [
    "Gross, J. B., & Wilkens, H. (2013). Title. Heredity, 111(2), ii34–ii48.",  # APA
    "Gross JB, Wilkens H. Title[J]. Heredity, 2013, 111(2): ii34-ii48.",  # GB/T 7714
])
def test_pages_a_supplement_numbers_in_roman_are_read_whole(text):
    """Their last page was not read (APA: no page at all), and a wrong one passed."""
    check = compare_fields(read_citation(text, SUPPLEMENT_PAGES), text, SUPPLEMENT_PAGES)
    assert (check["page"].cited.replace("–", "-"), check["page"].match) == ("ii34-ii48", False)


# SYNTHETIC record: Heredity's recorded record with an open page range, as Crossref holds
# some ("122-"); every other field as recorded
OPEN_RANGE = {**HEREDITY, "page": "122-"}


@pytest.mark.parametrize(("page", "match"), [("122–", True), ("123–", False)])
def test_an_open_page_range_is_read_as_printed(page, match):
    text = f"Gross, J. B., & Wilkens, H. (2013). Title. Heredity, 111(2), {page}."
    check = compare_fields(read_citation(text, OPEN_RANGE), text, OPEN_RANGE)
    assert (check["page"].cited, check["page"].match) == (page, match)


# SYNTHETIC record: Heredity's recorded record with its title in Spanish, opened by "¿"
SPANISH = {**HEREDITY, "title": ["¿Es el albinismo de los peces cavernícolas una sola mutación?"]}


@pytest.mark.parametrize("opening", ["¿", "¡"])
def test_an_inverted_mark_opening_the_title_leaves_the_year_before_it_read(opening):
    title = SPANISH["title"][0].replace("¿", opening)
    text = f"Gross, J. B., & Wilkens, H. (2012). {title} Heredity, 111(2), 122–130."
    check = compare_fields(read_citation(text, SPANISH), text, SPANISH)
    assert (check["year"].cited, check["year"].match) == ("2012", False)


def test_a_year_range_ending_a_title_is_no_journal_and_its_numbers():
    """"…: 1990–2020" after a title with a wrong word looked like "Genetics 2013;111": a
    journal and numbers. The title went unread, the author blamed."""
    text = ("Gross, J. B., & Wilkens, H. (2013). Albinism in cavefish populations: 1990–2020. "
            "Heredity, 111(2), 122–130.")
    check = compare_fields(read_citation(text, HEREDITY), text, HEREDITY)
    assert check["title"].cited == "Albinism in cavefish populations: 1990–2020"
    assert [name for name, field in check.items() if field.match is False] == ["title"]
