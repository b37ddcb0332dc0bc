"""Counted quantities: how many were killed, injured, detained … and of what.

:func:`find_quantities` reads one block of text (a title or a paragraph) and returns every
count it states, each a :class:`Quantity` with its category, value (or, for a vague count,
its magnitude), qualifier, the phrase's offsets, the unit of an ``other`` count, and the
source / reference date / place stated around it. It builds on :mod:`marsad.numbers.grammar`
(number expressions) and on data files in ``marsad.lexicons.data``:

* ``quantity_nouns.tsv``      counted nouns and their class (قتيل → killed, شخص → person,
  غارة → thing, ساعة → skip …), with duals (غارتين = 2)
* ``quantity_cues.tsv``       verbs and nouns that say what happened to persons counted
  (قتل، أصيب، أفرج، سراح، نزوح …)
* ``quantity_qualifiers.tsv`` نحو → approx, أكثر من → more_than, على الأقل → at_least …
* ``quantity_sources.tsv``    وفقاً لـ، بحسب، نقلاً عن … (what follows is the source)
* ``quantity_labels.tsv``     nouns a number labels rather than counts (المادة 51، قرار 2334)

The category comes from the counted noun when it says it (قتيلاً، جريحاً، مفقود); for persons
(شخصاً، فلسطيني، آخرون) from the nearest cue before the number in the sentence (or just
after the noun); a noun that detained-class persons are released from (أفرج عن 5 أسرى) is
``released``. Things and unknown nouns are ``other`` with the noun as unit. Each quantity keeps
the names of the rules that produced it in ``rule``.

>>> [(q.category, q.value, q.qualifier) for q in find_quantities(
...     "قتل 30 شخصا على الأقل وأصيب 55 آخرون في تفجير")]
[('killed', 30, 'at_least'), ('injured', 55, 'exact')]
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Final

from marsad.lexicons import read_column, read_rows
from marsad.numbers.grammar import NumberParse, Tok, lookup_word, parse_tokens, tokens
from marsad.text import Normalized, normalize, normalize_str
from marsad.text.clitics import segment_word

__all__ = ["Quantity", "find_quantities"]

_INTRINSIC: Final = frozenset({"killed", "injured", "missing", "detained", "displaced"})
_NOUN_PREFIXES: Final = ("وبال", "وال", "بال", "فال", "لل", "ال", "وب", "ول", "و", "ف", "ب", "ل")
_SUFFIXES: Final = ("هما", "هم", "هن", "ها", "ه")
_BOUNDARY: Final = frozenset(".!?;")
_CUE_WINDOW: Final = 12


@dataclass(frozen=True, slots=True)
class Quantity:
    """One count stated in the text; ``start``/``end`` index the original text."""

    category: str
    value: int | None
    magnitude: int | None
    qualifier: str
    start: int
    end: int
    unit: str | None
    rule: str
    about: str | None = None
    as_of: str | None = None
    source: str | None = None

    def to_dict(self, text: str) -> dict[str, Any]:
        """The contract's quantity object."""
        return {
            "category": self.category,
            "value": self.value,
            "magnitude": self.magnitude,
            "qualifier": self.qualifier,
            "start": self.start,
            "end": self.end,
            "text": text[self.start : self.end],
            "unit": self.unit,
            "about": self.about,
            "as_of": self.as_of,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class _Noun:
    cls: str
    unit: str | None
    count: int | None = None  # 2 for a dual form


# ---------------------------------------------------------------------------------------------
# Lexicons


@cache
def _nouns() -> dict[str, _Noun]:
    out: dict[str, _Noun] = {}
    rows = read_rows("quantity_nouns.tsv")
    for row in rows:
        form, cls = normalize_str(row[0]), row[1]
        unit = row[2] if len(row) > 2 and row[2] else None
        out.setdefault(form, _Noun(cls, unit))
    for row in rows:  # duals after every listed form, so that a listed plural wins
        if len(row) > 3 and row[3] == "dual" and row[2]:
            lemma = normalize_str(row[2])
            base = lemma[:-1] + "ت" if lemma.endswith("ه") else lemma
            for suffix in ("ين", "ان"):
                out.setdefault(base + suffix, _Noun(row[1], row[2], 2))
    return out


@cache
def _cues() -> tuple[dict[str, tuple[str, bool]], tuple[tuple[str, str, bool], ...]]:
    exact: dict[str, tuple[str, bool]] = {}
    prefix: list[tuple[str, str, bool]] = []
    for row in read_rows("quantity_cues.tsv"):
        form, category = normalize_str(row[0]), row[1]
        verb = len(row) > 2 and row[2] == "verb"
        if form.endswith("*"):
            prefix.append((form[:-1], category, verb))
        else:
            exact[form] = (category, verb)
    return exact, tuple(prefix)


@cache
def _qualifiers() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    before: list[str] = []
    after: list[str] = []
    kinds: dict[str, str] = {}
    for phrase, kind, where in read_rows("quantity_qualifiers.tsv"):
        norm = " ".join(normalize_str(phrase).split())
        kinds[norm] = kind
        (before if where == "before" else after).append(norm)

    def alt(names: list[str]) -> str:
        return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))

    before_re = re.compile(rf"(?:^|(?<=\s)|(?<=[\"(]))[وب]?(?P<q>{alt(before)})\s*$")
    after_re = re.compile(rf"^\s*,?\s*(?P<q>{alt(after)})(?![\u0621-\u064a])")
    return before_re, after_re, kinds


