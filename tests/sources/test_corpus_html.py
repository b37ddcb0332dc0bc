"""The three real Arabic pages with gold in ../shared/corpus/html (read there, never copied):
title, published/updated, body must-include and must-exclude all hold, as the scorer checks them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from marsad.pipeline import Pipeline
from marsad.sources.html import extract_html
from tests.conftest import check_contract, shared_path

NAMES = [
    "arabic.cnn.com-syria-clashes-2013",
    "assabah.com.tn-sudan-activist-interview",
    "lbcgroup.tv-trump-pink-hair-2026",
]
PIPELINE = Pipeline()


def ws(s: str | None) -> str:
    return " ".join((s or "").split())


def same_time(gold: str | None, got: str | None) -> bool:
    if gold is None:
        return True  # the scorer does not score a field the page does not state
    if got is None:
        return False
    if len(gold) <= 10:
        return got[:10] == gold
    return datetime.fromisoformat(gold) == datetime.fromisoformat(got)


@pytest.mark.parametrize("name", NAMES)
def test_shared_html_page(name: str) -> None:
    folder: Path = shared_path("corpus", "html")
    gold = json.loads((folder / f"{name}.gold.json").read_text(encoding="utf-8"))
    html = (folder / f"{name}.html").read_bytes().decode("utf-8", "replace")
    obj = extract_html(html, url=gold.get("url"), id=name, pipeline=PIPELINE).to_dict()
    check_contract(obj)
    assert ws(obj["title"]) == ws(gold["title"])
    assert same_time(gold.get("published"), obj["published"])
    assert same_time(gold.get("updated"), obj["updated"])
    body = ws(obj["body"])
    for s in gold["body_must_include"]:
        assert ws(s) in body
    for s in gold["body_must_exclude"]:
        assert ws(s) not in body
    if gold.get("author"):
        assert obj["author"] == gold["author"]
