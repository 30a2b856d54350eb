"""Repair rules for what a work appears in: a journal's name (its first words read into the
title, its marks read into it), a proceedings' name and its acronym, the book a chapter is in
and its editors, a preprint's server, a newspaper.
"""

from __future__ import annotations

import re

from archiver.citations.extract import (
    DOI_RE,
)
from archiver.citations.parse.authors import split_authors
from archiver.citations.parse.fields import _container, _issue, _page
from archiver.citations.parse.shared import (
    _CONFERENCE,
    _GLUED_YEAR,
    _JOURNALS_FIRST_WORDS,
    _MONTH_DAY_SEMICOLON,
    _MONTH_WORD,
    _NAMES_TO_THEIR_STOP,
    _PAGES_AFTER_A_COMMA,
    _PREPRINT_SERVER,
    _URL,
    _field_end,
    _is_a_place,
    _is_proceedings,
    _issued_year,
    _printed_once,
    _title_end,
)

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


# a meeting's short name in brackets after its proceedings' name: "(EMNLP)", "(KDD-96)",
# "(KDD '16)", "(HotCloud 10)", "(ICML 2001)" (two capitals at least: not a place, "(Jena)")
_BRACKETED_ACRONYM = re.compile(r"\s*(\((?=[a-z]{0,10}[A-Z][a-z]{0,10}[A-Z])[A-Za-z]{2,12}"
                                r"(?:[\s'’-]{0,2}\d{1,4})?\)?)")


def _acronym_after_a_container(item: dict[str, Any], text: str) -> None:
    """The short name a proceedings' name is printed with belongs to it, where the tagger
    left it out before the pages ("… Language Processing (EMNLP) (pp. 1532–1543)")."""
    container = item.get("container-title", "")
    if not container or container.endswith(")"):
        return
    at = text.find(container)
    found = _BRACKETED_ACRONYM.match(text, at + len(container)) if at >= 0 else None
    if found and found.group(1).endswith(")"):
        item["container-title"] = container + " " + found.group(1)


# what follows a proceedings' name: its year (perhaps after a month), its pages or volume
_AFTER_PROCEEDINGS = (r"(?=,\s*(?:[A-Z][a-z]{2,8}\.?\s+)?(?:1[5-9]|20)\d\d\b|,\s*pp?\.|"
                      r",\s*vol\.)")
_PROCEEDINGS_GOES_ON = re.compile(r"\.\s+([^,;]+?)" + _AFTER_PROCEEDINGS)


def _proceedings(item: dict[str, Any], text: str) -> None:
    """A paper in a conference's proceedings, as IEEE and Vancouver print it:
    - ``in Proc. 2021 Int. Conf. Management of Data (SIGMOD), 2021, pp. …``: the name goes on
      past "Proc." to the year or the pages, where the tagger ended it at the full stop;
    - ``In: Proceedings of … Data. ACM; 2021:1386-1399.``: the year before the colon is the
      year, not a volume, and the publisher after the last full stop is no part of the name.
    """
    container = item.get("container-title")
    if not container:
        return
    at = text.find(container)
    if container.rstrip(".") in ("Proc", "In Proc") and at >= 0:
        goes_on = _PROCEEDINGS_GOES_ON.match(text, at + len(container.rstrip(".")))
        if goes_on:
            item["container-title"] = container = f"{container.rstrip('.')}. {goes_on.group(1)}"
    if not _is_proceedings(container):
        return
    head, dot, publisher = container.rpartition(". ")
    if dot and at >= 0 and len(publisher.split()) <= 3 and \
            re.match(r"\s*;", text[at + len(container):]):
        item["container-title"] = head  # "… Data. ACM; 2021": ACM published it
    volume = item.get("volume", "")
    if "issued" not in item and re.fullmatch(r"(?:1[5-9]|20)\d\d", volume) and \
            re.search(rf"(?<!\d){volume}\s*:\s*\d", text):
        item["issued"] = {"date-parts": [[int(item.pop("volume"))]]}


def _closed(text: str, value: str) -> str:
    """A container whose bracket the tagger left open closed as printed: "BMJ (Clinical
    research" of "BMJ (Clinical research ed.), 2024" is "BMJ (Clinical research ed.)", "经济
    研究 [Economic Research Journal" of "经济研究 [Economic Research Journal], 46(9)" is the
    name with its translation."""
    for opening, closing in ("()", "（）", "[]"):
        if value.count(opening) > value.count(closing):
            at = text.find(value)
            rest = re.match(r"[^()（）\d,，;；:：]{0,15}" + re.escape(closing),
                            text[at + len(value):]) if at >= 0 else None
            return value + rest.group(0) if rest else value
    return value


# a chapter's book named after its editors: "In S. Keys (ed.) Idiosyncratic Person-Centred
# Therapy: From the Personal to the Universal. Ross-on-Wye", "in Martin Chusid (ed.), Verdi’s
# Middle Period: … (University of Chicago Press, 1997)"
_EDITORS_THEN_BOOK = re.compile(
    r"\b(?:[Ii]n|En):?\s+(?P<editors>[A-Z](?:(?!\b[Ii]n\s)[^()“”\"«»]){1,120}?)"
    r"\s*\((?:[Ee]ds?|Hrsg|Hgg?|dir|comp|[Oo]rgs?|[Cc]oords?)\.?\)\.?\s*[,:]?\s+"
    r"(?P<book>[^\s.()][^.()]*?)\s*(?:\.\s|\.?$|\(|,\s*(?:pp?\.\s*|[Vv]ol\.\s*)?\d)")


# Vancouver's "In: Vogelstein B, Kinzler KW, editors. The genetic basis of human cancer. New
# York: …" (the names without full stops, "editors" or "eds" after them)
_VANCOUVER_EDITORS_THEN_BOOK = re.compile(
    r"\bIn:\s+(?P<editors>[A-Z][^.;:()“”\"]{0,200}?),\s+(?:editors?|eds?)\.\s+"
    r"(?P<book>[^\s.][^.]*?)\.(?:\s|$)")


# Elsevier's "in: B.S. Jones, R.Z. Smith (Eds.), Introduction to the Electronic Age,
# E-Publishing Inc., New York, 2009, pp. 281–304." (the book, publisher and place between
# commas before the year)
_ELSEVIER_EDITORS_THEN_BOOK = re.compile(
    r"\bin:\s+(?P<editors>[A-Z][^()]{0,200}?)\s+\((?:Eds?)\.\),\s+(?P<book>[^,.()]+?),"
    r"\s+[^,]+,\s+[^,]+,\s+(?:1[5-9]|20)\d\d\b")


# BibTeX's own styles (plain, alpha, abbrv): "In C. B. Jones, R. C. Shaw, and T. Denvir,
# editors, Proc. 5th. BCS-FACS Refinement Workshop, 1992.", "In Jean-Luc Gaudiot and Lubomir
# Bic, editors, Advanced Topics in Data-Flow Computing, pages 347-379." (the book ends where
# its pages, volume, number or year begin)
_BIBTEX_EDITORS_THEN_BOOK = re.compile(
    r"\bIn\s+(?P<editors>[A-Z][^()“”\"«»:]{0,200}?),\s+(?:editors|editor|eds\.|ed\.),\s+"
    r"(?P<book>[A-Z][^,]{0,200}?)(?=,\s*(?:pages|volume|vol\.|number|no\.|pp?\.|"
    r"(?:[A-Z][a-z]{2,8}\.?\s+)?(?:1[5-9]|20)\d\d\b)|\.\s[A-Z][^.,:]{1,40}:\s)")


# the editors after a chapter's quoted title with no "In", or after an "in" with "eds" and no
# full stop or "(editors)": "…Topics.” Thomas Faist and Eyüp Özveren, eds. Transnational Social
# Spaces: …. Aldershot", "…Comics?” Matthew J. Smith and Randy Duncan (eds.). Critical
# Approaches to Comics: …. New York", "in P. H. Damgaard, et al. (editors) Probabilistic
# Methods …, New York" (not "In Theorizing Documentary, ed. Michael Renov": a book, then its
# editor; no word with a full stop among the names: "… Psychology, Vol. VI, P.R. Farnsworth")
_EDITORS_NAMED_THEN_BOOK = re.compile(
    r"(?:[”\"]\.?\s+|\b[Ii]n:?\s+)"
    r"(?P<editors>[A-Z](?:(?!\b(?![JS]r\.)[A-Za-z]{3,}\.)[^()“”\"«»:]){1,160}?)"
    r"(?:,\s+(?:eds|editors)\.?,?|\s*\((?:eds?|editors?|Hrsg|Hgg?|dir|red|coord|[ée]ds?)\.?\)"
    r"\.?,?)\s+"
    r"(?P<book>[A-Z][^.()]*?)\s*(?:\.\s|\.?$|\(|,\s*(?:pp?\.\s*|[Vv]ol\.\s*)?\d|"
    r",\s[A-Z][^,.:]{1,30}:\s)")  # (a place and its publisher: ", New York: Plenum Press")


def _book_after_its_editors(item: dict[str, Any], text: str) -> None:
    """The book a chapter is in, printed after its editors and their "(ed.)" or "editors.",
    where the tagger found no book, took the editors for it or a part of the imprint after
    it; the editors are the editors."""
    container = item.get("container-title", "")
    bibtex = _BIBTEX_EDITORS_THEN_BOOK.search(text)
    book = bibtex.group("book") if bibtex else ""
    if bibtex and (not container or container in bibtex.group(0) or container.startswith(book)):
        # the tagger's book none, the editors, both with the book, or the book run on into
        # its volume; but where it ends at a full stop that the pattern reads past ("…,
        # editors, Predicting Structured Data. MIT Press, 2006"), the book is the tagger's
        _in_book(item, bibtex)
        if container and book.startswith(container + ". "):
            item["container-title"] = container
        return
    match = _ELSEVIER_EDITORS_THEN_BOOK.search(text) or _EDITORS_THEN_BOOK.search(text) or \
        _VANCOUVER_EDITORS_THEN_BOOK.search(text) or _EDITORS_NAMED_THEN_BOOK.search(text)
    at = text.find(container) if match and container else -1
    over_the_editors = match is not None and match.start("editors") <= at < match.start("book")
    if match is not None and container == match.group("book").strip():
        _in_book(item, match)  # the tagger's book, found right: its editors with it
        return
    if match is None or container and container not in match.group("editors") and \
            text.find(container, match.end("book")) < 0 and not over_the_editors:
        return  # (the tagger's book is its own, unless it runs from the editors on)
    _in_book(item, match)
    if over_the_editors and at + len(container) > match.end("book") and \
            text[match.end("book"):at + len(container)].startswith(". "):
        # the tagger's book ran from the editors on, past a full stop the pattern ends it
        # at: its subtitle ("(red.), Religie in de Nederlandse samenleving. De vergeten
        # factor (pp. 15-42)")
        item["container-title"] = text[match.start("book"):at + len(container)]


# IEEE's chapter: the book after "in", then its editors and "Eds." ("“Acoustic echo
# cancellation,” in Springer Handbook of Speech Processing, J. Benesty, M. M. Sondhi, and Y.
# Huang, Eds. Berlin, Germany: Springer, 2008"): a publisher's name opening the book's put the
# tagger off
_IEEE_NAME = r"[A-Z]\.(?:\s?-?[A-Z]\.)*\s(?:[a-z]{1,3}\s)?[A-Z][\w'’-]+"
_IEEE_BOOK_THEN_EDITORS = re.compile(
    rf"[,.]?[”\"]\s+in\s+(?P<book>[A-Z][^“”\"()]{{2,200}}?)"
    # (its edition, volume or series between it and its editors, no part of its name: "…,
    # 2nd ed., B. Siciliano and O. Khatib, Eds.")
    r"(?:,\s+(?:\d+(?:st|nd|rd|th)\s+ed\.|[Vv]ol\.\s*\d+|ser\.\s[^,]{1,60}))*,\s+"
    rf"(?P<editors>{_IEEE_NAME}(?:,\s(?:and\s)?{_IEEE_NAME}){{0,9}}(?:,?\sand\s{_IEEE_NAME})?)"
    r",\s+Eds?\.")


def _ieee_book_then_editors(item: dict[str, Any], text: str) -> None:
    """The book of such a chapter, whole, where the tagger read a part of it or none, and
    its editors."""
    found = _IEEE_BOOK_THEN_EDITORS.search(text)
    if found is None:
        return
    book, container = found["book"].strip(), str(item.get("container-title") or "")
    if container and not book.startswith(container) and container not in found["editors"]:
        return  # (the tagger's book is another: left as read)
    _in_book(item, found)


def _in_book(item: dict[str, Any], match: re.Match[str]) -> None:
    """The book a chapter is in, and its editors, as a pattern with those groups read
    them."""
    item["container-title"] = match.group("book")
    editors = split_authors(match.group("editors"))
    if editors:
        item.setdefault("editor", editors)


# Chicago's "in Illuminations, ed. Hannah Arendt, trans. …", "In Identity: Community,
# Culture, Difference, edited by Jonathan Rutherford, 222–37.", "In Sturm und Drang: Eine
# Auswahl theoretischer Texte. Edited by Erich Löwenthal. Heidelberg: …"
_BOOK_THEN_EDITORS = re.compile(
    # "…,” in Illuminations" (a note), "…” In Identity" (a bibliography): not ", In Search
    # of Lost Time", a title that opens with the word
    # (the American Sociological Association's "Pp. 1–38 in The New Institutionalism …")
    r"(?:(?:^|,\s*|[”\"]\s+|\bPp\.\s\d+\s?[-–]\s?\d+\s)in|[.”\"]\s*In)\s+"
    r"(?P<book>[A-Z][^“”\"«»()]*?)"
    r"(?:,\s+(?:eds?\.|edited\s+by)|\.\s+Edited\s+by)\s+"
    # the editors end at a comma, a bracket, the end, or a full stop after a word (not the
    # full stop of an initial: "ed. D. J. Enright (New York …")
    # (the first editor named: one run of words, read once, however the list goes on)
    r"(?P<editors>[A-Z][^,()]*?)"
    r"(?=\s*[,(]|(?<=[^\W\d_]{2})\.\s|\.?\s*$)")


# the older British and European form of a chapter: "in:" and the book, then its editors,
# after "ed." or before "(eds.)", then the place and year or the pages ("Village schools in
# Norfolk, in: Education in the English Counties, ed. F. Grant, pp. 33-58 (London, …)",
# "Reading Calvin in Geneva. in: The Reformation and the Printed Book, ed. J.-F. Gilmont,
# Aldershot 1998, 155–171.", "… London. In: The London Parish, 1500–1700, R. Ashby and C.
# Price (eds.), London 1983, pp. 66–89.")
_CHAPTER_IN_COLON = re.compile(
    r"[.,]\s+[Ii]n:\s+(?P<book>[A-Z][^()]*?)(?:,\s+(?:eds?\.|edited\s+by)\s+"
    r"(?P<editors>[A-Z][^,()]*?)|,\s+(?P<named>[A-Z][^()]*?)\s+\((?:eds?|Hrsg|Hg)\.\))"
    r"(?=,\s)")


def _chapter_in_colon(item: dict[str, Any], text: str) -> None:
    """Such a chapter's title, book and editors, where the tagger ran the title on into the
    book, or took the place and year for it."""
    found = _CHAPTER_IN_COLON.search(text)
    title = item.get("title") or ""
    at = text.find(title) if found and title else -1
    if found is None or at < 0 or found.start() < at:
        return
    read = item.get("container-title")
    runs_on = found.start() < at + len(title)  # (the title ran on into the book)
    if not runs_on and read is not None and read not in text[found.end():]:
        return  # (the tagger's book is its own, not the place and year after the editors)
    if runs_on:
        item["title"] = text[at:found.start()].strip()
    item["container-title"] = found["book"].strip()
    editors = split_authors(found["editors"] or found["named"] or "")
    if editors:
        item["editor"] = editors
    pages = _PAGES_AFTER_A_COMMA.match(text, found.end())
    if pages and not item.get("page"):
        item["page"] = _page(pages.group(1))


def _book_before_its_editors(item: dict[str, Any], text: str) -> None:
    """The book a chapter is in, printed before "ed." or "edited by" and its editors,
    where the tagger found no book, ran it on into its editors, or took an editor's name
    for it."""
    container = item.get("container-title")
    # after the title: not its own "in" ("Alice's Adventures in Wonderland, ed. …") nor the
    # "In" it opens with ("In Search of Lost Time, ed. …")
    start = max(_title_end(item, text), 0)
    title = item.get("title") or ""
    at = text.find(title) if title else -1
    quoted = _QUOTED_THEN_IN.match(title) if at >= 0 and (
        title[:1] in "“\"" or text[:at].endswith(("“", '"'))) else None
    if quoted and container is None:
        start = at + quoted.end() - 1  # (from its closing mark)
    match = _BOOK_THEN_EDITORS.search(text, start)
    if match and (container is None or container.startswith(match["book"] + ",") or
                  container in text[match.start("editors"):match.end("editors") + 200]):
        if container is not None:
            item.pop("editor", None)
        elif quoted and match.start() < at + len(title):
            item["title"] = quoted["title"]
        _in_book(item, match)


