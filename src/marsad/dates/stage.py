"""The dates stage: dates named in the title and the body, resolved against publication.

The reference date is ``article.meta["published"]`` (from the text's dateline, or the
caller's ``--published``); without one, relative dates get ``value: None``. Output: the
contract list in ``article.meta["dates"]``, the typed :class:`DateMention` objects (with the
rule that produced each) in ``article.cache["dates"]``, and a ``dates`` span layer.

>>> from marsad.article import Article, Span
>>> article = Article("قال الوزير أمس إن الاجتماع سيعقد الأحد المقبل")
>>> article.meta["published"] = "2024-03-15"
>>> article.add("paragraphs", [Span(0, len(article.text), "paragraph")])
>>> DatesStage()(article)
>>> [(d["text"], d["value"]) for d in article.meta["dates"]]
[('أمس', '2024-03-14'), ('الأحد المقبل', '2024-03-17')]
"""

from __future__ import annotations

from marsad.article import Article, Span
from marsad.dates.grammar import DateMention, find_dates, parse_reference
from marsad.text import Normalized, normalize

__all__ = ["DatesStage"]

# A block longer than this is read in pieces of this size (a pathological input must not
# make one regex pass quadratic); real paragraphs are far shorter.
_MAX_BLOCK = 20_000


class DatesStage:
    """Finds dates in the title and paragraphs (``meta["dates"]``, layer ``dates``)."""

    name = "dates"
    requires: tuple[str, ...] = ("paragraphs",)
    provides: tuple[str, ...] = ("dates",)

    def __call__(self, article: Article) -> None:
        text = article.text
        regions, inline = _regions(article)
        published = article.meta.get("published")
        hint = article.meta.get("published_hint")
        if inline and hint:
            # the structure stage took a date inside a sentence for the publication date;
            # the caller's publication time is the better reference
            published = hint
        ref = parse_reference(published)
        found: list[DateMention] = []
        # the normalized blocks, kept for the quantities stage: normalizing twice is a tenth
        # of what both stages cost
        shared: dict[tuple[int, int], Normalized] = article.cache.setdefault("normalized_blocks", {})
        for block_start, block_end in regions:
            for lo in range(block_start, block_end, _MAX_BLOCK):
                hi = min(block_end, lo + _MAX_BLOCK)
                try:
                    normalized = shared.get((lo, hi))
                    if normalized is None:
                        normalized = shared[(lo, hi)] = normalize(text[lo:hi])
                    found.extend(find_dates(text, lo, hi, ref=ref, normalized=normalized))
                except (ValueError, IndexError, OverflowError):
                    continue  # a stage degrades to fewer results, never raises
        found.sort(key=lambda d: d.start)
        article.cache["dates"] = found
        article.meta["dates"] = [d.to_dict(text) for d in found]
        article.add("dates", [
            Span(d.start, d.end, "date", {"value": d.value, "rule": d.rule}) for d in found
        ])


def _regions(article: Article) -> tuple[list[tuple[int, int]], bool]:
    """The title and paragraphs; a title or paragraph whose line also holds a date the
    structure stage set aside as a dateline (``قتل 3 في 7 أكتوبر 2023``) is read whole.
    Also says whether there was such an in-sentence dateline."""
    text = article.text
    datelines = [b for b in article.layer("boilerplate") if b.label == "dateline"]
    regions: list[tuple[int, int]] = []
    inline = False
    for block in article.layer("title") + article.layer("paragraphs"):
        lo = text.rfind("\n", 0, block.start) + 1
        hi = text.find("\n", block.end)
        hi = len(text) if hi < 0 else hi
        if any(lo <= d.start and d.end <= hi for d in datelines):
            inline = True
            if (lo, hi) not in regions:
                regions.append((lo, hi))
        else:
            regions.append((block.start, block.end))
    if not regions and text.strip():
        # no title and no paragraph: a one-sentence text the structure stage took whole as a
        # dateline; read it all
        return [(0, len(text))], bool(datelines)
    return regions, inline
