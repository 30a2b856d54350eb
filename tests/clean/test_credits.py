"""Specification of credit, column and series extraction (archiver/clean/credits.py).

A post's credits are ``{role: [names]}``: the role as the post writes it (作者, 编译, 校对, 审核,
排版, 美编, 责任编辑 …), each name once, in order. Credit lines come in the shapes the corpus
posts use — ``【编译】 吴天麟（…）`` (国政学人), ``编辑：陈少凡`` (漳州市律师协会), ``文/海拥蓬宁``
(女律师札记), ``责任编辑 | X博士`` (经济学博士), ``本文作者丨BioTalker`` (奇点肿瘤探秘), and
without a separator ``澎湃新闻资深记者 何念台`` / ``本期编辑 邢潭`` (澎湃新闻). A 【作者】 block
may list several people, each name followed by a biography. A value that reads like a citation
is not a name. The title gives the column (【中亚研究】) and the series number (第464期).
"""

from __future__ import annotations

import pytest

from archiver.clean import clean
from archiver.clean.credits import (
    byline_author,
    column_and_series,
    extract_credits,
    parse_credit_line,
)
from archiver.readers import read

from conftest import WECHAT, labels

TITLE_464 = ("【中亚研究】龙与熊之间：中等强国外交的典范——哈萨克斯坦多元平衡外交战略"
             "｜国政学人第464期")

# The credit block of 国政学人第464期 as cleaning hands it over (one line per paragraph).
AUTHORS_464 = [
    "【作者】 Rachel Vanderhill 沃尔福德学院政治及国际事务部门副教授，"
    "主要研究威权主义政体以及前苏联加盟共和国国家的内部政治和外交政策。",
    "Sandra F. Joireman 里士满大学政治科学教授、副教务长、温斯坦国际研究主任，"
    "主要研究比较政治经济。",
    "Roza Tulepbayeva 是一位从事国际商务、国际贸易的哈萨克斯坦裔专业人士。",
    "【编译】 吴天麟（国政学人编译员，伦敦政治经济学院）",
    "【校对】 贺凡熙",
    "【审核】 刘潇昱",
    "【排版】 高佳美",
    "【美编】 黄竹音",
    "【来源】 Vanderhill, Joireman, et al. “Between the bear and the dragon: Multivectorism in "
    "Kazakhstan as a model strategy for secondary powers”. International Affairs ,vol.96, no.4, "
    "Jul. 2020, pp. 975-993, https://doi.org/10.1093/ia/iiaa061.",
]


# --- one line ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("【编译】 吴天麟（国政学人编译员，伦敦政治经济学院）", ("编译", ["吴天麟"])),
    ("【校对】 贺凡熙", ("校对", ["贺凡熙"])),
    ("【审核】 刘潇昱", ("审核", ["刘潇昱"])),
    ("【排版】 高佳美", ("排版", ["高佳美"])),
    ("【美编】 黄竹音", ("美编", ["黄竹音"])),
    ("编辑：陈少凡", ("编辑", ["陈少凡"])),
    ("审核：邓莹莹", ("审核", ["邓莹莹"])),
    ("来源：漳州市律协秘书处", ("来源", ["漳州市律协秘书处"])),
    ("文/海拥蓬宁", ("文", ["海拥蓬宁"])),
    ("转自：寻梦桑源", ("转自", ["寻梦桑源"])),
    ("责任编辑 | X博士", ("责任编辑", ["X博士"])),
    ("本文作者丨BioTalker", ("本文作者", ["BioTalker"])),
])
def test_a_credit_line_of_a_corpus_post_gives_its_role_and_name(line, expected):
    assert parse_credit_line(line) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("澎湃新闻资深记者 何念台", ("记者", ["何念台"])),
    ("本期编辑 邢潭", ("编辑", ["邢潭"])),
])
def test_without_a_separator_the_qualifier_before_the_role_word_is_dropped(line, expected):
    assert parse_credit_line(line) == expected


def test_the_role_keeps_the_word_the_post_uses():
    assert parse_credit_line("责任编辑 | X博士")[0] == "责任编辑"
    assert parse_credit_line("责编｜X博士")[0] == "责编"
    assert parse_credit_line("本文作者丨BioTalker")[0] == "本文作者"


