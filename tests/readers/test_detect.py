"""Specification of format detection and decoding (archiver/readers/__init__.py, _text.py).

Detection is deterministic: readers are tried in a fixed order (the containers first: warc,
mhtml, webarchive, singlefile-zip; then markdown, wechat-html, html-fragment) and the first
that claims a file reads it; the provenance names it. Every corpus post is claimed by the
reader of its format; Markdown that is not a post (READMEs, notes) is not claimed. A file that
cannot be read is an :class:`InputError` naming the file — empty, binary, undecodable — never
a crash. Pages are decoded as a browser would: byte-order mark, declared charset, else UTF-8;
GBK and GB2312 as GB18030; bytes that do not decode make the input malformed.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from pathlib import Path

import pytest
from lxml import etree

from archiver.errors import InputError, MalformedInput, UnsupportedFormat
from archiver.prepare import prepare_all
from archiver.readers import READERS, detect, is_candidate, read
from archiver.readers import fragment as fragment_reader
from archiver.readers import markdown as markdown_reader
from archiver.readers import wechat_html as wechat_html_reader

from conftest import FIXTURES, WECHAT, labels

LABELS = labels()
GUOZHENG = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
FRAGMENT = (WECHAT / "html-fragment"
            / "gossip-newsbot__G.O.S.S.I.P 学术论文推荐 2020-07-29__source.html")
JPEG = next((WECHAT / "html-with-assets").glob("mufeng__2018*/images/*/img_003.jpg"))


def expected_reader(label: dict) -> str:
    if label["format"] == "html-fragment":
        return "html-fragment"
    return "markdown" if label["path"].endswith(".md") else "wechat-html"


# --- which reader claims which file -----------------------------------------------------------

def test_readers_are_tried_in_a_fixed_order():
    assert [r.FORMAT for r in READERS] == ["warc", "mhtml", "webarchive", "singlefile-zip",
                                          "markdown", "wechat-html", "html-fragment"]


@pytest.mark.parametrize("label", LABELS, ids=lambda x: x["path"])
def test_every_corpus_post_is_claimed_by_the_reader_of_its_format(label):
    assert expected_reader(label) == detect(WECHAT / label["path"]).FORMAT


@pytest.mark.parametrize("label", LABELS, ids=lambda x: x["path"])
def test_the_provenance_names_the_format_and_the_module_of_the_reader_that_ran(label, config):
    reader = detect(WECHAT / label["path"])
    for item in prepare_all(WECHAT / label["path"], config):
        source = json.loads(item.files["provenance.json"])["source"]
        assert source["format"] == reader.FORMAT
        assert source["reader"] == reader.__name__  # a module that exists (html-fragment's
        # is archiver.readers.fragment)


@pytest.mark.parametrize("label", LABELS, ids=lambda x: x["path"])
def test_detection_is_deterministic_and_exclusive(label):
    path = WECHAT / label["path"]
    head = path.read_bytes()[: 1 << 20]
    claims = [r.FORMAT for r in READERS if r.detect(path, head)]
    assert claims == [expected_reader(label)]
    assert detect(path) is detect(path)


@pytest.mark.parametrize("path", [
    WECHAT / "LABELS.md",
    FIXTURES / "ocfl" / "README.md",
    FIXTURES / "containers" / "README.md",  # names mmbiz.qpic.cn, quotes article URLs
    Path(__file__).parents[2] / "docs" / "ingest.md",
], ids=["LABELS.md", "ocfl-README.md", "containers-README.md", "docs-ingest.md"])
def test_markdown_notes_in_the_repository_are_not_claimed(path):
    with pytest.raises(UnsupportedFormat) as info:
        detect(path)
    assert info.value.path == str(path)
    assert "supported" in info.value.hint


UNZIP = "; a ZIP of saved posts is read once unzipped (unzip it, and ingest the folder)"


@pytest.mark.parametrize(("name", "data", "said"), [
    ("other.html", b"<html><body><h1>Hello</h1></body></html>",
     "an HTML page with none of a WeChat article's marks in it (an mp.weixin.qq.com "
     "address, a js_content body, var msg_title)"),
    ("page.txt", b"<!DOCTYPE html><html><p>Hello</p></html>",
     "an HTML page with none of a WeChat article's marks in it (an mp.weixin.qq.com "
     "address, a js_content body, var msg_title)"),
    ("binary.html", bytes(range(256)) * 4, "binary data, not text"),
    # a ZIP cut short after its signature, and another program's ZIP (its entry no page)
    ("save.zip", b"PK\x03\x04garbage", "a ZIP file, but none SingleFile saved (its first "
     "entry is no SingleFile page): another program's ZIP, or one cut short or damaged" + UNZIP),
    ("photos.zip", b"PK\x03\x04\x14\x00\x00\x00\x00\x00" + bytes(16) + b"\x05\x00\x00\x00"
     b"a.jpg", "a ZIP file, but none SingleFile saved (its first entry is no SingleFile page): "
     "another program's ZIP, or one cut short or damaged" + UNZIP),
    ("notes.md", "# 待读\n\n一些笔记。\n".encode(),
     "a Markdown file without the front matter or the body of a post export"),
    ("notes.txt", b"hello\n", None),
    # JSON that holds markup in its strings is no HTML page; text quoting a tag neither
    ("manifest.json", b'{\n  "page": {"notes": "a <html> page, its <p> kept"}}\n',
     "JSON data, not a saved page"),
    ("notes.txt", b"the <p> tag ends a paragraph\n", None),
    ("notes.md", '# 笔记\n\n<div align="center">图</div>\n'.encode(),
     "a Markdown file without the front matter or the body of a post export"),
])
def test_a_file_no_reader_takes_is_said_to_be_what_it_is(tmp_path, name, data, said):
    """"not a supported saved post" of a page named .html, which the hint lists as
    supported, left the user to guess: the error says what the file is."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnsupportedFormat) as info:
        detect(path)
    assert info.value.message == "not a supported saved post" + (f": {said}" if said else "")


