"""The command line, run as a clerk's IT staff would: a real process, real files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from mainrun import run_main
from seedparse import read_seed

from perfdesk.domain.values import parse_value


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_main(*args, env=env, cwd=cwd)


def test_sample_export_gives_the_seed_table(tmp_path):
    db = tmp_path / "2022年 绩效目标.db"
    out = tmp_path / "导出.json"
    assert run("sample", str(db)).returncode == 0
    assert run("export-json", str(db), str(out)).returncode == 0
    form = json.loads(out.read_text(encoding="utf-8"))["forms"][0]
    seed = read_seed()
    assert [(t["name"], t["total"], t["fiscal"], t["other"]) for t in form["tasks"]] == [
        (n, a, b, o) for n, _, a, b, o in seed["tasks"]
    ]
    assert form["goals"] == seed["goals"]
    assert [(i["level1"], i["level2"], i["name"], i["value"]) for i in form["indicators"]] == [
        (a, b, n, parse_value(v).canonical) for a, b, n, v in seed["indicators"]
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([db.name, out.name])  # no -wal/-shm
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_json_round_trip_is_byte_identical(tmp_path):
    run("sample", str(tmp_path / "a.db"))
    run("export-json", str(tmp_path / "a.db"), str(tmp_path / "a.json"))
    assert run("import-json", str(tmp_path / "a.json"), str(tmp_path / "b.db")).returncode == 0
    run("export-json", str(tmp_path / "b.db"), str(tmp_path / "b.json"))
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    run("sample", str(path))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    run("sample", str(path))
    path.write_bytes(path.read_bytes()[:5000])


@pytest.mark.parametrize(
    "make",
    [_foreign, lambda p: p.write_text("hello", encoding="utf-8"), _truncated, _newer],
    ids=["other-app-sqlite", "renamed-text", "truncated", "newer-version"],
)
def test_unreadable_input_is_one_chinese_line_and_exit_2(tmp_path, make):
    path = tmp_path / "输入.db"
    make(path)
    result = run("export-json", str(path), str(tmp_path / "o.json"))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("错误：")
    assert "Traceback" not in err
    assert not (tmp_path / "o.json").exists()


def test_gbk_console_never_crashes(tmp_path):
    gbk = {"PYTHONIOENCODING": "gbk"}
    result = run("export-json", str(tmp_path / "缺失›≥.db"), "-", env=gbk)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode("gbk", "replace")
    assert "找不到文件" in result.stderr.decode("gbk")
    run("sample", str(tmp_path / "s.db"))
    result = run("export-json", str(tmp_path / "s.db"), "-", env=gbk)
    assert result.returncode == 0
    assert "≥109人" in result.stdout.decode("gbk")


def test_bad_json_names_the_place_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format":"perfdesk","version":1,"forms":[{"tasks":[{"name":"a","total":[12]}]}]}',
                   encoding="utf-8")
    result = run("import-json", str(bad), str(tmp_path / "out.db"))
    assert result.returncode == 2
    assert "任务第1行" in result.stderr.decode("utf-8")
    assert not (tmp_path / "out.db").exists()


def test_import_over_existing_replaces_it_atomically(tmp_path):
    db = tmp_path / "p.db"
    run("sample", str(db))
    good = tmp_path / "g.json"
    good.write_text('{"format":"perfdesk","version":1,"forms":[{"year":2023,"department":"新单位"}]}', encoding="utf-8")
    assert run("import-json", str(good), str(db)).returncode == 0
    out = run("export-json", str(db), "-")
    assert json.loads(out.stdout.decode("utf-8"))["forms"][0]["department"] == "新单位"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json", "p.db"]


def test_usage_errors_are_chinese():
    result = run("export-json")
    assert result.returncode == 2
    assert "缺少参数" in result.stderr.decode("utf-8")


@pytest.mark.parametrize("args", [("-h",), ("validate", "-h")])
def test_help_is_chinese(args):
    result = run(*args)
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert text.startswith("用法：") and "显示本帮助并退出" in text and "选项" in text
    for english in ("usage:", "options", "positional arguments", "show this help"):
        assert english not in text


def test_output_into_a_closed_pipe_is_not_an_internal_error(monkeypatch, capsys):
    import perfdesk.commands  # noqa: F401
    from perfdesk import cli

    def reader_went_away(args):
        raise BrokenPipeError(32, "Broken pipe")  # what `| head` does to a long listing

    help_text, arguments, _ = cli.COMMANDS["export-json"]
    monkeypatch.setitem(cli.COMMANDS, "export-json", (help_text, arguments, reader_went_away))
    monkeypatch.setattr(sys, "stdout", sys.stdout)
    assert cli.run(["export-json", "a.db", "-"]) == 0
    assert "内部错误" not in capsys.readouterr().err


def test_a_mistyped_command_is_not_opened_as_a_file():
    result = run("valdate", "x.db")
    assert result.returncode == 2
    assert "没有“valdate”这个命令" in result.stderr.decode("utf-8")


def test_every_command_is_known_to_the_entry_point_without_loading_the_cli():
    """``perfdesk.app`` tells commands from files by a fixed list; a command added to the
    registry but not to the list would open the GUI instead of running."""
    import perfdesk.commands  # noqa: F401  (registers the commands)
    from perfdesk import app, cli

    assert sorted(app.COMMAND_NAMES) == sorted(cli.COMMANDS)
    result = run("export-xlsx", "-h")
    assert result.returncode == 0 and "export-xlsx" in result.stdout.decode("utf-8")
