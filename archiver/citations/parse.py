"""Parse one printed reference string into CSL-JSON fields.

Why a sequence model: reference styles disagree on order and punctuation (APA puts the year after
the authors, Vancouver after the journal, MLA hides the volume in ``52.1``, GB/T 7714 marks the
title with ``[J]``), so hand-written rules either stay narrow or break each other. As AnyStyle and
GROBID do, the string is cut into tokens, each token gets a bag of cheap observations (shape,
script, punctuation, position, neighbouring words, small word lists, quote/bracket context,
GB/T document-type markers), and a linear-chain CRF (python-crfsuite) picks one label per token:
``author title container volume issue page year doi``, ``other`` before the first field, and
``o-<field>`` for anything else after a field (``o-title`` is the ". " or the publisher after a
title: a first-order CRF only sees the previous label, and plain ``other`` between fields hid
from it which field came before). The labels are then turned into
CSL-JSON deterministically: the author span is split into persons, surrounding punctuation and
quotes are stripped, pages are normalised, the year is read from the year token, and the DOI is
taken by pattern from the whole string (a DOI is easier to find with a regular expression than
with a tagger, and PDF-extracted DOIs are often broken by spaces).

The model is trained by ``bench/train_refs.py`` (see ``docs/refs.md``) and loaded lazily, once,
from ``archiver/citations/models/refs.crfsuite``. ``parse_reference`` never raises on any input
string: it returns ``{}`` when nothing could be parsed, or the fields it found.
"""

from __future__ import annotations

import _thread
import contextlib
import datetime
import logging
import os
import re
import unicodedata
import warnings

from archiver.citations.extract import (
    DOI_RE,
    doi_rejoined,
    is_meetings_year,
    normalise_doi,
    unescape_entities,
    without_list_number,
    without_marks,
)

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any

__all__ = ["FIELDS", "LABELS", "Token", "clean_text", "features", "find_doi", "parse_reference",
           "split_authors", "tag", "tokenize"]

FIELDS = ("author", "title", "container", "volume", "issue", "page", "year", "doi")
# what the tagger may answer: a field, "other" before any field, "o-<field>" after one
LABELS = (*FIELDS, "other", *(f"o-{f}" for f in FIELDS))

# Longer strings are not references; tagging them whole would only cost time.
MAX_CHARS = 3000

# -- tokens ----------------------------------------------------------------------------------------

# Words are matched by one cheap pattern and cut by script in Python (``tokenize``): character
# classes over the CJK ranges would take milliseconds each to compile at import.
_TOKEN = re.compile(
    r"(?P<U>(?:https?://|ftp://|www\.)[^\s<>\"]+)"
    r"|(?P<D>10\.\d{4,9}/[^\s<>\"]+)"
    r"|(?P<W>[^\W\d_]+)"
    r"|(?P<N>\d+)"
    r"|(?P<P>\S)"
)


def _is_han(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs, extension A, compatibility)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def _is_cjk(ch: str) -> bool:
    """Chinese, Japanese kana or Korean hangul (range tests: see _TOKEN)."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xAC00 <= o <= 0xD7AF
            or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F)


def _has_cjk(text: str) -> bool:
    return any(_is_cjk(c) for c in text)


def _all_han(text: str) -> bool:
    return bool(text) and all(_is_han(c) for c in text)


# kana, without the marks Chinese text writes too: the middle dot of a foreign name
# (约翰・洛克) and the prolonged sound mark
KANA = re.compile("[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fd\u30fe\u31f0-\u31ff]")


def _all_japanese(text: str) -> bool:
    """Kanji, kana and the iteration mark 々 alone: a Japanese name's family or given name
    (佐々木, ルミ)."""
    return bool(text) and all(_is_han(c) or c in "々ー" or KANA.match(c) for c in text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


class Token:
    """One token: its text, its character offsets in the cleaned string, and its kind.

    Kinds: U url, D doi, C Chinese characters (a run), K kana, H hangul, L Latin-script word,
    N digits, P one punctuation character. Offsets let spans be cut from the original text so
    that a title keeps its spacing and inner punctuation.
    """

    __slots__ = ("end", "kind", "space_after", "space_before", "start", "text")

    def __init__(self, text: str, start: int, end: int, kind: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.space_before = False
        self.space_after = False

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.kind})"


# A footnote's signal before the work it points to ("1. See Clifford Geertz, The
# Interpretation…", "Cf. Eric Hobsbawm, …", "See, e.g., …", "For a different view, see …"):
# no part of the reference. Only before a name written whole ("See RH, Jones K" is an author)
_SIGNAL = re.compile(r"^((?:\[\d{1,3}\]|\d{1,3}[.)])\s*)?"
                     r"(?:(?:For [a-z][\w ]{0,40}?,\s+)?[Ss]ee(?:,?\s+e\.g\.,?|\s+also)?|"
                     r"[Cc]f\.|[Cc]ompare|[Ee]\.g\.,)\s+(?=[A-Z][a-z]+[\s,])")


# an old-style arXiv identifier, its archive spaced as a PDF may ("hep-th/9802150",
# "math.AG/0101001", "hep -lat/0602031")
_OLD_ARXIV_ID = r"[a-z]+(?:\s?-\s?[a-z]+)?(?:\.[A-Z]{2})?\s?/\s?\d{7}"
# ... or a new-style one, spaced as a PDF may ("1202.2281", "1511 .09222", "1706.03762v2")
_ARXIV_ID = rf"(?:\d{{4}}\s?\.\s?\d{{4,5}}(?:v\d+)?|{_OLD_ARXIV_ID})"
# a year in brackets, as physics references print it ("(2012)", "( 2011)")
_BRACKETED_YEAR = r"\(\s?(?:1[5-9]|20)\d\d[a-z]?\s?\)"

# The e-print and database tags a physics reference ends with (JHEP's and INSPIRE's style:
# "… 2 (1998) 253 [hep-th/9802150] [INSPIRE].", "… 716 (2012) 1 [arXiv:1207.7214]"): no
# field of the work, and they put the tagger off the pages before them
_E_PRINT_TAGS = re.compile(
    r"(?:\s*\[\s?(?:arXiv\s?:[^\[\]]{1,40}(?:\[[^\[\]]{1,16}\])?|"
    rf"{_OLD_ARXIV_ID}|\d{{4}}\.\d{{4,5}}(?:v\d+)?|INSPIRE|ADS|NASA ADS)\s?\])+\s*[.;]?$")
# (a PDF's text: "[ INSPIRE]", "[arXiv :1302.3028[hep -lat]]", "[ hep -lat/0602031];")
# ... or, after the pages and the year in brackets, with a comma and no brackets, the e-print
# ("… 054009 (2012), 1202.2281", "… (2004), hep-ph/0312367", "…( 2011),arXiv :1106.3076[
# hep-ph].") or an erratum's reference ("… 497 (1987), [Erratum:Z .Phys .C42,504(1989)].",
# "…014035 ,Erratum ibid .D86 ( 2012)079901")
_E_PRINT_NOTE = re.compile(
    rf"(?<=[\d)])\s?,\s?(?:arXiv\s?:\s?)?{_ARXIV_ID}"
    r"(?:\s?\[\s?[a-z]+(?:\s?-\s?[a-z]+)?(?:\.[A-Z]{2})?\s?\])?\s?\.?$")
_ERRATUM_NOTE = re.compile(r"(?<=[\d)])\s?[,;]?\s?(?P<open>\[)?\s?Erratum\b[^\[\]]{0,80}"
                           r"(?(open)\])\s?\.?$")
# ... and the Institute of Physics' e-print in round brackets, whatever precedes it ("… 2014
# ApJL 792 L32 (Preprint 1404.4817)", "… A&A 597 A6 ( Preprint1609 .07416)")
_PREPRINT_NOTE = re.compile(rf"\s?\(\s?(?:Preprint|arXiv\s?:)\s?{_ARXIV_ID}\s?\)\s?\.?$")
_NUMBERS_BEFORE_A_NOTE = re.compile(rf"(?:\d[\s,]*{_BRACKETED_YEAR}|"
                                    rf"{_BRACKETED_YEAR}\s?[A-Z]?\d+(?:\s?[-–]\s?[A-Z]?\d+)?)"
                                    r"(?:\s?,?\s?doi\s?:?\s?10\.\S+)?\s*$")  # (a DOI between)
_YEAR_IN_BRACKETS = re.compile(_BRACKETED_YEAR)


def _without_notes(text: str) -> str:
    """``text`` without the e-print and erratum notes after the numbers of a journal's
    issue and its year in brackets (:data:`_E_PRINT_NOTE`, :data:`_ERRATUM_NOTE`; not "…
    Supermanifolds over P 2 , arXiv:1706.01354", a title's number, nor "…, preprint (2002),
    arXiv:math/0211159", where the e-print is where the work is found); and without an
    e-print in round brackets ending the Institute of Physics' title-less form
    (:data:`_PREPRINT_NOTE`, :data:`_IOP_FORM`; not "… Attention is all you need
    (arXiv:1706.03762)", nor "… and beyond Quantum 2 79 (arXiv:1801.00862)", a title's
    form the tagger reads better with it)."""
    cut = _PREPRINT_NOTE.search(text)
    if cut and _iop_title_less(text[:cut.start()]):
        text = text[:cut.start()]
    year = _YEAR_IN_BRACKETS.search(text)
    if year is None:
        return text
    for note in (_E_PRINT_NOTE, _ERRATUM_NOTE):
        cut = note.search(text, year.start())
        if cut and _NUMBERS_BEFORE_A_NOTE.search(text, 0, cut.start()):
            text = text[:cut.start()]
    return text


# What a PDF's text layer leaves in a Chinese reference: the Wanfang database's watermark
# ("万方数据 自然资源学报"), and characters spaced one by one ("王 飞 跃 . 平 行 系 统"; three or
# more single characters in a row, not names two a piece, "张三 李四"), with the type code
# spaced too ("[ J]")
_WATERMARK = re.compile(r"万方数据\s*")
_SPACED_OUT = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}"
                         r"(?![\u4e00-\u9fff])")
_GBT_CODE_SPACED = re.compile(r"\[\s*([A-Z](?:/OL)?)\s*\]")


# what a PDF's page puts inside a reference that runs over its foot or head: PubMed
# Central's "NIH-PA Author Manuscript" and "Author manuscript; available in PMC 2013 May 1",
# a page count ("Page 14 of 22"), a journal site's running head ("www.nature.com/
# scientificreports/")
_PAGE_FURNITURE = re.compile(
    r"\s*\b(?:NIH-PA Author Manuscript|Author manuscript; available in PMC \d{4}"
    r"(?: [A-Z][a-z]{2,8})?(?: \d{1,2})?\.?|Page \d{1,4} of \d{1,4}|www\.nature\.com/[a-z]+/)"
    r"(?=\s|$)")


# a PDF's text layer moving the space before a comma or full stop instead of after it ("S.
# Pfotenhauer ,H .Schwoerer ,E .Rohwer", "Phys .Rev .Lett .103 ,035002 ( 2009 ).")
_SPACE_BEFORE_MARK = re.compile(r"(?<=[^\W_]) (,)(?=[^\W_])|"
                                r"(?<=[^\W_]) (\.)(?=[A-ZÀ-Þ](?:[a-zß-ÿ]|\s|\.))|"
                                r"(?<=[^\W\d_]) (\.)(?=\d)|"
                                r"(?<=[^\W_]) (,) ")
# (not ".NET", "Node .js", "p < 0 .05", French "clairvoyance : leurs")
_SPACE_INSIDE_BRACKET = re.compile(r"(?<=\() (?=\d)|(?<=\d) (?=\))")
# a range of numbers with a wave dash, as Chinese and Japanese print it ("1518～1523", NFKC's
# "~"; "〜"): a hyphen
_WAVE_DASH_RANGE = re.compile(r"(?<=\d)\s?[~〜]\s?(?=\d)")

def clean_text(text: str) -> str:
    """NFKC (full-width punctuation and ligatures become plain), no control characters or lone
    surrogates (CRFsuite needs valid UTF-8), whitespace collapsed, capped at MAX_CHARS;
    without what an editor adds that no style prints (:func:`extract.without_marks`),
    a footnote's signal (:data:`_SIGNAL`), a physics reference's e-print tags
    (:data:`_E_PRINT_TAGS`) and what a PDF leaves in one (:data:`_PAGE_FURNITURE`,
    :data:`_WATERMARK`, :data:`_SPACED_OUT`, :data:`_SPACE_BEFORE_MARK`)."""
    if not isinstance(text, str):
        return ""
    text = _CONTROL.sub(" ", text[: MAX_CHARS * 2])
    text = unescape_entities(text)  # copied from a web page: "949&#8211;961"
    text = without_marks(text)
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)  # NFKC can expand into new control-free text only, but be sure
    text = _SIGNAL.sub(r"\1", " ".join(text.split())[:MAX_CHARS], count=1)
    text = _WATERMARK.sub("", _E_PRINT_TAGS.sub("", text))
    text = _PAGE_FURNITURE.sub(" ", text)
    text = _without_notes(_SPACE_INSIDE_BRACKET.sub("", _SPACE_BEFORE_MARK.sub(
        lambda m: m.group(m.lastindex) + " ", text)))
    text = _WAVE_DASH_RANGE.sub("-", text)
    if _SPACED_OUT.search(text):  # "王 飞 跃 . 平 行 系 统 … [ J]": as printed, unspaced
        text = _GBT_CODE_SPACED.sub(r"[\1]", _SPACED_OUT.sub(
            lambda m: m.group(0).replace(" ", ""), text))
    return text


def _script(ch: str) -> str:
    """Token kind of one letter: C Chinese, K kana, H hangul, L any other script."""
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "C"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF:
        return "K"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "H"
    return "L"


def tokenize(text: str) -> list[Token]:
    """Split a cleaned reference string into tokens (see Token for the kinds): a run of letters
    of one script is one token (so 王进玉 and Smith are one token each, and 分析Y is two)."""
    tokens: list[Token] = []
    pos = 0
    while True:
        m = _TOKEN.search(text, pos)
        if m is None:
            break
        kind = m.lastgroup or "P"
        start, end = m.span()
        pos = end
        if kind == "W":
            if text.isascii() or m.group(0).isascii():
                tokens.append(Token(m.group(0), start, end, "L"))
                continue
            i = start
            while i < end:  # cut the run where the script changes
                run = _script(text[i])
                j = i + 1
                while j < end and _script(text[j]) == run:
                    j += 1
                tokens.append(Token(text[i:j], i, j, run))
                i = j
            continue
        if kind == "D" and not m.group(0).isascii():
            for k in range(start, end):  # a DOI ends where CJK text starts
                if _script(text[k]) != "L":
                    end = pos = k
                    break
            if text[end - 1] == "/":  # nothing left after "10.1234/": not a DOI
                dot = start + 2
                for a, b, kd in ((start, dot, "N"), (dot, dot + 1, "P"), (dot + 1, end - 1, "N"),
                                 (end - 1, end, "P")):
                    tokens.append(Token(text[a:b], a, b, kd))
                continue
        tokens.append(Token(text[start:end], start, end, kind))
    for i, tok in enumerate(tokens):
        tok.space_before = i > 0 and tokens[i - 1].end < tok.start
        tok.space_after = i + 1 < len(tokens) and tokens[i + 1].start > tok.end
    return tokens


# -- features --------------------------------------------------------------------------------------

_LEX: dict[str, str] = {}
for _group, _words in {
    "vol": "vol vols volume volumes bd jg jahrgang tome tomo t 卷 册",
    "no": "no nos nr num number issue iss heft fasc n 期",
    "pp": "p pp page pages pg s ss 页",
    "in": "in",
    "ed": "ed eds edn edited editor editors ed by hrsg hg trans transl translated 主编 编 译 著 "
          "编著 校注 整理 版 修订版",
    "etal": "et al others 等 外 人",
    "di": "第 次",
    "nian": "年 月 日",
    "and": "and und et y e",
    "month": "jan january feb february mar march apr april may jun june jul july aug august sep "
             "sept september oct october nov november dec december spring summer autumn fall "
             "winter",
    "pub": "press university univ publisher publishers publishing verlag books co inc ltd "
           "editions éditions edition 出版社 书局 出版 大学",
    "jour": "journal j journals proceedings proc conference conf symposium workshop review rev "
            "transactions trans bulletin bull annals ann acta letters lett research res science "
            "sci quarterly magazine studies international int meeting 学报 杂志 期刊",
    "avail": "available retrieved accessed online url http https doi pmid pmcid issn isbn "
             "arxiv epub",
    "ord": "st nd rd th",
    "thesis": "thesis dissertation phd master diss report tech technical",
}.items():
    for _w in _words.split():
        _LEX.setdefault(_w, _group)

_DOCTYPES = {"J", "M", "C", "D", "R", "S", "P", "N", "A", "G", "Z", "EB", "OL", "DB", "CP",
             "CM", "DS", "K", "J/OL", "M/OL", "C/OL", "EB/OL", "N/OL", "D/OL", "R/OL", "S/OL",
             "P/OL", "A/OL", "DB/OL", "CP/OL", "Z/OL", "G/OL", "CM/OL", "DS/OL"}
_DOCTYPE_RE = re.compile(r"\[([A-Z]{1,2}(?:/OL)?)\]")
_QUOTE_OPENERS = {'"': '"', "“": "”", "«": "»", "„": "“", "‘": "’", "「": "」", "『": "』",
                  "《": "》", "'": "'", "‹": "›"}
_QUOTE_PAIRS_ALL = set(_QUOTE_OPENERS) | set(_QUOTE_OPENERS.values())
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝劉張陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇"
    "呂盧薑鍾譚陸範賈韋鄒閆賀顧龔萬錢嚴湯莊聶魯歐蘭紀單塗駱藍饒賴龍師"
)
_COMPOUND_SURNAMES = {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容",
                      "长孙",
                      "夏侯", "司徒", "令狐", "歐陽", "司馬", "諸葛", "東方", "長孫", "宇文"}


_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$"
                    r"|^(?=[mdclxvi])m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})$")


def _shape(text: str) -> str:
    """Collapsed character-class shape: ``Smith`` -> ``Xx``, ``2019`` -> ``d``, ``J.`` -> ``X.``."""
    out: list[str] = []
    for ch in text[:12]:
        if ch.isdigit():
            c = "d"
        elif ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "C" if _is_cjk(ch) else "x"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _base_features(tok: Token) -> list[str]:
    """Observations about one token alone (no context)."""
    t = tok.text
    low = t.casefold()
    kind = tok.kind
    f = [f"k={kind}"]
    if kind == "L":
        f.append(f"w={low[:20]}")
        f.append(f"sh={_shape(t)}")
        if len(t) == 1 and t.isupper():
            f.append("ini")
        elif t.isupper():
            f.append("up")
            if len(t) <= 3:
                f.append("up3")
        elif t[0].isupper():
            f.append("cap")
        else:
            f.append("lo")
        f.append(f"len={min(len(t), 8)}")
        if _ROMAN.match(t):
            f.append("roman")
        if len(t) > 3:
            f.append(f"s3={low[-3:]}")
    elif kind == "N":
        f.append(f"nd={min(len(t), 6)}")
        n = int(t[:6])
        if _year_like(tok):
            f.append("yr")
        if len(t) <= 2 and n <= 12:
            f.append("small")
        if len(t) <= 3:
            f.append(f"w={low}")
    elif kind == "P":
        f.append(f"w={t}")
    elif kind == "C":
        n = len(t)
        f.append(f"cl={min(n, 9)}")
        f.append(f"c1={t[0]}")
        f.append(f"cz={t[-1]}")
        if n >= 2:
            f.append(f"cz2={t[-2:]}")
            f.append(f"c2={t[:2]}")
        if n <= 6:
            f.append(f"w={t}")
        if 2 <= n <= 4 and (t[0] in _SURNAMES or t[:2] in _COMPOUND_SURNAMES):
            f.append("sur")
    elif kind in "KH":
        f.append(f"cl={min(len(t), 9)}")
    lex = _LEX.get(low)
    if lex:
        f.append(f"lex={lex}")
    elif kind == "C":
        for suffix, group in (("出版社", "pub"), ("大学", "pub"), ("学报", "jour"),
                              ("杂志", "jour"), ("雜誌", "jour"), ("學報", "jour"), ("报", "jour")):
            if t.endswith(suffix) and len(t) > len(suffix):
                f.append(f"lexend={group}")
                break
    if tok.space_before:
        f.append("spb")
    if tok.space_after:
        f.append("spa")
    return f


def doctype_markers(tokens: list[Token]) -> dict[int, str]:
    """Token indices of GB/T 7714 document-type markers ([J], [M], [EB/OL], ...) -> the code."""
    n = len(tokens)
    marker_at: dict[int, str] = {}
    i = 0
    while i < n - 2:
        if tokens[i].text == "[":
            j = i + 1
            parts: list[str] = []
            while j < n and j - i <= 4 and tokens[j].text != "]":
                parts.append(tokens[j].text)
                j += 1
            code = "".join(parts)
            if j < n and tokens[j].text == "]" and code in _DOCTYPES:
                for k in range(i, j + 1):
                    marker_at[k] = code
                i = j
        i += 1
    return marker_at


def _segments(tokens: list[Token]) -> list[int]:
    """Sentence-segment index of every token: a full stop followed by a space (or the end)
    starts a new segment unless it closes an initial ("J." in "Smith, J.")."""
    seg = 0
    out = []
    for k, tok in enumerate(tokens):
        out.append(seg)
        if tok.kind == "P" and tok.text in ".。" and (tok.space_after or k + 1 == len(tokens)) \
                and not _is_initial(tokens, k):
            seg += 1
    return out


def _quote_depths(tokens: list[Token]) -> list[int]:
    """How many quotations each token is inside. Straight quotes open after a space and close
    before one; a closing curly quote followed by a letter is an apostrophe (Paulson’s)."""
    stack: list[str] = []
    out = []
    n = len(tokens)
    for k, tok in enumerate(tokens):
        t = tok.text
        if tok.kind == "P" and t in _QUOTE_PAIRS_ALL:
            nxt_letter = k + 1 < n and not tok.space_after and tokens[k + 1].kind != "P"
            prev_word = k > 0 and not tok.space_before and tokens[k - 1].kind != "P"
            if stack and t == stack[-1] and not (t in "’'" and nxt_letter and prev_word):
                stack.pop()
                out.append(len(stack) + 1)
                continue
            if t in _QUOTE_OPENERS and not (t in "'’\"" and (prev_word or not nxt_letter)) \
                    and len(stack) < 3:
                out.append(len(stack))
                stack.append(_QUOTE_OPENERS[t])
                continue
        out.append(len(stack))
    return out


def features(tokens: list[Token]) -> list[list[str]]:
    """Feature strings for every token: its own observations, its neighbours', and where it
    stands in the string (relative position, sentence segment, quotes/brackets, before or after
    the year, a GB/T [J]/[M]/... marker, a // container marker, a URL)."""
    n = len(tokens)
    if n == 0:
        return []
    base = [_base_features(t) for t in tokens]
    words = [t.text.casefold()[:20] if t.kind in "LPN" or len(t.text) <= 4 else "#" + t.kind
             for t in tokens]
    kinds = [t.kind for t in tokens]
    shapes = [_shape(t.text) if t.kind != "C" else "C" for t in tokens]

    marker_at = doctype_markers(tokens)
    first_marker = min(marker_at) if marker_at else n
    year_idx = [k for k, t in enumerate(tokens) if _year_like(t)]
    first_year = year_idx[0] if year_idx else n
    year_set = set(year_idx)

    segs = _segments(tokens)
    quotes = _quote_depths(tokens)
    nseg = segs[-1] + 1
    seg_len = [0] * nseg
    seg_year = [False] * nseg
    for k, t in enumerate(tokens):
        if t.kind != "P":
            seg_len[segs[k]] += 1
        if k in year_set:
            seg_year[segs[k]] = True
    marker_seg = segs[first_marker] if marker_at else None
    out: list[list[str]] = []
    paren = 0
    bracket = 0
    slashes = False
    url_seen = False
    colon_seg = -1
    for k in range(n):
        tok = tokens[k]
        f = list(base[k])
        seg = segs[k]
        f.append(f"pos={int(8 * k / n)}")
        if k < 3:
            f.append(f"i={k}")
        if k >= n - 2:
            f.append(f"end={n - k}")
        f.append(f"seg={min(seg, 6)}")
        f.append(f"segr={min(nseg - 1 - seg, 4)}")
        f.append(f"segl={_bucket(seg_len[seg])}")
        if seg_year[seg]:
            f.append("segyear")
        if quotes[k]:
            f.append("inq")
        if paren:
            f.append("inpar")
        if bracket:
            f.append("inbrk")
        if colon_seg == seg:
            f.append("segcolon")
        if k in marker_at:
            f.append("mk")
            f.append(f"mk={marker_at[k]}")
        elif marker_seg is not None:
            f.append("bmk" if k < first_marker else "amk")
            mseg = max(-2, min(2, seg - marker_seg))
            f.append(f"mseg={mseg}")
            f.append(f"mseg={mseg}|{tok.kind}")
            if k + 1 in marker_at:
                f.append("premk")
            if k > first_marker:
                f.append(f"amk={marker_at[first_marker][0]}")
        if slashes:
            f.append("aslash")
        if url_seen:
            f.append("aurl")
        if k < first_year:
            f.append("byear")
        elif k > first_year:
            f.append("ayear")
        # neighbours
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                f.append(f"{off}w={words[j]}")
                f.append(f"{off}k={kinds[j]}")
                if off in (-1, 1):
                    f.append(f"{off}sh={shapes[j]}")
            else:
                f.append(f"{off}w=<edge>")
        if k > 0:
            f.append(f"bi={words[k - 1]}|{words[k]}")
        if k + 1 < n:
            f.append(f"bi+={words[k]}|{words[k + 1]}")
        out.append(f)

        # update running state after the token
        t = tok.text
        if tok.kind == "P":
            if t == "(":
                paren += 1
            elif t == ")" and paren:
                paren -= 1
            elif t == "[":
                bracket += 1
            elif t == "]" and bracket:
                bracket -= 1
            elif t == "/" and k + 1 < n and tokens[k + 1].text == "/":
                slashes = True
            elif t == ":":
                colon_seg = seg
        elif tok.kind == "U" or tok.kind == "D":
            url_seen = True
    return out


def _bucket(n: int) -> int:
    """0, 1, 2, 3-4, 5-8, 9-16, 17+ as 0..6: lengths matter by order of magnitude."""
    return n if n < 3 else 3 if n < 5 else 4 if n < 9 else 5 if n < 17 else 6


def _is_initial(tokens: list[Token], k: int) -> bool:
    """Is the full stop at k the end of an initial ("J." in "Smith, J.") or of an abbreviation?"""
    if k == 0:
        return False
    prev = tokens[k - 1]
    return prev.kind == "L" and (len(prev.text) == 1 and prev.text.isupper()
                                 or prev.text in {"Ch", "Th", "St", "Jr", "Sr", "Wm"})


# -- model -----------------------------------------------------------------------------------------

_LOCK = _thread.allocate_lock()
_TAGGER: Any = None
_LOADED = False

MODEL_FILE = "refs.crfsuite"  # in archiver/citations/models/, written by bench/train_refs.py


def _open_model(tagger: Any) -> None:
    """Open the packaged model: from the package folder when it is one on disk (no import
    cost), else through importlib.resources (zip imports and other loaders; the temporary copy
    can go once opened, because CRFsuite reads the whole file into memory)."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models", MODEL_FILE)
    if os.path.isfile(here):
        tagger.open(here)
        return
    import importlib.resources

    ref = importlib.resources.files(__package__ or "archiver.citations") / "models" / MODEL_FILE
    with importlib.resources.as_file(ref) as path:
        tagger.open(str(path))


def _tagger() -> Any:
    """The CRFsuite tagger, opened once. None (with one warning) when the model is missing, so
    that parsing degrades to DOI and year instead of failing every call."""
    global _TAGGER, _LOADED
    if _LOADED:
        return _TAGGER
    with _LOCK:
        if not _LOADED:
            try:
                import pycrfsuite

                tagger = pycrfsuite.Tagger()
                _open_model(tagger)
                _TAGGER = tagger
            except (OSError, ImportError, ValueError) as exc:
                warnings.warn(f"reference model unavailable ({exc}); parsing DOIs and years only",
                              RuntimeWarning, stacklevel=3)
                _TAGGER = None
            _LOADED = True
    return _TAGGER


def tag(tokens: list[Token]) -> list[str]:
    """One label per token (all ``other`` when no model is available)."""
    if not tokens:
        return []
    tagger = _tagger()
    if tagger is None:
        return ["other"] * len(tokens)
    feats = features(tokens)
    with _LOCK:  # a CRFsuite tagger holds per-call state
        return list(tagger.tag(feats))


# -- spans to CSL-JSON -----------------------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_STRIP = " \t.,;:·•/\\-–—|*†‡#"
_QUOTE_CHARS = "\"'“”‘’«»„‚「」『』〈〉`´"
# brackets dropped from a span's ends only when unbalanced, or when one pair encloses it
# whole: "《五行》学说与《荀子》" is a title that opens and ends with a work's name
_PAIRS = {"(": ")", "[": "]", "{": "}", "《": "》"}


def _strip_span(text: str) -> str:
    """Drop surrounding punctuation, quotes and unbalanced brackets from a span."""
    prev = None
    while text != prev:
        prev = text
        text = text.strip(_STRIP + _QUOTE_CHARS)
        for o, c in _PAIRS.items():
            if text.endswith(c) and text.count(o) < text.count(c):
                text = text[:-1]
            if text.startswith(o) and text.count(c) < text.count(o):
                text = text[1:]
            if text.startswith(o) and text.endswith(c) and text.count(o) == 1:
                text = text[1:-1]
    return text.strip()


def _spans(tokens: list[Token], labels: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Runs of each label as (first, last) token indices; runs of one label separated only by
    punctuation tokens labelled ``other`` are merged (``Smith, J. & Jones, K.``)."""
    runs: dict[str, list[tuple[int, int]]] = {}
    k = 0
    n = len(tokens)
    while k < n:
        lab = labels[k]
        j = k
        while j + 1 < n and labels[j + 1] == lab:
            j += 1
        if lab != "other":
            lst = runs.setdefault(lab, [])
            if lst:
                a, b = lst[-1]
                gap = range(b + 1, k)
                if len(gap) <= 2 and all(tokens[g].kind == "P" and labels[g] == "other"
                                         for g in gap):
                    lst[-1] = (a, j)
                    k = j + 1
                    continue
            lst.append((k, j))
        k = j + 1
    return runs


def _cut(text: str, tokens: list[Token], span: tuple[int, int]) -> str:
    return text[tokens[span[0]].start:tokens[span[1]].end]


_DOI_LOOSE = re.compile(
    r"(?:[dD][oO][iI]\s*[:：]?\s*|[hH][tT][tT][pP][sS]?://(?:dx\.)?doi\.org/\s*)?"
    r"(10\s?\.\s?\d{4,9}\s?(?:/|%2[fF])\s?(?:[^\s\"<>]|<\d+:[^\s<>]+>)+(?:\s/[^\s\"<>]+)*)")
_DOI_TAIL = re.compile(r"(?:\[doi\]|\.?(?:pmid|pmcid|pubmed|epub)\b.*)$", re.I)


def find_doi(text: str) -> str | None:
    """The DOI of a reference: from a DOI or DOI URL, also when a PDF line break left spaces in
    it (``10. 1093/jb/mvg083``, ``10.1038 /nature11247``); lower case, without prefix or
    trailing ``[doi]`` / ``.PMID:…`` noise; broken at a line's end after a hyphen or a full
    stop, as a list copied from a PDF leaves it (``s41593-022- 01026-4``, ``pnas.
    2105646118``), as :func:`~archiver.citations.extract.find_dois` reads it."""
    best = None
    text = doi_rejoined(text)
    for m in _DOI_LOOSE.finditer(text):
        raw = "".join(m.group(1).split())
        for i, ch in enumerate(raw):  # a DOI ends where CJK text or punctuation starts
            if _is_han(ch) or "\u3000" <= ch <= "\u303f":
                raw = raw[:i]
                break
        raw = _DOI_TAIL.sub("", raw)
        in_url = text.rfind("http", 0, m.start(1)) > text.rfind(" ", 0, m.start(1))
        doi = normalise_doi(raw, from_url=in_url)
        if doi:
            doi = _DOI_TAIL.sub("", doi).rstrip(".,;")
            if best is None:
                best = doi
            if m.group(0).lower().startswith(("doi", "http")) or not in_url:
                return doi
    return best


def _year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


# what may follow the pages in the same run of text and is no page: an ISBN, the next part
# of a work printed in two ("pp. 290-297 et n° 6, pp. 354-362")
_AFTER_PAGES = re.compile(r"(?<![\s,;])[\s,;]*\s(?:ISBN|ISSN|et)\b.*$", re.I | re.S)


# a sentence after a range of pages the tagger ran on into: Chicago's "212–19. STOC ’96"
# (the meeting's short name), never a page's own part
_WORDS_AFTER_PAGES = re.compile(r"(?<=\d)\.\s+[A-Z][A-Za-z]+\b.*$", re.S)


# the word before a page: "pages" whole, not its "p" ("pages 4171" is no page "ages 4171"); a
# German "S." or "ss." only with its full stop or a space, for a supplement's page is "S15"
_PAGE_WORD = re.compile(r"^(?:(?:pages?|pgs?|pp?)\b\.?|pp?\.?(?=\d)|ss?(?:\.|\s)|页)\s*", re.I)


def _page(text: str) -> str:
    """``pp. 975–93.`` -> ``975-93``; other page strings are only trimmed."""
    text = _PAGE_WORD.sub("", text.strip())
    text = _AFTER_PAGES.sub("", text)
    text = _WORDS_AFTER_PAGES.sub("", text)
    text = re.sub(r"\s*[‐‑‒–—―−~～-]+\s*", "-", text)
    return _strip_span(text)


_CN_NUMBERED = re.compile(r"^第?\s*(\d+)\s*[卷期号號]?$")


def _volume(text: str) -> str:
    """``Vol. 12`` -> ``12``; ``第 1 卷`` / ``第3期`` -> the number (``第 1 册``, a book part,
    stays as printed)."""
    text = re.sub(r"^(?:vol(?:ume)?s?|v|bd|t|tome|jg)(?:\.\s*|\s+|(?=\d))(?=\w)", "",
                  text.strip(), flags=re.I)
    text = _strip_span(text)
    m = _CN_NUMBERED.match(text)
    return m.group(1) if m else text


def _issue(text: str) -> str:
    text = re.sub(r"^(?:no|nos|nr|num|number|issue|iss|n°|heft|fasc)(?:\.\s*|\s+|(?<=°)\s*|(?=\d))"
                  r"(?=\w)", "", text.strip(), flags=re.I)
    text = _strip_span(text)
    m = _CN_NUMBERED.match(text)
    return m.group(1) if m else text


def _container(text: str) -> str:
    text = _strip_span(text)
    text = re.sub(r"^(?:in|dans|en)\s*:?\s+(?=\S)", "", text, flags=re.I)
    return _strip_span(text)


# -- authors ---------------------------------------------------------------------------------------

# A list of people's last entry that says there are more, standing as a name of its own:
# Crossref's depositors end one so (the ODP's Initial Reports list their editors "Taylor, B.,
# Huchon, P., Klaus, A., et al.", the last a name "et al."), and it is no person
MORE_NAMES = re.compile(r"^\s*(?:et\.?\s*al\.?|and others|others|等人?)\s*$", re.IGNORECASE)
_ETAL = re.compile(r"\bet\.?\s*al\b\.?|\band\s+others\b|\bet\s+coll\b\.?|等|外\s*\d*\s*人", re.I)
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?[\s-]*){1,4}$")
_VANCOUVER = re.compile(r"^[A-Z]{1,4}$")
# A. · A.M · F.-M (a final dot gone) · X-Y (hyphened, no dots)
_DOTTED_INITIALS = re.compile(r"^(?:[A-Z]\.-?){1,4}[A-Z]?$|^[A-Z](?:-[A-Z]){1,3}$")


def _initials(word: str) -> bool:
    """Whether ``word`` is initials: ``WM``, ``P``, or with periods or hyphens ``A.M``,
    ``F.-M``, ``X-Y`` (Bykov A.M., POUPEAU F.-M., Wang X-Y)."""
    return bool(_VANCOUVER.match(word) or _DOTTED_INITIALS.match(word))


def _initials_after(word: str) -> bool:
    """Whether ``word`` is the initials a family-first name puts after the family name (of
    capitals alone, three at most)."""
    return _initials(word) and (len(word) <= 3 or not _VANCOUVER.match(word))
_SUFFIX = {"jr", "sr", "ii", "iii", "iv"}
_COMPANY = {"inc", "ltd", "llc", "co", "corp", "gmbh", "plc"}
_ORG_WORDS = {"association", "center", "centre", "committee", "council", "department",
              "group", "institute", "organization", "organisation", "society", "university",
              "office", "agency", "board", "bureau", "inc", "ltd", "corporation", "foundation",
              "ministry", "commission", "service", "library", "nations", "administration"}


_ENDS_DOTTED = re.compile(r"(?:^|\s)[A-Z]\.(?:\s?-?[A-Z]\.){1,3}$")


def _person(part: str, given: str | None = None) -> dict[str, str] | None:
    """One name as CSL: ``Murray WM`` / ``W. M. Murray`` / ``Murray, W. M.`` (given passed)."""
    part = part.strip(" ,;&")
    # a full stop ends the name unless it is the last of dotted initials ("Bykov A.M.")
    part = part if _ENDS_DOTTED.search(part) else part.rstrip(" .")
    if not part:
        return None
    if given is not None:
        return {"family": part, "given": given.strip(" ,;")}
    words = part.split()
    if len(words) == 1:
        return {"literal": part} if _has_cjk(part) else {"family": part, "given": ""}
    if {w.casefold().strip(".,") for w in words} & _ORG_WORDS or _GROUP_AUTHOR.search(part):
        return {"literal": part}  # "TRACERx Consortium, Jamal-Hanjani M, …"
    if words[-1].casefold().strip(".") in _SUFFIX and len(words) > 2:
        core, suffix = words[:-1], " " + words[-1]
    else:
        core, suffix = words, ""
    if _initials(core[-1]) and not _initials(core[0]) or (
            len(core) > 1 and all(_VANCOUVER.match(w) and len(w) <= 2 for w in core[1:])
            and len(core[0]) > 2) or _capitals_then_initials(core):
        # Vancouver / GB/T: family first, initials after ("Murray WM", "PEEBLES P Z",
        # "Bykov A.M.")
        first_given = next(i for i in range(1, len(core) + 1)
                           if i == len(core) or _initials_after(core[i]))
        return {"family": " ".join(core[:first_given]),
                "given": " ".join(core[first_given:]) + suffix}
    family_first = _capitals_then_given(core)
    if family_first:  # GB/T 7714's "ZHANG San", "KNOLL Alois", "DE GAULLE Charles"
        return {"family": " ".join(core[:family_first]),
                "given": " ".join(core[family_first:]) + suffix}
    # "Given Middle Family" (particles such as van/de stay with the family name)
    k = len(core) - 1
    while k > 0 and core[k - 1].islower() and core[k - 1].casefold() in {
            "van", "von", "de", "der", "den", "la", "le", "du", "di", "da", "del", "dos", "ter"}:
        k -= 1
    return {"family": " ".join(core[k:]), "given": " ".join(core[:k]) + suffix}


def _capitals_then_initials(words: list[str]) -> bool:
    """GB/T 7714's ``LI P Q``, ``WU Y``: a family name in capitals, however short, then its
    initials as single capitals; not initials run together then a family name (``JB Y`` is
    no name either way, and ``J SMITH`` has no initial after its family name)."""
    first, rest = words[0], [w.rstrip(".") for w in words[1:]]
    return (len(words) > 1 and len(first) >= 2 and first.isalpha() and first.isupper()
            and all(len(w) == 1 and w.isupper() for w in rest))


# a Hanyu Pinyin syllable, its tone unmarked ("zhang", "xiao", "lü" written "lv" or "lu")
_SYLLABLE = (r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
             r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|"
             r"iu|ua|uo|ue|ui|er|a|o|e|i|u|v|ü)")
# a name written in pinyin: syllables, perhaps joined by a hyphen or an apostrophe
# ("Xiaoming", "Xiao-ming", "Xi'an")
_PINYIN = re.compile(rf"(?:{_SYLLABLE})+(?:[-'’](?:{_SYLLABLE})+)*", re.I)
# a given name as GB/T 7714 writes it after the family name in capitals: capitalised, not
# all capitals ("San", "Xiao-ming", "Alois")
_GIVEN_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]*)*")
# ... and the family name before it: capitals, two or more a part ("OUYANG", "SMITH-JONES";
# "X-Y" is initials)
_CAPITALS_WORD = re.compile(r"[A-Z]{2,}(?:[-'’][A-Z]{2,})*")


