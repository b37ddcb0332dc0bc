"""The quote lexicons: reporting cues and frame words, read from ``lexicons/data/quote_*.tsv``.

Forms are kept normalized (:func:`marsad.text.normalize_str`), so matching needs no hamza
or ta-marbuta variants.

>>> lex = lexicon()
>>> lex.cue(normalize_str("وأضافت"))
Match(kind='clause', enclitic=False)
>>> lex.cue(normalize_str("أورده"))
Match(kind='object', enclitic=True)
>>> lex.cue("الجيش") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.lexicons import read_rows
from marsad.text import normalize_str

__all__ = ["Lexicon", "Match", "lexicon"]

_PAST_ENDINGS = ("", "ت", "وا", "ا", "تا")
_ENCLITICS = ("هما", "هم", "ها", "ه")


@dataclass(frozen=True, slots=True)
class Match:
    """A token read as a reporting cue: its content kind, and whether it carries a pronoun."""

    kind: str
    enclitic: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: dict[str, str]
    passive: dict[str, str]  # first word of a two-word cue ("نقل عن") -> its second word
    frames: dict[str, frozenset[str]]  # word -> roles
    addressees: dict[str, frozenset[str]]  # word -> {"في", "ل"}
    memo: dict[str, Match | None]  # normalized token -> its cue (filled as tokens are seen)
    speakers: frozenset[str]  # head nouns of speakers (مصدر، وزير، وزارة …), without ال

    def cue(self, norm: str) -> Match | None:
        """The cue a normalized token is, allowing a leading و/ف and an object pronoun."""
        if norm in self.memo:
            return self.memo[norm]
        found = self._cue(norm)
        if len(self.memo) < 1 << 16:
            self.memo[norm] = found
        return found

    def _cue(self, norm: str) -> Match | None:
        for form in _bare_forms(norm):
            kind = self.cues.get(form)
            if kind is not None:
                return Match(kind, False)
        for form in _bare_forms(norm):
            for enc in _ENCLITICS:
                if form.endswith(enc) and len(form) - len(enc) >= 3:
                    kind = self.cues.get(form[: -len(enc)])
                    if kind is not None and kind in ("clause", "object", "frame", "describe"):
                        return Match(kind, True)
        return None

    def speaker_head(self, norm: str) -> bool:
        """Is this word the head of a speaker phrase ("المتحدث"، "ومصادر"، "الوزارة")?"""
        for form in _bare_forms(norm):
            if form in self.speakers or (form.startswith("ال") and form[2:] in self.speakers):
                return True
        return False

    def has(self, norm: str, role: str) -> bool:
        return any(role in self.frames.get(f, ()) for f in _bare_forms(norm))


def _bare_forms(norm: str) -> tuple[str, ...]:
    if len(norm) > 3 and norm[0] in "وف":
        return (norm, norm[1:])
    return (norm,)


@cache
def lexicon() -> Lexicon:
    """The lexicon built from the data files (cached)."""
    cues: dict[str, str] = {}
    passive: dict[str, str] = {}
    for row in read_rows("quote_cues.tsv"):
        form = normalize_str(row[0])
        kind = row[1] if len(row) > 1 else "clause"
        if " " in form:
            first, second = form.split(" ", 1)
            passive[first] = second
            continue
        endings = _PAST_ENDINGS if len(row) > 2 and row[2] == "past" else ("",)
        for ending in endings:
            cues.setdefault(form + ending, kind)
    frames: dict[str, set[str]] = {}
    for row in read_rows("quote_frames.tsv"):
        frames.setdefault(normalize_str(row[0]), set()).add(row[1])
    addressees: dict[str, set[str]] = {}
    for row in read_rows("quote_addressees.tsv"):
        addressees.setdefault(normalize_str(row[0]), set()).add(row[1])
    return Lexicon(
        cues,
        passive,
        {k: frozenset(v) for k, v in frames.items()},
        {k: frozenset(v) for k, v in addressees.items()},
        {},
        frozenset(normalize_str(r[0]) for r in read_rows("quote_speakers.tsv")),
    )
