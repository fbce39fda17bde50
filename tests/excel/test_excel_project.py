"""Issue 16 item 5: 项目支出绩效目标表 through Excel — the official grid out, project forms back in."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from project_workbooks import bingtuan_sheet, bingtuan_workbook, mof88_sheet, mof88_workbook, self_evaluation_workbook

from perfdesk.domain import jsonform
from perfdesk.domain.model import Form, Project, new_form
from perfdesk.excel import export_project_xlsx, import_xlsx
from perfdesk.excel.embed import DATA_SHEET
from perfdesk.excel.read_project import yuan_to_wan

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from project_forms import mof_project, yth_project  # noqa: E402


def _has(notes: list[str], *parts: str) -> bool:
    return any(all(part in note for part in parts) for note in notes)


def _export(tmp_path: Path, *forms: Form, keep_data: bool = True) -> Path:
    path = tmp_path / "out.xlsx"
    export_project_xlsx(Project(list(forms)), path)
    if not keep_data:
        wb = load_workbook(path)
        del wb[DATA_SHEET]
        wb.save(path)
    return path


def _pruned(form: Form) -> Form:
    """``form`` without the empty 二级/一级 groups paper does not print (they cannot come back from cells)."""
    for horizon in ("mid", "year"):
        tree = form.side(horizon)
        for level1 in tree:
            level1.children = [l2 for l2 in level1.children if l2.indicators]
        tree[:] = [l1 for l1 in tree if l1.children]
    return form


def _rows(sheet) -> dict[str, object]:
    return {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row if cell.value not in (None, "")}


# --- export ---------------------------------------------------------------------------------


def test_an_88_project_sheet_is_the_official_8_column_grid(tmp_path):
    form = mof_project()
    form.funds["year.other"] = "待定"  # words stay words
    sheet = load_workbook(_export(tmp_path, form)).worksheets[0]
    cells = _rows(sheet)
    assert sheet.title == "基层干部能力提升培训" and sheet.max_column == 8
    assert cells["A1"] == "项目支出绩效目标申报表" and cells["A2"] == "（2027年度）"
    assert (cells["A3"], cells["B3"]) == ("项目名称", "基层干部能力提升培训")
    header = [cells[c] for c in ("A4", "B4", "E4", "F4")]
    assert header == ["主管部门及代码", "某县委组织部（101001）", "实施单位", "某县委党校"]
    assert [cells[c] for c in ("A5", "B5", "E5", "F5")] == ["项目属性", "延续项目", "项目期", "2026年—2028年"]
    assert (cells["B6"], cells["D6"], cells["E6"], cells["G6"]) == ("中期资金总额", 360, "年度资金总额", 120)
    assert sheet["D6"].number_format == "0.00" and sheet["G8"].value == "待定"
    assert cells["B9"] == "中期目标（2026年—2028年）" and cells["F9"] == "年度目标"
    assert cells["B10"].startswith("目标1：三年内轮训") and "\n目标2：" in cells["B10"]
    assert (cells["C11"], cells["F11"]) == ("中期指标", "年度指标")
    assert [cells[f"{c}12"] for c in "CDEFGH"] == ["二级指标", "三级指标", "指标值"] * 2
    assert (cells["G13"], cells["H13"], cells["D13"]) == ("★培训基层干部人次", "≥1200人次", "培训基层干部人次")
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"B13:B17", "F13:F14"} <= merged  # the shared 一级; the 年度 二级 over its 2 rows
    assert "C13:C14" not in merged  # the 中期 side's 二级 is merged by its own rows only
    assert sheet.page_setup.orientation == "portrait" and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$11:$12"


def test_a_yth_project_sheet_has_its_own_header_funds_goals_and_one_sided_grid(tmp_path):
    sheet = load_workbook(_export(tmp_path, yth_project())).worksheets[0]
    cells = _rows(sheet)
    assert sheet.max_column == 6 and cells["A1"] == "项目支出绩效目标表"
    labels = {v for v in cells.values() if isinstance(v, str)}
    assert {"项目负责人及电话", "项目性质", "计划开始日期", "计划完成日期", "项目资金总额", "其中：财政资金",
            "年度资金申请总额", "其中：当年财政拨款", "上年结转资金", "其他资金", "项目总目标", "年度总体目标",
            "年度指标值"} <= labels
    assert "中期指标" not in labels and "指标值" not in labels
    assert cells["C7"] == Decimal("77132.58") or cells["C7"] == 77132.58
    assert sheet["C9"].number_format == "0.00" and cells["C9"] == 2114.51
    assert sheet.print_title_rows == "$12:$12"


def test_sheets_are_named_after_their_projects_cleaned_cut_and_unique(tmp_path):
    named = []
    for name in ("道路/桥梁[维修]:*?养护\\工程", "某" * 40, "同名项目", "同名项目"):
        form = mof_project()
        form.fields["项目名称"] = name
        named.append(form)
    department = new_form(2027, "某县委组织部")
    titles = load_workbook(_export(tmp_path, department, *named)).sheetnames
    assert titles[:5] == ["2027年 某县委组织部", "道路桥梁维修养护工程", "某" * 31, "同名项目", "同名项目（2）"]


# --- round trip -----------------------------------------------------------------------------


def test_both_templates_round_trip_losslessly(tmp_path):
    project = Project([mof_project(), yth_project()])
    project.forms[0].funds["mid.total"] = "360"  # a typed scale the print pads
    result = import_xlsx(_export(tmp_path, *project.forms))
    assert jsonform.dumps(result.project) == jsonform.dumps(project)
    assert _has(result.notes, "已按原始数据完整还原", "基层干部能力提升培训")


def test_the_visible_cells_alone_give_back_every_filled_field(tmp_path):
    """Without perfdesk's hidden record: read from the printed grid (the empty groups are not printed)."""
    result = import_xlsx(_export(tmp_path, mof_project(), yth_project(), keep_data=False))
    expected = Project([_pruned(mof_project()), _pruned(yth_project())])
    assert jsonform.dumps(result.project) == jsonform.dumps(expected)
    assert result.unplaced == []
    assert _has(result.notes, "识别为项目支出绩效目标申报表", "中期三级指标 5 个", "年度三级指标 8 个")
    assert _has(result.notes, "识别为项目支出绩效目标表", "项目总目标 1 条")


