"""What a reference string is cleaned of before it is tokenised: what no style prints (an
editor's marks, a footnote's signal, control characters), what a PDF's text layer leaves in one
(running heads, watermarks, characters spaced out, spaces moved before marks), and the e-print
and erratum notes after a journal's numbers, which the tagger reads better without.
"""

from __future__ import annotations

import re
import unicodedata

from archiver.citations.extract import (
    unescape_entities,
    without_marks,
)
from archiver.citations.parse.physics import _iop_title_less
from archiver.citations.parse.shared import (
    _ARXIV_ID,
    _BRACKETED_YEAR,
    _LIST_NUMBER,
    _OLD_ARXIV_ID,
    _SEE_BEFORE_A_NAME,
)
from archiver.citations.parse.token_features import _SURNAMES

# Longer strings are not references; tagging them whole would only cost time.
MAX_CHARS = 3000


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# an initial a PDF ran into the family name after it ("T.Yamada, K.Ito, and R.Gonzalez",
# "M.Rossi"): a space after its full stop (not in an address, nor "U.S.Army"'s second letter)
# (at a name's start: the reference's, or after a comma or "and"; not "Hepatitis B.Clinical")
_INITIAL_RUN_INTO_A_NAME = re.compile(
    r"(?:^|(?<=,\s)|(?<=\sand\s)|(?<=\]\s)|(?<=\d\.\s)|(?<=\d\s))([A-Z]\.)(?=[A-Z][a-z]{2,}[,\s])")
# a bullet a list pasted from a document puts before each entry ("•  Liu Y, Zhang H …")
# (and the marks a post's editor types as one: "▲ Yang J, …", "▶ …", "★ …")
# (and a post's emoji or bar before it: "📖 ", "👉 ", "▍", "✅"; a variation selector after)
_BULLET = re.compile("^\\s*(?:[•▪●◦‣∙·・▲△▶►▷▸◆◇■□★☆➤➢→▍▌▎▐\u2600-\u27bf\U0001f300-\U0001faff]"
                     "\ufe0f?\\s*)+")
# Italian's editors' role in brackets, in words ("Ginsborg, P. (a cura di) (1994)."): read as
# the "(ed.)" every other language abbreviates, which the tagger knows
_A_CURA_DI = re.compile(r"\(\s*a\s+cura\s+di\s*\)", re.I)
# ... and as a sentence or a clause names the editors ("… del carcere. A cura di Valentino
# Gerratana.", "Dizionario di politica, a cura di Norberto Bobbio, …"): English's "Edited
# by", which the rules read; Italian's "4 voll." is English's "4 vols." (how many volumes)
_A_CURA_DI_BEFORE_NAMES = re.compile(r"(?:(?<=\.\s)A|(?<=,\s)a)\s+cura\s+di\s+(?=[A-Z])")
_VOLL = re.compile(r"(?<=\d\s)voll\.")
# a tab where a list of names pasted from a table's cells had its comma: "Gao, M.<TAB>Zhao, K."
# (a few spaces, then a run of tabs and spaces taken once, possessively: retried, it was
# quadratic in the run)
_TAB_BETWEEN_NAMES = re.compile(r"(?<=\b[A-Z]\.) {0,3}\t[ \t]*+(?=[A-ZÀ-Þ][\w'’-]+,\s?[A-Z]\.)")
# characters that print as nothing, which a web page or a word processor leaves inside words
# ("Zhao\u200b W", a soft hyphen): the word is the same without them
_INVISIBLE = re.compile("[\u00ad\u2060\ufeff]")  # (not the joiners, which Persian and emoji need)


# A footnote's signal before the work it points to ("1. See Clifford Geertz, The
# Interpretation…", "Cf. Eric Hobsbawm, …", "See, e.g., …", "For a different view, see …"):
# no part of the reference. Only before a name written whole ("See RH, Jones K" is an author)
_SIGNAL = re.compile(rf"^({_LIST_NUMBER}\s*)?"
                     r"(?:(?:For [a-z][\w ]{0,40}?,\s+)?[Ss]ee(?:,?\s+e\.g\.,?|\s+also)?|"
                     r"[Cc]f\.|[Cc]ompare|[Ee]\.g\.,)\s+(?=[A-Z][a-z]+[\s,])")

