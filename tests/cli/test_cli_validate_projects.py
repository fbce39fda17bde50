"""``main.py validate`` on a department's project file: its 部门整体 table and its project tables."""

from __future__ import annotations

import json
from pathlib import Path

from mainrun import run_main
from project_forms import mof_project, yth_project

from perfdesk.domain.model import Project
from perfdesk.sample import sample_project
from perfdesk.store import save_project


def three_forms(tmp_path: Path) -> Path:
    """The sample 部门整体 table (its own errors) and two project tables with one error each."""
    mof = mof_project()
    mof.funds["mid.other"] = "50.00"  # 中期资金总额 360.00 ≠ 300.00 + 50.00
    yth = yth_project()
    yth.fields["计划完成日期"] = "2025年12月31日"
    yth.tree[0].children[2].indicators[0].value = "2026年11月30日前"  # 培训完成时间 after 计划完成日期
    path = tmp_path / "项目文件.db"
    save_project(Project([sample_project().forms[0], mof, yth]), path)
    return path


def test_every_form_is_checked_and_each_message_names_its_form_row_and_column(tmp_path):
    db = three_forms(tmp_path)
    result = run_main("validate", str(db), text=True)
    assert result.returncode == 1 and result.stderr == ""
    out = result.stdout
    department = sample_project().forms[0].department
    assert f"【第1张表“{department}” › 产出指标 › 时效指标 › 设备采购完成时间】日期 2022年11月31日 不存在" in out
    lines = [line for line in out.splitlines() if line.lstrip()[:1].isdigit() and "【" in line]
    assert lines and all("张表“" in line for line in lines), [line for line in lines if "张表“" not in line]
    assert ("【第2张表“基层干部能力提升培训” › 项目资金（万元） › 中期资金总额】"
            "中期资金总额 360.00 ≠ 其中：财政拨款 + 其他资金 = 350.00") in out
    assert ("【第3张表“城市公共文化设施运维” › 产出指标 › 时效指标 › 培训完成时间 › 年度指标值】"
            "日期 2026年11月30日前 晚于计划完成日期 2025年12月31日") in out
    assert "部门（单位）名称" not in out.split("第2张表：")[1]  # no 部门整体 rule on the project tables
    assert "全部 3 张表：" in out


def test_json_names_each_form_and_one_form_can_be_picked(tmp_path):
    db = three_forms(tmp_path)
    records = json.loads(run_main("validate", str(db), "--json", text=True).stdout)
    errors = {(r["form"], r["form_name"], r["rule_id"]) for r in records if r["severity"] == "错误"}
    assert (2, "基层干部能力提升培训", "funds.sum_mismatch") in errors
    assert (3, "城市公共文化设施运维", "project.date_outside_period") in errors
    assert {r["form"] for r in records if r["severity"] == "错误"} == {1, 2, 3}
    second = run_main("validate", str(db), "--form", "2", "--json", text=True)
    assert second.returncode == 1
    assert {(r["form"], r["rule_id"]) for r in json.loads(second.stdout) if r["severity"] == "错误"} == {
        (2, "funds.sum_mismatch")}
