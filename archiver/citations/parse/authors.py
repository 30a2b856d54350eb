"""An author span split into persons, in printed order, as CSL-JSON names: the common Latin
shapes ("Family, G.", "G. Family", Vancouver's "Family GW"), group authors, and CJK names.
"""

from __future__ import annotations

import re

from archiver.citations.extract import without_list_number
from archiver.citations.parse.token_features import _COMPOUND_SURNAMES, _SURNAMES
from archiver.citations.parse.tokens import KANA, _all_han, _all_japanese, _has_cjk

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any

# A list of people's last entry that says there are more, standing as a name of its own:
# Crossref's depositors end one so (the ODP's Initial Reports list their editors "Taylor, B.,
# Huchon, P., Klaus, A., et al.", the last a name "et al."), and it is no person
MORE_NAMES = re.compile(r"^\s*(?:et\.?\s*al\.?|and others|others|等人?)\s*$", re.IGNORECASE)
_ETAL = re.compile(r"\bet\.?\s*al\b\.?|\band\s+others\b|\bet\s+coll\b\.?|等|外\s*\d*\s*人", re.I)
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?[\s-]*){1,4}$")
_VANCOUVER = re.compile(r"^[A-ZÀ-ÖØ-Þ]{1,4}$")  # (accented too: "Martínez-González MÁ")
# a person's initials as APA prints them, one letter a full stop, spaced ("D. E.", "J. A"),
# or hyphened with no stop between ("J-N.", Jean-Noël's)
_SPACED_INITIALS = re.compile(r"^(?:[A-Z](?:\.[\s-]*|-)){0,3}[A-Z]\.?$")
# A. · A.M · F.-M (a final dot gone) · X-Y (hyphened, no dots)
_DOTTED_INITIALS = re.compile(r"^(?:[A-Z]\.-?){1,4}[A-Z]?$|^[A-Z](?:-[A-Z]){1,3}$")


def _initials(word: str) -> bool:
    """Whether ``word`` is initials: ``WM``, ``P``, or with periods or hyphens ``A.M``,
    ``F.-M``, ``X-Y`` (Bykov A.M., POUPEAU F.-M., Wang X-Y)."""
    return bool(_VANCOUVER.match(word) or _DOTTED_INITIALS.match(word))


def _initials_after(word: str) -> bool:
    """Whether ``word`` is the initials a family-first name puts after the family name (of
    capitals alone, three at most)."""
    return _initials(word) and (len(word) <= 3 or not _VANCOUVER.match(word))


def _words_but_particles(name: str) -> int:
    """How many words ``name`` has, its particles in lower case not counted ("López de la
    Cruz" is two)."""
    return sum(1 for w in name.split() if not (w.islower() and w in _PARTICLES))


def _four_initials_after(words: list[str]) -> bool:
    """Vancouver's four initials after a family name not in capitals ("Aerts HJWL"), which
    :func:`_initials_after` leaves out of a name written all in capitals ("ZHANG WEIS" is no
    family name and initials)."""
    return len(words) == 2 and len(words[1]) == 4 and bool(_VANCOUVER.match(words[1])) and \
        words[0][:1].isupper() and not words[0].isupper() and words[0].isalpha()


_SUFFIX = {"jr", "sr", "ii", "iii", "iv", "2nd", "3rd"}
_ELLIPSIS = re.compile(r"\s*,?\s*(?:\.\s?\.\s?\.|…)\s*,?\s*")
# (a roman "II", "III", "IV" only after dotted initials, "Smith, J. A., III": undotted, they
# are a Russian name's initials, "Ivanov, II, Petrov, AA")
_SUFFIX_APART = re.compile(r",\s*(Jr\.?|Sr\.?|2nd|3rd)(?=\s*(?:,\s|&|\band\b|$))"
                           r"|(?<=\b[A-Z]\.),\s*(II|III|IV)(?=\s*(?:,\s|&|\band\b|$))")
_COMPANY = {"inc", "ltd", "llc", "co", "corp", "gmbh", "plc"}
_ORG_WORDS = {"association", "center", "centre", "committee", "council", "department",
              "group", "institute", "organization", "organisation", "society", "university",
              "office", "agency", "board", "bureau", "inc", "ltd", "corporation", "foundation",
              "ministry", "commission", "service", "library", "nations", "administration",
              "consultation", "survey",
              # ... and their words in other languages (ABNT's "INSTITUTO BRASILEIRO DE
              # GEOGRAFIA E ESTATÍSTICA", "Bundesamt für Statistik")
              "instituto", "institut", "istituto", "universidade", "universidad",
              "università", "universität", "université", "ministério", "ministerio",
              "ministero", "ministère", "ministerium", "fundação", "fundación",
              "fondazione", "stiftung", "associação", "asociación", "associazione",
              "gesellschaft", "verband", "sociedade", "sociedad", "società", "société",
              "conselho", "consejo", "consiglio", "conseil", "comissão", "comisión",
              "commissione", "agência", "agencia", "agenzia", "agence", "bundesamt",
              "secretaria", "organização", "organización", "organizzazione", "zentrum",
              # (a museum, an archive: "Museum of London", "National Archives"; not a
              # gallery: Gallery is a family name too)
              "museum", "museo", "musée", "museu", "archives", "archiv"}


# a body named for what it is of ("Friends of the Earth", "Daughters of the American
# Revolution"): no person's name runs "of the" between its capitalised words ("Joan of Arc" has
# no "the")
_OF_THE = re.compile(r"^[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*\sof\sthe\s[A-Z]")


# the letters only Vietnamese writes (its tones under a vowel, its horned and barred letters): a
# Vietnamese name in them is written family name first, "Phạm Văn Đồng", "Lê Thị Hoa"
_VIETNAMESE = re.compile("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơưẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎ"
                         "ỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸĐƠƯ]")


# the Irish particles a family name opens with, one a capital alone ("Ó Súilleabháin P", "Ní
# Bhriain A"): no initial
_IRISH_PARTICLES = frozenset({"Ó", "Ní", "Nic", "Mac", "Mhic", "Uí", "Ua"})


_ENDS_DOTTED = re.compile(r"(?:^|\s)[A-Z]\.(?:\s?-?[A-Z]\.){1,3}$")


# GB/T 7714's mark of a foreign author's country before the name: "[美]马斯洛", "（英）霍布斯鲍姆"
_COUNTRY_MARK = re.compile(
    r"^[\[（(〔【]\s*(?:美|英|法|德|日|俄|苏|意|加|澳|荷|奥|印|韩|朝|以|西|葡|丹|挪|芬|瑞典|瑞士|比|波|"
    r"捷|匈|希|爱尔兰|新西兰|新加坡|古希腊|古罗马)\s*[\]）)〕】]\s*(?=\S)")


# the dynasties a note marks an old author with ("（清）顾炎武"): a Chinese name, read as one;
# any other mark is a foreign author's country ("[英]哈特"), which keeps the name whole
_DYNASTIES = frozenset(["先秦", "秦", "汉", "西汉", "东汉", "三国", "魏", "蜀", "吴", "晋",
                        "西晋", "东晋", "南朝", "北朝", "宋", "齐", "梁", "陈", "北魏", "北齐",
                        "北周", "隋", "唐", "五代", "后唐", "辽", "北宋", "南宋", "金", "元",
                        "明", "清", "民国"])
