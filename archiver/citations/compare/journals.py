"""A citation's journal (or book, or proceedings) compared with Crossref's container title.

The full title, Crossref's short title, or an ISO-4 style abbreviation match (``Int. Aff.`` =
``International Affairs``, ``J Clin Pathol`` = ``Journal of Clinical Pathology``), and so do
the other names a container goes by: NLM's names of journals in sections or series, a national
body's name with its nation, the initials of the name (``PNAS``), British or American spelling,
a conference's name however its proceedings are named around it. These ways of abbreviating
and renaming are the journal's alone, hence a module of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from archiver.citations.compare.numbers import record_years
from archiver.citations.compare.text import (
    _CJK_SCRIPT,
    _YEARS_IN,
    SMALL_WORDS,
    STOP_WORDS,
    FieldCheck,
    _not_compared,
    american_spelling,
    in_another_script,
    locate,
    squash,
    strip_markup,
    words,
)
from archiver.citations.compare.titles import title_variants

# Besides STOP_WORDS, the prepositions and conjunctions ISO 4 and NLM leave out of a title
# they abbreviate ("Expert Syst. Appl." for Expert Systems with Applications), and the
# articles French and Italian elide ("Ann. Sci. Éc. Norm. Supér." for Annales scientifiques
# de l'École normale supérieure; "Rev. Hist. Égl. Fr." for Revue d'histoire de l'Église de
# France)
_LEFT_OUT = STOP_WORDS | {"with", "from", "by", "into", "upon", "y", "e", "di", "del", "della",
                          "delle", "dell", "zur", "zum", "voor", "en", "l", "d", "da", "do",
                          # articles ISO 4 leaves out: Italian (Il Nuovo Cimento), Spanish
                          # (El Profesional de la Información), Portuguese, Dutch
                          "il", "lo", "gli", "dei", "degli", "el", "los", "las", "o", "os",
                          "het", "een"}


def _abbreviates(short: str, full: str, start_only: bool = False) -> bool:
    """``short`` abbreviates ``full`` word by word: each word of ``short`` is a prefix of the
    next significant word of ``full``, or its letters in order with the first letter shared
    (``Natl`` for ``National``); ``full``'s stop words may be dropped. No other word may be
    left out: ``Am J Pathol`` is another journal than the American Journal of Clinical
    Pathology. (NLM's ``Proc Biol Sci`` abbreviates the title in sections its catalogue
    gives: see :func:`_section_title`.)"""
    s, f = words(short), words(full)
    if not s:
        return False
    i = 0
    for word in s:
        while i < len(f) and f[i] in _LEFT_OUT and not f[i].startswith(word):
            i += 1
        if i >= len(f):
            return False
        target = f[i]
        if word in _LEFT_OUT and target != word:
            return False  # a stop word abbreviates nothing: "in" is no "Interpretation"
        if not (target.startswith(word) or _subsequence(word, target)):
            return False
        i += 1
    return start_only or all(w in _LEFT_OUT for w in f[i:])


def _section_title(full: str) -> str | None:
    """A journal in sections, ``Proceedings of the Royal Society B: Biological Sciences``,
    as NLM's catalogue names it, by its first word and its section: ``Proceedings Biological
    Sciences`` (abbreviated ``Proc Biol Sci``; ``Proc Math Phys Eng Sci`` for series A)."""
    main, colon, section = full.partition(":")
    first = words(main)[:1]
    return f"{first[0]} {section}" if colon and first and words(section) else None


def _main_title(full: str) -> str | None:
    """A journal in sections named without its section: ``Proceedings of the Royal Society
    B`` (``Proc. Roy. Soc. B``) for ``… B: Biological Sciences``; None for a name without one,
    or whose part before the colon is a single word."""
    main, colon, section = full.partition(":")
    significant = [w for w in words(main) if w not in STOP_WORDS]
    if _SERIES.match(f"{main} {section.strip()}") and not _SERIES.match(main):
        return None  # "Series B" is no section's name: without it, another journal's name
    return main.strip() if colon and words(section) and len(significant) >= 2 else None


def _acronym(cited: str, full: str) -> bool:
    """Whether ``cited`` is one word of three or more capitals, the initials of ``full``'s
    words but its stop words (``PRL`` for Physical Review Letters, ``PNAS``, ``JACS``)."""
    given = cited.strip(" .")
    if not (3 <= len(given) <= 8 and given.isascii() and given.isalpha() and given.isupper()):
        return False
    initials = "".join(w[0] for w in words(full.partition(":")[0]) if w not in STOP_WORDS)
    return given.casefold() == initials


# a journal in lettered series or parts: "Journal of the Royal Statistical Society: Series B
# (Statistical Methodology)", "… Society Series B: Statistical Methodology", "Deep Sea
# Research Part I: Oceanographic Research Papers"
_SERIES = re.compile(r"^(?P<main>.+?)[\s:,.]+(?P<word>series|section|part|ser|sect)\.?\s+"
                     r"(?P<letter>[A-Z]|[IVX]{1,4})\b[\s:,.]*(?P<rest>.*)$", re.I)

# a nation Crossref leaves out of the name ("Proceedings of the National Academy of
# Sciences") that citations keep in its abbreviation ("Proc Natl Acad Sci U S A")
_NATION_AFTER = re.compile(r"[\s.,]+(?:U\.?\s?S\.?\s?A|U\.?\s?K)\.?\s*$")


# the Royal Society's journals were "of London" until 1990s renamings, and NLM still
# abbreviates some so ("Philos Trans R Soc Lond B Biol Sci")
_ROYAL_SOCIETY = re.compile(r"\bRoyal Society\b(?! of London)")


def abbreviated_forms(name: str) -> list[str]:
    """The names a journal is abbreviated from, ``name`` first: a name opening with its own
    initials ("JNCI: Journal of the National Cancer Institute") also by what follows them
    ("J Natl Cancer Inst"); a journal in series by its name and series, with or without
    the word "Series" and the section's name ("J. R. Stat. Soc. B", "J R Stat Soc Series B
    Stat Methodol"); a Royal Society's journal with "of London" ("Proc R Soc Lond B Biol
    Sci")."""
    forms = [name]
    initials, colon, rest = name.partition(":")
    if colon and _acronym(initials, rest):
        forms += [rest.strip(), initials.strip()]
    if _ROYAL_SOCIETY.search(name):
        forms.append(_ROYAL_SOCIETY.sub("Royal Society of London", name))
    series = _SERIES.match(name)
    if series:
        main, word, letter = series.group("main"), series.group("word"), series.group("letter")
        section = series.group("rest").strip(" ()")
        for named in (f"{word} {letter}", letter):
            forms.append(f"{main} {named}")
            if section:
                forms.append(f"{main} {named} {section}")
    return forms


