"""Search terms: spelling variants meet, snippets point at the text, odd input never raises."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.store import Store, open_store
from marsad.store.analyze import shingles, snippet, terms
from tests.store.docs import corpus

SAME = [
    # (as an article writes it, as a user types it)
    ("إيجابية", "ايجابية"),
    ("الإيجابيّة", "ايجابيه"),
    ("المفاوضات", "مفاوضات"),
    ("والمفاوضات", "المفاوضات"),
    ("لغزة", "غزة"),
    ("مستشفى", "مستشفي"),
    ("الأسـرى", "الاسرى"),
    ("٢٠٢٣", "2023"),
    ("Biden", "BIDEN"),
]


@pytest.mark.parametrize(("written", "typed"), SAME)
def test_variants_have_the_same_terms(written: str, typed: str) -> None:
    assert terms(written) == terms(typed) != []


@pytest.mark.parametrize("word", ["في", "من", "على", "إلى", "the"])
def test_function_words_are_not_indexed(word: str) -> None:
    assert terms(word) == []


def test_shingles() -> None:
    assert shingles(["ا", "ب", "ج", "د"]) == {"ا ب ج", "ب ج د"}
    assert shingles(["ا"]) == {"ا"} and shingles([]) == set()


_letter = st.tuples(st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ")),
                    st.sampled_from(["", "", "َ", "ُ", "ِ", "ّ", "ْ", "ً", "ـ"])).map("".join)
arabic = st.lists(st.lists(_letter, min_size=1, max_size=8).map("".join), max_size=10).map(" ".join)


@given(arabic)
def test_diacritics_and_tatweel_never_change_terms(text: str) -> None:
    plain = "".join(ch for ch in text if ch not in "ًٌٍَُِّْـ")
    assert terms(text) == terms(plain)


@given(st.text(max_size=200), st.text(max_size=30))
def test_snippet_never_raises_and_only_marks_words(text: str, query: str) -> None:
    out = snippet(text, terms(query))
    assert out.count("<b>") == out.count("</b>")


@functools.cache
def _store() -> Store:
    store = open_store(":memory:")
    with store.transaction():
        for doc in corpus():
            store.put(doc)
    return store


@given(st.text(max_size=60))
def test_any_query_is_answered(query: str) -> None:
    hits = _store().search(query)
    assert all(h.score > 0 for h in hits)
    assert all(h.id for h in hits)
