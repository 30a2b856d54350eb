"""Reader for Markdown exports of WeChat posts.

Handles YAML front matter (``title``, ``date``, ``author``, ``tags``, ``url`` …; or Hugo's
TOML, between two lines ``+++``), the wrappers that common exporters put around the body,
and raw HTML inside the Markdown (many exporters paste WeChat's ``#js_content`` HTML as is).
The Markdown is rendered to HTML with markdown-it (CommonMark, raw HTML allowed, with
emphasis beside CJK punctuation read as the CJK-friendly amendment proposes: ``**“加粗”**，``
is bold, not two pairs of stars) so that one cleaning pipeline serves every format.

Exporter wrappers recognised and removed from the body (their values become metadata):
- a first heading ``<title> by <account>`` (Hugo exports of mp_duty);
- a trailing ``<hr>`` + ``<a href=…>原文链接</a>``, or ``[原文链接](…)`` (the post's URL);
- a leading ``# title`` and ``> 来源: / > 发布时间: / > 原文链接:`` header lines;
- a trailing ``*本文抓取时间: …*`` footer (the fetch time);
- SimpRead's ``> 本文由 [简悦 SimpRead](…) 转码， 原文地址 [host](url)`` line (the post's URL);
- MarkDownload's ``> ## Excerpt`` quote under the title (the summary) and the rule after it;
- Notion's ``Key: value`` property lines after its ``# title`` (URL, author, tags, dates);
- wechatDownload's line under the title, ``原创 作者:… 公号:… 发布时间:… 发表于…`` (author,
  account, publish time), its ``原文地址：[title](url)`` line (the post's URL), and the
  readers' comments it appends after a rule and ``精选留言`` (none of the post's text);
- Logseq's page properties, ``key:: value`` lines opening the page;
- wechat-article-exporter's cover image above the title, and WeChat's byline under it,
  ``原创 <author> [<account>](javascript:…)`` (author, account).

A front-matter ``date`` is the publication date unless the export marks itself as fetched
(``tags`` containing ``fetched``): then it is the fetch time, recorded as ``fetched``.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from archiver.clean.body import MAX_DEPTH
from archiver.errors import MalformedInput
from archiver.model import RawPost, Sourced
from archiver.readers import _md_links, _stray_stars, _wiki_embeds
from archiver.readers._cjk_emphasis import CjkFriendlyInline, LimitedInline
from archiver.readers._paths import title_from_path
from archiver.readers._text import decode, parse_date, why_not_a_date
from archiver.textfiles import is_utf8
from archiver.urls import split_url

FORMAT = "markdown"

# front matter: from a first line '---' to the next '---', which may end the file (the text has
# Unix line ends by then). YAML's '...' closes none: a body may hold such a line.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:(.*?)\n)?---[ \t]*(?:\n|\Z)", re.S)
# a first line '+++' alone, then a TOML key: "+++ 重要通知 +++" opens a body, not front matter
_TOML_OPENED = re.compile(r"\A\+\+\+[ \t]*\n[ \t]*[A-Za-z0-9_\"'-][^\n=]*=")
# Hugo's JSON front matter: an object opening the file, its first key one exporters write
_JSON_OPENED = re.compile(r'\A\{\s*"(?:title|date|author|tags|url|slug|draft|description)"\s*:')
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(?:(.*?)\n)?\+\+\+[ \t]*(?:\n|\Z)", re.S)
# A first line '---' followed at once by a key exporters write opens front matter; followed by
# anything else ("Note: …", a blank line) it is a thematic break before the body.
_KEYS = ("title", "date", "author", "authors", "tags", "categories", "url", "link",
         "original_url", "source", "description", "summary", "draft", "slug", "account")
_OPENED = re.compile(rf"\A---[ \t]*\n(?:{'|'.join(_KEYS)})[ \t]*:(?:[ \t]|$)", re.M | re.I)
_BY_LINE = re.compile(r"\A\s*(?P<title>[^\n]+?) by (?P<account>[^\n]+?)\s*\n-{3,}[ \t]*\n")
_ORIGINAL_LINK = re.compile(
    r"""(?:<hr\s*/?>\s*)?<a\s+href=["'](?P<url>[^"']+)["'][^>]*>\s*原文链接\s*</a>\s*\Z""", re.S)
# ... or as a Markdown link, [原文链接](url), which other exporters write
_ORIGINAL_MD_LINK = re.compile(
    r"(?:\n[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*\n)?\s*\[\s*原文链接\s*\]"
    r"\(\s*<?(?P<url>https?://[^\s<>()]+)>?\s*\)\s*\Z")
# ... or as a line of text, "原文链接：https://…", as a post copied by hand ends
# (a WeChat address only: a post about a paper ends with 原文链接 to the paper, its DOI, which
# is a citation and stays in the body)
_ORIGINAL_LINE = re.compile(r"(?:\A|\n)[ \t]*原文链接[ \t]*[:：][ \t]*"
                            r"<?(?P<url>https?://mp\.weixin\.qq\.com/[^\s<>]+?)>?[ \t]*\s*\Z")
# ... or, with the user's own lines after it, the footer mp_duty's template writes: the stray
# comma it glues two attributes with is no page's (a 原文链接 in a post's text, to the post it
# reposts, is not the post's address); found once in such an export (tagged "fetched"), it is
# the post's wherever it stands (quoted in a note of one's own, it names another post)
_EXPORTER_FOOTER = re.compile(r"""<hr\s*/?>\s*<a\s+href="(?P<url>https?://[^"\s]+)",target="""
                              r""""_blank"[^>]*>\s*原文链接\s*</a>""")
_EXPORTER_GLUE = '",target="_blank"'
# ... each as the record's provenance names it
_ORIGINAL_LINKS = ((_ORIGINAL_LINK, "'原文链接' anchor"),
                   (_ORIGINAL_MD_LINK, "'[原文链接](…)' link"),
                   (_ORIGINAL_LINE, "'原文链接：' line"))
