"""``archiver fsck``: the store's fixity and OCFL checks, plus what makes a post a post: each
version's record, provenance and verification valid against the JSON Schemas, and no post the
list index names lost."""

from __future__ import annotations

import json

from archiver import schema
from archiver.errors import ArchiverError
from archiver.index import (
    CITATIONS_NAME,
    INDEX_NAME,
    POST_ID_PREFIX,
    index_is_stale,
    load_json_extension,
    well_formed,
)
from archiver.store import DOCUMENT_SCHEMAS, Archive, FsckReport, Problem, object_root_for


def check_archive(archive: Archive) -> FsckReport:
    """Fixity and OCFL structure (the store's fsck), plus every version's record, provenance
    and verification (citations.json) against the JSON Schemas.

    Only the objects the store could read are checked further, and only posts (ids
    ``wx:…``) must hold a record and a provenance: any other OCFL object in the storage root
    is checked as an OCFL object, never rejected for not being a post."""
    report = archive.fsck()
    listed = load_json_extension(archive, INDEX_NAME) or {}
    if not well_formed(listed):  # not an index this tool wrote: it names no lost post
        listed = {}
    for object_id in sorted(set(listed) - set(report.readable)):
        if not archive.object_path(object_id).exists():
            report.problems.append(Problem(object_id, "the list index names this post, but "
                                           "its object is not in the archive: deleted or moved "
                                           "by hand? (restore it from a backup, or ingest the "
                                           "post again with --refresh)"))
    trusted = not index_is_stale(archive)  # while marked stale, it may lag by design
    lagging: list[Problem] = []  # said once the index is known not to have moved meanwhile
    for object_id in sorted(set(report.readable)):
        if not object_id.startswith(POST_ID_PREFIX):
            continue
        try:
            versions = archive.versions(object_id)
        except ArchiverError as exc:  # an inventory the commands that read cannot use
            folder = object_root_for(object_id) + "/"
            if not any(p.path.startswith(folder) and "sidecar" in p.message
                       for p in report.problems):  # (a sidecar mismatch is said once)
                report.problems.append(Problem(object_id, exc.message))
            continue
        said = (listed.get(object_id) or {}).get("head")
        if trusted and said is not None and versions and said != versions[-1].number:
            # derived data, not the post's: said, not failed on (an object put back from an
            # older copy fails on its own account)
            lagging.append(Problem(object_id, (
                f"the list index says its head is {said}, its inventory {versions[-1].number}: "
                "the inventory was put back from another copy, the index edited, or a version "
                "committed through the library, which leaves the index alone (`list` shows "
                "the index; delete extensions/archiver-index/index.json to have it rebuilt "
                "from the objects once they are right)")))
        for version in versions:
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
                for message in schema.errors(DOCUMENT_SCHEMAS[name], document):
                    report.problems.append(Problem(f"{object_id} {version.number} {name}",
                                                   message))
    # a writer that committed while the objects were read moves the index on, or marks it
    # stale, as it goes: what it said then is no news
    if lagging and not index_is_stale(archive) and \
            (load_json_extension(archive, INDEX_NAME) or {}) == listed:
        report.warnings += lagging
    return report