def test_notes_about_wechat_posts_are_not_posts_but_an_export_named_readme_is(tmp_path):
    notes = tmp_path / "README.md"
    notes.write_text("# 待读\n\n图片在 mmbiz.qpic.cn 上（`https://mmbiz.qpic.cn/a/640`、"
                     "`//mmbiz.qpic.cn/b/0`）；原文 `https://mp.weixin.qq.com/s/"
                     "AbCdEfGhIjKlMn` 和 `http://mp.weixin.qq.com/s?__biz=MzI=&mid=1`\n",
                     encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        detect(notes)
    export = tmp_path / "2020-07-29" / "README.md"  # how gossip-newsbot names its exports
    export.parent.mkdir()
    export.write_bytes(next((WECHAT / "markdown").glob("gossip-newsbot*2020-07-29*")).read_bytes())
    assert detect(export) is markdown_reader


@pytest.mark.parametrize("text", [
    "见[原文](https://mp.weixin.qq.com/s/AbCdEfGhIjKlMn)\n",
    "原文链接：http://mp.weixin.qq.com/s?__biz=MzI=&mid=1&idx=1\n",
    "<a href=\"https://mp.weixin.qq.com/s/AbCdEfGhIjKlMn\">原文</a>\n",
    "![](//mmbiz.qpic.cn/mmbiz_jpg/abc/640)\n",
    "![](https://example.org/a.jpg?wx_fmt=png)\n",
])
def test_an_export_is_known_by_a_wechat_url_where_an_export_puts_one(tmp_path, text):
    post = tmp_path / "post.md"
    post.write_text("# 标题\n\n" + text, encoding="utf-8")
    assert detect(post) is markdown_reader


def test_a_reading_list_linking_several_posts_is_not_a_post(tmp_path):
    """It was archived as a post (titled 我的待读清单), and exported as one."""
    notes = tmp_path / "reading-list.md"
    notes.write_text("# 我的待读清单\n\n- 送别一个旧时代 https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp\n"
                     "- 其他 https://mp.weixin.qq.com/s/ZzYyXxWwVvUuTtSs\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        detect(notes)
    # an export without front matter, its prose beside links to other posts (往期推荐)
    export = tmp_path / "export.md"
    export.write_text("# 标题\n\n" + "正文一段，很长的文字。\n\n" * 6
                      + "往期推荐：[一](https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp)\n"
                      "[二](https://mp.weixin.qq.com/s/ZzYyXxWwVvUuTtSs)\n"
                      "[原文链接](https://mp.weixin.qq.com/s/QqWwEeRrTtYyUuIi)\n",
                      encoding="utf-8")
    assert detect(export) is markdown_reader
    # the same link twice is still the one article an export links to
    post = tmp_path / "post.md"
    post.write_text("# 标题\n\n正文。\n\n[原文](https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp)\n"
                    "阅读原文：https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp\n", encoding="utf-8")
    assert detect(post) is markdown_reader


def test_a_numbered_reading_list_with_notes_is_no_post_and_a_short_export_is(tmp_path):
    """Links from the top down, each with a line about it: a reading list. A short export
    labels its own link (原文链接：) and recommends others after its prose: a post."""
    listing = tmp_path / "list.md"
    listing.write_text("# 临床预测模型文章合集\n\n"
                       "1. [列线图](https://mp.weixin.qq.com/s/ZyXwVuTsRqPoNmLkJiHgFe)\n"
                       "   讲列线图从建模到校准曲线的全过程。\n"
                       "2. [决策曲线](https://mp.weixin.qq.com/s/QwErTyUiOpAsDfGhJkLzXc)\n"
                       "   用 rmda 包画 DCA 曲线。\n"
                       "3. [外部验证](https://mp.weixin.qq.com/s/MnBvCxZlKjHgFdSaPoIuYt)\n"
                       "   时间验证、地域验证与重新校准。\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        detect(listing)
    short = tmp_path / "short.md"
    short.write_text("# 一张图看懂孟德尔随机化\n\n"
                     "原文链接：https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUv\n\n"
                     "今天用一张图讲清楚孟德尔随机化的基本思想。\n\n往期推荐\n\n"
                     "[单细胞测序入门](https://mp.weixin.qq.com/s/ZyXwVuTsRqPoNmLkJiHgFe)\n\n"
                     "[GWAS 数据下载](https://mp.weixin.qq.com/s/QwErTyUiOpAsDfGhJkLzXc)\n",
                     encoding="utf-8")
    assert detect(short) is markdown_reader


def test_a_notes_file_with_a_heading_is_not_a_post(tmp_path):
    notes = tmp_path / "README.md"
    notes.write_text("# my notes\n\nposts to read later, see the exports folder\n",
                     encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        detect(notes)


@pytest.mark.parametrize("name", ["post.txt", "post.json", "post", "post.HTML.bak"])
def test_a_post_under_another_suffix_is_not_claimed(tmp_path, name):
    copy = tmp_path / name
    copy.write_bytes(FRAGMENT.read_bytes())
    with pytest.raises(UnsupportedFormat):
        detect(copy)
    assert not is_candidate(copy)


@pytest.mark.parametrize("name", ["a.md", "a.MARKDOWN", "a.html", "a.HTM", "a.xhtml"])
def test_folder_discovery_offers_post_suffixes_in_any_case(name):
    assert is_candidate(Path(name))


def test_an_uppercase_suffix_is_claimed_like_a_lowercase_one(tmp_path):
    copy = tmp_path / "POST.MD"
    copy.write_bytes(GUOZHENG.read_bytes())
    assert detect(copy) is markdown_reader


def test_a_markdown_export_renamed_html_is_not_taken_for_a_page(tmp_path):
    copy = tmp_path / "post.html"
    copy.write_bytes(GUOZHENG.read_bytes())
    with pytest.raises(UnsupportedFormat):
        detect(copy)


def test_a_fragment_is_not_a_page_and_a_page_is_not_a_fragment():
    page = WECHAT / "html" / "wechat-article-exporter__普通图文-04.html"
    assert not fragment_reader.detect(page, page.read_bytes()[:1 << 20])
    assert not wechat_html_reader.detect(FRAGMENT, FRAGMENT.read_bytes())


# --- files that cannot be read ----------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n", codecs.BOM_UTF8,
                                     codecs.BOM_UTF8 + b" \n"],
                         ids=["empty", "blank", "bom-only", "bom-and-blank"])
@pytest.mark.parametrize("name", ["post.md", "post.html"])
def test_an_empty_file_is_malformed_input_naming_it(tmp_path, name, content):
    empty = tmp_path / name
    empty.write_bytes(content)
    with pytest.raises(MalformedInput) as info:
        read(empty)
    assert info.value.path == str(empty)
    assert "empty" in info.value.message


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "gone.md")


def test_a_folder_is_an_input_error(tmp_path):
    folder = tmp_path / "post.md"
    folder.mkdir()
    with pytest.raises(InputError, match="folder"):
        read(folder)


@pytest.mark.parametrize("name", ["photo.html", "photo.md", "photo.htm"])
def test_binary_junk_is_an_input_error_not_a_crash(tmp_path, name):
    junk = tmp_path / name
    junk.write_bytes(JPEG.read_bytes())
    with pytest.raises(InputError) as info:
        read(junk)
    assert info.value.path == str(junk)


def test_binary_junk_behind_front_matter_is_malformed(tmp_path):
    junk = tmp_path / "post.md"
    junk.write_bytes(b"---\ntitle: x\n---\n" + JPEG.read_bytes())
    with pytest.raises(MalformedInput, match="not valid utf-8"):
        read(junk)


def test_binary_junk_behind_page_markers_is_malformed(tmp_path):
    junk = tmp_path / "post.html"
    junk.write_bytes(b'<html><head></head><body><div id="js_content">' + JPEG.read_bytes())
    with pytest.raises(MalformedInput) as info:
        read(junk)
    assert str(info.value).startswith(str(junk) + ": ")


def test_nul_characters_make_a_post_malformed(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(GUOZHENG.read_bytes() + b"\x00\x00")
    with pytest.raises(MalformedInput, match="NUL"):
        read(post)


# --- decoding ---------------------------------------------------------------------------------

def gbk_page(charset: str, title: str = "龙与熊之间：中等强国外交的典范", extra: str = "") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
            f'<body><h1 id="activity-name">{title}</h1>'
            f'<div id="js_content"><p>哈萨克斯坦还通过经济关系宣示主权{extra}</p></div>'
            f'<script>var msg_title = "{title}"; var nickname = "国政学人"; '
            f'var ct = "1596535200";</script></body></html>')


@pytest.mark.parametrize("charset", ["gbk", "GBK", "gb2312", "GB2312", "x-gbk", "chinese",
                                     "csgb2312", "csiso58gb231280", "gb_2312", "gb_2312-80",
                                     "iso-ir-58", "cp936", "euc-cn"])
def test_a_gbk_page_is_decoded(tmp_path, charset):
    """Every label the WHATWG Encoding Standard gives GBK is read as GB18030 (a superset), as
    browsers read it: a character outside GB2312 (喆) is kept, whatever the label says."""
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page(charset, extra="，张喆").encode("gbk"))
    raw = read(page)
    assert raw.format == "wechat-html"
    assert raw.fields["title"].value == "龙与熊之间：中等强国外交的典范"
    assert raw.fields["account"].value == "国政学人"
    assert "哈萨克斯坦还通过经济关系宣示主权，张喆" in raw.body_markup


