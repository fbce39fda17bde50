"""Scoring one indicator row of a 绩效自评表 (FORM-SPEC-WAVE2 §2.3.2–2.3.8).

``score_row`` reads the row as the clerk typed it (年度指标值, 实际完成值, 分值, a typed
得分, 不适用) and returns the points with the flags reviewers look for and a sentence
that shows the formula with the row's own numbers, so every figure can be explained.
It never changes what was typed: a typed score is kept beside the computed one.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from perfdesk.domain.model import cached_parse as parse_value  # the texts of a file repeat: parse each once
from perfdesk.domain.scoring.numbers import r2, show
from perfdesk.domain.scoring.profile import BANDS, ScoringProfile, band_of
from perfdesk.domain.values import TargetValue, ValueKind

# Flags (reviewer rules in brackets): each is reported by 审核 with its own message.
OVER_ACHIEVED = "over_achieved"  # a ≥ 1.2 t: the score may be lowered, a reason is required (S9)
LATE = "late"  # a date target missed (§2.3.5)
NEGATIVE_ACTUAL = "negative_actual"  # counted as 0 (S10)
NOT_NUMERIC = "not_numeric"  # a quantitative row whose 实际完成值 is no number (S10)
NO_ACTUAL = "no_actual"
UNIT_MISMATCH = "unit_mismatch"  # 950人 against ≥1000人次
NO_WEIGHT = "no_weight"  # 分值 missing or not > 0
NO_BAND = "no_band"  # a qualitative row whose 实际完成值 names none of the three 档次 (S11)
NO_SCORE = "no_score"  # a qualitative row without a typed score
OUTSIDE_BAND = "outside_band"  # typed score not inside its 档次 (S8)
OUT_OF_RANGE = "out_of_range"  # typed score < 0 or > 分值 (S4)
RAISED = "raised"  # an over-achieved row's score typed above the computed one
DIFFERS = "differs"  # a typed score on a computed row that is not the computed one
BAD_TARGET = "bad_target"  # a target that cannot be scored (an impossible date)

POSITIVE, EQUAL, REVERSE, DATE, QUALITATIVE, NOT_APPLICABLE = (
    "positive", "equal", "reverse", "date", "qualitative", "not_applicable",
)


@dataclass(frozen=True)
class RowInput:
    target: str  # 年度指标值 as typed
    actual: str  # 实际完成值 as typed
    weight: Decimal | None  # 分值
    typed_score: Decimal | None = None  # 得分 typed by the clerk (qualitative rows; lowering; imports)
    not_applicable: bool = False
    year: int | None = None  # the budget year: date targets count days from 1 January
    start: _dt.date | None = None  # or from the project's start, when known


@dataclass(frozen=True)
class RowScore:
    method: str
    weight: Decimal | None
    computed: Decimal | None  # by the rules; None where the rules do not compute (定性)
    score: Decimal | None  # what counts in the total (None counts as 0)
    flags: frozenset[str]
    explanation: str
    band: str | None = None
    allowed: tuple[Decimal, Decimal, bool] | None = None  # a 定性 row's (low, high, high included)
    suggestion: Decimal | None = None  # a 定性 row's prefill (§2.3.7)
    typed: Decimal | None = None

    @property
    def editable(self) -> bool:
        """May the clerk type the 得分? (定性 rows; over-achieved rows, downwards only)."""
        return self.method == QUALITATIVE or OVER_ACHIEVED in self.flags

    @property
    def needs_reason(self) -> bool:
        """偏差原因分析及改进措施 required (S7): points lost, or a flag a reviewer asks about."""
        if self.method == NOT_APPLICABLE:
            return False
        lost = self.score is not None and self.weight is not None and self.score < self.weight
        partial = self.method == QUALITATIVE and self.band is not None and self.band != BANDS[0]
        return lost or partial or bool(self.flags & {OVER_ACHIEVED, LATE})


def method_of(target: TargetValue) -> str:
    if target.kind is ValueKind.DATE:
        return DATE
    if target.kind is ValueKind.NUMBER:
        comparator = target.effective_comparator
        if comparator in ("≥", ">"):
            return POSITIVE
        if comparator in ("≤", "<"):
            return REVERSE
        return EQUAL
    return QUALITATIVE


def _reverse(t: Decimal, a: Decimal, w: Decimal, mode: str, unit: str = "") -> tuple[Decimal, str]:
    if a <= t:
        return w, f"实际 {show(a)}{unit} 不超过目标 {show(t)}{unit}，得满分 {show(w)}"
    if t == 0:
        return Decimal(0), f"目标为 0，实际 {show(a)}{unit}，得 0 分"
    if mode == "ratio":
        score = r2(t / a * w)
        return score, f"反向指标（比例）：得分 = {show(t)} ÷ {show(a)} × {show(w)} = {score}"
    score = r2(max(Decimal(0), 1 - (a - t) / t) * w)
    return score, f"反向指标（线性）：得分 = (1 − ({show(a)} − {show(t)}) ÷ {show(t)}) × {show(w)} = {score}"


def _positive(t: Decimal, a: Decimal, w: Decimal, method: str, unit: str) -> tuple[Decimal, str]:
    if method == EQUAL and t == 0:
        if a <= 0:
            return w, f"目标为 0，实际 {show(a)}{unit}，得满分 {show(w)}"
        return Decimal(0), f"目标为 0，实际 {show(a)}{unit}，得 0 分"
    if a >= t:
        return w, f"实际 {show(a)}{unit} 达到目标 {show(t)}{unit}，得满分 {show(w)}"
    score = r2(a / t * w)
    return score, f"未达到目标：得分 = {show(a)} ÷ {show(t)} × {show(w)} = {score}"


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _day_of(value: TargetValue) -> _dt.date | None:
    if value.kind is not ValueKind.DATE or not value.date_exists or value.year is None or value.month is None:
        return None
    return _dt.date(value.year, value.month, value.day or _last_day(value.year, value.month))


def _qualitative(row: RowInput, w: Decimal, profile: ScoringProfile, flags: set[str]) -> RowScore:
    band = band_of(row.actual)
    typed = row.typed_score
    if band is None:
        flags.add(NO_BAND)
        if typed is None:
            flags.add(NO_SCORE)
        text = "定性指标：实际完成值应为三个档次之一（" + " / ".join(BANDS) + "）"
        return RowScore(QUALITATIVE, w, None, typed, frozenset(flags), text, typed=typed)
    low, high, high_in = profile.band_range(band, w)
    suggestion = {BANDS[0]: w, BANDS[1]: r2(w * Decimal("0.7")), BANDS[2]: r2(w * Decimal("0.3"))}[band]
    closing = "（含）" if high_in else "（不含）"
    text = f"定性指标“{band}”：得分应在 {low}（含）至 {high}{closing}之间，由填报人填写"
    if typed is None:
        flags.add(NO_SCORE)
    elif typed < 0 or typed > w:
        flags.add(OUT_OF_RANGE)
    elif not (low <= typed and (typed <= high if high_in else typed < high)):
        flags.add(OUTSIDE_BAND)
    return RowScore(QUALITATIVE, w, None, typed, frozenset(flags), text, band, (low, high, high_in), suggestion, typed)


def score_row(row: RowInput, profile: ScoringProfile) -> RowScore:
    target = parse_value(row.target)
    method = method_of(target)
    flags: set[str] = set()
    if row.not_applicable:
        text = "不适用：不计分，总分按其余分值折算为百分制"
        return RowScore(NOT_APPLICABLE, row.weight, None, None, frozenset(), text)
    w = row.weight
    if w is None or w <= 0:
        return RowScore(method, w, None, None, frozenset({NO_WEIGHT}), "请填写分值（大于 0）", typed=row.typed_score)
    if method == QUALITATIVE or (method == DATE and band_of(row.actual) is not None):
        return _qualitative(row, w, profile, flags)
    actual = parse_value(row.actual)
    if actual.kind is ValueKind.EMPTY:
        return RowScore(method, w, None, None, frozenset({NO_ACTUAL}), "请填写实际完成值", typed=row.typed_score)
    if method == DATE:
        deadline, done = _day_of(target), _day_of(actual)
        if deadline is None:
            return RowScore(method, w, None, None, frozenset({BAD_TARGET}), f"年度指标值“{row.target}”不是有效日期")
        if done is None:
            flags.add(NOT_NUMERIC)
            return RowScore(method, w, Decimal(0), Decimal(0), frozenset(flags),
                            "时效指标：实际完成值应为完成日期（未完成得 0 分，或选择定性档次并说明原因）",
                            typed=row.typed_score)
        start = row.start or _dt.date(row.year or deadline.year, 1, 1)
        t = Decimal((deadline - start).days + 1)
        a = Decimal((done - start).days + 1)
        computed, formula = _reverse(t, a, w, profile.reverse_mode, " 天")
        if a > t:
            flags.add(LATE)
        text = (f"时效指标：自 {start.isoformat()} 起（含当天），目标 {show(t)} 天，实际 {show(a)} 天；{formula}")
    else:
        if actual.kind is not ValueKind.NUMBER or actual.number is None:
            flags.add(NOT_NUMERIC)
            return RowScore(method, w, Decimal(0), Decimal(0), frozenset(flags),
                            f"定量指标的实际完成值应为数字，而不是“{row.actual}”", typed=row.typed_score)
        assert target.number is not None
        t, a = target.number, actual.number
        if a < 0:
            flags.add(NEGATIVE_ACTUAL)
            a = Decimal(0)
        if actual.unit and target.unit and actual.unit != target.unit:
            flags.add(UNIT_MISMATCH)
        if method == REVERSE:
            computed, text = _reverse(t, a, w, profile.reverse_mode, target.unit)
        else:
            computed, text = _positive(t, a, w, method, target.unit)
            if t > 0 and a >= profile.over_achievement * t:
                flags.add(OVER_ACHIEVED)
                text += f"；实际达到目标的 {show(profile.over_achievement)} 倍以上，超额完成：得分可下调，须说明原因"
    score = computed
    typed = row.typed_score
    if typed is not None and (typed < 0 or typed > w):
        flags.add(OUT_OF_RANGE)
    elif typed is not None and typed != computed:
        if OVER_ACHIEVED in flags and Decimal(0) <= typed <= computed:
            score = typed  # lowered by the clerk, as 10号 allows for a target set too low
        elif OVER_ACHIEVED in flags and typed > computed:
            flags.add(RAISED)
        else:
            flags.add(DIFFERS)
    return RowScore(method, w, computed, score, frozenset(flags), text, typed=typed)
