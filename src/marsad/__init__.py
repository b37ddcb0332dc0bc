"""Marsad (مرصد): Arabic-first news intelligence that points every fact back to its words.

>>> import marsad
>>> art = marsad.extract("مرصد يقرأ الأخبار\\n\\nقال المتحدث إن الاجتماع كان إيجابياً.")
>>> art.to_dict()["schema"]
'marsad.article/1'
"""

from __future__ import annotations

from functools import cache

from marsad.article import SCHEMA, Article, Span
from marsad.errors import MarsadError
from marsad.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = ["SCHEMA", "Article", "MarsadError", "Pipeline", "Span", "__version__", "extract"]


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(
    text: str,
    *,
    published: str | None = None,
    url: str | None = None,
    id: str | None = None,
) -> Article:
    """Extract one article; ``extract(...).to_dict()`` is the ``marsad.article/1`` object.

    ``published`` (ISO 8601) is used when the text states no publication time.
    Raises :class:`MarsadError` subclasses for bad input (empty text, bad ``published``).
    """
    if published is not None:
        from marsad.batch import check_iso

        check_iso(published)
    return _default_pipeline()(text, id=id, url=url, published=published)
