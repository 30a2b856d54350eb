"""Repair rules for where a title begins and ends: what the tagger ran into it (names, a year,
a place, an edition, a thesis note, a translator) or cut from it (its closing quote, its part
number, the words before a colon).
"""

from __future__ import annotations

import re

from archiver.citations.parse.authors import (
    _GIVEN_NAMES,
    _GROUP_AUTHOR,
    _ORG_WORDS,
    _PINYIN,
    split_authors,
)
from archiver.citations.parse.fields import _YEAR, _page, _strip_span
from archiver.citations.parse.shared import (
    _AUFLAGE,
    _CHINESE_THESIS,
    _GLUED_YEAR,
    _LIST_NUMBER,
    _MONTH_WORD,
    _NAMES_TO_THEIR_STOP,
    _NUMBERED_PAPER,
    _PLACE_NAME,
    _THESIS_KIND,
    _is_a_place,
    _issued_year,
    _title_end,
)
from archiver.citations.parse.token_features import _QUOTE_OPENERS, _ROMAN

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


# the rest of a book's title, then its imprint in brackets (a note's form, Chicago 14.100):
# ": An Essay on Opera (Princeton University Press, 1999)", ", Common Sense, Politics
# (Toronto: University of Toronto Press, 2005)"
_REST_THEN_IMPRINT = re.compile(r"(\s*[:,]\s+(?!(?:trans|transl|tr|ed|eds|edited|translated)\b)"
                                r"[^()\[\]\"“”«»\d./]+?)\s*\([^()]*[A-Za-z][^()]*,\s*"
                                r"(?:1[5-9]|20)\d\d\)")


# the words that open what someone other than the author did: "Translated by Robert Pinsky"
_ROLE_WORDS = (r"trans|transl|translated|tr|ed|eds|edited|traduit|trad|traduzione|übersetzt|"
               r"hrsg|herausgegeben|a cura|introduction|introduzione|préface|prefazione|with")


# a book's subtitle after a full stop, then place, publisher and year between commas, as
# French and Italian print them: "Surveiller et punir. Naissance de la prison, Paris,
# Gallimard, 1975."
# ... or nothing after it: the subtitle, or a word after a hyphen, ends the reference ("…
# Brown Tree Snake: Patterns of Decline and Species Persistence in Guam’s Aifauna.",
# "Accurate normalization of real-time quantitative RT-PCR")
_REST_ENDING_THE_TEXT = re.compile(r"(:\s[^.?!:()\[\]\d]+[?!]?|-[A-Za-z\d]{1,12})\.?\s*$")
_SUBTITLE_THEN_IMPRINT = re.compile(
    r"(\.\s+(?!(?i:" + _ROLE_WORDS + r")\b)[A-ZÀ-Ý][^.,;:()\[\]\d]+?),"
    r"\s+[A-ZÀ-Ý][^.,;()\[\]\d]*,\s+[A-ZÀ-Ý][^.,;()\[\]\d]*,\s+(?:1[5-9]|20)\d\d\.?$")


def _title_up_to_imprint(item: dict[str, Any], text: str) -> None:
    """A book's title runs up to its imprint: the tagger may end it at the subtitle's colon
    or at a comma inside it, before an imprint in brackets, or at the full stop before the
    subtitle, where place, publisher and year follow between commas; the rest it leaves
    unlabelled."""
    end = _title_end(item, text)
    if end < 0 or "container-title" in item or "volume" in item:
        return
    for form in (_REST_THEN_IMPRINT, _SUBTITLE_THEN_IMPRINT, _REST_ENDING_THE_TEXT):
        rest = form.match(text, end)
        if rest and "page" not in item:
            item["title"] += rest.group(1)
            return


# a title in single quotes run on past its closing quote into the book it is in: "‘Appraising
# the Legacy of Bandung: The View from India’ in Seng Tan and …", "'The biolinguistic program
# and historical reconstruction', in Anna Maria Di Sciullo …"
_QUOTE_CLOSED_BEFORE_IN = re.compile(r"[’'],?\s+[Ii]n:?\s")


# after it, the book's author (the chapter's own, no editor) and the book, in Harvard's form:
# "‘A global sense of place’, in Massey, D. Space, place and gender"
_IN_THE_AUTHORS_BOOK = re.compile(r"(?:[A-Z][\w'’-]+,\s(?:[A-Z]\.\s?){1,3}(?:,|\sand|\s&)?\s?)"
                                  r"{1,6}(?P<book>[A-Z][^.()]{2,200})")


def _single_quoted_title(item: dict[str, Any], text: str) -> None:
    """A title opened by a single quote ends at the quote closing it before "in"; the book
    after the names there, whose author wrote the chapter, is its container."""
    title = item.get("title", "")
    at = text.find(title) if title else -1
    closed = _QUOTE_CLOSED_BEFORE_IN.search(title)
    if at > 0 and text[at - 1] in "‘'" and closed:
        item["title"] = title[:closed.start()]
        book = _IN_THE_AUTHORS_BOOK.fullmatch(title, closed.end())
        if book and not item.get("container-title"):
            item["container-title"] = book["book"].strip()


# APA's description of a work after its title, no part of it: "… in China [Preprint]. SSRN."
_DESCRIPTION_AT_END = re.compile(
    r"\s*\[(?:Preprint|Data set|Dataset|Computer software|Software|Video|Audio podcast|"
    r"Podcast|Tweet|Conference presentation|Conference session|Poster presentation|"
    r"Doctoral dissertation|Master's thesis|dissertation|thesis|Abstract|Editorial|"
    r"Letter to the editor|Fact sheet|"
    r"Policy brief|Infographic|Press release|Blog post|Lecture notes)(?:[,;][^\[\]]*)?\]$|"
    # (a report's kind after a comma, as a numbered style abbreviates it: "…, Tech. rep.")
    r",\s(?:Tech(?:nical)?\.?\s+[Rr]ep(?:ort)?\.?|Technical\s+report)$",
    re.I)


# software and data as APA cites them: the title, its version in brackets, what it is in
# square ones ("(2023). Ultralytics YOLOv8 (Version 8.0.0) [Computer software]."), or a
# release's number in the title ("scipy/scipy: SciPy 1.11.1 (v1.11.1). Zenodo.")
_SOFTWARE_TITLE = re.compile(
    r"\((?:1[5-9]|20)\d\d[a-z]?\)\.\s(?P<title>[^()\[\]]{2,200}?)(?:\s\((?:Version|v)\s?[\w.-]+\))?"
    r"\s\[(?:Computer software|Software|Computer program|Data ?set|Source code)\]", re.I)
_VERSION_GOES_ON = re.compile(r"(?:\.\d+)+(?:\s\((?:v|Version\s)[\d.]+\))?")


def _software_title(item: dict[str, Any], text: str) -> None:
    """The title of software or data cited with its version: found where the tagger found
    none, or carried on past a version's full stops, where it cut it at the first."""
    found = _SOFTWARE_TITLE.search(text) if not item.get("title") else None
    if found:
        item["title"] = found["title"].strip()
        if item["title"].startswith(item.get("container-title") or "\0"):
            del item["container-title"]  # (the title's words the tagger read as a journal)
        return
    end = _title_end(item, text)
    if end > 0 and re.search(r"\s[A-Za-z]*\d+$", item.get("title", "")):
        more = _VERSION_GOES_ON.match(text, end)
        if more and re.match(r"\.\s|\.?$", text[more.end():]):
            item["title"] += more.group(0)


# a periodical's name after a title that asks, run into it: "Can we get better at forgetting?
# The New York Times." (a question ends a title as often as a subtitle follows one: only a
# name that ends as periodicals' do)
_PERIODICAL_AFTER_A_QUESTION = re.compile(
    r"^(?P<title>.{3,300}?[?!])\s+(?P<periodical>(?:The\s)?(?!A\s|An\s)(?:[A-Z][\w.&'’-]*\s){0,4}"
    r"(?:Times|Post|News|Guardian|Herald|Tribune|Magazine|Economist|Atlantic|Chronicle|Gazette|"
    r"Telegraph|Observer|Independent))$")


def _periodical_after_a_question(item: dict[str, Any]) -> None:
    """The periodical a question-ending title was run into, where no container was read."""
    found = _PERIODICAL_AFTER_A_QUESTION.match(item.get("title", ""))
    if found and not item.get("container-title"):
        item["title"] = found["title"]
        item["container-title"] = found["periodical"]


# a title in quotation marks with its translation in brackets after them: "“Hanguk sahoe ui
# sodeuk bulpyeongdeung” [Income inequality in Korean society]"
_QUOTED_THEN_TRANSLATED = re.compile(r"^[“\"](?P<title>[^“”\"]{2,300})[”\"]\s*"
                                     r"(?P<translation>\[[^\[\]]{2,300}\])$")


def _quotes_around_a_translated_title(item: dict[str, Any]) -> None:
    """The title without the quotation marks, its translation kept after it, as a title
    printed without them keeps it."""
    found = _QUOTED_THEN_TRANSLATED.match(item.get("title", ""))
    if found:
        item["title"] = f"{found['title'].strip()} {found['translation']}"


def _description_ending_a_title(item: dict[str, Any]) -> None:
    """The title without APA's bracketed description of the work."""
    title = item.get("title", "")
    found = _DESCRIPTION_AT_END.search(title)
    if found and found.start() > 0:
        item["title"] = title[:found.start()]


# a mathematician's preprint, the kind and its year after the title, its e-print's number
# after them: "Sharp bounds for the first Steklov eigenvalue, preprint (2022), arXiv:2203.04511"
_PREPRINT_AND_ITS_YEAR = re.compile(r",\s*(?:a\s+)?preprint,?\s*\(?(?P<year>(?:19|20)\d\d)\)?$",
                                    re.I)


def _preprint_and_its_year(item: dict[str, Any]) -> None:
    """The title without them, and the year theirs where the tagger found none."""
    title = item.get("title", "")
    found = _PREPRINT_AND_ITS_YEAR.search(title)
    if found and found.start() > 0:
        item["title"] = title[:found.start()]
        item.setdefault("issued", {"date-parts": [[int(found["year"])]]})


# a chapter's title that ends with its own "?" or "!", run on into the "In:" before its book
# ("Jenseits von Stand und Klasse? In: Beck, Ulrich; Beck-Gernsheim, Elisabeth (Hrsg.)")
_IN_AFTER_A_QUESTION = re.compile(r"(?<=[?!])\s+[Ii]n:\s+(?=[A-Z])")


def _book_run_into_a_question(item: dict[str, Any]) -> None:
    """The title without the "In:" and what follows it, where a question ended it."""
    title = item.get("title", "")
    found = _IN_AFTER_A_QUESTION.search(title)
    if found:
        item["title"] = title[:found.start()]


# the sentence before a chapter's "In" or "In:" (after its year's bracket, or a full stop):
# its title
_TITLE_BEFORE_IN = re.compile(r"(?:\)\s*[:.]|[^\W\d_]{2}\.)\s+(?P<title>[^\s.][^.]{0,200}?)"
                              r"[.?!]\s+[Ii]n:?\s+")


def _chapter_title_read_as_its_book(item: dict[str, Any], text: str) -> None:
    """A chapter's title, where the tagger read the book it is in, named after "In" or "In:"
    and its editors, as the title too ("Elias, Norbert (1986): Figuration. In: Schäfers,
    Bernhard (Hg.): Grundbegriffe der Soziologie."): the sentence before the "In"."""
    title = item.get("title")
    if not title or title != item.get("container-title"):
        return
    for found in _TITLE_BEFORE_IN.finditer(text):
        if found.group("title") != title and text.find(title, found.end()) >= 0:
            item["title"] = found.group("title").strip()
            return


# APA's report number after a report's title, no part of it: "(NBER Working Paper No.
# 30292)", "(NCES 2016-144)", "(Report No. 12)"; not a bracket a title ends with ("(COVID-19)")
# (read in the brackets alone, found first: a pattern over the rest of the text backtracked
# over every "Working Paper" in it; an acronym then a number, "NCES 2016-144", not a range of
# years, "GAP 2013-2020")
_REPORT_NUMBER = re.compile(
    rf"[^()]*\b{_NUMBERED_PAPER}s?\b[^()]*\d[^()]*|"
    r"[^()]*\b(?:Report|Paper|Publication|Series|Brief)\s+No\.\s*\S[^()]*|"
    r"[A-Z]{2,}[A-Za-z]*\s+\d{2,4}[-–/]\d+[A-Za-z]?")
_YEARS = re.compile(r"(?:1[5-9]|20)\d\d\s*[-–]\s*(?:1[5-9]|20)\d\d\b")  # (not "2022/15")


# a year opening a Vancouver title, after the names' full stop ("…, et al. 2021 ESC Guidelines
# for the diagnosis… Eur Heart J. 2021;42(36):3599"), the year of publication printed after
# the journal as Vancouver prints it
_YEAR_BEFORE_THE_TITLE = re.compile(r"(?:\.|et al\.?)\s+(?P<year>(?:19|20)\d\d)"
                                    r"(?P<words>(?:\s+[A-Z][A-Z/-]*){0,3})\s+$")


def _year_opening_a_vancouver_title(item: dict[str, Any], text: str) -> None:
    """A year the tagger took from a Vancouver title's opening is the title's, where the
    year of publication stands after the journal."""
    title = item.get("title", "")
    end = _title_end(item, text)
    before = _YEAR_BEFORE_THE_TITLE.search(text, 0, end - len(title)) if end > 0 else None
    if before and re.search(rf"\.\s+{before['year']}(?:\s+{_MONTH_WORD}\b[^;:]{{0,12}})?\s*[;:]",
                            text[end:]):
        item["title"] = f"{before['year']}{before['words']} {title}"  # ("2021 ESC Guidelines")


