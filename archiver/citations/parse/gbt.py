"""Chinese references: GB/T 7714's parts after its type code (``[J]``, ``[M]``, ``[EB/OL]``):
the date, the imprint, a book's volume, the other people named, a part's book after ``//``;
the numbers a Chinese reference marks (第3卷, 第2期), titles in 《》, and the CSL type a code
gives.
"""

from __future__ import annotations

import contextlib
import datetime
import re

from archiver.citations.extract import (
    without_list_number,
)
from archiver.citations.parse.authors import (
    _DYNASTIES,
    _KANJI_NAME,
    _PINYIN,
    _SYLLABLE,
    PINYIN_SURNAMES,
    split_authors,
)
from archiver.citations.parse.fields import _YEAR, _marked_numbers, _page
from archiver.citations.parse.shared import (
    _ARTICLE_OF_A_LAW,
    _CHINESE_THESIS,
    _CN_VOLUME_NUMBER,
    _JUDGMENT,
    _LIST_NUMBER,
    _NOTE_NUMBER,
    _PREPRINT_SERVER,
    _SEE,
    _THESIS_KIND,
    _UK_CASE,
    _URL,
    _US_CASE,
    _US_STATUTE,
    _arabic,
    _is_proceedings,
    _issued_year,
    gbt_code,
)
from archiver.citations.parse.token_features import _DOCTYPE_RE, _DOCTYPES
from archiver.citations.parse.tokens import _has_cjk

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


# (a volume numbered in words up to 99: "第三卷", "第十二卷", "第二十卷")
_CN_VOLUME = re.compile(rf"第\s*{_CN_VOLUME_NUMBER}\s*卷")
# (a gazette numbers its issues "号" after the year: "《…公报》2018年第5号")
_CN_ISSUE = re.compile(r"第\s*(?P<n>\d+)\s*期|(?<=年)\s*第\s*(?P<gazette>\d+)\s*号")
_CN_PAGES = re.compile(r"第\s*(\d+(?:\s*[-–—~～]\s*\d+)?)\s*页|(\d+\s*[-–—~～]\s*\d+)\s*页")
_CN_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)\s*年")
# a newspaper's page after its day, "《光明日报》2022年7月18日，第15版" (after a book's title,
# "第2版" is its edition)
# (a paper's day right after its name in 《》: not a book's edition after its publisher's date,
# "法律出版社2018年5月1日，第2版")
_CN_NEWSPAPER_PAGE = re.compile(r"》\s*(?:1[5-9]|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
                                r"\s*[,，]?\s*第\s*(\d{1,3})\s*版")

# a volume's supplement or special issue, after the volume: "第34卷增刊", "第40卷增刊1"
_CN_SUPPLEMENT = re.compile(r"\s*((?:增刊|专刊|特刊)\s*\d{0,2})")


def _chinese_numbers(item: dict[str, Any], text: str) -> None:
    """The numbers a Chinese reference names by their markers, whatever the tagger made of
    them: ``第3卷`` is the volume; ``第2期`` the issue where a volume is named too (a journal
    that numbers its issues alone prints ``第3期`` as its one number, which GROBID's gold, as
    the tagger learnt it, files as the volume); ``第10-20页``, ``10-20 页`` the pages;
    ``2020年`` the year, where none was found; in the ``作者：《题名》，《刊名》2020年第2期``
    style, ``第2期`` alone is the issue too. Only the markers after the title and the
    journal count (``《资本论》第1卷的翻译史``, ``试论…第20页的判词``, ``1978年以来的改革`` are
    titles); where neither is found in the text, a marker fills a field the tagger left
    empty, and changes none it filled."""
    start, placed = 0, False
    for field in ("title", "container-title"):
        value = item.get(field)
        at = text.find(value) if value else -1
        if at >= 0:
            start, placed = max(start, at + len(value)), True

    def put(key: str, value: Any) -> None:
        if placed or key not in item:
            item[key] = value

    volume, issue = _CN_VOLUME.search(text, start), _CN_ISSUE.search(text, start)
    number = issue and (issue["n"] or issue["gazette"])
    if volume:
        put("volume", _arabic(volume.group(1)))
        supplement = _CN_SUPPLEMENT.match(text, volume.end())
        if number:
            put("issue", number)
        elif supplement:  # "第34卷增刊": the volume's supplement is its issue
            put("issue", supplement.group(1))
    elif number and _TITLE_MARKS.match(text) and not _CN_VOLUME.search(text, start):
        item["issue"] = number  # "《刊名》2020年第2期": the journal's issue
        if item.get("volume") == number:
            del item["volume"]
    pages = _CN_PAGES.search(text, start)
    if pages:
        put("page", _page(pages.group(1) or pages.group(2)))
    elif newspaper := _CN_NEWSPAPER_PAGE.search(text, start):
        put("page", newspaper.group(1))
    year = _CN_YEAR.search(text, start)
    if year and "issued" not in item:
        item["issued"] = {"date-parts": [[int(year.group(1))]]}


# "王明：《论中亚外交》，《国际问题研究》2020年第2期，第10-20页。": the style of Chinese
# humanities and law journals, the work's title and its journal (or book) each in 《》
# (a note's number before it, "⑧ ", which NFKC makes "8 "; an edition or a volume after
# the title: "《国史大纲》（修订本），", "《邓小平文选》第三卷，")
# (the note's number in any of its forms, "[8]", "(22)", "〔16〕"; "see" before the author;
# the mark of a foreign author's country or an old one's dynasty, "[英]", "(清)", none of the
# name, as GB/T's "[美]詹姆斯·C.斯科特" gives none; a juan after the title, "卷一六八")
_TITLE_MARKS = re.compile(rf"^\s*(?:{_NOTE_NUMBER}\s*)?(?:{_SEE}(?=[\[(〔\u4e00-\u9fff]))?"
                          r"(?:[\[(〔](?P<mark>[\u4e00-\u9fff]{1,2})[\])〕]\s*)?"
                          r"(?P<names>(?!\d)[^《》\[\]①-⑳]{1,60}?)\s*[：:，,]\s*《(?P<title>[^《》]+)》"
                          r"(?=\s*(?:[（(][^（）()]{1,8}[）)])?\s*"
                          r"(?:第[一二三四五六七八九十\d]{1,3}[卷册辑]|卷[一二三四五六七八九十百〇\d]{1,6})?"
                          r"\s*(?:[，,。.；;、]|《|$))"
                          # (the book's editors or authors after "载": "载苏力、贺卫方主编：《…》")
                          r"(?:\s*[，,、]?\s*(?:(?:载|见)(?:\s*[^《》，,。；;:：\d]{1,30}?\s*[：:])?|in)?"
                          r"\s*[：:]?\s*《(?P<container>[^《》]+)》)?")
# what a note writes before a work it points to: no author
_NO_AUTHOR = frozenset({"参见", "见", "转引自", "引自", "详见", "载", "参阅"})
# those named beside the author who are not its authors ("黄汝成集释", "刘俊文点校", "许家馨
# 译"), and the word that says the author wrote it or wrote it with others ("顾炎武著",
# "长孙无忌等")
# (after a name of two characters at least: "王著", "张译" are names)
_NOT_THE_AUTHOR = re.compile(r"(?<=[\u4e00-\u9fff·]{2})\s?"
                             r"(?:集释|点校|校点|校注|笺注|注释|整理|译注|主译|编译|译)$")
_AUTHORS_WORD = re.compile(r"(?<=[\u4e00-\u9fff·]{2})(?:等著|等编|编著|主编|撰|著|编|等)$")


def _title_marks(item: dict[str, Any], text: str) -> None:
    """A reference written ``作者：《题名》，《刊名》…``: its author, title and journal (or the
    book a chapter is in) are what the marks say, not what the tagger, which learnt GB/T
    7714 and Western styles, made of them."""
    match = _TITLE_MARKS.match(text)
    if not match:
        return
    named = match["names"].strip()
    if _has_cjk(named):
        named = "，".join(_AUTHORS_WORD.sub("", part.strip()) for part in re.split("[，,]", named)
                         if not _NOT_THE_AUTHOR.search(part.strip()))
    mark = match.group("mark")
    if named in _NO_AUTHOR or not named:
        item.pop("author", None)
    else:
        persons = split_authors(named if not mark or mark in _DYNASTIES else f"[{mark}]{named}")
        if persons:
            item["author"] = persons
    item["title"] = match["title"].strip()
    if match["container"]:
        item["container-title"] = match["container"].strip()
    else:
        item.pop("container-title", None)
    numbered = re.findall(r"\d+", text[:match.start("names")])  # the note's number
    for key in ("volume", "issue", "page"):  # (read as a number of the work: "⑱" as 18)
        value = str(item.get(key) or "")
        if value in numbered and not re.search(rf"(?<!\d){value}(?!\d)", text[match.end():]):
            del item[key]


