"""Clitic segmentation: what is cut, what is never cut, and how the pieces read back."""

from __future__ import annotations

import pytest

from marsad.text import tokenize
from marsad.text.clitics import segment_word


def pieces(word: str) -> list[str]:
    return [word[start:end] for start, end, _, _ in segment_word(word)]


NEVER_CUT = [
    # names and common nouns whose first or last letters only look like clitics
    "وزير", "وليد", "فلسطين", "فيصل", "بايدن", "بيان", "لبنان", "كانون", "كتائب", "سوريا",
    "سيارة", "الله", "إسرائيل", "بيرنز", "ولاية", "فبراير", "هاتف", "وكالة", "وكالات",
    "فريق", "فيلق", "فساد", "بعيد", "بديل", "لجنة", "ليبيا", "كاليفورنيا", "سيدة", "كانت",
    "واحد", "وادي", "والي", "فادي", "باتت", "وحده", "وجهه", "فقد", "عبده", "مصراته",
    # a word that starts with a bare ال but is not the article
    "الذي", "التي", "إلى", "الى", "ألمانيا", "إلغاء", "التقى", "التزام", "الآن", "الان",
    # a final ة (written ة) is never a pronoun; nor is the ه of a word that ends in it
    "حكومة", "دولة", "اتجاه", "مياه", "توجه", "إيه",
    # too short to hold a clitic and a word
    "و", "في", "لها", "به", "له", "الـ",
]


@pytest.mark.parametrize("word", NEVER_CUT)
def test_never_cut(word: str) -> None:
    assert pieces(word) == [word]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # conjunctions, prepositions, the future س, the article
        ("وقال", ["و", "قال"]),
        ("ولكن", ["و", "لكن"]),
        ("فإن", ["ف", "إن"]),
        ("وإلى", ["و", "إلى"]),
        ("وهو", ["و", "هو"]),
        ("والذي", ["و", "الذي"]),
        ("واستمر", ["و", "استمر"]),
        ("وأضاف", ["و", "أضاف"]),
        ("واضاف", ["و", "اضاف"]),  # the hamza is often left out; أضاف is known to have one
        ("باسم", ["ب", "اسم"]),
        ("لمدة", ["ل", "مدة"]),
        ("سيجتمع", ["س", "يجتمع"]),
        ("وسيكون", ["و", "س", "يكون"]),
        ("الولايات", ["ال", "ولايات"]),
        ("والولايات", ["و", "ال", "ولايات"]),
        ("بالمئة", ["ب", "ال", "مئة"]),
        ("وبالتالي", ["و", "ب", "ال", "تالي"]),
        ("كالتالي", ["ك", "ال", "تالي"]),
        ("الحل", ["ال", "حل"]),
        # ل + ال: the article's alef is not written, its lam is its own segment
        ("للبيت", ["ل", "ل", "بيت"]),
        ("وللبيت", ["و", "ل", "ل", "بيت"]),
        ("لليمن", ["ل", "ل", "يمن"]),
        # ... unless the word itself starts with ل (or has no article)
        ("لليلة", ["ل", "ليلة"]),
        ("لليبيا", ["ل", "ليبيا"]),
        # pronouns
        ("بيانه", ["بيان", "ه"]),
        ("وبيانه", ["و", "بيان", "ه"]),
        ("مقدساته", ["مقدسات", "ه"]),
        ("حكومته", ["حكومت", "ه"]),
        ("بلاده", ["بلاد", "ه"]),
        ("منها", ["من", "ها"]),
        ("عليهم", ["علي", "هم"]),
        ("بينهما", ["بين", "هما"]),
        ("إنه", ["إن", "ه"]),
        ("بلادنا", ["بلاد", "نا"]),
        ("بعده", ["بعد", "ه"]),  # not ب + عده
        ("كلها", ["كل", "ها"]),
        # diacritics and tatweel stay with the letter they follow
        ("وَقالَ", ["وَ", "قالَ"]),
        ("بالـمئة", ["ب", "الـ", "مئة"]),
    ],
)
def test_cut(word: str, expected: list[str]) -> None:
    assert pieces(word) == expected


@pytest.mark.parametrize(
    ("word", "norms"),
    [
        ("للبيت", ["ل", "ال", "بيت"]),  # the article's norm is "ال" although one letter is written
        ("حكومته", ["حكومه", "ه"]),  # ة comes back in the stem's norm
        ("مستواه", ["مستوي", "ه"]),  # and ى
        ("وبالتالي", ["و", "ب", "ال", "تالي"]),
        ("وأضاف", ["و", "اضاف"]),
    ],
)
def test_segment_norms(word: str, norms: list[str]) -> None:
    assert [norm for _, _, _, norm in segment_word(word)] == norms


def test_kinds_and_stem_of_a_token() -> None:
    token = tokenize("وبحكومته")[0]
    assert [s.kind for s in token.segments] == ["proclitic", "proclitic", "stem", "enclitic"]
    assert token.stem_norm == "حكومه"
    assert token.norm == "وبحكومته"


def test_a_cut_inside_a_ligature_is_not_made() -> None:
    # ﻷ holds the article's lam and the stem's alef: no cut can be shown on the original
    assert pieces("ﺑﺎﻷﻣﺮ") == ["ﺑﺎﻷﻣﺮ"]
