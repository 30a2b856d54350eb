"""Emphasis next to Chinese punctuation, as the CommonMark CJK-friendly amendment reads it.

CommonMark decides whether ``**`` opens or closes emphasis from the characters beside it.
Written for languages that put spaces between words, its rule fails Chinese text all the
time: in ``第五部分**“进一步加强…协作”**，内容有三条`` neither run of stars is emphasis (the
opening run is followed by punctuation, ``“``, but preceded by a letter, ``分``), so a
Markdown export's text keeps the stars where the WeChat page shows bold text. The amendment
proposed for CommonMark (https://github.com/tats-u/markdown-cjk-friendly, specification.md)
lets CJK characters stand where the rule asks for whitespace or punctuation, and counts CJK
punctuation as what it is beside letters. This module applies it to markdown-it-py's inline
parser, for the Markdown reader's parser only; text without CJK characters parses exactly
as in CommonMark.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.utils import OptionsDict

# Wide characters shown as emoji by default (Emoji_Presentation=Yes, UTS #51 emoji-data.txt):
# wide, but not CJK. Below U+1F000, each is listed; above it, every wide character is one,
# except in the Enclosed Ideographic Supplement, where only those listed are.
_EMOJI_BMP = frozenset([
    0x231A, 0x231B, *range(0x23E9, 0x23ED), 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614, 0x2615,
    *range(0x2648, 0x2654), 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4,
    0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A,
    0x270B, 0x2728, 0x274C, 0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797,
    0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55])
_EMOJI_ENCLOSED_IDEOGRAPHIC = frozenset([
    0x1F201, 0x1F21A, 0x1F22F, *range(0x1F232, 0x1F237), *range(0x1F238, 0x1F23B), 0x1F250,
    0x1F251])
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))


def _is_emoji(code: int) -> bool:
    if code < 0x1F000:
        return code in _EMOJI_BMP
    if 0x1F200 <= code <= 0x1F2FF:
        return code in _EMOJI_ENCLOSED_IDEOGRAPHIC
    return code <= 0x1FAFF


def is_cjk(char: str) -> bool:
    """A CJK character: East Asian Width W, F or H and not an emoji, or Hangul."""
    code = ord(char)
    if code < 0x1100:  # nothing below is wide or Hangul: the common case, decided at once
        return False
    if unicodedata.east_asian_width(char) in ("W", "F", "H"):
        return not _is_emoji(code)
    return any(low <= code <= high for low, high in _HANGUL)


def _is_punct(char: str) -> bool:
    """A Unicode punctuation character as markdown-it-py reads CommonMark (P or S)."""
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _is_svs(char: str) -> bool:
    """A variation selector that may follow a CJK character (U+FE00–U+FE0E, not the emoji
    one, U+FE0F)."""
    return "\ufe00" <= char <= "\ufe0e"


class _Before:
    """What precedes a delimiter run, read as the amendment's sequences: a character, or a
    character and the variation selector after it."""

    def __init__(self, src: str, start: int) -> None:
        char = src[start - 1] if start > 0 else " "  # the line's start counts as whitespace
        base = src[start - 2] if _is_svs(char) and start > 1 else char
        self.whitespace = isWhiteSpace(ord(char))
        self.punct = _is_punct(base)
        self.cjk = is_cjk(base)
        self.ivs = "\U000e0100" <= char <= "\U000e01ef"
        # a punctuation character of ambiguous width in its fullwidth form (U+FE01)
        fullwidth = char == "\ufe01" and unicodedata.east_asian_width(base) == "A"
        self.non_cjk_punct = self.punct and not self.cjk and not fullwidth


class _CjkFriendlyState(StateInline):
    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        """markdown-it-py's scan of a run of ``*`` or ``_``, with the amended definitions of
        left- and right-flanking runs; the rest of CommonMark's rules are unchanged."""
        src, end, marker = self.src, self.posMax, self.src[start]
        pos = start
        while pos < end and src[pos] == marker:
            pos += 1
        after = src[pos] if pos < end else " "  # the line's end counts as whitespace
        before = _Before(src, start)
        after_whitespace = isWhiteSpace(ord(after))
        after_punct = _is_punct(after)
        after_cjk = is_cjk(after)
        after_non_cjk_punct = after_punct and not after_cjk

        left_flanking = not after_whitespace and (
            not after_non_cjk_punct or before.whitespace or before.non_cjk_punct
            or before.cjk or before.ivs)
        right_flanking = not before.whitespace and (
            not before.non_cjk_punct or after_whitespace or after_non_cjk_punct or after_cjk)
        can_open = left_flanking and (canSplitWord or not right_flanking or before.punct)
        can_close = right_flanking and (canSplitWord or not left_flanking or after_punct)
        return Scanned(can_open, can_close, pos - start)


# How deep inline markup (links in links, emphasis in emphasis) is read, as CommonMark's
# preset reads it: past it the text is kept as text. (The parser's own maxNesting may be set
# higher for blocks, where markdown-it drops what nests past it; inline it would only let a
# line of ten thousand "![[" recurse past Python's limit.)
INLINE_MAX_NESTING = 20


class _InlineNesting:
    """The parser as the inline rules see it: itself, but with :data:`INLINE_MAX_NESTING`
    for ``options.maxNesting``."""

    def __init__(self, md: Any):
        vars(self).update(vars(md))  # its parsers and helpers, read as often as any text
        self._md = md
        self.options = OptionsDict({**md.options, "maxNesting": INLINE_MAX_NESTING})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._md, name)


class LimitedInline(ParserInline):
    """markdown-it-py's inline parser, reading inline markup only :data:`INLINE_MAX_NESTING`
    deep whatever the parser's maxNesting for blocks."""

    #: the state the rules run on
    state_class: type[StateInline] = StateInline

    @classmethod
    def replacing(cls, inline: ParserInline) -> LimitedInline:
        """This parser with the rules of ``inline`` (as a preset and its options set them)."""
        parser = cls()
        parser.ruler, parser.ruler2 = inline.ruler, inline.ruler2
        return parser

    def parse(self, src: str, md: Any, env: Any, tokens: list[Any]) -> list[Any]:
        # (a link's text is parsed from within a parse: with the limited parser it was given)
        limited = md if isinstance(md, _InlineNesting) else _InlineNesting(md)
        state = self.state_class(src, limited, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


class CjkFriendlyInline(LimitedInline):
    """The inline parser on the amended state (link texts, parsed by the same parser, get it
    too)."""

    state_class = _CjkFriendlyState
