"""The window's first layout, fitted to the screen: usable on a 1366×768 office laptop.

At that size a clerk must see, without dragging splitters, at least 6 task rows, 4 goals and
15 indicators. The group boxes get tight margins, the table rows one line of text (the full
主要内容 is in the cell's tooltip and its editor), the 审核 list a few lines, and the splitters
give the tables what the header and the indicator editor do not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QTableView, QWidget

if TYPE_CHECKING:
    from perfdesk.ui.main_window import MainWindow

SMALL_SCREEN_HEIGHT = 900  # below this (768, 800, 864 …) the window uses the whole screen
DOCK_HEIGHT = {True: 120, False: 170}  # 审核结果, on a small screen and otherwise
GOAL_ROWS = 4



NAVIGATOR_WIDTH = {False: 360, True: 290}  # the 表格 dock: names, 年度资金 and 审核 readable


def _parent(widget: QWidget) -> QWidget:
    """The box a panel sits in (every panel of the main window has one)."""
    parent = widget.parentWidget()
    assert parent is not None, widget
    return parent

def row_height(view: QWidget) -> int:
    return QFontMetrics(view.font()).height() + 10


def compact(window: MainWindow) -> None:
    """Tight margins and one-line table rows (zoom calls this again with the new font)."""
    central = window.centralWidget()
    for box in central.findChildren(QGroupBox):
        layout = box.layout()
        if layout is not None:
            layout.setContentsMargins(6, 2, 6, 4)
            layout.setSpacing(3)
    for view in central.findChildren(QTableView):
        header = view.verticalHeader()
        header.setMinimumSectionSize(row_height(view))
        header.setDefaultSectionSize(row_height(view))


def _table_height(view: QAbstractItemView, rows: int) -> int:
    header = view.horizontalHeader().sizeHint().height() if isinstance(view, QTableView) else 0
    return header + rows * row_height(view) + 2 * view.frameWidth() + 4


def apply(window: MainWindow) -> None:
    """Size the dock and the splitters for the window's current height."""
    compact(window)
    small = window.height() < SMALL_SCREEN_HEIGHT
    window.resizeDocks([window.validation_dock], [DOCK_HEIGHT[small]], Qt.Orientation.Vertical)
    window.resizeDocks([window.navigator_dock], [NAVIGATOR_WIDTH[small]], Qt.Orientation.Horizontal)
    header_box = _parent(window.header_panel)
    goals_box = _parent(window.goals_view)
    tasks_box = _parent(window.tasks_view)
    chrome = goals_box.sizeHint().height() - window.goals_view.sizeHint().height()
    goals = chrome + _table_height(window.goals_view, GOAL_ROWS)
    header = header_box.sizeHint().height()
    # When the window or the header (签章信息 opened) changes size, the tasks give or take.
    for index, stretch in enumerate((0, 1, 0)):
        window.right_split.setStretchFactor(index, stretch)
    total = window.right_split.height() or tasks_box.sizeHint().height() + goals + header
    window.right_split.setSizes([header, max(total - header - goals, tasks_box.minimumSizeHint().height()), goals])
    editor_box = _parent(window.editor)
    editor = editor_box.sizeHint().height()
    window.left_split.setStretchFactor(0, 1)
    window.left_split.setStretchFactor(1, 0)
    left_total = window.left_split.height() or editor * 3
    window.left_split.setSizes([max(left_total - editor, editor), editor])
