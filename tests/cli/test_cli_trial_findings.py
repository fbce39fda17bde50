"""What a first-time user of the CLI noticed: counts that forgot the 中期 side, and a 自评表 named by a blank unit."""

from __future__ import annotations

import json

from perfdesk.domain import jsonform
from perfdesk.domain.model import Project
from perfdesk.sample import sample_project
from perfdesk.store import save_project
from tests.mainrun import run_main
from tests.project_forms import mof_project


def _sides(form) -> tuple[int, int]:
    return (sum(1 for _ in form.iter_indicators("mid")), sum(1 for _ in form.iter_indicators("year")))


def test_every_summary_counts_the_mid_side_of_a_project_table(tmp_path):
    department, project = sample_project().forms[0], mof_project()
    mid, year = _sides(project)
    assert mid > 0 and year > 0
    total = department.indicator_count() + mid + year
    source = tmp_path / "in.json"
    source.write_text(jsonform.dumps(Project([department, project])), encoding="utf-8")
    db, xlsx = tmp_path / "两张表.db", tmp_path / "两张表.xlsx"
    for args in (("import-json", str(source), str(db)), ("export-xlsx", str(db), str(xlsx)),
                 ("import-xlsx", str(xlsx), str(tmp_path / "back.db"))):
        result = run_main(*args, text=True)
        assert result.returncode == 0, result.stderr
        assert f"2 张表，{total} 个三级指标" in result.stdout, (args, result.stdout)
    listed = run_main("forms", str(db), text=True).stdout.splitlines()
    assert listed[1].split("\t")[-1] == f"{mid + year} 个三级指标（中期 {mid}、年度 {year}）"
    assert listed[0].split("\t")[-1] == f"{department.indicator_count()} 个三级指标"


def test_validate_names_a_project_self_evaluation_by_its_project(tmp_path):
    db = tmp_path / "自评.db"
    save_project(Project([mof_project()]), db)
    assert run_main("self-eval", str(db), "--from", "1").returncode == 0
    result = run_main("validate", str(db), text=True)
    assert "第2张表“基层干部能力提升培训”" in result.stdout
    assert "（未填写单位）" not in result.stdout
    result = run_main("validate", str(db), "--json", text=True)
    names = {problem["form_name"] for problem in json.loads(result.stdout) if problem["form"] == 2}
    assert names == {"基层干部能力提升培训"}


def test_an_unknown_kind_in_json_names_the_kinds_that_are_known(tmp_path):
    data = json.loads(jsonform.dumps(Project([mof_project()])))
    data["forms"][0]["kind"] = "projects"  # one letter too many, as a clerk's script might write it
    source = tmp_path / "错.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_main("import-json", str(source), str(tmp_path / "x.db"), text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "“projects”" in result.stderr
    assert all(kind in result.stderr for kind in ("department_overall", "project", "self_evaluation"))