@pytest.mark.parametrize("line", [
    "责编｜X博士", "责编|X博士", "责编丨X博士", "责编：X博士", "责编:X博士", "责编/X博士",
    "责编／X博士", "责编 - X博士", "【责编】X博士", "【 责编 】 X博士",
])
def test_every_role_separator_is_understood(line):
    assert parse_credit_line(line) == ("责编", ["X博士"])


@pytest.mark.parametrize(("line", "names"), [
    ("编辑：陈少凡、邓莹莹", ["陈少凡", "邓莹莹"]),
    ("排版 | 高佳美，黄竹音", ["高佳美", "黄竹音"]),
    ("校对：贺凡熙, 刘潇昱", ["贺凡熙", "刘潇昱"]),
    ("校对：贺凡熙；刘潇昱", ["贺凡熙", "刘潇昱"]),
    ("作者：贺凡熙 刘潇昱", ["贺凡熙", "刘潇昱"]),
    ("作者：Rachel Vanderhill, Sandra F. Joireman", ["Rachel Vanderhill", "Sandra F. Joireman"]),
    ("编译：吴天麟（国政学人编译员，伦敦政治经济学院）、贺凡熙", ["吴天麟", "贺凡熙"]),
])
def test_a_role_may_credit_several_names(line, names):
    assert parse_credit_line(line)[1] == names


def test_a_latin_name_followed_by_a_biography_is_just_the_name():
    assert parse_credit_line(AUTHORS_464[0]) == ("作者", ["Rachel Vanderhill"])


def test_a_parenthesised_affiliation_is_not_part_of_the_name():
    line = "【编译】 吴天麟（国政学人编译员，伦敦政治经济学院）"
    assert parse_credit_line(line) == ("编译", ["吴天麟"])
    assert parse_credit_line("编辑：陈少凡(漳州市律协秘书处)") == ("编辑", ["陈少凡"])


@pytest.mark.parametrize("line", [
    AUTHORS_464[-1],  # 【来源】 followed by the paper's reference
    "来源：https://doi.org/10.1093/ia/iiaa061",
    "来源：Vanderhill, Joireman, et al. Between the bear and the dragon",
    "作者：Nature, 2020.",
    "来源：doi 10.1093/ia/iiaa061",
    "来源：International Affairs, vol. 96",
])
def test_a_value_that_reads_like_a_citation_is_not_a_name(line):
    assert parse_credit_line(line) is None


@pytest.mark.parametrize("line", [
    "",
    "作者",
    "作者：",
    "【作者】",
    "哈萨克斯坦还通过经济关系宣示主权",
    "作品简介",
    "文章观点不代表本平台观点，本平台评译分享的文章均出于专业学习之用",
    "原以为下午2点之前或左右一根大阳线拔起",
])
def test_lines_that_are_not_credits_give_nothing(line):
    assert parse_credit_line(line) is None


def test_a_very_long_separated_line_is_prose_not_a_credit():
    line = "编辑：" + "哈萨克斯坦在地区各种政治、经济、文化组织中担任着重要的角色。" * 3
    assert len(line) > 60
    assert parse_credit_line(line) is None


@pytest.mark.parametrize(("line", "names"), [
    ("作者：Anna Karenina、Boris Godunov、Clara Schumann、Dmitri Shostakovich",
     ["Anna Karenina", "Boris Godunov", "Clara Schumann", "Dmitri Shostakovich"]),
    ("作者：Jonathan D. Moyer, David K. Bohl, Collin Meisel, Taylor Hanna, Audrey Pirzadeh",
     ["Jonathan D. Moyer", "David K. Bohl", "Collin Meisel", "Taylor Hanna",
      "Audrey Pirzadeh"]),
])
def test_a_long_line_that_lists_names_alone_is_a_credit(line, names):
    """A paper's several authors make a credit line longer than prose allows; every part
    reading as a name, it is one (the post's authors were lost)."""
    assert len(line) > 60
    assert parse_credit_line(line) == ("作者", names)


@pytest.mark.parametrize("line", [
    "来源：The Diplomat, Foreign Affairs, and The Washington Post and other sources listed",
    # a part too long for a name is prose, not a name to leave out
    "作者：Zhang San, Li Si, who together spent over ten years studying the problem in depth",
])
def test_a_long_line_that_lists_more_than_names_is_not_a_credit(line):
    assert len(line) > 60
    assert parse_credit_line(line) is None