def _percent_ending_a_title(item: dict[str, Any], text: str) -> None:
    """A title ending in a percentage keeps its sign: "…growth target at around 5%."."""
    end = _title_end(item, text)
    if end > 0 and text.startswith("%", end) and item["title"][-1:].isdigit():
        item["title"] += "%"


def _report_number_ending_a_title(item: dict[str, Any], text: str) -> None:
    """A report's title without its number in brackets, whole or cut by the tagger inside
    it ("… works out (NBER Working Paper No")."""
    title = item.get("title", "")
    at = text.find(title) if title else -1
    opened = title.rfind("(")
    if at < 0 or opened <= 0:
        return
    kept = title[:opened].rstrip()
    bracket = text.find("(", at + len(kept))
    close = text.find(")", bracket) if bracket >= 0 else -1
    inner = text[bracket + 1:close] if 0 <= close - bracket <= 80 else ""
    if inner and close >= at + len(title) - 1 and not text[at + len(kept):bracket].strip() \
            and _REPORT_NUMBER.fullmatch(inner) and not _YEARS.search(inner):
        item["title"] = kept


# Harvard's date of a news story or a web page, after its quoted title: "Reuters (2024)
# 'China's exports beat forecasts', 7 March. Available at: …"
_DATE_AFTER_ITS_QUOTE = re.compile(rf"['’],\s*\d{{1,2}}\s+{_MONTH_WORD}\.?$")


def _date_after_a_quoted_title(item: dict[str, Any], text: str) -> None:
    """A title in single quotes ends at its closing quote, before the day and month the
    tagger read into it."""
    title = item.get("title", "")
    at = _title_end(item, text) - len(title)
    found = _DATE_AFTER_ITS_QUOTE.search(title) if at > 0 and text[at - 1] in "'‘" else None
    if found:
        item["title"] = title[:found.start()]


# French and Italian elision at a title's end: "… au siècle d’Or", "… dell’Arte"
_ELISION_AT_END = re.compile(
    r"(?:^|\s)(?:[dDlLjJmMnNsStTcC]|[qQ]u|[dD]ell|[nN]ell|[aA]ll|[sS]ull)$")
_ELIDED_WORD = re.compile(r"['’]\w+")


# a title's last words, a country as its code, which the tagger reads as initials: "…
# patients in London, UK. BMJ open 12"
_COUNTRY_CODE = re.compile(r",\s+(?:UK|USA|US|PRC|UAE|DRC|ROK|DPRK)(?=\.)")


def _country_ending_a_title(item: dict[str, Any], text: str) -> None:
    end = _title_end(item, text)
    code = _COUNTRY_CODE.match(text, end) if end >= 0 else None
    if code:
        item["title"] += code.group(0)


# IEEE's book: its place a city, its state's code and the country ("New York, NY, USA:
# Springer, 2014."), after the title's full stop, the city of which the tagger ran into it
_IEEE_IMPRINT = re.compile(r"\.\s+(?P<place>(?P<city>[A-Z][\w'-]*(?:\s[A-Z][\w'-]*){0,3}),\s*"
                           r"[A-Z]{2}(?:,\s*(?:USA|U\.S\.A\.))?)\s*:\s*(?P<publisher>[^,:;]+?),\s*"
                           r"(?:19|20)\d\d\.?$")


def _ieee_city_ending_a_title(item: dict[str, Any], text: str) -> None:
    """The title without that city, and the place and publisher the imprint's."""
    title = item.get("title", "")
    found = _IEEE_IMPRINT.search(text)
    if not found or not title.endswith(f". {found['city']}") or \
            f"{title}, " not in text[:found.end()]:
        return
    item["title"] = title[:-len(found["city"]) - 2]
    item.setdefault("publisher-place", found["place"])
    item.setdefault("publisher", found["publisher"].strip())


# Nature's chapter cited by its book alone, "in" before it and the editors after it: "Kovacs,
# P. & Ruiz, A. in Advances in Quantum Materials (eds Hall, R. & Ng, T.) 211-245 (Elsevier,
# 2017)."
_IN_BEFORE_THE_BOOK = re.compile(r"^in\s+(?=[A-Z])")


# (or glued to the first name, as a PDF's text may have it: "( edsBernevig")
_EDITORS_IN_BRACKETS = re.compile(r"\s*\(\s?(?:[Ee]ds?[.\s]|eds(?=[A-Z]))")  # (not "(EdD")


def _in_opening_a_book_title(item: dict[str, Any], text: str) -> None:
    """The book's title without that "in", where its editors follow it."""
    title = item.get("title", "")
    found = _IN_BEFORE_THE_BOOK.match(title)
    at = text.find(title) if found else -1
    if at >= 0 and _EDITORS_IN_BRACKETS.match(text, at + len(title)):
        item["title"] = title[found.end():]


# a German chapter's book after its editors, given name first and slashed: "Frömmigkeit und
# Alltag. In: Peter Lang/Sabine Wolf (Hg.): Religion im Mittelalter. Stuttgart: Steiner 2010"
_IN_EDITORS_HG = re.compile(r"\.\s+In:\s+(?P<editors>[^():.]+?)\s*\((?:Hg|Hgg|Hrsg|eds?)\.\)\s*:\s*"
                            r"(?P<book>[^.]+)")


def _german_chapter_in_its_title(item: dict[str, Any]) -> None:
    """The chapter's title before its "In:", and the book its container."""
    title = item.get("title", "")
    found = _IN_EDITORS_HG.search(title)
    if found is None or found.start() == 0:
        return
    item["title"] = title[:found.start()]
    item.setdefault("container-title", found["book"].strip())
    editors = split_authors("; ".join(found["editors"].split("/")))
    if editors and "editor" not in item:
        item["editor"] = editors


# MLA's review: "Delgado, Lucia. Rev. of Borderland Saints, by Tomás Herrera. Hispanic Review
# 84.2 (2016): 231–233." (the title is the review's, the journal what follows it)
_MLA_REVIEW = re.compile(r"(?:^|[.?!]\s+)(?P<title>(?:Rev\.|Review) of [^.]+?, by [^.]+?)\.\s+"
                         r"(?P<journal>[A-Z][^.():]*?)\s+\d+(?:\.\d+)?\s+\((?:19|20)\d\d\)")


def _mla_review(item: dict[str, Any], text: str) -> None:
    """The review's title, "Rev. of" and all, and the journal after it (the tagger read the
    reviewed book's author as the title and "Rev. of …" as the journal)."""
    found = _MLA_REVIEW.search(text)
    if found:
        item["title"], item["container-title"] = found["title"], found["journal"].strip()


_PLACE_BEFORE_A_CONTAINER = re.compile(rf"({_PLACE_NAME.pattern})\.\s+(?=[A-Z])")


def _place_ending_a_title(item: dict[str, Any], text: str) -> None:
    title, container = item.get("title", ""), item.get("container-title", "")
    place = _PLACE_BEFORE_A_CONTAINER.match(container) if title and container else None
    if place and _is_a_place(place.group(1), container[place.end():], text) and \
            re.search(re.escape(title) + r",\s" + re.escape(container), text):
        item["title"] = f"{title}, {place.group(1)}"
        item["container-title"] = container[place.end():]


_THESIS_NOTE = re.compile(
    rf"\s*(?:\(\s*{_THESIS_KIND}(?:,[^()]*)?\)|\[\s*{_THESIS_KIND}(?:,[^\[\]]*)?\]|"
    rf"[.,]\s*(?:{_THESIS_KIND}|th[èe]se(?:\s+de\s+doctorat)?|tesis(?:\s+doctoral)?|"
    # (its field after it: "thèse de doctorat en histoire", "tesis doctoral en sociología")
    rf"doktorarbeit|dissertation|diss\.)(?:\s(?:en|in|d['’]|de)\s?[^\W\d][^,.()]{{1,40}})?)$",
    re.I)


_A_UNIVERSITY = re.compile(r"\b(?:Universit\w*|Univ\.|[ÉE]cole|College|Institut\w*|Hochschule|"
                           r"Universidad|Universidade)\b")


def _title_cut_at(item: dict[str, Any], pattern: re.Pattern[str], trail: str = ""
                  ) -> re.Match[str] | None:
    """Cut the title where ``pattern`` (which ends it: a note, a number, a role) begins in
    it, after some of it, and ``trail`` after that; the match, when it cut."""
    title = item.get("title", "")
    found = pattern.search(title) if title else None
    if not found or found.start() == 0:
        return None
    item["title"] = title[:found.start()].rstrip(trail)
    return found


# a report's kind, "(in press)" before a title, a publisher after it: "… programming.
# Technical report, Computer Science Department …", "Blikstein, P. (in press) Physical
# computing …", "B. K. P. Horn. Robot Vision. MIT Press, Cambridge, MA, 1986."
_REPORT_NOTE = re.compile(r"[.,]\s*(?:technical|tech\.)\s+(?:report|memo(?:randum)?)$", re.I)
_IN_PRESS_OPENING = re.compile(r"(?:\(?in\spress\)[.,]?|in\spress[.,])\s", re.I)
_PUBLISHER_AT_END = re.compile(r"\.\s(?P<publisher>(?:[A-Z][\w&'’.-]*\s){0,4}(?:Press|Publishers?|"
                               r"Publishing|Verlag|Books))$")
# GB/T 7714-1987's kind of work in tortoise-shell brackets after the title, where 2015 has its
# code: "…反演方法研究：〔学位论文〕", "…solid oxygen：〔dissertation〕"
# (its closing bracket perhaps cut by the tagger)
_KIND_IN_SHELL_BRACKETS = re.compile(r"\s?[:：]?\s?〔[^〔〕]{1,16}〕?\s?$")


def _thesis_note_ending_a_title(item: dict[str, Any], text: str) -> None:
    """The kind of thesis or report printed after its title is no part of the title, nor
    its publisher, nor "in press" printed before it, nor GB/T 7714-1987's kind of work in
    〔〕."""
    if _title_cut_at(item, _THESIS_NOTE, " .,") and \
            _A_UNIVERSITY.search(item.get("container-title", "")):
        item.setdefault("publisher", item.pop("container-title"))  # the thesis's university,
        # no journal: "…, thèse de doctorat en histoire, Université Paris 1, 2014."
    _title_cut_at(item, _REPORT_NOTE, " .,")
    title = item.get("title", "")
    opening = _IN_PRESS_OPENING.match(title)
    if opening and len(title) > opening.end() + 3:
        item["title"] = title = title[opening.end():]
    publisher = _PUBLISHER_AT_END.search(title)
    at = text.find(title) if publisher else -1
    if publisher and publisher.start() > 0 and at >= 0 and re.match(
            r",\s(?:[A-Z]|(?:1[5-9]|20)\d\d)", text[at + len(title):]):  # its place or year
        item["title"] = title[:publisher.start()]
        item.setdefault("publisher", publisher.group("publisher"))
    _title_cut_at(item, _KIND_IN_SHELL_BRACKETS)  # GB/T 7714-1987's "：〔学位论文〕"


# an official document's number after its title (GB/T 7714 §8.1.1, other title information):
# "中国制造2025: 国发〔2015〕28号", "…的通知: 京政办发［2005］37 号"
_DOCUMENT_NUMBER = re.compile(r"\s*[:：]\s*[\u4e00-\u9fff]{1,10}\s*[〔［\[【(（]\s*"
                              r"(?:1[5-9]|20)\d\d\s*[〕］\]】)）]\s*(?:第\s*)?\d{1,5}\s*号$")


def _document_number_ending_a_title(item: dict[str, Any]) -> None:
    """An official document's number printed after its title is no part of the title."""
    if "号" in item.get("title", ""):
        _title_cut_at(item, _DOCUMENT_NUMBER)


# APA's date of a newspaper's or magazine's article, "(2018, March 17)", "(2020, Spring)"
_DAY_DATE = re.compile(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?\s*\)")
# ... and the periodical's name alone after the title, perhaps before the article's address
_LAST_NAME = re.compile(r"\.\s+([A-Z][^.()\[\]]{1,60}?)\.?(?:\s+https?://\S+)?\s*$")


# a periodical's name: capitalised words, the small ones between them aside ("The New York
# Times", "BBC News"); no comma, no digit ("Speech presented in Washington, DC", "Retrieved
# March 12, 2020, from", "Unpublished manuscript", a thesis's note are none)
_PERIODICAL = re.compile(r"(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|the|and|for|in|"
                         r"on|at|&|de|la|le|der|die|das))*")
_NOT_A_PERIODICAL = re.compile(r"(?:Retrieved|Available|Accessed|Unpublished|Speech|Paper|Poster|"
                               r"Presentation|Author|Master|Doctoral|PhD|Ph\.D|Thesis|"
                               r"Dissertation)\b", re.I)


def _periodical_after_a_dated_title(item: dict[str, Any], text: str) -> None:
    """APA's newspaper article: "(2018, March 17). Revealed: … data breach. The Guardian." —
    a name alone after the title of a work dated to its day is the periodical (a book's
    publisher stands there too, but a book is dated by its year)."""
    if item.get("container-title") or not _DAY_DATE.search(text):
        return
    end = _title_end(item, text)
    name = _LAST_NAME.fullmatch(text, end) if end > 0 else None
    if name and _PERIODICAL.fullmatch(name.group(1).strip()) \
            and not _NOT_A_PERIODICAL.match(name.group(1)):
        item["container-title"] = name.group(1).strip()


def _year_ending_a_title(item: dict[str, Any], text: str) -> None:
    """A year run on from the title's last word, with no mark between them, is the title's
    ("Journal meiner Reise im Jahre 1769. In Sturm und Drang … 1972"), where another year
    follows it: that one is the year of publication."""
    end = _title_end(item, text)
    glued = _GLUED_YEAR.match(text, end) if end > 0 and text[end - 1].isalpha() else None
    later = _YEAR.search(text, glued.end()) if glued else None
    if glued and later:
        item["title"] += glued.group(0)
        item["issued"] = {"date-parts": [[int(later.group(1))]]}


