from __future__ import annotations

import json
from decimal import Decimal

import pytest

from perfdesk.domain import jsonform
from perfdesk.domain.model import Goal, Indicator, Project, Task, new_form
from perfdesk.errors import FileReadError
from perfdesk.sample import sample_project


def test_round_trip_is_byte_identical_for_sample():
    text = jsonform.dumps(sample_project())
    assert jsonform.dumps(jsonform.loads(text)) == text


def test_typed_value_survives_and_canonical_is_printed():
    form = new_form(2023, "测试单位")
    form.ensure_group("产出指标", "数量指标").indicators.append(Indicator("培训人数", ">= 1,200 人"))
    data = json.loads(jsonform.dumps(Project([form])))
    item = data["forms"][0]["indicators"][0]
    assert item["value"] == "≥1200人"
    assert item["typed"] == ">= 1,200 人"
    assert item["parsed"] == {"kind": "number", "comparator": "≥", "number": "1200", "unit": "人"}
    again = jsonform.loads(jsonform.dumps(Project([form])))
    assert again.forms[0].tree[0].children[0].indicators[0].value == ">= 1,200 人"


def test_empty_groups_of_a_new_form_survive():
    form = new_form(2024, "新单位")
    text = jsonform.dumps(Project([form]))
    back = jsonform.loads(text).forms[0]
    assert [(l1.name, [l2.name for l2 in l1.children]) for l1 in back.tree] == [
        (l1.name, [l2.name for l2 in l1.children]) for l1 in form.tree
    ]
    assert back.indicator_count() == 0 and len(back.tree) == 3


def test_amounts_are_exact_decimal_strings():
    form = new_form(2023, "单位")
    form.tasks.append(Task("任务", "内容", Decimal("123456789.123456"), Decimal("0.10"), None))
    form.goals.append(Goal("目标"))
    data = json.loads(jsonform.dumps(Project([form])))
    assert data["forms"][0]["tasks"][0]["total"] == "123456789.123456"
    assert data["forms"][0]["tasks"][0]["fiscal"] == "0.10"
    assert data["forms"][0]["tasks"][0]["other"] is None
    assert jsonform.loads(jsonform.dumps(Project([form]))).forms[0].tasks[0].fiscal == Decimal("0.10")


def test_words_in_an_amount_survive_a_round_trip():
    project = sample_project()
    project.forms[0].tasks[1].fiscal = None
    project.forms[0].tasks[1].unparsed = {"fiscal": "约100"}
    text = jsonform.dumps(project)
    assert '"fiscal": "约100"' in text
    back = jsonform.loads(text).forms[0].tasks[1]
    assert (back.fiscal, back.unparsed) == (None, {"fiscal": "约100"})
    assert jsonform.dumps(jsonform.loads(text)) == text


def test_json_number_amounts_are_read_exactly():
    text = '{"format":"perfdesk","version":1,"forms":[{"year":2022,"tasks":[{"name":"a","total":0.1}]}]}'
    assert jsonform.loads(text).forms[0].tasks[0].total == Decimal("0.1")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("not json", "JSON 格式错误"),
        ('{"format":"perfdesk","version":1,"forms":[{"year":2022},]}', "第 1 行第 57 列附近，缺少值或多了逗号"),
        ('{"format":"perfdesk" "version":1}', "缺少逗号"),
        ("  \n", "是空的"),
        ('{"format":"other"}', "不是 perfdesk"),
        ('{"format":"perfdesk","version":99,"forms":[]}', "更新版本"),
        ('{"format":"perfdesk","version":1,"forms":[{"tasks":[{"total":true}]}]}', "第1张表任务第1行"),
        ('{"format":"perfdesk","version":1,"forms":[{"year":"2022"}]}', "year"),
        ('{"format":"perfdesk","version":1,"forms":[{"indicators":[{"name":5}]}]}', "指标第1项"),
    ],
)
def test_bad_json_names_the_place(text, fragment):
    with pytest.raises(FileReadError) as err:
        jsonform.loads(text)
    assert fragment in str(err.value)
    if "格式错误" in fragment or "逗号" in fragment:  # json's own English message is not passed on
        assert not any(c.isascii() and c.isalpha() for c in str(err.value).replace("JSON", "")), str(err.value)
