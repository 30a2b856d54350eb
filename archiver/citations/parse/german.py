"""German notes' books, as German law and humanities cite them (and Chinese law, citing them):
the authors (slashes between them), the title (its subtitle after a full stop), the edition
("6. Aufl."), the place and the year with no comma between them, and the page cited ("S. 120
ff.") or the margin number ("Rn. 200"): "Vgl. Larenz, Methodenlehre der Rechtswissenschaft,
6. Aufl., 1991, S. 120.", "Niklas Luhmann, Soziale Systeme. Grundriß einer allgemeinen
Theorie, Frankfurt a. M. 1984, S. 191 ff.", "Medicus/Petersen, Bürgerliches Recht, 27. Aufl.,
München 2019, Rn. 200." The tagger, trained on none, reads "Aufl" as a journal and a
subtitle's first word as a name. Recognised only where the whole note has this form and one of
its marks (an edition, a page as "S.", a margin number).
"""

from __future__ import annotations

import re

from archiver.citations.parse.authors import split_authors
from archiver.citations.parse.fields import _page
from archiver.citations.parse.shared import _AUFLAGE, _LIST_NUMBER, _printed_once

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any

_NAME = r"[A-ZÄÖÜ][\w'’.-]*(?:\s[A-ZÄÖÜ][\w'’.-]*){0,3}"
_GERMAN_BOOK = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*|\d{{1,3}}\s+)?(?:(?:Vgl\.|Siehe)\s+(?:auch\s+|nur\s+)?)?"
    # "Larenz, Karl/Canaris, Claus-Wilhelm:" (family, given, a colon), or "Larenz,",
    # "Medicus/Petersen,", "Niklas Luhmann," (the names, a comma)
    rf"(?:(?P<inverted>{_NAME},\s{_NAME}(?:\s?[/;]\s?{_NAME},\s{_NAME})*):|"
    rf"(?P<names>{_NAME}(?:\s?/\s?{_NAME}){{0,3}}),)\s+"
    r"(?P<title>[A-ZÄÖÜ„»\"][^,]{2,200}?)"
    rf"(?:,\s+{_AUFLAGE})?"
    # (a place's name: "München", "Frankfurt a. M.", "Berlin/Heidelberg"; not a journal's
    # abbreviation, "NJW 2006, S. 352")
    r"(?:,\s+(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:\s(?:a\.\s?M\.|am\s+Main|i\.\s?Br\.|[A-ZÄÖÜ][a-zäöüß]+))?"
    r"(?:/[A-ZÄÖÜ][a-zäöüß]+)?)(?::\s*(?P<publisher>[^,\d]{2,60}?))?)?,?\s+"
    r"(?P<year>(?:1[6-9]|20)\d\d)"
    r"(?:,\s*(?:S\.\s*(?P<page>\d{1,5}(?:\s*[-–]\s*\d{1,5})?)(?:\s*ff?\.)?|"
    r"Rn\.\s*(?P<margin>\d{1,5}(?:\s*[-–]\s*\d{1,5})?)))?\.?\s*$")


def _german_book(item: dict[str, Any], text: str) -> None:
    """A German note's book, its fields as the form places them."""
    found = _GERMAN_BOOK.match(text)
    if found is None or not (found["edition"] or found["page"] or found["margin"]):
        return
    if found["inverted"]:  # "Larenz, Karl/Canaris, Claus-Wilhelm"
        persons = split_authors(re.sub(r"\s?/\s?", "; ", found["inverted"]))
    else:  # "Medicus/Petersen" (family names alone), "Niklas Luhmann"
        persons = [person for name in re.split(r"\s?/\s?", found["names"])
                   for person in (split_authors(name) if " " in name else [{"family": name}])]
    item.clear()
    if persons:
        item["author"] = persons
    item["title"] = found["title"].strip()
    if found["edition"]:
        item["edition"] = found["edition"]
    if found["place"]:
        item["publisher-place"] = found["place"]
    if found["publisher"]:
        item["publisher"] = found["publisher"].strip()
    item["issued"] = {"date-parts": [[int(found["year"])]]}
    if found["page"]:
        item["page"] = _page(found["page"])


