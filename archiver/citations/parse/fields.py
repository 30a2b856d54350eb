"""The tagger's spans turned into values: a span's surrounding marks and unbalanced brackets
dropped, the year, pages, volume, issue and container read from theirs, and the DOI found by
pattern in the whole string (PDF text breaks DOIs where no tagger would join them).
"""

from __future__ import annotations

import re

from archiver.citations.extract import (
    DOI_LINK_BEFORE,
    doi_rejoined,
    normalise_doi,
)
from archiver.citations.parse.tokens import Token, _is_han

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_STRIP = " \t.,;:·•/\\-–—|*†‡#"
_QUOTE_CHARS = "\"'“”‘’«»„‚「」『』〈〉`´"
# brackets dropped from a span's ends only when unbalanced, or when one pair encloses it
# whole: "《五行》学说与《荀子》" is a title that opens and ends with a work's name
_PAIRS = {"(": ")", "[": "]", "{": "}", "《": "》"}


def _strip_span(text: str) -> str:
    """Drop surrounding punctuation, quotes and unbalanced brackets from a span."""
    prev = None
    while text != prev:
        prev = text
        text = text.strip(_STRIP + _QUOTE_CHARS)
        for o, c in _PAIRS.items():
            if text.endswith(c) and text.count(o) < text.count(c):
                text = text[:-1]
            if text.startswith(o) and text.count(c) < text.count(o):
                text = text[1:]
            if text.startswith(o) and text.endswith(c) and text.count(o) == 1:
                text = text[1:-1]
    return text.strip()


