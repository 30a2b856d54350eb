"""A citation's volume, issue, year and pages compared with Crossref's.

- volume and issue: equal as numbers (``1/2`` = ``1-2``);
- year: the issued, print or online year;
- pages: the same first and last page (``975-993`` = ``975–93`` = ``pp. 975-993``), or the
  article number.

These fields are numbers or ranges of them, written in a few ways each: they are read as
numbers here, apart from the fields made of words.
"""

from __future__ import annotations

import re
from typing import Any

from archiver.citations.compare.text import _YEARS_IN, FieldCheck, fold, squash

_NUMBER_LABEL = re.compile(r"^(?:vol|no|nr|issue|iss|n)\.?\s*")
_NUMBER_DASH = re.compile(r"\s*[/–—‐-]\s*")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")
# a supplement as citations and depositors name it: "Suppl 1", "Supplement_1", "suppl.1", "S1"
_SUPPLEMENT_NAME = re.compile(r"^(?:supplement|suppl|supp|s)[\s._-]*(?=\d|$)")


def _number(value: Any) -> str:
    text = fold(str(value)).strip()
    text = _NUMBER_LABEL.sub("", text)
    text = _NUMBER_DASH.sub("-", text)
    text = _SUPPLEMENT_NAME.sub("s", text)
    return _LEADING_ZEROS.sub("", text)


def compare_number(name: str, cited: str | None, crossref: str | None) -> FieldCheck:
    if crossref in (None, ""):
        return FieldCheck(cited, None, None, f"Crossref has no {name}")
    if cited in (None, ""):
        return FieldCheck(None, crossref, None, f"the citation gives no {name}")
    if _number(cited) == _number(crossref):
        return FieldCheck(cited, crossref, True, f"same {name}")
    # a part of an issue or volume, which Crossref keeps from PubMed ("4 Pt 1", "4_Pt_1",
    # "55 Pt 1") and a citation may leave out (or the other way round): the same number
    parts = [_PART.search(str(value)) for value in (cited, crossref)]
    if (parts[0] is None) != (parts[1] is None) and _number(_PART.sub("", str(cited))) == \
            _number(_PART.sub("", str(crossref))):
        return FieldCheck(cited, crossref, True, f"same {name}, its part aside")
    return FieldCheck(cited, crossref, False, f"{name} {cited} ≠ {crossref}")


_PART = re.compile(r"[\s_]+(?:Pt|Part)[\s_.]*[A-Za-z0-9]{1,3}$", re.I)


def record_years(record: dict[str, Any]) -> list[int]:
    """The record's years, the issued one first: print or online, and the issue's."""
    years: list[int] = []
    for key in _DATE_KEYS:
        part = record.get(key)
        if key == "journal-issue" and isinstance(part, dict):
            part = part.get("published-print") or part.get("published-online")
        parts = part.get("date-parts") if isinstance(part, dict) else None
        first = parts[0] if isinstance(parts, list) and parts else None
        year = first[0] if isinstance(first, list) and first else None
        if isinstance(year, int) and year not in years:
            years.append(year)
    return years


_DATE_KEYS = ("issued", "published-print", "published-online", "published", "journal-issue")


def _named_year(record: dict[str, Any]) -> int | None:
    """For a proceedings paper Crossref gives no date, the one year its proceedings' name (or
    its event's) gives: "…, 2003. Proceedings." Proceedings are printed for the conference,
    in its year; a name giving two years ("2003-2004"), or none, gives none. Only for
    proceedings: a book's title may name any year ("Europe 1914")."""
    if record.get("type") != "proceedings-article":
        return None
    names = [name for name in record.get("container-title") or [] if isinstance(name, str)]
    event = record.get("event")
    if isinstance(event, dict) and isinstance(event.get("name"), str):
        names.append(event["name"])
    # a proceedings with a DOI and no date is of a conference of the last hundred-odd
    # years: "IEEE 1588" names a standard
    years = {int(year) for name in names for year in _YEARS_IN.findall(name)
             if year.startswith(("19", "20"))}
    return years.pop() if len(years) == 1 else None


