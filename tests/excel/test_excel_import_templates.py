"""Templates in the shapes finance bureaus hand out, filled in by hand, read by their labels."""

from __future__ import annotations

from decimal import Decimal

import pytest
from seedparse import read_seed
from test_xlsx_builders import (
    formulas_workbook,
    minimal_workbook,
    multi_sheet_workbook,
    province_workbook,
    seed_workbook,
)

from perfdesk.domain.framework import get_framework, map_legacy_level2
from perfdesk.domain.values import parse_value
from perfdesk.excel import import_xlsx


def _indicators(form):
    return [(a.name, b.name, i.name, i.value) for a, b, i in form.iter_indicators()]


def _has(notes, *parts):
    return any(all(part in note for part in parts) for note in notes)


def test_the_published_seed_table_imports_completely(tmp_path):
    seed = read_seed()
    result = import_xlsx(seed_workbook(tmp_path / "seed.xlsx", seed))
    form = result.project.forms[0]
    assert (form.department, form.year) == (seed["department"], seed["year"])
    assert [(t.name, t.content, str(t.total), str(t.fiscal), str(t.other)) for t in form.tasks] == [
        (n, c, a, b, o) for n, c, a, b, o in seed["tasks"]
    ]
    assert [g.text for g in form.goals] == seed["goals"]
    framework = get_framework("2015")
    expected = [(a, map_legacy_level2(a, b, framework), n, v) for a, b, n, v in seed["indicators"]]
    assert _indicators(form) == expected
    assert all(parse_value(value).raw == value for *_, value in expected)  # kept as typed
    assert _has(result.notes, "“满意度指标”→“服务对象满意度指标”")


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    return import_xlsx(province_workbook(tmp_path_factory.mktemp("p") / "p.xlsx"))


def test_province_header_and_year(province):
    form = province.project.forms[0]
    assert form.department == "巴州财政局"
    assert form.year == 2022
    assert form.framework == "2015"


def test_province_tasks_skip_the_blank_row_and_keep_exact_amounts(province):
    tasks = province.project.forms[0].tasks
    assert [(t.name, t.total, t.fiscal, t.other) for t in tasks] == [
        ("人员保障", Decimal("1663.73"), Decimal("1663.73"), Decimal(0)),
        ("运转保障", Decimal("114.40"), Decimal("114.4"), None),
        ("专项业务", Decimal(622), Decimal(600), Decimal(22)),
    ]
    assert str(tasks[1].total) == "114.40"  # typed text keeps its scale
    assert tasks[0].content == "用于保障本单位在职人员工资。"


def test_province_wrong_total_is_reported(province):
    assert _has(province.notes, "⚠ 金额合计（第 12 行）", "财政拨款：表中 2300.00，各任务相加为 2378.13")
    assert not _has(province.notes, "总额：表中")


def test_province_goals(province):
    assert [g.text for g in province.project.forms[0].goals] == [
        "坚持把稳就业保就业作为工作主线。",
        "社会保障体系更加完善。",
    ]


