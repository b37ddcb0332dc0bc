"""The quantities stage: counts stated in the title and the body.

Numbers inside dates found by the dates stage are not counts. Output: the contract list in
``article.meta["quantities"]``, the typed :class:`Quantity` objects (with the rule that
produced each) in ``article.cache["quantities"]``, and a ``quantities`` span layer. ``about``
is the id of an entity in ``article.meta["entities"]`` (when an entity stage ran) whose
mention overlaps the place/party phrase of the quantity's sentence.

>>> from marsad.article import Article, Span
>>> article = Article("قتل 12 شخصا وأصيب 30 آخرون في غزة")
>>> article.add("paragraphs", [Span(0, len(article.text), "paragraph")])
>>> QuantitiesStage()(article)
>>> [(q["category"], q["value"]) for q in article.meta["quantities"]]
[('killed', 12), ('injured', 30)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cache
from typing import Any

from marsad.article import Article, Span
from marsad.lexicons import read_rows
from marsad.numbers.quantities import Quantity, find_quantities
from marsad.text import Normalized, normalize_str

__all__ = ["QuantitiesStage"]

_MAX_BLOCK = 20_000


class QuantitiesStage:
    """Finds counts in the title and paragraphs (``meta["quantities"]``, layer ``quantities``)."""

    name = "quantities"
    requires: tuple[str, ...] = ("paragraphs",)
    provides: tuple[str, ...] = ("quantities",)

    def __call__(self, article: Article) -> None:
        text = article.text
        dates = article.layer("dates")
        exclude = [(d.start, d.end) for d in dates]
        resolved = [(d.start, d.end, d.attrs.get("value")) for d in dates]
        entities: list[dict[str, Any]] = list(article.meta.get("entities") or [])
        found: list[Quantity] = []
        blocks = [(b.start, b.end) for b in article.layer("title") + article.layer("paragraphs")]
        if not blocks and text.strip():
            blocks = [(0, len(text))]  # a one-sentence text the structure stage set aside whole
        starts = [d.start for d in dates]  # the layer is sorted by start
        shared: dict[tuple[int, int], Normalized] = article.cache.get("normalized_blocks") or {}
        for block_start, block_end in blocks:
            for lo in range(block_start, block_end, _MAX_BLOCK):
                hi = min(block_end, lo + _MAX_BLOCK)
                # only the dates of this piece: a long text must not cost dates × numbers
                a, b = bisect_left(starts, lo - 200), bisect_right(starts, hi)
                try:
                    found.extend(find_quantities(
                        text, lo, hi, exclude=exclude[a:b], dates=resolved[a:b], entities=entities,
                        normalized=shared.get((lo, hi)),
                    ))
                except (ValueError, IndexError, ArithmeticError):
                    continue  # a stage degrades to fewer results, never raises
        found.sort(key=lambda q: q.start)
        found = _released_in_exchange(text, found)
        article.cache["quantities"] = found
        article.meta["quantities"] = [q.to_dict(text) for q in found]
        article.add("quantities", [
            Span(q.start, q.end, q.category, {"value": q.value, "rule": q.rule}) for q in found
        ])


@cache
def _exchange_words() -> tuple[tuple[str, ...], frozenset[str]]:
    rows = read_rows("quantity_exchange.tsv")
    return (tuple(f for k, f in rows if k == "context"), frozenset(f for k, f in rows if k == "transfer"))


def _released_in_exchange(text: str, found: list[Quantity]) -> list[Quantity]:
    """In an article reporting a prisoner exchange, captives being transferred are released."""
    if not any(q.category == "detained" for q in found):
        return found
    contexts, transfers = _exchange_words()
    norm = normalize_str(text)
    if not any(c in norm for c in contexts):
        return found
    out = []
    for q in found:
        before = normalize_str(text[max(0, q.start - 12) : q.start]).split()
        if q.category == "detained" and before and before[-1] in transfers:
            q = replace(q, category="released", rule=q.rule + "+exchange-transfer")
        out.append(q)
    return out
