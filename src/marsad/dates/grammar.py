"""Date expressions in Arabic news text, resolved against the publication date.

:func:`find_dates` reads one block (a title or a paragraph) and returns every date it names,
as :class:`DateMention` objects with offsets into the original text, the value (``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY``; ``None`` when the expression is relative and there is no reference
date), whether it is relative, its calendar, and the name of the rule that produced it.

Rules (each one compiled pattern over normalized text, built from data files):

* ``text_date``   [weekday] day|ordinal [من] month[/paired month] [year] [الماضي/المقبل]
                  — 26 ديسمبر/كانون الأول 2023، السابع من أكتوبر، 10 آب، منتصف مايو المقبل
* ``numeric_date`` 26-2-2011، 2023/12/26 (with Arabic-Indic digits too)
* ``hijri_date``  الأول من ربيع الأول 1438هـ (Umm al-Qura via hijridate); next to a
                  Gregorian date (الموافق 30 نوفمبر 2016م) the two are one date
* ``year``        العام 2011، عام 2006
* ``day_word``    اليوم، أمس، أول أمس، غداً، يوم غد [+ weekday], with صباح/مساء/فجر …
* ``weekday``     [يوم] الثلاثاء [الماضي/المقبل] (past by default; future after المقبل or
                  a future verb such as سيعقد/يعقد)
* ``ago``         قبل يومين، منذ ثلاثة أيام، بعد أسبوعين
* ``period``      الشهر الماضي، العام الجاري، السنة المقبلة

Words live in ``months.tsv``, ``weekdays.tsv``, ``numbers_ordinals.tsv``, ``dates_cues.tsv``.

>>> from datetime import date
>>> [(d.value, d.rule) for d in find_dates("وصل امس الخميس إلى الرياض", ref=date(2024, 3, 15))]
[('2024-03-14', 'day_word+weekday')]
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Final

from marsad.lexicons import read_rows
from marsad.numbers.grammar import lookup_word
from marsad.text import Normalized, normalize, normalize_str

__all__ = ["DateMention", "find_dates", "parse_reference"]

_AR: Final = "\u0621-\u064a"
_B: Final = f"(?<![{_AR}\\d])"  # word start
_E: Final = f"(?![{_AR}\\d])"  # word end
_DIGIT: Final = re.compile(r"\d")
_NEXT_WORD: Final = re.compile(r"\s*([\u0621-\u064a\d]+)")
_NUMERIC_HINT: Final = re.compile(r"\d[/.-]\d")
_YEAR_HINT: Final = re.compile(r"\d\d\d\d")


@dataclass(frozen=True, slots=True)
class _Triggers:
    months: tuple[str, ...]
    hijri: tuple[str, ...]
    relative: tuple[str, ...]
    periods: tuple[str, ...]


@cache
def _trigger_words() -> _Triggers:
    """Words one of which a block must contain for a rule to run at all."""
    lx = _lex()

    def firsts(names: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted({n.split()[0] for n in names}))

    day_words = {w.split()[-1] for w in lx.cues["day"]} | {"غد"}
    return _Triggers(
        firsts(lx.greg),
        firsts(lx.hijri),
        tuple(sorted(set(lx.weekdays) | day_words)),
        ("الشهر", "العام", "السنه"),
    )
_MIN_YEAR: Final = 1800
_MAX_YEAR: Final = 2200


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date named in the text; ``start``/``end`` index the original text."""

    start: int
    end: int
    value: str | None
    relative: bool
    calendar: str
    rule: str

    def to_dict(self, text: str) -> dict[str, Any]:
        """The contract's date object."""
        return {
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "text": text[self.start : self.end],
            "relative": self.relative,
            "calendar": self.calendar,
        }


def parse_reference(published: str | None) -> date | None:
    """The reference date from an ISO 8601 publication time (its local date).

    >>> parse_reference("2023-12-26T21:03:00+00:00"), parse_reference("2023-12"), parse_reference(None)
    (datetime.date(2023, 12, 26), None, None)
    """
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Lexicons and patterns


def _key(s: str) -> str:
    return " ".join(normalize_str(s).split())


def _alt(names: set[str] | list[str]) -> str:
    ordered = sorted(set(names), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered) + ")"


@dataclass(frozen=True, slots=True)
class _Lex:
    greg: dict[str, int]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    cues: dict[str, dict[str, str]]  # kind -> phrase -> value


