"""What each kind of 二级 normally holds (FORM-SPEC §4.4) and the cost cross-check (§4.5).

These are hints, except a cost cap above the whole budget, which no reviewer
accepts. Lower-is-better rates (故障率 ≤5%) are right with ≤ and are left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from perfdesk.domain.money import format_amount
from perfdesk.domain.validation.context import COST, COST_OTHER, QUANTITY, SATISFACTION, TIME, Context, Row
from perfdesk.domain.values import ValueKind

_CAPS = ("≤", "<")
_FLOORS = ("≥", ">")
# Shares that can sensibly be capped or floored (占比 ≤30%); no direction to suggest.
_NEUTRAL_SHARES = ("占比", "比例", "比重", "结构")


def check_conventions(ctx: Context, row: Row) -> None:
    facts, role = row.facts, row.role
    value = facts.value
    if value.kind is ValueKind.EMPTY or value.unrecognised:
        return  # already reported by the value rules
    comparator = value.effective_comparator
    percent = facts.percent is not None
    if role == QUANTITY:
        if value.kind is not ValueKind.NUMBER:
            ctx.report("quantity.not_number", row.place("value"),
                       f"数量指标通常写成“数字+单位”，如 =12次、≥109人；“{value.raw.strip()}”请确认能否量化。")
    elif role == COST:
        if not percent:  # rates such as 年度维护成本增长率 ≤10% are legitimate
            _check_cost(ctx, row, comparator)
    elif role == SATISFACTION:
        if not (percent and comparator in _FLOORS):
            _check_satisfaction(ctx, row, percent, comparator)
    elif role == TIME and facts.duration and comparator == "=":
        ctx.report("time.direction", row.place("value"),
                   f"时限写成“{facts.canonical}”表示必须恰好等于；时效指标通常是不超过某个时间，"
                   f"请确认是否应为“≤{format(value.number, 'f')}{value.unit}”。")
    if percent and comparator in _CAPS and role not in (COST, COST_OTHER, SATISFACTION):
        name = row.indicator.name
        if not any(word in name for word in ctx.settings.lower_is_better + _NEUTRAL_SHARES):
            ctx.report("rate.direction", row.place("value"),
                       f"“{facts.canonical}”表示越低越好，而“{name.strip()}”通常是越高越好，"
                       f"请确认方向是否应为“≥{format(value.number, 'f')}{value.unit}”。")


def _check_cost(ctx: Context, row: Row, comparator: str) -> None:
    facts = row.facts
    value = facts.value
    if not facts.money:
        ctx.report("cost.not_money", row.place("value"),
                   f"成本指标通常写成金额上限，如 ≤50万元；“{value.raw.strip()}”请确认是否为成本。")
        return
    assert value.number is not None
    if comparator not in _CAPS:
        ctx.report("cost.direction", row.place("value"),
                   f"成本写成“{facts.canonical}”；成本指标通常是控制上限，"
                   f"请确认是否应为“≤{format(value.number, 'f')}{value.unit}”。")
    if facts.to_wan is None or comparator in _FLOORS or ctx.budget_total <= 0:
        return
    in_wan = value.number * facts.to_wan
    if in_wan > ctx.budget_total:
        converted = "" if value.unit == "万元" else f"（即 {format_amount(in_wan.normalize())} 万元）"
        ctx.report("cost.cap_over_budget", row.place("value"),
                   f"成本上限 {facts.canonical}{converted}超过了本表预算金额合计 "
                   f"{format_amount(ctx.budget_total)} 万元，单项成本不可能高于全部预算；请检查数字和单位（万元/元）。")


def _check_satisfaction(ctx: Context, row: Row, percent: bool, comparator: str) -> None:
    value = row.facts.value
    if percent and comparator in _CAPS:
        message = (f"满意度写成“{row.facts.canonical}”表示越低越好，方向可能反了，"
                   f"请确认是否应为“≥{format(value.number, 'f')}%”。")
    elif percent:
        message = f"满意度写成“{row.facts.canonical}”要求恰好达到；满意度通常写作下限，如 ≥90%，请确认。"
    else:
        message = f"满意度通常写成百分比下限，如 ≥90%；“{value.raw.strip()}”请确认能否量化。"
    ctx.report("satisfaction.not_percent_floor", row.place("value"), message)


def row_checker(ctx: Context) -> Callable[[Row], None]:
    return partial(check_conventions, ctx)
