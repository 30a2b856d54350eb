"""Specification of the cleaning steps (archiver/clean/steps.py) and of body parsing
(archiver/clean/body.py), each tested alone.

The steps take a list of blocks and the post's image references and return the blocks to keep.
Their inputs here are small, but their text is the text WeChat pages and exports really carry
(copied from the corpus posts in tests/fixtures/wechat/): the reward widget of 国政学人第464期
(赞赏二维码, 微信扫一扫赞赏作者, 长按二维码向我转账, 受苹果公司新规定影响…), the collection
banner 收录于合集, the 2020/2025 page widgets (收录于话题, 预览时标签不可点, 轻触阅读原文,
Scan to Follow, 继续滑动看下一个) and the scraper footer 本文抓取时间.

parse_body turns body HTML into blocks, image references and links: block structure, lazy
``data-src`` images, CSS-like whitespace with CJK line joining, and no scripts or widgets.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.clean import body as body_mod
from archiver.clean import clean
from archiver.clean.body import blocks_text, normalise_inline, parse_body
from archiver.clean.steps import (
    STEPS,
    cut_chrome_tail,
    drop_chrome_lines,
    drop_exporter_wrapper,
    drop_markup_residue,
)
from archiver.model import Block, ImageRef
from archiver.readers import read

from conftest import WECHAT

GUOZHENG = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
PAGE_2025 = WECHAT / "html" / "wechat-article-exporter__普通图文-04.html"
PAGE_2020 = (WECHAT / "html"
             / "wechatscope__gh_d29e0d22a6f9_2020-10-09_2651743347_80xMEgcnmI.y.tar.gz.html")
RAS = WECHAT / "markdown" / "mp_duty__RAS通路评分预测肺癌化疗效果发Nature_Communications.md"
YULAB = WECHAT / "markdown" / "mp_duty__YuLab_JC___单细胞及单核细胞_RNA_测序总结.md"
OLD_TIMES_HTML = (WECHAT / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代" / "html"
                  / "2021-07-07_送别一个旧时代.html")

# Body text of the corpus posts (must survive every step).
BODY_464 = "哈萨克斯坦还通过经济关系宣示主权"
DISCLAIMER_464 = ("文章观点不代表本平台观点，本平台评译分享的文章均出于专业学习之用, "
                  "不以任何盈利为目的，内容主要呈现对原文的介绍，"
                  "原文内容请通过各高校购买的数据库自行下载")


def p(text: str) -> Block:
    return Block(type="paragraph", text=text)


def img(index: int, alt: str = "") -> Block:
    return Block(type="image", image=index, text=alt)


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


# --- drop_chrome_lines ------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "收录于合集",  # 国政学人第464期, line 9 of the Markdown export
    "收录于话题",  # 2020 pages: article-tag-card__title
    "预览时标签不可点",  # 2020 and 2025 pages: article-tag__error-tips
    "轻触阅读原文",  # 2025 page: wx_expand_article_button
    "继续滑动看下一个",  # 2025 page: wx_stream_article_slide_tip_text
    "Scan to Follow",  # 2020 pages: js_pc_qr_code
    "  收录于合集  ",
    "Scan\nto Follow",
])
def test_drop_chrome_lines_drops_a_block_that_is_exactly_a_widget_label(line):
    blocks = [p(BODY_464), p(line), p(DISCLAIMER_464)]
    assert texts(drop_chrome_lines(blocks, [])) == [BODY_464, DISCLAIMER_464]


def test_drop_chrome_lines_drops_a_collection_banner_with_its_tags_and_count():
    # the collection banner as exports flatten it: label, tags, number of posts
    blocks = [p("收录于合集 #中亚研究 12个"), p("#中亚研究 12个"), p(BODY_464)]
    assert texts(drop_chrome_lines(blocks, [])) == [BODY_464]


@pytest.mark.parametrize("line", [
    DISCLAIMER_464,  # contains 分享 and 原文 inside a sentence
    "添加 “国小政”微信",
    "∽∽∽",  # the 2025 post's separator line is body text (label notes)
    "收录于合集的文章都在这里",
])
def test_drop_chrome_lines_keeps_body_text_that_merely_contains_a_widget_word(line):
    blocks = [p(line)]
    assert drop_chrome_lines(blocks, []) == blocks


@pytest.mark.parametrize("word", ["分享", "视频", "赞", "Wow", "阅读"])
def test_a_widget_word_alone_on_a_line_of_the_post_is_kept(word):
    """分享 over what the author shares, 视频 over a video, a closing "Wow": a line of the
    post's own, which the first rule dropped wherever it stood."""
    blocks = [p(BODY_464), p(word), p(DISCLAIMER_464), p(word)]
    assert drop_chrome_lines(blocks, []) == blocks


def test_the_share_and_like_bars_words_beside_each_other_or_a_label_are_dropped():
    refs = [ImageRef(original="")]
    blocks = [p(BODY_464), p("分享"), img(0), p("点赞"), p("在看"), p(DISCLAIMER_464),
              p("阅读原文"), p("阅读"), p("取消"), p("允许")]
    assert drop_chrome_lines(blocks, refs) == [p(BODY_464), img(0), p(DISCLAIMER_464)]


def test_drop_chrome_lines_never_drops_an_image_whatever_its_alt_text():
    refs = [ImageRef(original="/images/1935/2.jpeg", alt="分享")]
    blocks = [img(0, "分享"), p("收录于合集")]
    assert drop_chrome_lines(blocks, refs) == [img(0, "分享")]


def test_drop_chrome_lines_keeps_order_and_does_not_change_its_input():
    blocks = [p("收录于合集"), p(BODY_464), p("预览时标签不可点"), p(DISCLAIMER_464)]
    before = list(blocks)
    assert texts(drop_chrome_lines(blocks, [])) == [BODY_464, DISCLAIMER_464]
    assert blocks == before


# --- cut_chrome_tail --------------------------------------------------------------------------

# The end of 国政学人第464期 as the Markdown export gives it (image sources as in the file).
TAIL_REFS = [ImageRef(original="/images/1935/6.jpeg"), ImageRef(original="/images/1935/7.gif"),
             ImageRef(original="/images/1935/8.gif"), ImageRef(original=""),
             ImageRef(original="", alt="赞赏二维码"), ImageRef(original="", alt="赞赏二维码")]
TAIL_BLOCKS = [
    p(DISCLAIMER_464),
    p("添加 “国小政”微信"), p("获取最新资讯"),
    img(0), img(1), img(2),
    img(3),  # the account's avatar: an image with no source
    p("国政学人"), p("支持学术公益与知识传播"),
    img(4, "赞赏二维码"),
    p("微信扫一扫赞赏作者 __赞赏"),
    p("已喜欢，[对作者说句悄悄话](javascript:;)"),
    p("最多40字，当前共字"),
    p("长按二维码向我转账"), p("支持学术公益与知识传播"), img(5, "赞赏二维码"),
    p("受苹果公司新规定影响，微信 iOS 版的赞赏功能被关闭，可通过二维码转账支持公众号。"),
]


def test_cut_chrome_tail_cuts_the_reward_widget_and_its_lead_in():
    kept = cut_chrome_tail(TAIL_BLOCKS, TAIL_REFS)
    assert kept == TAIL_BLOCKS[:6]
    assert kept[-1] == img(2)  # the 8.gif body image (it has a source) stays


def test_cut_chrome_tail_removes_every_reward_phrase_of_the_real_export():
    kept_text = "\n".join(texts(cut_chrome_tail(TAIL_BLOCKS, TAIL_REFS)))
    for chrome in ("微信扫一扫赞赏作者", "长按二维码向我转账", "受苹果公司新规定影响", "最多40字",
                   "支持学术公益与知识传播", "赞赏二维码"):
        assert chrome not in kept_text


