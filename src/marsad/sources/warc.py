"""WARC archives (gzip or plain) → HTML pages with their URL and crawl date.

Every ``response`` record with HTTP status 200 and an HTML content type becomes a
:class:`WarcPage`; every other record is skipped and counted in :class:`WarcStats` by why.

::

    stats = WarcStats()
    for page in read_warc("crawl.warc.gz", stats):
        article = extract_html(page.html, url=page.url)
    stats.pages, stats.skipped   # 2, Counter({"status:404": 1, "type:image/png": 1})
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.errors import MarsadError
from marsad.inputs import MAX_BYTES
from marsad.sources.errors import BadArchive
from marsad.sources.html import decode_html

__all__ = ["WarcPage", "WarcStats", "iter_warc", "read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class WarcPage:
    url: str | None
    crawl_date: str | None  # WARC-Date, ISO 8601
    html: str
    record_id: str | None


@dataclass(slots=True)
class WarcStats:
    pages: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, why: str) -> None:
        self.skipped[why] += 1


def iter_warc(stream: IO[bytes], stats: WarcStats | None = None) -> Iterator[WarcPage]:
    """HTML 200 responses of a WARC stream, in archive order."""
    stats = stats if stats is not None else WarcStats()
    if stream.seekable():
        head = stream.read(5)
        stream.seek(-len(head), 1)
        if head and not head.startswith((b"WARC/", b"\x1f\x8b")):
            raise BadArchive(f"not a WARC archive (starts with {head!r})")
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                stats.skip(f"record:{record.rec_type}")
                continue
            http = record.http_headers
            if http is None:
                stats.skip("no-http-headers")
                continue
            status = http.get_statuscode()
            if status != "200":
                stats.skip(f"status:{status}")
                continue
            ctype = (http.get_header("Content-Type") or "").lower()
            if not ctype.startswith(_HTML_TYPES):
                stats.skip(f"type:{ctype.split(';')[0].strip() or 'none'}")
                continue
            data = record.content_stream().read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                stats.skip("too-large")
                continue
            try:
                html = decode_html(data, ctype)
            except MarsadError:
                stats.skip("undecodable")
                continue
            stats.pages += 1
            headers = record.rec_headers
            yield WarcPage(
                headers.get_header("WARC-Target-URI"),
                headers.get_header("WARC-Date"),
                html,
                headers.get_header("WARC-Record-ID"),
            )
    except ArchiveLoadFailed as exc:
        raise BadArchive(f"not a WARC archive: {exc}") from None


def read_warc(path: str | Path, stats: WarcStats | None = None) -> Iterator[WarcPage]:
    """:func:`iter_warc` over a ``.warc`` or ``.warc.gz`` file."""
    with open(path, "rb") as handle:
        yield from iter_warc(handle, stats)
