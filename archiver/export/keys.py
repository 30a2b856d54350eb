"""Citation keys: deterministic, ASCII, readable — pinyin for Chinese.

A key is ``<first name word><year><first title word>`` (``guozhengxueren2020longyu``,
``vanderhill2020between``), lower case, ASCII letters and digits only; the name keeps at most
20 letters, cut between two syllables of a Chinese name or two words. Chinese is written in
pinyin without tones (pypinyin); other scripts are stripped of diacritics, and the Latin letters
that are no base letter with a mark (``ø``, ``ł``, ``æ``, ``ß``, ``þ`` …) are spelt as ASCII
usually spells them (``Sørensen`` is ``sorensen``, ``Łukasiewicz`` ``lukasiewicz``); the
other scripts are romanised (anyascii: ``Иванов`` is ``ivanov``, kana and Hangul too). A post's key
is given once, at its first ingest, and stored in its record, and a cited work's when its
verification is kept, so a key never changes afterwards even if the rules here do;
:func:`unique` adds ``a``, ``b``… where two works would share a key.

Keys made afresh at every export (of a post archived before keys were stored, of a work whose
verification was kept before keys were given, of a work cited unverified) are made with
``transliterate=False``, as they were made before those letters were spelt out (``srensen``):
an export keeps giving the keys earlier exports gave, and the archive stores those when it
comes to give them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from archiver.latin import LETTERS

_CJK_CHARS = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # ideographs, BMP and beyond
_CJK = re.compile(f"[{_CJK_CHARS}]")
_WORDS = re.compile(f"[{_CJK_CHARS}]+|[^\\W_]+")  # a run of ideographs, or a word
# ... where a word holds an ampersand or an apostrophe between letters ("R&D", "AT&T",
# "Don't", "O'Brien"), for keys given from now on: one word, not two
_JOINED_WORDS = re.compile(f"[{_CJK_CHARS}]+|[^\\W_]+(?:['’&][^\\W_]+)*")
_STOP = frozenset({"the", "a", "an", "on", "of", "in", "and", "for", "to", "at", "le", "la",
                   "der", "die", "das", "de"})


def lazy_pinyin(text: str) -> list[str]:
    """pypinyin's syllables, imported on first use: loading its dictionaries takes about a
    second, which every command would otherwise pay at start-up.

    A compatibility ideograph is read as the one it stands for (``金`` U+F90A as 金); one
    pypinyin cannot read (``﨑``, ``𠮷``) comes back as itself and is dropped here, so that a
    key is ASCII whatever the name."""
    from pypinyin import lazy_pinyin as pinyin

    syllables = pinyin(unicodedata.normalize("NFKC", text))
    return [s for s in ("".join(c for c in syllable if c.isascii() and c.isalnum())
                        for syllable in syllables) if s]


def _romanised(text: str) -> str:
    """``text`` in Latin letters (``Иванов`` is ``Ivanov``, ``タワー`` ``tawa``), by anyascii's
    tables, imported on first use (few keys need them)."""
    from anyascii import anyascii

    return anyascii(text)


def ascii_words(text: str, transliterate: bool = True) -> list[str]:
    """Words of ``text`` in lower-case ASCII: CJK runs as pinyin syllables joined per run;
    marks dropped (``é`` is ``e``), and, unless ``transliterate`` is false (the keys made
    before, see the module's notes), the letters NFKD leaves whole spelt out (``ø`` is
    ``o``, ``æ`` ``ae``), never dropped, and a word joined by an ampersand or an apostrophe
    kept whole (``R&D`` is ``rd``, not ``r`` and ``d``)."""
    out: list[str] = []
    for run in (_JOINED_WORDS if transliterate else _WORDS).findall(text or ""):
        if _CJK.match(run):
            out.append("".join(lazy_pinyin(run)).lower())
        else:
            folded = unicodedata.normalize("NFKD", run)
            if transliterate:
                folded = folded.translate(LETTERS)
                if not folded.isascii():  # another script: Cyrillic, Greek, kana, Hangul …
                    folded = _romanised(folded)
            word = "".join(c for c in folded if c.isascii() and c.isalnum()).lower()
            if word:
                out.append(word)
    return out


def _title_word(title: str, transliterate: bool = True) -> str:
    title = re.sub(r"^\s*【[^】]*】", "", title or "")  # a column marker is not the title
    cjk = _CJK.search(title)
    if cjk and cjk.start() < 3:  # a Chinese title: its first two characters
        return "".join(lazy_pinyin(title[cjk.start():cjk.start() + 2])).lower()
    if not transliterate:  # (the keys made before: as they were)
        for word in ascii_words(title, transliterate):
            if word not in _STOP:
                return word[:12]
        return ""
    # keys given from now on: a word whole ("philosophical", not "philosophica"), never a
    # number alone, which reads as the year again ("…202520251218"), and Chinese after it
    # as a Chinese title's, its first two characters ("20251218 警惕…": "jingti")
    # (a number run into Chinese, "2025年度报告", is a word of its own, as with a space)
    spaced = re.sub(f"(?<=[0-9])(?=[{_CJK_CHARS}])|(?<=[{_CJK_CHARS}])(?=[0-9])", " ", title)
    for run in _JOINED_WORDS.findall(spaced):
        if _CJK.match(run):
            return "".join(lazy_pinyin(run[:2])).lower()
        for word in ascii_words(run):
            if word not in _STOP and not word.isdigit():
                return word[:TITLE_LETTERS]
    return ""


TITLE_LETTERS = 24  # the most letters of a title's word a key keeps (a chemical name's run)


NAME_LETTERS = 20  # the most letters of a name a key keeps


def _name_part(name: str, transliterate: bool = True) -> str:
    """The name's words in ASCII, run together, cut to :data:`NAME_LETTERS` between two
    syllables of a Chinese name or two words (``taiyangzhaochang`` for 太阳照常升起, not
    ``taiyangzhaochangshen``); one word longer than that is cut inside. Keys made as before
    (``transliterate=False``) are cut at the letter, as they were."""
    if not transliterate:
        return "".join(ascii_words(name, False))[:NAME_LETTERS]
    pieces: list[str] = []
    for run in _WORDS.findall(name):
        if _CJK.match(run):  # a Chinese name: its syllables
            pieces.extend(syllable.lower() for syllable in lazy_pinyin(run))
        else:
            pieces.extend(ascii_words(run))
    out = ""
    for piece in pieces:
        if len(out) + len(piece) > NAME_LETTERS:
            return out or piece[:NAME_LETTERS]
        out += piece
    return out


# What prints nothing and splits no word: zero-width space, word joiner, BOM, soft hyphen. A
# WeChat title salted with them inside its words ("疫\u200b苗", to slip past filters) or
# carrying a hyphenation point ("Vac\u00adcines") reads as the word it shows; no export
# writes them (:mod:`archiver.export.formats`). The zero-width joiner and non-joiner are no
# such characters: they join an emoji, shape Persian or Devanagari.
INVISIBLE = "\u200b\u2060\ufeff\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def make_key(name: str | None, year: int | str | None, title: str | None,
             transliterate: bool = True) -> str:
    """``<name><year><title word>``; never empty (``anon`` stands in for a missing name).
    A key given from now on reads the name and title without their invisible characters
    (``yimiao`` of 疫\u200b苗, not ``yi``). ``transliterate=False``: the key as it was made
    before the letters NFKD leaves whole were spelt out, for a key an export makes afresh
    each time (see the module's notes)."""
    if transliterate:
        name, title = (text.translate(_INVISIBLE) if text else text for text in (name, title))
    name_part = _name_part(name or "", transliterate) or "anon"
    year_part = str(year)[:4] if year and str(year)[:4].isdigit() else ""
    return f"{name_part}{year_part}{_title_word(title or '', transliterate)}"


def unique(key: str, taken: Container[str]) -> str:
    """``key``, or ``key`` + a, b, … z, aa… — the first not in ``taken``."""
    if key not in taken:
        return key
    n = 0
    while True:
        n += 1
        suffix, m = "", n
        while m:
            m, r = divmod(m - 1, 26)
            suffix = chr(97 + r) + suffix
        if key + suffix not in taken:
            return key + suffix
