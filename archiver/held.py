"""What an object already holds of a post: whether a save of it, read, adds a version, and
what a new version keeps of the head that this save could not give (fields a save without the
page's scripts lacks, images left behind or not fetched).

"Did the post change?" compares the new record (and its assets) with what the object holds:
- the same record digest and asset set as the head version → ``unchanged``;
- the same source bytes already produced this very record in an earlier version (the same post
  saved in two forms, ingested alternately) → ``unchanged``, unless the head was made from a
  source of the same name (an edit undone: the head must say what the file says now);
- a record that says nothing the head's does not (images it lacks that the head holds, or
  images still missing for another reason: offline, --no-fetch, another working directory)
  → ``unchanged`` (:func:`adds_nothing`);
- otherwise a new version (``updated``), or a new object (``added``).

``ingest --as-head`` (``head_only``) skips the second rule, and the search for an earlier
version that another save says less than: only the head may hold the save; a new version it
makes takes the images the save lacks from the earlier version that held it (the head may be
a copy cut short).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

from archiver import schema
from archiver.assets import EMPTY_PLACEHOLDER
from archiver.canonical import dumps, sha512_hex
from archiver.errors import ObjectRefused
from archiver.prepare import Prepared, missing_image_warning
from archiver.readers import wechat_html
from archiver.saves import OtherSave
from archiver.store import Archive, VersionInfo
from archiver.urls import has_scheme, path_and_rest


def _assets_of(state: dict[str, str]) -> set[str]:
    return {digest for path, digest in state.items() if path.startswith("assets/")}


def already_archived(archive: Archive, prepared: Prepared,
                     made_head: Callable[[], bool | None] | None = None,
                     head_only: bool = False) -> str | None:
    """The version that already holds exactly this result, if any (see module docstring).
    ``made_head`` tells, when it can (from the receipts), whether the head was made from this
    very input file; asked only when the record differs from the head's. When it cannot, a
    head holding a source file of the same name is taken to have been. ``head_only``
    (``ingest --as-head``): only the head may hold it, not an earlier version (the save is
    to be the head again where the head says otherwise)."""
    if not archive.exists(prepared.object_id):
        return None
    versions = archive.versions(prepared.object_id)
    new_assets = _assets_of(prepared.digests)
    head = versions[-1]
    if "record.json" not in head.state:  # (every version archiver makes holds one)
        raise ObjectRefused(
            f"{prepared.object_id} is an OCFL object whose head version, {head.number}, holds "
            "no record.json: it is no post archiver made (another tool's object, where this "
            "post's id puts it), and no version is added on it",
            path=archive.object_path(prepared.object_id),
            hint="ingest the post into another archive (`--archive DIR`), or move that object "
                 "out of this one")
    if head.state.get("record.json") == prepared.record_digest and \
            _assets_of(head.state) == new_assets:
        return head.number
    # Another save of the post (a page and its Markdown export, ingested in turn) is not a
    # change back. An edit of the very file the head was made from, undone, is one: the
    # head must say what the file says now.
    made = made_head() if made_head is not None else None
    guessed = made is None  # no receipt tells: a source file of the same name is taken for it
    if made is None:
        made = not _another_save(prepared, head.state)
    current = archive.read_json(prepared.object_id, "record.json")
    save = OtherSave(frozenset([prepared.object_id, *prepared.aliases]), prepared.zone_unknown,
                     prepared.offset_known and _time_guessed(archive, prepared.object_id))
    other = None if made else save
    prepared.another_save = not made  # (what kept_images says of its images follows it)
    if _carry_metadata(archive, prepared, save, current, head.number, made) and \
            head.state.get("record.json") == prepared.record_digest and \
            _assets_of(head.state) == new_assets:
        return head.number
    if not made:
        for version in versions:
            if (version.state.get("record.json") == prepared.record_digest
                    and prepared.source_digest in version.state.values()
                    and _assets_of(version.state) == new_assets):
                if not head_only:
                    return version.number
                prepared.held_by = version.number  # (its images, where the save lacks them)
                break
    if new_assets <= _assets_of(head.state) and adds_nothing(prepared.record, current, other,
                                                             guessed=guessed):
        return head.number
    if other is not None and prepared.held_by is None:
        # another save that says less than an earlier version (a save without the page's
        # scripts, read again after the post was edited) is held there already
        for number in _earlier_records(versions, new_assets):
            earlier = archive.read_json(prepared.object_id, "record.json", number)
            if adds_nothing(prepared.record, earlier, other):
                if not head_only:
                    return number
                prepared.held_by = number
                break
    return None


def _earlier_records(versions: list[VersionInfo], assets: set[str]) -> Iterator[str]:
    """The versions before the head, newest first, whose record is one no later version
    holds, and whose images include ``assets``: each record the history holds read once."""
    seen = {versions[-1].state.get("record.json")}
    for version in reversed(versions[:-1]):
        digest = version.state.get("record.json")
        if digest not in seen and assets <= _assets_of(version.state):
            seen.add(digest)
            yield version.number


def _time_guessed(archive: Archive, object_id: str) -> bool:
    """Whether the head's publish time was read as Beijing time from what a page showed."""
    fields = archive.read_json(object_id, "provenance.json").get("fields") or {}
    return fields.get("published") == wechat_html.SHOWN_TIME


