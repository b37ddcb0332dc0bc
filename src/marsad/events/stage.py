"""The events stage: fills ``article.meta["events"]`` with contract event objects.

Events are coded in the body only (a headline restates the body's news). The typed
:class:`~marsad.events.coder.Event` objects, with the indices of the quantities stated in
their sentence, stay in ``article.cache["events"]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from marsad.article import Article
from marsad.events.coder import EntityRef, Event, code_events
from marsad.text import Token, tokenize

__all__ = ["EventsStage", "entity_refs", "event_dict"]


def entity_refs(entities: Iterable[Mapping[str, Any]]) -> list[EntityRef]:
    """The mentions of contract entity dicts, as :class:`EntityRef` objects."""
    out: list[EntityRef] = []
    for ent in entities:
        roles: list[tuple[int, int]] = []
        for r in ent.get("roles") or []:
            try:
                roles.append((int(r["start"]), int(r["end"])))
            except (KeyError, TypeError, ValueError):
                continue
        for m in ent.get("mentions") or []:
            try:
                out.append(EntityRef(int(m["start"]), int(m["end"]), str(ent["id"]), str(ent.get("type", "")),
                                     tuple(roles)))
            except (KeyError, TypeError, ValueError):
                continue
    return out


def _spans(items: Iterable[Mapping[str, Any]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for d in items:
        try:
            out.append((int(d["start"]), int(d["end"])))
        except (KeyError, TypeError, ValueError):
            out.append((-1, -1))
    return out


def event_dict(text: str, ev: Event) -> dict[str, Any]:
    """The contract form of one event."""
    return {
        "type": ev.type,
        "mode": ev.mode,
        "status": ev.status,
        "actors": list(ev.actors),
        "targets": list(ev.targets),
        "date": ev.date,
        "location": ev.location,
        "trigger": {"start": ev.trigger[0], "end": ev.trigger[1], "text": text[ev.trigger[0] : ev.trigger[1]]},
        "sentence": {"start": ev.sentence[0], "end": ev.sentence[1]},
    }


class EventsStage:
    """PLOVER events of the body sentences (``article.meta["events"]``)."""

    name = "events"
    requires: tuple[str, ...] = ("sentences",)
    provides: tuple[str, ...] = ("events",)

    def __call__(self, article: Article) -> None:
        text = article.text
        meta = article.meta
        sentences = [(s.start, s.end) for s in article.layer("sentences")
                     if s.attrs.get("in") not in ("title", "subheading")]
        tokens: list[Token] | None = article.cache.get("tokens")
        if tokens is None:
            tokens = [t for s, e in sentences for t in tokenize(text, s, e)]
        dates: list[tuple[int, int, str]] = []
        for d in meta.get("dates") or []:
            if isinstance(d, Mapping) and isinstance(d.get("value"), str) and isinstance(d.get("start"), int):
                dates.append((d["start"], int(d.get("end", d["start"])), d["value"]))
        published = meta.get("published")
        try:
            events = code_events(
                text, sentences, tokens,
                mentions=entity_refs(meta.get("entities") or []),
                dates=dates,
                quantities=_spans(meta.get("quantities") or []),
                published=published if isinstance(published, str) else None,
            )
        except (ValueError, IndexError, RecursionError):  # degrade, never fail the article
            events = []
            article.warnings.append("events: coding failed on this article")
        article.cache["events"] = events
        meta["events"] = [event_dict(text, ev) for ev in events]
