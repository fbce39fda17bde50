"""perfdesk's own 绩效自评表 export comes back: whole from the hidden record, and from the visible cells
when that record is gone. Formula cells (得分, 执行率, 总分) are computed, never read as typed."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import openpyxl

from perfdesk.domain import jsonform, self_eval
from perfdesk.domain.validation import validate_form
from perfdesk.excel import export_project_xlsx, import_xlsx
from tests.self_eval_forms import filled, training_project


def _exported(tmp_path):
    project = training_project()
    filled(project, reasons=True)
    path = tmp_path / "自评.xlsx"
    export_project_xlsx(project, path)
    return project, path


def _without_data_sheet(path, out):
    wb = openpyxl.load_workbook(path)
    del wb["perfdesk_data"]
    wb.save(out)
    return out


def test_the_hidden_record_restores_the_self_evaluation_and_its_link_to_the_target(tmp_path):
    project, path = _exported(tmp_path)
    result = import_xlsx(path)
    assert jsonform.project_to_dict(result.project) == jsonform.project_to_dict(project)
    target, form = result.project.forms
    assert form.source_form == target.id
    assert any("已按原始数据完整还原" in n and "三级指标 8 个" in n for n in result.notes)


def _comparable(form_dict):
    """A form as JSON, its 指标分类 without rows left out (the printed sheet shows no empty group)."""
    return {**form_dict, "groups": None}


def test_the_visible_cells_alone_give_back_every_figure_and_the_same_scores(tmp_path):
    project, path = _exported(tmp_path)
    result = import_xlsx(_without_data_sheet(path, tmp_path / "visible.xlsx"))
    original = jsonform.project_to_dict(project)["forms"][1]
    back = jsonform.project_to_dict(result.project)["forms"][1]
    assert _comparable(back) == _comparable(original)  # fields, money, goals, rows, typed scores, links
    form = result.project.forms[1]
    assert self_eval.score_form(form).total.total == Decimal("92.00")
    # the formulas were not read as typed scores: only the 定性 rows carry one, as in the original
    typed = {ind.name for _, _, ind in form.iter_indicators() if "score" in ind.extras}
    assert typed == {"培训质量", "参训人员技能提升", "培训长效机制"}
    assert "填报总分" not in form.fields and result.unplaced == []
    assert not [p for p in validate_form(form, project=result.project) if p.rule_id == "self.score_differs"]


def _with_saved_total(path, out, value):
    """The workbook as if Excel had saved a (wrong) result for the 总分 formula."""
    source = zipfile.ZipFile(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data, count = re.subn(rb"(<f>ROUND\(SUM\([^<]*</f>)<v\s*/>", rb"\g<1><v>" + value + rb"</v>", data)
                assert count == 1
            target.writestr(item, data)
    out.write_bytes(buffer.getvalue())
    return out


def test_a_formula_s_saved_result_is_compared_never_kept_as_typed(tmp_path):
    _, path = _exported(tmp_path)
    visible = _without_data_sheet(path, tmp_path / "visible.xlsx")
    result = import_xlsx(_with_saved_total(visible, tmp_path / "saved.xlsx", b"91.5"))
    form = result.project.forms[1]
    assert "填报总分" not in form.fields
    assert any("表中公式结果总分 91.50，按规则计算 92.00" in n for n in result.notes)


def test_an_edited_export_keeps_its_scoring_profile_from_the_hidden_record(tmp_path):
    project = training_project()
    form = filled(project, reasons=True)
    form.reverse_mode = "ratio"
    path = tmp_path / "ratio.xlsx"
    export_project_xlsx(project, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[1]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "部分学员因工作冲突未能参训，下年度增加晚间班次")
    cell.value = "部分学员因工作冲突未能参训"
    wb.save(path)
    result = import_xlsx(path)
    back = result.project.forms[1]
    assert any("被修改过" in n for n in result.notes)
    assert back.reverse_mode == "ratio" and self_eval.score_form(back).total.total == Decimal("92.11")
    row = next(i for _, _, i in back.iter_indicators() if i.name == "培训人次")
    assert row.extras["deviation"] == "部分学员因工作冲突未能参训"
