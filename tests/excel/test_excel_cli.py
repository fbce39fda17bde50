"""``export-xlsx`` / ``import-xlsx`` run as real processes on real files."""

from __future__ import annotations

import subprocess

import pytest
from mainrun import run_main
from test_xlsx_builders import province_workbook


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_main(*args, env=env, text=True)


def test_export_then_import_gives_the_same_json(tmp_path):
    db, xlsx, back = tmp_path / "a.db", tmp_path / "表.xlsx", tmp_path / "b.db"
    assert run("sample", str(db)).returncode == 0
    exported = run("export-xlsx", str(db), str(xlsx))
    assert exported.returncode == 0 and "已导出" in exported.stdout
    imported = run("import-xlsx", str(xlsx), str(back))
    assert imported.returncode == 0, imported.stderr
    assert "完整还原" in imported.stdout and "已写入项目" in imported.stdout
    first = run("export-json", str(db), "-").stdout
    second = run("export-json", str(back), "-").stdout
    assert first == second


def test_import_prints_what_was_recognised(tmp_path):
    source = province_workbook(tmp_path / "p.xlsx")
    result = run("import-xlsx", str(source), str(tmp_path / "p.db"))
    assert result.returncode == 0, result.stderr
    assert "名称对照：二级指标“进度指标”→“时效指标”" in result.stdout
    assert "⚠ 金额合计" in result.stdout


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
        (b"just text", "不是 Excel 工作簿"),
    ],
    ids=["xls", "text"],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, content, expected):
    source = tmp_path / "in.xlsx"
    source.write_bytes(content)
    out = tmp_path / "out.db"
    result = run("import-xlsx", str(source), str(out))
    assert result.returncode == 2
    assert expected in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlsx"]


def test_disabled_xml_protection_refuses_to_import(tmp_path):
    db, xlsx = tmp_path / "a.db", tmp_path / "a.xlsx"
    run("sample", str(db))
    run("export-xlsx", str(db), str(xlsx))
    result = run("import-xlsx", str(xlsx), str(tmp_path / "b.db"), env={"OPENPYXL_DEFUSEDXML": "False"})
    assert result.returncode == 2 and "XML 安全防护" in result.stderr
    assert not (tmp_path / "b.db").exists()


def test_export_of_a_missing_project_and_to_a_missing_folder(tmp_path):
    missing = run("export-xlsx", str(tmp_path / "none.db"), str(tmp_path / "x.xlsx"))
    assert missing.returncode == 2 and "找不到文件" in missing.stderr
    db = tmp_path / "a.db"
    run("sample", str(db))
    unwritable = run("export-xlsx", str(db), str(tmp_path / "no" / "x.xlsx"))
    assert unwritable.returncode == 3 and "找不到文件夹" in unwritable.stderr


def test_a_project_file_goes_through_excel_and_back_byte_identical(tmp_path):
    """A .db of 88号 and 一体化 project tables: export-xlsx, import-xlsx, the same JSON."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from project_forms import mof_project, yth_project

    from perfdesk.domain import jsonform
    from perfdesk.domain.model import Project

    source, db, xlsx, back = tmp_path / "p.json", tmp_path / "p.db", tmp_path / "项目.xlsx", tmp_path / "b.db"
    source.write_text(jsonform.dumps(Project([mof_project(), yth_project()])), encoding="utf-8")
    assert run("import-json", str(source), str(db)).returncode == 0
    assert run("export-xlsx", str(db), str(xlsx)).returncode == 0
    imported = run("import-xlsx", str(xlsx), str(back))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.count("完整还原") == 2
    assert run("export-json", str(back), "-").stdout == source.read_text(encoding="utf-8")
