"""The title-less forms physics and astronomy print (names with bare initials, an
abbreviated journal, volume, page and year in brackets; the Institute of Physics' year-first
form, PoS, JHEP's month issues), read by pattern where the tagger lost a part.
"""

from __future__ import annotations

import re

from archiver.citations.parse.authors import _GIVEN_NAMES, _GROUP_AUTHOR, _PINYIN, split_authors
from archiver.citations.parse.fields import _page
from archiver.citations.parse.shared import _ARXIV_ID, _JOURNALS_FIRST_WORDS, _PLACES

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


# the title-less forms of physics and astronomy: "N. Basu, Nutrition 27, 206 (2011).",
# "P. E. J. Nulsen and C. Jones, Astrophys. J. 665, 1057 (2007)." (Physical Review) and
# "Backus T.A., 1969, Mar. Biol., 3, 87" (MNRAS, ApJ, A&A)
_JOURNAL = r"(?P<journal>[A-Z][^,\d()\[\]“”\"]*?)"
_PAGES = r"(?P<page>[A-Z]?\d+(?:\s*[-–]\s*[A-Z]?\d+)?)"
_PHYSICS_FORMS = (
    re.compile(rf"^(?P<authors>[^\d()]+?),\s+{_JOURNAL}\s+(?P<volume>\d+),\s+{_PAGES}\s*"
               r"\((?P<year>(?:1[5-9]|20)\d\d)\)\.?$"),
    re.compile(rf"^(?P<authors>[^\d()]+?),?\s+\(?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)?,\s+"
               rf"{_JOURNAL}\.?,\s+(?P<volume>\d+),\s+{_PAGES}\.?$"),
)
# a name written initials first, as these forms print names: "V. Efimov", "H.-W. Hammer",
# "J.P. D'Incao", "W. van Oers", "K. S. SUSLICK"; and a list of them, joined by commas, "and",
# "&" or French "et", perhaps cut by "et al."
# (an initial of two letters too, "A. Yu. Morozov", "V. YA. SHTERN"; a particle capitalised,
# "S. Von Rotz")
# (a family name's particles, in lower case or capitalised: "van", "De", "la")
# a capital a family name opens with, Latin Extended-A's among them ("Ōshima", "Łukasik",
# "Šimek"; the class takes that whole block, its small letters too, which no name here
# opens with: what follows a name's initials is its capital)
_CAPITAL = r"[A-ZÀ-ÖØ-ÞĀ-ſ]"
_PARTICLE = r"(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]a|[Dd]i|[Dd]u|[Ll]e|[Ll]a|[Dd]el)"
_INITIALS_FIRST = (rf"(?:[A-Z][a-zA-Z]?\.\s?-?\s?){{1,4}}(?>(?:(?:{_PARTICLE}|[Dd]os)\s){{0,3}})"
                   rf"{_CAPITAL}(?:(?>[^\W\d_]+)(?:['’-](?>[^\W\d_]+))?|['’](?>[^\W\d_]+))"
                   # (a family name of two joined by a particle: "F. J. García de Abajo")
                   rf"(?:\s(?:de(?:\sla)?|del|da|dos|van\sder|van\sden|von)\s{_CAPITAL}"
                   r"(?>[^\W\d_]+))?")
_NAMES_FIRST = (rf"(?P<authors>{_INITIALS_FIRST}(?:(?:,\s?(?:(?:and|et|&)\s)?|\s(?:and|et|&)\s)"
                rf"(?>{_INITIALS_FIRST}))"
                r"{0,60}(?:,?\s?et\s?al\.?)?)")
_YEAR_BRACKETED = r"\(\s?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\s?\)"
# (an article number of a small letter too, "e2206531"; a DOI, a link in brackets or the same
# article in a second edition of the journal after the page)
_ARTICLE_PAGES = r"(?P<page>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)"
_CHEMISTS_TAIL = (r"(?:,\s?DOI:?\s?\S+?|\s?\(https?://[^()\s]+\)|;\s[A-Z][^;]{4,120}?)?"
                  r"\s?[.;]?")
# an e-print of the same paper after the year ("(2018), arXiv:1806.01122", "(2006)
# [arXiv:cond-mat/0506438]", "arXiv:1705.08813 [hep-th]"), or its erratum's volume, page and
# year ("(2018); 122, 019901(E) (2019)")
_EPRINT_TAIL = (r"(?:,?\s?\[?arXiv:\s?[\w./-]+(?:\s?\[[\w.-]+\])?\]?|"
                r";\s?\d{1,4},\s?[A-Z]?\d+\s?\(E\)\s?\((?:19|20)\d\d\))?")
# a journal whose name holds its place in brackets ("Ann. Phys. (N.Y.)", "J. Phys. (Paris)")
_PLACED_JOURNAL = (r"(?P<journal>[A-Z][^,\d()\[\]“”\"]*?(?:\s?\((?:N\.\s?Y\.|Paris|Berlin|"
                   r"Leipzig|London|Tokyo|Kyoto)\))?)")
