"""A .bib file's entries become reference strings that are read and compared like any other.

The entries are written here by hand for recorded works (tests/fixtures/crossref); the records
are Crossref's.
"""

from __future__ import annotations

import pytest

from archiver.citations.bib import references_from_bibtex
from archiver.citations.cited import read_citation
from archiver.citations.verify import compare_fields
from archiver.errors import ExitCode, InputError

from crossref_server import RECORDINGS, load_recordings

ORTHOP = load_recordings()["10.1002/jor.1100150407"]["message"]
NEGOTIATED = RECORDINGS / "content-negotiation" / "10.1126_science.169.3946.635.bib"

ENTRY = """@article{lieber1997,
  author = {Lieber, R. L. and Jacks, T. M. and %s},
  title = {Growth hormone secretagogue increases muscle strength during remobilization after
           canine hindlimb immobilization},
  journal = {Journal of Orthopaedic Research},
  year = {1997}, volume = {15}, number = {4}, pages = {519--527},
  doi = {10.1002/jor.1100150407}
}
"""


def checks(bib: str, tmp_path) -> dict:
    path = tmp_path / "refs.bib"
    path.write_text(bib, encoding="utf-8")
    [(key, text)] = references_from_bibtex(path)
    assert key == "lieber1997"
    return {name: check.match for name, check in
            compare_fields(read_citation(text, ORTHOP), text, ORTHOP).items()}


def test_and_others_is_et_al(tmp_path):
    found = checks(ENTRY % "others", tmp_path)
    assert set(found) == {"author", "title", "journal", "volume", "issue", "page", "year", "doi"}
    assert all(found.values()), found


def test_a_list_cut_short_without_and_others_is_an_author_error(tmp_path):
    assert checks(ENTRY % "Mohler, R.", tmp_path)["author"] is False


def test_an_entry_on_one_line_gives_the_reference_its_bib_file_entry_gives(tmp_path):
    from archiver.citations.bib import reference_of_entry
    one_line = " ".join(ENTRY.split()) % "Mohler, R."
    path = tmp_path / "refs.bib"
    path.write_text(ENTRY % "Mohler, R.", encoding="utf-8")
    assert reference_of_entry(one_line) == references_from_bibtex(path)[0][1]
    # not one whole entry: read as prose, as before
    assert reference_of_entry("@article{lieber1997, author = {Lieber, R. L.") is None
    assert reference_of_entry("@Lieber wrote {this}") is None


# -- files that are no list of entries: bad input (exit 4), with the line ------------------------

