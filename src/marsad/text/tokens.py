"""Tokens with character offsets into the original text, Arabic words cut into clitics.

A token is an Arabic word (letters with their diacritics, tatweel and invisible controls
inside it), a number (digits of any script, with ``. , ٫ ٬`` between digits: ``20,915``,
``2.5``, ``٤٣٫٥``), a Latin word (letters, then letters or digits: ``F16``), one punctuation
character (``..`` and ``...`` are one token; a lone tatweel used as a dash is punctuation
whose ``norm`` is empty), or one other symbol. Dotted acronyms (``سي.آي.إيه``, ``أ.ف.ب``,
``U.S``) are one token. Whitespace, and diacritics or invisible controls not attached to a
word, belong to no token.

>>> [(t.kind, t.norm) for t in tokenize("قالَ بايدن: 20,915 في الـ33")]  # doctest: +NORMALIZE_WHITESPACE
[('word', 'قال'), ('word', 'بايدن'), ('punct', ':'), ('number', '20,915'),
 ('word', 'في'), ('word', 'ال'), ('number', '33')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from marsad.text._chars import (
    ACRONYM_AR,
    ACRONYM_LATIN,
    AR_LETTER,
    AR_MARK,
    IGNORABLE,
    LATIN,
    LATIN_MARK,
    TATWEEL,
)
from marsad.text.clitics import Layout, SegmentKind, segment_word
from marsad.text.normalize import TABLE

__all__ = ["Segment", "Token", "TokenKind", "tokenize"]

TokenKind = Literal["word", "number", "punct", "latin", "symbol"]

# Invisible controls belong to a word only between its letters (ZWNJ inside a name).
_WORD = f"[{AR_LETTER}][{AR_LETTER}{AR_MARK}{TATWEEL}]*(?:[{IGNORABLE}]+[{AR_LETTER}{AR_MARK}{TATWEEL}]+)*"
_NUMBER = r"\d+(?:[.,\u066b\u066c]\d+)*"
_LATIN_WORD = f"[{LATIN}][{LATIN}{LATIN_MARK}0-9]*(?:['\u2019][{LATIN}][{LATIN}{LATIN_MARK}0-9]*)*"
_PUNCT_RUN = rf"\.{{2,}}|{TATWEEL}+"
# Group numbers stand for token kinds (Match.lastindex is cheaper than group names). Dotted
# acronyms are not in this pattern: trying them at every word would cost more than checking
# the rare word that is followed by a dot.
_TOKEN = re.compile(
    f"({_WORD})|({_NUMBER})|({_LATIN_WORD})|({_PUNCT_RUN})|([^\\s{AR_MARK}{IGNORABLE}])"
)
_WORD_GROUP, _LATIN_GROUP, _OTHER_GROUP = 1, 3, 5
_KIND_OF_GROUP: dict[int, TokenKind] = {2: "number", 3: "latin", 4: "punct"}
_ACRONYM_AR = re.compile(ACRONYM_AR)
_ACRONYM_LATIN = re.compile(ACRONYM_LATIN)


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a word token: a proclitic, the stem or an enclitic pronoun.

    ``start``/``end`` index the original text. ``norm`` is the piece's normalized form,
    which is ``normalize_str`` of its text except where the clitic changed the spelling:
    the article in ``لل`` (its norm is ``"ال"``), and a stem whose ة or ى the pronoun
    turned into ت or ا (its norm has ه or ي back).
    """

    start: int
    end: int
    kind: SegmentKind
    norm: str


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the original text; ``norm`` is ``normalize_str`` of its text.

    ``segments`` tile an Arabic word token (at least the stem); other tokens have none.

    >>> t = tokenize("وبيانه")[0]
    >>> [(s.kind, s.norm) for s in t.segments], t.stem_norm
    ([('proclitic', 'و'), ('stem', 'بيان'), ('enclitic', 'ه')], 'بيان')
    """

    start: int
    end: int
    kind: TokenKind
    norm: str
    segments: tuple[Segment, ...] = ()

    @property
    def stem(self) -> Segment:
        """The stem segment of a word; for other tokens, a segment spanning the token."""
        for segment in self.segments:
            if segment.kind == "stem":
                return segment
        return Segment(self.start, self.end, "stem", self.norm)

    @property
    def stem_norm(self) -> str:
        """The normalized stem: the word without its clitics (``وبالتالي`` → ``تالي``)."""
        return self.stem.norm


@lru_cache(maxsize=1 << 17)
def _word(text: str, dotted: bool) -> tuple[str, Layout]:
    norm = text.translate(TABLE)
    if dotted:
        return norm, ((0, len(text), "stem", norm),)
    return norm, segment_word(text)


@lru_cache(maxsize=1 << 14)
def _simple(text: str, group: int) -> tuple[TokenKind, str]:
    if group == _OTHER_GROUP:
        kind: TokenKind = "punct" if unicodedata.category(text).startswith("P") else "symbol"
    else:
        kind = _KIND_OF_GROUP[group]
    return kind, text.translate(TABLE)


# Building the frozen dataclasses through their slot descriptors skips the generated
# __init__ (object.__setattr__ per field), which is most of the tokenizer's time.
_new = object.__new__
_set_seg = tuple(vars(Segment)[name].__set__ for name in ("start", "end", "kind", "norm"))
_set_tok = tuple(
    vars(Token)[name].__set__ for name in ("start", "end", "kind", "norm", "segments")
)


def _segments(start: int, layout: Layout) -> tuple[Segment, ...]:
    set_start, set_end, set_kind, set_norm = _set_seg
    out = []
    for a, b, kind, norm in layout:
        seg = _new(Segment)
        set_start(seg, start + a)
        set_end(seg, start + b)
        set_kind(seg, kind)
        set_norm(seg, norm)
        out.append(seg)
    return tuple(out)


def _token(start: int, end: int, kind: TokenKind, norm: str, segments: tuple[Segment, ...]) -> Token:
    set_start, set_end, set_kind, set_norm, set_segments = _set_tok
    tok = _new(Token)
    set_start(tok, start)
    set_end(tok, end)
    set_kind(tok, kind)
    set_norm(tok, norm)
    set_segments(tok, segments)
    return tok


def _acronym(text: str, start: int, end: int, stop: int, latin: bool) -> int:
    """The end of a dotted acronym starting at ``start`` (a word ending at ``end``), or 0."""
    if end >= stop or text[end] != "." or end - start > 8:
        return 0
    match = (_ACRONYM_LATIN if latin else _ACRONYM_AR).match(text, start, stop)
    return match.end() if match else 0


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]``, with offsets into ``text``.

    >>> text = "وقال للبيت.. 1432هـ"
    >>> [text[t.start:t.end] for t in tokenize(text, 4)]
    ['للبيت', '..', '1432', 'هـ']
    >>> [[text[s.start:s.end] for s in t.segments] for t in tokenize(text)][:2]
    [['و', 'قال'], ['ل', 'ل', 'بيت']]
    """
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise ValueError(f"range [{start}, {end}) is outside the text (length {len(text)})")
    tokens: list[Token] = []
    append = tokens.append
    skip_to = start
    for match in _TOKEN.finditer(text, start, stop):
        s, e = match.span()
        if s < skip_to:
            continue  # inside an acronym already taken
        group = match.lastindex or 0
        if group == _WORD_GROUP:
            dotted = _acronym(text, s, e, stop, latin=False)
            if dotted:
                skip_to = e = dotted
            norm, layout = _word(text[s:e], dotted > 0)
            append(_token(s, e, "word", norm, _segments(s, layout)))
            continue
        if group == _LATIN_GROUP:
            dotted = _acronym(text, s, e, stop, latin=True)
            if dotted:
                skip_to = e = dotted
        kind, norm = _simple(text[s:e], group)
        append(_token(s, e, kind, norm, ()))
    return tokens
