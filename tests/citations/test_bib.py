"""A .bib file's entries become reference strings that are read and compared like any other.

The entries are written here by hand for recorded works (tests/fixtures/crossref); the records
are Crossref's.
"""

from __future__ import annotations

from archiver.citations.bib import references_from_bibtex
from archiver.citations.cited import read_citation
from archiver.citations.verify import compare_fields

from crossref_server import load_recordings

ORTHOP = load_recordings()["10.1002/jor.1100150407"]["message"]

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
