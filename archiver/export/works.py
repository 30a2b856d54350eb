"""What an export says about a post and about the works it cites, in one neutral form.

Every exporter (BibTeX/biblatex, CSL-JSON, RIS) writes from these :class:`Work` values, so the
formats cannot disagree. A post is an online publication of its account; a cited work is taken
from the Crossref evidence stored with the post's verification (``citations.json``), never from
the citation string alone, and only when it was verified — unless asked, in which case it is
marked as unverified.

An entry says everything the record knows that locates the post: its URL (``url``, else the
shared post's ``original_url``), its account, byline and date, the WeChat ids (``__biz``,
``mid``, ``idx``) when the URL does not already carry them, and the archive's object id when
there is no URL at all (the archived copy is then the only way to find the post again).
It also says what the record knows that classifies the post: its tags and its column
(【中亚研究】, a section of the account named by subject) as keywords, what a reference
manager files and searches by, and its series number (第464期) as its issue: a numbered
account is a serial, each numbered post one issue of it (:func:`post_keywords`).

Untitled posts. CSL requires no title and BibTeX's ``@misc`` no field, but an entry without a
title cannot be told from any other in a bibliography. Following APA 7 for social-media posts
(the first words stand in for a missing title), an untitled post is titled by the first
:data:`FIRST_WORDS` words of its text (a CJK character counts as a word); with no text either,
by the bracketed description ``[Untitled WeChat post]``. A note says the title was supplied.
The citation key is never derived from a supplied title: keys are stored at ingest and kept.

Error pages. A post recorded as ``deleted``/``blocked``/``unavailable`` holds WeChat's error
page, not the post. With a title, URL or account it is still a citable web post: it is exported
as ``[Deleted WeChat post]`` (etc.) at that URL, with a note saying what the archive holds.
With none of them it has nothing to cite: :func:`uncitable` gives the reason and the export
skips it rather than write an empty entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from archiver.citations import notices
from archiver.citations.compare.numbers import crossref_pages
from archiver.citations.extract import without_list_number
from archiver.citations.labelled import reference_of_block
from archiver.citations.parse import KANA, MORE_NAMES, csl_type, gbt_code, split_authors
from archiver.export.keys import make_key, unique
from archiver.model import ERROR_KINDS, NOT_VERIFIED_YET
from archiver.urls import doi_url

# Crossref types → (biblatex, plain BibTeX, CSL, RIS)
TYPES = {
    "journal-article": ("article", "article", "article-journal", "JOUR"),
    "proceedings-article": ("inproceedings", "inproceedings", "paper-conference", "CPAPER"),
    "book-chapter": ("incollection", "incollection", "chapter", "CHAP"),
    "book-section": ("incollection", "incollection", "chapter", "CHAP"),
    "book-part": ("incollection", "incollection", "chapter", "CHAP"),
    "reference-entry": ("inreference", "incollection", "entry", "CHAP"),
    "book": ("book", "book", "book", "BOOK"),
    "monograph": ("book", "book", "book", "BOOK"),
    "edited-book": ("collection", "book", "book", "EDBOOK"),
    "report": ("report", "techreport", "report", "RPRT"),
    "dissertation": ("thesis", "phdthesis", "thesis", "THES"),
    "posted-content": ("online", "misc", "article", "GEN"),
    "dataset": ("dataset", "misc", "dataset", "DATA"),
    "journal-issue": ("periodical", "misc", "periodical", "JFULL"),
    # whole books and proceedings known by their editors (:data:`OWN_EDITORS`)
    "proceedings": ("proceedings", "proceedings", "book", "CONF"),
    "reference-book": ("reference", "book", "book", "BOOK"),
    "book-set": ("mvbook", "book", "book", "BOOK"),
    # (biblatex has no @standard among the types its styles print: a @misc)
    "standard": ("misc", "misc", "standard", "STAND"),
    # kinds of work a citation as written names by its GB/T 7714 code, which no Crossref
    # type is (keys of CSL's names, apart from Crossref's)
    "csl:article-newspaper": ("article", "article", "article-newspaper", "NEWS"),
    "csl:patent": ("patent", "misc", "patent", "PAT"),
    "csl:webpage": ("online", "misc", "webpage", "ELEC"),
}
FALLBACK = ("misc", "misc", "document", "GEN")
# the Crossref types whose institution, not their depositor, is who a style names as their
# publisher: a thesis's granting institution, a report's issuer, a posted work's server
POSTED_BY_INSTITUTION = frozenset({"dissertation", "report", "posted-content"})

# The Crossref types whose ``editor`` list a citation names (:func:`cited_editors`): a whole
# book's or proceedings' own editors, and those of the book or proceedings a part is in
OWN_EDITORS = frozenset({"book", "monograph", "edited-book", "reference-book", "proceedings",
                         "book-set"})
BOOK_EDITORS = frozenset({"book-chapter", "book-section", "book-part", "reference-entry",
                          "proceedings-article"})
EDITED = OWN_EDITORS | BOOK_EDITORS


@dataclass
class Work:
    key: str
    kind: str  # post | cited
    crossref_type: str | None
    title: str | None
    authors: list[dict[str, str]] = field(default_factory=list)  # {family, given} | {literal}
    organisation: str | None = None  # the account that published a post
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    date: str | None = None  # ISO date or year
    url: str | None = None
    doi: str | None = None
    accessed: str | None = None  # when the page was fetched or captured, if the source says
    publisher: str | None = None
    place: str | None = None  # where the publisher is, as a citation prints it (GB/T's 出版地)
    et_al: bool = False  # the authors listed are the first of more ("et al.", 等)
    series: str | None = None  # the series a book or chapter is published in
    institution: str | None = None  # a thesis's granting institution, a report's issuer
    notes: list[str] = field(default_factory=list)
    # a post's 编辑 credits; a cited book's editors, or those of the book a part is in
    editors: list[dict[str, str]] = field(default_factory=list)
    editors_et_al: bool = False  # the editors listed are the first of more
    translators: list[dict[str, str]] = field(default_factory=list)  # a post's 编译 credits
    degree: str | None = None  # a thesis's, as Crossref gives it ("PhD Thesis")
    subtype: str | None = None  # a posted work's, as Crossref gives it: preprint, blog…
    edition: str | None = None  # a book's, as a citation prints it ("2", "修订版")
    language: str | None = None  # a cited work's, as Crossref gives it or its script says
    # the authors of the book a cited part is in, as a citation names them (GB/T 7714's
    # "[M]// 王夫之. 船山全书": the book's, who may have written or edited it)
    book_authors: list[dict[str, str]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # a post's tags, then its column
    section: str | None = None  # a post's column (【中亚研究】): the account's section
    abstract: str | None = None  # a post's summary, the digest its account wrote for it

    @property
    def issuer(self) -> str | None:
        """Who CSL and RIS name as the publisher: of a thesis the institution that granted
        it, of a report the one that issued it (the depositor is often a library or OSTI), of
        a posted work where it was posted (a preprint's server, bioRxiv, not Cold Spring
        Harbor Laboratory: CSL's publisher is a preprint's repository, as styles print it)."""
        if self.crossref_type in POSTED_BY_INSTITUTION and self.institution:
            return self.institution
        return self.publisher

    @property
    def blog_post(self) -> bool:
        """A post on a blog (Crossref's posted content of subtype blog): a blog post, not
        the preprint CSL's "article" is."""
        return self.crossref_type == "posted-content" and self.subtype == "blog"

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    def types(self) -> tuple[str, str, str, str]:
        if self.kind == "post" or self.blog_post:
            return ("online", "misc", "post-weblog", "BLOG")
        return TYPES.get(self.crossref_type or "", FALLBACK)


UNTITLED = "[Untitled WeChat post]"
FIRST_WORDS = 20  # APA 7 titles an untitled social-media post by its first 20 words
_CJK_CHAR = "\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK_CHAR}]|[^\s{_CJK_CHAR}]+|\s+")
_TRAILING = " \t,.;:!?，。；：！？、—–-（(《「『“‘"


