"""What changed between two versions of a post: its record's fields, value by value, its
body line by line, and its files. The result is data (``archiver diff`` prints it as text or
JSON); a library caller reads the same."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from archiver.errors import ArchiverError, NotFound, UsageError

if TYPE_CHECKING:
    from archiver.store import Archive

# a value one side of a change lacks (not null, which a record may hold)
ABSENT = object()


def changed_leaves(where: str, old: Any, new: Any) -> list[tuple[str, Any, Any]]:
    """``(path, old, new)`` for each value that differs inside two JSON values: a changed
    image's reason reads ``images[3].reason: "…" → "…"``, not as two lists of every image.
    A value only one side has is paired with :data:`ABSENT`.

    Lists are aligned as the body is, by their equal items, not by position: an image
    inserted before the others is that one image added (``images[0]: (none) → …``), not
    every later image "changed" into the one before it. An item added is named by its
    index in the newer list, one removed by its index in the older; items that take each
    other's place are compared inside (named by the newer index)."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[tuple[str, Any, Any]] = []
        for key in [*old, *(k for k in new if k not in old)]:
            out += changed_leaves(f"{where}.{key}", old.get(key, ABSENT),
                                  new.get(key, ABSENT))
        return out
    if isinstance(old, list) and isinstance(new, list):
        out = []
        old_keys, new_keys = [_item_key(x) for x in old], [_item_key(x) for x in new]
        matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        # the items no equal run accounts for: one of them on both sides moved, and took no
        # one's place (tags [a, b] → [b, a, c] is b moved before a and c added, not b changed
        # into c; but [a, a] → [a, b] is the second a changed into b)
        unmatched_old = {old_keys[i] for _, i1, i2, _, _ in opcodes for i in range(i1, i2)}
        unmatched_new = {new_keys[j] for _, _, _, j1, j2 in opcodes for j in range(j1, j2)}
        for _tag, i1, i2, j1, j2 in opcodes:
            pairs = [(i, j) for i, j in _pairs(old[i1:i2], new[j1:j2])
                     if isinstance(old[i1 + i], dict)
                     or (old_keys[i1 + i] not in unmatched_new
                         and new_keys[j1 + j] not in unmatched_old)]
            paired_old = {i for i, _ in pairs}
            paired_new = {j for _, j in pairs}
            found: list[tuple[int, list[tuple[str, Any, Any]]]] = []
            for i, j in pairs:
                found.append((j1 + j, changed_leaves(f"{where}[{j1 + j}]", old[i1 + i],
                                                     new[j1 + j])))
            found += [(j1 + j, [(f"{where}[{j1 + j}]", ABSENT, new[j1 + j])])
                      for j in range(j2 - j1) if j not in paired_new]
            out += [(f"{where}[{i1 + i}]", old[i1 + i], ABSENT)
                    for i in range(i2 - i1) if i not in paired_old]
            out += [change for _, changes in sorted(found, key=lambda f: f[0])
                    for change in changes]
        return out
    return [] if old == new else [(where, old, new)]


def _pairs(old: list[Any], new: list[Any]) -> list[tuple[int, int]]:
    """Which of ``old``'s items (a run of a list that differs) became which of ``new``'s, in
    order: among mappings, the next with the same reference as written (an image's
    ``original``: a missing image found is the image it was, though its other fields all
    changed), else the next that keeps at least half of its fields, is the item it was (an
    image whose status changed, beside one inserted before it); any other items take each
    other's place one for one, as before."""
    if not all(isinstance(item, dict) for item in (*old, *new)):
        return [(k, k) for k in range(min(len(old), len(new)))]
    pairs: list[tuple[int, int]] = []
    start = 0
    for i, item in enumerate(old):
        written = item.get("original")
        j = next((k for k in range(start, len(new))
                  if written is not None and new[k].get("original") == written), None)
        if j is None:  # (looked for only when no item has the same reference)
            j = next((k for k in range(start, len(new)) if _keeps_half(item, new[k])), None)
        if j is not None:
            pairs.append((i, j))
            start = j + 1
    if not pairs:  # nothing alike: one for one, as for any other items
        return [(k, k) for k in range(min(len(old), len(new)))]
    return pairs


