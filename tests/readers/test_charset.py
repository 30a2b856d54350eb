"""Specification of how a page's encoding is decided and its bytes decoded
(archiver/readers/_charset.py): as a browser does it.

- labels are the WHATWG Encoding Standard's: ``latin1`` and ``ascii`` are windows-1252,
  ``gb2312`` is GBK; a label no browser knows names nothing;
- a page's declaration is found by the HTML Standard's prescan: a ``<meta charset>`` or an
  ``http-equiv="Content-Type"`` with its ``content``, outside comments and other tags;
- the decoders are the browsers': GBK and gb18030 decode as Chromium decodes them (checked
  against Chromium itself where it is installed), windows-1252's unassigned bytes are C1
  controls.
"""

from __future__ import annotations

import shutil

import pytest

from archiver.readers._charset import charset_in_content, decode_as, encoding_named, prescan

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.parametrize(("label", "encoding"), [
    ("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"), ("ascii", "windows-1252"),
    ("us-ascii", "windows-1252"), ("iso_8859-1:1987", "windows-1252"),
    (" UTF-8 ", "utf-8"), ("utf8", "utf-8"), ("unicode-1-1-utf-8", "utf-8"),
    ("x-unicode20utf8", "utf-8"), ("gb2312", "gbk"), ("x-gbk", "gbk"), ("GB18030", "gb18030"),
    ("cp936", "gbk"), ("euc-cn", "gbk"), ("windows-31j", "shift_jis"), ("ms932", "shift_jis"),
    ("x-x-big5", "big5"), ("windows-949", "euc-kr"), ("ucs-2", "utf-16le"),
    ("unicodefffe", "utf-16be"), ("hz-gb-2312", "replacement"), ("iso-2022-kr", "replacement"),
    ("iso-2022-cn", "replacement"),
])
def test_a_label_names_what_the_encoding_standard_says(label, encoding):
    assert encoding_named(label) == encoding


@pytest.mark.parametrize("label", ["klingon-8", "utf-7", "utf-32", "cp037", "hex", "base64",
                                   "", "utf 8", "x-mac-chinesesimp"])
def test_a_label_no_browser_knows_names_nothing(label):
    assert encoding_named(label) is None


