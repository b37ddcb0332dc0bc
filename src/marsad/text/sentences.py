"""Sentence spans of Arabic news text.

A sentence ends at ``. ! ? ؟ … ۔`` (with any closing quotes or brackets right after it) and
at every line break. A full stop does not end a sentence inside a number (``2.5``,
``08.09.2024``), inside or right after a dotted acronym (``سي.آي.إيه``, ``أ.ف.ب``, ``U.S.``),
after an abbreviation from ``lexicons/data/abbreviations.tsv`` (``د. محمد``) or a Latin
initial (``George W. Bush``), after a list number at the start of a line (``1. …``), before
a Latin letter or a digit (``site.com``), and never as ``..``: news headlines use ``..``
between clauses (``الجزائر.. تبون يفوز``), so it is read as a separator, not an ending.

Inside quotation marks (``“…”``, ``«…»``, ``"…"``) nothing ends the sentence, so a quote
stays with its reporting clause (``"…. …" قال الوزير``); a full stop right before the
closing mark (``."``) ends the sentence after the mark. A quote only counts when it closes
on the same line within 1,000 characters, so an unbalanced mark cannot swallow a paragraph.

>>> text = 'قال د. أحمد إن النمو بلغ 2.5%. وأضاف: "الوضع جيد. سنواصل." ثم غادر'
>>> [text[s:e] for s, e in split_sentences(text)]
['قال د. أحمد إن النمو بلغ 2.5%.', 'وأضاف: "الوضع جيد. سنواصل."', 'ثم غادر']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cache

from marsad.lexicons import read_rows as rows
from marsad.text._chars import ACRONYM, IGNORABLE
from marsad.text.normalize import normalize_str

__all__ = ["MAX_QUOTE", "split_sentences"]

MAX_QUOTE = 1000
"""The longest quotation (in characters) that keeps its inner full stops from ending a sentence."""

_LINE_BREAKS = "\n\r\v\f\x85\u2028\u2029"
_ENDS = ".!?؟…۔"
_CLOSERS = "\"'”’»)]"
_TERMINATOR = re.compile(
    f"[{_LINE_BREAKS}]|[{re.escape(_ENDS)}]+(?:[{re.escape(_CLOSERS)}]+[{re.escape(_ENDS)}]*)*"
)
_QUOTE = re.compile(f"[\"“”„«»{_LINE_BREAKS}]")
_ACRONYM = re.compile(ACRONYM)
_BLANK = re.compile(f"[\\s{IGNORABLE}]")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]")


@cache
def _abbreviations() -> dict[str, bool]:
    """Normalized abbreviation -> whether after a number it is an era marker (ends a sentence)."""
    return {
        normalize_str(row[0]): len(row) > 2 and row[2] == "year"
        for row in rows("abbreviations.tsv")
    }


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as ``(start, end)`` offsets into ``text``.

    Sentences are trimmed of surrounding whitespace and invisible controls, never empty,
    in order and non-overlapping.

    >>> text = "الجزائر.. تبون يفوز\\nنقلت أ.ف.ب عن مسؤول أن 94.65% صوتوا. وأضاف آخر"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['الجزائر.. تبون يفوز', 'نقلت أ.ف.ب عن مسؤول أن 94.65% صوتوا.', 'وأضاف آخر']
    """
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise ValueError(f"range [{start}, {end}) is outside the text (length {len(text)})")
    quotes = _quote_spans(text, start, stop) if _QUOTE.search(text, start, stop) else ([], [])
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _TERMINATOR.finditer(text, start, stop):
        cut = _cut(text, match, start, stop, quotes)
        if cut is not None:
            _add_trimmed(spans, text, begin, cut)
            begin = cut
    _add_trimmed(spans, text, begin, stop)
    return spans


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and _BLANK.match(text, start):
        start += 1
    while end > start and _BLANK.match(text, end - 1):
        end -= 1
    if start < end:
        spans.append((start, end))


