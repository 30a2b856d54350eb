"""An object another tool made with sha256 digests, moved to sha512 by the version that
archiver adds to it.

Why: OCFL 1.1 lets an object change its digest algorithm at a new version (§3.5.1,
conformance fixture W004_versions_diff_digests): the new inventory's manifest and every
version's state are then written in the new algorithm, and the earlier versions' own
inventories keep theirs. archiver computes, compares and records sha512 digests everywhere
(the manifest, the receipts, the repair of damaged files), so a version it adds to a sha256
object would otherwise mix the two algorithms in one manifest, and leave the object invalid.
Every stored file is read and checked against the digest it has before its sha512 is taken:
a new digest is never given to damaged bytes. The old digests are kept, as the sha256 fixity
block, so nothing the object said about its files is lost.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

from archiver.errors import DamagedObject
from archiver.ocfl_rules import stored_file, valid_path

_HINT = "run `archiver fsck`; restore the object folder from a backup"


def in_sha512(object_dir: Path, inventory: dict[str, Any]) -> dict[str, Any]:
    """``inventory`` (an object's root inventory, in any algorithm OCFL allows) with its
    manifest and every version's state in sha512, its earlier digests kept as fixity. The
    inventory given is not changed; one already in sha512 is returned as it is."""
    algorithm = inventory["digestAlgorithm"]
    if algorithm == "sha512":
        return inventory
    renamed: dict[str, str] = {}  # old digest, lower case → sha512
    manifest: dict[str, list[str]] = {}
    for digest, paths in inventory["manifest"].items():
        new = _sha512_checked(object_dir, algorithm, digest, paths)
        renamed[digest.lower()] = new
        manifest.setdefault(new, []).extend(paths)
    converted = copy.deepcopy(inventory)
    converted["digestAlgorithm"] = "sha512"
    converted["manifest"] = manifest
    for version in converted["versions"].values():
        state: dict[str, list[str]] = {}
        for digest, logical in version["state"].items():
            state.setdefault(renamed[digest.lower()], []).extend(logical)
        version["state"] = state
    kept = converted.setdefault("fixity", {}).setdefault(algorithm, {})
    for digest, paths in inventory["manifest"].items():
        listed = kept.setdefault(digest.lower(), [])
        listed.extend(p for p in paths if p not in listed)
    return converted


def _sha512_checked(object_dir: Path, algorithm: str, digest: str, paths: list[str]) -> str:
    """The sha512 of the bytes stored at ``paths`` (every copy of one content), once each
    copy is shown to be what ``digest`` (in ``algorithm``) says it is."""
    found: set[str] = set()
    for content in paths:
        if not valid_path(content):
            raise DamagedObject(f"the inventory names a content path {content!r} that is no "
                                "path inside the object: no version is added on it",
                                path=object_dir / "inventory.json", hint=_HINT)
        path = stored_file(object_dir, content)
        if path is None:
            raise DamagedObject(f"{content} is no file inside the object (a symbolic link, a "
                                "named pipe, or gone): the object's digests cannot be moved "
                                "to sha512, and no version is added on it", path=object_dir,
                                hint=_HINT)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DamagedObject(f"{content} cannot be read ({exc.strerror or exc}): the "
                                f"object's {algorithm} digests cannot be moved to sha512, and "
                                "no version is added on it", path=object_dir, hint=_HINT
                                ) from None
        if hashlib.new(algorithm, data).hexdigest() != digest.lower():
            raise DamagedObject(f"{content} does not match the {algorithm} digest its "
                                "inventory records: the object's digests cannot be moved to "
                                "sha512, and no version is added on it", path=object_dir,
                                hint=_HINT)
        found.add(hashlib.sha512(data).hexdigest())
    if not found:
        raise DamagedObject(f"the inventory's manifest lists no file for {digest}: no version "
                            "is added on the object", path=object_dir, hint=_HINT)
    if len(found) > 1:  # (OCFL has every copy of a digest hold the same bytes)
        raise DamagedObject(f"the copies of one {algorithm} digest differ: no version is added "
                            "on the object", path=object_dir, hint=_HINT)
    return found.pop()