def first_words(text: str | None, limit: int = FIRST_WORDS) -> str | None:
    """The first ``limit`` words of the first non-blank line of ``text``, ``…`` when cut.

    Chinese has no spaces between words, so each CJK character counts as one word: 20 of them
    are about as much of a sentence as 20 English words, enough to recognise the post by.
    Punctuation on its own (``，``, ``——``) is no word."""
    line = next((ln.strip() for ln in (text or "").splitlines() if ln.strip()), "")
    if not line:
        return None
    words, out = 0, []
    for token in _TOKEN.findall(line):
        if any(c.isalnum() for c in token):
            if words == limit:
                return "".join(out).rstrip(_TRAILING) + "…"
            words += 1
        out.append(token)
    return "".join(out)


def post_url(record: dict[str, Any]) -> str | None:
    """Where the post can be read: its own URL, else the post a share card shares (a share
    card is that post's card). Never a reprint's original: that is another account's post,
    which the note names."""
    if record.get("url"):
        return str(record["url"])
    if record.get("kind") == "article-share" and record.get("original_url"):
        return str(record["original_url"])
    return None


def uncitable(record: dict[str, Any]) -> str | None:
    """Why a post cannot be exported as a citation, or ``None`` when it can.

    Only an error page (deleted, blocked, unavailable) with no title, no URL and no account
    has nothing to cite: every other post names something a reader could look up."""
    kind = record.get("kind")
    if kind not in ERROR_KINDS:
        return None
    if record.get("title") or post_url(record) or record.get("account"):
        return None
    return (f"the post was {kind} when saved: the archive holds WeChat's error page, with no "
            "title, URL or account to cite")


