"""Tokens: kinds, boundaries and offsets into the original text."""

from __future__ import annotations

import pytest

from marsad.text import Segment, Token, tokenize


def pieces(text: str) -> list[tuple[str, str]]:
    return [(text[t.start : t.end], t.kind) for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قالَ الرئيسُ", [("قالَ", "word"), ("الرئيسُ", "word")]),
        # numbers: any script, with separators between digits only
        ("بلغ 20,915 شخصا", [("بلغ", "word"), ("20,915", "number"), ("شخصا", "word")]),
        ("2.5 و٤٣٫٥ و۱۲", [("2.5", "number"), ("و", "word"), ("٤٣٫٥", "number"),
                           ("و", "word"), ("۱۲", "number")]),
        ("08.09.2024", [("08.09.2024", "number")]),
        ("عام 2010.", [("عام", "word"), ("2010", "number"), (".", "punct")]),
        ("1432هـ", [("1432", "number"), ("هـ", "word")]),
        ("3-0", [("3", "number"), ("-", "punct"), ("0", "number")]),
        # الـ before a number is its own word
        ("الـ33", [("الـ", "word"), ("33", "number")]),
        ("الـ 16", [("الـ", "word"), ("16", "number")]),
        # dotted acronyms are one token; a sentence's full stop after one is not part of it
        ("سي.آي.إيه", [("سي.آي.إيه", "word")]),
        ("(أ.ف.ب)", [("(", "punct"), ("أ.ف.ب", "word"), (")", "punct")]),
        ("U.S. forces", [("U.S", "latin"), (".", "punct"), ("forces", "latin")]),
        # ... but a full stop between two words is not an acronym
        ("قال.وأضاف", [("قال", "word"), (".", "punct"), ("وأضاف", "word")]),
        ("د.محمد", [("د", "word"), (".", "punct"), ("محمد", "word")]),
        # Latin words keep their digits and inner apostrophes
        ("F16 O'Brien COVID-19", [("F16", "latin"), ("O'Brien", "latin"), ("COVID", "latin"),
                                  ("-", "punct"), ("19", "number")]),
        # punctuation one by one, except runs of dots
        ("الجزائر.. تبون...!", [("الجزائر", "word"), ("..", "punct"), ("تبون", "word"),
                                 ("...", "punct"), ("!", "punct")]),
        ("«نعم»، ؟", [("«", "punct"), ("نعم", "word"), ("»", "punct"), ("،", "punct"),
                       ("؟", "punct")]),
        ("100$ + 5%", [("100", "number"), ("$", "symbol"), ("+", "symbol"), ("5", "number"),
                       ("%", "punct")]),
        # a lone tatweel used as a dash is punctuation
        ("القدس ـ وكالات", [("القدس", "word"), ("ـ", "punct"), ("وكالات", "word")]),
        # invisible controls inside a word belong to it; elsewhere they belong to nothing
        ("بي\u200cروت \u200f", [("بي\u200cروت", "word")]),
        # a diacritic with no letter before it belongs to nothing
        (" \u064e ", []),
        ("", []),
    ],
)
def test_tokens(text: str, expected: list[tuple[str, str]]) -> None:
    assert pieces(text) == expected


@pytest.mark.parametrize(
    ("text", "norms"),
    [
        ("أعلنَ وزيرُ", ["اعلن", "وزير"]),
        ("٢٠٬٩١٥ ٤٣٫٥", ["20,915", "43.5"]),
        ("Reuters، «ﻻ»", ["reuters", ",", '"', "لا", '"']),
        ("ـ", [""]),
    ],
)
def test_token_norms(text: str, norms: list[str]) -> None:
    assert [t.norm for t in tokenize(text)] == norms


def test_offsets_are_absolute_within_a_range() -> None:
    text = "مقدمة. وقال الوزير إن 2.5% كافية. خاتمة"
    tokens = tokenize(text, 7, 33)
    assert [text[t.start : t.end] for t in tokens] == [
        "وقال", "الوزير", "إن", "2.5", "%", "كافية", ".",
    ]
    assert tokens[0].segments == (
        Segment(7, 8, "proclitic", "و"),
        Segment(8, 11, "stem", "قال"),
    )


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (4, 2), (0, 99)])
def test_bad_range(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        tokenize("نص قصير", start, end)


def test_stem_of_words_and_other_tokens() -> None:
    word, number = tokenize("والولايات 12")
    assert word.stem == Segment(3, 9, "stem", "ولايات")
    assert word.stem_norm == "ولايات"
    assert number.segments == ()
    assert number.stem == Segment(10, 12, "stem", "12")
    assert number.stem_norm == "12"


def test_tokens_are_frozen_values() -> None:
    token = tokenize("قال")[0]
    assert token == Token(0, 3, "word", "قال", (Segment(0, 3, "stem", "قال"),))
    with pytest.raises(AttributeError):
        token.start = 1  # type: ignore[misc]
    assert hash(token) == hash(Token(0, 3, "word", "قال", (Segment(0, 3, "stem", "قال"),)))