def test_a_page_declared_gbk_is_decoded_as_gb18030(tmp_path):
    # 𠮷 (U+20BB7) is not in GBK: only the GB18030 superset can carry it
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page("gbk", extra="𠮷野家").encode("gb18030"))
    with pytest.raises(UnicodeDecodeError):
        page.read_bytes().decode("gbk")
    assert "宣示主权𠮷野家" in read(page).body_markup


@pytest.mark.parametrize("charset", ["utf-8", "gb18030", "utf-16"])
def test_page_variables_keep_non_ascii_and_escapes_whatever_the_charset(tmp_path, charset):
    """Variables are found in the scripts' text, which lxml hands over as UTF-8 whatever the
    page's charset; an identifier that merely ends in ``var`` is not a declaration."""
    title = "𠮷野家 \\x26amp; 🙏 «ok»"
    html = gbk_page(charset, title="x").replace(
        'var msg_title = "x";', f'中var msg_title = "wrong"; var msg_title = "{title}";')
    page = tmp_path / "page.html"
    page.write_bytes(html.encode(charset))
    assert read(page).fields["title"].value == "𠮷野家 & 🙏 «ok»"
    assert read(page).fields["published"].value == "2020-08-04T18:00:00+08:00"


def test_escaped_surrogates_in_page_variables_become_characters(tmp_path):
    """JavaScript strings are UTF-16: an escaped pair is one character; a lone half is what a
    browser shows for it, U+FFFD (it used to reach the record and crash its UTF-8 writing)."""
    html = gbk_page("utf-8", title="x").replace(
        'var msg_title = "x";', 'var msg_title = "A \\ud83d\\ude4f B \\ud800 C";')
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("utf-8"))
    title = read(page).fields["title"].value
    assert title == "A 🙏 B \ufffd C"
    title.encode("utf-8")