def _title(record: dict[str, Any]) -> tuple[str, str | None]:
    """The title to export and, when it is not the post's own, a note saying so."""
    kind = record.get("kind")
    if record.get("title"):
        return record["title"], None
    if kind in ERROR_KINDS:
        return f"[{kind.capitalize()} WeChat post]", None  # the kind's note says enough
    words = first_words(record.get("text"))
    if words:
        return words, "untitled WeChat post: its first words stand as the title"
    return UNTITLED, None


def _ids_note(record: dict[str, Any], url: str | None) -> str | None:
    """The WeChat ids of the post, unless its URL already carries them all."""
    account = record.get("account") or {}
    ids = [(name, value) for name, value in (("__biz", account.get("biz")),
                                             ("mid", record.get("mid")),
                                             ("idx", record.get("idx"))) if value]
    if not ids or (url and all(f"{name}={value}" in url for name, value in ids)):
        return None
    return "WeChat " + ", ".join(f"{name}={value}" for name, value in ids)


# the credits (archiver.clean.credits) an export names as the post's authors, editors and
# translators; the others (校对, 排版, 来源 …) go in its note, so that none is lost
AUTHOR_ROLES = ("本文作者", "原文作者", "作者", "撰文", "文字", "文", "记者")
EDITOR_ROLES = ("主编", "责任编辑", "责编", "执行编辑", "文字编辑", "本期编辑", "编辑")
TRANSLATOR_ROLES = ("编译", "翻译", "译者")
_NAMED_ROLES = frozenset(AUTHOR_ROLES + EDITOR_ROLES + TRANSLATOR_ROLES)
BEIJING = timezone(timedelta(hours=8))


# words that make a credited Latin-script name a team, not a person ("YuLab Team"), besides
# those split_authors already keeps whole (Institute, University, Group, Office …)
_TEAM_WORDS = frozenset({"team", "lab", "laboratory", "press", "studio", "media", "news",
                         "research", "editorial", "club", "network", "project"})


def _latin(name: str) -> bool:
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")
               for ch in name if ch.isalpha())


# "&" or a word "and" joins two names ("Ernst & Young", "Procter and Gamble"): what holds
# one is a firm's name or a pair, never one person's family and given name
_JOINED = re.compile(r"&|\band\b", re.IGNORECASE)


# a generational suffix ending a name, after a space or a comma ("Martin Luther King Jr.",
# "Martin Luther King, Jr.", "Henry Ford II")
_SUFFIX = re.compile(r"[\s,]+(?P<suffix>(?:Jr|Sr|Jnr|Snr)\.?|II|III|IV)$")


def _person(name: str) -> dict[str, str]:
    """A credited name in CSL form: a Latin-script personal name as family and given
    ("Sandra F. Joireman", "Jürgen Müller"); any other (a Chinese name, a pen name, a team,
    a firm such as "Ernst & Young", whose joined names would otherwise be read as one
    person's family and given name, the "&" lost) kept whole.

    A generational suffix is the name's ``suffix``, as written ("Jr.", "III"): taken for a
    given name, it would be printed before the family name and sorted with the given names
    ("King, Martin Luther Jr"). The family name begins at its first lower-case particle, as
    BibTeX reads a "First von Last" name, so that a particle followed by a capitalised one
    stays with the family name ("Jean de La Fontaine" is "de La Fontaine", not "Fontaine"
    with a given name "Jean de La")."""
    if _latin(name) and " " in name.strip() and not _JOINED.search(name) and not (
            {w.casefold() for w in re.findall(r"\w+", name)} & _TEAM_WORDS):
        core, suffix = name.strip(), None
        found = _SUFFIX.search(core)
        if found and " " in core[:found.start()].strip():
            core, suffix = core[:found.start()], found.group("suffix")
        persons = split_authors(core)
        if len(persons) == 1 and persons[0].get("family") and persons[0].get("given"):
            person = _particles_to_family(persons[0])
            if suffix:
                person["suffix"] = suffix
            return person
    return {"literal": name}


def _particles_to_family(person: dict[str, str]) -> dict[str, str]:
    """``person`` with the given name's words from its first lower-case one on (after the
    first word) moved to the front of the family name: "de La" of "Jean de La Fontaine".
    A particle is a word of letters ("de", "bin"), not an initial ("e." of "e. e. cummings")."""
    words = person["given"].split()
    at = next((i for i, word in enumerate(words)
               if i and word.isalpha() and word[:1].islower()), None)
    if at is None:
        return dict(person)
    return {**person, "family": " ".join([*words[at:], person["family"]]),
            "given": " ".join(words[:at])}


_AND_OTHERS = re.compile(r"\s*(?:等(?:人)?|et al\.?)$")


