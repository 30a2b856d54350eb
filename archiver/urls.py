"""Addresses as posts and containers write them: parsed without ever raising.

``urllib.parse`` refuses some addresses with a ValueError (a bracket left open,
``https://[::1``; a name in brackets, ``https://[mp.weixin.qq.com]/``). Such an address in a
page, a front matter or a WARC record is the input's flaw: it is no address one can follow,
and must not turn into a crash that stops the inputs after it.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urljoin, urlsplit

# the schemes whose paths a browser (the WHATWG URL standard) reads a backslash in as a slash
_SPECIAL = frozenset({"http", "https", "ws", "wss", "ftp", "file"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def split_url(url: str) -> SplitResult | None:
    """``url``'s parts; None for an address urlsplit refuses."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


# the schemes this tool reads an image from: written in capitals (``HTTP://``, ``DATA:``),
# they are the same address (RFC 3986 §3.1), and a browser lowers them
_READ_SCHEMES = frozenset({"http", "https", "data", "file"})


def has_scheme(reference: str) -> bool:
    """Whether ``reference`` opens with a URL scheme (``http:``, ``cid:``): an absolute
    address, not a path relative to another."""
    return _SCHEME.match(reference) is not None


def scheme_lowered(reference: str) -> str:
    """``reference`` with the scheme of an http(s), data: or file: address in lower case
    (``HTTP://host/a.png`` → ``http://host/a.png``), so that it is read as one, not looked
    for as a file; any other reference as it is (a file name is case-sensitive)."""
    found = _SCHEME.match(reference)
    if found and not found[1].islower() and found[1].lower() in _READ_SCHEMES:
        return found[1].lower() + reference[found.end(1):]
    return reference


def path_and_rest(reference: str) -> tuple[str, str]:
    """``reference`` cut where its query or fragment begins (the first ``?`` or ``#``):
    (its path, the rest, ``""`` when there is none)."""
    mark = _QUERY_OR_FRAGMENT.search(reference)
    return (reference[:mark.start()], reference[mark.start():]) if mark else (reference, "")


_QUERY_OR_FRAGMENT = re.compile(r"[?#]")


def joined_url(base: str, reference: str) -> str:
    """``reference`` resolved against ``base`` as a browser does; as written where either
    is an address urljoin refuses. A backslash in the path of a web address is a slash to a
    browser (``..\\images\\1.jpg``, as a page made on Windows writes it, is the image a
    save keeps under ``../images/1.jpg``); urljoin keeps it."""
    base_scheme, scheme = _SCHEME.match(base), _SCHEME.match(reference)
    read = reference
    if base_scheme is not None and base_scheme[1].lower() in _SPECIAL and \
            (scheme is None or scheme[1].lower() in _SPECIAL):
        path, rest = path_and_rest(reference)  # (its query and fragment kept as they are)
        read = path.replace("\\", "/") + rest
    try:
        return urljoin(base, read)
    except ValueError:
        return reference


def joined_urls(base: str, reference: str) -> list[str]:
    """:func:`joined_url`, and, where it differs, ``reference`` joined with its backslashes
    kept: a crawler may have recorded the address so (wget writes ``img%5C1.jpg``), where a
    browser asked for the one with slashes."""
    joined = [joined_url(base, reference)]
    if "\\" not in reference:  # (nothing a browser reads otherwise)
        return joined
    try:
        kept = urljoin(base, reference)
    except ValueError:
        kept = reference
    return joined if kept in joined else [*joined, kept]


# what a DOI may hold that a URL reads otherwise (an escape, a fragment, a query) or may not
# hold (spaces, quotes, brackets, characters beyond ASCII): percent-encoded in its link, as the
# DOI Handbook says ("10.1000/xyz_123#a" is https://doi.org/10.1000/xyz_123%23a; its
# "#a", left, would be a fragment of another DOI's page)
_DOI_UNSAFE = re.compile(r'[%#?"<>{}^`|\\\[\]]|[^\x21-\x7e]')


def doi_url(doi: str) -> str:
    """The https://doi.org/ link of ``doi``."""
    return "https://doi.org/" + _DOI_UNSAFE.sub(
        lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode()), doi)
