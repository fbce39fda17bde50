"""A table view that behaves like a spreadsheet (Excel/WPS): typing starts editing, Enter
moves down, Delete/Backspace clear the selected cells, Insert and Ctrl+- (whole rows
selected) or the context menu add and remove rows, Ctrl+Up/Down move them, Ctrl+C/Ctrl+V
copy and paste."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from perfdesk.ui.clipboard import to_tsv
from perfdesk.ui.roles import touches_text


class SheetView(QTableView):
    insert_requested = Signal()
    delete_requested = Signal()
    move_requested = Signal(int)  # -1 up, +1 down
    paste_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.selectionModel().selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(rows)

    def dataChanged(self, top_left: QModelIndex | QPersistentModelIndex,
                    bottom_right: QModelIndex | QPersistentModelIndex, roles: Sequence[int] = ()) -> None:  # noqa: N802
        if not touches_text(roles):  # only 审核 marks: repaint, keep what is being typed (see ui/roles.py)
            self.viewport().update()
            return
        super().dataChanged(top_left, bottom_right, roles)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter commits and moves down, as in Excel/WPS.
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            current = self.currentIndex()
            below = self.model().index(current.row() + 1, current.column())
            if below.isValid():
                self.setCurrentIndex(below)
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit(QGuiApplication.clipboard().text())
        elif key == Qt.Key.Key_Insert:
            self.insert_requested.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not ctrl:
            self.clear_selected_cells()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.delete_whole_rows()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            current = self.currentIndex()
            below = self.model().index(current.row() + 1, current.column())
            if below.isValid():
                self.setCurrentIndex(below)
        else:
            super().keyPressEvent(event)

    def focus_cell(self, row: int, column: int = 0) -> None:
        """Put the keyboard here, ready to type (a new row: its first cell)."""
        index = self.model().index(row, column)
        if not index.isValid():
            return
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def clear_selected_cells(self) -> None:
        """Delete/Backspace: empty the selected cells, one undo step (the model pushes it)."""
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        editable = [i for i in indexes if i.isValid() and i.flags() & Qt.ItemFlag.ItemIsEditable]
        clear = getattr(self.model(), "clear_cells", None)
        if editable and clear is not None:
            clear(editable)

    def delete_whole_rows(self) -> None:
        """Ctrl+-, as in Excel: deletes the rows when whole rows are selected; otherwise it first
        selects the whole rows of the selection, so the clerk sees what a second Ctrl+- deletes."""
        rows = self.selected_rows()
        if not rows:
            return
        selection = self.selectionModel()
        if all(selection.isRowSelected(row, QModelIndex()) for row in rows):
            self.delete_requested.emit()
            return
        flags = QItemSelectionModel.SelectionFlag
        for row in rows:
            selection.select(self.model().index(row, 0), flags.Select | flags.Rows)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.tr("插入行"), self.insert_requested.emit)
        menu.addAction(self.tr("删除行"), self.delete_requested.emit)
        menu.addSeparator()
        menu.addAction(self.tr("清除内容"), self.clear_selected_cells)
        menu.exec(event.globalPos())

    def copy_selection(self) -> None:
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        model = self.model()
        table = [
            [str(model.data(model.index(r, c), Qt.ItemDataRole.EditRole) or model.data(model.index(r, c)) or "")
             for c in range(cols[0], cols[-1] + 1)]
            for r in range(rows[0], rows[-1] + 1)
        ]
        QGuiApplication.clipboard().setText(to_tsv(table))

    def anchor(self) -> QModelIndex:
        indexes = self.selectionModel().selectedIndexes()
        if indexes:
            return min(indexes, key=lambda i: (i.row(), i.column()))
        return self.currentIndex()
