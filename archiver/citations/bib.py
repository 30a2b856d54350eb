"""Citations from a BibTeX or biblatex file, for ``archiver verify refs.bib``.

Each entry is written out as one APA-like reference string (authors, year, title, journal,
volume(issue), pages, DOI) so that it goes through exactly the same reading and comparison as
a reference copied from a post.

Both dialects are read, since ``archiver export biblatex`` writes the one and ``archiver
export bibtex`` the other and each must verify: the journal is ``journal`` or biblatex's
``journaltitle``, the year ``year`` or the first four digits of biblatex's ``date``, the pages
``pages`` or, for an article number, ``eid``. A family name keeps its particle (the "von" part:
``van Lieshout, Emile`` is family ``van Lieshout``), as Crossref and the citation styles
print it.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
)
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from archiver.errors import InputError
from archiver.textfiles import text_file
from archiver.urls import doi_url


def _clean(value: str | None) -> str:
    """A decoded value's words: its grouping braces are gone with the decoding, and a brace
    left is the text's own (``\\textbraceleft{}``, as ``archiver export`` writes one)."""
    return " ".join(str(value or "").split())


def _decoder() -> LatexNodes2Text:
    """pylatexenc's LaTeX-to-text, knowing the characters ``archiver export`` writes by name
    (a lone brace cannot be written ``\\{`` in BibTeX) and giving the caret as the ASCII one
    LaTeX's ``\\textasciicircum`` prints (pylatexenc's default is U+02C6); ``\\url`` as its
    address alone, as bibtexparser's decoding has it."""
    context = get_default_latex_context_db()
    context.add_context_category("archiver-bib", prepend=True, macros=[
        MacroTextSpec("textbraceleft", simplify_repl="{"),
        MacroTextSpec("textbraceright", simplify_repl="}"),
        MacroTextSpec("textasciicircum", simplify_repl="^"),
        MacroTextSpec("textless", simplify_repl="<"),
        MacroTextSpec("textgreater", simplify_repl=">"),
        MacroTextSpec("textbar", simplify_repl="|"),
        MacroTextSpec("url", simplify_repl="%s")])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


_LATEX = _decoder()


def latex_text(value: str) -> str:
    """A .bib field value as text: TeX decoded, grouping braces gone."""
    return _LATEX.latex_to_text(value)


def _text(parts: list[str]) -> str:
    """Name parts as text: TeX decoded (``M{\\"u}ller``, ``{Team \\& Co.}``), grouping braces
    gone.
    Names are split before they are decoded: decoded first, a braced corporate name such as
    ``{Team \\& Co.}`` would be split into words as a person's ("Co., Team &")."""
    return _clean(latex_text(" ".join(parts)))


def _family(name: object) -> str:
    """The family name with its particle: BibTeX splits ``van Lieshout, Emile`` into von
    ``van`` and last ``Lieshout``, and the family name is both."""
    return _text([*getattr(name, "von", []), *getattr(name, "last", [])])


def _year(fields: dict[str, object]) -> str:
    """BibTeX's ``year``, else the year of biblatex's ISO 8601 ``date`` (``2017-05-03``)."""
    year = _clean(fields.get("year"))  # type: ignore[arg-type]
    if year:
        return year
    date = _clean(fields.get("date"))  # type: ignore[arg-type]
    return date[:4] if date[:4].isdigit() else date


def _is_others(name: object) -> bool:
    parts = [*getattr(name, "first", []), *getattr(name, "von", []),
             *getattr(name, "last", []), *getattr(name, "jr", [])]
    return [p.lower() for p in parts] == ["others"]


ENTRY_FORM = "an entry reads @article{key, author = {…}, title = {…}, …}"


def _what_is_wrong(block: Block) -> str:
    """Why bibtexparser could not take a block as an entry, in its words where it has some."""
    if isinstance(block, DuplicateBlockKeyBlock):
        return f"the key {block.key!r} is an earlier entry's key too"
    if isinstance(block, DuplicateFieldKeyBlock):
        return f"{', '.join(sorted(block.duplicate_keys))} given twice"
    error = getattr(block, "error", None)
    return str(getattr(error, "abort_reason", None) or error or "").strip().rstrip(".")


# text outside any entry that holds an entry's parts: an entry whose '@' was lost
_ENTRY_LIKE = re.compile(
    r"^\s*(?:article|book|booklet|conference|inbook|incollection|inproceedings|manual|"
    r"mastersthesis|misc|online|phdthesis|proceedings|report|techreport|thesis|unpublished)"
    r"\s*\{[^,\s]*,|^\s*(?:author|title|journal|year|doi|volume|pages|booktitle)\s*=\s*[{\"]",
    re.I)


def _stray_line(library: Library, entry_like: bool = False) -> int | None:
    """The first line (from 1) of text outside any entry that is no ``%`` comment (with
    ``entry_like``, only such text that holds an entry's parts, ``article{key,`` or
    ``title = {…}``): BibTeX skips such text, so a file of it alone parses, with no entry."""
    for block in library.blocks:
        if isinstance(block, ImplicitComment):
            for offset, line in enumerate(block.raw.splitlines()):
                if line.strip() and not line.lstrip().startswith("%") and (
                        not entry_like or _ENTRY_LIKE.search(line)):
                    return block.start_line + offset + 1  # bibtexparser counts from 0
    return None


