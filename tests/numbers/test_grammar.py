"""The number grammar against its corpus (tests/corpora/numbers), and the round trip
number → Arabic words → number."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.numbers.grammar import lookup_word, parse_numbers
from marsad.numbers.verbalize import verbalize
from marsad.text import normalize_str

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "numbers"


def _rows(name: str) -> list[list[str]]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("value", "form"), _rows("numbers.tsv"))
def test_number_corpus(value: str, form: str) -> None:
    parses = parse_numbers(normalize_str(form))
    assert [p.value for p in parses] == [int(value)], [p.rule for p in parses]
    assert parses[0].rule  # every parse names the rules that built it


@pytest.mark.parametrize(("magnitude", "form"), _rows("vague.tsv"))
def test_vague_corpus(magnitude: str, form: str) -> None:
    parses = parse_numbers(normalize_str(form))
    assert [(p.value, p.magnitude) for p in parses] == [(None, int(magnitude))]


@pytest.mark.parametrize(("form",), _rows("numbers_negative.tsv"))
def test_negative_corpus(form: str) -> None:
    parses = parse_numbers(normalize_str(form))
    assert all(p.value is None for p in parses), parses
    if form not in ("عشرات", "مئات"):
        assert parses == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("بين 10 و20 شخصا", [10, 20]),  # two numbers, not 30
        ("ارتفعت بنسبة 6.2%", [None]),  # a decimal is no integer
        ("حصل على 94.65 بالمئة", [None]),  # بالمئة is per cent, not 100
        ("الأحد والاثنين", [2]),  # الاثنين is a number word (the weekday is the dates stage's)
    ],
)
def test_boundaries(text: str, values: list[int | None]) -> None:
    assert [p.value for p in parse_numbers(normalize_str(text))] == values


def test_lookup_strips_clitics_and_tanween() -> None:
    hit = lookup_word(normalize_str("وألفاً"))
    assert hit is not None and hit.conj and int(hit.value) == 1000


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_round_trip(n: int) -> None:
    words = verbalize(n)
    parses = parse_numbers(normalize_str(words))
    assert [p.value for p in parses] == [n], words


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_never_raises(text: str) -> None:
    for p in parse_numbers(normalize_str(text)):
        assert p.start < p.end
