"""Province-varying thresholds are settings: each one changes what the clerk is told."""

from __future__ import annotations

from test_validation_rules import education_2023, group, ind

from perfdesk.domain.model import Indicator
from perfdesk.domain.validation import Severity, ValidationSettings, validate_form


def rules(form, **settings) -> list[tuple[str, Severity]]:
    return [(p.rule_id, p.severity) for p in validate_form(form, ValidationSettings(**settings))]


def test_name_length_limit_follows_the_setting_and_names_are_never_cut():
    form = education_2023()
    longest = "家庭经济困难学生资助情况"  # 12 characters, the longest in the table
    problems = validate_form(form, ValidationSettings(name_max_length=12))
    assert [(p.rule_id, p.place.label.rsplit(" › ", 1)[-1]) for p in problems] == [("name.length_limit", longest)]
    assert "12 个字" in problems[0].message
    assert rules(form, name_max_length=13) == rules(form, name_max_length=0) == []
    assert ind(form, longest).name == longest


def test_recommended_level2_can_be_off_a_warning_or_required():
    form = education_2023()
    group(form, "产出指标", "时效指标").indicators.clear()
    assert rules(form) == [("tree.recommended_missing", Severity.WARNING)]
    assert rules(form, recommended_level2_severity=None) == []
    assert rules(form, recommended_level2_severity=Severity.ERROR) == [("tree.recommended_missing", Severity.ERROR)]


def test_an_empty_level1_can_be_made_an_error_for_strict_provinces():
    form = education_2023()
    for level2 in form.level1("效益指标").children:
        level2.indicators.clear()
    assert rules(form) == [("tree.level1_empty", Severity.WARNING)]
    assert rules(form, empty_level1_severity=Severity.ERROR) == [("tree.level1_empty", Severity.ERROR)]
    assert rules(form, empty_level1_severity=None) == []


def test_a_wholly_empty_indicator_block_is_one_message_not_a_wall():
    form = education_2023()
    for level1 in form.tree:
        for level2 in level1.children:
            level2.indicators.clear()
    problems = validate_form(form)
    assert [(p.rule_id, p.place.label) for p in problems] == [("tree.empty", "年度绩效指标")]
    assert "服务对象满意度指标" in problems[0].message


def test_the_year_distance_for_dates_is_a_setting():
    form = education_2023()
    ind(form, "培训完成时间").value = "2024年3月31日"
    assert rules(form) == [("value.date_next_year", Severity.HINT)]
    assert rules(form, date_year_distance=0) == [("value.date_out_of_year", Severity.WARNING)]


def test_money_scale_is_a_setting():
    form = education_2023()
    assert rules(form, max_money_places=1) == [("money.too_many_decimals", Severity.ERROR)] * 2  # 1200.50 twice


def test_departments_can_add_their_own_lower_is_better_words():
    form = education_2023()
    group(form, "产出指标", "质量指标").indicators.append(Indicator("学生近视率", "≤30%"))
    assert rules(form) == [("rate.direction", Severity.HINT)]
    extra = ValidationSettings().lower_is_better + ("近视",)
    assert rules(form, lower_is_better=extra) == []
