"""The knowledge-base commands: ingest, search, entity, timeline, figures, stories, export.

Every command takes ``--db`` (default ``$MARSAD_DB``, else ``./marsad.db``; a
``postgresql://`` address uses PostgreSQL) and the query commands ``--format table|json``.
The JSON forms are part of the interface (see the README).
"""

from __future__ import annotations

import csv
import html
import json
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

import click

from marsad.errors import MarsadError
from marsad.store import Store, default_db, open_store
from marsad.store.ingest import ingest as run_ingest
from marsad.store.ingest import input_size

__all__ = ["COMMANDS"]

_db = click.option("--db", default=default_db, show_default="$MARSAD_DB or ./marsad.db",
                   help="SQLite file, or postgresql://user@host:port/dbname.")
_format = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
                       help="A readable table, or JSON (the stable interface).")
_since = click.option("--from", "date_from", metavar="DATE", help="From this date (YYYY[-MM[-DD]]), inclusive.")
_until = click.option("--to", "date_to", metavar="DATE", help="Up to this date (YYYY[-MM[-DD]]), inclusive.")


def _open(db: str) -> Store:
    try:
        return open_store(db)
    except MarsadError as exc:
        click.echo(f"{exc.code}: {exc.message}", err=True)
        sys.exit(1)


def _json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def _cut(value: Any, width: int) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: Sequence[Sequence[Any]], headers: Sequence[str], widths: Sequence[int]) -> None:
    if not rows:
        click.echo("(nothing found)")
        return
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in rows:
        click.echo("  ".join(_cut(v, w).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@_db
@click.option("--batch-size", default=50, show_default=True, help="Articles per transaction.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="How to print the summary.")
def ingest(paths: tuple[str, ...], db: str, batch_size: int, fmt: str) -> None:
    """Store articles in the knowledge base (idempotent; safe to re-run after a kill).

    \b
    PATHS: text files, folders, .jsonl of inputs or of marsad.article/1 objects,
    .html/.htm pages and .warc[.gz] archives.
    Exit status 1 when any input failed.
    """
    with _open(db) as store:
        show = sys.stderr.isatty()
        total = input_size(paths) if show else 0
        bar: Any = click.progressbar(length=max(1, total), label="ingesting", file=sys.stderr) if show else None
        progress: Callable[[int], None] | None = bar.update if bar is not None else None
        try:
            if bar is not None:
                bar.__enter__()
            summary = run_ingest(store, paths, batch_size=max(1, batch_size), progress=progress)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    if fmt == "json":
        _json(summary.to_dict())
    else:
        click.echo(summary.line())
    for failure in summary.failed:
        click.echo(f"{failure.code}: {failure.where}: {failure.message}", err=True)
    if summary.failed:
        sys.exit(1)


@click.command()
@click.argument("query")
@_db
@_format
@_since
@_until
@click.option("--outlet", help="Only this outlet.")
@click.option("--entity", help="Only articles mentioning this entity (name, alias or KB id).")
@click.option("--event-type", help="Only articles with an event of this PLOVER type.")
@click.option("--limit", default=20, show_default=True)
def search(query: str, db: str, fmt: str, date_from: str | None, date_to: str | None, outlet: str | None,
           entity: str | None, event_type: str | None, limit: int) -> None:
    """Search articles (Arabic-aware: hamza, ة/ه, diacritics, clitics and plurals folded)."""
    with _open(db) as store:
        hits = store.search(query, date_from=date_from, date_to=date_to, outlet=outlet, entity=entity,
                            event_type=event_type, limit=limit)
    if fmt == "json":
        _json([h.to_dict() for h in hits])
        return
    if not hits:
        click.echo("(nothing found)")
    for h in hits:
        click.echo(f"{h.score:>8.3f}  {h.published or '':<25}  {h.id}  {h.title or ''}")
        click.echo(f"          {html.unescape(h.snippet.replace('<b>', '[').replace('</b>', ']'))}\n")


@click.command()
@click.argument("name")
@_db
@_format
def entity(name: str, db: str, fmt: str) -> None:
    """Profile of an entity: roles, co-mentioned entities, quotes and events, by date."""
    with _open(db) as store:
        profile = store.entity_profile(name)
    if fmt == "json":
        _json(profile)
        return
    if profile is None:
        click.echo(f"no entity matches {name!r}")
        sys.exit(1)
    click.echo(f"{profile['name']} ({profile['type']})  key={profile['key']}  en={profile['name_en'] or '-'}")
    click.echo(f"in {profile['articles']} article(s), {profile['first_seen'] or '?'} … {profile['last_seen'] or '?'}")
    click.echo(f"aliases: {'، '.join(profile['aliases'])}")
    click.echo("\nroles:")
    _table([(r["date"], r["role"], r["article"]) for r in profile["roles"]], ["date", "role", "article"], [12, 40, 20])
    click.echo("\nco-mentioned:")
    _table([(c["count"], c["name"], c["type"]) for c in profile["co_mentioned"]], ["n", "name", "type"], [4, 40, 5])
    click.echo("\nquotes:")
    _table([(q["date"], q["cue"], q["content"]) for q in profile["quotes"]], ["date", "cue", "content"], [12, 10, 80])
    click.echo("\nevents:")
    _table([(e["date"], e["type"], e["role"], e["trigger"], e["article"]) for e in profile["events"]],
           ["date", "type", "role", "trigger", "article"], [12, 10, 8, 20, 20])


@click.command()
@_db
@_format
@click.option("--entity", help="Events this entity took part in (as actor, target or place).")
@click.option("--type", "event_type", help="PLOVER event type (CONSULT, ASSAULT, …).")
@click.option("--place", help="Events located here.")
@_since
@_until
def timeline(db: str, fmt: str, entity: str | None, event_type: str | None, place: str | None,
             date_from: str | None, date_to: str | None) -> None:
    """Events by date, filtered by entity, type, place and dates."""
    with _open(db) as store:
        events = store.timeline(entity=entity, event_type=event_type, place=place, date_from=date_from,
                                date_to=date_to)
    if fmt == "json":
        _json(events)
        return
    _table([(e["date"], e["type"], e["mode"], "، ".join(e["actors"]), "، ".join(e["targets"]), e["location"],
             e["trigger"], e["outlet"] or e["article"]) for e in events],
           ["date", "type", "mode", "actors", "targets", "location", "trigger", "source"],
           [12, 10, 8, 22, 22, 14, 14, 18])


@click.command()
@_db
@_format
@click.option("--category", help="killed, injured, missing, detained, released, displaced or other.")
@click.option("--about", help="The place or party the figures concern.")
@_since
@_until
def figures(db: str, fmt: str, category: str | None, about: str | None, date_from: str | None,
            date_to: str | None) -> None:
    """Reported figures over time, with contradictions and non-monotonic tolls flagged."""
    with _open(db) as store:
        rows = store.figures(category=category, about=about, date_from=date_from, date_to=date_to)
    if fmt == "json":
        _json(rows)
        return
    _table([(f["as_of"], f["category"], f["value"] if f["value"] is not None else f"~{f['magnitude']}",
             f["qualifier"], f["about"], f["source"] or f["outlet"], f["article"], ",".join(f["flags"]))
            for f in rows], ["as of", "category", "value", "qualifier", "about", "source", "article", "flags"],
           [12, 10, 10, 10, 14, 24, 18, 24])


@click.command()
@_db
@_format
@click.option("--min-size", default=2, show_default=True, help="Smallest story to list (articles).")
@click.option("--max-days", default=3, show_default=True, help="How far apart reports of one story may be.")
def stories(db: str, fmt: str, min_size: int, max_days: int) -> None:
    """Stories across outlets: near-duplicates and reports of the same event, grouped."""
    with _open(db) as store:
        found = store.stories(min_size=min_size, max_days=max_days)
    if fmt == "json":
        _json(found)
        return
    _table([(s["id"], len(s["articles"]), s["first_seen"], "، ".join(s["outlets"]), s["title"]) for s in found],
           ["story", "n", "first seen", "outlets", "title"], [14, 3, 26, 30, 60])


@click.command()
@_db
@click.option("--what", type=click.Choice(["articles", "entities", "quantities", "quotes", "events"]),
              default="articles", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output file (required for parquet).")
def export(db: str, what: str, fmt: str, output: str) -> None:
    """Export articles (JSONL: the marsad.article/1 objects) or a layer as JSONL, CSV or Parquet."""
    if fmt == "parquet" and output == "-":
        raise click.UsageError("parquet needs -o FILE")
    with _open(db) as store:
        if fmt == "jsonl" and what == "articles":
            rows: Any = store.iter_docs()
        else:
            rows = store.export_rows(what)
        if fmt == "parquet":
            import pyarrow as pa  # type: ignore[import-untyped]
            import pyarrow.parquet as pq  # type: ignore[import-untyped]

            pq.write_table(pa.Table.from_pylist(list(rows)), output)
            return
        out: IO[str] = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            if fmt == "jsonl":
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                rows = list(rows)
                if rows:
                    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
                    writer.writeheader()
                    writer.writerows(rows)
        finally:
            if out is not sys.stdout:
                out.close()


COMMANDS = [ingest, search, entity, timeline, figures, stories, export]
