"""Image references CommonMark does not read, as the editors that write them show them.

- Obsidian's embeds, ``![[name.png]]``, and its links to notes, ``[[东京]]``, read as the text
  they show (their brackets were the body's text);
- an image path holding spaces written as it is, ``![图片](images/东京 图 0.jpg)``: Typora (with
  its "escape image URL" option off), Bear and other editors write and show it so; CommonMark
  wants ``%20`` or ``<…>``, so the image was lost and its Markdown left in the body's text;
  so is a ``data:image/…`` URI holding spaces, as turndown-based clippers write WeChat's
  lazy-loading placeholder (``data:image/svg+xml,%3C%3Fxml version='1.0' …``) for an
  image the page had not loaded: 500 characters of it were the body's text.

Obsidian (and the Web Clipper's notes once their images are downloaded into the vault) embed
an image by its file name alone, ``![[img 0.png]]``, or by a path inside the vault,
``![[attachments/img 0.png|300]]`` (after ``|``: a width, or the image's text). CommonMark reads
neither as an image, so the post lost every such image. The file is wherever the vault keeps
attachments: beside the note, in a folder under it (``attachments/``), or in a folder of the
vault's top beside the note's folder. It is looked for as written, then by name in the note's
folder and its parent's, a few levels down; what is not found stays as written, and is
reported missing like any other image.

Only embeds of image files are images; ``![[Another note]]`` (a note's text) is left as the
Markdown wrote it. A path with spaces is read only where CommonMark reads no image, on one
line, and only when it names an image file (by its suffix).
"""

from __future__ import annotations

import os
import re
import unicodedata
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from archiver.config import post_folders

_ESCAPE_LIKE = re.compile(r"%(?=[0-9A-Fa-f]{2})")  # a % a URL's reader would decode
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|webp|svg|bmp|avif|tiff?|heic)\Z", re.I)
_SIZE = re.compile(r"\A\d+(?:x\d+)?\Z")  # |300 or |300x200: a size, not the image's text
_DEPTH = 3  # folders below the note's folder, or its parent's, looked into
_MAX_FOLDERS = 2000  # a vault is looked through this far at most


def _files_by_name(base_dir: Path) -> dict[str, str]:
    """The files in ``base_dir`` and its parent, a few levels down, by name, and by the name
    composed (NFC, under a key of its own: a vault copied from a Mac may hold names
    decomposed): where each is, relative to ``base_dir``, with slashes (the nearest first,
    as Obsidian prefers). The name as written wins over one that only composes alike."""
    names: dict[str, str] = {}
    composed: dict[str, str] = {}
    # the folders a post's images may come from (its own, resolved, first), never the whole
    # disk or the home folder
    tops = post_folders(base_dir)
    here = tops[0]
    for top in tops:
        for walked, (folder, subfolders, files) in enumerate(os.walk(top), 1):
            folder_path = Path(folder)
            depth = len(folder_path.relative_to(top).parts)
            subfolders[:] = sorted(d for d in subfolders
                                   if not d.startswith(".") and depth < _DEPTH)
            for name in sorted(files):
                where = Path(os.path.relpath(folder_path / name, here)).as_posix()
                names.setdefault(name, where)
                composed.setdefault(_COMPOSED + unicodedata.normalize("NFC", name), where)
            if walked >= _MAX_FOLDERS:
                break
    return {**composed, **names}


_COMPOSED = "\0"  # (the key of a name composed: no file name holds a NUL)


def _found(name: str, env: dict[str, object]) -> str:
    """Where ``name`` (an embed's target) is, relative to the note's folder; as written when
    it is there, or cannot be found. The folders are listed once a note."""
    base_dir = env.get("base_dir")
    if not isinstance(base_dir, Path) or (base_dir / name).is_file():
        return name
    names = env.get("_files_by_name")
    if not isinstance(names, dict):
        names = env["_files_by_name"] = _files_by_name(base_dir)
    last = name.rsplit("/", 1)[-1]
    return str(names.get(last) or names.get(_COMPOSED + unicodedata.normalize("NFC", last), name))


def _next(state: StateInline, text: str, at: int) -> int:
    """Where ``text`` is next found in the inline source from ``at`` (-1: nowhere), as
    ``str.find``, remembering the answer: each ``![`` of a line of thousands asks, and a
    search from each would read the rest of the line again (quadratic in the line's length).
    An answer found from an earlier place still holds for a later one it does not precede."""
    memo = state.env.setdefault(_MEMO, {}) if isinstance(state.env, dict) else {}
    known = memo.get(text)
    if known is not None and known[0] is state.src and known[1] <= at and \
            (known[2] < 0 or known[2] >= at):
        return int(known[2])
    found = state.src.find(text, at)
    memo[text] = (state.src, at, found)
    return found