# wechatDownload's header under its title: "原创 作者:… 公号:… 发布时间:2020-10-02 22:08 发表于福建"
# (two of the three labels at least, nothing else on the line), then "原文地址：[title](url)"
_WD_LABEL = re.compile(r"(作者|公号|发布时间)[ \t]*[:：][ \t]*")
_WD_PLACE = re.compile(r"[ \t]+发表于[^\s，。,]*[ \t]*\Z")
_ORIGINAL_ADDRESS = re.compile(
    r"\A\s*原文地址[ \t]*[:：][ \t]*(?:\[[^\]\n]*\]\([ \t]*<?(?P<url>https?://[^\s<>()]+)>?"
    r"[ \t]*\)|<?(?P<bare>https?://[^\s<>()]+)>?)[ \t]*(?:\n|\Z)")
# the readers' comments an exporter adds after the post (wechatDownload's "精选留言"), after a
# rule: no part of the post's text (the saved file keeps them)
_COMMENTS = re.compile(r"\n[ \t]*---[ \t]*\n\n精选留言[ \t]*\n(?:\n|[ \t]*-[ \t]|[ \t]+\S)[^\0]*\Z")
# wechat-article-exporter's Markdown (turndown of the page's #js_article): the cover image
# above the title, and WeChat's byline line "原创 <author> [<account>](javascript:…)" under it
_COVER = re.compile(r"\A\s*!\[cover\\?_image\]\([^)\n]*\)[ \t]*\n")
_WAE_BYLINE = re.compile(r"\A\s*原创[ \t]+(?:(?P<author>[^\s\[]+)[ \t]+)?"
                         r"\[(?P<account>[^\]\n]+)\]\(javascript:[^\n]*\)[ \t]*(?:\n|\Z)")
_TAG_SEPARATORS = re.compile(r"[,，、]")
_H1 = re.compile(r"\A\s*#\s+(?P<title>[^\n]+)\n")
# ... or underlined (setext), as turndown, which many web clippers use, writes it by default
_SETEXT_H1 = re.compile(r"\A\s*(?P<title>[^\s#>=\-*+|][^\n]*)\n=+[ \t]*(?:\n|\Z)")
_HEADER_LINE = re.compile(
    r"\A\s*>\s*(?P<label>来源|公众号|发布时间|发布日期|原文链接|作者)\s*[:：]\s*(?P<value>[^\n]*)\n")
# SimpRead's (简悦) first line, which names the address it read the page from
_SIMPREAD_LINE = re.compile(
    r"\A\s*>[ \t]*本文由[ \t]*\[简悦[ \t]*SimpRead\]\([^)\n]*\)[ \t]*转码[ \t]*[，,]?[ \t]*"
    r"原文地址[ \t]*(?:\[[^\]\n]*\]\([ \t]*<?(?P<url>https?://[^\s<>()]+)>?[ \t]*\)|"
    r"<?(?P<bare>https?://[^\s<>()]+)>?)[^\n]*(?:\n|\Z)")
# MarkDownload's default template: "> ## Excerpt" and the page's description quoted, then a rule
_EXCERPT = re.compile(r"\A\s*>[ \t]*#{1,6}[ \t]*Excerpt[ \t]*\n(?P<quoted>(?:>[^\n]*\n)*)"
                      r"\s*(?:(?:-{3,}|\*{3,}|_{3,})[ \t]*(?:\n|\Z))?")
# ... and its `created`, the clipping's time: "2024-05-02T10:11:12 (UTC +02:00)"
_MARKDOWNLOAD_TIME = re.compile(
    r"\A(?P<when>\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)[ \t]*"
    r"\(UTC[ \t]*(?P<offset>[+-]\d\d:\d\d)\)\Z")
# A Jekyll post's name, YEAR-MONTH-DAY-title.md: its date is the post's when its front matter
# gives none (as Jekyll reads it)
_JEKYLL_NAME = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})-[^/]+\.(?:md|markdown)\Z", re.I | re.A)
# Notion's export: the page's properties as "Key: value" lines after its "# title"
_PROPERTY_LINE = re.compile(r"\A(?P<key>[^\n:：]{1,20}?)[ \t]*[:：][ \t]+(?P<value>[^\n]+)\n")
_PROPERTIES = {"url": "url", "link": "url", "source": "url", "网址": "url", "链接": "url",
               "author": "author", "作者": "author", "tags": "tags", "标签": "tags",
               "published": "published", "publish date": "published", "date": "published",
               "发布时间": "published", "created": "fetched", "created time": "fetched"}
_FETCH_FOOTER = re.compile(r"(?:\n-{3,}\s*\n)?\s*\*本文抓取时间\s*[:：]\s*(?P<when>[^*\n]+)\*\s*\Z")
# Both end the body, so they are looked for only in its tail: a search for a pattern anchored at
# the end still tries every position before it, 1.5 ms a post between the two. The anchor holds
# a URL (WeChat's run to a few hundred characters); the tail is far longer than any.
_TAIL = 8192


def _first_heading(body: str) -> re.Match[str] | None:
    """The post's title as the body's first line: a ``# heading`` or one underlined ``===``."""
    return _H1.match(body) or _SETEXT_H1.match(body)


def _names_the_post(url: str, known: Sourced | None) -> bool:
    """Whether a trailing 原文链接 link is the post's address: a WeChat one, or the one its
    front matter gives. One to anything else names the paper the post is about."""
    parts = split_url(url)
    host = (parts.hostname or "").lower() if parts is not None else ""
    return host == "weixin.qq.com" or host.endswith(".weixin.qq.com") or (
        known is not None and known.value == url)


# an address written as a link: <url> (markdownlint's fix for a bare URL), [text](url)
_LINKED = re.compile(r"<(?P<angled>https?://[^\s<>]+)>|\[[^\]\n]*\]\(\s*<?"
                     r"(?P<target>https?://[^\s<>()]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")


def _link_target(value: str) -> str:
    """The address a header line gives, written bare or as a Markdown link (an editor that
    lints the export wraps a bare one in ``<…>``: the post then had no address, and was filed
    as another post)."""
    linked = _LINKED.fullmatch(value)
    return (linked.group("angled") or linked.group("target")) if linked else value


