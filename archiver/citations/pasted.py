"""BibTeX entries pasted among references, in a ``.txt`` list or in a post.

A reference manager copies an entry over several lines (``@article{key,``, then
``  author = {…},`` and the other fields, then ``}``), and that is how people paste it, often
in a Markdown code fence. Read one line at a time, each of its lines was a citation of its own:
``author = {Gross, J B and Wilkens, H},`` searched for as a reference, ``}`` too short to
search. Here the lines an entry spans are found and joined, with their line breaks, so that
the entry is checked as one citation, as one written on a single line is
(:func:`archiver.citations.bib.reference_of_entry`), and reported as written.

An entry is gathered only when it is whole: its braces close on a line that ends there, before
a blank line, a code fence or another entry's start, and bibtexparser reads the lines as
exactly one entry. An entry never closed (a line lost in the copy) would otherwise take the
rest of the file with it; its lines are read one by one, as before.

This module imports no BibTeX parser until a line opens an entry: it is imported wherever
references are found, ingest included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from archiver.citations.labelled import block_spans

# what may precede an entry on its line: a list number or bullet ("[1]", "1.", "(1)", "1、",
# "-") and a label ("Source:", "【来源】", "Reference 1:")
_NUMBER = r"(?:\[\d{1,3}\]|［\d{1,3}］|\(\d{1,3}\)|（\d{1,3}）|\d{1,3}[.)、]|[-*•])"
_LABEL = r"(?:[【\[][^】\]\n]{1,12}[】\]]\s*[:：]?|[^\W\d_][\w ]{0,24}[:：])"
_START = re.compile(rf"^\s*(?:{_NUMBER}\s*)?(?:{_LABEL}\s*)?(?=@[A-Za-z]+\s*\{{)")
_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})\s*[\w+-]*\s*$")


def entry_text(text: str) -> str | None:
    """The BibTeX entry ``text`` opens with, past a list number or label written before it
    (``[1] @article{…``); None when ``text`` opens no entry. What follows is not checked:
    that is :func:`archiver.citations.bib.reference_of_entry`'s work."""
    start = _START.match(text)
    return text[start.end():] if start else None


def is_entry(text: str) -> bool:
    """Whether ``text`` is one whole BibTeX entry (after a list number or label, if any),
    on one line or on several: a citation by its form, wherever it stands."""
    entry = entry_text(text)
    if entry is None:
        return False
    from archiver.citations.bib import reference_of_entry  # bibtexparser: only when needed

    return reference_of_entry(entry) is not None


def is_fence(line: str) -> bool:
    """A Markdown code fence's line (```` ```bibtex ````, ``~~~``): no reference."""
    return bool(_FENCE.match(line))


def _closing_line(lines: Sequence[str], first: int) -> int | None:
    """The index of the line where the entry opening ``lines[first]`` closes, when it closes
    at that line's end; None when it does not close before a blank line, a code fence,
    another entry or the end."""
    start = _START.match(lines[first])
    if start is None:
        return None
    depth = 0
    for index in range(first, len(lines)):
        line = lines[index]
        if index > first:
            if not line.strip() or is_fence(line) or _START.match(line):
                return None
        else:
            line = line[start.end():]
        for offset, char in enumerate(line):
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:  # the entry's own brace: nothing may follow it on the line
                    return index if not line[offset + 1:].strip() else None
    return None


def entry_spans(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(first, end) line indices, ``end`` excluded, of each whole BibTeX entry written over
    several of ``lines``, in order; an entry on one line is left to its line."""
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(lines):
        last = _closing_line(lines, at) if "@" in lines[at] else None
        if last is not None and last > at and is_entry("\n".join(lines[at:last + 1])):
            spans.append((at, last + 1))
            at = last + 1
        else:
            at += 1
    return spans


def join_entries(lines: Sequence[str]) -> tuple[list[str], list[int]]:
    """``lines`` with each BibTeX entry written over several of them made one (its lines
    joined with line breaks, as written), and so each block of labelled lines naming a work
    (``论文题目：…`` / ``期刊：…`` / ``DOI：…``, :mod:`archiver.citations.labelled`), and for
    each line of the result the index in ``lines`` of its first line, so that a citation is
    still placed where it starts."""
    entries = entry_spans(lines)
    spans = sorted(entries + [(first, end) for first, end in block_spans(lines)
                              if not any(f < end and first < e for f, e in entries)])
    joined: list[str] = []
    origin: list[int] = []
    at = 0
    for first, end in spans:
        joined += lines[at:first]
        origin += range(at, first)
        joined.append("\n".join(line.rstrip() for line in lines[first:end]))
        origin.append(first)
        at = end
    joined += lines[at:]
    origin += range(at, len(lines))
    return joined, origin
