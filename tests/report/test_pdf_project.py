"""A 项目支出绩效目标表 printed on its official grid, read back from the PDF (both templates)."""

from __future__ import annotations

import pytest
from conftest import A4_WIDTH, RenderedPdf, bundled_options
from project_forms import mof_project, yth_project

from perfdesk.domain.forms import get_template
from perfdesk.domain.model import Goal, Indicator
from perfdesk.report import render_form_pdf_bytes, render_forms_pdf
from perfdesk.report.grid import Metrics
from perfdesk.report.project_grid import ProjectGrid, project_grid
from perfdesk.sample import sample_project


def squeeze(text: str) -> str:
    return "".join(text.split())


def grid_of(template_id: str) -> ProjectGrid:
    template = get_template(template_id)
    assert template is not None
    return project_grid(A4_WIDTH, Metrics(), template.block("indicators"))


def render(form) -> RenderedPdf:
    return RenderedPdf(render_form_pdf_bytes(form, bundled_options()))


def in_order(haystack: str, needles: list[str]) -> bool:
    position = 0
    for needle in needles:
        found = haystack.find(squeeze(needle), position)
        if found < 0:
            return False
        position = found + len(squeeze(needle))
    return True


@pytest.fixture(scope="module")
def mof_pdf() -> RenderedPdf:
    return render(mof_project())


@pytest.fixture(scope="module")
def yth_pdf() -> RenderedPdf:
    return render(yth_project())


def test_mof_project_title_header_fields_and_amounts(mof_pdf):
    form = mof_project()
    pages = mof_pdf.page_texts()
    assert len(pages) == 1
    text = squeeze(pages[0])
    assert text.startswith("项目支出绩效目标申报表（2027年度）")
    g = grid_of("mof-2015-project")
    # 项目名称 c2–c8; 主管部门及代码 | 实施单位 and 项目属性 | 项目期 two to a row, labels in c1 and c5.
    assert in_order(mof_pdf.column_text(g.x0, g.inner_x0),
                    ["项目名称", "主管部门及代码", "项目属性", "项目资金（万元）", "总体目标", "绩效指标"])
    assert in_order(mof_pdf.column_text(g.split, g.label2_end), ["实施单位", "项目期"])
    left = [form.fields[k] for k in ("项目名称", "主管部门及代码", "项目属性")]
    assert in_order(mof_pdf.column_text(g.inner_x0, g.split), left)
    assert in_order(mof_pdf.column_text(g.label2_end, g.x1), [form.fields[k] for k in ("实施单位", "项目期")])
    # 中期 cells in c2–c4, 年度 cells in c5–c8, each label left of its amount.
    mid_labels = mof_pdf.column_text(g.inner_x0, g.amounts[0])
    mid_amounts = mof_pdf.column_text(g.amounts[0], g.split)
    year_labels = mof_pdf.column_text(g.split, g.amounts[1])
    year_amounts = mof_pdf.column_text(g.amounts[1], g.x1)
    assert in_order(mid_labels, ["中期资金总额", "其中：财政拨款", "其他资金"])
    assert in_order(mid_amounts, ["360.00", "300.00", "60.00"])
    assert in_order(year_labels, ["实施单位", "项目期", "年度资金总额", "其中：财政拨款", "其他资金"])
    assert in_order(year_amounts, ["120.00", "100.00", "20.00"])
    assert "项目资金（万元）" in mof_pdf.column_text(g.x0, g.inner_x0)


def test_mof_amounts_keep_their_decimals_and_words_are_printed_as_typed():
    form = mof_project()
    form.funds.update({"mid.total": "360", "mid.fiscal": "300.125", "year.other": "约20"})
    g = grid_of("mof-2015-project")
    pdf = render(form)
    assert in_order(pdf.column_text(g.amounts[0], g.split), ["360.00", "300.125", "60.00"])
    assert in_order(pdf.column_text(g.amounts[1], g.x1), ["120.00", "100.00", "约20"])


def test_mof_goals_sit_under_their_captions_numbered(mof_pdf):
    g = grid_of("mof-2015-project")
    mid = mof_pdf.column_text(g.inner_x0, g.goal_split)
    year = mof_pdf.column_text(g.goal_split, g.x1)
    assert in_order(mid, ["中期目标（2026年—2028年）", "目标1：三年内轮训全县基层干部3600人次",
                          "目标2：建成县级干部培训课程库"])
    assert in_order(year, ["年度目标", "目标1：全年培训基层干部1200人次", "目标2：培训合格率不低于95%"])
    assert "全年培训" not in mid and "三年内轮训" not in year
    assert "总体目标" in mof_pdf.column_text(g.x0, g.inner_x0)