@cache
def _lex() -> _Lex:
    greg: dict[str, int] = {}
    hijri: dict[str, int] = {}
    for row in read_rows("months.tsv"):
        name = _key(row[0])
        if not name or name.isascii():
            continue  # Latin month names are for datelines, not for Arabic prose
        if row[1].startswith("H"):
            hijri[name] = int(row[1][1:])
        else:
            greg[name] = int(row[1])
    weekdays = {_key(r[0]): int(r[1]) for r in read_rows("weekdays.tsv") if not r[0].isascii()}
    ordinals = {_key(r[0]): int(r[1]) for r in read_rows("numbers_ordinals.tsv")}
    cues: dict[str, dict[str, str]] = {}
    for row in read_rows("dates_cues.tsv"):
        cues.setdefault(row[1], {})[_key(row[0])] = row[2] if len(row) > 2 else ""
    return _Lex(greg, hijri, weekdays, ordinals, cues)


@dataclass(frozen=True, slots=True)
class _Patterns:
    text_date: re.Pattern[str]
    numeric: re.Pattern[str]
    hijri: re.Pattern[str]
    year: re.Pattern[str]
    relative: re.Pattern[str]
    ago: re.Pattern[str]
    period: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lx = _lex()
    cue = lx.cues
    month = _alt(list(lx.greg))
    month_pair = rf"(?P<m>{month})(?:\s*[/\\(-]\s*(?P<m2>{month})\s*\)?)?"
    weekday = _alt(list(lx.weekdays))
    ords = _alt([o for o in lx.ordinals])
    tens = "(?:عشرين|عشرون|ثلاثين|ثلاثون)"
    ordinal = rf"ال(?:{ords}(?:\s+عشر[ه]?)?(?:\s+و\s?ال{tens})?|{tens})"
    rel = _alt(list(cue["past"]) + list(cue["future"]) + list(cue["current"]))
    edge = _alt(list(cue["edge"]))
    part = _alt(list(cue["part"]))
    lead = rf"(?:(?P<wd>{weekday})\s*,?\s*)?(?:يوم\s+)?"
    text_date = re.compile(
        rf"{_B}(?:[وب]|في\s+)?{lead}(?:(?P<edge>{edge})\s+)?"
        rf"(?:(?P<d>\d{{1,2}})|(?P<od>{ordinal}))?\s*(?:من\s+)?(?P<shahr>[لب]?شهر\s+)?{month_pair}{_E}"
        rf"(?:\s*,?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<y>\d{{4}})(?!\d)(?:\s*(?:م{_E}|ميلادي{_E}))?)?"
        rf"(?:\s+(?P<rel>{rel}){_E})?"
    )
    numeric = re.compile(
        rf"{_B}{lead}(?:(?P<d1>\d{{1,2}})(?P<s1>[/.-])(?P<m1>\d{{1,2}})(?P=s1)(?P<y1>\d{{4}})"
        rf"|(?P<y2>\d{{4}})(?P<s2>[/.-])(?P<m2>\d{{1,2}})(?P=s2)(?P<d2>\d{{1,2}}))(?!\d)"
    )
    hmonth = _alt(list(lx.hijri))
    hijri = re.compile(
        rf"{_B}{lead}(?:(?P<d>\d{{1,2}})|(?P<od>{ordinal}))?\s*(?:من\s+)?(?:شهر\s+)?(?P<hm>{hmonth})"
        rf"\s*,?\s*(?:(?:عام|سنه)\s*)?(?P<y>1[3-5]\d\d)(?!\d)\s*(?:هـ|ه{_E}|هجري[ه]?{_E}|للهجره{_E})?"
    )
    # a year after its cue (العام 2011), or after a preposition when nothing counted follows
    # it (في 2020، منذ 2014.)
    preps = _alt(list(cue["year_prep"]))
    year = re.compile(
        rf"{_B}[وبل]?(?:(?P<cue>{_alt(list(cue['year_cue']))})\s+(?P<y>\d{{4}})(?!\d)(?:\s*م{_E})?"
        rf"|(?P<prep>{preps})\s+(?P<y2>\d{{4}})(?=\s*(?:[.,;:)\n]|$)))"
    )
    days = _alt(list(cue["day"]))
    relative = re.compile(
        rf"{_B}(?:[وف]|ب|بال|وبال)?(?:(?P<part>{part})\s+)?(?:يوم\s+)?"
        rf"(?:(?P<day>{days}){_E}(?:\s*,?\s*(?:يوم\s+)?(?P<wd>{weekday}){_E})?"
        rf"|(?P<wd2>{weekday}){_E}(?:\s+(?P<rel>{rel}){_E})?)"
    )
    units = _alt(list(cue["unit"]) + list(cue["unit2"]))
    ago = re.compile(rf"{_B}[وف]?(?P<dir>قبل|منذ|بعد)\s+(?:(?P<n>\d{{1,3}}|[{_AR}]+)\s+)?(?P<u>{units}){_E}(?!\s*\d)")
    periods = _alt(list(cue["month"]) + list(cue["year"]))
    period = re.compile(
        rf"{_B}(?:[وبل]|في\s+)?(?:(?:(?P<d>\d{{1,2}})|(?P<od>{ordinal}))\s+(?:من\s+)?)?"
        rf"(?:(?P<p>{periods})\s+(?P<rel>{rel})|(?:هذا\s+العام|هذه\s+السنه)){_E}"
    )
    return _Patterns(text_date, numeric, hijri, year, relative, ago, period)


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    value: str | None
    relative: bool
    calendar: str
    rule: str
    priority: int


