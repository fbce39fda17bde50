"""The JSON form of a 项目支出绩效目标表 (``"kind": "project"``), beside ``jsonform``.

``funds`` nests the 项目资金 cells by side (``{"mid": {"total": …}, "year": {…}, "project_total": …}``)
where the model keys them ``mid.total``; ``goals`` is ``{"mid": […], "year": […]}``; groups and
indicators carry their ``horizon``. The README's JSON section is the contract.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfdesk.domain.jsonform import goal_texts, indicator_dict
from perfdesk.domain.model import HORIZONS, Form

# A project table's 项目资金 cells: JSON nests them by side, the model keys them ``mid.total``.
FUND_ORDER = (
    "mid.total", "mid.fiscal", "mid.other", "year.total", "year.fiscal", "year.carryover", "year.other",
    "project_total", "project_fiscal",
)


def _funds_dict(form: Form) -> dict[str, Any]:
    from perfdesk.domain.forms import template_of

    block = template_of(form).block("funds")
    declared = [c.key for c in block.columns] if block else []
    keys = [k for k in FUND_ORDER if k in declared or k in form.funds]
    keys += sorted(k for k in form.funds if k not in keys)
    out: dict[str, Any] = {}
    for key in keys:
        side, _, cell = key.partition(".")
        value = form.funds.get(key) or None
        if cell:
            out.setdefault(side, {})[cell] = value
        else:
            out[key] = value
    return out


def project_to_dict(form: Form, header: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    return {
        **header,
        "funds": _funds_dict(form),
        "goals": {h: [g.text for g in form.side_goals(h)] for h in HORIZONS},
        "groups": [
            {"horizon": h, "level1": l1.name, "level2": [l2.name for l2 in l1.children]}
            for h in HORIZONS for l1 in form.side(h)
        ],
        "indicators": [
            indicator_dict(l1, l2, ind, columns, h) for h in HORIZONS for l1, l2, ind in form.iter_indicators(h)
        ],
    }


def parts_from_dict(r: Any, data: dict[str, Any], form: Form, where: str) -> None:
    """A project table's 项目资金 and its 中期/年度 goals."""
    goals = data.get("goals", {})
    if isinstance(goals, list):  # a single list: the 年度 goals
        goals = {"year": goals}
    goals = r.obj(goals, f"{where}“goals”")
    for side, label in (("mid", "中期"), ("year", "年度")):
        goal_texts(r, r.items(goals, side, f"{where}“goals”"), form.side_goals(side), f"{where}“goals”", label)
    funds = r.obj(data.get("funds", {}), f"{where}“funds”")
    flat: dict[str, Any] = {}
    for key, value in funds.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{cell}": v for cell, v in value.items()})
        else:
            flat[key] = value
    for key, value in flat.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            raise r.fail(f"{where}“funds”", f"的“{key}”不是金额")
        form.funds[key] = value if isinstance(value, str) else format(Decimal(value), "f")