@pytest.mark.parametrize("marker", [
    "微信扫一扫赞赏作者", "长按二维码向我转账", "预览时标签不可点", "继续滑动看下一个",
    "Scan to Follow", "以上推荐为优质及原创文章",
    "受苹果公司新规定影响，微信 iOS 版的赞赏功能被关闭，可通过二维码转账支持公众号。",
])
def test_cut_chrome_tail_starts_the_footer_at_a_block_opening_with_a_tail_marker(marker):
    blocks = [p(DISCLAIMER_464), p(marker), p(BODY_464)]
    assert cut_chrome_tail(blocks, []) == [p(DISCLAIMER_464)]


@pytest.mark.parametrize("sentence", [
    "如果你也喜欢作者的这类对比研究，欢迎转发。",   # a marker inside a sentence
    "标题最多40字，摘要最多120字。",
    "喜欢作者的朋友，欢迎点个在看、转发给更多人。",  # words a post writes, opening a sentence
    "受苹果公司新规定影响，App Store 对应用内购买的抽成下调至15%。",
    "Scan to Follow the money: how the grants were spent",
])
def test_a_paragraph_that_only_quotes_a_tail_marker_cuts_nothing(sentence):
    """The footer opens with a marker: a paragraph of the post that quotes one (or opens with
    words the widget also writes) is the post's, and so is everything after it. The first
    rule cut the post at any paragraph holding one, and the rest was lost without a word."""
    blocks = [p(DISCLAIMER_464), p(sentence), p(BODY_464)]
    assert cut_chrome_tail(blocks, []) == blocks


@pytest.mark.parametrize("line", ["喜欢作者", "最多40字，当前共字", "Got It", "Max 200 characters"])
def test_a_markers_own_line_with_its_widgets_few_words_still_starts_the_footer(line):
    blocks = [p(DISCLAIMER_464), p(line), p(BODY_464)]
    assert cut_chrome_tail(blocks, []) == [p(DISCLAIMER_464)]


def test_a_real_post_with_a_sentence_quoting_a_marker_keeps_all_after_it(tmp_path):
    """The G.O.S.S.I.P fragment (7 images, a DOI near its end) with a sentence a post might
    write put after its first paragraph: the record keeps every image, the DOI and the
    sentence itself."""
    source = sorted((WECHAT / "html-fragment").iterdir())[0]
    html = source.read_text(encoding="utf-8")
    first = html.index("</p>") + len("</p>")
    edited = tmp_path / source.name
    edited.write_text(html[:first] + "\n<p>如果你也喜欢作者的这类对比研究，欢迎转发。</p>\n"
                      + html[first:], encoding="utf-8")
    original, quoting = clean(read(source)), clean(read(edited))
    assert sum(b.type == "image" for b in original.blocks) == 7
    assert sum(b.type == "image" for b in quoting.blocks) == 7
    assert quoting.dois == original.dois == ("10.1145/3395363.3397370",)
    assert "如果你也喜欢作者的这类对比研究，欢迎转发。" in quoting.text
    assert quoting.text.replace("如果你也喜欢作者的这类对比研究，欢迎转发。\n\n", "") \
        == original.text


def test_cut_chrome_tail_marker_can_be_an_image_alt_text():
    refs = [ImageRef(original="/images/1935/5.jpeg"), ImageRef(original="", alt="赞赏二维码")]
    blocks = [p(DISCLAIMER_464), img(0), img(1, "赞赏二维码"), p("长按二维码向我转账")]
    assert cut_chrome_tail(blocks, refs) == [p(DISCLAIMER_464), img(0)]


def test_cut_chrome_tail_takes_at_most_three_lead_in_blocks():
    blocks = [p("添加 “国小政”微信"), p("获取最新资讯"), p("国政学人"), p("支持学术公益与知识传播"),
              p("微信扫一扫赞赏作者 __赞赏")]
    assert cut_chrome_tail(blocks, []) == [p("添加 “国小政”微信")]


def test_cut_chrome_tail_lead_in_stops_at_a_long_paragraph():
    blocks = [p(BODY_464 * 2), p("国政学人"), p("长按二维码向我转账")]
    assert cut_chrome_tail(blocks, []) == [p(BODY_464 * 2)]


def test_cut_chrome_tail_lead_in_stops_at_an_image_that_has_a_source():
    refs = [ImageRef(original="/images/1935/8.gif")]
    blocks = [p(DISCLAIMER_464), img(0), p("国政学人"), p("微信扫一扫赞赏作者 __赞赏")]
    assert cut_chrome_tail(blocks, refs) == [p(DISCLAIMER_464), img(0)]


def test_cut_chrome_tail_lead_in_stops_at_a_multi_line_block():
    blocks = [p("国政学人\n支持学术公益与知识传播"), p("长按二维码向我转账")]
    assert cut_chrome_tail(blocks, []) == [p("国政学人\n支持学术公益与知识传播")]


def test_cut_chrome_tail_leaves_a_post_without_markers_alone():
    blocks = [p(BODY_464), p("国政学人"), p(DISCLAIMER_464)]
    assert cut_chrome_tail(blocks, []) == blocks


def test_cut_chrome_tail_cuts_everything_when_the_first_block_is_a_marker():
    assert cut_chrome_tail([p("长按二维码向我转账"), p(BODY_464)], []) == []


def test_a_marker_on_a_line_of_its_own_starts_the_footer_the_steps_cut(tmp_path):
    """A clipping tool writes the page's footer after the post: 预览时标签不可点 on a line of
    its own, the account's QR code, 微信扫一扫 / 使用小程序, 取消 / 允许. The marker is also a
    widget label the steps drop: the footer is cut from it first, not left without it."""
    refs = [ImageRef(original="images/qr.png")]
    blocks = [p("正文一段。"), p("预览时标签不可点"), img(0), p("国政学人"),
              p("微信扫一扫\n使用小程序"), p("取消 允许")]
    for step in STEPS:
        blocks = step(blocks, refs)
    assert blocks == [p("正文一段。")]


def test_a_marker_quoted_alone_in_a_post_that_goes_on_is_only_dropped():
    """A post about WeChat's page quotes 预览时标签不可点 on a line of its own, then goes on:
    the label is dropped as a widget's, the post after it kept."""
    paragraph = "，".join([BODY_464] * 3) + "。"  # a paragraph, not a footer's line
    blocks = [p("正文一段。"), p("预览时标签不可点"), p(paragraph), p("作者：张三")]
    for step in STEPS:
        blocks = step(blocks, [])
    assert blocks == [p("正文一段。"), p(paragraph), p("作者：张三")]


def test_the_reward_widgets_lead_in_never_takes_a_line_that_credits_someone():
    """The avatar, the account's name and its slogan open the reward widget; an account
    without a slogan has the post's own credits just before it, and they are the post's."""
    refs = [ImageRef(original="")]
    blocks = [p(BODY_464), p("编辑：张三"), p("责编：王五"), img(0), p("国政学人"),
              p("微信扫一扫赞赏作者 __赞赏")]
    assert cut_chrome_tail(blocks, refs) == blocks[:3]


def test_a_marker_that_is_no_reward_widgets_takes_no_lead_in():
    """继续滑动看下一个 follows the post itself: the short lines before it are the post's."""
    blocks = [p(BODY_464), p("图片来源：网络"), p("完"), p("继续滑动看下一个"), p("轻触阅读原文")]
    assert cut_chrome_tail(blocks, []) == blocks[:3]


# --- drop_markup_residue ----------------------------------------------------------------------

