"""Qt list model for 年度总体目标: ordered goals, one per row (目标1, 目标2 …)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from perfdesk.domain.model import Form, Goal

if TYPE_CHECKING:
    from perfdesk.ui.document import Document

AnyIndex = QModelIndex | QPersistentModelIndex


class GoalsModel(QAbstractTableModel):
    def __init__(self, doc: Document) -> None:
        super().__init__(doc)
        self.doc = doc
        self._form: Form | None = None

    def set_form(self, form: Form) -> None:
        self.beginResetModel()
        self._form = form
        self.endResetModel()

    @property
    def goals(self) -> list[Goal]:
        return self._form.goals if self._form is not None else []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.goals)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr("年度总体目标")
        return self.tr("目标{0}").format(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return self.goals[index.row()].text
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        goal = self.goals[index.row()]
        if goal.text == str(value):
            return False
        from perfdesk.ui.commands import SetGoalTextCommand

        assert self._form is not None
        self.doc.push(SetGoalTextCommand(self.doc, self._form.id, goal.id, goal.text, str(value)))
        return True

    def clear_cells(self, indexes: Sequence[AnyIndex]) -> int:
        """Delete/Backspace on selected goals: empty their text as one undo step."""
        from perfdesk.ui.commands import SetGoalTextCommand

        assert self._form is not None
        goals = [self.goals[row] for row in sorted({i.row() for i in indexes if i.isValid()})]
        goals = [goal for goal in goals if goal.text]
        if goals:
            self.doc.undo_stack.beginMacro(self.tr("清除 {0} 个目标的内容").format(len(goals)))
            for goal in goals:
                self.doc.push(SetGoalTextCommand(self.doc, self._form.id, goal.id, goal.text, ""))
            self.doc.undo_stack.endMacro()
        return len(goals)

    def insert_goal(self, row: int, goal: Goal) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.goals.insert(row, goal)
        self.endInsertRows()
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, len(self.goals) - 1)

    def remove_goal(self, goal: Goal) -> None:
        row = self.goals.index(goal)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.goals[row]
        self.endRemoveRows()

    def goal_changed(self, goal: Goal) -> None:
        row = self.goals.index(goal)
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