def _capitals_then_given(words: list[str]) -> int:
    """How many words open a name as GB/T 7714 writes a romanised one, its family name in
    capitals before the given name (``ZHANG San``, ``CHEN Lili``, ``KNOLL Alois``, ``DE
    GAULLE Charles``); 0 for any other shape. A family name of two or three capitals is
    also how Google Scholar writes initials (``GE Hinton``, ``AJP Taylor``): it is a family
    name only where it and the given name after it are both pinyin (``LI Si``, ``LIU
    Yang``)."""
    k = 0
    while k < len(words) and _CAPITALS_WORD.fullmatch(words[k]):
        k += 1
    if not 0 < k < len(words) or not all(_GIVEN_WORD.fullmatch(w) for w in words[k:]):
        return 0
    if k == 1 and len(words[0]) <= 3 and not (
            _PINYIN.fullmatch(words[0]) and all(_PINYIN.fullmatch(w) for w in words[1:])):
        return 0
    return k


# Characters the Xinhua rules for transliterating foreign names are built from (哈里森 Harrison,
# 沃尔德伦 Waldron). A name of three or more of them that does not begin with a Chinese surname
# is a foreign family name, printed alone as GB/T 7714 prints it: not split into 哈 + 里森.
_TRANSLITERATION = set(
    "阿埃艾爱安昂奥巴拜班邦贝本比彼宾波伯博布查达戴丹道德迪蒂丁东杜多厄恩法菲费芬丰弗福富盖"
    "冈戈格根贡古瓜哈海汉豪赫亨胡霍基吉加杰卡凯坎康科克肯库夸奎拉莱赖朗劳勒雷里利莉琳隆卢"
    "伦洛玛迈曼门米敏默姆纳奈内尼涅纽努诺帕派佩皮珀普奇恰切琼萨塞瑟森沙舍圣什斯松索塔泰"
    "特提图托瓦威维沃乌西希休雅亚扬耶伊因约泽扎兹佐尔夫娃娜莎丝黛")


def _cjk_person(name: str) -> dict[str, str]:
    """A Chinese personal name is family (first character, or a compound surname) + given; a
    transliterated foreign name is a family name alone; a longer run (an organisation) stays
    literal."""
    if (len(name) >= 3 and name[0] not in _SURNAMES and name[:2] not in _COMPOUND_SURNAMES
            and all(ch in _TRANSLITERATION for ch in name)):
        return {"family": name}
    if 2 <= len(name) <= 4 and _all_han(name):
        cut = 2 if name[:2] in _COMPOUND_SURNAMES and len(name) > 2 else 1
        return {"family": name[:cut], "given": name[cut:]}
    return {"literal": name}


def split_authors(span: str) -> list[dict[str, str]]:
    """Persons of an author span, in printed order, in CSL-JSON (family/given or literal).

    Every name word of the span is kept (the scorer, like a human reader, checks the names
    printed), "et al." / 等 stop the list, and the common shapes are recognised: "Family, G.,
    Family, G. & Family, G.", "G. Family, G. Family, and G. Family", Vancouver "Family GW,
    Family X", "Family, Given, and Given Family", and CJK names separated by commas or 、.
    """
    persons = []
    for p in _split_authors(span):
        p = {k: v.strip() for k, v in p.items() if v and v.strip()}
        if re.search(r"[^\W\d_]{3,}\.$", p.get("given", "")):
            p["given"] = p["given"][:-1]  # "Rishtee Kumar." -> "Rishtee Kumar"
        if p.get("family") or p.get("literal"):
            persons.append(p)
        elif p.get("given"):
            persons.append({"family": p["given"]})
    return persons


# the words that make an author with no comma in it a body, not persons ("COVID-19 Host
# Genetics Initiative", "EFSA Panel on Food Additives and Nutrient Sources added to Food")
_GROUP_AUTHOR = re.compile(
    r"\b(?:initiative|consortium|panel|committee|collaborat\w*|network|society|association|"
    r"organi[sz]ation|investigators|task force|working party|council|agency|authority|"
    r"institute|foundation|alliance|federation|commission|"
    r"(?:study|working|writing|research|collaborative|trial|cooperative|expert) group)\b",
    re.I)


# the words that say the authors wrote for a group ("for the GTEx Consortium", "on behalf of
# the RECOVERY Collaborative Group"): no part of the group's name
_ON_BEHALF = r"(?:for|on\s+behalf\s+of)\s+(?:the\s+)?"
_ON_BEHALF_OF = re.compile(rf"^{_ON_BEHALF}", re.I)
# what introduces a group named after "et al." ("…, et al; TRACERx Consortium", "et al., for
# the GTEx Consortium", "et al. on behalf of the … Study Group", "et al. and the …")
_GROUP_AFTER = re.compile(rf"^[\s.,;:]*(?:{_ON_BEHALF}|and\s+(?:the\s+)?)?", re.I)


def _group_after_etal(rest: str) -> dict[str, str] | None:
    """The group author Vancouver prints after the members and "et al.", as a literal name."""
    name = _GROUP_AFTER.sub("", rest, count=1).strip(" .;,")
    if len(name.split()) >= 2 and _GROUP_AUTHOR.search(name) and not re.search(r"[,;]", name):
        return {"literal": name}
    return None


# the particles that open a family name written first ("van der Berg, J."): lower case or,
# as APA keeps them at the start of an entry, capitalised
_PARTICLES = frozenset({"van", "von", "de", "da", "di", "le", "la", "du", "der", "den", "ter",
                        "te", "del", "della", "dos", "das", "do", "zu", "vander", "ten"})


def _split_authors(span: str) -> list[dict[str, str]]:
    pieces = _ETAL.split(span, maxsplit=1)
    if len(pieces) == 2:
        group = _group_after_etal(pieces[1])
        if group:
            return [*_split_authors(pieces[0] + " et al."), group]
    has_etal = len(pieces) == 2
    span = pieces[0]
    span = span.lstrip(" .,;:)]】")  # what a list number left: "[2].Cheng, H." -> "Cheng, H."
    if not has_etal and not re.search(r"[,;、，；]", span) and _GROUP_AUTHOR.search(span) \
            and len(span.split()) >= 2:
        name = span.strip(" .")
        if name.count("(") == name.count(")") + 1 and re.search(r"\(\w+$", name):
            name += ")"  # the tagger leaves the closing bracket of "(ANS)" out
        return [{"literal": name}]
    span = re.sub(r"^(?:by|edited by|eds?\.?)\s+", "", span.strip(), flags=re.I)
    span = re.sub(r"\s*\((?:eds?|hrsg|dir|coord|comp)\.?\)\s*", " ", span, flags=re.I)
    persons: list[dict[str, str]] = []
    if _has_cjk(span):
        parts = [p for p in (p.strip(" .") for p in re.split(r"[,;、，；/]|\s+(?:and|&)\s+",
                                                             span)) if p]
        # Japanese lists: "阿草 清滋, 西 康晴, 沢田 篤史" — family and given name apart, the
        # persons apart by commas (a Chinese list spaced alone is one name a piece)
        pairs = [p.split() for p in parts]
        if len(pairs) > 1 and all(len(pair) == 2 and _all_han(part.replace(" ", ""))
                                  for part, pair in zip(parts, pairs, strict=True)):
            return [{"family": family, "given": given} for family, given in pairs]
        # a list with a name in kana is Japanese ("立田 ルミ, 山田 太郎"): each name written
        # family first, a space before the given name, whatever its script
        japanese = any(KANA.search(part) for part in parts)
        for part in parts:
            pair = part.split()
            if japanese and len(pair) == 2 and all(_all_japanese(word) for word in pair):
                persons.append({"family": pair[0], "given": pair[1]})
                continue
            if _all_han(part.replace(" ", "")) and " " in part:
                for piece in part.split():
                    persons.append(_cjk_person(piece))
            elif _all_han(part):
                persons.append(_cjk_person(part))
            else:
                p = _person(part)
                if p:
                    persons.append(p)
        return persons
    parts = []
    for p in re.split(r"\s*;\s*|\s*,\s*|\s+(?:and|und|et|&|y)\s+|\s*&\s*", span):
        p = re.sub(r"^(?:and|und|et|y)\s+", "", p.strip())
        group = _ON_BEHALF_OF.sub("", p, count=1)
        if group != p and _GROUP_AUTHOR.search(group):
            p = group  # "…, on behalf of the ACT Study Group": the group's name
        if not p.strip(" .,"):
            continue
        if p.casefold().strip(".") in _COMPANY and parts:
            parts[-1] += ", " + p  # "Online Computer Library Center, Inc"
        else:
            parts.append(p)
    if has_etal and len(parts) > 1 and all(
            len(p.split()) == 1 and not _INITIALS.match(p) for p in parts):
        # "Vanderhill, Joireman, et al.": family names only, not "Family, Given"
        return [{"family": p.strip(" ."), "given": ""} for p in parts]
    i = 0
    inverted_seen = False
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        low_next = nxt.casefold().strip(".") if nxt else ""
        if nxt and low_next in _SUFFIX:
            p = _person(part)
            if p:
                key = "given" if "given" in p else "literal"
                p[key] = (p.get(key, "") + " " + nxt).strip()
                persons.append(p)
            i += 2
            continue
        words = part.split()
        # a family name alone, whose given name is the next part: one word, or one after
        # its particles. In lower case ("van der Berg, Jan", "de la Cruz, Maria") they are
        # never a given name; capitalised ("De Souza", "Di Wu"), they may be one ("Di Wu,
        # Xin Li", "Do Tran, Alex Smith" are two persons each): only when what follows is
        # initials or one word ("De Souza, M.", "De Souza, Maria")
        particles = len(words) > 1 and len(words) <= 4 and all(
            w.casefold() in _PARTICLES for w in words[:-1])
        single = len(words) == 1 or (particles and (
            words[0].islower() or bool(nxt) and (
                bool(_INITIALS.match(nxt)) or len(nxt.split()) == 1)))
        if nxt and single and not _VANCOUVER.match(part) and (
                _INITIALS.match(nxt) or (inverted_seen or i == 0) and len(nxt.split()) <= 3
                and not _VANCOUVER.match(nxt.split()[-1]) and nxt[:1].isupper()):
            persons.append({"family": part, "given": nxt})
            inverted_seen = True
            i += 2
            continue
        p = _person(part)
        if p:
            persons.append(p)
        i += 1
    return persons


