"""Every rule's id, default severity and Chinese title (FORM-SPEC §4).

The GUI and reports list rules from here; the rules themselves report with the
severity written beside their id (a few severities come from settings).
"""

from __future__ import annotations

from dataclasses import dataclass

from perfdesk.domain.validation.problems import Severity

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT


@dataclass(frozen=True)
class RuleInfo:
    rule_id: str
    severity: Severity
    title: str


_RULES = (
    # header, goals, signatures (§4.6)
    RuleInfo("form.department_missing", E, "未填写部门（单位）名称"),
    RuleInfo("form.department_spaces", H, "部门名称首尾有空格"),
    RuleInfo("form.year_missing", E, "未填写年度"),
    RuleInfo("form.year_implausible", W, "年度不像真实年份"),
    RuleInfo("form.framework_unknown", W, "指标体系不认识，无法检查一级/二级指标"),
    RuleInfo("goals.missing", E, "未填写年度总体目标"),
    RuleInfo("goals.empty_line", H, "年度总体目标有空行"),
    RuleInfo("goals.duplicate", W, "年度总体目标重复"),
    RuleInfo("people.fill_date_impossible", E, "填报日期不存在"),
    RuleInfo("people.fill_date_unreadable", H, "填报日期不是日期"),
    RuleInfo("people.fill_date_far", W, "填报日期与年度相差较远"),
    RuleInfo("people.phone_format", H, "联系电话含有非电话字符"),
    RuleInfo("print.missing_glyph", W, "有字符没有可用的打印字体，打印为空白"),
    RuleInfo("text.control_chars", W, "文字中有看不见的控制字符"),
    RuleInfo("text.bidi_override", E, "文字中有改变文字方向的控制字符"),
    # 年度主要任务 and money (§4.1)
    RuleInfo("tasks.missing", W, "没有年度主要任务"),
    RuleInfo("task.empty_row", W, "年度主要任务有空行"),
    RuleInfo("task.name_empty", W, "任务名称为空"),
    RuleInfo("task.name_spaces", H, "任务名称首尾有空格"),
    RuleInfo("task.name_duplicate", W, "任务名称重复"),
    RuleInfo("task.content_empty", H, "主要内容为空"),
    RuleInfo("money.amount_missing", W, "任务未填写预算金额"),
    RuleInfo("money.sum_mismatch", E, "总额不等于财政拨款加其他资金"),
    RuleInfo("money.negative", E, "金额为负数"),
    RuleInfo("money.too_many_decimals", E, "金额小数位过多"),
    RuleInfo("money.not_a_number", E, "金额不是有效数字"),
    # the indicator tree (§4.2)
    RuleInfo("tree.empty", W, "年度绩效指标没有任何三级指标"),
    RuleInfo("tree.level1_unknown", E, "一级指标不在指标体系内"),
    RuleInfo("tree.level1_duplicate", W, "一级指标重复出现"),
    RuleInfo("tree.level1_empty", W, "一级指标下没有三级指标"),
    RuleInfo("tree.level2_not_allowed", E, "二级指标不属于该一级指标"),
    RuleInfo("tree.level2_duplicate", W, "二级指标重复出现"),
    RuleInfo("tree.recommended_missing", W, "缺少建议的二级指标"),
    RuleInfo("tree.name_spaces", H, "一级/二级指标名称首尾有空格"),
    # 三级 names (§4.3)
    RuleInfo("name.empty", E, "三级指标名称为空"),
    RuleInfo("name.spaces", H, "三级指标名称首尾有空格"),
    RuleInfo("name.duplicate_in_group", E, "同一二级指标下三级指标重名"),
    RuleInfo("name.duplicate_across_groups", W, "不同二级指标下三级指标重名"),
    RuleInfo("name.doubled_word", W, "名称中有重复的词"),
    RuleInfo("name.length_limit", W, "名称达到或超过长度上限"),
    # 指标值 (§4.4, §4.5)
    RuleInfo("value.empty", W, "指标值为空"),
    RuleInfo("value.comparator_spelling", H, "指标值写法不规范"),
    RuleInfo("value.unrecognised", W, "指标值看似数字但无法识别"),
    RuleInfo("value.no_unit", W, "指标值缺少计量单位"),
    RuleInfo("value.unit_wording", H, "用“以上/不低于”等词表示方向，应写比较符"),
    RuleInfo("value.percent_range", E, "百分比超出 0–100"),
    RuleInfo("value.percent_range_change", W, "增减幅度类百分比超出 0–100"),
    RuleInfo("value.date_impossible", E, "日期不存在"),
    RuleInfo("value.date_out_of_year", W, "日期不在本表年度内"),
    RuleInfo("value.date_next_year", H, "日期在本表年度之后"),
    RuleInfo("value.year_mismatch", W, "指标值中的年份与本表年度不符"),
    # conventions per 二级 (§4.4) and cross-checks (§4.5)
    RuleInfo("quantity.not_number", H, "数量指标通常为数字加单位"),
    RuleInfo("cost.not_money", H, "成本指标通常为金额上限"),
    RuleInfo("cost.direction", H, "成本指标的比较方向需确认"),
    RuleInfo("cost.cap_over_budget", E, "成本上限超过金额合计"),
    RuleInfo("satisfaction.not_percent_floor", H, "满意度通常写作 ≥ 百分比"),
    RuleInfo("time.direction", H, "时效指标的比较方向需确认"),
    # the form's template: its own fields and columns (rules_template)
    RuleInfo("template.unknown", W, "表样在本机没有定义"),
    RuleInfo("template.field_missing", E, "表样要求的表头字段未填写"),
    RuleInfo("template.cell_missing", E, "表样要求的指标栏目未填写"),
    RuleInfo("template.enum_invalid", E, "栏目取值不在可选范围内"),
    RuleInfo("template.not_number", E, "栏目应为数字"),
    RuleInfo("template.empty_row", E, "三级指标空行"),
    RuleInfo("template.level3_is_level2", W, "三级指标名称是二级指标名称"),
    RuleInfo("template.quantitative_not_number", E, "定量指标的指标值不是数字"),
    RuleInfo("template.qualitative_with_unit", W, "定性指标填写了计量单位"),
    RuleInfo("template.unit_mismatch", E, "计量单位与指标值中的单位不一致"),
    RuleInfo("template.date_unreadable", W, "表头日期不是日期"),
    RuleInfo("template.date_impossible", E, "表头日期不存在"),
    RuleInfo("rate.direction", H, "比率指标的比较方向需确认"),
    # 绩效自评表 (rules_self_eval; FORM-SPEC-WAVE2 §2.6)
    RuleInfo("self.budget_missing", E, "全年预算数或全年执行数未填写，无法计算执行率"),
    RuleInfo("self.overspend", W, "全年执行数超过全年预算数"),
    RuleInfo("self.fund_sum", E, "年度资金总额不等于其中各行之和"),
    RuleInfo("self.fund_not_number", E, "资金栏目不是金额"),
    RuleInfo("self.weights_total", E, "分值合计不等于 100"),
    RuleInfo("self.group_weights", W, "一级指标分值合计与计分方案不符"),
    RuleInfo("self.weight_not_positive", E, "分值应大于 0"),
    RuleInfo("self.score_out_of_range", E, "得分超出 0 到分值的范围"),
    RuleInfo("self.outside_band", E, "定性指标得分不在档次区间内"),
    RuleInfo("self.score_differs", E, "得分与按规则计算的不一致"),
    RuleInfo("self.reason_missing", E, "未填写偏差原因分析及改进措施"),
    RuleInfo("self.actual_not_number", E, "定量指标的实际完成值不是数字"),
    RuleInfo("self.no_band", E, "定性指标未选择完成档次"),
    RuleInfo("self.no_score", E, "定性指标未填写得分"),
    RuleInfo("self.over_achieved", W, "超额完成，目标可能偏低"),
    RuleInfo("self.negative_actual", W, "实际完成值为负数"),
    RuleInfo("self.unit_mismatch", W, "实际完成值与年度指标值单位不同"),
    RuleInfo("self.bad_target", E, "年度指标值无法计分"),
    RuleInfo("self.target_changed", E, "年度指标值与目标表不一致"),
    RuleInfo("self.source_missing", W, "找不到来源目标表"),
    # project tables (项目支出绩效目标表, FORM-SPEC-WAVE2 §1.4; the T number in the comment)
    RuleInfo("project.impl_unit_missing", W, "未填写实施单位"),  # T2
    RuleInfo("project.period_unreadable", W, "项目期无法识别起止年份"),  # T12
    RuleInfo("project.period_reversed", E, "项目期开始晚于结束"),  # T12
    RuleInfo("funds.missing", E, "项目资金总额未填写"),  # T3
    RuleInfo("funds.not_a_number", E, "项目资金不是有效数字"),  # T5
    RuleInfo("funds.negative", E, "项目资金为负数"),
    RuleInfo("funds.too_many_decimals", E, "项目资金小数位过多"),
    RuleInfo("funds.sum_mismatch", E, "资金总额不等于各项资金之和"),  # T3, T5
    RuleInfo("funds.year_over_mid", E, "年度资金大于中期资金"),  # T4
    RuleInfo("funds.project_below_year", E, "项目资金总额小于年度资金申请总额"),  # T5
    RuleInfo("project.goals_missing", E, "未填写年度目标"),  # T1
    RuleInfo("project.mid_goals_missing", W, "未填写中期目标（项目总目标）"),
    RuleInfo("project.goal_unsupported", W, "年度目标没有对应的绩效指标"),  # T16
    RuleInfo("project.level1_empty", E, "年度指标缺少一级指标"),  # T6
    RuleInfo("project.value_placeholder", E, "指标值是占位符"),  # T8
    RuleInfo("project.quantitative_not_number", E, "定量指标的指标值不是数字"),  # T14
    RuleInfo("project.vague_value", W, "定性指标值含糊，建议量化"),  # T15
    RuleInfo("project.date_outside_period", E, "时效日期不在项目期内"),  # T11
    RuleInfo("project.core_empty", E, "★核心指标未填写指标值"),  # T17
    RuleInfo("project.mid_counterpart_missing", W, "年度指标没有对应的中期指标"),  # T13
    RuleInfo("project.year_over_mid_count", W, "年度数量大于中期数量"),  # T13
    RuleInfo("project.year_looser", W, "年度目标值比中期宽松"),  # T13
)

RULES: dict[str, RuleInfo] = {rule.rule_id: rule for rule in _RULES}
