"""与目标表同步 and 新建自评表: the dialogs around ``self_eval.sync_plan`` and ``self_eval.generate``.

Sync shows what would change (values, names, rows added, rows removed with what the clerk had
filled in them) before anything changes; removing rows is only done after the clerk ticks that
they understand; the whole sync is one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain import self_eval
from perfdesk.domain.model import KIND_DEPARTMENT, KIND_PROJECT, KIND_SELF_EVALUATION, Form, Project
from perfdesk.domain.ops import InsertForm
from perfdesk.domain.scoring import profiles
from perfdesk.ui.op_push import push_op

if TYPE_CHECKING:
    from perfdesk.domain.self_eval import SyncChange
    from perfdesk.ui.document import Document

SOURCE_KINDS = (KIND_PROJECT, KIND_DEPARTMENT)


class SyncDialog(QDialog):
    def __init__(self, changes: list[SyncChange], filled: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("与目标表同步"))
        self.changes = changes
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("目标表有以下变化，同步后自评表将随之修改：")))
        self.list = QListWidget()
        for change in changes:
            item = QListWidgetItem(self.describe(change, filled))
            if change.destructive:
                item.setForeground(QBrush(QColor("#b00020")))
            self.list.addItem(item)
        layout.addWidget(self.list)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("同步"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.understood: QCheckBox | None = None
        if any(c.destructive for c in changes):
            self.understood = QCheckBox(self.tr("我知道删除的行中已填写的实际完成值、分值、得分和偏差原因将一并删除"))
            self.understood.toggled.connect(self._understood)
            layout.addWidget(self.understood)
            self._understood(False)
        layout.addWidget(self.buttons)
        self.resize(640, 360)

    def _understood(self, on: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(on)

    def describe(self, change: SyncChange, filled: dict[str, str]) -> str:
        where = f"{change.level1} › {change.level2} › {change.name}"
        if change.what == "value":
            return self.tr("改值　{0}：年度指标值 “{1}” → “{2}”").format(where, change.old, change.new)
        if change.what == "name":
            return self.tr("改名　{0}：“{1}” → “{2}”").format(where, change.old, change.new)
        if change.what == "added":
            return self.tr("新增　{0}（年度指标值 “{1}”）").format(where, change.new)
        held = filled.get(change.name, "")
        return self.tr("删除　{0}（目标表中已没有此行）{1}").format(
            where, self.tr("，已填：{0}").format(held) if held else self.tr("，未填写内容"))


def _filled(form: Form) -> dict[str, str]:
    """What the clerk typed in each row, by name: shown beside a row that sync would remove."""
    labels = ((self_eval.ACTUAL, "实际完成值"), (self_eval.WEIGHT, "分值"), (self_eval.SCORE, "得分"),
              (self_eval.DEVIATION, "偏差原因"))
    return {row.name: "；".join(f"{label} {row.extras[key]}" for key, label in labels if row.extras.get(key))
            for _, _, row in form.iter_indicators()}


def sync_with_target(parent: QWidget, doc: Document) -> bool:
    form = doc.form
    try:
        changes, op = self_eval.sync_plan(doc.project, form)
    except self_eval.SelfEvalError as error:
        doc.message.emit(str(error))
        return False
    if op is None:
        doc.message.emit(parent.tr("自评表与目标表一致，无需同步"))
        return False
    dialog = SyncDialog(changes, _filled(form), parent)
    if not dialog.exec():
        return False
    return push_op(doc, op, parent.tr("与目标表同步"))


class NewSelfEvalDialog(QDialog):
    """新建自评表: which target table (项目 or 部门整体 of this file) and which scoring profile."""

    def __init__(self, project: Project, current: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("新建自评表"))
        layout = QFormLayout(self)
        self.source = QComboBox()
        default = current.source_form if current.kind == KIND_SELF_EVALUATION else current.id
        for form in project.forms:
            if form.kind in SOURCE_KINDS:
                self.source.addItem(f"{form.display_name}（{form.kind_title}）", form.id)
        index = self.source.findData(default)
        self.source.setCurrentIndex(max(index, 0))
        self.profile = QComboBox()
        for profile in sorted(profiles().values(), key=lambda p: (not p.default, p.id)):
            self.profile.addItem(profile.name, profile.id)
        layout.addRow(self.tr("目标表："), self.source)
        layout.addRow(self.tr("计分方案："), self.profile)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def choose(self, source_id: str, profile_id: str = "") -> None:
        self.source.setCurrentIndex(self.source.findData(source_id))
        if profile_id:
            self.profile.setCurrentIndex(self.profile.findData(profile_id))

    def build(self) -> Form:
        source = next(f for f in self.project.forms if f.id == self.source.currentData())
        chosen = str(self.profile.currentData())
        default = next((p.id for p in profiles().values() if p.default), "")
        return self_eval.generate(source, "" if chosen == default else chosen)


def new_self_evaluation(parent: QWidget, doc: Document) -> Form | None:
    """Ask, generate, and add the self-evaluation to the file as ONE operation (undoable)."""
    if doc.read_only:
        return None
    if not any(f.kind in SOURCE_KINDS for f in doc.project.forms):
        doc.message.emit(parent.tr("本文件中没有项目支出或部门整体绩效目标表，无法生成自评表"))
        return None
    dialog = NewSelfEvalDialog(doc.project, doc.form, parent)
    if not dialog.exec():
        return None
    form = dialog.build()
    index = len(doc.project.forms)
    if not push_op(doc, InsertForm(index, form), parent.tr("新建自评表“{0}”").format(form.display_name)):
        return None
    return form
