"""项目支出绩效目标表 workbooks as others write them (not perfdesk's export): built with openpyxl.

``mof88_workbook``: the 88号 附1 grid shifted one column right, spaced and colon-ended labels,
merged cells, 年度 side printed left of the 中期 side under captions, blank rows, ★ core names.
``bingtuan_workbook``: the 一体化 (兵团 / 上海) print-out: amounts in 元, ``其中:财政资金`` spellings,
a 项目类别 field no template has, goals right of their captions, a blank column in the grid.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from test_xlsx_builders import put


def mof88_sheet(ws: Worksheet) -> None:
    put(ws, "B1", "附1")
    put(ws, "B2", "项目支出绩效目标申报表", "I2")
    put(ws, "B3", "（ 2025 年度）", "I3")
    # row 4 left blank, as many templates do
    put(ws, "B5", "项 目 名 称")
    put(ws, "C5", "乡村道路养护", "I5")
    put(ws, "B6", "主管部门及代码：")
    put(ws, "C6", "某县交通运输局（305）", "E6")
    put(ws, "F6", "实施单位：")
    put(ws, "G6", "某县公路养护站", "I6")
    put(ws, "B7", "项目属性")
    put(ws, "C7", "新增项目", "E7")
    put(ws, "F7", "项目期")
    put(ws, "G7", "2025年-2027年", "I7")
    put(ws, "B8", "项目资金\n（万元）", "B10")
    put(ws, "C8", "中期资金总额：", "D8")
    put(ws, "E8", 900)
    put(ws, "F8", "年度资金总额：", "G8")
    put(ws, "H8", 300, "I8")
    put(ws, "C9", "其中：财政拨款", "D9")
    put(ws, "E9", 800)
    put(ws, "F9", "其中：财政拨款", "G9")
    put(ws, "H9", 280, "I9")
    put(ws, "C10", "其他资金", "D10")
    put(ws, "E10", 100)
    put(ws, "F10", "其他资金", "G10")
    put(ws, "H10", "20（自筹）", "I10")  # words: kept as typed
    put(ws, "B11", "总\n体\n目\n标", "B12")
    put(ws, "C11", "中期目标（2025年—2027年）", "F11")
    put(ws, "G11", "年度目标", "I11")
    put(ws, "C12", "目标1：三年养护农村公路600公里。\n目标2：优良路率达到80%。", "F12")
    put(ws, "G12", "目标1：全年养护农村公路200公里。", "I12")
    put(ws, "B13", "绩\n效\n指\n标", "B22")
    put(ws, "C13", "一级指标", "C14")
    put(ws, "D13", "年度指标", "F13")  # 年度 printed first, as some systems do
    put(ws, "G13", "中期指标", "I13")
    for column, label in zip("DEFGHI", ("二级指标", "三级指标", "指标值") * 2):
        put(ws, f"{column}14", label)
    put(ws, "C15", "产出指标", "C18")
    put(ws, "D15", "数量指标", "D16")
    put(ws, "E15", "★养护里程")
    put(ws, "F15", "≥200公里")
    put(ws, "E16", "桥涵检查座数")
    put(ws, "F16", "≥30座")
    put(ws, "D17", "质量指标")
    put(ws, "E17", "优良路率")
    put(ws, "F17", "≥80%")
    put(ws, "G15", "数量指标")
    put(ws, "H15", "★养护里程")
    put(ws, "I15", "≥600公里")
    put(ws, "G16", "质量指标")
    put(ws, "H16", "优良路率")
    put(ws, "I16", "≥80%")
    # row 19 left blank inside the grid
    put(ws, "C20", "效益指标", "C21")
    put(ws, "D20", "社会效益指标")
    put(ws, "E20", "群众出行条件")
    put(ws, "F20", "明显改善")
    put(ws, "G20", "社会效益指标")
    put(ws, "H20", "群众出行条件")
    put(ws, "I20", "持续改善")
    put(ws, "C22", "满意度指标")
    put(ws, "D22", "服务对象满意度指标")
    put(ws, "E22", "沿线群众满意度")
    put(ws, "F22", "≥90%")
    put(ws, "B24", "填报人：李四")
    put(ws, "E24", "联系电话：0991-1234567")


def bingtuan_sheet(ws: Worksheet) -> None:
    put(ws, "A1", "2026年度项目支出绩效目标表", "G1")
    put(ws, "F2", "单位：元")
    put(ws, "A3", "项目名称")
    put(ws, "B3", "职工技能培训补助", "G3")
    put(ws, "A4", "主管部门")
    put(ws, "B4", "219-某师人力资源和社会保障局", "C4")
    put(ws, "D4", "实施单位")
    put(ws, "E4", "某师职业技能培训中心", "G4")
    put(ws, "A5", "项目负责人及电话：")
    put(ws, "B5", "赵六 0996-7654321", "C5")
    put(ws, "D5", "项目性质")
    put(ws, "E5", "一次性项目", "G5")
    put(ws, "A6", "计划开始日期")
    put(ws, "B6", dt.datetime(2026, 1, 1), "C6")
    put(ws, "D6", "计划完成日期")
    put(ws, "E6", dt.datetime(2026, 12, 31), "G6")
    put(ws, "A7", "项目类别")
    put(ws, "B7", "特定目标类", "G7")  # no template has it: listed, never dropped
    put(ws, "A8", "项目资金 (元)", "A10")
    put(ws, "B8", "项目资金总额")
    put(ws, "C8", "1,234,567.89")
    put(ws, "D8", "其中:财政资金")
    put(ws, "E8", 1000000, "G8")
    put(ws, "B9", "年度资金申请总额")
    put(ws, "C9", 500000)
    put(ws, "D9", "其中:当年财政拨款")
    put(ws, "E9", 400000.5, "G9")
    put(ws, "B10", "上年结转资金")
    put(ws, "C10", 49999.5)
    put(ws, "D10", "其他资金")
    put(ws, "E10", 50000, "G10")
    put(ws, "A11", "项目绩效目标", "A12")
    put(ws, "B11", "项目总目标")
    put(ws, "C11", "1、培训职工3000人次；\n2、取证率达到70%。", "G11")
    put(ws, "B12", "年度总体目标")
    put(ws, "C12", "培训职工1000人次，取证率达到70%。", "G12")
    put(ws, "A13", "一级指标")
    put(ws, "B13", "二级指标")
    put(ws, "C13", "三级指标", "D13")
    # column E left blank
    put(ws, "F13", "年度指标值", "G13")
    rows = [
        ("产出指标", "数量指标", "★培训人次", "≥1000人次"),
        ("产出指标", "质量指标", "取证率", "≥70%"),
        ("产出指标", "成本指标", "人均培训补助", "≤1500元"),
        ("效益指标", "社会效益指标", "就业能力", "有效提升"),
        ("满意度指标", "服务对象满意度指标", "参训职工满意度", "≥90%"),
    ]
    for row, (level1, level2, name, value) in enumerate(rows, start=14):
        put(ws, f"A{row}", level1)
        put(ws, f"B{row}", level2)
        put(ws, f"C{row}", name, f"D{row}")
        put(ws, f"F{row}", value, f"G{row}")


def mof88_workbook(path: Path) -> Path:
    wb = Workbook()
    mof88_sheet(wb.active)
    wb.active.title = "乡村道路养护"
    wb.save(path)
    return path


def bingtuan_workbook(path: Path) -> Path:
    wb = Workbook()
    bingtuan_sheet(wb.active)
    wb.active.title = "项目1"
    wb.save(path)
    return path


def self_evaluation_workbook(path: Path) -> Path:
    """A project's 绩效自评表 with project header labels but no 自评 in its title."""
    wb = Workbook()
    ws = wb.active
    put(ws, "A1", "2025年度项目绩效评价表", "H1")
    put(ws, "A2", "项目名称")
    put(ws, "B2", "乡村道路养护", "H2")
    put(ws, "A3", "主管部门")
    put(ws, "B3", "某县交通运输局", "H3")
    for column, label in zip("ABCDEFGH", ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                                           "得分", "偏差原因分析及改进措施")):
        put(ws, f"{column}4", label)
    for column, value in zip("ABCDEFG", ("产出指标", "数量指标", "养护里程", "≥200公里", "210公里", 20, 20)):
        put(ws, f"{column}5", value)
    wb.save(path)
    return path
