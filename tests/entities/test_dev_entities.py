"""Entities on the dev corpus, scored by the official scorer: floors that only rise.

The corpus is read from ../shared (skipped when absent). Rules and gazetteer alone are
gated strictly; with the statistical model (trained elsewhere, which may change) a little
more loosely.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from marsad.entities.stage import EntitiesStage
from marsad.pipeline import Pipeline, default_stages
from tests.conftest import check_contract, shared_path

FLOORS = {
    "rules": {"f1": 0.95, "PER": 0.95, "roles": 0.9, "name_en": 0.9},
    "model": {"f1": 0.93, "PER": 0.9, "roles": 0.9, "name_en": 0.88},
}


def _scorer() -> ModuleType:
    path = shared_path("tools", "score.py")
    spec = importlib.util.spec_from_file_location("marsad_score_entities", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(use_model: bool) -> dict[str, float]:
    score = _scorer()
    folder = shared_path("corpus", "dev")
    nlp = Pipeline([EntitiesStage(use_model=use_model) if isinstance(s, EntitiesStage) else s
                    for s in default_stages()])
    tally = score.Tally()
    acc: dict[str, list[Any]] = {k: [] for k in (
        "title", "published", "updated", "outlet", "body_include", "body_exclude",
        "caption_recall", "caption_credit", "roles", "name_en", "qualifier", "offsets_ok",
        "_missed_entities", "_spurious_entities", "_missed_quantities")}
    for gold_path in sorted(Path(folder).glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        published = gold.get("url_date") if not gold.get("published") else None
        obj = nlp(text, url=gold.get("source_url"), published=published).to_dict()
        check_contract(obj)
        score.score_article(gold, obj, tally, acc)
    rows = tally.rows()
    return {
        "f1": rows["entities"][2],
        "PER": rows.get("entities_PER", (0, 0, 1.0))[2],
        "roles": sum(acc["roles"]) / max(len(acc["roles"]), 1),
        "name_en": sum(acc["name_en"]) / max(len(acc["name_en"]), 1),
    }


@pytest.mark.parametrize("mode", ["rules", "model"])
def test_dev_entity_scores_hold(mode: str) -> None:
    got = _score(use_model=mode == "model")
    for key, floor in FLOORS[mode].items():
        assert got[key] >= floor, f"{mode} {key}: {got[key]:.3f} < {floor}"
