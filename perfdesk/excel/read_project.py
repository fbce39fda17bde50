"""One worksheet → one 项目支出绩效目标表 (kind ``project``), by the labels its templates declare.

Header fields and 项目资金 cells are read from the cell right of their label (or ``label：value``
in one cell); the goals from below their side caption (中期目标 / 年度目标, 项目总目标 / 年度总体目标)
or right of it; the indicators by ``read_project_grid``. Amounts in a table whose 项目资金 says
（元） are converted to 万元 exactly (Decimal, ÷10000) and the conversion is reported. What has
no place is listed like on every sheet (``read_sheet._unplaced``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfdesk.domain.model import KIND_PROJECT, Form, Goal, People
from perfdesk.domain.money import read_amount
from perfdesk.excel import locate
from perfdesk.excel.context import SheetContext
from perfdesk.excel.grid import coordinate
from perfdesk.excel.project_labels import MAX_KEY, Vocabulary, all_labels, choose, pkey, unit_suffix
from perfdesk.excel.read_project_grid import find_header, read_project_indicators
from perfdesk.excel.read_tasks import split_goals

Cell = tuple[int, int]


@dataclass
class Labels:
    """The label cells of the sheet's header part (above the indicator header), by key."""

    at: dict[Cell, str]  # anchor cell -> key
    keys: set[str]

    def cells(self, spellings: frozenset[str]) -> list[Cell]:
        return sorted(cell for cell, key in self.at.items() if key in spellings)


def _labels(ctx: SheetContext, last_row: int) -> Labels:
    known = all_labels()
    at: dict[Cell, str] = {}
    for (row, column), value in sorted(ctx.grid.cells.items()):
        if row > last_row or not isinstance(value, str) or not ctx.grid.is_anchor_or_plain(row, column):
            continue
        text = value.strip()
        head = text
        for mark in ("：", ":"):
            if mark in text:
                head = text.split(mark, 1)[0] if pkey(text) not in known else text
                break
        key = pkey(head) if len(head) <= 2 * MAX_KEY else ""
        if key in known:
            at[(row, column)] = key
    return Labels(at, set(at.values()))


def _is_label(value: object) -> bool:
    """A heading of any project template (二级指标 below a goal caption is not its text)."""
    return isinstance(value, str) and len(value) <= 2 * MAX_KEY and pkey(value) in all_labels()


def _inline(text: str) -> str:
    """The value of ``label：value`` written in one cell, else ''."""
    for mark in ("：", ":"):
        if mark in text:
            head, _, tail = text.partition(mark)
            if pkey(head) in all_labels() and tail.strip():
                return tail.strip()
    return ""


def _right_of(ctx: SheetContext, labels: Labels, cell: Cell) -> tuple[Cell | None, str]:
    """The first filled cell right of a label in its row (stopping at the next label)."""
    grid = ctx.grid
    row, column = cell
    inline = _inline(str(grid.cells.get(cell, "")))
    if inline:
        return cell, inline
    right = grid.bounds(row, column)[3]
    for other, _value in grid.row_cells(row):
        if other <= right or not grid.is_anchor_or_plain(row, other):
            continue
        if (row, other) in labels.at or _is_label(grid.cells.get((row, other))):
            return None, ""
        text = grid.stripped(row, other)
        if text:
            return (row, other), text
    return None, ""


def _below(ctx: SheetContext, labels: Labels, cell: Cell) -> tuple[Cell | None, str]:
    grid = ctx.grid
    below = grid.bounds(*cell)[2] + 1
    target = grid.anchor(below, cell[1])
    if target in labels.at or target[0] != below or _is_label(grid.cells.get(target)):
        return None, ""
    text = grid.stripped(*target)
    return (target, text) if text else (None, "")