# a German place with its river or region abbreviated ("Frankfurt a.M.", "Freiburg i. Br.",
# "Halle a.d. Saale"), which the tagger ran into the title at the full stop before it:
# "Theorie des kommunikativen Handelns. Frankfurt a" of "…Handelns. Frankfurt a.M.: Suhrkamp."
_PLACE_RUN_INTO_THE_TITLE = re.compile(r"\.\s+[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?\s+[ai]$")
_ITS_RIVER_OR_REGION = re.compile(r"\.\s?(?:M|Br|d|O|Rh|N|S)\.")


def _german_place_run_into_the_title(item: dict[str, Any], text: str) -> None:
    """The title without such a place (its imprint follows it, where the tagger read none)."""
    title = str(item.get("title") or "")
    run_on = _PLACE_RUN_INTO_THE_TITLE.search(title)
    at = text.find(title) if run_on else -1
    if at >= 0 and _ITS_RIVER_OR_REGION.match(text, at + len(title)):
        item["title"] = title[:run_on.start()]


# a German ordinal inside a title, its number written with a full stop ("des 12. Jahrhunderts",
# "vom 9. November 1918", "zum 70. Geburtstag"), where the tagger ended the title at the stop:
# the words an ordinal goes with, and the rest of the title's sentence after them
_ORDINAL_GOES_ON = re.compile(
    r"\.\s(?:Jahrhunderts?|Jh\.|Jahrtausends?|Januar|Februar|März|April|Mai|Juni|Juli|August|"
    r"September|Oktober|November|Dezember|Geburtstag(?:e|es|s)?|Todestag(?:e|es|s)?|"
    r"Weltkrieg(?:e|es|s)?|Lebensjahr(?:e|es|s)?|Deutschen|Internationalen|Kongress(?:es)?|"
    r"Tagung|Sitzung|Wahlperiode|Legislaturperiode)\b[^.,()\[\]:;]{0,120}?(?=\s?[.,(\[:;]|$)")


# the German words an ordinal follows ("des 12.", "vom 9.", "zum 70.", "im 19.", "am 3.")
_BEFORE_AN_ORDINAL = (r"(?i:vom|am|zum|zur|zu|des|der|dem|den|im|ins|bis|seit|ab|nach|vor|um|aus|"
                      r"für|über|die|das|ein|eines|einem|einer|und|seinem|seines|seiner|ihrem|"
                      r"ihres|ihrer)")


# a title or a name ending with such a word and the ordinal's number, or with the word
_ENDS_WITH_AN_ORDINAL = re.compile(rf"\b{_BEFORE_AN_ORDINAL}\s\d{{1,4}}$")
_ENDS_BEFORE_AN_ORDINAL = re.compile(rf"(?<!Abgerufen )(?<!Zugriff )\b{_BEFORE_AN_ORDINAL}$")
_ITS_NUMBER = re.compile(r"\s(\d{1,4})")


def _german_ordinal_ending_the_title(item: dict[str, Any], text: str) -> None:
    """The title whole, where it was cut at such an ordinal's full stop."""
    title = str(item.get("title") or "")
    if not _ENDS_WITH_AN_ORDINAL.search(title):
        return
    at = text.find(title)
    goes_on = _ORDINAL_GOES_ON.match(text, at + len(title)) if at >= 0 else None
    if goes_on:
        item["title"] = title + goes_on.group(0).rstrip()


def _german_ordinal_in_the_container(item: dict[str, Any], text: str) -> None:
    """A book's name with such an ordinal ("Festschrift für Otto Bachof zum 70. Geburtstag"),
    which the tagger ended before the ordinal, read as a volume."""
    container = str(item.get("container-title") or "")
    if not _ENDS_BEFORE_AN_ORDINAL.search(container):
        return
    at = text.find(container)
    number = _ITS_NUMBER.match(text, at + len(container)) if at >= 0 else None
    goes_on = _ORDINAL_GOES_ON.match(text, number.end()) if number else None
    if goes_on is None:
        return
    item["container-title"] = container + number.group(0) + goes_on.group(0).rstrip()
    if str(item.get("volume") or "") == number.group(1) and _printed_once(number.group(1), text):
        del item["volume"]


