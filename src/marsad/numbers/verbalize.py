"""Integers as Arabic words (masculine, nominative), the inverse of the number grammar.

Used by the round-trip property test (number → words → number) and handy for building
test sentences.

>>> verbalize(20915)
'عشرون ألفاً وتسعمئة وخمسة عشر'
>>> verbalize(2000000)
'مليونان'
>>> verbalize(5630196)
'خمسة ملايين وستمئة وثلاثون ألفاً ومئة وستة وتسعون'
"""

from __future__ import annotations

from typing import Final

__all__ = ["verbalize"]

_UNITS: Final = ("", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")
_TENS: Final = ("", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون")
_HUNDREDS: Final = (
    "", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة",
)
# (value, singular, dual, plural, accusative singular used after 11..99)
_SCALES: Final = (
    (10**9, "مليار", "ملياران", "مليارات", "ملياراً"),
    (10**6, "مليون", "مليونان", "ملايين", "مليوناً"),
    (10**3, "ألف", "ألفان", "آلاف", "ألفاً"),
)


def _below_100(n: int) -> str:
    if n <= 10:
        return _UNITS[n]
    if n == 11:
        return "أحد عشر"
    if n == 12:
        return "اثنا عشر"
    if n < 20:
        return f"{_UNITS[n - 10]} عشر"
    tens, unit = divmod(n, 10)
    return _TENS[tens] if unit == 0 else f"{_UNITS[unit]} و{_TENS[tens]}"


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [p for p in (_HUNDREDS[hundreds], _below_100(rest) if rest else "") if p]
    return " و".join(parts)


def verbalize(n: int) -> str:
    """``n`` (0 ≤ n < 10^12) in Arabic words.

    >>> verbalize(0), verbalize(11), verbalize(3000), verbalize(1_000_000_001)
    ('صفر', 'أحد عشر', 'ثلاثة آلاف', 'مليار وواحد')
    """
    if not 0 <= n < 10**12:
        raise ValueError(f"out of range: {n}")
    if n == 0:
        return "صفر"
    parts: list[str] = []
    for value, one, two, plural, accusative in _SCALES:
        count, n = divmod(n, value)
        if count == 0:
            continue
        if count == 1:
            parts.append(one)
        elif count == 2:
            parts.append(two)
        elif count <= 10:
            parts.append(f"{_below_100(count)} {plural}")
        elif count % 100 <= 10 and count >= 100:
            # مئة ألف، ثلاثمئة وخمسة آلاف: the noun follows its last part's rule
            parts.append(f"{_below_1000(count)} {plural if 3 <= count % 100 <= 10 else one}")
        else:
            parts.append(f"{_below_1000(count)} {accusative}")
    if n:
        parts.append(_below_1000(n))
    return " و".join(parts)
