"""Shared fixtures: the contract validator and the location of ../shared."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from marsad.schema import article_schema

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip saying it is missing (the corpus is never copied here)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the shared corpus is read from ../shared or $MARSAD_SHARED")
    return path


_VALIDATOR = jsonschema.Draft202012Validator(article_schema())


def check_contract(obj: dict[str, Any]) -> None:
    """Every output is valid against the shipped schema and every span points at its text."""
    errors = sorted(_VALIDATOR.iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    text = obj["text"]
    for key in ("paragraphs", "boilerplate"):
        for span in obj[key]:
            assert 0 <= span["start"] < span["end"] <= len(text)
    for span in obj["captions"]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert obj["body"] == "\n\n".join(text[p["start"]:p["end"]] for p in obj["paragraphs"])
    for ent in obj["entities"]:
        for span in ent["mentions"] + ent["roles"]:
            assert text[span["start"]:span["end"]] == span["text"]
    for span in obj["quantities"] + obj["dates"]:
        assert text[span["start"]:span["end"]] == span["text"]
    for quote in obj["quotes"]:
        for key in ("speaker", "cue", "content"):
            assert text[quote[key]["start"]:quote[key]["end"]] == quote[key]["text"]
    for event in obj["events"]:
        assert text[event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"]


@pytest.fixture
def contract() -> Callable[[dict[str, Any]], None]:
    return check_contract
