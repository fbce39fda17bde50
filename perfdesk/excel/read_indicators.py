"""Reading the 年度绩效指标 block: the 一级 › 二级 › 三级 tree and each 指标值.

Templates write 一级/二级 merged over their rows, repeated on every row, or only on
the first row of the group; all three read the same here (merged cells are read
through their anchor, blanks carry the name above). A 一级 left blank is inferred
from its 二级 when the framework says where that 二级 belongs. Legacy names are
mapped (FORM-SPEC §2) and every mapping is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfdesk.domain.forms import clean_label
from perfdesk.domain.framework import DEFAULT_FRAMEWORK, Framework, get_framework, legacy_names, map_legacy_level2
from perfdesk.domain.model import Form, Indicator, Level1
from perfdesk.domain.values import ValueKind, parse_value
from perfdesk.excel import locate
from perfdesk.excel.context import SheetContext, row_span
from perfdesk.excel.grid import SheetGrid, coordinate

_JUNK = frozenset({"-", "—", "--", "——", "/", "无", "－", "不适用"})
_WORD_COMPARATORS = {
    "大于等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "以上": "≥",
    "小于等于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "不多于": "≤",
    "不大于": "≤",
    "以下": "≤",
    "等于": "=",
    "大于": ">",
    "高于": ">",
    "小于": "<",
    "低于": "<",
}
_COST_2021 = frozenset({"经济成本指标", "社会成本指标", "生态环境成本指标"})


@dataclass
class RawRow:
    row: int
    level1: str
    level2: str
    name: str = ""
    value: str = ""
    extras: dict[str, str] = field(default_factory=dict)
    group_only: bool = False


@dataclass
class Columns:
    level1: int | None = None
    level2: int | None = None
    level3: int | None = None
    value: int | None = None
    unit: int | None = None
    comparator: int | None = None
    extras: dict[int, str] = field(default_factory=dict)
    headings: dict[int, str] = field(default_factory=dict)  # column -> its heading, as a key
    own: frozenset[str] = frozenset()  # extra columns the template declares: kept, never joined

    def heading(self, column: int, default: str) -> str:
        return self.headings.get(column) or default


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _header(ctx: SheetContext, row: int) -> tuple[Columns, int]:
    cols = Columns()
    bottom = row
    for column, text in ctx.rows_text(row):
        for role in ("level1", "level2", "level3", "value", "unit", "comparator"):
            if ctx.has_role(row, column, role) and getattr(cols, role) is None:
                setattr(cols, role, column)
                cols.headings[column] = clean_label(text)
                break
        else:
            if not ctx.has_role(row, column, "indicators_block", "tasks_block", "goals"):
                cols.extras[column] = clean_label(text)
    first = min(c for c in (cols.level1, cols.level2, cols.level3, cols.value) if c is not None)
    cols.extras = {c: key for c, key in cols.extras.items() if c > first}
    # The block label (年度绩效指标) is merged down the whole block: only column headers count.
    for header in [cols.level1, cols.level2, cols.level3, cols.value, cols.unit, cols.comparator, *cols.extras]:
        if header is not None:
            bottom = max(bottom, ctx.grid.bounds(row, header)[2])
            ctx.use(row, header)
    return cols, bottom


def _is_stop(ctx: SheetContext, row: int, texts: list[tuple[int, str]], cols: Columns) -> bool:
    """The table has ended: a note (``注：``, ``填报说明``), signature lines, or another table.

    A signature line ends the table when it starts the row or stands in the 三级 column; one
    standing beside a row's 三级 (a stray ``填报人`` in column K) does not end the table."""
    if not texts:
        return False
    has_indicator = any(column in (cols.level3, cols.value) for column, _ in texts)
    if (locate.is_note(texts[0][1]) or ctx.has_role(row, texts[0][0], "remarks")) and not has_indicator:
        return True  # a closing 备注 row is not a 一级 group
    for column, text in texts:
        signature = locate.is_people_line(text) or ctx.has_role(row, column, "department")
        if signature and (column == texts[0][0] or column == cols.level3):
            return True
        if ctx.has_role(row, column, "task_name") and ctx.in_row("task_content", row):
            return True  # another table's header, not a 三级 that happens to be called 任务
    return False


# ``=100%`` typed into a cell: Excel takes it for a formula. Its text is what the clerk meant.
_CONSTANT_FORMULA = re.compile(r"^=\s*[+-]?\d+(?:\.\d+)?\s*%?$")


