"""The tagger's labels turned into one CSL-JSON item: the first span of each field cut from the
text, the authors split, then the repair rules applied in a fixed order, each a printed form
the tagger is known to read wrongly (see ``docs/refs.md``).
"""

from __future__ import annotations

import re

from archiver.citations.parse.authors import (
    _GROUP_AUTHOR,
    _ON_BEHALF,
    _committee_after_the_country,
    split_authors,
)
from archiver.citations.parse.containers import (
    _aaa_chapter,
    _abbreviated_journal_cut,
    _access_note_read_as_the_container,
    _acm_article_read_as_the_volume,
    _acm_journal,
    _acronym_after_a_container,
    _acs_journal,
    _acs_journal_read_into_the_initials,
    _advance_online_publication,
    _apa_publisher,
    _book_after_its_editors,
    _book_after_the_year,
    _book_before_ed_by,
    _book_before_its_editors,
    _book_before_its_imprint,
    _book_cited_by_its_editors,
    _book_place_publisher,
    _book_then_its_publisher,
    _bracketed_imprint_ending_a_container,
    _british_article,
    _chapter_in_colon,
    _chapter_number_after_the_book,
    _chicago_note_book,
    _closed,
    _container_cut_inside_its_brackets,
    _corr,
    _discussion_paper,
    _editor_read_as_the_container,
    _editors_opening_a_book,
    _french_chapter,
    _ieee_book_then_editors,
    _ieee_proceedings,
    _imprint_at_the_end,
    _imprint_between_commas,
    _italian_chapter,
    _journal_after_guillemets,
    _journal_before_the_year,
    _journal_left_in_the_title,
    _journal_named_with_its_year,
    _journal_of_a_work_in_press,
    _journal_word_ending_a_title,
    _journal_word_in_title,
    _journals_first_word_in_the_title,
    _journals_opening_left_out,
    _journals_subtitle_ending_the_reference,
    _mark_ending_a_journal,
    _medium_ending_a_name,
    _meeting_after_the_book,
    _meetings_year_ending_its_name,
    _mla_book_before_its_editors,
    _on_the_web,
    _paper_and_its_day,
    _patent,
    _polish_chapter,
    _preprint_server,
    _proceedings,
    _publisher_ending_proceedings,
    _rest_of_the_title_left_out,
    _reviewed_book_read_as_the_journal,
    _series_or_editors_ending_the_container,
    _series_read_as_the_book,
    _short_title_run_into_the_journal,
    _short_year_ending_a_container,
    _title_cut_before_vancouvers_journal,
    _vancouver_book_read_as_a_journal,
    _vancouver_journal_with_its_place,
    _vancouver_publisher_ending_a_book,
    _word_left_before_the_pages,
    _year_ending_a_container,
    _year_ending_a_title_before_vancouvers_journal,
    _year_ending_a_vancouver_book,
    _year_in_a_vancouver_books_name,
    _years_ending_a_book,
)
from archiver.citations.parse.fields import (
    _container,
    _cut,
    _issue,
    _page,
    _spans,
    _strip_span,
    _volume,
    _year,
    find_doi,
)
from archiver.citations.parse.gbt import (
    _chinese_book_without_its_code,
    _chinese_numbers,
    _chinese_vancouver,
    _gbt_issue_read_as_volume,
    _gbt_supplement,
    _gbt_year_read_as_volume,
    _host_of_a_part_1987,
    _japanese_marks,
    _names_before_a_colon,
    _page_after_the_imprint,
    _part_of_a_book_1987,
    _pinyin_names_family_first,
    _standard_by_its_number,
    _title_marks,
    _with_its_marks,
    _work_named_alone,
)
from archiver.citations.parse.german import (
    _editor_read_as_the_book,
    _german_book,
    _german_book_run_into_the_title,
    _german_names_before_a_quoted_title,
    _german_ordinal_ending_the_title,
    _german_ordinal_in_the_container,
    _german_place_run_into_the_title,
    _german_thesis,
    _german_volume,
)
from archiver.citations.parse.gost import _gost
from archiver.citations.parse.law import (
    _article_of_a_law,
    _case_or_statute,
    _court_judgment,
    _law_review,
)
from archiver.citations.parse.numbers import (
    _acronym_year,
    _after_volume_colon,
    _ams_issue,
    _ams_series,
    _article_number,
    _article_number_cut_before_its_letter,
    _article_number_read_as_the_year,
    _arxiv_id_read_as_the_page,
    _capitals_read_as_the_page,
    _chinese_date_read_as_the_page,
    _cited_page_after_the_imprint,
    _dated_periodicals_numbers,
    _day_read_as_a_number,
    _document_number_read_as_a_number,
    _edition_or_years_acronym_read_as_a_volume,
    _fallback_year,
    _footnote_read_as_the_volume,
    _in_arxiv_ids,
    _issue_after_its_mark,
    _issue_alone_in_brackets,
    _issue_before_the_pages,
    _issue_numbered_like_a_year,
    _issue_run_into_pages,
    _issue_with_its_part,
    _later_year,
    _lettered_locator_cut,
    _lettered_volume,
    _marked_volume_and_issue,
    _meetings_acronym_read_as_the_issue,
    _meetings_year_read_as_the_year,
    _month_and_day,
    _number_printed_once_read_twice,
    _numbered_issue_alone,
    _numbers_of_something_else,
    _ordinal_read_as_a_volume,
    _page_after_the_year,
    _page_read_as_the_volume,
    _page_read_as_the_volume_too,
    _page_read_as_the_year,
    _pages_continued,
    _pages_lettered_as_a_supplement,
    _release_read_as_numbers,
    _report_or_catalogue_number,
    _roman_pages,
    _springer_page_alone,
    _star_methods_page,
    _supplement_after_the_volume,
    _supplement_without_a_volume,
    _title_read_as_the_page,
    _vancouver_numbers,
    _vancouver_year_read_as_the_volume,
    _vietnamese_numbers,
    _volume_alone_after_the_year,
    _volume_and_issue_after_the_journal,
    _volume_and_issue_before_the_year,
    _volume_and_issue_by_their_letters,
    _volume_and_page_ending,
    _volume_comma_issue,
    _volume_dot_issue,
    _volume_marked_in_words,
    _volume_run_into_the_page,
    _volume_that_is_no_number,
    _volumes_of_a_work,
    _volumes_printed_as_a_range,
    _year_before_the_volume,
    _year_in_vancouvers_date,
    _year_of_a_period,
    _year_opening_a_title,
    _year_printed_as_an_issue,
    _year_volume_issue_pages,
    _years_read_as_the_pages,
    _years_run_into_apas_pages,
)
from archiver.citations.parse.physics import (
    _eprint_alone,
    _iop_journal_cut_at_its_colon,
    _monthly_physics_issue,
    _name_opening_the_journal,
    _names_alone_before_the_journal,
    _names_before_the_year,
    _physics_book,
    _physics_forms,
    _physics_tail,
    _proceedings_of_science,
    _title_between_names_and_journal,
    _title_run_into_a_one_word_journal,
    _title_run_into_the_journal,
    _year_then_iop_journal,
)
from archiver.citations.parse.shortforms import _short_form
from archiver.citations.parse.titles import (
    _abbreviation_cutting_a_title,
    _address_opening_a_title,
    _apa_books_volume,
    _book_run_into_a_question,
    _books_volume,
    _bracket_ending_a_quoted_title,
    _chapter_title_read_as_its_book,
    _chinese_names_in_apas_form,
    _country_ending_a_title,
    _date_after_a_quoted_title,
    _description_ending_a_title,
    _document_number_ending_a_title,
    _double_quotation_inside_a_single_quoted_title,
    _edition_ending_a_title,
    _edition_ending_the_title,
    _elided_word_ending_a_title,
    _french_note,
    _german_chapter_in_its_title,
    _german_quote_closing_a_title,
    _given_name_before_a_colon,
    _group_among_the_authors,
    _group_before_the_year,
    _group_named_with_a_year,
    _ieee_city_ending_a_title,
    _ieee_standard,
    _in_opening_a_book_title,
    _kind_after_a_quoted_title,
    _medium_and_roles,
    _mla_review,
    _month_read_as_the_title,
    _names_and_year_in_the_title,
    _nature_book,
    _note_author_in_the_title,
    _percent_ending_a_title,
    _periodical_after_a_dated_title,
    _periodical_after_a_question,
    _place_and_year_after_a_title,
    _place_ending_a_title,
    _preprint_and_its_year,
    _quotation_ending_a_title,
    _quotation_inside_a_quoted_title,
    _quotation_opening_a_title,
    _quoted_title_cut_at_its_full_stop,
    _quoted_title_opening_the_reference,
    _quotes_around_a_translated_title,
    _report_number_ending_a_title,
    _role_ending_a_title,
    _roman_part_of_a_title,
    _series_ending_a_title,
    _single_quoted_title,
    _software_title,
    _thesis_note_ending_a_title,
    _title_before_the_date,
    _title_cut_before_its_bracket,
    _title_cut_before_its_medium,
    _title_ends_at_its_quote,
    _title_read_as_a_given_name,
    _title_read_as_the_last_author,
    _title_run_into_a_group_author,
    _title_run_into_bmcs_authors,
    _title_run_into_the_author,
    _title_run_into_vancouvers_authors,
    _title_start_left_after_the_authors,
    _title_up_to_imprint,
    _translator_after_title,
    _undated_names,
    _undated_work,
    _volume_after_a_title,
    _year_ending_a_title,
    _year_of_a_range_in_a_name,
    _year_opening_a_vancouver_title,
    _year_read_into_the_title,
    _years_ending_a_title,
)
from archiver.citations.parse.token_features import _ROMAN, doctype_markers
from archiver.citations.parse.tokens import Token

