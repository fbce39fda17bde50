"""Where the cells of a 项目支出绩效目标表 sit: its logical grid, from the template's declaration.

The indicator part decides the columns (FORM-SPEC-WAVE2 §1.1): c1 the block labels, then the
shared 一级 column, then for each side of the grid (中期, 年度 for 财预〔2015〕88号; 年度 alone for
the 一体化 print-out) its 二级, 三级 and value columns, with the widths the template declares.
The rows above the indicators are laid on the same grid where it has two sides (项目名称 c2–c8;
主管部门及代码 c2–c4 | 实施单位 c5 | c6–c8; 项目资金 labels c2–c3 / c5–c6, amounts c4 / c7–c8;
中期目标 c2–c5 | 年度目标 c6–c8); a one-sided grid splits them into two equal halves.

Declared widths are shares of the table's width; c1 takes what they leave (at least four
characters), so a template that declares shares adding up to 1 gets a six-character c1.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfdesk.domain.forms import Block, Column
from perfdesk.report.grid import Columns, Metrics

LABEL_CHARS = 4  # the narrowest c1: 项目名称 / 绩效指标 on one line
FREE_LABEL_CHARS = 6  # c1 when the declared shares leave nothing: 计划完成日期 on one line


@dataclass(frozen=True)
class SideColumns:
    key: str  # "mid" / "year"
    edges: list[float]  # 二级 | 三级 | value columns… (len = columns + 1)


@dataclass(frozen=True)
class ProjectGrid:
    columns: Columns  # x0, width and c1 (the label column)
    level1: tuple[float, float]  # the shared 一级 column
    sides: list[SideColumns]
    value_columns: tuple[Column, ...]  # printed after 三级 on each side
    split: float  # where the second half of the header and 项目资金 rows starts (c5 in 88号)
    label2_end: float  # end of the second label of a header pair row (c5's right edge)
    goal_split: float  # where the second goal side starts (c6 in 88号)
    amounts: tuple[float, float]  # where the 项目资金 amounts start, left and right half (c4, c7)

    @property
    def x0(self) -> float:
        return self.columns.x0

    @property
    def x1(self) -> float:
        return self.columns.x1

    @property
    def inner_x0(self) -> float:
        return self.columns.inner_x0


def _shares_to_edges(x0: float, width: float, shares: list[float]) -> list[float]:
    """Edges for shares (undeclared ones split what the declared leave), normalised to ``width``."""
    declared = sum(s for s in shares if s > 0)
    missing = [s for s in shares if s <= 0]
    rest = (1.0 - declared) / len(missing) if missing and declared < 1.0 else 0.0
    filled = [s if s > 0 else (rest or 1.0 / len(shares)) for s in shares]
    total = sum(filled) or 1.0
    edges = [x0]
    running = 0.0
    for share in filled:
        running += share
        edges.append(round(x0 + width * running / total, 2))
    edges[-1] = x0 + width
    return edges


def project_grid(page_width: float, metrics: Metrics, grid: Block | None) -> ProjectGrid:
    x0 = metrics.margin_x
    width = page_width - 2 * metrics.margin_x
    levels = list(grid.levels) if grid else []
    level_widths = [lv.width for lv in levels] + [0.0] * (3 - len(levels))
    values = tuple(c for c in grid.columns if c.printed) if grid else ()
    horizons = grid.horizons if grid else ("year",)
    per_side = [level_widths[1], level_widths[2]] + [c.width for c in values]
    shares = [level_widths[0]] + per_side * len(horizons)
    minimum = LABEL_CHARS * metrics.font_size + 2 * metrics.pad_x
    declared = sum(shares) if all(s > 0 for s in shares) else 1.0
    label = max(minimum, width * (1.0 - declared)) if declared < 1.0 else minimum
    if declared >= 1.0:
        label = FREE_LABEL_CHARS * metrics.font_size + 2 * metrics.pad_x
    columns = Columns(x0, width, label)
    edges = _shares_to_edges(columns.inner_x0, width - label, shares)
    sides = []
    for n, key in enumerate(horizons):
        start = 1 + n * len(per_side)
        sides.append(SideColumns(key, edges[start : start + len(per_side) + 1]))
    inner, right = columns.inner_x0, columns.x1
    if len(sides) >= 2:
        first, last = sides[0].edges, sides[-1].edges
        split, label2_end, goal_split = first[-2], first[-1], last[0]
        amounts = (first[1], last[1])
    else:
        split = round((inner + right) / 2, 2)
        label2_end = min(split + label, right)
        goal_split = split
        amounts = (round((inner + split) / 2, 2), round((split + right) / 2, 2))
    return ProjectGrid(columns, (edges[0], edges[1]), sides, values, split, label2_end, goal_split, amounts)
