"""One 项目支出绩效目标表 written as one worksheet, on the official grid (FORM-SPEC-WAVE2 §1.1).

Every label comes from the form's template (``template_of(form)``): header fields, the
项目资金 cells, the goal sides and the indicator sides. The grid itself is in
``project_layout``; the primitives (merged blocks, row heights, print setup) are the
部门整体 sheet's (``form_sheet``).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import zip_longest
from typing import Any

from perfdesk.domain.forms import Block, Column
from perfdesk.domain.model import PEOPLE_LABELS, Form, Indicator, Level1
from perfdesk.domain.money import decimal_places, read_amount
from perfdesk.domain.project import side_caption
from perfdesk.excel import layout
from perfdesk.excel.form_sheet import EMPTY_DATE, FormSheetWriter, block_label
from perfdesk.excel.project_layout import ProjectGrid, Span, grid_for
from perfdesk.excel.styles import StyleBook

CORE_MARK = "★"
SideRows = list[tuple[str, Indicator]]


def fund_pairs(block: Block) -> list[tuple[Column | None, Column | None]]:
    """The 项目资金 cells two to a row: 中期 beside 年度 when the block has both, else in declared order."""
    columns = list(block.columns)
    mid = [c for c in columns if c.key.startswith("mid.")]
    year = [c for c in columns if c.key.startswith("year.")]
    if mid and year:
        rest = [c for c in columns if c not in mid and c not in year]
        pairs: list[tuple[Column | None, Column | None]] = list(zip_longest(mid, year))
        return pairs + list(zip_longest(rest[0::2], rest[1::2]))
    return list(zip_longest(columns[0::2], columns[1::2]))


def side_rows(level1s: list[Level1]) -> list[tuple[str, Indicator]]:
    """(二级, indicator) of one 一级's 三级 rows on one side."""
    return [(l2.name, indicator) for l1 in level1s for l2 in l1.children for indicator in l2.indicators]


def level1_order(form: Form, horizons: tuple[str, ...]) -> list[str]:
    """The shared 一级 column: the 年度 side's order, then 一级 only the 中期 side has."""
    names: dict[str, None] = {}
    for horizon in ("year", *(h for h in horizons if h != "year")):
        if horizon in horizons:
            for level1 in form.side(horizon):
                names.setdefault(level1.name, None)
    return list(names)


