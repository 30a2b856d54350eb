"""Credits (作者, 编译, 校对 …), column (【中亚研究】) and series (第464期) from a post.

WeChat posts print their credits as short lines in many shapes: ``【编译】 吴天麟（…）``,
``编辑：陈少凡``, ``文/海拥蓬宁``, ``责任编辑 | X博士``, ``本文作者丨BioTalker``, and without any
separator, ``本期编辑 邢潭`` or ``澎湃新闻资深记者 何念台``. A role keeps the word the post uses
(``责任编辑`` stays ``责任编辑``), except in the separator-less shape, where the qualifier before
the role word (``本期``, ``资深``) is not part of it. A value that reads like a reference
(quotes, "et al.", a DOI) is a citation, not a person, and is left to the citation extractor.
"""

from __future__ import annotations

import re

ROLES = (
    "本文作者", "原文作者", "作者", "撰文", "文字", "文", "图片", "图", "摄影", "视觉", "设计",
    "插画",
    "编译", "翻译", "译者", "校对", "审校", "审核", "初审", "复审", "终审", "排版", "美编", "美工",
    "责任编辑", "责编", "执行编辑", "文字编辑", "本期编辑", "编辑", "主编", "来源", "转自", "出品",
    "策划", "统筹", "监制", "整理", "供稿", "记者", "通讯员", "制作", "指导老师",
)
_ROLE_ALT = "|".join(sorted(ROLES, key=len, reverse=True))
_SEP = r"\s*(?:[:：|｜丨/／]|\s-\s)\s*"
_BRACKETED = re.compile(rf"^【\s*({_ROLE_ALT})\s*】\s*(.+)$")
_SEPARATED = re.compile(rf"^({_ROLE_ALT}){_SEP}(.+)$")
_BARE = re.compile(r"^(.{0,12}?)(记者|编辑)\s+([\u4e00-\u9fff·]{2,4})$")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_LATIN_NAME_THEN_CJK = re.compile(
    r"^([A-Z][A-Za-z'’\-]*\.?(?:\s+[A-Z][A-Za-z'’\-]*\.?){0,4})\s+(?=[\u4e00-\u9fff])")
_CITATION_HINTS = re.compile(r"[“”\"]|et al\.|doi|https?://|\bvol\.|\d{4}[,.]", re.I)
_NAME_SPLIT = re.compile(r"\s*[、，,;；&/／]\s*|\s+和\s+|\s+and\s+")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_COLUMN = re.compile(r"^\s*【([^】]{1,20})】")
_SERIES = re.compile(r"第\s*(\d{1,5})\s*期")
_NEXT_ROLE = re.compile(rf"\s+(?=(?:{_ROLE_ALT}){_SEP}\S)")
_ROLES_LONGEST_FIRST = sorted(ROLES, key=len, reverse=True)
_ROLE_LAST_CHARS = frozenset(role[-1] for role in ROLES)
_COLON = re.compile(r"[:：]\s*\S")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_OPEN_BRACKETS = re.compile(r"[（(【\[]")
_CLOSE_BRACKETS = re.compile(r"[）)】\]]")
MAX_LINE = 60
# a name as a long list of them writes it: Chinese (张三, 欧阳·修), or Latin words each
# capitalised (Anna Karenina, Jonathan D. Moyer, Jean-Luc O'Neill)
_A_NAME = re.compile(r"^(?:[\u4e00-\u9fff·]{2,5}|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})$")
MAX_NAME = 30


def _bare(value: str) -> str:
    """A credit's value without its notes in brackets and the separators around it."""
    return _PAREN.sub("", value).strip(" ：:|丨/")


def _names(value: str) -> list[str]:
    """Split a credit value into person or organisation names."""
    value = _bare(value)
    latin = _LATIN_NAME_THEN_CJK.match(value)
    if latin:
        return [latin.group(1).strip()]
    parts = [p.strip() for p in _NAME_SPLIT.split(value) if p.strip()]
    names: list[str] = []
    for part in parts:
        words = part.split()
        if len(words) > 1 and all(_CJK_NAME.match(w) for w in words):
            names.extend(words)  # "张三 李四"
        else:
            names.append(part)
    return [n for n in names if 0 < len(n) <= MAX_NAME]


