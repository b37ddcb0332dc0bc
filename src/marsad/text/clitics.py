"""Cutting an Arabic word into proclitics, a stem and an enclitic pronoun.

Rules and word lists are data (``lexicons/data/clitics.tsv``, ``clitic_exceptions.tsv`` and
the word counts in ``text_wordfreq.tsv``); this module only applies them. The decision is
made on the normalized word, and the cuts are mapped back onto the original spelling, so
diacritics stay with the letter they follow.

Safety beats recall: a clitic is cut only when what remains is known to stand on its own
as a word, and ambiguous words are left whole. The article in ``لل`` is shown as its own
one-letter segment whose ``norm`` is ``"ال"`` (the alef is not written), so that segments
always tile the word:

>>> def pieces(word):
...     return [(word[s:e], kind, norm) for s, e, kind, norm in segment_word(word)]
>>> pieces("للبيت")
[('ل', 'proclitic', 'ل'), ('ل', 'proclitic', 'ال'), ('بيت', 'stem', 'بيت')]
>>> [text for text, _, _ in pieces("وبالتالي")], pieces("وليد")
(['و', 'ب', 'ال', 'تالي'], [('وليد', 'stem', 'وليد')])

A stem's ``norm`` is its dictionary form where the pronoun changed its spelling: ة written
ت before a pronoun comes back as ه (حكومته → حكومه + ه), ى written ا as ي (مستواه → مستوي).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from marsad.lexicons import read_rows as rows
from marsad.text.normalize import normalize

__all__ = ["Layout", "SegmentKind", "segment_word", "word_count"]

SegmentKind = Literal["proclitic", "stem", "enclitic"]
Layout = tuple[tuple[int, int, SegmentKind, str], ...]
"""Segments as ``(start, end, kind, norm)``, offsets relative to the word."""

_ARTICLE = "ال"


@dataclass(frozen=True, slots=True)
class _Proclitic:
    form: str
    slot: int
    min_rest: int
    max_ratio: float
    article_only: bool
    before: str


@dataclass(frozen=True, slots=True)
class _Rules:
    proclitics: dict[str, _Proclitic]
    enclitics: tuple[str, ...]
    article_min_stem: int
    min_count: int
    min_enclitic_base: int
    short_base: int
    short: dict[str, str]
    wasl: re.Pattern[str]
    hamza_words: frozenset[str]
    fused_al: frozenset[str]
    exceptions: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int
    end: int
    kind: SegmentKind
    norm: str


def _settings(cells: tuple[str, ...]) -> dict[str, str]:
    return dict(cell.split("=", 1) for cell in cells if "=" in cell)


@cache
def _rules() -> _Rules:
    proclitics: dict[str, _Proclitic] = {}
    enclitics: list[str] = []
    settings: dict[str, str] = {}
    short: dict[str, str] = {}
    wasl: list[str] = []
    fused: set[str] = set()
    hamza_words: set[str] = set()
    article_min_stem = 2
    for rule, form, *rest in rows("clitics.tsv"):
        opts = _settings(tuple(rest))
        if rule == "proclitic":
            proclitics[form] = _Proclitic(
                form, int(opts["slot"]), int(opts["min_rest"]), float(opts["max_ratio"]),
                opts.get("article") == "only", opts.get("before", ""),
            )
        elif rule == "article":
            article_min_stem = int(opts["min_stem"])
        elif rule == "enclitic":
            enclitics.append(form)
        elif rule == "setting":
            settings[form] = rest[0]
        elif rule == "short":
            short[form] = rest[0]
        elif rule == "wasl":
            wasl.append(form)
        elif rule == "fused_al":
            fused.add(form)
        elif rule == "hamza_word":
            hamza_words.add(form)
        else:
            raise ValueError(f"clitics.tsv: unknown rule {rule!r}")
    return _Rules(
        proclitics=proclitics,
        enclitics=tuple(sorted(enclitics, key=len, reverse=True)),
        article_min_stem=article_min_stem,
        min_count=int(settings["min_count"]),
        min_enclitic_base=int(settings["min_enclitic_base"]),
        short_base=int(settings["short_base"]),
        short=short,
        wasl=re.compile("|".join(f"(?:{w})" for w in wasl)),
        hamza_words=frozenset(hamza_words),
        fused_al=frozenset(fused),
        exceptions=frozenset(row[0] for row in rows("clitic_exceptions.tsv")),
    )


@cache
def _counts() -> dict[str, int]:
    return {word: int(count) for word, count in rows("text_wordfreq.tsv")}


def word_count(norm: str) -> int:
    """How often the normalized word ``norm`` was seen alone in the reference news text.

    >>> word_count("قال") > word_count("ليد")
    True
    """
    return _counts().get(norm, 0)


def _hamza_alefs() -> frozenset[str]:
    # Any spelling of an alef that carries hamza or madda, presentation forms included.
    found = {"أ", "إ", "آ"}
    for code in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFF)):
        if unicodedata.normalize("NFKC", chr(code))[-1:] in ("أ", "إ", "آ"):
            found.add(chr(code))
    return frozenset(found)


_HAMZA_ALEFS = _hamza_alefs()


class _Word:
    """One normalized word, with the original character behind each normalized one."""

    __slots__ = ("counts", "norm", "orig", "rules")

    def __init__(self, norm: str, orig: str) -> None:
        self.norm = norm
        self.orig = orig
        self.rules = _rules()
        self.counts = _counts()

    def count(self, form: str) -> int:
        return self.counts.get(form, 0)

    def noun_count(self, form: str) -> int:
        # a noun is seen more often with the article than bare (بلاده: بلاد 5, البلاد 323)
        return self.counts.get(form, 0) + self.counts.get(_ARTICLE + form, 0)

    def analyze(self, i: int = 0, slot: int = 1) -> list[_Piece]:
        """Pieces of ``norm[i:]`` when proclitics of ``slot`` or later may still come."""
        n, rules = self.norm, self.rules
        if n[i:] in rules.exceptions:
            return [_Piece(i, len(n), "stem", n[i:])]
        p = rules.proclitics.get(n[i]) if i < len(n) - 1 else None
        if p is not None and p.slot >= slot:
            if p.form == "ل" and n.startswith("ل", i + 1):
                lam = self._lam_lam(i)
                if lam is not None:
                    return lam
            rest = self.analyze(i + 1, p.slot + 1)
            if self._proclitic_ok(p, i, rest):
                return [_Piece(i, i + 1, "proclitic", p.form), *rest]
        if self._article_ok(i):
            return [_Piece(i, i + 2, "proclitic", _ARTICLE), _Piece(i + 2, len(n), "stem", n[i + 2 :])]
        return self._stem_enclitic(i)

    def _lam_lam(self, i: int) -> list[_Piece] | None:
        # "للX" is ل + ال + X (للبيت), or ل + لX when X starts with ل and the article's lam
        # is dropped too (لليلة) or when لX is a word without article (لليبيا). Counts decide.
        n = self.norm
        stem = n[i + 2 :]
        if len(stem) < self.rules.article_min_stem or _ARTICLE + stem in self.rules.exceptions:
            return None
        with_article = self.count(_ARTICLE + stem)
        lam_word = self.count(_ARTICLE + n[i + 1 :])
        if len(self.analyze(i + 1, 2)) == 1:  # لبيع is ل + بيع, not a word of its own
            lam_word = max(lam_word, self.count(n[i + 1 :]))
        if lam_word > with_article:
            return [_Piece(i, i + 1, "proclitic", "ل"), *self._stem_enclitic(i + 1)]
        if with_article or (len(stem) >= 3 and not stem.startswith("ل")):
            return [
                _Piece(i, i + 1, "proclitic", "ل"),
                _Piece(i + 1, i + 2, "proclitic", _ARTICLE),
                _Piece(i + 2, len(n), "stem", stem),
            ]
        return None

    def _proclitic_ok(self, p: _Proclitic, i: int, rest: list[_Piece]) -> bool:
        n, rules = self.norm, self.rules
        after = n[i + 1 :]
        if p.before and after[0] not in p.before:
            return False
        has_article = any(piece.norm == _ARTICLE and piece.kind == "proclitic" for piece in rest)
        if p.article_only:
            return has_article and self.count(after) >= rules.min_count
        short_ok = p.form in rules.short.get(after, "")
        if len(after) < p.min_rest and not short_ok:
            return False
        if after[0] == "ا" and self.orig[i + 1] not in _HAMZA_ALEFS and not (
            has_article
            or after in rules.fused_al
            or after in rules.hamza_words
            or rules.wasl.match(after)
        ):
            return False  # a bare alef after و/ب… is the word's own (فادي، والي، بايدن)
        if has_article or rest[0].kind == "proclitic" or short_ok or after in rules.hamza_words:
            return True
        core = rest[0].norm if rest[-1].kind == "enclitic" else after
        if p.before and rest[-1].kind == "enclitic" and not after.startswith(core):
            return False  # a verb after the future س has no ة or ى to restore (سيدتنا)
        own = self._stem_enclitic(i)
        if own[-1].kind == "enclitic" and self.noun_count(own[0].norm) >= self.noun_count(core):
            return False  # بعده is بعد + ه, not ب + عده
        core_count = self.count(core)
        if core_count < rules.min_count:
            return False
        return self.count(p.form + core) <= p.max_ratio * core_count

    def _article_ok(self, i: int) -> bool:
        n, rules = self.norm, self.rules
        if not n.startswith(_ARTICLE, i) or self.orig[i] in _HAMZA_ALEFS:
            return False
        word, stem = n[i:], n[i + 2 :]
        if word in rules.exceptions or word in rules.fused_al:
            return False
        if len(stem) < rules.article_min_stem:
            return False
        return len(stem) > 2 or self.count(stem) >= rules.min_count

    def _stem_enclitic(self, i: int) -> list[_Piece]:
        n = self.norm
        whole = [_Piece(i, len(n), "stem", n[i:])]
        word = n[i:]
        if word in self.rules.exceptions:
            return whole
        for enclitic in self.rules.enclitics:
            cut = len(n) - len(enclitic)
            if cut - i < 2 or not word.endswith(enclitic):
                continue
            if enclitic[-1] == "ه" and self.orig[-1] != "ه":
                continue  # written ة: the feminine ending, not a pronoun
            base = self._base(n[i:cut], word, enclitic)
            if base is not None:
                return [_Piece(i, cut, "stem", base), _Piece(cut, len(n), "enclitic", enclitic)]
        return whole

    def _base(self, base: str, word: str, enclitic: str) -> str | None:
        """The dictionary form of ``base`` if ``word`` = base + pronoun is safe to cut."""
        rules = self.rules
        if len(base) == 2:
            return base if self.count(base) >= rules.short_base else None
        word_count = self.count(word)
        candidates = [base]
        if base.endswith("ت"):
            candidates.append(base[:-1] + "ه")  # ة spelled ت before the pronoun
        if base.endswith("ا") and enclitic != "نا":
            # ى spelled ا before the pronoun; not before نا, where "Xانا" is far more often
            # an accusative (اعلانا = إعلاناً) than "Xى + نا"
            candidates.append(base[:-1] + "ي")
        if enclitic == "نا" and self.noun_count(word[:-1]) > 0:
            return None  # an accusative: تزامنا is تزامناً, not تزام + نا
        for form in candidates:
            count = self.noun_count(form)
            if count >= rules.min_enclitic_base and word_count <= count:
                return form
        if len(base) >= 4 and base.endswith("ات"):
            return base  # feminine plural + pronoun (مقدساته): no other reading
        return None


@lru_cache(maxsize=1 << 17)
def segment_word(word: str) -> Layout:
    """The clitic segments of one Arabic word, as ``(start, end, kind, norm)``.

    Offsets are relative to ``word``; the segments tile it exactly.

    >>> [("بيانه"[s:e], kind) for s, e, kind, _ in segment_word("بيانه")]
    [('بيان', 'stem'), ('ه', 'enclitic')]
    """
    normalized = normalize(word)
    norm, offsets = normalized.text, normalized.offsets
    whole: Layout = ((0, len(word), "stem", norm),)
    if len(norm) < 3 or not norm.isalpha():
        return whole
    orig = "".join(word[o] for o in offsets[:-1]) if len(norm) != len(word) else word
    pieces = _Word(norm, orig).analyze()
    if len(pieces) == 1:
        return whole
    cuts = [offsets[piece.start] for piece in pieces[1:]]
    if any(offsets[piece.start - 1] == offsets[piece.start] for piece in pieces[1:]):
        return whole  # a cut inside a ligature (ﻷ) cannot be shown on the original text
    starts = [0, *cuts]
    ends = [*cuts, len(word)]
    return tuple(
        (start, end, piece.kind, piece.norm) for start, end, piece in zip(starts, ends, pieces, strict=True)
    )