def _credited(credits: dict[str, list[str]], roles: tuple[str, ...]
              ) -> tuple[list[str], bool]:
    """The names credited in ``roles``, each once, and whether the credit says there are
    more (作者：张三、李四等)."""
    names: list[str] = []
    more = False
    for role in roles:
        for name in credits.get(role) or ():
            bare = _AND_OTHERS.sub("", name)
            more = more or bare != name
            if bare and bare not in names:
                names.append(bare)
    return names, more


def beijing_date(published: str | None) -> str | None:
    """The calendar date of a publish time, in Beijing time, where WeChat posts are dated: a
    time given in another offset (front matter in UTC) may fall on the next day there."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published[:10]
    if moment.tzinfo is None:  # a date alone, or a time with no offset: as saved
        return published[:10]
    try:
        return moment.astimezone(BEIJING).date().isoformat()
    except OverflowError:  # 9999-12-31T23:59Z is in the year 10000 in Beijing
        return published[:10]


def post_work(record: dict[str, Any], provenance: dict[str, Any] | None) -> Work:
    """A post: byline and the credited authors (作者, 文, 记者 …) as authors, else the account
    as organisation; its credited editors and translators (编辑, 编译 …) as such, the other
    credits in a note; its summary (the digest WeChat shows under a shared link) as its
    abstract, where reference managers keep what a work is about; whatever else the record
    holds, and a title even when the post has none. The caller checks :func:`uncitable`
    first: an error page with nothing to cite is no entry at all."""
    account = record.get("account") or {}
    credits = record.get("credits") or {}
    byline = record.get("author")
    credited, more = _credited(credits, AUTHOR_ROLES)
    editors, _ = _credited(credits, EDITOR_ROLES)
    translators, _ = _credited(credits, TRANSLATOR_ROLES)
    # a byline is the author unless the post credits that name as its editor or translator
    # only (a post signed by the editor who posted it)
    names = [byline] if byline and byline != account.get("name") and (
        byline in credited or byline not in editors + translators) else []
    names += [n for n in credited if n not in names]
    authors = [_person(n) for n in names]
    title, supplied = _title(record)
    url = post_url(record)
    notes = []
    if record.get("kind") in ERROR_KINDS:
        notes.append(f"the post was {record['kind']} when saved: the archive holds WeChat's "
                     "error page, not the post")
    if supplied:
        notes.append(supplied)
    others = [f"{role}: {', '.join(people)}" for role, people in credits.items()
              if role not in _NAMED_ROLES and people]
    if others:
        notes.append("credits: " + "; ".join(others))
    # what the account is, and its lasting id: its name is the entry's organisation (CSL's
    # container, RIS's T2), which biblatex printed beside the note saying it again
    if account.get("id"):
        notes.append(f"WeChat official account ({account['id']})" if account.get("name")
                     else f"WeChat official account {account['id']}")
    elif account.get("name"):
        notes.append("WeChat official account")
    ids = _ids_note(record, url)
    if ids:
        notes.append(ids)
    if not url and record.get("id"):
        notes.append(f"archived as {record['id']}")
    shared = record.get("original_url")
    if record.get("kind") == "article-share" and shared and shared != url:
        notes.append(f"shares {shared}")  # the article the share card passes on
    elif shared and shared != url:  # a reprint: whose post it reproduces, and where it is
        original = (record.get("original_account") or {}).get("name")
        notes.append(f"reprinted from {original} ({shared})" if original
                      else f"reprinted from {shared}")
    accessed = None
    if provenance and url:
        # when the page at ``url`` was seen: the time a crawler captured it (WARC-Date, the
        # archive's own record of that address), or else the time its saver fetched it, as
        # the source says (a page's text saying when an exporter fetched it is the page's,
        # which a crawler may capture later). Never the ingest's own date: a copy saved in
        # 2020 and ingested now was not accessed now, and an access date is a claim a reader
        # may check against the page as it was then
        seen = (provenance.get("container") or {}).get("date") or provenance.get("fetched")
        accessed = beijing_date(seen) if isinstance(seen, str) and seen else None
    return Work(key=post_key(record), kind="post", crossref_type=None, title=title,
                authors=authors, organisation=account.get("name"),
                date=beijing_date(record.get("published")), url=url,
                accessed=accessed, notes=notes,
                editors=[_person(n) for n in editors],
                translators=[_person(n) for n in translators], et_al=more and bool(authors),
                issue=_text_of(record.get("series")), section=_text_of(record.get("column")),
                keywords=post_keywords(record), abstract=_text_of(record.get("summary")))


def _text_of(value: Any) -> str | None:
    """``value`` on one line, or ``None`` when it is no text or only white space."""
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def post_keywords(record: dict[str, Any]) -> list[str]:
    """A post's keywords: its tags as recorded, then its column, each once, none blank.

    The column is a subject heading the account gave the post (【中亚研究】, Central Asian
    studies), so it is filed with the tags, where a reference manager lets a reader find
    the posts of one column; the series number (第464期) is no subject, and is the entry's
    issue instead (see :func:`post_work`)."""
    out: list[str] = []
    for value in [*(record.get("tags") or []), record.get("column")]:
        word = _text_of(value)
        if word and word not in out:
            out.append(word)
    return out


def shown_title(entry: dict[str, Any]) -> str:
    """What a list shows for a post (a record, or its index entry): its title, else
    ``(untitled)`` for an article, ``(deleted)`` etc. for WeChat's error pages."""
    kind = entry.get("kind") or "article"
    return entry.get("title") or ("(untitled)" if kind == "article" else f"({kind})")


