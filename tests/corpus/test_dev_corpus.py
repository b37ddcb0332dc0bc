"""The dev corpus as an evaluation gate: every field's score may rise, never fall.

Floors are pinned in ``floors.json`` beside this file (accuracies as score.py prints them,
P/R/F1 fields by their F1). When a change raises a score, raise its floor in the same commit.
"""

from __future__ import annotations

import pytest

from tests.corpus.gate import FLOORS, score_dev


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_dev_corpus_field_meets_floor(field: str) -> None:
    got = score_dev().get(field)
    assert got >= FLOORS[field], f"{field} fell to {got:.3f} (floor {FLOORS[field]})"