def _without_nation(cited: str, name: str) -> str | None:
    """The cited name without the nation it ends with, when Crossref's ``name`` is of a
    national body and names no nation."""
    found = _NATION_AFTER.search(cited)
    if found is None or found.start() == 0 or "national" not in words(name) or \
            _NATION_AFTER.search(name):
        return None
    return cited[:found.start()]


def _subsequence(word: str, target: str) -> bool:
    if not word or word[0] != target[0]:
        return False
    it = iter(target)
    return all(c in it for c in word)


def journal_names(record: dict[str, Any]) -> list[str]:
    names = [strip_markup(n) for n in (record.get("container-title") or []) +
             (record.get("short-container-title") or []) if n]
    return names


_LEADING_THE = re.compile(r"^\s*the\s+(?=\S)", re.I)
# the nation a national body's name ends with, which citations leave out: some of PNAS's
# records name it "… of Sciences of the United States of America", and it is cited as
# "Proceedings of the National Academy of Sciences", "Proc Natl Acad Sci", "PNAS"
_NATION_OF = re.compile(r"(?<=\S)\s+of\s+the\s+United\s+States(?:\s+of\s+America)?\s*$", re.I)


def named_forms(record: dict[str, Any]) -> list[str]:
    """The container's names as a citation may print them whole: each also without the
    English article it opens with (``Cambridge Handbook of Animal Physiology`` for The
    Cambridge Handbook …), which a citation leaves out as ISO 4 does, and a national body's
    without the nation it ends with (:data:`_NATION_OF`)."""
    names = journal_names(record)
    forms = names + [bare for name in names if (bare := _LEADING_THE.sub("", name)) != name]
    return forms + [bare for name in forms if "national" in words(name)
                    and (bare := _NATION_OF.sub("", name)) != name]


_PLACE = re.compile(r"\s*\([^()]*\)\s*$")  # Nature (London), Molecules (Basel)


_OF_THE_UNITED_STATES = re.compile(r"of (?:the )?(?:united states(?: of america)?|u ?s ?a|"
                                   r"america)$")


def _longer_name(cited: str | None, name: str, haystack: str) -> bool:
    """Whether the journal the citation gives is another, longer one that holds ``name``:
    ``Journal of Heredity`` for Heredity, ``BMC Pulmonary Medicine`` for Pulmonary Medicine,
    as the citation's text writes it (``haystack``, squashed). Not another journal: a place
    in parentheses (``Nature (London)``), the United States after "of" a national body's name
    (Crossref names PNAS without "of the United States of America"; "… of Sciences of
    Belarus" is another academy's), London after a society's (``Journal of the Geological
    Society of London``, its old name), stop words (``The Lancet``), numbers the parse left
    in (``Heredity 111``)."""
    if not cited:
        return False
    given, own = squash(_PLACE.sub("", cited)), squash(name)
    if given == own or f" {given} " not in haystack or f" {own} " not in f" {given} ":
        return False
    before, _, after = f" {given} ".partition(f" {own} ")
    if (_OF_THE_UNITED_STATES.match(after.strip()) and " national " in f" {own} ") or (
            after.strip() == "of london" and " society " in f" {own} "):
        after = ""
    return any(w not in STOP_WORDS and not w.isdigit() for w in (before + after).split())


