"""Render records and reports for people (text, Markdown) and for CI (JUnit XML); JSON output
needs no renderer."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import Any

from rich.cells import cell_len

from archiver.citations.compare.text import shown
from archiver.citations.notices import RETRACTED, describe, withdrawn
from archiver.clean.metadata import one_line
from archiver.export.fields import record_fields
from archiver.export.works import shown_title
from archiver.model import (
    block_depth,
    linked_pieces,
    links_by_item,
    split_pieces,
    table_ends,
)
from archiver.textfiles import escaped, on_screen, on_terminal, printable


def _meta_lines(record: dict[str, Any], version: str | None = None,
                seen: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The labelled fields (:func:`~archiver.export.fields.record_fields`), each value on one
    line, each character that would reorder the screen shown as its escape."""
    return [(k, on_screen(one_line(v))) for k, v in record_fields(record, version, seen)]


def _summary_lines(record: dict[str, Any]) -> list[tuple[str, str]]:
    """The images' count and the DOIs: the same in every view."""
    images = record.get("images") or []
    stored = sum(1 for i in images if i["status"] == "stored")
    rows = [("images", f"{len(images)} ({stored} stored, {len(images) - stored} missing)")]
    if record.get("citations"):
        rows.append(("dois", ", ".join(c["doi"] for c in record["citations"])))
    return rows


def block_text(block: dict[str, Any]) -> str:
    """A block's text as a reader sees it: a numbered list's items with their numbers, which
    the browser draws and no item's text holds (a post may say "see step 3"); a nested list,
    and what its item holds after it, indented two spaces a level."""
    text = block.get("text") or ""
    if block.get("type") == "list" and block.get("ordered"):
        first = block.get("start", 1)
        text = "\n".join(f"{n}. {item}" for n, item in enumerate(block.get("items") or [], first))
    if depth := block_depth(block):
        text = "\n".join("  " * depth + line for line in text.split("\n"))
    return text


def record_text(record: dict[str, Any], version: str | None = None,
                seen: list[tuple[str, str]] | None = None) -> str:
    """The record for a terminal: its fields, then the body's text as the record's ``text``
    has it, but for the numbers of numbered lists (:func:`block_text`), and for the
    characters a terminal would obey or that reorder the screen (ESC, U+202E), each written
    as its escape (:func:`on_terminal`): the record keeps them. ``seen``: as for
    :func:`_meta_lines`."""
    lines = [f"{k}: {v}" for k, v in _meta_lines(record, version, seen)
             + _summary_lines(record)]
    lines.append("")
    blocks = record.get("blocks") or []
    body = "\n\n".join(text for b in blocks if b.get("type") != "image"
                        and (text := block_text(b))) if blocks else record.get("text")
    lines.append("\n".join(on_terminal(line) for line in body.split("\n")) if body
                 else "(no body)")
    return "\n".join(lines) + "\n"