# -- entry point -----------------------------------------------------------------------------------


def _closing_mark(text: str, tokens: list[Token], spans: Any, title: str) -> str:
    """The question or exclamation mark that ends a title ("Do we need to fix science
    blogs?"), or the bracket that closes one it opened: the tagger leaves it out with the
    punctuation that follows a title."""
    for a, b in spans:
        if title not in _cut(text, tokens, (a, b)):
            continue
        end = tokens[b].end
        mark = text[end:end + 1]
        if mark in ("?", "!", "？", "！") and not title.endswith(mark):
            return mark
        # "诊疗方案(试行第八版)[EB/OL]": the bracket the title opened, which the tagger left
        # with the type code after it
        opener = {")": "(", "）": "（", "]": "["}.get(mark)
        if opener and title.count(opener) > title.count(mark):
            return mark
        return ""
    return ""


# words the tagger may leave out of the head of a group's name ("COVID-19 Host Genetics
# Initiative", "ENCODE Project Consortium"): up to three, of letters, digits and hyphens
_GROUP_HEAD = re.compile(r"(?:[^\W_][\w-]*\s+){1,3}")


def _group_head(text: str, start: int, authors: str) -> str:
    """A group author's name whole where the reference begins with it but the tagger took only
    its last words for the author (a name beginning with a number or an acronym it has seldom
    seen): the words before it, when nothing but they stand there."""
    head = text[:start]
    if start > 0 and _GROUP_HEAD.fullmatch(head) and any(c.isalpha() for c in head) \
            and _GROUP_AUTHOR.search(authors) and not re.search(r"[,;]", authors):
        return head + authors
    return authors


# the opening of a date in brackets that the tagger ran into the names: "Douglas, Kimberly
# (December 1998)." (a name never ends in an open bracket)
_DATE_OPENS = re.compile(
    r"\s*\(\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"spring|summer|autumn|fall|winter)?\s*$", re.I)


# a Vancouver list of authors, each "Family INITIALS", ended by a full stop (or by "et al."):
# "Zhang J, Tian XJ, Xing J. " or "Zhang J, Tian XJ, et al. "
_VANCOUVER_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s+[A-Z]{1,4}"
_VANCOUVER_LIST = re.compile(rf"(?:{_VANCOUVER_NAME},\s+)*{_VANCOUVER_NAME}"
                             rf"(?:,?\s+et\.?\s*al)?\.\s+(?=\S)")


_MORE_NAMES = re.compile(r"(?:and|und|et)\s", re.I)
# a title of one word ("Sokal RR, Rohlf FJ. Biometry. 1995."): a capitalised word, not a
# Vancouver name (which has its initials) nor a group's acronym
_ONE_WORD_TITLE = re.compile(r"[A-Z][a-z]{3,}")


def _vancouver_list_then_title(authors: str) -> tuple[str, str]:
    """(the authors, the title) of an author span that holds a title as well: a title with
    commas and "and" in it ("… Induced by TGF-β, SHH, and WNT and Their Crosstalks") reads
    like more names, and the tagger may take it into the authors, leaving no title. Where
    the span opens with a whole Vancouver list ended by its full stop, and words follow it,
    those words are the title; any other span is left as it is."""
    match = _VANCOUVER_LIST.match(authors)
    if match is None:
        return authors, ""
    rest = authors[match.end():].strip(" .")
    if (len(rest.split()) < 2 and not _ONE_WORD_TITLE.fullmatch(rest)) or \
            not rest[:1].isalnum() or _MORE_NAMES.match(rest) or \
            re.match(_VANCOUVER_NAME + r"(?:[.,]|$)", rest):
        return authors, ""  # "Bruggen M. & Kaiser C.R.", "Smith J. Jones K.": more names
    return authors[:match.end()].rstrip(), rest


_LEADING_GROUP = re.compile(rf"({_ON_BEHALF})?([^.,;]+?)\.\s+(\S.*)", re.I)
# what stands before a group the tagger took into the title: the list going on (a comma or
# a semicolon: "…, et al., for the …"), or AMA's "et al;" before the group itself
_LIST_GOES_ON = re.compile(r"[,;]\s*$")
_ETAL_SEMICOLON = re.compile(r"\bet\.?\s*al\b\.?\s*;\s*$")


_VOLUME_WORDS = frozenset({"vol", "vols", "volume", "volumes", "bd", "band"})


def _after_volume_word(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is a number printed after the word for a volume ("vol. 1579")."""
    j = k - 1
    if j >= 0 and tokens[j].text == ".":
        j -= 1
    return j >= 0 and tokens[j].text.lower() in _VOLUME_WORDS


def _csl(text: str, tokens: list[Token], labels: list[str]) -> dict[str, Any]:
    markers = doctype_markers(tokens)
    # "o-<field>" is "other, after <field>" (see bench/train_refs.py); a [J] never belongs
    # to the title it follows
    labels = ["other" if k in markers or lab.startswith("o-") else lab
              for k, lab in enumerate(labels)]
    _issue_numbered_like_a_year(tokens, labels)
    _issue_after_its_mark(tokens, labels)
    runs = _spans(tokens, labels)
    item: dict[str, Any] = {}

    def first(label: str) -> str:
        for span in runs.get(label, ()):
            value = _cut(text, tokens, span)
            if any(c.isalnum() for c in value):
                return value
        return ""

    authors, author_start = "", 0
    for a, b in runs.get("author", ()):
        if b + 1 < len(tokens) and tokens[b + 1].text == "." and tokens[b].kind == "L" \
                and len(tokens[b].text) == 1 and tokens[b].text.isupper():
            b += 1  # keep the full stop of a final initial: "Schultz, W."
        authors, author_start = text[tokens[a].start:tokens[b].end], tokens[a].start
        if any(c.isalnum() for c in authors):
            break
    authors = _DATE_OPENS.sub("", authors)
    title_in_authors = ""
    if authors and not first("title"):
        authors, title_in_authors = _vancouver_list_then_title(authors)
    if authors:
        authors = _group_head(text, author_start, authors)
        persons = split_authors(authors)
        if persons:
            item["author"] = persons
    title = _strip_span(first("title")) or title_in_authors
    group = _LEADING_GROUP.match(title)
    before = text[:text.find(title)] if group else ""
    if group and "author" in item and _GROUP_AUTHOR.search(group.group(2)) and (
            _ETAL_SEMICOLON.search(before) if not group.group(1) else _LIST_GOES_ON.search(before)):
        # "Ardlie KG, et al., for the GTEx Consortium. The Genotype-Tissue …", "Beigel JH,
        # …, et al; ACTT-1 Study Group Members. Remdesivir …": the tagger takes the group
        # the authors wrote for into the title
        item["author"].append({"literal": group.group(2)})
        title = group.group(3)
    if title:
        item["title"] = _with_its_marks(text, title) + _closing_mark(
            text, tokens, runs.get("title", ()), title)
    container = _container(_closed(text, first("container")))
    if container:
        item["container-title"] = container
    for label, key, fix in (("volume", "volume", _volume), ("issue", "issue", _issue),
                            ("page", "page", _page)):
        value = fix(first(label))
        if key == "page" and len(value) == 1 and value.isalpha() and not _ROMAN.match(value):
            value = ""  # a stray initial ("P.R. Farnsworth") is no page; "NP", 扉页, "xi" are
        if key == "page" and _PII.match(value):
            value = ""  # an article in press's PII, "S0168-8278(24)00213-7", is no page
        if value:
            item[key] = value
    _issue_run_into_pages(item)
    # where a journal prints its page when the tagger found none ("127(4): 1607, 2000")
    at = _after_volume_colon(tokens, labels) if "page" not in item and "volume" in item \
        else None
    year = None
    in_ids = _in_arxiv_ids(text, tokens)
    for span in runs.get("year", ()):
        if _after_volume_word(tokens, span[0]):
            continue  # "LNCS, vol. 1579, pp. 193–207. Springer (1999)": a volume, no year
        if span[0] in in_ids:
            continue  # "arXiv:1802.03426": the month the preprint was numbered in, 2018-02
        year = _year(_cut(text, tokens, span))
        if year:
            later = _later_year(tokens, labels, at, year) if span == (at, at) else None
            if later:
                # "Development 127: 1607, 2000": the number in the page's place is the page
                # when a year follows it (a year is seldom written after a volume's colon)
                item["page"], year = tokens[at].text, later
            break
    if year is None:
        year = _fallback_year(tokens, labels, in_ids)
    if at is not None and "page" not in item and labels[at] == "other" \
            and tokens[at].kind == "N" and (not year or tokens[at].text != str(year)):
        item["page"] = tokens[at].text
    if year:
        item["issued"] = {"date-parts": [[year]]}
    doi = find_doi(text)
    if doi:
        item["DOI"] = doi
    _year_printed_as_an_issue(item, text)
    _volume_dot_issue(item, text)
    _acronym_year(item, text)
    _meetings_year_read_as_the_year(item, text)
    _article_number(item, text)
    _volume_alone_after_the_year(item, text)
    _gbt_year_read_as_volume(item, text)
    _gbt_issue_read_as_volume(item, text)
    _gbt_supplement(item, text)
    _volume_that_is_no_number(item, text)
    _title_marks(item, text)
    _translator_after_title(item, text)
    _role_ending_a_title(item)
    _title_up_to_imprint(item, text)
    _bracket_ending_a_quoted_title(item, text)
    _title_ends_at_its_quote(item, text)
    _elided_word_ending_a_title(item, text)
    _year_ending_a_title(item, text)
    _year_ending_a_container(item, text)
    _book_after_the_year(item, text)
    _country_ending_a_title(item, text)
    _thesis_note_ending_a_title(item, text)
    _part_of_a_book_1987(item, text)
    _page_after_the_imprint(item, text)
    _document_number_ending_a_title(item)
    _periodical_after_a_dated_title(item, text)
    _preprint_server(item, text)
    _single_quoted_title(item, text)
    _book_after_its_editors(item, text)
    _book_before_its_editors(item, text)
    _page_read_as_the_year(item, text)
    _page_after_the_year(item, text)
    _star_methods_page(item, text)
    _acm_journal(item, text)
    _acs_journal(item, text)
    _edition_ending_a_title(item, text)
    _vancouver_numbers(item, text)
    _journal_before_the_year(item, text)
    _roman_part_of_a_title(item, text)
    _year_opening_a_title(item)
    _year_in_vancouvers_date(item, text)
    _french_note(item, text)
    _issue_with_its_part(item, text)
    _medium_ending_a_name(item)
    _publisher_ending_proceedings(item)
    _given_name_before_a_colon(item, text)
    _title_run_into_the_author(item, text)
    _title_run_into_vancouvers_authors(item, text)
    _volume_and_issue_by_their_letters(item, text)
    _cited_page_after_the_imprint(item, text)
    _physics_forms(item, text)
    _journal_word_in_title(item, text)
    _journal_word_ending_a_title(item, text)
    _journals_opening_left_out(item, text)
    _rest_of_the_title_left_out(item, text)
    _paper_and_its_day(item, text)
    _mark_ending_a_journal(item, text)
    _names_and_year_in_the_title(item, text)
    _year_of_a_period(item, text)
    _years_ending_a_title(item, text)
    _monthly_physics_issue(item, text)
    _year_then_iop_journal(item, text)
    _physics_tail(item, text)
    _proceedings_of_science(item, text)
    _name_opening_the_journal(item)
    _title_run_into_the_journal(item, text)
    _names_alone_before_the_journal(item, text)
    _title_between_names_and_journal(item, text)
    _names_before_the_year(item, text)
    _medium_and_roles(item, text)
    _marked_volume_and_issue(item, text)
    _short_year_ending_a_container(item, text)
    _chinese_numbers(item, text)
    _chinese_vancouver(item, text)
    _proceedings(item, text)
    _acronym_after_a_container(item, text)
    _place_ending_a_title(item, text)
    return item


# a meeting's short name in brackets after its proceedings' name: "(EMNLP)", "(KDD-96)",
# "(KDD '16)", "(HotCloud 10)", "(ICML 2001)" (two capitals at least: not a place, "(Jena)")
_BRACKETED_ACRONYM = re.compile(r"\s*(\((?=[a-z]{0,10}[A-Z][a-z]{0,10}[A-Z])[A-Za-z]{2,12}"
                                r"(?:[\s'’-]{0,2}\d{1,4})?\)?)")


def _acronym_after_a_container(item: dict[str, Any], text: str) -> None:
    """The short name a proceedings' name is printed with belongs to it, where the tagger
    left it out before the pages ("… Language Processing (EMNLP) (pp. 1532–1543)")."""
    container = item.get("container-title", "")
    if not container or container.endswith(")"):
        return
    at = text.find(container)
    found = _BRACKETED_ACRONYM.match(text, at + len(container)) if at >= 0 else None
    if found and found.group(1).endswith(")"):
        item["container-title"] = container + " " + found.group(1)


# what follows a proceedings' name: its year (perhaps after a month), its pages or volume
_AFTER_PROCEEDINGS = (r"(?=,\s*(?:[A-Z][a-z]{2,8}\.?\s+)?(?:1[5-9]|20)\d\d\b|,\s*pp?\.|"
                      r",\s*vol\.)")
_PROCEEDINGS_GOES_ON = re.compile(r"\.\s+([^,;]+?)" + _AFTER_PROCEEDINGS)
_CONFERENCE = re.compile(r"\b(?:conference|conf|symposium|symp|workshop|congress|meeting)\b",
                         re.I)
# "Proceedings of the 2021 …", "Proc. 14th …": a conference's; not "Proc. IEEE", "Proc Natl
# Acad Sci", "Proceedings of the Royal Society B" (journals), nor "Process Biochem"
_NUMBERED_PROCEEDINGS = re.compile(
    r"(?:In\s+)?Proc(?:eedings)?\b\.?\s+(?:of\s+(?:the\s+)?)?(?:\d{4}\b|\d+(?:st|nd|rd|th)\b|"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b)",
    re.I)


def _is_proceedings(container: str) -> bool:
    """Whether a container is a conference's proceedings (see :data:`_NUMBERED_PROCEEDINGS`)."""
    return bool(_CONFERENCE.search(container) or _NUMBERED_PROCEEDINGS.match(container))


def _proceedings(item: dict[str, Any], text: str) -> None:
    """A paper in a conference's proceedings, as IEEE and Vancouver print it:
    - ``in Proc. 2021 Int. Conf. Management of Data (SIGMOD), 2021, pp. …``: the name goes on
      past "Proc." to the year or the pages, where the tagger ended it at the full stop;
    - ``In: Proceedings of … Data. ACM; 2021:1386-1399.``: the year before the colon is the
      year, not a volume, and the publisher after the last full stop is no part of the name.
    """
    container = item.get("container-title")
    if not container:
        return
    at = text.find(container)
    if container.rstrip(".") in ("Proc", "In Proc") and at >= 0:
        goes_on = _PROCEEDINGS_GOES_ON.match(text, at + len(container.rstrip(".")))
        if goes_on:
            item["container-title"] = container = f"{container.rstrip('.')}. {goes_on.group(1)}"
    if not _is_proceedings(container):
        return
    head, dot, publisher = container.rpartition(". ")
    if dot and at >= 0 and len(publisher.split()) <= 3 and \
            re.match(r"\s*;", text[at + len(container):]):
        item["container-title"] = head  # "… Data. ACM; 2021": ACM published it
    volume = item.get("volume", "")
    if "issued" not in item and re.fullmatch(r"(?:1[5-9]|20)\d\d", volume) and \
            re.search(rf"(?<!\d){volume}\s*:\s*\d", text):
        item["issued"] = {"date-parts": [[int(item.pop("volume"))]]}


_CN_VOLUME = re.compile(r"第\s*(\d+)\s*卷")
_CN_ISSUE = re.compile(r"第\s*(\d+)\s*期")
_CN_PAGES = re.compile(r"第\s*(\d+(?:\s*[-–—~～]\s*\d+)?)\s*页|(\d+\s*[-–—~～]\s*\d+)\s*页")
_CN_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)\s*年")


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
    if volume:
        put("volume", volume.group(1))
        if issue:
            put("issue", issue.group(1))
    elif issue and _TITLE_MARKS.match(text) and not _CN_VOLUME.search(text):
        item["issue"] = issue.group(1)  # "《刊名》2020年第2期": the journal's issue
        if item.get("volume") == issue.group(1):
            del item["volume"]
    pages = _CN_PAGES.search(text, start)
    if pages:
        put("page", _page(pages.group(1) or pages.group(2)))
    year = _CN_YEAR.search(text, start)
    if year and "issued" not in item:
        item["issued"] = {"date-parts": [[int(year.group(1))]]}


# "王明：《论中亚外交》，《国际问题研究》2020年第2期，第10-20页。": the style of Chinese
# humanities and law journals, the work's title and its journal (or book) each in 《》
# (a note's number before it, "⑧ ", which NFKC makes "8 "; an edition or a volume after
# the title: "《国史大纲》（修订本），", "《邓小平文选》第三卷，")
_TITLE_MARKS = re.compile(r"^\s*(?:(?:[①-⑳]|\d{1,3}[.、)]?)\s*)?"
                          r"((?!\d)[^《》\[\]①-⑳]{1,60}?)\s*[：:，,]\s*《([^《》]+)》"
                          r"(?=\s*(?:[（(][^（）()]{1,8}[）)])?\s*"
                          r"(?:第[一二三四五六七八九十\d]{1,3}[卷册辑])?\s*(?:[，,。.；;、]|《|$))"
                          r"(?:\s*[，,、]?\s*(?:载|见|in)?\s*[：:]?\s*《([^《》]+)》)?")
# what a note writes before a work it points to: no author
_NO_AUTHOR = frozenset({"参见", "见", "转引自", "引自", "详见", "载", "参阅"})


def _title_marks(item: dict[str, Any], text: str) -> None:
    """A reference written ``作者：《题名》，《刊名》…``: its author, title and journal (or the
    book a chapter is in) are what the marks say, not what the tagger, which learnt GB/T
    7714 and Western styles, made of them."""
    match = _TITLE_MARKS.match(text)
    if not match:
        return
    named = match.group(1).strip()
    if named in _NO_AUTHOR:
        item.pop("author", None)
    else:
        persons = split_authors(named)
        if persons:
            item["author"] = persons
    item["title"] = match.group(2).strip()
    if match.group(3):
        item["container-title"] = match.group(3).strip()
    else:
        item.pop("container-title", None)


# Elsevier's publisher item identifier, S + ISSN + (year) + item + check digit, which a
# reference to an article in press prints where its pages will be
_PII = re.compile(r"^S?\d{4}-?\d{3}[\dXx]\(\d{2}\)\d{5}-?[\dXx]$")


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


def _closed(text: str, value: str) -> str:
    """A container whose bracket the tagger left open closed as printed: "BMJ (Clinical
    research" of "BMJ (Clinical research ed.), 2024" is "BMJ (Clinical research ed.)"."""
    for opening, closing in ("()", "（）"):
        if value.count(opening) > value.count(closing):
            at = text.find(value)
            rest = re.match(r"[^()（）\d,，;；:：]{0,15}" + re.escape(closing),
                            text[at + len(value):]) if at >= 0 else None
            return value + rest.group(0) if rest else value
    return value


# GB/T 7714's year, then a volume without pages: "British Medical Journal, BMJ, 2020, 368."
_VOLUME_AFTER_YEAR = r"(?:1[5-9]\d\d|20\d\d)\s*[,，]\s*{}\s*[.。]?\s*(?:DOI|doi|https?://|$)"


def _volume_alone_after_the_year(item: dict[str, Any], text: str) -> None:
    """A number printed after the year, with no colon and nothing after it but the DOI, is
    the volume of a journal article (GB/T 7714's ``[J]. 刊名, 年, 卷.``), not a page, where
    no volume was found (a book's or proceedings' number there is its pages)."""
    page = item.get("page")
    if "volume" in item or not page or not page.isdigit() or gbt_code(text) != "J":
        return
    if re.search(_VOLUME_AFTER_YEAR.format(re.escape(page)), text):
        item["volume"] = item.pop("page")


# a part in Chinese, numbered or named: "第一册", "上卷", "三编", "美国卷"
_CJK_PART = re.compile(r"第|[卷册冊辑輯期编編部集]$")
_VOLUME_WORD = re.compile(r"\b(?:[Vv]ol(?:ume)?\.?|[Bb]d\.|[Tt]ome)\s*(\d{1,5})\b")


def _volume_that_is_no_number(item: dict[str, Any], text: str) -> None:
    """A volume with no digit that is no roman numeral is a word the tagger misread ("vol. 1,
    edited by Sterling M. McMurrin": "McMurrin"): the number after "vol." is the volume,
    else there is none ("第 1 册", a book's part in Chinese, is kept)."""
    volume = item.get("volume") or ""
    if not volume or any(c.isdigit() for c in volume) or _ROMAN.match(volume):
        return
    if _has_cjk(volume):
        if "container-title" not in item and not _CJK_PART.search(volume):
            # KISTI's "'中国地方官员的晋升锦标赛模式研究,' 经济研究, No.7, pp.36-50": the journal
            item["container-title"] = item.pop("volume")
        return
    marked = _VOLUME_WORD.search(text)
    if marked:
        item["volume"] = marked.group(1)
    else:
        del item["volume"]


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


_ISSUE_MARK = frozenset({"no", "nº", "n°", "nr", "issue", "iss", "num", "number"})


def _issue_numbered_like_a_year(tokens: list[Token], labels: list[str]) -> None:
    """MLA's "vol. 284, no. 1855, 2017": a number after "no." that looks like a year is the
    issue where the reference has its year elsewhere: another year found, or the year
    printed right after it (", 2017", relabelled so). Not a number that runs on ("No.
    2016-03", a working paper's)."""
    if "issue" in labels:
        return
    for k, tok in enumerate(tokens):
        if labels[k] != "year" or not _year_like(tok) or k < 1:
            continue
        mark = k - 1 if tokens[k - 1].text not in (".", ":") else k - 2
        if mark < 0 or tokens[mark].text.casefold() not in _ISSUE_MARK:
            continue
        if k + 1 < len(tokens) and tokens[k + 1].text in ("-", "/", "–", "—", "‐"):
            return
        if any(lab == "year" for j, lab in enumerate(labels) if j != k):
            labels[k] = "issue"
        elif k + 2 < len(tokens) and tokens[k + 1].text == "," and _year_like(tokens[k + 2]):
            labels[k], labels[k + 2] = "issue", "year"
        return


