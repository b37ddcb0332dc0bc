"""The knowledge base: every built-in entry valid, user files parsed, merged and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.entities.kb import (
    KBFileError,
    builtin_entries,
    load_kb,
    nisba_forms,
    parse_kb_text,
    validate,
)
from marsad.text import normalize_str

ENTRIES = builtin_entries()


def test_builtin_kb_is_valid() -> None:
    assert validate(ENTRIES) == []


def test_every_entry_has_type_arabic_alias_and_english_name() -> None:
    for e in ENTRIES:
        assert e.type in ("PER", "ORG", "LOC"), e.id
        assert e.aliases and any("\u0621" <= ch <= "\u064a" for ch in e.aliases[0]), e.id
        assert e.name_en, e.id


def test_ids_are_unique_and_prefixed_by_type() -> None:
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))
    assert all(i.split(":")[0] == e.type.lower() for i, e in zip(ids, ENTRIES, strict=True))


def test_office_holders_have_office_and_dates() -> None:
    people = [e for e in ENTRIES if e.type == "PER" and e.offices]
    assert len(people) > 150
    for e in people:
        for office in e.offices:
            assert office.title and office.of and len(office.start) == 10, e.id


def test_offices_point_at_known_entries() -> None:
    kb = load_kb()
    for e in ENTRIES:
        for office in e.offices:
            assert office.of in kb, (e.id, office.of)


ARAB_LEAGUE = [
    "algeria", "bahrain", "comoros", "djibouti", "egypt", "iraq", "jordan", "kuwait", "lebanon",
    "libya", "mauritania", "morocco", "oman", "palestine", "qatar", "saudi-arabia", "somalia",
    "sudan", "syria", "tunisia", "uae", "yemen",
]


@pytest.mark.parametrize("slug", [*ARAB_LEAGUE, "iran", "turkey", "israel", "united-states",
                                  "united-kingdom", "france", "russia", "china"])
def test_countries_present_with_a_current_head(slug: str) -> None:
    kb = load_kb()
    assert f"loc:{slug}" in kb
    holders = [e for e in kb if any(o.of == f"loc:{slug}" for o in e.offices)]
    assert holders, slug


@pytest.mark.parametrize(("office", "of", "day", "expected"), [
    ("President", "loc:united-states", "2023-12-26", "per:joe-biden"),
    ("President", "loc:united-states", "2018-05-01", "per:donald-trump"),
    ("Emir", "loc:qatar", "2020-01-01", "per:tamim-bin-hamad"),
    ("Foreign Minister", "loc:egypt", "2016-03-01", "per:sameh-shoukry"),
    ("Foreign Minister", "loc:iran", "2025-01-01", "per:abbas-araghchi"),
    ("Prime Minister", "loc:israel", "2022-01-01", "per:naftali-bennett"),
])
def test_office_holders_on_a_date(office: str, of: str, day: str, expected: str) -> None:
    assert [e.id for e in load_kb().holders(office, of, day)] == [expected]


def test_aliases_do_not_collide_between_entries() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for e in ENTRIES:
        for alias in e.aliases:
            key = normalize_str(alias)
            if key in seen and seen[key] != e.id:
                clashes.append((key, seen[key], e.id))
            seen.setdefault(key, e.id)
    assert clashes == []


@pytest.mark.parametrize(("adjective", "forms"), [
    ("قطري", {"القطري", "القطريه", "قطريه", "القطريين", "قطريون"}),
    ("أمريكي", {"الامريكي", "الامريكيه", "امريكيون", "الامريكيين"}),
    ("كوري جنوبي", {"الكوري الجنوبي", "الكوريه الجنوبيه"}),
])
def test_nisba_forms(adjective: str, forms: set[str]) -> None:
    assert forms <= nisba_forms(adjective)


@pytest.mark.parametrize(("text", "message"), [
    ("loc:x\tLOC\tX", "columns"),
    ("loc:x\tPLACE\tX\tاكس", "type"),
])
def test_malformed_rows_raise(text: str, message: str) -> None:
    with pytest.raises(KBFileError, match=message):
        parse_kb_text(text)


@pytest.mark.parametrize(("text", "problem"), [
    ("loc:x\tLOC\t\tاكس", "English"),
    ("loc:x\tLOC\tX\tX", "Arabic"),
    ("org:x\tLOC\tX\tاكس", "prefix"),
    ("per:x\tPER\tX\tاكس\toffice=Minister@loc:qatar@@", "office"),
    ("loc:x\tLOC\tX\tاكس\nloc:x\tLOC\tY\tاكس", "duplicate"),
])
def test_validation_problems(text: str, problem: str) -> None:
    problems = validate(parse_kb_text(text))
    assert any(problem in p for p in problems), problems


def test_user_kb_merges_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("per:zaid-test\tPER\tZaid Test\tزيد التجريبي\n"
                    "loc:qatar\tLOC\tState of Qatar\tقطر\tkind=country\n", encoding="utf-8")
    kb = load_kb(str(path))
    assert kb.get("per:zaid-test").name_ar == "زيد التجريبي"
    assert kb.get("loc:qatar").name_en == "State of Qatar"
    assert load_kb().get("loc:qatar").name_en == "Qatar"


def test_invalid_user_kb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("per:x\tPER\t\tاكس\n", encoding="utf-8")
    with pytest.raises(KBFileError):
        load_kb(str(path))
    with pytest.raises(KBFileError):
        load_kb(str(tmp_path / "missing.tsv"))