# A chapter's book, as the citation names it: after "In:" and its editors ("In: Bebis G. et
# al. (eds) Advances in Visual Computing."), or after "In" ("In Human Health …, 1–12")
# (IEEE's and Harvard's "in", after the title's closing quote: "…," in Book (Series).
# Place: …", "'…', in Book. Series.")
_IN_BOOK_NAMED = re.compile(r"(?:\bIn:?|(?<=[,.][”\"’'] )in|(?<=[”\"’'], )in)\s+"
                            r"(?:[^()]{0,200}?(?:\((?:eds?|Hrsg|ed)\.?\)|,\s*(?:eds?|"
                            r"editors?|Hrsg)\.?)\.?\s+)?([A-Z][^.;,()]{3,200}?)\s*[.;,(]")


# a family name and initials ("Bebis G", "Hosokawa Y"), which a list of editors opens with
_NAMES_ONLY = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z]{1,3})?")


def _book_named(text: str, record: dict[str, Any]) -> str | None:
    """The book a chapter's citation names after "In:" and its editors, if it names one:
    after the record's title where the citation gives it (a title may hold a quotation and
    "in": "The “Heat Dome,” in North America")."""
    after = next((span[1] for variant in title_variants(record)
                  if (span := locate(text, variant))), 0)
    named = _IN_BOOK_NAMED.search(text, after)
    if named is None or len(words(named.group(1))) < 2 or _NAMES_ONLY.fullmatch(named.group(1)):
        return None  # (editors named without "eds": no book name to hold to Crossref's)
    return named.group(1).strip()


def _another_book(book: str | None, names: Sequence[str]) -> str | None:
    """``book``, the book a chapter's citation names (:func:`_book_named`), when it is none of
    Crossref's container titles: Crossref lists a chapter's book and its series together, so
    the series named beside another book ("In: … (eds) Advances in Computer Graphics. …
    Lecture Notes in Computer Science") must not pass for the book. None where no book is
    named, or it is named as Crossref names it (or abbreviated), or by its series alone."""
    if book is None or len(names) < 2:
        return None
    given = f" {squash(book)} "
    if any(f" {squash(n)} " in given or given in f" {squash(n)} " or _abbreviates(book, n)
           for n in names):
        return None
    return book


# a journal's name translated into Chinese, in brackets after it, as Chinese posts print it
# ("Proc R Soc B（英国皇家学会会刊B）", "Nature Genetics《自然-遗传学》"; the reader may have
# left the closing bracket off)
_TRANSLATED = re.compile(r"\s*[(（《〈]([^()（）《》〈〉]*)[)）》〉]?\s*$")


def _without_translation(cited: str | None) -> str | None:
    """The cited journal without its Chinese translation after it (in brackets, more of its
    letters Chinese than Latin); None when it has none or nothing in Latin letters before."""
    found = _TRANSLATED.search(cited or "")
    if not found or not cited:
        return None
    inside, before = found.group(1), cited[:found.start()]
    if len(_CJK_SCRIPT.findall(inside)) <= len(re.findall(r"[A-Za-z]", inside)) or \
            not re.search(r"[A-Za-z]", before):
        return None
    return before


_YEAR_IN_NAME = re.compile(r"^(.*\D)\b(1[5-9]\d\d|20\d\d)\b")


def _another_year_in_the_name(text: str, names: list[str]) -> str | None:
    """Why the proceedings named are another year's, or None: a name that holds its year
    ("… Systems Workshops, 2003. Proceedings.") cited with another after the same words
    ("… Systems Workshops, 2004. Proceedings"), which a reading of the name up to its first
    comma would never compare."""
    haystack = squash(text)
    for name in names:
        dated = _YEAR_IN_NAME.match(name)
        head = squash(dated.group(1)) if dated else ""
        if len(head.split()) < 3:
            continue
        found = re.search(rf"(?:^| ){re.escape(head)} (1[5-9]\d\d|20\d\d)\b", haystack)
        if found and found.group(1) != dated.group(2):
            return (f"the proceedings cited are of {found.group(1)}: Crossref's are "
                    f"{name!r}")
    return None


# NLM's qualifier after a title abbreviation, in brackets: "Chin Med J (Engl)" (the English
# edition), "Surg Infect (Larchmt)", "Molecules (Basel)" (a place); one word (not a section
# or a series, "(Sect E)", "(Conference Series)", which name another journal)
_QUALIFIER = re.compile(r"(.+?)\s*\(([A-Z][A-Za-z.]{1,10})\)")


# the servers preprints are posted on, as citations name them
_SERVERS = re.compile(r"\b(arXiv|bioRxiv|medRxiv|Research Square|SSRN|Preprints(?:\.org)?|"
                      r"ChemRxiv|PsyArXiv|SocArXiv|EarthArXiv|engrXiv|TechRxiv|OSF Preprints|"
                      r"Authorea|Qeios|SciELO Preprints)\b", re.I)