def _carry_metadata(archive: Archive, prepared: Prepared, save: OtherSave,
                    current: dict[str, Any], head: str, made: bool) -> bool:
    """Make the post's record what a new version of it would hold (and say whether it
    changed): a save of the post that knows less than the head in some fields (a page saved
    without its scripts: no ids, the time to the minute) keeps the head's values there, so
    that a save never takes away what the object knows, whatever else it changes (its
    images, its text). Only another save; for the file the head was made from, only the
    fields carried into the head before (read again, it is then the head). Never into
    another kind of record (an error page claims nothing). Provenance says which fields
    were carried, and what the save itself gave."""
    if current.get("kind") != prepared.record.get("kind"):
        return False
    carried = save.carried(prepared.record, current)
    if made and carried:
        before = archive.read_json(prepared.object_id, "provenance.json").get("carried") or {}
        carried = {name: value for name, value in carried.items() if name in before}
    if not carried:
        return False
    provenance = json.loads(prepared.files["provenance.json"])
    provenance["carried"] = {name: {"from": head, "this_save": prepared.record.get(name)}
                             for name in sorted(carried)}
    prepared.record.update(carried)
    _rewrite(prepared, provenance)
    return True


def _rewrite(prepared: Prepared, provenance: dict[str, Any]) -> None:
    """Store a post's changed record (changed in place) and ``provenance`` again, checked."""
    schema.validate("record", prepared.record, path=prepared.object_id)
    schema.validate("provenance", provenance, path=prepared.object_id)
    record_bytes = dumps(prepared.record)
    prepared.files["record.json"] = record_bytes
    prepared.files["provenance.json"] = dumps(provenance)
    prepared.record_digest = sha512_hex(record_bytes)
    prepared.__dict__.pop("digests", None)  # the cached digests are of the files before


_LEADING_DOTS = re.compile(r"^(?:\.\.?/)+")


def reference_key(original: str) -> str:
    """An image reference as two saves of a post may both write it: a relative path without
    its leading ``../`` and ``./`` (a page saved one folder down names ``../images/1.jpg``
    what wget's page, saved beside the folder, names ``images/1.jpg``: the same file of
    the same post); its path with slashes for a Windows save's backslashes, its characters
    beyond ASCII written as themselves, not percent-encoded, and composed (NFC; a Mac's save
    decomposes names). Nothing else: its query is kept (in a container, ``pic?id=1`` and
    ``pic?id=2`` are two images), and so is an encoded ASCII character (``a%2Fb.jpg`` is no
    ``a/b.jpg`` in an address). A URL, a data: URI or an absolute path is itself."""
    if has_scheme(original) or original.startswith("/"):
        return original
    path, rest = path_and_rest(original)
    path = _NON_ASCII_ENCODED.sub(_decoded, path).replace("\\", "/")
    return _LEADING_DOTS.sub("", unicodedata.normalize("NFC", path)) + rest