def _exporter_footer(text: str) -> re.Match[str] | None:
    """mp_duty's 原文链接 footer anywhere in ``text``, if it is there once (an edit that added
    lines after it left the post's address in it: the post was filed under a new id)."""
    at = text.find(_EXPORTER_GLUE)
    if at < 0 or text.find(_EXPORTER_GLUE, at + 1) >= 0:
        return None
    return _EXPORTER_FOOTER.search(text, max(0, text.rfind("<hr", 0, at)))


def _at_end(pattern: re.Pattern[str], literal: str, text: str) -> re.Match[str] | None:
    """``pattern`` (anchored at the end, holding ``literal``) in the tail of ``text``."""
    if literal not in text[-_TAIL:]:
        return None
    return pattern.search(text, max(0, len(text) - _TAIL))

# libyaml's loader when PyYAML was built with it: the same documents, seven times faster
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# markdown-it stops reading what nests deeper than its maxNesting, and says nothing (the
# commonmark preset's 20 is a list 10 levels deep: all that follows it was lost); above
# twice the depth the body walk reads, what it would cut is refused there as too deep
_MAX_NESTING = 2 * (MAX_DEPTH + 1)


def make_renderer(cjk_friendly: bool = True) -> MarkdownIt:
    """The Markdown parser the reader uses; without ``cjk_friendly``, the same but for the
    emphasis rules of CommonMark's CJK-friendly amendment (what the tests compare it with)."""
    md = _stray_stars.install(_wiki_embeds.install(_md_links.install(
        MarkdownIt("commonmark", {"html": True, "maxNesting": _MAX_NESTING}).enable("table")
        # footnotes, as Pandoc, Typora, Obsidian and Joplin write them: the mark stays where
        # it is ("[1]"), the notes become a numbered list at the end, each a paragraph of its
        # own (not Pandoc's inline notes, ^[…]: "^[a-z]+$" in a post on regular expressions)
        .use(footnote_plugin, inline=False))))
    # a note's "↩︎" back to its mark is a link for a browser, no text of the post
    md.renderer.rules["footnote_anchor"] = lambda *_args, **_kwargs: ""
    # a note referred to twice is [1] both times (the plugin writes the second "[1:1]", an
    # anchor's name, no number a reader would see)
    md.renderer.rules["footnote_caption"] = (
        lambda tokens, idx, *_args: f"[{tokens[idx].meta['id'] + 1}]")
    # emphasis beside Chinese punctuation, which CommonMark leaves as literal stars (see
    # module); inline markup read as deep as CommonMark's preset reads it
    md.inline = (CjkFriendlyInline if cjk_friendly else LimitedInline).replacing(md.inline)
    return md


_RENDERER = make_renderer()


# A URL of WeChat's image host (or its wx_fmt parameter), or a link to a real article, as an
# export writes them. Words such as 公众号, the host's name in prose, and a URL quoted as code
# (`…`) are not markers: notes and READMEs about WeChat posts write them too.
_IMAGE_URL = re.compile(rb"(?<![`\w:])(?:https?:)?//mmbiz\.q(?:pic|logo)\.cn/|[?&]wx_fmt=")
_ARTICLE_LINK = re.compile(rb"(?<![`\w./])(?:https?://)?mp\.weixin\.qq\.com/s"
                           rb"(?:/[A-Za-z0-9_-]{10,}|\?[^\s)\"'`]*__biz=)")


def detect(path: Path, head: bytes) -> bool:
    """A Markdown file that opens with YAML front matter or carries WeChat markers (image
    URLs, the link to its article); other Markdown files (READMEs, notes, a reading list of
    links to several posts) are not posts. The name says nothing: exports of some accounts
    are all called README.md."""
    if path.suffix.lower() not in (".md", ".markdown"):
        return False
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    # each pattern is searched only where its literal part is present: a search tries the
    # look-behind at every position of the head, a third of a millisecond for a short post
    return (text.startswith((b"---", b"+++"))
            or (text.startswith(b"{") and _JSON_OPENED.match(text.decode("utf-8", "replace"))
                is not None)
            or ((b"mmbiz.q" in head or b"wx_fmt=" in head)
                and _IMAGE_URL.search(head) is not None)
            or (b"mp.weixin.qq.com/s" in head and _links_an_article(head)))


# how an export labels the link to its own article
_OWN_LINK = re.compile("(?:原文链接|阅读原文|原文地址|原文|Original(?: article| link)?)\\s*[:：]"
                       .encode(), re.I)


def _links_an_article(head: bytes) -> bool:
    """Whether the file links an article as an export links its own, and is no reading
    list. One article linked is a post's; of several, a post labels its own (原文链接：) or
    links others after its prose (往期推荐), where a reading list links them from its top
    down, a heading and a line at most before the first."""
    links = list(_ARTICLE_LINK.finditer(head))
    if len({link.group(0) for link in links}) < 2:
        return bool(links)
    if _OWN_LINK.search(head):
        return True
    before = [line for line in head[:links[0].start()].splitlines()
              if line.strip() and not line.lstrip().startswith(b"#")]
    return len(before) >= 2


def _toml_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Hugo's TOML front matter, between two lines ``+++``."""
    match = _TOML_FRONT_MATTER.match(text)
    if not match:
        raise MalformedInput("front matter opened by '+++' on line 1 is never closed",
                             path=path, hint="end it with a line '+++' before the body")
    try:
        meta = tomllib.loads(match.group(1) or "")
    except tomllib.TOMLDecodeError as exc:
        # tomllib counts the lines of the front matter: the file's are one more ('+++')
        said = re.sub(r"\(at line (\d+)", lambda m: f"(at line {int(m.group(1)) + 1}",
                      str(exc))
        raise MalformedInput(f"front matter is not valid TOML: {said}", path=path) from None
    except ValueError:
        raise _number_too_long("front matter", path) from None
    return meta, text[match.end():]


def _number_too_long(what: str, path: Path) -> MalformedInput:
    """An integer of thousands of digits, which Python will not read (a ValueError)."""
    return MalformedInput(f"{what} holds a number too long to read (over 4,300 digits)",
                          path=path)