def test_a_slash_between_names_separates_them():
    assert parse_credit_line("美编：黄竹音/高佳美") == ("美编", ["黄竹音", "高佳美"])
    assert parse_credit_line("编辑：陈少凡 / 邓莹莹") == ("编辑", ["陈少凡", "邓莹莹"])


def test_two_roles_on_one_line_are_two_credits():
    credits = extract_credits(["编辑：陈少凡  审核：邓莹莹"])
    assert credits == {"编辑": ["陈少凡"], "审核": ["邓莹莹"]}


def test_a_role_glued_to_the_name_before_it_starts_a_new_credit():
    # consecutive Markdown lines are one paragraph, and the line break between two CJK
    # characters disappears (as a browser shows it): "王五⏎编译" reads "王五编译"
    credits = extract_credits(["作者：李四 王五编译：赵六"])
    assert credits == {"作者": ["李四", "王五"], "编译": ["赵六"]}


@pytest.mark.parametrize(("line", "expected"), [
    ("编辑：张三（实习编辑：李四）", {"编辑": ["张三"]}),  # a note on the name, in brackets
    ("来源：新华社（特约记者：王五）", {"来源": ["新华社"]}),
    ("来源：Nature 论文：Deep learning", {"来源": ["Nature"]}),  # 论文 is no role 文
])
def test_a_role_word_in_brackets_or_at_the_end_of_a_word_starts_no_credit(line, expected):
    assert extract_credits([line]) == expected


@pytest.mark.parametrize("line", ["本文作者：张三", "责任编辑：李四", "文字编辑：王五"])
def test_a_longer_role_word_is_not_split_at_the_shorter_role_inside_it(line):
    role, _names = parse_credit_line(line)
    assert extract_credits([line]) == {role: [line.split("：")[1]]}


def test_consecutive_credit_lines_of_a_markdown_export_are_separate_credits(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 测试\n---\n\n正文第一段。\n\n作者：李四 王五\n编译：赵六\n"
                    "校对：钱七\n", encoding="utf-8")
    assert clean(read(post)).credits == {"作者": ["李四", "王五"], "编译": ["赵六"],
                                         "校对": ["钱七"]}


# --- a post's lines ---------------------------------------------------------------------------

def test_an_author_block_lists_each_name_that_is_followed_by_a_biography():
    credits = extract_credits(AUTHORS_464)
    assert credits == {
        "作者": ["Rachel Vanderhill", "Sandra F. Joireman", "Roza Tulepbayeva"],
        "编译": ["吴天麟"], "校对": ["贺凡熙"], "审核": ["刘潇昱"], "排版": ["高佳美"],
        "美编": ["黄竹音"],
    }


def test_the_author_block_ends_at_the_first_line_of_another_shape():
    lines = [AUTHORS_464[0], "作品简介", "Sandra F. Joireman 里士满大学政治科学教授"]
    assert extract_credits(lines) == {"作者": ["Rachel Vanderhill"]}


def test_a_name_line_without_a_preceding_author_block_is_not_a_credit():
    assert extract_credits(AUTHORS_464[1:3]) == {}


def test_a_name_appears_once_per_role_in_order_of_first_appearance():
    # the two 漳州市律师协会 posts end with the same credit lines; here they are read twice
    lines = ["来源：漳州市律协秘书处", "编辑：陈少凡", "审核：邓莹莹"] * 2 + ["编辑：邢潭、陈少凡"]
    assert extract_credits(lines) == {"来源": ["漳州市律协秘书处"], "编辑": ["陈少凡", "邢潭"],
                                      "审核": ["邓莹莹"]}


def test_roles_keep_their_order_of_appearance():
    credits = extract_credits(["【校对】 贺凡熙", "【编译】 吴天麟", "【审核】 刘潇昱"])
    assert list(credits) == ["校对", "编译", "审核"]


CREDITED = [x for x in labels() if x["credits"] and x["kind"] == "article"]