def _names_alone(value: str) -> bool:
    """Whether a credit's value is a list of two names or more and nothing else: every part
    between the separators (a long part too, before names are cut to their length) reads as
    a name."""
    parts = [p.strip() for p in _NAME_SPLIT.split(_bare(value))]
    return len(parts) >= 2 and all(_A_NAME.match(part) for part in parts)


def parse_credit_line(line: str) -> tuple[str, list[str]] | None:
    """(role, names) when ``line`` is a credit line, else None."""
    line = line.strip()
    if not line or len(line) > MAX_LINE * 4:
        return None
    match = _BRACKETED.match(line) or _SEPARATED.match(line)
    if match:
        role, value = match.group(1), match.group(2)
        if _CITATION_HINTS.search(value):
            return None
        names = _names(value)
        if len(line) > MAX_LINE and match.re is _SEPARATED and not _names_alone(value):
            return None  # a long line after "作者：" is prose, unless it lists names alone
        return (role, names) if names else None
    if len(line) <= MAX_LINE:
        bare = _BARE.match(line)
        if bare:
            return bare.group(2), [bare.group(3)]
    return None


def _glued_roles(line: str) -> list[int]:
    """Where a role starts that is glued to a CJK name before it and followed by a colon, as
    in ``王五编译：赵六`` (two source lines joined by the segment-break rule). The role word is
    taken whole: ``张三文字编辑：`` starts at 文字编辑, not at the 编辑 inside it. Found from the
    colons back (a regex trying every role at every character costs 20 µs a line of prose)."""
    starts = []
    for colon in _COLON.finditer(line):
        end = colon.start()
        while end and line[end - 1] in " \t":
            end -= 1
        if not end or line[end - 1] not in _ROLE_LAST_CHARS:  # most colons: no role before
            continue
        for role in _ROLES_LONGEST_FIRST:
            start = end - len(role)
            if start > 0 and line.startswith(role, start):
                # a one-character role (文, 图) glued to a word is mostly the word's end
                # (论文：, 原图：), and a role in brackets is a note on the name before it
                # (编辑：张三（实习编辑：李四）)
                if len(role) > 1 and _CJK_CHAR.match(line[start - 1]) and \
                        len(_OPEN_BRACKETS.findall(line, 0, start)) <= \
                        len(_CLOSE_BRACKETS.findall(line, 0, start)):
                    starts.append(start)
                break
    return starts


def _split_roles(line: str) -> list[str]:
    """``编辑：陈少凡  审核：邓莹莹`` or ``王五编译：赵六`` → two credit lines (only when every
    part is one)."""
    line = line.strip()
    starts = sorted({0, *(m.end() for m in _NEXT_ROLE.finditer(line)), *_glued_roles(line)})
    if len(starts) == 1:
        return [line]
    parts = [line[a:b].strip() for a, b in zip(starts, starts[1:] + [len(line)], strict=True)]
    if all(parse_credit_line(p) for p in parts):
        return parts
    return [line]


def extract_credits(lines: list[str]) -> dict[str, list[str]]:
    """Credits from the body's lines, in order, each name once per role.

    After a bracketed role whose value starts with a Latin name and a biography, following
    lines of the same shape (another name, another biography) add names to that role: this is
    how translation accounts list a paper's several authors.
    """
    credits: dict[str, list[str]] = {}
    continuing: str | None = None
    for line in (part for whole in lines for part in _split_roles(whole)):
        parsed = parse_credit_line(line)
        if parsed:
            role, names = parsed
            bucket = credits.setdefault(role, [])
            bucket.extend(n for n in names if n not in bucket)
            value = line.split("】", 1)[-1].strip() if line.startswith("【") else ""
            continuing = role if value and _LATIN_NAME_THEN_CJK.match(value) else None
            continue
        if continuing:
            latin = _LATIN_NAME_THEN_CJK.match(line.strip())
            if latin and len(latin.group(1)) <= MAX_NAME:
                if latin.group(1) not in credits[continuing]:
                    credits[continuing].append(latin.group(1))
                continue
            continuing = None
    return credits


