"""RSS/Atom feeds (feedparser) and following them: each new item's link is fetched once.

:class:`SeenStore` remembers which items were fetched (a small SQLite file), so following a
feed again only fetches what is new. An item counts as seen once its page was fetched and
extracted, or refused for a reason that will not change (robots.txt, a private address, a
wrong content type); network failures are retried on the next run.

>>> rss = '''<rss version="2.0"><channel><title>أخبار</title>
... <item><title>خبر أول</title><link>https://example.com/1</link><guid>n1</guid>
... <pubDate>Tue, 26 Dec 2023 21:03:00 GMT</pubDate></item></channel></rss>'''
>>> [(e.key, e.link, e.published) for e in parse_feed(rss.encode())]
[('n1', 'https://example.com/1', '2023-12-26T21:03:00+00:00')]
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from marsad.batch import error_object
from marsad.errors import MarsadError
from marsad.pipeline import Pipeline
from marsad.sources.errors import BadArchive, BadContentType, FetchRefused, PrivateAddress
from marsad.sources.fetch import Fetcher
from marsad.sources.html import extract_html
from marsad.sources.items import page_id

__all__ = ["FeedEntry", "FollowReport", "SeenStore", "default_state_path", "follow", "parse_feed"]

# Refusals that will not change on the next run: the item is marked seen.
_FINAL_ERRORS = (FetchRefused, PrivateAddress, BadContentType)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str  # the item's guid/id, else its link
    link: str
    title: str | None
    published: str | None  # ISO 8601 in UTC, when the feed states it


def _iso(parsed: Any) -> str | None:
    if not isinstance(parsed, time.struct_time):
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None


def parse_feed(data: bytes | str) -> list[FeedEntry]:
    """The items of an RSS or Atom document that have a link, in feed order."""
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.get("entries"):
        raise BadArchive(f"not a feed: {parsed.get('bozo_exception')}")
    out: list[FeedEntry] = []
    for entry in parsed.get("entries", []):
        link = entry.get("link")
        if not isinstance(link, str) or not link.strip().lower().startswith(("http://", "https://")):
            continue  # feedparser falls back to the id (urn:…) when an item has no link
        key = entry.get("id") or link
        title = entry.get("title")
        published = _iso(entry.get("published_parsed")) or _iso(entry.get("updated_parsed"))
        out.append(FeedEntry(str(key).strip(), link.strip(), title if isinstance(title, str) else None, published))
    return out


class SeenStore:
    """Keys of feed items already fetched, in a SQLite file (``":memory:"`` for none)."""

    def __init__(self, path: str | Path) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS seen (feed TEXT NOT NULL, key TEXT NOT NULL, url TEXT, "
            "seen_at TEXT NOT NULL, status TEXT NOT NULL, PRIMARY KEY (feed, key))"
        )
        self._db.commit()

    def __contains__(self, item: tuple[str, str]) -> bool:
        row = self._db.execute("SELECT 1 FROM seen WHERE feed = ? AND key = ?", item).fetchone()
        return row is not None

    def add(self, feed: str, key: str, url: str, status: str) -> None:
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        self._db.execute(
            "INSERT OR REPLACE INTO seen (feed, key, url, seen_at, status) VALUES (?, ?, ?, ?, ?)",
            (feed, key, url, now, status),
        )
        self._db.commit()

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM seen").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def default_state_path() -> Path:
    """Where ``marsad follow`` keeps its seen-store: ``$MARSAD_HOME`` or ``~/.local/state/marsad``."""
    import os

    home = os.environ.get("MARSAD_HOME")
    base = Path(home) if home else Path.home() / ".local" / "state" / "marsad"
    return base / "seen.sqlite"


@dataclass(slots=True)
class FollowReport:
    entries: int = 0
    new: int = 0
    fetched: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _read_feed(source: str, fetcher: Fetcher) -> bytes:
    if source.startswith(("http://", "https://")):
        return fetcher.fetch(source).content
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        from marsad.errors import UnreadableFile

        raise UnreadableFile(f"{source}: {exc.strerror or exc}") from None


def follow(
    source: str,
    fetcher: Fetcher,
    seen: SeenStore,
    emit: Callable[[dict[str, Any]], None],
    *,
    pipeline: Pipeline | None = None,
    limit: int | None = None,
) -> FollowReport:
    """Read a feed (URL or file), fetch every item not yet seen, and emit its article object
    (or an error object); return what happened."""
    report = FollowReport()
    entries = parse_feed(_read_feed(source, fetcher))
    report.entries = len(entries)
    for entry in _new(entries, source, seen, limit):
        report.new += 1
        item_id = page_id(entry.link, entry.key)
        try:
            page = fetcher.fetch(entry.link)
            article = extract_html(page.text, url=page.url, id=item_id, published=entry.published,
                                   pipeline=pipeline)
        except MarsadError as exc:
            report.failed += 1
            report.errors.append(f"{entry.link}: {exc}")
            out = error_object(item_id, exc)
            out["url"] = entry.link
            emit(out)
            if isinstance(exc, _FINAL_ERRORS):
                seen.add(source, entry.key, entry.link, exc.code)
            continue
        report.fetched += 1
        emit(article.to_dict())
        seen.add(source, entry.key, entry.link, "ok")
    return report


def _new(entries: list[FeedEntry], source: str, seen: SeenStore, limit: int | None) -> Iterator[FeedEntry]:
    n = 0
    keys: set[str] = set()
    for entry in entries:
        if entry.key in keys or (source, entry.key) in seen:
            continue
        keys.add(entry.key)
        if limit is not None and n >= limit:
            return
        n += 1
        yield entry