def test_an_edited_export_is_read_from_its_cells_and_keeps_the_typed_amount_scale(tmp_path):
    form = mof_project()
    form.funds["mid.total"] = "360"
    path = _export(tmp_path, form)
    wb = load_workbook(path)
    wb.worksheets[0]["F10"] = "目标1：全年培训基层干部1300人次"
    wb.save(path)
    (read,) = import_xlsx(path).project.forms
    assert read.kind == "project" and [g.text for g in read.goals] == ["全年培训基层干部1300人次"]
    assert read.funds["mid.total"] == "360" and read.funds["year.total"] == "120.00"


# --- workbooks written by others ------------------------------------------------------------


def test_an_88_style_workbook_lands_field_by_field(tmp_path):
    result = import_xlsx(mof88_workbook(tmp_path / "88.xlsx"))
    (form,) = result.project.forms
    assert (form.kind, form.template, form.year) == ("project", "mof-2015-project", 2025)
    assert form.fields == {"项目名称": "乡村道路养护", "主管部门及代码": "某县交通运输局（305）",
                           "实施单位": "某县公路养护站", "项目属性": "新增项目", "项目期": "2025年-2027年"}
    assert form.funds == {"mid.total": "900", "mid.fiscal": "800", "mid.other": "100",
                          "year.total": "300", "year.fiscal": "280", "year.other": "20（自筹）"}
    assert [g.text for g in form.goals_mid] == ["三年养护农村公路600公里。", "优良路率达到80%。"]
    assert [g.text for g in form.goals] == ["全年养护农村公路200公里。"]
    year = [(a.name, b.name, i.name, i.value, i.core) for a, b, i in form.iter_indicators("year")]
    assert year == [
        ("产出指标", "数量指标", "养护里程", "≥200公里", True),
        ("产出指标", "数量指标", "桥涵检查座数", "≥30座", False),
        ("产出指标", "质量指标", "优良路率", "≥80%", False),
        ("效益指标", "社会效益指标", "群众出行条件", "明显改善", False),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", False),
    ]  # the left side is 年度 here: its caption says so
    mid = [(a.name, b.name, i.name, i.value, i.core) for a, b, i in form.iter_indicators("mid")]
    assert mid == [
        ("产出指标", "数量指标", "养护里程", "≥600公里", True),
        ("产出指标", "质量指标", "优良路率", "≥80%", False),
        ("效益指标", "社会效益指标", "群众出行条件", "持续改善", False),
    ]
    assert (form.people.preparer, form.people.phone) == ("李四", "0991-1234567")
    assert result.unplaced == []
    assert _has(result.notes, "H10", "20（自筹）", "原样保留")


