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
the repair rules of ``numbers``, ``titles``, ``containers``, ``physics``, ``gbt`` (which
also reads a GB/T 7714 reference's parts after its type code), ``law`` (law reviews, cases,
statutes, Bluebook books, Chinese judgments and laws), ``shortforms`` (a note's Ibid., op.
cit., 同上, 前揭书, and Chicago's short note), ``german`` (German notes' books) and ``gost``
(Russian GOST references); ``shared`` holds what more than one family of rules reads, and
``reference`` is :func:`parse_reference`, which runs them all.

The names below are loaded when first used: the rules' hundreds of patterns take a tenth of a
second to compile, which a command that parses no reference (an ingest reads only a few
names, such as :func:`split_authors`) does not pay.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from archiver.citations.parse.authors import MORE_NAMES, split_authors
    from archiver.citations.parse.clean import clean_text
    from archiver.citations.parse.fields import find_doi
    from archiver.citations.parse.gbt import csl_type
    from archiver.citations.parse.model import FIELDS, LABELS, tag
    from archiver.citations.parse.reference import parse_reference
    from archiver.citations.parse.shared import gbt_code
    from archiver.citations.parse.token_features import features
    from archiver.citations.parse.tokens import KANA, Token, tokenize

# each public name → the module of this package it is defined in
_DEFINED_IN = {
    "FIELDS": "model", "LABELS": "model", "tag": "model", "KANA": "tokens", "Token": "tokens",
    "tokenize": "tokens", "MORE_NAMES": "authors", "split_authors": "authors",
    "clean_text": "clean", "csl_type": "gbt", "gbt_code": "shared", "features": "token_features",
    "find_doi": "fields", "parse_reference": "reference"}

__all__ = ["FIELDS", "KANA", "LABELS", "MORE_NAMES", "Token", "clean_text", "csl_type", "features",
           "find_doi", "gbt_code", "parse_reference", "split_authors", "tag", "tokenize"]


def __getattr__(name: str) -> object:
    """A public name, its module imported the first time one of its names is asked for."""
    module = _DEFINED_IN.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names too, before any is loaded (``dir()``, ``help()``)."""
    return sorted(set(globals()) | set(__all__))
