"""绩效自评表 workbooks as others write them (not perfdesk's export): built with openpyxl.

``chizhou_workbook``: the 一体化 export of FORM-SPEC-WAVE2 §4 #1 (池州 棠溪镇 委托业务项目) with its
defects: the 年度资金总额 row all 0 while 其中：本年财政拨款 holds the money, ``≥100百分比``, 定性
actuals 达成预期指标, 一级 labels with ``(50分)``, an empty trailing 经济效益指标 row, no (A)/(B).
``clean_workbook``: a correct one with （A）/（B） captions, （50分） labels and typed scores that agree
with the rules (``scores`` overrides a row's typed 得分 by its 三级 name).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from test_xlsx_builders import put

GRID = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")


def _head(ws: Worksheet, title: str, year: str, name: str, dept: str, unit: str) -> None:
    put(ws, "A1", title, "I1")
    put(ws, "A2", year, "I2")
    put(ws, "A3", "项目名称")
    put(ws, "B3", name, "I3")
    put(ws, "A4", "主管部门")
    put(ws, "B4", dept, "E4")
    put(ws, "F4", "实施单位")
    put(ws, "G4", unit, "I4")


def _funds(ws: Worksheet, captions: tuple[str, ...], rows: list[tuple[str, tuple[object, ...]]]) -> None:
    put(ws, "A5", "项目资金（万元）", "A9")
    put(ws, "B5", None, "C5")
    for column, caption in zip("DEFGHI", captions):
        put(ws, f"{column}5", caption)
    for n, (label, values) in enumerate(rows, start=6):
        put(ws, f"B{n}", label, f"C{n}")
        for column, value in zip("DEFGHI", values):
            if value is not None:
                put(ws, f"{column}{n}", value)


def _goals(ws: Worksheet, expected: str, actual: str) -> None:
    put(ws, "A10", "年度总体目标", "A11")
    put(ws, "B10", "预期目标", "E10")
    put(ws, "F10", "实际完成情况", "I10")
    put(ws, "B11", expected, "E11")
    put(ws, "F11", actual, "I11")


def _grid(ws: Worksheet, captions: tuple[str, ...], groups: list[tuple[str, list[tuple[object, ...]]]],
          total: tuple[object, object]) -> int:
    for column, caption in zip("BCDEFGHI", captions):
        put(ws, f"{column}12", caption)
    row = 13
    for level1, rows in groups:
        first = row
        for values in rows:
            for column, value in zip("CDEFGHI", values):
                if value is not None:
                    put(ws, f"{column}{row}", value)
            row += 1
        put(ws, f"B{first}", level1, f"B{row - 1}" if row - 1 > first else None)
    put(ws, "A12", "绩效指标", f"A{row - 1}")
    put(ws, f"A{row}", "总分", f"F{row}")
    put(ws, f"G{row}", total[0])
    put(ws, f"H{row}", total[1])
    return row


def chizhou_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "委托业务项目"
    _head(ws, "项目支出绩效自评表", "（2022年度）", "委托业务项目", "池州市贵池区棠溪镇人民政府", "棠溪镇财政所")
    _funds(ws, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), [
        ("年度资金总额", (0, 0, 0, 10, 0, 0)),
        ("其中：本年财政拨款", (90, 89.974, 89.974, None, None, None)),
        ("上年结转资金", (None, None, None)),
        ("其他资金", (None, None, None)),
    ])
    ws["H6"].number_format = "0.00%"
    _goals(ws, "完成镇政府委托的各项业务，保障机构正常运转。", "全年完成委托业务 50 个，运转正常。")
    row = _grid(ws, GRID, [
        ("产出指标(50分)", [
            ("数量指标", "委托业务数量", "≥50个", 50, 20, 20, None),
            ("质量指标", "业务完成合格率", "≥100百分比", 100, 10, 10, None),
            ("时效指标", "完成及时性", "及时", "达成预期指标", 10, 10, None),
            ("成本指标", "委托业务成本", "≤90万元", 90, 10, 10, None),
        ]),
        ("效益指标(30分)", [
            ("社会效益指标", "服务群众能力", "有效提升", "达成预期指标", 30, 30, None),
            ("经济效益指标", None, None, None, None, None, None),  # the empty trailing row
        ]),
        ("满意度指标(10分)", [
            ("服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10, None),
        ]),
    ], (100, 100))
    put(ws, f"A{row + 1}", "填报人：王某某", "D" + str(row + 1))
    put(ws, f"E{row + 1}", "联系电话：0566-1234567", f"I{row + 1}")
    wb.save(path)
    return path


CLEAN_SCORES = {"培训人次": 19, "培训合格率": 15, "人均培训成本": 15, "就业能力": 30, "参训人员满意度": 10}


def clean_workbook(path: Path, scores: dict[str, object] | None = None, total: object = 98.5) -> Path:
    typed = {**CLEAN_SCORES, **(scores or {})}
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    _head(ws, "项目支出绩效自评表", "（2024年度）", "职业技能提升培训", "某县人力资源和社会保障局", "某县就业服务中心")
    _funds(ws, ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"), [
        ("年度资金总额", (100, 100, 95, 10, 0.95, 9.5)),
        ("其中：当年财政拨款", (80, 80, 76, "—", "—", "—")),
        ("上年结转资金", (20, 20, 19, "—", "—", "—")),
        ("其他资金", (None, None, None, "—", "—", "—")),
    ])
    ws["H6"].number_format = "0.00%"
    ws["D6"].number_format = ws["E6"].number_format = ws["F6"].number_format = "0.00"
    _goals(ws, "目标1：全年培训 1000 人次。\n目标2：培训合格率不低于 95%。", "全年培训 950 人次，合格率 96%。")
    captions = ("一级指标", "二级指标", "三级指标", "年度指标值（A）", "实际完成值（B）", "分值", "得分",
                "偏差原因分析及改进措施")
    _grid(ws, captions, [
        ("产出指标（50分）", [
            ("数量指标", "培训人次", "≥1000人次", "950人次", 20, typed["培训人次"], "报名人数不足，明年提前宣传"),
            ("质量指标", "培训合格率", "≥95%", "96%", 15, typed["培训合格率"], None),
            ("成本指标", "人均培训成本", "≤800元", "760元", 15, typed["人均培训成本"], None),
        ]),
        ("效益指标（30分）", [
            ("社会效益指标", "就业能力", "明显提升", "达成年度指标：结业学员就业率 85%", 30, typed["就业能力"], None),
        ]),
        ("满意度指标（10分）", [
            ("服务对象满意度指标", "参训人员满意度", "≥90%", "92%", 10, typed["参训人员满意度"], None),
        ]),
    ], (100, total))
    wb.save(path)
    return path