# the same forms where the names are all written initials first, whatever ends them (a comma,
# a full stop: chemists' "E. ROSE et K. S. SUSLICK. J. Am. Chem. Soc. 102, 3224 (1980).");
# and Elsevier's physics form, its year before its pages ("V. Efimov, Phys. Lett. B 33 (1970)
# 563."), or a page alone, where the journal printed no volume ("Tetrahedron Lett. 3169 (1978)")
_NAMED_FORMS = tuple(
    (re.compile(form.replace("<sep>", separator)), separator == r"\s")
    for separator in (r",\s?", r"\.\s", r":\s", r"\s") for form in (
        rf"^{_NAMES_FIRST}<sep>{_PLACED_JOURNAL}(?:,?\s|(?<=\.))(?P<volume>\d+),\s?{_PAGES}\s?"
        rf"{_YEAR_BRACKETED}{_EPRINT_TAIL}\s?[.;]?$",
        rf"^{_NAMES_FIRST}<sep>{_PLACED_JOURNAL}\s?(?P<volume>\d+)\s?{_YEAR_BRACKETED}\s?,?\s?"
        rf"{_PAGES}{_EPRINT_TAIL}\s?[.;]?$",
        rf"^{_NAMES_FIRST}<sep>{_PLACED_JOURNAL},?\s(?P<volume>[A-Z]?\d+)\s?:\s?{_PAGES}\s?"
        rf"{_YEAR_BRACKETED}{_EPRINT_TAIL}\s?[.;]?$",
        rf"^{_NAMES_FIRST}<sep>{_PLACED_JOURNAL}(?:,?\s|(?<=\.))(?P<page>[A-Z]?\d+)\s?"
        rf"{_YEAR_BRACKETED}{_EPRINT_TAIL}\s?[.;]?$")) + (
    # chemists' (the RSC's, Wiley's): the year before volume and page, "Chem. Soc. Rev.,
    # 2015, 44, 2060–2086", "Angew. Chem. Int. Ed. 2019, 58, 12345–12350; Angew. Chem. 2019,
    # 131, 12457–12462" (the German edition after it), "Small 2023, 19, e2206531", a DOI
    # perhaps after it; the names ended by a comma only ("J. Smith, K. Lee. Perovskite Solar
    # Cells. Nat. Energy 2020, 5, 123" has a title)
    # (and a journal of abbreviations, a single word whole at most in a row: not "K. Lee.
    # Perovskite Solar Cells. Nat. Energy", a name and a title before the journal)
    # (a journal may open as a name does, "J. Am. Chem. Soc.", "J. Mater. Chem. A": the
    # journals' words after "J." say it is one)
    (re.compile(rf"^{_NAMES_FIRST},\s(?!(?!J\.\s?(?:{'|'.join(sorted(_JOURNALS_FIRST_WORDS))})\.)"
                r"[A-Z]\.\s?[A-Z][\w'’-]+[.,])"
                r"(?P<journal>(?!(?:[^\s,\d]*\s)*?[A-Z][a-z]+\s[A-Z][a-z]+\b(?!\.))"
                r"[A-Z][^,\d()\[\]“”\"]*?),?\s(?P<year>(?:1[5-9]|20)\d\d),\s?"
                rf"(?P<volume>\d+),\s?{_ARTICLE_PAGES}{_CHEMISTS_TAIL}$"), False),)
# names written family name first, in capitals or not, then their initials ("LIANG Z T, WANG
# X N", "Biró T S, Müller B"), the journal, the year, then volume and page after a colon:
# Chinese physics journals' form ("Phys. Lett., 2005, B629: 20"), an e-print perhaps after it
# (a family name with its capital: "Müller", "D'Incao", "Karsch-Mizrachi")
_CAPITALISED_FAMILY = rf"{_CAPITAL}[^\W\d_]+(?:['’-][^\W\d_]+)?"
_FAMILY_FIRST = rf"{_CAPITALISED_FAMILY}(?:\s[A-Z](?![^\W\d_])){{1,3}}"
_FAMILY_FIRST_FORM = re.compile(
    rf"^(?P<authors>{_FAMILY_FIRST}(?:,\s(?>{_FAMILY_FIRST})){{0,30}}(?:,?\s(?:et\s?al|等)\.?)?)"
    rf"\.\s{_JOURNAL}\.?,\s(?P<year>(?:1[5-9]|20)\d\d),\s?(?P<volume>[A-Z]?\d+)\s?:\s?"
    rf"{_PAGES}\s?(?:\.?\s?arXiv\s?:\s?[\w./-]+)?\s?[.;]?$")
# the Institute of Physics' title-less form: the names family name first with bare initials,
# the last after "and", then the year, the journal, volume and page with no marks ("Keller S
# C, Bessell M S, … and Tisserand P 2014 Nature 506 463 -466", "Ishigaki M N, … and Nomoto K
# 2014 ApJL 792 L32", a PDF's "Leenaarts J2017 A&A 597 A6")
_IOP_NAME = rf"(?>(?:{_PARTICLE}\s){{0,3}}){_FAMILY_FIRST}"
_IOP_FORM = re.compile(
    rf"^(?P<authors>{_IOP_NAME}(?:,\s?(?>{_IOP_NAME})){{0,60}}(?:,?\s(?:and|&)\s"
    rf"(?>{_IOP_NAME}))?(?:,?\set\sal\.?)?)\s?(?P<year>(?:19|20)\d\d)[a-z]?\s{_JOURNAL}\s"
    rf"(?P<volume>\d+)\s{_PAGES}\s?[.;]?$")


def _iop_title_less(text: str) -> re.Match[str] | None:
    """``text`` read as :data:`_IOP_FORM`, where what stands for its journal is one: no
    title's word in it, abbreviated or a single word ("… 2014 Nature 506 463", not "… 2015
    Advanced LIGO Class. Quantum Grav. 32 074001" nor "… 2018 Quantum computing in the NISQ
    era and beyond Quantum 2 79")."""
    found = _IOP_FORM.match(text)
    journal = found.group("journal") if found else ""
    if found and not _NOT_A_JOURNALS_WORD.search(journal) and not _NAMES_GO_ON.match(journal) \
            and (_abbreviated_journal(journal) or journal.isalpha()):
        return found
    return None