def test_a_charset_declared_after_a_long_head_is_still_found(tmp_path):
    """Pages open with comments and scripts: a declaration anywhere in the first 4 KiB counts."""
    html = gbk_page("gbk").replace("<head>", "<head><!--" + "x" * 2600 + "-->")
    assert html.encode("gbk").index(b"charset") > 2600
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("gbk"))
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"


def test_a_charset_declared_anywhere_in_the_head_is_found_but_not_in_the_body(tmp_path):
    """A browser's parser meets a <meta charset> past the first bytes (after a long inline
    style) and re-reads the page in it; one in the body declares nothing."""
    html = gbk_page("gbk").replace("<head>", "<head><style>" + "p{}" * 3000 + "</style>")
    assert html.encode("gbk").index(b"charset") > 9000
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("gbk"))
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"
    in_body = gbk_page("gbk").replace('<meta charset="gbk">', "").replace(
        "<body>", "<body>" + "<p>x</p>" * 600 + '<meta charset="gbk">')
    page.write_bytes(in_body.encode("gbk"))
    with pytest.raises(MalformedInput, match="not valid utf-8"):
        read(page)


@pytest.mark.parametrize("at", [4070, 4085, 4090, 4096])
def test_a_meta_charset_across_the_first_4_kib_is_found(at):
    from archiver.readers._text import declared_charset
    data = (b"<html><head><style>" + b"x" * (at - 19) + b'<meta charset="gbk"></style></head>'
            b"<body>hi</body></html>")
    assert declared_charset(data) == "gbk"


def test_a_page_variable_after_a_non_ascii_space_is_found(tmp_path):
    """Only a letter, digit, _ or $ before ``var`` makes it part of another name."""
    html = gbk_page("utf-8", title="x").replace('var msg_title = "x";',
                                                '\u00a0var msg_title = "Real";')
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("utf-8"))
    assert read(page).fields["title"].value == "Real"


def test_a_page_declared_with_http_equiv_content_type_is_decoded(tmp_path):
    html = gbk_page("gbk").replace('<meta charset="gbk">', '<meta http-equiv="Content-Type" '
                                                           'content="text/html; charset=gb2312">')
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("gbk"))
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"


def test_an_xml_declaration_declares_the_charset_too(tmp_path):
    """A page saved as XHTML declares its charset the XML way."""
    html = '<?xml version="1.0" encoding="GBK"?>\n' + gbk_page("gbk").replace(
        '<meta charset="gbk">', "")
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("gbk"))
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"


def test_a_gbk_page_without_a_declaration_is_malformed_naming_the_file(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page("gbk").replace('<meta charset="gbk">', "").encode("gbk"))
    with pytest.raises(MalformedInput) as info:
        read(page)
    assert info.value.path == str(page)
    assert "not valid utf-8" in info.value.message
    assert "byte" in info.value.message
    assert info.value.hint


