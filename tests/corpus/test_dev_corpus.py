"""The dev corpus as an evaluation gate: per-field scores may rise, never fall.

Scores are computed with the official scorer (``../shared/tools/score.py``) on the gold files
in ``../shared/corpus/dev``; the floors are pinned in ``floors.json`` beside this file. When a
change raises a score, raise its floor in the same commit.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import marsad
from tests.conftest import check_contract, shared_path

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


def _scorer() -> ModuleType:
    path = shared_path("tools", "score.py")
    spec = importlib.util.spec_from_file_location("marsad_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _items(folder: Path) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(id, input item, gold) as score.py builds them."""
    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        tid = gold_path.name[: -len(".gold.json")]
        txt = folder / f"{tid}.txt"
        if not txt.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        item: dict[str, Any] = {"id": tid, "text": txt.read_text(encoding="utf-8")}
        if gold.get("source_url"):
            item["url"] = gold["source_url"]
        if not gold.get("published") and gold.get("url_date"):
            item["published"] = gold["url_date"]
        out.append((tid, item, gold))
    return out


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, float]:
    score = _scorer()
    folder = shared_path("corpus", "dev")
    tally, acc = score.Tally(), {k: [] for k in (
        "title", "published", "updated", "outlet", "body_include", "body_exclude", "caption_recall",
        "caption_credit", "roles", "name_en", "qualifier", "offsets_ok", "_missed_entities",
        "_spurious_entities", "_missed_quantities")}
    for _tid, item, gold in _items(folder):
        obj = marsad.extract(item["text"], url=item.get("url"), published=item.get("published"),
                             id=item["id"]).to_dict()
        check_contract(obj)
        score.score_article(gold, obj, tally, acc)
    return {k: score.mean(v) for k, v in acc.items() if v and not k.startswith("_")}


@pytest.mark.parametrize("field", sorted(FLOORS["dev"]))
def test_dev_corpus_field_meets_floor(dev_scores: dict[str, float], field: str) -> None:
    assert dev_scores[field] >= FLOORS["dev"][field], (
        f"{field} fell to {dev_scores[field]:.3f} (floor {FLOORS['dev'][field]})")


def test_every_dev_article_is_valid_contract_output() -> None:
    for _tid, item, _gold in _items(shared_path("corpus", "dev")):
        check_contract(marsad.extract(item["text"], url=item.get("url")).to_dict())
