"""Captions are recognised by how they are credited, never by their wording."""

from __future__ import annotations

import pytest

from marsad.structure.captions import match_caption
from marsad.structure.lines import piece


def caption_of(line: str) -> tuple[str, str | None] | None:
    found = match_caption(line, piece(line, 0, len(line)))  # type: ignore[arg-type]
    return None if found is None else (line[found.start:found.end], found.credit)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("وزير المالية خلال جلسة البرلمان - رويترز", ("وزير المالية خلال جلسة البرلمان", "رويترز")),
        ("آثار القصف على مبنى سكني/الأناضول", ("آثار القصف على مبنى سكني", "الأناضول")),
        ("آثار القصف على مبنى سكني / الأناضول", ("آثار القصف على مبنى سكني", "الأناضول")),
        ("متظاهرون أمام مقر الحكومة (أ ف ب)", ("متظاهرون أمام مقر الحكومة", "أ ف ب")),
        ("الرئيس يستقبل ضيفه في القصر، أرشيفية/ رويترز", ("الرئيس يستقبل ضيفه في القصر، أرشيفية", "رويترز")),
        ("لاعبو المنتخب بعد المباراة - Getty Images", ("لاعبو المنتخب بعد المباراة", "Getty Images")),
        ("السفير خلال اللقاء السفير خلال اللقاء تصوير : أحمد علي", ("السفير خلال اللقاء", "أحمد علي")),
        ("Image caption فرق الإنقاذ تبحث عن ناجين", ("فرق الإنقاذ تبحث عن ناجين", None)),
        ("صورة نشرتها صفحة الدفاع المدني (فيسبوك) سيارات إطفاء في الشارع.",
         ("سيارات إطفاء في الشارع", "صفحة الدفاع المدني (فيسبوك)")),
    ],
)
def test_caption_and_credit(line: str, expected: tuple[str, str | None]) -> None:
    assert caption_of(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "قال المتحدث إن الاجتماع كان إيجابياً.",
        "أعلنت الوزارة عن خطة جديدة - وفق ما ذكرت مصادر مطلعة في العاصمة",
        "العلاقات بين البلدين / الجزء الثاني",
        "وشارك في الاجتماع وزراء الخارجية العرب " * 8 + "- رويترز",
    ],
)
def test_prose_is_not_a_caption(line: str) -> None:
    assert caption_of(line) is None
