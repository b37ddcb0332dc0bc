"""A minister of two portfolios keeps both in the role; a conjunction otherwise ends it."""

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
