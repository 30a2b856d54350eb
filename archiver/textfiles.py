"""Files of text a user gives (references, one per line; a .bib file), read as text or
refused as bad input naming the file: UTF-8, or the encoding a byte-order mark says; and text
from a user's files and their names made safe to print on a terminal line."""

from __future__ import annotations

import codecs
import os
import re
import shlex
from pathlib import Path

from archiver.errors import InputError


def missing(path: Path) -> str:
    """Why there is no file at ``path``: none, or a symbolic link to one that is gone."""
    try:
        if path.is_symlink():
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
    except OSError:
        pass
    return "no such file"


def text_file(path: Path) -> str:
    """A file of references as text (:func:`decoded`); one that cannot be read is bad input
    (exit 4), named."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(missing(path), path=path) from None
    except IsADirectoryError:  # as the readers say it
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as exc:  # this input, not the archive: bad input (exit 4)
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return decoded(data, path)


# Python's str.splitlines also breaks at a form feed (pdftotext's page break), at NEL and at
# the Unicode line and paragraph separators; an editor, `wc -l` and a line-by-line scorer
# break only at a newline. There these are spaces inside the line.
_LINE_END = re.compile(r"\r\n|\r|\n")
_SPACES_INSIDE_A_LINE = dict.fromkeys(map(ord, "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), " ")


def text_lines(text: str) -> list[str]:
    """``text``'s lines as an editor numbers them (CR LF, CR or LF end one; none is empty at
    the end), a page break or line separator inside one a space: one reference a line stays
    one, and line N of a report is line N of the file."""
    lines = _LINE_END.split(text)
    if lines and not lines[-1]:
        lines.pop()
    return [line.translate(_SPACES_INSIDE_A_LINE) for line in lines]


# (mark, codec, name in messages). UTF-32's little-endian mark begins with UTF-16's: it is
# looked for first. A browser knows only the UTF-8 and UTF-16 marks (the HTML standard's BOM
# sniffing): a saved page is read as a browser reads it, and a UTF-32 mark is no mark there.
_UTF32_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
                (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"))
_PAGE_MARKS = ((codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
               (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))


def byte_order_mark(data: bytes, *, utf32: bool = False) -> tuple[str, int, str] | None:
    """(codec, length of the mark, its name) of the byte-order mark ``data`` begins with, or
    None: the marks a browser knows, and with ``utf32`` UTF-32's too."""
    for mark, codec, name in (_UTF32_MARKS + _PAGE_MARKS if utf32 else _PAGE_MARKS):
        if data.startswith(mark):
            return codec, len(mark), name
    return None


def utf16_without_its_mark(data: bytes) -> str | None:
    """``UTF-16LE`` or ``UTF-16BE`` for text in UTF-16 that has no byte-order mark: of its
    first 200 bytes, half or more at odd places (or at even ones) NUL, as ASCII text, front
    matter or markup makes them, and few at the others. Else None."""
    sample = data[:200]
    for nuls, letters, name in ((sample[1::2], sample[0::2], "UTF-16LE"),
                                (sample[0::2], sample[1::2], "UTF-16BE")):
        if len(nuls) >= 8 and nuls.count(0) >= 0.5 * len(nuls) \
                and letters.count(0) <= 0.1 * len(letters):
            return name
    return None


def decoded(data: bytes, where: str | Path) -> str:
    """UTF-8 text, or text whose byte-order mark says its encoding (Windows' Notepad saves
    "Unicode" as UTF-16 with one). Anything else is bad input, not text to read as best one
    can: bytes that are not UTF-8 (Python's UTF-8 mode would escape them silently), or NUL
    bytes (UTF-16 without its mark: "Smith" would be read as "S m i t h")."""
    mark = byte_order_mark(data, utf32=True)
    if mark is not None:
        codec, length, name = mark
        try:
            return data[length:].decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(f"not {name} text as its byte-order mark says (byte "
                             f"{exc.start + length})", path=where, hint=_CONVERT) from None
    nul = data.find(b"\0")
    if nul >= 0:  # "S\0m\0" is little-endian, "\0S\0m" big-endian
        endian = utf16_without_its_mark(data) or ("UTF-16BE" if nul % 2 == 0 else "UTF-16LE")
        raise InputError(f"holds NUL bytes (byte {nul}): UTF-16 text without "
                         "a byte-order mark, or no text", path=where,
                         hint=f"convert it to UTF-8 first (iconv -f {endian} -t UTF-8)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (at byte {exc.start}, which is "
                         f"0x{data[exc.start]:02x})", path=where,
                         hint=_CONVERT) from None


_CONVERT = ("convert it to UTF-8 first: iconv -f ENCODING -t UTF-8 (GB18030 for Chinese text "
            "saved on Windows)")


# Characters that reorder what follows them on the screen (bidirectional embeddings,
# overrides and isolates): a title holding U+202E shows its words, and the columns after it,
# reversed, and may pass for another (the "Trojan Source" trick)
_BIDI = "\u202a-\u202e\u2066-\u2069"

