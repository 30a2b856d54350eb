"""Reader for a WeChat article page saved as HTML (2020 and 2025 layouts), and for the
scraper-reconstructed pages that keep WeChat's ``#js_content`` body.

Metadata comes from the page's own JavaScript variables (``var ct``, ``msg_title``,
``nickname``, ``user_name``, ``biz``/``mid``/``idx``, ``msg_link``) and meta tags, because the
visible elements are filled in by scripts that did not run when the page was saved
(``#publish_time`` is empty or says "Today"). They are read with regular expressions over the
raw text; the document is parsed once, with lxml, only to cut out the body.

Kinds recognised: ``article``; ``image-share`` (``item_show_type`` 8: text and pictures live
only in script data); ``article-share`` (a share card whose full text is in
``<script id="content_tpl">``); and the error pages ``deleted``, ``blocked``, ``unavailable``,
which get no body at all.
"""

from __future__ import annotations

import functools
import html as htmlmod
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lxml.html
from lxml import etree

from archiver.background import beside
from archiver.canonical import sha512_hex
from archiver.errors import MalformedInput
from archiver.model import SITE_GENERATOR, RawPost, Sourced
from archiver.readers._charset import Declared
from archiver.readers._text import (
    SHANGHAI,
    check_decodes,
    decode_found,
    encoding_of,
    js_unescape,
    parse_date,
    refuse_nul,
    unix_to_iso,
)

FORMAT = "wechat-html"

# The page's own address comes first: it is in the <head> of a saved page (a few KB in),
# where the others can be 700 KB in, behind inline CSS.
_MARKERS = (b"mp.weixin.qq.com", b'id="js_content"', b"id='js_content'", b"var msg_title",
            b"weui-msg", b"cgiDataNew", b"rich_media_content")


_OWN_SITE = f'<meta name="generator" content="{SITE_GENERATOR}">'.encode()


def detect(path: Path, head: bytes) -> bool:
    """A full HTML document (has <html>/<head>) that carries WeChat page markers: a file
    named as HTML, or any file that opens as an HTML document (wget names a page by its
    address: ``s?__biz=…``, ``NJgNozEXo47KCvmRL4hDiw``)."""
    lowered = head[:4096].lower()
    if path.suffix.lower() not in (".html", ".htm", ".xhtml") and not lowered.lstrip(
            b"\xef\xbb\xbf \t\r\n").startswith((b"<!doctype html", b"<html")):
        return False
    if b"<html" not in lowered and b"<head" not in lowered and b"<!doctype" not in lowered:
        return False
    if _OWN_SITE in lowered:  # a page of archiver's own html export: it links to posts
        return False
    return any(marker in head for marker in _MARKERS)


# --- script variables -------------------------------------------------------------------------

# The page variables are searched in the scripts' text as UTF-8 bytes: lxml gives those five
# times faster than a str, and a regex runs over one byte a character, not four (a single
# emoji in 3 MB of script makes a str four bytes a character). Multi-byte UTF-8 sequences never
# contain an ASCII byte, so quotes, backslashes and names are found exactly as in the text.
# (``\s`` is ASCII whitespace here: a no-break space between ``var x`` and ``=`` is not taken
# for one, which no page generator writes.)

# A JavaScript string literal, its body in group 1 (double quotes) or 2 (single quotes).
# Unrolled (runs of plain bytes, each escape between them): a repeated alternation keeps a
# backtracking state per character, 1.2 KB each, and a title of 3 million characters took
# 3.6 GB to read.
_STR = (rb"""(?:"([^"\\\n]*(?:\\.[^"\\\n]*)*)"|'([^'\\\n]*(?:\\.[^'\\\n]*)*)')""")
_STR_RE = re.compile(_STR)


def _literal(match: re.Match[bytes], start: int = 1) -> str:
    value = match.group(start) if match.group(start) is not None else match.group(start + 1)
    return js_unescape((value or b"").decode("utf-8"))  # lxml serialises scripts as UTF-8


@functools.cache
def _var_pattern(name: str) -> re.Pattern[bytes]:
    # Starts with a literal so the regex engine can skip ahead; word boundary checked by hand.
    return re.compile(rb"var\s+" + name.encode() + rb"\s*=\s*((?:(?:htmlDecode|JsDecode)\()?"
                      + _STR + rb"\)?(?:\s*\|\|\s*" + _STR + rb")*)")


@functools.cache
def _prop_pattern(name: str) -> re.Pattern[bytes]:
    return re.compile(name.encode() + rb"\s*:\s*(?:JsDecode\()?" + _STR)


