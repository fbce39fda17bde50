"""Dialogs that say what a clerk needs: who holds a lock, what a file is, which font prints."""

from __future__ import annotations

import os
import time

from PySide6.QtWidgets import QMessageBox, QTreeView

from perfdesk.sample import sample_project
from perfdesk.store import save_project
from perfdesk.ui import file_dialogs, settings
from perfdesk.ui.project_lock import LockOwner, ProjectLock


def _capture_lock_dialog(window, monkeypatch) -> list[str]:
    seen: list[str] = []

    def fake_exec(box):  # the clerk reads the box and presses 取消
        seen.append(box.text() + "\n" + box.informativeText())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def test_lock_held_by_this_user_on_this_computer_says_so(window, tmp_path, monkeypatch):
    path = tmp_path / "我自己开着.db"
    save_project(sample_project(), path)
    other_window = ProjectLock(path)
    assert other_window.acquire()  # as another perfdesk window of this user would
    seen = _capture_lock_dialog(window, monkeypatch)
    assert not window.files.open_path(path, ask=False)
    assert "您本人在这台电脑上" in seen[0] and "另一个 perfdesk 窗口" in seen[0]
    other_window.release()


def test_lock_held_by_someone_else_names_them(window, tmp_path, monkeypatch):
    seen = _capture_lock_dialog(window, monkeypatch)
    owner = LockOwner("zhangsan", "CAIWU-PC-07", "2026-03-01 09:15", 4242)
    assert window.files._ask_locked(tmp_path / "共享.db", owner) is None
    assert "zhangsan（计算机 CAIWU-PC-07）" in seen[0] and "您本人" not in seen[0]


def test_file_dialog_calls_a_project_a_perfdesk_project_and_dates_read_chinese(window, tmp_path, qtbot):
    path = tmp_path / "2027年 某县教育局.db"
    save_project(sample_project(), path)
    stamp = time.mktime((2026, 3, 1, 14, 5, 0, 0, 0, -1))
    os.utime(path, (stamp, stamp))
    dialog = file_dialogs.build_dialog(window, "打开项目", str(tmp_path), "perfdesk 项目 (*.db)", save=False)
    dialog.show()
    view = next(v for v in dialog.findChildren(QTreeView) if v.objectName() == "treeView")
    model = view.model()
    root = view.rootIndex()

    def row_of_project() -> int | None:
        return next((r for r in range(model.rowCount(root)) if model.index(r, 0, root).data() == path.name), None)

    qtbot.waitUntil(lambda: row_of_project() is not None, timeout=15000)
    row = row_of_project()
    assert model.index(row, 2, root).data() == "perfdesk 项目"
    assert model.index(row, 3, root).data() == "2026/03/01 14:05"
    metrics = view.fontMetrics()
    for column in (2, 3):  # shown whole, not cut to “per… 项目”
        assert view.columnWidth(column) >= metrics.horizontalAdvance(model.index(row, column, root).data())
    dialog.reject()
    dialog.deleteLater()


def test_about_names_the_print_font_by_family(window):
    from perfdesk.paths import resources_dir
    from perfdesk.ui.help_dialogs import about_text

    text = about_text(window)
    assert "AR PL SungtiL GB" in text
    store = settings.open_settings()
    store.setValue("print/font_path", str(resources_dir() / "fonts" / "gbsn00lp.ttf"))
    store.sync()
    try:
        assert "打印字体：AR PL SungtiL GB" in about_text(window)
    finally:
        store.setValue("print/font_path", "")
        store.sync()