def test_mof_indicators_both_sides_in_their_columns_with_core_stars(mof_pdf):
    form = mof_project()
    g = grid_of("mof-2015-project")
    mid, year = g.sides
    assert (mid.key, year.key) == ("mid", "year")
    level1 = mof_pdf.column_text(*g.level1)
    assert in_order(level1, ["一级指标", "产出指标", "效益指标", "满意度指标"])
    for side, horizon in ((mid, "mid"), (year, "year")):
        e = side.edges
        level2 = mof_pdf.column_text(e[0], e[1])
        names = mof_pdf.column_text(e[1], e[2])
        values = mof_pdf.column_text(e[2], e[3])
        rows = list(form.iter_indicators(horizon))
        assert in_order(level2, ["二级指标"] + list(dict.fromkeys(l2.name for _, l2, _ in rows)))
        assert in_order(names, ["三级指标"] + [("★" if i.core else "") + i.name for _, _, i in rows])
        assert in_order(values, ["指标值"] + [i.parsed.canonical for _, _, i in rows])
    assert "★" not in mof_pdf.column_text(mid.edges[1], mid.edges[2])  # the 中期 rows are not core
    assert "可持续影响" not in mof_pdf.column_text(mid.edges[0], mid.edges[1])  # 年度 only
    assert "中期指标" in mof_pdf.column_text(mid.edges[0], mid.edges[-1])
    assert "年度指标" in mof_pdf.column_text(year.edges[0], year.edges[-1])
    assert squeeze(mof_pdf.page_texts()[0].splitlines()[-1]) == "第1页共1页"
    assert "填报单位（盖章）：" in mof_pdf.page_texts()[-1]


def test_each_side_merges_its_own_level2_cells(mof_pdf):
    """产出指标 has 3 rows on the 中期 side and 5 on the 年度 side: each side's 数量指标 is one box
    over that side's own rows; the 中期 side is padded with empty rows inside the 一级 group."""
    g = grid_of("mof-2015-project")
    tops: dict[tuple[str, str], float] = {}
    with mof_pdf.open() as pdf:
        page = pdf.pages[0]
        for side in g.sides:
            for word in page.within_bbox((side.edges[0], 0, side.edges[1], page.height)).extract_words():
                tops[(side.key, word["text"])] = word["top"]
        # Grid lines crossing the 中期 三级 column inside the 产出 group: 3 rows + 2 padding rows.
        top, bottom = tops[("year", "数量指标")] - 30, tops[("year", "成本指标")] + 20
        x = (g.sides[0].edges[1] + g.sides[0].edges[2]) / 2
        rules = {round(e["top"]) for e in page.edges
                 if e["orientation"] == "h" and e["x0"] <= x <= e["x1"] and top <= e["top"] <= bottom}
    # The 年度 数量指标 box spans two 三级 rows, the 中期 one a single row: its label sits lower.
    assert tops[("year", "数量指标")] > tops[("mid", "数量指标")]
    # 成本指标 is the 中期 side's third row and the 年度 side's fifth.
    assert tops[("year", "成本指标")] > tops[("mid", "成本指标")] + 30
    assert len(rules) == 6  # the top of the group, the rules between its 5 rows, its bottom


def test_yth_project_header_funds_goals_and_one_sided_grid(yth_pdf):
    form = yth_project()
    text = squeeze(yth_pdf.page_texts()[0])
    assert text.startswith("项目支出绩效目标表（2026年度）")
    g = grid_of("yth-project")
    assert in_order(yth_pdf.column_text(g.x0, g.inner_x0),
                    ["项目名称", "主管部门", "项目负责人及电话", "计划开始日期", "项目资金（万元）", "项目绩效目标",
                     "绩效指标"])
    assert in_order(yth_pdf.column_text(g.split, g.label2_end), ["实施单位", "项目性质", "计划完成日期"])
    assert in_order(yth_pdf.column_text(g.inner_x0, g.split),
                    [form.fields[k] for k in ("项目名称", "主管部门", "项目负责人及电话", "计划开始日期")])
    assert in_order(yth_pdf.column_text(g.label2_end, g.x1),
                    [form.fields[k] for k in ("实施单位", "项目性质", "计划完成日期")])
    assert len(g.sides) == 1
    left_labels = yth_pdf.column_text(g.inner_x0, g.amounts[0])
    left_amounts = yth_pdf.column_text(g.amounts[0], g.split)
    right_labels = yth_pdf.column_text(g.split, g.amounts[1])
    right_amounts = yth_pdf.column_text(g.amounts[1], g.x1)
    assert in_order(left_labels, ["项目资金总额", "其中：财政资金"])
    assert in_order(left_amounts, ["77132.58", "77132.58"])
    assert in_order(right_labels, ["年度资金申请总额", "其中：当年财政拨款", "上年结转资金", "其他资金"])
    assert in_order(right_amounts, ["22614.51", "20000.00", "2114.51", "500.00"])
    assert in_order(yth_pdf.column_text(g.inner_x0, g.goal_split),
                    ["项目总目标", "目标1：五年内完成全区公共文化设施提标改造"])
    assert in_order(yth_pdf.column_text(g.goal_split, g.x1),
                    ["年度总体目标", "目标1：完成12处设施日常运维", "目标2：设施完好率不低于98%"])
    e = g.sides[0].edges
    rows = list(form.iter_indicators("year"))
    assert in_order(yth_pdf.column_text(*g.level1), ["一级指标", "产出指标", "效益指标", "满意度指标"])
    assert in_order(yth_pdf.column_text(e[0], e[1]), ["二级指标", "数量指标", "质量指标", "服务对象满意度指标"])
    names = ["三级指标"] + [("★" if i.core else "") + i.name for *_, i in rows]
    assert in_order(yth_pdf.column_text(e[1], e[2]), names)
    assert in_order(yth_pdf.column_text(e[2], e[3]), ["年度指标值"] + [i.parsed.canonical for *_, i in rows])
    assert "中期" not in text


