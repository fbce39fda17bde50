"""What each kind of 二级 normally holds (FORM-SPEC §4.4) and the cost cross-check (§4.5).

These are hints, except a cost cap above the whole budget, which no reviewer
accepts. Lower-is-better rates (故障率 ≤5%) are right with ≤ and are left alone.
"""

from __future__ import annotations

from perfdesk.domain.money import format_amount
from perfdesk.domain.validation.context import COST, COST_OTHER, QUANTITY, SATISFACTION, TIME, Context, Finding
from perfdesk.domain.validation.valuefacts import ValueFacts
from perfdesk.domain.values import ValueKind

_CAPS = ("≤", "<")
_FLOORS = ("≥", ">")
# Shares that can sensibly be capped or floored (占比 ≤30%); no direction to suggest.
_NEUTRAL_SHARES = ("占比", "比例", "比重", "结构")


def names_matter(facts: ValueFacts, role: str) -> bool:
    """Whether :func:`convention_findings` reads the 三级 name: for the direction of a capped
    rate outside cost and satisfaction."""
    return facts.percent_cap and role not in (COST, COST_OTHER, SATISFACTION)


def convention_findings(ctx: Context, facts: ValueFacts, role: str, name: str) -> tuple[Finding, ...]:
    """What a value is unusual for in a 二级 of this role; ``name`` is read only when
    :func:`_names_matter`."""
    value = facts.value
    if value.kind is ValueKind.EMPTY or value.unrecognised:
        return ()  # already reported by the value rules
    out: list[Finding] = []
    comparator = value.effective_comparator
    percent = facts.percent is not None
    if role == QUANTITY:
        if value.kind is not ValueKind.NUMBER:
            out.append(Finding("quantity.not_number",
                               f"数量指标通常写成“数字+单位”，如 =12次、≥109人；“{value.raw.strip()}”请确认能否量化。"))
    elif role == COST:
        if not percent:  # rates such as 年度维护成本增长率 ≤10% are legitimate
            _check_cost(ctx, out, facts, comparator)
    elif role == SATISFACTION:
        if not (percent and comparator in _FLOORS):
            _check_satisfaction(out, facts, percent, comparator)
    elif role == TIME and facts.duration and comparator == "=":
        out.append(Finding("time.direction",
                           f"时限写成“{facts.canonical}”表示必须恰好等于；时效指标通常是不超过某个时间，"
                           f"请确认是否应为“≤{format(value.number, 'f')}{value.unit}”。"))
    if names_matter(facts, role):
        if not any(word in name for word in ctx.settings.lower_is_better + _NEUTRAL_SHARES):
            out.append(Finding("rate.direction",
                               f"“{facts.canonical}”表示越低越好，而“{name.strip()}”通常是越高越好，"
                               f"请确认方向是否应为“≥{format(value.number, 'f')}{value.unit}”。"))
    return tuple(out)


def _check_cost(ctx: Context, out: list[Finding], facts: ValueFacts, comparator: str) -> None:
    value = facts.value
    if not facts.money:
        out.append(Finding("cost.not_money",
                           f"成本指标通常写成金额上限，如 ≤50万元；“{value.raw.strip()}”请确认是否为成本。"))
        return
    assert value.number is not None
    if comparator not in _CAPS:
        out.append(Finding("cost.direction",
                           f"成本写成“{facts.canonical}”；成本指标通常是控制上限，"
                           f"请确认是否应为“≤{format(value.number, 'f')}{value.unit}”。"))
    if facts.to_wan is None or comparator in _FLOORS or ctx.budget_total <= 0:
        return
    in_wan = value.number * facts.to_wan
    if in_wan > ctx.budget_total:
        converted = "" if value.unit == "万元" else f"（即 {format_amount(in_wan.normalize())} 万元）"
        out.append(Finding("cost.cap_over_budget",
                           f"成本上限 {facts.canonical}{converted}超过了本表预算金额合计 "
                           f"{format_amount(ctx.budget_total)} 万元，单项成本不可能高于全部预算；"
                           "请检查数字和单位（万元/元）。"))


def _check_satisfaction(out: list[Finding], facts: ValueFacts, percent: bool, comparator: str) -> None:
    value = facts.value
    if percent and comparator in _CAPS:
        message = (f"满意度写成“{facts.canonical}”表示越低越好，方向可能反了，"
                   f"请确认是否应为“≥{format(value.number, 'f')}%”。")
    elif percent:
        message = f"满意度写成“{facts.canonical}”要求恰好达到；满意度通常写作下限，如 ≥90%，请确认。"
    else:
        message = f"满意度通常写成百分比下限，如 ≥90%；“{value.raw.strip()}”请确认能否量化。"
    out.append(Finding("satisfaction.not_percent_floor", message))