@pytest.mark.parametrize("residue", [
    "**\n**",  # what ' **  \n**' renders to in 国政学人第464期
    "------", "**", "__", "> >", "---\n***", "[](javascript:;)",
])
def test_drop_markup_residue_drops_blocks_of_markdown_punctuation_only(residue):
    blocks = [p(BODY_464), p(residue), p(DISCLAIMER_464)]
    assert texts(drop_markup_residue(blocks, [])) == [BODY_464, DISCLAIMER_464]


def test_drop_markup_residue_unwraps_javascript_links_to_their_text():
    blocks = [p("已喜欢，[对作者说句悄悄话](javascript:;)"), p("上一页 [1](javascript:;)/3 下一页")]
    assert texts(drop_markup_residue(blocks, [])) == ["已喜欢，对作者说句悄悄话",
                                                      "上一页 1/3 下一页"]


def test_drop_markup_residue_unwraps_a_javascript_link_whose_call_has_brackets():
    """Obsidian's Web Clipper escapes the brackets of ``javascript:void(0);``: the whole
    link is unwrapped, no ``;)`` left behind."""
    blocks = [p("[国政学人](javascript:void(0);) 关注")]
    assert texts(drop_markup_residue(blocks, [])) == ["国政学人 关注"]


def test_drop_markup_residue_keeps_block_type_and_heading_level_when_rewriting():
    blocks = [Block(type="heading", text="[发送给作者](javascript:;)", level=4)]
    assert drop_markup_residue(blocks, []) == [Block(type="heading", text="发送给作者", level=4)]


@pytest.mark.parametrize("line", ["∽∽∽", "取消 __", "3985.88点突破则上", "a * b = c"])
def test_drop_markup_residue_keeps_text_with_words_or_other_symbols(line):
    blocks = [p(line)]
    assert drop_markup_residue(blocks, []) == blocks


def test_drop_markup_residue_keeps_images_and_ordinary_links():
    refs = [ImageRef(original="")]
    blocks = [img(0), p("[原文链接](https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw)")]
    assert drop_markup_residue(blocks, refs) == blocks


# --- drop_exporter_wrapper --------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "本文抓取时间: 2026-03-28 15:09:48",  # mufeng exports (html and md)
    "本文抓取时间：2026-03-28 15:09:12",
    "本文抓取时间 : 2026-03-28 15:09:12",
])
def test_drop_exporter_wrapper_drops_the_fetch_time_footer(line):
    blocks = [p(BODY_464), p(line)]
    assert texts(drop_exporter_wrapper(blocks, [])) == [BODY_464]


def test_drop_exporter_wrapper_keeps_a_sentence_that_mentions_the_fetch_time_later_on():
    blocks = [p("注：本文抓取时间: 2026-03-28 15:09:48"), p("本文抓取时间")]
    assert drop_exporter_wrapper(blocks, []) == blocks


def test_drop_exporter_wrapper_keeps_images():
    blocks = [img(0, "本文抓取时间: 2026-03-28 15:09:48")]
    assert drop_exporter_wrapper(blocks, [ImageRef(original="x.png")]) == blocks


# --- the step list ----------------------------------------------------------------------------

def test_steps_run_in_the_documented_order():
    assert [s.__name__ for s in STEPS] == [
        "cut_chrome_tail", "drop_chrome_lines", "drop_markup_residue", "drop_exporter_wrapper"]


def test_clean_records_every_step_it_applied_in_order():
    cleaned = clean(read(GUOZHENG))
    assert cleaned.steps[0].startswith("parse_body")
    assert [said.split(":")[0] for said in cleaned.steps[1:]] == [s.__name__ for s in STEPS]


def test_each_step_recorded_says_what_it_removed_from_the_real_export():
    """The provenance says what each step took, not only that it ran: on the 国政学人 export,
    the reward widget and its QR prompt, the 收录于合集 label, and Markdown's emphasis marks
    left alone on their lines; a step that took nothing says so."""
    said = dict(step.split(": ", 1) for step in clean(read(GUOZHENG)).steps[1:])
    tail = said["cut_chrome_tail"]
    assert re.match(r"\d+ block\(s\) removed, 3 of them image\(s\): ", tail), tail
    assert "(+" in tail and "more)" in tail  # the first few named, the rest counted
    assert said["drop_chrome_lines"] == "1 block(s) removed: 收录于合集"
    assert said["drop_markup_residue"] == "3 block(s) removed: ** ** | ** ** | ** **"
    assert said["drop_exporter_wrapper"] == "nothing removed"


def test_a_step_said_names_the_blocks_gone_in_order_or_counts_the_rewritten():
    from archiver.clean import step_said
    kept, gone = p("正文。"), p("长按二维码关注我们，获取更多精彩内容和学术资讯，欢迎转发分享吧！")
    assert step_said("s", [kept], [kept]) == "s: nothing removed"
    assert step_said("s", [kept, gone, img(0)], [kept]) == \
        f"s: 2 block(s) removed, 1 of them image(s): {gone.text[:29]}… | [image]"  # 30 shown
    many = [p(f"第{n}行") for n in range(8)]
    assert step_said("s", many, []) == \
        "s: 8 block(s) removed: 第0行 | 第1行 | 第2行 | 第3行 | 第4行 | 第5行 (+2 more)"
    rewritten = p("对作者说句悄悄话")
    assert step_said("s", [kept, gone, p("[对作者说句悄悄话](javascript:;)")],
                     [kept, rewritten]) == "s: 1 block(s) removed, 1 rewritten"
    assert step_said("s", [p("a\n  b")], []) == "s: 1 block(s) removed: a b"


def test_steps_on_the_real_export_remove_exactly_its_chrome():
    """All four steps on the parsed 国政学人第464期 export: chrome gone, body kept."""
    raw = read(GUOZHENG)
    blocks, images, _ = parse_body(raw.body_markup)
    removed: dict[str, list[str]] = {}
    for step in STEPS:
        after = step(blocks, images)
        removed[step.__name__] = [b.text for b in blocks if b not in after]
        blocks = after
    assert removed["drop_chrome_lines"] == ["收录于合集"]
    assert "长按二维码向我转账" in removed["cut_chrome_tail"]
    assert removed["drop_markup_residue"] == ["**\n**"] * 3
    text = blocks_text(blocks)
    assert BODY_464 in text and DISCLAIMER_464 in text
    for chrome in ("收录于合集", "微信扫一扫赞赏作者", "长按二维码向我转账", "受苹果公司新规定影响",
                   "最多40字", "javascript:"):
        assert chrome not in text


# --- parse_body: blocks -----------------------------------------------------------------------

def test_parse_body_makes_one_paragraph_per_block_element_with_real_body_text():
    html = ("<div><p>原以为下午2点之前或左右一根大阳线拔起</p>"
            "<section><span>3985.88点突破则上</span></section><p>∽∽∽</p></div>")
    blocks, images, links = parse_body(html)
    assert blocks == [p("原以为下午2点之前或左右一根大阳线拔起"), p("3985.88点突破则上"), p("∽∽∽")]
    assert images == [] and links == []


