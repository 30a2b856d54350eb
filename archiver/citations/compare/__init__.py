"""Field-by-field comparison of what a citation says with what Crossref holds. Pure functions.

Each comparator returns a :class:`FieldCheck` with the cited value, the Crossref value, whether
they match and a reason a person can check. The rules follow how references are legitimately
written, so that a correct citation in any common style is never flagged:

- authors: family names in order, diacritics and case ignored, a leading particle (``van``,
  ``de``) optional; "et al." / 等 / an ellipsis make the shown names a prefix; a corporate
  author matches its name;
- title: markup, case, punctuation and white space ignored; a subtitle may be left out;
- journal: the full title, Crossref's short title, or an ISO-4 style abbreviation
  (``Int. Aff.`` = ``International Affairs``, ``J Clin Pathol`` = ``Journal of Clinical
  Pathology``);
- volume and issue: equal as numbers (``1/2`` = ``1-2``);
- year: the issued, print or online year;
- pages: the same first and last page (``975-993`` = ``975–93`` = ``pp. 975-993``), or the
  article number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from archiver.citations.compare.text import (
    _CJK_SCRIPT,
    INLINE_TAG,
    OTHER_SCRIPT,
    STOP_WORDS,
    FieldCheck,
    _not_compared,
    find_phrase,
    fold,
    in_another_script,
    locate,
    not_compared_for_script,
    squash,
    strip_markup,
    words,
)

__all__ = [
    "ET_AL_FORMS",
    "FieldCheck",
    "INLINE_TAG",
    "MISSPELT",
    "OTHER_SCRIPT",
    "PARTICLES",
    "STOP_WORDS",
    "abbreviated_forms",
    "compare_authors",
    "compare_journal",
    "compare_number",
    "compare_pages",
    "compare_title",
    "compare_year",
    "find_phrase",
    "fold",
    "in_another_script",
    "is_pinpoint",
    "journal_names",
    "locate",
    "not_compared_for_script",
    "page_range",
    "record_names",
    "record_pages",
    "record_years",
    "says_et_al",
    "squash",
    "strip_markup",
    "title_variants",
    "words",
]


# -- authors -------------------------------------------------------------------------------------

def record_names(authors: Iterable[dict[str, Any]], people_only: bool = False
                 ) -> list[list[str]]:
    """Each Crossref author as the word list a citation would show for it: the family name
    (or a corporate ``name``, unless ``people_only``)."""
    out = []
    for author in authors:
        name = author.get("family") or ("" if people_only else
                                         author.get("name") or author.get("literal") or "")
        if name:
            out.append(words(name))
    return [n for n in out if n]


def _find(haystack: Sequence[str], needle: Sequence[str], start: int) -> int:
    """Index of ``needle`` as a run of words in ``haystack`` at or after ``start``, or -1."""
    n = len(needle)
    last = len(haystack) - n  # the last index where the run could start
    if n == 0:
        return start if start <= last else -1
    words_ = haystack if isinstance(haystack, list) else list(haystack)
    wanted = needle if isinstance(needle, list) else list(needle)
    i = start
    while i <= last:
        try:
            i = words_.index(wanted[0], i, last + 1)  # candidates by their first word
        except ValueError:
            return -1
        if words_[i:i + n] == wanted:
            return i
        i += 1
    return -1


# Name particles (BibTeX's "von" part). Styles differ on where they go: APA and Crossref keep
# ``van Lieshout`` together, others print ``Lieshout, E. van`` or leave the particle out, and
# BibTeX readers may split it off. A family name matches with or without its leading particles.
PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "dello", "di", "da",
                       "das", "dos", "do", "du", "des", "la", "le", "ten", "ter", "zu", "zur"})


def _find_name(haystack: Sequence[str], name: Sequence[str], start: int) -> tuple[int, int]:
    """(index, length) of family name ``name`` in ``haystack`` at or after ``start``, found
    whole or, failing that, without its leading particles (``van lieshout`` → ``lieshout``);
    (-1, 0) when it is in neither form."""
    at = _find(haystack, name, start)
    if at >= 0:
        return at, len(name)
    core = list(name)
    while len(core) > 1 and core[0] in PARTICLES:
        core = core[1:]
    if len(core) < len(name):
        at = _find(haystack, core, start)
        if at >= 0:
            return at, len(core)
    return -1, 0


_BRACKETED = re.compile(r"[(\[（][^)\]）]*(?:[)\]）]|$)")
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
_GERMAN = re.compile("[äöüÄÖÜß]")
_SPELT_OUT = re.compile("([aouAOU])e")
_ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…")


def compare_authors(segment: str, et_al: bool, authors: Sequence[dict[str, Any]]
                    ) -> FieldCheck:
    """Compare the author part of a citation with Crossref's author list.

    Every Crossref author up to the last one shown must appear in the segment, in order; the
    segment may stop early only where it says "et al." (or 等). An ellipsis (APA's
    ``A, B, . . . Z`` for long lists) stands for the middle names: what follows it must be
    Crossref's last author.
    """
    segment = ET_AL_FORMS.sub(" et al.", segment)
    authors = [_given_in_family(a, segment) for a in authors]
    # A group author (a consortium) sits where its depositor put it, which is often not where
    # the paper prints it (GTEx Consortium: second in Crossref, tenth in the byline), and
    # citations often leave it out: only people are held to the order, when there are any.
    names = record_names(authors, people_only=True) or record_names(authors)
    people = [a for a in authors if words(a.get("family") or "")]
    groups = [a for a in authors if not a.get("family")]
    parts = _ELLIPSIS.split(segment, maxsplit=1)
    if len(parts) == 2 and names:
        last = names[-1]
        tail = words(parts[1])
        if _find_name(tail, last, 0)[0] < 0:
            return FieldCheck(segment, [" ".join(n) for n in names], False,
                              f"after the ellipsis Crossref's last author {' '.join(last)!r} "
                              f"is expected")
        head = compare_authors(parts[0], True, authors[:-1])
        return FieldCheck(segment, head.crossref + [" ".join(last)], head.match,
                          head.reason + "; the last author follows the ellipsis")
    crossref = [" ".join(n) for n in names]
    if not names:
        return FieldCheck(segment, crossref, None, "Crossref lists no authors")
    families = [a.get("family") or a.get("name") or "" for a in authors]
    if in_another_script(segment, families):
        return _not_compared(segment, crossref, families)
    parts = _list_parts(segment)
    wrong_group = _unknown_group(parts, authors) or _first_group_not_first(segment, parts,
                                                                            authors)
    if wrong_group:
        return FieldCheck(segment, crossref, False, wrong_group)
    cjk = _cjk_names(parts, authors, et_al)
    if cjk is not None:
        return FieldCheck(segment, crossref, cjk[0], cjk[1])
    seg = words(segment)
    # what is no stray name between the names found: another author's family name (shown out
    # of order, told below), a group the citation names (checked above)
    family_words = {w for a in authors for w in words(a.get("family") or "")}
    group_words = {w for part in parts if _GROUP_WORD.search(part) for w in words(part)}
    # what a list says in brackets is no author of it: (Eds.), (no date), a group's (ANS)
    bracketed = {w for span in _BRACKETED.findall(segment) for w in words(span)}
    # the words of an author list that are no person's given name or initial
    not_given = family_words | group_words | bracketed | {
        w for a in groups for w in words(a.get("name") or "")}
    # given names and initials are held to Crossref's only where its authors are its people
    # (with a group among them, the names' places are not known)
    by_people = len(people) == len(names)
    position = 0
    shown = 0
    used: set[int] = set()  # where earlier authors were found (two authors may share a name)
    found: set[int] = set()  # the words of the names found
    # Müller written Mueller, as German does without its letters, and Crossref's Mueller
    # cited as Müller (folded: muller): each such name's other form
    spelled = {i: words(_GERMAN.sub(lambda m: _UMLAUTS[m.group(0)], a["family"])
                        if _GERMAN.search(a["family"]) else _SPELT_OUT.sub(r"\1", a["family"]))
               for i, a in enumerate(people)
               if _GERMAN.search(a["family"]) or _SPELT_OUT.search(a["family"])}
    for index, name in enumerate(names):
        at, length = _find_name(seg, name, position)
        if at < 0 and index in spelled:
            at, length = _find_name(seg, spelled[index], position)
        if at >= 0:
            skipped = seg[position:at]
            if not index:
                # before the first author found, only its own given names may stand (a style
                # that writes them first): another word is a name where Crossref has none,
                # the first author misspelt or another (Hee H J, Lee J K for Lee, Lee: the
                # first Lee is found in the second's place). Further on, given names vary
                # too much (Andy for Andrew, Yuri for Yuriy) to be held against a citation.
                wrong = [w for w in _stray_names(skipped, people[:1] + groups)
                         if w not in family_words and w not in group_words]
                misspelt = ""
            else:
                # between two authors, a word one letter from this family name that is no
                # given name of theirs is this author misspelt, the same name found further
                # on being another's (LEE H J, LEG J K, LEE H for Lee, Lee, Lee)
                wrong = [w for w in _unexplained(skipped, people[index - 1:index + 1])
                         if len(w) >= 3 and w not in family_words
                         and any(Levenshtein.distance(w, part) == 1 for part in name)
                         and not _part_of_given(w, people[index - 1:index + 1])]
                misspelt = " (misspelt?)"
            if not wrong and length < len(name) and at and seg[at - 1] in PARTICLES \
                    and seg[at - 1] not in name:  # "de Lieshout" for van Lieshout
                wrong, misspelt = [seg[at - 1], *seg[at:at + length]], " (another particle)"
            if wrong:
                return FieldCheck(segment, crossref, False,
                                  f"{' '.join(wrong)!r} is shown where Crossref's author "
                                  f"{index + 1} of {len(names)} is {' '.join(name)!r}"
                                  + misspelt)
            # the given names or initials before a family name are its own (R. L. Lieber),
            # or the previous author's (Lieber RL, Jacks TM)
            clash = _initials_clash(skipped, people[max(0, index - 1):index + 1],
                                    not_given, family_words) if by_people else None
            if clash:
                return FieldCheck(segment, crossref, False, clash)
            used.add(at)
            found.update(range(at, at + length))
            position, shown = at + length, shown + 1
            continue
        label = " ".join(name)
        elsewhere = [i for i in range(len(seg)) if seg[i:i + len(name)] == name and i not in used]
        if elsewhere:
            return FieldCheck(segment, crossref, False,
                              f"author order differs: {label!r} is out of place")
        later = [(n, _find_name(seg, n, position)[0]) for n in names[index + 1:]]
        later = [(n, at) for n, at in later if at >= 0]
        if later:
            # a word where the name should be, and like it, is the name misspelt (Hereen
            # for Heeren), not a name left out
            misspelt = [w for w in seg[position:later[0][1]]
                        if any(fuzz.ratio(w, part) >= MISSPELT for part in name)]
            if misspelt:
                return FieldCheck(segment, crossref, False,
                                  f"{' '.join(misspelt)!r} is shown where Crossref's author "
                                  f"{index + 1} of {len(names)} is {label!r} (misspelt?)")
            return FieldCheck(segment, crossref, False,
                              f"{label!r} (author {index + 1} of {len(names)}) is missing "
                              f"before {' '.join(later[0][0])!r}")
        if et_al and shown:
            unexplained = _unexplained(seg[position:], authors)
            stray = [w for w in unexplained
                     if any(fuzz.ratio(w, part) >= MISSPELT for part in name)]
            if stray:  # Crossref's next author shown misspelt, before et al.
                return FieldCheck(segment, crossref, False,
                                  f"{' '.join(stray)!r} is shown where Crossref's author "
                                  f"{index + 1} of {len(names)} is {label!r}")
            before = seg[position:]  # the words up to et al. (what follows it is no name)
            for at, word in enumerate(before):
                if word == "等" or word == "et" and before[at + 1:at + 2] == ["al"]:
                    before = before[:at]
                    break
            # a name of two letters is told from initials by its case (Lu X, Ng KT: not EK)
            named = {w.lower() for w in _TWO_LETTER_NAME.findall(segment)}
            others = [w for w in _unexplained(before, authors) if _long_enough(w) or w in named]
            clash = _initials_clash(before, people[index - 1:index], not_given,
                                    family_words) if by_people else None
            if clash and not others:
                return FieldCheck(segment, crossref, False, clash)
            if others:  # names shown before et al. that are none of Crossref's
                return FieldCheck(segment, crossref, False,
                                  f"{' '.join(others)!r} is shown before et al. where "
                                  f"Crossref's author {index + 1} of {len(names)} is "
                                  f"{label!r}")
            return FieldCheck(segment, crossref, True,
                              "the name shown is Crossref's first author, then et al."
                              if shown == 1 else f"the {shown} names shown are Crossref's "
                              f"first {shown}, then et al.")
        if not shown and _is_group(authors[0]) and parts and \
                _names_group(parts[0], authors[0]["name"]):
            return FieldCheck(segment, crossref, True, "the group author Crossref lists "
                              "first stands for its members" + (", then et al." if et_al
                                                                 else ""))
        return FieldCheck(segment, crossref, False,
                          f"{label!r} (author {index + 1} of {len(names)}) is not in the "
                          f"citation" + ("" if et_al else " and it does not say et al."))
    clash = _initials_clash(seg[position:], people[-1:], not_given, family_words) \
        if by_people else None
    if clash:
        return FieldCheck(segment, crossref, False, clash)
    extra = _extra_names(seg, found, people + groups, not_given)
    if extra:
        return FieldCheck(segment, crossref, False,
                          f"{' '.join(extra)!r} is shown among the authors, but Crossref's "
                          f"{len(names)} author(s) are all found without it: an author "
                          "Crossref does not list")
    return FieldCheck(segment, crossref, True, f"all {len(names)} authors, in order")


_CJK_LIST = re.compile(r"[，、；]")  # how a list of names is punctuated in CJK text


def _written_whole(author: dict[str, Any]) -> str:
    """A Chinese, Japanese or Korean name as it is printed: family then given name, with no
    space between them (王进玉, 김철수)."""
    return "".join((author.get("family") or "").split() + (author.get("given") or "").split())


def _cjk_names(parts: Sequence[str], authors: Sequence[dict[str, Any]], et_al: bool
               ) -> tuple[bool, str] | None:
    """(match, reason) for a list of names in Chinese, Japanese or Korean script where
    Crossref's authors are all people named in it; None for any other list. Such a name is
    written whole, family and given name run together, so it is held whole to the author at
    its place: 王明 is not 王进玉 (a given name the word-by-word comparison cannot see, each
    character being a word of its own), 张三 between two of Crossref's authors is an author
    added. A family name alone (王) stands for the author; 等 ends the list early."""
    if not authors or not all(a.get("family") and _CJK_SCRIPT.search(a["family"])
                              for a in authors):
        return None
    shown = ["".join(name.split()) for part in parts for name in _CJK_LIST.split(part)
             if name.strip() and name.strip() not in ("等", "等人")]
    if not shown or not all(_CJK_SCRIPT.search(p) for p in shown):
        return None
    for at, name in enumerate(shown):
        if at >= len(authors):
            return False, f"{name!r} is shown besides all of Crossref's {len(authors)} authors"
        whole, family = _written_whole(authors[at]), "".join(authors[at]["family"].split())
        if fold(name) not in (fold(whole), fold(family)):
            return False, (f"{name!r} is shown where Crossref's author {at + 1} is {whole!r}")
    if len(shown) < len(authors) and not et_al:
        return False, (f"{_written_whole(authors[len(shown)])!r} (author {len(shown) + 1} of "
                       f"{len(authors)}) is not in the citation and it does not say et al.")
    return True, (f"all {len(authors)} authors, in order" if len(shown) == len(authors)
                  else f"the first {len(shown)} of {len(authors)} authors, then et al.")


_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.?[\s-]*)+")


def _given_in_family(author: dict[str, Any], segment: str) -> dict[str, Any]:
    """``author`` with the given names Crossref filed in its family name given back, where the
    citation shows them so: a deposit of "M." and "Christine Zink" for M. Christine Zink,
    cited ``Zink MC``, ``M. C. Zink`` or ``Zink M``. Only where Crossref's given name is
    initials alone and the citation shows the last word of the family name beside them (and
    perhaps the initials of the other words); any other author is as Crossref has it."""
    family = (author.get("family") or "").split()
    given = author.get("given") or ""
    if len(family) < 2 or not given or not _INITIALS_ONLY.fullmatch(given.strip()) \
            or not all(word[:1].isupper() for word in family):
        return author
    own = [re.escape(c) for c in given if c.isupper()]
    filed = "".join(rf"(?:[\s.-]*{re.escape(word[0])})?" for word in family[:-1])
    initials = r"[\s.-]*".join(own) + filed + r"\.?"  # the filed ones may be left out
    last = re.escape(family[-1])
    shown = re.compile(rf"\b{last}\b,?\s+{initials}(?![\w])|(?<![\w]){initials}\s*{last}\b")
    if shown.search(segment) is None:
        return author
    return {**author, "family": family[-1], "given": " ".join([given, *family[:-1]])}


def _part_of_given(word: str, owners: Sequence[dict[str, Any]]) -> bool:
    """Whether ``word`` is a part of a given name of ``owners`` as Crossref runs it together
    (Xiao-Yan for Xiaoyan: "yan" is no misspelt Yang)."""
    return any(word in joined for joined in _given_forms(owners)[1])


def _initials_clash(gap: Sequence[str], owners: Sequence[dict[str, Any]],
                    not_given: set[str], families: set[str]) -> str | None:
    """Why the given names or initials a citation shows in ``gap`` (the words between two
    family names found, or before the first, or after the last) are none of ``owners``'
    (the author or two authors they can belong to, as the style puts them before or after
    the family name), or None.

    Only the first letter of the first of them is held to Crossref's: the first letter of
    one of the owners' given names (Weber JA for Matthew A. Weber is wrong; RL, Richard L.,
    R. Lee, Rich are Richard L.'s; SF is Shoufang's in pinyin). Nothing is held where an
    owner has no given name in Crossref, or where the gap shows none, or where it holds a
    family name of Crossref's (``families``): an author out of place, which the order tells."""
    if any(w in families for w in gap):
        return None
    letters: set[str] = set()
    for owner in owners:
        given = words(owner.get("given") or "")
        if not given:
            return None
        letters.update(word[0] for word in given)
    shown = [w for w in gap if w not in not_given and w not in _LIST_WORDS
             and w not in PARTICLES and not w.isdigit() and not _CJK_SCRIPT.search(w)]
    if not shown or shown[0][0] in letters:
        return None
    named = " and ".join(f"{' '.join(words(o.get('family') or ''))!r} "
                         f"({' '.join(words(o.get('given') or ''))})" for o in owners)
    return (f"{shown[0]!r} is shown as the given name or initial of Crossref's "
            + ("author " if len(owners) == 1 else "authors ") + named)


