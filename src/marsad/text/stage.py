"""Pipeline stages of the text layer: sentences within the article's text, then tokens.

``pipeline.default_stages`` registers them after the structure stage. Both only add
layers; the token objects themselves (with their clitic segments) are kept in
``article.cache["tokens"]`` for later stages.

>>> from marsad.article import Article, Span
>>> article = Article("العنوان\\n\\nقال الوزير إن الوضع جيد. وأضاف أنه سيعود.")
>>> article.add("title", [Span(0, 7, "title")])
>>> article.add("paragraphs", [Span(9, 50, "paragraph")])
>>> SentencesStage()(article); TokensStage()(article)
>>> article.spans_text("sentences")
['العنوان', 'قال الوزير إن الوضع جيد.', 'وأضاف أنه سيعود.']
>>> [t.stem_norm for t in article.cache["tokens"]][:4]
['عنوان', 'قال', 'وزير', 'ان']
"""

from __future__ import annotations

from marsad.article import Article, Span
from marsad.text.sentences import split_sentences
from marsad.text.tokens import Token, tokenize

__all__ = ["SentencesStage", "TokensStage"]


class SentencesStage:
    """Splits the title and every paragraph into sentences (layer ``sentences``)."""

    name = "sentences"
    requires: tuple[str, ...] = ("paragraphs",)
    provides: tuple[str, ...] = ("sentences",)

    def __call__(self, article: Article) -> None:
        text = article.text
        spans = [
            Span(start, end, "sentence", {"in": block.label})
            for block in article.layer("title") + article.layer("paragraphs")
            for start, end in split_sentences(text, block.start, block.end)
        ]
        article.add("sentences", spans)


class TokensStage:
    """Tokenizes every sentence (layer ``tokens``: label = kind, attrs norm and stem)."""

    name = "tokens"
    requires: tuple[str, ...] = ("sentences",)
    provides: tuple[str, ...] = ("tokens",)

    def __call__(self, article: Article) -> None:
        text = article.text
        tokens: list[Token] = []
        for sentence in article.layer("sentences"):
            tokens.extend(tokenize(text, sentence.start, sentence.end))
        article.cache["tokens"] = tokens
        article.add("tokens", [
            Span(t.start, t.end, t.kind, {"norm": t.norm, "stem": t.stem_norm}) for t in tokens
        ])
