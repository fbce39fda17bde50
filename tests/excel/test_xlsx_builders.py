"""Builders for the workbooks the Excel tests read: real-world template shapes and bad files.

Everything is made here with openpyxl and zipfile, so no binary fixtures are committed.
(The module name starts with ``test_`` only to follow the folder's naming rule; it
holds builders and a few checks of the builders themselves.)
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def put(ws: Worksheet, ref: str, value: object, merge_to: str | None = None) -> None:
    """A cell as a clerk would have typed it; ``"=9"`` is text here (use ``formula`` for formulas)."""
    ws[ref] = value
    if isinstance(value, str) and value.startswith("="):
        ws[ref].data_type = "s"
    if merge_to:
        ws.merge_cells(f"{ref}:{merge_to}")


def formula(ws: Worksheet, ref: str, text: str) -> None:
    ws[ref] = text


def add_cached_values(path: Path, values: dict[str, dict[str, str]]) -> None:
    """Give formula cells a saved result, as Excel/WPS do on save (openpyxl cannot).

    ``values``: sheet part name (``sheet1``) -> {cell: result text}.
    """
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    for sheet, cells in values.items():
        name = f"xl/worksheets/{sheet}.xml"
        xml = parts[name].decode("utf-8")
        for ref, result in cells.items():
            pattern = re.compile(rf'(<c r="{ref}"[^>]*>)<f>(.*?)</f><v\s*/>|(<c r="{ref}"[^>]*>)<f>(.*?)</f><v></v>')
            match = pattern.search(xml)
            assert match, f"no formula at {ref}"
            head = match.group(1) or match.group(3)
            formula = match.group(2) or match.group(4)
            xml = xml[: match.start()] + f"{head}<f>{formula}</f><v>{result}</v>" + xml[match.end() :]
        parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def province_workbook(path: Path) -> Path:
    """A 新疆-style template filled in by hand, with most of the real-world quirks at once.

    Extra title rows and a 附件 line; labels with spaces, newlines and half-width
    brackets; a blank spacer column inside the merged 主要内容; amounts as text with
    thousands separators and full-width digits; a blank template task row; a wrong
    合计; goals in one cell; 一级/二级 repeated on every row; a 计量单位 column and
    an extra 指标解释 column; legacy names; people fields and a note at the end.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "整体目标表"
    put(ws, "A1", "附件3")
    put(ws, "A2", "部门（单位）整体支出绩效目标表", "I2")
    put(ws, "A3", "（ 2022年度 ）", "I3")
    put(ws, "A4", "填报单位（盖章）：")
    put(ws, "H4", "金额单位：万元")
    put(ws, "A5", "部 门（单位）\n名 称", "B5")
    put(ws, "C5", "  巴州财政局  ", "I5")
    put(ws, "A6", "年度\n主要\n任务", "A12")
    put(ws, "B6", "任务 名称", "B7")
    put(ws, "C6", "主要内容", "F7")  # D..F: spacer columns inside the merge
    put(ws, "G6", "预算金额(万元)", "I6")
    put(ws, "G7", "总 额")
    put(ws, "H7", "财政\n拨款")
    put(ws, "I7", "其他资金")
    put(ws, "B8", "人员保障")
    put(ws, "C8", "用于保障本单位在职人员工资。", "F8")
    put(ws, "G8", "1,663.73")
    put(ws, "H8", "1,663.73")
    put(ws, "I8", 0)
    put(ws, "B9", "运转保障")
    put(ws, "C9", "用于机关运行费。", "F9")
    put(ws, "G9", "１１４．４０")
    put(ws, "H9", 114.4)
    put(ws, "I9", "-")
    put(ws, "B10", "专项业务")
    put(ws, "C10", "促进就业。", "F10")
    put(ws, "G10", 622)
    put(ws, "H10", 600)
    put(ws, "I10", 22)
    ws.merge_cells("C11:F11")  # an empty template row
    put(ws, "B12", "合 计")
    put(ws, "G12", 2400.13)  # wrong: the tasks add up to 2400.13? no — 1663.73 + 114.40 + 622 = 2400.13
    put(ws, "H12", 2300)  # wrong: 1663.73 + 114.4 + 600 = 2378.13
    put(ws, "I12", 22)
    put(ws, "A13", "年度总体\n目标")
    put(ws, "B13", "目标1：坚持把稳就业保就业作为工作主线。\n目标2：社会保障体系更加完善。", "I13")
    put(ws, "A14", "年度绩效指标", "A24")
    put(ws, "B14", "一级指标")
    put(ws, "C14", "二级指标")
    put(ws, "D14", "三级指标", "E14")
    put(ws, "F14", "指标值")
    put(ws, "G14", "计量\n单位")
    put(ws, "H14", "指标解释", "I14")
    rows = [
        ("产出指标", "数量指标", "保障在职人员数量", "≥109", "人", "在职人数"),
        ("产出指标", "数量指标", "保障公务用车数量", "=9", "辆", ""),
        ("产出指标", "数量指标", "供暖面积", "7,851.03", "平方米", ""),
        ("产出指标", "质量指标", "工资发放准确率", 100, "%", ""),
        ("产出指标", "质量指标", "业务运转经费保障率", "＞＝９０", "%", ""),
        ("产出指标", "进度指标", "设备采购完成时间", dt.datetime(2022, 11, 30), "", ""),
        ("产出指标", "成本指标", "人均运转经费", "<=1.05", "万元", ""),
        ("效益指标", "社会效益指标", "就业形势", "基本稳定", "—", ""),
        ("效益指标", "环境效益指标", "办公能耗下降率", ">=5%", "%", ""),
        ("满意度指标", "社会公众或服务对象满意度指标", "服务对象满意度", "≥ 90", "%", ""),
    ]
    for offset, (level1, level2, name, value, unit, note) in enumerate(rows):
        row = 15 + offset
        put(ws, f"B{row}", level1)
        put(ws, f"C{row}", level2)
        put(ws, f"D{row}", name, f"E{row}")
        put(ws, f"F{row}", value)
        if unit:
            put(ws, f"G{row}", unit)
        if note:
            put(ws, f"H{row}", note, f"I{row}")
    put(ws, "A26", "填报人：张三", "C26")
    put(ws, "D26", "联系电话：")
    put(ws, "E26", "0996-2023456")
    put(ws, "G26", "填报日期：  年  月  日", "I26")
    put(ws, "A27", "填报说明：1. 指标值应与计量单位分列填写。", "I27")
    wb.save(path)
    return path


