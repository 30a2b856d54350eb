"""Files of text a user gives (references, one per line; a .bib file), read as text or
refused as bad input naming the file: UTF-8, or the encoding a byte-order mark says."""

from __future__ import annotations

import codecs
from pathlib import Path

from archiver.errors import InputError


def text_file(path: Path) -> str:
    """A file of references as text (:func:`decoded`); one that cannot be read is bad input
    (exit 4), named."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as exc:  # this input, not the archive: bad input (exit 4)
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return decoded(data, path)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32's little-endian mark begins UTF-16's


def decoded(data: bytes, where: str | Path) -> str:
    """UTF-8 text, or text whose byte-order mark says its encoding (Windows' Notepad saves
    "Unicode" as UTF-16 with one). Anything else is bad input, not text to read as best one
    can: bytes that are not UTF-8 (Python's UTF-8 mode would escape them silently), or NUL
    bytes (UTF-16 without its mark: "Smith" would be read as "S m i t h")."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not {encoding.upper().removesuffix('-SIG')} text as its "
                                 f"byte-order mark says (byte {exc.start})", path=where,
                                 hint=_CONVERT) from None
    nul = data.find(b"\0")
    if nul >= 0:  # "S\0m\0" is little-endian, "\0S\0m" big-endian
        endian = "UTF-16BE" if nul % 2 == 0 else "UTF-16LE"
        raise InputError(f"holds NUL bytes (byte {nul}): UTF-16 text without "
                         "a byte-order mark, or no text", path=where,
                         hint=f"convert it to UTF-8 first (iconv -f {endian} -t UTF-8)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=where,
                         hint=_CONVERT) from None


_CONVERT = ("convert it to UTF-8 first: iconv -f ENCODING -t UTF-8 (GB18030 for Chinese text "
            "saved on Windows)")
