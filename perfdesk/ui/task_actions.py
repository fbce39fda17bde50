"""Row operations on the budget table and the goals list, each one undoable domain operation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from perfdesk.domain.model import Goal, Task
from perfdesk.domain.ops import Batch, InsertNode, MoveNode, Op, RemoveNode, SetField
from perfdesk.ui.clipboard import parse_tsv
from perfdesk.ui.tasks_model import FIELDS, Changes, TasksModel, task_op, with_changes

if TYPE_CHECKING:
    from perfdesk.ui.document import Document


def tr(text: str) -> str:
    return QCoreApplication.translate("tasks", text)


def insert_task(doc: Document, row: int) -> int:
    """Insert an empty task; returns its row."""
    row = max(0, min(row, len(doc.form.tasks)))
    doc.apply(InsertNode(doc.form.id, "task", None, row, Task()), tr("插入 {0} 行任务").format(1))
    return row


def remove_tasks(doc: Document, rows: list[int]) -> None:
    ids = [doc.form.tasks[r].id for r in sorted(set(rows)) if r < len(doc.form.tasks)]
    if ids:
        ops = tuple(RemoveNode(doc.form.id, "task", task_id) for task_id in ids)
        doc.apply(Batch(ops), tr("删除 {0} 行任务").format(len(ids)))


def move_task(doc: Document, row: int, step: int) -> None:
    target = row + step
    if 0 <= row < len(doc.form.tasks) and 0 <= target < len(doc.form.tasks):
        doc.apply(MoveNode(doc.form.id, "task", doc.form.tasks[row].id, None, target), tr("移动任务"))


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
    ops: list[Op] = []
    kept_as_text = 0
    for r, cells in enumerate(block):
        target = row + r
        original = tasks[target] if target < len(tasks) else Task()
        shadow = original
        changes: Changes = {}
        for c, text_value in enumerate(cells):
            col = column + c
            if col >= len(FIELDS):
                break
            field = FIELDS[col]
            step = TasksModel.changes_for(shadow, field, text_value.strip() if col >= 2 else text_value)
            shadow = with_changes(shadow, step)
            changes.update({name: (getattr(original, name), new) for name, (_old, new) in step.items()})
            kept_as_text += field in shadow.unparsed
        if target < len(tasks):
            if changes:
                ops.append(task_op(doc.form.id, original.id, changes))
        else:
            ops.append(InsertNode(doc.form.id, "task", None, target, shadow))
    if ops:
        doc.apply(Batch(tuple(ops)), tr("粘贴 {0} 行").format(len(block)))
    if kept_as_text:
        return tr("有 {0} 个金额不是数字，已照原样粘贴，不计入合计；审核会标出").format(kept_as_text)
    return None


def insert_goal(doc: Document, row: int, text: str = "") -> int:
    """Insert a goal; returns its row."""
    row = max(0, min(row, len(doc.form.goals)))
    doc.apply(InsertNode(doc.form.id, "goal", None, row, Goal(text)), tr("添加目标"))
    return row


def remove_goals(doc: Document, rows: list[int]) -> None:
    goals = [doc.form.goals[r] for r in sorted(set(rows)) if r < len(doc.form.goals)]
    if not goals:
        return
    ops = tuple(RemoveNode(doc.form.id, "goal", goal.id) for goal in goals)
    doc.apply(Batch(ops), tr("删除 {0} 个目标").format(len(goals)))


def move_goal(doc: Document, row: int, step: int) -> None:
    target = row + step
    if 0 <= row < len(doc.form.goals) and 0 <= target < len(doc.form.goals):
        doc.apply(MoveNode(doc.form.id, "goal", doc.form.goals[row].id, None, target), tr("移动目标"))


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
    planned: list[Goal | None] = list(doc.form.goals)  # as it will be, None where a goal is inserted
    ops: list[Op] = []
    for offset, line in enumerate(lines):
        target = row + offset
        goal = planned[target] if target < len(planned) else None
        if goal is not None and not goal.text.strip():
            ops.append(SetField(doc.form.id, "goal", goal.id, "text", line))
            filled += 1
        else:
            target = max(0, min(target, len(planned)))
            ops.append(InsertNode(doc.form.id, "goal", None, target, Goal(line)))
            planned.insert(target, None)
            inserted += 1
    doc.apply(Batch(tuple(ops)), tr("粘贴 {0} 个目标").format(len(lines)))
    message = tr("已粘贴 {0} 个目标：新增 {1} 个，填入空白目标 {2} 个（已有的目标没有被覆盖）").format(
        len(lines), inserted, filled)
    if joined:
        message += tr("；{0} 行有多列，已用空格连成一个目标").format(joined)
    doc.message.emit(message)
    return message
