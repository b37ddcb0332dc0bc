"""The CoNLL reader and the exact-span scorer behind ``marsad eval-ner``."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.entities.train import read_conll, score, spans_of_tags, split_heldout


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ([], []),
        (["O", "O"], []),
        (["B-PERS", "I-PERS", "O"], [(0, 2, "PERS")]),
        (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        # an I- after O or after another type opens a chunk (conlleval, seqeval)
        (["O", "I-ORG", "I-ORG"], [(1, 3, "ORG")]),
        (["B-PERS", "I-LOC"], [(0, 1, "PERS"), (1, 2, "LOC")]),
        (["B-MISC", "I-MISC", "B-MISC"], [(0, 2, "MISC"), (2, 3, "MISC")]),
        (["I-LOC"], [(0, 1, "LOC")]),
    ],
)
def test_spans_of_tags(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert spans_of_tags(tags) == expected


@pytest.mark.parametrize(
    ("gold", "pred", "overall_f1", "per_type"),
    [
        ([["B-LOC", "O"]], [["B-LOC", "O"]], 1.0, {"LOC": 1.0}),
        ([["B-LOC", "O"]], [["O", "O"]], 0.0, {"LOC": 0.0}),
        # a span with the wrong extent is both a miss and a false alarm
        ([["B-PERS", "I-PERS"]], [["B-PERS", "O"]], 0.0, {"PERS": 0.0}),
        ([["B-PERS", "I-PERS", "B-LOC"]], [["B-PERS", "I-PERS", "B-ORG"]], 0.5,
         {"PERS": 1.0, "LOC": 0.0, "ORG": 0.0}),
    ],
)
def test_score(gold: list[list[str]], pred: list[list[str]], overall_f1: float, per_type: dict[str, float]) -> None:
    result = score(gold, pred)
    assert result["overall"]["f1"] == overall_f1
    assert {k: v["f1"] for k, v in result.items() if k != "overall"} == per_type


_TAG = st.sampled_from(["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG"])


@given(st.lists(st.lists(_TAG, max_size=12), max_size=6))
def test_a_sequence_scores_perfectly_against_itself(seqs: list[list[str]]) -> None:
    result = score(seqs, seqs)
    has_spans = any(spans_of_tags(s) for s in seqs)
    assert result["overall"]["f1"] == (1.0 if has_spans else 0.0)


@given(st.lists(_TAG, max_size=20))
def test_chunks_are_ordered_and_disjoint(tags: list[str]) -> None:
    spans = spans_of_tags(tags)
    for (a, b, _), (c, _d, _t) in pairwise(spans):
        assert a < b <= c
    covered = {i for a, b, _ in spans for i in range(a, b)}
    assert covered == {i for i, t in enumerate(tags) if t != "O"}


def test_read_conll(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("قال O\nالوزير O\nسمير B-PERS\n\n\nفي O\nعمان B-LOC", encoding="utf-8")
    sentences = read_conll(path)
    assert [s.words for s in sentences] == [("قال", "الوزير", "سمير"), ("في", "عمان")]
    assert sentences[0].tags == ("O", "O", "B-PERS")


def test_heldout_is_the_tail() -> None:
    train, held = split_heldout(list(range(20)), 0.25)  # type: ignore[arg-type]
    assert held == [15, 16, 17, 18, 19] and train == list(range(15))
