"""Which posts a listing shows: the filters of ``archiver list``, over the list index's
entries (:func:`archiver.index.index_entry`), so that a script using the library picks
posts as the command does, without reading any record."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from archiver.errors import UsageError
from archiver.export.works import beijing_date
from archiver.model import NEVER_VERIFIED, statuses_shown

# A date bound as a librarian writes one: a year, a month or a day.
_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_bound(value: str, option: str) -> str:
    """``value`` (``2020``, ``2020-10`` or ``2020-10-02``) checked to be a real year, month
    or day; returned as given, for a comparison by prefix with a post's date."""
    match = _BOUND.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = match.groups()
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date",
                         hint="give a year, a month or a day: 2020, 2020-10 or 2020-10-02"
                         ) from None
    return match.group(0)


def _at(date_text: str, other: str) -> str:
    """A date to the precision it shares with ``other``: a post dated by its month alone
    (``2020-10``) falls in a range that holds any day of that month."""
    return date_text[:min(len(date_text), len(other))]


def _folded(text: str) -> str:
    """Text compared without regard to case or width (ＡＢＣ, abc and ABC are one)."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class PostFilter:
    """What a listed post must be. Every field left None lets every post through.

    ``since`` and ``until`` are bounds from :func:`date_bound`, compared with the post's
    publish date in Beijing time (the date ``list`` shows), both inclusive: ``until 2020``
    keeps the whole of 2020, and a post dated by its month alone passes a bound within that
    month. A post with no publish date passes no date bound.
    ``citations``: a verification status the head's kept verification gives at least one
    citation (``mismatch``: the posts citing a work wrongly), or :data:`NEVER_VERIFIED`."""

    account: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    citations: str | None = None

    def __post_init__(self) -> None:
        if not (self.since and self.until):
            return
        shared = min(len(self.since), len(self.until))  # a year against a day: the year's
        if self.since[:shared] > self.until[:shared]:
            raise UsageError(f"--since {self.since} is after --until {self.until}: no post "
                             "can be both", hint="swap them")

    def matches(self, entry: dict[str, Any]) -> bool:
        """Whether the list index's ``entry`` for a post passes every filter."""
        if self.account is not None and _folded(self.account) not in _folded(
                entry.get("account") or ""):
            return False
        if self.kind is not None and entry.get("kind") != self.kind:
            return False
        if self.since or self.until:
            day = beijing_date(entry.get("published"))
            if day is None:
                return False
            if self.since and _at(day, self.since) < _at(self.since, day):
                return False
            if self.until and _at(day, self.until) > _at(self.until, day):
                return False
        if self.citations is not None:
            summary = entry.get("citations")
            if self.citations == NEVER_VERIFIED:
                return summary is None
            return bool(summary and summary.get(self.citations))
        return True


def citations_shown(summary: dict[str, Any] | None) -> str:
    """A post's kept verification as ``list`` shows it: ``3 verified, 1 mismatch`` (the
    statuses some citation has, in the report's order), ``0 citations``, or ``-`` when the
    post was never verified."""
    if summary is None:
        return "-"
    return statuses_shown(summary) or "0 citations"
