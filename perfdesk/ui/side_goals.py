"""One goal list of a project table (中期目标 or 年度目标): the goals model of the 部门整体 table
bound to ``form.side_goals(horizon)``, edited through domain operations (``ui/op_push.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from perfdesk.domain.model import Goal
from perfdesk.domain.ops import MID, Batch, InsertNode, MoveNode, Op, RemoveNode, SetField
from perfdesk.ui.clipboard import parse_tsv
from perfdesk.ui.goals_model import GoalsModel
from perfdesk.ui.op_push import push_op

if TYPE_CHECKING:
    from perfdesk.ui.document import Document

AnyIndex = QModelIndex | QPersistentModelIndex


class SideGoalsModel(GoalsModel):
    def __init__(self, doc: Document, horizon: str) -> None:
        super().__init__(doc)
        self.horizon = horizon
        self.caption = ""

    @property
    def goals(self) -> list[Goal]:
        return self._form.side_goals(self.horizon) if self._form is not None else []

    @property
    def parent_id(self) -> str | None:
        return MID if self.horizon == "mid" else None

    def holds(self, goal_id: str) -> bool:
        return any(g.id == goal_id for g in self.goals)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.caption
        return super().headerData(section, orientation, role)

    def set_caption(self, caption: str) -> None:
        if caption != self.caption:
            self.caption = caption
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._form is None:
            return False
        goal = self.goals[index.row()]
        if goal.text == str(value):
            return False
        push_op(self.doc, SetField(self._form.id, "goal", goal.id, "text", str(value)), self.tr("修改目标"))
        return True

    def clear_cells(self, indexes: Sequence[AnyIndex]) -> int:
        assert self._form is not None
        goals = [self.goals[row] for row in sorted({i.row() for i in indexes if i.isValid()})]
        ops = tuple(SetField(self._form.id, "goal", g.id, "text", "") for g in goals if g.text)
        if ops:
            push_op(self.doc, Batch(ops), self.tr("清除 {0} 个目标的内容").format(len(ops)))
        return len(ops)

    # --- rows (the editor's buttons and keys) ----------------------------------------------

    def insert(self, row: int, texts: Sequence[str] = ("",)) -> int:
        assert self._form is not None
        row = max(0, min(row, len(self.goals)))
        ops = tuple(InsertNode(self._form.id, "goal", self.parent_id, row + n, Goal(text))
                    for n, text in enumerate(texts))
        push_op(self.doc, Batch(ops) if len(ops) > 1 else ops[0], self.tr("添加目标"))
        return row

    def remove(self, rows: Sequence[int]) -> None:
        assert self._form is not None
        ops = tuple(RemoveNode(self._form.id, "goal", self.goals[r].id) for r in rows if r < len(self.goals))
        if ops:
            push_op(self.doc, Batch(ops), self.tr("删除 {0} 个目标").format(len(ops)))

    def move(self, row: int, step: int) -> bool:
        assert self._form is not None
        target = row + step
        if not (0 <= row < len(self.goals) and 0 <= target < len(self.goals)):
            return False
        op: Op = MoveNode(self._form.id, "goal", self.goals[row].id, self.parent_id, target)
        push_op(self.doc, op, self.tr("移动目标"))
        return True

    def paste(self, row: int, text: str) -> int:
        """Lines pasted as new goals from ``row`` on (a row of cells joined with a space)."""
        texts = [" ".join(c.strip() for c in cells if c.strip()) for cells in parse_tsv(text)]
        texts = [t for t in texts if t]
        if texts:
            self.insert(row, texts)
        return len(texts)