def _issue_after_its_mark(tokens: list[Token], labels: list[str]) -> None:
    """AMS's "Organ. Sci. 2 (1991), no. 1, 71–87" and Chicago's "65, no. 1-2 (1983): 55–63":
    the number (or range) after "no." is the issue where the tagger read it as a second
    volume, after the volume, or as pages, before the pages."""
    if "issue" in labels:
        return
    for k, tok in enumerate(tokens):
        if tok.text.casefold() not in _ISSUE_MARK:
            continue
        first = k + 2 if k + 1 < len(tokens) and tokens[k + 1].text == "." else k + 1
        if first >= len(tokens) or tokens[first].kind != "N":
            continue
        last = first
        if last + 2 < len(tokens) and tokens[last + 1].text in ("-", "–", "/") \
                and tokens[last + 2].kind == "N":
            last += 2
        label = labels[first]
        if any(labels[i] != label for i in range(first, last + 1)):
            continue
        if (label == "volume" and "volume" in labels[:k]) or \
                (label == "page" and "page" in labels[last + 1:]):
            labels[first:last + 1] = ["issue"] * (last + 1 - first)
        return


_NUMBER_AT_END = re.compile(r"\s+\d+$")


def _volume_dot_issue(item: dict[str, Any], text: str) -> None:
    """MLA's "Extrapolation 11.2 (1970): 34–43" and biblatex's "Proceedings of … 100. 16,
    pp. …": volume and issue joined by a full stop after the journal's name, which the
    tagger may read as part of the name ("Extrapolation 11") or as a volume alone."""
    container = item.get("container-title", "")
    base = _NUMBER_AT_END.sub("", container)
    if "issue" in item or not any(c.isalpha() for c in base):
        return
    match = re.search(re.escape(base) + r"\s+(\d{1,4})\.\s?(\d{1,4})(?=\s*[(,:])", text)
    if match is None:
        return
    volume, issue = match.group(1), match.group(2)
    if _YEAR.fullmatch(volume):
        return  # "Science 2001. 291, 1304-1351": the year, then the volume
    if item.get("volume", volume) not in (volume, issue) or item.get("page") in (volume, issue):
        return
    item["container-title"], item["volume"], item["issue"] = base, volume, issue


# a conference's acronym with the year's last two digits: "In CVPR’11.", "(KDD '06)"
_ACRONYM_YEAR = r"\s*['’‘]\s?(\d\d)\b"


def _acronym_year(item: dict[str, Any], text: str) -> None:
    """The year written after a conference's acronym is part of its name, not a volume."""
    container = item.get("container-title", "")
    if not re.search(r"\b[A-Z]{2,}$", container):
        return
    match = re.search(re.escape(container) + _ACRONYM_YEAR, text)
    if match is None:
        return
    item["container-title"] = match.group(0)  # not the acronym the title has ("… the WWW")
    if item.get("volume") == match.group(1):
        del item["volume"]


# a year standing alone after the imprint's place or publisher, or in brackets: the year the
# book came out, unless a date of access, of an erratum or of the online version ("accessed
# May 1, 2020")
_YEAR_ALONE = re.compile(r"(?:[;,]\s*|\(\s*)((?:1[5-9]|20)\d\d)(?=\s*[).;,]|\s*$)")
_OTHER_DATES = re.compile(r"access|cited|retriev|erratum|epub|online|updated|查阅|访问|引用",
                          re.I)


def _meetings_year_read_as_the_year(item: dict[str, Any], text: str) -> None:
    """The year of a meeting's name, taken for the year where the imprint gives another:
    "… Advances in Visual Computing. ISVC 2012. Lecture Notes in Computer Science, vol
    7432. Springer, Berlin, Heidelberg; 2014. pp. 499–508." came out in 2014."""
    year = _issued_year(item)
    if not year:
        return
    first = re.search(rf"(?<!\d){year}(?!\d)", text)
    if first is None or not is_meetings_year(text, first.start(), first.end()):
        return  # the year printed before any meeting's name is the year
    later = [int(found.group(1)) for found in _YEAR_ALONE.finditer(text, first.end())
             if int(found.group(1)) != year
             and not _OTHER_DATES.search(text, first.end(), found.start())]
    if len(later) == 1:
        item["issued"] = {"date-parts": [[later[0]]]}


# the rest of a book's title, then its imprint in brackets (a note's form, Chicago 14.100):
# ": An Essay on Opera (Princeton University Press, 1999)", ", Common Sense, Politics
# (Toronto: University of Toronto Press, 2005)"
_REST_THEN_IMPRINT = re.compile(r"(\s*[:,]\s+(?!(?:trans|transl|tr|ed|eds|edited|translated)\b)"
                                r"[^()\[\]\"“”«»\d./]+?)\s*\([^()]*[A-Za-z][^()]*,\s*"
                                r"(?:1[5-9]|20)\d\d\)")


# the words that open what someone other than the author did: "Translated by Robert Pinsky"
_ROLE_WORDS = (r"trans|transl|translated|tr|ed|eds|edited|traduit|trad|traduzione|übersetzt|"
               r"hrsg|herausgegeben|a cura|introduction|introduzione|préface|prefazione|with")


# a book's subtitle after a full stop, then place, publisher and year between commas, as
# French and Italian print them: "Surveiller et punir. Naissance de la prison, Paris,
# Gallimard, 1975."
# ... or nothing after it: the subtitle, or a word after a hyphen, ends the reference ("…
# Brown Tree Snake: Patterns of Decline and Species Persistence in Guam’s Aifauna.",
# "Accurate normalization of real-time quantitative RT-PCR")
_REST_ENDING_THE_TEXT = re.compile(r"(:\s[^.?!:()\[\]\d]+[?!]?|-[A-Za-z\d]{1,12})\.?\s*$")
_SUBTITLE_THEN_IMPRINT = re.compile(
    r"(\.\s+(?!(?i:" + _ROLE_WORDS + r")\b)[A-ZÀ-Ý][^.,;:()\[\]\d]+?),"
    r"\s+[A-ZÀ-Ý][^.,;()\[\]\d]*,\s+[A-ZÀ-Ý][^.,;()\[\]\d]*,\s+(?:1[5-9]|20)\d\d\.?$")


def _field_end(item: dict[str, Any], key: str, text: str) -> int:
    """Where the reference's field ``key`` (first found) ends in its text; -1 when it has
    none, or the text does not hold it as read."""
    value = item.get(key, "")
    at = text.find(value) if value else -1
    return at + len(value) if at >= 0 else -1


def _title_end(item: dict[str, Any], text: str) -> int:
    """Where the reference's title ends in its text (-1: see :func:`_field_end`). The rules
    below read what follows a title the tagger cut short."""
    return _field_end(item, "title", text)


def _issued_year(item: dict[str, Any]) -> int | None:
    return ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]


def _title_up_to_imprint(item: dict[str, Any], text: str) -> None:
    """A book's title runs up to its imprint: the tagger may end it at the subtitle's colon
    or at a comma inside it, before an imprint in brackets, or at the full stop before the
    subtitle, where place, publisher and year follow between commas; the rest it leaves
    unlabelled."""
    end = _title_end(item, text)
    if end < 0 or "container-title" in item or "volume" in item:
        return
    for form in (_REST_THEN_IMPRINT, _SUBTITLE_THEN_IMPRINT, _REST_ENDING_THE_TEXT):
        rest = form.match(text, end)
        if rest and "page" not in item:
            item["title"] += rest.group(1)
            return


# a chapter's book named after its editors: "In S. Keys (ed.) Idiosyncratic Person-Centred
# Therapy: From the Personal to the Universal. Ross-on-Wye", "in Martin Chusid (ed.), Verdi’s
# Middle Period: … (University of Chicago Press, 1997)"
_EDITORS_THEN_BOOK = re.compile(
    r"\b[Ii]n:?\s+(?P<editors>[A-Z](?:(?!\b[Ii]n\s)[^()“”\"«»]){1,120}?)"
    r"\s*\((?:[Ee]ds?|Hrsg|dir|comp)\.?\)\s*[,:]?\s+"
    r"(?P<book>[^\s.()][^.()]*?)\s*(?:\.\s|\.?$|\(|,\s*(?:pp?\.\s*|[Vv]ol\.\s*)?\d)")


# Vancouver's "In: Vogelstein B, Kinzler KW, editors. The genetic basis of human cancer. New
# York: …" (the names without full stops, "editors" or "eds" after them)
_VANCOUVER_EDITORS_THEN_BOOK = re.compile(
    r"\bIn:\s+(?P<editors>[A-Z][^.;:()“”\"]{0,200}?),\s+(?:editors?|eds?)\.\s+"
    r"(?P<book>[^\s.][^.]*?)\.(?:\s|$)")


# Elsevier's "in: B.S. Jones, R.Z. Smith (Eds.), Introduction to the Electronic Age,
# E-Publishing Inc., New York, 2009, pp. 281–304." (the book, publisher and place between
# commas before the year)
_ELSEVIER_EDITORS_THEN_BOOK = re.compile(
    r"\bin:\s+(?P<editors>[A-Z][^()]{0,200}?)\s+\((?:Eds?)\.\),\s+(?P<book>[^,.()]+?),"
    r"\s+[^,]+,\s+[^,]+,\s+(?:1[5-9]|20)\d\d\b")


# BibTeX's own styles (plain, alpha, abbrv): "In C. B. Jones, R. C. Shaw, and T. Denvir,
# editors, Proc. 5th. BCS-FACS Refinement Workshop, 1992.", "In Jean-Luc Gaudiot and Lubomir
# Bic, editors, Advanced Topics in Data-Flow Computing, pages 347-379." (the book ends where
# its pages, volume, number or year begin)
_BIBTEX_EDITORS_THEN_BOOK = re.compile(
    r"\bIn\s+(?P<editors>[A-Z][^()“”\"«»:]{0,200}?),\s+(?:editors|editor|eds\.|ed\.),\s+"
    r"(?P<book>[A-Z][^,]{0,200}?)(?=,\s*(?:pages|volume|vol\.|number|no\.|pp?\.|"
    r"(?:[A-Z][a-z]{2,8}\.?\s+)?(?:1[5-9]|20)\d\d\b)|\.\s[A-Z][^.,:]{1,40}:\s)")


# the editors after a chapter's quoted title with no "In", or after an "in" with "eds" and no
# full stop or "(editors)": "…Topics.” Thomas Faist and Eyüp Özveren, eds. Transnational Social
# Spaces: …. Aldershot", "…Comics?” Matthew J. Smith and Randy Duncan (eds.). Critical
# Approaches to Comics: …. New York", "in P. H. Damgaard, et al. (editors) Probabilistic
# Methods …, New York" (not "In Theorizing Documentary, ed. Michael Renov": a book, then its
# editor; no word with a full stop among the names: "… Psychology, Vol. VI, P.R. Farnsworth")
_EDITORS_NAMED_THEN_BOOK = re.compile(
    r"(?:[”\"]\.?\s+|\b[Ii]n:?\s+)"
    r"(?P<editors>[A-Z](?:(?!\b(?![JS]r\.)[A-Za-z]{3,}\.)[^()“”\"«»:]){1,160}?)"
    r"(?:,\s+(?:eds|editors)\.?,?|\s*\((?:eds?|editors?|Hrsg|dir)\.?\)\.?,?)\s+"
    r"(?P<book>[A-Z][^.()]*?)\s*(?:\.\s|\.?$|\(|,\s*(?:pp?\.\s*|[Vv]ol\.\s*)?\d|"
    r",\s[A-Z][^,.:]{1,30}:\s)")  # (a place and its publisher: ", New York: Plenum Press")


# a title in single quotes run on past its closing quote into the book it is in: "‘Appraising
# the Legacy of Bandung: The View from India’ in Seng Tan and …", "'The biolinguistic program
# and historical reconstruction', in Anna Maria Di Sciullo …"
_QUOTE_CLOSED_BEFORE_IN = re.compile(r"[’'],?\s+[Ii]n:?\s")


def _single_quoted_title(item: dict[str, Any], text: str) -> None:
    """A title opened by a single quote ends at the quote closing it before "in"."""
    title = item.get("title", "")
    at = text.find(title) if title else -1
    closed = _QUOTE_CLOSED_BEFORE_IN.search(title)
    if at > 0 and text[at - 1] in "‘'" and closed:
        item["title"] = title[:closed.start()]


def _book_after_its_editors(item: dict[str, Any], text: str) -> None:
    """The book a chapter is in, printed after its editors and their "(ed.)" or "editors.",
    where the tagger found no book, took the editors for it or a part of the imprint after
    it; the editors are the editors."""
    container = item.get("container-title", "")
    bibtex = _BIBTEX_EDITORS_THEN_BOOK.search(text)
    book = bibtex.group("book") if bibtex else ""
    if bibtex and (not container or container in bibtex.group(0) or container.startswith(book)):
        # the tagger's book none, the editors, both with the book, or the book run on into
        # its volume; but where it ends at a full stop that the pattern reads past ("…,
        # editors, Predicting Structured Data. MIT Press, 2006"), the book is the tagger's
        _in_book(item, bibtex)
        if container and book.startswith(container + ". "):
            item["container-title"] = container
        return
    match = _ELSEVIER_EDITORS_THEN_BOOK.search(text) or _EDITORS_THEN_BOOK.search(text) or \
        _VANCOUVER_EDITORS_THEN_BOOK.search(text) or _EDITORS_NAMED_THEN_BOOK.search(text)
    at = text.find(container) if match and container else -1
    over_the_editors = match is not None and match.start("editors") <= at < match.start("book")
    if match is None or container and container not in match.group("editors") and \
            text.find(container, match.end("book")) < 0 and not over_the_editors:
        return  # (the tagger's book is its own, unless it runs from the editors on)
    _in_book(item, match)


def _in_book(item: dict[str, Any], match: re.Match[str]) -> None:
    """The book a chapter is in, and its editors, as a pattern with those groups read
    them."""
    item["container-title"] = match.group("book")
    editors = split_authors(match.group("editors"))
    if editors:
        item.setdefault("editor", editors)


# Chicago's "in Illuminations, ed. Hannah Arendt, trans. …", "In Identity: Community,
# Culture, Difference, edited by Jonathan Rutherford, 222–37.", "In Sturm und Drang: Eine
# Auswahl theoretischer Texte. Edited by Erich Löwenthal. Heidelberg: …"
_BOOK_THEN_EDITORS = re.compile(
    # "…,” in Illuminations" (a note), "…” In Identity" (a bibliography): not ", In Search
    # of Lost Time", a title that opens with the word
    r"(?:(?:^|,\s*|[”\"]\s+)in|[.”\"]\s*In)\s+(?P<book>[A-Z][^“”\"«»()]*?)"
    r"(?:,\s+(?:eds?\.|edited\s+by)|\.\s+Edited\s+by)\s+"
    # the editors end at a comma, a bracket, the end, or a full stop after a word (not the
    # full stop of an initial: "ed. D. J. Enright (New York …")
    # (the first editor named: one run of words, read once, however the list goes on)
    r"(?P<editors>[A-Z][^,()]*?)"
    r"(?=\s*[,(]|(?<=[^\W\d_]{2})\.\s|\.?\s*$)")


def _book_before_its_editors(item: dict[str, Any], text: str) -> None:
    """The book a chapter is in, printed before "ed." or "edited by" and its editors,
    where the tagger found no book."""
    if "container-title" in item:
        return
    # after the title: not its own "in" ("Alice's Adventures in Wonderland, ed. …") nor the
    # "In" it opens with ("In Search of Lost Time, ed. …")
    match = _BOOK_THEN_EDITORS.search(text, max(_title_end(item, text), 0))
    if match:
        _in_book(item, match)


# French and Italian elision at a title's end: "… au siècle d’Or", "… dell’Arte"
_ELISION_AT_END = re.compile(
    r"(?:^|\s)(?:[dDlLjJmMnNsStTcC]|[qQ]u|[dD]ell|[nN]ell|[aA]ll|[sS]ull)$")
_ELIDED_WORD = re.compile(r"['’]\w+")


# the servers preprints are posted on, as references name them ("Preprint at arXiv.",
# "bioRxiv 2023.04.30.538439", "arXiv:2001.08361")
_PREPRINT_SERVER = re.compile(
    r"\b(arXiv|bioRxiv|medRxiv|ChemRxiv|PsyArXiv|SocArXiv|EarthArXiv|TechRxiv|SSRN|"
    r"Research Square|Preprints\.org|OSF Preprints)\b(?![./]\w)", re.I)
_PREPRINT_AT = re.compile(r"\bpreprint\b", re.I)


_E_PRINT_AS_PAGE = re.compile(r"(?:arXiv|hep|astro|math|cond|quant|gr|nucl)\b", re.I)


def _preprint_server(item: dict[str, Any], text: str) -> None:
    """A preprint's server is its publisher in CSL (where styles print it): named after
    "Preprint at" (Cell Press, Nature) or alone in the journal's place ("… . bioRxiv."),
    not inside an address or a DOI ("doi.org/10.48550/arXiv.2001.08361")."""
    if _E_PRINT_AS_PAGE.match(item.get("page", "")):
        del item["page"]  # "…, (2018), arXiv:1804.00491": the e-print's number is no page
    container = item.get("container-title", "")
    named = _PREPRINT_SERVER.fullmatch(container.strip(" .")) if container else None
    if named is None and container:
        return
    if named is None:
        bare = _URL.sub(" ", DOI_RE.sub(" ", text))
        named = _PREPRINT_SERVER.search(bare) if _PREPRINT_AT.search(bare) else None
    if named:  # (a server in the journal's place stays there too, as the style prints it)
        item.setdefault("publisher", named.group(1))


# what follows an author-date reference's year when it is a book or a report with nothing
# after it but its publisher in brackets: "(1958). Philosophical Investigations (Basil
# Blackwell).", "(2023). GPT-4 Technical Report."
_BOOK_AFTER_YEAR = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)\.\s+(?P<title>[^()\s][^()]*?)"
                              r"(?:\s+\((?P<publisher>[^()\d]*[A-Za-z][^()\d]*)\))?\.?$")
_NO_PUBLISHER = re.compile(r"\b(?:eds?|edn|edition|vol|trans|rev|in press|n\.d)\b", re.I)


def _book_after_the_year(item: dict[str, Any], text: str) -> None:
    """A book or report cited author-date with only its publisher in brackets after its
    title: the title (which the tagger may leave untagged) and the publisher."""
    if "container-title" in item or "volume" in item:
        return
    match = _BOOK_AFTER_YEAR.search(text)
    if match is None or item.get("title", match.group("title")) != match.group("title"):
        return
    item["title"] = match.group("title")
    publisher = match.group("publisher")
    if publisher and not _NO_PUBLISHER.search(publisher):
        item.setdefault("publisher", publisher)


# a title's last words, a country as its code, which the tagger reads as initials: "…
# patients in London, UK. BMJ open 12"
_COUNTRY_CODE = re.compile(r",\s+(?:UK|USA|US|PRC|UAE|DRC|ROK|DPRK)(?=\.)")


def _country_ending_a_title(item: dict[str, Any], text: str) -> None:
    end = _title_end(item, text)
    code = _COUNTRY_CODE.match(text, end) if end >= 0 else None
    if code:
        item["title"] += code.group(0)


# a place the title ends with, after its comma, read as the journal's first word: "… in
# Wuhan, China. Lancet 395, 497–506 (2020)" (Nature's style): a word of four letters or more,
# none of the abbreviated journals' first words, before a journal whose first word is whole
# (not "…, Cell. Mol. Life Sci.", "…, Mach. Learn. 45", "…, Organ. Sci. 2")
_PLACE_NAME = re.compile(r"(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]{3,}")
_ONE_WORD_JOURNAL = re.compile(r"[A-Z][\w&’'-]*")


# the countries and regions a title most often ends with ("… in Wuhan, China."): one is a
# place whatever follows it, even a journal's name with a full stop ("China. Lancet. 395")
_PLACES = frozenset({
    "China", "Japan", "Korea", "Taiwan", "India", "Pakistan", "Bangladesh", "Nepal", "Iran",
    "Turkey", "Israel", "Egypt", "Ethiopia", "Kenya", "Uganda", "Tanzania", "Nigeria", "Ghana",
    "Africa", "Asia", "Europe", "America", "Australia", "Canada", "Mexico", "Brazil",
    "Argentina", "Chile", "Peru", "Colombia", "England", "Scotland", "Wales", "Ireland",
    "France", "Germany", "Italy", "Spain", "Portugal", "Netherlands", "Belgium", "Sweden",
    "Norway", "Denmark", "Finland", "Poland", "Russia", "Greece", "Switzerland", "Austria",
    "Vietnam", "Thailand", "Malaysia", "Singapore", "Indonesia", "Philippines", "Zealand",
    "Antarctica", "Arctic"})


_PLACE_BEFORE_A_CONTAINER = re.compile(rf"({_PLACE_NAME.pattern})\.\s+(?=[A-Z])")


def _is_a_place(place: str, journal: str, text: str) -> bool:
    """Whether ``place``, printed before ``journal`` (the tagger's) with a full stop between
    them, is a place ending the title before it (see :data:`_PLACE_NAME`): one of
    :data:`_PLACES`, or a whole word before a one-word journal that is no abbreviation."""
    if any(w in _JOURNALS_FIRST_WORDS for w in place.split()):
        return False
    if place.split()[-1] in _PLACES:  # before any journal: "…, Antarctica. Antarct. Sci. 18"
        return True
    return _PLACE_NAME.fullmatch(place) is not None and \
        _ONE_WORD_JOURNAL.fullmatch(journal.strip()) is not None and \
        re.search(re.escape(f"{place}. {journal}") + r"(?!\.)", text) is not None


def _place_ending_a_title(item: dict[str, Any], text: str) -> None:
    title, container = item.get("title", ""), item.get("container-title", "")
    place = _PLACE_BEFORE_A_CONTAINER.match(container) if title and container else None
    if place and _is_a_place(place.group(1), container[place.end():], text) and \
            re.search(re.escape(title) + r",\s" + re.escape(container), text):
        item["title"] = f"{title}, {place.group(1)}"
        item["container-title"] = container[place.end():]


# what kind of thesis a work is, printed after its title: APA's "(Doctoral dissertation)",
# "(Master's thesis)", "(Doctoral dissertation, University of …)"; a note's ". Thèse de
# doctorat", ". Tesis doctoral", ". PhD thesis"
_THESIS_KIND = (r"(?:unpublished\s+)?(?:doctoral|master[’']?s?|bachelor[’']?s?|honou?rs|"
                r"ph\.?\s?d\.?|m\.?\s?a\.?|m\.?\s?sc?\.?|m\.?\s?phil\.?|diploma|senior)\s+"
                r"(?:dissertation|thesis|project)")
_THESIS_NOTE = re.compile(
    rf"\s*(?:\(\s*{_THESIS_KIND}(?:,[^()]*)?\)|\[\s*{_THESIS_KIND}(?:,[^\[\]]*)?\]|"
    rf"[.,]\s*(?:{_THESIS_KIND}|th[èe]se(?:\s+de\s+doctorat)?|tesis(?:\s+doctoral)?|"
    rf"doktorarbeit|dissertation|diss\.))$", re.I)


def _title_cut_at(item: dict[str, Any], pattern: re.Pattern[str], trail: str = ""
                  ) -> re.Match[str] | None:
    """Cut the title where ``pattern`` (which ends it: a note, a number, a role) begins in
    it, after some of it, and ``trail`` after that; the match, when it cut."""
    title = item.get("title", "")
    found = pattern.search(title) if title else None
    if not found or found.start() == 0:
        return None
    item["title"] = title[:found.start()].rstrip(trail)
    return found


# a report's kind, "(in press)" before a title, a publisher after it: "… programming.
# Technical report, Computer Science Department …", "Blikstein, P. (in press) Physical
# computing …", "B. K. P. Horn. Robot Vision. MIT Press, Cambridge, MA, 1986."
_REPORT_NOTE = re.compile(r"[.,]\s*(?:technical|tech\.)\s+(?:report|memo(?:randum)?)$", re.I)
_IN_PRESS_OPENING = re.compile(r"(?:\(?in\spress\)[.,]?|in\spress[.,])\s", re.I)
_PUBLISHER_AT_END = re.compile(r"\.\s(?P<publisher>(?:[A-Z][\w&'’.-]*\s){0,4}(?:Press|Publishers?|"
                               r"Publishing|Verlag|Books))$")
# GB/T 7714-1987's kind of work in tortoise-shell brackets after the title, where 2015 has its
# code: "…反演方法研究：〔学位论文〕", "…solid oxygen：〔dissertation〕"
# (its closing bracket perhaps cut by the tagger)
_KIND_IN_SHELL_BRACKETS = re.compile(r"\s?[:：]?\s?〔[^〔〕]{1,16}〕?\s?$")