def compare_year(cited: str | int | None, record: dict[str, Any]) -> FieldCheck:
    years = record_years(record)
    if not years:
        named = _named_year(record)
        if named is None:
            return FieldCheck(cited, None, None, "Crossref has no date")
        if cited in (None, ""):
            return FieldCheck(None, named, None, "the citation gives no year")
        if str(cited)[:4] == str(named):
            return FieldCheck(cited, named, True, f"{named}, the year the proceedings' name "
                                                  "gives (Crossref has no date)")
        if str(cited)[:4] == str(named + 1):  # proceedings may come out the next year
            return FieldCheck(cited, named, None, f"the proceedings' name gives {named}, "
                                                  "and they may have come out the year after "
                                                  "(Crossref has no date)")
        return FieldCheck(cited, named, False, f"{cited} is not {named}, the year the "
                                               f"proceedings' name gives (Crossref has no "
                                               f"date)")
    if cited in (None, ""):
        return FieldCheck(None, years[0], None, "the citation gives no year")
    try:
        year = int(str(cited)[:4])
    except ValueError:
        return FieldCheck(cited, years[0], False, f"{cited!r} is not a year")
    if year in years:
        which = "issued" if year == years[0] else "print or online"
        return FieldCheck(cited, years[0], True, f"the {which} year")
    return FieldCheck(cited, years[0], False, f"{year} is none of Crossref's years "
                                              f"({', '.join(map(str, years))})")


_PAGE_LABEL = re.compile(r"^(?:pp?\.?|pages?|article(?:\s+no\.?)?|art\.?|no\.)\s*")
_PAGE = re.compile(r"^([a-z]*\d+[a-z]*)(?:\s*[-–—‐]+\s*([a-z]*\d+[a-z]*))?$")


# Cell Press's "688-702.e13": the article's printed pages, then its online pages e1-e13
_ONLINE_PAGES = re.compile(r"(?<=\d)\.e\d+$")
# the pages an article is continued on, after its range: "45-53+61" (转页, as Chinese
# journals print and deposit them), "45-53+61-62"; after a range, with a comma, as they are
# cited: "485-489, 514" (not two pages, "12, 15")
_CONTINUED = re.compile(r"(?<=[\da-z])\s*\+\s*[a-z]*\d+[a-z]*(?:\s*[-–—‐]+\s*[a-z]*\d+[a-z]*)?$")
_CONTINUED_AFTER_A_RANGE = re.compile(
    r"^([a-z]*\d+[a-z]*\s*[-–—‐]+\s*[a-z]*\d+[a-z]*)\s*[,，]\s*[a-z]*\d+[a-z]*"
    r"(?:\s*[-–—‐]+\s*[a-z]*\d+[a-z]*)?$")


def continued_on(value: str) -> str | None:
    """The pages a range is continued on ("61" of "45-53+61", "514" of "485-489, 514"),
    as compared; None for a range continued nowhere."""
    text = fold(str(value)).strip()
    found = _CONTINUED.search(text)
    more = found.group(0) if found else None
    if more is None and _CONTINUED_AFTER_A_RANGE.match(text):
        more = re.split(r"[,，]", text, maxsplit=1)[1]
    return re.sub(r"\s*[-–—‐]+\s*", "-", more).strip(" +") if more else None
# an article numbered with its own pages, as APS and AIP deposit them: "027001-1-027001-9",
# article 027001, its pages 1 to 9
_NUMBERED_PAGES = re.compile(r"^([a-z]*\d+[a-z]*)-\d+[-–—‐]+\1-\d+$")
# a page in small roman numerals, as front matter is numbered ("xiii"; a range of them is
# never abbreviated)
ROMAN = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ROMAN_PAGES = re.compile(rf"^({ROMAN})(?:[-–—‐]+({ROMAN}))?$")


def page_range(value: str) -> tuple[str, str] | None:
    """(first, last) of a page range, the last expanded when abbreviated (``975-93`` →
    ``975``, ``993``); article numbers are their own range. Cell Press's ``688-702.e13`` is
    the range 688-702 (its online pages ``e1``-``e13`` follow them), cited so or without
    them. So is ``45-53+61`` (or ``45-53, 61``), continued on page 61; and
    ``027001-1-027001-9``, article 027001 with its own pages 1-9 (cited ``027001-1``,
    ``027001``), that article's number."""
    text = fold(str(value)).strip()
    text = _CONTINUED_AFTER_A_RANGE.sub(r"\1", _PAGE_LABEL.sub("", text))
    text = _CONTINUED.sub("", _ONLINE_PAGES.sub("", text)).replace(" ", "")
    numbered = _NUMBERED_PAGES.match(text)
    if numbered:
        return (numbered.group(1).lstrip("0") or "0",) * 2
    match = _PAGE.match(text)
    if not match:
        roman = _ROMAN_PAGES.match(text)
        return (roman.group(1), roman.group(2) or roman.group(1)) if roman else None
    first, last = match.group(1), match.group(2) or match.group(1)
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[:len(first) - len(last)] + last
    return first.lstrip("0") or "0", last.lstrip("0") or "0"


# what Wiley deposits as the pages of an article that has none, AGU's e-articles ("n/a-n/a")
_NO_PAGES = re.compile(r"n/?a(?:\s*[-–]\s*n/?a)?", re.I)


def crossref_pages(record: dict[str, Any]) -> str | None:
    """The pages of a Crossref record; None for Wiley's "n/a"."""
    page = record.get("page")
    return None if page and _NO_PAGES.fullmatch(str(page).strip()) else page


