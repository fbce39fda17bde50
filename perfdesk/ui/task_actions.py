"""Row operations on the budget table and the goals list, as undoable commands."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from perfdesk.domain.model import Goal, Task
from perfdesk.ui.clipboard import parse_tsv
from perfdesk.ui.commands import (
    InsertGoalCommand,
    InsertTasksCommand,
    MoveGoalCommand,
    MoveTaskCommand,
    RemoveGoalCommand,
    RemoveTasksCommand,
    SetGoalTextCommand,
    SetTaskFieldsCommand,
)
from perfdesk.ui.tasks_model import FIELDS, TasksModel

if TYPE_CHECKING:
    from perfdesk.ui.document import Document


def tr(text: str) -> str:
    return QCoreApplication.translate("tasks", text)


def insert_task(doc: Document, row: int) -> int:
    """Insert an empty task; returns its row."""
    row = max(0, min(row, len(doc.form.tasks)))
    doc.push(InsertTasksCommand(doc, doc.form.id, row, [Task()]))
    return row


def remove_tasks(doc: Document, rows: list[int]) -> None:
    ids = [doc.form.tasks[r].id for r in rows if r < len(doc.form.tasks)]
    if ids:
        doc.push(RemoveTasksCommand(doc, doc.form.id, ids))


def move_task(doc: Document, row: int, step: int) -> None:
    target = row + step
    if 0 <= row < len(doc.form.tasks) and 0 <= target < len(doc.form.tasks):
        doc.push(MoveTaskCommand(doc, doc.form.id, doc.form.tasks[row].id, target))


def paste_tasks(doc: Document, row: int, column: int, text: str) -> str | None:
    """Paste a block copied from Excel/WPS at (row, column), adding rows as needed.

    An amount whose text is not a number is pasted as typed (审核 reports it).
    Returns a message for the status bar, or None.
    """
    block = parse_tsv(text)
    if not block:
        return tr("剪贴板里没有可粘贴的内容")
    tasks = doc.form.tasks
    row = max(0, min(row, len(tasks)))
    updates: list[tuple[Task, dict[str, tuple[object, object]]]] = []
    new_tasks: list[Task] = []
    kept_as_text = 0
    for r, cells in enumerate(block):
        target = row + r
        original = tasks[target] if target < len(tasks) else Task()
        shadow = copy.copy(original)
        changes: dict[str, tuple[object, object]] = {}
        for c, text_value in enumerate(cells):
            col = column + c
            if col >= len(FIELDS):
                break
            field = FIELDS[col]
            step = TasksModel.changes_for(shadow, field, text_value.strip() if col >= 2 else text_value)
            for name, (_old, new) in step.items():
                setattr(shadow, name, new)
                changes[name] = (getattr(original, name), new)
            kept_as_text += field in shadow.unparsed
        if target < len(tasks):
            if changes:
                updates.append((original, changes))
        else:
            new_tasks.append(shadow)
    doc.undo_stack.beginMacro(tr("粘贴 {0} 行").format(len(block)))
    for task, changes in updates:
        doc.push(SetTaskFieldsCommand(doc, doc.form.id, task.id, changes))
    if new_tasks:
        doc.push(InsertTasksCommand(doc, doc.form.id, len(tasks), new_tasks))
    doc.undo_stack.endMacro()
    if kept_as_text:
        return tr("有 {0} 个金额不是数字，已照原样粘贴，不计入合计；审核会标出").format(kept_as_text)
    return None


def insert_goal(doc: Document, row: int, text: str = "") -> int:
    """Insert a goal; returns its row."""
    row = max(0, min(row, len(doc.form.goals)))
    doc.push(InsertGoalCommand(doc, doc.form.id, row, Goal(text)))
    return row


def remove_goals(doc: Document, rows: list[int]) -> None:
    goals = [doc.form.goals[r] for r in rows if r < len(doc.form.goals)]
    if not goals:
        return
    doc.undo_stack.beginMacro(tr("删除 {0} 个目标").format(len(goals)))
    for goal in goals:
        doc.push(RemoveGoalCommand(doc, doc.form.id, goal.id))
    doc.undo_stack.endMacro()


def move_goal(doc: Document, row: int, step: int) -> None:
    target = row + step
    if 0 <= row < len(doc.form.goals) and 0 <= target < len(doc.form.goals):
        doc.push(MoveGoalCommand(doc, doc.form.id, doc.form.goals[row].id, target))


def paste_goals(doc: Document, row: int, text: str) -> str:
    """Paste lines as goals from ``row`` on; says what happened (also on the status bar).

    A row of several columns (a block copied from Excel/WPS) becomes one goal, its cells
    joined with a space. A goal that already has text is never overwritten: the pasted goal
    is inserted before it; empty goal rows are filled.
    """
    rows = parse_tsv(text)
    lines = [" ".join(cell.strip() for cell in cells if cell.strip()) for cells in rows]
    lines = [line for line in lines if line]
    if not lines:
        message = tr("剪贴板里没有可粘贴的内容")
        doc.message.emit(message)
        return message
    joined = sum(1 for cells in rows if sum(1 for cell in cells if cell.strip()) > 1)
    filled = inserted = 0
    doc.undo_stack.beginMacro(tr("粘贴 {0} 个目标").format(len(lines)))
    for offset, line in enumerate(lines):
        target = row + offset
        goals = doc.form.goals
        if target < len(goals) and not goals[target].text.strip():
            goal = goals[target]
            doc.push(SetGoalTextCommand(doc, doc.form.id, goal.id, goal.text, line))
            filled += 1
        else:
            insert_goal(doc, target, line)
            inserted += 1
    doc.undo_stack.endMacro()
    message = tr("已粘贴 {0} 个目标：新增 {1} 个，填入空白目标 {2} 个（已有的目标没有被覆盖）").format(
        len(lines), inserted, filled)
    if joined:
        message += tr("；{0} 行有多列，已用空格连成一个目标").format(joined)
    doc.message.emit(message)
    return message
