"""How the Markdown reader reads link and image destinations.

markdown-it-py reads a link's destination one character at a time through a Python call each
(``parseLinkDestination``). A WeChat image URL runs to a few hundred characters: for an export
with a dozen images, that was a large part of its Markdown parse. Most destinations need no
escape and no parenthesis: for those the answer is found with one regular expression; for any
other, markdown-it's own function gives it. The answers were checked equal to markdown-it's on
random destinations of each shape (the tests do so again).

A destination is then kept as the Markdown wrote it (its backslash escapes and character
references read), not percent-encoded as markdown-it encodes it for a browser
(``normalizeLink``): the record's ``images[].original`` says what the post referred to, as a
page's ``src`` does (``../images/送别/1.jpg``, not ``../images/%E9%80%81%E5%88%AB/1.jpg``), and a
local image is looked up the same either way.

They are installed on one MarkdownIt instance (:func:`install`), never on the library.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from markdown_it import MarkdownIt
from markdown_it import helpers as md_helpers
from markdown_it.common.utils import unescapeAll

# What parseLinkDestination's loop passes over without a second look: anything but a space,
# an ASCII control character, a parenthesis (counted) or a backslash (an escape).
_PLAIN_RUN = re.compile(r"[^\x00-\x20\x7f()\\]+")
_STOPS = frozenset(chr(c) for c in (*range(0x21), 0x7F)) | {")"}


def parse_link_destination(string: str, pos: int, maximum: int):  # type: ignore[no-untyped-def]
    """markdown-it's ``parseLinkDestination``: a destination not in ``<…>`` that runs to a
    space, a control character, a ``)`` or the end without meeting ``(`` or ``\\`` is taken
    whole; any other is read by markdown-it."""
    if pos < maximum and string[pos] != "<":
        run = _PLAIN_RUN.match(string, pos, maximum)
        if run is not None:
            end = run.end()
            if end == maximum or string[end] in _STOPS:
                result = md_helpers.parseLinkDestination("", 0, 0)  # a result, not ok
                result.str = unescapeAll(string[pos:end])
                result.pos = end
                result.ok = True
                return result
    return md_helpers.parseLinkDestination(string, pos, maximum)


def as_written(url: str) -> str:
    """A destination as the Markdown wrote it (markdown-it's ``normalizeLink`` would
    percent-encode it)."""
    return url


# markdown-it refuses file: URLs, and data: URLs but for four image types; a saved post's
# image is kept whatever its URL says (its bytes are sniffed before they are stored), so only
# script URLs are refused
_SCRIPT_URL = re.compile(r"\s*(?:javascript|vbscript):", re.I)


def validate_link(url: str) -> bool:
    """Whether markdown-it makes a link or an image of ``url``: any but a script's."""
    return _SCRIPT_URL.match(url) is None


def install(md: MarkdownIt) -> MarkdownIt:
    """``md`` with the quicker helpers (its own attributes: other instances keep theirs)."""
    md.helpers = SimpleNamespace(parseLinkLabel=md_helpers.parseLinkLabel,
                                 parseLinkDestination=parse_link_destination,
                                 parseLinkTitle=md_helpers.parseLinkTitle)
    md.normalizeLink = as_written  # type: ignore[method-assign]
    md.validateLink = validate_link  # type: ignore[method-assign]
    return md
