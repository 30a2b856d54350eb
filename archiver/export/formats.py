"""Write :class:`~archiver.export.works.Work` values as biblatex/BibTeX, CSL-JSON and RIS.

BibTeX is built and written with ``bibtexparser`` v2, one entry at a time (exports stream).
Values keep their UTF-8 (biblatex-gb7714 and XeLaTeX users need the Chinese as it is); the
characters TeX treats specially (``\\ { } % & $ # _ ^ ~``) are escaped, braces and the
backslash, caret and tilde by name (``\\textbraceleft{}``), so that no text can unbalance a
value's braces; ``< > |`` by name too, which the default font encoding prints otherwise.
CSL-JSON follows the CSL input schema; RIS the RIS format specification (tags, ``ER  -``
ends a record, CRLF lines).

Crossref's text keeps the white space of its depositor's XML (a title broken over lines and
indented: ``… seed beetle\n            <i>Callosobruchus</i>``). The evidence is stored as
recorded; every format writes its text fields through :func:`tidy`, with each run of white
space one space, so that no title spans lines or carries an indent into a bibliography.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from typing import Any

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from archiver.export.keys import INVISIBLE
from archiver.export.works import Work, ideographic_name
from archiver.urls import doi_url

# A brace is written by name: BibTeX counts every "{" and "}" in a value, escaped or not, so
# "\{" alone leaves the value unbalanced and the file unreadable (pybtex: "premature end of
# file"); the named characters hold only the balanced "{}" that ends the name. The caret and
# the tilde by name too: "\^{}" and "\~{}" are accents over nothing, which decoders drop.
# And "<", ">" and "|" by name: in LaTeX's default (OT1) font encoding they print "¡", "¿" and
# a dash, and reference managers' BibTeX importers read them so ("p < 0.05" as "p ¡ 0.05").
_TEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
        "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}",
        "~": r"\textasciitilde{}", "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}
_TEX_RE = re.compile(r"[\\{}%&$#_^~<>|]")


def tex(value: str) -> str:
    """Escape TeX's special characters, so that every value holds balanced braces whatever
    its text (BibTeX reads a value to its matching brace); everything else (Chinese
    included) stays as it is."""
    return _TEX_RE.sub(lambda m: _TEX[m.group(0)], value)


def verbatim(value: str) -> str:
    """A URL for a field biblatex reads verbatim (``url``, ``\\url{…}``), where no TeX
    escape works: a brace in it percent-encoded, which names the same address, so that
    BibTeX still finds the value's end."""
    return value.replace("{", "%7B").replace("}", "%7D")


def verbatim_doi(doi: str) -> str:
    """A DOI for the ``doi`` field, which biblatex reads verbatim: as it is when its braces
    are balanced and it holds no backslash, which BibTeX reads whole (a DOI is a name, not an
    address: percent-encoded, a reference manager importing it would hold another DOI than
    CSL-JSON and RIS give); any other is written as :func:`verbatim` writes a URL, its
    backslashes percent-encoded too (``\\}`` escapes the brace to one parser and not to
    another: the entry is lost, or read as another DOI)."""
    depth = 0
    for char in doi:
        if char in "{}":
            depth += 1 if char == "{" else -1
            if depth < 0:
                break
    return doi if depth == 0 and "\\" not in doi else verbatim(doi).replace("\\", "%5C")


def url_in_text(url: str) -> str:
    """A URL for ``\\url{…}`` in a field the styles print as text (``howpublished``): there
    it is the argument of other commands, where a ``%`` would start a comment (the rest of
    the field lost, its braces unbalanced) and a ``#`` be a macro's parameter; both escaped,
    as hyperref's ``\\url`` reads them (and pybtex), after :func:`verbatim`."""
    return verbatim(url).replace("%", "\\%").replace("#", "\\#")


def _word_core(word: str) -> str:
    return word.strip("\"'“”‘’()[]{}<>.,;:!?")


def _cased(char: str) -> bool:
    """A letter of a script with capitals (Latin, Greek, Cyrillic…; not Chinese)."""
    return char.isupper() or char.islower()


