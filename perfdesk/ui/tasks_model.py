"""Qt table model for 年度主要任务, with a live 金额合计 row at the bottom.

It mirrors the form's tasks and never changes them: a typed cell becomes domain operations
(:func:`task_op`) given to the document, which tells the model around applying them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from perfdesk.domain.model import TASK_AMOUNTS, Form, Task
from perfdesk.domain.money import format_amount, read_amount
from perfdesk.domain.ops import Batch, Op, SetField
from perfdesk.ui.changes import SET, Change
from perfdesk.ui.flat_rows import begin_rows, end_rows
from perfdesk.ui.roles import MARK_ROLES

if TYPE_CHECKING:
    from perfdesk.ui.document import Document

AnyIndex = QModelIndex | QPersistentModelIndex
FIELDS = ("name", "content", "total", "fiscal", "other")
AMOUNT_FIELDS = TASK_AMOUNTS
Changes = dict[str, tuple[object, object]]  # field -> (old, new)


def task_op(form_id: str, task_id: str, changes: Changes) -> Op:
    """The operations that make one task's ``changes`` (from :meth:`TasksModel.changes_for`)."""
    return Batch(tuple(SetField(form_id, "task", task_id, field, new) for field, (_old, new) in changes.items()))


def with_changes(task: Task, changes: Changes) -> Task:
    """A copy of ``task`` (same id) as it will be after ``changes``: for planning several cells."""
    updates: dict[str, Any] = {field: new for field, (_old, new) in changes.items()}
    return dataclasses.replace(task, **updates)