def column_and_series(title: str | None) -> tuple[str | None, str | None]:
    """The column (``【中亚研究】`` → ``中亚研究``) and series (``第464期``) in a title."""
    if not title:
        return None, None
    column = _COLUMN.match(title)
    series = _SERIES.search(title)
    return (column.group(1).strip() if column else None,
            f"第{series.group(1)}期" if series else None)


# Credit roles that name the post's own writer. 本文作者 ("this article's author") does so
# wherever it stands; the others only in the byline, at the top of the body: further down
# they may credit a book's author (书名… 作者：…) or a quoted piece's. 作者 and 文 name the
# translated work's author where a translator is credited (【作者】 Rachel Vanderhill… beside
# 【编译】; 文 / Paul Krugman over 译 / 张三). 原文作者 never names the post's writer.
_OWN_WRITER = "本文作者"
_BYLINE_ROLES = ("撰文", "文", "文字", "作者", "记者")
_ORIGINAL_WRITER_ROLES = frozenset({"作者", "文", "撰文", "文字"})
_TRANSLATOR_ROLES = ("编译", "翻译", "译者")
_TRANSLATOR_LINE = re.compile(r"^\s*(?:【\s*)?(?:编译|翻译|译者|译)\s*(?:】|[:：|｜丨/／])")
_BYLINE_LINES = 5  # a byline stands at the top of the body
# A speech, by the person its title opens with: ``于宁杰|在漳州市第五次律师代表大会上的致词``
_TITLE_NAME = re.compile(r"^\s*([\u4e00-\u9fff·]{2,4})\s*[|｜丨]")
_SPEECH = re.compile(r"致辞|致词|讲话|发言|演讲|致欢迎词|贺词")
# what a line naming someone else than the writer says before the name
_NOT_THE_WRITER = re.compile(r"受访|采访|嘉宾|主持|对话|访谈|整理|口述|记录")


def byline_author(credits: dict[str, list[str]], title: str | None,
                  lines: list[str]) -> tuple[str, str] | None:
    """(author, where it was read) for a post whose page names no author: the one name that
    本文作者 credits anywhere, or that a writer's credit in the byline at the top of the body
    does (``文/海拥蓬宁``, ``澎湃新闻资深记者 何念台``); else, for a speech, the person the
    title opens with whom a line at the top of the body also ends with (``于宁杰|在…的致词``
    over ``福建省律师协会会长  于宁杰``). Several names, or none, claim nothing: which of them
    wrote the post is not said; nor does a credit that may be a translated work's author."""
    own = credits.get(_OWN_WRITER)
    if own:
        return (own[0], f"credit line '{_OWN_WRITER}'") if len(own) == 1 else None
    top = lines[:_BYLINE_LINES]
    translated = any(credits.get(role) for role in _TRANSLATOR_ROLES) or \
        any(_TRANSLATOR_LINE.match(line) for line in lines)
    byline = extract_credits(top)
    for role in _BYLINE_ROLES:
        names = byline.get(role)
        if not names or (translated and role in _ORIGINAL_WRITER_ROLES):
            continue
        return (names[0], f"credit line '{role}' at the top of the body") \
            if len(names) == 1 else None
    named = _TITLE_NAME.match(title or "")
    if named and _SPEECH.search(title or ""):
        name = named.group(1)
        for line in top:
            text = line.strip()
            before = text[:-len(name)] if text.endswith(name) else ""
            if before.strip() and before[-1:].isspace() and \
                    not _NOT_THE_WRITER.search(before):
                return name, "byline of a speech, naming the person its title opens with"
    return None