def _json_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Hugo's JSON front matter: a JSON object at the top of the file, the body after it."""
    try:
        meta, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"front matter opened by '{{' on line 1 is not valid JSON: "
                             f"{exc.msg} (line {exc.lineno})", path=path) from None
    except RecursionError:  # arrays nested thousands deep: no front matter's shape
        raise MalformedInput("front matter opened by '{' on line 1 nests too deep to read",
                             path=path) from None
    except ValueError:
        raise _number_too_long("front matter opened by '{' on line 1", path) from None
    if not isinstance(meta, dict):  # the pattern saw an object open; kept for the type
        raise MalformedInput("front matter is not a mapping of keys to values", path=path)
    if _ESCAPED_SURROGATE.search(text, 0, end) and _holds_lone_surrogate(meta):
        raise MalformedInput("front matter opened by '{' on line 1 escapes half of a UTF-16 "
                             "pair standing alone (U+D800 to U+DFFF): no character, and no "
                             "text can hold it", path=path)
    return meta, text[end:].lstrip(" \t").removeprefix("\n")


# JSON writes characters beyond U+FFFF as two escapes, and reads either alone without a word
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _holds_lone_surrogate(meta: dict[str, Any]) -> bool:
    return not is_utf8(json.dumps(meta, ensure_ascii=False))


def _keys_lowered(meta: dict[Any, Any]) -> dict[Any, Any]:
    """The front matter with its keys in lower case, as Hugo reads them (``Title``, ``Date``,
    ``Tags``, ``URL``: some exporters write a database's property names so); a key written in
    lower case wins over the same key written otherwise."""
    if all(not isinstance(key, str) or key == key.lower() for key in meta):
        return meta
    lowered = {key: value for key, value in meta.items()
               if not isinstance(key, str) or key == key.lower()}
    for key, value in meta.items():
        if isinstance(key, str):
            lowered.setdefault(key.lower(), value)
    return lowered


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    if _JSON_OPENED.match(text):
        return _json_front_matter(text, path)
    if _TOML_OPENED.match(text):
        return _toml_front_matter(text, path)
    match = _FRONT_MATTER.match(text)
    if not match:
        if _OPENED.match(text):
            raise MalformedInput("front matter opened by '---' on line 1 is never closed",
                                 path=path, hint="end it with a line '---' before the body")
        return {}, text
    try:
        meta = yaml.load(match.group(1) or "", Loader=_YAML_LOADER)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: where it is
        line = (match.group(1) or "")[:exc.position].count("\n") + 2
        code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1])
        raise MalformedInput(f"front matter is not valid YAML (line {line}): it holds the "
                             f"character U+{code:04X}, which YAML does not allow "
                             f"({exc.reason})", path=path) from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        said = getattr(exc, "problem", None) or " ".join(str(exc).split())  # one line
        # a value holding ": " unquoted (a title "龙与熊之间: 哈萨克斯坦") is YAML's commonest
        # trap, and its message names no cause a writer would see
        hint = ("put the value in quotes: title: \"…: …\" (in YAML, ': ' inside an unquoted "
                "value starts another key)") if said.startswith("mapping values are not allowed") \
            else None
        raise MalformedInput(f"front matter is not valid YAML{line}: {said}",
                             path=path, hint=hint) from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. 2020-13-45 read as a date
        raise MalformedInput(f"front matter {_unconstructed(match.group(1) or '')}is not "
                             f"what it looks like: {exc}", path=path) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise MalformedInput("front matter is not a mapping of keys to values", path=path)
    return meta, text[match.end():]


def _unconstructed(source: str) -> str:
    """``date '2023-13-45' (line 3) `` for the top-level value YAML could not make into
    what it looks like (a timestamp with no such day), or "" when it cannot be told."""
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return ""
    if not isinstance(node, yaml.MappingNode):
        return ""
    loader = yaml.SafeLoader("")
    for key, value in node.value:
        try:
            loader.construct_object(value, deep=True)
        except (ValueError, TypeError, OverflowError):
            text = value.value if isinstance(value, yaml.ScalarNode) else ""
            shown = f" {text[:60]!r}" if text else ""
            return f"{key.value}{shown} (line {value.start_mark.line + 2}) "
        except yaml.YAMLError:
            continue
    return ""


_TYPED = (bool, int, float, datetime.date)  # what YAML 1.1 makes of a plain word it reads


def _as_written(text: str, key: str, value: Any) -> Any:
    """``value`` (the YAML front matter's ``key``, or each of its items) as written where
    YAML typed it: a tag ``1.10`` is not the number 1.1, ``12:30`` not 750 minutes, ``no``
    not False. Read again from the source only then (a rare value)."""
    typed = isinstance(value, _TYPED) or (
        isinstance(value, list) and any(isinstance(item, _TYPED) for item in value))
    match = _FRONT_MATTER.match(text) if typed else None
    if match is None:  # nothing typed, or TOML front matter, which types as written
        return value
    try:
        node = yaml.compose(match.group(1) or "", Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return value
    pairs = [(str(getattr(k, "value", "")), v) for k, v in getattr(node, "value", [])]
    # the key as written in lower case, else in another case (see _keys_lowered)
    written = next((v for k, v in pairs if k == key), None) or next(
        (v for k, v in pairs if k.lower() == key), None)
    if isinstance(written, yaml.ScalarNode) and not isinstance(value, list):
        return written.value
    if isinstance(written, yaml.SequenceNode) and isinstance(value, list) and \
            len(written.value) == len(value):
        return [item.value if isinstance(item, yaml.ScalarNode) and isinstance(was, _TYPED)
                else was for item, was in zip(written.value, value, strict=True)]
    return value


def _scalar(value: Any) -> Any:
    """Hugo exports write some scalars as one-element lists (``draft: ["false"]``)."""
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


_PLAIN = (str, int, float, datetime.date)  # values a field may be written from (bool is int)


def _kind(value: Any) -> str:
    return {list: "a list", dict: "a mapping", bytes: "binary data", set: "a set"}.get(
        type(value), type(value).__name__)


def _text(meta: dict[str, Any], key: str, path: Path) -> str | None:
    """A front-matter value that is one piece of text. Lists, mappings and binary data are
    refused by type, before anything looks inside them (a YAML alias bomb expands only when
    it is turned into text)."""
    value = _scalar(meta.get(key))
    if value is None:
        return None
    if not isinstance(value, _PLAIN):
        raise MalformedInput(f"front matter {key} must be text, not {_kind(value)}", path=path)
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _words(meta: dict[str, Any], key: str, path: Path) -> list[str]:
    """A front-matter value that is a list of words (tags, several authors), or one word."""
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, _PLAIN):
        return [_text(meta, key, path) or ""]
    if not isinstance(value, list):
        raise MalformedInput(f"front matter {key} must be a list of words, not "
                             f"{_kind(value)}", path=path)
    value = [v for v in value if v is not None]  # an empty item ("  -") says nothing
    if not all(isinstance(v, _PLAIN) for v in value):
        raise MalformedInput(f"front matter {key} must be a list of words, not a list holding "
                             "lists or mappings", path=path)
    return [v.isoformat() if isinstance(v, datetime.date) else str(v) for v in value]