# What a Chinese list or note puts before an entry's first author, no part of the work: an
# enumeration with 、 ("1、李华, 王强."), a note's "see" ("⑤ 参见黄宗智：《…》", "转引自…"). (GB/T
# 7714's mark of a foreign author's country, "[美]亨廷顿", is the name's: it says the name is
# no Chinese one, :func:`archiver.citations.parse.authors._person`.)
_BEFORE_THE_FIRST_AUTHOR = re.compile(
    rf"^(\s*{_LIST_NUMBER}?\s*)(?:\d{{1,3}}、\s*|\d{{1,3}}\s+(?={_SEE_BEFORE_A_NAME}))?"
    rf"(?:{_SEE_BEFORE_A_NAME}\s*)?(?=[^\W\d_])")

# What a post writes before a work it cites, as its label ("文献来源：Chen L, Huang J, …",
# "原文链接：Liu, Q., …", "论文信息：…"): no part of the work; nor a circled number or a bare one
# before a Chinese name ("⑥ 黄晓明, 等.", NFKC's "6 黄晓明"), the entry's
# (a label of two words: "来源：人民日报, 2020-05-01(3)." names a newspaper, no author; "Citation:
# The citation practices of historians" is a title)
# ("原文：…", "论文：…" alone, or in the brackets of a heading: "【参考文献】 Mahajan A, …")
# ("引用本文：", "本文引用格式：", "论文题目：", "Cite this article:" as journals' pages
# print them, "推荐阅读：" before a work a post recommends; a journal's rank in brackets
# before it, "【中科院一区】", "【SCI 二区】")
_LABEL_WORDS = (r"(?:(?:文献|原文|论文|文章|研究)(?:来源|出处|链接|信息|题目)|原文|论文|参考文献|"
                r"引用文献|(?:本文)?引用(?:本文|格式)|推荐阅读|延伸阅读|Cite this article)")
_RANK_IN_BRACKETS = r"【[^【】]{0,12}(?:区|IF|SCI|核心|JCR|Q[1-4]|CSSCI)[^【】]{0,8}】"
_LABEL_BEFORE_THE_ENTRY = re.compile(
    rf"^(\s*{_LIST_NUMBER}?\s*)(?:{_LABEL_WORDS}\s*:|【{_LABEL_WORDS}】\s*:?|{_RANK_IN_BRACKETS})"
    r"\s*(?=\S)")
# ... and the link a post gives before the reference, after its label ("原文链接：https://doi.org/
# 10.1016/j.cell.2023.05.020  Garcia R, Tan K, …"): put after it, where a reference gives its
# link, so that the tagger meets the authors first and the DOI is still read
_LINK_BEFORE_THE_ENTRY = re.compile(r"^(https?://\S+|doi:\s?10\.\d{4,9}/\S+)\s+(?=[^\W\d_])",
                                    re.I)
# (a number before a name: "2 型糖尿病防治指南[S]", "100 个经典案例[M]" are titles)
_NUMBER_BEFORE_CHINESE = re.compile(r"^\s*(?:[\u2460-\u2473]\s*|\d{1,2}\s+)"
                                    r"(?=[\u4e00-\u9fff]{2,4}\s*(?:[,，、.．]|等))")

# A newspaper's byline before its reporter's name: "本报记者 王静", "新华社记者 李明", "本报驻京记者
# 张三" (the paper's or agency's word for "reporter", no part of the name)
_REPORTER = re.compile(
    rf"^(\s*{_LIST_NUMBER}?\s*)(?:本报|本刊|[\u4e00-\u9fff]{{1,4}}社)?(?:特约|实习|驻[\u4e00-\u9fff]{{1,6}})?"
    r"(?:记者|通讯员)\s*(?=[\u4e00-\u9fff]{2,4}\s*[.,，、])")