# ... before the name, in GB/T 7714 as in notes ("[清]段玉裁", "(宋)朱熹"; its opening bracket
# perhaps cut off with the entry's number): no part of the name, which is a Chinese one
_DYNASTY_NAMES = "|".join(sorted(_DYNASTIES, key=len, reverse=True))  # (the longest first)
_DYNASTY_MARK = re.compile(rf"^[\[（(〔【]?\s*(?:{_DYNASTY_NAMES})\s*[\]）)〕】]\s*"
                           r"(?=[\u4e00-\u9fff])")


# a foreign family name written in Chinese, the given names' initials after it in Latin, as
# GB/T 7714 writes a translated book's author ("斯科特 J C", "格兰诺维特 M")
_TRANSLATED_NAME_THEN_INITIALS = re.compile(r"(?P<family>[\u4e00-\u9fff·]{2,10})\s?"
                                            r"(?P<initials>(?:[A-Z]\.?\s?){1,3})")


def _person(part: str, given: str | None = None) -> dict[str, str] | None:
    """One name as CSL: ``Murray WM`` / ``W. M. Murray`` / ``Murray, W. M.`` (given passed)."""
    part = part.strip(" ,;&")
    # a full stop ends the name unless it is the last of dotted initials ("Bykov A.M.")
    part = part if _ENDS_DOTTED.search(part) else part.rstrip(" .")
    if not part:
        return None
    if given is not None:
        return {"family": part, "given": given.strip(" ,;")}
    dynasty = _DYNASTY_MARK.match(part)
    if dynasty and _all_han(part[dynasty.end():]):  # a Chinese name, as one unmarked is read
        return _cjk_person(part[dynasty.end():])
    translated = _TRANSLATED_NAME_THEN_INITIALS.fullmatch(part)
    if translated:  # GB/T's foreign author in Chinese, his initials after: "斯科特 J C"
        return {"family": translated["family"], "given": translated["initials"].strip()}
    marked = _COUNTRY_MARK.match(part)
    if marked and _has_cjk(part):  # a foreign name, whole: "[美]马斯洛" is 马斯洛, not 马 + 斯洛
        return {"family": part[marked.end():]}
    words = part.split()
    if len(words) == 1:
        return {"literal": part} if _has_cjk(part) else {"family": part, "given": ""}
    if {w.casefold().strip(".,") for w in words} & _ORG_WORDS or _GROUP_AUTHOR.search(part) \
            or _OF_THE.search(part):
        return {"literal": part}  # "TRACERx Consortium, Jamal-Hanjani M, …"
    if _VIETNAMESE.search(part) and all(re.fullmatch(r"[^\W\d_]{2,}", w) and w[0].isupper()
                                        for w in words):
        return {"family": words[0], "given": " ".join(words[1:])}  # "Phạm Văn Đồng"
    if words[-1].casefold().strip(".") in _SUFFIX and len(words) > 2:
        core, suffix = words[:-1], " " + words[-1]
    else:
        core, suffix = words, ""
    if _four_initials_after(core):
        return {"family": core[0], "given": core[1] + suffix}
    # (a family name opening with its particles in capitals, as GB/T 7714 prints it: "VAN DER
    # MAATEN L", whose "VAN" and "DER" are no initials)
    particles = len(core) > 2 and core[0].isupper() and core[0].casefold() in _PARTICLES
    if _initials(core[-1]) and (not _initials(core[0]) or core[0] in _IRISH_PARTICLES
                                or particles) or (
            len(core) > 1 and all(_VANCOUVER.match(w) and len(w) <= 2 for w in core[1:])
            and len(core[0]) > 2) or _capitals_then_initials(core):
        # Vancouver / GB/T: family first, initials after ("Murray WM", "PEEBLES P Z",
        # "Bykov A.M.")
        # (after the particles, the family name's own word, however short: "VAN ECK N J";
        # initials after it that spell a particle are initials: "VAN DEN BERG DA")
        own = next((k for k in range(1, len(core)) if core[k].casefold() not in _PARTICLES),
                   len(core)) if particles else 0
        first_given = next(i for i in range(own + 1, len(core) + 1)
                           if i == len(core) or _initials_after(core[i]))
        return {"family": " ".join(core[:first_given]),
                "given": " ".join(core[first_given:]) + suffix}
    if _ROMANISED_GIVEN_AFTER.fullmatch(" ".join(core)):  # "Choi Jang-jip", "Mao Tse-tung"
        return {"family": core[0], "given": core[1] + suffix}
    family_first = _capitals_then_given(core)
    if family_first:  # GB/T 7714's "ZHANG San", "KNOLL Alois", "DE GAULLE Charles"
        return {"family": " ".join(core[:family_first]),
                "given": " ".join(core[family_first:]) + suffix}
    # "Given Middle Family" (particles such as van/de stay with the family name; after
    # initials alone, capitalised too: "E. Di Nezza", "J. Van der Waals", as mathematics and
    # physics print them)
    if len(core) > 2 and all(w.casefold() in _GIVEN_FIRST_PARTICLES and w.istitle()
                             for w in core[:-1]):  # "Van Der Waals" alone (not "Di Wu", "Le
        return {"family": " ".join(core), "given": suffix.strip()}  # Song": a given name)
    if len(core) > 3 and all(_INITIAL.fullmatch(w) for w in core[:-3]) and \
            core[-2] in _IBERIAN_PARTICLES and core[-1].istitle() and \
            _IBERIAN_FAMILY.fullmatch(core[-3]) and core[-3] not in _GIVEN_NAMES:
        # after initials alone, a Spanish or Portuguese family name of two joined by a
        # particle: "F. J. García de Abajo", "J. M. Pérez del Río" (not a given name before
        # the particle: "H. Peter de Vries", "J. Pieter van Dijk")
        return {"family": " ".join(core[-3:]), "given": " ".join(core[:-3]) + suffix}
    k = len(core) - 1
    capitalised = all(_INITIAL.fullmatch(w) or w.casefold() in _GIVEN_FIRST_PARTICLES
                      for w in core[:-1]) and any(_INITIAL.fullmatch(w) for w in core[:-1])
    while k > 0 and (core[k - 1].islower() or capitalised and k > 1) and \
            core[k - 1].casefold() in _GIVEN_FIRST_PARTICLES:
        k -= 1
    return {"family": " ".join(core[k:]), "given": " ".join(core[:k]) + suffix}


_IBERIAN_PARTICLES = frozenset({"de", "del", "da", "do", "dos", "das"})
# (a Spanish or Portuguese family name: accented, or ending as patronymics do, "-ez", "-es")
_IBERIAN_FAMILY = re.compile(r"[A-ZÀ-Þ](?=[^\W\d_]*[áéíóúãõçñ]|[^\W\d_]*(?:ez|es|az|os)$)"
                             r"[^\W\d_]+")
_GIVEN_FIRST_PARTICLES = frozenset({"van", "von", "de", "der", "den", "la", "le", "du", "di",
                                    "da", "del", "della", "dos", "ter", "'t", "’t"})
