"""Bold markers an exporter wrote across a link's edge, which no Markdown reader can pair.

An HTML-to-Markdown exporter turns ``<strong>`` and ``<a>`` nested the other way round, or
overlapping, into ``**`` runs on both sides of a link's brackets:
``《[《深度全球化与中美之争（下）》——美国的问题与中国的挑战**](…)》`` (the closing run inside the
link text, its opening one nowhere), or ``[《**民粹主义改造美国**](…)》**`` (a closing run after
the link, whose opener was inside it). CommonMark pairs emphasis within a link's text or
outside it, never across its edge, so each such run is left as literal stars in the text,
which the WeChat page never showed.

So are the four stars turndown writes between two bold runs side by side in CJK text, after
the punctuation ending the first (``**甲。****乙**``: CommonMark reads one bold run holding
``****``; WeChat's editor splits bold text into such runs often).

A run of two or more unpaired ``*`` is dropped where such an exporter leaves one in Chinese
text: inside a link's brackets, at their edge, beside a CJK character (``挑战**](…)``), or
after the link with CJK punctuation alone between (``](…)》**``). Any other unpaired run is
the post's text and stays (``2**10``, ``a ** b``, ``[p<0.01**](…)``, ``[张三](…)**``, a
significance marker after a link); stars in code are code.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from markdown_it import MarkdownIt

from archiver.readers._cjk_emphasis import is_cjk


def _cjk_punctuation_only(token: Any) -> bool:
    return token.type == "text" and bool(token.content) and all(
        unicodedata.category(c)[0] == "P" and is_cjk(c) for c in token.content)


def _unpaired_star(token: Any) -> bool:
    """A ``*`` the emphasis rule left unpaired: a text token of that one character (the rule
    makes one for each star of a run; a paired one becomes a tag or is emptied)."""
    return token.type == "text" and token.content == "*"


def _beside_cjk(token: Any, last: bool) -> bool:
    """Whether the text token's last (or first) character is CJK."""
    return token.type == "text" and bool(token.content) and \
        is_cjk(token.content[-1] if last else token.content[0])


def _straddles(tokens: list[Any], at: int, end: int) -> bool:
    """Whether the run ``tokens[at:end]`` is an exporter's, at a link's edge in CJK text."""
    before = tokens[at - 1] if at > 0 else None
    after = tokens[end] if end < len(tokens) else None
    if after is not None and after.type == "link_close":  # inside, at the closing bracket
        return before is not None and _beside_cjk(before, last=True)
    if before is not None and before.type == "link_open":  # inside, at the opening one
        return after is not None and _beside_cjk(after, last=False)
    back = at - 1  # after the link, past CJK punctuation ("》")
    while back >= 0 and _cjk_punctuation_only(tokens[back]):
        back -= 1
    return back < at - 1 and back >= 0 and tokens[back].type == "link_close"


def drop_straddling_stars(state: Any) -> None:
    """The inline rule (run after the emphasis rule pairs what it can, before text tokens
    are joined)."""
    tokens = state.tokens
    at = 0
    bold = 0  # strong tags open at the position
    while at < len(tokens):
        if not _unpaired_star(tokens[at]):
            bold += {"strong_open": 1, "strong_close": -1}.get(tokens[at].type, 0)
            at += 1
            continue
        end = at
        while end < len(tokens) and _unpaired_star(tokens[end]):
            end += 1
        if end - at >= 2 and _straddles(tokens, at, end) or \
                end - at == 4 and bold > 0 and _joins_bold_runs(tokens, at, end):
            for token in tokens[at:end]:
                token.content = ""
        at = end


def _joins_bold_runs(tokens: list[Any], at: int, end: int) -> bool:
    """Whether the four unpaired stars ``tokens[at:end]``, inside bold text, are where an
    exporter closed one bold run and opened the next (turndown writes ``<strong>甲。</strong>
    <strong>乙</strong>`` as ``**甲。****乙**``, which CommonMark reads as one bold run holding
    four stars): after CJK punctuation that ends a run, before a CJK letter. Anywhere else
    they may be the post's own (a number or a word masked, ``138****1234``,
    ``密码：****，``), and stay."""
    before = tokens[at - 1] if at > 0 else None
    after = tokens[end] if end < len(tokens) else None
    if before is None or after is None or before.type != "text" or after.type != "text" \
            or not before.content or not after.content:
        return False
    last, first = before.content[-1], after.content[0]
    return is_cjk(last) and unicodedata.category(last)[0] == "P" and is_cjk(first) and \
        unicodedata.category(first)[0] != "P"


def install(md: MarkdownIt) -> MarkdownIt:
    """``md`` with the rule (on its own inline parser: other instances keep theirs)."""
    md.inline.ruler2.before("fragments_join", "straddling_stars", drop_straddling_stars)
    return md
