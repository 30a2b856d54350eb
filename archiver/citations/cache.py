"""An on-disk cache of raw Crossref messages, so re-runs are fast, offline-capable and
deterministic in CI.

Only successful messages are stored (never an error: a 404 today may be registered tomorrow).
Works are keyed by DOI (lower case); searches by the exact query. Each entry keeps the message
as Crossref sent it, the server it came from and when: the evidence a verification rests on.
The folder is ``ARCHIVER_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/archiver`` — never the
working directory. Writes are atomic (temporary file, then rename), so a crash or two
processes at once cannot leave a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson


def _loads(raw: bytes) -> Any:
    """orjson, several times faster at the records a re-run reads; the standard library for
    what orjson refuses (a lone surrogate escape, NaN, a number beyond a double's range)."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


@dataclass(frozen=True)
class Entry:
    message: dict[str, Any]
    source: str  # the API base URL the message came from
    fetched: str  # ISO 8601 UTC


class Cache:
    def __init__(self, root: Path, memory: int = 4096):
        self.root = Path(root)
        self._memory: OrderedDict[tuple[str, str], Entry] = OrderedDict()
        self._limit = memory  # entries also kept in memory: a run re-reads popular DOIs
        self._lock = threading.Lock()

    def _path(self, kind: str, key: str) -> Path:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return self.root / "crossref" / kind / digest[:2] / f"{digest}.json"

    def get(self, kind: str, key: str) -> Entry | None:
        with self._lock:
            if (kind, key) in self._memory:
                self._memory.move_to_end((kind, key))
                return self._memory[(kind, key)]
        try:
            data = _loads(self._path(kind, key).read_bytes())
            entry = Entry(message=data["message"], source=data["source"],
                          fetched=data["fetched"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or unreadable: treated as a miss, fetched again
        self._remember(kind, key, entry)
        return entry

    def _remember(self, kind: str, key: str, entry: Entry) -> None:
        with self._lock:
            self._memory[(kind, key)] = entry
            while len(self._memory) > self._limit:
                self._memory.popitem(last=False)

    def put(self, kind: str, key: str, entry: Entry) -> None:
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"key": key, "source": entry.source, "fetched": entry.fetched,
                           "message": entry.message}, ensure_ascii=False, sort_keys=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._remember(kind, key, entry)

    def work(self, doi: str) -> Entry | None:
        return self.get("works", doi.lower())

    def put_work(self, doi: str, entry: Entry) -> None:
        self.put("works", doi.lower(), entry)