# a note that names a work by its title alone, "see" before it perhaps: "见《马克思恩格斯全集》第3
# 卷，人民出版社1960年版", "《中华人民共和国民法典》第1165条第1款。"
# (only where the 《》 stands alone, its volume, edition or article after it: "《光明日报》评论员",
# "《史记》研究[M]" open a body's name and a title)
_WORK_ALONE = re.compile(rf"^\s*(?:{_NOTE_NUMBER}\s*)?(?:{_SEE})?\s*《(?P<title>[^《》]+)》"
                         r"(?=(?:\s*(?:第\s*[\d一二三四五六七八九十百千]{1,6}\s*[卷册辑编条款]|"
                         r"卷[一二三四五六七八九十百〇\d]{1,6}[上中下]?|[（(][^（）()]{1,12}[）)]|"
                         r"《[^《》]+》|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|之[一二三四五六七八九十]|"
                         r"[、和及]\s*第\s*[\d一二三四五六七八九十百千]{1,6}\s*[条款项]))*"
                         r"\s*(?:[，,。.；;]|$))")


def _work_named_alone(item: dict[str, Any], text: str) -> None:
    """A Chinese note that opens with a work's title in 《》, no author before it: the title
    is what the marks hold, and what follows (its volume, its publisher and year, the
    article of a law) no part of it nor a journal."""
    found = _WORK_ALONE.match(text) if gbt_code(text) is None else None
    if found is None or _TITLE_MARKS.match(text):
        return
    item.pop("author", None)
    item["title"] = found["title"].strip()
    item.pop("container-title", None)


# a standard cited by its number first, GB/T 7714's "标准编号, 标准名称[S]" ("GB 2762—2022, 食品安
# 全国家标准 食品中污染物限量[S]", "NY/T 1121.6—2006 土壤检测 第6部分…[S]"): no author, and the
# year of its number its year where no other is printed
_STANDARD_FIRST = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?(?P<number>(?:GB(?:/[TZ])?|[A-Z]{{2}}/T|HJ|JGJ|ISO(?:/IEC)?|IEC)"
    # (atomic: the number read once, "60601-1:2005", "5009.3-2016", "690:2010")
    r"\s*(?>\d+(?:\.\d+)*(?:-\d{1,3}(?!\d))*(?:\s*[—–-]\s*(?P<year>(?:19|20)\d\d)|"
    r":(?P<year2>(?:19|20)\d\d))?))(?![\d.:-]\d)\s*[,，.:：]?\s*(?P<title>[^\[\]]+?)\s*\[S\]")


def _standard_by_its_number(item: dict[str, Any], text: str) -> None:
    """A standard whose number opens the reference: its title after the number, no author
    (the tagger reads "NY" of "NY/T" as a name), and its number's year."""
    found = _STANDARD_FIRST.match(text)
    if found is None:
        return
    item.pop("author", None)
    item["title"] = found["title"]
    for key in ("volume", "issue", "page"):  # (its number's parts are none of these)
        if item.get(key) and re.search(rf"(?<!\d){re.escape(item[key])}(?!\d)", found["number"]):
            del item[key]
    year = found["year"] or found["year2"]
    if year and "issued" not in item:
        item["issued"] = {"date-parts": [[int(year)]]}


def _with_its_marks(text: str, title: str) -> str:
    """A title the tagger cut inside the 《》 that open or end it (``五行》学说与《荀子`` of
    ``《五行》学说与《荀子》``), with the marks it lost, as printed."""
    if _nested(title):
        return title
    for wrapped in ("《" + title + "》", "《" + title, title + "》"):
        if _nested(wrapped) and wrapped in text:
            return wrapped
    return title


def _nested(text: str) -> bool:
    """Whether every 《 of ``text`` is closed by a 》 after it, and every 》 closes one."""
    depth = 0
    for char in text:
        depth += (char == "《") - (char == "》")
        if depth < 0:
            return False
    return depth == 0


# GB/T 7714's journal numbers after the container: "刊名, 年(期)" or "刊名, 年, 卷(期)"
_GBT_NUMBERS = r"\][.．]\s*[^,，\[\]]+[,，]\s*{}\s*(?:[,，]\s*(?P<volume>\d+)\s*)?[(（]"


def _gbt_year_read_as_volume(item: dict[str, Any], text: str) -> None:
    """A GB/T journal article's year, printed where its numbers begin, is its year where the
    tagger read it as the volume and found no year (a year range in the title, "…估算:
    1952—2000[J]. 经济研究, 2004(10): 35-44", took the year's place)."""
    volume = item.get("volume") or ""
    if "issued" in item or not _YEAR.fullmatch(volume) or gbt_code(text) != "J":
        return
    found = re.search(_GBT_NUMBERS.format(re.escape(volume)), text)
    if found:
        item["issued"] = {"date-parts": [[int(volume)]]}
        if found.group("volume"):
            item["volume"] = found.group("volume")
        else:
            del item["volume"]


def _gbt_issue_read_as_volume(item: dict[str, Any], text: str) -> None:
    """GB/T 7714's journal that numbers its issues alone, printed "刊名, 2007, (07): 36-50"
    (the year, then the issue in brackets, with no volume between): the number in brackets
    is the issue where the tagger read it as the volume."""
    volume = item.get("volume") or ""
    if "issue" in item or not volume.isdigit() or gbt_code(text) != "J":
        return
    if re.search(rf"[,，]\s*(?:1[5-9]|20)\d\d\s*[,，]\s*[(（]\s*{volume}\s*[)）]", text):
        item["issue"] = item.pop("volume")


# GB/T 7714's numbers of a supplement: "2010, 40(S1): 12", "1988, 94(Supplement): S95",
# "1999 (增刊): 194" (the year, the volume if any, the supplement in brackets, the pages)
_GBT_SUPPLEMENT = re.compile(r"[,，]\s*(?:1[5-9]|20)\d\d\s*(?:[,，]\s*(?P<volume>\d{1,5})\s*)?"
                             r"[(（]\s*(?P<issue>增刊\s*\d{0,2}|[Ss]uppl(?:ement)?\.?[ _]?\d{0,2}|"
                             r"S\d{1,2})\s*[)）]\s*[:：]")


def _gbt_supplement(item: dict[str, Any], text: str) -> None:
    """A GB/T journal article in a supplement: the supplement is the issue, and the number
    before it the volume, where the tagger read neither (it knows numbers, not 增刊)."""
    if gbt_code(text) != "J" or ("issue" in item and "volume" in item):
        return
    found = _GBT_SUPPLEMENT.search(text)
    if found:
        item.setdefault("issue", found.group("issue"))
        if found.group("volume"):
            item.setdefault("volume", found.group("volume"))


# GB/T 7714-1987's part of a book, "见" or "In" where 2015 prints "//": "程根伟. 1998年长江洪水的
# 成因与减灾对策. 见：许厚泽，赵其国编. 长江流域洪涝灾害与科技对策. 北京：…", "Boulton G S.
# Processes and patterns of glacial erosion. In：Coates D R，ed. Glacial geomorphology. London：…"
_IN_A_BOOK_1987 = re.compile(r"\.\s?(?:见\s?:\s?(?:(?P<editors>[^.]{1,120}?)编\.)?|"
                             r"In\s?:\s?(?P<eds>[^.]{1,120}?),\s?eds?\.)"
                             r"\s?(?P<book>[^.\s][^.]*?)(?:\.\s|\.?$)")


# (in English the editors and their "ed." are there: not Vancouver's "In: Asia ROfS-E, editor")


def _part_of_a_book_1987(item: dict[str, Any], text: str) -> None:
    """The title before "见:"/"In:" and the book after its editors, where the tagger ran the
    title on into them or found no book."""
    found = _IN_A_BOOK_1987.search(text)
    if found is None or _gbt_mark(text) is not None:
        return
    title = item.get("title", "")
    if "container-title" in item and title and not re.search(r"(?:见|In)\s?:", title):
        return
    head = re.split(r"\.\s", text[:found.start()])
    if len(head) < 2 and found.group("eds"):
        return  # (an English title with no names before it is not this form)
    item["title"] = head[-1].strip()
    authors = item.get("author", [])
    if len(head) > 1 and (not authors or any(item["title"] in "".join(a.values())
                                             for a in authors)):
        item["author"] = split_authors(head[-2])  # (not "题词 李约瑟": the title in a name)
    book, volume = _gbt_title_and_volume(found.group("book").strip())
    item["container-title"] = book
    if not re.search(r"\d", item.get("volume", "0")):
        item.pop("volume")  # a place read as the volume ("北京")
    if volume:
        item.setdefault("volume", volume)
    editors = split_authors(found.group("editors") or found.group("eds") or "")
    if editors:
        item.setdefault("editor", editors)


