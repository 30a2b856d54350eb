"""Find DOIs in a post and normalise them.

DOIs turn up in running text (``doi:10.1038/…``), in links (``https://doi.org/…``, publisher
URLs such as ``dl.acm.org/doi/abs/10.1145/…``) and in reference lists copied from PDFs, where
one DOI may be split over two paragraphs. Normalisation: NFKC (full-width forms), prefixes
removed, lower case, trailing punctuation removed unless it closes a bracket opened inside the
DOI (SICI DOIs such as ``10.1890/0012-9658(2006)87[2832:tiopma]2.0.co;2``), and URL path tails
that are not part of the DOI (``/figures/1``, ``/full``, a bioRxiv ``v2``) cut off.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote

from archiver.citations.labelled import reference_of_block
from archiver.citations.nfkc import nfkc
from archiver.citations.pasted import is_entry, join_entries

_STOP = "\\s\"'<>\u2018-\u201f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# A DOI runs to a space, a quote, an angle bracket or CJK text; but a SICI DOI holds its own
# angle brackets, around a number, a colon and more (Wiley's "10.1002/(SICI)1097-4636(199706)
# 35:4<461::AID-JBM6>3.0.CO;2-L", the AMS's "10.1175/1520-0469(1963)020<0130:DNF>2.0.CO;2"),
# where "<https://doi.org/…>" (MHRA) only encloses one
DOI_RE = re.compile(rf"10\.\d{{4,9}}/(?:[^{_STOP}]|<\d+:[^\s<>]+>)+")
_TRAILING = ".,;:!?'\"。，、；：！？"
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<", "）": "（", "】": "【", "」": "「"}
_OPENERS = frozenset(_CLOSERS.values())
# A full-width opening bracket ends a DOI (no DOI holds one): a note Chinese text puts right
# after it ("10.1038/ng.3834（点击阅读原文）", "…（see Nature）") is no part of it, which NFKC,
# making the bracket ASCII, would let it run into. It is spaced from the DOI first.
_FULL_WIDTH_OPENING = "（【「《〈［｛"


def _spaced_openings(line: str) -> str:
    """``line`` with a space before each full-width opening bracket. (A ``str.replace`` for
    each bracket it holds: ``str.translate`` looks each character of a non-ASCII line up in
    a dict, thirty times the cost.)"""
    for bracket in _FULL_WIDTH_OPENING:
        if bracket in line:
            line = line.replace(bracket, " " + bracket)
    return line


_URL_TAILS = re.compile(
    r"(?:/(?:figures?|tables?|fig|tab)/[\w.-]+|/(?:full|abstract|fulltext|pdf|epdf|meta|summary|"
    r"references|metrics|suppl|supplemental|full\.pdf)|\.(?:full|abstract|pdf|full\.pdf)"
    r"|[?#].*)+$", re.I)
# A DOI's own "#" and "?" in its link, percent-encoded as the DOI Handbook says (and as export
# writes them: https://doi.org/10.1000/xyz_123%23a): decoded only once the link's query and
# fragment are cut, held till then by characters no URL and no DOI holds.
_ENCODED_MARKS = re.compile("%(?:23|3f)", re.I)
_HELD_MARKS = {"%23": "\uf823", "%3f": "\uf83f"}
_HELD_BACK = str.maketrans({"\uf823": "#", "\uf83f": "?"})
_ENCODED_QUERY = re.compile(r"\?[a-z_][\w.-]*=.*$", re.I | re.S)
_BIORXIV_VERSION = re.compile(r"^(10\.1101/(?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,})v\d+$")
_NEXT_PARAMETER = re.compile(r"&(?:[A-Za-z_][\w.-]*=.*)?$")  # (or a query's bare last "&")
# What a copy that lost its spaces glues to a DOI's end: PubMed's "PMID: 28436983" and
# "PMCID: PMC…", "Epub 2017 Apr 24", a web citation's "Accessed …", "Available from …",
# "Retrieved …": the word, capitalised, right after the DOI's last letter, digit or full stop
# ("…03.018.Epub 2015 Mar 20": PubMed's "doi: … . Epub" without its space) (or in a
# bracket opened there, "…/ng.3834（PMID：28369037）" as Chinese posts print it), and ending
# there (no DOI of the recorded registries runs on so)
_GLUED = re.compile(r"(?<=[a-z0-9).])[(\[]?(?:PMID|PMCID|PMC(?=\d)|Epub|Accessed|Available|"
                    r"Retrieved|Published)(?![a-z])")
_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi\s*[:：]\s*|doi\s+)", re.I)


def _strip_trailing(doi: str) -> str:
    """``doi`` without the punctuation after it: a full stop or comma, a closing bracket the
    DOI did not open, an opening bracket nothing follows ("10.1038/ng.3834(" of a DOI a
    bracketed note followed)."""
    while doi:
        last = doi[-1]
        if last in _TRAILING or last in _OPENERS or \
                last in _CLOSERS and doi.count(_CLOSERS[last]) < doi.count(last):
            doi = doi[:-1]
        else:
            break
    return doi


def normalise_doi(raw: str, from_url: bool = False, doi_link: bool = False) -> str | None:
    """Normalise one DOI string; None when it is not a DOI. ``from_url``: it was read in a
    URL, whose query, fragment and publisher's tails are no part of it; ``doi_link``: in a
    doi.org link's path, where an encoded ``#`` or ``?`` is the DOI's own (another URL's,
    encoded in a redirect's query, is that URL's query or fragment)."""
    from_url = from_url or doi_link
    text = unescape_entities(unicodedata.normalize("NFKC", raw).strip())  # "…0214986&gt;"
    text = _PREFIX.sub("", text)
    if doi_link:
        text = unquote(_ENCODED_MARKS.sub(lambda m: _HELD_MARKS[m.group().lower()], text))
    elif from_url or "%2f" in text.lower():
        text = unquote(text)
    match = DOI_RE.search(text)
    if not match:
        return None
    # a Markdown link's text and target, "[…10.1038/ng.3834](https://doi.org/…)": no DOI
    # holds "](" (a SICI DOI's "]" is followed by its version, "]2.0.co;2")
    doi = match.group(0).split("](", 1)[0]
    glued = _GLUED.search(doi)
    if glued:  # "10.1038/ng.3834PMID: 28436983"
        doi = doi[:glued.start()]
    # the next parameter of the URL whose query holds the DOI ("file?id=10.1371/journal.pone.
    # 0214986&type=printable"), or the "&" ending its query (PMC's Google Scholar links,
    # "scholar_lookup?…&doi=10.1038/ng.3834&"): no DOI holds "&name=", nor ends with "&"
    doi = _NEXT_PARAMETER.sub("", doi)
    if from_url:
        doi = _URL_TAILS.sub("", doi)
    doi = _strip_trailing(doi.lower())
    if from_url:
        doi = _URL_TAILS.sub("", doi)
        doi = _strip_trailing(doi)
    if doi_link:  # (a "?" or "#" ending it is the link's, as one unencoded is; so is an
        # encoded query of parameters, "ng.3834%3Futm_source%3Dwechat": no DOI holds "?x=")
        doi = _strip_trailing(_ENCODED_QUERY.sub("", doi.translate(_HELD_BACK)).rstrip("#"))
    version = _BIORXIV_VERSION.match(doi)
    if version:
        doi = version.group(1)
    while doi.endswith("/"):  # a URL's closing slash ("https://doi.org/10.1038/ng.3834/"),
        doi = _strip_trailing(doi[:-1])  # and what the slash stood after ("….3834./")
    if "/" not in doi:  # "10.1000/" and nothing after it: a DOI broken off, or no DOI
        return None
    return doi


# A paragraph that ends inside a DOI or a DOI URL continues in the next paragraph.
_OPEN_TAIL = re.compile(r"(?:https?://\S*|doi[:：]?\S*|10\.\S*)$", re.I)
_CONTINUATION = re.compile(r"^[\w][\w.\-/();:\[\]]*")
_LIST_NUMBER = re.compile(r"^(?:\d{1,3}[.)、]|\[\d{1,3}\]|\(\d{1,3}\))$")


# A line that ends in none of these is never continued by the next one.
_JOIN_ENDS = "/.-:_"


def _joins(prev: str, nxt: str) -> bool:
    # the open DOI or URL ends the line, so the line ends as it does (checked first: cheap)
    if not prev.endswith(tuple(_JOIN_ENDS)):
        return False
    tail = _OPEN_TAIL.search(prev)
    if not tail:
        return False
    token = tail.group(0)
    head = _CONTINUATION.match(nxt)
    if not head:
        return False
    first = nxt.split()[0] if nxt.split() else ""
    if _LIST_NUMBER.match(first):
        return False
    if not re.search(r"[\d/]", head.group(0)):
        return False
    # "…/sim.8766." + "2023;40(5)…" would be a false join: a DOI that already looks complete
    # and ends with a full stop only continues when the next line is that one token alone.
    return not (DOI_RE.search(token) and token.endswith(".") and len(nxt.split()) != 1)


# the rest of a DOI broken inside a word, alone on the next line ("…/jou" + "rnal.pone.1"):
# it starts with a small letter or a full stop (not "Fig.1" or "S1_Table", a caption), and
# holds a digit and a full stop or underscore
_REST_OF_DOI = re.compile(r"[a-z.][\w.\-/()]*")


def _joins_inside_a_word(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` is the rest of the DOI ``prev`` ends with, broken inside a word (asked
    in a reference section only, where a DOI is the last thing of its entry)."""
    tail = _OPEN_TAIL.search(prev)
    if not tail or not DOI_RE.search(tail.group(0)) or not _REST_OF_DOI.fullmatch(nxt):
        return False
    return any(c.isdigit() for c in nxt) and any(c in "._" for c in nxt)


