"""One form written as one worksheet, laid out like the paper table (FORM-SPEC §1, §5)."""

from __future__ import annotations

from collections.abc import Iterator
from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange

from perfdesk.domain.forms import template_of
from perfdesk.domain.model import PEOPLE_LABELS, TASK_AMOUNTS, Form, Task
from perfdesk.domain.money import decimal_places
from perfdesk.excel import layout
from perfdesk.excel.embed import put_text
from perfdesk.excel.layout import Columns
from perfdesk.excel.styles import FONT_NAME, TOP, StyleBook


def block_label(text: str) -> str:
    """The narrow label column's text, two characters a line (年度\n主要\n任务), as on paper."""
    return "\n".join(text[i : i + 2] for i in range(0, len(text), 2))
EMPTY_DATE = "    年  月  日"
TOP_ALIGN_PT = 400.0  # vertical merges taller than this show their label at the top


def clean(text: str) -> str:
    """Control characters Excel refuses (pasted from Word, say) are dropped from the print."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


class FormSheetWriter:
    """Fills ``ws`` with ``form``; ``indicator_header_row`` is known after :meth:`write`."""

    def __init__(self, ws: Any, form: Form, styles: StyleBook) -> None:
        self.ws = ws
        self.form = form
        self.styles = styles
        extras, value_at = layout.indicator_order(form)
        self.cols = Columns(extras, layout.amount_width(form), value_at)
        self.template = template_of(form)
        self.heights: dict[int, float] = {}
        # vertical merges: first row, last row, height needed, anchor column, role
        self.tall: list[tuple[int, int, float, int, str]] = []
        self.indicator_header_row = 0
        self.last_row = 0

    # --- primitives ---------------------------------------------------------------

    def put(self, row: int, column: int, value: Any, role: str, places: int = 2) -> Any:
        cell = self.ws.cell(row, column)
        if isinstance(value, str):
            if value:
                put_text(cell, clean(value))
        elif value is not None:
            cell.value = value
        self.styles.apply(cell, role, places)
        return cell

    def block(self, r1: int, c1: int, r2: int, c2: int, value: Any, role: str, font_pt: float = layout.BODY_PT) -> None:
        """Write ``value`` into a (possibly merged) block; every cell gets the border."""
        self.put(r1, c1, value, role)
        if (r1, c1) != (r2, c2):
            self._merge(r1, c1, r2, c2)
        text = value if isinstance(value, str) else ""
        needed = layout.height_for(layout.estimate_lines(text, self.cols.span_width(c1, c2), font_pt), font_pt)
        if r1 == r2:
            self.heights[r1] = max(self.heights.get(r1, 0.0), needed)
        else:
            self.tall.append((r1, r2, needed, c1, role))

    def _merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        # ws.merge_cells checks the new range against every existing one (quadratic for
        # thousands of rows); ours never overlap, so the range is registered directly.
        coord = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
        self.ws.merged_cells.ranges.add(MergedCellRange(self.ws, coord))
        style = self.ws._cells[(r1, c1)]._style
        for row in range(r1, r2 + 1):
            for column in range(c1, c2 + 1):
                if (row, column) != (r1, c1):
                    merged = MergedCell(self.ws, row, column)
                    merged._style = copy(style)
                    self.ws._cells[(row, column)] = merged

    # --- the blocks ----------------------------------------------------------------

    def write(self) -> None:
        cols, form, template = self.cols, self.form, self.template
        title, year = template.heading(form.year)  # the PDF's words, from the same declaration
        self.block(1, 1, 1, cols.last, title, "title", layout.TITLE_PT)
        self.block(2, 1, 2, cols.last, year, "subtitle", 11)
        department = template.field("department")
        fields = [(department.label if department else "部门（单位）名称", form.department)]
        fields += [(f.label, form.fields.get(f.key, "")) for f in template.extra_fields if f.printed]
        row = 3
        for label, text in fields:
            self.block(row, 1, row, cols.name, label, "header")
            self.block(row, cols.level2, row, cols.last, text, "left")
            row += 1
        for declared in template.blocks:
            if declared.type == "money_table":
                row = self._tasks(row)
            elif declared.type == "goal_list":
                row = self._goals(row)
            elif declared.type == "indicator_grid":
                row = self._indicators(row)
        self.last_row = self._people(row + 1)
        self._apply_heights()
        self._page_setup()

    def _label(self, key: str) -> str:
        block = self.template.block(key)
        return block.label if block else {"tasks": "年度主要任务", "goals": "年度总体目标"}.get(key, "年度绩效指标")

    def _tasks(self, top: int) -> int:
        cols = self.cols
        content_last = cols.total - 1
        self.block(top, cols.name, top + 1, cols.name, "任务名称", "header")
        self.block(top, cols.level2, top + 1, content_last, "主要内容", "header")
        self.block(top, cols.total, top, cols.other, "预算金额（万元）", "header")
        for column, label in ((cols.total, "总额"), (cols.fiscal, "财政拨款"), (cols.other, "其他资金")):
            self.block(top + 1, column, top + 1, column, label, "header")
        row = top + 2
        first = row
        places = {cols.total: 2, cols.fiscal: 2, cols.other: 2}
        tasks: list[Task | None] = [*self.form.tasks] or [None]
        for task in tasks:
            self.block(row, cols.name, row, cols.name, task.name if task else "", "left")
            self.block(row, cols.level2, row, content_last, task.content if task else "", "left")
            for column, amount in zip((cols.total, cols.fiscal, cols.other), self._amounts(task)):
                if isinstance(amount, str):  # words kept as typed: the row grows to show them whole
                    self.block(row, column, row, column, amount, "amount")
                    continue
                cell_places = max(2, decimal_places(amount)) if isinstance(amount, Decimal) else 2
                places[column] = max(places[column], cell_places)
                self.put(row, column, amount, "amount", cell_places)
            row += 1
        self.block(row, cols.name, row, cols.name, "金额合计", "header")
        self.block(row, cols.level2, row, content_last, "", "left")
        for column, column_places in places.items():
            letter = get_column_letter(column)
            cell = self.put(row, column, None, "amount", column_places)
            cell.value = f"=SUM({letter}{first}:{letter}{row - 1})"
        self.block(top, cols.label, row, cols.label, block_label(self._label("tasks")), "header")
        return row + 1

    @staticmethod
    def _amounts(task: Any) -> tuple[Decimal | str | None, ...]:
        """The three amounts; a cell whose typed text is not a number gets that text (SUM skips it)."""
        if task is None:
            return (None, None, None)
        return tuple(task.unparsed.get(key, getattr(task, key)) for key in TASK_AMOUNTS)

    def _goals(self, row: int) -> int:
        cols = self.cols
        text = layout.goal_lines([goal.text for goal in self.form.goals])
        lines = max(layout.estimate_lines(text, cols.span_width(cols.name, cols.last)), 3)
        rows = layout.split_rows_for(layout.height_for(lines))
        self.block(row, cols.label, row + rows - 1, cols.label, block_label(self._label("goals")), "header")
        self.block(row, cols.name, row + rows - 1, cols.last, text, "left")
        return row + rows

    def _indicator_rows(self) -> Iterator[tuple[str | None, str | None, Any]]:
        """(一级 when a group starts, 二级 when a group starts, indicator) per row.

        As on the PDF: a 二级 (and a 一级) with no 三级 yet is not printed — paper shows what
        was filled in, and both outputs say the same thing (the hidden data sheet keeps the
        empty groups for a lossless re-import)."""
        for level1 in self.form.tree:
            start1: str | None = level1.name
            for level2 in level1.children:
                start2: str | None = level2.name
                for indicator in level2.indicators:
                    yield start1, start2, indicator
                    start1 = start2 = None

    def _indicators(self, top: int) -> int:
        cols = self.cols
        self.indicator_header_row = top
        grid = self.template.block("indicators")
        levels = [lv.label for lv in grid.levels] if grid else ["一级指标", "二级指标", "三级指标"]
        value_column = grid.column("value") if grid else None
        self.block(top, cols.name, top, cols.name, levels[0], "header")
        self.block(top, cols.level2, top, cols.level2, levels[1], "header")
        self.block(top, cols.level3, top, cols.level3, levels[2], "header")
        cells = cols.indicator_cells()
        for key, first, last in cells:
            label = key if key is not None else value_column.label if value_column else "指标值"
            self.block(top, first, top, last, label, "header")
        row = top + 1
        spans: list[tuple[int, str, int]] = []  # (first row, name, column) of open 一级/二级 groups
        printed = list(self._indicator_rows())
        for name1, name2, indicator in printed or [("", "", None)]:
            if name1 is not None:
                self._close(spans, row, cols.name)
                spans.append((row, name1, cols.name))
            if name2 is not None or name1 is not None:
                self._close(spans, row, cols.level2)
                spans.append((row, name2 or "", cols.level2))
            self.block(row, cols.level3, row, cols.level3, indicator.name if indicator else "", "left")
            for key, first, last in cells:
                if key is None:
                    value = indicator.parsed.canonical if indicator else ""
                    self.block(row, first, row, last, value, "center")  # as the PDF aligns 指标值
                else:
                    extra = indicator.extras.get(key, "") if indicator else ""
                    self.block(row, first, row, last, extra, "left")
            row += 1
        self._close(spans, row, cols.name)
        self._close(spans, row, cols.level2)
        self.block(top, cols.label, row - 1, cols.label, block_label(self._label("indicators")), "header")
        return row

    def _close(self, spans: list[tuple[int, str, int]], row: int, column: int) -> None:
        for i, (first, name, span_column) in enumerate(spans):
            if span_column == column:
                self.block(first, column, row - 1, column, name, "center")
                del spans[i]
                return

    def _people(self, row: int) -> int:
        cols, people = self.cols, self.form.people
        middle = (cols.level3, cols.total - 1)
        right = (cols.total, cols.other)
        lines = (
            (("filler_unit", (cols.label, cols.level2)), ("unit_head", middle), ("finance_head", right)),
            (("preparer", (cols.label, cols.level2)), ("phone", middle), ("fill_date", right)),
        )
        for fields in lines:
            for field, (c1, c2) in fields:
                value = getattr(people, field) or (EMPTY_DATE if field == "fill_date" else "")
                self.block(row, c1, row, c2, f"{PEOPLE_LABELS[field]}：{value}", "people")
            row += 1
        return row - 1

    # --- finishing ------------------------------------------------------------------

    def _apply_heights(self) -> None:
        for first, last, needed, column, role in self.tall:
            have = sum(self.heights.get(r, layout.MIN_ROW_PT) for r in range(first, last + 1))
            if have < needed:
                per_row = (needed - have) / (last - first + 1)
                for r in range(first, last + 1):
                    self.heights[r] = self.heights.get(r, layout.MIN_ROW_PT) + per_row
            elif have > TOP_ALIGN_PT and role == "center":
                # A label centred over more than a page would print on none of its pages' tops.
                self.styles.apply(self.ws._cells[(first, column)], role + TOP)
        dims = self.ws.row_dimensions
        for r, height in self.heights.items():
            dims[r].height = round(min(height, layout.MAX_ROW_PT), 1)
        for column, width in enumerate(self.cols.widths(), start=1):
            self.ws.column_dimensions[get_column_letter(column)].width = width

    def _page_setup(self) -> None:
        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = self.template.orientation  # as the PDF: 湖南 is landscape
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = 0.6
        ws.page_margins.bottom = 0.8
        ws.page_margins.footer = 0.35
        ws.print_title_rows = f"{self.indicator_header_row}:{self.indicator_header_row}"
        ws.print_area = f"A1:{get_column_letter(self.cols.last)}{self.last_row}"
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"
        ws.oddFooter.center.font = f"{FONT_NAME},Regular"
        ws.oddFooter.center.size = 9
        ws.sheet_view.showGridLines = False
