"""``export-pdf --each`` names a 自评表 after what it evaluates, told apart from its target table
(a first-time user got '第3张表.pdf' for a project's 自评表 and '单位（2）.pdf' for the department's)."""

from __future__ import annotations

from perfdesk.domain import self_eval
from perfdesk.report.filenames import pdf_file_names
from perfdesk.sample import sample_project
from tests.project_forms import mof_project


def test_self_evaluations_are_named_after_their_project_or_department():
    department, project = sample_project().forms[0], mof_project()
    forms = [department, project, self_eval.generate(project, ""), self_eval.generate(department, "")]
    unit, name = department.department, project.fields["项目名称"]
    assert pdf_file_names(forms) == [
        f"{unit}.pdf", f"{name}.pdf", f"{name} 绩效自评表.pdf", f"{unit} 绩效自评表.pdf"]


def test_an_unnamed_self_evaluation_still_falls_back_to_its_number():
    project = mof_project()
    project.fields = {**project.fields, "项目名称": "  "}
    assert pdf_file_names([project, self_eval.generate(project, "")]) == ["第1张表.pdf", "第2张表.pdf"]