# A Chinese author's name given with its romanisation, or a foreign author's Chinese name with
# the original ("吴晓明 (Wu Xiaoming). …", "孔飞力(Philip A. Kuhn). 叫魂…"): the name as the
# reference writes it first. A name: two to four characters, the first a surname, then a
# full stop or a comma (not a work's title and its translation: "深度学习(Deep Learning). 北京:
# …", "区块链(Blockchain): 从数字货币…")
_NAME_AND_ITS_ROMANISATION = re.compile(
    rf"^(\s*{_LIST_NUMBER}?\s*)([\u4e00-\u9fff]{{2,4}})"
    r"\s*[(（]\s*[A-Z][A-Za-z .'’-]{1,40}[)）](?=\s*[.,，])")


# ... and each name after it so given ("张华 (ZHANG Hua), 刘敏 (LIU Min). …")
_NEXT_NAME_AND_ITS_ROMANISATION = re.compile(
    r"\s*[,，、]\s*([\u4e00-\u9fff]{2,4})\s*[(（]\s*[A-Z][A-Za-z .'’-]{1,40}[)）](?=\s*[.,，、])")


def _without_romanisation(text: str) -> str:
    """``text`` without the romanisation of its authors' names (see above)."""
    found = _NAME_AND_ITS_ROMANISATION.match(text)
    if found is None or found.group(2)[0] not in _SURNAMES:
        return text
    names = [found.group(1) + found.group(2)]
    at = found.end()
    while (more := _NEXT_NAME_AND_ITS_ROMANISATION.match(text, at)) and \
            more.group(1)[0] in _SURNAMES:
        names.append(more.group(1))
        at = more.end()
    return ", ".join(names) + text[at:]


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


# German styles' slash between names written family name first ("Müller, Hans/Schmidt, Petra
# (2018):", "Larenz, Karl/Canaris, Claus-Wilhelm: Methodenlehre…"), read as the semicolon other
# styles print there; only among the names, before the first bracket, colon or full stop
# ("Berlin/Heidelberg: Springer" is a place, "Input/Output, Systems" a title's words)
# (an initial's full stop too, before another initial or a slash: "Glaser, B. G./Strauss")
_INITIALS_STOP = r"(?<=\b[A-Z])\.(?=\s?[A-Z]\.|/)"
_NAMES_UP_TO = re.compile(rf"(?:[^():.\d]|{_INITIALS_STOP}){{0,150}}")
_FAMILY_THEN_COMMA = r"[A-ZÀ-Þ][^\W\d_'-]*(?:-[^\W\d_]+)?,\s"  # "Müller, ", "Beck-Gernsheim, "
_FAMILY_FIRST = re.compile(_FAMILY_THEN_COMMA)
_SLASH_BETWEEN_NAMES = re.compile(rf"(?:(?<=[^\W\d_])|(?<=\b[A-Z]\.))/(?={_FAMILY_THEN_COMMA})")


def _names_slashed(text: str, at: int = 0) -> str:
    """``text`` with the slashes between the names at ``at`` read as semicolons; and those
    between a book's editors after its "In:" ("In: Beck, Ulrich/Beck-Gernsheim, Elisabeth
    (Hrsg.):")."""
    head = _NAMES_UP_TO.match(text, at)
    names = head.group(0) if head else ""
    if "/" in names and _FAMILY_FIRST.match(names):
        text = text[:at] + _SLASH_BETWEEN_NAMES.sub("; ", names) + text[at + len(names):]
    if at == 0:
        editors = _IN_EDITORS.search(text)
        if editors:
            return _names_slashed(text, editors.end())
    return text


_IN_EDITORS = re.compile(
    rf"\b[Ii]n:\s+(?={_FAMILY_THEN_COMMA}(?:[^/():.]|{_INITIALS_STOP}){{1,60}}/)")


_HYPHEN_BETWEEN_DIGITS = re.compile(r"(?<=\d)-(?=\d)")


