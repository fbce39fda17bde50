"""One worksheet → one 绩效自评表 (kind ``self_evaluation``), the 一体化 export shape and perfdesk's own.

Blocks are found by their labels: the header (项目名称 / 主管部门 / 实施单位, or 部门（单位）名称 for the
部门整体 variant ``dept-self-eval``), the money block (a heading row with 年初预算数 / 全年预算数 /
全年执行数 / 分值 / 执行率 / 得分, rows 年度资金总额 / 其中：当年(本年)财政拨款 / 上年结转资金 / 其他资金),
年度总体目标 (预期目标 | 实际完成情况 with the texts below), the indicator grid (一级 | 二级 | 三级 |
年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…; （A）/（B） suffixes optional, 一级 labels may carry
``(50分)``) and the 总分 row.

Typed scores are kept: a row's 得分 goes into ``extras["score"]`` so 审核 compares it with the rules
(self.score_differs …); the typed 总分, 执行率 and 预算得分 go into ``Form.fields`` under
:data:`TYPED_FIELDS` labels and the notes say where they differ from the computed figures. A typed
得分 that equals what the rules compute on a quantitative or date row is not stored: it is the
computed score, and storing it would freeze it against later edits of 实际完成值.

A formula cell (得分, 执行率, 总分 in perfdesk's own export) is computed, not typed: it is never
stored as a typed figure; its saved result, when the file has one, is only compared in the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfdesk.domain import self_eval as se
from perfdesk.domain.model import KIND_SELF_EVALUATION, Form, Goal, Indicator, Level1, Level2
from perfdesk.domain.scoring import rows as sr
from perfdesk.excel import locate
from perfdesk.excel.context import SheetContext
from perfdesk.excel.grid import coordinate

Cell = tuple[int, int]

TYPED_TOTAL, TYPED_RATE, TYPED_BUDGET_SCORE, TYPED_GRADE = "填报总分", "填报预算执行率", "填报预算得分", "填报自评等级"
TYPED_FIELDS = (TYPED_TOTAL, TYPED_RATE, TYPED_BUDGET_SCORE, TYPED_GRADE)

_SUFFIX = re.compile(r"（[^）]*）$")
_POINTS = re.compile(r"\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")
_DASHES = ("-", "—", "--", "——", "/", "－", "无")
_PROJECT = locate._keys("项目名称")
_DEPARTMENT = locate._keys("部门（单位）名称", "部门名称", "单位名称", "预算部门", "部门（单位）")
_HEADER = {
    "项目名称": _PROJECT,
    "主管部门": locate._keys("主管部门", "主管部门及代码"),
    "实施单位": locate._keys("实施单位", "项目实施单位"),
}
_FUND_COLUMNS = {"年初预算数": "initial", "年初预算": "initial", "全年预算数": "full_year", "调整后预算数": "full_year",
                 "调整后的预算": "full_year", "全年执行数": "executed", "分值": "weight", "执行率": "rate",
                 "预算执行率": "rate", "预算执行率%": "rate", "得分": "score", "自评得分": "score"}
_GRID_COLUMNS = {
    "一级指标": "level1", "二级指标": "level2", "三级指标": "level3", "指标名称": "level3",
    "年度指标值": "value", "指标值": "value", "目标值": "value",
    "实际完成值": "actual", "全年完成值": "actual", "完成值": "actual", "全年实际值": "actual",
    "分值": "weight", "权重": "weight", "指标权重": "weight",
    "得分": "score", "指标得分": "score", "自评得分": "score",
    "偏差原因分析及改进措施": "deviation", "偏差原因分析": "deviation", "偏差原因": "deviation",
    "未完成原因分析": "deviation",
}


def _key(text: str) -> str:
    """A heading without its （A）/（B/A） suffix: 全年预算数（A） → 全年预算数."""
    return _SUFFIX.sub("", locate.label_key(text))


def _fund_row(text: str) -> str | None:
    key = locate.label_key(text).removeprefix("其中").lstrip("：:")
    if key in ("年度资金总额", "资金总额", "合计", "总计"):
        return "total"
    if "财政拨款" in key or key in ("财政资金", "当年财政资金"):
        return "fiscal"
    if key.startswith("上年结转"):
        return "carryover"
    if key == "其他资金":
        return "other"
    return None


@dataclass
class _Read:
    form: Form
    typed_rows: list[tuple[Indicator, str]] = field(default_factory=list)  # (row, 得分 as typed)
    dropped_equal: int = 0
    formula_results: dict[str, str] = field(default_factory=dict)  # what a formula's saved result said
    blocks: list[range] = field(default_factory=list)


def grid_header(ctx: SheetContext) -> tuple[int, dict[str, int]] | None:
    """The indicator grid's heading row and its columns, when the sheet has one with 实际完成值."""
    for row in range(1, ctx.grid.max_row + 1):
        columns: dict[str, int] = {}
        for column, text in ctx.rows_text(row):
            role = _GRID_COLUMNS.get(_key(text)) if len(text) <= 24 else None
            if role is not None and role not in columns:
                columns[role] = column
        if "level3" in columns and ("actual" in columns or "score" in columns):
            return row, columns
    return None