# the year standing alone after a title's full stop, as MLA prints a thesis's ("… French
# Theatre in Algiers, 1880–1930. 2015. Columbia U, PhD dissertation."): the years in the
# title put the tagger off, and it read the year into the title
_YEAR_AFTER_THE_TITLES_STOP = re.compile(r"(?<=\w)\.\s+((?:1[5-9]|20)\d\d)$")


def _year_read_into_the_title(item: dict[str, Any]) -> None:
    """Such a year, where the reference was given no other, is the year of the work."""
    title = str(item.get("title") or "")
    found = _YEAR_AFTER_THE_TITLES_STOP.search(title)
    if found is None or "issued" in item:
        return
    item["title"] = title[:found.start()]
    item["issued"] = {"date-parts": [[int(found.group(1))]]}


# what APA prints after the year in brackets: the work's title, to its full stop ("World
# Health Organization. (2020). Coronavirus disease 2019 (COVID-19): Situation report, 51.
# WHO.")
_TITLE_AFTER_APAS_YEAR = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?(?:,\s[^()]{1,30})?\)\.\s+"
                                    r"(?P<title>[^\s.][^.]{2,300}?)(?:\.\s|\.?$)")


def _title_after_apas_year(item: dict[str, Any], text: str) -> None:
    """That title, where the tagger read no title and no container at all (a report's
    title with a number and a date in it put it off): a reference with none is no help."""
    if item.get("title") or item.get("container-title"):
        return
    found = _TITLE_AFTER_APAS_YEAR.search(text)
    if found:
        item["title"] = found["title"].strip()


def _elided_word_ending_a_title(item: dict[str, Any], text: str) -> None:
    """A title ends with the word its last elided article belongs to, not with the article
    ("La Versification du théâtre espagnol au siècle d’Or", not "… siècle d")."""
    end = _title_end(item, text) if _ELISION_AT_END.search(item.get("title", "")) else -1
    word = _ELIDED_WORD.match(text, end) if end >= 0 else None
    if word:
        item["title"] += word.group(0)


# a title cut at its first letter of a dotted abbreviation: "Voyages of the H" of "Voyages of
# the H.M.S. Beagle revisited." (the rest of the abbreviation, then the title's words to its
# full stop)
_CUT_AT_AN_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z]|Dr|Mr|Mrs|Ms|St|Mt|vs)$")
_REST_OF_THE_ABBREVIATION = r"\.\s+[A-Za-z][^.?!()\[\]]{0,200}?[?!]?(?=\.\s|\.?$|(?<=[?!])\s)"
# (after a letter, the abbreviation's other letters: "Vitamin D. Nutrients." ends at its D;
# after "Dr", "St", the name it is the title of: "Reading Dr. Seuss in the classroom")
_REST_AFTER_A_LETTER = re.compile(r"(?:\.[A-Z]){1,4}" + _REST_OF_THE_ABBREVIATION)
_REST_AFTER_A_WORD = re.compile(_REST_OF_THE_ABBREVIATION)


def _abbreviation_cutting_a_title(item: dict[str, Any], text: str) -> None:
    """The rest of a title the tagger cut inside an abbreviation (H.M.S., U.S., D.C.) or
    after a title of address (Dr., Mrs., St.), and the journal it ran that rest into."""
    title = item.get("title", "")
    cut = _CUT_AT_AN_ABBREVIATION.search(title)
    end = _title_end(item, text) if cut else -1
    form = _REST_AFTER_A_LETTER if cut and len(cut.group(0)) == 1 else _REST_AFTER_A_WORD
    rest = form.match(text, end) if end > 0 else None
    if rest is None:
        return
    container = item.get("container-title", "")
    words = rest.group(0).split(None, 1)[-1].strip() + ". "
    ran_on = container.startswith(words) and len(container) > len(words)
    # (a title that ends with its abbreviation, "Health care in the U.S. JAMA.", "… Wall St.
    # Financial History, 110", "… 42nd St. New York: Norton": what follows is the journal
    # or the imprint, its numbers or a colon in it)
    if re.search(r"[\d:]", words) or not (ran_on or re.search(r"\s[a-z]", " " + words)):
        return
    item["title"] = title + rest.group(0)
    if ran_on:
        item["container-title"] = container[len(words):]


# a title opening with a title of address, which the tagger left before it: "Mr. Darwin's
# shooter", "Dr. Strangelove" (after the date's or the names' full stop); or with a name's
# initials, after the date ("(2013). J.R.R. Tolkien and the Great War.": after names, they
# would be the last author's)
_ADDRESS_BEFORE = re.compile(r"(?:[.)]\s+|^)(?P<word>(?:Mr|Mrs|Ms|Dr|St|Mt)\.\s)$|"
                             r"(?:(?:1[5-9]|20)\d\d[a-z]?\)?\.\s+)(?P<initials>(?:[A-Z]\.\s?){2,4})$")


def _address_opening_a_title(item: dict[str, Any], text: str) -> None:
    """The title of address, or the initials of a name, a title opens with."""
    title = item.get("title", "")
    at = text.find(title) if title else -1
    found = _ADDRESS_BEFORE.search(text, 0, at) if at > 0 else None
    if found:
        item["title"] = (found["word"] or found["initials"]) + title


# APA's report in a numbered series, its volume (and number) in brackets after the title, a
# year perhaps ending the title: "HIV surveillance report, 2021 (Vol. 34)."
_VOLUME_AFTER_A_TITLE = re.compile(r"(?P<more>,\s(?:1[5-9]|20)\d\d)?\s\([Vv]ol\.\s?"
                                   r"(?P<volume>\d{1,4})(?:,\s?[Nn]o\.\s?(?P<issue>\d{1,4}))?\)\.")


def _volume_after_a_title(item: dict[str, Any], text: str) -> None:
    """That volume and number, and the year the tagger cut from the title."""
    end = _title_end(item, text)
    found = _VOLUME_AFTER_A_TITLE.match(text, end) if end > 0 else None
    if found is None or item.get("volume") not in (None, found["volume"]):
        return
    item["title"] += found["more"] or ""
    item["volume"] = found["volume"]
    if found["issue"]:
        item.setdefault("issue", found["issue"])


# a book's volume, a sentence of its own after the title, as Chicago and MLA print it: "A
# History of the Mediterranean World. Vol. 2. Paris: Armand Colin, 1972." (perhaps after
# its editors or translator: "… Sociology. Edited by Guenther Roth and Claus Wittich. Vol. 2.")
_BOOKS_VOLUME = re.compile(
    rf"(?:[.?!]?\s+(?:Edited|Translated)\s+by\s+{_NAMES_TO_THEIR_STOP}\.)?"
    r"[.?!]?\s+Vol\.\s*(?P<volume>\d{1,3}|[IVXLC]{1,6})\.\s+(?=[A-Z])")


# ... or between commas, after a book's title or the book a chapter is in: "Histoire des
# fêtes villageoises en Lorraine, t. 2, Paris, Armand Colin, 1979.", "In The Cambridge
# History of Quakerism, vol. 2, edited by Rosemary Hale, 301–322."
_BOOKS_VOLUME_BETWEEN_COMMAS = re.compile(
    r",\s+(?:[Tt]\.|[Vv]ol\.|[Tt]ome|Bd\.)\s?(?P<volume>\d{1,3}|[IVXLC]{1,6}),\s+"
    r"(?=[A-Z]|edited\b|ed\.|trans\.|translated\b)")


def _books_volume(item: dict[str, Any], text: str) -> None:
    """That volume, where the tagger found none (or took it, and what follows it, for a
    journal: "1. Trans. Siân Reynolds")."""
    if item.get("volume"):
        return
    end = _title_end(item, text)
    found = _BOOKS_VOLUME.match(text, end) if end > 0 else None
    if found is None:
        book = item.get("container-title") or ""
        at = text.find(book) if book else -1
        for after in (end, at + len(book) if at >= 0 else -1):
            found = _BOOKS_VOLUME_BETWEEN_COMMAS.match(text, after) if after > 0 else None
            if found:
                break
    if found is None:
        return
    item["volume"] = found["volume"]
    if str(item.get("container-title", "")).startswith(f"{found['volume']}. "):
        del item["container-title"]


# ... and APA's, in the bracket after the title, with its edition perhaps: "Handbook of child
# psychology and developmental science (7th ed., Vol. 1). Wiley."
_APA_BOOKS_VOLUME = re.compile(r"\s*\((?:\d{1,2}(?:st|nd|rd|th)\s+ed\.,\s*)?Vol\.\s*"
                               r"(?P<volume>\d{1,3})\)\.\s")


def _apa_books_volume(item: dict[str, Any], text: str) -> None:
    """That volume, where the tagger read it as the issue, or not at all."""
    end = _title_end(item, text)
    found = _APA_BOOKS_VOLUME.match(text, end) if end > 0 and not item.get("volume") else None
    if found is None:
        return
    item["volume"] = found["volume"]
    if item.get("issue") == found["volume"]:
        del item["issue"]


# a book's series and its number after the title, between commas, as numbered styles print
# them: "R. Hartshorne, Algebraic Geometry, Graduate Texts in Mathematics, No. 52,
# Springer-Verlag, …, 1977."
_SERIES_ENDING_A_TITLE = re.compile(
    r",\s(?P<series>[A-Z][\w'’ -]*\b(?:Texts|Notes|Series|Studies|Monographs|Lectures|"
    r"Library|Classics)\s(?:in|of|on)\s[A-Z][\w'’ -]*)$")
_SERIES_NUMBER = re.compile(r",\s(?:No|no|Vol|vol)\.\s?\d{1,4},\s")


def _series_ending_a_title(item: dict[str, Any], text: str) -> None:
    """The title without such a series, where its number follows it in the text."""
    title = item.get("title", "")
    found = _SERIES_ENDING_A_TITLE.search(title)
    at = text.find(title) if found else -1
    if found and at >= 0 and _SERIES_NUMBER.match(text, at + len(title)):
        item["title"] = title[:found.start()]


def _title_ends_at_its_quote(item: dict[str, Any], text: str) -> None:
    """A title opened by a quotation mark ends at its closing mark: "« Egalité et
    diversité », Travail, genre et société, 2009" is a title and its journal, which the
    tagger read as one title."""
    title = item.get("title", "")
    at = text.find(title) if title else -1
    opener = text[:at].rstrip()[-1:] if at > 0 else ""
    closer = _QUOTE_OPENERS.get(opener) if opener in "«“\"" else None
    end = title.find(closer) if closer and closer not in title[:1] else -1
    if end <= 0 or opener in title or not re.match(r"\s*,\s*\S", title[end + 1:]):
        return  # "“Be like” et al.: Beyond America…": a quotation the title opens with
    rest = title[end + 1:].strip(" ,.;:")
    item["title"] = title[:end].rstrip()
    if rest and "container-title" not in item:
        item["container-title"] = rest


# A quotation ending a title (the title not in quotes itself): 'The Reversal Curse: LLMs
# trained on "A is B" fail to learn "B is A".', 'Why "more" is "less".' The tagger left the
# closing mark, or the whole last quotation, outside the title; or cut the title short
# mid-sentence before its quotations (the words up to its last, none a number), the last
# ending the title's sentence: a quotation followed by a comma is a quoted journal or book
# ('The new economy "Journal of Economics", 3: 1-5'), none of the title
def _quotation_after(opener: str, closer: str) -> re.Pattern[str]:
    marks = opener if opener == closer else opener + closer
    return re.compile(rf"(?:\s+(?:{opener}[^{marks}\n]{{1,80}}{closer}|[^\s{marks}\d.,;:()\[\]]+))"
                      rf"{{0,12}}?\s+{opener}(?P<last>[^{marks}\n]{{1,80}}){closer}"
                      r"(?=\s*[.?!]+(?:\s|$)|\s*$)")


# each opening mark → its closing mark, and the quotation after a title it opens
_QUOTATIONS = {opener: (closer, _quotation_after(opener, closer))
               for opener, closer in (('"', '"'), ("“", "”"))}


def _quotation_ending_a_title(item: dict[str, Any], text: str) -> None:
    """A title's last quotation is the title's: its closing mark where the title holds its
    opening one unclosed, or, after a title whose own are closed that the tagger ended
    mid-sentence (a space follows it, not its full stop), the words up to its last quotation
    and that quotation."""
    title = item.get("title", "")
    end = _title_end(item, text)
    if end < 0 or end - len(title) > 0 and text[end - len(title) - 1] in "\"“«‘'":
        return  # a title in quotes itself: its marks are no quotation in it
    for opener, (closer, after) in _QUOTATIONS.items():
        unclosed = title.count(opener) - (title.count(closer) if closer != opener else 0)
        if (unclosed % 2 if closer == opener else unclosed) > 0:
            if text.startswith(closer, end):
                item["title"] = title + closer
            return
        quotation = after.match(text, end)
        if quotation and quotation["last"].strip(" .,") != item.get("container-title"):
            item["title"] = title + quotation.group(0)
            return