# Chicago's note of a chapter whose book names no editor, its imprint in brackets, after its
# title's closing quotation mark (”, ’, German's “, »): "“Clues:
# Roots of an Evidential Paradigm,” in Clues, Myths, and the Historical Method (Baltimore:
# Johns Hopkins University Press, 1989), 96–125."
# (its translator may stand between: "… in Clues, Myths, and the Historical Method, trans. John
# Tedeschi and Anne C. Tedeschi (Baltimore: …, 1989)")
_BOOK_THEN_IMPRINT = re.compile(
    r"[”\"’'“»],?\s+in\s+(?P<book>[A-Z][^“”\"«»()]*?)"
    r"(?:,\s+(?:trans\.|translated\s+by)\s+[A-Z][^“”\"«»()]*?)?\s+"
    r"\([^():]{2,60}:\s*[^()]{2,120}?,\s*(?:1[5-9]|20)\d\d\)")


def _book_before_its_imprint(item: dict[str, Any], text: str) -> None:
    """The book of such a chapter, where the tagger found none (after the title), or only
    the book's words up to a comma in its name."""
    container = item.get("container-title")
    if not item.get("title"):
        return
    found = _BOOK_THEN_IMPRINT.search(text, max(_title_end(item, text), 0))
    if found and not _ROLE_IN_A_BOOK.search(found["book"]) and not re.match(
            r"(?:\w+|\d+)\s+(?:Volumes|Parts|Books)\b", found["book"]) and (
            not container or found["book"].startswith(container + ",")
            and not _NO_PART_OF_A_BOOKS_NAME.search(found["book"], len(container))):
        item["container-title"] = found["book"].rstrip(" ,")


# what follows a book's name after a comma that is no part of it: its volume, book or part
# ("…, Vol. 10", "…, Volume 4: 1938–1940", "…, 5 vols.", "…, Book 5"), its series ("…, Past
# and Present Publications", "…, Studies on the History of Society and Culture 6"), who
# introduced it ("…, with an introduction by …")
_NO_PART_OF_A_BOOKS_NAME = re.compile(
    r"\d|\b(?:[Vv]ol(?:ume)?s?|Book|Part|Series|Studies|Publications|Library|Collection|"
    r"[Ww]ith\s+an?\s)\b")


# a note's chapter in French, Italian or Spanish: its book after "in", then the place and the
# publisher, each after a comma ('“Un problema di scala”, in Dieci interventi sulla storia
# sociale, Torino, Rosenberg & Sellier, 1981, pp. 75-81.')
_BOOK_PLACE_PUBLISHER = re.compile(
    r"[”\"’»],?\s+in\s+(?P<book>[A-Z][^“”\"«»(),]*+(?:,\s+[a-z][^“”\"«»(),]*+)*),\s+"
    r"(?P<place>[A-Z][a-zà-ÿ]++(?:[\s-][A-Z][a-zà-ÿ]++)?),\s+"
    r"(?P<publisher>[A-Z][^,()\d]*?),\s+(?:1[5-9]|20)\d\d\b")


def _book_place_publisher(item: dict[str, Any], text: str) -> None:
    """The book of such a chapter, where the tagger read its publisher or place as the
    book."""
    container = item.get("container-title")
    if not container or not item.get("title"):
        return
    found = _BOOK_PLACE_PUBLISHER.search(text, max(_title_end(item, text), 0))
    if found and container in (found["publisher"], found["place"]) and \
            not _ROLE_IN_A_BOOK.search(found["book"]):
        item["container-title"] = found["book"]
        item.setdefault("publisher", found["publisher"])


# a book's editors and their role, in brackets, that the tagger read into the book after
# them: "in Jacques Donzelot (dir.), Face à l'exclusion. Le modèle français", "J. Kennedy &
# J. Zwemer (red.), Religie in de Nederlandse samenleving"
_EDITORS_OPENING_A_BOOK = re.compile(
    r"(?:(?:in|dans|en|em):?\s+)?(?P<editors>[^\W\d_][^()]{1,80}?)\s*"
    r"\((?:dirs?|éds?|eds?|coords?|red|orgs?|Hg|Hrsg|comps?)\.?\)\s*[,:.]?\s+"
    r"(?P<book>[^\W\d_].{2,})", re.I)


def _editors_opening_a_book(item: dict[str, Any]) -> None:
    """The book alone, and its editors, where the tagger read them into it (after "in" or
    "dans", or names with an initial: not "Computational Linguistics (Comp.) Studies")."""
    container = item.get("container-title") or ""
    found = _EDITORS_OPENING_A_BOOK.fullmatch(container) if "(" in container else None
    if found and (re.match(r"(?:in|dans|en|em):?\s", container, re.I)
                  or re.search(r"\b[A-Z]\.|&", found["editors"])):
        item["container-title"] = found["book"]
        editors = split_authors(found["editors"])
        if editors:
            item.setdefault("editor", editors)


def _journals_subtitle_ending_the_reference(item: dict[str, Any], text: str) -> None:
    """A journal's name with its subtitle after a colon, ending a reference that gives no
    numbers (APA's "in press": "… Journal of Experimental Psychology: General."), where the
    tagger ended the name at the colon."""
    container = str(item.get("container-title") or "")
    if not container or any(item.get(k) for k in ("volume", "issue", "page")) or \
            container + ":" not in text:  # (a pattern with the name in it compiled only then)
        return
    found = re.search(re.escape(container) + r":\s(?P<rest>[A-Z][A-Za-z ,&-]{2,60}?)\.?$",
                      text.rstrip())
    if found and not _STATUS.match(found["rest"]):
        item["container-title"] = f"{container}: {found['rest']}"


# what a reference says of a work's state after its journal, no subtitle of the journal's
_STATUS = re.compile(r"(?:forthcoming|in press|special issue|online first|accepted|advance "
                     r"online|early view|published online|preprint|under review|submitted)\b",
                     re.I)


# a chapter's quoted title the tagger ran on into the book after it, as a note prints them:
# '"The Forms of Capital," in Handbook of Theory and Research for the Sociology of Education'
_QUOTED_THEN_IN = re.compile(r'^[“"]?(?P<title>[^“”"]+?)[,.]?[”"](?=\s+in\s+[A-Z])')




# MLA's chapter: its quoted title, the book's, "edited by" and the editors, the publisher and
# the year ('"Cultural Identity and Diaspora." Identity: Community, Culture, Difference, edited
# by Jonathan Rutherford, Lawrence and Wishart, 1990, pp. 222–37.'), no "In" before the book
# (its translator may stand between: '"The Garden of Forking Paths." Translated by Donald A.
# Yates. Labyrinths: Selected Stories …, edited by …')
_MLA_BOOK_THEN_EDITORS = re.compile(
    rf"[.?!,]?[”\"]\s+(?:Translated\s+by\s+{_NAMES_TO_THEIR_STOP}\.\s+)?"
    r"(?P<book>[A-Z][^“”\"«»()]*?),\s+edited\s+by\s+(?P<editors>[A-Z][^,()]*?"
    r"(?:,?\s+and\s+[A-Z][^,()]*?)?),\s+(?P<publisher>[A-Z][^,()\d]*?),\s+(?:1[5-9]|20)\d\d\b")


# ... or with no editors, its publisher known by its words: '"Traveling Theory." The World, the
# Text, and the Critic, Harvard UP, 1983, pp. 226–47.'
_MLA_BOOK_THEN_PUBLISHER = re.compile(
    r"[.?!,]?[”\"]\s+(?P<book>[A-Z][^“”\"«»()]*?),\s+(?P<publisher>[A-Z][^,()\d]*?\b(?:UP|"
    r"Press|Publishers?|Publishing|Books|Verlag))\b,\s+(?:1[5-9]|20)\d\d\b")


# MLA 7's chapter: its quoted title, the book's, then its translator or editor after a full
# stop ('"The Death of the Author." Image, Music, Text. Trans. Stephen Heath. New York: …')
_MLA_BOOK_THEN_ROLE = re.compile(
    r"[.?!,]?[”\"]\s+(?P<book>[^\W\d_][^“”\"«»()]*?)\.\s+"
    r"(?P<role>(?:(?P<edited>Ed\.|Eds\.|Edited\s+by)|Trans\.|Translated\s+by)\s+"
    rf"(?P<names>{_NAMES_TO_THEIR_STOP})\.)")


# (a book's editors or translators, its volume or its edition after its name are none of it)
_ROLE_IN_A_BOOK = re.compile(r",\s+(?:(?:edited|translated|compiled)\s+by|eds?\.|trans\.|vols?\.|"
                             r"\d+(?:st|nd|rd|th)\s+ed\.)(?:\s|$)")


# a book publisher's name, no newspaper's ("Duke UP", "Harvard University Press", not "Detroit
# Free Press", whose section an MLA citation names before it)
_A_BOOK_PUBLISHER = re.compile(r"\bUP$|University Press|Publishers?$|Publishing|Books$|Verlag")


def _mla_book_before_its_editors(item: dict[str, Any], text: str) -> None:
    """MLA's book a chapter is in, after the chapter's quoted title, where the tagger read
    the publisher as the book, or no book, or only the book's first words (cut at a comma
    in its title)."""
    end = _title_end(item, text)
    match = _MLA_BOOK_THEN_EDITORS.match(text, end) if end > 0 else None
    read = item.get("container-title")
    # (the tagger's book none, the publisher, a part of the editors and publisher, or the
    # book cut at the colon of its subtitle)
    if match and (read in (None, match["publisher"]) or read in text[match.end("book"):
                                                                       match.end()]
                  or match["book"].startswith(read + ":")):
        _in_book(item, match)
        item.setdefault("publisher", match["publisher"])
        return
    match = _MLA_BOOK_THEN_ROLE.match(text, end) if end > 0 else None
    if match and (read is None or text.startswith(read, match.start("role"))):  # (or the
        # role read as the book)
        item["container-title"] = match["book"]
        if match["edited"]:  # the book's editors ("Ed. John Doe."): a chapter of it
            editors = split_authors(match["names"])
            if editors:
                item.setdefault("editor", editors)
        return
    match = _MLA_BOOK_THEN_PUBLISHER.match(text, end) if end > 0 else None
    container = item.get("container-title") or ""
    # (no book read (the tagger took it, and the publisher, for more names), the book cut at
    # a comma in its name, or the publisher read as the book: '"Queer and Now." Tendencies,
    # Duke UP, 1993')
    if match and (not container and not _ROLE_NOTE.match(match["book"])
                  and ". " not in match["book"]
                  or match["book"].startswith(container) and "," in match["book"]
                  or container == match["publisher"] and _A_BOOK_PUBLISHER.search(container)) \
            and not _ROLE_IN_A_BOOK.search(match["book"]):
        item["container-title"] = match["book"]
        item.setdefault("publisher", match["publisher"])


# the first words of an abbreviated journal, left between the title and the rest of the
# journal ("Concluding remarks. Cold Spring Harb. Symp. Quant. Biol. 22, 415–427"): capitalised
# words, the last of them abbreviated
_ABBREVIATED_FIRST_WORDS = re.compile(
    r"[.?!]?\s+((?:[A-Z][a-z]{0,14}\.?\s+){0,3}[A-Z][a-z]{1,5}\.)\s+")
# Nature's proceedings after "In Proc.", their year and name up to the pages: "In Proc. 2014
# Conference on Empirical Methods in Natural Language Processing 1724–1734", its editors
# between ("… Human Language Technologies (eds Burstein, J. et al.) 4171–4186")
_NATURES_PROCEEDINGS = re.compile(
    r"\bIn\s+(Proc\.\s+(?:(?:1[5-9]|20)\d\d\s+)?[A-Z](?:[^.,;()\d]|\.(?=\s[A-Za-z])){5,200}?)"
    r"(?:\s+\(eds?\.?\s[^()]{1,300}\))?\s+\d+\s?[-–]\s?\d+")


_ROLE_WORD = re.compile(r"\b(?:Hgg?|Hrsg|Eds?|Trans|Übers|Bd|Vol|Aufl)\.")
# a review's book and its author after its title (Chicago, MLA), then the journal: "“Dégringolade.”
# Review of La France qui tombe, by Nicolas Baverez. London Review of Books 26, no. 17"
_REVIEWED_THEN_JOURNAL = re.compile(
    # (the author's name up to the full stop that ends it, not an initial's, bounded: a
    # name with particles, "and", a translator after it)
    r"\bReview of\s[^.]{2,200}?,\s+by\s+(?:[^.]|(?<=\b[A-Z])\.){1,150}?(?<!\b[A-Z])"
    r"\.\s+(?P<journal>[A-Z][^.\d()]{2,120}?)(?=,?\s+\d|,\s)")


def _reviewed_book_read_as_the_journal(item: dict[str, Any], text: str) -> None:
    """The journal of such a review, where the tagger took the review's words for it ("Review
    of", "Review of The Road"; not a journal named "Review of …": no book's author after)."""
    container = str(item.get("container-title") or "")
    if not container.startswith("Review of"):
        return
    found = _REVIEWED_THEN_JOURNAL.search(text)
    if found and found.start() >= _title_end(item, text):
        item["container-title"] = found["journal"].strip()


# the note of when or where a web page was read ("Accessed 3 February 2021.", "Retrieved
# from", "Consulté le", "Abgerufen am"): no container of the work
_ACCESS_NOTE = re.compile(r"(?i:accessed|retrieved|viewed|consult[ée]|abgerufen|zugriff|consultado)"
                          r"\b|(?i:available|cited)(?:\s+(?:from|at|online|on|via|\d)\b|$)")


# ... nor the sentence that names who translated or edited the work ("… 1200–1600.
# Translated by Lucy Harrow. 3 vols. Leiden: Brill, 2004–7.")
_ROLE_NOTE = re.compile(r"(?i:translated|edited|introduced|compiled|annotated)"
                        r"(?:\s+and\s+\w+)?\s+by\s")


def _access_note_read_as_the_container(item: dict[str, Any], text: str) -> None:
    """No container where the tagger took such a note for one (a book whose title opens
    with such words stays: "In Translated by the Author: …")."""
    container = str(item.get("container-title") or "")
    if _ACCESS_NOTE.match(container) or _ROLE_NOTE.match(container) and not re.search(
            r"\b[Ii]n:?\s+" + re.escape(container), text):
        del item["container-title"]


# the journals whose abbreviated name opens with "J." that the American Chemical Society's
# title-less form cites most, after the last author's initials ("Becke, A. D. J. Chem. Phys.
# 1993, 98, 5648"): the "J." (and the words after it the tagger took too) are the journal's
_J_JOURNALS = re.compile(
    r"(?:Chem\. Phys|Am\. Chem\. Soc|Phys\. Chem\.(?: [ABC]| Lett)?|Comput\. Chem|Org\. Chem|"
    r"Med\. Chem|Chem\. Theory Comput|Catal|Mater\. Chem\.(?: [ABC])?|Electrochem\. Soc|"
    r"Appl\. Phys|Biol\. Chem|Mol\. Biol|Chem\. Inf\. Model|Chem\. Soc|Chem\. Educ|"
    r"Colloid Interface Sci|Membr\. Sci|Power Sources|Mol\. Struct|Chem\. Eng\. Data|"
    r"Agric\. Food Chem|Nat\. Prod|Pharm\. Sci|Polym\. Sci)\.?")
_INITIALS_THEN_J = re.compile(r"(?P<initials>(?:[A-Z]\.[\s-]?)+?)\s?J\."
                              r"(?:\s(?P<words>(?:[A-Z][a-z]+\.?\s?)+))?")


def _acs_journal_read_into_the_initials(item: dict[str, Any]) -> None:
    """The journal whole, and the last author's initials without its "J.", in such a
    reference (no title)."""
    authors = item.get("author") or []
    container = str(item.get("container-title") or "")
    if item.get("title") or not authors or not container:
        return
    given = authors[-1].get("given") or ""
    found = _INITIALS_THEN_J.fullmatch(given.strip())
    if found is None:
        return
    words = [w.rstrip(".") + "." for w in (found["words"] or "").split()]  # ("Comput" too)
    journal = " ".join(["J.", *words, container])
    if _J_JOURNALS.fullmatch(journal[3:]):
        authors[-1]["given"] = found["initials"].strip()
        item["container-title"] = journal


# the American Anthropological Association's chapter: its title, "In" and the book, the
# editors and "eds." after it, then the pages ("… 1986 Introduction: Partial Truths. In Writing
# Culture: The Poetics and Politics of Ethnography. James Clifford and George E. Marcus, eds.
# Pp. 1–26. Berkeley: …")
_AAA_CHAPTER = re.compile(
    r"(?<![\w-])(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\.?\s+"
    r"(?P<title>[^\s].{1,300}?)[.?!]\s+In\s+"
    r"(?P<book>[A-Z][^.]{1,200}?)\.\s+(?P<editors>(?:[^.,()]|(?<=\b[A-Z])\.){2,200}?),\s+"
    r"eds?\.\s+Pp\.\s+\d")


