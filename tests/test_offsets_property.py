"""Every span of every layer points at its own text, on random text and on the corpus."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.article import Article
from marsad.errors import EmptyInput
from marsad.pipeline import Pipeline
from tests.conftest import check_contract, shared_path

PIPELINE = Pipeline()

# Pieces that exercise the structure rules: headline-ish words, dateline parts, credits,
# boilerplate phrases, digits of three scripts, invisible characters and odd spacing.
PIECES = [
    "قال", "الوزير", "إن", "الاجتماع", "كان", "إيجابياً", "في", "غزة", "وبايدن", "لحماس",
    "تم النشر:", "2023/12/26", "الساعة", "21:03", "بتوقيت غرينتش", "آخر تحديث:", "٢٦", "ديسمبر",
    "كانون الأول", "۱۴۰۲", "- رويترز", "/الأناضول", "(أ ف ب)", "تحميل المزيد", "اقرأ أيضاً:",
    "كلمات دلالية:", "المصدر:", "تصوير :", "Image caption", "سي.آي.إيه", "2.5", "٤٣٫٥", "“", "”",
    "«", "»", '"', ".", "،", "؟", "!", "..", "\n", "\n\n", " ", "\u00a0", "\u200f", "\u200b",
    "\u0640", "\u064e", "ﻻ", "— الوزارة (@gov) May 2, 2024", "https://t.co/x1", "Facebook Twitter",
]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map(" ".join) | st.text(max_size=300)


def assert_spans_true(article: Article) -> None:
    text = article.text
    for name, span in article.iter_all_spans():
        assert 0 <= span.start <= span.end <= len(text), (name, span)
    paragraphs = article.layer("paragraphs")
    for a, b in itertools.pairwise(paragraphs):
        assert a.end <= b.start, "paragraphs overlap"
    for token in article.cache.get("tokens", []):
        assert text[token.start:token.end]
        if token.segments:
            assert "".join(text[s.start:s.end] for s in token.segments) == text[token.start:token.end]
    check_contract(article.to_dict())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_spans_point_at_their_text_on_random_input(text: str) -> None:
    try:
        article = PIPELINE(text)
    except EmptyInput:
        assert not text.strip()
        return
    assert_spans_true(article)


def test_spans_point_at_their_text_on_the_corpus() -> None:
    folder = shared_path("corpus", "dev")
    for path in sorted(folder.glob("*.txt")):
        assert_spans_true(PIPELINE(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("cut", [1, 7, 50, 333, 1000])
def test_truncated_corpus_articles_still_give_valid_objects(cut: int) -> None:
    folder = shared_path("corpus", "dev")
    for path in sorted(folder.glob("*.txt"))[:5]:
        text = path.read_text(encoding="utf-8")[:cut]
        if text.strip():
            assert_spans_true(PIPELINE(text))
