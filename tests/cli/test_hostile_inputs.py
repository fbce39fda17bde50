"""Hostile .db and JSON inputs: one Chinese line and exit 2 or 3, never 70 or a traceback.

Issue 20, items 11, 12 and 15."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mainrun import ROOT, run_main

from perfdesk.domain import jsonform
from perfdesk.sample import sample_project
from perfdesk.store import save_project


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_main(*args, text=True)


def one_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("错误：")
    return lines[0]


def hostile_db(path: Path, *statements: str) -> Path:
    save_project(sample_project(), path)
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def without_constraints(table: str) -> tuple[str, ...]:
    """Recreate ``table`` without NOT NULL, as a hostile or foreign writer might."""
    return (
        f"CREATE TABLE {table}_copy AS SELECT * FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_copy RENAME TO {table}",
    )


DB_CASES = {
    "blob name": (("UPDATE task SET name = x'00ff10' WHERE position = 0",), "二进制数据"),
    "null name": ((*without_constraints("level1"), "UPDATE level1 SET name = NULL WHERE position = 0"), "空值"),
    "text year": (("UPDATE form SET year = '二〇二二'",), "整数年份"),
    "huge year": (("UPDATE form SET year = 9223372036854775807",), "超出范围"),
    "sNaN amount": (("UPDATE task SET total = 'sNaN' WHERE position = 0",), "应为金额"),
    "huge exponent": (("UPDATE task SET fiscal = '1E+999999999999999999' WHERE position = 0",), "应为金额"),
    "blob amount": (("UPDATE task SET other = x'31' WHERE position = 0",), "应为金额"),
    "orphan goal": (("UPDATE goal SET form_id = 'nowhere'",), "不存在的上级"),
}


@pytest.mark.parametrize("case", sorted(DB_CASES))
def test_hostile_values_in_a_db_are_refused_with_exit_2(tmp_path, case):
    statements, expected = DB_CASES[case]
    db = hostile_db(tmp_path / "bad.db", *statements)
    for args in (("validate", str(db)), ("export-pdf", str(db), str(tmp_path / "o.pdf")),
                 ("export-json", str(db), str(tmp_path / "o.json"))):
        line = one_line(run(*args), 2)
        assert expected in line and "bad.db" in line, line
    assert not (tmp_path / "o.pdf").exists() and not (tmp_path / "o.json").exists()


def test_an_absurd_amount_in_a_db_is_kept_as_text_and_reported(tmp_path):
    digits = "9" * 4000
    db = hostile_db(tmp_path / "big.db", f"UPDATE task SET total = '{digits}' WHERE position = 0")
    result = run("validate", str(db), "--json")
    assert result.returncode == 1, result.stderr
    assert any(digits[:10] in r["message"] or r["field"] == "total" for r in json.loads(result.stdout))
    out = tmp_path / "o.json"
    assert run("export-json", str(db), str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["forms"][0]["tasks"][0]["total"] == digits


def _json_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    return path


def _sample_dict() -> dict:
    return json.loads(jsonform.dumps(sample_project()))


def test_hostile_json_is_refused_with_exit_2(tmp_path):
    deep = '{"format": "perfdesk", "version": 1, "forms": ' + "[" * 100_000 + "]" * 100_000 + "}"
    huge_int = '{"format": "perfdesk", "version": 1, "forms": [{"year": ' + "7" * 5000 + "}]}"
    big_year = _sample_dict()
    big_year["forms"][0]["year"] = 2**63
    surrogate = _sample_dict()
    surrogate["forms"][0]["department"] = "\ud800"
    cases = {
        "嵌套层数过深": deep,
        "位数过多": huge_int,
        "超出范围": json.dumps(big_year),
        "代理项": json.dumps(surrogate),  # ensure_ascii writes "\ud800"
    }
    for expected, text in cases.items():
        line = one_line(run("import-json", str(_json_file(tmp_path, text)), str(tmp_path / "o.db")), 2)
        assert expected in line, line
        assert not (tmp_path / "o.db").exists()


def test_json_messages_say_where_and_do_not_echo_huge_numbers(tmp_path):
    text = '{"format": "perfdesk", "version": ' + "9" * 4000 + ', "forms": []}'
    line = one_line(run("import-json", str(_json_file(tmp_path, text)), str(tmp_path / "o.db")), 2)
    assert "更新版本" in line and "9" * 50 not in line and len(line) < 200
    text = '{"format": "perfdesk", "version": 1, "forms": {}}'
    line = one_line(run("import-json", str(_json_file(tmp_path, text)), str(tmp_path / "o.db")), 2)
    assert "：的" not in line and "顶层的“forms”应为列表" in line
    name = _sample_dict()
    name["forms"][0]["department"] = 10**3000
    line = one_line(run("import-json", str(_json_file(tmp_path, json.dumps(name))), str(tmp_path / "o.db")), 2)
    assert "“department”应为文字" in line and "0" * 50 not in line


def test_english_system_text_never_appears_in_messages(tmp_path):
    folder = tmp_path / "folder.json"
    folder.mkdir()
    line = one_line(run("import-json", str(folder), str(tmp_path / "o.db")), 2)
    assert "文件夹" in line and "Is a directory" not in line
    db = hostile_db(tmp_path / "p.db")
    line = one_line(run("export-json", str(db), str(tmp_path / "missing" / "o.json")), 3)
    assert "找不到文件夹" in line and "No such file" not in line


def test_a_full_stdout_is_exit_3_with_one_line(tmp_path):
    db = hostile_db(tmp_path / "p.db")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export-json", str(db), "-"],
                                stdout=full, stderr=subprocess.PIPE, encoding="utf-8", timeout=60, check=False)
    line = one_line(result, 3)
    assert "标准输出" in line and "磁盘空间已满" in line


OUT_OF_MEMORY = textwrap.dedent(
    """
    import resource, sys
    from perfdesk.domain import jsonform

    def hog(text):
        held = []
        while True:
            held.append(bytearray(8 << 20))

    jsonform.loads = hog
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    limit = pages * resource.getpagesize() + (200 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from perfdesk.app import main
    raise SystemExit(main(sys.argv[1:]))
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS and /proc/self/statm are Linux's")
def test_out_of_memory_is_one_message_without_tracebacks(tmp_path):
    path = _json_file(tmp_path, jsonform.dumps(sample_project()))
    result = subprocess.run(
        [sys.executable, "-c", OUT_OF_MEMORY, "import-json", str(path), str(tmp_path / "o.db")],
        capture_output=True, encoding="utf-8", errors="replace", timeout=120, cwd=ROOT, check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PERFDESK_DATA_DIR": str(tmp_path / "data")},
    )
    line = one_line(result, 1)
    assert "内存不足" in line
