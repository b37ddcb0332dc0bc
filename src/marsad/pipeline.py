"""Ordered stages over one :class:`~marsad.article.Article`.

A stage is a small callable with a ``name``, the layers it ``requires`` and the layers it
``provides``; :class:`Pipeline` checks at build time that every requirement is provided by
an earlier stage, so a misordered pipeline fails when it is built, not halfway through a
batch. Stages only add layers and metadata; the text is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from marsad.article import Article
from marsad.errors import PipelineError
from marsad.inputs import check_text

__all__ = ["Pipeline", "Stage", "default_stages"]


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, article: Article) -> None: ...


def default_stages() -> list[Stage]:
    """The stages of ``marsad extract``, in order (registered here, not by import side effects)."""
    from marsad.dates.stage import DatesStage
    from marsad.entities.stage import EntitiesStage
    from marsad.events.stage import EventsStage
    from marsad.numbers.stage import QuantitiesStage
    from marsad.quotes.stage import QuotesStage
    from marsad.structure.stage import StructureStage
    from marsad.text.stage import SentencesStage, TokensStage

    return [
        StructureStage(), SentencesStage(), TokensStage(), EntitiesStage(), DatesStage(),
        QuantitiesStage(),
        QuotesStage(), EventsStage(),
    ]


class Pipeline:
    """Runs stages in order over articles.

    >>> nlp = Pipeline()
    >>> art = nlp("مرصد يقرأ الأخبار\\n\\nقال المتحدث إن الاجتماع كان إيجابياً.")
    >>> art.meta["title"]
    'مرصد يقرأ الأخبار'
    """

    def __init__(self, stages: Sequence[Stage] | None = None) -> None:
        self.stages: list[Stage] = list(stages) if stages is not None else default_stages()
        self._check()

    def _check(self) -> None:
        available: set[str] = {"text"}
        names: set[str] = set()
        for stage in self.stages:
            if stage.name in names:
                raise PipelineError(f"stage {stage.name!r} appears twice in the pipeline")
            names.add(stage.name)
            missing = [r for r in stage.requires if r not in available]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage provides"
                )
            available.update(stage.provides)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, article: Article) -> Article:
        for stage in self.stages:
            stage(article)
        return article

    def __call__(
        self,
        text: str,
        *,
        id: str | None = None,
        url: str | None = None,
        published: str | None = None,
    ) -> Article:
        check_text(text)
        return self.run(Article(text, id=id, url=url, published=published))

    def pipe(self, texts: Iterable[str]) -> Iterable[Article]:
        for text in texts:
            yield self(text)
