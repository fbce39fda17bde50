"""A project table's two indicator sides (FORM-SPEC-WAVE2 §1.4): every 一级 on the 年度 side (T6)
and the 年度 side against the 中期 side (T13, warnings).

A 年度 row's 中期 counterpart is the 三级 of the same name (width and spaces aside) under the same
一级. T13 says: a 年度 三级 with no counterpart; a 年度 count above the 中期 count (both a floor
or an exact figure, the same unit that is not a percentage: the 中期 figure covers several years);
a 年度 rate looser than the 中期 rate in the same direction (a lower floor, a higher cap).
"""

from __future__ import annotations

from perfdesk.domain.forms import template_of
from perfdesk.domain.framework import legacy_names
from perfdesk.domain.model import Indicator, Level1
from perfdesk.domain.validation.context import SEP, Context
from perfdesk.domain.validation.problems import Place
from perfdesk.domain.validation.rules_names import name_key
from perfdesk.domain.values import PERCENT_UNITS, ValueKind

SATISFACTION = "满意度指标"
_FLOORS, _CAPS, _COUNTS = ("≥", ">"), ("≤", "<"), ("≥", ">", "=")


def _level1_name(level1: Level1) -> str:
    name = level1.name.strip()
    return legacy_names()["level1"].get(name, name)


def check_level1_present(ctx: Context) -> None:
    """T6: each 一级 of the framework has at least one 三级 on the 年度 side."""
    framework = ctx.framework
    if framework is None:
        return
    required = [n for n in framework.level1_names
                if n != SATISFACTION or ctx.settings.project_satisfaction_required]
    year = ctx.on_side("year")
    for name in required:
        nodes = [l1 for l1 in ctx.form.tree if _level1_name(l1) == name]
        if any(l2.indicators for node in nodes for l2 in node.children):
            continue
        place = Place("level1", nodes[0].id, "name", nodes[0].name) if nodes else year.tree_place()
        example = "、".join(framework.level2_names(name))
        year.report("project.level1_empty", place,
                    f"年度指标的“{name}”下没有任何三级指标；项目绩效目标表的{'、'.join(required)}"
                    f"每个一级指标至少要有一个三级指标，请在 {example} 下填写。")


def check_sides_agree(ctx: Context) -> None:
    """T13 (only for templates with a 中期 side that has rows)."""
    grid = template_of(ctx.form).block("indicators")
    if grid is None or "mid" not in grid.horizons:
        return
    mid: dict[tuple[str, str], Indicator] = {}
    for level1, _, indicator in ctx.form.iter_indicators("mid"):
        if indicator.name.strip():
            mid.setdefault((_level1_name(level1), name_key(indicator.name.strip())), indicator)
    if not mid:
        return  # an empty 中期 side is reported once by the tree rules
    for level1, level2, indicator in ctx.form.iter_indicators("year"):
        name = indicator.name.strip()
        if not name:
            continue
        label = f"{level1.name}{SEP}{level2.name}{SEP}{name}"
        twin = mid.get((_level1_name(level1), name_key(name)))
        if twin is None:
            ctx.report("project.mid_counterpart_missing", Place("indicator", indicator.id, "name", label),
                       f"年度指标“{name}”在中期指标的“{level1.name.strip()}”下没有同名指标；年度指标应是中期指标在本年度的"
                       "落实，请在中期指标中补上同名指标，或把名称改为一致。")
            continue
        _compare(ctx, indicator, twin, Place("indicator", indicator.id, "value", label))


def _compare(ctx: Context, year: Indicator, mid: Indicator, place: Place) -> None:
    a, b = year.parsed, mid.parsed
    if a.kind is not ValueKind.NUMBER or b.kind is not ValueKind.NUMBER or not a.unit or a.unit != b.unit:
        return
    assert a.number is not None and b.number is not None
    ca, cb = a.effective_comparator, b.effective_comparator
    if a.unit in PERCENT_UNITS:
        looser = (ca in _FLOORS and cb in _FLOORS and a.number < b.number) or (
            ca in _CAPS and cb in _CAPS and a.number > b.number)
        if looser:
            ctx.report("project.year_looser", place,
                       f"年度指标值“{year.value.strip()}”比中期指标值“{mid.value.strip()}”宽松；比率类指标的年度目标"
                       "一般不低于中期目标，请确认。")
    elif ca in _COUNTS and cb in _COUNTS and a.number > b.number:
        ctx.report("project.year_over_mid_count", place,
                   f"年度指标值“{year.value.strip()}”大于中期指标值“{mid.value.strip()}”；中期指标覆盖整个项目期，"
                   "年度数量一般不超过中期数量，请核对。")
