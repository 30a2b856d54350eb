"""Field-by-field comparison of what a citation says with what Crossref holds. Pure functions.

The rules follow how references are legitimately written, so that a correct citation in any
common style is never flagged. Each field has a module of its own, with its rules and the
helpers only it uses, beside one module of what they all share:

- :mod:`~archiver.citations.compare.text`: both sides read alike (markup, case, diacritics
  and punctuation are no part of a word), the :class:`FieldCheck` every comparator returns,
  a value written in another script than Crossref's;
- :mod:`~archiver.citations.compare.authors`: the author list;
- :mod:`~archiver.citations.compare.titles`: the title;
- :mod:`~archiver.citations.compare.journals`: the journal, book or proceedings;
- :mod:`~archiver.citations.compare.numbers`: volume, issue, year and pages.

The names the rest of the project uses are imported here, so that it need not know which
module holds which.
"""

from __future__ import annotations

from archiver.citations.compare.authors import (
    ET_AL_FORMS,
    MISSPELT,
    PARTICLES,
    compare_authors,
    record_names,
    says_et_al,
    shares_a_family_name,
)
from archiver.citations.compare.journals import (
    abbreviated_forms,
    compare_journal,
    journal_names,
    named_forms,
)
from archiver.citations.compare.numbers import (
    ROMAN,
    compare_number,
    compare_pages,
    compare_year,
    is_pinpoint,
    page_range,
    record_pages,
    record_years,
)
from archiver.citations.compare.text import (
    INLINE_TAG,
    OTHER_SCRIPT,
    STOP_WORDS,
    FieldCheck,
    find_phrase,
    fold,
    in_another_script,
    locate,
    mostly_cjk,
    not_compared_for_script,
    squash,
    strip_markup,
    words,
)
from archiver.citations.compare.titles import compare_title, title_variants

__all__ = [
    "ET_AL_FORMS",
    "FieldCheck",
    "INLINE_TAG",
    "MISSPELT",
    "OTHER_SCRIPT",
    "PARTICLES",
    "ROMAN",
    "STOP_WORDS",
    "abbreviated_forms",
    "compare_authors",
    "compare_journal",
    "compare_number",
    "compare_pages",
    "compare_title",
    "compare_year",
    "find_phrase",
    "fold",
    "in_another_script",
    "is_pinpoint",
    "journal_names",
    "named_forms",
    "locate",
    "mostly_cjk",
    "not_compared_for_script",
    "page_range",
    "record_names",
    "record_pages",
    "record_years",
    "says_et_al",
    "shares_a_family_name",
    "squash",
    "strip_markup",
    "title_variants",
    "words",
]
