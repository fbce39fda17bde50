"""Importing what bureaus and the 一体化 system send: nothing filled in is lost without a word."""

from __future__ import annotations

import io
import os
from collections import Counter
from pathlib import Path

import pytest
from bureau_workbooks import (
    HUNAN_ROWS,
    hubei_workbook,
    hunan_workbook,
    project_workbook,
    self_eval_workbook,
    yth_split_workbook,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mainrun import run_main
from openpyxl import Workbook, load_workbook
from seedparse import read_seed
from test_xlsx_builders import minimal_workbook, province_workbook, put

from perfdesk.domain.values import parse_value
from perfdesk.errors import PerfdeskError
from perfdesk.excel import import_xlsx

SLOW = os.environ.get("PERFDESK_SLOW") == "1"


def _has(notes, *parts):
    return any(all(part in note for part in parts) for note in notes)


def _values(form):
    return [i.value for _, _, i in form.iter_indicators()]


@pytest.mark.parametrize("header", ["计算符号", "符号", "运算符"])
def test_split_target_columns_are_joined_with_their_comparator(tmp_path, header):
    seed = read_seed()
    result = import_xlsx(yth_split_workbook(tmp_path / "yth.xlsx", seed, header))
    form = result.project.forms[0]
    expected = [parse_value(value).canonical for *_, value in seed["indicators"]]
    assert [parse_value(v).canonical for v in _values(form)] == expected
    assert sum(1 for v in _values(form) if parse_value(v).comparator) == 66
    assert not _has(result.notes, "附加列保留")
    assert not any(i.extras for _, _, i in form.iter_indicators())


def test_full_width_comparators_are_normalised_and_trailing_zeros_kept(tmp_path):
    result = import_xlsx(yth_split_workbook(tmp_path / "yth.xlsx", read_seed(), "符号", full_width=True))
    values = _values(result.project.forms[0])
    assert not any(ch in value for value in values for ch in "＝≧≦")
    assert "≤137.50万元" in values and "≤72.30万元" in values and "≤58.20万元" in values
    assert "=7851.03平方米" in values


def test_hunan_sheet_keeps_its_goal_columns_and_lists_what_has_no_place(tmp_path):
    result = import_xlsx(hunan_workbook(tmp_path / "hunan.xlsx"))
    form = result.project.forms[0]
    assert [g.text for g in form.goals] == ["完成职业技能培训1000人次，合格率100%。"]
    assert form.indicator_count() == len(HUNAN_ROWS)  # the row holding only 定量 is no unnamed 三级
    first = next(i for _, _, i in form.iter_indicators())
    assert set(first.extras) == {"指标值类型", "计量单位", "指标解释", "评（扣）分标准"}  # keys without * and ：
    # 计量单位 is a column of the 湖南 template: kept beside 指标值 in every row, as typed (a 88号
    # sheet has no such column, so there the two are joined: see the 一体化 split tests above).
    assert _values(form) == ["≥1000", "100", "=100", "有效提升", "90"]
    assert [i.extras.get("计量单位") for _, _, i in form.iter_indicators()] == ["人次", "%", "%", None, "%"]
    # The sheet is the 湖南 template: its 部门（单位）职责 goes into the form's fields.
    assert form.template == "hunan-2023" and _has(result.notes, "表样：湖南", "hunan-2023")
    assert form.fields == {"部门（单位）职责": "负责全省职业技能培训的组织实施。"}
    assert _has(result.notes, "部门（单位）职责：取自 C3")
    assert result.unplaced == [("整体绩效目标", "E11", "定量")]  # only the template row's leftover
    assert _has(result.notes, "未导入的内容（1 处") and _has(result.notes, "E11“定量”")


@pytest.mark.parametrize("with_indicators", [False, True])
def test_hubei_application_keeps_people_year_and_lists_the_money_block(tmp_path, with_indicators):
    result = import_xlsx(hubei_workbook(tmp_path / "hubei.xlsx", with_indicators))
    form = result.project.forms[0]
    assert form.department == "湖北省某某厅"
    people = form.people
    assert (people.preparer, people.phone, people.fill_date) == ("李四", "027-87654321", "2023年3月1日")
    assert form.year == 2023 and _has(result.notes, "年度：2023", "取自填报日期")
    assert form.indicator_count() == (1 if with_indicators else 0)
    cells = {cell for _, cell, _ in result.unplaced}
    assert {"A4", "B4", "C5", "E6", "F6"} <= cells  # 部门总体资金情况, by cell
    assert _has(result.notes, "部门总体资金情况")


@pytest.mark.parametrize("with_level3", [True, False])
def test_a_project_table_is_read_as_a_project_form_never_as_a_department_table(tmp_path, with_level3):
    """Issue 16: the 项目支出 table once refused here is now imported as what it is."""
    result = import_xlsx(project_workbook(tmp_path / "project.xlsx", with_level3=with_level3))
    (form,) = result.project.forms
    assert (form.kind, form.template, form.year) == ("project", "mof-2015-project", 2024)
    assert form.fields["项目名称"] == "职业技能提升培训" and form.department == ""
    assert form.funds == {"mid.total": "300", "year.total": "100"}
    assert [(i.name, i.value) for _, _, i in form.iter_indicators("mid")] == [("培训人次", "≥3000人次")]
    assert [(i.name, i.value) for _, _, i in form.iter_indicators("year")] == [("培训人次", "≥1000人次")]
    assert result.unplaced == [] and _has(result.notes, "识别为项目支出绩效目标申报表")


def test_a_self_evaluation_is_read_as_a_self_evaluation_never_as_a_department_table(tmp_path):
    """Issue 17: the 绩效自评表 once refused here is now imported as what it is."""
    path = self_eval_workbook(tmp_path / "se.xlsx")
    result = import_xlsx(path)
    (form,) = result.project.forms
    assert (form.kind, form.template, form.year) == ("self_evaluation", "mof-2020", 2023)
    assert form.fields["项目名称"] == "职业技能提升培训" and form.tree[0].name == "产出指标"  # "（50分）" dropped
    assert result.unplaced == [("自评表", "B7", "……")]
    result = run_main("import-xlsx", str(path), str(tmp_path / "out.db"), text=True)
    assert result.returncode == 0 and "识别为项目支出绩效自评表" in result.stdout


def test_a_title_without_the_word_still_finds_a_self_evaluation_by_its_columns(tmp_path):
    path = self_eval_workbook(tmp_path / "se.xlsx")
    wb = load_workbook(path)
    wb.active["A1"] = "2023年度绩效评价表"
    wb.save(path)
    result = import_xlsx(path)
    assert result.project.forms[0].kind == "self_evaluation"
    assert _has(result.notes, "识别为项目支出绩效自评表（有“")


def test_a_self_evaluation_without_an_indicator_grid_is_refused_by_name(tmp_path):
    path = self_eval_workbook(tmp_path / "se.xlsx")
    wb = load_workbook(path)
    wb.active["D4"] = "指标内容"  # no 三级指标 heading: nothing a self-evaluation can be read from
    wb.save(path)
    with pytest.raises(PerfdeskError) as caught:
        import_xlsx(path)
    assert caught.value.exit_code == 1 and "是绩效自评表" in str(caught.value)
    result = run_main("import-xlsx", str(path), str(tmp_path / "out.db"), text=True)
    assert result.returncode == 1 and "是绩效自评表" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "out.db").exists()


