"""Localise a post's images: every reference becomes a stored asset or a recorded absence.

Sources, in order: ``data:`` URIs in the page; files beside the post (relative paths, a
browser's ``*_files/`` folder, an exporter's ``images/`` folder), site-absolute paths
(``/images/1935/2.jpeg``) looked up under the configured asset roots; and, unless fetching is
off, HTTP(S) with requests — the only package that does HTTP. The type always comes from the
bytes (Pillow), never from the name or URL; a non-image or a decompression bomb is refused.
A missing image is a result with a reason, never an exception.

Its parts: :mod:`~archiver.assets.sniff` (what the bytes are), :mod:`~archiver.assets.local`
(images on disk), :mod:`~archiver.assets.download` (images over HTTP(S)), with
:mod:`~archiver.assets.guard` (the addresses they may come from), and
:mod:`~archiver.assets.keys` (how a capture's images are looked up); this module reads a
post's references in turn through them (:func:`localise`).
"""

from __future__ import annotations

import binascii
import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

from archiver.assets.download import Session, fetch, new_session
from archiver.assets.keys import keyed, lazy_loaded_key, resource_key, resource_keys
from archiver.assets.local import allowed_roots, local_image
from archiver.assets.sniff import EMPTY_PLACEHOLDER, describe_original, shortened, sniff
from archiver.config import Config
from archiver.model import CUT_SHORT, Asset, ImageRef
from archiver.urls import joined_url, joined_urls, scheme_lowered


def _data_uri_parts(uri: str) -> tuple[bool, str]:
    """(whether it is base64, the payload) of a ``data:`` URI."""
    header, _, payload = uri.partition(",")
    return header.lower().endswith(";base64"), payload  # RFC 2397: the case is free


def _data_uri(parts: tuple[bool, str]) -> bytes | None:
    """The bytes of a ``data:`` URI, from its :func:`_data_uri_parts`. A payload that is
    not base64 is read as a browser reads it: each ``%XX`` is that byte, and a character
    written as itself (an SVG's ``<text>中文</text>``) is its UTF-8 bytes."""
    is_base64, payload = parts
    try:
        if is_base64:  # (characters outside the alphabet, line breaks too, are passed over)
            return binascii.a2b_base64(payload)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None


def _data_uri_over(parts: tuple[bool, str], limit: int) -> bool:
    """Whether a ``data:`` URI (its :func:`_data_uri_parts`) decodes to more than ``limit``
    bytes (percent-encoded: at least), told without decoding it. Base64 gives three bytes for
    four characters at most: only a payload long enough to pass the limit has its line breaks
    and padding counted."""
    is_base64, payload = parts
    if not is_base64:
        return len(payload) // 3 > limit
    if len(payload) * 3 // 4 <= limit:
        return False
    spaces = sum(payload.count(c) for c in " \t\r\n")  # base64 wrapped in lines
    return (len(payload) - spaces) * 3 // 4 - min(payload.count("="), 2) > limit


# an address of a scheme no image is read from, not a file name: one with an authority
# (ftp://, weixin://), or one of those that never name a file (blob:https://…, which lives
# only in the browser tab that made it; mailto:). A drive letter (C://…) and a file: URL are
# local files; a name with another word before a colon (img:1.png) may be one
_OTHER_SCHEME = re.compile(r"(?!file:|https?:|[a-z]:)([a-z][a-z0-9+.-]*)://|"
                           r"(blob|mailto|javascript|cid|filesystem):", re.I)


# What the caller does before the first image of a file is asked of the network: an ingest run
# commits the posts it has gathered, so that none of them waits, unreported (and lost by a
# crash in the while), on another post's slow images. Called once, then cleared.
before_network: ContextVar[Callable[[], None] | None] = ContextVar("before_network",
                                                                   default=None)


def _going_to_the_network() -> None:
    hook = before_network.get()
    if hook is not None:
        before_network.set(None)
        hook()


