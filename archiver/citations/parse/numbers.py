"""Repair rules for a reference's numbers (volume, issue, pages, year) where the tagger read
one as another or left it out: each rule one printed form, named by what it repairs, applied in
the order :func:`archiver.citations.parse.assemble._csl` gives them.
"""

from __future__ import annotations

import calendar
import re

from archiver.citations.extract import (
    is_meetings_year,
)
from archiver.citations.parse.fields import _YEAR, _issue, _page
from archiver.citations.parse.shared import (
    _CN_MARKED_VOLUME,
    _MONTH_DAY_SEMICOLON,
    _MONTH_WORD,
    _NUMBERED_PAPER,
    _PAGES_AFTER_A_COMMA,
    _arabic,
    _field_end,
    _issued_year,
    _printed_once,
    _title_end,
    gbt_code,
)
from archiver.citations.parse.token_features import _ROMAN, _year_like
from archiver.citations.parse.tokens import Token, _has_cjk

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


# GB/T 7714's year, then a volume without pages: "British Medical Journal, BMJ, 2020, 368."
_VOLUME_AFTER_YEAR = r"(?:1[5-9]\d\d|20\d\d)\s*[,，]\s*{}\s*[.。]?\s*(?:DOI|doi|https?://|$)"


def _volume_alone_after_the_year(item: dict[str, Any], text: str) -> None:
    """A number printed after the year, with no colon and nothing after it but the DOI, is
    the volume of a journal article (GB/T 7714's ``[J]. 刊名, 年, 卷.``), not a page, where
    no volume was found (a book's or proceedings' number there is its pages)."""
    page = item.get("page")
    if "volume" in item or not page or not page.isdigit() or gbt_code(text) != "J":
        return
    if re.search(_VOLUME_AFTER_YEAR.format(re.escape(page)), text):
        item["volume"] = item.pop("page")


# a part in Chinese, numbered or named: "第一册", "上卷", "三编", "美国卷"
_CJK_PART = re.compile(r"第|[卷册冊辑輯期编編部集]$")
_VOLUME_WORD = re.compile(r"\b(?:[Vv]ol(?:ume)?\.?|[Bb]d\.|[Tt]ome)\s*(\d{1,5})\b")


def _volume_that_is_no_number(item: dict[str, Any], text: str) -> None:
    """A volume with no digit that is no roman numeral is a word the tagger misread ("vol. 1,
    edited by Sterling M. McMurrin": "McMurrin"): the number after "vol." is the volume,
    else there is none ("第 1 册", a book's part in Chinese, is kept)."""
    volume = item.get("volume") or ""
    if not volume or any(c.isdigit() for c in volume) or _ROMAN.match(volume):
        return
    if _has_cjk(volume):
        if "container-title" not in item and not _CJK_PART.search(volume):
            # KISTI's "'中国地方官员的晋升锦标赛模式研究,' 经济研究, No.7, pp.36-50": the journal
            item["container-title"] = item.pop("volume")
        return
    marked = _VOLUME_WORD.search(text)
    if marked:
        item["volume"] = marked.group(1)
    else:
        del item["volume"]


_ISSUE_MARK = frozenset({"no", "nº", "n°", "nr", "issue", "iss", "num", "number"})


def _issue_numbered_like_a_year(tokens: list[Token], labels: list[str]) -> None:
    """MLA's "vol. 284, no. 1855, 2017": a number after "no." that looks like a year is the
    issue where the reference has its year elsewhere: another year found, or the year
    printed right after it (", 2017", relabelled so). Not a number that runs on ("No.
    2016-03", a working paper's)."""
    if "issue" in labels:
        return
    for k, tok in enumerate(tokens):
        if labels[k] != "year" or not _year_like(tok) or k < 1:
            continue
        mark = k - 1 if tokens[k - 1].text not in (".", ":") else k - 2
        if mark < 0 or tokens[mark].text.casefold() not in _ISSUE_MARK:
            continue
        if k + 1 < len(tokens) and tokens[k + 1].text in ("-", "/", "–", "—", "‐"):
            return
        if any(lab == "year" for j, lab in enumerate(labels) if j != k):
            labels[k] = "issue"
        elif k + 2 < len(tokens) and tokens[k + 1].text == "," and _year_like(tokens[k + 2]):
            labels[k], labels[k + 2] = "issue", "year"
        return


def _issue_after_its_mark(tokens: list[Token], labels: list[str]) -> None:
    """AMS's "Organ. Sci. 2 (1991), no. 1, 71–87" and Chicago's "65, no. 1-2 (1983): 55–63":
    the number (or range) after "no." is the issue where the tagger read it as a second
    volume, after the volume, or as pages, before the pages."""
    if "issue" in labels:
        return
    for k, tok in enumerate(tokens):
        if tok.text.casefold() not in _ISSUE_MARK:
            continue
        first = k + 2 if k + 1 < len(tokens) and tokens[k + 1].text == "." else k + 1
        if first >= len(tokens) or tokens[first].kind != "N":
            continue
        last = first
        if last + 2 < len(tokens) and tokens[last + 1].text in ("-", "–", "/") \
                and tokens[last + 2].kind == "N":
            last += 2
        label = labels[first]
        if any(labels[i] != label for i in range(first, last + 1)):
            continue
        if (label == "volume" and "volume" in labels[:k]) or \
                (label == "page" and "page" in labels[last + 1:]):
            labels[first:last + 1] = ["issue"] * (last + 1 - first)
        return


_NUMBER_AT_END = re.compile(r"\s+\d+$")


def _volume_dot_issue(item: dict[str, Any], text: str) -> None:
    """MLA's "Extrapolation 11.2 (1970): 34–43" and biblatex's "Proceedings of … 100. 16,
    pp. …": volume and issue joined by a full stop after the journal's name, which the
    tagger may read as part of the name ("Extrapolation 11") or as a volume alone."""
    container = item.get("container-title", "")
    base = _NUMBER_AT_END.sub("", container)
    if "issue" in item or not any(c.isalpha() for c in base):
        return
    match = re.search(re.escape(base) + r"\s+(\d{1,4})\.\s?(\d{1,4})(?=\s*[(,:])", text)
    if match is None:
        return
    volume, issue = match.group(1), match.group(2)
    if _YEAR.fullmatch(volume):
        return  # "Science 2001. 291, 1304-1351": the year, then the volume
    if item.get("volume", volume) not in (volume, issue) or item.get("page") in (volume, issue):
        return
    item["container-title"], item["volume"], item["issue"] = base, volume, issue


# a conference's acronym with the year's last two digits: "In CVPR’11.", "(KDD '06)"
_ACRONYM_YEAR = r"\s*['’‘]\s?(\d\d)\b"


def _acronym_year(item: dict[str, Any], text: str) -> None:
    """The year written after a conference's acronym is part of its name, not a volume."""
    container = item.get("container-title", "")
    if not re.search(r"\b[A-Z]{2,}$", container):
        return
    match = re.search(re.escape(container) + _ACRONYM_YEAR, text)
    if match is None:
        return
    item["container-title"] = match.group(0)  # not the acronym the title has ("… the WWW")
    if match.group(0).count("(") > match.group(0).count(")") and \
            re.match(r"\s*\)", text[match.end():]):  # "(ICML'17)", its bracket closed
        item["container-title"] += ")"
    if item.get("volume") == match.group(1):
        del item["volume"]


# a year standing alone after the imprint's place or publisher, or in brackets: the year the
# book came out, unless a date of access, of an erratum or of the online version ("accessed
# May 1, 2020")
_YEAR_ALONE = re.compile(r"(?:[;,]\s*|\(\s*)((?:1[5-9]|20)\d\d)(?=\s*[).;,]|\s*$)")
_OTHER_DATES = re.compile(r"access|cited|retriev|erratum|epub|online|updated|查阅|访问|引用",
                          re.I)


def _meetings_year_read_as_the_year(item: dict[str, Any], text: str) -> None:
    """The year of a meeting's name, taken for the year where the imprint gives another:
    "… Advances in Visual Computing. ISVC 2012. Lecture Notes in Computer Science, vol
    7432. Springer, Berlin, Heidelberg; 2014. pp. 499–508." came out in 2014."""
    year = _issued_year(item)
    if not year:
        return
    first = re.search(rf"(?<!\d){year}(?!\d)", text)
    if first is None or not is_meetings_year(text, first.start(), first.end()):
        return  # the year printed before any meeting's name is the year
    later = [int(found.group(1)) for found in _YEAR_ALONE.finditer(text, first.end())
             if int(found.group(1)) != year
             and not _OTHER_DATES.search(text, first.end(), found.start())]
    if len(later) == 1:
        item["issued"] = {"date-parts": [[later[0]]]}


# Elsevier's and physics' "Phys. Lett. B 716 (2012) 30.": one page after the bracketed year
_PAGE_AFTER_YEAR = r"\b{volume}\s*\(\s*{year}\s*\)\s*,?\s*([A-Za-z]?\d+)\s*(?:[.,;]|$)"


def _page_after_the_year(item: dict[str, Any], text: str) -> None:
    """A single page printed after the volume and its bracketed year, where the tagger
    found none (a range it finds)."""
    year = _issued_year(item)
    if "page" in item or "volume" not in item or not year:
        return
    found = re.search(_PAGE_AFTER_YEAR.format(volume=re.escape(item["volume"]), year=year), text)
    if found:
        item["page"] = found.group(1)


# Physical Review's "Phys. Rev. Lett. 70, 1895 (1993)": a four-digit page between the volume
# and the bracketed year
_PAGE_BEFORE_THE_YEAR = r"\b{volume}\s*,\s*({year})\s*\(\s*((?:1[5-9]|20)\d\d)\s*\)"


def _page_read_as_the_year(item: dict[str, Any], text: str) -> None:
    """A page that looks like a year, taken for it where the year follows in brackets."""
    year = _issued_year(item)
    if "page" in item or "volume" not in item or not year:
        return
    found = re.search(_PAGE_BEFORE_THE_YEAR.format(volume=re.escape(item["volume"]),
                                                   year=year), text)
    if found:
        item["page"] = found.group(1)
        item["issued"] = {"date-parts": [[int(found.group(2))]]}


# ABNT's (Brazil's) "Revista …, Rio de Janeiro, v. 22, n. 68, p. 45-67, 2017": the journal,
# its place, then the volume and the number each after its letter
_ABNT_NUMBERS = re.compile(r"(?<![\w.])v\.\s*(\d+)\s*,\s*n\.\s*(\d+(?:\s*[-/]\s*\d+)?)"
                           r"(?=[,.;\s]|$)")
_ABNT_PLACE = re.compile(r",\s*(?:[A-ZÀ-Ý][\w’'-]*"
                         r"(?:\s+(?:de|do|da|del|di)?\s*[A-ZÀ-Ý][\w’'-]*){0,3})$")
# German "H. 3", "Heft 1/2": the issue; a special issue, "Sonderheft 37", numbered apart
_HEFT = re.compile(r"(?<=[,;)])\s*(?:H\.|Heft|(?P<special>Sonderheft))\s*"
                   r"(\d{1,3}(?:\s*/\s*\d{1,3})?)(?!\d)(?=[,.;\s]|$)")


