"""An OCFL 1.1 storage root: one versioned object per post, written crash-safely.

Why write this rather than use a library: the OCFL libraries for Python validate well but do not
promise crash safety or a writer lock, and both matter more to an archive than anything else.
The store knows nothing about posts; it stores *files* (logical path → bytes) under an object
id and keeps the OCFL rules (what an inventory must be is checked in :mod:`archiver.ocfl_rules`):

- storage root declaration ``0=ocfl_1.1`` and the layout extension
  ``0003-hash-and-id-n-tuple-storage-layout`` (sha256 of the id, 3×3 tuples, then the
  percent-encoded id), so a person can find an object on disk from its id;
- each object has ``0=ocfl_object_1.1``, ``inventory.json`` with sha512 digests, a
  ``sha256`` fixity block, and a sidecar digest file; every version directory holds a copy of
  the inventory as it was when that version was made;
- content is deduplicated: a version stores only bytes the object does not already hold.

Crash safety (design §5, §8). A commit adds one version to one object, or one to each of
several (an ingest groups the posts it stores, so that the syncs are paid once a group, not
once a post). It is staged in ``extensions/archiver-staging/<id>/``, made durable (one
``syncfs`` on Linux, else an fsync of each file and folder), then marked complete by
atomically renaming ``ticket.tmp`` to ``ticket.json``, which lists every version it adds.
Only then is each new version renamed into its object (a new object is renamed in whole),
and the object's root inventory replaced last. Whatever moment a crash hits, recovery (run
whenever a writer takes the lock, and by ``fsck``) finds the staging directory and either
discards it (no ticket: nothing was visible yet) or rolls every version of it forward (ticket
present). Readers never see a half-written object because the root inventory names only
versions that are complete.

One writer at a time: ``extensions/archiver-lock/lock`` is held with ``flock`` for the whole
write; a second writer gets :class:`ArchiveBusy` (exit 5) at once, or waits if asked to.

Its parts: :mod:`~archiver.store.archive` (the :class:`Archive`: opening, the lock, reading,
committing, recovering), :mod:`~archiver.store.checks` (what ``fsck`` checks of the store),
:mod:`~archiver.store.algorithm` (another tool's sha256 object moved to sha512 by the version
added to it),
:mod:`~archiver.store.journal` (the tickets of staged commits),
:mod:`~archiver.store.layout` (where an object lies, and what a folder is) and
:mod:`~archiver.store.durable` (writes that a crash leaves whole or not at all).
"""

from archiver.store.archive import (
    DOCUMENT_SCHEMAS,
    Archive,
    Change,
    CommitResult,
    VersionInfo,
    an_archive,
    versions_said,
)
from archiver.store.checks import FsckReport, Problem
from archiver.store.layout import (
    INDEX,
    LAYOUT,
    LOCK,
    OBJECT_SPEC,
    SPEC,
    STAGING,
    enclosing_ocfl,
    file_in_the_way,
    object_id_named_by,
    object_root_for,
)

__all__ = ["DOCUMENT_SCHEMAS", "INDEX", "LAYOUT", "LOCK", "OBJECT_SPEC", "SPEC", "STAGING",
           "Archive", "Change", "CommitResult", "FsckReport", "Problem", "VersionInfo",
           "an_archive", "enclosing_ocfl", "file_in_the_way", "object_id_named_by",
           "object_root_for", "versions_said"]