def _quotation_opening_a_title(item: dict[str, Any], text: str) -> None:
    """A quotation the title opens with keeps its opening mark, which the marks around a
    quoted title are dropped with: '"Mini-mental state". A practical method for …', "“新基础
    教育”论: 关于…" (the mark printed right before the title, and its closing one inside it,
    unmatched, before the title's end)."""
    title = item.get("title", "")
    at = _title_end(item, text) - len(title)
    if at <= 0 or not title:
        return
    opener = text[at - 1]
    closer = {'"': '"', "“": "”", "«": "»", "「": "」", "『": "』"}.get(opener)
    if closer is None or closer not in title.rstrip(closer) or \
            re.match(r"[.,;:]?\s*" + re.escape(closer), text[at + len(title):]):
        return  # the mark before it opens the whole title ('"Reliability of 3.5" disks."')
    # (a straight quote after a digit is an inch mark: '3.5" floppy disks')
    marks = re.sub(r'(?<=\d)"', "", title) if closer == '"' else title
    unclosed = marks.count(closer) % 2 if closer == opener else \
        marks.count(closer) - marks.count(opener)
    if unclosed > 0:
        item["title"] = opener + title


# a quotation in single marks inside a title in double ones (Chicago's and MLA's "'Reform and
# Openness': Why…", "Notes on 'Camp.'"): its closing mark not an apostrophe ("China's")
_INNER_CLOSER = {"'": re.compile(r"'(?![^\W\d_])"), "‘": re.compile("’")}
_INNER_OPENED = re.compile(r"(?:^|\s)(?P<mark>['‘])[^\W\d_][^'‘’]*$")
_INNER_THEN_OUTER = re.compile(r"[.,;:?!]?(?P<mark>['’])[\"”]")


# a title in single quotation marks (British) cut at the double ones of a quotation inside it:
# "‘The Roman and the Foreign: The Cult of the “Great Mother” in Imperial Rome’, in …"
_REST_OF_A_SINGLE_QUOTED_TITLE = re.compile(r"”(?P<rest>[^‘’“”]{0,200})’")


def _double_quotation_inside_a_single_quoted_title(item: dict[str, Any], text: str) -> None:
    """The whole title in single quotation marks, where the tagger stopped at the end of a
    quotation in double ones inside it."""
    title = item.get("title", "")
    end = _title_end(item, text)
    at = end - len(title)
    if end < 0 or at < 1 or text[at - 1] != "‘" or title.count("“") != title.count("”") + 1:
        return
    rest = _REST_OF_A_SINGLE_QUOTED_TITLE.match(text, end)
    if rest:
        item["title"] = title + "”" + rest["rest"]


# a title in guillemets or double quotation marks, whole: "«Spie. Radici di un paradigma
# indiziario», in A. Gargani (a cura di), …"
_IN_QUOTES = re.compile(r"[«“\"](?P<inside>[^«»“”\"]{3,400})[»”\"]")


def _quoted_title_cut_at_its_full_stop(item: dict[str, Any], text: str) -> None:
    """The whole of a title in quotation marks where the tagger began it after a full stop
    inside them ("Radici di un paradigma indiziario" of "«Spie. Radici …»")."""
    title = str(item.get("title") or "")
    if len(title) < 3:
        return
    for found in _IN_QUOTES.finditer(text):
        inside = found["inside"].rstrip(" .,")
        head = inside[:-len(title)] if inside.endswith(title) else ""
        if head.rstrip().endswith((".", "?", "!")) and head.strip():
            item["title"] = inside
            return


# an edition run into the end of a title ("Les règles de la méthode sociologique. 8e éd")
_EDITION_ENDING_A_TITLE = re.compile(r"\.\s+\d{1,2}(?:e|è|ème|re|er|st|nd|rd|th|\.)?\s+"
                                     r"(?:éd|ed|edn|Aufl|éd\.|édition|edition|Auflage)\.?$")


def _edition_ending_the_title(item: dict[str, Any]) -> None:
    """The title without an edition the tagger ran into it."""
    title = str(item.get("title") or "")
    found = _EDITION_ENDING_A_TITLE.search(title)
    if found and found.start() > 2:
        item["title"] = title[:found.start()]


def _quotation_inside_a_quoted_title(item: dict[str, Any], text: str) -> None:
    """A title in double quotation marks keeps the single ones of a quotation it opens or
    ends with, which the tagger leaves outside it with the double ones."""
    title = item.get("title", "")
    end = _title_end(item, text)
    at = end - len(title)
    if end < 0 or at < 2 or not title:
        return
    if text[at - 1] in "'‘" and text[at - 2] in "\"“":
        outer = '"' if text[at - 2] == '"' else "”"
        close = text.find(outer, end)
        quoted = text[at - 1:close].rstrip(" .,") if close >= end else ""
        if quoted and not re.search("[\"“”]", quoted) and len(quoted) <= 300 and (
                close > end + 2 or _INNER_CLOSER[text[at - 1]].search(title)):
            # "'Reform and Openness': Why…", and "'How Many Cases Do I Need?' On Science…",
            # which the tagger ended at the quotation's close, and ran on into the journal
            item["title"] = quoted
            container = item.get("container-title", "")
            if outer in container:
                item["container-title"] = container.rsplit(outer, 1)[1].strip(" .,")
            return
    opened = _INNER_OPENED.search(title)
    closing = _INNER_THEN_OUTER.match(text, end)
    if opened and closing and {opened["mark"], closing["mark"]} in ({"'"}, {"‘", "’"}):
        item["title"] = title + closing["mark"]  # "Notes on 'Camp.'"


# a reference that opens with its title in double quotation marks, no author before it (IEEE's
# web page or standard: '[18] "WHO Coronavirus (COVID-19) Dashboard," World Health …')
_QUOTED_TITLE_FIRST = re.compile(rf"^\s*(?:{_LIST_NUMBER}\s*)?[\"“](?P<title>[^\"“”]{{3,300}}?)"
                                 r"[,.]?[\"”]")


def _quoted_title_opening_the_reference(item: dict[str, Any], text: str) -> None:
    """A reference that opens with a quoted title has no author: the names the tagger read
    in the title's words are the title's."""
    opening = _QUOTED_TITLE_FIRST.match(text)
    if opening is None or "author" not in item:
        return
    quoted, title = opening["title"].strip(), item.get("title", "")
    if title in quoted and title != quoted:  # (the tagger took its first words for names)
        del item["author"]
        item["title"] = quoted


# a title cut before a bracket of its own, whose words were read as the journal, and which
# goes on after it in lower case: "Particulate matter (PM2.5 and PM10), ozone, nitrogen
# dioxide …. World Health Organization."
_BRACKET_THEN_MORE_TITLE = re.compile(r"\s\((?P<inner>[^()]{1,60})\),?\s[a-z][^.?!]*[?!]?")


def _title_cut_before_its_bracket(item: dict[str, Any], text: str) -> None:
    """The title through its bracket and on to its sentence's end; the journal read in the
    bracket none."""
    container, end = item.get("container-title", ""), _title_end(item, text)
    found = _BRACKET_THEN_MORE_TITLE.match(text, end) if container and end > 0 else None
    if found and container in found["inner"] and container not in text[found.end():]:
        item["title"] += text[end:found.end()]
        del item["container-title"]


# Vancouver's medium or kind in brackets after a title, the title's last words before it
# after a comma: "… in Kisumu County, Kenya [dissertation].", "… in the United States, 2019
# [Internet]."
_REST_BEFORE_A_MEDIUM = re.compile(
    r",\s[^.,;:\[\]]{1,40}?(?=\s?\[(?:Internet|dissertation|thesis|master'?s thesis|"
    r"doctoral dissertation|monograph on the Internet|dataset|preprint|database)\])", re.I)


def _title_cut_before_its_medium(item: dict[str, Any], text: str) -> None:
    """The title's words after its last comma, up to the medium in brackets."""
    end = _title_end(item, text)
    found = _REST_BEFORE_A_MEDIUM.match(text, end) if end > 0 else None
    if found:
        item["title"] += found.group(0)


# IEEE's standard, cited by its title and number with no author: "[18] IEEE Standard for
# Ethernet, IEEE Std 802.3-2022 (Revision of IEEE Std 802.3-2018), Jul. 2022."
_IEEE_STANDARD = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?(?P<title>IEEE\s(?:Standard|Recommended\sPractice|Guide|Draft)"
    r"\b[^,]{0,250}),\s+(?:ANSI/)?IEEE\sStd\b")


def _ieee_standard(item: dict[str, Any], text: str) -> None:
    """An IEEE standard's title is all before its number; it has no author."""
    found = _IEEE_STANDARD.match(text)
    if found:
        item["title"] = found["title"].strip()
        for key in ("author", "container-title", "volume", "issue", "page"):
            item.pop(key, None)


# a note that prints a book's place and year alone in brackets after its title, as British
# historians' do: "37 E. Gellner, Nations and Nationalism (Oxford, 1983), p. 48.", "56 Stone,
# L., The Crisis of the Aristocracy, 1558-1641 (Oxford, 1965), pp. 582 - 4."
_PLACE_AND_YEAR_NOTE = re.compile(
    r"^\s*(?:\d{1,3}\.?\s+|\[\d{1,3}\]\s*)?(?P<names>(?:[A-Z]\.\s?){1,3}[A-Z][\w'’-]+|"
    r"[A-Z][\w'’-]+,\s(?:[A-Z]\.\s?){1,3}),\s+(?P<title>[^()]{3,300}?)\s+"
    r"\((?P<place>[A-Z][^(),:;\d]{1,40}),\s*(?P<year>(?:1[5-9]|20)\d\d)\)"
    r"(?:,\s*(?:pp?\.\s*)?(?P<page>\d{1,5}(?:\s*[-–]\s*\d{1,5})?))?\.?\s*$")


def _place_and_year_after_a_title(item: dict[str, Any], text: str) -> None:
    """Such a note's fields, where the tagger took the place for a name or kept the
    imprint in the title (of one author: more names before the title are a list this form
    does not print)."""
    found = _PLACE_AND_YEAR_NOTE.match(text)
    title = item.get("title") or ""
    if found is None or re.search(r"\b[A-Z]\.\s*[,&]|\s&\s", found["title"]) or not (
            not title or title.endswith(f"({found['place']}, {found['year']})") or
            any("(" in str(v) for person in item.get("author") or [] for v in person.values())):
        return
    persons = split_authors(found["names"].rstrip(", "))
    if persons:
        item["author"] = persons
    item["title"] = found["title"].strip()
    item["issued"] = {"date-parts": [[int(found["year"])]]}
    if found["page"]:
        item["page"] = _page(found["page"])
    item.pop("container-title", None)


# a note's author, given name first, that the tagger read as the start of the book's title
# when a number opens the note ("5. Lev Manovich, The Language of New Media (Cambridge, Mass.:
# MIT Press, 2001), 49."): two to four words, the first a known given name or followed by an
# initial (not a title's words: "Capital Markets, Risk and Return (London: …)")
_NAME_OPENING_A_TITLE = re.compile(
    r"^(?P<name>(?P<given>[A-ZÀ-Þ][a-zß-ÿ]+)(?:\s[A-Z]\.)*(?:\s[A-ZÀ-Þ][a-zß-ÿ]+)?"
    r"\s[A-ZÀ-Þ][\w'’-]+),\s+(?P<title>[A-ZÀ-Þ\"“].+)$")
# ... before the book's imprint in brackets, perhaps after its translator, editor or edition
_IMPRINT_IN_BRACKETS_NEXT = re.compile(r"\s*(?:,[^()]{0,120})?\([^()]*:[^()]*,\s*"
                                       r"(?:1[5-9]|20)\d\d\)")


def _note_author_in_the_title(item: dict[str, Any], text: str) -> None:
    """Such a note's author, out of its title."""
    end = _title_end(item, text) if not item.get("author") else -1
    found = _NAME_OPENING_A_TITLE.match(item["title"]) if end >= 0 else None
    if found is None or not (found["given"] in _GIVEN_NAMES or "." in found["name"]) or \
            not _IMPRINT_IN_BRACKETS_NEXT.match(text, end):
        return
    persons = split_authors(found["name"])
    if persons:
        item["author"] = persons
        item["title"] = found["title"]


# IEEE's title in quotation marks, its comma inside them, then what kind of work it is:
# '"Spin transport in two-dimensional materials," Ph.D. dissertation, Dept. …' (not an APA
# title that opens with a quotation: '"Black Lives Matter," social media, and protest')
_QUOTED_THEN_MORE = re.compile(
    r"^[\"“](?P<quoted>[^\"“”]{3,300}?),[\"”]\s+(?:Ph\.\s?D\.|PhD|M\.\s?S\.|M\.\s?A\.|M\.?Sc|"
    r"D\.\s?Phil|Master'?s|Doctoral|Diploma|Licentiate|Honours|Habilitation|B\.\s?S\.|"
    r"Bachelor'?s|[Dd]issertation|[Tt]hesis|[Tt]ech(?:nical|\.)\s+[Rr]ep|[Ll]ecture\s+notes|"
    r"[Pp]resented\s+at|[Pp]aper\s+presented|[Pp]atent|U\.S\.\s+Patent|[Ww]hite\s+[Pp]aper)")


def _kind_after_a_quoted_title(item: dict[str, Any]) -> None:
    """The title in quotation marks alone, where the tagger ran it on past them into the
    kind of work it is (a thesis, a report, a talk, a patent)."""
    found = _QUOTED_THEN_MORE.match(item.get("title", ""))
    if found:
        item["title"] = found["quoted"]


# a quoted title's own last words in brackets: "… especie nueva (Pisces, Characidae),”"
_BRACKET_THEN_QUOTE = re.compile(r"\s*\([^()]+\)(?=[,.]?\s*[”\"»’])")


def _bracket_ending_a_quoted_title(item: dict[str, Any], text: str) -> None:
    """A bracket at the end of a quoted title is the title's, though the tagger left it."""
    end = _title_end(item, text)
    at = end - len(item.get("title", ""))
    if end < 0 or at <= 0 or text[at - 1] not in "“\"«‘":
        return
    bracket = _BRACKET_THEN_QUOTE.match(text, end)
    if bracket:
        item["title"] += bracket.group(0)


