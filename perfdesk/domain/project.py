"""The 项目支出绩效目标表's own behaviour, beside its declaration (``resources/forms/kinds/project.json``).

Data says the fields, the 项目资金 cells, the goal and indicator sides; this module says what
data cannot: a new project table's skeleton, reading the 项目期, the 中期 caption's years,
and the sums a reviewer checks (T3: 资金总额 = 财政拨款 + 其他资金 per side; T5 for the 一体化
variant: 年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from perfdesk.domain.framework import DEFAULT_FRAMEWORK
from perfdesk.domain.model import KIND_PROJECT, Form, framework_skeleton
from perfdesk.domain.text import fold_width

PERIOD_FIELD = "项目期"
START_FIELD = "计划开始日期"  # the 一体化 variant states dates instead of a 项目期
END_FIELD = "计划完成日期"

# The parts of each sum rule: total = sum(parts), by fund key.
SUM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mid.total", ("mid.fiscal", "mid.other")),
    ("year.total", ("year.fiscal", "year.carryover", "year.other")),
)

_YEAR = r"((?:19|20|21)\d\d)"
_PERIOD = re.compile(_YEAR + r"\s*年?(?:\s*\d{1,2}\s*月)?\s*(?:[-—–~～至到]+|－)\s*" + _YEAR + r"\s*年?")


@dataclass(frozen=True)
class Period:
    start: int
    end: int


def new_project_form(
    year: int | None = None, template: str = "mof-2015-project", framework: str = DEFAULT_FRAMEWORK
) -> Form:
    """An empty project table: the framework's 一级/二级 on each side its template has."""
    from perfdesk.domain.forms import get_template

    form = Form(kind=KIND_PROJECT, year=year, framework=framework, template=template)
    form.tree = framework_skeleton(framework)
    resolved = get_template(form.template)
    grid = resolved.block("indicators") if resolved else None
    if grid is not None and "mid" in grid.horizons:
        form.tree_mid = framework_skeleton(framework)
    return form


def parse_period(text: str) -> Period | None:
    """``2024—2026年``, ``2024年-2026年``, ``2024年1月至2026年12月`` → Period(2024, 2026); else None."""
    match = _PERIOD.search(fold_width(text or ""))
    if match is None:
        return None
    return Period(int(match.group(1)), int(match.group(2)))


def period_of(form: Form) -> Period | None:
    """The project's years: its 项目期, or the years of its planned start and end dates."""
    period = parse_period(form.fields.get(PERIOD_FIELD, ""))
    if period is not None:
        return period
    start = re.search(_YEAR, fold_width(form.fields.get(START_FIELD, "")))
    end = re.search(_YEAR, fold_width(form.fields.get(END_FIELD, "")))
    if start and end:
        return Period(int(start.group(1)), int(end.group(1)))
    return None


def side_caption(label: str, form: Form) -> str:
    """A side's printed caption with the 项目期 years filled in (blanks to write them by hand)."""
    period = period_of(form)
    start, end = (str(period.start), str(period.end)) if period else ("20××", "20××")
    return label.replace("{start}", start).replace("{end}", end)


@dataclass(frozen=True)
class SumMismatch:
    total_key: str
    part_keys: tuple[str, ...]
    total: Decimal
    parts_sum: Decimal


def fund_mismatches(form: Form, declared: set[str]) -> list[SumMismatch]:
    """The sum rules (over the cells ``declared`` by the form's template) whose total is not the sum.

    A rule is judged only when its total was typed; blank parts count as 0, words (a cell that is
    not a number) make the rule unjudgeable (审核 reports the words themselves)."""
    found: list[SumMismatch] = []
    for total_key, parts in SUM_RULES:
        parts = tuple(p for p in parts if p in declared)
        if total_key not in declared or not parts:
            continue
        total = form.fund(total_key)
        if total is None:
            continue
        if any(form.funds.get(p) and form.fund(p) is None for p in parts):
            continue
        parts_sum = sum((form.fund(p) or Decimal(0) for p in parts), Decimal(0))
        if parts_sum != total:
            found.append(SumMismatch(total_key, parts, total, parts_sum))
    return found
