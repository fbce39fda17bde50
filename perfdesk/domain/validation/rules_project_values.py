"""A project table's 指标值 beyond the shared value rules (FORM-SPEC-WAVE2 §0.4, §1.4):
no placeholder (T8), a comparator followed by a number (T14), no vague wording (T15), dates
inside the 项目期 (T11) and a ★ core indicator filled in (T17).

:func:`value_findings` judges a text once per run like the shared rules; :func:`refine` then
settles, per row, what the shared rules said about the same cell: a placeholder is only a
placeholder, a ★ row's empty value is T17, and on the 中期 side the dates are judged against
the 项目期 instead of the table's year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from perfdesk.domain.project import END_FIELD, START_FIELD, Period, period_of
from perfdesk.domain.validation.context import Context, Finding, Row
from perfdesk.domain.validation.rules_project_header import date_key
from perfdesk.domain.validation.valuefacts import COMPARATOR_WORDS, ValueFacts
from perfdesk.domain.values import TargetValue, ValueKind, parse_value

_PLACEHOLDER = re.compile(r"\*{2,}|＊|×{2,}|[xX]{2,}|^\s*[*×]\s*$")
_COMPARATOR = re.compile(r"^\s*(?:[≥≤><=＝≧≦＞＜]|" + "|".join(w for w, _ in COMPARATOR_WORDS) + ")")
# What the 年度 side's year rules say; on the 中期 side the 项目期 is the yardstick (T11).
_YEAR_RULES = frozenset({"value.date_out_of_year", "value.date_next_year", "value.year_mismatch"})


def names_matter(_facts: ValueFacts, _role: str) -> bool:
    return False


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.search(text))


def value_findings(ctx: Context, facts: ValueFacts, _role: str, _name: str) -> tuple[Finding, ...]:
    value = facts.value
    raw = value.raw.strip()
    if value.kind is ValueKind.EMPTY:
        return ()
    if is_placeholder(raw):
        return (Finding("project.value_placeholder",
                        f"指标值“{raw}”是模板里的占位符，不是目标值；请填写实际的目标值，如 ≥1200人次、≥95%。"),)
    if value.kind is ValueKind.TEXT:
        if value.unrecognised and _COMPARATOR.match(raw):
            return (Finding("project.quantitative_not_number",
                            f"指标值“{raw}”写了比较符，是定量指标，但比较符后面不是数字；"
                            "请写成“比较符+数字+单位”，如 ≥1200人次。"),)
        found = _vague_pattern(ctx.settings.vague_words).search(raw)
        vague = found.group() if found is not None else None
        if vague is not None and not value.unrecognised:
            where = "" if vague == raw else f"中的“{vague}”"
            return (Finding("project.vague_value",
                            f"指标值“{raw}”{where}无法衡量是否达到；请尽量量化（如 提升10%、≥95%），"
                            "或写明可以核实的标准。"),)
        return ()
    if value.kind is ValueKind.DATE and value.date_exists:
        return _outside_period(ctx, value, facts.canonical)
    return ()


@lru_cache(maxsize=8)
def _vague_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)")


def _project_dates(ctx: Context) -> tuple[TargetValue, TargetValue, Period | None]:
    """The planned start and end dates and the 项目期, read once per run."""
    found = ctx.memo.get("project_dates")
    if found is None:
        fields = ctx.form.fields
        found = ctx.memo["project_dates"] = (
            parse_value(fields.get(START_FIELD, "")), parse_value(fields.get(END_FIELD, "")), period_of(ctx.form))
    return found  # type: ignore[return-value]


def _outside_period(ctx: Context, value: TargetValue, shown: str) -> tuple[Finding, ...]:
    start, end, period = _project_dates(ctx)
    if all(v.kind is ValueKind.DATE and v.date_exists and not v.comparator for v in (start, end)):
        if date_key(start) > date_key(end):
            return ()  # reported as a reversed 项目期
        if date_key(value) > date_key(end):
            return (Finding("project.date_outside_period",
                            f"日期 {shown} 晚于计划完成日期 {end.canonical}，时效指标应在项目结束前完成，请核对。"),)
        if date_key(value) < date_key(start):
            return (Finding("project.date_outside_period",
                            f"日期 {shown} 早于计划开始日期 {start.canonical}，请核对。"),)
        return ()
    if period is None or value.year is None or period.start > period.end:
        return ()
    if not period.start <= value.year <= period.end:
        return (Finding("project.date_outside_period", f"日期 {shown} 不在项目期 {period.start}年—{period.end}年 内，"
                        "时效指标应在项目期内完成，请核对。"),)
    return ()


def refine(ctx: Context) -> Callable[[Row, tuple[Finding, ...]], tuple[Finding, ...]]:
    mid = ctx.horizon == "mid"

    def settle(row: Row, found: tuple[Finding, ...]) -> tuple[Finding, ...]:
        ids = {f.rule_id for f in found}
        if "project.value_placeholder" in ids:
            found = tuple(f for f in found if f.rule_id == "project.value_placeholder")
        elif "project.quantitative_not_number" in ids:
            found = tuple(f for f in found if f.rule_id != "value.unrecognised")
        if mid or "project.date_outside_period" in ids:  # the 项目期 is the yardstick there
            found = tuple(f for f in found if f.rule_id not in _YEAR_RULES)
        if row.indicator.core and ids & {"value.empty", "project.value_placeholder"}:
            found = (Finding("project.core_empty",
                             f"“{row.indicator.name.strip()}”是★核心指标，必须填写实际的目标值（现为"
                             f"{'空' if 'value.empty' in ids else '占位符'}）。"),)
        return found

    return settle
