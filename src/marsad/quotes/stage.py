"""The quotes stage: fills ``article.meta["quotes"]`` with contract quote objects.

>>> from marsad.article import Article, Span
>>> from marsad.text.stage import SentencesStage, TokensStage
>>> art = Article("قال الوزير إن الوفد سيعود غدا.")
>>> art.add("paragraphs", [Span(0, len(art.text), "paragraph")])
>>> SentencesStage()(art); TokensStage()(art); QuotesStage()(art)
>>> [(q["speaker"]["text"], q["cue"]["text"]) for q in art.meta["quotes"]]
[('الوزير', 'قال')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from marsad.article import Article
from marsad.quotes.attribution import Mention, Quote, find_quotes
from marsad.text import Token, tokenize

__all__ = ["QuotesStage", "entity_mentions", "quote_dict"]


def entity_mentions(entities: Iterable[Mapping[str, Any]]) -> list[Mention]:
    """The mentions of contract entity dicts, as :class:`Mention` objects."""
    out: list[Mention] = []
    for ent in entities:
        for m in ent.get("mentions") or []:
            try:
                out.append(Mention(int(m["start"]), int(m["end"]), str(ent["id"]), str(ent.get("type", ""))))
            except (KeyError, TypeError, ValueError):
                continue
    return out


def quote_dict(text: str, q: Quote) -> dict[str, Any]:
    """The contract form of one quote."""
    def span(r: tuple[int, int]) -> dict[str, Any]:
        return {"start": r[0], "end": r[1], "text": text[r[0] : r[1]]}

    return {
        "speaker": {**span(q.speaker), "entity": q.entity},
        "cue": span(q.cue),
        "content": span(q.content),
        "direct": q.direct,
    }


class QuotesStage:
    """Attributed statements in the body (``article.meta["quotes"]``)."""

    name = "quotes"
    requires: tuple[str, ...] = ("sentences",)
    provides: tuple[str, ...] = ("quotes",)

    def __call__(self, article: Article) -> None:
        text = article.text
        # the body only: a headline restates what the body attributes ("الوزير: لا حل عسكرياً")
        sentences = [(s.start, s.end) for s in article.layer("sentences") if s.attrs.get("in") != "title"]
        tokens: list[Token] | None = article.cache.get("tokens")
        if tokens is None:
            tokens = [t for s, e in sentences for t in tokenize(text, s, e)]
        paragraphs = [(p.start, p.end) for p in article.layer("paragraphs")]
        mentions = entity_mentions(article.meta.get("entities") or [])
        try:
            quotes = find_quotes(text, sentences, tokens, mentions, paragraphs or None)
        except (ValueError, IndexError, RecursionError):  # degrade, never fail the article
            quotes = []
            article.warnings.append("quotes: attribution failed on this article")
        article.cache["quotes"] = quotes
        article.meta["quotes"] = [quote_dict(text, q) for q in quotes]
