"""Workbooks shaped like what bureaus and the 预算管理一体化 system actually send (issue 18).

Built with openpyxl the way the originals are: merged cells, numbers stored as numbers
with their display formats, text comparators, labels with ``*`` and full-width brackets.
No binary fixtures are committed.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from test_xlsx_builders import put

_SPLIT = re.compile(r"^(>=|<=|≥|≤|=|>|<)?(\d+(?:\.\d+)?)(.*)$")
_FULL_WIDTH = {"=": "＝", ">=": "≧", "≥": "≧", "<=": "≦", "≤": "≦"}


def split_value(value: str) -> tuple[str, object, str, str]:
    """``(comparator, number or text, unit, number format)`` of a seed 指标值, as the 一体化 export splits it."""
    match = _SPLIT.match(value)
    if not match or "年" in value:
        return "", value, "", "General"
    comparator, number, unit = match.groups()
    if "." in number:
        decimals = len(number.split(".")[1])
        return comparator or "", float(number), unit, "0." + "0" * decimals
    return comparator or "", int(number), unit, "General"


def yth_split_workbook(path: Path, seed: dict, comparator_header: str = "计算符号", full_width: bool = False) -> Path:
    """The seed table with 指标值 split into ``计算符号 | 指标值 | 计量单位`` (numbers as numbers)."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"{seed['year']}年绩效目标"
    put(ws, "A1", "部门（单位）整体支出绩效目标表", "I1")
    put(ws, "A2", f"（{seed['year']}年度）", "I2")
    put(ws, "A3", "*部门（单位）名称", "B3")
    put(ws, "C3", seed["department"], "I3")
    put(ws, "A4", "年度主要任务", f"A{5 + len(seed['tasks'])}")
    put(ws, "B4", "任务名称")
    put(ws, "C4", "主要内容", "F4")
    put(ws, "G4", "总额")
    put(ws, "H4", "财政拨款")
    put(ws, "I4", "其他资金")
    row = 5
    for name, content, total, fiscal, other in seed["tasks"]:
        put(ws, f"B{row}", name or None)
        put(ws, f"C{row}", content, f"F{row}")
        for column, amount in zip("GHI", (total, fiscal, other)):
            put(ws, f"{column}{row}", amount)
        row += 1
    put(ws, f"B{row}", "金额合计")
    row += 1
    put(ws, f"A{row}", "年度总体目标")
    put(ws, f"B{row}", "\n".join(f"目标{i}：{goal}" for i, goal in enumerate(seed["goals"], 1)), f"I{row}")
    row += 1
    header = row
    for column, label in zip("BCDEFG", ("一级指标", "二级指标", "三级指标", comparator_header, "指标值", "计量单位")):
        put(ws, f"{column}{row}", label)
    for level1, level2, name, value in seed["indicators"]:
        row += 1
        comparator, number, unit, fmt = split_value(value)
        if full_width:
            comparator = _FULL_WIDTH.get(comparator, comparator)
        put(ws, f"B{row}", level1)
        put(ws, f"C{row}", level2)
        put(ws, f"D{row}", name)
        put(ws, f"E{row}", comparator or None)
        put(ws, f"F{row}", number)
        ws[f"F{row}"].number_format = fmt
        put(ws, f"G{row}", unit or None)
    put(ws, f"A{header}", "年度绩效指标", f"A{row}")
    wb.save(path)
    return path


HUNAN_ROWS = [
    ("产出指标", "数量指标", "培训人次", "定量", "≥1000", "人次", "全年培训人次", "未达到按比例扣分"),
    ("产出指标", "质量指标", "培训合格率", "定量", 100, "%", "合格人数/参训人数", "每低1%扣0.5分"),
    ("产出指标", "时效指标", "资金拨付及时率", "定量", "=100", "%", "及时拨付资金占比", "未及时拨付不得分"),
    ("效益指标", "社会效益指标", "技能水平", "定性", "有效提升", None, "参训人员技能提升", "视情况扣分"),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度", "定量", 90, "%", "问卷调查", "每低1%扣1分"),
]


def hunan_workbook(path: Path) -> Path:
    """A 湖南 年度整体绩效目标表: *labels, 职责, no task block, nine indicator columns, 100 + % split."""
    wb = Workbook()
    ws = wb.active
    ws.title = "整体绩效目标"
    put(ws, "A1", "2023年度整体绩效目标表", "J1")
    put(ws, "A2", "*部门（单位）名称", "B2")
    put(ws, "C2", "湖南省某某局", "J2")
    put(ws, "A3", "*部门（单位）职责", "B3")
    put(ws, "C3", "负责全省职业技能培训的组织实施。", "J3")
    put(ws, "A4", "*年度总体绩效目标", "B4")
    put(ws, "C4", "完成职业技能培训1000人次，合格率100%。", "J4")
    labels = ("一级指标", "二级指标", "三级指标", "*指标值类型", "*指标值", "计量单位", "*指标解释：",
              "*评（扣）分标准", "备注")
    for column, label in zip("BCDEFGHIJ", labels):
        put(ws, f"{column}5", label)
    row = 5
    for values in HUNAN_ROWS:
        row += 1
        for column, value in zip("BCDEFGHI", values):
            if value is not None:
                put(ws, f"{column}{row}", value)
    row += 1
    put(ws, f"E{row}", "定量")  # a template row left with its default 指标值类型 only
    put(ws, "A5", "年度绩效指标", f"A{row}")
    wb.save(path)
    return path


