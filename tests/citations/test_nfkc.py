"""``nfkc`` is NFKC: the same text as ``unicodedata.normalize("NFKC", …)``, however it gets
there (full-width forms put in first, normalisation skipped for text already normal)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.citations.nfkc import nfkc

# full-width forms, CJK, combining marks, compatibility characters, and ASCII around them
_PIECES = st.sampled_from(["（2014）", "３３，５８８", "　", "，", "。", "：", "Ａ", "ｅ\u0301",
                           "e", "\u0301", "\u0327", "ﬁ", "①", "㍿", "Å", "Å", "한", "\u1100\u1161",
                           "国政学人", "10.1093/ia/iiaa061", " ", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_nfkc_is_unicodedatas(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_nfkc_is_unicodedatas_on_any_text(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
