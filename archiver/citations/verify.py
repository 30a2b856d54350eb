"""Verify citations against Crossref, field by field, and report what each verdict rests on.

One citation (a reference string, or a bare DOI) becomes a :class:`CitationResult`:

- with a DOI: the DOI is resolved; 404 → ``not_found``; unreachable → ``unresolved`` (with
  the reason, never a guess); otherwise every field the citation gives is compared with the
  record → ``verified`` or ``mismatch``; a record that is another work (title and authors
  both far off; with no title, authors and numbers another work's) → ``mismatch`` on the DOI
  alone, the work cited searched for as below; where a title far off and an author the
  same leave it open (one author's two works), the DOI is wrong only if that search finds
  another work the citation is of (:func:`_another_work`);
- without a DOI: Crossref's bibliographic search; a candidate is accepted only when the
  comparison identifies it (its title, and at least two of authors, year, journal, volume,
  pages, agree; or a title at least half alike and four of those); candidates whose title
  agrees are tried first; a citation without a title (Vancouver's short form) is identified
  by its numbers (see :func:`_named_without_a_title`), one field at most disagreeing; the fields
  are then reported like above. No candidate identified
  → ``ambiguous``, with the candidates.

``evidence`` names the Crossref server and when the record was fetched (or that it came from
the cache), so every verdict can be checked again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from archiver.citations.cited import (
    WHOLE_BOOK_TYPES,
    Cited,
    citation_body,
    doi_alone,
    read_citation,
    strip_doi_and_urls,
)
from archiver.citations.compare import (
    MISSPELT,
    FieldCheck,
    compare_authors,
    compare_journal,
    compare_number,
    compare_pages,
    compare_title,
    compare_year,
    is_pinpoint,
    mostly_cjk,
    not_compared_for_script,
    record_years,
    shares_a_family_name,
    squash,
    strip_markup,
    title_variants,
    words,
)
from archiver.citations.crossref import CrossrefClient, Outcome, malformed_field
from archiver.citations.extract import (
    find_dois,
    find_references,
    is_section_heading,
    reference_text,
    unescape_entities,
    without_label,
)
from archiver.citations.labelled import reference_of_block
from archiver.citations.notices import notices_of
from archiver.citations.parse import MORE_NAMES
from archiver.citations.pasted import entry_text, is_fence, join_entries
from archiver.citations.runon import split_run_together
from archiver.model import STATUSES, block_depth
from archiver.textfiles import text_lines

FAILING = frozenset({"mismatch", "not_found"})
IDENTIFYING = ("author", "year", "journal", "volume", "page")


@dataclass
class CitationResult:
    """One citation checked: ``status`` one of :data:`archiver.model.STATUSES`, ``fields``
    each compared field's verdict (``match`` False for a wrong one), ``reason`` why it could
    not be checked or what was found, ``evidence`` Crossref's record it was checked against,
    ``candidates`` the records a search found when it named none surely, ``location`` where
    in the post (``blocks/3``) the citation stands."""

    text: str
    doi: str | None
    status: str
    fields: dict[str, FieldCheck] = field(default_factory=dict)
    reason: str = ""
    evidence: dict[str, Any] | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)
    location: str | None = None

    @property
    def notices(self) -> list[dict[str, Any]]:
        """The notices Crossref lists for the work the citation was checked against."""
        return list((self.evidence or {}).get("notices") or [])

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text, "doi": self.doi, "status": self.status,
            "fields": {name: check.to_json() for name, check in self.fields.items()},
            "reason": self.reason, "evidence": self.evidence}
        if self.candidates:
            out["candidates"] = self.candidates
        if self.location:
            out["location"] = self.location
        return out


def compare_fields(cited: Cited, text: str, record: dict[str, Any]) -> dict[str, FieldCheck]:
    """Every field the citation gives, compared with the record (the citation's text as it
    reads: ``&#8211;`` copied from a page's source is a dash)."""
    text = unescape_entities(text)
    fields: dict[str, FieldCheck] = {}
    body, _ = citation_body(text)
    if cited.authors:
        people, editors = _named_people(record)
        check = compare_authors(cited.authors, cited.et_al, people)
        if editors and check.match is not None:
            check = FieldCheck(check.cited, check.crossref, check.match,
                               f"Crossref lists editors, no authors: {check.reason}")
        fields["author"] = check
    if cited.title:
        fields["title"] = compare_title(cited.title, body, record)
    if cited.journal:
        fields["journal"] = compare_journal(cited.journal, body, record)
    if cited.volume:
        fields["volume"] = compare_number("volume", cited.volume, record.get("volume"))
    if cited.issue:
        fields["issue"] = compare_number("issue", cited.issue, record.get("issue"))
    if cited.page:
        fields["page"] = compare_pages(cited.page, record, is_pinpoint(body, cited.page))
    if cited.year:
        fields["year"] = compare_year(cited.year, record)
        epub = _EPUB.search(body)
        if fields["year"].match and epub:  # PubMed's "Epub 2013 Apr 10": the online date
            fields["year"] = _epub_year(epub.group(1), record) or fields["year"]
    if cited.doi:
        same = cited.doi.lower() == str(record.get("DOI", "")).lower()
        fields["doi"] = FieldCheck(cited.doi, record.get("DOI"), same,
                                   "the DOI resolves to this record" if same else
                                   "the record found has another DOI")
    # a field Crossref lacks cannot confirm or refute the citation: keep it, match None
    return fields


# Whole books and proceedings that Crossref may list by their editors alone, whom a citation
# names in the authors' place ("Taylor, B., Huchon, P., Klaus, A. (Eds.) (2000)")
_EDITED_WHOLES = WHOLE_BOOK_TYPES | {"proceedings", "book-set"}


def _named_people(record: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """The people a citation of ``record`` names first, and whether they are its editors: its
    authors; or, for a whole book or proceedings Crossref lists with editors and no author
    (the ODP's Initial Reports), its editors as the evidence keeps them (:func:`_people`: a
    name that is no text left out), without the "et al." that ends their list (a misspelt or
    wrong editor was verified: "Crossref lists no authors")."""
    authors = record.get("author") or []
    if authors or record.get("type") not in _EDITED_WHOLES:
        return authors, False
    editors = [e for e in _people(record.get("editor"))
               if e.get("family") or not MORE_NAMES.match(e["literal"])]
    return editors, bool(editors)


# PubMed (NLM) ends a citation with the date it came out online: "Epub 2013 Apr 10."
_EPUB = re.compile(r"\bEpub(?:\s+ahead\s+of\s+print)?\s*[:.]?\s*((?:1[5-9]|20)\d\d)(?!\d)")


def _epub_year(year: str, record: dict[str, Any]) -> FieldCheck | None:
    """The Epub year, compared as a cited year is, where it is none of the record's years
    (None where it is one, or the record has none): the print year cited may be right and
    the online one wrong."""
    if not record_years(record):
        return None
    check = compare_year(year, record)
    return None if check.match else replace(check, cited=f"Epub {year}",
                                            reason=f"Epub {check.reason}")


def _reference_written_as_fields(text: str) -> str | None:
    """The reference string of a work ``text`` gives field by field, a BibTeX entry (after a
    list number or label, if any) or a block of labelled lines (``论文题目：…`` /
    ``期刊：…``); None for any other text."""
    entry = entry_text(text)
    if entry is not None:
        from archiver.citations.bib import reference_of_entry

        reference = reference_of_entry(entry)
        if reference is not None:
            return reference
    return reference_of_block(text)


def _status(fields: dict[str, FieldCheck]) -> str:
    return "mismatch" if any(f.match is False for f in fields.values()) else "verified"


def _evidence(outcome: Outcome, record: dict[str, Any]) -> dict[str, Any]:
    """Where the record came from, and the record in brief; with the notices Crossref lists
    for it (retracted, corrected…: :mod:`archiver.citations.notices`), when it lists any."""
    evidence = {"source": outcome.source, "fetched": outcome.fetched, "cached": outcome.cached,
                "doi": record.get("DOI"), "type": record.get("type"), "work": work_of(record)}
    notices = notices_of(record)
    if notices:
        evidence["notices"] = notices
    return evidence


# Crossref types whose container-title is the series the work is published in, not a
# container it is part of (Antarctic Research Series for a monograph)
_SERIES_IS_CONTAINER = {"book", "monograph", "edited-book", "reference-book", "report",
                        "book-set", "book-series"}
# a chapter's container-title lists the book and its series, in either order
# (["SpringerBriefs in Medical Earth Sciences", "Human Health and …"], ["Advances in Visual
# Computing", "Lecture Notes in Computer Science"]): a series names itself as one, at its
# end ("… Series"), as "… Series in …", or at its start ("Lecture Notes in …",
# "SpringerBriefs in …"); a book may well say "series" inside its title ("Time Series
# Analysis and Forecasting")
_A_SERIES = re.compile(r"\bseries$|\bseries (?:in|on|of)\b"
                       r"|^(?:lecture notes|communications|studies) (?:in|of|on)\b|^\w*briefs\b",
                       re.I)


def _values(record: dict[str, Any], key: str) -> list[str]:
    """The non-blank texts of one of Crossref's list fields, markup stripped, and a slash or
    dash a pretty-printed deposit put on a line of its own between two elements joined to
    them again: ``<i>KRAS</i>⏎  /⏎  <i>NRAS</i>`` is the paper's "KRAS/NRAS", where the
    line breaks became "KRAS / NRAS" in exports."""
    return [t for t in (_LAID_OUT_MARK.sub(r"\1", strip_markup(v))
                        for v in record.get(key) or [] if isinstance(v, str)) if t.strip()]


_LAID_OUT_MARK = re.compile(r"[ \t]*\n\s*([/\-‐–—])[ \t]*\n\s*")


def _first(record: dict[str, Any], key: str) -> str:
    return next(iter(_values(record, key)), "")


def _book_and_series(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """(container, series) of a Crossref record."""
    titles = _values(record, "container-title")
    if not titles:
        return None, None
    if record.get("type") in _SERIES_IS_CONTAINER:
        return None, titles[0]
    series = [t for t in titles if _A_SERIES.search(t)]
    if len(titles) >= 2 and len(series) == 1:
        return next(t for t in titles if t is not series[0]), series[0]
    return titles[0], None


def _people(names: Any) -> list[dict[str, str]]:
    """Crossref's list of people (``author``, ``editor``) as CSL names: family, given and
    suffix; a group, or a person known by one name (given alone), kept whole as ``literal``,
    not dropped. A part that is no text is left out (the client checks an author's before
    the record is used, not an editor's: a bad one costs that name, never the run)."""
    people = []
    for person in names if isinstance(names, list) else ():
        if not isinstance(person, dict):
            continue
        person = {k: v for k, v in person.items() if isinstance(v, str)}
        if person.get("family"):
            people.append({k: person[k] for k in ("family", "given", "suffix")
                           if person.get(k)})
        elif person.get("name") or person.get("literal") or person.get("given"):
            people.append({"literal": person.get("name") or person.get("literal")
                           or person["given"]})
    return people


def work_of(record: dict[str, Any]) -> dict[str, Any]:
    """The Crossref record in brief (CSL-like), kept as evidence and used by exports: the
    title with its subtitle (or, without a title, the title in the original language; a whole
    journal issue is titled by its journal), the container apart from the series, and a
    thesis's year of approval and granting institution when Crossref gives no other.

    Its authors and its editors, as Crossref lists them, whatever the type: which editors a
    citation names is the export's to decide (:data:`archiver.export.works.EDITED`), not
    the evidence's. (A journal article's ``editor`` is the academic editor who handled its
    review, PLOS's say; an edited book's are its editors, a chapter's its book's.)"""
    authors = _people(record.get("author"))
    years = record_years(record) or [y for y in [_approved_year(record)] if y]
    title = _first(record, "title") or _first(record, "original-title")
    subtitle = _first(record, "subtitle")
    if title and subtitle and subtitle.casefold() not in title.casefold():
        title = f"{title.rstrip(' :')}: {subtitle}"
    container, series = _book_and_series(record)
    if not title and record.get("type") == "journal-issue":
        title, container = container or "", None
    institutions = [i.get("name") for i in record.get("institution") or []
                    if isinstance(i, dict) and i.get("name")]
    work = {"type": record.get("type"), "subtype": record.get("subtype"),
            "DOI": record.get("DOI"),
            "title": title or None, "container-title": container,
            "collection-title": series,
            "volume": record.get("volume"), "issue": record.get("issue"),
            "page": record.get("page") or record.get("article-number"),
            **_dated(record, years),
            "publisher": record.get("publisher"),
            "institution": institutions[0] if institutions else None,
            "degree": _first(record, "degree"),
            # the work's language as its depositor gave it ("en"): CSL styles print a
            # reference by its language's rules (GB/T 7714's "et al." or 等)
            "language": record.get("language"),
            # what a posted work is (a preprint, a blog post) and where it was posted (a
            # blog's name; a preprint's subject area)
            "group-title": record.get("group-title") if record.get("type") == "posted-content"
            else None,
            "author": authors,
            "editor": _people(record.get("editor"))}
    return {k: v for k, v in work.items() if v not in (None, "", [])}


def _print_date(record: dict[str, Any]) -> dict[str, Any] | None:
    """The date of the printed issue a work is in (``published-print``, else its issue's), for
    a work with a volume or an issue: its volume, issue and pages are the print's, and
    Crossref's ``issued`` is the earlier online date (Journal of Clinical Pathology 74(5),
    the May 2021 issue, is issued August 2020)."""
    if not (record.get("volume") or record.get("issue")):
        return None
    issue = record.get("journal-issue")
    for date_of in (record.get("published-print"),
                    issue.get("published-print") if isinstance(issue, dict) else None):
        parts = date_of.get("date-parts") if isinstance(date_of, dict) else None
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0] \
                and isinstance(parts[0][0], int):
            return date_of
    return None


def _dated(record: dict[str, Any], years: list[int]) -> dict[str, Any]:
    """The work's year and, when Crossref has more of it, its date: the print issue's for a
    work in one (:func:`_print_date`), else Crossref's issued date."""
    printed = _print_date(record)
    if printed is not None:
        year = printed["date-parts"][0][0]
        return {"year": year, "issued": _issued({"issued": printed}, [year])}
    return {"year": years[0] if years else None, "issued": _issued(record, years)}


def _issued(record: dict[str, Any], years: list[int]) -> str | None:
    """Crossref's issued date as far as it goes (``2017-04-03``, ``2017-04``), when it has
    more than the year (a post or a preprint is cited by its day)."""
    parts = ((record.get("issued") or {}).get("date-parts") or [[None]])[0] or [None]
    if not years or parts[0] != years[0] or len(parts) < 2:
        return None
    if not all(isinstance(p, int) for p in parts[:3]):
        return None
    try:
        date(*(list(parts[:3]) + [1] * (3 - len(parts[:3]))))
    except ValueError:
        return None
    return "-".join(f"{p:02d}" if n else str(p) for n, p in enumerate(parts[:3]))


def _approved_year(record: dict[str, Any]) -> int | None:
    parts = (record.get("approved") or {}).get("date-parts") or [[None]]
    year = parts[0][0] if parts and parts[0] else None
    return year if isinstance(year, int) else None


def _identifies(fields: dict[str, FieldCheck], cited: Cited, record: dict[str, Any],
                relaxed: bool = True) -> bool:
    """Whether a search candidate is the work cited: the title agrees (allowing one wrong
    word), and at least two other identifying fields agree. A title further off (a wrong
    word in a short title: "Solar Examinations" for "Physical Examinations") is still the
    work's when it shares half its letters, or all its words but one, and either four of
    the five other fields agree,
    or its authors, container and pages do and nothing cited disagrees (a chapter cited
    without a year: those pages of that book by those authors are that chapter).

    A work Crossref knows little of (a preprint, a thesis, a report: no container, volume
    or pages) leaves a citation only its authors and year to agree on: its title, the same
    (95 % alike, four words and twenty letters or more), and one of them name it, so that
    the other can be found wrong (a wrong author list must still show Crossref's first
    author, if misspelt), when the citation does not claim a volume and pages
    (which would make it the published version of a preprint, another work; a preprint's
    date, "bioRxiv, December 28", may leave one number)."""
    if cited.title is None:
        return _named_without_a_title(fields, relaxed)
    title = fields.get("title")
    if title is None:
        return False
    compared = {name for name in IDENTIFYING if fields.get(name) and fields[name].match
                is not None}
    agreeing = {name for name in compared if fields[name].match}
    if not title.match:
        best = max((fuzz.token_sort_ratio(squash(cited.title or ""), squash(v))
                    for v in title_variants(record)), default=0)
        located = {"author", "journal", "page"} <= agreeing and agreeing == compared
        alike = best >= 50 or _one_word_replaced(cited.title or "", record)
        if best < 85 and not (relaxed and alike and (len(agreeing) >= 4 or located)):
            return False
    if relaxed and _thin(record) and not (cited.volume and cited.page) and \
            _same_long_title(cited.title or "", record):
        author = fields.get("author")
        if author is not None and author.match is False and \
                not _names_first_author(str(author.cited or ""), record):
            return False  # someone else's work of that title, not a misspelt list
        return len(agreeing) >= 1
    return len(agreeing) >= 2


# a DOI printed, as a link or after its label, whose prefix is not the 10. every DOI has
# ("https://doi.org/11.1371/journal.pone.0214986"): a character of it mistyped, which no
# DOI pattern finds (a shortDOI, "doi.org/bqmn", has no prefix and is not this)
_NOT_A_DOI = re.compile(r"(?:\bdoi\.org/|\bdoi\s*[:：]\s*)(?!10\.)(\d{1,4}\.\d{3,9}/\S+)",
                        re.I)


def _one_word_replaced(cited: str, record: dict[str, Any]) -> bool:
    """Whether a title of two words or more is one of the record's titles, or its opening
    words (a style that ends a title at its first full stop), with one word replaced
    ("Physical Random" for "Physical Examinations"): a short title with a wrong word shares
    too few letters to be told alike, and is still the work's when the rest agrees."""
    words = squash(cited).split()
    if len(words) < 2:
        return False
    for variant in title_variants(record):
        theirs = squash(variant).split()[:len(words)]
        if len(theirs) == len(words) and \
                sum(a != b for a, b in zip(words, theirs, strict=True)) == 1:
            return True
    return False


def _named_without_a_title(fields: dict[str, FieldCheck], relaxed: bool = True) -> bool:
    """Whether a search candidate is the work a citation without a title names (Vancouver's
    short form, ``Lieber RL, et al. J Orthop Res. 1997;15(4):519-527.``): those pages of
    that journal, in that volume or year, are one work; so is a first author's paper in that
    journal's volume and year, or at those pages of that volume. A journal without pages (an
    online magazine's issue) names its work by its authors, volume, issue and year. Of the
    fields cited one may disagree (``relaxed``), and is reported wrong; two make it another
    work."""
    agreeing = {name for name, check in fields.items() if check.match is True}
    disagreeing = {name for name, check in fields.items() if check.match is False}
    if len(disagreeing) > (1 if relaxed else 0):
        return False
    if {"journal", "page"} <= agreeing:
        return bool(agreeing & {"volume", "year"})
    if "author" in agreeing and len(agreeing & {"journal", "volume", "page", "year"}) >= 3:
        return True
    return "page" not in disagreeing and {"author", "volume", "issue", "year"} <= agreeing


def _another_work(fields: dict[str, FieldCheck], cited: Cited, record: dict[str, Any]
                  ) -> bool | None:
    """Whether the record a cited DOI resolves to is another work than the one the citation
    describes; None for perhaps: the title is far from the record's but an author is the
    same (one author's two blog posts, two papers of a group), or it is under 70 % alike,
    where a wrong DOI and a wrong title look alike, and a search for the work cited
    decides. One error leaves the rest of a citation the work's (a misspelt title word
    keeps the title alike, a wrong author list keeps the title and the numbers), so the DOI
    is what is wrong when:

    - the title is far from the cited one (under half alike, word for word) and none of the
      cited authors' family names is among the record's (the same name, or one letter off in
      a name of five or more: a given name or a short name alike by chance is not one),
      and the numbers do not name the work: its pages and its volume or year agree, or three
      of volume, issue, pages and year (a Japanese citation of a record in English and
      romaji agrees on them);
    - or title and authors are written in another script than the record's (so not
      compared), and of volume, issue, pages and year two differ and at most one agrees,
      not the pages (a year alone agrees by chance);
    - or no title is cited (Vancouver's short form, "Weber MA, Ringold PL. PLoS One.
      2019;14(5):e0214986."), none of the cited family names is the record's, and its
      pages and two more of volume, issue and year differ, the volume not agreeing."""
    title, author = fields.get("title"), fields.get("author")
    if author is None:
        return False
    numbers = {name: fields[name].match for name in ("volume", "issue", "page", "year")
               if name in fields}
    agreeing = {name for name, match in numbers.items() if match is True}
    if title is None:
        disagreeing = {name for name, match in numbers.items() if match is False}
        return author.match is False and "page" in disagreeing and len(disagreeing) >= 3 \
            and "volume" not in agreeing \
            and not shares_a_family_name(str(author.cited or ""), record)
    named_by_numbers = len(agreeing) >= 3 or ("page" in agreeing and agreeing & {"volume", "year"})
    if not_compared_for_script(title) and not_compared_for_script(author):
        if not any(mostly_cjk(str(check.cited or "")) for check in (title, author)):
            # romanised or translated, where the record is in CJK script alone: nothing it
            # names is compared, so the numbers must name the work (a year alone, or a DOI
            # alone, does not)
            return not named_by_numbers
        return len(agreeing) <= 1 and "page" not in agreeing and \
            sum(match is False for match in numbers.values()) >= 2
    if title.match is not False or named_by_numbers:
        return False
    alike = max((fuzz.token_set_ratio(squash(cited.title or ""), squash(v))
                 for v in title_variants(record)), default=0)
    if alike >= 70:  # a word or two off: the title is what is wrong
        return False
    if alike < 50 and author.match is False and \
            not shares_a_family_name(str(author.cited or ""), record):
        return True
    return None  # (two titles of one field share its words: "science" in 56 % alike ones)


def _work_named(record: dict[str, Any]) -> str:
    """A record as a person names a work: "'Title' (Family, 2011)"."""
    title = (record.get("title") or ["(untitled)"])[0]
    family = next((a.get("family") for a in record.get("author") or [] if a.get("family")),
                  None)
    years = record_years(record)  # the issued year first
    who = ", ".join(str(part) for part in (family, years[0] if years else None) if part)
    return f"'{strip_markup(title)}'" + (f" ({who})" if who else "")


def _names_first_author(segment: str, record: dict[str, Any]) -> bool:
    """Whether an author list shows Crossref's first family name, if misspelt (70 % alike)."""
    first = next((a.get("family") for a in record.get("author") or [] if a.get("family")), "")
    family = " ".join(words(first))
    return bool(family) and any(fuzz.ratio(word, family) >= MISSPELT
                                for word in words(segment))


def _thin(record: dict[str, Any]) -> bool:
    """Whether Crossref gives a work nothing to compare but its authors and year: a whole
    book's container is its series, which a citation of the book need not name (it names
    its publisher there)."""
    series_only = record.get("type") in WHOLE_BOOK_TYPES
    return not ((record.get("container-title") and not series_only) or record.get("volume")
                or record.get("page"))


def _same_long_title(title: str, record: dict[str, Any]) -> bool:
    """A title long enough to name a work, and the one Crossref has (95 % alike)."""
    cited = squash(title)
    if len(cited.replace(" ", "")) < 20 or len(cited.split()) < 4:
        return False
    return max((fuzz.ratio(cited, squash(v)) for v in title_variants(record)),
               default=0) >= 95


class Verifier:
    """Verifies citation strings with one Crossref client (thread-safe)."""

    def __init__(self, client: CrossrefClient,
                 parse: Callable[[str], dict[str, Any]] | None = None):
        self.client = client
        self.parse = parse

    def _read(self, text: str, record: dict[str, Any]) -> Cited:
        cited = read_citation(text, record)
        if self.parse is not None and not (cited.title and cited.journal and cited.authors) \
                and not doi_alone(text):  # a lone DOI claims nothing, even to the parser
            cited = read_citation(text, record, self.parse(text))
        return cited

    def verify(self, text: str, location: str | None = None) -> CitationResult:
        result = self._verify(text, location, cache_only=False)
        assert result is not None  # only a cache-only check can find nothing
        return result

    def _verify(self, text: str, location: str | None, cache_only: bool
                ) -> CitationResult | None:
        """The result; with ``cache_only``, None when Crossref would have to be asked. A
        BibTeX entry, on one line or over several, after a list number or not, is read as
        its reference string (as a .bib file's entries are), and so is a block of labelled
        lines naming a work (``论文题目：…`` / ``期刊：…``), each reported under the text as
        written."""
        reference = _reference_written_as_fields(text)
        if reference is not None:
            result = self._verify(reference, location, cache_only)
            return None if result is None else replace(result, text=text)
        body, doi = strip_doi_and_urls(text)
        if doi:
            outcome = self.client.cached_work(doi) if cache_only else self.client.work(doi)
            return None if outcome is None else self._by_doi(text, doi, location, outcome,
                                                             cache_only)
        misprinted = _NOT_A_DOI.search(text)
        if misprinted:
            printed = misprinted.group(1).rstrip(".,;")
            reason = (f"the DOI printed, {printed!r}, is no DOI (every DOI begins with 10.); "
                      "Crossref has no work under it")
            return CitationResult(text, printed, "not_found",
                                  {"doi": FieldCheck(printed, None, False, reason)}, reason,
                                  location=location)
        if len(squash(body).split()) < 4:
            return CitationResult(text, None, "ambiguous", reason="too little text to search",
                                  location=location)
        outcome = self.client.cached_search(text) if cache_only else self.client.search(text)
        return None if outcome is None else self._by_search(text, location, outcome)

    def _by_doi(self, text: str, doi: str, location: str | None, outcome: Outcome,
                cache_only: bool = False) -> CitationResult | None:
        if outcome.status == "not_found":
            return CitationResult(text, doi, "not_found", {
                "doi": FieldCheck(doi, None, False, outcome.reason)}, outcome.reason,
                {"source": outcome.source or self.client.base_url, "fetched": outcome.fetched,
                 "cached": False},
                location=location)
        if outcome.status != "found" or outcome.message is None:
            return CitationResult(text, doi, "unresolved", reason=outcome.reason,
                                  location=location)
        record = outcome.message
        cited = self._read(text, record)
        fields = compare_fields(cited, text, record)
        verdict = _another_work(fields, cited, record)
        if verdict:
            return self._wrong_doi(text, doi, location, outcome, cache_only)
        compared = CitationResult(text, doi, _status(fields), fields, _summary(fields),
                                  _evidence(outcome, record), location=location)
        if verdict is None:  # perhaps: it is, if a search finds the work the citation is of
            return self._wrong_doi(text, doi, location, outcome, cache_only, compared)
        return compared

    def _wrong_doi(self, text: str, doi: str, location: str | None, outcome: Outcome,
                   cache_only: bool, unless_unfound: CitationResult | None = None
                   ) -> CitationResult | None:
        """A citation whose DOI names another work: the DOI is reported wrong, not every
        field the other work does not share (a reader would correct the right ones). The
        work the citation describes is looked for as a citation without a DOI is; when it
        is found, its DOI is given and the other fields are compared with it.
        ``unless_unfound``: the DOI is wrong only if the search finds another work the
        citation is of; if not, this result (the citation compared with the DOI's work)."""
        record = outcome.message or {}
        body, _ = strip_doi_and_urls(text)
        searched = self.client.cached_search(body) if cache_only else self.client.search(body)
        if searched is None:
            return None  # Crossref must be asked
        reason = f"the DOI names another work, {_work_named(record)}"
        if searched.status == "found" and searched.message is not None:
            found = self._by_search(body, location, searched)
            accepted = [c["doi"] for c in found.candidates
                        if c.get("accepted") and str(c["doi"]).lower() != doi.lower()]
            if unless_unfound is not None and not accepted:
                return unless_unfound
            if accepted:
                fields = {"doi": FieldCheck(doi, accepted[0], False,
                                            f"{reason}; the work cited is {accepted[0]}"),
                          **found.fields}
                return CitationResult(text, doi, "mismatch", fields, _summary(fields),
                                      found.evidence, found.candidates, location)
            reason += "; a search found no work that agrees with the citation"
        elif unless_unfound is not None:
            return unless_unfound
        else:
            reason += f"; the work cited could not be looked for ({searched.reason})"
        fields = {"doi": FieldCheck(doi, record.get("DOI"), False, reason)}
        # the record compared, not the work cited: no "work", which exports would take for
        # the citation's (they write it as cited)
        evidence = {key: value for key, value in _evidence(outcome, record).items()
                    if key not in ("work", "notices")}
        return CitationResult(text, doi, "mismatch", fields, _summary(fields), evidence,
                              location=location)

    def _by_search(self, text: str, location: str | None, outcome: Outcome) -> CitationResult:
        if outcome.status != "found" or outcome.message is None:
            return CitationResult(text, None, "unresolved", reason=outcome.reason,
                                  location=location)
        items = [i for i in outcome.message.get("items") or []  # a malformed candidate
                 if isinstance(i, dict) and malformed_field(i) is None]  # is none
        compared = []
        for record in items:
            cited = self._read(text, record)
            compared.append((record, cited, compare_fields(cited, text, record)))
        # a candidate identified by its title beats one identified despite it, wherever
        # the search ranked them (a sibling paper by the same authors may come first); the
        # sort is stable, so the search's order holds among each kind
        compared.sort(key=lambda c: not _identifies(c[2], c[1], c[0], relaxed=False))
        candidates = []
        for record, cited, fields in compared:
            if _identifies(fields, cited, record):
                fields.pop("doi", None)
                result = CitationResult(text, None, _status(fields), fields,
                                        f"found by search as {record.get('DOI')}; "
                                        + _summary(fields), _evidence(outcome, record),
                                        location=location)
                result.candidates = [{"doi": record.get("DOI"), "accepted": True}]
                return result
            candidates.append({"doi": record.get("DOI"),
                               "title": (record.get("title") or [None])[0],
                               "agreeing": sorted(n for n, f in fields.items() if f.match)})
        return CitationResult(text, None, "ambiguous",
                              reason="no search candidate agrees with the citation" if items
                              else "the search found nothing", candidates=candidates[:5],
                              evidence={"source": outcome.source, "fetched": outcome.fetched,
                                        "cached": outcome.cached}, location=location)

    def verify_all(self, texts: Iterable[tuple[str, str | None]],
                   on_result: Callable[[CitationResult], None] | None = None
                   ) -> list[CitationResult]:
        """Verify many citations, in input order. Those the cache answers are verified in
        this thread; the others go, as they are met, to a pool of threads, as many as
        Crossref's limits allow at once (a re-run answered wholly from the cache starts no
        thread: with the GIL, threads would only add switching to work that is all CPU)."""
        items = list(texts)
        results: list[CitationResult | None] = [None] * len(items)
        workers = 1 if self.client.offline else max(1, self.client.limits.concurrent)
        pool: ThreadPoolExecutor | None = None
        futures: dict[Future[CitationResult], int] = {}
        try:
            for i, (text, location) in enumerate(items):
                result = self._verify(text, location, cache_only=workers > 1)
                if result is None:  # Crossref must be asked: a thread does it meanwhile
                    pool = pool or ThreadPoolExecutor(max_workers=workers)
                    futures[pool.submit(self.verify, text, location)] = i
                    continue
                results[i] = result
                if on_result:
                    on_result(result)
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if on_result:
                    on_result(results[futures[future]])  # type: ignore[arg-type]
        except BaseException:  # an error or Ctrl-C: no waiting for the queued requests
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            if pool is not None:
                pool.shutdown(wait=True)
        return results  # type: ignore[return-value]


def _summary(fields: dict[str, FieldCheck]) -> str:
    wrong = [name for name, f in fields.items() if f.match is False]
    if wrong:
        return "differs from Crossref: " + ", ".join(
            f"{name} ({fields[name].reason})" for name in wrong)
    checked = [name for name, f in fields.items() if f.match]
    unchecked = [name for name, f in fields.items() if f.match is None]
    return "agrees with Crossref on " + (", ".join(checked) or "nothing it could check") + (
        "; not compared: " + ", ".join(unchecked) if unchecked else "")


def summarise(results: Iterable[CitationResult]) -> dict[str, int]:
    return count_statuses(r.status for r in results)


def count_statuses(statuses: Iterable[str]) -> dict[str, int]:
    """The report's summary: how many citations have each status, and in all (also for
    report entries read back from an archived ``citations.json``)."""
    counts = Counter(statuses)
    out = {status: counts.get(status, 0) for status in STATUSES}
    out["total"] = sum(counts.values())
    return out


def report(results: list[CitationResult]) -> dict[str, Any]:
    """The verify report (schemas/verify-report.schema.json)."""
    return {"citations": [r.to_json() for r in results], "summary": summarise(results)}


def split_reference_lines(text: str) -> list[tuple[int, str]]:
    """A .txt of references: (line number, reference), one per line, but for a BibTeX
    entry written over several lines, which is one reference numbered by its first line;
    blank lines, comments (``# …``), headings (``参考文献``, ``References:``) and the lines
    of a Markdown code fence (```` ```bibtex ````) are no references."""
    out = []
    lines, origin = join_entries(text_lines(text))
    for index, line in enumerate(lines):
        number = origin[index] + 1
        if is_fence(line):
            continue
        line = reference_text(line)
        line = without_label(line) or line  # "Reference: Gross JB, …"
        if line and not line.startswith("#") and not is_section_heading(line):
            out.append((number, line))
            if line.count("10.") > 1:  # two references run together: the line is checked
                # against its first DOI, and each other DOI on it alone, none left unchecked
                out.extend((number, doi) for doi in find_dois([line])[1:])
    return out


def citations_of(record: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(citation text, location) for a record: its reference strings, then every DOI in the
    body that no reference string carries (a bare DOI is checked for existence)."""
    lines: list[str] = []
    listed: list[int] = []
    where: list[str] = []
    nested, into = _nested_in_items(record.get("blocks") or [])
    for i, block in enumerate(record.get("blocks") or []):
        if f"blocks/{i}" in into:
            continue  # read as a line of the item it is under
        if block.get("type") == "list":
            for j, item in enumerate(block.get("items") or []):
                # an item of several paragraphs (its lines) is one entry, with the lines
                # nested under it that only locate it: a reference and the DOI line under it
                # are one citation; a label opening an item is a group's, over the references
                # of a list nested in it ("- Genetics:" then "  - Chiang C, …" in records made
                # before a nested list was a block of its own), no reference's first words
                if f"blocks/{i}/items/{j}" in into:
                    continue
                item = nested.get(f"blocks/{i}/items/{j}", item)
                parts = item.split("\n")
                if len(parts) > 1 and _GROUP_LABEL.fullmatch(parts[0]):
                    parts = parts[1:]
                for part in split_run_together(" ".join(parts)):
                    listed.append(len(lines))
                    lines.append(part)
                    where.append(f"blocks/{i}/items/{j}")
        elif block.get("type") == "table":
            # a row's cells (tab-separated), each an entry as a list item's is: a table of
            # references ("| 1 | Myers CL, … |") under 参考文献 or none; its number's cell
            # and its header row's labels are no reference
            for cell in (block.get("text") or "").split("\t"):
                if cell.strip() and not _CELL_NUMBER.fullmatch(cell.strip()):
                    listed.append(len(lines))
                    lines.append(cell.strip())
                    where.append(f"blocks/{i}")
        elif block.get("type") != "image":
            for line in (block.get("text") or "").split("\n"):
                for part in split_run_together(line):  # a list Markdown made one paragraph
                    lines.append(part)
                    where.append(f"blocks/{i}")
    # a DOI broken inside a word over two paragraphs is found whole in its reference, and
    # its first part alone among the post's DOIs: that part is no DOI to check
    broken: set[str] = set()
    out: list[tuple[str, str | None]] = [
        (text, where[index]) for index, text in find_references(lines, listed, broken)]
    covered = {strip_doi_and_urls(text)[1] for text, _ in out}
    # ... and so is one broken after a hyphen at a line's end, in a record archived before
    # ingest found such DOIs whole: no DOI ends with one
    broken.update(doi for doi in (c.get("doi") for c in record.get("citations") or [])
                  if doi and doi.endswith(("-", "/", "_"))
                  and any(whole and whole.startswith(doi) for whole in covered))
    covered.update(_bind_linked(record, out, covered | broken, nested, into))
    for citation in record.get("citations") or []:
        doi = citation.get("doi")
        if doi and doi not in covered and doi not in broken:
            out.append((doi, citation.get("location")))
            covered.add(doi)
    return out


_PLACE = re.compile(r"blocks/(\d+)(?:/items/(\d+))?")
_CELL_NUMBER = re.compile(r"[\[［(（【]?\d{1,4}[\]］)）】.、]?")
# a group's label over a nested list: short, ending with a colon, no number in it
_GROUP_LABEL = re.compile(r"[^\d:：\n]{1,40}[:：]\s*")


# what a line under a reference holds when it only locates that reference: its DOI, its
# PubMed number, its address, or a link's words ("DOI: 10.1038/ng.3834", "[DOI](…)",
# "PMID: 28346445", "[PubMed] [Google Scholar]")
_LOCATOR_WORDS = re.compile(
    r"(?i)\b(?:doi|pmid|pmcid|pubmed(?:\s+central)?|europe\s+pmc|google\s+scholar|crossref|"
    r"web\s+of\s+science|scopus|(?:free\s+)?(?:pmc\s+)?(?:free\s+)?(?:full[\s-]+text|article)|"
    r"link|url|available(?:\s+online)?(?:\s+(?:at|from))?|accessed(?:\s+on)?|retrieved(?:\s+from)?|"
    r"cited|epub(?:\s+ahead\s+of\s+print)?|ahead\s+of\s+print|"
    # (the dates those carry: "Epub 2017 Mar 27", "(accessed on 1 May 2020)")
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december|on|at|from)\b\.?|全文|链接|原文|\d+")
_LOCATOR_REST = re.compile(r"[\s\[\]()（）【】:：;；,，.。|/-]*")
_LOCATOR_NAMES = re.compile(r"(?i)\b(?:doi|pmid|pmcid|pubmed|pmc|google\s+scholar|crossref|"
                            r"full[\s-]+text|link|url)\b|全文|链接|原文")


def _only_locates(text: str) -> bool:
    """Whether a nested line only locates the reference above it (see _LOCATOR_WORDS)."""
    if not text.strip():
        return False
    body = text
    if "10." in body or "://" in body or "www." in body.lower():
        body = strip_doi_and_urls(body)[0]
    rest = _LOCATOR_WORDS.sub(" ", re.sub(r"\bPMC\d{5,9}\b", " ", body))
    return bool(_LOCATOR_REST.fullmatch(rest)) and (body != text or bool(
        _LOCATOR_NAMES.search(text)))  # (a line of dates or numbers alone locates nothing)


def _nested_in_items(blocks: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str]]:
    """The lines nested under a list item that only locate it (its DOI, its link, its
    PubMed number: :func:`_only_locates`) read as lines of that item, by the item's place,
    as they were when a nested list was a part of its item; and the place each such line
    (a nested list's item, or a block) is read in. A nested line that says more is an entry
    of its own, in its own place: a group's label over the references nested under it, the
    references themselves."""
    lines: dict[str, list[str]] = {}  # an item's place → its text, and the lines folded in
    into: dict[str, str] = {}
    above: list[tuple[str, str]] = []  # the place and text of the last item at each depth
    for i, block in enumerate(blocks):
        kind = block.get("type")
        if kind == "image":
            continue
        depth = block_depth(block)
        del above[depth:]
        if kind == "list":
            for j, item in enumerate(block.get("items") or []):
                place = f"blocks/{i}/items/{j}"
                if depth and len(above) == depth and _only_locates(item):
                    into[place] = above[-1][0]
                    lines.setdefault(above[-1][0], [above[-1][1]]).append(item)
                else:
                    del above[depth:]
                    above.append((place, item))
            continue
        if depth and len(above) >= depth and _only_locates(block.get("text") or ""):
            parent, text = above[depth - 1]  # (what an item holds after its list)
            into[f"blocks/{i}"] = parent
            lines.setdefault(parent, [text]).append(block.get("text") or "")
        del above[depth:]
    return {place: "\n".join(parts) for place, parts in lines.items()}, into


def _bind_linked(record: dict[str, Any], out: list[tuple[str, str | None]],
                 covered: set[str], nested: dict[str, str] | None = None,
                 into: dict[str, str] | None = None) -> list[str]:
    """Give a reference without a DOI the DOI its list item, or its block of one line, holds
    only as a link target (``[DOI](https://doi.org/…)``, a linked title), so that it is
    checked against the work it links to: read apart, a wrong link passed as a DOI that
    exists and the reference as one a search finds. Only one reference and one such DOI to
    a place: a link's place is its block, not its line, and in a paragraph of several lines
    a link may be no reference's ("原文链接：[论文](…)" under the list) or another line's.
    A link on a line nested under an item that only locates it is the item's (``nested``,
    ``into``: as :func:`_nested_in_items` gives them). The DOIs bound are returned; ``out``
    is changed in place."""
    linked: dict[str, list[str]] = {}
    blocks = record.get("blocks") or []
    # each place's text read once, and its DOIs found once: a block may hold 100,000 of
    # them, and a search of its text for each took minutes
    read: dict[str, tuple[set[str], str]] = {}
    for citation in record.get("citations") or []:
        doi, place = citation.get("doi"), citation.get("location") or ""
        if not doi or doi in covered or not (match := _PLACE.fullmatch(place)):
            continue
        if into and place in into:  # on a line nested under an item: the item's place
            place = into[place]
            if (match := _PLACE.fullmatch(place)) is None:
                continue
        text = (nested or {}).get(place) or _text_at(blocks, int(match.group(1)),
                                                      match.group(2))
        if text is None or (match.group(2) is None and "\n" in text):
            continue  # a paragraph of several lines: whose link it is, is not known
        if place not in read:
            read[place] = (set(find_dois([text])), "".join(text.lower().split()))
        in_text, squashed = read[place]
        if doi not in in_text and doi.lower() not in squashed:
            linked.setdefault(place, []).append(doi)  # in no text there: a link's target
    bound: list[str] = []
    for place, dois in linked.items():
        bare = [k for k, (text, where) in enumerate(out)
                if where == place and strip_doi_and_urls(text)[1] is None]
        if len(bare) == len(dois) == 1:
            out[bare[0]] = (f"{out[bare[0]][0]} https://doi.org/{dois[0]}", place)
            bound.append(dois[0])
    return bound


def _text_at(blocks: list[dict[str, Any]], block: int, item: str | None) -> str | None:
    """The text of a citation's place in a record's blocks, or None where there is none."""
    if block >= len(blocks):
        return None
    if item is None:
        return blocks[block].get("text") or ""
    items = blocks[block].get("items") or []
    return items[int(item)] if int(item) < len(items) else None
