"""SingleFile's self-extracting ZIP: a page saved with ``--compress-content`` (single-file-cli)
or as "self-extracting ZIP" / "compressed HTML" (the browser extension); and its plain ZIP
(``--self-extracting-archive=false``, the extension's "ZIP" format): the same ZIP data without
the prelude, named ``.zip``.

The file is named ``.html`` and a browser opens it, but it is not the page: it is an HTML
prelude (SingleFile's comment, ``<html data-sfz>``, a wait message and a script that unzips)
followed by ZIP data. The page itself is the ZIP's ``index.html`` (in a root folder with
``--create-root-directory``), its images separate entries (``images/1.jpg``) that the page
refers to by name. The prelude declares windows-1252, so that a browser keeps every byte of
the ZIP data behind it; read as a page, the file would be that prelude and binary data taken
for text (and refused as text that does not decode), so it is read here, by its ZIP.

Python's ``zipfile`` finds the ZIP behind the prelude (by its end-of-central-directory record,
whose offsets it corrects for the bytes prepended). Nothing is extracted to disk: entries are
read into memory, only those the page names, bounded (:data:`MAX_ENTRY_BYTES` each,
:data:`MAX_TOTAL_BYTES` in all, at most :data:`MAX_ENTRIES` entries), and their names are
only lookup keys for the page's references, resolved against the page's own entry name as
the unzipping script does. An image is stored as ``assets/<sha256>.<ext>`` whatever its
entry was called, so no name in the ZIP (``../../x``, ``/etc/x``, ``C:\\x``) can make
anything be written outside the object.

What cannot be read is refused, naming the reason: a ZIP whose end record is gone (the file
cut short), a password-protected one, one without an ``index.html``, one whose page entry is
damaged or compressed with a method Python does not have. A damaged image entry is recorded
missing with the reason, as a container's damaged part is.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

from archiver.background import beside
from archiver.canonical import sha512_hex
from archiver.errors import MalformedInput, UnsupportedFormat
from archiver.model import RawPost
from archiver.readers import wechat_html

FORMAT = "singlefile-zip"
MAX_ENTRIES = 10_000  # a saved page has tens of resources, a huge one hundreds
MAX_ENTRY_BYTES = 256 << 20  # one page or image, expanded (as a WARC record's payload)
MAX_TOTAL_BYTES = 512 << 20  # every entry read, expanded: a ZIP bomb stops here
PAGE_NAME = "index.html"
# SingleFile opens the prelude with "<html data-sfz>" after the page's doctype (and a byte
# order mark, when asked for one), and writes a wait message before its unzipping script.
# Both must be there: a page a viewer unzipped and saved again as plain HTML keeps the first
# (the script marks the document it writes), never the second; a note that quotes them
# (docs/ingest.md) opens with neither. When a screenshot is embedded the file is a PNG image
# too: the prelude opens the text chunk that follows the PNG's header, and the wait message
# comes after the image data (past the first MiB, for a long page), so that opening is the
# sign.
_SFZ_ROOT = re.compile(rb"(?:\xef\xbb\xbf)?(?:<!doctype[^>]{0,1024}>\s{0,16})?<html data-sfz>",
                       re.I)
_SFZ_PNG = re.compile(rb"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR.{17}....tEXt[^\x00]{1,79}\x00"
                      rb"<html data-sfz>", re.S)
_SFZ_WAIT = re.compile(rb"<div id=[\"']?sfz-wait-message\b")
_HINT = "save the page again (without --compress-content it is one plain HTML file)"


# SingleFile's plain ZIP (``--self-extracting-archive=false``) is the ZIP data alone: its
# first entry (in the order the save happened to write them) is the page or SingleFile's
# manifest, at the top or in the one root folder. A ZIP opening with anything else (a WACZ's
# archive/, a document's mimetype) is not claimed.
_LOCAL_HEADER = b"PK\x03\x04"
_PLAIN_FIRST = re.compile(rb"(?:[^/\x00]{1,255}/)?(?:index\.html|manifest\.json)")
_SELF_EXTRACTING = "a SingleFile self-extracting page"
_PLAIN = "a SingleFile ZIP file"
_ZIP_OF = {_SELF_EXTRACTING: "a SingleFile self-extracting ZIP", _PLAIN: "a SingleFile ZIP"}


def _is_plain_zip(head: bytes) -> bool:
    """Whether ``head`` opens a ZIP whose first entry is a SingleFile save's page or manifest
    (the entry's name follows the 30 bytes of its local header)."""
    if not head.startswith(_LOCAL_HEADER) or len(head) < 30:
        return False
    size = int.from_bytes(head[26:28], "little")
    return _PLAIN_FIRST.fullmatch(head[30:30 + size]) is not None


def detect(path: Path, head: bytes) -> bool:
    """A SingleFile self-extracting page: opened by its prelude's root element, with the
    prelude's wait message in the first MiB; or a PNG image whose first text chunk opens
    the prelude; or SingleFile's plain ZIP, whatever its name."""
    if _SFZ_PNG.match(head) is not None or _is_plain_zip(head):
        return True
    return _SFZ_ROOT.match(head) is not None and _SFZ_WAIT.search(head) is not None


# zipfile raises whatever its parsing of a damaged directory or header meets, not only
# BadZipFile: NotImplementedError ("zip file version 19.9" for a changed version byte),
# IndexError, struct.error, UnicodeDecodeError, OverflowError… (seeded damage to the real
# saves found each). Every exception from zipfile itself is the ZIP's damage; the calls
# caught are zipfile's alone, so no error of this module's own is taken for one.


def _archive(path: Path, data: bytes, what: str) -> zipfile.ZipFile:
    """The ZIP (behind the prelude), its directory checked for what makes it unreadable;
    ``what`` names the file in messages."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except Exception as exc:  # zipfile on a damaged directory: see the note above
        raise MalformedInput(
            f"{what} whose ZIP data cannot be read ({exc}): the "
            "file is cut short or damaged", path=path, hint=_HINT) from None
    if len(entries) > MAX_ENTRIES:
        raise MalformedInput(f"{what} whose ZIP holds "
                             f"{len(entries)} entries (more than {MAX_ENTRIES})", path=path)
    return archive


def _page_entry(path: Path, archive: zipfile.ZipFile, what: str) -> zipfile.ZipInfo:
    """The page: ``index.html`` at the top, or in the one folder every entry is in (SingleFile's
    ``--create-root-directory``). Two entries of that name are two pages: which one is the
    save is not for a reader to guess."""
    entries = [info for info in archive.infolist() if not _is_folder(info)]
    tops = {info.filename.split("/", 1)[0] for info in entries}
    candidates = [PAGE_NAME]
    if len(tops) == 1 and all("/" in info.filename for info in entries):
        candidates.append(f"{next(iter(tops))}/{PAGE_NAME}")
    for name in candidates:
        found = [info for info in entries if info.filename == name]
        if len(found) > 1:
            raise MalformedInput(f"{what} whose ZIP holds {name} "
                                 f"{len(found)} times: which is the page is not known",
                                 path=path, hint=_HINT)
        if found:
            return found[0]
    raise MalformedInput(f"{what} whose ZIP holds no {PAGE_NAME} "
                         f"(no page to read; its entries: {_names(entries)})", path=path,
                         hint=_HINT)


def _is_folder(info: zipfile.ZipInfo) -> bool:
    """Whether an entry is a folder (``ZipInfo.is_dir`` fails on an empty name)."""
    return info.filename.endswith("/")


def _names(entries: list[zipfile.ZipInfo]) -> str:
    """The first few entries' names, for a message."""
    if not entries:
        return "none"
    names = ", ".join(repr(info.filename) for info in entries[:5])
    return names + (f" and {len(entries) - 5} more" if len(entries) > 5 else "")


class _Unreadable(Exception):
    """Why one entry cannot be read (said of the page, it fails the file; of an image, the
    image is missing with this reason)."""


class _Encrypted(_Unreadable):
    """An entry that only the ZIP's password opens."""


def _read_entry(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                budget: int) -> bytes:
    """The expanded bytes of one entry: never more than ``MAX_ENTRY_BYTES`` nor ``budget``
    read (the size the directory declares is not trusted: it is the ZIP's own claim)."""
    if info.flag_bits & 0x1:
        raise _Encrypted("encrypted (the ZIP is password-protected)")
    limit = min(MAX_ENTRY_BYTES, budget)
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except NotImplementedError as exc:  # AES (method 99), zstd…: Python has no decoder
        raise _Unreadable(f"compressed with a method that cannot be read ({exc})") from None
    except RuntimeError as exc:  # zipfile's own word for an encrypted entry
        raise _Encrypted(f"encrypted (the ZIP is password-protected): {exc}") from None
    except Exception as exc:  # BadZipFile, zlib.error… (see the note above _archive)
        raise _Unreadable(f"damaged in the ZIP data ({type(exc).__name__}: {exc})") from None
    if len(data) > limit:
        what = (f"an entry of the ZIP ({info.filename!r}) expands to more than {limit} bytes"
                if limit == MAX_ENTRY_BYTES else
                f"the ZIP's entries expand to more than {MAX_TOTAL_BYTES} bytes in all")
        raise MalformedInput(f"{what} (a decompression bomb?)", path=path)
    return data


# a run of the characters a path is written with, up to a query, a fragment or a delimiter
_PATH_RUN = re.compile(rb"""[^\s"'()<>?#=,;]+""")


def _names_in(html: bytes) -> set[bytes]:
    """Every path the page may name an entry by, found in one pass over it: each run of path
    characters, and each part of a run after one of its "/" (``./images/1.jpg`` names
    ``images/1.jpg``). Looking each entry's name up here costs the same whatever the page's
    size (a search of the page for each of thousands of entries took minutes)."""
    names: set[bytes] = set()
    for run in _PATH_RUN.findall(html):
        names.add(run)
        at = run.find(b"/")
        while at != -1:
            names.add(run[at + 1:])
            at = run.find(b"/", at + 1)
    return names


def _referenced(info: zipfile.ZipInfo, page: zipfile.ZipInfo, names: set[bytes]) -> bool:
    """Whether the page may refer to the entry: its name relative to the page's folder
    (``images/1.jpg``), as written or percent-encoded, is one of the page's ``names``
    (:func:`_names_in`). Only such entries are read: one the page never names is no image of
    the post, and reading it would only cost memory (a small file can hold entries that
    expand to hundreds of MB)."""
    folder = page.filename.rpartition("/")[0]
    name = info.filename
    if folder and name.startswith(folder + "/"):
        name = name[len(folder) + 1:]
    return any(form.encode("utf-8") in names for form in {name, quote(name), quote(name, "/")})


def read(path: Path, data: bytes | None = None) -> RawPost:
    data = path.read_bytes() if data is None else data
    digest = beside(len(data), sha512_hex, data)  # on a second core while the ZIP is read
    what = _PLAIN if data.startswith(_LOCAL_HEADER) else _SELF_EXTRACTING
    archive = _archive(path, data, what)
    page = _page_entry(path, archive, what)
    budget = MAX_TOTAL_BYTES
    try:
        html_bytes = _read_entry(path, archive, page, budget)
    except _Unreadable as exc:
        raise MalformedInput(f"{what} whose page ({page.filename}) is {exc}", path=path,
                             hint="save the page again without a password"
                             if isinstance(exc, _Encrypted) else _HINT) from None
    budget -= len(html_bytes)
    if not wechat_html.detect(Path(PAGE_NAME), html_bytes[:1 << 20]):
        raise UnsupportedFormat(f"{what} whose page ({page.filename}) is not a WeChat post",
                                path=path)
    resources: dict[str, bytes] = {}
    damaged: dict[str, str] = {}
    names = _names_in(html_bytes)
    for info in archive.infolist():
        if _is_folder(info) or info is page or not _referenced(info, page, names):
            continue
        try:
            body = _read_entry(path, archive, info, budget)
        except _Unreadable as exc:
            damaged.setdefault(info.filename, f"{exc}: entry {info.filename!r} of the "
                                              f"SingleFile ZIP")
            continue
        budget -= len(body)
        resources.setdefault(info.filename, body)
    try:
        raw = wechat_html.read_page(html_bytes, path)
    except MalformedInput as exc:  # said of the page inside, not of the ZIP ("FILE > NEW")
        raise MalformedInput(f"{what}, in its page {page.filename}: {exc.message}", path=path,
                             hint=exc.hint and exc.hint.replace(
                                 "FILE > NEW", f"{page.filename} > NEW (the page extracted "
                                               "from the ZIP)")) from None
    # the page's references are relative to its own entry (``images/1.jpg`` beside
    # ``index.html``, or beside ``<root>/index.html``): the pipeline resolves them against it
    container = {"format": FORMAT, "page": page.filename, "entries": len(resources)}
    return RawPost(path=path, format=FORMAT, kind=raw.kind, data=data,
                   body_html=raw.body_html, body_tree=raw.body_tree, fields=raw.fields,
                   base_dir=path.parent,
                   notes=(*raw.notes, f"{page.filename} of {_ZIP_OF[what]} "
                                      f"({len(resources)} other entries)"),
                   resources=resources, damaged=damaged, container=container, sha512=digest)