# German "Nachname, Vorname: Titel.": the given names end at the colon before the title
_GIVEN_THEN_COLON = (r"^\s*{family},\s+(?P<given>[A-ZÀ-ÖØ-Þ][\w'’.-]*"
                     r"(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){{0,2}}):\s+")


def _given_name_before_a_colon(item: dict[str, Any], text: str) -> None:
    """"Luhmann, Niklas: Die Gesellschaft der Gesellschaft." is Niklas Luhmann's book, where
    the tagger reads "Niklas: Die Gesellschaft …" as the title (or, of "Gadamer, Hans-Georg:
    Wahrheit und Methode", "Georg: Wahrheit …", the given name cut at its hyphen)."""
    authors, title = item.get("author", []), item.get("title", "")
    if not authors or not authors[-1].get("family"):
        return
    # (of several, the last: "Larenz, Karl/Canaris, Claus-Wilhelm: Methodenlehre …", its
    # names first parted as "Larenz, Karl; Canaris, Claus-Wilhelm")
    before = "" if len(authors) == 1 else r"[^:]{0,200}?[;/]\s*"
    found = re.match(_GIVEN_THEN_COLON.format(family=before + re.escape(authors[-1]["family"])),
                     text)
    read = authors[-1].get("given", "")  # the tagger's part of it: "Hans" of "Hans-Georg"
    if not found or not found.group("given").startswith(read):
        return
    rest = found.group("given")[len(read):]
    if read and not rest.startswith("-"):
        return  # "Diamond, Jared M. Collapse: How …": the tagger's given name is whole
    rest = rest.lstrip("-")
    if title.startswith(rest + ":"):
        authors[-1]["given"] = found.group("given")
        item["title"] = title[len(rest) + 1:].strip()


# a reference opening with its one author inverted, given names whole: "Hirschman, Albert O."
# then the title after the initial's full stop; "Heidegger, Martin:" then the title
# (a family name, perhaps double-barrelled: "Martin-Facklam")
_FAMILY_NAME = r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)?"
_INVERTED_AUTHOR = re.compile(
    rf"(?:\[\d+\]\s*|\d{{1,3}}\.\s+)?(?P<family>{_FAMILY_NAME}),\s+"
    r"(?P<given>[^\W\d_][\w'’]+(?:-[^\W\d_][\w'’]*)?(?:\s+[A-Z]\.)*)"
    r"(?:(?<=\.)|:)\s+(?!(?:Jr|Sr|II|III|IV)\b)(?=[^\W\d_a-z][^\W\d_]|[“\"«])")
# (the title's first word, not one more initial, nor a suffix of the name: "King, Martin L.
# Jr. Why We Can't Wait")


# names of a list that a title cannot continue: a family name, perhaps after particles
# ("van der Waals"), and initials each with its full stop ("A. D.", "J.-P.", "Ch.")
_FAMILY_IN_A_LIST = rf"(?:(?:van|von|de|der|den|del|da|di|du|dos|la|le)\s+)*{_FAMILY_NAME}"
_INITIALS_WITH_STOPS = r"(?:(?![JS]r)[A-Z][a-z]?\.\s?(?:-\s?)?)*(?![JS]r)[A-Z][a-z]?\."
_OPENING_NUMBER = r"(?:[\[(]\d{1,3}[\])]\s*|\d{1,3}\.\s+)?"
# a title's first word: not one more initial ("Gibson, R. L.": not the name "Gibson, R." and
# a title "L., Reimold …"; "Lamaire, R. O, and …"), nor a word alone before a full stop or a
# comma (a name: "Pate, C. Marvin.", "Lind, E. Allen, and Tom R. Tyler", the next of a list
# without separators, "Sasayama, D. Hattori, K."; an abbreviated journal: "A. Peres, Phys.
# Rev. Lett."), nor the "and" before the last name
_A_TITLE_STARTS = (r"(?![A-Z][a-z]?[.,]|[^\W\d_][\w'’-]*[.,](?:\s|$)|(?:and|And|&)\s)"
                   r"(?=[^\W\d_a-z]|[“\"«])")
_INVERTED_NAME = rf"{_FAMILY_IN_A_LIST},\s{_INITIALS_WITH_STOPS}"
_NAME_INITIALS_FIRST = rf"{_INITIALS_WITH_STOPS}\s?{_FAMILY_IN_A_LIST}"
# ACS: "Grimme, S.; Antony, J.; Krieg, H. A Consistent …", "Becke, A. D. Density-…"
_ACS_NAMES = re.compile(rf"{_OPENING_NUMBER}(?P<names>{_INVERTED_NAME}"
                        rf"(?:;\s(?:and\s)?{_INVERTED_NAME})*)\s+{_A_TITLE_STARTS}")
# Physical Review: "L. Onsager, Crystal statistics. I. A two-dimensional model …"
_INITIALS_FIRST_NAMES = re.compile(
    rf"{_OPENING_NUMBER}(?P<names>{_NAME_INITIALS_FIRST}"
    rf"(?:,\s(?:and\s)?{_NAME_INITIALS_FIRST})*"
    rf"(?:,?\s(?:and|&)\s{_NAME_INITIALS_FIRST}|\set\sal\.)?),\s+{_A_TITLE_STARTS}")
_NAMES_BEFORE_A_TITLE = (_INVERTED_AUTHOR, _ACS_NAMES, _INITIALS_FIRST_NAMES)


def _name_words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{2,}", text))


# a group named among a Vancouver list's authors, after a semicolon: "Li L; China Kadoorie
# Biobank (CKB) collaborative group. China Kadoorie Biobank of 0.5 million people: …", or
# before them: "CRASH-2 trial collaborators; Shakur H, Roberts I, …". A group's name holds
# no comma, and ends with the word that makes it one ("… Subgroup", "… collaborators")
_GROUP_IN_A_LIST = r"(?P<group>[A-Z0-9][^.;:,]{2,100}?)"
_ENDS_AS_A_GROUP = re.compile(rf"(?:{_GROUP_AUTHOR.pattern})\W*$", re.I)


# a publisher's place and state, then its name: what the tagger took for a title that stands
# after the real one ("Atlanta, GA: Centers for Disease Control and Prevention")
_PLACE_AND_STATE = re.compile(r"[A-Z][\w .'-]{1,30},\s?[A-Z]{2}:\s")


_GROUP_OPENING_A_TITLE = re.compile(
    r"(?P<group>[A-Z][\w'’&-]*(?:\s(?:[A-Z0-9][\w'’&-]*|\([A-Z]{2,4}\)|[a-z]+)){1,11})\.\s(?=[A-Z])")


def _names_a_group(name: str) -> bool:
    """Whether ``name``, read before a title's full stop, is a group's: it holds a group's
    word, and a word in lower case (but of, for, and, the, on, in) only where the word that
    makes it a group ends it ("GBD 2021 Forecasting Collaborators", "Centers for Disease
    Control and Prevention"; not a title's words, "Society and its discontents")."""
    lower = re.search(r"\s(?!(?:of|for|and|the|on|in)\b)[a-z]", name)
    return bool(_GROUP_AUTHOR.search(name)) and (not lower or bool(_ENDS_AS_A_GROUP.search(name)))


def _title_run_into_a_group_author(item: dict[str, Any], text: str) -> None:
    """A group named as the author, and the title after its full stop, read as one name
    ("Centers for Disease Control and Prevention. National Diabetes Statistics Report,
    2020."): the group the author, the rest of that sentence the title, where the tagger's
    title is none or the imprint after it."""
    authors, title = item.get("author") or [], item.get("title", "")
    name = authors[0].get("literal", "") if len(authors) == 1 else ""
    opening = _GROUP_OPENING_A_TITLE.match(title) if not authors else None
    if opening and _names_a_group(opening["group"]) and \
            re.match(rf"\s*(?:{_LIST_NUMBER}\s*)?{re.escape(opening.group(0))}", text):
        # (Vancouver's, no year after it: "9. GBD 2021 Forecasting Collaborators. Burden of
        # disease scenarios …", "Centers for Disease Control and Prevention. Antibiotic …")
        item["author"] = [{"literal": opening["group"]}]
        item["title"] = title[opening.end():]
        return
    alone = re.match(rf"\s*(?:{_LIST_NUMBER}\s*)?{re.escape(title)}\.\s+(?=[A-Z])",
                     text) if title and not authors else None
    if alone and _names_a_group(title):
        # the group alone read as the title, the title after it as something else (Vancouver's
        # "Demographic and Health Surveys Program. Ethiopia DHS 2016 [dataset]. Rockville
        # (MD): ICF; 2017."): the title is that sentence, and the year the imprint's
        sentence = re.match(r"[^.\[]*(?:\.\d[^.\[]*)*", text[alone.end():]).group(0).strip()
        if not sentence:
            return
        item["author"] = [{"literal": title}]
        item["title"] = sentence
        if item.get("container-title") and item["container-title"] in sentence:
            del item["container-title"]
        imprint = re.search(r";\s*((?:1[5-9]|20)\d\d)\b", text[alone.end() + len(sentence):])
        if imprint:
            item["issued"] = {"date-parts": [[int(imprint.group(1))]]}
        return
    group, _, rest = name.partition(". ")
    if not rest or not _GROUP_AUTHOR.search(group) or title and not _PLACE_AND_STATE.match(
            title):
        return
    at = text.find(name)
    sentence = re.match(r"[^.]*(?:\.\d[^.]*)*", text[at + len(group) + 2:]) if at >= 0 else None
    item["author"] = [{"literal": group}]
    item["title"] = sentence.group(0).strip() if sentence else rest


# a group named as the author in an author-date style, its acronym in brackets perhaps, then
# the year: "Intergovernmental Panel on Climate Change (IPCC). 2021. Climate Change 2021: …"
_GROUP_BEFORE_THE_YEAR = re.compile(
    rf"\s*(?:{_LIST_NUMBER}\s*)?(?P<group>[A-Z][\w'’&-]*(?:\s(?:[A-Z][\w'’&-]*|"
    r"of|for|and|the|on|in|de|du|des|für)){1,11}(?:\s\([A-Z]{2,8}\))?)[.,]\s"
    r"\(?(?:1[5-9]|20)\d\d[a-z]?\)?[.,]\s")


def _group_before_the_year(item: dict[str, Any], text: str) -> None:
    """That group as the author, where the tagger read no author."""
    if item.get("author") or item.get("editor"):
        return
    found = _GROUP_BEFORE_THE_YEAR.match(text)
    # (the group's word before any "of": "Council of the European Union" is a group, "Report
    # of the Commission on Higher Education. 2005." a title, its work's author unnamed)
    if found and _GROUP_AUTHOR.search(found["group"].split(" of ")[0]):
        item["author"] = [{"literal": found["group"]}]


def _group_among_the_authors(item: dict[str, Any], text: str) -> None:
    """The group is the list's author, in its place: the tagger reads one after the names
    as the title's start, and leaves one before them out."""
    authors, title = item.get("author", []), item.get("title", "")
    named = " ".join(str(v) for a in authors for v in a.values())
    after = re.match(_GROUP_IN_A_LIST + r"\.\s+(?=\S)", title)
    if authors and after and _ENDS_AS_A_GROUP.search(after["group"]) and \
            re.search(r";\s*" + re.escape(after["group"]) + r"\.", text):
        item["author"] = [*authors, {"literal": after["group"]}]
        item["title"] = title[after.end():]
        return
    before = re.match(rf"\s*{_LIST_NUMBER}?\s*{_GROUP_IN_A_LIST};\s*\S", text)
    if authors and before and _ENDS_AS_A_GROUP.search(before["group"]) and \
            before["group"] not in title and not any(
                word in named for word in before["group"].split() if len(word) > 3):
        item["author"] = [{"literal": before["group"]}, *authors]


def _title_start_left_after_the_authors(item: dict[str, Any], text: str) -> None:
    """A Vancouver title the tagger began at a mark inside it, its first words read into the
    last author's given name or left out: "Okoro U. Clinical outcomes of Omicron BA.2
    infection …" read as the name "Okoro U. Clinical outcomes of Omicron BA" and the title
    "2 infection …", "et al. 2018 ESC/ESH Guidelines …" as "ESH Guidelines …", "Lee K. The
    U.K. Biobank resource" as "K. The U.K." and "Biobank resource". The title
    begins after the last author's initials (or "et al."), where those words are no sentence
    of their own."""
    authors, title = item.get("author") or [], item.get("title", "")
    last = authors[-1] if authors else {}
    initials = re.match(r"[A-Z]{1,3}(?=\.?\s|$)", last.get("given", ""))
    if not title or initials is None or not last.get("family"):
        return
    at = _title_end(item, text) - len(title)
    end = None
    for found in re.finditer(re.escape(last["family"]) + r"\s+" + initials.group(0)
                             + r"(?:,?\s*et al)?\.\s+", text[:max(at, 0)]):
        end = found.end()
    if end is None or end >= at:
        return
    words = text[end:at]
    cut = re.search(r"[^\W\d_]", words) and len(words) <= 60 and \
        not re.search(r"[.:;]\s", words[:-2]) and \
        re.search(r"(?:[./]|:\s|(?<![\w.])(?:[A-Z]\.){2,4}\s)$", words)
    # (or the year a title opens with, "2018 ESC/ESH Guidelines", where the reference is
    # dated after it: "Eur Heart J. 2018 Sep 1;39(33)")
    dated = re.fullmatch(r"(?:1[5-9]|20)\d\d ", words) and words.strip() in text[at + len(title):]
    if cut or dated:
        item["title"] = words + title
        last["given"] = initials.group(0)


