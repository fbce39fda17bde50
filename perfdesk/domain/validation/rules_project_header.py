"""A project table's header (FORM-SPEC-WAVE2 §1.4): 实施单位 (T2) and the 项目期 (T12).

项目名称 and 主管部门 (T1) are required fields of the template and are reported by the generic
template rules (``template.field_missing``), as are 项目属性's drop-down values and the 一体化
variant's dates. The 中期 caption's years are printed from the 项目期, so they cannot disagree.
"""

from __future__ import annotations

from perfdesk.domain.forms import template_of
from perfdesk.domain.project import END_FIELD, PERIOD_FIELD, START_FIELD, parse_period
from perfdesk.domain.validation.context import Context
from perfdesk.domain.validation.problems import Place
from perfdesk.domain.values import ValueKind, parse_value

IMPL_UNIT = "实施单位"


def check_project_header(ctx: Context) -> None:
    form, template = ctx.form, template_of(ctx.form)
    if template.field(IMPL_UNIT) is not None and not form.fields.get(IMPL_UNIT, "").strip():
        ctx.report("project.impl_unit_missing", Place("header", None, IMPL_UNIT, IMPL_UNIT),
                   "未填写实施单位，请填写具体承担项目的单位（审核时会要求补充）。")
    typed = form.fields.get(PERIOD_FIELD, "").strip()
    if template.field(PERIOD_FIELD) is not None and typed:
        place = Place("header", None, PERIOD_FIELD, PERIOD_FIELD)
        period = parse_period(typed)
        if period is None:
            ctx.report("project.period_unreadable", place,
                       f"项目期“{typed}”读不出起止年份，无法核对中期目标的年份和时效指标的日期；"
                       "请写成“2026年—2028年”这样的格式。")
        elif period.start > period.end:
            ctx.report("project.period_reversed", place,
                       f"项目期“{typed}”的开始年份 {period.start} 晚于结束年份 {period.end}，请改正。")
        return
    _check_planned_dates(ctx)


def _check_planned_dates(ctx: Context) -> None:
    """计划开始日期 after 计划完成日期 (the 一体化 variant's 项目期)."""
    start = parse_value(ctx.form.fields.get(START_FIELD, ""))
    end = parse_value(ctx.form.fields.get(END_FIELD, ""))
    if not all(v.kind is ValueKind.DATE and v.date_exists and not v.comparator for v in (start, end)):
        return  # unreadable or impossible dates are reported by the template rules
    if date_key(start) > date_key(end):
        ctx.report("project.period_reversed", Place("header", None, START_FIELD, START_FIELD),
                   f"计划开始日期 {start.canonical} 晚于计划完成日期 {end.canonical}，请改正。")


def date_key(value: object) -> tuple[int, int, int]:
    """(year, month, day) of a parsed date; a month without a day counts from its first day."""
    year, month, day = (getattr(value, name, None) for name in ("year", "month", "day"))
    return year or 0, month or 1, day or 1
