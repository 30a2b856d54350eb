"""A static, offline view of the archive: open ``index.html`` from disk, no server, no network.

``index.html`` lists every post (title, account, date, versions, citation status); each post has
a page under ``posts/`` with its clean body, its images (copied from the archive into
``assets/``, content-addressed like in the archive) and a table of each citation's field checks.
Pages carry their CSS inline and load nothing from anywhere else: links to the original post or
to a DOI are plain links, followed only if the reader clicks them. Pages are written one post at
a time.

The site is written whole or not at all, as the file exports are: into a new folder beside the
one named, moved into its place only once complete. An export that fails (a damaged object, a
full disk) or is interrupted leaves no folder, or the earlier site as it was; a refreshed site
is replaced in one step, never left half old and half new.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from archiver.citations import notices
from archiver.citations.compare.text import shown
from archiver.citations.parse import KANA
from archiver.export.fields import record_fields, seen_lines
from archiver.export.works import (
    BEIJING,
    HAN,
    HANGUL,
    CitationsIn,
    beijing_date,
    first_words,
    shown_title,
    unverified,
)
from archiver.model import (
    SITE_GENERATOR,
    block_depth,
    linked_pieces,
    links_by_item,
    post_ids,
    split_pieces,
    table_ends,
)

STYLE = """
body{font:16px/1.6 -apple-system,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
max-width:46em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:1px solid #ccc;
padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}
.ok{color:#137333}.bad{color:#b3261e;font-weight:bold}.none{color:#777}
img{max-width:100%}.missing{border:1px dashed #b3261e;padding:.5em;color:#b3261e}
blockquote{border-left:3px solid #ccc;margin:0;padding-left:1em;color:#555}
.meta{color:#555}pre{background:#f6f6f6;padding:.5em;overflow:auto}
dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;color:#555}dd{margin:0}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def page_name(object_id: str) -> str:
    """A file name for a post page: the id with everything but [A-Za-z0-9_-] as _ (plus a
    short digest of the id, so two ids can never share a page)."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", object_id)[:60]
    return f"{safe}-{hashlib.sha256(object_id.encode()).hexdigest()[:8]}.html"


# A file the export writes into its folder: the folder is known for its site on the next run
SITE_MARK = ".archiver-site"
# What the export writes into its folder (index.html.tmp: left by earlier versions, which wrote
# the index beside itself); anything else there is someone's own, and kept on a refresh
_OWN = frozenset({"index.html", "index.html.tmp", "posts", "assets", SITE_MARK})


def _document(title: str, body: str) -> str:
    """A page: its words of the site's own in English (``lang="en"``), a post's title and
    body marked with their language where :func:`_language` tells it."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"generator\" content=\"{SITE_GENERATOR}\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "img-src 'self' data: file:; style-src 'unsafe-inline'\">"
            f"<title>{_e(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n"
            "</body></html>\n")


_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def _language(record: dict[str, Any]) -> str:
    """The language a post is written in, as its script shows it (its title and first 2,000
    characters), where East Asian letters are at least a third of its letters: ``ko`` where
    hangul outnumbers the ideographs and kana, ``ja`` where kana are a fifth of the
    ideographs and kana or more (Japanese writes its endings and particles in kana; a
    Chinese post quoting a Japanese title has a few), else ``zh``; otherwise ``""``, the
    language unknown (a Latin script names no one language), so that a screen reader does
    not read a post with the site's English voice by mistake."""
    sample = f"{record.get('title') or ''} {(record.get('text') or '')[:2000]}"
    han, kana = len(HAN.findall(sample)), len(KANA.findall(sample))
    hangul, latin = len(HANGUL.findall(sample)), len(_LATIN.findall(sample))
    east = han + kana + hangul
    if not east or east * 2 < latin:
        return ""
    if hangul >= han + kana:
        return "ko"
    return "ja" if kana * 5 >= han + kana else "zh"


def _lang(record: dict[str, Any]) -> str:
    return f' lang="{_language(record)}"'


def _status_summary(citations: dict[str, Any] | None, unchecked: int = 0) -> str:
    """The verdicts, and how many of the post's citations no verification covers (the post
    was edited since, or never verified)."""
    if not citations:  # never verified: what it cites, if anything, is unchecked
        return (f'<span class="none">{unchecked} not verified</span>' if unchecked
                else '<span class="none">no citations</span>')
    summary = citations.get("summary") or {}
    parts = [f"{summary[s]} {s}" for s in ("verified", "mismatch", "not_found", "unresolved",
                                            "ambiguous") if summary.get(s)]
    if unchecked:
        parts.append(f"{unchecked} not verified")
    css = "bad" if summary.get("mismatch") or summary.get("not_found") else "ok"
    return f'<span class="{css}">{_e(", ".join(parts) or "no citations")}</span>'


def _body(record: dict[str, Any], sources: dict[str, str] | None = None) -> str:
    """The post's blocks as HTML. ``sources``: a stored image's ``assets/…`` name → where the
    page finds it. Headings keep their order, numbered from h2 under the page's title
    without a gap (a post whose headings are h2 and h3 has them as h2 and h3; a post's
    first h3 after the title's h1 would skip a level a screen reader lists)."""
    images = record.get("images") or []
    sources = sources or {}
    out = []
    rows: list[str] = []  # the table being written's
    blocks = record.get("blocks") or []
    levels = sorted({int(b.get("level") or 1) for b in blocks if b.get("type") == "heading"
                     and isinstance(b.get("level") or 1, int)})
    level_of = {level: min(6, 2 + rank) for rank, level in enumerate(levels)}
    for at, block in enumerate(blocks):
        kind = block.get("type")
        written = len(out)
        if kind == "heading":
            level = level_of.get(block.get("level") or 1, 6)
            out.append(f"<h{level}>{_linked(block.get('text') or '', _links(block))}</h{level}>")
        elif kind == "image":
            index = block.get("image")
            image = images[index] if isinstance(index, int) and index < len(images) else {}
            out.append(_image(image, index, block.get("text"), sources))
        elif kind == "list":
            by_item = links_by_item(block)
            items = "".join("<li>" + _linked(item, _followable(by_item.get(n, []))) + "</li>"
                            for n, item in enumerate(block.get("items") or []))
            if block.get("ordered"):  # numbered from where the post's list numbers them
                out.append(f'<ol start="{int(block.get("start", 1))}">{items}</ol>')
            else:
                out.append(f"<ul>{items}</ul>")
        elif kind == "quote":
            out.append(f"<blockquote>{_linked(block.get('text') or '', _links(block))}"
                       "</blockquote>")
        elif kind == "code":
            language = block.get("language")
            named = (f' class="language-{_e(language)}"'  # (a class is a word)
                     if isinstance(language, str) and language.split() == [language] else "")
            out.append(f"<pre><code{named}>{_e(block.get('text'))}</code></pre>")
        elif kind == "table":  # its rows' blocks, one table (a header row's cells <th>)
            cell = "th" if block.get("header") is True else "td"
            rows += ["<tr>" + "".join(f"<{cell}>{_html(piece)}</{cell}>"
                                      for piece in split_pieces(row, "\t")) + "</tr>"
                     for row in split_pieces(linked_pieces(block.get("text") or "",
                                                           _links(block)), "\n")]
            if table_ends(blocks, at):
                out.append(f"<table>{''.join(rows)}</table>")
                rows = []
        else:
            out.append("<p>" + _linked(block.get("text") or "", _links(block)) + "</p>")
        # a nested list, or what its item holds after it: under the item
        if (depth := block_depth(block)) and len(out) > written:
            out[written:] = [f'<div style="margin-left:{2 * depth}em">{"".join(out[written:])}'
                             "</div>"]
    return "\n".join(out)


def _image(image: dict[str, Any], index: Any, alt: str | None, sources: dict[str, str]) -> str:
    """One image of the body: stored, with its description, or a line for each one missing
    (the post gives none: said so, that a screen reader does not pass it over as an
    ornament); missing, with the reason and the reference the post made to it, so that a
    reader can look for it elsewhere."""
    number = index + 1 if isinstance(index, int) else "?"
    source = sources.get(image.get("asset") or "")
    if image.get("status") == "stored" and source:
        width = image.get("width")
        sized = f' width="{width}"' if isinstance(width, int) and width > 0 else ""
        described = alt or f"image {number} of the post (the post does not describe it)"
        return f'<p><img src="{_e(source)}" alt="{_e(described)}"{sized}></p>'
    original, address = image.get("original"), image.get("address")
    return (f'<p class="missing">image {number} missing: {_e(image.get("reason"))}'
            + (f"<br>the post's reference to it: <code>{_e(original)}</code>"
               if original else "")
            + (f"<br>its web address, given beside that copy: <code>{_e(address)}</code>"
               if address else "") + "</p>")


def _links(block: dict[str, Any]) -> list[Any]:
    """The links of the block's text a page may lead to (a list's are in its items)."""
    return _followable(links_by_item(block).get(None, []))


def _followable(links: list[Any]) -> list[Any]:
    """The links a page may lead to: the web's and mail's; any other scheme a record could
    hold (one altered by hand) is shown as its text alone."""
    return [link for link in links if isinstance(link.get("url"), str)
            and link["url"].strip().lower().startswith(("http://", "https://", "mailto:"))]


def _linked(text: str, links: list[Any]) -> str:
    """``text`` as HTML, its line breaks ``<br>``, each of ``links`` an ``<a>`` at its place
    (as ``show --format markdown`` places them)."""
    return _html(linked_pieces(text, links))


def _html(pieces: list[tuple[str, str | None]]) -> str:
    return "".join(_lines(piece) if url is None else
                   f'<a href="{_e(url.strip())}" rel="noopener noreferrer">{_lines(piece)}</a>'
                   for piece, url in pieces)


def _lines(text: str) -> str:
    return "<br>".join(_e(line) for line in text.split("\n"))


def _notice(notice: dict[str, Any]) -> str:
    """A notice Crossref lists for a cited work (verify's ``evidence.notices``), as a line
    of the table: ``notice: Retraction 10.… (2021-03-04, publisher)``, marked as a failed
    check is when it retracts, withdraws or removes the work."""
    about = " of" if notice.get("relation") in ("update-to", "is-preprint-of",
                                                "is-review-of") else ""
    dated = notices.when(notice)
    text = (f"notice: {notices.name(notice)}{about} {notice.get('doi') or ''}".rstrip()
            + (f" ({dated})" if dated else ""))
    return f'<span class="bad">{_e(text)}</span>' if notices.withdrawn([notice]) else _e(text)


def _citations_table(citations: dict[str, Any] | None, unchecked: list[str],
                     object_id: str) -> str:
    """The stored verdicts, then a row for each citation the post makes that none covers (the
    post was edited since, or never verified): the index counts them, the page shows them."""
    entries = (citations or {}).get("citations") or []
    if not entries and not unchecked:
        return "<p class=\"none\">No verified citations stored for this post.</p>"
    rows = []
    for entry in entries:
        checks = []
        for name, check in (entry.get("fields") or {}).items():
            mark = {True: ("ok", "✓"), False: ("bad", "✗"), None: ("none", "–")}[
                check.get("match")]
            checks.append(f'<span class="{mark[0]}">{mark[1]} {_e(name)}</span>'
                          + ("" if check.get("match") is not False else
                             f" (cited {_e(shown(check.get('cited')))}; Crossref "
                             + (f"{_e(shown(check.get('crossref')))})"
                                if check.get("crossref") not in (None, "", [])
                                else "has no record)")))
        notices = [_notice(n) for n in (entry.get("evidence") or {}).get("notices") or []]
        reason = "<br>".join([_e(entry.get("reason")), *notices])
        rows.append(f"<tr><td>{_e(entry.get('text'))}{_doi_link(entry.get('doi'))}</td>"
                    f"<td>{_e(entry.get('status'))}</td>"
                    f"<td>{'<br>'.join(checks)}</td><td>{reason}</td></tr>")
    for text in unchecked:
        rows.append(f"<tr><td>{_e(text)}</td><td>not verified</td><td></td><td>not checked "
                    f"against Crossref as this version of the post cites it: <code>archiver "
                    f"verify {_e(object_id)}</code></td></tr>")
    return ("<table><tr><th>citation</th><th>status</th><th>fields</th><th>reason</th></tr>"
            + "".join(rows) + "</table>")


def _doi_link(doi: Any) -> str:
    """A link to a cited DOI's resolver (followed only if the reader clicks it), after the
    citation's text: the DOI as verify read it, not as the post may have misprinted it."""
    if not isinstance(doi, str) or not doi.startswith("10."):
        return ""
    href = "https://doi.org/" + quote(doi, safe="/:;()._-")
    return f'<br><a href="{_e(href)}" rel="noreferrer">doi:{_e(doi)}</a>'


def build_site(archive: Any, out: Path, citations_in: CitationsIn | None = None,
               on_post: Callable[[str, int], Any] | None = None,
               on_kept: Callable[[str], Any] | None = None) -> int:
    """Write the site for every post in ``archive`` into the folder ``out``; returns the number
    of posts. ``citations_in`` finds a record's citations (the citations layer gives it), so
    that the index says how many no verification covers. ``on_post(object_id, total)`` is
    told as each post's page is written, and how many the site will hold (a progress bar's).

    Whole or not at all: the site is written into a new folder beside ``out`` and moved into
    place once complete. On any failure or interrupt that folder is removed and ``out`` is as
    it was (absent, empty, or the earlier site). An earlier site is replaced in one step, with
    the files in it that the export did not write carried over: beside its pages (a ``.git``,
    a ``CNAME``), and inside its ``posts/`` and ``assets/`` folders (any name other than a
    page's or an image's the export gives), each told to ``on_kept`` by its path in the site.
    A symbolic link stays one: the folder it names is replaced, beside itself."""
    target = out.resolve()
    made = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    staging = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.site")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        if target.is_dir():  # a refreshed site keeps its folder's permissions
            os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
        count = _write_site(archive, staging, citations_in, on_post)
        kept = _put_in_place(staging, target)
    except BaseException:  # an interrupt, a damaged object, a full disk
        with suppress(OSError):  # the error that stopped the writing is the one to tell
            shutil.rmtree(staging)
        for folder in made:  # the folders made to hold it, innermost first
            with suppress(OSError):
                folder.rmdir()
        raise
    for name in kept:
        if on_kept is not None:
            on_kept(name)
    return count


def _write_site(archive: Any, out: Path, citations_in: CitationsIn | None,
                on_post: Callable[[str, int], Any] | None = None) -> int:
    """Write the site into the new, empty folder ``out``; returns the number of posts. The
    index lists the posts newest first (by their Beijing date; undated ones last, by id)."""
    (out / SITE_MARK).write_text(f"{SITE_GENERATOR}: this folder is a site the command writes\n",
                                 encoding="utf-8")
    (out / "posts").mkdir()
    (out / "assets").mkdir()
    ids = post_ids(archive.object_ids())  # (another tool's objects: no posts)
    rows: list[tuple[str, str, str]] = []  # (date, id, row)
    for object_id in ids:
        rows.append(_post_page(archive, out, object_id, citations_in))
        if on_post is not None:
            on_post(object_id, len(ids))
    rows.sort(key=lambda row: row[1])
    # newest first, ids in order within a day; a date that is none ("unknown") as undated
    rows.sort(key=lambda row: row[0] if _A_DAY.fullmatch(row[0]) else "", reverse=True)
    title = f"Archive: {len(rows)} post(s)"
    with (out / "index.html").open("w", encoding="utf-8") as index:
        index.write(_document(title, (
            f"<main><h1>{_e(title)}</h1><table><caption>The posts, newest first: each title "
            "leads to the post's page</caption><tr><th scope=\"col\">title</th>"
            "<th scope=\"col\">account</th><th scope=\"col\">date (Beijing)</th>"
            "<th scope=\"col\">versions</th><th scope=\"col\">citations</th></tr>\n"
            + "".join(row for _, _, row in rows) + "</table></main>")))
    return len(rows)


_A_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# The names the export gives the files in its posts/ and assets/ folders (page_name; an
# image's digest and suffix): anything else there is someone's own, and kept on a refresh
_PAGE = re.compile(r"[A-Za-z0-9_-]{0,60}-[0-9a-f]{8}\.html")
_ASSET = re.compile(r"[0-9a-f]{64}(\.[A-Za-z0-9]+)?")
_OWN_NAMES = {"posts": _PAGE, "assets": _ASSET}


def _put_in_place(staging: Path, target: Path) -> list[str]:
    """Move the complete site ``staging`` to ``target``: a rename when nothing (or an empty
    folder) is there; else the earlier site is renamed aside, the files in it the export did
    not write (beside its pages, or in its posts/ and assets/) are moved into the new one,
    the new one renamed into place and the earlier one removed. A failure on the way puts
    everything back. Returns the paths, in the site, of the files so kept."""
    if not target.exists() or (target.is_dir() and not any(target.iterdir())):
        os.rename(staging, target)  # over an empty folder too (POSIX)
        return []
    earlier = staging.with_suffix(".old")
    os.rename(target, earlier)
    moved: list[str] = []
    try:
        for entry in sorted(earlier.iterdir()):
            if entry.name not in _OWN:
                os.rename(entry, staging / entry.name)
                moved.append(entry.name)
            elif entry.name in _OWN_NAMES and entry.is_dir() and not entry.is_symlink():
                for inner in sorted(entry.iterdir()):
                    kept = f"{entry.name}/{inner.name}"
                    if not _OWN_NAMES[entry.name].fullmatch(inner.name) and \
                            not (staging / kept).exists():
                        os.rename(inner, staging / kept)
                        moved.append(kept)
        os.rename(staging, target)
    except BaseException:
        for name in reversed(moved):
            with suppress(OSError):
                os.rename(staging / name, earlier / name)
        with suppress(OSError):
            os.rename(earlier, target)
        raise
    shutil.rmtree(earlier, ignore_errors=True)
    return [name for name in moved if "/" in name]


def _sources(archive: Any, out: Path, object_id: str, state: dict[str, str]) -> dict[str, str]:
    """Copy the post's images into the site's ``assets/`` (each read back checked against its
    digest) and say where its pages find each: ``../assets/…``; an SVG, which can hold
    scripts, is put in the page as a ``data:`` address instead of a file of the site, so
    that no script of it runs as the site's own (opened by itself, a file of the site would
    run it with the site's origin; in an ``<img>``, or as a ``data:`` document of no
    origin, it runs nowhere)."""
    sources = {}
    for logical in state:
        if not logical.startswith("assets/"):
            continue
        if logical.lower().endswith((".svg", ".svgz")):
            data = archive.read_bytes(object_id, logical)
            sources[logical] = ("data:image/svg+xml;base64,"
                                + base64.b64encode(data).decode("ascii"))
            continue
        target = out / logical
        if not target.exists():
            target.write_bytes(archive.read_bytes(object_id, logical))
        sources[logical] = f"../{logical}"
    return sources


def _published(value: str) -> str:
    """A publish time as the record holds it, and, given in another offset than Beijing's
    (front matter in UTC), the Beijing time too: WeChat dates its posts there, and the index
    lists them by that date."""
    try:
        moment = datetime.fromisoformat(value)
        here = moment.astimezone(BEIJING) if moment.tzinfo is not None else None
    except (ValueError, OverflowError):
        return value
    if here is None or moment.utcoffset() == here.utcoffset():
        return value
    return f"{value} ({here:%Y-%m-%d %H:%M} in Beijing)"


def _fields(record: dict[str, Any], version: str, seen: list[tuple[str, str]]) -> str:
    """The record's labelled fields (as ``archiver show`` lists them) as a description list:
    web addresses as links, a value's line breaks kept."""
    rows = []
    for label, value in record_fields(record, version, seen):
        if label == "title":
            continue  # the page's heading
        if label in ("url", "source_url", "original_url") and \
                value.strip().lower().startswith(("http://", "https://")):
            shown = f'<a href="{_e(value.strip())}" rel="noreferrer">{_e(value)}</a>'
        elif label == "published":
            shown = _e(_published(value))
        else:
            shown = _lines(value)
        rows.append(f"<dt>{_e(label)}</dt><dd>{shown}</dd>")
    return f"<dl>{''.join(rows)}</dl>"


def _versions(object_id: str, versions: list[Any]) -> str:
    """The post's versions, when and from what each was made: the page shows the last; the
    commands that show an earlier one, and what changed, are said."""
    items = "".join(f"<li>{_e(v.number)}: {_e(v.created)}"
                    + (f" — {_e(v.message)}" if v.message else "") + "</li>" for v in versions)
    said = (f"<p class=\"meta\">This page shows {_e(versions[-1].number)}. "
            f"<code>archiver show {_e(object_id)} --version vN</code> shows an earlier one, "
            f"<code>archiver diff {_e(object_id)} vA vB</code> what changed.</p>"
            if len(versions) > 1 else "")
    return f"<h2>Versions</h2><ul>{items}</ul>{said}"


def _post_title(record: dict[str, Any]) -> str:
    """What the site titles a post by: its title; an untitled post's first words after
    ``(untitled)``, so that two untitled posts in the index are told apart."""
    title = shown_title(record)
    if record.get("title") or (record.get("kind") or "article") != "article":
        return title
    words = first_words(record.get("text"))
    return f"{title} {words}" if words else title


def _post_page(archive: Any, out: Path, object_id: str, citations_in: CitationsIn | None
               ) -> tuple[str, str, str]:
    """Write one post's page (and its images) into ``out``; its row of the index, after
    the date and the id it is listed by."""
    versions = archive.versions(object_id)
    state = versions[-1].state
    record = archive.read_json(object_id, "record.json")
    provenance = (archive.read_json(object_id, "provenance.json")
                  if "provenance.json" in state else None)
    citations = (archive.read_json(object_id, "citations.json")
                 if "citations.json" in state else None)
    unchecked = [text for text, _ in unverified(record, (citations or {}).get("citations")
                                                or [], citations_in)] if citations_in else []
    sources = _sources(archive, out, object_id, state)
    account = (record.get("account") or {}).get("name")
    title = _post_title(record)
    day = beijing_date(record.get("published")) or ""
    lang = _lang(record)
    version = f"{versions[-1].number} of {len(versions)}"
    body = (f'<nav><a href="../index.html">← all posts</a></nav><main>'
            f"<h1{lang}>{_e(title)}</h1>"
            f"{_fields(record, version, seen_lines(provenance))}"
            f"<div{lang}>{_body(record, sources)}</div><h2>Citations</h2>"
            f"{_citations_table(citations, unchecked, object_id)}"
            f"{_versions(object_id, versions)}</main>")
    name = page_name(object_id)
    (out / "posts" / name).write_text(_document(title, body), encoding="utf-8")
    return (day, object_id,
            f'<tr><td{lang}><a href="posts/{name}">{_e(title)}</a></td>'
            f"<td>{_e(account)}</td><td>{_e(day)}</td>"
            f"<td>{len(versions)}</td><td>{_status_summary(citations, len(unchecked))}"
            f"</td></tr>\n")