def _ends_identifier(scripts: bytes, at: int) -> bool:
    """Whether the character before ``at`` would make ``var`` the end of a longer name."""
    before = scripts[max(0, at - 4):at].decode("utf-8", "ignore")[-1:]
    return before.isalnum() or before in ("_", "$")


_VARS = ("msg_title", "nickname", "user_name", "biz", "mid", "idx", "ct", "create_time",
         "oriCreateTime", "createTimestamp", "msg_link", "msg_source_url", "author", "msg_desc",
         "item_show_type", "source_(?:encode_biz|mid|idx|username)")  # (one way in for four)


def _scan_vars(scripts: bytes) -> dict[str, str]:
    """Every ``var NAME = "…" || "…"`` of :data:`_VARS` in one pass: for each name, the first
    non-empty string its assignments yield."""
    found: dict[str, str] = {}
    for match in _var_pattern("(" + "|".join(_VARS) + ")").finditer(scripts):
        start = match.start()
        if start and _ends_identifier(scripts, start):
            continue
        name = match.group(1).decode("ascii")
        if name in found:
            continue
        for lit in _STR_RE.finditer(match.group(2)):
            value = _literal(lit)
            if value:
                found[name] = value
                break
    return found


def _prop(scripts: bytes, name: str, valid: Callable[[str], bool] | None = None
          ) -> str | None:
    """The first non-empty ``name: JsDecode('…')`` or ``name: '…' * 1`` in page data."""
    for match in _prop_pattern(name).finditer(scripts):
        start = match.start()
        if start and scripts[start - 1] not in b" \t\r\n{,":
            continue
        value = _literal(match)
        if value and (valid is None or valid(value)):
            return value
    return None


def _ori_create_time(scripts: bytes) -> str | None:
    match = re.search(rb"ori_create_time\s*:\s*'(\d+)'", scripts)
    return match.group(1).decode("ascii") if match else None


def _meta(doc: etree._Element, attr: str, name: str) -> str | None:
    for el in doc.iter("meta"):
        if el.get(attr) == name and el.get("content", "").strip():
            return el.get("content").strip()
    return None


def _meta_text(value: str) -> str:
    """Some pages write meta contents still JavaScript-escaped (``\\x0a``, ``\\x26lt;a …``)."""
    if "\\x" not in value and "\\u" not in value:
        return value
    markup = htmlmod.unescape(js_unescape(value))
    return lxml.html.fragment_fromstring(markup, create_parent="div").text_content().strip()


def _text_of(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join(" ".join(element.itertext()).split())
    return text or None


def _first_text(doc: etree._Element, xpath: str) -> str | None:
    found = doc.xpath(xpath)
    return _text_of(found[0]) if found else None


# --- kinds ------------------------------------------------------------------------------------

_ERROR_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("deleted", ("deleted by the author", "已被发布者删除", "该内容已被发布者删除", "已删除")),
    ("blocked", ("violat", "违反", "违规", "涉嫌", "被屏蔽", "举报", "blocked", "投诉")),
    ("unavailable", ("暂时无法查看", "unavailable", "无法查看", "不可用", "cannot be viewed",
                     "已停止访问", "此帐号已被")),
)


def _error_kind(doc: etree._Element) -> tuple[str, str] | None:
    """('deleted'|'blocked'|'unavailable', message) for a WeChat error page."""
    titles = doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), "
                       "' weui-msg__title ')]")
    for el in titles:
        message = " ".join(" ".join(el.itertext()).split())
        lowered = message.lower()
        for kind, phrases in _ERROR_PHRASES:
            if any(p.lower() in lowered for p in phrases):
                return kind, message
        if message:
            return "unavailable", message
    return None


def _document(markup: bytes | str, parser: etree.HTMLParser) -> etree._Element:
    """The page's root element, as ``lxml.html.document_fromstring`` gives it, but with
    lxml's plain elements: lxml.html's classes are looked up by a Python call for each element
    a walk of the tree touches, a tenth of the time of parsing the page and walking it."""
    root = etree.fromstring(markup, parser)
    if root is None:
        raise etree.ParserError("Document is empty")
    return root


# libxml2 logs the first bytes that are not UTF-8 in a page it parses as UTF-8, wherever they
# are: text, attribute, script, comment, doctype (it reads on past them: as U+FFFD from 2.14,
# raw before). It stops logging errors at a hundred (2.12 to 2.14): a log with fewer than
# this many is whole.
_WHOLE_LOG = 50


