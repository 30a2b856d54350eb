"""What every field comparison shares: the citation's text and Crossref's values read alike.

Each comparator returns a :class:`FieldCheck` with the cited value, the Crossref value, whether
they match and a reason a person can check. A correct citation in any common style must never
be flagged for how it prints a value, so markup, case, diacritics and punctuation are no part
of what it says (:func:`fold`, :func:`words`, :func:`squash`), and a title is found in it word
for word (:func:`locate`). A value in Chinese, Japanese or Korean script where Crossref's are in
another cannot be compared letter by letter (:func:`in_another_script`): the field neither
confirms nor refutes the citation.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from archiver.latin import LETTERS

# the small words a name is not named by, nor abbreviated by its initials with
SMALL_WORDS = frozenset({"the", "of", "and", "on", "for", "in", "to", "a", "an"})
STOP_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "to", "at", "de",
                        "des", "du", "la", "le", "les", "et", "und", "der", "die", "das", "fur"})


@dataclass(frozen=True)
class FieldCheck:
    """One field's verdict. ``match`` is None when there is nothing to compare against."""

    cited: Any
    crossref: Any
    match: bool | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"cited": self.cited, "crossref": self.crossref, "match": self.match,
                "reason": self.reason}


def shown(value: Any) -> str | None:
    """A checked value as a person writes it: a list (Crossref's authors) joined with ", ";
    None when there is none. What a report or a page prints of a check's two sides."""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v not in (None, ""))
    if value is None or value == "":
        return None
    return str(value)


# -- normalisation -------------------------------------------------------------------------------

def fold(text: str) -> str:
    """NFKD, diacritics removed, case folded, the letters NFKD leaves whole spelt as ASCII
    does: ``Escrivà`` → ``escriva``, ``Sørensen`` → ``sorensen`` (as a citation may write it);
    an ampersand spelt out, `` and ``: ``Music & Letters`` is cited as Music and Letters."""
    return _fold_map(text)[0]


_TAG = re.compile(r"<[^>]+>")
# a word: one CJK character or Hangul syllable (CJK titles are not separated by spaces, and a
# Korean name runs family and given name together) or a run of other letters/digits
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]|"
                   # a run of letters ends where CJK script begins: "Davis JR等" is JR, 等
                   r"[^\W_\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


# The inline markup of Crossref's titles (JATS, HTML, MathML), which a citation copied from a
# record keeps ("seed beetle <i>Callosobruchus maculatus</i>", "CO<sub>2</sub>"): no part of
# the words, so the record's title is found in it like in any other citation. Only these
# names: a bare "<" may be a DOI's bracket or a "less than".
INLINE_TAG = re.compile(r"</?\s*(?:(?:jats:)?(?:i|b|u|em|strong|sub|sup|sc|scp|small|span|tt|"
                         r"italic|bold|underline|monospace|overline|roman|sans-serif|strike|"
                         r"inline-formula)|mml:[\w-]+)(?:\s[^<>]*)?/?>", re.I)


def strip_markup(text: str) -> str:
    """Crossref titles carry JATS/HTML markup (``<i>``, ``<sub>``) and entities, and some
    carry their markup escaped (``In &lt;i&gt;vivo&lt;/i&gt;``): once the entities are
    characters, the inline markup among them goes too (a "<" that is less-than stays)."""
    if "<" not in text and "&" not in text:
        return text
    plain = html.unescape(_TAG.sub("", text))
    return INLINE_TAG.sub("", plain) if "<" in plain else plain


def words(text: str) -> list[str]:
    """Letters-and-digits words of ``text`` after folding; CJK characters are one word each,
    because CJK titles are not separated by spaces. An ampersand is the word ``and``, as a
    citation may spell it out."""
    return list(word_tuple(text))


@functools.lru_cache(maxsize=4096)
def word_tuple(text: str) -> tuple[str, ...]:
    """:func:`words` as the tuple it is remembered as, for a caller that only reads it (a
    loop, a set, a test for none): no list is copied for it, on a path that asks for the
    words of the same few names hundreds of times a citation."""
    folded = fold(strip_markup(text))
    return tuple(_WORD.findall(folded))