# what joins the parts of one word ("Long-Term", "Drug‐Resistant" with Crossref's U+2010,
# "PD-1"), and the dashes that join two words ("Dimerization–Not", "COVID-19—A": figure,
# en and em dash, horizontal bar), whose sides are words of their own
_HYPHEN = re.compile("[-\u2010\u2011]")
_DASH = re.compile("([\u2012-\u2015]+)")


def _keeps_its_case(core: str) -> bool:
    """A capital after the first letter of one of its hyphen-joined parts (an acronym, a gene,
    "McDonald"; not "Long-Term", whose parts are each capitalised), digits among letters
    ("Oca2", "CD8"), or a capital standing alone: a name or a symbol ("Vitamin D", "T Cells",
    the pronoun "I"), which even a Title Case title does not capitalise as a word, except
    "A", which Title Case writes for the article as often as for a name ("Hepatitis A")."""
    return any(c.isupper() for part in _HYPHEN.split(core) for c in part[1:]) or (
        any(_cased(c) for c in core) and any(c.isdigit() for c in core)) or (
        len(core) == 1 and core.isupper() and core != "A")


def _has_cjk(text: str) -> bool:
    return any(c.isalpha() and not _cased(c) for c in text)


def _brace_runs(word: str, keep: Callable[[str], bool]) -> str:
    """``word`` escaped, with each run of cased letters and digits that ``keep`` accepts in
    braces (Latin words inside Chinese text)."""
    out, at = [], 0
    for match in _CASED_RUN.finditer(word):
        out.append(tex(word[at:match.start()]))
        run = tex(match.group())
        out.append("{" + run + "}" if keep(match.group()) else run)
        at = match.end()
    out.append(tex(word[at:]))
    return "".join(out)


# words of four letters or more that Title Case leaves lower case (Chicago lower-cases every
# preposition, "Between the Bear and the Dragon", "Lessons from"; APA capitalises them), and
# Latin phrases kept lower case ("in vitro", "in vivo", "in silico")
_TITLE_CASE_LOWER = frozenset({
    "about", "above", "across", "after", "against", "along", "amid", "among", "around",
    "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
    "despite", "down", "during", "except", "from", "inside", "into", "like", "near", "onto",
    "outside", "over", "past", "plus", "since", "than", "that", "through", "throughout",
    "till", "toward", "towards", "under", "underneath", "unlike", "until", "upon", "versus",
    "with", "within", "without", "vitro", "vivo", "silico", "situ", "utero"})


def protected_title(title: str) -> str:
    """``title`` escaped for TeX, with the words a bibliography style must not lower-case in
    braces. BibTeX styles that set titles in sentence case lower-case every capital they are
    not told to keep: "… of {Astyanax} cavefish … {Oca2} allele", "detecting {KRAS}".

    - A Chinese title has no Title Case: every Latin word in it with a capital keeps it
      ("基于{Transformer}的", "{R\\&D}在中国{A}股市场").
    - Otherwise a word keeps its case when it has a capital after the first letter of one
      of its parts, or digits among its letters (acronyms, gene and product names).
    - In a title written in sentence case (most words lower case, or one that Title Case
      would capitalise, so a capital means a name: "Gödel", "Zürich", "Hardy-Weinberg",
      "Trip to {Ängelholm} and {Paris} today"), so does every capitalised word but the
      first and those opening a subtitle (after ":", "?" or "!"), and a hyphenated one
      with a capital after its hyphen even there.
    - A title in Title Case keeps only the second kind: its capitals say nothing about
      names ("Long-Term Effects" stays unbraced).
    - Words a dash joins are words each ("Altered Dimerization–Not Catalytic", Title Case:
      none braced; "{US}–China", "{COVID-19}—A"): braced together, a capitalised word would
      be kept for the capital after the dash alone."""
    words = title.split(" ")
    if _has_cjk(title):
        return " ".join(_brace_runs(word, lambda run: any(c.isupper() for c in run))
                        for word in words)
    # each word split at its dashes: the words it joins at even places, the dashes between
    pieces = [_DASH.split(word) for word in words]
    later = [core for i, split in enumerate(pieces) for j, piece in enumerate(split[::2])
             if (i or j) and len(core := _word_core(piece)) > 3 and _cased(core[0])]
    # sentence case: most such words lower case, or a third of them lower-case words that
    # Title Case would have capitalised ("Trip to Ängelholm and Paris today": two names
    # outnumber the one word, yet "today" says how the title is written; one species'
    # epithet in a Title Case title, "… of Mycobacterium tuberculosis Strains from Southern
    # India", does not), or the last of them, which Title Case always capitalises ("COVID-19
    # in New York City and Los Angeles County hospitals")
    uncapitalised = [c.islower() and c not in _TITLE_CASE_LOWER for c in later]
    sentence_case = bool(later) and (sum(c[0].isupper() for c in later) * 2 <= len(later)
                                     or sum(uncapitalised) * 3 >= len(later)
                                     or uncapitalised[-1])
    out = []
    for i, split in enumerate(pieces):
        opens = i == 0 or words[i - 1].endswith((":", "?", "!"))
        out.append("".join(
            tex(piece) if j % 2 else _protected_word(piece, sentence_case, opens and j == 0)
            for j, piece in enumerate(split)))
    return " ".join(out)


