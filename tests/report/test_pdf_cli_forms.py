"""``export-pdf`` over a file of several forms: --form N, --all, --each DIR, and no flag (black box)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from mainrun import run_main
from project_forms import mof_project, yth_project

from perfdesk.report.fonts import bundled_font_path

FONT = ("--font", str(bundled_font_path()))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_main(*args, text=True)


def page_texts(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return ["".join((page.extract_text() or "").split()) for page in pdf.pages]


def save(forms, path: Path) -> Path:
    from perfdesk.domain.model import Project
    from perfdesk.store import save_project

    save_project(Project(forms), path)
    return path


@pytest.fixture(scope="module")
def three_db(tmp_path_factory) -> Path:
    from perfdesk.sample import sample_project

    path = tmp_path_factory.mktemp("forms") / "三张表.db"
    return save([sample_project().forms[0], mof_project(), yth_project()], path)


def test_form_n_prints_that_form_alone(three_db, tmp_path):
    out = tmp_path / "2.pdf"
    result = run("export-pdf", str(three_db), str(out), "--form", "2", *FONT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"已导出 PDF：{out}（2027年 基层干部能力提升培训，共 1 页）"
    (text,) = page_texts(out)
    assert text.startswith("项目支出绩效目标申报表（2027年度）项目名称基层干部能力提升培训")
    assert "中期目标（2026年—2028年）" in text and "★培训基层" in text  # the name wraps with the column width


def test_all_prints_every_form_each_from_a_new_page(three_db, tmp_path):
    out = tmp_path / "all.pdf"
    result = run("export-pdf", str(three_db), str(out), "--all", *FONT)
    assert result.returncode == 0, result.stderr
    texts = page_texts(out)
    assert len(texts) == 6
    assert f"已导出 PDF：{out}（3 张表，共 6 页" in result.stdout
    assert "第3张表：2026年 城市公共文化设施运维 项目支出绩效目标表，1 页" in result.stdout
    assert texts[0].startswith("部门（单位）整体支出绩效目标表（2022年）")
    assert texts[4].startswith("项目支出绩效目标申报表（2027年度）")
    assert texts[5].startswith("项目支出绩效目标表（2026年度）")
    footers = ["第1页共4页", "第2页共4页", "第3页共4页", "第4页共4页", "第1页共1页", "第1页共1页"]
    assert all(text.endswith(footer) for text, footer in zip(texts, footers))
    assert "只导出一张" not in result.stdout


def test_no_flag_on_a_file_of_several_forms_prints_them_all_and_says_so(three_db, tmp_path):
    out = tmp_path / "default.pdf"
    result = run("export-pdf", str(three_db), str(out), *FONT)
    assert result.returncode == 0, result.stderr
    assert len(page_texts(out)) == 6
    assert "文件中有多张表，已全部导出；只导出一张请加 --form N" in result.stdout


def test_each_writes_one_pdf_per_form_named_after_it(three_db, tmp_path):
    folder = tmp_path / "新建文件夹" / "PDF"  # created when missing
    result = run("export-pdf", str(three_db), "--each", str(folder), *FONT)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["新疆巴州人力资源和社会保障局.pdf", "基层干部能力提升培训.pdf", "城市公共文化设施运维.pdf"])
    assert page_texts(folder / "城市公共文化设施运维.pdf")[0].startswith("项目支出绩效目标表（2026年度）")
    assert len(page_texts(folder / "新疆巴州人力资源和社会保障局.pdf")) == 4
    assert len(result.stdout.strip().splitlines()) == 3


def test_each_makes_names_safe_for_windows_and_distinct(tmp_path):
    forms = [mof_project(), mof_project(), mof_project(), mof_project(), yth_project()]
    forms[0].fields["项目名称"] = forms[1].fields["项目名称"] = "道路/桥梁: 维修*“一期”?"
    forms[2].fields["项目名称"] = "CON"
    forms[3].fields["项目名称"] = " ... "
    db = save(forms, tmp_path / "p.db")
    result = run("export-pdf", str(db), "--each", str(tmp_path / "out"), *FONT)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(["道路_桥梁_ 维修_“一期”_.pdf", "道路_桥梁_ 维修_“一期”_（2）.pdf", "CON_.pdf",
                            "第4张表.pdf", "城市公共文化设施运维.pdf"])


def test_form_number_out_of_range_names_the_count(three_db, tmp_path):
    for number in ("4", "0"):
        result = run("export-pdf", str(three_db), str(tmp_path / "x.pdf"), "--form", number)
        assert result.returncode == 2
        assert result.stderr.strip() == f"错误：“三张表.db”中只有 3 张表，没有第 {number} 张"
    assert not (tmp_path / "x.pdf").exists()


def test_each_into_a_folder_that_cannot_be_made_exits_3(three_db, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("x", encoding="utf-8")
    result = run("export-pdf", str(three_db), "--each", str(blocker / "pdf"))
    assert result.returncode == 3
    assert result.stderr.startswith("错误：无法保存到") and len(result.stderr.strip().splitlines()) == 1
    result = run("export-pdf", str(three_db), "--each", str(blocker))
    assert result.returncode == 3 and "不是文件夹" in result.stderr


def test_out_and_each_are_asked_for_one_at_a_time(three_db, tmp_path):
    missing = run("export-pdf", str(three_db))
    assert missing.returncode == 1 and missing.stderr.startswith("错误：缺少输出文件 OUT.pdf")
    both = run("export-pdf", str(three_db), str(tmp_path / "x.pdf"), "--each", str(tmp_path / "d"))
    assert both.returncode == 1 and "用 --each 时不要再写输出文件" in both.stderr
    clash = run("export-pdf", str(three_db), str(tmp_path / "x.pdf"), "--all", "--form", "1")
    assert clash.returncode == 2 and clash.stderr.startswith("参数错误")
    assert not list(tmp_path.iterdir())