def _decoded_by_libxml2(parser: etree.HTMLParser) -> bool:
    """Whether the parse of a UTF-8 page found it decodes: a page parsed to
    its end (no fatal error: nesting too deep stops libxml2 before bytes it never reads) that
    logged no encoding error, and too few errors to have stopped logging, where this libxml2
    is known to log one. Any other page is checked by decoding it (:func:`check_decodes`):
    two thirds of lxml's parse time again for the pages that need no check."""
    if not _REPORTS_BAD_UTF8:
        return False
    log = parser.error_log
    return len(log) < _WHOLE_LOG and not any(
        e.type_name in _ENCODING_ERRORS or e.level_name == "FATAL" for e in log)


_ENCODING_ERRORS = frozenset({"ERR_INVALID_ENCODING", "ERR_INVALID_CHAR", "ERR_UNKNOWN_ENCODING",
                              "ERR_UNSUPPORTED_ENCODING", "IO_ENCODER"})


def _reports_bad_utf8() -> bool:
    """Whether this libxml2 logs an encoding error for each kind of bytes that are not UTF-8
    (a stray byte, a cut, an overlong form, a surrogate, past U+10FFFF) wherever it stands in a
    page, and none for a page that is."""
    def logs_one(page: bytes) -> bool:
        parser = etree.HTMLParser(encoding="utf-8", huge_tree=True)
        _document(page, parser)
        return any(e.type_name in _ENCODING_ERRORS for e in parser.error_log)

    places = (b"<html><head><title>t</title><script>var a='%s';</script></head><body></body>",
              b"<html><body><p title='%s'>x</p></body></html>",
              b"<html><body><!-- %s --><p>x</p></body></html>",
              b"<html><head><style>a{b:'%s'}</style></head><body>x</body></html>",
              b"<html><body><p>x</p>%s</body></html>",
              b"<html><body><p>x</p></body></html>%s")
    wrong = (b"\xff", b"\xe4\xb8", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80")
    try:
        return (not logs_one(b"<html><body><p>\xe4\xb8\xad \xf0\x9f\x98\x80</p></body></html>")
                and all(logs_one(place % bad) for place in places for bad in wrong))
    except (etree.ParserError, ValueError):
        return False


def _ids_indexed() -> bool:
    """Whether this libxml2 indexes an HTML document's ids as it parses, keeping the first
    element of each id (as :func:`_by_id` assumes)."""
    probe = _document('<p id="a">1</p><div id="a">2</div><p id="b"></p>', etree.HTMLParser())
    first = probe.xpath("id('a')")
    return len(first) == 1 and first[0].text == "1" and len(probe.xpath("id('b')")) == 1


_IDS_INDEXED = _ids_indexed()
_REPORTS_BAD_UTF8 = _reports_bad_utf8()


def _by_id(doc: etree._Element, ident: str) -> etree._Element | None:
    """The first element whose ``id`` is ``ident``, as a browser's ``getElementById`` finds it.

    libxml2 indexes ids while it parses, so ``id()`` answers at once where ``//*[@id=…]``
    walks the whole tree (a tenth of the parse time of a large page, for each search). The
    index also files ``<a name>``: when what it finds does not carry the id, the tree is
    searched. (``id()`` reads its argument as a list of ids: one with a space is searched too.)
    The index is made by the parse and not kept up to date: look up only in a tree as parsed
    (an element removed since would still be found).
    """
    if _IDS_INDEXED and ident and not any(c.isspace() for c in ident):
        found = doc.xpath("id($ident)", ident=ident)
        if not found:
            return None
        if found[0].get("id") == ident:
            return found[0]
    found = doc.xpath("(//*[@id=$ident])[1]", ident=ident)
    return found[0] if found else None


def _body_element(doc: etree._Element) -> etree._Element | None:
    found = _by_id(doc, "js_content")
    if found is not None:
        return found
    found = doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), "
                      "' rich_media_content ')]")
    return found[0] if found else None


def _content_tpl(doc: etree._Element) -> str | None:
    found = doc.xpath("//script[@id='content_tpl']")
    return found[0].text if found else None


# In picture_page_info_list: a string (skipped whole), a bracket, or a cdn_url entry.
_PICTURE_TOKENS = re.compile(rb"(?P<str>" + _STR + rb")|(?P<open>[\[{])|(?P<close>[\]}])"
                             rb"|(?P<url>cdn_url\s*:\s*(?:JsDecode\()?" + _STR + rb")")
# An image-share post's text, or failing it its description.
_SHARE_TEXT = (re.compile(rb"content_noencode\s*:\s*JsDecode\(" + _STR + rb"\)"),
               re.compile(rb"[\s{,]desc\s*:\s*JsDecode\(" + _STR + rb"\)"))