def read_self_eval(ctx: SheetContext) -> Form | None:
    """The sheet as a self-evaluation, or ``None`` when it has no indicator grid with 实际完成值/得分."""
    header = grid_header(ctx)
    if header is None:
        return None
    grid_row, columns = header
    form = Form(kind=KIND_SELF_EVALUATION, template="mof-2020")
    read = _Read(form)
    _header_fields(ctx, form, grid_row)
    funds_end = _funds(ctx, read, grid_row)
    _goals(ctx, form, max(funds_end, 1), grid_row)
    total_row = _indicators(ctx, read, grid_row, columns)
    if total_row is not None:
        _total(ctx, read, total_row, columns)
    _compare(ctx, read)
    return form


def _right_value(ctx: SheetContext, cell: Cell, stop: frozenset[str]) -> tuple[Cell | None, str]:
    grid = ctx.grid
    row, column = cell
    text = str(grid.cells.get(cell, ""))
    for mark in ("：", ":"):
        head, found, tail = text.partition(mark)
        if found and tail.strip() and locate.label_key(head) in stop:
            return cell, tail.strip()
    right = grid.bounds(row, column)[3]
    for other, _value in grid.row_cells(row):
        if other <= right or not grid.is_anchor_or_plain(row, other):
            continue
        value = grid.stripped(row, other)
        if not value:
            continue
        if locate.label_key(value) in stop:
            return None, ""
        return (row, other), value
    return None, ""


def _header_fields(ctx: SheetContext, form: Form, last_row: int) -> None:
    labels = frozenset().union(*_HEADER.values(), _DEPARTMENT)
    found: dict[str, tuple[Cell, str]] = {}
    for (row, column), value in sorted(ctx.grid.cells.items()):
        if row >= last_row or not isinstance(value, str) or not ctx.grid.is_anchor_or_plain(row, column):
            continue
        key = locate.label_key(re.split(r"[:：]", value.strip(), maxsplit=1)[0])
        for name, spellings in (*_HEADER.items(), ("department", _DEPARTMENT)):
            if key in spellings and name not in found:
                ctx.use(row, column)
                where, text = _right_value(ctx, (row, column), labels)
                found[name] = ((row, column), text)
    if "项目名称" not in found and "department" in found:
        form.template = "dept-self-eval"
        form.department = found["department"][1]
        if "主管部门" in found and not form.department:
            form.department = found["主管部门"][1]
        ctx.note(f"  识别为部门（单位）整体支出绩效自评表：{form.department or '（未找到部门名称）'}")
        return
    for name in _HEADER:
        if name in found and found[name][1]:
            form.fields[name] = found[name][1]
    if "department" in found and found["department"][1]:  # a 单位名称 beside 项目名称: the 实施单位
        form.fields.setdefault("实施单位", found["department"][1])
    ctx.note(f"  表头：{'，'.join(f'{k}“{v}”' for k, v in form.fields.items()) or '（没有找到项目名称等表头）'}")