def join_split_lines(lines: list[str]) -> list[str]:
    """Re-join lines where a DOI or DOI URL was broken across paragraphs."""
    out: list[str] = []
    for line in lines:
        if out and _joins(out[-1], line.lstrip()):
            out[-1] = out[-1] + line.lstrip()
        else:
            out.append(line)
    return out


# (a SICI DOI's own angle brackets, as DOI_RE reads them, in a link too: "https://doi.org/
# 10.1002/(sici)1097-0258(19980430)17:8<857::aid-sim777>3.0.co;2-e")
_URL_DOI = re.compile(r"https?://[^\s\"'<>]*?(10\.\d{4,9}(?:/|%2[fF])"
                      r"(?:[^\s\"'<>]|<\d+:[^\s<>]+>)+)")

# Every DOI holds a "/", or in a URL "%2F". These are all the characters whose NFKC form holds
# a "/" or a "%" (the tests check this against unicodedata): a text with none of them holds
# no DOI, and is neither normalised (NFKC costs 80 ns a character) nor searched.
SLASH_OR_PERCENT = "/%\u2100\u2101\u2105\u2106\ufe6a\uff05\uff0f"
_MAY_HOLD_DOI = re.compile("[" + re.escape(SLASH_OR_PERCENT) + "]")


def _may_end_joinable(line: str) -> bool:
    """Whether the NFKC form of ``line`` may end in one of :data:`_JOIN_ENDS`, after which the
    next line may continue a DOI. Errs towards yes: an ASCII last character stays last and
    as it is (no composition takes one as its second part); any other may not when it
    normalises to something else or is a combining mark."""
    return bool(line) and _may_end_joinable_char(line[-1])


@functools.lru_cache(maxsize=4096)
def _may_end_joinable_char(last: str) -> bool:
    if last.isascii():
        return last in _JOIN_ENDS
    return unicodedata.combining(last) != 0 or unicodedata.normalize("NFKC", last) != last


def _nfkc_lines(text: str) -> list[str]:
    """The lines of ``text``, NFKC-normalised wherever that can change which DOIs are found.

    NFKC works line by line (a line break is a starter that nothing composes with), so this
    equals normalising the whole text, except for lines it leaves alone: ASCII lines, which
    NFKC keeps as they are, and lines that hold no character that normalises to "/" or "%"
    and can neither continue the line before them nor be continued. Such a line holds no DOI
    in either form and joins no other, so it finds what its normal form would. Chinese text
    is mostly such lines, and its full-width punctuation makes NFKC cost 80 ns a character."""
    out = []
    before = False  # whether the line before may be continued
    for line in text.split("\n"):
        after = _may_end_joinable(line)
        if not line.isascii() and (before or after or _MAY_HOLD_DOI.search(line)):
            line = nfkc(_spaced_openings(line))
        out.append(line)
        before = after
    return out


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)


def unescape_entities(text: str) -> str:
    """A citation copied from a web page's source (``Dimerization&#8211;Not``,
    ``Smith &amp; Jones``) as it reads; any other text as it is."""
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


# A DOI never ends with a hyphen, slash or underscore: one followed by a space was broken
# there, at a line's end ("…/978-" + "3-319-75889-3_1"), and goes on after it; so does one
# broken right after its prefix's slash ("doi: 10.1038/ ng.3834")
_BROKEN_DOI = re.compile(r"(10\.\d{4,9}/(?:\S*[-/_])?)[ \t]+(?=[\w.(])")