def _picture_urls(scripts: bytes) -> list[str]:
    """The ``cdn_url`` of each item of ``picture_page_info_list`` (not of nested watermarks)."""
    start = re.search(rb"picture_page_info_list\s*:\s*\[", scripts)
    if not start:
        return []
    urls: list[str] = []
    depth = 0
    for token in _PICTURE_TOKENS.finditer(scripts, start.end()):
        if token.group("open"):
            depth += 1
        elif token.group("close"):
            if depth == 0:
                break
            depth -= 1
        elif token.group("url") and depth == 1:
            urls.append(_literal(token, token.re.groupindex["url"] + 1))
    return urls


# The collections (合集) a post is in, as a 2025 page's data lists them: ``album_info_list =
# [{title: 'Crypto', …}]``, ``appmsgalbuminfo = [{album_id: '…', title: 'Crypto', …}]``
_ALBUM_LIST = re.compile(rb"\s*=\s*\[(.*?)\];", re.S)  # after either name
_ALBUM_TITLE = re.compile(rb"[\s{,]title\s*:\s*(?:JsDecode\()?" + _STR)


def _album_lists(scripts: bytes) -> tuple[str, list[bytes]]:
    """The name of the list of collections the page gives and what each of its lists holds,
    in the page's order, found from its name (searched as bytes, many times as fast as a
    pattern over the page's megabytes of scripts): ``album_info_list``, which 2025 pages give,
    articles and image shares alike, else ``appmsgalbuminfo`` (each a scan of the scripts,
    about half a millisecond a MB). ``("", [])`` when it names neither."""
    for name in (b"album_info_list", b"appmsgalbuminfo"):  # the second only without the first
        at = scripts.find(name)
        if at < 0:
            continue
        lists: list[bytes] = []
        while at >= 0:
            listed = _ALBUM_LIST.match(scripts, at + len(name))
            if listed:
                lists.append(listed.group(1))
            at = scripts.find(name, at + len(name))
        return name.decode("ascii"), lists
    return "", []


def _collections(scripts: bytes) -> tuple[list[str], str] | None:
    """The titles of the collections (合集) the page says the post is in, each once: the
    post's tags, as an export's front matter gives them; with the provenance of the list they
    were read from. None when it names none."""
    name, lists = _album_lists(scripts)
    titles: list[str] = []
    for found in lists:
        for match in _ALBUM_TITLE.finditer(found):
            title = htmlmod.unescape(_literal(match)).strip()
            if title and title not in titles:
                titles.append(title)
    return (titles, f"{name} title") if titles else None


def _original_post(page_vars: dict[str, str], doc: etree._Element,
                   put: Callable[..., None]) -> None:
    """The post a reprint (转载, "The following article is from 中产先生") reproduces, or a share
    card passes on: its address from the page's ``source_encode_biz``, ``source_mid`` and
    ``source_idx`` (the ids WeChat files it under, without the signature ``sn`` the page does
    not give: a share card's own link, which has it, comes first), and its account, by the
    name its card shows and its ``source_username``."""
    biz, mid, idx = (page_vars.get(f"source_{name}") for name in ("encode_biz", "mid", "idx"))
    if not (biz and mid and mid.isdigit() and idx and idx.isdigit()):
        return
    put("original_url", f"https://mp.weixin.qq.com/s?__biz={biz}&mid={mid}&idx={idx}",
        "var source_encode_biz, source_mid, source_idx")
    put("original_account", lambda: _first_text(
        doc, "//*[contains(concat(' ', @class, ' '), ' original_primary_nickname ')]"),
        ".original_primary_nickname")
    put("original_account_id", page_vars.get("source_username"), "var source_username")


def _image_share_body(scripts: bytes) -> tuple[str, int] | None:
    """Rebuild an image-share post's body from its script data: the pictures, then the text,
    as the page shows them (its pictures a carousel above the text, as in 小绿书 posts)."""
    match = _SHARE_TEXT[0].search(scripts) or _SHARE_TEXT[1].search(scripts)
    content = _literal(match) if match else ""
    urls = _picture_urls(scripts)
    urls = [htmlmod.unescape(u) for u in urls if u]
    if not content and not urls:
        return None
    # The text is HTML-ish (entities, inline <a> markup): parse it as HTML, keep line breaks.
    paragraphs = [p for p in re.split(r"\n\s*\n", content) if p.strip()]
    parts = [f'<p><img src="{htmlmod.escape(u, quote=True)}"/></p>' for u in urls]
    parts += ["<p>" + p.replace("\n", "<br/>") + "</p>" for p in paragraphs]
    return "<div>" + "".join(parts) + "</div>", len(urls)


