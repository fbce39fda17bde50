"""The 预算执行率 row, the 总分 and the grade of a 绩效自评表 (FORM-SPEC-WAVE2 §2.3.1, §2.3.6, §2.4),
and the default 分值 spread over the rows of each 一级 (§0.2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from perfdesk.domain.scoring.numbers import percent, r2, show
from perfdesk.domain.scoring.profile import ScoringProfile
from perfdesk.domain.scoring.rows import NOT_APPLICABLE, RowScore

OVERSPEND = "overspend"  # 全年执行数 above 全年预算数: the score is capped
ZERO_BUDGET = "zero_budget"  # 全年预算数 is 0 or missing: no rate, no score
NO_EXECUTED = "no_executed"


@dataclass(frozen=True)
class BudgetScore:
    weight: Decimal
    rate: Decimal | None  # B / A
    score: Decimal | None
    flags: frozenset[str]
    explanation: str

    @property
    def rate_text(self) -> str:
        return percent(self.rate) if self.rate is not None else "—"


def score_budget(full_year: Decimal | None, executed: Decimal | None, weight: Decimal) -> BudgetScore:
    """执行率 = 全年执行数 (B) ÷ 全年预算数 (A); 得分 = min(执行率, 1) × 分值, half-up to 2 decimals."""
    if full_year is None or full_year == 0:
        return BudgetScore(weight, None, None, frozenset({ZERO_BUDGET}), "全年预算数为 0 或未填写，无法计算执行率")
    if executed is None:
        return BudgetScore(weight, None, None, frozenset({NO_EXECUTED}), "请填写全年执行数")
    rate = executed / full_year
    flags = frozenset({OVERSPEND}) if executed > full_year else frozenset()
    score = r2(min(rate, Decimal(1)) * weight)
    text = f"执行率 = {show(executed)} ÷ {show(full_year)} = {percent(rate)}；得分 = "
    text += f"min({percent(rate)}, 100%) × {show(weight)} = {score}"
    if flags:
        text += "（执行数超过预算数，按 100% 计）"
    return BudgetScore(weight, rate, score, flags, text)


@dataclass(frozen=True)
class TotalScore:
    raw: Decimal  # Σ scores of the applicable rows and the budget row
    maximum: Decimal  # Σ their 分值
    total: Decimal  # rescaled to 100 when rows are 不适用
    rescaled: bool
    grade: str
    explanation: str


def total_score(rows: Sequence[RowScore], budget: BudgetScore | None, profile: ScoringProfile) -> TotalScore:
    applicable = [r for r in rows if r.method != NOT_APPLICABLE]
    raw = sum((r.score or Decimal(0) for r in applicable), Decimal(0))
    maximum = sum((r.weight or Decimal(0) for r in applicable), Decimal(0))
    if budget is not None:
        raw += budget.score or Decimal(0)
        maximum += budget.weight
    dropped = len(rows) - len(applicable)
    if dropped and 0 < maximum < 100:
        total = r2(raw / maximum * 100)
        text = f"{dropped} 项不适用，按百分制折算：{raw} ÷ {show(maximum)} × 100 = {total}"
        rescaled = True
    else:
        total, rescaled = r2(raw), False
        text = f"总分 = 各项得分之和 = {total}"
    grade = profile.grade(total)
    if grade:
        text += f"，等级：{grade}"
    return TotalScore(raw, maximum, total, rescaled, grade, text)


def spread_weights(level1_of_rows: Sequence[str], profile: ScoringProfile) -> list[Decimal | None]:
    """Default 分值 per row: each weight group's points shared evenly over its rows, in cents,
    the odd cents to the first rows so that every group adds up exactly (50 over 3 rows:
    16.67, 16.67, 16.66). Rows of a 一级 no group names get ``None`` (the clerk decides)."""
    members: dict[int, list[int]] = {}
    for index, level1 in enumerate(level1_of_rows):
        group = profile.group_of(level1)
        if group is not None:
            members.setdefault(profile.groups.index(group), []).append(index)
    weights: list[Decimal | None] = [None] * len(level1_of_rows)
    for group_index, indexes in members.items():
        total = profile.groups[group_index].weight
        share = (total / len(indexes)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        odd = int((total - share * len(indexes)) / Decimal("0.01"))
        for position, row in enumerate(indexes):
            weights[row] = share + (Decimal("0.01") if position < odd else Decimal(0))
    return weights
