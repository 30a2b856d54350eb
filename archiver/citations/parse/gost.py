"""Russian references as GOST 7.1 and 7.0.5 write them (and their transliterations): the
authors family name first, initials after ("Иванов И. И., Петров П. С.", "и др." for et al.),
the title, a statement of who is responsible after " / ", then the journal after " // "; the
year, the volume ("Т. 12"), the issue ("№ 3", "вып. 4") and the pages ("С. 45–67") each ending
with a full stop, in areas a dash may part (". – 2020. – № 4. – С. 12–19."): "Иванов И. И.,
Петров П. С. Моделирование … // Инженерно-строительный журнал. 2019. Т. 12, № 3. С. 45–67."
A book: the title (a kind after " : ", "монография", "дис. … канд. наук"), then, after the
area's dash, its place, publisher and year and its number of pages ("– Москва : Наука, 2021.
– 248 с.", which is no page cited), or, as GOST 7.0.5's lists print it, without the dashes,
its Russian city abbreviated ("2-е изд. М.: Наука, 2010. 320 с."). The tagger, trained on
none, reads the initials as names and "Т" as a journal. Recognised only where the whole
reference has this form.
"""

from __future__ import annotations

import re

from archiver.citations.parse.fields import _marked_numbers
from archiver.citations.parse.shared import _LIST_NUMBER

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any

_CAPITAL = "A-ZА-ЯЁ"
_SMALL = "a-zа-яё"
_FAMILY = rf"[{_CAPITAL}][{_SMALL}'’]+(?:-[{_CAPITAL}][{_SMALL}'’]+)?"
_INITIALS = rf"[{_CAPITAL}]\.(?:\s?[{_CAPITAL}]\.){{0,2}}"
_NAME = rf"{_FAMILY}\s{_INITIALS}"
# (GOST 7.1-2003 puts "и др." in square brackets: "Смирнов А. А., Попов В. Г. [и др.]")
_NAMES = (rf"(?P<names>{_NAME}(?:,\s{_NAME}){{0,9}})"
          r"(?P<etal>,?\s\[?(?:и\sдр|et\sal)\.\]?)?")
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
_DASH = r"(?:[–—-]\s*)?"  # the dash that parts two areas (". – ")

# the article: names, title, (" / " who is responsible), " // " journal, then the year
_ARTICLE = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?{_NAMES}\s+(?P<title>[^/]{{2,400}}?)"
    r"(?:\s/\s[^/]{1,300}?)?\s//\s*(?P<container>[^/]{2,200}?)\.\s*"
    rf"{_DASH}{_YEAR}\.(?P<rest>.*)$")
# the book or thesis: names, title (and its kind), an area's dash, place, publisher and year
# (GOST 7.0.5's list leaves the dashes out: "… 2-е изд. М.: Наука, 2010. 320 с."; there the
# place is a Russian city's abbreviation or one word, "М.", "СПб.", "Ростов н/Д", and its
# publisher follows it)
_CITY = r"[А-ЯЁ][А-ЯЁа-яё]{0,3}\.|[А-ЯЁ][а-яё-]+(?:\sн/[А-ЯЁ])?"
# (and the edition's own area, between the title's and the imprint's: ". – 5-е изд., испр. –")
# the place in an imprint's area, after its dash: words, or a city abbreviated ("М.", "СПб.")
_AREA_PLACE = rf"[^:,.–—]{{2,60}}?|[{_CAPITAL}][{_CAPITAL}{_SMALL}]{{0,3}}\."
_BOOK = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?{_NAMES}\s+(?P<title>[^/–—]{{2,400}})"
    rf"(?:\s/\s[^/–—]{{1,300}}?)?"
    r"(?:\.\s[–—]\s*(?P<edition>\d{1,2})-е\sизд\.(?:,\s[^–—/]{1,40}?)?(?=\.?\s[–—]))?"
    rf"\.?\s(?:[–—]\s*(?P<place>{_AREA_PLACE})|(?P<city>{_CITY})(?=\s?:))"
    rf"(?:\s?:\s?(?P<publisher>[^,–—]{{1,120}}?))?,\s{_YEAR}\.(?P<rest>.*)$")