def post_key(record: dict[str, Any]) -> str:
    """A post's citation key: the one the archive gave it (unique there, never changed), or
    for a record from before keys were kept, one made from its byline, year and title as its
    exports have always made it (letters such as ``ø`` left out, not spelt ``o``)."""
    return record.get("citation_key") or _byline_key(record, record.get("published"),
                                                     transliterate=False)


def new_post_key(record: dict[str, Any]) -> str:
    """The key a post is given at its first ingest (before it is made unique): byline, the
    year of the date its exports give (Beijing's: 2020-12-31T20:00Z is 2021 there), title.
    (:func:`post_key`'s key for a record from before keys were kept is made as it always
    was, so that an export of it keeps its key.) A post with neither byline nor account is
    keyed by the first author its credits name (an export's front matter listing several)."""
    credited, _ = _credited(record.get("credits") or {}, AUTHOR_ROLES)
    return _byline_key(record, beijing_date(record.get("published")),
                       otherwise=credited[0] if credited else None)


def _byline_key(record: dict[str, Any], date: str | None, transliterate: bool = True,
                otherwise: str | None = None) -> str:
    """``<byline, else account, else otherwise><year of date><title word>``."""
    account = record.get("account") or {}
    return make_key(record.get("author") or account.get("name") or otherwise,
                    (date or "")[:4], record.get("title"), transliterate)


Parse = Callable[[str], dict[str, Any]]
CitationsIn = Callable[[dict[str, Any]], list[tuple[str, Any]]]


def unverified(record: dict[str, Any], checked: list[dict[str, Any]],
               citations_in: CitationsIn) -> list[tuple[str, Any]]:
    """(text, place) of each citation ``record`` makes that no verdict in ``checked`` covers:
    the post was never verified, or an edit added them since."""
    covered = {entry.get("text") for entry in checked}
    return [(text, where) for text, where in citations_in(record) if text not in covered]


HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
HAN = re.compile(f"[{_CJK_CHAR}]")


def script_language(text: str) -> str | None:
    """The language a citation's script shows (its title's, when it has one: an English
    title with a note in Chinese is English): Japanese for kana, Korean for hangul, Chinese
    for ideographs alone; None for any other script, which names no one language (a Latin
    title may be English, French or German)."""
    if KANA.search(text):  # (not the middle dot of a foreign name in Chinese, 约翰・洛克)
        return "ja"
    if HANGUL.search(text):
        return "ko"
    return "zh" if HAN.search(text) else None


def _as_written(entry: dict[str, Any], parse: Parse | None) -> tuple[dict[str, Any], str | None]:
    """A citation no Crossref record stands behind: the fields ``parse`` reads from it as
    written (CSL-JSON), and its type when they say (a journal named: an article in it)."""
    text = entry.get("text") or ""
    # a labelled block (论文题目：… / 作者：… / 期刊：…) is read as the reference its fields make,
    # as verify reads it: parsed whole, its labels were the title
    text = reference_of_block(text) or text
    item = parse(text) if parse else {}
    if not item:
        return item, None
    kind = _CROSSREF_TYPE_OF.get(csl_type(text, item))
    if kind == "book" and gbt_code(text) == "C":
        kind = "proceedings"  # "论文集[C]. 北京: …": the proceedings themselves
    if kind is None and item.get("container-title"):
        kind = "journal-article"  # a journal named, and no code says otherwise
    return item, kind



# a citation's CSL type (what its GB/T 7714 code, or the container it names, says) as the
# Crossref type whose entry types an export writes (:data:`TYPES`); any other is a @misc
_CROSSREF_TYPE_OF = {"article-journal": "journal-article", "chapter": "book-chapter",
                     "book": "book", "paper-conference": "proceedings-article",
                     "thesis": "dissertation", "report": "report", "dataset": "dataset",
                     "standard": "standard", "article": "posted-content",
                     "article-newspaper": "csl:article-newspaper",
                     "patent": "csl:patent", "webpage": "csl:webpage"}


# a given name that is initials alone, run together or spaced, without full stops ("JL",
# "BAR", "G S", "A"): Vancouver's and AMA's way of writing them
_BARE_INITIALS = re.compile(r"[A-Z](?: ?[A-Z]){0,2}")
# initials with their full stops but no space ("J.N.", "M.-A."): BibTeX reads "J.N." as one
# name, which a style abbreviating given names prints "J."
_CLOSE_INITIALS = re.compile(r"(?:[A-Z]\.-?){2,4}")


