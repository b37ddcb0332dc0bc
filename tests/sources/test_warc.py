"""WARC archives: HTML 200 responses become items; everything else is skipped and counted."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.batch import process
from marsad.pipeline import Pipeline
from marsad.sources import is_source_path, iter_items
from marsad.sources.errors import BadArchive
from marsad.sources.warc import WarcStats, iter_warc, read_warc
from tests.conftest import check_contract

PAGE = (
    "<html lang='ar' dir='rtl'><head><title>ارتفاع أسعار الوقود</title></head><body>"
    "<h1>ارتفاع أسعار الوقود في الأسواق المحلية</h1>"
    "<p>رفعت الحكومة أسعار الوقود بنسبة عشرة في المئة اعتباراً من صباح اليوم، في خطوة قالت إنها ضرورية لتقليص العجز.</p>"
    "<p>وقال وزير المالية إن الدعم سيتحول إلى الأسر الأكثر حاجة عبر برنامج تحويلات نقدية مباشرة.</p>"
    "</body></html>"
)

# (record type, url, status, content type, body)
RECORDS: list[tuple[str, str, str, str, bytes]] = [
    ("response", "https://news.example/a/1", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
    ("response", "https://news.example/a/2", "200 OK", "text/html; charset=windows-1256", PAGE.encode("cp1256")),
    ("response", "https://news.example/missing", "404 Not Found", "text/html", b"<p>not here</p>"),
    ("response", "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
    ("response", "https://news.example/moved", "301 Moved Permanently", "text/html", b""),
    ("request", "https://news.example/a/1", "", "", b""),
]


def write_warc(path: Path, gzip: bool) -> None:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for kind, url, status, ctype, body in RECORDS:
            if kind == "request":
                headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=headers))
                continue
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload to a temporary file


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_pages_and_skips(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    write_warc(path, gzip)
    stats = WarcStats()
    pages = list(read_warc(path, stats))
    assert [p.url for p in pages] == ["https://news.example/a/1", "https://news.example/a/2"]
    assert all(p.crawl_date and p.crawl_date[:4].isdigit() for p in pages)
    assert pages[1].html == PAGE  # Windows-1256 decoded by its declared charset
    assert stats.pages == 2
    assert stats.skipped == {"status:404": 1, "type:image/png": 1, "status:301": 1, "record:request": 1}


def test_iter_items_from_warc_run_through_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, True)
    items = list(iter_items(path))
    assert len(items) == 2 and all(it.html and it.url for it in items)
    assert items[0].id != items[1].id
    pipeline = Pipeline()
    for item in items:
        out = process(pipeline, item)
        check_contract(out)
        assert out["title"] == "ارتفاع أسعار الوقود في الأسواق المحلية"
        assert out["url"] == item.url


def test_iter_items_html_file_and_errors(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_bytes(PAGE.encode("cp1256"))
    [item] = list(iter_items(page))
    assert item.html == PAGE
    [missing] = list(iter_items(tmp_path / "nope.html"))
    assert missing.error is not None and missing.error.code == "E106"
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a warc file at all\n" * 3)
    [bad] = list(iter_items(junk))
    assert bad.error is not None and bad.error.code == BadArchive.code


@pytest.mark.parametrize(("path", "expected"), [
    ("a.html", True), ("a.HTM", True), ("x/crawl.warc.gz", True), ("crawl.warc", True), ("a.txt", False), ("-", False),
])
def test_is_source_path(path: str, expected: bool) -> None:
    assert is_source_path(path) is expected


def test_empty_stream_yields_nothing() -> None:
    assert list(iter_warc(io.BytesIO(b""))) == []
