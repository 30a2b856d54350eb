"""A reference list run together on one line, split back into its entries.

A Markdown export keeps the line breaks its tool wrapped the text at. Where a reference list
has no blank line between its entries, Markdown reads the whole list as one paragraph, and
its soft breaks become spaces: the list reaches the record as one line, ``参考文献： [1]
Vanderhill, R., … https://doi.org/10.1093/ia/iiaa061 [2] Bzdok, D., …``. An editor who
pasted a list into one HTML paragraph gives the same. Read whole, such a line is no
reference, and its DOIs would be checked bare: each found or not, the claims around them
unchecked.

So a long line is split where one entry ends and the next begins, and only there:

- at list numbers that count on from the one opening the line (``[1] … [2] … [3]``,
  ``1. … 2. …``), each cut kept only where the text before it reads as an entry;
- else before authors opening an entry (``Bzdok, D., …``, ``张三, 李四.`` before a GB/T 7714
  type of work) right after the previous entry's end (its full stop, DOI or URL), where the
  text before is a reference by itself (a year and a sign of a work: a title's full stop
  followed by an editor's name is not an entry's end);
- a heading opening the line (``参考文献：``, ``References``) is a line of its own, when what
  follows it is one entry or more.

What cannot be split so stays one line, as before.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from archiver.citations.extract import (
    GBT_TYPE_MARK,
    HEADING_DRESS,
    LIST_HEADING,
    OPENS_WITH_AUTHORS,
    entry_of_a_section,
    looks_like_reference,
)

# shorter than two short entries: nothing to split
_SHORTEST = 120
_HEADING = re.compile(
    rf"^{HEADING_DRESS}{LIST_HEADING}{HEADING_DRESS}[】\]]*\s*"
    r"(?:[:：]\s*|(?=[\[［]\d{1,3}[\]］]|\d{1,3}[.)、]\s))", re.I)
# a list number after a space (or opening the line): bracketed, or a number and its full stop,
# bracket or 、 followed by a space; the kind of the first is the kind of all
_BRACKETED = re.compile(r"(?:^|(?<=\s))[\[［](\d{1,3})[\]］]")
_DOTTED = re.compile(r"(?:^|(?<=\s))(\d{1,3})[.)、](?=\s)")
# what ends an entry: its full stop, DOI or URL ("… 975–993. ", "… 10.1093/ia/iiaa061 ")
_ENTRY_END = re.compile(r"(?:[.。]|10\.\d{4,9}/\S+|https?://\S+)$")
# a GB/T 7714 entry's Chinese authors: two to four characters a name, up to the full stop
_CJK_AUTHORS = re.compile(r"[\u4e00-\u9fff]{2,4}(?:\s*[,，、]\s*[\u4e00-\u9fff]{2,4})*"
                          r"(?:\s*[,，]\s*等)?\s*[.．。]")
_GBT_MARK = re.compile(GBT_TYPE_MARK, re.I)
# where a next entry may begin: after spaces, or right after a Chinese full stop
_GAP = re.compile(r"\s+|(?<=。)")


def split_run_together(line: str) -> list[str]:
    """``line`` as the entries run together in it (see the module's docstring), or as it is."""
    if len(line) < _SHORTEST:
        return [line]
    heading = _HEADING.match(line)
    rest = line[heading.end():] if heading else line
    parts = _numbered(rest.strip()) or _unnumbered(rest.strip())
    if heading and not parts and entry_of_a_section(rest):
        parts = [rest.strip()]
    if not parts:
        return [line]
    return [heading.group(0).strip(), *parts] if heading else parts


def _numbered(text: str) -> list[str] | None:
    """Cuts at the list numbers counting on from the one opening ``text``."""
    for pattern in (_BRACKETED, _DOTTED):
        first = pattern.match(text)
        if first:
            break
    else:
        return None
    starts, expected = [0], int(first.group(1)) + 1
    for marker in pattern.finditer(text, first.end()):
        if int(marker.group(1)) == expected and entry_of_a_section(
                text[starts[-1]:marker.start()]):
            starts.append(marker.start())
            expected += 1
    return _whole_entries(text, starts, entry_of_a_section)


def _unnumbered(text: str) -> list[str] | None:
    """Cuts before authors opening an entry right after the end of one."""
    starts = [0]
    for gap in _GAP.finditer(text):
        at = gap.end()
        if at >= len(text) or not _ENTRY_END.search(
                text[max(starts[-1], gap.start() - 300):gap.start()]):
            continue
        if _next_entry_opens(text[at:at + 300]) and looks_like_reference(
                text[starts[-1]:gap.start()]):
            starts.append(at)
    return _whole_entries(text, starts, looks_like_reference)


def _next_entry_opens(ahead: str) -> bool:
    """Authors as an entry opens with them: Latin names, or Chinese ones before a GB/T 7714
    type of work (a run of characters and a full stop is as often a sentence)."""
    if OPENS_WITH_AUTHORS.match(ahead):
        return True
    return bool(_CJK_AUTHORS.match(ahead)) and bool(_GBT_MARK.search(ahead))


def _whole_entries(text: str, starts: list[int],
                   is_entry: Callable[[str], bool]) -> list[str] | None:
    """The parts between ``starts``, when there are two or more and the last is an entry too
    (else the cut before it is undone, as often as needed)."""
    while len(starts) > 1 and not is_entry(text[starts[-1]:]):
        starts.pop()
    if len(starts) < 2:
        return None
    return [text[a:b].strip() for a, b in itertools.pairwise([*starts, len(text)])]
