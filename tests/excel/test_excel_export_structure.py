"""The exported sheet is the paper table: merges, borders, live sums, print set-up."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from test_excel_roundtrip import tricky_project

from perfdesk.domain.model import Form, Project, Task
from perfdesk.errors import FileWriteError, PerfdeskError
from perfdesk.excel import export_project_xlsx
from perfdesk.excel.embed import DATA_SHEET
from perfdesk.excel.layout import sheet_title
from perfdesk.sample import sample_project


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("x") / "sample.xlsx"
    export_project_xlsx(sample_project(), path)
    return path


@pytest.fixture(scope="module")
def sample_book(sample_path):
    return openpyxl.load_workbook(sample_path)


def written_borders(path: Path, wb) -> dict[str, object]:
    """Each written cell's border, read from the sheet XML itself.

    (openpyxl rebuilds the inner cells of a merged range on load and drops their
    styles, so ``ws[...].border`` after loading does not show what the file holds.)
    """
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    out = {}
    for ref, style in re.findall(r'<c r="([A-Z]+[0-9]+)" s="([0-9]+)"', xml):
        out[ref] = wb._borders[wb._cell_styles[int(style)].borderId]
    return out


def _find(ws, text):
    return next(cell for row in ws.iter_rows() for cell in row if cell.value == text)


def _range_at(ws, cell):
    return next((r for r in ws.merged_cells.ranges if cell.coordinate in r), None)


def test_one_visible_sheet_per_form_and_the_data_sheet_very_hidden(tmp_path):
    path = tmp_path / "t.xlsx"
    export_project_xlsx(tricky_project(), path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["2023年 巴州_财政局_测试____", "表2", "2023年 巴州_财政局_测试____（2）", DATA_SHEET]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible", "visible", "visible", "veryHidden"]


def test_sheet_titles_are_legal_and_unique():
    used: set[str] = set()
    long = Form(year=2022, department="新疆维吾尔自治区巴音郭楞蒙古自治州人力资源和社会保障局机关")
    first = sheet_title(long, 1, used)
    second = sheet_title(long, 2, used)
    assert len(first) <= 31 and len(second) <= 31 and first != second and second.endswith("（2）")
    assert sheet_title(Form(department="History"), 3, used) != "History"
    assert not set("[]:*?/\\") & set(sheet_title(Form(department="a[b]:c*d?e/f\\g"), 4, used))


def test_title_department_and_block_labels(sample_book):
    ws = sample_book.worksheets[0]
    assert ws["A1"].value == "部门（单位）整体支出绩效目标表"
    assert ws["A2"].value == "（2022年）"
    assert ws["A3"].value == "部门（单位）名称" and ws["C3"].value == "新疆巴州人力资源和社会保障局"
    for label in ("年度\n主要\n任务", "年度\n绩效\n指标"):
        merged = _range_at(ws, _find(ws, label))
        assert merged is not None and merged.min_col == merged.max_col == 1 and merged.max_row > merged.min_row
    assert _find(ws, "年度\n总体\n目标").column == 1
    assert _range_at(ws, _find(ws, "预算金额（万元）")).coord == "E4:G4"
    assert [ws["E5"].value, ws["F5"].value, ws["G5"].value] == ["总额", "财政拨款", "其他资金"]


def test_sum_row_holds_live_formulas(sample_book):
    ws = sample_book.worksheets[0]
    row = _find(ws, "金额合计").row
    assert [ws.cell(row, c).value for c in (5, 6, 7)] == ["=SUM(E6:E9)", "=SUM(F6:F9)", "=SUM(G6:G9)"]
    assert sample_book.calculation.fullCalcOnLoad is True


def test_amounts_are_numbers_with_enough_decimals(tmp_path):
    project = Project(
        [Form(year=2022, department="x", tasks=[Task("a", "", Decimal("1663.73"), Decimal("0.000001"), Decimal(0))])]
    )
    path = tmp_path / "a.xlsx"
    export_project_xlsx(project, path)
    ws = openpyxl.load_workbook(path).worksheets[0]
    total, fiscal, other = ws["E6"], ws["F6"], ws["G6"]
    assert total.data_type == "n" and total.value == pytest.approx(1663.73) and total.number_format == "0.00"
    assert fiscal.number_format == "0.000000" and ws["F7"].number_format == "0.000000"
    assert other.number_format == "0.00"


def test_goals_are_one_merged_cell_numbered_one_per_line(sample_book):
    ws = sample_book.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("目标1："))
    assert cell.value.count("\n") == 8 and "\n目标9：" in cell.value
    assert _range_at(ws, cell).coord == f"B{cell.row}:G{cell.row}"


def test_level1_and_level2_are_merged_over_their_children(sample_book):
    ws = sample_book.worksheets[0]
    output = _range_at(ws, _find(ws, "产出指标"))
    quantity = _range_at(ws, _find(ws, "数量指标"))
    assert output.min_col == output.max_col == 2 and output.size["rows"] == 60
    assert quantity.min_col == quantity.max_col == 3 and quantity.size["rows"] == 20
    assert quantity.min_row == output.min_row


def test_every_cell_of_every_merged_table_range_has_a_border(sample_path, sample_book):
    ws = sample_book.worksheets[0]
    borders = written_borders(sample_path, sample_book)
    table_bottom = _find(ws, "聘用人员满意度").row
    checked = 0
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= 2 or merged.min_row > table_bottom:
            continue  # the title lines and signature lines are deliberately unboxed
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                border = borders[ws.cell(row, column).coordinate]
                assert all(side.style == "thin" for side in (border.left, border.right, border.top, border.bottom))
                checked += 1
    assert checked > 200


def test_print_setup(sample_book):
    ws = sample_book.worksheets[0]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    header_row = _find(ws, "一级指标").row
    assert ws.print_title_rows == f"$${header_row}:$${header_row}".replace("$$", "$")
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws["B13"].font.name == "宋体" and ws["A1"].font.b


def test_row_heights_follow_the_text(sample_book):
    ws = sample_book.worksheets[0]
    short = ws.row_dimensions[_find(ws, "运转保障").row].height
    long = ws.row_dimensions[9].height  # the 4th task's long 主要内容
    assert long > 5 * short and long <= 409


def test_people_lines_under_the_table(sample_book):
    ws = sample_book.worksheets[0]
    texts = [c.value for row in ws.iter_rows(min_row=_find(ws, "聘用人员满意度").row + 1) for c in row if c.value]
    assert texts == [
        "填报单位（盖章）：",
        "单位负责人：",
        "财务负责人：",
        "填报人：",
        "联系电话：",
        "填报日期：    年  月  日",
    ]


def test_province_columns_are_added_between_level3_and_value(tmp_path):
    path = tmp_path / "t.xlsx"
    export_project_xlsx(tricky_project(), path)
    ws = openpyxl.load_workbook(path).worksheets[0]
    row = _find(ws, "一级指标").row
    assert [ws.cell(row, c).value for c in range(2, 8)] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标解释",
        "计量单位",
        "指标值",
    ]


def test_export_replaces_the_file_atomically_and_leaves_nothing_behind(tmp_path):
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    export_project_xlsx(sample_project(), path)
    assert path.read_bytes()[:2] == b"PK"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_export_into_a_missing_folder_is_a_write_error(tmp_path):
    with pytest.raises(FileWriteError, match="找不到文件夹"):
        export_project_xlsx(sample_project(), tmp_path / "missing" / "out.xlsx")


def test_an_empty_project_cannot_be_exported(tmp_path):
    with pytest.raises(PerfdeskError, match="没有任何表"):
        export_project_xlsx(Project(), tmp_path / "out.xlsx")
    assert not list(tmp_path.iterdir())


def test_openpyxl_is_not_imported_by_the_cli_commands():
    import subprocess
    import sys

    code = "import sys, perfdesk.commands, perfdesk.excel; print('openpyxl' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout.strip() == "False"


def test_long_words_in_an_amount_cell_get_a_row_tall_enough(tmp_path):
    """Excel prints the stored row height: words kept in an amount cell must not be cut off."""
    words = "待财政批复后确定，预计一百万元以内"
    project = sample_project()
    task = project.forms[0].tasks[1]  # 运转保障: two lines of 主要内容
    task.fiscal, task.unparsed = None, {"fiscal": words}
    export_project_xlsx(project, tmp_path / "w.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "w.xlsx").worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == words)
    plain = tmp_path / "p.xlsx"
    export_project_xlsx(sample_project(), plain)
    before = openpyxl.load_workbook(plain).worksheets[0].row_dimensions[cell.row].height
    assert ws.row_dimensions[cell.row].height > before
    assert cell.alignment.wrap_text
