"""Patterns and helpers more than one family of repair rules reads: where a field ends in the
text, a proceedings' name, a preprint server, places, the first words of journals, a GB/T 7714
type code, a Chinese judgment and a law's article.
"""

from __future__ import annotations

import re

from archiver.citations.parse.token_features import _DOCTYPE_RE

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


# an old-style arXiv identifier, its archive spaced as a PDF may ("hep-th/9802150",
# "math.AG/0101001", "hep -lat/0602031")
_OLD_ARXIV_ID = r"[a-z]+(?:\s?-\s?[a-z]+)?(?:\.[A-Z]{2})?\s?/\s?\d{7}"
# ... or a new-style one, spaced as a PDF may ("1202.2281", "1511 .09222", "1706.03762v2")
_ARXIV_ID = rf"(?:\d{{4}}\s?\.\s?\d{{4,5}}(?:v\d+)?|{_OLD_ARXIV_ID})"
# a year in brackets, as physics references print it ("(2012)", "( 2011)")
_BRACKETED_YEAR = r"\(\s?(?:1[5-9]|20)\d\d[a-z]?\s?\)"
_CONFERENCE = re.compile(r"\b(?:conference|conf|symposium|symp|workshop|congress|meeting)\b",
                         re.I)
# "Proceedings of the 2021 …", "Proc. 14th …": a conference's; not "Proc. IEEE", "Proc Natl
# Acad Sci", "Proceedings of the Royal Society B" (journals), nor "Process Biochem"
_NUMBERED_PROCEEDINGS = re.compile(
    r"(?:In\s+)?Proc(?:eedings)?\b\.?\s+(?:of\s+(?:the\s+)?)?(?:\d{4}\b|\d+(?:st|nd|rd|th)\b|"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b)",
    re.I)


def _is_proceedings(container: str) -> bool:
    """Whether a container is a conference's proceedings (see :data:`_NUMBERED_PROCEEDINGS`)."""
    return bool(_CONFERENCE.search(container) or _NUMBERED_PROCEEDINGS.match(container))


def _field_end(item: dict[str, Any], key: str, text: str) -> int:
    """Where the reference's field ``key`` (first found) ends in its text; -1 when it has
    none, or the text does not hold it as read."""
    value = item.get(key, "")
    at = text.find(value) if value else -1
    return at + len(value) if at >= 0 else -1


def _title_end(item: dict[str, Any], text: str) -> int:
    """Where the reference's title ends in its text (-1: see :func:`_field_end`). Rules of
    each family read what follows a title the tagger cut short."""
    return _field_end(item, "title", text)


def _issued_year(item: dict[str, Any]) -> int | None:
    return ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]


# the number a reference list puts before an entry, as the rules that read the entry's first
# words pass over it: "[3]", "12.", "4)"
_LIST_NUMBER = r"(?:\[\d{1,3}\]|\d{1,3}[.)])"


# a month's name, full or abbreviated (no full stop: a caller says whether one may follow)
_MONTH_WORD = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
               r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")


# the servers preprints are posted on, as references name them ("Preprint at arXiv.",
# "bioRxiv 2023.04.30.538439", "arXiv:2001.08361")
_PREPRINT_SERVER = re.compile(
    r"\b(arXiv|bioRxiv|medRxiv|ChemRxiv|PsyArXiv|SocArXiv|EarthArXiv|TechRxiv|SSRN|"
    r"Research Square|Preprints\.org|OSF Preprints)\b(?![./]\w)", re.I)


# a place the title ends with, after its comma, read as the journal's first word: "… in
# Wuhan, China. Lancet 395, 497–506 (2020)" (Nature's style): a word of four letters or more,
# none of the abbreviated journals' first words, before a journal whose first word is whole
# (not "…, Cell. Mol. Life Sci.", "…, Mach. Learn. 45", "…, Organ. Sci. 2")
_PLACE_NAME = re.compile(r"(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]{3,}")
_ONE_WORD_JOURNAL = re.compile(r"[A-Z][\w&’'-]*")


