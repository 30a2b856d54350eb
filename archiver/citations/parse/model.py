"""The tagger: a linear-chain CRF (python-crfsuite) trained by ``bench/train_refs.py``, loaded
lazily, once, from ``archiver/citations/models/``; without it every token is ``other`` and only
the DOI and the year are found.
"""

from __future__ import annotations

import _thread
import os
import warnings

from archiver.citations.parse.token_features import features
from archiver.citations.parse.tokens import Token

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


FIELDS = ("author", "title", "container", "volume", "issue", "page", "year", "doi")
# what the tagger may answer: a field, "other" before any field, "o-<field>" after one
LABELS = (*FIELDS, "other", *(f"o-{f}" for f in FIELDS))


_LOCK = _thread.allocate_lock()
_TAGGER: Any = None
_LOADED = False

MODEL_FILE = "refs.crfsuite"  # in archiver/citations/models/, written by bench/train_refs.py


def _open_model(tagger: Any) -> None:
    """Open the packaged model: from the package folder when it is one on disk (no import
    cost), else through importlib.resources (zip imports and other loaders; the temporary copy
    can go once opened, because CRFsuite reads the whole file into memory)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # archiver/citations
    here = os.path.join(package, "models", MODEL_FILE)
    if os.path.isfile(here):
        tagger.open(here)
        return
    import importlib.resources

    ref = importlib.resources.files("archiver.citations") / "models" / MODEL_FILE
    with importlib.resources.as_file(ref) as path:
        tagger.open(str(path))


def _tagger() -> Any:
    """The CRFsuite tagger, opened once. None (with one warning) when the model is missing, so
    that parsing degrades to DOI and year instead of failing every call."""
    global _TAGGER, _LOADED
    if _LOADED:
        return _TAGGER
    with _LOCK:
        if not _LOADED:
            try:
                import pycrfsuite

                tagger = pycrfsuite.Tagger()
                _open_model(tagger)
                _TAGGER = tagger
            except (OSError, ImportError, ValueError) as exc:
                warnings.warn(f"reference model unavailable ({exc}); parsing DOIs and years only",
                              RuntimeWarning, stacklevel=3)
                _TAGGER = None
            _LOADED = True
    return _TAGGER


def tag(tokens: list[Token]) -> list[str]:
    """One label per token (all ``other`` when no model is available)."""
    if not tokens:
        return []
    tagger = _tagger()
    if tagger is None:
        return ["other"] * len(tokens)
    feats = features(tokens)
    with _LOCK:  # a CRFsuite tagger holds per-call state
        return list(tagger.tag(feats))
