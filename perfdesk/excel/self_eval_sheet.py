"""A 绩效自评表 written as one worksheet in the nine-column 10号 layout, its figures as formulas.

执行率, the 得分 of every quantitative row the rules compute, 总分 and 等级 are Excel formulas over
the sheet's own 分值 cells (with the row's target and actual written into the formula), so a
reviewer can see and re-check each figure and Excel, WPS or LibreOffice compute the same total
perfdesk shows. Rows the rules do not compute (定性, a lowered over-achieved row, 不适用, a row
without a number) carry their value. Rounding is Excel's ROUND: half away from zero, as perfdesk.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from perfdesk.domain import self_eval as se
from perfdesk.domain.forms import template_of
from perfdesk.domain.model import Form, Indicator
from perfdesk.domain.money import decimal_places, read_amount
from perfdesk.domain.scoring import rows as r
from perfdesk.domain.scoring.rows import RowScore
from perfdesk.excel import layout
from perfdesk.excel.embed import put_text
from perfdesk.excel.styles import StyleBook

# A: label | B 一级 | C 二级 | D 三级 | E 年度指标值 | F 实际完成值 | G 分值 | H 得分 | I 偏差原因
WIDTHS = (7, 11, 12, 22, 14, 16, 8, 9, 40)
NCOL = len(WIDTHS)
_FUND_HEADINGS = ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")


def _number(text: str) -> Decimal | None:
    amount, _words = read_amount(text or "")
    return amount


def _n(value: Decimal) -> str:
    """A number inside a formula, exactly as stored."""
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


class SelfEvalSheetWriter:
    def __init__(self, ws: Any, form: Form, styles: StyleBook) -> None:
        self.ws, self.form, self.styles = ws, form, styles
        self.template = template_of(form)
        self.scored = se.score_form(form)
        self.row = 1
        self.score_cells: list[str] = []
        self.weight_cells: list[str] = []  # of the rows that count (not 不适用)
        self.all_weight_cells: list[str] = []  # every 分值, 不适用 rows included: the 总分 row's 分值

    # --- primitives -----------------------------------------------------------------

    def put(self, row: int, col: int, value: Any, role: str, places: int = 2) -> Any:
        cell = self.ws.cell(row, col)
        if isinstance(value, str) and value and not value.startswith("="):
            put_text(cell, layout_clean(value))
        elif value is not None and value != "":
            cell.value = value
        self.styles.apply(cell, role, places)
        return cell

    def block(self, row: int, c1: int, c2: int, value: Any, role: str, rows: int = 1) -> Any:
        cell = self.put(row, c1, value, role)
        for rr in range(row, row + rows):
            for cc in range(c1, c2 + 1):
                if (rr, cc) != (row, c1):
                    self.styles.apply(self.ws.cell(rr, cc), role)
        if (c1, rows) != (c2, 1):
            self.ws.merge_cells(start_row=row, start_column=c1, end_row=row + rows - 1, end_column=c2)
        if isinstance(value, str) and rows == 1:
            width = sum(WIDTHS[c1 - 1:c2])
            self._height(row, layout.height_for(layout.estimate_lines(value, width)))
        return cell

    def _height(self, row: int, points: float) -> None:
        current = self.ws.row_dimensions[row].height or 0
        self.ws.row_dimensions[row].height = max(current, points)

    # --- the sheet -----------------------------------------------------------------

    def write(self) -> None:
        for col, width in enumerate(WIDTHS, start=1):
            self.ws.column_dimensions[get_column_letter(col)].width = width
        title, subtitle = self.template.heading(self.form.year)
        self.block(1, 1, NCOL, title, "title")
        self.ws.row_dimensions[1].height = 28
        self.block(2, 1, NCOL, subtitle, "subtitle")
        self.row = 3
        self.header()
        for block in self.template.blocks:
            if block.type == "funds":
                self.funds(block.label)
            elif block.type == "goal_list":
                self.goals(block.label)
            elif block.type == "indicator_grid":
                self.indicators(block.label)
        self.total()
        ws = self.ws
        ws.page_setup.orientation = self.template.orientation
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0

    def header(self) -> None:
        form = self.form
        department = self.template.field("department")
        pairs = ([(department.label, form.department)] if department is not None else
                 [(f.label, form.fields.get(f.key, "")) for f in self.template.extra_fields if f.printed])
        if pairs and pairs[0][0] == "项目名称":
            self.block(self.row, 1, 2, pairs[0][0], "header")
            self.block(self.row, 3, NCOL, pairs.pop(0)[1], "left")
            self.row += 1
        for k in range(0, len(pairs), 2):
            (l1, t1), *rest = pairs[k:k + 2]
            self.block(self.row, 1, 2, l1, "header")
            if rest:
                self.block(self.row, 3, 5, t1, "left")
                self.block(self.row, 6, 6, rest[0][0], "header")
                self.block(self.row, 7, NCOL, rest[0][1], "left")
            else:
                self.block(self.row, 3, NCOL, t1, "left")
            self.row += 1

    def funds(self, label: str) -> None:
        top = self.row
        self.block(top, 2, 3, "", "header")
        for k, text in enumerate(_FUND_HEADINGS):
            self.block(top, 4 + k, 4 + k, text, "header")
        form = self.form
        for i, fund_row in enumerate(se.FUND_ROWS, start=1):
            row = top + i
            caption = se.FUND_ROW_LABELS[fund_row]
            self.block(row, 2, 3, f"其中：{caption}" if fund_row == "fiscal" else caption,
                       "header" if fund_row == "total" else "left")
            for k, column in enumerate(se.FUND_COLUMNS):
                text = form.funds.get(f"{fund_row}.{column}", "")
                amount, words = read_amount(text)
                value: Any = words if words is not None else amount
                self.put(row, 4 + k, value, "amount", decimal_places(amount) if amount is not None else 2)
            if fund_row == "total":
                a, b, w = f"E{row}", f"F{row}", f"G{row}"
                budget = self.scored.budget
                self.put(row, 7, budget.weight if budget is not None else None, "center")
                self.put(row, 8, f'=IF(N({a})=0,"",{b}/{a})', "center").number_format = "0.00%"
                self.put(row, 9, f'=IF(N({a})=0,"",ROUND(MIN({b}/{a},1)*{w},2))', "center").number_format = "0.00"
                self.score_cells.append(f"I{row}")
                self.weight_cells.append(w)
                self.all_weight_cells.append(w)
            else:
                for col in (7, 8, 9):
                    self.put(row, col, "—", "center")
        self.block(top, 1, 1, _two_per_line(label), "header", rows=len(se.FUND_ROWS) + 1)
        self.row = top + len(se.FUND_ROWS) + 1

    def goals(self, label: str) -> None:
        top = self.row
        self.block(top, 2, 5, "预期目标", "header")
        self.block(top, 6, NCOL, "实际完成情况", "header")
        expected = "\n".join(self.template.numbered_goals([g.text for g in self.form.goals]))
        self.block(top + 1, 2, 5, expected, "left")
        self.block(top + 1, 6, NCOL, self.form.fields.get(se.GOAL_ACTUAL_FIELD, ""), "left")
        self.block(top, 1, 1, _two_per_line(label), "header", rows=2)
        self.row = top + 2

    def indicators(self, label: str) -> None:
        top = self.row
        grid = self.template.block("indicators")
        assert grid is not None
        printed = [c.label for c in grid.columns if c.printed]
        for k, text in enumerate([lv.label for lv in grid.levels] + printed):
            self.block(top, 2 + k, 2 + k, text, "header")
        row = top + 1
        profile = self.scored.profile
        for level1 in self.form.tree:
            first1 = row
            for level2 in level1.children:
                if not level2.indicators:
                    continue
                first2 = row
                for indicator in level2.indicators:
                    self.indicator_row(row, indicator)
                    row += 1
                self.block(first2, 3, 3, level2.name, "center", rows=row - first2)
            if row > first1:
                group = profile.group_of(level1.name)
                name = f"{level1.name}({_n(group.weight)}分)" if group and profile.weights_in_labels else level1.name
                self.block(first1, 2, 2, name, "center", rows=row - first1)
        self.block(top, 1, 1, _two_per_line(label), "header", rows=max(row - top, 1))
        self.row = max(row, top + 1)

    def indicator_row(self, row: int, indicator: Indicator) -> None:
        extras = indicator.extras
        score = self.scored.rows[indicator.id]
        self.block(row, 4, 4, indicator.name, "left")
        self.put(row, 5, indicator.parsed.canonical, "center")
        self.block(row, 6, 6, extras.get(se.ACTUAL, ""), "center")
        weight = _number(extras.get(se.WEIGHT, ""))
        self.put(row, 7, weight if weight is not None else extras.get(se.WEIGHT, ""), "center")
        self.block(row, 9, 9, extras.get(se.DEVIATION, ""), "left")
        self.all_weight_cells.append(f"G{row}")
        if score.method == r.NOT_APPLICABLE:
            self.put(row, 8, "不适用", "center")
            return
        self.put(row, 8, self.score_formula(indicator, score, f"G{row}"), "center").number_format = "0.00"
        self.score_cells.append(f"H{row}")
        self.weight_cells.append(f"G{row}")

    def score_formula(self, indicator: Indicator, score: RowScore, w: str) -> Any:
        """The row's 得分: a formula where the rules compute it from numbers, else its value."""
        if score.score is None:
            return None
        if score.computed is None or score.score != score.computed or score.flags & {r.NOT_NUMERIC, r.BAD_TARGET}:
            return score.score  # 定性 (typed), a lowered over-achieved row, words as actual
        target = indicator.parsed
        actual = _parse(indicator.extras.get(se.ACTUAL, ""))
        if score.method == r.DATE or target.number is None or actual is None:
            return score.score  # day counts: the explanation beside the row says how
        t, a = target.number, max(actual, Decimal(0))
        if t == 0:
            return score.score
        tt, aa = _n(t), _n(a)
        if score.method == r.REVERSE:
            if self.scored.profile.reverse_mode == "ratio":
                return f"=IF({aa}<={tt},{w},ROUND({tt}/{aa}*{w},2))"
            return f"=IF({aa}<={tt},{w},ROUND(MAX(0,1-({aa}-{tt})/{tt})*{w},2))"
        return f"=ROUND(MIN({aa}/{tt},1)*{w},2)"

    def total(self) -> None:
        row = self.row
        total = self.scored.total
        scores = ",".join(self.score_cells) or "0"
        weights = ",".join(self.weight_cells) or "0"
        self.block(row, 1, 6, "总分", "header")
        self.put(row, 7, f"=SUM({','.join(self.all_weight_cells) or '0'})", "header")
        if total.rescaled:  # 不适用 rows: the rest rescaled to 100
            formula = f"=ROUND(SUM({scores})/SUM({weights})*100,2)"
        else:
            formula = f"=ROUND(SUM({scores}),2)"
        self.put(row, 8, formula, "header").number_format = "0.00"
        grades = [(bound, name) for bound, name in self.scored.profile.grades]
        if grades and self.scored.profile.grading:
            expression = f'"{grades[-1][1]}"'
            for bound, name in reversed(grades[:-1]):
                expression = f'IF(H{row}>={_n(bound)},"{name}",{expression})'
            self.put(row, 9, f'="自评等级："&{expression}', "left")
        self._height(row, 20)
        self.total_row = row


def _parse(text: str) -> Decimal | None:
    from perfdesk.domain.model import cached_parse

    value = cached_parse(text)
    return value.number


def _two_per_line(text: str) -> str:
    return "\n".join(text[i:i + 2] for i in range(0, len(text), 2))


def layout_clean(text: str) -> str:
    from perfdesk.excel.form_sheet import clean

    return clean(text)
