"""The main window tried as a clerk would: type with an input method, edit, undo,
save, reopen; unsaved changes are offered for saving; settings stay private."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from perfdesk.domain import jsonform
from perfdesk.sample import sample_project
from perfdesk.store import open_project, save_project
from perfdesk.ui import file_dialogs, settings
from perfdesk.ui.find_bar import find_matches


def type_chinese(widget, text: str) -> None:
    """What an IME does: commit a string (qtbot.keyClicks aborts on Chinese)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_window_shows_the_sample(window):
    assert "2022年 示例.db" in window.windowTitle()
    assert not window.isWindowModified()
    model = window.tree.model()
    assert model.index(0, 0).data() == "产出指标"
    assert window.tasks_view.model().index(4, 2).data() == "2738.67"
    assert "2738.67" in window.sum_label.text()
    assert window.header_panel.department.text() == "新疆巴州人力资源和社会保障局"
    assert window.saved_label.text() == "已保存"


def test_a_new_project_is_not_called_saved_and_suggests_a_safe_file_name(window):
    from perfdesk.ui.file_ops import suggested_file_name

    window.files.new()
    assert window.path_label.text() == "（未保存的新项目）" and window.saved_label.text() == ""
    window.doc.form.year = None
    assert suggested_file_name(window.doc.form.year, "") == "未命名单位 整体支出绩效目标表.db"
    assert suggested_file_name(2024, "某局/某中心:*?") == "2024年 某局 某中心 整体支出绩效目标表.db"


def test_ime_typing_is_one_undo_step_and_marks_unsaved(window):
    edit = window.header_panel.department
    edit.clear()
    type_chinese(edit, "乌鲁木齐")
    type_chinese(edit, "市财政局")
    assert window.doc.form.department == "乌鲁木齐市财政局"
    assert window.isWindowModified()
    assert "修改“部门（单位）名称”" in window.undo_action.text()
    window.undo_action.trigger()
    assert window.doc.form.department == "新疆巴州人力资源和社会保障局"
    assert edit.text() == "新疆巴州人力资源和社会保障局"  # the widget follows undo
    assert not window.isWindowModified()


def test_indicator_editor_composes_value(window):
    tree = window.tree
    model = window.doc.tree_model
    indicator = window.doc.form.tree[0].children[0].indicators[2]  # 保障在职人员数量 >=109人
    tree.setCurrentIndex(model.index_of(indicator))
    editor = window.editor
    assert editor.value.text() == ">=109人" and editor.number.text() == "109"
    assert "≥109人" in editor.printed.text()
    editor.number.setText("120")
    editor.number.textEdited.emit("120")
    assert indicator.value == "≥120人"
    type_chinese(editor.name, "（含编外）")
    assert indicator.name.endswith("（含编外）")
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    assert (indicator.name, indicator.value) == ("保障在职人员数量", ">=109人")


def test_a_decimal_can_be_typed_key_by_key_into_the_number_field(window, qtbot):
    """Each key is saved as it is typed; "12." on the way to 12.5 must not flip the page to 文字."""
    indicator = window.doc.form.tree[0].children[0].indicators[2]  # 保障在职人员数量 >=109人
    window.tree.setCurrentIndex(window.doc.tree_model.index_of(indicator))
    editor = window.editor
    editor.number.clear()
    qtbot.keyClicks(editor.number, "12.5")
    assert editor.pages.currentIndex() == 0 and editor.number.text() == "12.5"
    assert indicator.value == "≥12.5人"
    assert "≥12.5人" in editor.printed.text()
    window.doc.undo_stack.undo()  # typing is one step; undo does update every field
    assert indicator.value == ">=109人" and editor.number.text() == "109"


def test_impossible_date_is_shown_not_corrected(window):
    target = next(i for _, _, i in window.doc.form.iter_indicators() if i.name == "设备采购完成时间")
    window.tree.setCurrentIndex(window.doc.tree_model.index_of(target))
    assert "不存在" in window.editor.printed.text()
    assert target.value == "2022年11月31日"


def test_add_indicator_under_timing_edit_undo_redo_save_reopen(window, tmp_path):
    doc = window.doc
    timing = doc.form.tree[0].children[2]
    window.tree.setCurrentIndex(doc.tree_model.index_of(timing))
    added = window.tree.add_indicator("系统上线时间")
    doc.tree_model.setData(doc.tree_model.index_of(added, 1), "2022年12月31日前")
    from perfdesk.ui import task_actions

    task_actions.paste_tasks(doc, 4, 0, "甲任务\t内容\t1\t1\t0\n乙任务\t内容\t2\t2\t0\n丙任务\t内容\t3\t3\t0\n")
    edited = jsonform.dumps(doc.project)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert jsonform.dumps(doc.project) == jsonform.dumps(sample_project())
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert jsonform.dumps(doc.project) == edited
    assert window.files.save()
    assert not window.isWindowModified()
    path = doc.path
    assert jsonform.dumps(open_project(path)) == edited
    window.files.open_path(path, ask=False)
    assert jsonform.dumps(window.doc.project) == edited
    assert window.tasks_view.model().index(6, 0).data() == "丙任务"


