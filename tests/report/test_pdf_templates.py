"""The PDF is drawn from the form's template: title, header fields, blocks, columns, paper."""

from __future__ import annotations

import json

import pytest
from conftest import RenderedPdf, bundled_options

from perfdesk.domain import forms, jsonform
from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, Project
from perfdesk.report import render_form_pdf_bytes


def _hunan_form(template: str = "hunan-2023") -> Form:
    indicator = Indicator("培训人次", "≥1000人次", {
        "指标值类型": "定量", "计量单位": "人次", "指标解释": "全年参加培训的人次",
        "评（扣）分标准": "未达到按比例扣分", "备注": "按季度统计",
    })
    return Form(
        year=2023, department="湖南省某某局", template=template,
        fields={"部门（单位）职责": "负责全省职业技能培训的组织实施。"},
        goals=[Goal("完成职业技能培训1000人次。")],
        tree=[Level1("产出指标", [Level2("数量指标", [indicator])])],
    )


def _render(form: Form) -> RenderedPdf:
    return RenderedPdf(render_form_pdf_bytes(form, bundled_options()))


def test_a_hunan_form_prints_its_own_title_fields_and_nine_columns_on_landscape():
    pdf = _render(_hunan_form())
    with pdf.open() as document:
        page = document.pages[0]
        assert page.width > page.height  # A4 landscape, as the template declares
        headers = ["一级指标", "二级指标", "三级指标", "计量单位", "指标解释", "评（扣）分标准", "备注"]
        lefts = [page.search(h)[0]["x0"] for h in headers]
        assert lefts == sorted(lefts)  # the declared order, left to right
        assert page.search("指标值类")  # 指标值类型 wraps in its narrow column
    text = "".join(pdf.page_texts()[0].split())
    assert text.startswith("年度整体绩效目标表（2023年）")
    assert "部门（单位）职责负责全省职业技能培训的组织实施。" in text
    assert "年度主要任务" not in text and "金额合计" not in text  # 湖南 has no task block
    for word in ("定量", "≥1000人次", "人次", "全年参加培训的人次", "未达到按比例扣分", "按季度统"):  # 计 wraps
        assert word in text


def test_the_same_form_under_mof_2015_prints_the_88_table():
    text = "".join(_render(_hunan_form("mof-2015")).page_texts()[0].split())
    assert text.startswith("部门（单位）整体支出绩效目标表（2023年）")
    assert "指标解释" not in text and "按季度统计" not in text  # columns mof-2015 does not print


@pytest.fixture
def extra_column_template(tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "test-source.json").write_text(json.dumps({
        "id": "test-source", "kind": "department_overall", "name": "测试：多一列数据来源",
        "indicator_columns": [
            {"key": "value", "label": "指标值", "type": "target_value", "required": True, "width": 0.2},
            {"label": "数据来源", "type": "text", "width": 0.15},
        ],
    }, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("PERFDESK_TEMPLATES_DIR", str(folder))
    forms.reload()
    yield "test-source"
    monkeypatch.delenv("PERFDESK_TEMPLATES_DIR")
    forms.reload()


def test_a_column_added_in_a_template_file_alone_reaches_pdf_xlsx_json_and_db(extra_column_template, tmp_path):
    from openpyxl import load_workbook

    from perfdesk.excel import export_project_xlsx
    from perfdesk.store import open_project, save_project

    form = _hunan_form(extra_column_template)
    form.fields = {}
    form.tree[0].children[0].indicators[0].extras = {"数据来源": "统计年报"}
    text = "".join(_render(form).page_texts()[0].split())
    assert "数据来源" in text and "统计年报" in text
    project = jsonform.loads(jsonform.dumps(Project([form])))  # JSON
    assert project.forms[0].template == "test-source"
    save_project(project, tmp_path / "t.db")  # .db
    back = open_project(tmp_path / "t.db").forms[0]
    assert next(back.iter_indicators())[2].extras == {"数据来源": "统计年报"}
    export_project_xlsx(project, tmp_path / "t.xlsx")  # xlsx
    sheet = load_workbook(tmp_path / "t.xlsx").worksheets[0]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "数据来源" in cells and "统计年报" in cells