def _extra_names(seg: Sequence[str], found: set[int], authors: Sequence[dict[str, Any]],
                 known: set[str]) -> list[str]:
    """The words of an author list (``seg``) in which every one of Crossref's authors was
    found (at the indexes ``found``) that can be no part of their names: a name Crossref
    does not have, an author added ("Gross, J. B., Smith, J. R., & Wilkens, H." for Gross
    and Wilkens). None of these is: a word the citation's own group names hold (``known``),
    a given name or initial of theirs, their given names run together, a given name
    shortened (Andy for Andrew, Chris for Christopher: the first three letters are
    Crossref's), or a given name written out where Crossref has its initial (``Joshua B.``
    for J. B.), which stands right after a family name found or at most two words before it
    ("Wilkens, H., & Jones, K.": Jones is another author)."""
    if any(author.get("family") and not words(author.get("given") or "")
           for author in authors):
        return []  # a person Crossref gives no given name: any word may be theirs
    initials, joined, given = _given_forms(authors)
    rest = [i for i in range(len(seg)) if i not in found]
    unexplained = set(_unexplained([seg[i] for i in rest], authors))
    extra = []
    for i in rest:
        word = seg[i]
        if word not in unexplained or word in known or word in joined or \
                not _long_enough(word) or any(word[:3] == g[:3] or word in g for g in given):
            continue  # (a part of a given name: Shou-Fang for Shoufang)
        if word[0] in initials and ({i - 1, i + 1, i + 2} & found):
            continue  # "Gross, Joshua B." or "Joshua B. Gross"
        extra.append(word)
    return extra


