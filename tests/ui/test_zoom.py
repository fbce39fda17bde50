"""Zoom: Ctrl+wheel and Ctrl+= / Ctrl+- enlarge the editor's text (remembered) and the preview;
Ctrl+- on whole selected rows of a table belongs to the table, as in Excel."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from perfdesk.ui import print_preview, settings

SETTING = settings.VIEW_ZOOM.key

CTRL = Qt.KeyboardModifier.ControlModifier


def ctrl_wheel(widget, up: bool = True) -> None:
    event = QWheelEvent(QPointF(10, 10), QPointF(widget.mapToGlobal(QPoint(10, 10))), QPoint(0, 0),
                        QPoint(0, 120 if up else -120), Qt.MouseButton.NoButton, CTRL,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def point_size(widget) -> float:
    return widget.font().pointSizeF()


def reset_zoom():
    store = settings.open_settings()
    store.remove(SETTING)
    store.sync()


def test_ctrl_plus_and_minus_zoom_tables_tree_and_fields_and_are_remembered(window, qtbot):
    reset_zoom()
    try:
        base = point_size(window.tasks_view)
        window.tree.setFocus()
        qtbot.keyClick(window.tree, Qt.Key.Key_Equal, CTRL)
        bigger = point_size(window.tasks_view)
        assert bigger > base
        assert point_size(window.tree) == bigger and point_size(window.header_panel.department) == bigger
        assert point_size(window.editor.value) == bigger
        assert str(settings.open_settings().value(SETTING)) == str(window.zoom.level)
        qtbot.keyClick(window.tree, Qt.Key.Key_Minus, CTRL)
        qtbot.keyClick(window.tree, Qt.Key.Key_Minus, CTRL)
        assert point_size(window.tasks_view) < base
        qtbot.keyClick(window.tree, Qt.Key.Key_0, CTRL)
        assert point_size(window.tasks_view) == base
    finally:
        reset_zoom()


def test_ctrl_wheel_zooms_and_a_new_window_starts_at_the_remembered_level(window, qtbot):
    from perfdesk.ui.main_window import MainWindow

    reset_zoom()
    qtbot.waitUntil(lambda: window.validator.started)  # the wheel is wired once the window is on screen
    try:
        base = point_size(window.tasks_view)
        first = window.doc.form.tasks[0].name
        ctrl_wheel(window.tasks_view.viewport())
        ctrl_wheel(window.header_panel.framework)  # a combo box under the wheel must not change
        assert point_size(window.tasks_view) > base
        assert window.header_panel.framework.currentData() == "2015" and window.doc.form.tasks[0].name == first
        second = MainWindow()
        assert second.zoom.level == window.zoom.level and point_size(second.tasks_view) == point_size(
            window.tasks_view)
        second.autosaver.shutdown()
        second.deleteLater()
    finally:
        reset_zoom()


def test_ctrl_minus_on_whole_rows_goes_to_the_table_not_to_zoom(window, qtbot):
    reset_zoom()
    try:
        tasks = window.tasks_view
        tasks.setFocus()
        tasks.selectRow(1)  # a whole row, as after clicking its row number
        got: list[tuple[int, object]] = []
        own = tasks.keyPressEvent
        tasks.keyPressEvent = lambda event: (got.append((event.key(), event.modifiers())), own(event))
        level = window.zoom.level
        qtbot.keyClick(tasks, Qt.Key.Key_Minus, CTRL)
        assert window.zoom.level == level  # no zoom
        assert (Qt.Key.Key_Minus, CTRL) in got  # the table's key handler got its Ctrl+- (delete rows)
        tasks.setCurrentIndex(tasks.model().index(1, 2))  # a single cell: Ctrl+- zooms out
        qtbot.keyClick(tasks, Qt.Key.Key_Minus, CTRL)
        assert window.zoom.level < level
        del tasks.keyPressEvent
    finally:
        reset_zoom()


def test_preview_zooms_with_keys_and_wheel(window, qtbot):
    dialog = print_preview.PreviewDialog(window.doc.form, window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 0 and dialog.isActiveWindow())
    view = dialog.view
    qtbot.keyClick(dialog, Qt.Key.Key_Equal, CTRL)
    assert view.zoomMode() == view.ZoomMode.Custom
    first = view.zoomFactor()
    ctrl_wheel(view.viewport())
    assert view.zoomFactor() > first
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, CTRL)
    assert view.zoomFactor() < first * 1.25
    qtbot.keyClick(dialog, Qt.Key.Key_0, CTRL)
    assert view.zoomMode() == view.ZoomMode.FitToWidth
    dialog.close()
    dialog.deleteLater()
