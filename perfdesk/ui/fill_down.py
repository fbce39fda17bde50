"""向下填充 (Ctrl+D), as in Excel: the top cell of the selection copied into the cells below it.

With a single cell selected, the cell above is copied into it. The whole fill is one undo step:
one batch of the ordinary field operations (domain/ops.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from perfdesk.domain.model import Indicator, Task
from perfdesk.domain.ops import Batch, SetField
from perfdesk.ui.tasks_model import FIELDS, Changes, TasksModel, task_op, with_changes
from perfdesk.ui.undo_stack import READ_ONLY_MESSAGE

if TYPE_CHECKING:
    from perfdesk.ui.document import Document
    from perfdesk.ui.main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("fill_down", text)


def _source_and_targets(rows: list[int]) -> tuple[int, list[int]] | None:
    rows = sorted(set(rows))
    if not rows:
        return None
    if len(rows) == 1:
        return (rows[0] - 1, rows) if rows[0] > 0 else None
    return rows[0], rows[1:]


def fill_tasks(doc: Document, cells: list[tuple[int, int]]) -> int:
    """Fill each selected column of the budget table down; returns how many cells changed."""
    tasks = doc.form.tasks
    cells = [(r, c) for r, c in cells if r < len(tasks)]  # never the 金额合计 row
    columns = sorted({c for _, c in cells})
    plan: dict[str, Changes] = {}
    shadows: dict[str, Task] = {}
    changed = 0
    for column in columns:
        found = _source_and_targets([r for r, c in cells if c == column])
        if found is None:
            continue
        source_row, targets = found
        field = FIELDS[column]
        source = tasks[source_row]
        text = source.unparsed.get(field)
        if text is None:
            value = getattr(source, field)
            text = "" if value is None else value if isinstance(value, str) else format(value, "f")
        for row in targets:
            task = tasks[row]
            step = TasksModel.changes_for(shadows.get(task.id, task), field, text)
            if step:
                changed += 1
            shadows[task.id] = with_changes(shadows.get(task.id, task), step)
            changes = plan.setdefault(task.id, {})
            changes.update({name: (getattr(task, name), new) for name, (_old, new) in step.items()})
    plan = {k: v for k, v in plan.items() if v}
    if not plan:
        return 0
    ops = tuple(task_op(doc.form.id, task_id, changes) for task_id, changes in plan.items())
    doc.apply(Batch(ops), tr("向下填充 {0} 个单元格").format(changed))
    return changed


def fill_values(doc: Document, indicators: list[Indicator]) -> int:
    """Fill 指标值 down over the selected 三级 (in tree order); returns how many changed."""
    order = [ind for _, _, ind in doc.form.iter_indicators()]
    chosen = sorted({id(i): i for i in indicators}.values(), key=order.index)
    if not chosen:
        return 0
    if len(chosen) == 1:
        level2 = doc.tree_model.level2_of(chosen[0])
        position = level2.indicators.index(chosen[0])
        if position == 0:
            return 0
        source, targets = level2.indicators[position - 1], chosen
    else:
        source, targets = chosen[0], chosen[1:]
    targets = [t for t in targets if t.value != source.value]
    if not targets:
        return 0
    ops = tuple(SetField(doc.form.id, "indicator", indicator.id, "value", source.value) for indicator in targets)
    doc.apply(Batch(ops), tr("向下填充 {0} 个指标值").format(len(targets)))
    return len(targets)


def fill_down_in(window: MainWindow) -> None:
    """Ctrl+D: fill down in the budget table or the tree, whichever has the keyboard focus."""
    doc = window.doc
    if doc.read_only:
        doc.message.emit(QCoreApplication.translate("commands", READ_ONLY_MESSAGE))
        return
    if window.tasks_view.hasFocus():
        cells = [(i.row(), i.column()) for i in window.tasks_view.selectionModel().selectedIndexes()]
        changed = fill_tasks(doc, cells)
    elif window.tree.hasFocus():
        changed = fill_values(doc, window.tree.selected_indicators())
    else:
        window.statusBar().showMessage(tr("向下填充：请先在年度主要任务或指标值中选中要填充的单元格"), 5000)
        return
    if changed:
        window.statusBar().showMessage(tr("已向下填充 {0} 个单元格（Ctrl+Z 可撤销）").format(changed), 5000)
    else:
        window.statusBar().showMessage(tr("没有要填充的内容：选中一列中的几格（最上面一格是要复制的），"
                                          "或只选一格复制它上面的一格"), 5000)