def squash(text: str) -> str:
    """The words of ``text`` (:func:`words`) joined by single spaces: what a name is looked
    for in, whole words only, with ``f" {name} " in f" {text} "``."""
    return " ".join(word_tuple(text))  # (the cached tuple: no list copied for a join)


# What each character met so far folds to (NFKD, no combining marks, case folded), as a
# str.translate table; the characters met (so that a text's new ones are found by one set
# difference); and those among them that fold to other than one character.
_FOLD_TABLE: dict[int, str] = {ord("&"): " and "}
_MET: set[str] = {"&"}
_NOT_ONE: set[str] = {"&"}


def _fold_char(ch: str) -> str:
    folded = _FOLD_TABLE.get(ord(ch))
    if folded is None:
        folded = "".join(p.casefold() for p in unicodedata.normalize("NFKD", ch)
                         if not unicodedata.combining(p)).translate(LETTERS)  # ø as o
        if len(folded) != 1:  # first: a thread that finds ``ch`` in the table relies on it
            _NOT_ONE.add(ch)
        _FOLD_TABLE[ord(ch)] = folded
        _MET.add(ch)  # last: a thread that finds ``ch`` here relies on both of the above
    return folded


@functools.lru_cache(maxsize=2048)
def _fold_map(text: str) -> tuple[str, tuple[int, ...] | None]:
    """``text`` folded (NFKD, no diacritics, case folded) with, for each folded character, the
    index of the original character it came from (None: the same index, the usual case)."""
    if text.isascii() and "&" not in text:
        return text.lower(), None
    for ch in set(text).difference(_MET):  # learn the characters not met before
        _fold_char(ch)
    if _NOT_ONE.isdisjoint(text):
        return text.translate(_FOLD_TABLE), None
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), tuple(index)


# Between two words of a phrase any run of non-word characters; around it, no word character.
# A word character, re's [^\W_], is exactly a character for which str.isalnum() holds.
_SEPARATORS = re.compile(r"[\W_]*")


def find_phrase(folded: str, tokens: Sequence[str]) -> tuple[int, int] | None:
    r"""The first (start, end) in ``folded`` where ``tokens`` occur in order, separated only by
    non-word characters, with no word character just before or after: what the regex
    ``(?<![^\W_])tok1[\W_]*tok2…(?![^\W_])`` finds, without compiling a regex per phrase
    (a fresh process would compile one for every title and journal it meets)."""
    if not tokens:
        return None
    first = tokens[0]
    simple = all(token[0].isalnum() for token in tokens[1:])
    failed: set[tuple[int, int]] = set()  # (token, position) pairs known not to match
    start = folded.find(first)
    while start >= 0:
        if start == 0 or not folded[start - 1].isalnum():
            end = (_words_end(folded, tokens, start) if simple
                   else _symbols_end(folded, tokens, start, failed))
            if end is not None:
                return start, end
        start = folded.find(first, start + 1)
    return None


def _words_end(folded: str, tokens: Sequence[str], at: int) -> int | None:
    """Where the phrase from ``at`` ends, when every token after the first begins with a word
    character: the separators before it are then exactly the longest non-word run."""
    end = at + len(tokens[0])
    for token in tokens[1:]:
        end = _SEPARATORS.match(folded, end).end()  # type: ignore[union-attr]
        if not folded.startswith(token, end):
            return None
        end += len(token)
    return None if folded[end:end + 1].isalnum() else end


def _symbols_end(folded: str, tokens: Sequence[str], at: int,
                 failed: set[tuple[int, int]]) -> int | None:
    """The same when a token is a CJK-range symbol (``・``, U+30FB) that a non-word run would
    swallow: like the regex, shorter runs are tried too, longest first. A depth-first search
    with its own stack (no recursion limit) that tries each (token, position) once, so a run
    of symbols costs polynomial, not exponential, time."""
    last = len(tokens) - 1
    stack = [(0, at)]
    while stack:
        index, pos = stack.pop()
        if (index, pos) in failed:
            continue
        failed.add((index, pos))  # positions only grow along a path: a revisit has failed
        token = tokens[index]
        if not folded.startswith(token, pos):
            continue
        end = pos + len(token)
        if index == last:
            if not folded[end:end + 1].isalnum():
                return end
            continue
        run_end = _SEPARATORS.match(folded, end).end()  # type: ignore[union-attr]
        if tokens[index + 1][0].isalnum():
            stack.append((index + 1, run_end))
        else:
            stack.extend((index + 1, nxt) for nxt in range(end, run_end + 1))  # longest last
    return None