# how alike a word shown must be to the family name Crossref has there to be taken for it
# misspelt (Breitnebach, Mohhler, Aggtet); words less alike are left alone (SF for Shoufang,
# "on behalf of", Hrsg.): a citation may show more than names
MISSPELT = 70

# words an author list holds besides names: et al. and its kin, joining words, suffixes, roles
_LIST_WORDS = frozenset({"et", "al", "等", "and", "with", "jr", "sr", "ii", "iii", "iv", "ed",
                         "eds", "editor", "editors", "trans", "und", "y", "e",
                         # "on behalf of the … group", "and colleagues", degrees, German's
                         # Hrsg. (editor), compiler
                         "on", "behalf", "of", "for", "the", "colleagues", "phd", "md", "hrsg",
                         "comp", "compiler", "msc", "bsc", "mph", "mba", "frcs", "frcp", "dphil",
                         "rn", "translator", "translators", "translated", "by", "assistance",
                         "assisted", "illustrator", "illustrated", "foreword", "prepared"})


def _stray_names(between: Sequence[str], owners: Sequence[dict[str, Any]]) -> list[str]:
    """The words a citation shows before one of Crossref's authors that can be no part of
    the names of ``owners`` (that author, and the group authors a citation puts anywhere):
    not their given names, initials or given names run together (``Xiaoming`` for
    Xiao-Ming), not a given name written out where Crossref has only its initial (``Joshua
    B. Gross`` for J. B. Gross), not a word an author list holds besides names. Three
    letters at least, or CJK: a stray initial is too short to tell."""
    initials, joined, _ = _given_forms(owners)
    return [w for w in _unexplained(between, owners)
            if _long_enough(w) and w[0] not in initials and w not in joined]


