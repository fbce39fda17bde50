"""Control and direction characters in names: sheet names, 审核 and the console (issue 20, items 9, 10, 14)."""

from __future__ import annotations

import json
import time

import openpyxl
from mainrun import run_main

from perfdesk.domain.model import Project, new_form
from perfdesk.domain.validation import apply_fix, validate_form
from perfdesk.sample import sample_project
from perfdesk.store import save_project

HOSTILE = "巴州\x1b]0;pwned\x07\x1b[2J财政局\x00\u202eexe.fdp"
RAW = ("\x1b", "\x07", "\x00", "\u202e")


def hostile_project() -> Project:
    project = sample_project()
    form = project.forms[0]
    form.department = HOSTILE
    form.tree[0].children[0].indicators[0].name = "培训\u202e率"
    form.goals[0].text += "\x08"
    return project


def test_export_xlsx_with_control_characters_in_the_department_gives_a_readable_workbook(tmp_path):
    db = tmp_path / "p.db"
    save_project(hostile_project(), db)
    out = tmp_path / "o.xlsx"
    assert run_main("export-xlsx", str(db), str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)  # refuses a control character in a sheet name
    assert not any(ch in title for title in wb.sheetnames for ch in "\x1b\x07\x00")
    back = run_main("import-xlsx", str(out), str(tmp_path / "back.db"), text=True)
    assert back.returncode == 0, back.stderr


def test_a_million_character_department_exports_quickly(tmp_path):
    form = new_form(2023, "单" * 1_000_000)
    path = tmp_path / "big.db"
    save_project(Project([form]), path)
    start = time.monotonic()
    result = run_main("export-xlsx", str(path), str(tmp_path / "o.xlsx"), text=True)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - start < 30


def test_validate_flags_control_and_direction_characters_with_a_fix():
    form = hostile_project().forms[0]
    problems = validate_form(form)
    found = {(p.rule_id, p.place.field) for p in problems if p.rule_id.startswith("text.")}
    assert found == {("text.bidi_override", "department"), ("text.bidi_override", "name"),
                     ("text.control_chars", "text")}
    for problem in [p for p in problems if p.rule_id.startswith("text.")]:
        apply_fix(form, problem.fix)
    assert not [p for p in validate_form(form) if p.rule_id.startswith("text.")]
    assert form.department == "巴州]0;pwned[2J财政局exe.fdp"


def test_console_output_never_carries_raw_control_characters(tmp_path):
    db = tmp_path / "p.db"
    save_project(hostile_project(), db)
    outputs = [
        run_main("validate", str(db)),
        run_main("export-pdf", str(db), str(tmp_path / "o.pdf")),
        run_main("sample", str(tmp_path / "s\x1b]0;x\x07.db")),
        run_main("import-xlsx", str(tmp_path / "missing\x1b[2J.xlsx"), str(tmp_path / "x.db")),
        run_main("valid\x1b[2Jate", str(db)),
    ]
    for result in outputs:
        for raw in RAW:
            assert raw.encode("utf-8") not in result.stdout + result.stderr, (raw, result.args)
    assert b"\\u001b" in outputs[0].stdout  # shown, escaped, not dropped
    assert outputs[1].returncode == 0 and b"\\u202e" in outputs[1].stdout
    text = run_main("export-json", str(db), "-", text=True)
    assert json.loads(text.stdout)["forms"][0]["department"] == HOSTILE  # escapes keep the JSON exact
    for raw in RAW:
        assert raw not in text.stdout
