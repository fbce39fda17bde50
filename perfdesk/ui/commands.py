"""Undo commands. Each holds stable ids and old/new values, never a QModelIndex."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from perfdesk.domain.model import Form, Goal, Indicator, Level1, Task

if TYPE_CHECKING:
    from perfdesk.domain.forms import Column
    from perfdesk.ui.document import Document


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


class CommandId(IntEnum):
    HEADER = 1
    INDICATOR_FIELD = 2


class _Command(QUndoCommand):
    def __init__(self, doc: Document, form_id: str, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.form_id = form_id

    def form(self) -> Form:
        return self.doc.show_form(self.form_id)


class SetHeaderCommand(_Command):
    """A header or people field; consecutive typing in one field is one step."""

    def __init__(self, doc: Document, form_id: str, field: str, label: str, old: object, new: object) -> None:
        super().__init__(doc, form_id, tr("修改“{0}”").format(label))
        self.field, self.old, self.new = field, old, new

    def id(self) -> int:
        return CommandId.HEADER

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetHeaderCommand) or (other.form_id, other.field) != (self.form_id, self.field):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.doc.set_header_value(self.form_id, self.field, self.new)

    def undo(self) -> None:
        self.doc.set_header_value(self.form_id, self.field, self.old)


class SetIndicatorFieldCommand(_Command):
    def __init__(self, doc: Document, form_id: str, indicator_id: str, field: str, old: str, new: str,
                 merge: bool = False) -> None:
        label = tr("指标名称") if field == "name" else tr("指标值")
        super().__init__(doc, form_id, tr("修改{0}").format(label))
        self.indicator_id, self.field, self.old, self.new, self.merge = indicator_id, field, old, new, merge

    def id(self) -> int:
        return CommandId.INDICATOR_FIELD if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetIndicatorFieldCommand) or not other.merge:
            return False
        if (other.form_id, other.indicator_id, other.field) != (self.form_id, self.indicator_id, self.field):
            return False
        self.new = other.new
        return True

    def _set(self, value: str) -> None:
        form = self.form()
        _, _, indicator = self.doc.find_indicator(form, self.indicator_id)
        setattr(indicator, self.field, value)
        self.doc.tree_model.indicator_changed(indicator)
        self.doc.select_requested.emit("indicator", self.indicator_id)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class SetIndicatorExtraCommand(_Command):
    """A cell of one of the template's own columns (指标解释, 计量单位 …); the extras dict is
    replaced, never changed in place, so undo gets the old one back exactly."""

    def __init__(self, doc: Document, form_id: str, indicator_id: str, column: Column, new: str) -> None:
        super().__init__(doc, form_id, tr("修改{0}").format(column.label))
        self.indicator_id, self.key = indicator_id, column.key
        _, _, indicator = doc.find_indicator(self.form(), indicator_id)
        self.old = dict(indicator.extras)
        self.new = {k: v for k, v in indicator.extras.items() if k != column.key}
        if new:
            self.new[column.key] = new

    def _set(self, extras: dict[str, str]) -> None:
        _, _, indicator = self.doc.find_indicator(self.form(), self.indicator_id)
        indicator.extras = dict(extras)
        self.doc.tree_model.indicator_changed(indicator)
        self.doc.select_requested.emit("indicator", self.indicator_id)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class InsertIndicatorCommand(_Command):
    def __init__(self, doc: Document, form_id: str, level2_id: str, row: int, indicator: Indicator) -> None:
        super().__init__(doc, form_id, tr("添加三级指标“{0}”").format(indicator.name))
        self.level2_id, self.row, self.indicator = level2_id, row, indicator

    def redo(self) -> None:
        level2 = self.doc.find_level2(self.form(), self.level2_id)
        self.doc.tree_model.insert_indicator(level2, self.row, self.indicator)
        self.doc.select_requested.emit("indicator", self.indicator.id)

    def undo(self) -> None:
        self.form()
        self.doc.tree_model.remove_indicator(self.indicator)


class RemoveIndicatorCommand(_Command):
    def __init__(self, doc: Document, form_id: str, indicator_id: str) -> None:
        form = doc.form_by_id(form_id)
        _, level2, indicator = doc.find_indicator(form, indicator_id)
        super().__init__(doc, form_id, tr("删除三级指标“{0}”").format(indicator.name))
        self.indicator, self.level2_id, self.row = indicator, level2.id, level2.indicators.index(indicator)

    def redo(self) -> None:
        self.form()
        self.doc.tree_model.remove_indicator(self.indicator)

    def undo(self) -> None:
        level2 = self.doc.find_level2(self.form(), self.level2_id)
        self.doc.tree_model.insert_indicator(level2, self.row, self.indicator)
        self.doc.select_requested.emit("indicator", self.indicator.id)


class MoveIndicatorCommand(_Command):
    """Move a 三级 within or across 二级 (drag and drop, Ctrl+Up/Down)."""

    def __init__(self, doc: Document, form_id: str, indicator_id: str, to_level2_id: str, to_row: int) -> None:
        form = doc.form_by_id(form_id)
        _, level2, indicator = doc.find_indicator(form, indicator_id)
        super().__init__(doc, form_id, tr("移动三级指标“{0}”").format(indicator.name))
        self.indicator_id = indicator_id
        self.source = (level2.id, level2.indicators.index(indicator))
        self.target = (to_level2_id, to_row)

    def _move(self, to: tuple[str, int]) -> None:
        form = self.form()
        _, _, indicator = self.doc.find_indicator(form, self.indicator_id)
        level2 = self.doc.find_level2(form, to[0])
        self.doc.tree_model.remove_indicator(indicator)
        self.doc.tree_model.insert_indicator(level2, min(to[1], len(level2.indicators)), indicator)
        self.doc.select_requested.emit("indicator", self.indicator_id)

    def redo(self) -> None:
        self._move(self.target)

    def undo(self) -> None:
        self._move(self.source)


class SetTaskFieldsCommand(_Command):
    def __init__(self, doc: Document, form_id: str, task_id: str, changes: dict[str, tuple[object, object]],
                 text: str | None = None) -> None:
        super().__init__(doc, form_id, text or tr("修改年度主要任务"))
        self.task_id, self.changes = task_id, changes

    def _apply(self, index: int) -> None:
        task = self.doc.find_task(self.form(), self.task_id)
        for field, values in self.changes.items():
            setattr(task, field, values[index])
        self.doc.tasks_model.task_changed(task)
        self.doc.select_requested.emit("task", self.task_id)

    def redo(self) -> None:
        self._apply(1)

    def undo(self) -> None:
        self._apply(0)


class InsertTasksCommand(_Command):
    def __init__(self, doc: Document, form_id: str, row: int, tasks: list[Task]) -> None:
        super().__init__(doc, form_id, tr("插入 {0} 行任务").format(len(tasks)))
        self.row, self.tasks = row, tasks

    def redo(self) -> None:
        self.form()
        self.doc.tasks_model.insert_tasks(self.row, self.tasks)
        self.doc.select_requested.emit("task", self.tasks[0].id)

    def undo(self) -> None:
        self.form()
        for task in self.tasks:
            self.doc.tasks_model.remove_task(task)


class RemoveTasksCommand(_Command):
    def __init__(self, doc: Document, form_id: str, task_ids: list[str]) -> None:
        super().__init__(doc, form_id, tr("删除 {0} 行任务").format(len(task_ids)))
        form = doc.form_by_id(form_id)
        self.removed = sorted(((form.tasks.index(t), t) for t in form.tasks if t.id in task_ids), key=lambda p: p[0])

    def redo(self) -> None:
        self.form()
        for _, task in reversed(self.removed):
            self.doc.tasks_model.remove_task(task)

    def undo(self) -> None:
        self.form()
        for row, task in self.removed:
            self.doc.tasks_model.insert_tasks(row, [task])
        if self.removed:
            self.doc.select_requested.emit("task", self.removed[0][1].id)


class MoveTaskCommand(_Command):
    def __init__(self, doc: Document, form_id: str, task_id: str, to_row: int) -> None:
        super().__init__(doc, form_id, tr("移动任务"))
        form = doc.form_by_id(form_id)
        self.task_id = task_id
        self.from_row = next(i for i, t in enumerate(form.tasks) if t.id == task_id)
        self.to_row = to_row

    def _move(self, row: int) -> None:
        task = self.doc.find_task(self.form(), self.task_id)
        self.doc.tasks_model.remove_task(task)
        self.doc.tasks_model.insert_tasks(row, [task])
        self.doc.select_requested.emit("task", self.task_id)

    def redo(self) -> None:
        self._move(self.to_row)

    def undo(self) -> None:
        self._move(self.from_row)


class SetGoalTextCommand(_Command):
    def __init__(self, doc: Document, form_id: str, goal_id: str, old: str, new: str) -> None:
        super().__init__(doc, form_id, tr("修改年度总体目标"))
        self.goal_id, self.old, self.new = goal_id, old, new

    def _set(self, text: str) -> None:
        goal = self.doc.find_goal(self.form(), self.goal_id)
        goal.text = text
        self.doc.goals_model.goal_changed(goal)
        self.doc.select_requested.emit("goal", self.goal_id)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class InsertGoalCommand(_Command):
    def __init__(self, doc: Document, form_id: str, row: int, goal: Goal) -> None:
        super().__init__(doc, form_id, tr("添加目标"))
        self.row, self.goal = row, goal

    def redo(self) -> None:
        self.form()
        self.doc.goals_model.insert_goal(self.row, self.goal)
        self.doc.select_requested.emit("goal", self.goal.id)

    def undo(self) -> None:
        self.form()
        self.doc.goals_model.remove_goal(self.goal)


class RemoveGoalCommand(_Command):
    def __init__(self, doc: Document, form_id: str, goal_id: str) -> None:
        super().__init__(doc, form_id, tr("删除目标"))
        form = doc.form_by_id(form_id)
        self.goal = doc.find_goal(form, goal_id)
        self.row = form.goals.index(self.goal)

    def redo(self) -> None:
        self.form()
        self.doc.goals_model.remove_goal(self.goal)

    def undo(self) -> None:
        self.form()
        self.doc.goals_model.insert_goal(self.row, self.goal)
        self.doc.select_requested.emit("goal", self.goal.id)


class MoveGoalCommand(_Command):
    def __init__(self, doc: Document, form_id: str, goal_id: str, to_row: int) -> None:
        super().__init__(doc, form_id, tr("移动目标"))
        form = doc.form_by_id(form_id)
        self.goal_id = goal_id
        self.from_row = next(i for i, g in enumerate(form.goals) if g.id == goal_id)
        self.to_row = to_row

    def _move(self, row: int) -> None:
        goal = self.doc.find_goal(self.form(), self.goal_id)
        self.doc.goals_model.remove_goal(goal)
        self.doc.goals_model.insert_goal(row, goal)
        self.doc.select_requested.emit("goal", self.goal_id)

    def redo(self) -> None:
        self._move(self.to_row)

    def undo(self) -> None:
        self._move(self.from_row)


class AddFormCommand(_Command):
    def __init__(self, doc: Document, form: Form, index: int) -> None:
        super().__init__(doc, form.id, tr("新建表“{0}”").format(form.display_name))
        self.new_form, self.index = form, index

    def redo(self) -> None:
        self.doc.insert_form(self.index, self.new_form)

    def undo(self) -> None:
        self.doc.remove_form(self.new_form.id)


class RemoveFormCommand(_Command):
    def __init__(self, doc: Document, form_id: str) -> None:
        form = doc.form_by_id(form_id)
        super().__init__(doc, form_id, tr("删除表“{0}”").format(form.display_name))
        self.removed, self.index = form, doc.project.forms.index(form)

    def redo(self) -> None:
        self.doc.remove_form(self.form_id)

    def undo(self) -> None:
        self.doc.insert_form(self.index, self.removed)


class ApplyEditsCommand(_Command):
    """A validation fix: field edits applied as one undoable step."""

    def __init__(self, doc: Document, form_id: str, label: str, edits: tuple) -> None:
        super().__init__(doc, form_id, label)
        self.edits = edits
        self.inverse: tuple = ()

    def _apply(self, edits: tuple) -> tuple:
        from perfdesk.domain.validation import apply_edits

        form = self.form()
        inverse = apply_edits(form, edits)
        for edit in edits:
            self.doc.notify_changed(edit.kind, edit.ref_id, edit.field)
        return inverse

    def redo(self) -> None:
        self.inverse = self._apply(self.edits)

    def undo(self) -> None:
        self._apply(self.inverse)


class SwitchFrameworkCommand(_Command):
    """指标体系 changed: the form names the new framework and gains its missing 一级 (2015 → 2021:
    成本指标 with 经济/社会/生态环境成本指标). Redo puts back the very same groups, so later
    commands that address them by id still find them."""

    def __init__(self, doc: Document, form_id: str, old: str, new: str) -> None:
        super().__init__(doc, form_id, tr("修改“指标体系”"))
        self.old, self.new = old, new
        self.added: list[tuple[int, Level1]] = []
        self.done_once = False

    def redo(self) -> None:
        from perfdesk.domain.restructure import add_framework_groups

        form = self.form()
        form.framework = self.new
        if not self.done_once:
            added = add_framework_groups(form, self.new)
            self.added = [(form.tree.index(level1), level1) for level1 in added.level1]
            self.done_once = True
        else:
            for index, level1 in self.added:
                form.tree.insert(index, level1)
        self.doc.header_changed.emit("framework")
        if self.added:
            self.doc.reset_tree(self.form_id)

    def undo(self) -> None:
        form = self.form()
        for _index, level1 in reversed(self.added):
            form.tree.remove(level1)
        form.framework = self.old
        self.doc.header_changed.emit("framework")
        if self.added:
            self.doc.reset_tree(self.form_id)