def _value(ctx: SheetContext, row: int, cols: Columns, extras: dict[str, str], joined: list[str]) -> str:
    grid = ctx.grid
    formula = grid.formulas.get((row, cols.value)) if cols.value else None
    if formula and _CONSTANT_FORMULA.match(formula.strip()) and grid.is_anchor_or_plain(row, cols.value or 0):
        grid.touched.add((row, cols.value or 0))
        value = "".join(formula.split())
        cell = coordinate(row, cols.value or 0)
        ctx.note(f"  {cell} 的指标值在 Excel 中是公式“{formula}”，按输入的文字“{value}”导入")
    else:
        value = grid.stripped(row, cols.value) if cols.value and grid.is_anchor_or_plain(row, cols.value) else ""
    if cols.comparator:
        typed = grid.stripped(row, cols.comparator)
        word = _WORD_COMPARATORS.get(typed, typed)
        # The grammar's own symbol (＝ ≧ >= … become = ≥): perfdesk writes this joined value itself.
        symbol = parse_value(word + "1").comparator if word and word not in _JUNK else ""
        own = parse_value(value).comparator if value else ""
        if value and symbol and not own:
            value = symbol + value
        elif typed and typed not in _JUNK and not (symbol and own == symbol):
            extras[cols.heading(cols.comparator, "计算符号")] = typed  # not joinable: kept beside the value
    if cols.unit and cols.heading(cols.unit, "计量单位") in cols.own:
        if unit := grid.stripped(row, cols.unit):
            extras[cols.heading(cols.unit, "计量单位")] = unit  # the template's own column
    elif cols.unit:
        unit = grid.stripped(row, cols.unit)
        if unit and unit not in _JUNK and not (value and value.endswith(unit)):
            parsed = parse_value(value)
            if value and parsed.kind is ValueKind.NUMBER and parsed.unit == "":
                joined.append(f"第 {row} 行“{value}”+“{unit}”")
                value += unit
            else:
                extras[cols.heading(cols.unit, "计量单位")] = unit
    return value


def _is_percent_number(grid: SheetGrid, row: int, column: int) -> bool:
    value = grid.cells.get((row, column))
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return is_number and "%" in grid.formats.get((row, column), "")


def _collect(ctx: SheetContext, cols: Columns, first_row: int) -> tuple[list[RawRow], int]:
    grid = ctx.grid
    rows: list[RawRow] = []
    current1 = current2 = ""
    last = first_row - 1
    joined: list[str] = []
    bare_percent: list[str] = []
    with_comparator = 0
    for row in range(first_row, grid.max_row + 1):
        texts = ctx.rows_text(row)
        if _is_stop(ctx, row, texts, cols):
            break
        given1 = _squeeze(grid.text(row, cols.level1, expand=True)) if cols.level1 else ""
        given2 = _squeeze(grid.text(row, cols.level2, expand=True)) if cols.level2 else ""
        if given1 and given1 != current1:
            current1, current2 = given1, ""
        if given2:
            current2 = given2
        before = set(grid.touched)
        extras: dict[str, str] = {}
        for column, key in cols.extras.items():
            if grid.is_anchor_or_plain(row, column) and (text := grid.stripped(row, column)):
                extras[key] = text
        name = grid.stripped(row, cols.level3) if cols.level3 and grid.is_anchor_or_plain(row, cols.level3) else ""
        value = _value(ctx, row, cols, extras, joined)
        if not (name or value):
            # No 三级 name and no 指标值: not an indicator. What else the row holds (a unit, a
            # 指标值类型 left from the template) is listed as not imported, never made an unnamed 三级.
            grid.touched = before | {grid.anchor(row, c) for c in (cols.level1, cols.level2) if c is not None}
            if given1 or given2:
                rows.append(RawRow(row, current1, current2, group_only=True))
                last = row
            continue
        rows.append(RawRow(row, current1, current2, name, value, extras))
        last = row
        if value and cols.value:
            if parse_value(value).comparator:
                with_comparator += 1
            elif _is_percent_number(grid, row, cols.value):
                bare_percent.append(coordinate(row, cols.value))
    if bare_percent and with_comparator:
        shown = "、".join(bare_percent[:5]) + ("等" if len(bare_percent) > 5 else "")
        ctx.note(
            f"  ⚠ {shown} 共 {len(bare_percent)} 个指标值是百分比格式的数字，没有比较符号，"
            f"而同一列其他 {with_comparator} 个"
            "指标值都写了比较符号：在 Excel 中输入“=100%”会被存成数字 100%，比较符号已丢失，请核对"
        )
    if joined:
        example = "，".join(joined[:2])
        ctx.note(f"  指标值与计量单位合并 {len(joined)} 处（如 {example}）")
    return rows, last


