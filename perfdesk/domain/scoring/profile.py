"""Scoring profiles (FORM-SPEC-WAVE2 §0.2, §2.3): weights, bands, modes and grades as data.

A profile lives in ``resources/scoring/*.json``. Numbers are decimal strings so that a
weight of ``12.5`` is exact. A province's rules that data can say (its weights, its
qualitative bands, its 反向 mode, its over-achievement threshold, whether it grades)
are a new file, not code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from perfdesk.errors import PerfdeskError
from perfdesk.paths import resources_dir

REVERSE_MODES = ("linear", "ratio")
# The three 档次 of a qualitative row (10号 wording), best first, with the spellings seen.
BANDS = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")
BAND_ALIASES = {
    "达成年度指标": ("达成预期指标", "达成", "达成年度指标值"),
    "部分达成年度指标并具有一定效果": ("部分达成预期指标并具有一定效果", "部分达成"),
    "未达成年度指标且效果较差": ("未达成预期指标且效果较差", "未达成"),
}


class ProfileError(PerfdeskError):
    """A scoring profile file that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class WeightGroup:
    level1: tuple[str, ...]  # the 一级 whose rows share ``weight``
    weight: Decimal


@dataclass(frozen=True)
class ScoringProfile:
    id: str
    name: str
    budget_weight: Decimal
    groups: tuple[WeightGroup, ...]
    achieved: Decimal  # lower bound (share of 分值) of 达成, inclusive
    partial: Decimal  # lower bound of 部分达成, inclusive
    reverse_mode: str = "linear"
    over_achievement: Decimal = Decimal("1.2")
    grading: bool = True
    grades: tuple[tuple[Decimal, str], ...] = ()
    default: bool = False
    weights_in_labels: bool = False  # print 产出指标(50分) in the 一级 cells

    def group_of(self, level1: str) -> WeightGroup | None:
        return next((g for g in self.groups if level1 in g.level1), None)

    def band_range(self, band: str, weight: Decimal) -> tuple[Decimal, Decimal, bool]:
        """``(low, high, high_inclusive)`` of the scores allowed for a 档次 (bounds rounded to 2 places)."""
        from perfdesk.domain.scoring.numbers import r2

        achieved, partial = r2(weight * self.achieved), r2(weight * self.partial)
        if band == BANDS[0]:
            return achieved, weight, True
        if band == BANDS[1]:
            return partial, achieved, False
        return Decimal(0), partial, False

    def grade(self, total: Decimal) -> str:
        if not self.grading:
            return ""
        for bound, label in self.grades:
            if total >= bound:
                return label
        return self.grades[-1][1] if self.grades else ""

    def with_reverse_mode(self, mode: str) -> ScoringProfile:
        from dataclasses import replace

        if mode not in REVERSE_MODES:
            raise ProfileError(f"反向指标计分方式应为 {'、'.join(REVERSE_MODES)} 之一，而不是“{mode}”")
        return replace(self, reverse_mode=mode)


def band_of(text: str) -> str | None:
    """The 档次 a typed 实际完成值 names, whatever its spelling; ``None`` when it names none."""
    words = "".join(text.split())
    for band in BANDS:
        if words == band or words in BAND_ALIASES[band]:
            return band
    for band in BANDS:  # "达成年度指标：全部完成" – the 档次 followed by a description
        if any(words.startswith(s) for s in sorted((band, *BAND_ALIASES[band]), key=len, reverse=True)):
            if band == BANDS[0] and words.startswith(("部分", "未")):
                continue
            return band
    return None


def _decimal(data: dict[str, Any], key: str, source: str) -> Decimal:
    value = data.get(key)
    try:
        if not isinstance(value, str):
            raise InvalidOperation
        number = Decimal(value)
    except InvalidOperation:
        raise ProfileError(f"计分方案文件 {source} 的“{key}”应为数字文字（如 \"10\"）") from None
    if not number.is_finite() or number < 0:
        raise ProfileError(f"计分方案文件 {source} 的“{key}”应为非负数")
    return number


def parse_profile(data: object, source: str) -> ScoringProfile:
    if not isinstance(data, dict):
        raise ProfileError(f"计分方案文件 {source} 应为对象（{{…}}）")
    allowed = {"id", "name", "default", "budget_weight", "groups", "bands", "reverse_mode", "over_achievement",
               "grading", "grades", "weights_in_labels"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ProfileError(f"计分方案文件 {source} 有无法识别的键“{unknown[0]}”")
    groups = []
    for index, group in enumerate(data.get("groups") or []):
        if not isinstance(group, dict) or not isinstance(group.get("level1"), list) or not group["level1"]:
            raise ProfileError(f"计分方案文件 {source} 的 groups 第{index + 1}项应有“level1”列表和“weight”")
        groups.append(WeightGroup(tuple(str(n) for n in group["level1"]), _decimal(group, "weight", source)))
    bands = data.get("bands")
    if not isinstance(bands, dict):
        raise ProfileError(f"计分方案文件 {source} 缺少“bands”")
    achieved, partial = _decimal(bands, "achieved", source), _decimal(bands, "partial", source)
    if not Decimal(0) < partial < achieved <= Decimal(1):
        raise ProfileError(f"计分方案文件 {source} 的档次界限应满足 0 < partial < achieved ≤ 1")
    mode = data.get("reverse_mode", "linear")
    if mode not in REVERSE_MODES:
        raise ProfileError(f"计分方案文件 {source} 的“reverse_mode”应为 linear 或 ratio")
    grades = []
    for item in data.get("grades") or []:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)):
            raise ProfileError(f"计分方案文件 {source} 的“grades”应为 [下限, 等级] 的列表")
        grades.append((_decimal({"bound": item[0]}, "bound", source), item[1]))
    grades.sort(key=lambda g: g[0], reverse=True)
    budget = _decimal(data, "budget_weight", source)
    if budget + sum((g.weight for g in groups), Decimal(0)) != 100:
        raise ProfileError(f"计分方案文件 {source} 的分值合计应为 100")
    return ScoringProfile(
        id=str(data.get("id") or source),
        name=str(data.get("name") or source),
        budget_weight=budget,
        groups=tuple(groups),
        achieved=achieved,
        partial=partial,
        reverse_mode=mode,
        over_achievement=_decimal(data, "over_achievement", source) if "over_achievement" in data else Decimal("1.2"),
        grading=bool(data.get("grading", True)),
        grades=tuple(grades),
        default=bool(data.get("default", False)),
        weights_in_labels=bool(data.get("weights_in_labels", False)),
    )


@lru_cache(maxsize=1)
def profiles() -> dict[str, ScoringProfile]:
    found: dict[str, ScoringProfile] = {}
    for path in sorted(Path(resources_dir(), "scoring").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise ProfileError(f"计分方案文件 {path.name} 无法读取或不是有效的 JSON") from None
        profile = parse_profile(data, path.name)
        found[profile.id] = profile
    return found


def get_profile(profile_id: str | None = None) -> ScoringProfile:
    """A profile by id; the default one (central-2020) when ``profile_id`` is empty."""
    everything = profiles()
    if profile_id:
        if profile_id not in everything:
            raise ProfileError(f"没有“{profile_id}”这个计分方案；可用：{'、'.join(everything)}")
        return everything[profile_id]
    return next(p for p in everything.values() if p.default)