# the names' list read on into the journal ("J. I. BRAUMAN, E. ROSE et K. S. SUSLICK. J. Am.
# Chem. Soc."): the forms are tried with a comma ending the names first, where "Q. Rev. Biol."
# would be a name, and the journal they then find must not open with names
_NAMES_GO_ON = re.compile(rf"{_INITIALS_FIRST}(?:,\s?|\s(?:and|et|&)\s)")
# the words of a journal's name: capitalised or abbreviated, and the small words between them
# ("Journal of the American …", "Bull. Soc. Chim. Fr."); a word of a title is none of these
_NOT_A_JOURNALS_WORD = re.compile(
    r"(?<![\w.'’-])(?!(?:of|and|the|for|in|on|de|des|du|la|le|et|für|und|der|die|das|a)\b)"
    r"[a-z][a-z'’-]*\b(?!\.)")


_WORDS_OF_A_TITLE = re.compile(r"(?:\b[a-z]{2,}\b\W+){3}")  # names have no such run
# what the tagger takes for a title in a list of names: an initial, a name before "et al."
_NAME_READ_AS_TITLE = re.compile(r"[A-Z]\.?$|[A-Z][\w'’-]*\s+et\.?\s*al\.?$")
# ... or the rest of the names, each word capitalised ("M. P., Rees M. J": "Couchman H. M. P.,
# Rees M. J., 1986, MNRAS, 221, 53", the first name's second initial on)
_ALL_NAMES = re.compile(r"(?>[A-ZÀ-Þ](?>[^\W\d_]*)(?:['’-](?>[^\W\d_]+))?\.?,?\s?){1,40}")
# a numbered list's number before the reference: "6. ", "[18] ", "(5) "
# before names written initials first, as the physics forms write them ("6. A. Rivera, …"; not
# "8. Smith, J., Jones, K. Phys. Rev. Lett. …", which those forms do not read)
# (the RSC's bare number, "3 Y. Jiao, …", and a part's letter after it, "[8] a) Y. Li, …")
_ENTRY_NUMBER = re.compile(r"^\s*(?:\[\s?\d{1,3}\]\s*|\(\d{1,3}\)\s+|\d{1,3}\.?\s+)"
                           rf"(?:[a-z]\)\s+)?(?=(?:[A-Z]\.\s*-?)+{_CAPITAL})")


def _names_open(text: str) -> int:
    """Where a reference's names open: after its entry's number, "[21] ", "(3) ", "6. ",
    when names written initials first follow it; else at its start."""
    numbered = _ENTRY_NUMBER.match(text)
    return numbered.end() if numbered else 0


def _physics_forms(item: dict[str, Any], text: str) -> None:
    """A reference printed in a title-less physics or astronomy form is read by its form
    where the tagger lost a part: an abbreviated journal's first words taken for a name or
    a title ("Zool. Meded.", "Astrophys. J.", "Trudy Sov. Antarkt. Eksped."), an unfamiliar
    one-word journal, a four-digit page taken for the year. A title that is not part of the
    journal's name means the form is not one of these."""
    text = text[_names_open(text):]
    named = None
    for form, unmarked in (*_NAMED_FORMS, (_FAMILY_FIRST_FORM, False)):
        named = form.match(text)
        # the names followed by the journal with no mark between ("K. Mannheim Astropart.
        # Phys. 3 (1995) 295"): an abbreviated journal's name only
        if named and not _NOT_A_JOURNALS_WORD.search(named.group("journal")) and \
                not _NAMES_GO_ON.match(named.group("journal")) and \
                (not unmarked or _abbreviated_journal(named.group("journal"))):
            break
    else:
        named = _iop_title_less(text)
    if named:
        _read_by_its_form(item, named, split_authors(named.group("authors")))
        return
    for form in _PHYSICS_FORMS:
        match = form.match(text)
        if match:
            break
    else:
        return
    journal = match.group("journal").strip()
    title = item.get("title")
    # a "title" that is the journal's first words, or a part of the names ("6. A. Rivera,
    # B. Okafor, Science 299, 1540 (2003).": the initial "A")
    names_alone = bool(title) and (_NAME_READ_AS_TITLE.match(title) is not None or (
        _ALL_NAMES.fullmatch(title) is not None and re.search(r"\b[A-Z]\b", title) is not None))
    in_names = names_alone and re.search(rf"(?<!\w){re.escape(title)}(?!\w)",
                                         match.group("authors")) is not None
    if not journal.rstrip(". ") or _WORDS_OF_A_TITLE.search(match.group("authors") + " ") or \
            title and not (journal.startswith(title) and len(title.split()) <= 3) and \
            not in_names:
        return
    item.pop("title", None)
    if in_names:
        item.pop("author", None)  # the tagger's names were cut where its title began
    authors = [a for a in item.get("author", [])
               if a.get("given") or (a.get("family") or a.get("literal", "")) not in journal]
    if authors:
        item["author"] = authors
    elif "author" in item:
        del item["author"]
    _read_by_its_form(item, match, item.get("author") or split_authors(match.group("authors")))


# names written initials first, then an e-print alone, its archive and year perhaps after it:
# "V. Nair, arXiv:1705.08813 [cond-mat.str-el] (2017).", "A. Smith and B. Jones, arXiv
# preprint arXiv:2101.00001, 2021" (physics papers cite a paper not yet in a journal so)
_EPRINT_ALONE = re.compile(
    rf"^{_NAMES_FIRST},?\s(?:arXiv\s(?:preprint|e-prints?)\s)?arXiv:\s?{_ARXIV_ID}"
    rf"(?:\s?\[[\w.-]+\])?(?:,?\s?{_YEAR_BRACKETED}|,\s(?P<plain_year>(?:19|20)\d\d))?\s?\.?$")


