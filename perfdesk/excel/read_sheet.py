"""One worksheet → one form: find the blocks by their labels, then read each block.

The result carries Chinese notes on what was recognised where, so a clerk can see
at a glance whether the import understood the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfdesk.domain.model import Form, Goal, People
from perfdesk.excel import locate
from perfdesk.excel.context import SheetContext
from perfdesk.excel.grid import SheetGrid, coordinate
from perfdesk.excel.read_indicators import read_indicators
from perfdesk.excel.read_tasks import read_goals, read_tasks
from perfdesk.excel.read_template import choose_template, read_fields

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
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (cell, text): 未导入的内容
    other_kind: str = ""  # "项目支出绩效目标表" / "绩效自评表" when the sheet is that kind of table
    evidence: str = ""  # what gave the other kind away: its title or its labels


# What a sheet looks like when it is not a 部门整体 table: title words, then labels (two or more).
_OTHER_KINDS = (
    ("绩效自评表", ("自评",), "self_eval_sign"),
    ("项目支出绩效目标表", ("项目支出", "项目绩效目标"), "project_sign"),
)
PROJECT_TITLE = "项目支出绩效目标表"
SELF_EVAL_TITLE = "绩效自评表"
_DECORATION = re.compile(r"^(?:附件?|附表|表)\s*[0-9０-９一二三四五六七八九十]+(?:[-－—][0-9]+)?$")
MAX_LISTED = 200  # cells listed one by one in the notes; the rest are counted


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


def _other_kind(ctx: SheetContext) -> tuple[str, str] | None:
    """``(kind title, what gave it away)`` when the sheet is a 项目支出 or 自评 table."""
    head = [text for row in range(1, min(ctx.grid.max_row, 4) + 1) for _, text in ctx.rows_text(row)]
    for title, words, role in _OTHER_KINDS:
        found = [text for text in head if len(text) < 60 and "绩效" in text and any(w in text for w in words)]
        if found:
            return title, f"标题“{found[0]}”"
        labels = {locate.label_key(str(ctx.grid.cells.get(key, ""))) for key in ctx.labels.get(role, ())}
        labels.discard("")
        if len(labels) >= 2:
            shown = "”“".join(sorted(labels)[:3])
            return title, f"有“{shown}”等栏目"
    return None


def _is_bare_form(ctx: SheetContext) -> bool:
    """No task or indicator block, but clearly this table's header (a 申报表 not yet filled in)."""
    if ctx.first("department") is None:
        return False
    rows = range(1, ctx.grid.max_row + 1)
    people = any(locate.is_people_line(text) for row in rows for _, text in ctx.rows_text(row))
    return people or any(ctx.labels.get(role) for role in ("goals", "duties", "funds_composition"))