_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+\S*\Z", re.I)
# two or more Chinese names in one line, separated as Chinese lists them
_CJK_NAME = r"[\u4e00-\u9fff·]{2,5}"
# (not spaces: "村上 春樹" is one name, "张三 编译" a name and a role)
_NAME_SEPARATOR = re.compile(r"\s*[、，,;；/]\s*")
_CJK_NAMES = re.compile(rf"{_CJK_NAME}(?:{_NAME_SEPARATOR.pattern}{_CJK_NAME})+")

# Obsidian names a person by a link to their note: "[[太阳照常升起]]", "[[note|shown name]]"
_WIKI_LINK = re.compile(r"\A\[\[(?:[^\[\]|]*\|)?(?P<name>[^\[\]|]+)\]\]\Z")


def _unlinked(name: str) -> str:
    """A name as it is shown, not as the link Obsidian's Web Clipper writes it in ``author``
    (``"[[太阳照常升起]]"``): the brackets are link syntax, not part of anyone's name."""
    link = _WIKI_LINK.match(name.strip())
    return link.group("name").strip() if link else name


def _address(meta: dict[str, Any], key: str, path: Path) -> str | None:
    """A front-matter value that names the post's address (``url``, ``link``,
    ``original_url``): a web address, or nothing. Anything else is refused, never passed over:
    the address names the post's object and its exports."""
    value = _text(meta, key, path)
    if value is None or not value.strip():
        return None
    if not _WEB_ADDRESS.match(value.strip()):
        raise MalformedInput(f"front matter {key} {value.strip()[:80]!r} is not a web address",
                             path=path, hint="write the post's address whole, "
                                             "https://mp.weixin.qq.com/s/…")
    return value.strip()


_SITE_ABSOLUTE_IMG = re.compile(r"""(<img\b[^>]*?\bsrc\s*=\s*["']?)/(?![/\\])""", re.I)


def _rendered(body: str, path: Path, root_url: str | None) -> str:
    """``body`` as HTML. With Typora's ``typora-root-url`` (front matter: the folder, relative
    to the file, that its site-absolute image paths ``/images/1.jpg`` start from, as Typora
    shows them), such paths are written from the file's folder, in Markdown images and in
    ``<img>`` tags alike (Typora writes one for a resized image)."""
    env: dict[str, Any] = {"base_dir": path.parent}
    try:
        tokens = _RENDERER.parse(body, env)
    except RecursionError:  # block quotes hundreds deep: markdown-it recurses for each
        raise MalformedInput(f"Markdown nested more than {MAX_DEPTH} levels deep: the body "
                             "cannot be read whole", path=path) from None
    root = root_url.strip().replace("\\", "/").rstrip("/") if root_url else ""
    if root:
        for token in tokens:
            if token.type == "html_block":
                token.content = _SITE_ABSOLUTE_IMG.sub(rf"\g<1>{root}/", token.content)
            for child in token.children or []:
                src = child.attrGet("src") if child.type == "image" else None
                if isinstance(src, str) and src.startswith("/") and not src.startswith("//"):
                    child.attrSet("src", f"{root}{src}")
                elif child.type == "html_inline":
                    child.content = _SITE_ABSOLUTE_IMG.sub(rf"\g<1>{root}/", child.content)
    return str(_RENDERER.renderer.render(tokens, _RENDERER.options, env))


def _wd_parts(line: str) -> dict[str, str] | None:
    """wechatDownload's header line as label → value (``原创 作者:某甲 公号:某号
    发布时间:2020-10-02 22:08 发表于福建``): two of its three labels at least, the line opening
    with ``原创`` or a label, each value what stands up to the next label, the place it was
    published from dropped. None for any other line (an editor's note naming 作者 and 公号 in
    a sentence)."""
    line = line.strip()
    if len(line) > 300:
        return None
    line = re.sub(r"\A(?:非?原创)[ \t]+", "", line)
    pieces = _WD_LABEL.split(_WD_PLACE.sub("", line))
    if pieces[0].strip() or len(pieces) < 5:
        return None
    parts = {}
    for label, value in zip(pieces[1::2], pieces[2::2], strict=True):
        value = value.strip()
        if not value or label in parts or any(c in value for c in "，。；,;"):
            return None
        parts[label] = value
    return parts


def _notion_date(value: str) -> str | None:
    """A date as Notion writes a property (``January 29, 2018 8:30 AM``), or as
    :func:`parse_date` reads it; a time without an offset is Beijing time, as elsewhere."""
    for form in ("%B %d, %Y %I:%M %p", "%B %d, %Y"):
        try:
            when = datetime.datetime.strptime(value, form)
        except ValueError:
            continue
        return parse_date(when if "%I" in form else when.date())[0]
    return parse_date(value)[0]


_LOGSEQ_PROPERTY = re.compile(r"[ \t]*(?P<key>[a-z][a-z-]*)::[ \t]+(?P<value>[^\n]*)(?:\n|\Z)")
_LOGSEQ_KEYS = {"title": "title", "url": "url", "source": "url", "link": "url",
                "author": "author", "published": "published", "date": "published",
                "tags": "tags", "created": "fetched", "created-at": "fetched"}
# a journal page's name as Logseq writes a date by default: "Oct 2nd, 2020"
_LOGSEQ_DAY = re.compile(r"(?P<month>[A-Z][a-z]{2})[a-z]*\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?, "
                         r"(?P<year>\d{4})")


