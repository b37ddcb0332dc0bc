"""Gazetteer matching: every KB alias and nisba adjective, found in one Aho-Corasick pass.

Aliases are normalized (:func:`marsad.text.normalize_str`) and tokenized like the article,
then joined by single spaces; the article's tokens are joined the same way, so a match is
a whole run of tokens whatever the spelling variant (أ/ا، ة/ه، ى/ي, diacritics, tatweel).

Clitics: a name glued to a conjunction or preposition (وبايدن، لحماس، بالقاهرة) is found
by matching again over the tokens with their leading proclitics removed (the tokenizer's
segments first, then a letter-level fallback for words the segmenter left whole, such as
a foreign name after و). The mention then covers the name only (``حماس`` in ``لحماس``);
after ``لل`` (ل + the article) the whole word is the mention (``للأناضول``), since the
article's ل belongs to the name.

>>> from marsad.text import tokenize
>>> gaz = Gazetteer.builtin()
>>> text = "التقى وزير الخارجية الأمريكي وبلينكن في القاهرة"
>>> [(text[m.start:m.end], m.kb_id) for m in gaz.find(text, tokenize(text)) if not m.nisba]
[('بلينكن', 'per:antony-blinken'), ('القاهرة', 'loc:cairo')]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from marsad.entities.kb import KB, KBEntry, load_kb, nisba_forms
from marsad.lexicons import read_rows
from marsad.text.normalize import normalize_str
from marsad.text.tokens import Token, tokenize

__all__ = ["GazMatch", "Gazetteer", "alias_key", "skip_letters"]

_PROCLITIC_LETTERS = "وفبلك"
# Words after which a "weak" alias (a place name that is also a common word) is a place.
_PLACE_CUES = frozenset([
    "في", "من", "الى", "الي", "مدينه", "بلده", "منطقه", "محافظه", "ولايه", "مدن", "بمدينه",
    "مدينتي", "قريه", "مخيم", "شمال", "جنوب", "شرق", "غرب", "وسط", "عاصمه", "العاصمه", ",",
])


@dataclass(frozen=True, slots=True)
class GazMatch:
    """A gazetteer hit: ``[start, end)`` in the text, its KB entry and whether it is a nisba.

    ``tok_start``/``tok_end`` index the token list that was searched.
    """

    start: int
    end: int
    kb_id: str
    type: str
    nisba: bool
    tok_start: int
    tok_end: int


def alias_key(alias: str) -> str:
    """The matching key of an alias: its tokens' normalized forms joined by spaces.

    >>> alias_key("سي.آي.إيه"), alias_key("أوبك+")
    ('سي.اي.ايه', 'اوبك +')
    """
    return " ".join(t.norm for t in tokenize(alias) if t.norm)


def skip_letters(text: str, start: int, end: int, count: int) -> int:
    """The offset after the first ``count`` base letters of ``text[start:end]``.

    Diacritics and tatweel after a skipped letter are skipped with it.
    """
    pos = start
    seen = 0
    while pos < end and seen < count:
        pos += 1
        seen += 1
        while pos < end and normalize_str(text[pos]) == "":
            pos += 1
    return pos


def _article_kept(token: Token) -> tuple[int, str] | None:
    """The token without its leading proclitics (the article kept): (start, form)."""
    segs = token.segments
    if len(segs) < 2 or segs[0].kind != "proclitic" or segs[0].norm == "ال":
        return None
    i = 0
    while i < len(segs) and segs[i].kind == "proclitic" and segs[i].norm != "ال":
        i += 1
    if i >= len(segs):
        return None
    form = "".join(s.norm for s in segs[i:])
    seg = segs[i]
    # لل: the article's ل is the second letter of the word; the mention keeps the whole word
    start = segs[i - 1].start if seg.norm == "ال" and seg.end - seg.start < 2 and i else seg.start
    return start, form


class Gazetteer:
    """An Aho-Corasick automaton over all KB aliases and nisba forms."""

    def __init__(self, kb: KB, extra: Iterable[tuple[str, str, str]] = ()) -> None:
        self.kb = kb
        self._weak: dict[str, frozenset[str]] = {}
        payloads: dict[str, list[tuple[str, str, bool]]] = {}
        for entry in kb:
            self._add_entry(entry, payloads)
        for alias, kb_id, etype in extra:
            payloads.setdefault(alias_key(alias), []).append((kb_id, etype, False))
        automaton = ahocorasick.Automaton()
        for key, values in payloads.items():
            if key:
                # names before nisba adjectives; earlier entries (countries) before later
                values.sort(key=lambda v: v[2])
                automaton.add_word(f" {key} ", (len(key.split(" ")), values[0]))
        automaton.make_automaton()
        self._automaton = automaton
        self.size = len(payloads)

    def _add_entry(self, entry: KBEntry, payloads: dict[str, list[tuple[str, str, bool]]]) -> None:
        for alias in entry.aliases:
            payloads.setdefault(alias_key(alias), []).append((entry.id, entry.type, False))
        if entry.weak:
            self._weak[entry.id] = frozenset(alias_key(w) for w in entry.weak)
        for adjective in entry.nisba:
            for form in nisba_forms(adjective):
                payloads.setdefault(form, []).append((entry.id, entry.type, True))

    @classmethod
    def builtin(cls, user_kb: str | None = None) -> Gazetteer:
        return _cached(user_kb)

    @staticmethod
    def generic_id(kb_id: str) -> str | None:
        """The English name of a generic (unlinked) name's pseudo-id ``~English``, else None."""
        return kb_id[1:] if kb_id.startswith("~") else None

    def _run(
        self, forms: Sequence[str], breaks: frozenset[int]
    ) -> list[tuple[int, int, tuple[int, tuple[str, str, bool]]]]:
        """Matches over ``forms`` as (first token, token count, payload); no match spans
        a token index in ``breaks`` (a line break before that token)."""
        parts = [" "]
        starts: list[int] = []
        pos = 1
        for i, form in enumerate(forms):
            if i in breaks:
                parts.append("\n ")
                pos += 2
            starts.append(pos)
            parts.append(form)
            parts.append(" ")
            pos += len(form) + 1
        haystack = "".join(parts)
        out = []
        for end, (n, payload) in self._automaton.iter(haystack):
            # the match ends at the separator after its last token
            last = bisect.bisect_right(starts, end - 1) - 1
            first = last - n + 1
            if first >= 0:
                out.append((first, n, (n, payload)))
        return out

    def find(self, text: str, tokens: Sequence[Token]) -> list[GazMatch]:
        """Non-overlapping matches in ``tokens`` (longest first, then leftmost)."""
        if not tokens:
            return []
        full: list[str] = []
        stripped: list[str] = []
        strip_start: list[int] = []
        letter1: list[str] = []
        letter2: list[str] = []
        breaks: set[int] = set()
        prev_end = tokens[0].start
        for i, tok in enumerate(tokens):
            if "\n" in text[prev_end : tok.start]:
                breaks.add(i)  # a line break ends every name
            prev_end = tok.end
            norm = tok.norm
            full.append(norm)
            kept = _article_kept(tok) if tok.kind == "word" else None
            if kept is None:
                stripped.append(norm)
                strip_start.append(tok.start)
            else:
                strip_start.append(kept[0])
                stripped.append(kept[1])
            if tok.kind == "word" and len(norm) > 3 and norm[0] in _PROCLITIC_LETTERS:
                letter1.append(norm[1:])
                letter2.append(norm[2:] if norm[1] in "بلك" and norm[0] in "وف" else "")
            else:
                letter1.append("")
                letter2.append("")
        candidates: list[tuple[int, int, int, int, tuple[str, str, bool]]] = []
        # (token count, -pass, first token, start offset, payload)
        frozen = frozenset(breaks)
        for rank, forms in enumerate((full, stripped, letter1, letter2)):
            for first, n, (_n, payload) in self._run(forms, frozen):
                tok = tokens[first]
                if rank == 0:
                    start = tok.start
                elif rank == 1:
                    if forms[first] == full[first]:
                        continue
                    start = strip_start[first]
                else:
                    if not forms[first]:
                        continue
                    start = skip_letters(text, tok.start, tok.end, rank - 1)
                candidates.append((n, -rank, first, start, payload))
        candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
        taken = [False] * len(tokens)
        out: list[GazMatch] = []
        forms_of = (full, stripped, letter1, letter2)
        waiting: list[tuple[int, int, int, tuple[str, str, bool]]] = []
        for n, neg_rank, first, start, (kb_id, etype, nisba) in candidates:
            if any(taken[first : first + n]):
                continue
            if kb_id in self._weak and not nisba:
                key = " ".join([forms_of[-neg_rank][first], *full[first + 1 : first + n]])
                if key in self._weak[kb_id] and (etype != "LOC" or not _cued(full, first)):
                    if neg_rank < 0 and etype == "LOC":  # a place after a place: شحات والبيضاء
                        waiting.append((n, first, start, (kb_id, etype, nisba)))
                    continue
            for i in range(first, first + n):
                taken[i] = True
            last = tokens[first + n - 1]
            out.append(GazMatch(start, last.end, kb_id, etype, nisba, first, first + n))
        place_ends = {m.tok_end for m in out if m.type == "LOC" and not m.nisba}
        for n, first, start, (kb_id, etype, nisba) in waiting:
            if first in place_ends and not any(taken[first : first + n]) and full[first][:1] == "و":
                for i in range(first, first + n):
                    taken[i] = True
                out.append(GazMatch(start, tokens[first + n - 1].end, kb_id, etype, nisba, first, first + n))
        out.sort(key=lambda m: m.start)
        return out


def _cued(forms: Sequence[str], first: int) -> bool:
    if first == 0:
        return False
    prev = forms[first - 1]
    if prev in _PLACE_CUES:
        return True
    return len(prev) > 1 and prev[0] in "وب" and prev[1:] in _PLACE_CUES


def generic_names() -> list[tuple[str, str, str]]:
    """(alias, pseudo-id ``~English``, type) of ``entity_generic_orgs.tsv``."""
    return [(r[0], "~" + r[2], r[1]) for r in read_rows("entity_generic_orgs.tsv") if len(r) >= 3]


@lru_cache(maxsize=4)
def _cached(user_kb: str | None) -> Gazetteer:
    return Gazetteer(load_kb(user_kb), generic_names())