def _protected_word(word: str, sentence_case: bool, opens: bool) -> str:
    """One word of a title that is not Chinese, escaped, in braces when it keeps its case
    (:func:`protected_title` says when). ``opens``: it begins the title or a subtitle."""
    core = _word_core(word)
    joined = any(p[:1].isupper() for p in _HYPHEN.split(core)[1:])  # "Hardy-Weinberg"
    keep = bool(core) and any(_cased(c) for c in core) and (
        _keeps_its_case(core)
        or (sentence_case and (joined or (not opens and core[0].isupper()))))
    if not keep:
        return tex(word)
    # the braces hold the word alone, not the punctuation around it ("{YFCC100M}:", not
    # "{YFCC100M:}"), which a reference manager would otherwise keep as part of the name
    start = word.index(core)
    end = start + len(core)
    return tex(word[:start]) + "{" + tex(core) + "}" + tex(word[end:])


# a run of letters of scripts with capitals, with digits, "&" and the hyphens inside a word
# ("COVID-19", "SARS-CoV-2": one name, braced whole), inside Chinese text
_CASED_RUN = re.compile(r"(?:(?![\d_])[^\W\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]"
                        r"|\d|&(?=\w)|(?<=[A-Za-z0-9])-(?=[A-Za-z0-9]))+")


def joined_keywords(keywords: list[str]) -> str:
    """Keywords as one comma-separated value, biblatex's ``keywords`` and CSL's ``keyword``
    (CSL 1.0.2 gives it no other form). A comma inside one keyword is written as the
    full-width comma, which reads the same and separates nothing, so that no keyword is
    read back as two (biblatex, and reference managers importing either, split at every
    ASCII comma)."""
    return ", ".join(word.replace(",", "\uff0c") for word in keywords)


# the control characters (C0, DEL, C1) that are no white space: no text at all (a NUL, a
# terminal escape), which TeX refuses ("Text line contains an invalid character"), XML (a
# citation processor's output) forbids, and a reference manager would keep as junk; and the
# invisible characters a WeChat title is often salted with (a zero-width space inside a word
# keeps it from being matched by filters), which print nothing, keep the title from being
# found or matched as a duplicate in a reference manager, and stop pdfLaTeX ("Unicode
# character U+200B not set up for use with LaTeX"): :data:`keys.INVISIBLE`, which a key
# reads through too, as the body's cleaning drops them.
_CONTROLS = re.compile(f"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f{INVISIBLE}]")


def one_line(value: str | None) -> str | None:
    """``value`` with each run of white space (line breaks and indents included) one space,
    none at either end, and no control or invisible character (:data:`_CONTROLS`): the
    record keeps what the source said (a credit or a tag may hold a control character, a
    title a zero-width space; records archived before are never rewritten), so the export
    leaves them out."""
    if not isinstance(value, str):
        return value
    if not value.isprintable():
        value = _CONTROLS.sub("", value)
    return " ".join(value.split())


_TEXT_FIELDS = ("title", "organisation", "container", "volume", "issue", "pages", "publisher",
                "place", "series", "institution", "section", "degree", "abstract", "edition")


# what separates the first and last page of a range as Crossref's depositors write it: the
# hyphen-minus, and the dashes and minus signs typeset text uses (``975–993``, U+2013), a run
# of them (``975--993``) and the spaces around them one separator
_PAGE_DASH = re.compile(r"\s*[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+\s*")


