"""The command line with web sources: extract page.html / WARC / --jsonl "html", and fetch."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.cli import main
from tests.conftest import check_contract
from tests.sources.conftest import Loopback

PAGES = Path(__file__).parent / "pages"
LEVANT_TITLE = "افتتاح معرض الكتاب في عمّان بمشاركة ٣٠٠ دار نشر"


def run(args: list[str]) -> tuple[int, list[dict[str, Any]], str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, [json.loads(x) for x in result.stdout.splitlines() if x.strip()], result.stderr


def test_extract_html_file() -> None:
    code, out, _ = run(["extract", str(PAGES / "levant.html")])
    assert code == 0 and len(out) == 1
    check_contract(out[0])
    assert out[0]["title"] == LEVANT_TITLE and out[0]["published"] == "2024-10-12T14:30:00+03:00"


def test_extract_warc_file(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    with open(path, "wb") as handle:
        w = WARCWriter(handle, gzip=True)
        for url in ("https://news.example/1", "https://news.example/2"):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO((PAGES / "levant.html").read_bytes()),
                                       http_headers=headers)
            w.write_record(rec)
            rec.raw_stream.close()
    code, out, _ = run(["extract", str(path)])
    assert code == 0 and [o["url"] for o in out] == ["https://news.example/1", "https://news.example/2"]
    for o in out:
        check_contract(o)


def test_extract_jsonl_with_html_lines(tmp_path: Path) -> None:
    html = (PAGES / "updated_only.html").read_text(encoding="utf-8")
    lines = [
        {"id": "a", "html": html, "url": "https://news.example/a"},
        {"id": "b", "text": "عنوان قصير للخبر\n\nقال المتحدث إن الاجتماع كان إيجابياً وبناءً للغاية."},
        {"id": "c", "html": "<html></html>"},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    code, out, _ = run(["extract", "--jsonl", str(path), "--published", "2024-07-01"])
    assert code == 1  # the empty page fails, the run goes on
    assert [o["id"] for o in out] == ["a", "b", "c"]
    check_contract(out[0])
    assert out[0]["updated"] == "2024-07-14T09:40:00+03:00" and out[0]["published"] == "2024-07-01"
    assert out[2]["error"]["code"] == "E101"


def test_fetch_command(server: Loopback) -> None:
    server.routes["/story"] = (200, {"Content-Type": "text/html; charset=utf-8"}, (PAGES / "levant.html").read_bytes())
    code, out, _ = run(["fetch", server.url("/story"), server.url("/missing"), "--allow-private", "--interval", "0"])
    assert code == 1
    check_contract(out[0])
    assert out[0]["title"] == LEVANT_TITLE and out[0]["url"] == server.url("/story")
    assert out[1]["error"]["code"] == "E406"


def test_fetch_refuses_loopback_by_default(server: Loopback) -> None:
    server.routes["/story"] = (200, {"Content-Type": "text/html"}, b"<p>x</p>")
    code, out, err = run(["fetch", server.url("/story")])
    assert code == 1 and out[0]["error"]["code"] == "E402" and "E402" in err
    assert server.hits == []


def test_extract_html_on_stdin() -> None:
    result = CliRunner().invoke(main, ["extract", "-"], input=(PAGES / "levant.html").read_bytes())
    assert result.exit_code == 0
    obj = json.loads(result.stdout)
    check_contract(obj)
    assert obj["title"] == LEVANT_TITLE and obj["author"] == "ريم الحسيني"
