"""Bold markers an exporter wrote across a link's edge (archiver/readers/_stray_stars.py).

Specification:
- a run of two or more unpaired ``*`` inside a link's brackets at their edge beside a CJK
  character, or after the link with CJK punctuation alone between, is dropped: the
  exporter's misnested ``<strong>``, which the WeChat page never showed as stars;
- every other run of stars is read as CommonMark reads it: paired runs are emphasis, unpaired
  ones elsewhere (``a ** b``, ``[p<0.01**](u)``, ``[张三](u)**``) and a single ``*`` stay
  as text;
- the real Markdown export of 送别一个旧时代 keeps no stars in its text, where its page shows
  the same linked titles without any.
"""

from __future__ import annotations

import lxml.html
import pytest
from markdown_it import MarkdownIt

from archiver.readers import _stray_stars, read
from archiver.readers.markdown import _RENDERER

from conftest import WECHAT


@pytest.mark.parametrize("text, html", [
    # from the real export (tests/fixtures/wechat/html-with-assets/…送别一个旧时代/md)
    ("《[《深度全球化与中美之争（下）》——美国的问题与中国的挑战**](http://b)》",
     '《<a href="http://b">《深度全球化与中美之争（下）》——美国的问题与中国的挑战</a>》'),
    ("[《**民粹主义改造美国（增补完整版）**](http://d)》**",
     '<a href="http://d">《<strong>民粹主义改造美国（增补完整版）</strong></a>》'),
    ("《**[全球化的重构**](http://c)》**",
     '《<strong><a href="http://c">全球化的重构</a>》</strong>'),
    ("[**中文](u)", '<a href="u">中文</a>'),
])
def test_unpaired_stars_at_a_links_edge_are_dropped(text: str, html: str) -> None:
    assert _RENDERER.render(text) == f"<p>{html}</p>\n"


@pytest.mark.parametrize("text", [
    "a ** b [x](u)",  # away from the link
    "[x](u) ** b",  # a space is no punctuation: the stars are the text's
    "[x](u)*",  # one star is no bold marker
    "**[x](u)**",  # paired: bold
    "`a**`[x](u)",  # code
    "《民粹主义改造美国》**",  # no link
    # beside no CJK text, or right after a link: a significance marker, a rating, Latin text
    "[p<0.01**](u)", "见[表1](u)**，P<0.01", "通讯作者：[张三](u)**", "rated [5](u)**** stars",
    "[**](u)", "**[a link](u)", "[a link](u)**.", "[**a link](u)", "[a](u)** b**",
])
def test_other_stars_are_read_as_commonmark_reads_them(text: str) -> None:
    commonmark = MarkdownIt("commonmark", {"html": True})
    assert _RENDERER.render(text) == commonmark.render(text)


def test_the_rule_is_installed_on_the_instance_given_only() -> None:
    md = _stray_stars.install(MarkdownIt("commonmark"))
    assert md.render("[中文**](u)") == '<p><a href="u">中文</a></p>\n'
    assert MarkdownIt("commonmark").render("[中文**](u)") == '<p><a href="u">中文**</a></p>\n'


def test_the_real_export_keeps_no_stars_where_its_page_shows_none() -> None:
    folder = WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代"
    page = "".join(read(folder / "html" / "2021-07-07_送别一个旧时代.html")
                   .body_tree.itertext())
    export = read(folder / "md" / "2021-07-07_送别一个旧时代.md")
    text = lxml.html.fragment_fromstring(export.body_markup, create_parent=True).text_content()
    for title in ("《深度全球化与中美之争（下）》——美国的问题与中国的挑战》",
                  "《全球化的重构》", "《民粹主义改造美国（增补完整版）》"):
        assert title in page and title in text
    assert "**" not in text