def _preprint_server(cited: str | None, text: str, record: dict[str, Any]
                     ) -> FieldCheck | None:
    """A preprint's server (Crossref's ``institution`` of a posted work, which has no
    container title) held to the one the citation names: another server named is a wrong
    one; none named, nothing to compare (None)."""
    servers = [i.get("name") for i in record.get("institution") or [] if i.get("name")]
    if record.get("type") != "posted-content" or not servers:
        return None
    haystack = f" {squash(text)} "
    if any(f" {squash(server)} " in haystack for server in servers):
        return FieldCheck(cited or servers[0], servers[0], True, "the server it was posted on")
    named = _SERVERS.search(text)
    if named:
        return FieldCheck(named.group(1), servers[0], False, f"the preprint server cited, "
                          f"{named.group(1)!r}, is not {servers[0]!r}")
    return None


_ABBREVIATED_WORD = re.compile(r"[A-Za-z]{2}\.(?:\s|$)")
_SECTION_WORD = re.compile(r"\b(?:Section|Sect\.?|Series|Ser\.?)\s+(?=[A-Z]\b)")


def compare_journal(cited: str | None, text: str, record: dict[str, Any]) -> FieldCheck:
    """As :func:`_compare_journal`; a name that matches only without NLM's qualifier in
    brackets after it (:data:`_QUALIFIER`) matches so, and one written whole where Crossref
    gives only an abbreviation of it."""
    check = _compare_journal(cited, text, record)
    if cited and check.match is False:
        # Crossref's own name abbreviated ("Acta Cryst. A"), the citation's whole ("Acta
        # Crystallographica Section A", its section's word aside)
        whole = _SECTION_WORD.sub("", cited)
        named = next((name for name in journal_names(record)
                      if _ABBREVIATED_WORD.search(name) and _abbreviates(name, whole)), None)
        if named:
            return replace(check, match=True, reason=f"Crossref's {named!r} abbreviates it")
    qualified = _QUALIFIER.fullmatch(cited) if cited and check.match is False else None
    if qualified:
        bare = _compare_journal(qualified.group(1), text, record)
        if bare.match:
            return replace(bare, cited=cited, reason=f"{bare.reason} ({qualified.group(2)!r} "
                           "after it is NLM's qualifier)")
    return check


