"""Arabic-first text normalization, with a map back to the original offsets.

Normalization makes spelling variants compare equal, so that rules and lexicons need no
``[أإآا]`` alternatives. It is a per-character table (:data:`TABLE`) applied with
:meth:`str.translate`; whitespace is mapped but never collapsed, so most characters keep
their position and the offset map stays simple:

* deleted: Arabic diacritics (U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED),
  tatweel U+0640, zero-width and bidi controls (U+200B–U+200F, U+202A–U+202E,
  U+2066–U+2069, U+FEFF, U+061C) and the soft hyphen U+00AD;
* letters: أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, Persian ک → ك and ی → ي;
* digits: Arabic-Indic ٠–٩ and Persian ۰–۹ → 0–9;
* punctuation: ، → ``,``  ؛ → ``;``  ؟ → ``?``  ٪ → ``%``  ٫ → ``.``  ٬ → ``,``;
  “ ” „ « » ″ → ``"`` and ‘ ’ → ``'``;
* spaces: NBSP, U+2000–U+200A, U+202F, U+205F, U+3000 → ``' '``;
* Latin letters lowercased (case-folded where that keeps one character: ß, İ stay);
* Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) → their NFKC letters, when
  those are Arabic letters only; the lam-alef ligatures (ﻻ → لا) and ﷲ expand to
  several characters, each mapped to the ligature's original index.

>>> normalize_str("قالَ الرئيسُ: «إنّ ٣٠٪ ﻻ»")
'قال الرييس: "ان 30% لا"'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

__all__ = ["TABLE", "Normalized", "normalize", "normalize_str"]


def _chars(*ranges: tuple[int, int]) -> list[str]:
    return [chr(c) for lo, hi in ranges for c in range(lo, hi + 1)]


# Harakat, Quranic marks and the superscript alef carry no lexical difference in news text.
_DIACRITICS = _chars((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
# Invisible characters that scraped pages scatter inside words; they would split matches.
_INVISIBLE = _chars(
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069), (0xFEFF, 0xFEFF), (0x061C, 0x061C),
    (0x00AD, 0x00AD),
)
_TATWEEL = "\u0640"

_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي",
}
_PUNCT = {
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'",
}
_SPACES = _chars((0x00A0, 0x00A0), (0x2000, 0x200A), (0x202F, 0x202F), (0x205F, 0x205F),
                 (0x3000, 0x3000))
# Latin blocks only: other scripts' case is of no use to Arabic news matching.
_LATIN_RANGES = ((0x0041, 0x024F), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF),
                 (0xFF21, 0xFF3A))
_PRESENTATION_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE))
_ARABIC_LETTER = re.compile(r"[\u0620-\u063F\u0641-\u064A\u066E\u066F\u0671-\u06D3\u06D5]+")


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for lo, hi in _LATIN_RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            folded = ch.casefold()
            if folded == ch or len(folded) != 1:
                folded = ch.lower()
            if folded != ch and len(folded) == 1:
                table[code] = folded
    for ch in _DIACRITICS + _INVISIBLE + [_TATWEEL]:
        table[ord(ch)] = None
    for src, dst in {**_LETTERS, **_PUNCT}.items():
        table[ord(src)] = dst
    for ch in _SPACES:
        table[ord(ch)] = " "
    for c in "٠١٢٣٤٥٦٧٨٩":
        table[ord(c)] = str(unicodedata.digit(c))
    for c in "۰۱۲۳۴۵۶۷۸۹":
        table[ord(c)] = str(unicodedata.digit(c))
    base = dict(table)  # presentation forms go through the rules above after NFKC
    for lo, hi in _PRESENTATION_RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            letters = unicodedata.normalize("NFKC", ch).translate(base)
            if letters != ch and _ARABIC_LETTER.fullmatch(letters):
                table[code] = letters
    return table


TABLE: dict[int, str | None] = _build_table()
"""The ``str.translate`` table behind :func:`normalize_str` (code point → text or None)."""

# Characters whose output is not exactly one character: only these need offset bookkeeping.
_RESIZING = "".join(
    sorted(chr(c) for c, out in TABLE.items() if out is None or len(out) != 1)
)
_RESIZING_RUN = re.compile("[" + re.escape(_RESIZING) + "]+")


def normalize_str(text: str) -> str:
    """``text`` normalized (see the module docstring), without an offset map.

    >>> normalize_str("الـمـدينةُ المنوّرة")
    'المدينه المنوره'
    """
    return text.translate(TABLE)


class _Spanned(Protocol):
    def span(self) -> tuple[int, int]: ...


class _Finder(Protocol):
    def finditer(self, string: str) -> Iterator[_Spanned]: ...


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text plus, for each of its characters, its index in the original.

    ``offsets`` has ``len(text) + 1`` entries; the last is ``len(original)``. Characters a
    ligature expands to share the ligature's index.

    >>> n = normalize("أَحمد")
    >>> n.text, n.offsets
    ('احمد', (0, 2, 3, 4, 5))
    >>> n.to_original(1, 4)
    (2, 5)
    """

    text: str
    offsets: tuple[int, ...]

    def to_original(self, nstart: int, nend: int) -> tuple[int, int]:
        """The smallest original range covering normalized ``[nstart, nend)``.

        An empty range maps to an empty range at the original position of ``nstart``.

        >>> normalize("ﻻ بد").to_original(1, 2)
        (0, 1)
        """
        if not 0 <= nstart <= nend <= len(self.text):
            raise ValueError(f"range [{nstart}, {nend}) is outside 0..{len(self.text)}")
        start = self.offsets[nstart]
        if nstart == nend:
            return start, start
        return start, self.offsets[nend - 1] + 1

    def find_all(self, pattern: str | _Finder) -> Iterator[tuple[int, int]]:
        """Original ``(start, end)`` of every match of ``pattern`` in the normalized text.

        ``pattern`` is a compiled ``re``/``regex`` pattern, or a string compiled with ``re``.

        >>> list(normalize("قالَ إنَّ").find_all("ان"))
        [(5, 7)]
        """
        finder: _Finder = re.compile(pattern) if isinstance(pattern, str) else pattern
        for match in finder.finditer(self.text):
            yield self.to_original(*match.span())


def normalize(text: str) -> Normalized:
    """``text`` normalized, with the offset map back to ``text``.

    >>> n = normalize("ﻻ")
    >>> n.text, n.offsets
    ('لا', (0, 0, 1))
    """
    norm = text.translate(TABLE)
    if not _RESIZING_RUN.search(text):
        return Normalized(norm, tuple(range(len(text) + 1)))
    return Normalized(norm, tuple(_offsets(text, _RESIZING_RUN.finditer(text))))


def _offsets(text: str, runs: Iterable[re.Match[str]]) -> list[int]:
    # Characters between runs map one-to-one, so they are copied as ranges; only the
    # (rare) deleted or expanded characters are looked at one by one.
    offsets: list[int] = []
    done = 0
    for run in runs:
        start, end = run.span()
        offsets.extend(range(done, start))
        for i in range(start, end):
            out = TABLE[ord(text[i])]
            if out:
                offsets.extend([i] * len(out))
        done = end
    offsets.extend(range(done, len(text) + 1))
    return offsets
