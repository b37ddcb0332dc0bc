"""Sentence splitting: where Arabic news text ends a sentence, and where it only seems to."""

from __future__ import annotations

import pytest

from marsad.text import split_sentences
from marsad.text.sentences import MAX_QUOTE


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the terminators
        ("وصل الوفد. وبدأ الاجتماع! هل انتهى؟ ربما? نعم… لا",
         ["وصل الوفد.", "وبدأ الاجتماع!", "هل انتهى؟", "ربما?", "نعم…", "لا"]),
        ("العنوان\nالفقرة الأولى\r\n\r\nالفقرة الثانية",
         ["العنوان", "الفقرة الأولى", "الفقرة الثانية"]),
        ("قالها ثلاثاً... ثم سكت", ["قالها ثلاثاً...", "ثم سكت"]),
        ("انتهى الأمر؟! بالتأكيد", ["انتهى الأمر؟!", "بالتأكيد"]),
        ("انتهى عام 2010.وبدأ غيره", ["انتهى عام 2010.", "وبدأ غيره"]),  # no space after the stop
        ("كتب الخبر.ونشره", ["كتب الخبر.", "ونشره"]),
        ("ولد عام 1950م. ودرس الطب", ["ولد عام 1950م.", "ودرس الطب"]),
        ("(أ.ف.ب). وقال مسؤول", ["(أ.ف.ب).", "وقال مسؤول"]),
    ],
)
def test_breaks(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # dotted acronyms
        "نقلت سي.آي.إيه عن مصادر أن الوضع تغير",
        "قالت وكالة أ.ف.ب إن الوضع تغير",
        "The U.S. forces left the base",
        "أعلنت إف.بي.آي أمس النتائج",
        # numbers and dates
        "ارتفع المؤشر 2.5 نقطة إلى 94.65 نقطة",
        "بلغت النسبة ٤٣٫٥ في المئة أو 43.5 في المئة",
        "جرى ذلك في 08.09.2024 مساء",
        # abbreviations and initials
        "استقبل د. أحمد زميله م. خالد",
        "حاضر أ. د. سامي في الجامعة",
        "انظر ص. 12 من التقرير",
        "استقبل د.محمد ضيوفه",
        "met George W. Bush and Dr. Rice",
        # headline clauses
        "الجزائر.. تبون يفوز بولاية ثانية",
        "عاجل..انفجار في الميناء",
        # Latin text glued to a dot
        "زر الموقع example.com للمزيد",
        "تفاصيل على www.news.com/a?id=1 اليوم",
    ],
)
def test_no_break(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation with inner sentences stays with its reporting clause
        ('قال الوزير: "الوضع صعب. لكننا سنعمل" ثم غادر.',
         ['قال الوزير: "الوضع صعب. لكننا سنعمل" ثم غادر.']),
        ("وأضاف «لن نتراجع. ولن نستسلم» في كلمته. ثم صفق الحضور",
         ["وأضاف «لن نتراجع. ولن نستسلم» في كلمته.", "ثم صفق الحضور"]),
        ("وتابع “نحن هنا. وسنبقى هنا” وفق البيان", ["وتابع “نحن هنا. وسنبقى هنا” وفق البيان"]),
        ('سأل "هل ستأتي؟" فأجاب بالنفي.', ['سأل "هل ستأتي؟" فأجاب بالنفي.']),
        # a full stop before the closing mark ends the sentence after the mark
        ('قال: "انتهى الأمر." وغادر القاعة', ['قال: "انتهى الأمر."', "وغادر القاعة"]),
        ('قال: "انتهى الأمر.". وغادر القاعة', ['قال: "انتهى الأمر.".', "وغادر القاعة"]),
        ("قال: «انتهى». وغادر", ["قال: «انتهى».", "وغادر"]),
        ("هتفوا “إلى أين؟ إلى أين؟”. ثم تفرقوا", ["هتفوا “إلى أين؟ إلى أين؟”.", "ثم تفرقوا"]),
        # an unbalanced mark does not swallow what follows
        ('بدأ "الحوار الوطني. وانتهى الاجتماع. ثم خرجوا',
         ['بدأ "الحوار الوطني.', "وانتهى الاجتماع.", "ثم خرجوا"]),
        ('يتعلق بـ"الأمن الوطني. وتنص المادة على أن "لكل عضو" حقا.',
         ['يتعلق بـ"الأمن الوطني.', 'وتنص المادة على أن "لكل عضو" حقا.']),
        # nor does a quotation across a line break
        ('قال "أولا.\nثانيا. ثالثا"', ['قال "أولا.', "ثانيا.", 'ثالثا"']),
    ],
)
def test_quotations(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_quotation_longer_than_the_cap_is_not_one() -> None:
    inner = "كلام طويل. " * (MAX_QUOTE // 11 + 1)
    text = f'قال "{inner}انتهى" وغادر'
    found = sentences(text)
    assert len(found) > 10
    assert found[0] == 'قال "كلام طويل.'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. البند الأول\n2. البند الثاني", ["1. البند الأول", "2. البند الثاني"]),
        ("  \u200f  جملة.  \n\n  ", ["جملة."]),
        ("", []),
        (" \n \u200b ", []),
        ("بلا نهاية", ["بلا نهاية"]),
    ],
)
def test_trimming_and_lists(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_are_absolute_within_a_range() -> None:
    text = "قبل. الأولى. الثانية! بعد"
    spans = split_sentences(text, 5, 21)
    assert [text[s:e] for s, e in spans] == ["الأولى.", "الثانية!"]
    assert spans[0] == (5, 12)


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (4, 2), (0, 99)])
def test_bad_range(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        split_sentences("نص قصير", start, end)