def _eprint_alone(item: dict[str, Any], text: str) -> None:
    """A reference that is names and an arXiv e-print alone: the names are its authors (the
    tagger took "arXiv" for one more), and it has no title nor journal."""
    match = _EPRINT_ALONE.match(text[_names_open(text):])
    if not match:
        return
    for field in ("title", "container-title", "volume", "issue", "page"):
        item.pop(field, None)
    item["author"] = split_authors(match.group("authors"))
    year = match.group("year") or match.group("plain_year")
    if year:
        item["issued"] = {"date-parts": [[int(year)]]}


def _read_by_its_form(item: dict[str, Any], match: re.Match[str],
                      persons: list[dict[str, str]]) -> None:
    """The fields of a physics form (:func:`_physics_forms`) as its match reads them, the
    tagger's title gone: there is none in these forms."""
    item.pop("title", None)
    item.pop("author", None)
    if persons:
        item["author"] = persons
    item["container-title"] = match.group("journal").strip().rstrip(",")
    volume = match.groupdict().get("volume")
    if volume:
        item["volume"] = volume
    else:  # the page alone: the journal printed no volume
        item.pop("volume", None)
    item["page"] = _page(match.group("page"))
    item["issued"] = {"date-parts": [[int(match.group("year"))]]}


# the Journal of High Energy Physics and JCAP number their issues by month, the year being
# the volume (as Crossref deposits them): "JHEP 03 (2017) 135", "JHEP03 ( 2013)080", "JCAP
# 1703 (2017) 012" (year and month run together)
_MONTHLY_PHYSICS = re.compile(r"\b(?P<journal>JHEP|JCAP)\s?(?P<yy>\d\d)?(?P<issue>0[1-9]|1[0-2])\s?"
                              r"\(\s?(?P<year>(?:19|20)\d\d)\s?\)\s?,?\s?(?P<page>\d{3,6})\b")


def _monthly_physics_issue(item: dict[str, Any], text: str) -> None:
    """JHEP's and JCAP's month number is the issue, the year the volume (not the number the
    tagger took for a volume, or missed when run into the name: "JHEP03")."""
    found = _MONTHLY_PHYSICS.search(text)
    if not found or found.group("yy") and found.group("yy") != found.group("year")[2:]:
        return  # "JHEP 2012 (2012) 012": no month
    title = item.get("title", "")
    if title.endswith(found.group("journal")):
        item["title"] = title[:-len(found.group("journal"))].rstrip(" ,.")
    item["container-title"] = found.group("journal")
    item["issue"], item["volume"] = found.group("issue"), found.group("year")
    item["page"] = found.group("page")
    item["issued"] = {"date-parts": [[int(found.group("year"))]]}


# the Institute of Physics' JINST, JCAP and JSTAT cited year first: "…, 2007 JINST 2 P06004",
# "…,2009JINST 4 P04018" (the year, the journal, its volume and the article's number)
_YEAR_THEN_IOP_JOURNAL = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)\s?(?P<journal>JINST|JCAP|JSTAT)\s(?P<volume>\d{1,4})\s"
    r"(?P<page>[A-Z]?\d{3,6})\b")


def _year_then_iop_journal(item: dict[str, Any], text: str) -> None:
    found = _YEAR_THEN_IOP_JOURNAL.search(text)
    if not found:
        return
    title = item.get("title", "")
    at = text.find(title) if title else -1
    if 0 <= at < found.start() and at + len(title) > found.start():  # run into the year
        item["title"] = text[at:found.start()].rstrip(" ,.")
    item["container-title"] = found.group("journal")
    item["volume"], item["page"] = found.group("volume"), found.group("page")
    item["issued"] = {"date-parts": [[int(found.group("year"))]]}


# a physics reference's tail, its journal abbreviated, whatever comes before it (a title or
# not): Elsevier's "…, J. Phys. G18 (1992) 1575.", APS's and Springer's "…: Phys. Rev. 104,
# 254 (1956)", the Institute of Physics' "… 2016 Phys. Rev. Lett. 116 112501" (after the year)
# (one comma in it too: "J. Phys. G, Nucl. Part. Phys."; one word in full before it: "New J.
# Phys.")
_ABBREVIATED = (r"(?P<journal>(?:New\s)?[A-Z][a-z]{0,12}\.(?:\s?[A-Z&][^,:;\d()\[\]“”\"]*?)?"
                r"(?:,\s[A-Z][a-z]{0,12}\.[^,:;\d()\[\]“”\"]*?)?)")
_PHYSICS_TAILS = (
    re.compile(rf"[,:][”\"]?\s?{_ABBREVIATED}\s?(?P<volume>\d+)\s?\(\s?(?P<year>(?:1[5-9]|20)\d\d)"
               rf"[a-z]?\s?\)\s?,?\s?{_PAGES}\s?[.;]?$"),
    re.compile(rf"[,:][”\"]?\s?{_ABBREVIATED}\s?(?P<volume>\d+),\s?{_PAGES}\s?\(\s?(?P<year>"
               r"(?:1[5-9]|20)\d\d)[a-z]?\s?\)\s?[.;]?$"),
    re.compile(rf"(?<=(?:19|20)\d\d\s){_ABBREVIATED}\s(?P<volume>\d+)\s(?P<page>[A-Z]?\d+"
               r"(?:\s?[-–]\s?\d+)?)\s?\.?$"),
)
# a word no abbreviated journal's name holds: a lower-case word of five letters or more
# ("… Deep learning. Nature.", "… Gravitational anomalies. Nucl. Phys.": a title's)
_TITLES_WORD = re.compile(r"(?<![\w'’-])[a-z]{5,}\b")


