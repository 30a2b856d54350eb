"""The entry point: one printed reference string to CSL-JSON, through every part of the
parser in turn (see the package's docstring)."""

from __future__ import annotations

import logging

from archiver.citations.parse.assemble import _csl
from archiver.citations.parse.authors import author_before_the_year
from archiver.citations.parse.clean import clean_text, wave_dashes_given_back
from archiver.citations.parse.containers import abbreviation_stop_given_back
from archiver.citations.parse.gbt import (
    _gbt_imprint,
    _gbt_roles,
    _gbt_title,
    _gbt_volume,
    _gbt_year_after_the_code,
    _publication_date,
)
from archiver.citations.parse.model import tag
from archiver.citations.parse.titles import _title_after_apas_year
from archiver.citations.parse.tokens import tokenize

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


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
        item = _publication_date(clean, _gbt_volume(clean, _gbt_roles(clean, item)))
        _title_after_apas_year(item, clean)  # (last: only where nothing else read one)
        if item.get("title"):
            item["title"] = wave_dashes_given_back(item["title"], text)
        abbreviation_stop_given_back(item, clean)
        return author_before_the_year(clean, item)
    except Exception:
        if strict:
            raise
        logging.getLogger("archiver.citations.parse").debug("reference parse failed", exc_info=True)
        return {}