def test_unsaved_changes_are_offered_for_saving(window, monkeypatch):
    window.header_panel.year.setText("2023")
    window.header_panel.year.textEdited.emit("2023")
    assert window.doc.form.year == 2023
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.files.new()
    assert asked and "未保存的修改" in asked[0]
    assert window.doc.form.year == 2023  # cancelled: nothing lost
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    path = window.doc.path
    window.files.new()
    assert open_project(path).forms[0].year == 2023
    assert window.doc.form.department == "" and window.doc.form.tree  # new form with framework groups


def test_save_failure_keeps_the_data_in_the_window(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    window.header_panel.year.setText("2030")
    window.header_panel.year.textEdited.emit("2030")

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    assert not window.files.save()
    assert shown and "磁盘空间已满" in shown[0] and "没有丢失" in shown[0]
    assert window.isWindowModified() and window.doc.form.year == 2030


def test_foreign_file_gives_a_message_and_keeps_current_project(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    bad = tmp_path / "notes.db"
    bad.write_text("hello", encoding="utf-8")
    assert not window.files.open_path(bad, ask=False)
    assert shown and "不是 perfdesk 项目文件" in shown[0]
    assert window.doc.form.department == "新疆巴州人力资源和社会保障局"


def test_dropped_db_file_opens(window, tmp_path):
    other = sample_project()
    other.forms[0].department = "拖进来的单位"
    path = tmp_path / "拖放.db"
    save_project(other, path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.doc.form.department == "拖进来的单位"
    assert str(path.resolve()) == settings.recent_files()[0]


def test_forms_list_and_copy_of_last_years_form(window):
    from perfdesk.domain.ops import InsertForm
    from perfdesk.ui.new_form_dialog import NewFormDialog

    dialog = NewFormDialog(window.doc.project, window)
    dialog.copy.setChecked(True)
    dialog.year.setValue(2023)
    form = dialog.build()
    assert form.year == 2023 and form.indicator_count() == 70
    assert form.id != window.doc.project.forms[0].id
    window.doc.apply(InsertForm(1, form), "新建表")
    assert window.navigator.form_count() == 2 and not window.navigator_dock.isHidden()
    assert window.doc.form is form
    # 删除当前表 asks first; No keeps it.
    replies = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    original = QMessageBox.question
    QMessageBox.question = lambda *a, **k: next(replies)
    try:
        window.remove_form()
        assert window.navigator.form_count() == 2
        window.remove_form()
        assert window.navigator.form_count() == 1 and window.doc.form is not form
        window.doc.undo_stack.undo()  # 撤销 brings it back
        assert window.navigator.form_count() == 2
    finally:
        QMessageBox.question = original
    window.navigator.view.setCurrentIndex(window.navigator._rows[window.doc.project.forms[0].id].index())
    assert window.doc.form.year == 2022
    window.doc.undo_stack.undo()
    assert len(window.doc.project.forms) == 1


def test_find_goes_through_names_values_and_tasks(window):
    matches = find_matches(window.doc, "满意度")
    assert len(matches) == 5
    assert find_matches(window.doc, "≥109")[0][0] == "indicator"  # canonical value matches
    assert find_matches(window.doc, "人员保障")[0][0] == "task"
    window.doc.form.tasks[2].unparsed = {"other": "待财政批复"}  # words kept in an amount cell
    assert find_matches(window.doc, "批复") == [("task", window.doc.form.tasks[2].id)]
    window.find_bar.edit.setText("考试")
    window.find_bar.step(1)  # first: the 4th task's content mentions 职称考试
    assert window.find_bar.result.text().startswith("第 1 处")
    assert window.tasks_view.currentIndex().row() == 3
    window.find_bar.step(1)
    assert "考试" in window.tree.currentIndex().data()


def test_settings_never_touch_the_users_real_folder():
    path = Path(settings.open_settings().fileName())
    assert Path(os.environ["PERFDESK_DATA_DIR"]) in path.parents


def test_qt_standard_buttons_are_chinese(window):
    from PySide6.QtWidgets import QDialogButtonBox

    from perfdesk.ui.app import install_translations

    install_translations(QApplication.instance())
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert any("保存" in t for t in texts) and any("取消" in t for t in texts)


def test_the_file_dialog_is_chinese_and_our_own_texts_survive(window):
    """qtbase_zh_CN lacks a few strings Qt 6 reworded or moved; perfdesk fills them in."""
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QLabel

    from perfdesk.ui.app import install_translations

    install_translations(QApplication.instance())  # as create_app() does; pytest-qt made the application
    dialog = QFileDialog(window, "打开", str(Path.home()), "perfdesk 项目 (*.db)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    # Qt 6.9 words these "Look in:" (translated by qtbase_zh_CN), 6.12 "&Look in:" (filled by perfdesk).
    plain = {label.replace("(&L)", "").replace("(&T)", "") for label in labels}
    assert "查找范围：" in plain and "文件类型：" in plain
    assert not any(word in label for label in labels for word in ("Look", "File", "type", "name"))
    assert QFileIconProvider().type(QFileInfo(str(Path.home()))) == "文件夹"
    dialog.deleteLater()
    # Texts with no translation anywhere come back as written, not blank.
    assert QApplication.translate("MainWindow", "年度绩效指标") == "年度绩效指标"
    assert window.menuBar().actions()[0].text() == "文件(&F)"


def test_editor_shows_nothing_left_over_for_an_empty_value(window):
    doc = window.doc
    first = doc.form.tree[0].children[0].indicators[1]  # =9辆
    window.tree.setCurrentIndex(doc.tree_model.index_of(first))
    assert window.editor.number.text() == "9"
    added = window.tree.add_indicator()
    window.tree.setCurrentIndex(doc.tree_model.index_of(added))
    assert window.editor.number.text() == "" and window.editor.unit.currentText() == ""


def test_gui_save_keeps_a_bak_by_default_and_the_preference_sticks(window):
    path = window.doc.path
    edit = window.header_panel.year
    edit.setText("2024")
    edit.textEdited.emit("2024")
    assert window.files.save()
    assert open_project(path.with_name(path.name + ".bak")).forms[0].year == 2022
    window.backup_action.setChecked(False)
    assert not settings.keep_backup()
    window.backup_action.setChecked(True)


def test_quitting_without_saving_a_modified_project_shows_no_error(qtbot, tmp_path, monkeypatch):
    """At exit the window goes first; the discarded undo stack emits cleanChanged as it dies."""
    import shiboken6

    from perfdesk.ui.main_window import MainWindow

    path = tmp_path / "示例.db"
    save_project(sample_project(), path)
    win = MainWindow()
    assert win.files.open_path(path, ask=False)
    win.show()
    type_chinese(win.header_panel.department, "乌鲁木齐")
    tree = win.doc.tree_model
    win.editor.show_indicator(next(i for _, _, i in win.doc.form.iter_indicators()))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert win.close()
    doc = win.doc
    shiboken6.delete(win)  # what Python does to the window when run_gui returns
    doc.undo_stack.clear()  # modified -> clean: cleanChanged reaches no dead window
    tree.dataChanged.emit(tree.index(0, 0), tree.index(0, 1))
    doc.form_switched.emit()
    doc.message.emit("已导入")


def test_ctrl_s_keeps_what_is_still_being_typed_in_a_cell(window, qtbot):
    """Typed into a cell, no Enter, Ctrl+S: saved, as in Excel or WPS."""
    from PySide6.QtWidgets import QLineEdit

    tasks = window.tasks_view
    cell = tasks.model().index(0, 4)  # 其他资金 of the first task
    tasks.setCurrentIndex(cell)
    tasks.edit(cell)
    editor = tasks.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.setText("9")
    tree = window.tree
    indicator = next(i for _, _, i in window.doc.form.iter_indicators() if i.name == "保障在职人员数量")
    value_cell = window.doc.tree_model.index_of(indicator, 1)
    tree.setCurrentIndex(value_cell)
    tree.edit(value_cell)  # opening this editor closes the first one, committing it
    tree_editor = tree.viewport().findChild(QLineEdit)
    tree_editor.setText("≥110人")
    qtbot.keyClick(tree_editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = open_project(window.doc.path).forms[0]
    assert str(saved.tasks[0].other) == "9"
    assert next(i.value for _, _, i in saved.iter_indicators() if i.name == "保障在职人员数量") == "≥110人"
    assert not window.isWindowModified()


def test_save_dialogs_add_the_suffix_a_clerk_leaves_off(window, monkeypatch, tmp_path):

    from perfdesk.ui.file_ops import ask_save_path

    answers = iter([str(tmp_path / "报表"), str(tmp_path / "报表.PDF"), ""])
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: (next(answers), ""))
    ask = lambda: ask_save_path(window, "导出PDF", tmp_path / "x.pdf", "PDF 文件 (*.pdf)", ".pdf")  # noqa: E731
    assert ask() == tmp_path / "报表.pdf"
    assert ask() == tmp_path / "报表.PDF"  # already there, in any case
    assert ask() is None  # cancelled