# ... and Elsevier's, whose last part is six digits, broken inside them by a space
# ("10.1016/j.arr.2022.1 01727"): whole again only where the two parts make six, and the
# second is no year ("…/j.cell.2020.01 2020.")
_ELSEVIER_BROKEN = re.compile(r"(10\.1016/j\.[a-z]+\.(?:\d{4}\.)?(\d{1,5}))[ \t]+"
                              r"(?!(?:19|20)\d\d\b)(\d{1,5})(?![\w/-]|\.\d)")


def _elsevier_rejoined(found: re.Match[str]) -> str:
    whole = found[1] + found[3]
    return whole if len(found[2]) + len(found[3]) == 6 else found[0]


# ... and one printed with a space after each full stop, as Chinese journals' GB/T 7714 lists
# print it ("DOI: 10. 1016/j. ejphar. 2015. 03. 018"): a suffix with no full stop and no digit
# of its own ("j", "journal", "ng", "icdcsw") is no DOI yet, and goes on past ". " with a word
# that opens with a small letter or a digit ("…/ng.3834. Epub" and "…/ng. PMID" are left
# alone, and so is "…/iiaa061. 2020", a DOI and then its year)
_SPACED_PREFIX = re.compile(r"(\bdoi\s*[:：]?\s*10\.)\s+(?=\d{4,9}/)", re.I)
_SPACED_DOI = re.compile(r"(10\.\d{4,9}/[^\s.\d]+)((?:\.[ \t]+[a-z0-9][\w-]*(?=[.\s]|$))+)")


# ... and one broken at a line's end after the full stop that ends a word, its rest digits
# (with full stops: "…/journal.pone." + "0020476", "…/j.neurobiolaging." + "2010.03.024"),
# which Markdown's soft break or an HTML source's line break made a space; and one a PDF's
# text spaced before a hyphen or a full stop inside it ("10.1038/s41586 -020 -2012-7",
# "10.1109/TIT .1976.1055638"), the mark glued to the digits after it. Read a word at a time
# (a pattern over the line took time in the square of a long line without spaces). Not:
# a DOI whose last part is a number ("…/iiaa061. 2020") or a letter (Wiley's "….x. 2345
# sites"), which is whole; a year or a date alone after one; a word after a mark ("-END-",
# "-PMID", "-v2", ".Science").
_SPACES_BETWEEN = re.compile(r"([ \t]+)")
_DOI_START = re.compile(r"10\.\d{4,9}/")
_WORD_ENDED = re.compile(r"[A-Za-z]{2}\.$")
_REST_OF_DIGITS = re.compile(r"(?:\d{4,}(?:\.\d+)*|\d+(?:\.\d+)+)(?![\w/-]|\.\d)")
_MARK_THEN_DIGITS = re.compile(r"[-.]\d")
# (whether a line may hold such a break at all: most hold none, and are not split)
_SPACED_AFTER_A_DOI = re.compile(r"[ \t][-.]\d|\.[ \t]+\d|[a-z][ \t]+(?>[a-z]{4,})\.\d")
_YEAR_OR_DATE = re.compile(r"(?:1[5-9]|20)\d\d(?:\.\d{1,2}\.\d{1,2})?")
# ... and one broken inside a word at a soft line break: the DOI ends in a word of three
# small letters or more ("…/j.neurobiol", not Wiley's whole "….x"), its rest is a word of
# small letters then two numbers or more after full stops, as Elsevier's DOIs end
# ("aging.2010.03.024"), which no prose word is; not a version ("python3.8", "llama-3.1"),
# a label ("figs.2", "release.2024.01", "accessed.2020.01.01") or a page ("pp.123")
_DOI_ENDS_IN_A_WORD = re.compile(r"[./_-][a-z]*[a-z]{3}$")
_REST_INSIDE_A_WORD = re.compile(
    r"(?!(?:figs?|figures?|pages?|vols?|volumes?|notes?|tabs?|tables?|issues?|suppl|"
    r"chapters?|sections?|releases?|versions?|accessed|retrieved|epub|pmid|data)\.)"
    r"(?>[a-z]{4,})(?>(?:\.\d+){2,})[.,;:)。，；：）]*")


# a meeting's acronym just before its year, the two a sentence of their own (". ISVC 2012.",
# "(ECCV 2014)"; not a journal's, "PLOS ONE 2019;14(5)", "JAMA 2010;303")
_MEETINGS_NAME = re.compile(r"(?:^|[.(]\s*)[A-Z]{2,8}\s?$")


def is_meetings_year(text: str, start: int, end: int) -> bool:
    """Whether the year at ``text[start:end]`` is part of a meeting's name, not the year a
    reference gives: "… Advances in Visual Computing. ISVC 2012. Lecture Notes …; 2014."."""
    return text[end:end + 1] in (".", ")") and \
        _MEETINGS_NAME.search(text, max(0, start - 40), start) is not None  # (the name's
    # reach: a text of many years is not searched whole for each)


def _words_rejoined(text: str) -> str:
    """``text`` with the words of a DOI a space broke (see above) joined again."""
    parts = _SPACES_BETWEEN.split(text)
    out = [parts[0]]
    holds_doi = bool(_DOI_START.search(parts[0]))  # the last word: asked once, not again
    for at in range(1, len(parts) - 1, 2):  # as joins make it longer (a square's time)
        space, word = parts[at], parts[at + 1]
        if holds_doi and out[-1] and _goes_on(out[-1][-24:], word):
            out[-1] += word
        else:
            out += [space, word]
            holds_doi = bool(_DOI_START.search(word))
    return "".join(out)


def _goes_on(end: str, word: str) -> bool:
    """Whether ``word`` is the rest of the DOI whose word ends with ``end`` (see above)."""
    if end[-1].isalnum() and _MARK_THEN_DIGITS.match(word):
        return True
    rest = _REST_OF_DIGITS.match(word) if _WORD_ENDED.search(end) else None
    if rest and not _YEAR_OR_DATE.fullmatch(rest.group(0)):
        return True
    return bool(_DOI_ENDS_IN_A_WORD.search(end) and _REST_INSIDE_A_WORD.fullmatch(word))


def doi_rejoined(text: str) -> str:
    """``text`` with each DOI broken after a hyphen, slash or underscore, spaced after its
    full stops or before a hyphen or full stop, or broken after a full stop before its
    digits, whole again."""
    if "10." not in text:
        return text
    text = _SPACED_DOI.sub(lambda m: m.group(1) + re.sub(r"\s+", "", m.group(2)),
                           _SPACED_PREFIX.sub(r"\1", text))
    text = _BROKEN_DOI.sub(r"\1", text)
    text = _ELSEVIER_BROKEN.sub(_elsevier_rejoined, text) if "10.1016/" in text else text
    return _words_rejoined(text) if _SPACED_AFTER_A_DOI.search(text) else text