@pytest.mark.parametrize("name", ["post.md", "page.html"])
def test_text_that_reads_as_gbk_says_so_and_how_to_convert_it(tmp_path, name):
    post = tmp_path / name
    text = gbk_page("gbk").replace('<meta charset="gbk">', "")
    post.write_bytes((f"---\ntitle: 标题\n---\n{text}" if name.endswith(".md") else text)
                     .encode("gbk"))
    with pytest.raises(MalformedInput, match="not valid utf-8") as info:
        read(post)
    assert "GB18030" in info.value.hint and "iconv -f gb18030 -t utf-8" in info.value.hint
    # the bytes in hex, with no backslash that printing the message would escape again
    assert re.search(r"\(byte \d+: [0-9a-f]{2}( [0-9a-f]{2}){3}\)", info.value.message)
    assert "\\" not in info.value.message


def test_latin_text_in_another_code_page_gets_no_advice_to_read_it_as_gbk(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes("---\ntitle: Grüße aus München\n---\n\nÜber die Straße.\n"
                     .encode("cp1252"))
    with pytest.raises(MalformedInput) as info:
        read(post)
    assert "GB18030" not in (info.value.hint or "")


def test_binary_junk_gets_no_advice_to_convert_it(tmp_path):
    junk = tmp_path / "post.md"
    junk.write_bytes(b"---\ntitle: x\n---\n" + JPEG.read_bytes())
    with pytest.raises(MalformedInput) as info:
        read(junk)
    assert "iconv" not in (info.value.hint or "")


def test_bytes_that_do_not_decode_in_the_declared_charset_are_malformed(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page("utf-8").encode("utf-8").replace("宣示".encode(), b"\xff\xfe\xfd"))
    with pytest.raises(MalformedInput, match="not valid utf-8") as info:
        read(page)
    assert str(info.value).startswith(f"{page}: ")


# A UTF-8 page is checked by libxml2 as it parses: the bytes are decoded again only when its
# log names an encoding error, or holds so many errors that libxml2 may have stopped logging.

def test_this_libxml2_reports_bytes_that_are_not_utf8_so_pages_are_not_decoded_twice():
    assert wechat_html_reader._REPORTS_BAD_UTF8


def test_a_utf8_page_that_libxml2_parsed_cleanly_is_not_decoded_again(tmp_path, monkeypatch):
    def decoding(*args):
        raise AssertionError("decoded again")
    monkeypatch.setattr(wechat_html_reader, "check_decodes", decoding)
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page("utf-8").encode("utf-8"))
    assert read(page).fields["title"].value


# where the bytes go: (what is in the page, what replaces it)
WHERE = {"text": (b"<p>", b"<p>%s"), "tag": (b"<title>", b"<title%s>"),
         "script": (b"var msg_title", b"var msg_title%s"),
         "attribute": (b'id="js_content"', b'id="js_content%s"'),
         "comment": (b"<body>", b"<body><!-- %s -->"), "after": (b"</html>", b"</html>%s")}


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("bad", [b"\xff", b"\xe5\xae", b"\xc0\xaf", b"\xed\xa0\x80"])
def test_bytes_that_are_not_utf8_are_malformed_wherever_they_stand(tmp_path, where, bad):
    text = gbk_page("utf-8").encode("utf-8")
    found, replaced = WHERE[where]
    assert found in text
    page = tmp_path / "page.html"
    page.write_bytes(text.replace(found, replaced % bad, 1))
    with pytest.raises(MalformedInput, match="not valid utf-8"):
        read(page)


def test_a_page_with_more_parse_errors_than_libxml2_logs_is_still_checked(tmp_path):
    """libxml2 stops logging at a hundred errors: bytes past them are decoded to be sure."""
    text = gbk_page("utf-8").encode("utf-8")
    text = text.replace(b"<body>", b"<body>" + b"</x>" * 500, 1).replace(
        "宣示".encode(), b"\xff", 1)
    page = tmp_path / "page.html"
    page.write_bytes(text)
    with pytest.raises(MalformedInput, match="not valid utf-8"):
        read(page)


def test_bytes_past_where_libxml2_stops_nesting_are_still_checked(tmp_path):
    """libxml2 stops at 2048 levels, before bytes it then never reads, and logs one error:
    a log so short is whole, but the parse is not. The bytes past the stop are decoded."""
    deep = b"<div>" * 2100 + b"\xff" + b"</div>" * 2100
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page("utf-8").encode("utf-8").replace(b"</body>", deep + b"</body>"))
    with pytest.raises(MalformedInput, match="not valid utf-8"):
        read(page)
    page.write_bytes(page.read_bytes().replace(b"\xff", b"x"))
    if etree.LIBXML_VERSION >= (2, 13):  # the nesting cap came with libxml2 2.13 (lxml 5.4)
        with pytest.raises(MalformedInput, match="beyond the parser's limits"):
            read(page)
    else:  # an older libxml2 parses the nesting whole: the page is read, not cut
        assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"


def test_a_page_with_a_nul_byte_is_not_text_even_when_libxml2_parses_it(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page("utf-8").encode("utf-8").replace("宣示".encode(), b"\x00", 1))
    with pytest.raises(MalformedInput, match="NUL"):
        read(page)


