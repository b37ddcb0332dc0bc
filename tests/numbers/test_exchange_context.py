"""In a prisoner exchange, captives being moved are being released; elsewhere they are held."""

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
