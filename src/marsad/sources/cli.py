"""``marsad fetch`` and ``marsad follow``: pages and feeds from the web, as articles.

Registered in :mod:`marsad.cli` with ``main.add_command``; output is JSON Lines like
``marsad extract`` (one ``marsad.article/1`` object, or an error object, per page).
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any

import click

from marsad.batch import error_object
from marsad.errors import MarsadError
from marsad.pipeline import Pipeline
from marsad.sources.fetch import Fetcher, FetchPolicy
from marsad.sources.html import extract_html
from marsad.sources.items import page_id

__all__ = ["fetch_command", "follow_command"]

_POLICY_OPTIONS = [
    click.option("--allow-private", is_flag=True,
                 help="Also fetch private, loopback and link-local addresses (refused by default)."),
    click.option("--interval", type=float, default=1.0, show_default=True,
                 help="Seconds between two requests to one host (robots.txt Crawl-delay may raise it)."),
    click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds per connect/read."),
    click.option("--max-bytes", type=int, default=5 * 1024 * 1024, show_default=True,
                 help="Largest response body accepted."),
    click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True),
                 default="-", help="Write JSON Lines here instead of standard output."),
]


def _policy_options(f: Any) -> Any:
    for option in reversed(_POLICY_OPTIONS):
        f = option(f)
    return f


def _open(output: str) -> IO[str]:
    return sys.stdout if output == "-" else open(output, "a", encoding="utf-8")


def _emit(out: IO[str], obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()
    if "error" in obj:
        click.echo(f"{obj['error']['code']}: {obj['error']['message']}", err=True)


def _fetcher(allow_private: bool, interval: float, timeout: float, max_bytes: int) -> Fetcher:
    return Fetcher(FetchPolicy(allow_private=allow_private, min_interval=interval, timeout=timeout,
                               max_bytes=max_bytes))


@click.command("fetch")
@click.argument("urls", nargs=-1, required=True)
@_policy_options
def fetch_command(urls: tuple[str, ...], allow_private: bool, interval: float, timeout: float,
                  max_bytes: int, output: str) -> None:
    """Fetch article pages (obeying robots.txt) and extract each as a marsad.article/1 line.

    \b
    Example:
      marsad fetch https://www.example.com/news/1.html -o out.jsonl
    Exit status: 0 all pages extracted; 1 at least one failed.
    """
    failed = 0
    pipeline = Pipeline()
    out = _open(output)
    try:
        with _fetcher(allow_private, interval, timeout, max_bytes) as fetcher:
            for url in urls:
                item_id = page_id(url, url)
                try:
                    page = fetcher.fetch(url)
                    obj = extract_html(page.text, url=page.url, id=item_id, pipeline=pipeline).to_dict()
                except MarsadError as exc:
                    obj = error_object(item_id, exc)
                    obj["url"] = url
                    failed += 1
                _emit(out, obj)
    finally:
        if out is not sys.stdout:
            out.close()
    if failed:
        click.echo(f"{failed} page(s) failed", err=True)
        sys.exit(1)


@click.command("follow")
@click.argument("feed")
@click.option("--state", type=click.Path(dir_okay=False), default=None,
              help="Seen-store file (SQLite). Default: $MARSAD_HOME/seen.sqlite or ~/.local/state/marsad/seen.sqlite.")
@click.option("--limit", type=int, default=None, help="Fetch at most this many new items.")
@click.option("--db", default=None, metavar="ADDRESS",
              help="Also store each article (SQLite path or postgresql:// URL, as for `marsad ingest`).")
@_policy_options
def follow_command(feed: str, state: str | None, limit: int | None, db: str | None, allow_private: bool,
                   interval: float, timeout: float, max_bytes: int, output: str) -> None:
    """Read an RSS/Atom feed (URL or file), fetch each item not fetched before, extract it.

    \b
    Items already fetched (remembered in the seen-store) are skipped, so running
    this again only fetches what is new.
    Example:
      marsad follow https://www.example.com/rss.xml -o articles.jsonl
    """
    from marsad.sources.feeds import SeenStore, default_state_path, follow

    seen = SeenStore(state or default_state_path())
    out = _open(output)
    store: Any = None
    if db is not None:
        from marsad.store import open_store

        store = open_store(db)

    def emit(obj: dict[str, Any]) -> None:
        _emit(out, obj)
        if store is not None and "error" not in obj:
            with store.transaction():
                store.put(obj)

    try:
        with _fetcher(allow_private, interval, timeout, max_bytes) as fetcher:
            report = follow(feed, fetcher, seen, emit, pipeline=Pipeline(), limit=limit)
    except MarsadError as exc:
        click.echo(f"{exc.code}: {exc.message}", err=True)
        sys.exit(1)
    finally:
        seen.close()
        if store is not None:
            store.close()
        if out is not sys.stdout:
            out.close()
    click.echo(f"{report.entries} item(s) in feed, {report.new} new, {report.fetched} fetched, "
               f"{report.failed} failed", err=True)
    if report.failed:
        sys.exit(1)
