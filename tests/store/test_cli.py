"""The knowledge-base commands and their JSON shapes (SQLite through ``--db`` and ``$MARSAD_DB``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from tests.conftest import check_contract
from tests.store.docs import corpus


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    src = folder / "docs.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in corpus()), encoding="utf-8")
    path = str(folder / "kb.db")
    result = CliRunner().invoke(main, ["ingest", str(src), "--db", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"new": 14, "unchanged": 0, "updated": 0, "failed": 0, "failures": []}
    return path


def _json(args: list[str], db: str) -> object:
    result = CliRunner().invoke(main, [*args, "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_search_json_shape(db: str) -> None:
    hits = _json(["search", "المفاوضات"], db)
    assert isinstance(hits, list) and [h["id"] for h in hits] == ["call-2"]
    assert set(hits[0]) == {"id", "title", "url", "published", "snippet", "score"}


def test_stories_json_shape(db: str) -> None:
    stories = _json(["stories"], db)
    assert isinstance(stories, list) and stories
    for story in stories:
        assert set(story) == {"id", "title", "articles", "outlets", "first_seen", "last_seen"}
    assert stories[0]["articles"] == ["call-1", "call-2", "call-3", "call-4", "call-5"]


def test_entity_timeline_figures_json(db: str) -> None:
    profile = _json(["entity", "بايدن"], db)
    assert isinstance(profile, dict) and profile["kb"] == "Q6279"
    events = _json(["timeline", "--type", "CONSULT", "--from", "2023-12-27"], db)
    assert isinstance(events, list) and len(events) == 0  # the call's date is 2023-12-26 in every report
    figs = _json(["figures", "--category", "killed", "--about", "غزة"], db)
    assert isinstance(figs, list) and [f["flags"] for f in figs] == [[], ["contradiction"], ["contradiction"],
                                                                     ["non_monotonic"]]


def test_tables_and_env_db(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DB", db)
    runner = CliRunner()
    for args, shown in ((["search", "غزة"], "[غزة]"), (["entity", "تميم بن حمد"], "الشيخ تميم بن حمد آل ثاني (PER)"),
                        (["timeline"], "CONSULT"), (["figures"], "contradiction"), (["stories"], "الجزيرة نت")):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
        assert shown in result.output, args
    assert runner.invoke(main, ["entity", "لا يوجد"]).exit_code == 1


def test_exports(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--db", db, "--what", "articles", "--format", "jsonl"])
    assert result.exit_code == 0
    objs = [json.loads(line) for line in result.output.splitlines()]
    assert objs == corpus()
    for obj in objs:
        check_contract(obj)
    out = tmp_path / "q.csv"
    assert runner.invoke(main, ["export", "--db", db, "--what", "quantities", "--format", "csv", "-o", str(out)]
                         ).exit_code == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["value"] for r in rows if r["about"] == "قطاع غزة"] == ["20000", "20915", "20900", "20500"]
    pq = pytest.importorskip("pyarrow.parquet")
    for what in ("entities", "quantities", "quotes", "events"):
        path = tmp_path / f"{what}.parquet"
        assert runner.invoke(main, ["export", "--db", db, "--what", what, "--format", "parquet", "-o", str(path)]
                             ).exit_code == 0
        assert pq.read_table(path).num_rows > 0
    assert runner.invoke(main, ["export", "--db", db, "--format", "parquet"]).exit_code == 2


def test_bad_db_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["search", "غزة", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1 and "E301" in result.output