def _given_forms(authors: Sequence[dict[str, Any]]) -> tuple[set[str], set[str], list[str]]:
    """The forms of ``authors``' given names a citation's words are held against: the
    letters Crossref gives only as an initial, each author's given names run together
    (``xiaoyan``), and the given names of three letters or more."""
    initials: set[str] = set()
    joined: set[str] = set()
    given: list[str] = []
    for author in authors:
        names = words(author.get("given") or "")
        initials.update(word[0] for word in names if len(word) == 1)
        joined.add("".join(names))
        given += [word for word in names if len(word) >= 3]
    return initials, joined, given


# (Jr and Sr are list words, which no name is taken for anyway; St is Saint)
_TWO_LETTER_NAME = re.compile(r"\b(?!St\b)[A-Z][a-z]\b")


def _long_enough(word: str) -> bool:
    """Whether a word can be told for a name: three letters at least, or CJK (an initial
    alone is too short to tell)."""
    return len(word) >= 3 or bool(_CJK_SCRIPT.search(word))


def _unexplained(rest: Sequence[str], authors: Sequence[dict[str, Any]]) -> list[str]:
    """The words left after the last author a citation shows that are not given names or
    initials of Crossref's authors (nor its group authors' words), nor words an author list
    holds besides names: among them, one like the family name Crossref has next is that
    name misspelt (before et al.)."""
    given: set[str] = {"the"}
    for author in authors:
        names = words(author.get("given") or "")
        given.update(names)
        given.update(word[0] for word in names)
        given.add("".join(word[0] for word in names))  # run together: Montgomery SB
        if not author.get("family"):  # a group author is shown where a citation puts it
            given.update(words(author.get("name") or ""))
    return [w for w in rest if w not in given and w not in _LIST_WORDS
            and w not in PARTICLES and not w.isdigit() and len(w) > 1]


_ET_AL = re.compile(r"\bet\.?\s*al\b\.?|等", re.I)
# the other ways a list says "and others": "et. al.", Latin's "et alii", MHRA's "and others",
# German's "u. a." (und andere), French's "et coll." — read as "et al." (whose "u", "a" would
# otherwise be taken for initials)
ET_AL_FORMS = re.compile(r"\bet\.\s*al\b\.?|\bet\s+al(?:ii|ia)\b\.?|\band\s+others\b\.?|"
                         r"\bu\.\s*a\.|\bet\s+coll\b\.?", re.I)


def says_et_al(authors: str) -> bool:
    """Whether an author list says there are more authors than it shows, in any form."""
    return bool(_ET_AL.search(authors) or ET_AL_FORMS.search(authors))


# a name in an author list that calls itself a group (a consortium, a study group …)
_GROUP_WORD = re.compile(r"\b(?:consortium|collaboration|collaborators|collaborative|group|"
                         r"investigators|network|initiative|committee|team|study|trial|"
                         r"trialists|society|association|panel|council|board|force)\b", re.I)


def _unknown_group(parts: list[str], authors: Sequence[dict[str, Any]]) -> str | None:
    """Why the group author a citation names is not Crossref's, when Crossref lists group
    authors and the citation names one that shares no word with any of them but the word
    that makes it a group ("Wrong Consortium" where Crossref has "GTEx Consortium"). A
    citation may leave a group out, and Crossref often lacks one the paper prints: neither
    is held against it. ``parts``: the names of the list (:func:`_list_parts`)."""
    groups = [a["name"] for a in authors if _is_group(a)]
    if not groups:
        return None
    for part in parts:
        named = _GROUP_WORD.sub(" ", part)
        # "Group M" may be a person: a group names itself with a word of three letters or more
        if part == named or not any(len(w) >= 3 for w in words(named)):
            continue
        if not any(_same_group(named, _GROUP_WORD.sub(" ", g), (part, g)) for g in groups):
            return (f"the citation names the group author {part!r}; Crossref's is "
                    + " and ".join(repr(g) for g in groups))
    return None


def _is_group(author: dict[str, Any]) -> bool:
    return not author.get("family") and bool(author.get("name"))


def _list_parts(segment: str) -> list[str]:
    """The names of an author list, as printed (et al. left out)."""
    return [p for p in (p.strip() for p in re.split(r"[,;]|\s&\s|\band\b",
                                                    _ET_AL.sub(" ", segment))) if p]


def _first_group_not_first(segment: str, parts: list[str],
                           authors: Sequence[dict[str, Any]]) -> str | None:
    """Why a citation is wrong to start with someone else, when Crossref's first author is a
    group. A group Crossref lists first was put there by the body that wrote the work (the
    EFSA Panel before its members), unlike one further down, whose place is often not the
    byline's: that group must be shown, first."""
    if not authors or not _is_group(authors[0]) or not any(a.get("family") for a in authors):
        return None
    group = " ".join(authors[0]["name"].split())  # no-break spaces (EFSA Panel\xa0on …)
    if parts and _names_group(parts[0], group):
        return None
    after = _ET_AL.search(segment)  # Vancouver: "Younes M, …, et al; EFSA Panel on …"
    if after and any(_names_group(p, group) for p in _list_parts(segment[after.end():])):
        return None
    if any(_names_group(p, group) for p in parts):
        return (f"author order differs: Crossref's first author, the group {group!r}, is not "
                "shown first")
    return f"Crossref's first author, the group {group!r}, is not in the citation"


_NOT_NAMING = {"the", "of", "and", "on", "for", "in", "to", "a", "an"}


def _names_group(part: str, group: str) -> bool:
    """Whether a name in a list is the group ``group``: two of its words (EFSA ANS Panel), or
    words all of the group's, or an acronym of it; one word in common is not enough (a
    person named Food is no Panel on Food Additives)."""
    mine = set(words(part)) - _NOT_NAMING
    shared = mine & set(words(group))
    return len(shared) >= 2 or bool(shared) and shared == mine or \
        _acronym_of(part, group) or _acronym_of(group, part)


_NOT_INITIALS = {"the", "of", "and", "for", "on", "in", "to"}


def _same_group(one: str, other: str, whole: tuple[str, str] = ("", "")) -> bool:
    """Whether two group names (their group word left out) may name one group: a word in
    common, or one an acronym of the other ("GTEx" for "Genotype-Tissue Expression"), the
    group word counted or not ("WHI" for "Women's Health Initiative", "WTCCC" for
    "Wellcome Trust Case Control Consortium"). ``whole``: the two names as printed."""
    if set(words(one)) & set(words(other)):
        return True
    pairs = [(one, other), *zip(whole, reversed(whole), strict=True)] if all(whole) else \
        [(one, other)]
    return any(_acronym_of(a, b) or _acronym_of(b, a) for a, b in pairs)