# APA's reference to an undated work: "American Psychological Association. (n.d.). Stress
# effects on the body. Retrieved March 1, 2024, from https://…", "Smith, J. (n.d.). Title.";
# Harvard's, with no full stop after the date: "Friends of the Earth (n.d.) Why bees matter."
_UNDATED = re.compile(r"^(?:\[\d{1,3}\]\s*|\d{1,3}\.\s+)?(?P<names>[^()]{2,200}?)\s*"
                      r"\(n\.\s?d\.\)(?:\.\s*|\s+(?=[A-Z]))(?P<title>[^.?!]{2,300}[?!]?)(?:\.\s|\.?$|(?<=[?!])\s)")
# the date a web page was read, which is no date of the work
_READ_ON = re.compile(r"\b(?:Retrieved|Accessed)\b[^.]*?\b(?:1[5-9]|20)\d\d\b", re.I)


def _undated_work(item: dict[str, Any], text: str) -> None:
    """An undated work's names, before "(n.d.)", and its title after it (the tagger, which
    reads "(n.d.)" as no date, runs the names into it or takes the title for a journal);
    and no year, where the only one is the date the page was read."""
    found = _UNDATED.match(text)
    if found is None:
        return
    persons = split_authors(found["names"])
    if persons:
        item["author"] = persons
    title = found["title"].strip()
    item["title"] = title
    if item.get("container-title") == title:
        del item["container-title"]
    year = _issued_year(item)
    if year is not None and str(year) not in _READ_ON.sub(" ", text):
        del item["issued"]


# Chicago's undated work, "n.d." where the year stands, in no brackets: "Moreno Villalobos,
# Aurelio. n.d. “Diario de un viaje…” Manuscript, …"
_NAMES_BEFORE_ND = re.compile(r"(?:[\[［]\d{1,3}[\]］]\s*|\d{1,3}[.)]\s*)?"
                              r"(?P<names>[^()\d]{2,200}?)[.,]?\s+n\.\s?d\.\s")
_ND = re.compile(r"n\.?\s?d\.?")


_QUOTED_AFTER_ND = re.compile(r"\s*[“\"](?P<title>[^”\"]{2,300}?)[.,]?[”\"]")


def _undated_names(item: dict[str, Any], text: str) -> None:
    """The names before such an "n.d.", which the tagger read as one more name (and a
    compound surname's first word as another's), or as the title, with no name (its quoted
    title after "n.d." then the title)."""
    persons = item.get("author") or []
    if not any(_ND.fullmatch(str(person.get("family") or "")) for person in persons) and (
            persons or "n.d" not in text):
        return
    found = _NAMES_BEFORE_ND.match(text)
    names = split_authors(found["names"]) if found else []
    if not names or not persons and item.get("title") != found["names"].strip(" .,"):
        return
    item["author"] = names
    if not persons:
        quoted = _QUOTED_AFTER_ND.match(text, found.end())
        if quoted:
            item["title"] = quoted["title"].strip()


# a year printed anywhere but in the names of the work and what it is in
_ANY_YEAR = re.compile(r"(?<![\d.–-])(1[5-9]\d\d|20\d\d)(?![\d–-])")


# a group whose name holds a year, before the title: "Global Snakebite Burden 2020
# Collaborators. Mortality and …" (the tagger ends the names at the year)
_GROUP_NAMED_WITH_A_YEAR = re.compile(
    r"(?:\d{1,3}\.\s+)?(?P<group>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,8}\s(?:1[89]|20)\d\d"
    r"(?:\s[A-Z][\w'’-]*){0,3}\s(?:Collaborators|Collaboration|Consortium|Investigators|"
    r"Study Group|Group))\.\s")


def _group_named_with_a_year(item: dict[str, Any], text: str) -> None:
    """That group as the one author, where the tagger read its words before the year as a
    person's name."""
    found = _GROUP_NAMED_WITH_A_YEAR.match(text)
    persons = item.get("author") or []
    if found and len(persons) == 1 and persons[0].get("family", "") in found["group"]:
        item["author"] = [{"literal": found["group"]}]
        # ... and its year no year of publication, where another is printed after it
        later = _ANY_YEAR.findall(text, found.end())
        if str(_issued_year(item)) in found["group"] and later:
            item["issued"] = {"date-parts": [[int(later[-1])]]}


def _year_of_a_range_in_a_name(item: dict[str, Any], text: str) -> None:
    """The year of publication, where the tagger took the last year of a span a title or a
    book's name holds ("Water and Governance in the Low Countries, 1400–1800, ed. …
    (Leuven: Leuven University Press, 2011)"): the last year printed outside those names."""
    year = _issued_year(item)
    if year is None:
        return
    names = [str(item.get(key) or "") for key in ("container-title", "title")]
    if not any(re.search(rf"\d{{4}}\s?[–-]\s?{year}(?!\d)|(?<!\d){year}\s?[–-]\s?\d{{2,4}}",
                         name) for name in names if name):
        return
    rest = text
    for name in names:
        if name:
            rest = rest.replace(name, " ")
    others = _ANY_YEAR.findall(rest)
    if others and str(year) not in others:
        item["issued"] = {"date-parts": [[int(others[-1])]]}


# APA's work with no author, its title where the names would be, before the date: "Climate
# migration and the law. (2021). Harvard Law Review, …", "Understanding the UK housing crisis.
# (n.d.). Shelter England." A title, not a body's name: a word in lower case that is no small
# word ("Friends of the Earth", "National Institute of Mental Health" have none)
_TITLE_BEFORE_THE_DATE = re.compile(
    r"^(?:\[\d{1,3}\]\s*|\d{1,3}\.\s+)?(?P<title>[A-Z][^()]{2,300}?[^\W\d_][?!]?)\.?\s*"
    r"\((?:(?:1[5-9]|20)\d\d[a-z]?(?:,[^()]{1,30})?|n\.\s?d\.)\)\.\s*(?P<next>[^.]*)")
_SMALL_WORD = re.compile(r"(?:of|the|and|for|on|in|at|to|a|an|with|without|from|by|per|de|la|"
                         r"le|du|des|da|do|das|dos|di|del|della|y|e|et|en|og|och|ve|voor|van|"
                         r"und|der|für|sans|ohne|sin|sem|senza|zonder|uten|utan)", re.I)
# ... and the words that make a body of people ("Wikipedia contributors", "Reuters staff")
_BODY_OF_PEOPLE = re.compile(r"\b(?:contributors|staff|editors|team|board|writers)\b", re.I)
# ... and where the tagger read a title after the date, the words after it: one sentence (and
# an address, or when it was read), where a body's name, then the work's title and its
# publisher or site, would make two ("McDonald's Corporation. (2022). Annual report 2021.
# McDonald's."), and that title written as a name, a site's ("Shelter England"), not in
# sentence case
_ONE_SENTENCE_LEFT = re.compile(r"[^.]+\.?(?:\s+(?:Retrieved|Accessed|Available|https?://|doi:)"
                                r".*)?\s*$", re.I)


def _title_before_the_date(item: dict[str, Any], text: str) -> None:
    """The title of APA's work with no author, where the tagger read it as the names: words
    in lower case that are no small ones, no possessive ("Moody's Investors Service"), no word
    a body's name has; and where the tagger read a title after the date, one that reads as a
    site's name, alone before the address ("Santé publique France. (2021). Bulletin
    épidémiologique hebdomadaire. https://…" keeps its body and title)."""
    found = _TITLE_BEFORE_THE_DATE.match(text)
    title = found["title"].strip() if found else ""
    if not title or "," in title or _GROUP_AUTHOR.search(title) or re.search(
            r"['’]s\b", title) or {w.casefold() for w in title.split()} & _ORG_WORDS or not any(
            word.islower() and not _SMALL_WORD.fullmatch(word) for word in
            re.findall(r"[^\W\d_]+", title)):
        return
    read = item.get("title")
    if read and (not _ONE_SENTENCE_LEFT.match(text, found.start("next")) or not all(
            word[:1].isupper() or _SMALL_WORD.fullmatch(word) for word in read.split())):
        return  # (a title read after the date, with more after it, or one in sentence case:
        # the names were a body's, "Cour des comptes. (2021). Rapport public annuel 2021.")
    if _BODY_OF_PEOPLE.search(title):
        return
    names = " ".join(a.get("literal") or f"{a.get('given', '')} {a.get('family', '')}"
                     for a in item.get("author") or [])
    if not set(names.split()) <= set(re.findall(r"[^\W\d_][\w'’-]*", title)):
        return  # (the names the tagger read are not all the title's words)
    item.pop("author", None)
    item["title"] = title  # (the tagger's, if any, was the words after the date: a site)
    if read and item.get("container-title") == read:
        del item["container-title"]


# APA's work dated to its month or day, "National Institute of Mental Health. (2022, March).
# Depression. … Retrieved May 3, 2024, from https://…": the title after the date
_DATED_WITHIN_A_YEAR = re.compile(
    r"^(?:\[\d{1,3}\]\s*|\d{1,3}\.\s+)?[^()]{2,200}?\s*\(\s*(?:1[5-9]|20)\d\d[a-z]?,\s*"
    r"(?P<date>[A-Z][a-z]+\.?(?:\s+\d{1,2}(?:\s?[-–]\s?\d{1,2})?)?)\s*\)\.\s*"
    r"(?P<title>[^.?!()]{2,300}[?!]?)(?:\.\s|\.?$|(?<=[?!])\s)")


def _month_read_as_the_title(item: dict[str, Any], text: str) -> None:
    """The title after APA's "(2022, March)." where the tagger took the month for the title
    (and the title for the journal): a title is never the date's own words."""
    found = _DATED_WITHIN_A_YEAR.match(text)
    title = (item.get("title") or "").strip(" .")
    if found is None or not title or title not in found["date"] \
            or not re.fullmatch(_MONTH_WORD, found["date"].split()[0].rstrip(".")):
        return
    item["title"] = found["title"].strip()
    container = item.get("container-title") or ""
    if container == item["title"] or container.startswith(item["title"] + ". "):
        del item["container-title"]  # (the title and the publisher after it)


# names given first with their initials, between commas ("H. Brezis, ", "A. Smith, B. Doe, ")
_INITIALS_THEN_FAMILY = r"(?:[A-Z]\.[\s-]?){1,3}[A-ZÀ-Þ][\w'’-]+"
_ONLY_INITIALS = re.compile(r"(?:[A-Z]\.[\s-]?){0,2}[A-Z]\.")


def _title_read_as_the_last_author(item: dict[str, Any], text: str) -> None:
    """A title's first words, before its first comma, read as one more author after names
    given first with their initials, as mathematics prints a book ("[2] H. Brezis,
    Functional Analysis, Sobolev Spaces and Partial Differential Equations, Universitext,
    …": an author "Functional Analysis"): words with no initial, no known given name and no
    Chinese one in pinyin ("Xiaoming Wang" is a name), right after the names, are the
    title's."""
    authors, title = item.get("author") or [], item.get("title") or ""
    if len(authors) < 2 or not title:
        return
    last = authors[-1]
    given, family = last.get("given") or "", last.get("family") or ""
    if not given or not family or "." in given or given in _GIVEN_NAMES or \
            _PINYIN.fullmatch(given) or not all(
            _ONLY_INITIALS.fullmatch(a.get("given") or "") for a in authors[:-1]):
        return
    names = rf"{_INITIALS_THEN_FAMILY}(?:,\s+{_INITIALS_THEN_FAMILY}){{0,20}}"
    found = re.match(rf"\s*{_LIST_NUMBER}?\s*{names},\s+(?P<words>{re.escape(given)}\s+"
                     rf"{re.escape(family)}),\s+(?={re.escape(title)})", text)
    if found:
        item["author"] = authors[:-1]
        item["title"] = f"{found['words']}, {title}"


def _title_run_into_the_author(item: dict[str, Any], text: str) -> None:
    """A title whose first words the tagger read as names: "Hirschman, Albert O. Exit, Voice,
    and Loyalty: Responses to Decline …" (given name "Albert O. Exit", an author "Voice"),
    "Heidegger, Martin: Sein und Zeit. Halle …" ("Martin: Sein", and a title "Halle a"),
    ACS's "Krieg, H. A Consistent and Accurate …" (the article "A" an initial), "Becke, A. D.
    Density-Functional Thermochemistry. III. The Role …" (the part's numeral an initial).
    Where the names are printed so that no title word can belong to them (one inverted
    name whose given name ends in a full stop or a colon; a list of names each with its
    initials), the author is those names; the title runs from after them through the
    tagger's title where that is its subtitle (after a colon, or a full stop and three words
    or more), its last words (after a comma, or in the same sentence), else to the full stop
    before it."""
    authors, title = item.get("author") or [], item.get("title", "")
    if not authors or not title:
        return
    for form in _NAMES_BEFORE_A_TITLE:
        found = form.match(text)
        if found:
            break
    else:
        return
    names = found.group("names") if "names" in form.groupindex else \
        f"{found.group('family')}, {found.group('given')}"
    start = text.find(title, found.end())
    if start < 0:
        return
    between = text[found.end():start].rstrip()
    read = " ".join(" ".join(a.values()) for a in authors)
    run_on = _name_words(read) - _name_words(names)
    if not run_on or not between or not run_on <= _name_words(between):
        return  # the tagger's names are these names: nothing of the title in them
    if form is _INITIALS_FIRST_NAMES and between.endswith(",") and \
            not _EDITION_AT_END.match(" " + title):
        return  # "J. Smith, Wei Chen, Deep learning …": a name written whole goes on the
        # list before a title the tagger read; only a "title" that is an edition is none
        # ("J. D. Jackson, Classical Electrodynamics, 3rd ed.")
    # its subtitle after a colon, or after a full stop if three words or more; the rest of
    # a list of words after a comma, or of its sentence; after a full stop a word or two: the
    # place ("Halle a.")
    if between.endswith((":", ",")) or between[-1].isalnum() or between.endswith(")") or \
            (between.endswith(".") and len(title.split()) >= 3):
        whole = f"{between} {title}"
    elif between.endswith("."):
        whole = between[:-1]
    else:
        return
    if "names" in form.groupindex:
        item["author"] = split_authors(names)
    else:
        item["author"] = [{"family": found.group("family"),
                           "given": found.group("given").rstrip()}]
    item["title"] = _strip_span(whole)
    _edition_ending_a_title(item, text)  # "J. D. Jackson, Classical Electrodynamics, 3rd ed."


