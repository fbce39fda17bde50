"""Open/save of .db project files: exact money, identity checks, migrations, atomic writes."""

from __future__ import annotations

import os
import sqlite3
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from perfdesk.domain import jsonform
from perfdesk.domain.model import Project, Task, new_form
from perfdesk.errors import FileReadError, FileWriteError
from perfdesk.sample import sample_project
from perfdesk.store import open_project, save_project
from perfdesk.store.schema import SCHEMA_VERSION

HERE = Path(__file__).parent


def test_sample_round_trip_through_db(tmp_path):
    path = tmp_path / "张三 桌面" / "2022年 绩效目标.db"
    path.parent.mkdir()
    project = sample_project()
    save_project(project, path)
    assert jsonform.dumps(open_project(path)) == jsonform.dumps(project)
    assert sorted(p.name for p in path.parent.iterdir()) == ["2022年 绩效目标.db"]  # no -journal/-wal/-shm


def test_file_is_marked_and_healthy(tmp_path):
    path = tmp_path / "p.db"
    save_project(sample_project(), path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        # money is stored as exact text, never REAL
        assert {r[0] for r in conn.execute("SELECT typeof(total) FROM task")} == {"text"}
    finally:
        conn.close()


def test_large_amounts_keep_every_cent(tmp_path):
    form = new_form(2023, "单位")
    amounts = [Decimal("99999999.999999"), Decimal("0.000001"), Decimal("1663.73"), Decimal("0.10")]
    form.tasks = [Task(f"t{i}", "", a, a, Decimal("0")) for i, a in enumerate(amounts)]
    path = tmp_path / "money.db"
    save_project(Project([form]), path)
    back = open_project(path).forms[0]
    assert [t.total for t in back.tasks] == amounts
    assert [str(t.total) for t in back.tasks] == [str(a) for a in amounts]
    assert back.sums()[0] == sum(amounts)


def test_version_1_file_opens_in_current_version(tmp_path):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript((HERE / "v1_schema.sql").read_text(encoding="utf-8"))
    conn.close()
    before = path.read_bytes()
    project = open_project(path)
    assert path.read_bytes() == before  # opening never writes
    form = project.forms[0]
    assert (form.department, form.people.unit_head, form.tasks[0].total) == (
        "旧版单位", "张三", Decimal("99999999.999999"))
    assert form.tree[0].children[0].indicators[0].value == ">=10人"
    form.tree[0].children[0].indicators[0].extras["指标解释"] = "在职人数"
    save_project(project, path)
    assert open_project(path).forms[0].tree[0].children[0].indicators[0].extras == {"指标解释": "在职人数"}


def test_words_typed_into_an_amount_are_saved_as_typed(tmp_path):
    form = new_form(2023, "单位")
    form.tasks = [Task("估算", "", None, Decimal("5"), None, unparsed={"total": "约100万", "other": "待定"})]
    path = tmp_path / "words.db"
    save_project(Project([form]), path)
    back = open_project(path).forms[0].tasks[0]
    assert (back.total, back.fiscal, back.other) == (None, Decimal("5"), None)
    assert back.unparsed == {"total": "约100万", "other": "待定"}


def _undo_v5(conn: sqlite3.Connection) -> None:
    """A current file as schema 4 wrote it: no project-table parts."""
    conn.execute("DROP TABLE form_fund")
    conn.execute("ALTER TABLE goal DROP COLUMN horizon")
    conn.execute("ALTER TABLE level1 DROP COLUMN horizon")
    conn.execute("ALTER TABLE indicator DROP COLUMN core")
    for column in ("profile", "reverse_mode", "source_form"):
        conn.execute(f"ALTER TABLE form DROP COLUMN {column}")


def test_version_4_file_opens_and_saves_with_project_parts(tmp_path):
    path = tmp_path / "v4.db"
    save_project(sample_project(), path)
    conn = sqlite3.connect(path)
    _undo_v5(conn)
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    project = open_project(path)
    assert jsonform.dumps(project) == jsonform.dumps(sample_project())
    form = project.forms[0]
    assert form.tree_mid == [] and form.goals_mid == [] and form.funds == {}
    form.tree[0].children[0].indicators[0].core = True
    save_project(project, path)
    assert open_project(path).forms[0].tree[0].children[0].indicators[0].core is True
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    finally:
        conn.close()


def test_version_2_file_opens_and_saves_in_current_version(tmp_path):
    path = tmp_path / "v2.db"
    save_project(sample_project(), path)
    conn = sqlite3.connect(path)  # what perfdesk 0.1 (schema 2) wrote: no task_unparsed, no templates
    _undo_v5(conn)
    conn.execute("DROP TABLE task_unparsed")
    conn.execute("DROP TABLE form_field")
    conn.execute("ALTER TABLE form DROP COLUMN template")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    project = open_project(path)
    assert jsonform.dumps(project) == jsonform.dumps(sample_project())
    project.forms[0].tasks[0].unparsed = {"other": "待定"}
    save_project(project, path)
    assert open_project(path).forms[0].tasks[0].unparsed == {"other": "待定"}
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    finally:
        conn.close()


def test_version_3_file_opens_as_the_mof_2015_table_and_saves_its_template(tmp_path):
    path = tmp_path / "v3.db"
    save_project(sample_project(), path)
    conn = sqlite3.connect(path)  # what perfdesk wrote before form templates (schema 3)
    _undo_v5(conn)
    conn.execute("DROP TABLE form_field")
    conn.execute("ALTER TABLE form DROP COLUMN template")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    project = open_project(path)
    assert path.read_bytes() == before  # opening migrates a copy; the file changes only on save
    assert project.forms[0].template == "mof-2015"
    assert jsonform.dumps(project) == jsonform.dumps(sample_project())
    project.forms[0].fields = {"部门（单位）职责": "负责全州人社工作"}
    save_project(project, path)
    again = open_project(path).forms[0]
    assert (again.template, again.fields) == ("mof-2015", {"部门（单位）职责": "负责全州人社工作"})


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER, body TEXT)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    save_project(sample_project(), path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    save_project(sample_project(), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _bitflipped(path: Path) -> None:
    save_project(sample_project(), path)
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 97):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "make, fragment",
    [
        (_foreign_sqlite, "其他程序的数据库"),
        (lambda p: p.write_text("这是一个文本文件", encoding="utf-8"), "不是数据库文件"),
        (lambda p: p.write_bytes(b""), "空文件"),
        (_newer, "更新版本"),
        (_truncated, "损坏"),
        (_bitflipped, "损坏"),
    ],
    ids=["foreign-sqlite", "text-file", "empty", "newer", "truncated", "bit-flipped"],
)
def test_unreadable_files_get_a_message_and_stay_untouched(tmp_path, make, fragment):
    path = tmp_path / "坏文件.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(FileReadError) as err:
        open_project(path)
    assert fragment in str(err.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏文件.db"]


def test_missing_file(tmp_path):
    with pytest.raises(FileReadError, match="找不到文件"):
        open_project(tmp_path / "nope.db")


def test_save_keeps_the_original_permissions(tmp_path):
    path = tmp_path / "shared.db"
    save_project(sample_project(), path)
    os.chmod(path, 0o664)
    save_project(sample_project(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_new_file_is_not_private_0600(tmp_path):
    path = tmp_path / "new.db"
    old = os.umask(0o022)
    try:
        save_project(sample_project(), path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_failed_replace_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "p.db"
    save_project(sample_project(), path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise PermissionError(13, "denied")

    monkeypatch.setattr(os, "replace", broken_replace)
    form = new_form(2030, "另一个")
    with pytest.raises(FileWriteError, match="没有写入权限"):
        save_project(Project([form]), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]


def test_read_only_folder_gives_a_message(tmp_path, monkeypatch):
    # Root ignores folder permissions, so the refusal is injected where it happens.
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(FileWriteError, match="没有写入权限"):
        save_project(sample_project(), tmp_path / "p.db")
    assert list(tmp_path.iterdir()) == []


def test_disk_full_while_writing_gives_a_message(tmp_path, monkeypatch):
    path = tmp_path / "p.db"
    save_project(sample_project(), path)
    before = path.read_bytes()
    real_fsync = os.fsync

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FileWriteError, match="磁盘空间已满"):
        save_project(Project([new_form(2030, "x")]), path)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]


def test_missing_folder_gives_a_message(tmp_path):
    with pytest.raises(FileWriteError, match="找不到文件夹"):
        save_project(sample_project(), tmp_path / "gone" / "p.db")


def test_previous_version_is_kept_as_bak_when_asked(tmp_path):
    path = tmp_path / "p.db"
    save_project(sample_project(), path)
    first = path.read_bytes()
    save_project(Project([new_form(2030, "新版")]), path, keep_backup=True)
    assert (tmp_path / "p.db.bak").read_bytes() == first
    assert open_project(tmp_path / "p.db.bak").forms[0].year == 2022
    assert open_project(path).forms[0].year == 2030
    save_project(sample_project(), tmp_path / "q.db")
    assert not (tmp_path / "q.db.bak").exists()
