"""Scoring of the 绩效自评表: FORM-SPEC-WAVE2 §2.5's worked example and every unit case."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfdesk.domain.scoring import RowInput, get_profile, score_budget, score_row, spread_weights, total_score
from perfdesk.domain.scoring import rows as r
from perfdesk.domain.scoring.profile import ProfileError, parse_profile
from perfdesk.domain.scoring.totals import OVERSPEND, ZERO_BUDGET

CENTRAL = get_profile()
RATIO = CENTRAL.with_reverse_mode("ratio")
HUBEI = get_profile("hubei")

# 某培训项目 (§2.5): target, actual, weight, typed score (定性 rows), expected linear, expected ratio.
WORKED = [
    ("≥1000人次", "950人次", "15", None, "14.25", "14.25"),
    ("≥95%", "97%", "10", None, "10.00", "10.00"),
    ("优良", "达成年度指标", "10", "10.00", "10.00", "10.00"),
    ("≤2024年10月31日", "2024年11月15日", "5", None, "4.75", "4.77"),
    ("≤500元/人次", "550元/人次", "10", None, "9.00", "9.09"),
    ("有效提升", "部分达成年度指标并具有一定效果", "15", "11.00", "11.00", "11.00"),
    ("建立", "达成年度指标", "15", "13.50", "13.50", "13.50"),
    ("≥90%", "92%", "10", None, "10.00", "10.00"),
]


def _rows(profile):
    return [
        score_row(RowInput(t, a, D(w), D(s) if s else None, year=2024), profile) for t, a, w, s, _, _ in WORKED
    ]


def test_the_worked_example_totals_92_00_in_linear_mode():
    budget = score_budget(D("120.00"), D("114.00"), D(10))
    assert budget.score == D("9.50") and budget.rate_text == "95.00%"
    rows = _rows(CENTRAL)
    assert [row.score for row in rows] == [D(line[4]) for line in WORKED]
    total = total_score(rows, budget, CENTRAL)
    assert total.total == D("92.00") and total.grade == "优" and not total.rescaled


def test_the_worked_example_totals_92_11_in_ratio_mode():
    budget = score_budget(D("120.00"), D("114.00"), D(10))
    rows = _rows(RATIO)
    assert [row.score for row in rows] == [D(line[5]) for line in WORKED]
    total = total_score(rows, budget, RATIO)
    assert total.total == D("92.11") and total.grade == "优"


def test_every_figure_is_explained_with_its_own_numbers():
    rows = _rows(CENTRAL)
    assert rows[0].explanation == "未达到目标：得分 = 950 ÷ 1000 × 15 = 14.25"
    assert "目标 305 天" in rows[3].explanation and "实际 320 天" in rows[3].explanation
    assert "(1 − (550 − 500) ÷ 500) × 10 = 9.00" in rows[4].explanation
    assert "9.00（含）至 12.00（不含）" in rows[5].explanation
    budget = score_budget(D("120"), D("114"), D(10))
    assert budget.explanation.startswith("执行率 = 114 ÷ 120 = 95.00%")


def test_the_worked_example_flags_and_reasons():
    rows = _rows(CENTRAL)
    assert rows[0].needs_reason  # under target
    assert r.LATE in rows[3].flags and rows[3].needs_reason
    assert rows[4].needs_reason
    assert rows[5].needs_reason  # 部分达成
    assert rows[6].needs_reason and not rows[1].needs_reason and not rows[7].needs_reason


def test_budget_overspend_is_capped_and_flagged_and_zero_budget_has_no_score():
    over = score_budget(D("120"), D("125"), D(10))
    assert over.score == D("10.00") and over.rate_text == "104.17%" and OVERSPEND in over.flags
    zero = score_budget(D("0"), D("5"), D(10))
    assert zero.score is None and ZERO_BUDGET in zero.flags


def _one(target, actual, weight, profile=CENTRAL, typed=None, year=2024):
    return score_row(RowInput(target, actual, D(weight), D(typed) if typed else None, year=year), profile)


def test_positive_over_achieved_keeps_full_marks_flags_and_may_be_lowered_only():
    row = _one("≥1000", "1300", "15")
    assert row.score == D("15.00") and r.OVER_ACHIEVED in row.flags and row.editable and row.needs_reason
    lowered = _one("≥1000", "1300", "15", typed="12")
    assert lowered.score == D("12") and r.RAISED not in lowered.flags
    raised = _one("≥1000", "1300", "15", typed="16")
    assert raised.score == D("15") and r.OUT_OF_RANGE in raised.flags


def test_positive_exactly_120_percent_is_flagged():
    row = _one("≥1000", "1200", "15")
    assert row.score == D("15.00") and r.OVER_ACHIEVED in row.flags
    assert r.OVER_ACHIEVED not in _one("≥1000", "1199", "15").flags


@pytest.mark.parametrize(("profile", "expected"), [(CENTRAL, "0.00"), (RATIO, "5.00")])
def test_reverse_far_over(profile, expected):
    assert _one("≤500", "1000", "10", profile).score == D(expected)


def test_reverse_met_and_zero_target():
    assert _one("≤500", "480", "10").score == D(10)
    assert _one("≤0起", "1起", "10").score == D(0)
    assert _one("≤0起", "0起", "10").score == D(10)


def test_equal_target():
    assert _one("=8个", "8个", "10").score == D(10)
    assert _one("=8个", "7个", "10").score == D("8.75")  # 7/8 × 10


def test_negative_actual_counts_as_zero():
    row = _one("≥100", "-3", "10")
    assert row.score == D("0.00") and r.NEGATIVE_ACTUAL in row.flags


@pytest.mark.parametrize(("profile", "expected"), [(CENTRAL, "4.50"), (RATIO, "4.55")])
def test_month_coded_timeliness(profile, expected):
    assert _one("≤10月", "11月", "5", profile).score == D(expected)


def test_qualitative_band_boundaries_central():
    assert r.OUTSIDE_BAND in _one("有效", "部分达成年度指标并具有一定效果", "10", typed="8.00").flags
    assert not _one("有效", "部分达成年度指标并具有一定效果", "10", typed="6.00").flags
    assert r.OUTSIDE_BAND in _one("有效", "部分达成年度指标并具有一定效果", "10", typed="5.99").flags
    assert not _one("有效", "达成年度指标", "10", typed="8.00").flags


def test_hubei_band_includes_50_percent():
    assert not _one("有效", "部分达成", "10", HUBEI, typed="5.00").flags
    assert r.OUTSIDE_BAND in _one("有效", "部分达成", "10", CENTRAL, typed="5.00").flags


def test_qualitative_without_band_or_score_is_flagged_not_guessed():
    row = _one("有效提升", "效果很好", "10")
    assert r.NO_BAND in row.flags and row.score is None
    row = _one("有效提升", "达成预期指标", "10")
    assert row.band == "达成年度指标" and r.NO_SCORE in row.flags and row.suggestion == D(10)


def test_rescaling_when_a_row_is_not_applicable():
    # 生态效益 (w = 10) 不适用; the applicable rows (weights 90 in all) scored 81.00.
    rows = [
        score_row(RowInput("≥100", "100", D(10), not_applicable=True), CENTRAL),
        score_row(RowInput("≥100", "90", D(80)), CENTRAL),  # 72.00
    ]
    budget = score_budget(D(100), D(90), D(10))  # 9.00
    total = total_score(rows, budget, CENTRAL)
    assert (total.raw, total.maximum) == (D("81.00"), D(90))
    assert total.total == D("90.00") and total.grade == "优" and total.rescaled


def test_grade_uses_the_rounded_total():
    rows = [score_row(RowInput("优良", "达成年度指标", D(100), D("89.995")), CENTRAL)]
    assert total_score(rows, None, CENTRAL).total == D("90.00")
    assert total_score(rows, None, CENTRAL).grade == "优"
    assert CENTRAL.grade(D("89.99")) == "良" and CENTRAL.grade(D("60")) == "中" and CENTRAL.grade(D("59.99")) == "差"


def test_a_typed_score_that_disagrees_with_the_rules_is_kept_and_flagged():
    row = _one("≥1000人次", "950人次", "15", typed="15")
    assert row.score == D("14.25") and row.typed == D("15") and r.DIFFERS in row.flags


def test_a_quantitative_row_with_words_as_actual_scores_zero_and_says_why():
    row = _one("≥1000人次", "基本完成", "15")
    assert row.score == D(0) and r.NOT_NUMERIC in row.flags and "应为数字" in row.explanation


def test_unit_mismatch_is_flagged():
    assert r.UNIT_MISMATCH in _one("≥1000人次", "950人", "15").flags


def test_default_weights_add_up_exactly_per_group():
    weights = spread_weights(["产出指标"] * 3 + ["效益指标"] * 2 + ["满意度指标"], CENTRAL)
    assert weights == [D("16.67"), D("16.67"), D("16.66"), D(15), D(15), D(10)]
    assert sum(weights) + CENTRAL.budget_weight == 100
    hubei = spread_weights(["产出指标", "效益指标", "满意度指标", "满意度指标"], HUBEI)
    assert hubei[0] == D(40) and sum(hubei[1:]) == D(40)
    assert spread_weights(["自定义指标"], CENTRAL) == [None]


def test_a_profile_whose_weights_do_not_add_up_is_refused():
    data = {"id": "x", "budget_weight": "10", "groups": [{"level1": ["产出指标"], "weight": "50"}],
            "bands": {"achieved": "0.8", "partial": "0.6"}}
    with pytest.raises(ProfileError, match="合计应为 100"):
        parse_profile(data, "x.json")