def record_markdown(record: dict[str, Any], version: str | None = None,
                    locate: Callable[[str], str] | None = None,
                    seen: list[tuple[str, str]] | None = None) -> str:
    """The record as Markdown whose rendering shows the post's text as the post has it: every
    character Markdown would read as markup is escaped (a paragraph "2020. A year" is no
    numbered list, "<script>" no HTML, "*stars*" no emphasis), a line break stays a line
    break, and a code block's fence is longer than any run of backticks in it. ``locate``
    gives where a stored image (``assets/…``, the record's name for it) lies on disk, so that
    the image shows where the Markdown is read."""
    out = [f"# {_md(shown_title(record), heading=True)}", ""]  # (deleted) …, as list shows it
    out += [f"- **{k}**: {_md_value(v)}"
            for k, v in _meta_lines(record, version, seen) + _summary_lines(record)
            if k != "title"]
    out.append("")
    images = record.get("images") or []
    blocks = record.get("blocks") or []
    if blocks and blocks[0].get("type") == "list" and not blocks[0].get("ordered"):
        out += ["<!-- -->", ""]  # (a bulleted list would go on the fields' list)
    rows: list[list[list[tuple[str, str | None]]]] = []  # the table being written's
    indents = [0]  # where the items of a list at each depth begin, while lists follow lists
    for at, block in enumerate(blocks):
        kind = block["type"]
        depth = _depth_of(blocks, at)
        if depth >= len(indents):  # (in an item no list before it ends on: at the margin)
            depth = 0
        del indents[depth + 1:]
        lines: list[str] = []
        if kind == "table":
            rows += [split_pieces(row, "\t") for row
                     in split_pieces(linked_pieces(block["text"], _links_of(block)), "\n")]
            if not table_ends(blocks, at):
                continue  # a table is the run of its rows' blocks: written at its last
            lines = _md_table(rows)
            rows = []
        elif kind == "heading":
            lines = ["#" * min(6, block.get("level", 2) + 1) + " " + _md_pieces(
                [(piece.replace("\n", " "), url)  # (a heading is one line)
                 for piece, url in linked_pieces(block["text"], _links_of(block))],
                heading=True)]
        elif kind == "image":
            image = images[block["image"]] if block["image"] < len(images) else {}
            # a missing copy: the web address the page gave beside it, where a reader may
            # still find the image
            target = image.get("asset") or image.get("address") or image.get("original") or ""
            if image.get("asset") and locate is not None:
                target = locate(image["asset"])
            lines = [f"![{_md(block.get('text', ''))}]({_md_target(target)})"]
        elif kind == "list":  # an ordered one numbered as the post numbers them
            first = block.get("start", 1)
            by_item = links_by_item(block)
            marks = [f"{n}." if block.get("ordered") else "-"
                     for n in range(first, first + len(block.get("items", [])))]
            lines = [mark + " " + _md_linked(item, by_item.get(n, []))
                     for n, (mark, item) in enumerate(zip(marks, block.get("items", []),
                                                          strict=True))]
            if _another_numbered_list(blocks, at, depth):
                lines = ["<!-- -->", "", *lines]  # (Markdown would go on numbering the first)
        elif kind == "quote":
            lines = ["> " + _md_pieces(line) for line in
                     split_pieces(linked_pieces(block["text"], _links_of(block)), "\n")]
        elif kind == "code":
            runs = [len(run) for run in re.findall(r"`+", block["text"])]
            fence = "`" * max(3, max(runs, default=0) + 1)
            lines = [fence + _fence_info(block.get("language")), *block["text"].split("\n"),
                     fence]
        else:
            lines = [_md_linked(block["text"], _links_of(block))]
        # a block in a list's item (a nested list, what follows it) indented to the item's
        # text, which the list before it ended on
        out += [" " * indents[-1] + line if line.strip() else line for line in lines]
        if kind == "list" and lines:  # what a last item holds is indented past its mark
            indents.append(indents[-1] + len(lines[-1].split(" ", 1)[0]) + 1)
            if block.get("items", [""])[-1] == "" and _depth_of(blocks, at + 1) > depth:
                continue  # an empty item: its content on the next line, no blank between
        out.append("")
    return "\n".join(out)


def _another_numbered_list(blocks: list[dict[str, Any]], at: int, depth: int) -> bool:
    """Whether the numbered list at ``at`` follows another at its depth (what is nested in
    that one's last item between them) that it does not go on numbering: "1. a" then "5. b"
    are two lists, which Markdown reads as one, numbered 1, 2, unless something parts them."""
    before = at - 1
    while before >= 0 and _depth_of(blocks, before) > depth:
        before -= 1
    if before < 0 or not blocks[at].get("ordered"):
        return False
    other = blocks[before]
    return (other.get("type") == "list" and bool(other.get("ordered"))
            and _depth_of(blocks, before) == depth
            and blocks[at].get("start", 1) != other.get("start", 1) + len(other.get("items", [])))


def _depth_of(blocks: list[dict[str, Any]], at: int) -> int:
    """How deep in lists the block at ``at`` is (0 past the end): its ``depth``; a picture's
    is the next block's when that one is in a list's item (a picture an item holds before the
    list nested in it, cut out of the list, as any item's picture is, belongs there)."""
    if at >= len(blocks):
        return 0
    block = blocks[at]
    if block.get("type") == "image":
        following = next((b for b in blocks[at + 1:] if b.get("type") != "image"), None)
        return block_depth(following) if following is not None else 0
    return block_depth(block)


def _fence_info(language: object) -> str:
    """A code fence's info word: the block's language when a fence can carry it as one word
    (no white space, no backtick, nothing Markdown would read as an entity or escape)."""
    if isinstance(language, str) and re.fullmatch(r"[^\s`\\&]+", language):
        return language
    return ""


