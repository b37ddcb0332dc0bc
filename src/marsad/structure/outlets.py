"""Outlet names from URLs: a table of major Arabic outlets' domains (``outlets.tsv``)."""

from __future__ import annotations

from functools import cache
from urllib.parse import unquote, urlsplit

from marsad.lexicons import read_rows
from marsad.text.normalize import normalize_str

__all__ = ["is_known_outlet", "outlet_for_url", "url_slug"]


@cache
def _domains() -> list[tuple[str, str, str]]:
    rows = [(r[0].lower(), r[1], r[2] if len(r) > 2 else "") for r in read_rows("outlets.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


def outlet_for_url(url: str | None) -> tuple[str, str] | None:
    """``(arabic_name, english_name)`` of the outlet whose site the URL is on.

    >>> outlet_for_url("https://www.bbc.com/arabic/middleeast/2013/09/x")
    ('بي بي سي', 'BBC Arabic')
    """
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.lower()
    for entry, ar, en in _domains():
        domain, _, prefix = entry.partition("/")
        if (host == domain or host.endswith("." + domain)) and (
            not prefix or path.startswith("/" + prefix)
        ):
            return ar, en
    return None


@cache
def _names() -> frozenset[str]:
    return frozenset(normalize_str(r[1]) for r in read_rows("outlets.tsv")) | frozenset(
        r[2].lower() for r in read_rows("outlets.tsv") if len(r) > 2
    )


def is_known_outlet(name: str) -> bool:
    """Whether ``name`` is an outlet of ``outlets.tsv`` (Arabic or English name)."""
    return normalize_str(name.strip()).lower() in _names() or normalize_str(name.strip()) in _names()


def url_slug(url: str | None) -> str:
    """The words of a URL's last readable path segment ("طالبت-المتظاهرين" → "طالبت المتظاهرين")."""
    if not url:
        return ""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return ""
    for segment in reversed([s for s in path.split("/") if s]):
        words = segment.rsplit(".", 1)[0].replace("_", "-").split("-")
        if sum(1 for w in words if w and not w.isdigit()) >= 2:
            return " ".join(w for w in words if w)
    return ""