# GB/T 7714-1987's part of proceedings or of a book, the part's code "[A]", the host's after
# its editors: "题名[A]. 王永明. 民商法前沿论坛: 第二辑[C]. 北京: …" (an archive's document is
# "[A]" too, its imprint after it: no host)
_PART_THEN_ITS_HOST_1987 = re.compile(
    r"\[A\]\s*[.．。]\s*(?:(?P<editors>[^.．。\[\]:：\d]{1,60}?)\s*(?:主编|编|,?\s*eds?\.?)?"
    r"\s*[.．。]\s*)?(?P<host>[^.．。\[\]\s][^.．。\[\]]{1,120}?)\s*\[[CM]\]")


def _host_of_a_part_1987(item: dict[str, Any], text: str) -> None:
    """The proceedings or book a GB/T 7714-1987 part ("[A]") is in, named after its editors
    with its own code, where the tagger found none or ran the editors into it."""
    found = _PART_THEN_ITS_HOST_1987.search(text)
    host = found.group("host").strip() if found else ""
    read = item.get("container-title", host)
    editors = (found.group("editors") or "").strip() if found else ""
    # (the tagger's container the host with the editors run into it, or the editors alone:
    # "李四主编. 会议论文集", "中国社会科学院法学研究所")
    if not host or host not in read and not (editors and read.startswith(editors)):
        return
    if item.get("volume") == host:  # (the host read as its volume: "赵某编. 文集[M]")
        del item["volume"]
    item["container-title"], volume = _gbt_title_and_volume(host)
    if volume:
        item.setdefault("volume", volume)


# GB/T 7714-1987's imprint with no type code before it, the pages cited after the year and a
# full stop, at the end but for an ISBN: "北京：人民卫生出版社，1977. 24",
# "武汉：武汉大学，2022. 87"
_PAGES_AFTER_THE_IMPRINT = re.compile(
    r":\s?[^.:\d\[\]]{1,60},\s?(?:1[5-9]|20)\d\d\s?\.\s?"
    r"(?P<page>[A-Za-z]?\d{1,5}(?:\s?-\s?\d{1,5})?)\s?(?:\.\s?(?:ISBN\b.*)?)?$")


def _page_after_the_imprint(item: dict[str, Any], text: str) -> None:
    """Such pages are the page, not a volume (there is no journal)."""
    if _gbt_mark(text) is not None or "container-title" in item:
        return
    found = _PAGES_AFTER_THE_IMPRINT.search(text)
    if found is None or item.get("page") not in (None, found.group("page")):
        return
    if item.get("volume") == found.group("page"):
        del item["volume"]
    item["page"] = _page(found.group("page"))


# Vancouver's form as Chinese medical journals print it, without GB/T's type code: "中华医学会
# 糖尿病学分会. 中国2型糖尿病防治指南(2017年版). 中华糖尿病杂志 2018;10(1):4-67."
_CHINESE_VANCOUVER = re.compile(
    r"(?:[\[［]\d{1,4}[\]］]\s*|\d{1,4}[.、]\s*)?"
    r"(?P<authors>[^.．。\d\[\]]{2,120}?)[.．。]\s*(?P<title>[^．。]{2,200}?)[.．。]\s*"
    r"(?P<journal>[^\d.．。;；,，\[\]]{2,60}?)[.．。]?\s*(?P<year>(?:1[5-9]|20)\d\d)\s*[;；]\s*"
    r"(?P<volume>\d{1,5})?\s*(?:[(（]\s*(?P<issue>[^()（）]{1,12}?)\s*[)）])?\s*[:：]\s*"
    r"(?P<page>[A-Za-z]?\d+(?:\s*[-–—]\s*[A-Za-z]?\d+)?)\s*[.．。]?\s*")


def _chinese_vancouver(item: dict[str, Any], text: str) -> None:
    """A Chinese reference in Vancouver's form, the whole of it read by that form where the
    tagger, which learnt Chinese from GB/T 7714's, took a body's name for the title and the
    title for the journal."""
    if not _has_cjk(text) or gbt_code(text):
        return
    found = _CHINESE_VANCOUVER.fullmatch(text)
    if not found or not _has_cjk(found.group("journal")):
        return
    authors = split_authors(found.group("authors").strip())
    if not authors:
        return
    item["author"] = authors
    item["title"] = found.group("title").strip()
    item["container-title"] = found.group("journal").strip()
    item["issued"] = {"date-parts": [[int(found.group("year"))]]}
    for key in ("volume", "issue"):
        if found.group(key):
            item[key] = found.group(key)
        else:
            item.pop(key, None)
    item["page"] = re.sub(r"\s*[-–—]\s*", "-", found.group("page"))


# GB/T 7714 document types (the code in brackets after the title) as CSL types
_GBT_TYPES = {"J": "article-journal", "M": "book", "C": "paper-conference", "D": "thesis",
              "R": "report", "S": "standard", "P": "patent", "N": "article-newspaper",
              "A": "chapter", "G": "book", "EB": "webpage", "DB": "dataset", "DS": "dataset",
              "CP": "software", "K": "book", "Z": "document", "CM": "map"}


# GB/T 7714's codes of whole works (a book, a collection, a compilation), whose part, "析出文献",
# is written "part[M]//host": the host's responsible persons, if any, then its title
_GBT_WHOLES = frozenset({"M", "G", "K", "Z"})
_GBT_PART = re.compile(r"\[(?:[A-Z]{1,2})(?:/OL)?\]\s*//")


def csl_type(text: str, item: dict[str, Any]) -> str:
    """The CSL type of a parsed reference, which CSL-JSON requires: what a GB/T 7714 code
    says (``[M]`` a book, ``[D]`` a thesis), else a conference paper when proceedings are
    named, a chapter when a book is named with its editors, a preprint (CSL's ``article``)
    when only its server is, an article in a journal when a journal is, else ``document``
    (CSL's type for what nothing tells apart)."""
    code = gbt_code(text)
    if code:
        part = _GBT_PART.search(text)
        if code in _GBT_WHOLES and part:
            return "chapter"  # "[M]//": a part of the book named after "//"
        if code == "C" and not part and not (item.get("page") or item.get("container-title")):
            return "book"  # "论文集[C]. 北京: …": the proceedings themselves (no paper's pages)
        if code == "A":  # GB/T 7714-1987's part ("题名[A]. 编者. 论文集[C]."), else an archive
            host = [c.split("/")[0] for c in _DOCTYPE_RE.findall(text)[1:2]]
            return {"C": "paper-conference", "M": "chapter"}.get(host[0] if host else "",
                                                                 "document")
        return _GBT_TYPES.get(code, "document")
    container = item.get("container-title") or ""
    if _PREPRINT_SERVER.fullmatch(item.get("publisher") or "") and (
            not container or _PREPRINT_SERVER.fullmatch(container.strip(" ."))):
        return "article"  # CSL's type for a preprint
    if _is_proceedings(container):
        return "paper-conference"
    if container and item.get("editor"):
        return "chapter"  # "In S. Keys (ed.) …": a journal's editors are never cited
    if container and item.get("publisher") and f"In {container} (" in text:
        return "chapter"  # Cell Press's "In StatPearls (StatPearls Publishing LLC.)."
    if container and item.get("publisher") and re.search(
            r"\b(?:[Ii]n|En|Em):?\s+(?:_+\.\s+)?" + re.escape(container), text):
        return "chapter"  # Chicago's "In The Cambridge Companion …, edited by …. Cambridge:
        # Cambridge University Press, 2015.": the book it is in, and that book's publisher
    if container and re.search(r"\b[Ii]n\s+(?:[A-Z][\w'’-]+,\s(?:[A-Z]\.\s?){1,3}[,&]?\s?"
                               r"(?:and\s)?){1,6}" + re.escape(container), text):
        return "chapter"  # Harvard's "‘Title’, in Massey, D. Space, place and gender.": the
        # book, after its author's name, that the chapter is in
    if container and item.get("publisher") and re.search(
            r"\s//\s*[^/]{0,80}?" + re.escape(container), text):
        return "chapter"  # GOST's "… // Бахтин М. М. Собрание сочинений. – Москва : …": a
        # part of the book after "//" with the book's publisher (a journal names none)
    if _JUDGMENT.match(text) or _US_CASE.match(text) or _UK_CASE.match(text):
        return "legal_case"
    if _ARTICLE_OF_A_LAW.search(text) or _US_STATUTE.match(text):
        return "legislation"
    if _NOTE_IMPRINT.search(text):  # a Chinese note's "法律出版社2011年版": a book, or a
        return "chapter" if container else "book"  # part of the one it is "载" in
    title = item.get("title") or ""
    if not container and re.search(_CHINESE_THESIS, text.replace(item.get("title") or "\0", " ")):
        return "thesis"
    if not container and _THESIS_MENTION.search(text.replace(title, " ") if title else text):
        # (with a container, "Dissertation Abstracts International" is one; in the title,
        # a book about theses: "Authoring a PhD: How to … finish a doctoral thesis")
        return "thesis"
    if not container and (found := _REPORT_OR_FILM.search(text)):
        return "motion_picture" if found["film"] else "patent" if found["patent"] else "report"
    if not container and item.get("publisher"):
        return "book"  # a publisher and nothing it is part of: "Principles of Neural Science
    return "article-journal" if container else "document"  # 5th edn (McGraw-Hill, 2013)"