# Vancouver's authors, each a family name and its initials, the last followed by a full stop:
# "Kahneman D. ", "Lowry OH, Rosebrough NJ. "
_VANCOUVERS_NAME = r"[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?\s[A-Z]{1,3}"
_VANCOUVERS_LIST = (r"(?:[\[［]\d{1,4}[\]］]\s*|\d{1,4}[.)]\s+)?"
                    rf"(?P<names>{_VANCOUVERS_NAME}(?:,\s{_VANCOUVERS_NAME})*")
_VANCOUVER_NAMES = re.compile(_VANCOUVERS_LIST + r")\.\s+(?=[^\W\d_])")


# Vancouver's date: a book's "Publisher; 2011", an article's "2017;49(5)"
_VANCOUVER_SEMICOLON = re.compile(r";\s*(?:1[5-9]|20)\d\d\b|\b(?:1[5-9]|20)\d\d\s*;\s*\d")


def _title_run_into_vancouvers_authors(item: dict[str, Any], text: str) -> None:
    """A title whose first words, before its commas, the tagger read as more authors:
    "Kahneman D. Thinking, Fast and Slow." (an author "Thinking", the title "Fast and
    Slow"). Vancouver's authors all have initials: the words after the last author's full
    stop that have none are the title's."""
    authors, title = item.get("author") or [], item.get("title", "")
    found = _VANCOUVER_NAMES.match(text) if _VANCOUVER_SEMICOLON.search(text) else None
    if not found or not authors or not title:
        return  # (not Vancouver's: "Joseph A. Schumpeter, Capitalism, …" is a given name)
    named = split_authors(found.group("names"))
    if [a.get("family") for a in authors] == [a.get("family") for a in named] or \
            not all(a.get("family") and a.get("given") for a in named):
        return
    start = text.find(title, found.end())
    between = text[found.end():start].rstrip() if start >= 0 else ""
    if not between.endswith(","):
        return  # the title's words before its comma, and nothing else, were taken
    item["author"] = named
    item["title"] = _strip_span(f"{between} {title}")


# BMC's older style: Vancouver's names, a colon after the last ("Hendricks LA, Van Wyk C,
# Mosweu I: Cost-effectiveness of …")
_NAMES_THEN_A_COLON = re.compile(_VANCOUVERS_LIST + r"(?:,?\s(?:et\s+al\.?))?):\s+(?=[^\W\d_])")


def _title_run_into_bmcs_authors(item: dict[str, Any], text: str) -> None:
    """The last of those names, read as the title's first words ("Mosweu I: Cost-…"), an
    author again."""
    found = _NAMES_THEN_A_COLON.match(text)
    title = item.get("title", "")
    if not found or not title:
        return
    names = found["names"]
    last = names.rsplit(",", 1)[-1].strip()
    if title.startswith(f"{last}:"):
        named = split_authors(names)
        if named and all(a.get("family") and a.get("given") for a in named):
            item["author"] = named
            item["title"] = title[len(last) + 1:].strip()


# the part of a series of papers after its title's full stop: "Density-functional
# thermochemistry. III. The role of exact exchange.", "… social behaviour. II."; the tagger
# ends the title before it and takes it for the journal's start (not a letter that is an
# initial or a journal's word: "Louis XIV. L. Rev. Hist.")
_ROMAN_PART = re.compile(r"(?P<part>(?:[IVXL]{2,6}|I)(?:\.\s+[^.,\s]+\s[^.,]{2,200}?)?)\.\s+"
                         r"(?P<journal>[^,]+)")


def _roman_part_of_a_title(item: dict[str, Any], text: str) -> None:
    """A title's part number, a roman numeral (and the part's own title), read as the
    journal's start is the title's end."""
    title, container = item.get("title", ""), item.get("container-title", "")
    found = _ROMAN_PART.fullmatch(container) if title and container else None
    if found and re.search(re.escape(title) + r"\.\s+" + re.escape(found.group("part")),
                           text):
        item["title"] = f"{title}. {found.group('part')}"
        item["container-title"] = found.group("journal")
    elif title and container:  # the numeral read as neither: "… behaviour. I. Journal of …"
        alone = re.search(re.escape(title) + r"\.\s+((?:[IVX]{2,5}|I))\.\s+"
                          + re.escape(container), text)
        if alone and _ROMAN.match(alone.group(1).lower()):
            item["title"] = f"{title}. {alone.group(1)}"


# a French (or Italian) note's book: initials and name (or the name inverted, its given name
# after a comma), then title, place, publisher and year between commas: "M. Bloch, La société
# féodale, Paris, Albin Michel, 1939, p. 243.", "Bourdieu, Pierre, La Distinction. Critique
# sociale du jugement, Paris, Éditions de Minuit, 1979, p. 45."
_INVERTED_FRENCH = (r"[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+){0,2},\s[A-ZÀ-Ý][a-zß-ÿ'’]+"
                    r"(?:-[A-ZÀ-Ý][a-zß-ÿ'’]+)?")
_FRENCH_NOTE = re.compile(
    r"(?:\d{1,3}\.?\s+)?(?P<author>(?:[A-Z]\.(?:-[A-Z]\.)?\s*){1,3}[A-ZÀ-Ý][\w'’-]+"
    rf"(?:\s+[A-ZÀ-Ý][\w'’-]+)?|{_INVERTED_FRENCH}),\s+(?P<title>[^,]{{3,200}}?),\s+"
    r"(?P<place>[A-ZÀ-Ý][\w'’-]+(?:[\s-]+[A-ZÀ-Ý][\w'’-]+)?),\s+"
    r"(?P<publisher>[A-ZÀ-Ý][^,]{1,60}?),\s+(?P<year>(?:1[5-9]|20)\d\d)\b")
# ... and an article's author so, before its title in guillemets: "Le Roy Ladurie, Emmanuel,
# « Histoire et climat », Annales. …"
_INVERTED_BEFORE_GUILLEMETS = re.compile(
    rf"(?:\d{{1,3}}\.?\s+)?(?P<author>{_INVERTED_FRENCH}),\s+«")


def _french_note(item: dict[str, Any], text: str) -> None:
    """A French note's book, whose commas the tagger read as an author list ("La société
    féodale", "Paris", "Albin Michel" authors, no title, or its title's end alone): its author,
    title, place and publisher; an article's author whose given name it read as another's."""
    article = _INVERTED_BEFORE_GUILLEMETS.match(text)
    if article:  # (its family name whole: "Le Roy Ladurie" is no given name and a family one)
        family, _, given = article["author"].partition(", ")
        item["author"] = [{"family": family, "given": given}]
        return
    found = _FRENCH_NOTE.match(text)
    if not found or item.get("title", "") not in found["title"] \
            or str(_issued_year(item)) != found.group("year"):
        return
    people = split_authors(found.group("author"))
    if len(people) != 1:
        return
    item["author"] = people
    item["title"] = found.group("title").strip()
    item["publisher-place"] = found.group("place")
    item["publisher"] = found.group("publisher").strip()


# an edition printed after the title: "Social research methods. 5th edn.", "…, 3rd ed.",
# "Orientalism. 25th anniversary ed."
_EDITION_AT_END = re.compile(r"(?P<mark>[.,]?)\s+\(?(?:(?P<edition>\d+)(?:st|nd|rd|th)"
                             r"(?:\s(?:anniversary|revised|expanded|updated|international))?|"
                             r"(?P<word>updated|revised|expanded|enlarged|new|rev\.?))\s+"
                             r"(?:edn|ed|edition)\.?\)?$", re.I)
# German's edition after a title: "Methodenlehre der Rechtswissenschaft, 3. Aufl."
_AUFLAGE_AT_END = re.compile(rf",\s+{_AUFLAGE}$")
# ... but a title about an edition ends with one: "Welcome to the 10th edition"
_ABOUT_AN_EDITION = re.compile(r"\b(?:the|a|this|its|our|their|of|on|to|in|for)$", re.I)


# ... or cut by the tagger before its "ed.": "… exceptionality (4th. edition)", "… of
# Nationalism, rev. ed. (London: Verso, 1991)"
_EDITION_CUT = re.compile(r"(?P<mark>[.,]?)\s\(?(?P<edition>(?P<number>\d+)(?:st|nd|rd|th)|rev|"
                          r"updated|revised|expanded|enlarged|new)$", re.I)
# (MLA's "Ed. Jane Smith" after a title is its editor: "rev." needs a lower-case "ed.")
_ED_AFTER = re.compile(r"\.?\s*(?:(?i:edn|edition)\b|ed\b)")
_ED_AFTER_A_NUMBER = re.compile(r"\.?\s*(?:edn|ed|edition)\b", re.I)


def _edition_ending_a_title(item: dict[str, Any], text: str) -> None:
    """An edition is no part of the title it follows; it is kept as CSL's ``edition``."""
    title = item.get("title", "")
    cut = _EDITION_CUT.search(title)
    if cut and not cut.group("number") and cut.group("edition").lower() != "rev" \
            and not cut.group("mark"):
        cut = None  # an edition in words after a comma only: not "…and what is new. Edition 2."
    at = text.find(title) if cut and cut.start() > 0 else -1
    after = _ED_AFTER_A_NUMBER if cut and cut.group("number") else _ED_AFTER
    if at >= 0 and after.match(text, at + len(title)):
        item["title"] = title[:cut.start()]
        if cut.group("number"):
            item.setdefault("edition", cut.group("number"))
        return
    found = _EDITION_AT_END.search(title)
    if found and found.start() > 0 and (found.group("mark") or not found.group("word") and
                                        not _ABOUT_AN_EDITION.search(title[:found.start()])):
        # (an edition in words after a comma only: "…Politics, updated ed.", not "The new
        # edition")
        item["title"] = title[:found.start()]
        item.setdefault("edition", found.group("edition") or found.group("word").rstrip("."))
        return
    found = _AUFLAGE_AT_END.search(title)
    if found and found.start() > 0:
        item["title"] = title[:found.start()]
        item.setdefault("edition", found.group("edition"))
        return
    # Spanish's and Portuguese's "(6.ª ed.)", NFKC's "(6.a ed.)": the tagger cut at its point
    found = re.search(r"\s*\((?P<number>\d{1,2})$", title)
    at = text.find(title) if found and found.start() > 0 else -1
    if at >= 0 and re.match(r"\.?\s?[aªº]\.?\s*(?:ed|edición|edição)\b", text[at + len(title):]):
        item["title"] = title[:found.start()]
        item.setdefault("edition", found.group("number"))


# the year after the names with no mark between, then the title, as the Institute of Physics
# prints them ("Milas A 2008 From percolation …", "Pearce P A, Rasmussen J and Zuber J-B 2006
# …") and the American Anthropological Association ("Levine, Robert 1977 Kwak'wala.",
# "Ortmann, Anthony L. and Tristram R. Kidder 2013 Building Mound A …"): the tagger's title
# opening with the names' last words and the year
_NAMES_AND_YEAR = re.compile(r"(?P<names>(?:(?:[A-ZÀ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)?\.?|and|&)"
                             r"(?:,\s|\s)){0,8}?)(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\.?\s+"
                             r"(?=[A-Z\"“‘'(])")


# (but a name written family name first ends with its full stop: "Reardon, Jenny. 2005 Race to
# the Finish: …")
_ONE_NAME_INVERTED = re.compile(r"[A-ZÀ-Þ][^\W\d_]+(?:['’-][^\W\d_]+)?,\s[A-ZÀ-Þ][^\W\d_]+"
                                r"(?:\s[A-Z]\.)?\.\s?")


def _names_and_year_in_the_title(item: dict[str, Any], text: str) -> None:
    """Names and a year printed before the title with no mark between them, which the tagger
    read into the title, are the authors and the year; where all that comes before the title
    is names (no number, no other year)."""
    title = item.get("title", "")
    opening = _NAMES_AND_YEAR.match(title)
    at = text.find(title) if opening else -1
    before = text[:at] if at >= 0 else ""
    if at < 0 or any(c.isdigit() for c in before) or not (before or opening.group("names")) or \
            _issued_year(item) not in (None, int(opening.group("year"))):
        return
    if before and not re.search(r"(?:[^\W\d_]|,|-|(?<![^\W\d_])[A-Z]\.)\s*$", before) and \
            not _ONE_NAME_INVERTED.fullmatch(before):
        return  # a mark before: "… Prevention. 2019 Novel …", "Microsoft. Windows 2000 …"
    persons = split_authors((before + opening.group("names")).strip(" ,"))
    if persons:
        item["author"] = persons
        item["title"] = title[opening.end():]
        item["issued"] = {"date-parts": [[int(opening.group("year"))]]}


# a title ending with the years it covers, then the journal, volume and pages: "…
# tularemia, United States, 1964–2004. Emerg Infect Dis 12: 1113–1118.", "… northern spotted
# owls: 1985–2008. Studies in Avian Biology 40: 1–118." (the tagger took the years for pages)
_YEARS_ENDING_A_TITLE = re.compile(
    r"(?P<years>(?:1[5-9]|20)\d\d\s?[-–—]\s?(?:1[5-9]|20)\d\d)\.\s+(?P<journal>[A-Z][^.\d:;]*?)"
    r"\.?\s+(?P<volume>\d+)(?:\s?\((?P<issue>[^()]{1,10})\))?\s?:\s?"
    r"(?P<page>\d+\s?[-–]\s?\d+)\.?$")