def _thesis_note_ending_a_title(item: dict[str, Any], text: str) -> None:
    """The kind of thesis or report printed after its title is no part of the title, nor
    its publisher, nor "in press" printed before it, nor GB/T 7714-1987's kind of work in
    〔〕."""
    _title_cut_at(item, _THESIS_NOTE, " .,")
    _title_cut_at(item, _REPORT_NOTE, " .,")
    title = item.get("title", "")
    opening = _IN_PRESS_OPENING.match(title)
    if opening and len(title) > opening.end() + 3:
        item["title"] = title = title[opening.end():]
    publisher = _PUBLISHER_AT_END.search(title)
    at = text.find(title) if publisher else -1
    if publisher and publisher.start() > 0 and at >= 0 and re.match(
            r",\s(?:[A-Z]|(?:1[5-9]|20)\d\d)", text[at + len(title):]):  # its place or year
        item["title"] = title[:publisher.start()]
        item.setdefault("publisher", publisher.group("publisher"))
    _title_cut_at(item, _KIND_IN_SHELL_BRACKETS)  # GB/T 7714-1987's "：〔学位论文〕"


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


# an official document's number after its title (GB/T 7714 §8.1.1, other title information):
# "中国制造2025: 国发〔2015〕28号", "…的通知: 京政办发［2005］37 号"
_DOCUMENT_NUMBER = re.compile(r"\s*[:：]\s*[\u4e00-\u9fff]{1,10}\s*[〔［\[【(（]\s*"
                              r"(?:1[5-9]|20)\d\d\s*[〕］\]】)）]\s*(?:第\s*)?\d{1,5}\s*号$")


def _document_number_ending_a_title(item: dict[str, Any]) -> None:
    """An official document's number printed after its title is no part of the title."""
    if "号" in item.get("title", ""):
        _title_cut_at(item, _DOCUMENT_NUMBER)


# APA's date of a newspaper's or magazine's article, "(2018, March 17)", "(2020, Spring)"
_DAY_DATE = re.compile(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?\s*\)")
# ... and the periodical's name alone after the title, perhaps before the article's address
_LAST_NAME = re.compile(r"\.\s+([A-Z][^.()\[\]]{1,60}?)\.?(?:\s+https?://\S+)?\s*$")


# a periodical's name: capitalised words, the small ones between them aside ("The New York
# Times", "BBC News"); no comma, no digit ("Speech presented in Washington, DC", "Retrieved
# March 12, 2020, from", "Unpublished manuscript", a thesis's note are none)
_PERIODICAL = re.compile(r"(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|the|and|for|in|"
                         r"on|at|&|de|la|le|der|die|das))*")
_NOT_A_PERIODICAL = re.compile(r"(?:Retrieved|Available|Accessed|Unpublished|Speech|Paper|Poster|"
                               r"Presentation|Author|Master|Doctoral|PhD|Ph\.D|Thesis|"
                               r"Dissertation)\b", re.I)


def _periodical_after_a_dated_title(item: dict[str, Any], text: str) -> None:
    """APA's newspaper article: "(2018, March 17). Revealed: … data breach. The Guardian." —
    a name alone after the title of a work dated to its day is the periodical (a book's
    publisher stands there too, but a book is dated by its year)."""
    if item.get("container-title") or not _DAY_DATE.search(text):
        return
    end = _title_end(item, text)
    name = _LAST_NAME.fullmatch(text, end) if end > 0 else None
    if name and _PERIODICAL.fullmatch(name.group(1).strip()) \
            and not _NOT_A_PERIODICAL.match(name.group(1)):
        item["container-title"] = name.group(1).strip()


_GLUED_YEAR = re.compile(r"[ \t]+(1[5-9]\d\d|20\d\d)(?!\d)")


def _year_ending_a_title(item: dict[str, Any], text: str) -> None:
    """A year run on from the title's last word, with no mark between them, is the title's
    ("Journal meiner Reise im Jahre 1769. In Sturm und Drang … 1972"), where another year
    follows it: that one is the year of publication."""
    end = _title_end(item, text)
    glued = _GLUED_YEAR.match(text, end) if end > 0 and text[end - 1].isalpha() else None
    later = _YEAR.search(text, glued.end()) if glued else None
    if glued and later:
        item["title"] += glued.group(0)
        item["issued"] = {"date-parts": [[int(later.group(1))]]}


# the year of publication straight after a meeting's year: "… – MICCAI 2015, 2015, pp."
_YEAR_OF_PUBLICATION = re.compile(r",\s*(?:[A-Z][a-z]{2,8}\.?\s+)?(1[5-9]\d\d|20\d\d)(?!\d)"
                                  r"(?![-–—])")


_ACRONYM_AT_END = re.compile(r"(?<![\w-])[A-Z][A-Z&-]*[A-Z]$")  # "MICCAI", "ISWC", "CLiC" is none


def _year_ending_a_container(item: dict[str, Any], text: str) -> None:
    """A year run on from the acronym ending a meeting's name, with no mark between them, is
    the name's ("Medical Image Computing … – MICCAI 2015") where the year of publication,
    the same or the next, follows it between commas (not ACS's "Biochim. Biophys. Acta
    2015, 1853, …": a journal, its year, and a volume that looks like one)."""
    container = item.get("container-title", "")
    end = _field_end(item, "container-title", text)
    glued = _GLUED_YEAR.match(text, end) if end >= 0 and _ACRONYM_AT_END.search(container) \
        else None
    later = _YEAR_OF_PUBLICATION.match(text, glued.end()) if glued else None
    if glued and later and 0 <= int(later.group(1)) - int(glued.group(1)) <= 1:
        item["container-title"] += glued.group(0)
        item["issued"] = {"date-parts": [[int(later.group(1))]]}
    elif glued and int(glued.group(1)) == _issued_year(item) and \
            _PAGES_IN_BRACKETS.match(text, glued.end()):
        # APA's "(2014). … In D. Fleet (Eds.), Computer Vision – ECCV 2014 (pp. 740–755)":
        # the year of publication before, the book's pages after
        item["container-title"] += glued.group(0)


_PAGES_IN_BRACKETS = re.compile(r"\s*\((?:pp?\.|pages?\b)")


def _elided_word_ending_a_title(item: dict[str, Any], text: str) -> None:
    """A title ends with the word its last elided article belongs to, not with the article
    ("La Versification du théâtre espagnol au siècle d’Or", not "… siècle d")."""
    end = _title_end(item, text) if _ELISION_AT_END.search(item.get("title", "")) else -1
    word = _ELIDED_WORD.match(text, end) if end >= 0 else None
    if word:
        item["title"] += word.group(0)


def _title_ends_at_its_quote(item: dict[str, Any], text: str) -> None:
    """A title opened by a quotation mark ends at its closing mark: "« Egalité et
    diversité », Travail, genre et société, 2009" is a title and its journal, which the
    tagger read as one title."""
    title = item.get("title", "")
    at = text.find(title) if title else -1
    opener = text[:at].rstrip()[-1:] if at > 0 else ""
    closer = _QUOTE_OPENERS.get(opener) if opener in "«“\"" else None
    end = title.find(closer) if closer and closer not in title[:1] else -1
    if end <= 0 or opener in title or not re.match(r"\s*,\s*\S", title[end + 1:]):
        return  # "“Be like” et al.: Beyond America…": a quotation the title opens with
    rest = title[end + 1:].strip(" ,.;:")
    item["title"] = title[:end].rstrip()
    if rest and "container-title" not in item:
        item["container-title"] = rest


# a quoted title's own last words in brackets: "… especie nueva (Pisces, Characidae),”"
_BRACKET_THEN_QUOTE = re.compile(r"\s*\([^()]+\)(?=[,.]?\s*[”\"»’])")


def _bracket_ending_a_quoted_title(item: dict[str, Any], text: str) -> None:
    """A bracket at the end of a quoted title is the title's, though the tagger left it."""
    end = _title_end(item, text)
    at = end - len(item.get("title", ""))
    if end < 0 or at <= 0 or text[at - 1] not in "“\"«‘":
        return
    bracket = _BRACKET_THEN_QUOTE.match(text, end)
    if bracket:
        item["title"] += bracket.group(0)


# Elsevier's and physics' "Phys. Lett. B 716 (2012) 30.": one page after the bracketed year
_PAGE_AFTER_YEAR = r"\b{volume}\s*\(\s*{year}\s*\)\s*,?\s*([A-Za-z]?\d+)\s*(?:[.,;]|$)"


def _page_after_the_year(item: dict[str, Any], text: str) -> None:
    """A single page printed after the volume and its bracketed year, where the tagger
    found none (a range it finds)."""
    year = _issued_year(item)
    if "page" in item or "volume" not in item or not year:
        return
    found = re.search(_PAGE_AFTER_YEAR.format(volume=re.escape(item["volume"]), year=year), text)
    if found:
        item["page"] = found.group(1)


# Physical Review's "Phys. Rev. Lett. 70, 1895 (1993)": a four-digit page between the volume
# and the bracketed year
_PAGE_BEFORE_THE_YEAR = r"\b{volume}\s*,\s*({year})\s*\(\s*((?:1[5-9]|20)\d\d)\s*\)"


def _page_read_as_the_year(item: dict[str, Any], text: str) -> None:
    """A page that looks like a year, taken for it where the year follows in brackets."""
    year = _issued_year(item)
    if "page" in item or "volume" not in item or not year:
        return
    found = re.search(_PAGE_BEFORE_THE_YEAR.format(volume=re.escape(item["volume"]),
                                                   year=year), text)
    if found:
        item["page"] = found.group(1)
        item["issued"] = {"date-parts": [[int(found.group(2))]]}


# ACM's journal form: "Commun. ACM 51, 1 (Jan. 2008), 107–113." (volume, issue, then the month
# and year in brackets, then the pages)
_ACM_JOURNAL = re.compile(
    r"[.,]?\s+(?P<journal>[A-Z][^,()\d]*?(?:,\s*[A-Z][^,()\d]*?)?)\s+(?P<volume>\d+),\s*"
    r"(?P<issue>\d+(?:[-–/]\d+)?)\s*\((?:[A-Z][a-z]{2,8}\.?\s+)?(?P<year>(?:1[5-9]|20)\d\d)\),"
    r"\s*(?P<page>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\s*(?:[.,]|$)")


def _acm_journal(item: dict[str, Any], text: str) -> None:
    """A journal printed in ACM's form after the title: the tagger reads the volume into the
    journal's name and the issue as the volume, or the year as the issue."""
    end = _title_end(item, text)
    if end < 0:
        return
    found = _ACM_JOURNAL.match(text, end)
    if not found or int(found.group("year")) != _issued_year(item):
        return
    item["container-title"] = _container(found.group("journal"))
    item["volume"], item["issue"] = found.group("volume"), found.group("issue")
    item["page"] = _page(found.group("page"))


# German "Nachname, Vorname: Titel.": the given names end at the colon before the title
_GIVEN_THEN_COLON = (r"^\s*{family},\s+(?P<given>[A-ZÀ-ÖØ-Þ][\w'’.-]*"
                     r"(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){{0,2}}):\s+")


def _given_name_before_a_colon(item: dict[str, Any], text: str) -> None:
    """"Luhmann, Niklas: Die Gesellschaft der Gesellschaft." is Niklas Luhmann's book, where
    the tagger reads "Niklas: Die Gesellschaft …" as the title (or, of "Gadamer, Hans-Georg:
    Wahrheit und Methode", "Georg: Wahrheit …", the given name cut at its hyphen)."""
    authors, title = item.get("author", []), item.get("title", "")
    if len(authors) != 1 or not authors[0].get("family"):
        return
    found = re.match(_GIVEN_THEN_COLON.format(family=re.escape(authors[0]["family"])), text)
    read = authors[0].get("given", "")  # the tagger's part of it: "Hans" of "Hans-Georg"
    if not found or not found.group("given").startswith(read):
        return
    rest = found.group("given")[len(read):]
    if read and not rest.startswith("-"):
        return  # "Diamond, Jared M. Collapse: How …": the tagger's given name is whole
    rest = rest.lstrip("-")
    if title.startswith(rest + ":"):
        authors[0]["given"] = found.group("given")
        item["title"] = title[len(rest) + 1:].strip()


# a reference opening with its one author inverted, given names whole: "Hirschman, Albert O."
# then the title after the initial's full stop; "Heidegger, Martin:" then the title
# (a family name, perhaps double-barrelled: "Martin-Facklam")
_FAMILY_NAME = r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)?"
_INVERTED_AUTHOR = re.compile(
    rf"(?:\[\d+\]\s*|\d{{1,3}}\.\s+)?(?P<family>{_FAMILY_NAME}),\s+"
    r"(?P<given>[^\W\d_][\w'’]+(?:-[^\W\d_][\w'’]*)?(?:\s+[A-Z]\.)*)"
    r"(?:(?<=\.)|:)\s+(?!(?:Jr|Sr|II|III|IV)\b)(?=[^\W\d_a-z][^\W\d_]|[“\"«])")
# (the title's first word, not one more initial, nor a suffix of the name: "King, Martin L.
# Jr. Why We Can't Wait")


# names of a list that a title cannot continue: a family name, perhaps after particles
# ("van der Waals"), and initials each with its full stop ("A. D.", "J.-P.", "Ch.")
_FAMILY_IN_A_LIST = rf"(?:(?:van|von|de|der|den|del|da|di|du|dos|la|le)\s+)*{_FAMILY_NAME}"
_INITIALS_WITH_STOPS = r"(?:(?![JS]r)[A-Z][a-z]?\.\s?(?:-\s?)?)*(?![JS]r)[A-Z][a-z]?\."
_OPENING_NUMBER = r"(?:[\[(]\d{1,3}[\])]\s*|\d{1,3}\.\s+)?"
# a title's first word: not one more initial ("Gibson, R. L.": not the name "Gibson, R." and
# a title "L., Reimold …"; "Lamaire, R. O, and …"), nor a word alone before a full stop or a
# comma (a name: "Pate, C. Marvin.", "Lind, E. Allen, and Tom R. Tyler", the next of a list
# without separators, "Sasayama, D. Hattori, K."; an abbreviated journal: "A. Peres, Phys.
# Rev. Lett."), nor the "and" before the last name
_A_TITLE_STARTS = (r"(?![A-Z][a-z]?[.,]|[^\W\d_][\w'’-]*[.,](?:\s|$)|(?:and|And|&)\s)"
                   r"(?=[^\W\d_a-z]|[“\"«])")
_INVERTED_NAME = rf"{_FAMILY_IN_A_LIST},\s{_INITIALS_WITH_STOPS}"
_NAME_INITIALS_FIRST = rf"{_INITIALS_WITH_STOPS}\s?{_FAMILY_IN_A_LIST}"
# ACS: "Grimme, S.; Antony, J.; Krieg, H. A Consistent …", "Becke, A. D. Density-…"
_ACS_NAMES = re.compile(rf"{_OPENING_NUMBER}(?P<names>{_INVERTED_NAME}"
                        rf"(?:;\s(?:and\s)?{_INVERTED_NAME})*)\s+{_A_TITLE_STARTS}")
# Physical Review: "L. Onsager, Crystal statistics. I. A two-dimensional model …"
_INITIALS_FIRST_NAMES = re.compile(
    rf"{_OPENING_NUMBER}(?P<names>{_NAME_INITIALS_FIRST}"
    rf"(?:,\s(?:and\s)?{_NAME_INITIALS_FIRST})*"
    rf"(?:,?\s(?:and|&)\s{_NAME_INITIALS_FIRST}|\set\sal\.)?),\s+{_A_TITLE_STARTS}")
_NAMES_BEFORE_A_TITLE = (_INVERTED_AUTHOR, _ACS_NAMES, _INITIALS_FIRST_NAMES)


def _name_words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{2,}", text))


def _title_run_into_the_author(item: dict[str, Any], text: str) -> None:
    """A title whose first words the tagger read as names: "Hirschman, Albert O. Exit, Voice,
    and Loyalty: Responses to Decline …" (given name "Albert O. Exit", an author "Voice"),
    "Heidegger, Martin: Sein und Zeit. Halle …" ("Martin: Sein", and a title "Halle a"),
    ACS's "Krieg, H. A Consistent and Accurate …" (the article "A" an initial), "Becke, A. D.
    Density-Functional Thermochemistry. III. The Role …" (the part's numeral an initial).
    Where the names are printed so that no title word can belong to them (one inverted
    name whose given name ends in a full stop or a colon; a list of names each with its
    initials), the author is those names; the title runs from after them through the
    tagger's title where that is its subtitle (after a colon, or a full stop and three words
    or more), its last words (after a comma, or in the same sentence), else to the full stop
    before it."""
    authors, title = item.get("author") or [], item.get("title", "")
    if not authors or not title:
        return
    for form in _NAMES_BEFORE_A_TITLE:
        found = form.match(text)
        if found:
            break
    else:
        return
    names = found.group("names") if "names" in form.groupindex else \
        f"{found.group('family')}, {found.group('given')}"
    start = text.find(title, found.end())
    if start < 0:
        return
    between = text[found.end():start].rstrip()
    read = " ".join(" ".join(a.values()) for a in authors)
    run_on = _name_words(read) - _name_words(names)
    if not run_on or not between or not run_on <= _name_words(between):
        return  # the tagger's names are these names: nothing of the title in them
    if form is _INITIALS_FIRST_NAMES and between.endswith(",") and \
            not _EDITION_AT_END.match(" " + title):
        return  # "J. Smith, Wei Chen, Deep learning …": a name written whole goes on the
        # list before a title the tagger read; only a "title" that is an edition is none
        # ("J. D. Jackson, Classical Electrodynamics, 3rd ed.")
    # its subtitle after a colon, or after a full stop if three words or more; the rest of
    # a list of words after a comma, or of its sentence; after a full stop a word or two: the
    # place ("Halle a.")
    if between.endswith((":", ",")) or between[-1].isalnum() or between.endswith(")") or \
            (between.endswith(".") and len(title.split()) >= 3):
        whole = f"{between} {title}"
    elif between.endswith("."):
        whole = between[:-1]
    else:
        return
    if "names" in form.groupindex:
        item["author"] = split_authors(names)
    else:
        item["author"] = [{"family": found.group("family"),
                           "given": found.group("given").rstrip()}]
    item["title"] = _strip_span(whole)
    _edition_ending_a_title(item, text)  # "J. D. Jackson, Classical Electrodynamics, 3rd ed."


# Vancouver's authors, each a family name and its initials, the last followed by a full stop:
# "Kahneman D. ", "Lowry OH, Rosebrough NJ. "
_VANCOUVER_NAMES = re.compile(
    r"(?:[\[［]\d{1,4}[\]］]\s*|\d{1,4}[.)]\s+)?"
    r"(?P<names>[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?\s[A-Z]{1,3}"
    r"(?:,\s[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?\s[A-Z]{1,3})*)\.\s+(?=[^\W\d_])")


# Vancouver's date: a book's "Publisher; 2011", an article's "2017;49(5)"
_VANCOUVER_SEMICOLON = re.compile(r";\s*(?:1[5-9]|20)\d\d\b|\b(?:1[5-9]|20)\d\d\s*;\s*\d")


def _title_run_into_vancouvers_authors(item: dict[str, Any], text: str) -> None:
    """A title whose first words, before its commas, the tagger read as more authors:
    "Kahneman D. Thinking, Fast and Slow." (an author "Thinking", the title "Fast and
    Slow"). Vancouver's authors all have initials: the words after the last author's full
    stop that have none are the title's."""
    authors, title = item.get("author") or [], item.get("title", "")
    found = _VANCOUVER_NAMES.match(text) if _VANCOUVER_SEMICOLON.search(text) else None
    if not found or not authors or not title:
        return  # (not Vancouver's: "Joseph A. Schumpeter, Capitalism, …" is a given name)
    named = split_authors(found.group("names"))
    if [a.get("family") for a in authors] == [a.get("family") for a in named] or \
            not all(a.get("family") and a.get("given") for a in named):
        return
    start = text.find(title, found.end())
    between = text[found.end():start].rstrip() if start >= 0 else ""
    if not between.endswith(","):
        return  # the title's words before its comma, and nothing else, were taken
    item["author"] = named
    item["title"] = _strip_span(f"{between} {title}")


# ABNT's (Brazil's) "Revista …, Rio de Janeiro, v. 22, n. 68, p. 45-67, 2017": the journal,
# its place, then the volume and the number each after its letter
_ABNT_NUMBERS = re.compile(r"(?<![\w.])v\.\s*(\d+)\s*,\s*n\.\s*(\d+(?:\s*[-/]\s*\d+)?)"
                           r"(?=[,.;\s]|$)")
_ABNT_PLACE = re.compile(r",\s*(?:[A-ZÀ-Ý][\w’'-]*"
                         r"(?:\s+(?:de|do|da|del|di)?\s*[A-ZÀ-Ý][\w’'-]*){0,3})$")
# German "H. 3", "Heft 1/2": the issue
_HEFT = re.compile(r"(?<=[,;)])\s*(?:H\.|Heft)\s*(\d{1,3}(?:\s*/\s*\d{1,3})?)(?!\d)(?=[,.;\s]|$)")


def _volume_and_issue_by_their_letters(item: dict[str, Any], text: str) -> None:
    """Where the volume and issue are marked with words the tagger seldom saw: ABNT's
    ``v. 22, n. 68`` (it took the number for the volume) and the place ABNT prints after the
    journal's name; German ``H. 3`` or ``Heft 1/2``."""
    after_title = max(_title_end(item, text), 0)  # not "Miller, John H. 2010", not the title's
    abnt = _ABNT_NUMBERS.search(text, after_title)
    if abnt:
        item["volume"], item["issue"] = abnt.group(1), abnt.group(2)
        container = item.get("container-title", "")
        end = _field_end(item, "container-title", text)
        place = _ABNT_PLACE.search(container) if end >= 0 else None
        if place and re.match(r"\s*,\s*v\.", text[end:]):
            item["container-title"] = container[:place.start()]
        return
    heft = _HEFT.search(text, after_title)
    if heft and "issue" not in item:
        item["issue"] = heft.group(1).replace(" ", "")


# ACM's reference format names the publisher after the proceedings, with a full stop
# between: "… (KDD ’16). Association for Computing Machinery, New York, NY, USA, 785–794."
_PUBLISHER_AFTER_PROCEEDINGS = re.compile(
    r"\.\s+(?P<publisher>Association for Computing Machinery|ACM(?: Press)?|"
    r"IEEE(?: Computer Society)?(?: Press)?|Association for Computational Linguistics|"
    r"USENIX Association|AAAI Press|Springer(?:-Verlag)?(?: International Publishing)?|"
    r"Curran Associates(?:,? Inc\.?)?|Morgan Kaufmann(?: Publishers)?)$")


def _publisher_ending_proceedings(item: dict[str, Any]) -> None:
    """The publisher after a proceedings' name and its full stop is no part of the name
    (the tagger runs the name on into it); it is kept as the publisher."""
    container = item.get("container-title", "")
    found = _PUBLISHER_AFTER_PROCEEDINGS.search(container)
    if found and _is_proceedings(container[:found.start()]):
        item["container-title"] = container[:found.start()]
        item.setdefault("publisher", found.group("publisher"))


# NLM's medium after a title or a journal: "Global tuberculosis report 2022 [Internet].",
# "J Pain Symptom Manage [Internet]. 2020 [cited 2021 Mar 3];59(5)"
_MEDIUM_AT_END = re.compile(r"\s*\[(?:Internet|Online|Electronic resource|CD-ROM)\]?$", re.I)


def _medium_ending_a_name(item: dict[str, Any]) -> None:
    """The medium NLM prints in brackets is no part of the title or journal it follows."""
    for key in ("title", "container-title"):
        value = item.get(key, "")
        found = _MEDIUM_AT_END.search(value)
        if found and found.start() > 0:
            item[key] = value[:found.start()]


# Vancouver's date before its volume: its month and day, if any, then a semicolon
# ("2001 Mar;", "2020 Feb 20;"), after its year
_MONTH_DAY_SEMICOLON = r"(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;"
# Vancouver's numbers: "2013;62(25 Suppl):D34-41", "2001 Mar;98(5):9348-52"
_VANCOUVER_NUMBERS = re.compile(
    rf"(?<!\d)(?:1[5-9]|20)\d\d{_MONTH_DAY_SEMICOLON}\s*(?P<volume>\d+)"
    r"(?:\s*\((?P<issue>[^()]{1,20})\)|\s+(?P<supplement>Suppl\.?(?:\s*\d+)?))?\s*:\s*"
    r"(?P<page>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)")


def _vancouver_numbers(item: dict[str, Any], text: str) -> None:
    """Volume, issue and pages printed in Vancouver's "year;volume(issue):pages", where the
    tagger found none (a supplement in the issue's bracket puts it off)."""
    if "volume" in item:
        return
    found = _VANCOUVER_NUMBERS.search(text)
    if found:
        item["volume"] = found.group("volume")
        if found.group("issue") and "issue" not in item:
            item["issue"] = _issue(found.group("issue"))
        if found.group("supplement") and "issue" not in item:
            item["issue"] = found.group("supplement")  # PubMed's "42 Suppl 2:S93-9"
        item.setdefault("page", _page(found.group("page")))