# a Chinese note's imprint: the publisher run into the year of its edition ("法律出版社2011年
# 版", "中华书局1985年影印本")
_NOTE_IMPRINT = re.compile(r"(?:出版社|书局|书店|书社|印书馆|出版公司)\s*(?:1[5-9]|20)\d\d\s*年"
                           r"(?:版|影印本|印本)")
# what a reference with a publisher and no container says it is, when it is no book: a
# working paper or report ("NBER Working Paper 8119. Cambridge, MA: …"), a film ("dir.",
# "Directed by"), a patent by its number ("US Patent 4,123,456")
_REPORT_OR_FILM = re.compile(r"\b(?:working|discussion|technical|research|policy)\s+"
                             r"(?:paper|report)s?\b|(?P<film>\bdir\.|\bdirected by\b)|"
                             r"(?P<patent>\bpatent\s+(?:no\.?\s*)?\d[\d,]{4,})", re.I)
_THESIS_MENTION = re.compile(rf"\b{_THESIS_KIND}\b|\bth[èe]se de doctorat\b|\btesis doctoral\b|"
                             r"\b(?:ph\.?\s?d\.?|doctoral)\s+(?:diss\.|dissertation|thesis)|"
                             # Vancouver's "[dissertation]", "[master's thesis]"
                             r"\[(?:[\w’']+\s)?(?:dissertation|thesis)\]", re.I)


def _gbt_mark(text: str) -> re.Match[str] | None:
    """The type code of a GB/T 7714 reference (``[M]``, ``[EB/OL]``) where it is one of the
    standard's, which what follows it is read after; None for any other reference."""
    code = _DOCTYPE_RE.search(text)
    return code if code and code.group(1) in _DOCTYPES else None


# a patent's country after its title, its number after that cut off by the full stop in it:
# "…封装方法: 中国, 201910123456.7[P]"
_PATENTS_COUNTRY = re.compile(r"\s*[:：]\s*[\u4e00-\u9fff]{2,8}$")
# GB/T 7714: "Author. Title[M]. Place: Publisher, Year." — the title ends at the type code
# (a decimal point is no full stop: "2023年全国粮食总产量13908.2亿斤[N]")
_GBT_TITLE = re.compile(r"(?:^|(?<!\d)[.．。]\s*|[.．。](?!\d)\s*)"
                        r"((?:[^.．。\[\]]|(?<=\d)\.(?=\d))+?)\s*\[([A-Z]{1,2}(?:/OL)?)\]")
_YEAR_AFTER = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_A_DATE = re.compile(r"(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)")  # (an update's, an access's)


# Chinese names, or bodies, with what joins them: "温忠麟;侯杰泰;马什赫伯特.",
# "世界环境与发展委员会."
_HAN_NAME = r"[\u4e00-\u9fff·]{2,5}"
_HAN_BODY = (r"[\u4e00-\u9fff]{2,30}(?:部|委员会|会|院|局|署|所|中心|办公室|办公厅|组|"
             r"大学|学会|协会|政府|国务院|银行|公司|集团|基金会)")
# (each name atomic: a body's name read two ways, "…委员会" or "…委员" + "会", made a list of
# them that did not end in a full stop take exponential time)
_NAMES_BEFORE = re.compile(rf"\s*(?>{_HAN_BODY}|{_HAN_NAME})(?:\s*[,;，；、]\s*(?>{_HAN_BODY}|"
                           rf"{_HAN_NAME}))*(?:\s*[,，]?\s*等)?\s*[.．。]\s*")


# a standard's, a patent's or a report's number after its title, "other title information"
# (": GB/T 7714—2015", ": ISO/IEC 27001:2022", ": US6915001", ": RMRS-GTR-262")
# (a subtitle has no digits: what has is a number the tagger rightly left out, "US
# 6,915,001 B2", "ASTM D638-14"; nor is a volume, part or edition one, "volume 2", "3rd ed")
_NO_SUBTITLE = re.compile(r"\d|\b(?:vol(?:ume)?|part|band|teil|tome|ed|edn|edition|no|nr|"
                          r"arXiv|doi|ISBN|ISSN)\b", re.I)
_NUMBER_AFTER_A_TITLE = re.compile(r"\s?[:：]\s?(?:[A-Z]{1,5}(?:/[A-Z]{1,5})?\s?\d[\d.-]*"
                                   r"(?:\s?[—–:]\s?\d{4})?|[A-Z]{0,6}[-\d][\w./-]*)$")


def _names_before(lead: str) -> bool:
    """Whether ``lead`` is Chinese names (or bodies) and the full stop after them."""
    return _NAMES_BEFORE.fullmatch(lead) is not None


def _gbt_title(text: str, item: dict[str, Any]) -> dict[str, Any]:
    """A GB/T 7714 reference's title is what precedes its type code (``新唐书[M]``): taken
    when the tagger gave none, from the field it mistook it for, and then the year is the
    last one printed after the code, not one inside the title (``2019年度报告[R] … 2020``);
    and whole where the tagger ended it at a bracket inside it."""
    match = _GBT_TITLE.search(text)
    if not match or match.group(2) not in _DOCTYPES:
        return item
    first = re.match(r"\d+", str(item.get("page") or ""))  # (its first page's number)
    if first and not re.search(rf"(?<![\d-]){first.group()}(?!\d)", _A_DATE.sub(
            " ", re.sub(r"https?://\S+", " ", text[match.end():]))):
        del item["page"]  # a date's day, "(2021-09-15)[2023-07-08]", is no page; nor a year
        # in the title or its address ("中国统计年鉴2022[DB/OL]. …/ndsj/2022/…")
    title = match.group(1).strip()
    read = item.get("title")
    if read and title.startswith(read) and (title[len(read):].lstrip().startswith(("(", "（"))
                                            or re.match(r"\.\d", title[len(read):])
                                            or re.fullmatch(r"(?:1[5-9]|20)\d\d年?",
                                                            title[len(read):])):
        # cut at a bracket inside it: "Coronavirus disease (COVID-19) pandemic[EB/OL]"; or at
        # a decimal point, "城市PM2.5[J]"; or before the year that ends it, "中国统计年鉴2022"
        item["title"] = title
        return item
    if read and read != title and read.endswith(title) and _names_before(read[:-len(title)]):
        # printed tight, "温忠麟;侯杰泰;马什赫伯特.结构方程模型检验…[J]": the tagger ran the later
        # authors into the title; they are the names before its full stop
        head = without_list_number(text[:match.start(1)]).rstrip(" .．。")
        # (no full stop in the names: "黄伯荣,廖序东.现代汉语.增订六版[M]" is a title and its
        # edition after the names)
        authors = split_authors(head) if head and not re.search(r"[.．。]", head) else []
        if authors:
            item["author"] = authors
            item["title"] = title
        return item
    lead = without_list_number(text[:match.start(1)])
    if read and "author" not in item and lead.rstrip(" .．。") == read and _names_before(lead):
        # the authors read as the title, and the title as a journal where a bracket in it
        # ended it: "国家统计局. 中国统计年鉴（2023年）[R]"
        item["author"] = split_authors(read)
        if title.startswith(item.get("container-title") or "\0"):
            del item["container-title"]
        item["title"] = title
        return item
    at = text.find(read) if read else -1
    whole = text[at:match.end(1)] if at >= 0 and match.start(1) > at + len(read) else ""
    if whole and re.match(r"[.．]\S", whole[len(read):]) \
            and not re.search(r"[.．。]\s|[\[\]]", whole):
        # cut at a full stop inside it, no space after it: "中国法治发展报告No.20(2022)[R]"
        item["title"] = whole.strip()
        return item
    if read and match.group(2).split("/")[0] == "P" and re.match(
            r"\s*[,，]\s*[A-Z]{0,3}\s*\d", text[at + len(read):]):  # ([P] or [P/OL])
        # GB/T 7714-2005's patent, "题名: 国别, 专利号[P]": the title before its country
        item["title"] = _PATENTS_COUNTRY.sub("", read)
        return item
    if read and title != read and title.endswith(read) and \
            re.fullmatch(r"(?:1[5-9]|20)\d\d\s?[—–-]\s?", title[:-len(read)]):
        item["title"] = title  # a span of years opening it: "2022—2023学科发展报告综合卷[R]"
        return item
    core = _NUMBER_AFTER_A_TITLE.sub("", title)
    rest = core[len(read):] if read and core.startswith(read) else ""
    if re.match(r"\s?[:：—–]\s?\S", rest) and not _has_cjk(rest) and \
            not _NO_SUBTITLE.search(rest):
        # cut at its subtitle's colon or dash: "The Claude 3 model family: Opus, Sonnet,
        # Haiku[EB/OL]", "Information security management systems—Requirements: ISO/IEC
        # 27001:2022[S]" (up to the standard's or patent's number, which is other title
        # information, as the tagger leaves it out)
        item["title"] = core
        return item
    if read:
        return item
    if not title or any(title == v for v in _author_texts(item)):
        return item
    item = {k: v for k, v in item.items() if not (k in ("volume", "container-title",
                                                        "issue") and v == title)}
    item["title"] = title
    if item.get("author") and _names_before(lead):
        # the tagger, misled by a bracket in the title ("数据集(1961—2020)[DB/OL]" read as a
        # name, then a year), ran the title's start into the names before its full stop
        item["author"] = split_authors(lead.rstrip(" .．。"))
    # the first year after the code, but not in a bracketed access date ("[2021-05-01]") or
    # a URL: "(2020-02-28)[2021-05-01]" was published in 2020; "2020: 2021-2030" are pages
    rest = re.sub(r"\[[^\]]*\]|https?://\S+", " ", text[match.end():])
    years = _YEAR_AFTER.findall(rest)
    if years:
        item["issued"] = {"date-parts": [[int(years[0])]]}
    return item


