"""Ingest: mixed inputs, idempotence, versions, and a SIGKILL mid-way (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.store import Store, ingest, open_store
from tests.conftest import ROOT, check_contract
from tests.store.docs import corpus

ARTICLE_A = """وزير الصحة يفتتح مستشفى جديدا في المدينة

افتتح وزير الصحة صباح اليوم مستشفى جديدا يضم مئتي سرير في شمال المدينة.

وقال الوزير إن المستشفى سيخدم أكثر من نصف مليون نسمة في المنطقة.
"""
ARTICLE_B = """انطلاق معرض الكتاب بمشاركة واسعة

انطلقت فعاليات معرض الكتاب السنوي بمشاركة مئات دور النشر العربية والأجنبية.
"""
PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>مهرجان الشعر</title></head>
<body><article><h1>اختتام مهرجان الشعر العربي</h1>
<p>اختتمت مساء أمس فعاليات مهرجان الشعر العربي بمشاركة شعراء من عشر دول عربية.</p>
<p>وأعلنت لجنة التحكيم أسماء الفائزين بجوائز المهرجان في حفل أقيم في المسرح الوطني.</p>
</article></body></html>"""


def _mixed(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="cp1256")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "notes.md").write_text("not an input", encoding="utf-8")
    lines = [json.dumps({"id": "in-1", "text": ARTICLE_A.replace("مئتي", "ثلاثمئة"), "url": "https://x.example/1"},
                        ensure_ascii=False),
             "",
             "{not json",
             json.dumps({"id": "in-2", "text": ARTICLE_B, "published": "2024-02-01"}, ensure_ascii=False)]
    (folder / "inputs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = corpus()[:3]
    (folder / "contracts.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                                            encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")


def _snapshot(store: Store) -> list[str]:
    return [json.dumps(d, ensure_ascii=False, sort_keys=True) for d in store.iter_docs()]


def test_mixed_corpus_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    _mixed(tmp_path / "in")
    first = ingest(store, [tmp_path / "in"])
    assert (first.new, first.unchanged, first.updated) == (8, 0, 0), first.to_dict()
    assert sorted(f.code for f in first.failed) == ["E101", "E104"]
    assert all(f.where and f.message for f in first.failed)
    before = _snapshot(store)
    for doc in store.iter_docs():
        check_contract(doc)
    second = ingest(store, [tmp_path / "in"])
    assert (second.new, second.unchanged, second.updated, len(second.failed)) == (0, 8, 0, 2)
    assert _snapshot(store) == before
    assert store.count(all_versions=True) == 8
    assert {h.id for h in store.search("الشعر")} and store.search("مستشفى")


def test_changed_article_is_a_new_version(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "v.jsonl"
    for n, text in enumerate([ARTICLE_A, ARTICLE_A.replace("اليوم", "أمس")], 1):
        path.write_text(json.dumps({"id": "a", "text": text, "url": "https://x.example/a"}, ensure_ascii=False),
                        encoding="utf-8")
        summary = ingest(store, [path])
        assert (summary.new, summary.updated) == ((1, 0) if n == 1 else (0, 1))
    assert [v for v, _ in store.versions("https://x.example/a")] == [1, 2]
    assert store.count() == 1
    doc = store.get("a")
    assert doc is not None and "أمس" in doc["text"]


def test_missing_file_and_unreadable_inputs_are_reported(store: Store, tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    summary = ingest(store, [tmp_path / "bin.txt", tmp_path / "nope.txt"])
    assert [f.code for f in summary.failed] == ["E102", "E106"]


KILLER = """
import os, signal, sys
from marsad.store import open_store, ingest
seen = 0
def progress(n):
    global seen
    seen += 1
    if seen == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
ingest(open_store(sys.argv[1]), [sys.argv[2]], batch_size=10, progress=progress)
"""


def test_sigkill_mid_ingest_then_resume(db_url: str, tmp_path: Path) -> None:
    base = corpus()
    docs = [{**d, "id": f"{d['id']}-{n}", "url": None} for n in range(4) for d in base]  # 56 articles
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", KILLER, db_url, str(path), "35"], env=env, capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    with open_store(db_url) as store:
        assert store.count(all_versions=True) == 30  # three committed batches, no half-written article
        summary = ingest(store, [path])
        assert (summary.new, summary.unchanged, len(summary.failed)) == (26, 30, 0)
        assert store.count(all_versions=True) == len(docs)
        assert sorted(d["id"] for d in store.iter_docs()) == sorted(d["id"] for d in docs)


def test_dev_corpus_reports_are_not_merged(tmp_path: Path) -> None:
    from tests.conftest import shared_path

    dev = shared_path("corpus", "dev")
    with open_store(tmp_path / "dev.db") as store:
        summary = ingest(store, [dev])
        assert summary.new == len(list(dev.glob("*.txt"))) and not summary.failed
        assert store.stories() == []  # fifteen different events: no story joins two of them


@pytest.mark.parametrize("bad", ["", "\u200f\u200f", "\U0001f600" * 50, "<<<>>>", "a" * 5000])
def test_odd_queries_never_raise(store: Store, bad: str) -> None:
    store.search(bad)
    store.resolve_entity(bad)
    store.timeline(entity=bad, place=bad)
    store.figures(about=bad)


def test_html_without_a_reader_fails_with_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "marsad.sources", None)  # as if marsad.sources were not installed
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    with open_store(":memory:") as store:
        summary = ingest(store, [tmp_path / "page.html"])
    assert summary.new == 0 and [f.code for f in summary.failed] == ["E302"]
    assert "marsad.sources" in summary.failed[0].message