def _quote_spans(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Starts and ends of the outermost quotations, each closed on its line within the cap."""
    found: list[tuple[int, int]] = []
    opened: list[tuple[int, str]] = []
    for match in _QUOTE.finditer(text, start, end):
        i = match.start()
        mark = text[i]
        if mark in _LINE_BREAKS:
            opened.clear()
            continue
        while opened and i - opened[0][0] > MAX_QUOTE:
            opened.pop(0)  # too long ago: an unbalanced mark, not a quotation
        if mark == "«":
            opened.append((i, mark))
        elif mark == "»":
            while opened and opened[-1][1] != "«":
                opened.pop()
            if opened:
                found.append((opened.pop()[0], i))
        else:  # “ ” „ " are used both ways round: the spacing tells an opening mark
            if opened and opened[-1][1] == '"' and not _opens(text, i, start, end):
                found.append((opened.pop()[0], i))
            else:
                if opened and opened[-1][1] == '"':
                    opened.pop()  # an opening mark while one is open: that one never closed
                opened.append((i, '"'))
    starts: list[int] = []
    ends: list[int] = []
    for open_at, close_at in sorted(found):
        if ends and open_at < ends[-1]:
            ends[-1] = max(ends[-1], close_at)
        else:
            starts.append(open_at)
            ends.append(close_at)
    return starts, ends


def _opens(text: str, i: int, start: int, end: int) -> bool:
    """Whether the quotation mark at ``i`` looks like an opening one: `` "word`` not ``word" ``."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in "(:[") and not after.isspace()


def _cut(
    text: str, match: re.Match[str], start: int, end: int, quotes: tuple[list[int], list[int]]
) -> int | None:
    """Where the sentence ends for this terminator match, or None if it does not end here."""
    s, e = match.span()
    if text[s] in _LINE_BREAKS:
        return s
    run_end = s
    while run_end < e and text[run_end] in _ENDS:
        run_end += 1
    run = text[s:run_end]
    starts, ends = quotes
    q = bisect_right(starts, s) - 1
    if q >= 0 and s < ends[q]:
        # inside a quotation only a full stop right before the closing mark ends the
        # sentence ('."'); '?"' ends it only when a terminator follows the mark ('?".')
        if not run_end <= ends[q] < e or run == "..":
            return None
        if run[0] in ".…۔" or any(ch in _ENDS for ch in text[ends[q] + 1 : e]):
            return e
        return None
    after = text[e] if e < end else ""
    if run.strip(".۔") == "":
        return _cut_full_stop(text, s, e, run, after, start, end)
    if after and not after.isspace() and not _ARABIC_LETTER.match(after):
        return None  # "?" or "!" inside a URL or a name
    return e


def _cut_full_stop(
    text: str, s: int, e: int, run: str, after: str, start: int, end: int
) -> int | None:
    if len(run) == 2:
        return None  # ".." separates a headline's clauses
    if len(run) > 2:
        return e  # an ellipsis
    before = text[s - 1] if s > start else ""
    if e == s + 1:  # nothing closes right after the stop
        if before.isdecimal() and after.isdecimal():
            return None  # 2.5, 08.09.2024
        if after and not after.isspace():
            if not _ARABIC_LETTER.match(after):
                return None  # site.com, U.S.A, file.pdf
            if _in_acronym(text, s, start, end) or _after_abbreviation(text, s, start):
                return None
            return e  # a missing space after the stop
        if _in_acronym(text, s, start, end) or _after_abbreviation(text, s, start):
            return None
        if _after_list_number(text, s, start):
            return None
    return e


def _word_start(text: str, s: int, start: int, dots: bool = False) -> int:
    i = s
    while i > start and i > s - 24:
        ch = text[i - 1]
        if not (ch.isalpha() or unicodedata.category(ch) == "Mn" or (dots and ch == ".")):
            break
        i -= 1
    return i


def _in_acronym(text: str, s: int, start: int, end: int) -> bool:
    """Whether the full stop at ``s`` is inside or right after a dotted acronym."""
    match = _ACRONYM.match(text, _word_start(text, s, start, dots=True), end)
    return match is not None and match.start() < s <= match.end()


def _after_abbreviation(text: str, s: int, start: int) -> bool:
    i = _word_start(text, s, start)
    word = text[i:s]
    if not word or (i > start and text[i - 1] in "._-/"):
        return False
    if len(word) == 1 and word.isupper():
        return True  # a Latin initial: George W. Bush
    era = _abbreviations().get(normalize_str(word))
    if era is None:
        return False
    if era:
        j = i
        while j > start and text[j - 1] in " \u00a0":
            j -= 1
        if j > start and text[j - 1].isdecimal():
            return False  # "عام 1950م." ends the sentence
    return True


def _after_list_number(text: str, s: int, start: int) -> bool:
    i = s
    while i > start and text[i - 1].isdecimal() and s - i < 3:
        i -= 1
    if i == s or (i > start and text[i - 1].isdecimal()):
        return False
    while i > start and text[i - 1] in " \t\u00a0":
        i -= 1
    return i == start or text[i - 1] in _LINE_BREAKS