def test_province_indicators_values_units_and_legacy_names(province):
    form = province.project.forms[0]
    assert _indicators(form) == [
        ("产出指标", "数量指标", "保障在职人员数量", "≥109人"),
        ("产出指标", "数量指标", "保障公务用车数量", "=9辆"),
        ("产出指标", "数量指标", "供暖面积", "7,851.03平方米"),
        ("产出指标", "质量指标", "工资发放准确率", "100%"),
        ("产出指标", "质量指标", "业务运转经费保障率", "＞＝９０%"),
        ("产出指标", "时效指标", "设备采购完成时间", "2022年11月30日"),
        ("产出指标", "成本指标", "人均运转经费", "<=1.05万元"),
        ("效益指标", "社会效益指标", "就业形势", "基本稳定"),
        ("效益指标", "生态效益指标", "办公能耗下降率", ">=5%"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥ 90%"),
    ]
    first = next(i for _, _, i in form.iter_indicators())
    assert first.extras == {"指标解释": "在职人数"}
    assert parse_value("＞＝９０%").canonical == "≥90%"
    for old, new in (
        ("进度指标", "时效指标"),
        ("环境效益指标", "生态效益指标"),
        ("社会公众或服务对象满意度指标", "服务对象满意度指标"),
    ):
        assert _has(province.notes, f"“{old}”→“{new}”")
    assert _has(province.notes, "指标值与计量单位合并 7 处")


def test_province_people_and_notes_are_not_indicators(province):
    people = province.project.forms[0].people
    assert (people.preparer, people.phone, people.fill_date, people.filler_unit) == ("张三", "0996-2023456", "", "")
    assert _has(province.notes, "签字栏：填报人、联系电话")


def test_inline_labels_yuan_comparator_column_and_blank_group_cells(tmp_path):
    result = import_xlsx(minimal_workbook(tmp_path / "m.xlsx"))
    form = result.project.forms[0]
    assert (form.department, form.year) == ("巴州民政局", 2023)
    assert [(t.name, t.total, t.fiscal, t.other) for t in form.tasks] == [
        ("低保救助", Decimal("1234.5678"), Decimal("1234.5678"), Decimal(0)),
        ("养老服务", Decimal("100.00005"), Decimal("100.00005"), None),
    ]
    assert _has(result.notes, "金额单位为“元”")
    assert _has(result.notes, "没有找到“金额合计”行")
    assert [g.text for g in form.goals] == ["保障困难群众基本生活。", "提升养老服务水平。", "规范社会组织管理。"]
    assert [(a, b, n, v) for a, b, n, v in _indicators(form)] == [
        ("产出指标", "数量指标", "低保对象人数", "≥5000人"),
        ("产出指标", "数量指标", "养老床位数", "≥1200张"),
        # A separate 运算符号 cell is joined by perfdesk, in the grammar's own symbols (＝ and >= become = and ≥).
        ("产出指标", "时效指标", "资金发放及时率", "=100%"),
        ("效益指标", "社会效益指标", "困难群众生活水平", "有效提升"),
        ("满意度指标", "服务对象满意度指标", "受助群众满意度", "≥90%"),
    ]
    first = next(i for _, _, i in form.iter_indicators())
    assert first.extras == {"指标值类型": "定量", "评（扣）分标准": "完成得满分"}


def test_several_departments_one_form_each(tmp_path):
    result = import_xlsx(multi_sheet_workbook(tmp_path / "multi.xlsx"))
    forms = result.project.forms
    assert [(f.department, f.year) for f in forms] == [("巴州教育局", 2024), ("巴州卫健委", 2024)]
    assert _indicators(forms[1]) == [("满意度指标", "服务对象满意度指标", "患者满意度", "≥90%")]
    assert _has(result.notes, "工作表“填报说明”", "已跳过")
    assert _has(result.notes, "工作表“旧表”", "隐藏", "已跳过")
    assert _has(result.notes, "2024（取自工作表名）")


def test_formulas_with_saved_results_percent_cells_and_dates(tmp_path):
    result = import_xlsx(formulas_workbook(tmp_path / "f.xlsx", cached=True))
    form = result.project.forms[0]
    assert form.tasks[0].total == Decimal("10.5")
    assert _indicators(form) == [
        ("产出指标", "质量指标", "审计覆盖率", "95%"),
        ("产出指标", "时效指标", "审计报告完成时间", "2025年12月31日"),
    ]
    assert _has(result.notes, "金额合计（第 5 行）与各任务金额之和一致")


def test_2021_framework_is_recognised(tmp_path):
    from openpyxl import Workbook
    from test_xlsx_builders import put, simple_sheet

    wb = Workbook()
    simple_sheet(wb.active, "巴州水利局", "（2023年）", ("成本指标", "经济成本指标", "工程造价", "≤500万元"))
    put(wb.active, "A9", "产出指标")
    put(wb.active, "B9", "进度指标")
    put(wb.active, "C9", "完工时间")
    put(wb.active, "D9", "2023年10月")
    wb.save(tmp_path / "w.xlsx")
    form = import_xlsx(tmp_path / "w.xlsx").project.forms[0]
    assert form.framework == "2021"
    assert _indicators(form)[1] == ("产出指标", "时效指标", "完工时间", "2023年10月")


def test_blank_level1_is_inferred_and_unknown_groups_are_flagged(tmp_path):
    from openpyxl import Workbook
    from test_xlsx_builders import put, simple_sheet

    wb = Workbook()
    simple_sheet(wb.active, "巴州交通局", "（2023年）", ("", "时效指标", "工程完工时间", "2023年10月底"))
    put(wb.active, "A9", "产出指标")
    put(wb.active, "B9", "安全指标")
    put(wb.active, "C9", "安全事故数")
    put(wb.active, "D9", "=0起")
    wb.save(tmp_path / "t.xlsx")
    result = import_xlsx(tmp_path / "t.xlsx")
    assert _indicators(result.project.forms[0]) == [
        ("产出指标", "时效指标", "工程完工时间", "2023年10月底"),
        ("产出指标", "安全指标", "安全事故数", "=0起"),
    ]
    assert _has(result.notes, "按二级指标推定", "“时效指标”→“产出指标”")
    assert _has(result.notes, "⚠ 不在", "产出指标›安全指标")


def test_our_export_without_its_hidden_data_keeps_people_and_province_columns(tmp_path):
    import openpyxl
    from test_excel_roundtrip import tricky_project

    from perfdesk.excel import export_project_xlsx
    from perfdesk.excel.embed import DATA_SHEET

    path = tmp_path / "t.xlsx"
    export_project_xlsx(tricky_project(), path)
    wb = openpyxl.load_workbook(path)
    del wb[DATA_SHEET]
    wb.save(path)
    form = import_xlsx(path).project.forms[0]
    people = form.people
    assert (people.filler_unit, people.unit_head, people.finance_head) == ("巴州财政局", "李四", "王五")
    assert (people.preparer, people.phone, people.fill_date) == ("张三", "0996-1234567", "2023年3月1日")
    cost = next(i for _, _, i in form.iter_indicators() if i.name == "运转成本")
    assert cost.extras == {"指标解释": "说明"} and cost.value == "≤1000万元"
    # Like the PDF, the sheet prints no 二级/一级 without a 三级: without the hidden data such
    # empty groups are not on the sheet (they held nothing a clerk typed).
    assert [l1.name for l1 in form.tree] == ["产出指标", "成本指标", "满意度指标"]
    assert [l2.name for l2 in form.tree[0].children] == ["数量指标"]