def hubei_workbook(path: Path, with_indicators: bool) -> Path:
    """A 湖北 申报表: people in the header rows, a 部门总体资金情况 block, the year only in 填报日期."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    put(ws, "A1", "部门整体支出绩效目标申报表", "F1")
    put(ws, "A2", "部门名称", "B2")
    put(ws, "C2", "湖北省某某厅", "F2")
    put(ws, "A3", "填报人")
    put(ws, "B3", "李四")
    put(ws, "C3", "联系电话")
    put(ws, "D3", "027-87654321")
    put(ws, "E3", "填报日期")
    put(ws, "F3", "2023年3月1日")
    put(ws, "A4", "部门总体资金情况", "A7")
    put(ws, "B4", "收入构成")
    put(ws, "C4", "金额（万元）")
    put(ws, "D4", "支出构成")
    put(ws, "E4", "金额（万元）")
    put(ws, "F4", "占比")
    put(ws, "B5", "财政拨款")
    put(ws, "C5", 1200.5)
    put(ws, "D5", "基本支出")
    put(ws, "E5", 800)
    put(ws, "F5", "66.6%")
    put(ws, "B6", "其他收入")
    put(ws, "C6", 100)
    put(ws, "D6", "项目支出")
    put(ws, "E6", 500.5)
    put(ws, "F6", "33.4%")
    put(ws, "A8", "年度总体目标")
    put(ws, "B8", "目标1：履行部门职责，保障机构运转。", "F8")
    if with_indicators:
        for column, label in zip("BCDE", ("一级指标", "二级指标", "三级指标", "指标值")):
            put(ws, f"{column}9", label)
        put(ws, "B10", "产出指标")
        put(ws, "C10", "数量指标")
        put(ws, "D10", "保障人员数")
        put(ws, "E10", "≥50人")
        put(ws, "A9", "年度绩效指标", "A10")
    wb.save(path)
    return path


def project_workbook(path: Path, with_level3: bool = True) -> Path:
    """A 项目支出绩效目标表 in the 88号 附1 grid (中期 and 年度 sides)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目目标"
    put(ws, "A1", "项目支出绩效目标申报表", "H1")
    put(ws, "A2", "（2024年度）", "H2")
    put(ws, "A3", "项目名称")
    put(ws, "B3", "职业技能提升培训", "H3")
    put(ws, "A4", "主管部门及代码")
    put(ws, "B4", "某某局（201）", "D4")
    put(ws, "E4", "实施单位")
    put(ws, "F4", "某某培训中心", "H4")
    put(ws, "A5", "项目资金（万元）", "A7")
    put(ws, "B5", "中期资金总额：")
    put(ws, "C5", 300)
    put(ws, "E5", "年度资金总额：")
    put(ws, "G5", 100)
    put(ws, "A8", "总体目标", "A9")
    put(ws, "B8", "中期目标（2024年—2026年）", "E8")
    put(ws, "F8", "年度目标", "H8")
    put(ws, "B9", "目标1：三年培训3000人次。", "E9")
    put(ws, "F9", "目标1：全年培训1000人次。", "H9")
    labels = ["一级指标", "二级指标", "三级指标" if with_level3 else "指标内容", "指标值"]
    labels += ["二级指标", "三级指标" if with_level3 else "指标内容", "指标值"]
    for column, label in zip("BCDEFGH", labels):
        put(ws, f"{column}10", label)
    put(ws, "B11", "产出指标")
    put(ws, "C11", "数量指标")
    put(ws, "D11", "培训人次")
    put(ws, "E11", "≥3000人次")
    put(ws, "F11", "数量指标")
    put(ws, "G11", "培训人次")
    put(ws, "H11", "≥1000人次")
    put(ws, "A10", "绩效指标", "A11")
    wb.save(path)
    return path


def self_eval_workbook(path: Path) -> Path:
    """A 项目支出绩效自评表 as the 一体化 system exports it (一级 labels with their points)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    put(ws, "A1", "项目支出绩效自评表", "I1")
    put(ws, "A2", "（2023年度）", "I2")
    put(ws, "A3", "项目名称")
    put(ws, "B3", "职业技能提升培训", "I3")
    labels = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    for column, label in zip("BCDEFGHI", labels):
        put(ws, f"{column}4", label)
    put(ws, "B5", "产出指标（50分）")
    put(ws, "C5", "数量指标")
    put(ws, "D5", "培训人次")
    put(ws, "E5", "≥1000人次")
    put(ws, "F5", "950人次")
    put(ws, "G5", 50)
    put(ws, "H5", 47.5)
    put(ws, "I5", "报名人数不足")
    put(ws, "B6", "总分", "F6")
    put(ws, "G6", 100)
    put(ws, "H6", 97.5)
    put(ws, "B7", "……")
    put(ws, "A4", "绩效指标", "A7")
    wb.save(path)
    return path