# A list of DOIs written without spaces ("doi:10.1038/ng.3834,doi:10.1093/ia/iiaa061",
# "10.1038/ng.3834；10.1093/…"): a comma or semicolon followed by the next DOI ends the one
# before (a SICI DOI's own semicolon is followed by its check part, ";2-N")
_NEXT_DOI = re.compile(r"[,;](?=\s*(?:doi\s*[:：]|https?://|10\.\d{4,9}/))", re.I)


# a doi.org link's address up to its DOI (the URL's start, not one a redirect or an archive
# holds in its own: "https://web.archive.org/web/2020/https://doi.org/…")
DOI_LINK_BEFORE = re.compile(r"(?<![\w/.%=?&])https?://(?:dx\.|www\.)?doi\.org/$", re.I)


def _is_doi_link(url: re.Match[str]) -> bool:
    """Whether a URL :data:`_URL_DOI` found is a doi.org link, its DOI its whole path."""
    found = DOI_LINK_BEFORE.search(url.string, url.start(), url.start(1))
    return found is not None and found.start() == url.start()


def find_dois(lines: Iterable[str], links: Iterable[str] = ()) -> list[str]:
    """Distinct normalised DOIs in text lines and link targets, in order of appearance."""
    found: dict[str, None] = {}  # (in order; a list's membership test made 20,000 take 4 s)

    def add(doi: str | None) -> None:
        if doi:
            found.setdefault(doi)

    text = "\n".join(lines)
    for line in join_split_lines(_nfkc_lines(text)) if _MAY_HOLD_DOI.search(text) else ():
        if "/" not in line:  # both patterns hold one
            continue
        line = doi_rejoined(line)  # (as a reference's text is read)
        for url in _URL_DOI.finditer(line):
            link = _is_doi_link(url)
            for k, doi in enumerate(_NEXT_DOI.split(url.group(1))):  # (a link's first only)
                add(normalise_doi(doi, from_url=True, doi_link=link and k == 0))
        stripped = _URL_DOI.sub(" ", line)
        for match in DOI_RE.finditer(stripped):
            for doi in _NEXT_DOI.split(match.group(0)):
                add(normalise_doi(doi))
    for href in links:
        match = _URL_DOI.search(href) or (DOI_RE.search(href) and None)
        if match:
            add(normalise_doi(match.group(1), from_url=True, doi_link=_is_doi_link(match)))
        elif href.lower().startswith("doi:"):
            add(normalise_doi(href))
    return list(found)


# -- reference strings ---------------------------------------------------------------------------

# A heading over a post's references, alone on its line, as editors dress it ("【参考文献】",
# "— 参考文献 —", "▼参考文献", "参考文献 / References", "References and notes"); one over a
# list also with a note in brackets on how to read it ("【参考文献】（上下滑动查看更多）",
# "参考文献：【左右滑动查看】", "References (scroll to see more)")
HEADING_DRESS = r"[\s【\[#—–\-·•▼▽↓]*"
LIST_HEADING = (r"(?:参考文献|参考资料|references?(?:\s+and\s+notes)?|bibliography|works cited|"
                r"literature cited)(?:\s*/\s*(?:references?|参考文献))?")
_SECTION = re.compile(
    rf"^{HEADING_DRESS}(?:{LIST_HEADING}|原文信息|文献来源|原文出处|论文信息|sources?)"
    rf"{HEADING_DRESS}[】\]]*\s*[:：]?{HEADING_DRESS}$"
    rf"|^{HEADING_DRESS}{LIST_HEADING}{HEADING_DRESS}[】\]]*\s*[:：]?\s*"
    r"[（(【\[][^（()）【】\[\]]{1,30}[）)】\]]\s*[:：]?[\s↓▼]*$", re.I)
# ... and one over the post's one reference ("Cite:", "How to cite this article:",
# "引用格式：", "引用本文："): what follows that one is the post's again
_CITE_HEADING = re.compile(r"^\s*(?:cite(?: this article)?|how to cite(?: this article)?|"
                           r"citation|引用格式|引用本文|本文引用格式)\s*[:：]?\s*$", re.I)
# A reference's label: "Source:", "【来源】", "原文：", "参考文献：", "Reference: …", after a list
# number too ("[3]Reference: …"). A word is a label only with its colon or brackets: "Source,
# J. (2010)" is an author, "文献计量学视角下…" a title. (Not "参考：" nor "引文：", which open
# prose and quotations as often: "引文：“科学没有国界…”——钱学森，1955年")
_LABELS = r"来源|原文|文献|出处|参考文献|参考资料|sources?|references?|citations?"
_SOURCE_LINE = re.compile(rf"^\s*(?:\[\d{{1,3}}\]\s*|\d{{1,3}}[.)、]\s*)?"
                          rf"(?:[【\[]\s*(?:{_LABELS})\s*[】\]]\s*[:：]?|(?:{_LABELS})\s*[:：])"
                          rf"\s*(?=\S)", re.I)
# Characters no reader sees, which copying from a web page or a PDF leaves inside words: a
# soft hyphen where a word was hyphenated, zero-width spaces and joiners an editor inserts.
# "popu\u00adlations" is "populations".
# (taken out by a pattern: ``str.translate`` looks each character of a non-ASCII line up in a
# dict, ten times the cost of a regex's scan)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# A circled or bracketed list number glued to the entry ("⑲Gross JB"), which NFKC would make
# part of the first name ("19Gross")
_ENCLOSED_DIGITS = "[\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]"
_ENCLOSED_NUMBER = re.compile(f"^\\s*{_ENCLOSED_DIGITS}\\s*")
# A bullet a post's editor puts before each entry of a list the editor cannot make a list
# ("▷ Bzdok, Danilo, et al. …"): no part of the entry, and in a reference section its mark,
# as its number is (in prose it marks points as often: see :func:`_logical_lines`)
_BULLET = re.compile(r"^\s*[▷►▶▸•◆◇■□●○➤➢]\s*")


def reference_text(line: str) -> str:
    """A line of a reference list as it is read and checked: without the characters no reader
    sees, without an enclosed list number (``⑲``) or a bullet (``▷``), in NFKC (full-width
    punctuation and digits as Chinese posts print them: ``（2014）``, ``33，588``), a DOI
    broken after a hyphen whole again, and without the marks of :func:`without_marks`."""
    text = without_marks(_INVISIBLE.sub("", line))
    if text and not text.isascii():
        text = nfkc(_BULLET.sub("", _ENCLOSED_NUMBER.sub("", text, count=1), count=1))
    return doi_rejoined(text).strip()


