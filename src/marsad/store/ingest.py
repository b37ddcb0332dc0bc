"""Ingest: files, folders and JSON Lines into a store, idempotently and resumably.

Inputs are read one at a time: text files (any name not listed below), ``.jsonl`` batches of
inputs (``{"id", "text" | "html", "url"?, "published"?}``) or of already-extracted contract
objects (``"schema": "marsad.article/1"``, stored as they are), and HTML pages / WARC
archives through :func:`marsad.sources.iter_items`. Folders are walked in name order and
only their files with a known extension are read.

Each input gets a fingerprint (a hash of what was given); an input already fingerprinted is
``unchanged`` without running the pipeline. Articles are written in batches, one
transaction each, so a killed ingest keeps every committed batch, loses only the open one,
and a re-run finishes the job with nothing duplicated.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.batch import Item, parse_jsonl_line, process
from marsad.errors import BadJSONLine, MarsadError
from marsad.inputs import MAX_BYTES, read_path
from marsad.pipeline import Pipeline
from marsad.store.base import Store, article_hash

__all__ = ["FOLDER_SUFFIXES", "Failure", "Summary", "Unsupported", "ingest", "input_size", "iter_inputs"]

SCHEMA = "marsad.article/1"
FOLDER_SUFFIXES = (".txt", ".jsonl", ".html", ".htm", ".xhtml", ".warc", ".warc.gz")
_SOURCE_SUFFIXES = (".html", ".htm", ".xhtml", ".warc", ".warc.gz")


class Unsupported(MarsadError):
    """E302: an input Marsad cannot read in this installation (no reader for its format)."""

    code = "E302"


@dataclass(frozen=True, slots=True)
class Failure:
    where: str
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "code": self.code, "message": self.message}


@dataclass(slots=True)
class Summary:
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"new": self.new, "unchanged": self.unchanged, "updated": self.updated,
                "failed": len(self.failed), "failures": [f.to_dict() for f in self.failed]}

    def line(self) -> str:
        return (f"{self.new} new, {self.unchanged} unchanged, {self.updated} updated, "
                f"{len(self.failed)} failed")


@dataclass(frozen=True, slots=True)
class _Input:
    where: str
    size: int
    item: Item | None = None
    doc: dict[str, Any] | None = None


def _suffix_ok(path: Path) -> bool:
    return path.name.lower().endswith(FOLDER_SUFFIXES)


def _files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and _suffix_ok(child):
                    yield child
        else:
            yield path


def input_size(paths: Iterable[str | Path]) -> int:
    """Total bytes of the files ``paths`` name (for a progress bar)."""
    total = 0
    for path in _files(paths):
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total


def _jsonl(path: Path) -> Iterator[_Input]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            size = len(raw.encode("utf-8", "surrogatepass"))
            where = f"{path}:{number}"
            if not raw.strip():
                yield _Input(where, size)
                continue
            if '"schema"' in raw[:200] or SCHEMA in raw:
                try:
                    obj = json.loads(raw) if len(raw) <= MAX_BYTES * 4 else None
                except json.JSONDecodeError:
                    obj = None
                if isinstance(obj, dict) and obj.get("schema") == SCHEMA:
                    if isinstance(obj.get("text"), str) and isinstance(obj.get("id"), str):
                        yield _Input(where, size, doc=obj)
                    else:
                        yield _Input(where, size, Item(None, line=number, error=BadJSONLine(
                            f"line {number}: a {SCHEMA} object needs string 'id' and 'text'")))
                    continue
            yield _Input(where, size, parse_jsonl_line(raw, number))


def _sources(path: Path, size: int) -> Iterator[_Input]:
    try:
        from marsad.sources import iter_items
    except ImportError as exc:
        yield _Input(str(path), size, Item(None, error=Unsupported(
            f"{path}: no HTML/WARC reader in this installation (marsad.sources: {exc})")))
        return
    first = True
    for n, item in enumerate(iter_items(path), 1):
        yield _Input(f"{path}#{n}" if n > 1 or path.name.lower().endswith((".warc", ".warc.gz")) else str(path),
                     size if first else 0, item)
        first = False


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[_Input]:
    """Every input the paths hold, each with where it came from and its byte size."""
    for path in _files(paths):
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        name = path.name.lower()
        if name.endswith(".jsonl"):
            try:
                yield from _jsonl(path)
            except OSError as exc:
                yield _Input(str(path), size, Item(None, error=Unsupported(f"{path}: {exc.strerror or exc}")))
        elif name.endswith(_SOURCE_SUFFIXES):
            yield from _sources(path, size)
        else:
            try:
                decoded = read_path(path)
            except MarsadError as exc:
                yield _Input(str(path), size, Item(None, error=exc))
                continue
            yield _Input(str(path), size, Item(None, decoded.text))


def fingerprint(inp: _Input) -> str:
    if inp.doc is not None:
        return "doc:" + article_hash(inp.doc)
    assert inp.item is not None
    item = inp.item
    given = [item.id, item.text, item.html, item.url, item.published]
    return "in:" + hashlib.sha256(json.dumps(given, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def ingest(store: Store, paths: Iterable[str | Path], *, batch_size: int = 50, pipeline: Pipeline | None = None,
           progress: Callable[[int], None] | None = None) -> Summary:
    """Store every input under ``paths``; returns counts and the failures with reasons.

    >>> from marsad.store import open_store
    >>> ingest(open_store(":memory:"), []).line()
    '0 new, 0 unchanged, 0 updated, 0 failed'
    """
    summary = Summary()
    nlp = pipeline
    pending: list[tuple[str, str, dict[str, Any]]] = []

    def flush() -> None:
        if not pending:
            return
        try:
            with store.transaction():
                outcomes = [store.put(doc, fp) for fp, _where, doc in pending]
        except Exception:  # one bad object must not cost the batch: redo it one by one
            outcomes = []
            for fp, where, doc in pending:
                try:
                    with store.transaction():
                        outcomes.append(store.put(doc, fp))
                except Exception as exc:
                    summary.failed.append(Failure(where, "E303", f"cannot store: {type(exc).__name__}: {exc}"))
        for outcome in outcomes:
            setattr(summary, outcome, getattr(summary, outcome) + 1)
        pending.clear()

    for inp in iter_inputs(paths):
        if progress is not None and inp.size:
            progress(inp.size)
        if inp.doc is None and inp.item is None:
            continue  # a blank line
        if inp.item is not None and inp.item.error is not None:
            summary.failed.append(Failure(inp.where, inp.item.error.code, inp.item.error.message))
            continue
        fp = fingerprint(inp)
        if store.input_seen(fp) or any(p[0] == fp for p in pending):
            summary.unchanged += 1
            continue
        if inp.doc is not None:
            doc = inp.doc
        else:
            assert inp.item is not None
            if nlp is None:
                nlp = Pipeline()
            doc = process(nlp, inp.item)
            if "error" in doc:
                summary.failed.append(Failure(inp.where, doc["error"]["code"], doc["error"]["message"]))
                continue
        pending.append((fp, inp.where, doc))
        if len(pending) >= batch_size:
            flush()
    flush()
    return summary
