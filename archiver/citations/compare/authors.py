"""A citation's author list compared with Crossref's.

Crossref's family names must be shown in order, diacritics and case ignored, a leading particle
(``van``, ``de``) optional; "et al." / 等 / an ellipsis make the shown names a prefix; a
corporate author matches its name. An author list is written in more ways than any other field
(given names before or after the family name, initials run together, particles, roles, group
authors, names in Chinese, Japanese or Korean script), and the helpers that tell these apart
serve it alone: hence a module of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from archiver.citations.compare.text import (
    _CJK_SCRIPT,
    SMALL_WORDS,
    FieldCheck,
    _not_compared,
    american_spelling,
    fold,
    in_another_script,
    word_tuple,
    words,
)


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
    people = [a for a in authors if word_tuple(a.get("family") or "")]
    groups = [a for a in authors if not a.get("family")]
    parts = _ELLIPSIS.split(segment, maxsplit=1)
    if len(parts) == 2 and names and authors and _is_group(authors[-1]) and _names_group(
            parts[1].strip(" .,;&"), authors[-1]["name"]):
        # APA's last entry after the ellipsis is the list's, a group too ("…, Ajith, P., . . .
        # LIGO Scientific Collaboration and Virgo Collaboration")
        head = compare_authors(parts[0], True, authors[:-1])
        return FieldCheck(segment, head.crossref + [authors[-1]["name"]], head.match,
                          head.reason + "; the last author, a group, follows the ellipsis")
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
    if _in_another_script(segment, families):
        return _not_compared(segment, crossref, families)
    parts = _list_parts(segment)
    wrong_group = _unknown_group(parts, authors) or _first_group_not_first(
        segment, parts, authors) or _group_before_the_first(parts, authors)
    if wrong_group:
        return FieldCheck(segment, crossref, False, wrong_group)
    cjk = _cjk_names(parts, authors, et_al)
    if cjk is not None:
        return FieldCheck(segment, crossref, cjk[0], cjk[1])
    seg = words(segment)
    # what is no stray name between the names found: another author's family name (shown out
    # of order, told below), a group the citation names (checked above)
    family_words = {w for a in authors for w in word_tuple(a.get("family") or "")}
    group_words = {w for part in parts if _GROUP_WORD.search(part) for w in word_tuple(part)}
    # what a list says in brackets is no author of it: (Eds.), (no date), a group's (ANS)
    bracketed = {w for span in _BRACKETED.findall(segment) for w in word_tuple(span)}
    # the words of an author list that are no person's given name or initial
    not_given = family_words | group_words | bracketed | {
        w for a in groups for w in word_tuple(a.get("name") or "")}
    # given names and initials are held to Crossref's only where its authors are its people
    # (with a group among them, the names' places are not known)
    by_people = len(people) == len(names)
    # initials written as capitals ("Gross E", "Yang YS", "Davis JR"): no "e", "y" (and in
    # Romance languages) nor "Jr" (a suffix), which the same words are in lower case
    initials = frozenset(w.lower() for w in _CAPITALS.findall(segment))
    position = 0
    shown = 0
    used: set[int] = set()  # where earlier authors were found (two authors may share a name)
    spots: list[tuple[int, int]] = []  # where each author found is, in Crossref's order
    found: set[int] = set()  # the words of the names found
    # Müller written Mueller, as German does without its letters, and Crossref's Mueller
    # cited as Müller (folded: muller): each such name's other form; the second only where
    # the citation writes an umlaut (Kors is Koers misspelt, not Körs folded)
    umlauts = bool(_GERMAN.search(segment))
    spelled = {i: words(_GERMAN.sub(lambda m: _UMLAUTS[m.group(0)], a["family"])
                        if _GERMAN.search(a["family"]) else _SPELT_OUT.sub(r"\1", a["family"]))
               for i, a in enumerate(people)
               if _GERMAN.search(a["family"]) or umlauts and _SPELT_OUT.search(a["family"])}
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
                    and seg[at - 1] not in name and not (index and seg[at - 1] in words(
                        people[index - 1].get("family") or "")):
                # "de Lieshout" for van Lieshout (not the author before's particles, written
                # after the initials: "Hoogen, F. H. J. van den, Putte, L. B. A. van de")
                wrong, misspelt = [seg[at - 1], *seg[at:at + length]], " (another particle)"
            elif not wrong and _particle_misspelt(seg, at, name[:len(name) - length],
                                                  people[max(0, index - 1):index + 1]):
                wrong, misspelt = [seg[at - 1], *seg[at:at + length]], " (misspelt?)"
            if wrong:
                return FieldCheck(segment, crossref, False,
                                  f"{' '.join(wrong)!r} is shown where Crossref's author "
                                  f"{index + 1} of {len(names)} is {' '.join(name)!r}"
                                  + misspelt)
            # the given names or initials before a family name are its own (R. L. Lieber),
            # or the previous author's (Lieber RL, Jacks TM)
            clash = _initials_clash(skipped, people[max(0, index - 1):index + 1],
                                    not_given, family_words, initials) if by_people else None
            if clash:
                return FieldCheck(segment, crossref, False, clash)
            used.add(at)
            found.update(range(at, at + length))
            spots.append((at, length))
            position, shown = at + length, shown + 1
            continue
        label = " ".join(name)
        elsewhere = [i for i in range(len(seg)) if seg[i:i + len(name)] == name and i not in used]
        if elsewhere:
            return FieldCheck(segment, crossref, False,
                              f"author order differs: {label!r} is out of place")
        # (looked for after the given name of the author just found, written after it:
        # "Ren, Li-Li, et al.", where Crossref's ninth author is a Li)
        given = words(people[index - 1].get("given") or "") if 0 < index <= len(people) \
            else []
        after = position + len(given) if given and seg[position:position + len(given)] == \
            given else position
        later = [(n, _find_name(seg, n, after)[0]) for n in names[index + 1:]]
        later = [(n, at) for n, at in later if at >= 0]
        if later:
            # a word where the name should be, and like it, is the name misspelt (Hereen
            # for Heeren), not a name left out
            misspelt = _like_the_name(seg[position:later[0][1]], name)
            if misspelt:
                return FieldCheck(segment, crossref, False,
                                  f"{' '.join(misspelt)!r} is shown where Crossref's author "
                                  f"{index + 1} of {len(names)} is {label!r} (misspelt?)")
            return FieldCheck(segment, crossref, False,
                              f"{label!r} (author {index + 1} of {len(names)}) is missing "
                              f"before {' '.join(later[0][0])!r}")
        if et_al and shown:
            stray = _like_the_name(_unexplained(seg[position:], authors), name)
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
            named = frozenset(w.lower() for w in _TWO_LETTER_NAME.findall(segment))
            others = [w for w in _unexplained(before, authors, named)
                      if _long_enough(w) or w in named]
            clash = _initials_clash(before, people[index - 1:index], not_given,
                                    family_words, initials) if by_people else None
            clash = clash or (_namesakes_swapped(seg, spots, people, not_given, initials)
                              if by_people else None)
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
            # (its name cut at its "and" into parts: each part spelt as the group's)
            misspelt = next((p for p in parts if _misspells_group(p, authors[0]["name"])), None)
            if misspelt:
                return FieldCheck(segment, crossref, False,
                                  f"{misspelt!r} misspells a word of Crossref's first author, "
                                  f"the group {authors[0]['name']!r}")
            return FieldCheck(segment, crossref, True, "the group author Crossref lists "
                              "first stands for its members" + (", then et al." if et_al
                                                                 else ""))
        # the list's last name like the author missing is that author misspelt (Simons for
        # Simmons at the end of a full list), as it is before a later name or et al.
        stray = _like_the_name(_unexplained(seg[after:], authors), name)
        if stray:
            return FieldCheck(segment, crossref, False,
                              f"{' '.join(stray)!r} is shown where Crossref's author "
                              f"{index + 1} of {len(names)} is {label!r} (misspelt?)")
        return FieldCheck(segment, crossref, False,
                          f"{label!r} (author {index + 1} of {len(names)}) is not in the "
                          f"citation" + ("" if et_al else " and it does not say et al."))
    clash = (_initials_clash(seg[position:], people[-1:], not_given, family_words, initials)
             or _namesakes_swapped(seg, spots, people, not_given, initials)) \
        if by_people else None
    if clash:
        return FieldCheck(segment, crossref, False, clash)
    extra = _extra_names(seg, found, people + groups, not_given)
    if extra:
        return FieldCheck(segment, crossref, False,
                          f"{' '.join(extra)!r} is shown among the authors, but Crossref's "
                          f"{len(names)} author(s) are all found without it: an author "
                          "Crossref does not list")
    left_out = [] if et_al else [group for group in _group_names(authors)
                                 if not any(_names_group(part, group) for part in parts)]
    if left_out:  # a list in full names every author, a group too (in any place)
        return FieldCheck(segment, crossref, False,
                          f"the group author {left_out[0]!r}, one of Crossref's, is not in "
                          "the citation, which lists its authors in full (without et al.)")
    return FieldCheck(segment, crossref, True, f"all {len(names)} authors, in order")


def _in_another_script(segment: str, families: Sequence[str]) -> bool:
    """Whether the names are written in another script than Crossref's (:func:`in_another_
    script`), "et al." aside: not when any of them is in Crossref's CJK script (``g 炳`` for
    李炳 is a name misspelt, not a romanised one)."""
    names = _ET_AL.sub(" ", segment)
    if _CJK_SCRIPT.search(names) and any(_CJK_SCRIPT.search(f) for f in families):
        return False
    return in_another_script(names, families)


_CJK_LIST = re.compile(r"[，、；]")  # how a list of names is punctuated in CJK text


def _written_whole(author: dict[str, Any]) -> str:
    """A Chinese, Japanese or Korean name as it is printed: family then given name, with no
    space between them (王进玉, 김철수)."""
    return "".join((author.get("family") or "").split() + (author.get("given") or "").split())


def _cjk_forms(author: dict[str, Any]) -> tuple[set[str], set[str]]:
    """How a name in Chinese, Japanese or Korean script may be shown, folded: (written as
    one word, family then given name or the family name alone; written in two, with a space
    or a full stop between them: the family name and the given name, or its first
    character, the way a style that inverts names and gives initials prints one (``袁 训``,
    APA's ``袁, 训.``), or the given name then the family name (``炳穆 李``))."""
    family = "".join((author.get("family") or "").split())
    given = "".join((author.get("given") or "").split())
    one = {fold(_written_whole(author)), fold(family)}
    two = set()
    for shown in (given, given[:1]) if given else ():
        two.add(fold(f"{family} {shown}"))
    if given:
        two.add(fold(f"{given} {family}"))
    return one, two


def _cjk_shown(name: str) -> str:
    """A name of a CJK list as compared: its words one space apart, a style's full stops
    after an initial left out (``袁, 训.``: 训)."""
    return fold(" ".join(name.replace(".", " ").replace("．", " ").split()))


def _cjk_names(parts: Sequence[str], authors: Sequence[dict[str, Any]], et_al: bool
               ) -> tuple[bool, str] | None:
    """(match, reason) for a list of names in Chinese, Japanese or Korean script where
    Crossref's authors are all people named in it; None for any other list. Such a name is
    written whole, family and given name run together, so it is held whole to the author at
    its place: 王明 is not 王进玉 (a given name the word-by-word comparison cannot see, each
    character being a word of its own), 张三 between two of Crossref's authors is an author
    added. A family name alone (王) stands for the author; 等 ends the list early. Written in
    two words (:func:`_cjk_forms`), a name may give its given name's first character alone,
    and a comma may stand between its family and given names (``李, 炳穆``): one name."""
    if not authors or not all(a.get("family") and _CJK_SCRIPT.search(a["family"])
                              for a in authors):
        return None
    shown = [name.strip() for part in parts for name in _CJK_LIST.split(part)
             if name.strip() and name.strip() not in ("等", "等人")]
    if not shown or not all(_CJK_SCRIPT.search(p) for p in shown):
        return None
    at = 0  # the author each name is held to
    index = 0
    while index < len(shown):
        name = shown[index]
        joined = "".join(name.split())  # as the messages quote it
        if at >= len(authors):
            return False, (f"{joined!r} is shown besides all of Crossref's {len(authors)} "
                           "authors")
        one, two = _cjk_forms(authors[at])
        said = _cjk_shown(name)
        inverted = f"{said} {_cjk_shown(shown[index + 1])}" if index + 1 < len(shown) else ""
        if inverted in two and said == fold("".join(authors[at]["family"].split())):
            index += 2  # "李, 炳穆": the family name, a comma, the given name
        elif fold(joined) in one and " " not in said or said in two:
            index += 1
        else:
            return False, (f"{joined!r} is shown where Crossref's author {at + 1} is "
                           f"{_written_whole(authors[at])!r}")
        at += 1
    if at < len(authors) and not et_al:
        return False, (f"{_written_whole(authors[at])!r} (author {at + 1} of "
                       f"{len(authors)}) is not in the citation and it does not say et al.")
    return True, (f"all {len(authors)} authors, in order" if at == len(authors)
                  else f"the first {at} of {len(authors)} authors, then et al.")


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


def _particle_misspelt(seg: Sequence[str], at: int, left_out: Sequence[str],
                       owners: Sequence[dict[str, Any]]) -> bool:
    """Whether the words before a family name found without its particles (``bruzzo`` of La
    Bruzzo, ``sandt`` of van de Sandt) are those particles with one misspelt (``Lf Bruzzo``,
    ``van e Sandt``, ``van dn Hoogen``): read back from the name, the first that is not its
    particle is one letter off it, and no given name or initial of the author or the one
    before (a name shown without its particles, ``Bruzzo S`` or ``Sandt, A. M. van de``, is a
    name shown)."""
    if not left_out or not at:
        return False
    for word, particle in zip(reversed(seg[max(0, at - len(left_out)):at]),
                              reversed(left_out), strict=False):
        if word == particle:
            continue
        if word in PARTICLES:  # another particle: said as such, or the author before's
            return False
        if len(word) == 1:  # a letter dropped ("e" for de), unless it is an initial there
            initials = {name[0] for owner in owners
                        for name in word_tuple(owner.get("given") or "")}
            return word not in initials and Levenshtein.distance(word, particle) == 1
        return Levenshtein.distance(word, particle) == 1 and not _part_of_given(word, owners)
    return False


def _part_of_given(word: str, owners: Sequence[dict[str, Any]]) -> bool:
    """Whether ``word`` is a part of a given name of ``owners`` as Crossref runs it together
    (Xiao-Yan for Xiaoyan: "yan" is no misspelt Yang)."""
    return any(word in joined for joined in _given_forms(owners)[1])


def _given_words(gap: Sequence[str], not_given: set[str],
                 initials: frozenset[str]) -> list[str]:
    """The words of ``gap`` that may be given names or initials: not a word that is none
    (``not_given``), a joining word or a suffix (unless written as a capital initial), a
    particle, a number or a word in CJK script."""
    return [w for w in gap if w not in not_given and (w not in _LIST_WORDS or w in initials)
            and w not in PARTICLES and not w.isdigit() and not _CJK_SCRIPT.search(w)]


def _initials_clash(gap: Sequence[str], owners: Sequence[dict[str, Any]],
                    not_given: set[str], families: set[str],
                    initials: frozenset[str] = frozenset()) -> str | None:
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
        given = word_tuple(owner.get("given") or "")
        if not given:
            return None
        letters.update(word[0] for word in given)
    shown = _given_words(gap, not_given, initials)
    if not shown or shown[0][0] in letters:
        return None
    named = " and ".join(f"{' '.join(words(o.get('family') or ''))!r} "
                         f"({' '.join(words(o.get('given') or ''))})" for o in owners)
    return (f"{shown[0]!r} is shown as the given name or initial of Crossref's "
            + ("author " if len(owners) == 1 else "authors ") + named)


def _namesakes_swapped(seg: Sequence[str], spots: Sequence[tuple[int, int]],
                       people: Sequence[dict[str, Any]], not_given: set[str],
                       initials: frozenset[str] = frozenset()) -> str | None:
    """Why the given names or initials a list shows put two authors who share a family name
    in another order than Crossref's, or None. Their order cannot be told by their family
    names (Lee HJ, Lee JK, Lee H: "Lee JK, Lee HJ" finds each Lee in its place), and the
    initials between two names may be either one's as the style puts them after or before
    the name (:func:`_initials_clash`): here the list is read whole, one way or the other.
    The given names follow each family name (APA, Vancouver, GB/T 7714: the list opens with
    a family name), or precede each (it opens with a given name), or follow the first and
    precede the others (MLA, Chicago: "Lee, Hyun Ju, Jong Kil Lee"). Each author's first
    given name must open with the first letter of its first given name in Crossref, in one
    of these readings; a list that fits none shows the namesakes in another order."""
    found = len(spots)
    families = [words(p.get("family") or "") for p in people[:found]]
    shared = next((one for one, after in pairwise(families) if one == after), None)
    if shared is None:
        return None
    gaps = [seg[:spots[0][0]], *(seg[spots[j - 1][0] + spots[j - 1][1]:spots[j][0]]
                                 for j in range(1, found)),
            seg[spots[-1][0] + spots[-1][1]:]]
    shown = [_given_words(gap, not_given, initials) for gap in gaps]
    initial = [(words(p.get("given") or "") or [""])[0][:1] for p in people[:found]]

    def fits(j: int, given: Sequence[str]) -> bool:
        return not initial[j] or not given or given[0][0] == initial[j]

    if shown[0]:  # given names first, throughout
        if all(fits(j, shown[j]) for j in range(found)):
            return None
    elif all(fits(j, shown[j + 1]) for j in range(found)) or (  # after each, or the first
            fits(0, shown[1]) and (found < 2 or not initial[1] or any(
                w[0] == initial[1] for w in shown[1][1:]))
            and all(fits(j, shown[j]) for j in range(2, found))):
        return None
    order = ", ".join(repr(" ".join(words(p.get("given") or "")))
                      for p, family in zip(people[:found], families, strict=True)
                      if family == shared)
    return (f"the given names or initials shown put the authors named {' '.join(shared)!r} in "
            f"another order than Crossref's ({order})")


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
    if any(author.get("family") and not word_tuple(author.get("given") or "")
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


def _like_the_name(shown: Sequence[str], name: Sequence[str]) -> list[str]:
    """The words shown that are like a word of the name Crossref has (its ``MISSPELT``
    similarity or more): where that name is looked for and not found, they are it misspelt."""
    return [w for w in shown if any(fuzz.ratio(w, part) >= MISSPELT for part in name)]


# initials written as capitals ("Gross E", "Yang YS", "Davis JR"): not the "e" and "y" (and,
# in Romance languages) nor the "Jr" (a suffix) that the same words are in lower case
_CAPITALS = re.compile(r"(?<![^\W\d_])(?:[A-Z]|JR)(?![^\W\d_])")

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
        names = word_tuple(author.get("given") or "")
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


def _unexplained(rest: Sequence[str], authors: Sequence[dict[str, Any]],
                 written_as_names: frozenset[str] = frozenset()) -> list[str]:
    """The words left after the last author a citation shows that are not given names or
    initials of Crossref's authors (nor its group authors' words), nor words an author list
    holds besides names: among them, one like the family name Crossref has next is that
    name misspelt (before et al.). A particle is no name, unless it is written as one
    (``written_as_names``: "Le H" for Lee H)."""
    given: set[str] = {"the"}
    for author in authors:
        names = word_tuple(author.get("given") or "")
        given.update(names)
        given.update(word[0] for word in names)
        given.add("".join(word[0] for word in names))  # run together: Montgomery SB
        if not author.get("family"):  # a group author is shown where a citation puts it
            given.update(word_tuple(author.get("name") or ""))
    return [w for w in rest if w not in given and w not in _LIST_WORDS
            and (w not in PARTICLES or w in written_as_names) and not w.isdigit() and len(w) > 1]


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


def _group_names(authors: Sequence[dict[str, Any]]) -> list[str]:
    """The names of Crossref's group authors, their spaces plain (EFSA Panel\xa0on …)."""
    return [" ".join(a["name"].split()) for a in authors if _is_group(a)]


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
    group = _group_names(authors[:1])[0]
    if parts and _names_group(parts[0], group):
        return None
    after = _ET_AL.search(segment)  # Vancouver: "Younes M, …, et al; EFSA Panel on …"
    if after and any(_names_group(p, group) for p in _list_parts(segment[after.end():])):
        return None
    if any(_names_group(p, group) for p in parts):
        return (f"author order differs: Crossref's first author, the group {group!r}, is not "
                "shown first")
    return f"Crossref's first author, the group {group!r}, is not in the citation"


def _group_before_the_first(parts: list[str], authors: Sequence[dict[str, Any]]
                            ) -> str | None:
    """Why a citation is wrong to show a group before Crossref's first author, a person: a
    group Crossref lists further down may be shown where the byline puts it, or after the
    members, or left out of a list that says et al., but the work's first author is still
    its first (``GTEx Consortium, Chiang C, …`` for Chiang, GTEx Consortium, …)."""
    if not authors or _is_group(authors[0]) or not words(authors[0].get("family") or ""):
        return None
    first = words(authors[0]["family"])
    groups = _group_names(authors)
    shown = None  # the first group shown, before the first author
    for part in parts:
        if _find_name(words(part), first, 0)[0] >= 0:
            return None if shown is None else (
                f"author order differs: the group {shown!r} is shown before Crossref's first "
                f"author {' '.join(first)!r}")
        shown = shown or next((g for g in groups if _names_group(part, g)), None)
    return None  # (a first author not shown at all is said so where it is missed)


# ... nor do the words that say it is a group: two panels of EFSA, two genome consortia
_GROUP_WORDS = frozenset({"consortium", "collaboration", "collaborators", "collaborative",
                          "group", "investigators", "network", "initiative", "committee",
                          "team", "study", "trial", "trialists", "society", "association",
                          "panel", "council", "board", "force", "project"})
# the acronym a group's name ends with, in brackets: "EFSA Panel on … (ANS)" (the bracket
# that closes it may be cut off with the full stop that ends the list)
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]*[A-Z])\)?\s*$")


def _other_acronym(one: str, other: str) -> bool:
    """Whether two group names end with different acronyms in brackets (CONTAM, ANS)."""
    mine, theirs = _BRACKETED_ACRONYM.search(one.strip()), _BRACKETED_ACRONYM.search(
        other.strip())
    return bool(mine and theirs and mine.group(1).upper() != theirs.group(1).upper())


def _names_group(part: str, group: str) -> bool:
    """Whether a name in a list is the group ``group``: two of its words (EFSA ANS Panel), or
    words all of the group's, or an acronym of it; one word in common is not enough (a
    person named Food is no Panel on Food Additives)."""
    if _other_acronym(part, group) or _misspells_group(part, group):
        return False
    mine = set(word_tuple(part)) - SMALL_WORDS
    shared = mine & set(word_tuple(group))
    return len(shared - _GROUP_WORDS) >= 2 or bool(shared) and shared == mine or \
        _acronym_of(part, group) or _acronym_of(group, part)


def _misspells_group(part: str, group: str) -> bool:
    """Whether a name in a list is the group's name with a word of it misspelt ("The
    Arabidopsis Genome Initiatve", "…, Engineering, and Medecine"): a word the group's name
    lacks, no group word itself, that is nearly one of its words, not its plural nor
    singular nor its other spelling ("Organisation", "Centres")."""
    theirs = set(word_tuple(group))
    for word in set(word_tuple(part)) - theirs - SMALL_WORDS - _GROUP_WORDS:
        for other in theirs - set(word_tuple(part)):
            if fuzz.ratio(word, other) >= _GROUP_MISSPELT and \
                    word.rstrip("s") != other.rstrip("s") and \
                    american_spelling(word) != american_spelling(other):
                return True
    return False


# how like a word of a group's name another must be to be it misspelt
_GROUP_MISSPELT = 80


_NOT_INITIALS = {"the", "of", "and", "for", "on", "in", "to"}


def _same_group(one: str, other: str, whole: tuple[str, str] = ("", "")) -> bool:
    """Whether two group names (their group word left out) may name one group: a word in
    common, or one an acronym of the other ("GTEx" for "Genotype-Tissue Expression"), the
    group word counted or not ("WHI" for "Women's Health Initiative", "WTCCC" for
    "Wellcome Trust Case Control Consortium"). ``whole``: the two names as printed."""
    if all(whole) and _other_acronym(*whole):
        return False
    if (set(word_tuple(one)) & set(word_tuple(other))) - SMALL_WORDS - _GROUP_WORDS:
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


def shares_a_family_name(segment: str, record: dict[str, Any]) -> bool:
    """Whether an author list shows one of the record's family names: whole, or one letter
    off where the name has five letters or more."""
    shown = words(segment)
    for author in record.get("author") or []:
        family = words(author.get("family") or "")
        if not family:
            continue
        joined = " ".join(family)
        for word in shown:
            if word in family or word == joined:
                return True
            if len(word) >= 5 and any(len(part) >= 5 and fuzz.ratio(word, part) >= 80
                                      for part in family):
                return True
    return False
