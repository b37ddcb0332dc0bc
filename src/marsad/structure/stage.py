"""The structure stage: title, metadata, paragraphs, captions and boilerplate as layers."""

from __future__ import annotations

from marsad.article import Article, Span
from marsad.structure.segment import segment

__all__ = ["StructureStage"]


class StructureStage:
    """Reads a raw scraped article's layout (see :mod:`marsad.structure.segment`)."""

    name = "structure"
    requires: tuple[str, ...] = ("text",)
    provides: tuple[str, ...] = ("title", "paragraphs", "captions", "boilerplate", "metadata")

    def __call__(self, article: Article) -> None:
        found = segment(article.text, article.url)
        meta = article.meta
        if found.title is not None:
            article.add("title", [Span(*found.title, "title")])
            meta["title"] = article.text[found.title[0] : found.title[1]]
        else:
            meta["title"] = None
        meta["outlet"] = found.outlet
        meta["author"] = found.author
        published = found.published.iso() if found.published else None
        meta["published"] = published or meta.get("published_hint")
        meta["updated"] = found.updated.iso() if found.updated else None
        meta["tags"] = found.tags
        article.add("paragraphs", [
            Span(line.start, line.end, line.role)
            for line in found.lines if line.role in ("paragraph", "subheading")
        ])
        article.add("boilerplate", [
            Span(line.start, line.end, line.reason or "boilerplate")
            for line in found.lines if line.role == "boilerplate"
        ])
        article.add("captions", [
            Span(c.start, c.end, "caption", {"credit": c.credit, "rule": c.rule})
            for c in found.captions
        ])