def problem(bib: str, tmp_path) -> InputError:
    path = tmp_path / "refs.bib"
    path.write_text(bib, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        references_from_bibtex(path)
    assert raised.value.path == str(path) and raised.value.exit_code == ExitCode.BAD_INPUT
    return raised.value


def test_a_real_bib_file_gives_its_entry():
    # as Crossref's content negotiation writes it (tests/fixtures/crossref/content-negotiation)
    [(key, text)] = references_from_bibtex(NEGOTIATED)
    assert key == "Frank_1970"
    assert text.startswith("Frank, Henry S. (1970). The Structure of Ordinary Water")
    assert text.endswith("Science, 169(3946), 635–641. https://doi.org/10.1126/science.169.3946.635")


def test_text_that_bibtex_skips_as_a_comment_is_no_entry(tmp_path):
    # BibTeX reads text outside @…{} as a comment: the file parses, and holds nothing
    found = problem("% my references\n\ngarbage {{{\n", tmp_path)
    assert found.message == "no BibTeX entries in this file"
    assert found.hint.startswith("line 3 is outside any entry")


def test_an_entry_that_lost_its_at_sign_beside_others_is_bad_input(tmp_path):
    # BibTeX would skip it as a comment, and the citation would go unchecked
    found = problem(ENTRY % "others" + "\narticle{lost, title = {Triose}, year = {2006}}\n",
                    tmp_path)
    assert found.message == "text outside any entry looks like an entry that lost its '@'"
    assert found.hint.startswith("line 10: BibTeX would skip it as a comment")


def test_a_comment_between_entries_is_a_comment(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("My references for chapter 2\n\n" + ENTRY % "others"
                    + "\nSee (Smith, 2003) for the background.\nNotes (checked 2021, all good)"
                    "\n", encoding="utf-8")
    assert len(references_from_bibtex(path)) == 1


def test_a_file_of_comments_alone_holds_no_citation_as_an_empty_txt_does(tmp_path):
    # nothing in it is skipped unread: unlike text outside any entry, which BibTeX skips
    for n, bib in enumerate(("", "% nothing yet\n",
                             "@comment{to do}\n@string{pone = {PLoS ONE}}\n")):
        path = tmp_path / f"{n}.bib"
        path.write_text(bib, encoding="utf-8")
        assert references_from_bibtex(path) == []


def test_one_broken_entry_makes_the_file_bad_input_not_a_shorter_list(tmp_path):
    # the readable entries are not checked alone: the broken one would pass unchecked
    broken = ENTRY % "others" + "\n@article{ralser2006,\n  title = {Triose phosphate\n"
    found = problem(broken, tmp_path)
    assert found.message == "1 of 2 BibTeX entries cannot be read"
    assert found.hint == ("the first problem is in the entry that starts on line 10: "
                          "Unexpectedly reached end of file")


def test_a_key_or_a_field_given_twice_is_named(tmp_path):
    twice = problem(ENTRY % "others" + ENTRY % "others", tmp_path)
    assert twice.message == "1 of 2 BibTeX entries cannot be read"
    assert twice.hint.endswith("line 9: the key 'lieber1997' is an earlier entry's key too")
    field = problem(ENTRY.replace("year = {1997},", "year = {1997}, year = {1998},")
                    % "others", tmp_path)
    assert field.message == "no BibTeX entries could be read"
    assert field.hint.endswith("line 1: year given twice")


# -- what archiver's own exports write: both dialects, name particles ---------------------------

BIBLATEX = """@article{lieber1997,
  author = {Lieber, R. L. and Jacks, T. M. and others},
  title = {Growth hormone secretagogue increases muscle strength during remobilization after
           canine hindlimb immobilization},
  journaltitle = {Journal of Orthopaedic Research},
  date = {1997-07}, volume = {15}, number = {4}, pages = {519--527},
  doi = {10.1002/jor.1100150407}
}
"""


def test_biblatex_journaltitle_and_date_are_read_like_journal_and_year(tmp_path):
    found = checks(BIBLATEX, tmp_path)
    assert set(found) == {"author", "title", "journal", "volume", "issue", "page", "year", "doi"}
    assert all(found.values()), found


def reference_of(bib: str, tmp_path) -> str:
    """The reference string the one entry of ``bib`` is read as."""
    path = tmp_path / "refs.bib"
    path.write_text(bib, encoding="utf-8")
    [(_, text)] = references_from_bibtex(path)
    return text


def test_an_article_number_in_eid_is_read_as_the_pages(tmp_path):
    text = reference_of(BIBLATEX.replace("pages = {519--527}", "eid = {e519}"), tmp_path)
    assert "(1997)" in text and "Journal of Orthopaedic Research, 15(4), e519." in text


def test_a_family_name_keeps_its_particle(tmp_path):
    """``van Lieshout, Emile``: BibTeX's von part is part of the family name, as Crossref has
    it (recorded record of 10.1098/rspb.2017.0132: family "van Lieshout")."""
    text = reference_of("@article{d2017, author = {Dougherty, Liam R. and van Lieshout, Emile "
                        "and others}, title = {Sexual conflict}, journal = {Proc. R. Soc. B}, "
                        "year = {2017}}", tmp_path)
    assert text.startswith("Dougherty, Liam R., van Lieshout, Emile, et al. (2017).")


def test_a_doi_with_a_hash_is_read_whole(tmp_path):
    """A "#" in a DOI (one export writes as it is) was read as its link's fragment, and the
    DOI cut there: another DOI was asked for."""
    from archiver.citations.extract import find_dois
    path = tmp_path / "refs.bib"
    path.write_text("@article{a,\n title={X},\n doi={10.9999/syn_2021#1}\n}\n",
                    encoding="utf-8")
    [(_, text)] = references_from_bibtex(path)
    assert find_dois([text]) == ["10.9999/syn_2021#1"]


def test_a_braced_group_name_stays_whole_and_tex_accents_are_letters(tmp_path):
    """``{Team \\& Co.}`` is one (corporate) name, not a person "Co., Team &"; and
    ``M{\\"u}ller`` reads Müller. Names are split first, then decoded."""
    text = reference_of('@article{g2017, author = {{GTEx Consortium} and {Team \\& Co.} and '
                        'M{\\"u}ller, J{\\"o}rg}, title = {A {DNA} study}, journal = {J}, '
                        'year = {2017}}', tmp_path)
    assert text.startswith("GTEx Consortium, Team & Co., Müller, Jörg (2017). A DNA study.")


def test_a_brace_written_by_name_is_the_texts_own_and_stays(tmp_path):
    """``\\textbraceleft{}``, as ``archiver export`` writes a lone brace (``\\{`` would
    unbalance BibTeX's count), is a brace of the title or the name: decoded, it is kept,
    where grouping braces go."""
    text = reference_of("@misc{k, title = {A \\textbraceleft{}x\\textbraceright{} and "
                        "\\textbraceleft{}open}, author = {Br\\textbraceleft{}ace, Ann}, "
                        "journal = {{The} J}, year = {2020}}", tmp_path)
    assert text == "Br{ace, Ann (2020). A {x} and {open. The J."


def test_pages_of_an_entry_without_a_journal_are_never_read_as_the_journal(tmp_path):
    """`@article` with pages but no journal: "…. , 27." read 27 as the journal, a false
    mismatch against Crossref's book title."""
    from archiver.citations.parse import parse_reference
    path = tmp_path / "refs.bib"
    path.write_text("@article{x, title={Physical Examinations}, author={Saha, Ashis}, "
                    "doi={10.5005/jp/books/12414_3}, year={2015}, volume={3}, pages={27}}\n",
                    encoding="utf-8")
    [(_, text)] = references_from_bibtex(path)
    parsed = parse_reference(text)
    assert "container-title" not in parsed  # nor the volume: "vol. 3" read as a journal
    assert (parsed.get("volume"), parsed.get("page")) == ("3", "27")
    record = load_recordings()["10.5005/jp/books/12414_3"]["message"]
    assert read_citation(text, record, parsed).journal is None


NO_JOURNAL = """@article{lieber1997,
  author = {Lieber, R. L. and Jacks, T. M. and others},
  title = {Growth hormone secretagogue increases muscle strength during remobilization after
           canine hindlimb immobilization},
  year = {1997}, volume = {%s}, number = {%s}, pages = {519--527},
  doi = {10.1002/jor.1100150407}
}
"""


@pytest.mark.parametrize("with_parser", [False, True])
def test_an_entry_without_a_journal_gives_its_volume_and_issue(tmp_path, with_parser):
    """An entry with no journal still gives its volume and number: they are read and
    compared, and a wrong one is named, as the pages are (with the reference parser, as the
    command reads an entry, too)."""
    from archiver.citations.parse import parse_reference

    def compared(volume: str, number: str) -> dict:
        text = reference_of(NO_JOURNAL % (volume, number), tmp_path)
        cited = read_citation(text, ORTHOP, parse_reference(text) if with_parser else None)
        return {name: (check.cited, check.match) for name, check in
                compare_fields(cited, text, ORTHOP).items()}

    right = compared("15", "4")
    assert "journal" not in right
    assert (right["volume"], right["issue"]) == (("15", True), ("4", True))
    assert all(match for _, match in right.values()), right
    wrong = compared("16", "4")
    assert [name for name, (_, match) in wrong.items() if match is False] == ["volume"]
    assert compared("15", "5")["issue"] == ("5", False)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_a_bib_file_with_a_byte_order_mark_is_read_in_its_encoding(tmp_path, encoding):
    """Crossref's own BibTeX (tests/fixtures/crossref/content-negotiation), saved as
    Windows' Notepad saves "Unicode"."""
    path = tmp_path / "refs.bib"
    path.write_bytes(NEGOTIATED.read_text(encoding="utf-8").encode(encoding))
    [(key, text)] = references_from_bibtex(path)
    assert key == "Frank_1970" and "The Structure of Ordinary Water" in text


@pytest.mark.parametrize("journal", ["  journal = {Journal of Orthopaedic Research},\n", ""])
def test_an_entry_with_an_issue_and_no_volume_has_its_issue_compared(tmp_path, journal):
    """Some journals have issues and no volumes: an entry giving only ``number`` has it
    compared (a wrong one was verified: the number was dropped with the missing volume)."""
    def issue(number: str) -> tuple:
        text = reference_of((ENTRY % "others").replace(
            "  journal = {Journal of Orthopaedic Research},\n", journal).replace(
            "volume = {15}, number = {4}", "number = {" + number + "}"), tmp_path)
        check = compare_fields(read_citation(text, ORTHOP), text, ORTHOP)["issue"]
        return check.cited, check.match

    assert issue("4") == ("4", True)
    assert issue("5") == ("5", False)


@pytest.mark.parametrize(("issue_field", "expected"), [("number = {4}", True),
                                                        ("issue = {4}", True),
                                                        ("issue = {5}", False)])
def test_an_issue_written_as_issue_is_compared_as_number_is(tmp_path, issue_field, expected):
    """BibTeX's field is ``number``; many write ``issue``, which, ignored, let a wrong issue
    pass unchecked."""
    found = checks(ENTRY.replace("number = {4}", issue_field) % "Mohler, J. G.", tmp_path)
    assert found["issue"] is expected


ODP = load_recordings()["10.2973/odp.proc.ir.180.2000"]["message"]
EDITED = """@book{odp180,
  editor = {%s},
  title = {Proceedings of the Ocean Drilling Program, 180 Initial Reports},
  publisher = {Ocean Drilling Program}, year = {2000},
  doi = {10.2973/odp.proc.ir.180.2000}
}
"""


@pytest.mark.parametrize(("editors", "expected"), [
    ("Taylor, B. and Huchon, P. and Klaus, A.", True),
    ("Smith, J. and Jones, K.", False),
])
def test_an_edited_books_editors_are_compared_as_crossref_lists_them(tmp_path, editors,
                                                                      expected):
    """A whole book Crossref lists by its editors alone, entered with ``editor`` and no
    ``author``: the editors stand in the authors' place, as a reference writes them, and are
    compared (wrong ones were verified: nothing was compared)."""
    text = reference_of(EDITED % editors, tmp_path)
    assert "(Eds.)" in text
    found = compare_fields(read_citation(text, ODP), text, ODP)
    assert found["author"].match is expected
    assert found["author"].reason.startswith("Crossref lists editors")
