"""The rendered PDF, read back: text and order, fonts, repeated headers, （续）, metadata."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfdesk import __version__
from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, People, Task
from perfdesk.domain.money import format_amount
from perfdesk.report import render_form_pdf, render_form_pdf_bytes
from perfdesk.sample import sample_project

ROOT = Path(__file__).resolve().parents[2]


def squeeze(text: str) -> str:
    return "".join(text.split())


def assert_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(squeeze(needle), position)
        assert found >= 0, f"“{needle}” missing or out of order (after position {position})"
        position = found + len(squeeze(needle))


def test_sample_text_is_all_there_in_reading_order(sample_form, sample_pdf, a4_columns):
    e = a4_columns.task_edges
    assert_in_order(sample_pdf.column_text(e[0], e[1]), [t.name for t in sample_form.tasks if t.name] + ["金额合计"])
    assert_in_order(sample_pdf.column_text(e[1], e[2]), [t.content for t in sample_form.tasks])
    totals = sample_pdf.column_text(e[2], e[3])
    assert_in_order(totals, [format_amount(t.total) for t in sample_form.tasks] + ["2738.67"])
    goals = sample_pdf.column_text(a4_columns.inner_x0, a4_columns.x1)
    assert_in_order(goals, [f"目标{n}：{g.text}" for n, g in enumerate(sample_form.goals, start=1)])
    i = a4_columns.indicator_edges
    names = sample_pdf.column_text(i[2], i[3])
    values = sample_pdf.column_text(i[3], i[4])
    indicators = [ind for _, _, ind in sample_form.iter_indicators()]
    assert_in_order(names, [ind.name for ind in indicators])
    assert_in_order(values, [ind.parsed.canonical for ind in indicators])
    assert "≥109人" in values and ">=" not in values
    assert_in_order(sample_pdf.column_text(i[0], i[1]), [l1.name for l1 in sample_form.tree])


def test_words_typed_in_an_amount_are_printed_as_typed(render_pdf, a4_columns):
    form = sample_project().forms[0]  # not the shared fixture: this one is changed
    form.tasks[1].fiscal = None
    form.tasks[1].unparsed = {"fiscal": "约100"}
    e = a4_columns.task_edges
    fiscal = render_pdf(form).column_text(e[3], e[4])
    assert_in_order(fiscal, ["1663.73", "约100", "622.00", "338.54", "2624.27"])  # the sum counts numbers only


def test_title_year_department_and_footer(sample_pdf):
    pages = sample_pdf.page_texts()
    first = pages[0].splitlines()
    assert squeeze(first[0]) == "部门（单位）整体支出绩效目标表"
    assert squeeze(first[1]) == "（2022年）"
    assert "新疆巴州人力资源和社会保障局" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert squeeze(text.splitlines()[-1]) == f"第{number}页共{len(pages)}页"


def test_headers_repeat_and_continued_groups_say_so(sample_pdf, a4_columns):
    pages = sample_pdf.page_texts()
    assert len(pages) == 4
    for text in pages[2:]:
        assert squeeze(text.splitlines()[0]) == "一级指标二级指标三级指标指标值"
    with sample_pdf.open() as pdf:
        i = a4_columns.indicator_edges
        page3 = pdf.pages[2]
        level1 = squeeze(page3.within_bbox((i[0], 0, i[1], page3.height)).extract_text())
        level2 = squeeze(page3.within_bbox((i[1], 0, i[2], page3.height)).extract_text())
        label = squeeze(page3.within_bbox((a4_columns.x0, 0, i[0], page3.height)).extract_text())
    assert "产出指标（续）" in level1
    assert "质量指标（续）" in level2
    assert "年度绩效指标（续）" in label


def test_signature_block_is_printed_filled_or_blank(sample_form, render_pdf):
    blank = render_pdf(sample_form).page_texts()[-1]
    for label in ("填报单位（盖章）：", "单位负责人：", "财务负责人：", "填报人：", "联系电话：", "填报日期："):
        assert label in blank
    form = Form(year=2022, department="某局",
                people=People(unit_head="张三", phone="0996-1234567", fill_date="2022年1月5日"))
    filled = squeeze(render_pdf(form).page_texts()[-1])
    assert "单位负责人：张三" in filled and "联系电话：0996-1234567" in filled and "填报日期：2022年1月5日" in filled
    without = squeeze(render_pdf(form, signature_block=False).page_texts()[-1])
    assert "单位负责人" not in without


def _font_dicts(data: bytes) -> list[dict]:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    fonts = []
    for xref in document.xrefs:
        for objid in xref.get_objids():
            obj = resolve1(document.getobj(objid))
            if isinstance(obj, dict) and getattr(obj.get("Type"), "name", None) == "Font":
                fonts.append({k: resolve1(v) for k, v in obj.items()})
    return fonts


def test_every_font_is_an_embedded_truetype_subset(sample_pdf):
    fonts = _font_dicts(sample_pdf.data)
    assert fonts
    for font in fonts:
        assert font["Subtype"].name == "TrueType"
        assert re.fullmatch(r"[A-Z]{6}\+BousungEG-Light-GB", font["BaseFont"].name)
        assert "FontFile2" in font["FontDescriptor"]
    assert b"Helvetica" not in sample_pdf.data


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_reports_every_font_embedded(sample_pdf, tmp_path):
    path = tmp_path / "sample.pdf"
    path.write_bytes(sample_pdf.data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_document_properties(sample_pdf):
    with sample_pdf.open() as pdf:
        meta = pdf.metadata
    assert meta["Title"] == "部门（单位）整体支出绩效目标表（2022年）"
    assert meta["Author"] == "新疆巴州人力资源和社会保障局"
    assert meta["Creator"] == f"perfdesk {__version__}"


def test_same_form_same_bytes(sample_form, sample_pdf, bundled):
    assert render_form_pdf_bytes(sample_form, bundled) == sample_pdf.data
    stream = io.BytesIO()
    assert render_form_pdf(sample_form, stream, bundled) == 4
    assert stream.getvalue() == sample_pdf.data


def test_same_bytes_in_another_process(sample_pdf, tmp_path):
    script = (
        "import sys; from perfdesk.sample import sample_project; "
        "from perfdesk.report import render_form_pdf, PdfOptions; "
        "from perfdesk.report.fonts import bundled_font_path; "
        "render_form_pdf(sample_project().forms[0], sys.argv[1], PdfOptions(font_path=str(bundled_font_path())))"
    )
    out = tmp_path / "again.pdf"
    env = {"PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script, str(out)], check=True, cwd=ROOT, env=env, timeout=120)
    assert out.read_bytes() == sample_pdf.data


def test_page_sizes(sample_form, render_pdf):
    for changes, size in [
        ({}, (595, 842)),
        ({"landscape": True}, (842, 595)),
        ({"page_size": "A3"}, (842, 1191)),
        ({"page_size": "A3", "landscape": True}, (1191, 842)),
    ]:
        with render_pdf(sample_form, **changes).open() as pdf:
            assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == size


def huge_form() -> Form:
    form = Form(year=2023, department="压力测试单位")
    form.goals = [Goal("坚持把稳就业保就业作为工作主线，不断扩大就业规模，提升就业质量。" * 160)]  # 5,000+ characters
    assert len(form.goals[0].text) >= 5000
    form.tasks = [Task("超长任务", "主要内容很长；" * 800, Decimal("1.123456"), Decimal("1.123456"), Decimal("0"))]
    indicators = [Indicator(f"第{n}个三级指标", f">={n}人") for n in range(300)]
    form.tree = [Level1("产出指标", [Level2("数量指标", indicators)])]
    return form


def test_huge_form_builds_with_headers_and_continuations(render_pdf):
    rendered = render_pdf(huge_form())
    pages = rendered.page_texts()
    assert len(pages) > 10
    indicator_pages = [p for p in pages if "个三级指标" in p]
    assert len(indicator_pages) >= 7
    for text in indicator_pages[1:]:
        assert squeeze(text.splitlines()[0]) == "一级指标二级指标三级指标指标值"
        assert "数量指标（续）" in squeeze(text)
    text = squeeze("".join(pages))
    assert "1.123456" in text and "≥299人" in text


def test_unreadable_text_cannot_break_the_build(render_pdf):
    form = Form(department="单位\x00\x07" * 300, people=People(filler_unit="盖章" * 100, phone="1" * 90))
    form.goals = [Goal("x" * 4000), Goal("😀🀄\u200b\ufeff" * 40), Goal("\r\n\t")]
    form.tasks = [Task("名" * 400, "A" * 5000, Decimal("123456789012.123456"))]
    form.tree = [Level1("一" * 2000, [Level2("二" * 4000, [Indicator("三", "值")]), Level2("", [Indicator("", "")])])]
    assert len(render_pdf(form).page_texts()) > 3
    assert len(render_pdf(Form()).page_texts()) == 1


def test_reportlab_runs_its_c_accelerators_where_perfdesk_installs_them():
    """pyproject asks for rl_accel on these machines; without it every PDF takes twice as long."""
    import platform

    from reportlab.lib import rl_accel

    accelerated = type(rl_accel.fp_str).__name__ == "builtin_function_or_method"
    assert accelerated == (platform.machine() in ("x86_64", "AMD64", "aarch64", "arm64"))