def test_province_builder_makes_a_workbook(tmp_path):
    path = province_workbook(tmp_path / "p.xlsx")
    assert zipfile.is_zipfile(path)


def seed_workbook(path: Path, seed: dict) -> Path:
    """The published 2022 table (tests/fixtures/seed_000.txt) typed into a workbook as the PDF shows it.

    ASCII brackets in ``(2022年)``; 一级 written only on the first row of its group
    (not merged); 二级 repeated on every row; goals in one cell as ``目标1: …``.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    put(ws, "A1", "部门（单位）整体支出绩效目标表", "G1")
    put(ws, "A2", f"({seed['year']}年)", "G2")
    put(ws, "A3", "部门（单位）名称", "B3")
    put(ws, "C3", seed["department"], "G3")
    put(ws, "B4", "任务名称", "B5")
    put(ws, "C4", "主要内容", "D5")
    put(ws, "E4", "预算金额（万元）", "G4")
    put(ws, "E5", "总额")
    put(ws, "F5", "财政拨款")
    put(ws, "G5", "其他资金")
    row = 6
    for name, content, total, fiscal, other in seed["tasks"]:
        put(ws, f"B{row}", name or None)
        put(ws, f"C{row}", content, f"D{row}")
        for column, amount in zip("EFG", (total, fiscal, other)):
            put(ws, f"{column}{row}", float(amount) if "." in amount else int(amount))
        row += 1
    put(ws, "A4", "年度主要任务", f"A{row - 1}")
    put(ws, f"A{row}", "年度总体目标")
    put(ws, f"B{row}", " ".join(f"目标{i}: {goal}" for i, goal in enumerate(seed["goals"], 1)), f"G{row}")
    row += 1
    header = row
    for column, label in zip("BCDE", ("一级指标", "二级指标", "三级指标", "指标值")):
        put(ws, f"{column}{row}", label)
    ws.merge_cells(f"E{row}:G{row}")
    previous = None
    for level1, level2, name, value in seed["indicators"]:
        row += 1
        if level1 != previous:
            put(ws, f"B{row}", level1)
            previous = level1
        put(ws, f"C{row}", level2)
        put(ws, f"D{row}", name)
        put(ws, f"E{row}", value, f"G{row}")
    put(ws, f"A{header}", "年度绩效指标", f"A{row}")
    wb.save(path)
    return path


def minimal_workbook(path: Path) -> Path:
    """A 湖南-like sheet: amounts in 元, a 运算符号 column, labels inline, no 合计 row.

    The department is written as ``部门(单位)名称：巴州民政局`` in one cell; the year
    only in the title ``2023年部门整体支出绩效目标表``; goals one per row, numbered;
    一级 and 二级 written on the first row of each group only.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "民政"
    put(ws, "A1", "2023年部门整体支出绩效目标表", "H1")
    put(ws, "A2", "部门(单位)名称：巴州民政局", "H2")
    put(ws, "A3", "任务名称")
    put(ws, "B3", "主要内容", "C3")
    put(ws, "D3", "预算金额（元）", "F3")
    put(ws, "D4", "总额")
    put(ws, "E4", "财政拨款")
    put(ws, "F4", "其他资金")
    put(ws, "A5", "低保救助")
    put(ws, "B5", "发放城乡低保金。", "C5")
    put(ws, "D5", 12345678)
    put(ws, "E5", 12345678)
    put(ws, "F5", 0)
    put(ws, "A6", "养老服务")
    put(ws, "B6", "养老机构运营补贴。", "C6")
    put(ws, "D6", "1,000,000.50")
    put(ws, "E6", "1000000.5")
    put(ws, "A7", "总体目标", "A9")
    put(ws, "B7", "1.保障困难群众基本生活。", "H7")
    put(ws, "B8", "2.提升养老服务水平。", "H8")
    put(ws, "B9", "3.规范社会组织管理。", "H9")
    put(ws, "A10", "一级指标")
    put(ws, "B10", "二级指标")
    put(ws, "C10", "三级指标")
    put(ws, "D10", "指标值类型")
    put(ws, "E10", "运算符号")
    put(ws, "F10", "指标值")
    put(ws, "G10", "计量单位")
    put(ws, "H10", "评（扣）分标准")
    rows = [
        ("产出指标", "数量指标", "低保对象人数", "定量", "≥", "5000", "人", "完成得满分"),
        (None, None, "养老床位数", "定量", "大于等于", 1200, "张", ""),
        (None, "时效指标", "资金发放及时率", "定量", "＝", "100", "%", ""),
        ("效益指标", "社会效益指标", "困难群众生活水平", "定性", "", "有效提升", "", ""),
        ("满意度指标", "满意度指标", "受助群众满意度", "定量", ">=", "90", "%", ""),
    ]
    for offset, (level1, level2, name, kind, comparator, value, unit, rule) in enumerate(rows):
        row = 11 + offset
        for column, cell_value in zip("ABCDEFGH", (level1, level2, name, kind, comparator, value, unit, rule)):
            if cell_value not in (None, ""):
                put(ws, f"{column}{row}", cell_value)
    wb.save(path)
    return path


