"""Batch extraction: input items in, contract objects (or error objects) out, in order.

An item that cannot be processed becomes ``{"id", "error": {"code", "message"}}`` in its
place; a bad item never stops the batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from marsad.errors import BadField, BadJSONLine, MarsadError
from marsad.inputs import MAX_BYTES, check_text
from marsad.pipeline import Pipeline

__all__ = ["Item", "check_iso", "error_object", "parse_jsonl_line", "run_items"]


@dataclass(frozen=True, slots=True)
class Item:
    """One input: text (or a parse error standing in for it) plus what the caller knows."""

    id: str | None
    text: str | None = None
    url: str | None = None
    published: str | None = None
    line: int | None = None
    error: MarsadError | None = None
    html: str | None = None  # raw HTML instead of text (marsad.sources.html builds the text)


def check_iso(value: str, *, field: str = "published") -> str:
    """Accept an ISO 8601 date or date-time; return it unchanged.

    >>> check_iso("2023-12-26T21:03:00+00:00")
    '2023-12-26T21:03:00+00:00'
    """
    try:
        if len(value) <= 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadField(f"{field}: {value!r} is not an ISO 8601 date or date-time") from None
    return value


def _opt_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadField(f"{key!r} must be a string, not {type(value).__name__}")
    return value


def parse_jsonl_line(raw: str, number: int) -> Item:
    """One batch line → an :class:`Item` (with ``error`` set when the line is bad)."""
    item_id: str | None = None
    try:
        if len(raw) > MAX_BYTES:
            raise BadJSONLine(f"line {number}: over the {MAX_BYTES:,}-byte limit")
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise BadJSONLine(f"line {number}: not JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise BadJSONLine(f"line {number}: a JSON object is expected, got {type(obj).__name__}")
        raw_id = obj.get("id")
        if isinstance(raw_id, (int, str)) and not isinstance(raw_id, bool):
            item_id = str(raw_id)
        elif raw_id is not None:
            raise BadField(f"line {number}: 'id' must be a string")
        text = _opt_str(obj, "text")
        html = _opt_str(obj, "html") if text is None else None
        if text is None and html is None:
            raise BadField(f"line {number}: no 'text' (or 'html') field")
        published = _opt_str(obj, "published")
        if published is not None:
            check_iso(published)
        return Item(item_id, text, _opt_str(obj, "url"), published, number, html=html)
    except MarsadError as exc:
        return Item(item_id, line=number, error=exc)


def error_object(item_id: str | None, exc: MarsadError, line: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item_id, "error": exc.to_dict()}
    if line is not None:
        out["line"] = line
    return out


class InternalError(MarsadError):
    code = "E900"


def process(pipeline: Pipeline, item: Item) -> dict[str, Any]:
    """The contract object for one item, or its error object. Never raises."""
    if item.error is not None:
        return error_object(item.id, item.error, item.line)
    try:
        if item.text is None and item.html is not None:
            from marsad.sources.html import extract_html

            article = extract_html(item.html, url=item.url, id=item.id, published=item.published,
                                   pipeline=pipeline)
            return article.to_dict()
        assert item.text is not None
        check_text(item.text, name=f"item {item.id}" if item.id else "input")
        article = pipeline(item.text, id=item.id, url=item.url, published=item.published)
        return article.to_dict()
    except MarsadError as exc:
        return error_object(item.id, exc, item.line)
    except Exception as exc:  # a bug must cost one item, not the batch
        return error_object(item.id, InternalError(f"{type(exc).__name__}: {exc}"), item.line)


def run_items(pipeline: Pipeline, items: Iterable[Item]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield process(pipeline, item)
