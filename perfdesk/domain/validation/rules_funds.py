"""A project table's 项目资金 (FORM-SPEC-WAVE2 §1.4 T3–T5).

Every cell the template declares is read as typed: words are reported (never read as 0),
negative amounts and more decimals than money has too. Then the sums: 资金总额 = 财政拨款 +
其他资金 on each side (T3; 一体化: 年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金, T5),
年度 ≤ 中期 per column (T4) and the cumulative 项目资金总额 ≥ 年度资金申请总额 (T5). The
cumulative amount is compared with nothing else: it covers several years.
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.domain.forms import Block, Column, template_of
from perfdesk.domain.money import decimal_places, format_amount
from perfdesk.domain.project import fund_mismatches
from perfdesk.domain.validation.context import SEP, Context
from perfdesk.domain.validation.problems import Place

_SIDE_WORDS = {"mid": "中期", "year": "年度"}
PROJECT_TOTAL, YEAR_TOTAL = "project_total", "year.total"


def cell_name(column: Column) -> str:
    """The cell as a reader finds it: ``中期资金总额``, ``年度“其中：财政拨款”``."""
    side = _SIDE_WORDS.get(column.key.split(".", 1)[0], "")
    if not side or column.label.startswith(side):
        return column.label
    return f"{side}“{column.label}”"


def fund_place(block: Block, column: Column) -> Place:
    side = _SIDE_WORDS.get(column.key.split(".", 1)[0], "")
    parts = [block.label] + ([side] if side and not column.label.startswith(side) else []) + [column.label]
    return Place("fund", None, column.key, SEP.join(parts))


def check_funds(ctx: Context) -> None:
    block = template_of(ctx.form).block("funds")
    if block is None:
        return
    usable = _check_cells(ctx, block)
    columns = {c.key: c for c in block.columns}
    for found in fund_mismatches(ctx.form, set(columns)):  # (it skips a sum with words in a cell)
        total = columns[found.total_key]
        parts = [columns[k] for k in found.part_keys]
        shown = "，".join(f"{c.label} {format_amount(ctx.form.fund(c.key)) or '（空）'}" for c in parts)
        ctx.report("funds.sum_mismatch", fund_place(block, total),
                   f"{total.label} {format_amount(found.total)} ≠ {' + '.join(c.label for c in parts)} = "
                   f"{format_amount(found.parts_sum)}（{shown}，单位：万元），请核对，使{total.label}等于各项之和。")
    for key, column in columns.items():
        side, _, part = key.partition(".")
        if side != "year" or f"mid.{part}" not in usable or key not in usable:
            continue
        year, mid = usable[key], usable[f"mid.{part}"]
        if year is not None and mid is not None and year > mid:
            mid_column = columns[f"mid.{part}"]
            ctx.report("funds.year_over_mid", fund_place(block, column),
                       f"{cell_name(column)} {format_amount(year)} 万元大于{cell_name(mid_column)} "
                       f"{format_amount(mid)} 万元；中期资金包含本年度，年度资金不能超过中期资金，请核对。")
    project_total, year_total = usable.get(PROJECT_TOTAL), usable.get(YEAR_TOTAL)
    if project_total is not None and year_total is not None and project_total < year_total:
        ctx.report("funds.project_below_year", fund_place(block, columns[PROJECT_TOTAL]),
                   f"{columns[PROJECT_TOTAL].label} {format_amount(project_total)} 万元小于"
                   f"{columns[YEAR_TOTAL].label} {format_amount(year_total)} 万元；项目资金总额是整个项目期的累计数，"
                   "不能少于本年度申请的资金，请核对。")


def _check_cells(ctx: Context, block: Block) -> dict[str, Decimal | None]:
    """Each declared cell's amount (None when blank); cells with words or an unusable number are left out."""
    usable: dict[str, Decimal | None] = {}
    limit = ctx.settings.max_money_places
    for column in block.columns:
        typed = ctx.form.funds.get(column.key, "").strip()
        place = fund_place(block, column)
        if not typed:
            if column.required:
                ctx.report("funds.missing", place, f"未填写{cell_name(column)}（万元），请填写；没有的填 0。")
            usable[column.key] = None
            continue
        amount = ctx.form.fund(column.key)
        if amount is None or not amount.is_finite():
            ctx.report("funds.not_a_number", place,
                       f"{cell_name(column)}填写的“{typed}”不是金额，无法核对资金；"
                       "请改为数字（单位：万元，如 120.00），没有的填 0。")
            continue
        usable[column.key] = amount
        if amount < 0:
            ctx.report("funds.negative", place, f"{cell_name(column)} {format_amount(amount)} 万元是负数，请改正。")
        places = decimal_places(amount)
        if places > limit:
            ctx.report("funds.too_many_decimals", place,
                       f"{cell_name(column)} {format(amount, 'f')} 有 {places} 位小数，以万元为单位最多保留 {limit} 位"
                       f"（精确到分），请改为 {amount:.{limit}f}。")
    return usable
