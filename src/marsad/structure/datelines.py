"""Find and parse publication / update datelines in one line of Arabic news text.

Arabic outlets print when a story was published or updated in many forms::

    تم النشر: 2023/12/26 الساعة 21:03 بتوقيت غرينتش
    تاريخ النشر: الثلاثاء 26 ديسمبر 2023 - 10:15 م
    السبت 23 ربيع الأول 1432هـ - 26 فبراير 2011م
    Abbas Mimouni  | 08.09.2024 - محدث : 09.09.2024

:func:`find_datelines` takes ONE line (or a chunk of a long flattened line) and returns every
dateline in it as a :class:`Dateline`: its ``[start, end)`` offsets into the line as given, its
role (``published``/``updated`` from a cue word, else ``unknown``), a :class:`Stamp` as precise
as the text is, and the name of the rule that produced it.

How it works: the line is normalized for matching (diacritics and tatweel removed, أإآ→ا,
ى→ي, ة→ه, Arabic-Indic and Persian digits → ASCII, Latin lowercased) in a private copy that
keeps a map back to the original offsets. Small named *date rules* (``numeric_ymd``,
``text_dmy``, ``hijri`` …), each one compiled pattern anchored on digits, propose candidate
dates; the best non-overlapping ones are then *extended*: to the right with a calendar marker
(``م``/``هـ``), a time (``الساعة 21:03``, ``10:15 م``) and a zone (``بتوقيت مكة المكرمة``,
``GMT``, ``+03:00``), to the left with a weekday and a role cue (``تم النشر:``). Adjacent
Hijri + Gregorian dates become one dateline (the Gregorian date wins).

Every word list is data in ``marsad.lexicons.data`` (``months.tsv``, ``weekdays.tsv``,
``timezones.tsv``, ``dateline_cues.tsv``), loaded once; adding a spelling is adding a line.

>>> [(d.role, d.stamp.iso()) for d in find_datelines(
...     "تم النشر: 2023/12/26 الساعة 21:03 بتوقيت غرينتش")]
[('published', '2023-12-26T21:03:00+00:00')]
>>> line = "الإيطالية نيوز، الخميس 1 أغسطس 2024 - جرت يوم الخميس عملية تبادل"
>>> d = find_datelines(line)[0]
>>> line[d.start:d.end], d.stamp.iso(), d.role
('الخميس 1 أغسطس 2024', '2024-08-01', 'unknown')
>>> find_datelines("قتل 30 شخصا في عام 2006")
[]
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "Dateline",
    "Role",
    "Stamp",
    "dateline_coverage",
    "find_datelines",
    "looks_like_dateline_line",
]

Role = Literal["published", "updated", "unknown"]

_DATA_PACKAGE: Final = "marsad.lexicons.data"
_MIN_YEAR: Final = 1900  # Gregorian years outside this range are not datelines
_MAX_YEAR: Final = 2100
_MIN_HIJRI_YEAR: Final = 1300
_MAX_HIJRI_YEAR: Final = 1599
_MAX_OFFSET_MINUTES: Final = 14 * 60


# ---------------------------------------------------------------------------------------------
# Public value types


@dataclass(frozen=True, slots=True)
class Stamp:
    """A point in time as precise as the text states it; missing parts are ``None``.

    ``utc_offset_minutes`` comes from a named zone, ``GMT``/``UTC`` or a ``+03:00`` suffix and
    is only set together with a time. Out-of-range fields raise :class:`ValueError`.

    >>> Stamp(2023, 12, 26, 21, 3, utc_offset_minutes=0).iso()
    '2023-12-26T21:03:00+00:00'
    >>> Stamp(2014, 9, 6, 17, 41).iso()
    '2014-09-06T17:41:00'
    >>> Stamp(2023, 12, None).iso(), Stamp(None, 2, 26, 17, 20).iso()
    ('2023-12', None)
    """

    year: int | None
    month: int | None
    day: int | None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc_offset_minutes: int | None = None

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            if self.month is None:
                last = 31
            elif self.year is None:
                last = 29 if self.month == 2 else calendar.monthrange(2001, self.month)[1]
            else:
                last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day out of range: {self.day}")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.hour is not None and not 0 <= self.hour <= 23:
            raise ValueError(f"hour out of range: {self.hour}")
        if self.minute is not None and not 0 <= self.minute <= 59:
            raise ValueError(f"minute out of range: {self.minute}")
        if self.second is not None and not 0 <= self.second <= 59:
            raise ValueError(f"second out of range: {self.second}")
        off = self.utc_offset_minutes
        if off is not None and not -_MAX_OFFSET_MINUTES <= off <= _MAX_OFFSET_MINUTES:
            raise ValueError(f"UTC offset out of range: {off}")

    def iso(self) -> str | None:
        """ISO 8601 text as precise as the stamp: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or
        ``YYYY-MM-DDTHH:MM:SS`` with ``±HH:MM`` when the offset is known.

        ``None`` when the year is unknown (a partial stamp such as ``02/26 17:20`` that is
        meant to be merged, see :meth:`merged_with`).

        >>> Stamp(2024, 3, 15).iso()
        '2024-03-15'
        >>> Stamp(2023, 12, 26, 10, 15, utc_offset_minutes=180).iso()
        '2023-12-26T10:15:00+03:00'
        """
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is None:
            return text
        text += f"T{self.hour:02d}:{self.minute or 0:02d}:{self.second or 0:02d}"
        if self.utc_offset_minutes is not None:
            off = self.utc_offset_minutes
            sign = "-" if off < 0 else "+"
            hours, minutes = divmod(abs(off), 60)
            text += f"{sign}{hours:02d}:{minutes:02d}"
        return text

    def merged_with(self, other: Stamp) -> Stamp:
        """Fill this stamp's missing fields from ``other``.

        The two must agree on every field both state, and the result must be a valid
        date; otherwise ``self`` is returned unchanged.

        >>> Stamp(2011, 2, 26).merged_with(Stamp(None, 2, 26, 17, 20)).iso()
        '2011-02-26T17:20:00'
        >>> Stamp(2011, 2, 26).merged_with(Stamp(None, 3, 1, 9, 0)).iso()
        '2011-02-26'
        """
        mine = self._fields()
        theirs = other._fields()
        merged: list[int | None] = []
        for a, b in zip(mine, theirs, strict=True):
            if a is not None and b is not None and a != b:
                return self
            merged.append(a if a is not None else b)
        try:
            return Stamp(*merged)
        except ValueError:
            return self

    def _fields(self) -> tuple[int | None, ...]:
        return (
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.utc_offset_minutes,
        )


@dataclass(frozen=True, slots=True)
class Dateline:
    """One dateline phrase: ``line[start:end]`` is the phrase with its cue, weekday, calendar
    marker, time and zone words (``تم النشر: 2023/12/26 الساعة 21:03 بتوقيت غرينتش``).

    ``rule`` names the date rule that produced it plus what was attached
    (``"numeric_ymd+time+zone"``), for debugging.
    """

    start: int
    end: int
    role: Role
    stamp: Stamp
    rule: str


# ---------------------------------------------------------------------------------------------
# Normalization for matching (private; offsets map back to the original line)

# Dropped: harakat and Quranic marks, superscript alef, tatweel, zero-width and bidi marks.
_DROP_CHARS: Final = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0640\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff"
)
_DROP_RE: Final = re.compile(f"[{_DROP_CHARS}]")
_DROP_RUN_RE: Final = re.compile(f"[{_DROP_CHARS}]+")
_ANY_DIGIT_RE: Final = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]")


def _one_to_one_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for src, dst in (
        ("أإآٱ", "ا"),
        ("ى", "ي"),
        ("ی", "ي"),
        ("ة", "ه"),
        ("ۀ", "ه"),
        ("ک", "ك"),
        ("٫", "."),
        ("٬", ","),
        ("‐‑‒–—―−", "-"),
        ("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a", " "),
        ("\u202f\u205f\t", " "),
        ("٪", "%"),
    ):
        for ch in src:
            table[ord(ch)] = dst
    for i in range(10):
        table[0x0660 + i] = str(i)
        table[0x06F0 + i] = str(i)
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    return table


_ONE_TO_ONE: Final = _one_to_one_table()
# str.translate is several times faster with a list than with a dict; code points past the
# list's end (nothing there needs mapping) raise IndexError and are kept as they are.
_TRANSLATE: Final = [_ONE_TO_ONE.get(i, chr(i)) for i in range(max(_ONE_TO_ONE) + 1)]


def _normalize(line: str) -> tuple[str, list[int] | None]:
    """The matching copy of ``line`` and, when characters were dropped, the original index
    of each kept character (``None`` means the copy is aligned char for char)."""
    if _DROP_RE.search(line) is None:
        return line.translate(_TRANSLATE), None
    keep: list[int] = []
    parts: list[str] = []
    prev = 0
    for m in _DROP_RUN_RE.finditer(line):
        keep.extend(range(prev, m.start()))
        parts.append(line[prev : m.start()])
        prev = m.end()
    keep.extend(range(prev, len(line)))
    parts.append(line[prev:])
    return "".join(parts).translate(_TRANSLATE), keep


def _norm_key(name: str) -> str:
    """How a lexicon entry is matched: normalized, with single spaces between words."""
    return " ".join(_DROP_RE.sub("", name).translate(_ONE_TO_ONE).split())


def _orig_span(line: str, keep: list[int] | None, start: int, end: int) -> tuple[int, int]:
    if keep is None:
        return start, end
    o_start = keep[start] if start < len(keep) else len(line)
    if end <= start:
        return o_start, o_start
    o_end = keep[end - 1] + 1
    run = _DROP_RUN_RE.match(line, o_end)  # a phrase keeps the marks on its last letter
    if run is not None:
        o_end = run.end()
    return o_start, o_end


# ---------------------------------------------------------------------------------------------
# Lexicons (TSV data) and the grammar compiled from them, built once


def _read_tsv(filename: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Rows ``(normalized name, value, flags)`` of ``name<TAB>value[<TAB>flag…]``."""
    text = resources.files(_DATA_PACKAGE).joinpath(filename).read_text(encoding="utf-8")
    rows: list[tuple[str, str, tuple[str, ...]]] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        name, value = _norm_key(parts[0]), parts[1].strip() if len(parts) > 1 else ""
        if not name or not value:
            raise ValueError(f"{filename}:{lineno}: expected name<TAB>value, got {raw!r}")
        rows.append((name, value, tuple(p.strip() for p in parts[2:] if p.strip())))
    return rows


