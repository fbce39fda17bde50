"""The indicator grid of a 绩效自评表 as a Qt table model, with its scores beside what was typed,
and its delegate (a 定性 row's 实际完成值 offers the three 档次 in an editable drop-down).

One row per 三级 (年度 side): 一级/二级/三级 and 年度指标值 copied from the target table and
read-only; 实际完成值, 分值, 得分 (typed only where the rules allow it: 定性 rows, over-achieved
rows), 偏差原因分析及改进措施, 不适用. The 得分 cell shows the score that counts (the computed one,
or the typed one where it may be typed); its tooltip is the row's explanation with its own
numbers. Every edit is one domain operation (``SetField`` on an ``extras`` key); the page
rescoring after each operation hands the new :class:`~perfdesk.domain.self_eval.FormScore` in.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from perfdesk.domain import self_eval
from perfdesk.domain.model import Form, Indicator
from perfdesk.domain.ops import SetField
from perfdesk.domain.scoring import BANDS
from perfdesk.domain.scoring.rows import NOT_APPLICABLE, OUT_OF_RANGE, OUTSIDE_BAND, OVER_ACHIEVED, QUALITATIVE, RAISED
from perfdesk.ui.op_push import push_op

if TYPE_CHECKING:
    from perfdesk.domain.scoring import RowScore
    from perfdesk.ui.document import Document

Index = QModelIndex | QPersistentModelIndex
LEVEL1, LEVEL2, NAME, VALUE, ACTUAL, WEIGHT, SCORE, DEVIATION, NOT_APPLICABLE_COLUMN = range(9)
KEYS = {ACTUAL: self_eval.ACTUAL, WEIGHT: self_eval.WEIGHT, SCORE: self_eval.SCORE, DEVIATION: self_eval.DEVIATION}
QUALITATIVE_ROLE = Qt.ItemDataRole.UserRole + 1  # a 定性 row: its 实际完成值 offers the three 档次
EXPLANATION_ROLE = Qt.ItemDataRole.UserRole + 2
FLAG_COLOURS = {
    "error": QColor("#f8d0d0"),  # a typed score outside its 档次 or its 0..分值, or raised
    "reason": QColor("#fde9c4"),  # 偏差原因 required and still empty
    "over": QColor("#d6e8fb"),  # over-achieved (≥ 1.2 × target): the score may be lowered
    "computed": QColor("#f2f2f2"),  # read-only: copied or computed
}


def show_score(value: Decimal | None) -> str:
    return "—" if value is None else format(value.quantize(Decimal("0.01")), "f")


class SelfEvalRowsModel(QAbstractTableModel):
    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc
        self.form: Form | None = None
        self.rows: list[tuple[str, str, Indicator]] = []
        self.scores: dict[str, RowScore] = {}
        self.headers = [self.tr("一级指标"), self.tr("二级指标"), self.tr("三级指标"), self.tr("年度指标值（A）"),
                        self.tr("实际完成值（B）"), self.tr("分值"), self.tr("得分"),
                        self.tr("偏差原因分析及改进措施"), self.tr("不适用")]

    # --- contents --------------------------------------------------------------------------

    def set_form(self, form: Form, scores: dict[str, RowScore]) -> None:
        self.beginResetModel()
        self.form = form
        self.rows = [(l1.name, l2.name, ind) for l1, l2, ind in form.iter_indicators()]
        self.scores = scores
        self.endResetModel()

    def set_scores(self, scores: dict[str, RowScore]) -> None:
        """New scores after an edit: the cells that show them repaint (every row: one edit can
        change another row only through the total, but the cost is a few hundred cells)."""
        self.scores = scores
        if self.rows:
            self.dataChanged.emit(self.index(0, ACTUAL), self.index(len(self.rows) - 1, NOT_APPLICABLE_COLUMN))

    def row_changed(self, indicator_id: str) -> None:
        row = self.row_of(indicator_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, NOT_APPLICABLE_COLUMN))

    def row_of(self, indicator_id: str) -> int | None:
        return next((n for n, (_a, _b, ind) in enumerate(self.rows) if ind.id == indicator_id), None)

    def indicator(self, index: Index) -> Indicator:
        return self.rows[index.row()][2]

    def score_of(self, row: int) -> RowScore | None:
        return self.scores.get(self.rows[row][2].id)

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column == NOT_APPLICABLE_COLUMN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column in (ACTUAL, WEIGHT, DEVIATION):
            return base | Qt.ItemFlag.ItemIsEditable
        if column == SCORE:
            score = self.score_of(index.row())
            if score is not None and score.editable:
                return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        level1, level2, row = self.rows[index.row()]
        column = index.column()
        score = self.scores.get(row.id)
        extras = row.extras
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == SCORE:
                if role == Qt.ItemDataRole.EditRole:
                    return extras.get(self_eval.SCORE, "") or show_score(score.score if score else None)
                if score is not None and score.method == NOT_APPLICABLE:
                    return self.tr("不适用")
                return show_score(score.score if score else None)
            if column == NOT_APPLICABLE_COLUMN:
                return None
            return (level1, level2, row.name, row.value)[column] if column <= VALUE else extras.get(KEYS[column], "")
        if role == Qt.ItemDataRole.CheckStateRole and column == NOT_APPLICABLE_COLUMN:
            ticked = extras.get(self_eval.NOT_APPLICABLE, "") == self_eval.YES
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.ToolTipRole, EXPLANATION_ROLE) and column in (ACTUAL, WEIGHT, SCORE):
            return score.explanation if score is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column == DEVIATION:
            text = extras.get(self_eval.DEVIATION, "")
            if not text and score is not None and score.needs_reason:
                return self.tr("此行失分或有标记，须填写偏差原因分析及改进措施")
            return text or None
        if role == QUALITATIVE_ROLE:
            return score is not None and score.method == QUALITATIVE
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(column, row, score)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (WEIGHT, SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _background(self, column: int, row: Indicator, score: RowScore | None) -> QBrush | None:
        if score is None:
            return None
        if column == SCORE:
            if score.flags & {OUTSIDE_BAND, OUT_OF_RANGE, RAISED}:
                return QBrush(FLAG_COLOURS["error"])
            if OVER_ACHIEVED in score.flags:
                return QBrush(FLAG_COLOURS["over"])
            if not score.editable:
                return QBrush(FLAG_COLOURS["computed"])
        if column == ACTUAL and OVER_ACHIEVED in score.flags:
            return QBrush(FLAG_COLOURS["over"])
        if column == DEVIATION and score.needs_reason and not row.extras.get(self_eval.DEVIATION, "").strip():
            return QBrush(FLAG_COLOURS["reason"])
        if column <= VALUE:
            return QBrush(FLAG_COLOURS["computed"])
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.form is None:
            return False
        row = self.indicator(index)
        column = index.column()
        if column == NOT_APPLICABLE_COLUMN and role == Qt.ItemDataRole.CheckStateRole:
            ticked = Qt.CheckState(value) == Qt.CheckState.Checked
            op = SetField(self.form.id, "indicator", row.id, self_eval.NOT_APPLICABLE, self_eval.YES if ticked else "")
            return push_op(self.doc, op, self.tr("不适用“{0}”").format(row.name) if ticked
                           else self.tr("取消不适用“{0}”").format(row.name))
        if role != Qt.ItemDataRole.EditRole or column not in KEYS or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        key = KEYS[column]
        text = str(value if value is not None else "")
        if key != self_eval.DEVIATION:
            text = text.strip()
        if column == SCORE:
            score = self.score_of(index.row())
            if score is not None and text == show_score(score.computed) and not row.extras.get(key):
                return False  # the computed score confirmed: nothing typed
        if row.extras.get(key, "") == text:
            return False
        op = SetField(self.form.id, "indicator", row.id, key, text)
        return push_op(self.doc, op, self.tr("修改“{0}”的{1}").format(row.name, self.headers[column]),
                       merge_key=("indicator", row.id, key))


class ActualDelegate(QStyledItemDelegate):
    """A 定性 row's 实际完成值: an editable drop-down of the three 档次 (a short description may follow)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() == ACTUAL and index.data(QUALITATIVE_ROLE):
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(list(BANDS))
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setEditText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