def _compare_journal(cited: str | None, text: str, record: dict[str, Any]) -> FieldCheck:
    """The journal (or book) matches when Crossref's name appears in the citation, other than
    inside Crossref's title (a paper on "population genetics" does not name the journal
    Genetics) or a group author's name, and not as part of a longer name; or when the cited
    name abbreviates it. A translation into Chinese in brackets after the cited name is no
    part of it."""
    original = _without_translation(cited)
    if original is not None:
        check = compare_journal(original, text, record)
        return replace(check, cited=cited)
    names = journal_names(record)
    shown = names[0] if names else None
    if not names:
        return _preprint_server(cited, text, record) or FieldCheck(
            cited, None, None, "Crossref has no container title")
    other_year = _another_year_in_the_name(text, names)
    if other_year:
        return FieldCheck(cited, shown, False, other_year)
    haystack = f" {squash(text)} "
    for variant in title_variants(record):  # longest first
        if (own := squash(variant)) and f" {own} " in haystack:
            haystack = haystack.replace(f" {own} ", " ", 1)
            break
    # nor inside a group author's name ("Open Science Collaboration" names no Science)
    for author in record.get("author") or []:
        if (group := squash(author.get("name") or "")) and f" {group} " in haystack:
            haystack = haystack.replace(f" {group} ", " ", 1)
    # the record's own title abbreviated, read up to a period ("Proc. R. Soc. B Biol" of
    # "… B Biol. Sci."), is no other journal, whatever it holds
    own_abbreviated = cited is not None and any(_abbreviates(cited, n, start_only=True)
                                             for n in names)
    # a chapter's book, named after "In:" and its editors; Springer's own style names a
    # conference's proceedings so, and the series after them: "In: Leibe, B., et al. (eds.)
    # ECCV 2016. LNCS, vol. 9905"
    book = _book_named(text, record) if record.get("type") == "book-chapter" else None
    named = next((name for name in names if book and _names_the_conference(book, name)), None)
    if book and named:
        return FieldCheck(book, shown, True, f"the conference whose proceedings are {named!r}")
    series_named = _acronym_in_a_series(book, text, record, names) if book else None
    if series_named:
        return FieldCheck(book, shown, True, series_named)
    other_book = _another_book(book, names)
    if other_book:
        return FieldCheck(other_book, shown, False, f"the book cited, {other_book!r}, is not "
                          + " nor ".join(repr(n) for n in names))
    for name in named_forms(record):
        if f" {squash(name)} " in haystack and (
                own_abbreviated or not _longer_name(cited, name, haystack)):
            return FieldCheck(cited or name, shown, True, "the journal/book title appears")
    if not cited:
        return FieldCheck(None, shown, False, "no journal/book title Crossref knows is cited")
    forms = named_forms(record)
    for name in forms:
        without_nation = _without_nation(cited, name)
        given = [cited, without_nation] if without_nation else [cited]
        # an abbreviation in the other spelling ("Neurobiol. Ageing"), its points kept (the
        # whole name in the other spelling is told as such below)
        if american_spelling(squash(cited)) != american_spelling(squash(name)):
            given += [alt for one in given
                      if (alt := american_spelling(one.casefold())) != one.casefold()]
        if any(_abbreviates(one, form) for one in given for form in abbreviated_forms(name)):
            return FieldCheck(cited, shown, True, f"abbreviation of {name!r}")
        section = _section_title(name)
        if section and _abbreviates(cited, section):
            return FieldCheck(cited, shown, True, f"NLM's abbreviation of {name!r} (its "
                                                  "first word and its section)")
    for name in forms:
        main = _main_title(name)
        if main and _abbreviates(cited, main):
            return FieldCheck(cited, shown, True, f"{main!r} (the journal without its "
                                                  "section's name) or an abbreviation of it")
        if _acronym(cited, name):
            return FieldCheck(cited, shown, True, f"the initials of {name!r}")
        spelt = american_spelling(squash(cited))
        if spelt and spelt in {american_spelling(squash(n)) for n in (name, main) if n}:
            return FieldCheck(cited, shown, True, f"{name!r} in another spelling")
    if record.get("type") in ("proceedings-article", "book-chapter"):
        for name in names:
            if _names_the_conference(cited, name):
                return FieldCheck(cited, shown, True, f"the conference whose proceedings are "
                                                      f"{name!r}")
        event = _names_the_event(cited, record)
        if event:
            return FieldCheck(cited, shown, True, f"the conference Crossref names, {event!r}")
    if record.get("type") == "proceedings-article":
        cores = _without_place(_proceedings_core(cited))
        for name in names:
            own = _proceedings_core(name)
            if own and any(squash(core) == squash(own) or _abbreviates(core, own)
                           for core in cores) and not _another_years_conference(cited, name):
                return FieldCheck(cited, shown, True, f"the proceedings of {own!r}")
    if in_another_script(cited, names):
        return _not_compared(cited, shown, names)
    return FieldCheck(cited, shown, False, f"{cited!r} is neither {shown!r} nor an "
                                           f"abbreviation of it")


# how a conference's proceedings are named around the conference: "in Proc. …", "Proceedings
# of the …", "…, 2003. Proceedings.", "(SIGMOD)" (its closing bracket perhaps cut), the year,
# a publisher's acronym after a full stop (". IEEE"), not an abbreviated word ("Syst.
# Workshops")
_PROCEEDINGS_BEFORE = re.compile(r"^(?:in:?\s+)?(?:proc(?:eedings)?\.?\s+(?:of\s+(?:the\s+)?)?)?"
                                 r"(?:(?:1[5-9]|20)\d\d\s+)?", re.I)
_PROCEEDINGS_AFTER = re.compile(r"(?:[,.]?\s*(?:(?:1[5-9]|20)\d\d|proceedings|\([^()]*(?:\)|$)|"
                                r"\.\s+(?-i:[A-Z]{2,})))+\.?$", re.I)


# a place after a conference's name, as IEEE prints it ("…, Providence, RI, USA"): a few
# capitalised words between commas, no number
_PLACE_PART = re.compile(r"[A-Z][^\W\d_]*\.?(?:\s+[A-Z][^\W\d_]*\.?){0,3}")


def _without_place(core: str) -> list[str]:
    """A conference's name as cited, then without what follows it between commas when that
    is all places ("Int. Conf. Manage. Data, Virtual Event, China"); empty when none."""
    if not core:
        return []
    cores = [core]
    parts = core.split(",")
    for cut in range(len(parts) - 1, 0, -1):
        if not all(_PLACE_PART.fullmatch(part.strip()) for part in parts[cut:]):
            break
        cores.append(",".join(parts[:cut]).strip())
    return cores


# Springer names a conference's proceedings "<topic> – <ACRONYM> <year>" ("Medical Image
# Computing and Computer-Assisted Intervention – MICCAI 2015", "Computer Vision – ECCV 2016
# Workshops", "Artificial Neural Networks and Machine Learning – ICANN 2019: Deep Learning")
_CONFERENCE_BOOK = re.compile(r"^(?P<topic>.+?)\s+[–—−-]+\s+(?P<acronym>[A-Z][A-Za-z&]*[A-Z])\s+"
                              r"(?:19|20)(?P<yy>\d\d)(?P<workshops>\s+(?:Workshops?|Satellite "
                              r"Events))?(?:\s*:.*)?\.?$")
