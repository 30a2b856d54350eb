"""The observations each token is tagged by: its shape, script and punctuation, its place in
the string, its neighbours, small word lists (volume, pages, editors, months…), the quotes and
brackets it stands in, and GB/T 7714's document-type markers.
"""

from __future__ import annotations

import re

from archiver.citations.parse.tokens import Token, _is_cjk

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
            # (Dutch's elided article opens a name, no quotation: "G. 't Hooft", "'s-Gravesande")
            # (a name: "'t Hooft," "'t Hooft G", not a title's "'t Is maar een woord")
            elided = t in "'’" and nxt_letter and tokens[k + 1].text in ("t", "s") and (
                k + 2 < n and tokens[k + 2].text == "-" or tokens[k + 1].space_after and
                k + 3 < n and tokens[k + 2].text[:1].isupper() and (
                    tokens[k + 3].text in (",", ".") or tokens[k + 3].text.isupper()))
            if t in _QUOTE_OPENERS and not (t in "'’\"" and (prev_word or not nxt_letter)) \
                    and not elided and len(stack) < 3:
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
    issue_like = _issues_like_years(tokens)
    for k in issue_like:  # seen as the plain number it is (yr only marks dates)
        base[k].remove("yr")
    words = [t.text.casefold()[:20] if t.kind in "LPN" or len(t.text) <= 4 else "#" + t.kind
             for t in tokens]
    kinds = [t.kind for t in tokens]
    shapes = [_shape(t.text) if t.kind != "C" else "C" for t in tokens]

    marker_at = doctype_markers(tokens)
    first_marker = min(marker_at) if marker_at else n
    year_idx = [k for k, t in enumerate(tokens) if _year_like(t) and k not in issue_like]
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


def _dated_at(tokens: list[Token], k: int) -> bool:
    """Whether the year-like token at k stands where a reference prints its date: set off by
    brackets or punctuation on both sides ("(2017).", ", 2017;"), not a word of a title
    ("The 1918 influenza")."""
    return (_year_like(tokens[k]) and 0 < k < len(tokens) - 1
            and tokens[k - 1].text in ("(", ",", ".", "，") and tokens[k + 1].text in (
                ")", ".", ",", ";", "，", "。"))


def _issues_like_years(tokens: list[Token]) -> set[int]:
    """The year-like numbers printed as an issue, in brackets after a volume and before the
    pages, in a reference already dated: "(2017). … Proc. R. Soc. B, 284(1855), 20170132"
    (the Royal Society's issues are numbered past 1800). A year there is a second year: a
    reference dated once and printing its year after the volume ("Plant Sci. 10 (2020)")
    has no date before it."""
    found: set[int] = set()
    dated = False
    for k in range(len(tokens)):
        if (dated and 2 <= k < len(tokens) - 3 and _year_like(tokens[k])
                and tokens[k - 1].text == "(" and tokens[k - 2].kind == "N"
                and not _year_like(tokens[k - 2]) and tokens[k + 1].text == ")"
                and tokens[k + 2].text in (",", ":") and tokens[k + 3].kind == "N"):
            found.add(k)
        elif _dated_at(tokens, k):
            dated = True
    return found


def _year_like(tok: Token) -> bool:
    """A four-digit number a reference could be dated by."""
    return tok.kind == "N" and len(tok.text) == 4 and 1500 <= int(tok.text) <= 2099
