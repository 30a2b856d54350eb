"""Emphasis in Markdown exports of Chinese posts (archiver/readers/_cjk_emphasis.py).

Specification:
- ``**`` beside Chinese (and Japanese, Korean) punctuation is emphasis, as the CommonMark
  CJK-friendly amendment reads it; CommonMark alone leaves the stars in the text;
- text without CJK characters parses exactly as CommonMark parses it;
- stars that close nothing stay as written;
- the real Markdown export of a post keeps no stars where its WeChat page shows bold text.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from archiver.readers import read
from archiver.readers._cjk_emphasis import is_cjk
from archiver.readers.markdown import _RENDERER, make_renderer

from conftest import WECHAT

COMMONMARK = MarkdownIt("commonmark", {"html": True}).enable("table")
# ... with the reader's other rules (stars at a link's edge, test_stray_stars.py; links kept as
# written; embeds, footnotes, nesting): what the amendment alone changes is compared
COMMONMARK_READER_RULES = make_renderer(cjk_friendly=False)


def test_bold_beside_chinese_punctuation_is_bold_where_commonmark_keeps_the_stars() -> None:
    # from the real export of 送别一个旧时代 (tests/fixtures/wechat/html-with-assets)
    text = "第五部分**“进一步加强跨境监管执法司法协作”**，内容有三条"
    assert "**" in COMMONMARK.render(text)
    assert _RENDERER.render(text) == ("<p>第五部分<strong>“进一步加强跨境监管执法司法协作”"
                                      "</strong>，内容有三条</p>\n")
    assert _RENDERER.render("的规定**，压实主体责任**。加强") == (
        "<p>的规定<strong>，压实主体责任</strong>。加强</p>\n")


def test_japanese_and_korean_are_read_the_same_way() -> None:
    assert _RENDERER.render("**この文を強調できますか？**残念ながら") == (
        "<p><strong>この文を強調できますか？</strong>残念ながら</p>\n")
    assert _RENDERER.render("**이 용어(This term)**를 강조해 주세요.") == (
        "<p><strong>이 용어(This term)</strong>를 강조해 주세요.</p>\n")


def test_stars_that_close_nothing_stay_as_written() -> None:
    assert _RENDERER.render("《民粹主义改造美国》**") == "<p>《民粹主义改造美国》**</p>\n"
    assert _RENDERER.render("注**：见下文") == "<p>注**：见下文</p>\n"


def test_emoji_are_wide_but_not_cjk() -> None:
    assert is_cjk("中") and is_cjk("，") and is_cjk("한") and is_cjk("ｱ")
    assert not is_cjk("😀") and not is_cjk("⚡") and not is_cjk("a") and not is_cjk("“")


# Letters, spaces, ASCII and typographic punctuation, the delimiters, and a few non-CJK
# scripts: nothing the amendment changes.
_NOT_CJK = st.text(alphabet=st.sampled_from(list("ab *_*_ .,;:!?()[]\"'“”—-éßж\\`\n")),
                   max_size=40)


@settings(max_examples=400, deadline=None)
@given(_NOT_CJK)
@example("[](ß)")  # a destination kept as written by both (it was compared with one encoding it)
def test_text_without_cjk_characters_parses_exactly_as_commonmark(text: str) -> None:
    assert _RENDERER.render(text) == COMMONMARK_READER_RULES.render(text)


def test_the_real_export_keeps_no_stars_where_its_page_shows_bold_text() -> None:
    folder = WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代"
    page = read(folder / "html" / "2021-07-07_送别一个旧时代.html")
    export = read(folder / "md" / "2021-07-07_送别一个旧时代.md")
    bold = "第五部分“进一步加强跨境监管执法司法协作”，内容有三条"
    assert bold in "".join(page.body_tree.itertext())  # the page shows the phrase bold
    markup = export.body_markup
    assert "<strong>“进一步加强跨境监管执法司法协作”</strong>，" in markup
    assert "**“进一步" not in markup and "压实境外上市公司信息安全主体责任**" not in markup