def _pages(pages: str | None) -> str | None:
    """A range with the hyphen-minus between its pages, whatever dash it was written with
    (``975–993`` is ``975-993``: BibTeX's ``--`` and RIS's ``SP``/``EP`` are made from it);
    ``27-27`` is page 27; an abbreviated range is written out (``975-93`` is ``975-993``:
    RIS would otherwise end it before it starts), unless it cannot be (``199-5``)."""
    if not pages:
        return pages
    pages = _PAGE_DASH.sub("-", pages)
    first, dash, last = pages.partition("-")
    if dash and first == last:
        return first
    if dash and first.isascii() and last.isascii() and first.isdigit() and last.isdigit() \
            and len(last) < len(first):
        full = first[:len(first) - len(last)] + last
        if int(full) > int(first):
            return f"{first}-{full}"
    return pages


def tidy(work: Work) -> Work:
    """``work`` with its text fields, names, notes and keywords on one line each and free of
    control characters (:func:`one_line`); the stored Crossref evidence it came from is not
    changed."""
    changes: dict[str, Any] = {name: one_line(getattr(work, name)) for name in _TEXT_FIELDS}
    for people in ("authors", "editors", "translators", "book_authors"):
        changes[people] = [{k: one_line(v) if isinstance(v, str) else v for k, v in a.items()}
                           for a in getattr(work, people)]
    changes["notes"] = [one_line(note) or "" for note in work.notes]
    changes["keywords"] = [word for word in map(one_line, work.keywords) if word]
    changes["pages"] = _pages(changes["pages"])
    return dataclasses.replace(work, **changes)


_AND_WORD = re.compile(r"(?<!\S)and(?!\S)", re.I)


def _kept(part: str) -> str:
    """A name part braced where BibTeX would split it: the word "and" in it separates two
    names to BibTeX (a given name "Kim and Park")."""
    return "{" + part + "}" if _AND_WORD.search(part) else part


def _names(authors: list[dict[str, str]]) -> str:
    parts = []
    for author in authors:
        whole = author.get("literal") or ideographic_name(author)
        if whole:
            # a corporate name, or a Chinese or Japanese one, kept whole: BibTeX's styles
            # print "Family, Given" as "Given Family" (明 王 for 王, 明), where 王明 is its
            # form, as Chinese .bib files (CNKI's) write it
            parts.append("{" + tex(whole) + "}")
        elif not author.get("given") and " " in author.get("family", "").strip():
            # a family name alone, of several words (an organisation Crossref files as a
            # family: "Food and Agriculture Organization of the United Nations"): kept whole,
            # or BibTeX reads its words as first, von and last names, and "and" as two names
            parts.append("{" + tex(author["family"]) + "}")
        else:
            # BibTeX's "von Last, Jr, First"
            family, given, suffix = (_kept(tex(author.get(name, "")))
                                     for name in ("family", "given", "suffix"))
            parts.append(f"{family}, {suffix}, {given}".rstrip() if suffix
                         else f"{family}, {given}" if given else family)
    return " and ".join(p for p in parts if p)


def thesis_type(degree: str | None) -> str:
    """biblatex's type of a thesis, from the degree Crossref gives: its localised keys for a
    doctoral or a master's thesis, else the degree as written ("Thesis" when none is given:
    Crossref's type "dissertation" is any thesis)."""
    text = (degree or "").casefold()
    if re.search(r"\bph\.?\s?d\b|doctor|doctoral|\bd\.?phil\b", text):
        return "phdthesis"
    if re.search(r"\bmaster|\bm\.?\s?(?:a|sc|s|phil)\b", text):
        return "mathesis"
    return tex(degree) if degree else "Thesis"


def _plain_names(people: list[dict[str, str]]) -> list[str]:
    """Names as printed: a whole name, or given then family."""
    return [p.get("literal") or " ".join(x for x in (p.get("given"), p.get("family"),
                                                     p.get("suffix")) if x)
            for p in people]


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# biblatex reads these fields as lists, split at "and" as authors are: "Science and
# Technology Daily" would be two organisations. (BibTeX reads them as plain text.)
_BIBLATEX_LISTS = frozenset({"publisher", "institution", "organization", "location"})
_AND = re.compile(r"\sand\s", re.I)


