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

import hashlib
import html
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from archiver.citations import notices
from archiver.citations.compare.text import shown
from archiver.export.works import CitationsIn, beijing_date, shown_title, unverified
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
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"generator\" content=\"{SITE_GENERATOR}\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "img-src 'self' data: file:; style-src 'unsafe-inline'\">"
            f"<title>{_e(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n"
            "</body></html>\n")


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


def _body(record: dict[str, Any]) -> str:
    images = record.get("images") or []
    out = []
    rows: list[str] = []  # the table being written's
    blocks = record.get("blocks") or []
    for at, block in enumerate(blocks):
        kind = block.get("type")
        written = len(out)
        if kind == "heading":
            level = min(6, (block.get("level") or 1) + 1)
            out.append(f"<h{level}>{_linked(block.get('text') or '', _links(block))}</h{level}>")
        elif kind == "image":
            index = block.get("image")
            image = images[index] if isinstance(index, int) and index < len(images) else {}
            if image.get("status") == "stored" and image.get("asset"):
                out.append(f'<p><img src="../{_e(image["asset"])}" alt="{_e(block.get("text"))}"'
                           f' width="{_e(image.get("width") or "")}"></p>')
            else:
                out.append(f'<p class="missing">image missing: {_e(image.get("reason"))}</p>')
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
        rows.append(f"<tr><td>{_e(entry.get('text'))}</td><td>{_e(entry.get('status'))}</td>"
                    f"<td>{'<br>'.join(checks)}</td><td>{reason}</td></tr>")
    for text in unchecked:
        rows.append(f"<tr><td>{_e(text)}</td><td>not verified</td><td></td><td>not checked "
                    f"against Crossref as this version of the post cites it: <code>archiver "
                    f"verify {_e(object_id)}</code></td></tr>")
    return ("<table><tr><th>citation</th><th>status</th><th>fields</th><th>reason</th></tr>"
            + "".join(rows) + "</table>")


def build_site(archive: Any, out: Path, citations_in: CitationsIn | None = None,
               on_post: Callable[[str, int], Any] | None = None) -> int:
    """Write the site for every post in ``archive`` into the folder ``out``; returns the number
    of posts. ``citations_in`` finds a record's citations (the citations layer gives it), so
    that the index says how many no verification covers. ``on_post(object_id, total)`` is
    told as each post's page is written, and how many the site will hold (a progress bar's).

    Whole or not at all: the site is written into a new folder beside ``out`` and moved into
    place once complete. On any failure or interrupt that folder is removed and ``out`` is as
    it was (absent, empty, or the earlier site). An earlier site is replaced in one step, with
    the files in it that the export did not write (a ``.git``, a ``CNAME``) carried over. A
    symbolic link stays one: the folder it names is replaced, beside itself."""
    target = out.resolve()
    made = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    staging = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.site")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        if target.is_dir():  # a refreshed site keeps its folder's permissions
            os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
        count = _write_site(archive, staging, citations_in, on_post)
        _put_in_place(staging, target)
    except BaseException:  # an interrupt, a damaged object, a full disk
        with suppress(OSError):  # the error that stopped the writing is the one to tell
            shutil.rmtree(staging)
        for folder in made:  # the folders made to hold it, innermost first
            with suppress(OSError):
                folder.rmdir()
        raise
    return count


def _write_site(archive: Any, out: Path, citations_in: CitationsIn | None,
                on_post: Callable[[str, int], Any] | None = None) -> int:
    """Write the site into the new, empty folder ``out``; returns the number of posts."""
    (out / SITE_MARK).write_text(f"{SITE_GENERATOR}: this folder is a site the command writes\n",
                                 encoding="utf-8")
    (out / "posts").mkdir()
    (out / "assets").mkdir()
    count = 0
    head, _, tail = _document("Archive", "\x00").partition("\x00")
    with (out / "index.html").open("w", encoding="utf-8") as index:
        index.write(head + "<h1>Archive</h1><table><tr><th>title</th><th>account</th>"
                    "<th>date</th><th>versions</th><th>citations</th></tr>\n")
        ids = post_ids(archive.object_ids())  # (another tool's objects: no posts)
        for object_id in ids:
            index.write(_post_page(archive, out, object_id, citations_in))
            count += 1
            if on_post is not None:
                on_post(object_id, len(ids))
        index.write("</table>" + tail)
    return count


def _put_in_place(staging: Path, target: Path) -> None:
    """Move the complete site ``staging`` to ``target``: a rename when nothing (or an empty
    folder) is there; else the earlier site is renamed aside, the files in it the export did
    not write are moved into the new one, the new one renamed into place and the earlier one
    removed. A failure on the way puts everything back."""
    if not target.exists() or (target.is_dir() and not any(target.iterdir())):
        os.rename(staging, target)  # over an empty folder too (POSIX)
        return
    earlier = staging.with_suffix(".old")
    os.rename(target, earlier)
    moved: list[str] = []
    try:
        for entry in sorted(earlier.iterdir()):
            if entry.name not in _OWN:
                os.rename(entry, staging / entry.name)
                moved.append(entry.name)
        os.rename(staging, target)
    except BaseException:
        for name in moved:
            with suppress(OSError):
                os.rename(staging / name, earlier / name)
        with suppress(OSError):
            os.rename(earlier, target)
        raise
    shutil.rmtree(earlier, ignore_errors=True)


def _post_page(archive: Any, out: Path, object_id: str, citations_in: CitationsIn | None
               ) -> str:
    """Write one post's page (and its images) into ``out``; its row of the index."""
    versions = archive.versions(object_id)
    state = versions[-1].state
    record = archive.read_json(object_id, "record.json")
    citations = (archive.read_json(object_id, "citations.json")
                 if "citations.json" in state else None)
    unchecked = [text for text, _ in unverified(record, (citations or {}).get("citations")
                                                or [], citations_in)] if citations_in else []
    for logical in state:
        if logical.startswith("assets/"):
            target = out / logical
            if not target.exists():  # read back checked against its digest
                target.write_bytes(archive.read_bytes(object_id, logical))
    account = (record.get("account") or {}).get("name")
    title = shown_title(record)
    day = beijing_date(record.get("published")) or ""
    meta = " · ".join(_e(x) for x in (account, day,
                                      f"{len(versions)} version(s)", object_id) if x)
    link = (f'<p class="meta">original: <a href="{_e(record["url"])}" rel="noreferrer">'
            f'{_e(record["url"])}</a></p>' if record.get("url") else "")
    body = (f'<p><a href="../index.html">← all posts</a></p><h1>{_e(title)}</h1>'
            f'<p class="meta">{meta}</p>{link}{_body(record)}<h2>Citations</h2>'
            f"{_citations_table(citations, unchecked, object_id)}")
    name = page_name(object_id)
    (out / "posts" / name).write_text(_document(title, body), encoding="utf-8")
    return (f'<tr><td><a href="posts/{name}">{_e(title)}</a></td>'
            f"<td>{_e(account)}</td><td>{_e(day)}</td>"
            f"<td>{len(versions)}</td><td>{_status_summary(citations, len(unchecked))}"
            f"</td></tr>\n")
