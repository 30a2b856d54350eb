"""Legal citation forms, whose order no other style shares and which the tagger, trained on
none of them, reads wrong: an article as the Bluebook prints it, in a law review or any
journal law cites (volume, journal, first page, then the year in brackets; a student's
unsigned note too), one in a law review as OSCOLA does (the year in brackets before the
volume), a case as either cites it (the parties, the reporter's volume, name and first page),
a United States statute (its Statutes at Large), a Bluebook book (its page cited, edition and
year in brackets), a Chinese court's judgment (the court, the case's year in brackets and its
number), and a Chinese law cited by its article. Each is recognised only where the whole
reference (or, for a law, its article) has that form, and then its fields are what the form
says.
"""

from __future__ import annotations

import re

from archiver.citations.parse.authors import split_authors
from archiver.citations.parse.shared import (
    _ARTICLE_OF_A_LAW,
    _JUDGMENT,
    _LIST_NUMBER,
    _PERIODICALS_WORD,
    _UK_CASE,
    _US_CASE,
    _US_STATUTE,
)

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


# the words that make a name after a volume a law journal's: "Harv. L. Rev.", "Yale L.J.",
# "U. Pa. L. Rev.", "Calif. L. Rev. Circuit", "Northwestern University Law Review"
# ... or any journal abbreviated as the Bluebook abbreviates ("Rev. Fin. Stud.", "Phys. Rev."):
# a name of whole words in that place ("…, 12 Angry Men 3 (1957)") is none
_ABBREVIATED = re.compile(r"\b[A-Z][a-z]{0,8}\.(?:\s|$)")
_LAW_JOURNAL = re.compile(r"\bL\.\s?(?:Rev|J|Q)\b|\bL\s(?:Rev|J|Q)\b|\bLaw\s+(?:Review|Journal|"
                          r"Quarterly)\b|\bJ\.\s?L\.")
# one name before the title, with its "Jr." ("Richard H. Fallon, Jr."); several, the last
# after "&" or "and" ("Ian Ayres, Frederick E. Vars & Nasser Zakariya")
# (each a person's: two to four capitalised words, "Code and Other Laws, Revisited" is a title)
_LAW_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}(?:,\s+(?:Jr|Sr)\.)?"
_LAW_NAMES = (rf"(?P<names>{_LAW_NAME}(?:,\s+{_LAW_NAME}){{0,8}},?\s+(?:&|and)\s+{_LAW_NAME}|"
              rf"{_LAW_NAME})")
# Bluebook: "Lawrence Lessig, The Law of the Horse: What Cyberlaw Might Teach, 113 Harv. L.
# Rev. 501, 505 (1999)." (the names, the title, the volume, the journal, the first page, the
# page cited perhaps, the year)
# (the list's number and a footnote's signal before either of the Bluebook's forms)
_BLUEBOOK_OPENING = rf"^\s*(?:{_LIST_NUMBER}\s*)?(?:See,?\s+(?:also\s+|e\.g\.,\s+)?)?"
_BLUEBOOK = re.compile(
    _BLUEBOOK_OPENING +
    # (or a student's piece, unsigned: "Note, The Right to Be Forgotten in American Law, 133
    # Harv. L. Rev. 2170 (2020).")
    rf"(?:(?P<unsigned>Note|Comment|Recent Case|Developments in the Law)|{_LAW_NAMES}),\s+"
    r"(?P<title>[^\d].{2,300}),\s+"
    r"(?P<volume>\d{1,4})\s+(?P<journal>[A-Z][A-Za-z.&' ]{1,80}?)\s+(?P<page>\d{1,5})"
    r"(?:,\s*\d{1,5}(?:\s*[-–]\s*\d{1,5})?)?\s+\((?:[^()\d]{1,20}\s)?(?P<year>(?:1[7-9]|20)\d\d)\)"
    r"\.?\s*$")
# OSCOLA: "HLA Hart, 'Positivism and the Separation of Law and Morals' (1958) 71 Harv L Rev
# 593." (the title in single quotes, the year in brackets before the volume); a journal
# numbered by its years has none, the year in square brackets ("[2000] PL 671")
_OSCOLA = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?(?P<names>[A-Z][^,\d‘']{{1,80}}?),\s+[‘'](?P<title>.{{2,300}}?)"
    r"[’']\s+(?:[\[(](?P<year>(?:1[7-9]|20)\d\d)[\])]\s+(?P<volume>\d{1,4})|"
    r"\[(?P<year_only>(?:1[7-9]|20)\d\d)\])\s+"
    r"(?P<journal>[A-Z][A-Za-z.&' ]{1,80}?)\s+(?P<page>\d{1,5})"
    r"(?:,\s*\d{1,5}(?:\s*[-–]\s*\d{1,5})?)?\.?\s*$")
