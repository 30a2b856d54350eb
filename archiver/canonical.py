"""Canonical JSON: the same data always serialises to the same bytes.

Records are compared by digest to decide whether a post changed, so their serialisation must be
deterministic: sorted keys, UTF-8 (no ``\\u`` escapes, so Chinese stays readable), two-space
indentation, a final newline, and no volatile values (the callers keep those out).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def dumps(data: Any) -> bytes:
    """Serialise ``data`` canonically to UTF-8 bytes."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def sha512_hex(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