def wave_dashes_given_back(title: str, text: str) -> str:
    """``title`` with the wave dashes the reference ``text`` prints between its numbers
    ("中国农村经济形势分析与预测(2022~2023)"), which :func:`clean_text` made hyphens for the
    pages' sake: a title is kept as printed (after NFKC, as every field is)."""
    if "-" not in title:
        return title
    printed = unicodedata.normalize("NFKC", text)
    if title in printed:
        return title
    for wave in ("~", "〜"):
        waved = _HYPHEN_BETWEEN_DIGITS.sub(wave, title)
        if waved in printed:
            return waved
    return title


def clean_text(text: str) -> str:
    """NFKC (full-width punctuation and ligatures become plain), a tab between names a comma
    (:data:`_TAB_BETWEEN_NAMES`), no control characters or lone
    surrogates (CRFsuite needs valid UTF-8) nor characters that print as nothing (zero-width
    spaces, soft hyphens), whitespace collapsed, capped at MAX_CHARS;
    without what an editor adds that no style prints (:func:`extract.without_marks`),
    a footnote's signal (:data:`_SIGNAL`), a post's label (:data:`_LABEL_BEFORE_THE_ENTRY`)
    and what a Chinese list or note puts before the
    first author (:data:`_BEFORE_THE_FIRST_AUTHOR`) and its name's romanisation
    (:func:`_without_romanisation`), a physics reference's e-print tags
    (:data:`_E_PRINT_TAGS`) and what a PDF leaves in one (:data:`_PAGE_FURNITURE`,
    :data:`_WATERMARK`, :data:`_SPACED_OUT`, :data:`_SPACE_BEFORE_MARK`)."""
    if not isinstance(text, str):
        return ""
    number = _NUMBER_BEFORE_CHINESE.match(text)
    if number and text[number.end()] in _SURNAMES:  # (not "2 型糖尿病.", "10 年回顾,")
        text = text[number.end():]
    # (a zero-width space may be all that parts two words: a space, collapsed after)
    text = _TAB_BETWEEN_NAMES.sub(", ", text[: MAX_CHARS * 2])
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text).replace("\u200b", " "))
    text = unescape_entities(text)  # copied from a web page: "949&#8211;961"
    text = without_marks(text)
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)  # NFKC can expand into new control-free text only, but be sure
    text = _SIGNAL.sub(r"\1", _BULLET.sub("", " ".join(text.split())[:MAX_CHARS]), count=1)
    labelled = _LABEL_BEFORE_THE_ENTRY.match(text)
    if labelled is not None:
        rest = text[labelled.end():]
        link = _LINK_BEFORE_THE_ENTRY.match(rest)
        if link is not None:
            rest = f"{rest[link.end():].rstrip()} {link.group(1)}"
        text = labelled.group(1) + rest
    text = _names_slashed(_REPORTER.sub(r"\1", _BEFORE_THE_FIRST_AUTHOR.sub(r"\1", text, count=1),
                                        count=1))
    text = _without_romanisation(text)
    text = _WATERMARK.sub("", _E_PRINT_TAGS.sub("", text))
    text = _PAGE_FURNITURE.sub(" ", text)
    text = _without_notes(_SPACE_INSIDE_BRACKET.sub("", _SPACE_BEFORE_MARK.sub(
        lambda m: m.group(m.lastindex) + " ", text)))
    text = _A_CURA_DI.sub("(ed.)", _WAVE_DASH_RANGE.sub("-", text))
    text = _VOLL.sub("vols.", _A_CURA_DI_BEFORE_NAMES.sub(
        lambda m: ("Edited by " if m.group(0)[0] == "A" else "edited by "), text))
    text = text.replace("\u2012", "\u2013")  # a figure dash, as a PDF may set a range: an en dash
    address = re.search(r"https?:|www\.|\bdoi\s*:|doi\.org|\S+@", text, re.I)  # (up to any address)
    cut = address.start() if address else len(text)
    text = _INITIAL_RUN_INTO_A_NAME.sub(r"\1 ", text[:cut]) + text[cut:]
    if _SPACED_OUT.search(text):  # "王 飞 跃 . 平 行 系 统 … [ J]": as printed, unspaced
        text = _GBT_CODE_SPACED.sub(r"[\1]", _SPACED_OUT.sub(
            lambda m: m.group(0).replace(" ", ""), text))
    return text
