"""The GUI's save respects a read-only project file (issue 20, item 4): message, file untouched, work kept."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from perfdesk.store import open_project


def test_ctrl_s_on_a_read_only_file_says_so_and_keeps_both(window, qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    path = window.doc.path
    os.chmod(path, 0o444)
    before = path.read_bytes()
    window.header_panel.year.setText("2031")
    window.header_panel.year.textEdited.emit("2031")
    qtbot.keyClick(window.tasks_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert shown and "只读" in shown[0] and "没有丢失" in shown[0]
    assert path.read_bytes() == before
    assert open_project(path).forms[0].year == 2022
    assert window.isWindowModified() and window.doc.form.year == 2031


def test_a_db_with_hostile_values_is_refused_by_the_window_without_tracebacks(window, tmp_path, monkeypatch, capfd):
    import sqlite3

    from perfdesk.sample import sample_project
    from perfdesk.store import save_project

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    for statement in ("UPDATE task SET total = 'sNaN'", "UPDATE form SET year = x'00'",
                      "UPDATE level1 SET name = x'ff00'"):
        bad = tmp_path / "bad.db"
        bad.unlink(missing_ok=True)
        save_project(sample_project(), bad)
        conn = sqlite3.connect(bad)
        conn.execute(statement)
        conn.commit()
        conn.close()
        assert not window.files.open_path(bad, ask=False)
        assert shown and "bad.db" in shown[-1] and "无效" in shown[-1]
        window.repaint()
    assert window.doc.form.department == "新疆巴州人力资源和社会保障局"  # the open project stays
    assert "Error calling Python override" not in capfd.readouterr().err


def test_out_of_memory_in_the_window_is_one_message_without_tracebacks(qapp, monkeypatch, capfd):
    from perfdesk.ui import app as ui_app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))

    def hog() -> None:
        held = bytearray(64 << 20)  # noqa: F841 - the memory a real failure would still hold
        raise MemoryError

    try:
        hog()
    except MemoryError as exc:
        kind, value, trace = type(exc), exc, exc.__traceback__
    ui_app._excepthook(kind, value, trace)
    del trace
    assert len(shown) == 1 and "内存不足" in shown[0] and "另存为" in shown[0]
    assert value.__traceback__ is None  # the frames holding the memory are released
    assert "Traceback" not in capfd.readouterr().err
