"""Scoring a 绩效自评表: profiles as data, one row at a time, the budget row, the total.

    profile = get_profile()                      # central-2020 unless another is named
    row = score_row(RowInput("≥1000人次", "950人次", Decimal(15)), profile)
    row.score, row.explanation                   # 14.25, "未达到目标：得分 = 950 ÷ 1000 × 15 = 14.25"
"""

from __future__ import annotations

from perfdesk.domain.scoring.profile import BANDS, ProfileError, ScoringProfile, band_of, get_profile, profiles
from perfdesk.domain.scoring.rows import RowInput, RowScore, score_row
from perfdesk.domain.scoring.totals import BudgetScore, TotalScore, score_budget, spread_weights, total_score

__all__ = [
    "BANDS", "BudgetScore", "ProfileError", "RowInput", "RowScore", "ScoringProfile", "TotalScore", "band_of",
    "get_profile", "profiles", "score_budget", "score_row", "spread_weights", "total_score",
]