def _gbt_year_after_the_code(text: str, item: dict[str, Any]) -> dict[str, Any]:
    """A GB/T 7714 reference is dated after its type code ("经济研究, 2010, 45(11)", "北京:
    中国标准出版社, 2007"): a year the tagger took from the title ("…解释(1980—2008)[J]", a
    standard's "GB/T 7713.1—2006[S]") gives way to the first printed after the code (not
    an access date in brackets, nor one in an address), a year or a day; and where the
    tagger read none, that one is the year."""
    mark = _gbt_mark(text)
    if mark is None or _AUTHOR_YEAR.match(text):
        return item  # the author-year system: "张三, 2010. 题名[J]. 生态学报, 30(6): 1589-1597."
    year = _issued_year(item)
    after = re.sub(r"\[[^\]]*\]|https?://\S+", " ", text[mark.end():])
    # a year, or a day written whole ("[R/OL]. 2013-09-30.", "[DS/OL]. … （2024-12-25）")
    years = [int(m.group(1) or m.group(2)) for m in _YEAR_OR_DAY.finditer(after)]
    # none read, or one from before the code that is not among them
    if years and (year is None or year not in years and str(year) in text[:mark.start()]):
        item["issued"] = {"date-parts": [[years[0]]]}
    return item


# GB/T 7714's author-year system (§9.2): the year after the authors, before the title
_AUTHOR_YEAR = re.compile(r"[^.．。\[\]]{1,200}?[,，]\s*(?:1[5-9]|20)\d\d[a-z]?\s*[.．。]")
# a year after the code, not a page ("30(6): 1589-1597")
_YEAR_NOT_A_PAGE = re.compile(r"(?<![\d:：\-–])(?<![:：]\s)(1[5-9]\d\d|20\d\d)(?![\d\-–])")


# GB/T 7714's imprint, after the type code: "北京: 中华书局, 1975", "New York, NY, USA: ACM,
# 2021: 1386-1399" (§8.4: place, publisher, year; a thesis's place and university); what
# opens after a full stop, the place without digits or brackets (right after "//" stands the
# proceedings' name, "//Proceedings of NAACL: Human Language Technologies, 2019", no imprint)
_PLACE_AND_PUBLISHER = (r"(?:^|[.．。]\s*)"
                        r"(?P<place>[^\s\d.．。:：\[\]()（）/,，][^\d.．。:：\[\]()（）/]{0,39}?)"
                        r"\s*[:：]\s*(?P<publisher>[^\s\d.．。:：\[\]()（）,，][^\d.．。:：\[\]]{0,79}?)")
_IMPRINT = re.compile(_PLACE_AND_PUBLISHER + r"\s*[,，]\s*\[?(?:1[5-9]\d\d|20\d\d)")
# ... in the author-year system, the year after the names, the imprint ends the reference, the
# pages cited perhaps after it ("北京: 北京图书馆出版社: 16.", "London: Taylor & Francis:
# 12[2010-06-15]. http://…", "长春: 长春出版社: 扉页.")
_IMPRINT_ENDING = re.compile(_PLACE_AND_PUBLISHER +
                             r"\s*(?:[:：]\s*(?P<page>扉页|序?\d+(?:\s*[-–]\s*\d+)?))?"
                             r"\s*(?:[.．。]\s*$|\[|$)")
# the pages cited after the year or the day of a work that is no journal's or newspaper's,
# ending the reference, or before its date of citing, its address or an identifier ("…，
# 2022：43. http://…", "… 2008-01-16：8-9.", "… 2020: 35. ISBN …")
_PAGES_AFTER_THE_DATE = re.compile(
    r"(?<!\d)(?:1[5-9]|20)\d\d(?:-\d\d-\d\d)?\s*[:：]\s*"
    r"(?P<page>[A-Za-z]?\d+(?:\s*[-–～~]\s*[A-Za-z]?\d+)?)\s*[.．。]?\s*"
    r"(?=$|\[|https?://|[A-Z]{2,6}\s?[:：]|ISBN\b)")
# the codes whose works have an imprint (not a journal's [J], a newspaper's [N], a patent's)
_IMPRINTED = frozenset({"M", "D", "R", "S", "G", "K", "A", "C", "Z"})
# an online work's date of citing, in brackets: "(2020-01-01)[2024-05-06]"
_ACCESSED = re.compile(r"\[(\d{4})[-./](\d{1,2})[-./](\d{1,2})\]")


# a newspaper's page, in brackets after its date (§8.8.2): "人民日报, 2020-09-12(2).", a
# range of pages "(02-03)"
_NEWSPAPER_PAGE = re.compile(r"(?:1[5-9]|20)\d\d-\d{1,2}-\d{1,2}\s*[(（]\s*"
                             r"([A-Z]?\d{1,3}(?:\s*[-–]\s*[A-Z]?\d{1,3})?)\s*[)）]")


_NEWSPAPER_NAME = re.compile(r"\s*[.．。]\s*([^\s\d.．。,，:：\[\]()（）]"
                             r"[^\d.．。,，:：\[\]()（）]{0,39}?)\s*[,，]\s*(?:1[5-9]|20)\d\d")


def _place_ending_a_book(item: dict[str, Any], text: str) -> None:
    """The book a part is in, run on into the first part of its place, where the place holds
    a comma ("…processing. Cambridge" of "…//TIPPETT J T. Optical and electro-optical
    information processing. Cambridge, MA: MIT Press, 1965")."""
    place, book = item.get("publisher-place") or "", item.get("container-title") or ""
    head = place.split(",")[0].strip()
    if "," in place and head and book.endswith(". " + head) and \
            f"{book}, {place[len(head):].lstrip(', ')}" in text:
        item["container-title"] = book[:-len(head) - 2]


