"""``forms`` and ``self-eval`` as IT staff run them: a real process, one Chinese line on failure."""

from __future__ import annotations

import json

from perfdesk.domain import jsonform
from perfdesk.sample import sample_project
from perfdesk.store import open_project, save_project
from tests.mainrun import run_main
from tests.project_forms import mof_project, yth_project


def _file(tmp_path):
    project = sample_project()
    project.forms += [mof_project(), yth_project()]
    path = tmp_path / "单位项目.db"
    save_project(project, path)
    return path


def test_forms_lists_every_table_with_its_number_kind_and_template(tmp_path):
    result = run_main("forms", str(_file(tmp_path)), text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["1", "部门整体", "mof-2015"], ["2", "项目支出", "mof-2015-project"], ["3", "项目支出", "yth-project"]]
    assert "基层干部能力提升培训" in lines[1]


def test_self_eval_adds_a_linked_self_evaluation_to_the_same_file(tmp_path):
    path = _file(tmp_path)
    result = run_main("self-eval", str(path), "--from", "2", text=True)
    assert result.returncode == 0, result.stderr
    assert "第 4 张表" in result.stdout
    project = open_project(path)
    form = project.forms[3]
    assert (form.kind, form.template, form.source_form) == ("self_evaluation", "mof-2020", project.forms[1].id)
    assert [r.name for _, _, r in form.iter_indicators()] == [r.name for _, _, r in project.forms[1].iter_indicators()]
    data = json.loads(jsonform.dumps(project))["forms"][3]
    assert data["source_form"] == 2 and data["goals"]["expected"] == ["全年培训基层干部1200人次", "培训合格率不低于95%"]


def test_self_eval_refusals_say_why_and_leave_the_file_alone(tmp_path):
    path = _file(tmp_path)
    before = path.read_bytes()
    for args, words, code in (
        (("--from", "9"), "只有 3 张表，没有第 9 张", 2),  # as export-pdf --form 9
        (("--from", "1", "--profile", "nowhere"), "没有“nowhere”这个计分方案", 1),
    ):
        result = run_main("self-eval", str(path), *args, text=True)
        assert result.returncode == code and words in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert run_main("self-eval", str(path), "--from", "2").returncode == 0
    result = run_main("self-eval", str(path), "--from", "4", text=True)
    assert result.returncode == 1 and "只能从项目支出或部门整体绩效目标表生成自评表" in result.stderr