def test_parse_body_types_headings_lists_quotes_code_and_captions():
    html = ("<h2>单细胞及单核细胞 RNA 测序总结</h2>"
            "<ul><li>一、背景介绍</li><li>二、方法比较</li></ul>"
            "<blockquote><p>本次分享的文献是一篇2024年5月份发表在Nature上的单细胞转录组数据分析</p>"
            "</blockquote>"
            "<pre><code>library(Seurat)</code></pre>"
            "<figure><img src='a.png'><figcaption>图1 方法比较</figcaption></figure>")
    blocks, images, _ = parse_body(html)
    assert [(b.type, b.text) for b in blocks] == [
        ("heading", "单细胞及单核细胞 RNA 测序总结"),
        ("list", "一、背景介绍\n二、方法比较"),
        ("quote", "本次分享的文献是一篇2024年5月份发表在Nature上的单细胞转录组数据分析"),
        ("code", "library(Seurat)"),
        ("image", ""),
        ("caption", "图1 方法比较"),
    ]
    assert blocks[0].level == 2
    assert blocks[1].items == ("一、背景介绍", "二、方法比较")
    assert blocks[4].image == 0 and images[0].original == "a.png"


def test_parse_body_keeps_an_image_inside_a_list_item_as_its_own_block_in_place():
    blocks, images, _ = parse_body("<ol><li>一</li><li>二<img src='b.png'></li><li>三</li></ol>")
    assert [(b.type, b.text) for b in blocks] == [("list", "一\n二"), ("image", ""),
                                                  ("list", "三")]
    assert images == [ImageRef(original="b.png")]


def test_parse_body_gives_each_link_to_the_block_and_list_item_it_is_in():
    """A reference whose DOI is only a link is bound to it by where the link is: the block,
    and in a list the item (counted in the block, which an image may have cut)."""
    blocks, _, links = parse_body(
        "<p><a href='https://doi.org/10.1/opening'>A linked title</a>, then its text.</p>"
        "<p>A figure linked: <a href='https://doi.org/10.1/figure'><img src='f.png'></a></p>"
        "<ol><li>First <a href='https://doi.org/10.1/first'>DOI</a></li><li>Second</li>"
        "<li>Third<img src='b.png'></li><li>Fourth <a href='https://doi.org/10.1/fourth'>DOI</a>"
        "</li></ol><table><tr><td><a href='https://doi.org/10.1/cell'>cell</a></td></tr></table>")
    assert [(b.type, b.links) for b in blocks] == [
        ("paragraph", ((None, "https://doi.org/10.1/opening", "A linked title", 0, 14),)),
        ("paragraph", ()), ("image", ()),  # a linked figure's link is no reference's
        ("list", ((0, "https://doi.org/10.1/first", "DOI", 6, 9),)), ("image", ()),
        ("list", ((0, "https://doi.org/10.1/fourth", "DOI", 7, 10),)),
        ("table", ((None, "https://doi.org/10.1/cell", "cell", 0, 4),))]
    assert links == ["https://doi.org/10.1/opening", "https://doi.org/10.1/figure",
                     "https://doi.org/10.1/first", "https://doi.org/10.1/fourth",
                     "https://doi.org/10.1/cell"]


def test_a_link_around_text_and_an_image_is_the_texts():
    """("Full text" and a PDF icon in one link, after a reference.)"""
    blocks, _, _ = parse_body("<p>Smith J. Title. <a href='https://doi.org/10.1/x'>Full text "
                              "<img src='pdf.png'></a></p>")
    assert [(b.type, b.links) for b in blocks] == [
        ("paragraph", ((None, "https://doi.org/10.1/x", "Full text", 16, 25),)), ("image", ())]


@pytest.mark.parametrize("icon", [
    "<img data-w='20' _width='20px' src='i.png'>",  # WeChat's editor (经济学博士's post)
    "<img width='16' src='i.png'>",
    "<img style='vertical-align: middle; width: 18px' src='i.png'>"])
def test_an_icon_inside_a_line_follows_its_line_and_does_not_cut_it(icon):
    """A 20-pixel picture in the middle of a sentence is drawn as a character is: the
    sentence is one block, and the icon's image block follows it."""
    blocks, images, _ = parse_body(f"<p>（已加好友的老铁请勿重复添加哦{icon}）</p><p>下一段</p>")
    assert blocks == [p("（已加好友的老铁请勿重复添加哦）"), img(0), p("下一段")]
    assert [i.original for i in images] == ["i.png"]


@pytest.mark.parametrize("markup", [
    "<p>前文<img data-w='640' src='a.png'>后文</p>",  # a picture of its own
    "<p>前文<img src='a.png'>后文</p>",  # a width not given: a picture, as ever
])
def test_a_picture_inside_a_line_still_ends_it(markup):
    blocks, _, _ = parse_body(markup)
    assert blocks == [p("前文"), img(0), p("后文")]


def test_an_icon_opening_a_line_comes_before_it():
    blocks, _, _ = parse_body("<p><img data-w='20' src='i.png'>注意：正文</p>")
    assert blocks == [img(0), p("注意：正文")]


def test_the_reprints_sentence_with_an_icon_in_it_is_one_paragraph():
    record = clean(read(WECHAT / "html" / (
        "wechatscope__gh_e1a04d0a7b17_2020-10-08_2650158082_jFCKsxAIQY.y.tar.gz.html")))
    assert "（已加好友的老铁请勿重复添加哦）" in record.text
    assert record.blocks[-1].type == "image"


def test_the_paragraphs_of_one_quotation_are_one_quote_block():
    """白话孟德尔随机化 quotes two questions in one <blockquote>: one quotation of two lines,
    as a reader sees it (it was two quotes). Two quotations written one after the other stay
    two; a list inside one stands between its paragraphs."""
    first, second = "孟德尔随机化，跟RCT有什么关系呢？", "哪个证据等级更高呢？"
    blocks, _, _ = parse_body(f"<blockquote><p>{first}</p><p>{second}</p></blockquote>"
                              "<blockquote><p>另一段引文</p></blockquote>")
    assert blocks == [Block(type="quote", text=f"{first}\n{second}"),
                      Block(type="quote", text="另一段引文")]
    blocks, _, _ = parse_body("<blockquote><p>联系我们</p><ol><li>QQ</li></ol><p>关注我们</p>"
                              "<p>谢谢</p></blockquote>")
    assert [(b.type, b.text) for b in blocks] == [("quote", "联系我们"), ("list", "QQ"),
                                                  ("quote", "关注我们\n谢谢")]


@pytest.mark.parametrize(("markup", "text", "links"), [
    # a linked figure's link to the same address as the text's: the text's link stays
    ('<p>Read <a href="https://doi.org/10.1/p">the paper</a>: '
     '<a href="https://doi.org/10.1/p"><img src="x.png"></a></p>',
     "Read the paper:", [("https://doi.org/10.1/p", "the paper")]),
    # a link across a line break, then another: each where it is
    ('<p>A <a href="https://e.org/1">first<br>line</a> then <a href="https://e.org/2">second'
     '</a>.</p>', "A first\nline then second.",
     [("https://e.org/1", "first\nline"), ("https://e.org/2", "second")]),
    # the same word before the link: the link is the one linked
    ('<p>The DOI is below. See <a href="https://doi.org/10.1/x">DOI</a></p>',
     "The DOI is below. See DOI", [("https://doi.org/10.1/x", "DOI")]),
    # a link opening with an icon, at a line's start: the picture before, the link kept
    ('<p><a href="https://e.org/8"><img width="20" src="e.png">Linked title</a></p>',
     "Linked title", [("https://e.org/8", "Linked title")]),
    # spaces at the link's edges are the text's, not the link's
    ('<p>see<a href="https://e.org/3"> the source </a>here</p>', "see the source here",
     [("https://e.org/3", "the source")]),
])
def test_a_link_is_placed_where_its_text_is(markup, text, links):
    """A link is its target and the characters of the block it covers (``start``, ``end``),
    so that it is shown where the post has it, whatever else the block holds."""
    blocks, _, _ = parse_body(markup)
    [block] = [b for b in blocks if b.type != "image"]
    assert block.text == text
    assert [(href, block.text[first:last]) for _, href, shown, first, last in block.links
            if shown == block.text[first:last]] == links