def _keeps_half(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether ``new`` has at least half of the fields the two hold as ``old`` has them."""
    keys = old.keys() | new.keys()
    return bool(keys) and sum(old.get(k, ABSENT) == new.get(k, ABSENT) for k in keys) \
        * 2 >= len(keys)


def _item_key(value: Any) -> str:
    """A list item as the alignment compares it: equal JSON values, equal keys."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def version_name(given: str | int, numbers: Sequence[str] = ()) -> str:
    """A version's name, ``v2``, from ``v2``, ``V2``, ``2`` or the number 2, as a user gives
    it; of an object whose versions (``numbers``) are zero-padded, as another OCFL tool may
    name them, the one of that number (``v002``)."""
    if isinstance(given, int) and not isinstance(given, bool):
        name = f"v{given}"
    elif not isinstance(given, str):
        raise UsageError(f"a version is named by a string such as 'v2' or a number, not "
                         f"{type(given).__name__} {given!r}")
    elif given.isascii() and given.isdigit():
        name = f"v{given}"
    elif given[:1] == "V" and given[1:].isascii() and given[1:].isdigit():
        name = "v" + given[1:]  # (OCFL's names are in lower case: "V2" can mean nothing else)
    else:
        name = given
    if name not in numbers and re.fullmatch(r"v\d+", name):
        padded = [n for n in numbers
                  if re.fullmatch(r"v\d+", n) and int(n[1:]) == int(name[1:])]
        if len(padded) == 1:
            return padded[0]
    return name


# what the body's lines show of a block: its text (a list's items, a link's text, a numbered
# list's numbers and depth)
_SHOWN_IN_LINES = frozenset({"text", "items", "links", "ordered", "start", "depth"})


def _block_marks_changed(old: list[dict[str, Any]], new: list[dict[str, Any]]
                         ) -> list[tuple[str, Any, Any]]:
    """Each change to what a block is, beside its text, that the body's lines do not show (a
    table's row numbered, a heading's level, a paragraph become a quote), by its path in the
    newer record (``blocks[92].row``), for the blocks whose text is the same in both records,
    paired as the body's lines are (a block added or removed is the body's change, and moves
    no other). Without them a record whose blocks changed only so was a change that showed
    nothing."""
    matcher = difflib.SequenceMatcher(None, [_block_text(b) for b in old],
                                      [_block_text(b) for b in new], autojunk=False)
    out: list[tuple[str, Any, Any]] = []
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            continue
        for k in range(i2 - i1):
            before, after = old[i1 + k], new[j1 + k]
            if before != after:
                out += changed_leaves(
                    f"blocks[{j1 + k}]",
                    {key: v for key, v in before.items() if key not in _SHOWN_IN_LINES},
                    {key: v for key, v in after.items() if key not in _SHOWN_IN_LINES})
    return out


def _body_lines(record: dict[str, Any]) -> list[str]:
    """The body as the diff compares it: a line for each line of each block (a list's items,
    a table's rows, a quote's lines each on its own), so that a change to one item shows as
    that line, and no diff line holds a line break. An image is ``[image]``, or ``[image:
    its text]``: not a blank line, and not numbered, so that an image put before the others
    is one line added, not every later one renumbered."""
    return [line for block in record.get("blocks", [])
            for line in _block_text(block).split("\n")]


def _block_text(block: dict[str, Any]) -> str:
    """A block's text as the diff shows it; a numbered list's items with their numbers, as
    the post shows them (a list that became numbered, or renumbered, is a change seen)."""
    from archiver.render import block_text  # (render's imports cost every command a bit)

    if block.get("type") != "image":
        return block_text(block)
    text = block.get("text") or ""
    return f"[image: {' '.join(text.split())}]" if text.strip() else "[image]"


def diff_versions(store: Archive, object_id: str, old: str | int | None = None,
                  new: str | int | None = None) -> dict[str, Any]:
    """What changed between two versions of the post ``object_id`` (its full id:
    :func:`archiver.lookup.find_post` finds it from a prefix, an alias or an address):
    record fields, body lines, files. Versions are named ``v2``, ``2`` or the number 2.
    Without ``new``, the head; without ``old``, the version before ``new`` (by default the
    last change).

    The result, as ``archiver diff --json`` writes it: ``id``, ``from``, ``to``; ``fields``
    (each changed field's old and new value), ``changes`` (each changed value inside them by
    its path, ``images[3].reason``, with ``change`` added, removed or changed; a side that
    lacks the value has no ``old`` or ``new``), ``body`` (a unified diff of the body's lines),
    ``files`` (added, removed, changed), ``same_record`` (only the provenance or the source
    differ, or the verification kept with the record), ``verification`` (each citation whose
    verdict ``verify`` kept differs: :func:`_verdicts_changed`), and ``verification_unread``
    (version → why, for a ``citations.json`` that cannot be read: no verdict is compared). Raises
    :class:`~archiver.errors.NotFound` for a post or version the archive does not have,
    :class:`~archiver.errors.UsageError` for a first version with none before it to compare
    it with (``old`` not given) and for arguments of the wrong kind."""
    from archiver.store import an_archive, versions_said

    an_archive(store)
    if not isinstance(object_id, str):
        raise UsageError(f"object_id: a post's full id (find_post finds it), not "
                         f"{type(object_id).__name__} {object_id!r}")
    a_state = {v.number: v.state for v in store.versions(object_id)}
    numbers = list(a_state)
    new = version_name(numbers[-1] if new is None else new, numbers)
    if old is None and new in a_state:
        if numbers.index(new) == 0:
            raise UsageError(f"{object_id} has one version ({new}): nothing to compare it with"
                             if len(numbers) == 1 else f"{object_id}: {new} is its first "
                             "version: nothing before it to compare it with",
                             hint=versions_said(numbers))
        old = numbers[numbers.index(new) - 1]
    old = version_name(new if old is None else old, numbers)  # (one not found: said below)
    for number in (old, new):
        if number not in a_state:
            raise NotFound(f"{object_id} has no version '{number}'", path=store.root,
                           hint=versions_said(numbers))
    a = store.read_json(object_id, "record.json", old)
    b = store.read_json(object_id, "record.json", new)
    fields = {}
    leaves: list[tuple[str, Any, Any]] = []  # (path, old, new), a side lacking it ABSENT
    for key in sorted(set(a) | set(b)):
        if key in ("blocks", "text"):
            continue
        if a.get(key, ABSENT) != b.get(key, ABSENT):
            fields[key] = {"old": a.get(key), "new": b.get(key)}
            leaves += changed_leaves(key, a.get(key, ABSENT), b.get(key, ABSENT))
    old_links, new_links = _links_in(a), _links_in(b)
    if old_links != new_links:  # not in the body's lines, which are the blocks' text
        fields["links"] = {"old": old_links, "new": new_links}
        leaves += changed_leaves("links", old_links, new_links)
    old_lines, new_lines = _body_lines(a), _body_lines(b)
    body = [line for line in difflib.unified_diff(old_lines, new_lines, old, new, lineterm="",
                                                  n=1)]
    leaves += _block_marks_changed(a.get("blocks", []), b.get("blocks", []))
    files = {"added": sorted(set(a_state[new]) - set(a_state[old])),
             "removed": sorted(set(a_state[old]) - set(a_state[new])),
             "changed": sorted(p for p in set(a_state[old]) & set(a_state[new])
                               if a_state[old][p] != a_state[new][p])}
    # each changed value by its path (images[0].reason), as the text report shows it; a
    # value one side lacks is absent from that side (not null, which a record may hold), and
    # the change says which it was
    changes = [{"path": where, "change": _kind_of_change(a_value, b_value),
                **({"old": a_value} if a_value is not ABSENT else {}),
                **({"new": b_value} if b_value is not ABSENT else {})}
               for where, a_value, b_value in leaves]
    # an edit undone is a new version (the head says what the file says now) whose record is
    # an earlier one's: only its provenance (and perhaps its source) differs
    same_record = a == b
    unread: dict[str, str] = {}  # a version whose verification cannot be read: why
    verdicts = []
    for number in (old, new):
        try:
            verdicts.append(_verdicts(store, object_id, number, a_state[number]))
        except ArchiverError as exc:  # (the records are still compared; fsck says the rest)
            unread[number] = exc.message
            verdicts.append({})
    verification = _verdicts_changed(*verdicts) if not unread else []
    return {"id": object_id, "from": old, "to": new, "fields": fields, "changes": changes,
            "body": body, "files": files, "same_record": same_record,
            "verification": verification,
            **({"verification_unread": unread} if unread else {})}


def _verdicts(store: Archive, object_id: str, version: str, state: dict[str, Any]
              ) -> dict[tuple[str, int], dict[str, Any]]:
    """The verdicts a version keeps (its ``citations.json``, which ``verify`` writes beside
    the record), each by its citation's text and which of the same text it is (not by its
    place: a paragraph added above the references moves every verdict, which ``verify``
    carries with its citation); none for a version that keeps no verification. Raises
    :class:`~archiver.errors.ArchiverError` for one that cannot be read."""
    from archiver.index import CITATIONS_NAME

    if CITATIONS_NAME not in state:
        return {}
    kept = store.read_json(object_id, CITATIONS_NAME, version)
    seen: dict[str, int] = {}
    verdicts = {}
    for citation in kept.get("citations", []) if isinstance(kept, dict) else []:
        if not isinstance(citation, dict):
            continue
        text = str(citation.get("text") or "")
        seen[text] = seen.get(text, 0) + 1
        verdicts[(text, seen[text])] = citation
    return verdicts


def _verdict(citation: dict[str, Any]) -> dict[str, Any]:
    """What a kept verdict says, as a diff compares it: its status and reason, and the
    notices Crossref gives of the work (a retraction leaves a verified citation verified,
    and is the change a new verification most needs to show)."""
    return {"status": citation.get("status"), "reason": citation.get("reason"),
            **({"notices": citation["notices"]} if citation.get("notices") else {})}


def _verdicts_changed(old: dict[tuple[str, int], dict[str, Any]],
                      new: dict[tuple[str, int], dict[str, Any]]) -> list[dict[str, Any]]:
    """Each citation whose verdict differs between two versions' kept verifications: its
    ``location`` (in the newer, where it has one), ``text`` and ``doi``, and the ``old`` and
    ``new`` verdict (:func:`_verdict`); a side that kept none for it (the post was not
    verified then, or the citation was not in it) has none. When and from which server a
    verdict was reached, and where the citation stands, are no change."""
    changed = []
    for key in [*old, *(k for k in new if k not in old)]:
        sides = {side: _verdict(kept[key]) for side, kept in (("old", old), ("new", new))
                 if key in kept}
        if sides.get("old") == sides.get("new"):
            continue
        either = new.get(key) or old[key]
        changed.append({"location": either.get("location") or None, "text": key[0],
                        "doi": either.get("doi"), **sides})
    return changed


def _links_in(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The body's links in order, each its text and target (where in the body is the body
    diff's to show): a link added to a title the text already had is a change seen."""
    return [{"text": link.get("text"), "url": link.get("url")}
            for block in record.get("blocks") or [] for link in block.get("links") or []]


def _kind_of_change(old: Any, new: Any) -> str:
    return "added" if old is ABSENT else "removed" if new is ABSENT else "changed"


def same_instant(old: Any, new: Any) -> bool:
    """Two date-times written differently for one moment (``…T10:00:00+08:00`` and
    ``…T02:00:00Z``): a change in how the time is written, which the diff says it is, where
    it read as a changed publication time."""
    if not (isinstance(old, str) and isinstance(new, str)) or "T" not in old + new:
        return False
    try:
        a, b = datetime.fromisoformat(old), datetime.fromisoformat(new)
    except ValueError:
        return False
    return a.tzinfo is not None and b.tzinfo is not None and a == b
