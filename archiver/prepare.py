"""One post made ready to store, without touching the archive: read, cleaned, its images
localised (:func:`extract_post`, which a worker process of ``ingest --jobs`` may do), then its
record and provenance built, keyed, filed and validated (:func:`finish_post`)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html

from archiver import readers, schema
from archiver.assets import Session, localise, new_session
from archiver.canonical import dumps, sha512_hex
from archiver.clean import clean
from archiver.config import Config
from archiver.discover import shown
from archiver.export.works import new_post_key
from archiver.model import ERROR_KINDS, Asset, CleanPost, RawPost
from archiver.readers import wechat_html
from archiver.record import (
    Identity,
    body_of,
    build_provenance,
    build_record,
    identity_of,
    names_of,
    safe_source_name,
)
from archiver.urls import scheme_lowered

# ``--verbose``: the steps of an ingest (the library only logs them: archiver.cli.steps)
_log = logging.getLogger("archiver.ingest")


@dataclass
class Prepared:
    """Everything a post will be stored as, computed without touching the archive."""

    object_id: str
    record: dict[str, Any]
    files: dict[str, bytes]
    record_digest: str
    source_sha512: str | Future[str]  # still being computed beside, perhaps
    title: str | None
    kind: str
    warnings: list[str] = field(default_factory=list)
    inputs: dict[str, str | None] = field(default_factory=dict)
    retry_fetch: bool = False  # some remote image was not obtained
    # whether the archive took this save for another save of the post than the head's (the
    # receipts', or the files' names, decision in held.already_archived): None until asked
    another_save: bool | None = None
    # ``ingest --as-head``: the earlier version that holds this save, whose images a new
    # version takes where the save lacks them (the head may be a copy cut short)
    held_by: str | None = None
    # the sha256 of some files, computed from these same bytes (the images' content
    # addresses; the source's receipt digest): the archive's fixity block takes them as they are
    sha256: dict[str, str] = field(default_factory=dict)
    # the digests of the object's stored copies compared with these files before the commit
    shared_checked: frozenset[str] = frozenset()
    # files of the head that are none of the post's (another tool added them): kept
    kept: frozenset[str] = frozenset()
    aliases: list[str] = field(default_factory=list)  # the post's other ids (provenance)
    zone_unknown: bool = False  # its publish time was shown in the saving browser's zone
    offset_known: bool = False  # …and read at the UTC offset the save recorded
    # other pages of its file that could not be read (URL, why): reported as failed inputs
    lost: tuple[tuple[str, str], ...] = ()

    @property
    def source_digest(self) -> str:
        """The source's sha512 (resolved once, when first asked)."""
        if isinstance(self.source_sha512, Future):
            self.source_sha512 = self.source_sha512.result()
        return self.source_sha512

    @functools.cached_property
    def digests(self) -> dict[str, str]:
        """The sha512 of every file but the provenance, each computed once: the record's and
        the source's were computed with the record, the images' are computed here, when the
        archive first needs them (is this post unchanged? then the commit)."""
        known = {"record.json": self.record_digest}
        known.update((p, self.source_digest) for p in self.files if p.startswith("source/"))
        return {p: known.get(p) or sha512_hex(data) for p, data in self.files.items()
                if p != "provenance.json"}


def prepare(path: Path, config: Config, session: Session | None = None,
            event_time: str | None = None, validate: bool = True) -> Prepared:
    """Read, clean, localise and (unless told not to) validate the (first) post in ``path``;
    raises InputError for bad input and SchemaError (a bug) for an invalid record."""
    return prepare_post(readers.read(path), path, config, session, event_time, validate)


def prepare_all(path: Path, config: Config, session: Session | None = None,
                validate: bool = True, key_for: KeyFor | None = None,
                data: bytes | None = None, file_as: FileAs | None = None,
                source_path: str | None = None,
                place: Callable[[str], str] | None = None,
                file_as_for: Callable[[int], FileAs] | None = None) -> list[Prepared]:
    """Every post in ``path`` (a WARC may hold several). ``file_as_for``, given how many
    posts the file holds, gives the ``file_as`` they are filed by (instead of ``file_as``)."""
    raws = list(readers.read_all(path, data))
    if file_as_for is not None:
        file_as = file_as_for(len(raws))
    return [prepare_post(raw, path, config, session, None, validate, key_for, file_as,
                         source_path, place)
            for raw in raws]


KeyFor = Callable[[dict[str, Any]], str]
# (the post's own id, its other names, the id an earlier rule gave it, its text) → (the object
# to file it in, the names to record)
FileAs = Callable[[str, list[str], str | None, str], tuple[str, list[str]]]


def default_key(record: dict[str, Any]) -> str:
    """A post's citation key from its byline (or account), year and title."""
    return new_post_key(record)


