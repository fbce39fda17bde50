"""A form turned into table rows, block by block as its template declares them
(部门名称 and the template's own header fields, 年度主要任务, 年度总体目标, 年度绩效指标 with
the template's columns).

Every text is wrapped here (Chinese line-breaking rules) into the lines its cell
prints, so pagination knows each row's height. No ReportLab here: the caller
passes the font's character-width function.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from perfdesk.domain.forms import Block, Column, Template
from perfdesk.domain.model import Form, Indicator
from perfdesk.domain.money import format_amount
from perfdesk.report.grid import ALIGN_CENTER, ALIGN_LEFT, ALIGN_RIGHT, Cell, Columns, Metrics, Row, Span
from perfdesk.report.linebreak import wrap_text

CONTINUED = "（续）"
INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "指标值")  # mof-2015's, for tests
_CENTRED_TYPES = frozenset({"target_value", "enum", "unit", "number", "year"})

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str | None) -> str:
    """Printable text: unified line ends, tabs as spaces, no control characters."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text).strip()


class RowBuilder:
    def __init__(
        self, columns: Columns, metrics: Metrics, char_width: Callable[[str], float], template: Template
    ) -> None:
        self.columns = columns
        self.metrics = metrics
        self.char_width = char_width
        self.template = template

    def wrap(self, text: str, x0: float, x1: float) -> list[str]:
        return wrap_text(text, x1 - x0 - 2 * self.metrics.pad_x, self.char_width)

    def cell(self, text: str, x0: float, x1: float, align: str = ALIGN_LEFT, bold: bool = False) -> Cell:
        return Cell(x0, x1, self.wrap(clean_text(text), x0, x1), align, bold)

    def span(self, text: str, x0: float, x1: float, continued: bool = True, bold: bool = False) -> Span:
        text = clean_text(text)
        cont = self.wrap(text + CONTINUED, x0, x1) if continued else None
        return Span(x0, x1, self.wrap(text, x0, x1), cont, bold)

    def block_label(self, text: str) -> Span:
        """The narrow left label, two characters a line: 年度 / 主要 / 任务 (/ （续）)."""
        cols = self.columns
        lines = [text[i : i + 2] for i in range(0, len(text), 2)]
        return Span(cols.x0, cols.inner_x0, lines, lines + [CONTINUED], bold=True)

    def edges(self, widths: list[float]) -> list[float]:
        """Column edges for declared widths (shares of the inner width; undeclared ones share the rest)."""
        declared = sum(w for w in widths if w > 0)
        missing = [w for w in widths if w <= 0]
        rest = (1.0 - declared) / len(missing) if missing and declared < 1.0 else 0.0
        shares = [w if w > 0 else rest for w in widths]
        total = sum(shares) or 1.0
        return self.columns.edges(tuple(share / total for share in shares))

    # -- the blocks --------------------------------------------------------------

    def header_fields(self, form: Form) -> list[Row]:
        """部门（单位）名称, then each field the template adds (部门（单位）职责 …), label | text."""
        cols = self.columns
        tasks = self.template.block("tasks")
        split = self.edges([c.width for c in tasks.columns])[1] if tasks else self.columns.task_edges[1]
        department = self.template.field("department")
        rows = [(department.label if department else "部门（单位）名称", form.department)]
        rows += [(f.label, form.fields.get(f.key, "")) for f in self.template.extra_fields if f.printed]
        return [
            Row([self.cell(label, cols.x0, split, ALIGN_CENTER, bold=True), self.cell(text, split, cols.x1)])
            for label, text in rows
        ]

    def tasks(self, form: Form, block: Block) -> list[Row]:
        e = self.edges([c.width for c in block.columns])
        label = self.block_label(block.label)
        name = self.span(block.columns[0].label, e[0], e[1], continued=False, bold=True)
        content = self.span(block.columns[1].label, e[1], e[2], continued=False, bold=True)
        amounts = block.columns[2:]
        top = Row(
            [self.cell(block.group_label, e[2], e[-1], ALIGN_CENTER, bold=True)],
            [label, name, content],
            is_header=True,
            splittable=False,
            keep_with_next=True,
        )
        parts = Row(
            [self.cell(c.label, e[2 + k], e[3 + k], ALIGN_CENTER, bold=True) for k, c in enumerate(amounts)],
            [label, name, content],
            is_header=True,
            splittable=False,
            keep_with_next=True,
        )
        header = [top, parts]
        rows = [top, parts]
        for task in form.tasks:
            texts = [task.amount_text(c.key) for c in amounts]
            rows.append(
                Row(
                    [self.cell(task.name, e[0], e[1]), self.cell(task.content, e[1], e[2])]
                    + [self.cell(a, e[2 + k], e[3 + k], ALIGN_RIGHT) for k, a in enumerate(texts)],
                    [label],
                    header=header,
                )
            )
        sums = dict(zip(("total", "fiscal", "other"), form.sums()))
        rows.append(
            Row(
                [self.cell(block.total_row, e[0], e[1], ALIGN_CENTER, bold=True), self.cell("", e[1], e[2])]
                + [self.cell(format_amount(sums.get(c.key)), e[2 + k], e[3 + k], ALIGN_RIGHT)
                   for k, c in enumerate(amounts)],
                [label],
                header=header,
            )
        )
        return rows

    def goals(self, form: Form, block: Block) -> list[Row]:
        cols = self.columns
        lines: list[str] = []
        for text in self.template.numbered_goals([clean_text(goal.text) for goal in form.goals]):
            lines.extend(self.wrap(text, cols.inner_x0, cols.x1))
        cell = Cell(cols.inner_x0, cols.x1, lines or [""], ALIGN_LEFT)
        return [Row([cell], [self.block_label(block.label)])]

    def _indicator_cells(self, indicator: Indicator, columns: tuple[Column, ...], e: list[float]) -> list[Cell]:
        cells = [self.cell(indicator.name, e[2], e[3])]
        for k, column in enumerate(columns):
            text = indicator.parsed.canonical if column.key == "value" else indicator.extras.get(column.key, "")
            align = ALIGN_CENTER if column.type in _CENTRED_TYPES else ALIGN_LEFT
            cells.append(self.cell(text, e[3 + k], e[4 + k], align))
        return cells

    def level1_text(self, name: str) -> str:
        """The 一级 as printed (a self-evaluation adds its weight: 产出指标(50分))."""
        return name

    def indicators(self, form: Form, block: Block) -> list[Row]:
        columns = tuple(c for c in block.columns if c.printed)
        e = self.edges([lv.width for lv in block.levels] + [c.width for c in columns])
        label = self.block_label(block.label)
        titles = [lv.label for lv in block.levels] + [c.label for c in columns]
        header = Row(
            [self.cell(title, e[k], e[k + 1], ALIGN_CENTER, bold=True) for k, title in enumerate(titles)],
            [label],
            is_header=True,
            splittable=False,
            keep_with_next=True,
        )
        rows = [header]
        for level1 in form.tree:
            groups = [level2 for level2 in level1.children if level2.indicators]
            if not groups:
                continue
            span1 = self.span(self.level1_text(level1.name), e[0], e[1])
            for level2 in groups:
                span2 = self.span(level2.name, e[1], e[2])
                for indicator in level2.indicators:
                    cells = self._indicator_cells(indicator, columns, e)
                    rows.append(Row(cells, [label, span1, span2], header=[header]))
        if len(rows) == 1:  # nothing filled in yet: one empty row to write on
            rows.append(Row([Cell(e[k], e[k + 1], [""]) for k in range(len(titles))], [label], header=[header]))
        return rows


def build_rows(
    form: Form, columns: Columns, metrics: Metrics, char_width: Callable[[str], float], template: Template | None = None
) -> list[Row]:
    """The form's rows, in the order of its template's blocks."""
    from perfdesk.domain.forms import template_of

    resolved = template or template_of(form)
    if resolved.behaviour == "self_evaluation":
        from perfdesk.report.self_eval_rows import SelfEvalRowBuilder

        return SelfEvalRowBuilder(columns, metrics, char_width, resolved).rows(form)
    builder = RowBuilder(columns, metrics, char_width, resolved)
    rows = builder.header_fields(form)
    for block in builder.template.blocks:
        if block.type == "money_table":
            rows += builder.tasks(form, block)
        elif block.type == "goal_list":
            rows += builder.goals(form, block)
        elif block.type == "indicator_grid":
            rows += builder.indicators(form, block)
    return rows