def _spans(tokens: list[Token], labels: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Runs of each label as (first, last) token indices; runs of one label separated only by
    punctuation tokens labelled ``other`` are merged (``Smith, J. & Jones, K.``)."""
    runs: dict[str, list[tuple[int, int]]] = {}
    k = 0
    n = len(tokens)
    while k < n:
        lab = labels[k]
        j = k
        while j + 1 < n and labels[j + 1] == lab:
            j += 1
        if lab != "other":
            lst = runs.setdefault(lab, [])
            if lst:
                a, b = lst[-1]
                gap = range(b + 1, k)
                if len(gap) <= 2 and all(tokens[g].kind == "P" and labels[g] == "other"
                                         for g in gap):
                    lst[-1] = (a, j)
                    k = j + 1
                    continue
            lst.append((k, j))
        k = j + 1
    return runs


def _cut(text: str, tokens: list[Token], span: tuple[int, int]) -> str:
    return text[tokens[span[0]].start:tokens[span[1]].end]


_DOI_LOOSE = re.compile(
    r"(?:[dD][oO][iI]\s*[:：]?\s*|[hH][tT][tT][pP][sS]?://(?:dx\.)?doi\.org/\s*)?"
    r"(10\s?\.\s?\d{4,9}\s?(?:/|%2[fF])\s?(?:[^\s\"<>]|<\d+:[^\s<>]+>)+(?:\s/[^\s\"<>]+)*)")
_DOI_TAIL = re.compile(r"(?:\[doi\]|\.?(?:pmid|pmcid|pubmed|epub)\b.*)$", re.I)


def find_doi(text: str) -> str | None:
    """The DOI of a reference: from a DOI or DOI URL, also when a PDF line break left spaces in
    it (``10. 1093/jb/mvg083``, ``10.1038 /nature11247``); lower case, without prefix or
    trailing ``[doi]`` / ``.PMID:…`` noise; broken at a line's end after a hyphen or a full
    stop, as a list copied from a PDF leaves it (``s41593-022- 01026-4``, ``pnas.
    2105646118``), as :func:`~archiver.citations.extract.find_dois` reads it."""
    best = None
    text = doi_rejoined(text)
    for m in _DOI_LOOSE.finditer(text):
        raw = "".join(m.group(1).split())
        for i, ch in enumerate(raw):  # a DOI ends where CJK text or punctuation starts
            if _is_han(ch) or "\u3000" <= ch <= "\u303f":
                raw = raw[:i]
                break
        raw = _DOI_TAIL.sub("", raw)
        in_url = text.rfind("http", 0, m.start(1)) > text.rfind(" ", 0, m.start(1))
        link = DOI_LINK_BEFORE.search(text, 0, m.start(1))
        doi = normalise_doi(raw, from_url=in_url, doi_link=link is not None)
        if doi:
            doi = _DOI_TAIL.sub("", doi).rstrip(".,;")
            if best is None:
                best = doi
            if m.group(0).lower().startswith(("doi", "http")) or not in_url:
                return doi
    return best


def _year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


# what may follow the pages in the same run of text and is no page: an ISBN, the next part
# of a work printed in two ("pp. 290-297 et n° 6, pp. 354-362")
_AFTER_PAGES = re.compile(r"(?<![\s,;])[\s,;]*\s(?:ISBN|ISSN|et)\b.*$", re.I | re.S)


# a sentence after a range of pages the tagger ran on into: Chicago's "212–19. STOC ’96"
# (the meeting's short name), never a page's own part
_WORDS_AFTER_PAGES = re.compile(r"(?<=\d)\.\s+[A-Z][A-Za-z]+\b.*$", re.S)


# the word before a page: "pages" whole, not its "p" ("pages 4171" is no page "ages 4171"); a
# German "S." or "ss." only with its full stop or a space, for a supplement's page is "S15"
# (and Vietnamese's "tr." for trang, Polish's and Czech's "s.", "str.")
_PAGE_WORD = re.compile(
    r"^(?:(?:pages?|pgs?|pp?)\b\.?|pp?\.?(?=\d)|ss?(?:\.|\s)|(?:tr|str)\.|[页頁])\s*", re.I)


def _page(text: str) -> str:
    """``pp. 975–93.`` -> ``975-93``; other page strings are only trimmed."""
    text = _PAGE_WORD.sub("", text.strip())
    text = _AFTER_PAGES.sub("", text)
    text = _WORDS_AFTER_PAGES.sub("", text)
    text = re.sub(r"\s*[‐‑‒–—―−~～-]+\s*", "-", text)
    text = _FOLLOWING.sub("", text)
    return _strip_span(text)


def _marked_numbers(text: str, volume: re.Pattern[str], issue: re.Pattern[str],
                    page: re.Pattern[str]) -> dict[str, str]:
    """The volume, issue and page a form's own marks give in ``text`` (each pattern's first
    group; the page as :func:`_page` reads it), those found: "Т. 12, № 3. С. 45–67",
    "第75巻第2号、…、45-67頁"."""
    found = {}
    for key, pattern in (("volume", volume), ("issue", issue), ("page", page)):
        number = pattern.search(text)
        if number:
            found[key] = _page(number.group(1)) if key == "page" else number.group(1)
    return found


# "S. 133 ff.", "p. 45 f.", "p. 228 sq.": the page cited and those after it, the first page the
# page; a note on it ("212 n. 3"); the page cited after an article's range ("119–34, at p. 121")
_FOLLOWING = re.compile(r"(?<=\d)\s*(?:ff?|sqq?)\.?$|(?<=\d)\s+nn?\.\s*\d+$|"
                        r"(?<=\d),\s*at\s+(?:pp?\.\s*)?\d+(?:-\d+)?$")


_CN_NUMBERED = re.compile(r"^第?\s*(\d+)\s*[卷期号號]?$")


def _volume(text: str) -> str:
    """``Vol. 12`` -> ``12``; ``第 1 卷`` / ``第3期`` -> the number (``第 1 册``, a book part,
    stays as printed)."""
    text = re.sub(r"^(?:vol(?:ume)?s?|v|bd|t|tome|jg)(?:\.\s*|\s+|(?=\d))(?=\w)", "",
                  text.strip(), flags=re.I)
    text = _strip_span(text)
    m = _CN_NUMBERED.match(text)
    return m.group(1) if m else text


def _issue(text: str) -> str:
    text = re.sub(r"^(?:no|nos|nr|num|number|issue|iss|n°|heft|fasc)(?:\.\s*|\s+|(?<=°)\s*|(?=\d))"
                  r"(?=\w)", "", text.strip(), flags=re.I)
    text = _strip_span(text)
    m = _CN_NUMBERED.match(text)
    return m.group(1) if m else text


def _container(text: str) -> str:
    text = _strip_span(text)
    text = re.sub(r"^(?:in|dans|en)\s*:?\s+(?=\S)", "", text, flags=re.I)
    return _strip_span(text)