@cache
def _sources_re() -> re.Pattern[str]:
    phrases = {" ".join(normalize_str(r[0]).split()) for r in read_rows("quantity_sources.tsv") if r[1] != "verb"}
    names = sorted(phrases, key=len, reverse=True)
    # a phrase ending in the preposition ل is glued to the source (وفقاً لوزارة)
    alt = "|".join(
        re.escape(n).replace(r"\ ", r"\s*") + ("" if n.endswith(" ل") else r"(?![\u0621-\u064a])")
        for n in names
    )
    return re.compile(rf"(?:^|(?<=[\s,(]))و?(?:{alt})\s*")


@cache
def _function_words() -> frozenset[str]:
    return frozenset(normalize_str(w) for w in read_column("quantity_stopwords.tsv"))


@cache
def _source_verbs() -> frozenset[str]:
    return frozenset(normalize_str(r[0]) for r in read_rows("quantity_sources.tsv") if r[1] == "verb")


@cache
def _year_preps() -> frozenset[str]:
    return frozenset(normalize_str(w) for w in read_column("quantity_year_cues.tsv"))


@cache
def _labels() -> frozenset[str]:
    return frozenset(normalize_str(w) for w in read_column("quantity_labels.tsv"))


_SOURCE_STOP: Final = re.compile(r"[.,;:!?()\n]|\s(?:ان|الى|في|الذي|التي|بان)\s")


# ---------------------------------------------------------------------------------------------
# Word helpers


@lru_cache(maxsize=65536)
def _cores(word: str) -> tuple[str, ...]:
    """The word and its forms without clitics and without a final tanween alef."""
    out = [word]
    for prefix in _NOUN_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            out.append(word[len(prefix) :])
    for form in list(out):
        if form.endswith("ا") and len(form) > 3:
            out.append(form[:-1])
    return tuple(out)


@lru_cache(maxsize=65536)
def _noun(word: str, *, suffixes: bool = False) -> _Noun | None:
    table = _nouns()
    cores = _cores(word)
    for core in cores:
        hit = table.get(core)
        if hit is not None:
            return hit
    if suffixes:  # مقاتليها، أفراد أسرهم
        for core in cores:
            for suffix in _SUFFIXES:
                if core.endswith(suffix) and len(core) - len(suffix) >= 3:
                    stem = core[: -len(suffix)]
                    hit = table.get(stem) or table.get(stem + "ن")
                    if hit is not None:
                        return hit
    return None