def _acronym_of(short: str, long: str) -> bool:
    """Whether the capitals of ``short``'s acronym are the initials of ``long``, its last
    word counted or not ("WHI" for "Women's Health Initiative Investigators")."""
    capitals = "".join(c for w in short.split() if sum(ch.isupper() for ch in w) >= 2
                       for c in w if c.isupper())
    initials = "".join(w[0] for w in re.split(r"[\s\-‐–]+", long)
                       if w and w.casefold() not in _NOT_INITIALS).upper()
    return len(capitals) >= 2 and capitals in (initials, initials[:-1])


# -- title ---------------------------------------------------------------------------------------

def title_variants(record: dict[str, Any]) -> list[str]:
    """The ways a correct citation may print the title: with or without the subtitle."""
    # the title in its original language too (Japanese journals deposit it there)
    titles = [strip_markup(t) for key in ("title", "original-title")
              for t in record.get(key) or [] if t]
    subtitles = [strip_markup(s) for s in record.get("subtitle") or [] if s]
    out: list[str] = []
    for title in titles:
        out.append(title)
        for subtitle in subtitles:
            out.append(f"{title}: {subtitle}")
        if ":" in title:
            out.append(title.split(":", 1)[0])
    return sorted((v for v in out if squash(v)), key=len, reverse=True)


# after the words of a main title: its own closing marks (``presence(s)``, a question mark),
# then the colon of a subtitle
_SUBTITLE_FOLLOWS = re.compile(r"[\s)\]）」』?!？！]*[:：]\s*\w")


def compare_title(cited: str | None, text: str, record: dict[str, Any]) -> FieldCheck:
    """The title matches when one of its variants appears, word for word, in the citation
    (a subtitle may be left out, but one that is given must be Crossref's)."""
    variants = title_variants(record)
    shown = variants[0] if variants else None
    if not variants:
        return FieldCheck(cited, None, None, "Crossref has no title")
    for variant in variants:  # longest first
        span = locate(text, variant)
        if span is None:
            continue
        if variant != shown and _SUBTITLE_FOLLOWS.match(text, span[1]):
            break  # the citation goes on with a subtitle that is not Crossref's
        added = _added_words(cited, variant) if cited else []
        if added:
            return FieldCheck(cited, shown, False, "cited has " + ", ".join(
                repr(w) for w in added[:3]) + " besides Crossref's title")
        return FieldCheck(cited or variant, shown, True, "the title appears in the citation")
    if cited is None:
        return FieldCheck(None, shown, False, "Crossref's title is not in the citation")
    if in_another_script(cited, variants):
        return _not_compared(cited, shown, variants[:1])
    return FieldCheck(cited, shown, False, _word_diff(cited, shown))


def _added_words(cited: str, variant: str) -> list[str]:
    """The words the cited title holds before and after ``variant`` (the record's title, or
    a form of it, found in the citation), but for stop words (a leading "The")."""
    have, want = words(cited), words(variant)
    if not want:
        return []
    for at in range(len(have) - len(want) + 1):
        if have[at:at + len(want)] == want:
            return [w for w in have[:at] + have[at + len(want):] if w not in STOP_WORDS]
    return []  # read otherwise than it was found (the parser's title): not judged here


def _word_diff(cited: str, crossref: str) -> str:
    a, b = words(cited), words(crossref)
    extra = [w for w in a if w not in b]
    missing = [w for w in b if w not in a]
    parts = []
    if extra:
        parts.append("cited has " + ", ".join(repr(w) for w in extra[:3]))
    if missing:
        parts.append("Crossref has " + ", ".join(repr(w) for w in missing[:3]))
    return "; ".join(parts) or "the words differ in order"


# -- journal -------------------------------------------------------------------------------------

# Besides STOP_WORDS, the prepositions and conjunctions ISO 4 and NLM leave out of a title
# they abbreviate ("Expert Syst. Appl." for Expert Systems with Applications)
_LEFT_OUT = STOP_WORDS | {"with", "from", "by", "into", "upon", "y", "e", "di", "del", "della",
                          "zur", "zum", "voor", "en"}


def _abbreviates(short: str, full: str, start_only: bool = False) -> bool:
    """``short`` abbreviates ``full`` word by word: each word of ``short`` is a prefix of the
    next significant word of ``full``, or its letters in order with the first letter shared
    (``Natl`` for ``National``); ``full``'s stop words may be dropped. No other word may be
    left out: ``Am J Pathol`` is another journal than the American Journal of Clinical
    Pathology. (NLM's ``Proc Biol Sci`` abbreviates the title in sections its catalogue
    gives: see :func:`_section_title`.)"""
    s, f = words(short), words(full)
    if not s:
        return False
    i = 0
    for word in s:
        while i < len(f) and f[i] in _LEFT_OUT and not f[i].startswith(word):
            i += 1
        if i >= len(f):
            return False
        target = f[i]
        if not (target.startswith(word) or _subsequence(word, target)):
            return False
        i += 1
    return start_only or all(w in _LEFT_OUT for w in f[i:])


def _section_title(full: str) -> str | None:
    """A journal in sections, ``Proceedings of the Royal Society B: Biological Sciences``,
    as NLM's catalogue names it, by its first word and its section: ``Proceedings Biological
    Sciences`` (abbreviated ``Proc Biol Sci``; ``Proc Math Phys Eng Sci`` for series A)."""
    main, colon, section = full.partition(":")
    first = words(main)[:1]
    return f"{first[0]} {section}" if colon and first and words(section) else None


def _main_title(full: str) -> str | None:
    """A journal in sections named without its section: ``Proceedings of the Royal Society
    B`` (``Proc. Roy. Soc. B``) for ``… B: Biological Sciences``; None for a name without one,
    or whose part before the colon is a single word."""
    main, colon, section = full.partition(":")
    significant = [w for w in words(main) if w not in STOP_WORDS]
    if _SERIES.match(f"{main} {section.strip()}") and not _SERIES.match(main):
        return None  # "Series B" is no section's name: without it, another journal's name
    return main.strip() if colon and words(section) and len(significant) >= 2 else None


def _acronym(cited: str, full: str) -> bool:
    """Whether ``cited`` is one word of three or more capitals, the initials of ``full``'s
    words but its stop words (``PRL`` for Physical Review Letters, ``PNAS``, ``JACS``)."""
    given = cited.strip(" .")
    if not (3 <= len(given) <= 8 and given.isascii() and given.isalpha() and given.isupper()):
        return False
    initials = "".join(w[0] for w in words(full.partition(":")[0]) if w not in STOP_WORDS)
    return given.casefold() == initials


# a journal in lettered series or parts: "Journal of the Royal Statistical Society: Series B
# (Statistical Methodology)", "… Society Series B: Statistical Methodology", "Deep Sea
# Research Part I: Oceanographic Research Papers"
_SERIES = re.compile(r"^(?P<main>.+?)[\s:,.]+(?P<word>series|section|part|ser|sect)\.?\s+"
                     r"(?P<letter>[A-Z]|[IVX]{1,4})\b[\s:,.]*(?P<rest>.*)$", re.I)

