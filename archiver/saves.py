"""Whether another save of a post says less than its archived record, field by field.

The same post reaches an archive in several saves, and they do not all know as much: a page
saved by a browser without its scripts (Chrome's MHTML, SingleFile) has lost the page
variables, so it has no biz, mid, idx or account id, only the short ``/s/<token>`` address,
and only the publish time the scripts wrote into the page, to the minute and in the saving
browser's time zone, which the save does not record. Such a save of a post already archived
from a richer one adds nothing, and must add no version: a version would take the precise
values away. A save that says something else (another title, another text, a time that is no
clock's reading of the archived one) is news, and is compared as any other.

Used only for *another* save: an edit of the file the head was made from that deletes a
field is a change (see ``archiver.held.already_archived``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from archiver.clean.metadata import named_by

# Fields a poorer save may lack where the record has them (it may not give another value).
_MAY_LACK = frozenset({"mid", "idx", "author", "source_url", "original_url", "summary",
                       "column", "series"})

# What WeChat's pages and exporters write for an image no one described ("picture", "image"):
# an image so named is described no more than one with no text at all.
_PLACEHOLDER_ALTS = frozenset({"", "图片", "圖片", "图像", "圖像", "image", "img", "picture",
                               "photo"})

# UTC offsets in use run from -12:00 to +14:00, in steps of a quarter of an hour at most.
_EARLIEST, _LATEST = timedelta(hours=-12), timedelta(hours=14)
_STEP = timedelta(minutes=15)


@dataclass(frozen=True)
class OtherSave:
    """What is known of a save that was not the head's own source: the ids its object is
    known by, and whether its publish time was read in an unknown time zone."""

    names: frozenset[str]
    zone_unknown: bool = False
    # its time was read at a UTC offset the save recorded (SingleFile), where the record's
    # was only read as Beijing time: then it is the better of the two
    better_time: bool = False

    def says_less(self, field: str, new: Any, old: Any) -> bool:
        """Whether ``new`` (this save's value of ``field``) says nothing ``old`` (the
        record's) does not."""
        if field in _MAY_LACK:
            return new is None
        if field == "tags":
            return new == []
        if field == "blocks":
            return _described_alike(new, old)
        if field == "identity":  # another of the post's names
            return isinstance(new, dict) and f"wx:{new.get('value')}" in self.names
        if field == "url":
            return new is None or named_by(new) in self.names
        if field == "account":  # some of the same parts: the name without the ids
            return isinstance(new, dict) and isinstance(old, dict) and \
                all(old.get(key) == value for key, value in new.items())
        if field == "published":  # a date, month or year alone that the record's time is in
            if isinstance(new, str) and isinstance(old, str) and len(new) in (4, 7, 10) \
                    and len(old) > len(new) and old.startswith(new):
                return True
            if isinstance(new, str) and isinstance(old, str) and _to_the_minute(new, old):
                return True
            return new is None or (self.zone_unknown and not self.better_time
                                   and isinstance(old, str) and isinstance(new, str)
                                   and shown_in_some_zone(new, old))
        return False

    def carried(self, new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
        """The fields of ``old`` (the head's record) that a new version made from this save
        keeps where the save knows less (its other fields, its text or images, differ):
        a value it lacks, an account without its ids, a time read in an unknown zone, an
        identity by a short address where the record's is by biz/mid/idx."""
        out: dict[str, Any] = {}
        for name in new.keys() & old.keys():
            value, known = new.get(name), old.get(name)
            if name == "images" or value == known or known in (None, [], {}):
                continue
            if name == "identity":
                poorer = _RANK.get(str((value or {}).get("basis")), 0) < \
                    _RANK.get(str((known or {}).get("basis")), 0)
            elif name in ("url", *_MAY_LACK, "tags"):
                poorer = value in (None, [])
            else:
                poorer = name in ("account", "published") and self.says_less(name, value, known)
            if poorer:
                out[name] = known
        return out


def _placeholder(block: dict[str, Any]) -> bool:
    return block.get("type") == "image" and \
        str(block.get("text") or "").strip().casefold() in _PLACEHOLDER_ALTS


def _described_alike(new: Any, old: Any) -> bool:
    """Whether two bodies are the same blocks but for images that neither describes: one
    save names each image "图片" where another gives it no text (a Markdown export of a
    page whose images have no alt text)."""
    if not isinstance(new, list) or not isinstance(old, list) or len(new) != len(old):
        return False
    for mine, theirs in zip(new, old, strict=True):
        if mine == theirs:
            continue
        if not (isinstance(mine, dict) and isinstance(theirs, dict)
                and _placeholder(mine) and _placeholder(theirs)
                and {k: v for k, v in mine.items() if k != "text"}
                == {k: v for k, v in theirs.items() if k != "text"}):
            return False
    return True


# identity bases, the more telling the higher
_RANK = {"biz-mid-idx": 3, "url-token": 2, "account-date-title": 1, "content": 0}


def shown_in_some_zone(shown: str, moment: str) -> bool:
    """Whether ``shown`` (a minute-precise time, or a date, as a page displayed it and as it
    was read: in Beijing time) is the clock reading of ``moment`` in some time zone.

    A WeChat page's scripts write the publish time in the browser's zone. Read as Beijing
    time, a reading in zone Z is ``moment`` floored to the minute, moved by Z − 08:00."""
    try:
        exact = datetime.fromisoformat(moment)
        if len(shown) == 10:  # a date: moment's date somewhere on Earth
            day = date.fromisoformat(shown)
            utc = exact - (exact.utcoffset() or timedelta())
            return (utc + _EARLIEST).date() <= day <= (utc + _LATEST).date()
        read = datetime.fromisoformat(shown)
    except ValueError:
        return False
    if read.second or read.microsecond or read.utcoffset() is None or \
            exact.utcoffset() is None:
        return False
    shift = read - exact.replace(second=0, microsecond=0)  # the zone's offset less read's
    offset = read.utcoffset() or timedelta()
    return _EARLIEST - offset <= shift <= _LATEST - offset and shift % _STEP == timedelta()


def _to_the_minute(new: str, old: str) -> bool:
    """Whether ``new`` is ``old`` to the minute, as a save that shows the time without its
    seconds gives it (an exporter's "发布时间:2020-10-02 22:08" for the page's 22:08:36):
    the same offset, its seconds none, and ``old`` within that minute."""
    try:
        written, known = datetime.fromisoformat(new), datetime.fromisoformat(old)
    except ValueError:
        return False
    if written.tzinfo is None or known.tzinfo is None or \
            written.utcoffset() != known.utcoffset() or written.second or written.microsecond:
        return False
    return timedelta(0) < known - written < timedelta(minutes=1)