TYPE_CHECKING = False  # typing is not imported at run time: it would cost ~7 ms of start-up
if TYPE_CHECKING:
    from typing import Any


def _closing_mark(text: str, tokens: list[Token], spans: Any, title: str) -> str:
    """The question or exclamation mark that ends a title ("Do we need to fix science
    blogs?"), or the bracket that closes one it opened: the tagger leaves it out with the
    punctuation that follows a title."""
    for a, b in spans:
        if title not in _cut(text, tokens, (a, b)):
            continue
        end = tokens[b].end
        mark = text[end:end + 1]
        if mark in ("?", "!", "？", "！") and not title.endswith(mark):
            return mark
        # "诊疗方案(试行第八版)[EB/OL]": the bracket the title opened, which the tagger left
        # with the type code after it
        opener = {")": "(", "）": "（", "]": "[", "}": "{"}.get(mark)
        if opener and title.count(opener) > title.count(mark):
            return mark
        return ""
    return ""


# words the tagger may leave out of the head of a group's name ("COVID-19 Host Genetics
# Initiative", "ENCODE Project Consortium"): up to three, of letters, digits and hyphens
_GROUP_HEAD = re.compile(r"(?:[^\W_][\w-]*\s+){1,3}")


def _group_head(text: str, start: int, authors: str) -> str:
    """A group author's name whole where the reference begins with it but the tagger took only
    its last words for the author (a name beginning with a number or an acronym it has seldom
    seen): the words before it, when nothing but they stand there."""
    head = text[:start]
    if start > 0 and _GROUP_HEAD.fullmatch(head) and any(c.isalpha() for c in head) \
            and _GROUP_AUTHOR.search(authors) and not re.search(r"[,;]", authors):
        return head + authors
    return authors


