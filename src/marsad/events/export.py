"""A GDELT-like event table: one tab-separated row per event of a ``marsad.article/1`` object.

Columns (:data:`TSV_COLUMNS`): the article id, date, PLOVER type and mode, status, actors
and targets (Arabic names, English names, KB ids; several joined by ``|``), location
(Arabic, English, KB id), the trigger's offsets and text, the quantities stated in the same
sentence (``category:value``, ``|``-joined), and the sentence itself.

>>> obj = {"id": "a1", "text": "تظاهر آلاف.", "entities": [], "events": [{"type": "PROTEST",
...     "mode": "demo", "status": "reported", "actors": [], "targets": [], "date": None,
...     "location": None, "trigger": {"start": 0, "end": 5, "text": "تظاهر"},
...     "sentence": {"start": 0, "end": 11}}]}
>>> event_rows(obj)[0][:4]
['a1', '', 'PROTEST', 'demo']
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

__all__ = ["TSV_COLUMNS", "EventsTSV", "event_rows"]

TSV_COLUMNS = (
    "article_id", "date", "type", "mode", "status",
    "actors", "actors_en", "actors_kb", "targets", "targets_en", "targets_kb",
    "location", "location_en", "location_kb",
    "trigger_start", "trigger_end", "trigger", "quantities", "sentence",
)


def _clean(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())  # no tabs or newlines inside a cell


def _quantity(q: Mapping[str, Any]) -> str:
    """A quantity stated in an event's sentence, as category:value (or its magnitude)."""
    value = q.get("value")
    if value is None and q.get("magnitude"):
        value = f"~{q['magnitude']}"
    return f"{q.get('category')}:{value}"


def event_rows(obj: Mapping[str, Any]) -> list[list[str]]:
    """The table rows of one extracted article (an error object has none)."""
    text = obj.get("text") or ""
    ents = {e.get("id"): e for e in obj.get("entities") or [] if isinstance(e, Mapping)}

    def names(ids: list[str], key: str) -> str:
        return "|".join(_clean(ents.get(i, {}).get(key)) for i in ids)

    quantities = [q for q in obj.get("quantities") or [] if isinstance(q, Mapping)]
    rows: list[list[str]] = []
    for ev in obj.get("events") or []:
        trig = ev.get("trigger") or {}
        sent = ev.get("sentence") or {}
        loc = [ev["location"]] if ev.get("location") else []
        rows.append([_clean(x) for x in (
            obj.get("id"), ev.get("date"), ev.get("type"), ev.get("mode"), ev.get("status"),
            names(ev.get("actors") or [], "name"), names(ev.get("actors") or [], "name_en"),
            names(ev.get("actors") or [], "kb"),
            names(ev.get("targets") or [], "name"), names(ev.get("targets") or [], "name_en"),
            names(ev.get("targets") or [], "kb"),
            names(loc, "name"), names(loc, "name_en"), names(loc, "kb"),
            trig.get("start"), trig.get("end"), trig.get("text"),
            "|".join(_quantity(q) for q in quantities
                     if sent.get("start", 0) <= q.get("start", -1) < sent.get("end", 0)),
            text[sent.get("start", 0) : sent.get("end", 0)],
        )])
    return rows


class EventsTSV:
    """Writes the event table to ``path`` (header first), one :meth:`add` per article."""

    def __init__(self, path: str | Path) -> None:
        self._out: IO[str] = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._out.write("\t".join(TSV_COLUMNS) + "\n")

    def add(self, obj: Mapping[str, Any]) -> None:
        for row in event_rows(obj):
            self._out.write("\t".join(row) + "\n")

    def close(self) -> None:
        self._out.close()

    def __enter__(self) -> EventsTSV:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