_INITIAL = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)?")  # "E.", "J.-P.", "J.P." (one given name's)


# a Korean or a Wade-Giles Chinese name romanised family name first, its given name's two
# syllables hyphened, the second in lower case ("Choi Jang-jip", "Yi Kwang-su", "Chiang
# Kai-shek"; a Western double given name capitalises both: "Jean-Paul Sartre")
# (not an Arabic family name's article: "Ahmed Al-masri", "Omar El-sayed")
_ROMANISED_GIVEN_AFTER = re.compile(
    r"[A-Z][a-z]{0,5}(?:['’][a-z]{1,3})? (?!(?:Al|El|Ul|Abu|Ibn|Bin|Ben|Abd|Ait)-)"
    r"[A-Z][a-z]{0,6}['’]?[a-z]{0,4}-[a-z]{1,6}")


def _capitals_then_initials(words: list[str]) -> bool:
    """GB/T 7714's ``LI P Q``, ``WU Y``, ``KIM J-H``: a family name in capitals, however
    short, then its initials as single capitals (or hyphened, as a Korean given name's two
    syllables are: ``J-H``); not initials run together then a family name (``JB Y`` is no
    name either way, and ``J SMITH`` has no initial after its family name)."""
    first, rest = words[0], [w.rstrip(".") for w in words[1:]]
    return (len(words) > 1 and len(first) >= 2 and first.isalpha() and first.isupper()
            and all(re.fullmatch(r"[A-Z](?:-[A-Z])?", w) for w in rest))


# a Hanyu Pinyin syllable, its tone unmarked ("zhang", "xiao", "lü" written "lv" or "lu")
_SYLLABLE = (r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
             r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|"
             r"iu|ua|uo|ue|ui|er|a|o|e|i|u|v|ü)")
# a name written in pinyin: syllables, perhaps joined by a hyphen or an apostrophe
# ("Xiaoming", "Xiao-ming", "Xi'an")
_PINYIN = re.compile(rf"(?:{_SYLLABLE})+(?:[-'’](?:{_SYLLABLE})+)*", re.I)
# the commonest Chinese surnames in pinyin (a name of two pinyin words that begins with one
# is family-first where GB/T 7714 is followed: "Wang Shaoguang", "Xu Xian-xiang")
PINYIN_SURNAMES = frozenset({
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
    "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang",
    "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "yuan", "pan", "yu",
    "jiang", "cai", "du", "ye", "cheng", "su", "wei", "lv", "lu", "ding", "ren", "shen", "yao",
    "cui", "zhong", "tan", "fan", "jin", "shi", "liao", "jia", "xia", "fu", "fang", "bai", "zou",
    "meng", "xiong", "qin", "qiu", "yin", "xue", "yan", "duan", "lei", "hou", "long", "tao", "gu",
    "mao", "hao", "gong", "shao", "wan", "qian", "wen", "kang", "niu", "ge", "xing", "an", "qi",
    "yi", "qiao", "pang", "ni", "zhuang", "nie", "yue", "zhai", "zhan", "ou", "geng", "guan",
    "lan", "jiao", "zuo", "gan", "bao", "ning", "shang", "shu", "ruan", "ke", "ji", "mei", "tong",
    "ling", "bi", "shan", "pei", "huo", "tu", "miao", "sheng", "qu", "weng", "ran", "you", "xin",
    "chai", "hua", "pu", "teng", "rao", "mu", "ai", "nong", "si", "zhuo", "jian", "che", "xiang",
    "lian", "mai", "chu", "lou", "dou", "cen", "jing", "dang", "fei", "bu", "leng", "xi", "mi",
    "zong", "gui", "quan", "ying", "zang", "min", "gou", "bian", "luan", "sui", "diao", "sha",
    "rong", "kou", "sang", "lang", "zhen", "cong", "ao", "ming", "she", "chi", "cha", "kuang",
    "ouyang", "sima", "zhuge", "shangguan", "situ"
})
_NAMES_JOINS = re.compile(r"[-'’]")  # (what joins the parts of one name: "Xiao-ming", "O'NEIL")


def _given_word(word: str) -> bool:
    """A given name as GB/T 7714 writes it after the family name in capitals: capitalised,
    not all capitals, in any letters with case ("San", "Xiao-ming", "Alois", "Hélène",
    "Ayşe", "Małgorzata")."""
    first, *rest = _NAMES_JOINS.split(word)
    return len(first) >= 2 and first.isalpha() and first[0].isupper() and \
        first[1:].islower() and all(part.isalpha() and (len(part) == 1 or part[1:].islower())
                                    for part in rest)


def _capitals_word(word: str) -> bool:
    """... and the family name before it: capitals, two or more a part ("OUYANG",
    "SMITH-JONES", "ÖZTÜRK"; "X-Y" is initials)."""
    return all(len(part) >= 2 and part.isalpha() and part.isupper()
               for part in _NAMES_JOINS.split(word))


def _capitals_then_given(words: list[str]) -> int:
    """How many words open a name as GB/T 7714 writes a romanised one, its family name in
    capitals before the given name (``ZHANG San``, ``CHEN Lili``, ``KNOLL Alois``, ``DE
    GAULLE Charles``); 0 for any other shape. A family name of two or three capitals is
    also how Google Scholar writes initials (``GE Hinton``, ``AJP Taylor``): it is a family
    name only where it and the given name after it are both pinyin (``LI Si``, ``LIU
    Yang``)."""
    k = 0
    while k < len(words) and _capitals_word(words[k]):
        k += 1
    if not 0 < k < len(words) or not all(_given_word(w) for w in words[k:]):
        return 0
    if k == 1 and len(words[0]) <= 3 and not (
            _PINYIN.fullmatch(words[0]) and all(_PINYIN.fullmatch(w) for w in words[1:])):
        return 0
    return k


