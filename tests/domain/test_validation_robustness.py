"""validate_form on arbitrary forms: never raises, always sorted, places and fixes are sound."""

from __future__ import annotations

import copy
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, People, Task
from perfdesk.domain.validation import RULES, EditError, Severity, apply_fix, apply_op, fix_op, validate_form
from perfdesk.domain.validation.problems import Edit

CONFIGURABLE = {"tree.level1_empty", "tree.recommended_missing", "tree.empty"}
NAMES = ["工资发放准确率", "政府采购成本成本", " 有空格 ", "", "满意度满意度", "缴纳92-93辞去现职保留公职人员社保费",
         "信息中心网络系统故障率", "年度维护成本增长率", "2020年度完成率", "的的", "人人"]
VALUES = ["=100%", ">=90%", "≥ 1,000 人", "2022年11月31日", "2022年2月29日", "2023-13-01", "12月底前", "90%-95%",
          "≤1663.73万元", "=8小时", "有效提升", "≥90%以上", "=2021年", "≥105%", "≤-5%", "０．５万元", "≤9e99万元",
          "", "  ", "=", "≥百分比", "2022年", "1:1", "≤99999999999999999999999999999999999亿元"]
LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标", " 产出指标", "", "其他指标"]
LEVEL2 = ["数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会效益指标", "服务对象满意度指标",
          "满意度指标", "环境效益指标", "进度指标", "数量指标 ", "", "自定义指标"]
CHARS = "0123456789０１２.．,，%％=＝<>≤≥年月日号底前万元人次天小时率成本满意度 -:~　"

text = st.text(alphabet=CHARS, max_size=16)
names = st.one_of(st.sampled_from(NAMES), text, st.text(max_size=30))
values = st.one_of(st.sampled_from(VALUES), text)
amounts = st.one_of(
    st.none(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-10**6, max_value=10**9, places=8),
    st.sampled_from([Decimal("0"), Decimal("0.00"), Decimal("1E+999999"), Decimal("-0"), Decimal("sNaN")]),
)
indicators = st.builds(Indicator, names, values)
level2s = st.builds(Level2, st.one_of(st.sampled_from(LEVEL2), st.text(max_size=8)), st.lists(indicators, max_size=5))
# Real pairs, including the legacy 二级 names that get a rename fix.
PAIRS = [("产出指标", "数量指标"), ("产出指标", "进度指标"), ("效益指标", "环境效益指标"), ("满意度指标", "满意度指标"),
         ("满意度指标", "社会公众或服务对象满意度指标"), ("满意度指标", "服务对象满意度指标"),
         ("成本指标", "经济成本指标")]
paired = st.builds(lambda pair, inds: Level1(pair[0], [Level2(pair[1], inds)]),
                   st.sampled_from(PAIRS), st.lists(indicators, max_size=3))
level1s = st.one_of(
    st.builds(Level1, st.one_of(st.sampled_from(LEVEL1), st.text(max_size=8)), st.lists(level2s, max_size=5)), paired)
tasks = st.builds(Task, names, st.text(max_size=10), amounts, amounts, amounts)
forms = st.builds(
    Form,
    year=st.one_of(st.none(), st.integers(-10**6, 10**6), st.integers(2018, 2026)),
    department=st.one_of(st.sampled_from(["", " 某局 ", "某局"]), st.text(max_size=10)),
    framework=st.sampled_from(["2015", "2021", "", "1999"]),
    people=st.builds(People, phone=st.text(max_size=12), fill_date=values),
    tasks=st.lists(tasks, max_size=5),
    goals=st.lists(st.builds(Goal, st.one_of(st.sampled_from(["", "目标1：稳就业。"]), st.text(max_size=10))),
                   max_size=4),
    tree=st.lists(level1s, max_size=4),
)


def document_positions(form: Form) -> dict[tuple[str, str | None], int]:
    """Print order, computed independently of the engine."""
    keys: list[tuple[str, str | None]] = [("header", "department"), ("header", "year"), ("header", "framework"),
                                          ("form", "tasks")]
    keys += [("task", t.id) for t in form.tasks] + [("form", "goals")] + [("goal", g.id) for g in form.goals]
    keys.append(("form", "tree"))
    for l1 in form.tree:
        keys.append(("level1", l1.id))
        for l2 in l1.children:
            keys.append(("level2", l2.id))
            keys += [("indicator", i.id) for i in l2.indicators]
    keys += [("form", name) for name in People.field_names()]
    positions: dict[tuple[str, str | None], int] = {}
    for key in keys:
        positions.setdefault(key, len(positions))
    return positions


def ids_of(form: Form) -> dict[str, set[str]]:
    return {
        "task": {t.id for t in form.tasks},
        "goal": {g.id for g in form.goals},
        "level1": {l1.id for l1 in form.tree},
        "level2": {l2.id for l1 in form.tree for l2 in l1.children},
        "indicator": {i.id for _, _, i in form.iter_indicators()},
    }


@given(forms)
def test_any_form_validates_sorted_with_real_places_and_chinese_messages(form):
    problems = validate_form(form)
    positions = document_positions(form)
    ids = ids_of(form)
    keys = []
    for problem in problems:
        assert problem.rule_id in RULES
        if problem.rule_id not in CONFIGURABLE:
            assert problem.severity is RULES[problem.rule_id].severity
        place = problem.place
        if place.kind in ("form", "header"):
            assert place.ref_id is None
        else:
            assert place.ref_id in ids[place.kind]
        assert place.label and re.search(r"[\u4e00-\u9fff]", problem.message)
        keys.append((problem.severity.rank, positions[(place.kind, place.ref_id or place.field)]))
    assert keys == sorted(keys)


@settings(max_examples=80)  # each example re-validates once per fix; 80 already reaches every kind of fix
@given(forms)
def test_every_fix_applies_and_clears_its_own_problem(form):
    before = validate_form(form)
    for problem in before:
        if problem.fix is None:
            continue
        assert problem.fix.label and problem.fix.edits
        trial = copy.deepcopy(form)
        undo = apply_fix(trial, problem.fix)
        where = (problem.rule_id, problem.place.kind, problem.place.ref_id, problem.place.field)
        assert where not in {(p.rule_id, p.place.kind, p.place.ref_id, p.place.field) for p in validate_form(trial)}
        apply_op(trial, undo)
        assert [(p.rule_id, p.place) for p in validate_form(trial)] == [(p.rule_id, p.place) for p in before]


def test_an_edit_with_a_stale_id_is_refused_before_anything_changes():
    form = Form(year=2022, department=" 某局 ")
    stale = Edit("indicator", "no-such-id", "value", "≥90%")
    with pytest.raises(EditError):
        apply_op(form, fix_op(form, (Edit("form", None, "department", "某局"), stale)))
    assert form.department == " 某局 "


def test_severity_sorts_errors_first():
    assert sorted([Severity.HINT, Severity.ERROR, Severity.WARNING], reverse=True) == [
        Severity.ERROR, Severity.WARNING, Severity.HINT]
    assert Severity.ERROR.value == "错误" and Severity.WARNING.value == "警告" and Severity.HINT.value == "提示"
