"""The package version, and a digest of its code, in a module of its own so every layer
may import them."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

__version__ = "0.1.0"


@functools.cache
def code_fingerprint() -> str:
    """A digest (sha256) of the code, schemas and the reference tagger's model that turn a
    saved post into a record, and a citation into a verdict. The version number names a
    release, not the code between two: a provenance that names both says which code made a
    version (the same source re-read by other code is a new version whose provenance says
    so), and a receipt made by other code (an upgrade, or a fix during development) never
    vouches for this one."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    # (the reference tagger's model too: verify's and refs parse's readings come from it)
    for path in sorted([*package.rglob("*.py"), *(package / "schemas").glob("*.json"),
                        *package.glob("citations/models/*.crfsuite")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