# Given names common among the authors Western styles cite, for the one form a name's shape
# cannot tell: MLA's first author and "et al." ("Cardis, Elisabeth, et al."), which is also
# how a post lists two family names ("Vanderhill, Joireman, et al.")
_GIVEN_NAMES = frozenset((  # noqa: SIM905 - 498 names read as words, not quoted
    "Aaron Adam Adrian Adriana Adrienne Agnes Ahmed Akira Alan Albert Alberto Alejandro "
    "Aleksandr Alessandro Alex Alexander Alexandra Alexandre Alexei Alfred Ali Alice Alicia "
    "Alison Allan Allen Amanda Amit Amy Ana Anders Andrea Andreas Andrew Andrés Andy Angela "
    "Angelo Ann Anna Anne Annie Anthony Antoine Anton Antonio Arjun Arthur Axel Barbara "
    "Beatriz Ben Benedetto Benjamin Bernard Bernd Beth Betty Bill Bob Boris Brenda Brian "
    "Bruce Bruno Camila Carl Carla Carlo Carlos Carmen Carol Caroline Catherine Cesare "
    "Charles Charlotte Chimamanda Chinua Chris Christian Christina Christine Christopher "
    "Claire Clara Claude Claudia Colin Daniel Daniela David Deborah Dennis Diana Diane Diego "
    "Dieter Dmitri Dominique Donald Donna Doris Dorothy Douglas Eduardo Edward Eleanor Elena "
    "Elisabeth Elizabeth Ellen Elsa Emily Emma Enrique Eric Erik Ernst Eva Evelyn Fatima "
    "Fernanda Fernando Francesca Francesco Francis Francisco Frank Franz François Frederick "
    "Fredric Friedrich Félix Gabriel Gabriela Gary Gayatri Georg George Gerald Gerhard Gilles "
    "Giorgio Giovanni Giuseppe Gloria Grace Gregory Guillermo Gustavo Günter Hannah Hans "
    "Harold Harry Haruki Hassan Heinrich Heinz Helen Helena Helmut Henri Henry Herbert "
    "Hermann Hiroshi Homi Howard Hélène Ian Igor Inés Irene Iris Isabel Isabelle Italo Ivan "
    "Jack Jacob Jacques James Jan Jane Janet Jason Javier Jean Jeffrey Jennifer Jens Jessica "
    "Joan Joanna Joe John Jonathan Jorge Josef Joseph Joshua José Juan Judith Julia Julian "
    "Juliana Julie Julio Jürgen Karen Karin Karl Kate Katherine Kathleen Kenji Kenneth Kevin "
    "Klaus Kurt Larry Laura Lauren Lawrence Leo Leonard Linda Lisa Louis Louise Lucas Luce "
    "Lucia Ludwig Luis Luisa Marcelo Marcos Margaret Maria Mariana Marie Marina Mario Mark "
    "Martha Martin Mary Massimo Mateus Matthew Matthias Maurice Max Michael Michel Michelle "
    "Miguel Mikhail Mohammed Muhammad Nancy Natalia Nicholas Nicolas Niklas Norbert Octavio "
    "Olga Olivia Omar Orhan Oscar Pablo Patricia Patrick Paul Paula Paulo Pedro Peter Philip "
    "Philippe Pierre Primo Priya Rachel Rafael Raj Ralph Ravi Raymond Rebecca Reinhart Renata "
    "Ricardo Richard Robert Roberto Rodrigo Roger Roland Ronald Rosa Rosalind Ruth Ryan "
    "Salman Samuel Sandra Sara Sarah Satoshi Scott Sean Sebastian Sergei Sergio Seyla Sharon "
    "Siegfried Simon Simone Slavoj Sophie Stefan Stephen Steven Stuart Susan Sylvia Takashi "
    "Tatiana Teresa Terry Theodor Thomas Timothy Toni Tony Toril Ulrich Umberto Ursula "
    "Valerie Victor Vincent Virginia Vladimir Walter Werner Wilhelm William Wole Wolfgang "
    "Yuki Yuri Zadie Zoe Zygmunt "
    # (and the commonest given names of authors from other countries, none as often a family
    # name: "Lindgren, Sofia, et al." named a person, not two)
    "Sofia Sophia Sofie Rania Jeanette Lionel Leila Layla Yasmin Yasmine Aisha Amina "
    "Nadia Samira Mehmet Ayşe Emre Elif Zeynep Ingrid Astrid Sigrid "
    "Freya Linnea Elin Maja Nils Sven Björn Henrik Mikael Mikkel Søren Katarina "
    "Katharina Kristina Kirsten Birgit Ulrike Heike Uwe Dirk Sabine Petra Monika Gisela "
    "Renate Agnieszka Katarzyna Małgorzata Krzysztof Piotr Tomasz Paweł Marek Svetlana Irina "
    "Ekaterina Yulia Sergey Dmitry Oleg Andrei Alexey Nikolai Giulia Chiara Federica Silvia "
    "Alessandra Matteo Paolo Stefano Lucía Sofía Valentina Isabella Joaquim João "
    "Thiago Tiago Amélie Chloé Élodie Mathilde Léa Manon Aurélie Émilie "
    "Sébastien Anneke Femke Sanne Lotte Joost Pieter Wouter Anjali "
    "Deepa Lakshmi Rahul Sanjay Vikram Rajesh Suresh Ananya Kwame Kofi Chidi Ngozi Chiamaka "
    "Oluwaseun Adebayo Tunde Bisola Takeshi Haruka Yuko Naoko Keiko Hideo "
    # (not those that are family names as often: Perry, Hayden, Benedict, Clifford…)
    "Amartya Dipesh Erving Immanuel Jared Lev Partha Ranajit Talcott Theda Tzvetan Yuval "
    "Émile").split())


