"""Event lexicons: PLOVER triggers, status cues and participant frames, as data.

Read from ``lexicons/data/event_{triggers,status,frames}.tsv``; everything is normalized.

>>> lex = lexicon()
>>> [(t.type, t.mode) for t in lex.by_first["غارات"]]
[('ASSAULT', 'aerial')]
>>> "غارات" in word_keys("وغاراته")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.lexicons import read_rows
from marsad.text import normalize_str

__all__ = ["GAP", "TYPES", "EventLexicon", "Trigger", "lexicon", "word_keys"]

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
_PAST_ENDINGS = ("", "ت", "وا", "ا")
GAP = "…"  # in a trigger phrase: up to four other words may come here
_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_ENCLITICS = ("هما", "هم", "ها", "ه")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger phrase: its words (normalized), PLOVER type and mode, and how to read it."""

    words: tuple[str, ...]
    type: str
    mode: str | None
    pos: str


@dataclass(frozen=True, slots=True)
class EventLexicon:
    by_first: dict[str, tuple[Trigger, ...]]  # first word key -> triggers, longest first
    status: dict[str, tuple[str, str]]  # word -> (status, where)
    frames: dict[str, str]  # word -> role
    exclusions: dict[str, tuple[tuple[str, str], ...]]  # trigger word -> (neighbour, where)
    nisba: dict[str, tuple[str, ...]]  # place name -> irregular adjective stems (أمريكي for أمريكا)


@cache
def word_keys(norm: str) -> frozenset[str]:
    """The forms a normalized word may be looked up by: with clitics and ال removed.

    >>> sorted(word_keys("بالاتفاق"))
    ['اتفاق', 'الاتفاق', 'بالاتفاق']
    """
    keys = {norm}
    stems = {norm}
    for p in _PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            stems.add(norm[len(p):])
    for s in list(stems):
        if s.startswith("ال") and len(s) > 4:
            stems.add(s[2:])
        if s.startswith("لل") and len(s) > 4:
            stems.add(s[2:])
    keys |= stems
    for s in list(stems):
        if s.endswith("ا") and len(s) > 4:  # accusative tanween: اتصالاً
            keys.add(s[:-1])
        for e in _ENCLITICS:
            if s.endswith(e) and len(s) - len(e) >= 3:
                keys.add(s[: -len(e)])
    return frozenset(keys)


@cache
def lexicon() -> EventLexicon:
    """The event lexicon built from the data files (cached)."""
    by_first: dict[str, list[Trigger]] = {}
    for row in read_rows("event_triggers.tsv"):
        if len(row) < 4 or row[1] not in TYPES:
            continue
        words = tuple(GAP if w in ("…", "...") else w for w in normalize_str(row[0]).split())
        mode = None if row[2] in ("-", "") else row[2]
        endings = _PAST_ENDINGS if len(row) > 4 and row[4] == "past" else ("",)
        for ending in endings:
            form = (words[0] + ending, *words[1:])
            trig = Trigger(form, row[1], mode, row[3])
            for key in (form[0], form[0][2:] if form[0].startswith("ال") and len(form[0]) > 4 else ""):
                if key:
                    lst = by_first.setdefault(key, [])
                    if trig not in lst:
                        lst.append(trig)
    status = {normalize_str(r[0]): (r[1], r[2] if len(r) > 2 else "before")
              for r in read_rows("event_status.tsv") if len(r) >= 2}
    frames = {normalize_str(r[0]): r[1] for r in read_rows("event_frames.tsv") if len(r) >= 2}
    exclusions: dict[str, list[tuple[str, str]]] = {}
    for r in read_rows("event_exclusions.tsv"):
        if len(r) >= 3:
            exclusions.setdefault(normalize_str(r[0]), []).append((normalize_str(r[1]), r[2]))
    nisba: dict[str, list[str]] = {}
    for r in read_rows("event_nisba.tsv"):
        if len(r) >= 2:
            nisba.setdefault(normalize_str(r[0]), []).append(normalize_str(r[1]))
    return EventLexicon(
        {k: tuple(sorted(v, key=lambda t: -len(t.words))) for k, v in by_first.items()},
        status,
        frames,
        {k: tuple(v) for k, v in exclusions.items()},
        {k: tuple(v) for k, v in nisba.items()},
    )
