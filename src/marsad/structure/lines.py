"""Lines of a raw article, as trimmed spans with a normalized copy for matching."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from marsad.text.normalize import normalize_str
from marsad.text.sentences import split_sentences

__all__ = ["END_PUNCT", "Line", "piece", "sentence_pieces", "split_lines"]

_LETTER = regex.compile(r"\p{L}")
_LATIN = regex.compile(r"\p{Latin}")
_ARABIC = regex.compile(r"\p{Arabic}")
# Marks that end a sentence of prose (a headline or a label rarely ends with them).
END_PUNCT = frozenset('.!?؟:"”»)…')


@dataclass(slots=True)
class Line:
    """A trimmed piece of the text: usually a whole line, sometimes part of a long one.

    ``role`` is what the structure pass decided (title, paragraph, caption, boilerplate…),
    ``reason`` why, for boilerplate.
    """

    start: int
    end: int
    text: str
    norm: str
    role: str = ""
    reason: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def letters(self) -> int:
        return len(_LETTER.findall(self.text))

    @property
    def is_latin(self) -> bool:
        """Written in Latin script only (a site name, an English label)."""
        return bool(_LATIN.search(self.text)) and not _ARABIC.search(self.text)

    @property
    def ends_sentence(self) -> bool:
        return self.text[-1] in END_PUNCT

    @property
    def key(self) -> str:
        """The normalized text with punctuation and spacing dropped, for duplicate checks."""
        return " ".join(regex.sub(r"[\p{P}\p{S}]+", " ", self.norm).split())


def piece(text: str, start: int, end: int) -> Line | None:
    """The trimmed ``text[start:end]`` as a Line, or None if it is only whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    chunk = text[start:end]
    return Line(start, end, chunk, normalize_str(chunk))


def split_lines(text: str) -> list[Line]:
    """Every non-blank line of ``text`` (any of \\n, \\r\\n, \\r, U+2028/2029 ends a line).

    >>> [l.text for l in split_lines("عنوان\\r\\n\\n  فقرة أولى  \\n")]
    ['عنوان', 'فقرة أولى']
    """
    lines: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = piece(text, pos, pos + len(raw))
        if line is not None:
            lines.append(line)
        pos += len(raw)
    return lines


def sentence_pieces(text: str, line: Line) -> list[Line]:
    """Split a header piece at its sentence ends (the text layer's splitter: never at ".."
    or decimals)."""
    pieces = (piece(text, start, end) for start, end in split_sentences(text, line.start, line.end))
    return [p for p in pieces if p is not None]
