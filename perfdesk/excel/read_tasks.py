"""Reading the 年度主要任务 and 年度总体目标 blocks of a sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfdesk.domain.model import Task
from perfdesk.domain.money import format_amount, sum_amounts
from perfdesk.errors import FileReadError
from perfdesk.excel import locate
from perfdesk.excel.context import SheetContext, row_span
from perfdesk.excel.grid import column_letter, coordinate

YUAN_TO_WAN = Decimal("0.0001")
_TOLERANCE = Decimal("0.0000005")  # below the 6th decimal: float noise in a cached SUM
_AMOUNT_NAMES = {"total": "总额", "fiscal": "财政拨款", "other": "其他资金"}


@dataclass
class TaskBlock:
    tasks: list[Task] = field(default_factory=list)
    end_row: int = 0


def _amount_columns(ctx: SheetContext, header_row: int, after: int) -> tuple[dict[str, int], int]:
    """Columns of 总额 / 财政拨款 / 其他资金 and the last header row (sub-headers sit below 预算金额)."""
    columns: dict[str, int] = {}
    bottom = header_row
    for row in range(header_row, header_row + 3):
        for role in ("total", "fiscal", "other"):
            for column in ctx.in_row(role, row, min_col=after + 1):
                if role not in columns:
                    columns[role] = column
                    bottom = max(bottom, ctx.grid.bounds(row, column)[2])
    budget = ctx.first("budget", header_row, header_row + 1)
    if not columns and budget is not None and budget[1] > after:  # one undivided 预算金额: the 总额
        columns["total"] = budget[1]
        bottom = max(bottom, ctx.grid.bounds(*budget)[2])
    return columns, bottom


def _money_scale(ctx: SheetContext, header_row: int) -> Decimal:
    """万元 unless the title area or the headers say 元 (and nothing says 万元)."""
    texts = [text for row in range(1, header_row + 2) for _, text in ctx.rows_text(row) if len(text) < 40]
    units = {locate.money_unit_of(text) for text in texts} - {None}
    if units == {"元"}:
        ctx.note("  金额单位为“元”，已换算为万元（除以 10000）")
        return YUAN_TO_WAN
    return Decimal(1)


def read_tasks(ctx: SheetContext, header: tuple[int, int], stop_row: int) -> TaskBlock:
    grid = ctx.grid
    header_row, name_col = header
    content_cols = ctx.in_row("task_content", header_row, min_col=name_col + 1)
    content_col = content_cols[0] if content_cols else None
    columns, bottom = _amount_columns(ctx, header_row, content_col or name_col)
    bottom = max(bottom, grid.bounds(header_row, name_col)[2])
    scale = _money_scale(ctx, header_row)
    unit = _unit(scale)
    first_amount = min(columns.values(), default=grid.max_column + 1)
    block = TaskBlock(end_row=bottom)
    ctx.use_labels(header_row, bottom, "task_name", "task_content", "budget", "total", "fiscal", "other")
    last_task = bottom
    blank = 0
    first_data = bottom + 1
    sum_row = None
    for row in range(first_data, stop_row):
        if any(ctx.has_role(row, c, "sum_row") for c, _ in ctx.rows_text(row) if c < first_amount):
            sum_row = row
            block.end_row = row
            ctx.use_labels(row, row, "sum_row")
            for column in columns.values():
                ctx.use(row, column)  # the sums are checked against the tasks, then recomputed
            break
        name = grid.stripped(row, name_col) if grid.is_anchor_or_plain(row, name_col) else ""
        content = ""
        if content_col is not None and grid.is_anchor_or_plain(row, content_col):
            content = grid.stripped(row, content_col)
        amounts: dict[str, Decimal | None] = {}
        unparsed: dict[str, str] = {}
        for role, col in columns.items():
            amount, text = grid.amount_or_text(row, col, unit)
            amounts[role] = _scaled(amount, scale)
            if text is not None:
                unparsed[role] = text
                ctx.note(f"  ⚠ {coordinate(row, col)} 的{_AMOUNT_NAMES[role]}“{text}”不是数字：已照原样导入，"
                         "审核时会标出，请改为金额")
        if not name and not content and all(a is None for a in amounts.values()) and not unparsed:
            blank += 1
            continue
        block.tasks.append(Task(name=name, content=content, **amounts, unparsed=unparsed))  # type: ignore[arg-type]
        block.end_row = last_task = row
    ctx.use_labels(header_row - 2, block.end_row, "tasks_block")
    found = "、".join(f"{_AMOUNT_NAMES[r]}（{column_letter(c)} 列）" for r, c in columns.items())
    if block.tasks:
        ctx.note(
            f"  年度主要任务：{len(block.tasks)} 项（{row_span(first_data, last_task)}）；金额列：{found or '未找到'}"
        )
    else:
        ctx.note("  年度主要任务：表头已找到，但没有填写任何任务")
    if blank:
        ctx.note(f"  跳过 {blank} 个空白任务行")
    missing = [name for role, name in _AMOUNT_NAMES.items() if role not in columns]
    if missing and columns:
        ctx.note(f"  未找到金额列：{'、'.join(missing)}，这些金额留空")
    _check_sum_row(ctx, block.tasks, columns, sum_row, scale)
    return block


def _unit(scale: Decimal) -> str:
    """The money unit amounts in the sheet are written in."""
    return "元" if scale == YUAN_TO_WAN else "万元"


def _scaled(amount: Decimal | None, scale: Decimal) -> Decimal | None:
    if amount is None or scale == 1:
        return amount
    return (amount * scale).normalize() if amount else amount


def _check_sum_row(
    ctx: SheetContext, tasks: list[Task], columns: dict[str, int], row: int | None, scale: Decimal
) -> None:
    if row is None:
        if tasks:
            ctx.note("  没有找到“金额合计”行：perfdesk 按各任务金额自动计算合计")
        return
    grid = ctx.grid
    problems, unchecked = [], []
    for role, column in columns.items():
        key = (row, column)
        if key in grid.formulas and grid.cells.get(key) is None:
            unchecked.append(_AMOUNT_NAMES[role])
            continue
        try:
            stated = _scaled(grid.amount(row, column, _unit(scale)), scale)
        except FileReadError:
            problems.append(f"{_AMOUNT_NAMES[role]}（{coordinate(row, column)}）不是数字")
            continue
        if stated is None:
            continue
        computed = sum_amounts([getattr(task, role) for task in tasks])
        if abs(stated - computed) > _TOLERANCE:
            problems.append(
                f"{_AMOUNT_NAMES[role]}：表中 {format_amount(stated)}，各任务相加为 {format_amount(computed)}"
                f"（{coordinate(row, column)}）"
            )
    if problems:
        ctx.note(
            f"  ⚠ 金额合计（第 {row} 行）与各任务金额之和不一致——"
            + "；".join(problems)
            + "。perfdesk 不单独保存合计，导入后按各任务金额重新计算，请核对原表"
        )
    elif unchecked:
        ctx.note(f"  金额合计（第 {row} 行）是未保存计算结果的公式，未核对；perfdesk 按各任务金额计算合计")
    else:
        ctx.note(f"  金额合计（第 {row} 行）与各任务金额之和一致")


_GOAL_MARK = re.compile(r"目标\s*[0-9０-９一二三四五六七八九十]+\s*[:：、.．]\s*")
_NUMBERED = re.compile(r"(?m)^\s*(?:[（(]\s*\d+\s*[)）]|\d+\s*[、.．])\s*")


def split_goals(text: str) -> tuple[list[str], str]:
    """Goals and how they were split: by ``目标N：``, by numbered lines, by lines."""
    if _GOAL_MARK.search(text):
        parts, how = _GOAL_MARK.split(text), "按“目标N：”拆分"
    elif len(_NUMBERED.findall(text)) >= 2:
        parts, how = _NUMBERED.split(text), "按编号拆分"
    else:
        parts, how = text.split("\n"), "按行拆分"
    goals = [part.strip() for part in parts if part.strip()]
    if len(goals) == 1:
        how = "作为一条目标"
    return goals, how


def read_goals(ctx: SheetContext, label: tuple[int, int], stop_row: int) -> list[str]:
    grid = ctx.grid
    ctx.use(*label)
    first, _, last, right = grid.bounds(*label)
    pieces: list[str] = []
    if label in ctx.inline_values:
        pieces.append(ctx.inline_values[label])
    row = first
    while row < stop_row and (row <= last or not any(c <= right for c, _ in ctx.rows_text(row))):
        texts = [text for column, text in ctx.rows_text(row) if column > right]
        if row > last and not texts:
            break
        for column, _value in ctx.grid.row_cells(row):
            if column > right and grid.is_anchor_or_plain(row, column):
                text = grid.stripped(row, column)
                if text:
                    pieces.append(text)
        row += 1
    goals, how = split_goals("\n".join(pieces))
    if goals:
        ctx.note(f"  年度总体目标：{len(goals)} 条（{how}，{row_span(first, max(first, row - 1))}）")
    else:
        ctx.note("  年度总体目标：未填写")
    return goals
