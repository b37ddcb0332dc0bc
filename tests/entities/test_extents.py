"""Role and name extents: joint portfolios, coordinated titles, places named after people."""

from __future__ import annotations

import pytest

import marsad


@pytest.mark.parametrize(
    ("sentence", "name", "roles"),
    [
        ("أعلن وزير المياه والري سمير الحداد، يوم الثلاثاء، خطة وطنية جديدة لتحلية المياه.",
         "سمير الحداد", ["وزير المياه والري"]),
        ("التقى وزير التربية والتعليم خالد المنصور وفداً من المعلمين.", "خالد المنصور",
         ["وزير التربية والتعليم"]),
    ],
)
def test_joint_portfolio_role(sentence: str, name: str, roles: list[str]) -> None:
    entities = marsad.extract(sentence, published="2024-03-12").to_dict()["entities"]
    person = next(e for e in entities if e["name"] == name)
    assert [r["text"] for r in person["roles"]] == roles


def test_a_coordinated_title_is_another_person() -> None:
    sentence = "استقبل وزير الخارجية والرئيس الفرنسي إيمانويل ماكرون الوفد في باريس."
    entities = marsad.extract(sentence, published="2024-03-12").to_dict()["entities"]
    macron = next(e for e in entities if "ماكرون" in e["name"])
    assert all("وزير" not in r["text"] for r in macron["roles"])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وصل الرئيس إلى مطار الملك خالد الدولي في الرياض بعد ظهر اليوم.", ("LOC", "مطار الملك خالد الدولي")),
        ("تخرج في جامعة الملك سعود عام 2010.", ("ORG", "جامعة الملك سعود")),
    ],
)
def test_a_place_named_after_a_king_is_no_mention_of_him(sentence: str, expected: tuple[str, str]) -> None:
    entities = marsad.extract(sentence, published="2024-03-12").to_dict()["entities"]
    assert expected in [(e["type"], e["name"]) for e in entities]
    assert not any(e["type"] == "PER" for e in entities)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال وزير الخارجية الأردني في عمان إن بلاده ترفض التهجير.", "loc:amman"),
        ("وصل وزير الخارجية العماني إلى مسقط قادماً من عمان والكويت.", "loc:oman"),
        ("اندلعت اشتباكات في طرابلس شمال لبنان.", "loc:tripoli-lebanon"),
        ("اندلعت اشتباكات في طرابلس العاصمة الليبية.", "loc:tripoli"),
    ],
)
def test_a_shared_place_name_follows_the_article(text: str, expected: str) -> None:
    entities = marsad.extract(text).to_dict()["entities"]
    bare = [e for e in entities if e["mentions"][0]["text"] in ("عمان", "طرابلس")]
    assert [e["kb"] for e in bare] == [expected]
