"""Quitting: 丢弃 on a modified project ends with exit code 0 and no error dialog, and
打印预览 then quit never aborts the process. Real processes via tests/guidriver.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from perfdesk.domain import jsonform
from perfdesk.sample import sample_project
from perfdesk.store import open_project, save_project

DRIVER = Path(__file__).resolve().parents[1] / "guidriver.py"
SLOW = os.environ.get("PERFDESK_SLOW") == "1"
PREVIEW_CYCLES = 200 if SLOW else 8
CRASH_SIGNS = ("Traceback", "QObject:", "malloc", "double free", "corrupted", "Segmentation", "Abort",
               "already deleted", "Fatal Python error", "ASSERT")


def drive(scenario: str, path: Path, data_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PERFDESK_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, str(DRIVER), scenario, str(path)], check=False, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", env=env, timeout=120)


def crash_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if any(sign in line for sign in CRASH_SIGNS) or line.startswith("DIALOG: 程序遇到意外错误")]


def test_discarding_a_modified_project_at_exit_is_silent_in_process(qtbot, tmp_path, monkeypatch):
    """Python may free the document before the window at exit: its dying undo stack emits
    cleanChanged to a window that is still there, which then asked the dead stack."""
    import shiboken6

    from perfdesk.ui.main_window import MainWindow

    path = tmp_path / "示例.db"
    save_project(sample_project(), path)
    win = MainWindow()
    assert win.files.open_path(path, ask=False)
    win.show()
    win.doc.tasks_model.setData(win.doc.tasks_model.index(0, 1), "改过")
    assert win.isWindowModified()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert win.close()
    shiboken6.delete(win.doc)  # pytest-qt fails the test on an exception raised in a slot
    shiboken6.delete(win)


def test_ctrl_q_then_discard_exits_0_without_an_error_dialog(tmp_path):
    path = tmp_path / "示例.db"
    save_project(sample_project(), path)
    before = jsonform.dumps(open_project(path))
    result = drive("discard", path, tmp_path / "data")
    assert "DIALOG: “示例.db”有未保存的修改。是否保存？" in result.stderr  # the edit really happened
    assert crash_lines(result.stderr) == [], result.stderr[-2000:]
    assert result.returncode == 0, result.stderr[-2000:]
    assert jsonform.dumps(open_project(path)) == before  # discarded
    assert not list((tmp_path / "data").glob("recovery/*.db"))  # no copy left to "recover"


@pytest.mark.slow
def test_preview_escape_quit_never_aborts(tmp_path):
    """Was exit 134 ("shared QObject was deleted directly", malloc_consolidate) on 6.12."""
    path = tmp_path / "示例.db"
    save_project(sample_project(), path)
    for cycle in range(PREVIEW_CYCLES):
        result = drive("preview", path, tmp_path / "data")
        assert "DRIVER: preview shown" in result.stderr, result.stderr[-2000:]
        assert crash_lines(result.stderr) == [], f"cycle {cycle}: {result.stderr[-2000:]}"
        assert result.returncode == 0, f"cycle {cycle}: exit {result.returncode}: {result.stderr[-2000:]}"


def test_a_closed_preview_lets_go_of_its_pdf(window, qtbot):
    """Ctrl+Shift+P, Esc: the dialog, its QPdfDocument and buffer go now, the view let go of the
    document first; they are not kept as the window's children until exit (then destroyed in
    creation order, the document before the view rendering from it)."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from perfdesk.ui.print_preview import PreviewDialog

    seen: list[tuple[int, object]] = []
    order: list[list[object]] = []  # asserted outside: an exception here would leave the dialog open

    def press_escape() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreviewDialog):
            QTimer.singleShot(20, press_escape)
            return
        children = dialog.children()
        order.append(sorted((dialog.view, dialog.document, dialog.buffer), key=children.index))
        seen.append((dialog.document.pageCount(), dialog.document.status()))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        seen.append((dialog.document.pageCount(), dialog.document.status()))

    for _ in range(2):
        QTimer.singleShot(0, press_escape)
        window.activateWindow()
        qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())
        qtbot.keyClick(window.tree, Qt.Key.Key_P,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ready, null = QPdfDocument.Status.Ready, QPdfDocument.Status.Null
    assert seen == [(4, ready), (0, null), (4, ready), (0, null)]  # shown, then let go at Esc
    assert [[type(child).__name__ for child in children] for children in order] == [
        ["QPdfView", "QPdfDocument", "QBuffer"]] * 2  # the order a parent destroys them in
    order.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(PreviewDialog) == []
    assert window.findChildren(QPdfDocument) == []