# a nation Crossref leaves out of the name ("Proceedings of the National Academy of
# Sciences") that citations keep in its abbreviation ("Proc Natl Acad Sci U S A")
_NATION_AFTER = re.compile(r"[\s.,]+(?:U\.?\s?S\.?\s?A|U\.?\s?K)\.?\s*$")


# the Royal Society's journals were "of London" until 1990s renamings, and NLM still
# abbreviates some so ("Philos Trans R Soc Lond B Biol Sci")
_ROYAL_SOCIETY = re.compile(r"\bRoyal Society\b(?! of London)")


def abbreviated_forms(name: str) -> list[str]:
    """The names a journal is abbreviated from, ``name`` first: a name opening with its own
    initials ("JNCI: Journal of the National Cancer Institute") also by what follows them
    ("J Natl Cancer Inst"); a journal in series by its name and series, with or without
    the word "Series" and the section's name ("J. R. Stat. Soc. B", "J R Stat Soc Series B
    Stat Methodol"); a Royal Society's journal with "of London" ("Proc R Soc Lond B Biol
    Sci")."""
    forms = [name]
    initials, colon, rest = name.partition(":")
    if colon and _acronym(initials, rest):
        forms += [rest.strip(), initials.strip()]
    if _ROYAL_SOCIETY.search(name):
        forms.append(_ROYAL_SOCIETY.sub("Royal Society of London", name))
    series = _SERIES.match(name)
    if series:
        main, word, letter = series.group("main"), series.group("word"), series.group("letter")
        section = series.group("rest").strip(" ()")
        for named in (f"{word} {letter}", letter):
            forms.append(f"{main} {named}")
            if section:
                forms.append(f"{main} {named} {section}")
    return forms


def _without_nation(cited: str, name: str) -> str | None:
    """The cited name without the nation it ends with, when Crossref's ``name`` is of a
    national body and names no nation."""
    found = _NATION_AFTER.search(cited)
    if found is None or found.start() == 0 or "national" not in words(name) or \
            _NATION_AFTER.search(name):
        return None
    return cited[:found.start()]


# British spellings as American writes them (or the other way): a journal named in the one
# is the journal named in the other (``Neurobiology of Ageing``). Both sides are folded.
_SPELLINGS = ((re.compile(r"ageing\b"), "aging"), (re.compile(r"(?<=\w{3})our(s?)\b"), r"or\1"),
              (re.compile(r"(?<=\w\w)is(ation|ations|e|es|ed|ing)\b"), r"iz\1"),
              (re.compile(r"(?<=\w{3})tre(s?)\b"), r"ter\1"), (re.compile(r"ae|oe"), "e"),
              (re.compile(r"programme"), "program"), (re.compile(r"(?<=\w{3})ogue\b"), "og"),
              (re.compile(r"\b(defen|licen|offen)ce\b"), r"\1se"))


def _spelling(text: str) -> str:
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    return text


def _subsequence(word: str, target: str) -> bool:
    if not word or word[0] != target[0]:
        return False
    it = iter(target)
    return all(c in it for c in word)


def journal_names(record: dict[str, Any]) -> list[str]:
    names = [strip_markup(n) for n in (record.get("container-title") or []) +
             (record.get("short-container-title") or []) if n]
    return names


_PLACE = re.compile(r"\s*\([^()]*\)\s*$")  # Nature (London), Molecules (Basel)


def _longer_name(cited: str | None, name: str, haystack: str) -> bool:
    """Whether the journal the citation gives is another, longer one that holds ``name``:
    ``Journal of Heredity`` for Heredity, ``BMC Pulmonary Medicine`` for Pulmonary Medicine,
    as the citation's text writes it (``haystack``, squashed). Not another journal: a place
    in parentheses (``Nature (London)``), a nation after "of" (Crossref names PNAS without
    "of the United States of America"), stop words (``The Lancet``), numbers the parse left
    in (``Heredity 111``)."""
    if not cited:
        return False
    given, own = squash(_PLACE.sub("", cited)), squash(name)
    if given == own or f" {given} " not in haystack or f" {own} " not in f" {given} ":
        return False
    before, _, after = f" {given} ".partition(f" {own} ")
    if after.split()[:1] == ["of"]:
        after = ""
    return any(w not in STOP_WORDS and not w.isdigit() for w in (before + after).split())


# A chapter's book, as the citation names it: after "In:" and its editors ("In: Bebis G. et
# al. (eds) Advances in Visual Computing."), or after "In" ("In Human Health …, 1–12")
_IN_BOOK_NAMED = re.compile(r"\bIn:?\s+(?:[^()]{0,200}?(?:\((?:eds?|Hrsg|ed)\.?\)|,\s*(?:eds?|"
                            r"editors?|Hrsg)\.?)\.?\s+)?([A-Z][^.;,()]{3,200}?)\s*[.;,(]")


# a family name and initials ("Bebis G", "Hosokawa Y"), which a list of editors opens with
_NAMES_ONLY = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z]{1,3})?")


def _another_book(text: str, record: dict[str, Any], names: Sequence[str]) -> str | None:
    """The book a chapter's citation names when it is none of Crossref's container titles:
    Crossref lists a chapter's book and its series together, so the series named beside
    another book ("In: … (eds) Advances in Computer Graphics. … Lecture Notes in Computer
    Science") must not pass for the book. None for other works, or where the book is named
    as Crossref names it (or abbreviated), or by its series alone."""
    if record.get("type") != "book-chapter" or len(names) < 2:
        return None
    named = _IN_BOOK_NAMED.search(text)
    if named is None or len(words(named.group(1))) < 2 or _NAMES_ONLY.fullmatch(named.group(1)):
        return None  # (editors named without "eds": no book name to hold to Crossref's)
    book = named.group(1).strip()
    given = f" {squash(book)} "
    if any(f" {squash(n)} " in given or given in f" {squash(n)} " or _abbreviates(book, n)
           for n in names):
        return None
    return book


# a journal's name translated into Chinese, in brackets after it, as Chinese posts print it
# ("Proc R Soc B（英国皇家学会会刊B）", "Nature Genetics《自然-遗传学》"; the reader may have
# left the closing bracket off)
_TRANSLATED = re.compile(r"\s*[(（《〈]([^()（）《》〈〉]*)[)）》〉]?\s*$")


def _without_translation(cited: str | None) -> str | None:
    """The cited journal without its Chinese translation after it (in brackets, more of its
    letters Chinese than Latin); None when it has none or nothing in Latin letters before."""
    found = _TRANSLATED.search(cited or "")
    if not found or not cited:
        return None
    inside, before = found.group(1), cited[:found.start()]
    if len(_CJK_SCRIPT.findall(inside)) <= len(re.findall(r"[A-Za-z]", inside)) or \
            not re.search(r"[A-Za-z]", before):
        return None
    return before


