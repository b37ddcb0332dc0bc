"""Invariants of the text layer on random mixed text: offsets always lead back to the text."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import normalize, normalize_str, split_sentences, tokenize

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىةٱکی"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0610\u06e1"
TATWEEL = "\u0640"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\ufeff\u061c\u00ad"
SPACES = " \n\t\r\u00a0\u2003\u202f\u3000"
PUNCT = ".,،؛؟?!…:;-_()[]«»“”„\"'‘’″٪%٫٬/$+"
LATIN = "abcXYZéÜß"
LIGATURES = "ﻻﻷﻹﻵﷲﺑﻴﺮﻭﺕﹰﹱ"
CHARS = LETTERS + DIACRITICS + TATWEEL + DIGITS + INVISIBLE + SPACES + PUNCT + LATIN + LIGATURES
# Pieces that exercise the clitic splitter, acronyms, numbers and sentence rules.
CHUNKS = [
    "وقال", "للبيت", "وبالتالي", "بيانه", "حكومته", "سي.آي.إيه", "أ.ف.ب", "U.S.", "الـ33",
    "20,915", "٤٣٫٥", "08.09.2024", "د. ", "..", "...", ' "', '." ', "«", "»", "1432هـ",
    "والولايات", "فإن", "ﺑﺎﻷﻣﺮ", "لليلة",
]

texts = st.lists(
    st.one_of(st.text(alphabet=CHARS, max_size=6), st.sampled_from(CHUNKS)), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_tokens_point_into_the_text(text: str) -> None:
    tokens = tokenize(text)
    previous_end = 0
    for token in tokens:
        assert previous_end <= token.start < token.end <= len(text)
        previous_end = token.end
        assert token.norm == normalize_str(text[token.start : token.end])
        if token.kind == "word":
            segments = token.segments
            assert segments[0].start == token.start
            assert segments[-1].end == token.end
            for before, after in pairwise(segments):
                assert before.end == after.start
            assert all(s.start < s.end for s in segments)
            assert sum(s.kind == "stem" for s in segments) == 1
        else:
            assert token.segments == ()


@settings(max_examples=200, deadline=None)
@given(texts, st.data())
def test_tokens_of_a_range_stay_in_it(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for token in tokenize(text, start, end):
        assert start <= token.start < token.end <= end
        for segment in token.segments:
            assert start <= segment.start < segment.end <= end


@settings(max_examples=300, deadline=None)
@given(texts)
def test_sentences_are_trimmed_ordered_spans(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        previous_end = end
        assert not text[start].isspace() and not text[end - 1].isspace()


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_normalized_ranges_map_back_in_bounds(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    assert norm.text == normalize_str(text)
    assert len(norm.offsets) == len(norm.text) + 1
    assert norm.offsets[-1] == len(text)
    assert list(norm.offsets) == sorted(norm.offsets)
    nstart = data.draw(st.integers(0, len(norm.text)))
    nend = data.draw(st.integers(nstart, len(norm.text)))
    start, end = norm.to_original(nstart, nend)
    assert 0 <= start <= end <= len(text)
    # the original range holds at least the normalized one (more when it cuts a ligature)
    assert norm.text[nstart:nend] in normalize_str(text[start:end])