@functools.lru_cache(maxsize=4096)
def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """Where ``phrase`` occurs in ``text`` word for word (case, punctuation, markup and
    diacritics ignored), as (start, end) offsets in ``text``. Remembered: the reader and the
    comparison of one citation look for the record's title in the same string."""
    tokens = word_tuple(phrase)
    if not tokens:
        return None
    folded, index = _fold_map(text)
    for token in tokens:  # most misses, at the cost of a scan each
        if token not in folded:
            return None
    found = find_phrase(folded, tokens)
    if found is None:
        return None
    if index is None:
        return found
    return index[found[0]], index[found[1] - 1] + 1


# -- another script ------------------------------------------------------------------------------

# Chinese, Japanese and Korean script: Han, kana, Hangul
_CJK_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def in_another_script(cited: str | None, values: Iterable[str]) -> bool:
    """Whether a cited value is written in Chinese, Japanese or Korean script (more of its
    letters are) where none of Crossref's values for it is (体力科学 for "Tairyoku Kagaku",
    楠本博之 for KUSUMOTO), or the other way round: in Latin letters, romanised or
    translated, where Crossref has it in that script alone ("Tairyoku Kagaku" for 体力科学,
    "WANG M" for 王明). The two cannot be compared letter by letter, so the field neither
    confirms nor refutes the citation. (A record in the citation's script is compared as
    any other.)"""
    if not cited:
        return False
    values = [value for value in values if value]
    if mostly_cjk(cited):
        return not any(_CJK_SCRIPT.search(value) for value in values)
    return bool(values) and bool(_LATIN_LETTER.search(cited)) and \
        all(mostly_cjk(value) for value in values)


def mostly_cjk(text: str) -> bool:
    """More of its letters CJK than Latin (GB/T's 等 after Latin names is one)."""
    if text.isascii():  # (no CJK letter: the most common case, told without a scan)
        return False
    return len(_CJK_SCRIPT.findall(text)) > len(_LATIN_LETTER.findall(text))


# how a field in another script than Crossref's is reported (verify reads it back)
OTHER_SCRIPT = "written in another script than Crossref's"


def _not_compared(cited: str | None, shown: Any, values: Iterable[str]) -> FieldCheck:
    latin = ", ".join(dict.fromkeys(values))
    return FieldCheck(cited, shown, None,
                      f"{OTHER_SCRIPT} ({_shortened(latin)}): not compared")


def not_compared_for_script(check: FieldCheck | None) -> bool:
    """A field left uncompared because it is in another script than Crossref's."""
    return check is not None and check.match is None and check.reason.startswith(OTHER_SCRIPT)


def _shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# -- years ---------------------------------------------------------------------------------------

# the years a name holds, each a number of its own ("…, 2003. Proceedings."; not in "12003")
_YEARS_IN = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


# British spellings as American writes them (or the other way): a journal or a group named
# in the one is the one named in the other (``Neurobiology of Ageing``, ``World Health
# Organisation``). Both sides are folded. Each with letters every match of it holds: a text
# without them is not searched (most names hold few of the eight).
_SPELLINGS = ((("ageing",), re.compile(r"ageing\b"), "aging"),
              (("our",), re.compile(r"(?<=\w{3})our(s?)\b"), r"or\1"),
              (("is",), re.compile(r"(?<=\w\w)is(ation|ations|e|es|ed|ing)\b"), r"iz\1"),
              (("tre",), re.compile(r"(?<=\w{3})tre(s?)\b"), r"ter\1"),
              (("ae", "oe"), re.compile(r"ae|oe"), "e"),
              (("programme",), re.compile(r"programme"), "program"),
              (("ogue",), re.compile(r"(?<=\w{3})ogue\b"), "og"),
              (("nce",), re.compile(r"\b(defen|licen|offen)ce\b"), r"\1se"))


def american_spelling(text: str) -> str:
    """``text`` (folded) as American spells it: a name in the one is the name in the other."""
    for held, pattern, replacement in _SPELLINGS:
        if any(letters in text for letters in held):
            text = pattern.sub(replacement, text)
    return text
