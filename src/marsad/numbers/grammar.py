"""Arabic number expressions over normalized text: digits, words and the two mixed.

The input is text already passed through :func:`marsad.text.normalize_str` (Arabic-Indic
and Persian digits are ASCII, ``٫`` is ``.``, ``٬`` is ``,``, hamza forms folded), so the
grammar needs no spelling alternatives. It works on a small token list (:func:`tokens`):
runs of digits, runs of Arabic letters, single other characters.

A number is read left to right as Arabic says it, one *element* at a time (a digit run, a
unit, a ten, a hundred, a scale word such as ألف/مليون), with rules for how elements join:

* ``unit + عشر``            → a teen (ثلاثة عشر = 13)
* ``unit + مئة``            → hundreds written apart (ثلاث مئة = 300)
* ``number + scale``        → multiplication (20 ألفاً, 2.5 مليون, ثلاثة آلاف, مئتا ألف)
* ``scale + و + smaller``   → addition after a scale (20 ألفاً و915, مليون ونصف المليون)
* ``unit + و + tens``       → ثلاثة وأربعون; ``hundred + و + below 100`` → خمسمائة وثلاثة
* ``scale + noun + و + smaller + scale + same noun`` → ثلاث وأربعون مليار ريال وخمسمائة
  مليون ريال (the noun repeated after each group)

Vague counts (عشرات، مئات، آلاف alone, عشرات الآلاف) have no value and a magnitude. Every
parse keeps the names of the rules that built it (``rule``), for debugging.

>>> [(p.value, p.rule) for p in parse_numbers("خلفت 20 الفا و915 قتيلا")]
[(20915, 'digits+scale+and_after_scale')]
>>> [(p.value, p.magnitude) for p in parse_numbers("عشرات الالاف من المتظاهرين")]
[(None, 10000)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Final

from marsad.lexicons import read_rows
from marsad.text import normalize_str

__all__ = ["NumberParse", "Tok", "lookup_word", "parse_numbers", "parse_tokens", "tokens"]

# 37ر9: the Egyptian decimal mark ر between digits keeps the number one token
_TOKEN_RE: Final = re.compile(r"(\d+(?:[.,]\d+)*(?:ر\d+)?)|([\u0621-\u064a]+)|(\S)")

# Clitics a number word may carry, longest first (the article is stripped for lookup; it
# is reported as ``definite``).
_PREFIXES: Final = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "وك", "و", "ف", "ب", "ل", "ك")
_INF: Final = Decimal(10) ** 30


@dataclass(slots=True)
class Tok:
    """A token of normalized text: ``kind`` is ``num``, ``word`` or ``other``.

    (Not frozen: creating frozen instances costs twice as much, and a block makes hundreds.)
    """

    start: int
    end: int
    text: str
    kind: str
    glued: bool  # no space between this token and the previous one


@dataclass(frozen=True, slots=True)
class Word:
    """What a number word is: its kind and value, the stripped prefix, whether definite."""

    kind: str
    value: Decimal
    conj: bool
    definite: bool


@dataclass(frozen=True, slots=True)
class NumberParse:
    """One number expression: ``[start, end)`` in the normalized text, tokens ``[first, last)``.

    ``value`` is the integer when the expression is a whole number (``None`` for a vague count
    or a fraction); ``exact`` keeps decimals (``6.2``); ``magnitude`` is set for vague counts.
    """

    start: int
    end: int
    first: int
    last: int
    value: int | None
    exact: Decimal | None
    magnitude: int | None
    rule: str
    definite: bool = False
    words: bool = False
    has_scale: bool = False


def tokens(norm: str) -> list[Tok]:
    """Tokens of normalized text.

    >>> [(t.text, t.kind, t.glued) for t in tokens("ب3.17 و915")]
    [('ب', 'word', False), ('3.17', 'num', True), ('و', 'word', False), ('915', 'num', True)]
    """
    out: list[Tok] = []
    prev_end = -1
    kinds = ("", "num", "word", "other")
    for m in _TOKEN_RE.finditer(norm):
        start, end = m.span()
        out.append(Tok(start, end, m.group(), kinds[m.lastindex or 3], start == prev_end))
        prev_end = end
    return out


@cache
def _table() -> dict[str, tuple[str, Decimal]]:
    return {normalize_str(row[0]): (row[1], Decimal(row[2])) for row in read_rows("numbers_words.tsv")}


@lru_cache(maxsize=1 << 16)  # bounded: a long-running server sees unbounded vocabularies
def lookup_word(word: str) -> Word | None:
    """The number meaning of one normalized word, clitics and tanween alef allowed.

    >>> lookup_word("والفا")
    Word(kind='scale', value=Decimal('1000'), conj=True, definite=False)
    >>> lookup_word("الثلاثاء") is None
    True
    """
    table = _table()
    for prefix in ("", *_PREFIXES):
        if prefix and (not word.startswith(prefix) or len(word) - len(prefix) < 2):
            continue
        core = word[len(prefix) :]
        for form in (core, core[:-1] if core.endswith("ا") and len(core) > 3 else None):
            if form is None:
                continue
            hit = table.get(form)
            if hit is not None and hit[0] == "hundred" and prefix.endswith("بال"):
                return None  # بالمئة: per cent
            if hit is not None:
                return Word(hit[0], hit[1], prefix.startswith("و"), "ال" in prefix or prefix == "لل")
    return None


def _digits(text: str) -> Decimal | None:
    """A digit run's value: ``20,915`` (groups of three), ``2.5``; else ``None``."""
    text = text.replace("ر", ".")
    if "," in text:
        head, *groups = text.split(",")
        if len(groups) == 1 and "." not in text and 1 <= len(groups[0]) <= 2:
            text = text.replace(",", ".")  # 1,25 بليون: a decimal comma
        elif "." in text or not 1 <= len(head) <= 3 or any(len(g) != 3 for g in groups):
            return None
        else:
            text = text.replace(",", "")
    if text.count(".") > 1:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _element(toks: list[Tok], j: int) -> tuple[str, Decimal, bool, bool, int] | None:
    """The element at token ``j``: (kind, value, conj, definite, next index)."""
    if j >= len(toks):
        return None
    t = toks[j]
    if t.kind == "num":
        value = _digits(t.text)
        if value is None:
            return None
        # الـ24 (glued once the tatweel is gone) and الـ 16 (apart) are both definite
        definite = j > 0 and toks[j - 1].text in ("ال", "وال", "بال", "لل") and (t.glued or toks[j - 1].text == "ال")
        return "digits", value, False, definite, j + 1
    if t.kind != "word":
        return None
    if t.text == "و" and j + 1 < len(toks):
        nxt = _element(toks, j + 1)
        if nxt is not None and not nxt[2]:
            return nxt[0], nxt[1], True, nxt[3], nxt[4]
        return None
    w = lookup_word(t.text)
    if w is None:
        return None
    if t.text == "واحد" and j + 1 < len(toks) and toks[j + 1].text in ("عشر", "عشره"):
        w = Word("unit11", Decimal(1), True, False)  # وأحد عشر, not واحد
    if w.kind == "unit11":  # احد عشر: only as the first part of eleven
        nxt = _element(toks, j + 1)
        if nxt is None or nxt[0] != "ten" or nxt[2]:
            return None
        return "teen", Decimal(11), w.conj, w.definite, nxt[4]
    return w.kind, w.value, w.conj, w.definite, j + 1


