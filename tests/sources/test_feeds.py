"""Feeds: parsing RSS/Atom, and following a feed twice fetches each item once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.pipeline import Pipeline
from marsad.sources.errors import BadArchive
from marsad.sources.feeds import SeenStore, follow, parse_feed
from marsad.sources.fetch import Fetcher, FetchPolicy
from tests.conftest import check_contract
from tests.sources.conftest import Loopback

HTML = {"Content-Type": "text/html; charset=utf-8"}


def story(n: int) -> bytes:
    return (
        f"<html lang='ar'><body><h1>الخبر رقم {n} عن اجتماع المجلس البلدي</h1>"
        "<p>ناقش المجلس البلدي في اجتماعه الدوري مشاريع الطرق والإنارة في الأحياء الشرقية للمدينة.</p>"
        "<p>وقال رئيس المجلس إن الأعمال ستبدأ مطلع الشهر المقبل وتستمر ثلاثة أشهر.</p></body></html>"
    ).encode()


def rss(base: str, items: list[int]) -> bytes:
    entries = "".join(
        f"<item><title>الخبر {n}</title><link>{base}/news/{n}</link><guid>story-{n}</guid>"
        f"<pubDate>Tue, 0{n} Jan 2024 10:00:00 GMT</pubDate></item>"
        for n in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار</title>{entries}</channel></rss>'.encode()


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>موجز</title>
<entry><title>خبر</title><id>urn:1</id><link href="https://news.example/a/1"/><updated>2024-02-03T04:05:06Z</updated></entry>
<entry><title>بلا رابط</title><id>urn:2</id></entry>
</feed>"""


@pytest.mark.parametrize(("data", "expected"), [
    (ATOM, [("urn:1", "https://news.example/a/1", "2024-02-03T04:05:06+00:00")]),
    (rss("https://x.example", [1]).decode(), [("story-1", "https://x.example/news/1", "2024-01-01T10:00:00+00:00")]),
])
def test_parse_feed(data: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(e.key, e.link, e.published) for e in parse_feed(data)] == expected


def test_not_a_feed() -> None:
    with pytest.raises(BadArchive):
        parse_feed(b"\x00\x01 binary junk")


def serve_feed(server: Loopback, items: list[int]) -> None:
    server.routes["/rss.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(server.base, items))
    for n in items:
        server.routes[f"/news/{n}"] = (200, HTML, story(n))


def test_following_twice_fetches_each_item_once(server: Loopback, tmp_path: Path) -> None:
    serve_feed(server, [1, 2])
    seen = SeenStore(tmp_path / "seen.sqlite")
    out: list[dict[str, Any]] = []
    pipeline = Pipeline()
    with Fetcher(FetchPolicy(allow_private=True, min_interval=0)) as f:
        first = follow(server.url("/rss.xml"), f, seen, out.append, pipeline=pipeline)
        serve_feed(server, [1, 2, 3])  # the feed grows by one item
        second = follow(server.url("/rss.xml"), f, seen, out.append, pipeline=pipeline)
    seen.close()
    assert (first.new, first.fetched, second.new, second.fetched) == (2, 2, 1, 1)
    assert [server.count(f"/news/{n}") for n in (1, 2, 3)] == [1, 1, 1]
    assert server.count("/rss.xml") == 2
    for obj in out:
        check_contract(obj)
    assert [o["title"] for o in out] == [f"الخبر رقم {n} عن اجتماع المجلس البلدي" for n in (1, 2, 3)]
    assert out[0]["published"] == "2024-01-01T10:00:00+00:00"  # the feed's date, as the page states none


def test_seen_store_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "s" / "seen.sqlite"
    store = SeenStore(path)
    store.add("feed", "k1", "https://x/1", "ok")
    store.close()
    again = SeenStore(path)
    assert ("feed", "k1") in again and ("feed", "k2") not in again and len(again) == 1
    again.close()


def test_failed_fetch_is_retried_next_time_but_refusals_are_not(server: Loopback, tmp_path: Path) -> None:
    server.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /news/2\n")
    serve_feed(server, [1, 2])
    server.routes["/news/1"] = (500, {}, b"")
    seen = SeenStore(":memory:")
    with Fetcher(FetchPolicy(allow_private=True, min_interval=0, retries=0)) as f:
        r1 = follow(server.url("/rss.xml"), f, seen, lambda o: None)
        r2 = follow(server.url("/rss.xml"), f, seen, lambda o: None)
    seen.close()
    assert (r1.new, r1.failed, r2.new, r2.failed) == (2, 2, 1, 1)  # the 500 is tried again, robots is final
    assert server.count("/news/1") == 2 and server.count("/news/2") == 0


def test_follow_command_from_a_file(server: Loopback, tmp_path: Path) -> None:
    serve_feed(server, [1])
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(server.base, [1]))
    args = ["follow", str(feed), "--state", str(tmp_path / "seen.sqlite"), "--allow-private", "--interval", "0"]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert first.exit_code == 0 and second.exit_code == 0
    assert len(first.stdout.splitlines()) == 1 and second.stdout == ""
    assert "0 new" in second.stderr
    assert server.count("/news/1") == 1


def test_follow_refuses_private_links_by_default(server: Loopback, tmp_path: Path) -> None:
    serve_feed(server, [1])
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(server.base, [1]))
    result = CliRunner().invoke(main, ["follow", str(feed), "--state", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 1
    assert "E402" in result.stderr and server.hits == []


def test_follow_stores_articles_in_a_db(server: Loopback, tmp_path: Path) -> None:
    from marsad.store import open_store

    serve_feed(server, [1, 2])
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(server.base, [1, 2]))
    db = str(tmp_path / "m.db")
    args = ["follow", str(feed), "--state", str(tmp_path / "s.sqlite"), "--allow-private", "--interval", "0",
            "--db", db, "-o", str(tmp_path / "out.jsonl")]
    assert CliRunner().invoke(main, args).exit_code == 0
    with open_store(db) as store:
        assert len(store.search("المجلس البلدي")) == 2
