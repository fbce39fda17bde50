"""The form navigator: every table of the open file, grouped by kind (部门整体 / 项目支出), with
its name, 年度资金总额 and 审核 status; add, duplicate, delete and reorder forms (undoable).

Up/Down (or a click) shows a form at once; Enter puts the keyboard into it. The 审核 status of
the form being edited comes from the window's validator after each edit; the others are
checked once, a few at a time while the window is idle, and never again until edited (an edit
always happens in the current form), so typing never rescans a file of 200 tables.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain.model import FORM_KINDS, KIND_DEPARTMENT, KIND_PROJECT, KIND_SELF_EVALUATION, Form
from perfdesk.domain.money import format_amount
from perfdesk.domain.ops import InsertForm, MoveForm, RemoveForm, copy_node
from perfdesk.ui.op_push import push_op

if TYPE_CHECKING:
    from perfdesk.ui.document import Document
    from perfdesk.ui.validation_panel import Validator

FORM_ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ORDER = (KIND_DEPARTMENT, KIND_PROJECT, KIND_SELF_EVALUATION)
IDLE_BATCH = 1  # forms checked per idle tick (a few ms): keys and clicks are never kept waiting


def year_total(form: Form) -> str:
    """年度资金总额: a project's 年度 cell (a 绩效自评表's 全年预算数), a 部门整体 table's 金额合计."""
    if form.kind in (KIND_PROJECT, KIND_SELF_EVALUATION):
        key = "year.total" if form.kind == KIND_PROJECT else "total.full_year"
        amount = form.fund(key)
        if amount is None:
            return form.funds.get(key, "")
        return format_amount(amount)
    total = form.sums()[0]
    return format_amount(total) if form.tasks else ""


class _FormTree(QTreeView):
    """Up/Down switch forms; Enter goes into the form, Ctrl+Up/Down move it, Delete deletes it."""

    entered = Signal()
    move_requested = Signal(int)
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_Delete:
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.currentIndex().siblingAtColumn(0).data(
                    FORM_ID_ROLE) is None:
                super().keyPressEvent(event)  # over a kind's heading row, on to the next form