def test_a_label_no_browser_knows_declares_nothing(tmp_path):
    """A browser's prescan passes over a ``<meta charset>`` whose label names no encoding
    and reads on: the page is read in what a later one declares, else as UTF-8."""
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page("klingon-8").encode("utf-8"))
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"
    later = gbk_page("gbk").replace('<meta charset="gbk">',
                                    '<meta charset="klingon-8"><meta charset="gbk">')
    page.write_bytes(later.encode("gbk"))
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"
    page.write_bytes(gbk_page("klingon-8").encode("gbk"))
    with pytest.raises(MalformedInput, match="not valid utf-8"):
        read(page)


def test_a_utf8_byte_order_mark_is_skipped(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(codecs.BOM_UTF8 + GUOZHENG.read_bytes())
    assert read(post).fields == read(GUOZHENG).fields


def test_windows_line_endings_read_like_unix_ones(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(GUOZHENG.read_bytes().replace(b"\n", b"\r\n"))
    raw, original = read(post), read(GUOZHENG)
    assert raw.fields == original.fields
    assert raw.body_markup == original.body_markup


def test_a_utf16_page_with_a_byte_order_mark_is_read(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(codecs.BOM_UTF16_LE + gbk_page("utf-16").encode("utf-16-le"))
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"


REAL_PAGE = WECHAT / "html" / (
    "wechatscope__gh_8e98aeecc6c0_2020-10-02_2650512939_raiHy80cW6.y.tar.gz.html")
REAL_META = b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'


@pytest.mark.parametrize("before", [
    b'<meta name="description" content="\xe4\xb9\xb1\xe7\xa0\x81? charset=iso-8859-1">',
    b'<!-- old: <meta charset="iso-8859-1"> -->',
    b'<link rel="alternate" title="<meta charset=latin1>" href="x">',
])
def test_a_charset_written_where_it_declares_nothing_is_not_a_declaration(tmp_path, before):
    """Only a <meta charset>, or a content whose http-equiv is Content-Type, declares: a
    description, a comment or another tag's attribute that mentions a charset does not (it
    once made a real page stored as Latin-1 mojibake)."""
    data = REAL_PAGE.read_bytes()
    assert data.count(REAL_META) == 1
    page = tmp_path / "page.html"
    page.write_bytes(data.replace(REAL_META, before + REAL_META))
    assert read(page).fields == read(REAL_PAGE).fields


@pytest.mark.parametrize("label", ["latin1", "iso-8859-1", "windows-1252", "ascii", "gbk",
                                   "shift_jis", "big5", "koi8-r"])
def test_utf8_bytes_declared_in_another_encoding_are_refused_not_stored_garbled(tmp_path,
                                                                                  label):
    """A browser follows the declaration and shows the text garbled; the record would keep
    that, and replace a good version with it: the page is malformed, and the error says the
    bytes are UTF-8 and the declaration is what is wrong."""
    page = tmp_path / "page.html"
    page.write_bytes(REAL_PAGE.read_bytes().replace(b"charset=utf-8", f"charset={label}"
                                                    .encode(), 1))
    with pytest.raises(MalformedInput) as raised:
        read(page)
    assert raised.value.path == str(page)
    assert "but its bytes are UTF-8 text" in raised.value.message
    assert "the declaration is wrong" in raised.value.hint


@pytest.mark.parametrize("where", ["meta", "container"])
def test_text_in_a_single_byte_encoding_is_read_as_a_browser_reads_it(tmp_path, where):
    """``latin1`` names windows-1252, as browsers read it (Python's Latin-1 reads the euro
    sign's byte as the control U+0080), and its unassigned bytes are the C1 controls of the
    same number, not bytes that do not decode."""
    meta = "" if where == "container" else '<meta charset="latin1">'
    data = (f'<html><head>{meta}<title>Grüße, 2 €</title></head><body>'
            '<div id="js_content"><p>Über die Straße – 2 €</p></div>'
            '<script>var msg_title = "Grüße, 2 €";</script></body></html>').encode("cp1252")
    data = data.replace(b"</p>", b"\x81</p>")
    raw = wechat_html_reader.read_page(data, tmp_path / "page.html",
                                       "iso-8859-1" if where == "container" else None)
    assert raw.fields["title"].value == "Grüße, 2 €"
    assert "Über die Straße – 2 €\x81" in raw.body_markup


def test_utf8_bytes_a_container_calls_utf16_are_refused_naming_the_container(tmp_path):
    page = tmp_path / "page.html"
    with pytest.raises(MalformedInput) as raised:
        wechat_html_reader.read_page(gbk_page("utf-8").encode("utf-8"), page, "utf-16")
    assert raised.value.message.startswith(
        "the capture's Content-Type says charset=utf-16, but its bytes are UTF-8 text")


@pytest.mark.parametrize("title", ["学院通知", "图片展示", "一十时实学通知图片展示院原页",
                                   "中等强国外交的典范"])
def test_a_short_genuine_gbk_page_is_read_even_where_its_bytes_are_utf8_too(tmp_path, title):
    """930 GB2312 characters (学, 院, 通, 知…) are each two bytes that are a UTF-8 character
    too: a page whose only Chinese is a few of them is UTF-8 as well as GBK, and is read as
    it declares (as UTF-8 it would read ѧԺ֪ͨ). Only CJK-width UTF-8 proves a declaration
    wrong."""
    page = tmp_path / "page.html"
    html = (f'<html><head><meta charset="gbk"><title>{title}</title></head><body>'
            f'<div id="js_content"><p>{title}</p></div>'
            f'<script>var msg_title = "{title}";</script></body></html>')
    page.write_bytes(html.encode("gbk"))
    assert read(page).fields["title"].value == title


def test_a_page_in_another_encoding_with_an_xml_declaration_lxml_would_refuse_is_read(
        tmp_path):
    """lxml refuses to parse a str holding an XML declaration with an encoding, even one
    without its closing ``?>``: the decoded page is parsed as UTF-8 bytes."""
    html = '<?xml version="1.0" encoding="gbk">\n' + gbk_page("gbk")
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("gbk"))
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"


@pytest.mark.parametrize(("meta", "said"), [
    ('<meta charset="Latin1">', "the page declares charset=latin1,"),
    ('<meta charset="iso-2022-kr">', "the page declares charset=iso-2022-kr,"),
    ('<?xml version="1.0" encoding="ISO-8859-1"?>', "the page declares charset=iso-8859-1,"),
])
def test_a_declaration_proved_wrong_is_said_as_the_page_wrote_it(tmp_path, meta, said):
    page = tmp_path / "page.html"
    html = gbk_page("utf-8").replace('<meta charset="utf-8">', "" if "xml" in meta else meta)
    page.write_bytes(((meta if "xml" in meta else "") + html).encode())
    with pytest.raises(MalformedInput) as raised:
        read(page)
    assert raised.value.message.startswith(said)


def test_an_xml_declaration_of_utf16_means_utf8_as_a_meta_does(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>'
                      + gbk_page("utf-8").replace('<meta charset="utf-8">', "")).encode())
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"


@pytest.mark.parametrize("byte", [b"\xa0", b"\xfd", b"\xfe", b"\xff"])
def test_a_shift_jis_byte_no_browser_reads_is_refused_not_kept_as_a_private_character(
        tmp_path, byte):
    """Python's Windows-31J reads these bytes alone as U+F8F0–U+F8F3; a browser shows
    U+FFFD: nothing is repaired silently."""
    html = gbk_page("shift_jis", title="日本語").replace("中等", "")
    data = html.encode("cp932", "replace").replace("日本語".encode("cp932"),
                                                   "日本".encode("cp932") + byte, 1)
    page = tmp_path / "page.html"
    page.write_bytes(data)
    with pytest.raises(MalformedInput, match="not valid shift_jis text"):
        read(page)


def test_a_meta_that_declares_utf16_means_utf8_as_in_a_browser(tmp_path):
    """A page carrying its <meta> in ASCII bytes cannot be UTF-16: the HTML Standard reads
    the declaration as UTF-8 (it once turned a fragment into CJK-looking garbage)."""
    fragment = tmp_path / "source.html"
    fragment.write_bytes(b'<meta charset="utf-16">' + FRAGMENT.read_bytes())
    raw, plain = read(fragment), read(FRAGMENT)
    assert raw.format == plain.format == "html-fragment"
    assert raw.body_markup.count("<img") == plain.body_markup.count("<img") > 0
    assert "G.O.S.S.I.P" in raw.body_markup
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page("utf-16").encode("utf-8"))
    assert read(page).fields["title"].value == "龙与熊之间：中等强国外交的典范"


