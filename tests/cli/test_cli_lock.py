"""Commands that write a .db refuse a file another perfdesk holds (exit 1, file untouched).

``--force`` breaks a lock known to be stale.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mainrun import ROOT, run_main

from perfdesk.store.lock import current_host, current_user


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the window exited: {proc.stderr.read().decode(errors='replace')}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{path.name} did not appear within {seconds} s")
        time.sleep(0.1)


def test_import_json_refused_on_a_file_open_in_the_window_of_another_process(tmp_path):
    db = tmp_path / "共享项目.db"
    source = tmp_path / "新数据.json"
    assert run_main("sample", str(db)).returncode == 0
    assert run_main("export-json", str(db), str(source)).returncode == 0
    before = db.read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PERFDESK_DATA_DIR=str(tmp_path / "gui-data"))
    window = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(db)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(db.with_name(db.name + ".lock-info"), window)
        result = run_main("import-json", str(source), str(db), text=True)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr
        assert db.name in lines[0] and "--force" in lines[0]
        assert current_user() in lines[0] and current_host() in lines[0] and "起" in lines[0]
        assert db.read_bytes() == before
        assert window.poll() is None  # the window still holds its file
    finally:
        window.terminate()
        window.wait(30)


def _lock_from_another_computer(db: Path) -> None:
    db.with_name(db.name + ".lock").write_text("4242\nperfdesk\nDESK-OTHER\n", encoding="utf-8")
    db.with_name(db.name + ".lock-info").write_text(
        '{"user": "李四", "host": "DESK-OTHER", "since": "2026-11-28 09:30", "pid": 4242}', encoding="utf-8")


@pytest.mark.parametrize("command", ["sample", "import-json", "import-xlsx"])
def test_every_db_writing_command_refuses_a_held_file_and_force_breaks_a_stale_lock(tmp_path, command):
    db = tmp_path / "a.db"
    assert run_main("sample", str(db)).returncode == 0
    inputs = {"sample": [], "import-json": [str(tmp_path / "a.json")], "import-xlsx": [str(tmp_path / "a.xlsx")]}
    assert run_main("export-json", str(db), str(tmp_path / "a.json")).returncode == 0
    assert run_main("export-xlsx", str(db), str(tmp_path / "a.xlsx")).returncode == 0
    before = db.read_bytes()
    time.sleep(0.01)
    _lock_from_another_computer(db)
    refused = run_main(command, *inputs[command], str(db), text=True)
    assert refused.returncode == 1, refused.stderr
    assert refused.stderr.strip() == ("错误：“a.db”正被李四（计算机 DESK-OTHER，自 2026-11-28 09:30 起）打开编辑，"
                                      "没有写入；如确认锁已失效（对方程序已退出或崩溃），可加 --force 再试")
    assert db.read_bytes() == before
    forced = run_main(command, *inputs[command], str(db), "--force", text=True)
    assert forced.returncode == 0, forced.stderr
    assert not db.with_name("a.db.lock").exists() and not db.with_name("a.db.lock-info").exists()


def test_a_new_file_is_locked_while_written_and_the_lock_removed_after(tmp_path):
    db = tmp_path / "新.db"
    assert run_main("sample", str(db)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["新.db"]
