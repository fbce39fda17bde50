"""审核 rules that come from the form's template (湖南's own columns and 部门（单位）职责)."""

from __future__ import annotations

import json

import pytest

from perfdesk.domain import forms
from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2
from perfdesk.domain.validation import validate_form
from perfdesk.domain.validation.catalogue import RULES
from perfdesk.domain.validation.problems import Severity

E, W = Severity.ERROR, Severity.WARNING


def _row(name: str, value: str, kind: str, unit: str) -> Indicator:
    extras = {"指标值类型": kind, "指标解释": f"{name}的口径", "评（扣）分标准": "未达到按比例扣分"}
    if unit:
        extras["计量单位"] = unit
    return Indicator(name, value, extras)


def hunan_form() -> Form:
    """A 湖南 table with nothing wrong: the one-defect tests break one thing each."""
    return Form(
        year=2023, department="湖南省某某局", template="hunan-2023",
        fields={"部门（单位）职责": "负责全省职业技能培训的组织实施。"},
        goals=[Goal("完成职业技能培训1000人次，合格率不低于95%。")],
        tree=[
            Level1("产出指标", [
                Level2("数量指标", [_row("培训人次", "≥1000", "定量", "人次")]),
                Level2("质量指标", [_row("培训合格率", "≥95", "定量", "%")]),
                Level2("时效指标", [_row("资金拨付及时率", "=100", "定量", "%")]),
            ]),
            Level1("效益指标", [Level2("社会效益指标", [_row("参训人员就业技能", "有效提升", "定性", "")])]),
            Level1("满意度指标", [Level2("服务对象满意度指标", [_row("参训人员满意度", "≥90", "定量", "%")])]),
        ],
    )


def _first(form: Form) -> Indicator:
    return form.tree[0].children[0].indicators[0]


def test_a_clean_hunan_table_has_no_error_and_no_task_or_unit_warning():
    problems = validate_form(hunan_form())
    assert [p for p in problems if p.severity is E] == []
    ids = {p.rule_id for p in problems}
    assert "tasks.missing" not in ids  # 湖南 has no 年度主要任务 block
    assert "value.no_unit" not in ids  # ≥95 with 计量单位 % is read as ≥95%


CASES = [
    ("duties", lambda f: f.fields.clear(), "template.field_missing", E, "部门（单位）职责", "部门（单位）职责"),
    ("explanation", lambda f: _first(f).extras.pop("指标解释"), "template.cell_missing", E,
     "产出指标 › 数量指标 › 培训人次 › 指标解释", "“指标解释”未填写"),
    ("kind-word", lambda f: _first(f).extras.update({"指标值类型": "定额"}), "template.enum_invalid", E,
     "产出指标 › 数量指标 › 培训人次 › 指标值类型", "定量 / 定性"),
    ("quantitative-text", lambda f: setattr(_first(f), "value", "大幅提升"), "template.quantitative_not_number", E,
     "产出指标 › 数量指标 › 培训人次 › 指标值", "应为数字"),
    ("qualitative-unit", lambda f: f.tree[1].children[0].indicators[0].extras.update({"计量单位": "%"}),
     "template.qualitative_with_unit", W, "效益指标 › 社会效益指标 › 参训人员就业技能 › 指标值", "“%”"),
    ("unit-mismatch", lambda f: setattr(_first(f), "value", "28.8万元"), "template.unit_mismatch", E,
     "产出指标 › 数量指标 › 培训人次 › 指标值", "“人次”与指标值“28.8万元”"),
    ("empty-row", lambda f: f.tree[0].children[0].indicators.append(Indicator("", "")), "template.empty_row", E,
     "产出指标 › 数量指标 › 第2行（未命名）", "什么都没有填写"),
    ("level2-name", lambda f: setattr(_first(f), "name", "社会成本指标"), "template.level3_is_level2", W,
     "产出指标 › 数量指标 › 社会成本指标", "二级指标名称"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_one_template_defect_is_reported_with_its_row_and_column(case):
    _, change, rule, severity, label, words = case
    form = hunan_form()
    change(form)
    matching = [p for p in validate_form(form) if p.rule_id == rule]
    assert matching, rule
    assert (matching[0].severity, matching[0].place.label) == (severity, label)
    assert RULES[rule].severity is severity and words in matching[0].message


def test_a_number_column_a_site_template_declares_must_hold_a_number(tmp_path, monkeypatch):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "weights.json").write_text(json.dumps({
        "id": "test-weights", "kind": "department_overall", "indicator_columns": [
            {"key": "value", "label": "指标值", "type": "target_value"}, {"label": "分值", "type": "number"}]},
        ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("PERFDESK_TEMPLATES_DIR", str(folder))
    forms.reload()
    try:
        form = hunan_form()
        form.template = "test-weights"
        _first(form).extras = {"分值": "十分"}
        found = [p for p in validate_form(form) if p.rule_id == "template.not_number"]
        assert found and "“分值”应为数字" in found[0].message
    finally:
        monkeypatch.delenv("PERFDESK_TEMPLATES_DIR")
        forms.reload()


def test_a_form_whose_template_is_not_installed_here_is_warned_about_and_keeps_its_name():
    form = hunan_form()
    form.template = "shaanxi-2030"  # made with a site template this machine does not have
    found = [p for p in validate_form(form) if p.rule_id == "template.unknown"]
    assert found and found[0].severity is W and "“shaanxi-2030”" in found[0].message
    assert form.template == "shaanxi-2030"  # kept as it is: saving must not lose it


def test_the_sample_gets_no_template_finding():
    from perfdesk.sample import sample_project

    assert not [p for p in validate_form(sample_project().forms[0]) if p.rule_id.startswith("template.")]