def _abbreviated_journal(journal: str) -> bool:
    """Whether a physics tail's journal (:data:`_PHYSICS_TAILS`) is one: its first word one
    of the abbreviated journals' first words or short, no place, no title's word in it, and
    no names opening it."""
    first = journal.removeprefix("New ").split(".")[0]  # ("New J. Phys.": its "J.")
    head = journal.split(",")[0]
    if "," in journal and _INITIALS_AND_NAME.fullmatch(head.strip()):
        return False  # "S., Phys. Rev. Lett.", "L.Liebling, Phys. Rev. Lett.": a name
    if any(w not in _JOURNALS_FIRST_WORDS for w in _SENTENCE_END.findall(journal)):
        return False  # "W. Performance Persistence. Journal of Finance": a title's end
    return (first in _JOURNALS_FIRST_WORDS or len(first) <= 4) and first not in _PLACES and \
        first.lower() not in _NUMBERS_MARKS and \
        not _TITLES_WORD.search(journal) and not _NOT_A_JOURNALS_WORD.search(journal) and \
        not _NAMES_GO_ON.match(journal) and not _LAST_NAME_JOINED.search(journal) and \
        not _A_NAME_IN_CAPITALS.match(journal)


# a name's initials, its family name perhaps after them ("S.", "L.Liebling", "Zu-beri"), before
# a comma: no journal's opening
_INITIALS_AND_NAME = re.compile(rf"(?:[A-Z]\.\s?-?)+(?:\s?{_CAPITALISED_FAMILY})?")
# "A. M. REIS. Phyto-chemistry": a name in capitals after its initials, no journal's opening
_A_NAME_IN_CAPITALS = re.compile(r"(?:[A-Z]\.\s?-?){1,3}\s?(?:[A-Z]{2,}\s)?[A-ZÀ-Þ]{3,}\b")


# a word of seven letters or more ending a sentence inside a journal's name: a title's end
_SENTENCE_END = re.compile(r"\b([A-Z][a-z]{6,})\.\s")
# a family name printed before its initials ("…, Jones, K."), where a tail's comma follows it
_BARE_FAMILY_NAME = re.compile(rf"(?:^|,\s?|\d\.\s|&\s|\band\s){_CAPITALISED_FAMILY}$")
# the marks of a volume's or an issue's number, no journal ("…, Vol. 50, No. 3 (2006), 557")
_NUMBERS_MARKS = frozenset({"no", "vol", "nr", "pp", "p", "bd", "h", "heft", "iss", "suppl",
                            "pt", "ser", "art", "ch", "sec", "fig", "t", "n"})
# "… Matos Neto and A. E. Santana": a list's last name, no journal's words
_LAST_NAME_JOINED = re.compile(r"\s(?:and|et|&)\s(?:[A-Z]\.\s?-?){1,3}\s?[A-Z]")


def _title_ends_at(item: dict[str, Any], text: str, at: int) -> None:
    """The title ends where the journal begins in ``text``, at ``at``: none where it was read
    from there on, cut where it runs on into it."""
    title = item.get("title", "")
    title_at = text.find(title) if title else -1
    if title_at >= at:
        item.pop("title", None)
    elif title_at >= 0 and title_at + len(title) > at:
        item["title"] = text[title_at:at].rstrip(" ,.:;")


def _authors_not_in(item: dict[str, Any], journal: str) -> list[dict[str, str]]:
    """The item's authors but those whose every word is a word of ``journal`` (its first
    words the tagger read as a name: "Phys" of "Phys. Rev.", "PoS LATTICE")."""
    words = set(re.findall(r"[^\W\d_]+", journal))
    return [a for a in item.get("author", []) if not set(re.findall(
        r"[^\W\d_]+", " ".join(a.get(k, "") for k in ("family", "given", "literal")))) <= words]


_YEAR_BEFORE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s$")


def _physics_tail(item: dict[str, Any], text: str) -> None:
    """The journal, volume, page and year of a physics reference's tail (see
    :data:`_PHYSICS_TAILS`), where the tagger split the abbreviated journal between the title
    (or an author) and itself, lost the page after a series letter ("G18"), or ran volume
    and page together; the title, if any, ends where the journal begins."""
    tail, journal, at = None, "", -1
    for form in _PHYSICS_TAILS:
        tail = form.search(text)
        while tail:
            journal, at = tail.group("journal").strip().rstrip(","), tail.start("journal")
            initial = re.match(r"[A-Z]\.\s?", journal)
            if initial and _BARE_FAMILY_NAME.search(text, 0, tail.start()):
                # "Smith, J., Jones, K. Phys. Rev. Lett.": the last name's initial
                journal, at = journal[initial.end():], at + initial.end()
            if _abbreviated_journal(journal):
                break
            tail = form.search(text, tail.start() + 1)  # the journal begins further on
        if tail:
            break
    if tail is None:
        return
    container = item.get("container-title", "")
    run_on = len(container) > len(journal) and container.rstrip(". ").endswith(
        journal.rstrip(". "))
    if run_on and _abbreviated_journal(container):
        journal = container  # a journal's name with a comma: "J. Phys. G, Nucl. Part. Phys."
        # (not a title the tagger ran on into it: "Observation of …, Phys. Rev. Lett")
    _title_ends_at(item, text, at)  # (the journal's first word, or words, read as a title)
    _title_after_the_collaboration(item, text, at)
    if run_on and journal != container:
        _rest_of_the_title_before(item, text, at)
    authors = _authors_not_in(item, journal)
    if authors:
        item["author"] = authors
    item["container-title"] = journal
    item["volume"], item["page"] = tail.group("volume"), _page(tail.group("page"))
    year = tail.groupdict().get("year")
    if year is None and "issued" not in item:  # the year before the journal, IOP's form
        before = _YEAR_BEFORE.search(text, 0, at)
        year = before[1] if before else None
    if year:
        item["issued"] = {"date-parts": [[int(year)]]}


