"""审核 of project tables (项目支出绩效目标表): rules T1–T17 of FORM-SPEC-WAVE2 §1.4.

Each case starts from a clean table of tests/project_forms.py (88号 with 中期 and 年度, or 一体化),
makes one mistake and checks that exactly that problem is added (compared with what the clean
table reports: its few warnings, e.g. 年度 rows without a 中期 twin, stay as they are), with its
severity, the place a reviewer looks (side, row, column) and the words of its message.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from project_forms import mof_project, yth_project

from perfdesk.domain.model import Form, Goal, Indicator
from perfdesk.domain.validation import RULES, Severity, ValidationSettings, apply_fix, validate_form

E, W = Severity.ERROR, Severity.WARNING
Change = Callable[[Form], object]


def row(form: Form, name: str, horizon: str = "year") -> Indicator:
    return next(ind for _, _, ind in form.iter_indicators(horizon) if ind.name == name)


def value(name: str, text: str, horizon: str = "year") -> Change:
    return lambda f: setattr(row(f, name, horizon), "value", text)


def field(key: str, text: str) -> Change:
    return lambda f: f.fields.__setitem__(key, text)


def funds(**cells: str) -> Change:
    return lambda f: f.funds.update({k.replace("_", ".", 1) if k.startswith(("mid_", "year_")) else k: v
                                     for k, v in cells.items()})


def group(form: Form, level1: str, level2: str, horizon: str = "year"):
    node = next(l1 for l1 in form.side(horizon) if l1.name == level1)
    return next(l2 for l2 in node.children if l2.name == level2)


def clear_satisfaction(form: Form) -> None:
    group(form, "满意度指标", "服务对象满意度指标").indicators.clear()


Y_PREFIX = "年度指标 › "
M_PREFIX = "中期指标 › "
FUNDS = "项目资金（万元） › "

# (id, T number, fixture, change, rule, severity, place label, words in the message)
CASES = [
    ("name", "T1", mof_project, field("项目名称", ""), "template.field_missing", E, "项目名称", ["项目名称"]),
    ("department", "T1", mof_project, field("主管部门及代码", " "), "template.field_missing", E, "主管部门及代码",
     ["主管部门及代码"]),
    ("yth-department", "T1", yth_project, field("主管部门", ""), "template.field_missing", E, "主管部门", ["主管部门"]),
    ("year-goals", "T1", mof_project, lambda f: setattr(f, "goals", [Goal("  ")]), "project.goals_missing", E,
     "年度目标", ["未填写年度目标"]),
    ("mid-goals", "T1", mof_project, lambda f: f.goals_mid.clear(), "project.mid_goals_missing", W,
     "中期目标（2026年—2028年）", ["中期目标（2026年—2028年）"]),
    ("goal-repeated", "T1", mof_project, lambda f: f.goals_mid.append(Goal("建成县级干部培训课程库")),
     "goals.duplicate", W, "中期目标（2026年—2028年） 目标3", ["目标3"]),
    ("impl-unit", "T2", mof_project, field("实施单位", ""), "project.impl_unit_missing", W, "实施单位", ["实施单位"]),
    ("mid-sum", "T3", mof_project, funds(mid_other="50.00"), "funds.sum_mismatch", E, FUNDS + "中期资金总额",
     ["中期资金总额 360.00 ≠ 其中：财政拨款 + 其他资金 = 350.00"]),
    ("year-sum", "T3", mof_project, funds(year_fiscal="90"), "funds.sum_mismatch", E, FUNDS + "年度资金总额",
     ["年度资金总额 120.00 ≠ 其中：财政拨款 + 其他资金 = 110.00"]),
    ("total-missing", "T3", mof_project, funds(mid_total=""), "funds.missing", E, FUNDS + "中期资金总额",
     ["未填写中期资金总额"]),
    ("negative", "T3", mof_project, funds(year_other="-20", year_total="80"), "funds.negative", E,
     FUNDS + "年度 › 其他资金", ["年度“其他资金” -20.00 万元是负数"]),
    ("decimals", "T3", mof_project, funds(year_other="20.0000000"), "funds.too_many_decimals", E,
     FUNDS + "年度 › 其他资金", ["7 位小数"]),
    ("year-over-mid", "T4", mof_project, funds(year_other="70", year_fiscal="50"), "funds.year_over_mid", E,
     FUNDS + "年度 › 其他资金", ["年度“其他资金” 70.00 万元大于中期“其他资金” 60.00 万元"]),
    ("yth-sum", "T5", yth_project, funds(year_total="22000.00"), "funds.sum_mismatch", E,
     FUNDS + "年度资金申请总额",
     ["年度资金申请总额 22000.00 ≠ 其中：当年财政拨款 + 上年结转资金 + 其他资金 = 22614.51"]),
    ("project-below-year", "T5", yth_project, funds(project_total="20000"), "funds.project_below_year", E,
     FUNDS + "项目资金总额", ["项目资金总额 20000.00 万元小于年度资金申请总额 22614.51 万元"]),
    ("words-in-funds", "T5", yth_project, funds(year_carryover="约2114万"), "funds.not_a_number", E,
     FUNDS + "年度 › 上年结转资金", ["“约2114万”不是金额"]),
    ("no-satisfaction", "T6", mof_project, clear_satisfaction, "project.level1_empty", E, Y_PREFIX + "满意度指标",
     ["“满意度指标”下没有任何三级指标"]),
    ("mid-level2", "T7", mof_project, lambda f: setattr(group(f, "产出指标", "数量指标", "mid"), "name", "工作量指标"),
     "tree.level2_not_allowed", E, M_PREFIX + "产出指标 › 工作量指标", ["工作量指标"]),
    ("placeholder", "T8", mof_project, value("举办培训班期数", "**期"), "project.value_placeholder", E,
     Y_PREFIX + "产出指标 › 数量指标 › 举办培训班期数 › 指标值", ["占位符"]),
    ("mid-placeholder", "T8", mof_project, value("培训基层干部人次", "≥**人次", "mid"), "project.value_placeholder", E,
     M_PREFIX + "产出指标 › 数量指标 › 培训基层干部人次 › 指标值", ["“≥**人次”"]),
    ("crosses", "T8", yth_project, value("培训合格率", "××"), "project.value_placeholder", E,
     "产出指标 › 质量指标 › 培训合格率 › 年度指标值", ["“××”"]),
    ("empty-value", "T8", mof_project, value("培训合格率", "", "mid"), "value.empty", E,
     M_PREFIX + "产出指标 › 质量指标 › 培训合格率 › 指标值", ["没有填写指标值"]),
    ("cost-floor", "T9", mof_project, value("人均培训成本", "≥800元"), "cost.direction", W,
     Y_PREFIX + "产出指标 › 成本指标 › 人均培训成本 › 指标值", ["≤800元"]),
    ("percent-over-100", "T10", mof_project, value("培训合格率", "≥120%"), "value.percent_range", W,
     Y_PREFIX + "产出指标 › 质量指标 › 培训合格率 › 指标值", ["120%"]),
    ("date-after-period", "T11", mof_project, value("培训完成时间", "2029年6月30日前"),
     "project.date_outside_period", E, Y_PREFIX + "产出指标 › 时效指标 › 培训完成时间 › 指标值",
     ["不在项目期 2026年—2028年 内"]),
    ("date-after-end", "T11", yth_project, value("培训完成时间", "2029年1月31日前"), "project.date_outside_period", E,
     "产出指标 › 时效指标 › 培训完成时间 › 年度指标值", ["晚于计划完成日期 2028年12月31日"]),
    ("period-reversed", "T12", mof_project, field("项目期", "2028年—2026年"), "project.period_reversed", E, "项目期",
     ["2028 晚于结束年份 2026"]),
    ("period-unreadable", "T12", mof_project, field("项目期", "三年"), "project.period_unreadable", W, "项目期",
     ["“三年”"]),
    ("dates-reversed", "T12", yth_project, field("计划开始日期", "2029年1月1日"), "project.period_reversed", E,
     "计划开始日期", ["晚于计划完成日期"]),
    ("date-impossible", "T12", yth_project, field("计划完成日期", "2028年2月30日"), "template.date_impossible", E,
     "计划完成日期", ["不存在"]),
    ("date-unreadable", "T12", yth_project, field("计划开始日期", "明年"), "template.date_unreadable", W,
     "计划开始日期", ["“明年”不是日期"]),
    ("attribute", "template", mof_project, field("项目属性", "新项目"), "template.enum_invalid", E, "项目属性",
     ["新增项目 / 延续项目"]),
    ("no-mid-twin", "T13", mof_project,
     lambda f: group(f, "产出指标", "数量指标").indicators.append(Indicator("编印培训教材册数", "≥2000册")),
     "project.mid_counterpart_missing", W, Y_PREFIX + "产出指标 › 数量指标 › 编印培训教材册数", ["中期指标"]),
    ("count-above-mid", "T13", mof_project, value("培训基层干部人次", "≥4000人次"), "project.year_over_mid_count", W,
     Y_PREFIX + "产出指标 › 数量指标 › 培训基层干部人次 › 指标值", ["“≥4000人次”大于中期指标值“≥3600人次”"]),
    ("looser-rate", "T13", mof_project, value("培训合格率", "≥90%"), "project.year_looser", W,
     Y_PREFIX + "产出指标 › 质量指标 › 培训合格率 › 指标值", ["“≥90%”比中期指标值“≥95%”宽松"]),
    ("words-after-comparator", "T14", mof_project, value("举办培训班期数", "≥若干期"),
     "project.quantitative_not_number", E, Y_PREFIX + "产出指标 › 数量指标 › 举办培训班期数 › 指标值", ["若干"]),
    ("vague", "T15", mof_project, value("培训成果持续应用", "有效提升"), "project.vague_value", W,
     Y_PREFIX + "效益指标 › 可持续影响指标 › 培训成果持续应用 › 指标值", ["“有效提升”无法衡量"]),
    ("goal-unsupported", "T16", mof_project, lambda f: f.goals.append(Goal("完成办公楼屋面防水维修")),
     "project.goal_unsupported", W, "年度目标 目标3", ["按关键词粗略判断"]),
    ("core-empty", "T17", mof_project, value("培训基层干部人次", ""), "project.core_empty", E,
     Y_PREFIX + "产出指标 › 数量指标 › 培训基层干部人次 › 指标值", ["★核心指标"]),
    ("core-placeholder", "T17", yth_project, value("参训学员满意度", "≥**%"), "project.core_empty", E,
     "满意度指标 › 服务对象满意度指标 › 参训学员满意度 › 年度指标值", ["占位符"]),
]


def _keys(form: Form, settings: ValidationSettings | None = None) -> dict[tuple[str, str], object]:
    return {(p.rule_id, p.place.label): p for p in validate_form(form, settings)}


@pytest.mark.parametrize("case", CASES, ids=[f"{c[1]}-{c[0]}" for c in CASES])
def test_one_defect_of_a_project_table_is_reported_alone_where_it_is(case):
    _, _, make, change, rule, severity, label, words = case
    clean = _keys(make())
    form = make()
    change(form)
    found = _keys(form)
    added = {key: p for key, p in found.items() if key not in clean}
    assert list(added) == [(rule, label)], [(p.rule_id, p.place.label, p.message) for p in added.values()]
    problem = added[(rule, label)]
    assert problem.severity is severity
    for word in words:
        assert word in problem.message, problem.message


@pytest.mark.parametrize("make", [mof_project, yth_project])
def test_the_clean_project_tables_have_no_error_and_no_department_rule(make):
    problems = validate_form(make())
    assert [(p.rule_id, p.place.label) for p in problems if p.severity is E] == []
    department_only = {"form.department_missing", "tasks.missing", "goals.missing", "money.sum_mismatch",
                       "tree.level1_empty", "tree.recommended_missing"}
    assert not {p.rule_id for p in problems} & department_only


def test_every_project_rule_in_the_catalogue_has_a_case():
    ids = {r for r in RULES if r.startswith(("project.", "funds."))}
    covered = {case[4] for case in CASES}
    assert ids - covered == set()


def test_satisfaction_can_be_waived_by_a_setting():
    form = mof_project()
    clear_satisfaction(form)
    waived = ValidationSettings(project_satisfaction_required=False)
    assert "project.level1_empty" not in {p.rule_id for p in validate_form(form, waived)}
    assert "project.level1_empty" in {p.rule_id for p in validate_form(form)}


def test_the_cumulative_project_total_is_never_compared_with_other_annual_cells():
    form = yth_project()
    form.funds["project_fiscal"] = "100.00"  # below 当年财政拨款 20000.00: a cumulative cell, not compared
    assert {k for k in _keys(form)} == {k for k in _keys(yth_project())}


def test_a_mid_side_fix_applies_to_the_mid_side():
    form = mof_project()
    twin = row(form, "培训合格率", "mid")
    twin.name = " 培训合格率 "
    problem = next(p for p in validate_form(form) if p.rule_id == "name.spaces")
    assert problem.place.label == M_PREFIX + "产出指标 › 质量指标 › 培训合格率"
    apply_fix(form, problem.fix)
    assert twin.name == "培训合格率"
    assert "name.spaces" not in {p.rule_id for p in validate_form(form)}


def test_hidden_characters_in_a_project_field_are_reported_with_its_label():
    form = mof_project()
    form.fields["项目名称"] = "基层干部\u202e培训"
    problem = next(p for p in validate_form(form) if p.rule_id == "text.bidi_override")
    assert (problem.place.kind, problem.place.field, problem.place.label) == ("header", "项目名称", "项目名称")
