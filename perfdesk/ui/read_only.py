"""只读打开 as the clerk sees it: every editor refuses input and says why; 另存为 stays.

The undo stack refuses every command of a read-only document (``undo_stack.GuardedUndoStack``);
this module makes the widgets look and behave accordingly: fields read-only and greyed, cells
not editable, edit buttons disabled, and a key that would change something answered in the
status bar instead of silently doing nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPushButton, QWidget

from perfdesk.ui.undo_stack import READ_ONLY_MESSAGE

if TYPE_CHECKING:
    from perfdesk.ui.main_window import MainWindow

EDIT_BUTTON = "perfdesk_edits"  # property set on buttons that change the form
GREY = "QLineEdit[readOnly=\"true\"] { background: #eeeeee; color: #555555; }"
_NAVIGATION = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Tab,
               Qt.Key.Key_Backtab, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
               Qt.Key.Key_Escape, Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta}


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


class ReadOnlyGuard(QObject):
    """Answers a changing key on a read-only editor in the status bar (navigation and copy pass)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in _NAVIGATION or event.matches(QKeySequence.StandardKey.Copy) \
                or event.matches(QKeySequence.StandardKey.SelectAll):
            return False
        ctrl = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        changing = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Insert, Qt.Key.Key_F2,
                                   Qt.Key.Key_Return, Qt.Key.Key_Enter) \
            or event.matches(QKeySequence.StandardKey.Paste) or event.matches(QKeySequence.StandardKey.Cut) \
            or (bool(event.text().strip()) and not ctrl) or (ctrl and event.key() == Qt.Key.Key_D)
        if not changing:
            return False
        if isinstance(watched, QAbstractItemView) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False  # Enter only moves down in a table
        self.window.statusBar().showMessage(tr(READ_ONLY_MESSAGE), 8000)
        return True


def editors(window: MainWindow) -> list[QWidget]:
    header, editor = window.header_panel, window.editor
    return [header.department, header.year, *header.people.values(), header.framework, editor.name, editor.value,
            editor.number, editor.kind, editor.comparator, editor.unit, editor.date_comparator, editor.date,
            editor.phrase]


def install(window: MainWindow) -> ReadOnlyGuard:
    guard = ReadOnlyGuard(window)
    for widget in (window.tasks_view, window.goals_view, window.tree, *editors(window)):
        widget.installEventFilter(guard)
    return guard


def show_read_only(window: MainWindow, on: bool) -> None:
    """Make every editor of the window read-only (or editable again after 另存为)."""
    guard: ReadOnlyGuard | None = getattr(window, "read_only_guard", None)
    if guard is None:
        guard = install(window)
        setattr(window, "read_only_guard", guard)  # noqa: B010 - kept on the window it guards
    if guard.active == on:
        return
    guard.active = on
    if on and not window.header_panel.styleSheet():
        # Only now: a style sheet slows every paint of these widgets, and most files open editable.
        window.header_panel.setStyleSheet(GREY)
        window.editor.setStyleSheet(GREY)
    for widget in editors(window):
        if isinstance(widget, QLineEdit):
            widget.setReadOnly(on)
            widget.style().unpolish(widget)  # GREY selects on the readOnly property: re-evaluate it
            widget.style().polish(widget)
        elif isinstance(widget, QComboBox) and widget.isEditable():
            line = widget.lineEdit()
            if line is not None:
                line.setReadOnly(on)
            widget.setEnabled(not on)
        elif isinstance(widget, QAbstractSpinBox):
            widget.setReadOnly(on)
        else:
            widget.setEnabled(not on)
    for view in (window.tasks_view, window.goals_view, window.tree):
        if on:
            view.setProperty("perfdesk_triggers", int(view.editTriggers().value))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        else:
            view.setEditTriggers(QAbstractItemView.EditTrigger(view.property("perfdesk_triggers")))
    window.tree.setDragEnabled(not on)
    for button in window.centralWidget().findChildren(QPushButton):
        if button.property(EDIT_BUTTON):
            button.setEnabled(not on)
