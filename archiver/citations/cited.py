"""What a citation string claims, read with the Crossref record in hand.

Parsing a reference blind and then comparing is fragile: a parser that puts one word of the
title into the journal makes both look wrong. So the reader is *record-guided*: it first looks
for the record's own title and journal in the string (ignoring case, punctuation, diacritics);
what it finds there anchors the rest: the authors are what comes before the title, the
numbers (volume, issue, pages, year) what comes after the journal. Only where the record's value
is not found does it fall back on the cues of the common styles (APA, MLA, Chicago, Vancouver,
GB/T 7714: quotes, ``(2018).``, ``[J].``, ``vol.``/``no.``/``pp.``, ``23(1/2): 5-9``), and
finally on the trained reference parser.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from archiver.citations.compare import (
    INLINE_TAG,
    ROMAN,
    compare_journal,
    journal_names,
    locate,
    named_forms,
    record_years,
    says_et_al,
    shares_a_family_name,
    squash,
    title_variants,
    words,
)
from archiver.citations.extract import (
    DOI_RE,
    GBT_TYPE_MARK,
    find_dois,
    is_meetings_year,
    unescape_entities,
)

# a list number, but not the "10." that begins a bare DOI
_NUMBERING = re.compile(r"^\s*(?:\[\d+\]|［\d+］|\(\d+\)|（\d+）|\d{1,3}[.)、](?!\d{4,9}/))\s*")
# case spelt out rather than re.I, which would fold every character the scan passes
# a link, with its scheme or without it ("www.…", and "doi.org/10.…" as some styles print a DOI)
_URL = re.compile(r"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.|(?<![\w.])(?:dx\.)?[Dd][Oo][Ii]\.org/)"
                  r"(?:[^\s<>]|<\d+:[^\s<>]+>)+")  # (a SICI DOI's "<0130:DNF>" is the link's)
_DOI_LABEL = re.compile(r"\b(?:doi|DOI)\s*[:：]?\s*$")
_TYPE_MARK = re.compile(GBT_TYPE_MARK, re.I)
BOOK_TYPES = frozenset({"book-chapter", "book-section", "book-part", "proceedings-article",
                        "reference-entry", "book", "monograph", "edited-book"})
# A whole book is in no container: what follows its title is its publisher ("Washington,
# D. C.: American Geophysical Union"); the container Crossref gives it is its series.
WHOLE_BOOK_TYPES = frozenset({"book", "monograph", "edited-book", "reference-book"})
_YEAR = re.compile(r"(?<![\d/.])(1[5-9]\d\d|20\d\d)(?![\d/])")


@dataclass
class Cited:
    """The parts of a citation string; ``None`` where the string does not give them."""

    text: str
    doi: str | None = None
    authors: str | None = None  # the author part as printed
    et_al: bool = False
    title: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    year: str | None = None
    no_date: bool = False  # "(n.d.)": the citation says it has no date

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, False) and k != "text"}


_AROUND = " \t.,;:“”\"'‘’«»()[]/"


_OPENED_BY = {")": "(", "]": "["}


def _clean(span: str) -> str:
    """A field without the punctuation around it; a bracket it closes that it opened is its
    own (NLM's "Chin Med J (Engl)", "Surg Infect (Larchmt)")."""
    out = span.strip(_AROUND).strip()
    rest = span[span.find(out) + len(out):] if out else ""
    while rest[:1] in _OPENED_BY and out.count(_OPENED_BY[rest[0]]) > out.count(rest[0]):
        out, rest = out + rest[0], rest[1:]
    return out


@functools.lru_cache(maxsize=4096)
def strip_doi_and_urls(text: str) -> tuple[str, str | None]:
    """The citation without its DOI and URLs (they confuse the numbers), and the DOI."""
    dois = find_dois([text])  # links first: a DOI URL's %2F, %E3%80%82 and /full are undone
    doi = dois[0] if dois else None
    body = text
    if doi and not text.isascii() and not DOI_RE.search(text):
        body = text.translate(_FULL_WIDTH)  # a full-width DOI, removed below like any other
    lowered = body.lower()  # the cheap tests spare most regexes
    if "://" in body or "www." in lowered or "doi.org/" in lowered:
        body = _URL.sub(_REMOVED, body)
    if "10." in body:
        body = DOI_RE.sub(_REMOVED, body)
    if "doi" in body or "DOI" in body:
        body = _DOI_LABEL_WORD.sub(" ", body)
    # MHRA encloses a URL in angle brackets ("122–30 <https://doi.org/…>"): none of them is
    # text, nor stands between the pages and their end
    body = body.replace("<" + _REMOVED + ">", " ").replace(_REMOVED, " ")
    if "*" in body or "_" in body:
        body = _EMPHASIS.sub("", body)
    if "[" in body:
        body = _MEDIUM.sub("", body)
    if "Retrieved" in body or "Available" in body or "Accessed" in body:
        body = _ACCESS_NOTE.sub("", body)
    if "PM" in body or "pm" in body:
        body = _PUBMED_ID.sub(" ", body)
    if "rxiv" in lowered or "RXIV" in body:
        body = _ARXIV_ID.sub(r"\1", body)
    if "<" in body:  # after the DOI: "<10.1038/ng.3834>" is a DOI in brackets, not a tag
        body = INLINE_TAG.sub("", body)
    return " ".join(body.split()).strip(" ,;"), doi  # split(): the whitespace \s matches


BARE_WORDS = 3  # a citation with fewer words than this beside its DOI claims nothing else


def doi_alone(text: str) -> bool:
    """Whether the citation is a DOI and at most a label (``DOI:``, ``See``, ``见``,
    brackets): what is left without the DOI and URLs is too little to be a reference."""
    body, doi = citation_body(text)
    return doi is not None and len(words(body)) < BARE_WORDS


def citation_body(text: str) -> tuple[str, str | None]:
    """The citation without its number in a list, its DOI and URLs (what the reader reads and
    the comparison searches: the same string, so a phrase located once is not sought again),
    and the DOI."""
    return strip_doi_and_urls(_NUMBERING.sub("", text, count=1))


# full-width ASCII forms (ＤＯＩ：１０．１０３８／…) one for one, so offsets do not move
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# where a DOI or URL was taken out (a character no citation holds), until its label is too
_REMOVED = "\x00"
# "doi" as the label of a DOI: with a colon, or right before the DOI or URL it labels, or at
# the end. Elsewhere it is a word of the title ("The DOI system", "Notes on doi names").
_DOI_LABEL_WORD = re.compile(r"[\[（(]?\b(?:doi|DOI)[\]）)]?(?:\s*[:：]\s*|\s*(?=\x00)|\s*$)")
# Markdown's emphasis, as APA's italics are written in Markdown (``*Heredity, 111*(2)``, Nature's
# ``*Neurobiol. Aging* **33**``): no part of a name or a number. A star or underscore inside
# a word stays (``C*-algebra``, ``snake_case``).
_EMPHASIS = re.compile(r"(?<![^\s(\[])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?=[\s,.;:()\]]|$)")
# Vancouver's medium after a journal or title: "J Orthop Res [Internet]. 1997"
_MEDIUM = re.compile(r"\s*\[(?:Internet|[Ss]erial (?:on the Internet|online)|[Oo]nline|"
                     r"[Ee]lectronic resource|CD-ROM)\]|"
                     # AMA's and PubMed's notes of another notice: "[published correction
                     # appears in Nat Genet. 2017;49(6):970]", "[Epub ahead of print]": none
                     # of their names and numbers is this work's
                     r"\s*\[(?:[Pp]ublished (?:correction|erratum) appears in|[Ee]rratum in|"
                     r"[Cc]orrection in|[Rr]etract(?:ion|ed) in|[Ee]pub ahead of print|"
                     r"[Pp]ublished online ahead of print)[^\]]*\]")
_ACCESS_NOTE = re.compile(r"\s*(?:Retrieved from|Available (?:at|from)|Accessed)\s*[.:]?\s*$")
# PubMed's identifiers ("PMID: 23572122", "PMCID: PMC3716290"): none is a page or volume
_PUBMED_ID = re.compile(r"\b(?:PMID|PMCID)\s*[:：]?\s*(?:PMC)?\d+\.?", re.I)
# an arXiv identifier ("arXiv:1610.03465v2 [q-bio.GN]", "arXiv:hep-th/9802150"): its digits
# are no year, page or volume; the server's name stays, a preprint's container
_ARXIV_ID = re.compile(r"\b(arxiv)\s*[:.]\s*(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?/\d{7})"
                       r"(?:v\d+)?(?:\s*\[[a-z-]+(?:\.[a-z]{2})?\])?", re.I)
_SPACES = re.compile(r"\s+")
# ... up to what ends a title: a full stop, a closing quote (an apostrophe inside a word is
# none: "children’s"), a bracket
# (after the title's own closing quote, when it opens with a quotation: "“Getting to Know
# You...”: Knowledge, Power, and the Body")
# (a main title may end with an abbreviation's full stop: "Trichodesmium spp.: an important …")
_SUBTITLE = re.compile(r"(?:[.…]*[”\"’»]|\.)?\s*[:：]\s*(?:[^.?!”\"»’\[]|’(?=\w))+")
_IN_BOOK = re.compile(r"[\s.,;:”\"’?!]*(?:\[[^\]]{1,6}\]\s*)?(?:[.,]\s*)?(?://|In:?\s)")


def read_citation(text: str, record: dict[str, Any] | None = None,
                  parsed: dict[str, Any] | None = None) -> Cited:
    """Read ``text`` into :class:`Cited`, guided by ``record`` (a Crossref message) when
    given, and filling what the cues miss from ``parsed`` (a CSL-JSON item)."""
    cited = Cited(text=text)
    # copied from a web page: "Dimerization&#8211;Not", "949&#8211;961" (the report keeps
    # the citation as written)
    body, cited.doi = citation_body(unescape_entities(text))
    if doi_alone(text):  # "DOI: 10.…", "See https://doi.org/10.…": no claims
        return cited
    record = record or {}

    title_span = None
    for variant in title_variants(record):  # longest first
        title_span = locate(body, variant)
        if title_span:
            subtitle = _SUBTITLE.match(body, title_span[1])
            if subtitle:  # a subtitle Crossref's shorter form lacks: it is part of the title
                title_span = (title_span[0], subtitle.end())
            title_span = _with_words_around(body, title_span, record)
            break
    if title_span is None:
        title_span = (0, 0) if _journal_only(body, record) else _title_by_cues(body)
        if title_span and title_span[1] > title_span[0] and (
                _is_the_journal(body[title_span[0]:title_span[1]], record, another=True)
                or _is_the_journal(body[title_span[0]:], record, another=True)):
            # no title: what the cues took for one is the journal, and its numbers ("Gross
            # JB, et al. Heredity 2013;111:122–130"; "…, et al. Proc Biol Sci. 2017;284"),
            # or the journal's first word (ACS's "…; et al. Nat. Genet. 2017, 49, 692−699")
            title_span = (title_span[0], title_span[0])
    if title_span:
        cited.title = _clean(body[title_span[0]:title_span[1]]) or None

    head = body[:title_span[0]] if title_span else ""
    tail = body[title_span[1]:] if title_span else body

    journal_span = None
    # the name the citation gives first, of those Crossref lists (a chapter's book and its
    # series, in whichever order): NLM puts the series last, "In: Book. 2018. p. 11-23.
    # (Series)", and the series taken for the container hid the year and pages before it
    found = min(filter(None, (locate(tail, name) for name in named_forms(record))),
                key=lambda span: (span[0], -span[1]), default=None)
    if found:
        journal_span = _as_named(tail, found, sections=record.get("type") not in BOOK_TYPES)
        if title_span and title_span[0] == title_span[1] > 0 and \
                _LETTER.search(tail, 0, journal_span[0]):
            # no title, the authors then the journal, whose cue took the last author with it
            # ("Gross JB, Wilkens H. Heredity 111, 122–130"): the authors run to the
            # record's journal
            head, tail = head + tail[:journal_span[0]], tail[journal_span[0]:]
            journal_span = (0, journal_span[1] - journal_span[0])
    _read_head(cited, head)
    # a whole book's container is claimed only where the citation names Crossref's (its
    # series): what follows the title is its publisher, for the cues and the parser alike
    publisher_only = journal_span is None and record.get("type") in WHOLE_BOOK_TYPES
    guessed = False  # the journal found by cues alone in the whole citation
    if journal_span is None:
        journal_span = _journal_by_cues(tail)
        lead = _YEAR_LEADING.match(tail, journal_span[0], journal_span[1]) \
            if journal_span and cited.year is None else None
        if lead:  # MLA's thesis, "Title. 1988. University of Cambridge, PhD dissertation"
            cited.year = lead.group(1)
            journal_span = (lead.end(), journal_span[1])
        if journal_span and publisher_only:
            journal_span = (journal_span[0], journal_span[0])
        elif journal_span and record:
            journal_span = _up_to_the_records_journal(tail, journal_span, record)
        guessed = journal_span is not None and title_span is None
    if journal_span:
        cited.journal = _clean(tail[journal_span[0]:journal_span[1]]) or None
        numbers = tail[journal_span[1]:]
    else:
        numbers = tail
    book = record.get("type") in BOOK_TYPES or bool(_IN_BOOK.match(tail))
    # full-width punctuation and digits (GB/T 7714 as Chinese posts print it: ，2018，37（3）：45)
    if not numbers.isascii():
        numbers = unicodedata.normalize("NFKC", numbers).translate(_DASHES)
    numbers = _ACCESSED.sub(" ", numbers)  # when it was read is none of its numbers
    _read_numbers(cited, numbers, book,
                  {str(y) for y in record_years(record)}, str(record.get("issue") or ""))
    if parsed:
        if guessed and parsed.get("container-title"):
            # with no title found, the cues read everything before the numbers as the
            # journal ("Lieber RL, Fridén J. A title. J Orthop Res. 1997;15(4)"): the
            # parser tells the fields apart
            cited.journal = None
        _fill_from_parse(cited, parsed)
        if publisher_only:
            cited.journal = None
        if title_span == (0, 0):  # the journal first: the parser's authors and title are not
            cited.authors = cited.title = None  # there ("Nat. Genet." is no author)
        elif title_span and title_span[0] == title_span[1]:
            cited.title = None  # the authors, then the journal: the parser's title is not there
        elif title_span is None and cited.title and _is_the_journal(cited.title, record):
            # "Gross JB, Wilkens H. Heredity (Edinb). 2013;111(2)": NLM's journal, which the
            # parser read as a title
            cited.journal = cited.journal or cited.title
            cited.title = None
    if record and title_span is None and journal_span and not cited.title:
        _read_lead(cited, tail[:journal_span[0]], record)
    return cited


_LONGEST_NAME = 300  # characters: longer than any journal's or proceedings' name


def _up_to_the_records_journal(tail: str, span: tuple[int, int], record: dict[str, Any]
                               ) -> tuple[int, int]:
    """The journal the cues found, or, where that is not the record's, the span to one of
    the next few places a journal's name may end, if that one is an abbreviation of the
    record's: the cues end a name at what looks like an imprint inside it ("Proc. 23rd Int.
    Conf. Distrib. Comput. Syst. Workshops, Providence, RI, USA: IEEE" is no journal
    "… Syst." and an imprint "Workshops, Providence, …: IEEE")."""
    start, stop = span
    if not journal_names(record) or stop - start > _LONGEST_NAME or \
            compare_journal(_clean(tail[start:stop]), "", record).match:
        return span
    for end in itertools.islice(_JOURNAL_END.finditer(tail, stop + 1), 3):
        if end.start() - start > _LONGEST_NAME:
            break
        if compare_journal(_clean(tail[start:end.start()]), "", record).match:
            return start, end.start()
    return span


def _is_the_journal(text: str, record: dict[str, Any], another: bool = False) -> bool:
    """Whether ``text``, read as a title, is the record's journal instead: its name (with a
    place in brackets after it, as NLM writes ``Heredity (Edinb)``) or an abbreviation of it,
    followed by numbers alone (``PLoS One 2006;1:e30``). A title that only holds the
    journal's name (``Genetics of albinism`` in Genetics) is a title. With ``another``, a
    short name followed by a year and another number is a journal too, if not the record's
    (``Genetics 2013;111:122–130``, reported as the wrong journal it is, not as a title)."""
    names = journal_names(record)
    if not names:
        return False
    span = _journal_by_cues(text)
    name, rest = (text[span[0]:span[1]], text[span[1]:]) if span else (text, "")
    bare = _clean(_PLACE_AFTER.sub("", name.strip(" \t.,;:")))
    if not bare or _A_WORD.search(rest):  # (a letter may open a page: e30, S12)
        return False
    if squash(bare) in {squash(n) for n in names}:
        return True
    if another and len(bare.split()) <= 6 and not _SENTENCE_INSIDE.search(bare) and \
            not _TYPE_MARK.search(name) and not (name.rstrip().endswith(":") or
                                                rest.lstrip().startswith(":")) and \
            _YEAR.search(rest) and len(re.findall(r"\d+", rest)) >= 2:
        # (no style puts a colon between a journal and its numbers: "…in a changing
        # world: 1990–2020" is a title's years)
        return True
    # (an abbreviation, held to the names alone: the citation's text is not searched)
    return bool(compare_journal(_clean(name), "", record).match)


# a full stop that ends a sentence, not an abbreviation: after a number or a long word
# ("COVID-19 in 2020. Lancet" is a title and a journal, "J. Bone Res" a journal)
_SENTENCE_INSIDE = re.compile(r"(?:\d|[^\W\d_]{6,})\.\s")
# the other dashes a page range is printed with: the minus sign (ACS's "692−699", as its
# pages are copied), the hyphens and the figure dash, read as the hyphen-minus
_DASHES = str.maketrans(dict.fromkeys("\u2212\u2010\u2011\u2012", "-"))
_A_WORD = re.compile(r"[^\W\d_]{2,}")
# a place in brackets after a journal's name, as NLM qualifies one: (Edinb), (Basel), (Lond)
_PLACE_AFTER = re.compile(r"\s*\([^()]*\)\s*$")


def _read_lead(cited: Cited, lead: str, record: dict[str, Any]) -> None:
    """What stands before the journal of a citation read with neither authors nor a title
    (``Bananas grow on trees in winter. Nature Genetics. 2017;49(5):692-699``): that text
    is a claim, and is compared, never passed over (the citation would be verified on its
    journal and numbers alone, whatever its title says). It is the authors when it shows
    one of the record's family names (and a title after them, where NLM's form of the names
    ends before more words), else the title. A lead of one word (``Anonymous``,
    ``WHO``) is left alone. Authors the parser gave are replaced by a lead that shows one
    of the record's family names: with no title, the whole lead is the authors (ACS's
    ``Gross, J. B.; Wilkens, H. Heredity 2013, 111``, whose journal the parser had taken
    for an author); a lead that shows none leaves them be."""
    lead = _clean(lead)
    if len(_A_WORD.findall(lead)) < 2:
        return
    if shares_a_family_name(lead, record):
        names = _NLM_NAMES.match(lead)
        rest = _IN_AT_END.sub("", lead[names.end():]) \
            if names and not _INITIAL_NEXT.match(lead, names.end()) else ""
        if len(_A_WORD.findall(rest)) >= 2:
            # "Saha A. Clinical Examinations. In:": the names as NLM writes them, then a
            # title that is not the record's (a title is no name: no initials follow it)
            lead, cited.title = lead[:names.end()].strip(), rest
        cited.et_al = says_et_al(lead)
        cited.authors = lead
    elif not cited.authors:
        cited.title = lead


# the authors as NLM and the AMA write them, "Family INITIALS, Family INITIALS[, et al].":
# each family name (of up to three words) with its initials, in capitals without stops
_NLM_NAME = r"[^\W\d_][\w'’-]*(?:[ \t-][^\W\d_][\w'’-]*){0,2}[ \t]+[A-Z]{1,4}"
_NLM_NAMES = re.compile(rf"[ \t]*(?:{_NLM_NAME},[ \t]*)*{_NLM_NAME}(?:,?[ \t]*et[ \t]+al)?\.[ \t]+")
# ... which ends at no initial: "Gross J. B., Wilkens H." is a list with dotted initials
_INITIAL_NEXT = re.compile(r"[A-Z]{1,3}\.?(?:[,;]|\s|$)")
# the cue that a chapter's book follows, left at the end of what precedes it
_IN_AT_END = re.compile(r"[.,]?\s*\b[Ii]n\s*:?\s*$")


# When an online source was read: "Accessed March 14, 2021", "retrieved 14 March 2021",
# "(accessed on 2021-03-14)", Vancouver's "[cited 2019 Mar 5]", GB/T 7714's "[2021-03-14]"
# (its 引用日期). Its day and year are not the work's pages or year.
_DATE = (r"(?:(?:\d{1,2}\s+)?[A-Za-z]{3,9}\.?\s+(?:\d{1,2},?\s+)?\d{4}|"
         r"\d{4}\s+[A-Za-z]{3,9}\.?(?:\s+\d{1,2})?|"  # Vancouver's [cited 2019 Mar 5]
         r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})")
