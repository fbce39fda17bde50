"""A form records its kind and template; a province template's columns and fields survive every file."""

from __future__ import annotations

import json

from mainrun import run_main

from perfdesk.domain import jsonform

HUNAN = {
    "format": "perfdesk",
    "version": 1,
    "forms": [
        {
            "kind": "department_overall",
            "template": "hunan-2023",
            "year": 2023,
            "department": "湖南省某某局",
            "framework": "2015",
            "people": {"filler_unit": "", "unit_head": "", "finance_head": "", "preparer": "", "phone": "",
                       "fill_date": ""},
            "fields": {"部门（单位）职责": "负责全省职业技能培训的组织实施。"},
            "tasks": [],
            "goals": ["完成职业技能培训1000人次。"],
            "groups": [{"level1": "产出指标", "level2": ["数量指标"]}],
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "value": "≥1000人次",
                 "extras": {"指标值类型": "定量", "计量单位": "人次", "指标解释": "全年培训人次",
                            "评（扣）分标准": "未达到按比例扣分", "备注": "按季度统计"}},
            ],
        }
    ],
}


def test_the_sample_says_its_template_and_nothing_else_changed(tmp_path):
    db = tmp_path / "s.db"
    assert run_main("sample", str(db)).returncode == 0
    exported = run_main("export-json", str(db), "-", text=True)
    data = json.loads(exported.stdout)
    assert data["forms"][0]["template"] == "mof-2015" and "fields" not in data["forms"][0]


def test_a_hunan_form_round_trips_json_db_json_byte_identically(tmp_path):
    source = tmp_path / "hunan.json"
    text = jsonform.dumps(jsonform.loads(json.dumps(HUNAN, ensure_ascii=False)))
    source.write_text(text, encoding="utf-8")
    db = tmp_path / "hunan.db"
    assert run_main("import-json", str(source), str(db)).returncode == 0
    back = run_main("export-json", str(db), "-", text=True)
    assert back.returncode == 0 and back.stdout == text
    form = json.loads(back.stdout)["forms"][0]
    assert form["template"] == "hunan-2023"
    assert form["fields"] == {"部门（单位）职责": "负责全省职业技能培训的组织实施。"}
    assert form["indicators"][0]["extras"]["备注"] == "按季度统计"


def test_an_unknown_template_is_refused_with_its_place(tmp_path):
    data = json.loads(json.dumps(HUNAN))
    data["forms"][0]["template"] = "shaanxi-2030"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_main("import-json", str(source), str(tmp_path / "x.db"), text=True)
    assert result.returncode == 2
    assert "第1张表" in result.stderr and "“shaanxi-2030”" in result.stderr and "hunan-2023" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_templates_lists_both_department_templates():
    result = run_main("templates", text=True)
    assert result.returncode == 0
    assert "mof-2015" in result.stdout and "hunan-2023" in result.stdout
    assert "指标值类型、指标值*、计量单位、指标解释*、评（扣）分标准*、备注" in result.stdout
