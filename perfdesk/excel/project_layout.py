"""The exported grid of a 项目支出绩效目标表 (FORM-SPEC-WAVE2 §1.1): which columns each part spans.

Two grids, chosen by the template's indicator block (does it have a 中期 side?):

    88号 附1 (中期 + 年度), 8 columns::

        c1        c2        c3      c4        c5       c6      c7        c8
        项目名称   (c2–c8)
        主管部门…  (c2–c4)                     实施单位  (c6–c8)
        项目资金   中期资金总额 (c2–c3)  (c4)   年度资金总额 (c5–c6)  (c7–c8)
        总体目标   中期目标（2026年—2028年）(c2–c5)     年度目标 (c6–c8)
        绩效指标   一级指标  二级     三级      指标值    二级     三级      指标值
                            ^---- 中期指标 ----^ ^---- 年度指标 ----^

    一体化 (年度 only), 6 columns::

        c1        c2          c3        c4             c5        c6
        项目名称   (c2–c6)
        主管部门   (c2–c3)               实施单位        (c5–c6)
        项目资金   项目资金总额  (c3)       其中：财政资金    (c5–c6)
        项目绩效目标 项目总目标 (c2–c3)     年度总体目标 (c4–c6)
        绩效指标   一级指标     二级指标    三级指标 (c4–c5)           年度指标值
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfdesk.domain.forms import Template

Span = tuple[int, int]


@dataclass(frozen=True)
class IndicatorSide:
    level2: Span
    level3: Span
    value: Span


@dataclass(frozen=True)
class ProjectGrid:
    column_widths: tuple[float, ...]
    pair_value: Span  # a header field's value when two fields share a row (its label is c1)
    pair_label2: Span  # the second field's label
    pair_value2: Span
    funds_label: Span
    funds_value: Span
    funds_label2: Span
    funds_value2: Span
    goals: dict[str, Span]
    level1: int
    sides: dict[str, IndicatorSide] = field(default_factory=dict)
    label: int = 1

    @property
    def last(self) -> int:
        return len(self.column_widths)

    def widths(self) -> list[float]:
        return list(self.column_widths)

    def span_width(self, first: int, last: int) -> float:
        return sum(self.column_widths[first - 1 : last])

    @property
    def people_spans(self) -> tuple[Span, Span, Span]:
        """The three signature entries of a line (填报单位 | 单位负责人 | 财务负责人)."""
        third = self.last // 3
        return (1, third), (third + 1, self.last - third), (self.last - third + 1, self.last)


TWO_SIDED = ProjectGrid(
    column_widths=(10.0, 11.0, 11.0, 20.0, 12.0, 11.0, 20.0, 12.0),
    pair_value=(2, 4), pair_label2=(5, 5), pair_value2=(6, 8),
    funds_label=(2, 3), funds_value=(4, 4), funds_label2=(5, 6), funds_value2=(7, 8),
    goals={"mid": (2, 5), "year": (6, 8)},
    level1=2,
    sides={
        "mid": IndicatorSide((3, 3), (4, 4), (5, 5)),
        "year": IndicatorSide((6, 6), (7, 7), (8, 8)),
    },
)

ONE_SIDED = ProjectGrid(
    column_widths=(10.0, 12.0, 14.0, 16.0, 18.0, 16.0),
    pair_value=(2, 3), pair_label2=(4, 4), pair_value2=(5, 6),
    funds_label=(2, 2), funds_value=(3, 3), funds_label2=(4, 4), funds_value2=(5, 6),
    goals={"mid": (2, 3), "year": (4, 6)},
    level1=2,
    sides={"year": IndicatorSide((3, 3), (4, 5), (6, 6))},
)


def grid_for(template: Template) -> ProjectGrid:
    indicators = template.block("indicators")
    return TWO_SIDED if indicators is not None and "mid" in indicators.horizons else ONE_SIDED
