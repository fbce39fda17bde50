"""Qt list model for 年度总体目标: ordered goals, one per row (目标1, 目标2 …).

It mirrors the form's goals and never changes them: edits are domain operations given to the
document, which tells the model around applying them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from perfdesk.domain.model import Form, Goal
from perfdesk.domain.ops import Batch, SetField
from perfdesk.ui.changes import SET, Change
from perfdesk.ui.flat_rows import begin_rows, end_rows

if TYPE_CHECKING:
    from perfdesk.ui.document import Document

AnyIndex = QModelIndex | QPersistentModelIndex


class GoalsModel(QAbstractTableModel):
    def __init__(self, doc: Document, side: str = "year") -> None:
        super().__init__(doc)
        self.doc = doc
        self.side = side  # "year", or a project table's 中期 goals ("mid")
        self._form: Form | None = None
        self._moving = False

    def set_form(self, form: Form) -> None:
        self.beginResetModel()
        self._form = form
        self.endResetModel()

    @property
    def goals(self) -> list[Goal]:
        return self._form.side_goals(self.side) if self._form is not None else []

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
        assert self._form is not None
        return self.doc.apply(SetField(self._form.id, "goal", goal.id, "text", str(value)), self.tr("修改年度总体目标"))

    def clear_cells(self, indexes: Sequence[AnyIndex]) -> int:
        """Delete/Backspace on selected goals: empty their text as one undo step."""
        assert self._form is not None
        goals = [self.goals[row] for row in sorted({i.row() for i in indexes if i.isValid()})]
        goals = [goal for goal in goals if goal.text]
        if goals:
            ops = tuple(SetField(self._form.id, "goal", goal.id, "text", "") for goal in goals)
            self.doc.apply(Batch(ops), self.tr("清除 {0} 个目标的内容").format(len(goals)))
        return len(goals)

    # --- observing the domain (told by the document around each operation) ----------------

    def about_to_change(self, change: Change) -> None:
        if (self._form is None or change.form_id != self._form.id or change.collection != "goal"
                or change.side != self.side):
            return
        self._moving = begin_rows(self, change)

    def changed(self, change: Change) -> None:
        if (self._form is None or change.form_id != self._form.id or change.collection != "goal"
                or change.side != self.side):
            return
        if change.kind == SET:
            self.goal_changed(change.node)
            return
        end_rows(self, change, self._moving)
        self._moving = False
        if self.goals:  # 目标1, 目标2 … follow the rows
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.goals) - 1)

    def goal_changed(self, goal: Goal) -> None:
        row = self.goals.index(goal)
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