def _funds(ctx: SheetContext, read: _Read, grid_row: int) -> int:
    """The money block above the indicator grid; returns the row after it (0 when there is none)."""
    grid, form = ctx.grid, read.form
    columns: dict[str, int] = {}
    for row in range(1, grid_row):
        columns = {}
        for column, text in ctx.rows_text(row):
            role = _FUND_COLUMNS.get(_key(text)) if len(text) <= 16 else None
            if role is not None:
                columns.setdefault(role, column)
        if "executed" in columns and "full_year" in columns:
            break
    else:
        ctx.note("  ⚠ 没有找到项目资金栏目（年初预算数、全年预算数、全年执行数）")
        return 0
    for column in columns.values():
        ctx.use(row, column)
    first_money = min(columns.values())
    end = row + 1
    rows_read = []
    for r in range(row + 1, min(row + 8, grid_row)):
        labels = [(c, t) for c, t in ctx.rows_text(r) if c < first_money]
        fund_row = next((fr for _c, t in labels if (fr := _fund_row(t)) is not None), None)
        if fund_row is None:
            break
        end = r + 1
        rows_read.append(se.FUND_ROW_LABELS[fund_row])
        for c, t in labels:
            if _fund_row(t) is not None:
                ctx.use(r, c)
        for role, column in columns.items():
            key = (r, column)
            if key in grid.formulas and role in ("rate", "score"):  # computed; an amount's result is its value
                ctx.use(r, column)
                if grid.cells.get(key) is not None and fund_row == "total":
                    read.formula_results[role] = grid.text(r, column)
                continue
            if role in ("initial", "full_year", "executed"):
                amount, words = grid.amount_or_text(r, column)
                if amount is not None:
                    value = grid.cells.get(key)
                    form.funds[f"{fund_row}.{role}"] = grid.stripped(r, column) if not isinstance(value, str) \
                        else format(amount, "f")
                elif words is not None:
                    form.funds[f"{fund_row}.{role}"] = words
                continue
            text = grid.stripped(r, column)
            if not text or text in _DASHES:
                continue
            if fund_row != "total":
                grid.touched.discard(key)  # a sub-row's 分值/执行率/得分 has no place: listed, never dropped
                continue
            if role == "weight":
                form.funds[se.BUDGET_WEIGHT] = text
            elif role == "rate":
                form.fields[TYPED_RATE] = text
            else:
                form.fields[TYPED_BUDGET_SCORE] = text
    block_label = next(((r, c) for r in range(row, end) for c, t in ctx.rows_text(r) if c < first_money
                        and any(w in locate.label_key(t) for w in ("资金", "预算执行")) and _fund_row(t) is None), None)
    if block_label is not None:
        ctx.use(*block_label)
    read.blocks.append(range(row, end))
    ctx.note(f"  项目资金：第 {row} 行起，{'、'.join(rows_read) or '没有资金行'}，{len(form.funds)} 项")
    return end


def _goals(ctx: SheetContext, form: Form, first: int, grid_row: int) -> None:
    from perfdesk.excel.read_tasks import split_goals

    expected_keys = locate._keys("预期目标", "年度目标", "年初绩效目标")
    actual_keys = locate._keys("实际完成情况", "目标实际完成情况", "全年实际完成情况", "全年目标实际完成情况")
    for row in range(first, grid_row):
        texts = ctx.rows_text(row)
        expected = next((c for c, t in texts if locate.label_key(t) in expected_keys), None)
        actual = next((c for c, t in texts if locate.label_key(t) in actual_keys), None)
        if expected is None and actual is None:
            continue
        below = ctx.grid.bounds(row, expected or actual or 1)[2] + 1
        for column, target in ((expected, "expected"), (actual, "actual")):
            if column is None:
                continue
            ctx.use(row, column)
            if below >= grid_row:
                continue
            text = ctx.grid.text(below, column).strip()
            if target == "expected":
                goals, how = split_goals(text)
                form.goals = [Goal(g) for g in goals]
                if goals:
                    ctx.note(f"  预期目标：{len(goals)} 条（{how}）")
            elif text:
                form.fields[se.GOAL_ACTUAL_FIELD] = text
        for column, text in texts:  # the block's caption (年度总体目标) left of the captions
            if column < min(c for c in (expected, actual) if c is not None) and "目标" in locate.label_key(text):
                ctx.use(row, column)
        for r in range(row, below + 1):
            for column, text in ctx.rows_text(r):
                if "总体目标" in locate.label_key(text) and len(text) <= 16:
                    ctx.use(r, column)
        return
    ctx.note("  ⚠ 没有找到年度总体目标（预期目标、实际完成情况）")


