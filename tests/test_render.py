"""Specification of the Markdown rendering of a record (archiver/render.py).

``show --format markdown`` must show the post's text as the post has it once the Markdown is
rendered: a paragraph that begins "2020." is no numbered list, "<script>" no HTML, "*stars*"
no emphasis, "[link](x)" no link. Checked by rendering with markdown-it (CommonMark), the
parser the Markdown reader uses.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from archiver.clean.body import parse_body
from archiver.render import block_text, record_markdown

from conftest import WECHAT

RECORD = {"id": "wx:test", "kind": "article", "title": "A # title *with* [marks]",
          "images": [], "blocks": []}


def rendered_texts(markdown: str, tag: str = "p") -> list[str]:
    """The text of each ``tag`` element of the rendered Markdown, a <br> as a line break."""
    out = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    found = re.findall(rf"<{tag}>(.*?)</{tag}>", out, re.S)
    return [html.unescape(re.sub(r"<br />\n?", "\n", text)) for text in found]


def with_paragraphs(*texts: str) -> dict:
    return {**RECORD, "blocks": [{"type": "paragraph", "text": t} for t in texts]}


def test_what_markdown_would_read_as_markup_shows_as_written():
    texts = ["2020. A year, not a list", "<script>alert(1)</script> *stars* [link](x)",
             "# not a heading", "> not a quote", "- not an item", "1) nor this", "a | b | c",
             "~~kept~~ &amp; `code` \\ back", "line one\nline two"]
    markdown = record_markdown(with_paragraphs(*texts))
    assert rendered_texts(markdown) == texts
    assert "<script>" not in MarkdownIt("commonmark").render(markdown)


def test_the_title_keeps_its_marks_and_a_code_block_its_backticks():
    record = {**RECORD, "blocks": [{"type": "code", "text": "print('```')\n````"}]}
    markdown = record_markdown(record)
    assert rendered_texts(markdown, "h1") == ["A # title *with* [marks]"]
    assert rendered_texts(markdown, "code") == ["print('```')\n````\n"]


WORD = st.text(alphabet="ab1#*_[]()<>|~`\\&;.!-+=:", min_size=1, max_size=8)


@given(st.lists(WORD, min_size=1, max_size=8).map(" ".join))
def test_any_paragraph_renders_as_its_text(text):
    assert rendered_texts(record_markdown(with_paragraphs(text))) == [text]


def test_labelled_values_render_as_written_and_an_address_as_a_link():
    record = {**RECORD, "url": "https://mp.weixin.qq.com/s?__biz=MzI3&mid=22&idx=1#rd",
              "column": "1. <b>第一</b>", "citations": [{"doi": "10.1093/ia/iiaa061"}]}
    out = MarkdownIt("commonmark").render(record_markdown(record))
    items = [html.unescape(re.sub(r"<[^>]+>", "", item))
             for item in re.findall(r"<li>(.*?)</li>", out, re.S)]
    assert "url: " + record["url"] in items
    assert "column: 1. <b>第一</b>" in items
    assert "dois: 10.1093/ia/iiaa061" in items
    assert f'<a href="{html.escape(record["url"])}">' in out


def test_each_labelled_value_is_one_line_in_the_text_view():
    """The account is kept as read (part of some posts' ids): a line break in it must not
    break the text view's one line per field."""
    from archiver.render import record_text
    record = {**RECORD, "account": {"name": "Carol\nDan\x1b[31m"}}
    assert "account: Carol Dan[31m\n" in record_text(record)


def test_an_indented_line_is_no_code_block():
    texts = ["    four spaces first", "\tand a tab", "a line\n    then an indented one"]
    assert rendered_texts(record_markdown(with_paragraphs(*texts))) == texts


@settings(deadline=None)
@given(st.text(max_size=60))
def test_a_junit_report_is_well_formed_whatever_a_citation_holds(text):
    """A citation copied with a control character (U+0002 from a PDF) or a lone surrogate:
    XML 1.0 cannot hold them, even as references; the report writes their escapes."""
    from xml.etree import ElementTree as ET

    from archiver.citations.verify import CitationResult
    from archiver.render import verify_junit
    results = [CitationResult(text=f"Chiang C. {text}", doi=None, status="mismatch",
                              reason=f"title: {text}", location=f"refs\x02{text}.txt:1")]
    report = ET.fromstring(verify_junit(results, [None],
                                        [{"input": f"bad{text}.bib", "message": text}]))
    case = report.findall("testcase")[1]
    assert case.get("name").startswith("Chiang C. ")
    assert "\\x02" in case.get("classname")


def rendered_table(markdown: str) -> list[list[str]]:
    """The cells of each row of the one table the rendered Markdown holds, header first."""
    out = MarkdownIt("commonmark").enable("table").render(markdown)
    tables = re.findall(r"<table>(.*?)</table>", out, re.S)
    assert len(tables) == 1, out
    return [[html.unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", tables[0], re.S)]


def test_a_table_renders_as_one_table_with_every_row_and_cell():
    """The table of the YuLab JC post (a block a row, cells separated by tabs) is a table in
    the Markdown, not nine lines of text: its first row the header, each cell in its place."""


    source = (WECHAT / "markdown" / "mp_duty__YuLab_JC___单细胞及单核细胞_RNA_测序总结.md"
              ).read_text(encoding="utf-8")
    blocks, _, _ = parse_body(re.search(r"<table.*?</table>", source, re.S).group(0))
    record = {**RECORD, "blocks": [b.to_json() for b in blocks]}
    rows = rendered_table(record_markdown(record))
    assert rows == [b.text.split("\t") for b in blocks]
    assert len(rows) == 9
    assert rows[0] == ["Method", "Cost/cell", "# Cells", "Time (hours)"]
    assert rows[-1] == ["sci-RNA-seq", "$0.28", "7,680", "17.42"]


def test_two_tables_one_after_the_other_render_as_two_tables():
    """A row 0 begins a table: two tables with nothing between them are two in the
    Markdown, not one whose second header reads as a row of the first."""
    record = {**RECORD, "blocks": [{"type": "table", "text": "方法\t成本", "row": 0,
                                    "header": True},
                                   {"type": "table", "text": "Smart-seq2\t$10.59", "row": 1},
                                   {"type": "table", "text": "年份", "row": 0},
                                   {"type": "table", "text": "2020", "row": 1}]}
    out = MarkdownIt("commonmark").enable("table").render(record_markdown(record))
    tables = re.findall(r"<table>(.*?)</table>", out, re.S)
    assert [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", t) for t in tables] == [
        ["方法", "成本", "Smart-seq2", "$10.59"], ["年份", "2020"]]


def test_rows_of_a_record_made_before_rows_were_numbered_are_one_table():
    record = {**RECORD, "blocks": [{"type": "table", "text": "指标"},
                                   {"type": "table", "text": "1"}]}
    assert rendered_table(record_markdown(record)) == [["指标"], ["1"]]


@pytest.mark.parametrize(("language", "info"), [
    ("python", "python"), ("c++", "c++"), ("two words", ""), ("a`b", ""), (None, "")])
def test_a_code_blocks_language_is_its_fences_info_word_when_a_fence_can_carry_it(language,
                                                                                   info):
    block = {"type": "code", "text": "print(1)"}
    if language is not None:
        block["language"] = language
    markdown = record_markdown({**RECORD, "blocks": [block]})
    assert f"```{info}\nprint(1)\n```" in markdown
    out = MarkdownIt("commonmark").render(markdown)
    assert re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", out, re.S) == ["print(1)\n"]


def test_a_nested_list_renders_nested_under_its_item_with_its_own_numbers():
    """Each nested list is indented to the text of the item it is in (three columns under
    "1. ", two under "- "), so that CommonMark nests it there; the outer list goes on."""
    blocks, _, _ = parse_body("<ol><li>遗传学<ul><li>Chiang C<ol start=\"3\"><li>补充</li>"
                              "</ol></li></ul></li><li>方法</li></ol>")
    markdown = record_markdown({**RECORD, "blocks": [b.to_json() for b in blocks]})
    out = MarkdownIt("commonmark").render(markdown.split("\n\n", 2)[2])
    assert re.sub(r"\s+|</?p>", "", out) == (
        "<ol><li>遗传学<ul><li>ChiangC<olstart=\"3\"><li>补充</li></ol></li></ul></li>"
        "<li>方法</li></ol>")


def commonmark(record: dict) -> str:
    """The body of the record's Markdown as CommonMark renders it, white space left out."""
    markdown = record_markdown(record).split("\n\n", 2)[2].removeprefix("<!-- -->\n\n")
    return re.sub(r"\s+|</?p>", "", MarkdownIt("commonmark").render(markdown))


def test_an_empty_item_holding_a_nested_list_and_a_picture_before_one_stay_in_their_items():
    """An item that holds only its nested list is written with its mark alone on its line,
    the nested list right under it (a blank line between would end the item); a picture an
    item holds before its nested list is indented into the item with it."""
    for markup, expected in [
            ("<ol><li><ul><li>淘米</li></ul></li><li>煮饭</li></ol>",
             "<ol><li><ul><li>淘米</li></ul></li><li>煮饭</li></ol>"),
            ('<ol><li>甲<img data-w="600" src="x.png"><ol><li>乙</li></ol></li><li>丙</li></ol>',
             '<ol><li>甲<imgsrc="x.png"alt=""/><ol><li>乙</li></ol></li><li>丙</li></ol>')]:
        blocks, _, _ = parse_body(markup)
        record = {**RECORD, "images": [{"original": "x.png", "status": "missing"}],
                  "blocks": [b.to_json() for b in blocks]}
        assert commonmark(record) == expected


def test_what_an_item_holds_after_its_nested_list_stays_in_the_item():
    blocks, _, _ = parse_body("<ul><li>参考<ul><li>DOI: 10.1038/ng.3834</li></ul>（续）</li>"
                              "<li>下一条</li></ul>")
    record = {**RECORD, "blocks": [b.to_json() for b in blocks]}
    assert commonmark(record) == (
        "<ul><li>参考<ul><li>DOI:10.1038/ng.3834</li></ul>（续）</li><li>下一条</li></ul>")


def test_a_body_that_opens_with_a_bulleted_list_is_no_part_of_the_fields_list():
    record = {**RECORD, "blocks": [{"type": "list", "items": ["甲", "乙"], "text": "甲\n乙"}]}
    out = MarkdownIt("commonmark").render(record_markdown(record))
    assert re.findall(r"<ul>(.*?)</ul>", out, re.S)[-1].split() == ["<li>甲</li>", "<li>乙</li>"]


def test_two_numbered_lists_one_after_the_other_keep_their_own_numbers():
    """"1. a 2. b" then a list from 5: Markdown reads the two as one list numbered 1 to 3,
    unless something parts them; a list that goes on numbering (past a picture or a nested
    list) stays one."""
    for markup, expected in [
            ('<ol><li>a</li><li>b</li></ol><ol start="5"><li>c</li></ol>',
             '<ol><li>a</li><li>b</li></ol><!----><olstart="5"><li>c</li></ol>'),
            ("<ol><li>a<ul><li>x</li></ul></li><li>b</li></ol>",
             "<ol><li>a<ul><li>x</li></ul></li><li>b</li></ol>")]:
        blocks, _, _ = parse_body(markup)
        assert commonmark({**RECORD, "blocks": [b.to_json() for b in blocks]}) == expected


def test_a_nested_list_after_other_blocks_is_not_indented_into_a_code_block():
    """A nested list block whose outer list is not right before it (a picture came
    between) is written at the margin: indented four columns it would read as code."""
    record = {**RECORD, "blocks": [{"type": "paragraph", "text": "段落"},
                                   {"type": "list", "items": ["深"], "text": "深", "depth": 2}]}
    assert "<code>" not in MarkdownIt("commonmark").render(record_markdown(record))
    assert "\n- 深\n" in record_markdown(record)


def test_a_nested_lists_items_are_indented_in_the_text_a_terminal_shows():
    assert block_text({"type": "list", "items": ["甲", "乙"], "text": "甲\n乙", "depth": 1,
                       "ordered": True, "start": 2}) == "  2. 甲\n  3. 乙"


def test_a_table_row_wider_than_the_first_keeps_every_cell_and_a_bar_stays_text():
    """GFM drops the cells of a row beyond the header's: the header is as wide as the widest
    row. A cell's own ``|`` or ``*`` is text, not markup."""
    record = {**RECORD, "blocks": [{"type": "table", "text": "指标\t数值"},
                                   {"type": "table", "text": "a | b\t*1*\t注"},
                                   {"type": "paragraph", "text": "表后的段落"}]}
    markdown = record_markdown(record)
    assert rendered_table(markdown) == [["指标", "数值", ""], ["a | b", "*1*", "注"]]
    assert rendered_texts(markdown) == ["表后的段落"]


def test_a_numbered_list_renders_numbered_from_its_first_number():
    """An ordered list block is a numbered list in the Markdown, from its ``start``; an
    unnumbered one a bulleted list, and an item's own "2020." is still text."""
    record = {**RECORD, "blocks": [
        {"type": "list", "ordered": True, "start": 3, "items": ["模型评价、", "2020. 年"],
         "text": "模型评价、\n2020. 年"},
        {"type": "list", "items": ["知乎、CSDN、简书同名账号"],
         "text": "知乎、CSDN、简书同名账号"}]}
    out = MarkdownIt("commonmark").render(record_markdown(record))
    assert re.search(r'<ol start="3">\s*<li>模型评价、</li>\s*<li>2020. 年</li>\s*</ol>', out)
    assert re.search(r"<ul>\s*<li>知乎、CSDN、简书同名账号</li>\s*</ul>", out)


def test_the_text_view_shows_a_numbered_lists_numbers():
    """The numbers of a numbered list are drawn by the browser, in no item's text: the text
    view gives them (a post may refer to "step 3")."""
    from archiver.render import record_text

    blocks = [{"type": "paragraph", "text": "步骤如下："},
              {"type": "list", "ordered": True, "start": 3, "items": ["模型评价、", "2020. 年"],
               "text": "模型评价、\n2020. 年"},
              {"type": "image", "image": 0, "text": ""},
              {"type": "list", "items": ["知乎"], "text": "知乎"}]
    record = {**RECORD, "blocks": blocks, "text": "步骤如下：\n\n模型评价、\n2020. 年\n\n知乎"}
    assert record_text(record).split("\n\n", 1)[1] == (
        "步骤如下：\n\n3. 模型评价、\n4. 2020. 年\n\n知乎\n")


def test_the_text_view_of_a_post_without_numbered_lists_is_its_records_text():
    import json
    from pathlib import Path

    from archiver.render import record_text

    archived = Path(__file__).parents[1] / "archive"
    records = [json.loads(p.read_text(encoding="utf-8")) for p in archived.rglob("record.json")]
    plain = [r for r in records if r.get("text")
             and not any(b.get("ordered") for b in r.get("blocks") or [])]
    assert plain
    for record in plain:
        assert record_text(record).split("\n\n", 1)[1] == record["text"] + "\n"


def link(text: str, shown: str, url: str, occurrence: int = 0, **more) -> dict:
    """A link as a record holds it: its text at the given occurrence of it in ``text``."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(shown, at + 1)
    return {"text": shown, "url": url, "start": at, "end": at + len(shown), **more}


def test_a_blocks_links_are_markdown_links_whose_rendering_shows_the_text_and_leads_there():
    """Each link at its place (the second of two equal words, where the post linked it); what
    is around it escaped as ever, a "!" before it too ("![" opens an image); a list item's
    link in its item, a quote's and a table's in their lines and cells; a link across a line
    break a link on each line."""
    first = "*1.* 原文 and 原文 (see [2])"
    item = "two 原文"
    quote = "said\nand 原文"
    wow = "Great news!Read it"
    broken = "A first\nline then second."
    row = "名称\t原文"
    record = {**RECORD, "blocks": [
        {"type": "paragraph", "text": first,
         "links": [link(first, "原文", "https://example.org/a b", 1),
                   link(first, "[2]", "https://doi.org/10.1000/x(1)")]},
        {"type": "list", "text": "one\n" + item, "items": ["one", item],
         "links": [link(item, "原文", "https://example.org/item", item=1)]},
        {"type": "quote", "text": quote, "links": [link(quote, "原文", "https://example.org/q")]},
        {"type": "paragraph", "text": wow, "links": [link(wow, "Read it", "https://a.example/")]},
        {"type": "paragraph", "text": broken,
         "links": [link(broken, "first\nline", "https://example.org/1"),
                   link(broken, "second", "https://example.org/2")]},
        {"type": "table", "text": row, "links": [link(row, "原文", "https://example.org/t")]},
        {"type": "paragraph", "text": "out of place",
         "links": [{"text": "x", "url": "https://example.org/gone", "start": 40, "end": 41}]}]}
    markdown = record_markdown(record)
    assert "&#32;" not in markdown  # the space after a link is a space
    out = MarkdownIt("commonmark").enable("table").render(markdown)
    assert '<p>*1.* 原文 and <a href="https://example.org/a%20b">原文</a> (see ' \
           '<a href="https://doi.org/10.1000/x(1)">[2]</a>)</p>' in out
    assert '<li>two <a href="https://example.org/item">原文</a></li>' in out
    assert "<li>one</li>" in out
    assert '<p>said\nand <a href="https://example.org/q">原文</a></p>' in out
    assert '<p>Great news!<a href="https://a.example/">Read it</a></p>' in out
    assert '<p>A <a href="https://example.org/1">first<br />\nline</a> then ' \
           '<a href="https://example.org/2">second</a>.</p>' in out
    assert '<th><a href="https://example.org/t">原文</a></th>' in out  # (the first row heads)
    assert "<p>out of place</p>" in out


def test_link_targets_are_written_as_they_are_wherever_the_link_is():
    """A target's backslash, a '|' (which ends a table's cell) and an '&' that reads as an
    entity are escaped; a heading with a line break in its link stays one heading."""
    heading = "first\nsecond"
    cell = "名称\t链接"
    record = {**RECORD, "blocks": [
        {"type": "heading", "level": 1, "text": heading,
         "links": [link(heading, heading, "https://e.org/h")]},
        {"type": "table", "text": cell, "links": [link(cell, "链接", "http://x.com/a|b")]},
        {"type": "paragraph", "text": "back and entity",
         "links": [link("back and entity", "back", "http://x.com/a\\"),
                   link("back and entity", "entity", "http://x.com/?a=1&copy;=2")]}]}
    out = MarkdownIt("commonmark").enable("table").render(record_markdown(record))
    assert '<h2><a href="https://e.org/h">first second</a></h2>' in out
    assert '<th><a href="http://x.com/a%7Cb">链接</a></th>' in out
    assert '<a href="http://x.com/a%5C">back</a>' in out
    assert '<a href="http://x.com/?a=1&amp;copy;=2">entity</a>' in out


def test_a_missing_copy_is_shown_from_the_web_address_given_beside_it():
    """The copy a complete save names is not in the archive: the Markdown shows the image
    from the address the page gave beside it, where a reader may still find it; without
    one, from the reference the post made."""
    images = [{"status": "missing", "reason": "file not found", "original": "./page_files/1.jpg",
               "address": "https://mmbiz.qpic.cn/a/640"},
              {"status": "missing", "reason": "file not found", "original": "images/2.jpg"}]
    record = {**RECORD, "images": images, "blocks": [
        {"type": "image", "image": 0, "text": "图一"}, {"type": "image", "image": 1, "text": ""}]}
    markdown = record_markdown(record)
    assert "![图一](https://mmbiz.qpic.cn/a/640)" in markdown
    assert "![](images/2.jpg)" in markdown