# the countries and regions a title most often ends with ("… in Wuhan, China."): one is a
# place whatever follows it, even a journal's name with a full stop ("China. Lancet. 395")
_PLACES = frozenset({
    "China", "Japan", "Korea", "Taiwan", "India", "Pakistan", "Bangladesh", "Nepal", "Iran",
    "Turkey", "Israel", "Egypt", "Ethiopia", "Kenya", "Uganda", "Tanzania", "Nigeria", "Ghana",
    "Africa", "Asia", "Europe", "America", "Australia", "Canada", "Mexico", "Brazil",
    "Argentina", "Chile", "Peru", "Colombia", "England", "Scotland", "Wales", "Ireland",
    "France", "Germany", "Italy", "Spain", "Portugal", "Netherlands", "Belgium", "Sweden",
    "Norway", "Denmark", "Finland", "Poland", "Russia", "Greece", "Switzerland", "Austria",
    "Vietnam", "Thailand", "Malaysia", "Singapore", "Indonesia", "Philippines", "Zealand",
    "Antarctica", "Arctic"})


def _is_a_place(place: str, journal: str, text: str) -> bool:
    """Whether ``place``, printed before ``journal`` (the tagger's) with a full stop between
    them, is a place ending the title before it (see :data:`_PLACE_NAME`): one of
    :data:`_PLACES`, or a whole word before a one-word journal that is no abbreviation."""
    if any(w in _JOURNALS_FIRST_WORDS for w in place.split()):
        return False
    if place.split()[-1] in _PLACES:  # before any journal: "…, Antarctica. Antarct. Sci. 18"
        return True
    return _PLACE_NAME.fullmatch(place) is not None and \
        _ONE_WORD_JOURNAL.fullmatch(journal.strip()) is not None and \
        re.search(re.escape(f"{place}. {journal}") + r"(?!\.)", text) is not None


# what kind of thesis a work is, printed after its title: APA's "(Doctoral dissertation)",
# "(Master's thesis)", "(Doctoral dissertation, University of …)"; a note's ". Thèse de
# doctorat", ". Tesis doctoral", ". PhD thesis"
_THESIS_KIND = (r"(?:unpublished\s+)?(?:doctoral|master[’']?s?|bachelor[’']?s?|honou?rs|"
                r"ph\.?\s?d\.?|m\.?\s?a\.?|m\.?\s?sc?\.?|m\.?\s?phil\.?|diploma|senior)\s+"
                r"(?:dissertation|thesis|project)")


_GLUED_YEAR = re.compile(r"[ \t]+(1[5-9]\d\d|20\d\d)(?!\d)")


# Vancouver's date before its volume: its month and day, if any, then a semicolon
# ("2001 Mar;", "2020 Feb 20;"), after its year
_MONTH_DAY_SEMICOLON = r"(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;"


# the first words of abbreviated journals' names (ISO 4): "Nucl. Phys. B", "J. Stat. Mech.",
# "Int. J. Mod. Phys.", "Commun. Math. Phys.", "Adv. Appl. Math.", "Publ. RIMS"
_JOURNALS_FIRST_WORDS = frozenset({
    "J", "Nucl", "Phys", "Int", "Adv", "Publ", "Commun", "Ann", "Annu", "Proc", "Prog", "Rev",
    "Lett", "Eur", "Am", "Chem", "Biol", "Med", "Math", "Appl", "Sci", "Res", "Instrum",
    "Bull", "Soc", "Natl", "Acad", "Theor", "Exp", "Opt", "Mater", "Geophys", "Trans",
    "Comput", "Mech", "Eng", "Environ", "Clin", "Biochem", "Pharmacol", "Neurosci", "Psychol",
    "Econ", "Stat", "Curr", "Can", "Br", "Brit", "Jpn", "Chin", "Ind", "Inorg", "Org", "Anal",
    "Angew", "Class", "Quant", "Gen", "Rep", "Astrophys", "Astron", "Zh", "Sov", "Helv",
    "Europhys", "Fortschr", "Arch", "Biophys", "Genet", "Immunol", "Microbiol", "Ecol", "Evol",
    "Zool", "Geol", "Atmos", "Meteorol", "Syst", "Mol", "Mod", "Mon", "Mem", "Semin", "Philos",
    "Cell", "Front", "Astropart", "Yad", "Nuovo"})