# ... and a citation names the conference itself, as Google Scholar does: "International
# Conference on Medical Image Computing and …", "European Conference on Computer Vision",
# "14th European Conference …", with the day it opened after it ("… 2015 Oct 5"), its
# publisher ("… 2012. Springer", MLA's ". Berlin, Heidelberg: Springer") and the volume of
# the proceedings ("MICCAI 2015, Part III")
_MEETING = re.compile(r"^(?:\d+(?:st|nd|rd|th)\s+)?(?:(?:annual|ann\.|international|int\.|intl\.?|"
                      r"european|eur\.|asian|american|joint|IEEE|ACM)\s*)*(?:conference|conf\.|"
                      r"workshop|symposium|symp\.|congress)\s*(?:(?:on|of)\s+)?", re.I)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)\s+", re.I)
_OPENED = re.compile(r"\s+(?:19|20)\d\d(?:\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                     r"[a-z]*\.?(?:\s+\d{1,2})?)?\s*$", re.I)
_PUBLISHER_AFTER = re.compile(r"\.\s+(?:[A-Z][\w\s,]*:\s*)?(?:Springer|Cham|IEEE|ACM|Elsevier)\b"
                              r"[\w\s,&:]*\.?$")
_PART = re.compile(r",?\s*\b(?:Part|Vol\.?|Volume)\s+(?:[IVX]+|\d+)\b\.?", re.I)
_SHORT_YEAR = re.compile(r"[’']\s?(\d\d)\b")  # "MICCAI'15", "ECCV ’16"
_ADVANCES_IN = re.compile(r"^advances\s+in\s+", re.I)
_WORKSHOPS = re.compile(r"\s*\b(?:workshops?|satellite events)\b", re.I)


# a conference named by its acronym as Springer's own style names its proceedings: "ISVC
# 2012", "ISVC 2012, Part II"
_ACRONYM_BOOK = re.compile(r"(?P<acronym>[A-Z][A-Za-z]{1,9})"
                           r"(?:\s*[’'-]?\s*(?P<year>(?:19|20)?\d\d))?"
                           r"(?:\s*,?\s*Part\s+[IVX\d]+)?")
# the letters an acronym may give before its topic's: International, European, Asian,
# American, Joint, National; Symposium, Conference, Workshop
_KIND_LETTERS = frozenset("IEAJNSCW")


def _acronym_in_a_series(book: str, text: str, record: dict[str, Any], names: Sequence[str]
                         ) -> str | None:
    """Why ``book``, named in Springer's style for a paper in its proceedings ("In: Bebis, G.,
    et al. (eds.) ISVC 2012. LNCS, vol. 7432"), is the book Crossref titles by the
    conference's topic alone ("Advances in Visual Computing", in Lecture Notes in Computer
    Science); None when it is not. The acronym must end with the initials of that topic,
    after one to three letters that say what the meeting is (International Symposium: IS);
    the year, if given, must be the book's; and the citation must name the series (its
    initials, LNCS, or its name) in which Crossref lists the book."""
    found = _ACRONYM_BOOK.fullmatch(book.strip())
    if found is None or record.get("type") != "book-chapter" or len(names) < 2:
        return None
    acronym = found.group("acronym").upper()
    topic = _ADVANCES_IN.sub("", names[0].strip())
    initials = "".join(w[0] for w in re.split(r"[\s\-‐–]+", topic)
                       if w and w.casefold() not in SMALL_WORDS).upper()
    kind = acronym[:len(acronym) - len(initials)]
    if len(initials) < 2 or not acronym.endswith(initials) or not 1 <= len(kind) <= 3 or \
            not set(kind) <= _KIND_LETTERS:
        return None
    year = found.group("year")
    years = {str(y) for y in record_years(record)}
    if year and not any(y.endswith(year) for y in years):
        return None
    haystack = f" {squash(text)} "
    for series in names[1:]:
        letters = "".join(w[0] for w in series.split()
                          if w.casefold() not in SMALL_WORDS).upper()
        if f" {squash(series)} " in haystack or (
                len(letters) >= 3 and re.search(rf"\b{letters}\b", text)):
            return (f"the conference ({found.group('acronym')}) whose proceedings are "
                    f"{names[0]!r}, in {series!r}")
    return None


