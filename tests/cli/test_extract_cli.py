"""``marsad extract`` as a user runs it: inputs, batch order, errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from marsad.cli import main
from tests.conftest import check_contract

ARTICLE = (
    "افتتاح معرض الكتاب في دورته الجديدة بمشاركة واسعة\n\n"
    "تم النشر: 2024/02/01 الساعة 10:00 بتوقيت غرينتش\n"
    "زوار في أروقة المعرض - الأناضول\n\n"
    "افتتح وزير الثقافة صباح الخميس معرض الكتاب بمشاركة أكثر من 300 دار نشر من عشرين دولة، "
    "وسط إقبال كبير من الزوار في اليوم الأول.\n\n"
    "وقال الوزير إن المعرض يستمر عشرة أيام ويضم ندوات يومية وأمسيات شعرية.\n"
    "تحميل المزيد\n"
)
ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], stdin: bytes | str | None = None) -> tuple[int, list[dict[str, Any]], str]:
    result = CliRunner().invoke(main, args, input=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.stderr


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def test_extracts_a_file_into_one_contract_line(tmp_path: Path) -> None:
    code, out, _ = run(["extract", write(tmp_path, "a.txt", ARTICLE)])
    assert code == 0 and len(out) == 1
    check_contract(out[0])
    assert out[0]["title"] == "افتتاح معرض الكتاب في دورته الجديدة بمشاركة واسعة"
    assert out[0]["published"] == "2024-02-01T10:00:00+00:00"
    assert out[0]["captions"][0]["credit"] == "الأناضول"
    assert "تحميل المزيد" not in out[0]["body"]


def test_reads_standard_input() -> None:
    code, out, _ = run(["extract", "-"], stdin=ARTICLE.encode("utf-8"))
    assert code == 0 and out[0]["title"].startswith("افتتاح معرض")


def test_published_option_is_used_when_the_text_has_no_date(tmp_path: Path) -> None:
    text = "عنوان خبر قصير عن الطقس اليوم\n\nتوقعت الأرصاد الجوية أمطاراً غزيرة على المناطق الشمالية خلال الساعات المقبلة."
    code, out, _ = run(["extract", "--published", "2024-05-01", write(tmp_path, "a.txt", text)])
    assert code == 0 and out[0]["published"] == "2024-05-01"


def test_bad_published_option_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(["extract", "--published", "yesterday", write(tmp_path, "a.txt", ARTICLE)])
    assert code == 2 and "ISO 8601" in err


def test_batch_keeps_input_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "text": "   "}),
        json.dumps({"id": "d", "text": ARTICLE, "published": "not a date"}, ensure_ascii=False),
        json.dumps({"id": "e"}),
        json.dumps([1, 2]),
        json.dumps({"id": "g", "text": ARTICLE, "url": "https://www.aa.com.tr/ar/x/1"}, ensure_ascii=False),
    ]
    batch = write(tmp_path, "in.jsonl", "\n".join(lines) + "\n")
    out_path = tmp_path / "out.jsonl"
    code, _, err = run(["extract", "--jsonl", batch, "-o", str(out_path)])
    out = [json.loads(x) for x in out_path.read_text(encoding="utf-8").splitlines()]
    assert code == 1
    assert [o.get("id") for o in out] == ["a", None, "c", "d", "e", None, "g"]
    assert [o["error"]["code"] if "error" in o else None for o in out] == [
        None, "E104", "E101", "E105", "E105", "E104", None]
    assert out[1]["line"] == 2
    check_contract(out[0])
    check_contract(out[6])
    assert "E104" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "E101"),
        ("blank.txt", b"  \n\t\n ", "E101"),
        ("binary.bin", bytes(range(256)) * 64, "E102"),
        ("png.png", b"\x89PNG\r\n\x1a\n" + bytes(2000), "E102"),
    ],
)
def test_bad_files_give_an_error_code_not_a_traceback(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    exit_code, out, err = run(["extract", write(tmp_path, name, data)])
    assert exit_code == 1
    assert out[0]["error"]["code"] == code
    assert err.startswith(code) and "Traceback" not in err


def test_missing_file_and_directory(tmp_path: Path) -> None:
    exit_code, out, _ = run(["extract", str(tmp_path / "nope.txt"), str(tmp_path)])
    assert exit_code == 1
    assert [o["error"]["code"] for o in out] == ["E106", "E106"]


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16", "utf-16-le", "utf-8-sig"])
def test_legacy_and_utf16_files_are_decoded(tmp_path: Path, encoding: str) -> None:
    code, out, err = run(["extract", write(tmp_path, "a.txt", ARTICLE.encode(encoding))])
    assert code == 0
    assert out[0]["title"] == "افتتاح معرض الكتاب في دورته الجديدة بمشاركة واسعة"
    if encoding not in ("utf-8-sig",):
        assert "decoded as" in err


def test_a_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    code, out, err = run(["extract", str(path)])
    assert code == 1 and out[0]["error"]["code"] == "E103" and "limit" in err


def test_non_arabic_text_still_gives_a_valid_object(tmp_path: Path) -> None:
    text = "Markets rally as inflation cools\n\nStocks rose on Tuesday after new figures showed prices rising more slowly than expected."
    code, out, _ = run(["extract", write(tmp_path, "en.txt", text)])
    assert code == 0
    check_contract(out[0])


def test_help_explains_with_an_example() -> None:
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0
    assert "marsad extract --jsonl" in result.stdout and "Exit status" in result.stdout


def test_console_script_runs_on_the_shipped_example() -> None:
    exe = Path(sys.executable).with_name("marsad")
    if not exe.exists():
        pytest.skip("marsad console script not installed in this environment")
    proc = subprocess.run([str(exe), "extract", str(ROOT / "examples" / "article.txt")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    check_contract(obj)
    assert obj["title"] and obj["published"] and obj["outlet"] == "مرصد نيوز"