def _volume_and_issue_by_their_letters(item: dict[str, Any], text: str) -> None:
    """Where the volume and issue are marked with words the tagger seldom saw: ABNT's
    ``v. 22, n. 68`` (it took the number for the volume) and the place ABNT prints after the
    journal's name; German ``H. 3`` or ``Heft 1/2``, and a special issue, ``Sonderheft 37``
    (its word kept: its number is no ordinary issue's)."""
    after_title = max(_title_end(item, text), 0)  # not "Miller, John H. 2010", not the title's
    abnt = _ABNT_NUMBERS.search(text, after_title)
    if abnt:
        item["volume"], item["issue"] = abnt.group(1), abnt.group(2)
        container = item.get("container-title", "")
        end = _field_end(item, "container-title", text)
        place = _ABNT_PLACE.search(container) if end >= 0 else None
        if place and re.match(r"\s*,\s*v\.", text[end:]):
            item["container-title"] = container[:place.start()]
        return
    heft = _HEFT.search(text, after_title)
    if heft and "issue" not in item:
        number = heft.group(2).replace(" ", "")
        item["issue"] = f"Sonderheft {number}" if heft["special"] else number


# Vancouver's numbers: "2013;62(25 Suppl):D34-41", "2001 Mar;98(5):9348-52"
_VANCOUVER_NUMBERS = re.compile(
    rf"(?<!\d)(?:1[5-9]|20)\d\d{_MONTH_DAY_SEMICOLON}\s*(?P<volume>\d+)"
    r"(?:\s*\((?P<issue>[^()]{1,20})\)|\s+(?P<supplement>Suppl\.?(?:\s*\d+[A-Z]?)?))?\s*:\s*"
    r"(?P<page>(?:[ivx]{2,4}|[A-Za-z])?\d+(?:[A-Z](?![A-Za-z]))?"
    r"(?:\s*[-–]\s*(?:[ivx]{2,4}|[A-Za-z])?\d+(?:[A-Z](?![A-Za-z]))?)?)")


# ... and a journal that numbers its issues alone: "Cochrane Database Syst Rev.
# 2020;(11):CD001880"
_VANCOUVER_ISSUE_ALONE = re.compile(rf"(?<!\d)(?:1[5-9]|20)\d\d{_MONTH_DAY_SEMICOLON}\s*"
                                    r"\((?P<issue>\d{1,4})\)\s*:")


def _vancouver_numbers(item: dict[str, Any], text: str) -> None:
    """Volume, issue and pages printed in Vancouver's "year;volume(issue):pages", where the
    tagger found none (a supplement in the issue's bracket puts it off); the supplement
    where the tagger read the volume alone ("2014;25 Suppl 4:iv12-iv15"); and the issue of
    "year;(issue):pages", with no volume."""
    found = _VANCOUVER_NUMBERS.search(text)
    alone = _VANCOUVER_ISSUE_ALONE.search(text) if found is None else None
    if alone and "volume" not in item and "issue" not in item:
        item["issue"] = alone.group("issue")
    if "volume" in item:
        if found and found.group("supplement") and "issue" not in item and \
                found.group("volume") == item["volume"]:
            item["issue"] = found.group("supplement")
        return
    if found:
        item["volume"] = found.group("volume")
        if found.group("issue") and "issue" not in item:
            item["issue"] = _issue(found.group("issue"))
        if found.group("supplement") and "issue" not in item:
            item["issue"] = found.group("supplement")  # PubMed's "42 Suppl 2:S93-9"
        page = str(item.get("page") or "")
        if found.group("supplement") and page.startswith(found.group("volume") + " Suppl"):
            del item["page"]  # the tagger's page ran from the volume: "116 Suppl 3A:10S-16S"
        item.setdefault("page", _page(found.group("page")))


# pages an Oxford journal's supplement numbers with the supplement's roman number, glued:
# "47 Suppl 3:iii12-iii17" (the tagger reads the digits alone, or the last page's letters)
_LETTERED_PAGES = re.compile(r"(?<![\w.])(?P<letters>[ivx]{2,4})(?P<first>\d+)"
                             r"(?:\s*[-–]\s*(?:(?P=letters))?(?P<last>\d+))?(?![\w.]\w)")


def _pages_lettered_as_a_supplement(item: dict[str, Any], text: str) -> None:
    """The pages are read with the roman letters that number them, as printed."""
    page = item.get("page")
    if not page:
        return
    digits = re.sub(r"[^\d-]", "", page)
    for found in _LETTERED_PAGES.finditer(text):
        printed = found.group("first") + (f"-{found.group('last')}" if found.group("last")
                                          else "")
        if printed == digits:
            item["page"] = _page(found.group(0))
            return


# a volume, its colon and the page read as one page: "…Emerging Technologies, 2022, 138:
# 103621" (a colon in the journal's name puts the tagger off)
_VOLUME_COLON_PAGE = re.compile(r"(\d{1,4})\s*:\s*([A-Za-z]?\d+(?:-[A-Za-z]?\d+)?)")


def _volume_run_into_the_page(item: dict[str, Any], text: str) -> None:
    """A page of "138: 103621" is the volume and its page."""
    found = _VOLUME_COLON_PAGE.fullmatch(item.get("page", ""))
    if found and "volume" not in item:
        item["volume"], item["page"] = found.group(1), found.group(2)


def _volume_and_issue_after_the_journal(item: dict[str, Any], text: str) -> None:
    """The volume and issue printed right after the journal's name and before the pages,
    "American Journal of Sociology, 83(2), pp. 340–363", where the tagger took neither
    (what follows the pages, "Available at: https://doi.org/…", can put it off)."""
    journal = item.get("container-title")
    if not journal or "volume" in item:
        return
    found = re.search(re.escape(journal) + r"\s*[.,]?\s*(\d{1,4})\s*\(\s*(\d{1,4}(?:[-–/]\d{1,4})?)"
                      r"\s*\)\s*[,:]", text)
    # (not the year in a volume's place, GB/T 7714's "经济研究, 2004 (10): 35-44")
    if found and item.get("issue", found.group(2)) == found.group(2) and \
            found.group(1) != str(_issued_year(item)):
        item["volume"], item["issue"] = found.group(1), found.group(2)


# a page range continued further on, as Chinese journals print it: "19(5): 485-489, 514."
def _pages_continued(item: dict[str, Any], text: str) -> None:
    """The pages are read with the page (or pages) they continue on, at the reference's end
    (or before its DOI): a number after the last page and greater than it. Not a year
    printed after the pages ("pp. 1-9, 2019.")."""
    page = item.get("page", "")
    last = re.fullmatch(r"[A-Za-z]?\d+-[A-Za-z]?(\d+)", page)
    if not last:
        return
    found = re.search(re.escape(page).replace("\\-", r"\s*[-–]\s*")
                      + r"\s*[,，]\s*(\d{1,5}(?:\s*[-–]\s*\d{1,5})?)\s*[.。]?\s*"
                        r"(?:$|doi\b|DOI\b|https?://)", text)
    if not found:
        return
    more = re.sub(r"\s*[-–]\s*", "-", found.group(1))
    first = int(more.split("-")[0])
    if first > int(last.group(1)) and not _year_like_after_pages(first, int(last.group(1)),
                                                                 item):
        item["page"] = f"{page}, {more}"


def _year_like_after_pages(number: int, last: int, item: dict[str, Any]) -> bool:
    """Whether a number after the pages may be a year: the reference's, or another (the
    year read may be a proceedings' own, "Proc. IEEE GLOBECOM 2019, pp. 1-6, 2020."); a
    page an article is continued on is a few pages on ("485-489, 514")."""
    return 1500 <= number <= 2099 and (_issued_year(item) in (None, number)
                                       or number - last > 100)


# a book's volume marked in words, before its imprint or pages: "(Vol. 1A, pp. 385–472)",
# "…Seventeenth-Century China, vol. 1 (Berkeley: …, 1985)"
_MARKED_VOLUME = re.compile(r"\b[Vv]ol(?:ume)?\.?\s*(\d{1,4}[A-Z]?)(?=\s*(?:,\s*pp?\.|\())")


def _volume_marked_in_words(item: dict[str, Any], text: str) -> None:
    """The volume a reference marks ("Vol. 1A"), where the tagger found none; its digits read
    as the issue are none."""
    found = _MARKED_VOLUME.search(text) if "volume" not in item else None
    if found:
        item["volume"] = found.group(1)
        if item.get("issue") and re.fullmatch(re.escape(item["issue"]) + "[A-Z]",
                                              found.group(1)):  # "1" of "Vol. 1A"
            del item["issue"]


# the Royal Society's year, after the authors and before the title with no mark between:
# "Nowak MA, May RM. 1992 Evolutionary games and spatial chaos. Nature 359, 826–829."
_YEAR_OPENING = re.compile(r"((?:1[5-9]|20)\d\d)[a-z]?\s+(?=[A-Z\"“‘'(\u4e00-\u9fff])")


def _year_opening_a_title(item: dict[str, Any]) -> None:
    """A year opening the title, where the reference has no other, is its year (a title that
    begins with one, "1918 Influenza: the Mother of All Pandemics", is cited with its own)."""
    title = item.get("title", "")
    found = _YEAR_OPENING.match(title)
    # (in a journal: a web page's "2019 Novel Coronavirus, Wuhan, China" or "2030 Agenda for
    # Sustainable Development" is named so, undated)
    if found and "issued" not in item and len(title) > found.end() + 3 and (
            "container-title" in item or "volume" in item):
        item["issued"] = {"date-parts": [[int(found.group(1))]]}
        item["title"] = title[found.end():]


# Vancouver's date, after the journal's full stop and before the volume's semicolon:
# ". 2020 Feb 20;382(8):727-733", ". 2006;12(1):15-22"
_VANCOUVER_DATE = re.compile(rf"\.\s+((?:1[5-9]|20)\d\d){_MONTH_DAY_SEMICOLON}\s*\d")


def _year_in_vancouvers_date(item: dict[str, Any], text: str) -> None:
    """The year of Vancouver's date is the reference's year, where the tagger took one the
    title holds: at its start ("1918 Influenza: the mother of all pandemics") or at its end
    ("… pneumonia in China, 2019."), which it cut from the title."""
    year, title = _issued_year(item), item.get("title", "")
    # the last: a title's own ". 2019;" is seldom followed by a volume
    dates = list(_VANCOUVER_DATE.finditer(text))
    dated = dates[-1] if dates else None
    start = text.find(title) if title else -1
    if not dated or year is None or start < 0 or dated.start() < start + len(title):
        return
    # (Vancouver prints no year between the title and the journal: "Cancer statistics, 2020.
    # CA Cancer J Clin. 2020;70(1)" names the year twice)
    after = re.match(rf",\s*{year}(?=\.)", text[start + len(title):])
    if after:
        item["title"] = title + after.group(0)
    elif str(year) != dated.group(1) and text[:start].endswith(f"{year} "):
        item["title"] = f"{year} {title}"
    else:
        return
    item["issued"] = {"date-parts": [[int(dated.group(1))]]}


