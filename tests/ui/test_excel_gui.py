"""导入Excel / 导出Excel from the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from perfdesk.domain import jsonform
from perfdesk.ui import excel_dialogs, file_dialogs


def test_export_then_import_adds_an_undoable_form(window, tmp_path, monkeypatch):
    target = tmp_path / "导出.xlsx"
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert excel_dialogs.export_excel(window) == target and target.exists()
    original = jsonform.form_to_dict(window.doc.form)
    assert excel_dialogs.import_excel(window, target, preview=False) == 1
    assert len(window.doc.project.forms) == 2
    assert jsonform.form_to_dict(window.doc.form) == original  # lossless, and shown
    assert window.navigator.form_count() == 2
    window.undo_action.trigger()
    assert len(window.doc.project.forms) == 1


def test_preview_lists_what_was_found(window, tmp_path):
    from perfdesk.excel import export_project_xlsx, import_xlsx

    path = tmp_path / "两张.xlsx"
    project = jsonform.loads(jsonform.dumps(window.doc.project))
    project.forms.append(jsonform.loads(jsonform.dumps(window.doc.project)).forms[0])
    project.forms[1].department = "第二个单位"
    export_project_xlsx(project, path)
    result = import_xlsx(path)
    dialog = excel_dialogs.ImportPreview(result.project.forms, result.notes, window)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, 0).text() == "第二个单位"
    assert dialog.table.item(0, 4).text() == "70"
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert [f.department for f in dialog.chosen()] == ["第二个单位"]
    assert dialog.notes.toPlainText()


def test_bad_workbook_gives_a_message_and_changes_nothing(window, tmp_path, monkeypatch):
    bad = tmp_path / "旧格式.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    before = jsonform.dumps(window.doc.project)
    assert excel_dialogs.import_excel(window, bad, preview=False) == 0
    assert shown and ".xlsx" in shown[0]
    assert jsonform.dumps(window.doc.project) == before


def test_importing_a_table_that_is_already_there_asks_first(window, tmp_path, monkeypatch):
    from perfdesk.ui import settings

    target = tmp_path / "表格" / "导出.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert excel_dialogs.export_excel(window) == target
    assert settings.last_folder("excel") == target.parent  # the next import dialog starts there
    asked = []

    def answer(*args, **_kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(excel_dialogs.ImportPreview, "exec", lambda self: 1)
    assert excel_dialogs.import_excel(window, target) == 0
    assert "已经有“2022年 新疆巴州人力资源和社会保障局”" in asked[0]
    assert len(window.doc.project.forms) == 1  # No: nothing added
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert excel_dialogs.import_excel(window, target) == 1
    assert len(window.doc.project.forms) == 2


def test_project_tables_are_previewed_by_project_and_only_the_same_project_asks(window, tmp_path, monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from project_forms import mof_project

    from perfdesk.domain.model import Project
    from perfdesk.excel import export_project_xlsx, import_xlsx

    first, second = mof_project(), mof_project()
    second.fields["项目名称"] = "另一个培训项目"  # same year, another project
    paths = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    export_project_xlsx(Project([first]), paths[0])
    export_project_xlsx(Project([second]), paths[1])
    result = import_xlsx(paths[0])
    dialog = excel_dialogs.ImportPreview(result.project.forms, result.notes, window)
    assert dialog.table.item(0, 0).text() == "基层干部能力提升培训"
    assert [dialog.table.item(0, c).text() for c in (3, 4)] == ["4", "13"]  # both sides' goals and 三级
    asked: list[str] = []

    def answer(_parent, _title, text, *rest):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert excel_dialogs.import_excel(window, paths[0], preview=False) == 1
    assert excel_dialogs._confirm_duplicates(window, import_xlsx(paths[1]).project.forms) and asked == []
    assert not excel_dialogs._confirm_duplicates(window, import_xlsx(paths[0]).project.forms)
    assert "基层干部能力提升培训" in asked[0]
