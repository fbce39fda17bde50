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