def _names_the_conference(cited: str, name: str) -> bool:
    """Whether ``cited`` names the conference whose proceedings Springer titled ``name``
    (:data:`_CONFERENCE_BOOK`): by its acronym, with the year or without (``MICCAI 2015``,
    ``MICCAI'15``, ``Proc. ISVC``), by its whole topic (``Medical Image Computing and
    Computer-Assisted Intervention``), or as the conference on that topic (``European
    Conference on Computer Vision``, whose initials are the acronym; ``International
    Conference on Medical Image Computing and …``, a topic whose initials the acronym is).
    Another year's (``MICCAI 2014``) is another book, and so are another conference on the
    topic (``International Conference on Computer Vision``, ICCV, for ECCV's), a conference
    with the acronym's letters on another topic, and the workshops' volume for the main one
    or the other way round."""
    book = _CONFERENCE_BOOK.match(name.strip())
    if book is None:
        return False
    topic, acronym = book.group("topic"), book.group("acronym")
    cited = re.sub(r"^In(?=[A-Z])", "", cited.strip())  # Vancouver's "In" run on: "InEuropean"
    if bool(book.group("workshops")) != bool(_WORKSHOPS.search(cited)):
        return False
    cited = _WORKSHOPS.sub("", cited)
    short = _SHORT_YEAR.search(cited)
    if (short and short.group(1) != book.group("yy")) or _another_years_conference(cited, name):
        return False
    cited = re.sub(rf"(?<=\b{re.escape(acronym)})-(?=(?:19|20)\d\d)", " ",  # "MICCAI-2015"
                   _SHORT_YEAR.sub("", cited))
    core = _PUBLISHER_AFTER.sub("", _proceedings_core(cited))
    core = _proceedings_core(_OPENED.sub("", _PART.sub("", core)))
    bare = _ADVANCES_IN.sub("", topic)
    for one in _without_place(core):
        if one == acronym or squash(one) == squash(topic):
            return True
        meeting = _MEETING.match(one)
        if meeting is None:
            continue
        rest = one[meeting.end():]
        if (squash(rest) == squash(bare) or _abbreviates(rest, bare)) and (
                _acronym(acronym, _ORDINAL.sub("", one)) or _acronym(acronym, topic)):
            return True
    return False


# a conference's acronym as Crossref's event names it ("SIGMOD/PODS '21", "CHI 2021")
_EVENT_ACRONYM = re.compile(r"(?P<acronyms>[A-Z][A-Za-z&]*[A-Z](?:\s*/\s*[A-Z][A-Za-z&]*[A-Z])*)"
                            r"(?:\s*(?:[’']\s?|(?:19|20))(?P<yy>\d\d))?")
# what a citation says around a conference's name besides it: "In", "Proc.", "Proceedings of
# the", the body that runs it (ACM, IEEE)
_EVENT_WORDS = re.compile(r"\b(?:in|proc|proceedings|of|the|acm|ieee)\b\.?:?", re.I)
_CAPITALS = re.compile(r"\b[A-Z][A-Za-z&]*[A-Z]\w*")


# IEEE's acronym in brackets after a conference's name: "2016 IEEE Conference on Computer
# Vision and Pattern Recognition (CVPR)", "… (ICDE 2019)"
_BRACKETED_ACRONYM = re.compile(r"\((" + _EVENT_ACRONYM.pattern + r")\)\s*\.?$")


class _Event(NamedTuple):
    """The conference Crossref's ``event`` names (:func:`_event`)."""

    acronyms: list[str]  # in the order the event gives them: the first is its own
    name: str | None  # without a leading acronym
    short_year: str | None  # the two digits of its year, where the acronym gives them
    sponsors: list[str]


def _container_titles(record: dict[str, Any]) -> list[str]:
    titles = record.get("container-title")
    return [t for t in titles if isinstance(t, str)] if isinstance(titles, list) else []


def _event(record: dict[str, Any]) -> _Event:
    """The conference Crossref's ``event`` names: its acronyms (``SIGMOD/PODS '21`` gives
    SIGMOD and PODS; IEEE's in brackets after the event's or the proceedings' name, ``…
    Recognition (CVPR)``), its name without a leading acronym (``International Conference on
    Management of Data``), the two digits of its year where the acronym gives them, and the
    bodies that sponsor it."""
    event = record.get("event")
    event = event if isinstance(event, dict) else {}
    name = event.get("name") if isinstance(event.get("name"), str) else None
    given = [event["acronym"]] if isinstance(event.get("acronym"), str) else []
    head, colon, rest = (name or "").partition(":")
    if colon and _EVENT_ACRONYM.fullmatch(head.strip()):
        given.append(head.strip())
        name = rest.strip()
    for title in [name or "", *_container_titles(record)]:
        bracketed = _BRACKETED_ACRONYM.search(title)
        if bracketed:
            given.append(bracketed.group(1))
    acronyms: dict[str, None] = {}
    year = None
    for text in given:
        found = _EVENT_ACRONYM.fullmatch(text.strip())
        if found:
            acronyms.update(dict.fromkeys(part.strip()
                                          for part in found.group("acronyms").split("/")))
            year = year or found.group("yy")
    sponsors = event.get("sponsor")
    return _Event(list(acronyms), name or None, year,
                  [one for one in sponsors if isinstance(one, str)]
                  if isinstance(sponsors, list) else [])


