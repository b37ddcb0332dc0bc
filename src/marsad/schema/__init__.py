"""The JSON Schema of the output contract, shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["article_schema"]


@cache
def article_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``marsad.article/1``."""
    data: dict[str, Any] = json.loads(
        files("marsad.schema").joinpath("article-1.json").read_text(encoding="utf-8")
    )
    return data