class ProjectSheetWriter(FormSheetWriter):
    """Fills ``ws`` with a project ``form``; ``indicator_header_row`` is known after :meth:`write`."""

    def __init__(self, ws: Any, form: Form, styles: StyleBook) -> None:
        super().__init__(ws, form, styles)
        self.grid: ProjectGrid = grid_for(self.template)
        self.cols = self.grid  # type: ignore[assignment]  # widths(), span_width(), last: all the base needs
        self.header_rows = (0, 0)

    def write(self) -> None:
        grid, form, template = self.grid, self.form, self.template
        title, year = template.heading(form.year)
        self.block(1, 1, 1, grid.last, title, "title", layout.TITLE_PT)
        self.block(2, 1, 2, grid.last, year, "subtitle", 11)
        row = self._fields(3)
        for declared in template.blocks:
            if declared.type == "funds":
                row = self._funds(row, declared)
            elif declared.type == "goal_list":
                row = self._goals(row)
            elif declared.type == "indicator_grid":
                row = self._indicators(row)
        self.last_row = self._people(row + 1)
        self._apply_heights()
        self._page_setup()
        self.ws.print_title_rows = f"{self.header_rows[0]}:{self.header_rows[1]}"

    def _fields(self, row: int) -> int:
        grid = self.grid
        printed = [f for f in self.template.fields if f.printed and not f.builtin]
        if printed:  # the first (项目名称) has the whole row
            self.block(row, 1, row, 1, printed[0].label, "header")
            self.block(row, 2, row, grid.last, self.form.fields.get(printed[0].key, ""), "left")
            row += 1
        rest = printed[1:]
        for first, second in zip_longest(rest[0::2], rest[1::2]):
            self.block(row, 1, row, 1, first.label, "header")
            self._span(row, grid.pair_value, self.form.fields.get(first.key, ""), "left")
            self._span(row, grid.pair_label2, second.label if second else "", "header")
            self._span(row, grid.pair_value2, self.form.fields.get(second.key, "") if second else "", "left")
            row += 1
        return row

    def _span(self, row: int, span: Span, value: Any, role: str) -> None:
        self.block(row, span[0], row, span[1], value, role)

    def _amount(self, row: int, span: Span, text: str) -> None:
        """A number where the clerk typed one (at least 2 decimals, more when typed), else the words."""
        amount, words = read_amount(text)
        if amount is None:
            self._span(row, span, words or "", "amount")
            return
        self.put(row, span[0], amount, "amount", max(2, decimal_places(amount)))
        if span[0] != span[1]:
            self._merge(row, span[0], row, span[1])

    def _funds(self, top: int, block: Block) -> int:
        grid, funds = self.grid, self.form.funds
        row = top
        for left, right in fund_pairs(block):
            for column, label_span, value_span in ((left, grid.funds_label, grid.funds_value),
                                                   (right, grid.funds_label2, grid.funds_value2)):
                self._span(row, label_span, column.label if column else "", "header")
                if column is None:
                    self._span(row, value_span, "", "amount")
                else:
                    self._amount(row, value_span, funds.get(column.key, ""))
            row += 1
        label = block.label.replace("（", "\n（", 1) if len(block.label) > 6 else block.label  # 项目资金\n（万元）
        self.block(top, grid.label, row - 1, grid.label, label, "header")
        return row

    def _goals(self, top: int) -> int:
        grid, form = self.grid, self.form
        block = self.template.block("goals")
        sides = [s for s in (block.sides if block else ()) if s.key in grid.goals]
        if not sides:  # a template with one goal list: it is the 年度 side over the whole width
            spans = {"year": (2, grid.last)}
            captions = {"year": ""}
        else:
            spans = {s.key: grid.goals[s.key] for s in sides}
            if len(spans) == 1:
                spans = {key: (2, grid.last) for key in spans}
            captions = {s.key: side_caption(s.label, form) for s in sides}
        row = top
        if any(captions.values()):
            for key, span in spans.items():
                self._span(row, span, captions[key], "header")
            row += 1
        texts = {key: "\n".join(self.template.numbered_goals([g.text for g in form.side_goals(key)]))
                 for key in spans}
        rows = 1
        for key, span in spans.items():
            lines = max(layout.estimate_lines(texts[key], grid.span_width(*span)), 3)
            rows = max(rows, layout.split_rows_for(layout.height_for(lines)))
        for key, span in spans.items():
            self.block(row, span[0], row + rows - 1, span[1], texts[key], "left")
        row += rows
        self.block(top, grid.label, row - 1, grid.label, block.label if block else "总体目标", "header")
        return row

    def _indicator_lines(self, horizons: tuple[str, ...]) -> Iterator[tuple[str, dict[str, SideRows]]]:
        for name in level1_order(self.form, horizons):
            per_side = {h: side_rows([l1 for l1 in self.form.side(h) if l1.name == name]) for h in horizons}
            if any(per_side.values()):  # as the PDF: a 一级 with no 三级 on either side is not printed
                yield name, per_side

    def _indicators(self, top: int) -> int:
        grid = self.grid
        block = self.template.block("indicators")
        horizons = tuple(h for h in (block.horizons if block else ("year",)) if h in grid.sides)
        levels = [lv.label for lv in block.levels] if block else ["一级指标", "二级指标", "三级指标"]
        value_column = block.column("value") if block else None
        value_label = value_column.label if value_column else "指标值"
        row = top
        captions = [s for s in (block.sides if block else ()) if s.key in horizons]
        if len(captions) > 1:  # 中期指标 | 年度指标 over their three columns
            self.block(row, grid.level1, row + 1, grid.level1, levels[0], "header")
            for side in captions:
                cells = grid.sides[side.key]
                self._span(row, (cells.level2[0], cells.value[1]), side_caption(side.label, self.form), "header")
            row += 1
        else:
            self.block(row, grid.level1, row, grid.level1, levels[0], "header")
        for horizon in horizons:
            cells = grid.sides[horizon]
            self._span(row, cells.level2, levels[1], "header")
            self._span(row, cells.level3, levels[2], "header")
            self._span(row, cells.value, value_label, "header")
        self.header_rows = (top, row)
        self.indicator_header_row = row
        row += 1
        lines = list(self._indicator_lines(horizons)) or [("", {h: [] for h in horizons})]
        for name, per_side in lines:
            height = max(1, *(len(rows) for rows in per_side.values()))
            self.block(row, grid.level1, row + height - 1, grid.level1, name, "center")
            for horizon in horizons:
                self._side(row, height, grid.sides[horizon], per_side[horizon])
            row += height
        self.block(top, grid.label, row - 1, grid.label, block_label(block.label if block else "绩效指标"), "header")
        return row

    def _side(self, first: int, height: int, cells: Any, rows: list[tuple[str, Indicator]]) -> None:
        """One side's rows of one 一级: each 二级 merged over its own 三级 rows, blank rows after."""
        start = 0
        while start < height:
            if start >= len(rows):
                self.block(first + start, cells.level2[0], first + height - 1, cells.level2[1], "", "center")
                for offset in range(start, height):
                    self._span(first + offset, cells.level3, "", "left")
                    self._span(first + offset, cells.value, "", "center")
                return
            name = rows[start][0]
            end = start
            while end + 1 < len(rows) and rows[end + 1][0] == name:
                end += 1
            self.block(first + start, cells.level2[0], first + end, cells.level2[1], name, "center")
            for offset in range(start, end + 1):
                indicator = rows[offset][1]
                shown = (CORE_MARK if indicator.core else "") + indicator.name
                self._span(first + offset, cells.level3, shown, "left")
                self._span(first + offset, cells.value, indicator.parsed.canonical, "center")
            start = end + 1

    def _people(self, row: int) -> int:
        people = self.form.people
        spans = self.grid.people_spans
        lines = (("filler_unit", "unit_head", "finance_head"), ("preparer", "phone", "fill_date"))
        for fields in lines:
            for name, (c1, c2) in zip(fields, spans):
                value = getattr(people, name) or (EMPTY_DATE if name == "fill_date" else "")
                self.block(row, c1, row, c2, f"{PEOPLE_LABELS[name]}：{value}", "people")
            row += 1
        return row - 1


def writer_for(ws: Any, form: Form, styles: StyleBook) -> Any:
    """The sheet writer of ``form``'s kind (each has ``write()``)."""
    from perfdesk.domain.model import KIND_PROJECT, KIND_SELF_EVALUATION

    if form.kind == KIND_PROJECT:
        return ProjectSheetWriter(ws, form, styles)
    if form.kind == KIND_SELF_EVALUATION:
        from perfdesk.excel.self_eval_sheet import SelfEvalSheetWriter

        return SelfEvalSheetWriter(ws, form, styles)
    return FormSheetWriter(ws, form, styles)