# a German chapter's book after "In:" with no editors, which the tagger ran into the title:
# "Recht und Staat. In: Festschrift für Otto Bachof, München 1984, S. 12-30."
_BOOK_AFTER_IN = re.compile(r"^(?P<title>.{3,}?)[.,]\s+In:\s+(?P<book>[A-ZÄÖÜ][^:]{2,})$")


def _german_book_run_into_the_title(item: dict[str, Any]) -> None:
    """The title and the book apart, where the tagger found no book."""
    found = _BOOK_AFTER_IN.match(str(item.get("title") or ""))
    if found and not item.get("container-title") and "(Hg" not in found["book"] and \
            "(Hrsg" not in found["book"]:
        item["title"], book = found["title"], found["book"]
        volume = re.search(r"\s(\d{1,4})$", book)  # (a journal's, the tagger ran into it)
        if volume and not item.get("volume"):
            item["volume"], book = volume.group(1), book[:volume.start()]
        item["container-title"] = book


# a German work's volume, marked "Bd." or "Band" (its number, then a full stop, a colon or a
# comma): "Theorie des kommunikativen Handelns. Band 1: Handlungsrationalität …", "…
# Untersuchungen. Bd. 1. Frankfurt am Main", "Gesamtausgabe Bd. 11.", "Geschichtliche
# Grundbegriffe, Bd. 2, Stuttgart" (not a count of volumes, "in 15 Bänden", "2 Bde.", nor a
# "Sonderband")
# (and Dutch's "Deel": "De Lage Landen 1780-1980. … Deel 1: 1780-1914. Amsterdam: …")
# ("Band" and "Deel", words, only opening a sentence or after a comma: not "ALMA Band 6:", "Rock
# Band 3", "Die Band 2.")
_GERMAN_VOLUME = re.compile(
    r"(?:(?<![\w-])Bd\.|(?<=[.,]\s)(?:Band|Deel))\s?(?P<volume>\d{1,3}|[IVX]{1,5})(?=[.:,]\s)")
# the years a volume's title names after it, which are no pages: "Deel 1: 1780-1914."
_ITS_YEARS = re.compile(r":\s(?P<years>(?:1[5-9]|20)\d\d\s?[-–]\s?(?:1[5-9]|20)\d\d)\b")


def _german_volume(item: dict[str, Any], text: str) -> None:
    """That volume, where the tagger read none (printed once in the reference), and the
    book's name the tagger made of its number and what follows it dropped ("11. Hrsg. v.
    …"), as the years its title names, which it took for the pages."""
    if "Bd." not in text and "Band" not in text and "Deel" not in text:
        return
    found = list(_GERMAN_VOLUME.finditer(text))
    if len(found) != 1 or item.get("volume") not in (None, "", found[0]["volume"]):
        return
    volume = found[0]["volume"]
    item["volume"] = volume
    years = _ITS_YEARS.match(text, found[0].end())
    if years and item.get("page") == _page(years["years"]):
        del item["page"]
    container = str(item.get("container-title") or "")
    if container.startswith(f"{volume}. ") or container in ("Bd", "Band", "Deel"):
        del item["container-title"]  # (or its mark alone)


# an editor named after "Hrsg. v." ("hg. v.", "herausgegeben von"), which the tagger read as
# the book: "Die protestantische Ethik … Hrsg. v. Dirk Kaesler. 3. Aufl. München: …"
_EDITED_BY = re.compile(r"(?:\b[Hh]rsg\.|\b[Hh]gg?\.|\b[Hh]erausgegeben)\s+v(?:\.|on)\s+$")


# ... and the book before them, which the tagger ran into the title: "Die Zünfte in der
# frühneuzeitlichen Stadt, in: Stadtgeschichte im Vergleich, hrsg. v"
_BOOK_RUN_INTO_THE_TITLE = re.compile(
    r"(?P<title>.{3,}?)[.,]\s+[Ii]n:\s+(?P<book>[^,:]{3,}),\s+(?:[Hh]rsg|[Hh]gg?)\.\s+v$")