def _gbt_imprint(text: str, item: dict[str, Any]) -> dict[str, Any]:
    """What GB/T 7714 prints after a reference's type code besides its numbers: the place
    and publisher of a book, a thesis, a report, proceedings (``北京: 中华书局, 1975``), a
    newspaper's page after its date, and of an online work (``[EB/OL]``, ``[J/OL]``) the
    date it was cited and its address. A librarian's record of the work needs them; the
    tagger's fields do not hold them."""
    code = _gbt_mark(text)
    if code is None:
        return item
    after = text[code.end():]
    kind = code.group(1).split("/")[0]
    imprint = _IMPRINT.search(after) if kind in _IMPRINTED else None
    if imprint is None and kind in _IMPRINTED and _AUTHOR_YEAR.match(text):
        imprint = _IMPRINT_ENDING.search(after)
        if imprint and imprint.group("page"):
            item.setdefault("page", _page(imprint.group("page")))
    if imprint:
        item.setdefault("publisher-place", imprint.group("place").strip())
        item.setdefault("publisher", imprint.group("publisher").strip())
        _place_ending_a_book(item, text)
    if _ISO_DAY.fullmatch(item.get("page", "")):
        del item["page"]  # a day read as a range of pages: "[R/OL]. 2023-12-28."
    pages = _PAGES_AFTER_THE_DATE.search(after) if kind not in ("J", "N") else None
    if pages and "page" not in item:  # "…学术年会，2022：2.", "[P]. 2008-01-16：8-9."
        item["page"] = _page(pages.group("page"))
    # a newspaper's page after its date, "2011-02-16(A1)", whatever the tagger read there
    # (the date's "02-16" as a page range)
    page = _NEWSPAPER_PAGE.search(after) if kind == "N" else None
    if page:
        item["page"] = page.group(1)
    paper = _NEWSPAPER_NAME.match(after) if kind == "N" and "container-title" not in item \
        else None
    if paper:  # the newspaper's name before its date: "[N]. 人民日报, 2018-12-19(2)"
        item["container-title"] = paper.group(1)
    if code.group(1).endswith("OL") or kind == "EB":
        accessed = _ACCESSED.search(after)
        if accessed:
            year, month, day = (int(part) for part in accessed.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                item["accessed"] = {"date-parts": [[year, month, day]]}
        for found in _URL.finditer(after):
            url = found.group(0).rstrip(".,;，。；)）")
            if not (item.get("DOI") and item["DOI"].casefold() in url.casefold()):
                item["URL"] = url
                break
    return item


# a book's volume as GB/T 7714 prints it after the title and a colon (§8.1.1 other title
# information): "第 1 册", "上", "下册", "四卷", "2011 年卷" (not any word ending in 卷:
# "中国答卷", "北宋画卷" are subtitles), "一部", an English "v.1"
_CN_DIGITS = "\\d一二三四五六七八九十百"
_GBT_VOLUME_FORM = (rf"\s*[:：]\s*(第\s*[{_CN_DIGITS}]+\s*[册卷辑编分部]|"
                    rf"[上中下](?:册|卷|编)?|[{_CN_DIGITS}]+\s*[卷册部]|\d{{4}}\s*年卷|"
                    r"[Vv](?:ol)?\.\s?\d{1,3})")
_GBT_VOLUME = re.compile(_GBT_VOLUME_FORM + r"\s*$")  # ending a title
_GBT_VOLUME_STOP = re.compile(_GBT_VOLUME_FORM + r"\s*[.．。]")  # after the host's title


def _gbt_title_and_volume(title: str) -> tuple[str, str | None]:
    """A GB/T title and the volume printed at its end after a colon, if any."""
    found = _GBT_VOLUME.search(title)
    if found and found.start() > 0:  # ("v.1": the number, its mark no part of it)
        return title[:found.start()], re.sub(r"^[Vv](?:ol)?\.\s?", "", found.group(1))
    return title, None


# the codes of works in volumes: books, proceedings, atlases (GB/T 7714-2025's [CM])
_GBT_BOOKS = _GBT_WHOLES | {"C", "CM"}


def _gbt_volume(text: str, item: dict[str, Any]) -> dict[str, Any]:
    """A volume printed after a book's title ("理论物理概论: 上[M]") or after the title of the
    book a part is in ("[M]// 王夫之. 船山全书: 第 1 册.") is its volume, not its title's
    end, whoever read its number. A part's own title keeps its "卷 5" ("周易外传: 卷 5[M]//"):
    that is its name."""
    mark = _gbt_mark(text)
    if mark is None or mark.group(1).split("/")[0] not in _GBT_BOOKS:
        return item
    if _GBT_PART.match(text, mark.start()):
        if "volume" in item:
            return item
        container = item.get("container-title", "")
        at = text.find(container, mark.end()) if container else -1
        found = _GBT_VOLUME_STOP.match(text, at + len(container)) if at >= 0 else None
        if found:
            item["volume"] = found.group(1)
        return item
    read = item.get("title", "")
    at = text.find(read) if read else -1
    printed = text[at:mark.start()].rstrip() if 0 <= at < mark.start() else ""
    if len(read) < len(printed) <= len(read) + 8:
        read = printed  # the tagger cut "…psychiatry:v.1" at the volume's full stop
    title, volume = _gbt_title_and_volume(read)
    if volume:  # (the tagger may have read the number already: "第 1 卷" as "1")
        item["title"] = title
        read_volume = str(item.get("volume") or "")
        if read_volume and not any(c.isdigit() for c in read_volume) and read_volume in volume:
            del item["volume"]  # (or its marker alone: "册" of "第5册")
        item.setdefault("volume", volume)
    # a volume in figures is its number, however it was spaced ("第1卷" as "第 1 卷" reads);
    # a 册 or 辑, a book's physical part, keeps its word
    numbered = _NUMBERED_JUAN.fullmatch(str(item.get("volume") or ""))
    if numbered:
        item["volume"] = numbered.group(1)
    return item


_NUMBERED_JUAN = re.compile(r"第\s*(\d{1,4})\s*卷")


# what in a reference is no date of its publication: a date in brackets (GB/T 7714's date
# of citing, "[2012-03-27]"), a type code or a list number in brackets, an address, and a
# date after the words that say it was read then ("Accessed 2021-03-05", "访问日期:
# 2020-05-01", "[cited 2021 Mar 5]")
_READ_ON = (r"(?:\b(?:accessed|retrieved|viewed|visited|cited|consulted)\b|"
            r"(?:访问|检索|引用|浏览)(?:日期|时间|于))"
            r"[^\d\n]{0,12}(?:1[5-9]|20)\d\d(?:\s*[-./年]\s*\d{1,2}(?:\s*[-./月]\s*\d{1,2}日?)?)?")
_NOT_PUBLISHED = re.compile(r"\[\s*\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}\s*\]|"
                            r"\[(?:[A-Z]{1,2}(?:/OL)?|\d{1,3})\]|https?://\S+|" + _READ_ON,
                            re.I)
# a day written whole, as GB/T 7714 dates a newspaper, a patent or an online work's update
# ("中国青年报, 2000-11-20(15)", "(2001-12-19)[2002-04-15]")
_ISO_DAY = re.compile(r"(?<![\d-])(1[5-9]\d\d|20\d\d)-(\d\d)-(\d\d)(?![\d-])")
# a year after a GB/T code, or a day written whole (:func:`_gbt_year_after_the_code`)
_YEAR_OR_DAY = re.compile(_YEAR_NOT_A_PAGE.pattern + r"|" + _ISO_DAY.pattern)


def _publication_date(text: str, item: dict[str, Any]) -> dict[str, Any]:
    """``item`` dated by what the reference prints of its publication: no ``issued`` where
    the only date is when it was read (``[EB/OL]. [2012-03-27]``, ``Accessed 2021-03-05``),
    and the day where it prints the day whole outside its title (a newspaper's issue is
    that day's, not the year's)."""
    if "issued" not in item:
        return item
    year = item["issued"]["date-parts"][0][0]
    published = _NOT_PUBLISHED.sub(" ", text)
    if str(year) not in published:
        del item["issued"]
        return item
    title = item.get("title") or ""
    for day in _ISO_DAY.finditer(published):
        y, m, d = (int(part) for part in day.groups())
        if y != year or day.group(0) in title:
            continue
        with contextlib.suppress(ValueError):
            datetime.date(y, m, d)
            item["issued"] = {"date-parts": [[y, m, d]]}
            break
    return item


# after "//": the host's responsible persons, perhaps with their role ("王五, 主编", "JONES K,
# eds"), ended by a full stop, then the host's title
_EDITOR_ROLE = r"(?:\s*,?\s*(?:主编|编著|编)|(?:\s*,\s*|\s+)(?:eds?\b\.?|\(eds?\.?\)))"
_HOST_PERSONS = re.compile(r"\]\s*//\s*(?P<names>[^.．。\d\[\]:：]{1,80}?)"
                           rf"(?P<role>{_EDITOR_ROLE})?\s*[.．。]\s*(?P<title>\S)", re.I)
# after the code, the translators: "金吾伦, 胡新和, 译.", "李四, 编译.", "MARSDEN W, trans."
# (a comma before "trans.": "IEEE Trans. Pattern Anal." is a journal)
_TRANSLATORS = re.compile(r"[.．。]\s*(?P<names>[^.．。\d\[\]:：]{1,80}?)"
                          r"(?:(?:\s*,\s*|\s+)(?:主译|编译|审译|校译|译|譯)|\s*,\s*trans(?:lated)?\.?)"
                          r"\s*[.．。]", re.I)
# and the edition: "2 版", "第 2 版", "修订版", "4th ed.", "Rev. ed."
_EDITION = re.compile(r"[.．。]\s*(\d{1,2}(?:st|nd|rd|th)?\s*(?:版|ed\.?|edn\.?|edition)|"
                      r"修订版|增订版|第\s*[一二三四五六七八九十\d]{1,3}\s*版|"
                      r"rev(?:ised)?\.?\s*ed(?:ition|n?\.)?)\s*(?=[.．。]|$)", re.I)
_NO_PERSONS = re.compile(r"\s*(?:vol|no|in|pp?|eds?)\s*$", re.I)  # "[M]// Vol. …"


# "…论文集, 1999: 78-84", "…论文集. 2001: 12-15" (no imprint)
_HOST_ENDS = re.compile(r"[,，.．。]\s*\[?(?:1[5-9]|20)\d\d\b")


def _host_after_the_slashes(text: str) -> tuple[str, re.Match[str] | None] | None:
    """What a part's reference prints after "//" and before the imprint (or the year), and
    the match that ended it (None: the text's end); None where no "//" follows a code."""
    part = _GBT_PART.search(text)
    if part is None:
        return None
    after = text[part.end():]
    end = _IMPRINT.search(after) or _HOST_ENDS.search(after)
    return after[:end.start() if end else len(after)], end


def _gbt_host_title(found: tuple[str, re.Match[str] | None], item: dict[str, Any]) -> None:
    """The title of the Chinese book or proceedings a part is in, written after "//" and
    before the imprint (``found``, :func:`_host_after_the_slashes`): alone (``[C]//第五届全国计
    算语言学联合学术会议论文集. 北京: …``) or after those responsible for it (``[C]//中国自动化学会.
    2021 中国自动化大会论文集. 北京``), where the tagger found none or took those responsible
    for it; a volume after it (``鲁迅全集: 第 1 卷``) is its volume."""
    host, end = found
    if not _has_cjk(host):
        return
    segments = [seg.strip() for seg in re.split(r"[.．。]\s*", host) if seg.strip()
                and not _EDITION.match("." + seg.strip())]
    if len(segments) > 1 and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", segments[-1]) and end \
            and end.re is _HOST_ENDS:  # the place of a meeting without a publisher: "…论文
        place = segments.pop()  # 摘要集. 成都, 2021: 45-46." (no title is so short)
        container = item.get("container-title", "")
        trimmed = re.sub(r"\s*[.．。]\s*" + re.escape(place) + "$", "", container)
        if container == place:  # (the place read as the proceedings: "…论文集. 海口, 2020")
            del item["container-title"]
            item.setdefault("publisher-place", place)
        elif container and trimmed != container:
            item["container-title"] = trimmed
    container = item.get("container-title")
    if container and segments and segments[-1].startswith(container) and \
            re.fullmatch(r"\s*(?:1[5-9]|20)\d\d", segments[-1][len(container):]) and end and \
            end.re is _IMPRINT:  # a yearbook's year is its title's ("中国哲学年鉴2015"), the
        item["container-title"] = segments[-1]  # imprint's (its match ends with it) the work's
        item["issued"] = {"date-parts": [[int(end.group(0)[-4:])]]}
        return
    # (the tagger's container a piece of the host's one title: "明史研究论丛(第十六辑)" read as
    # "第十六辑")
    cut = len(segments) == 1 and container and container != segments[0] and \
        container in segments[0] and not re.search(r"[(（]第?[\d一二三四五六七八九十]{1,3}版[)）]",
                                                  segments[0])  # (an edition apart)
    if container and not (len(segments) > 1 and container == segments[0]) and not cut:
        return
    if not segments or len(segments) > 2:
        return
    item["container-title"], volume = _gbt_title_and_volume(segments[-1])
    if volume:
        item.setdefault("volume", volume)


# a publisher named alone after the proceedings, no place before it: "…Machine Learning.
# PMLR, 2021: 8748-8763", "…Systems. Curran Associates, 2017"; an acronym, or words a
# publisher's name ends with (not the meeting's city, "Las Vegas, 2016", nor "Part III")
_WORDS_AFTER_A_HOST = re.compile(r"(?>[A-Z][\w&'-]*+\.?\s?){1,3}")  # (atomic: no backtracking)
_PUBLISHER_ALONE = re.compile(r"[A-Z]{2,8}|(?:[A-Z][\w&'-]*\s){0,2}(?:Associates|Press|Publishers?|"
                              r"Publishing|Springer|Elsevier|Wiley|Verlag|Books|Inc\.?|Ltd\.?)")


def _english_host_title(found: tuple[str, re.Match[str] | None], item: dict[str, Any]) -> None:
    """The proceedings' or book's title after "//" in a reference in English (``found``, as
    :func:`_host_after_the_slashes` reads it), where the tagger took only its end
    (``[C]//Computer Vision – ECCV 2018. Cham: Springer``: "ECCV 2018") or took the
    publisher named alone after it into it (``[C]//Proceedings of the 38th International
    Conference on Machine Learning. PMLR, 2021``)."""
    host, end = found
    container = item.get("container-title", "")
    if not container or _has_cjk(host):
        return
    host = host.strip().rstrip(".．。").strip()
    segments = [seg.strip() for seg in re.split(r"[.．。]\s+", host) if seg.strip()]
    if len(segments) == 1 and host.endswith(container) and host != container:
        item["container-title"] = host  # one sentence: no editors before it, all its title
    elif len(segments) == 2 and end is not None and end.re is _HOST_ENDS \
            and container.rstrip(".") == host and _WORDS_AFTER_A_HOST.fullmatch(segments[1]) \
            and len(segments[0].split()) > 3:
        item["container-title"] = segments[0]  # (a publisher, the meeting's city, a part)
        if _PUBLISHER_ALONE.fullmatch(segments[1]):
            item.setdefault("publisher", segments[1])


_SYLLABLE_RE = re.compile(_SYLLABLE, re.I)


def _pinyin_given_name(word: str) -> bool:
    """Whether ``word`` may be a Chinese given name in pinyin: one or two syllables (a
    hyphen between them or not), none the consonant-and-o of Japanese ("Sato", "Kato": pinyin
    puts o alone after b, p, m, f, l, y and w only)."""
    syllables = [s for part in word.split("-") for s in _SYLLABLE_RE.findall(part)]
    return bool(_PINYIN.fullmatch(word)) and 1 <= len(syllables) <= 2 and not re.search(
        r"(?:^|[^aeiouvbpmflyw])o(?:[^ngu]|$)", word.casefold())


_VANCOUVER_INITIALS = re.compile(r"[A-Z]{1,3}")
_CJK_TITLE = re.compile(r"[\u4e00-\u9fff]")


def _pinyin_names_family_first(item: dict[str, Any], text: str) -> None:
    """Chinese names in pinyin are written family first in GB/T 7714, whatever the case
    ("Wang Shaoguang, Hu Angang. The Political Economy…[M]"): where the reference has a type
    code, a list of names of two pinyin words read as given then family, each first word a
    surname, is turned round. Only where one of them cannot be read the other way, its
    second word no surname: "Wei Zhang, Yan Li" (given names that are surnames too) is an
    English-language paper's list, given names first, as often; but a work titled in Chinese
    ("Wang Wei. 中国古代史[M]") names its Chinese authors family first, whichever way the
    names could be read."""
    authors = item.get("author") or []
    if not authors or gbt_code(text) is None:
        return
    turned = []
    for person in authors:
        given, family = person.get("given", ""), person.get("family", "")
        if ("-" in given and family.casefold() in PINYIN_SURNAMES or
                _VANCOUVER_INITIALS.fullmatch(given)) and f"{family} {given}" in text:
            # read family first already: by its hyphen ("Xu Xian-xiang"), or a foreign
            # name with its initials ("Peters J") among the Chinese ones
            turned.append(person)
            continue
        if not (given and family and " " not in given and " " not in family
                and given.casefold() in PINYIN_SURNAMES and given[:1].isupper()
                and not given.isupper() and _PINYIN.fullmatch(given)
                and _pinyin_given_name(family) and f"{given} {family}" in text):
            return  # every name, or none: a list is written one way
        turned.append({"family": given, "given": family})
    if _CJK_TITLE.search(str(item.get("title") or "")) or any(
            person["given"].casefold() not in PINYIN_SURNAMES for person in turned):
        item["author"] = turned


def _gbt_roles(text: str, item: dict[str, Any]) -> dict[str, Any]:
    """Who else a GB/T 7714 reference names, and its edition: who is responsible for the
    book a part is in, written after "//" before the book's title (``[M]// 许厚泽, 赵其国.
    长江流域洪涝灾害与科技对策``): its editors where their role says so (``主编``, ``eds``),
    else the book's authors as far as the reference tells (CSL's ``container-author``:
    ``王夫之. 船山全书`` wrote it); the translators (``金吾伦, 胡新和, 译``) and the edition
    (``2 版``, ``4th ed.``; never of a newspaper, whose ``第4版`` is its page) after the
    type code. The tagger gives none of them a field."""
    code = _gbt_mark(text)
    if code is None:
        return item
    # (read once, for the book's title in either script)
    after_slashes = _host_after_the_slashes(text)
    if after_slashes is not None:
        _gbt_host_title(after_slashes, item)
    container = (item.get("container-title") or "").strip()
    place, publisher = item.get("publisher-place") or "", item.get("publisher") or ""
    imprint = re.search(rf"(?:^|[.．。]\s*){re.escape(place)}\s*[:：]\s*"
                        rf"{re.escape(publisher)}$", container) if place and publisher \
        else None
    if imprint and imprint.start() > 0:
        # the host's title with the imprint after it ("Proceedings of ICC. Piscataway:
        # IEEE", "…Operating Systems Principles. Stroudsburg: ACM"): the title alone
        item["container-title"] = container = container[:imprint.start()]
    if after_slashes is not None:
        _english_host_title(after_slashes, item)
    container = (item.get("container-title") or "").strip()
    host = _HOST_PERSONS.search(text, code.start())
    if host and not _NO_PERSONS.match(host.group("names")):
        names = host.group("names").strip()
        if imprint and imprint.start() == 0 and container != names:
            # the tagger took the imprint ("上海: 上海古籍出版社") for the host; the words
            # after "//" are its title
            item["container-title"] = container = names
        if container and container != names and text.startswith(container, host.start("title")):
            people = split_authors(host.group("names"))
            if people:
                item.setdefault("editor" if host.group("role") else "container-author", people)
    translators = _TRANSLATORS.search(text, code.end())
    if translators:
        people = split_authors(translators.group("names"))
        if people:
            item.setdefault("translator", people)
    edition = _EDITION.search(text, code.end()) if code.group(1).split("/")[0] != "N" else None
    if edition:  # a number as CSL's edition is one ("2 版", "2nd ed." are 2), else as printed
        number = re.search(r"\d+", edition.group(1))
        item.setdefault("edition", number.group(0) if number else edition.group(1))
    return item


def _author_texts(item: dict[str, Any]) -> list[str]:
    return [a.get("literal") or (a.get("family", "") + a.get("given", ""))
            for a in item.get("author") or []]


# Japanese references: an article's title in 「」, the journal's or book's in 『』, names joined
# by "・" (a katakana name's own "・" is no join: "ミシェル・フーコー"), 巻 and 号 the volume and
# issue, 頁 the pages: "山田太郎「…」『人口問題研究』第75巻第2号、2019年、45-67頁。",
# "中村元『東洋人の思惟方法』第1巻、春秋社、1961年、123頁。", "日本化学会編『化学便覧 基礎編』…"
_JAPANESE = re.compile(
    # (after a note's number, "1）", "(3)", and a note's pointer to an earlier one, "前掲注（2）")
    r"^\s*(?:\d{1,3}\s?[).]\s*|\(\d{1,3}\)\s*|(?:前掲|前出|上掲)(?:注\s*\(?\d{1,3}\)?)?\s*)?"
    r"(?P<names>[^「」『』《》、,，。.．:：()（）\[\]\s]{1,40}?)\s*(?:[(（](?:1[5-9]|20)\d\d[)）])?"
    r"\s*[:：]?\s*"
    r"(?:「(?P<title>[^「」]{1,200})」[、,，]?\s*(?:(?P<editors>[^「」『』、,，。]{1,30}?)編\s*)?)?"
    r"(?:『(?P<container>[^『』]{1,200})』|(?<=」)|(?<=」[、,，]))")
_JA_VOLUME = re.compile(r"第\s*(\d+)\s*巻")
_JA_ISSUE = re.compile(r"(?:第\s*)?(\d+)\s*号")
_JA_PAGES = re.compile(r"(\d+(?:\s*[-–]\s*\d+)?)\s*頁")


# a Chinese book or report written as GB/T 7714 writes one, but with no type code: "国家卫生
# 健康委员会．中国居民健康素养监测报告（2023年）．北京：人民卫生出版社，2024．" (its author, its
# title, then its place, publisher and year; the tagger takes the author for the title)
_CHINESE_BOOK_UNCODED = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?(?P<names>[\u4e00-\u9fff]{{2,30}}(?:\s*[,、]\s*[\u4e00-\u9fff]{{2,4}})*"
    r"(?:\s*[,、]?\s*等)?)\s*\.\s*(?P<title>[^.\[\]]{2,200}?)\s*\.\s*"
    r"(?P<place>[\u4e00-\u9fff]{2,8})\s*:\s*(?P<publisher>[^,.:]{2,40}?)\s*,\s*"
    r"(?P<year>(?:1[5-9]|20)\d\d)\s*\.?\s*$")


def _chinese_book_without_its_code(item: dict[str, Any], text: str) -> None:
    """Such a book's fields, as the form places them."""
    found = _CHINESE_BOOK_UNCODED.match(text) if gbt_code(text) is None else None
    if found is None:
        return
    persons = split_authors(found["names"])
    if persons:
        item["author"] = persons
    item["title"] = found["title"].strip()
    item.pop("container-title", None)
    item["publisher-place"] = found["place"]
    item["publisher"] = found["publisher"].strip()
    item["issued"] = {"date-parts": [[int(found["year"])]]}


# Japanese engineering societies' form (JSCE, AIJ): the names, a colon, then the title and the
# journal between commas: "田中健一, 鈴木洋子, 渡辺誠: 豪雨時における…手法, 土木学会論文集B1
# (水工学), Vol. 75, No. 4, …" (the tagger runs the last name into the title)
_JA_NAME = r"[\u4e00-\u9fff々\u3041-\u3096\u30a1-\u30fa\u30fc]{2,8}"
_NAMES_THEN_COLON = re.compile(
    rf"^\s*(?:\d{{1,3}}\s?[).]\s*|\[\d{{1,3}}\]\s*)?(?P<names>{_JA_NAME}"
    rf"(?:\s*[,，、・]\s*{_JA_NAME}){{0,30}})\s*[:：]\s*(?P<title>[^,，、:：「『《]{{2,200}}?)"
    r"\s*[,，、]")


def _names_before_a_colon(item: dict[str, Any], text: str) -> None:
    """The names before the colon of that form, each whole, and the title after it, where the
    tagger took the last name for the title's beginning."""
    found = _NAMES_THEN_COLON.match(text) if gbt_code(text) is None else None
    if found is None:
        return
    names = [n.strip() for n in re.split(r"[,，、・]", found["names"])]
    if not re.match(rf"{re.escape(names[-1])}\s*[:：]", item.get("title", "")):
        return
    item["author"] = [{"family": name} for name in names]
    item["title"] = found["title"].strip()
    journal = _JA_JOURNAL_AFTER_THE_TITLE.match(text, found.end())
    if journal is None:
        return
    container = str(item.get("container-title") or "")
    if not container or container != journal["journal"] and (
            container in journal["journal"] or container in (journal["volume"] or "")):
        item["container-title"] = journal["journal"]  # (none read, a piece of it, or the
        # volume's letters: "J" of "Vol. J102-D")
    volume = str(item.get("volume") or "")
    if journal["volume"] and volume and volume != journal["volume"] and \
            volume in journal["volume"]:
        item["volume"] = journal["volume"]  # its letters kept: "Vol. J102-D", "2019-CH-121"


# ... the journal or proceedings after the title, between commas, before the numbers: "情報処理
# 学会研究報告, Vol. 2019-CH-121, No. 12, pp. 1–6", "日本ソフトウェア科学会第37回大会論文集, pp."
# (a society's volume numbered with its series' letters)
_JA_JOURNAL_AFTER_THE_TITLE = re.compile(
    r"\s*(?P<journal>[^\s,，、:：「『《][^,，、:：「『《]{1,79}?)\s*[,，]\s*"
    r"(?=(?:Vol\.\s*(?P<volume>[A-Z]{0,2}\d[\w-]{0,20}?)\s*[,，]|No\.|pp?\.))")


def _japanese_marks(item: dict[str, Any], text: str) -> None:
    """A Japanese reference read by its marks: the names before the first 「 or 『 (each a
    person where "・" joins names in kanji; "編" after them says they edited the book, no
    author), the title in 「」 and the journal or book in 『』 after it, or the book's
    title in 『』 alone; and the numbers after the marks (巻, 号, 頁, 年)."""
    # (not "王明. 论『红楼梦』的叙事[J]", "王明：《论『红楼梦』…》": no full stop, colon or 《 in
    # the names)
    found = _JAPANESE.match(text) if gbt_code(text) is None else None
    if found is None:
        return
    names = found["names"].strip()
    if names.endswith("編"):
        item.pop("author", None)  # "日本化学会編『…』": the book's editor, no author
    elif names:
        parts = names.split("・")
        people = parts if all(_KANJI_NAME.fullmatch(p) for p in parts) else [names]
        item["author"] = [{"literal": p} if not _KANJI_NAME.fullmatch(p) else
                          {"family": p} for p in people]
    if found["title"] and found["container"] is None:  # a report or a page: 「」 alone
        item["title"] = found["title"].strip()
        if "「" in item.get("container-title", "」") or "」" in item.get("container-title", ""):
            del item["container-title"]
    elif found["title"]:
        item["title"] = found["title"].strip()
        item["container-title"] = found["container"].strip()
    else:
        item["title"] = found["container"].strip()
        item.pop("container-title", None)
    rest = text[found.end():]
    numbers = _marked_numbers(rest, _JA_VOLUME, _JA_ISSUE, _JA_PAGES)
    item.update(numbers)
    for key in ("volume", "issue"):
        if key in numbers:
            continue
        if not found["title"]:
            item.pop(key, None)  # a book's page is no volume
        elif key == "volume" and "volume" in item and re.search(
                rf"(?<!\d){re.escape(item['volume'])}\s*[月日]", rest) and not re.search(
                rf"(?:[Vv]ol\.?|第)\s*{re.escape(item['volume'])}(?!\d)", text):
            del item["volume"]  # "2008年8月": a month is no volume
    year = _CN_YEAR.search(rest)
    if year:
        item["issued"] = {"date-parts": [[int(year.group(1))]]}