@pytest.mark.parametrize(("head", "declared"), [
    ('<meta charset="gbk">', "gbk"),
    ("<META CHARSET=GBK>", "gbk"),
    ("<meta/charset='big5'>", "big5"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk"),
    ("<meta content='text/html;charset=\"Shift_JIS\"' http-equiv=content-type>", "shift_jis"),
    # a content without the pragma, or the pragma of another header, declares nothing
    ('<meta content="text/html; charset=gbk">', None),
    ('<meta http-equiv="refresh" content="0; charset=gbk">', None),
    ('<meta name="description" content="乱码？检查 charset=iso-8859-1 声明">', None),
    # comments, other tags' attributes, and <!…>, <?…> and end tags are passed over
    ('<!-- <meta charset="big5"> --><meta charset="gbk">', "gbk"),
    ("<!--> <meta charset=gbk>", "gbk"),  # "<!-->" is a whole comment
    ('<p title="<meta charset=big5>">x</p><meta charset="gbk">', "gbk"),
    ("<!DOCTYPE html><?xml-stylesheet charset=big5?></x charset=big5><meta charset=gbk>", "gbk"),
    # the first of an attribute counts; an unknown label is passed over, the next read
    ('<meta charset="gbk" charset="big5">', "gbk"),
    ('<meta charset="klingon-8"><meta charset="gbk">', "gbk"),
    # a declared UTF-16 is UTF-8 (the declaration itself is in ASCII); x-user-defined is
    # windows-1252
    ('<meta charset="utf-16">', "utf-8"), ('<meta charset="UTF-16BE">', "utf-8"),
    ('<meta charset="x-user-defined">', "windows-1252"),
    ('<meta charset="hz-gb-2312">', "replacement"),
    ("<metacharset=gbk>", None), ('<p>charset="gbk"</p>', None),
])
def test_the_prescan_finds_a_declaration_as_the_html_standard_does(head, declared):
    data = f"<!DOCTYPE html><html><head>{head}</head><body></body></html>".encode()
    found = prescan(data, len(data))
    assert (found.encoding if found else None) == declared


def test_the_prescan_gives_the_label_as_the_page_wrote_it():
    data = b'<meta http-equiv=Content-Type content="text/html; charset= Latin1 ">'
    assert prescan(data, len(data)) == ("windows-1252", "latin1")


@pytest.mark.parametrize("cut", [b'<meta charset="gbk"', b"<meta charset=gbk",
                                 b'<meta charset="gbk', b"<meta charset=gbk x='y>"])
def test_a_meta_the_data_ends_inside_declares_nothing(cut):
    data = b"<html><head>" + cut
    assert prescan(data, len(data)) is None


def test_the_prescan_reads_only_the_bytes_it_is_given():
    """The first ``end`` bytes are the whole of what is scanned: a <meta> opened within them
    and closed after declares nothing, as a browser's prescan of its first bytes finds."""
    data = b"<html><head>" + b"<p>" * 100 + b'<meta charset="gbk"></head>'
    assert prescan(data, 100) is None
    opened = data.index(b"<meta")
    assert prescan(data, opened + 10) is None
    assert prescan(data, len(data)) == ("gbk", "gbk")


@pytest.mark.parametrize(("content", "label"), [
    ("text/html; charset=gbk", "gbk"), ("text/html;charset = 'big5' ", "big5"),
    ("text/html; CHARSET=UTF-8;foo=bar", "UTF-8"), ('text/html; charset="x', None),
    ("text/html; charset", None), ("text/html", None), ("text/html; charsetx=1; charset=a", "a"),
])
def test_a_charset_is_read_from_a_content_type_as_the_html_standard_reads_it(content, label):
    assert charset_in_content(content) == label


# What Chromium shows for bytes Python's gb18030 codec (GB 18030-2005) reads otherwise: the
# 18 characters GB 18030-2022 moved out of the private use area, 0xA3A0, ḿ and its four-byte
# twin, and the euro sign's single byte.
BROWSERS_GB18030 = {
    "a3a0": "\u3000", "a8bc": "\u1e3f", "8135f437": "\ue7c7", "80": "\u20ac",
    "a6d9": "\ufe10", "a6da": "\ufe12", "a6db": "\ufe11", "a6dc": "\ufe13", "a6dd": "\ufe14",
    "a6de": "\ufe15", "a6df": "\ufe16", "a6ec": "\ufe17", "a6ed": "\ufe18", "a6f3": "\ufe19",
    "fe59": "\u9fb4", "fe61": "\u9fb5", "fe66": "\u9fb6", "fe67": "\u9fb7", "fe6d": "\u9fb8",
    "fe7e": "\u9fb9", "fe90": "\u9fba", "fea0": "\u9fbb",
}


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
@pytest.mark.parametrize(("hexed", "shown"), BROWSERS_GB18030.items())
def test_gb18030_bytes_decode_as_browsers_show_them(encoding, hexed, shown):
    assert decode_as(bytes.fromhex(hexed), encoding) == shown


def test_gb18030_decodes_every_other_character_as_pythons_codec_does():
    text = "中文，𠮷野家 € 😀 ＡＢ".encode("gb18030")
    assert decode_as(text, "gbk") == text.decode("gb18030") == "中文，𠮷野家 € 😀 ＡＢ"


@pytest.mark.parametrize("bad", [b"\x81", b"\x81\x20", b"\xff", b"\x81\x30\x81"])
def test_gb18030_bytes_no_browser_decodes_are_refused_not_replaced(bad):
    with pytest.raises(UnicodeDecodeError):
        decode_as(b"ok " + bad, "gb18030")


def test_windows_1252s_unassigned_bytes_are_the_c1_controls_of_their_number():
    assert decode_as(b"\x80\x81\x8d\x8f\x90\x9d\x9f", "windows-1252") == \
        "€\x81\x8d\x8f\x90\x9dŸ"


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                              "(.ci/run installs it)")
@pytest.mark.parametrize("label", ["gbk", "gb18030", "shift_jis", "euc-kr"])
def test_every_two_byte_sequence_decodes_as_chromium_decodes_it(tmp_path, label):
    """Every byte from 0x80 and every pair of a lead byte and a trail byte, each in an element
    of its own (``<`` is no trail byte), decoded by Chromium and by :func:`decode_as`: the
    same characters, or refused where Chromium shows U+FFFD."""
    from playwright.sync_api import sync_playwright

    sequences = [bytes([byte]) for byte in range(0x80, 0x100)] + [
        bytes([lead, trail]) for lead in range(0x81, 0xFF)
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]]
    page = tmp_path / "page.html"
    page.write_bytes(f"<!DOCTYPE html><meta charset={label}><body>".encode()
                     + b"".join(b"<b>" + sequence + b"</b>" for sequence in sequences))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        tab.goto(page.as_uri())
        shown = tab.evaluate("[...document.querySelectorAll('b')].map(e => e.textContent)")
        browser.close()
    assert len(shown) == len(sequences)
    differ = []
    for sequence, browsers in zip(sequences, shown, strict=True):
        try:
            ours = decode_as(sequence, label)
        except UnicodeDecodeError:
            assert "\ufffd" in browsers, sequence.hex()  # refused: the browser cannot read it
            continue
        if ours != browsers:
            differ.append((sequence.hex(), ours, browsers))
    assert differ == []


SINGLE_BYTE = ["ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6",
               "iso-8859-7", "iso-8859-8", "iso-8859-8-i", "iso-8859-10", "iso-8859-13",
               "iso-8859-14", "iso-8859-15", "iso-8859-16", "koi8-r", "koi8-u", "macintosh",
               "windows-874", "windows-1250", "windows-1251", "windows-1252", "windows-1253",
               "windows-1254", "windows-1255", "windows-1256", "windows-1257", "windows-1258",
               "x-mac-cyrillic"]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                              "(.ci/run installs it)")
def test_every_byte_of_every_single_byte_encoding_decodes_as_chromium_decodes_it(tmp_path):
    """Each byte from 0x80, each in an element of its own, decoded by Chromium and by
    :func:`decode_as`: the same character, or refused where Chromium shows U+FFFD."""
    from playwright.sync_api import sync_playwright

    differ = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        for encoding in SINGLE_BYTE:
            page = tmp_path / f"{encoding}.html"
            page.write_bytes(f"<!DOCTYPE html><meta charset={encoding}><body>".encode()
                             + b"".join(b"<b>%c</b>" % byte for byte in range(0x80, 0x100)))
            tab.goto(page.as_uri())
            shown = tab.evaluate("[...document.querySelectorAll('b')].map(e => e.textContent)")
            for byte, browsers in zip(range(0x80, 0x100), shown, strict=True):
                try:
                    ours = decode_as(bytes([byte]), encoding)
                except UnicodeDecodeError:
                    ours = "\ufffd"  # refused: the browser must not read it either
                if ours != browsers:
                    differ.append((encoding, hex(byte), ours, browsers))
        browser.close()
    assert differ == []