def _is_scale_word(toks: list[Tok], j: int, scale: Decimal) -> bool:
    """``المليون`` after ``مليون ونصف``: the same scale word, definite."""
    if j >= len(toks) or toks[j].kind != "word":
        return False
    w = lookup_word(toks[j].text)
    return w is not None and w.kind in ("scale", "scales") and w.value == scale and not w.conj


def _parse_at(toks: list[Tok], i: int) -> NumberParse | None:
    first = _element(toks, i)
    if first is None:
        return None
    kind, value, _conj, definite, j = first
    if toks[i].text == "و":  # a number never starts with the bare conjunction
        return None
    words = kind != "digits"
    steps: list[str] = ["digits" if kind == "digits" else "words"]
    total = Decimal(0)
    group = Decimal(0)
    last_scale = _INF
    has_scale = False
    prev = kind
    if kind in ("digits", "unit", "ten", "teen", "tens", "hundred"):
        group = value
    elif kind == "scale":
        if toks[i].text.endswith("ا") and _element(toks, j) is None:
            return None  # ألفا كوندي: a bare accusative scale is a name, not a number
        total, last_scale, prev, has_scale = value, value, "scale", True
    elif kind == "scale2":
        total, last_scale, prev, has_scale = value, value / 2, "scale", True
    elif kind == "scales" and definite and _definite_count_after(toks, j):
        # المليارات الستة: a definite plural scale counted by the definite number after it
        nxt = _element(toks, j)
        assert nxt is not None
        exact = value * nxt[1]
        return NumberParse(
            toks[i].start, toks[nxt[4] - 1].end, i, nxt[4], int(exact), exact, None,
            "definite_scale_count", True, True, True,
        )
    elif kind == "fraction":
        # نصف مليون، ربع مليار: a fraction of the scale word right after it
        nxt = _element(toks, j)
        if nxt is None or nxt[0] != "scale" or nxt[2]:
            return None
        total = (value * nxt[1]).to_integral_value()
        last_scale, prev, has_scale, j = nxt[1], "scale", True, nxt[4]
        steps.append("fraction_of_scale")
    elif kind in ("vague", "scales"):
        magnitude = value
        nxt = _element(toks, j)
        if kind == "vague" and nxt is not None and nxt[0] == "scales" and not nxt[2]:
            magnitude *= nxt[1]
            j = nxt[4]
        return NumberParse(
            toks[i].start, toks[j - 1].end, i, j, None, None, int(magnitude), "vague", definite, True
        )
    else:
        return None

    while True:
        el = _element(toks, j)
        if el is None:
            # ثلاث وأربعون مليار ريال وخمسمائة وثلاثة وأربعون مليون ريال
            if prev == "scale" and j + 1 < len(toks) and toks[j].kind == "word":
                sub = _parse_at_conj(toks, j + 1, last_scale)
                if sub is not None and sub[2] < len(toks) and toks[sub[2]].text == toks[j].text:
                    total += sub[0]
                    last_scale = sub[1]
                    j = sub[2]
                    steps.append("interleaved_unit")
                    continue
            break
        k, v, c, _d, nj = el
        words = words or k != "digits"
        if not c:
            if prev == "unit" and k == "ten":
                group += 10
                prev = "teen"
                steps.append("teen")
            elif prev == "unit" and k == "hundred" and v == 100 and group < 10:
                group *= 100
                prev = "hundred"
                steps.append("hundred_apart")
            elif k in ("scale", "scales") and prev != "scale" and group > 0 and v < last_scale:
                total += group * v
                group = Decimal(0)
                last_scale = v
                prev = "scale"
                has_scale = True
                steps.append("scale")
            else:
                break
        else:
            if prev == "scale" and k == "fraction":
                total += (last_scale * v).to_integral_value()
                j = nj + 1 if _is_scale_word(toks, nj, last_scale) else nj
                steps.append("fraction")
                prev = "fraction"
                continue
            if prev == "scale" and k in ("digits", "unit", "ten", "teen", "tens", "hundred") and v < last_scale:
                group = v
                prev = "unit" if k == "unit" else k
                steps.append("and_after_scale")
            elif prev == "scale" and k in ("scale", "scale2") and v < last_scale:
                total += v
                last_scale = v if k == "scale" else v / 2
                steps.append("and_after_scale")
            elif prev == "unit" and k == "tens":
                group += v
                prev = "tens"
                steps.append("and_tens")
            elif prev == "hundred" and k in ("unit", "ten", "teen", "tens") and v < 100:
                group += v
                prev = "unit" if k == "unit" else k
                steps.append("and_below_100")
            else:
                break
        j = nj
    exact = total + group
    value_int = int(exact) if exact == exact.to_integral_value() else None
    rule = "+".join(dict.fromkeys(steps))
    return NumberParse(
        toks[i].start, toks[j - 1].end, i, j, value_int, exact, None, rule, definite, words, has_scale
    )