def _ordinal_value(text: str) -> int | None:
    lx = _lex()
    total = 0
    for word in text.split():
        word = word.removeprefix("و").removeprefix("ال")
        if word in ("عشر", "عشره"):
            total += 10
        elif word in ("عشرين", "عشرون"):
            total += 20
        elif word in ("ثلاثين", "ثلاثون"):
            total += 30
        elif word in lx.ordinals:
            total += lx.ordinals[word]
        else:
            return None
    return total or None


def _valid(y: int, m: int, d: int) -> bool:
    return _MIN_YEAR <= y <= _MAX_YEAR and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _infer_year(m: int, d: int | None, ref: date, rel: str | None) -> int:
    """The year of a month (and day) named without one: by the direction word, else the
    nearest to the reference date."""
    y = ref.year
    key = (m, d or 1)
    now = (ref.month, ref.day if d is not None else 1)
    if rel == "past":
        return y if key < now or (d is None and m < ref.month) else y - 1
    if rel == "future":
        return y if key > now else y + 1
    if rel == "current":
        return y
    best = min((y - 1, y, y + 1), key=lambda yy: abs((yy * 12 + m) - (ref.year * 12 + ref.month)))
    return best


def _rel_kind(word: str | None) -> str | None:
    if not word:
        return None
    cues = _lex().cues
    key = _key(word)
    for kind in ("past", "future", "current"):
        if key in cues[kind]:
            return kind
    return None


def _text_dates(norm: str, ref: date | None) -> list[_Cand]:
    lx = _lex()
    out: list[_Cand] = []
    for m in _patterns().text_date.finditer(norm):
        month = lx.greg[_key(m["m"])]
        if m["m2"] and lx.greg[_key(m["m2"])] != month:
            continue
        day: int | None = None
        if m["d"]:
            day = int(m["d"])
        elif m["od"]:
            day = _ordinal_value(m["od"])
        year = int(m["y"]) if m["y"] else None
        rel = _rel_kind(m["rel"])
        start = m.start("wd") if m["wd"] and day is not None else m.start("edge") if m["edge"] else None
        if start is None:
            first = next(g for g in ("d", "od", "shahr", "m") if m[g])
            start = m.start(first)
        end = m.end()
        if year is None and rel is None:
            end = m.end("m2") if m["m2"] else m.end("m")
        if day is None and year is None and rel is None and not m["m2"] and not m["edge"] and not m["shahr"]:
            # a bare month name only after a preposition (في مارس), never alone (مارس = practised)
            before = norm[max(0, m.start("m") - 6) : m.start("m")].split()
            if not before or _key(before[-1]).removeprefix("و") not in lx.cues["month_prep"]:
                continue
        if m["edge"] and day is not None:
            continue
        if year is not None:
            if day is not None and not _valid(year, month, day):
                continue
            if not _MIN_YEAR <= year <= _MAX_YEAR:
                continue
            value: str | None = _iso(year, month, day)
            relative = False
        else:
            relative = True
            if ref is None:
                value = None
            else:
                y = _infer_year(month, day, ref, rel)
                if day is not None and m["wd"]:
                    # الأحد 13 أغسطس: the year, near the inferred one, whose day has that weekday
                    wd = lx.weekdays[_key(m["wd"])]
                    for cand in (y, y - 1, y + 1):
                        if _valid(cand, month, day) and date(cand, month, day).isoweekday() == wd:
                            y = cand
                            break
                if day is not None and not _valid(y, month, day):
                    continue
                value = _iso(y, month, day)
        rule = "text_date" + ("+year" if year else "+inferred_year") + ("+weekday" if m["wd"] else "")
        out.append(_Cand(start, end, value, relative, "gregorian", rule, 3))
        if m["d"] and value is not None and len(value) == 10:
            # 15 و16 أكتوبر، من 1 إلى 5 مارس: the first day of a pair shares the month
            pair = _DAY_BEFORE.search(norm, max(0, start - 16), start)
            if pair is not None and _valid(int(value[:4]), month, int(pair["d0"])):
                out.append(_Cand(
                    pair.start("d0"), pair.end("d0"), _iso(int(value[:4]), month, int(pair["d0"])),
                    relative, "gregorian", rule + "+pair", 3,
                ))
    return out


