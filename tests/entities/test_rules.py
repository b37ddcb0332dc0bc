"""News rules as tables: organization/place heads, titles, name chains, role phrases."""

from __future__ import annotations

import pytest

from marsad.entities.roles import apposition, role_key, title_before
from marsad.entities.rules import chain_end, org_extents, title_at, words_of
from marsad.text import tokenize


def orgs(text: str) -> list[tuple[str, str]]:
    words = words_of(text, tokenize(text))
    return [(text[words[a].start:words[b - 1].end], t) for a, b, t, _ in org_extents(words)]


@pytest.mark.parametrize(("text", "expected"), [
    ("قالت وزارة الداخلية العراقية في بيان", [("وزارة الداخلية العراقية", "ORG")]),
    ("أعلنت وزارة الصحة اليوم", [("وزارة الصحة", "ORG")]),
    ("رئيس حزب جبهة التحرير", [("حزب جبهة التحرير", "ORG")]),
    ("تنظيم مرور الحجاج وحركة الحجاج المتجهين", []),  # weak heads: KB and model only
    ('أعلنت حركة "الجهاد" مسؤوليتها', [("الجهاد", "ORG")]),
    ("منطقة متنازع عليها وشارع داخلي وحي راق", []),
    ("أعلنت المنظمة للحج", []),
    ("أصدرت الهيئة العامة للإحصاء تقريرا", [("الهيئة العامة للإحصاء", "ORG")]),
    ("قال المجلس الرئاسي الليبي", [("المجلس الرئاسي الليبي", "ORG")]),
    ("بحسب مركز طب الطوارئ والدعم الليبي", [("مركز طب الطوارئ والدعم الليبي", "ORG")]),
    ("قصفت الطائرات منطقة العصايد ومديرية كتاف", [("منطقة العصايد", "LOC"), ("مديرية كتاف", "LOC")]),
    ("في مديرية آل سالم", [("مديرية آل سالم", "LOC")]),
    ("آمر اللواء 444 العقيد محمود حمزة", [("اللواء 444", "ORG")]),
    ("رفض مكتب رئيس الوزراء الإسرائيلي التعليق", [("مكتب رئيس الوزراء الإسرائيلي", "ORG")]),
    ("قالت الهيئة الوطنية للإعلام المرئي", [("الهيئة الوطنية للإعلام المرئي", "ORG")]),
    ("في منطقة واسعة من البلاد", []),
    ('أبرزها شركة "كابيتال تاب القابضة" التي', [("كابيتال تاب القابضة", "ORG")]),
    ("نشرت صحيفة «لوموند» تقريرا", [("لوموند", "ORG")]),
    ("تحدث في مدينة صناعات وجزيرة نائية", []),
    ("قالت الهيئة 2 أمس", []),
    ("احتل المركز الثالث", []),
    ("أطلقت الشرطة الغاز المسيل للدموع", []),
    ("السلطة (اللجنة) المستقلة للانتخابات", [("السلطة (اللجنة) المستقلة للانتخابات", "ORG")]),
])
def test_org_and_place_heads(text: str, expected: list[tuple[str, str]]) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(("text", "kind"), [
    ("وزير", "title"), ("الوزير", "title"), ("ووزيرة", "title"), ("رئيس الوزراء", "title"),
    ("أمير", "title"), ("الأمير", "honorific"), ("الشيخ", "honorific"), ("نظيره", "counterpart"),
    ("المتحدثة", "title"), ("آية الله", "honorific"), ("قال", None), ("الوزارة", None),
])
def test_titles(text: str, kind: str | None) -> None:
    words = words_of(text, tokenize(text))
    hit = title_at(words, 0)
    assert (hit[1] if hit else None) == kind


@pytest.mark.parametrize(("text", "role", "name"), [
    ("وزير الخارجية الأمريكي أنتوني بلينكن", "وزير الخارجية الأمريكي", "أنتوني"),
    ("المتحدث باسم وزارة الخارجية الإيرانية ناصر كنعاني", "المتحدث باسم وزارة الخارجية الإيرانية", "ناصر"),
    ("نائب وزير الخارجية السعودي وليد الخريجي", "نائب وزير الخارجية السعودي", "وليد"),
    ("العاهل الأردني الملك عبد الله", "العاهل الأردني", "الملك"),
    ("المتحدثة باسم مجلس الأمن القومي، أدريان واتسون، أن", "المتحدثة باسم مجلس الأمن القومي", "أدريان"),
    ("الصحفي الأمريكي «إيفان غيرشكوفيتش»", "الصحفي الأمريكي", "إيفان"),
])
def test_title_before_a_name(text: str, role: str, name: str) -> None:
    words = words_of(text, tokenize(text))
    hit = title_before(words, 0, spans={})
    assert hit is not None and hit.name_tok is not None
    assert text[words[hit.tok].start:words[hit.role_end - 1].end] == role
    assert text[words[hit.name_tok].start:words[hit.name_tok].end] == name


def test_title_takes_known_names_as_complements() -> None:
    text = "أمير قطر الشيخ تميم"
    words = words_of(text, tokenize(text))
    hit = title_before(words, 0, spans={1: 2})
    assert hit is not None and hit.role_end == 2 and hit.name_tok == 3


@pytest.mark.parametrize(("text", "after", "role"), [
    ("أدريان واتسون، المتحدثة باسم مجلس الأمن", 2, "المتحدثة باسم مجلس الأمن"),
    ("محمد بن عبد الرحمن، الذي يشغل أيضاً منصب وزير الخارجية", 4, "وزير الخارجية"),
    ("تميم بن حمد آل ثاني أمير البلاد المفدى", 5, "أمير البلاد المفدى"),
    ('محمد حمدان دقلو "حميدتي"، قائد قوات الدعم السريع', 3, "قائد قوات الدعم السريع"),
    ("بايدن، وقال", 1, None),
])
def test_apposition(text: str, after: int, role: str | None) -> None:
    words = words_of(text, tokenize(text))
    app = apposition(words, after, spans={})
    got = text[words[app[0]].start:words[app[1] - 1].end] if app else None
    assert got == role


def test_role_keys_agree_across_wordings() -> None:
    a = "رئيس وزراء قطر"
    b = "رئيس الوزراء القطري"
    wa, wb = words_of(a, tokenize(a)), words_of(b, tokenize(b))
    ka = role_key(wa, 0, 3, {2: (3, "loc:qatar")})
    kb = role_key(wb, 0, 3, {2: (3, "loc:qatar")})
    assert ka == kb


@pytest.mark.parametrize(("text", "start", "end"), [
    ("تميم بن حمد آل ثاني اتصالا", 1, 5),
    ("محمد بن عبد الرحمن آل ثاني", 1, 6),
    ("سامح شكري مع", 1, 1),
])
def test_name_chains(text: str, start: int, end: int) -> None:
    words = words_of(text, tokenize(text))
    assert chain_end(words, start) == end