# the opening of a date in brackets that the tagger ran into the names: "Douglas, Kimberly
# (December 1998)." (a name never ends in an open bracket)
_DATE_OPENS = re.compile(
    r"\s*\(\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"spring|summer|autumn|fall|winter)?\s*$", re.I)


# a Vancouver list of authors, each "Family INITIALS", ended by a full stop (or by "et al."):
# "Zhang J, Tian XJ, Xing J. " or "Zhang J, Tian XJ, et al. "
_VANCOUVER_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s+[A-Z]{1,4}"
_VANCOUVER_LIST = re.compile(rf"(?:{_VANCOUVER_NAME},\s+)*{_VANCOUVER_NAME}"
                             rf"(?:,?\s+et\.?\s*al)?\.\s+(?=\S)")


_MORE_NAMES = re.compile(r"(?:and|und|et)\s", re.I)
# a title of one word ("Sokal RR, Rohlf FJ. Biometry. 1995."): a capitalised word, not a
# Vancouver name (which has its initials) nor a group's acronym
_ONE_WORD_TITLE = re.compile(r"[A-Z][a-z]{3,}")


def _vancouver_list_then_title(authors: str) -> tuple[str, str]:
    """(the authors, the title) of an author span that holds a title as well: a title with
    commas and "and" in it ("… Induced by TGF-β, SHH, and WNT and Their Crosstalks") reads
    like more names, and the tagger may take it into the authors, leaving no title. Where
    the span opens with a whole Vancouver list ended by its full stop, and words follow it,
    those words are the title; any other span is left as it is."""
    match = _VANCOUVER_LIST.match(authors)
    if match is None:
        return authors, ""
    rest = authors[match.end():].strip(" .")
    if (len(rest.split()) < 2 and not _ONE_WORD_TITLE.fullmatch(rest)) or \
            not rest[:1].isalnum() or _MORE_NAMES.match(rest) or \
            re.match(_VANCOUVER_NAME + r"(?:[.,]|$)", rest):
        return authors, ""  # "Bruggen M. & Kaiser C.R.", "Smith J. Jones K.": more names
    return authors[:match.end()].rstrip(), rest


