"""One worksheet → one form: find the blocks by their labels, then read each block.

The result carries Chinese notes on what was recognised where, so a clerk can see
at a glance whether the import understood the template.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfdesk.domain.model import Form, Goal, People
from perfdesk.excel import locate
from perfdesk.excel.context import SheetContext
from perfdesk.excel.grid import SheetGrid, coordinate
from perfdesk.excel.read_indicators import read_indicators
from perfdesk.excel.read_tasks import read_goals, read_tasks

_PEOPLE_NAMES = {
    "filler_unit": "填报单位",
    "unit_head": "单位负责人",
    "finance_head": "财务负责人",
    "preparer": "填报人",
    "phone": "联系电话",
    "fill_date": "填报日期",
}


@dataclass
class SheetRead:
    form: Form | None
    notes: list[str] = field(default_factory=list)


def _indicator_header(ctx: SheetContext) -> int | None:
    for row, _column in ctx.labels.get("level3", ()):
        roles = {role for role in ("level1", "level2", "level3", "value") if ctx.in_row(role, row)}
        if len(roles) >= 2:
            return row
    return None


def _task_header(ctx: SheetContext) -> tuple[int, int] | None:
    for row, column in ctx.labels.get("task_name", ()):
        if ctx.in_row("task_content", row, column + 1) or any(
            ctx.in_row(role, r, column + 1) for r in (row, row + 1) for role in ("budget", "total", "fiscal")
        ):
            return row, column
    return None


def _next_row(ctx: SheetContext, after: int, candidates: list[int | None]) -> int:
    rows = [r for r in candidates if r is not None and r > after]
    return min(rows, default=ctx.grid.max_row + 1)


def read_sheet(grid: SheetGrid, framework_hint: str | None = None) -> SheetRead:
    ctx = SheetContext(grid)
    indicator_row = _indicator_header(ctx)
    task_header = _task_header(ctx)
    if indicator_row is None and task_header is None:
        return SheetRead(None, [f"工作表“{grid.title}”：没有找到绩效目标表（无“任务名称”“三级指标”等栏目），已跳过"])
    department_at = ctx.first("department")
    goals_at = ctx.first(
        "goals",
        min_row=task_header[0] if task_header else 0,
        max_row=indicator_row - 1 if indicator_row else None,  # a 三级 called 年度目标 is not the block
    )
    block_label = ctx.first("indicators_block", min_row=task_header[0] + 1 if task_header else 0)
    starts = [indicator_row, task_header[0] if task_header else None, goals_at[0] if goals_at else None]
    top = min(r for r in [*starts, department_at[0] if department_at else None] if r is not None)
    title_texts = [(row, column, text) for row in range(1, top) for column, text in ctx.rows_text(row)]
    if any("项目支出" in text and "绩效" in text for _, _, text in title_texts):
        return SheetRead(
            None,
            [f"工作表“{grid.title}”：这是项目支出绩效目标表，perfdesk 暂只支持部门（单位）整体支出绩效目标表，已跳过"],
        )

    form = Form(people=People())
    _read_year(ctx, form, title_texts)
    _read_department(ctx, form, department_at)
    end = top
    if task_header is not None:
        stop = _next_row(
            ctx,
            task_header[0],
            [goals_at[0] if goals_at else None, indicator_row, block_label[0] if block_label else None],
        )
        block = read_tasks(ctx, task_header, stop)
        form.tasks = block.tasks
        end = max(end, block.end_row)
    else:
        ctx.note("  ⚠ 没有找到“年度主要任务”（任务名称、主要内容、预算金额）表头")
    if goals_at is not None:
        stop = _next_row(ctx, goals_at[0], [indicator_row, block_label[0] if block_label else None])
        form.goals = [Goal(text) for text in read_goals(ctx, goals_at, stop)]
        end = max(end, goals_at[0])
    else:
        ctx.note("  ⚠ 没有找到“年度总体目标”")
    if indicator_row is not None:
        end = max(end, read_indicators(ctx, indicator_row, form, framework_hint))
    else:
        ctx.note("  ⚠ 没有找到“年度绩效指标”（一级指标、二级指标、三级指标、指标值）表头")
        if framework_hint:
            form.framework = framework_hint
    _read_people(ctx, form, list(range(1, top)) + list(range(end + 1, grid.max_row + 1)))
    if not form.department and form.people.filler_unit:
        form.department = form.people.filler_unit
        ctx.note(f"  没有“部门（单位）名称”，以填报单位“{form.department}”作为单位名称")
    summary = (
        f"工作表“{grid.title}”：识别为{form.kind_title}——{form.department or '（未找到单位名称）'}，"
        f"{f'{form.year} 年' if form.year else '年度未知'}；任务 {len(form.tasks)} 项，"
        f"目标 {len(form.goals)} 条，三级指标 {form.indicator_count()} 个"
    )
    return SheetRead(form, [summary, *ctx.notes])


def _read_year(ctx: SheetContext, form: Form, title_texts: list[tuple[int, int, str]]) -> None:
    ordered = sorted(title_texts, key=lambda item: ("（" not in item[2] and "(" not in item[2], item[0], item[1]))
    for row, column, text in ordered:
        year = locate.find_year(text)
        if year is not None:
            form.year = year
            ctx.note(f"  年度：{year}（取自 {coordinate(row, column)}“{text[:30]}”）")
            return
    year = locate.year_in_sheet_title(ctx.grid.title)
    if year is not None:
        form.year = year
        ctx.note(f"  年度：{year}（取自工作表名）")
        return
    ctx.note("  ⚠ 没有找到年度（标题中应有“（2022年）”或“2022年度”），请在 perfdesk 中补填")


def _read_department(ctx: SheetContext, form: Form, label: tuple[int, int] | None) -> None:
    if label is None:
        return
    grid = ctx.grid
    if label in ctx.inline_values:
        form.department = ctx.inline_values[label]
        ctx.note(f"  单位名称：取自 {coordinate(*label)}")
        return
    right = grid.bounds(*label)[3]
    for column, _value in grid.row_cells(label[0]):
        if column > right and grid.is_anchor_or_plain(label[0], column):
            text = grid.stripped(label[0], column)
            if text:
                form.department = text
                ctx.note(f"  单位名称：取自 {coordinate(label[0], column)}")
                return
    ctx.note(f"  ⚠ “部门（单位）名称”（{coordinate(*label)}）右侧没有填写单位名称")


def _read_people(ctx: SheetContext, form: Form, rows: list[int]) -> None:
    found: dict[str, str] = {}
    for row in rows:
        texts = ctx.rows_text(row)
        for index, (_column, text) in enumerate(texts):
            if not locate.is_people_line(text):
                continue
            entries = locate.split_people(text)
            for position, (name, value, empty) in enumerate(entries):
                if empty and position == len(entries) - 1 and index + 1 < len(texts):
                    neighbour = texts[index + 1][1]
                    if not locate.is_people_line(neighbour) and not any(c in neighbour for c in ":："):
                        value = neighbour
                if name not in found or (not found[name] and value):
                    found[name] = value
    for name, value in found.items():
        setattr(form.people, name, value)
    filled = [_PEOPLE_NAMES[n] for n, v in found.items() if v]
    if filled:
        ctx.note(f"  签字栏：{'、'.join(filled)}")