def read_sheet(grid: SheetGrid, framework_hint: str | None = None) -> SheetRead:
    ctx = SheetContext(grid)
    other = _other_kind(ctx)
    if other is not None and other[0] == PROJECT_TITLE:
        return _read_project_sheet(ctx, other[1])
    if other is not None:
        kind, evidence = other
        if kind == SELF_EVAL_TITLE:
            from perfdesk.excel.read_self_eval_sheet import read_self_eval_sheet

            read = read_self_eval_sheet(ctx, evidence)
            if read is not None:
                return read
        return SheetRead(
            None,
            [f"工作表“{grid.title}”：这是{kind}（{evidence}），但没有找到 perfdesk 能读取的栏目"
             "（自评表应有“三级指标”“实际完成值”“得分”等栏目），"
             "也不把它当作其他表导入，未导入这张工作表"],
            other_kind=kind,
            evidence=evidence,
        )
    indicator_row = _indicator_header(ctx)
    task_header = _task_header(ctx)
    if indicator_row is None and task_header is None and not _is_bare_form(ctx):
        filled = len(grid.unread(set()))
        return SheetRead(
            None,
            [f"工作表“{grid.title}”：没有找到绩效目标表（无“任务名称”“三级指标”等栏目），已跳过"
             + (f"，其中 {filled} 个有内容的单元格未导入" if filled else "")],
        )
    department_at = ctx.first("department")
    goals_at = ctx.first(
        "goals",
        min_row=task_header[0] if task_header else 0,
        max_row=indicator_row - 1 if indicator_row else None,  # a 三级 called 年度目标 is not the block
    )
    block_label = ctx.first("indicators_block", min_row=task_header[0] + 1 if task_header else 0)
    starts = [indicator_row, task_header[0] if task_header else None, goals_at[0] if goals_at else None]
    top = min((r for r in [*starts, department_at[0] if department_at else None] if r is not None), default=1)
    title_texts = [(row, column, text) for row in range(1, top) for column, text in ctx.rows_text(row)]
    _use_title(ctx, title_texts)

    form = Form(people=People())
    _read_year(ctx, form, title_texts)
    _read_department(ctx, form, department_at)
    end = top
    blocks: list[range] = []  # rows of the task and indicator blocks: no signature lines there
    if task_header is not None:
        stop = _next_row(
            ctx,
            task_header[0],
            [goals_at[0] if goals_at else None, indicator_row, block_label[0] if block_label else None],
        )
        block = read_tasks(ctx, task_header, stop)
        form.tasks = block.tasks
        end = max(end, block.end_row)
        blocks.append(range(task_header[0], block.end_row + 1))
    template = choose_template(ctx, form)  # before the indicators: it says which columns are its own
    if task_header is None and (template is None or template.has_block("tasks")):
        ctx.note("  ⚠ 没有找到“年度主要任务”（任务名称、主要内容、预算金额）表头")
    if goals_at is not None:
        stop = _next_row(ctx, goals_at[0], [indicator_row, block_label[0] if block_label else None])
        form.goals = [Goal(text) for text in read_goals(ctx, goals_at, stop)]
        end = max(end, goals_at[0])
    else:
        ctx.note("  ⚠ 没有找到“年度总体目标”")
    if indicator_row is not None:
        own = frozenset(c.key for c in template.extra_indicator_columns) if template else frozenset()
        last = read_indicators(ctx, indicator_row, form, framework_hint, own)
        end = max(end, last)
        blocks.append(range(indicator_row, last + 1))
    else:
        ctx.note("  ⚠ 没有找到“年度绩效指标”（一级指标、二级指标、三级指标、指标值）表头")
        if framework_hint:
            form.framework = framework_hint
    # 填报人 / 联系电话 / 填报日期 stand below the table, or (湖北) in the header rows above it.
    _read_people(ctx, form, [r for r in range(1, grid.max_row + 1) if not any(r in block for block in blocks)])
    if template is not None:
        read_fields(ctx, form, template)
    _note_unsupported_blocks(ctx, form)
    if not form.department and form.people.filler_unit:
        form.department = form.people.filler_unit
        ctx.note(f"  没有“部门（单位）名称”，以填报单位“{form.department}”作为单位名称")
    if form.year is None and form.people.fill_date:
        year = locate.year_in_sheet_title(form.people.fill_date)
        if year is not None:
            form.year = year
            ctx.note(f"  ⚠ 年度：{year}（标题和工作表名中都没有年度，取自填报日期“{form.people.fill_date}”，请核对）")
    if form.year is None:
        ctx.note("  ⚠ 没有找到年度（标题中应有“（2022年）”或“2022年度”），请在 perfdesk 中补填")
    unplaced = _unplaced(ctx)
    summary = (
        f"工作表“{grid.title}”：识别为{form.kind_title}——{form.department or '（未找到单位名称）'}，"
        f"{f'{form.year} 年' if form.year else '年度未知'}；任务 {len(form.tasks)} 项，"
        f"目标 {len(form.goals)} 条，三级指标 {form.indicator_count()} 个"
    )
    return SheetRead(form, [summary, *ctx.notes], [(coordinate(r, c), text) for r, c, text in unplaced])