# the title after the collaboration the authors wrote for, in brackets, which the tagger read
# as the title: "B. P. Abbott et al. (LIGO Scientific Collaboration and Virgo Collaboration),
# Observation of Gravitational Waves from a Binary Black Hole Merger, Phys. Rev. Lett. 116, …"
_TITLE_BEFORE_THE_JOURNAL = re.compile(r"\)\s*,\s*(?P<title>[^()]{10,300}?)\s*,\s*")


# ... or its end, which the tagger ran on into the title: "(CMS Collaboration), Observation of
# a new boson …" (the title read from "CMS")
_COLLABORATION_OPENING = re.compile(r"(?P<group>[^()]{2,80}?)\)\s*,\s*(?P<title>\S.*)")


def _title_after_the_collaboration(item: dict[str, Any], text: str, journal_at: int) -> None:
    """The title after a collaboration in brackets (both forms above), where the tagger read
    the collaboration as the title, or ran it on into the title."""
    title = item.get("title") or ""
    at = text.find(title) if title else -1
    if at <= 0 or not text[:at].rstrip().endswith("("):
        return  # (the title the tagger read opens no bracket)
    opening = _COLLABORATION_OPENING.fullmatch(title)
    if opening and _GROUP_AUTHOR.search(opening["group"]):
        item["title"] = opening["title"]
        return
    found = _TITLE_BEFORE_THE_JOURNAL.fullmatch(text, at + len(title), journal_at) \
        if _GROUP_AUTHOR.search(title) else None
    if found:
        item["title"] = found["title"]


# the rest of a title after its full stop or colon, which the tagger read as the journal's
# start: "Planck 2018 results. VI. Cosmological parameters, Astron. Astrophys. 641, A6"
_REST_OF_THE_TITLE = re.compile(r"[.:]\s+[^()]{2,200}?,\s*")


def _rest_of_the_title_before(item: dict[str, Any], text: str, journal_at: int) -> None:
    title = item.get("title") or ""
    at = text.find(title) if title else -1
    if at >= 0 and _REST_OF_THE_TITLE.fullmatch(text, at + len(title), journal_at):
        item["title"] = text[at:journal_at].rstrip(" ,.:;")


# the Institute of Physics' journals whose name has a colon after an abbreviation ("J. Phys.:
# Condens. Matter 33 125301"), their last word left out of the journal the tagger read, the
# volume and page after it
_IOP_LAST_WORD = re.compile(r"\.?\s(?P<word>[A-Z][a-z]{2,12})\s(?P<volume>\d{1,4})\s"
                            r"(?P<page>[A-Z]?\d+(?:\s?[-–]\s?\d+)?)\.?$")


def _iop_journal_cut_at_its_colon(item: dict[str, Any], text: str) -> None:
    """The whole journal, its volume and its page, where the tagger stopped the journal at
    the word after its colon's abbreviation (its last word, the volume and the page then
    follow it to the end, and are read from there)."""
    container = item.get("container-title", "")
    at = text.rfind(container) if re.search(r"\.:\s", container) else -1
    found = _IOP_LAST_WORD.fullmatch(text, at + len(container)) if at >= 0 else None
    if found:
        item["container-title"] = f"{container}. {found['word']}"
        item["volume"], item["page"] = found["volume"], _page(found["page"])


# the journals of one word a physics reference may cite with no mark before them, after an
# unpunctuated title, as the Institute of Physics prints one ("… 2004 Electric field effect
# in atomically thin carbon films Science 306 666–9")
_ONE_WORD_JOURNALS = frozenset((  # noqa: SIM905 - names read as words, not quoted
    "Science Nature Nanotechnology Nonlinearity Metrologia Langmuir Small Chaos Nanoscale "
    "Carbon Entropy Sensors Materials Molecules Polymers Nanomaterials Crystals Symmetry "
    "Optica Photonics Universe Galaxies Atoms Icarus").split())
# ... the title and the journal the tagger read as one, then the volume and the page
_RUN_INTO_ONE_WORD = re.compile(r"\s\d{1,4}\s[A-Z]?\d+(?:\s?[-–]\s?\d+)?\.?$")
_SMALL_WORDS = frozenset({"of", "and", "on", "in", "for", "the", "&", "de", "für", "und"})
_YEAR_IN = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
# ... not a journal's name written out, whose last word is such a word ("Journal of Colloid
# and Interface Science", "IEEE Transactions on Nanotechnology": its opening, or a small word
# before the last, says so)
_A_JOURNALS_OPENING = re.compile(r"(?:Journal|Transactions|Proceedings|Bulletin|Annals|Advances|"
                                 r"Reviews?|Reports|Letters|Archives|Acta|IEEE|ACS|IOP|AIP|"
                                 r"International|European|American|British|Chinese|Japanese|"
                                 r"Applied|Physical|Modern|Current|Frontiers|Progress)\b")


def _title_run_into_a_one_word_journal(item: dict[str, Any], text: str) -> None:
    """Such a title and journal, where the tagger read the authors, no title, and both as
    the journal."""
    container = item.get("container-title") or ""
    title, _, journal = container.rpartition(" ")
    words = title.split()
    at = text.rfind(container) if "title" not in item and item.get("author") and \
        journal in _ONE_WORD_JOURNALS and len(words) >= 3 and \
        not _A_JOURNALS_OPENING.match(title) and words[-1] not in _SMALL_WORDS and \
        not _YEAR_IN.search(title) else -1  # (a year in it: the names and year run into it)
    if at >= 0 and _RUN_INTO_ONE_WORD.fullmatch(text, at + len(container)):
        item["title"], item["container-title"] = title, journal


