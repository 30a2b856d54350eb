"""Citations from a BibTeX file, for ``archiver verify refs.bib``.

Each entry is written out as one APA-like reference string (authors, year, title, journal,
volume(issue), pages, DOI) so that it goes through exactly the same reading and comparison as
a reference copied from a post.
"""

from __future__ import annotations

import logging
from pathlib import Path

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

from archiver.errors import InputError


def _clean(value: str | None) -> str:
    return " ".join(str(value or "").replace("{", "").replace("}", "").split())


def _is_others(name: object) -> bool:
    parts = [*getattr(name, "first", []), *getattr(name, "von", []),
             *getattr(name, "last", []), *getattr(name, "jr", [])]
    return [p.lower() for p in parts] == ["others"]


def references_from_bibtex(path: Path) -> list[tuple[str, str]]:
    """(citation key, reference string) for every entry of a .bib file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=path) from None
    quiet = logging.getLogger("bibtexparser")  # it logs each block it cannot read: we report
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(
            text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(),
                                     SplitNameParts()])
    finally:
        quiet.setLevel(level)
    if library.failed_blocks and not library.entries:
        first = library.failed_blocks[0].start_line + 1  # bibtexparser counts from 0
        raise InputError("no BibTeX entries could be read", path=path,
                         hint=f"the first problem is in the entry that starts on line {first}")
    out = []
    for entry in library.entries:
        fields = {f.key.lower(): f.value for f in entry.fields}
        names = fields.get("author") or []
        if isinstance(names, list):
            # BibTeX's "and others" is the list cut short: "et al."
            people = [n for n in names if not _is_others(n)]
            authors = ", ".join(
                _clean(" ".join(n.last)) + (", " + _clean(" ".join(n.first)) if n.first else "")
                for n in people) + (", et al." if len(people) < len(names) else "")
        else:
            authors = _clean(names)
        parts = [f"{authors} ({_clean(fields.get('year')) or 'n.d.'})."]
        if fields.get("title"):
            parts.append(_clean(fields["title"]).rstrip(".") + ".")
        container = fields.get("journal") or fields.get("booktitle")
        tail = _clean(container)
        if fields.get("volume"):
            tail += f", {_clean(fields['volume'])}"
            if fields.get("number"):
                tail += f"({_clean(fields['number'])})"
        if fields.get("pages"):
            tail += f", {_clean(fields['pages']).replace('--', '-')}"
        if tail:
            parts.append(tail + ".")
        if fields.get("doi"):
            parts.append(f"https://doi.org/{_clean(fields['doi'])}")
        out.append((entry.key, " ".join(parts)))
    return out
