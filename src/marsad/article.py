"""The one document object that flows through the pipeline.

An :class:`Article` holds the original text, which never changes, plus metadata and named
layers of :class:`Span` objects. Every span is a ``[start, end)`` range of code points into
``Article.text``; stages add layers, none rewrites the text. :meth:`Article.to_dict` is the
``marsad.article/1`` contract (see ``schema/article-1.json``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "marsad.article/1"

@dataclass(frozen=True, slots=True)
class Span:
    """A labelled ``[start, end)`` range of ``Article.text``.

    ``label`` is the span's kind within its layer (a paragraph kind, a boilerplate reason,
    a token's part); ``attrs`` carries layer-specific values (a caption's credit…).

    >>> Span(0, 4, "paragraph").text_of("مرصد الأخبار")
    'مرصد'
    """

    start: int
    end: int
    label: str = ""
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


def stable_id(text: str) -> str:
    """The id an article gets when its input gave none: a hash of its text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Article:
    """An article: immutable text, metadata fields, and named span layers.

    >>> a = Article("عنوان\\n\\nنص الخبر.")
    >>> a.add("paragraphs", [Span(7, 16, "paragraph")])
    >>> a.spans_text("paragraphs")
    ['نص الخبر.']
    """

    __slots__ = ("_cache", "_text", "id", "layers", "meta", "url", "warnings")

    def __init__(
        self,
        text: str,
        *,
        id: str | None = None,
        url: str | None = None,
        published: str | None = None,
    ) -> None:
        self._text = text
        self.id = id if id is not None else stable_id(text)
        self.url = url
        # Metadata the contract names (title, outlet, published…), filled by stages.
        # ``published_hint`` is the caller's publication time, used only when the text
        # itself states none.
        self.meta: dict[str, Any] = {"published_hint": published}
        self.layers: dict[str, list[Span]] = {}
        self.warnings: list[str] = []
        # Derived views stages share (normalized text, line index…), never serialized.
        self._cache: dict[str, Any] = {}

    @property
    def text(self) -> str:
        return self._text

    @property
    def cache(self) -> dict[str, Any]:
        return self._cache

    def add(self, layer: str, spans: Iterable[Span]) -> None:
        """Append spans to a layer, keeping it ordered by position."""
        target = self.layers.setdefault(layer, [])
        target.extend(spans)
        target.sort(key=lambda s: (s.start, s.end))

    def layer(self, name: str) -> list[Span]:
        return self.layers.get(name, [])

    def spans_text(self, layer: str) -> list[str]:
        return [s.text_of(self._text) for s in self.layer(layer)]

    def iter_all_spans(self) -> Iterator[tuple[str, Span]]:
        for name, spans in self.layers.items():
            for span in spans:
                yield name, span

    @property
    def body(self) -> str:
        """The body: the text of paragraphs and subheadings joined by blank lines."""
        return "\n\n".join(self.spans_text("paragraphs"))

    def to_dict(self) -> dict[str, Any]:
        """The ``marsad.article/1`` object for this article."""
        text = self._text
        meta = self.meta
        return {
            "schema": SCHEMA,
            "id": self.id,
            "text": text,
            "url": self.url,
            "title": meta.get("title"),
            "outlet": meta.get("outlet"),
            "author": meta.get("author"),
            "published": meta.get("published"),
            "updated": meta.get("updated"),
            "body": self.body,
            "paragraphs": [
                {"start": s.start, "end": s.end, "kind": s.label} for s in self.layer("paragraphs")
            ],
            "captions": [
                {
                    "start": s.start,
                    "end": s.end,
                    "text": s.text_of(text),
                    "credit": s.attrs.get("credit"),
                }
                for s in self.layer("captions")
            ],
            "tags": list(meta.get("tags") or []),
            "boilerplate": [
                {"start": s.start, "end": s.end, "reason": s.label}
                for s in self.layer("boilerplate")
            ],
            "entities": list(meta.get("entities") or []),
            "quantities": list(meta.get("quantities") or []),
            "dates": list(meta.get("dates") or []),
            "quotes": list(meta.get("quotes") or []),
            "events": list(meta.get("events") or []),
        }

    def __repr__(self) -> str:
        layers = ", ".join(f"{k}={len(v)}" for k, v in self.layers.items())
        return f"Article(id={self.id!r}, chars={len(self._text)}, {layers})"