def compare_journal(cited: str | None, text: str, record: dict[str, Any]) -> FieldCheck:
    """The journal (or book) matches when Crossref's name appears in the citation, other than
    inside Crossref's title (a paper on "population genetics" does not name the journal
    Genetics), and not as part of a longer name; or when the cited name abbreviates it. A
    translation into Chinese in brackets after the cited name is no part of it."""
    original = _without_translation(cited)
    if original is not None:
        check = compare_journal(original, text, record)
        return replace(check, cited=cited)
    names = journal_names(record)
    shown = names[0] if names else None
    if not names:
        return FieldCheck(cited, None, None, "Crossref has no container title")
    haystack = f" {squash(text)} "
    for variant in title_variants(record):  # longest first
        if (own := squash(variant)) and f" {own} " in haystack:
            haystack = haystack.replace(f" {own} ", " ", 1)
            break
    # the record's own title abbreviated, read up to a period ("Proc. R. Soc. B Biol" of
    # "… B Biol. Sci."), is no other journal, whatever it holds
    own_abbreviated = cited is not None and any(_abbreviates(cited, n, start_only=True)
                                             for n in names)
    other_book = _another_book(text, record, names)
    if other_book:
        return FieldCheck(other_book, shown, False, f"the book cited, {other_book!r}, is not "
                          + " nor ".join(repr(n) for n in names))
    for name in names:
        if f" {squash(name)} " in haystack and (
                own_abbreviated or not _longer_name(cited, name, haystack)):
            return FieldCheck(cited or name, shown, True, "the journal/book title appears")
    if not cited:
        return FieldCheck(None, shown, False, "no journal/book title Crossref knows is cited")
    for name in names:
        without_nation = _without_nation(cited, name)
        given = [cited, without_nation] if without_nation else [cited]
        if any(_abbreviates(one, form) for one in given for form in abbreviated_forms(name)):
            return FieldCheck(cited, shown, True, f"abbreviation of {name!r}")
        section = _section_title(name)
        if section and _abbreviates(cited, section):
            return FieldCheck(cited, shown, True, f"NLM's abbreviation of {name!r} (its "
                                                  "first word and its section)")
    for name in names:
        main = _main_title(name)
        if main and _abbreviates(cited, main):
            return FieldCheck(cited, shown, True, f"{main!r} (the journal without its "
                                                  "section's name) or an abbreviation of it")
        if _acronym(cited, name):
            return FieldCheck(cited, shown, True, f"the initials of {name!r}")
        spelt = _spelling(squash(cited))
        if spelt and spelt in {_spelling(squash(n)) for n in (name, main) if n}:
            return FieldCheck(cited, shown, True, f"{name!r} in another spelling")
    if record.get("type") == "proceedings-article":
        cores = _without_place(_proceedings_core(cited))
        for name in names:
            own = _proceedings_core(name)
            if own and any(squash(core) == squash(own) or _abbreviates(core, own)
                           for core in cores) and not _another_years_conference(cited, name):
                return FieldCheck(cited, shown, True, f"the proceedings of {own!r}")
    if in_another_script(cited, names):
        return _not_compared(cited, shown, names)
    return FieldCheck(cited, shown, False, f"{cited!r} is neither {shown!r} nor an "
                                           f"abbreviation of it")


# how a conference's proceedings are named around the conference: "in Proc. …", "Proceedings
# of the …", "…, 2003. Proceedings.", "(SIGMOD)" (its closing bracket perhaps cut), the year,
# a publisher's acronym after a full stop (". IEEE"), not an abbreviated word ("Syst.
# Workshops")
_PROCEEDINGS_BEFORE = re.compile(r"^(?:in:?\s+)?(?:proc(?:eedings)?\.?\s+(?:of\s+(?:the\s+)?)?)?"
                                 r"(?:(?:1[5-9]|20)\d\d\s+)?", re.I)
_PROCEEDINGS_AFTER = re.compile(r"(?:[,.]?\s*(?:(?:1[5-9]|20)\d\d|proceedings|\([^()]*(?:\)|$)|"
                                r"\.\s+(?-i:[A-Z]{2,})))+\.?$", re.I)


# a place after a conference's name, as IEEE prints it ("…, Providence, RI, USA"): a few
# capitalised words between commas, no number
_PLACE_PART = re.compile(r"[A-Z][^\W\d_]*\.?(?:\s+[A-Z][^\W\d_]*\.?){0,3}")


def _without_place(core: str) -> list[str]:
    """A conference's name as cited, then without what follows it between commas when that
    is all places ("Int. Conf. Manage. Data, Virtual Event, China"); empty when none."""
    if not core:
        return []
    cores = [core]
    parts = core.split(",")
    for cut in range(len(parts) - 1, 0, -1):
        if not all(_PLACE_PART.fullmatch(part.strip()) for part in parts[cut:]):
            break
        cores.append(",".join(parts[:cut]).strip())
    return cores


# the years a name holds, each a number of its own ("…, 2003. Proceedings."; not in "12003")
_YEARS_IN = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def _another_years_conference(cited: str, name: str) -> bool:
    """Whether the proceedings cited are of the conference another year than Crossref's: both
    names give a year and none in common ("Proceedings of the 2020 International Conference
    on Management of Data" for the 2021 one is another book)."""
    given, own = set(_YEARS_IN.findall(cited)), set(_YEARS_IN.findall(name))
    return bool(given and own) and not given & own


def _proceedings_core(name: str) -> str:
    """A conference's name without what names its proceedings around it, so that IEEE's
    ``in Proc. 23rd Int. Conf. Distrib. Comput. Syst. Workshops`` and APA's ``Proceedings of
    the 23rd International Conference on …`` are compared with Crossref's ``23rd
    International Conference on … Workshops, 2003. Proceedings.``"""
    core = _PROCEEDINGS_BEFORE.sub("", name.strip())
    return _PROCEEDINGS_AFTER.sub("", core).strip(" ,.")


# -- numbers -------------------------------------------------------------------------------------

_NUMBER_LABEL = re.compile(r"^(?:vol|no|nr|issue|iss|n)\.?\s*")
_NUMBER_DASH = re.compile(r"\s*[/–—‐-]\s*")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")
# a supplement as citations and depositors name it: "Suppl 1", "Supplement_1", "suppl.1", "S1"
_SUPPLEMENT_NAME = re.compile(r"^(?:supplement|suppl|supp|s)[\s._-]*(?=\d|$)")


def _number(value: Any) -> str:
    text = fold(str(value)).strip()
    text = _NUMBER_LABEL.sub("", text)
    text = _NUMBER_DASH.sub("-", text)
    text = _SUPPLEMENT_NAME.sub("s", text)
    return _LEADING_ZEROS.sub("", text)


def compare_number(name: str, cited: str | None, crossref: str | None) -> FieldCheck:
    if crossref in (None, ""):
        return FieldCheck(cited, None, None, f"Crossref has no {name}")
    if cited in (None, ""):
        return FieldCheck(None, crossref, None, f"the citation gives no {name}")
    if _number(cited) == _number(crossref):
        return FieldCheck(cited, crossref, True, f"same {name}")
    return FieldCheck(cited, crossref, False, f"{name} {cited} ≠ {crossref}")


