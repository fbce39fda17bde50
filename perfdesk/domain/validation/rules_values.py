"""指标值 on its own (FORM-SPEC §3, §4.4, §4.5): spelling, ranges, dates and years.

Only a percentage outside 0–100 and a date that does not exist are errors; the
rest are warnings or hints because real tables legitimately vary.
"""

from __future__ import annotations

from perfdesk.domain.validation.context import Context, Finding
from perfdesk.domain.validation.dates import impossible_date_message
from perfdesk.domain.validation.valuefacts import ASCII_SPELLINGS, ValueFacts
from perfdesk.domain.values import ValueKind

# Growth and change can legitimately pass 100% (or go below 0), so those names
# only get a warning.
_CHANGE_WORDS = ("增长", "增幅", "增速", "增加", "增量", "提高", "提升", "下降", "降低", "减少", "同比", "环比",
                 "比上年", "较上年", "变动", "变化", "上涨", "涨幅")


def names_matter(facts: ValueFacts, _role: str) -> bool:
    """Whether :func:`value_findings` reads the 三级 name: only for a percentage outside 0–100."""
    return facts.percent_out_of_range


def value_findings(ctx: Context, facts: ValueFacts, _role: str, name: str) -> tuple[Finding, ...]:
    """What is wrong with one typed value in this form, wherever it sits."""
    out: list[Finding] = []
    kind = facts.value.kind
    if kind is ValueKind.EMPTY:
        out.append(Finding("value.empty", "没有填写指标值，请填写目标值，如 ≥90%、=12次 或 2022年12月31日。"))
    elif kind is ValueKind.TEXT:
        _check_text(ctx, out, facts)
    else:
        if facts.respell is not None:
            _respell(out, facts)
        if kind is ValueKind.DATE:
            _check_date(ctx, out, facts)
        else:
            _check_number(ctx, out, facts, name)
    return tuple(out)


def _respell(out: list[Finding], facts: ValueFacts) -> None:
    canonical, typed = facts.canonical, facts.ascii_comparator
    raw = facts.value.raw.strip()
    if typed is not None:
        message = f"比较符“{typed}”请写成“{ASCII_SPELLINGS[typed]}”，打印为“{canonical}”。"
    elif facts.value.kind is ValueKind.DATE:
        message = f"日期“{raw}”请按表格惯例写成“{canonical}”。"
    else:
        message = f"指标值“{raw}”的规范写法是“{canonical}”（统一比较符和半角数字，去掉空格和千分位）。"
    out.append(Finding("value.comparator_spelling", message, canonical))


def _check_text(ctx: Context, out: list[Finding], facts: ValueFacts) -> None:
    year = ctx.form.year
    if facts.word_fix is not None:  # 不低于90%: understood, only spelled in words
        out.append(Finding("value.unit_wording",
                           f"指标值“{facts.value.raw.strip()}”中的“{facts.comparator_word}”请用比较符表示，"
                           f"写成“{facts.word_fix}”，以便系统识别和统一打印。", facts.word_fix))
    elif facts.value.unrecognised:
        typed = facts.value.raw.strip()
        example = "如 ≥90%、=12次 或 2022年12月31日"
        if facts.month_day and year is not None:
            example = f"如写上年份：{year}年{typed}"
        elif facts.looks_like_range:
            example = "范围请只写需要达到的一端，如“90%-95%”写成 ≥90%"
        out.append(Finding("value.unrecognised",
                           f"指标值“{typed}”看起来含有数字，但不是“比较符+数字+单位”或日期的写法，系统无法识别；"
                           f"请改写，{example}；如果是文字描述，请去掉其中的数字。"))
    if year is None:
        return
    for written in facts.years_in_text:
        # The year before is a usual baseline (较2021年增长…), so only further years are odd.
        if not year - 1 <= written <= year + ctx.settings.date_year_distance:
            out.append(Finding("value.year_mismatch",
                               f"指标值中写的是 {written} 年，而本表是 {year} 年度，可能沿用了其他年度的表，请检查。"))
            return


def _check_date(ctx: Context, out: list[Finding], facts: ValueFacts) -> None:
    value = facts.value
    if not value.date_exists:
        out.append(Finding("value.date_impossible", impossible_date_message(value)))
        return
    year = ctx.form.year
    if year is None or value.year is None or value.year == year:
        return
    if value.year < year:
        out.append(Finding("value.date_out_of_year",
                           f"日期 {facts.canonical} 早于本表年度 {year} 年，完成时间应在预算年度内；"
                           f"可能沿用了上一年的表，请改为 {year} 年的日期。"))
    elif value.year - year > ctx.settings.date_year_distance:
        out.append(Finding("value.date_out_of_year",
                           f"日期 {facts.canonical} 离本表年度 {year} 年太远，可能是笔误，请检查年份。"))
    else:
        out.append(Finding("value.date_next_year",
                           f"日期 {facts.canonical} 在本表年度 {year} 年之后；年度绩效目标通常在当年完成，请确认。"))


def _check_number(ctx: Context, out: list[Finding], facts: ValueFacts, name: str) -> None:
    value = facts.value
    if value.unit == "":
        out.append(Finding("value.no_unit", f"指标值“{facts.canonical}”没有计量单位，请写明单位，如 人、次、%、万元。"))
        return
    if facts.percent is not None:
        if facts.percent_word:
            _unit_word(out, facts)
        if facts.percent_out_of_range:
            _percent_range(out, facts, name)
        return
    year = ctx.form.year
    if facts.year_number is not None and year is not None and facts.year_number != year:
        out.append(Finding("value.year_mismatch",
                           f"指标值写的是 {facts.year_number} 年，而本表是 {year} 年度，请检查年份。"))


def _unit_word(out: list[Finding], facts: ValueFacts) -> None:
    word = facts.percent_word
    if facts.word_fix is not None:
        out.append(Finding("value.unit_wording",
                           f"指标值“{facts.canonical}”中的“{word}”请用比较符表示，写成“{facts.word_fix}”。",
                           facts.word_fix))
    else:
        out.append(Finding("value.unit_wording",
                           f"指标值“{facts.canonical}”中的“{word}”与比较符重复或矛盾，请只用比较符表示方向，如 ≥90%。"))


def _percent_range(out: list[Finding], facts: ValueFacts, name: str) -> None:
    shown = f"{format(facts.value.number, 'f')}{facts.percent}"
    if any(word in name for word in _CHANGE_WORDS):
        out.append(Finding("value.percent_range_change",
                           f"百分比 {shown} 超出 0–100；增减幅度可以超过 100%，但请确认没有多写或少写一位。"))
    else:
        out.append(Finding("value.percent_range",
                           f"百分比 {shown} 超出 0–100，不可能达到，请改为 0 到 100 之间的数，如 ≥90%。"))