def test_a_bingtuan_style_workbook_in_yuan_lands_in_wan_exactly(tmp_path):
    result = import_xlsx(bingtuan_workbook(tmp_path / "bt.xlsx"))
    (form,) = result.project.forms
    assert (form.kind, form.template, form.year) == ("project", "yth-project", 2026)
    assert form.fields == {
        "项目名称": "职工技能培训补助", "主管部门": "219-某师人力资源和社会保障局", "实施单位": "某师职业技能培训中心",
        "项目负责人及电话": "赵六 0996-7654321", "项目性质": "一次性项目",
        "计划开始日期": "2026年1月1日", "计划完成日期": "2026年12月31日",
    }
    assert form.funds == {"project_total": "123.456789", "project_fiscal": "100.00", "year.total": "50.00",
                          "year.fiscal": "40.00005", "year.carryover": "4.99995", "year.other": "5.00"}
    assert form.fund("year.fiscal") + form.fund("year.carryover") + form.fund("year.other") == form.fund("year.total")
    assert _has(result.notes, "换算为万元", "C8 1234567.89 元 → 123.456789 万元")
    assert [g.text for g in form.goals_mid] == ["培训职工3000人次；", "取证率达到70%。"]
    assert [g.text for g in form.goals] == ["培训职工1000人次，取证率达到70%。"]
    year = [(a.name, b.name, i.name, i.value, i.core) for a, b, i in form.iter_indicators("year")]
    assert year[0] == ("产出指标", "数量指标", "培训人次", "≥1000人次", True) and len(year) == 5
    assert year[-1] == ("满意度指标", "服务对象满意度指标", "参训职工满意度", "≥90%", False)
    assert not form.tree_mid
    # 项目类别 has no place in the template: listed, not dropped
    assert [(cell, text) for _, cell, text in result.unplaced] == [("A7", "项目类别"), ("B7", "特定目标类")]


@pytest.mark.parametrize(("amount", "wan"), [
    (Decimal("1234567.89"), "123.456789"), (Decimal("500000"), "50.00"), (Decimal("1"), "0.0001"),
    (Decimal("0.01"), "0.000001"), (Decimal("120000.00"), "12.00"),
])
def test_yuan_become_wan_by_moving_the_point_never_rounding(amount, wan):
    assert yuan_to_wan(amount) == wan and Decimal(wan) * 10000 == amount


def test_a_workbook_of_several_sheets_imports_every_table_and_reports_each(tmp_path):
    wb = Workbook()
    mof88_sheet(wb.active)
    wb.active.title = "道路"
    bingtuan_sheet(wb.create_sheet("培训"))
    wb.create_sheet("说明")["A1"] = "本工作簿由某县交通运输局报送"
    path = tmp_path / "many.xlsx"
    wb.save(path)
    result = import_xlsx(path)
    assert [(f.template, f.fields["项目名称"]) for f in result.project.forms] == [
        ("mof-2015-project", "乡村道路养护"), ("yth-project", "职工技能培训补助")]
    assert _has(result.notes, "工作表“道路”：识别为项目支出绩效目标申报表")
    assert _has(result.notes, "工作表“培训”：识别为项目支出绩效目标表")
    assert _has(result.notes, "工作表“说明”", "已跳过")


def test_a_department_table_and_projects_in_one_export_all_come_back(tmp_path):
    from perfdesk.sample import sample_project

    project = Project([sample_project().forms[0], mof_project(), yth_project()])
    result = import_xlsx(_export(tmp_path, *project.forms, keep_data=False))
    assert [f.kind for f in result.project.forms] == ["department_overall", "project", "project"]


def test_a_self_evaluation_with_project_labels_is_read_as_a_self_evaluation_never_as_a_project(tmp_path):
    path = self_evaluation_workbook(tmp_path / "se.xlsx")
    (form,) = import_xlsx(path).project.forms
    assert form.kind == "self_evaluation" and form.fields["主管部门"] == "某县交通运输局"
    (row,) = [ind for _, _, ind in form.iter_indicators()]
    assert (row.name, row.value, row.extras["actual"]) == ("养护里程", "≥200公里", "210公里")
    assert row.extras["weight"] == "20"


def test_a_second_header_label_and_its_value_are_listed_never_dropped(tmp_path):
    path = mof88_workbook(tmp_path / "88.xlsx")
    wb = load_workbook(path)
    wb.active["B4"] = "项目名称"
    wb.active["C4"] = "乡村道路养护（二期）"
    wb.save(path)
    result = import_xlsx(path)
    assert result.project.forms[0].fields["项目名称"] == "乡村道路养护（二期）"  # the first one, row 4
    assert {(cell, text) for _, cell, text in result.unplaced} >= {("B5", "项 目 名 称"), ("C5", "乡村道路养护")}


@pytest.mark.parametrize("template", ["mof-2015-project", "yth-project"])
def test_an_empty_project_table_reads_back_with_nothing_left_over(tmp_path, template):
    from perfdesk.domain.project import new_project_form

    result = import_xlsx(_export(tmp_path, new_project_form(None, template), keep_data=False))
    (form,) = result.project.forms
    assert (form.kind, form.template, form.fields, form.funds) == ("project", template, {}, {})
    assert result.unplaced == []  # the blank （　　年度） line is the title's, not content


def test_label_and_amount_in_one_cell_are_read(tmp_path):
    path = mof88_workbook(tmp_path / "88.xlsx")
    wb = load_workbook(path)
    wb.active["C8"] = "中期资金总额：900万元"
    wb.active["E8"] = None
    wb.save(path)
    result = import_xlsx(path)
    assert result.project.forms[0].funds["mid.total"] == "900" and result.unplaced == []