# a supplement or part after an issue's number, inside its bracket: "81(10 Suppl):S312",
# "36(32 Pt B):4925-33", "(3 Suppl 2)" (the issue as PubMed prints it)
_ISSUE_PART = (r"\(\s*{issue}(\s+(?:Suppl(?:ement)?\.?(?:\s*\d+)?|(?-i:Pt\.?\s*[A-Z0-9]{{1,3}})))"
               r"\s*\)")  # (a part in capitals: "(7 pts)" is none)


def _issue_with_its_part(item: dict[str, Any], text: str) -> None:
    """An issue is read with the supplement or part printed after its number."""
    issue = item.get("issue", "")
    if issue.isdigit():
        found = re.search(_ISSUE_PART.format(issue=issue), text, re.I)
        if found:
            item["issue"] = issue + found.group(1)


# a note's cited page after its bracketed imprint: "… (Stanford, CA: Stanford University
# Press, 1987), 4." (Chicago notes); a roman page too: "…, 1984), xiii."
_NOTE_PAGE = re.compile(r"(?P<year>(?:1[5-9]|20)\d\d)\),\s*"
                        r"(?P<page>\d+(?:\s*[-–]\s*\d+)?|[ivxlc]{1,7})\.?$")


def _cited_page_after_the_imprint(item: dict[str, Any], text: str) -> None:
    """The page a note cites, after the imprint in brackets, where the tagger found none."""
    if "page" in item:
        return
    found = _NOTE_PAGE.search(text)
    if found and found.group("year") == str(_issued_year(item)) != found.group("page"):
        item["page"] = _page(found.group("page"))  # (not the year again: "1883), 1883.")


# pages numbered in roman numerals, a book's front matter, after their mark: "p. XV-XLII",
# "S. XIII–XXVII", "pp. xi–xxv" (capitals or small letters alike on both ends)
# (ending the reference, or before a comma: "S." is also an initial, "Park, S. C–V
# characteristics …", "Garcia, S. XVI-XVII: Spanish …")
_ROMAN_PAGES = re.compile(r"(?<!\w)(?:pp?|S)\.\s?(?P<page>[IVXLC]{1,7}\s?[-–]\s?[IVXLC]{1,7}|"
                          r"[ivxlc]{1,7}\s?[-–]\s?[ivxlc]{1,7})(?=\s*[.,;]?\s*$|,\s)")


def _roman_pages(item: dict[str, Any], text: str) -> None:
    """Such pages, where the tagger found none."""
    if "page" in item or not ("p." in text or "S." in text):
        return
    found = _ROMAN_PAGES.search(text)
    if found:
        item["page"] = re.sub(r"\s?[-–]\s?", "-", found.group("page"))


def _capitals_read_as_the_page(item: dict[str, Any], text: str) -> None:
    """No page that is a word in capitals the tagger took for one where no page mark says it
    is: an acronym ("Atlanta (GA): CDC; 2019"), or a publisher's initial ("München: C. H.
    Beck 2010."). A roman number printed where the pages go is a page ("211(4), XI."), and
    APA's "NP" (no pagination) is said there."""
    page = str(item.get("page") or "")
    if not (page.isascii() and page.isalpha() and page.isupper() and len(page) <= 4) or \
            page == "NP" or re.search(rf"\b(?:pp?|S)\.\s?{page}\b", text):
        return
    if not _ROMAN.fullmatch(page) or re.search(rf"\b{page}\.\s?[A-Z]\.", text):
        del item["page"]


# software's release after the word that says so: "R package version 1.1.4", "Version 2.3"
_RELEASE = re.compile(r"\b[Vv]ersion\s(?P<release>\d{1,4}(?:\.\d{1,4}){1,3})\b")


def _release_read_as_numbers(item: dict[str, Any], text: str) -> None:
    """No volume, issue or pages the tagger made of such a release's parts ("1.1.4" as
    volume 1, pages "1.4"), printed nowhere else; nor "R package version" as the journal."""
    found = _RELEASE.search(text) if "ersion" in text else None
    if found is None:
        return
    rest = text[:found.start()] + text[found.end():]
    parts = found["release"].split(".")
    runs = {".".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
    for field in ("volume", "issue", "page"):
        value = str(item.get(field) or "")
        # (printed elsewhere, a number stays: "… version 3.6 in computing. …, 19(3), 6.")
        if value in runs and not re.search(rf"(?<![\d.]){re.escape(value)}(?!\d|\.\d)", rest):
            del item[field]
    if str(item.get("container-title") or "").endswith(("version", "Version")):
        del item["container-title"]


# the years of a work published over several, where an author-date style puts its year
# after the names: "Braudel, Fernand. 1972–73. The Mediterranean …"
_YEARS_AFTER_THE_NAMES = re.compile(r"[.,]\s(?P<first>(?:1[5-9]|20)\d\d)\s?[-–]\s?"
                                    r"(?P<last>\d\d(?:\d\d)?)\.\s+[A-Z“\"‘']")
# ... where a note or a bibliography puts it, after the place and publisher: "Leiden: Brill,
# 2004–7." (not a journal's pages after its volume: "Proc Natl Acad Sci USA, 98: 1710-15.")
_YEARS_ENDING = re.compile(r"\b[A-Z][^\W\d_]+(?:[ .'-]+[^\W\d_]+)*:\s[^,:;\d]{2,60},\s"
                           r"(?P<first>(?:1[5-9]|20)\d\d)\s?[-–]\s?"
                           r"(?P<last>\d{1,2}|(?:1[5-9]|20)\d\d)\.?\s*$")
# ... and the years a work first came out over, a sentence of their own after its title,
# where MLA gives them before the edition cited and its editor or translator: "Eliot,
# George. Middlemarch. 1871-72. Edited by …, Penguin Classics, 1994." (not MLA 7's pages
# after the year, "… 12.3 (1994). 1871-72. Print.")
_YEARS_ALONE = re.compile(r"\.\s(?P<first>(?:1[5-9]|20)\d\d)\s?[-–]\s?"
                          r"(?P<last>\d\d(?:\d\d)?)\.\s+(?=(?:Edited|Ed\.|Eds\.|Trans\.|"
                          r"Translated|Introd|Intro\.|Reprint|Rpt\.|Foreword|With an)\b)")


def _years_read_as_the_pages(item: dict[str, Any], text: str) -> None:
    """The first of such years as the year, not the years as the pages (where the tagger
    read no year); where it read the year of the edition cited, the years a work first came
    out over are no pages either."""
    page = str(item.get("page") or "")
    if not page.isdigit() and not (page[:1].isdigit() and "-" in page):
        return

    def years(found: re.Match[str] | None, alone: bool = False) -> bool:
        """Whether ``found`` is the pages read (or, ``alone``, the span's end alone: "1972–78"
        read as page 78), and a span of years (the last after the first: "2004–7",
        "1871-72")."""
        return found is not None and (page == f"{found['first']}-{found['last']}" or
                                      alone and page == found["last"]) and \
            int(found["last"]) > int(found["first"][-len(found["last"]):])

    if not _issued_year(item):
        for found in (_YEARS_AFTER_THE_NAMES.search(text, 0, 120), _YEARS_ENDING.search(text)):
            if years(found):
                item["issued"] = {"date-parts": [[int(found["first"])]]}
                del item["page"]
                return
        return
    found = _YEARS_ALONE.search(text)
    ending = _YEARS_ENDING.search(text)
    if years(found) and not re.search(r"\b(?:pp?|S|pages?|Pp)$", text[:found.start()]) or \
            years(ending, alone=True) and _issued_year(item) == int(ending["first"]):
        del item["page"]  # (the years of the edition, after its publisher: "…, 1972–78.")


def _star_methods_page(item: dict[str, Any], text: str) -> None:
    """Cell Press's pages run on into the online methods: "28, 112–124.e5 (2020)" is pages
    112 to 124.e5, where the tagger stops at 124."""
    page = item.get("page", "")
    if "-" not in page:
        return
    first, last = page.rsplit("-", 1)
    found = re.search(rf"(?<!\d){re.escape(first)}\s*[-–—]\s*{re.escape(last)}(\.e\d+)\b", text)
    if found:
        item["page"] = page + found.group(1)


# a period a title names ("… de los guaraníes (1609-1768), (Mexiko: FCE, 1982)", "Chernobyl
# Forum 2003–2005. … Vienna: …, 2006."): its first year is no date of the work
_YEAR_RANGE = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)\s?[-–—]\s?((?:1[5-9]|20)\d\d)(?!\d)")
_LONE_YEAR = re.compile(r"(?<![\d\-–—])((?:1[5-9]|20)\d\d)(?![\d\-–—])")
# a date printed where the pages go: "USA Patent 6206324, March 27 2001."
_DATE_AS_PAGES = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s"
                            r"\d{1,2},?\s((?:1[5-9]|20)\d\d)")


def _year_of_a_period(item: dict[str, Any], text: str) -> None:
    """The year a reference was published in, where the tagger took the first year of a
    period it names (see :data:`_YEAR_RANGE`) and a year of its own follows the period; and
    a date read as the pages (:data:`_DATE_AS_PAGES`) is the date."""
    dated = _DATE_AS_PAGES.fullmatch(item.get("page", ""))
    if dated:
        del item["page"]
        item.setdefault("issued", {"date-parts": [[int(dated.group(1))]]})
    year = _issued_year(item)
    period = next((m for m in _YEAR_RANGE.finditer(text) if int(m.group(1)) == year), None)
    if period is None:
        return
    if any(int(m.group(1)) == year for m in _LONE_YEAR.finditer(text)):
        return  # "(2016). … handbook, 2016-2017 edition. Retrieved March 5, 2017": its own
    later = _LONE_YEAR.search(text, period.end())
    if later and int(later.group(1)) >= int(period.group(2)):
        item["issued"] = {"date-parts": [[int(later.group(1))]]}


# Vietnamese's issue, "số 9" (its running number in brackets after it, "số 9 (484)"), and its
# volume, "tập 12": what the tagger reads otherwise
_VIETNAMESE_NUMBERS = re.compile(r"(?:\btập\s+(?P<volume>\d{1,4}),?\s+)?\bsố\s+(?P<issue>\d{1,4})"
                                 r"(?:\s*\((?P<running>\d{1,5})\))?", re.I)


def _vietnamese_numbers(item: dict[str, Any], text: str) -> None:
    found = _VIETNAMESE_NUMBERS.search(text)
    if found is None:
        return
    if found["volume"]:
        item["volume"] = found["volume"]
    elif item.get("volume") in (found["issue"], found["running"]):
        del item["volume"]
    item["issue"] = found["issue"]