def _is_total(ctx: SheetContext, row: int) -> bool:
    return any(locate.label_key(t) in ("总分", "合计", "总计", "自评总分") for _c, t in ctx.rows_text(row))


def _indicators(ctx: SheetContext, read: _Read, header: int, columns: dict[str, int]) -> int | None:
    """The rows below the grid heading up to 总分; returns the 总分 row."""
    grid, form = ctx.grid, read.form
    for column in columns.values():
        ctx.use(header, column)
    caption = next(((header, c) for c, t in ctx.rows_text(header) if c < min(columns.values())), None)
    if caption is not None:
        ctx.use(*caption)
    level1: Level1 | None = None
    level2: Level2 | None = None
    count = empty_groups = 0
    row = header + 1
    total_row = None
    while row <= grid.max_row:
        if _is_total(ctx, row):
            total_row = row
            break
        cells = {role: grid.text(row, column, expand=role in ("level1", "level2")).strip()
                 for role, column in columns.items() if role != "score"}
        score_cell = (row, columns["score"]) if "score" in columns else None
        name1 = _POINTS.sub("", cells.get("level1", ""))
        name2 = cells.get("level2", "")
        own = ("value", "actual", "weight", "deviation", "level3")
        score_text = ""
        if score_cell is not None and score_cell not in grid.formulas:
            score_text = grid.stripped(*score_cell)
        elif score_cell is not None:
            ctx.use(*score_cell)
        if not name1 and not name2 and not any(cells.get(k) for k in own) and not score_text:
            if not ctx.rows_text(row) and not any(grid.cells.get((row, c)) is not None for c in columns.values()):
                row += 1
                continue
            break  # the grid is over (signature lines and the like follow)
        if level1 is None or (name1 and name1 != level1.name):
            level1 = next((l1 for l1 in form.tree if l1.name == name1), None) or Level1(name1)
            if level1 not in form.tree:
                form.tree.append(level1)
            level2 = None
        if level2 is None or (name2 and name2 != level2.name):
            level2 = level1.child(name2) or Level2(name2)
            if level2 not in level1.children:
                level1.children.append(level2)
        if not any(cells.get(k) for k in own) and not score_text:
            if name2 and grid.is_anchor_or_plain(row, columns["level2"]):
                empty_groups += 1  # the 一体化 export's empty trailing row: the group is kept, without rows
            row += 1
            continue
        extras: dict[str, str] = {}
        for role, key in (("actual", se.ACTUAL), ("weight", se.WEIGHT), ("deviation", se.DEVIATION)):
            if cells.get(role):
                extras[key] = cells[role]
        indicator = Indicator(cells.get("level3", ""), cells.get("value", ""), extras)
        if score_text == "不适用":
            indicator.extras = {**extras, se.NOT_APPLICABLE: se.YES}
        elif score_text and score_text not in _DASHES:
            read.typed_rows.append((indicator, score_text))
        elif score_text and score_cell is not None:
            ctx.use(*score_cell)  # "—": nothing typed
        level2.indicators.append(indicator)
        count += 1
        row += 1
    read.blocks.append(range(header, (total_row or row) + 1))
    _typed_scores(read)
    ctx.note(f"  绩效指标：第 {header} 行起，一级指标 {len(form.tree)} 个，三级指标 {count} 个"
             + (f"；{empty_groups} 行只有指标分类、没有三级指标，保留为空的指标分组" if empty_groups else ""))
    return total_row


def _typed_scores(read: _Read) -> None:
    """Each row's typed 得分 is kept, except where it is exactly what the rules compute."""
    form = read.form
    for indicator, text in read.typed_rows:
        indicator.extras = {**indicator.extras, se.SCORE: text}
    scored = se.score_form(form)
    for indicator, _text in read.typed_rows:
        row = scored.rows[indicator.id]
        if row.method != sr.QUALITATIVE and row.computed is not None and row.typed == row.computed:
            indicator.extras = {k: v for k, v in indicator.extras.items() if k != se.SCORE}
            read.dropped_equal += 1