_MEMO = "_wiki_embeds_next"


def _next_on_line(state: StateInline, text: str, at: int) -> int:
    """Where ``text`` is next found from ``at`` on the line the position is on (-1: not on
    it): an embed, a path and an image's text are each written on one line."""
    found = _next(state, text, at)
    return -1 if found < 0 or found > _next(state, "\n", state.pos) >= 0 else found


def _double_brackets(state: StateInline, opener: str) -> tuple[int, str] | None:
    """Where the ``]]`` closing ``opener`` (``![[`` or ``[[``) at the position is, on its
    line, and what stands between; None where there is no such pair."""
    start = state.pos
    if not state.src.startswith(opener, start):
        return None
    end = _next_on_line(state, "]]", start + len(opener))
    return None if end < 0 else (end, state.src[start + len(opener):end])


def _embed(state: StateInline, silent: bool) -> bool:
    """An ``![[image]]`` at the position: an ``<img>`` of the file it names."""
    found = _double_brackets(state, "![[")
    if found is None:
        return False
    end, inner = found
    target, _, shown = inner.partition("|")
    target = target.split("#", 1)[0].strip()
    if not target or "\n" in inner or "[" in inner or not _IMAGE_FILE.search(target):
        return False
    if not silent:
        src = _found(target, state.env) if isinstance(state.env, dict) else target
        # a file's name, not a URL: the image is looked for as an <img src> is, decoded
        # (``photo%201.png`` was looked for as ``photo 1.png``) and cut at a ?; a % that
        # starts no escape (``100%.png``) is read as itself, and written so, as before
        src = _ESCAPE_LIKE.sub("%25", src).replace("?", "%3F")
        alt = "" if _SIZE.match(shown.strip()) else shown.strip()
        token = state.push("html_inline", "", 0)
        token.content = f'<img src="{escape(src)}" alt="{escape(alt)}">'
    state.pos = end + 2
    return True


# a path may hold a pair of parentheses, as a copy's name does: "图 (1).jpg"; the text, a
# pair of brackets (CommonMark's rule for a link's text: brackets in it are balanced). A title
# may follow the path, as CommonMark writes one ("…/东京 图.png "图 1""): the shortest path
# that a title, or the closing parenthesis, follows is the path.
_SPACED = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\((?P<src>(?:[^()<>\n\"]|\([^()<>\n\"]*\))+?)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)")


def _spaced(state: StateInline, silent: bool) -> bool:
    """An ``![alt](path with spaces.jpg)`` at the position, which CommonMark did not read."""
    if not state.src.startswith("![", state.pos):
        return False
    # the text must end in "](" on the same line: looked for before the regex is tried, from
    # each "![" of a line of thousands
    if _next_on_line(state, "](", state.pos + 2) < 0:
        return False
    match = _SPACED.match(state.src, state.pos)
    if match is None or " " not in match["src"].strip() or not (
            _IMAGE_FILE.search(match["src"].strip())
            or match["src"].lstrip()[:11].lower() == "data:image/"):
        return False
    if not silent:
        token = state.push("html_inline", "", 0)
        token.content = (f'<img src="{escape(match["src"].strip())}" '
                         f'alt="{escape(match["alt"])}">')
    state.pos = match.end()
    return True


def _wiki_link(state: StateInline, silent: bool) -> bool:
    """Obsidian's and Logseq's link to a note, ``[[东京]]``, ``[[note#heading|shown]]``: the
    text a reader of the note sees (what follows ``|``, else the note's name and heading),
    not its brackets; the note is the vault's, no address the post gave."""
    found = _double_brackets(state, "[[")
    if found is None or (state.pos and state.src[state.pos - 1] == "!"):
        return False
    end, inner = found
    target, bar, shown = inner.partition("|")
    if not inner.strip() or "[" in inner or "]" in inner or \
            state.src[end + 2:end + 3] in ("(", "[", ":") or \
            not any(c.isalpha() for c in target):  # a link whose text is "[1]"; [[1, 2]]
        return False
    if not silent:
        token = state.push("text", "", 0)
        token.content = shown.strip() if bar and shown.strip() else \
            " > ".join(part.strip() for part in target.split("#") if part.strip())
    state.pos = end + 2
    return True


def install(md: MarkdownIt) -> MarkdownIt:
    """``md`` reading ``![[image]]`` as an image (before Markdown's own images are tried),
    a path with spaces (after), and ``[[a note]]`` as the text it shows (before links)."""
    md.inline.ruler.before("image", "wiki_embed", _embed)
    md.inline.ruler.after("image", "spaced_image", _spaced)
    md.inline.ruler.before("link", "wiki_link", _wiki_link)
    return md
