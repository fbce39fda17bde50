"""A project table's header fields and 项目资金 cells, laid out from its template.

Fields are the template's (项目名称, 主管部门及代码, 项目属性 as a drop-down of the template's
options, 项目期, dates …); the funds are a small grid as on paper: 中期 and 年度 columns for
88号, the 一体化 cells in their printed order. What the clerk types is kept as typed; each
field's typing is one undo step (``ui/op_push.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from perfdesk.domain.model import Form
from perfdesk.domain.ops import SetField
from perfdesk.ui.op_push import push_op
from perfdesk.ui.undo_keys import DocumentUndoKeys

if TYPE_CHECKING:
    from perfdesk.domain.forms import Column, Template
    from perfdesk.ui.document import Document

YEAR = "year"
PLACEHOLDERS = {"period": "如 2026年—2028年", "date": "如 2026年1月1日"}


class ProjectHeader(QWidget):
    """项目信息 (left) and 项目资金（万元） (right) of the current project form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.template_id = ""
        self.read_only = False
        self.fields: dict[str, QLineEdit | QComboBox] = {}  # field key ("year" or a label) -> widget
        self.funds: dict[str, QLineEdit] = {}  # fund key -> cell
        self.undo_keys = DocumentUndoKeys(self)
        # One page per template, built the first time a form of it is shown, then kept: a file
        # mixes 88号 and 一体化 tables, and switching between them must not rebuild widgets.
        self.pages: dict[str, tuple[QWidget, dict[str, QLineEdit | QComboBox], dict[str, QLineEdit]]] = {}
        self.stack = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def set_document(self, doc: Document) -> None:
        self.doc = doc

    def set_read_only(self, on: bool) -> None:
        self.read_only = on
        for widget in (*self.fields.values(), *self.funds.values()):
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(on)
            else:
                widget.setEnabled(not on)

    @property
    def form(self) -> Form:
        assert self.doc is not None
        return self.doc.form

    # --- building from the template ---------------------------------------------------------

    def show_form(self, form: Form, template: Template) -> None:
        if template.id != self.template_id:
            if template.id not in self.pages:
                self._build(template)
            page, self.fields, self.funds = self.pages[template.id]
            self.template_id = template.id
            self.stack.setCurrentWidget(page)
            self.set_read_only(self.read_only)
        self.refresh()

    def _build(self, template: Template) -> None:
        page = QWidget()
        boxes = QHBoxLayout(page)
        boxes.setContentsMargins(0, 0, 0, 0)
        fields_box = QGroupBox(self.tr("项目信息"))
        self.funds_box = QGroupBox(self.tr("项目资金（万元）"))
        boxes.addWidget(fields_box, 3)
        boxes.addWidget(self.funds_box, 2)
        self.fields_grid = QGridLayout(fields_box)
        self.funds_grid = QGridLayout(self.funds_box)
        self.fields, self.funds = {}, {}
        self.pages[template.id] = (page, self.fields, self.funds)
        self.stack.addWidget(page)
        for n, field in enumerate(template.fields):
            widget = self._field_widget(field)
            self.fields[field.key] = widget
            label = QLabel(field.label + ("*" if field.required else "") + "：")
            label.setBuddy(widget)
            row, col = divmod(n, 2)
            self.fields_grid.addWidget(label, row, col * 2)
            self.fields_grid.addWidget(widget, row, col * 2 + 1)
        self.fields_grid.setColumnStretch(1, 3)
        self.fields_grid.setColumnStretch(3, 2)
        block = template.block("funds")
        columns = block.columns if block is not None else ()
        self.funds_box.setTitle(block.label if block is not None else self.tr("项目资金（万元）"))
        self.funds_box.setVisible(bool(columns))
        if _two_sided(columns):
            self._build_sided_funds(columns)
        else:
            for n, column in enumerate(columns):
                row, col = divmod(n, 2)
                self.funds_grid.addWidget(QLabel(column.label + "："), row, col * 2)
                self.funds_grid.addWidget(self._fund_cell(column), row, col * 2 + 1)

    def _build_sided_funds(self, columns: tuple[Column, ...]) -> None:
        """88号: rows 资金总额 / 其中：财政拨款 / 其他资金, columns 中期 and 年度, as printed."""
        self.funds_grid.addWidget(QLabel(self.tr("中期")), 0, 1, Qt.AlignmentFlag.AlignCenter)
        self.funds_grid.addWidget(QLabel(self.tr("年度")), 0, 2, Qt.AlignmentFlag.AlignCenter)
        suffixes: list[str] = []
        for column in columns:
            suffix = column.key.split(".", 1)[1]
            if suffix not in suffixes:
                suffixes.append(suffix)
        for row, suffix in enumerate(suffixes, start=1):
            for side, col in (("mid", 1), ("year", 2)):
                cell = next((c for c in columns if c.key == f"{side}.{suffix}"), None)
                if cell is None:
                    continue
                if col == 1 or self.funds_grid.itemAtPosition(row, 0) is None:
                    text = cell.label.removeprefix("中期").removeprefix("年度")
                    self.funds_grid.addWidget(QLabel(text + "："), row, 0)
                self.funds_grid.addWidget(self._fund_cell(cell), row, col)

    def _field_widget(self, field: Column) -> QLineEdit | QComboBox:
        if field.type == "enum":
            combo = QComboBox()
            combo.addItem("")
            combo.addItems(list(field.options))
            combo.activated.connect(lambda _i, c=combo, k=field.key: self._edited(k, c.currentText(), field.label))
            return combo
        edit = QLineEdit()
        if field.key == YEAR:
            edit.setValidator(QIntValidator(1990, 2100, edit))
            edit.setMaximumWidth(90)
        edit.setPlaceholderText(PLACEHOLDERS.get(field.type, self.tr("必填") if field.required else ""))
        edit.installEventFilter(self.undo_keys)
        edit.textEdited.connect(lambda text, k=field.key, label=field.label: self._edited(k, text, label))
        return edit

    def _fund_cell(self, column: Column) -> QLineEdit:
        edit = QLineEdit()
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setToolTip(column.label)
        edit.setAccessibleName(column.label)
        edit.installEventFilter(self.undo_keys)
        edit.textEdited.connect(lambda text, k=column.key, label=column.label: self._fund_edited(k, text, label))
        self.funds[column.key] = edit
        return edit

    # --- edits ---------------------------------------------------------------------------------

    def _edited(self, key: str, text: str, label: str) -> None:
        assert self.doc is not None
        form = self.form
        text = text.strip() if key == YEAR else text
        if key == YEAR:
            value = int(text) if text.isdigit() else None
            if value == form.year:
                return
            op = SetField(form.id, "form", None, "year", value)
        else:
            if form.fields.get(key, "") == text:
                return
            op = SetField(form.id, "fields", None, key, text)
        push_op(self.doc, op, self.tr("修改“{0}”").format(label), merge_key=("fields", form.id, key))

    def _fund_edited(self, key: str, text: str, label: str) -> None:
        assert self.doc is not None
        form = self.form
        if form.funds.get(key, "") == text:
            return
        push_op(self.doc, SetField(form.id, "funds", None, key, text), self.tr("修改“{0}”").format(label),
                merge_key=("funds", form.id, key))

    # --- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.doc is None:
            return
        form = self.form
        for key, widget in self.fields.items():
            text = ("" if form.year is None else str(form.year)) if key == YEAR else form.fields.get(key, "")
            if isinstance(widget, QComboBox):
                index = widget.findText(text)
                if index < 0:  # a value the template does not list: kept and shown as typed
                    widget.addItem(text)
                    index = widget.count() - 1
                widget.setCurrentIndex(index)
            elif widget.text() != text:
                widget.setText(text)  # setText does not emit textEdited: no edit loop
        for key, edit in self.funds.items():
            text = form.funds.get(key, "")
            if edit.text() != text:
                edit.setText(text)


def _two_sided(columns: tuple[Column, ...]) -> bool:
    sides = {c.key.split(".", 1)[0] for c in columns}
    return bool(columns) and sides == {"mid", "year"} and all("." in c.key for c in columns)
