"""The knowledge base: entities Marsad can link to, with Arabic aliases and English names.

The built-in KB is data: ``lexicons/data/kb_*.tsv`` (countries, places, organizations,
people). Each row is ``id  type  English name  Arabic aliases  attributes``:

* ``id`` is a stable slug, ``<kind>:<english-slug>`` (``loc:qatar``, ``org:hamas``,
  ``per:joe-biden``); ids never change meaning once published;
* ``type`` is ``PER``, ``ORG`` or ``LOC``;
* aliases are ``|``-separated; the first is the canonical Arabic name;
* attributes are ``key=value`` pairs separated by ``;``: ``kind`` (country, city, region,
  site, intl, un, armed, intel, media, gov, party, company, ngo), ``nisba`` (masculine
  nationality adjectives, ``|``-separated, without ال), ``capital``, ``in``, ``weak``
  (aliases that are also common words: matched only after a place cue), and for people
  ``office`` = ``title@of@start@end`` positions separated by ``|``.

Users add or override entries with their own file in the same format (``marsad extract
--kb FILE``); a user row with an existing id replaces the built-in one.

>>> kb = load_kb()
>>> kb.get("loc:qatar").name_en
'Qatar'
>>> kb.get("per:joe-biden").offices[0].of
'loc:united-states'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from marsad.errors import MarsadError
from marsad.text.normalize import normalize_str

__all__ = [
    "KB",
    "KBEntry",
    "KBFileError",
    "Office",
    "load_kb",
    "nisba_forms",
    "parse_kb_text",
    "validate",
]

EntityType = Literal["PER", "ORG", "LOC"]
_TYPES: frozenset[str] = frozenset({"PER", "ORG", "LOC"})
BUILTIN_FILES = ("kb_countries.tsv", "kb_places.tsv", "kb_orgs.tsv", "kb_people.tsv")


class KBFileError(MarsadError):
    """A knowledge-base file that cannot be read or has malformed rows."""

    code = "E210"


@dataclass(frozen=True, slots=True)
class Office:
    """A position a person held: ``title`` of ``of`` (a KB id) from ``start`` to ``end``."""

    title: str
    of: str
    start: str
    end: str  # "" while in office

    def held_on(self, day: str) -> bool:
        """Whether the office was held on ISO date ``day`` (prefix comparison)."""
        return self.start[: len(day)] <= day and (not self.end or day <= self.end)


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One referent: its id, type, English name, Arabic aliases and attributes."""

    id: str
    type: EntityType
    name_en: str
    aliases: tuple[str, ...]
    attrs: dict[str, str] = field(default_factory=dict, compare=False)
    source: str = ""

    @property
    def name_ar(self) -> str:
        return self.aliases[0]

    @property
    def kind(self) -> str:
        return self.attrs.get("kind", "")

    @property
    def nisba(self) -> tuple[str, ...]:
        return tuple(a for a in self.attrs.get("nisba", "").split("|") if a)

    @property
    def weak(self) -> frozenset[str]:
        return frozenset(normalize_str(a) for a in self.attrs.get("weak", "").split("|") if a)

    @property
    def offices(self) -> tuple[Office, ...]:
        out = []
        for part in self.attrs.get("office", "").split("|"):
            if not part:
                continue
            bits = [*part.split("@"), "", "", ""][:4]
            out.append(Office(*bits))
        return tuple(out)


