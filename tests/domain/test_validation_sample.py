"""审核 of the bundled sample: the published table's real flaws are found, and a
corrected copy of it is clean — a real table must not drown in false errors."""

from __future__ import annotations

import copy
from collections import Counter

from perfdesk.domain.model import Form
from perfdesk.domain.validation import Severity, apply_fix, validate_form
from perfdesk.sample import sample_project

DUPLICATE = "缴纳92-93辞去现职保留公职人员社保费"
TRUNCATED = "每人缴纳92-93辞去现职保留公职人员社"


def sample_form() -> Form:
    return sample_project().forms[0]


def find(form: Form, name: str, level2: str | None = None):
    return [ind for _, l2, ind in form.iter_indicators() if ind.name == name and level2 in (None, l2.name)]


def corrected_sample() -> Form:
    """The sample as a careful clerk would submit it: every flaw put right."""
    form = sample_form()
    for problem in validate_form(form):
        if problem.fix is not None:
            apply_fix(form, problem.fix)
    first, second = find(form, DUPLICATE, "数量指标")
    first.name, second.name = "92-93辞去公职人员社保缴纳人数", "92-93辞去公职人员社保缴纳次数"
    find(form, DUPLICATE, "质量指标")[0].name = "92-93辞去公职人员社保缴纳准确率"
    find(form, "缴纳92-93辞去现职保留公职社保费人员")[0].name = "92-93辞去公职人员社保缴纳及时率"
    find(form, TRUNCATED)[0].name = "92-93辞去公职人员人均社保费"
    find(form, "政府采购成本成本")[0].name = "政府采购成本"
    find(form, "设备采购完成时间")[0].value = "2022年11月30日"
    find(form, "信息中心网络系统运行维护响应时间")[0].value = "≤8小时"
    form.tasks[3].name = "人社业务运转及综合保障"
    return form


def test_sample_reports_its_published_flaws_as_errors():
    form = sample_form()
    problems = validate_form(form)
    errors = [(p.rule_id, p.place.label, p.place.field) for p in problems if p.severity is Severity.ERROR]
    assert errors == [
        ("name.duplicate_in_group", f"产出指标 › 数量指标 › {DUPLICATE}（第14行）", "name"),
        ("value.date_impossible", "产出指标 › 时效指标 › 设备采购完成时间", "value"),
        ("tree.level2_not_allowed", "满意度指标 › 满意度指标", "name"),
    ]
    date = next(p for p in problems if p.rule_id == "value.date_impossible")
    assert date.message == "日期 2022年11月31日 不存在（11月只有30天），请改为实际日期，如 2022年11月30日。"
    assert date.place.ref_id == find(form, "设备采购完成时间")[0].id


def test_sample_warnings_name_the_duplicate_the_doubled_word_and_the_truncated_name():
    form = sample_form()
    warnings = [p for p in validate_form(form) if p.severity is Severity.WARNING]
    by_rule = Counter(p.rule_id for p in warnings)
    assert by_rule == {"task.name_empty": 1, "name.length_limit": 5, "name.duplicate_across_groups": 1,
                       "name.doubled_word": 1}
    across = next(p for p in warnings if p.rule_id == "name.duplicate_across_groups")
    assert across.place.label == f"产出指标 › 质量指标 › {DUPLICATE}"
    assert "产出指标 › 数量指标" in across.message
    doubled = next(p for p in warnings if p.rule_id == "name.doubled_word")
    assert doubled.place.label == "产出指标 › 成本指标 › 政府采购成本成本" and doubled.fix is None
    assert "“成本”" in doubled.message
    truncated = next(p for p in warnings if p.place.ref_id == find(form, TRUNCATED)[0].id)
    assert truncated.rule_id == "name.length_limit" and "20" in truncated.message
    assert find(form, TRUNCATED)[0].name == TRUNCATED  # warned about, never cut
    empty_task = next(p for p in warnings if p.rule_id == "task.name_empty")
    assert empty_task.place.label == "年度主要任务 第4行 任务名称"
    assert empty_task.place.ref_id == form.tasks[3].id


def test_sample_level2_fix_maps_the_legacy_name():
    form = sample_form()
    problem = next(p for p in validate_form(form) if p.rule_id == "tree.level2_not_allowed")
    assert problem.fix is not None
    apply_fix(form, problem.fix)
    assert [l2.name for l2 in form.level1("满意度指标").children] == ["服务对象满意度指标"]
    assert not [p for p in validate_form(form) if p.rule_id.startswith("tree.")]


def test_sample_ascii_comparators_are_hints_with_a_fix_to_the_printed_form():
    form = sample_form()
    hints = [p for p in validate_form(form) if p.rule_id == "value.comparator_spelling"]
    typed = [ind for _, _, ind in form.iter_indicators() if ind.value.startswith((">=", "<="))]
    assert len(hints) == len(typed) == 29
    assert all(p.severity is Severity.HINT for p in hints)
    first = hints[0]
    assert first.place.label == "产出指标 › 数量指标 › 保障在职人员数量"
    apply_fix(form, first.fix)
    assert find(form, "保障在职人员数量")[0].value == "≥109人"


def test_lower_is_better_rates_and_cost_growth_rates_are_not_nagged():
    form = sample_form()
    quiet = {"信息中心网络系统故障率", "年度维护成本增长率", "全州人力资源和社会保障经办服务质量"}
    flagged = {p.place.label.rsplit(" › ", 1)[-1] for p in validate_form(form)
               if p.rule_id != "value.comparator_spelling"}
    assert not quiet & flagged


def test_the_equals_response_time_gets_a_direction_hint():
    form = sample_form()
    hint = next(p for p in validate_form(form) if p.rule_id == "time.direction")
    assert hint.place.label == "产出指标 › 时效指标 › 信息中心网络系统运行维护响应时间"
    assert hint.severity is Severity.HINT and "≤8小时" in hint.message


def test_corrected_sample_is_completely_clean():
    assert validate_form(corrected_sample()) == []


def test_every_fix_on_the_sample_clears_its_own_problem_and_adds_no_error():
    form = sample_form()
    before = validate_form(form)
    for problem in [p for p in before if p.fix is not None]:
        trial = copy.deepcopy(form)
        apply_fix(trial, problem.fix)
        after = validate_form(trial)
        assert not [p for p in after if (p.rule_id, p.place.ref_id) == (problem.rule_id, problem.place.ref_id)]
        assert sum(p.severity is Severity.ERROR for p in after) <= sum(p.severity is Severity.ERROR for p in before)
