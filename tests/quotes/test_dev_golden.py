"""The dev corpus as golden files for quotes and events, scored with the official scorer.

Floors only rise: when a change raises a score, raise its floor here. Events depend on the
entity stage too (participants are entity ids), so their floor is set with it in place.
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType
from typing import Any

import pytest

import marsad
from tests.conftest import check_contract, shared_path

FLOORS = {"quotes": 0.97, "events": 0.75}


def _scorer() -> ModuleType:
    path = shared_path("tools", "score.py")
    spec = importlib.util.spec_from_file_location("marsad_score_qe", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def f1() -> dict[str, float]:
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
        check_contract(obj)
        score.score_article(gold, obj, tally, acc)
    return {k: v[2] for k, v in tally.rows().items()}


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_dev_f1_meets_floor(f1: dict[str, float], field: str) -> None:
    assert f1[field] >= FLOORS[field], f"{field} F1 fell to {f1[field]:.3f} (floor {FLOORS[field]})"