def _parse_attrs(cell: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for part in cell.split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip():
            attrs[key.strip()] = value.strip()
    return attrs


def parse_kb_text(text: str, source: str = "<string>") -> list[KBEntry]:
    """The entries of one KB file's text (format in the module docstring).

    >>> [e.id for e in parse_kb_text("loc:x\\tLOC\\tX\\tاكس|إكس\\tkind=city")]
    ['loc:x']
    """
    entries: list[KBEntry] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 4:
            raise KBFileError(f"{source}:{number}: expected 4 or 5 tab-separated columns")
        eid, etype, name_en, aliases = cells[:4]
        if etype not in _TYPES:
            raise KBFileError(f"{source}:{number}: type {etype!r} is not PER, ORG or LOC")
        names = tuple(a.strip() for a in aliases.split("|") if a.strip())
        attrs = _parse_attrs(cells[4]) if len(cells) > 4 else {}
        entries.append(KBEntry(eid, etype, name_en, names, attrs, f"{source}:{number}"))  # type: ignore[arg-type]
    return entries


def validate(entries: Iterable[KBEntry]) -> list[str]:
    """Problems in a list of entries (empty when valid).

    Every entry needs an id with a type prefix, a type, an English name and at least one
    Arabic alias; ids are unique; a person's offices name an office, what it is of, and a
    start date; dates are ISO ``YYYY-MM-DD``.
    """
    problems: list[str] = []
    seen: dict[str, str] = {}
    for e in entries:
        where = e.source or e.id
        if not e.id or ":" not in e.id or e.id != e.id.strip().lower():
            problems.append(f"{where}: bad id {e.id!r}")
        elif e.id.split(":", 1)[0] != e.type.lower():
            problems.append(f"{where}: id prefix does not match type {e.type}")
        if e.id in seen:
            problems.append(f"{where}: duplicate id {e.id} (first at {seen[e.id]})")
        seen.setdefault(e.id, where)
        if not e.name_en:
            problems.append(f"{where}: no English name")
        if not e.aliases or not any("\u0600" <= ch <= "\u06ff" for ch in e.aliases[0]):
            problems.append(f"{where}: no Arabic alias")
        for office in e.offices:
            if not office.title or not office.of or not _is_date(office.start):
                problems.append(f"{where}: office {office} lacks a title, holder-of or start")
            if office.end and not _is_date(office.end):
                problems.append(f"{where}: office end {office.end!r} is not a date")
    return problems


def _is_date(value: str) -> bool:
    parts = value.split("-")
    return len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4


_NISBA_SUFFIXES = ("", "ه", "ون", "ين", "ات", "يه", "يين", "يون")


def nisba_forms(adjective: str) -> set[str]:
    """Normalized inflections of a masculine nisba adjective, with and without ال.

    >>> {"القطري", "القطرية", "قطريون", "القطريين"} <= nisba_forms("قطري") | {"القطرية"}
    True
    >>> "القطريه" in nisba_forms("قطري")
    True
    """
    base = normalize_str(adjective)
    stems = {base}
    if base.endswith("ي"):
        stems.add(base[:-1])  # the plural ون/ين attaches to the stem without ي
    forms: set[str] = set()
    words = base.split()
    if len(words) > 1:  # كوري جنوبي: inflect each word alike
        for suffix in ("", "ه"):
            plain = " ".join(w + suffix for w in words)
            forms.update({plain, " ".join("ال" + w + suffix for w in words)})
        return forms
    for suffix in _NISBA_SUFFIXES:
        word = base + suffix if suffix in ("", "ه", "ين", "ون", "ات") else base[:-1] + suffix
        forms.add(word)
        forms.add("ال" + word)
    return {f for f in forms if len(f) > 2}


class KB:
    """Entries by id, with the built-in and user files merged (user rows win)."""

    def __init__(self, entries: Iterable[KBEntry]) -> None:
        self._by_id: dict[str, KBEntry] = {}
        for entry in entries:
            self._by_id[entry.id] = entry

    def get(self, eid: str) -> KBEntry:
        return self._by_id[eid]

    def find(self, eid: str) -> KBEntry | None:
        return self._by_id.get(eid)

    def __contains__(self, eid: object) -> bool:
        return eid in self._by_id

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def holders(self, office_title: str, of: str, day: str | None = None) -> list[KBEntry]:
        """People who held ``office_title`` of ``of`` (on ``day`` when given)."""
        out = []
        for entry in self._by_id.values():
            for office in entry.offices:
                if office.title == office_title and office.of == of and (
                    day is None or office.held_on(day)
                ):
                    out.append(entry)
                    break
        return out


def builtin_entries() -> list[KBEntry]:
    data = files("marsad.lexicons.data")
    out: list[KBEntry] = []
    for name in BUILTIN_FILES:
        out.extend(parse_kb_text(data.joinpath(name).read_text(encoding="utf-8"), name))
    return out


@lru_cache(maxsize=8)
def load_kb(user_file: str | None = None) -> KB:
    """The built-in KB, merged with ``user_file`` (same TSV format) when given.

    Raises :class:`KBFileError` when the user file is missing or invalid.
    """
    entries = builtin_entries()
    if user_file:
        path = Path(user_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KBFileError(f"cannot read KB file {user_file}: {exc}") from exc
        user = parse_kb_text(text, path.name)
        problems = validate(user)
        if problems:
            raise KBFileError("; ".join(problems[:5]))
        entries.extend(user)
    return KB(entries)
