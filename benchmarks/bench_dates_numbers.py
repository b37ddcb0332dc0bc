"""Marsad's dates and numbers beside dateparser and pyarabic: accuracy and phrases per second.

    pip install -e '.[bench]'            # dateparser and pyarabic
    .venv/bin/python benchmarks/bench_dates_numbers.py

The phrases are typical Arabic news forms written for this benchmark (none copied from the
corpus). Dates are resolved against one reference time (Tuesday 26 December 2023); a date
answer is right when it equals the expected value at the expected precision (``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``). Number phrases must give exactly the expected integer.
dateparser runs with ``languages=["ar"]``, ``RELATIVE_BASE`` = the reference and
``PREFER_DATES_FROM="past"``; pyarabic with ``pyarabic.number.text2number``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime

from marsad.dates.grammar import find_dates
from marsad.numbers.grammar import parse_numbers
from marsad.text import normalize_str

REF = date(2023, 12, 26)

DATES: list[tuple[str, str]] = [
    ("26 ديسمبر 2023", "2023-12-26"),
    ("الثلاثاء 26 ديسمبر/كانون الأول 2023", "2023-12-26"),
    ("7 أكتوبر/تشرين الأول 2023", "2023-10-07"),
    ("السابع من أكتوبر (تشرين الأول) 2023", "2023-10-07"),
    ("٧ أكتوبر ٢٠٢٣", "2023-10-07"),
    ("15 نيسان 2023", "2023-04-15"),
    ("5 جويلية 2023", "2023-07-05"),
    ("12 فيفري 2022", "2022-02-12"),
    ("26-2-2011", "2011-02-26"),
    ("2023/12/26", "2023-12-26"),
    ("الأول من ربيع الأول 1438هـ", "2016-11-30"),
    ("15 رمضان 1445 هـ", "2024-03-25"),
    ("اليوم", "2023-12-26"),
    ("أمس", "2023-12-25"),
    ("أول أمس", "2023-12-24"),
    ("غداً", "2023-12-27"),
    ("يوم غد الأربعاء", "2023-12-27"),
    ("اليوم الثلاثاء", "2023-12-26"),
    ("مساء الأحد", "2023-12-24"),
    ("الأحد الماضي", "2023-12-24"),
    ("الجمعة المقبل", "2023-12-29"),
    ("فجر اليوم", "2023-12-26"),
    ("صباح أمس", "2023-12-25"),
    ("قبل يومين", "2023-12-24"),
    ("منذ ثلاثة أيام", "2023-12-23"),
    ("الشهر الماضي", "2023-11"),
    ("العام الماضي", "2022"),
    ("في مارس/آذار الماضي", "2023-03"),
    ("يونيو المقبل", "2024-06"),
    ("نهاية نوفمبر", "2023-11"),
    ("منتصف شهر مايو المقبل", "2024-05"),
    ("10 آب", "2023-08-10"),
    ("الحادي عشر من سبتمبر", "2023-09-11"),
    ("العام 2011", "2011"),
    ("إبريل 2023", "2023-04"),
]

NUMBERS: list[tuple[str, int]] = [
    ("ثلاثة", 3),
    ("خمسة وعشرون", 25),
    ("مئة", 100),
    ("مائتين", 200),
    ("ثلاثمائة", 300),
    ("ثلاث مئة وخمسون", 350),
    ("ألف", 1000),
    ("ألفان", 2000),
    ("ثلاثة آلاف", 3000),
    ("أحد عشر ألفاً", 11000),
    ("ألف ومئتان", 1200),
    ("مليون ونصف المليون", 1500000),
    ("مليونان", 2000000),
    ("خمسمائة وثلاثة وأربعون", 543),
    ("ثلاث وأربعون مليار", 43000000000),
    ("20 ألفاً و915", 20915),
    ("5 آلاف و300", 5300),
    ("2.5 مليون", 2500000),
    ("٤٣٫٥ مليار", 43500000000),
    ("5 ملايين و630 ألف و196", 5630196),
    ("11 ألف", 11000),
    ("٢٠٬٩١٥", 20915),
    ("مئتا ألف", 200000),
    ("اثنا عشر", 12),
]


def _granular(d: datetime, expected: str) -> str:
    return d.strftime({4: "%Y", 7: "%Y-%m"}.get(len(expected), "%Y-%m-%d"))


def marsad_date(phrase: str) -> str | None:
    found = find_dates(phrase, ref=REF)
    if not found:
        return None
    return max(found, key=lambda d: d.end - d.start).value


def dateparser_date(phrase: str, expected: str) -> str | None:
    import dateparser

    settings = {"RELATIVE_BASE": datetime(REF.year, REF.month, REF.day), "PREFER_DATES_FROM": "past"}
    got = dateparser.parse(phrase, languages=["ar"], settings=settings)  # type: ignore[arg-type]
    return None if got is None else _granular(got, expected)


def marsad_number(phrase: str) -> int | None:
    parses = parse_numbers(normalize_str(phrase))
    return parses[0].value if len(parses) == 1 else None


def pyarabic_number(phrase: str) -> int | None:
    from pyarabic.number import text2number

    try:
        return int(text2number(phrase))
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def _run(name: str, items: list[tuple[str, object]], fn: Callable[[str, object], object]) -> tuple[float, float]:
    right = sum(1 for phrase, want in items if fn(phrase, want) == want)
    rounds = 20
    t0 = time.perf_counter()
    for _ in range(rounds):
        for phrase, want in items:
            fn(phrase, want)
    per_s = rounds * len(items) / (time.perf_counter() - t0)
    print(f"  {name:22s} accuracy {right}/{len(items)} = {right / len(items):.2f}   {per_s:,.0f} phrases/s")
    return right / len(items), per_s


def main() -> None:
    print(f"dates ({len(DATES)} phrases, reference {REF})")
    dates: list[tuple[str, object]] = list(DATES)
    _run("marsad", dates, lambda p, _w: marsad_date(p))
    try:
        _run("dateparser", dates, lambda p, w: dateparser_date(p, str(w)))
    except ImportError:
        print("  dateparser not installed: pip install -e '.[bench]'")
    print(f"numbers ({len(NUMBERS)} phrases)")
    numbers: list[tuple[str, object]] = list(NUMBERS)
    _run("marsad", numbers, lambda p, _w: marsad_number(p))
    try:
        _run("pyarabic text2number", numbers, lambda p, _w: pyarabic_number(p))
    except ImportError:
        print("  pyarabic not installed: pip install -e '.[bench]'")
    misses = [p for p, w in DATES if marsad_date(p) != w] + [p for p, w in NUMBERS if marsad_number(p) != w]
    if misses:
        print("marsad misses:", "; ".join(misses))


if __name__ == "__main__":
    main()
