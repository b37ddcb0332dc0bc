"""Arabic search terms: normalized, clitics cut, Snowball-stemmed (PyStemmer).

The same function makes the index terms of an article and the terms of a query, so that a
query matches whatever spelling the article used: hamza forms, ة/ه, ى/ي, diacritics,
tatweel, a leading و/ب/ل/ال and plural endings the stemmer removes.

>>> terms("إيجابية") == terms("ايجابيه") == terms("الإيجابيّة")
True
>>> terms("المفاوضات") == terms("مفاوضات") == terms("والمفاوضات")
True
>>> terms("في غزة")
['غزه']
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from functools import cache

import Stemmer  # type: ignore[import-not-found]

from marsad.lexicons import read_column
from marsad.text import Token, tokenize

__all__ = ["shingles", "snippet", "stopwords", "terms", "token_terms"]

_STEMMER = Stemmer.Stemmer("arabic")
# Snippets: how many tokens around the best window of hits.
_WINDOW = 28


@cache
def stopwords() -> frozenset[str]:
    return frozenset(read_column("search_stopwords.tsv"))


@cache
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def _term(token: Token) -> str | None:
    if token.kind == "word":
        base = token.stem_norm
    elif token.kind in ("latin", "number"):
        base = token.norm.lower().replace(",", "")
    else:
        return None
    if not base or base in stopwords():
        return None
    return _stem(base) if token.kind != "number" else base


def token_terms(text: str) -> list[tuple[Token, str]]:
    """Each indexable token of ``text`` with its search term."""
    out: list[tuple[Token, str]] = []
    for token in tokenize(text):
        term = _term(token)
        if term:
            out.append((token, term))
    return out


def terms(text: str) -> list[str]:
    """The search terms of ``text``, in order (repeats kept: they are term frequencies)."""
    return [term for _, term in token_terms(text)]


def shingles(words: Sequence[str], size: int = 3) -> set[str]:
    """Word n-grams of an analyzed text, for near-duplicate detection."""
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _first_hit_region(text: str, wanted: set[str]) -> list[tuple[Token, str]]:
    """Tokens of the first line (paragraph) with a query term.

    Tokenizing only that much keeps snippets cheap on long articles; without a hit, the
    opening lines are used.
    """
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            tokens = token_terms(line)
            if any(term in wanted for _, term in tokens):
                return [(_shift(t, pos), term) for t, term in tokens]
        pos += len(line) + 1
    return token_terms(text[:600])


def _shift(token: Token, offset: int) -> Token:
    return Token(token.start + offset, token.end + offset, token.kind, token.norm, ())


def snippet(text: str, query: Iterable[str], *, mark: tuple[str, str] = ("<b>", "</b>")) -> str:
    """A short excerpt of ``text`` around the densest run of query terms, hits marked.

    The text is HTML-escaped, so the marks are the only markup in a snippet.

    >>> snippet("قال الوزير إن المفاوضات كانت إيجابية جدا", terms("ايجابية"))
    'قال الوزير إن المفاوضات كانت <b>إيجابية</b> جدا'
    """
    wanted = set(query)
    tokens = _first_hit_region(text, wanted)
    if not tokens:
        return html.escape(text[:200], quote=False)
    hits = [i for i, (_, term) in enumerate(tokens) if term in wanted]
    best = 0
    if hits:
        best_count = -1
        for h in hits:
            window = {tokens[j][1] for j in hits if h <= j < h + _WINDOW}
            if len(window) > best_count:
                best, best_count = h, len(window)
        best = max(0, best - 6)
    chosen = tokens[best:best + _WINDOW]
    start, end = chosen[0][0].start, chosen[-1][0].end
    parts: list[str] = ["…"] if start > 0 and text[:start].strip() else []
    pos = start
    for token, term in chosen:
        if term in wanted:
            parts.append(html.escape(text[pos:token.start], quote=False))
            parts.append(mark[0] + html.escape(text[token.start:token.end], quote=False) + mark[1])
            pos = token.end
    parts.append(html.escape(text[pos:end], quote=False))
    if text[end:].strip():
        parts.append("…")
    return "".join(parts).replace("\n", " ")
