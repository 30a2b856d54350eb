"""A citation's title compared with Crossref's.

Markup, case, punctuation and white space are ignored; a subtitle may be left out, but one that
is given must be Crossref's. The ways a correct citation may print the title
(:func:`title_variants`) are read beyond this module too: the journal comparison must not take
the title's words for the journal's name.
"""

from __future__ import annotations

import re
from typing import Any

from archiver.citations.compare.text import (
    STOP_WORDS,
    FieldCheck,
    _not_compared,
    in_another_script,
    locate,
    squash,
    strip_markup,
    words,
)


def title_variants(record: dict[str, Any]) -> list[str]:
    """The ways a correct citation may print the title: with or without the subtitle."""
    # the title in its original language too (Japanese journals deposit it there)
    titles = [strip_markup(t) for key in ("title", "original-title")
              for t in record.get(key) or [] if t]
    subtitles = [strip_markup(s) for s in record.get("subtitle") or [] if s]
    out: list[str] = []
    for title in titles:
        out.append(title)
        for subtitle in subtitles:
            out.append(f"{title}: {subtitle}")
        if ":" in title:
            out.append(title.split(":", 1)[0])
    return sorted((v for v in out if squash(v)), key=len, reverse=True)


# after the words of a main title: its own closing marks (``presence(s)``, a question mark,
# the full stop of an abbreviation that ends it, ``Trichodesmium spp.``), then the colon of a
# subtitle
_SUBTITLE_FOLLOWS = re.compile(r"[\s.)\]）」』?!？！]*[:：]\s*\w")


def compare_title(cited: str | None, text: str, record: dict[str, Any]) -> FieldCheck:
    """The title matches when one of its variants appears, word for word, in the citation
    (a subtitle may be left out, but one that is given must be Crossref's)."""
    variants = title_variants(record)
    shown = variants[0] if variants else None
    if not variants:
        return FieldCheck(cited, None, None, "Crossref has no title")
    for variant in variants:  # longest first
        span = locate(text, variant)
        if span is None:
            continue
        if variant != shown and _SUBTITLE_FOLLOWS.match(text, span[1]):
            break  # the citation goes on with a subtitle that is not Crossref's
        added = _added_words(cited, variant) if cited else []
        if added:
            return FieldCheck(cited, shown, False, "cited has " + ", ".join(
                repr(w) for w in added[:3]) + " besides Crossref's title")
        return FieldCheck(cited or variant, shown, True, "the title appears in the citation")
    if cited is None:
        return FieldCheck(None, shown, False, "Crossref's title is not in the citation")
    if in_another_script(cited, variants):
        return _not_compared(cited, shown, variants[:1])
    return FieldCheck(cited, shown, False, _word_diff(cited, shown))


def _added_words(cited: str, variant: str) -> list[str]:
    """The words the cited title holds before and after ``variant`` (the record's title, or
    a form of it, found in the citation), but for stop words (a leading "The")."""
    have, want = words(cited), words(variant)
    if not want:
        return []
    for at in range(len(have) - len(want) + 1):
        if have[at:at + len(want)] == want:
            return [w for w in have[:at] + have[at + len(want):] if w not in STOP_WORDS]
    return []  # read otherwise than it was found (the parser's title): not judged here


def _word_diff(cited: str, crossref: str) -> str:
    a, b = words(cited), words(crossref)
    extra = [w for w in a if w not in b]
    missing = [w for w in b if w not in a]
    parts = []
    if extra:
        parts.append("cited has " + ", ".join(repr(w) for w in extra[:3]))
    if missing:
        parts.append("Crossref has " + ", ".join(repr(w) for w in missing[:3]))
    return "; ".join(parts) or "the words differ in order"
