"""The MHTML reader splits MIME parts itself (the ``email`` parser was two thirds of its time);
whatever the file, it must find the same parts, with the same headers and decoded bodies, as
the standard library's parser (``email.message_from_bytes`` then ``walk``)."""

from __future__ import annotations

import base64
import email
import email.policy
import quopri
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.readers import mhtml

CONTAINERS = Path(__file__).parents[1] / "fixtures" / "containers"
CONVERTED = sorted(CONTAINERS.glob("*.mhtml"))  # converted from real pages (see README there)


def by_the_email_package(data: bytes) -> list[tuple[str, str, bytes]]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    return [(part.get_content_type(), str(part.get("Content-Location") or ""),
             part.get_payload(decode=True) or b"")
            for part in message.walk() if not part.is_multipart()]


def by_the_reader(data: bytes) -> list[tuple[str, str, bytes]]:
    message, body = mhtml._split_headers(data)
    return [(part.get_content_type(), str(part.get("Content-Location") or ""), payload)
            for part, payload in mhtml._leaves(message, body)]


@pytest.mark.parametrize("path", CONVERTED, ids=lambda p: p.name)
def test_every_converted_mhtml_file_splits_as_the_email_package_splits_it(path: Path) -> None:
    data = path.read_bytes()
    parts = by_the_reader(data)
    assert len(parts) >= 1 and parts[0][0] == "text/html"
    assert parts == by_the_email_package(data)


def build(parts: list[tuple[str, str, bytes, str]], *, newline: bytes, boundary: str,
          preamble: bytes, epilogue: bytes, close: bool, padding: bytes) -> bytes:
    """A multipart/related message written by hand, so that every variation is possible."""
    out = [b"From: <Saved by Blink>", b"MIME-Version: 1.0",
           f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"'.encode(),
           b"", preamble]
    for content_type, location, payload, encoding in parts:
        out.append(b"--" + boundary.encode() + padding)
        out.append(f"Content-Type: {content_type}".encode())
        out.append(f"Content-Transfer-Encoding: {encoding}".encode())
        out.append(f"Content-Location: {location}".encode())
        out.append(b"")
        encode = base64.encodebytes if encoding == "base64" else quopri.encodestring
        text = encode(payload)
        out.append(text.replace(b"\n", newline).rstrip(newline))
    if close:
        out.append(b"--" + boundary.encode() + b"--" + padding)
        out.append(epilogue)
    return newline.join(out)


PART = st.tuples(st.sampled_from(["text/html", "image/png", "text/css"]),
                 st.text(alphabet="abc/:.", min_size=1, max_size=12).map(lambda s: "http://x/" + s),
                 st.binary(max_size=300), st.sampled_from(["base64", "quoted-printable"]))


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(PART, min_size=1, max_size=4), newline=st.sampled_from([b"\r\n", b"\n"]),
       boundary=st.sampled_from(["----MultipartBoundary--abc123----", "b", "x y=z"]),
       preamble=st.sampled_from([b"", b"This is a multi-part message in MIME format."]),
       epilogue=st.sampled_from([b"", b"trailing words"]), close=st.booleans(),
       padding=st.sampled_from([b"", b"  ", b"\t"]))
def test_any_multipart_message_splits_as_the_email_package_splits_it(
        parts, newline, boundary, preamble, epilogue, close, padding) -> None:
    data = build(parts, newline=newline, boundary=boundary, preamble=preamble,
                 epilogue=epilogue, close=close, padding=padding)
    assert by_the_reader(data) == by_the_email_package(data)


@pytest.mark.parametrize("tail", [b"abc", b"abc\n", b"abc\r\n", b"abc\r", b"\r", b"a\rb",
                                  b"a\r\nb\r"])
@pytest.mark.parametrize("close", [b"", b"\n--b--\n"], ids=["cut-short", "closed"])
def test_the_last_part_ends_where_the_email_package_ends_it(tail: bytes, close: bytes) -> None:
    """Found by the property above: a file cut short (no close delimiter) whose last byte is
    a line break. The email package drops that break; so must the reader."""
    data = (b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n'
            b"--b\nContent-Type: text/plain\n\n" + tail + close)
    assert by_the_reader(data) == by_the_email_package(data)


def test_a_nested_multipart_is_walked_into() -> None:
    inner = (b'Content-Type: multipart/alternative; boundary="in"\r\n\r\n'
             b"--in\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
             b"--in\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--in--\r\n")
    data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="out"\r\n\r\n'
            b"--out\r\n" + inner + b"--out\r\nContent-Type: image/png\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n--out--\r\n")
    assert by_the_reader(data) == by_the_email_package(data)
    assert [t for t, _, _ in by_the_reader(data)] == ["text/plain", "text/html", "image/png"]


HEADER_NAMES = st.sampled_from(["Content-Type", "content-transfer-encoding", "Content-Location",
                                "Content-ID", "Snapshot-Content-Location", "MIME-Version",
                                "Subject", "From", "Date"])
TOKEN = r"[A-Za-z0-9!#$%&'*+.^_`|~-]+"
HEADER_VALUES = st.one_of(
    st.from_regex(rf"\A{TOKEN}/{TOKEN}\Z"), st.from_regex(rf"\A{TOKEN}\Z"),
    st.text(alphabet=st.characters(min_codepoint=9, max_codepoint=127), max_size=40),
    st.text(max_size=20),
    st.lists(st.sampled_from(["text/html", ";", " ", "\t", "charset=", '"', "(", ")", "\\",
                              "=?utf-8?q?a?=", "\r\n ", "<", ">", "@", "image/jpeg", "http://x/"
                              ]), max_size=8).map("".join))


@settings(max_examples=3000, deadline=None)
@given(name=HEADER_NAMES, value=HEADER_VALUES)
def test_every_header_value_reads_as_the_default_policy_reads_it(name: str, value: str) -> None:
    """The reader's policy hands some header values back without parsing them: only those the
    default policy's parser gives back unchanged."""
    value = value.lstrip(" \t")  # as a parser stores a value
    assert fetched(mhtml.POLICY, name, value) == fetched(email.policy.default, name, value)


def fetched(policy: email.policy.Policy, name: str, value: str) -> str | type:
    """The value as a message under ``policy`` gives it, or the error it raises (the default
    parser raises on some malformed values)."""
    try:
        return str(policy.header_fetch_parse(name, value))
    except Exception as exc:
        return type(exc)
