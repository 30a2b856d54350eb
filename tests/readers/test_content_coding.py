"""An HTTP body's Content-Encoding is undone whole, within a bound, or said to fail.

The br and zstd bodies are the real page compressed by the brotli and zstd command-line tools
(tests/fixtures/encoded/README.md); gzip and deflate ones are made here by Python's zlib.
"""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest
import zstandard

from archiver.readers._content_coding import NotEncoded, Undecodable, codings, decode

from conftest import FIXTURES, WECHAT

PAGE = (WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代" / "html"
        / "2021-07-07_送别一个旧时代.html").read_bytes()
ENCODED = FIXTURES / "encoded"
LIMIT = 1 << 30


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


BODIES = {
    "gzip": gzip.compress(PAGE, mtime=0),
    "x-gzip": gzip.compress(PAGE, mtime=0),
    "deflate": zlib.compress(PAGE),
    "br": (ENCODED / "mufeng-2021-07-07.html.br").read_bytes(),
    "zstd": (ENCODED / "mufeng-2021-07-07.html.zst").read_bytes(),
}


@pytest.mark.parametrize("coding", sorted(BODIES))
def test_each_coding_gives_back_the_page(coding):
    assert decode(BODIES[coding], coding, LIMIT) == PAGE


def test_deflate_without_its_zlib_wrapping_is_read_as_servers_sent_it():
    assert decode(raw_deflate(PAGE), "deflate", LIMIT) == PAGE


@pytest.mark.parametrize("coding", ["gzip", "zstd"])
def test_members_or_frames_one_after_another_are_one_body(coding):
    twice = {"gzip": gzip.compress(PAGE, mtime=0) * 2, "zstd": BODIES["zstd"] * 2}[coding]
    assert decode(twice, coding, LIMIT) == PAGE * 2


def test_a_header_lists_its_codings_in_the_order_applied_lowercase_without_identity():
    assert codings(" GZIP, identity ,br") == ["gzip", "br"]
    assert codings(None) == codings("") == codings("identity") == []


@pytest.mark.parametrize("coding", sorted(BODIES))
def test_bytes_that_are_no_such_data_are_not_encoded(coding):
    """The page as it is, under the server's header (a crawler stored it decoded)."""
    named = coding.removeprefix("x-")
    with pytest.raises(NotEncoded, match=f"it does not open as {named} data"):
        decode(PAGE, coding, LIMIT)


@pytest.mark.parametrize("coding", sorted(BODIES))
def test_a_body_cut_short_does_not_decode_saying_so(coding):
    body = BODIES[coding]
    named = coding.removeprefix("x-")
    with pytest.raises(Undecodable, match=f"ends before the end of its {named} stream"):
        decode(body[:len(body) // 2], coding, LIMIT)


def test_an_empty_body_is_empty_in_every_coding():
    assert all(decode(b"", coding, LIMIT) == b"" for coding in BODIES)


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br", "zstd"])
def test_a_body_that_expands_past_the_limit_stops_soon_after_it(coding):
    """64 MiB of zeros in a few kilobytes: decoding stops a piece past the limit, never
    holding the whole (zstd's decoder bounds no output: its pieces are small instead)."""
    zeros = bytes(64 << 20)
    body = {"gzip": lambda: gzip.compress(zeros, mtime=0), "deflate": lambda: zlib.compress(zeros),
            "br": lambda: brotli.compress(zeros, quality=1),
            "zstd": lambda: zstandard.ZstdCompressor().compress(zeros)}[coding]()
    assert len(body) < 200_000
    out = decode(body, coding, 1 << 20)
    assert (1 << 20) < len(out) <= (1 << 20) + (16 << 20)


@pytest.mark.parametrize("first_member", [31, 32 + (1 << 16) - 1],
                         ids=["ends-a-byte-before-the-first-piece", "a-byte-before-the-second"])
def test_a_gzip_member_ending_a_byte_before_a_piece_ends_is_followed_by_the_next(first_member):
    """The body is fed in pieces (32 bytes, then 64 KiB): a member ending one byte before a
    piece did leave the next member's magic split (``\\x1f`` | ``\\x8b``), and the rest of
    the page was taken for what follows the end and dropped, without a word."""
    head = next(b"<" * n for n in range(first_member + 1)
                if len(gzip.compress(b"<" * n, compresslevel=0, mtime=0)) == first_member)
    first = gzip.compress(head, compresslevel=0, mtime=0)
    assert len(first) == first_member
    body = first + gzip.compress(PAGE, mtime=0)
    assert decode(body, "gzip", LIMIT) == head + PAGE
