"""Gazetteer matching: spelling variants, clitics, longest match, weak aliases, nisba."""

from __future__ import annotations

import pytest

from marsad.entities.gazetteer import Gazetteer, alias_key, skip_letters
from marsad.text import tokenize


def names(text: str) -> list[tuple[str, str]]:
    gaz = Gazetteer.builtin()
    return [(text[m.start:m.end], m.kb_id) for m in gaz.find(text, tokenize(text)) if not m.nisba]


def adjectives(text: str) -> list[tuple[str, str]]:
    gaz = Gazetteer.builtin()
    return [(text[m.start:m.end], m.kb_id) for m in gaz.find(text, tokenize(text)) if m.nisba]


@pytest.mark.parametrize(("text", "expected"), [
    ("زار الوفد الولايات المتحدة الأمريكية أمس", [("الولايات المتحدة الأمريكية", "loc:united-states")]),
    ("وصل إلى أميركا ثم إلى امريكا", [("أميركا", "loc:united-states"), ("امريكا", "loc:united-states")]),
    ("اتصل وبايدن بالقاهرة", [("بايدن", "per:joe-biden"), ("القاهرة", "loc:cairo")]),
    ("تحدث لحماس وللأمم المتحدة", [("حماس", "org:hamas"), ("للأمم المتحدة", "org:united-nations")]),
    ("توجه إلى فلسطين وإسرائيل ولبنان", [
        ("فلسطين", "loc:palestine"), ("إسرائيل", "loc:israel"), ("لبنان", "loc:lebanon")]),
    ("قال مصدر للأناضول", [("للأناضول", "org:anadolu")]),
    ("أعلنت حركة المقاومة الإسلامية (حماس)", [("حركة المقاومة الإسلامية", "org:hamas"), ("حماس", "org:hamas")]),
    ("مدير وكالة المخابرات المركزية (سي.آي.إيه)", [
        ("وكالة المخابرات المركزية", "org:cia"), ("سي.آي.إيه", "org:cia")]),
    ("قصف في قطاع غزة ورفح وخان يونس", [
        ("قطاع غزة", "loc:gaza-strip"), ("رفح", "loc:rafah"), ("خان يونس", "loc:khan-younis")]),
    ("اجتمع وزير الخارجيةِ الأمريكيُّ أنتوني بلينكن", [("أنتوني بلينكن", "per:antony-blinken")]),
    ("", []),
])
def test_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("الرئيس الأمريكي والحكومة القطرية", [("الأمريكي", "loc:united-states"), ("القطرية", "loc:qatar")]),
    ("مواطنون إيرانيون", [("إيرانيون", "loc:iran")]),
])
def test_nationality_adjectives(text: str, expected: list[tuple[str, str]]) -> None:
    assert adjectives(text) == expected
    assert names(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("وصل إلى مدينة البيضاء شرق ليبيا", [("مدينة البيضاء", "loc:bayda"), ("ليبيا", "loc:libya")]),
    ("وصل إلى البيضاء أمس", [("البيضاء", "loc:bayda")]),
    ("رفعوا الراية البيضاء", []),
    ("قال إن الغرب يدعم كييف", [("كييف", "loc:kyiv")]),
    ("توتر بين روسيا والغرب", [("روسيا", "loc:russia"), ("الغرب", "loc:west")]),  # after a place
    ("الشمس تغيب في الغرب", [("الغرب", "loc:west")]),  # a cue, although here a direction
    ("الدول الكبرى والغرب", []),
    ("لجأ إلى الغرب", [("الغرب", "loc:west")]),
])
def test_weak_aliases_need_a_place_cue(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


def test_a_line_break_ends_a_name() -> None:
    assert names("الولايات\nالمتحدة") == []


@pytest.mark.parametrize(("alias", "key"), [
    ("الأُمم المتّحدة", "الامم المتحده"),
    ("سي.آي.إيه", "سي.اي.ايه"),
    ("أوبك+", "اوبك +"),
])
def test_alias_keys(alias: str, key: str) -> None:
    assert alias_key(alias) == key


def test_skip_letters_keeps_marks_with_their_letter() -> None:
    text = "وَبايدن"
    assert text[skip_letters(text, 0, len(text), 1):] == "بايدن"
