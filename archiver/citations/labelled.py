"""A work described field by field, one labelled line a field, as Chinese posts print it.

An academic account often gives the paper it presents not as a reference string but as a block
of labelled lines (paragraphs in the post)::

    【原文信息】
    论文题目：The impact of structural variation on human gene expression
    作者：Colby Chiang, Alexandra J Scott, Joe R Davis, et al.
    期刊：Nature Genetics
    发表时间：2017年4月3日
    DOI：10.1038/ng.3834

Read a line at a time, only the DOI was a citation, and it was checked alone: a wrong year or
journal in the block was never compared. Here the lines such a block spans are found and
joined, with their line breaks, so that the block is checked as one citation, read as the
reference string its fields make (:func:`reference_of_block`), and reported as written.

A block is consecutive labelled lines (``标签：value``; ``【期刊】value``; ``Title: value``)
among which a title and a journal or a DOI are given: authors and a title alone (a post's own
byline, ``标题：… 作者：…``) name no published work. A label left empty gives its value on the
next line. Lines with a label this module does not know (``通讯作者：``, ``影响因子：``) stay
in the block and are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from archiver.citations.nfkc import nfkc

_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("论文题目", "论文标题", "文章题目", "文章标题", "原文标题", "原文题目", "英文标题",
              "英文题目", "文献标题", "文献题目", "题目", "标题", "篇名", "title",
              "article title", "paper title"),
    # the title in translation: a reader's help, no field of the work
    "translation": ("中文标题", "中文题目", "中文译名", "译名", "译题", "题目翻译", "标题翻译",
                    "中文翻译", "翻译"),
    # labels read for no field, known so that the label they end with is not cut from them
    # (``作者`` in ``第一作者``: one of the authors, not the list)
    "other": ("第一作者", "共同第一作者", "通讯作者", "共同通讯作者", "责任作者", "作者单位",
              "通讯单位", "第一单位", "单位", "影响因子", "关键词", "摘要", "编译", "校对",
              "审核", "排版", "美编", "编辑", "责编", "期刊简介", "期刊介绍", "原文作者简介",
              "作者简介"),
    "author": ("作者", "论文作者", "原文作者", "文章作者", "全部作者", "作者信息", "author",
               "authors"),
    "journal": ("期刊", "发表期刊", "来源期刊", "期刊名称", "期刊名", "刊物", "刊名", "杂志",
                "发表杂志", "发表刊物", "journal", "published in"),
    "year": ("发表时间", "发表日期", "发表年份", "出版时间", "出版日期", "出版年份", "发布时间",
             "发布日期", "在线发表", "上线时间", "年份", "时间", "日期", "published",
             "publication date", "date", "year"),
    "numbers": ("卷期", "卷期页", "卷期页码", "出处"),
    "volume": ("卷", "卷号", "volume", "vol"),
    "issue": ("期", "期号", "issue", "no"),
    "page": ("页码", "页", "pages", "page"),
    "doi": ("doi", "原文链接", "文章链接", "论文链接", "原文地址", "文献链接", "链接", "网址",
            "link", "url"),
}
_FIELD_OF = {label: (None if field == "other" else field)
             for field, labels in _FIELDS.items() for label in labels}
# "论文题目：…", "【期刊】…", "[Title] …", "- DOI: …", "1. 作者：…" (a line's list mark)
_LINE = re.compile(r"^\s*(?:[-*•·▶►●◆■]\s*|\d{1,2}[.、)]\s*)?(?:[【\[]\s*(?P<b>[^】\]\n:：]{1,16}?)"
                   r"\s*[】\]]\s*[:：]?|(?P<c>[^\W\d_][^:：\n]{0,15}?)\s*[:：](?!//))\s*(?P<v>.*)$")
# a label is a few words or characters, not a sentence ending in a colon
_LABEL_WORDS = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}|[A-Za-z]+(?: [A-Za-z]+){0,2})$")
_YEAR = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")
# an impact factor or a ranking written beside the journal's name: no part of it
_JOURNAL_NOTE = re.compile(r"\s*[(（\[【]\s*(?:IF|影响因子|中科院|JCR|SCI)[^)）\]】]*[)）\]】]",
                           re.I)


# where a paragraph whose lines an editor or Markdown joined ("论文题目：… 作者：… 期刊：…",
# "Title: … Authors: …") is cut: before a label it knows and its colon, or a label in brackets
_INLINE = re.compile("(?:" + "|".join(sorted(
    (re.escape(label) for label in _FIELD_OF if not label.isascii()), key=len, reverse=True))
    + r")\s*[:：]|(?<![A-Za-z])(?:" + "|".join(sorted(
        (re.escape(label.title()) for label in _FIELD_OF if label.isascii() and " " not in label),
        key=len, reverse=True))
    + r"|DOI)\s*[:：](?!//)|[【\[][^】\]\n]{1,16}[】\]]")


def _cut_at(line: str, at: int, label: str) -> bool:
    """Whether a label found at ``at`` opens a field: not the end of a longer label
    (``标题`` in ``中文标题``), and a label of one character (``卷``, ``期``) only after a space
    or punctuation or a number (``卷：284期：1855``), not inside a word."""
    if any(len(other) > len(label) and other.endswith(label)
           and line[max(0, at - len(other) + len(label)):at + len(label)] == other
           for other in _FIELD_OF):
        return False
    before = line[at - 1] if at else " "
    return before.isspace() or not before.isalnum() or before.isdigit() or (
        len(label) > 1 and not ("a" <= before.lower() <= "z" and label.isascii()))


def _lines(text: str) -> list[str]:
    """The lines of ``text``, a line that opens with a label cut before each further label
    it holds (a paragraph whose lines were joined)."""
    out: list[str] = []
    for line in text.split("\n"):
        if _labelled(line) is None:
            out.append(line)
            continue
        cuts = [m.start() for m in _INLINE.finditer(line) if m.start() and _cut_at(
            line, m.start(), re.sub(r"\s*[:：]$", "", m.group()).strip("【】[] ").lower()
            if not m.group().startswith(("【", "[")) else "")]
        for first, end in zip([0, *cuts], [*cuts, len(line)], strict=True):
            if line[first:end].strip():
                out.append(line[first:end].strip())
    return out


def _labelled(line: str) -> tuple[str | None, str] | None:
    """(field, value) of a labelled line, field None for a label this module does not read;
    None when the line is not labelled, or only by a label it does not read (a heading)."""
    head = line.lstrip()[:64]  # a label ends within its first characters, with ":" or "]"
    normal = nfkc(head) if head else ""  # (once, not once for each mark looked for)
    if not any(mark in normal for mark in (":", "]", "】")):
        return None  # (NFKC of the whole of every line cost a fifth of finding references)
    match = _LINE.match(nfkc(line))
    if match is None:
        return None
    label = (match.group("b") or match.group("c") or "").strip()
    field, value = _FIELD_OF.get(label.lower()), match.group("v").strip()
    if not _LABEL_WORDS.match(label) or (field is None and not value):
        return None  # a heading ("【原文信息】") is no field
    return field, value


def _latin(text: str) -> int:
    return len(re.findall(r"[A-Za-z]", text))


def _fields(lines: Sequence[str]) -> dict[str, str]:
    """The fields of a run of labelled lines (a label left empty takes the next line that is
    no label), the first value of each, but for a title in Latin letters after one in
    Chinese (``标题：…`` then ``英文标题：…``): the work's own title, the other a
    translation."""
    fields: dict[str, str] = {}
    pending: str | None = None
    for line in lines:
        labelled = _labelled(line)
        if labelled is None:
            if pending is not None and line.strip():
                fields.setdefault(pending, line.strip())
            pending = None
            continue
        field, value = labelled
        pending = None
        if field is None:
            continue
        if value:
            if field == "title" and _latin(value) > _latin(fields.get("title", "")) and \
                    not _latin(fields.get("title", "")):
                fields["title"] = value  # the original after a translation (标题：… 英文标题：…)
            fields.setdefault(field, value)
        else:
            pending = field
    return fields


def _names_a_work(fields: dict[str, str]) -> bool:
    return bool(fields.get("title")) and bool(fields.get("journal") or fields.get("doi"))


def block_spans(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(first, end) line indices, ``end`` excluded, of each labelled block among ``lines`` that
    names a work (a title and a journal or a DOI), in order. Blank lines end a block; a line
    that is no label belongs to it only as the value of an empty label before it."""
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(lines):
        labelled = _labelled(lines[at]) if lines[at].strip() else None
        if labelled is None:
            at += 1
            continue
        end = at + 1
        empty = not labelled[1]
        while end < len(lines) and lines[end].strip():
            nxt = _labelled(lines[end])
            if nxt is None and not empty:
                break
            empty = nxt is not None and not nxt[1]
            end += 1
        if end - at > 1 and _names_a_work(_fields(lines[at:end])):
            spans.append((at, end))
        at = end
    return spans


