"""Reading the text layer's TSV data files from ``marsad.lexicons.data``."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["rows"]


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of data file ``name``, each a tuple of tab-separated, stripped cells.

    Blank lines and lines starting with ``#`` are skipped.

    >>> rows("abbreviations.tsv")[0][0]
    'د'
    """
    text = files("marsad.lexicons.data").joinpath(name).read_text(encoding="utf-8")
    return tuple(
        tuple(cell.strip() for cell in line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