# Markdown's strong emphasis around a part of a reference pasted from a Markdown page
# ("**Title**[J]. Journal", "“__Title__.”"): marks no reference prints
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# a Latin-script title in Chinese book-title marks ("《Scientific opinion on …》[J]"), as
# Chinese editors mark a title in any language
_LATIN_IN_TITLE_MARKS = re.compile(r"《([^《》\u3400-\u9fff]*[A-Za-z][^《》\u3400-\u9fff]*)》")
_QUOTES_BEFORE = "“‘\"'"


def _latin_title(match: re.Match[str]) -> str:
    """The title quoted, as Latin references quote one; as it is, when quoted already."""
    quoted = match.start() > 0 and match.string[match.start() - 1] in _QUOTES_BEFORE
    return match.group(1) if quoted else f"“{match.group(1)}”"


# the journal's impact factor, which Chinese posts print after its name in brackets
# ("Nature Genetics（IF=27.6）", "(IF: 5.2)", "（影响因子：12.3）", "(2023 IF 10.1)")
_IMPACT_FACTOR = re.compile(r"\s*[(（]\s*(?:(?:19|20)\d\d\s*)?(?:IF|JCR\s*IF|Impact\s+Factor|"
                            r"影响因子)\s*[=:：]?\s*\d+(?:\.\d+)?\s*(?:分)?\s*[)）]", re.I)
# ... and the journal's rank and impact factor a post prints after the whole reference, with
# no brackets ("…(2023). 中科院一区 | IF 56.7", "… 1012-1020. JCR Q1, IF=8.3"): a volume's or
# an issue's digits otherwise ("56.7" read as issue 7)
_RANK = (r"(?:中科院\s*[一二三四1-4]\s*区(?:\s*Top)?|SCI\s*[一二三四1-4]\s*区|JCR\s*Q[1-4]|"
         r"(?:IF|影响因子)\s*[=:：]?\s*\d+(?:\.\d+)?)")
_RANK_AT_THE_END = re.compile(
    rf"(?<=[.。)）\d])\s*{_RANK}(?:\s*[|｜/,，;；·]\s*{_RANK})*\s*[.。]?$", re.I)
# a note of the post's after the whole reference, pointing its reader to the paper
# ("…1012-1020.（点击文末“阅读原文”查看）", "（原文链接见文末）"): read as part of the journal or
# the pages otherwise
_READERS_NOTE = re.compile(r"[(（][^()（）]{0,12}(?:阅读原文|原文链接|文末|下载|查看)"
                           r"[^()（）]{0,12}[)）]\s*[.。]?")
# a year written with 年 in a Latin citation's brackets or before its full stop ("(2018年)."),
# or an author's before the title ("陈钊 (2010年) 城市化与收入差距."); not the end of a range
# of years in a title ("规划纲要(2006—2020年)"), nor a title's own bracket, which its type
# code follows ("白皮书(2021年)[R]")
_YEAR_WITH_NIAN = re.compile(r"(?<![\d—–~～至-])((?:1[5-9]|20)\d\d)年"
                             r"(?=\s*(?:[)）](?!\s*\[[A-Z])|[.,，;；]))")


# a Markdown link around a part of a reference pasted from a Markdown page
# ("[Vector Quotient Filters …](https://…)"): its text, then its address (a DOI's stays found)
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{2,})\]\(\s*<?((?:https?://|www\.)[^\s()<>]*"
                            r"(?:\([^\s()<>]*\)[^\s()<>]*)*)>?\s*\)")


def without_marks(text: str) -> str:
    """A reference without what a post's editor adds that no citation style prints and that
    ends up read as part of a field ("》[J]. EFSA J" or "Pulm. Med.(IF=12.3" as the journal,
    "5.2" as its pages, a year missed): a Latin title's book-title marks become quotation
    marks (a Chinese title keeps its own), Markdown's strong emphasis is dropped and a
    Markdown link is its text and its address, an impact factor in brackets is dropped, as is
    a rank or an impact factor ending the reference, and a note to the reader ending it
    ("（点击文末“阅读原文”查看）"), and so is a 年 after a year in brackets."""
    if "**" in text or "__" in text:
        text = _STRONG.sub(r"\2", text)
    if "](" in text:
        text = _MARKDOWN_LINK.sub(r"\1 \2 ", text)
    if "《" in text:
        text = _LATIN_IN_TITLE_MARKS.sub(_latin_title, text)
    lowered = text.lower()
    if "if" in lowered or "impact factor" in lowered or "影响因子" in text:
        text = _IMPACT_FACTOR.sub("", text)
    if "区" in text or "if" in lowered or "jcr" in lowered or "影响因子" in text:
        text = _RANK_AT_THE_END.sub("", text)
    if "年" in text:
        text = _YEAR_WITH_NIAN.sub(r"\1", text)
    if text.endswith((")", "）", ").", "）.", ")。", "）。")):
        # (from the last opening bracket: a search from every place re-read a run of spaces
        # before it again for each)
        at = max(text.rfind("("), text.rfind("（"))
        if at >= 0 and _READERS_NOTE.fullmatch(text, at):
            text = text[:at].rstrip()
    return text


def without_label(text: str) -> str | None:
    """The reference after its label ("Source: …", "【来源】…"), or None when it has none."""
    label = _SOURCE_LINE.match(text)
    return text[label.end():].strip() if label else None


# GB/T 7714-2015's mark of the type of work, and of its carrier when it is not print: [J],
# [M], [S] (a standard), [P] (a patent), [DB/OL] (an online database), [CP/DK] (a program on
# disk) … Those that may be a letter in brackets in prose ([A], an option; [S], [P], [Z]…)
# mark a reference only where they end a title, before its full stop or a "//".
# (in capitals: "author[s]." is no standard)
GBT_TYPE_MARK = (r"\[(?:J|M|C|D|R|N|EB/OL)\]|(?-i:\[(?:M|C|G|N|J|D|R|S|P|DB|CP|EB|A|CM|DS|"
                 r"Z|K)(?:/(?:OL|CD|MT|DK))?\](?=\s*(?:[.．。]|//)))")

_NUMBERED = re.compile(r"^\s*(?:\[\d{1,3}\]|［\d{1,3}］|\d{1,3}[.)、]\s|\(\d{1,3}\)|（\d{1,3}）)")


# ... and one glued to the entry's first word ("3.Knights AJ"), as an editor's list is pasted
_GLUED_NUMBER = re.compile(r"^\s*\d{1,3}[.)、](?=[^\W\d_])")


def without_list_number(text: str) -> str:
    """``text`` without the number a reference list puts before an entry (``[3] ``,
    ``12. ``, ``（4）``, ``3.Knights``): no part of the work."""
    stripped = _NUMBERED.sub("", text, count=1)
    if stripped == text:
        stripped = _GLUED_NUMBER.sub("", text, count=1)
    return stripped.lstrip()


# in a reference section, "17、Arya" with no space after the number is an entry's number too
_NUMBERED_IN_A_SECTION = re.compile(r"^\s*\d{1,3}、")
_LOOKS_CITED = re.compile(r"(?:1[6-9]|20)\d\d")
_HAS_WORK = re.compile(GBT_TYPE_MARK + r"|10\.\d{4,9}/|\bvol\.|\bpp?\.\s*\d|\d+\s*\(\d+\)"
                       r"|[“\"].{8,}[”\"]|\bjournal\b|\bproceedings\b|\bpress\b|\d+\s*[:：]\s*\d+",
                       re.I)


def looks_like_reference(line: str) -> bool:
    """A line a reader would take for a bibliographic reference: a year and some sign of a
    published work (a DOI, [J], vol./pp., 12(3), a quoted title…)."""
    text = line.strip()
    return (25 <= len(text) <= 1500 and bool(_LOOKS_CITED.search(text))
            and bool(_HAS_WORK.search(text)))


def is_section_heading(line: str) -> bool:
    """A heading such as ``参考文献``, ``References:``, ``## Bibliography`` or ``Cite:``."""
    return bool(_SECTION.match(line) or _CITE_HEADING.match(line))


# a DOI as written, with its prefix: what is left of a line without them says what it is
_DOI_WRITTEN = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*[:：]?\s*)?10\.\d{4,9}/\S+",
                          re.I)


