"""Files of web sources → batch items (:class:`marsad.batch.Item` with ``html`` set).

``marsad extract page.html``, ``marsad ingest crawl.warc.gz`` and friends call
:func:`iter_items`; a file that cannot be read becomes one item with its error, so a batch
goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from marsad.batch import Item
from marsad.errors import MarsadError, UnreadableFile
from marsad.inputs import MAX_BYTES
from marsad.sources.errors import BadArchive
from marsad.sources.html import decode_html
from marsad.sources.warc import WarcStats, read_warc

__all__ = ["HTML_SUFFIXES", "WARC_SUFFIXES", "is_source_path", "iter_items", "looks_like_html", "page_id"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")


def is_source_path(path: str | Path) -> bool:
    """True for files :func:`iter_items` reads (HTML pages and WARC archives).

    >>> is_source_path("crawl.warc.gz"), is_source_path("page.HTM"), is_source_path("a.txt")
    (True, True, False)
    """
    name = str(path).lower()
    return name.endswith(HTML_SUFFIXES + WARC_SUFFIXES)


def looks_like_html(text: str) -> bool:
    """True when a text is a whole HTML document (starts with a doctype or ``<html>``).

    >>> looks_like_html("  <!DOCTYPE html><html>…"), looks_like_html("قال <b>الوزير</b>")
    (True, False)
    """
    head = text[:200].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html"))


def page_id(url: str | None, fallback: str) -> str:
    """A stable id for a page: a hash of its URL (or of ``fallback`` without one)."""
    return hashlib.sha256((url or fallback).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def iter_items(path: str | Path, stats: WarcStats | None = None) -> Iterator[Item]:
    """Items for an ``.html``/``.htm`` page or every HTML 200 response of a ``.warc[.gz]``.

    WARC items carry the record's URL; skipped records are counted in ``stats``.
    """
    p = Path(path)
    name = p.name.lower()
    try:
        if name.endswith(WARC_SUFFIXES):
            for page in read_warc(p, stats):
                yield Item(page_id(page.url, page.record_id or page.html), url=page.url, html=page.html)
            return
        size = p.stat().st_size
        if size > MAX_BYTES:
            from marsad.errors import InputTooLarge

            raise InputTooLarge(f"{p}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit")
        yield Item(None, html=decode_html(p.read_bytes()))
    except OSError as exc:
        yield Item(None, error=UnreadableFile(f"{p}: {exc.strerror or exc}"))
    except BadArchive as exc:
        yield Item(None, error=BadArchive(f"{p}: {exc.message}"))
    except MarsadError as exc:
        yield Item(None, error=exc)