_LEADING_GROUP = re.compile(rf"({_ON_BEHALF})?([^.,;]+?)\.\s+(\S.*)", re.I)
# what stands before a group the tagger took into the title: the list going on (a comma or
# a semicolon: "…, et al., for the …"), or AMA's "et al;" before the group itself
_LIST_GOES_ON = re.compile(r"[,;]\s*$")
_ETAL_SEMICOLON = re.compile(r"\bet\.?\s*al\b\.?\s*;\s*$")


_VOLUME_WORDS = frozenset({"vol", "vols", "volume", "volumes", "bd", "band"})


def _after_volume_word(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is a number printed after the word for a volume ("vol. 1579")."""
    j = k - 1
    if j >= 0 and tokens[j].text == ".":
        j -= 1
    return j >= 0 and tokens[j].text.lower() in _VOLUME_WORDS


def _csl(text: str, tokens: list[Token], labels: list[str]) -> dict[str, Any]:
    markers = doctype_markers(tokens)
    # "o-<field>" is "other, after <field>" (see bench/train_refs.py); a [J] never belongs
    # to the title it follows
    labels = ["other" if k in markers or lab.startswith("o-") else lab
              for k, lab in enumerate(labels)]
    _issue_numbered_like_a_year(tokens, labels)
    _issue_after_its_mark(tokens, labels)
    runs = _spans(tokens, labels)
    item: dict[str, Any] = {}

    def first(label: str) -> str:
        for span in runs.get(label, ()):
            value = _cut(text, tokens, span)
            if any(c.isalnum() for c in value):
                return value
        return ""

    authors, author_start = "", 0
    for a, b in runs.get("author", ()):
        if b + 1 < len(tokens) and tokens[b + 1].text == "." and tokens[b].kind == "L" \
                and len(tokens[b].text) == 1 and tokens[b].text.isupper():
            b += 1  # keep the full stop of a final initial: "Schultz, W."
        authors, author_start = text[tokens[a].start:tokens[b].end], tokens[a].start
        if authors.count("(") > authors.count(")") and text.startswith(")", tokens[b].end) \
                and _GROUP_AUTHOR.search(authors):
            authors += ")"  # a group's acronym: "NCD Risk Factor Collaboration (NCD-RisC)"
        if any(c.isalnum() for c in authors):
            break
    authors = _DATE_OPENS.sub("", authors)
    title_in_authors = ""
    if authors and not first("title"):
        authors, title_in_authors = _vancouver_list_then_title(authors)
    if authors:
        authors = _group_head(text, author_start, authors)
        persons = split_authors(authors)
        if persons:
            item["author"] = persons
    title = _strip_span(first("title")) or title_in_authors
    group = _LEADING_GROUP.match(title)
    before = text[:text.find(title)] if group else ""
    if group and "author" in item and _GROUP_AUTHOR.search(group.group(2)) and (
            _ETAL_SEMICOLON.search(before) if not group.group(1) else _LIST_GOES_ON.search(before)):
        # "Ardlie KG, et al., for the GTEx Consortium. The Genotype-Tissue …", "Beigel JH,
        # …, et al; ACTT-1 Study Group Members. Remdesivir …": the tagger takes the group
        # the authors wrote for into the title
        item["author"].append({"literal": group.group(2)})
        title = group.group(3)
    if title:
        item["title"] = _with_its_marks(text, title) + _closing_mark(
            text, tokens, runs.get("title", ()), title)
    container = _container(_closed(text, first("container")))
    if container:
        item["container-title"] = container
    for label, key, fix in (("volume", "volume", _volume), ("issue", "issue", _issue),
                            ("page", "page", _page)):
        value = fix(first(label))
        if key == "page" and len(value) == 1 and value.isalpha() and not _ROMAN.match(value):
            value = ""  # a stray initial ("P.R. Farnsworth") is no page; "NP", 扉页, "xi" are
        if key == "page" and _PII.match(value):
            value = ""  # an article in press's PII, "S0168-8278(24)00213-7", is no page
        if value:
            item[key] = value
    _issue_run_into_pages(item)
    # where a journal prints its page when the tagger found none ("127(4): 1607, 2000")
    at = _after_volume_colon(tokens, labels) if "page" not in item and "volume" in item \
        else None
    year = None
    in_ids = _in_arxiv_ids(text, tokens)
    for span in runs.get("year", ()):
        if _after_volume_word(tokens, span[0]):
            continue  # "LNCS, vol. 1579, pp. 193–207. Springer (1999)": a volume, no year
        if span[0] in in_ids:
            continue  # "arXiv:1802.03426": the month the preprint was numbered in, 2018-02
        year = _year(_cut(text, tokens, span))
        if year:
            later = _later_year(tokens, labels, at, year) if span == (at, at) else None
            if later:
                # "Development 127: 1607, 2000": the number in the page's place is the page
                # when a year follows it (a year is seldom written after a volume's colon)
                item["page"], year = tokens[at].text, later
            break
    if year is None:
        year = _fallback_year(tokens, labels, in_ids)
    if at is not None and "page" not in item and labels[at] == "other" \
            and tokens[at].kind == "N" and (not year or tokens[at].text != str(year)):
        item["page"] = tokens[at].text
    if year:
        item["issued"] = {"date-parts": [[year]]}
    doi = find_doi(text)
    if doi:
        item["DOI"] = doi
    _year_printed_as_an_issue(item, text)
    _volume_dot_issue(item, text)
    _acronym_year(item, text)
    _meetings_year_read_as_the_year(item, text)
    _article_number(item, text)
    _day_read_as_a_number(item, text)
    _article_number_read_as_the_year(item, text)
    _issue_alone_in_brackets(item, text)
    _volume_comma_issue(item, text)
    _supplement_without_a_volume(item, text)
    _year_volume_issue_pages(item, text)
    _lettered_locator_cut(item, text)
    _lettered_volume(item, text)
    _article_number_cut_before_its_letter(item, text)
    _numbered_issue_alone(item, text)
    _volume_and_issue_before_the_year(item, text)
    _ams_series(item, text)
    _issue_before_the_pages(item, text)
    _ams_issue(item, text)
    _ordinal_read_as_a_volume(item, text)
    _edition_or_years_acronym_read_as_a_volume(item, text)
    _arxiv_id_read_as_the_page(item, text)
    _volume_alone_after_the_year(item, text)
    _gbt_year_read_as_volume(item, text)
    _gbt_issue_read_as_volume(item, text)
    _gbt_supplement(item, text)
    _volume_that_is_no_number(item, text)
    _title_marks(item, text)
    _work_named_alone(item, text)
    _japanese_marks(item, text)
    _names_before_a_colon(item, text)
    _chinese_book_without_its_code(item, text)
    _standard_by_its_number(item, text)
    _translator_after_title(item, text)
    _role_ending_a_title(item)
    _german_quote_closing_a_title(item, text)
    _german_thesis(item, text)
    _german_names_before_a_quoted_title(item, text)
    _group_before_the_year(item, text)
    _title_up_to_imprint(item, text)
    _bracket_ending_a_quoted_title(item, text)
    _title_ends_at_its_quote(item, text)
    _elided_word_ending_a_title(item, text)
    _abbreviation_cutting_a_title(item, text)
    _address_opening_a_title(item, text)
    _volume_after_a_title(item, text)
    _year_ending_a_title(item, text)
    _year_read_into_the_title(item)
    _year_ending_a_container(item, text)
    _year_ending_a_vancouver_book(item, text)
    _year_in_a_vancouver_books_name(item, text)
    _book_after_the_year(item, text)
    _book_cited_by_its_editors(item, text)
    _country_ending_a_title(item, text)
    _thesis_note_ending_a_title(item, text)
    _part_of_a_book_1987(item, text)
    _host_of_a_part_1987(item, text)
    _page_after_the_imprint(item, text)
    _document_number_ending_a_title(item)
    _periodical_after_a_dated_title(item, text)
    _preprint_server(item, text)
    _single_quoted_title(item, text)
    _date_after_a_quoted_title(item, text)
    _description_ending_a_title(item)
    _preprint_and_its_year(item)
    _book_run_into_a_question(item)
    _report_number_ending_a_title(item, text)
    _percent_ending_a_title(item, text)
    _year_opening_a_vancouver_title(item, text)
    _book_after_its_editors(item, text)
    _ieee_book_then_editors(item, text)
    _book_before_its_editors(item, text)
    _chapter_in_colon(item, text)
    _book_before_its_imprint(item, text)
    _book_place_publisher(item, text)
    _editors_opening_a_book(item)
    _journals_subtitle_ending_the_reference(item, text)
    _mla_book_before_its_editors(item, text)
    _chapter_title_read_as_its_book(item, text)
    _ieee_proceedings(item, text)
    _abbreviated_journal_cut(item, text)
    _chapter_number_after_the_book(item, text)
    _editor_read_as_the_container(item, text)
    _access_note_read_as_the_container(item, text)
    _aaa_chapter(item, text)
    _italian_chapter(item, text)
    _polish_chapter(item, text)
    _series_read_as_the_book(item, text)
    _meeting_after_the_book(item, text)
    _french_chapter(item, text)
    _chicago_note_book(item, text)
    _book_before_ed_by(item, text)
    _series_or_editors_ending_the_container(item, text)
    _acs_journal_read_into_the_initials(item)
    _reviewed_book_read_as_the_journal(item, text)
    _journal_left_in_the_title(item, text)
    _journal_of_a_work_in_press(item, text)
    _book_then_its_publisher(item, text)
    _apa_books_volume(item, text)
    _apa_publisher(item, text)
    _imprint_at_the_end(item, text)
    _imprint_between_commas(item, text)
    _vancouver_book_read_as_a_journal(item, text)
    _page_read_as_the_year(item, text)
    _page_after_the_year(item, text)
    _star_methods_page(item, text)
    _acm_journal(item, text)
    _acm_article_read_as_the_volume(item, text)
    _acs_journal(item, text)
    _edition_ending_a_title(item, text)
    _vancouver_numbers(item, text)
    _supplement_after_the_volume(item, text)
    _volume_and_page_ending(item, text)
    _pages_lettered_as_a_supplement(item, text)
    _volume_run_into_the_page(item, text)
    _volume_and_issue_after_the_journal(item, text)
    _volume_marked_in_words(item, text)
    _pages_continued(item, text)
    _year_ending_a_title_before_vancouvers_journal(item, text)
    _journal_before_the_year(item, text)
    _journal_named_with_its_year(item, text)
    _title_cut_before_vancouvers_journal(item, text)
    _bracketed_imprint_ending_a_container(item, text)
    _word_left_before_the_pages(item, text)
    _meetings_year_ending_its_name(item, text)
    _roman_part_of_a_title(item, text)
    _year_opening_a_title(item)
    _year_in_vancouvers_date(item, text)
    _french_note(item, text)
    _issue_with_its_part(item, text)
    _medium_ending_a_name(item)
    _publisher_ending_proceedings(item)
    _given_name_before_a_colon(item, text)
    _title_run_into_the_author(item, text)
    _title_read_as_the_last_author(item, text)
    _series_ending_a_title(item, text)
    _group_among_the_authors(item, text)
    _title_run_into_a_group_author(item, text)
    _title_start_left_after_the_authors(item, text)
    _title_run_into_vancouvers_authors(item, text)
    _title_run_into_bmcs_authors(item, text)
    _volume_and_issue_by_their_letters(item, text)
    _cited_page_after_the_imprint(item, text)
    _roman_pages(item, text)
    _capitals_read_as_the_page(item, text)
    _release_read_as_numbers(item, text)
    _years_read_as_the_pages(item, text)
    _physics_forms(item, text)
    _eprint_alone(item, text)
    _journal_word_in_title(item, text)
    _journal_word_ending_a_title(item, text)
    _journals_opening_left_out(item, text)
    _journals_first_word_in_the_title(item, text)
    _discussion_paper(item, text)
    _journal_after_guillemets(item, text)
    _british_article(item, text)
    _rest_of_the_title_left_out(item, text)
    _paper_and_its_day(item, text)
    _mark_ending_a_journal(item, text)
    _short_title_run_into_the_journal(item, text)
    _advance_online_publication(item, text)
    _names_and_year_in_the_title(item, text)
    _year_of_a_period(item, text)
    _years_ending_a_title(item, text)
    _monthly_physics_issue(item, text)
    _year_then_iop_journal(item, text)
    _physics_tail(item, text)
    _iop_journal_cut_at_its_colon(item, text)
    _title_run_into_a_one_word_journal(item, text)
    _proceedings_of_science(item, text)
    _name_opening_the_journal(item)
    _title_run_into_the_journal(item, text)
    _names_alone_before_the_journal(item, text)
    _title_between_names_and_journal(item, text)
    _physics_book(item, text)
    _names_before_the_year(item, text)
    _medium_and_roles(item, text)
    _marked_volume_and_issue(item, text)
    _vietnamese_numbers(item, text)
    _short_year_ending_a_container(item, text)
    _chinese_numbers(item, text)
    _chinese_vancouver(item, text)
    _pinyin_names_family_first(item, text)
    _proceedings(item, text)
    _acronym_after_a_container(item, text)
    _place_ending_a_title(item, text)
    _ieee_city_ending_a_title(item, text)
    _in_opening_a_book_title(item, text)
    _mla_review(item, text)
    _years_ending_a_book(item, text)
    _quotation_ending_a_title(item, text)
    _quotation_opening_a_title(item, text)
    _quotation_inside_a_quoted_title(item, text)
    _quoted_title_cut_at_its_full_stop(item, text)
    _edition_ending_the_title(item)
    _double_quotation_inside_a_single_quoted_title(item, text)
    _quoted_title_opening_the_reference(item, text)
    _kind_after_a_quoted_title(item)
    _title_cut_before_its_bracket(item, text)
    _title_cut_before_its_medium(item, text)
    _ieee_standard(item, text)
    _place_and_year_after_a_title(item, text)
    _note_author_in_the_title(item, text)
    _page_read_as_the_volume_too(item, text)
    _year_before_the_volume(item, text)  # over every rule that read another
    _undated_work(item, text)
    _undated_names(item, text)
    _group_named_with_a_year(item, text)
    _year_of_a_range_in_a_name(item, text)
    _month_read_as_the_title(item, text)
    _title_before_the_date(item, text)
    _nature_book(item, text)
    _title_read_as_a_given_name(item)
    _quotes_around_a_translated_title(item)
    _periodical_after_a_question(item)
    _software_title(item, text)
    _chinese_names_in_apas_form(item, text)
    _law_review(item, text)  # whole forms, as the whole reference is written
    _case_or_statute(item, text)
    _german_book(item, text)
    _german_place_run_into_the_title(item, text)
    _german_ordinal_ending_the_title(item, text)
    _german_book_run_into_the_title(item)
    _german_ordinal_in_the_container(item, text)
    _german_chapter_in_its_title(item)
    _german_volume(item, text)
    _editor_read_as_the_book(item, text)
    _gost(item, text)
    _court_judgment(item, text)
    _container_cut_inside_its_brackets(item, text)
    _corr(item, text)
    _vancouver_journal_with_its_place(item, text)
    _vancouver_publisher_ending_a_book(item, text)
    _committee_after_the_country(item, text)
    _article_of_a_law(item, text)
    _short_form(item, text)
    _document_number_read_as_a_number(item, text)
    _report_or_catalogue_number(item, text)
    _springer_page_alone(item, text)
    _page_read_as_the_volume(item, text)
    _chinese_date_read_as_the_page(item)
    _title_read_as_the_page(item, text)
    _years_run_into_apas_pages(item, text)
    _vancouver_year_read_as_the_volume(item, text)
    _numbers_of_something_else(item, text)
    _number_printed_once_read_twice(item, text)
    _meetings_acronym_read_as_the_issue(item, text)
    _volumes_printed_as_a_range(item, text)
    _volumes_of_a_work(item, text)
    _dated_periodicals_numbers(item, text)
    _footnote_read_as_the_volume(item, text)
    _books_volume(item, text)
    _on_the_web(item, text)
    _patent(item, text)
    _month_and_day(item, text)  # last: the year is the one the rules settled on
    return item


# Elsevier's publisher item identifier, S + ISSN + (year) + item + check digit, which a
# reference to an article in press prints where its pages will be
_PII = re.compile(r"^S?\d{4}-?\d{3}[\dXx]\(\d{2}\)\d{5}-?[\dXx]$")
