"""绩效自评表 generated from a project table: the worked example (FORM-SPEC-WAVE2 §2.5) end to end,
the JSON and .db round trips, and 与目标表同步."""

from __future__ import annotations

import json
from decimal import Decimal as D

from perfdesk.domain import jsonform, self_eval
from perfdesk.domain.model import Indicator
from perfdesk.store.project_file import open_project, save_project
from tests.self_eval_forms import WORKED, filled, training_project


def test_generation_copies_the_year_rows_goals_header_and_links_each_row():
    project = training_project()
    source = project.forms[0]
    form = self_eval.generate(source)
    assert (form.kind, form.template, form.year, form.source_form) == ("self_evaluation", "mof-2020", 2024, source.id)
    assert form.fields["项目名称"] == "某培训项目" and form.fields["主管部门"] == "某县人社局（101）"
    assert form.funds["total.initial"] == "100.00" and form.funds["total.weight"] == "10"
    pairs = [(row.name, row.value) for _, _, row in form.iter_indicators()]
    assert pairs == [(name, target) for _, name, target, *_ in WORKED]
    ids = {row.id for _, _, row in source.iter_indicators()}
    assert {row.extras["source"] for _, _, row in form.iter_indicators()} == ids
    weights = [D(row.extras["weight"]) for _, _, row in form.iter_indicators()]
    assert sum(weights) == 90  # 产出 50 + 效益 30 + 满意度 10; the budget row's 10 makes 100


def test_the_worked_example_totals_92_00_linear_and_92_11_ratio():
    form = filled(training_project())
    scored = self_eval.score_form(form)
    assert scored.budget.score == D("9.50")
    assert (scored.total.total, scored.total.grade) == (D("92.00"), "优")
    form.reverse_mode = "ratio"
    assert self_eval.score_form(form).total.total == D("92.11")


def test_json_round_trip_is_byte_identical_and_carries_the_contract():
    project = training_project()
    filled(project)
    text = jsonform.dumps(project)
    data = json.loads(text)["forms"][1]
    assert data["kind"] == "self_evaluation" and data["profile"] == "central-2020" and data["source_form"] == 1
    assert data["funds"][0] == {"row": "年度资金总额", "initial": "100.00", "full_year": "120.00",
                                "executed": "114.00", "weight": "10"}
    assert (data["total_score"], data["grade"], data["budget_score"]) == ("92.00", "优", "9.50")
    quality = next(i for i in data["indicators"] if i["name"] == "培训质量")
    assert quality["band"] == "达成年度指标" and quality["score"] == "10.00" and quality["source_row"] == 3
    assert jsonform.dumps(jsonform.loads(text)) == text
    again = jsonform.loads(text)
    assert self_eval.score_form(again.forms[1]).total.total == D("92.00")
    first_row = next(again.forms[1].iter_indicators())[2]
    assert first_row.extras["source"] == next(again.forms[0].iter_indicators())[2].id


def test_db_round_trip_keeps_profile_mode_and_links(tmp_path):
    project = training_project()
    filled(project).reverse_mode = "ratio"
    save_project(project, tmp_path / "p.db")
    again = open_project(tmp_path / "p.db")
    assert jsonform.dumps(again) == jsonform.dumps(project)
    assert self_eval.score_form(again.forms[1]).total.total == D("92.11")


def test_sync_shows_changed_added_and_removed_targets_and_is_undoable():
    project = training_project()
    form = filled(project)
    source = project.forms[0]
    rows = [row for _, _, row in source.iter_indicators()]
    rows[0].value = "≥1100人次"  # 调整 of a target
    source.tree[0].children[0].indicators.append(Indicator("新增培训班次", "≥5期"))
    source.tree[2].children[0].indicators.clear()  # the 满意度 row is gone
    before = jsonform.dumps(project)
    changes, op = self_eval.sync_plan(project, form)
    assert sorted((c.what, c.name) for c in changes) == [
        ("added", "新增培训班次"), ("removed", "参训人员满意度"), ("value", "培训人次")]
    assert [c.destructive for c in changes if c.what == "removed"] == [True]
    inverse = op.apply(project)
    names = [row.name for _, _, row in form.iter_indicators()]
    assert "新增培训班次" in names and "参训人员满意度" not in names
    assert next(form.iter_indicators())[2].value == "≥1100人次"
    assert next(form.iter_indicators())[2].extras["actual"] == "950人次"  # what was typed stays
    inverse.apply(project)
    assert jsonform.dumps(project) == before


def test_the_readme_self_evaluation_example_imports_and_scores_as_documented():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("### 绩效自评表（`\"kind\": \"self_evaluation\"`）", 1)[1].split("```json", 1)[1]
    example = json.loads(block.split("```", 1)[0])
    example["source_form"] = None  # the example shows one form of a file
    project = jsonform.project_from_dict({"format": "perfdesk", "version": 1, "forms": [example]})
    form = project.forms[0]
    scored = self_eval.score_form(form)
    assert scored.budget.score == D("9.50") and scored.rows[next(form.iter_indicators())[2].id].score == D("14.25")
