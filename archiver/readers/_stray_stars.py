"""Bold markers an exporter wrote across a link's edge, which no Markdown reader can pair.

An HTML-to-Markdown exporter turns ``<strong>`` and ``<a>`` nested the other way round, or
overlapping, into ``**`` runs on both sides of a link's brackets:
``《[《深度全球化与中美之争（下）》——美国的问题与中国的挑战**](…)》`` (the closing run inside the
link text, its opening one nowhere), or ``[《**民粹主义改造美国**](…)》**`` (a closing run after
the link, whose opener was inside it). CommonMark pairs emphasis within a link's text or
outside it, never across its edge, so each such run is left as literal stars in the text,
which the WeChat page never showed.

A run of two or more unpaired ``*`` is dropped when it stands at a link's edge: right inside
its brackets, or right outside them with nothing but punctuation between (``》**``). Any other
unpaired run is the post's text and stays (``2**10``, ``a ** b``); stars in code are code.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from markdown_it import MarkdownIt

_EDGES = frozenset({"link_open", "link_close"})


def _punctuation_only(token: Any) -> bool:
    return token.type == "text" and bool(token.content) and all(
        unicodedata.category(c)[0] == "P" for c in token.content)


def _unpaired_star(token: Any) -> bool:
    """A ``*`` the emphasis rule left unpaired: a text token of that one character (the rule
    makes one for each star of a run; a paired one becomes a tag or is emptied)."""
    return token.type == "text" and token.content == "*"


def _at_edge(tokens: list[Any], at: int, step: int) -> bool:
    """Whether, from ``at`` in direction ``step``, past punctuation only, a link's edge is
    next."""
    while 0 <= at < len(tokens) and _punctuation_only(tokens[at]):
        at += step
    return 0 <= at < len(tokens) and tokens[at].type in _EDGES


def drop_straddling_stars(state: Any) -> None:
    """The inline rule (run after the emphasis rule pairs what it can, before text tokens
    are joined)."""
    tokens = state.tokens
    at = 0
    while at < len(tokens):
        if not _unpaired_star(tokens[at]):
            at += 1
            continue
        end = at
        while end < len(tokens) and _unpaired_star(tokens[end]):
            end += 1
        if end - at >= 2 and (_at_edge(tokens, at - 1, -1) or _at_edge(tokens, end, 1)):
            for token in tokens[at:end]:
                token.content = ""
        at = end


def install(md: MarkdownIt) -> MarkdownIt:
    """``md`` with the rule (on its own inline parser: other instances keep theirs)."""
    md.inline.ruler2.before("fragments_join", "straddling_stars", drop_straddling_stars)
    return md
