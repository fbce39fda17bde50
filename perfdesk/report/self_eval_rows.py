"""The 绩效自评表 as printed rows (财预〔2020〕10号 附件, FORM-SPEC-WAVE2 §2.1): nine columns,
A4 landscape, every computed figure (执行率, 得分, 总分, 等级) filled in from ``domain.self_eval``.

    项目名称 | 主管部门 · 实施单位
    项目资金（万元）: 年初预算数 | 全年预算数（A）| 全年执行数（B）| 分值 | 执行率（B/A）| 得分
    年度总体目标: 预期目标 | 实际完成情况
    绩效指标: 一级 | 二级 | 三级 | 年度指标值（A）| 实际完成值（B）| 分值 | 得分 | 偏差原因分析及改进措施
    总分 | 100 | 总分 | 自评等级
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.domain import self_eval as se
from perfdesk.domain.forms import Block
from perfdesk.domain.model import Form, Indicator
from perfdesk.domain.money import format_amount, read_amount
from perfdesk.domain.scoring.numbers import show
from perfdesk.report.grid import ALIGN_CENTER, ALIGN_LEFT, ALIGN_RIGHT, Cell, Row
from perfdesk.report.rows import RowBuilder, clean_text

DASH = "—"
_FUND_HEADINGS = ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")


def _money(text: str) -> str:
    amount, words = read_amount(text or "")
    return words if words is not None else format_amount(amount)


class SelfEvalRowBuilder(RowBuilder):
    """Rows of a self-evaluation; the grid's nine columns come from the indicator block's widths."""

    def rows(self, form: Form) -> list[Row]:
        self.scored = se.score_form(form)
        grid = self.template.block("indicators")
        assert grid is not None  # the self_evaluation kind declares it
        self.grid = grid
        self.printed = tuple(c for c in grid.columns if c.printed)
        self.e = self.edges([lv.width for lv in grid.levels] + [c.width for c in self.printed])
        rows = self.head(form)
        for block in self.template.blocks:
            if block.type == "funds":
                rows += self.funds(form, block)
            elif block.type == "money_table":
                rows += self.tasks(form, block)
            elif block.type == "goal_list":
                rows += self.goal_rows(form, block)
            elif block.type == "indicator_grid":
                rows += self.indicators(form, block)
        rows.append(self.total_row())
        return rows

    def head(self, form: Form) -> list[Row]:
        cols, e = self.columns, self.e
        department = self.template.field("department")
        if department is not None:
            pairs = [(department.label, form.department)]
        else:
            pairs = [(f.label, form.fields.get(f.key, "")) for f in self.template.extra_fields if f.printed]
        rows = []
        if pairs and pairs[0][0] == "项目名称":
            label, text = pairs.pop(0)
            rows.append(Row([self.cell(label, cols.x0, e[1], ALIGN_CENTER, True), self.cell(text, e[1], cols.x1)]))
        for k in range(0, len(pairs), 2):  # two fields a row: 主管部门 | 实施单位
            (l1, t1), *rest = pairs[k:k + 2]
            cells = [self.cell(l1, cols.x0, e[1], ALIGN_CENTER, True)]
            if rest:
                l2, t2 = rest[0]
                cells += [self.cell(t1, e[1], e[4]), self.cell(l2, e[4], e[5], ALIGN_CENTER, True),
                          self.cell(t2, e[5], cols.x1)]
            else:
                cells.append(self.cell(t1, e[1], cols.x1))
            rows.append(Row(cells))
        return rows

    def funds(self, form: Form, block: Block) -> list[Row]:
        e = self.e
        label = self.block_label(block.label)
        header = Row([self.cell("", e[0], e[2])] + [self.cell(text, e[2 + k], e[3 + k], ALIGN_CENTER, True)
                                                     for k, text in enumerate(_FUND_HEADINGS)],
                     [label], is_header=True, splittable=False, keep_with_next=True)
        rows = [header]
        budget = self.scored.budget
        for row in se.FUND_ROWS:
            caption = se.FUND_ROW_LABELS[row]
            caption = f"其中：{caption}" if row == "fiscal" else caption
            amounts = [_money(form.funds.get(f"{row}.{column}", "")) for column in se.FUND_COLUMNS]
            if row == "total":
                weight = show(budget.weight) if budget is not None else ""
                rate = budget.rate_text if budget is not None and budget.rate is not None else ""
                score = format_amount(budget.score) if budget is not None and budget.score is not None else ""
                tail = [weight, rate, score]
            else:
                tail = [DASH, DASH, DASH]
            cells = [self.cell(caption, e[0], e[2], ALIGN_LEFT if row != "total" else ALIGN_CENTER, row == "total")]
            cells += [self.cell(a, e[2 + k], e[3 + k], ALIGN_RIGHT) for k, a in enumerate(amounts)]
            cells += [self.cell(t, e[5 + k], e[6 + k], ALIGN_CENTER) for k, t in enumerate(tail)]
            rows.append(Row(cells, [label], header=[header]))
        return rows

    def goal_rows(self, form: Form, block: Block) -> list[Row]:
        e, cols = self.e, self.columns
        label = self.block_label(block.label)
        heads = Row([self.cell("预期目标", e[0], e[4], ALIGN_CENTER, True),
                     self.cell("实际完成情况", e[4], cols.x1, ALIGN_CENTER, True)],
                    [label], is_header=True, splittable=False, keep_with_next=True)
        expected: list[str] = []
        for text in self.template.numbered_goals([clean_text(g.text) for g in form.goals]):
            expected.extend(self.wrap(text, e[0], e[4]))
        actual = self.cell(form.fields.get(se.GOAL_ACTUAL_FIELD, ""), e[4], cols.x1)
        return [heads, Row([Cell(e[0], e[4], expected or [""], ALIGN_LEFT), actual], [label], header=[heads])]

    def level1_text(self, name: str) -> str:
        group = self.scored.profile.group_of(name)
        if group is None or not self.scored.profile.weights_in_labels:
            return name
        return f"{name}({show(group.weight)}分)"

    def _indicator_cells(self, indicator: Indicator, columns: tuple, e: list[float]) -> list[Cell]:
        score = self.scored.rows.get(indicator.id)
        cells = [self.cell(indicator.name, e[2], e[3])]
        for k, column in enumerate(columns):
            if column.key == "value":
                text, align = indicator.parsed.canonical, ALIGN_CENTER
            elif column.key == se.SCORE:
                text = "" if score is None or score.score is None else format_amount(score.score)
                if indicator.extras.get(se.NOT_APPLICABLE) == se.YES:
                    text = "不适用"
                align = ALIGN_CENTER
            elif column.key == se.WEIGHT:
                weight = indicator.extras.get(se.WEIGHT, "")
                amount, words = read_amount(weight)
                shown = show(amount) if amount is not None else ""
                text, align = (words if words is not None else shown), ALIGN_CENTER
            else:
                text, align = indicator.extras.get(column.key, ""), ALIGN_LEFT
            cells.append(self.cell(text, e[3 + k], e[4 + k], align))
        return cells

    def weights_total(self) -> Decimal:
        """The 分值 the table adds up to (100 when the weights are right; 审核 says when not)."""
        rows = sum((r.weight for r in self.scored.rows.values() if r.weight is not None), Decimal(0))
        return rows + (self.scored.budget.weight if self.scored.budget is not None else Decimal(0))

    def total_row(self) -> Row:
        e, cols = self.e, self.columns
        total = self.scored.total
        at = [k for k, c in enumerate(self.printed) if c.key == se.WEIGHT]
        w = 3 + (at[0] if at else 2)
        grade = f"自评等级：{total.grade}" if total.grade else ""
        if total.rescaled:
            grade += f"（{total.explanation}）"
        scored = any(r.score is not None for r in self.scored.rows.values()) or (
            self.scored.budget is not None and self.scored.budget.score is not None)
        if not scored:  # a blank table printed to fill by hand: no 0.00 and 差 on it
            grade = ""
        return Row([
            self.cell("总分", cols.x0, e[w], ALIGN_CENTER, True),
            self.cell(show(self.weights_total()), e[w], e[w + 1], ALIGN_CENTER, True),
            self.cell(format_amount(total.total) if scored else "", e[w + 1], e[w + 2], ALIGN_CENTER, True),
            self.cell(grade, e[w + 2], cols.x1, ALIGN_LEFT),
        ], splittable=False)
