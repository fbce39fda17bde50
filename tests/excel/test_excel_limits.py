"""Workbooks past perfdesk's limits: said so, never silently cut, never gigabytes (issue 20, items 6 and 14)."""

from __future__ import annotations

import time
import zipfile

import openpyxl
import pytest
from mainrun import run_main

from perfdesk.excel import export_project_xlsx
from perfdesk.excel.loading import MAX_COLUMNS, MAX_ROWS
from perfdesk.sample import sample_project
from perfdesk.store import open_project


@pytest.fixture
def exported(tmp_path):
    path = tmp_path / "s.xlsx"
    export_project_xlsx(sample_project(), path)
    return path


@pytest.mark.parametrize("row, column", [(MAX_ROWS + 1, 1), (5, MAX_COLUMNS + 1)])
def test_cells_beyond_the_limits_make_the_import_partial_and_say_so(tmp_path, exported, row, column):
    wb = openpyxl.load_workbook(exported)
    wb.worksheets[0].cell(row, column).value = "表外的内容"
    wb.save(exported)
    out = tmp_path / "o.db"
    result = run_main("import-xlsx", str(exported), str(out), text=True)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "导入不完整" in lines[0] and "Traceback" not in result.stderr
    assert "没有读取这些内容" in result.stdout
    assert open_project(out).forms[0].indicator_count() > 0  # what was read is kept


def _rewrite(path, change) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_a_flood_of_merged_ranges_is_refused_quickly(tmp_path, exported):
    def flood(parts):
        sheet = "xl/worksheets/sheet1.xml"
        cells = b"".join(b'<mergeCell ref="A%d:GR%d"/>' % (i, i) for i in range(1, 165_001))
        head, tail = parts[sheet].split(b"<mergeCells", 1)
        opening, rest = tail.split(b">", 1)
        parts[sheet] = head + b"<mergeCells" + opening + b">" + cells + rest

    _rewrite(exported, flood)
    assert exported.stat().st_size < 2_000_000
    start = time.monotonic()
    result = run_main("import-xlsx", str(exported), str(tmp_path / "o.db"), text=True)
    assert result.returncode == 2 and "合并单元格" in result.stderr, result.stderr
    assert time.monotonic() - start < 30


def test_many_parts_each_under_the_per_part_limit_are_refused_by_their_total(tmp_path, exported):
    def pad(parts):
        for i in range(40):
            parts[f"xl/media/pad{i}.xml"] = b" " * 4_900_000

    _rewrite(exported, pad)
    start = time.monotonic()
    result = run_main("import-xlsx", str(exported), str(tmp_path / "o.db"), text=True)
    assert result.returncode == 2 and "压缩炸弹" in result.stderr, result.stderr
    assert time.monotonic() - start < 30
