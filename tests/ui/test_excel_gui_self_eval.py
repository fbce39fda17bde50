"""导入Excel of a workbook holding a project table and its 绩效自评表."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from perfdesk.excel import export_project_xlsx
from perfdesk.ui import excel_dialogs
from tests.self_eval_forms import filled, training_project


def _workbook(tmp_path):
    project = training_project()
    filled(project, reasons=True)
    path = tmp_path / "项目与自评.xlsx"
    export_project_xlsx(project, path)
    return path


def test_both_imported_keep_the_self_evaluation_linked_to_its_target(window, tmp_path, monkeypatch):
    monkeypatch.setattr(excel_dialogs.ImportPreview, "exec", lambda self: 1)
    assert excel_dialogs.import_excel(window, _workbook(tmp_path)) == 2
    target, form = window.doc.project.forms[-2:]
    assert form.kind == "self_evaluation" and form.source_form == target.id


def test_the_self_evaluation_chosen_alone_keeps_no_link_to_a_table_not_imported(window, tmp_path, monkeypatch):
    def only_the_self_evaluation(self):
        self.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
        return 1

    monkeypatch.setattr(excel_dialogs.ImportPreview, "exec", only_the_self_evaluation)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert excel_dialogs.import_excel(window, _workbook(tmp_path)) == 1
    form = window.doc.project.forms[-1]
    assert form.kind == "self_evaluation" and form.source_form == ""
    assert not any("source" in row.extras for _, _, row in form.iter_indicators())


def test_two_self_evaluations_of_different_projects_are_not_taken_for_the_same_table(window, tmp_path, monkeypatch):
    from perfdesk.excel import import_xlsx

    asked: list[str] = []

    def answer(_parent, _title, text, *rest):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    excel_dialogs.import_excel(window, _workbook(tmp_path), preview=False)
    other = import_xlsx(_workbook(tmp_path)).project.forms[1]
    other.fields = {**other.fields, "项目名称": "另一个项目"}
    assert excel_dialogs._confirm_duplicates(window, [other]) and asked == []  # another project's 自评表
    same = import_xlsx(_workbook(tmp_path)).project.forms[1]
    assert not excel_dialogs._confirm_duplicates(window, [same]) and "某培训项目" in asked[0]