class TasksModel(QAbstractTableModel):
    def __init__(self, doc: Document) -> None:
        super().__init__(doc)
        self.doc = doc
        self._form: Form | None = None
        self.marks: dict[tuple[str, str], tuple[str, str]] = {}  # (task id, field) -> (colour, tip)
        self._moving = False
        self._bold = QFont()
        self._bold.setBold(True)

    def set_form(self, form: Form) -> None:
        self.beginResetModel()
        self._form = form
        self.endResetModel()

    @property
    def tasks(self) -> list[Task]:
        return self._form.tasks if self._form is not None else []

    def is_total_row(self, row: int) -> bool:
        return row == len(self.tasks)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._form is None else len(self.tasks) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return (self.tr("任务名称"), self.tr("主要内容"), self.tr("总额（万元）"), self.tr("财政拨款"),
                    self.tr("其他资金"))[section]
        return "" if self.is_total_row(section) else str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, field = index.row(), FIELDS[index.column()]
        if self.is_total_row(row):
            return self._total_data(field, role)
        task = self.tasks[row]
        value = getattr(task, field)
        if role == Qt.ItemDataRole.DisplayRole:
            return task.amount_text(field) if field in AMOUNT_FIELDS else value
        if role == Qt.ItemDataRole.EditRole:
            if field not in AMOUNT_FIELDS:
                return value
            typed = task.unparsed.get(field)
            return typed if typed is not None else ("" if value is None else format(value, "f"))
        if role == Qt.ItemDataRole.TextAlignmentRole and field in AMOUNT_FIELDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        mark = self.marks.get((task.id, field))
        if mark is not None and role == Qt.ItemDataRole.BackgroundRole:
            return QColor(mark[0])
        if role == Qt.ItemDataRole.ToolTipRole and field == "total":
            typed = self.tr("总额是手工填写的，财政拨款、其他资金改动时不会跟着变（清空后恢复自动计算）")
            computed = self.tr("总额按 财政拨款＋其他资金 自动计算；直接填写总额后就不再自动计算")
            how = typed if task.total_typed else computed
            return f"{mark[1]}\n{how}" if mark is not None else how
        if mark is not None and role == Qt.ItemDataRole.ToolTipRole:
            return mark[1]
        if role == Qt.ItemDataRole.ToolTipRole and field == "content" and value:
            return value
        return None

    def _total_data(self, field: str, role: int) -> Any:
        assert self._form is not None
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "name":
                return self.tr("金额合计")
            if field in AMOUNT_FIELDS:
                total = dict(zip(AMOUNT_FIELDS, self._form.sums()))[field]
                return format_amount(total)
            return ""
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor("#eef1f5")  # Qt turns a colour into a brush itself
        if role == Qt.ItemDataRole.TextAlignmentRole and field in AMOUNT_FIELDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_total_row(index.row()):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.is_total_row(index.row()):
            return False
        task = self.tasks[index.row()]
        field = FIELDS[index.column()]
        changes = self.changes_for(task, field, str(value))
        if not changes:
            return False
        assert self._form is not None
        if not self.doc.apply(task_op(self._form.id, task.id, changes), self.tr("修改年度主要任务")):
            return False
        if field in task.unparsed:
            self.doc.message.emit(
                self.tr("“{0}”不是金额，已照原样保留，不计入合计；审核会标出，请改为数字（单位：万元）").format(value)
            )
        return True

    def clear_cells(self, indexes: Sequence[AnyIndex]) -> int:
        """Delete/Backspace on selected cells: empty them as one undo step; the number emptied."""
        assert self._form is not None
        by_row: dict[int, list[str]] = {}
        for index in indexes:
            if index.isValid() and not self.is_total_row(index.row()):
                by_row.setdefault(index.row(), []).append(FIELDS[index.column()])
        ops: list[Op] = []
        for row, fields in sorted(by_row.items()):
            task = self.tasks[row]
            shadow = task
            changes: Changes = {}
            for field in fields:
                step = self.changes_for(shadow, field, "")
                shadow = with_changes(shadow, step)
                changes.update({name: (getattr(task, name), new) for name, (_old, new) in step.items()})
            if changes:
                ops.append(task_op(self._form.id, task.id, changes))
        if ops:
            count = sum(len(fields) for fields in by_row.values())
            self.doc.apply(Batch(tuple(ops)), self.tr("清除 {0} 个单元格").format(count))
        return len(ops)

    @staticmethod
    def changes_for(task: Task, field: str, text: str) -> Changes:
        """The field changes one typed cell implies.

        Text that is not a number is kept as typed (``Task.unparsed``) and the amount
        left blank. 总额 follows 财政拨款 + 其他资金 until the clerk types a 总额 in the
        row (``Task.total_typed``); from then on it is theirs, even when a part changes
        later. Emptying 总额 hands it back to the sum. Nothing follows while any amount
        of the row is unparsed text.
        """
        if field not in AMOUNT_FIELDS:
            return {} if getattr(task, field) == text else {field: (getattr(task, field), text)}
        new, typed = read_amount(text)
        old = getattr(task, field)
        changes: dict[str, tuple[object, object]] = {}
        if new != old or str(new) != str(old):
            changes[field] = (old, new)
        if typed != task.unparsed.get(field):
            words = {k: v for k, v in task.unparsed.items() if k != field}  # a new dict: undo keeps the old
            if typed is not None:
                words[field] = typed
            changes["unparsed"] = (task.unparsed, words)
        if field == "total":
            now_typed = bool(text.strip())
            if changes and now_typed != task.total_typed:
                changes["total_typed"] = (task.total_typed, now_typed)
            return changes
        if not changes or typed is not None or field not in ("fiscal", "other"):
            return changes
        if any(k != field for k in task.unparsed):
            return changes
        parts = {"fiscal": task.fiscal, "other": task.other}
        parts[field] = new
        if not task.total_typed and (parts["fiscal"] is not None or parts["other"] is not None):
            total = (parts["fiscal"] or Decimal(0)) + (parts["other"] or Decimal(0))
            if total != task.total or task.total is None:
                changes["total"] = (task.total, total)
        return changes

    # --- observing the domain (told by the document around each operation) ----------------

    def about_to_change(self, change: Change) -> None:
        if self._form is None or change.form_id != self._form.id or change.collection != "task":
            return
        self._moving = begin_rows(self, change)

    def changed(self, change: Change) -> None:
        if self._form is None or change.form_id != self._form.id or change.collection != "task":
            return
        if change.kind == SET:
            self.task_changed(change.node)
            return
        end_rows(self, change, self._moving)
        self._moving = False
        self._totals_changed()

    def task_changed(self, task: Task) -> None:
        row = self.tasks.index(task)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(FIELDS) - 1))
        self._totals_changed()

    def refresh_marks(self, marks: dict[tuple[str, str], tuple[str, str]]) -> None:
        self.marks = marks
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(FIELDS) - 1), MARK_ROLES)

    def _totals_changed(self) -> None:
        row = len(self.tasks)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(FIELDS) - 1))
