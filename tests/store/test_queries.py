"""The query suite, run against SQLite and PostgreSQL (the ``store`` fixture has both)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

from marsad.store import Store, open_store
from tests.conftest import check_contract
from tests.store.conftest import new_database
from tests.store.docs import call_reports, corpus, make_doc


def _load(store: Store, docs: list[dict[str, Any]]) -> None:
    with store.transaction():
        for doc in docs:
            store.put(doc)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def kb(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The hand-made corpus, loaded once per back-end (the query tests only read)."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("kb") / "kb.db")
    else:
        url = new_database(request.getfixturevalue("pg_server"))
    docs = corpus()
    for doc in docs:
        check_contract(doc)
    with open_store(url) as store:
        _load(store, docs)
        yield store


def test_put_is_idempotent_and_versions_by_url(store: Store) -> None:
    doc = call_reports()[0]
    with store.transaction():
        assert store.put(doc) == "new"
        assert store.put(doc) == "unchanged"
    changed = make_doc(doc["id"], doc["title"], ["نص معدل بعد التحديث: تلقى أمير قطر اتصالا."], url=doc["url"])
    with store.transaction():
        assert store.put(changed) == "updated"
        assert store.put(changed) == "unchanged"
    assert [v for v, _ in store.versions(doc["url"])] == [1, 2]
    assert store.count() == 1 and store.count(all_versions=True) == 2
    assert store.get(doc["id"]) == changed


def test_failed_batch_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.put(call_reports()[0])
        raise RuntimeError("killed mid-batch")
    assert store.count(all_versions=True) == 0


SEARCHES = [
    # query, expected ids (as a set: ranking is checked separately)
    ("المفاوضات", {"call-2"}),
    ("مفاوضات", {"call-2"}),
    ("والمفاوضات", {"call-2"}),
    ("الأسرى", {"call-1", "call-4"}),
    ("الاسري", {"call-1", "call-4"}),
    ("هُدنة", {"call-1", "call-4"}),
    ("جسر المشاة", {"wire-1", "wire-2", "wire-3"}),
    ("طرابلس", {"libya-1"}),
    ("Biden", set()),
    ("في", set()),
    ("", set()),
    ('"unbalanced AND ( OR * NEAR', set()),
]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_search_finds_arabic_variants(kb: Store, query: str, expected: set[str]) -> None:
    assert {h.id for h in kb.search(query)} == expected


def test_search_hits_are_ranked_with_snippets(kb: Store) -> None:
    hits = kb.search("غزة الأسرى")
    assert hits and hits[0].id in {"call-1", "call-4"}
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))
    assert "<b>" in hits[0].snippet
    assert set(hits[0].to_dict()) == {"id", "title", "url", "published", "snippet", "score"}


FILTERS = [
    ({"date_from": "2023-12-27"}, {"call-4", "call-5", "toll-4"}),
    ({"date_to": "2023-12-26"}, {"call-1", "call-2", "call-3", "toll-1", "toll-2", "toll-3"}),
    ({"date_from": "2023-12", "date_to": "2023-12"}, {"call-1", "call-2", "call-3", "call-4", "call-5", "toll-1",
                                                     "toll-2", "toll-3", "toll-4"}),
    ({"outlet": "الجزيرة نت"}, {"call-1"}),
    ({"entity": "بايدن"}, {"call-1", "call-2", "call-3", "call-4", "call-5"}),
    ({"entity": "لا أحد بهذا الاسم إطلاقا"}, set()),
    ({"event_type": "consult"}, {"call-1", "call-2", "call-3", "call-4", "call-5"}),
    ({"event_type": "ASSAULT"}, set()),
]


@pytest.mark.parametrize(("filters", "expected"), FILTERS)
def test_search_filters(kb: Store, filters: dict[str, str], expected: set[str]) -> None:
    assert {h.id for h in kb.search("غزة", limit=50, **filters)} == expected


RESOLVE = [
    ("بايدن", "Q6279"),
    ("جو بايدن", "Q6279"),
    ("Joe Biden", "Q6279"),
    ("Q6279", "Q6279"),
    ("جو بايدين", "Q6279"),  # fuzzy
    ("تميم بن حمد", "Q1753045"),
    ("غزة", "Q39760"),
    ("غزه", "Q39760"),
]


@pytest.mark.parametrize(("name", "key"), RESOLVE)
def test_resolve_entity(kb: Store, name: str, key: str) -> None:
    assert kb.resolve_entity(name)[0] == key


def test_entity_profile(kb: Store) -> None:
    profile = kb.entity_profile("بايدن")
    assert profile is not None
    assert (profile["name"], profile["type"], profile["name_en"]) == ("جو بايدن", "PER", "Joe Biden")
    assert profile["articles"] == 5 and profile["first_seen"] == "2023-12-26"
    assert {"بايدن", "جو بايدن"} <= set(profile["aliases"])
    assert {r["role"] for r in profile["roles"]} == {"الرئيس الأمريكي"}
    assert [c["key"] for c in profile["co_mentioned"]] == ["Q1753045", "Q39760"]
    assert [q["content"] for q in profile["quotes"]] == ["نعمل مع شركائنا لإعادة المحتجزين إلى بيوتهم"]
    assert [(e["type"], e["role"]) for e in profile["events"]] == [("CONSULT", "actor")] * 5
    assert kb.entity_profile("كائن غير موجود مطلقا") is None


TIMELINES = [
    ({}, ["libya-1", "call-1", "call-2", "call-3", "call-4", "call-5"]),
    ({"entity": "تميم بن حمد"}, ["call-1", "call-2", "call-3", "call-4", "call-5"]),
    ({"event_type": "assault"}, ["libya-1"]),
    ({"place": "طرابلس"}, ["libya-1"]),
    ({"date_from": "2023-12-26"}, ["call-1", "call-2", "call-3", "call-4", "call-5"]),
    ({"date_to": "2023-12-25"}, ["libya-1"]),
]


@pytest.mark.parametrize(("filters", "expected"), TIMELINES)
def test_timeline(kb: Store, filters: dict[str, str], expected: list[str]) -> None:
    events = kb.timeline(**filters)
    assert [e["article"] for e in events] == expected
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)


def test_figures_flag_contradictions_and_falls(kb: Store) -> None:
    figs = kb.figures(category="killed", about="غزة")
    assert [(f["value"], f["as_of"], f["flags"]) for f in figs] == [
        (20000, "2023-12-20", []),
        (20915, "2023-12-26", ["contradiction"]),
        (20900, "2023-12-26", ["contradiction"]),
        (20500, "2023-12-28", ["non_monotonic"]),
    ]
    assert figs[1]["source"] == "وزارة الصحة في غزة" and figs[1]["article"] == "toll-2"
    assert [f["article"] for f in kb.figures(about="طرابلس")] == ["libya-1"]
    assert kb.figures(category="injured") == []


def test_stories_group_reports_across_outlets(kb: Store) -> None:
    stories = {tuple(s["articles"]): s for s in kb.stories()}
    call = stories[("call-1", "call-2", "call-3", "call-4", "call-5")]
    assert len(call["outlets"]) == 5 and call["first_seen"].startswith("2023-12-26")
    assert set(call) == {"id", "title", "articles", "outlets", "first_seen", "last_seen"}
    assert ("wire-1", "wire-2", "wire-3") in stories  # near-duplicates, no entities needed
    grouped = {a for s in stories for a in s}
    assert "libya-1" not in grouped and "econ-1" not in grouped


def test_exports(kb: Store) -> None:
    docs = list(kb.iter_docs())
    assert [d["id"] for d in docs] == [d["id"] for d in corpus()]
    assert docs == corpus()
    for doc in docs:
        check_contract(doc)
    ents = kb.export_rows("entities")
    assert {"article": "call-1", "eid": "e2", "key": "Q6279", "type": "PER", "name": "جو بايدن",
            "name_en": "Joe Biden", "kb": "Q6279", "mentions": 3} in ents
    qs = kb.export_rows("quantities")
    assert [q["value"] for q in qs if q["about"] == "قطاع غزة"] == [20000, 20915, 20900, 20500]
    assert len(kb.export_rows("quotes")) == 1 and kb.export_rows("quotes")[0]["direct"] is True
    assert len(kb.export_rows("events")) == 6


def test_backends_agree(tmp_path: Any, pg_url: str) -> None:
    """The same data and questions give identical answers on SQLite and PostgreSQL."""
    answers = []
    for url in (str(tmp_path / "a.db"), pg_url):
        with open_store(url) as s:
            _load(s, corpus())
            answers.append(json.dumps({
                "search": [[h.to_dict() for h in s.search(q)] for q, _ in SEARCHES],
                "entity": s.entity_profile("بايدن"),
                "timeline": s.timeline(),
                "figures": s.figures(),
                "stories": s.stories(),
                "export": [s.export_rows(w) for w in ("entities", "quantities", "quotes", "events", "articles")],
            }, ensure_ascii=False, sort_keys=True))
    assert answers[0] == answers[1]


def test_migrations_are_numbered_and_applied_once(store: Store) -> None:
    numbers = [n for n, _, _ in store.migrations()]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1
    assert store.schema_version() == numbers[-1]
    assert store.migrate() == numbers[-1]  # nothing left to apply