@pytest.mark.parametrize("label", ["hz-gb-2312", "iso-2022-kr", "iso-2022-cn"])
def test_an_encoding_browsers_refuse_to_decode_is_refused(tmp_path, label):
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page(label).encode("utf-8"))
    with pytest.raises(MalformedInput, match="which browsers do not decode"):
        read(page)


def test_a_gbk_page_and_a_gbk_fragment_read_the_same_characters(tmp_path):
    """libxml2 decodes GB18030 through the system's iconv, whose mappings differ from
    Python's and from one system to another: every page not in UTF-8 is decoded by the
    browsers' decoder, so a page and a fragment (and any two machines) agree."""
    odd = bytes.fromhex("fe59a6d9a3a0a8bc80")  # 䶮︐ ḿ€ in a browser
    page = tmp_path / "page.html"
    page.write_bytes(gbk_page("gbk").encode("gbk").replace("主权".encode("gbk"), odd))
    fragment = tmp_path / "source.html"
    fragment.write_bytes(b'<meta charset="gbk"><section data-tools="x"><p>'
                         + odd + b"</p></section>")
    shown = "\u9fb4\ufe10\u3000\u1e3f\u20ac"
    assert f"宣示{shown}" in read(page).body_markup
    assert shown in read(fragment).body_markup