def _logseq_properties(body: str) -> tuple[dict[str, str], str]:
    """Logseq's page properties, ``key:: value`` lines opening the page (its first block):
    the ones a post has (title, url, author, published, tags, created), each value without
    the ``[[…]]`` of a link to a page (a journal's date, a tag's page); the body after them.
    A page opening otherwise has none."""
    properties: dict[str, str] = {}
    at = 0
    while (line := _LOGSEQ_PROPERTY.match(body, at)) is not None:
        name = _LOGSEQ_KEYS.get(line["key"])
        value = re.sub(r"\[\[([^\]\n]*)\]\]", r"\1", line["value"]).strip()
        if name and value:
            properties.setdefault(name, value)
        at = line.end()
    if not properties:  # ("std::vector …", "Note:: …": no page's properties)
        return {}, body
    return properties, body[at:]


def _logseq_date(value: str) -> str | None:
    """A date as Logseq names a journal's page (``Oct 2nd, 2020``), or as :func:`parse_date`
    reads it."""
    day = _LOGSEQ_DAY.fullmatch(value.strip())
    if day is not None:
        try:
            return parse_date(datetime.datetime.strptime(
                f"{day['month']} {day['day']} {day['year']}", "%b %d %Y").date())[0]
        except ValueError:
            return None
    return parse_date(value)[0]


def _notion_properties(body: str) -> tuple[dict[str, str], str]:
    """The properties Notion's Markdown export writes after the page's ``# title``, one
    ``Key: value`` line each (``URL: https://…``, ``Tags: a, b``, ``Created: …``), and the
    body after them. Only a block of such lines whose keys all are properties a clipped post
    has is taken: a body's first line ``注意: …`` is text."""
    found: dict[str, str] = {}
    rest = body.lstrip("\n")
    while (line := _PROPERTY_LINE.match(rest)) and \
            line.group("key").strip().lower() in _PROPERTIES:
        found.setdefault(_PROPERTIES[line.group("key").strip().lower()],
                         line.group("value").strip())
        rest = rest[line.end():]
    if not found or (rest.strip() and not rest.startswith("\n")):  # no block of its own
        return {}, body
    return found, rest


# a Markdown file holding the page's HTML (mp_duty's export, a clipper's raw blocks) that
# stops inside a tag of an HTML element: "…</li><li><section><p" at its very end, or within
# its attributes ("<img src=\"data:image/png;base64,iVBO"), on its last line
_HTML_ELEMENTS = ("a|b|blockquote|br|center|code|div|em|figcaption|figure|font|h[1-6]|hr|i|iframe|"
                  "img|li|mp-[a-z-]+|mpvoice|ol|p|pre|section|span|strong|sub|sup|svg|table|"
                  "tbody|td|th|thead|tr|u|ul|video")
_ENDS_IN_A_TAG = re.compile(  # the element's name, then attributes as a tag writes them, each
    # read once (atomic: a quoted value ends at its quote or the line's end, an unquoted one
    # at a space; read otherwise, "k = v" repeated backtracked exponentially)
    rf"</?(?:{_HTML_ELEMENTS})(?>\s+[A-Za-z_:][A-Za-z0-9_:.-]*(?>\s*=\s*(?:\"[^\"]*(?:\"|\Z)|"
    rf"'[^']*(?:'|\Z)|[^\s\"'<>=]+))?)*\s*\Z", re.IGNORECASE)
_BARE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*\s*")
_BLOCK_END_TAG = re.compile(r"</(?:p|section|div|li|ul|ol|table|tr|td|span|blockquote)\s*>",
                            re.IGNORECASE)
_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")


def _refuse_cut_in_a_tag(text: str, path: Path) -> None:
    """Refuse a file that holds HTML blocks and stops inside an HTML element's tag, where a
    tag's name ends it or its attributes are being written (``<p``, ``<img src="…``): a copy
    cut short (its end, with the post's address in an export's footer, is lost). Code
    blocks are no HTML, and ``a <b 时`` or ``List<String`` at a post's end are words.
    Markdown has no end to find missing otherwise: a copy cut between paragraphs is read,
    and the archive says it when it makes a version much shorter than the one before."""
    hint = "an interrupted save or copy? export or copy the post again"
    if _ENDS_IN_A_TAG.search(_last_line(text)) is not None:
        prose = _outside_fences(text)
        cut = _ENDS_IN_A_TAG.search(_last_line(prose))
        # a tag's name alone at the end, or attributes with a value: "a <b holds" is words
        if cut is not None and ("=" in cut.group(0) or _BARE_TAG.fullmatch(cut.group(0))) \
                and _BLOCK_END_TAG.search(prose):
            raise MalformedInput(f"the Markdown file stops inside an HTML tag "
                                 f"({cut.group(0)[:40]!r} at its end): it was cut short",
                                 path=path, hint=hint)


def _outside_fences(text: str) -> str:
    """``text`` without its fenced code blocks, line by line (a fence closes at a line of
    the same character, as long or longer, and nothing else; one never closed runs to the
    end), in one pass however many fences never close."""
    kept: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        opener = _FENCE.match(line)
        if fence is None:
            if opener is None:
                kept.append(line)
            else:
                fence = opener.group(1)
        elif opener is not None and opener.group(1)[0] == fence[0] and \
                len(opener.group(1)) >= len(fence) and not line[opener.end():].strip():
            fence = None
    return "\n".join(kept)


def _last_line(text: str) -> str:
    """The text's last line that holds more than white space (however long: an inlined
    image's base64 runs for megabytes)."""
    end = text.rstrip()
    return end[end.rfind("\n") + 1:]


