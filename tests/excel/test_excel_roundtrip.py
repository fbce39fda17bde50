"""Export → import gives back the same project, byte for byte in its JSON form."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.domain import jsonform
from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, People, Project, Task
from perfdesk.domain.values import parse_value
from perfdesk.excel import export_project_xlsx, import_xlsx
from perfdesk.excel.embed import DATA_SHEET
from perfdesk.sample import sample_project


def round_trip(project: Project, path: Path) -> Project:
    export_project_xlsx(project, path)
    return import_xlsx(path).project


def tricky_project() -> Project:
    first = Form(
        year=2023,
        department="巴州/财政局[测试]:*?",
        framework="2021",
        people=People(
            filler_unit="巴州财政局",
            unit_head="李四",
            finance_head="王五",
            preparer=" 张三 ",
            phone="0996-1234567",
            fill_date="2023年3月1日",
        ),
        tasks=[
            Task("人员保障", "工资。", Decimal("1663.730001"), Decimal("1663.730000"), Decimal("0.000001")),
            Task("", "", None, None, None),
            Task("  带空格  ", "多行\n内容\r\n第三行", Decimal("114.40"), Decimal("114.4"), Decimal("0.000000")),
            Task("大额", "=SUM(A1)", Decimal("99999999.999999"), Decimal(0), None),
            Task("估算", "金额未定", None, None, Decimal("5"), unparsed={"total": "约100", "fiscal": "=待定"}),
        ],
        goals=[Goal("目标文本一"), Goal("含换行\n第二行"), Goal("目标3：嵌套的标记"), Goal("")],
        tree=[
            Level1(
                "产出指标",
                [
                    Level2(
                        "数量指标",
                        [
                            Indicator("保障在职人员数量", ">=109人"),
                            Indicator("以等号开头", "=9辆"),
                            Indicator("", ""),
                            Indicator("全角", "＞＝９０％"),
                            Indicator("#N/A", "#N/A"),
                            Indicator("含\x0b控制符", " 1,000 人 "),
                        ],
                    ),
                    Level2("质量指标"),  # an empty 二级 group
                ],
            ),
            Level1(
                "成本指标",
                [
                    Level2(
                        "经济成本指标", [Indicator("运转成本", "<=1,000万元", {"指标解释": "说明", "计量单位": "万元"})]
                    )
                ],
            ),
            Level1("效益指标"),  # a 一级 with no 二级
            Level1("满意度指标", [Level2("满意度指标", [Indicator("满意度", "≧95%")])]),  # legacy name kept
        ],
    )
    empty = Form(year=None, department="")
    same_name = Form(year=2023, department="巴州/财政局[测试]:*?", tasks=[Task("x", "y", Decimal(1), None, None)])
    return Project([first, empty, same_name])


def test_sample_round_trip_is_identical(tmp_path):
    original = sample_project()
    assert jsonform.dumps(round_trip(original, tmp_path / "s.xlsx")) == jsonform.dumps(original)


def test_tricky_forms_round_trip_identically(tmp_path):
    original = tricky_project()
    result = import_xlsx(_export(original, tmp_path / "t.xlsx"))
    assert jsonform.dumps(result.project) == jsonform.dumps(original)
    assert len(result.notes) == 3 and all("完整还原" in note for note in result.notes)


def _export(project: Project, path: Path) -> Path:
    export_project_xlsx(project, path)
    return path


def test_round_trip_survives_a_libreoffice_save(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    original = sample_project()
    (tmp_path / "in").mkdir()
    source = _export(original, tmp_path / "in" / "s.xlsx")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = import_xlsx(tmp_path / "out" / "s.xlsx")
    assert jsonform.dumps(result.project) == jsonform.dumps(original)


def test_without_the_hidden_data_the_visible_table_gives_the_canonical_form(tmp_path):
    original = sample_project()
    path = _export(original, tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb[DATA_SHEET]
    wb.save(path)
    result = import_xlsx(path)
    form, source = result.project.forms[0], original.forms[0]
    assert (form.year, form.department) == (source.year, source.department)
    assert [(t.name, t.content, t.total, t.fiscal, t.other) for t in form.tasks] == [
        (t.name, t.content, t.total, t.fiscal, t.other) for t in source.tasks
    ]
    assert [g.text for g in form.goals] == [g.text for g in source.goals]
    legacy = {"满意度指标": "服务对象满意度指标"}
    assert [(a.name, b.name, i.name, i.value) for a, b, i in form.iter_indicators()] == [
        (a.name, legacy.get(b.name, b.name), i.name, i.parsed.canonical) for a, b, i in source.iter_indicators()
    ]
    assert any("满意度指标”→“服务对象满意度指标" in note for note in result.notes)


def test_an_edited_sheet_is_read_from_its_cells_keeping_what_still_agrees(tmp_path):
    original = sample_project()
    path = _export(original, tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    changed = next(cell for row in ws.iter_rows() for cell in row if cell.value == "≥109人")
    changed.value = "≥110人"
    wb.save(path)
    result = import_xlsx(path)
    assert any("被修改过" in note for note in result.notes)
    values = {i.name: i.value for _, _, i in result.project.forms[0].iter_indicators()}
    assert values["保障在职人员数量"] == "≥110人"  # the clerk's edit wins
    assert values["高职学院临聘人员工资发放人数"] == ">=366人"  # untouched: typed text restored
    assert result.project.forms[0].framework == "2015"


# --- property: any form the model can hold comes back ------------------------------

_text = st.text(alphabet=st.sampled_from(list("产出指标数量人次%=<>≥≤＝ 1234567890.,\n目标：abc")), max_size=12)
# 万元 with 0–6 decimals, scale kept (114.4 and 114.40 are different texts)
_amount = st.one_of(
    st.none(), st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(0, 10**13), st.integers(0, 6))
)


_words = st.sampled_from(["约100", "待定", "=SUM(1)", "100以内", "见附表"])


@st.composite
def _forms(draw: st.DrawFn) -> Form:
    form = Form(
        year=draw(st.one_of(st.none(), st.integers(2000, 2099))),
        department=draw(_text),
        framework=draw(st.sampled_from(["2015", "2021"])),
        people=People(**{name: draw(_text) for name in People.field_names()}),
    )
    for _ in range(draw(st.integers(0, 3))):
        task = Task(draw(_text), draw(_text), draw(_amount), draw(_amount), draw(_amount))
        for key in ("total", "fiscal", "other"):
            if draw(st.integers(0, 5)) == 0:  # now and then a cell of words, kept as typed
                setattr(task, key, None)
                task.unparsed = {**task.unparsed, key: draw(_words)}
        form.tasks.append(task)
    form.goals = [Goal(draw(_text)) for _ in range(draw(st.integers(0, 3)))]
    for _ in range(draw(st.integers(0, 5))):
        level1 = draw(st.sampled_from(["产出指标", "效益指标", "满意度指标"]))
        group = form.ensure_group(level1, draw(st.sampled_from(["数量指标", "时效指标", "满意度指标"])))
        if draw(st.booleans()):
            group.indicators.append(Indicator(draw(_text), draw(_text)))
    return form


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forms=st.lists(_forms(), min_size=1, max_size=2))
def test_any_project_round_trips(tmp_path, forms):
    original = Project(forms)
    assert jsonform.dumps(round_trip(original, tmp_path / "p.xlsx")) == jsonform.dumps(original)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=_forms())
def test_the_visible_table_alone_reads_back_tasks_and_indicators(tmp_path, form):
    path = _export(Project([form]), tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb[DATA_SHEET]
    wb.save(path)
    back = import_xlsx(path).project.forms[0]
    shown = [
        t for t in form.tasks
        if t.name.strip() or t.content.strip() or (t.total, t.fiscal, t.other) != (None,) * 3 or t.unparsed
    ]
    assert [(t.total, t.fiscal, t.other, t.unparsed) for t in back.tasks] == [
        (t.total, t.fiscal, t.other, t.unparsed) for t in shown
    ]
    if form.year is not None:  # with no year printed, a cell such as a department named "2000" may be taken for one
        assert back.year == form.year
    named = [i for _, _, i in form.iter_indicators() if i.name.strip() or i.value.strip()]
    assert len(list(back.iter_indicators())) == len(named)


def test_canonical_values_are_what_the_sheet_shows(tmp_path):
    path = _export(tricky_project(), tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path).worksheets[0]
    shown = {cell.value for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert parse_value(">=109人").canonical in shown and ">=109人" not in shown
    assert "=9辆" in shown  # text, not a formula
