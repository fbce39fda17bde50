"""Header, 年度总体目标 and signature rules (FORM-SPEC §4.6)."""

from __future__ import annotations

import re

from perfdesk.domain.validation.context import Context
from perfdesk.domain.validation.dates import impossible_date_message
from perfdesk.domain.validation.problems import Edit, Fix, Place
from perfdesk.domain.values import ValueKind, parse_value

_PHONE = re.compile(r"^[0-9０-９\s()（）+＋\-－—/、,，;；转]*$")


def check_header(ctx: Context) -> None:
    form = ctx.form
    department = form.department
    from perfdesk.domain.forms import template_of

    if template_of(form).field("department") is None:
        pass  # a table without 部门（单位）名称 (project tables, mof-2020): its own fields say who (template rules)
    elif not department.strip():
        ctx.report("form.department_missing", ctx.header_place("department"),
                   "未填写部门（单位）名称，请填写预算单位的全称。")
    elif department != department.strip():
        ctx.report("form.department_spaces", ctx.header_place("department"),
                   f"部门名称“{department}”首尾有空格，打印时会错位，建议去掉。",
                   Fix("去掉首尾空格", (Edit("form", None, "department", department.strip()),)))
    if form.year is None:
        ctx.report("form.year_missing", ctx.header_place("year"),
                   "未填写年度，标题下的“（XXXX年）”无法打印，请填写预算年度，如 2022。")
    else:
        low, high = ctx.settings.plausible_years
        if not low <= form.year <= high:
            ctx.report("form.year_implausible", ctx.header_place("year"),
                       f"年度 {form.year} 不像预算年度，请检查是否输错（应为 {low}–{high} 之间的年份）。")
    if ctx.framework is None:
        ctx.report("form.framework_unknown", ctx.header_place("framework"),
                   f"本表的指标体系“{form.framework}”不认识，无法检查一级、二级指标；"
                   "请在表的设置中选择 2015 或 2021 指标体系。")


def check_goals(ctx: Context) -> None:
    goals = ctx.form.goals
    if not any(goal.text.strip() for goal in goals):
        ctx.report("goals.missing", ctx.form_place("goals"),
                   "未填写年度总体目标，请在“年度总体目标”中每行写一个本年度要达到的目标（打印时自动编为目标1、目标2……）。")
        return
    seen: set[str] = set()
    for number, goal in enumerate(goals, start=1):
        place = Place("goal", goal.id, "text", f"年度总体目标 目标{number}")
        text = "".join(goal.text.split())
        if not text:
            ctx.report("goals.empty_line", place, f"目标{number} 是空的，打印出来会多一个空目标，请填写或删除这一条。")
        elif text in seen:
            ctx.report("goals.duplicate", place, f"目标{number} 与前面的目标内容相同，请删除重复的一条。")
        seen.add(text)


def check_people(ctx: Context) -> None:
    people = ctx.form.people
    if people.fill_date.strip():
        _check_fill_date(ctx, people.fill_date)
    phone = people.phone.strip()
    if phone and not _PHONE.match(phone):
        ctx.report("people.phone_format", ctx.form_place("phone"),
                   f"联系电话“{phone}”含有数字和分隔符以外的字符，请检查是否填错了栏目。")


def _check_fill_date(ctx: Context, typed: str) -> None:
    place = ctx.form_place("fill_date")
    value = parse_value(typed)
    if value.kind is not ValueKind.DATE or value.comparator or value.suffix:
        ctx.report("people.fill_date_unreadable", place,
                   f"填报日期“{typed}”不是日期，请写成“2022年1月10日”这样的格式。")
        return
    if not value.date_exists:
        ctx.report("people.fill_date_impossible", place, "填报" + impossible_date_message(value))
        return
    year = ctx.form.year
    # A table for budget year N is filled in during year N-1 or early in year N.
    if year is not None and value.year is not None and not year - 1 <= value.year <= year:
        ctx.report("people.fill_date_far", place,
                   f"填报日期 {value.canonical} 与本表年度 {year} 年不符"
                   f"（通常在 {year - 1} 年或 {year} 年填报），请检查。")