# ... whose journals OSCOLA abbreviates in capitals, without full stops ("LQR", "CLJ", "PL")
_OSCOLA_JOURNAL = re.compile(r"^[A-Z]{2,6}$")


# Bluebook's book: "Richard A. Posner, Economic Analysis of Law 45 (9th ed. 2014)." (the names,
# the title, the page cited, the edition and the year in brackets)
_BLUEBOOK_BOOK = re.compile(
    rf"{_BLUEBOOK_OPENING}{_LAW_NAMES},\s+"
    r"(?P<title>[A-Z][^,\d()]{2,200}?)\s+(?P<page>\d{1,5})(?:\s*[-–]\s*\d{1,5})?\s+"
    r"\((?:(?P<edition>\d{1,2})(?:st|nd|rd|th)\s+ed\.\s+)?(?P<year>(?:1[7-9]|20)\d\d)\)\.?\s*$")


def _case_or_statute(item: dict[str, Any], text: str) -> None:
    """A case (the Bluebook's, OSCOLA's) or a United States statute: the parties or the
    act's name its title, the reporter or the Statutes at Large its container, and the
    volume, first page and year the form places; a Bluebook book's title, page cited and
    year. No author: a court's report or a statute has none."""
    found = _US_CASE.match(text) or _UK_CASE.match(text)
    statute = None if found else _US_STATUTE.match(text)
    if found or statute:
        form = found or statute
        item.clear()
        item["title"] = form["title"].strip()
        item["container-title"] = form["reporter"].strip() if found else "Stat."
        if form["volume"]:
            item["volume"] = form["volume"]
        item["page"] = form["page"]
        item["issued"] = {"date-parts": [[int(form["year"])]]}
        return
    book = _BLUEBOOK_BOOK.match(text)
    # (the Bluebook names an author in full, and a title of words: "D. Sexty, PoS LATTICE
    # 2014 (2015)" is a physicist's conference paper)
    if book is None or not re.match(r"[A-Z][a-z]+\s", book["names"]) or \
            re.search(r"\b[A-Z]{3,}\b", book["title"]) or len(book["title"].split()) < 2 or \
            _PERIODICALS_WORD.search(book["title"]):
        return  # ("Niels Bohr, Philosophical Magazine 26 (1913).": a journal's volume)
    persons = split_authors(book["names"])
    item.clear()
    if persons:
        item["author"] = persons
    item["title"], item["page"] = book["title"].strip(), book["page"]
    if book["edition"]:
        item["edition"] = book["edition"]
    item["issued"] = {"date-parts": [[int(book["year"])]]}


def _law_review(item: dict[str, Any], text: str) -> None:
    """An article in a law review cited in the Bluebook's or OSCOLA's form: its fields as
    the form places them (the first page, not the page cited after it); a student's
    unsigned note has no author."""
    found = _BLUEBOOK.match(text)
    oscola = _OSCOLA.match(text) if found is None else None
    found = found or oscola
    if found is None or not (_LAW_JOURNAL.search(found["journal"])
                             or _ABBREVIATED.search(found["journal"])
                             or oscola and _OSCOLA_JOURNAL.match(found["journal"])):
        return
    unsigned = found.groupdict().get("unsigned")
    persons = split_authors(found["names"]) if not unsigned else []
    if persons:
        item["author"] = persons
    elif unsigned:
        item.pop("author", None)
    item["title"] = found["title"].strip()
    item["container-title"] = found["journal"].strip()
    item["page"] = found["page"]
    if found["volume"]:
        item["volume"] = found["volume"]
    else:
        item.pop("volume", None)
    item.pop("issue", None)
    item["issued"] = {"date-parts": [[int(found["year"] or found["year_only"])]]}


def _court_judgment(item: dict[str, Any], text: str) -> None:
    """A Chinese court's judgment: the court is its author, the case number with its year
    and the kind of document its title, the year in brackets its year."""
    found = _JUDGMENT.match(text)
    if found is None:
        return
    item["author"] = [{"literal": found["court"]}]
    item["title"] = found["title"]
    item["issued"] = {"date-parts": [[int(found["year"])]]}
    for key in ("container-title", "volume", "issue", "page"):
        item.pop(key, None)


def _article_of_a_law(item: dict[str, Any], text: str) -> None:
    """A law cited by its article: the article's number is no volume, issue or page."""
    found = _ARTICLE_OF_A_LAW.search(text)
    if found is None:
        return
    for key in ("volume", "issue", "page"):
        if item.get(key) == found["article"]:
            del item[key]
