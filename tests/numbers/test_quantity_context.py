"""Context decides a category: captives moved in an exchange are released; places are things."""

from __future__ import annotations

import pytest

import marsad


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("صفقة تبادل بين البلدين\n\nبدأت عملية تبادل السجناء بين البلدين صباح اليوم. "
         "ووصلت طائرة إلى العاصمة لنقل ستة سجناء إلى بلادهم بعد سنوات من الاحتجاز.", "released"),
        ("نقل سجناء بين مدينتين\n\nقررت إدارة السجون لنقل ستة سجناء إلى سجن آخر في الشمال "
         "بسبب الاكتظاظ في السجن المركزي للمدينة.", "detained"),
    ],
)
def test_transferred_captives(text: str, expected: str) -> None:
    quantities = marsad.extract(text).to_dict()["quantities"]
    assert [(q["category"], q["value"]) for q in quantities] == [(expected, 6)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أعلنت المنظمة ارتفاع عدد الوفيات بالمرض في 8 دول إلى 7518 شخصا.", [("other", 8), ("killed", 7518)]),
        ("قتل 5 أشخاص في 3 قرى جنوب البلاد.", [("killed", 5), ("other", 3)]),
    ],
)
def test_counted_places_leave_the_toll_cue_to_the_people(text: str, expected: list[tuple[str, int]]) -> None:
    quantities = marsad.extract(text).to_dict()["quantities"]
    assert [(q["category"], q["value"]) for q in quantities] == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("قتل 5 أشخاص بغارة على بلدة بيت لاهيا شمال غزة.", "بيت لاهيا"),
        ("خلفت الحرب ضد قطاع غزة 20 ألفاً و915 قتيلاً.", "قطاع غزة"),
        ("توسطت قطر بين إسرائيل وحماس، وأفرجت حماس عن 100 امرأة من غزة.", "قطاع غزة"),
    ],
)
def test_a_figure_is_about_the_place_its_sentence_puts_it(text: str, place: str) -> None:
    article = marsad.extract(text).to_dict()
    names = {e["id"]: e["name"] for e in article["entities"]}
    assert [names.get(q["about"]) for q in article["quantities"]] == [place]


def test_a_place_inside_an_organization_name_is_still_the_place() -> None:
    text = "أعلنت وزارة الصحة في غزة ارتفاع الحصيلة إلى 44612 قتيلاً منذ بدء الحرب على غزة."
    article = marsad.extract(text).to_dict()
    names = {e["id"]: e["name"] for e in article["entities"]}
    assert [names.get(q["about"]) for q in article["quantities"]] == ["قطاع غزة"]