def _one_name(value: str, field: str, flavour: str) -> str:
    """``value`` kept one name where biblatex would split it at "and": braced whole."""
    if flavour == "biblatex" and field in _BIBLATEX_LISTS and _AND.search(value):
        return "{" + value + "}"
    return value


# the names BibTeX's standard styles (plain.bst and its kin) sort a cited work by: a book's
# author or editor, a proceedings' editor, any other entry's author alone (an
# @incollection's editor edited its book, not the chapter; a @misc's is read by none);
# without them, its key. (A post's entry is given a key when it has neither author nor
# editor, as it always was.)
_SORTED_BY = {"book": ("author", "editor"), "inbook": ("author", "editor"),
              "proceedings": ("editor",)}


def bibtex_entry(work: Work, flavour: str = "biblatex") -> str:
    """One entry as text. ``flavour``: ``biblatex`` (@online, date, urldate) or ``bibtex``
    (@misc with howpublished/note, year/month)."""
    work = tidy(work)
    biblatex, plain, _, _ = work.types()
    entry_type = biblatex if flavour == "biblatex" else plain
    fields: list[tuple[str, str]] = []
    if work.authors:  # BibTeX's "and others" is "et al."
        fields.append(("author", _names(work.authors) + (" and others" if work.et_al else "")))
    elif work.organisation and work.kind == "post":
        fields.append(("author", "{" + tex(work.organisation) + "}"))
    if work.editors:
        fields.append(("editor", _names(work.editors)
                       + (" and others" if work.editors_et_al else "")))
    if work.translators and flavour == "biblatex":  # BibTeX's styles know no translator
        fields.append(("translator", _names(work.translators)))
    if work.book_authors and flavour == "biblatex":  # nor the author of a part's book
        fields.append(("bookauthor", _names(work.book_authors)))
    if work.title:
        fields.append(("title", protected_title(work.title)))
    container_field = {"article": "journal", "inproceedings": "booktitle",
                       "incollection": "booktitle", "inreference": "booktitle"}.get(entry_type)
    if work.container and container_field:
        fields.append((container_field if flavour == "bibtex" or entry_type != "article"
                       else "journaltitle", tex(work.container)))
    granting = {"phdthesis": "school", "thesis": "institution", "techreport": "institution",
                "report": "institution"}.get(entry_type)
    # a cited work posted online (a preprint, a blog post): where it was posted is what
    # styles name, biblatex's organization (its @online has no publisher) and BibTeX's
    # howpublished, beside its address
    posted = work.kind == "cited" and work.crossref_type == "posted-content"
    posted_at = (work.container or work.issuer) if posted else None
    # ... and a cited @misc or @online in anything else (a standard in a compilation, a web
    # page on a site): its container, which these types have no field for, is where it is
    if work.kind == "cited" and not posted and entry_type in ("misc", "online"):
        posted_at = work.container
    for name, value in (("series", work.series), ("edition", work.edition),
                        ("volume", work.volume), ("number", work.issue),
                        ("pages", work.pages.replace("-", "--") if work.pages else None),
                        # (who CSL and RIS name too: a preprint's server, a thesis's
                        # institution, not the depositor)
                        ("publisher", None if posted and flavour == "biblatex"
                         else work.issuer),
                        # (the publisher's place: BibTeX's address, biblatex's location)
                        ("address" if flavour == "bibtex" else "location", work.place),
                        (granting, work.institution if granting else None)):
        if value and name:
            fields.append((name, _one_name(tex(str(value)), name, flavour)))
    if flavour == "biblatex":
        if entry_type == "thesis":  # a field biblatex requires of @thesis
            fields.append(("type", thesis_type(work.degree)))
        elif entry_type == "report":  # and of @report: Crossref's "report" names no kind,
            # so biblatex's localisation key for a technical report ("technical report" in
            # English), the type its @techreport alias stands for
            fields.append(("type", "techreport"))
        if work.date:
            fields.append(("date", work.date))
        organisation = work.organisation if work.kind == "post" else (
            posted_at if entry_type == "online" else None)
        if organisation:
            fields.append(("organization", _one_name(tex(organisation), "organization",
                                                     flavour)))
        if entry_type == "misc" and posted_at:
            fields.append(("howpublished", tex(posted_at)))
        if work.url:
            fields.append(("url", verbatim(work.url)))
        if work.accessed:
            fields.append(("urldate", work.accessed))
    else:
        degree = thesis_type(work.degree) if entry_type == "phdthesis" else "phdthesis"
        if degree != "phdthesis":
            # plain.bst prints "PhD thesis" unless a type says otherwise: a thesis whose
            # degree is not known to be a doctorate is said to be a thesis
            fields.append(("type", degree if degree != "mathesis" else "Master's thesis"))
        if work.year:
            fields.append(("year", work.year))
        month = work.date[5:7] if work.date else ""
        if month.isdigit() and 1 <= int(month) <= 12:  # the macro (aug): styles print its name
            fields.append(("month", _MONTHS[int(month) - 1]))
        # where it was published, which styles print before its address: a preprint's
        # server, a post's account (plain BibTeX's @misc has no organization)
        published_by = work.organisation if work.kind == "post" else (
            posted_at if entry_type == "misc" else None)
        where = f"{tex(published_by)}, " if published_by else ""
        if work.url:
            fields.append(("howpublished", f"{where}\\url{{{url_in_text(work.url)}}}"))
        elif entry_type == "misc" and work.doi:
            # plain.bst and its kin print no doi: a @misc (a preprint, a dataset, a peer
            # review) that names no journal would be printed with no way to find it
            fields.append(("howpublished",
                           f"{where}\\url{{{url_in_text(doi_url(work.doi))}}}"))
        elif where:
            fields.append(("howpublished", tex(published_by)))
        if work.url:  # for reference managers, which take no address out of howpublished's
            # text (plain.bst and its kin print howpublished alone; a style that prints url
            # too, plainnat or pybtex's plain, prints the address twice: the lesser harm)
            fields.append(("url", verbatim(work.url)))
    if work.doi:
        fields.append(("doi", verbatim_doi(work.doi)))
    if work.keywords:  # BibTeX's styles print none; biblatex filters by them
        fields.append(("keywords", tex(joined_keywords(work.keywords))))
    if work.abstract:  # printed by no standard style, imported by reference managers
        fields.append(("abstract", tex(work.abstract)))
    notes = list(work.notes)
    if flavour == "bibtex" and work.translators:
        notes.insert(0, "translated by " + ", ".join(_plain_names(work.translators)))
    if flavour == "bibtex" and work.kind == "post" and work.accessed:
        notes.append(f"accessed {work.accessed}")
    if notes:
        fields.append(("note", tex("; ".join(notes))))
    sorted_by = (("author", "editor") if work.kind == "post"
                 else _SORTED_BY.get(entry_type, ("author",)))
    if flavour == "bibtex" and not any(name in sorted_by for name, _ in fields):
        # BibTeX's styles sort by author or editor, else by key, and warn of an entry with
        # none ("to sort, need author or key"): the title sorts it as biblatex would
        fields.append(("key", tex(work.title or work.container or work.key)))
    library = Library([Entry(entry_type, work.key, [
        Field(k, v, enclosing="no-enclosing" if k == "month" else None) for k, v in fields])])
    return bibtexparser.write_string(library)


