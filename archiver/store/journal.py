"""The tickets of staged commits: what a complete commit adds, read back by recovery (which
finishes it) and by fsck (which leaves one another writer is applying alone)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from archiver.errors import DamagedObject

_LAYOUT_PATH = re.compile(r"[0-9a-f]{3}/[0-9a-f]{3}/[0-9a-f]{3}/(?!\.\.?$)[^/\x00]+")
_STAGED_NAME = re.compile(r"object(?:-\d+)?")
_VERSION_NAME = re.compile(r"v\d+")


def read_ticket(path: Path) -> dict[str, Any]:
    """A complete commit's ticket, checked: written whole (renamed into place once synced),
    it can only be damaged afterwards, and then the commit cannot be finished."""
    try:
        entries = ticket_entries(json.loads(path.read_bytes()))
        if entries and all(_ticket_entry_usable(entry) for entry in entries):
            return {"entries": entries}
    except (ValueError, TypeError, AttributeError):
        pass
    raise DamagedObject("the ticket of an interrupted commit is damaged, so the commit cannot "
                        "be finished", path=path,
                        hint="move its folder out of the archive, then run `archiver fsck`: "
                             "it reports what the commit had applied")


def _ticket_entry_usable(entry: dict[str, Any]) -> bool:
    """Whether every name in a ticket's entry is a place inside the archive (an object's
    folder in the layout, a folder of the staging area): a ticket cannot move anything
    anywhere else."""
    def matches(key: str, pattern: re.Pattern[str]) -> bool:
        return isinstance(entry.get(key), str) and pattern.fullmatch(entry[key]) is not None

    return (matches("object", _LAYOUT_PATH) and matches("staged", _STAGED_NAME)
            and matches("version", _VERSION_NAME) and isinstance(entry.get("new_object"), bool))


def ticket_entries(ticket: dict[str, Any]) -> list[dict[str, Any]]:
    """The versions a ticket commits. A ticket written before commits were grouped names one
    object, staged in ``object``."""
    if "entries" in ticket:
        return list(ticket["entries"])
    return [{**ticket, "staged": "object"}]