def linked(markup: str) -> list[tuple[str, str]]:
    """Each link of the cleaned body as (its text, as its place in its block or item reads,
    its target), after checking that its place reads its text."""
    blocks, images, _ = parse_body(markup)
    for step in STEPS:
        blocks = step(blocks, images)
    out = []
    for block in blocks:
        for item, href, shown, first, last in block.links:
            where = block.text if item is None else block.items[item]
            assert where[first:last] == shown, (where, first, last, shown)
            out.append((shown, href))
    return out


@pytest.mark.parametrize(("markup", "links"), [
    # a link in a list inside a list item, or in a list inside a table's cell
    ("<ul><li>a<ul><li>b</li><li><a href='u'>c</a></li></ul></li></ul>", [("c", "u")]),
    ("<table><tr><td><ul><li>one</li><li><a href='u'>two</a></li></ul></td></tr></table>",
     [("two", "u")]),
    # white space before the block or the picture a link opens with
    ("<a href='u'>\n  <p>Read the paper</p>\n</a>", [("Read the paper", "u")]),
    ("<a href='u'>\n<img src='big.png'>\n See the paper</a>", [("See the paper", "u")]),
    # a link around two paragraphs of a quotation, or around a list or a table
    ("<blockquote><a href='u'><p>第一段</p><p>第二段</p></a></blockquote>",
     [("第一段", "u"), ("第二段", "u")]),
    ("<a href='u'><ul><li>A</li><li>B</li></ul></a>", [("A", "u"), ("B", "u")]),
    ("<a href='u'><div><table><tr><td>cell</td></tr></table></div></a>", [("cell", "u")]),
    # script links written back as text, beside real links: in a list item, around one
    ("<ul><li>one</li><li>[x](javascript:;) and <a href='http://u.com/2'>two</a></li></ul>",
     [("two", "http://u.com/2")]),
    ("<p><a href='http://u.com'>[x](javascript:;) more</a></p>", [("x more", "http://u.com")]),
    ("<p>[x](java<a href='http://u.com'>script:;) tail</a></p>", [("tail", "http://u.com")]),
])
def test_each_link_is_where_its_text_is_in_its_block_or_item(markup, links):
    assert linked(markup) == links


@pytest.mark.parametrize(("markup", "links"), [
    # found by a random walk: it raised ValueError (the links cover no text)
    (">x<a href='u'><b><a href='u'><a><p>", []),
    ("<p><a href='u'><b><a href='u'>x</a></b></a></p>", [("x", "u")]),
    ("<table><tr><td><a href='u'><b><a href='u'>x</b></td></tr></table>", [("x", "u")])])
def test_a_link_inside_a_link_to_the_same_address_is_walked_and_kept_once(markup, links):
    """Two links being walked to one address may start at one place: each is taken off
    the walk as itself (the first equal one was, and the walk then failed), and the text they
    both cover is one link."""
    blocks, _, _ = parse_body(markup)
    assert [(shown, href) for b in blocks for _, href, shown, _, _ in b.links] == links


def test_icons_cut_no_quotation_and_no_list():
    """An icon in a quotation's paragraph or a list's item follows the quotation or the
    list: the quotation stays one block, the list one list."""
    blocks, _, _ = parse_body("<blockquote><p>one <img width='20' src='a.png'></p>"
                              "<p>two</p></blockquote>"
                              "<ul><li>第一项<img width='20' src='b.png'></li><li>第二项</li></ul>")
    assert [(b.type, b.text) for b in blocks] == [("quote", "one\ntwo"), ("image", ""),
                                                  ("list", "第一项\n第二项"), ("image", "")]


def test_an_icon_opening_a_line_after_a_line_break_comes_before_the_rest():
    blocks, _, _ = parse_body("<p>第一行<br><img data-w='20' src='i.png'>第二行</p>")
    assert blocks == [p("第一行"), img(0), p("第二行")]


def test_parse_body_br_is_a_line_break_inside_the_block():
    blocks, _, _ = parse_body("<p>昨天本号新增关注3,000多人，相当部分是业内。<br/>以上。<br/></p>")
    assert blocks == [p("昨天本号新增关注3,000多人，相当部分是业内。\n以上。")]


def test_parse_body_drops_empty_paragraphs():
    blocks, _, _ = parse_body("<p><br/></p><p> </p><p>以上。<br/></p><p><span></span></p>")
    assert blocks == [p("以上。")]


def test_parse_body_makes_one_table_block_per_row_with_tab_separated_cells():
    # the first two rows of the table in the YuLab JC post, as the export has them
    source = YULAB.read_text(encoding="utf-8")
    table = re.search(r"<table.*?</table>", source, re.S).group(0)
    blocks, _, _ = parse_body(table)
    rows = [b.text for b in blocks if b.type == "table"]
    assert rows[:2] == ["Method\tCost/cell\t# Cells\tTime (hours)",
                        "Smart-seq2\t$10.59\t384\t25.67"]


def test_parse_body_code_keeps_its_indentation():
    html = "<pre><code>for (i in 1:3) {\n    print(i)\n}\n</code></pre>"
    blocks, _, _ = parse_body(html)
    assert blocks == [Block(type="code", text="for (i in 1:3) {\n    print(i)\n}")]


def test_two_tables_one_after_the_other_stay_two_and_a_header_row_is_said():
    """A table is a block a row: each row says its place in its table, so that a table right
    after another (nothing between them) begins again at row 0; a row of ``<th>`` cells, or
    one in ``<thead>``, is the table's header, which its markup alone said."""
    blocks, _, _ = parse_body(
        "<table><tr><th>方法</th><th>成本</th></tr><tr><td>Smart-seq2</td><td>$10.59</td></tr>"
        "</table><table><thead><tr><td>年份</td></tr></thead><tbody><tr><td>2020</td></tr>"
        "<tr><td>2021</td></tr></tbody></table>")
    assert [b.to_json() for b in blocks] == [
        {"type": "table", "text": "方法\t成本", "row": 0, "header": True},
        {"type": "table", "text": "Smart-seq2\t$10.59", "row": 1},
        {"type": "table", "text": "年份", "row": 0, "header": True},
        {"type": "table", "text": "2020", "row": 1},
        {"type": "table", "text": "2021", "row": 2}]


def test_a_row_of_both_kinds_of_cell_is_no_header_and_an_empty_row_takes_no_place():
    """A row whose first cell alone is ``<th>`` (a label down the side) is a body row; a row
    with no text gives no block and no number, so that the rows given stay 0, 1, 2…"""
    blocks, _, _ = parse_body("<table><tr><th>甲</th><td>1</td></tr><tr><td> </td></tr>"
                              "<tr><th>乙</th><td>2</td></tr></table>")
    assert [b.to_json() for b in blocks] == [
        {"type": "table", "text": "甲\t1", "row": 0},
        {"type": "table", "text": "乙\t2", "row": 1}]


def test_a_table_inside_a_cell_is_that_cells_text_and_the_outer_rows_count_on():
    blocks, _, _ = parse_body("<table><tr><td>外</td></tr><tr><td><table><tr><td>内1</td></tr>"
                              "<tr><td>内2</td></tr></table></td></tr><tr><td>末</td></tr></table>")
    assert [(b.text, b.row) for b in blocks] == [("外", 0), ("内1 内2", 1), ("末", 2)]


