"""Metadata a file's location offers when its content has none."""

from __future__ import annotations

import re
from pathlib import Path

from archiver.model import Sourced

GENERIC_STEMS = frozenset({"readme", "index", "source", "content", "article", "post", "page"})
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def title_from_path(path: Path) -> dict[str, Sourced]:
    """Title (and date) from a post folder's name, when the file name itself says nothing."""
    if path.stem.lower() not in GENERIC_STEMS or not path.parent.name:
        return {}
    name = path.parent.name.strip()
    out = {"title": Sourced(name, "path: folder name")}
    match = _DATE_IN_NAME.search(name)
    if match:
        out["published"] = Sourced("-".join(match.groups()), "path: date in folder name")
    return out