def long_project():
    form = mof_project()
    for tree, count in ((form.tree, 14), (form.tree_mid, 9)):
        for level1 in tree:
            for level2 in level1.children[:2]:
                level2.indicators += [Indicator(f"{level2.name[:2]}补充{k}", f"≥{k}个", core=k % 4 == 0)
                                      for k in range(count)]
    form.goals_mid += [Goal(f"中期补充目标{k}") for k in range(4)]
    return form


def test_a_long_project_spans_pages_with_headers_repeated_and_groups_continued():
    form = long_project()
    pdf = render(form)
    pages = pdf.page_texts()
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert squeeze(text.splitlines()[-1]) == f"第{number}页共{len(pages)}页"
    for text in pages[1:]:
        lines = [squeeze(line) for line in text.splitlines()]
        # 一级指标 is merged over both header rows: it reads between them.
        assert "".join(lines[:3]) == "中期指标年度指标一级指标二级指标三级指标指标值二级指标三级指标指标值"
    g = grid_of("mof-2015-project")
    with pdf.open() as document:
        second = document.pages[1]

        def band(x0: float, x1: float) -> str:
            return squeeze(second.within_bbox((x0, 0, x1, second.height)).extract_text())

        assert "绩效指标（续）" in band(g.x0, g.inner_x0)
        assert "（续）" in band(*g.level1)
        assert "（续）" in band(g.sides[1].edges[0], g.sides[1].edges[1])
    names = pdf.column_text(g.sides[1].edges[1], g.sides[1].edges[2])
    assert in_order(names, [("★" if i.core else "") + i.name for *_, i in form.iter_indicators("year")])
    assert "填报日期：" in pages[-1]


def test_all_forms_in_one_pdf_each_from_a_new_page_numbered_on_its_own(tmp_path):
    forms = [sample_project().forms[0], long_project(), yth_project()]
    out = tmp_path / "all.pdf"
    counts = render_forms_pdf(forms, out, bundled_options())
    assert counts[0] == 4 and counts[1] >= 3 and counts[2] == 1
    texts = RenderedPdf(out.read_bytes()).page_texts()
    assert len(texts) == sum(counts)
    starts = [0, counts[0], counts[0] + counts[1]]
    titles = ["部门（单位）整体支出绩效目标表", "项目支出绩效目标申报表", "项目支出绩效目标表"]
    for start, title in zip(starts, titles):
        assert squeeze(texts[start].splitlines()[0]) == title
    footers = [squeeze(t.splitlines()[-1]) for t in texts]
    expected = [f"第{n}页共{count}页" for count in counts for n in range(1, count + 1)]
    assert footers == expected


def test_one_form_through_the_many_forms_path_is_the_same_pdf(sample_form, sample_pdf, tmp_path):
    out = tmp_path / "one.pdf"
    assert render_forms_pdf([sample_form], out, bundled_options()) == [4]
    assert out.read_bytes() == sample_pdf.data


def test_an_empty_project_table_prints_a_grid_to_write_on():
    from perfdesk.domain.project import new_project_form

    for template in ("mof-2015-project", "yth-project"):
        text = squeeze(render(new_project_form(2027, template)).page_texts()[0])
        assert "项目名称" in text and "绩效指标" in text and "一级指标" in text