def localise(refs: Iterable[ImageRef], base_dir: Path, config: Config,
             session: Session | None = None,
             inputs: dict[str, str | None] | None = None,
             resources: Mapping[str, bytes] | None = None,
             base_url: str | None = None, local_files: bool = True,
             damaged: Mapping[str, str] | None = None) -> list[Asset]:
    """One :class:`Asset` per reference, in order (the same bytes may back several).

    ``local_files=False`` for a container's page (MHTML, WARC): what the container lacks is
    never looked for on disk beside it (a browser does not do that either); a relative
    reference is resolved against the page's URL and is fetched like any remote image.

    ``damaged`` names the files the container holds only in part (URL → why): such an image
    is missing with that reason, neither taken from the container nor fetched.

    ``inputs``, when given, is filled with every local file looked at (resolved path → sha256,
    or None where nothing was found), so a caller can later tell whether re-reading the post
    could give a different result without re-reading it.
    """
    inputs = {} if inputs is None else inputs
    carried = keyed(resources or {})
    cut = keyed({url: why for url, why in (damaged or {}).items() if url != CUT_SHORT})
    cut_short = (damaged or {}).get(CUT_SHORT)  # the container ends early: it may have held it

    def in_container(table: Mapping[str, Any], reference: str) -> Any:
        """What ``table`` holds for the image (the container's copy, or why its copy is
        damaged): by the URL as written, or resolved against the page's own URL the way the
        browser that saved it did (``../images/1.jpg``)."""
        if not table or reference.startswith("data:"):
            return None
        for candidate in (reference, *(joined_urls(base_url, reference) if base_url else ())):
            if candidate:
                for found in resource_keys(candidate):
                    if found in table:
                        return table[found]
        return None

    def from_the_network(url: str) -> Asset:
        """``url`` fetched, on the session given (or made at the first fetch), once the
        caller's hook has been told the network is next."""
        nonlocal session
        if session is None:
            session = new_session()
        _going_to_the_network()
        return fetch(url, config, session)

    out: list[Asset] = []
    seen: dict[str, Asset] = {}
    allowed: list[Path] | None = None  # resolved when a local reference first needs them
    for ref in refs:
        original = ref.original.strip()  # recorded as written
        address = scheme_lowered(original)  # and read as the address it is: HTTP:// is http://
        if original in seen:
            out.append(_with_address(seen[original], ref))
            continue
        if not original:
            asset = Asset(original="", status="missing",
                          reason="the saved post gives this image no source")
        elif (carried_bytes := in_container(carried, address)) is not None:
            asset = sniff(carried_bytes, original, "container", config)
        elif (why := in_container(cut, address)) is not None:
            asset = Asset(original=describe_original(original), status="missing",
                          origin="container", reason=why)
        elif address.startswith("data:"):
            parts = _data_uri_parts(address)  # (the payload copied out once)
            if _data_uri_over(parts, config.max_image_bytes):  # not decoded first
                asset = Asset(original=describe_original(original), status="missing",
                              reason=f"too large: over {config.max_image_bytes} bytes")
            else:
                data = _data_uri(parts)
                asset = (sniff(data, original, "data: URI", config) if data is not None else
                         Asset(original=describe_original(original), status="missing",
                               reason="data: URI cannot be decoded"))
        elif address.startswith(("http://", "https://", "//")):
            url = "https:" + address if address.startswith("//") else address
            if not config.fetch:
                asset = Asset(original=original, status="missing",
                              reason="not fetched: network fetching is off (--no-fetch)")
            else:
                asset = from_the_network(url)
                if address != original:  # its scheme in capitals: recorded as written
                    asset = dataclasses.replace(asset, original=original)
        elif (scheme := _OTHER_SCHEME.match(original)) is not None:
            asset = Asset(original=original, status="missing", reason=(
                f"unsupported URL {shortened(original)!r}: only http(s), data: and file: "
                f"addresses and files are read, not {(scheme[1] or scheme[2]).lower()}:"))
        elif not local_files:
            url = joined_url(base_url, address) if base_url else address
            if url.startswith(("http://", "https://")) and config.fetch:
                asset = from_the_network(url)
            else:
                asset = Asset(original=original, status="missing",
                              reason="not in the container (a container's page is never "
                                     "completed from local files)")
        else:
            if allowed is None:
                allowed = allowed_roots(base_dir, config)
            asset = local_image(ImageRef(original=original), base_dir, config, inputs, allowed)
        if not local_files and asset.status == "missing" and asset.origin != "container" \
                and original and not address.startswith("data:"):
            # only what the container could have held: not an image with no source, nor a
            # data: URI the page itself carries. Said first, then why it was not fetched
            # either: "not fetched" alone left open whether the saved file held it
            absent = "not in the container" + (f", which is {cut_short}" if cut_short else "")
            reason = asset.reason or ""
            asset = dataclasses.replace(asset, reason=absent + reason.removeprefix(
                "not in the container") if reason.startswith("not in the container")
                else f"{absent}; {reason}")
        seen[original] = asset
        out.append(_with_address(asset, ref))
    return out


def _with_address(asset: Asset, ref: ImageRef) -> Asset:
    """The image of ``ref`` as the record gives it: with the web address the page gives
    beside the copy it was read from (the same copy may stand for two addresses)."""
    address = (ref.address or "").strip()
    if not address or address == ref.original.strip():
        return asset
    return dataclasses.replace(asset, address=address)


__all__ = ["EMPTY_PLACEHOLDER", "Session", "before_network", "describe_original", "fetch",
           "lazy_loaded_key", "localise", "new_session", "resource_key", "sniff"]