# Vancouver's journal, then the year and the volume after a semicolon: "Lancet 2020; 395:
# 565–74.", "Biometrika 1908;6:1–25." (a month and day may come between: "2020 Feb 20;")
_JOURNAL_BEFORE_THE_YEAR = re.compile(
    r"[\s.]*(?P<journal>[A-Z][^.;:,()\[\]\d]{0,80}?)\.?\s+(?P<year>(?:1[5-9]|20)\d\d)"
    rf"{_MONTH_DAY_SEMICOLON}\s*(?P<volume>\d+)")


def _journal_before_the_year(item: dict[str, Any], text: str) -> None:
    """The journal a Vancouver reference names right after its title, where the tagger read
    none: a short name (one word, "Lancet") before the year is often taken for neither."""
    end = _title_end(item, text)
    if "container-title" in item or end < 0:
        return
    found = _JOURNAL_BEFORE_THE_YEAR.match(text, end)
    if found and str(_issued_year(item)) == found.group("year") and \
            item.get("volume", found.group("volume")) == found.group("volume"):
        item["container-title"] = found.group("journal").strip()


# the part of a series of papers after its title's full stop: "Density-functional
# thermochemistry. III. The role of exact exchange.", "… social behaviour. II."; the tagger
# ends the title before it and takes it for the journal's start (not a letter that is an
# initial or a journal's word: "Louis XIV. L. Rev. Hist.")
_ROMAN_PART = re.compile(r"(?P<part>(?:[IVXL]{2,6}|I)(?:\.\s+[^.,\s]+\s[^.,]{2,200}?)?)\.\s+"
                         r"(?P<journal>[^,]+)")


def _roman_part_of_a_title(item: dict[str, Any], text: str) -> None:
    """A title's part number, a roman numeral (and the part's own title), read as the
    journal's start is the title's end."""
    title, container = item.get("title", ""), item.get("container-title", "")
    found = _ROMAN_PART.fullmatch(container) if title and container else None
    if found and re.search(re.escape(title) + r"\.\s+" + re.escape(found.group("part")),
                           text):
        item["title"] = f"{title}. {found.group('part')}"
        item["container-title"] = found.group("journal")
    elif title and container:  # the numeral read as neither: "… behaviour. I. Journal of …"
        alone = re.search(re.escape(title) + r"\.\s+((?:[IVX]{2,5}|I))\.\s+"
                          + re.escape(container), text)
        if alone and _ROMAN.match(alone.group(1).lower()):
            item["title"] = f"{title}. {alone.group(1)}"


# the Royal Society's year, after the authors and before the title with no mark between:
# "Nowak MA, May RM. 1992 Evolutionary games and spatial chaos. Nature 359, 826–829."
_YEAR_OPENING = re.compile(r"((?:1[5-9]|20)\d\d)[a-z]?\s+(?=[A-Z\"“‘'(\u4e00-\u9fff])")


def _year_opening_a_title(item: dict[str, Any]) -> None:
    """A year opening the title, where the reference has no other, is its year (a title that
    begins with one, "1918 Influenza: the Mother of All Pandemics", is cited with its own)."""
    title = item.get("title", "")
    found = _YEAR_OPENING.match(title)
    # (in a journal: a web page's "2019 Novel Coronavirus, Wuhan, China" or "2030 Agenda for
    # Sustainable Development" is named so, undated)
    if found and "issued" not in item and len(title) > found.end() + 3 and (
            "container-title" in item or "volume" in item):
        item["issued"] = {"date-parts": [[int(found.group(1))]]}
        item["title"] = title[found.end():]


# Vancouver's date, after the journal's full stop and before the volume's semicolon:
# ". 2020 Feb 20;382(8):727-733", ". 2006;12(1):15-22"
_VANCOUVER_DATE = re.compile(rf"\.\s+((?:1[5-9]|20)\d\d){_MONTH_DAY_SEMICOLON}\s*\d")


def _year_in_vancouvers_date(item: dict[str, Any], text: str) -> None:
    """The year of Vancouver's date is the reference's year, where the tagger took one the
    title holds: at its start ("1918 Influenza: the mother of all pandemics") or at its end
    ("… pneumonia in China, 2019."), which it cut from the title."""
    year, title = _issued_year(item), item.get("title", "")
    # the last: a title's own ". 2019;" is seldom followed by a volume
    dates = list(_VANCOUVER_DATE.finditer(text))
    dated = dates[-1] if dates else None
    start = text.find(title) if title else -1
    if not dated or year is None or start < 0 or dated.start() < start + len(title):
        return
    # (Vancouver prints no year between the title and the journal: "Cancer statistics, 2020.
    # CA Cancer J Clin. 2020;70(1)" names the year twice)
    after = re.match(rf",\s*{year}(?=\.)", text[start + len(title):])
    if after:
        item["title"] = title + after.group(0)
    elif str(year) != dated.group(1) and text[:start].endswith(f"{year} "):
        item["title"] = f"{year} {title}"
    else:
        return
    item["issued"] = {"date-parts": [[int(dated.group(1))]]}


# a French (or Italian) note's book: initials and name, then title, place, publisher and year
# between commas: "M. Bloch, La société féodale, Paris, Albin Michel, 1939, p. 243."
_FRENCH_NOTE = re.compile(
    r"(?:\d{1,3}\.?\s+)?(?P<author>(?:[A-Z]\.(?:-[A-Z]\.)?\s*){1,3}[A-ZÀ-Ý][\w'’-]+"
    r"(?:\s+[A-ZÀ-Ý][\w'’-]+)?),\s+(?P<title>[^,]{3,200}?),\s+"
    r"(?P<place>[A-ZÀ-Ý][\w'’-]+(?:[\s-]+[A-ZÀ-Ý][\w'’-]+)?),\s+"
    r"(?P<publisher>[A-ZÀ-Ý][^,]{1,60}?),\s+(?P<year>(?:1[5-9]|20)\d\d)\b")


def _french_note(item: dict[str, Any], text: str) -> None:
    """A French note's book, whose commas the tagger read as an author list ("La société
    féodale", "Paris", "Albin Michel" authors, no title): its author, title, place and
    publisher."""
    found = _FRENCH_NOTE.match(text)
    if not found or item.get("title") or str(_issued_year(item)) != found.group("year"):
        return
    people = split_authors(found.group("author"))
    if len(people) != 1:
        return
    item["author"] = people
    item["title"] = found.group("title").strip()
    item["publisher-place"] = found.group("place")
    item["publisher"] = found.group("publisher").strip()


# a supplement or part after an issue's number, inside its bracket: "81(10 Suppl):S312",
# "36(32 Pt B):4925-33", "(3 Suppl 2)" (the issue as PubMed prints it)
_ISSUE_PART = (r"\(\s*{issue}(\s+(?:Suppl(?:ement)?\.?(?:\s*\d+)?|(?-i:Pt\.?\s*[A-Z0-9]{{1,3}})))"
               r"\s*\)")  # (a part in capitals: "(7 pts)" is none)


def _issue_with_its_part(item: dict[str, Any], text: str) -> None:
    """An issue is read with the supplement or part printed after its number."""
    issue = item.get("issue", "")
    if issue.isdigit():
        found = re.search(_ISSUE_PART.format(issue=issue), text, re.I)
        if found:
            item["issue"] = issue + found.group(1)


# an edition printed after the title: "Social research methods. 5th edn.", "…, 3rd ed."
_EDITION_AT_END = re.compile(r"(?P<mark>[.,]?)\s+\(?(?P<edition>\d+)(?:st|nd|rd|th)\s+"
                             r"(?:edn|ed|edition)\.?\)?$", re.I)
# ... but a title about an edition ends with one: "Welcome to the 10th edition"
_ABOUT_AN_EDITION = re.compile(r"\b(?:the|a|this|its|our|their|of|on|to|in|for)$", re.I)


# ... or cut by the tagger before its "ed.": "… exceptionality (4th. edition)", "… of
# Nationalism, rev. ed. (London: Verso, 1991)"
_EDITION_CUT = re.compile(r"(?P<mark>[.,]?)\s\(?(?P<edition>(?P<number>\d+)(?:st|nd|rd|th)|rev)$",
                          re.I)
# (MLA's "Ed. Jane Smith" after a title is its editor: "rev." needs a lower-case "ed.")
_ED_AFTER = re.compile(r"\.?\s*(?:(?i:edn|edition)\b|ed\b)")
_ED_AFTER_A_NUMBER = re.compile(r"\.?\s*(?:edn|ed|edition)\b", re.I)


def _edition_ending_a_title(item: dict[str, Any], text: str) -> None:
    """An edition is no part of the title it follows; it is kept as CSL's ``edition``."""
    title = item.get("title", "")
    cut = _EDITION_CUT.search(title)
    at = text.find(title) if cut and cut.start() > 0 else -1
    after = _ED_AFTER_A_NUMBER if cut and cut.group("number") else _ED_AFTER
    if at >= 0 and after.match(text, at + len(title)):
        item["title"] = title[:cut.start()]
        if cut.group("number"):
            item.setdefault("edition", cut.group("number"))
        return
    found = _EDITION_AT_END.search(title)
    if found and found.start() > 0 and (
            found.group("mark") or not _ABOUT_AN_EDITION.search(title[:found.start()])):
        item["title"] = title[:found.start()]
        item.setdefault("edition", found.group("edition"))


# a note's cited page after its bracketed imprint: "… (Stanford, CA: Stanford University
# Press, 1987), 4." (Chicago notes); a roman page too: "…, 1984), xiii."
_NOTE_PAGE = re.compile(r"(?P<year>(?:1[5-9]|20)\d\d)\),\s*"
                        r"(?P<page>\d+(?:\s*[-–]\s*\d+)?|[ivxlc]{1,7})\.?$")


def _cited_page_after_the_imprint(item: dict[str, Any], text: str) -> None:
    """The page a note cites, after the imprint in brackets, where the tagger found none."""
    if "page" in item:
        return
    found = _NOTE_PAGE.search(text)
    if found and found.group("year") == str(_issued_year(item)) != found.group("page"):
        item["page"] = _page(found.group("page"))  # (not the year again: "1883), 1883.")


# ACS's journal form: "… Reactions. Angew. Chem., Int. Ed. 2001, 40, 2004–2021." (the journal,
# then the year, volume and pages between commas)
_ACS_JOURNAL = re.compile(
    r"[.,]?\s+(?P<journal>[A-Z][^\d()]*?)\s+(?P<year>(?:1[5-9]|20)\d\d),\s*(?P<volume>\d+)"
    r"(?:\s*\((?P<issue>[^()]{1,12})\))?,\s*(?P<page>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)"
    r"\s*(?:[.,;]|$)")


def _acs_journal(item: dict[str, Any], text: str) -> None:
    """A journal printed in ACS's form after the title: the tagger may stop its name at a
    comma inside it ("Angew. Chem., Int. Ed.")."""
    end = _title_end(item, text)
    found = _ACS_JOURNAL.match(text, end) if end > 0 else None
    if not found or int(found.group("year")) != _issued_year(item):
        return
    item["container-title"] = _container(found.group("journal"))
    item["volume"] = found.group("volume")
    if found.group("issue"):
        item["issue"] = _issue(found.group("issue"))
    item["page"] = _page(found.group("page"))


def _star_methods_page(item: dict[str, Any], text: str) -> None:
    """Cell Press's pages run on into the online methods: "28, 112–124.e5 (2020)" is pages
    112 to 124.e5, where the tagger stops at 124."""
    page = item.get("page", "")
    if "-" not in page:
        return
    first, last = page.rsplit("-", 1)
    found = re.search(rf"(?<!\d){re.escape(first)}\s*[-–—]\s*{re.escape(last)}(\.e\d+)\b", text)
    if found:
        item["page"] = page + found.group(1)


# the title-less forms of physics and astronomy: "N. Basu, Nutrition 27, 206 (2011).",
# "P. E. J. Nulsen and C. Jones, Astrophys. J. 665, 1057 (2007)." (Physical Review) and
# "Backus T.A., 1969, Mar. Biol., 3, 87" (MNRAS, ApJ, A&A)
_JOURNAL = r"(?P<journal>[A-Z][^,\d()\[\]“”\"]*?)"
_PAGES = r"(?P<page>[A-Z]?\d+(?:\s*[-–]\s*[A-Z]?\d+)?)"
_PHYSICS_FORMS = (
    re.compile(rf"^(?P<authors>[^\d()]+?),\s+{_JOURNAL}\s+(?P<volume>\d+),\s+{_PAGES}\s*"
               r"\((?P<year>(?:1[5-9]|20)\d\d)\)\.?$"),
    re.compile(rf"^(?P<authors>[^\d()]+?),?\s+\(?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)?,\s+"
               rf"{_JOURNAL}\.?,\s+(?P<volume>\d+),\s+{_PAGES}\.?$"),
)
# a name written initials first, as these forms print names: "V. Efimov", "H.-W. Hammer",
# "J.P. D'Incao", "W. van Oers", "K. S. SUSLICK"; and a list of them, joined by commas, "and",
# "&" or French "et", perhaps cut by "et al."
# (an initial of two letters too, "A. Yu. Morozov", "V. YA. SHTERN"; a particle capitalised,
# "S. Von Rotz")
# (a family name's particles, in lower case or capitalised: "van", "De", "la")
_PARTICLE = r"(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]a|[Dd]i|[Dd]u|[Ll]e|[Ll]a|[Dd]el)"
_INITIALS_FIRST = (rf"(?:[A-Z][a-zA-Z]?\.\s?-?\s?){{1,4}}(?>(?:(?:{_PARTICLE}|[Dd]os)\s){{0,3}})"
                   r"[A-ZÀ-Þ](?:(?>[^\W\d_]+)(?:['’-](?>[^\W\d_]+))?|['’](?>[^\W\d_]+))")
_NAMES_FIRST = (rf"(?P<authors>{_INITIALS_FIRST}(?:(?:,\s?(?:(?:and|et|&)\s)?|\s(?:and|et|&)\s)"
                rf"(?>{_INITIALS_FIRST}))"
                r"{0,60}(?:,?\s?et\s?al\.?)?)")
_YEAR_BRACKETED = r"\(\s?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\s?\)"
# the same forms where the names are all written initials first, whatever ends them (a comma,
# a full stop: chemists' "E. ROSE et K. S. SUSLICK. J. Am. Chem. Soc. 102, 3224 (1980).");
# and Elsevier's physics form, its year before its pages ("V. Efimov, Phys. Lett. B 33 (1970)
# 563."), or a page alone, where the journal printed no volume ("Tetrahedron Lett. 3169 (1978)")
_NAMED_FORMS = tuple(
    (re.compile(form.replace("<sep>", separator)), not separator)
    for separator in (",", r"\.", ":", "") for form in (
        rf"^{_NAMES_FIRST}<sep>\s{_JOURNAL}(?:,?\s|(?<=\.))(?P<volume>\d+),\s?{_PAGES}\s?"
        rf"{_YEAR_BRACKETED}\s?[.;]?$",
        rf"^{_NAMES_FIRST}<sep>\s{_JOURNAL}\s?(?P<volume>\d+)\s?{_YEAR_BRACKETED}\s?,?\s?"
        rf"{_PAGES}\s?[.;]?$",
        rf"^{_NAMES_FIRST}<sep>\s{_JOURNAL},?\s(?P<volume>[A-Z]?\d+)\s?:\s?{_PAGES}\s?"
        rf"{_YEAR_BRACKETED}\s?[.;]?$",
        rf"^{_NAMES_FIRST}<sep>\s{_JOURNAL}(?:,?\s|(?<=\.))(?P<page>[A-Z]?\d+)\s?"
        rf"{_YEAR_BRACKETED}\s?[.;]?$"))
# names written family name first, in capitals or not, then their initials ("LIANG Z T, WANG
# X N", "Biró T S, Müller B"), the journal, the year, then volume and page after a colon:
# Chinese physics journals' form ("Phys. Lett., 2005, B629: 20"), an e-print perhaps after it
# (a family name with its capital: "Müller", "D'Incao", "Karsch-Mizrachi")
_CAPITALISED_FAMILY = r"[A-ZÀ-Þ][^\W\d_]+(?:['’-][^\W\d_]+)?"
_FAMILY_FIRST = rf"{_CAPITALISED_FAMILY}(?:\s[A-Z](?![^\W\d_])){{1,3}}"
_FAMILY_FIRST_FORM = re.compile(
    rf"^(?P<authors>{_FAMILY_FIRST}(?:,\s(?>{_FAMILY_FIRST})){{0,30}}(?:,?\s(?:et\s?al|等)\.?)?)"
    rf"\.\s{_JOURNAL}\.?,\s(?P<year>(?:1[5-9]|20)\d\d),\s?(?P<volume>[A-Z]?\d+)\s?:\s?"
    rf"{_PAGES}\s?(?:\.?\s?arXiv\s?:\s?[\w./-]+)?\s?[.;]?$")
# the Institute of Physics' title-less form: the names family name first with bare initials,
# the last after "and", then the year, the journal, volume and page with no marks ("Keller S
# C, Bessell M S, … and Tisserand P 2014 Nature 506 463 -466", "Ishigaki M N, … and Nomoto K
# 2014 ApJL 792 L32", a PDF's "Leenaarts J2017 A&A 597 A6")
_IOP_NAME = rf"(?>(?:{_PARTICLE}\s){{0,3}}){_FAMILY_FIRST}"
_IOP_FORM = re.compile(
    rf"^(?P<authors>{_IOP_NAME}(?:,\s?(?>{_IOP_NAME})){{0,60}}(?:,?\s(?:and|&)\s"
    rf"(?>{_IOP_NAME}))?(?:,?\set\sal\.?)?)\s?(?P<year>(?:19|20)\d\d)[a-z]?\s{_JOURNAL}\s"
    rf"(?P<volume>\d+)\s{_PAGES}\s?[.;]?$")


def _iop_title_less(text: str) -> re.Match[str] | None:
    """``text`` read as :data:`_IOP_FORM`, where what stands for its journal is one: no
    title's word in it, abbreviated or a single word ("… 2014 Nature 506 463", not "… 2015
    Advanced LIGO Class. Quantum Grav. 32 074001" nor "… 2018 Quantum computing in the NISQ
    era and beyond Quantum 2 79")."""
    found = _IOP_FORM.match(text)
    journal = found.group("journal") if found else ""
    if found and not _NOT_A_JOURNALS_WORD.search(journal) and not _NAMES_GO_ON.match(journal) \
            and (_abbreviated_journal(journal) or journal.isalpha()):
        return found
    return None


# the names' list read on into the journal ("J. I. BRAUMAN, E. ROSE et K. S. SUSLICK. J. Am.
# Chem. Soc."): the forms are tried with a comma ending the names first, where "Q. Rev. Biol."
# would be a name, and the journal they then find must not open with names
_NAMES_GO_ON = re.compile(rf"{_INITIALS_FIRST}(?:,\s?|\s(?:and|et|&)\s)")
# the words of a journal's name: capitalised or abbreviated, and the small words between them
# ("Journal of the American …", "Bull. Soc. Chim. Fr."); a word of a title is none of these
_NOT_A_JOURNALS_WORD = re.compile(
    r"(?<![\w.'’-])(?!(?:of|and|the|for|in|on|de|des|du|la|le|et|für|und|der|die|das|a)\b)"
    r"[a-z][a-z'’-]*\b(?!\.)")


_WORDS_OF_A_TITLE = re.compile(r"(?:\b[a-z]{2,}\b\W+){3}")  # names have no such run
# what the tagger takes for a title in a list of names: an initial, a name before "et al."
_NAME_READ_AS_TITLE = re.compile(r"[A-Z]\.?$|[A-Z][\w'’-]*\s+et\.?\s*al\.?$")
# ... or the rest of the names, each word capitalised ("M. P., Rees M. J": "Couchman H. M. P.,
# Rees M. J., 1986, MNRAS, 221, 53", the first name's second initial on)
_ALL_NAMES = re.compile(r"(?>[A-ZÀ-Þ](?>[^\W\d_]*)(?:['’-](?>[^\W\d_]+))?\.?,?\s?){1,40}")
# a numbered list's number before the reference: "6. ", "[18] ", "(5) "
# before names written initials first, as the physics forms write them ("6. A. Rivera, …"; not
# "8. Smith, J., Jones, K. Phys. Rev. Lett. …", which those forms do not read)
_ENTRY_NUMBER = re.compile(r"^\s*(?:\[\s?\d{1,3}\]\s*|\(\d{1,3}\)\s+|\d{1,3}\.\s+)"
                           r"(?=(?:[A-Z]\.\s*-?)+[A-Z])")


def _physics_forms(item: dict[str, Any], text: str) -> None:
    """A reference printed in a title-less physics or astronomy form is read by its form
    where the tagger lost a part: an abbreviated journal's first words taken for a name or
    a title ("Zool. Meded.", "Astrophys. J.", "Trudy Sov. Antarkt. Eksped."), an unfamiliar
    one-word journal, a four-digit page taken for the year. A title that is not part of the
    journal's name means the form is not one of these."""
    numbered = _ENTRY_NUMBER.match(text)
    text = text[numbered.end():] if numbered else text
    named = None
    for form, unmarked in (*_NAMED_FORMS, (_FAMILY_FIRST_FORM, False)):
        named = form.match(text)
        # the names followed by the journal with no mark between ("K. Mannheim Astropart.
        # Phys. 3 (1995) 295"): an abbreviated journal's name only
        if named and not _NOT_A_JOURNALS_WORD.search(named.group("journal")) and \
                not _NAMES_GO_ON.match(named.group("journal")) and \
                (not unmarked or _abbreviated_journal(named.group("journal"))):
            break
    else:
        named = _iop_title_less(text)
    if named:
        _read_by_its_form(item, named, split_authors(named.group("authors")))
        return
    for form in _PHYSICS_FORMS:
        match = form.match(text)
        if match:
            break
    else:
        return
    journal = match.group("journal").strip()
    title = item.get("title")
    # a "title" that is the journal's first words, or a part of the names ("6. A. Rivera,
    # B. Okafor, Science 299, 1540 (2003).": the initial "A")
    names_alone = bool(title) and (_NAME_READ_AS_TITLE.match(title) is not None or (
        _ALL_NAMES.fullmatch(title) is not None and re.search(r"\b[A-Z]\b", title) is not None))
    in_names = names_alone and re.search(rf"(?<!\w){re.escape(title)}(?!\w)",
                                         match.group("authors")) is not None
    if not journal.rstrip(". ") or _WORDS_OF_A_TITLE.search(match.group("authors") + " ") or \
            title and not (journal.startswith(title) and len(title.split()) <= 3) and \
            not in_names:
        return
    item.pop("title", None)
    if in_names:
        item.pop("author", None)  # the tagger's names were cut where its title began
    authors = [a for a in item.get("author", [])
               if a.get("given") or (a.get("family") or a.get("literal", "")) not in journal]
    if authors:
        item["author"] = authors
    elif "author" in item:
        del item["author"]
    _read_by_its_form(item, match, item.get("author") or split_authors(match.group("authors")))


def _read_by_its_form(item: dict[str, Any], match: re.Match[str],
                      persons: list[dict[str, str]]) -> None:
    """The fields of a physics form (:func:`_physics_forms`) as its match reads them, the
    tagger's title gone: there is none in these forms."""
    item.pop("title", None)
    item.pop("author", None)
    if persons:
        item["author"] = persons
    item["container-title"] = match.group("journal").strip().rstrip(",")
    volume = match.groupdict().get("volume")
    if volume:
        item["volume"] = volume
    else:  # the page alone: the journal printed no volume
        item.pop("volume", None)
    item["page"] = _page(match.group("page"))
    item["issued"] = {"date-parts": [[int(match.group("year"))]]}


# a journal's abbreviated first word left at the end of the title before it: "…
# environmental response, Front. Plant Sci. 7 (2016) 870"
_WORD_AT_TITLES_END = re.compile(r",\s+([A-Z][\w-]{0,14})$")
# "… 7 (2016) 870"; and a chemist's or physicist's "…, 78, 1360-1380 (1973)", "…, 51(1),
# 107-113 (2008)": the volume (its issue), the pages, then the year in brackets
_VOLUME_THEN_YEAR = re.compile(r"\.?,?\s+\d+\s*(?:\((?:1[5-9]|20)\d\d\)|(?:\(\w{1,8}\))?\s*,"
                               r"\s*[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?\s*\((?:1[5-9]|20)\d\d\))")
_WORD_BEFORE_JOURNAL = re.compile(r"[,.]?\s+([A-Z][\w-]{0,14})\.\s+")


def _title_then_journal(item: dict[str, Any], text: str) -> tuple[int, int]:
    """Where the title ends in ``text`` and where the journal begins after it; ``(-1, -1)``
    without both. What the tagger left out of both lies between."""
    container = item.get("container-title", "")
    end = _title_end(item, text) if container else -1
    at = text.find(container, end) if end >= 0 else -1
    return (end, at) if at >= 0 else (-1, -1)


