"""``main.py export-pdf`` as IT staff would run it: a real process and real files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from mainrun import run_main

from perfdesk.report.fonts import bundled_font_path


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_main(*args, cwd=cwd, text=True)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "2022年 绩效目标.db"
    assert run("sample", str(path)).returncode == 0
    return path


def pdf_pages(path: Path) -> list[tuple[int, int]]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [(round(p.width), round(p.height)) for p in pdf.pages]


def test_export_writes_the_pdf_and_nothing_else(sample_db, tmp_path):
    out = tmp_path / "目标表 2022.pdf"
    result = run("export-pdf", str(sample_db), str(out), "--font", str(bundled_font_path()))
    assert result.returncode == 0, result.stderr
    assert "共 4 页" in result.stdout
    assert pdf_pages(out) == [(595, 842)] * 4
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temp file left


def test_landscape_a3_and_overwrite(sample_db, tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old content")
    result = run("export-pdf", str(sample_db), str(out), "--landscape", "--a3", "--font", str(bundled_font_path()))
    assert result.returncode == 0, result.stderr
    assert set(pdf_pages(out)) == {(1191, 842)}


def test_unreadable_input_is_one_chinese_line_and_exit_2(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("hello", encoding="utf-8")
    for source in (tmp_path / "missing.db", text):
        result = run("export-pdf", str(source), str(tmp_path / "x.pdf"))
        assert result.returncode == 2
        assert result.stderr.startswith("错误：") and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_form_number_out_of_range(sample_db, tmp_path):
    result = run("export-pdf", str(sample_db), str(tmp_path / "x.pdf"), "--form", "2")
    assert result.returncode == 2
    assert "只有 1 张表" in result.stderr


def test_unusable_font_is_refused(sample_db, tmp_path):
    otf = tmp_path / "SourceHanSerif.otf"
    otf.write_bytes(b"OTTO" + bytes(100))
    result = run("export-pdf", str(sample_db), str(tmp_path / "x.pdf"), "--font", str(otf))
    assert result.returncode == 2
    assert "无法嵌入" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unwritable_target_exits_3(sample_db, tmp_path):
    result = run("export-pdf", str(sample_db), str(tmp_path / "no such folder" / "x.pdf"))
    assert result.returncode == 3
    assert result.stderr.startswith("错误：无法保存到")


def unprintable_db(tmp_path: Path) -> Path:
    from perfdesk.domain.model import Indicator
    from perfdesk.sample import sample_project
    from perfdesk.store import save_project

    project = sample_project()
    form = project.forms[0]
    form.department = "巴州 ئۇيغۇر 单位😀"
    form.tasks[0].name = "镕喆堃昇珺玥 𠀀"
    form.tree[0].children[0].indicators.append(Indicator("培训人数\U000f0000", "≥10人"))
    path = tmp_path / "glyphs.db"
    save_project(project, path)
    return path


def test_export_warns_which_characters_in_which_cell_will_not_print(tmp_path):
    out = tmp_path / "out.pdf"
    result = run("export-pdf", str(unprintable_db(tmp_path)), str(out), "--font", str(bundled_font_path()))
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 2, result.stderr
    assert warnings[0].startswith("警告：【部门（单位）名称】") and "“😀”（U+1F600）" in warnings[0]
    assert "培训人数" in warnings[1] and "U+F0000" in warnings[1]
    # GBK, Extension B and Uyghur have glyphs: not reported.
    assert "镕" not in result.stderr and "𠀀" not in result.stderr and "ئ" not in result.stderr


def test_validate_lists_unprintable_characters_as_a_warning(tmp_path):
    import json

    result = run("validate", "--json", str(unprintable_db(tmp_path)))
    records = [r for r in json.loads(result.stdout) if r["rule_id"] == "print.missing_glyph"]
    assert [(r["place"], r["severity"]) for r in records] == [
        ("部门（单位）名称", "警告"),
        (records[1]["place"], "警告"),
    ]
    assert records[1]["place"].endswith("培训人数\U000f0000") and "U+F0000" in records[1]["message"]


def test_export_warns_when_the_forms_template_is_not_installed(tmp_path):
    import sqlite3

    db = tmp_path / "s.db"
    assert run_main("sample", str(db)).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE form SET template = 'shaanxi-2030'")
    conn.commit()
    conn.close()
    result = run_main("export-pdf", str(db), str(tmp_path / "s.pdf"), text=True)
    assert result.returncode == 0 and "表样“shaanxi-2030”在本机没有定义" in result.stderr