@pytest.mark.parametrize(("markup", "language"), [
    ('<pre data-lang="python"><code>print(1)</code></pre>', "python"),  # WeChat's editor
    ('<pre><code class="language-r">print(1)</code></pre>', "r"),  # a Markdown fence's
    ('<pre class="lang-sql">select 1</pre>', "sql"),
    ('<pre><code class="language-c++">int x;</code></pre>', "c++"),
    ('<pre><code class="hljs">print(1)</code></pre>', None),  # a class naming no language
    ('<pre lang="en">print(1)</pre>', None),  # HTML's lang names a natural language
    ('<pre data-lang="two words">x</pre>', None),  # no language's name
    ('<pre data-lang="\x1b]0;title\x07">x</pre>', None),  # nor a terminal's escape
])
def test_a_code_block_keeps_the_language_its_markup_names(markup, language):
    blocks, _, _ = parse_body(markup)
    assert [b.type for b in blocks] == ["code"]
    assert blocks[0].language == language
    assert blocks[0].to_json().get("language") == language


# --- parse_body: images -----------------------------------------------------------------------

def test_parse_body_takes_a_lazy_image_from_data_src():
    # an <img> of the 2025 page: data-src only, no src
    tag = ('<img data-ratio="0.6238095238095238" data-src="https://mmbiz.qpic.cn/mmbiz_jpg/'
           '7WHLfokF8e1ZaWgJvKG61YFxoAJFIRQ2yyqbBraWAxLmMQlsUL1SUnvSEAmxQOlcNUZL31xkrj8JxHmCFySibQg'
           '/640?wx_fmt=jpeg" data-type="jpg" data-w="1260">')
    assert tag in PAGE_2025.read_text(encoding="utf-8")
    blocks, images, _ = parse_body(f"<p>{tag}</p>")
    assert blocks == [img(0)]
    assert images[0].original.startswith("https://mmbiz.qpic.cn/mmbiz_jpg/7WHLfokF8e1")
    assert images[0].original.endswith("/640?wx_fmt=jpeg")
    assert images[0].width_hint == 1260


def test_parse_body_prefers_data_src_over_a_small_placeholder_src():
    html = ('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
            'data-src="https://mmbiz.qpic.cn/mmbiz_png/x/640?wx_fmt=png">')
    _, images, _ = parse_body(html)
    assert images[0].original == "https://mmbiz.qpic.cn/mmbiz_png/x/640?wx_fmt=png"


def test_parse_body_prefers_an_inlined_data_uri_a_saved_page_wrote_into_src():
    # 2020 pages saved with images inlined: data-src="" and the JPEG in src
    page = PAGE_2020.read_text(encoding="utf-8")
    tag = re.search(r'<img[^>]*data-src=""[^>]*src="data:image/jpeg;base64,[^"]+"[^>]*>',
                    page).group(0)
    _, images, _ = parse_body(tag)
    assert images[0].original.startswith("data:image/jpeg;base64,/9j/")
    assert len(images[0].original) > 1000


def test_parse_body_prefers_a_local_file_a_saved_page_wrote_into_src():
    page = OLD_TIMES_HTML.read_text(encoding="utf-8")
    tag = re.search(r'<img[^>]*src="\.\./images/[^"]+"[^>]*>', page).group(0)
    _, images, _ = parse_body(tag.replace("<img ", '<img data-src="https://mmbiz.qpic.cn/x" '))
    assert images[0].original == "../images/2021-07-07_送别一个旧时代/img_002.jpg"
    assert images[0].width_hint == 20


def test_parse_body_keeps_images_in_document_order_with_alt_text():
    html = "<p>a<img src='1.png' alt='图一'>b</p><p><img src='2.png'></p>"
    blocks, images, _ = parse_body(html)
    assert [(b.type, b.text) for b in blocks] == [("paragraph", "a"), ("image", "图一"),
                                                  ("paragraph", "b"), ("image", "")]
    assert [i.original for i in images] == ["1.png", "2.png"]
    assert [b.image for b in blocks if b.type == "image"] == [0, 1]


def test_parse_body_records_an_image_without_any_source_as_an_empty_reference():
    _, images, _ = parse_body("<img alt='赞赏二维码'>")
    assert images == [ImageRef(original="", alt="赞赏二维码")]


# --- parse_body: whitespace -------------------------------------------------------------------

def test_line_break_between_cjk_characters_disappears():
    # Markdown exports wrap Chinese text; a browser joins it without a space
    blocks, _, _ = parse_body("<p>忽略文化历史背景忽略了当地人心理文化上\n"
                              "可能影响外交政策的因素</p>")
    assert blocks == [p("忽略文化历史背景忽略了当地人心理文化上可能影响外交政策的因素")]


def test_line_break_between_latin_and_cjk_becomes_one_space():
    # 国政学人第464期: "【作者】 Rachel Vanderhill" then the bio on the next line
    blocks, _, _ = parse_body("<p>Rachel Vanderhill\n沃尔福德学院政治及国际事务部门副教授</p>")
    assert blocks == [p("Rachel Vanderhill 沃尔福德学院政治及国际事务部门副教授")]


def test_whitespace_runs_collapse_like_a_browser():
    blocks, _, _ = parse_body("<p>Sandra F.  \t Joireman\u00a0里士满大学</p>")
    assert blocks == [p("Sandra F. Joireman 里士满大学")]


def test_zero_width_characters_are_removed_and_ideographic_space_is_kept():
    assert normalise_inline("哈萨\u200b克斯坦\ufeff") == "哈萨克斯坦"
    assert normalise_inline("\u3000\u3000哈萨克斯坦") == "\u3000\u3000哈萨克斯坦"


# the break and the white space around it a browser collapses (not a no-break, an em or an
# ideographic space after it, which it shows)
_CJK_BREAK = re.compile(rf"(?<=[{body_mod._CJK}])[ \t]*\n[ \t\n\r\f\v]*(?=[{body_mod._CJK}])")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b.", "哈", "萨", " ", "  ", "\t", "\n", "\r", "\xa0",
                                 "\u3000", "\u200b", "\ufeff", "\u00ad", "\f", "\v", "\x85"]),
                max_size=12).map("".join))
def test_inline_text_is_normalised_as_written_in_the_rules_whatever_its_characters(text):
    """Zero-width characters go, a line break between two CJK characters goes, and every run
    of ASCII white space and no-break spaces becomes one space (U+3000 and NEL stay). The
    usual text (printable, no double space) takes a shortcut: it must agree."""
    expected = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    expected = _CJK_BREAK.sub("", expected)
    expected = re.sub("[ \t\r\n\f\v\u00a0]+", " ", expected)
    assert normalise_inline(text) == expected


def test_a_line_break_between_cjk_characters_goes_across_elements_too():
    """A Markdown export wraps 中文[链接](u) / 继续 over two lines: the break between 接 and
    继 is no space, as within one element; a space after a space, in two elements, is one."""
    blocks, _, _ = parse_body("<p>中文<a href='u'>链接</a>\n继续，<b>粗体</b>\n结束</p>"
                              "<p>a <a href='v'> text</a> b</p>")
    assert [b.text for b in blocks] == ["中文链接继续，粗体结束", "a text b"]
    assert [b.links for b in blocks] == [((None, "u", "链接", 2, 4),),
                                         ((None, "v", "text", 2, 6),)]