def gbt_code(text: str) -> str | None:
    """The GB/T 7714 document type code a reference gives (``J`` of ``[J/OL]``), if any."""
    code = _DOCTYPE_RE.search(text)
    return code.group(1).split("/")[0] if code else None


_URL = re.compile(r"https?://[^\s<>\"“”]+")


_CN_NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


def _arabic(number: str) -> str:
    """A volume's number as a Chinese reference marks it (``第三卷``, gbt's ``_CN_VOLUME``),
    as digits: "3" and "三" are 3,
    "十二" 12, "二十" 20."""
    if number.isdigit():
        return number
    tens, ten, units = number.partition("十")
    if not ten:
        return str(_CN_NUMERALS[number])
    return str(10 * (_CN_NUMERALS[tens] if tens else 1) + (_CN_NUMERALS[units] if units else 0))



# a volume, a collection's part or a book's, marked as a Chinese reference marks it, its number
# in figures or in words ("第3卷", "第三卷", "第5册", "第10辑")
_CN_VOLUME_NUMBER = r"(\d+|[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_CN_MARKED_VOLUME = re.compile(rf"第\s*{_CN_VOLUME_NUMBER}\s*[卷辑輯册冊]")


# the kinds of thesis a Chinese reference names in words ("（碩士論文）", "(博士学位论文,
# 吉林大学)")
_CHINESE_THESIS = r"(?:学位论文|學位論文|硕士论文|碩士論文|博士论文|博士論文)"


# a Chinese note's number, in any of its forms ("⑧", "[8]", "(22)", "（22）", "〔16〕", "9．",
# "9、"), and its "see" before the work it points to: the words that may stand before a name
# run into them ("参见黄宗智"), and a bare 见 before a mark or a title ("见《…》", "见[美]…")
_NOTE_NUMBER = r"(?:[①-⑳]|\[\d{1,3}\]|[(（〔]\d{1,3}[)）〕]|\d{1,3}[.、)．]?)"
# (前引 and 前揭 point back to a work cited before, named after them: "前引钱穆：《国史大纲》";
# 前引书 is the work itself, a short form)
_SEE_BEFORE_A_NAME = r"(?:参见|参看|详见|转引自|前引(?![书書文])|前揭(?![书書文]))"
_SEE = rf"(?:{_SEE_BEFORE_A_NAME}|见)"


# pages marked "p." or "pp." right after a comma, a range or one page: ", pp. 45-78", ", p. 12"
_PAGES_AFTER_A_COMMA = re.compile(r",\s*pp?\.\s*(\d+(?:\s?[-–]\s?\d+)?)")


# the kinds of paper a series numbers, as reports and working papers cite them: "NBER Working
# Paper 9873", "IMF Staff Discussion Note SDN/2023/001" (one paper's: "Oceanographic Research
# Papers 45(9)" is a journal)
_NUMBERED_PAPER = (r"(?:Working|Discussion|Policy|Occasional|Technical|Research)\s+"
                   r"(?:Paper|Note|Brief|Report)")


# a Chinese court's judgment, ruling or mediation: "最高人民法院（2019）最高法民再245号民事判决
# 书", after a note's "see" perhaps (brackets as printed, or as NFKC makes them: "(2019)")
_JUDGMENT = re.compile(
    rf"^\s*(?:{_NOTE_NUMBER}\s*)?{_SEE}?\s*"
    r"(?P<court>[\u4e00-\u9fff]{2,30}?(?:人民法院|法院|仲裁委员会))\s*"
    r"(?P<title>[(（](?P<year>(?:19|20)\d\d)[)）][^\s,，。;；()（）]{2,40}?号"
    r"[\u4e00-\u9fff]{0,8}?(?:判决书|裁定书|调解书|决定书|通知书))")