def _aaa_chapter(item: dict[str, Any], text: str) -> None:
    """Such a chapter's title and book, as the form places them (and its year, and its one
    author's given name before it, where the tagger read them into the title)."""
    found = _AAA_CHAPTER.search(text)
    if found is None:
        return
    authors = item.get("author") or []
    if len(authors) == 1 and authors[0].get("family") and not authors[0].get("given"):
        given = re.fullmatch(re.escape(authors[0]["family"]) + r",\s+(?P<given>[^\d,.]+?)\s*",
                             text[:found.start()])
        if given:
            authors[0]["given"] = given["given"]
    item.setdefault("issued", {"date-parts": [[int(found["year"])]]})
    item["title"] = found["title"].strip()
    item["container-title"] = found["book"].strip()
    editors = split_authors(found["editors"])
    if editors:
        item["editor"] = editors


# what a journal's or a book's name may end with that is none of it: a journal's series
# ("CQ n.s. 8", "Economic History Review 2nd ser. 18"), a book's editors as French, German,
# Italian, Spanish, Portuguese and Polish introduce them ("Les Hommes et leurs dieux, sous la
# dir. de Jean Bazin", "Impérios e caridade, organizado por Ana Pires", "…, red. Tomasz Kurek")
_SERIES_ENDING_A_NAME = re.compile(r",?\s+(?:n\.\s?s|N\.\s?S|(?i:(?:\d+(?:st|nd|rd|th)|new|first|"
                                   r"second|third|fourth|fifth)\s+ser(?:ies|\.)?))\.?,?$")
_EDITORS_ENDING_A_NAME = re.compile(r",\s+(?:sous la dir(?:ection|\.)\s+de|hrsg\.\s+von|"
                                    r"a cura di|éd\.\s+par|(?:editad|organizad|coordinad)[oa]s?"
                                    r"\s+por|red\.)\s+[A-ZÀ-Þ].*$")


def _series_or_editors_ending_the_container(item: dict[str, Any], text: str) -> None:
    """The container's name without such an ending, where the reference prints it so."""
    container = str(item.get("container-title") or "")
    name = _EDITORS_ENDING_A_NAME.sub("", container)
    if item.get("volume"):  # (a journal's series; a book's is its title's: "Essays in
        # Criticism, second series")
        name = _SERIES_ENDING_A_NAME.sub("", name)
    if name != container and name.strip() and container in text:
        item["container-title"] = name.strip()


# Chicago's note of a book: the names given name first, the title, its volume, editor or
# translator perhaps, the imprint in brackets (a reprint's first year before it), the page
# cited ("Charles Dickens, Hard Times (1854; repr., London: Penguin, 2003), 45.")
_PERSON_GIVEN_FIRST = r"[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,2}\s+[A-Z][\w'’-]+"
_CHICAGO_NOTE_BOOK = re.compile(
    rf"^\s*(?:\d{{1,3}}\.\s+)?(?P<names>{_PERSON_GIVEN_FIRST}(?:(?:,\s+|,?\s+and\s+)"
    rf"{_PERSON_GIVEN_FIRST}){{0,3}}),\s+(?P<title>[A-Z][^()]{{1,300}}?)"
    r"(?:,\s+[Vv]ol\.\s+(?P<volume>\d{1,3})(?:\s+of\s+[^(),]+)?)?"
    r"(?:,\s+(?:ed\.|trans\.|edited by|translated by|\d+(?:st|nd|rd|th)\s+ed\.)[^()]*)?"
    r"\s+\((?:\[?(?:1[5-9]|20)\d\d\]?;\s+repr\.,?\s+)?[^():;]{2,60}:\s*[^()]{2,120}?,\s*"
    r"(?P<year>(?:1[5-9]|20)\d\d)\),\s*(?P<page>\d{1,5}(?:\s?[-–]\s?\d{1,5})?)\.?\s*$")


def _chicago_note_book(item: dict[str, Any], text: str) -> None:
    """Such a note's fields, as the form places them, where the tagger read the names, the
    title or the page otherwise (its year, when the tagger read one, stays: a reprint's
    first or the edition's)."""
    found = _CHICAGO_NOTE_BOOK.match(text)
    if found is None or re.search(r",\s+in\s+[A-Z]|\b[Vv]ol\.|\s\d+$", found["title"]):
        return  # (an unquoted chapter's or article's, or a set's volume before the title)
    authors = split_authors(found["names"])
    read = {person.get("family") for person in item.get("author") or []}
    if not authors or authors[0].get("family") not in read:
        return  # (the tagger's first author: "Capital Markets, Risk and Return (…)" has none)
    item["author"] = authors
    item["title"] = found["title"].strip()
    item.pop("container-title", None)
    if found["volume"]:
        item["volume"] = found["volume"]
    else:
        item.pop("volume", None)
    item.pop("issue", None)
    if found["page"] != found["year"]:  # (not a year printed twice)
        item["page"] = _page(found["page"])
    item.setdefault("issued", {"date-parts": [[int(found["year"])]]})


# Linguistics' (the LSA's) chapter: the title, the book and "ed. by" its editors, no "In"
# ("Remarks on nominalization. Readings in English transformational grammar, ed. by Roderick
# A. Jacobs and Peter S. Rosenbaum, 184–221.")
_TITLE_THEN_BOOK = re.compile(r"(?P<title>.{3,300}?[^.\s](?<!\b[A-Z])[.?!])\s+"
                              r"(?P<book>[A-Z][^.]{2,200})")


def _book_before_ed_by(item: dict[str, Any], text: str) -> None:
    """The book of such a chapter, where the tagger ran it into the title."""
    title = str(item.get("title") or "")
    end = _title_end(item, text)
    split = _TITLE_THEN_BOOK.fullmatch(title) if end > 0 else None
    if split and re.match(r",?\s*eds?\.\s+by\s+[A-Z][^()]{2,200}?,\s*\d+\s?[-–]\s?\d+",
                          text[end:]):  # (a chapter's pages after its editors)
        item["title"] = split["title"].rstrip(".")
        item["container-title"] = split["book"].strip()


_ROLE_BY = re.compile(r"\b(?:[Ee]dited|[Tt]ranslated|[Cc]ompiled|[Ii]ntroduced)(?:\s+and\s+\w+)?"
                      r"\s+by\s+")


def _editor_read_as_the_container(item: dict[str, Any], text: str) -> None:
    """A book's editor or translator after its title ("Edited by J. B. Bury. 7 vols."), the
    last of whose name the tagger read as a container: no container."""
    container = str(item.get("container-title") or "")
    if not container or len(container.split()) > 3 or not _ROLE_BY.search(text):
        return  # (the pattern with the name in it is compiled only where a role is named)
    if re.search(_ROLE_BY.pattern + r"(?:[A-Z]\.\s?|[A-Z][\w'-]+\s){0,4}" + re.escape(container)
                 + r"\.", text) and len(re.findall(re.escape(container), text)) == 1:
        del item["container-title"]


# Nature's chapter of a book, its number after the book's name: "in Inferring Phylogenies
# Ch. 9, 142–160 (Sinauer Associates, 2004)"
_CHAPTER_AFTER_THE_BOOK = re.compile(r"\s+Ch\.\s?(\d{1,3})\b")


def _chapter_number_after_the_book(item: dict[str, Any], text: str) -> None:
    """The book's name without the "Ch." the tagger ran into it, and the chapter's number no
    volume."""
    container = str(item.get("container-title") or "")
    if not container.endswith(" Ch"):
        return
    name = container[:-3].rstrip()
    found = re.search(re.escape(name) + _CHAPTER_AFTER_THE_BOOK.pattern, text) if name else None
    if found is None:
        return
    item["container-title"] = name
    if str(item.get("volume") or "") == found.group(1) and _printed_once(found.group(1), text):
        del item["volume"]


def _abbreviated_journal_cut(item: dict[str, Any], text: str) -> None:
    """An abbreviated journal whose first words the tagger left out ("Symp. Quant. Biol" of
    "Cold Spring Harb. Symp. Quant. Biol."), or cut at "Proc." (Nature's "In Proc. 2014
    Conference on …"), whole."""
    container = item.get("container-title") or ""
    if container == "Proc":
        found = _NATURES_PROCEEDINGS.search(text)
        if found:
            item["container-title"] = found.group(1)
        return
    end = _title_end(item, text)
    if end < 0 or ". " not in container:
        return
    at = text.find(container, end)
    found = _ABBREVIATED_FIRST_WORDS.fullmatch(text, end, at) if at > end else None
    if found and not _ROLE_WORD.search(found.group(1)):  # (an editor's "Hg.", no journal's)
        item["container-title"] = f"{found.group(1)} {container}"


# the first words of an abbreviated journal after the title's last comma, up to the first
# abbreviation's full stop, which the tagger kept in the title (mathematics' and physics'
# "…, Duke Math. J. 162 (2013)", "…models,Comput. Graph. Forum 29", "…, to appear in Comm.
# Partial Differential Equations.", "…Lyrik, Rheinisches Museum für Philologie N.F. 98"; not
# a title's "…, in China. Lancet", "…, in Vitro. Cell", "…, Part I. J. Chem. Phys.")
_JOURNAL_OPENING_THE_TITLES_END = re.compile(
    r",(?P<space>\s?)(?P<in>to appear in\s+)?"
    r"(?P<words>(?:[A-Z][\w-]*\s(?:[\w-]+\s){0,4})?[A-Z][a-z]{0,5})$")
# a title's own last words, a part or a series: "…, Part I. J. Chem. Phys.", "…, New Series."
_A_TITLES_PART = re.compile(r"^(?:Part|Series|Book|Chapter|Section|Vol)\b|\b(?:[IVXLC]+|Series)$")
_ABBREVIATED_REST = re.compile(  # (each word atomic: a run of capitals is read one way)
    r"\.\s?(?P<rest>(?>[A-Z][\w.-]*\.?\s?)+?)(?=\s?\d|\.?$)")


def _journal_left_in_the_title(item: dict[str, Any], text: str) -> None:
    """The title up to that comma, and the journal whole (where the tagger gave it no
    container, or only the rest after that full stop)."""
    title = item.get("title", "")
    end = _title_end(item, text)
    words = _JOURNAL_OPENING_THE_TITLES_END.search(title) if end > 0 else None
    rest = _ABBREVIATED_REST.match(text, end) if words else None
    container = str(item.get("container-title") or "")
    if rest is None or container and not rest["rest"].strip(" .").startswith(container):
        return
    after = rest["rest"].strip(" .")
    if _A_TITLES_PART.search(words["words"]) or not (
            words["in"] or len(after) <= 2 or "." in after and not words["space"]):
        return  # "to appear in" before it, a stub after the stop ("J", "F"), or a comma a
        # PDF glued to it (",Comput. Graph. Forum") says journal: "…, A Survey. J. Funct.
        # Anal." and "…, One of the Glasgow Boys. Victorian Studies 42" are titles' ends
    item["title"] = title[:words.start()].rstrip()
    item["container-title"] = f"{words['words']}.{text[rest.start() + 1:rest.end()]}".strip(" .")


# IEEE's proceedings, abbreviated, up to the meeting's acronym in brackets: '," in Proc. 2022
# IEEE Int. Conf. Prognostics Health Manage. (ICPHM), Detroit, MI, USA, 2022'
_IEEE_PROCEEDINGS = re.compile(
    r"[,”\"]\s*[”\"]?\s*in\s+(?P<proceedings>Proc\.\s[^\"“”()]{3,200}?\s\([A-Z][A-Za-z0-9&/-]{1,20}"
    r"(?:\s?['’]?\d{2,4})?\))(?=[,.])")


def _ieee_proceedings(item: dict[str, Any], text: str) -> None:
    """IEEE's abbreviated proceedings whole, where the tagger ended them at the first
    abbreviation's full stop ("Proc")."""
    found = _IEEE_PROCEEDINGS.search(text, max(_title_end(item, text), 0))
    container = item.get("container-title") or ""
    if found and found["proceedings"].startswith(container) \
            and len(container) < len(found["proceedings"]):
        item["container-title"] = found["proceedings"]


# APA's article in press: the journal alone after its title, "(in press). Title. Journal."
_JOURNAL_ALONE_AT_END = re.compile(r"[.?!]\s+(?P<journal>[A-Z][^.()\d]{2,100}?)\.?\s*$")


def _journal_of_a_work_in_press(item: dict[str, Any], text: str) -> None:
    """The journal of an article in press, named alone after its title."""
    end = _title_end(item, text)
    if "container-title" in item or end < 0 or not re.search(r"\(in press\)", text, re.I):
        return
    found = _JOURNAL_ALONE_AT_END.match(text, end)
    if found and (not _PUBLISHER_WORD.search(found["journal"]) or re.search(
            r"\b(?:Journal|Review|Letters|Studies|Quarterly|Bulletin|Learned|Annals)\b",
            found["journal"])):  # (a book in press: its publisher; "Learned Publishing")
        item["container-title"] = found["journal"].strip()


# Cell Press's chapter: its book after "In", the book's editors and "ed." or "eds." perhaps,
# then the publisher in brackets and the pages: "In StatPearls (StatPearls Publishing LLC.).",
# "In The Cognitive Neurosciences, M.S. Gazzaniga, ed. (MIT Press), pp. 1067–1079." Read from
# the end: the publisher's brackets close the reference, the last "In" before them opens the
# book (one pattern over the whole took seconds on a long line of commas)
_PUBLISHER_ENDING = re.compile(r"\s\((?P<publisher>[^()\d]+)\)"
                               r"(?:,\s+pp?\.\s*(?P<pages>\d+\s*[–—-]\s*\d+))?\.?\s*$")
_IN_A_BOOK = re.compile(r"[.?!”\"]\s+In\s+(?=[A-Z])")
_EDITORS_ENDING = re.compile(r",\s+(?i:eds?)\.$")
# where the editors begin: "…, M.S. Gazzaniga" (initials first), "…, Gazzaniga, M.S." or
# "…, van der Berg, R." (family name first)
_EDITORS_OPENING = re.compile(
    r",\s+(?=[A-Z]\.|(?:(?:van|von|de|der|den|da|di|du|la|le|del|ter|ten)\s+)*"
    r"[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s?-?)+(?:,|\s+and\b|\s*&|$))")
# what names a publisher in the brackets: "(Academic Press)", "(StatPearls Publishing
# LLC.)", "(Springer)", "(McGraw-Hill)"; a place ("(London)", "(Chapel Hill)"), a journal
# or a note has none of these words
_PUBLISHER_WORD = re.compile(
    r"\b(?:Press|Publishing|Publishers?|Verlag|[EÉ]ditions|Springer|Elsevier|Wiley|Sons|"
    r"LLC|Inc|Ltd|GmbH|Routledge|SAGE|Sage|Blackwell|Norton|Macmillan|Pearson|Kluwer|Karger|"
    r"Thieme|Humana|McGraw|CRC)\b")
# what says a name is a publisher's: a word of one ("MIT Press", "Basic Books", "Springer");
# else a journal without its numbers, a newspaper, a site stand there too ("Pediatrics.",
# "The Economist.", "Kaggle.")
_A_PUBLISHERS_WORD = re.compile(
    rf"{_PUBLISHER_WORD.pattern}|\b(?:Books|Publications|Editions?|"
    r"Ediciones|Edições|Editora|Editore|Editori|Editorial|Verlags?|Forlag|Förlag|Uitgeverij|"
    r"Academic|Associates|Group|Institute|Foundation|Organization|Organisation|"
    r"Council|Office|Agency|Centre|Center|Association)\b")
# what a bracket ending a reference says that is no publisher, even with a publisher's word
# in it: a name in capitals alone ("(CRC)"), or two among small letters, as a meeting's
# acronym is written ("(McGraw)", "(NeurIPS)"), a word in small letters first ("(in press)"),
# or a note on the work ("(In Press)", "(Press release)", "(Reprinted from … Press)")
_NO_PUBLISHER_NAMED = re.compile(
    r"[^a-z]*|[^A-Z].*|(?=[a-z]{0,10}[A-Z][a-z]{0,10}[A-Z])[A-Za-z]{2,12}"
    r"(?:[\s'’-]{0,2}\d{1,4})?|(?i:in press|volume \w+|part \w+|translated by .*|"
    r".*\beditors?\b.*|press (?:conference|release|briefing)|"
    r".*\b(?:reprinted|published online)\b.*)\.?")