def _indicator_sheet(values: list[tuple[str, object, str]], remarks: str | None = None) -> Workbook:
    """A plain 88号 indicator block; ``values`` are (三级, value, number format); a closing 备注 row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2023"
    put(ws, "A1", "部门（单位）整体支出绩效目标表", "E1")
    put(ws, "A2", "部门（单位）名称")
    put(ws, "B2", "某局", "E2")
    for column, label in zip("BCDE", ("一级指标", "二级指标", "三级指标", "指标值")):
        put(ws, f"{column}3", label)
    row = 3
    for name, value, fmt in values:
        row += 1
        put(ws, f"B{row}", "产出指标")
        put(ws, f"C{row}", "质量指标")
        put(ws, f"D{row}", name)
        ws[f"E{row}"] = value
        ws[f"E{row}"].number_format = fmt
    put(ws, "A3", "年度绩效指标", f"A{row}")
    row += 1
    put(ws, f"A{row}", "备注")
    if remarks:
        put(ws, f"B{row}", remarks, f"E{row}")
    return wb


def test_percent_cells_keep_or_report_their_comparator(tmp_path):
    path = tmp_path / "pct.xlsx"
    wb = _indicator_sheet([
        ("发放准确率", "=100%", "0%"),  # typed =100% in Excel: a formula
        ("到岗率", 1, "0%"),  # the comparator lost: a bare number in a percent format
        ("满意度", "≥90%", "General"),
        ("完成率", "≥95%", "General"),
    ])
    ws = wb.active
    ws["E4"].data_type = "f"
    wb.save(path)
    result = import_xlsx(path)
    assert _values(result.project.forms[0]) == ["=100%", "100%", "≥90%", "≥95%"]
    assert _has(result.notes, "E4", "公式“=100%”")
    assert _has(result.notes, "E5", "百分比格式的数字，没有比较符号")


def test_the_closing_remarks_row_is_no_indicator_group(tmp_path):
    path = tmp_path / "remarks.xlsx"
    _indicator_sheet([("准确率", "=100%", "General")]).save(path)
    form = import_xlsx(path).project.forms[0]
    assert [l1.name for l1 in form.tree] == ["产出指标"]
    path2 = tmp_path / "remarks2.xlsx"
    _indicator_sheet([("准确率", "=100%", "General")], remarks="数据来源于年报").save(path2)
    result = import_xlsx(path2)
    assert [l1.name for l1 in result.project.forms[0].tree] == ["产出指标"]
    assert ("2023", "B5", "数据来源于年报") in result.unplaced


# --- property: random labelled blocks and stray cells around real tables ---------------------

_BASES = {"province": province_workbook, "minimal": minimal_workbook, "hunan": hunan_workbook}
_LABELS = ["备注", "说明", "部门（单位）职责", "审核意见", "编制说明", "填报人", "附件1", "单位：万元", "资金来源"]


class _Bases(dict):
    def __repr__(self) -> str:  # hypothesis prints its arguments: not the whole workbooks
        return f"<base workbooks {sorted(self)}>"


@pytest.fixture(scope="module")
def bases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bases")
    out = _Bases()
    for name, build in _BASES.items():
        path = build(folder / f"{name}.xlsx")
        out[name] = (path.read_bytes(), import_xlsx(path))
    return out


def _content(project) -> str:
    parts: list[str] = []
    for form in project.forms:
        parts += [form.department, str(form.year), *form.fields.values()]
        parts += [value for value in vars(form.people).values()]
        for task in form.tasks:
            parts += [task.name, task.content, *task.unparsed.values()]
            parts += [format(a, "f") for a in (task.total, task.fiscal, task.other) if a is not None]
        parts += [goal.text for goal in form.goals]
        parts += [l1.name for l1 in form.tree] + [l2.name for l1 in form.tree for l2 in l1.children]
        for _, _, indicator in form.iter_indicators():
            parts += [indicator.name, indicator.value, *indicator.extras.values(), *indicator.extras]
    return "\n".join("".join(part.split()) for part in parts)


def _kept(project) -> Counter:
    return Counter(
        (indicator.name, indicator.value) for form in project.forms for _, _, indicator in form.iter_indicators()
    ) + Counter((task.name, task.content) for form in project.forms for task in form.tasks)


@st.composite
def _strays(draw):
    count = draw(st.integers(1, 8))
    cells = []
    for index in range(count):
        row = draw(st.integers(1, 40))
        column = draw(st.integers(1, 14))
        label = draw(st.one_of(st.none(), st.sampled_from(_LABELS)))
        marker = f"杂项{index}{draw(st.text('ABCDEFXYZ', min_size=3, max_size=3))}"
        cells.append((row, column, label, marker))
    return cells


@settings(max_examples=1000 if SLOW else 300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(sorted(_BASES)), strays=_strays())
def test_every_filled_cell_is_imported_or_listed(bases, base, strays):
    data, clean = bases[base]
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    merged = ws.merged_cells
    placed: list[tuple[str, str]] = []
    for row, column, label, marker in strays:
        cells = [(row, column, label), (row, column + 1, marker)] if label else [(row, column, marker)]
        if any(ws.cell(r, c).value is not None or (ws.cell(r, c).coordinate in merged) for r, c, _ in cells):
            continue
        for r, c, text in cells:
            ws.cell(r, c).value = text
        placed.append((ws.cell(row, column + (1 if label else 0)).coordinate, marker))
    buffer = io.BytesIO()
    wb.save(buffer)
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"perfdesk-stray-{os.getpid()}.xlsx"
    path.write_bytes(buffer.getvalue())
    try:
        result = import_xlsx(path)
    except PerfdeskError:
        pytest.fail("a table with stray cells around it was refused")
    finally:
        path.unlink(missing_ok=True)
    content = _content(result.project)
    listed = {(cell, text) for _, cell, text in result.unplaced}
    for cell, marker in placed:
        assert marker in content or (cell, marker) in listed, f"{marker} at {cell} was lost"
    # and nothing of the real table went missing because of them
    assert not (_kept(clean.project) - _kept(result.project))


def test_a_sheet_with_a_task_block_stays_the_88_table_whatever_columns_it_adds(tmp_path):
    path = province_workbook(tmp_path / "p.xlsx")  # has a 指标解释 column, like 湖南
    wb = load_workbook(path)
    wb.active["A29"] = "部门（单位）职责"
    wb.active["B29"] = "负责财政工作"
    wb.save(path)
    result = import_xlsx(path)
    form = result.project.forms[0]
    assert form.template == "mof-2015" and form.fields == {} and len(form.tasks) == 3
    assert ("整体目标表", "B29", "负责财政工作") in result.unplaced