def _prose_naming_works(text: str) -> bool:
    """A line naming several DOIs that is no reference once they are taken out ("文中还提到
    doi:… 和 doi:…"): taken for a reference, its words would be compared as a journal. A
    reference giving a second DOI (an erratum, data), wherever its DOIs stand, is still a
    reference."""
    if text.count("10.") < 2 or len(find_dois([text])) < 2:
        return False
    return not looks_like_reference(_DOI_WRITTEN.sub(" ", text))


_ANY_URL = re.compile(r"https?://\S+", re.I)


def _a_doi_labelled(text: str) -> bool:
    """A line that is a DOI (or its link) and a short label, no year ("相关论文：https://doi.org/
    10.1016/j.ejphar.2015.03.018"): no reference, whose label would be read as its journal,
    but a DOI to check alone (as it is where its DOI holds no year-like number)."""
    rest = without_list_number(_DOI_WRITTEN.sub(" ", _ANY_URL.sub(" ", text)))
    rest = rest.strip(" \t:：,，;；.。()（）[]【】")
    return len(rest) <= 12 and not _LOOKS_CITED.search(rest) and bool(DOI_RE.search(text))


# (index of its first line, text as read, numbered, numbered for a reference section,
# under a bullet): a line of a post as references are looked for in it
_Line = tuple[int, str, bool, bool, bool]


def _logical_lines(lines: list[str], items: set[int]) -> list[_Line]:
    """Each line as a :data:`_Line`, joined with the next where a DOI or URL goes on there
    (:func:`_joins`). Numbered: ``[1]``, ``1. ``, ``(1)``, or a list item (``items``: their
    indices, whose number is not in their text); in a section also ``①`` (which
    :func:`reference_text` takes away), ``17、`` with no space, which in prose number points,
    not works, and a bullet a post's editor typed (``▷``), which in prose marks points too."""
    out: list[_Line] = []
    for index, line in enumerate(lines):
        text = reference_text(line)
        if out and out[-1][1] and text and _joins(out[-1][1], text):
            out[-1] = (out[-1][0], out[-1][1] + text, *out[-1][2:])
            continue
        numbered = index in items or bool(_NUMBERED.match(text))
        bulleted = bool(_BULLET.match(line))
        out.append((index, text, numbered, numbered or bulleted or bool(
            _ENCLOSED_NUMBER.match(line) or _NUMBERED_IN_A_SECTION.match(text)), bulleted))
    return out


# In a reference section, what marks an entry besides its year, where looks_like_reference
# finds no sign of a work: a page range (not a date: 2023-10-12, 9:00-12:00), an issue with a
# slash (23(1/2)), or authors as an entry opens with them ("Burton, A.", "Chen L,")
# authors as an entry opens with them: "Burton, A.", "Chen L,", "T. Tiedje,", "James,
# Henry.", "汤万金, 杨跃翔, 刘文, 等."
_AUTHORS_OPENING = (
    r"^(?:\W*\d{1,3}\W+)?(?:[A-Z][\w'’-]+,?\s+(?:[A-Z]\.\s*|[A-Z]{1,3}\b)|"
    r"(?:[A-Z]\.\s*){1,3}[A-Z][\w'’-]+,|[A-Z][\w'’-]+,\s+[A-Z][a-z]+\.|"
    r"[\u4e00-\u9fff]{2,4}(?:\s*[,，、]\s*[\u4e00-\u9fff]{2,4})*\s*[,，]\s*等)")
OPENS_WITH_AUTHORS = re.compile(_AUTHORS_OPENING)
_LISTED_WORK = re.compile(
    r"(?<![\d:–—-])\d{1,5}\s*[–—-]\s*\d{1,5}(?![\d:–—-])|\d+\s*\([\w/–-]+\)|"
    r"\[[A-Z]{1,2}(?:/OL)?\]|"  # GB/T 7714's type of work: [M/OL], [R/OL], [P], [N]…
    + _AUTHORS_OPENING)
# ... and what marks one that gives no year: GB/T 7714's type of work, pages labelled as a
# chapter's are ("pp. 72–94", "p. 82-104"), or its saying it has no date
_UNDATED_WORK = re.compile(GBT_TYPE_MARK + r"|\bpp?\.\s*\d+\s*[–—-]\s*\d+|"
                           r"\bn\.\s*d\.|\bno date\b|\bdate unknown\b", re.I)


def entry_of_a_section(text: str) -> bool:
    """A line of a reference section taken for an entry: a reference, or a year and one of
    :data:`_LISTED_WORK` ("… D-Lib Magazine, 23(1/2).", "… Economia Agro-alimentare, (1),
    75–92."), or no year and one of :data:`_UNDATED_WORK` ("Bichot C E. Title[M]//Book.
    IGI Global: 72-94.")."""
    if looks_like_reference(text):
        return True
    if not 25 <= len(text) <= 1500:
        return False
    if _LOOKS_CITED.search(text):
        return bool(_LISTED_WORK.search(text))
    return bool(_UNDATED_WORK.search(text))