def _total(ctx: SheetContext, read: _Read, row: int, columns: dict[str, int]) -> None:
    grid, form = ctx.grid, read.form
    for column, text in ctx.rows_text(row):
        if locate.label_key(text) in ("总分", "合计", "总计", "自评总分"):
            ctx.use(row, column)
    for role, column in columns.items():
        key = (row, column)
        if key in grid.formulas:
            ctx.use(row, column)
            if grid.cells.get(key) is not None and role == "score":
                read.formula_results["total"] = grid.text(row, column)
            continue
        text = grid.stripped(row, column) if key in grid.cells else ""
        if not text:
            continue
        if role == "score":
            form.fields[TYPED_TOTAL] = text
        elif role == "weight" and text in ("100", "100.00", "100.0"):
            pass
        elif role == "deviation" and (text.removeprefix("自评等级").lstrip("：:") in ("优", "良", "中", "差")):
            form.fields[TYPED_GRADE] = text.removeprefix("自评等级").lstrip("：:")
        else:
            grid.touched.discard(key)
    for column in range(max(columns.values()) + 1, grid.max_column + 1):  # a grade written after the grid
        if (row, column) in grid.formulas:
            ctx.use(row, column)


def _compare(ctx: SheetContext, read: _Read) -> None:
    """Where what was typed (or a formula's saved result) differs from what the rules compute."""
    from perfdesk.domain.scoring.numbers import percent

    form = read.form
    scored = se.score_form(form)
    differing = [(ind, scored.rows[ind.id]) for ind, _ in read.typed_rows
                 if scored.rows[ind.id].flags & {sr.DIFFERS, sr.OUT_OF_RANGE, sr.OUTSIDE_BAND, sr.RAISED}]
    kept = sum(1 for ind, _ in read.typed_rows if se.SCORE in ind.extras)
    if read.typed_rows:
        ctx.note(f"  得分：{len(read.typed_rows)} 行填写了得分，{read.dropped_equal} 行与按规则计算的一致，"
                 f"{kept} 行作为填报得分保留（定性指标的得分、与规则不一致的得分由审核核对）")
    for indicator, score in differing[:10]:
        shown = score.computed if score.computed is not None else "—"
        ctx.note(f"  ⚠ “{indicator.name}”填报得分 {indicator.extras.get(se.SCORE)}，按规则计算 {shown}")
    if len(differing) > 10:
        ctx.note(f"  ⚠ ……另有 {len(differing) - 10} 行得分与按规则计算的不一致")
    budget = scored.budget
    rate = percent(budget.rate) if budget is not None and budget.rate is not None else "—（无法计算）"
    budget_score = str(budget.score) if budget is not None and budget.score is not None else "—（无法计算）"
    total = str(scored.total.total)
    for label, key, formula, computed in (
        ("执行率", TYPED_RATE, "rate", rate),
        ("预算执行得分", TYPED_BUDGET_SCORE, "score", budget_score),
        ("总分", TYPED_TOTAL, "total", total),
    ):
        typed, source = form.fields.get(key), "填报"
        if typed is None:
            typed, source = read.formula_results.get(formula), "表中公式结果"
        if typed is None:
            continue
        if not _same(typed, computed):
            ctx.note(f"  ⚠ {source}{label} {typed}，按规则计算 {computed}")
        else:
            ctx.note(f"  {source}{label} {typed}，与按规则计算的一致")


def _same(typed: str, computed: str) -> bool:
    from decimal import Decimal, InvalidOperation

    def number(text: str) -> Decimal | None:
        body = text.strip().rstrip("%")
        try:
            value = Decimal(body)
        except InvalidOperation:
            return None
        return value

    a, b = number(typed), number(computed)
    return a is not None and b is not None and a == b


def place_list(form: Form) -> str:
    """A one-line summary of what was read (for the sheet's first note)."""
    name = form.fields.get("项目名称") or form.department or "（未找到名称）"
    return (f"{name}，{f'{form.year} 年' if form.year else '年度未知'}；项目资金 {len(form.funds)} 项，"
            f"预期目标 {len(form.goals)} 条，三级指标 {form.indicator_count()} 个")


__all__ = ["TYPED_FIELDS", "coordinate", "grid_header", "place_list", "read_self_eval"]
