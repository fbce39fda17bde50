"""A form turned into table rows: 部门名称, 年度主要任务, 年度总体目标, 年度绩效指标.

Every text is wrapped here (Chinese line-breaking rules) into the lines its cell
prints, so pagination knows each row's height. No ReportLab here: the caller
passes the font's character-width function.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from perfdesk.domain.goals import numbered_goals
from perfdesk.domain.model import TASK_AMOUNTS, Form
from perfdesk.domain.money import format_amount
from perfdesk.report.grid import ALIGN_CENTER, ALIGN_LEFT, ALIGN_RIGHT, Cell, Columns, Metrics, Row, Span
from perfdesk.report.linebreak import wrap_text

CONTINUED = "（续）"
LABEL_DEPARTMENT = "部门（单位）名称"
LABEL_TASKS = "年度主要任务"
LABEL_GOALS = "年度总体目标"
LABEL_INDICATORS = "年度绩效指标"
TASK_HEADERS = ("任务名称", "主要内容", "预算金额（万元）", "总额", "财政拨款", "其他资金")
INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "指标值")
TOTAL_LABEL = "金额合计"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str | None) -> str:
    """Printable text: unified line ends, tabs as spaces, no control characters."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text).strip()


def goal_lines_text(form: Form) -> list[str]:
    """``目标1：…`` per non-empty goal (a number the clerk typed is not doubled)."""
    return numbered_goals(clean_text(goal.text) for goal in form.goals)


class RowBuilder:
    def __init__(self, columns: Columns, metrics: Metrics, char_width: Callable[[str], float]) -> None:
        self.columns = columns
        self.metrics = metrics
        self.char_width = char_width

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

    # -- the four blocks -------------------------------------------------------

    def department(self, form: Form) -> list[Row]:
        cols = self.columns
        split = cols.task_edges[1]
        return [
            Row(
                [
                    self.cell(LABEL_DEPARTMENT, cols.x0, split, ALIGN_CENTER, bold=True),
                    self.cell(form.department, split, cols.x1),
                ]
            )
        ]

    def tasks(self, form: Form) -> list[Row]:
        e = self.columns.task_edges
        block = self.block_label(LABEL_TASKS)
        name = self.span(TASK_HEADERS[0], e[0], e[1], continued=False, bold=True)
        content = self.span(TASK_HEADERS[1], e[1], e[2], continued=False, bold=True)
        top = Row(
            [self.cell(TASK_HEADERS[2], e[2], e[5], ALIGN_CENTER, bold=True)],
            [block, name, content],
            is_header=True,
            splittable=False,
            keep_with_next=True,
        )
        parts = Row(
            [self.cell(TASK_HEADERS[3 + k], e[2 + k], e[3 + k], ALIGN_CENTER, bold=True) for k in range(3)],
            [block, name, content],
            is_header=True,
            splittable=False,
            keep_with_next=True,
        )
        header = [top, parts]
        rows = [top, parts]
        for task in form.tasks:
            amounts = [task.amount_text(key) for key in TASK_AMOUNTS]
            rows.append(
                Row(
                    [self.cell(task.name, e[0], e[1]), self.cell(task.content, e[1], e[2])]
                    + [self.cell(a, e[2 + k], e[3 + k], ALIGN_RIGHT) for k, a in enumerate(amounts)],
                    [block],
                    header=header,
                )
            )
        sums = form.sums()
        rows.append(
            Row(
                [self.cell(TOTAL_LABEL, e[0], e[1], ALIGN_CENTER, bold=True), self.cell("", e[1], e[2])]
                + [self.cell(format_amount(a), e[2 + k], e[3 + k], ALIGN_RIGHT) for k, a in enumerate(sums)],
                [block],
                header=header,
            )
        )
        return rows

    def goals(self, form: Form) -> list[Row]:
        cols = self.columns
        lines: list[str] = []
        for text in goal_lines_text(form):
            lines.extend(self.wrap(text, cols.inner_x0, cols.x1))
        cell = Cell(cols.inner_x0, cols.x1, lines or [""], ALIGN_LEFT)
        return [Row([cell], [self.block_label(LABEL_GOALS)])]

    def indicators(self, form: Form) -> list[Row]:
        e = self.columns.indicator_edges
        block = self.block_label(LABEL_INDICATORS)
        header = Row(
            [self.cell(title, e[k], e[k + 1], ALIGN_CENTER, bold=True) for k, title in enumerate(INDICATOR_HEADERS)],
            [block],
            is_header=True,
            splittable=False,
            keep_with_next=True,
        )
        rows = [header]
        for level1 in form.tree:
            groups = [level2 for level2 in level1.children if level2.indicators]
            if not groups:
                continue
            span1 = self.span(level1.name, e[0], e[1])
            for level2 in groups:
                span2 = self.span(level2.name, e[1], e[2])
                for indicator in level2.indicators:
                    rows.append(
                        Row(
                            [
                                self.cell(indicator.name, e[2], e[3]),
                                self.cell(indicator.parsed.canonical, e[3], e[4], ALIGN_CENTER),
                            ],
                            [block, span1, span2],
                            header=[header],
                        )
                    )
        if len(rows) == 1:  # nothing filled in yet: one empty row to write on
            rows.append(Row([Cell(e[k], e[k + 1], [""]) for k in range(4)], [block], header=[header]))
        return rows


def build_rows(form: Form, columns: Columns, metrics: Metrics, char_width: Callable[[str], float]) -> list[Row]:
    builder = RowBuilder(columns, metrics, char_width)
    return builder.department(form) + builder.tasks(form) + builder.goals(form) + builder.indicators(form)