# APA's book and chapter end with their publisher, after the title (and its edition) or after
# the book's bracket of pages: "(2016). Deep learning. MIT Press.", "(2020). Publication
# manual … (7th ed.). American Psychological Association.", "In W. Damon & R. M. Lerner
# (Eds.), Handbook of child psychology (6th ed., Vol. 1, pp. 793–828). Wiley." (perhaps its
# DOI or address after it)
_APA_EDITION = r"\((?P<edition>\d{1,2})(?:st|nd|rd|th)\s(?:ed|edn)\.(?:,[^()]{1,40})?\)"
_APA_PUBLISHER_ENDING = re.compile(
    rf"\s*(?:{_APA_EDITION}|\([^()]{{0,40}}\bpp?\.\s?[\d–-]+\))?\.\s+"
    r"(?:(?P<place>[A-Z][^.():,]{1,40}(?:,\s[A-Z]{2}|,\s[A-Z][a-z]+)?)\s?:\s)?"
    r"(?P<publisher>[A-Z][^.():]{1,100}?(?:\s(?:Inc|Ltd|Co)\.)?)\."
    # (a DOI's address, not a web page's: a site's name stands where a publisher does)
    r"(?:\s+(?:https?://(?:dx\.)?doi\.org/|doi:\s?|DOI:\s?)\S+)?\s*$")
# what stands there that is no publisher: a note on the work's state or kind
_NOT_PUBLISHED_BY = re.compile(r"\b(?:to appear|report|unpublished|manuscript|paper|presented|"
                               r"thesis|dissertation|submitted|forthcoming|in press|preprint|"
                               r"retrieved|available|accessed|poster|\d)", re.I)


def _names_no_publisher(name: str) -> bool:
    """Whether what stands where a publisher would is none (:data:`_NO_PUBLISHER_NAMED`,
    :data:`_NOT_PUBLISHED_BY`)."""
    return bool(_NO_PUBLISHER_NAMED.fullmatch(name) or _NOT_PUBLISHED_BY.search(name))


# ... nor a book: software, a dataset, a film, a painting, a manuscript, anything APA describes
# in square brackets ("(v2.1.0). Zenodo.", "[Data set]", "[Motion picture]")
_NOT_A_BOOK = re.compile(r"\[[A-Za-z][^\[\]]{2,60}\]|\((?:v|version\s)\d", re.I)


def _apa_publisher(item: dict[str, Any], text: str) -> None:
    """The publisher and edition of APA's book or chapter, where the reference is dated by
    its year alone in brackets after its authors and ends with them (a journal article has
    its numbers there; a web page, a date with its day)."""
    if item.get("volume") and not item.get("editor") or item.get("issue") or \
            not re.search(r"\((?:1[5-9]|20)\d\d[a-z]?\)\.\s", text) or _NOT_A_BOOK.search(text):
        return
    book = item.get("container-title") if item.get("editor") else None
    last = book or (None if item.get("container-title") or item.get("page")
                    else item.get("title"))
    at = text.rfind(last) if last else -1
    found = _APA_PUBLISHER_ENDING.match(text, at + len(last)) if at >= 0 and last else None
    if found is None or _names_no_publisher(found["publisher"]):
        return
    if not (book or found["place"] or found["edition"]
            or _A_PUBLISHERS_WORD.search(found["publisher"])):
        return  # (a book's sentence after its title: the publisher's word says it is one)
    item.setdefault("publisher", found["publisher"].strip())
    if found["place"]:  # APA 6's "New York, NY: Springer"
        item.setdefault("publisher-place", found["place"].strip())
    if found["edition"]:
        item.setdefault("edition", found["edition"])


# Chicago's, ABNT's and other styles' imprint closing a book's (or its chapter's) reference:
# "New York: Penguin, 2010.", "Madrid: Revista de Occidente, 1930.", "Rio de Janeiro: Zahar,
# 2001. p. 9-28.", "Cambridge, MA: MIT Press, 1998.", Vancouver's "Philadelphia: Elsevier;
# 2021." (a place of up to four words, with the
# small words of place names; the ABNT pages of a chapter or count of a book after the year)
# (and its state or country after a comma: "Stanford, California", "Hoboken, NJ, USA",
# "Washington, D.C."; or Vancouver's in brackets, "Boston (MA)")
_REGION = (r"[A-Z]{2}|D\.C\.|U\.?S\.?A?\.?|UK|England|Scotland|Wales|Ireland|Brazil|Brasil|Canada|"
           r"Australia|New Zealand|Germany|France|Switzerland|Netherlands|Spain|Italy|Mexico|"
           r"India|China|Japan|Argentina|Portugal|Belgium|Austria|Sweden|Norway|Denmark|"
           r"Singapore|South Africa|Alabama|Alaska|Arizona|Arkansas|California|Colorado|"
           r"Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|"
           r"Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|"
           r"Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|"
           r"North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|"
           r"South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
           r"West Virginia|Wisconsin|Wyoming")
_PLACE = (r"[A-ZÀ-Þ][\w'’-]+(?:\s(?:(?:de|do|da|dos|das|del|am|an|upon|on|sur|en|la)\s)?"
          rf"[A-ZÀ-Þ][\w'’-]+){{0,3}}(?:,\s(?:{_REGION})){{0,2}}(?:\s\([A-Z]{{2}}\))?")
# ... where the place is one a reader knows for one: a city books are published in (a name
# alone may be a journal's first words, "Nature: Machine Intelligence", "Sleep: Journal of
# Sleep Research"), or a place with its state or country; else the publisher must say it is
# one by its word, and no journal's, meeting's or section's word (_NOT_AN_IMPRINT)
_PUBLISHING_CITY = re.compile(
    r"(?:New York|London|Paris|Berlin|Oxford|Cambridge|Chicago|Boston|Princeton|New Haven|"
    r"Berkeley|Stanford|Philadelphia|Baltimore|Washington|Toronto|Montreal|Madrid|Barcelona|"
    r"Buenos Aires|México|Mexico City|Santiago|Bogotá|Lima|Caracas|São Paulo|Rio de Janeiro|"
    r"Porto Alegre|Campinas|Belo Horizonte|Brasília|Salvador|Recife|Curitiba|Florianópolis|"
    r"Petrópolis|Lisboa|Lisbon|Porto|Coimbra|Roma|Rome|Milano|Milan|Torino|Turin|Firenze|"
    r"Florence|Bologna|Napoli|Venezia|Frankfurt(?: am Main)?|München|Munich|Stuttgart|"
    r"Hamburg|Leipzig|Heidelberg|Tübingen|Göttingen|Darmstadt|Bielefeld|Köln|Cologne|Bonn|"
    r"Freiburg|Wiesbaden|Wien|Vienna|Zürich|Zurich|Basel|Bern|Genève|Geneva|Amsterdam|Leiden|"
    r"Dordrecht|Utrecht|Brussels|Bruxelles|Louvain|Stockholm|Copenhagen|København|Oslo|"
    r"Helsinki|Warsaw|Warszawa|Kraków|Prague|Budapest|Moscow|Tokyo|Kyoto|Beijing|Shanghai|"
    r"Hong Kong|Taipei|Singapore|Seoul|New Delhi|Delhi|Mumbai|Sydney|Melbourne|Edinburgh|"
    r"Glasgow|Manchester|Abingdon|Thousand Oaks|Newbury Park|Los Angeles|San Francisco|"
    r"San Diego|Minneapolis|Ann Arbor|Ithaca|Durham|Chapel Hill|Austin|Seattle|Cham|Hoboken|"
    r"Upper Saddle River|Englewood Cliffs|Boca Raton|St\. Louis|Thorofare|Burlington|Malden|"
    r"Chichester|Harlow|Basingstoke|Bristol|Cheltenham|Northampton|Lanham|Albany|Bloomington|"
    r"Urbana|Champaign|Madison|Lincoln|Norman|Charlottesville|Nashville|Lexington|"
    r"Grand Rapids|Notre Dame|Evanston|Pittsburgh|Detroit|Cleveland|Dublin|Cardiff|"
    r"Amherst|Middletown|Hanover|Columbus|Houston|Dallas|Atlanta|Denver|Tucson|Honolulu|"
    r"Vancouver|Ottawa|Auckland|Wellington|Cape Town|Johannesburg|Nairobi|Cairo|Jerusalem|"
    r"Tel Aviv|Istanbul|Athens|Leuven|Lyon|Marseille|Toulouse|Bordeaux|Strasbourg|Lille|"
    r"Rennes|Grenoble|Montpellier|Nancy|Québec|Sevilla|Valencia|Salamanca|Granada|"
    r"Indianapolis|Düsseldorf|Augsburg|Mainz|Würzburg|Regensburg|Münster|Hannover|Dresden|"
    r"Kiel|Marburg|Paderborn|Opladen|Weinheim|Baden-Baden|Konstanz|Bamberg|Jena|Halle|"
    r"Farnham|Aldershot|Brighton|Leicester|Nottingham|Sheffield|Leeds|Liverpool|Newcastle|"
    r"Exeter|Norwich|Cork|Galway|Moskva|Sankt-Peterburg|St\. Petersburg|Kyiv|Kiev|Minsk|"
    r"Bucharest|Sofia|Belgrade|Zagreb|Ljubljana|Bratislava|Vilnius|Riga|Tallinn|Padova|"
    r"Pisa|Bari|Palermo|Genova|Verona|Trento|Zaragoza|Bilbao|Oviedo|Santander|Murcia|"
    r"Montevideo|Quito|La Paz|Asunción|Guadalajara|Monterrey|Havana|La Habana|San Juan|"
    r"Fortaleza|Goiânia|Niterói|Manila|Bangkok|Jakarta|Kuala Lumpur|Hanoi|Osaka|Nagoya|"
    r"Taichung|Nanjing|Hangzhou|Guangzhou|Wuhan|Chengdu|Xi'an|Tianjin|Canberra|Brisbane|"
    r"Perth|Adelaide|Hobart|Dunedin|Christchurch|Calgary|Edmonton|Winnipeg|Halifax|"
    r"Kingston|Lagos|Ibadan|Accra|Dakar|Addis Ababa|Kampala|Harare|Pretoria|Durban|"
    r"Beirut|Tehran|Karachi|Lahore|Dhaka|Colombo|Kathmandu|Bangalore|Chennai|Kolkata|"
    r"Calcutta|Bombay|Madras|Hyderabad|Pune|Providence|Hartford|New Brunswick|Newark|"
    r"Rochester|Syracuse|Buffalo|Bethesda|Rockville|Arlington|Alexandria|Richmond|Raleigh|"
    r"Knoxville|Memphis|Louisville|Cincinnati|Dayton|Kent|Toledo|Milwaukee|Iowa City|"
    r"Ames|Lawrence|Manhattan|Oklahoma City|Tulsa|Fayetteville|Baton Rouge|New Orleans|"
    r"Jackson|Tuscaloosa|Gainesville|Tallahassee|Miami|Tampa|Orlando|Albuquerque|Phoenix|"
    r"Tempe|Reno|Las Vegas|Salt Lake City|Provo|Boulder|Portland|Eugene|Corvallis|Pullman|"
    r"Sacramento|Davis|Santa Barbara|Santa Cruz|Irvine|Riverside|Pasadena|Palo Alto|"
    r"Menlo Park|Oakland|Stanford|Cambridge, Mass)")
# ... or a publisher's own name, with none of those words (a dictionary, as reference parsers
# keep one: "Farnham: Ashgate", "New York: Knopf")
_PUBLISHER_NAME = re.compile(
    r"(?:Ashgate|Penguin|Knopf|Vintage|Doubleday|Scribner|Viking|Bantam|Ballantine|Harper|"
    r"HarperCollins|Dutton|Grove|Houghton Mifflin|Beacon|Polity|Verso|Palgrave|Continuum|"
    r"Bloomsbury|Faber|Heinemann|Hutchinson|Jonathan Cape|Gallimard|Seuil|Flammarion|Fayard|"
    r"Minuit|Suhrkamp|Fischer|Rowohlt|Hanser|Reclam|C\. ?H\. ?Beck|Beck|Mohr Siebeck|Nauka|"
    r"Mysl|Progress|Zahar|Cortez|Atlas|Vozes|Papirus|Penso|Alianza|Anagrama|Cátedra|Planeta|"
    r"Tecnos|Paidós|Siglo XXI|Einaudi|Laterza|Feltrinelli|Mondadori|Il Mulino|Bompiani|"
    r"Adelphi|Brill|Bobbs-Merrill|Putnam|Crown|Pantheon|Random House|Simon (?:&|and) Schuster|"
    r"Hill and Wang|Picador|Anchor|Norton|Routledge|Pergamon|Plenum|Dover|Schocken|"
    r"Scholastic|Pearson|Longman|Methuen|Chatto (?:&|and) Windus|Hogarth|Allen (?:&|and) Unwin|"
    r"Duckworth|Granta|Fontana|Collins|Macmillan|Sage|Wiley|Springer|Elsevier|Kluwer|"
    r"De Gruyter|Peter Lang|Rodopi|Ediouro|Record|Objetiva|Companhia das Letras|Perspectiva|"
    r"Martins Fontes|Difel|Edusp|Sinmun'gwan)\b.*")
_NOT_AN_IMPRINT = re.compile(
    r"\b(?:Journal|Review|Letters|Transactions|Bulletin|Annals|Proceedings|Conference|"
    r"Symposium|Workshop|Congress|Meeting|Series|Section|Supplement|Special|Issue|"
    r"Encyclopa?edia|Magazine|Quarterly|Newsletter|Gazette|Times|Post|News|Protocol|"
    r"Exclusive|Edition)\b", re.I)
_IMPRINT_ENDING = re.compile(
    rf"[.,]\s+(?P<place>{_PLACE})\s?:\s(?P<publisher>[A-ZÀ-Þ][^.:;,()\d\[\]“”\"]{{0,80}}?)[,;]\s"
    r"(?P<year>(?:1[5-9]|20)\d\d)[a-z]?"
    r"(?:[.,]\s*(?:pp?\.\s*\d+(?:\s*[-–]\s*\d+)?|\d+\s*p))?\.?\s*$")


def _imprint_at_the_end(item: dict[str, Any], text: str) -> None:
    """The place and publisher of a book, or of the book a chapter is in, where its
    reference ends with them and the year (see above), after every field read, and neither
    a journal's volume nor its issue was read: a journal's article ends with its numbers.
    What the tagger took for a journal there is no journal."""
    if item.get("volume") or item.get("issue") or item.get("publisher"):
        return
    found = _IMPRINT_ENDING.search(text)
    if found is None or str(_issued_year(item)) != found["year"] or \
            _names_no_publisher(found["publisher"]):
        return
    place, publisher = found["place"], found["publisher"].strip()
    known = _PUBLISHING_CITY.fullmatch(re.sub(r",\s.*|\s\([A-Z]{2}\)$", "", place)) \
        or "," in place or place.endswith(")")
    if _NOT_AN_IMPRINT.search(place) or _NOT_AN_IMPRINT.search(publisher) and not \
            _PUBLISHER_WORD.search(publisher) or not (
            known or _A_PUBLISHERS_WORD.search(publisher)
            or _PUBLISHER_NAME.match(publisher)):
        return  # ("Monthly Review Press" is a publisher's name, "Review of …" a journal's)
    read = [value for key in ("title", "container-title") if (value := item.get(key))]
    if not read or any(text.rfind(value) < 0 for value in read):
        return
    container = item.get("container-title")
    if container and text.rfind(container) >= found.start("place"):
        del item["container-title"]  # the imprint read as a journal's name
    elif any(text.rfind(value) + len(value) > found.start() for value in read):
        return  # (a field read runs on into it: it is not after the reference's end)
    item["publisher-place"] = place
    item["publisher"] = publisher


# the imprint as Italian, French and Spanish bibliographies print it, between commas: "Il
# formaggio e i vermi, Torino, Einaudi, 1976.", "Cien años de soledad, Buenos Aires,
# Sudamericana." (a known publishing city, its publisher, perhaps the year)
_IMPRINT_BETWEEN_COMMAS = re.compile(
    r",\s(?P<place>[A-ZÀ-Þ][\w'’-]+(?:\s[A-ZÀ-Þa-z][\w'’-]+){0,2}),\s"
    r"(?P<publisher>[A-ZÀ-Þ][^,;:()\d]{1,60}?)(?:,\s(?P<year>(?:1[5-9]|20)\d\d))?\.?$")


_A_REGION = re.compile(rf"(?:{_REGION}|United Kingdom|United States|U\.K\.?|"
                       r"[A-Z]\.\s?[A-Z]\.?|España|Italia|Deutschland|Österreich|Schweiz|"
                       r"Suisse|Belgique|Brasil|Argentina|Chile|Colombia|Perú|Québec)")
_A_MEETING = re.compile(r"\b(?:Workshop|Conference|Symposium|Congress|Meeting|Colloquium|"
                        r"Convegno|Congresso|Colloque|Congreso|Tagung)\b")


