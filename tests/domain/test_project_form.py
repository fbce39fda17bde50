"""The project kind as data: its templates, JSON and .db round trips, period and sums."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from perfdesk.domain import jsonform, ops
from perfdesk.domain.forms import get_template
from perfdesk.domain.model import Goal, Level1, Project
from perfdesk.domain.project import Period, fund_mismatches, parse_period, period_of, side_caption
from perfdesk.errors import FileReadError
from perfdesk.store.project_file import open_project, save_project
from tests.project_forms import mof_project, yth_project


def test_both_project_templates_are_declared_with_their_sides():
    mof = get_template("mof-2015-project")
    yth = get_template("yth-project")
    assert mof is not None and yth is not None and mof.kind == yth.kind == "project"
    assert mof.block("indicators").horizons == ("mid", "year")
    assert yth.block("indicators").horizons == ("year",)
    assert yth.block("goals").side("mid").label == "项目总目标"
    assert [f.label for f in yth.fields if f.printed] == [
        "项目名称", "主管部门", "实施单位", "项目负责人及电话", "项目性质", "计划开始日期", "计划完成日期"]
    assert "year.carryover" in [c.key for c in yth.block("funds").columns]
    assert mof.field("项目属性").options == ("新增项目", "延续项目")


def test_json_has_the_contract_of_the_issue_and_round_trips_byte_identically():
    text = jsonform.dumps(Project([mof_project(), yth_project()]))
    data = json.loads(text)
    mof, yth = data["forms"]
    assert mof["kind"] == "project" and mof["template"] == "mof-2015-project" and mof["year"] == 2027
    assert mof["fields"]["项目期"] == "2026年—2028年"
    assert mof["funds"] == {"mid": {"total": "360.00", "fiscal": "300.00", "other": "60.00"},
                            "year": {"total": "120.00", "fiscal": "100.00", "other": "20.00"}}
    assert mof["goals"]["mid"][0].startswith("三年内") and len(mof["goals"]["year"]) == 2
    horizons = {i["horizon"] for i in mof["indicators"]}
    assert horizons == {"mid", "year"}
    core = [i["name"] for i in mof["indicators"] if i.get("core")]
    assert core == ["培训基层干部人次", "参训学员满意度"]
    assert yth["funds"]["year"]["carryover"] == "2114.51" and yth["funds"]["project_total"] == "77132.58"
    assert jsonform.dumps(jsonform.loads(text)) == text


def test_db_round_trip_keeps_every_project_part(tmp_path):
    project = Project([mof_project(), yth_project()])
    path = tmp_path / "projects.db"
    save_project(project, path)
    again = open_project(path)
    assert jsonform.dumps(again) == jsonform.dumps(project)
    assert again.forms[0].tree_mid[0].children[0].indicators[0].value == "≥3600人次"


def test_words_in_a_fund_cell_are_kept_and_the_sum_rule_is_not_judged_on_them():
    form = mof_project()
    form.funds["mid.other"] = "约60"
    text = jsonform.dumps(Project([form]))
    assert jsonform.loads(text).forms[0].funds["mid.other"] == "约60"
    assert fund_mismatches(form, set(form.funds)) == []


def test_sum_rules_find_a_total_that_is_not_its_parts():
    form = yth_project()
    declared = {c.key for c in get_template("yth-project").block("funds").columns}
    assert fund_mismatches(form, declared) == []
    form.funds["year.carryover"] = "2000.00"
    (found,) = fund_mismatches(form, declared)
    assert found.total_key == "year.total" and found.parts_sum == Decimal("22500.00")


def test_period_is_read_from_the_typed_text_or_the_planned_dates():
    assert parse_period("2026年—2028年") == Period(2026, 2028)
    assert parse_period("２０２４－２０２６") == Period(2024, 2026)
    assert parse_period("2024年1月至2026年12月") == Period(2024, 2026)
    assert parse_period("三年") is None
    assert period_of(yth_project()) == Period(2024, 2028)
    assert side_caption("中期目标（{start}年—{end}年）", mof_project()) == "中期目标（2026年—2028年）"


def test_a_mid_indicator_on_a_department_table_is_refused_by_name():
    bad = {"format": "perfdesk", "version": 1, "forms": [
        {"kind": "department_overall", "indicators": [
            {"horizon": "mid", "level1": "产出指标", "level2": "数量指标", "name": "x", "value": "1"}]}]}
    with pytest.raises(FileReadError) as caught:
        jsonform.loads(json.dumps(bad))
    assert "中期" in str(caught.value) and "第1张表指标第1项" in str(caught.value)


def test_ops_reach_the_mid_side_the_funds_and_the_fields():
    form = mof_project()
    project = Project([form])
    before = jsonform.dumps(project)
    node1 = form.tree_mid[0]
    steps = [
        ops.SetField(form.id, "funds", None, "mid.total", "400"),
        ops.SetField(form.id, "fields", None, "项目属性", "新增项目"),
        ops.InsertNode(form.id, "goal", ops.MID, 0, Goal("中期新目标")),
        ops.InsertNode(form.id, "level1", ops.MID, 9, Level1("成本指标")),
        ops.SetField(form.id, "indicator", node1.children[0].indicators[0].id, "core", True),
        ops.MoveNode(form.id, "level1", node1.id, ops.MID, 5),
    ]
    inverses = [step.apply(project) for step in steps]
    assert form.funds["mid.total"] == "400" and form.goals_mid[0].text == "中期新目标"
    assert form.tree_mid[-1] is node1 and node1.children[0].indicators[0].core
    assert len(form.tree) == 3  # the 年度 side untouched
    for inverse in reversed(inverses):
        inverse.apply(project)
    assert jsonform.dumps(project) == before


def test_the_readme_project_example_imports_as_documented():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("### 项目支出绩效目标表（`\"kind\": \"project\"`）", 1)[1].split("```json", 1)[1]
    example = json.loads(block.split("```", 1)[0])
    project = jsonform.project_from_dict({"format": "perfdesk", "version": 1, "forms": [example]})
    form = project.forms[0]
    assert form.fund("mid.total") == Decimal("360.00") and form.fields["项目属性"] == "延续项目"
    assert form.tree_mid[0].name == "产出指标" and form.tree[0].children[0].indicators[0].core
