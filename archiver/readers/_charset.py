"""Which character encoding a saved page is in, decided as a browser decides it, and its bytes
decoded as a browser decodes them.

- **Labels** are read as the WHATWG Encoding Standard reads them (``webencodings`` holds its
  table; the labels the Standard added or changed since are below): ``latin1``, ``ascii`` and
  ``iso-8859-1`` all name windows-1252, ``gb2312`` names GBK, and a label no browser knows
  (``klingon-8``, ``utf-7``, a Python codec such as ``hex``) names nothing and is passed over.
- **Declarations** are found by the HTML Standard's *prescan* (:func:`prescan`): a ``<meta
  charset>``, or a ``<meta http-equiv="Content-Type" content="…; charset=…">``, outside
  comments; a ``charset=`` in a description, a comment or another tag declares nothing. A
  declared UTF-16 means UTF-8 (the bytes that carry the declaration are ASCII).
- **Decoders** are the browsers': GBK and gb18030 are one decoder, GB18030 with the mappings
  the Standard took from GB 18030-2022 (:data:`_GB18030_AS_BROWSERS`), checked against
  Chromium; Big5 is Big5-HKSCS, Shift_JIS is Windows-31J, EUC-KR is windows-949.

Bytes a decoder refuses are never replaced: the input is malformed (the caller says so).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import webencodings

# The labels the Encoding Standard gives since webencodings' table was made (2017), and those
# it has since moved to the "replacement" encoding (a browser shows such a page as one U+FFFD:
# they let a page smuggle markup past filters). Also names containers write that are no
# WHATWG label but say GBK (Windows' code page 936, the EUC form of GB 2312).
_LABELS_SINCE = {
    **dict.fromkeys(("unicode11utf8", "unicode20utf8", "x-unicode20utf8"), "utf-8"),
    "unicodefffe": "utf-16be",
    **dict.fromkeys(("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff"),
                    "utf-16le"),
    "ms932": "shift_jis",
    **dict.fromkeys(("csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext",
                     "iso-2022-kr", "replacement"), "replacement"),
    **dict.fromkeys(("cp936", "euc-cn"), "gbk"),
}

REPLACEMENT = "replacement"

# The Python codec a browser's decoder is (each a superset of the codec of the same name)
_PYTHON_CODEC = {"gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs",
                 "shift_jis": "cp932", "euc-kr": "cp949"}

# Where Python's gb18030 codec (GB 18030-2005, with U+1E3F and U+E7C7 as in 2000) and the
# Encoding Standard's decoder differ on bytes both decode: 0xA3A0 is U+3000 (as pages use it),
# 0xA8BC is ḿ and its four-byte twin the private-use U+E7C7, and the 18 characters GB
# 18030-2022 moved out of the private use area (vertical forms, CJK). Found by decoding every
# two-byte sequence and the four-byte ones below U+10000 in Chromium and in Python.
_GB18030_AS_BROWSERS = {
    0xE5E5: 0x3000, 0xE7C7: 0x1E3F, 0x1E3F: 0xE7C7,
    0xE78D: 0xFE10, 0xE78E: 0xFE12, 0xE78F: 0xFE11, 0xE790: 0xFE13, 0xE791: 0xFE14,
    0xE792: 0xFE15, 0xE793: 0xFE16, 0xE794: 0xFE17, 0xE795: 0xFE18, 0xE796: 0xFE19,
    0xE81E: 0x9FB4, 0xE826: 0x9FB5, 0xE82B: 0x9FB6, 0xE82C: 0x9FB7, 0xE832: 0x9FB8,
    0xE843: 0x9FB9, 0xE854: 0x9FBA, 0xE864: 0x9FBB,
}
_GB18030_DIFFERS = re.compile("[" + "".join(map(chr, _GB18030_AS_BROWSERS)) + "]")

# Bytes Python's codecs refuse and a browser's decoder reads: the windows code pages' unassigned
# bytes are the C1 controls of the same number (windows-1255's 0xCA, the Hebrew point ֺ);
# gb18030's single byte 0x80 is the euro sign. Found by decoding every byte in Chromium.
_C1_READ = {
    "windows-874": b"\x81\x82\x83\x84\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x98"
                   b"\x99\x9a\x9b\x9c\x9d\x9e\x9f",
    "windows-1250": b"\x81\x83\x88\x90\x98",
    "windows-1251": b"\x98",
    "windows-1252": b"\x81\x8d\x8f\x90\x9d",
    "windows-1253": b"\x81\x88\x8a\x8c\x8d\x8e\x8f\x90\x98\x9a\x9c\x9d\x9e\x9f",
    "windows-1254": b"\x81\x8d\x8e\x8f\x90\x9d\x9e",
    "windows-1255": b"\x81\x8a\x8c\x8d\x8e\x8f\x90\x9a\x9c\x9d\x9e\x9f",
    "windows-1257": b"\x81\x83\x88\x8a\x8c\x90\x98\x9a\x9c\x9f",
    "windows-1258": b"\x81\x8a\x8d\x8e\x8f\x90\x9a\x9d\x9e",
}
_READ_AS_BROWSERS: dict[str, dict[int, str]] = {
    **{name: {byte: chr(byte) for byte in read} for name, read in _C1_READ.items()},
    "gbk": {0x80: "\u20ac"}, "gb18030": {0x80: "\u20ac"},
}
_READ_AS_BROWSERS["windows-1255"][0xCA] = "\u05ba"


def _reader_of(table: dict[int, str]) -> Callable[[UnicodeError], tuple[str, int]]:
    def read(exc: UnicodeError) -> tuple[str, int]:
        if isinstance(exc, UnicodeDecodeError) and exc.object[exc.start] in table:
            return table[exc.object[exc.start]], exc.start + 1
        raise exc
    return read


for _name, _table in _READ_AS_BROWSERS.items():
    codecs.register_error(f"archiver-{_name}", _reader_of(_table))

# Characters Python's codec gives where a browser's decoder gives another (each from one byte
# alone): KOI8-U's 0xAE and 0xBE are ў and Ў, not box drawings
_KOI8_U_AS_BROWSERS = {0x255D: 0x045E, 0x256C: 0x040E}


@dataclass(frozen=True)
class Declared:
    """An encoding a container declares for the page it holds: its label, and where it
    stands (said when the bytes prove it wrong)."""

    label: str
    where: str = "the capture's Content-Type"


def encoding_named(label: str) -> str | None:
    """The encoding a label names (the Encoding Standard's name: ``windows-1252``, ``gbk``,
    ``replacement``…), or None for a label no browser knows."""
    key = label.strip("\t\n\f\r ").lower()
    if key in _LABELS_SINCE:
        return _LABELS_SINCE[key]
    found = webencodings.lookup(key)
    return found.name if found is not None else None


def _codec(encoding: str) -> codecs.CodecInfo:
    if encoding in _PYTHON_CODEC:
        return codecs.lookup(_PYTHON_CODEC[encoding])
    return webencodings.lookup(encoding).codec_info


def decode_as(data: bytes, encoding: str) -> str:
    """``data`` decoded by the browsers' decoder for ``encoding`` (an Encoding Standard name);
    UnicodeDecodeError for bytes it refuses."""
    errors = f"archiver-{encoding}" if encoding in _READ_AS_BROWSERS else "strict"
    text, _ = _codec(encoding).decode(data, errors)
    if encoding in ("gbk", "gb18030") and _GB18030_DIFFERS.search(text):
        text = text.translate(_GB18030_AS_BROWSERS)
    elif encoding == "koi8-u":
        text = text.translate(_KOI8_U_AS_BROWSERS)
    elif encoding == "shift_jis" and (found := _CP932_OWN.search(text)):
        at = len(text[:found.start()].encode("cp932"))
        raise UnicodeDecodeError(encoding, data, at, at + 1, "no Shift_JIS character")
    return text


# Windows-31J's bytes 0xA0 and 0xFD–0xFF alone, which Python's cp932 reads as private-use
# characters and browsers do not read at all (U+FFFD): refused, never kept as a character
_CP932_OWN = re.compile("[\uf8f0-\uf8f3]")


# --- the HTML Standard's prescan --------------------------------------------------------------

_SPACE = b"\t\n\f\r "
_SPACE_OR_SLASH = _SPACE + b"/"
_CHARSET = re.compile(rb"charset", re.I)
_CHARSET_IN_CONTENT = re.compile(r"charset[\t\n\f\r ]*=[\t\n\f\r ]*", re.I)


class Declaration(NamedTuple):
    """What a page declares: the encoding, and the label as the page wrote it."""

    encoding: str
    label: str


def prescan(data: bytes, end: int) -> Declaration | None:
    """What the first ``<meta>`` in ``data[:end]`` declares, found as the HTML Standard's
    prescan finds it: comments, ``<!…>``, ``</…>`` and ``<?…>`` passed over, other tags'
    attributes read (a ``>`` in a quoted value ends no tag), a ``<meta>`` counted only with a
    ``charset`` attribute, or a ``content`` whose charset an ``http-equiv="content-type"``
    makes a declaration, and only once its ``>`` is read; a label no browser knows passed
    over."""
    data = data[:end]
    if _CHARSET.search(data) is None:  # (no page declares without the word)
        return None
    at = 0
    while True:
        at = data.find(b"<", at)
        if at == -1:
            return None
        if data.startswith(b"<!--", at):
            close = data.find(b"-->", at + 2)
            if close == -1:
                return None
            at = close + 3
        elif data[at + 1:at + 5].lower() == b"meta" and data[at + 5:at + 6] != b"" \
                and data[at + 5] in _SPACE_OR_SLASH:
            found, at = _meta(data, at + 6)
            if found is not None:
                return found
        elif data[at + 1:at + 2].isalpha() or (
                data[at + 1:at + 2] == b"/" and data[at + 2:at + 3].isalpha()):
            at = _past_tag(data, at + 1)
        elif data[at + 1:at + 2] in (b"!", b"/", b"?"):
            close = data.find(b">", at + 1)
            if close == -1:
                return None
            at = close + 1
        else:
            at += 1


def _meta(data: bytes, at: int) -> tuple[Declaration | None, int]:
    """What a ``<meta>`` whose attributes start at ``at`` declares (None if nothing, or if
    the data ends inside it), and where the prescan goes on."""
    names: set[str] = set()
    got_pragma = False
    need_pragma: bool | None = None
    charset: str | None = None  # "" when a label named no encoding
    label = ""
    while True:
        attribute, at = _attribute(data, at)
        if attribute is None:
            break
        name, value = attribute
        if name in names:
            continue
        names.add(name)
        if name == "http-equiv":
            got_pragma = got_pragma or value == "content-type"
        elif name == "content" and charset is None:
            written = charset_in_content(value)
            if written is not None:
                charset, label = encoding_named(written) or "", written
                need_pragma = True
        elif name == "charset":
            charset, label = encoding_named(value) or "", value
            need_pragma = False
    if at > len(data) or need_pragma is None or (need_pragma and not got_pragma) \
            or not charset:
        return None, at
    if charset in ("utf-16be", "utf-16le"):
        charset = "utf-8"
    elif charset == "x-user-defined":
        charset = "windows-1252"
    return Declaration(charset, label.strip("\t\n\f\r ")), at


def _past_tag(data: bytes, at: int) -> int:
    """Where the prescan goes on after a tag other than ``<meta>``: past its attributes."""
    at = _TAG_NAME.match(data, at).end()  # type: ignore[union-attr]  # (it matches "")
    while True:
        attribute, at = _attribute(data, at)
        if attribute is None:
            return at


_TAG_NAME = re.compile(rb"[^\t\n\f\r >]*")
# "get an attribute": spaces and slashes, a name (which an "=" may begin), and after "=" a
# value quoted, or running to a space or ">"; a quote left open ends the data
_ATTRIBUTE = re.compile(rb"""[\t\n\f\r /]*(?:(?P<end>>)|(?P<name>[^\t\n\f\r />][^\t\n\f\r />=]*)
    (?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"(?P<dq>[^"]*)(?P<dqe>"?)|'(?P<sq>[^']*)(?P<sqe>'?)
    |(?P<uq>[^\t\n\f\r >]*)))?)""", re.X)


def _attribute(data: bytes, at: int) -> tuple[tuple[str, str] | None, int]:
    """The HTML Standard's "get an attribute": (name, value), lowercased, and where the
    prescan goes on; None at the tag's end (``at`` then past its ``>``), or where the data
    ends inside the tag (``at`` then past the data's end)."""
    match = _ATTRIBUTE.match(data, at)
    if match is None:
        return None, len(data) + 1
    if match["end"] is not None:
        return None, match.end()
    if match["dq"] is not None and not match["dqe"] or match["sq"] is not None \
            and not match["sqe"] or match.end() == len(data):
        return None, len(data) + 1
    value = match["dq"] if match["dq"] is not None else match["sq"] \
        if match["sq"] is not None else match["uq"] or b""
    return (_text(match["name"]), _text(value)), match.end()


def _text(raw: bytes | bytearray) -> str:
    """Bytes of a tag as the prescan reads them: each byte its own character, ASCII
    letters in lower case."""
    return bytes(raw).decode("latin-1").lower()


def charset_in_content(value: str) -> str | None:
    """The label of the HTML Standard's "extracting a character encoding from a meta
    element": after ``charset=``, a quoted string, or what runs to a space or ``;`` (a
    ``Content-Type`` header's too)."""
    for match in _CHARSET_IN_CONTENT.finditer(value):
        rest = value[match.end():]
        if not rest:
            return None
        if rest[0] in "\"'":
            close = rest.find(rest[0], 1)
            return rest[1:close] if close != -1 else None
        return re.split(r"[\t\n\f\r ;]", rest, maxsplit=1)[0]
    return None
