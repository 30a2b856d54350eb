"""``archiver fsck``: the store's fixity and OCFL checks, plus what makes a post a post: each
version's record, provenance and verification valid against the JSON Schemas, and no post the
list index names lost."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archiver import schema
from archiver.errors import ArchiverError
from archiver.index import (
    CITATIONS_NAME,
    INDEX_NAME,
    index_is_stale,
    load_json_extension,
    well_formed,
)
from archiver.model import post_ids
from archiver.ocfl_rules import digests_by_path, stored_file
from archiver.store import (
    DOCUMENT_SCHEMAS,
    Archive,
    FsckReport,
    Problem,
    durable,
    object_root_for,
)

_log = logging.getLogger("archiver.fsck")


@dataclass(frozen=True)
class Checked:
    """One object fsck is done with, in one of its two passes: ``"fixity"`` (every file's
    digest, the OCFL structure) and ``"schemas"`` (each version's documents against the JSON
    Schemas). ``where`` is the object's id (its folder, when its inventory cannot be read);
    ``count``, how many files, or documents, were checked in it; ``problems``, how many were
    found; ``total``, how many objects the pass goes through (a progress bar's)."""

    stage: str
    where: str
    count: int
    problems: int
    total: int

    def said(self) -> str:
        """One line for ``--verbose``."""
        what = ("file(s), each digest computed again" if self.stage == "fixity"
                else "document(s) checked against the schemas")
        found = f"{self.problems} problem(s)" if self.problems else "ok"
        return f"{self.where}: {self.count} {what}: {found}"


def check_archive(archive: Archive, on_checked: Callable[[Checked], None] | None = None
                  ) -> FsckReport:
    """Fixity and OCFL structure (the store's fsck), plus every version's record, provenance
    and verification (citations.json) against the JSON Schemas.

    Only the objects the store could read are checked further, and only posts (ids
    ``wx:…``) must hold a record and a provenance: any other OCFL object in the storage root
    is checked as an OCFL object, never rejected for not being a post.

    ``on_checked`` is told of each object as each pass finishes with it (a checking of a large
    archive takes minutes: its digests are all computed again); so is the logger
    ``archiver.fsck``, at INFO."""

    def checked(step: Checked) -> None:
        _log.info("%s", step.said())
        if on_checked is not None:
            on_checked(step)

    report = archive.fsck(lambda where, count, problems, total: checked(
        Checked("fixity", where, count, problems, total)))
    listed = load_json_extension(archive, INDEX_NAME) or {}
    if not well_formed(listed):  # not an index this tool wrote: it names no lost post
        listed = {}
    for object_id in sorted(set(listed) - set(report.readable)):
        if object_id in report.misplaced:
            continue  # said where it is, and where it belongs
        if not archive.object_path(object_id).exists():
            report.problems.append(Problem(object_id, "the list index names this post, but "
                                           "its object is not in the archive: deleted or moved "
                                           "by hand? (restore it from a backup, or ingest the "
                                           "post again with --refresh)"))
    trusted = not index_is_stale(archive)  # while marked stale, it may lag by design
    lagging: list[Problem] = []  # said once the index is known not to have moved meanwhile
    posts = sorted(post_ids(set(report.readable)))
    for object_id in posts:
        problems = len(report.problems)
        documents = _check_post(archive, object_id, report, listed.get(object_id),
                                trusted, lagging)
        checked(Checked("schemas", object_id, documents, len(report.problems) - problems,
                        len(posts)))
    # a writer that committed while the objects were read moves the index on, or marks it
    # stale, as it goes: what it said then is no news
    if lagging and not index_is_stale(archive) and \
            (load_json_extension(archive, INDEX_NAME) or {}) == listed:
        report.warnings += lagging
    return report


def _check_post(archive: Archive, object_id: str, report: FsckReport,
                listed: dict[str, Any] | None, trusted: bool, lagging: list[Problem]) -> int:
    """Check each version's record, provenance and verification of the post ``object_id``
    against the JSON Schemas, and whether the list index (``listed``: its line there; trusted
    unless marked stale) lags behind its inventory; problems go to ``report``, the index's
    lag to ``lagging``. Returns how many documents were checked."""
    documents = 0
    try:
        versions = archive.versions(object_id)
    except ArchiverError as exc:  # an inventory the commands that read cannot use
        folder = object_root_for(object_id) + "/"
        if not any(p.path.startswith(folder) and "sidecar" in p.message
                   for p in report.problems):  # (a sidecar mismatch is said once)
            report.problems.append(Problem(object_id, exc.message))
        return documents
    said = (listed or {}).get("head")
    if trusted and said is not None and versions and said != versions[-1].number:
        # derived data, not the post's: said, not failed on (an object put back from an
        # older copy fails on its own account)
        lagging.append(Problem(object_id, (
            f"the list index says its head is {said}, its inventory {versions[-1].number}: "
            "the inventory was put back from another copy, the index edited, or a version "
            "committed by another OCFL tool or through the library, which leave the index "
            "alone (the next ingest of the post brings it up to date; `list` shows "
            "the index; delete extensions/archiver-index/index.json to have it rebuilt "
            "from the objects once they are right)")))
    inventory = archive.inventory(object_id)
    # (the stored files' digests, by content path, once for all the versions)
    fixity = inventory.get("fixity")
    stored = _Stored(inventory.get("digestAlgorithm") == "sha512",
                     digests_by_path(inventory.get("manifest")),
                     digests_by_path(fixity.get("sha256") if isinstance(fixity, dict) else None),
                     archive.object_path(object_id))
    if not any("record.json" in version.state for version in versions):
        # no version ever held a post: another OCFL tool's object where a post's id puts it,
        # valid as OCFL (checked above), nothing in it damaged: a warning, said once
        report.warnings.append(Problem(object_id, (
            "no version holds a record.json: it is no post archiver made (another OCFL "
            "tool's object, under a post's id?); archiver adds no version to it, and an "
            "ingest of the post it would be fails")))
        return documents
    for version in versions:
        read: dict[str, Any] = {}
        for name in ("record.json", "provenance.json", CITATIONS_NAME):
            if name not in version.state:
                if name != CITATIONS_NAME:  # a post never verified has none
                    report.problems.append(Problem(f"{object_id} {version.number}",
                                                   f"{name} is missing"))
                continue
            try:
                document = json.loads(archive.read_bytes(object_id, name, version.number,
                                                         verify=False))
            except (OSError, ValueError, ArchiverError) as exc:
                report.problems.append(Problem(f"{object_id} {version.number} {name}",
                                               f"unreadable: {exc}"))
                continue
            documents += 1
            read[name] = document
            for message in schema.errors(DOCUMENT_SCHEMAS[name], document):
                report.problems.append(Problem(f"{object_id} {version.number} {name}",
                                               message))
            if name == "record.json" and trusted and listed and said == version.number == \
                    versions[-1].number and isinstance(document, dict):
                lagging += _listed_unlike_the_record(object_id, listed, document)
        report.problems += _claims_unlike_the_files(f"{object_id} {version.number}",
                                                    version.state, stored, read)
    return documents


@dataclass(frozen=True)
class _Stored:
    """An object's stored files' digests, as its inventory gives them (by content path, in
    small letters): whether its manifest is of sha512, the manifest's, and the sha256 fixity
    block's."""

    sha512: bool
    manifest: dict[str, str]
    sha256: dict[str, str]
    folder: Path  # the object's, where a file the fixity block does not name is read

    def sha256_of(self, content: str) -> str | None:
        """A stored file's sha256: the fixity block's, or, for a file it does not name (a
        version another OCFL tool added, which writes no sha256 fixity), its bytes'."""
        if content in self.sha256:
            return self.sha256[content]
        path = stored_file(self.folder, content)  # (a link, a pipe, gone: the store's check
        if path is None:  # says what it is)
            return None
        try:
            return durable.digest_file(path, "sha256")
        except OSError:
            return None


def _claims_unlike_the_files(where: str, state: dict[str, str], stored: _Stored,
                             documents: dict[str, Any]) -> list[Problem]:
    """Where a version's record or provenance states a digest of one of its files other than
    the file's own: the source's sha512 (``provenance.json``) against the inventory's digest
    of ``source/…``, and each stored image's sha256 (``record.json``) against its fixity
    entry and its name (``assets/<sha256>.jpg``). The store's check has computed both of the
    inventory's digests from the bytes; a file changed and its inventory written again to
    match (by hand, or by a tool that regenerates inventories) passes it, and its record's
    claims were false while fsck said ok."""
    problems: list[Problem] = []
    state = {logical: str(digest).lower() for logical, digest in state.items()}
    provenance, record = documents.get("provenance.json"), documents.get("record.json")
    source = provenance.get("source") if isinstance(provenance, dict) else None
    if isinstance(source, dict) and stored.sha512:
        logical, claimed = source.get("logical_path"), source.get("sha512")
        if isinstance(logical, str) and logical in state and isinstance(claimed, str) and \
                state[logical] != claimed.lower():
            problems.append(Problem(f"{where} provenance.json", (
                f"source.sha512 says {claimed[:16]}…, the stored {logical} is "
                f"{state[logical][:16]}…: the file, or what was said of it, was changed")))
    images = record.get("images") if isinstance(record, dict) else None
    if not isinstance(images, list):
        return problems
    for n, image in enumerate(images):
        asset = image.get("asset") if isinstance(image, dict) else None
        claimed = image.get("sha256") if isinstance(image, dict) else None
        if not isinstance(asset, str) or not isinstance(claimed, str) or asset not in state:
            continue
        claimed = claimed.lower()
        held = sorted({sha256 for path, digest in stored.manifest.items()
                       if digest == state[asset]
                       and (sha256 := stored.sha256_of(path)) is not None})
        if held and claimed not in held:
            problems.append(Problem(f"{where} record.json", (
                f"images[{n}].sha256 says {claimed[:16]}…, the stored {asset} is "
                f"{held[0][:16]}…: the file, or what was said of it, was changed")))
        elif claimed not in asset.rsplit("/", 1)[-1].lower():
            problems.append(Problem(f"{where} record.json", (
                f"images[{n}].sha256 {claimed[:16]}… is not the digest its file is named by "
                f"({asset})")))
    return problems


# what ``list`` shows of a post (and filters it by) from the list index, read from its head's
# record: the index's word for it is checked against the record's
_LISTED_FIELDS = {"title": lambda r: r.get("title"), "published": lambda r: r.get("published"),
                  "kind": lambda r: r.get("kind"),
                  "account": lambda r: (r.get("account") or {}).get("name")
                  if isinstance(r.get("account"), dict) else None}


def _listed_unlike_the_record(object_id: str, listed: dict[str, Any],
                              record: dict[str, Any]) -> list[Problem]:
    """The fields where the list index's line of a post says other than its head's record
    (the index edited, or damaged in a way that left it JSON): ``list`` and its filters
    would give them, while ``show`` gives the record's."""
    differ = [field for field, of in _LISTED_FIELDS.items()
              if field in listed and listed[field] != of(record)]
    if not differ:
        return []
    said = "; ".join(f"{field} {json.dumps(listed[field], ensure_ascii=False)}, its record "
                     f"{json.dumps(_LISTED_FIELDS[field](record), ensure_ascii=False)}"
                     for field in differ)
    return [Problem(object_id, f"the list index says its {said} (`list` shows the index; "
                               "delete extensions/archiver-index/index.json to have it rebuilt "
                               "from the records)")]