# MLA's "vol. 26, no. 14", Polish "t. 75, nr 1", Italian "a. 28, n. 3" (its annata and
# number), French "36, n° 10", "t. 41, fasc. 165" and
# "14e année, n° 1" (the year of its run is a French journal's volume), Spanish "vol. 52, núm.
# 181", APA's "70, no. 268", German "35. Jahrgang (1986), Heft 4", and the volume and issue a
# slash parts before the year, "Die Musikforschung 41/2 (1988)", "XIV/2 (1980)": the numbers
# are what their marks say
_VOL_NO = re.compile(r"\b(?:[Vv]ol(?:ume)?\.?|[Tt]\.|a\.)\s?(?P<volume>\d+|[IVXLC]{1,8}\b),?\s+"
                     r"(?:[Nn]o|[Nn][uú]m|[Nn]r|[Ii]ss(?:ue)?|fasc|Heft|[Nn][°º]|n(?=\.))"
                     # (a double issue too: "vol. 2, n° 2-3"; not the year after its
                     # issue, "n° 4 - 1986")
                     r"\.?\s?(?P<issue>\d+(?:\s?[–-]\s?(?!(?:1[5-9]|20)\d\d\b)\d+)?)(?![\w–-])|(?<![\d.\-–])(?!(?:1[5-9]|20)\d\d\b)(?P<volume_n>\d{1,4})"
                     r"(?:\s?(?:e|è|ème)\s+année)?,\s?(?:n[°º]\s?|no\.\s)"
                     r"(?P<issue_n>\d+)\b(?![–-]\d)|"  # (not the year: "septembre 2004, n°59";
                     # nor a range of issues: "1, no. 1–2")
                     r"\b(?P<volume_j>\d{1,3})\.\s?Jahrgang\s?(?:\((?:1[5-9]|20)\d\d\))?,\s?"
                     r"(?:Heft|H\.|Nr\.)\s?(?P<issue_j>\d+)\b|"
                     r"(?:(?<=[^\W\d_]\s)|(?<=,\s))(?P<volume_s>(?!(?:1[5-9]|20)\d\d/)\d{1,4}|"
                     r"[IVXLC]{2,7})/(?P<issue_s>\d{1,2})(?=\s?\((?:1[5-9]|20)\d\d\))|"
                     # (French "vol. 35, 2 (1981), p. 201-226": the issue before the year)
                     r"\b[Vv]ol\.\s?(?P<volume_v>\d{1,4}),\s?(?P<issue_v>\d{1,2})"
                     r"(?=\s?\((?:1[5-9]|20)\d\d\))")
# what a slash's numbers are after these: an issue's ("Heft 1/2", a double issue, or after
# its volume, "32, 3/4"), a volume's part ("Band 26/2"), a case's number ("Case 6/64")
_NO_VOLUME_AND_ISSUE_AFTER = re.compile(
    r"(?:\b(?:Heft|H\.|Nr\.?|No\.?|no\.?|Case|Band|Bd\.|Teil|Sonderband)|\d,?)\s?$")
_VOL_NO_FORMS = ("", "_n", "_j", "_s", "_v")  # (each alternative's groups, by their suffix)
_PAGES_MARKED = re.compile(r"\bpp?\.\s?(\d+\s?[-–]\s?\d+)")


def _slashed_volume_and_issue(marked: re.Match[str], text: str) -> bool:
    """Whether a slash's numbers are a volume and its issue: not after a mark that makes them
    something else, and the issue the smaller (not a double issue or volume, "7/8", "30/31",
    nor "9/11" in a title)."""
    if _NO_VOLUME_AND_ISSUE_AFTER.search(text, 0, marked.start()):
        return False
    volume = marked["volume_s"]
    return not volume.isdigit() or int(marked["issue_s"]) < int(volume)


def _marked_volume_and_issue(item: dict[str, Any], text: str) -> None:
    marked = next((found for found in _VOL_NO.finditer(text) if not found["volume_s"]
                   or _slashed_volume_and_issue(found, text)), None)
    if not marked:
        return
    volume, issue = next((marked["volume" + form], marked["issue" + form])
                         for form in _VOL_NO_FORMS if marked["volume" + form])
    pages = _PAGES_MARKED.search(text, marked.end())
    if item.get("page") == issue and pages:  # the issue read as the page, the pages lost
        item["page"] = _page(pages.group(1))
    issue = re.sub(r"\s?[–-]\s?", "-", issue)
    if item.get("volume") in (issue, None) or (  # French "36, n° 10" too
            item.get("volume") == volume and str(item.get("issue") or "") in (
                "", issue.split("-")[0])):  # (a double issue read as its first)
        item["volume"], item["issue"] = volume, issue
        if item.get("container-title") == volume:  # (a volume in Roman numerals read as the
            # journal: "», Hispania, vol. LXII, núm. 210"): the journal is the part before it
            journal = text[:marked.start()].rstrip(" ,").rsplit(",", 1)[-1].strip(" «»“”\"")
            if journal and not any(c.isdigit() for c in journal):
                item["container-title"] = journal


# an issue marked "n." (Italian), "Nr." (German) or "n°" after the volume or the year in
# brackets, before the pages ("XLV (1954), n. 2, pp. 115-130"; not a book's note after its
# year, "1990, n. 25, p. 312"), or a newspaper's before its date ("Die Zeit, Nr. 39 vom
# 19.9.1981, S. 47–48")
_ISSUE_BEFORE_PAGES = re.compile(
    r"(?:\((?:1[5-9]|20)\d\d\)|(?<![\w.])(?!(?:1[5-9]|20)\d\d\b)\d{1,4}|\b[IVXLC]{1,8}),\s?"
    r"(?:n\.|[Nn]r\.|n[°º])\s?(\d{1,4}(?:\s?[–-]\s?\d{1,4})?)(?=,\s?(?:pp?\.|S\.|Sp\.|col\.)\s?\d)|"
    r"[,)]\s?(?:[Nn]r\.|n[°º])\s?(\d{1,4})(?=\s+vom\s+\d)")


def _issue_before_the_pages(item: dict[str, Any], text: str) -> None:
    """Such an issue of a journal, where none was read and its number is no other field's
    (a book's "n." is a note's)."""
    found = _ISSUE_BEFORE_PAGES.search(text)
    if found is None or item.get("issue") or not item.get("container-title"):
        return
    issue = re.sub(r"\s?[–-]\s?", "-", found.group(1) or found.group(2))
    if issue not in (str(item.get("volume") or ""), str(item.get("page") or "")):
        item["issue"] = issue


_ISSUE_THEN_PAGES = re.compile(r"\(?([\w/-]{1,12})\)\s*[:,]\s*(\S.*)|"
                               # (Italian's "78, 3-4, pp. 65-82": the issue before the pages'
                               # mark)
                               r"(\d{1,3}(?:-\d{1,3})?),\s?pp?\.\s?(\d\S*)")


def _issue_run_into_pages(item: dict[str, Any]) -> None:
    """"144 (1–2): 101–124", APA's "14(1–2), 88–112": the issue's range taken into the pages
    ("1-2): 101-124") is the issue, and the pages are what follows its colon or comma."""
    match = _ISSUE_THEN_PAGES.fullmatch(item.get("page", ""))
    if match and "issue" not in item:
        item["issue"], item["page"] = match.group(1) or match.group(3), \
            match.group(2) or match.group(4)


def _year_printed_as_an_issue(item: dict[str, Any], text: str) -> None:
    """"Frontiers in Plant Science 10 (2020)": a year in brackets after the volume, with no
    pages, is the year, not an issue."""
    issue = str(item.get("issue") or "")
    if not re.fullmatch(r"(?:1[89]|20)\d\d", issue) or f"({issue})" not in text:
        return
    if _issued_year(item) in (None, int(issue)):
        del item["issue"]
        item["issued"] = {"date-parts": [[int(issue)]]}


# the number of a working paper, a report or a standard, and a version's: no volume, issue or
# page ("NBER Working Paper 9873", "IMF Staff Discussion Note SDN/2023/001", "IEEE Std
# 519-2022", "Version 6.4")
_SERIES_NUMBER = re.compile(
    rf"\b{_NUMBERED_PAPER}\s+(?:No\.?\s*)?(?:[A-Z]+/)?(?:\d{{4}}/)?(?P<number>\w*\d[\w-]*)|"
    # (a version in any case, "R package version 1.7-39"; a revision, "Revision C.01")
    r"\bStd\.?\s+(?P<standard>\d[\w.-]*\d)|\b[Vv]ersion\s+(?P<major>\d+)[.-](?P<minor>\d+)\b|"
    # (an Internet standard's, "RFC 793", "Request for Comments 2616")
    r"\b(?:RFC|Request for Comments:?)\s?(?P<rfc>\d{1,5})\b|"
    r"\bRevision\s+[A-Z]?\.?(?P<revision>\d+)\b|"
    # (a guideline's code, "NICE guideline NG312", "technology appraisal guidance [TA123]")
    r"\b[Gg]uid(?:eline|ance)\s+\[?[A-Z]{1,3}(?P<guideline>\d+)\]?(?!\w)")


def _document_number_read_as_a_number(item: dict[str, Any], text: str) -> None:
    """A working paper's, a report's, a guideline's or a standard's number (an RFC's), or a
    version, is no volume, issue or page of the work, where the reference prints the number
    nowhere else ("Software X (Version 2.1). J Open Source Softw. 2021;2(1):1-3" has its
    volume and issue). A guideline's code cut off its letters is given back to them ("NICE
    guideline NG" and "312")."""
    printed = re.sub(r"https?://\S+|\b10\.\d{4,9}/\S+", " ", text)  # (not in a link)
    for found in _SERIES_NUMBER.finditer(text):
        numbers = {"volume": {found["number"], found["standard"], found["major"],
                              found["revision"], found["guideline"], found["rfc"]},
                   "issue": {found["number"], found["minor"], found["guideline"], found["rfc"]},
                   "page": {found["number"], found["standard"], found["guideline"],
                            found["rfc"]}}
        for key, read in numbers.items():
            if item.get(key) and item[key] in read and len(
                    re.findall(rf"(?<!\d){re.escape(item[key])}(?!\d)", printed)) == 1:
                del item[key]
        container = item.get("container-title")
        if found["guideline"] and container and container + found["guideline"] in text:
            item["container-title"] = container + found["guideline"]


# a report's number as NLM prints it after the imprint ("Geneva: WHO; 2010. Report No.:
# 916."), which the labelled gold reads as the volume, as it reads "Report No. 162"; and a
# catalogue's number, as the AIHW prints its reports' ("Cat. no. CDK 16"), no field of the work
_REPORT_NUMBER = re.compile(r"\bReport\s+No\.?\s*:?\s*(?P<number>\d[\w/-]*)(?![\w/-])")
_CATALOGUE_NUMBER = re.compile(r"\bCat\.\s?no\.\s?(?P<letters>[A-Z]{1,4})\s?(?P<number>\d+)\b")


