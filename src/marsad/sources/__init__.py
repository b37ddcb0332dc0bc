"""Reading the web as it is: HTML pages, WARC archives, RSS/Atom feeds, a polite fetcher.

Input adapters in front of the pipeline. :func:`iter_items` turns ``.html``/``.htm``/
``.warc``/``.warc.gz`` files into batch items carrying raw HTML; :func:`extract_html` turns
one page into an article.
"""

from __future__ import annotations

from marsad.sources.html import extract_html, layout_html
from marsad.sources.items import is_source_path, iter_items

__all__ = ["extract_html", "is_source_path", "iter_items", "layout_html"]