def _unique_map(filename: str, rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in rows:
        if out.setdefault(name, value) != value:
            raise ValueError(f"{filename}: {name!r} is both {out[name]!r} and {value!r}")
    return out


def _alternation(names: Iterable[str]) -> str:
    """A regex alternation of ``names`` as a character trie: the longest name wins, and the
    engine steps through shared prefixes once instead of trying every name in turn. A space
    in a name matches any run of whitespace."""
    trie: dict[str, dict[str, object]] = {}
    for name in set(names):
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[""] = {}

    def build(node: dict[str, dict[str, object]]) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + build(child)  # type: ignore[arg-type]
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a name ends here, but a longer one is tried first
            body = f"(?:{body})?"
        return body

    if not trie:
        return "(?!)"
    return "(?:" + build(trie) + ")"


_TOKEN_KINDS: Final = frozenset(
    {
        "published",
        "updated",
        "time",
        "zone",
        "am",
        "pm",
        "noon",
        "night",
        "era_greg",
        "era_hijri",
        "link",
        "weekday",
        "zone_bare",
        "zone_phrase",
    }
)


class _Grammar:
    """Lexicon maps and every compiled pattern; one instance, built on first use."""

    def __init__(self) -> None:
        months = _unique_map("months.tsv", ((n, v) for n, v, _ in _read_tsv("months.tsv")))
        self.greg_months = {n: int(v) for n, v in months.items() if not v.startswith("H")}
        self.hijri_months = {n: int(v[1:]) for n, v in months.items() if v.startswith("H")}
        for n, m in (*self.greg_months.items(), *self.hijri_months.items()):
            if not 1 <= m <= 12:
                raise ValueError(f"months.tsv: {n!r} has month {m}")
        weekdays = _unique_map("weekdays.tsv", ((n, v) for n, v, _ in _read_tsv("weekdays.tsv")))
        self.weekdays = {n: int(v) for n, v in weekdays.items()}
        zone_rows = _read_tsv("timezones.tsv")
        self.zones = _unique_map("timezones.tsv", ((n, v) for n, v, _ in zone_rows))
        bare_zones = {n for n, _, flags in zone_rows if "bare" in flags}
        self.cues: dict[str, set[str]] = {}  # kind -> names
        for name, kind, _ in _read_tsv("dateline_cues.tsv"):
            self.cues.setdefault(kind, set()).add(name)
        # name -> kinds, for tokens met on the left of a date and for coverage
        self.kinds: dict[str, set[str]] = {}
        for kind, names in self.cues.items():
            for name in names:
                self.kinds.setdefault(name, set()).add(kind)
        for name in self.weekdays:
            self.kinds.setdefault(name, set()).add("weekday")
        for name in bare_zones:
            self.kinds.setdefault(name, set()).add("zone_bare")

        def cue(*kinds: str) -> str:
            return _alternation(n for k in kinds for n in self.cues.get(k, ()))

        month = _alternation(self.greg_months)
        hmonth = _alternation(self.hijri_months)
        # "ديسمبر/كانون الأول", "مايو/ أيار", "أكتوبر (تشرين الأول)": a second name of the same
        # month may follow the first
        gmonth = rf"(?P<month>{month})(?!\w)(?:\s*[/(]?\s*(?P<month2>{month})(?!\w)(?:\s*\))?)?"
        day = r"(?<![\d.,:/])(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?!\w)"
        year = r"(?P<year>\d{4})(?!\d)"
        # "18/سبتمبر/2024" and "21st of January 2021" link day, month and year too
        to_year = r"\s*[,،/-]?\s*(?:(?:من\s+)?(?:عام|سنه)\s+)?"
        of = r"\s*[,،/-]?\s*(?:(?:من|of)\s+)?(?:شهر\s+)?"

        self.iso = re.compile(
            r"(?<![\d.:/-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
            r"t(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
            r"(?P<tz>z|[+-]\d{2}:?\d{2})?(?!\d)"
        )
        self.numeric_ymd = re.compile(
            r"(?<![\d.,:/-])(?P<year>\d{4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)"
            r"(?P<day>\d{1,2})(?!\d)(?![/.-]\d)"
        )
        self.numeric_dmy = re.compile(
            r"(?<![\d.,:/-])(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)"
            r"(?P<year>\d{4})(?!\d)(?![/.-]\d)"
        )
        self.numeric_dm = re.compile(r"(?<![\d.,:/-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])(?!\.\d)")
        self.text_dmy = re.compile(day + of + gmonth + to_year + year)
        self.text_mdy = re.compile(
            rf"(?<!\w)(?P<month>{month})\.?(?!\w)\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
            r"\s*[,،]?\s*" + year
        )
        self.text_dm = re.compile(day + of + gmonth)
        self.text_my = re.compile(rf"(?<!\w)(?P<month>{month})(?!\w)" + to_year + year)
        self.hijri = re.compile(
            day + of + rf"(?P<month>{hmonth})(?!\w)" + to_year + r"(?P<year>1[3-5]\d\d)(?!\d)"
        )
        time_core = (
            r"(?<![\d:.])(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?![\d:])"
            rf"(?:\s*(?P<ampm>{cue('am', 'pm', 'noon', 'night')})(?!\w))?"
        )
        self.time = re.compile(time_core)
        self.time_after = re.compile(rf"(?:\s*[-|,،/]\s*|\s+)(?:(?:{cue('time')})\s*:?\s*)?" + time_core)
        self.era_greg = re.compile(rf"\s*(?:{cue('era_greg')})(?!\w)")
        self.era_hijri = re.compile(rf"\s*(?:{cue('era_hijri')})(?!\w)")
        zone_inner = (
            rf"(?:(?:{cue('zone')})\s*(?P<zn>{_alternation(self.zones)})"
            rf"|(?P<zb>{_alternation(bare_zones)}))(?!\w)"
            r"(?:\s*(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?(?!\d))?"
        )
        self.zone_paren = re.compile(r"\s*\(\s*" + zone_inner + r"\s*\)")
        self.zone_plain = re.compile(r"\s*" + zone_inner)
        self.offset_after = re.compile(r" ?(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})(?!\d)")
        self.tokens = re.compile(
            rf"(?<!\w)(?:(?P<zp>(?:{cue('zone')})\s*{_alternation(self.zones)})"
            rf"|{_alternation(self.kinds)})(?!\w)"
        )
        self.link_gap = re.compile(rf"[\s\-|/,،()]*(?:(?:{cue('link')})[\s\-|/,،()]*)?")
        self.sep_gap = re.compile(r"[\s\-|/,،()]*")
        self.day_word = re.compile(r"(?<!\w)(?:يوم|day)\s+$")
        self.max_words = max(len(name.split()) for name in self.kinds)
        self.lexeme_last_words = frozenset(name.split()[-1] for name in self.kinds)
        # "mar." in "Mar. 15, 2024": the dot is skipped before the last word is looked up
        self.month_last_words = frozenset(name.split()[-1] for name in self.greg_months)
        self.ampm = {n: k for k in ("am", "pm", "noon", "night") for n in self.cues.get(k, ())}


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar()


# ---------------------------------------------------------------------------------------------
# Candidates and rules


class _Cand:
    """A dateline under construction, in normalized offsets."""

    __slots__ = (
        "coverage_only",
        "day",
        "end",
        "hijri",
        "hour",
        "minute",
        "month",
        "needs",
        "offset",
        "role",
        "rule",
        "second",
        "start",
        "tier",
        "year",
        "zone",
    )

    def __init__(
        self,
        start: int,
        end: int,
        rule: str,
        year: int | None,
        month: int | None,
        day: int | None,
        *,
        tier: int = 0,
        needs: str = "",
        hijri: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.rule = rule
        self.tier = tier  # 0 strong date, 1 partial date, 2 time only
        self.needs = needs  # "", "cue", "cue_or_time", "time"
        self.hijri = hijri  # year/month/day hold the converted Gregorian date (or None)
        self.year = year
        self.month = month
        self.day = day
        self.hour: int | None = None
        self.minute: int | None = None
        self.second: int | None = None
        self.offset: int | None = None  # stated numerically (+03:00, GMT+3, Z)
        self.zone: str | None = None  # a timezones.tsv value
        self.role: Role = "unknown"
        self.coverage_only = False


class _Text:
    """The normalized line and its runs of digits: every date rule is anchored on a digit run,
    so a rule tries its pattern only where one starts instead of scanning the whole line."""

    __slots__ = ("norm", "runs")

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.runs = [(m.start(), m.end()) for m in _DIGIT_RUN_RE.finditer(norm)]

    def take(self, cands: Iterable[_Cand]) -> None:
        """Forget the digit runs inside ``cands``: weaker rules need not look there."""
        spans = [(c.start, c.end) for c in cands]
        self.runs = [r for r in self.runs if not any(s <= r[0] < e for s, e in spans)]

    def matches(self, pattern: re.Pattern[str], lengths: tuple[int, ...]) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` starting at a digit run of one of ``lengths``."""
        for start, end in self.runs:
            if end - start in lengths:
                m = pattern.match(self.norm, start)
                if m is not None:
                    yield m

    def matches_before(
        self,
        pattern: re.Pattern[str],
        lengths: tuple[int, ...],
        group: str,
        last_words: frozenset[str],
    ) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` starting up to four words before a digit run of one of
        ``lengths`` whose ``group`` is that run (``March 15``: the month comes first); tried
        only when the word just before the run is in ``last_words``."""
        for start, end in self.runs:
            if end - start in lengths:
                gap_end = _skip_left(self.norm, start, _MONTH_GAP)
                if _last_word(self.norm, gap_end) not in last_words:
                    continue
                for word in reversed(_word_starts(self.norm, gap_end, 4)):
                    m = pattern.match(self.norm, word)
                    if m is not None and m.start(group) == start:
                        yield m
                        break


_DIGIT_RUN_RE: Final = re.compile("[0-9]+")
_DAY: Final = (1, 2)
_YEAR: Final = (4,)
_MONTH_GAP: Final = frozenset(" \n\r,،.")

Rule = Callable[[_Grammar, _Text], Iterator[_Cand]]


_DAYS_IN_MONTH: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_date(year: int | None, month: int, day: int | None) -> bool:
    """A Gregorian date in range (the year, when given, between 1900 and 2100)."""
    if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
        return False
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    if not 1 <= day <= _DAYS_IN_MONTH[month]:
        return False
    return not (day == 29 and month == 2 and year is not None and not calendar.isleap(year))


def _lookup(names: dict[str, int], text: str) -> int:
    found = names.get(text)
    return found if found is not None else names[" ".join(text.split())]


def _month_of(g: _Grammar, m: re.Match[str]) -> int:
    return _lookup(g.greg_months, m["month"])


def _rule_iso(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``2024-01-05T09:30:00+03:00``."""
    for m in t.matches(g.iso, _YEAR):
        y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
        if not _valid_date(y, mo, d):
            continue
        c = _Cand(m.start(), m.end(), "iso", y, mo, d)
        c.hour, c.minute = int(m["h"]), int(m["mi"])
        c.second = int(m["s"]) if m["s"] else None
        tz = m["tz"]
        if tz == "z":
            c.offset = 0
        elif tz:
            digits = tz[1:].replace(":", "")
            c.offset = (1 if tz[0] == "+" else -1) * (int(digits[:2]) * 60 + int(digits[2:]))
        if c.hour <= 23 and c.minute <= 59 and (c.second or 0) <= 59:
            yield c


def _rule_numeric_ymd(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``2023/12/26``, ``2024-01-05``, ``2024.09.08``: year first."""
    for m in t.matches(g.numeric_ymd, _YEAR):
        y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
        if _valid_date(y, mo, d):
            yield _Cand(m.start(), m.end(), "numeric_ymd", y, mo, d)


def _rule_numeric_dmy(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``12/11/2023``, ``06-09-2014``, ``08.09.2024``: year last means day first (no US
    month-first reading unless day-first is impossible: ``05/13/2024`` is 13 May)."""
    for m in t.matches(g.numeric_dmy, _DAY):
        y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
        if _valid_date(y, mo, d):
            yield _Cand(m.start(), m.end(), "numeric_dmy", y, mo, d)
        elif mo > 12 and _valid_date(y, d, mo):
            # "05/18/2021": no month 18, so the site prints month first; unambiguous only here
            yield _Cand(m.start(), m.end(), "numeric_mdy", y, d, mo)


def _rule_numeric_dm_time(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``02/26 17:20``: day and month without a year, kept only when a time follows.

    Day first unless that makes no month (then month first, as in ``02/26``)."""
    for m in t.matches(g.numeric_dm, _DAY):
        a, b = int(m["a"]), int(m["b"])
        for day, month in ((a, b), (b, a)):
            if 1 <= month <= 12 and _valid_date(None, month, day):
                yield _Cand(m.start(), m.end(), "numeric_dm", None, month, day, tier=1, needs="time")
                break


def _rule_text_dmy(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``26 ديسمبر 2023``, ``5 كانون الثاني/يناير 2025``, ``15th, March 2024``."""
    for m in t.matches(g.text_dmy, _DAY):
        y, mo, d = int(m["year"]), _month_of(g, m), int(m["day"])
        if _valid_date(y, mo, d):
            yield _Cand(m.start(), m.end(), "text_dmy", y, mo, d)


def _rule_text_mdy(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``March 15, 2024``, ``Dec. 26 2023``."""
    for m in t.matches_before(g.text_mdy, _DAY, "day", g.month_last_words):
        y, mo, d = int(m["year"]), _month_of(g, m), int(m["day"])
        if _valid_date(y, mo, d):
            yield _Cand(m.start(), m.end(), "text_mdy", y, mo, d)


def _rule_text_dm(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``26 ديسمبر`` without a year: only after a role cue or before a time."""
    for m in t.matches(g.text_dm, _DAY):
        mo, d = _month_of(g, m), int(m["day"])
        if _valid_date(None, mo, d):
            yield _Cand(m.start(), m.end(), "text_dm", None, mo, d, tier=1, needs="cue_or_time")


def _rule_text_my(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``ديسمبر 2023`` without a day: only after a role cue (``تاريخ النشر: ديسمبر 2023``)."""
    for m in t.matches_before(g.text_my, _YEAR, "year", g.month_last_words):
        y, mo = int(m["year"]), _month_of(g, m)
        if _valid_date(y, mo, None):
            yield _Cand(m.start(), m.end(), "text_my", y, mo, None, tier=1, needs="cue")


def _rule_hijri(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``23 ربيع الأول 1432هـ``: converted with ``hijridate`` (Umm al-Qura) when installed;
    a Gregorian date on the same line wins over it."""
    for m in t.matches(g.hijri, _DAY):
        hy, hd = int(m["year"]), int(m["day"])
        hm = _lookup(g.hijri_months, m["month"])
        if not _MIN_HIJRI_YEAR <= hy <= _MAX_HIJRI_YEAR or not 1 <= hd <= 30:
            continue
        greg = _hijri_to_gregorian(hy, hm, hd)
        y, mo, d = greg if greg is not None else (None, None, None)
        yield _Cand(m.start(), m.end(), "hijri", y, mo, d, hijri=True)


def _rule_time_after_cue(g: _Grammar, t: _Text) -> Iterator[_Cand]:
    """``آخر تحديث: 10:15 م``: a time alone, only right after a role cue."""
    for m in t.matches(g.time, _DAY):
        before = _lexeme_before(g, t.norm, m.start())
        if before is not None and "time" in before[1]:
            before = _lexeme_before(g, t.norm, before[0])
        if before is None or not before[1] & _ROLE_KINDS:
            continue
        c = _Cand(m.start(), m.end(), "time", None, None, None, tier=2, needs="cue")
        if _set_time(g, c, m):
            yield c


_ROLE_KINDS: Final = frozenset({"published", "updated"})

RULES: Final[tuple[tuple[Rule, ...], ...]] = (
    (_rule_iso, _rule_numeric_ymd, _rule_numeric_dmy, _rule_text_dmy, _rule_text_mdy, _rule_hijri),
    (_rule_numeric_dm_time, _rule_text_dm, _rule_text_my, _rule_time_after_cue),
)
"""The date rules, each a small function over the normalized line, in two tiers: full dates,
then partial ones (day and month, month and year, a time) where no full date was found.
Within a tier the earliest, then the longest candidate wins."""


def _hijri_to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    try:
        from hijridate import Hijri  # optional: without it a Hijri-only line yields nothing
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return g.year, g.month, g.day


# ---------------------------------------------------------------------------------------------
# Composition


def _set_time(g: _Grammar, c: _Cand, m: re.Match[str]) -> bool:
    hour, minute = int(m["h"]), int(m["mi"])
    second = int(m["s"]) if m["s"] else None
    ampm = g.ampm.get(" ".join(m["ampm"].split())) if m["ampm"] else None
    if ampm is not None and not 1 <= hour <= 12 and not (hour == 0 and ampm == "am"):
        ampm = None  # "17:20 م": already 24-hour
    if ampm == "am" and hour == 12:
        hour = 0
    # ظهرا: 12 stays 12, 1-6 are afternoon
    elif (ampm == "pm" and hour < 12) or (ampm == "noon" and 1 <= hour <= 6):
        hour += 12
    elif ampm == "night" and 6 <= hour <= 12:  # ليلا: 8 at night is 20, 12 is 0
        hour = (hour + 12) % 24
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        return False
    c.hour, c.minute, c.second = hour, minute, second
    return True


def _select(cands: Iterable[_Cand]) -> list[_Cand]:
    """Best non-overlapping candidates: lower tier, then earlier, then longer."""
    taken: list[tuple[int, int]] = []
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.tier, c.start, c.start - c.end)):
        if all(c.end <= s or c.start >= e for s, e in taken):
            taken.append((c.start, c.end))
            out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _extend_right(g: _Grammar, norm: str, c: _Cand) -> None:
    end = c.end
    if c.year is not None or c.hijri:
        era = (g.era_hijri if c.hijri else g.era_greg).match(norm, end)
        if era is not None:
            end = era.end()
    if c.hour is None and c.day is not None:
        m = g.time_after.match(norm, end)
        if m is not None and _set_time(g, c, m):
            end = m.end()
            c.rule += "+time"
    if c.offset is not None:
        c.end = end
        return
    if c.hour is not None:
        num = g.offset_after.match(norm, end)
        if num is not None and _set_offset(c, num):
            c.end = num.end()
            c.rule += "+zone"
            return
    z = g.zone_paren.match(norm, end)
    paren = z is not None
    if z is None:
        z = g.zone_plain.match(norm, end)
    if z is not None:
        c.zone = g.zones[" ".join((z["zn"] or z["zb"]).split())]
        with_sign = z["sign"] is not None and c.zone == "0" and _set_offset(c, z)
        name_end = z.end("zn") if z["zn"] is not None else z.end("zb")
        end = z.end() if paren or with_sign else name_end
        c.rule += "+zone"
    c.end = end


def _set_offset(c: _Cand, m: re.Match[str]) -> bool:
    hours, minutes = int(m["oh"]), int(m["om"] or 0)
    if hours > 14 or minutes > 59:
        return False
    c.offset = (1 if m["sign"] == "+" else -1) * (hours * 60 + minutes)
    return True


_LEFT_GAP: Final = frozenset(" \n\r:،,-")


def _skip_left(norm: str, i: int, gap: frozenset[str] = _LEFT_GAP) -> int:
    while i > 0 and norm[i - 1] in gap:
        i -= 1
    return i


def _word_start(norm: str, end: int) -> int:
    """Where the run of letters and digits that ends at ``end`` starts."""
    start = norm.rfind(" ", 0, end) + 1  # the usual case, found in C
    if norm[start:end].isalnum():
        return start
    start = end
    while start > 0 and norm[start - 1].isalnum():
        start -= 1
    return start


def _word_starts(norm: str, end: int, most: int) -> list[int]:
    """Start offsets of the last 1, 2 … ``most`` words ending at ``end`` (nearest first)."""
    starts: list[int] = []
    i = end
    while len(starts) < most and i > 0 and norm[i - 1].isalnum():
        i = _word_start(norm, i)
        starts.append(i)
        j = i
        while j > 0 and norm[j - 1].isspace():
            j -= 1
        if j == i:
            break
        i = j
    return starts


def _last_word(norm: str, end: int) -> str:
    return norm[_word_start(norm, end) : end]


def _lexeme_before(g: _Grammar, norm: str, i: int) -> tuple[int, set[str]] | None:
    """The longest lexicon phrase (cue, weekday …) that ends just before ``i``, across
    a gap of spaces and ``: ، , -``; as ``(start, kinds)``."""
    end = _skip_left(norm, i)
    if _last_word(norm, end) not in g.lexeme_last_words:
        return None
    for start in reversed(_word_starts(norm, end, g.max_words)):
        kinds = g.kinds.get(" ".join(norm[start:end].split()))
        if kinds:
            return start, kinds
    return None


def _extend_left(g: _Grammar, norm: str, c: _Cand) -> None:
    tok = _lexeme_before(g, norm, c.start)
    if tok is not None and c.month is None and "time" in tok[1]:
        c.start = tok[0]  # "آخر تحديث: الساعة 10:15"
        tok = _lexeme_before(g, norm, c.start)
    if tok is not None and "weekday" in tok[1] and c.day is not None:
        c.start = tok[0]
        day_word = g.day_word.search(norm, max(0, c.start - 8), c.start)
        if day_word is not None:
            c.start = day_word.start()
        tok = _lexeme_before(g, norm, c.start)
    if tok is not None:
        if "updated" in tok[1]:
            c.role, c.start = "updated", tok[0]
        elif "published" in tok[1]:
            c.role, c.start = "published", tok[0]


def _zone_offset(c: _Cand) -> int | None:
    if c.offset is not None:
        return c.offset
    if c.zone is None or c.hour is None:
        return None
    return _offset_of(c.zone, c.year, c.month, c.day, c.hour, c.minute or 0)


@lru_cache(maxsize=4096)
def _offset_of(
    zone: str, year: int | None, month: int | None, day: int | None, hour: int, minute: int
) -> int | None:
    """Minutes east of UTC for a timezones.tsv value at that local time; for an IANA zone
    with summer time and no full date, ``None``."""
    if zone == "local":
        return None
    if zone[0] in "+-0123456789":
        return int(zone)
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    if year is not None and month is not None and day is not None:
        delta = datetime(year, month, day, hour, minute, tzinfo=tz).utcoffset()
    else:
        winter = datetime(2024, 1, 15, 12, tzinfo=tz).utcoffset()
        summer = datetime(2024, 7, 15, 12, tzinfo=tz).utcoffset()
        delta = winter if winter == summer else None
    return None if delta is None else int(delta.total_seconds()) // 60


def _merge_pairs(g: _Grammar, norm: str, cands: list[_Cand]) -> list[_Cand]:
    """Join a Hijri date to the Gregorian one beside it, and a repeated date to its first
    copy (``Published On 26 Dec 2023 26 Dec 2023``)."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.hijri != c.hijri
            and c.tier == prev.tier == 0
            and g.link_gap.fullmatch(norm, prev.end, c.start)
        ):
            greg, hij = (c, prev) if prev.hijri else (prev, c)
            greg.start, greg.end = prev.start, c.end
            greg.role = prev.role if prev.role != "unknown" else c.role
            if greg.hour is None and hij.hour is not None:
                greg.hour, greg.minute, greg.second = hij.hour, hij.minute, hij.second
                greg.offset, greg.zone = hij.offset, hij.zone
            greg.rule += "+hijri"
            out[-1] = greg
            continue
        if (
            prev is not None
            and c.role == "unknown"
            and not c.hijri
            and (prev.year, prev.month, prev.day) == (c.year, c.month, c.day)
            and (c.hour is None or (prev.hour, prev.minute) == (c.hour, c.minute))
            and g.sep_gap.fullmatch(norm, prev.end, c.start)
        ):
            prev.end = c.end
            continue
        out.append(c)
    # "Abbas Mimouni | 08.09.2024 - محدث : 09.09.2024": the date just before an update is the
    # publication date
    for a, b in pairwise(out):
        if (
            a.role == "unknown"
            and b.role == "updated"
            and a.day is not None
            and g.sep_gap.fullmatch(norm, a.end, b.start)
        ):
            a.role = "published"
    if any(not c.hijri for c in out):
        for c in out:
            if c.hijri:
                c.coverage_only = True
    for c in out:
        if c.hijri and c.year is None:
            c.coverage_only = True
    return out


def _tokens(g: _Grammar, norm: str) -> Iterator[tuple[int, int, set[str]]]:
    for m in g.tokens.finditer(norm):
        if m["zp"] is not None:
            yield m.start(), m.end(), {"zone_phrase"}
        else:
            yield m.start(), m.end(), g.kinds.get(" ".join(m.group().split()), set())


def _analyse(g: _Grammar, norm: str) -> list[_Cand]:
    text = _Text(norm)
    raw: list[_Cand] = []
    for tier in RULES:
        found = [c for rule in tier for c in rule(g, text)]
        raw.extend(found)
        if found and text.runs:
            text.take(found)
    if not raw:
        return []
    kept: list[_Cand] = []
    for c in _select(raw):
        _extend_right(g, norm, c)
        _extend_left(g, norm, c)
        if (
            (c.needs == "cue" and c.role == "unknown")
            or (c.needs == "time" and c.hour is None)
            or (c.needs == "cue_or_time" and c.role == "unknown" and c.hour is None)
        ):
            continue
        kept.append(c)
    return _merge_pairs(g, norm, _select(kept))


def _stamp_of(c: _Cand) -> Stamp | None:
    try:
        offset = _zone_offset(c) if c.hour is not None else None
        return Stamp(c.year, c.month, c.day, c.hour, c.minute, c.second, offset)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Public functions


def find_datelines(line: str) -> list[Dateline]:
    """Every dateline in ``line``, in order, with offsets into ``line`` as given.

    >>> [(d.role, d.stamp.iso()) for d in find_datelines(
    ...     "نشر بتاريخ: 12/11/2023 ( آخر تحديث: 13/11/2023 الساعة: 11:32 )")]
    [('published', '2023-11-12'), ('updated', '2023-11-13T11:32:00')]
    >>> find_datelines("الأحد، ٥ يناير ٢٠٢٥ ٠٩:٣٠ ص")[0].stamp.iso()
    '2025-01-05T09:30:00'
    >>> find_datelines("02/26 17:20")[0].stamp
    Stamp(year=None, month=2, day=26, hour=17, minute=20, second=None, utc_offset_minutes=None)
    """
    if _ANY_DIGIT_RE.search(line) is None:
        return []
    norm, keep = _normalize(line)
    out: list[Dateline] = []
    for c in _analyse(_grammar(), norm):
        if c.coverage_only:
            continue
        stamp = _stamp_of(c)
        if stamp is None:
            continue
        start, end = _orig_span(line, keep, c.start, c.end)
        out.append(Dateline(start, end, c.role, stamp, c.rule))
    return out


def dateline_coverage(line: str) -> float:
    """Share of the line's letters and digits that belong to datelines or to dateline words
    (cues, weekdays, zones, ``الساعة``, ``م``/``هـ`` …); punctuation and spaces do not count.

    About 1.0 means the line is only a dateline, which a caller may drop as boilerplate.

    >>> dateline_coverage("تم النشر: 2023/12/26 الساعة 21:03 بتوقيت غرينتش")
    1.0
    >>> dateline_coverage("وقال الوزير في 7 أكتوبر 2023 إن الحرب ستطول") < 0.5
    True
    """
    total = sum(1 for ch in line if ch.isalnum())
    if total == 0:
        return 0.0
    g = _grammar()
    norm, keep = _normalize(line)
    spans: list[tuple[int, int]] = []
    if _ANY_DIGIT_RE.search(line) is not None:
        spans.extend((c.start, c.end) for c in _analyse(g, norm))
    spans.extend((s, e) for s, e, kinds in _tokens(g, norm) if kinds & _TOKEN_KINDS)
    covered = bytearray(len(line))
    for s, e in spans:
        o_start, o_end = _orig_span(line, keep, s, e)
        covered[o_start:o_end] = b"\x01" * (o_end - o_start)
    hit = sum(1 for i, ch in enumerate(line) if covered[i] and ch.isalnum())
    return hit / total


def looks_like_dateline_line(line: str) -> bool:
    """True when the line is mostly a dateline: coverage ≥ 0.6 and some stamp has a day.

    >>> looks_like_dateline_line("18 أيلول 2023 | 16:05")
    True
    >>> looks_like_dateline_line("وقال الوزير في 7 أكتوبر 2023 إن الحرب ستطول")
    False
    """
    if not any(d.stamp.day is not None for d in find_datelines(line)):
        return False
    return dateline_coverage(line) >= 0.6
