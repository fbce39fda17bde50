"""Domain operations: every edit has an exact inverse, stale addresses change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.domain import jsonform
from perfdesk.domain.model import Goal, Indicator, Level2, Task
from perfdesk.domain.ops import (
    Batch,
    InsertForm,
    InsertNode,
    MoveForm,
    MoveNode,
    OpError,
    RemoveForm,
    RemoveNode,
    SetField,
    copy_node,
    locate,
)
from perfdesk.sample import sample_project


def _state(project) -> str:
    return jsonform.dumps(project)


def test_setting_a_cell_and_undoing_it():
    project = sample_project()
    form = project.forms[0]
    task = form.tasks[0]
    before = _state(project)
    inverse = SetField(form.id, "task", task.id, "fiscal", Decimal("12.5")).apply(project)
    assert task.fiscal == Decimal("12.5")
    inverse.apply(project)
    assert _state(project) == before


def test_an_amount_typed_over_words_clears_the_words_and_undo_brings_them_back():
    project = sample_project()
    form = project.forms[0]
    task = form.tasks[0]
    SetField(form.id, "task", task.id, "unparsed", {"other": "约一百"}).apply(project)
    SetField(form.id, "task", task.id, "other", None).apply(project)
    before = _state(project)
    inverse = SetField(form.id, "task", task.id, "other", Decimal("100")).apply(project)
    assert task.other == Decimal("100") and "other" not in task.unparsed
    inverse.apply(project)
    assert task.unparsed == {"other": "约一百"} and task.other is None
    assert _state(project) == before


def test_an_extra_column_is_set_in_extras_and_emptying_it_removes_the_key():
    project = sample_project()
    form = project.forms[0]
    _, _, indicator = next(form.iter_indicators())
    inverse = SetField(form.id, "indicator", indicator.id, "指标解释", "在职人员").apply(project)
    assert indicator.extras == {"指标解释": "在职人员"}
    inverse.apply(project)
    assert indicator.extras == {}


def test_a_stale_address_raises_and_changes_nothing():
    project = sample_project()
    form = project.forms[0]
    before = _state(project)
    with pytest.raises(OpError):
        SetField(form.id, "task", "gone", "name", "x").apply(project)
    with pytest.raises(OpError):
        SetField(form.id, "task", form.tasks[0].id, "colour", "x").apply(project)
    with pytest.raises(OpError):
        SetField(form.id, "task", form.tasks[0].id, "total", 12.5).apply(project)  # a float, not money
    with pytest.raises(OpError):
        MoveNode(form.id, "indicator", form.tree[0].children[0].indicators[0].id, "no such 二级", 0).apply(project)
    with pytest.raises(OpError):
        rename = SetField(form.id, "form", None, "department", "改了")
        Batch((rename, RemoveNode(form.id, "goal", "gone"))).apply(project)
    assert _state(project) == before


def test_forms_are_added_moved_and_removed_undoably():
    project = sample_project()
    before = _state(project)
    twin = copy_node(project.forms[0])
    assert twin.id != project.forms[0].id and twin.tasks[0].id != project.forms[0].tasks[0].id
    undo = [InsertForm(1, twin).apply(project)]
    undo.append(MoveForm(twin.id, 0).apply(project))
    assert project.forms[0] is twin
    undo.append(RemoveForm(project.forms[1].id).apply(project))
    assert project.forms == [twin]
    for inverse in reversed(undo):
        inverse.apply(project)
    assert _state(project) == before


# --- random edit sequences: applying the inverses in reverse restores the file exactly ---

_TEXT = st.text(alphabet="产出数量≥=≤%人元0123456789.约 ", max_size=8)


@st.composite
def _op(draw, project):
    form = project.forms[0]
    choice = draw(st.integers(0, 7))
    tasks, goals = form.tasks, form.goals
    level2s = [l2 for l1 in form.tree for l2 in l1.children]
    indicators = [ind for _, _, ind in form.iter_indicators()]
    if choice == 0 and tasks:
        task = draw(st.sampled_from(tasks))
        key = draw(st.sampled_from(["name", "content", "total", "fiscal", "other"]))
        if key in ("name", "content"):
            value: object = draw(_TEXT)
        else:
            value = draw(st.one_of(st.none(), st.decimals(-10**6, 10**6, places=2, allow_nan=False)))
        return SetField(form.id, "task", task.id, key, value)
    if choice == 1 and indicators:
        indicator = draw(st.sampled_from(indicators))
        key = draw(st.sampled_from(["name", "value", "指标解释", "备注"]))
        return SetField(form.id, "indicator", indicator.id, key, draw(_TEXT))
    if choice == 2 and level2s:
        parent = draw(st.sampled_from(level2s))
        return InsertNode(form.id, "indicator", parent.id, draw(st.integers(0, 20)), Indicator(draw(_TEXT)))
    if choice == 3 and indicators:
        return RemoveNode(form.id, "indicator", draw(st.sampled_from(indicators)).id)
    if choice == 4 and indicators and level2s:
        return MoveNode(form.id, "indicator", draw(st.sampled_from(indicators)).id,
                        draw(st.sampled_from(level2s)).id, draw(st.integers(0, 20)))
    if choice == 5:
        return InsertNode(form.id, "task", None, draw(st.integers(0, 20)), Task(name=draw(_TEXT)))
    if choice == 6 and goals:
        return MoveNode(form.id, "goal", draw(st.sampled_from(goals)).id, None, draw(st.integers(0, 5)))
    if choice == 7 and form.tree:
        return InsertNode(form.id, "level2", draw(st.sampled_from(form.tree)).id, 0, Level2(draw(_TEXT)))
    return InsertNode(form.id, "goal", None, 0, Goal(draw(_TEXT)))


@settings(max_examples=60)
@given(st.data())
def test_any_sequence_of_edits_is_undone_exactly(data):
    project = sample_project()
    before = _state(project)
    inverses = []
    for _ in range(data.draw(st.integers(1, 12))):
        op = data.draw(_op(project))
        inverses.append(op.apply(project))
    changed = _state(project)
    redo = [inverse.apply(project) for inverse in reversed(inverses)]
    assert _state(project) == before
    for op in reversed(redo):  # redo: the inverse of each inverse, in the original order
        op.apply(project)
    assert _state(project) == changed


def test_locate_finds_each_kind_of_node():
    project = sample_project()
    form = project.forms[0]
    l1 = form.tree[0]
    l2 = l1.children[0]
    ind = l2.indicators[1]
    assert locate(form, "indicator", ind.id) == (l2.id, 1, ind)
    assert locate(form, "level2", l2.id) == (l1.id, 0, l2)
    assert locate(form, "level1", l1.id) == (None, 0, l1)


def test_a_templates_header_field_is_set_in_fields_and_emptying_it_removes_the_key():
    project = sample_project()
    form = project.forms[0]
    before = _state(project)
    inverse = SetField(form.id, "fields", None, "部门（单位）职责", "负责培训").apply(project)
    assert form.fields == {"部门（单位）职责": "负责培训"}
    emptied = SetField(form.id, "fields", None, "部门（单位）职责", "").apply(project)
    assert form.fields == {}
    emptied.apply(project)
    inverse.apply(project)
    assert form.fields == {} and _state(project) == before
    with pytest.raises(OpError):
        SetField(form.id, "fields", None, "部门（单位）职责", 3).apply(project)


def test_whether_a_total_was_typed_is_a_field_of_its_own():
    project = sample_project()
    form = project.forms[0]
    task = form.tasks[0]
    was = task.total_typed
    inverse = SetField(form.id, "task", task.id, "total_typed", not was).apply(project)
    assert task.total_typed is (not was)
    inverse.apply(project)
    assert task.total_typed is was
