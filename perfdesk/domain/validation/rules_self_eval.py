"""审核 of a 绩效自评表 (FORM-SPEC-WAVE2 §2.6, S1–S13): the scores as the rules compute them.

The flags come from the scoring engine (``domain.scoring``): every problem here is a figure
the clerk can see explained. Generic rules already say that a required cell (实际完成值, 分值)
is empty; these say what is wrong with what was typed.
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.domain.model import KIND_SELF_EVALUATION, Form, Project
from perfdesk.domain.money import read_amount
from perfdesk.domain.scoring import rows as r
from perfdesk.domain.scoring.numbers import show
from perfdesk.domain.scoring.totals import NO_EXECUTED, OVERSPEND, ZERO_BUDGET
from perfdesk.domain.validation.context import SEP, Context
from perfdesk.domain.validation.problems import Place

_ROW_FLAGS = (  # flag, rule, column, message (the row's explanation is appended)
    (r.OUT_OF_RANGE, "self.score_out_of_range", "score", "得分应在 0 到分值之间"),
    (r.OUTSIDE_BAND, "self.outside_band", "score", "得分不在所选档次的分数区间内"),
    (r.DIFFERS, "self.score_differs", "score", "填写的得分与按规则计算的得分不一致"),
    (r.NOT_NUMERIC, "self.actual_not_number", "actual", "实际完成值不是可计分的数字或日期"),
    (r.NO_BAND, "self.no_band", "actual", "定性指标的实际完成值应以三个档次之一开头"),
    (r.NO_SCORE, "self.no_score", "score", "定性指标请按档次填写得分"),
    (r.OVER_ACHIEVED, "self.over_achieved", "actual", "超额完成（达到目标的 1.2 倍以上），请核实目标是否偏低"),
    (r.NEGATIVE_ACTUAL, "self.negative_actual", "actual", "实际完成值为负数，按 0 计分"),
    (r.UNIT_MISMATCH, "self.unit_mismatch", "actual", "实际完成值的单位与年度指标值不同"),
    (r.BAD_TARGET, "self.bad_target", "value", "年度指标值无法用于计分"),
)


def check_self_evaluation(ctx: Context) -> None:
    form = ctx.form
    if form.kind != KIND_SELF_EVALUATION:
        return
    from perfdesk.domain import self_eval

    scored = self_eval.score_form(form)
    _check_funds(ctx, form, scored)
    weights = Decimal(0)
    groups: dict[str, Decimal] = {}
    for level1, level2, row in form.iter_indicators():
        score = scored.rows[row.id]
        label = f"{level1.name}{SEP}{level2.name}{SEP}{row.name.strip() or '（未命名）'}"
        if score.weight is not None:
            weights += score.weight
            group = scored.profile.group_of(level1.name)
            if group is not None:
                key = "、".join(group.level1)
                groups[key] = groups.get(key, Decimal(0)) + score.weight
        typed_weight = row.extras.get(self_eval.WEIGHT, "")
        if typed_weight and score.weight is not None and score.weight <= 0:
            ctx.report("self.weight_not_positive", Place("indicator", row.id, "weight", f"{label}{SEP}分值"),
                       f"分值应大于 0，实际是“{typed_weight}”")
        for flag, rule, column, text in _ROW_FLAGS:
            if flag in score.flags:
                ctx.report(rule, Place("indicator", row.id, column, f"{label}{SEP}{_COLUMN_LABELS[column]}"),
                           f"{text}：{score.explanation}")
        if score.needs_reason and not row.extras.get(self_eval.DEVIATION, "").strip():
            why = (f"得分 {score.score} 低于分值 {show(score.weight)}" if score.score is not None
                   and score.weight is not None and score.score < score.weight else "该指标有需要说明的情况")
            place = Place("indicator", row.id, "deviation", f"{label}{SEP}偏差原因分析及改进措施")
            ctx.report("self.reason_missing", place, f"{why}，请填写偏差原因分析及改进措施")
    budget_weight = scored.budget.weight if scored.budget is not None else Decimal(0)
    total = weights + budget_weight
    if total != 100:
        ctx.report("self.weights_total", Place("form", None, "tree", "绩效指标 分值"),
                   f"分值合计应为 100，实际是 {show(total)}（指标 {show(weights)} + 预算执行率 {show(budget_weight)}）")
    for group in scored.profile.groups:
        key = "、".join(group.level1)
        got = groups.get(key, Decimal(0))
        if key in groups and got != group.weight:
            ctx.report("self.group_weights", Place("form", None, "tree", f"{key} 分值"),
                       f"{key}的分值合计为 {show(got)}，计分方案（{scored.profile.name}）规定为 {show(group.weight)}；"
                       "如确需调整，请在偏差原因中说明")


_COLUMN_LABELS = {"score": "得分", "actual": "实际完成值", "value": "年度指标值"}


def _check_funds(ctx: Context, form: Form, scored: object) -> None:
    from perfdesk.domain import self_eval

    budget = getattr(scored, "budget", None)
    for key, text in form.funds.items():
        amount, words = read_amount(text)
        if words is not None:
            ctx.report("self.fund_not_number", _fund_place(form, key), f"“{text}”不是金额")
    if budget is not None:
        if ZERO_BUDGET in budget.flags:
            ctx.report("self.budget_missing", _fund_place(form, "total.full_year"), budget.explanation)
        if NO_EXECUTED in budget.flags:
            ctx.report("self.budget_missing", _fund_place(form, "total.executed"), budget.explanation)
        if OVERSPEND in budget.flags:
            ctx.report("self.overspend", _fund_place(form, "total.executed"), budget.explanation)
    for column in self_eval.FUND_COLUMNS:
        total = form.fund(f"total.{column}")
        parts = [f"{row}.{column}" for row in self_eval.FUND_ROWS[1:]]
        if total is None or not any(form.funds.get(p) for p in parts):
            continue
        if any(form.funds.get(p) and form.fund(p) is None for p in parts):
            continue
        parts_sum = sum((form.fund(p) or Decimal(0) for p in parts), Decimal(0))
        if parts_sum != total:
            ctx.report("self.fund_sum", _fund_place(form, f"total.{column}"),
                       f"年度资金总额的{_FUND_COLUMN_LABELS[column]} {show(total)} ≠ "
                       f"当年财政拨款 + 上年结转资金 + 其他资金 = {show(parts_sum)}")


_FUND_COLUMN_LABELS = {"initial": "年初预算数", "full_year": "全年预算数（A）", "executed": "全年执行数（B）"}


def _fund_place(form: Form, key: str) -> Place:
    from perfdesk.domain import self_eval
    from perfdesk.domain.forms import template_of

    row, _, column = key.partition(".")
    label = f"{self_eval.FUND_ROW_LABELS.get(row, row)} {_FUND_COLUMN_LABELS.get(column, '分值')}"
    # The block as the template prints it: 项目资金 on mof-2020, 预算执行情况 on dept-self-eval.
    block = template_of(form).block("funds")
    title = block.label.replace("（万元）", "").strip() if block is not None else "项目资金"
    return Place("form", None, f"funds:{key}", f"{title or '项目资金'}{SEP}{label}")


def check_links(project: Project, form: Form) -> list[tuple[str, Place, str]]:
    """S13: each row's 年度指标值 equals its target row's (after 与目标表同步); rows whose target is gone.

    Returns (rule, place, message) for the caller's context; empty for other kinds."""
    if form.kind != KIND_SELF_EVALUATION or not form.source_form:
        return []
    from perfdesk.domain import self_eval

    source = next((f for f in project.forms if f.id == form.source_form), None)
    if source is None:
        return [("self.source_missing", Place("header", None, "template", "来源目标表"),
                 "生成这张自评表的目标表已不在本文件中，无法核对年度指标值")]
    targets = {ind.id: ind for _, _, ind in source.iter_indicators()}
    found = []
    for level1, level2, row in form.iter_indicators():
        label = f"{level1.name}{SEP}{level2.name}{SEP}{row.name}{SEP}年度指标值"
        target = targets.get(row.extras.get(self_eval.SOURCE, ""))
        if target is None:
            found.append(("self.target_changed", Place("indicator", row.id, "value", label),
                          "目标表中已没有这一行，请“与目标表同步”"))
        elif target.value != row.value:
            found.append(("self.target_changed", Place("indicator", row.id, "value", label),
                          f"年度指标值“{row.value}”与目标表的“{target.value}”不一致，请“与目标表同步”"))
    return found
