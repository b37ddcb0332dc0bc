"""The dev corpus as a gate for quantities and dates: F1 and qualifier accuracy may rise,
never fall (scored with ../shared/tools/score.py, skipped when ../shared is absent)."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType
from typing import Any

import pytest

import marsad
from tests.conftest import shared_path

# Pinned floors: raise them when the scores rise.
FLOORS = {"quantities_f1": 0.98, "dates_f1": 1.0, "qualifier": 1.0}


def _scorer() -> ModuleType:
    path = shared_path("tools", "score.py")
    spec = importlib.util.spec_from_file_location("marsad_score_nd", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    score = _scorer()
    folder = shared_path("corpus", "dev")
    tally = score.Tally()
    acc: dict[str, list[Any]] = {k: [] for k in (
        "title", "published", "updated", "outlet", "body_include", "body_exclude", "caption_recall",
        "caption_credit", "roles", "name_en", "qualifier", "offsets_ok", "_missed_entities",
        "_spurious_entities", "_missed_quantities")}
    for gold_path in sorted(folder.glob("*.gold.json")):
        txt = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
        if not txt.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        published = None if gold.get("published") else gold.get("url_date")
        obj = marsad.extract(txt.read_text(encoding="utf-8"), url=gold.get("source_url"),
                             published=published).to_dict()
        score.score_article(gold, obj, tally, acc)
    rows = tally.rows()
    return {
        "quantities_f1": rows["quantities"][2],
        "dates_f1": rows["dates"][2],
        "qualifier": score.mean(acc["qualifier"]),
    }


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_dev_scores_meet_floors(scores: dict[str, float], field: str) -> None:
    assert scores[field] >= FLOORS[field], f"{field} fell to {scores[field]:.3f} (floor {FLOORS[field]})"