def _editor_read_as_the_book(item: dict[str, Any], text: str) -> None:
    """That editor as the editor, and the book the one named before it (or none)."""
    container = str(item.get("container-title") or "")
    at = text.find(container) if container and ("v." in text or "von" in text) else -1
    if at > 0 and _EDITED_BY.search(text, max(at - 30, 0), at):
        editors = split_authors(container)
        del item["container-title"]
        if editors:
            item.setdefault("editor", editors)
        run_on = _BOOK_RUN_INTO_THE_TITLE.fullmatch(str(item.get("title") or ""))
        if run_on:
            item["title"], item["container-title"] = run_on["title"], run_on["book"]



# a German thesis's note after its title: "…, Diss. Universität Basel 2016", "… Diss. phil.
# München 1998", "…, Habil.-Schr. Bonn 2004": what it is and where, no part of the title
_THESIS = r"(?:Diss|Habil(?:\.-Schr|itationsschr)?)"
_FACULTY = r"(?:\s+(?:phil|med|jur|theol|rer\.\s?nat)\.)?"  # "Diss. phil."
# (not "Diss. Abstr. Int.", Dissertation Abstracts International, a journal; not a title's
# last word "Diss" with no mark before it)
_THESIS_ENDING_A_TITLE = re.compile(rf"[,.]\s*{_THESIS}$")
_THESIS_NOTE = re.compile(rf"\.{_FACULTY}\s+(?!Abstr)(?P<school>[A-ZÄÖÜ][^,\d]{{1,80}}?)"
                          r"[,\s]+(?:1[6-9]|20)\d\d\b")
_THESIS_READ_AS_A_CONTAINER = re.compile(rf"{_THESIS}\.{_FACULTY}\s+"
                                         r"(?!Abstr)(?P<school>[A-ZÄÖÜ][^,\d]{1,80})")


def _german_thesis(item: dict[str, Any], text: str) -> None:
    """A title the tagger ran on into "Diss." (or "Habil."): the title ends before it, and
    the university named after it is the thesis's, not a container; so is a container read
    as "Diss. phil. München"."""
    container = _THESIS_READ_AS_A_CONTAINER.fullmatch(str(item.get("container-title") or ""))
    if container and not item.get("volume"):
        del item["container-title"]
        item["type"] = "thesis"
        item.setdefault("publisher", container["school"].strip())
        return
    title = str(item.get("title") or "")
    cut = _THESIS_ENDING_A_TITLE.search(title)
    at = text.find(title) if cut else -1
    note = _THESIS_NOTE.match(text, at + len(title)) if at >= 0 else None
    if note is None:
        return
    item["title"] = title[:cut.start()].rstrip(" ,.")
    item["type"] = "thesis"
    school = note["school"].strip()
    if str(item.get("container-title") or "").strip() == school:
        del item["container-title"]
        item.setdefault("publisher", school)


# German's names before a colon, then the quoted title: "Lindemann, Ute: „Lesen im Zeitalter
# der Aufklärung“. In: …", "Kraus, Dieter/Weber, Eva: „…“" (each family name, its given names)
_NAMES_THEN_A_QUOTED_TITLE = re.compile(
    r"(?P<names>[A-ZÄÖÜ][\w'’-]+,\s[A-ZÄÖÜ][\w.'’-]*(?:\s[A-ZÄÖÜ][\w.'’-]*){0,3}"
    r"(?:\s?/\s?[A-ZÄÖÜ][\w'’-]+,\s[A-ZÄÖÜ][\w.'’-]*(?:\s[A-ZÄÖÜ][\w.'’-]*){0,3}){0,5})"
    r":\s+[„»\"“]")


def _german_names_before_a_quoted_title(item: dict[str, Any], text: str) -> None:
    """Those names, where the tagger read none."""
    found = None if item.get("author") else _NAMES_THEN_A_QUOTED_TITLE.match(text)
    if found is None:
        return
    persons = []
    for name in found["names"].split("/"):
        family, _, given = name.strip().partition(", ")
        persons.append({"family": family, "given": given})
    item["author"] = persons
