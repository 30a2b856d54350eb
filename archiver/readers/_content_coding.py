"""Undo the Content-Encoding of an HTTP response recorded as it came (RFC 9110 §8.4).

A crawler that records what the server sent keeps a body compressed the way the browser asked
for it: ``gzip`` and ``deflate`` always, ``br`` wherever a browser drives the crawl, ``zstd``
since Chrome 123. Each is undone here, one after the other for a list (``gzip, br``: br was
applied last, so it is undone first), never past a limit of output: a few kilobytes of any of
them can stand for gigabytes, so input is fed a piece at a time and output is bounded at each
step (brotli's ``output_buffer_limit``, zlib's ``max_length``; zstd by the size of the pieces).

warcio undoes gzip and deflate itself, but writes what goes wrong part-way on the terminal and
gives the payload cut short as if whole; its br path does not work with the brotli package as
published today; it knows no zstd. So the reader undoes every coding here, and is told why
when a body does not decode.
"""

from __future__ import annotations

import zlib

import brotli
import zstandard

# the codings undone here ("x-gzip" is gzip: RFC 9110 asks a recipient to read it so)
SUPPORTED = frozenset({"gzip", "x-gzip", "deflate", "br", "zstd"})
_PIECE = 1 << 16  # input fed at a time to brotli and zlib, which bound their output
_HEAD = 32  # the first piece fed: what no decoder takes from its first bytes is not encoded
# zstd's decoder does not bound its output: a block of up to 128 KiB may stand in 4 bytes,
# so a piece of this size gives 16 MiB at most
_ZSTD_PIECE = 512


class NotEncoded(Exception):
    """The body does not open as the coding says: no byte of it decodes (a crawler may have
    stored it decoded and kept the server's header, as some do)."""


class Undecodable(Exception):
    """The body opens as the coding says but does not decode to its end: damaged, or cut."""


def codings(header: str | None) -> list[str]:
    """The codings a Content-Encoding header lists, lowercase, in the order they were
    applied (``identity`` is no coding)."""
    return [c for c in (part.strip().lower() for part in (header or "").split(","))
            if c and c != "identity"]


def decode(data: bytes, coding: str, limit: int) -> bytes:
    """``data`` with ``coding`` undone, ``limit`` bytes or (one piece) more: past it the caller
    stops. Raises :class:`NotEncoded` or :class:`Undecodable`, saying why."""
    if not data:  # an empty body (a 204, a HEAD) is empty in every coding
        return b""
    if coding in ("gzip", "x-gzip"):
        return _zlib(data, limit, (31,), "gzip")
    if coding == "deflate":  # zlib's wrapping, as the standard says; raw deflate as IIS sent
        return _zlib(data, limit, (15, -15), "deflate")
    if coding == "br":
        return _brotli(data, limit)
    if coding == "zstd":
        return _zstd(data, limit)
    raise ValueError(f"not a coding undone here: {coding}")


def _pieces(data: bytes, size: int) -> list[bytes]:
    """``data`` cut for feeding: a first piece of a few bytes, whose failure says the body is
    no such data at all (a decoder may read a whole piece before it fails), then ``size``."""
    head = data[:_HEAD]
    return [head, *(data[at:at + size] for at in range(len(head), len(data), size))]


def _zlib(data: bytes, limit: int, windows: tuple[int, ...], name: str) -> bytes:
    """gzip (its members one after another) or deflate."""
    for wbits in windows:
        out = bytearray()
        fed = 0  # bytes given to the decoder without complaint
        carried = b""  # the first byte of the next member's magic, the piece ending there
        try:
            member = zlib.decompressobj(wbits)
            for piece in _pieces(data, _PIECE):
                pending, carried = carried + piece, b""
                while pending and len(out) <= limit:
                    if member.eof:  # another gzip member may follow
                        if wbits == 31 and pending == b"\x1f":
                            carried = pending  # its magic split between two pieces
                            break
                        if wbits != 31 or not pending.startswith(b"\x1f\x8b"):
                            return bytes(out)  # anything else after the end is not read,
                        member = zlib.decompressobj(wbits)  # as browsers leave it
                    out += member.decompress(pending, limit + 1 - len(out))
                    pending = member.unconsumed_tail or member.unused_data
                fed += len(piece)
                if len(out) > limit:
                    return bytes(out)
        except zlib.error as exc:
            if fed or out:
                raise Undecodable(f"{name}: {exc}") from None
            continue  # not this wrapping (deflate): the next, or none
        if not member.eof:
            raise Undecodable(f"it ends before the end of its {name} stream")
        return bytes(out)
    raise NotEncoded(f"it does not open as {name} data")


def _brotli(data: bytes, limit: int) -> bytes:
    decoder = brotli.Decompressor()
    out = bytearray()
    pieces = iter(_pieces(data, _PIECE))
    fed = 0
    try:
        while len(out) <= limit:
            if decoder.can_accept_more_data():
                piece = next(pieces, None)
                if piece is None or decoder.is_finished():
                    break
            else:  # output held back at the limit: only empty input until it is given
                piece = b""
            out += decoder.process(piece, output_buffer_limit=limit + 1 - len(out))
            fed += len(piece)
    except brotli.error:
        if not (fed or out):
            raise NotEncoded("it does not open as br data") from None
        raise Undecodable("br: its data is not valid") from None
    if len(out) <= limit and not decoder.is_finished():
        raise Undecodable("it ends before the end of its br stream")
    return bytes(out)


def _zstd(data: bytes, limit: int) -> bytes:
    out = bytearray()
    at = 0
    context = zstandard.ZstdDecompressor()
    try:
        while at < len(data) and len(out) <= limit:  # one frame after another
            frame = context.decompressobj()
            while at < len(data) and not frame.eof and len(out) <= limit:
                piece = data[at:at + _ZSTD_PIECE]
                out += frame.decompress(piece)
                at += len(piece) - len(frame.unused_data if frame.eof else b"")
            if len(out) <= limit and not frame.eof:
                raise Undecodable("it ends before the end of its zstd stream")
    except zstandard.ZstdError as exc:
        if not out and at == 0:
            raise NotEncoded("it does not open as zstd data") from None
        raise Undecodable(f"zstd: {exc}") from None
    return bytes(out)
