"""The xlsx export follows the form's template like the PDF, and reads back as that template."""

from __future__ import annotations

from openpyxl import load_workbook

from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, Project
from perfdesk.excel import export_project_xlsx, import_xlsx
from perfdesk.excel.embed import DATA_SHEET

EXTRAS = {
    "指标值类型": "定量", "计量单位": "人次", "指标解释": "全年参加培训的人次", "评（扣）分标准": "未达到按比例扣分",
    "备注": "按季度统计",
}


def _hunan() -> Form:
    return Form(
        year=2023, department="湖南省某某局", template="hunan-2023",
        fields={"部门（单位）职责": "负责全省职业技能培训的组织实施。"},
        goals=[Goal("完成职业技能培训1000人次。")],
        tree=[Level1("产出指标", [Level2("数量指标", [Indicator("培训人次", "≥1000人次", dict(EXTRAS))])])],
    )


def test_a_hunan_sheet_has_its_title_fields_and_columns_in_the_declared_order(tmp_path):
    path = tmp_path / "hunan.xlsx"
    export_project_xlsx(Project([_hunan()]), path)
    sheet = load_workbook(path).worksheets[0]
    assert sheet.page_setup.orientation == "landscape"  # as the template (and the PDF) say
    rows = [[c.value for c in row if c.value not in (None, "")] for row in sheet.iter_rows()]
    assert rows[0] == ["年度整体绩效目标表"] and rows[1] == ["（2023年）"]
    assert rows[3] == ["部门（单位）职责", "负责全省职业技能培训的组织实施。"]
    texts = [str(v) for row in rows for v in row]
    assert not any("任务" in t or "金额合计" in t for t in texts)  # no task block in this template
    header = next(row for row in rows if "三级指标" in row)
    declared = ["一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位", "指标解释", "评（扣）分标准"]
    assert set(header) >= {*declared, "备注"}
    extras = [h for h in header if h in ("指标值类型", "计量单位", "指标解释", "评（扣）分标准", "备注")]
    assert extras == ["指标值类型", "计量单位", "指标解释", "评（扣）分标准", "备注"]  # in the declared order


def test_the_visible_hunan_sheet_alone_reads_back_as_the_hunan_template(tmp_path):
    path = tmp_path / "hunan.xlsx"
    export_project_xlsx(Project([_hunan()]), path)
    wb = load_workbook(path)
    del wb[DATA_SHEET]
    wb.save(path)
    result = import_xlsx(path)
    form = result.project.forms[0]
    assert form.template == "hunan-2023"
    assert form.fields == {"部门（单位）职责": "负责全省职业技能培训的组织实施。"}
    indicator = next(form.iter_indicators())[2]
    assert (indicator.name, indicator.value, indicator.extras) == ("培训人次", "≥1000人次", EXTRAS)
    assert result.unplaced == []


def test_every_hunan_indicator_column_stands_at_its_declared_position_and_reads_back(tmp_path):
    """湖南 declares 指标值类型 | 指标值 | 计量单位 …: 指标值 is the second column after 三级, not the last."""
    path = tmp_path / "hunan.xlsx"
    export_project_xlsx(Project([_hunan()]), path)
    wb = load_workbook(path)
    sheet = wb.worksheets[0]
    header_row = next(row for row in sheet.iter_rows() if any(c.value == "三级指标" for c in row))
    header = [c.value for c in header_row[1:] if c.value not in (None, "")]  # after the block label
    assert header == ["一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位", "指标解释",
                      "评（扣）分标准", "备注"]
    row = header_row[0].row + 1
    cells = [sheet.cell(row, column).value for column in range(4, 4 + 6)]
    assert cells == ["培训人次", "定量", "≥1000人次", "人次", "全年参加培训的人次", "未达到按比例扣分"]
    assert sheet.cell(row, 10).value == "按季度统计"
    del wb[DATA_SHEET]
    wb.save(path)
    form = import_xlsx(path).project.forms[0]
    indicator = next(form.iter_indicators())[2]
    assert (indicator.name, indicator.value, indicator.extras) == ("培训人次", "≥1000人次", EXTRAS)