_IDEOGRAPHS = re.compile(rf"[{_CJK_CHAR}]+")


def _as_printed(doi: str | None, text: str) -> str | None:
    """A DOI as the citation prints it, its case kept ("10.1360/SSV-2019-0123"; the DOI
    read is lower case): a citation exported as written says what it says."""
    if not doi:
        return doi
    at = text.casefold().find(doi.casefold())
    return text[at:at + len(doi)] if at >= 0 and len(text[at:at + len(doi)].casefold()) == \
        len(doi) else doi


def _as_cited(person: dict[str, Any]) -> dict[str, Any]:
    """A name of a citation as written, as an export gives it: a name written in ideographs
    without a space (山田太郎, 欧阳修) is kept whole, as the post's own authors are: where its
    family name ends is a guess the citation does not make (a Japanese 山田 + 太郎 is no
    Chinese 山 + 田太郎), and a guess written as family and given would be taken for what the
    citation says. Bare initials are spelt out (:func:`_spelt_initials`)."""
    whole = ideographic_name(person)
    if whole is not None:
        rest = {k: v for k, v in person.items() if k not in ("family", "given")}
        return {**rest, "literal": whole}
    return _spelt_initials(person)


def ideographic_name(person: dict[str, Any]) -> str | None:
    """A name whose family and given names are both written in ideographs, as it is written
    whole (王明: family first, no space between); None for any other."""
    family, given = person.get("family"), person.get("given")
    if isinstance(family, str) and isinstance(given, str) and _IDEOGRAPHS.fullmatch(family) \
            and _IDEOGRAPHS.fullmatch(given):
        return family + given
    return None


def _spelt_initials(person: dict[str, Any]) -> dict[str, Any]:
    """``person`` with a given name of bare initials written one by one, each with its full
    stop ("JL" is "J. L."). Read as it stands, "JL" is one given name: a style that
    abbreviates given names prints "J. Hor", the second initial lost, and one that prints
    them whole "JL Hor". Initials written with their full stops but no space ("J.N.") are
    spaced ("J. N."): BibTeX reads "J.N." as one name, and abbreviates it "J."."""
    given = person.get("given")
    if person.get("family") and isinstance(given, str) and _BARE_INITIALS.fullmatch(given):
        return {**person, "given": " ".join(f"{c}." for c in given.replace(" ", ""))}
    if person.get("family") and isinstance(given, str) and _CLOSE_INITIALS.fullmatch(given) \
            and "-" not in given:
        return {**person, "given": given.replace(".", ". ").strip()}
    return person


def _says_et_al(text: str, authors: list[dict[str, Any]]) -> bool:
    """Whether the author list of a citation as written ends in "et al." / 等: looked for
    just after the last author's name, where it is printed (never in the title, which may
    well hold 等 or "and others")."""
    last = authors[-1] if authors else {}
    name = last.get("family") or last.get("literal") or ""
    at = text.find(name) if name else -1
    return at >= 0 and _ET_AL_AFTER.match(text, at + len(name)) is not None


# after the last name: its given name (", Xin, et al."), or its initials, periods and all
# (Nature's "Pan, X. et al."), then et al.
_ET_AL_AFTER = re.compile(r"(?:[^.。]{0,12}?|,?\s*(?:[A-Z][a-z]?\.[\s-]*){1,4}[,;]?\s*)"
                          r"(?:\bet\.?\s*al\b|\band others\b|等)")


NEVER_VERIFIED = "never verified"  # the status of a citation no kept verdict covers


def _reworded_note(doi: str, version: str, verdict: str) -> str:
    """What is true of a citation no verdict covers when the post cited the same DOI in an
    earlier version and that citation was checked: its wording changed since (an edit), and
    only the new wording awaits ``verify``."""
    was = "was verified" if verdict == "verified" else f"was checked ({verdict})"
    return (f"not verified against Crossref as now written (reworded since verified): the "
            f"post's earlier citation of {doi} {was} in {version}; `archiver verify` has not "
            f"checked this wording")


def withdrawal_notes(evidence: dict[str, Any]) -> list[str]:
    """A note for each notice retracting, withdrawing or removing a cited work that Crossref
    listed when the citation was verified (``evidence.notices``): a librarian citing the
    work must see it in the entry, not only in the verify report."""
    notes = []
    for notice in notices.withdrawn(evidence.get("notices") or []):
        details = notices.when(notice)
        doi = f" {doi_url(notice['doi'])}" if notice.get("doi") else ""
        notes.append(f"{notices.name(notice)}{doi}" + (f" ({details})" if details else "")
                     + ", as Crossref listed it when the citation was verified")
    return notes