class FormNavigator(QWidget):
    entered = Signal()  # Enter on a form: the window moves the keyboard into it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.validator: Validator | None = None
        self.status: dict[str, tuple[int, int]] = {}  # form id -> (errors, warnings)
        self._rows: dict[str, QStandardItem] = {}  # form id -> its name item
        self._pending: list[Form] = []
        self.read_only = False
        self.confirm: Callable[[str], bool] = self._ask
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("表"), self.tr("年度资金"), self.tr("审核")])
        self.model.horizontalHeaderItem(1).setToolTip(self.tr("年度资金总额（万元）；部门整体表为金额合计"))
        self.view = _FormTree()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: ResizeToContents would measure every row again on each change of a cell.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        metrics = self.view.fontMetrics()
        header.resizeSection(1, metrics.horizontalAdvance("99999.99") + 16)
        header.resizeSection(2, metrics.horizontalAdvance("9错 99警") + 12)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.entered.connect(self.entered)
        self.view.move_requested.connect(self.move_current)
        self.view.delete_requested.connect(self.remove_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for text, slot, tip in (
            (self.tr("新建"), self._new, self.tr("新建表（部门整体或项目支出）")),
            (self.tr("自评"), self._new_self_eval, self.tr("从当前目标表新建绩效自评表")),
            (self.tr("复制"), self.duplicate_current, self.tr("复制当前表，插在它后面")),
            (self.tr("删除"), self.remove_current, self.tr("删除当前表（可撤销）")),
            (self.tr("上移"), lambda: self.move_current(-1), ""),
            (self.tr("下移"), lambda: self.move_current(1), ""),
        ):
            button = QToolButton()  # compact: five fit a narrow dock
            button.setText(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("perfdesk_edits", True)  # disabled in 只读打开 (ui/read_only.py)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.new_requested: Callable[[], None] | None = None
        self.new_self_eval_requested: Callable[[], None] | None = None
        self.idle = QTimer(self)
        self.idle.setInterval(0)
        self.idle.timeout.connect(self._check_some)

    # --- binding ------------------------------------------------------------------------

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        self.status = {}
        doc.forms_changed.connect(self.rebuild)
        doc.form_switched.connect(self.select_current)
        doc.edited.connect(self.update_current)
        self.rebuild()

    def watch_validation(self, validator: Validator) -> None:
        self.validator = validator
        validator.updated.connect(self._validated)

    # --- contents -----------------------------------------------------------------------

    def rebuild(self) -> None:
        """All rows again (forms added, removed or moved); the current form stays selected."""
        if self.doc is None:
            return
        self.model.removeRows(0, self.model.rowCount())
        self._rows = {}
        forms = self.doc.project.forms
        kinds = [k for k in KIND_ORDER if any(f.kind == k for f in forms)]
        kinds += sorted({f.kind for f in forms} - set(kinds))
        bold = self.view.font()
        bold.setBold(True)
        for kind in kinds:
            members = [f for f in forms if f.kind == kind]
            group = QStandardItem(self.tr("{0}（{1} 张）").format(FORM_KINDS.get(kind, kind), len(members)))
            group.setFont(bold)
            group.setSelectable(False)
            group_row = [group, QStandardItem(), QStandardItem()]
            for item in group_row[1:]:
                item.setSelectable(False)
            for form in members:
                row = [QStandardItem(), QStandardItem(), QStandardItem()]
                row[0].setData(form.id, FORM_ID_ROLE)
                row[1].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self._fill(form, row)
                self._rows[form.id] = row[0]
                group.appendRow(row)
            self.model.appendRow(group_row)
        self.view.expandAll()
        self.select_current()
        self._pending = [f for f in forms if f.id not in self.status]
        if self.validator is not None and self.validator.started and self._pending:
            self.idle.start()

    def _fill(self, form: Form, row: list[QStandardItem]) -> None:
        name = form.display_name
        if row[0].text() != name:
            row[0].setText(name)
            row[0].setToolTip(name)
        total = year_total(form)
        if row[1].text() != total:
            row[1].setText(total)
        self._show_status(form.id, row[2])

    def _show_status(self, form_id: str, item: QStandardItem) -> None:
        counts = self.status.get(form_id)
        if counts is None:
            text, tip, colour = "…", self.tr("尚未审核"), None
        elif counts == (0, 0):
            text, tip, colour = self.tr("通过"), self.tr("审核通过"), None
        else:
            errors, warnings = counts
            text = self.tr("{0}错 {1}警").format(errors, warnings)
            tip = self.tr("{0} 个错误，{1} 个警告").format(errors, warnings)
            colour = "#b00020" if errors else "#8a5a00"
        if item.text() != text:
            item.setText(text)
            item.setToolTip(tip)
            item.setForeground(QBrush(QColor(colour)) if colour else QBrush())
            self._fit_status(item)

    def _fit_status(self, item: QStandardItem) -> None:
        """Widen the 审核 column when one status (“150错 5警”) is wider than its fixed width:
        only this one cell is measured, never the whole column."""
        if not item.index().isValid():
            return
        header = self.view.header()
        needed = self.view.sizeHintForIndex(item.index()).width()
        if needed > header.sectionSize(2):
            header.resizeSection(2, needed)

    def _row_of(self, form_id: str) -> list[QStandardItem] | None:
        item = self._rows.get(form_id)
        if item is None:
            return None
        parent = item.parent()
        return [parent.child(item.row(), c) for c in range(3)]

    def update_current(self) -> None:
        """After an edit: the current form's name and total (cheap: one row)."""
        if self.doc is None:
            return
        row = self._row_of(self.doc.form.id)
        if row is not None:
            self._fill(self.doc.form, row)

    def select_current(self) -> None:
        if self.doc is None:
            return
        item = self._rows.get(self.doc.form.id)
        if item is None:
            return
        index = item.index()
        if self.view.currentIndex() != index:
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        self.update_current()

    def form_count(self) -> int:
        return len(self._rows)

    def form_ids(self) -> list[str]:
        """The forms in the order the navigator lists them."""
        return [self.model.item(g).child(r).data(FORM_ID_ROLE)
                for g in range(self.model.rowCount()) for r in range(self.model.item(g).rowCount())]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        form_id = current.siblingAtColumn(0).data(FORM_ID_ROLE)
        if form_id and self.doc is not None and form_id != self.doc.form.id:
            self.doc.show_form(form_id)

    # --- 审核 status ----------------------------------------------------------------------

    def _validated(self) -> None:
        """The validator checked the current form: its counts, then the unchecked others."""
        if self.doc is None or self.validator is None:
            return
        from perfdesk.domain.validation import Severity

        counts = self.validator.counts()
        self.status[self.doc.form.id] = (counts[Severity.ERROR], counts[Severity.WARNING])
        row = self._row_of(self.doc.form.id)
        if row is not None:
            self._show_status(self.doc.form.id, row[2])
        if not self._pending:
            self._pending = [f for f in self.doc.project.forms if f.id not in self.status]
        if self._pending:
            self.idle.start()

    def _check_some(self) -> None:
        if self.doc is None or self.validator is None:
            self.idle.stop()
            return
        from perfdesk.domain.validation import Severity, ValidationSettings, validate_form

        settings = ValidationSettings(printable=self.validator._printable())  # the validator's font coverage
        done = 0
        while self._pending and done < IDLE_BATCH:
            form = self._pending.pop(0)
            if form.id in self.status or form not in self.doc.project.forms:
                continue
            problems = validate_form(form, settings, project=self.doc.project)
            errors = sum(p.severity is Severity.ERROR for p in problems)
            warnings = sum(p.severity is Severity.WARNING for p in problems)
            self.status[form.id] = (errors, warnings)
            row = self._row_of(form.id)
            if row is not None:
                self._show_status(form.id, row[2])
            done += 1
        if not self._pending:
            self.idle.stop()

    # --- editing the list of forms ------------------------------------------------------

    def set_read_only(self, on: bool) -> None:
        """只读打开: forms can be looked at, not added, removed or moved."""
        self.read_only = on
        for button in self.findChildren(QToolButton):
            button.setEnabled(not on)

    def _new(self) -> None:
        if self.new_requested is not None:
            self.new_requested()

    def _new_self_eval(self) -> None:
        if self.new_self_eval_requested is not None:
            self.new_self_eval_requested()

    def add_form(self, form: Form, index: int | None = None) -> None:
        assert self.doc is not None
        at = len(self.doc.project.forms) if index is None else index
        push_op(self.doc, InsertForm(at, form), self.tr("新建表“{0}”").format(form.display_name))

    def duplicate_current(self) -> Form | None:
        """A deep copy of the current form with fresh ids, right after it."""
        assert self.doc is not None
        if self.read_only:
            return None
        source = self.doc.form
        copy = copy_node(source)
        if copy.kind == KIND_PROJECT and copy.fields.get("项目名称"):
            name = copy.fields["项目名称"] + self.tr("（副本）")
            copy = dataclasses.replace(copy, fields={**copy.fields, "项目名称": name})
        index = self.doc.project.forms.index(source) + 1
        push_op(self.doc, InsertForm(index, copy), self.tr("复制表“{0}”").format(source.display_name))
        return copy

    def remove_current(self) -> bool:
        assert self.doc is not None
        doc = self.doc
        if self.read_only:
            return False
        if len(doc.project.forms) < 2:
            doc.message.emit(self.tr("项目中至少要有一张表"))
            return False
        if not self.confirm(doc.form.display_name):
            return False
        push_op(doc, RemoveForm(doc.form.id), self.tr("删除表“{0}”").format(doc.form.display_name))
        return True

    def _ask(self, name: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, self.tr("删除表"),
            self.tr("删除“{0}”这张表？\n（删错了可以用“编辑 › 撤销”恢复）").format(name),
            buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes

    def move_current(self, step: int) -> None:
        """Up/down among the forms of its kind (the list is grouped by kind)."""
        assert self.doc is not None
        doc = self.doc
        if self.read_only:
            return
        forms = doc.project.forms
        same_kind = [i for i, f in enumerate(forms) if f.kind == doc.form.kind]
        position = same_kind.index(forms.index(doc.form))
        target = position + step
        if not 0 <= target < len(same_kind):
            return
        push_op(doc, MoveForm(doc.form.id, same_kind[target]),
                self.tr("上移表") if step < 0 else self.tr("下移表"))