@pytest.mark.parametrize("label", CREDITED, ids=lambda x: x["path"])
def test_credits_of_a_cleaned_corpus_post_match_its_labels(label):
    credits = clean(read(WECHAT / label["path"])).credits
    optional = label.get("credits_optional", {})
    assert {k: v for k, v in credits.items() if k not in optional} == label["credits"]
    for role, names in credits.items():
        if role in optional:
            assert names == optional[role]


# --- column and series ------------------------------------------------------------------------

def test_column_and_series_from_a_real_title():
    assert column_and_series(TITLE_464) == ("中亚研究", "第464期")


@pytest.mark.parametrize(("title", "expected"), [
    ("好险，就差1.5点，两手准备", (None, None)),
    ("万字综述：大语言模型将为神经科学带来哪些前所未有的机会？| 追问顶刊（下）", (None, None)),
    ("代码分享|| Nature肝脏疾病进展单细胞分析超详细代码：上游分析+下游，详细到fq文件重命名，"
     "数据预处理等！快上车！", (None, None)),
    ("于宁杰|在漳州市第五次律师代表大会上的致词", (None, None)),
    ("国政学人第 464 期", (None, "第464期")),
    ("  【中亚研究】龙与熊之间", ("中亚研究", None)),
    (None, (None, None)),
    ("", (None, None)),
])
def test_column_and_series_only_when_the_title_has_them(title, expected):
    assert column_and_series(title) == expected


def test_a_bracket_later_in_the_title_is_not_a_column():
    assert column_and_series("龙与熊之间【中亚研究】") == (None, None)


def test_cleaning_a_post_records_column_and_series_from_its_title():
    cleaned = clean(read(WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"))
    assert (cleaned.column, cleaned.series) == ("中亚研究", "第464期")


# -- the author a byline gives, for a post whose page names none ------------------------------

def author_of(lines: list[str], title: str = "标题") -> tuple[str, str] | None:
    return byline_author(extract_credits(lines), title, lines)


@pytest.mark.parametrize(("lines", "expected"), [
    (["导语一句。", "文/海拥蓬宁", "正文。", "转自：寻梦桑源"], "海拥蓬宁"),  # 女律师札记
    (["澎湃新闻资深记者 何念台", "正文。", "本期编辑 邢潭"], "何念台"),  # 澎湃新闻
    (["作者：张三", "正文。", "审核：李四"], "张三"),
    (["正文。"] * 30 + ["本文作者丨BioTalker"], "BioTalker"),  # 奇点肿瘤探秘: anywhere
])
def test_a_writers_credit_in_the_byline_names_the_author(lines, expected):
    assert author_of(lines)[0] == expected


@pytest.mark.parametrize("lines", [
    ["正文。", "编辑：陈少凡", "审核：邓莹莹"],  # who edited it did not write it
    ["原文作者：Rachel Vanderhill", "正文。"],  # the translated work's author
    # the seed post: the paper's authors, and the account's translator
    ["【作者】 Rachel Vanderhill（…）", "Sandra F. Joireman（…）", "【编译】 吴天麟（…）"],
    ["作者：Paul Krugman", "译：张三", "正文。"],
    ["文 / Paul Krugman", "译 / 张三", "正文。"],
    ["文/张三、李四", "正文。"],  # which of them wrote it is not said
    ["正文。"] * 10 + ["书名：《置身事内》", "作者：兰小欢"],  # a book's author, further down
])
def test_no_author_is_claimed_where_the_credits_do_not_say_who_wrote_the_post(lines):
    assert author_of(lines) is None


def test_a_speech_is_by_the_person_the_title_opens_with_and_the_byline_names():
    title = "于宁杰|在漳州市第五次律师代表大会上的致词"
    lines = ["在漳州市第五次律师代表大会上的致词", "福建省律师协会会长 于宁杰", "各位代表："]
    assert author_of(lines, title)[0] == "于宁杰"
    # the name in the title alone, or a body line that merely ends with it, is no byline
    assert author_of(["各位代表："], title) is None
    assert author_of(["我们感谢于宁杰"], "于宁杰|致词") is None
    # an interview titled by its guest is not by the guest, nor a post that is no speech
    assert author_of(["受访者  兰小欢", "问：……"], "兰小欢｜送别一个旧时代") is None
    assert author_of(["经济学家 兰小欢", "正文。"], "兰小欢｜送别一个旧时代") is None