# SingleFile writes where and when it saved the page in a comment at its top, the date by the
# saving browser's clock with its UTC offset: "saved date: Tue Dec 01 2026 05:52:01 GMT-0500
# (Eastern Standard Time)" (JavaScript's Date.toString).
_SINGLEFILE = re.compile(
    rb"<!--\s*Page saved with SingleFile\s+url: (\S+)[ \t]*(?:\r\n|\r|\n)\s*saved date: "
    rb"[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-]\d{2})(\d{2})")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SINGLEFILE_HEAD = 4096  # the comment follows the <html> tag


def _singlefile_comment(data: bytes) -> tuple[str, datetime] | None:
    """The address and the time (with the browser's UTC offset) of a SingleFile save (its
    comment searched as UTF-8 bytes; a save re-encoded to UTF-16 is searched decoded)."""
    head = data[:_SINGLEFILE_HEAD]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:2 * _SINGLEFILE_HEAD].decode("utf-16", "replace").encode("utf-8")
    match = _SINGLEFILE.search(head)
    if match is None or match.group(2).decode() not in _MONTHS:
        return None
    # (the page's own bytes: a byte that is no UTF-8 in the address is shown replaced)
    url, month, day, year, hh, mm, ss, off_h, off_m = (g.decode("utf-8", "replace")
                                                       for g in match.groups())
    sign = -1 if off_h.startswith("-") else 1
    offset = timedelta(hours=abs(int(off_h)), minutes=int(off_m)) * sign
    try:
        saved = datetime(int(year), _MONTHS.index(month) + 1, int(day), int(hh), int(mm),
                         int(ss), tzinfo=timezone(offset))
    except ValueError:
        return None
    return url, saved


# SingleFile (its default "group duplicate images") puts each image once in a CSS variable,
# ``:root{--sf-img-1: url("data:…")}``, and gives every <img> showing it a transparent SVG
# placeholder as its src and ``background-image:var(--sf-img-1)`` as its style.
_SF_IMAGE_VAR = re.compile(r"""--sf-img-(\d+)\s*:\s*url\(\s*(?:"([^"]*)"|'([^']*)')\s*\)""")
_SF_IMAGE_USE = re.compile(r"var\(\s*--sf-img-(\d+)\s*\)")


def _ungroup_singlefile_images(doc: etree._Element, body: etree._Element) -> None:
    """Give each <img> of a SingleFile save the image its placeholder stands for."""
    images: dict[str, str] = {}
    for style in doc.iter("style"):
        for match in _SF_IMAGE_VAR.finditer(style.text or ""):
            images.setdefault(match.group(1), match.group(2) or match.group(3) or "")
    if not images:
        return
    for img in body.iter("img"):
        use = _SF_IMAGE_USE.search(img.get("style") or "")
        if use and use.group(1) in images and \
                (img.get("src") or "").startswith("data:image/svg+xml"):
            img.set("src", images[use.group(1)])


# --- the reader -------------------------------------------------------------------------------

# The source of a publish time the page's scripts wrote into it: in the saving browser's time
# zone, which the page does not record (read as Beijing time), or records only as its UTC
# offset when the page was saved (SingleFile): the zone may have had another at publication.
SHOWN_TIME = "#publish_time"

