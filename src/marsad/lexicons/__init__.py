"""Marsad's language data: TSV files under ``marsad.lexicons.data``, read by the stages.

Each file is UTF-8, one entry a line, columns separated by tabs; blank lines and lines
starting with ``#`` are comments. Files are read once and cached.

>>> ("رويترز",) in read_rows("credits.tsv")
True
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["read_column", "read_rows"]


@cache
def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of data file ``name``: each a tuple of its tab-separated, stripped cells."""
    text = files("marsad.lexicons.data").joinpath(name).read_text(encoding="utf-8")
    rows: list[tuple[str, ...]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@cache
def read_column(name: str, column: int = 0) -> tuple[str, ...]:
    """One column of data file ``name`` (the first by default), rows lacking it skipped."""
    return tuple(row[column] for row in read_rows(name) if len(row) > column)
