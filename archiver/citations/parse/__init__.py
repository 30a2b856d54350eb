"""Parse one printed reference string into CSL-JSON fields.

Why a sequence model: reference styles disagree on order and punctuation (APA puts the year after
the authors, Vancouver after the journal, MLA hides the volume in ``52.1``, GB/T 7714 marks the
title with ``[J]``), so hand-written rules either stay narrow or break each other. As AnyStyle and
GROBID do, the string is cut into tokens, each token gets a bag of cheap observations (shape,
script, punctuation, position, neighbouring words, small word lists, quote/bracket context,
GB/T document-type markers), and a linear-chain CRF (python-crfsuite) picks one label per token:
``author title container volume issue page year doi``, ``other`` before the first field, and
``o-<field>`` for anything else after a field (``o-title`` is the ". " or the publisher after a
title: a first-order CRF only sees the previous label, and plain ``other`` between fields hid
from it which field came before). The labels are then turned into
CSL-JSON deterministically: the author span is split into persons, surrounding punctuation and
quotes are stripped, pages are normalised, the year is read from the year token, and the DOI is
taken by pattern from the whole string (a DOI is easier to find with a regular expression than
with a tagger, and PDF-extracted DOIs are often broken by spaces).

The model is trained by ``bench/train_refs.py`` (see ``docs/refs.md``) and loaded lazily, once,
from ``archiver/citations/models/refs.crfsuite``. ``parse_reference`` never raises on any input
string: it returns ``{}`` when nothing could be parsed, or the fields it found.

The parser's parts, each a module of this package, in the order a string goes through them:
``clean`` (what is taken out before tokenising), ``tokens``, ``token_features``, ``model`` (the
tagger), ``fields`` (spans to values) and ``authors`` (persons), then ``assemble``, which applies
the repair rules of ``numbers``, ``titles``, ``containers``, ``physics`` and ``gbt`` (the last
also reads a GB/T 7714 reference's parts after its type code); ``shared`` holds what more than
one family of rules reads.
"""

from __future__ import annotations

import logging

from archiver.citations.parse.assemble import _csl
from archiver.citations.parse.authors import MORE_NAMES, split_authors
from archiver.citations.parse.clean import clean_text
from archiver.citations.parse.fields import find_doi
from archiver.citations.parse.gbt import (
    _gbt_imprint,
    _gbt_roles,
    _gbt_title,
    _gbt_volume,
    _gbt_year_after_the_code,
    _publication_date,
    csl_type,
)
from archiver.citations.parse.model import FIELDS, LABELS, tag
from archiver.citations.parse.shared import gbt_code
from archiver.citations.parse.token_features import features
from archiver.citations.parse.tokens import KANA, Token, tokenize

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any

__all__ = ["FIELDS", "KANA", "LABELS", "MORE_NAMES", "Token", "clean_text", "csl_type", "features",
           "find_doi", "gbt_code", "parse_reference", "split_authors", "tag", "tokenize"]


def parse_reference(text: str, *, strict: bool = False) -> dict[str, Any]:
    """CSL-JSON for one printed reference string; ``{}`` when nothing can be parsed.

    Keys (only those found): author, title, container-title, volume, issue, page, issued
    {"date-parts": [[year]]} (and the day), DOI; a translator named after the title; of a
    GB/T 7714 reference also publisher and publisher-place, editor or container-author (of
    the book a part is in), translator and edition, the volume after a book's title, and of
    an online one URL and accessed. Never raises on any string: a parser of untrusted text
    must not take its caller down. ``strict`` lets an error inside the parser (a bug, never
    the text's fault) propagate instead of giving ``{}``: the tests use it, as an empty
    result would hide the bug from them. The item is CSL-JSON's fields of the work; what
    CSL-JSON also requires is the caller's to add: an ``id``, and the ``type`` that
    :func:`csl_type` gives (``archiver refs parse --json`` adds both)."""
    if not isinstance(text, str):
        return {}
    try:
        clean = clean_text(text)
        if not clean or not any(c.isalnum() for c in clean):
            return {}
        tokens = tokenize(clean)
        labels = tag(tokens)
        item = _gbt_imprint(clean, _gbt_year_after_the_code(
            clean, _gbt_title(clean, _csl(clean, tokens, labels))))
        return _publication_date(clean, _gbt_volume(clean, _gbt_roles(clean, item)))
    except Exception:
        if strict:
            raise
        logging.getLogger(__name__).debug("reference parse failed", exc_info=True)
        return {}