def _read_fields(ctx: SheetContext, labels: Labels, vocabulary: Vocabulary, form: Form) -> None:
    found = []
    for key, spellings in vocabulary.fields.items():
        for cell in labels.cells(spellings):
            if key in form.fields:
                break  # a second 项目名称 and its value are listed as not imported, never dropped
            ctx.use(*cell)
            _where, text = _right_of(ctx, labels, cell)
            if text:
                form.fields[key] = text
                found.append(key)
    if found:
        ctx.note(f"  表头：{'、'.join(found)}")
    required = [f for f in vocabulary.template.fields if f.required and f.key != "year"]
    missing = [f.label for f in required if f.key not in form.fields]
    if missing:
        ctx.note(f"  ⚠ 没有找到（或未填写）：{'、'.join(missing)}")


def _money_unit(ctx: SheetContext, labels: Labels, vocabulary: Vocabulary, fund_cells: list[Cell]) -> str:
    """``元`` when the 项目资金 block, one of its labels or a 单位 line above says so; else 万元."""
    grid = ctx.grid
    candidates = labels.cells(vocabulary.funds_block) + fund_cells
    for cell in candidates:
        unit = unit_suffix(str(grid.cells.get(cell, "")))
        if unit:
            return unit
    top = min((r for r, _ in labels.at), default=1)
    for row in range(1, top):
        for _column, text in ctx.rows_text(row):
            if "单位" in text and (unit := locate.money_unit_of(text)):
                return unit
    return "万元"


def _fund_owner(cell: Cell, keys: list[str], anchors: dict[str, Cell], taken: set[str]) -> str | None:
    """Which of ``keys`` (其中：财政拨款 of 中期 or of 年度) a label belongs to: the group whose total
    stands above it in its column, else left of it in its row, else the first one still free."""
    free = [k for k in keys if k not in taken]
    if len(free) <= 1:
        return free[0] if free else None

    def distance(key: str) -> tuple[int, int]:
        group = key.split(".")[0]
        anchor = anchors.get(group)
        if anchor is None:
            return (3, 0)
        if anchor[1] == cell[1] and anchor[0] <= cell[0]:
            return (0, cell[0] - anchor[0])
        if anchor[0] == cell[0] and anchor[1] <= cell[1]:
            return (1, cell[1] - anchor[1])
        if anchor[0] <= cell[0] and anchor[1] <= cell[1]:
            return (2, cell[0] - anchor[0] + cell[1] - anchor[1])
        return (3, 0)

    return min(free, key=distance)


def _read_funds(ctx: SheetContext, labels: Labels, vocabulary: Vocabulary, form: Form) -> None:
    grid = ctx.grid
    hits: list[tuple[Cell, list[str]]] = []
    for cell, key in sorted(labels.at.items()):
        owners = vocabulary.funds_of(key)
        if owners:
            hits.append((cell, owners))
    if not hits:
        return
    for cell in labels.cells(vocabulary.funds_block):
        ctx.use(*cell)
    unit = _money_unit(ctx, labels, vocabulary, [cell for cell, _ in hits])
    anchors = {
        owners[0].split(".")[0]: cell for cell, owners in hits if len(owners) == 1 and owners[0].endswith("total")
    }
    taken: set[str] = set()
    converted: list[str] = []
    words: list[str] = []
    for cell, owners in hits:
        owner = _fund_owner(cell, owners, anchors, taken)
        ctx.use(*cell)
        if owner is None:
            continue
        key = owner
        taken.add(key)
        where, text = _right_of(ctx, labels, cell)
        if where is None:
            continue
        if where == cell:  # 年度资金总额：120 in one cell
            amount, typed = read_amount(text.removesuffix(unit).strip() if text.endswith(unit) else text)
        else:
            amount, typed = grid.amount_or_text(*where, unit=unit)
        if amount is None:
            form.funds[key] = typed or text
            words.append(f"{coordinate(*where)}“{typed or text}”")
        elif unit == "元":
            form.funds[key] = yuan_to_wan(amount)
            converted.append(f"{coordinate(*where)} {format(amount, 'f')} 元 → {form.funds[key]} 万元")
        else:
            value = grid.cells.get(where)
            form.funds[key] = text if isinstance(value, (int, float, Decimal)) else format(amount, "f")
    ctx.note(f"  项目资金：{len(form.funds)} 项（单位：{unit}）")
    if converted:
        ctx.note(f"  金额单位为元，已按 1 万元 = 10000 元换算为万元（精确换算，未四舍五入）：{'；'.join(converted[:6])}"
                 + ("等" if len(converted) > 6 else ""))
    if words:
        ctx.note(f"  ⚠ 以下金额不是数字，已原样保留，请核对：{'、'.join(words[:6])}")


