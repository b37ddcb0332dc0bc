"""The dev corpus as an evaluation gate: every field's score may rise, never fall.

The same for the articles written for these tests (``tests/corpora/articles``, section
"own"). Floors are pinned in ``floors.json`` beside this file (accuracies as score.py prints them,
P/R/F1 fields by their F1). When a change raises a score, raise its floor in the same commit.
"""

from __future__ import annotations

import pytest

from tests.corpus.gate import FLOORS, OWN_FLOORS, score_dev, score_own


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_dev_corpus_field_meets_floor(field: str) -> None:
    got = score_dev().get(field)
    assert got >= FLOORS[field], f"{field} fell to {got:.3f} (floor {FLOORS[field]})"


@pytest.mark.parametrize("field", sorted(OWN_FLOORS))
def test_own_articles_field_meets_floor(field: str) -> None:
    """The articles in tests/corpora/articles (written for these tests; needs the scorer)."""
    got = score_own().get(field)
    assert got >= OWN_FLOORS[field], f"{field} fell to {got:.3f} (floor {OWN_FLOORS[field]})"