def _numeric_dates(norm: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _patterns().numeric.finditer(norm):
        if m["y1"]:
            a, b, y = int(m["d1"]), int(m["m1"]), int(m["y1"])
            d, mo = (a, b) if b <= 12 else (b, a)  # d/m/y, unless only m/d/y fits
        else:
            y, mo, d = int(m["y2"]), int(m["m2"]), int(m["d2"])
        if not _valid(y, mo, d):
            continue
        start = m.start("wd") if m["wd"] else m.start("d1") if m["d1"] else m.start("y2")
        out.append(_Cand(start, m.end(), _iso(y, mo, d), False, "gregorian", "numeric_date", 3))
    return out


def _hijri_dates(norm: str) -> list[_Cand]:
    from hijridate import Hijri  # imported on first Hijri date only

    out: list[_Cand] = []
    lx = _lex()
    for m in _patterns().hijri.finditer(norm):
        hy = int(m["y"])
        hm = lx.hijri[_key(m["hm"])]
        day = int(m["d"]) if m["d"] else _ordinal_value(m["od"]) if m["od"] else None
        first = "wd" if m["wd"] and day else next(g for g in ("d", "od", "hm") if m[g])
        start = m.start(first)
        try:
            g = Hijri(hy, hm, day or 1).to_gregorian()
        except (ValueError, OverflowError):
            continue
        value = _iso(g.year, g.month, g.day) if day else None
        if value is None:
            continue  # a Hijri month spans two Gregorian months: no single value
        out.append(_Cand(start, m.end(), value, False, "hijri", "hijri_date", 3))
    return out


def _years(norm: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _patterns().year.finditer(norm):
        if m["y"]:
            y, start, rule = int(m["y"]), m.start("cue"), "year"
        else:
            y, start, rule = int(m["y2"]), m.start("y2"), "year+preposition"
        if 1900 <= y <= 2100 or (rule == "year" and _MIN_YEAR <= y <= _MAX_YEAR):
            out.append(_Cand(start, m.end(), _iso(y), False, "gregorian", rule, 1))
    return out


def _weekday_date(ref: date, wd: int, rel: str | None, future: bool) -> date:
    delta = (wd - ref.isoweekday()) % 7  # days ahead to the next such weekday (0 = today)
    if rel == "future":
        return ref + timedelta(days=delta or 7)
    if rel == "past":
        return ref - timedelta(days=(7 - delta) % 7 or 7)
    if future:
        return ref + timedelta(days=delta)
    return ref - timedelta(days=(7 - delta) % 7)


def _future_before(norm: str, start: int) -> bool:
    """A future verb or cue just before a bare weekday (سيعقد، يعقد، من المقرر)."""
    words = re.findall(f"[{_AR}]+", norm[max(0, start - 40) : start])
    cues = _lex().cues["future_cue"]
    for word in reversed(words[-3:]):
        core = word.removeprefix("و").removeprefix("ف")
        if core == "يوم":
            continue
        if core in cues or re.match("^س[يتن][" + _AR + "]{2,}$", core):
            return True
    return False


def _relatives(norm: str, ref: date | None) -> list[_Cand]:
    lx = _lex()
    out: list[_Cand] = []
    for m in _patterns().relative.finditer(norm):
        start = m.start("part") if m["part"] else m.start("day") if m["day"] else m.start("wd2")
        if m["day"]:
            key = _key(m["day"])
            if key == "اليوم" and not m["wd"]:
                after = _NEXT_WORD.match(norm, m.end())
                if after is not None and (after[1] in lx.cues["not_today"] or after[1][:1].isdigit()):
                    continue  # اليوم التالي، اليوم 427: a day, not today
                if norm[max(0, m.start("day") - 4) : m.start("day")].strip() in ("هذا", "ذلك"):
                    continue  # هذا اليوم
                if norm[max(0, m.start("day") - 1) : m.start("day")] == "ل":
                    continue  # لليوم 427
            offset = int(lx.cues["day"][key])
            rule = "day_word" + ("+weekday" if m["wd"] else "")
            day_value = None if ref is None else ref + timedelta(days=offset)
            if day_value is not None and m["wd"] and day_value.isoweekday() != lx.weekdays[_key(m["wd"])]:
                # "اليوم السبت" published on a Tuesday: the weekday names the day; take the
                # nearest such day
                wd = lx.weekdays[_key(m["wd"])]
                ahead = (wd - day_value.isoweekday()) % 7
                day_value += timedelta(days=ahead if ahead <= 3 else ahead - 7)
                rule += "+weekday_wins"
            value = None if day_value is None else day_value.isoformat()
        else:
            wd = lx.weekdays[_key(m["wd2"])]
            if wd == 1 and re.search(r"ال[\u0621-\u064a]+(?:ين|ات|ون)\s+$", norm[max(0, start - 20) : start]):
                continue  # المتهمين الاثنين: "the two", not Monday
            rel = _rel_kind(m["rel"])
            future = rel is None and _future_before(norm, start)
            value = None if ref is None else _weekday_date(ref, wd, rel, future).isoformat()
            rule = "weekday" + ("+" + rel if rel else "+future_verb" if future else "")
        out.append(_Cand(start, m.end(), value, True, "gregorian", rule, 2))
    return out


def _agos(norm: str, ref: date | None) -> list[_Cand]:
    cues = _lex().cues
    out: list[_Cand] = []
    for m in _patterns().ago.finditer(norm):
        unit = _key(m["u"])
        if unit in cues["unit2"]:
            if m["n"]:
                continue
            n, days = 2, int(cues["unit2"][unit])
        else:
            days = int(cues["unit"][unit])
            if m["n"] is None:
                if unit not in ("يوم", "اسبوع", "شهر", "عام", "سنه"):
                    continue  # قبل أيام: vague
                following = norm[m.end() :].split(maxsplit=1)
                if unit == "يوم" and following and (
                    _key(following[0].strip(",.")) in _lex().weekdays or following[0].strip(",.") in ("امس", "الامس")
                ):
                    continue  # منذ يوم الأحد، منذ يوم أمس: the weekday / day-word rules read it
                n = 1
            elif m["n"].isdigit():
                n = int(m["n"])
            else:
                w = lookup_word(m["n"])
                if w is None or w.kind not in ("unit", "ten", "teen", "tens"):
                    continue
                n = int(w.value)
        if n <= 0:
            continue
        sign = 1 if m["dir"] == "بعد" else -1
        if m["dir"] == "بعد" and m["n"] is None:
            continue  # بعد يوم: "a day later", relative to the story, not to publication
        value: str | None = None
        if ref is not None:
            if days == 30:
                months = ref.year * 12 + ref.month - 1 + sign * n
                value = _iso(months // 12, months % 12 + 1)
            elif days == 365:
                value = _iso(ref.year + sign * n)
            else:
                value = (ref + timedelta(days=sign * n * days)).isoformat()
        out.append(_Cand(m.start("dir"), m.end(), value, True, "gregorian", "ago", 2))
    return out


def _periods(norm: str, ref: date | None) -> list[_Cand]:
    cues = _lex().cues
    out: list[_Cand] = []
    for m in _patterns().period.finditer(norm):
        if m["p"]:
            kind = "month" if _key(m["p"]) in cues["month"] else "year"
            rel = _rel_kind(m["rel"])
            start = m.start("p")
        else:
            kind, rel, start = "year", "current", m.start()
        step = {"past": -1, "future": 1, "current": 0}.get(rel or "")
        if step is None:
            continue
        # 5 من الشهر الجاري، العاشر من الشهر الماضي: a day of that month
        day = int(m["d"]) if m["d"] else _ordinal_value(m["od"]) if m["od"] else None
        if day is not None and kind == "month":
            start = m.start("d") if m["d"] else m.start("od")
        else:
            day = None
        value: str | None = None
        if ref is not None:
            if kind == "month":
                months = ref.year * 12 + ref.month - 1 + step
                y, mo = months // 12, months % 12 + 1
                if day is not None and not _valid(y, mo, day):
                    continue
                value = _iso(y, mo, day)
            else:
                value = _iso(ref.year + step)
        rule = "period+" + kind + ("+day" if day is not None else "")
        out.append(_Cand(start, m.end(), value, True, "gregorian", rule, 2))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first (then higher priority), no overlaps; in text order."""
    cands.sort(key=lambda c: (-(c.end - c.start) - 100 * c.priority, c.start))
    taken: list[_Cand] = []
    covered = bytearray(max((c.end for c in cands), default=0))
    for c in cands:
        if not any(covered[c.start : c.end]):
            taken.append(c)
            covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    taken.sort(key=lambda c: c.start)
    return taken


_DAY_BEFORE: Final = re.compile(r"(?<![\d/.-])(?P<d0>\d{1,2})\s*(?:و|-|الي|حتي)\s*$")
_AGREEING: Final = re.compile(r"^\s*[,(]?\s*(?:الموافق\s*(?:ل\s*)?)?\(?\s*$")
_LINK: Final = re.compile(r"^\s*(?:[-/(,]\s*)?(?:الموافق\s*(?:ل\s*)?)?[(]?\s*$")


def _merge(cands: list[_Cand], norm: str) -> list[_Cand]:
    """A Hijri date next to its Gregorian twin (الموافق …) is one date: the Gregorian value."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.relative
            and not c.relative
            and _AGREEING.match(norm[prev.end : c.start])
        ):
            # اليوم السبت الموافق 30 ديسمبر 2023: the stated date wins
            out[-1] = _Cand(prev.start, c.end, c.value, False, c.calendar, c.rule + "+agreeing", c.priority)
            continue
        if (
            prev is not None
            and {prev.calendar, c.calendar} == {"hijri", "gregorian"}
            and not prev.relative
            and not c.relative
            and _LINK.match(norm[prev.end : c.start])
        ):
            greg = prev if prev.calendar == "gregorian" else c
            out[-1] = _Cand(prev.start, c.end, greg.value, False, "gregorian", greg.rule + "+hijri", greg.priority)
            continue
        out.append(c)
    return out


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    ref: date | None = None,
    normalized: Normalized | None = None,
) -> list[DateMention]:
    """Dates named in ``text[start:end]`` (offsets into ``text``), resolved against ``ref``.

    >>> text = "شنت حماس في 7 أكتوبر/تشرين الأول 2023 هجوما، وقال مصدر اليوم الثلاثاء"
    >>> [(d.value, text[d.start:d.end]) for d in find_dates(text, ref=date(2023, 12, 26))]
    [('2023-10-07', '7 أكتوبر/تشرين الأول 2023'), ('2023-12-26', 'اليوم الثلاثاء')]
    """
    end = len(text) if end is None else end
    if end <= start:
        return []
    n = normalized if normalized is not None else normalize(text[start:end])  # shared with later stages
    norm = n.text
    cands: list[_Cand] = []
    # cheap substring checks first: most paragraphs name no date, and a regex pass costs more
    words = _trigger_words()
    if any(w in norm for w in words.months):
        cands += _text_dates(norm, ref)
    if _DIGIT.search(norm) is not None:
        if _NUMERIC_HINT.search(norm) is not None:
            cands += _numeric_dates(norm)
        if _YEAR_HINT.search(norm) is not None:
            cands += _years(norm)
            if any(w in norm for w in words.hijri):
                cands += _hijri_dates(norm)
    if any(w in norm for w in words.relative):
        cands += _relatives(norm, ref)
    if "قبل" in norm or "منذ" in norm or "بعد" in norm:
        cands += _agos(norm, ref)
    if any(w in norm for w in words.periods):
        cands += _periods(norm, ref)
    out: list[DateMention] = []
    for c in _merge(_select(cands), norm):
        s, e = n.to_original(c.start, c.end)
        while start + e < end and unicodedata.category(text[start + e]) == "Mn":
            e += 1  # the marks on the last letter (the tanween of غداً) belong to the phrase
        out.append(DateMention(start + s, start + e, c.value, c.relative, c.calendar, c.rule))
    return out