def _url_ids(url: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if not url:
        return out
    url = htmlmod.unescape(url)
    for key, name in (("__biz", "biz"), ("mid", "mid"), ("idx", "idx")):
        match = re.search(r"[?&]" + key + r"=([^&#]+)", url)
        if match:
            out[name] = match.group(1).replace("%3D", "=")
    return out


# A saved page ends with its closing tags (a comment or blank lines may follow); one that
# stops before them was cut short by an interrupted save or copy.
_CLOSED = re.compile(rb"</(?:html|body)\s*>", re.I)
_CLOSING_TAIL = 65536


# Where a cut leaves a page that has no end tags to miss: inside a tag (most of a SingleFile
# page is attributes: its images inlined), or inside a comment, or a style or script element
_RAW_TEXT = ((b"<style", b"</style"), (b"<script", b"</script"), (b"<!--", b"-->"),
             (b"<textarea", b"</textarea"), (b"<title", b"</title"))
_ARTICLE_START = re.compile(rb"""<div\b[^>]*?\bid=["']?js_content\b""")
_RAW_TEXT_REACH = 1 << 20  # how far back from the end an open style element is looked for


def _ends_inside_markup(data: bytes, tail: bytes) -> bool:
    """Whether a SingleFile page (its optional end tags left out) ends where no whole page
    ends: inside a tag, a comment, or a style, script, textarea or title element, or inside
    the article (``#js_content``, whose divs SingleFile closes: their end tags are not
    optional). ``tail``: the page's last bytes. (A cut after the article, between two tags,
    is not seen: the page then ends as a whole one may.)"""
    tail = tail.rstrip().lower()
    closed = tail.rfind(b">")
    if closed == -1 or tail.rfind(b"<") > closed:  # no tag ends in the tail: inside one
        return True  # (an inlined image's base64 runs for megabytes)
    end = max(0, len(data) - _RAW_TEXT_REACH)  # a style element runs for tens of kilobytes
    if any(data.rfind(opener, end) > data.rfind(closer, end) for opener, closer in _RAW_TEXT):
        return True
    article = _ARTICLE_START.search(data)
    if article is None:
        return False
    return data.count(b"<div", article.start()) > data.count(b"</div", article.start())


def read(path: Path, data: bytes | None = None) -> RawPost:
    data = path.read_bytes() if data is None else data
    # (without NUL bytes: a UTF-16 page writes each ASCII letter with one). SingleFile leaves
    # out the end tags HTML makes optional (its default "compress HTML"): its saves are told
    # cut short by where they end.
    tail = data[-_CLOSING_TAIL:].replace(b"\x00", b"")
    if _CLOSED.search(tail) is None:
        if _singlefile_comment(data) is None:
            raise MalformedInput("the page stops before its closing </body> and </html> "
                                 "tags: it was cut short", path=path,
                                 hint="an interrupted save or copy? save the page again")
        if _ends_inside_markup(data, tail):
            raise MalformedInput("the SingleFile page stops inside a tag, a comment, a "
                                 "style element or the article: it was cut short", path=path,
                                 hint="an interrupted save or copy? save the page again")
    return read_page(data, path, digest=True)


def read_page(data: bytes, path: Path, charset: str | Declared | None = None,
              base_dir: Path | None = None, digest: bool = False) -> RawPost:
    """Read a WeChat page from its bytes: a saved file, or a page held by a container (MHTML
    part, WARC record), whose ``charset`` the container may declare. With ``digest`` (the
    bytes are the saved file itself) their sha512 is computed on a second core, while libxml2
    parses them and the page is cleaned; its provenance is the first thing that waits for
    it."""
    encoding, skip = encoding_of(data, path, charset)
    # Decoding is strict either way: bytes that do not decode are malformed (libxml2 reads on
    # past them; the first it logs sends the page to be decoded). huge_tree: without it
    # libxml2 silently drops an attribute over 10 MB (a SingleFile page's inlined image) and
    # the rest of the page after it.
    sha512 = beside(len(data), sha512_hex, data) if digest else None
    # lxml parses UTF-8 bytes, about five times faster than a str. A page in another encoding
    # is decoded first by the browsers' decoder (libxml2's iconv maps some GB18030, Big5 and
    # Shift_JIS bytes otherwise, and differently from one system to another), and its text
    # parsed as UTF-8 bytes (a declaration in it, <meta> or XML, then declares nothing).
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True)
    try:
        if encoding != "utf-8":
            doc = _document(decode_found(data, encoding, skip, path, charset).encode(), parser)
        else:
            try:
                doc = _document(data[skip:], parser)
            except (etree.ParserError, ValueError):
                check_decodes(data, skip, path, charset)  # an undecodable page is told so
                raise
            if not _decoded_by_libxml2(parser):
                check_decodes(data, skip, path, charset)
            else:
                refuse_nul(data, skip, path)
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInput(f"cannot parse HTML: {exc}", path=path) from None
    # e.g. nesting past 2048 elements: libxml2 stops and keeps only a part (a fatal error that
    # libxml2 before 2.14.6 gives no type)
    limits = [e.message.strip() for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"
              or e.level_name == "FATAL" and e.type_name not in _ENCODING_ERRORS]
    if limits:
        raise MalformedInput(f"the HTML is beyond the parser's limits ({limits[0]}): the page "
                             "cannot be read whole", path=path)

    # Page variables live in inline scripts; scanning only those keeps the regexes off the
    # (often megabytes of) article markup, and one pass finds every variable we read.
    scripts = b"\n".join(etree.tostring(el, method="text", encoding="utf-8", with_tail=False)
                         for el in doc.iter("script"))
    page_vars = _scan_vars(scripts)
    fields: dict[str, Sourced] = {}

    def put(name: str, value: str | None | Callable[[], str | None], source: str,
            conv: Callable[[str], object] | None = None) -> None:
        """Record ``name`` unless a more authoritative source gave it already; a ``value``
        given as a function (a search of the page) is only looked for when needed."""
        if name in fields:
            return
        if callable(value):
            value = value()
        if value is None:
            return
        value = value.strip() if isinstance(value, str) else value
        if not value:
            return
        fields[name] = Sourced(conv(value) if conv else value, source)

    body_el = _body_element(doc)
    error = _error_kind(doc) if body_el is None else None  # an article is not an error page
    kind = "article"
    body_html: str | None = None
    body_tree = None
    notes: list[str] = []

    item_show_type = page_vars.get("item_show_type") or _prop(scripts, "item_show_type")
    share_source = _by_id(doc, "js_share_source")
    container = _by_id(doc, "img-content")
    is_share_card = share_source is not None or (
        container is not None and "original_page" in container.get("class", ""))

    if error and body_el is None:
        kind = error[0]
        notes.append(f"error page: {error[1]}")
    elif item_show_type and item_show_type.strip("'\" ") == "8" or (
            body_el is None and b"picture_page_info_list" in scripts):
        kind = "image-share"
        rebuilt = _image_share_body(scripts)
        body_html = rebuilt[0] if rebuilt else None
    elif is_share_card:
        kind = "article-share"
        tpl = _content_tpl(doc)
        if tpl and tpl.strip():
            body_html = tpl
            notes.append("body from <script id=content_tpl> (the share card shows a digest)")
        elif body_el is not None:
            body_tree = body_el
        share = share_source.get("href") if share_source is not None else None
        if share is not None:
            put("original_url", htmlmod.unescape(share), "#js_share_source href")
    elif body_el is not None:
        body_tree = body_el
    elif _by_id(doc, "img_list") is not None or _by_id(doc, "js_base_container") is not None:
        raise MalformedInput(
            "an image-share post saved without the page's scripts: its pictures and text are "
            "not in this save (the scripts that held them were left out)", path=path,
            hint="save the page with its scripts (\"Webpage, HTML only\", or a crawler's "
                 "WARC) and ingest that")
    else:
        raise MalformedInput("HTML page without a WeChat article body (no #js_content)",
                             path=path, hint="is this a saved WeChat article page?")

    # Metadata, most authoritative first: the page's own variables, then meta tags, then the
    # visible elements, then the scraper's header block.
    put("title", page_vars.get("msg_title"), "var msg_title", htmlmod.unescape)
    put("title", lambda: _meta(doc, "property", "og:title"), "meta og:title")
    put("title", lambda: _text_of(_by_id(doc, "activity-name")), "#activity-name")
    put("title", lambda: _first_text(doc, "//h1[contains(@class,'article-title')]"),
        "h1.article-title")
    if kind == "image-share":
        put("title", lambda: _prop(scripts, "title"), "cgiDataNew.title")

    put("account", page_vars.get("nickname"), "var nickname", htmlmod.unescape)
    put("account", lambda: _prop(scripts, "nick_name"), "cgiData nick_name", htmlmod.unescape)
    put("account", lambda: _text_of(_by_id(doc, "js_name")), "#js_name")
    put("account_id", page_vars.get("user_name"), "var user_name")
    put("account_id", lambda: _prop(scripts, "user_name"), "cgiData user_name")

    for name in ("biz", "mid", "idx"):
        put(name, page_vars.get(name), f"var {name}")
    put("biz", lambda: _prop(scripts, "bizuin"), "cgiData bizuin")
    put("mid", lambda: _prop(scripts, "mid", str.isdigit), "cgiData mid")
    put("idx", lambda: _prop(scripts, "idx", str.isdigit), "cgiData idx")

    for var in ("ct", "create_time", "oriCreateTime", "createTimestamp"):
        put("published", page_vars.get(var), f"var {var}", unix_to_iso)
        if "published" in fields and fields["published"].value is None:
            del fields["published"]
    put("published", lambda: _ori_create_time(scripts), "cgiData ori_create_time", unix_to_iso)
    # a page saved without its scripts (Chrome's MHTML, SingleFile) keeps the time they wrote
    # into the page, by the saving browser's clock; relative ones ("昨天", "3天前") are no date
    singlefile = _singlefile_comment(data)
    if singlefile is not None:
        if body_tree is not None:
            _ungroup_singlefile_images(doc, body_tree)
        url, saved = singlefile
        put("page_url", url, "SingleFile's url comment")
        put("fetched", saved.isoformat(), "SingleFile's saved date")
        zone = saved.tzinfo or SHANGHAI
        put("published", lambda: parse_date(_text_of(_by_id(doc, "publish_time")) or "",
                                             zone)[0],
            f"{SHOWN_TIME}, read at the UTC offset the saving browser had when it saved the "
            f"page ({saved.strftime('%z')}, SingleFile's saved date)")
    put("published", lambda: parse_date(_text_of(_by_id(doc, "publish_time")) or "")[0],
        SHOWN_TIME)

    put("url", page_vars.get("msg_link"), "var msg_link", htmlmod.unescape)
    og_url = _meta(doc, "property", "og:url")
    put("url", og_url, "meta og:url")
    # the page's other name: a page of the current layout links itself by its short
    # /s/<token> address there, which is all a save without the scripts keeps
    put("og_url", og_url, "meta og:url")
    if kind == "image-share":
        put("url", lambda: _prop(scripts, "link"), "cgiDataNew.link", htmlmod.unescape)
    put("source_url", page_vars.get("msg_source_url"), "var msg_source_url", htmlmod.unescape)
    put("author", page_vars.get("author"), "var author", htmlmod.unescape)
    put("author", lambda: _meta(doc, "name", "author"), "meta author")
    collections = _collections(scripts)
    if collections:
        put("tags", collections[0], collections[1])
    _original_post(page_vars, doc, put)
    put("summary", page_vars.get("msg_desc"), "var msg_desc", htmlmod.unescape)
    put("summary", lambda: _meta(doc, "property", "og:description"), "meta og:description",
        _meta_text)

    # (a search of every element; a page WeChat served, its variables with it, has no such
    # header: only a scraper's reconstruction of one does)
    if "msg_title" not in page_vars and _may_hold(data, "article-meta", encoding):
        _scraper_header(doc, put)
    if "msg_title" not in page_vars and _may_hold(data, "article-footer", encoding):
        _exporter_footer(doc, put)
    for name, value in _url_ids(fields["url"].value if "url" in fields else None).items():
        put(name, value, "url query")

    if kind in ("deleted", "blocked", "unavailable"):
        # An error page's <title> and meta are WeChat's, not the post's: claim nothing.
        # (and where the save says the error came from: SingleFile's url)
        fields = {k: v for k, v in fields.items()
                  if k in ("url", "biz", "mid", "idx", "page_url", "fetched")}
    return RawPost(path=path, format=FORMAT, kind=kind, data=data, body_html=body_html,
                   fields=fields, base_dir=base_dir or path.parent, notes=tuple(notes),
                   body_tree=body_tree, sha512=sha512)