def _report_or_catalogue_number(item: dict[str, Any], text: str) -> None:
    """The number after "Report No." read as the work's page is its volume (dropped where a
    volume was read besides); a catalogue's number read as the page is none; each where the
    reference prints the number once. The catalogue number's label read as the journal is
    none either."""
    page = str(item.get("page") or "")
    catalogue = _CATALOGUE_NUMBER.search(text)
    if page and _printed(page, text) == 1:
        report = _REPORT_NUMBER.search(text)
        if report and report["number"] == page:
            del item["page"]
            item.setdefault("volume", page)
        if catalogue and catalogue["number"] == page:
            item.pop("page", None)
    if catalogue and re.fullmatch(rf"Cat\.\s?no\.?(?:\s?{catalogue['letters']})?",
                                  str(item.get("container-title") or "")):
        del item["container-title"]


# Springer's journal numbers: the volume, the issue in brackets, the page (or the article's
# number) and the year in brackets: "J. Sci. Comput. 88(2), 45 (2021)"
_SPRINGER_NUMBERS = re.compile(r"(?<![\w.])(?P<volume>\d{1,4})\s?\((?P<issue>\d{1,4})\),\s*"
                               r"(?P<page>[A-Za-z]?\d{1,6})\s+\((?:1[5-9]|20)\d\d\)")


def _springer_page_alone(item: dict[str, Any], text: str) -> None:
    """The page of those numbers where it is one number, which the tagger read as a second
    volume and left out."""
    found = _SPRINGER_NUMBERS.search(text)
    if found and "page" not in item and item.get("volume") == found["volume"] and \
            item.get("issue") == found["issue"]:
        item["page"] = found["page"]


# the volume and the page with a space between, then the year, as PDFs' reference lists print
# them: "Inf. Process. Lett., 58 201, 1996."
_VOLUME_SPACE_PAGE = re.compile(r",\s(?P<volume>\d{1,4})\s(?P<page>\d{1,6}(?:\s?[-–]\s?\d{1,6})?),"
                                r"\s(?:1[5-9]|20)\d\d\.?\s*$")


def _page_read_as_the_volume(item: dict[str, Any], text: str) -> None:
    """The volume and page of that form, where the tagger read the page as the volume."""
    found = _VOLUME_SPACE_PAGE.search(text)
    if found and "page" not in item and item.get("volume") == found["page"] and \
            _printed(found["page"], text) == 1:
        item["volume"], item["page"] = found["volume"], _page(found["page"])


# an article number with its "e" ("Revista Direito GV, v. 16, n. 1, e1945, jan./abr. 2020."),
# whose digits may look like a year
_E_LOCATOR = re.compile(r"(?<![\w.])e(?P<digits>\d{4,7})(?!\w|\.\d)")
_STANDALONE_YEAR = re.compile(r"(?<![\w.])((?:1[5-9]|20)\d\d)(?!\w|\.\d)")


def _article_number_read_as_the_year(item: dict[str, Any], text: str) -> None:
    """The year of a reference whose article number, "e1945", the tagger read as its year,
    where a year stands alone elsewhere; the number is then its page."""
    year = _issued_year(item)
    locator = _E_LOCATOR.search(text) if year else None
    if locator is None or locator["digits"] != str(year):
        return
    others = [y.group(1) for y in _STANDALONE_YEAR.finditer(text)]
    # (the year printed too: "(2019). … e2019.", "(2019a)")
    if others and not re.search(rf"(?<![\w.]){year}(?!\d)", text):
        item["issued"] = {"date-parts": [[int(others[-1])]]}
        item.setdefault("page", locator.group(0))


# GB/T 7714's numbers of an article, its year, volume and issue, then its pages after a colon
# ("地理研究, 2024, 43(1): 155-172", "Acta Geogr Sin, 2022, 77(3): 560-575"): what they are
# where the tagger read them as none (a list number before the entry puts it off)
_YEAR_VOLUME_ISSUE_PAGES = re.compile(
    r",\s*(?P<year>(?:1[5-9]|20)\d\d)\s*,\s*(?P<volume>\d{1,4})\s*\(\s*(?P<issue>\d{1,4}"
    r"(?:\s*[-/]\s*\d{1,4})?)\s*\)\s*:\s*(?P<page>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)")


def _year_volume_issue_pages(item: dict[str, Any], text: str) -> None:
    """The volume and issue of that form, where none was read and its year is the item's."""
    found = _YEAR_VOLUME_ISSUE_PAGES.search(text)
    if found is None or item.get("volume") or item.get("issue") or \
            str(_issued_year(item)) != found["year"]:
        return
    item["volume"], item["issue"] = found["volume"], found["issue"].replace(" ", "")
    item.setdefault("page", _page(found["page"]))


# Vancouver's lettered locator after the colon, a supplement's abstract numbered as its meeting
# numbers it: "2022;43(Suppl 2):ehac544.1021.", "2023;83(5 Suppl):P3-02-14.", "2014;13 Suppl
# 1:P48." (the tagger cuts it at its full stop or its letters)
_LOCATOR_AFTER_THE_COLON = re.compile(
    r";\s*\d{1,4}(?:\s*\([^()]{1,20}\)|\s+Suppl\.?(?:\s\d{1,3})?)?\s*:\s*"
    r"(?P<page>[A-Za-z]{1,6}\d[\w-]*(?:\.\d+)?)\.?(?=\s|$)")


def _lettered_locator_cut(item: dict[str, Any], text: str) -> None:
    """That locator whole, where the tagger's page is a part of it."""
    found = _LOCATOR_AFTER_THE_COLON.search(text)
    page = str(item.get("page") or "")
    if found and page and page != found["page"] and page in found["page"]:
        item["page"] = found["page"]


def _article_number_cut_before_its_letter(item: dict[str, Any], text: str) -> None:
    """An article number that ends with a letter, SPIE's "Proc. SPIE 9354, 93540K (2015)",
    whole where the tagger left the letter out (printed once, and followed by no word)."""
    page = str(item.get("page") or "")
    found = re.search(rf"(?<![\w.]){page}([A-Z])(?![\w.])", text) if page.isdigit() and \
        len(page) >= 4 else None
    if found and _printed_once(page + found.group(1), text) and not re.search(
            rf"(?<![\w.]){page}(?![\w])", text):
        item["page"] = page + found.group(1)


# A volume lettered after a hyphen, as the Bone & Joint Journal and the Journal of Bone and
# Joint Surgery's British and American volumes number theirs, after Vancouver's year (and
# PubMed's month): "2018;100-B(7):873-9", "2018 Jul;100-B(7)", "J Bone Joint Surg Br.
# 1998;80-B:4-9" (the tagger keeps the number, and leaves the letter; not a title's "4-D
# (real-time) imaging")
_LETTERED_VOLUME = re.compile(r"(?:1[5-9]|20)\d\d(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*"
                              r"(?P<number>\d{1,4})-(?P<letter>[A-Z])\s*(?=[(:])")


def _lettered_volume(item: dict[str, Any], text: str) -> None:
    """That volume whole, where the tagger's volume is its number."""
    found = _LETTERED_VOLUME.search(text)
    if found and str(item.get("volume") or "") == found["number"]:
        item["volume"] = f"{found['number']}-{found['letter']}"


# Vancouver's supplement of a journal that numbers no volume, after the year: "Ethiop Med J.
# 2016;(Suppl 2):45-52."
_SUPPLEMENT_WITHOUT_A_VOLUME = re.compile(
    r"(?:1[5-9]|20)\d\d\s*;\s*\((?P<issue>[Ss]uppl\.?\s*\d{1,3}|[Ss]uppl)\)\s*:")


def _supplement_without_a_volume(item: dict[str, Any], text: str) -> None:
    """That supplement, its issue, where the tagger read none."""
    found = _SUPPLEMENT_WITHOUT_A_VOLUME.search(text)
    if found and not item.get("issue") and not item.get("volume"):
        item["issue"] = found["issue"]


# a volume and its issue as two numbers between commas before the pages' "pp.", as Italian
# and other European journals print them: "Rivista di storia economica, 27, 3, pp. 301-328"
# (not the year and the volume: "…, 2011, 27, pp.")
_VOLUME_COMMA_ISSUE = re.compile(
    r"[^\W\d_],\s*(?P<volume>(?!(?:1[5-9]|20)\d\d\b)\d{1,4}),\s*(?P<issue>\d{1,3}),\s*pp?\.\s*\d")


def _volume_comma_issue(item: dict[str, Any], text: str) -> None:
    """That volume and issue, where the tagger read the issue as the volume."""
    found = _VOLUME_COMMA_ISSUE.search(text)
    if found and item.get("volume") == found["issue"] and not item.get("issue"):
        item["volume"], item["issue"] = found["volume"], found["issue"]


# APA's issue of a journal that numbers no volumes, in its brackets alone after the journal's
# name: "Investigaciones Geográficas, (73), 145-166."
_ISSUE_ALONE_IN_BRACKETS = re.compile(r"[^\W\d_],\s*\((?P<issue>\d{1,4})\),\s*[A-Za-z]?\d")


def _issue_alone_in_brackets(item: dict[str, Any], text: str) -> None:
    """That issue, which the tagger read as the volume."""
    found = _ISSUE_ALONE_IN_BRACKETS.search(text)
    if found and item.get("volume") == found["issue"] and not item.get("issue"):
        item["issue"] = item.pop("volume")


def _day_read_as_a_number(item: dict[str, Any], text: str) -> None:
    """A day of the month after its month, printed once, is no volume or page: an article
    published online first is dated so ("N Engl J Med 2020; published online Dec 2.", "Sleep.
    2021 Mar 3:zsab045", "medRxiv [Preprint]. 2020 Feb 23."), and a newspaper ("The New York
    Times, March 17, 1969."), or the day first, as British papers print it ("The Economist,
    12 June 2021."). The month is one by what stands around it, a year or "online" before it
    or a year after the day: "Mar." also ends journals' names ("Cienc. Mar. 30")."""
    for key in ("volume", "page"):
        value = str(item.get(key) or "")
        if re.fullmatch(r"0?[1-9]|[12]\d|3[01]", value) and _printed_once(value, text) and (
                re.search(rf"(?:(?<!\d)(?:1[5-9]|20)\d\d,?\s+|\b(?:online|published)\s+)"
                          rf"{_MONTH_WORD}\.?\s+{value}(?![\w])", text, re.I)
                or re.search(rf"\b{_MONTH_WORD}\.?\s+{value},\s*(?:1[5-9]|20)\d\d\b", text)
                or re.search(rf"(?<![\w.:;(]){value}\s+{_MONTH_WORD}\.?,?\s+(?:1[5-9]|20)\d\d\b",
                             text)):
            del item[key]


# a note's page, then the footnote on it that the note cites: "(New York: Basic Books, 1973),
# 9 n. 2."
_NOTE_ON_A_PAGE = re.compile(r"(?<![\w.-])(?P<page>\d{1,5})\s+nn?\.\s*(?P<note>\d{1,4})\.?\s*$")


def _footnote_read_as_the_volume(item: dict[str, Any], text: str) -> None:
    """The number of the footnote cited is no volume; the page before it is the page."""
    found = _NOTE_ON_A_PAGE.search(text)
    if found and item.get("volume") == found["note"]:
        del item["volume"]
        item.setdefault("page", found["page"])