def csl_item(work: Work) -> dict[str, Any]:
    """One CSL-JSON item. A thesis's degree is its ``genre``, the variable styles print it
    by (APA's "[Doctoral dissertation, University]", Chicago's "PhD diss."): without it a
    thesis reads as any work of its university's."""
    work = tidy(work)
    _, _, csl_type, _ = work.types()
    item: dict[str, Any] = {"id": work.key, "type": csl_type}
    if work.title:
        item["title"] = work.title
    if work.authors:
        item["author"] = [dict(a) for a in work.authors]
    elif work.organisation and work.kind == "post":
        item["author"] = [{"literal": work.organisation}]
    for role, people in (("editor", work.editors), ("translator", work.translators),
                         ("container-author", work.book_authors)):
        if people:
            item[role] = [dict(p) for p in people]
    if work.kind == "post" and work.organisation:
        item["container-title"] = work.organisation
    elif work.container:
        item["container-title"] = work.container
    for key, value in (("collection-title", work.series), ("edition", work.edition),
                       ("volume", work.volume),
                       ("issue", work.issue), ("page", work.pages), ("DOI", work.doi),
                       ("URL", work.url), ("publisher", work.issuer),
                       ("publisher-place", work.place),
                       ("section", work.section), ("genre", work.degree),
                       ("language", work.language)):
        if value:
            item[key] = str(value)
    if work.keywords:
        item["keyword"] = joined_keywords(work.keywords)
    if work.abstract:
        item["abstract"] = work.abstract
    if work.date:
        item["issued"] = {"date-parts": [[int(p) for p in work.date.split("-") if p.isdigit()]]}
    if work.accessed:
        item["accessed"] = {"date-parts": [[int(p) for p in work.accessed.split("-")]]}
    if work.notes:
        item["note"] = "; ".join(work.notes)
    return item