def reference_of_block(text: str) -> str | None:
    """The reference string a labelled block (its lines joined with line breaks) makes, APA-
    like: ``Authors (2017). Title. Journal, 49(5), 692-699. DOI``; None when ``text`` is no
    such block (one line, or lines that name no work)."""
    lines = _lines(text)
    if len(lines) < 2 or any(_labelled(line) is None and not _continues(lines, i)
                             for i, line in enumerate(lines) if line.strip()):
        return None
    fields = _fields(lines)
    if not _names_a_work(fields):
        return None
    year = _YEAR.search(fields.get("year", ""))
    authors = fields.get("author", "").rstrip("。,， ")
    head = [authors] if authors else []
    if year:
        head.append(f"({year.group()})")
    parts = [(" ".join(head).rstrip(".") + ".") if head else ""]
    parts.append(fields["title"].rstrip(".。 ") + ".")
    numbers = fields.get("numbers", "")
    if not numbers:
        volume, issue, page = (fields.get(k, "").strip() for k in ("volume", "issue", "page"))
        numbers = volume + (f"({issue})" if issue else "")
        numbers = ", ".join(n for n in (numbers, page) if n)
    journal = _JOURNAL_NOTE.sub("", fields.get("journal", "")).strip().rstrip(".。")
    if journal or numbers:
        parts.append(", ".join(n for n in (journal, numbers) if n).rstrip(".。") + ".")
    doi = fields.get("doi", "")
    if doi:
        parts.append(f"doi:{doi}" if doi.startswith("10.") else doi)
    return " ".join(p for p in parts if p)


def _continues(lines: Sequence[str], index: int) -> bool:
    """Whether the unlabelled line ``lines[index]`` is the value of an empty label before it."""
    if index == 0:
        return False
    before = _labelled(lines[index - 1])
    return before is not None and not before[1]
