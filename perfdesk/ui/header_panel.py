"""The form's header: 部门（单位）名称, 年度, 框架版本 and the signature fields."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from perfdesk.domain.framework import all_frameworks
from perfdesk.domain.model import KIND_PROJECT, PEOPLE_LABELS, Form, People
from perfdesk.domain.ops import Batch, InsertNode, Op, SetField
from perfdesk.ui.document import TEMPLATE_FIELD
from perfdesk.ui.form_template import template_for
from perfdesk.ui.undo_keys import DocumentUndoKeys

if TYPE_CHECKING:
    from perfdesk.ui.document import Document
    from perfdesk.ui.validation_panel import Validator


class HeaderPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.validator: Validator | None = None
        self.labels = {"department": self.tr("部门（单位）名称"), "year": self.tr("年度"),
                       "framework": self.tr("指标体系")}
        self.labels.update({k: self.tr(v) for k, v in PEOPLE_LABELS.items()})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        main = QFormLayout()
        self.department = QLineEdit()
        self.department.setPlaceholderText(self.tr("例如：新疆巴州人力资源和社会保障局"))
        self.year = QLineEdit()
        self.year.setValidator(QIntValidator(1990, 2100, self))
        self.year.setMaximumWidth(90)
        self.framework = QComboBox()
        for framework in all_frameworks().values():
            self.framework.addItem(framework.name, framework.id)
        main.addRow(self.labels["department"] + "：", self.department)
        row = QGridLayout()
        row.addWidget(self.year, 0, 0)
        row.addWidget(QLabel(self.labels["framework"] + "："), 0, 1)
        row.addWidget(self.framework, 0, 2)
        row.setColumnStretch(2, 1)
        main.addRow(self.labels["year"] + "：", row)
        layout.addLayout(main)
        # The fields the form's template adds (湖南: 部门（单位）职责), rebuilt when the template changes.
        self.extra_form = QFormLayout()
        self.extra: dict[str, QLineEdit] = {}
        layout.addLayout(self.extra_form)
        self.people_toggle = QToolButton()
        self.people_toggle.setText(self.tr("签章信息（打印在表格下方，可不填）"))
        self.people_toggle.setCheckable(True)
        self.people_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.people_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.people_toggle.setAutoRaise(True)
        self.people_box = QWidget()
        grid = QGridLayout(self.people_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.people: dict[str, QLineEdit] = {}
        for i, name in enumerate(People.field_names()):
            edit = QLineEdit()
            self.people[name] = edit
            # Three to a row: two rows, not three, on a 768-pixel-high screen.
            grid.addWidget(QLabel(self.labels[name] + "："), i // 3, (i % 3) * 2)
            grid.addWidget(edit, i // 3, (i % 3) * 2 + 1)
        today = date.today()
        self.people["fill_date"].setPlaceholderText(
            self.tr("如 {0}年{1}月{2}日").format(today.year, today.month, today.day))
        self.people_box.setVisible(False)
        self.people_toggle.toggled.connect(self._show_people)
        layout.addWidget(self.people_toggle)
        layout.addWidget(self.people_box)
        layout.addStretch(1)  # fields stay at the top when the panel gets more room (no task table)
        self.department.textEdited.connect(lambda text: self._edited("department", text))
        self.year.textEdited.connect(lambda text: self._edited("year", int(text) if text.strip() else None))
        self.framework.activated.connect(lambda _i: self._switch_framework(self.framework.currentData()))
        for name, edit in self.people.items():
            edit.textEdited.connect(lambda text, name=name: self._edited(name, text))
        self.undo_keys = DocumentUndoKeys(self)  # Ctrl+Z in a field undoes the document, keeps redo
        for edit in (self.department, self.year, *self.people.values()):
            edit.installEventFilter(self.undo_keys)

    def watch_validation(self, validator: Validator) -> None:
        """Mark fields in place, as the tables mark cells, each time 审核 runs."""
        self.validator = validator
        validator.updated.connect(self._validated)

    def _validated(self) -> None:
        self.show_marks(self.validator.header_marks if self.validator is not None else {})

    def show_marks(self, marks: dict[str, tuple[str, str]]) -> None:
        """Colour each field 审核 found a problem in; its tooltip says what (the others plain again)."""
        for field in ("department", "year", "framework", *self.people, *self.extra):
            widget = self.widget_for(field, reveal=False)
            if widget is None:
                continue
            mark = marks.get(field)
            kind = type(widget).__name__
            widget.setStyleSheet(f"{kind} {{ background: {mark[0]}; }}" if mark else "")
            widget.style().unpolish(widget)  # a cleared sheet can leave the old colour painted
            widget.style().polish(widget)
            widget.setToolTip(mark[1] if mark else "")
        if any(field in self.people for field in marks) and not self.people_toggle.isChecked():
            self.people_toggle.setChecked(True)  # a problem must not hide in a folded section

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        doc.header_changed.connect(self.refresh)
        doc.form_switched.connect(self.refresh)
        self.refresh()

    def _edited(self, field: str, value: object) -> None:
        assert self.doc is not None
        doc = self.doc
        if doc.header_value(doc.form, field) != value:
            text = self.tr("修改“{0}”").format(self.labels[field])
            doc.apply(doc.header_op(doc.form, field, value), text, merge=True)

    def _switch_framework(self, new: str) -> None:
        """指标体系 changed: the form names the new framework and gains its missing 一级 (2015 → 2021:
        成本指标 with 经济/社会/生态环境成本指标), as one step."""
        assert self.doc is not None
        doc = self.doc
        if new == doc.form.framework:
            return
        from perfdesk.domain.restructure import missing_framework_groups

        added = missing_framework_groups(doc.form, new)
        ops: list[Op] = [SetField(doc.form.id, "form", None, "framework", new)]
        ops += [InsertNode(doc.form.id, "level1", None, index, level1) for index, level1 in added]
        if not doc.apply(Batch(tuple(ops)), self.tr("修改“{0}”").format(self.labels["framework"])) or not added:
            return
        from perfdesk.domain.framework import get_framework

        framework = get_framework(new)
        if framework is None:
            return
        names = "、".join(f"“{level1.name}”" for _, level1 in added)
        note = self.tr("已改为 {0}，添加了一级指标 {1}。").format(framework.name, names)
        movable = [(l1.name, l2.name, len(l2.indicators)) for l1 in doc.form.tree for l2 in l1.children
                   if l2.indicators and framework.moved_to(l1.name, l2.name)]
        for level1, level2, count in movable:
            target = " › ".join(framework.moved_to(level1, level2) or ())
            note += self.tr("“{0} › {1}”下的 {2} 个三级指标可在“审核结果”中一键移到“{3}”。").format(
                level1, level2, count, target)
        doc.message.emit(note)

    def refresh(self, _field: str = "") -> None:
        if self.doc is None or self.doc.form.kind == KIND_PROJECT:
            return  # a project table has its own header (ui/project_header.py); this page is hidden
        form = self.doc.form
        self._build_extra(form)
        for key, edit in self.extra.items():
            self._show(edit, form.fields.get(key, ""))
        self._show(self.department, form.department)
        self._show(self.year, "" if form.year is None else str(form.year))
        index = self.framework.findData(form.framework)
        if index < 0:
            self.framework.addItem(form.framework, form.framework)
            index = self.framework.count() - 1
        self.framework.setCurrentIndex(index)
        for name, edit in self.people.items():
            self._show(edit, getattr(form.people, name))
        if any(getattr(form.people, name) for name in self.people) and not self.people_toggle.isChecked():
            self.people_toggle.setChecked(True)

    def _build_extra(self, form: Form) -> None:
        template = template_for(form)
        fields = [f for f in template.extra_fields if f.printed] if template is not None else []
        if [f.key for f in fields] == list(self.extra):
            return
        while self.extra_form.rowCount():
            self.extra_form.removeRow(0)
        self.extra = {}
        for field in fields:
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("必填") if field.required else "")
            self.extra[field.key] = edit
            self.labels[TEMPLATE_FIELD + field.key] = field.label
            self.extra_form.addRow(field.label + "：", edit)
            edit.textEdited.connect(lambda text, key=field.key: self._edited(TEMPLATE_FIELD + key, text))
            edit.installEventFilter(self.undo_keys)

    def widget_for(self, field: str, reveal: bool = True) -> QWidget | None:
        if field.removeprefix(TEMPLATE_FIELD) in self.extra:
            return self.extra[field.removeprefix(TEMPLATE_FIELD)]
        if field in self.people:
            if reveal:
                self.people_toggle.setChecked(True)
            return self.people[field]
        return {"department": self.department, "year": self.year, "framework": self.framework}.get(field)

    def _show_people(self, on: bool) -> None:
        self.people_box.setVisible(on)
        self.people_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    @staticmethod
    def _show(edit: QLineEdit, text: str) -> None:
        if edit.text() != text:
            edit.setText(text)  # setText does not emit textEdited: no command loop