# Proceedings of Science: its volumes are named for their conferences, as INSPIRE prints them
# ("PoS LATTICE2013, 016 (2014)", "PoS LAT 2009 (2009) 010", "PoS CD15, 009 (2015)",
# "PoS(LATTICE 2013)016")
_POS = re.compile(r"\bPoS\s?(?P<open>\()?\s?(?P<volume>[A-Z][A-Za-z-]{1,20}\s?\d{2,4}[A-Za-z]?)"
                  r"\s?(?(open)\))\s?(?:,\s?(?P<page>\d{1,4})\s?\(\s?(?P<year>(?:19|20)\d\d)\s?\)|"
                  r"\(\s?(?P<then>(?:19|20)\d\d)\s?\)\s?,?\s?(?P<after>\d{1,4})?)(?!\d)")


def _proceedings_of_science(item: dict[str, Any], text: str) -> None:
    """A PoS reference's volume is its conference's name, which the tagger split between the
    journal and a number (container "PoS LATTICE", volume "2013")."""
    found = _POS.search(text)
    if found is None:
        return
    item["container-title"] = "PoS"
    item["volume"] = found.group("volume")
    page = found.group("page") or found.group("after")
    if page:
        item["page"] = page
    else:
        item.pop("page", None)
    item.pop("issue", None)
    item["issued"] = {"date-parts": [[int(found.group("year") or found.group("then"))]]}
    item["author"] = _authors_not_in(item, found.group(0))  # (not "PoS LATTICE")
    if not item["author"]:
        del item["author"]
    _title_ends_at(item, text, found.start())


# the last name of the list read into the journal ("L.Liebling, Phys. Rev. Lett", "Zu-beri,Phys.
# Rev .D": a PDF's "andS .L.Liebling", "S. Zu-beri")
_NAME_BEFORE_A_JOURNAL = re.compile(
    rf"(?P<name>(?:[A-Z]\.\s?-?){{0,3}}{_CAPITALISED_FAMILY}),\s?(?P<journal>[A-Z][a-z]{{0,12}}\..*)")


def _name_opening_the_journal(item: dict[str, Any]) -> None:
    """A name before an abbreviated journal's first word and a comma is the list's last."""
    found = _NAME_BEFORE_A_JOURNAL.fullmatch(item.get("container-title", ""))
    if found is None or found.group("name").isupper() or \
            not _abbreviated_journal(found.group("journal")):
        return  # ("NASA, Tech. Rep": an agency)
    authors = item.get("author", [])
    last = authors[-1] if authors else {}
    cut_from_its_initial = set(last) == {"family"} and re.fullmatch(r"(?:and)?[A-Z]\.?",
                                                                    last["family"])
    if not re.match(r"[A-Z]\.", found.group("name")) and not cut_from_its_initial:
        return  # ("Nature, Lond.": a journal and its place; a name has its initials)
    item["container-title"] = found.group("journal")
    authors, persons = item.setdefault("author", []), split_authors(found.group("name"))
    if persons and set(last) == {"family"} and re.fullmatch(r"[A-Z]\.?", last["family"]):
        persons[0].setdefault("given", last["family"].rstrip(".") + ".")  # "S. Zu-beri"
        authors.pop()
    authors.extend(persons)


# the end of a title read into the journal, a comma between ("Planck 2018 results. VI.
# Cosmological parameters, Astron. Astrophys. 641 (2020) A6": the tagger's journal "VI.
# Cosmological parameters, Astron. Astrophys"), where a title's word is before the comma
_TITLE_BEFORE_A_JOURNAL = re.compile(r"(?P<head>.+?),\s?(?P<journal>[A-Z][a-z]{0,12}\..*)")


def _title_run_into_the_journal(item: dict[str, Any], text: str) -> None:
    """What the tagger's journal holds before an abbreviated journal and a comma, a title's
    words among it, is the title's end."""
    container = item.get("container-title", "")
    found = _TITLE_BEFORE_A_JOURNAL.fullmatch(container)
    if found is None or not _TITLES_WORD.search(found.group("head")) or \
            not _abbreviated_journal(found.group("journal")):
        return
    title = item.get("title", "")
    title_at = text.find(title) if title else -1
    container_at = text.find(container, title_at + len(title)) if title_at >= 0 else -1
    if title and container_at < 0:
        return
    item["title"] = text[title_at:container_at + len(found.group("head"))].rstrip(" ,.") \
        if title else found.group("head")
    item["container-title"] = found.group("journal")


# the names a title-less physics reference opens with, and nothing else before its journal;
# perhaps a collaboration's name in brackets after them ("A. Albert et al. (DES, Fermi-LAT),")
_ONLY_NAMES = re.compile(rf"{_NAMES_FIRST}(?:\s?\([^()]{{1,80}}\))?[,.:]?\s?")


def _names_alone_before_the_journal(item: dict[str, Any], text: str) -> None:
    """Where only names written initials first stand before the journal, they are the
    authors, all of them, and there is no title: the tagger cut such a list at a hyphenated
    name ("M. Müller-Preussker" as "M" and a title) or took a collaboration's name for a
    title ("M. Ackermann et al. (Fermi-LAT), JCAP …")."""
    journal = item.get("container-title")
    at = text.rfind(journal) if journal else -1  # (a title may open with its name: "Quantum")
    names = _ONLY_NAMES.fullmatch(text, 0, at) if at > 0 else None
    if names is None or _NAMES_GO_ON.match(journal):
        return  # (the tagger's journal opening with the rest of the names)
    persons = split_authors(names.group("authors"))
    if len(persons) < len(item.get("author", [])):
        return
    item["author"] = persons
    item.pop("title", None)


