"""read → clean → assets → record → validate → store, one post at a time.

:func:`ingest_paths` yields one :class:`IngestResult` per input file. A post that cannot be
read is a ``failed`` result carrying the error; it never stops the run, and nothing of it is
written. The archive's write lock is held for the whole run.

"Did the post change?" compares the new record (and its assets) with what the object holds:
- the same record digest and asset set as the head version → ``unchanged``;
- the same source bytes already produced this very record in an earlier version (the same post
  saved in two forms, ingested alternately) → ``unchanged``;
- otherwise a new version (``updated``), or a new object (``added``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import requests

from archiver import readers, schema
from archiver.assets import localise
from archiver.canonical import dumps, sha512_hex
from archiver.clean import clean
from archiver.config import Config
from archiver.errors import ArchiverError, InputError
from archiver.model import ERROR_KINDS, Asset
from archiver.record import (build_provenance, build_record, identity_of, safe_source_name)
from archiver.store import Archive

INDEX_NAME = "index.json"


@dataclass(frozen=True)
class IngestResult:
    source: str
    status: str  # added | updated | unchanged | failed | unavailable
    object_id: str | None = None
    version: str | None = None
    title: str | None = None
    kind: str | None = None
    warnings: tuple[str, ...] = ()
    error: ArchiverError | None = None

    @property
    def record_path(self) -> str | None:
        if self.object_id is None or self.version is None:
            return None
        return f"{self.version}/content/record.json"

    def to_json(self, archive: Archive | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "status": self.status, "id": self.object_id,
                               "version": self.version, "title": self.title, "kind": self.kind,
                               "warnings": list(self.warnings)}
        if archive is not None and self.object_id and self.version:
            real = archive.content_path(self.object_id, "record.json", self.version)
            out["record"] = os.path.relpath(real, archive.root)
        if self.error is not None:
            out["error"] = str(self.error)
            if self.error.hint:
                out["hint"] = self.error.hint
        return out


@dataclass
class Prepared:
    """Everything a post will be stored as, computed without touching the archive."""

    object_id: str
    record: dict[str, Any]
    files: dict[str, bytes]
    record_digest: str
    source_digest: str
    title: str | None
    kind: str
    warnings: list[str] = field(default_factory=list)


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to ingest: given files as they are; folders walked recursively, in sorted order,
    skipping hidden folders and the ``*_files`` asset folders browsers write."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not d.endswith("_files"))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if readers.is_candidate(candidate) and not name.startswith("."):
                        yield candidate
        else:
            yield path


def prepare(path: Path, config: Config, session: requests.Session | None = None,
            event_time: str | None = None) -> Prepared:
    """Read, clean, localise and validate one post; raises InputError for bad input."""
    raw = readers.read(path)
    post = clean(raw)
    assets: list[Asset] = localise(post.images, raw.base_dir, config, session)
    identity = identity_of(post, raw)
    record = build_record(raw, post, assets, identity)
    schema.validate("record", record, path=str(path))
    source_name = safe_source_name(path)
    provenance = build_provenance(raw, post, assets, identity, source_name,
                                  event_time or datetime.now(timezone.utc).isoformat())
    schema.validate("provenance", provenance, path=str(path))
    record_bytes = dumps(record)
    files: dict[str, bytes] = {"record.json": record_bytes, "provenance.json": dumps(provenance),
                               f"source/{source_name}": raw.data}
    for asset in assets:
        if asset.status == "stored" and asset.logical_path and asset.data is not None:
            files[asset.logical_path] = asset.data
    warnings = [f"image {i + 1} missing: {a.reason}" for i, a in enumerate(assets)
                if a.status == "missing"]
    if raw.kind in ERROR_KINDS:
        warnings.insert(0, f"the post is {raw.kind}: recorded as such, no body")
    return Prepared(object_id=identity.object_id, record=record, files=files,
                    record_digest=sha512_hex(record_bytes), source_digest=sha512_hex(raw.data),
                    title=record.get("title"), kind=record["kind"], warnings=warnings)


def _assets_of(state: dict[str, str]) -> set[str]:
    return {digest for path, digest in state.items() if path.startswith("assets/")}


def _already_archived(archive: Archive, prepared: Prepared) -> str | None:
    """The version that already holds exactly this result, if any (see module docstring)."""
    if not archive.exists(prepared.object_id):
        return None
    versions = archive.versions(prepared.object_id)
    new_assets = {sha512_hex(data) for p, data in prepared.files.items() if p.startswith("assets/")}
    head = versions[-1]
    if head.state.get("record.json") == prepared.record_digest and \
            _assets_of(head.state) == new_assets:
        return head.number
    for version in versions:
        if (version.state.get("record.json") == prepared.record_digest
                and prepared.source_digest in version.state.values()
                and _assets_of(version.state) == new_assets):
            return version.number
    return None


def store(archive: Archive, prepared: Prepared, source: str) -> IngestResult:
    existing = _already_archived(archive, prepared)
    unavailable = prepared.kind in ERROR_KINDS
    if existing:
        return IngestResult(source=source, status="unchanged", object_id=prepared.object_id,
                            version=existing, title=prepared.title, kind=prepared.kind,
                            warnings=tuple(prepared.warnings))
    is_new = not archive.exists(prepared.object_id)
    message = f"ingest {Path(source).name}"
    result = archive.commit(prepared.object_id, prepared.files, message=message)
    status = "unavailable" if unavailable else ("added" if is_new else "updated")
    update_index(archive, prepared.object_id, prepared.record, result.version)
    return IngestResult(source=source, status=status, object_id=prepared.object_id,
                        version=result.version, title=prepared.title, kind=prepared.kind,
                        warnings=tuple(prepared.warnings))


def index_entry(record: dict[str, Any], head: str) -> dict[str, Any]:
    return {"title": record.get("title"), "account": (record.get("account") or {}).get("name"),
            "published": record.get("published"), "kind": record.get("kind"), "head": head,
            "versions": int(head.lstrip("v"))}


def load_index(archive: Archive) -> dict[str, Any]:
    import json
    data = archive.read_extension_file(INDEX_NAME)
    if data is None:
        return rebuild_index(archive)
    try:
        return json.loads(data)
    except ValueError:
        return rebuild_index(archive)


def rebuild_index(archive: Archive) -> dict[str, Any]:
    """The list index is derived data: it can always be rebuilt from the objects."""
    import json
    index: dict[str, Any] = {}
    for object_id in archive.object_ids():
        head = archive.head(object_id)
        record = json.loads(archive.read_bytes(object_id, "record.json"))
        index[object_id] = index_entry(record, head)
    return index


def update_index(archive: Archive, object_id: str, record: dict[str, Any], head: str) -> None:
    index = load_index(archive)
    index[object_id] = index_entry(record, head)
    archive.write_extension_file(INDEX_NAME, dumps(index))


def ingest_paths(paths: Iterable[Path], config: Config, *,
                 on_result: Callable[[IngestResult], None] | None = None,
                 wait: bool = False) -> list[IngestResult]:
    """Ingest files and folders into the configured archive; one result per file."""
    files = list(discover(paths))
    archive = Archive.open(config.archive, create=True)
    results: list[IngestResult] = []
    session = requests.Session() if config.fetch else None
    with archive.writer(wait=wait):
        for path in files:
            try:
                prepared = prepare(path, config, session)
                result = store(archive, prepared, str(path))
            except InputError as exc:
                result = IngestResult(source=str(path), status="failed", error=exc)
            results.append(result)
            if on_result:
                on_result(result)
    return results
