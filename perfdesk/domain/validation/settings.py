"""Thresholds that vary by province or system, kept out of the rules as settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from perfdesk.domain.money import MAX_PLACES
from perfdesk.domain.validation.problems import Severity

# Rates where a lower figure is the better one, so "≤" is the right direction
# (信息中心网络系统故障率 ≤5%). Matched as substrings of the 三级 name.
LOWER_IS_BETTER = (
    "故障", "投诉", "差错", "错误", "出错", "失误", "误差", "偏差", "偏离", "误报", "漏报", "遗漏",
    "事故", "违规", "违法", "违纪", "不合格", "不达标", "缺陷", "返工", "返修", "退回", "退件",
    "逾期", "超期", "延误", "延期", "超支", "超标", "损耗", "损失", "流失", "失业", "空置", "闲置",
    "发病", "死亡", "感染", "辍学", "复发", "返贫", "信访", "上访", "欠薪", "拖欠", "积压", "丢失",
    "负债", "能耗", "排放", "污染", "淘汰", "成本", "费用", "经费", "支出", "变动", "下降", "降低",
)


# Qualitative 指标值 that say nothing measurable (FORM-SPEC-WAVE2 T15): matched as substrings.
VAGUE_WORDS = (
    "有效提升", "有效提高", "有效改善", "明显提升", "明显提高", "明显改善", "显著提升", "显著提高", "显著改善",
    "进一步提升", "进一步提高", "进一步改善", "有所提升", "有所提高", "有所改善", "逐步提升", "逐步提高", "逐步改善",
    "大幅提升", "大幅提高", "不断提升", "不断提高", "稳步提升", "稳步提高", "持续提升", "持续改善", "得到提升",
    "得到提高", "得到改善", "效果明显", "效果显著", "成效明显", "成效显著", "较好", "较大", "一定程度",
)


@dataclass
class ValidationSettings:
    # Some reporting systems cut 三级 names at 20 characters without a word.
    name_max_length: int = 20  # 0 turns the check off
    # None: do not check; WARNING per FORM-SPEC §4; ERROR where a province requires them.
    recommended_level2_severity: Severity | None = Severity.WARNING
    # An 一级 with no 三级 at all; a warning by default (see rules_tree.py for why).
    empty_level1_severity: Severity | None = Severity.WARNING
    # A deadline up to this many years after the form's year is only a hint.
    date_year_distance: int = 1
    max_money_places: int = MAX_PLACES
    # A form year outside this range is probably a typo.
    plausible_years: tuple[int, int] = (2000, 2100)
    lower_is_better: tuple[str, ...] = LOWER_IS_BETTER
    # Can this character be printed (has the PDF's font chain a glyph for it)? Supplied by
    # the print layer (perfdesk.report.printable_predicate); None: not checked.
    printable: Callable[[str], bool] | None = None
    # Project tables (T6): each 一级 needs a 三级 on the 年度 side; False waives 满意度指标 (a project
    # without service users).
    project_satisfaction_required: bool = True
    vague_words: tuple[str, ...] = VAGUE_WORDS
