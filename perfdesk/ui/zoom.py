"""Zoom of the editor's text (tables, tree, fields, 审核 list): Ctrl+wheel, Ctrl+= / Ctrl+-, Ctrl+0.

The level is remembered in the settings. Ctrl+- follows Excel: with whole rows selected in a
table it belongs to the table (delete those rows); anywhere else it zooms out. The zoom keys are
window shortcuts, so a table decides first: the zoom-out slot hands the key to a table whose
selection is whole rows instead of zooming.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QTableView, QWidget

from perfdesk.ui import settings

if TYPE_CHECKING:
    from perfdesk.ui.main_window import MainWindow

LEVELS = (70, 80, 90, 100, 110, 125, 150, 175, 200)  # percent


def tr(text: str) -> str:
    return QCoreApplication.translate("zoom", text)


def saved_level() -> int:
    level = settings.VIEW_ZOOM.get()
    return min(LEVELS, key=lambda candidate: abs(candidate - level))


def whole_rows_selected(view: QAbstractItemView) -> bool:
    """Excel's test for Ctrl+-: the selection is one or more entire rows."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or not selection.hasSelection():
        return False
    rows = {index.row() for index in selection.selectedIndexes()}
    return all(selection.isRowSelected(row, view.rootIndex()) for row in rows)


class Zoom(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.base_size = window.font().pointSizeF()
        self.level = 100

    def targets(self) -> list[QWidget]:
        return [self.window.centralWidget(), self.window.validation_panel]

    def set_level(self, level: int, remember: bool = True) -> None:
        self.level = min(max(level, LEVELS[0]), LEVELS[-1])
        size = self.base_size * self.level / 100
        for target in self.targets():
            # Each widget, not only the top: a widget with a style sheet (审核 marks, 只读 grey)
            # no longer takes its font from its parent.
            for widget in (target, *target.findChildren(QWidget)):
                font = widget.font()
                font.setPointSizeF(size)
                widget.setFont(font)
        from perfdesk.ui.window_layout import compact

        compact(self.window)  # table rows one line of the new font
        if remember:
            settings.VIEW_ZOOM.set(self.level)
            self.window.statusBar().showMessage(tr("显示比例 {0}%").format(self.level), 2000)

    def step(self, direction: int) -> None:
        index = LEVELS.index(min(LEVELS, key=lambda candidate: abs(candidate - self.level)))
        self.set_level(LEVELS[min(max(index + direction, 0), len(LEVELS) - 1)])

    def zoom_out_or_give_to_table(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QTableView) and whole_rows_selected(focus):
            # The table's own Ctrl+- (delete the selected rows), as in Excel. Straight to its key
            # handler: a sent key event would be offered to this shortcut again.
            press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier, "-")
            focus.keyPressEvent(press)
            return
        self.step(-1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel:
            assert isinstance(event, QWheelEvent)
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                delta = event.angleDelta().y()
                if delta:
                    self.step(1 if delta > 0 else -1)
                return True  # Ctrl+wheel never scrolls or changes a combo box
        return False


def install_wheel(window: MainWindow, zoom: Zoom) -> None:
    """Ctrl+wheel on the editor's widgets. After the first paint: walking every view and combo
    box of the window costs start-up time nobody could use before the window is on screen."""
    central = window.centralWidget()
    wheel_takers = [central, window.validation_panel, window.validation_panel.tree.viewport()]
    wheel_takers += [view.viewport() for view in central.findChildren(QAbstractItemView)]
    wheel_takers += central.findChildren(QComboBox) + central.findChildren(QAbstractSpinBox)
    for widget in wheel_takers:
        widget.installEventFilter(zoom)


def install(window: MainWindow) -> Zoom:
    """The 视图 menu, the wheel on the editor's widgets, and the remembered level."""
    zoom = Zoom(window)
    bar = window.menuBar()
    help_menu = bar.actions()[-1]
    menu = bar.addMenu(tr("视图(&W)"))
    bar.insertMenu(help_menu, menu)
    specs = (
        (tr("放大(&I)"), lambda: zoom.step(1), [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")]),
        (tr("缩小(&O)"), zoom.zoom_out_or_give_to_table, [QKeySequence("Ctrl+-")]),
        (tr("实际大小(&R)"), lambda: zoom.set_level(100), [QKeySequence("Ctrl+0")]),
    )
    for text, slot, keys in specs:
        action = QAction(text, window)
        action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        menu.addAction(action)
    level = saved_level()
    if level != 100:
        zoom.set_level(level, remember=False)
    return zoom