def _framework(rows: list[RawRow], hint: str | None) -> Framework:
    """The embedded record's framework, else 2021 when 成本指标 is a 一级, else the default."""
    if hint and get_framework(hint):
        wanted = hint
    elif any(r.level1 == "成本指标" or r.level2 in _COST_2021 for r in rows):
        wanted = "2021"
    else:
        wanted = DEFAULT_FRAMEWORK
    framework = get_framework(wanted) or get_framework(DEFAULT_FRAMEWORK)
    if framework is None:  # pragma: no cover - the default ships with perfdesk
        raise RuntimeError("default indicator framework missing")
    return framework


@dataclass
class _Renames:
    """Legacy names mapped (kind, old, new) -> (times, first row), and 一级 inferred from 二级."""

    mapped: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)

    def add(self, kind: str, old: str, new: str, row: int) -> None:
        entry = self.mapped.setdefault((kind, old, new), [0, row])
        entry[0] += 1


def _build_tree(rows: list[RawRow], form: Form, framework: Framework) -> _Renames:
    renames = _Renames()
    level1_map = legacy_names()["level1"]
    for raw in rows:
        name1 = level1_map.get(raw.level1, raw.level1)
        if name1 != raw.level1:
            renames.add("一级", raw.level1, name1, raw.row)
        name2 = map_legacy_level2(name1, raw.level2, framework) if raw.level2 else ""
        if name2 != raw.level2:
            renames.add("二级", raw.level2, name2, raw.row)
        if not name1 and name2:
            name1 = framework.parent_of(name2) or ""
            if name1:
                renames.inferred.append(f"第 {raw.row} 行“{name2}”→“{name1}”")
        if raw.group_only and not name2:
            if form.level1(name1) is None:
                form.tree.append(Level1(name1))
            continue
        group = form.ensure_group(name1, name2)
        if not raw.group_only:
            group.indicators.append(Indicator(raw.name, raw.value, raw.extras))
    return renames


def read_indicators(
    ctx: SheetContext, header_row: int, form: Form, framework_hint: str | None, own: frozenset[str] = frozenset()
) -> int:
    """Fill ``form.tree`` (and ``form.framework``); returns the last row read. ``own``: the extra
    columns the form's template declares (a 计量单位 it declares is kept as a column, not joined)."""
    cols, bottom = _header(ctx, header_row)
    cols.own = own
    rows, last = _collect(ctx, cols, bottom + 1)
    ctx.use_labels(header_row - 2, max(last, bottom), "indicators_block")
    filled = {key for raw in rows for key in raw.extras}
    for column, key in list(cols.extras.items()):
        if key not in filled:  # a heading over an empty column: no extra column is kept
            del cols.extras[column]
            if locate.label_key(key) not in locate.DECLARED_COLUMNS:
                ctx.used.discard((header_row, column))  # not a heading any template knows: listed
    framework = _framework(rows, framework_hint)
    form.framework = framework.id
    renames = _build_tree(rows, form, framework)
    _report(ctx, form, framework, row_span(header_row, max(header_row, last)), cols, renames)
    return last


def _report(ctx: SheetContext, form: Form, framework: Framework, span: str, cols: Columns, renames: _Renames) -> None:
    level2_count = sum(len(l1.children) for l1 in form.tree)
    ctx.note(
        f"  年度绩效指标：{form.indicator_count()} 个三级指标，{len(form.tree)} 个一级、{level2_count} 个二级"
        f"（{span}；指标体系：{framework.name}）"
    )
    for (kind, old, new), (times, row) in renames.mapped.items():
        where = f"第 {row} 行" + (f"等 {times} 处" if times > 1 else "")
        ctx.note(f"  名称对照：{kind}指标“{old}”→“{new}”（{where}）")
    if renames.inferred:
        more = "等" if len(renames.inferred) > 3 else ""
        ctx.note(f"  一级指标为空，按二级指标推定：{'；'.join(renames.inferred[:3])}{more}")
    if cols.extras:
        ctx.note(f"  其他栏目作为附加列保留：{'、'.join(cols.extras.values())}")
    if cols.level1 is None:
        ctx.note("  表中没有“一级指标”列")
    if cols.level2 is None:
        ctx.note("  表中没有“二级指标”列")
    if cols.value is None:
        ctx.note("  ⚠ 表中没有“指标值”列，指标值留空")
    strange = [
        f"{l1.name or '（空）'}›{l2.name or '（空）'}"
        for l1 in form.tree
        for l2 in l1.children
        if not framework.allows(l1.name, l2.name)
    ]
    strange += [l1.name or "（空）" for l1 in form.tree if not l1.children and l1.name not in framework.level1_names]
    if strange:
        shown = "、".join(strange[:5]) + ("等" if len(strange) > 5 else "")
        ctx.note(f"  ⚠ 不在{framework.name}中的分组，已原样保留，请核对：{shown}")
