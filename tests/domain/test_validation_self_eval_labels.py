"""The 审核 place of a 自评表's 资金 row uses the block title its template prints: a 部门整体 自评表
prints 预算执行情况, not 项目资金."""

from __future__ import annotations

from perfdesk.domain import self_eval
from perfdesk.domain.model import Project
from perfdesk.domain.validation import validate_form
from perfdesk.sample import sample_project
from tests.project_forms import mof_project


def _fund_places(source) -> set[str]:
    form = self_eval.generate(source, "")
    problems = validate_form(form, project=Project([source, form]))
    return {p.place.label for p in problems if (p.place.field or "").startswith("funds:")}


def test_a_department_self_evaluation_names_its_budget_block_as_printed():
    places = _fund_places(sample_project().forms[0])
    assert places and all(p.startswith("预算执行情况 › ") for p in places), places


def test_a_project_self_evaluation_still_says_project_funds():
    places = _fund_places(mof_project())
    assert places and all(p.startswith("项目资金 › ") for p in places), places
