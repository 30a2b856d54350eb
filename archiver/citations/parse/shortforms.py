"""A note's short form, which names no work of its own but points back to one cited before:
"Ibid., p. 112.", "Id. at 1123.", "Bourdieu, op. cit., p. 210.", "Schmitt, a.a.O., S. 45.",
"同上注，第3卷，第201页。", "钱穆：前揭书，第102页。", "同上書、112頁。". What it holds is the
author it may name, and the volume and page it cites: the tagger, which has seen none, reads
the marks as names and keeps 第…页 in the page. Recognised only where the whole note has
this form; then its fields are what the form says, and no other.
"""

from __future__ import annotations

import re

from archiver.citations.parse.authors import split_authors
from archiver.citations.parse.fields import _page
from archiver.citations.parse.shared import _LIST_NUMBER, _PERIODICALS_WORD

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any

# the marks: Latin's and the Bluebook's (Ibid., Id.), op. cit. and loc. cit., German's ebd.
# and a.a.O., and Chinese and Japanese ones (同上, 同上书/注/文, 同前注⑤, 前揭书, 前引书/文,
# 上引书, 同書, 前掲書)
_MARK = (r"(?:[Ii]bid(?:em)?\.?|[Ii]d\.|op\.\s?cit\.?|loc\.\s?cit\.?|[Ee]bd\.?|[Ee]benda|"
         r"a\.\s?a\.\s?O\.?|同上(?:[书書注文])?|同前(?:[书書注文][^，,、。]{0,4})?|前[揭引掲][书書文]|"
         r"上引[书書文]|同[书書])")
# a Western name before the mark: one to three capitalised words ("Bourdieu", "Le Roy
# Ladurie"); a Chinese one, two to four characters before a colon ("钱穆：")
_WESTERN_NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}),\s*"
_CHINESE_NAME = r"(?P<cjk>[\u4e00-\u9fff·]{2,8})\s*[:：]\s*"
# what it cites: a volume ("第3卷", "vol. 2", "Bd. 2") and a page ("p. 45", "S. 45",
# "at 1123", "第102页", "112頁", or a bare number after the mark)
_VOLUME = r"(?:第\s*(?P<cn_volume>\d{1,4})\s*[卷册冊]|(?:[Vv]ol\.|Bd\.)\s*(?P<volume>\d{1,4}))"
_PAGE = (r"(?:第\s*(?P<cn_page>\d{1,5}(?:\s*[-–—~]\s*\d{1,5})?)\s*[页頁]|"
         r"(?P<ja_page>\d{1,5}(?:\s*[-–—~]\s*\d{1,5})?)\s*[页頁]|"
         r"(?:(?:pp?\.|S\.|at)\s*)?(?P<page>\d{1,5}(?:\s*[-–—]\s*\d{1,5})?)(?:\s*ff?\.)?)")
_SHORT_FORM = re.compile(  # (a note's circled number, "③", is a bare one after NFKC)
    rf"^\s*(?:{_LIST_NUMBER}\s*|\d{{1,3}}\s+)?(?:{_WESTERN_NAME}|{_CHINESE_NAME})?{_MARK}"
    rf"(?:\s*[,，、]?\s*{_VOLUME})?(?:\s*[,，、]?\s*{_PAGE})?\s*[.。]?\s*$")


# Chicago's short note after the first, full one: the author's family name, a short title, the
# page ("58. Scott, Seeing Like a State, 4."); a page, not a year
_SHORT_NOTE = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?(?P<name>[A-Z][\w'’-]+(?:\s(?:and|&)\s[A-Z][\w'’-]+)?),\s+"
    r"(?P<title>[A-Z][^,\d()]{2,120}?),\s+(?:pp?\.\s*)?"
    r"(?P<page>(?!(?:1[5-9]|20)\d\d\b)\d{1,4}(?:\s*[-–]\s*\d{1,4})?)\.?\s*$")


# a quoted title after a full stop: no short title holds one
_QUOTED_TITLE_AFTER_A_STOP = re.compile(r"\.\s*[“\"‘«]")


def _short_form(item: dict[str, Any], text: str) -> None:
    """A short form's fields: the author it names, the volume and page it cites; the
    tagger's reading of anything else (a mark taken for a name, 第 kept in a page) dropped."""
    found = _SHORT_FORM.match(text)
    if found is None:
        note = _SHORT_NOTE.match(text)
        if note and not _PERIODICALS_WORD.search(note["title"]) and \
                not _QUOTED_TITLE_AFTER_A_STOP.search(note["title"]):  # ("Einstein, Annalen
            # der Physik, 17.": a journal's volume; "Sander, Gottfried. “Holy Wells.” In
            # Landscape …, 88-113.": a full note's given name, quoted title and book)
            item.clear()
            item["author"] = split_authors(note["name"])
            item["title"] = note["title"].strip()
            item["page"] = _page(note["page"])
        return
    item.clear()
    if found["name"]:  # a family name alone, of one word or more ("Le Roy Ladurie")
        item["author"] = [{"family": found["name"]}]
    elif found["cjk"]:
        item["author"] = split_authors(found["cjk"])
    volume = found["cn_volume"] or found["volume"]
    if volume:
        item["volume"] = volume
    page = found["cn_page"] or found["ja_page"] or found["page"]
    if page:
        item["page"] = _page(page)
