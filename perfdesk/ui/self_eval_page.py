"""The window's page for a 绩效自评表: header, 预算执行 (``self_eval_budget.py``), 预期目标 (copied,
read-only) with 实际完成情况, the indicator grid (``self_eval_rows.py``) and a bottom bar with the
scoring profile, the 反向 mode, 与目标表同步 and 总分/等级.

Scores are never stored: after every operation on this form the page rescores it
(``self_eval.score_form``, a millisecond or two) and shows each figure with its explanation
(tooltips, and the current row's in the line under the grid)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain import self_eval
from perfdesk.domain.model import KIND_SELF_EVALUATION, Form
from perfdesk.domain.ops import Batch, Op, SetField
from perfdesk.domain.scoring import profiles
from perfdesk.ui.op_push import push_op
from perfdesk.ui.self_eval_budget import BudgetBlock
from perfdesk.ui.self_eval_rows import ACTUAL, EXPLANATION_ROLE, WEIGHT, ActualDelegate, SelfEvalRowsModel
from perfdesk.ui.undo_keys import DocumentUndoKeys

if TYPE_CHECKING:
    from perfdesk.domain.self_eval import FormScore
    from perfdesk.domain.validation import Place
    from perfdesk.ui.document import Document

Index = QModelIndex | QPersistentModelIndex
EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                 | QAbstractItemView.EditTrigger.AnyKeyPressed)
REVERSE_MODES = (("", "按计分方案"), ("linear", "线性扣分（linear）"), ("ratio", "比例（ratio）"))


class SelfEvalPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.form: Form | None = None
        self.scores: FormScore | None = None
        self.read_only = False
        self.undo_keys = DocumentUndoKeys(self)
        self.fields: dict[str, QLineEdit] = {}
        self.header_box = QGroupBox(self.tr("项目信息"))
        self.header_grid = QGridLayout(self.header_box)
        self.budget = BudgetBlock()
        top = QWidget()
        tl = QHBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.header_box, 2)
        tl.addWidget(self.budget, 3)

        goals = QGroupBox(self.tr("年度总体目标"))
        gl = QHBoxLayout(goals)
        self.expected = QListWidget()
        self.expected.setToolTip(self.tr("预期目标：从目标表复制，不在此修改"))
        self.goal_actual = QPlainTextEdit()
        self.goal_actual.setPlaceholderText(self.tr("实际完成情况"))
        self.goal_actual.installEventFilter(self.undo_keys)
        self.goal_actual.textChanged.connect(self._goal_actual_edited)
        self._showing_goal = False
        lines = self.fontMetrics().lineSpacing() * 4 + 12  # four goals in sight: the grid gets the rest
        for part in (self.expected, self.goal_actual):
            part.setMaximumHeight(lines)
        for title, part in ((self.tr("预期目标"), self.expected), (self.tr("实际完成情况"), self.goal_actual)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(part)
            gl.addLayout(column, 1)

        self.table = QTableView()
        self.table.setEditTriggers(EDIT_TRIGGERS)
        self.table.setItemDelegate(ActualDelegate(self.table))
        self.table.setAlternatingRowColors(False)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid_box = QGroupBox(self.tr("绩效指标"))
        vl = QVBoxLayout(grid_box)
        vl.addWidget(self.table, 1)
        vl.addWidget(self.explanation)

        bar = QHBoxLayout()
        self.profile = QComboBox()
        for profile in sorted(profiles().values(), key=lambda p: (not p.default, p.id)):
            self.profile.addItem(profile.name, profile.id)
        self.profile.activated.connect(self._profile_chosen)
        self.reverse = QComboBox()
        for mode, text in REVERSE_MODES:
            self.reverse.addItem(self.tr(text), mode)
        self.reverse.activated.connect(self._reverse_chosen)
        self.sync_button = QPushButton(self.tr("与目标表同步…"))
        self.sync_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sync_button.clicked.connect(self.sync)
        self.total = QLabel()
        font = self.total.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.total.setFont(font)
        for text, widget in ((self.tr("计分方案："), self.profile), (self.tr("反向指标："), self.reverse)):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.sync_button)
        bar.addStretch(1)
        bar.addWidget(self.total)

        # 部门整体 (dept-self-eval): the target table's 年度主要任务, copied and read-only
        self.tasks_box = QGroupBox(self.tr("年度主要任务（预算金额：万元；来自目标表）"))
        self.tasks = QTableWidget(0, 5)
        self.tasks.setHorizontalHeaderLabels([self.tr("任务名称"), self.tr("主要内容"), self.tr("总额"),
                                              self.tr("财政拨款"), self.tr("其他资金")])
        self.tasks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tasks.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tasks.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 40)
        QVBoxLayout(self.tasks_box).addWidget(self.tasks)
        self.tasks_box.hide()

        split = QSplitter(Qt.Orientation.Vertical)
        for block in (top, self.tasks_box, goals, grid_box):
            split.addWidget(block)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 0)
        split.setStretchFactor(2, 0)
        split.setStretchFactor(3, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addLayout(bar)

    # --- binding -------------------------------------------------------------------------------

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        self.form = None
        self.model = SelfEvalRowsModel(doc)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((80, 90, 150, 110, 190, 50, 60, 260, 50)):
            header.resizeSection(column, width)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.budget.set_document(doc)
        doc.op_applied.connect(self._op_applied)
        doc.form_switched.connect(self._form_switched)
        self._form_switched()

    def set_read_only(self, on: bool) -> None:
        self.read_only = on
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if on else EDIT_TRIGGERS)
        self.budget.set_read_only(on)
        self.goal_actual.setReadOnly(on)
        for edit in self.fields.values():
            edit.setReadOnly(on)
        for widget in (self.profile, self.reverse, self.sync_button):
            widget.setEnabled(not on)

    def views(self) -> list[QAbstractItemView]:
        return [self.table]

    def _showing(self) -> bool:
        return self.doc is not None and self.form is not None and self.doc.form is self.form

    def _form_switched(self) -> None:
        assert self.doc is not None
        form = self.doc.form
        if form.kind != KIND_SELF_EVALUATION:
            self.form = None
            return
        self.form = form
        self._build_header()
        self.scores = self_eval.score_form(form)
        self.model.set_form(form, self.scores.rows)
        self.refresh()

    def _build_header(self) -> None:
        from perfdesk.domain.forms import template_of

        assert self.form is not None
        while self.header_grid.count():
            item = self.header_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.fields = {}
        template = template_of(self.form)
        self.tasks_box.setVisible(template.has_block("tasks"))
        shown = [f for f in template.fields if f.key != "year" and f.type != "longtext"]
        self.header_box.setTitle(self.tr("单位信息") if any(f.key == "department" for f in shown)
                                 else self.tr("项目信息"))
        for row, field in enumerate(shown):
            edit = QLineEdit()
            edit.installEventFilter(self.undo_keys)
            edit.setReadOnly(self.read_only)
            edit.textEdited.connect(lambda text, k=field.key, label=field.label: self._field_edited(k, text, label))
            label = QLabel(field.label + "：")
            label.setBuddy(edit)
            self.header_grid.addWidget(label, row, 0)
            self.header_grid.addWidget(edit, row, 1)
            self.fields[field.key] = edit

    # --- showing ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Everything but the grid's rows from the form (after a switch, or a header/funds edit)."""
        if not self._showing():
            return
        form = self.form
        assert form is not None
        for key, edit in self.fields.items():
            text = form.department if key == "department" else form.fields.get(key, "")
            if edit.text() != text:
                edit.setText(text)
        self.budget.refresh()
        self._show_tasks(form)
        texts = [g.text for g in form.goals]
        if [self.expected.item(n).text() for n in range(self.expected.count())] != texts:
            self.expected.clear()
            self.expected.addItems(texts)
        actual = form.fields.get(self_eval.GOAL_ACTUAL_FIELD, "")
        if self.goal_actual.toPlainText() != actual:
            self._showing_goal = True
            self.goal_actual.setPlainText(actual)
            self._showing_goal = False
        self._set_combo(self.profile, form.profile or next(
            (p.id for p in profiles().values() if p.default), ""))
        self._set_combo(self.reverse, form.reverse_mode)
        self.show_scores()

    def _show_tasks(self, form: Form) -> None:
        if not self.tasks_box.isVisibleTo(self):
            return
        from perfdesk.domain.money import format_amount

        self.tasks.setRowCount(len(form.tasks))
        for row, task in enumerate(form.tasks):
            amounts = [task.unparsed.get(k) or (format_amount(v) if v is not None else "")
                       for k, v in (("total", task.total), ("fiscal", task.fiscal), ("other", task.other))]
            for column, text in enumerate([task.name, task.content, *amounts]):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.tasks.setItem(row, column, item)

    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0 and combo.currentIndex() != index:
            combo.setCurrentIndex(index)

    def show_scores(self) -> None:
        assert self.scores is not None
        self.budget.show_score(self.scores.budget)
        total = self.scores.total
        text = self.tr("总分 {0}").format(format(total.total, "f"))
        if total.grade:
            text += self.tr("　等级 {0}").format(total.grade)
        self.total.setText(text)
        self.total.setToolTip(total.explanation)
        self._current_changed(self.table.currentIndex(), QModelIndex())

    def _current_changed(self, current: Index, _previous: Index) -> None:
        if not current.isValid():
            self.explanation.setText("")
            return
        text = self.model.index(current.row(), ACTUAL).data(EXPLANATION_ROLE) or ""
        name = self.model.indicator(current).name
        self.explanation.setText(f"{name}：{text}" if text else name)

    # --- what an operation changed ---------------------------------------------------------------

    def _op_applied(self, op: Op) -> None:
        if not self._showing():
            return
        assert self.form is not None
        ops = op.ops if isinstance(op, Batch) else (op,)
        if any(not isinstance(o, SetField) for o in ops):  # 与目标表同步 added or removed rows
            self.scores = self_eval.score_form(self.form)
            self.model.set_form(self.form, self.scores.rows)
            self.refresh()
            return
        self.scores = self_eval.score_form(self.form)
        self.model.set_scores(self.scores.rows)
        for one in ops:
            if isinstance(one, SetField) and one.target == "indicator" and one.ref_id:
                self.model.row_changed(one.ref_id)
                self._select(one.ref_id, one.key)
        self.refresh()

    def _select(self, indicator_id: str, key: str) -> None:
        from perfdesk.ui.self_eval_rows import KEYS, NOT_APPLICABLE_COLUMN

        row = self.model.row_of(indicator_id)
        if row is None or self.table.state() == QAbstractItemView.State.EditingState:
            return
        column = next((c for c, k in KEYS.items() if k == key), NOT_APPLICABLE_COLUMN)
        self.table.setCurrentIndex(self.model.index(row, column))

    def select(self, kind: str, ident: str, key: str = self_eval.ACTUAL) -> None:
        """Show a 三级 of this form (查找, 审核), at the column of ``key``."""
        from perfdesk.ui.self_eval_rows import KEYS, VALUE

        if kind == "indicator":
            row = self.model.row_of(ident)
            if row is not None:
                column = VALUE if key == "value" else next((c for c, k in KEYS.items() if k == key), ACTUAL)
                self.table.setFocus()
                self.table.setCurrentIndex(self.model.index(row, column))

    def locate(self, place: Place) -> None:
        """Double-click in 审核结果: the cell the problem is about."""
        field = place.field or ""
        if place.kind == "indicator" and place.ref_id:
            self.select("indicator", place.ref_id, field)
        elif field.startswith("funds:") and field[len("funds:"):] in self.budget.cells:
            self.budget.cells[field[len("funds:"):]].setFocus()
        elif field.removeprefix("fields:") in self.fields:
            self.fields[field.removeprefix("fields:")].setFocus()
        elif field == "tree" and self.model.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.model.index(0, WEIGHT))

    # --- edits -----------------------------------------------------------------------------------

    def _field_edited(self, key: str, text: str, label: str) -> None:
        assert self.doc is not None and self.form is not None
        form = self.form
        if key == "department":
            op = SetField(form.id, "form", None, "department", text)
        else:
            if form.fields.get(key, "") == text:
                return
            op = SetField(form.id, "fields", None, key, text)
        push_op(self.doc, op, self.tr("修改“{0}”").format(label), merge_key=("fields", form.id, key))

    def _goal_actual_edited(self) -> None:
        if self._showing_goal or not self._showing():
            return
        assert self.doc is not None and self.form is not None
        text = self.goal_actual.toPlainText()
        key = self_eval.GOAL_ACTUAL_FIELD
        if self.form.fields.get(key, "") == text:
            return
        push_op(self.doc, SetField(self.form.id, "fields", None, key, text), self.tr("修改“实际完成情况”"),
                merge_key=("fields", self.form.id, key))

    def _profile_chosen(self, _index: int) -> None:
        assert self.doc is not None and self.form is not None
        chosen = str(self.profile.currentData())
        default = next((p.id for p in profiles().values() if p.default), "")
        value = "" if chosen == default and not self.form.profile else chosen
        if value != self.form.profile:
            push_op(self.doc, SetField(self.form.id, "form", None, "profile", value),
                    self.tr("计分方案改为“{0}”").format(self.profile.currentText()))

    def _reverse_chosen(self, _index: int) -> None:
        assert self.doc is not None and self.form is not None
        mode = str(self.reverse.currentData())
        if mode != self.form.reverse_mode:
            push_op(self.doc, SetField(self.form.id, "form", None, "reverse_mode", mode),
                    self.tr("反向指标计分改为“{0}”").format(self.reverse.currentText()))

    def sync(self) -> None:
        """与目标表同步: preview, confirm what destroys, apply as one step."""
        from perfdesk.ui.self_eval_sync import sync_with_target

        if self.doc is not None and self._showing() and not self.read_only:
            sync_with_target(self, self.doc)