def read(path: Path, data: bytes | None = None) -> RawPost:
    data = path.read_bytes() if data is None else data
    # CommonMark's line ends: CRLF (Windows) and a lone CR (classic Mac OS) as LF
    # (UTF-8, or what a byte-order mark says: Markdown has no way to declare an encoding, and
    # a <meta charset> quoted in a post's code is no declaration)
    text = decode(data, path, html=False).replace("\r\n", "\n").replace("\r", "\n")
    _refuse_cut_in_a_tag(text, path)
    meta, body = _front_matter(text, path)
    meta = _keys_lowered(meta)
    fields: dict[str, Sourced] = {}

    def put(name: str, value: Any, source: str) -> None:
        # a value of spaces alone (" ", an ideographic space) says nothing: not a title
        if name not in fields and value not in (None, "", []) and not (
                isinstance(value, str) and not value.strip()):
            fields[name] = Sourced(value, source)

    tags = _as_written(text, "tags", meta.get("tags"))
    if isinstance(tags, str):
        tags = [t.strip() for t in _TAG_SEPARATORS.split(tags) if t.strip()]
    # a tag YAML reads as a number or a date (tags: 2020) is still a word; a mapping or a set
    # is refused like any other value of the wrong shape, never dropped in silence
    tags = _words({"tags": tags}, "tags", path)
    fetched_export = "fetched" in tags

    put("title", _text(meta, "title", path), "front matter title")
    for key in ("account", "公众号"):  # the account, where an export names it apart
        account = _scalar(meta.get(key))  # (a note's own key may hold anything: passed over)
        if isinstance(account, str) and account.strip():
            put("account", _unlinked(account).strip(), f"front matter {key}")
    for key in ("description", "summary"):  # the post's digest, as the page's msg_desc gives it
        # only text: a note's own keys may hold anything (a list of links), and no post is
        # refused for a value it only adds
        if isinstance(meta.get(key), str):
            put("summary", meta[key], f"front matter {key}")
    # Obsidian's Web Clipper writes the publish date as `published` (its `created` is when the
    # page was clipped); other exporters write `date`. Jekyll's `published: false` is a flag
    # (a draft), no date: it says nothing here.
    date_key = "date" if meta.get("date") is not None or isinstance(
        meta.get("published"), bool) else "published"
    date_value = _scalar(meta.get(date_key))
    if date_value is not None:
        if not isinstance(date_value, _PLAIN):
            raise MalformedInput(f"front matter {date_key} must be a date, not "
                                 f"{_kind(date_value)}", path=path)
        iso, _ = parse_date(date_value)
        if iso is None:
            raise MalformedInput(f"front matter {date_key} {str(date_value)[:60]!r} is not a date: "
                                 f"{why_not_a_date(date_value)}",
                                 path=path)
        if fetched_export:
            put("fetched", iso, f"front matter {date_key} (export marked 'fetched': fetch time)")
        else:
            put("published", iso, f"front matter {date_key}")
    created = meta.get("created")  # when the page was clipped, as MarkDownload writes it
    clipped = _MARKDOWNLOAD_TIME.match(created.strip()) if isinstance(created, str) else None
    if clipped:
        put("fetched", parse_date(clipped["when"] + clipped["offset"])[0],
            "front matter created (MarkDownload: when the page was clipped)")
    for key in ("url", "link", "original_url"):
        put("url", _address(meta, key, path), f"front matter {key}")
    source = _scalar(meta.get("source"))  # an address, or (some exporters) the account's name
    if isinstance(source, str) and _WEB_ADDRESS.match(source.strip()):
        put("url", source.strip(), "front matter source")
    # `authors`: Hugo's taxonomy of that name, which many of its themes use in place of `author`
    author_key = "author" if meta.get("author") is not None else "authors"
    authors = [_unlinked(w).strip() for w in _words(meta, author_key, path) if w.strip()]
    if len(authors) == 1 and _CJK_NAMES.fullmatch(authors[0]):
        # "张三, 李四", "张三、李四": Chinese names written in one line are several people (a
        # Latin "Smith, John" is one, and is left whole)
        authors = [name for name in _NAME_SEPARATOR.split(authors[0]) if name]
    author = authors[0] if len(authors) == 1 else ""

    by_line = _BY_LINE.match(body)
    if by_line:
        put("title", by_line.group("title").strip(), "'<title> by <account>' line")
        put("account", by_line.group("account").strip(), "'<title> by <account>' line")
        body = body[by_line.end():]
    if fetched_export:  # ["fetched", account, any tags of the user's own]
        others = [t for t in tags if t != "fetched"]
        named = fields.get("account")
        if named is not None and named.value in others:
            # the account the '<title> by <account>' line names is that tag, wherever the
            # user's own tags put it: the others, before it too, stay tags
            others.remove(named.value)
            tags = others
        else:
            if others:
                put("account", others[0], "front matter tags (after 'fetched')")
            tags = others[1:]

    for pattern, written in _ORIGINAL_LINKS:  # the first of them that ends the body
        link = _at_end(pattern, "原文链接", body.rstrip())
        if link and _names_the_post(link.group("url"), fields.get("url")):
            put("url", link.group("url"), written)
            body = body.rstrip()[: link.start()]
            break
        if link:
            break  # 原文链接 to the paper a post is about (its DOI): the post's text, a citation
    else:  # none ends the body: in mp_duty's export, its footer with lines added after it?
        footer = _exporter_footer(body) if fetched_export else None
        if footer and _names_the_post(footer.group("url"), fields.get("url")) and \
                "url" not in fields:
            put("url", footer.group("url"), "mp_duty '原文链接' footer (lines after it)")
            body = body[: footer.start()] + body[footer.end():]
        elif footer is None and fetched_export and by_line and "url" not in fields and \
                body.lstrip().startswith("<div"):
            # mp_duty's export: the page's HTML in a <div>, then always its 原文链接 footer
            raise MalformedInput("an mp_duty export (the page's HTML under its '<title> by "
                                 "<account>' line) without the 原文链接 footer its template "
                                 "always writes at the end: cut short?", path=path,
                                 hint="an interrupted save or copy? export or copy the post "
                                      "again (a footer taken out on purpose: give the post's "
                                      "address as url: in the front matter)")

    unread_dates: list[str] = []  # a note app's date property read as no date

    def put_properties(properties: dict[str, str], written: str,
                       read_date: Callable[[str], str | None]) -> None:
        """A note app's page properties (field → value as written: Notion's, Logseq's) as
        the post's fields: an address only when it is a web address, tags parted at their
        separators, dates as ``read_date`` reads the app's."""
        for name, value in properties.items():
            if name == "url" and not _WEB_ADDRESS.match(value):
                continue
            if name in ("published", "fetched"):
                when = read_date(value)
                if when is None:  # said, not dropped without a word: the file keeps it
                    why = ("no such day" if _LOGSEQ_DAY.fullmatch(value.strip()) else
                           why_not_a_date(value))  # (Logseq's own form, a day none has)
                    unread_dates.append(f"{written} {name} {value[:60]!r} is no date "
                                        f"({why}): the post is archived without it")
                put(name, when, written)
            elif name == "tags":
                put("tags", [t.strip() for t in _TAG_SEPARATORS.split(value) if t.strip()],
                    written)
            else:
                put(name, value, written)

    def exporters_header(body: str) -> str:
        """The lines wechatDownload and wechat-article-exporter write under the title: the
        author, account, publish time and the post's address; the body without them."""
        nonlocal wechat_download
        rest = body.lstrip("\n")
        line, _, after = rest.partition("\n")
        parts = _wd_parts(line)
        if parts is not None:
            wechat_download = True
            if "作者" in parts:
                put("author", parts["作者"], "wechatDownload '作者:' line")
            if "公号" in parts:
                put("account", parts["公号"], "wechatDownload '公号:' line")
            if "发布时间" in parts:
                put("published", parse_date(parts["发布时间"])[0],
                    "wechatDownload '发布时间:' line")
            body = after.lstrip("\n")
        address = _ORIGINAL_ADDRESS.match(body)
        url = (address["url"] or address["bare"]) if address else None
        if url and _names_the_post(url, fields.get("url")):  # (a translation's source: text)
            wechat_download = True
            put("url", url, "'原文地址：' line")
            body = body[address.end():].lstrip("\n")
        byline = _WAE_BYLINE.match(body)
        if byline:
            if byline["author"]:
                put("author", byline["author"], "'原创 <author> <account>' line")
            put("account", byline["account"].strip(), "'原创 <author> <account>' line")
            body = body[byline.end():].lstrip("\n")
        return body

    wechat_download = False  # its header read: its comments' section is looked for

    def simpread_line() -> None:
        """SimpRead's line above (or below) the title: the post's address, and no body."""
        nonlocal body
        line = _SIMPREAD_LINE.match(body)
        if line:
            put("url", line.group("url") or line.group("bare"), "SimpRead '原文地址' line")
            body = body[line.end():].lstrip("\n")

    if not meta and _LOGSEQ_PROPERTY.match(body):  # a Logseq page: its properties first
        properties, body = _logseq_properties(body)
        put_properties(properties, "Logseq page property", _logseq_date)
    simpread_line()
    cover = _COVER.match(body)
    if cover and _first_heading(body[cover.end():]):  # the cover above the title: no body
        body = body[cover.end():]
    h1 = _first_heading(body)
    if h1 and "title" in fields:
        # an exporter that writes the title in its front matter often writes it again as the
        # body's first heading: the page shows it once, above the body
        if h1.group("title").strip() == str(fields["title"].value).strip():
            body = body[h1.end():]
        h1 = None
    if h1:
        put("title", h1.group("title").strip(),
            "first '# ' heading" if h1.re is _H1 else "first heading, underlined '==='")
        body = body[h1.end():]
        properties, body = _notion_properties(body)
        put_properties(properties, "Notion property line", _notion_date)
        simpread_line()
        body = exporters_header(body)
    excerpt = _EXCERPT.match(body)
    if excerpt and excerpt.group("quoted").strip():
        quoted = [line[1:].strip() for line in excerpt.group("quoted").splitlines()]
        put("summary", " ".join(line for line in quoted if line), "MarkDownload 'Excerpt' quote")
        body = body[excerpt.end():]
    unread: list[str] = []  # header lines whose value is no date: text, kept in the body
    while True:
        header = _HEADER_LINE.match(body)
        if not header:
            break
        label, value = header.group("label"), header.group("value").strip()
        if label in ("来源", "公众号"):
            put("account", value, f"'> {label}:' header")
        elif label in ("发布时间", "发布日期"):
            published = parse_date(value)[0]
            if published is None and value:
                unread.append(header.group(0).strip() + "\n")
            put("published", published, f"'> {label}:' header")
        elif label == "原文链接":
            put("url", _link_target(value), "'> 原文链接:' header")
        elif label == "作者":
            put("author", value, "'> 作者:' header")
        body = body[header.end():].lstrip("\n")
    if body.lstrip().startswith("---") and any(k in fields for k in ("account", "url")):
        body = re.sub(r"\A\s*-{3,}[ \t]*\n", "", body)
    if unread:  # (after the rule that ends the header is taken with it)
        body = "".join(unread) + "\n" + body
    at = body.find("\n---\n\n精选留言\n") if wechat_download else -1
    comments = _COMMENTS.match(body, at) if at >= 0 else None  # (longer than the tail)
    if comments:
        body = body[: comments.start()]
    footer = _at_end(_FETCH_FOOTER, "本文抓取时间", body)
    fetched = parse_date(footer.group("when").strip())[0] if footer else None
    if footer and fetched:  # (one whose time is no date stays in the body, as text)
        put("fetched", fetched, "'本文抓取时间' footer")
        body = body[: footer.start()]

    if author:
        # Exporters often put the account's name in 'author'; the record decides which it is.
        put("author", author, f"front matter {author_key}")
    elif authors:  # a list of several people: the post's authors, never its account
        put("credits", {"作者": list(dict.fromkeys(authors))},
            f"front matter {author_key} (several names: the post's authors)")
    if tags:
        put("tags", tags, "front matter tags")
    for key, value in title_from_path(path).items():
        put(key, value.value, value.source)
    jekyll = _JEKYLL_NAME.match(path.name)
    if jekyll and "published" not in fields:
        put("published", parse_date(jekyll["date"])[0], "file name (Jekyll's YYYY-MM-DD-title)")

    root_url = meta.get("typora-root-url")
    body_html = _rendered(body, path, root_url if isinstance(root_url, str) else None)
    return RawPost(path=path, format=FORMAT, kind="article", data=data,
                   body_html=f"<div>{body_html}</div>", fields=fields, base_dir=path.parent,
                   notes=tuple(unread_dates), warnings=tuple(unread_dates))