# a Chinese law, regulation or judicial interpretation, cited by its article at a note's end:
# "《中华人民共和国民法典》第1165条第1款。", "《…若干问题的解释》（法释〔2023〕13号）第5条"
_ARTICLE_OF_A_LAW = re.compile(r"(?:法|法典|条例|规定|办法|解释|决定|细则)》"
                               r"(?:\s*[(（][^()（）]{1,30}[)）])?"
                               r"\s*第\s*(?P<article>[\d一二三四五六七八九十百千]+)\s*条"
                               # (the note's end: "《刑法》第3条的规范构造[J]" is a title; "之一",
                               # its paragraphs and more articles may follow: "第1165条、第1166条")
                               r"(?:之[一二三四五六七八九十]|\s*第\s*[\d一二三四五六七八九十]+\s*[款项]|"
                               r"\s*[、,，和及]\s*第\s*[\d一二三四五六七八九十百千]+\s*条)*\s*[。.]?\s*$")


# a case as the Bluebook cites it: "Brown v. Board of Education, 347 U.S. 483 (1954)." (the
# parties, the reporter's volume, its name and the first page, the court and year in brackets)
_US_CASE = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?(?:See,?\s+)?(?P<title>[A-Z][^,()]{{0,150}}?\sv\.?\s[^,()]{{1,150}}?),"
    r"\s+(?P<volume>\d{1,4})\s+(?P<reporter>[A-Z][A-Za-z0-9.' ]{0,24}?)\s+(?P<page>\d{1,5})"
    # (the court before the year: "(S.D.N.Y. 2001)", "(9th Cir. 1993)")
    r"(?:,\s*\d{1,5}(?:\s*[-–]\s*\d{1,5})?)?\s+\((?:[^()]{1,30}?\s)?(?P<year>(?:1[7-9]|20)\d\d)\)"
    r"\.?\s*$")
# ... as OSCOLA cites an English one: "Donoghue v Stevenson [1932] AC 562 (HL)." (the year in
# square brackets, the report's volume if any, its name, the first page, the court)
_UK_CASE = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?(?P<title>[A-Z][^\[\](),]{{0,150}}?\sv\.?\s[^\[\](),]{{1,150}}?)\s+"
    r"\[(?P<year>(?:1[7-9]|20)\d\d)\]\s+(?:(?P<volume>\d{1,3})\s+)?(?P<reporter>[A-Z][A-Za-z]{0,9})"
    r"\s+(?P<page>\d{1,5})(?:\s+\([A-Z][A-Za-z ]{0,12}\))?\.?\s*$")
# a United States statute: "Civil Rights Act of 1964, Pub. L. No. 88-352, 78 Stat. 241 (1964)."
_US_STATUTE = re.compile(
    r"^\s*(?P<title>[A-Z][^,]{2,150}?),\s+Pub\.\s?L\.\s?No\.\s?\d{1,3}-\d{1,4},\s+"
    r"(?P<volume>\d{1,4})\s+Stat\.\s+(?P<page>\d{1,5})(?:,\s*\d{1,5})?\s+"
    r"\((?P<year>(?:1[7-9]|20)\d\d)\)\.?\s*$")


# what names a periodical, not a book ("Annalen der Physik", "Phys. Rev. Lett.", "Annual Review
# of Psychology", "Philosophical Magazine"): the forms read whole that have a title where a
# journal may stand (a Chicago short note, a Bluebook book) are not read so with one. (Words
# books use too, "Science in Action", "A Theory of Judicial Review", "Dr. Jekyll", are none.)
_PERIODICALS_WORD = re.compile(
    r"\b(?:Annalen|Zeitschrift|Physik|Proceedings|Transactions|Bulletin|Magazine|Quarterly|"
    r"Journal\s+of|Review\s+of|Annals\s+of|Letters\s+in)\b|"
    r"\b(?!(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|No|Vol)\.)[A-Z][a-z]{0,6}\.(?=\s|$)")


# German's edition, its number and "Aufl." ("3. Aufl.", "6. Auflage"): ending a title, or in a
# German note's book
_AUFLAGE = r"(?P<edition>\d{1,2})\.\s*Aufl(?:age|\.)?"


def _printed_once(value: str, text: str) -> bool:
    """Whether ``value`` stands in ``text`` once as a number of its own."""
    return len(re.findall(rf"(?<![\w.]){re.escape(value)}(?![\w])", text)) == 1


# names up to the full stop that ends them, not an initial's ("Donald A. Yates")
_NAMES_TO_THEIR_STOP = r"[A-Z](?:[^.“”\"]|(?<=\b[A-Z])\.)*?(?<!\b[A-Z])"
