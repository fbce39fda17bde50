"""Drive the real GUI in a real process: ``python tests/guidriver.py SCENARIO FILE.db``.

It creates the QApplication itself, schedules the clerk's key presses on timers and then
runs ``perfdesk.app.main([FILE.db])`` exactly as ``python main.py FILE.db`` does. Every
message box that appears is answered (丢弃 for "save changes?") and its text printed to
stderr as ``DIALOG: …``, so a test sees an error dialog even when it comes after the window
is gone. Scenarios:

- ``discard``: type into a task cell, Ctrl+Q, 丢弃.
- ``preview``: Ctrl+Shift+P (打印预览), Esc, Ctrl+Q.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier


def main_window() -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == "MainWindow" and widget.isVisible():
            return widget
    return None


def answer_dialogs() -> None:
    """Answer any message box: 丢弃 when offered, else its default or first button."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            print(f"DIALOG: {widget.text()}", file=sys.stderr, flush=True)
            button = widget.button(QMessageBox.StandardButton.Discard) or widget.defaultButton()
            if button is None and widget.buttons():
                button = widget.buttons()[0]
            if button is not None:
                button.click()
            else:
                widget.done(0)


def key(widget: QWidget, code: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, code, modifiers)


def scenario_discard() -> None:
    window = main_window()
    if window is None or not has_keyboard(window):
        QTimer.singleShot(100, scenario_discard)
        return
    view = window.tasks_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 1))
    QTest.keyClicks(view, "x")  # typing starts the editor
    editor = QApplication.focusWidget() or view
    key(editor, Qt.Key.Key_Return)
    QTimer.singleShot(200, lambda: key(view, Qt.Key.Key_Q, CTRL))


def has_keyboard(window: QWidget) -> bool:
    """Whether key presses reach ``window`` (its shortcuts need it active); asks for it if not."""
    if QGuiApplication.focusWindow() is window.windowHandle():
        return True
    window.activateWindow()  # no window manager (offscreen, bare Xvfb): nobody else gives it back
    return False


def scenario_preview() -> None:
    window = main_window()
    if window is None or not has_keyboard(window):
        QTimer.singleShot(100, scenario_preview)
        return
    window.tree.setFocus()
    QTimer.singleShot(0, lambda: key(window.tree, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier))
    QTimer.singleShot(50, close_preview)


def close_preview() -> None:
    dialog = QApplication.activeModalWidget()
    if dialog is None or type(dialog).__name__ != "PreviewDialog":
        QTimer.singleShot(50, close_preview)
        return
    print(f"DRIVER: preview shown, {dialog.document.pageCount()} pages", file=sys.stderr, flush=True)
    key(dialog, Qt.Key.Key_Escape)
    QTimer.singleShot(100, quit_main_window)


def quit_main_window() -> None:
    window = main_window()
    if QApplication.activeModalWidget() is not None or window is None:
        QTimer.singleShot(50, quit_main_window)
        return
    if not has_keyboard(window):
        QTimer.singleShot(50, quit_main_window)
        return
    key(window.tree, Qt.Key.Key_Q, CTRL)


def timed_out(app: QApplication) -> None:
    window = main_window()
    print(f"DRIVER: timed out; main window {window}, focus window {QGuiApplication.focusWindow()}, "
          f"modal {QApplication.activeModalWidget()}", file=sys.stderr, flush=True)
    app.exit(9)


def run(scenario: str, path: str) -> int:
    app = QApplication([sys.argv[0]])
    poller = QTimer(app)
    poller.setInterval(50)
    poller.timeout.connect(answer_dialogs)
    poller.start()
    QTimer.singleShot(300, {"discard": scenario_discard, "preview": scenario_preview}[scenario])
    QTimer.singleShot(60_000, lambda: timed_out(app))
    from perfdesk.app import main

    return main([path])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2]))
