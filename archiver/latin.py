"""Latin letters that Unicode does not decompose into an ASCII letter and marks.

NFKD turns ``é`` into ``e`` and a combining accent, but leaves ``ø``, ``ł``, ``æ`` or ``þ``
whole: a letter with a stroke, a ligature, a letter of its own. Where text is reduced to ASCII
(a citation key) or compared without its marks (a cited name with Crossref's), dropping them
loses a letter (``Sørensen`` as ``srensen``) or keeps two spellings of one name apart
(``Sørensen`` and ``Sorensen``). This table spells them as ASCII usually does.
"""

from __future__ import annotations

LETTERS = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS", "þ": "th", "Þ": "TH",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "NG", "ı": "i", "ƒ": "f",
    "ǥ": "g", "Ǥ": "G", "ƶ": "z", "Ƶ": "Z", "ɨ": "i", "Ɨ": "I", "ƀ": "b", "Ƀ": "B",
    "ʉ": "u", "Ʉ": "U", "ɖ": "d", "Ɖ": "D"})
