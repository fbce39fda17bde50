"""``main.py validate``: what a clerk's IT staff sees, in a real process on real files."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path

from mainrun import run_main

from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, Project, Task
from perfdesk.sample import sample_project
from perfdesk.store import save_project


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_main(*args, env=env)


def clean_form_with_one_warning() -> Form:
    """A small correct table whose only remark is a 三级 without a unit (a warning)."""
    indicators = {
        ("产出指标", "数量指标"): [Indicator("举办招聘会场次", "≥12场"), Indicator("发放宣传资料", "=5000")],
        ("产出指标", "质量指标"): [Indicator("求职登记信息准确率", "≥98%")],
        ("产出指标", "时效指标"): [Indicator("补贴发放及时率", "=100%")],
        ("产出指标", "成本指标"): [Indicator("招聘会场地租赁费", "≤20万元")],
        ("效益指标", "社会效益指标"): [Indicator("城镇登记失业率", "≤4.5%")],
        ("满意度指标", "服务对象满意度指标"): [Indicator("求职人员满意度", "≥90%")],
    }
    tree: list[Level1] = []
    for (level1, level2), items in indicators.items():
        node = next((n for n in tree if n.name == level1), None) or Level1(level1)
        if node not in tree:
            tree.append(node)
        node.children.append(Level2(level2, items))
    return Form(year=2024, department="某市就业服务中心", framework="2015",
                tasks=[Task("就业服务", "开展招聘会和职业指导。", Decimal("120"), Decimal("100"), Decimal("20"))],
                goals=[Goal("目标1：稳定就业形势。")], tree=tree)


def write(tmp_path: Path, *forms: Form) -> Path:
    path = tmp_path / "项目.db"
    save_project(Project(list(forms)), path)
    return path


def test_sample_lists_errors_first_with_a_summary_and_exits_1(tmp_path):
    db = tmp_path / "示例.db"
    assert run("sample", str(db)).returncode == 0
    result = run("validate", str(db))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1
    assert out.index("错误（3）") < out.index("警告（8）") < out.index("提示（30）")
    assert "【产出指标 › 时效指标 › 设备采购完成时间】日期 2022年11月31日 不存在（11月只有30天）" in out
    assert "可一键修正：二级指标改为“服务对象满意度指标”" in out
    assert out.strip().endswith("共 3 个错误、8 个警告、30 个提示")
    assert result.stderr == b""


def test_json_lists_every_problem_with_its_place(tmp_path):
    db = tmp_path / "s.db"
    run("sample", str(db))
    result = run("validate", str(db), "--json")
    assert result.returncode == 1
    records = json.loads(result.stdout.decode("utf-8"))
    assert len(records) == 41
    assert set(records[0]) >= {"form", "rule_id", "severity", "place", "field", "message"}
    errors = [(r["rule_id"], r["place"], r["field"]) for r in records if r["severity"] == "错误"]
    assert ("value.date_impossible", "产出指标 › 时效指标 › 设备采购完成时间", "value") in errors
    assert ("name.doubled_word", "产出指标 › 成本指标 › 政府采购成本成本", "name") in [
        (r["rule_id"], r["place"], r["field"]) for r in records if r["severity"] == "警告"]
    assert {r["form"] for r in records} == {1}


def test_warnings_alone_exit_0(tmp_path):
    db = write(tmp_path, clean_form_with_one_warning())
    result = run("validate", str(db))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert "发放宣传资料" in out and "计量单位" in out
    assert out.strip().endswith("共 0 个错误、1 个警告、0 个提示")
    assert json.loads(run("validate", str(db), "--json").stdout)[0]["rule_id"] == "value.no_unit"


def test_form_option_picks_one_form_of_a_project(tmp_path):
    db = write(tmp_path, sample_project().forms[0], clean_form_with_one_warning())
    both = run("validate", str(db))
    assert both.returncode == 1
    assert "全部 2 张表：共 3 个错误、9 个警告、30 个提示" in both.stdout.decode("utf-8")
    second = run("validate", str(db), "--form", "2", "--json")
    assert second.returncode == 0
    assert [r["form"] for r in json.loads(second.stdout)] == [2]
    missing = run("validate", str(db), "--form", "3")
    assert missing.returncode == 2
    assert "只有 2 张表" in missing.stderr.decode("utf-8")


def test_unreadable_file_is_one_chinese_line_and_exit_2(tmp_path):
    bad = tmp_path / "坏文件.db"
    bad.write_text("not a database", encoding="utf-8")
    for path in (bad, tmp_path / "缺失.db"):
        result = run("validate", str(path))
        err = result.stderr.decode("utf-8")
        assert result.returncode == 2
        assert err.startswith("错误：") and len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert result.stdout == b""


def test_gbk_console_never_crashes_and_json_stays_exact(tmp_path):
    db = tmp_path / "s.db"
    run("sample", str(db))
    gbk = {"PYTHONIOENCODING": "gbk"}
    human = run("validate", str(db), env=gbk)
    assert human.returncode == 1
    text = human.stdout.decode("gbk")
    assert "Traceback" not in human.stderr.decode("gbk", "replace")
    assert "日期 2022年11月31日 不存在" in text and "共 3 个错误" in text
    as_json = run("validate", str(db), "--json", env=gbk)
    assert as_json.returncode == 1
    records = json.loads(as_json.stdout.decode("gbk"))
    assert "产出指标 › 时效指标 › 设备采购完成时间" in [r["place"] for r in records]  # '›' is not in GBK