def side_name(vocabulary: Vocabulary, horizon: str) -> str:
    """A goal side as its template calls it, without the years (中期目标, 项目总目标, 年度目标 …)."""
    block = vocabulary.template.block("goals")
    side = block.side(horizon) if block else None
    return pkey(side.label.replace("{start}", "").replace("{end}", "")) if side else horizon


def yuan_to_wan(amount: Decimal) -> str:
    """元 → 万元, exactly: the decimal point moves four places; at least two decimals are shown."""
    text = format(amount.scaleb(-4), "f")
    if "." in text:
        whole, _, fraction = text.partition(".")
        fraction = fraction.rstrip("0")
        return f"{whole}.{fraction.ljust(2, '0')}"
    return f"{text}.00"


def _read_goals(ctx: SheetContext, labels: Labels, vocabulary: Vocabulary, form: Form) -> None:
    for cell in labels.cells(vocabulary.goals_block):
        ctx.use(*cell)
    counts = []
    for horizon, spellings in vocabulary.goal_sides.items():
        for cell in labels.cells(spellings):
            ctx.use(*cell)
            if form.side_goals(horizon):
                continue
            inline = _inline(str(ctx.grid.cells.get(cell, "")))
            text = inline or _below(ctx, labels, cell)[1] or _right_of(ctx, labels, cell)[1]
            goals, _how = split_goals(text)
            target = form.goals_mid if horizon == "mid" else form.goals
            target.extend(Goal(g) for g in goals)
        counts.append(f"{side_name(vocabulary, horizon)} {len(form.side_goals(horizon))} 条")
    if not form.goals and not form.goals_mid:  # one goal list: its text stands right of the block label
        for cell in labels.cells(vocabulary.goals_block):
            goals, _how = split_goals(_right_of(ctx, labels, cell)[1])
            form.goals.extend(Goal(g) for g in goals)
    ctx.note(f"  总体目标：{'，'.join(counts)}")


def read_project(ctx: SheetContext) -> tuple[Form, list[range]]:
    """The form of a project sheet and the row ranges of its indicator part (no signature there)."""
    header = find_header(ctx)
    last_header_row = (header - 1) if header else ctx.grid.max_row
    labels = _labels(ctx, last_header_row)
    vocabulary, decided = choose(labels.keys | _indicator_keys(ctx, header))
    form = Form(kind=KIND_PROJECT, template=vocabulary.template.id, people=People())
    shown = f"（依据“{'”“'.join(decided[:3])}”）" if decided else "（默认表样）"
    ctx.note(f"  表样：{vocabulary.template.name}（{vocabulary.template.id}）{shown}")
    _read_fields(ctx, labels, vocabulary, form)
    _read_funds(ctx, labels, vocabulary, form)
    _read_goals(ctx, labels, vocabulary, form)
    blocks: list[range] = []
    if header is not None:
        last = read_project_indicators(ctx, header, form, vocabulary)
        blocks.append(range(header, last + 1))
    else:
        ctx.note("  ⚠ 没有找到绩效指标表头（一级指标、二级指标、三级指标、指标值）")
    return form, blocks


def _indicator_keys(ctx: SheetContext, header: int | None) -> set[str]:
    if header is None:
        return set()
    return {pkey(text) for row in (header - 1, header) for _column, text in ctx.rows_text(row)}