# a given name's shape: a capitalised word of three letters or more, or two hyphenated
# ("Néstor", "Jean-Pierre")
_GIVEN_SHAPE = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]{2,}(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?")


# Characters the Xinhua rules for transliterating foreign names are built from (哈里森 Harrison,
# 沃尔德伦 Waldron). A name of three or more of them that does not begin with a Chinese surname
# is a foreign family name, printed alone as GB/T 7714 prints it: not split into 哈 + 里森.
_TRANSLITERATION = set(
    "阿埃艾爱安昂奥巴拜班邦贝本比彼宾波伯博布查达戴丹道德迪蒂丁东杜多厄恩法菲费芬丰弗福富盖"
    "冈戈格根贡古瓜哈海汉豪赫亨胡霍基吉加杰卡凯坎康科克肯库夸奎拉莱赖朗劳勒雷里利莉琳隆卢"
    "伦洛玛迈曼门米敏默姆纳奈内尼涅纽努诺帕派佩皮珀普奇恰切琼萨塞瑟森沙舍圣什斯松索塔泰"
    "特提图托瓦威维沃乌西希休雅亚扬耶伊因约泽扎兹佐尔夫娃娜莎丝黛")


# a body's short name, of a Chinese name's length: a ministry, commission, bureau,
# administration or department whose first character is no surname (教育部, 发改委, 统计局,
# 海关总署: a person's given name rarely ends so, but "王立委" may be one), and the bodies
# cited most whose first character is one or that end otherwise
_SHORT_BODY = re.compile(r"[\u4e00-\u9fff]{2,3}[部委局署厅]")
_SHORT_BODIES = frozenset({
    "国务院", "中共中央", "全国人大", "新华社", "新华网", "人民日报", "人民网", "央视",
    "央行", "中国人民银行", "人民银行", "中科院", "社科院", "工程院", "证监会", "银保监会",
    "保监会", "银监会", "国资委", "卫健委", "商务部", "文化部", "农业部", "卫生部", "司法部",
    "公安部", "国防部", "水利部", "审计署", "海关总署", "最高法", "最高检", "统计局"})


def _cjk_person(name: str) -> dict[str, str]:
    """A Chinese personal name is family (first character, or a compound surname) + given; a
    transliterated foreign name is a family name alone; a longer run (an organisation), or a
    body's short name, stays literal."""
    if name in _SHORT_BODIES or _SHORT_BODY.fullmatch(name) and name[0] not in _SURNAMES:
        return {"literal": name}
    if (len(name) >= 3 and name[0] not in _SURNAMES and name[:2] not in _COMPOUND_SURNAMES
            and all(ch in _TRANSLITERATION for ch in name)):
        return {"family": name}
    if 2 <= len(name) <= 4 and _all_han(name):
        cut = 2 if name[:2] in _COMPOUND_SURNAMES and len(name) > 2 else 1
        return {"family": name[:cut], "given": name[cut:]}
    return {"literal": name}


# a name in kanji, as Japanese lists join them with "・" (a katakana name's own "・" is no
# join: "ミシェル・フーコー")
_KANJI_NAME = re.compile(r"[\u4e00-\u9fff々]{2,8}")


# a name a PDF broke at a line's end, its hyphen and the space left ("Schmidt-Linsen- hoff",
# "Hoffmann- Axthelm", "Mur- phy"): one name, the hyphen the name's own only before a capital
_NAME_BROKEN_AT_A_LINE = re.compile(r"(?<=[^\W\d_A-Z])- (?=(?P<next>[^\W\d_])[^\W\d_])")


def _joined(found: re.Match[str]) -> str:
    return "-" if found["next"].isupper() else ""


# a body named for several fields, the commas among them its name's: "National Academies of
# Sciences, Engineering, and Medicine", "Ministry of Land, Infrastructure, Transport, and
# Tourism (MLIT)"
_BODY_OF_SEVERAL_FIELDS = re.compile(
    r"(?:The\s)?(?:[A-Z][\w-]*\s){0,3}(?:Academ(?:y|ies)|Ministry|Department|Institutes?|Council|"
    r"Commission|Agency|Office|School|Faculty|College|Society|Foundation)\s+(?:of|for)\s+"
    r"[A-Z][\w-]*(?:,\s[A-Z][\w-]*){1,5},?\s(?:and|&)\s[A-Z][\w-]*(?:\s\([A-Z]{2,8}\))?")


# what Chinese names are, after the last of them, a word and no name ("钱伟长, 主编.", "王明
# 编著"): the editors' or translators' role
# (parted from them: "金编" may be a name)
_CJK_ROLE_AFTER_THE_NAMES = re.compile(r"(?<=[\u4e00-\u9fff])(?:\s*[,，、]\s*|\s+)"
                                       r"(?:主编|编著|编译|合编|编|译|等编)\s*[.．。]?\s*$")


# ... and after Latin names, Vancouver's "Bennett JE, Dolin R, Blaser MJ, editors." (the
# names are the book's, read as its authors, as an APA "(Eds.)" after them is)
_ROLE_AFTER_THE_NAMES = re.compile(r"(?<=[^\W\d_]|\.),\s*(?:editors?|eds\.)\s*\.?\s*$", re.I)
# ... and in brackets, as French, German, Spanish and Portuguese print it ("Mercier, Paul et
# Sophie Lanvin (dir.)", "(éds.)", "(Hrsg.)", "(coord.)", "(org.)"), its full stop or bracket
# perhaps left out of the names' span
_BRACKETED_ROLE_AFTER_THE_NAMES = re.compile(
    r"(?<=[^\W\d_]|\.)\s*\((?:dir|[ée]ds?|hrsg|coords?|orgs?|comps?)\.?\)?\s*$", re.I)


# an initial run into the name after it, as a PDF's text loses the space ("H.Takeda,R.Oliveira")
_INITIAL_GLUED_TO_A_NAME = re.compile(r"(?<![^\W\d_])([A-Z]\.)(?=[A-Z][a-z])")


def split_authors(span: str) -> list[dict[str, str]]:
    """Persons of an author span, in printed order, in CSL-JSON (family/given or literal).

    Every name word of the span is kept (the scorer, like a human reader, checks the names
    printed), "et al." / 等 stop the list, and the common shapes are recognised: "Family, G.,
    Family, G. & Family, G.", "G. Family, G. Family, and G. Family", Vancouver "Family GW,
    Family X", "Family, Given, and Given Family", and CJK names separated by commas or 、.
    """
    span = _CJK_ROLE_AFTER_THE_NAMES.sub("", _NO_DATE_YET.sub("", span))
    span = _BRACKETED_ROLE_AFTER_THE_NAMES.sub("", _ROLE_AFTER_THE_NAMES.sub("", span))
    span = _INITIAL_GLUED_TO_A_NAME.sub(r"\1 ", span)
    if _BODY_OF_SEVERAL_FIELDS.fullmatch(span.strip(" .")):
        return [{"literal": span.strip(" .")}]
    if "・" in span and all(_KANJI_NAME.fullmatch(p.strip()) for p in span.split("・")):
        span = "、".join(p.strip() for p in span.split("・"))  # Japanese "佐藤健一・鈴木花子"
    persons = []
    for p in _split_authors(span):
        p = {k: _NAME_BROKEN_AT_A_LINE.sub(_joined, v.strip()) for k, v in p.items()
             if v and v.strip()}
        if re.search(r"[^\W\d_]{3,}\.$", p.get("given", "")):
            p["given"] = p["given"][:-1]  # "Rishtee Kumar." -> "Rishtee Kumar"
        if p.get("family") in ("in", "In") and not p.get("given"):
            continue  # the "in" before a work with no title ("K. Oyama, in Proceedings …")
        if p.get("literal", "").startswith("["):  # "A. Tumasyan et al. [CMS Collaboration]"
            p["literal"] = p["literal"].strip("[] ")
        if p.get("family") or p.get("literal"):
            persons.append(p)
        elif p.get("given"):
            persons.append({"family": p["given"]})
    return persons


# what stands where a work's year would, for one not out yet, after the names the tagger
# ran into it: Chicago's "Kim, Soo-jin, and Daniel Ortega. Forthcoming."
_NO_DATE_YET = re.compile(r"[.,]?\s*\b(?:forthcoming|in\s+press|under\s+review)\.?\s*$", re.I)


# the words that make an author with no comma in it a body, not persons ("COVID-19 Host
# Genetics Initiative", "EFSA Panel on Food Additives and Nutrient Sources added to Food")
_GROUP_AUTHOR = re.compile(
    r"\b(?:initiative|consortium|panel|committee|collaborat\w*|network|society|association|"
    # a project's contributors ("PyTorch Contributors", "OpenStreetMap contributors"), a
    # country's office of statistics ("Statistics Norway", "Statistics Canada")
    r"(?<=\w\s)contributors$|^statistics\s(?-i:[A-Z][a-z]+)$|"
    # a trust, named last after what it is for ("National Trust", "Wellcome Trust", "Pew
    # Charitable Trusts"; not a person named Trust: "Mary Trust"); a
    # programme ("Demographic and Health Surveys Program"); the heritage bodies named after
    # their country ("Historic England", "Natural England", "Historic Environment Scotland",
    # "English Heritage")
    r"(?:national|wellcome|charitable|nuffield|leverhulme|carnegie|wildlife|woodland|heritage|"
    r"housing|nhs|health|research|educational|community|land|conservation|foundation|"
    r"rowntree|kennedy|resolution)\s+trusts?$|(?<=\w\s)program(?:me)?$|"
    r"^(?:historic|natural)\s(?:england|environment\sscotland)$|^english\sheritage$|"
    # (a British charity named for its cause and the country: "Cancer Research UK", "Versus
    # Arthritis UK"; two words at least before it, as "Smith UK" is Vancouver's initials)
    r"^(?-i:(?:[A-Z][a-z'’]+\s){2,4}UK)$|"
    # (a gallery by its kind or its place: "National Gallery", "Art Gallery of Ontario")
    r"\bnational\sgallery\b|\bart\sgallery\b|\bgallery\sof\s|"
    r"organi[sz]ation|investigators|task force|working party|council|agency|authority|"
    r"institute|foundation|alliance|federation|commission|"
    # (a foundation in other languages: "Fondation Jean-Jaurès", "Fundación Ortega y Gasset",
    # "Bertelsmann Stiftung")
    r"fondation|fundaci[oó]n|funda[cç][aã]o|fondazione|stiftung|"
    # a team ("the Opportunity Insights Team", "R Core Team", "WHO Ebola Response Team")
    r"team|institution|department|ministry|bureau|international$|academ(?:y|ies)|"
    r"public\s+health|(?-i:[A-Z][\w-]*\sGroup\b)|"
    # a news organisation ("BBC News", "The New York Times", "China Central Television")
    r"(?<=[\w.]\s)(?:news|times)\b|^(?:the\s)?(?:times|news)\s(?:of|higher|corp)\b|"
    r"broadcasting|television|"
    r"(?:study|working|writing|research|collaborative|trial|cooperative|expert|consensus) "
    r"group|subgroup|(?:monetary|wildlife|children's|population|investment)\s+fund|"
    # a centre "for" or "of" something, a bank by what it is ("Centers for Disease Control
    # and Prevention", "World Bank", "Bank of England"; not a person named Bank or Center)
    r"cent(?:er|re)s?\s+(?:for|of)|bank\s+(?:of|for)|"
    r"(?:world|development|central|reserve|investment|national|people'?s)\s+bank)\b",
    re.I)


# the words that say the authors wrote for a group ("for the GTEx Consortium", "on behalf of
# the RECOVERY Collaborative Group"): no part of the group's name
_ON_BEHALF = r"(?:for|on\s+behalf\s+of)\s+(?:the\s+)?"
_ON_BEHALF_OF = re.compile(rf"^{_ON_BEHALF}", re.I)
# what introduces a group named after "et al." ("…, et al; TRACERx Consortium", "et al., for
# the GTEx Consortium", "et al. on behalf of the … Study Group", "et al. and the …")
_GROUP_AFTER = re.compile(rf"^[\s.,;:]*(?:{_ON_BEHALF}|and\s+(?:the\s+)?)?", re.I)


# NLM's body named with its country and then its part: "Institute of Medicine (US) Committee
# on Quality of Health Care in America", "National Research Council (US) Panel on …"
_COUNTRY_THEN_PART = re.compile(r"\([A-Z]{2,3}\)$")
_PART_OF_A_BODY = re.compile(r"(?:Sub)?(?:[Cc]ommittee|Panel|Board|Council|Commission|Division|"
                             r"Working Group|Task Force|Section|Roundtable|Forum) (?:on|for|of)"
                             r" (?:the )?[A-Z][^.]{1,200}\.\s")


def _committee_after_the_country(item: dict[str, Any], text: str) -> None:
    """The part of such a body that the tagger read into the title, the author's again."""
    authors = item.get("author") or []
    if len(authors) != 1 or not _COUNTRY_THEN_PART.search(authors[0].get("literal", "")):
        return
    body = authors[0]["literal"]
    title = str(item.get("title") or "")
    part = _PART_OF_A_BODY.match(title + " ")
    if part is None or not text.startswith(f"{body} {part.group(0).strip()}"):
        return
    rest = title[part.end():].strip()
    if rest:
        item["author"] = [{"literal": f"{body} {part.group(0).strip().rstrip('.')}"}]
        item["title"] = rest


def _group_after_etal(rest: str) -> dict[str, str] | None:
    """The group author Vancouver prints after the members and "et al.", as a literal name."""
    name = _GROUP_AFTER.sub("", rest, count=1).strip(" .;,")
    if len(name.split()) >= 2 and _GROUP_AUTHOR.search(name) and not re.search(r"[,;]", name):
        return {"literal": name}
    return None


# the particles that open a family name written first ("van der Berg, J."): lower case or,
# as APA keeps them at the start of an entry, capitalised
_PARTICLES = frozenset({"van", "von", "de", "da", "di", "le", "la", "du", "der", "den", "ter",
                        "te", "del", "della", "dos", "das", "do", "zu", "vander", "ten"})


def _family_then_given(family: str, given: str) -> dict[str, str]:
    """A name written family first, its suffix kept with the given names, as the other
    forms keep it ("Koshland Jr., D. E." as "Koshland, D. E. Jr.")."""
    *words, last = family.split()
    if words and last.casefold().rstrip(".") in _SUFFIX:
        return {"family": " ".join(words), "given": f"{given.strip()} {last}"}
    return {"family": family.strip(), "given": given.strip()}


_AND = r"(?:and|und|et|y|og|och|en|ve)"
_JOINED_FAMILY = re.compile(r"^\s*[A-ZÀ-Þ][a-zß-ÿ]+ y [A-ZÀ-Þ][a-zß-ÿ]+(?=,\s*(?:[A-ZÀ-Þ][a-zß-ÿ]+"
                            r"(?:\s[A-ZÀ-Þ][a-zß-ÿ]+)?|[A-ZÀ-Þ]\.(?:\s?[A-ZÀ-Þ]\.)*)"
                            r"(?:\s*[.,;(]|\s*$))")
_KEPT_Y = "\u2060y\u2060"  # (no white space: no join split at it)


def _split_authors(span: str) -> list[dict[str, str]]:
    pieces = _ETAL.split(span, maxsplit=1)
    if len(pieces) == 2:
        group = _group_after_etal(pieces[1])
        if group:
            return [*_split_authors(pieces[0] + " et al."), group]
    has_etal = len(pieces) == 2
    span = pieces[0]
    span = span.lstrip(" .,;:)]】")  # what a list number left: "[2].Cheng, H." -> "Cheng, H."
    # APA 7's ellipsis for the authors it leaves out before the last: no name ("Li, M., . . .
    # Gao, Z."); a suffix set off by a comma is its name's ("Gates, H. L., Jr., & West, C.",
    # Cell's "Mauck, W.M., 3rd,"), no person of its own: it ends the given names, as a
    # suffix printed without the comma does ("Henderson, D. A. Jr.")
    span = _ELLIPSIS.sub(", ", span)
    span = _SUFFIX_APART.sub(lambda m: " " + (m.group(1) or m.group(2)), span)
    if not has_etal and not re.search(r"[,;、，；]", span) and _GROUP_AUTHOR.search(span) \
            and len(span.split()) >= 2:
        name = span.strip(" .")
        if name.count("(") == name.count(")") + 1 and re.search(r"\(\w+$", name):
            name += ")"  # the tagger leaves the closing bracket of "(ANS)" out
        return [{"literal": name}]
    span = re.sub(r"^(?:by|edited by|eds?\.?)\s+", "", span.strip(), flags=re.I)
    span = re.sub(r"\s*\((?:eds?|hrsg|dir|coord|comp)\.?\)\s*", " ", span, flags=re.I)
    persons: list[dict[str, str]] = []
    if _has_cjk(span):
        parts = [p for p in (p.strip(" .") for p in re.split(r"[,;、，；/]|\s+(?:and|&)\s+",
                                                             span)) if p]
        # Japanese lists: "阿草 清滋, 西 康晴, 沢田 篤史" — family and given name apart, the
        # persons apart by commas (a Chinese list spaced alone is one name a piece)
        pairs = [p.split() for p in parts]
        if len(pairs) > 1 and all(len(pair) == 2 and _all_han(part.replace(" ", ""))
                                  for part, pair in zip(parts, pairs, strict=True)):
            return [{"family": family, "given": given} for family, given in pairs]
        # a list with a name in kana is Japanese ("立田 ルミ, 山田 太郎"): each name written
        # family first, a space before the given name, whatever its script
        japanese = any(KANA.search(part) for part in parts)
        for part in parts:
            pair = part.split()
            if japanese and len(pair) == 2 and all(_all_japanese(word) for word in pair):
                persons.append({"family": pair[0], "given": pair[1]})
                continue
            if _all_han(part.replace(" ", "")) and " " in part:
                for piece in part.split():
                    persons.append(_cjk_person(piece))
            elif _all_han(part):
                persons.append(_cjk_person(part))
            else:
                p = _person(part)
                if p:
                    persons.append(p)
        return persons
    # names parted by semicolons, each its family name, a comma and its given names (ABNT's
    # "ROCHA, Beatriz; LIMA, Paulo Henrique", a German list's slashes read as semicolons): each
    # is one person, whatever its family name looks like ("LIMA" is no initials)
    inverted = [re.sub(rf"^(?:{_AND}\s+|&\s*)|(?<=[^\W\d_]{{2}})\.$", "", piece.strip())
                for piece in span.split(";")]  # (the last: "…; and Zock, M.")
    # (not Vancouver's groups, "Smith JA, Jones KB; Brown C, Davis D": a family name before
    # its initials is no family name alone)
    if len(inverted) > 1 and all(re.fullmatch(r"[^,&]*[^\W\d_][^,&]*,\s*[^\W\d_][^,&]*", piece)
                                 and not re.search(r"\s[A-Z]{1,3}$", piece.split(",")[0])
                                 for piece in inverted):
        return [_family_then_given(*piece.split(",", 1)) for piece in inverted]
    parts = []
    # (the last two names joined by "and" in the reference's language: German, French,
    # Spanish, the Scandinavian languages, Dutch, Turkish; not Portuguese's "e" nor Catalan's
    # and Polish's "i", which join the parts of a family name too: "Ferreira e Silva",
    # "Padró i Miquel")
    # (the other languages' words only in a list of persons, "Family, I.": a body's name
    # holds them, "Rijksinstituut voor Volksgezondheid en Milieu")
    joins = _AND if re.search(r",\s*[A-ZÀ-Þ]\.", span) else r"(?:and|und|et|y)"
    # (a Spanish family name of two joined by "y", before the first comma and a given name
    # of one word: "Ortega y Gasset, José", "Ramón y Cajal, Santiago": kept whole)
    joined = _JOINED_FAMILY.match(span)
    if joined:
        span = joined.group(0).replace(" y ", _KEPT_Y, 1) + span[joined.end():]
    for p in re.split(rf"\s*;\s*|\s*,\s*|\s+{joins}\s+|\s*&\s*", span):
        p = re.sub(rf"^{joins}\s+", "", p.strip().replace(_KEPT_Y, " y "))
        group = _ON_BEHALF_OF.sub("", p, count=1)
        if group != p and _GROUP_AUTHOR.search(group):
            p = group  # "…, on behalf of the ACT Study Group": the group's name
        if not p.strip(" .,"):
            continue
        if p.casefold().strip(".") in _COMPANY and parts:
            parts[-1] += ", " + p  # "Online Computer Library Center, Inc"
        else:
            parts.append(p)
    if has_etal and len(parts) > 1 and all(
            len(p.split()) == 1 and not _INITIALS.match(p) for p in parts):
        if len(parts) == 2 and parts[1].strip(" .") in _GIVEN_NAMES:
            # MLA's "Cardis, Elisabeth, et al.": its first author, family name first
            return [{"family": parts[0].strip(" ."), "given": parts[1].strip(" .")}]
        # "Vanderhill, Joireman, et al.": family names only, not "Family, Given"
        return [{"family": p.strip(" ."), "given": ""} for p in parts]
    # a list that alternates names and their initials ("García Márquez, G., & Vargas Llosa,
    # M."): each name before initials is a family name, of two or three words as much as one
    # (initials of single letters with full stops, and names that end with no initials:
    # Vancouver's "Wang X-Y, Li Z." is two names with their initials)
    # (family names in capitals, their initials dotted, as Elsevier's Harvard prints them:
    # "RITCHIE, M. E., PHIPSON, B., WU, D., HU, Y.", "LI, W., WU, J. & OH, S.": where every
    # initial has its full stop, a short name in capitals without one is no initials)
    in_capitals = len(parts) >= 4 and len(parts) % 2 == 0 and all(
        "." in parts[k] for k in range(1, len(parts), 2)) and all(
        re.fullmatch(r"[A-ZÀ-Þ][A-ZÀ-Þ' -]*", parts[k]) for k in range(0, len(parts), 2))
    alternating = len(parts) >= 2 and len(parts) % 2 == 0 and all(
        _SPACED_INITIALS.match(parts[k]) for k in range(1, len(parts), 2)) and not any(
        _INITIALS.match(last := parts[k].split()[-1]) and not in_capitals and
        last.casefold().rstrip(".") not in _SUFFIX or _words_but_particles(parts[k]) > 3
        for k in range(0, len(parts), 2))
    if alternating:
        return [_family_then_given(parts[k], parts[k + 1]) for k in range(0, len(parts), 2)]
    # a group first, then such a list (astronomy's "Planck Collaboration, Aghanim, N.,
    # Akrami, Y., et al.")
    if len(parts) >= 3 and len(parts) % 2 == 1 and _GROUP_AUTHOR.search(parts[0]) and all(
            _DOTTED_INITIALS.match(parts[k].replace(" ", "")) for k in range(2, len(parts), 2)) \
            and all(re.fullmatch(r"[A-ZÀ-Þ][^\W\d_'’-]+(?:[-'’ ][^\W\d_]+)*", parts[k])
                    for k in range(1, len(parts), 2)):
        return [{"literal": parts[0].strip(" .")}] + [
            _family_then_given(parts[k], parts[k + 1]) for k in range(1, len(parts), 2)]
    i = 0
    inverted_seen = False
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        low_next = nxt.casefold().strip(".") if nxt else ""
        if nxt and low_next in _SUFFIX:
            p = _person(part)
            if p:
                key = "given" if "given" in p else "literal"
                p[key] = (p.get(key, "") + " " + nxt).strip()
                persons.append(p)
            i += 2
            continue
        words = part.split()
        # a family name alone, whose given name is the next part: one word, or one after
        # its particles. In lower case ("van der Berg, Jan", "de la Cruz, Maria") they are
        # never a given name; capitalised ("De Souza", "Di Wu"), they may be one ("Di Wu,
        # Xin Li", "Do Tran, Alex Smith" are two persons each): only when what follows is
        # initials or one word ("De Souza, M.", "De Souza, Maria")
        particles = len(words) > 1 and len(words) <= 4 and all(
            w.casefold() in _PARTICLES for w in words[:-1])
        # the given names after it, without a suffix ("J. A. III" is initials, and a
        # suffix, which is no Vancouver initials "III")
        core = nxt
        if nxt and len(nxt.split()) > 1 and nxt.split()[-1].casefold().rstrip(".") in _SUFFIX:
            core = nxt.rsplit(None, 1)[0]
        single = len(words) == 1 or i == 0 and joined is not None or (particles and (
            words[0].islower() or bool(core) and (
                bool(_INITIALS.match(core)) or len(core.split()) == 1)))
        # Chicago's and MLA's first author, family name first, of two words ("Sánchez Pérez,
        # Ana, and Luis Gómez"): a given name of one word after it, and more names after that,
        # or a known given name alone ("García Márquez, Gabriel.", "Vargas Llosa, Mario.")
        # (a list of these two parts alone: a given name's shape will do, "García Canclini,
        # Néstor", "Pérez-Agote Poveda, Alfonso"; a person and another's family name alone
        # is no list a style prints; not after a known given name, "Reinhart Koselleck, Art.")
        single = single or (i == 0 and len(words) == 2 and nxt is not None and (
            i + 2 < len(parts) or nxt.strip(" .") in _GIVEN_NAMES or len(parts) == 2 and
            _GIVEN_SHAPE.fullmatch(nxt.strip(" .")) is not None and words[0] not in _GIVEN_NAMES)
            and len(nxt.split()) == 1
            and not _INITIALS.match(nxt) and nxt[:1].isupper()
            and all(w[:1].isupper() for w in words)
            and not {w.casefold() for w in words} & _ORG_WORDS and not _GROUP_AUTHOR.search(part)
            and not any(re.fullmatch(r"[A-Z][a-z]+-[a-z]+", w) for w in words))
        # ... or of three, after a capitalised particle ("Le Roy Ladurie, Emmanuel", "De La
        # Cruz, Maria")
        single = single or (i == 0 and len(words) == 3 and len(parts) == 2 and nxt is not None
                            and words[0].casefold() in _PARTICLES
                            and all(w[:1].isupper() for w in words)
                            and not {w.casefold() for w in words} & _ORG_WORDS
                            and not _GROUP_AUTHOR.search(part)
                            and _GIVEN_SHAPE.fullmatch(nxt.strip(" .")) is not None)
        # ... or of words joined by particles in lower case ("Gómez de la Torre, Inés",
        # "Ferreira e Silva, Ana"): a family name whatever follows (one joined by "y" is kept
        # whole above: `joined`)
        # (not initials and a name, "D. H. van Hessem"; nor Vancouver's "Van den Broeck W,
        # Claes J", its initials after the name)
        single = single or (i == 0 and len(words) >= 3 and nxt is not None
                            and not {w.casefold() for w in words} & _ORG_WORDS
                            and re.fullmatch(r"[A-ZÀ-Þ][^\W\d_]+", words[0]) is not None
                            and re.fullmatch(r"[A-ZÀ-Þ][^\W\d_]*[a-zß-ÿ][^\W\d_]*", words[-1])
                            is not None
                            and all(w.casefold() in _PARTICLES or w in ("e", "i")
                                    for w in words[1:-1] if w.islower())
                            and any(w.islower() for w in words[1:-1])
                            # (one given name: "Jan van der Berg, Pieter Jansen" is two persons
                            # written given name first)
                            and re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ'’-]+", nxt.strip(" .")) is not None)
        # ... or opening with its particles in lower case, then two names ("de la Peña
        # Martínez, Ana": a Spanish family name of two, the first with its particles)
        single = single or (i == 0 and 3 <= len(words) <= 5 and nxt is not None
                            and words[0].islower() and words[0] in _PARTICLES
                            and all(w in _PARTICLES for w in words if w.islower())
                            and sum(not w.islower() for w in words) == 2
                            and all(re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ'’-]+", w)
                                    for w in words if not w.islower())
                            and re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ'’-]+", nxt.strip(" .")) is not None)
        if core and single and not _VANCOUVER.match(part) and (
                _INITIALS.match(core) or (inverted_seen or i == 0) and len(core.split()) <= 3
                and not _VANCOUVER.match(core.split()[-1]) and core[:1].isupper()):
            persons.append({"family": part, "given": nxt})
            inverted_seen = True
            i += 2
            continue
        p = _person(part)
        if p:
            persons.append(p)
        i += 1
    return persons


# A name standing first, then its year in brackets, as APA prints a work's author
# ("OpenAI. (2023). GPT-4 Technical Report.", "World Health Organization (2020). …"): up to
# six capitalised words, an organisation's "&" or a hyphen within them
_NAME_BEFORE_THE_YEAR = re.compile(
    r"([A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|for|and|the|&)){0,5})\.?\s*"
    r"\(\s*(?:1[6-9]|20)\d\d[a-z]?\s*\)")

# Persons standing first, family name and initials, then the year in brackets ("Van den
# Broeck, L. (2012).", "De Wit, J., & Peeters, K. (2010)."): a family name the tagger does
# not know, a capitalised particle opening it, left the reference with no author
_PERSON_FIRST = (r"(?:(?:[A-Z][\w'’-]*|van|von|de|der|den|da|di|du|la|le|ter|ten)\s+){0,3}"
                 r"[A-Z][\w'’-]+,\s*[A-Z]\.(?:\s?-?[A-Z]\.){0,3}")
_PERSONS_BEFORE_THE_YEAR = re.compile(
    rf"({_PERSON_FIRST}(?:,?\s*(?:&|and)?\s*{_PERSON_FIRST}){{0,5}})\s*"
    r"\(\s*(?:1[6-9]|20)\d\d[a-z]?\s*\)")


def author_before_the_year(text: str, item: dict[str, Any]) -> dict[str, Any]:
    """``item`` with the author an APA reference names first, before its year in brackets,
    where the tagger gave none: a one-word organisation ("OpenAI.") beside a DOI is read as
    no field, a person whose family name it does not know as none. Not where that opening
    is already the item's title (APA puts a work with no author's title there)."""
    title = item.get("title") or ""
    if item.get("author") or not re.search(r"[^\W\d_]{2}", title) or \
            re.match(r"(?i)(?:https?:|doi|www\.)", title) or _has_cjk(text):
        return item  # (with no title read after it, the opening may well be the title)
    text = without_list_number(text)
    opening = _NAME_BEFORE_THE_YEAR.match(text) or _PERSONS_BEFORE_THE_YEAR.match(text)
    if opening is None:
        return item
    name = opening.group(1).strip()
    if name in title or name in (item.get("container-title") or ""):
        return item
    authors = split_authors(name)
    if authors:
        item["author"] = authors
    return item
