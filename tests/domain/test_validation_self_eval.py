"""审核 of the 绩效自评表 (FORM-SPEC-WAVE2 §2.6): the clean worked example has no errors, and each
mutation reports exactly its rule, at its row and column, in Chinese."""

from __future__ import annotations

import pytest

from perfdesk.domain.validation import RULES, Severity, validate_form
from tests.self_eval_forms import filled, training_project

E = Severity.ERROR


def clean():
    project = training_project()
    return project, filled(project, reasons=True)


def row(form, name):
    return next(r for _, _, r in form.iter_indicators() if r.name == name)


def set_extra(name, key, value):
    def change(project, form):
        target = row(form, name)
        target.extras = {**target.extras, key: value}
    return change


def set_fund(key, value):
    def change(project, form):
        form.funds = {**form.funds, key: value}
    return change


def retarget(project, form):
    source_row = next(project.forms[0].iter_indicators())[2]
    source_row.value = "≥1100人次"


CASES = [
    # (id, change, rule, label, field, words)
    ("budget-missing", set_fund("total.full_year", ""), "self.budget_missing",
     "项目资金 › 年度资金总额 全年预算数（A）", "funds:total.full_year", ["全年预算数"]),
    ("overspend", lambda p, f: f.funds.update({"total.executed": "125.00", "fiscal.executed": "116.00"}),
     "self.overspend", "项目资金 › 年度资金总额 全年执行数（B）", "funds:total.executed", ["104.17%"]),
    ("fund-sum", set_fund("fiscal.full_year", "100.00"), "self.fund_sum",
     "项目资金 › 年度资金总额 全年预算数（A）", "funds:total.full_year", ["120", "110"]),
    ("fund-words", set_fund("other.executed", "约5万"), "self.fund_not_number",
     "项目资金 › 其他资金 全年执行数（B）", "funds:other.executed", ["约5万"]),
    ("weights-total", set_extra("培训合格率", "weight", "12"), "self.weights_total",
     "绩效指标 分值", "tree", ["102"]),
    ("group-weights", lambda p, f: (set_extra("培训合格率", "weight", "12")(p, f),
                                    set_extra("参训人员满意度", "weight", "8")(p, f)),
     "self.group_weights", "产出指标 分值", "tree", ["52", "50"]),
    ("weight-zero", set_extra("培训合格率", "weight", "0"), "self.weight_not_positive",
     "产出指标 › 质量指标 › 培训合格率 › 分值", "weight", ["大于 0"]),
    ("score-range", set_extra("培训质量", "score", "12"), "self.score_out_of_range",
     "产出指标 › 质量指标 › 培训质量 › 得分", "score", ["0 到分值"]),
    ("outside-band", set_extra("参训人员技能提升", "score", "12.00"), "self.outside_band",
     "效益指标 › 社会效益指标 › 参训人员技能提升 › 得分", "score", ["9.00", "12.00"]),
    ("raised", lambda p, f: (set_extra("培训合格率", "actual", "120%")(p, f),
                             set_extra("培训合格率", "score", "11")(p, f)),
     "self.score_out_of_range", "产出指标 › 质量指标 › 培训合格率 › 得分", "score", ["0 到分值"]),
    ("differs", set_extra("培训人次", "score", "15"), "self.score_differs",
     "产出指标 › 数量指标 › 培训人次 › 得分", "score", ["14.25"]),
    ("reason", set_extra("培训人次", "deviation", ""), "self.reason_missing",
     "产出指标 › 数量指标 › 培训人次 › 偏差原因分析及改进措施", "deviation", ["14.25", "15"]),
    ("not-number", set_extra("培训人次", "actual", "基本完成"), "self.actual_not_number",
     "产出指标 › 数量指标 › 培训人次 › 实际完成值", "actual", ["基本完成"]),
    ("no-band", set_extra("培训质量", "actual", "较好"), "self.no_band",
     "产出指标 › 质量指标 › 培训质量 › 实际完成值", "actual", ["档次"]),
    ("no-score", set_extra("培训质量", "score", ""), "self.no_score",
     "产出指标 › 质量指标 › 培训质量 › 得分", "score", ["得分"]),
    ("over-achieved", set_extra("培训人次", "actual", "1300人次"), "self.over_achieved",
     "产出指标 › 数量指标 › 培训人次 › 实际完成值", "actual", ["1.2 倍"]),
    ("negative", set_extra("培训人次", "actual", "-3人次"), "self.negative_actual",
     "产出指标 › 数量指标 › 培训人次 › 实际完成值", "actual", ["按 0 计分"]),
    ("unit", set_extra("培训人次", "actual", "950人"), "self.unit_mismatch",
     "产出指标 › 数量指标 › 培训人次 › 实际完成值", "actual", ["单位"]),
    ("bad-target", lambda p, f: setattr(row(f, "培训完成时间"), "value", "≤2024年2月30日"), "self.bad_target",
     "产出指标 › 时效指标 › 培训完成时间 › 年度指标值", "value", ["不是有效日期"]),
    ("target-changed", retarget, "self.target_changed",
     "产出指标 › 数量指标 › 培训人次 › 年度指标值", "value", ["≥1000人次", "≥1100人次", "同步"]),
    ("source-gone", lambda p, f: p.forms.pop(0), "self.source_missing", "来源目标表", "template", ["目标表"]),
]


def test_the_clean_worked_example_has_no_self_evaluation_problems():
    project, form = clean()
    problems = validate_form(form, project=project)
    assert [(p.rule_id, p.message) for p in problems if p.rule_id.startswith("self.")] == []
    assert [(p.rule_id, p.message) for p in problems if p.severity is E] == []


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_one_defect_is_reported_where_it_is(case):
    _, change, rule, label, field, words = case
    project, form = clean()
    change(project, form)
    problems = validate_form(form, project=project)
    matching = [p for p in problems if p.rule_id == rule]
    assert matching, f"{rule} not reported; got {[(p.rule_id, p.message) for p in problems]}"
    problem = matching[0]
    assert (problem.place.label, problem.place.field) == (label, field)
    assert problem.severity is RULES[rule].severity
    for word in words:
        assert word in problem.message, problem.message


def test_every_self_evaluation_rule_has_a_case():
    assert {r for r in RULES if r.startswith("self.")} - {c[2] for c in CASES} == set()


def test_lowering_an_over_achieved_row_is_allowed_and_counts():
    from perfdesk.domain import self_eval

    project, form = clean()
    target = row(form, "培训人次")
    target.extras = {**target.extras, "actual": "1300人次", "score": "14"}
    problems = validate_form(form, project=project)
    assert not [p for p in problems if p.rule_id.startswith("self.score")]
    assert [p.rule_id for p in problems if p.place.ref_id == target.id] == ["self.over_achieved"]
    assert self_eval.score_form(form).rows[target.id].score == 14