def prepare_post(raw: RawPost, path: Path, config: Config,
                 session: Session | None = None, event_time: str | None = None,
                 validate: bool = True, key_for: KeyFor | None = None,
                 file_as: FileAs | None = None, source_path: str | None = None,
                 place: Callable[[str], str] | None = None) -> Prepared:
    """Clean, localise, build and validate one post a reader found. ``key_for`` gives the
    record's citation key (the archive keeps keys unique and never changes one given);
    ``file_as`` the object it goes in (the archive may know the post by another name);
    ``source_path`` the saved file's path as the archive names it (relative to it), and
    ``place`` each local image file's."""
    return finish_post(extract_post(raw, config, session), path, event_time, validate,
                       key_for, file_as, source_path, place)


@dataclass
class Extracted:
    """One post read, cleaned and its images localised: the whole of its preparation that
    needs neither the archive nor the run's state (the keys given, the objects known), and
    so may be done in another process (``ingest --jobs``)."""

    raw: RawPost
    post: CleanPost
    assets: list[Asset]
    inputs: dict[str, str | None]  # the local files looked at: resolved path → sha256
    identity: Identity
    names: list[str]
    body: tuple[list[dict[str, Any]], list[dict[str, Any]]]  # the record's (record.body_of)
    data_is_input: bool = False  # raw.data left out: it is the bytes of the file read


def extract_post(raw: RawPost, config: Config,
                 session: Session | None = None) -> Extracted:
    """Clean the post a reader found and localise its images."""
    post = clean(raw)
    inputs: dict[str, str | None] = dict(raw.inputs)  # (another WARC of its crawl)
    container = raw.container or {}
    assets: list[Asset] = localise(post.images, raw.base_dir, config, session, inputs,
                                   raw.resources, container.get("page") or container.get("uri"),
                                   local_files=raw.container is None, damaged=raw.damaged)
    identity = identity_of(post, raw)
    if _log.isEnabledFor(logging.INFO):
        _say_extracted(raw, post, assets)
    return Extracted(raw, post, assets, inputs, identity, names_of(post, identity),
                     body_of(post))


def _say_extracted(raw: RawPost, post: CleanPost, assets: list[Asset]) -> None:
    """``--verbose``: which reader read the post, what cleaning made of it, and where each
    of its images came from (or why it is missing)."""
    title = post.meta.get("title")
    _log.info("%s: read by the %s reader: %s %s, %d block(s), %d image(s); cleaned by %s",
              shown(raw.path), raw.format, raw.kind,
              f"“{title.value}”" if title is not None else "(untitled)", len(post.blocks),
              len(assets), ", ".join(post.steps) or "no step")
    for number, asset in enumerate(assets, 1):
        if asset.status == "stored":  # (stored with the post, unless it is found unchanged)
            _log.info("%s: image %d is %s (%s, %s×%s), from %s", shown(raw.path), number,
                      asset.logical_path, asset.media_type, asset.width, asset.height,
                      _source_of(asset))
        else:
            _log.info("%s: image %d missing: %s (%s)", shown(raw.path), number, asset.reason,
                      asset.original)  # (a data: URI summarised already)


# the HTTP session of a worker process (one per process, made when it first fetches)
_worker_session: Session | None = None


def _source_of(asset: Asset) -> str:
    """Where an image's bytes came from, as ``--verbose`` says it: the file or URL, the
    data: URI the page holds (as the record summarises it), or the container's copy of its
    address."""
    if asset.origin == "container":
        return f"the container's copy of {asset.original}"
    if asset.origin == "data: URI" or not asset.origin:
        return asset.original  # (a data: URI summarised already, as the record gives it)
    return asset.origin


def extract_file(path: Path, data: bytes, config: Config) -> list[Extracted]:
    """Every post in the file at ``path`` (``data``, its bytes) extracted: the work of a
    worker process of ``ingest --jobs``. What it gives back crosses to the run's process
    pickled, so it leaves out what cannot or need not cross: the parsed page (lxml's, tied to
    this process), the container's files (used up by localising its images) and the saved
    file's own bytes (which the run has: put back by :func:`with_input`); the source's
    digest is computed (or waited for, computed beside) here."""
    global _worker_session
    if config.fetch and _worker_session is None:
        _worker_session = new_session()
    out: list[Extracted] = []
    for raw in readers.read_all(path, data):
        extracted = extract_post(raw, config, _worker_session)
        extracted.raw = replace(raw, body_tree=None, resources={}, sha512=raw.data_sha512,
                                data=b"" if raw.data is data else raw.data)
        extracted.data_is_input = raw.data is data
        out.append(extracted)
    return out


def with_input(extracted: Extracted, data: bytes) -> Extracted:
    """``extracted`` (from :func:`extract_file`) holding the saved file's bytes again."""
    if extracted.data_is_input:
        extracted.raw = replace(extracted.raw, data=data)
        extracted.data_is_input = False
    return extracted