def _definite_count_after(toks: list[Tok], j: int) -> bool:
    nxt = _element(toks, j)
    return nxt is not None and nxt[0] in ("unit", "ten") and nxt[3] and not nxt[2]


def _parse_at_conj(toks: list[Tok], j: int, below: Decimal) -> tuple[Decimal, Decimal, int] | None:
    """A group after ``و`` that ends with a scale smaller than ``below``: (value, scale, next)."""
    el = _element(toks, j)
    if el is None or not el[2]:
        return None
    sub = _parse_at_plain(toks, j)
    if sub is None or sub.exact is None or not sub.has_scale:
        return None
    scale = Decimal(10) ** (len(str(int(sub.exact))) - 1)
    if sub.exact >= below:
        return None
    return sub.exact, scale, sub.last


def _parse_at_plain(toks: list[Tok], j: int) -> NumberParse | None:
    """Parse at ``j`` as if the leading conjunction were not there."""
    t = toks[j]
    if t.text == "و":
        return _parse_at(toks, j + 1)
    stripped = Tok(t.start, t.end, t.text[1:], t.kind, t.glued)
    return _parse_at([*toks[:j], stripped, *toks[j + 1 :]], j)


def parse_tokens(toks: list[Tok]) -> list[NumberParse]:
    """Every number expression in a token list, left to right, not overlapping."""
    out: list[NumberParse] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "num" or (t.kind == "word" and lookup_word(t.text) is not None):
            p = _parse_at(toks, i)
            if p is not None:
                out.append(p)
                i = p.last
                continue
        i += 1
    return out


def parse_numbers(norm: str) -> list[NumberParse]:
    """Every number expression in normalized text.

    >>> [p.value for p in parse_numbers("5 ملايين و630 الف و196 صوتا")]
    [5630196]
    >>> [p.value for p in parse_numbers("مليون ونصف المليون")]
    [1500000]
    >>> from marsad.text import normalize_str
    >>> [p.value for p in parse_numbers(normalize_str("ثلاث وأربعون مليار ريال وخمسمائة وثلاثة وأربعون مليون ريال"))]
    [43543000000]
    """
    return parse_tokens(tokens(norm))
