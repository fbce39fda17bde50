"""Form kinds and province templates are data: the shipped ones load, bad ones are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mainrun import run_main

from perfdesk.domain import forms
from perfdesk.domain.forms import DeclarationError
from perfdesk.domain.forms.loading import load_all
from perfdesk.paths import resources_dir


@pytest.fixture
def template_dir(tmp_path, monkeypatch):
    """A site folder of extra templates, as ``PERFDESK_TEMPLATES_DIR`` names it."""
    folder = tmp_path / "templates"
    folder.mkdir()
    monkeypatch.setenv("PERFDESK_TEMPLATES_DIR", str(folder))
    forms.reload()
    yield folder
    monkeypatch.delenv("PERFDESK_TEMPLATES_DIR")
    forms.reload()


def _write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_mof_2015_is_the_default_department_table_as_printed_today():
    template = forms.default_template("department_overall")
    assert template is not None and template.id == "mof-2015"
    assert template.title == "部门（单位）整体支出绩效目标表"
    assert template.heading(2022) == ("部门（单位）整体支出绩效目标表", "（2022年）")
    assert [b.label for b in template.blocks] == ["年度主要任务", "年度总体目标", "年度绩效指标"]
    tasks = template.block("tasks")
    assert [c.label for c in tasks.columns] == ["任务名称", "主要内容", "总额", "财政拨款", "其他资金"]
    assert tasks.total_row == "金额合计" and tasks.group_label == "预算金额（万元）"
    assert [c.label for c in template.indicator_columns] == ["指标值"]
    assert template.extra_indicator_columns == () and template.extra_fields == ()
    assert template.orientation == "portrait"


def test_mof_2015_agrees_with_the_constants_the_renderers_use_today():
    """Until every layer reads the declaration, it must say what the code prints."""
    from perfdesk.domain.model import PEOPLE_LABELS
    from perfdesk.report.grid import Columns

    template = forms.get_template("mof-2015")
    assert {s.key: s.label for s in template.signature} == PEOPLE_LABELS
    columns = Columns(0.0, 100.0 + 10.0, 10.0)  # 100 points of inner width
    task_widths = [c.width for c in template.block("tasks").columns]
    edges = columns.task_edges
    assert [round(b - a, 2) for a, b in zip(edges, edges[1:])] == [round(100 * w, 2) for w in task_widths]
    grid = template.block("indicators")
    widths = [lv.width for lv in grid.levels] + [c.width for c in grid.columns]
    edges = columns.indicator_edges
    assert [round(b - a, 2) for a, b in zip(edges, edges[1:])] == [round(100 * w, 2) for w in widths]


def test_the_declared_aliases_cover_every_spelling_the_importer_knows():
    from perfdesk.excel import locate

    template = forms.get_template("mof-2015")

    def keys(*spellings: str) -> set[str]:
        return {locate.label_key(s) for s in spellings}

    tasks = template.block("tasks")
    grid = template.block("indicators")
    department = template.field("department")
    assert locate.DEPARTMENT <= keys(*department.spellings)
    assert locate.TASK_NAME <= keys(*tasks.column("name").spellings)
    assert locate.FISCAL <= keys(*tasks.column("fiscal").spellings)
    assert locate.OTHER <= keys(*tasks.column("other").spellings)
    assert locate.GOALS <= keys(*template.block("goals").aliases, template.block("goals").label)
    assert locate.LEVEL3 <= keys(grid.levels[2].label, *grid.levels[2].aliases)
    assert locate.VALUE <= keys(*grid.column("value").spellings)
    for field, spellings in locate.PEOPLE.items():
        assert set(spellings) <= set(template.field(field).spellings)


def test_hunan_2023_overlays_the_department_kind():
    template = forms.get_template("hunan-2023")
    assert template.kind == "department_overall" and not template.default
    assert template.title == "年度整体绩效目标表" and template.orientation == "landscape"
    assert not template.has_block("tasks")
    assert template.block("goals").label == "年度总体绩效目标"
    assert "年度总体目标" in template.block("goals").aliases  # the kind's label still imports
    duties = template.field("部门（单位）职责")
    assert duties is not None and duties.required and not duties.builtin
    columns = template.indicator_columns
    assert [c.label for c in columns] == ["指标值类型", "指标值", "计量单位", "指标解释", "评（扣）分标准", "备注"]
    assert {c.label for c in columns if c.required} == {"指标值", "指标解释", "评（扣）分标准"}
    assert columns[0].type == "enum" and columns[0].options == ("定量", "定性")
    # Extras are keyed by the printed label, so a clerk's words are the JSON contract.
    keys = [c.key for c in template.extra_indicator_columns]
    assert keys == ["指标值类型", "计量单位", "指标解释", "评（扣）分标准", "备注"]


def test_goals_are_numbered_once_whatever_the_clerk_typed():
    template = forms.get_template("mof-2015")
    assert template.numbered_goals(["保障运转", "", "目标1：提升服务", "目标 3、加强管理"]) == [
        "目标1：保障运转", "目标2：提升服务", "目标3：加强管理",
    ]


def test_a_site_template_with_one_extra_column_needs_no_code(template_dir):
    _write(template_dir, "test-extra.json", {
        "id": "test-extra", "kind": "department_overall", "name": "测试：多一列",
        "indicator_columns": [
            {"key": "value", "label": "指标值", "type": "target_value", "required": True},
            {"label": "*数据来源：", "type": "text"},
        ],
    })
    template = forms.get_template("test-extra")
    assert template is not None
    assert [(c.key, c.label) for c in template.extra_indicator_columns] == [("数据来源", "*数据来源：")]
    assert forms.default_template("department_overall").id == "mof-2015"
    listing = run_main("templates", env={"PERFDESK_TEMPLATES_DIR": str(template_dir)}, text=True)
    assert listing.returncode == 0
    assert "test-extra" in listing.stdout and "数据来源" in listing.stdout


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"id": "x", "kind": "department_overall", "colour": "red"}, "无法识别的键“colour”"),
        ({"id": "x", "kind": "nonsense"}, "“kind”应为"),
        ({"id": "x", "kind": "department_overall", "indicator_columns": [{"label": "说明", "type": "text"}]},
         "缺少指标值列"),
        ({"id": "x", "kind": "department_overall", "indicator_columns": [
            {"key": "value", "label": "指标值", "type": "target_value"}, {"label": "类型", "type": "enum"}]},
         "应给出“options”"),
        ({"id": "x", "kind": "department_overall", "indicator_columns": [
            {"key": "value", "label": "指标值", "type": "target_value"}, {"label": "类型", "type": "colour"}]},
         "类型“colour”"),
        ({"id": "x", "kind": "department_overall", "remove_blocks": ["budget"]}, "“budget”不是"),
        ({"id": "mof-2015", "kind": "department_overall"}, "“mof-2015”重复"),
        ({"id": "x", "kind": "department_overall", "default": True}, "多个默认模板"),
        ({"id": "x", "kind": "department_overall", "print": {"orientation": "sideways"}}, "portrait 或 landscape"),
        ([1, 2], "“kind”应为"),
    ],
)
def test_a_broken_template_is_refused_with_its_file_and_place(template_dir, data, words):
    _write(template_dir, "broken.json", data)
    with pytest.raises(DeclarationError) as caught:
        load_all(resources_dir())
    assert "broken.json" in str(caught.value) and words in str(caught.value)


def test_the_cli_names_a_broken_template_in_one_chinese_line(template_dir):
    (template_dir / "bad.json").write_text("{not json", encoding="utf-8")
    result = run_main("templates", env={"PERFDESK_TEMPLATES_DIR": str(template_dir)}, text=True)
    assert result.returncode == 1
    assert "bad.json" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