# a part of a book, after " // ", the book's authors perhaps named again, then its imprint's area
# and its volume and pages after the year: "Бахтин М. М. Проблема речевых жанров // Бахтин М.
# М. Собрание сочинений. – Москва : Русские словари, 1996. – Т. 5. – С. 159–206."
_PART = re.compile(
    rf"^\s*(?:{_LIST_NUMBER}\s*)?{_NAMES}\s+(?P<title>[^/]{{2,400}}?)"
    r"(?:\s/\s[^/]{1,300}?)?\s//\s*"
    rf"(?:{_NAME}(?:,\s{_NAME}){{0,9}}\s+)?(?P<container>[^/–—]{{2,200}}?)\.\s[–—]\s*"
    rf"(?P<place>{_AREA_PLACE})\s?:\s?"
    r"(?P<publisher>[^,–—]{1,120}?),\s"
    rf"{_YEAR}\.(?P<rest>.*)$")
# a title that runs on into the book a part is in is no book's: "… In: …", "… В кн.: …"
_PART_OF = re.compile(r"\b(?:In|В\sкн\.|Там\sже)\s?:", re.I)
# a book's edition ending its title: "2-е изд.", "3-е изд., испр. и доп.", "Изд. 2-е"; and
# its volume, "Т. 2"
_EDITION = re.compile(r"\.\s(?:(\d{1,2})-е\sизд\.?(?:,\s.{1,40})?|Изд\.\s(\d{1,2})-е)$")
_VOLUME_ENDING = re.compile(r"\.\s(?:Т|Том)\.?\s?(\d{1,3})$")
# a book's or a thesis's kind after its title ("Цифровая трансформация … : монография", "… :
# дис. ... канд. социол. наук : 22.00.04")
_KIND = re.compile(r"\s:\s(?:монография|учебник|учеб\.|дис\.|автореф\.|сб\.|материалы|"
                   r"моногр\.|препринт|monografiya|dis\.)", re.I)
_VOLUME = re.compile(r"(?:^|[\s.,])(?:Т|T|Том|Vol)\.?\s?(\d{1,4})\b")
_ISSUE = re.compile(r"(?:№|\bNo\.?|[Вв]ып\.|Vyp\.|Iss\.)\s?(\d{1,4})\b")  # (NFKC: № is "No")
# (an article's number too: "P. 012001", "P. e123456")
_PAGES = re.compile(r"(?:^|[\s.,])(?:С|S|P|pp?)\.\s?([A-Za-z]?\d{1,7}(?:\s?[–—-]\s?\d{1,7})?)"
                    r"(?=\W|$)")


def _gost(item: dict[str, Any], text: str) -> None:
    """A GOST reference, its fields as the form places them."""
    found = _ARTICLE.match(text) or _PART.match(text) or _BOOK.match(text)
    if found is not None and found.re is _PART and _ISSUE.search(found["rest"]):
        found = _BOOK.match(text)  # (an issue's "№": a journal's, whatever its imprint)
    if found is None or found.re is _BOOK and _PART_OF.search(found["title"]):
        return
    article = found.re is _ARTICLE
    title = found["title"].strip(" .:")
    kind = _KIND.search(title)
    doi = item.get("DOI")
    item.clear()
    item["author"] = [{"family": family, "given": given} for family, given in
                      (name.strip().split(" ", 1) for name in
                       re.split(rf",\s(?={_FAMILY}\s)", found["names"]))]
    item["title"] = title[:kind.start()] if kind else title
    item["issued"] = {"date-parts": [[int(found["year"])]]}
    rest = found["rest"]
    if article:
        item["container-title"] = found["container"].strip()
        item.update(_marked_numbers(rest, _VOLUME, _ISSUE, _PAGES))
    elif found.re is _PART:
        item["container-title"] = found["container"].strip()
        item.update({k: v for k, v in _marked_numbers(rest, _VOLUME, _ISSUE, _PAGES).items()
                     if k in ("page", "volume")})
        item["publisher-place"] = found["place"].strip()
        item["publisher"] = found["publisher"].strip()
    else:
        if found["edition"]:
            item["edition"] = found["edition"]
        edition = _EDITION.search(item["title"])
        if edition:
            item["title"] = item["title"][:edition.start()]
            item["edition"] = edition.group(1) or edition.group(2)
        volume = _VOLUME_ENDING.search(item["title"])
        if volume:
            item["title"] = item["title"][:volume.start()]
            item["volume"] = volume.group(1)
        # the pages cited of it, "С. 15–30" (its count of pages, "320 с.", is none), and
        # its volume after the year, "1987. Т. 1."
        numbers = _marked_numbers(rest, _VOLUME, _ISSUE, _PAGES)
        item.update({k: v for k, v in numbers.items() if k in ("page", "volume")
                     and k not in item})
        item["publisher-place"] = (found["place"] or found["city"]).strip()
        if found["publisher"]:
            item["publisher"] = found["publisher"].strip()
    if doi:
        item["DOI"] = doi