def family_first(person: dict[str, str]) -> str:
    """A CSL name as RIS and lists print it: whole, or "family, given[, suffix]" (the given
    name left empty, not left out, before a suffix: "King, , Jr.")."""
    if person.get("literal"):
        return person["literal"]
    family, given = person.get("family") or "", person.get("given") or ""
    if person.get("suffix"):
        return f"{family}, {given}, {person['suffix']}"
    return ", ".join(x for x in (family, given) if x)


def _editor_tag(work: Work, ris_type: str) -> str:
    """The RIS tag of ``work``'s editors. ``A2``, the secondary author, is the editor of
    the book a ``CHAP`` is in and of the proceedings a ``CPAPER`` is in (so the RIS
    specification names it for those types, and reference managers read it so), and a
    post's editors have always been written there. Of a whole book (``BOOK``, ``EDBOOK``)
    ``A2`` is the series editor (Zotero reads it so) and the book's own editors have no
    tag of their own in the 2011 specification: they are ``ED``, the editor tag of the
    earlier one, which Zotero and JabRef read as the editors of any type."""
    if work.kind == "post" or ris_type in ("CHAP", "CPAPER"):
        return "A2"
    return "ED"


def _ris_date(iso: str) -> str:
    """A date as RIS writes it, ``YYYY/MM/DD/other``: each part after the year may be empty,
    but every slash is there (``2017/05//``, ``2017///``), as the specification requires and
    Reference Manager's import reads; ``2017/05`` was read by some and not by others."""
    parts = iso.split("-")[:3]
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def ris_record(work: Work) -> str:
    work = tidy(work)
    _, _, _, ris_type = work.types()
    lines = [("TY", ris_type)]
    lines.extend(("AU", family_first(author)) for author in work.authors)
    if not work.authors and work.organisation and work.kind == "post":
        lines.append(("AU", work.organisation))
    for tag, people in ((_editor_tag(work, ris_type), work.editors),
                        ("A4", work.translators)):  # A4: translator
        lines.extend((tag, family_first(p)) for p in people)
    if work.title:
        lines.append(("TI", work.title))
    if work.kind == "post" and work.organisation:
        lines.append(("T2", work.organisation))
    elif work.container:
        lines.append(("T2", work.container))
    if work.year:
        lines.append(("PY", work.year))
    if work.date:
        lines.append(("DA", _ris_date(work.date)))
    for tag, value in (("T3", work.series), ("ET", work.edition), ("VL", work.volume),
                       ("IS", work.issue), ("LA", work.language),
                       ("M3", work.degree),  # a thesis's type of work ("PhD Thesis")
                       ("DO", work.doi), ("UR", work.url), ("PB", work.issuer),
                       ("CY", work.place),
                       ("Y2", _ris_date(work.accessed) if work.accessed else None)):
        if value:
            lines.append((tag, str(value)))
    if work.pages:
        first, _, last = work.pages.partition("-")
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    lines.extend(("KW", word) for word in work.keywords)  # one a line, as RIS has them
    if work.abstract:
        lines.append(("AB", work.abstract))
    for note in work.notes:
        lines.append(("N1", note))
    lines.append(("ID", work.key))
    body = "".join(f"{tag}  - {value.replace(chr(10), ' ')}\r\n" for tag, value in lines)
    return body + "ER  - \r\n"


def csl_json_line(work: Work) -> str:
    return json.dumps(csl_item(work), ensure_ascii=False, sort_keys=True)