_NON_ASCII_ENCODED = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def _decoded(run: re.Match[str]) -> str:
    """A run of percent-encoded bytes beyond ASCII as the characters they encode in UTF-8;
    as written when they are not UTF-8."""
    try:
        return unquote(run[0], errors="strict")
    except UnicodeDecodeError:
        return run[0]


def _same_reference(new: str, old: str, another_save: bool) -> bool:
    """Whether two records' references name one image: as written; in another save of the
    post (its page in another folder), also by :func:`reference_key`. An edit of the very
    file the head was made from that changes ``../a/1.png`` to ``a/1.png`` names another."""
    return new == old or another_save and reference_key(new) == reference_key(old)


def _same_image(new: dict[str, Any], old: dict[str, Any], another_save: bool) -> bool:
    """Whether two records' images are one image of the post: the same reference
    (:func:`_same_reference`), or the same web address, where a save gives it beside the
    copy it was read from (a complete save's local file, its ``data-src`` beside it) and
    another save names the image by it alone (the page saved without its images). Two
    addresses that differ name two images, whatever their copies are called: a browser names
    the copies by their place in the page, so an edited post's save calls another image
    ``640(1).jpeg`` too."""
    if _other_addresses(new, old):
        return False
    if _same_reference(new["original"], old["original"], another_save):
        return True
    return bool({new["original"], new.get("address")} & {old["original"], old.get("address")}
                - {None})


def _other_addresses(new: dict[str, Any], old: dict[str, Any] | None) -> bool:
    """Whether both images give a web address, and not the same."""
    return old is not None and bool(new.get("address")) and bool(old.get("address")) \
        and new["address"] != old["address"]


