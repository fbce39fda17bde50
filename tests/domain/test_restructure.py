"""Framework switches and group merges change the tree and undo exactly."""

from __future__ import annotations

from perfdesk.domain import jsonform
from perfdesk.domain.restructure import add_framework_groups, remove_added_groups
from perfdesk.domain.validation import apply_op, fix_op, validate_form
from perfdesk.sample import sample_project


def test_2021_adds_the_cost_group_before_satisfaction_only():
    project = sample_project()
    form = project.forms[0]
    before = jsonform.dumps(project)
    added = add_framework_groups(form, "2021")
    assert [l1.name for l1 in form.tree] == ["产出指标", "效益指标", "成本指标", "满意度指标"]
    assert [l1.name for l1 in added.level1] == ["成本指标"] and not added.level2
    assert form.level1("满意度指标").child("服务对象满意度指标") is None  # the rename fix stays one click
    remove_added_groups(form, added)
    assert jsonform.dumps(project) == before


def test_the_merge_fix_is_offered_and_its_inverse_restores_the_form():
    project = sample_project()
    form = project.forms[0]
    form.framework = "2021"  # a form switched without the new groups (e.g. an older file)
    before = jsonform.dumps(project)
    problem = next(p for p in validate_form(form) if p.fix and "经济成本指标" in p.fix.label)
    inverse = apply_op(form, fix_op(form, problem.fix.edits))
    assert form.level1("成本指标").child("经济成本指标").indicators
    assert form.level1("产出指标").child("成本指标") is None
    again = apply_op(form, inverse)
    assert jsonform.dumps(project) == before
    apply_op(form, again)  # redo after undo
    assert len(form.level1("成本指标").child("经济成本指标").indicators) == 14