# what makes "①…" or "1、…" outside a reference section an entry, not a point of prose: a DOI,
# GB/T 7714's type of work, or volume(issue) with pages
_CLEARLY_A_WORK = re.compile(r"10\.\d{4,9}/|\[(?:J|M|C|D|R|N|P)(?:/OL)?\]|"
                             r"\d+\s*\(\d+\)\s*[:：,]\s*[A-Za-z]?\d+")


# A paragraph of its own, under no heading and with no number, that is one whole reference
# ending with its DOI ("Chiang C, Scott AJ, Davis JR, et al. The impact of structural variation
# on human gene expression. Nat Genet. 2017;49(5):692-699. doi:10.1038/ng.3834"): nothing but
# names up to the first full stop, bracket, quote or year, then the work: its title, with a
# capital or a quote, after its year if that comes first. Prose goes on in words ("Chiang C,
# Scott AJ and colleagues showed in …", "Smith et al. showed that …", "Vanderhill R (2020)
# argued …") or opens with one no name is ("See Smith J, Doe A (2020) …"). In Chinese text only
# with GB/T 7714's type of work ("[J]"), as Chinese prose names authors and journals too.
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*\.?|[A-Z](?:\.-?[A-Z])+\.?|[A-Z]{1,3}|et|al\.?|and|&|"
                        r"van|von|de|der|den|da|di|du|del|la|le|dos|das|y|bin|ibn|[23]rd|2nd|"
                        r"Jr\.?")
_NO_NAME = frozenset({"See", "In", "The", "This", "That", "These", "Those", "We", "Our", "As",
                      "According", "From", "For", "By", "On", "At", "Read", "Cf", "Also", "Here",
                      "Its", "It", "They", "He", "She", "His", "Her", "Their", "When", "While",
                      "Although", "If", "After", "Before", "Since", "Following", "Per", "Via",
                      "With", "Of", "Source", "Sources", "Note", "Notes", "Reference",
                      "References", "Citation", "Cite", "DOI", "Doi", "Available"})
_AUTHORS_END = re.compile(r"\.\s+(?=[^\s.,;&])(?![A-Z]\.|[A-Z]{1,3}[,.\s]|&|and\b|et al)|"
                          r"[(“\"‘\[]|\b(?:1[6-9]|20)\d\d\b")
# ... and names as a person's are written: "Chiang C", "Scott AJ" (a family name and its
# initials; GB/T's "PANDEY P,"), "Oh, Sohae", "Dougherty, L." (family name, comma, given),
# or "et al". A journal's name before its year is none ("Nature Genetics (2017). DOI: …",
# "PLOS ONE, 2019. DOI: …", the caption science news closes with)
_PERSONS_NAME = re.compile(r"^[A-Z][\w'’-]+,\s+[A-Z]|[a-z][\w'’-]*\s+[A-Z]{1,3}\b(?![\w'’-])|"
                           r"\b[A-Z][A-Z'’-]+\s+[A-Z]{1,2}\s*[,.]|\bet al\b")
_WORK_AFTER = re.compile(r"(?:\(?(?:(?:1[6-9]|20)\d\d[a-z]?|n\.\s?d\.)\)?\s*[.,:]?\s*)?"
                         r"[A-Z“\"‘《\[«]")
# ... its DOI last, or only PubMed's ids or its year after it ("doi:10.1126/science.1193440.
# PMID: 20847…", "doi:10.1038/nature24277 (2017)."); the DOI taken whole at once (``\S++``:
# a DOI followed by thousands of full stops was otherwise tried at each of them, in seconds),
# and each id after it too (``(?>…)``: a space in "PMID 1" could go two ways, each time)
_DOI_AT_THE_END = re.compile(r"10\.\d{4,9}/\S++(?>[\s.;,]+(?:PubMed\s+(?:Central\s+)?)?"
                             r"(?:PMID|PMCID)\s*(?::\s*)?(?:PMC)?\d+|"
                             r"\s*\((?:1[6-9]|20)\d\d\))*[\s.]*$")
_GBT_TYPE = re.compile(GBT_TYPE_MARK)


def _a_reference_alone(text: str) -> bool:
    """Whether an unnumbered paragraph under no heading is one whole reference (see above):
    its DOI is then checked with the fields it gives, not for its existence alone."""
    if not _DOI_AT_THE_END.search(text):
        return False
    if _IDEOGRAPH.search(text):
        return bool(OPENS_WITH_AUTHORS.match(text) and _GBT_TYPE.search(text))
    end = _AUTHORS_END.search(text)
    if end is None:
        return False
    authors = text[:end.start()]
    if not _PERSONS_NAME.search(authors):
        return False
    names = authors.replace(",", " , ").replace(";", " , ").split()
    if len(names) < 2 or len(names[0]) < 2 or not names[0][0].isupper() or any(
            word != "," and (word in _NO_NAME or not _NAME_WORD.fullmatch(word))
            for word in names):
        return False
    return bool(_WORK_AFTER.match(text[end.start():].lstrip(". ")))


def _split_entry(text: str, nxt: _Line) -> bool:
    """Whether a numbered entry of a reference section that is no reference alone goes on in
    the next paragraph (``［10］Chen L, Knoll A.`` + ``Human Body Orientation …``): the next
    is no entry of its own (numbered, or a list item) nor a heading, and the first is no label
    ("1. 原文：")."""
    return (not nxt[3] and not is_section_heading(nxt[1])
            and not text.rstrip().endswith((":", "："))
            and entry_of_a_section(text + " " + nxt[1]))


# how many paragraphs a numbered entry of a reference section may be wrapped over after its
# first: a reference copied from a PDF keeps the PDF's line breaks, each line a paragraph
WRAPPED_LINES = 6
_IDEOGRAPH = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


# a line of the post's own that may follow an entry: a label it gives its notes ("Figure
# source:", "Editor:", "Photo:") or a caption ("Figure 2. …", "Fig. 3", "Table 1:"). A list of
# them, not any capitalised words before a colon, which open the rest of a title
# ("AlphaFold: A review…"), a journal's volume ("Genes Dev 14: 2222-2230.") and the labels
# of a reference's own ("Available online:", "Erratum in:")
_POSTS_OWN_LINE = re.compile(
    r"(?:(?:figure|fig|image|photo|picture|illustration|cover|video|audio|data|table|chart)"
    r"\s+(?:source|credit|credits|courtesy)s?|source of (?:the )?(?:figure|image|photo)s?|"
    r"editors?|edited by|editor in charge|proofread(?:ing|er)?|typeset(?:ting)?|layout|"
    r"reviewers?|photos?|images?|illustrations?|notes?|disclaimer|copyright|contact|e-?mail|"
    r"wechat|translators?|translated by|compiled by|text|author of this post)\s*[:：]|"
    r"(?:figure|fig\.?|table|supplementary (?:figure|table))\s*S?\d+[.:：\s]",
    re.IGNORECASE)
