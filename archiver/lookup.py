"""Finding a post in an archive by what a reader has of it: its id or the start of it,
another id it is known by, or its address on mp.weixin.qq.com. Every command that takes a
post's id looks it up here; so can a library caller."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiver.errors import ArchiverError, NotFound, UsageError
from archiver.model import is_post_id, post_ids
from archiver.textfiles import is_utf8

if TYPE_CHECKING:
    from archiver.store import Archive

# what makes the context a rebuild of the list index runs in, given why it is rebuilt
Rebuilding = Callable[[str], AbstractContextManager[Any]]


def find_post(store: Archive, given: str, rebuilding: Rebuilding | None = None) -> str:
    """The full id of the post ``given`` names, as a reader gives it: a full object id, or an
    unambiguous prefix of one (with or without ``wx:``), or another id of the post (an alias)
    or a prefix of one; or the post's WeChat address (``https://mp.weixin.qq.com/s?__biz=…``,
    ``…/s/<token>``), as a reader copies it, which names one of its ids.

    Raises :class:`~archiver.errors.NotFound` when no post matches,
    :class:`~archiver.errors.UsageError` when several do (the message names them) or
    ``given`` is empty or no address, and the object's own error (a
    :class:`~archiver.errors.DamagedObject`) when the post named cannot be read. A lookup by
    prefix or alias may have to rebuild the list index from every post's record, seconds in a
    large archive: ``rebuilding``, given why, makes the context that rebuild runs in (a
    command's note that it is reading every post)."""
    from archiver.store import an_archive

    an_archive(store)
    if rebuilding is not None and not callable(rebuilding):
        raise UsageError("rebuilding: a function of why the list index is rebuilt, which "
                         f"returns a context manager, not {type(rebuilding).__name__}")
    if not isinstance(given, str):
        raise UsageError(f"a post is named by a string (its id, a prefix of it, an alias or "
                         f"its address), not {type(given).__name__} {given!r}")
    if not given:
        raise UsageError("an empty post id was given", hint="a variable in the command may be "
                         "unset or empty; give the post id itself")
    if not is_utf8(given):  # bytes that are not UTF-8, as Python reads an argument
        # holding them (lone surrogates): no id holds them (every id is UTF-8 text)
        raise NotFound(f"no post with id '{given}' in the archive: it is not valid UTF-8, "
                       "and every id is", path=store.root,
                       hint="`archiver list` shows the ids")
    if given.lower().startswith(("http://", "https://", "mp.weixin.qq.com")):
        return _by_address(store, given, rebuilding)
    for full in (given, "wx:" + given):
        if _stored(store, full):  # a full id
            if not is_post_id(full):
                raise NotFound(f"{full} is no post: an OCFL object another tool made, in the "
                               "archive's storage root (posts' ids start wx:)",
                               path=store.root, hint="`archiver fsck` checks it; `archiver "
                               "list` shows the posts")
            return full
    from archiver.index import load_index, trusted_index
    # the ids as the list index keeps them, when it can be trusted to name every object: a
    # walk reading every object's inventory took seconds in an archive of ten thousand
    index = trusted_index(store, complete=True)
    # (else every object's id, read from its inventory; those that cannot be read, which
    # fsck reports, stop no lookup of another, and are named as their folders name them)
    damaged: list[ArchiverError] = []
    # (an id two folders claim, an inventory copied by hand, is one post to look for)
    ids = sorted(set(index) if index is not None else
                 set(post_ids(store.object_ids(damaged=damaged))))
    if given in ids:
        return given
    if index is None:
        index = load_index(store, rebuilding=rebuilding)
    aliases = {object_id: entry.get("aliases") or () for object_id, entry in index.items()}
    unreadable = _unreadable_names(store, damaged)
    named = sorted(object_id for object_id, names in aliases.items()
                   if {given, "wx:" + given} & set(names))
    named += [shown for shown, names, _whole, _problem in unreadable
              if {given, "wx:" + given} & set(names)]
    if len(named) == 1:  # another id of the post (its short address, say)
        return _readable(named[0], unreadable)

    def matches(name: str) -> bool:
        return name.startswith(given) or name.startswith("wx:" + given)

    candidates = [i for i in ids if matches(i)]
    candidates += [object_id for object_id, names in aliases.items()
                   if object_id not in candidates and any(matches(n) for n in names)]
    # a folder whose name is cut short gives the start of its id alone: it may be the post
    # meant by any prefix that goes on from there as well
    candidates += [shown for shown, names, whole, _problem in unreadable
                   if any(matches(n) for n in names) or not whole and (
                       given.startswith(names[0]) or ("wx:" + given).startswith(names[0]))]
    if len(candidates) == 1:
        return _readable(candidates[0], unreadable)
    if not candidates:
        raise NotFound(f"no post with id '{given}' in the archive", path=store.root,
                       hint="`archiver list` shows the ids" + _unreadable_counted(damaged))
    more = f", and {len(candidates) - 5} more" if len(candidates) > 5 else ""
    raise UsageError(f"'{given}' matches {len(candidates)} posts: "
                     + ", ".join(candidates[:5]) + more, path=store.root,
                     hint="give more of the id")


def _stored(store: Archive, object_id: str) -> bool:
    """Whether the archive holds an object of this full id; one whose folder is there but
    cannot be read (its inventory gone, or damaged) is said (its DamagedObject), not "no such
    post"."""
    if store.exists(object_id):
        return True
    damage = store.unreadable_because(object_id)
    if damage is not None:
        raise damage
    return False


# an object that cannot be read, as a lookup knows it: how it is shown among the matches,
# the names it is known by (the id its folder is named after, or the start of it where the
# name is cut short, and the other ids the receipts kept of it), whether the first is whole,
# and why it cannot be read
_Unreadable = tuple[str, list[str], bool, ArchiverError]


def _unreadable_names(store: Archive, damaged: list[ArchiverError]) -> list[_Unreadable]:
    """The objects that cannot be read, each by the names it is still known by: its folder's
    (whole, or found whole among the receipts' ids where the name is cut short) and the
    aliases its receipts kept."""
    if not damaged:
        return []
    from archiver.index import aliases_in_receipts
    from archiver.store import object_id_named_by, object_root_for
    learned = aliases_in_receipts(store)
    placed = {object_root_for(object_id): object_id for object_id in learned}
    out = []
    for problem in damaged:
        where = _object_folder(store, problem.path)
        named = object_id_named_by(where) if where is not None else None
        if named is None:
            continue
        start, whole = named
        if not whole and where in placed:
            start, whole = placed[where], True
        shown = start if whole else f"{start}… (cut short)"
        out.append((shown, [start, *sorted(learned.get(start, ()))] if whole else [start],
                    whole, problem))
    return out


def _unreadable_counted(damaged: list[ArchiverError]) -> str:
    """The hint's words on the objects that could not be read, where a lookup found none."""
    return (f"; {len(damaged)} object(s) of the archive cannot be read (run `archiver fsck`)"
            if damaged else "")


def _readable(found: str, unreadable: list[_Unreadable]) -> str:
    """``found``, unless it is an object that cannot be read: that is then raised (its
    DamagedObject)."""
    for shown, _names, _whole, problem in unreadable:
        if shown == found:
            raise problem
    return found


def _object_folder(store: Archive, path: Path | str | None) -> str | None:
    """The object folder a damaged object's problem names (the folder, or a file or folder
    in it: ``inventory.json``), relative to the storage root; None when it is outside it."""
    if path is None:
        return None
    folder = Path(path)
    if not folder.is_dir() or folder.name == "inventory.json":
        folder = folder.parent
    try:
        return folder.relative_to(store.root).as_posix()
    except ValueError:
        return None


def _by_address(store: Archive, address: str, rebuilding: Rebuilding | None) -> str:
    """The post a WeChat address names: the object of that id, or the one that has it as an
    alias (whole ids only: an address names one post or none)."""
    from archiver.clean.metadata import canonical_url, named_by, unnamed_because
    from archiver.index import load_index, trusted_index
    from archiver.urls import split_url
    written = address if "://" in address else "https://" + address
    if split_url(written) is None:  # "https://[bad/s": no URL at all
        raise UsageError(f"{address!r} is no address (a bracket in its host)",
                         hint="give a post's id (`archiver list` shows them) or its address "
                              "on mp.weixin.qq.com")
    url = canonical_url(written)
    named = named_by(url)
    if named is None:
        raise UsageError(f"{address!r} names no WeChat article: {unnamed_because(url)}",
                         hint="give a post's id (`archiver list` shows them) or its address "
                              "on mp.weixin.qq.com (…/s?__biz=…&mid=…&idx=…, or …/s/ and "
                              "its token)")
    if _stored(store, named):
        return named
    index = trusted_index(store, complete=True)
    whole = index is not None  # (it names every object, with the aliases each had)
    if index is None:
        index = load_index(store, rebuilding=rebuilding)
    owners = sorted(object_id for object_id, entry in index.items()
                    if named in (entry.get("aliases") or ()))
    if len(owners) == 1:
        return owners[0]
    # the post whose alias it is may be one that cannot be read, which no index names
    damaged: list[ArchiverError] = []
    if not whole:
        store.object_ids(damaged=damaged)
    for _shown, names, _whole, problem in _unreadable_names(store, damaged):
        if named in names:
            raise problem
    raise NotFound(f"no post archived from {address!r} (its id would be {named!r})",
                   path=store.root, hint="`archiver list` shows the ids"
                   + _unreadable_counted(damaged))