def test_a_fragment_saved_with_a_utf8_byte_order_mark_is_recognised(tmp_path):
    fragment = tmp_path / "source.html"
    fragment.write_bytes(codecs.BOM_UTF8 + FRAGMENT.read_bytes())
    assert detect(fragment) is fragment_reader
    assert read(fragment).body_markup == read(FRAGMENT).body_markup


def test_a_meta_charset_quoted_in_a_markdown_post_declares_nothing(tmp_path):
    """Markdown has no way to declare an encoding: a post showing HTML in a code block is
    UTF-8 still (its <meta> once made the whole post Latin-1 mojibake)."""
    front, end, body = GUOZHENG.read_text("utf-8").partition("\n---\n")
    shown = ('\n```html\n<meta http-equiv="Content-Type" content="text/html; '
             'charset=iso-8859-1">\n```\n')
    post = tmp_path / "post.md"
    post.write_text(front + end + shown + body, encoding="utf-8")
    assert post.read_bytes().index(b"charset") < 4096
    assert read(post).fields == read(GUOZHENG).fields


def test_json_front_matter_escaping_half_a_surrogate_pair_is_malformed_naming_the_file(
        tmp_path):
    """JSON reads ``\ud800`` alone without a word; no text can hold it (the record's writing
    crashed the run, exit 70). A pair escaped is one character."""
    post = tmp_path / "post.md"
    post.write_text('{"title": "国政学人\\ud800"}\n\n正文。\n', encoding="utf-8")
    with pytest.raises(MalformedInput, match="half of a UTF-16 pair") as raised:
        read(post)
    assert raised.value.path == str(post)
    post.write_text('{"title": "国政学人\\ud83d\\ude4f"}\n\n正文。\n', encoding="utf-8")
    assert read(post).fields["title"].value == "国政学人🙏"


@pytest.mark.parametrize(("encoding", "named"), [("utf-16-le", "UTF-16LE"),
                                               ("utf-16-be", "UTF-16BE"), ("utf-32", "UTF-32")])
@pytest.mark.parametrize("name", ["post.md", "page.html"])
def test_a_file_in_utf16_without_its_mark_or_in_utf32_is_named_so_with_how_to_convert_it(
        tmp_path, encoding, named, name):
    """Refused (no browser reads either as text), but said as what it is, not "binary
    data"; UTF-32's mark (which begins with UTF-16's) is told apart."""
    post = tmp_path / name
    text = GUOZHENG.read_text("utf-8") if name == "post.md" else gbk_page("utf-8")
    post.write_bytes(text.encode(encoding))
    with pytest.raises(UnsupportedFormat) as raised:
        read(post)
    assert f": {named} text" in raised.value.message
    assert f"iconv -f {named} -t UTF-8" in raised.value.hint


def test_a_binary_file_is_not_taken_for_utf16(tmp_path):
    junk = tmp_path / "page.html"
    junk.write_bytes(JPEG.read_bytes())
    with pytest.raises(UnsupportedFormat, match="binary data, not text"):
        read(junk)


# --- reading a file once ----------------------------------------------------------------------

def test_a_post_is_read_from_the_bytes_the_caller_gives(tmp_path):
    """An ingest hashes the file for its receipt, then reads the post from those same bytes:
    a file changed between the two reads cannot give a receipt for other bytes."""
    page = tmp_path / "post.md"
    page.write_bytes(GUOZHENG.read_bytes())
    given = GUOZHENG.read_bytes().replace("国政学人第464期".encode(), "国政学人第465期".encode())
    raw = read(page, given)
    assert raw.data == given
    assert "第465期" in raw.fields["title"].value and "第464期" in read(page).fields["title"].value


def test_a_file_shorter_than_the_head_is_opened_once(monkeypatch):
    expected = GUOZHENG.read_bytes()
    opened = []
    real_open = os.open

    def counting_open(path, *args, **kwargs):
        opened.append(Path(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting_open)
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: pytest.fail("opened another way"))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read again"))
    assert read(GUOZHENG).data == expected
    assert opened == [GUOZHENG]


@pytest.mark.parametrize("header", ["utf-8", "UTF8"])
def test_a_capture_whose_header_names_another_charset_than_the_page_says_which_is_wrong(
        tmp_path, header):
    """A crawler's response says ``charset=utf-8`` for a page that is GBK and says so in its
    ``<meta>``: the header wins, as in a browser, and the bytes do not decode. The hint names
    the header as what is wrong, not the page's own declaration (which it already makes)."""
    page = tmp_path / "page.html"
    data = gbk_page("gbk").encode("gbk")
    with pytest.raises(MalformedInput) as raised:
        wechat_html_reader.read_page(data, page, charset=header)
    assert "not valid utf-8 text" in raised.value.message
    assert f"Content-Type says charset={header}" in raised.value.hint
    assert "<meta> charset, gbk" in raised.value.hint


def test_a_page_whose_header_and_meta_agree_keeps_the_gbk_hint(tmp_path):
    page = tmp_path / "page.html"
    data = gbk_page("utf-8").encode("gbk")
    with pytest.raises(MalformedInput) as raised:
        wechat_html_reader.read_page(data, page, charset="utf-8")
    assert "reads as GB18030 (GBK) text" in raised.value.hint