# What a terminal does not print as it is: C0 and C1 controls (a line break splits a line that
# scripts read as one; ESC begins a sequence the terminal obeys: a colour, a new window title),
# the line and paragraph separators, the bidirectional controls above, and the characters
# that show nothing at all (zero-width space, direction marks, word joiner, byte order mark:
# "nobody\u200b@" must not read "nobody@"). And the backslash that begins each escape,
# escaped too: "a\\nb" is shown for a name holding a backslash, "a\nb" for one holding a
# line break.
_INVISIBLE = "\u200b\u200e\u200f\u2060\ufeff"
# A name that is not UTF-8 (a file written by a system using another encoding) is read by
# Python with each stray byte as a lone surrogate, U+DC80–U+DCFF: shown as the byte, ``\xb2``.
_STRAY_BYTES = "\udc80-\udcff"
# (the tab apart: a line of a post's text keeps it, :func:`on_terminal`)
_ESCAPED_BUT_TAB = f"\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_INVISIBLE}{_STRAY_BYTES}"
_UNPRINTABLE = re.compile(f"[\\\\\t{_ESCAPED_BUT_TAB}]")


def is_utf8(text: str) -> bool:
    """Whether UTF-8 can hold ``text``: not when it holds a lone surrogate, as Python reads a
    name or an argument in bytes that are not UTF-8 (each stray byte one of U+DC80–U+DCFF)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def utf8_safe(text: str) -> str:
    """``text`` as UTF-8 can hold it, JSON's included: each stray byte of a name that is not
    UTF-8 (a lone surrogate, as Python reads such a name) written as that byte's escape,
    ``\\xff`` (:func:`archiver.discover.shown` writes a path so); any other lone surrogate as
    its own escape, ``\\ud800``. Text that is UTF-8 already is returned as it is."""
    if is_utf8(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no byte stands for
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def printable(text: str) -> str:
    """``text`` safe to print as part of one terminal line: each character of
    :data:`_UNPRINTABLE` written as its escape (``\\n``, ``\\x1b``, ``\\u202e``), so that
    a file named with one is still told apart, and named, and nothing is done to the
    terminal."""
    if text.isascii() and text.isprintable() and "\\" not in text:
        return text
    return escaped(_UNPRINTABLE, text)


_BIDI_CONTROLS = re.compile(f"[{_BIDI}]")
# what a line of a post's text shows escaped on a terminal: what :data:`_UNPRINTABLE` holds
# but the backslash and the tab (the text's own, as they are: no escape is made in it but
# these)
_NOT_ON_A_TERMINAL = re.compile(f"[{_ESCAPED_BUT_TAB}]")


def on_screen(line: str) -> str:
    """One line of a listing or a record's fields (``one_line`` already made it one line),
    with each character that would reorder the screen shown as its escape (``\\u202e``):
    the data keep it; what a person reads shows it is there."""
    return escaped(_BIDI_CONTROLS, line) if _BIDI_CONTROLS.search(line) else line


def on_terminal(line: str) -> str:
    """A line of a post's text as ``diff`` prints it: each control character (ESC begins a
    sequence the terminal obeys), each character that reorders the screen or shows nothing,
    written as its escape; its own backslashes and tabs as they are."""
    return escaped(_NOT_ON_A_TERMINAL, line) if _NOT_ON_A_TERMINAL.search(line) else line


def escaped(characters: re.Pattern[str], text: str) -> str:
    """``text`` with each character ``characters`` matches written as its Python escape
    (``\\n``, ``\\x02``, ``\\u202e``): there, but seen, and harmless where it is shown. A
    stray byte of a name that is not UTF-8 is written as that byte (``\\xff``), as
    :func:`archiver.discover.shown` writes it."""
    return characters.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if "\udc80" <= character <= "\udcff":
        return f"\\x{ord(character) - 0xDC00:02x}"
    return character.encode("unicode_escape").decode("ascii")


def for_a_shell(path: str | Path) -> str:
    """``path`` as typed in a shell, in a hint's command: quoted, never taken for an option
    (``./-in``)."""
    text = str(path)
    return shlex.quote(f"./{text}" if text.startswith("-") else text)


# names that tools give every save they make, each in its own folder (an exporter's
# README.md in a folder named by the post's date, a save-page folder's page.html, a site
# copier's index.html): such a file is named by its folder too, or two saves look the same
_NAMES_OF_EVERY_SAVE = frozenset({"readme.md", "index.md", "index.html", "index.htm",
                                  "page.html", "page.htm", "source.html", "article.html"})


def shown_file_name(source: str | Path) -> str:
    """How a message names the file a post was read from: its name, and its folder's where
    the name is one every save of some tool has."""
    path = Path(source)
    if path.name.casefold() in _NAMES_OF_EVERY_SAVE and path.parent.name:
        return f"{path.parent.name}/{path.name}"
    return path.name