@pytest.mark.parametrize(("markup", "text"), [
    ("<p>中\n<b>\u3000文</b></p>", "中\u3000文"),  # a space a browser shows stays
    ("<p>哈\n<b>\u2003哈</b></p>", "哈 \u2003哈"),  # (an em space is no CJK character)
    ("<p>中<b>\n</b>\xa0文</p>", "中 文"),  # (a no-break space is a space)
    ("<p>中\n\u3000\u3000文</p>", "中\u3000\u3000文"),  # in one node too
    ("<p>中文 <img width='20' src='e.png'>\n继续</p>", "中文 继续"),  # an icon between
    ("<p>中\n<input>\n文</p>", "中 文"),  # a box a browser draws between
])
def test_only_a_break_between_two_cjk_characters_goes(markup, text):
    blocks, _, _ = parse_body(markup)
    assert [b.text for b in blocks if b.type != "image"] == [text]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b.", "哈", "。", " ", "\t", "\n", "\r", "\f", "\xa0",
                                 "\x85", "\u200b", "\ufeff", "\u3000", "\u2003"]),
                min_size=1, max_size=12).map("".join),
       st.lists(st.integers(min_value=0, max_value=12), max_size=3))
def test_text_split_by_inline_elements_reads_as_the_same_text_unsplit(text, cuts):
    """A line break between two CJK characters goes whether the characters are in one text
    node or two, around an inline element (``中文<b>粗体</b>\n继续``: 中文粗体继续), as a
    browser lays it out."""
    points = sorted({min(cut, len(text)) for cut in cuts} | {0, len(text)})
    pieces = [text[a:b] for a, b in zip(points, points[1:], strict=False)]
    split = "".join(f"<b>{piece}</b>" if n % 2 else piece for n, piece in enumerate(pieces))
    whole, _, _ = parse_body(f"<p>{text}</p>")
    parts, _, _ = parse_body(f"<p>{split}</p>")
    assert [b.text for b in parts] == [b.text for b in whole]


def test_a_run_of_spaces_in_printable_text_still_collapses():
    assert normalise_inline("Sandra F.   Joireman") == "Sandra F. Joireman"


def test_inline_elements_do_not_break_a_line():
    html = ("<p><span style='color: rgb(0, 122, 170);'><strong>1、</strong><strong>"
            "加强跨境监管合作。</strong></span>完善数据安全</p>")
    blocks, _, _ = parse_body(html)
    assert blocks == [p("1、加强跨境监管合作。完善数据安全")]


# --- parse_body: scripts, widgets, links ------------------------------------------------------

def test_scripts_styles_frames_and_comments_leave_no_text():
    html = ("<p>正文<script>var ct = \"1762243169\";</script><style>p{color:red}</style>"
            "<!-- 注释 --><noscript>请开启JavaScript</noscript></p>"
            "<iframe class='video_iframe' data-src='https://v.qq.com/x'></iframe>"
            "<mp-style-type data-value='3'></mp-style-type>")
    blocks, images, _ = parse_body(html)
    assert blocks == [p("正文")]
    assert images == []


def test_widget_buttons_and_profile_cards_leave_no_text():
    card = re.search(r"<mp-common-profile.*?</mp-common-profile>",
                     RAS.read_text(encoding="utf-8"), re.S).group(0)
    html = (f"<p>正文</p>{card}"
            '<button class="wx_expand_article_button" id="wx_expand_article_button">'
            "轻触阅读原文</button>")
    blocks, images, _ = parse_body(html)
    assert blocks == [p("正文")]
    assert images == []


def test_parse_body_collects_link_targets_in_order_unescaped():
    html = ('<p><a href="http://mp.weixin.qq.com/s?__biz=MjM5NjgyMDg4OQ==&amp;mid=2721267835'
            '&amp;idx=1">中国监管部门曾表示希望滴滴推迟美国IPO</a> '
            '<a href="https://doi.org/10.1093/ia/iiaa061">doi</a><a>no target</a></p>')
    blocks, _, links = parse_body(html)
    assert links == ["http://mp.weixin.qq.com/s?__biz=MjM5NjgyMDg4OQ==&mid=2721267835&idx=1",
                     "https://doi.org/10.1093/ia/iiaa061"]
    assert [b.text for b in blocks] == ["中国监管部门曾表示希望滴滴推迟美国IPO doino target"]
    title = "中国监管部门曾表示希望滴滴推迟美国IPO"  # 20 characters, then a space, then "doi"
    assert blocks[0].links == ((None, links[0], title, 0, 20), (None, links[1], "doi", 21, 24))
    assert blocks[0].to_json()["links"] == [
        {"text": title, "url": links[0], "start": 0, "end": 20},
        {"text": "doi", "url": links[1], "start": 21, "end": 24}]


def test_blocks_text_is_the_text_blocks_separated_by_blank_lines_without_images():
    blocks = [p("一"), img(0, "图"), Block(type="heading", text="二", level=2), p("")]
    assert blocks_text(blocks) == "一\n\n二"


@pytest.mark.parametrize("path", [PAGE_2025, PAGE_2020], ids=["2025", "2020"])
def test_parse_body_of_real_pages_yields_no_script_text(path):
    blocks, _, _ = parse_body(read(path).body_markup)
    text = blocks_text(blocks)
    assert text.strip()
    for code in ("function(", "var ", "window.", "{display"):
        assert code not in text


def test_drop_chrome_lines_drops_a_widget_label_whatever_the_whitespace_around_it():
    """A code block keeps its spaces; 阅读原文 padded by 40 of them is still the widget."""
    blocks = [Block(type="code", text=" " * 40 + "阅读原文"), Block(type="paragraph", text="正文")]
    assert [b.text for b in drop_chrome_lines(blocks, [])] == ["正文"]


def test_parse_body_reads_markup_that_opens_with_an_xml_declaration():
    """A share card's template may carry one; lxml takes no str that does."""
    blocks, _, _ = parse_body('<?xml version="1.0" encoding="utf-8"?><div><p>摘要 digest</p></div>')
    assert [b.text for b in blocks] == ["摘要 digest"]


def _nested(depth: int, inner: str) -> str:
    return "<div>" * depth + inner + "</div>" * depth


@pytest.mark.parametrize("inner", ["<img src='a.png'>", "<br>", "<noscript>x</noscript>",
                                   "<p>text</p>"])
def test_parse_body_refuses_nesting_past_the_limit_whatever_sits_at_the_bottom(inner):
    """Refusal does not depend on what the walk reads: an image, a line break or a dropped
    element one level past the limit is refused like a paragraph is; at the limit each is
    read."""
    from archiver.clean.body import MAX_DEPTH
    from archiver.errors import MalformedInput

    parse_body(_nested(MAX_DEPTH - 1, inner))  # the inner element at depth MAX_DEPTH
    with pytest.raises(MalformedInput, match="nested more than"):
        parse_body(_nested(MAX_DEPTH, inner))


def test_parse_body_refuses_deep_nesting_hidden_where_the_walk_does_not_go():
    """Inside a dropped element, a table row's stray child, or a list's non-item child."""
    from archiver.clean.body import MAX_DEPTH
    from archiver.errors import MalformedInput

    deep = _nested(MAX_DEPTH + 1, "x")
    for html in (f"<noscript>{deep}</noscript>",
                 f"<table><tr><td>a</td><span>{deep}</span></tr></table>",
                 f"<ul><li>a</li><span>{deep}</span></ul>"):
        with pytest.raises(MalformedInput, match="nested more than"):
            parse_body(html)


def test_white_space_is_squashed_as_the_regex_s_would_for_every_character():
    """Widget labels are compared without white space; str.split is the fast way, and must
    agree with the regex class \\s on every code point."""
    import sys

    from archiver.clean.steps import _squash
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    text = "a" + " x".join(every[i:i + 7] for i in range(0, len(every), 7)) + "\u3000b"
    assert _squash(text) == re.sub(r"\s+", "", text)


MENDEL = WECHAT / "markdown" / "mp_duty__白话孟德尔随机化.md"


