"""The form navigator of a file with a 部门整体 table and project tables: keyboard switching,
add / duplicate / delete / reorder with undo and redo, 审核 status per form without rescanning
the file on each edit, 查找 across forms, and copying indicator rows from one form to another."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from perfdesk.domain import jsonform
from perfdesk.sample import sample_project
from perfdesk.store import open_project, save_project
from tests.project_forms import mof_project, yth_project


@pytest.fixture
def three(qtbot, tmp_path):
    """A window on a file holding the sample 部门整体 table, an 88号 and a 一体化 project table."""
    from perfdesk.ui.main_window import MainWindow

    project = sample_project()
    project.forms += [mof_project(), yth_project()]
    path = tmp_path / "三张表.db"
    save_project(project, path)
    win = MainWindow()
    assert win.files.open_path(path, ask=False)
    win.show()
    yield win
    win.doc.recovered = False
    win.doc.undo_stack.setClean()
    win.close()
    win.deleteLater()


def names(win) -> list[str]:
    return [f.display_name for f in win.doc.project.forms]


def test_the_navigator_lists_forms_by_kind_with_total_and_status(three, qtbot):
    nav = three.navigator
    model = nav.model
    assert model.rowCount() == 2
    assert model.item(0).text().startswith("部门（单位）整体支出绩效目标表（1 张）")
    assert model.item(1).text().startswith("项目支出绩效目标表（2 张）")
    mof, yth = three.doc.project.forms[1:]
    assert nav._row_of(mof.id)[0].text() == "2027年 基层干部能力提升培训"
    assert nav._row_of(mof.id)[1].text() == "120.00"  # funds year.total
    assert nav._row_of(yth.id)[1].text() == "22614.51"
    assert nav._row_of(three.doc.project.forms[0].id)[1].text() == "2738.67"  # the tasks' 金额合计
    three.validator.start()
    qtbot.waitUntil(lambda: all(row[2].text() != "…" for row in map(nav._row_of, nav.form_ids())), timeout=5000)
    assert set(nav.status) == {f.id for f in three.doc.project.forms}


def test_an_edit_revalidates_only_the_edited_form(three, qtbot, monkeypatch):
    import perfdesk.domain.validation as validation

    nav = three.navigator
    three.validator.start()
    qtbot.waitUntil(lambda: len(nav.status) == 3, timeout=5000)
    checked: list[str] = []
    original = validation.validate_form

    def counting(form, *args, **kwargs):
        checked.append(form.id)
        return original(form, *args, **kwargs)

    monkeypatch.setattr(validation, "validate_form", counting)
    three.doc.show_form(three.doc.project.forms[1].id)
    three.validator.run()
    edit = three.project_editor.header.funds["year.total"]
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "1205")
    three.validator.run()
    qtbot.wait(50)
    assert set(checked) == {three.doc.project.forms[1].id}
    assert nav._row_of(three.doc.form.id)[1].text() == "1205.00"  # the total follows the typing


def test_up_down_switch_forms_and_enter_goes_into_the_form(three, qtbot):
    nav, doc = three.navigator, three.doc
    forms = list(doc.project.forms)
    nav.view.setFocus()
    assert doc.form is forms[0] and three.pages.currentIndex() == 0
    qtbot.keyClick(nav.view, Qt.Key.Key_Down)  # over the 项目支出 heading row to the first project
    assert doc.form is forms[1]
    assert three.pages.currentWidget() is three.project_editor
    assert "基层干部能力提升培训" in three.windowTitle() and "88号" in three.windowTitle()
    assert "基层干部能力提升培训" in three.sum_label.text()
    qtbot.keyClick(nav.view, Qt.Key.Key_Down)
    assert doc.form is forms[2]
    assert not three.project_editor.tree_boxes["mid"].isVisibleTo(three)  # 一体化: 年度 only
    assert three.project_editor.header.fields["项目负责人及电话"].text() == "王某 021-12345678"
    qtbot.keyClick(nav.view, Qt.Key.Key_Up)
    assert doc.form is forms[1]
    assert three.project_editor.header.fields["项目名称"].text() == "基层干部能力提升培训"
    qtbot.keyClick(nav.view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is three.project_editor.trees["year"]
    nav.view.setFocus()
    qtbot.keyClick(nav.view, Qt.Key.Key_Up)
    assert doc.form is forms[0] and three.pages.currentIndex() == 0


def test_duplicate_delete_and_reorder_are_undoable(three, qtbot, monkeypatch):
    nav, doc = three.navigator, three.doc
    doc.show_form(doc.project.forms[1].id)
    source = doc.form
    before = names(three)
    copy = nav.duplicate_current()
    assert doc.form is copy and doc.project.forms[2] is copy
    assert copy.fields["项目名称"] == "基层干部能力提升培训（副本）"
    old_ids = {n.id for _a, _b, n in source.iter_indicators("year")} | {g.id for g in source.goals_mid}
    new_ids = {n.id for _a, _b, n in copy.iter_indicators("year")} | {g.id for g in copy.goals_mid}
    assert old_ids and not old_ids & new_ids  # a deep copy with fresh ids
    assert nav.form_count() == 4
    three.undo_action.trigger()
    assert names(three) == before and nav.form_count() == 3
    three.redo_action.trigger()
    assert doc.project.forms[2].fields["项目名称"].endswith("（副本）")

    # Ctrl+Down moves the current project table after the next one; undo puts it back.
    doc.show_form(source.id)
    nav.view.setFocus()
    qtbot.keyClick(nav.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert doc.project.forms.index(source) == 2 and doc.form is source
    assert nav.form_ids()[2] == source.id
    three.undo_action.trigger()
    assert doc.project.forms.index(source) == 1

    # Delete asks; No keeps the form, Yes removes it; undo brings it back where it was.
    answers = iter([False, True])
    nav.confirm = lambda _name: next(answers)
    qtbot.keyClick(nav.view, Qt.Key.Key_Delete)
    assert source in doc.project.forms
    qtbot.keyClick(nav.view, Qt.Key.Key_Delete)
    assert source not in doc.project.forms and nav.form_count() == 3
    assert doc.form is doc.project.forms[1]
    three.undo_action.trigger()
    assert doc.project.forms[1] is source and doc.form is source and nav.form_count() == 4


def test_new_form_dialog_offers_both_project_templates(three):
    from perfdesk.ui.new_form_dialog import NewFormDialog

    dialog = NewFormDialog(three.doc.project, three)
    ids = [dialog.template.itemData(i) for i in range(dialog.template.count())]
    assert {"mof-2015", "hunan-2023", "mof-2015-project", "yth-project"} <= set(ids)
    dialog.choose_template("yth-project")
    dialog.department.setText("某区文化和旅游局")
    form = dialog.build()
    assert form.kind == "project" and form.template == "yth-project" and not form.tree_mid and form.tree
    assert form.fields == {"主管部门": "某区文化和旅游局"}
    dialog.choose_template("mof-2015-project")
    form = dialog.build()
    assert form.tree_mid and form.tree and form.fields == {"主管部门及代码": "某区文化和旅游局"}


def test_new_form_dialog_asks_the_project_name_and_offers_no_blank_self_evaluation(three):
    from perfdesk.ui.new_form_dialog import NewFormDialog

    dialog = NewFormDialog(three.doc.project, three)
    ids = [dialog.template.itemData(i) for i in range(dialog.template.count())]
    assert "mof-2020" not in ids and "dept-self-eval" not in ids  # made from a target table instead
    dialog.choose_template("mof-2015")
    assert not dialog.project_name.isEnabled()
    dialog.choose_template("mof-2015-project")
    assert dialog.project_name.isEnabled()
    dialog.project_name.setText("农村公路养护")
    form = dialog.build()
    assert form.fields["项目名称"] == "农村公路养护" and form.display_name.endswith("农村公路养护")


def test_find_goes_across_forms(three, qtbot):
    doc, bar = three.doc, three.find_bar
    assert doc.form is doc.project.forms[0]
    bar.open()
    bar.edit.setText("满意度")
    found: list[tuple[str, str]] = []
    for _ in range(40):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
        found.append((doc.form.id, bar.result.text()))
        if doc.form is doc.project.forms[2]:
            break
    assert doc.form is doc.project.forms[2]  # the 一体化 table's 参训学员满意度
    assert {form_id for form_id, _ in found} == {f.id for f in doc.project.forms}
    assert "3 张表" in bar.result.text()
    tree = three.project_editor.trees["year"]
    node = tree.current_node()
    assert node is not None and "满意度" in node.name


def test_copy_indicator_rows_from_one_form_and_paste_into_another(three, qtbot):
    doc = three.doc
    dept, mof, yth = doc.project.forms
    # 部门整体 tree: select a 三级 under 产出指标 › 数量指标, Ctrl+C.
    source = next(i for _l1, l2, i in dept.iter_indicators() if l2.name == "数量指标")
    three.tree.setFocus()
    three.tree.setCurrentIndex(doc.tree_model.index_of(source))
    qtbot.keyClick(three.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().split("\t")[:3] == ["产出指标", "数量指标", source.name]
    # Into the 88号 table's 中期 side: same 一级 › 二级, one undo step.
    doc.show_form(mof.id)
    tree = three.project_editor.trees["mid"]
    tree.setFocus()
    tree.setCurrentIndex(tree.model().index(0, 0))
    qtbot.keyClick(tree, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    quantity = next(l2 for l2 in mof.tree_mid[0].children if l2.name == "数量指标")
    assert [i.name for i in quantity.indicators][-1] == source.name
    pasted = quantity.indicators[-1]
    assert pasted.value == source.value and pasted.id != source.id
    # Two ★ rows of the 88号 年度 side into the 一体化 table.
    year_tree = three.project_editor.trees["year"]
    model = year_tree.model()
    stars = [i for _a, _b, i in mof.iter_indicators("year") if i.core]
    selection = year_tree.selectionModel()
    year_tree.setFocus()
    year_tree.setCurrentIndex(model.index_of(stars[0]))
    selection.select(model.index_of(stars[1]), selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    qtbot.keyClick(year_tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    doc.show_form(yth.id)
    count = len(list(yth.iter_indicators()))
    year_tree.setFocus()
    year_tree.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(year_tree, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(list(yth.iter_indicators())) == count + 2
    copied = [i for _a, _b, i in yth.iter_indicators() if i.name in {s.name for s in stars}]
    assert len(copied) == 4 and all(i.core for i in copied)  # the ★ came along
    three.undo_action.trigger()  # the paste is one step
    assert len(list(yth.iter_indicators())) == count
    three.undo_action.trigger()  # the earlier paste, in the 88号 table: undo shows that form
    assert doc.form is mof and quantity.indicators[-1] is not pasted


def test_save_and_reopen_keeps_every_form(three, tmp_path):
    doc = three.doc
    doc.show_form(doc.project.forms[1].id)
    three.navigator.duplicate_current()
    three.navigator.move_current(-1)
    before = jsonform.dumps(doc.project)
    assert three.files.save()
    assert jsonform.dumps(open_project(doc.path)) == before


def test_a_file_opened_read_only_shows_project_tables_without_changing_them(window, tmp_path, monkeypatch, qtbot):
    from perfdesk.ui.project_lock import ProjectLock

    project = sample_project()
    project.forms += [mof_project(), yth_project()]
    path = tmp_path / "别人在用.db"
    save_project(project, path)
    other = ProjectLock(path)
    assert other.acquire()
    monkeypatch.setattr(type(window.files), "_ask_locked", lambda self, p, owner: "read_only")
    assert window.files.open_path(path, ask=False)
    before = jsonform.dumps(window.doc.project)
    nav = window.navigator
    nav.confirm = lambda _name: True
    nav.view.setFocus()
    qtbot.keyClick(nav.view, Qt.Key.Key_Down)
    assert window.doc.form.kind == "project"  # switching still works
    qtbot.keyClick(nav.view, Qt.Key.Key_Delete)
    qtbot.keyClick(nav.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    edit = window.project_editor.header.fields["项目名称"]
    assert edit.isReadOnly()
    qtbot.keyClicks(edit, "x")
    tree = window.project_editor.trees["year"]
    tree.setFocus()
    tree.setCurrentIndex(tree.model().index(0, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Insert)
    assert jsonform.dumps(window.doc.project) == before
    other.release()


def test_the_forms_menu_duplicates_and_brings_the_list_back(three, qtbot):
    from PySide6.QtWidgets import QMenu

    menu = next(m for m in three.menuBar().findChildren(QMenu) if m.title().startswith("表格"))
    actions = {a.text(): a for a in menu.actions()}
    three.navigator_dock.close()
    actions["显示表格列表(&L)"].trigger()
    assert three.navigator_dock.isVisible() and three.navigator.view.hasFocus()
    actions["复制当前表(&C)"].trigger()
    assert len(three.doc.project.forms) == 4 and three.doc.form is three.doc.project.forms[1]


def test_the_table_list_appears_when_a_second_table_arrives_and_stays_closed_when_closed(window):
    from perfdesk.domain.ops import InsertForm, RemoveForm
    from perfdesk.domain.project import new_project_form

    assert window.navigator_dock.isHidden()  # one 部门整体 table: no list, as before
    project = new_project_form(2027)
    window.doc.apply(InsertForm(1, project), "新建表")
    assert not window.navigator_dock.isHidden()
    window.navigator_dock.close()  # the clerk closes it
    window.doc.apply(InsertForm(2, new_project_form(2027)), "新建表")
    assert window.navigator_dock.isHidden()  # still more than one table: it stays closed
    window.doc.apply(RemoveForm(window.doc.project.forms[2].id), "删除表")
    window.doc.apply(RemoveForm(project.id), "删除表")
    assert window.navigator_dock.isHidden()
    window.show_navigator()  # 表格 › 显示表格列表
    assert not window.navigator_dock.isHidden() and len(window.doc.project.forms) == 1