def _imprint_between_commas(item: dict[str, Any], text: str) -> None:
    """Such an imprint's place and publisher, where no other was read; a title the tagger ran
    on into the place ends before it."""
    if item.get("publisher") or item.get("container-title") or item.get("volume"):
        return
    found = _IMPRINT_BETWEEN_COMMAS.search(text)
    if found is None or not _PUBLISHING_CITY.fullmatch(found["place"]) or (
            found["year"] and str(_issued_year(item)) != found["year"]) or \
            _NOT_AN_IMPRINT.search(found["publisher"]) or \
            _A_REGION.fullmatch(found["publisher"].strip()) or \
            _PUBLISHING_CITY.fullmatch(found["publisher"].strip()) or \
            _A_MEETING.search(text, 0, found.start()):
        return  # ("Academic Press, London, United Kingdom.": the place's country after it;
        # "Springer, Berlin, Heidelberg": a second place; "Workshop on X, London, Imperial
        # College": a meeting's venue)
    title = item.get("title") or ""
    at = text.find(title) if title else -1
    if at < 0 or at > found.start():
        return
    if at + len(title) > found.start():
        item["title"] = text[at:found.start()].rstrip(" ,.")
    item["publisher-place"] = found["place"]
    item["publisher"] = found["publisher"].strip()


_VANCOUVER_NAME = re.compile(r"[A-Z][\w'’-]+\s[A-Z]{1,3}")  # "Squire LR"


def _book_and_its_editors(head: str) -> tuple[str, str]:
    """A book's name and its editors, printed "<book>, <editors>" before "ed." or "eds.":
    the editors begin at the first name written with initials ("M.S. Gazzaniga",
    "Gazzaniga, M.S."), else where every name to the end is Vancouver's ("Squire LR, Bloom
    FE"), else they are the last part alone ("Illuminations, Hannah Arendt")."""
    split = _EDITORS_OPENING.search(head)
    if split:
        return head[:split.start()], head[split.end():]
    parts = head.split(", ")
    names = 0
    while names < len(parts) - 1 and _VANCOUVER_NAME.fullmatch(parts[-1 - names]):
        names += 1
    if names:
        return ", ".join(parts[:-names]), ", ".join(parts[-names:])
    book, _, editors = head.rpartition(", ")
    return book, editors


# a Vancouver book's imprint after its title (and edition): "Medical microbiology. 9th ed.
# Philadelphia: Elsevier; 2021."
_VANCOUVER_IMPRINT = (r"\.\s+(?:\d{1,2}(?:st|nd|rd|th)\s+ed\.\s+)?[A-Z][^.:;]{1,40}"
                      r"(?:\s\([A-Z]{2}\))?:\s*[^;.]{1,80};\s*(?:1[5-9]|20)\d\d\b")


def _vancouver_book_read_as_a_journal(item: dict[str, Any], text: str) -> None:
    """A book with no title read, its name taken for a journal's, where its imprint follows
    it as Vancouver prints a book's: the name is the title, and no journal is named."""
    container = item.get("container-title", "")
    if item.get("title") or not container or item.get("volume") or \
            not re.search(re.escape(container) + _VANCOUVER_IMPRINT, text):
        return
    item["title"] = container
    del item["container-title"]


def _book_then_its_publisher(item: dict[str, Any], text: str) -> None:
    """The book a chapter is in and its publisher, Cell Press's way (see above), where the
    tagger found no book or read the publisher's brackets into it; not a meeting's
    proceedings and its acronym ("In Proceedings of … (CVPR)"), nor a note in brackets."""
    after_title = max(_title_end(item, text), 0)
    end = _PUBLISHER_ENDING.search(text, after_title)
    publisher = end.group("publisher").strip() if end else ""
    # nothing but a publisher's word says the bracket names one: "… (Video).", "… (London),
    # pp."; and a place with it, "(Springer, New York)", is another style's
    if end is None or not _PUBLISHER_WORD.search(publisher) or \
            _NO_PUBLISHER.search(publisher) or _NO_PUBLISHER_NAMED.fullmatch(publisher) or \
            re.search(r"[,:;]", publisher):
        return
    openings = list(_IN_A_BOOK.finditer(text, after_title, end.start()))
    if not openings:
        return
    book, editors = text[openings[-1].end():end.start()], ""
    if re.search(r"[()“”\"]", book) or _is_proceedings(book):
        return
    named = _EDITORS_ENDING.search(book)
    if named:
        book, editors = _book_and_its_editors(book[:named.start()])
    container = item.get("container-title", "")
    if not book or container and not container.startswith(book):
        return  # (the tagger's book is its own, unless it ran on into the editors or brackets)
    item["container-title"] = book
    item.setdefault("publisher", publisher)
    persons = split_authors(editors) if editors else []
    if persons:
        item.setdefault("editor", persons)
    if end.group("pages"):
        item.setdefault("page", _page(end.group("pages")))


# NLM's imprint of a work on the web, its place, publisher and year after "[Internet]" ("Diabetes
# report card 2021 [Internet]. Atlanta (GA): CDC; 2022 [cited 2023 Jan 5].") or after its book's
# (a chapter on the NCBI Bookshelf, its date of update in brackets before its book perhaps, the
# book's editors before it: "Hyperkalemia. [Updated 2023 Jul 4]. In: StatPearls [Internet].
# Treasure Island (FL): StatPearls Publishing; 2024 Jan-.")
_INTERNET_IMPRINT = (r"\s*\[Internet\]\.\s*(?P<place>[^:;.\[\]]+?):\s*(?P<publisher>[^;\[\]]+?);\s*"
                     r"(?P<year>(?:19|20)\d\d)")
_ON_THE_WEB = re.compile(_INTERNET_IMPRINT)
_BOOKSHELF_CHAPTER = re.compile(
    r"\bIn:\s*(?:[^\[\]]*?,\s*editors?\.\s*)?(?P<book>[^.\[\]]+?)" + _INTERNET_IMPRINT)
_UPDATED = re.compile(r"\[[Uu]pdated\s+(?P<year>(?:19|20)\d\d)\b")


def _on_the_web(item: dict[str, Any], text: str) -> None:
    """Its publisher and place, a chapter's book (where the tagger took the place for it, or
    nothing), no other work's place as its container, and its year the imprint's, not one
    in its title ("Measles and rubella surveillance, 2018 [Internet]. …: ECDC; 2019") nor
    its date of update."""
    found = _ON_THE_WEB.search(text)
    if found is None:
        return
    place = found["place"].strip()
    if not place:
        return
    chapter = _BOOKSHELF_CHAPTER.search(text)
    if chapter is not None and item.get("container-title", place).strip() == place:
        item["container-title"] = chapter["book"].strip()
    elif chapter is None and str(item.get("container-title", "")).strip() == place:
        del item["container-title"]
    item.setdefault("publisher", found["publisher"].strip())
    item.setdefault("publisher-place", place)
    year, read = int(found["year"]), _issued_year(item)
    updated = _UPDATED.search(text, 0, found.start())
    if read is None or read != year and (str(read) in item.get("title", "") or updated and
                                         int(updated["year"]) == read):
        item["issued"] = {"date-parts": [[year]]}


# NLM's patent: its inventors, "inventors;", its assignee, "assignee.", then its title and its
# country's patent and number ("Osei-Tutu K, Lambert JM, inventors; Veridia Therapeutics Inc,
# assignee. Stabilized lipid … delivery. United States patent US 10,821,447. 2020 Nov 3.");
# a patent's number after "patent", or after its country's code in the form patents have
# (digits grouped by commas, six or more, or WIPO's year and number: "US 10,821,447", "USA
# Patent 8181907", "WO/2008/041, 227"): never a title's "CA1 neurons" or "EP4 receptor", and
# only in a reference that says it is a patent (or is numbered as WIPO numbers them)
_PATENT = re.compile(r"\b(?i:patent)\b|\binventors?\s*;|\[P\]|\bWO\s?/?\d{4}/\d")
_INVENTORS = re.compile(r"^(?:\[?\d{1,3}[.)\]]\s*)?(?P<names>[^;]+?),\s*inventors?\s*;")
_PATENT_NUMBER = re.compile(
    r"\b(?i:patent)\s+(?:(?i:no)\.?\s*)?(?:[A-Z]{2}\s?)?(?P<number>\d+(?:,\d{3})*)|"
    r"(?<![\w/])(?:US|WO|EP|CN|JP|DE|GB|KR|FR|CA|AU)\s?/?(?P<coded>\d{4}/\d+(?:,\s?\d{3})?|"
    r"\d{1,3}(?:,\d{3})+|\d{6,})")
_PATENT_IN_THE_JOURNALS_PLACE = re.compile(r"\b(?i:patent)(?:\s+[A-Z]{2})?$")


def _patent(item: dict[str, Any], text: str) -> None:
    """A patent's inventors its authors (not the assignee after them, nor the words naming
    their roles), and its number no volume, issue or page, nor its country's patent a
    journal."""
    if _PATENT.search(text) is None:
        return
    inventors = _INVENTORS.match(text)
    if inventors:
        persons = split_authors(inventors["names"])
        if persons:
            item["author"] = persons
    for found in _PATENT_NUMBER.finditer(text):
        number = found["number"] or found["coded"]
        digits = re.findall(r"\d+", number)
        for key in ("volume", "issue", "page"):
            value = str(item.get(key) or "")
            # a part of the number, and printed nowhere but in it
            if value and all(part in digits for part in re.findall(r"\d+", value)) and \
                    text.count(value) == text.count(number) * number.count(value):
                del item[key]
    if _PATENT_IN_THE_JOURNALS_PLACE.search(str(item.get("container-title", ""))):
        del item["container-title"]
    dated = _DATE_AFTER_THE_NUMBER.search(text) if "issued" not in item else None
    if dated:  # (the tagger read "2018 Nov 13" into a page, which _numbers_of_something_else
        # drops for its month, and the patent had no date)
        item["issued"] = {"date-parts": [[int(dated["year"])]]}


# NLM's date of a patent after its number, ending the reference: "… patent US 10,123,456. 2018
# Nov 13."
_DATE_AFTER_THE_NUMBER = re.compile(rf"\d\.\s+(?P<year>(?:1[89]|20)\d\d)(?:\s+{_MONTH_WORD}"
                                    r"\.?(?:\s+\d{1,2})?)?\.?\s*$")


# a book's years after its title's comma, before its editors: ", 1500–1800, edited by"
_YEARS_BEFORE_THE_EDITORS = re.compile(
    r",\s*((?:1[0-9]|20)\d\d\s*[–—-]\s*\d{2,4}),\s*(?:edited|eds?\.|hrsg)", re.I)


def _years_ending_a_book(item: dict[str, Any], text: str) -> None:
    """A book's title that ends with the years it covers, after a comma, then its editors
    (Chicago: "In Women and the Book Trade in Europe, 1500–1800, edited by …"): the whole
    title, where the tagger cut it at that comma."""
    container = item.get("container-title")
    at = text.find(container) if container else -1
    found = _YEARS_BEFORE_THE_EDITORS.match(text, at + len(container)) if at >= 0 else None
    if found:
        item["container-title"] = f"{container}, {found.group(1)}"


_PREPRINT_AT = re.compile(r"\bpreprint\b", re.I)
_SERVER_MARKED_PREPRINT = re.compile(r"[.?!]\s+(?P<server>[A-Za-z][\w.]*(?:\s[A-Z]\w*)?)\s*"
                                     r"\[Preprint\]\.")


_MARKED_PREPRINT = re.compile(r"\[Preprint\]", re.I)
_E_PRINT_AS_PAGE = re.compile(r"(?:arXiv|hep|astro|math|cond|quant|gr|nucl)\b", re.I)


def _preprint_server(item: dict[str, Any], text: str) -> None:
    """A preprint's server is its publisher in CSL (where styles print it): named after
    "Preprint at" (Cell Press, Nature) or alone in the journal's place ("… . bioRxiv."),
    not inside an address or a DOI ("doi.org/10.48550/arXiv.2001.08361")."""
    if _E_PRINT_AS_PAGE.match(item.get("page", "")):
        del item["page"]  # "…, (2018), arXiv:1804.00491": the e-print's number is no page
    container = item.get("container-title", "")
    named = _PREPRINT_SERVER.fullmatch(container.strip(" .")) if container else None
    if _MARKED_PREPRINT.search(text) and (not container or _PREPRINT_SERVER.search(container)):
        # NLM's "medRxiv [Preprint]. 2022 Feb 10:2022.02.08.…": a date's day and the server's
        # number, no volume, issue or page (a preprint has none)
        for field in ("volume", "issue", "page"):
            item.pop(field, None)
        server = _PREPRINT_SERVER.search(container)
        if server and re.fullmatch(r"[\s\d.]*", container[:server.start()]) and \
                re.fullmatch(r"[\s\d.]+", container[server.end():]):
            # its number's year run into it: "bioRxiv 2021.03.02.433610 [Preprint]" (a date's
            # year before it too: "[Preprint]. 2023 bioRxiv 2023.02.11.528104")
            container = item["container-title"] = server.group(1)
            named = server
    if named is None and container:
        return
    if named is None:
        bare = _URL.sub(" ", DOI_RE.sub(" ", text))
        named = _PREPRINT_SERVER.search(bare) if _PREPRINT_AT.search(bare) else None
    if named:  # (a server in the journal's place stays there too, as the style prints it)
        item.setdefault("publisher", named.group(1))
    # NLM's "medRxiv [Preprint]. 2022": the server in the journal's place, which the tagger
    # left out with its mark
    marked = _SERVER_MARKED_PREPRINT.search(text)
    if marked and not container and _PREPRINT_SERVER.fullmatch(marked["server"]):
        item["container-title"] = marked["server"]


# an edited book cited by its editors, their role in brackets before the year: "Meyer,
# Stefan (Hrsg.) (2019): Handbuch Stadtsoziologie.", "Geertz, C. (ed.) (1963) Old Societies"
_EDITORS_THEN_THE_YEAR = re.compile(r"(?P<names>[^()\d]{2,160}?)\s?\((?:Hrsg|Hg|eds?|dir|coord|"
                                    r"éds?)\.?\)\s?\((?:1[5-9]|20)\d\d[a-z]?\)")


def _book_cited_by_its_editors(item: dict[str, Any], text: str) -> None:
    """Such editors are the work's authors, as the book is cited by them, where the tagger
    found none."""
    found = _EDITORS_THEN_THE_YEAR.match(text)
    if found is None or item.get("author"):
        return
    persons = split_authors(found["names"])
    if persons:
        item["author"] = persons


# what follows an author-date reference's year when it is a book or a report with nothing
# after it but its publisher in brackets: "(1958). Philosophical Investigations (Basil
# Blackwell).", "(2023). GPT-4 Technical Report."
_BOOK_AFTER_YEAR = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)\.\s+(?P<title>[^()\s][^()]*?)"
                              r"(?:\s+\((?P<publisher>[^()\d]*[A-Za-z][^()\d]*)\))?\.?$")
_NO_PUBLISHER = re.compile(r"\b(?:eds?|edn|edition|vol|trans|rev|in press|n\.d)\b", re.I)


def _book_after_the_year(item: dict[str, Any], text: str) -> None:
    """A book or report cited author-date with only its publisher in brackets after its
    title: the title (which the tagger may leave untagged) and the publisher."""
    if "container-title" in item or "volume" in item:
        return
    match = _BOOK_AFTER_YEAR.search(text)
    if match is None or item.get("title", match.group("title")) != match.group("title"):
        return
    item["title"] = match.group("title")
    publisher = match.group("publisher")
    if publisher and not _NO_PUBLISHER.search(publisher):
        item.setdefault("publisher", publisher)


# the year of publication straight after a meeting's year: "… – MICCAI 2015, 2015, pp."
_YEAR_OF_PUBLICATION = re.compile(r",\s*(?:[A-Z][a-z]{2,8}\.?\s+)?(1[5-9]\d\d|20\d\d)(?!\d)"
                                  r"(?![-–—])")


_ACRONYM_AT_END = re.compile(r"(?<![\w-])[A-Z][A-Z&-]*[A-Z]$")  # "MICCAI", "ISWC", "CLiC" is none


def _year_ending_a_container(item: dict[str, Any], text: str) -> None:
    """A year run on from the acronym ending a meeting's name, with no mark between them, is
    the name's ("Medical Image Computing … – MICCAI 2015") where the year of publication,
    the same or the next, follows it between commas (not ACS's "Biochim. Biophys. Acta
    2015, 1853, …": a journal, its year, and a volume that looks like one)."""
    container = item.get("container-title", "")
    end = _field_end(item, "container-title", text)
    glued = _GLUED_YEAR.match(text, end) if end >= 0 and _ACRONYM_AT_END.search(container) \
        else None
    later = _YEAR_OF_PUBLICATION.match(text, glued.end()) if glued else None
    if glued and later and 0 <= int(later.group(1)) - int(glued.group(1)) <= 1:
        item["container-title"] += glued.group(0)
        item["issued"] = {"date-parts": [[int(later.group(1))]]}
    elif glued and int(glued.group(1)) == _issued_year(item) and \
            _PAGES_IN_BRACKETS.match(text, glued.end()):
        # APA's "(2014). … In D. Fleet (Eds.), Computer Vision – ECCV 2014 (pp. 740–755)":
        # the year of publication before, the book's pages after
        item["container-title"] += glued.group(0)


_PAGES_IN_BRACKETS = re.compile(r"\s*\((?:pp?\.|pages?\b)")