def cited_editors(work: dict[str, Any]) -> tuple[list[dict[str, str]], bool]:
    """The editors a citation of ``work`` (Crossref's record in brief) names, and whether
    Crossref says there are more ("et al."), which is no name.

    Crossref's ``editor`` means what the type makes it:

    - a whole book or proceedings (``book``, ``monograph``, ``edited-book``,
      ``reference-book``, ``proceedings``, ``book-set``): the editors of the work itself,
      who stand in its citation where an author would (APA's "Taylor, B. (Ed.)", CSL
      styles substituting ``editor`` for a missing ``author``; biblatex's ``@collection``
      requires them, BibTeX's ``@book`` takes an author or an editor);
    - a part of one (``book-chapter``, ``book-section``, ``book-part``,
      ``reference-entry``, ``proceedings-article``): the editors of the book or proceedings
      it is in, which is what CSL's ``editor`` of a ``chapter`` or ``paper-conference``,
      BibTeX's ``editor`` of ``@incollection`` / ``@inproceedings`` and RIS's ``A2`` of a
      ``CHAP`` or ``CPAPER`` name ("In B. Taylor (Ed.), Book");
    - anything else, a journal article above all: no editor a citation names. PLOS
      deposits the academic editor who handled an article's review as its ``editor``;
      written as CSL's ``editor`` of an ``article-journal``, styles print it (Chicago's
      "Edited by Guilhem Janbon") as if the article were an edited work, and a librarian
      citing the article names its authors and its journal, never its handling editor.
      A report's or a journal issue's editors, which Crossref rarely lists, are left out
      with them until a recorded one shows what they are.

    The evidence keeps every editor Crossref lists, whatever the type
    (:func:`archiver.citations.verify.work_of`): only the export decides which it names."""
    if work.get("type") not in EDITED:
        return [], False
    editors = [p for p in work.get("editor") or [] if isinstance(p, dict)]
    named = [p for p in editors
             if p.get("family") or not MORE_NAMES.match(p.get("literal") or "")]
    return named, len(named) < len(editors)


def cited_key(work: dict[str, Any], transliterate: bool = True) -> str:
    """The key a cited work would be given: its first author's family name (or a group's
    name), year and first title word, from Crossref's record (``unique`` settles clashes).
    ``transliterate=False``: as made before letters such as ``ø`` were spelt out, for a work
    whose verification was kept before keys were given (its exports made it so).

    A work without authors is ``anon…`` even when Crossref names its editors (an edited
    book): a verification kept before keys were given has made its exports' key so, and
    another post's verification of the same work, keyed now, must give the same key; which
    posts hold a work unkeyed is not known where a key is given."""
    authors = work.get("author") or []
    first = authors[0] if authors else {}
    return make_key(first.get("family") or first.get("literal"), work.get("year"),
                    work.get("title"), transliterate)