def record_years(record: dict[str, Any]) -> list[int]:
    """The record's years, the issued one first: print or online, and the issue's."""
    years: list[int] = []
    for key in _DATE_KEYS:
        part = record.get(key)
        if key == "journal-issue" and isinstance(part, dict):
            part = part.get("published-print") or part.get("published-online")
        parts = part.get("date-parts") if isinstance(part, dict) else None
        first = parts[0] if isinstance(parts, list) and parts else None
        year = first[0] if isinstance(first, list) and first else None
        if isinstance(year, int) and year not in years:
            years.append(year)
    return years


_DATE_KEYS = ("issued", "published-print", "published-online", "published", "journal-issue")


def _named_year(record: dict[str, Any]) -> int | None:
    """For a proceedings paper Crossref gives no date, the one year its proceedings' name (or
    its event's) gives: "…, 2003. Proceedings." Proceedings are printed for the conference,
    in its year; a name giving two years ("2003-2004"), or none, gives none. Only for
    proceedings: a book's title may name any year ("Europe 1914")."""
    if record.get("type") != "proceedings-article":
        return None
    names = [name for name in record.get("container-title") or [] if isinstance(name, str)]
    event = record.get("event")
    if isinstance(event, dict) and isinstance(event.get("name"), str):
        names.append(event["name"])
    # a proceedings with a DOI and no date is of a conference of the last hundred-odd
    # years: "IEEE 1588" names a standard
    years = {int(year) for name in names for year in _YEARS_IN.findall(name)
             if year.startswith(("19", "20"))}
    return years.pop() if len(years) == 1 else None


def compare_year(cited: str | int | None, record: dict[str, Any]) -> FieldCheck:
    years = record_years(record)
    if not years:
        named = _named_year(record)
        if named is None:
            return FieldCheck(cited, None, None, "Crossref has no date")
        if cited in (None, ""):
            return FieldCheck(None, named, None, "the citation gives no year")
        if str(cited)[:4] == str(named):
            return FieldCheck(cited, named, True, f"{named}, the year the proceedings' name "
                                                  "gives (Crossref has no date)")
        if str(cited)[:4] == str(named + 1):  # proceedings may come out the next year
            return FieldCheck(cited, named, None, f"the proceedings' name gives {named}, "
                                                  "and they may have come out the year after "
                                                  "(Crossref has no date)")
        return FieldCheck(cited, named, False, f"{cited} is not {named}, the year the "
                                               f"proceedings' name gives (Crossref has no "
                                               f"date)")
    if cited in (None, ""):
        return FieldCheck(None, years[0], None, "the citation gives no year")
    try:
        year = int(str(cited)[:4])
    except ValueError:
        return FieldCheck(cited, years[0], False, f"{cited!r} is not a year")
    if year in years:
        which = "issued" if year == years[0] else "print or online"
        return FieldCheck(cited, years[0], True, f"the {which} year")
    return FieldCheck(cited, years[0], False, f"{year} is none of Crossref's years "
                                              f"({', '.join(map(str, years))})")


_PAGE_LABEL = re.compile(r"^(?:pp?\.?|pages?|article(?:\s+no\.?)?|art\.?|no\.)\s*")
_PAGE = re.compile(r"^([a-z]*\d+[a-z]*)(?:\s*[-–—‐]+\s*([a-z]*\d+[a-z]*))?$")


def page_range(value: str) -> tuple[str, str] | None:
    """(first, last) of a page range, the last expanded when abbreviated (``975-93`` →
    ``975``, ``993``); article numbers are their own range."""
    text = fold(str(value)).strip()
    text = _PAGE_LABEL.sub("", text)
    match = _PAGE.match(text.replace(" ", ""))
    if not match:
        return None
    first, last = match.group(1), match.group(2) or match.group(1)
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[:len(first) - len(last)] + last
    return first.lstrip("0") or "0", last.lstrip("0") or "0"


def record_pages(record: dict[str, Any]) -> str | None:
    return record.get("page") or record.get("article-number")


_DOI_NUMBER = re.compile(r"\.(\d{3,})$")  # "10.3389/fpls.2019.00816", "…/j.efsa.2018.5239"
_ARTICLE_NUMBER = re.compile(r"[a-z]?(\d{3,})")  # "861", "e05293"


def _article_number_in_doi(cited: str | None, record: dict[str, Any]) -> FieldCheck | None:
    """For a journal article Crossref gives no pages, the article number a citation prints
    held to the one its DOI ends with (Frontiers' ``10.3389/fpls.2019.00816`` is article 816,
    EFSA's ``…/j.efsa.2018.5239`` e05239); None where either is not such a number."""
    if not cited or record.get("type") != "journal-article":
        return None
    number = _DOI_NUMBER.search(str(record.get("DOI") or ""))
    shown = _ARTICLE_NUMBER.fullmatch(fold(cited).strip())
    if number is None or shown is None:
        return None
    theirs, ours = number.group(1).lstrip("0"), shown.group(1).lstrip("0")
    if theirs == ours:
        return FieldCheck(cited, None, True, "the article number the DOI ends with")
    return FieldCheck(cited, None, False, f"article {ours} is not the one the DOI "
                                          f"{record.get('DOI')} ends with, {theirs}")


def is_pinpoint(text: str, page: str) -> bool:
    """Whether ``text`` cites ``page`` as a Chicago (Turabian) note does, the one page it
    refers to right after the year in parentheses, ``Heredity 111, no. 2 (2013): 124``:
    the bibliography (and every other style) gives the article's range there."""
    return bool(re.search(rf"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)\s*:\s*{re.escape(page)}"
                          r"(?!\s*[-–—‐]\s*\w)(?![\w/])", text))


def compare_pages(cited: str | None, record: dict[str, Any],
                  pinpoint: bool = False) -> FieldCheck:
    """``pinpoint``: the citation gives the page it refers to (:func:`is_pinpoint`), which
    matches any page of the article's range."""
    crossref = record_pages(record)
    if not crossref:
        return _article_number_in_doi(cited, record) or FieldCheck(
            cited, None, None, "Crossref has no pages")
    if not cited:
        return FieldCheck(None, crossref, None, "the citation gives no pages")
    a, b = page_range(cited), page_range(crossref)
    if a is None or b is None:
        same = squash(cited) == squash(crossref)
        return FieldCheck(cited, crossref, same, "same pages" if same else "pages differ")
    if a == b:
        return FieldCheck(cited, crossref, True, "same first and last page")
    if a[0] == a[1] == b[0]:  # Science, APS, Nature's short form: "Heredity 111, 122 (2013)"
        return FieldCheck(cited, crossref, True, "the first page (the last not printed)")
    if pinpoint and a[0] == a[1] and a[0].isdigit() and b[0].isdigit() and b[1].isdigit() \
            and int(b[0]) <= int(a[0]) <= int(b[1]):
        return FieldCheck(cited, crossref, True, "a page of the article (a note's pinpoint)")
    article = record.get("article-number")
    if article and page_range(article) == a:
        return FieldCheck(cited, crossref, True, "the article number")
    # Hindawi and others cite an article ID that Crossref keeps only as the DOI's last part
    article_id = str(record.get("DOI") or "").rsplit("/", 1)[-1].lower()
    if a[0] == a[1] == article_id:
        return FieldCheck(cited, crossref, True, "the article ID that ends the DOI")
    return FieldCheck(cited, crossref, False, f"pages {a[0]}-{a[1]} ≠ {b[0]}-{b[1]}")