def _read_project_sheet(ctx: SheetContext, evidence: str) -> SheetRead:
    """A 项目支出绩效目标表 (recognised by ``evidence``): read as a ``project`` form."""
    from perfdesk.excel.read_project import read_project

    grid = ctx.grid
    ctx.note(f"  识别依据：{evidence}")
    form, blocks = read_project(ctx)
    labelled = [r for r, c in ctx.used] or [grid.max_row + 1]
    top = min(labelled)
    title_texts = [(row, column, text) for row in range(1, top) for column, text in ctx.rows_text(row)]
    _use_title(ctx, title_texts)
    _read_year(ctx, form, title_texts)
    _read_people(ctx, form, [r for r in range(1, grid.max_row + 1) if not any(r in block for block in blocks)])
    if form.year is None:
        ctx.note("  ⚠ 没有找到年度（标题中应有“（2026年度）”或“2026年”），请在 perfdesk 中补填")
    unplaced = _unplaced(ctx)
    from perfdesk.domain.forms import template_of

    template = template_of(form)
    goals, grid_block = template.block("goals"), template.block("indicators")
    counts = "，".join(
        [f"{s.label.split('（')[0]} {len(form.side_goals(s.key))} 条" for s in (goals.sides if goals else ())]
        + [f"{'中期' if h == 'mid' else '年度'}三级指标 {sum(1 for _ in form.iter_indicators(h))} 个"
           for h in (grid_block.horizons if grid_block else ("year",))]
    )
    summary = (
        f"工作表“{grid.title}”：识别为{form.kind_title}——{form.fields.get('项目名称') or '（未找到项目名称）'}，"
        f"{f'{form.year} 年' if form.year else '年度未知'}；项目资金 {len(form.funds)} 项，{counts}"
    )
    return SheetRead(form, [summary, *ctx.notes], [(coordinate(r, c), text) for r, c, text in unplaced])


def _note_unsupported_blocks(ctx: SheetContext, form: Form) -> None:
    """Blocks a province adds that the form's template has no place for: say so by name."""
    for role, name in (("duties", "部门（单位）职责"), ("funds_composition", "部门总体资金情况（收入构成、支出构成）")):
        found = ctx.labels.get(role)
        if found and name not in form.fields:
            ctx.note(f"  ⚠ 表中有“{name}”（{coordinate(*found[0])}），部门整体支出绩效目标表暂无此栏，"
                     "其内容列在下方“未导入的内容”中")


def _use_title(ctx: SheetContext, title_texts: list[tuple[int, int, str]]) -> None:
    """The title, its year line, 附件 markers and the money unit line are understood, not data."""
    for row, column, text in title_texts:
        key = locate.label_key(text)
        if (
            ("绩效" in key and "表" in key)
            or locate.find_year(text) is not None
            or _DECORATION.match(key)
            or key in ("（年度）", "（年）")  # the year line left blank to write in by hand
            or (locate.money_unit_of(text) and len(key) <= 12)
        ):
            ctx.use(row, column)


def _unplaced(ctx: SheetContext) -> list[tuple[int, int, str]]:
    """Filled cells the form has no place for, listed in the notes (never dropped silently)."""
    left = ctx.grid.unread(ctx.used)
    if left:
        ctx.note(f"  ⚠ 未导入的内容（{len(left)} 处，表中有内容但表格里没有对应栏目，请核对）：")
        for row, column, text in left[:MAX_LISTED]:
            shown = " ".join(text.split())
            shown = shown if len(shown) <= 60 else shown[:60] + "……"
            ctx.note(f"    {coordinate(row, column)}“{shown}”")
        if len(left) > MAX_LISTED:
            ctx.note(f"    ……另有 {len(left) - MAX_LISTED} 处")
    return left


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


def _read_department(ctx: SheetContext, form: Form, label: tuple[int, int] | None) -> None:
    if label is None:
        return
    grid = ctx.grid
    ctx.use(*label)
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
        for index, (column, text) in enumerate(texts):
            if not locate.is_people_line(text):
                continue
            entries = locate.split_people(text)
            cells = [(row, column)]
            kept = True  # every value in these cells is in the form (else they are listed as not imported)
            for position, (name, value, empty) in enumerate(entries):
                if empty and position == len(entries) - 1 and index + 1 < len(texts):
                    neighbour = texts[index + 1][1]
                    if not locate.is_people_line(neighbour) and not any(c in neighbour for c in ":："):
                        value = neighbour
                        cells.append((row, texts[index + 1][0]))
                if name not in found or (not found[name] and value):
                    found[name] = value
                elif value and value != found[name]:
                    kept = False  # a second 填报人 with another name: the first is kept
            if kept:
                for cell in cells:
                    ctx.use(*cell)
    for name, value in found.items():
        setattr(form.people, name, value)
    filled = [_PEOPLE_NAMES[n] for n, v in found.items() if v]
    if filled:
        ctx.note(f"  签字栏：{'、'.join(filled)}")
