"""Entities on the dev corpus, scored by the official scorer: floors that only rise.

The corpus is read from ../shared (skipped when absent).
"""

from __future__ import annotations

from marsad.entities.stage import EntitiesStage
from marsad.pipeline import Pipeline, default_stages
from tests.corpus.gate import score_dev

# With the model the floors live in tests/corpus/floors.json; rules and gazetteer alone
# (no statistical model) must hold these.
FLOORS = {"entities": 0.95, "entities_PER": 0.95, "roles": 0.9, "name_en": 0.9}


def test_dev_entity_scores_hold_without_the_model() -> None:
    nlp = Pipeline([EntitiesStage(use_model=False) if isinstance(s, EntitiesStage) else s
                    for s in default_stages()])
    report = score_dev(nlp)
    for field, floor in FLOORS.items():
        assert report.get(field) >= floor, f"rules only: {field} {report.get(field):.3f} < {floor}"
