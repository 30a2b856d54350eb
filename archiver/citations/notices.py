"""What Crossref says has happened to a cited work since it was published: retracted,
withdrawn, corrected, under an expression of concern.

A publisher registers such a notice as a work of its own that *updates* the original (its
``update-to`` names the original), and Crossref lists it on the original as ``updated-by``;
since 2023 Crossref also lists the notices Retraction Watch has collected (``source``
``retraction-watch``), including those whose publisher registered none. A citation can
match its record field for field and still cite a paper that was retracted: the verdict
stays what the comparison found, and the notices are reported beside it, with the notice's
DOI and date so that a reader can check each one.

Crossref's ``relation`` says two more things a citation should know: the DOI cited is a
preprint whose published version has a DOI of its own (``is-preprint-of``: cite the version
of record), or a peer review of another work (``is-review-of``: eLife's decision letters and
author responses have DOIs of their own, and are cited in the article's place by mistake).

No notice is no proof: Crossref knows only what publishers and Retraction Watch told it.
Nothing here says a work was *not* retracted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

# The notices after which a work is no longer to be relied on (Crossref's update types)
WITHDRAWN = frozenset({"retraction", "partial_retraction", "withdrawal", "removal"})
# what ``verify --fail-on`` calls a citation of such a work
RETRACTED = "retracted"


def _date(update: dict[str, Any]) -> str | None:
    """The notice's date (:func:`iso_date` of its ``updated``): a bad date costs the notice
    its date, never the run."""
    return iso_date(update.get("updated"))


def iso_date(csl_date: Any) -> str | None:
    """A Crossref or CSL date (``{"date-parts": [[2021, 3, 4]]}``) as precise as it is given
    (``2021``, ``2021-03``, ``2021-03-04``); None for one that is no date (a year 20210, a
    month 13, the 31st of February)."""
    stamps = csl_date.get("date-parts") if isinstance(csl_date, dict) else None
    parts = stamps[0] if isinstance(stamps, list) and stamps else None
    if not isinstance(parts, list) or not parts or not all(
            isinstance(p, int) and not isinstance(p, bool) for p in parts[:3]):
        return None
    year, month, day = (list(parts[:3]) + [1, 1])[:3]
    try:
        date(year, month, day)
    except ValueError:
        return None
    return "-".join([f"{year:04d}", *(f"{p:02d}" for p in parts[1:3])]) if year >= 1000 else None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def notices_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every notice Crossref's ``record`` lists: ``updated-by`` (a notice about this work:
    ``{"relation": "updated-by", "type": "retraction", "doi": <the notice>, …}``) and
    ``update-to`` (this work is itself a notice about another: ``"relation": "update-to"``,
    ``doi`` the work it is about). A notice may be registered in place, under the work's own
    DOI (Crossmark's in-situ updates), and is kept; but a ``new_version`` that names the
    work itself (PLOS lists each article so) says nothing and is left out. An entry without
    a type is no notice; a DOI, label or source that is no text is left out of it."""
    own = str(record.get("DOI") or "").lower()
    out: list[dict[str, Any]] = []
    for relation in ("updated-by", "update-to"):
        entries = record.get(relation)
        for update in entries if isinstance(entries, list) else ():
            kind = _text(update.get("type")) if isinstance(update, dict) else None
            if kind is None:
                continue
            doi = _text(update.get("DOI"))
            doi = doi.lower() if doi and doi.startswith("10.") else None
            if doi == own and kind == "new_version":
                continue
            notice = {"relation": relation, "type": kind, "label": _text(update.get("label")),
                      "doi": doi, "date": _date(update), "source": _text(update.get("source"))}
            notice = {k: v for k, v in notice.items() if v is not None}
            if notice not in out:
                out.append(notice)
    relations = record.get("relation")
    for relation, kind in RELATIONS.items():
        entries = relations.get(relation) if isinstance(relations, dict) else None
        for entry in entries if isinstance(entries, list) else ():
            doi = _text(entry.get("id")) if isinstance(entry, dict) \
                and entry.get("id-type") == "doi" else None
            if doi and doi.startswith("10.") and doi.lower() != own:
                notice = {"relation": relation, "type": kind, "doi": doi.lower()}
                if notice not in out:
                    out.append(notice)
    return out


# The relations a citation should know of (Crossref's relation name → the notice's type)
RELATIONS = {"is-preprint-of": "preprint", "is-review-of": "review"}


def withdrawn(notices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The notices that retract, withdraw or remove the cited work itself."""
    return [n for n in notices
            if n.get("relation") == "updated-by" and n.get("type") in WITHDRAWN]


def name(notice: dict[str, Any]) -> str:
    """What the notice is called: its label as Crossref gives it (``Retraction``), else its
    type (``partial retraction``)."""
    return notice.get("label") or str(notice.get("type", "")).replace("_", " ")


def when(notice: dict[str, Any]) -> str:
    """The notice's date and source, as known (``2021-03-04, retraction-watch``)."""
    return ", ".join(str(notice[k]) for k in ("date", "source") if notice.get(k))


def describe(notice: dict[str, Any]) -> str:
    """A notice in a line: ``retracted (Retraction 10.1016/…, 2021-03-04, retraction-watch)``,
    or, for a cited DOI that is itself a notice, ``is the Retraction notice of 10.…``."""
    if notice["relation"] == "is-preprint-of":
        return f"a preprint: its published version is {notice.get('doi')}"
    if notice["relation"] == "is-review-of":
        return f"the DOI cited is a review of {notice.get('doi')}, not that work itself"
    called, dated = name(notice), when(notice)
    details = ", ".join(part for part in (notice.get("doi"), dated) if part)
    if notice["relation"] == "update-to":
        about = f" of {notice['doi']}" if notice.get("doi") else ""
        return f"the DOI cited is the {called} notice{about}" + (f" ({dated})" if dated else "")
    verb = {"retraction": "retracted", "partial_retraction": "partly retracted",
            "withdrawal": "withdrawn", "removal": "removed",
            "expression_of_concern": "under an expression of concern",
            "correction": "corrected", "erratum": "corrected", "corrigendum": "corrected",
            }.get(notice["type"], "updated")
    return f"{verb} ({called}" + (f" {details}" if details else "") + ")"