def _may_hold(data: bytes, text: str, encoding: str) -> bool:
    """Whether the page's bytes may hold ``text`` (ASCII): False only when they cannot."""
    try:
        written = text.encode(encoding)
    except (LookupError, UnicodeError):
        return True
    if written != text.encode("ascii"):  # UTF-16, UTF-32, EBCDIC…: not looked for in bytes
        return True
    return written in data


def _exporter_footer(doc: etree._Element, put: Callable[..., None]) -> None:
    """The fetch time an exporter's page gives in its footer (``本文抓取时间: 2026-03-28
    15:09:48``), as its Markdown export of the same post gives it: the time the page was
    seen, not the post's."""
    for p in doc.xpath("//*[contains(@class,'article-footer')]//p"):
        line = " ".join(" ".join(p.itertext()).split())
        match = re.match(r"^本文抓取时间\s*[:：]\s*(.+)$", line)
        if match:
            put("fetched", match.group(1), ".article-footer 本文抓取时间",
                lambda v: parse_date(v)[0])
            return


def _scraper_header(doc: etree._Element, put: Callable[..., None]) -> None:
    """The header block of scraper-reconstructed pages: 来源 / 发布时间 / 原文链接."""
    for p in doc.xpath("//*[contains(@class,'article-meta')]//p"):
        line = " ".join(" ".join(p.itertext()).split())
        match = re.match(r"^(来源|发布时间|原文链接|作者)\s*[:：]\s*(.+)$", line)
        if not match:
            continue
        label, value = match.groups()
        if label == "来源":
            put("account", value, ".article-meta 来源")
        elif label == "发布时间":
            put("published", value, ".article-meta 发布时间", lambda v: parse_date(v)[0])
        elif label == "原文链接":
            # the link's text when a tool rewrote its target to a local copy (wget -k)
            href = [h for h in p.xpath(".//a/@href") if h.startswith(("http://", "https://"))]
            put("url", href[0] if href else value, ".article-meta 原文链接")
        elif label == "作者":
            put("author", value, ".article-meta 作者")