_YEAR_BEFORE_A_TITLE = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?\)?\.\s+")


# ... or a book's, its place and publisher after them: "Fairbanks, Helen, ed. 2011. The
# Letters of Mary Ann Cotterill, 1812–1849. Boston: Beacon Press."
# (after a comma, as a title ends with them: not a journal's pages after its colon, "…
# 2019;21(8):1890-1898. PMID: 31012345", nor a volume's years, "Vol. 2, 1641–1660.")
_YEARS_ENDING_A_BOOK = re.compile(
    r"(?<=[^\W\d_]),\s(?P<years>(?:1[5-9]|20)\d\d\s?[-–—]\s?(?:1[5-9]|20)\d\d)\.\s+"
    r"(?P<place>[A-Z][a-z][^.:;\d]{0,40}):\s+(?P<publisher>[^.:;\d]{2,80}?)\.?\s*$")


def _years_ending_a_title(item: dict[str, Any], text: str) -> None:
    """The years a title ends with, taken for the pages where the journal's volume and pages
    follow (see :data:`_YEARS_ENDING_A_TITLE`), or a book's place and publisher, are the
    title's."""
    found = _YEARS_ENDING_A_TITLE.search(text) or _YEARS_ENDING_A_BOOK.search(text)
    if not found or item.get("page") != _page(found.group("years")):
        return
    title = item.get("title", "")
    start = text.find(title) if title else -1
    if found.re is _YEARS_ENDING_A_BOOK and start >= 0 and \
            text[start + len(title):found.start("years")] != ", ":
        return  # (a book's years right after the title the tagger read, or no title read)
    if not 0 <= start < found.start("years"):  # no title found before them: from the year
        dated = list(_YEAR_BEFORE_A_TITLE.finditer(text, 0, found.start("years")))
        if not dated:
            return
        start = dated[-1].end()
    item["title"] = text[start:found.end("years")]
    if found.re is _YEARS_ENDING_A_BOOK:
        del item["page"]
        item.pop("container-title", None)
        item.setdefault("publisher", found.group("publisher").strip())
        item.setdefault("publisher-place", found.group("place").strip())
        return
    item["container-title"] = found.group("journal").strip()
    item["volume"], item["page"] = found.group("volume"), _page(found.group("page"))
    if found.group("issue"):
        item["issue"] = found.group("issue")


# APA's medium after a title, in square brackets: "Bowling for Columbine [DVD]", "… prince
# [Motion picture]" (no part of the title)
_MEDIUM = re.compile(r"\s*\[(?:motion picture|film|dvd|blu-ray|video(?: file)?|television "
                     r"(?:series|broadcast|series episode)|tv series|audio podcast|podcast(?: "
                     r"episode)?|computer software|software|data ?set|video game|blog post|"
                     r"tweet|photograph|painting|map|cd|audio recording|sound recording|"
                     r"brochure|fact sheet|lecture notes|powerpoint slides|webinar|"
                     r"infographic|mobile application software)\]$", re.I)
# APA's roles after a name: "Moore, M. (Writer/Director). (2003). Bowling for Columbine
# [DVD].", "Barron, D., Heyman, D. (Producers), & Yates, D. (Director). (2009). …"
_ROLE = (r"\((?:executive\s)?(?:writers?|directors?|producers?|hosts?|creators?|composers?|"
         r"narrators?|performers?|speakers?|presenters?|artists?)(?:\s?/\s?[a-z]+){0,2}\)")
_ROLES_BEFORE_A_TITLE = re.compile(
    rf"^(?P<names>(?>[^()]{{1,200}}?\s?{_ROLE})(?>,?\s?&?\s?[^()]{{1,200}}?\s?{_ROLE}){{0,20}})"
    r"\.?\s\((?P<year>(?:1[5-9]|20)\d\d)[a-z]?(?:,[^()]{1,20})?\)\.\s"
    r"(?P<title>[^\[]+?)(?:\s?\[[^\]]{1,40}\]\.|"
    r"(?<=[^\W\d_]{2})\.(?:\s|$)|(?<=[?!])(?:\s|$))", re.I)  # (not the full stop of "B. F.")


def _medium_and_roles(item: dict[str, Any], text: str) -> None:
    """A film's, a podcast's or software's medium in brackets is no part of its title; and
    names with APA's roles in brackets are the authors, the title after the year the title
    (the tagger took a role for it)."""
    roled = _ROLES_BEFORE_A_TITLE.match(text)
    if roled:
        persons = split_authors(re.sub(_ROLE, "", roled.group("names"), flags=re.I))
        if persons:
            item["author"] = persons
        item["title"] = roled.group("title")
        item["issued"] = {"date-parts": [[int(roled.group("year"))]]}
    title = item.get("title", "")
    medium = _MEDIUM.search(title)
    if medium and medium.start() > 0:
        item["title"] = title[:medium.start()]


_TRANSLATOR_MARK = r"(?:tr|trans|transl|translated\s+by)\.?"
# "Toward an Aesthetic of Reception, Timothy Bahti (trans.)": the translator's name before
# the mark, run into the title
_NAMED_BEFORE_MARK = re.compile(r",\s+((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+)$")
# "… An Experiential Theology (tr. Columban Heaney)": the mark opening the bracket that
# names the translator, which the tagger cut in two
_MARK_AT_END = re.compile(rf"\s*\(\s*{_TRANSLATOR_MARK}$", re.I)


def _translator_after_title(item: dict[str, Any], text: str) -> None:
    """A translator named after the title, with "(trans.)" after the name or "(tr. Name)",
    is no part of the title, and the name is not the container: it is the translator."""
    title = item.get("title", "")
    named = _NAMED_BEFORE_MARK.search(title)
    if named and re.search(re.escape(title) + rf"\s*\(\s*{_TRANSLATOR_MARK}\s*\)", text, re.I):
        item["title"] = title[:named.start()]
        item.setdefault("translator", split_authors(named.group(1)))
        return
    mark = _MARK_AT_END.search(title)
    if mark:
        item["title"] = title[:mark.start()]
        container = item.get("container-title", "")
        if container and re.search(re.escape(title) + r"\.?\s*" + re.escape(container)
                                   + r"\s*\)", text):
            item.setdefault("translator", split_authors(item.pop("container-title")))


# what someone other than the author did, after the title's full stop with the name after
# it: "Quaderni del carcere. A cura di Valentino Gerratana", "… Edited by Guenther Roth"; or
# after its comma, as notes in French and Italian write them ("La civilisation des mœurs,
# trad. Pierre Kamnitzer", "Quaderni del carcere, a cura di Valentino Gerratana")
_ROLE_AFTER_TITLE = re.compile(
    r"\.\s+(?:a cura di|edited by|translated by|trans(?:l)?\.(?:\s+by)?|tr\.\s+by|"
    r"übersetzt von|hrsg\.\s+von|herausgegeben von|traduit (?:de l['’]\w+\s+)?par|"
    r"édité par|edición de|traducción de)\s+[^.]{2,}$", re.I)
# ... after a comma (a book's, no article's: "Review of The Iliad, translated by Robert
# Fagles" is a review's title), its role in small letters, whatever follows the name: "…, a
# cura di V. Gerratana, 4 vols", French "…, éd. Bruno Bernardi"; or the role's word alone,
# where the title was cut at its full stop: "…, trad", "…, éd"
_ROLE_AFTER_A_BOOKS_TITLE = re.compile(
    r",\s(?:(?:a cura di|edited by|translated by|trad\.(?:\s(?:de|par|di))?|éd\.)\s(?=[A-ZÀ-Þ])"
    r"|(?:trad|transl?|éd|a cura di|edited by|translated by)$)")  # (an introduction's writer
# stays: AnyStyle's gold keeps "El siglo de las luces. Introduction by Carlos Fuentes")


# ... and in Chinese, the translators before their "译" ("深度学习. 赵申剑, 黎彧君, 符天凡, 等译")
# (names of two to four characters each: a subtitle "机器翻译" is none, its "译" "翻译"'s)
_CHINESE_ROLE_AFTER_TITLE = re.compile(
    r"[.．。]\s*([\u4e00-\u9fff·]{2,4}(?:\s*[,，、]\s*[\u4e00-\u9fff·]{2,4}){0,9})"
    r"\s*[,，]?\s*(?:等\s*)?(?<!翻)(?:译|譯)$")


def _german_quote_closing_a_title(item: dict[str, Any], text: str) -> None:
    """A title ending with a phrase in German quotation marks keeps the closing one, which
    the quotation marks taken off a title's ends took: "… zum sozialen Sinn des „Förderns und
    Forderns“"."""
    title = str(item.get("title") or "")
    if "„" in title and title.count("„") > title.count("“") and title + "“" in text:
        item["title"] = title + "“"


def _role_ending_a_title(item: dict[str, Any]) -> None:
    """An editor or translator named after the title's full stop is no part of the title;
    Chinese translators so named are the translators."""
    if _title_cut_at(item, _ROLE_AFTER_TITLE) or not item.get("container-title") and \
            _title_cut_at(item, _ROLE_AFTER_A_BOOKS_TITLE):
        return
    title = item.get("title", "")
    chinese = _title_cut_at(item, _CHINESE_ROLE_AFTER_TITLE) if "译" in title or "譯" in title \
        else None
    if chinese:
        item.setdefault("translator", split_authors(chinese.group(1).strip(" ,，、")))


# Nature's book: the names with their initials, the title, its edition, and the publisher and
# year in brackets, "…& Hudspeth, A. J. Principles of Neural Science 5th edn (McGraw-Hill,
# 2013)." (the tagger reads the last initial into a journal it makes of the title)
_NAME_AND_INITIALS = re.compile(r"[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s?-?)+\s+(?=[A-Z])")
_NATURE_BOOK = re.compile(
    r"(?P<title>[A-Z][^()]{2,200}?)"
    r"(?:\s+(?P<edition>\d{1,2})(?:st|nd|rd|th)\s+edn)?\s+\((?P<publisher>[^(),]{2,80}),\s+"
    r"(?:1[5-9]|20)\d\d\)\.?\s*$")


def _nature_book(item: dict[str, Any], text: str) -> None:
    """A book as Nature cites it: its title, edition and publisher, and the names before it,
    where the tagger found no title."""
    last = None if "title" in item else \
        next(reversed(list(_NAME_AND_INITIALS.finditer(text[:300]))), None)  # the last name
    found = _NATURE_BOOK.match(text, last.end()) if last else None
    if found is None:
        return
    names = split_authors(re.sub(rf"^\s*{_LIST_NUMBER}\s*", "", text[:found.start("title")]))
    if names:
        item["author"] = names
    item["title"] = found["title"].strip()
    item.pop("container-title", None)
    item.setdefault("publisher", found["publisher"].strip())
    if found["edition"]:
        item.setdefault("edition", found["edition"])


# MLA's book, its title read into its author's given name: "Morrison, Toni. Beloved. 1987."
_TITLE_IN_THE_GIVEN_NAME = re.compile(r"(?P<given>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\.\s+"
                                      r"(?P<title>[A-Z][^.]{1,200})$")


def _title_read_as_a_given_name(item: dict[str, Any]) -> None:
    """The title of a work by one author, which the tagger ran into the author's given
    names after their full stop, where it found no title."""
    authors = item.get("author") or []
    found = _TITLE_IN_THE_GIVEN_NAME.fullmatch(authors[0].get("given", "")) \
        if len(authors) == 1 and "title" not in item else None
    if found:
        authors[0]["given"] = found["given"]
        item["title"] = found["title"].strip()


# APA's form with a Chinese author, whose title the tagger, trained on Western ones, does not
# find: "新华社. (2023, March 5). 政府工作报告全文. 新华网. http://…"
# (Taiwan's APA: "林俊宏（2018）。〈臺灣稻作產業之變遷〉。《農業經濟叢刊》，第23卷第2期" — the
# article's title in 〈〉, the journal's in 《》; a thesis's kind in brackets after its title,
# "（碩士論文）", "(博士学位论文, 吉林大学)")
# (and a Korean one, in Hangul: "김민수, 이지영. (2020). 청년층의 주거 빈곤과 정신건강. 한국사회학,
# 54(3), 101-135.", its journal named before its numbers with no marks)
_CHINESE_APA = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?(?P<names>[\u4e00-\u9fff\uac00-\ud7a3·、，, ]{{2,40}}?)"
    r"\s*[.．。]?\s*"
    r"\((?:1[5-9]|20)\d\d[a-z]?(?:,[^()]{1,30})?\)\s*[.．。]\s*〈?(?P<title>[^.．。〈〉]{2,200}?)〉?"
    r"\s*[.．。](?:\s*《(?P<container>[^《》]{1,80})》|"
    r"\s*(?P<plain>[\u4e00-\u9fff\uac00-\ud7a3][\u4e00-\u9fff\uac00-\ud7a3 ]{1,40})"
    r"\s*[,，]\s*\d{1,4}\s*[(（,，])?")
_THESIS_IN_BRACKETS = re.compile(rf"\s*\([^()]*{_CHINESE_THESIS}[^()]*\)$")


def _chinese_names_in_apas_form(item: dict[str, Any], text: str) -> None:
    """A Chinese author and title in APA's order, where the tagger found no title: the
    names, the title without a thesis's kind, and a journal in 《》 after it."""
    found = _CHINESE_APA.match(text) if "title" not in item else None
    if found is None:
        return
    names = split_authors(found["names"].strip(" ,，"))
    if names:
        item["author"] = names
    item["title"] = _THESIS_IN_BRACKETS.sub("", found["title"].strip())
    if found["container"]:
        item["container-title"] = found["container"].strip()
    elif found["plain"] and "container-title" not in item:
        item["container-title"] = found["plain"].strip()
