"""Every error code is documented: in the tree of marsad.errors and in the README."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import marsad.errors
from marsad.errors import MarsadError

MODULES = ["marsad.batch", "marsad.entities.kb", "marsad.store.base", "marsad.store.ingest", "marsad.sources.errors"]
README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _all_subclasses(cls: type[MarsadError]) -> list[type[MarsadError]]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_all_subclasses(sub))
    return out


@pytest.fixture(scope="module")
def error_classes() -> list[type[MarsadError]]:
    for name in MODULES:
        importlib.import_module(name)
    return _all_subclasses(MarsadError)


def test_codes_are_unique(error_classes: list[type[MarsadError]]) -> None:
    codes = [c.code for c in error_classes]
    assert len(codes) == len(set(codes)), sorted(codes)


def _listed(code: str, text: str, web_range: str) -> bool:
    """The code itself, or a web-source code inside the documented E40x range."""
    return code in text or (code[:3] == "E40" and web_range in text)


def test_every_code_is_in_the_error_tree_and_the_readme(error_classes: list[type[MarsadError]]) -> None:
    doc = marsad.errors.__doc__ or ""
    for cls in error_classes:
        if cls.code in ("E100", "E400"):
            continue  # abstract bases
        assert _listed(cls.code, doc, "E400–E408"), f"{cls.__name__} {cls.code} missing from marsad.errors"
        assert _listed(cls.code, README, "E401–E408"), f"{cls.__name__} {cls.code} missing from README.md"