def test_a_numbered_list_keeps_its_numbering_and_a_bulleted_one_stays_unnumbered():
    """白话孟德尔随机化 numbers the three conditions of an instrumental variable (an <ol>) and
    bullets the two reasons after them (a <ul>): a reader sees "1. 2. 3." before the first,
    drawn by the browser and in no item's text, so the block must say it is numbered."""
    post = clean(read(MENDEL))
    lists = [b.to_json() for b in post.blocks if b.type == "list"]
    assert lists[0] == {
        "type": "list", "ordered": True,
        "items": ["the variant is associated with the exposure",
                  "the variant is not associated with the outcome via a confounding pathway",
                  "the variant does not affect the outcome directly, only possibly indirectly "
                  "via the exposure."],
        "text": "the variant is associated with the exposure\n"
                "the variant is not associated with the outcome via a confounding pathway\n"
                "the variant does not affect the outcome directly, only possibly indirectly "
                "via the exposure."}
    assert "ordered" not in lists[1] and lists[1]["items"][0].startswith("不确定先有鸡还是先有蛋")


def test_a_numbered_list_keeps_its_first_number_also_past_an_image():
    """``<ol start>`` numbers from there; a list an image interrupts goes on numbering."""
    blocks, _, _ = parse_body('<ol start="3"><li>模型评价、</li><li>缺失值处理、'
                              '<img src="a.png"></li><li>样本量计算、</li></ol>')
    assert [b.to_json() for b in blocks] == [
        {"type": "list", "ordered": True, "start": 3, "items": ["模型评价、", "缺失值处理、"],
         "text": "模型评价、\n缺失值处理、"},
        {"type": "image", "image": 0},
        {"type": "list", "ordered": True, "start": 5, "items": ["样本量计算、"],
         "text": "样本量计算、"}]


def test_a_list_nested_in_an_item_is_a_block_a_level_deeper_and_the_outer_list_goes_on():
    """A nested list was flattened into its item's text ("a\\nx\\ny"): the item's own words
    and the items under it could not be told apart. It is a block of its own after the
    item it is in, its ``depth`` one more, its own numbering kept; the outer list goes on
    numbering after it. The body's text is the same words in the same order."""
    blocks, _, _ = parse_body("<ol><li>遗传学<ul><li>Chiang C</li><li>Myers CL<ol start=\"3\">"
                              "<li>补充</li></ol></li></ul></li><li>方法</li></ol>")
    assert [b.to_json() for b in blocks] == [
        {"type": "list", "ordered": True, "items": ["遗传学"], "text": "遗传学"},
        {"type": "list", "items": ["Chiang C", "Myers CL"], "text": "Chiang C\nMyers CL",
         "depth": 1},
        {"type": "list", "ordered": True, "start": 3, "items": ["补充"], "text": "补充",
         "depth": 2},
        {"type": "list", "ordered": True, "start": 2, "items": ["方法"], "text": "方法"}]


def test_what_an_item_holds_after_its_nested_list_follows_that_list_at_its_depth():
    blocks, _, _ = parse_body("<ul><li>上<ul><li>中</li></ul>下<img src=\"a.png\"></li>"
                              "<li>末</li></ul>")
    assert [(b.type, b.text, b.depth) for b in blocks] == [
        ("list", "上", 0), ("list", "中", 1), ("paragraph", "下", 1), ("image", "", 0),
        ("list", "末", 0)]


def test_an_item_holding_only_a_nested_list_is_an_empty_item_that_keeps_its_number():
    """A browser numbers such an item (1.), and the next item 2.: the item is kept, empty,
    so that the numbers after it stay the post's."""
    blocks, _, _ = parse_body("<ol><li><ul><li>淘米</li></ul></li><li>煮饭</li><li>盛饭</li></ol>")
    assert [b.to_json() for b in blocks] == [
        {"type": "list", "ordered": True, "items": [""], "text": ""},
        {"type": "list", "items": ["淘米"], "text": "淘米", "depth": 1},
        {"type": "list", "ordered": True, "start": 2, "items": ["煮饭", "盛饭"],
         "text": "煮饭\n盛饭"}]


def test_an_empty_item_whose_nested_list_is_markup_residue_goes_with_it():
    """The empty item is kept for the list nested in it; when that list is dropped as
    markup residue (``**``), the item has nothing under it and goes too."""
    from archiver.clean.steps import drop_markup_residue

    blocks, images, _ = parse_body("<ol><li><ul><li>**</li></ul></li><li>x</li></ol>")
    assert [(b.type, b.text) for b in drop_markup_residue(blocks, images)] == [("list", "x")]
    blocks, images, _ = parse_body("<ol><li><ul><li>淘米</li></ul></li><li>x</li></ol>")
    assert [(b.type, b.text, b.depth) for b in drop_markup_residue(blocks, images)] == [
        ("list", "", 0), ("list", "淘米", 1), ("list", "x", 0)]


def test_an_item_with_no_text_still_takes_its_number_where_items_follow_it():
    """A browser numbers every item of an ``<ol>``: an empty one, or one holding a picture
    alone, took no number here, and every item after it was numbered one less. An empty
    item at the end (an editor's stray ``<li><br></li>``) changes no number and is left out."""
    for markup, after in [("<ol><li>甲</li><li></li><li>丙</li></ol>", []),
                          ('<ol><li>甲</li><li><img src="a.png"></li><li>丙</li></ol>', ["image"])]:
        blocks, _, _ = parse_body(markup)
        assert [b.type for b in blocks] == ["list", *after, "list"]
        assert [(blocks[0].items, blocks[0].start), (blocks[-1].items, blocks[-1].start)] == [
            (("甲",), 1), (("丙",), 3)]
    blocks, _, _ = parse_body("<ol><li>甲</li><li>乙</li><li><br></li></ol>")
    assert [(b.items, b.start) for b in blocks] == [(("甲", "乙"), 1)]


def test_icons_go_after_the_whole_list_also_past_a_nested_list():
    blocks, _, _ = parse_body('<ul><li>甲 <img width="16" src="i.png"></li><li>乙<ol start="3">'
                              "<li>丙</li></ol></li><li>丁</li></ul>")
    assert [(b.type, b.text, b.depth) for b in blocks] == [
        ("list", "甲\n乙", 0), ("list", "丙", 1), ("list", "丁", 0), ("image", "", 0)]
    blocks, _, _ = parse_body('<ol><li>甲<ul><li>乙 <img width="16" src="i.png"></li></ul></li>'
                              "<li>丙</li></ol>")  # (an icon in the nested list's item too)
    assert [(b.type, b.text, b.depth, b.start) for b in blocks] == [
        ("list", "甲", 0, 1), ("list", "乙", 1, 1), ("list", "丙", 0, 2), ("image", "", 0, 1)]


def test_a_quotations_paragraphs_are_not_joined_with_a_list_items_last_line():
    blocks, _, _ = parse_body("<blockquote><p>一</p><ul><li>a<ul><li>b</li></ul>c</li></ul>"
                              "<p>二</p></blockquote>")
    assert [(b.type, b.text, b.depth) for b in blocks] == [
        ("quote", "一", 0), ("list", "a", 0), ("list", "b", 1), ("quote", "c", 1),
        ("quote", "二", 0)]


def test_a_list_item_of_two_paragraphs_keeps_the_line_between_them():
    """In 临床预测模型经典文献合集 the last item of the first list holds a paragraph and,
    below it, the text that introduces the sixteen references: a reader sees two lines, not
    one run-on sentence."""
    post = clean(read(WECHAT / "markdown" / "mp_duty__临床预测模型经典文献合集.md"))
    items = next(b for b in post.blocks if b.type == "list").items
    assert items[6].startswith("论文写作等多个方面。\n16篇文献的详细信息如下所示，")
    assert items[5] == "数据预处理、"