def _check(library: Library, path: Path) -> None:
    """A .bib verify reads must give every entry it holds: an entry that cannot be read, or
    text outside any entry that holds an entry's parts (an entry that lost its '@', which
    BibTeX skips as a comment), would otherwise pass as "nothing wrong" while some citation
    was never checked. The whole file is bad input then (exit 4), with the line. Other text
    between entries is a comment, as BibTeX reads it. A file with nothing in it, or comments
    alone, holds no citation, as an empty .txt does."""
    if library.failed_blocks:
        first = library.failed_blocks[0]
        count = len(library.failed_blocks)
        why = _what_is_wrong(first)
        raise InputError(
            f"{count} of {count + len(library.entries)} BibTeX entries cannot be read"
            if library.entries else "no BibTeX entries could be read", path=path,
            hint=f"the first problem is in the entry that starts on line "
                 f"{first.start_line + 1}" + (f": {why}" if why else ""))
    broken = _stray_line(library, entry_like=True)
    if broken is not None and library.entries:
        raise InputError("text outside any entry looks like an entry that lost its '@'",
                         path=path, hint=f"line {broken}: BibTeX would skip it as a comment; "
                                         + ENTRY_FORM)
    if not library.entries:
        stray = _stray_line(library)
        if stray is None:  # empty, or % comments alone: nothing unread, as an empty .txt
            return
        raise InputError("no BibTeX entries in this file", path=path,
                         hint=f"line {stray} is outside any entry, and BibTeX skips it as a "
                              f"comment; " + ENTRY_FORM)


def references_from_bibtex(path: Path) -> list[tuple[str, str]]:
    """(citation key, reference string) for every entry of a .bib file; a file with an entry
    that cannot be read, or with none, is an :class:`InputError` naming the line."""
    text = text_file(path)  # no permission, a folder named .bib…: this input (exit 4)
    library = _parsed(text)
    _check(library, path)
    return [(entry.key, _reference(entry)) for entry in library.entries]


# one whole entry: "@article{key, author = {…}, …}", on one line or over several
_ONE_ENTRY = re.compile(r"\s*@[A-Za-z]+\s*\{[^,{}]*,.*\}\s*", re.S)


@functools.lru_cache(maxsize=1024)
def reference_of_entry(text: str) -> str | None:
    """The reference string for a BibTeX entry pasted into a post or a list of references
    (where it was read as prose: its ``author = {…}`` as the authors), on one line or over
    several (:mod:`archiver.citations.pasted` gathers them), as a .bib file's entry gives it;
    None when ``text`` is not one whole entry. Kept for the entries met last: finding an
    entry's lines, telling it from prose and verifying it each ask (bibtexparser takes about
    a millisecond an entry)."""
    if not _ONE_ENTRY.fullmatch(text):
        return None
    library = _parsed(text)
    if len(library.entries) != 1 or library.failed_blocks:
        return None
    return _reference(library.entries[0])


def _parsed(text: str) -> Library:
    quiet = logging.getLogger("bibtexparser")  # it logs each block it cannot read: we report
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        return bibtexparser.parse_string(
            text, append_middleware=[SeparateCoAuthors(), SplitNameParts(),
                                     LatexDecodingMiddleware(decoder=_LATEX)])
    finally:
        quiet.setLevel(level)


def _names(names: object) -> str:
    """A list of names as a reference prints it: "Family, Given, Family, Given"; BibTeX's
    "and others", the list cut short, as "et al."."""
    if not isinstance(names, list):
        return _clean(names)  # type: ignore[arg-type]
    people = [n for n in names if not _is_others(n)]
    return ", ".join(_family(n) + (", " + _text(n.first) if n.first else "")
                     for n in people) + (", et al." if len(people) < len(names) else "")


def _reference(entry: Entry) -> str:
    """An entry as a reference string, APA-like: authors (year). Title. Journal, 12(3), pages.
    DOI."""
    fields = {f.key.lower(): f.value for f in entry.fields}
    # a whole edited book or proceedings names its editors in the authors' place, as a
    # reference does ("Taylor, B., Huchon, P. (Eds.) (2000)"): they are compared as such
    edited = not fields.get("author") and bool(fields.get("editor"))
    authors = _names(fields.get("editor" if edited else "author") or [])
    parts = [f"{authors}{' (Eds.)' if edited else ''} ({_year(fields) or 'n.d.'})."]
    if fields.get("title"):
        parts.append(_clean(fields["title"]).rstrip(".") + ".")
    container = (fields.get("journal") or fields.get("journaltitle")
                 or fields.get("booktitle"))
    # "Journal, 12(3), 100-110."; without a journal, the numbers labelled as MLA prints
    # them, so that none is read as the journal's name: "vol. 12, no. 3, pp. 100-110."
    # (a volume left out would go unchecked, however wrong)
    bits = [_clean(container)] if container else []
    # the issue is BibTeX's "number"; "issue", which many write for it, is read where
    # there is none (left out, a wrong issue would go unchecked)
    volume = _clean(fields.get("volume"))
    number = _clean(fields.get("number") or fields.get("issue"))
    if volume and container:
        bits.append(volume + (f"({number})" if number else ""))
    elif volume:
        bits.append(f"vol. {volume}" + (f", no. {number}" if number else ""))
    elif number:  # an issue without a volume ("Economia Agro-alimentare, (1), 75-92")
        bits.append(f"({number})" if container else f"no. {number}")
    pages = fields.get("pages") or fields.get("eid")
    if pages:
        pages = _clean(pages).replace("--", "-")
        bits.append(pages if container else f"pp. {pages}")
    if bits:
        parts.append(", ".join(bits) + ".")
    if fields.get("doi"):  # its link, encoded where a URL reads otherwise (a "#" in it)
        parts.append(doi_url(_clean(fields["doi"])))
    return " ".join(parts)