# a work in several volumes: how many ("7 vols."), and the years of its imprint, last
# ("London: Methuen, 1896–1900.")
_HOW_MANY_VOLUMES = re.compile(r"(?<![\w.])(\d{1,2})\s+vols?\.")
_IMPRINTS_YEARS = re.compile(r"[:,]\s[^,:]+,\s((?:1[5-9]|20)\d\d)\s?[–-]\s?((?:1[5-9]|20)\d\d)\.?$")


def _volumes_of_a_work(item: dict[str, Any], text: str) -> None:
    """In such a reference, the number of volumes is no volume, nor part of the title, and
    the range of years ending its imprint, which the tagger read as pages, gives its year (the
    first)."""
    count = _HOW_MANY_VOLUMES.search(text)
    if count is None:
        return
    title = str(item.get("title") or "")
    run_on = re.search(r",\s*" + count.group(1) + r"\s+vols?\.?$", title)
    if run_on:  # "Aeschylus: Agamemnon, 3 vols. Oxford."
        item["title"] = title[:run_on.start()]
    if str(item.get("volume") or "") == count.group(1) and _printed_once(count.group(1), text):
        del item["volume"]
    years = _IMPRINTS_YEARS.search(text.rstrip())
    if years and int(years.group(2)) > int(years.group(1)) and \
            str(item.get("page") or "") == f"{years.group(1)}-{years.group(2)}":
        del item["page"]
        item.setdefault("issued", {"date-parts": [[int(years.group(1))]]})


# the months as French, German, Spanish and Italian print them (English's: _MONTH_WORD)
_OTHER_MONTH = (r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                r"novembre|décembre|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|enero|"
                r"febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
                r"diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|"
                r"dicembre)")
# a newspaper's or magazine's section and page right after its date, ending the reference
# ("New York Times, January 3, A1."; not "vitamins A, D, E, B12.")
_SECTION_PAGE = re.compile(r",\s*(?P<page>[A-H]\d{1,3}(?:\s?[-–]\s?[A-H]?\d{1,3})?)\.?\s*$")
# ... after the date, or with APA's date to the day in brackets after the author
_DATE_BEFORE_THE_SECTION = re.compile(
    rf"(?:{_MONTH_WORD}\.?(?:\s+\d{{1,2}})?|\d{{1,2}}\s+{_MONTH_WORD}\.?),\s*[A-H]\d{{1,3}}\b")
_APAS_DAY = re.compile(rf"\((?:1[5-9]|20)\d\d,\s*(?:{_MONTH_WORD}\.?\s+\d{{1,2}}|\d{{1,2}}\s+"
                       rf"{_MONTH_WORD}\.?)\)")


# a date's day after a comma, either side of its month (its number read by the rule below:
# one pattern for every reference, not one compiled for each volume read)
_DAY_AFTER_A_COMMA = re.compile(rf",\s(?:{_MONTH_WORD}\.?\s+(\d+)(?![\w-])|(\d+)\.?\s+"
                                rf"(?:{_MONTH_WORD}|{_OTHER_MONTH})\b)")
# German's page cited, "S. 53"
_GERMAN_PAGE = re.compile(r"\bS\.\s?(\d+)(?![\w-]|\.\d)")


def _dated_periodicals_numbers(item: dict[str, Any], text: str) -> None:
    """A newspaper's or a magazine's day is no volume ("The New Yorker, July 22, 28–33", "Le
    Monde, 12 mars"), nor is a date's year read after "Accessed" a page; the page cited as
    German prints it ("Die Zeit, Nr. 46 vom 6. November 2008, S. 53.") is the page where the
    tagger read it as a volume; and a section's page ending it ("January 3, A1") the page."""
    volume, page = str(item.get("volume") or ""), str(item.get("page") or "")
    if volume.isdigit() and _printed_once(volume, text) and any(  # (after a comma: not a
            # journal's "Cienc. Mar. 30", nor Vancouver's "1990;263 May 2-9")
            volume in day.groups() for day in _DAY_AFTER_A_COMMA.finditer(text)):
        del item["volume"]
        volume = ""
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", page) and re.search(
            rf"\b(?:Accessed|Retrieved|Viewed|Cited|Consulted)\b[^.]{{0,30}}?\b{page}\b", text):
        del item["page"]
        page = ""
    if volume.isdigit() and not page and _printed_once(volume, text) and any(
            cited.group(1) == volume for cited in _GERMAN_PAGE.finditer(text)):
        item["page"] = item.pop("volume")
        page = item["page"]
    section = _SECTION_PAGE.search(text) if not page else None
    if section and not (_DATE_BEFORE_THE_SECTION.search(text, max(0, section.start() - 20))
                        or _APAS_DAY.search(text)):
        section = None
    if section:
        item["page"] = _page(section["page"])


def _volumes_printed_as_a_range(item: dict[str, Any], text: str) -> None:
    """A double volume printed as a range after the journal, the pages after it ("SoftwareX,
    1–2, 19–25"): the volume is the range, not its first number."""
    volume, page = str(item.get("volume") or ""), str(item.get("page") or "")
    container = item.get("container-title") or ""
    if item.get("issue"):
        return  # "IEICE Trans., 5-12, 100-110": a volume and its issue
    both = re.fullmatch(r"(\d{1,4})-(\d{1,4}),\s*(\d+)(-\d+)?", page) \
        if not volume and container else None
    if both and int(both.group(2)) > int(both.group(1)) and re.search(
            rf"{re.escape(container)}\.?,\s*{both.group(1)}\s*[-–]\s*{both.group(2)},\s*"
            rf"(?:pp?\.\s*)?{both.group(3)}\b", text):  # the tagger's page: "1-2, 19-25"
        item["volume"] = f"{both.group(1)}-{both.group(2)}"
        item["page"] = both.group(3) + (both.group(4) or "")
        return
    if not volume.isdigit() or not page or not container:
        return
    first = page.split("-")[0]
    found = re.search(rf"{re.escape(container)}\.?,\s*{volume}\s*[-–]\s*(\d{{1,4}}),\s*"
                      rf"(?:pp?\.\s*)?{re.escape(first)}\b", text)
    if found and int(found.group(1)) > int(volume):
        item["volume"] = f"{volume}-{found.group(1)}"


# a meeting's days after its month ("2022 Sep 28–30", "(2023, April 13–15)"), a US state's code
# in a meeting's place ("Detroit, MI, USA"), a meeting's year in its name ("Proceedings of the
# 2018 IEEE International Conference"), a university's number ("Université Paris 1"), a
# report's number with its letters ("Report No. P60-276"), an archive's file number ("档号：
# 03-5620-012")
_NOT_A_NUMBER_OF_THE_WORK = (
    ("days", r"(?<![\w.])(?:{month})\.?\s+{value}(?![\w-])"),
    ("volume", r",\s{value},\s(?:USA|United States)\b"),
    ("volume", r"\b(?:Proceedings|Proc\.)\s+of\s+the\s+{value}\s+[A-Z]"),
    # (a university's number in its name, before the year or the rest of the name:
    # "Université Lumière Lyon 2, 2009", "Université Paris 1 Panthéon-Sorbonne")
    # (where the university's name opens a part of the reference, and holds no word of a
    # journal's: not "University of Toronto Quarterly 45, 1976")
    ("volume", r"(?:^|[,.(]\s?)Universi(?:t(?:é|y|à|ät|at)|dad|dade)\b"
               r"(?:(?!Journal|Quarterly|Review|Bulletin|Studies|Annal|Library|Law|Press)"
               r"[^,;.()]){{0,40}}?\s{value}(?=,?\s(?:1[5-9]|20)\d\d\b|\s[A-Z][a-zé]+)"),
    ("page", r"\b(?:Report|Paper|Document)\s+No\.\s*[A-Z]{{1,4}}{value}\b"),
    ("page", r"档号\s*[:：]\s*{value}"),
)

# a meeting's year before its month and days ("(SOSP); 2003 Oct 19-22; Bolton Landing")
_MEETINGS_YEAR_AND_DAYS = re.compile(rf"(?<![\w.])((?:1[5-9]|20)\d\d)\s+{_MONTH_WORD}\.?\s+"
                                     r"\d{1,2}\s?[-–]\s?\d{1,2}\b")


def _numbers_of_something_else(item: dict[str, Any], text: str) -> None:
    """A number of a meeting, a place, a report or an archive, which the tagger read as a
    volume or a page; and a page with a month in it ("April 13-15") or the years a reprint
    first came out in ("Originally published 1835–40")."""
    if re.search(rf"\b{_MONTH_WORD}\b|^(?i:originally|first)\s", str(item.get("page") or "")):
        del item["page"]
    for kind, form in _NOT_A_NUMBER_OF_THE_WORK:
        key = "page" if kind == "days" else kind
        value = str(item.get(key) or "")
        if kind == "days" and "-" not in value:
            continue  # (one day is a date's, as a page may be: "Lancet. 2020 Mar 14;395:14.")
        if value:
            printed = r"\s?[-–]\s?".join(re.escape(part) for part in value.split("-"))
            if re.search(form.format(value=printed, month=_MONTH_WORD), text):
                del item[key]
    if str(item.get("volume") or "") in _MEETINGS_YEAR_AND_DAYS.findall(text):
        del item["volume"]


# a year of two digits after an apostrophe, a meeting's ("(NSDI'12)", "SIGMOD ’21")
_MEETINGS_SHORT_YEAR = re.compile(r"(?<=[A-Za-z]['’])(\d\d)\b")
# every number the reference prints on its own, not after an apostrophe
_NUMBER_ALONE = re.compile(r"(?<![\w.'’])\d+(?![\w-])")


def _printed(value: str, text: str) -> int:
    """How many times ``text`` prints ``value`` on its own: not inside a word or a longer
    number, nor after a hyphen or a digit's full stop (a decimal), but after a label's
    ("no.5"). (A count by ``str.find``: a pattern made for each value is compiled for each
    value, a cost a verify run of cold caches paid for every citation.)"""
    count, at = 0, text.find(value)
    while at >= 0:
        before, after = text[at - 1:at], text[at + len(value):at + len(value) + 1]
        decimal = before == "." and text[at - 2:at - 1].isdigit()
        if not (before.isalnum() or before in "_-" and before or decimal) and \
                not (after.isalnum() or after in "_-" and after):
            count += 1
        at = text.find(value, at + 1)
    return count


def _number_printed_once_read_twice(item: dict[str, Any], text: str) -> None:
    """A number the reference prints once is one field's: a meeting's short year is no
    issue or volume ("In Proceedings … (NSDI'12). USENIX Association, USA, 15–28."), and an
    article's number the tagger read as its page and its issue too ("vol. 61, Art. no.
    5601512, 2023") is its page alone."""
    for key in ("issue", "volume"):
        value = str(item.get(key) or "")
        if value.isdigit() and value not in _NUMBER_ALONE.findall(text) \
                and value in _MEETINGS_SHORT_YEAR.findall(text):
            del item[key]
    issue = str(item.get("issue") or "")
    if issue and issue == str(item.get("page") or "") and _printed(issue, text) == 1:
        del item["issue"]