def _links_of(block: dict[str, Any]) -> list[Any]:
    """The block's links in its text (a list's are in its items: :func:`links_by_item`)."""
    return links_by_item(block).get(None, [])


def _md_linked(text: str, links: list[dict[str, Any]], heading: bool = False) -> str:
    """``text`` as :func:`_md` writes it, each of ``links`` a Markdown link at its place."""
    return _md_pieces(linked_pieces(text, links), heading)


def _md_pieces(pieces: list[tuple[str, str | None]], heading: bool = False,
               line_start: bool = True) -> str:
    """Pieces of a line (or a paragraph), each linked or not, as Markdown: a link's text
    escaped as any text is, a ``!`` just before a link escaped (``![`` would open an
    image). ``line_start`` as for :func:`_md`."""
    out = []
    for n, (piece, url) in enumerate(pieces):
        if url is None:
            written = _md(piece, heading, line_start=line_start and n == 0)
            if n + 1 < len(pieces) and written.endswith("!"):
                written = written[:-1] + "\\!"
        else:
            written = f"[{_md(piece, heading, line_start=False)}]({_md_target(url)})"
        out.append(written)
    return "".join(out)


def _stripped(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Pieces without the white space at the start of the first and the end of the last."""
    if not pieces:
        return pieces
    (first, url), *rest = pieces
    pieces = [(first.lstrip(), url), *rest]
    last, url = pieces[-1]
    return [piece for piece in [*pieces[:-1], (last.rstrip(), url)] if piece[0]]


def _md_table(rows: list[list[list[tuple[str, str | None]]]]) -> list[str]:
    """A table's rows (cells separated by tabs, as the record keeps them, a block a row) as a
    GitHub table, so that a table reads as a table and not as lines of text with tabs in them.
    The table is its rows' blocks (:func:`~archiver.model.table_ends`); its first row is the
    header row GFM requires (WeChat's editor marks none: the first row, its column names as a
    rule, stands as it). Every row gets as many cells as the widest, since GFM drops a row's
    cells beyond the header's. Each cell's text is escaped as a paragraph's is, its ``|``
    included."""
    table = [[_md_pieces(_stripped(cell), line_start=False) for cell in row] for row in rows]
    width = max(len(cells) for cells in table)
    lines = ["| " + " | ".join(cells + [""] * (width - len(cells))) + " |" for cells in table]
    return [lines[0], "|" + " --- |" * width, *lines[1:]]


# what Markdown (CommonMark, and GitHub's tables and strikethrough) reads as markup anywhere
# in a line, an entity among it (&amp; would show as &); in a heading its closing #s too
_MD_INLINE = re.compile(r"[\\`*_\[\]<>|~]|&(?=#?\w+;)")
_MD_HEADING = re.compile(r"[\\`*_\[\]<>|~#]|&(?=#?\w+;)")
# ... and at the start of a line: a heading, a quote, a list item, a setext underline, and
# a numbered list item's "2020." or "1)"
_MD_LINE_START = re.compile(r"^([ \t]{0,3})([#>+=-])", re.M)
_MD_ORDERED = re.compile(r"^([ \t]{0,3}\d{1,9})([.)])", re.M)
_MD_INDENT = re.compile(r"^[ \t]+", re.M)


def _md(text: str, heading: bool = False, line_start: bool = True) -> str:
    """``text`` as Markdown that renders as ``text``; its line breaks hard breaks.
    ``line_start``: the text begins a line (a paragraph, a list item's text), where "2020."
    would begin a numbered list; its later lines always do."""
    escaped = (_MD_HEADING if heading else _MD_INLINE).sub(lambda m: "\\" + m.group(0), text)
    head, newline, rest = escaped.partition("\n")
    if line_start:
        head = _MD_LINE_START.sub(r"\1\\\2", _MD_ORDERED.sub(r"\1\\\2", head))
    rest = _MD_LINE_START.sub(r"\1\\\2", _MD_ORDERED.sub(r"\1\\\2", rest))
    # a line's leading spaces as characters, which no indent reads as a code block (text
    # that goes on a line, after a link, begins none)
    escaped = (_MD_INDENT.sub(_as_characters, head) if line_start else head) + newline + \
        _MD_INDENT.sub(_as_characters, rest)
    return "\\\n".join(escaped.split("\n"))


def _as_characters(spaces: re.Match[str]) -> str:
    return spaces.group(0).replace(" ", "&#32;").replace("\t", "&#9;")


def _md_value(value: str) -> str:
    """A value after its label (``- **url**: …``): a web address as a link, as written."""
    if re.fullmatch(r"https?://[^\s<>]+", value):
        return f"<{value}>"
    return _md(value, line_start=False)


_MD_IN_TARGET = re.compile(r"[\\|]|&(?=#?\w+;)")


def _md_target(target: str) -> str:
    """A link target as Markdown reads it whole and as written: in angle brackets when it
    holds a space or a bracket, which would end it; a backslash, a ``|`` (which ends a table's
    cell) and an ``&`` that would read as an entity (``&copy;``) escaped."""
    target = _MD_IN_TARGET.sub(lambda m: "\\" + m.group(0), target)
    if not re.search(r"[\s()<>]", target):
        return target
    return "<" + target.replace("<", "%3C").replace(">", "%3E").replace("\n", "%0A") + ">"


# -- verify reports ----------------------------------------------------------------------------

# What XML 1.0 cannot hold at all, not even as a character reference: the C0 controls but
# tab and the line ends, lone surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# a line break and the indent around it (a BibTeX entry written a field a line): one space in
# a test case's name, which a CI page lists on one line
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def _xml(text: str) -> str:
    """``text`` as XML can hold it: each character XML 1.0 forbids written as its escape
    (``\\x02``), so that a citation copied with a control character in it leaves the report
    well-formed, and still says which character it was."""
    return escaped(_NOT_XML, text)


def verify_junit(results: list[Any], posts: list[str | None],
                 unreadable: Sequence[dict[str, Any]] = (),
                 failing: Collection[str] = ("mismatch", "not_found"),
                 changed: Sequence[dict[str, Any]] = ()) -> bytes:
    """The JUnit XML report: a test case per citation, one per input that could not be
    read, and one per post another writer changed while it was checked (whose results were
    not kept), as ``archiver verify`` lists them, in error. A case fails as the exit code does
    (``failing``: ``--fail-on``'s statuses, and ``retracted`` for a citation of a work
    Crossref lists as retracted, withdrawn or removed), so that a red build points at its
    cause; a citation not checked is in error (exit 3); any other verdict short of verified
    (ambiguous, or a wrong one the run was told not to fail on) is skipped, with its
    reason. Notices are said in the case's output whatever the verdict."""
    from xml.etree import ElementTree as ET

    suite = ET.Element("testsuite", name="archiver verify",
                       tests=str(len(results) + len(unreadable) + len(changed)))
    counts = {"failures": 0, "errors": 0, "skipped": 0}
    for problems, name in ((unreadable, "cannot be read"),
                           (changed, "changed while checked: results not kept")):
        for problem in problems:
            case = ET.SubElement(suite, "testcase", name=name,
                                 classname=_xml(problem["input"] or "inputs"))
            counts["errors"] += 1
            ET.SubElement(case, "error", message=_xml(problem["message"]))
    named: Counter[tuple[str, str]] = Counter()
    for result, post in zip(results, posts, strict=True):
        where = result.location or "citations"
        # a case is named by its citation and classed by where it is, so that its name is
        # the same in every run (a CI page keeps each test's history by its name): a number
        # only for the same citation twice in one place
        classname = f"{post} {where}" if post else where
        name = shorten(_LINE_BREAKS.sub(" ", result.text), 100)  # between words, with " …"
        named[classname, name] += 1
        if named[classname, name] > 1:
            name += f" ({named[classname, name]})"
        case = ET.SubElement(suite, "testcase", classname=_xml(classname), name=_xml(name))
        failures = [f"{result.status}: {result.reason}"] if result.status in failing \
            and result.status != "unresolved" else []
        if RETRACTED in failing:
            failures += [f"{RETRACTED}: {describe(n)}" for n in withdrawn(result.notices)]
        if failures:
            counts["failures"] += 1
            failure = ET.SubElement(case, "failure", message=_xml("; ".join(failures)))
            # each wrong field as the text report says it, for a CI page's failure details
            failure.text = _xml("\n".join(
                _field_line(field, check).strip()
                for field, check in (result.fields or {}).items() if check.match is False))
        elif result.status == "unresolved":
            counts["errors"] += 1
            ET.SubElement(case, "error", message=_xml(result.reason))
        elif result.status != "verified":
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=_xml(f"{result.status}: {result.reason}"
                                                        if result.status != "ambiguous"
                                                        else result.reason))
        if result.notices:  # retracted, corrected…: said whatever the verdict
            ET.SubElement(case, "system-out").text = _xml(
                "\n".join(f"notice: {describe(n)}" for n in result.notices))
    for key, value in counts.items():
        suite.set(key, str(value))
    return ET.tostring(suite, encoding="utf-8", xml_declaration=True)


_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
CITATION_WIDTH = 100  # terminal cells of a citation on its status line


def shorten(text: str, width: int = CITATION_WIDTH) -> str:
    """``text`` in at most ``width`` terminal cells: when it is longer, cut between two words
    and ended with " …", since a citation cut mid-word, with nothing to say so, is hard to
    recognise. Chinese and Japanese, written without spaces, are cut between any two
    characters (each takes two cells); one word longer than half the width (a URL) inside."""
    if cell_len(text) <= width:
        return text
    end = used = 0
    for char in text:  # the most characters that leave two cells for " …"
        used += cell_len(char)
        if used > width - 2:
            break
        end += 1
    cut = end
    if not (text[end].isspace() or _CJK.match(text[end]) or _CJK.match(text[end - 1])):
        space = max(text.rfind(" ", 0, end), text.rfind("\t", 0, end))
        if space > end // 2:
            cut = space
    kept = text[:cut].rstrip(" \t,;:")
    return kept + ("…" if _CJK.match(kept[-1:]) else " …")


def _shown(value: Any) -> str | None:
    """A field value as a person writes it (:func:`shown`), in quotes, on one line; None when
    there is no value."""
    text = shown(value)
    return None if text is None else f"“{one_line(text)}”"


def _field_line(name: str, check: Any) -> str:
    """``year: cited “2007”, Crossref “2006” — <why they differ>``; a side with no value (a
    DOI Crossref does not know, a title not found in the citation) is left out, the reason
    says why."""
    cited, crossref = _shown(check.cited), _shown(check.crossref)
    sides = [f"cited {cited}" if cited else "", f"Crossref {crossref}" if crossref else ""]
    return (f"    {name}: " + ", ".join(side for side in sides if side)
            + f" — {one_line(check.reason)}")


def verify_text(items: list[tuple[str, str | None, str | None]], results: list[Any]
                ) -> list[str]:
    """The text report: one line per citation (status, where it is, the citation), then a
    line per field that differs and the reason for a verdict that no field line gives.

    Each citation says where it is, as in --json, so that it can be found and fixed: read
    from a file (or standard input), ``refs.txt:5``, ``refs.bib:key``, ``post.md#blocks/10``;
    in an archived post, which the line above its citations names, the block of its record
    (``blocks/10``)."""
    places = [printable(where or "") for (_text, where, _post) in items]
    width = max((cell_len(place) for place in places), default=0)
    lines: list[str] = []
    heading = None
    for (_text, _where, post), place, result in zip(items, places, results, strict=True):
        if post and post != heading:  # an archived post's citations under its id
            lines.append(f"{post}:")
        heading = post
        place += " " * (width - cell_len(place))
        lines.append(f"{result.status:<10} {place}  {shorten(one_line(result.text))}")
        wrong = {name: check for name, check in result.fields.items() if check.match is False}
        lines += [_field_line(name, check) for name, check in wrong.items()]
        # a field the citation gives that Crossref could not confirm or refute: a verdict
        # says nothing of it, and the report says so
        lines += [_field_line(name, check if "not compared" in check.reason else
                              replace(check, reason=f"{check.reason}: not compared"))
                  for name, check in result.fields.items() if check.match is None]
        if result.status in ("unresolved", "ambiguous", "not_found") and result.reason \
                and result.reason not in {check.reason for check in wrong.values()}:
            lines.append(f"    {one_line(result.reason)}")
        lines += [f"    notice: {describe(notice)}" for notice in result.notices]
    return lines