def simple_sheet(ws: Worksheet, department: str, title_line: str | None, indicator: tuple[str, str, str, str]) -> None:
    if title_line:
        put(ws, "A1", title_line)
    put(ws, "A2", "部门（单位）名称")
    put(ws, "B2", department)
    put(ws, "A3", "任务名称")
    put(ws, "B3", "主要内容")
    put(ws, "C3", "总额")
    put(ws, "D3", "财政拨款")
    put(ws, "E3", "其他资金")
    put(ws, "A4", "日常运转")
    put(ws, "B4", "机关运行。")
    put(ws, "C4", 10.5)
    put(ws, "D4", 10.5)
    put(ws, "E4", 0)
    put(ws, "A5", "金额合计")
    put(ws, "C5", 10.5)
    put(ws, "A6", "年度总体目标")
    put(ws, "B6", "目标1：保障运转。")
    for column, label in zip("ABCD", ("一级指标", "二级指标", "三级指标", "指标值")):
        put(ws, f"{column}7", label)
    for column, value in zip("ABCD", indicator):
        put(ws, f"{column}8", value)


def multi_sheet_workbook(path: Path) -> Path:
    """Several departments, one sheet each, plus a notes sheet and a hidden old sheet."""
    wb = Workbook()
    notes = wb.active
    notes.title = "填报说明"
    put(notes, "A1", "填报说明：请各单位按要求填写，金额单位为万元。")
    first = wb.create_sheet("2024年 巴州教育局")
    simple_sheet(first, "巴州教育局", None, ("产出指标", "数量指标", "培训教师人数", "≥300人"))
    second = wb.create_sheet("卫健委")
    simple_sheet(
        second,
        "巴州卫健委",
        "部门（单位）整体支出绩效目标表（2024年）",
        ("满意度指标", "服务对象满意度指标", "患者满意度", "≥90%"),
    )
    hidden = wb.create_sheet("旧表")
    simple_sheet(hidden, "旧单位", "（2019年）", ("产出指标", "数量指标", "旧指标", "1个"))
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def formulas_workbook(path: Path, cached: bool) -> Path:
    """Totals as formulas (=财政拨款+其他资金), a percent-formatted number and a real date."""
    wb = Workbook()
    ws = wb.active
    ws.title = "公式"
    simple_sheet(ws, "巴州审计局", "（2025年）", ("产出指标", "质量指标", "审计覆盖率", ""))
    formula(ws, "C4", "=D4+E4")
    formula(ws, "C5", "=SUM(C4:C4)")
    ws["D8"] = 0.95
    ws["D8"].number_format = "0%"
    put(ws, "A9", "产出指标")
    put(ws, "B9", "时效指标")
    put(ws, "C9", "审计报告完成时间")
    ws["D9"] = dt.datetime(2025, 12, 31)
    wb.save(path)
    if cached:
        add_cached_values(path, {"sheet1": {"C4": "10.5", "C5": "10.5"}})
    return path
