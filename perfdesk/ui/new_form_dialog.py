"""新建表: empty (the framework's 一级/二级), from the sample, or a copy of another form."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain.framework import all_frameworks
from perfdesk.domain.model import KIND_PROJECT, Form, Project, new_form, next_budget_year
from perfdesk.domain.ops import copy_node


class NewFormDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("新建表"))
        layout = QVBoxLayout(self)
        self.empty = QRadioButton(self.tr("空白表（按指标体系列出一级、二级指标）"))
        self.sample = QRadioButton(self.tr("从示例表开始（新疆巴州人社局 2022 年）"))
        self.copy = QRadioButton(self.tr("复制本项目中的表（如去年的表）："))
        self.source = QComboBox()
        for form in project.forms:
            self.source.addItem(form.display_name, form.id)
        group = QButtonGroup(self)
        for button in (self.empty, self.sample, self.copy):
            group.addButton(button)
            layout.addWidget(button)
        layout.addWidget(self.source)
        self.copy.setEnabled(bool(project.forms))
        self.source.setEnabled(False)
        self.copy.toggled.connect(self.source.setEnabled)
        self.copy.toggled.connect(self._source_changed)
        self.source.currentIndexChanged.connect(lambda _i: self._source_changed())
        self.empty.setChecked(True)
        fields = QFormLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(next_budget_year())
        self.department = QLineEdit()
        self.framework = QComboBox()
        for framework in all_frameworks().values():
            self.framework.addItem(framework.name, framework.id)
        self.template = QComboBox()  # kind and province template: 部门整体 · 财预〔2015〕88号, 湖南 …
        from perfdesk.domain.forms import templates

        for template in sorted(templates().values(), key=lambda t: (t.kind, not t.default, t.id)):
            if template.kind == "self_evaluation":
                continue  # made from a target table: 表格 › 新建自评表
            self.template.addItem(f"{template.title}（{template.name}）", template.id)
        self.project_name = QLineEdit()  # 项目名称, for a project table
        self.project_name.setPlaceholderText(self.tr("项目支出绩效目标表填写"))
        fields.addRow(self.tr("表种和表样（空白表）："), self.template)
        fields.addRow(self.tr("年度："), self.year)
        fields.addRow(self.tr("项目名称（项目表）："), self.project_name)
        fields.addRow(self.tr("部门（单位）名称\n或主管部门（项目表）："), self.department)
        fields.addRow(self.tr("指标体系（空白表）："), self.framework)
        layout.addLayout(fields)
        self.template.currentIndexChanged.connect(lambda _i: self._template_changed())
        self.copy.toggled.connect(lambda _on: self._template_changed())
        self._template_changed()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _template_changed(self) -> None:
        self.project_name.setEnabled(self._template_kind() == KIND_PROJECT and not self.copy.isChecked())

    def _source_changed(self) -> None:
        """Copying last year's table: next year, same department, its framework."""
        self.framework.setEnabled(not self.copy.isChecked())
        self.template.setEnabled(not self.copy.isChecked())
        if not self.copy.isChecked():
            return
        source = next((f for f in self.project.forms if f.id == self.source.currentData()), None)
        if source is not None:
            if source.year:
                self.year.setValue(source.year + 1)
            self.department.setText(source.department)

    def build(self) -> Form:
        if self.sample.isChecked():
            from perfdesk.sample import sample_project

            form = sample_project().forms[0]
        elif self.copy.isChecked():
            source = next(f for f in self.project.forms if f.id == self.source.currentData())
            # Fresh ids throughout: last year's table is where clerks start.
            form = dataclasses.replace(copy_node(source), year=self.year.value())
        elif self._template_kind() == KIND_PROJECT:
            from perfdesk.domain.project import new_project_form

            form = new_project_form(self.year.value(), template=self.template.currentData(),
                                    framework=self.framework.currentData())
            name = self.project_name.text().strip()
            if name:
                form = dataclasses.replace(form, fields={**form.fields, "项目名称": name})
            department = self.department.text().strip()
            if department:  # the project's 主管部门 (88号: 主管部门及代码)
                from perfdesk.domain.forms import template_of

                key = next((f.key for f in template_of(form).fields if f.key.startswith("主管部门")), None)
                if key is not None:
                    form = dataclasses.replace(form, fields={**form.fields, key: department})
            return form
        else:
            form = new_form(self.year.value(), framework=self.framework.currentData(),
                            template=self.template.currentData())
        if self.department.text().strip():  # a new object, not yet in any project
            form = dataclasses.replace(form, department=self.department.text().strip())
        return form

    def _template_kind(self) -> str:
        from perfdesk.domain.forms import get_template

        template = get_template(self.template.currentData() or "")
        return template.kind if template is not None else ""

    def choose_template(self, template_id: str) -> None:
        """Pick a kind and template (项目支出 · 一体化 …) for an empty table."""
        self.empty.setChecked(True)
        self.template.setCurrentIndex(self.template.findData(template_id))