def _but_its_address(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """Whether ``new`` is ``old`` with the web address beside its copy, which ``old``, made
    before records kept it, does not give: no news (an archive made before would otherwise
    take a version of every such post read again)."""
    return "address" in new and "address" not in old and \
        {key: value for key, value in new.items() if key != "address"} == old


def adds_nothing(new: dict[str, Any], current: dict[str, Any],
                 other: OtherSave | None = None, guessed: bool = False) -> bool:
    """Whether ``new`` says nothing ``current`` does not: equal, except that another save of
    the post may refer to an image differently (same bytes: a browser's ``page_files/1.jpg``
    for the original URL), and an image may be missing from ``new`` where ``current`` holds
    it under the same reference (the same post saved without its images, or ingested
    offline, adds no version and never takes images away; pointed at another reference, it
    is an edit; in another save, a page in another folder, the reference is compared by
    :func:`reference_key`). An image still missing is no news either, whatever the reason
    given this time: offline or --no-fetch, or other asset roots looked in; nor, in another
    save whose files are none of them here and whose names are all it gives of its images
    (:func:`_folder_left_behind`: its image folder left behind), are its images.

    ``other``, for another save of the post than the head's source: it may also say less
    than the record (:mod:`archiver.saves`), as a save without the page's scripts does.
    ``guessed``: no receipt says the head was made from this very file (a version
    ``verify`` made is the head, or the receipts are gone), only its name does, which
    another save may share (``post.md`` in two folders): an image's same bytes under
    another reference are then no news either."""
    for name in (new.keys() | current.keys()) - {"images"}:
        if new.get(name) != current.get(name) and not (
                other is not None and other.says_less(name, new.get(name), current.get(name))):
            return False
    old_images, new_images = current.get("images") or [], new.get("images") or []
    if len(old_images) != len(new_images):
        return False
    folder_left = other is not None and _folder_left_behind(new_images, old_images)
    for old, image in zip(old_images, new_images, strict=True):
        if image == old or _but_its_address(image, old):
            continue
        if (other is not None or guessed) and image["status"] == "stored" \
                and old["status"] == "stored" and image["sha256"] == old["sha256"]:
            continue  # the same bytes, referred to differently by another save of the post
            # (in the head's own file, a reference edited to name them elsewhere is an edit)
        if image["status"] == "missing" and old["status"] == "missing" and \
                _same_image(image, old, other is not None):
            continue  # still missing: the reason is kept as first given
        if image["status"] == "missing" and image["original"] == EMPTY_PLACEHOLDER:
            continue  # a save that blocked images holds none here, nor says which it was
        if folder_left:
            continue  # another save's files all not here: they say nothing of the images
        if not (image["status"] == "missing" and old["status"] == "stored"
                and _same_image(image, old, other is not None)):
            return False  # an image now referred to elsewhere, and missing, is an edit
    return True


def _unknown_copy(image: dict[str, Any]) -> bool:
    """Whether ``image`` is missing and named only by a file of the save's own (a path, no
    web address beside it): its image folder left behind, what the file held is unknown.
    Such a name is no evidence of another image: savers name the files by their place
    (wget's ``img_002.jpg``, a browser's ``640(1).jpeg``) or by what they fancy. An address
    is evidence (:func:`_same_image`), and so are bytes."""
    original = image["original"]
    return image["status"] == "missing" and not image.get("address") and bool(original) \
        and not has_scheme(original) and not original.startswith("//")


def _folder_left_behind(images: list[dict[str, Any]], held: list[dict[str, Any]]) -> bool:
    """Whether every image of a save is an :func:`_unknown_copy` (its image folder left
    behind whole) whose name is none the ``held`` images have (as :func:`reference_key`
    reads them). Where some of its files are here, one that is not is more likely a file
    the post now names instead (an exporter that names files by their digest or id); where
    its names are the held images' own, they tell which is where (a copy of the post whose
    images were moved), and are compared one by one."""
    names = {reference_key(image["original"]) for image in held
             if image.get("status") == "stored"}  # (a name it never held a file under: none)
    return bool(images) and all(_unknown_copy(image) and reference_key(image["original"])
                                not in names for image in images)


def _named_once(images: list[dict[str, Any]], name: Callable[[dict[str, Any]], str | None]
                ) -> dict[str, dict[str, Any] | None]:
    """Each name ``name`` gives the ``images`` (None: it gives one none) → the image it
    names; None where it names two different images (other bytes): it names neither surely."""
    out: dict[str, dict[str, Any] | None] = {}
    for image in images:
        key = name(image)
        if key is None:
            continue
        same = out.get(key, image)
        out[key] = image if same is not None and same["sha256"] == image["sha256"] else None
    return out


def _held_images(images: list[dict[str, Any]], held: list[dict[str, Any]],
                 another_save: bool = False, by_place: bool = False
                 ) -> dict[int, dict[str, Any]]:
    """For each image missing from a save (index in ``images``), the one a version holds
    (``held``, its record's images) in its stead: stored under the same reference (in
    ``another_save`` of the post, also under the same :func:`reference_key`, where that names
    a single image), or by the web address one of the two saves gives beside its copy (a
    complete save's ``data-src``, where that names a single image; looked up first, and
    never an image whose address is another), or, where a save that blocked images left an
    empty placeholder, the one in its place (as many images as the version holds); and
    ``by_place``, for a post found unchanged (nothing is carried: the version is kept as it
    is), also where another save's files are none of them here and this one names none of
    the images held (:func:`_folder_left_behind`). A new version never takes an image by
    its place alone: the edit that made it may have moved them, and an image put in
    another's place is a false claim where a missing one is none."""
    kept = [image for image in held if image.get("status") == "stored" and image.get("asset")]
    stored = {image["original"]: image for image in kept}
    by_key = _named_once(kept, lambda image: reference_key(image["original"]))
    by_address = _named_once(kept, lambda image: image.get("address"))
    left_behind = by_place and _folder_left_behind(images, held)
    out: dict[int, dict[str, Any]] = {}
    for index, image in enumerate(images):
        if image["status"] != "missing":
            continue
        address = image.get("address")
        looked = [by_address.get(address), stored.get(address)] if address else []
        looked += [stored.get(image["original"]), by_address.get(image["original"]),
                   by_key.get(reference_key(image["original"])) if another_save else None]
        old = next((found for found in looked
                    if found is not None and not _other_addresses(image, found)), None)
        if (image["original"] == EMPTY_PLACEHOLDER or old is None and left_behind) \
                and len(held) == len(images) and \
                held[index].get("status") == "stored" and held[index].get("asset"):
            old = held[index]  # the image in its place: the save blocked it, or left it behind
        if old is not None:
            out[index] = old
    return out


def _another_save(prepared: Prepared, state: dict[str, str]) -> bool:
    """Whether ``prepared`` comes from another file than a version (its ``state``) was made
    from: no source file of the same name (what :func:`already_archived` falls back on when
    the receipts cannot tell)."""
    return not any(path in state for path in prepared.files if path.startswith("source/"))


def carry_images(archive: Archive, prepared: Prepared) -> None:
    """Give a new version of a post the images its head holds that this save could not
    (its image folder left behind, or offline): an image missing now, under the reference
    the head stored it by, is the head's image, carried forward with its bytes; so is the
    one in its place, where a save that blocked images left an empty placeholder. An image
    the post now refers to differently is another image, and stays missing. (With
    ``ingest --as-head``, the images are those of the earlier version that holds the save,
    where there is one: the head may be a copy cut short, without them.)"""
    images = prepared.record.get("images") or []
    if not any(image["status"] == "missing" for image in images):
        return
    versions = archive.versions(prepared.object_id)
    last = next((v for v in versions if v.number == prepared.held_by), versions[-1])
    kept_in = last.number
    held = _held_images(images, archive.read_json(prepared.object_id, "record.json", kept_in)
                        .get("images") or [], _another_save(prepared, last.state))
    if not held:
        return
    provenance = json.loads(prepared.files["provenance.json"])
    reasons: dict[int, str | None] = {}
    for index, old in held.items():
        reasons[index] = images[index]["reason"]
        prepared.files[old["asset"]] = archive.read_bytes(prepared.object_id, old["asset"],
                                                          kept_in)
        images[index] = dict(old)
        provenance["images"][index].update(
            status="stored", origin=f"carried forward from {kept_in}", sha256=old["sha256"],
            reason=f"not obtained this time ({reasons[index]}): the {kept_in} image is kept")
    _rewrite(prepared, provenance)
    _say_kept(prepared, kept_in, reasons)


def _say_kept(prepared: Prepared, version: str, missing: dict[int, str | None],
              placed: frozenset[int] = frozenset()) -> None:
    """Reword the warnings of the images (index → why missing) that ``version`` holds: not
    obtained this time, but kept, never "missing" as if the archive had lost them. Those
    ``placed``, known only by their place (the save's image folder left behind), are said
    to be the version's image at that place, not the file the save names."""
    replaced = {missing_image_warning(index, reason) for index, reason in missing.items()}
    prepared.warnings = [w for w in prepared.warnings if w not in replaced]
    prepared.warnings += [f"image {index + 1} not obtained this time ({reason}): "
                          + (f"{version}'s image in its place is kept (this save's image "
                             "files are none of them here, and their names say nothing of "
                             "the images)" if index in placed else
                             f"{version}'s is kept")
                          for index, reason in sorted(missing.items())]


def kept_images(archive: Archive, prepared: Prepared, version: str) -> None:
    """A post found unchanged (``version`` holds it) whose images this save could not give,
    and ``version`` holds in their stead: its warnings say they are kept."""
    images = prepared.record.get("images") or []
    if not any(image["status"] == "missing" for image in images):
        return
    state = next(v.state for v in archive.versions(prepared.object_id) if v.number == version)
    another = prepared.another_save if prepared.another_save is not None else \
        _another_save(prepared, state)
    kept = archive.read_json(prepared.object_id, "record.json", version).get("images") or []
    held = _held_images(images, kept, another, by_place=another)
    placed = frozenset(held) - frozenset(_held_images(images, kept, another))
    _say_kept(prepared, version, {index: images[index]["reason"] for index in held}, placed)
