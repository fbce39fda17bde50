"""A 项目支出绩效目标表 turned into table rows, read from its template's declaration.

Header fields (the first on a row of its own, the others two to a row), the 项目资金 cells
grouped by side (``mid.*``, ``year.*``, and the cumulative ``project_*`` of the 一体化
print-out), the goal sides with their captions (中期目标（2026年—2028年）) and numbered goals,
then the indicator grid: one shared 一级 column and each side's 二级 / 三级 / value columns,
each side's 二级 cells merged over its own rows (the shorter side padded with empty rows
inside the 一级 group), ★ before a core 三级. Geometry is in ``project_grid.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from perfdesk.domain.forms import Block, Column, Template
from perfdesk.domain.model import Form, Indicator, Level1
from perfdesk.domain.money import format_amount
from perfdesk.domain.project import side_caption
from perfdesk.report.grid import ALIGN_CENTER, ALIGN_LEFT, ALIGN_RIGHT, Cell, Columns, Metrics, Row, Span
from perfdesk.report.project_grid import ProjectGrid, SideColumns, project_grid
from perfdesk.report.rows import CONTINUED, RowBuilder, clean_text

CORE_MARK = "★"
_CENTRED_TYPES = frozenset({"target_value", "enum", "unit", "number", "year"})


def fund_text(form: Form, key: str) -> str:
    """A 项目资金 cell as printed: the amount with 2+ decimals, or the words as typed."""
    amount = form.fund(key)
    return format_amount(amount) if amount is not None else form.funds.get(key, "")


def fund_groups(block: Block) -> list[list[Column]]:
    """The cells of a funds block by side, in declared order: ``mid.*``, ``year.*``, ``project_*``."""
    groups: dict[str, list[Column]] = {}
    for column in block.columns:
        if column.printed:
            groups.setdefault(column.key.split(".")[0] if "." in column.key else "", []).append(column)
    return list(groups.values())


class ProjectRowBuilder(RowBuilder):
    def __init__(self, grid: ProjectGrid, metrics: Metrics, char_width: Callable[[str], float],
                 template: Template) -> None:
        super().__init__(grid.columns, metrics, char_width, template)
        self.g = grid

    def label(self, text: str, x0: float, x1: float) -> Cell:
        return self.cell(text, x0, x1, ALIGN_CENTER, bold=True)

    def label_lines(self, text: str, x0: float, x1: float) -> list[str]:
        """A label's lines, broken before its parenthesis when it needs two (项目资金 / （万元））."""
        text = clean_text(text)
        lines = self.wrap(text, x0, x1)
        cut = text.find("（")
        if len(lines) > 1 and cut > 0:
            return self.wrap(text[:cut], x0, x1) + self.wrap(text[cut:], x0, x1)
        return lines

    def block_span(self, text: str) -> Span:
        x0, x1 = self.g.x0, self.g.inner_x0
        lines = self.label_lines(text, x0, x1)
        return Span(x0, x1, lines, lines + self.wrap(CONTINUED, x0, x1), bold=True)

    # -- header fields -------------------------------------------------------------

    def header(self, form: Form) -> list[Row]:
        g = self.g
        fields = [f for f in self.template.fields if f.printed]

        def whole(field: Column) -> Row:
            value = form.fields.get(field.key, "")
            return Row([self.label(field.label, g.x0, g.inner_x0), self.cell(value, g.inner_x0, g.x1)])

        rows = [whole(fields[0])] if fields else []
        rest = fields[1:]
        for k in range(0, len(rest), 2):
            if k + 1 == len(rest):
                rows.append(whole(rest[k]))
                continue
            a, b = rest[k], rest[k + 1]
            rows.append(Row([
                self.label(a.label, g.x0, g.inner_x0), self.cell(form.fields.get(a.key, ""), g.inner_x0, g.split),
                self.label(b.label, g.split, g.label2_end), self.cell(form.fields.get(b.key, ""), g.label2_end, g.x1),
            ]))
        return rows

    # -- 项目资金 -------------------------------------------------------------------

    def _fund_slices(self, count: int) -> list[tuple[float, float, float]]:
        """(label start, amount start, end) of each group of cells across the row."""
        g = self.g
        if count == 2:
            return [(g.inner_x0, g.amounts[0], g.split), (g.split, g.amounts[1], g.x1)]
        step = (g.x1 - g.inner_x0) / max(count, 1)
        starts = [g.inner_x0 + n * step for n in range(count)] + [g.x1]
        return [(round(a, 2), round((a + b) / 2, 2), round(b, 2)) for a, b in zip(starts, starts[1:])]

    def funds(self, form: Form, block: Block) -> list[Row]:
        groups = fund_groups(block)
        if not groups:
            return []
        span = self.block_span(block.label)
        slices = self._fund_slices(len(groups))
        height = max(len(group) for group in groups)
        rows = []
        for k in range(height):
            cells = []
            for group, (x0, xa, x1) in zip(groups, slices):
                column = group[k] if k < len(group) else None
                cells.append(self.cell(column.label if column else "", x0, xa, ALIGN_CENTER))
                cells.append(self.cell(fund_text(form, column.key) if column else "", xa, x1, ALIGN_RIGHT))
            rows.append(Row(cells, [span], splittable=False, keep_with_next=k < height - 1))
        return rows

    # -- 总体目标 -------------------------------------------------------------------

    def _goal_cell(self, goals: list[str], x0: float, x1: float) -> Cell:
        lines: list[str] = []
        for text in self.template.numbered_goals([clean_text(goal) for goal in goals]):
            lines.extend(self.wrap(text, x0, x1))
        return Cell(x0, x1, lines or [""], ALIGN_LEFT)

    def goals(self, form: Form, block: Block) -> list[Row]:
        g = self.g
        span = self.block_span(block.label)
        if not block.sides:
            texts = [goal.text for goal in form.goals]
            return [Row([self._goal_cell(texts, g.inner_x0, g.x1)], [span])]
        if len(block.sides) == 2:
            bounds = [(g.inner_x0, g.goal_split), (g.goal_split, g.x1)]
        else:
            step = (g.x1 - g.inner_x0) / len(block.sides)
            bounds = [(g.inner_x0 + n * step, g.inner_x0 + (n + 1) * step) for n in range(len(block.sides))]
        caption = Row(
            [self.label(side_caption(side.label, form), x0, x1) for side, (x0, x1) in zip(block.sides, bounds)],
            [span], is_header=True, splittable=False, keep_with_next=True,
        )
        goal_row = Row(
            [self._goal_cell([goal.text for goal in form.side_goals(side.key)], x0, x1)
             for side, (x0, x1) in zip(block.sides, bounds)],
            [span], header=[caption],
        )
        return [caption, goal_row]

    # -- 绩效指标 -------------------------------------------------------------------

    def _side_cells(self, indicator: Indicator, side: SideColumns) -> list[Cell]:
        e = side.edges
        name = (CORE_MARK if indicator.core else "") + clean_text(indicator.name)
        cells = [self.cell(name, e[1], e[2])]
        for k, column in enumerate(self.g.value_columns):
            text = indicator.parsed.canonical if column.key == "value" else indicator.extras.get(column.key, "")
            align = ALIGN_CENTER if column.type in _CENTRED_TYPES else ALIGN_LEFT
            cells.append(self.cell(text, e[2 + k], e[3 + k], align))
        return cells

    def _headers(self, form: Form, block: Block, label: Span) -> list[Row]:
        g = self.g
        names = [lv.label for lv in block.levels] + ["", "", ""]
        titles = [names[1], names[2]] + [c.label for c in g.value_columns]

        def side_titles(side: SideColumns) -> list[Cell]:
            e = side.edges
            return [self.label(title, e[k], e[k + 1]) for k, title in enumerate(titles)]

        if not block.sides:
            cells = [self.label(names[0], *g.level1)] + [c for side in g.sides for c in side_titles(side)]
            return [Row(cells, [label], is_header=True, splittable=False, keep_with_next=True)]
        level1 = Span(*g.level1, self.wrap(names[0], *g.level1), None, bold=True)
        captions = []
        for side in g.sides:
            declared = block.side(side.key)
            caption = side_caption(declared.label, form) if declared else ""
            captions.append(self.label(caption, side.edges[0], side.edges[-1]))
        top = Row(captions, [label, level1], is_header=True, splittable=False, keep_with_next=True)
        parts = Row([c for side in g.sides for c in side_titles(side)], [label, level1],
                    is_header=True, splittable=False, keep_with_next=True)
        return [top, parts]

    def indicators(self, form: Form, block: Block) -> list[Row]:
        g = self.g
        label = self.block_span(block.label)
        header = self._headers(form, block, label)
        trees: dict[str, dict[str, Level1]] = {}
        order: list[str] = []
        for side in g.sides:
            trees[side.key] = {}
            for level1 in form.side(side.key):
                trees[side.key].setdefault(level1.name, level1)
                if level1.name not in order:
                    order.append(level1.name)
        rows = list(header)
        for name in order:
            entries = {
                side.key: [(l2, ind) for l2 in trees[side.key][name].children for ind in l2.indicators]
                if name in trees[side.key] else []
                for side in g.sides
            }
            height = max(len(items) for items in entries.values())
            if height == 0:
                continue
            span1 = self.span(name, *g.level1)
            level2_spans: dict[tuple[str, str], Span] = {}
            for k in range(height):
                spans, cells = [label, span1], []
                for side in g.sides:
                    items = entries[side.key]
                    if k >= len(items):  # the shorter side: an empty row to keep the grid
                        cells += [Cell(a, b, [""]) for a, b in zip(side.edges, side.edges[1:])]
                        continue
                    level2, indicator = items[k]
                    key = (side.key, level2.id)
                    if key not in level2_spans:
                        level2_spans[key] = self.span(level2.name, side.edges[0], side.edges[1])
                    spans.append(level2_spans[key])
                    cells += self._side_cells(indicator, side)
                rows.append(Row(cells, spans, header=header))
        if len(rows) == len(header):  # nothing filled in yet: one empty row to write on
            edges = sorted(set([g.level1[0], g.level1[1]] + [x for side in g.sides for x in side.edges]))
            rows.append(Row([Cell(a, b, [""]) for a, b in zip(edges, edges[1:])], [label], header=header))
        return rows


def project_rows(
    form: Form, template: Template, page_width: float, metrics: Metrics, char_width: Callable[[str], float]
) -> tuple[Columns, list[Row]]:
    """The table's columns (x0, width, c1) and its rows, in the order of the template's blocks."""
    grid = project_grid(page_width, metrics, next((b for b in template.blocks if b.type == "indicator_grid"), None))
    builder = ProjectRowBuilder(grid, metrics, char_width, template)
    rows = builder.header(form)
    for block in template.blocks:
        if block.type == "funds":
            rows += builder.funds(form, block)
        elif block.type == "goal_list":
            rows += builder.goals(form, block)
        elif block.type == "indicator_grid":
            rows += builder.indicators(form, block)
    return grid.columns, rows
