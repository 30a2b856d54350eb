"""A reference list run together on one line, split back into its entries.

A Markdown export keeps the line breaks its tool wrapped the text at. Where a reference list
has no blank line between its entries, Markdown reads the whole list as one paragraph, and
its soft breaks become spaces: the list reaches the record as one line, ``参考文献： [1]
Vanderhill, R., … https://doi.org/10.1093/ia/iiaa061 [2] Bzdok, D., …``. An editor who
pasted a list into one HTML paragraph gives the same. Read whole, such a line is no
reference, and its DOIs would be checked bare: each found or not, the claims around them
unchecked.

So a long line is split where one entry ends and the next begins, and only there:

- at list numbers that count on from the one opening the line: bracketed (``[1] … [2] …
  [3]``) after an entry's end, or ``1. … 2. …`` where the text before each reads as an
  entry and the number is no part's (``Suppl 2.``);
- else before authors opening an entry (``Bzdok, D., …``, ``张三, 李四.`` before a GB/T 7714
  type of work; not a place, ``Providence, RI, USA:``) right after the previous entry's end
  (its full stop, DOI or URL), where the text before is a reference by itself (a year and a
  sign of a work: a title's full stop followed by an editor's name is not an entry's end);
- a heading opening the line (``参考文献：``, ``References``) is a line of its own, when what
  follows it is one entry or more.

What cannot be split so stays one line, as before.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from archiver.citations.extract import (
    GBT_TYPE_MARK,
    HEADING_DRESS,
    LIST_HEADING,
    OPENS_WITH_AUTHORS,
    entry_of_a_section,
    looks_like_reference,
)

# shorter than two short entries: nothing to split
_SHORTEST = 120
_IDEOGRAPHS = re.compile("[\u3400-\u9fff]")
_HEADING = re.compile(
    rf"^{HEADING_DRESS}{LIST_HEADING}{HEADING_DRESS}[】\]]*\s*"
    r"(?:[:：]\s*|(?=[\[［]\d{1,3}[\]］]|\d{1,3}[.)、]\s))", re.I)
# a list number after a space (or opening the line): bracketed, or a number and its full stop,
# bracket or 、 followed by a space; the kind of the first is the kind of all
_BRACKETED = re.compile(r"(?:^|(?<=\s))[\[［](\d{1,3})[\]］]")
_DOTTED = re.compile(r"(?:^|(?<=\s))(\d{1,3})[.)、](?=\s)")
# what ends an entry: its full stop, DOI or URL ("… 975–993. ", "… 10.1093/ia/iiaa061 ")
# (not an initial's full stop: "Rotterdam: A. A. Balkema")
_ENTRY_END = re.compile(r"(?:(?<!\b[A-Z])\.|。|10\.\d{4,9}/\S+|https?://\S+)$")
# authors as an entry opens with them besides those :data:`OPENS_WITH_AUTHORS` knows: a
# given name written whole ("Nord, Christiane (2008)", "Del Rey, Lester.", "Zhou, Zhifeng et
# al."), a family name in capitals with a given name ("VANDAMME, Géraldine."; not "PMLR,
# Long Beach"), one of two words before initials ("Ben Ali Y,", "Jansen van Vuren P,")
_MORE_OPENINGS = re.compile(
    r"(?:[A-Z][\w'’-]+\s+)?[A-Z][\w'’-]+,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+|\s+[A-Z]\.)*"
    r"(?=\.|,|\s+\(\d{4}|\s+et al\b|\s+and\b)"
    r"|[A-Z]{2,}[A-Z'’-]*,\s+[A-ZÀ-Ý][a-zà-ÿ]+(?:[\s-][A-ZÀ-Ý][a-zà-ÿ]+)*\."
    r"|[A-Z][\w'’-]+(?:\s+[a-z]{1,3})?\s+[A-Z][\w'’-]+\s+[A-Z]{1,3},")
# a GB/T 7714 entry's Chinese authors (a body's name too) and its title up to its type of
# work: "王五. 哈萨克斯坦外交政策研究[M]", "中国职工教育研究会. 职工教育研究论文集[G]"
_CJK_OPENING = re.compile(
    r"[\u4e00-\u9fff]{2,30}(?:\s*[,，、]\s*[\u4e00-\u9fff]{2,4})*(?:\s*[,，]\s*等)?\s*[.．。]"
    r"[^.。]{1,150}?(?:" + GBT_TYPE_MARK + ")")
# the states and provinces, and the countries, that a place names after its city
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
           "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|ON|QC|BC|AB|MB|NS")
_COUNTRIES = ("USA|U\\.S\\.A\\.|UK|Canada|Germany|France|Italy|Spain|Portugal|China|Japan|Korea|"
              "Australia|(?:the )?Netherlands|Belgium|Switzerland|Austria|Sweden|Norway|Denmark|"
              "Finland|Greece|Brazil|Mexico|Singapore|Israel|Ireland|Scotland|England|Russia|"
              "Poland|Hungary|Turkey|Egypt|Taiwan|Thailand|Vietnam|Chile|Argentina|New Zealand|"
              "South Africa|Hong Kong|Czech Republic")
# ... a conference's place, or a book's before its publisher, which an imprint after a full
# stop opens with: "Providence, RI, USA: IEEE", "Seattle, WA:", "Washington, D.C.:",
# "Evanston, Ill.:", "Montreal, Canada.", "Munich, Germany."; and a publisher's acronym
# before its place ("IEEE, New York", "PMLR, Long Beach")
_PLACE = re.compile(
    rf"(?:[A-Z][a-z]+\s)?[A-Z][a-z]+,\s+(?:(?:{_STATES})(?:,\s*(?:USA|Canada)\b|\s*:)|"
    rf"(?:{_COUNTRIES})(?=[\s.,:;]|$)|(?:D\.\s?C\.|N\.\s?Y\.|[A-Z][a-z]{{1,4}}\.)\s*:)"
    r"|(?:IEEE|ACM|PMLR|SIAM|AAAI|ACL|AIP|APS|IOP|MIT Press|OUP|CUP),")
# ... and an old imprint, place and publisher then the year: "London, Andrew Crooke, 1651."
_IMPRINT_AHEAD = re.compile(r"[^.]{0,80}?,\s*(?:1[5-9]|20)\d\d\b")
# a book's imprint ending an entry: place, publisher and year
_IMPRINT_END = re.compile(r"[A-Z][\w.]*(?:[ ,]+[A-Z][\w.]*){0,3}\s*:\s*[A-Z][^.:;]{1,60},\s*"
                          r"(?:1[5-9]|20)\d\d[a-z]?\.$")
_LOOKS_CITED = re.compile(r"\b(?:1[5-9]|20)\d\d")
# a number and its full stop that are the entry's own: after a word that numbers a part
# ("Vol. 2.", "71 Suppl 2.", "Part 2."), or before what goes on in it (PubMed's "2. Epub
# 2020 Jun 3", a label of its own)
_NUMBERS_A_PART = re.compile(r"\b(?:Part|Pt|Suppl|Vol|No|Issue|Sect|Chapter|Ch|Book|Bd|Nr)\.?"
                             r"\s*$", re.I)
_GOES_ON = re.compile(r"\s*(?:Epub|Erratum|Corrigendum|doi|PMID|PMCID|Available|Accessed|"
                      r"Retrieved)\b", re.I)
# what an entry ends with before the next one's number: a full stop, a bracket, a page or
# year, its DOI or URL
_ENDED = re.compile(r"(?:[.。)\]）]|\d|10\.\d{4,9}/\S+|https?://\S+)\s*$")
# where a next entry may begin: after spaces, or right after a Chinese full stop
_GAP = re.compile(r"\s+|(?<=。)")


def split_run_together(line: str) -> list[str]:
    """``line`` as the entries run together in it (see the module's docstring), or as it is."""
    # (two entries print two years: a paragraph of prose seldom does, and is let be fast;
    # a Chinese character says as much as two Latin letters, counted only where the line's
    # length alone falls short)
    if len(line) < _SHORTEST and len(line) + len(_IDEOGRAPHS.findall(line)) < _SHORTEST or \
            len(_LOOKS_CITED.findall(line, 0, 20_000)) < 2:
        return [line]
    heading = _HEADING.match(line)
    rest = line[heading.end():] if heading else line
    parts = _numbered(rest.strip()) or _unnumbered(rest.strip())
    if heading and not parts and entry_of_a_section(rest):
        parts = [rest.strip()]
    if not parts:
        return [line]
    return [heading.group(0).strip(), *parts] if heading else parts


def _numbered(text: str) -> list[str] | None:
    """Cuts at the list numbers counting on from the one opening ``text``."""
    for pattern in (_BRACKETED, _DOTTED):
        first = pattern.match(text)
        if first:
            break
    else:
        return None
    # a bracketed number after the end of an entry is a list's, whatever the entry reads as
    # ("———. 1992. …", a web page with no year), not one a sentence refers to ("cited as
    # [2] in"); "2. " is as often a volume's or a part's ("Vol. 2. ", "71 Suppl 2. Epub"):
    # there the entry before it must read as one, and what follows be none of its words
    bracketed = pattern is _BRACKETED
    starts, expected = [0], int(first.group(1)) + 1
    for marker in pattern.finditer(text, first.end()):
        if int(marker.group(1)) != expected:
            continue
        before = text[starts[-1]:marker.start()]
        if bracketed and _ENDED.search(before) or not bracketed and entry_of_a_section(
                before) and not _NUMBERS_A_PART.search(before) and \
                not _GOES_ON.match(text, marker.end()):
            starts.append(marker.start())
            expected += 1
    if bracketed:
        return [text[a:b].strip() for a, b in itertools.pairwise([*starts, len(text)])] \
            if len(starts) > 1 else None
    return _whole_entries(text, starts, entry_of_a_section)


def _unnumbered(text: str) -> list[str] | None:
    """Cuts before authors opening an entry right after the end of one."""
    starts = [0]
    for gap in _GAP.finditer(text):
        at = gap.end()
        if at >= len(text) or not _ENTRY_END.search(
                text[max(starts[-1], gap.start() - 300):gap.start()]):
            continue
        if _next_entry_opens(text[at:at + 300]) and _ends_an_entry(
                text[starts[-1]:gap.start()]):
            starts.append(at)
    # the last part opens as an entry (its cut says so): a year makes it one
    return _whole_entries(text, starts, lambda last: bool(
        looks_like_reference(last) or _LOOKS_CITED.search(last)))


def _ends_an_entry(part: str) -> bool:
    """The text before a cut is an entry by itself: a reference (a year and a sign of a work),
    or one ending with its imprint ("… Evanston, Ill.: Regency, 1962.")."""
    return looks_like_reference(part) or bool(_IMPRINT_END.search(part[-120:]))


def _next_entry_opens(ahead: str) -> bool:
    """Authors as an entry opens with them: Latin names, or Chinese ones before a title and
    its GB/T 7714 type of work (a run of characters and a full stop is as often a sentence);
    not a place before its publisher, which an imprint after a work's full stop opens with
    ("Washington, D.C.: American Association…")."""
    if _PLACE.match(ahead):
        return False
    if OPENS_WITH_AUTHORS.match(ahead) or _CJK_OPENING.match(ahead):
        return True
    return bool(_MORE_OPENINGS.match(ahead)) and not _IMPRINT_AHEAD.match(ahead)


def _whole_entries(text: str, starts: list[int],
                   is_entry: Callable[[str], bool]) -> list[str] | None:
    """The parts between ``starts``, when there are two or more and the last is an entry too
    (else the cut before it is undone, as often as needed)."""
    while len(starts) > 1 and not is_entry(text[starts[-1]:]):
        starts.pop()
    if len(starts) < 2:
        return None
    return [text[a:b].strip() for a, b in itertools.pairwise([*starts, len(text)])]
