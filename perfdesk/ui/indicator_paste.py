"""Paste 三级 indicators copied from Excel/WPS into the tree, as one undo step.

Accepted blocks (tab-separated rows):

- ``三级<TAB>指标值`` (or only ``三级``): under the selected 二级, after the selected 三级;
- ``二级<TAB>三级<TAB>指标值``: under the named 二级 (its name unique in the form);
- ``一级<TAB>二级<TAB>三级<TAB>指标值``: under the named 一级 › 二级.

An empty 一级/二级 cell repeats the one above it (merged cells copy that way). A heading
row (一级指标 …) is skipped. A row that cannot be placed is reported, never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from perfdesk.domain.model import Form, Indicator, Level1, Level2
from perfdesk.domain.ops import Batch, InsertNode
from perfdesk.ui.clipboard import parse_tsv

if TYPE_CHECKING:
    from perfdesk.ui.document import Document

HEADINGS = frozenset({"一级指标", "二级指标", "三级指标", "指标值", "指标名称"})


def tr(text: str) -> str:
    return QCoreApplication.translate("indicator_paste", text)


@dataclass
class PastePlan:
    placed: list[tuple[Level2, Indicator]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # "第2行（…）：why"
    headings: int = 0


def _level2_named(form: Form, level1_name: str, level2_name: str) -> Level2 | str:
    """The 二级, or why it cannot be found."""
    if level1_name:
        level1 = form.level1(level1_name)
        if level1 is None:
            return tr("没有一级指标“{0}”").format(level1_name)
        candidates = [l2 for l2 in level1.children if l2.name == level2_name]
    else:
        candidates = [l2 for l1 in form.tree for l2 in l1.children if l2.name == level2_name]
    if not candidates:
        where = f"{level1_name} › " if level1_name else ""
        return tr("没有二级指标“{0}{1}”").format(where, level2_name)
    if len(candidates) > 1:
        return tr("二级指标“{0}”不止一个，请同时复制一级指标列").format(level2_name)
    return candidates[0]


def plan_paste(form: Form, text: str, selected: Level2 | None) -> PastePlan:
    """Where each pasted row goes; nothing is changed."""
    plan = PastePlan()
    last1 = last2 = ""
    for number, cells in enumerate(parse_tsv(text), start=1):
        cells = [cell.strip() for cell in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if HEADINGS.intersection(cells) and len(HEADINGS.intersection(cells)) >= min(2, len(cells)):
            plan.headings += 1
            continue
        shown = " | ".join(cells)
        if len(cells) >= 4:
            last1 = cells[0] or last1
            last2 = cells[1] or last2
            name, value, target = cells[2], " ".join(c for c in cells[3:] if c), _level2_named(form, last1, last2)
        elif len(cells) == 3:
            last2 = cells[0] or last2
            name, value, target = cells[1], cells[2], _level2_named(form, "", last2)
        else:
            name, value = cells[0], cells[1] if len(cells) > 1 else ""
            target = selected if selected is not None else tr("没有选中二级指标")
        if not name:
            plan.unplaced.append(tr("第{0}行（{1}）：没有三级指标名称").format(number, shown))
        elif isinstance(target, str):
            plan.unplaced.append(tr("第{0}行（{1}）：{2}").format(number, shown, target))
        else:
            plan.placed.append((target, Indicator(name, value)))
    return plan


def selected_level2(doc: Document, node: Level1 | Level2 | Indicator | None) -> tuple[Level2 | None, int | None]:
    """The 二级 a ``name<TAB>value`` block goes under, and the row after the selected 三级."""
    if isinstance(node, Indicator):
        level2 = doc.tree_model.level2_of(node)
        return level2, level2.indicators.index(node) + 1
    if isinstance(node, Level2):
        return node, None
    if isinstance(node, Level1) and len(node.children) == 1:
        return node.children[0], None
    return None, None


def paste_indicators(doc: Document, node: Level1 | Level2 | Indicator | None, text: str) -> tuple[int, list[str]]:
    """Add the pasted rows as new 三级 (one undo step). Returns how many were added and the
    rows that could not be placed. The status bar is told either way."""
    level2, after = selected_level2(doc, node)
    plan = plan_paste(doc.form, text, level2)
    if plan.placed:
        next_row: dict[str, int] = {}
        inserts: list[InsertNode] = []
        for target, indicator in plan.placed:
            default = after if target is level2 and after is not None else len(target.indicators)
            row = next_row.get(target.id, default)
            inserts.append(InsertNode(doc.form.id, "indicator", target.id, row, indicator))
            next_row[target.id] = row + 1
        doc.apply(Batch(tuple(inserts)), tr("粘贴 {0} 个三级指标").format(len(plan.placed)))
    if plan.placed:
        message = tr("已粘贴 {0} 个三级指标（Ctrl+Z 可撤销）").format(len(plan.placed))
    elif not plan.unplaced:
        message = tr("剪贴板里没有可粘贴的指标")
    else:
        message = tr("没有粘贴任何指标")
    if plan.unplaced:
        message += tr("；{0} 行无法放入：{1}").format(len(plan.unplaced), "；".join(plan.unplaced[:3]))
        if len(plan.unplaced) > 3:
            message += "…"
    doc.message.emit(message)
    return len(plan.placed), plan.unplaced


def unplaced_warning(parent: QWidget, unplaced: list[str]) -> None:
    """Rows the clerk copied but we could not place: listed, so none is lost unnoticed."""
    shown = "\n".join(unplaced[:20]) + ("\n…" if len(unplaced) > 20 else "")
    QMessageBox.warning(parent, tr("有的行没有粘贴"),
                        tr("以下 {0} 行无法放入指标树，没有粘贴：\n\n{1}\n\n"
                           "请先选中要放入的二级指标，或复制“一级指标、二级指标、三级指标、指标值”四列。").format(
                            len(unplaced), shown))