# Vancouver's place and publisher before the year's semicolon: "New York: Oxford University
# Press;"
_PLACE_AND_PUBLISHER_BEFORE_THE_YEAR = r"[A-Z][^.;:]{1,40}:\s*[^;.]{1,80};"


def _year_ending_a_vancouver_book(item: dict[str, Any], text: str) -> None:
    """A book whose name ends with its year, as Vancouver prints it after its editors
    ("In: Ferri FF, editor. Ferri's clinical advisor 2023. Philadelphia: Elsevier; 2023."):
    the year is the name's, no volume, where the imprint's year follows."""
    container, volume = item.get("container-title", ""), str(item.get("volume") or "")
    if not container or not re.fullmatch(r"(?:19|20)\d\d", volume):
        return
    if re.search(rf"{re.escape(container)}\s{volume}\.\s+{_PLACE_AND_PUBLISHER_BEFORE_THE_YEAR}"
                 rf"\s*(?:19|20)\d\d\b", text) and re.search(r"\beditors?\.", text):
        item["container-title"] = f"{container} {volume}"
        del item["volume"]


# a Vancouver chapter's book whose name holds a year, then the book's imprint ("In: Kozarsky
# PE, Arguin PM, editors. CDC Yellow Book 2020: health information for international travel
# [Internet]. New York: Oxford University Press; 2019 [cited …]")
_VANCOUVER_BOOK_AND_IMPRINT = re.compile(
    r"\beditors?\.\s+(?P<book>[^.;]{0,200}?(?<!\d)(?P<named>(?:19|20)\d\d)(?!\d)[^.;]{0,200}?)"
    rf"(?:\s*\[Internet\])?\.\s+{_PLACE_AND_PUBLISHER_BEFORE_THE_YEAR}\s*"
    r"(?P<year>(?:19|20)\d\d)(?!\d)")


def _year_in_a_vancouver_books_name(item: dict[str, Any], text: str) -> None:
    """The year in such a book's name, read as the year of publication, is the name's: the
    imprint's year is the work's, and the book's name runs on past its year."""
    found = _VANCOUVER_BOOK_AND_IMPRINT.search(text)
    if found is None or _issued_year(item) != int(found["named"]) or \
            found["named"] == found["year"]:
        return
    item["issued"] = {"date-parts": [[int(found["year"])]]}
    book, container = found["book"].strip(), str(item.get("container-title") or "")
    if container and book.startswith(container):
        item["container-title"] = book


# ACM's journal form: "Commun. ACM 51, 1 (Jan. 2008), 107–113." (volume, issue, then the month
# and year in brackets, then the pages)
# (or an article's number before the date, and its length after it: "55, 5, Article 97
# (December 2022), 37 pages")
_ACM_JOURNAL = re.compile(
    r"[.,]?\s+(?P<journal>[A-Z][^,()\d]*?(?:,\s*[A-Z][^,()\d]*?)?)\s+(?P<volume>\d+),\s*"
    # (an issue by its conference's name in PACMPL and its kin: "8, POPL, Article 23")
    r"(?P<issue>\d+(?:[-–/]\d+)?|[A-Z]{3,8}\d?)(?:,\s*Article\s+(?P<article>[A-Za-z]?\d+))?"
    r"\s*\((?:[A-Z][a-z]{2,8}\.?\s+)?(?P<year>(?:1[5-9]|20)\d\d)\),"
    r"\s*(?:(?P<pages>\d+)\s+pages\b|(?P<page>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))"
    r"\s*(?:[.,]|$)")


def _acm_journal(item: dict[str, Any], text: str) -> None:
    """A journal printed in ACM's form after the title: the tagger reads the volume into the
    journal's name and the issue as the volume, or the year as the issue."""
    end = _title_end(item, text)
    if end < 0:
        return
    found = _ACM_JOURNAL.match(text, end)
    if not found or int(found.group("year")) != _issued_year(item):
        return
    item["container-title"] = _container(found.group("journal"))
    item["volume"], item["issue"] = found.group("volume"), found.group("issue")
    if found.group("page"):
        item["page"] = _page(found.group("page"))
    elif found.group("article"):  # the number is where the pages would be (APA's too)
        item["page"] = found.group("article")
    else:  # the length alone ("37 pages") is no page of the article
        item.pop("page", None)


# ... and a paper's number in ACM's proceedings, its pages or length after it: "… New York, NY,
# USA, Article 312, 1–15." (no volume)
_ARTICLE_IN_PROCEEDINGS = re.compile(r",\s*Article\s+(?P<article>\d{1,6}),\s*(?:\d+\s*[-–]\s*\d+|"
                                     r"\d+\s+pages)\b")


def _acm_article_read_as_the_volume(item: dict[str, Any], text: str) -> None:
    """That number, which the tagger read as a volume."""
    found = _ARTICLE_IN_PROCEEDINGS.search(text)
    if found and item.get("volume") == found["article"]:
        del item["volume"]
        item.setdefault("page", found["article"])


# ACM's reference format names the publisher after the proceedings, with a full stop
# between: "… (KDD ’16). Association for Computing Machinery, New York, NY, USA, 785–794."
# (Elsevier's, with a comma, its place perhaps after it: "in: Proceedings of the 2019 American
# Control Conference, IEEE, 2019, pp. 3321–3326", "…, ACM, New York, 2019")
_PUBLISHER_AFTER_PROCEEDINGS = re.compile(
    r"[.,]\s+(?P<publisher>Association for Computing Machinery|ACM(?: Press)?|"
    r"IEEE(?: Computer Society)?(?: Press)?|Association for Computational Linguistics|"
    r"USENIX Association|AAAI Press|Springer(?:-Verlag)?(?: International Publishing)?|"
    r"Curran Associates(?:,? Inc\.?)?|Morgan Kaufmann(?: Publishers)?)"
    r"(?:,\s+(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,\s+[A-Z]{2}(?:,\s+USA)?)?))?$")


# ... or any publisher after a proceedings' acronym and its year in brackets: "(WWW '17).
# International World Wide Web Conferences Steering Committee"
_PUBLISHER_AFTER_THE_ACRONYM = re.compile(r"(?<=['’]\d\d\))\.\s+(?P<publisher>[A-Z][^.()]{3,120})$")


def _publisher_ending_proceedings(item: dict[str, Any]) -> None:
    """The publisher after a proceedings' name and its full stop is no part of the name
    (the tagger runs the name on into it); it is kept as the publisher."""
    container = item.get("container-title", "")
    found = _PUBLISHER_AFTER_PROCEEDINGS.search(container) or \
        _PUBLISHER_AFTER_THE_ACRONYM.search(container)
    if found and _is_proceedings(container[:found.start()]):
        item["container-title"] = container[:found.start()]
        item.setdefault("publisher", found.group("publisher"))
        if found.groupdict().get("place"):
            item.setdefault("publisher-place", found["place"])


# NLM's medium after a title or a journal: "Global tuberculosis report 2022 [Internet].",
# "medRxiv [Preprint]. 2020 Feb 23",
# "J Pain Symptom Manage [Internet]. 2020 [cited 2021 Mar 3];59(5)"
_MEDIUM_AT_END = re.compile(r"\s*\[(?:Internet|Online|Electronic resource|CD-ROM|Preprint)\]?$",
                            re.I)


def _medium_ending_a_name(item: dict[str, Any]) -> None:
    """The medium NLM prints in brackets is no part of the title or journal it follows."""
    for key in ("title", "container-title"):
        value = item.get(key, "")
        found = _MEDIUM_AT_END.search(value)
        if found and found.start() > 0:
            item[key] = value[:found.start()]


# Vancouver's journal, then the year and the volume after a semicolon: "Lancet 2020; 395:
# 565–74.", "Biometrika 1908;6:1–25." (a month and day may come between: "2020 Feb 20;"), its
# name with NLM's note in brackets too: "BMJ (Clinical research ed.). 2024;384:e077001"
_JOURNAL_BEFORE_THE_YEAR = re.compile(
    r"[\s.]*(?P<journal>[A-Z][^.;:,()\[\]\d]{0,80}?(?:\s\([A-Za-z][^()\d]{0,40}\))?)\.?\s+"
    r"(?P<year>(?:1[5-9]|20)\d\d)"
    rf"{_MONTH_DAY_SEMICOLON}\s*(?P<volume>\d+)")


def _journal_before_the_year(item: dict[str, Any], text: str) -> None:
    """The journal a Vancouver reference names right after its title, where the tagger read
    none: a short name (one word, "Lancet") before the year is often taken for neither."""
    end = _title_end(item, text)
    if "container-title" in item or end < 0:
        return
    found = _JOURNAL_BEFORE_THE_YEAR.match(text, end)
    if found and str(_issued_year(item)) == found.group("year") and \
            item.get("volume", found.group("volume")) == found.group("volume"):
        item["container-title"] = found.group("journal").strip()


# ... its name told apart by NLM with its place and first year in brackets: "Spine (Phila Pa
# 1976). 2019;44(14):1012-9." (NLM's abbreviations have no full stops)
_JOURNAL_WITH_ITS_PLACE_AND_YEAR = re.compile(
    r"(?<=[.?!]\s)(?P<journal>[A-Z][\w'&-]*(?:\s[A-Z&][\w'&-]*){0,6}\s"
    r"\((?:[A-Z][a-z]*\.?\s){1,3}(?P<named>(?:1[6-9]|20)\d\d)\))\.?\s+"
    rf"(?P<year>(?:1[5-9]|20)\d\d){_MONTH_DAY_SEMICOLON}")


def _journal_named_with_its_year(item: dict[str, Any], text: str) -> None:
    """The year in such a journal's name, read as the year of publication, is the name's:
    the year before the semicolon is the article's, and the journal is the name whole."""
    found = _JOURNAL_WITH_ITS_PLACE_AND_YEAR.search(text)
    if found is None or _issued_year(item) != int(found["named"]):
        return
    item["issued"] = {"date-parts": [[int(found["year"])]]}
    container = str(item.get("container-title") or "")
    if not container or container in found["journal"]:
        item["container-title"] = found["journal"]


# ... after a title's own year: "Cancer statistics, 2019. CA Cancer J Clin 2019; 69: 7–34."
_TITLES_YEAR_THEN_JOURNAL = re.compile(r",\s*(?P<own>(?:1[5-9]|20)\d\d)(?=\.)"
                                       + _JOURNAL_BEFORE_THE_YEAR.pattern)


def _year_ending_a_title_before_vancouvers_journal(item: dict[str, Any], text: str) -> None:
    """A title's own year at its end, "Cancer statistics, 2019. CA Cancer J Clin 2019; 69:
    7–34." (the Lancet's layout: no full stop between the journal and its year), which the
    tagger cut from the title, leaving the journal unread when the years differ."""
    end = _title_end(item, text)
    if end < 0:
        return
    found = _TITLES_YEAR_THEN_JOURNAL.match(text, end)
    # (the year the tagger read may be the title's)
    if not found or item.get("volume", found.group("volume")) != found.group("volume") or \
            _issued_year(item) not in (None, int(found.group("year")), int(found.group("own"))):
        return
    journal = found.group("journal").strip()
    if item.get("container-title", journal) == journal:
        item["title"] += text[end:found.start("journal")].rstrip(" .")
        item["container-title"] = journal
        item["issued"] = {"date-parts": [[int(found.group("year"))]]}


_COMMA = re.compile(r",\s*")


def _title_cut_before_vancouvers_journal(item: dict[str, Any], text: str) -> None:
    """A title with commas in its last words, which the tagger cut at the first and read the
    rest as the journal, where Vancouver's journal follows before the year: "… trials in
    Brazil, South Africa, and the UK. Lancet 2021;397:99-111." (the journal Lancet)."""
    end, journal = _title_end(item, text), item.get("container-title")
    comma = _COMMA.match(text, end) if end >= 0 and journal else None
    if comma is None or not text.startswith(journal, comma.end()):
        return
    found = _JOURNAL_BEFORE_THE_YEAR.match(text, comma.end() + len(journal))
    if found and str(_issued_year(item)) == found.group("year") and \
            item.get("volume", found.group("volume")) == found.group("volume"):
        item["title"] = text[end - len(item["title"]):found.start("journal")].rstrip(" .")
        item["container-title"] = found.group("journal").strip()


# a series named in brackets after a proceedings: "Computer Vision – ECCV 2020 (Lecture Notes
# in Computer Science, vol. 12346)"
_SERIES_IN_BRACKETS = re.compile(r"\s*\((?:Lecture Notes in|Communications in|Advances in|"
                                 r"Studies in|Proceedings of Machine Learning)\b[^()]*$")


def _bracketed_imprint_ending_a_container(item: dict[str, Any], text: str) -> None:
    """Nature's imprint of a proceedings, "In Proc. 9th International Conference on Learning
    Representations (ICLR, 2021).", is no part of its name, nor is the series it is in,
    named in brackets after it: the tagger ends the name inside the bracket, which it leaves
    open ("… Representations (ICLR", "… ECCV 2020 (Lecture Notes in Computer Science")."""
    container = item.get("container-title", "")
    series = _SERIES_IN_BRACKETS.search(container)
    if series:
        item["container-title"] = container[:series.start()]
        return
    opened = re.search(r"\s*\([^()]*$", container)
    at = text.find(container) if opened else -1
    if at >= 0 and re.match(r"\s*,\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)", text[at + len(container):]):
        item["container-title"] = container[:opened.start()]


def _word_left_before_the_pages(item: dict[str, Any], text: str) -> None:
    """A book's name ending in a short word before its pages in brackets, which the tagger
    leaves out: "(Eds.), Bringing the state back in (pp. 3–37)"."""
    container = item.get("container-title", "")
    at = text.rfind(container) if container else -1  # (the title may begin with its words)
    found = re.match(r"\s+([a-z]{1,10})(?=\s*\((?:pp?\.|[Vv]ol\.))", text[at + len(container):]) \
        if at >= 0 else None
    if found:
        item["container-title"] = container + found.group(0)


# the series Springer publishes proceedings in, after their name: "ECCV 2014. LNCS"
_SPRINGER_SERIES = re.compile(r"\.\s+(?:LNCS|LNAI|LNBI|CCIS|AISC|LNNS|IFIP AICT)$")


def _meetings_year_ending_its_name(item: dict[str, Any], text: str) -> None:
    """A meeting named by its acronym and year, "In Computer Vision – ECCV 2016 (eds …)",
    "(eds.) ECCV 2014. LNCS", or by its year first, keeps its year, which the tagger reads as
    the reference's alone (a journal's "JAMA 2020;323" is not in a book, and its year is no
    name's)."""
    container = item.get("container-title", "")
    series = _SPRINGER_SERIES.search(container)
    if series:  # "ECCV 2014. LNCS, vol. 8693": the series the proceedings are in
        container = item["container-title"] = container[:series.start()]
    # ... or one whose name opens with its year ("In 2023 USENIX Annual Technical Conference
    # (USENIX ATC 23)")
    opening = re.search(r"\b[Ii]n:?\s+((?:19|20)\d\d)\s+" + re.escape(container), text) \
        if container and _is_proceedings(container) else None
    if opening and opening.group(1) == str(_issued_year(item)):
        item["container-title"] = f"{opening.group(1)} {container}"
        return
    if not re.search(r"\b[A-Z]{3,}$", container):
        return
    found = re.search(r"(?:\b[Ii]n:?|\([Ee]ds?\.?\))\s+" + re.escape(container)
                      + r"(\s+(?:19|20)\d\d)(?=\s*\(|\.\s|,)", text)
    if found and found.group(1).strip() == str(_issued_year(item)):
        item["container-title"] = container + found.group(1)


# ACS's journal form: "… Reactions. Angew. Chem., Int. Ed. 2001, 40, 2004–2021." (the journal,
# then the year, volume and pages between commas)
_ACS_JOURNAL = re.compile(
    r"[.,]?\s+(?P<journal>[A-Z][^\d()]*?)\s+(?P<year>(?:1[5-9]|20)\d\d),\s*(?P<volume>\d+)"
    r"(?:\s*\((?P<issue>[^()]{1,12})\))?,\s*(?P<page>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)"
    r"\s*(?:[.,;]|$)")


def _acs_journal(item: dict[str, Any], text: str) -> None:
    """A journal printed in ACS's form after the title: the tagger may stop its name at a
    comma inside it ("Angew. Chem., Int. Ed.")."""
    end = _title_end(item, text)
    found = _ACS_JOURNAL.match(text, end) if end > 0 else None
    if not found or int(found.group("year")) != _issued_year(item):
        return
    item["container-title"] = _container(found.group("journal"))
    item["volume"] = found.group("volume")
    if found.group("issue"):
        item["issue"] = _issue(found.group("issue"))
    item["page"] = _page(found.group("page"))


