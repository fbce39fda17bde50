"""The 绩效自评表 printed: nine columns on A4 landscape, every computed figure on paper."""

from __future__ import annotations

from conftest import RenderedPdf, bundled_options

from perfdesk.report import render_form_pdf_bytes
from tests.self_eval_forms import filled, training_project


def _rendered(mode: str = "") -> RenderedPdf:
    project = training_project()
    form = filled(project, reasons=True)
    form.reverse_mode = mode
    form.fields = {**form.fields, "实际完成情况": "全年培训950人次，长效机制已建立"}
    return RenderedPdf(render_form_pdf_bytes(form, bundled_options()))


def test_the_worked_example_prints_its_figures_total_and_grade_on_landscape():
    pdf = _rendered()
    with pdf.open() as doc:
        assert doc.pages[0].width > doc.pages[0].height  # A4 landscape
        text = "".join("".join((page.extract_text() or "").split()) for page in doc.pages)
    for expected in ("项目支出绩效自评表", "（2024年度）", "某培训项目", "主管部门", "实施单位",
                     "年初预算数", "全年预算数", "执行率", "（B/A）", "95.00%", "9.50",
                     "预期目标", "实际完成情况", "目标1：全年培训1000人次", "全年培训950人次，长效机制已建立",
                     "(50分)", "(30分)", "(10分)", "实际完成值（B）", "偏差原因分析及改进措施",
                     "14.25", "4.75", "9.00", "11.00", "13.50", "部分学员因工作冲突未能参训",
                     "总分", "92.00", "自评等级：优"):
        assert expected in text, expected
    assert "—" in text  # the 其中 rows carry no 分值 or 得分


def test_ratio_mode_prints_its_own_scores():
    with _rendered("ratio").open() as doc:
        text = "".join("".join((page.extract_text() or "").split()) for page in doc.pages)
    assert "92.11" in text and "4.77" in text and "9.09" in text


def test_the_total_row_prints_the_weights_as_they_add_up():
    from perfdesk.domain import self_eval

    project = training_project()
    project.forms[0].tree[2].children[0].indicators.clear()  # no 满意度 row
    form = self_eval.generate(project.forms[0])
    with RenderedPdf(render_form_pdf_bytes(form, bundled_options())).open() as doc:
        words = doc.pages[-1].extract_words()
    total = next(w for w in words if w["text"] == "总分")
    same_line = [w["text"] for w in words if abs(w["top"] - total["top"]) < 3]
    assert "90" in same_line and "100" not in same_line
    assert "0.00" not in same_line and not any("差" in word for word in same_line)  # nothing scored yet