# a meeting's acronym and year in brackets after the proceedings' name ("… Systems 27 (NIPS
# 2014). 2672–2680.")
_MEETING_IN_BRACKETS = re.compile(r"\(\s*(?!Suppl|Spring|Summer|Fall|Autumn|Winter)"
                                  r"([A-Z][A-Za-z]{1,11})\s+(?:19|20)\d\d\s*\)")


def _meetings_acronym_read_as_the_issue(item: dict[str, Any], text: str) -> None:
    """A meeting's acronym is no issue (the tagger read "NIPS" of "(NIPS 2014)" as one)."""
    if str(item.get("issue") or "") in _MEETING_IN_BRACKETS.findall(text):
        del item["issue"]


# Vancouver's year after a semicolon, before the pages ("; 2019:8024-8035", "; 2015. p. 234–41")
_YEAR_BEFORE_THE_PAGES = re.compile(r";\s*((?:1[5-9]|20)\d\d)\s*(?::\s*|\.\s*pp?\.\s*)[A-Za-z]?\d")


def _vancouver_year_read_as_the_volume(item: dict[str, Any], text: str) -> None:
    """Vancouver's year before the pages of a book's part, which the tagger read as a volume:
    where it found no year ("In: Advances in Neural Information Processing Systems 32. Curran
    Associates, Inc.; 2019:8024-8035.", after the publisher's semicolon), it is the year;
    where it found one (the meeting's date, or the same year ending the book's name: "MICCAI
    2015. Cham: Springer; 2015. p. 234–41."), in a part of a book ("In: …") that marks no
    volume, it is no volume."""
    volume = str(item.get("volume") or "")
    if volume not in _YEAR_BEFORE_THE_PAGES.findall(text):
        return
    if not item.get("issued"):
        item["issued"] = {"date-parts": [[int(volume)]]}
        del item["volume"]
    elif re.search(r"\bIn:\s", text) and re.search(rf";\s*{volume}\.\s*pp?\.", text) and \
            not re.search(r"\bvol(?:ume)?\b", text, re.I):
        del item["volume"]


# APA's pages of a chapter in brackets after the book's name, which the tagger ran into a
# range of years ending the name ("…: Working papers in cultural studies, 1972–79 (pp.
# 128–138).")
_PAGES_IN_APAS_BRACKETS = re.compile(r"^(?:1[5-9]|20)\d\d\s?[-–]\s?\d{2,4}\s?\(\s?"
                                     r"pp?\.\s?(?P<pages>\d+\s?[-–]\s?\d+)\)?$")


_YEARS_AFTER = re.compile(r",\s?(?:1[5-9]|20)\d\d\s?[-–]\s?\d{2,4}")


def _years_run_into_apas_pages(item: dict[str, Any], text: str) -> None:
    """The pages in such brackets, and the years the book's name ends with, its own."""
    found = _PAGES_IN_APAS_BRACKETS.match(str(item.get("page") or ""))
    container = item.get("container-title") or ""
    if found is None or not container:
        return
    item["page"] = _page(found["pages"])
    end = _field_end(item, "container-title", text)
    years = _YEARS_AFTER.match(text, end) if end >= 0 else None
    if years:
        item["container-title"] = container + years.group(0)


# a range of pages ending the reference ("…, 21(2), 1-30.")
_PAGES_ENDING = re.compile(r"(?<![\w.])(\d{1,5}\s?[-–]\s?\d{1,5})\.?\s*$")


def _title_read_as_the_page(item: dict[str, Any], text: str) -> None:
    """A page that is the title, as the tagger read a title holding a number ("박지훈,
    최수진. (2021). 코로나19 이후 청년 고용의 변화. 노동정책연구, 21(2), 1-30."): the pages are the
    range the reference ends with, if it ends with one."""
    page = item.get("page")
    if not page or page != item.get("title"):
        return
    found = _PAGES_ENDING.search(text)
    if found and found.group(1) not in page:
        item["page"] = _page(found.group(1))
    else:
        del item["page"]


def _chinese_date_read_as_the_page(item: dict[str, Any]) -> None:
    """A date written with 年 and 月 ("2021年3月3日发布") is no page (nor volume)."""
    for key in ("page", "volume"):
        if re.search(r"\d\s*年\s*\d{1,2}\s*月", str(item.get(key) or "")):
            del item[key]


# the words of a series' name, whose "no." numbers its parts, not a journal's issues
_SERIES_WORD = re.compile(r"\b(?:series|lecture notes|studies|papers?|reports?|circulars?|"
                          r"monographs?|memoirs?|notes)\b", re.I)


def _numbered_issue_alone(item: dict[str, Any], text: str) -> None:
    """A journal that numbers its issues only, as MLA and Chicago print it ("New Left Review,
    no. 146, 1984, pp. 53–92", "The National Interest, no. 16: 3–18"): the number after
    "no." is the issue, when no volume is printed besides it (Chicago's year may stand
    between: "no. 3 (1974): 1–12"). Only a "no." set off by a comma right after the journal's
    name, with pages after it: a report's or a series' number ("Planning Report No. 162.",
    "Occasional Paper no. 23: 1-50", "Lecture Notes in Computer Science, no. 1234") is left
    as it was read (the gold reads it as the volume). Polish prints "nr 4" for it."""
    volume, container = str(item.get("volume") or ""), str(item.get("container-title") or "")
    # (or a number the tagger gave no field: "Social Text, no. 25/26, 1990, pp. 56–80")
    number = re.escape(volume) if volume else r"\d{1,4}"
    marked = re.search(rf"{re.escape(container)},\s*(?:nos?\.|nr\.?)\s*({number}"
                       r"(?:\s*[/–-]\s*\d+)?)(?![\w])"
                       r"(?=\s*(?:\((?:1[5-9]|20)\d\d\)\s*)?:\s*\d|.*\bpp\.)", text) \
        if container and not _SERIES_WORD.search(container) else None
    if marked and "issue" not in item and (not volume or _printed_once(volume, text)) \
            and not re.search(r"\bvol(?:ume)?\b", text, re.I):
        item.pop("volume", None)
        item["issue"] = re.sub(r"\s*[–-]\s*", "-", marked.group(1)).replace(" ", "")


# the AMS's and SIAM's numbers: "Comm. Partial Differential Equations 32 (2007), no. 7-9,
# 1245–1260" (the volume, the year in brackets, the issue after "no.", the pages)
_AMS_ISSUE = re.compile(r"(?<![\w.])(?P<volume>\d{1,4})\s+\((?:1[5-9]|20)\d\d\),\s+no\.\s*"
                        r"(?P<issue>\d{1,4}(?:\s*[-–/]\s*\d{1,4})?),\s")


# the AMS's series of a journal before its volume: "Ann. of Math. (2) 54 (1951), 286–295"
# (the second series of the Annals), a digit in brackets after the journal's name
_AMS_SERIES = re.compile(r"(?<=[\w.])\s+\((?P<series>\d)\)\s+(?P<volume>\d{1,4})\s+"
                         r"\((?:1[5-9]|20)\d\d\)\s*[,:]")


def _ams_series(item: dict[str, Any], text: str) -> None:
    """The volume after the series in such numbers, where the tagger read the series as the
    issue (and the volume as nothing, or as the series): the series is no issue. Only where
    the journal read ends just before it."""
    found = _AMS_SERIES.search(text)
    container = str(item.get("container-title") or "").rstrip(". ")
    if found is None or not container or not text[:found.start()].rstrip(". ").endswith(
            container):
        return
    if str(item.get("issue") or "") == found.group("series"):
        del item["issue"]
    item["volume"] = found.group("volume")


def _ams_issue(item: dict[str, Any], text: str) -> None:
    """The issue after "no." in such numbers, a range too ("no. 7-9"), where the tagger read
    none, one end of the range alone ("9"), or the paper's number after it ("no. 3, Paper
    No. 97, 31 pp."); only after the volume read. An issue read otherwise stays."""
    found = _AMS_ISSUE.search(text)
    if found is None or found.group("volume") != str(item.get("volume") or ""):
        return
    issue, ends = str(item.get("issue") or ""), re.split(r"\s*[–/-]\s*", found.group("issue"))
    if issue and issue not in (ends[0], ends[-1]) and not re.search(
            rf"\bPaper\s+No\.\s*{re.escape(issue)}\b", text):
        return
    item["issue"] = re.sub(r"\s*[–/-]\s*", lambda m: "/" if "/" in m.group(0) else "-",
                           found.group("issue"))


# German's edition ("8. Aufl.", "2., überarb. Aufl.") and a meeting's year after its acronym
# ("CCS '16"): numbers of something else than a volume
_EDITION_OR_YEARS_ACRONYM = re.compile(r"(?<![\w.])(\d+)\.(?:,?\s*(?:[a-zäöü]+\.,?\s*|und\s+)"
                                       r"{0,3})?\s*Aufl(?:age|\.|\b)|"
                                       r"\b[A-Z][A-Za-z]{1,9}\s['’‘](\d+)\b")


def _edition_or_years_acronym_read_as_a_volume(item: dict[str, Any], text: str) -> None:
    """A number printed once, as German's edition ("8. Aufl. Leipzig: Buske 1935") or a
    meeting's year after its acronym ("CCS '16, pages 308–318"), is no volume."""
    volume = str(item.get("volume") or "")
    if volume.isdigit() and any(volume in found for found in
                                _EDITION_OR_YEARS_ACRONYM.findall(text)) and \
            _printed_once(volume, text):
        del item["volume"]


def _ordinal_read_as_a_volume(item: dict[str, Any], text: str) -> None:
    """"Proc. 12th USENIX Symp.", "Proceedings of the 36th AAAI Conference": a meeting's
    ordinal is no volume, where the number is printed nowhere else (not as "vol.5", nor as
    old MLA's "19.2", volume and issue)."""
    volume = str(item.get("volume") or "")
    if volume.isdigit() and re.search(rf"(?<![\w.]){volume}(?:st|nd|rd|th)\b", text) \
            and not re.search(rf"(?<!\d){volume}(?!\d|st\b|nd\b|rd\b|th\b)", text):
        del item["volume"]


# the Lancet's, the BMJ's and NEJM's imprint: the year, a semicolon, the volume (its issue)
# and a colon before the pages ("Cancer 2021; 127: 3029–30", "BMJ 2021;372:n71")
_YEAR_SEMICOLON_VOLUME = re.compile(r"(?<![\d\-–])((?:1[5-9]|20)\d\d)\s*;\s*([A-Za-z]?\d+)\s*"
                                    r"(?:\([^()]{1,12}\))?\s*:\s*[A-Za-z]?\d")