def _journal_word_in_title(item: dict[str, Any], text: str) -> None:
    """The first word of an abbreviated journal, taken into the title after its comma or
    left out of both, is the journal's, in Elsevier's numbered style (the title, a comma,
    the journal, "volume (year) page"); not a place at a title's end in another style
    ("…, Quebec, Canada. Meteoritics 29", "…, Ontario, Canada. CMAJ. 2005;172(3)")."""
    title, container = item.get("title", ""), item.get("container-title", "")
    after_title, journal_at = _title_then_journal(item, text)
    if journal_at < 0 or not _VOLUME_THEN_YEAR.match(text, journal_at + len(container)):
        return  # only where the numbers are Elsevier's: "…, Canada. CMAJ. 2005;172(3)" is a
        # title ending with a place (Vancouver's full stop before the journal, and after
        # its abbreviation, could be an abbreviation's)
    word = _WORD_AT_TITLES_END.search(title)
    if word and _is_a_place(word.group(1), container, text):
        return  # "… in Wuhan, China. Lancet 395, 497–506 (2020)": a place, not a journal's
    if word and journal_at == after_title + 2 and text.startswith(". ", after_title):
        item["title"] = title[:word.start()]
        item["container-title"] = f"{word.group(1)}. {container}"
        return
    # "…, the antarctic polar front, Dt. Hydrogr. Z. 13": the word left out of both
    left = _WORD_BEFORE_JOURNAL.fullmatch(text, after_title, journal_at)
    if left:
        item["container-title"] = f"{left.group(1)}. {container}"


# the first words of abbreviated journals' names (ISO 4): "Nucl. Phys. B", "J. Stat. Mech.",
# "Int. J. Mod. Phys.", "Commun. Math. Phys.", "Adv. Appl. Math.", "Publ. RIMS"
_JOURNALS_FIRST_WORDS = frozenset({
    "J", "Nucl", "Phys", "Int", "Adv", "Publ", "Commun", "Ann", "Annu", "Proc", "Prog", "Rev",
    "Lett", "Eur", "Am", "Chem", "Biol", "Med", "Math", "Appl", "Sci", "Res", "Instrum",
    "Bull", "Soc", "Natl", "Acad", "Theor", "Exp", "Opt", "Mater", "Geophys", "Trans",
    "Comput", "Mech", "Eng", "Environ", "Clin", "Biochem", "Pharmacol", "Neurosci", "Psychol",
    "Econ", "Stat", "Curr", "Can", "Br", "Brit", "Jpn", "Chin", "Ind", "Inorg", "Org", "Anal",
    "Angew", "Class", "Quant", "Gen", "Rep", "Astrophys", "Astron", "Zh", "Sov", "Helv",
    "Europhys", "Fortschr", "Arch", "Biophys", "Genet", "Immunol", "Microbiol", "Ecol", "Evol",
    "Zool", "Geol", "Atmos", "Meteorol", "Syst", "Mol", "Mod", "Mon", "Mem", "Semin", "Philos",
    "Cell", "Front", "Astropart", "Yad", "Nuovo"})
_LAST_WORD = re.compile(r"\s([A-Z][a-z]{0,9})$")


def _journal_word_ending_a_title(item: dict[str, Any], text: str) -> None:
    """An abbreviated journal's first word at the end of the title, where nothing but its own
    full stop stands between them (the Institute of Physics' style: "… conformal field theory
    Nucl. Phys. B 410 535-49"), is the journal's."""
    title, container = item.get("title", ""), item.get("container-title", "")
    word = _LAST_WORD.search(title) if container else None
    if not word or word.group(1) not in _JOURNALS_FIRST_WORDS:
        return
    at = text.find(title)
    if not re.match(r"[A-Z][a-z]{0,12}\.", container):
        return  # "The Sickle Cell. Blood.": the journal's name goes on in whole words
    if at >= 0 and re.match(r"\.\s?" + re.escape(container), text[at + len(title):]):
        item["title"] = title[:word.start()].rstrip(" ,")
        item["container-title"] = f"{word.group(1)}. {container}"


# a journal's name opening with words that end in a small word, left out of both the title
# and the journal: "… analysis. Rapid Communications in Mass Spectrometry 16: 85" (the tagger's
# journal "Mass Spectrometry"); a title does not end with "in" before its full stop
_JOURNALS_OPENING = re.compile(r"[.,]?\s+(?P<words>[A-Z][\w-]*(?:\s[\w-]+){0,5}\s"
                               r"(?:in|of|and|for|on|the|de|des|du|für|und))\s+")


def _journals_opening_left_out(item: dict[str, Any], text: str) -> None:
    """The words left out before the journal, ended by a small word, are its own."""
    end, at = _title_then_journal(item, text)
    opening = _JOURNALS_OPENING.fullmatch(text, end, at) if at > end else None
    if opening:
        item["container-title"] = f"{opening.group('words')} {item['container-title']}"


# an author-date reference's title left unfinished at a full stop or a question mark inside
# it, the rest left out of both title and journal before the journal's volume: "Bader, V.
# (1995). Citizenship and Exclusion. Radical Democracy, Community, and Justice. Or, What Is
# Wrong with Communitarianism? Political Theory, 23(2), 211-246."
_TITLE_LEFT_OUT = re.compile(r"(?P<rest>[.?!]\s[A-Z][^.?!\d]*[.?!])\s")
_AUTHOR_DATE_YEAR = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)\.\s")


def _rest_of_the_title_left_out(item: dict[str, Any], text: str) -> None:
    """What stands between an author-date title and its journal, in sentences, is the
    title's: nothing else is printed between them."""
    container = item.get("container-title", "")
    end, at = _title_then_journal(item, text) if "volume" in item else (-1, -1)
    year = _AUTHOR_DATE_YEAR.search(text, 0, end) if at > end else None
    rest = _TITLE_LEFT_OUT.fullmatch(text, end, at) if year else None
    if rest and re.match(r",?\s?\d", text[at + len(container):]):
        item["title"] += rest.group("rest")[:-1] if rest.group("rest")[-1] == "." else \
            rest.group("rest")


# a newspaper's or a magazine's name after the title with the day it appeared, nothing after:
# "… might be around for a while. Washington Post, June 16.", "…, The Guardian, 3 March 2019."
_MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
               r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_PAPER_AND_DAY = re.compile(
    r"[.?!”\"]\s(?P<paper>(?:The\s)?[A-Z][\w&'’-]*(?:\s[A-Z][\w&'’-]*){0,4}),\s"
    rf"(?:{_MONTH_NAME}\s\d{{1,2}}|\d{{1,2}}\s{_MONTH_NAME})(?:,?\s(?:1[5-9]|20)\d\d)?\.?$")


def _paper_and_its_day(item: dict[str, Any], text: str) -> None:
    """The name before the day a reference ends with is the newspaper's or magazine's, where
    the tagger found no container."""
    if "container-title" in item or "volume" in item:
        return
    found = _PAPER_AND_DAY.search(text, max(0, _title_end(item, text)))
    if found:
        item["container-title"] = found.group("paper")


# a volume's or an issue's mark that the tagger ran into the journal's name: "Centennial
# Review vol. 9, no. 4" (MLA, no comma before it), "Bulletin of the Texas Memorial Museum No. 6"
_MARK_ENDING_A_JOURNAL = re.compile(r"(?<!\s)\s+(?:[Vv]ol|VOL|[Nn]o|NO|[Nn]r|Bd|[Hh]eft)\.?$")


def _mark_ending_a_journal(item: dict[str, Any], text: str) -> None:
    """A volume's or an issue's mark is no part of the journal's name it was read into, where
    its number follows in the text."""
    container = item.get("container-title", "")
    mark = _MARK_ENDING_A_JOURNAL.search(container)
    if mark and mark.start() > 0 and re.search(re.escape(container) + r"\.?\s?\d", text):
        item["container-title"] = container[:mark.start()].rstrip(" :,;")  # ("…semantics:")


# the year after the names with no mark between, then the title, as the Institute of Physics
# prints them ("Milas A 2008 From percolation …", "Pearce P A, Rasmussen J and Zuber J-B 2006
# …") and the American Anthropological Association ("Levine, Robert 1977 Kwak'wala.",
# "Ortmann, Anthony L. and Tristram R. Kidder 2013 Building Mound A …"): the tagger's title
# opening with the names' last words and the year
_NAMES_AND_YEAR = re.compile(r"(?P<names>(?:(?:[A-ZÀ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)?\.?|and|&)"
                             r"(?:,\s|\s)){0,8}?)(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\.?\s+"
                             r"(?=[A-Z\"“‘'(])")


# (but a name written family name first ends with its full stop: "Reardon, Jenny. 2005 Race to
# the Finish: …")
_ONE_NAME_INVERTED = re.compile(r"[A-ZÀ-Þ][^\W\d_]+(?:['’-][^\W\d_]+)?,\s[A-ZÀ-Þ][^\W\d_]+"
                                r"(?:\s[A-Z]\.)?\.\s?")


def _names_and_year_in_the_title(item: dict[str, Any], text: str) -> None:
    """Names and a year printed before the title with no mark between them, which the tagger
    read into the title, are the authors and the year; where all that comes before the title
    is names (no number, no other year)."""
    title = item.get("title", "")
    opening = _NAMES_AND_YEAR.match(title)
    at = text.find(title) if opening else -1
    before = text[:at] if at >= 0 else ""
    if at < 0 or any(c.isdigit() for c in before) or not (before or opening.group("names")) or \
            _issued_year(item) not in (None, int(opening.group("year"))):
        return
    if before and not re.search(r"(?:[^\W\d_]|,|-|(?<![^\W\d_])[A-Z]\.)\s*$", before) and \
            not _ONE_NAME_INVERTED.fullmatch(before):
        return  # a mark before: "… Prevention. 2019 Novel …", "Microsoft. Windows 2000 …"
    persons = split_authors((before + opening.group("names")).strip(" ,"))
    if persons:
        item["author"] = persons
        item["title"] = title[opening.end():]
        item["issued"] = {"date-parts": [[int(opening.group("year"))]]}


# a title ending with the years it covers, then the journal, volume and pages: "…
# tularemia, United States, 1964–2004. Emerg Infect Dis 12: 1113–1118.", "… northern spotted
# owls: 1985–2008. Studies in Avian Biology 40: 1–118." (the tagger took the years for pages)
_YEARS_ENDING_A_TITLE = re.compile(
    r"(?P<years>(?:1[5-9]|20)\d\d\s?[-–—]\s?(?:1[5-9]|20)\d\d)\.\s+(?P<journal>[A-Z][^.\d:;]*?)"
    r"\.?\s+(?P<volume>\d+)(?:\s?\((?P<issue>[^()]{1,10})\))?\s?:\s?"
    r"(?P<page>\d+\s?[-–]\s?\d+)\.?$")
_YEAR_BEFORE_A_TITLE = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?\)?\.\s+")


def _years_ending_a_title(item: dict[str, Any], text: str) -> None:
    """The years a title ends with, taken for the pages where the journal's volume and pages
    follow (see :data:`_YEARS_ENDING_A_TITLE`), are the title's."""
    found = _YEARS_ENDING_A_TITLE.search(text)
    if not found or item.get("page") != _page(found.group("years")):
        return
    title = item.get("title", "")
    start = text.find(title) if title else -1
    if not 0 <= start < found.start("years"):  # no title found before them: from the year
        dated = list(_YEAR_BEFORE_A_TITLE.finditer(text, 0, found.start("years")))
        if not dated:
            return
        start = dated[-1].end()
    item["title"] = text[start:found.end("years")]
    item["container-title"] = found.group("journal").strip()
    item["volume"], item["page"] = found.group("volume"), _page(found.group("page"))
    if found.group("issue"):
        item["issue"] = found.group("issue")


# a period a title names ("… de los guaraníes (1609-1768), (Mexiko: FCE, 1982)", "Chernobyl
# Forum 2003–2005. … Vienna: …, 2006."): its first year is no date of the work
_YEAR_RANGE = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)\s?[-–—]\s?((?:1[5-9]|20)\d\d)(?!\d)")
_LONE_YEAR = re.compile(r"(?<![\d\-–—])((?:1[5-9]|20)\d\d)(?![\d\-–—])")
# a date printed where the pages go: "USA Patent 6206324, March 27 2001."
_DATE_AS_PAGES = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s"
                            r"\d{1,2},?\s((?:1[5-9]|20)\d\d)")


def _year_of_a_period(item: dict[str, Any], text: str) -> None:
    """The year a reference was published in, where the tagger took the first year of a
    period it names (see :data:`_YEAR_RANGE`) and a year of its own follows the period; and
    a date read as the pages (:data:`_DATE_AS_PAGES`) is the date."""
    dated = _DATE_AS_PAGES.fullmatch(item.get("page", ""))
    if dated:
        del item["page"]
        item.setdefault("issued", {"date-parts": [[int(dated.group(1))]]})
    year = _issued_year(item)
    period = next((m for m in _YEAR_RANGE.finditer(text) if int(m.group(1)) == year), None)
    if period is None:
        return
    if any(int(m.group(1)) == year for m in _LONE_YEAR.finditer(text)):
        return  # "(2016). … handbook, 2016-2017 edition. Retrieved March 5, 2017": its own
    later = _LONE_YEAR.search(text, period.end())
    if later and int(later.group(1)) >= int(period.group(2)):
        item["issued"] = {"date-parts": [[int(later.group(1))]]}


# the Journal of High Energy Physics and JCAP number their issues by month, the year being
# the volume (as Crossref deposits them): "JHEP 03 (2017) 135", "JHEP03 ( 2013)080", "JCAP
# 1703 (2017) 012" (year and month run together)
_MONTHLY_PHYSICS = re.compile(r"\b(?P<journal>JHEP|JCAP)\s?(?P<yy>\d\d)?(?P<issue>0[1-9]|1[0-2])\s?"
                              r"\(\s?(?P<year>(?:19|20)\d\d)\s?\)\s?,?\s?(?P<page>\d{3,6})\b")


def _monthly_physics_issue(item: dict[str, Any], text: str) -> None:
    """JHEP's and JCAP's month number is the issue, the year the volume (not the number the
    tagger took for a volume, or missed when run into the name: "JHEP03")."""
    found = _MONTHLY_PHYSICS.search(text)
    if not found or found.group("yy") and found.group("yy") != found.group("year")[2:]:
        return  # "JHEP 2012 (2012) 012": no month
    title = item.get("title", "")
    if title.endswith(found.group("journal")):
        item["title"] = title[:-len(found.group("journal"))].rstrip(" ,.")
    item["container-title"] = found.group("journal")
    item["issue"], item["volume"] = found.group("issue"), found.group("year")
    item["page"] = found.group("page")
    item["issued"] = {"date-parts": [[int(found.group("year"))]]}


# APA's medium after a title, in square brackets: "Bowling for Columbine [DVD]", "… prince
# [Motion picture]" (no part of the title)
_MEDIUM = re.compile(r"\s*\[(?:motion picture|film|dvd|blu-ray|video(?: file)?|television "
                     r"(?:series|broadcast|series episode)|tv series|audio podcast|podcast(?: "
                     r"episode)?|computer software|software|data ?set|video game|blog post|"
                     r"tweet|photograph|painting|map|cd|audio recording|sound recording|"
                     r"brochure|fact sheet|lecture notes|powerpoint slides|webinar|"
                     r"infographic|mobile application software)\]$", re.I)
# APA's roles after a name: "Moore, M. (Writer/Director). (2003). Bowling for Columbine
# [DVD].", "Barron, D., Heyman, D. (Producers), & Yates, D. (Director). (2009). …"
_ROLE = (r"\((?:executive\s)?(?:writers?|directors?|producers?|hosts?|creators?|composers?|"
         r"narrators?|performers?|speakers?|presenters?|artists?)(?:\s?/\s?[a-z]+){0,2}\)")
_ROLES_BEFORE_A_TITLE = re.compile(
    rf"^(?P<names>(?>[^()]{{1,200}}?\s?{_ROLE})(?>,?\s?&?\s?[^()]{{1,200}}?\s?{_ROLE}){{0,20}})"
    r"\.?\s\((?P<year>(?:1[5-9]|20)\d\d)[a-z]?(?:,[^()]{1,20})?\)\.\s"
    r"(?P<title>[^\[]+?)(?:\s?\[[^\]]{1,40}\]\.|"
    r"(?<=[^\W\d_]{2})\.(?:\s|$)|(?<=[?!])(?:\s|$))", re.I)  # (not the full stop of "B. F.")


def _medium_and_roles(item: dict[str, Any], text: str) -> None:
    """A film's, a podcast's or software's medium in brackets is no part of its title; and
    names with APA's roles in brackets are the authors, the title after the year the title
    (the tagger took a role for it)."""
    roled = _ROLES_BEFORE_A_TITLE.match(text)
    if roled:
        persons = split_authors(re.sub(_ROLE, "", roled.group("names"), flags=re.I))
        if persons:
            item["author"] = persons
        item["title"] = roled.group("title")
        item["issued"] = {"date-parts": [[int(roled.group("year"))]]}
    title = item.get("title", "")
    medium = _MEDIUM.search(title)
    if medium and medium.start() > 0:
        item["title"] = title[:medium.start()]


# MLA's "vol. 26, no. 14", French "36, n° 10": the numbers are what their marks say
_VOL_NO = re.compile(r"\b[Vv]ol(?:ume)?\.?\s?(?P<volume>\d+),?\s+(?:[Nn]o|[Nn]um|[Ii]ss(?:ue)?)"
                     r"\.?\s?(?P<issue>\d+)\b|(?<![\d.\-–])(?!(?:1[5-9]|20)\d\d\b)(?P<volume_n>\d{1,4}),\s?n[°º]\s?"
                     r"(?P<issue_n>\d+)\b")  # (not the year: "septembre 2004, n°59")


def _marked_volume_and_issue(item: dict[str, Any], text: str) -> None:
    marked = _VOL_NO.search(text)
    if not marked:
        return
    volume = marked.group("volume") or marked.group("volume_n")
    issue = marked.group("issue") or marked.group("issue_n")
    if item.get("volume") in (issue, None):  # French "36, n° 10" too
        item["volume"], item["issue"] = volume, issue


# a proceedings' or meeting's short year run into its name: "Proceedings of AAAI-92",
# "IJCAI-87", "Supercomputing '91" (the tagger cut it off, and may take it for a volume)
_SHORT_YEAR_AFTER = re.compile(r"(?:-|\s?['’])(?P<year>\d\d)(?=[\s,.;:)]|$)")


def _short_year_ending_a_container(item: dict[str, Any], text: str) -> None:
    container = item.get("container-title", "")
    at = text.find(container) if container else -1
    found = _SHORT_YEAR_AFTER.match(text, at + len(container)) if at >= 0 else None
    if found and container[-1:].isalpha() and not container[-1:].islower() or \
            found and _CONFERENCE.search(container) or found and container.endswith("ing"):
        item["container-title"] = container + found.group(0)
        if item.get("volume") == found.group("year"):
            del item["volume"]


# the Institute of Physics' JINST, JCAP and JSTAT cited year first: "…, 2007 JINST 2 P06004",
# "…,2009JINST 4 P04018" (the year, the journal, its volume and the article's number)
_YEAR_THEN_IOP_JOURNAL = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)\s?(?P<journal>JINST|JCAP|JSTAT)\s(?P<volume>\d{1,4})\s"
    r"(?P<page>[A-Z]?\d{3,6})\b")


def _year_then_iop_journal(item: dict[str, Any], text: str) -> None:
    found = _YEAR_THEN_IOP_JOURNAL.search(text)
    if not found:
        return
    title = item.get("title", "")
    at = text.find(title) if title else -1
    if 0 <= at < found.start() and at + len(title) > found.start():  # run into the year
        item["title"] = text[at:found.start()].rstrip(" ,.")
    item["container-title"] = found.group("journal")
    item["volume"], item["page"] = found.group("volume"), found.group("page")
    item["issued"] = {"date-parts": [[int(found.group("year"))]]}


# a physics reference's tail, its journal abbreviated, whatever comes before it (a title or
# not): Elsevier's "…, J. Phys. G18 (1992) 1575.", APS's and Springer's "…: Phys. Rev. 104,
# 254 (1956)", the Institute of Physics' "… 2016 Phys. Rev. Lett. 116 112501" (after the year)
# (one comma in it too: "J. Phys. G, Nucl. Part. Phys.")
_ABBREVIATED = (r"(?P<journal>[A-Z][a-z]{0,12}\.(?:\s?[A-Z&][^,:;\d()\[\]“”\"]*?)?"
                r"(?:,\s[A-Z][a-z]{0,12}\.[^,:;\d()\[\]“”\"]*?)?)")
_PHYSICS_TAILS = (
    re.compile(rf"[,:][”\"]?\s?{_ABBREVIATED}\s?(?P<volume>\d+)\s?\(\s?(?P<year>(?:1[5-9]|20)\d\d)"
               rf"[a-z]?\s?\)\s?,?\s?{_PAGES}\s?[.;]?$"),
    re.compile(rf"[,:][”\"]?\s?{_ABBREVIATED}\s?(?P<volume>\d+),\s?{_PAGES}\s?\(\s?(?P<year>"
               r"(?:1[5-9]|20)\d\d)[a-z]?\s?\)\s?[.;]?$"),
    re.compile(rf"(?<=(?:19|20)\d\d\s){_ABBREVIATED}\s(?P<volume>\d+)\s(?P<page>[A-Z]?\d+"
               r"(?:\s?[-–]\s?\d+)?)\s?\.?$"),
)
# a word no abbreviated journal's name holds: a lower-case word of five letters or more
# ("… Deep learning. Nature.", "… Gravitational anomalies. Nucl. Phys.": a title's)
_TITLES_WORD = re.compile(r"(?<![\w'’-])[a-z]{5,}\b")


def _abbreviated_journal(journal: str) -> bool:
    """Whether a physics tail's journal (:data:`_PHYSICS_TAILS`) is one: its first word one
    of the abbreviated journals' first words or short, no place, no title's word in it, and
    no names opening it."""
    first = journal.split(".")[0]
    head = journal.split(",")[0]
    if "," in journal and _INITIALS_AND_NAME.fullmatch(head.strip()):
        return False  # "S., Phys. Rev. Lett.", "L.Liebling, Phys. Rev. Lett.": a name
    if any(w not in _JOURNALS_FIRST_WORDS for w in _SENTENCE_END.findall(journal)):
        return False  # "W. Performance Persistence. Journal of Finance": a title's end
    return (first in _JOURNALS_FIRST_WORDS or len(first) <= 4) and first not in _PLACES and \
        first.lower() not in _NUMBERS_MARKS and \
        not _TITLES_WORD.search(journal) and not _NOT_A_JOURNALS_WORD.search(journal) and \
        not _NAMES_GO_ON.match(journal) and not _LAST_NAME_JOINED.search(journal) and \
        not _A_NAME_IN_CAPITALS.match(journal)


# a name's initials, its family name perhaps after them ("S.", "L.Liebling", "Zu-beri"), before
# a comma: no journal's opening
_INITIALS_AND_NAME = re.compile(rf"(?:[A-Z]\.\s?-?)+(?:\s?{_CAPITALISED_FAMILY})?")
# "A. M. REIS. Phyto-chemistry": a name in capitals after its initials, no journal's opening
_A_NAME_IN_CAPITALS = re.compile(r"(?:[A-Z]\.\s?-?){1,3}\s?(?:[A-Z]{2,}\s)?[A-ZÀ-Þ]{3,}\b")


# a word of seven letters or more ending a sentence inside a journal's name: a title's end
_SENTENCE_END = re.compile(r"\b([A-Z][a-z]{6,})\.\s")
# a family name printed before its initials ("…, Jones, K."), where a tail's comma follows it
_BARE_FAMILY_NAME = re.compile(rf"(?:^|,\s?|\d\.\s|&\s|\band\s){_CAPITALISED_FAMILY}$")
# the marks of a volume's or an issue's number, no journal ("…, Vol. 50, No. 3 (2006), 557")
_NUMBERS_MARKS = frozenset({"no", "vol", "nr", "pp", "p", "bd", "h", "heft", "iss", "suppl",
                            "pt", "ser", "art", "ch", "sec", "fig", "t", "n"})
# "… Matos Neto and A. E. Santana": a list's last name, no journal's words
_LAST_NAME_JOINED = re.compile(r"\s(?:and|et|&)\s(?:[A-Z]\.\s?-?){1,3}\s?[A-Z]")