# what ends an entry whole: a full stop, or its DOI or URL ("… doi:10.1038/ng.3834")
_ENDS_WHOLE = re.compile(r"[.。]\s*$|10\.\d{4,9}/\S+$|https?://\S+$")


def _wrapped_lines(logical: list[_Line], at: int, entry: str
                   ) -> tuple[int, str]:
    """How many of the paragraphs from ``at`` on continue the numbered entry of a reference
    section before them (``36. Sharma, P., … (2018). Conceptual`` + ``captions: A cleaned,
    …`` + ``for Computational Linguistics. https://aclanthology.org/P18-1238/.``): up to
    :data:`WRAPPED_LINES` of them, none numbered, a heading or in Chinese (a comment on the
    entry, or the prose after the section), that end where the next entry begins. After the
    last entry (``entry``), they end where the section or the post does, and go on it only
    if it is not whole alone (a reference that ends with a full stop, its DOI or its URL) and
    is one with them (a caption or a line of prose after a whole entry is neither). None is
    a line of the post's own (:data:`_POSTS_OWN_LINE`) or holds a second DOI. More of them
    is prose, not a wrapped entry: none. Returns the count and the entry with its lines."""
    end, whole, has_doi = at, entry, bool(DOI_RE.search(entry))
    while end < len(logical) and end - at < WRAPPED_LINES:
        text = logical[end][1]
        if logical[end][3] or is_section_heading(text) or _IDEOGRAPH.search(text):
            break
        if _POSTS_OWN_LINE.match(text):
            break  # "Figure source: …", "Editor: …", "Figure 2. …": the post's
        doi = bool(DOI_RE.search(text))
        if has_doi and doi and not whole.rstrip().endswith(":"):
            break  # another work's DOI: an entry ends with its own ("Erratum in:" goes on)
        has_doi, whole, end = has_doi or doi, f"{whole} {text}", end + 1
    if end == at:
        return 0, entry
    if end < len(logical) and logical[end][3]:  # the next entry begins there
        return end - at, whole
    if end - at == WRAPPED_LINES and end < len(logical) and not is_section_heading(
            logical[end][1]) and not _IDEOGRAPH.search(logical[end][1]):
        return 0, entry  # more lines than an entry wraps over: prose
    whole_alone = looks_like_reference(entry) and bool(_ENDS_WHOLE.search(entry.rstrip()))
    return (end - at, whole) if not whole_alone and entry_of_a_section(whole) else (0, entry)


def find_references(lines: list[str], listed: Iterable[int] = (),
                    broken: set[str] | None = None) -> list[tuple[int, str]]:
    """(line index, reference string) for every reference in a post: the entries of sections
    titled 参考文献 / References / 原文信息 / 文献来源 / Source…, numbered or list entries
    (``listed``: indices of lines that are list items) that look like references, and
    "Source:"/"【来源】" lines. A DOI broken over two lines is joined; in a section, also one
    broken inside a word, and an entry broken over two paragraphs is one, as is a numbered
    entry wrapped over several (:func:`_wrapped_lines`). ``broken``, if given, gets the
    first part of each DOI found broken inside a word: no DOI of its own.
    A BibTeX entry, on one line or over several (:mod:`archiver.citations.pasted`), is a
    reference wherever it stands, and leaves a section going on; so is a block of labelled
    lines naming a work (:mod:`archiver.citations.labelled`)."""
    out: list[tuple[int, str]] = []
    joined, origin = join_entries(lines)
    first_of = {line: at for at, line in enumerate(origin)}
    items = {first_of[i] for i in listed if i in first_of}
    logical = [line for line in _logical_lines(joined, items) if line[1]]
    in_section = False
    one_only: int | None = None  # under "Cite:", the count of references before it
    at = 0
    while at < len(logical):
        index, text, numbered, entry_number, bulleted = logical[at]
        at += 1
        if is_section_heading(text):
            in_section = True
            one_only = len(out) if _CITE_HEADING.match(text) else None
            continue
        if one_only is not None and len(out) > one_only:
            in_section, one_only = False, None  # "Cite:" is over one reference: the post's
            # own text goes on after it
        if "@" in text and is_entry(text):
            out.append((origin[index], without_label(text) or text))
            continue
        if reference_of_block(text) is not None:
            out.append((origin[index], text))  # a labelled block: 论文题目：… / 期刊：…
            continue
        if (in_section or without_label(text)) and at < len(logical) and \
                _joins_inside_a_word(text, logical[at][1]):
            if broken is not None:
                broken.update(find_dois([text]))
            text += logical[at][1]  # "…/jou" + "rnal.pone.0000030"
            at += 1
        if (in_section and entry_number) or numbered:
            wrapped, whole = _wrapped_lines(logical, at, text)
            if wrapped and in_section:
                text = whole
                at += wrapped
            elif wrapped and OPENS_WITH_AUTHORS.match(text) and entry_of_a_section(whole) \
                    and not _prose_naming_works(whole):
                # a numbered list under no heading is a list of wrapped references when an
                # entry opens with authors and its lines together read as an entry of one (a
                # list of points, or of Chinese prose, does not): a reference section from
                # there on, though no heading names it, so that its entries of one line are
                # read as such
                out.append((origin[index], whole))
                at += wrapped
                in_section = True
                continue
        labelled = without_label(text)
        if labelled and looks_like_reference(labelled):
            out.append((origin[index], labelled))
            continue
        if in_section and entry_number and not looks_like_reference(text) and \
                at < len(logical) and _split_entry(text, logical[at]):
            out.append((origin[index], f"{text} {logical[at][1]}"))
            at += 1
            continue
        if (looks_like_reference(text) and (in_section or numbered or (
                entry_number and _CLEARLY_A_WORK.search(text)) or _a_reference_alone(text))) or \
                (in_section and entry_of_a_section(text)):
            if _prose_naming_works(text) or _a_doi_labelled(text):
                continue  # its DOIs are checked one by one, as bare DOIs
            out.append((origin[index], text))
        elif in_section and len(text) < 40 and (not entry_number or bulleted):
            in_section = False  # a short line that is no reference ends the section (under a
            # bullet too: "● 往期推荐", the post's own list after its references)
    return out