_ACCESSED = re.compile(r"[\[(]?\b(?:[Ll]ast\s+)?(?:[Aa]ccessed|[Rr]etrieved|[Vv]iewed|[Cc]ited)"
                       r"(?:\s+on)?\s*:?\s*" + _DATE + r"[\])]?|\[" + _DATE + r"\]|"
                       r"(?:访问|引用)日期\s*[:：]?\s*" + _DATE)


# the words the citation writes around the record's journal, inside the same stretch of
# text: before it any word (``Journal of`` Heredity), after it capitalised ones only, not a
# number's label (Pulmonary Medicine ``Research``, but not Heredity ``Vol.`` 111 or PNAS's
# ``of the United States of America``); never past a period (``… of Data. New York``)
_WORDS_BEFORE = re.compile(r"(?:[^\W\d_][\w'’&-]*[ \t]+)+$")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_][\w'’&-]*)")
# ... or, after a colon, a section's name ("European Journal of Pharmacology: Molecular
# Pharmacology Section" was a journal of its own); and the words that join two names, when a
# capitalised one follows ("Heredity and Evolution")
_SECTION_AFTER = re.compile(r"[ \t]*[:：][ \t]*([^\W\d_][\w'’&-]*)")
_JOINING = frozenset({"and", "&", "of", "for", "in", "und", "et", "de"})
_NUMBER_LABELS = frozenset({"vol", "volume", "no", "nr", "issue", "iss", "pp", "p", "pages",
                            "page", "art", "article", "doi", "http", "https", "available",
                            "retrieved", "accessed", "online", "epub", "in", "ed", "eds",
                            "suppl", "pmid", "pmcid", "print"})


def _as_named(tail: str, span: tuple[int, int], sections: bool = True) -> tuple[int, int]:
    """The journal as the citation names it where the record's name was found in it: with
    the words written around that name, so that a longer journal holding it (``Journal of
    Heredity`` for Heredity, ``BMC Pulmonary Medicine`` for Pulmonary Medicine) is compared
    as the other journal it is, not taken for the record's."""
    start, end = span
    before = _WORDS_BEFORE.search(tail, 0, start)
    if before is not None:
        start = before.start()
    while True:
        # a journal's section after a colon; a book's subtitle there (Crossref often leaves
        # it out: "Graph-Based Methods in Computer Vision: Developments and Applications") is
        # no other book
        after = _WORD_AFTER.match(tail, end) or (
            _SECTION_AFTER.match(tail, end) if sections else None)
        if after is None:
            break
        word = after.group(1)
        if word.lower() in _JOINING and (following := _WORD_AFTER.match(tail, after.end())):
            after, word = following, following.group(1)  # "Heredity and Evolution"
        if not word[0].isupper() or word.lower() in _NUMBER_LABELS:
            break
        end = after.end()
    return start, end


_QUOTED = re.compile(r"[“\"‘]([^”\"’]{3,})[”\"’]|"
                     # Harvard's 'Title', in ASCII quotes: an apostrophe (Alzheimer's) is
                     # inside a word, a quote is not
                     r"(?<!\w)'(\S.{2,}?)'(?=[,.;:](?:\s|$))")
_LETTER = re.compile(r"[^\W\d_]")
_FIRST_STOP = re.compile(r"\.\s+|等[.．]?\s*")
# APA's date after the authors: a bracket standing apart, "(2017). " or "(2017) ", never one
# glued to a volume or followed by pages ("284(1855):20170132" is an issue)
_UNDATED = r"(?:n\.\s*d\.|no date)"  # what an undated work says for its year
_DATED = re.compile(r"(?<!\w)\((?:1[5-9]\d\d|20\d\d)[a-z]?(?:, [^)]*)?\)(?![:;,]|\s+\d)\.?\s*|"
                    r"\(" + _UNDATED + r"\)\.?\s*", re.I)
# "et al." (等) ends an author list, and what follows it, past a year (Chicago's "et al.
# 2017.", Harvard's "et al. (2017)"), begins the title
_AFTER_ET_AL = re.compile(r"\bet\s*al\b\.?,?\s+(?:\(?(?:1[5-9]\d\d|20\d\d)[a-z]?\)?[.,]?\s+)?|"
                          r"等[.．,，]?\s*")
# a sentence ends: its full stop (or ? or !), and the quote it closes, if any ("… cycle?” ")
_SENTENCE_END = re.compile(r"[.?!][”\"’»]?(?:\s|$)")
# the short form of physics and Science, no title: "et al., Phys. Rev. Lett. 120, 117701
# (2018)": after the authors, capitalised words (the journal's abbreviation), then the
# volume, a comma and the first page, to the end
_JOURNAL_VOLUME_PAGE = (r"(?:[A-Z][A-Za-z-]*\.?\s+){1,6}\d+[A-Za-z]?\s*,\s*[A-Za-z]?\d+"
                        r"(?:\s*[–—-]+\s*[A-Za-z]?\d+)?\s*(?:\((?:1[5-9]\d\d|20\d\d)\))?"
                        r"\s*[.,;]?\s*")
_NO_TITLE = re.compile(_JOURNAL_VOLUME_PAGE + "$")
# ... and the same after an author list without et al., after its comma
_SHORT_FORM = re.compile(r",\s+(" + _JOURNAL_VOLUME_PAGE + ")$")
# ... and with neither authors nor title: the journal, its numbers and the DOI, as a post
# cites a paper in passing ("Nat. Genet. 49, 692–699 (2017). https://doi.org/…", NLM's
# "Nat Genet. 2017;49(5):692-9.")
_JOURNAL_ONLY = re.compile(_JOURNAL_VOLUME_PAGE + "$|"
                           r"(?:[A-Z][A-Za-z-]*\.?\s+){1,6}(?:1[5-9]\d\d|20\d\d)"
                           r"(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*\d+[^;]*$|"
                           # ... and a volume without pages: "D-Lib Mag. 23 (2017).", a
                           # name with words of any case ("Distances et médiations des savoirs")
                           r"[A-Z][\w'-]*\.?\s+(?:[^\W\d_][\w'-]*\.?\s+){0,6}\d+[A-Za-z]?\s*"
                           r"\((?:1[5-9]\d\d|20\d\d)\)\s*[.,;]?\s*$")


_LEAD = re.compile(r"[^\d(]*")  # what stands before the numbers
# an author as a citation opens with one: a family name and initials ("Zhang Y.", "Smith JB,")
_AUTHOR_OPENS = re.compile(r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?,?\s+(?:[A-Z]\.?\s*){1,3}[.,;]")
# a sentence ends: a word of six letters or more, with its full stop, then a capital ("…
# Variation. Nat"): a title ends so, a journal's abbreviations are shorter
_SENTENCE_ENDS = re.compile(r"\b[A-Za-z][a-z]{5,}\.\s+[A-Z]")


def _journal_only(body: str, record: dict[str, Any]) -> bool:
    """Whether the citation gives only a journal, its numbers and (taken out) its DOI: of
    :data:`_JOURNAL_ONLY`'s shape, and what opens it is the record's journal (or its
    abbreviation), or else reads as no author and title (``Phys. Rev. B 54, 11169 (1996)``,
    ``Genome Research 4, 64 (2015)``, a wrong journal; but ``Zhang Y. Structural Variation.
    Nat Genet. 2017;49:692`` is an author and a title)."""
    if not _JOURNAL_ONLY.match(body):
        return False
    lead = _LEAD.match(body).group(0)
    if record.get("container-title") and \
            compare_journal(_clean(lead), body, record).match:  # the name or its abbreviation
        return True
    return not _AUTHOR_OPENS.match(lead) and not _SENTENCE_ENDS.search(lead)


# Words written right before the record's title, after what ends the authors and opens a
# title: APA's "(2019). ", "et al. " (Chicago's "et al. 2017. "), 等, an opening quote, or
# the initials that end a list of family names and initials ("WILKENS H. ", "Scott, A. J. ")
# ("(2019). Revisiting the impact of …": "Revisiting" is a word of the cited title); 等 is
# none ("Davis, J.R. 等 The impact …", et al. in Chinese after the initials)
_WORDS_BEFORE_TITLE = re.compile(
    r"(?:(?<!\w)\((?:1[5-9]\d\d|20\d\d)[a-z]?\)\.?|\bet\s*al\b\.?,?(?:\s+(?:1[5-9]\d\d|20\d\d)"
    r"[a-z]?\.)?|等[.．,，]?|[“\"‘«]|(?<![^\s,，;；.])[A-Z]{1,3}\.)"
    r"[ \t]*((?:(?!等)[^\W\d_][\w'’-]*[ \t]+)+)$")
# ... and right after it, before what ends a title (a full stop, a comma, a closing quote, a
# bracket: "[J]", "(in Chinese)"): "… gene expression in mice. Nature Genetics"
_WORDS_AFTER_TITLE = re.compile(r"[ \t]+([^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)*)"
                                r"(?=[ \t]*(?:[.?!,;”\"’»\[(（［，。．；]|$))")


def _with_words_around(body: str, span: tuple[int, int], record: dict[str, Any]
                       ) -> tuple[int, int]:
    """The cited title where the record's was found in ``span``: with the words the citation
    writes before it (after the authors' year or et al., or inside its quotes) and after it
    (up to the punctuation that ends a title), so that a title with words added is compared
    as the other title it is. The record's journal written right after the title, without
    punctuation between them, is no word of the title."""
    start, end = span
    before = _WORDS_BEFORE_TITLE.search(body, 0, start)
    if before is not None:
        start = before.start(1)
    after = _WORDS_AFTER_TITLE.match(body, end)
    if after is not None and not any(
            (found := locate(body[after.start(1):], name)) is not None and found[0] == 0
            for name in journal_names(record)):
        end = after.end()
    return start, end


# a quotation that opens a title stands after what ends the authors or the date (". ",
# "(2019). ", "), ", a bracket), not after a word of the title ("A comment on “Does the Fed
# …?”", "focuser “like” and"); and one the title goes on after, glued to it ("“北斗一号”监控
# 管理网…"), is inside the title too
_WORD_BEFORE = re.compile(r"\w[ \t]*$")
# ... and a title that opens with a quotation goes on past it after a colon: "“Getting to
# Know You...”: Knowledge, Power, and the Body."
_GOES_ON = re.compile(r"[ \t]*[:：][ \t]*\w")


def _quoted_title(body: str) -> tuple[int, int] | None:
    """The title a quotation gives (MLA, Chicago, Harvard, IEEE): the first quotation that
    stands apart, with the subtitle written after it, up to the sentence's end."""
    for quoted in _QUOTED.finditer(body):
        group = 1 if quoted.group(1) is not None else 2
        opening = quoted.start(group) - 1
        if _WORD_BEFORE.search(body, 0, opening) or _LETTER.match(body, quoted.end()):
            continue  # a quotation inside a title
        if _GOES_ON.match(body, quoted.end()):
            end = _SENTENCE_END.search(body, quoted.end())
            return quoted.start(group), end.start() + 1 if end else len(body)
        return quoted.start(group), quoted.end(group)
    return None


def _title_by_cues(body: str) -> tuple[int, int] | None:
    quoted = _quoted_title(body)
    if quoted:
        return quoted
    mark = _TYPE_MARK.search(body)
    if mark:  # GB/T: AUTHORS. Title[J]. Journal, … (initials carry no periods)
        first = _FIRST_STOP.search(body, 0, mark.start())
        return (first.end() if first else 0), mark.start()
    short = _SHORT_FORM.search(body)
    if short:  # every author, then the journal: "…, N. Marzari, Phys. Rev. Lett. 120, 117701"
        return short.start(1), short.start(1)
    after = _AFTER_ET_AL.search(body)
    if after and _NO_TITLE.match(body, after.end()):
        return after.end(), after.end()  # "Lieber et al., J. Orthop. Res. 15, 519 (1997)"
    if after and body[after.end():after.end() + 1].isalnum():
        # Vancouver and others: "Chiang C, Scott AJ, et al. Title. Journal…": with a word
        # of the title misspelt the record's title is not found, yet et al. still ends
        # the authors (else they, the journal and the numbers are read from the wrong places)
        start = after.end()
        end = _SENTENCE_END.search(body, start)
        return start, end.start() + 1 if end else len(body)
    dated = _DATED.search(body)
    if dated and _LETTER.search(body, dated.end()):
        # APA: Authors (2018). Title. Journal… (not Nature's year, last: "… 692–699 (2017).")
        start = dated.end()
        end = _SENTENCE_END.search(body[start:])
        return start, start + (end.start() + 1 if end else len(body) - start)
    capitals = _TITLE_IN_CAPITALS.search(body)
    if capitals:  # "Jones, H. M. CLIMATE CHANGE AND … HEAT. In …": the names end before it
        return capitals.start(1), capitals.end(1)
    return None


# a title printed in capitals after the names' full stop: four words or more, none in small
# letters (names in capitals, as GB/T prints them, come first and are followed by initials)
_TITLE_IN_CAPITALS = re.compile(r"(?<=\.\s)([A-Z][A-Z0-9'’\-]*(?:[ ,:;]+[A-Z0-9][A-Z0-9'’\-]*){3,})"
                                r"(?=\.\s|\.?$)")


# APA's "(n.d.)", Harvard's (Cite Them Right) "(no date)", with the full stop after it
_NO_DATE = re.compile(r"\(" + _UNDATED + r"\)\.?", re.I)
# ... and Chicago's, without brackets, ending the author part ("Turletti, T. n.d.")
_NO_DATE_AT_END = re.compile(r"(?<=[\s.,])(?:n\.\s*d\.?|no date\.?)\s*$", re.I)
# the year ends the author part, alone or (APA, for dated works) with its month and day:
# "(2021, January 25)", "(2020, Spring)", "(2019, March 3–5)"
_YEAR_AT_END = re.compile(r"\(?\b(1[5-9]\d\d|20\d\d)[a-z]?"
                          r"(?:,\s*[A-Za-z]+\.?(?:\s+\d{1,2}(?:\s*[–-]\s*\d{1,2})?)?)?"
                          r"\)?[.,]?\s*$")


# what may stand between the author part and the title it ends at: spaces and the quote that
# opens the title (French guillemets too: "Porta, J. (2010). « Égalité … »")
_OPENING_QUOTES = " “\"'‘«‹„¿¡"


def _read_head(cited: Cited, head: str) -> None:
    """The author part and, in author-date styles, the year right after it."""
    if _NO_DATE.search(head):
        cited.no_date = True
    dated = _YEAR_AT_END.search(head.strip(_OPENING_QUOTES))
    authors = head
    if dated:
        cited.year = dated.group(1)
        authors = head.strip(_OPENING_QUOTES)[:dated.start()]
    authors = _NO_DATE.sub("", authors)
    undated = _NO_DATE_AT_END.search(authors.rstrip(_OPENING_QUOTES))
    if undated:  # Chicago's "Turletti, T. n.d." (no brackets)
        cited.no_date = True
        authors = authors[:undated.start()]
    cited.et_al = says_et_al(authors)
    cited.authors = _clean(authors) or None


# full-width forms too (，．：（): GB/T 7714 as Chinese posts print it
_JOURNAL_START = re.compile(r"[\s.,;:”\"’?!，．。：；]*(?:\[[^\]]{1,6}\]\s*)?(?:[.,，．。]\s*)?"
                            r"(?://\s*|In:?\s+)?")
# (a year after "Proc." is the conference's, part of the name: "in Proc. 2021 Int. Conf.
# Manage. Data, 2021, pp. 1386–1399")
_JOURNAL_END = re.compile(r"[,，]\s*(?:[Vv]ol\b|[Nn]o\b|pp?\.|\d|"
                          # ACM's older reference format: "In Proceedings of …, pages 1–9."
                          r"[Pp]ages?\s+[A-Za-z]?\d)|\s+\d+\s*[(:（：]|\s+\d+\s*$|"
                          r"\s+\(pp?\.|(?<!Proc)[.,，．]\s*(?:1[5-9]\d\d|20\d\d)\b|\s+\d+\.\s*$|"
                          r"[,，]\s*[(（]\d|"
                          # IEEE's date after a proceedings' name: ", Jun. 2021",
                          # ", May 19-22, 2003"
                          r"[,，]\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                          r"(?:\s+\d{1,2}(?:\s*[–-]\s*\d{1,2})?,?)?\s+(?:1[5-9]\d\d|20\d\d)\b|"
                          # The Lancet's and the BMJ's "J Orthop Res 1997; 15: 519–27",
                          # "Nat Genet 2017 May; 49"
                          r"\s+(?:1[5-9]\d\d|20\d\d)(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;|"
                          # GB/T's imprint after the proceedings: ". Piscataway: IEEE",
                          # ". New York, NY, USA: ACM"
                          r"\.\s+[A-Z][\w ]+(?:,\s*[A-Z][\w ]*){0,3}:|"
                          # Nature's "J. Crustac. Biol. 32, 949–961", Chicago's "39, no. 12",
                          # or pages alone after the name: "Econ Agro-Aliment 75–92 (2018)"
                          r"\s+\d+[A-Za-z]?\s*,\s*(?:vol\b|no\b|[A-Za-z]?\d)|\s+\d+\s*[–—-]+\s*\d+|"
                          # no volume: an issue alone or the year in brackets after the name
                          # ("Econ Agro-Aliment (1):75–92", "Econ. Agro-Aliment. (2018) 75–92")
                          r"\s+\(\d+[A-Za-z]?\)\s*[:,]|\s+\((?:1[5-9]\d\d|20\d\d)\)|"
                          # Springer's "pp 1386–1399", with no full stop after the label
                          r"[,，]\s*pp?\s+[A-Za-z]?\d|"
                          # a proceedings' place and publisher: IEEE's ", Providence, RI, USA:
                          # IEEE", ACS's "; IEEE: Providence, RI", Springer's ". ACM, New York"
                          # (not a journal's section: "Acta Crystallogr., Sect. F: Struct.",
                          # "Z. Naturforsch., B: …", "Acta Chem. Scand., Ser. B: …")
                          r"[,;]\s+(?!(?:Sect|Section|Ser|Series|Part|Pt)\b)[A-Z][\w&-][\w .&-]*"
                          r"(?:,\s*[A-Z][\w .&-]*){0,3}:\s|"
                          r"\.\s+(?:ACM|IEEE|Springer|Elsevier|Association for Computing "
                          r"Machinery|IEEE Computer Society|USENIX Association)[,.:;]")


# "vol. 15(4), pp. 519-527.": numbers with their labels, where no journal is named (a .bib
# entry without one)
_LABELLED_NUMBER = re.compile(r"(?:vol(?:ume)?|no|nr|issue|pp?)\.?\s*\d", re.I)


def _journal_by_cues(tail: str) -> tuple[int, int] | None:
    start_match = _JOURNAL_START.match(tail)
    start = start_match.end() if start_match else 0
    rest = tail[start:]
    if _LABELLED_NUMBER.match(rest):
        return None
    end = _JOURNAL_END.search(rest)
    stop = end.start() if end else len(rest.rstrip(". "))
    if stop <= 0:
        return None
    return start, start + stop


_A_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
# a year opening what the cues read as the journal: the work's, printed before its publisher
_YEAR_LEADING = re.compile(r"((?:1[5-9]|20)\d\d)\.\s+(?=\S)")


def _is_year(value: str) -> bool:
    return bool(_A_YEAR.fullmatch(value))


# what follows the journal: volume, issue, pages
# a label is a word of its own: the "No" of "Nov. 2018" (IEEE's date) labels no issue
# ... and may be followed by a colon, as databases export them ("Volume: 111, Issue: 2,
# Pages: 122-130")
_VOL = re.compile(r"\bvol(?:ume)?\b\.?\s*[:：]?\s*(\w+)", re.I)
# (French's n°; a supplement or a part with its number is the issue: MLA's "no. Suppl 1")
# (and a double issue, "no. 1&2", "no. 1 and 2")
_NO = re.compile(r"(?:\b(?:no|nr|issue)\b\.?|\bn[°º])\s*[:：]?\s*"
                 r"((?:Suppl(?:ement)?|Pt|Part)\b\.?\s*\d+[A-Za-z]?|"
                 r"\d+\s*(?:&|\band\b)\s*\d+|[\w/–-]+)", re.I)
# Chinese "第49卷, 第5期" (or "49卷5期"): the volume and the issue, each by its character
_VOL_ZH = re.compile(r"(?:第\s*)?(\d+[A-Za-z]?)\s*卷")
_NO_ZH = re.compile(r"(?:第\s*)?(\d+(?:\s*[/–-]\s*\d+)?)\s*期")
# ... and the pages, "692-699页" or "第122-130页" (not "共12页", a count of pages)
_PAGES_ZH = re.compile(r"(?<!共)(?<!\d)(?:第\s*)?"
                       r"([A-Za-z]?\d+[A-Za-z]?(?:\s*[–—-]+\s*[A-Za-z]?\d+)?)\s*页")
# MHRA's volume and issue joined by a full stop, before the year: "Heredity, 111.2 (2013)"
_VOLUME_DOT_ISSUE = re.compile(r"(?<![\w.])(\d{1,5})\.(\d{1,4})\s*\((?:1[5-9]\d\d|20\d\d)\)")
# "49(5)", and the issue before a supplement or a part of it: "111(3 Suppl 2)", "284(1856 Pt 2)"
# (a double issue, "23(1, 2)", "23(1 & 2)"; its numbers joined so, as _double_issue reads them)
_ISSUES_JOINED = r"\s*(?:,|&|\band\b)\s*"
_VOL_ISSUE = re.compile(rf"(?<![\w.])(\d+[A-Za-z]?)\s*\((\d+{_ISSUES_JOINED}\d+|[\w/–-]+)"
                        r"(?:,?\s+(?:Suppl|Supplement|Pt|Part)\b\.?(?:\s*\w+)?)?\)")
# a supplement named where no issue is: "74(Suppl 1):", "74 Suppl 1:", "74(Suppl):S12"
_SUPPLEMENT = re.compile(r"(?<![\w.])(?:Suppl(?:ement)?|Supp)\b\.?(?:\s*(\d+|[A-Z]\b))?")
_LONE_ISSUE = re.compile(r"(?:^|[,;])\s*\((\d+[\w/–-]*)\)\s*[,:]")  # ", (1)," or "2018;(1):"
# "12", "12A"; after an abbreviation's own period too ("Front. Plant Sci., 11.")
_BARE_VOLUME = re.compile(r"^\s*(?:[.,]\s*){0,2}(\d+[A-Za-z]?)(?:\s+Pt\.?\s*\d{1,2})?\s*"
                          r"(?=[(:.,]|$)")  # (a volume's part, "55 Pt 1", aside)
# "2019, 10." (GB/T), "2017; 49:" (Lancet), "2015 May;759:" or "2015 May 12;759" (Vancouver)
_VOLUME_AFTER_YEAR = re.compile(r"(?:1[5-9]\d\d|20\d\d)(?:\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?)?"
                                r"\s*[,;]\s*(\d+)\s*(?=[(:.,]|Supp|$)")
# Chicago "15, no. 4 (1997): 519–27" or "(Spring 1997)": a year in brackets, not an issue
_YEAR_IN_BRACKETS = re.compile(r"\((?:[A-Za-z]+\.?\s+)?(1[5-9]\d\d|20\d\d)\)")
_PAGES_NEXT = re.compile(r":|,?\s*[A-Za-z]?\d")  # ": 519", "519–527", ", 519–527", "e30"
_LAST_NUMBER = re.compile(r"[\w.–-]+\s*$")
_AFTER_ISSUE_LABEL = re.compile(r"\b(?:no|nr|issue)\b\.?\s*[\w/–-]+\s*$", re.I)
# Nature style "49, 692–699 (2017).": the bracketed year after the pages is no issue
_YEAR_AFTER_PAGES = re.compile(r"(,\s*[A-Za-z]?\d+[A-Za-z]?(?:\s*[–—-]+\s*[A-Za-z]?\d+)?)\s*"
                               r"\((1[5-9]\d\d|20\d\d)\)\s*\.?\s*$")
# ... and with no volume before them: "Econ. Agro-Aliment. 77–92 (2018)."
_PAGES_THEN_YEAR = re.compile(r"^\s*([A-Za-z]?\d+[A-Za-z]?\s*[–—-]+\s*[A-Za-z]?\d+)\s*"
                              r"\((1[5-9]\d\d|20\d\d)\)\s*\.?\s*$")
_PP = re.compile(r"\b(?:pp?\.\s*[:：]?|pp?\s*[:：]|pp?\s+(?=[A-Za-z]?\d)|"
                 # Springer's "pp v–xii", a roman range with no full stop after the label
                 rf"pp\s+(?={ROMAN}\s*[–—-]+\s*{ROMAN}\b)|"
                 r"[Pp]ages?\s*[:：]|[Pp]ages?\s|"
                 # GOST's "P. 692–699" (Russian "С."), German's "S. 122–130" (Seite)
                 r"[PSС]\.\s*(?=\d))\s*(\w+(?:\s*[–—-]+\s*\w+)?)")
# "article e30", IEEE's "Art. no. 65"
_ARTICLE_NO = re.compile(r"\b(?:[Aa]rticle\s+|[Aa]rt\.\s*)(?:(?:[Nn]o|[Nn]r|[Nn]umber|ID)\.?\s*)?"
                         r"([A-Za-z]?\d\w*)")  # "Art. ID 291294": the number, never "ID"
# A range of front-matter pages in small roman numerals, as Crossref deposits a preface's or
# an editorial's (``xiii-xviii``): read where the range of digits would be, after a colon or
# a comma, only as a range of two well-formed numerals (a word such as "mix" or "did" alone
# is no page)
_ROMAN_RANGE = rf"(?<![\w-]){ROMAN}\s*[–—-]+\s*{ROMAN}(?![\w-])"
# (not an ordinal: "Advances in Visual Computing: 8th International Symposium"); an article
# number with up to three letters before it is a page: Science's "aac4716", AGU's "PA1005",
# and Science's and Science Advances' "eaaz1234" (not a registry's number:
# "ClinicalTrials.gov: NCT04280705")
# what may open a page's number: a letter (S12, e30) or a small roman numeral (a supplement
# paged "ii34–ii40", as Oxford's journals page theirs)
_PAGE_LETTERS = r"(?:[ivx]{2,4}|[A-Za-z])?"
_COLON_PAGES = re.compile(r":\s*((?:[A-Za-z]?\d+|[A-Za-z]{2,3}\d{1,5}|e[a-z]{3}\d{4})[A-Za-z]?"
                          rf"(?:\s*[–—-]+\s*{_PAGE_LETTERS}\d+)?(?![A-Za-z\d])"
                          rf"|{_ROMAN_RANGE})")
_COMMA_RANGE = re.compile(rf"[,)]\s*({_PAGE_LETTERS}\d+[A-Za-z]?\s*[–—-]+\s*{_PAGE_LETTERS}\d+|"
                          rf"{_ROMAN_RANGE})\s*(?:[.,]|$)")
# (an open range, "3–", is what a reference manager prints of Crossref's "3-")
_END_PAGES = re.compile(r"(?:\)|\d),\s*((?:[A-Za-z]?\d+|[A-Za-z]{2,3}\d{1,5}|e[a-z]{3}\d{4})"
                        r"[A-Za-z]?"
                        rf"(?:\s*[–—-]+(?:\s*{_PAGE_LETTERS}\d+)?)?)\s*[.,]?\s*$")
_CHAPTER_PAGE = re.compile(r"^\s*,?\s*([A-Za-z]?\d+[A-Za-z]?(?:\s*[–—-]+\s*[A-Za-z]?\d+)?)"
                           r"\s*(?=[.,]|$)"
                           # Nature's "in Book Title 74–94 (Publisher)": a range (a number
                           # alone before the publisher is the book's volume)
                           r"|^\s*([A-Za-z]?\d+\s*[–—-]+\s*[A-Za-z]?\d+)\s*(?=\()")


# an e-locator standing alone between commas, or after the bracketed year: IEEE's "vol. 1,
# no. 1, e31, Dec. 2006", Elsevier's "6 (2011) e20476."
_E_LOCATOR = re.compile(r"(?:[,;]|\))\s*(e\d{1,8})\s*(?=[,.;]|$)")


def _double_issue(issue: str) -> str:
    """A double issue as Crossref writes one, ``1/2``, however the citation joins its two
    numbers (``1, 2``, ``1&2``, ``1 and 2``)."""
    return re.sub(_ISSUES_JOINED, "/", issue)


def _bracketed_year(numbers: str, crossref_years: set[str], crossref_issue: str
                    ) -> tuple[str, str] | None:
    """A year printed in brackets after the volume, and the numbers without it (a comma in its
    place, so the volume and pages read as they would around a comma). ``crossref_years`` and
    ``crossref_issue`` are the record's, as strings.

    A bracketed year-like number is an issue when it is the record's (``284(1855)``). It is a
    year when it follows an issue label (``no. 4 (1997)``), or when it is one of the record's
    years not printed before the volume (``2012 (2012)``: Hindawi's volumes are years). It is
    an issue when a year is printed before the volume (``2017;284(2017)``), else a year if it
    stands apart, a space before and the pages after (``15 (1999): 519``,
    ``16 (1999) 519–527``)."""
    for bracket in _YEAR_IN_BRACKETS.finditer(numbers):
        value, before = bracket.group(1), numbers[:bracket.start()]
        after = numbers[bracket.end():].lstrip()
        if value == crossref_issue:
            continue
        prior = _LAST_NUMBER.sub("", before)  # what precedes the volume
        is_year = bool(_AFTER_ISSUE_LABEL.search(before)) or (
            value in crossref_years and not re.search(rf"(?<!\d){value}(?!\d)", prior))
        if not is_year and not _YEAR.search(prior):
            # a space before, and the pages after, or nothing (Chicago's and Nature's
            # "Frontiers in Plant Science 10 (2020).", an article without pages)
            is_year = before[-1:].isspace() and (bool(_PAGES_NEXT.match(after))
                                                 or not after.strip(" .,;"))
        if is_year:
            rest = numbers[bracket.end():].lstrip().removeprefix(",").lstrip()
            return value, f"{before.rstrip()}, {rest}"
    return None


def _read_numbers(cited: Cited, numbers: str, book: bool = False,
                  crossref_years: set[str] | None = None, crossref_issue: str = "") -> None:
    """Volume, issue, pages and (unless the author-date head gave it) the year, from what
    follows the journal: ``vol. 16, no. 4``, ``23(1/2)``, ``759: 303–12``, ``2018(1): 75-92``,
    ``pp. 1–7``, ``article e30``, Chinese ``第49卷, 第5期, 692-699页``, Nature's
    ``49, 692–699 (2017)``, Chicago's ``15, no. 4 (1997): 519–27`` and Elsevier's
    ``16 (1997) 519–527`` (see :func:`_bracketed_year`)."""
    dotted = _VOLUME_DOT_ISSUE.search(numbers)
    alone = _PAGES_THEN_YEAR.match(numbers)
    if alone:
        cited.year = cited.year or alone.group(2)
        cited.page = _SPACES.sub("", alone.group(1))
        return
    after_pages = _YEAR_AFTER_PAGES.search(numbers)
    if after_pages:
        cited.year = cited.year or after_pages.group(2)
        numbers = numbers[:after_pages.end(1)] + "."
    elif cited.year is None:  # in author-date styles a bracket after the volume is the issue
        found = _bracketed_year(numbers, crossref_years or set(), crossref_issue)
        if found:
            cited.year, numbers = found
    # the year is known (the head, or a bracket read above): a year-like number is a volume
    year_known = cited.year is not None
    text = " " + numbers + " "
    article = _ARTICLE_NO.search(text)
    if article:  # "article no. e30" is the page, not an issue number
        text = text[:article.start()] + " " + text[article.end():]
    vol = _VOL.search(text) or _VOL_ZH.search(text)
    no = _NO.search(text) or _NO_ZH.search(text)
    if vol:
        cited.volume = vol.group(1)
    if no:
        cited.issue = _double_issue(no.group(1).strip("–-"))
    paired = _VOL_ISSUE.search(text)
    if paired and not vol:
        # GB/T's year before a volume that is a year ("2016, 2017(12): 24", JHEP's volumes)
        prior = _YEAR.search(text[:paired.start()]) if not year_known else None
        if prior:
            cited.year, cited.volume = prior.group(1), paired.group(1)
        elif _is_year(paired.group(1)) and not year_known:
            cited.year = paired.group(1)  # GB/T "2018(1): 75-92": year(issue)
        else:
            cited.volume = paired.group(1)
        cited.issue = cited.issue or _double_issue(paired.group(2))
    if dotted and not vol and not no:
        cited.volume, cited.issue = dotted.group(1), dotted.group(2)
    lone_issue = _LONE_ISSUE.search(text)
    if lone_issue and not cited.issue:
        cited.issue = lone_issue.group(1)
    supplement = None if cited.issue else _SUPPLEMENT.search(text)
    if supplement:  # the issue the citation gives (Crossref files supplements as "S1" …)
        cited.issue = " ".join(("Suppl", *supplement.groups(default="")[:1])).strip()
    if not cited.volume and not book:
        bare = _BARE_VOLUME.search(numbers)
        if bare and (not _is_year(bare.group(1)) or year_known):
            cited.volume = bare.group(1)
        after_year = _VOLUME_AFTER_YEAR.search(numbers)
        if not cited.volume and after_year and not year_known:
            cited.volume = after_year.group(1)  # GB/T "Journal, 2019, 10."
    if not cited.year:
        taken = [v for v in (cited.volume, cited.issue) if v]
        found = [m for m in _YEAR.finditer(text)
                 if m.group(1) not in taken or text.count(m.group(1)) > taken.count(m.group(1))]
        # a meeting's year is its name's ("ISVC 2012. Lecture Notes …; 2014."): the year
        # the book came out is another printed beside it
        years = [m.group(1) for m in found
                 if not is_meetings_year(text, m.start(1), m.end(1))] or \
            [m.group(1) for m in found]
        if years:
            cited.year = years[0]
    pages = _PP.search(text) or _PAGES_ZH.search(text) or article
    if not pages:
        pages = _COLON_PAGES.search(text)
    if not pages:
        pages = _COMMA_RANGE.search(text)
    if not pages:  # (before the end's number, which may be the year: "…, e31, 2006.")
        pages = _E_LOCATOR.search(text)
    if not pages:
        pages = _END_PAGES.search(text.rstrip())
    if not pages and book:  # "In Book Title, 27." a chapter's page
        pages = _CHAPTER_PAGE.search(numbers)
    if pages:
        value = _SPACES.sub("", pages.group(1) or pages.group(2))
        if value not in (cited.year, cited.volume) or ":" in pages.group(0):
            cited.page = value


def _fill_from_parse(cited: Cited, parsed: dict[str, Any]) -> None:
    if not cited.title and parsed.get("title"):
        cited.title = parsed["title"]
    if not cited.journal and parsed.get("container-title"):
        cited.journal = parsed["container-title"]
    for key in ("volume", "issue", "page"):
        if not getattr(cited, key) and parsed.get(key):
            setattr(cited, key, str(parsed[key]))
    if not cited.year and not cited.no_date:
        with contextlib.suppress(KeyError, IndexError, TypeError):
            cited.year = str(parsed["issued"]["date-parts"][0][0])
    if not cited.authors and parsed.get("author"):
        cited.authors = "; ".join(a.get("literal") or " ".join(
            x for x in (a.get("family"), a.get("given")) if x) for a in parsed["author"])
