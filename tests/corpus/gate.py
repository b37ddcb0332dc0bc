"""Scoring the dev corpus with the official scorer (``../shared/tools/score.py``), once per
pipeline, for the evaluation gates (trafilatura's eval-gate idea: floors that only rise)."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import marsad
from marsad.pipeline import Pipeline
from tests.conftest import check_contract, shared_path

_ALL_FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
FLOORS: dict[str, float] = _ALL_FLOORS["dev"]
OWN_FLOORS: dict[str, float] = _ALL_FLOORS["own"]
OWN_CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "articles"


@dataclass(frozen=True)
class Report:
    accuracy: dict[str, float]  # title, published, … as score.py prints them
    f1: dict[str, float]  # entities, entities_PER, quantities, dates, quotes, events …

    def get(self, field: str) -> float:
        return self.accuracy[field] if field in self.accuracy else self.f1[field]


@cache
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("marsad_score", shared_path("tools", "score.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dev_items(folder: Path | None = None) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(input item, gold) for each article of ``folder`` (the dev corpus by default), built
    as score.py builds them."""
    folder = folder or shared_path("corpus", "dev")
    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        txt = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
        if not txt.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        item: dict[str, Any] = {"id": txt.stem, "text": txt.read_text(encoding="utf-8"),
                                "url": gold.get("source_url")}
        if not gold.get("published") and gold.get("url_date"):
            item["published"] = gold["url_date"]
        out.append((item, gold))
    return out


def score_dev(pipeline: Pipeline | None = None) -> Report:
    """Run ``pipeline`` (the default one when None) over the dev corpus and score it."""
    return _score_default() if pipeline is None else _score(pipeline)


@cache
def score_own() -> Report:
    """The default pipeline over the articles written for these tests (tests/corpora/articles)."""
    return _score(None, OWN_CORPUS)


@cache
def _score_default() -> Report:
    return _score(None)


def _score(pipeline: Pipeline | None, folder: Path | None = None) -> Report:
    score = scorer()
    tally = score.Tally()
    acc: dict[str, list[Any]] = {k: [] for k in (
        "title", "published", "updated", "outlet", "body_include", "body_exclude", "caption_recall",
        "caption_credit", "roles", "name_en", "qualifier", "offsets_ok", "_missed_entities",
        "_spurious_entities", "_missed_quantities")}
    for item, gold in dev_items(folder):
        kwargs = {"id": item["id"], "url": item["url"], "published": item.get("published")}
        article = marsad.extract(item["text"], **kwargs) if pipeline is None else pipeline(item["text"], **kwargs)
        obj = article.to_dict()
        check_contract(obj)
        score.score_article(gold, obj, tally, acc)
    accuracy = {k: score.mean(v) for k, v in acc.items() if v and not k.startswith("_")}
    return Report(accuracy, {k: v[2] for k, v in tally.rows().items()})
