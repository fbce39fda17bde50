"""The printed table as geometry: sizes, column edges, rows, cells and merged cells.

Coordinates are in points, measured from the page's top-left corner (``y`` grows
downwards); only ``draw.py`` converts to PDF coordinates. A :class:`Row` holds
the cells wholly inside it; a :class:`Span` is a cell merged down over several
consecutive rows (the block labels, 一级, 二级, two-row header cells): rows that
share the same ``Span`` object are drawn as one box on each page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALIGN_LEFT = "left"
ALIGN_CENTER = "center"
ALIGN_RIGHT = "right"


@dataclass(frozen=True)
class Metrics:
    """Type sizes and spacing (points); FORM-SPEC §5: body 9–10.5pt, title 16–18pt."""

    font_size: float = 10.0
    leading: float = 13.5
    pad_x: float = 4.0
    pad_y: float = 3.5
    title_size: float = 17.0
    year_size: float = 12.0
    footer_size: float = 9.0
    grid_width: float = 0.5
    margin_x: float = 42.5  # 15 mm
    margin_top: float = 45.0
    margin_bottom: float = 50.0
    title_block: float = 58.0  # title, year line and the gap above the table (page 1)
    signature_gap: float = 14.0

    def piece_height(self, lines: int) -> float:
        return 2 * self.pad_y + max(lines, 1) * self.leading

    def lines_fitting(self, height: float) -> int:
        return int((height - 2 * self.pad_y + 1e-6) // self.leading)


@dataclass(frozen=True)
class Columns:
    """Column edges for a table ``width`` points wide starting at ``x0``.

    The 部门名称 row, the task block and the indicator block split the width
    differently (as on the official form); all share the narrow label column.
    """

    x0: float
    width: float
    label_width: float

    @property
    def x1(self) -> float:
        return self.x0 + self.width

    @property
    def inner_x0(self) -> float:
        return self.x0 + self.label_width

    def edges(self, fractions: tuple[float, ...]) -> list[float]:
        """Edges across the inner width (after the label column) for shares that add up to 1."""
        inner = self.width - self.label_width
        edges = [self.inner_x0]
        total = 0.0
        for fraction in fractions:
            total += fraction
            edges.append(round(self.inner_x0 + inner * total, 2))
        edges[-1] = self.x1
        return edges

    @classmethod
    def for_page(cls, page_width: float, metrics: Metrics) -> Columns:
        """The table across the page between the margins; the label column fits 3 characters."""
        label = 3 * metrics.font_size + 2 * metrics.pad_x
        return cls(metrics.margin_x, page_width - 2 * metrics.margin_x, label)

    @property
    def task_edges(self) -> list[float]:
        """任务名称 | 主要内容 | 总额 | 财政拨款 | 其他资金."""
        return self.edges((0.20, 0.41, 0.13, 0.13, 0.13))

    @property
    def indicator_edges(self) -> list[float]:
        """一级指标 | 二级指标 | 三级指标 | 指标值."""
        return self.edges((0.16, 0.19, 0.40, 0.25))


@dataclass
class Cell:
    x0: float
    x1: float
    lines: list[str]
    align: str = ALIGN_LEFT
    bold: bool = False


@dataclass(eq=False)
class Span:
    """A merged-down cell. ``cont_lines`` is printed where the group continues on a
    new page (its label with （续））; ``None`` repeats ``lines`` unchanged."""

    x0: float
    x1: float
    lines: list[str]
    cont_lines: list[str] | None = None
    bold: bool = False


@dataclass(eq=False)
class Row:
    cells: list[Cell]
    spans: list[Span] = field(default_factory=list)  # outermost first
    header: list[Row] | None = None  # repeated atop a page this row continues on
    is_header: bool = False
    splittable: bool = True  # may its lines be split across pages?
    keep_with_next: bool = False

    @property
    def line_count(self) -> int:
        return max([len(cell.lines) for cell in self.cells] + [1])


@dataclass
class Piece:
    """Lines ``first``..``last`` of a row, placed on a page."""

    row: Row
    first: int
    last: int
    top: float
    height: float
    split: bool  # part of a row split over pages: cells align to the top

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass
class Chunk:
    """The part of a merged cell on one page, with the label lines it shows."""

    span: Span
    top: float
    bottom: float
    lines: list[str]


@dataclass
class PageLayout:
    number: int
    pieces: list[Piece] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    signature_top: float | None = None