# a journal's abbreviated first word left at the end of the title before it: "…
# environmental response, Front. Plant Sci. 7 (2016) 870"
_WORD_AT_TITLES_END = re.compile(r",\s+([A-Z][\w-]{0,14})$")
# "… 7 (2016) 870", "… 28 (9) (2020) 13245" (its issue before the year); and a chemist's or
# physicist's "…, 78, 1360-1380 (1973)", "…, 51(1), 107-113 (2008)": the volume (its issue),
# the pages, then the year in brackets
_VOLUME_THEN_YEAR = re.compile(r"\.?,?\s+\d+\s*(?:(?:\(\w{1,8}\)\s*)?\((?:1[5-9]|20)\d\d\)|"
                               r"(?:\(\w{1,8}\))?\s*,"
                               r"\s*[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?\s*\((?:1[5-9]|20)\d\d\))")
_WORD_BEFORE_JOURNAL = re.compile(r"[,.]?\s+([A-Z][\w-]{0,14})\.\s+")


def _title_then_journal(item: dict[str, Any], text: str) -> tuple[int, int]:
    """Where the title ends in ``text`` and where the journal begins after it; ``(-1, -1)``
    without both. What the tagger left out of both lies between."""
    container = item.get("container-title", "")
    end = _title_end(item, text) if container else -1
    at = text.find(container, end) if end >= 0 else -1
    return (end, at) if at >= 0 else (-1, -1)


def _journal_word_in_title(item: dict[str, Any], text: str) -> None:
    """The first word of an abbreviated journal, taken into the title after its comma or
    left out of both, is the journal's, in Elsevier's numbered style (the title, a comma,
    the journal, "volume (year) page"); not a place at a title's end in another style
    ("…, Quebec, Canada. Meteoritics 29", "…, Ontario, Canada. CMAJ. 2005;172(3)")."""
    title, container = item.get("title", ""), item.get("container-title", "")
    after_title, journal_at = _title_then_journal(item, text)
    if journal_at < 0 or not _VOLUME_THEN_YEAR.match(text, journal_at + len(container)):
        return  # only where the numbers are Elsevier's: "…, Canada. CMAJ. 2005;172(3)" is a
        # title ending with a place (Vancouver's full stop before the journal, and after
        # its abbreviation, could be an abbreviation's)
    word = _WORD_AT_TITLES_END.search(title)
    if word and _is_a_place(word.group(1), container, text):
        return  # "… in Wuhan, China. Lancet 395, 497–506 (2020)": a place, not a journal's
    if word and journal_at == after_title + 2 and text.startswith(". ", after_title):
        item["title"] = title[:word.start()]
        item["container-title"] = f"{word.group(1)}. {container}"
        return
    # "…, the antarctic polar front, Dt. Hydrogr. Z. 13": the word left out of both
    left = _WORD_BEFORE_JOURNAL.fullmatch(text, after_title, journal_at)
    if left:
        item["container-title"] = f"{left.group(1)}. {container}"


_LAST_WORD = re.compile(r"\s([A-Z][a-z]{0,9})$")


def _journal_word_ending_a_title(item: dict[str, Any], text: str) -> None:
    """An abbreviated journal's first word at the end of the title, where nothing but its own
    full stop stands between them (the Institute of Physics' style: "… conformal field theory
    Nucl. Phys. B 410 535-49"), is the journal's."""
    title, container = item.get("title", ""), item.get("container-title", "")
    word = _LAST_WORD.search(title) if container else None
    if not word or word.group(1) not in _JOURNALS_FIRST_WORDS:
        return
    at = text.find(title)
    if not re.match(r"[A-Z][a-z]{0,12}\.", container):
        return  # "The Sickle Cell. Blood.": the journal's name goes on in whole words
    if at >= 0 and re.match(r"\.\s?" + re.escape(container), text[at + len(title):]):
        item["title"] = title[:word.start()].rstrip(" ,")
        item["container-title"] = f"{word.group(1)}. {container}"


# a journal's name opening with words that end in a small word, left out of both the title
# and the journal: "… analysis. Rapid Communications in Mass Spectrometry 16: 85" (the tagger's
# journal "Mass Spectrometry"); a title does not end with "in" before its full stop
_JOURNALS_OPENING = re.compile(r"[.,]?\s+(?P<words>[A-Z][\w-]*(?:\s[\w-]+){0,5}\s"
                               r"(?:in|of|and|for|on|the|de|des|du|für|und))\s+")


def _journals_opening_left_out(item: dict[str, Any], text: str) -> None:
    """The words left out before the journal, ended by a small word, are its own."""
    end, at = _title_then_journal(item, text)
    opening = _JOURNALS_OPENING.fullmatch(text, end, at) if at > end else None
    if opening:
        item["container-title"] = f"{opening.group('words')} {item['container-title']}"


# an abbreviated journal's first word read as the title's last, after its comma: Copernicus's
# "…: Global Carbon Budget 2022, Earth Syst. Sci. Data, 14, 4811–4900" ("Earth" in the title,
# "Syst. Sci. Data" the journal), "…resources, Hydrol. Earth Syst. Sci., 25, …"
# (or a letter alone: "…in China and India, Q. J. Econ., 124, …", the Quarterly Journal's)
_JOURNALS_WORD_ENDING_A_TITLE = re.compile(r",\s(?P<word>[A-Z][a-z]{0,14})\.?$")


_WORD_LEFT_OUT_BEFORE = re.compile(r",\s([A-Z][a-z]{0,14})\.\s")


def _journals_first_word_in_the_title(item: dict[str, Any], text: str) -> None:
    """The capitalised word after a title's last comma, run with no mark but its own full
    stop into an abbreviated journal, is the journal's, in Copernicus's form, the title
    after the names' colon (not APA's "…in Peru, Bolivia. J. Lat. Am. Stud.")."""
    title, container = item.get("title", ""), item.get("container-title", "")
    word = _JOURNALS_WORD_ENDING_A_TITLE.search(title)
    end = _title_end(item, text)
    copernicus = end > 0 and container and re.search(r"\b[A-Z][a-z]*\.", container) and \
        re.search(r"[.A-Z]:\s*$", text[:max(end - len(title), 0)])
    left = _WORD_LEFT_OUT_BEFORE.fullmatch(text, end, end + text[end:].find(container)) \
        if copernicus and not word and container in text[end:] else None
    if left:  # (left out of both: "…India, Q. J. Econ.")
        item["container-title"] = f"{left.group(1)}. {container}"
        return
    if not word or not copernicus or not re.match(r"\.?\s" + re.escape(container), text[end:]):
        return
    start = end - (len(title) - word.start("word"))
    item["title"] = title[:word.start()]
    item["container-title"] = text[start:text.find(container, end) + len(container)]


# a French article: its title in guillemets, then its journal, whose name may hold commas, up
# to the year's volume ("14e année"), a volume or an issue: "« Histoire et climat », Annales.
# Économies, Sociétés, Civilisations, 14e année, n° 1, 1959, p. 3-34."
_FRENCH_ARTICLE = re.compile(
    r"«\s?(?P<title>[^«»]{2,300}?)\s?»\s*,\s+(?P<journal>[A-ZÀ-Ý][^«»]{1,120}?),\s+"
    r"(?:\d{1,3}\s?(?:e|ᵉ|è|ème)\s+année|[Vv]ol\.|[Tt]\.\s?\d|n[°º]|[Nn]o\b|\d{1,4}\s?\()")
# ... an Italian one: the title, then "in" and the journal in guillemets, its volume in roman
# numerals and its year, or its volume and issue before the pages: "A. Momigliano,
# Storiografia greca, in «Rivista storica italiana», LXXXVII (1975)", "Rossi, M., Bianchi, L.
# (2018), La crisi del debito sovrano …, in «Rivista di Politica Economica», 107, 3, pp. 45-78."
# (its series before the volume, "s. V, 142 (1994)"; its issue after "n.", "31, n. 120, pp.";
# "in" left out: "…, «Storia urbana», 31, n. 120")
_ITALIAN_ARTICLE = re.compile(
    r",\s+(?P<title>[^,«»]{2,300}?),\s+(?:in\s+)?«\s?(?P<journal>[^«»]{2,120}?)\s?»\s*,\s+"
    r"(?:(?:s|n\.\s?s|ser)\.\s?[IVX\d]{1,5},\s+)?"
    r"(?P<volume>[IVXLC]{1,9}|\d{1,4})(?:\s+\((?:1[5-9]|20)\d\d\)|(?<!\d\d\d\d),\s+(?:n\.\s?)?"
    r"(?P<issue>(?!(?:1[5-9]|20)\d\d\b)\d{1,4})(?=,\s+pp?\.))")


def _journal_after_guillemets(item: dict[str, Any], text: str) -> None:
    """The journal of a French or an Italian article, where the tagger kept only the last
    part of a name with commas in it ("Civilisations" of "Annales. Économies, Sociétés,
    Civilisations") or took the volume for it. (Where it kept the first part, "Annales.
    Économies", the name may as well end there, before a series or a year: "The William and
    Mary Quarterly, 3e série", "Travail, genre et société, 2009"; it is left as read. A
    French "n° 1" with no volume printed stays the volume the tagger reads it as: see
    ``docs/refs.md``.)"""
    french = _FRENCH_ARTICLE.search(text)
    journal = _container(french["journal"]) if french else ""
    if french and item.get("title") == french["title"].strip() and "," in journal and \
            journal.endswith(", " + (item.get("container-title") or "\0")):
        item["container-title"] = journal
        return
    italian = _ITALIAN_ARTICLE.search(text)
    if italian and (item.get("title") or "").startswith(italian["title"].strip()):
        item["title"] = italian["title"].strip()
        item["container-title"] = italian["journal"].strip()
        item["volume"] = italian["volume"]
        if italian["issue"]:
            item["issue"] = italian["issue"]


# a British humanities journal's article: the title in single quotation marks, the journal,
# its series perhaps ("n.s.", "3rd ser."), its volume (in Roman numerals, small or not), the
# year in brackets and the pages: "Haverfield, F., 'Roman Cumberland', Transactions of the
# Cumberland and Westmorland Antiquarian and Archaeological Society, n.s. xiii (1913), 177-98."
_BRITISH_ARTICLE = re.compile(
    r"[,.]\s+[‘'](?P<title>[^‘'’]{2,300}?(?:[’'][a-z][^‘'’]{0,300}?)*)[’'],\s+"
    r"(?P<journal>[A-Z][^,‘’'()\d]{2,150}?),\s+"
    r"(?:(?:n\.\s?s\.|N\.\s?S\.|new ser(?:ies|\.)|\d(?:st|nd|rd|th)\s+ser(?:ies|\.)),?\s+)?"
    r"(?P<volume>[ivxlcdm]{1,8}|[IVXLCDM]{1,8}|\d{1,4})\s+\((?:1[5-9]|20)\d\d(?:[-–/]\d{2,4})?\),"
    r"\s+(?:pp?\.\s*)?\d+(?:\s?[-–]\s?\d+)?")


def _british_article(item: dict[str, Any], text: str) -> None:
    """Such an article's title, journal and volume, where the tagger ran the title on into
    the journal (a series' "n.s." puts it off) or read no volume."""
    found = _BRITISH_ARTICLE.search(text)
    title, quoted = str(item.get("title") or ""), (found["title"].strip() if found else "")
    if found is None or not title.startswith(quoted):
        return
    if title != quoted or "volume" not in item:
        item["title"] = quoted
        item["container-title"] = found["journal"].strip()
        item["volume"] = found["volume"]


# Copernicus's discussion paper, under review: "…: Glacier mass loss in the Qilian Mountains
# since 2000, The Cryosphere Discuss. [preprint], https://doi.org/10.5194/tc-2022-123, in
# review, 2022." (the journal's name, then "Discuss.", after the title's last comma)
_DISCUSSION_ENDING_A_TITLE = re.compile(
    r",\s(?P<journal>(?:[A-Z][\w-]*\.?\s){0,5}Discuss)$")


def _discussion_paper(item: dict[str, Any], text: str) -> None:
    """The journal of a Copernicus discussion paper, read into its title."""
    title = item.get("title", "")
    found = _DISCUSSION_ENDING_A_TITLE.search(title)
    end = _title_end(item, text)
    if found and not item.get("container-title") and \
            re.match(r"\.\s*\[preprint\]", text[end:], re.I):
        item["title"] = title[:found.start()]
        item["container-title"] = found.group("journal")


# an author-date reference's title left unfinished at a full stop or a question mark inside
# it, the rest left out of both title and journal before the journal's volume: "Bader, V.
# (1995). Citizenship and Exclusion. Radical Democracy, Community, and Justice. Or, What Is
# Wrong with Communitarianism? Political Theory, 23(2), 211-246."
_TITLE_LEFT_OUT = re.compile(r"(?P<rest>[.?!]\s[A-Z][^.?!\d]*[.?!])\s")
_AUTHOR_DATE_YEAR = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)\.\s")


def _rest_of_the_title_left_out(item: dict[str, Any], text: str) -> None:
    """What stands between an author-date title and its journal, in sentences, is the
    title's: nothing else is printed between them."""
    container = item.get("container-title", "")
    end, at = _title_then_journal(item, text) if "volume" in item else (-1, -1)
    year = _AUTHOR_DATE_YEAR.search(text, 0, end) if at > end else None
    rest = _TITLE_LEFT_OUT.fullmatch(text, end, at) if year else None
    if rest and re.match(r",?\s?\d", text[at + len(container):]):
        item["title"] += rest.group("rest")[:-1] if rest.group("rest")[-1] == "." else \
            rest.group("rest")


# a newspaper's or a magazine's name after the title with the day it appeared, nothing after:
# "… might be around for a while. Washington Post, June 16.", "…, The Guardian, 3 March 2019."
_MONTH_NAME = _MONTH_WORD + r"\.?"
_PAPER_AND_DAY = re.compile(
    r"[.?!”\"]\s(?P<paper>(?:The\s)?[A-Z][\w&'’-]*(?:\s[A-Z][\w&'’-]*){0,4}),\s"
    rf"(?:{_MONTH_NAME}\s\d{{1,2}}|\d{{1,2}}\s{_MONTH_NAME})(?:,?\s(?:1[5-9]|20)\d\d)?\.?$")


def _paper_and_its_day(item: dict[str, Any], text: str) -> None:
    """The name before the day a reference ends with is the newspaper's or magazine's, where
    the tagger found no container."""
    if "container-title" in item or "volume" in item:
        return
    found = _PAPER_AND_DAY.search(text, max(0, _title_end(item, text)))
    if found:
        item["container-title"] = found.group("paper")


# Science's and PNAS's layout, "Authors, Title. Journal Volume, pages (Year).": a title of a
# few words the tagger ran into the journal's name ("Deep learning. Nature"), a sentence in
# sentence case before the journal's: two words at least, one of them a word in lower case
# that is no article or preposition, and a last word of four letters or more. An
# abbreviated journal's words are none of these ("Trudy Sov. Antarkt. Eksped.", "Proc.
# Natl. Acad. Sci."), nor are a journal's full name and its part ("Proceedings of the Royal
# Society of London. Series A", "Journal of physics. Condensed matter": a journal's word
# opens it)
_TITLE_THEN_JOURNAL = re.compile(
    r"(?!(?:Proceedings|Journal|Annals|Bulletin|Transactions|Monthly|Zeitschrift|Physical|"
    r"Astronomy|Reviews?|Advances|Acta|Archives|Letters|Memoirs|Notices)\b)"
    r"(?P<title>[A-Z][\w'’-]*(?:\s[\w'’-]+)*\s(?!(?:of|the|and|for|in|on|to|de|des|du|der|"
    r"und|la|le)\b)[a-z][\w'’-]{2,}(?:\s[\w'’-]+)*(?<=\w{4}))\.\s"
    r"(?P<journal>[A-Z]\S*(?:\s\S+)*)")


def _short_title_run_into_the_journal(item: dict[str, Any], text: str) -> None:
    """A reference with no title, whose journal's name opens with a sentence of words
    followed by the journal's volume in Science's layout, has that sentence for its title."""
    container = item.get("container-title", "")
    found = _TITLE_THEN_JOURNAL.fullmatch(container) if "title" not in item else None
    volume = item.get("volume")
    if found and volume and re.search(re.escape(container) + rf"\s+{re.escape(volume)}\s*,",
                                      text):
        item["title"], item["container-title"] = found.group("title"), found.group("journal")


# APA's mark of an article published before its issue, which is no journal's name ("World
# Development. Advance online publication.")
_ADVANCE_ONLINE = re.compile(r"(?:^|\.\s+)Advance online publication\.?$", re.I)


def _advance_online_publication(item: dict[str, Any], text: str) -> None:
    """"Advance online publication" read as (or into) the journal's name is taken out: the
    journal is what stands before it."""
    container = item.get("container-title", "")
    mark = _ADVANCE_ONLINE.search(container)
    if not mark:
        return
    if mark.start() > 0:
        item["container-title"] = container[:mark.start()].rstrip(" .")
        return
    before = re.search(r"\.\s+([A-Z][^.]*?)\.\s+Advance online publication", text)
    title = item.get("title", "")
    if before and before.group(1) != title and not title.endswith(before.group(1)):
        item["container-title"] = before.group(1)
    else:
        del item["container-title"]


