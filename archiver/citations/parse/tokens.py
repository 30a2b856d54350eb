"""Tokens of a reference string: URLs, DOIs, words, numbers and marks cut by one cheap
pattern, and words cut again where their script changes (CJK, kana, Latin), each with its
offsets: the fields are cut from the text by them, never rebuilt from tokens.
"""

from __future__ import annotations

import re

# Words are matched by one cheap pattern and cut by script in Python (``tokenize``): character
# classes over the CJK ranges would take milliseconds each to compile at import.
_TOKEN = re.compile(
    r"(?P<U>(?:https?://|ftp://|www\.)[^\s<>\"]+)"
    r"|(?P<D>10\.\d{4,9}/[^\s<>\"]+)"
    r"|(?P<W>[^\W\d_]+)"
    r"|(?P<N>\d+)"
    r"|(?P<P>\S)"
)


def _is_han(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs, extension A, compatibility)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def _is_cjk(ch: str) -> bool:
    """Chinese, Japanese kana or Korean hangul (range tests: see _TOKEN)."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xAC00 <= o <= 0xD7AF
            or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F)


def _has_cjk(text: str) -> bool:
    return any(_is_cjk(c) for c in text)


def _all_han(text: str) -> bool:
    return bool(text) and all(_is_han(c) for c in text)


# kana, without the marks Chinese text writes too: the middle dot of a foreign name
# (约翰・洛克) and the prolonged sound mark
KANA = re.compile("[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fd\u30fe\u31f0-\u31ff]")


def _all_japanese(text: str) -> bool:
    """Kanji, kana and the iteration mark 々 alone: a Japanese name's family or given name
    (佐々木, ルミ)."""
    return bool(text) and all(_is_han(c) or c in "々ー" or KANA.match(c) for c in text)


class Token:
    """One token: its text, its character offsets in the cleaned string, and its kind.

    Kinds: U url, D doi, C Chinese characters (a run), K kana, H hangul, L Latin-script word,
    N digits, P one punctuation character. Offsets let spans be cut from the original text so
    that a title keeps its spacing and inner punctuation.
    """

    __slots__ = ("end", "kind", "space_after", "space_before", "start", "text")

    def __init__(self, text: str, start: int, end: int, kind: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.space_before = False
        self.space_after = False

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.kind})"


def _script(ch: str) -> str:
    """Token kind of one letter: C Chinese, K kana, H hangul, L any other script."""
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "C"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF:
        return "K"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "H"
    return "L"


def tokenize(text: str) -> list[Token]:
    """Split a cleaned reference string into tokens (see Token for the kinds): a run of letters
    of one script is one token (so 王进玉 and Smith are one token each, and 分析Y is two)."""
    tokens: list[Token] = []
    pos = 0
    while True:
        m = _TOKEN.search(text, pos)
        if m is None:
            break
        kind = m.lastgroup or "P"
        start, end = m.span()
        pos = end
        if kind == "W":
            if text.isascii() or m.group(0).isascii():
                tokens.append(Token(m.group(0), start, end, "L"))
                continue
            i = start
            while i < end:  # cut the run where the script changes
                run = _script(text[i])
                j = i + 1
                while j < end and _script(text[j]) == run:
                    j += 1
                tokens.append(Token(text[i:j], i, j, run))
                i = j
            continue
        if kind == "D" and not m.group(0).isascii():
            for k in range(start, end):  # a DOI ends where CJK text starts
                if _script(text[k]) != "L":
                    end = pos = k
                    break
            if text[end - 1] == "/":  # nothing left after "10.1234/": not a DOI
                dot = start + 2
                for a, b, kd in ((start, dot, "N"), (dot, dot + 1, "P"), (dot + 1, end - 1, "N"),
                                 (end - 1, end, "P")):
                    tokens.append(Token(text[a:b], a, b, kd))
                continue
        tokens.append(Token(text[start:end], start, end, kind))
    for i, tok in enumerate(tokens):
        tok.space_before = i > 0 and tokens[i - 1].end < tok.start
        tok.space_after = i + 1 < len(tokens) and tokens[i + 1].start > tok.end
    return tokens
