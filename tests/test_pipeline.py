"""The pipeline checks its stages' order, and the public API stays small."""

from __future__ import annotations

import pytest

import marsad
from marsad.article import Article
from marsad.errors import EmptyInput, PipelineError
from marsad.pipeline import Pipeline
from marsad.structure.stage import StructureStage
from marsad.text.stage import SentencesStage, TokensStage


def test_a_stage_before_what_it_requires_fails_when_the_pipeline_is_built() -> None:
    with pytest.raises(PipelineError, match="requires paragraphs"):
        Pipeline([SentencesStage(), StructureStage()])


def test_a_stage_twice_fails() -> None:
    with pytest.raises(PipelineError, match="twice"):
        Pipeline([StructureStage(), StructureStage()])


def test_default_pipeline_starts_with_structure_and_text() -> None:
    assert Pipeline().stage_names[:3] == ["structure", "sentences", "tokens"]


def test_text_is_never_changed_by_the_pipeline() -> None:
    text = "عنوان\u200f الخبر\n\nقال الوزير إن الاجتماع كان إيجابياً جداً وإن المحادثات ستستمر.\n"
    article = Pipeline([StructureStage(), SentencesStage(), TokensStage()])(text)
    assert article.text == text
    assert isinstance(article, Article)


def test_extract_refuses_empty_text_with_a_code() -> None:
    with pytest.raises(EmptyInput) as info:
        marsad.extract("  \n ")
    assert info.value.code == "E101"


def test_public_api_is_explicit() -> None:
    # (its order is ruff's RUF022 isort-style sort)
    assert len(set(marsad.__all__)) == len(marsad.__all__)
    for name in marsad.__all__:
        assert hasattr(marsad, name)
