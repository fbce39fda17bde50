"""The 绩效自评表 in Excel: the computed figures are formulas a reviewer can check, and they
compute the same 执行率, 得分, 总分 and 等级 as perfdesk."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import openpyxl

from perfdesk.domain import self_eval
from perfdesk.domain.model import Project
from perfdesk.excel.export import export_project_xlsx
from tests.self_eval_forms import filled, training_project


class Sheet:
    """Evaluates the small formula language the export writes (ROUND, MIN, MAX, IF, SUM, N, &)."""

    def __init__(self, ws) -> None:
        self.ws = ws

    def value(self, ref: str):
        raw = self.ws[ref].value
        if isinstance(raw, str) and raw.startswith("="):
            return self.evaluate(raw[1:])
        if isinstance(raw, (int, float)):
            return Decimal(str(raw))
        return raw

    def evaluate(self, formula: str):
        text = re.sub(r'(?<![<>!=])=(?!=)', "==", formula).replace("&", "+")
        text = re.sub(r"\b([A-Z]{1,2}\d+)\b", r'v("\1")', text)
        text = re.sub(r"(?<![\w\"])(\d+(?:\.\d+)?)", r'D("\1")', text)
        text = text.replace("IF(", "if_(").replace("ROUND(", "round_(").replace("SUM(", "sum_(")
        text = text.replace("MIN(", "min(").replace("MAX(", "max(").replace("N(", "n_(")

        def round_(x, places):
            return x.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)

        names = {"v": self.value, "D": Decimal, "if_": lambda c, a, b: a if c else b, "round_": round_,
                 "sum_": lambda *xs: sum((x for x in xs if isinstance(x, Decimal)), Decimal(0)),
                 "n_": lambda x: x if isinstance(x, Decimal) else Decimal(0)}
        return eval(text, names)  # noqa: S307 - our own export's formulas, in a test


def _export(tmp_path, mode=""):
    project = training_project()
    form = filled(project, reasons=True)
    form.reverse_mode = mode
    path = tmp_path / "自评.xlsx"
    export_project_xlsx(project, path)
    wb = openpyxl.load_workbook(path)
    return form, wb[wb.sheetnames[1]]


def _find(ws, text):
    return next(c for row in ws.iter_rows() for c in row if c.value == text)


def test_formulas_recompute_the_worked_example_to_92_00_and_优(tmp_path):
    form, ws = _export(tmp_path)
    sheet = Sheet(ws)
    total = _find(ws, "总分").row
    assert ws[f"H{total}"].value.startswith("=ROUND(SUM(")
    assert sheet.value(f"H{total}") == Decimal("92.00")
    assert sheet.value(f"I{total}") == "自评等级：优"
    budget_row = _find(ws, "年度资金总额").row
    assert ws[f"H{budget_row}"].value.startswith("=") and sheet.value(f"I{budget_row}") == Decimal("9.50")
    formulas = {}
    for row in ws.iter_rows(min_row=budget_row + 1, max_row=total - 1):
        name, score = row[3].value, row[7].value
        if isinstance(score, str) and score.startswith("="):
            formulas[name] = sheet.value(f"H{row[0].row}")
    # the quantitative rows are formulas; 定性 and date rows carry their value
    assert formulas == {"培训人次": Decimal("14.25"), "培训合格率": Decimal("10.00"),
                        "人均培训成本": Decimal("9.00"), "参训人员满意度": Decimal("10.00")}
    assert "950/1000" in _find(ws, "培训人次").offset(column=4).value
    assert self_eval.score_form(form).total.total == Decimal("92.00")


def test_ratio_mode_formulas_give_92_11(tmp_path):
    _, ws = _export(tmp_path, "ratio")
    total = _find(ws, "总分").row
    assert Sheet(ws).value(f"H{total}") == Decimal("92.11")


def test_a_not_applicable_row_is_rescaled_in_the_formula_too(tmp_path):
    project = training_project()
    form = filled(project, reasons=True)
    row = next(r for _, _, r in form.iter_indicators() if r.name == "参训人员满意度")
    row.extras = {**row.extras, "not_applicable": "是"}
    path = tmp_path / "na.xlsx"
    export_project_xlsx(Project(project.forms), path)
    ws = openpyxl.load_workbook(path).worksheets[1]
    total = _find(ws, "总分").row
    assert Sheet(ws).value(f"H{total}") == self_eval.score_form(form).total.total
    assert "不适用" in [c.value for c in ws[_find(ws, "参训人员满意度").row]]


def test_the_total_row_shows_the_weights_as_they_add_up_and_the_sheet_is_named_for_the_project(tmp_path):
    project = training_project()
    project.forms[0].tree[2].children[0].indicators.clear()  # no 满意度 row: its 10 points go nowhere
    project.forms.append(self_eval.generate(project.forms[0]))
    path = tmp_path / "w.xlsx"
    export_project_xlsx(project, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[1] == "某培训项目 自评"
    ws = wb.worksheets[1]
    total = _find(ws, "总分").row
    assert Sheet(ws).value(f"G{total}") == Decimal(90)  # not a printed 100 the rows do not add up to
