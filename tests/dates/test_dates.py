"""Dates through the whole pipeline against the case corpus (tests/corpora/dates), plus
resolution details and robustness."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.dates.grammar import find_dates, parse_reference
from marsad.pipeline import Pipeline
from tests.conftest import check_contract

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "dates"
NLP = Pipeline()
TUESDAY = date(2023, 12, 26)


def _cases(name: str) -> list[tuple[str, str, str]]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]  # type: ignore[misc]


@pytest.mark.parametrize(("published", "expected", "sentence"), _cases("dates.tsv"))
def test_date_corpus(published: str, expected: str, sentence: str) -> None:
    article = NLP(sentence, published=published)
    out = article.to_dict()
    check_contract(out)
    want = [] if expected == "-" else sorted(expected.split(","))
    assert sorted({d["value"] for d in out["dates"]}) == want
    for d in article.cache["dates"]:
        assert d.rule


@pytest.mark.parametrize(
    ("text", "value", "relative", "calendar"),
    [
        ("قال أمس", "2023-12-25", True, "gregorian"),
        ("في 7 أكتوبر 2023", "2023-10-07", False, "gregorian"),
        ("15 رمضان 1445 هـ", "2024-03-25", False, "hijri"),
        ("الثلاثاء الماضي", "2023-12-19", True, "gregorian"),
        ("الثلاثاء المقبل", "2024-01-02", True, "gregorian"),
        ("الاثنين", "2023-12-25", True, "gregorian"),
        ("سيزور الوفد القاهرة الاثنين", "2024-01-01", True, "gregorian"),
        ("في يناير المقبل", "2024-01", True, "gregorian"),
        ("منذ ٣ أيام", "2023-12-23", True, "gregorian"),
    ],
)
def test_resolution(text: str, value: str, relative: bool, calendar: str) -> None:
    [d] = find_dates(text, ref=TUESDAY)
    assert (d.value, d.relative, d.calendar) == (value, relative, calendar)


def test_no_reference_leaves_relative_dates_unresolved() -> None:
    found = find_dates("وصل أمس، وسيغادر في 5 يناير 2024", ref=None)
    assert [(d.value, d.relative) for d in found] == [(None, True), ("2024-01-05", False)]


def test_text_published_is_the_reference() -> None:
    text = "عنوان الخبر\n\nتم النشر: 2024/03/15\n\nوصل الوزير إلى الرياض امس الخميس."
    article = NLP(text)
    assert [d["value"] for d in article.meta["dates"]] == ["2024-03-14"]


def test_parse_reference() -> None:
    assert parse_reference("2024-03-15T10:00:00+03:00") == date(2024, 3, 15)
    assert parse_reference("garbage") is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    ["الثلاثاء", "26", "ديسمبر", "/", "كانون", "الأول", "2023", "اليوم", "أمس", "قبل", "يومين",
     "السابع", "من", "الماضي", "المقبل", "1445", "هـ", "رمضان", "31", "فبراير", "٢٠٢٤", "-", "\u064b"]
), max_size=20).map(" ".join) | st.text(max_size=60))
def test_never_raises_and_offsets_hold(text: str) -> None:
    for d in find_dates(text, ref=TUESDAY):
        assert 0 <= d.start < d.end <= len(text)
        assert d.value is None or d.value[:4].isdigit()
