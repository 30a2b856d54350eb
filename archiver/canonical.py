"""Canonical JSON: the same data always serialises to the same bytes.

Records are compared by digest to decide whether a post changed, so their serialisation must be
deterministic: sorted keys, UTF-8 (no ``\\u`` escapes, so Chinese stays readable), two-space
indentation, a final newline, and no volatile values (the callers keep those out).

The bytes are those of ``json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2)`` plus
a newline. orjson writes them about forty times faster (the standard library's indented
encoder is pure Python, and a long post's record took it 0.4 ms); what orjson would write
differently, or not at all, is left to the standard library:

- orjson writes NaN and infinities as ``null``, and a tuple as a list, so its output is read
  back and compared with the data; any difference sends the data to ``json.dumps``, which
  refuses non-finite numbers;
- integers beyond 64 bits, keys that are not strings and lone surrogates make orjson raise.

Floats are the one value the two write differently (``1e-05`` and ``0.00001``); both read
back as the same number, and the choice is a function of the data alone, so output stays
deterministic. No schema in ``schemas/`` admits a float.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

import orjson

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


def dumps(data: Any) -> bytes:
    """Serialise ``data`` canonically to UTF-8 bytes."""
    try:
        out = orjson.dumps(data, option=_OPTIONS)
    except orjson.JSONEncodeError:
        pass
    else:
        if orjson.loads(out) == data:
            return out
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def sha512_hex(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def listing_digest(folder: str | os.PathLike[str]) -> str:
    """What a folder holds, as an input of a post whose reader looked in it for more than one
    named file (the other WARCs of a crawl): ``listing:`` and the sha256 of the names of its
    entries that are not hidden, sorted, one a line. A file added, removed or renamed there
    is news to the next run; a file changed is news through its own digest."""
    names = sorted(os.fsencode(name) for name in os.listdir(folder)
                   if not name.startswith("."))  # (a .DS_Store a finder wrote is none)
    return "listing:" + hashlib.sha256(b"\n".join(names)).hexdigest()


def utc_now() -> str:
    """Now as the archive writes a time it records (a version's ``created``, when Crossref
    answered): ISO 8601 in UTC to the second, ``2026-12-02T21:40:00Z``. One form, so that
    such times compare as strings."""
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")