def _title_ends_at(item: dict[str, Any], text: str, at: int) -> None:
    """The title ends where the journal begins in ``text``, at ``at``: none where it was read
    from there on, cut where it runs on into it."""
    title = item.get("title", "")
    title_at = text.find(title) if title else -1
    if title_at >= at:
        item.pop("title", None)
    elif title_at >= 0 and title_at + len(title) > at:
        item["title"] = text[title_at:at].rstrip(" ,.:;")


def _authors_not_in(item: dict[str, Any], journal: str) -> list[dict[str, str]]:
    """The item's authors but those whose every word is a word of ``journal`` (its first
    words the tagger read as a name: "Phys" of "Phys. Rev.", "PoS LATTICE")."""
    words = set(re.findall(r"[^\W\d_]+", journal))
    return [a for a in item.get("author", []) if not set(re.findall(
        r"[^\W\d_]+", " ".join(a.get(k, "") for k in ("family", "given", "literal")))) <= words]


def _physics_tail(item: dict[str, Any], text: str) -> None:
    """The journal, volume, page and year of a physics reference's tail (see
    :data:`_PHYSICS_TAILS`), where the tagger split the abbreviated journal between the title
    (or an author) and itself, lost the page after a series letter ("G18"), or ran volume
    and page together; the title, if any, ends where the journal begins."""
    tail, journal, at = None, "", -1
    for form in _PHYSICS_TAILS:
        tail = form.search(text)
        while tail:
            journal, at = tail.group("journal").strip().rstrip(","), tail.start("journal")
            initial = re.match(r"[A-Z]\.\s?", journal)
            if initial and _BARE_FAMILY_NAME.search(text, 0, tail.start()):
                # "Smith, J., Jones, K. Phys. Rev. Lett.": the last name's initial
                journal, at = journal[initial.end():], at + initial.end()
            if _abbreviated_journal(journal):
                break
            tail = form.search(text, tail.start() + 1)  # the journal begins further on
        if tail:
            break
    if tail is None:
        return
    container = item.get("container-title", "")
    if len(container) > len(journal) and container.rstrip(". ").endswith(journal.rstrip(". ")):
        journal = container  # a journal's name with a comma: "J. Phys. G, Nucl. Part. Phys."
    _title_ends_at(item, text, at)  # (the journal's first word, or words, read as a title)
    authors = _authors_not_in(item, journal)
    if authors:
        item["author"] = authors
    item["container-title"] = journal
    item["volume"], item["page"] = tail.group("volume"), _page(tail.group("page"))
    if tail.groupdict().get("year"):
        item["issued"] = {"date-parts": [[int(tail.group("year"))]]}


# Proceedings of Science: its volumes are named for their conferences, as INSPIRE prints them
# ("PoS LATTICE2013, 016 (2014)", "PoS LAT 2009 (2009) 010", "PoS CD15, 009 (2015)",
# "PoS(LATTICE 2013)016")
_POS = re.compile(r"\bPoS\s?(?P<open>\()?\s?(?P<volume>[A-Z][A-Za-z-]{1,20}\s?\d{2,4}[A-Za-z]?)"
                  r"\s?(?(open)\))\s?(?:,\s?(?P<page>\d{1,4})\s?\(\s?(?P<year>(?:19|20)\d\d)\s?\)|"
                  r"\(\s?(?P<then>(?:19|20)\d\d)\s?\)\s?,?\s?(?P<after>\d{1,4})?)(?!\d)")


def _proceedings_of_science(item: dict[str, Any], text: str) -> None:
    """A PoS reference's volume is its conference's name, which the tagger split between the
    journal and a number (container "PoS LATTICE", volume "2013")."""
    found = _POS.search(text)
    if found is None:
        return
    item["container-title"] = "PoS"
    item["volume"] = found.group("volume")
    page = found.group("page") or found.group("after")
    if page:
        item["page"] = page
    else:
        item.pop("page", None)
    item.pop("issue", None)
    item["issued"] = {"date-parts": [[int(found.group("year") or found.group("then"))]]}
    item["author"] = _authors_not_in(item, found.group(0))  # (not "PoS LATTICE")
    if not item["author"]:
        del item["author"]
    _title_ends_at(item, text, found.start())


# the last name of the list read into the journal ("L.Liebling, Phys. Rev. Lett", "Zu-beri,Phys.
# Rev .D": a PDF's "andS .L.Liebling", "S. Zu-beri")
_NAME_BEFORE_A_JOURNAL = re.compile(
    rf"(?P<name>(?:[A-Z]\.\s?-?){{0,3}}{_CAPITALISED_FAMILY}),\s?(?P<journal>[A-Z][a-z]{{0,12}}\..*)")


def _name_opening_the_journal(item: dict[str, Any]) -> None:
    """A name before an abbreviated journal's first word and a comma is the list's last."""
    found = _NAME_BEFORE_A_JOURNAL.fullmatch(item.get("container-title", ""))
    if found is None or found.group("name").isupper() or \
            not _abbreviated_journal(found.group("journal")):
        return  # ("NASA, Tech. Rep": an agency)
    authors = item.get("author", [])
    last = authors[-1] if authors else {}
    cut_from_its_initial = set(last) == {"family"} and re.fullmatch(r"(?:and)?[A-Z]\.?",
                                                                    last["family"])
    if not re.match(r"[A-Z]\.", found.group("name")) and not cut_from_its_initial:
        return  # ("Nature, Lond.": a journal and its place; a name has its initials)
    item["container-title"] = found.group("journal")
    authors, persons = item.setdefault("author", []), split_authors(found.group("name"))
    if persons and set(last) == {"family"} and re.fullmatch(r"[A-Z]\.?", last["family"]):
        persons[0].setdefault("given", last["family"].rstrip(".") + ".")  # "S. Zu-beri"
        authors.pop()
    authors.extend(persons)


# the end of a title read into the journal, a comma between ("Planck 2018 results. VI.
# Cosmological parameters, Astron. Astrophys. 641 (2020) A6": the tagger's journal "VI.
# Cosmological parameters, Astron. Astrophys"), where a title's word is before the comma
_TITLE_BEFORE_A_JOURNAL = re.compile(r"(?P<head>.+?),\s?(?P<journal>[A-Z][a-z]{0,12}\..*)")


def _title_run_into_the_journal(item: dict[str, Any], text: str) -> None:
    """What the tagger's journal holds before an abbreviated journal and a comma, a title's
    words among it, is the title's end."""
    container = item.get("container-title", "")
    found = _TITLE_BEFORE_A_JOURNAL.fullmatch(container)
    if found is None or not _TITLES_WORD.search(found.group("head")) or \
            not _abbreviated_journal(found.group("journal")):
        return
    title = item.get("title", "")
    title_at = text.find(title) if title else -1
    container_at = text.find(container, title_at + len(title)) if title_at >= 0 else -1
    if title and container_at < 0:
        return
    item["title"] = text[title_at:container_at + len(found.group("head"))].rstrip(" ,.") \
        if title else found.group("head")
    item["container-title"] = found.group("journal")


# the names a title-less physics reference opens with, and nothing else before its journal;
# perhaps a collaboration's name in brackets after them ("A. Albert et al. (DES, Fermi-LAT),")
_ONLY_NAMES = re.compile(rf"{_NAMES_FIRST}(?:\s?\([^()]{{1,80}}\))?[,.:]?\s?")


def _names_alone_before_the_journal(item: dict[str, Any], text: str) -> None:
    """Where only names written initials first stand before the journal, they are the
    authors, all of them, and there is no title: the tagger cut such a list at a hyphenated
    name ("M. Müller-Preussker" as "M" and a title) or took a collaboration's name for a
    title ("M. Ackermann et al. (Fermi-LAT), JCAP …")."""
    journal = item.get("container-title")
    at = text.rfind(journal) if journal else -1  # (a title may open with its name: "Quantum")
    names = _ONLY_NAMES.fullmatch(text, 0, at) if at > 0 else None
    if names is None or _NAMES_GO_ON.match(journal):
        return  # (the tagger's journal opening with the rest of the names)
    persons = split_authors(names.group("authors"))
    if len(persons) < len(item.get("author", [])):
        return
    item["author"] = persons
    item.pop("title", None)


# names written initials first, then a title between commas, then the journal (the physics
# form with a title: "S. Dimopoulos and H. Georgi, Softly Broken Supersymmetry and SU(5),
# Nucl. Phys. B 193 (1981) 150."); the title opens with a letter or a digit, not an initial
# nor "and", holds no name and no full stop before a space, and a comma ends it
_NAMES_THEN_A_TITLE = re.compile(
    rf"{_NAMES_FIRST},\s(?P<title>(?![A-Z][a-zA-Z]?\.|(?:and|et|&)\s)[^\W_]"
    rf"(?:(?!{_INITIALS_FIRST})[^.]|\.(?!\s))*?),\s?")


# (names with initials without their stops are no title: "A. Verger, C Ciuti, and I Carusotto,
# Phys. Rev. B")
_NAME_IN_A_TITLE = re.compile(r"(?:^|,\s|\band\s)[A-Z]\.?\s[A-Z][a-z]")


def _title_between_names_and_journal(item: dict[str, Any], text: str) -> None:
    """The words between such names and the journal are the title, where the tagger read
    them as more names ("Softly Broken Supersymmetry", and "SU(5)"'s 5 as the issue)."""
    journal = item.get("container-title")
    at = text.rfind(journal) if journal else -1
    found = _NAMES_THEN_A_TITLE.fullmatch(text, 0, at) if at > 0 else None
    title = found.group("title").strip(" ,.") if found else ""
    if len(title.split()) < 2 or item.get("title") == title or _NAME_IN_A_TITLE.search(title):
        return
    item["author"] = split_authors(found.group("authors"))
    item["title"] = title
    issue = item.get("issue")
    if issue and f"({issue})" in title and f"({issue})" not in text[at:]:
        del item["issue"]


# Frontiers' names, each family name then initials with their full stops, then the year in
# brackets: "Benson D. A., Karsch-Mizrachi I., Lipman D. J., Ostell J., Wheeler D. L. (2005).
# GenBank. Nucleic Acids Res. 33, D34–D38." (the tagger cut the list after a first initial)
_FAMILY_INITIALS = rf"{_CAPITALISED_FAMILY}\s(?:[A-Z]\.\s?-?){{1,3}}"
_NAMES_BEFORE_THE_YEAR = re.compile(
    rf"(?P<names>{_FAMILY_INITIALS}(?:,\s(?>{_FAMILY_INITIALS})){{0,40}}(?:,?\s(?:and|&)\s"
    rf"(?>{_FAMILY_INITIALS}))?(?:,?\set\sal\.)?)\s?\((?:1[5-9]|20)\d\d[a-z]?\)\.\s")


def _names_before_the_year(item: dict[str, Any], text: str) -> None:
    """All the names of such a list are the authors, where the tagger read fewer; a title
    it found among them is none, and the title is then what it took for the journal's first
    sentence."""
    names = _NAMES_BEFORE_THE_YEAR.match(text)
    persons = split_authors(names.group("names")) if names else []
    if len(persons) <= len(item.get("author", [])):
        return
    item["author"] = persons
    title = item.get("title", "")
    if not title or text.find(title) >= names.end():
        return
    container = item.get("container-title", "")
    head, _, rest = container.partition(". ")
    if rest and text.startswith(container, names.end()):
        item["title"], item["container-title"] = head, rest
    else:
        del item["title"]


_TRANSLATOR_MARK = r"(?:tr|trans|transl|translated\s+by)\.?"
# "Toward an Aesthetic of Reception, Timothy Bahti (trans.)": the translator's name before
# the mark, run into the title
_NAMED_BEFORE_MARK = re.compile(r",\s+((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+)$")
# "… An Experiential Theology (tr. Columban Heaney)": the mark opening the bracket that
# names the translator, which the tagger cut in two
_MARK_AT_END = re.compile(rf"\s*\(\s*{_TRANSLATOR_MARK}$", re.I)


def _translator_after_title(item: dict[str, Any], text: str) -> None:
    """A translator named after the title, with "(trans.)" after the name or "(tr. Name)",
    is no part of the title, and the name is not the container: it is the translator."""
    title = item.get("title", "")
    named = _NAMED_BEFORE_MARK.search(title)
    if named and re.search(re.escape(title) + rf"\s*\(\s*{_TRANSLATOR_MARK}\s*\)", text, re.I):
        item["title"] = title[:named.start()]
        item.setdefault("translator", split_authors(named.group(1)))
        return
    mark = _MARK_AT_END.search(title)
    if mark:
        item["title"] = title[:mark.start()]
        container = item.get("container-title", "")
        if container and re.search(re.escape(title) + r"\.?\s*" + re.escape(container)
                                   + r"\s*\)", text):
            item.setdefault("translator", split_authors(item.pop("container-title")))


# what someone other than the author did, after the title's full stop with the name after
# it: "Quaderni del carcere. A cura di Valentino Gerratana", "… Edited by Guenther Roth"
_ROLE_AFTER_TITLE = re.compile(
    r"\.\s+(?:a cura di|edited by|translated by|trans(?:l)?\.(?:\s+by)?|tr\.\s+by|"
    r"übersetzt von|hrsg\.\s+von|herausgegeben von|traduit (?:de l['’]\w+\s+)?par|"
    r"édité par|edición de|traducción de)\s+[^.]{2,}$", re.I)  # (an introduction's writer
# stays: AnyStyle's gold keeps "El siglo de las luces. Introduction by Carlos Fuentes")


# ... and in Chinese, the translators before their "译" ("深度学习. 赵申剑, 黎彧君, 符天凡, 等译")
# (names of two to four characters each: a subtitle "机器翻译" is none, its "译" "翻译"'s)
_CHINESE_ROLE_AFTER_TITLE = re.compile(
    r"[.．。]\s*([\u4e00-\u9fff·]{2,4}(?:\s*[,，、]\s*[\u4e00-\u9fff·]{2,4}){0,9})"
    r"\s*[,，]?\s*(?:等\s*)?(?<!翻)(?:译|譯)$")


def _role_ending_a_title(item: dict[str, Any]) -> None:
    """An editor or translator named after the title's full stop is no part of the title;
    Chinese translators so named are the translators."""
    if _title_cut_at(item, _ROLE_AFTER_TITLE):
        return
    title = item.get("title", "")
    chinese = _title_cut_at(item, _CHINESE_ROLE_AFTER_TITLE) if "译" in title or "譯" in title \
        else None
    if chinese:
        item.setdefault("translator", split_authors(chinese.group(1).strip(" ,，、")))


_ISSUE_THEN_PAGES = re.compile(r"\(?([\w/-]{1,12})\)\s*:\s*(\S.*)")


def _issue_run_into_pages(item: dict[str, Any]) -> None:
    """"144 (1–2): 101–124": the issue's range taken into the pages ("1-2): 101-124") is
    the issue, and the pages are what follows its colon."""
    match = _ISSUE_THEN_PAGES.fullmatch(item.get("page", ""))
    if match and "issue" not in item:
        item["issue"], item["page"] = match.group(1), match.group(2)


def _year_printed_as_an_issue(item: dict[str, Any], text: str) -> None:
    """"Frontiers in Plant Science 10 (2020)": a year in brackets after the volume, with no
    pages, is the year, not an issue."""
    issue = str(item.get("issue") or "")
    if not re.fullmatch(r"(?:1[89]|20)\d\d", issue) or f"({issue})" not in text:
        return
    if _issued_year(item) in (None, int(issue)):
        del item["issue"]
        item["issued"] = {"date-parts": [[int(issue)]]}


_ARTICLE_NUMBER = re.compile(r"\bArt(?:icle)?\.?\s*(?:no|number)\.?\s*:?\s*([A-Za-z]?\d+)\b",
                             re.I)


def _article_number(item: dict[str, Any], text: str) -> None:
    """IEEE's "Art. no. 117702" is where the pages would be."""
    if "page" not in item:
        match = _ARTICLE_NUMBER.search(text)
        if match:
            item["page"] = match.group(1)


def _after_volume_colon(tokens: list[Token], labels: list[str]) -> int | None:
    """The index of the token after the colon that follows a volume (``127: 1607``) or its
    issue (``127(4): 1607``), where a journal reference prints its pages."""
    for k in range(2, len(tokens) - 1):
        if tokens[k].text == ":" and (labels[k - 1] in ("volume", "issue") or (
                tokens[k - 1].text == ")" and labels[k - 2] in ("volume", "issue"))):
            return k + 1
    return None


def _later_year(tokens: list[Token], labels: list[str], at: int, year: int) -> int | None:
    """A year the tagger left unlabelled after token ``at``, other than ``year``."""
    for tok, lab in zip(tokens[at + 1:], labels[at + 1:], strict=True):
        if lab == "other" and _year_like(tok) and int(tok.text) != year:
            return int(tok.text)
    return None


def _year_like(tok: Token) -> bool:
    """A four-digit number a reference could be dated by."""
    return tok.kind == "N" and len(tok.text) == 4 and 1500 <= int(tok.text) <= 2099


def _fallback_year(tokens: list[Token], labels: list[str], skip: frozenset[int] = frozenset()
                   ) -> int | None:
    """A year the tagger left unlabelled: the first four-digit year outside a title, a
    container, pages, a volume or a URL, and not at a token of ``skip``."""
    for k, (tok, lab) in enumerate(zip(tokens, labels, strict=True)):
        if lab in ("other", "year") and _year_like(tok) and k not in skip:
            return int(tok.text)
    return None


# a new-style arXiv identifier, YYMM.NNNNN: its first four digits read as a year from 1501 to
# 2099 ("arXiv:1802.03426", "arXiv 2005.14165v4", "arxiv.org/abs/…", "10.48550/arXiv.…")
_ARXIV_NUMBER = re.compile(r"\barxiv\s*[:.]?\s*(?:org/abs/|abs/)?(\d{4}\.\d{4,5})(?!\d)", re.I)


def _in_arxiv_ids(text: str, tokens: list[Token]) -> frozenset[int]:
    """The tokens inside the text's new-style arXiv identifiers, which are no years."""
    if "arxiv" not in text.lower():
        return frozenset()
    spans = [m.span(1) for m in _ARXIV_NUMBER.finditer(text)]
    return frozenset(k for k, tok in enumerate(tokens)
                     if any(start <= tok.start < end for start, end in spans))


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
    title = item.get("title") or ""
    if not container and _THESIS_MENTION.search(text.replace(title, " ") if title else text):
        # (with a container, "Dissertation Abstracts International" is one; in the title,
        # a book about theses: "Authoring a PhD: How to … finish a doctoral thesis")
        return "thesis"
    return "article-journal" if container else "document"


_THESIS_MENTION = re.compile(rf"\b{_THESIS_KIND}\b|\bth[èe]se de doctorat\b|\btesis doctoral\b|"
                             r"\b(?:ph\.?\s?d\.?|doctoral)\s+(?:diss\.|dissertation|thesis)", re.I)


def gbt_code(text: str) -> str | None:
    """The GB/T 7714 document type code a reference gives (``J`` of ``[J/OL]``), if any."""
    code = _DOCTYPE_RE.search(text)
    return code.group(1).split("/")[0] if code else None


def _gbt_mark(text: str) -> re.Match[str] | None:
    """The type code of a GB/T 7714 reference (``[M]``, ``[EB/OL]``) where it is one of the
    standard's, which what follows it is read after; None for any other reference."""
    code = _DOCTYPE_RE.search(text)
    return code if code and code.group(1) in _DOCTYPES else None


# GB/T 7714: "Author. Title[M]. Place: Publisher, Year." — the title ends at the type code
_GBT_TITLE = re.compile(r"(?:^|[.．。]\s*)([^.．。\[\]]+?)\s*\[([A-Z]{1,2}(?:/OL)?)\]")
_YEAR_AFTER = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


# Chinese names, or bodies, with what joins them: "温忠麟;侯杰泰;马什赫伯特.",
# "世界环境与发展委员会."
_HAN_NAME = r"[\u4e00-\u9fff·]{2,5}"
_HAN_BODY = (r"[\u4e00-\u9fff]{2,30}(?:部|委员会|会|院|局|署|所|中心|办公室|办公厅|组|"
             r"大学|学会|协会|政府|国务院|银行|公司|集团|基金会)")
# (each name atomic: a body's name read two ways, "…委员会" or "…委员" + "会", made a list of
# them that did not end in a full stop take exponential time)
_NAMES_BEFORE = re.compile(rf"\s*(?>{_HAN_BODY}|{_HAN_NAME})(?:\s*[,;，；、]\s*(?>{_HAN_BODY}|"
                           rf"{_HAN_NAME}))*(?:\s*[,，]?\s*等)?\s*[.．。]\s*")


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
    title = match.group(1).strip()
    read = item.get("title")
    if read and title.startswith(read) and title[len(read):].lstrip().startswith(("(", "（")):
        # cut at a bracket inside it: "Coronavirus disease (COVID-19) pandemic[EB/OL]"
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
    if read:
        return item
    if not title or any(title == v for v in _author_texts(item)):
        return item
    item = {k: v for k, v in item.items() if not (k in ("volume", "container-title",
                                                        "issue") and v == title)}
    item["title"] = title
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
_URL = re.compile(r"https?://[^\s<>\"“”]+")


# a newspaper's page, in brackets after its date (§8.8.2): "人民日报, 2020-09-12(2).", a
# range of pages "(02-03)"
_NEWSPAPER_PAGE = re.compile(r"(?:1[5-9]|20)\d\d-\d{1,2}-\d{1,2}\s*[(（]\s*"
                             r"([A-Z]?\d{1,3}(?:\s*[-–]\s*[A-Z]?\d{1,3})?)\s*[)）]")


_NEWSPAPER_NAME = re.compile(r"\s*[.．。]\s*([^\s\d.．。,，:：\[\]()（）]"
                             r"[^\d.．。,，:：\[\]()（）]{0,39}?)\s*[,，]\s*(?:1[5-9]|20)\d\d")


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
        item.setdefault("volume", volume)
    return item


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


def _gbt_host_title(text: str, item: dict[str, Any]) -> None:
    """The title of the Chinese book or proceedings a part is in, written after "//" and
    before the imprint: alone (``[C]//第五届全国计算语言学联合学术会议论文集. 北京: …``) or
    after those responsible for it (``[C]//中国自动化学会. 2021 中国自动化大会论文集. 北京``),
    where the tagger found none or took those responsible for it; a volume after it
    (``鲁迅全集: 第 1 卷``) is its volume."""
    part = _GBT_PART.search(text)
    if part is None:
        return
    after = text[part.end():]
    end = _IMPRINT.search(after) or _HOST_ENDS.search(after)
    host = after[:end.start() if end else len(after)]
    if not _has_cjk(host):
        return
    segments = [seg.strip() for seg in re.split(r"[.．。]\s*", host) if seg.strip()
                and not _EDITION.match("." + seg.strip())]
    container = item.get("container-title")
    if container and not (len(segments) > 1 and container == segments[0]):
        return
    if not segments or len(segments) > 2:
        return
    item["container-title"], volume = _gbt_title_and_volume(segments[-1])
    if volume:
        item.setdefault("volume", volume)


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
    _gbt_host_title(text, item)
    container = (item.get("container-title") or "").strip()
    place, publisher = item.get("publisher-place") or "", item.get("publisher") or ""
    imprint = re.search(rf"(?:^|[.．。]\s*){re.escape(place)}\s*[:：]\s*"
                        rf"{re.escape(publisher)}$", container) if place and publisher \
        else None
    if imprint and imprint.start() > 0:
        # the host's title with the imprint after it ("Proceedings of ICC. Piscataway:
        # IEEE", "…Operating Systems Principles. Stroudsburg: ACM"): the title alone
        item["container-title"] = container = container[:imprint.start()]
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


def parse_reference(text: str, *, strict: bool = False) -> dict[str, Any]:
    """CSL-JSON for one printed reference string; ``{}`` when nothing can be parsed.

    Keys (only those found): author, title, container-title, volume, issue, page, issued
    {"date-parts": [[year]]} (and the day), DOI; a translator named after the title; of a
    GB/T 7714 reference also publisher and publisher-place, editor or container-author (of
    the book a part is in), translator and edition, the volume after a book's title, and of
    an online one URL and accessed. Never raises on any string: a parser of untrusted text
    must not take its caller down. ``strict`` lets an error inside the parser (a bug, never
    the text's fault) propagate instead of giving ``{}``: the tests use it, as an empty
    result would hide the bug from them."""
    if not isinstance(text, str):
        return {}
    try:
        clean = clean_text(text)
        if not clean or not any(c.isalnum() for c in clean):
            return {}
        tokens = tokenize(clean)
        labels = tag(tokens)
        item = _gbt_imprint(clean, _gbt_year_after_the_code(
            clean, _gbt_title(clean, _csl(clean, tokens, labels))))
        return _publication_date(clean, _gbt_volume(clean, _gbt_roles(clean, item)))
    except Exception:
        if strict:
            raise
        logging.getLogger(__name__).debug("reference parse failed", exc_info=True)
        return {}