def finish_post(extracted: Extracted, path: Path, event_time: str | None = None,
                validate: bool = True, key_for: KeyFor | None = None,
                file_as: FileAs | None = None, source_path: str | None = None,
                place: Callable[[str], str] | None = None) -> Prepared:
    """Build and validate the record of a post extracted, filed and keyed by the run
    (``source_path``: as :func:`prepare_post`; ``place``: how the archive names a local
    file an image was read from, as :func:`~archiver.record.build_provenance` takes it)."""
    raw, post, assets, inputs, identity, names = (
        extracted.raw, extracted.post, extracted.assets, extracted.inputs, extracted.identity,
        extracted.names)
    object_id, aliases = (file_as(identity.object_id, names, identity.earlier, post.text)
                          if file_as else (identity.object_id, names))
    if object_id == identity.earlier:  # filed as the earlier rule named it: recorded so, as
        # then (the same post re-ingested is unchanged)
        identity = identity.as_earlier()
    record = build_record(raw, post, assets, identity, object_id, extracted.body)
    record["citation_key"] = (key_for or default_key)(record)
    if validate:
        schema.validate("record", record, path=str(path))
    source_name = safe_source_name(path)
    provenance = build_provenance(raw, post, assets, identity, source_name,
                                  event_time or datetime.now(UTC).isoformat(), aliases,
                                  source_path, place)
    if validate:
        schema.validate("provenance", provenance, path=str(path))
    record_bytes = dumps(record)
    files: dict[str, bytes] = {"record.json": record_bytes, "provenance.json": dumps(provenance),
                               f"source/{source_name}": raw.data}
    sha256: dict[str, str] = {}
    for asset in assets:
        if asset.status == "stored" and asset.logical_path and asset.data is not None:
            files[asset.logical_path] = asset.data
            if asset.sha256:
                sha256[asset.logical_path] = asset.sha256
    warnings = [*raw.warnings, *(missing_image_warning(i, a.reason) for i, a in enumerate(assets)
                                 if a.status == "missing")]
    if raw.kind in ERROR_KINDS:
        warnings.insert(0, f"the post is {raw.kind}: recorded as such, no body")
    elif not record["blocks"]:
        media = media_only(raw)
        warnings.insert(0, EMPTY_BODY if not media else
                        f"the post's body holds no text and no image, only {', '.join(media)}"
                        f" (a video, audio or card this tool keeps no copy of)")
    retry = any(a.status == "missing"
                and scheme_lowered(a.original).startswith(("http://", "https://", "//"))
                for a in assets)
    published = post.meta.get("published")
    shown = published.source if published is not None else ""  # where its time was read
    return Prepared(object_id=object_id, record=record, files=files,
                    record_digest=sha512_hex(record_bytes),
                    source_sha512=raw.sha512 or raw.data_sha512,
                    title=record.get("title"), kind=record["kind"], warnings=warnings,
                    inputs=inputs, retry_fetch=retry, sha256=sha256, aliases=aliases,
                    zone_unknown=shown.startswith(wechat_html.SHOWN_TIME),
                    offset_known=shown.startswith(wechat_html.SHOWN_TIME)
                    and shown != wechat_html.SHOWN_TIME, lost=raw.lost)


# A post whose body holds nothing (a page saved before WeChat's script filled its
# ``#js_content``, an export of the front matter alone) is archived as it is, but never in
# silence: its record looks like a post with no text, which no post is.
EMPTY_BODY = ("the post's body is empty: no text and no image (saved before the page had "
              "loaded?); the record keeps it empty: save the post again and ingest that")


# What a post's body may hold besides text and images: a video (WeChat's own, Tencent
# Video's, a Channels card), audio (mpvoice, QQ Music), a mini-program or account card, a
# drawing. A post made of these alone is no empty save: saving it again gives the same.
_MEDIA = ("iframe", "video", "audio", "embed", "object", "svg", "mpvoice", "qqmusic",
          "mpvideosnap", "mp-common-videosnap", "mp-common-mpaudio", "mp-miniprogram",
          "mp-common-profile", "mpprofile")


def media_only(raw: RawPost) -> list[str]:
    """The kinds of media element (``<iframe>``, ``<mpvoice>``…) in the body of a post whose
    record has no block, in document order, each once."""
    tree = raw.body_tree
    if tree is None:
        if not raw.body_html or not raw.body_html.strip():
            return []
        tree = lxml.html.fragment_fromstring(raw.body_html, create_parent="div")
    found = tree.xpath(" | ".join(f".//*[local-name()='{name}']" for name in _MEDIA))
    return [f"<{name}>" for name in dict.fromkeys(element.tag for element in found)
            if isinstance(name, str)]


def missing_image_warning(index: int, reason: str | None) -> str:
    """The warning for the ``index``-th image of a post (from 0) missing for ``reason``."""
    return f"image {index + 1} missing: {reason}"