def _names_the_event(cited: str, record: dict[str, Any]) -> str | None:
    """The conference of Crossref's ``event``, as ``cited`` names it, if it does: by its
    acronym (``SIGMOD '21``, ``Proceedings of SIGMOD 2021``), by its name or an abbreviation
    of it, with the acronym or the bodies that run it beside it or not (``Proc. ACM SIGMOD
    Int. Conf. Manag. Data``), as computer scientists cite a paper of ACM's proceedings, whose
    title (``Proceedings of the 2021 International Conference on Management of Data``) names
    no conference. Never another conference: a year must be the one its names give (else
    the record's), no other acronym may be named (``Proc. VLDB``), the workshops' volume is
    not the main one's, and of an event held jointly (``SIGMOD/PODS '21``) only the
    conference whose proceedings the record's are counts: the event's name and first acronym
    where its proceedings bear that name, else the acronym that abbreviates their title
    (PODS, "… Principles of Database Systems")."""
    acronyms, name, short_year, sponsors = _event(record)
    if not acronyms and not name:
        return None
    titles = _container_titles(record)
    if any(_WORKSHOPS.search(t) for t in titles) != bool(_WORKSHOPS.search(cited)):
        return None  # the workshops' volume for the main one, or the other way round
    names = " ".join([name or "", *titles])  # what the conference's own names say
    years = set(_YEARS_IN.findall(names)) or {str(year) for year in record_years(record)}
    if short_year:
        # the conference's year, which the record's (the proceedings' publication) may not be
        years = ({f"19{short_year}", f"20{short_year}"} & years) or {f"20{short_year}"}
    given = [short.group(1) for short in _SHORT_YEAR.finditer(cited)]
    if years and any(not any(year.endswith(yy) for year in years) for yy in given):
        return None
    if years and any(year not in years for year in _YEARS_IN.findall(cited)):
        return None
    ordinals = {o.lower() for o in _ORDINAL_ANYWHERE.findall(names)}
    if ordinals and any(o.lower() not in ordinals for o in _ORDINAL_ANYWHERE.findall(cited)):
        return None  # the 24th conference for the 23rd
    # the capitals a citation may give besides the acronym: the bodies that run it, as the
    # event's name and sponsors write them ("ACM SIGSAC Conference on …")
    known = set(acronyms) | {"ACM", "IEEE"} | set(_CAPITALS.findall(" ".join([name or "",
                                                                              *sponsors])))
    own = _bare(name or "", known)
    holds_name = bool(own) and any(squash(own) in squash(_bare(t, known)) for t in titles)
    mine = set(acronyms) if len(acronyms) < 2 else (
        {a for a in acronyms if _initials_in(a, titles)} | ({acronyms[0]} if holds_name else set()))
    capitals = _CAPITALS.findall(cited)
    if any(word not in known or (word in acronyms and word not in mine) for word in capitals):
        return None  # another conference's acronym, or a name in capitals: no guess
    named = any(word in mine for word in capitals)
    rest = _bare(cited, known)
    if not words(rest):
        return " / ".join(sorted(mine)) if named else None
    if holds_name and (squash(rest) == squash(own) or _abbreviates(rest, own)):
        return name
    return None


def _initials_in(acronym: str, titles: list[str]) -> bool:
    """Whether ``acronym`` (three letters or more) is the initials of words in a row of one
    of ``titles``, its small words too (PODS, "Principles of Database Systems")."""
    return len(acronym) >= 3 and any(
        acronym.upper() in "".join(word[0] for word in re.findall(r"[A-Za-z]+", title)).upper()
        for title in titles)


_ORDINAL_ANYWHERE = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I)


def _bare(text: str, capitals: set[str]) -> str:
    """A conference's name without its years, ordinal, the words that name proceedings and
    the ``capitals`` (acronyms, bodies) around it: what is left to compare."""
    text = _YEARS_IN.sub(" ", _SHORT_YEAR.sub(" ", text))
    text = _ORDINAL_ANYWHERE.sub(" ", text)
    text = _CAPITALS.sub(lambda found: " " if found.group(0) in capitals else found.group(0),
                         text)
    return re.sub(r"\s+", " ", _EVENT_WORDS.sub(" ", text)).strip(" ,.:;()")


def _another_years_conference(cited: str, name: str) -> bool:
    """Whether the proceedings cited are of the conference another year than Crossref's: both
    names give a year and none in common ("Proceedings of the 2020 International Conference
    on Management of Data" for the 2021 one is another book)."""
    given, own = set(_YEARS_IN.findall(cited)), set(_YEARS_IN.findall(name))
    return bool(given and own) and not given & own


def _proceedings_core(name: str) -> str:
    """A conference's name without what names its proceedings around it, so that IEEE's
    ``in Proc. 23rd Int. Conf. Distrib. Comput. Syst. Workshops`` and APA's ``Proceedings of
    the 23rd International Conference on …`` are compared with Crossref's ``23rd
    International Conference on … Workshops, 2003. Proceedings.``"""
    core = _PROCEEDINGS_BEFORE.sub("", name.strip())
    return _PROCEEDINGS_AFTER.sub("", core).strip(" ,.")