def record_pages(record: dict[str, Any]) -> str | None:
    """The pages of a Crossref record, or its article number."""
    return crossref_pages(record) or record.get("article-number")


_DOI_NUMBER = re.compile(r"\.(\d{3,})$")  # "10.3389/fpls.2019.00816", "…/j.efsa.2018.5239"
_ARTICLE_NUMBER = re.compile(r"[a-z]?(\d{3,})")  # "861", "e05293"


def _article_number_in_doi(cited: str | None, record: dict[str, Any]) -> FieldCheck | None:
    """For a journal article Crossref gives no pages, the article number a citation prints
    held to the one its DOI ends with (Frontiers' ``10.3389/fpls.2019.00816`` is article 816,
    EFSA's ``…/j.efsa.2018.5239`` e05239); None where either is not such a number."""
    if not cited or record.get("type") != "journal-article":
        return None
    number = _DOI_NUMBER.search(str(record.get("DOI") or ""))
    shown = _ARTICLE_NUMBER.fullmatch(fold(cited).strip())
    if number is None or shown is None:
        return None
    theirs, ours = number.group(1).lstrip("0"), shown.group(1).lstrip("0")
    if theirs == ours:
        return FieldCheck(cited, None, True, "the article number the DOI ends with")
    return FieldCheck(cited, None, False, f"article {ours} is not the one the DOI "
                                          f"{record.get('DOI')} ends with, {theirs}")


# what comes before a note's pinpoint page: the year in parentheses and a colon, or an
# imprint in parentheses (place: publisher, year) and a comma; and what may not come after it
# (another page of a range, or more of a word or number)
_BEFORE_PINPOINT = (re.compile(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)\s*:\s*"),
                    re.compile(r"\([^()]*[:：][^()]*,\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)\s*,\s*"))
_PINPOINT_ENDS = re.compile(r"(?!\s*[-–—‐]\s*\w)(?![\w/])")


def is_pinpoint(text: str, page: str) -> bool:
    """Whether ``text`` cites ``page`` as a Chicago (Turabian) note does, the one page it
    refers to right after the year in parentheses, ``Heredity 111, no. 2 (2013): 124``, or
    of a book (a chapter) after its imprint, ``(Cham: Springer, 2018), 5``: the bibliography
    (and every other style) gives the article's or chapter's range there. (The patterns are
    fixed and the page compared after them: a pattern made for each page was compiled anew
    for each citation, a fifth of a re-run's time.)"""
    return any(text.startswith(page, found.end())
               and _PINPOINT_ENDS.match(text, found.end() + len(page))
               for before in _BEFORE_PINPOINT for found in before.finditer(text))


def compare_pages(cited: str | None, record: dict[str, Any],
                  pinpoint: bool = False) -> FieldCheck:
    """``pinpoint``: the citation gives the page it refers to (:func:`is_pinpoint`), which
    matches any page of the article's range."""
    crossref = record_pages(record)
    if not crossref:
        return _article_number_in_doi(cited, record) or FieldCheck(
            cited, None, None, "Crossref has no pages")
    if not cited:
        return FieldCheck(None, crossref, None, "the citation gives no pages")
    a, b = page_range(cited), page_range(crossref)
    if a is None or b is None:
        same = squash(cited) == squash(crossref)
        return FieldCheck(cited, crossref, same, "same pages" if same else "pages differ")
    if a == b:
        ours, theirs = continued_on(cited), continued_on(crossref)
        if ours and theirs and ours != theirs:
            return FieldCheck(cited, crossref, False, f"continued on page(s) {ours}, not "
                                                      f"{theirs}")
        return FieldCheck(cited, crossref, True, "same first and last page")
    if a[0] == a[1] == b[0]:  # Science, APS, Nature's short form: "Heredity 111, 122 (2013)"
        return FieldCheck(cited, crossref, True, "the first page (the last not printed)")
    if pinpoint and a[0] == a[1] and a[0].isdigit() and b[0].isdigit() and b[1].isdigit() \
            and int(b[0]) <= int(a[0]) <= int(b[1]):
        return FieldCheck(cited, crossref, True, "a page of the article (a note's pinpoint)")
    article = record.get("article-number")
    if article and page_range(article) == a:
        return FieldCheck(cited, crossref, True, "the article number")
    # Hindawi and others cite an article ID that Crossref keeps only as the DOI's last part
    article_id = str(record.get("DOI") or "").rsplit("/", 1)[-1].lower()
    if a[0] == a[1] == article_id:
        return FieldCheck(cited, crossref, True, "the article ID that ends the DOI")
    return FieldCheck(cited, crossref, False, f"pages {a[0]}-{a[1]} ≠ {b[0]}-{b[1]}")