@lru_cache(maxsize=65536)
def _cue(word: str) -> tuple[str, bool] | None:
    exact, prefix = _cues()
    for core in _cores(word):
        hit = exact.get(core)
        if hit is not None:
            return hit
        for stem, category, verb in prefix:
            if core.startswith(stem):
                return category, verb
    return None


def _definite(word: str) -> bool:
    return any(word.startswith(p) for p in ("ال", "وال", "بال", "فال", "لل"))


def _has_proclitic(word: str) -> bool:
    return segment_word(word)[0][2] == "proclitic"


def _is_nisba(word: str) -> bool:
    core = _cores(word)[-1]
    return len(core) >= 5 and (core.endswith(("يين", "يون")) or (core.endswith("ي") and len(core) >= 6))


# ---------------------------------------------------------------------------------------------
# The finder


@dataclass(slots=True)
class _Block:
    """A block's normalized text, tokens and where they map back to."""

    norm: str
    toks: list[Tok]
    offsets: tuple[int, ...]
    base: int
    text: str
    size: int

    def orig(self, nstart: int, nend: int) -> tuple[int, int]:
        start = self.offsets[nstart]
        end = self.offsets[nend - 1] + 1 if nend > nstart else start
        # the marks on the last letter (the tanween of قتيلاً) belong to the phrase
        while end < self.size and unicodedata.category(self.text[self.base + end]) == "Mn":
            end += 1
        return self.base + start, self.base + end


def find_quantities(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    exclude: Sequence[tuple[int, int]] = (),
    dates: Sequence[tuple[int, int, str | None]] = (),
    entities: Sequence[dict[str, Any]] = (),
    normalized: Normalized | None = None,
) -> list[Quantity]:
    """Counts stated in ``text[start:end]``, offsets into ``text``.

    ``exclude`` lists spans (dates) whose numbers are not counts; ``dates`` gives resolved
    date spans ``(start, end, value)`` for ``as_of``; ``entities`` the contract's entity
    list, for ``about``.

    >>> text = "وقتلت حماس نحو 1200 إسرائيلي وأسرت حوالي 240، بادلت قرابة 110 منهم"
    >>> [(q.category, q.value, q.qualifier) for q in find_quantities(text)]
    [('killed', 1200, 'approx'), ('detained', 240, 'approx'), ('released', 110, 'approx')]
    """
    end = len(text) if end is None else end
    if end <= start:
        return []
    if normalized is None:
        normalized = normalize(text[start:end])
    block = _Block(normalized.text, tokens(normalized.text), normalized.offsets, start, text, end - start)
    toks = block.toks
    parses = parse_tokens(toks)
    out: list[Quantity] = []
    taken: set[int] = set()
    prev_end_tok = -1
    prev_category: str | None = None
    for p in parses:
        q = _quantity(block, p, exclude, prev_end_tok, prev_category)
        if q is None:
            continue
        quantity, last_tok = q
        out.append(quantity)
        taken.update(range(p.first, last_tok))
        if quantity.category != "other":
            # a count of things (في 8 دول) leaves the cue before it to the people counted
            # next: ارتفاع عدد الوفيات في 8 دول إلى 7518 شخصا
            prev_end_tok = last_tok
            prev_category = quantity.category
    out.extend(_singles(block, parses, taken))
    out.sort(key=lambda q: q.start)
    out = _share_qualifiers(text, out)
    return [_attach(block, q, dates, entities, text) for q in out]