def _year_before_the_volume(item: dict[str, Any], text: str) -> None:
    """The year of a medical journal's imprint ("N Engl J Med 2020;382:727-33") is the
    reference's, where a year in its title was read instead ("… in China, 2019.") or none
    was (it was read into the journal's name: "BMJ 2021"); not over a year read elsewhere
    (a book's, before the imprint of its reprint: "…; 1753. Reprinted in: Lancet
    1953;1:123.")."""
    found = _YEAR_SEMICOLON_VOLUME.findall(text)
    if len(found) != 1 or item.get("volume") not in (None, found[0][1]):
        return
    year, read = int(found[0][0]), _issued_year(item)
    container = str(item.get("container-title") or "")
    in_journal = container.endswith(f" {year}")
    # (a year of the title: in the title read, or ending it, cut off: "… in China, 2019.")
    if read != year and (read is None or str(read) in str(item.get("title") or "")
                         or re.search(rf",\s{read}\.\s", text) or in_journal):
        item["issued"] = {"date-parts": [[year]]}
    if in_journal:
        item["container-title"] = container[:-5].rstrip()


def _page_read_as_the_volume_too(item: dict[str, Any], text: str) -> None:
    """A Chinese note's page ("…2019年版，第45页。", or a second work's in the same note,
    "…第77—79页；王泽鉴：《债法原理》…第55页") read as its volume: a number printed only
    marked 页 is a page, and no volume where none is marked 卷 (or 辑, 册), in figures or in
    words ("第三卷")."""
    volume = str(item.get("volume") or "")
    as_page = re.findall(rf"第\s*{volume}\s*页", text) if volume.isdigit() else []
    marked = [_arabic(m.group(1)) for m in _CN_MARKED_VOLUME.finditer(text)] if as_page else []
    if as_page and volume not in marked and (volume == item.get("page") or not marked and len(
            re.findall(rf"(?<!\d){volume}(?!\d)", text)) == len(as_page)):
        del item["volume"]


def _arxiv_id_read_as_the_page(item: dict[str, Any], text: str) -> None:
    """"arXiv:1412.6980": a preprint's number, no page."""
    page = str(item.get("page") or "")
    if page and re.search(rf"\barXiv\s*:\s*(?:[a-z-]+(?:\.[A-Z]{{2}})?/)?{re.escape(page)}"
                          rf"(?:v\d+)?(?!\w|\.\d)", text, re.I):
        del item["page"]


_ARTICLE_NUMBER = re.compile(r"\bArt(?:icle)?\.?\s*(?:no|number)\.?\s*:?\s*([A-Za-z]?\d+)\b",
                             re.I)


def _article_number(item: dict[str, Any], text: str) -> None:
    """IEEE's "Art. no. 117702" is where the pages would be, and APA 7's "Article 101690" is
    that number (the word is the style's, not the page's)."""
    article = re.fullmatch(r"Article\s+([A-Za-z]?\d+[A-Za-z]?|[a-z]{1,4}\d+)", str(
        item.get("page") or ""))
    if article:
        item["page"] = article.group(1)
    if "page" not in item:
        match = _ARTICLE_NUMBER.search(text)
        if match:
            item["page"] = match.group(1)


def _after_volume_colon(tokens: list[Token], labels: list[str]) -> int | None:
    """The index of the token after the colon that follows a volume (``127: 1607``) or its
    issue (``127(4): 1607``), where a journal reference prints its pages."""
    for k in range(2, len(tokens) - 1):
        if tokens[k].text == ":" and (labels[k - 1] in ("volume", "issue") or (
                tokens[k - 1].text == ")" and labels[k - 2] in ("volume", "issue"))):
            return k + 1
    return None


def _later_year(tokens: list[Token], labels: list[str], at: int, year: int) -> int | None:
    """A year the tagger left unlabelled after token ``at``, other than ``year``."""
    for tok, lab in zip(tokens[at + 1:], labels[at + 1:], strict=True):
        if lab == "other" and _year_like(tok) and int(tok.text) != year:
            return int(tok.text)
    return None


def _fallback_year(tokens: list[Token], labels: list[str], skip: frozenset[int] = frozenset()
                   ) -> int | None:
    """A year the tagger left unlabelled: the first four-digit year outside a title, a
    container, pages, a volume or a URL, and not at a token of ``skip``."""
    for k, (tok, lab) in enumerate(zip(tokens, labels, strict=True)):
        if lab in ("other", "year") and _year_like(tok) and k not in skip:
            return int(tok.text)
    return None


# a new-style arXiv identifier, YYMM.NNNNN: its first four digits read as a year from 1501 to
# 2099 ("arXiv:1802.03426", "arXiv 2005.14165v4", "arxiv.org/abs/…", "10.48550/arXiv.…")
_ARXIV_NUMBER = re.compile(r"\barxiv\s*[:.]?\s*(?:org/abs/|abs/)?(\d{4}\.\d{4,5})(?!\d)", re.I)


def _in_arxiv_ids(text: str, tokens: list[Token]) -> frozenset[int]:
    """The tokens inside the text's new-style arXiv identifiers, which are no years."""
    if "arxiv" not in text.lower():
        return frozenset()
    spans = [m.span(1) for m in _ARXIV_NUMBER.finditer(text)]
    return frozenset(k for k, tok in enumerate(tokens)
                     if any(start <= tok.start < end for start, end in spans))


# The month, and the day, a reference prints right after its year: Vancouver's ". 2021 Jun
# 23;10(7):1587", ". 2018 Jan;15(1)", APA's "(2021, June 23)." (a month range, "2020
# Mar-Apr", a season, names no one month; "1969, Mar. Biol., 3" is Marine Biology: a month's
# full stop is its own, not the one a journal's abbreviated word goes on after)
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DAY_AFTER_THE_YEAR = re.compile(
    r"(?<![\d-])(?P<year>(?:1[5-9]|20)\d\d)(?:,\s*|\s+)(?P<month>Jan(?:uary)?|Feb(?:ruary)?|"
    r"Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|"
    r"Nov(?:ember)?|Dec(?:ember)?)\.?+(?:\s+(?P<day>[12]\d|3[01]|0?[1-9]))?(?=\s*[;.,)]|\s*$)")
# ... not the date it was looked at, put online or changed ("Accessed 2020 Mar 5.", "Epub 2019
# Jun 5.", "[cited 2021 Jan 3]"), nor one in its title ("Lessons from 2011 March 11: …")
_OTHER_DATE = re.compile(r"(?:accessed|cited|epub|updated|retrieved|revised|received|"
                         r"available|online|modified|viewed)\W{0,3}(?:on\s+)?$", re.I)


def _month_and_day(item: dict[str, Any], text: str) -> None:
    """The date as precisely as the reference prints it: the month and day after the year
    it was read to have, where they follow that year once (not after "accessed", "Epub" …),
    end a part of it (a full stop, a semicolon, a bracket, not a title's colon), and are a
    day of that month."""
    year = _issued_year(item)
    if year is None or len(item["issued"]["date-parts"][0]) != 1:
        return
    found = [m for m in _DAY_AFTER_THE_YEAR.finditer(text) if int(m["year"]) == year
             and not _OTHER_DATE.search(text, max(0, m.start() - 20), m.start())]
    if len(found) != 1:
        return
    month = _MONTHS[found[0]["month"][:3].lower()]
    day = int(found[0]["day"]) if found[0]["day"] else None
    if day is not None and day > calendar.monthrange(year, month)[1]:
        return  # "Feb 30": no date, whatever was meant
    item["issued"] = {"date-parts": [[year, month] + ([day] if day else [])]}


# Italian's volume and issue as bare numbers after the journal, the year in brackets after
# them: "Rivista storica italiana, 121, 2 (2009), pp. 533-571"
_VOLUME_ISSUE_YEAR = re.compile(r",\s*(\d{1,4}),\s*(\d{1,3}(?:[-/]\d{1,3})?)\s*"
                                r"\((?:1[5-9]|20)\d\d\)")



def _volume_and_issue_before_the_year(item: dict[str, Any], text: str) -> None:
    """The two numbers right after the journal's name, where neither was read, or where the
    second was read as the page (the pages then those marked "pp." after them)."""
    container = str(item.get("container-title") or "")
    at = text.find(container) if container else -1
    found = _VOLUME_ISSUE_YEAR.match(text, at + len(container)) if at >= 0 else None
    if found is None or item.get("issue"):
        return
    volume, page = str(item.get("volume") or ""), str(item.get("page") or "")
    first, second = found.group(1), found.group(2)
    if volume not in ("", first, second) or page == first:
        return  # (read otherwise: left as it was)
    if page == second:  # the issue read as the page: the pages are those marked
        pages = _PAGES_AFTER_A_COMMA.match(text, found.end())
        if pages is None:
            return
        item["page"] = _page(pages.group(1))
    item["volume"], item["issue"] = first, second


# Vancouver's supplement in no brackets after the volume: "2019;40 Suppl 1:ehz748.0921"
_VOLUME_THEN_SUPPLEMENT = re.compile(r"(?:1[5-9]|20)\d\d\s*;\s*(?P<volume>\d{1,4})\s+"
                                     r"(?P<issue>Suppl\.?(?:\s\d{1,3})?)\s*:")


_PAGE_FROM_THE_VOLUME = re.compile(r"\d{1,4}\s+Suppl\.?(?:\s\d{1,3})?\s*:\s*(?P<page>\S+)")


def _supplement_after_the_volume(item: dict[str, Any], text: str) -> None:
    """That volume and supplement, where the tagger read neither; and the page after its
    colon, where the tagger's page ran from the volume ("48 Suppl 60:PA2734")."""
    found = _VOLUME_THEN_SUPPLEMENT.search(text)
    if found and not item.get("volume") and not item.get("issue"):
        item["volume"], item["issue"] = found["volume"], found["issue"]
    ran = _PAGE_FROM_THE_VOLUME.fullmatch(str(item.get("page") or ""))
    if found and ran and item.get("volume") == found["volume"]:
        item["page"] = ran["page"]
        item.setdefault("issue", found["issue"])


# Harvard's volume and article number (or pages) at the end, after the journal and a comma
# each: "'Machine vision for weld seam inspection', Journal of Physics: Conference Series,
# 1529, 042087."
_VOLUME_AND_PAGE_ENDING = re.compile(r",\s*(?P<volume>\d{1,5}),\s*(?P<page>[A-Za-z]?\d{1,7}"
                                     r"(?:\s?[-–]\s?[A-Za-z]?\d{1,7})?)\.?\s*$")


def _volume_and_page_ending(item: dict[str, Any], text: str) -> None:
    """Those numbers right after the journal's name, where the tagger read neither or
    only the page."""
    container = str(item.get("container-title") or "")
    at = text.rfind(container) if container else -1
    found = _VOLUME_AND_PAGE_ENDING.fullmatch(text, at + len(container)) if at >= 0 else None
    page = _page(found["page"]) if found else ""
    year = str(_issued_year(item))
    if found and not item.get("volume") and str(item.get("page") or page) == page and \
            year not in (found["volume"], page):  # (", 1966, 5-23": the year, the pages;
        item["volume"], item["page"] = found["volume"], page  # ", 1529, 2020.": the year)
