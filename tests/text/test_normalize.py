"""Normalization: one table of rules, and an offset map that leads back to the original."""

from __future__ import annotations

import re

import pytest

from marsad.text import normalize, normalize_str


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # diacritics, tatweel, invisible controls, soft hyphen go
        ("مُحَمَّدٌ", "محمد"),
        ("الـمـديـنـة", "المدينه"),
        ("قرآنٰ ۖ", "قران "),
        ("بي\u200cروت\u200f", "بيروت"),
        ("\u202bنص\u202c\u2066\u2069", "نص"),
        ("\ufeffخبر\u061c", "خبر"),
        ("انتخا\u00adبات", "انتخابات"),
        # letters
        ("أحمد إبراهيم آمال ٱلحمد", "احمد ابراهيم امال الحمد"),
        ("مستشفى على", "مستشفي علي"),
        ("مدينة", "مدينه"),
        ("مؤتمر رئيس", "موتمر رييس"),
        ("کتاب یوم", "كتاب يوم"),
        # digits and Arabic punctuation
        ("٢٠٢٤ ۱۴۰۳", "2024 1403"),
        ("قال، ثم؛ لماذا؟", "قال, ثم; لماذا?"),
        ("٤٣٫٥٪ و١٢٬٠٠٠", "43.5% و12,000"),
        # spaces are mapped one for one, never collapsed
        ("a\u00a0b\u2003c\u202fd\u3000e\u205ff", "a b c d e f"),
        ("  سطر\n\nآخر  ", "  سطر\n\nاخر  "),
        # quotation marks
        ("«قال» “نعم” „لا″", '"قال" "نعم" "لا"'),
        ("‘x’", "'x'"),
        # Latin case: folded only where the length stays the same
        ("Reuters BBC Élysée", "reuters bbc élysée"),
        ("Straße İstanbul", "straße İstanbul"),
        # presentation forms and ligatures
        ("ﺑﻴﺮﻭﺕ", "بيروت"),
        ("ﻻ ﻷن ﻹ", "لا لان لا"),
        ("ﷲ", "الله"),
        ("", ""),
    ],
)
def test_normalize_str(text: str, expected: str) -> None:
    assert normalize_str(text) == expected
    assert normalize(text).text == expected


@pytest.mark.parametrize(
    ("text", "offsets"),
    [
        ("", (0,)),
        ("abc", (0, 1, 2, 3)),
        ("أَحمد", (0, 2, 3, 4, 5)),
        ("ﻻ", (0, 0, 1)),
        ("بـيـت", (0, 2, 4, 5)),
        ("\u200bا\u200b", (1, 3)),
    ],
)
def test_offset_map(text: str, offsets: tuple[int, ...]) -> None:
    assert normalize(text).offsets == offsets


@pytest.mark.parametrize(
    ("text", "norm_range", "original"),
    [
        ("قالَ الرئيسُ", (0, 3), "قال"),  # the trailing fatha is not inside the range
        ("قالَ الرئيسُ", (4, 10), "الرئيس"),
        ("ﻻ بد", (0, 1), "ﻻ"),  # half of an expansion maps to the whole ligature
        ("ﻻ بد", (1, 2), "ﻻ"),
        ("ﻻ بد", (0, 2), "ﻻ"),
        ("مـحـمـد", (1, 3), "حـم"),
        ("abc", (1, 1), ""),
    ],
)
def test_to_original(text: str, norm_range: tuple[int, int], original: str) -> None:
    start, end = normalize(text).to_original(*norm_range)
    assert text[start:end] == original


def test_empty_range_maps_to_its_position() -> None:
    assert normalize("أَحمد").to_original(1, 1) == (2, 2)
    assert normalize("أَحمد").to_original(4, 4) == (5, 5)


@pytest.mark.parametrize("bad", [(-1, 2), (2, 1), (0, 9)])
def test_to_original_rejects_ranges_outside_the_text(bad: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        normalize("أحمد").to_original(*bad)


def test_find_all_reports_original_spans() -> None:
    text = "قالَ إنَّ الأمـم المتحدة، وإنّ"
    norm = normalize(text)
    assert [text[s:e] for s, e in norm.find_all("ان")] == ["إن", "إن"]
    assert [text[s:e] for s, e in norm.find_all(re.compile(r"الامم المتحده"))] == ["الأمـم المتحدة"]


def test_round_trip_of_every_word() -> None:
    text = "أعلنت وزارةُ الصحّة الفلسطينية ارتفاعَ الحصيلة إلى ٢٠٬٩١٥ شهيداً، وﻻ يزال…"
    norm = normalize(text)
    for match in re.finditer(r"\S+", norm.text):
        start, end = norm.to_original(*match.span())
        assert normalize_str(text[start:end]) == match.group()