# a volume's or an issue's mark that the tagger ran into the journal's name: "Centennial
# Review vol. 9, no. 4" (MLA, no comma before it), "Bulletin of the Texas Memorial Museum No. 6"
# (an Italian annata's "a." or a French tome's "t." after a comma: "Studi storici, a. 28")
_MARK_ENDING_A_JOURNAL = re.compile(r"(?:(?<!\s)\s+(?:[Vv]ol|VOL|[Nn]o|NO|[Nn]r|Bd|[Hh]eft)|"
                                    r"(?<=\w),\s(?:a|t))\.?$")


def _mark_ending_a_journal(item: dict[str, Any], text: str) -> None:
    """A volume's or an issue's mark is no part of the journal's name it was read into, where
    its number follows in the text."""
    container = item.get("container-title", "")
    mark = _MARK_ENDING_A_JOURNAL.search(container)
    if mark and mark.start() > 0 and re.search(re.escape(container) + r"\.?\s?\d", text):
        item["container-title"] = container[:mark.start()].rstrip(" :,;")  # ("…semantics:")


# a proceedings' or meeting's short year run into its name: "Proceedings of AAAI-92",
# "IJCAI-87", "Supercomputing '91" (the tagger cut it off, and may take it for a volume)
_SHORT_YEAR_AFTER = re.compile(r"(?:-|\s?['’])(?P<year>\d\d)(?=[\s,.;:)]|$)")


def _short_year_ending_a_container(item: dict[str, Any], text: str) -> None:
    container = item.get("container-title", "")
    at = text.find(container) if container else -1
    found = _SHORT_YEAR_AFTER.match(text, at + len(container)) if at >= 0 else None
    if found and container[-1:].isalpha() and not container[-1:].islower() or \
            found and _CONFERENCE.search(container) or found and container.endswith("ing"):
        item["container-title"] = container + found.group(0)
        if item.get("volume") == found.group("year"):
            del item["volume"]


_TO_THE_BRACKETS_CLOSE = re.compile(r"[^()]{1,40}\)")


def _container_cut_inside_its_brackets(item: dict[str, Any], text: str) -> None:
    """A container the tagger ended inside a bracket it opens runs on to the bracket's close:
    "In 30th USENIX Security Symposium (USENIX Security 21). USENIX Association, …" (the
    meeting's short name, its year in it)."""
    container = str(item.get("container-title") or "")
    end = _field_end(item, "container-title", text) \
        if container.count("(") > container.count(")") else -1
    rest = _TO_THE_BRACKETS_CLOSE.match(text, end) if end >= 0 else None
    if rest:
        item["container-title"] = container + rest.group(0)


# a Vancouver journal whose abbreviation names its place in brackets, which the tagger ran the
# title on into ("… in adolescents. Obesity (Silver Spring). 2019;27 Suppl 1:S45-S52.")
_JOURNAL_WITH_ITS_PLACE = re.compile(
    r"^(?P<title>.+?[^\s.A-Z])\.\s+(?P<journal>[A-Z][\w.&' -]{1,60}?\s\([A-Z][\w .'-]{1,30}\))$")
_VANCOUVERS_DATE_NEXT = re.compile(r"\.?\s*(?:1[5-9]|20)\d\d\b[^;()]{0,12};\s*\d")


def _vancouver_journal_with_its_place(item: dict[str, Any], text: str) -> None:
    """Such a journal, out of the title, where the tagger read no journal."""
    end = _title_end(item, text) if "container-title" not in item else -1
    found = _JOURNAL_WITH_ITS_PLACE.match(item["title"]) if end >= 0 else None
    if found and _VANCOUVERS_DATE_NEXT.match(text, end):
        item["title"], item["container-title"] = found["title"], found["journal"]


# Vancouver's book a part is in, its publisher after it, which the tagger read as the book's
# name's end: "In: Advances in Neural Information Processing Systems 32. Curran Associates,
# Inc.; 2019:8024-8035." (the publisher's words, then Vancouver's semicolon and year)
_BOOK_THEN_ITS_PUBLISHER = re.compile(
    r"^(?P<book>.{3,300}?)\.\s+(?P<publisher>(?:[A-Z][\w&'-]*\s){0,3}(?:Associates|Press|"
    r"Publishers?|Publishing|Verlag|Books))$")
_VANCOUVERS_YEAR_AFTER = re.compile(r"(?P<more>,?\s*(?:Inc|Ltd|LLC|GmbH)\.?)?\s*;\s*"
                                    r"(?:1[5-9]|20)\d\d\b")


def _vancouver_publisher_ending_a_book(item: dict[str, Any], text: str) -> None:
    """Such a book and its publisher."""
    found = _BOOK_THEN_ITS_PUBLISHER.match(item.get("container-title") or "")
    end = _field_end(item, "container-title", text) if found and "publisher" not in item \
        else -1
    after = _VANCOUVERS_YEAR_AFTER.match(text, end) if end >= 0 else None
    if after:
        item["container-title"] = found["book"]
        item["publisher"] = found["publisher"] + (after["more"] or "")


# DBLP's arXiv paper: "CoRR, abs/1301.3781, 2013." and "CoRR abs/1301.3781 (2013)" (the
# Computing Research Repository, arXiv's identifier as the volume, as DBLP's BibTeX has it)
_CORR = re.compile(r"[.,]\s+(?P<journal>CoRR),?\s+(?P<volume>abs/[\w./-]+?),?\s+\(?"
                   r"(?:19|20)\d\d\)?\.?$")


def _corr(item: dict[str, Any], text: str) -> None:
    """Such a paper's journal and volume, whatever the tagger read there (a page, an issue
    or a title of them), and a title it ran on into them cut before them."""
    found = _CORR.search(text)
    if found is None:
        return
    title = item.get("title") or ""
    at = text.find(title) if title else -1
    if 0 <= at < found.start() < at + len(title):
        item["title"] = text[at:found.start()].rstrip(" .,")
    elif at >= found.start():  # "CoRR" itself read as the title
        item.pop("title", None)
    item["container-title"], item["volume"] = found["journal"], found["volume"]
    item.pop("page", None)
    item.pop("issue", None)



# Italian's chapter with its titles in no quotation marks (italics lost) and commas between
# every part: "Fontana, Marco, La stampa clandestina a Milano, in L. Ferri, P. Galli (a cura
# di), Editoria e censura nell'Italia moderna, Roma, Carocci, 2012, pp. 89-114."
_ITALIAN_CHAPTER = re.compile(
    r"(?P<family>[A-ZÀ-Þ][\w'’-]+(?:\s[A-ZÀ-Þ][\w'’-]+)?),\s(?P<given>[A-ZÀ-Þ][\w'’.-]*"
    r"(?:\s[A-ZÀ-Þ][\w'’.-]*)?),\s(?P<title>[^,()]{3,300}?),\sin\s"
    r"(?P<editors>[^()]{2,200}?)\s\((?:a\scura\sdi|a\sc\.\sdi|eds?\.|dir\.|hrsg\.|coord\.)\),\s"
    r"(?P<book>[^,()]{3,300}?),\s(?P<place>[A-ZÀ-Þ][^,\d]{1,40}),\s(?P<publisher>[^,\d]{2,60}),\s"
    r"(?P<year>(?:1[5-9]|20)\d\d),\spp?\.\s(?P<page>\d+(?:\s?[-–]\s?\d+)?)\.?")


def _italian_chapter(item: dict[str, Any], text: str) -> None:
    """Such a chapter's parts, as the form places them: the tagger takes its commas for the
    ones between names."""
    found = _ITALIAN_CHAPTER.fullmatch(text.strip())
    if found is None:
        return
    item["author"] = [{"family": found["family"], "given": found["given"]}]
    item["issued"] = {"date-parts": [[int(found["year"])]]}
    _chapter_as_found(item, found)


def _chapter_as_found(item: dict[str, Any], found: re.Match[str]) -> None:
    """A chapter's parts as a form's pattern names them: its book, pages and editors, and
    its title, publisher and place where the pattern has them."""
    named = found.re.groupindex
    if "title" in named:
        item["title"] = found["title"].strip()
    item["container-title"] = found["book"].strip()
    if "publisher" in named:
        item["publisher"] = found["publisher"].strip()
        item["publisher-place"] = found["place"].strip()
    item["page"] = _page(found["page"])
    item["type"] = "chapter"
    editors = split_authors(found["editors"] or "")
    if editors:
        item["editor"] = editors


# Polish's chapter: its title in „…”, then "W" (in) and the book, its editors after "red."
# (redakcja), then the pages: "„Szlachta i handel zbożem w XVII wieku”. W Gospodarka
# Rzeczypospolitej w epoce nowożytnej, red. Tomasz Kurek, 55–80. Kraków: Universitas, 2010."
_POLISH_CHAPTER = re.compile(
    r"„(?P<title>[^„”“]{3,300}?)[.,]?[”“]\.?\s+W:?\s+(?P<book>[^,„”“]{3,300}?),\s+"
    r"(?:pod\s+)?red\.\s+(?P<editors>[^,\d]{2,200}?),\s+(?:s\.\s+)?"
    r"(?P<page>\d+\s?[-–]\s?\d+)")


def _polish_chapter(item: dict[str, Any], text: str) -> None:
    """Such a chapter's title, book, editors and pages (the tagger, which pairs „ with “ as
    German prints it, runs the title on to the editors)."""
    found = _POLISH_CHAPTER.search(text)
    if found is not None:
        _chapter_as_found(item, found)


# Springer's proceedings cited with no editors: "In: Computer Aided Verification (CAV 2020).
# LNCS, vol. 12224, pp. 643–665." (the series is no name of the book)
_SERIES_NAMES = ("LNCS", "LNAI", "LNBI", "CCIS", "LIPIcs", "IFIP AICT", "LNBIP")
_BOOK_BEFORE_ITS_SERIES = re.compile(r"\bIn:\s+(?P<book>[^:()]{3,200}?(?:\([^()]{1,40}\))?)\.\s+"
                                     rf"(?P<series>{'|'.join(_SERIES_NAMES)}),\s+vol\.")


def _series_read_as_the_book(item: dict[str, Any], text: str) -> None:
    """The book of such a paper, where the tagger read the series's name as it."""
    if str(item.get("container-title") or "") not in _SERIES_NAMES:
        return
    found = _BOOK_BEFORE_ITS_SERIES.search(text)
    if found and found["series"] == item["container-title"]:
        item["container-title"] = found["book"].strip()


# NLM's proceedings: the book, then the meeting's dates and place after semicolons, then the
# imprint ("In: Proceedings of the 2019 Computing in Cardiology Conference; 2019 Sep 8-11;
# Singapore. Piscataway (NJ): IEEE; 2019. p. 1-4."): the book's name ends at its semicolon
_MEETING_AFTER_THE_BOOK = re.compile(r";\s*(?:1[5-9]|20)\d\d\s+(?:[A-Z][a-z]{2}|[A-Z][a-z]+)\b"
                                     r"[^;]{0,40};.*$")


def _meeting_after_the_book(item: dict[str, Any], text: str) -> None:
    """The book's name without the meeting's dates, place and imprint run into it."""
    container = str(item.get("container-title") or "")
    cut = _MEETING_AFTER_THE_BOOK.sub("", container) if ";" in container else container
    if cut != container and cut.strip() and f"In: {cut}" in text:
        item["container-title"] = cut.strip()


# French's chapter: "dans", the editors and their role in brackets perhaps, then the book,
# its place, its publisher, its year and the pages, all between commas ("…, « Les confréries
# de pénitents en Provence », dans Michel Arnaud (éd.), Religion et société dans le Midi
# moderne, Aix-en-Provence, Presses universitaires de Provence, 2008, p. 45-71.")
# (the editors' role written out, "(sous la dir. de)"; and Spanish's "en" and Italian's "in",
# their editors' "(coord.)", "(a cura di)", the year perhaps given after the authors
# instead: "…», en J. L. Sánchez Lora (coord.), Religiosidad
# popular en Andalucía, Huelva, Universidad de Huelva, pp. 201-228."; the book's name may
# hold commas: its place and publisher are the last two parts before the year and pages)
_FRENCH_CHAPTER = re.compile(
    r"[»”],?\s+(?:dans|en|in)\s+(?:(?P<editors>[^()«»]{2,200}?)\s"
    r"\((?:[ée]ds?|dir|sous la dir\. de|coord|a cura di|comps?)\.?\),\s+)?"
    r"(?P<book>[^«»()]{3,300}?),\s+(?P<place>[A-ZÀ-Þ][^,\d]{1,40}),\s+"
    r"(?P<publisher>[^,\d]{2,80}),\s+(?:(?P<year>(?:1[5-9]|20)\d\d),\s+)?pp?\.\s*"
    r"(?P<page>\d+(?:\s?[-–]\s?\d+)?)")


def _french_chapter(item: dict[str, Any], text: str) -> None:
    """Such a chapter's book, editors, publisher and pages, where the tagger took the
    publisher for the book."""
    found = _FRENCH_CHAPTER.search(text)
    if found is None:
        return
    # (what the tagger took for the book: nothing, the publisher (with its place), the
    # editors, or the book with its place and publisher)
    read = item.get("container-title")
    place, publisher = found["place"].strip(), found["publisher"].strip()
    if read in (None, publisher, f"{place}, {publisher}", (found["editors"] or "").strip(),
                f"{found['book'].strip()}, {place}, {publisher}"):
        _chapter_as_found(item, found)


# ISO 4's abbreviations (the ISSN Centre's List of Title Word Abbreviations) of the words
# journals' names most often end with: a name ending in one of them, its stop taken for the
# field's end, gets it back; a name ending in any other word (a whole word, "Int. J.
# Cancer", "Appl. Energy"; a rarer abbreviation) is left as it was read
_ISO4_LAST_WORDS = frozenset({
    "acc", "adv", "affect", "agric", "anal", "anat", "angew", "anim", "ann", "annu", "appl",
    "approx", "arch", "artif", "astron", "astrophys", "atmos", "autom", "behav", "biochem",
    "biol", "biomed", "biophys", "biotechnol", "bot", "bull", "calc", "cardiol", "catal",
    "chem", "chim", "clim", "clin", "comm", "commun", "comput", "condens", "conf", "constr",
    "contin", "curr", "dermatol", "des", "dev", "differ", "discov", "discr", "dis", "diss",
    "dyn", "ecol", "econ", "ecosyst", "educ", "electron", "endocrinol", "eng", "engrg",
    "entomol", "environ", "enzym", "epidemiol", "equ", "eur", "evol", "exp", "funct",
    "gastroenterol", "gen", "genet", "geochem", "geogr", "geol", "geophys", "geosci", "glob",
    "grav", "gravit", "hist", "hum", "hydrol", "immunol", "ind", "inf", "infect", "inorg",
    "inst", "instrum", "int", "intell", "lett", "linguist", "mach", "magn", "manag", "mapp",
    "mater", "math", "mech", "med", "microbiol", "mod", "mol", "multidisc", "nanotechnol",
    "nat", "natl", "netw", "neurobiol", "neurol", "neurophysiol", "neurosci", "nucl", "numer",
    "nutr", "oncol", "oper", "ophthalmol", "opin", "opt", "optim", "org", "pathol", "pediatr",
    "perform", "pharmacol", "philos", "photon", "phys", "physiol", "polit", "proc", "process",
    "prod", "psychiatr", "psychol", "publ", "quant", "radiol", "recognit", "relativ", "renew",
    "rep", "represent", "res", "rev", "robot", "sci", "ser", "soc", "sociol", "softw", "stat",
    "statist", "struct", "stud", "supercomput", "surg", "surv", "sustain", "symp", "syst",
    "technol", "theor", "thoret", "trans", "univ", "urol", "veh", "vet", "virol", "zool"})
_DOTTED_ABBREVIATION = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]*\.")


def abbreviation_stop_given_back(item: dict[str, Any], clean: str) -> None:
    """Give an abbreviated journal's name back the full stop of its last word ("Nat.
    Neurosci.", "Immun. Inflamm. Dis."), which the reading took for the end of the field:
    where the name's other words are abbreviations with their stops (or whole capitalised
    words, "Trends Ecol. Evol."; no article first), its last word is one of ISO 4's common
    abbreviations (:data:`_ISO4_LAST_WORDS`: not a whole word, "Int. J. Cancer", nor
    capitals, "Proc. Natl. Acad. Sci. USA"), and the string prints the stop right after
    it. Nothing else is changed: a reference manager shows the name as printed."""
    name = item.get("container-title")
    if not isinstance(name, str) or name.endswith("."):
        return
    *before, last = name.split()
    if not before or before[0] in ("The", "A", "An") or \
            not re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ]{1,13}", last) or \
            last.casefold() not in _ISO4_LAST_WORDS:
        return
    if not any(_DOTTED_ABBREVIATION.fullmatch(word) for word in before) or not all(
            _DOTTED_ABBREVIATION.fullmatch(word) or re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ]+|&", word)
            for word in before):
        return
    if re.search(re.escape(name) + r"\.(?!\w)", clean):
        item["container-title"] = name + "."