def _share_qualifiers(text: str, found: list[Quantity]) -> list[Quantity]:
    """``سقوط 27 قتيلاً وإصابة 106 آخرين في الأقل``: a qualifier after the last of two joined
    counts covers the first too."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.qualifier != "exact" or b.qualifier not in ("at_least", "approx") or "after_qualifier" not in b.rule:
            continue
        gap = normalize_str(text[a.end : b.start]).split()
        if 1 <= len(gap) <= 2 and gap[0].startswith("و"):
            out[i] = Quantity(
                a.category, a.value, a.magnitude, b.qualifier, a.start, a.end, a.unit,
                a.rule + "+shared_qualifier", a.about, a.as_of, a.source,
            )
    return out


def _in_excluded(block: _Block, p: NumberParse, exclude: Sequence[tuple[int, int]]) -> bool:
    s, e = block.orig(p.start, p.end)
    return any(s < xe and xs < e for xs, xe in exclude)


def _quantity(
    block: _Block,
    p: NumberParse,
    exclude: Sequence[tuple[int, int]],
    prev_end_tok: int,
    prev_category: str | None,
) -> tuple[Quantity, int] | None:
    toks = block.toks
    if p.value is None and p.magnitude is None:
        return None  # a fraction such as 6.2 (percentages, rates)
    if _in_excluded(block, p, exclude):
        return None
    first_tok = toks[p.first]
    if first_tok.kind == "num":
        if p.definite and not p.has_scale:
            return None  # الـ24، الـ142: an ordinal or a label
        if (len(first_tok.text) >= 8 and first_tok.text.startswith("0")) or (
            p.first > 0 and toks[p.first - 1].text == "+"
        ):
            return None  # a phone number
        if p.first + 1 < len(toks) and toks[p.first + 1].glued and toks[p.first + 1].text in "-/:":
            return None  # 26-2، 10/5، 21:03
        if p.first > 0 and toks[p.first - 1].glued and toks[p.first - 1].text in "-/:":
            return None
    if (
        first_tok.kind == "num"
        and len(first_tok.text) == 4
        and p.value is not None
        and 1900 <= p.value <= 2100
        and p.first > 0
        and any(c in _year_preps() for c in _cores(toks[p.first - 1].text))
    ):
        return None  # منذ 2023، في 2020: a year
    if p.words and p.value == 1 and p.last < len(toks) and toks[p.last].text == "من":
        return None  # واحدة من أسوأ: "one of", not a count
    rules: list[str] = [p.rule]
    noun: _Noun | None = None
    noun_last = p.last  # token index after the counted noun
    k = p.last
    value = p.value
    # the counted noun after the number
    if k < len(toks) and toks[k].kind == "word":
        word = toks[k].text
        label_before = (
            first_tok.kind == "num"
            and p.first > 0
            and toks[p.first - 1].kind == "word"
            and _definite(toks[p.first - 1].text)
            and toks[p.first - 1].text not in _function_words()
            and _cue(toks[p.first - 1].text) is None
            and _noun(toks[p.first - 1].text) is None
        )
        if word == "من" and label_before:
            return None  # الطابق 12 من المبنى، الدقيقة 90 من المباراة: a rank, not a count
        if word == "من" and p.definite and p.words:
            pass
        elif word == "من" and k + 1 < len(toks) and toks[k + 1].kind == "word":
            noun = _noun(toks[k + 1].text, suffixes=True)
            # an unknown noun after "N من" is counted only after a word number or a vague
            # count (أربعة من مقاتليها، عشرات من الأطباء); "الدقيقة 90 من المباراة" is not
            if noun is None and p.words and (_definite(toks[k + 1].text) or _is_nisba(toks[k + 1].text)):
                noun = _Noun("unknown", _unit_of(toks[k + 1].text))
            if noun is not None:
                noun_last = k + 2
                rules.append("of_noun")
        elif p.definite and p.words:
            pass  # الثلاثة، المئة: a definite number word counts the noun before it, if any
        elif word not in _function_words() and not _is_month(word):
            noun = _noun(word)
            listed = _nouns().get(word) is not None or _nouns().get(word[:-1]) is not None
            clitic = word.startswith("و") or (word.startswith(("ب", "ل", "ف", "ك")) and _has_proclitic(word))
            if clitic and not listed:
                # a clitic starts another phrase (وقوة، ببطولة); وفاة is listed whole, and
                # بحاراً، بريطانيين keep their first letter (the text layer's clitic splitter)
                noun = None
                word = ""
            if noun is not None and noun.unit == "حالة" and k + 1 < len(toks):
                case = _noun(toks[k + 1].text)  # 21 حالة وفاة، 1573 حالة إصابة
                if case is not None and case.cls in _INTRINSIC:
                    noun = _Noun(case.cls, None)
                    rules.append("case_of")
            if noun is not None and noun.count == 2:
                noun = None
            elif noun is None and word and not (_definite(word) and p.magnitude is None):
                noun = _Noun("person" if _is_nisba(word) else "unknown", _unit_of(word))
            elif noun is not None and _definite(word) and p.magnitude is None:
                noun = None
            if noun is not None:
                noun_last = k + 1
                rules.append("noun_after")
        elif p.magnitude is None and toks[k].text == "%":
            return None
    elif k < len(toks) and toks[k].text == "%":
        return None
    if p.rule == "definite_scale_count":  # المليارات الستة: of the currency named before
        noun = _Noun("thing", _money_before(block, p.first))
    # a noun before the number: المترشحين الثلاثة، فرداً واحداً، الجرحى إلى 105834
    if noun is None and p.first > 0:
        before = toks[p.first - 1]
        if before.kind == "word":
            if (
                p.words
                and p.definite
                and value is not None
                and 2 <= value <= 10  # الثلاثة، الستة; not مجموعة العشرين
                and _definite(before.text)
                and not _is_number_word(before.text)
            ):
                noun = _noun(before.text) or _Noun("unknown", _unit_of(before.text))
                scale = lookup_word(before.text)
                if scale is not None and scale.kind == "scales" and value is not None:
                    value *= int(scale.value)  # المليارات الستة
                    noun = _Noun("thing", _money_before(block, p.first))
                rules.append("definite_noun_before")
            elif (
                p.words
                and value in (1, 2)
                and not _definite(before.text)
                and _noun(before.text) is not None
                and p.last - p.first == 1
            ):
                noun = _noun(before.text)  # فرداً واحداً
                rules.append("noun_before")
            elif before.text in ("الي", "ل") and p.first > 1:
                head = _noun(toks[p.first - 2].text)
                if head is not None and head.cls in _INTRINSIC:
                    noun = head
                    rules.append("noun_to")
    if noun is not None and noun.cls == "skip":
        return None
    # a number labelled by the noun before it: المادة 51، قرار 2334، اللواء 444
    if first_tok.kind == "num" and p.first > 0 and toks[p.first - 1].kind == "word":
        before_word = toks[p.first - 1].text
        if any(c in _labels() for c in _cores(before_word)):
            return None
    # the category
    category: str | None = None
    if noun is not None and noun.cls in _INTRINSIC:
        category = noun.cls
        rules.append("noun_category")
        if category == "detained":
            cue = _cue_before(toks, p.first, prev_end_tok)
            if cue == "released":
                category = "released"
                rules.append("released_cue")
    elif noun is None or noun.cls in ("person", "group", "unknown"):
        cue = _cue_before(toks, p.first, prev_end_tok)
        if (
            cue is None
            and prev_category not in (None, "other")
            and _joined(toks, prev_end_tok, p.first)
            and noun is not None
            and noun.cls == "person"
        ):
            cue = prev_category
            rules.append("carried_cue")
        if (
            cue is None
            and prev_category not in (None, "other")
            and noun is not None
            and noun.cls == "person"
            and _subset_of_previous(toks, prev_end_tok, p.first)
        ):
            cue = prev_category  # قتل 30 شخصاً بينهم 5 أطفال
            rules.append("subset")
        if cue is None and noun is not None:
            cue = _cue_after(toks, noun_last)  # … على النزوح، … في عداد المفقودين
        if cue is not None:
            category = cue
            rules.append("cue")
        elif noun is not None:
            category = "other"
    elif noun.cls == "thing":
        category = "other"
    if category is None:
        return None
    # the qualifier
    before_re, after_re, kinds = _qualifiers()
    norm = block.norm
    qualifier = "exact"
    q_start = p.start
    m = before_re.search(norm, max(0, p.start - 30), p.start)
    if m is not None:
        qualifier = kinds[" ".join(m["q"].split())]
        q_start = m.start("q")
    phrase_end = toks[noun_last - 1].end
    m2 = after_re.match(norm[phrase_end : phrase_end + 30])
    if m2 is not None and qualifier == "exact":
        qualifier = kinds[" ".join(m2["q"].split())]
        phrase_end += m2.end("q")
        rules.append("after_qualifier")
    if p.magnitude is not None:
        qualifier = "approx"
    start, end = block.orig(q_start, phrase_end)
    unit = noun.unit if noun is not None and category == "other" else None
    magnitude = min(p.magnitude, 1_000_000) if p.magnitude is not None else None
    if magnitude is not None and magnitude not in (10, 100, 1000, 1_000_000):
        magnitude = 1000 if magnitude < 1_000_000 else 1_000_000  # عشرات الآلاف: the contract's nearest
    return Quantity(category, value, magnitude, qualifier, start, end, unit, "+".join(rules)), noun_last


@cache
def _months() -> frozenset[str]:
    return frozenset(normalize_str(n).split()[0] for n in read_column("months.tsv"))


@cache
def _ordinals() -> frozenset[str]:
    return frozenset(normalize_str(n) for n in read_column("numbers_ordinals.tsv"))


def _is_month(word: str) -> bool:
    return any(c in _months() for c in _cores(word))


def _is_number_word(word: str) -> bool:
    return lookup_word(word) is not None or any(c in _ordinals() for c in _cores(word))


def _unit_of(word: str) -> str | None:
    cores = _cores(word)
    core = cores[-1] if len(cores) > 1 else word
    return core or None


def _money_before(block: _Block, i: int) -> str | None:
    for t in reversed(block.toks[max(0, i - 40) : i]):
        n = _noun(t.text)
        if n is not None and n.cls == "thing" and n.unit in ("دولار", "يورو", "ريال", "جنيه", "دينار", "درهم", "ليرة"):
            return n.unit
    return None


def _joined(toks: list[Tok], prev_end: int, first: int) -> bool:
    """The previous quantity ends just before this one, joined by و."""
    if prev_end < 0:
        return False
    between = toks[prev_end:first]
    return (not between and toks[first].text.startswith("و")) or [t.text for t in between] == ["و"]


_SUBSET_WORDS: Final = frozenset({"بينهم", "منهم", "بينهن", "منهن", "من", "بين", "غالبيتهم", "معظمهم"})


def _subset_of_previous(toks: list[Tok], prev_end: int, first: int) -> bool:
    """``… شخصاً، بينهم 5 أطفال``: the count is part of the previous one."""
    if prev_end < 0:
        return False
    between = [t.text for t in toks[prev_end:first] if t.kind == "word"]
    return 1 <= len(between) <= 3 and between[-1] in _SUBSET_WORDS | {"و" + w for w in _SUBSET_WORDS}


def _cue_before(toks: list[Tok], i: int, stop: int) -> str | None:
    j = i - 1
    words = 0
    lo = max(stop, 0)
    while j >= lo and words < _CUE_WINDOW:
        t = toks[j]
        if t.kind == "other" and t.text in _BOUNDARY:
            return None
        if t.kind == "word":
            words += 1
            hit = _cue(t.text)
            if hit is not None:
                return hit[0]
            noun = _noun(t.text)  # عدد القتلى … 200 شخص، قتلى الزلزال قفز إلى 1805 أشخاص
            if noun is not None and noun.cls in _INTRINSIC and noun.count is None:
                return noun.cls
        j -= 1
    return None


def _cue_after(toks: list[Tok], i: int) -> str | None:
    """A verb right after the counted persons (… شخصاً على الأقل لقوا مصرعهم); a word
    starting with و begins another clause and ends the search."""
    words = 0
    for t in toks[i : i + 8]:
        if t.kind == "other" and t.text in _BOUNDARY:
            return None
        if t.kind == "word":
            if t.text.startswith("و"):
                return None
            words += 1
            hit = _cue(t.text)
            if hit is not None:
                return hit[0]
            noun = _noun(t.text)  # … شخصاً في عداد المفقودين
            if noun is not None and noun.cls in _INTRINSIC and noun.count is None and _definite(t.text):
                return noun.cls
            if words >= 4:
                return None
    return None


def _singles(block: _Block, parses: list[NumberParse], taken: set[int]) -> list[Quantity]:
    """Counts stated without a number: a dual noun (غارتين، قتيلين) and a cue verb before a
    singular person noun (قتل شرطي)."""
    toks = block.toks
    in_number: set[int] = set(taken)
    for p in parses:
        in_number.update(range(p.first, p.last))
    out: list[Quantity] = []
    for i, t in enumerate(toks):
        if t.kind != "word" or i in in_number:
            continue
        noun = _noun(t.text)
        # a definite dual (الشركتان، الطائرتان) refers back to things already counted
        if noun is not None and noun.count == 2 and noun.cls != "skip" and not _definite(t.text):
            category: str | None = noun.cls if noun.cls in _INTRINSIC else None
            if category is None and noun.cls in ("person", "group"):
                category = _cue_before(toks, i, -1)
            if category is None:
                category = "other"
            s, e = block.orig(t.start, t.end)
            unit = noun.unit if category == "other" else None
            out.append(Quantity(category, 2, None, "exact", s, e, unit, "dual_noun"))
            continue
        if i + 1 < len(toks) and i + 1 not in in_number:
            hit = _cue(t.text)
            if hit is None:
                continue
            j = i + 1
            # after a verb, one definite subject may stand between: اعتقلت الشرطة صحفياً;
            # a noun cue takes its person directly: مقتل جندي
            if (
                hit[1]
                and toks[j].kind == "word"
                and _definite(toks[j].text)
                and j + 1 < len(toks)
                and _noun(toks[j].text) is None
            ):
                j += 1
            nxt = toks[j]
            if nxt.kind != "word" or nxt.glued or j in in_number or _definite(nxt.text) or nxt.text.startswith("و"):
                continue
            if _singular_person(nxt.text):
                if j + 1 in in_number or (j + 1 < len(toks) and toks[j + 1].kind == "num"):
                    continue  # مقتل شخص واحد: the number states it
                s, e = block.orig(t.start, nxt.end)
                out.append(Quantity(hit[0], 1, None, "exact", s, e, None, "verb_singular_noun"))
    return out


# ---------------------------------------------------------------------------------------------
# source, as_of, about: read in the sentence around the quantity


def _singular_person(word: str) -> bool:
    """شرطي، جندياً، صحفياً: one person, a listed singular. (A nisba is not enough: "قتل
    كوليبالي" names a man.)"""
    person = _noun(word)
    return (
        person is not None
        and person.cls == "person"
        and person.count is None
        and person.unit is not None
        and normalize_str(person.unit) in _cores(word)
    )


def _sentence(block: _Block, nstart: int) -> tuple[int, int]:
    norm = block.norm
    lo = max(norm.rfind(c, 0, nstart) for c in ".!?;\n") + 1
    hi_candidates = [i for i in (norm.find(c, nstart) for c in ".!?;\n") if i >= 0]
    hi = min(hi_candidates) if hi_candidates else len(norm)
    return lo, hi


def _attach(
    block: _Block,
    q: Quantity,
    dates: Sequence[tuple[int, int, str | None]],
    entities: Sequence[dict[str, Any]],
    text: str,
) -> Quantity:
    # normalized position of the quantity: find the first normalized index mapping to it
    offsets = block.offsets
    local = q.start - block.base
    nstart = min(bisect_left(offsets, local), len(block.norm))
    lo, hi = _sentence(block, nstart)
    s_lo = block.orig(lo, hi)[0] if hi > lo else q.start
    source = _source(block, lo, hi, text)
    as_of = None
    for ds, _de, value in dates:
        # "وحتى الثلاثاء، 20 ألفاً و915 قتيلاً": the date stated before the figure
        if s_lo <= ds < q.start and value is not None:
            before = normalize_str(text[max(s_lo, ds - 8) : ds]).split()
            if before and before[-1] in ("حتي", "وحتي"):
                as_of = value
                break
    about = _about(block, q, lo, hi, entities) if entities else None
    if source is None and as_of is None and about is None:
        return q
    return Quantity(
        q.category, q.value, q.magnitude, q.qualifier, q.start, q.end, q.unit, q.rule, about, as_of, source
    )


def _source(block: _Block, lo: int, hi: int, text: str) -> str | None:
    m = _sources_re().search(block.norm, lo, hi)
    if m is None:
        return None
    pos = m.end()
    words = block.norm[pos:hi].split(" ")
    if words and words[0] in _source_verbs():  # حسبما ذكر مصدر …
        pos += len(words[0]) + 1
    rest = block.norm[pos:hi]
    stop = _SOURCE_STOP.search(rest)
    end = pos + (stop.start() if stop is not None else len(rest))
    if end <= pos:
        return None
    s, e = block.orig(pos, end)
    found = text[s:e].strip(" \"'«»“”")
    return found or None


def _plain_words(text: str) -> list[str]:
    """The normalized words of ``text`` without punctuation."""
    return re.findall(r"[^\W\d_]+", normalize_str(text))


# Words that put a figure somewhere: في غزة، بغزة، على القطاع، ضد قطاع غزة، شمال بغداد
# (normalized: على is written علي)
_PLACE_PREPS = "في|علي|ضد|داخل|قرب|شرق|غرب|شمال|جنوب|وسط|ب"


def _about(block: _Block, q: Quantity, lo: int, hi: int, entities: Sequence[dict[str, Any]]) -> str | None:
    """The entity of a place/party phrase (في غزة، ضد قطاع غزة، بغزة) in the quantity's
    sentence, places before parties; failing that, the place named nearest to the figure."""
    candidates: list[tuple[int, int, bool]] = []
    # (a lookahead, so that "بغارة على بلدة …" yields both بغارة and على بلدة)
    for m in re.finditer(rf"(?:^|\s)(?:{_PLACE_PREPS})(?=(\s*)(\S+(?:\s\S+)?))", block.norm[lo:hi]):
        cs, ce = block.orig(lo + m.start(2), lo + m.end(2))
        candidates.append((cs, ce, not m.group(1)))  # glued: بغزة (but not بين، بعد)
    candidates.sort(key=lambda c: abs(c[0] - q.end))
    ranked = sorted(entities, key=lambda e: e.get("type") != "LOC")
    # a place named inside an organization's name ("وزارة الصحة في غزة") is still the place
    place_names = {
        normalize_str(m["text"]): str(ent["id"])
        for ent in entities if ent.get("type") == "LOC" for m in ent.get("mentions", ())
    }
    for cs, ce, glued in candidates:
        words = _plain_words(block.text[cs:ce])
        for n in (2, 1):
            if not glued and len(words) >= n and " ".join(words[:n]) in place_names:
                return place_names[" ".join(words[:n])]
        for ent in ranked:
            if ent.get("type") not in ("LOC", "ORG", None):
                continue
            for mention in ent.get("mentions", ()):
                if mention["start"] < ce and cs < mention["end"] and (not glued or mention["start"] == cs):
                    return str(ent["id"])
    s_lo, s_hi = block.orig(lo, hi)
    places = [
        (min(abs(m["start"] - q.end), abs(q.start - m["end"])), str(ent["id"]))
        for ent in entities if ent.get("type") == "LOC"
        for m in ent.get("mentions", ()) if s_lo <= m["start"] and m["end"] <= s_hi
    ]
    return min(places)[1] if places else None
