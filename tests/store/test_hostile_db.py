"""Hostile and foreign-made .db files: views, triggers, WAL mode (issue 20, items 14 and 15)."""

from __future__ import annotations

import shutil
import sqlite3
import time

import pytest
from mainrun import run_main

from perfdesk.domain.money import read_amount
from perfdesk.errors import FileReadError
from perfdesk.sample import sample_project
from perfdesk.store import open_project, save_project

RECURSIVE_VIEW = (
    "CREATE VIEW goal AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
    "SELECT hex(randomblob(1000)) AS id, 'x' AS form_id, i AS position, 'x' AS text FROM n ORDER BY text"
)


def _tamper(path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("statements, what", [
    (("DROP TABLE goal", RECURSIVE_VIEW), "视图"),
    (("DROP TABLE goal", ("CREATE VIEW goal AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
      "WHERE i > 0) SELECT 'a' AS id, 'b' AS form_id, 0 AS position, 't' AS text FROM n WHERE i < 0")), "视图"),
    (("CREATE TRIGGER t AFTER INSERT ON goal BEGIN DELETE FROM task; END",), "触发器"),
])
def test_views_and_triggers_are_refused_quickly(tmp_path, statements, what):
    path = tmp_path / "hostile.db"
    save_project(sample_project(), path)
    _tamper(path, *statements)
    start = time.monotonic()
    with pytest.raises(FileReadError, match=what):
        open_project(path)
    result = run_main("validate", str(path), text=True)
    assert result.returncode == 2 and what in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - start < 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.db"]


def test_amounts_beyond_a_sane_magnitude_are_kept_as_text():
    assert read_amount("1" * 15) == (int("1" * 15), None)
    for text in ("1" * 16, "0." + "1" * 13, "9" * 1_000_000):
        assert read_amount(text) == (None, text)


def _wal_copy(tmp_path):
    """A WAL-mode project whose last change is still only in its -wal file (another program wrote it)."""
    source = tmp_path / "src"
    source.mkdir()
    path = source / "wal.db"
    save_project(sample_project(), path)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE form SET department = '只在 WAL 里的修改'")
    writer.commit()
    stick = tmp_path / "stick"
    stick.mkdir()
    for name in ("wal.db", "wal.db-wal"):
        shutil.copyfile(source / name, stick / name)
    writer.close()
    return stick / "wal.db"


def test_a_wal_mode_file_opens_with_its_wal_and_leaves_nothing_beside_it(tmp_path):
    path = _wal_copy(tmp_path)
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    assert open_project(path).forms[0].department == "只在 WAL 里的修改"
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before  # no -shm, nothing changed
    (path.parent / "wal.db-wal").unlink()
    assert open_project(path).forms[0].department == sample_project().forms[0].department
    assert sorted(p.name for p in path.parent.iterdir()) == ["wal.db"]


def test_a_file_holding_more_text_than_any_form_is_refused(tmp_path):
    path = tmp_path / "flood.db"
    save_project(sample_project(), path)
    _tamper(path, "UPDATE indicator SET value = printf('%.*c', 250000, 'x')")  # 70 x 250,000 characters
    start = time.monotonic()
    result = run_main("export-xlsx", str(path), str(tmp_path / "o.xlsx"), text=True)
    assert result.returncode == 2 and "文字总量" in result.stderr, result.stderr
    assert time.monotonic() - start < 10
    _tamper(path, "UPDATE indicator SET value = printf('%.*c', 100000, 'x')")  # 7 million: still a project
    assert len(open_project(path).forms[0].tree[0].children[0].indicators[0].value) == 100_000


@pytest.fixture
def read_only_medium(tmp_path):
    """A real read-only file system (tmpfs remounted ro), like a write-protected USB stick; needs root."""
    import os
    import subprocess

    mount_point = tmp_path / "usb"
    mount_point.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)],
                                           capture_output=True, check=False).returncode != 0:
        pytest.skip("mounting a file system needs root")
    def make_read_only() -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)

    try:
        yield mount_point, make_read_only
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_a_wal_mode_file_on_read_only_media_opens(tmp_path, read_only_medium):
    stick, make_read_only = read_only_medium
    path = _wal_copy(tmp_path)
    for name in ("wal.db", "wal.db-wal"):
        shutil.copyfile(path.parent / name, stick / name)
    make_read_only()
    assert open_project(stick / "wal.db").forms[0].department == "只在 WAL 里的修改"
    result = run_main("export-json", str(stick / "wal.db"), str(tmp_path / "o.json"), text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in stick.iterdir()) == ["wal.db", "wal.db-wal"]
