"""The 预算执行 block of a 绩效自评表: four money rows × 年初预算数 / 全年预算数（A）/ 全年执行数（B），
the 分值 of 年度资金总额, and its 执行率 and 得分 computed (read-only, explained in their tooltips).

Cells keep what the clerk typed (``Form.funds`` ``{row}.{column}``); each cell's typing is one undo
step (``SetField`` on ``funds``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from perfdesk.domain import self_eval
from perfdesk.domain.ops import SetField
from perfdesk.ui.op_push import push_op
from perfdesk.ui.undo_keys import DocumentUndoKeys

if TYPE_CHECKING:
    from perfdesk.domain.scoring import BudgetScore
    from perfdesk.ui.document import Document


class BudgetBlock(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("预算执行情况（万元）"), parent)
        self.doc: Document | None = None
        self.cells: dict[str, QLineEdit] = {}  # fund key -> cell
        self.undo_keys = DocumentUndoKeys(self)
        grid = QGridLayout(self)
        columns = (self.tr("年初预算数"), self.tr("全年预算数（A）"), self.tr("全年执行数（B）"), self.tr("分值"),
                   self.tr("执行率"), self.tr("得分"))
        for col, text in enumerate(columns, start=1):
            grid.addWidget(QLabel(text), 0, col, Qt.AlignmentFlag.AlignCenter)
        labels = {"total": self.tr("年度资金总额"), "fiscal": self.tr("其中：当年财政拨款"),
                  "carryover": self.tr("上年结转资金"), "other": self.tr("其他资金")}
        for row, key in enumerate(self_eval.FUND_ROWS, start=1):
            grid.addWidget(QLabel(labels[key] + "："), row, 0)
            for col, column in enumerate(self_eval.FUND_COLUMNS, start=1):
                grid.addWidget(self._cell(f"{key}.{column}", f"{labels[key]} {columns[col - 1]}"), row, col)
        grid.addWidget(self._cell(self_eval.BUDGET_WEIGHT, self.tr("预算执行率 分值")), 1, 4)
        self.rate = QLabel("—")
        self.score = QLabel("—")
        for col, label in ((5, self.rate), (6, self.score)):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setMinimumWidth(60)
            grid.addWidget(label, 1, col)

    def _cell(self, key: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setAccessibleName(label)
        edit.setToolTip(label)
        edit.installEventFilter(self.undo_keys)
        edit.textEdited.connect(lambda text, k=key, name=label: self._edited(k, text, name))
        self.cells[key] = edit
        return edit

    def set_document(self, doc: Document) -> None:
        self.doc = doc

    def set_read_only(self, on: bool) -> None:
        for edit in self.cells.values():
            edit.setReadOnly(on)

    def _edited(self, key: str, text: str, label: str) -> None:
        assert self.doc is not None
        form = self.doc.form
        if form.funds.get(key, "") == text:
            return
        push_op(self.doc, SetField(form.id, "funds", None, key, text), self.tr("修改“{0}”").format(label),
                merge_key=("funds", form.id, key))

    def refresh(self) -> None:
        if self.doc is None:
            return
        funds = self.doc.form.funds
        for key, edit in self.cells.items():
            text = funds.get(key, "")
            if edit.text() != text:
                edit.setText(text)  # no textEdited: no edit loop

    def show_score(self, budget: BudgetScore | None) -> None:
        from perfdesk.ui.self_eval_rows import show_score

        if budget is None:
            self.rate.setText("—")
            self.score.setText("—")
            tip = self.tr("填写分值后计算预算执行率得分")
        else:
            self.rate.setText(budget.rate_text)
            self.score.setText(show_score(budget.score))
            tip = budget.explanation
        self.rate.setToolTip(tip)
        self.score.setToolTip(tip)
