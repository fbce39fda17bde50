"""The hidden perfdesk_data sheet never overrides the visible cells (issue 20, item 8)."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
from mainrun import run_main

from perfdesk.domain import jsonform
from perfdesk.excel import export_project_xlsx, import_xlsx
from perfdesk.excel.embed import CHUNK, DATA_SHEET
from perfdesk.sample import sample_project
from perfdesk.store import open_project


def _tamper(path, change) -> None:
    """Edit the hidden JSON record, keeping its (public) fingerprint of the visible sheet."""
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    parts = []
    column = 2
    while isinstance(ws.cell(2, column).value, str):
        parts.append(ws.cell(2, column).value)
        ws.cell(2, column).value = None
        column += 1
    data = json.loads("".join(parts))
    change(data["form"])
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    for i in range(0, len(text), CHUNK):
        ws.cell(2, 2 + i // CHUNK).value = text[i : i + CHUNK]
    wb.save(path)


def test_edited_hidden_amounts_and_department_lose_to_the_visible_cells(tmp_path):
    original = sample_project()
    path = tmp_path / "s.xlsx"
    export_project_xlsx(original, path)

    def change(form):
        form["department"] = "另一个单位"
        for task in form["tasks"]:
            if task["total"] is not None:
                task["total"] = str(Decimal(task["total"]) * 10)

    _tamper(path, change)
    result = import_xlsx(path)
    form, source = result.project.forms[0], original.forms[0]
    assert form.department == source.department
    assert [t.total for t in form.tasks] == [t.total for t in source.tasks]
    assert not any("完整还原" in note for note in result.notes)
    assert any("不一致" in note and "以表格中看得见的内容为准" in note for note in result.notes)
    # Through the CLI: the report says so, and the project holds the visible values.
    out = tmp_path / "p.db"
    run = run_main("import-xlsx", str(path), str(out), text=True)
    assert run.returncode == 0 and "不一致" in run.stdout
    assert open_project(out).forms[0].department == source.department


def test_an_untouched_export_is_still_restored_losslessly(tmp_path):
    original = sample_project()
    original.forms[0].tree[0].children[0].indicators[0].value = ">=109人"  # typed, not canonical
    path = tmp_path / "s.xlsx"
    export_project_xlsx(original, path)
    result = import_xlsx(path)
    assert jsonform.dumps(result.project) == jsonform.dumps(original)
    assert any("完整还原" in note for note in result.notes)
