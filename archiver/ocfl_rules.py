"""What OCFL 1.1 requires of an inventory and its digest sidecar, as checks that say what is
wrong (with the specification's error codes where one applies): the reading code asks
whether an inventory is usable at all (:func:`unusable`), ``fsck`` asks for everything wrong
with it (:func:`inventory_problems`)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path
from typing import Any, Literal

from archiver.errors import ObjectRefused

INVENTORY_TYPE = "https://ocfl.io/1.1/spec/#inventory"
INVENTORY_TYPES = {"https://ocfl.io/1.0/spec/#inventory": (1, 0), INVENTORY_TYPE: (1, 1)}
DIGEST_LENGTHS = {"sha512": 128, "sha256": 64}
# a version's name: v1, v2 …, or zero-padded as another tool may name them (v001)
VERSION_NAME = re.compile(r"v0*[1-9][0-9]*")
_CREATED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})",
                      re.I)


def read_strict_json(path: Path) -> tuple[bytes, Any, str | None]:
    """(bytes, parsed JSON, error): a key given twice in one object is an error too."""
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise ValueError(f"key {key[:40]!r} given twice")
            out[key] = value
        return out

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO's reading would never end
            return b"", None, "not a regular file"
        data = path.read_bytes()
    except OSError as exc:
        return b"", None, exc.strerror or str(exc)
    try:
        return data, json.loads(data, object_pairs_hook=pairs), None
    except ValueError as exc:
        return data, None, str(exc)


def valid_path(path: Any) -> bool:
    """A relative '/'-path with no empty, '.' or '..' segment (OCFL logical and content
    paths alike)."""
    return isinstance(path, str) and bool(path) and not path.startswith("/") and all(
        part not in ("", ".", "..") for part in path.split("/"))


def stored_file(object_dir: Path, content: str) -> Path | None:
    """The file at the content path ``content`` of the object in ``object_dir``, when it is
    a regular file inside the object reached through no symbolic link; None for anything
    else (a link, whose target a copy that does not follow links loses; a named pipe, whose
    read would wait for ever; a folder; nothing), which no digest is taken of."""
    if not valid_path(content):
        return None
    path = object_dir / content
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        inside = os.path.realpath(object_dir) + os.sep
    except OSError:
        return None
    return path if os.path.realpath(path).startswith(inside) else None


def digest_map(value: Any) -> bool:
    """Whether ``value`` maps strings to lists of strings (manifest, state, fixity)."""
    return isinstance(value, dict) and all(
        isinstance(key, str) and isinstance(paths, list)
        and all(isinstance(p, str) for p in paths) for key, paths in value.items())


def digests_by_path(block: Any) -> dict[str, str]:
    """A digest map (a manifest, a fixity block) read by content path, each digest in small
    letters, as OCFL compares them; none for a block of another shape (which the store's
    check reports)."""
    if not digest_map(block):
        return {}
    return {path: digest.lower() for digest, paths in block.items() for path in paths}


def file_and_folder(paths: set[str]) -> str | None:
    """A path that is also used as a folder of another path, if any."""
    for path in sorted(paths):
        parts = path.split("/")
        for i in range(1, len(parts)):
            if "/".join(parts[:i]) in paths:
                return "/".join(parts[:i])
    return None


def version_numbers(versions: Any) -> tuple[dict[str, int], list[str]]:
    """Version name → number, and what is wrong with the naming (OCFL E009-E013)."""
    numbers: dict[str, int] = {}
    problems = []
    for name in versions:
        match = re.fullmatch(r"v(\d+)", name)
        if not match or int(match.group(1)) == 0:
            problems.append(f"invalid version name {name!r} (expected v1, v2, …)")
            continue
        numbers[name] = int(match.group(1))
    if any(name.startswith("v0") for name in numbers) and (
            len({len(name) for name in numbers}) > 1
            or not all(name.startswith("v0") for name in numbers)):
        problems.append("zero-padded version names must all have one width and start with v0")
    if sorted(numbers.values()) != list(range(1, len(numbers) + 1)):
        problems.append("versions are not numbered v1…vN without gaps: "
                        + ", ".join(sorted(numbers, key=numbers.__getitem__)))
    return numbers, problems


def next_version_number(head: str) -> str:
    """The name of the version after ``head``: ``v3`` after ``v2``, and, in an object whose
    versions are zero-padded (another tool's, OCFL 1.1 §3.5.3.1), ``v003`` after ``v002``.
    Raises ObjectRefused when the padding leaves no room for another version. (``v0``: no
    version yet.)"""
    number = int(head[1:]) + 1
    if not head.startswith("v0") or head == "v0":
        return f"v{number}"
    width = len(head) - 1
    if len(str(number)) >= width:  # (a padded name keeps at least one leading zero)
        raise ObjectRefused(f"the object's versions are zero-padded to {width} digits, and "
                           f"{head} is the last such name: OCFL allows it no further version",
                           hint="ingest the post into another archive (`--archive DIR`)")
    return f"v{number:0{width}d}"


def content_folder_name(inventory: dict[str, Any]) -> str | None:
    """The name of the folder each version keeps its content in (``content``, or the one
    the inventory names); None when what it names is no folder name (OCFL E017: a path with
    a slash, ``.`` or ``..``), through which a new version's files would be written
    elsewhere, out of the object even."""
    name = inventory.get("contentDirectory", "content")
    if not isinstance(name, str) or name in ("", ".", "..") or "/" in name or "\x00" in name:
        return None
    return name


def unusable(inventory: Any) -> str | None:
    """Why the reading code cannot use an inventory (fsck says all that is wrong with it:
    :func:`inventory_problems`), or None."""
    if not isinstance(inventory, dict):
        return "it is not a JSON object"
    if not isinstance(inventory.get("id"), str) or not inventory["id"]:
        return "it has no id"
    manifest, versions = inventory.get("manifest"), inventory.get("versions")
    if not digest_map(manifest):
        return "its manifest is not a map of digests to content paths"
    if not isinstance(versions, dict) or not versions or not all(
            isinstance(k, str) and VERSION_NAME.fullmatch(k) and isinstance(v, dict)
            and digest_map(v.get("state")) for k, v in versions.items()):
        return "its versions are not v1, v2 … each with a state"
    if inventory.get("head") not in versions:
        return f"its head {inventory.get('head')!r} is not one of its versions"
    if content_folder_name(inventory) is None:
        return f"its contentDirectory {inventory.get('contentDirectory')!r} is no folder name"
    for number, version in versions.items():
        for digest, paths in version["state"].items():
            if paths and not manifest.get(digest):
                return f"{number} holds {paths[0]!r}, whose digest the manifest does not list"
    return None


def inventory_problems(inventory: Any) -> tuple[list[str], bool]:
    """What is wrong with an inventory as an OCFL 1.1 document, and whether it is still
    usable (its content can be checked against it)."""
    if not isinstance(inventory, dict):
        return ["the inventory is not a JSON object"], False
    out: list[str] = []
    if not isinstance(inventory.get("id"), str) or not inventory["id"]:
        out.append("inventory has no id")
    if inventory.get("type") not in INVENTORY_TYPES:
        out.append(f"type {inventory.get('type')!r} is not an OCFL inventory type")
    algorithm = inventory.get("digestAlgorithm")
    if algorithm not in DIGEST_LENGTHS:
        out.append(f"digestAlgorithm {algorithm!r}: OCFL requires sha512 (or sha256)")
    content_dir = inventory.get("contentDirectory", "content")
    if not content_folder_name(inventory):
        out.append(f"contentDirectory {content_dir!r} is not a folder name")
    manifest, versions, head = (inventory.get("manifest"), inventory.get("versions"),
                                inventory.get("head"))
    if not digest_map(manifest):
        out.append("manifest is missing or not a map of digests to content paths")
    if not isinstance(versions, dict) or not versions:
        out.append("versions are missing")
    if not isinstance(head, str):
        out.append("head is missing")
    if out and (not isinstance(inventory.get("id"), str) or algorithm not in DIGEST_LENGTHS
                or not digest_map(manifest) or not isinstance(versions, dict) or not versions
                or not isinstance(head, str)):
        return ["inventory is not a well-formed OCFL inventory: " + "; ".join(out)], False
    assert isinstance(manifest, dict) and isinstance(versions, dict)
    usable = True
    numbers, naming = version_numbers(versions)
    out += naming
    if head not in versions:
        out.append(f"head {head!r} is not one of the versions")
    elif numbers and numbers.get(head) != max(numbers.values()):
        out.append(f"head {head!r} is not the most recent version")
    length = DIGEST_LENGTHS[algorithm]
    content_paths: set[str] = set()
    seen_digests: set[str] = set()
    for digest, paths in manifest.items():
        if len(digest) != length or not re.fullmatch(r"[0-9a-fA-F]+", digest):
            out.append(f"manifest key {digest[:24]!r} is not a {algorithm} digest")
        if digest.lower() in seen_digests:
            out.append(f"manifest lists digest {digest[:16]}… twice (in different case)")
        seen_digests.add(digest.lower())
        for path in paths:
            if not valid_path(path):
                out.append(f"manifest: invalid content path {path!r}")
            elif path in content_paths:
                out.append(f"manifest: content path {path!r} is listed twice")
            elif path.split("/", 1)[0] not in versions or not path.split("/", 1)[1].startswith(
                    f"{content_dir}/"):
                out.append(f"manifest: content path {path!r} is not in a version's "
                           f"{content_dir}/ folder")
            content_paths.add(path)
    both = file_and_folder(content_paths)
    if both:
        out.append(f"manifest: {both!r} is a content file and a folder")
    used: set[str] = set()
    for name, block in versions.items():
        if not isinstance(block, dict):
            out.append(f"version {name} is not a JSON object")
            usable = False
            continue
        created = block.get("created")
        if not isinstance(created, str) or not _CREATED.fullmatch(created):
            out.append(f"version {name}: created {created!r} is not an RFC 3339 date-time "
                       "with seconds and a time zone")
        if "message" in block and not isinstance(block["message"], str):
            out.append(f"version {name}: message is not a string")
        user = block.get("user")
        if "user" in block and not (isinstance(user, dict) and isinstance(user.get("name"), str)
                                    and isinstance(user.get("address", ""), str)):
            out.append(f"version {name}: user is not an object with a name")
        state = block.get("state")
        if not digest_map(state):
            out.append(f"version {name}: state is not a map of digests to logical paths")
            usable = False
            continue
        logical: set[str] = set()
        for digest, paths in state.items():
            used.add(digest)
            if digest not in manifest:
                out.append(f"version {name}: state digest {digest[:16]}… is not in the manifest")
            for path in paths:
                if not valid_path(path):
                    out.append(f"version {name}: invalid logical path {path!r}")
                elif path in logical:
                    out.append(f"version {name}: logical path {path!r} is listed twice")
                logical.add(path)
        both = file_and_folder(logical)
        if both:
            out.append(f"version {name}: {both!r} is a file and a folder")
    for digest in manifest:
        if usable and digest not in used:
            out.append(f"manifest: {digest[:16]}… is in no version's state")
    fixity = inventory.get("fixity")
    if fixity is not None and not isinstance(fixity, dict):
        out.append("fixity is not a JSON object")
    for name, block in (fixity if isinstance(fixity, dict) else {}).items():
        if not digest_map(block):
            out.append(f"fixity {name!r} is not a map of digests to content paths")
            continue
        seen_digests = set()
        for digest, paths in block.items():
            if digest.lower() in seen_digests:
                out.append(f"fixity {name}: digest {digest[:16]}… listed twice")
            seen_digests.add(digest.lower())
            for path in paths:
                if not valid_path(path):
                    out.append(f"fixity {name}: invalid content path {path!r}")
                elif path not in content_paths:
                    out.append(f"fixity {name}: {path!r} is not in the manifest")
    return out, usable


def state_paths(inventory: dict[str, Any], block: dict[str, Any]) -> dict[str, set[str]]:
    """A version's state as logical path → the content paths holding its bytes."""
    manifest = inventory["manifest"]
    return {logical: set(manifest.get(digest, [])) for digest, paths in block["state"].items()
            for logical in paths}


def sidecar_problem(folder: Path, data: bytes, algorithm: str,
                    read: bytes | None | Literal[False] = False) -> str | None:
    """What is wrong with the digest sidecar of ``folder``'s inventory, if anything: it must
    be ``inventory.json.<algorithm>`` holding '<digest> inventory.json' (OCFL E058-E061),
    and one line break after it at most: any other byte there (a line break flipped to a
    vertical tab) is damage too. ``read``: the sidecar's bytes, read by the caller (None:
    there was none), who needs to know which bytes vouched for ``data``."""
    sidecar = folder / f"inventory.json.{algorithm}"
    if read is False:
        read = sidecar.read_bytes() if sidecar.is_file() else None
    if read is None:
        return f"inventory sidecar inventory.json.{algorithm} is missing"
    match = re.fullmatch(rb"([0-9a-fA-F]+)[ \t]+inventory\.json(?:\r?\n)?", read)
    if not match:
        return "sidecar is not '<digest> inventory.json'"
    if match.group(1).decode().lower() != hashlib.new(algorithm, data).hexdigest():
        return "inventory digest does not match its sidecar"
    return None
