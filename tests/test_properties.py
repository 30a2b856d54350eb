"""Properties that hold for all inputs (hypothesis).

- Canonical JSON (archiver/canonical.py): ``dumps`` is deterministic — the same data gives the
  same bytes whatever the key insertion order — and round-trips: ``json.loads(dumps(x)) == x``
  for every JSON value; non-finite numbers are refused.
- Strict decoding: checking that bytes decode (in pieces, keeping no text) accepts and refuses
  exactly what decoding them does.
- Robustness: truncated and byte-fuzzed versions of the real corpus posts never crash
  ``archiver.readers.read`` + ``archiver.clean.clean``: they either give a cleaned post or raise
  an :class:`archiver.errors.InputError` naming the file.

Example counts are kept modest so that the whole file runs in a few seconds.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiver.canonical import dumps
from archiver.clean import clean
from archiver.errors import InputError, MalformedInput
from archiver.model import KINDS, CleanPost
from archiver.readers import read
from archiver.readers._text import check_decodes, decode

from conftest import WECHAT, labels

# --- canonical JSON ---------------------------------------------------------------------------

SCALARS = (st.none() | st.booleans() | st.integers()
           | st.floats(allow_nan=False, allow_infinity=False) | st.text())
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=5), max_leaves=25)


def reordered(value):
    """The same JSON value with every object's keys inserted in reverse order."""
    if isinstance(value, dict):
        return {k: reordered(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [reordered(v) for v in value]
    return value


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_canonical_json_round_trips(value):
    assert json.loads(dumps(value).decode("utf-8")) == value


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_canonical_json_ignores_key_insertion_order(value):
    assert dumps(reordered(value)) == dumps(value)
    assert dumps(value) == dumps(json.loads(dumps(value)))


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=8), SCALARS, min_size=2, max_size=6))
def test_canonical_json_sorts_keys(value):
    parsed_order = list(json.loads(dumps(value)))
    assert parsed_order == sorted(value)


@settings(max_examples=100, deadline=None)
@given(JSON)
def test_canonical_json_is_utf8_ending_in_one_newline(value):
    data = dumps(value)
    assert data.endswith(b"\n") and not data.endswith(b"\n\n")
    data.decode("utf-8")  # strict


def test_canonical_json_keeps_chinese_readable():
    data = dumps({"title": "【中亚研究】龙与熊之间", "account": {"name": "国政学人"}})
    assert "【中亚研究】龙与熊之间".encode() in data
    assert b"\\u" not in data
    expected = ('{\n  "account": {\n    "name": "国政学人"\n  },\n'
                '  "title": "【中亚研究】龙与熊之间"\n}\n')
    assert data == expected.encode("utf-8")


def standard_library_bytes(value):
    """What canonical JSON is defined as (see archiver/canonical.py)."""
    return (json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode()


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=5)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=5), max_leaves=25))
def test_canonical_json_is_the_standard_librarys_indented_sorted_form(value):
    assert dumps(value) == standard_library_bytes(value)


def test_every_archived_json_file_is_canonical_byte_for_byte():
    archived = [p for p in (Path(__file__).parents[1] / "archive").rglob("*.json")
                if "extensions" not in p.parts]
    assert len(archived) > 20
    for path in archived:
        data = path.read_bytes()
        assert dumps(json.loads(data)) == data == standard_library_bytes(json.loads(data)), path


def test_canonical_json_writes_tuples_and_wide_integers_as_the_standard_library_does():
    value = {"pair": (1, 2), "wide": 2 ** 70, "nested": [("a",)]}
    assert dumps(value) == standard_library_bytes(value)


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_canonical_json_refuses_non_finite_numbers(number):
    with pytest.raises(ValueError):
        dumps({"x": number})


# --- robustness on damaged corpus posts -------------------------------------------------------

POSTS = sorted({label["path"] for label in labels()})
DATA = {path: (WECHAT / path).read_bytes() for path in POSTS}
TOKENS = (b"<", b">", b"</script>", b"<!--", b"---\n", b"\xff", b"\x00", b'"', b"'", b"\\",
          b"\xe4\xb8", b"<html>", b"var ct = '", b"JsDecode('", b"picture_page_info_list: [",
          b'<div id="js_content">', b"\n\n", b"\xef\xbb\xbf")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def survives(workdir, path: str, data: bytes) -> None:
    """Reading and cleaning ``data`` saved under the post's own name works or is an InputError."""
    target = workdir / path.replace("/", "__")[-120:]
    target = target.with_name(target.name.lstrip("_"))
    target.write_bytes(data)
    try:
        cleaned = clean(read(target))
    except InputError as exc:
        assert exc.path == str(target)
        assert exc.message
        return
    assert isinstance(cleaned, CleanPost)
    assert cleaned.kind in KINDS
    assert isinstance(cleaned.text, str)


FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(path=st.sampled_from(POSTS), cut=st.floats(min_value=0, max_value=1),
       on_char_boundary=st.booleans())
def test_a_truncated_post_never_crashes(workdir, path, cut, on_char_boundary):
    data = DATA[path]
    end = int(len(data) * cut)
    while on_char_boundary and 0 < end < len(data) and 0x80 <= data[end] < 0xC0:
        end -= 1  # do not cut a UTF-8 sequence: the rest must still parse
    survives(workdir, path, data[:end])


@FUZZ
@given(path=st.sampled_from(POSTS),
       edits=st.lists(st.tuples(st.floats(min_value=0, max_value=1),
                                st.one_of(st.sampled_from(TOKENS),
                                          st.text(min_size=1, max_size=4).map(str.encode),
                                          st.binary(min_size=1, max_size=4)),
                                st.booleans()), min_size=1, max_size=12))
def test_a_byte_fuzzed_post_never_crashes(workdir, path, edits):
    data = bytearray(DATA[path])
    for where, payload, replace in edits:
        at = int(len(data) * where)
        data[at: at + (len(payload) if replace else 0)] = payload
    survives(workdir, path, bytes(data))


@pytest.mark.parametrize("path", POSTS)
def test_every_corpus_post_reads_and_cleans(workdir, path):
    cleaned = clean(read(WECHAT / path))
    assert cleaned.kind in KINDS


# --- the strict decoding check ----------------------------------------------------------------

TEXT = "宣示主权 text 𠮷野家🙏\n" * 3000  # astral characters too: the check decodes in pieces


@settings(max_examples=300, deadline=None)
@given(edits=st.lists(st.tuples(st.floats(min_value=0, max_value=1),
                                st.integers(min_value=0, max_value=255)), max_size=3),
       cut=st.floats(min_value=0, max_value=1))
def test_checking_the_bytes_decode_says_what_decoding_them_says(edits, cut):
    """check_decodes (no text kept, used on a UTF-8 page lxml parses from its bytes) accepts
    exactly what decode accepts, and refuses with the same message, byte offset included."""
    head = b'<meta charset="utf-8">\n'
    data = bytearray(head + TEXT.encode("utf-8"))
    for where, byte in edits:
        data[int((len(data) - 1) * where)] = byte
    data = bytes(data[: len(head) + int((len(data) - len(head)) * cut)])

    def outcome(check):
        try:
            check(data, Path("page.html"))
        except MalformedInput as exc:
            return exc.message
        return "accepted"

    assert outcome(lambda data, path: check_decodes(data, 0, path)) == outcome(decode)


HTML_PAGES = [path for path in POSTS if path.endswith(".html") and b"<body" in DATA[path].lower()
              and b'charset="gb' not in DATA[path][:4096].lower()]


@FUZZ
@given(path=st.sampled_from(HTML_PAGES),
       edits=st.lists(st.tuples(st.floats(min_value=0, max_value=1),
                                st.binary(min_size=1, max_size=4).map(
                                    lambda b: bytes(0x80 | c for c in b))),
                      min_size=1, max_size=3))
def test_a_real_page_is_refused_as_undecodable_exactly_when_its_bytes_do_not_decode(
        workdir, path, edits):
    """libxml2 checks a UTF-8 page as it parses it (the bytes are decoded again only when it
    logs a doubt): bytes of 0x80 and above put anywhere in a real page's body, which change
    no markup, make it refused as not UTF-8 exactly when Python's decoder refuses it."""
    data = bytearray(DATA[path])
    body = data.lower().find(b"<body")
    for where, payload in edits:
        at = body + int((len(data) - body) * where)
        data[at:at] = payload
    target = workdir / "page.html"
    target.write_bytes(bytes(data))
    try:
        bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(MalformedInput, match="not valid utf-8"):
            read(target)
    else:
        try:
            read(target)
        except InputError as exc:
            assert "not valid" not in exc.message
