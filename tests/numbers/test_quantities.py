"""Quantities through the whole pipeline: the case corpus, negative cases, source / as_of /
about, and robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.article import Article, Span
from marsad.numbers.quantities import find_quantities
from marsad.numbers.stage import QuantitiesStage
from marsad.pipeline import Pipeline
from tests.conftest import check_contract

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "numbers" / "quantities.tsv"
NLP = Pipeline()


def _cases() -> list[tuple[str, str]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]  # type: ignore[misc]


def _key(q: dict[str, object]) -> str:
    value = f"~{q['magnitude']}" if q["value"] is None else str(q["value"])
    return f"{q['category']}:{value}:{q['qualifier']}"


@pytest.mark.parametrize(("expected", "sentence"), _cases())
def test_quantity_corpus(expected: str, sentence: str) -> None:
    article = NLP(sentence, published="2023-12-26")
    out = article.to_dict()
    check_contract(out)
    want = [] if expected == "-" else sorted(expected.split("|"))
    assert sorted(_key(q) for q in out["quantities"]) == want
    for q in article.cache["quantities"]:
        assert q.rule


def test_source_and_as_of() -> None:
    text = "خلفت الحرب وحتى الثلاثاء 20 ألفاً و915 قتيلاً، وفقاً لوزارة الصحة في غزة."
    article = NLP(text, published="2023-12-26")
    check_contract(article.to_dict())
    [q] = article.meta["quantities"]
    assert (q["value"], q["category"], q["as_of"]) == (20915, "killed", "2023-12-26")
    assert q["source"] == "وزارة الصحة"


def test_about_uses_an_entity_mention() -> None:
    text = "قتل 12 شخصا في غزة أمس."
    article = Article(text)
    article.add("paragraphs", [Span(0, len(text), "paragraph")])
    start = text.index("غزة")
    article.meta["entities"] = [
        {"id": "e1", "type": "LOC", "name": "غزة", "name_en": None, "kb": None,
         "mentions": [{"start": start, "end": start + 3, "text": "غزة"}], "roles": []},
    ]
    QuantitiesStage()(article)
    [q] = article.meta["quantities"]
    assert (q["value"], q["about"]) == (12, "e1")


def test_about_is_null_without_entities() -> None:
    [q] = find_quantities("قتل 12 شخصا في غزة")
    assert q.about is None


def test_offsets_point_at_the_phrase() -> None:
    text = "وقتلت «حماس» نحو ١٢٠٠ إسرائيليٍّ وأُسرت حوالي ٢٤٠"
    for q in find_quantities(text):
        assert text[q.start : q.end].strip() == text[q.start : q.end]
        assert q.start < q.end


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    ["قتل", "20", "ألفاً", "و915", "قتيلاً", "نحو", "عشرات", "آلاف", "من", "،", ".", "غارتين",
     "أكثر", "مليون", "ونصف", "٤٣٫٥", "مليار", "الـ", "شخصا", "على", "الأقل", "\u064b", " "]
), max_size=25).map(" ".join) | st.text(max_size=60))
def test_never_raises(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