def _work_of(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The Crossref record a kept verification found for a citation, if any."""
    return ((entry.get("evidence") or {}).get("work")) or None


def _doi_of(found: dict[str, Any], entry: dict[str, Any]) -> str:
    """A cited work's DOI (lower case): its record's, or what the citation was read as, else
    what it prints (a citation found by search prints none)."""
    return str(found.get("DOI") or entry.get("doi") or "").lower()


def cited_works(citations: dict[str, Any], include_unverified: bool,
                taken: set[str], exported: set[str] | None = None,
                parse: Parse | None = None, known: Mapping[str, str] | None = None,
                earlier: Mapping[str, tuple[str, str]] | None = None) -> list[Work]:
    """The works a post cites, from its stored verification (``citations.json``).

    A work is one entry however often it is cited, from a verified citation of it where the
    post has one: a DOI in ``exported`` (lower case) was written already, by this post or an
    earlier one of the same run, and is skipped; each DOI written here is added to it. A DOI
    written only from an unverified citation is kept as ``?doi``: a verified citation of it,
    met later, is still written (Crossref's record is the better entry), and further
    unverified ones are not. A reference without a DOI or a record is one work by its text
    (numbering, spacing and case aside), kept as ``?text:…``. Without the set, only this
    post's repeats are skipped. An unverified citation without a Crossref record is
    described by the fields ``parse`` reads from it (never by the whole string as a title),
    with a note saying so.

    ``known``: DOI (lower case) → the key the archive gave the work when a verification of it
    was kept, in any post and any version. A work has that key in every export, also where
    this post cites it only as written (an edit reworded the citation since it was verified):
    made here, the key would depend on which posts the export holds.
    ``earlier``: DOI → (version, verdict) of this post's citations of it in its earlier
    versions, so that a citation an edit reworded is not called "never verified"."""
    out = []
    exported = set() if exported is None else exported
    known, earlier = known or {}, earlier or {}
    entries = citations.get("citations") or []
    # a work the post cites right somewhere is written from that citation, wherever another,
    # wrong, stands in the post: its entry says nothing of the other's fault
    verified = {_doi_of(work, entry) for entry in entries
                if entry.get("status") == "verified" and (work := _work_of(entry))}
    for entry in entries:
        work = _work_of(entry)
        status = entry.get("status")
        if status != "verified" and not include_unverified:
            continue
        item, kind = ({}, None) if work else _as_written(entry, parse)
        doi = _doi_of(work or item, entry)
        if doi and status != "verified" and doi in verified:
            continue
        if doi:
            # an unverified copy never stands for a work a verified entry (with Crossref's
            # record) would give: it is marked apart, "?" before its DOI
            if doi in exported or (not work and f"?{doi}" in exported):
                continue
            exported.add(doi if work else f"?{doi}")
        elif not work:
            # a reference without a DOI, cited word for word by two posts (or twice in one),
            # is one work: known by its text, spacing and case aside
            same = "?text:" + " ".join(without_list_number(entry.get("text") or "")
                                       .casefold().split())
            if same != "?text:" and same in exported:
                continue
            exported.add(same)
        if work:
            authors = work.get("author") or []
            editors, more_editors = cited_editors(work)
            # given when the verification was kept, unique in the archive and never changed;
            # else (kept before keys were given) made as its exports have always made it
            key = entry.get("key") or known.get(doi) or unique(
                cited_key(work, transliterate=False), taken)
            taken.add(key)
            result = Work(key=key, kind="cited", crossref_type=work.get("type"),
                          title=work.get("title"), authors=authors,
                          editors=editors, editors_et_al=more_editors,
                          container=work.get("container-title") or (
                              work.get("group-title") if work.get("subtype") == "blog"
                              else None), volume=work.get("volume"),
                          issue=work.get("issue"), pages=crossref_pages(work),
                          date=work.get("issued") or (
                              str(work.get("year")) if work.get("year") else None),
                          doi=work.get("DOI"), publisher=work.get("publisher"),
                          series=work.get("collection-title"),
                          institution=work.get("institution"), degree=work.get("degree"),
                          subtype=work.get("subtype"), language=work.get("language"))
            result.notes += withdrawal_notes(entry.get("evidence") or {})
        else:  # unverified and without a record: the citation as written
            authors = item.get("author") or []
            first = authors[0] if authors else {}
            year = ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]
            name = first.get("family") or first.get("literal")
            # (a DOI printed with its "10." mistyped, which verify reports, is no DOI to
            # export: the citation's text, in the note, shows it as printed)
            printed = str(entry.get("doi") or "")
            written_doi = _as_printed(item.get("DOI") or (
                printed if printed.startswith("10.") else None), entry.get("text") or "")
            if not name and written_doi:
                # a DOI cited alone: keyed by the DOI, the one thing it says, so that its
                # key is the same in every export (``ref10``, ``ref10a`` … came in the order
                # the works were met)
                base = "doi" + re.sub(r"[^a-z0-9]+", "", str(written_doi).lower())[:40]
            else:
                # made afresh at every export: as earlier exports made it
                base = make_key(name or "ref", year, item.get("title") or entry.get("text"),
                                transliterate=False)
            key = known.get(doi) or unique(base, taken)
            taken.add(key)
            # a thesis's imprint names the university that granted it, a report's the
            # body that issued it ("北京: 清华大学, 2011"), a preprint's the server it was
            # posted on ("Preprint at arXiv"): the institution, not a publisher
            granted = kind in POSTED_BY_INSTITUTION
            container = item.get("container-title")
            if kind == "posted-content" and container == item.get("publisher"):
                container = None  # a preprint's server is where it was posted, no journal
            result = Work(key=key, kind="cited", crossref_type=kind, title=item.get("title"),
                          authors=[_as_cited(a) for a in authors], container=container,
                          volume=item.get("volume"), issue=item.get("issue"),
                          pages=item.get("page"),
                          date=notices.iso_date(item.get("issued")) or (
                              str(year) if year else None),
                          doi=written_doi,
                          publisher=None if granted else item.get("publisher"),
                          institution=item.get("publisher") if granted else None,
                          place=item.get("publisher-place"), url=item.get("URL"),
                          accessed=notices.iso_date(item.get("accessed")),
                          et_al=_says_et_al(entry.get("text") or "", authors),
                          editors=[_as_cited(e) for e in item.get("editor") or []],
                          translators=[_as_cited(t) for t in item.get("translator") or []],
                          book_authors=[_as_cited(a) for a in item.get("container-author") or []],
                          edition=item.get("edition"),
                          language=script_language(item.get("title") or entry.get("text")
                                                   or ""))
            result.notes.append(f"fields read from the citation as written: "
                                f"{entry.get('text') or ''}".strip())
        if (status == NEVER_VERIFIED or entry.get("reason") == NOT_VERIFIED_YET) \
                and doi in earlier:
            result.notes.append(_reworded_note(doi, *earlier[doi]))
        elif status != "verified":
            result.notes.append(f"not verified against Crossref ({status}): "
                                f"{entry.get('reason') or ''}".strip())
        out.append(result)
    return out