# names written initials first, then a title between commas, then the journal (the physics
# form with a title: "S. Dimopoulos and H. Georgi, Softly Broken Supersymmetry and SU(5),
# Nucl. Phys. B 193 (1981) 150."); the title opens with a letter or a digit, not an initial
# nor "and", holds no name and no full stop before a space, and a comma ends it
_NAMES_THEN_A_TITLE = re.compile(
    rf"{_NAMES_FIRST},\s(?P<title>(?![A-Z][a-zA-Z]?\.|(?:and|et|&)\s)[^\W_]"
    rf"(?:(?!{_INITIALS_FIRST})[^.]|\.(?!\s))*?),\s?")


# (names with initials without their stops are no title: "A. Verger, C Ciuti, and I Carusotto,
# Phys. Rev. B")
_NAME_IN_A_TITLE = re.compile(r"(?:^|,\s|\band\s)[A-Z]\.?\s[A-Z][a-z]")
# (nor a name written out among them, or a group's, before a comma: "J. Smith, B. Doe, Wei
# Chen, Deep learning …", "LIGO Scientific Collaboration, …"; not a title's capitalised
# words, "Noncommutative Geometry, Quantum Fields and Motives")
_FIRST_PIECE = re.compile(r"(?P<piece>(?:[A-Z][\w'’-]*\s){1,4}[A-Z][\w'’-]*),\s")


def _name_written_out(title: str) -> bool:
    """Whether the title's words before its first comma are a group's name, or a person's
    written out: a known given name and a family name, or a romanised Chinese name."""
    found = _FIRST_PIECE.match(title)
    if found is None:
        return False
    words = found["piece"].split()
    return bool(_GROUP_AUTHOR.search(found["piece"])) or len(words) == 2 and (
        words[0] in _GIVEN_NAMES or all(_PINYIN.fullmatch(word) for word in words))


def _title_between_names_and_journal(item: dict[str, Any], text: str) -> None:
    """The words between such names and the journal are the title, where the tagger read
    them as more names ("Softly Broken Supersymmetry", and "SU(5)"'s 5 as the issue)."""
    journal = item.get("container-title")
    at = text.rfind(journal) if journal else -1
    start = _names_open(text)  # (its number before the names: "[21] P. Scholze")
    found = _NAMES_THEN_A_TITLE.fullmatch(text, start, at) if at > start else None
    title = found.group("title").strip(" ,.") if found else ""
    if len(title.split()) < 2 or item.get("title") == title or _NAME_IN_A_TITLE.search(title) \
            or _name_written_out(title):
        return
    item["author"] = split_authors(found.group("authors"))
    item["title"] = title
    issue = item.get("issue")
    if issue and f"({issue})" in title and f"({issue})" not in text[at:]:
        del item["issue"]


# a book as physics cites it: the names, its title, its edition perhaps, and its publisher,
# place and year in brackets: "J. J. Sakurai and J. Napolitano, Modern Quantum Mechanics, 3rd
# ed. (Cambridge University Press, Cambridge, 2020)."
_PHYSICS_BOOK = re.compile(
    rf"{_NAMES_FIRST},\s(?P<title>[^,()]{{2,200}}?)(?:,\s(?P<edition>\d{{1,2}})(?:st|nd|rd|th)\s"
    r"ed\.)?\s?\([^()]{2,120},\s?(?:1[5-9]|20)\d\d\)\.?")


def _physics_book(item: dict[str, Any], text: str) -> None:
    """The title of a book cited in that form, which the tagger took for a journal's name
    (there is none: the brackets hold the publisher's imprint)."""
    found = _PHYSICS_BOOK.fullmatch(text, _names_open(text))
    if found is None or item.get("title") or \
            item.get("container-title") != found.group("title").strip():
        return
    item["title"] = item.pop("container-title")
    for field in ("volume", "issue", "page"):
        item.pop(field, None)
    if found.group("edition"):
        item.setdefault("edition", found.group("edition"))


# Frontiers' names, each family name then initials with their full stops, then the year in
# brackets: "Benson D. A., Karsch-Mizrachi I., Lipman D. J., Ostell J., Wheeler D. L. (2005).
# GenBank. Nucleic Acids Res. 33, D34–D38." (the tagger cut the list after a first initial)
_FAMILY_INITIALS = rf"{_CAPITALISED_FAMILY}\s(?:[A-Z]\.\s?-?){{1,3}}"
_NAMES_BEFORE_THE_YEAR = re.compile(
    rf"(?P<names>{_FAMILY_INITIALS}(?:,\s(?>{_FAMILY_INITIALS})){{0,40}}(?:,?\s(?:and|&)\s"
    rf"(?>{_FAMILY_INITIALS}))?(?:,?\set\sal\.)?)\s?\((?:1[5-9]|20)\d\d[a-z]?\)\.\s")


def _names_before_the_year(item: dict[str, Any], text: str) -> None:
    """All the names of such a list are the authors, where the tagger read fewer; a title
    it found among them is none, and the title is then what it took for the journal's first
    sentence."""
    names = _NAMES_BEFORE_THE_YEAR.match(text)
    persons = split_authors(names.group("names")) if names else []
    if len(persons) <= len(item.get("author", [])):
        return
    item["author"] = persons
    title = item.get("title", "")
    if not title or text.find(title) >= names.end():
        return
    container = item.get("container-title", "")
    head, _, rest = container.partition(". ")
    if rest and text.startswith(container, names.end()):
        item["title"], item["container-title"] = head, rest
    else:
        del item["title"]
