"""What an export says about a post and about the works it cites, in one neutral form.

Every exporter (BibTeX/biblatex, CSL-JSON, RIS) writes from these :class:`Work` values, so the
formats cannot disagree. A post is an online publication of its account; a cited work is taken
from the Crossref evidence stored with the post's verification (``citations.json``), never from
the citation string alone, and only when it was verified — unless asked, in which case it is
marked as unverified.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archiver.export.keys import make_key, unique

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
}
FALLBACK = ("misc", "misc", "document", "GEN")


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
    accessed: str | None = None  # the ingest date
    publisher: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    def types(self) -> tuple[str, str, str, str]:
        if self.kind == "post":
            return ("online", "misc", "post-weblog", "BLOG")
        return TYPES.get(self.crossref_type or "", FALLBACK)


def post_work(record: dict[str, Any], provenance: dict[str, Any] | None) -> Work:
    """A post: byline as author when the post names one, else the account as organisation."""
    account = record.get("account") or {}
    byline = record.get("author")
    authors = [{"literal": byline}] if byline and byline != account.get("name") else []
    notes = []
    if account.get("id"):
        notes.append(f"WeChat official account {account.get('name') or ''} ({account['id']})"
                     .replace("  ", " "))
    elif account.get("name"):
        notes.append(f"WeChat official account {account['name']}")
    accessed = None
    if provenance:
        accessed = (provenance.get("event") or {}).get("datetime", "")[:10] or None
    key = record.get("citation_key") or make_key(byline or account.get("name"),
                                                 (record.get("published") or "")[:4],
                                                 record.get("title"))
    return Work(key=key, kind="post", crossref_type=None, title=record.get("title"),
                authors=authors, organisation=account.get("name"),
                date=(record.get("published") or "")[:10] or None, url=record.get("url"),
                accessed=accessed, notes=notes)


def cited_works(citations: dict[str, Any], include_unverified: bool,
                taken: set[str]) -> list[Work]:
    """The works a post cites, from its stored verification (``citations.json``)."""
    out = []
    for entry in citations.get("citations") or []:
        work = ((entry.get("evidence") or {}).get("work")) or None
        status = entry.get("status")
        if status != "verified" and not include_unverified:
            continue
        if work:
            authors = work.get("author") or []
            first = authors[0] if authors else {}
            key = unique(make_key(first.get("family") or first.get("literal"),
                                  work.get("year"), work.get("title")), taken)
            taken.add(key)
            result = Work(key=key, kind="cited", crossref_type=work.get("type"),
                          title=work.get("title"), authors=authors,
                          container=work.get("container-title"), volume=work.get("volume"),
                          issue=work.get("issue"), pages=work.get("page"),
                          date=str(work.get("year")) if work.get("year") else None,
                          doi=work.get("DOI"), publisher=work.get("publisher"))
        else:  # unverified and without a record: the citation as written
            key = unique(make_key("ref", None, entry.get("text")), taken)
            taken.add(key)
            result = Work(key=key, kind="cited", crossref_type=None, title=entry.get("text"),
                          doi=entry.get("doi"))
        if status != "verified":
            result.notes.append(f"not verified against Crossref ({status}): "
                                f"{entry.get('reason') or ''}".strip())
        out.append(result)
    return out
