"""Entry as in Excel/WPS, driven with key events on the real widgets: where the cursor goes
after 插入行/添加目标/添加三级指标, Delete clears cells, typing edits, Tab/Enter move."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton


def commit_text(widget, text: str, pinyin: str = "xue") -> None:
    """What an IME does (no setFocus: the keyboard stays where it is): the pinyin being composed
    (preedit) first, then the words the clerk picks (commit)."""
    QApplication.sendEvent(widget, QInputMethodEvent(pinyin, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(QApplication.focusWidget() or widget, event)


def button(window, text: str) -> QPushButton:
    return next(b for b in window.findChildren(QPushButton) if b.text() == text)


def focus_away(window, qtbot) -> None:
    window.activateWindow()
    window.header_panel.department.setFocus()
    qtbot.waitUntil(lambda: window.header_panel.department.hasFocus())


# --- 3: focus after insert ---------------------------------------------------------------


def test_insert_row_puts_the_keyboard_in_the_new_rows_name(window, qtbot):
    view = window.tasks_view
    view.setCurrentIndex(view.model().index(1, 4))  # 其他资金 of the second task
    focus_away(window, qtbot)
    qtbot.mouseClick(button(window, "插入行"), Qt.MouseButton.LeftButton)
    assert view.hasFocus()
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, 0)
    commit_text(view, "学生资助")  # typing on the selected cell opens its editor
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "学生资助"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # Qt commits on its next turn of the event loop
    tasks = window.doc.form.tasks
    qtbot.waitUntil(lambda: tasks[2].name == "学生资助", timeout=2000)
    assert tasks[2].other is None
    assert window.doc.form.department == "新疆巴州人力资源和社会保障局"
    assert view.currentIndex().column() == 1  # Tab went on to 主要内容


def test_add_goal_puts_the_keyboard_in_the_new_goal(window, qtbot):
    view = window.goals_view
    focus_away(window, qtbot)
    qtbot.mouseClick(button(window, "添加目标"), Qt.MouseButton.LeftButton)
    row = view.currentIndex().row()
    assert view.hasFocus() and view.currentIndex().column() == 0
    assert window.doc.form.goals[row].text == ""
    qtbot.keyClicks(view, "x")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.doc.form.goals[row].text == "x", timeout=2000)


def test_add_indicator_opens_the_new_name_ready_to_type(window, qtbot):
    tree = window.tree
    level2 = window.doc.form.tree[0].children[0]
    tree.setCurrentIndex(window.doc.tree_model.index_of(level2))
    focus_away(window, qtbot)
    qtbot.mouseClick(button(window, "添加三级指标"), Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and tree.isAncestorOf(editor)
    assert tree.currentIndex().column() == 0
    qtbot.keyClicks(editor, "abc")  # replaces the selected placeholder 新指标
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: level2.indicators[-1].name == "abc", timeout=2000)
    assert window.doc.form.department == "新疆巴州人力资源和社会保障局"


# --- 4: Delete clears cells; rows go by button, context menu, Ctrl+- ------------------------


def test_delete_and_backspace_clear_cells_in_one_undo_step(window, qtbot):
    view, model = window.tasks_view, window.tasks_view.model()
    tasks = window.doc.form.tasks
    count, name, content = len(tasks), tasks[0].name, tasks[1].content
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(tasks) == count and tasks[0].name == ""  # the cell, not the task
    window.undo_action.trigger()
    assert tasks[0].name == name
    view.selectionModel().select(model.index(1, 1), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert (tasks[0].name, tasks[1].content) == ("", "")
    window.undo_action.trigger()  # one step restores both
    assert (tasks[0].name, tasks[1].content) == (name, content)


def test_goals_delete_clears_the_goal_text(window, qtbot):
    view = window.goals_view
    goals = window.doc.form.goals
    count = len(goals)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(goals) == count and goals[0].text == ""


def test_ctrl_minus_deletes_whole_selected_rows_only(window, qtbot):
    """As in Excel: Ctrl+- removes rows only when whole rows are selected; on a cell it zooms out."""
    view, model = window.tasks_view, window.tasks_view.model()
    tasks = window.doc.form.tasks
    first = tasks[0]
    window.activateWindow()
    view.setFocus()
    view.setCurrentIndex(model.index(0, 2))
    level = window.zoom.level
    window.zoom.zoom_out_or_give_to_table()  # what the window's Ctrl+- shortcut runs
    assert tasks[0] is first and window.zoom.level < level  # a cell selected: nothing deleted
    window.zoom.set_level(level)
    view.selectRow(0)
    window.zoom.zoom_out_or_give_to_table()
    assert first not in tasks and window.zoom.level == level


def test_context_menu_deletes_the_row(window, qtbot):
    view, model = window.tasks_view, window.tasks_view.model()
    second = window.doc.form.tasks[1]
    chosen = []

    def choose(tries: int = 50) -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            if tries:
                QTimer.singleShot(20, lambda: choose(tries - 1))
            return
        chosen.append([a.text() for a in menu.actions() if a.text()])
        next(a for a in menu.actions() if a.text() == "删除行").trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    pos = view.visualRect(model.index(1, 1)).center()
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                              view.viewport().mapToGlobal(pos)))
    assert chosen == [["插入行", "删除行", "清除内容"]]
    assert second not in window.doc.form.tasks



# --- 5: typing edits; Tab after a 三级 name goes to its 指标值; Enter moves down ------------


def test_typing_on_a_value_cell_edits_it_and_enter_moves_to_the_next_indicator(window, qtbot):
    tree, model = window.tree, window.doc.tree_model
    level2 = window.doc.form.tree[0].children[0]
    first, second = level2.indicators[0], level2.indicators[1]
    tree.setFocus()
    tree.setCurrentIndex(model.index_of(first, 1))
    qtbot.keyClicks(tree, "5")  # no double-click, no F2
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "5"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.value == "5", timeout=2000)
    assert tree.currentIndex() == model.index_of(second, 1)
    last = level2.indicators[-1]
    next_group_first = window.doc.form.tree[0].children[1].indicators[0]
    tree.setCurrentIndex(model.index_of(last, 1))
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # not editing: moves down, over the 二级 row
    assert tree.currentIndex() == model.index_of(next_group_first, 1)


def test_tab_after_a_name_goes_to_its_value(window, qtbot):
    tree, model = window.tree, window.doc.tree_model
    indicator = window.doc.form.tree[0].children[0].indicators[0]
    tree.setFocus()
    tree.setCurrentIndex(model.index_of(indicator, 0))
    qtbot.keyClick(tree, Qt.Key.Key_A)  # the first key opens the editor, the rest go into it
    qtbot.keyClicks(QApplication.focusWidget(), "bc")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: indicator.name == "abc", timeout=2000)
    assert tree.currentIndex() == model.index_of(indicator, 1)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and tree.isAncestorOf(editor)  # ready to type the value
    editor.selectAll()
    qtbot.keyClicks(editor, "9")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: indicator.value == "9", timeout=2000)


def test_budget_table_typing_edits_and_enter_moves_down(window, qtbot):
    view, model = window.tasks_view, window.tasks_view.model()
    view.setFocus()
    view.setCurrentIndex(model.index(0, 4))
    qtbot.keyClicks(view, "7")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: str(window.doc.form.tasks[0].other) == "7", timeout=2000)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 4)


# --- 9: Ctrl+Z in the lower 指标值 field keeps redo ---------------------------------------


def test_ctrl_z_in_the_value_field_undoes_the_document_and_keeps_redo(window, qtbot):
    tree, editor = window.tree, window.editor
    indicator = window.doc.form.tree[0].children[0].indicators[0]
    old = indicator.value
    tree.setCurrentIndex(window.doc.tree_model.index_of(indicator, 0))
    field = editor.value
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "12")
    assert indicator.value == "12"
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert indicator.value == old and field.text() == old
    assert window.redo_action.isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert indicator.value == "12" and field.text() == "12"


# --- 7: paste into 年度总体目标 ---------------------------------------------------------------


def test_pasting_a_block_into_goals_joins_columns_and_inserts_before_existing_goals(window, qtbot):
    view = window.goals_view
    goals = window.doc.form.goals
    before = [g.text for g in goals]
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    QApplication.clipboard().setText("提高就业\t稳定岗位\r\n\t\r\n加强培训\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [g.text for g in goals] == [before[0], "提高就业 稳定岗位", "加强培训", *before[1:]]
    message = window.statusBar().currentMessage()
    assert "新增 2 个" in message and "没有被覆盖" in message and "1 行有多列" in message
    window.undo_action.trigger()  # one step
    assert [g.text for g in goals] == before


def test_pasting_into_an_empty_goal_fills_it(window, qtbot):
    view = window.goals_view
    goals = window.doc.form.goals
    count = len(goals)
    view.setFocus()
    qtbot.mouseClick(button(window, "添加目标"), Qt.MouseButton.LeftButton)
    row = view.currentIndex().row()
    QApplication.clipboard().setText("新目标\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(goals) == count + 1 and goals[row].text == "新目标"
    assert "填入空白目标 1 个" in window.statusBar().currentMessage()


# --- 6: paste from Excel/WPS into the indicator tree ----------------------------------------


def test_pasting_name_value_rows_under_the_selected_level2(window, qtbot):
    tree = window.tree
    level2 = window.doc.form.tree[0].children[0]  # 产出指标 › 数量指标
    count = len(level2.indicators)
    tree.setFocus()
    tree.setCurrentIndex(window.doc.tree_model.index_of(level2))
    QApplication.clipboard().setText("培训人次\t≥500人次\r\n发放手册\t=2000册\r\n")
    qtbot.keyClick(tree, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    added = level2.indicators[count:]
    assert [(i.name, i.value) for i in added] == [("培训人次", "≥500人次"), ("发放手册", "=2000册")]
    assert "已粘贴 2 个三级指标" in window.statusBar().currentMessage()
    window.undo_action.trigger()  # one step
    assert len(level2.indicators) == count


def test_pasting_four_column_rows_places_them_by_name_and_reports_the_rest(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warned.append(text))
    tree = window.tree
    quality = window.doc.form.tree[0].children[1]  # 产出指标 › 质量指标
    social = window.doc.form.tree[1].children[1]  # 效益指标 › 社会效益指标
    counts = len(quality.indicators), len(social.indicators)
    tree.setFocus()
    tree.setCurrentIndex(window.doc.tree_model.index(0, 0))  # the 一级 产出指标: no 二级 chosen
    QApplication.clipboard().setText(
        "一级指标\t二级指标\t三级指标\t指标值\r\n"
        "产出指标\t质量指标\t培训合格率\t≥95%\r\n"
        "\t\t证书发放率\t100%\r\n"  # merged 一级/二级 cells copy as blanks
        "效益指标\t社会效益指标\t就业率\t≥90%\r\n"
        "效益指标\t生态效益指标\t绿化面积\t≥10亩\r\n"
        "只有名称\t0\r\n")
    qtbot.keyClick(tree, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [i.name for i in quality.indicators[counts[0]:]] == ["培训合格率", "证书发放率"]
    assert [(i.name, i.value) for i in social.indicators[counts[1]:]] == [("就业率", "≥90%")]
    message = window.statusBar().currentMessage()
    assert "已粘贴 3 个三级指标" in message and "2 行无法放入" in message
    assert len(warned) == 1 and "生态效益指标" in warned[0] and "只有名称" in warned[0]
    window.undo_action.trigger()
    assert (len(quality.indicators), len(social.indicators)) == counts


# --- 8: 总额 follows the parts only until the clerk types it -----------------------------------


def type_cell(view, qtbot, row: int, column: int, text: str) -> None:
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # empty it first, as a clerk overtyping would
    qtbot.keyClicks(view, text[0])
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)


def test_a_typed_total_is_never_rewritten_by_a_later_part(window, qtbot):
    from decimal import Decimal

    from perfdesk.domain.validation import validate_form

    view, model = window.tasks_view, window.tasks_view.model()
    task = window.doc.form.tasks[1]
    assert "自动计算" in model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole)
    type_cell(view, qtbot, 1, 2, "120")  # 总额 typed
    type_cell(view, qtbot, 1, 3, "100")
    type_cell(view, qtbot, 1, 4, "20")
    assert (task.total, task.fiscal, task.other) == (Decimal(120), Decimal(100), Decimal(20))
    type_cell(view, qtbot, 1, 3, "110")  # the sum is 130 now; the clerk's 总额 stays
    assert task.total == Decimal(120)
    assert "手工填写" in model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert [p.place.ref_id for p in validate_form(window.doc.form) if p.rule_id == "money.sum_mismatch"] == [task.id]
    view.setCurrentIndex(model.index(1, 2))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # emptied: 总额 is computed again from the next change
    type_cell(view, qtbot, 1, 4, "30")
    assert task.total == Decimal(140)
    assert "自动计算" in model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole)


def test_an_untyped_total_follows_the_parts(window, qtbot):
    from decimal import Decimal

    view = window.tasks_view
    task = window.doc.form.tasks[0]  # 1663.73 = 1663.73 + 0, never typed here
    type_cell(view, qtbot, 0, 4, "10")
    assert task.total == Decimal("1673.73")


def test_the_typed_flag_survives_save_open_and_json(tmp_path):
    import sqlite3
    from decimal import Decimal

    from perfdesk.domain import jsonform
    from perfdesk.domain.model import Project, Task, new_form
    from perfdesk.store import open_project, save_project

    form = new_form(2024, "某局")
    form.tasks = [Task("甲", total=Decimal(30), fiscal=Decimal(20), other=Decimal(10), total_typed=True),
                  Task("乙", total=Decimal(30), fiscal=Decimal(20), other=Decimal(10)),
                  Task("丙", total=Decimal(99), fiscal=Decimal(20), other=Decimal(10), total_typed=False)]
    project = Project([form])
    path = tmp_path / "p.db"
    save_project(project, path)
    assert [t.total_typed for t in open_project(path).forms[0].tasks] == [True, False, False]
    assert [t.total_typed for t in jsonform.loads(jsonform.dumps(project)).forms[0].tasks] == [True, False, False]
    conn = sqlite3.connect(path)  # a version-3 file from before the flag: taken from the amounts
    conn.execute("DROP TABLE task_total_typed")
    conn.commit()
    conn.close()
    assert [t.total_typed for t in open_project(path).forms[0].tasks] == [False, False, True]


def test_ctrl_z_in_a_header_field_undoes_the_document_and_keeps_redo(window, qtbot):
    """Like the 指标值 field (item 9): the phone field's own undo must not wipe the document's redo."""
    people = window.doc.form.people
    window.header_panel.people_toggle.setChecked(True)
    field = window.header_panel.people["phone"]
    field.setFocus()
    qtbot.keyClicks(field, "0996")
    assert people.phone == "0996"
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert people.phone == "" and field.text() == ""
    assert window.redo_action.isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert people.phone == "0996" and field.text() == "0996"


def test_tab_on_a_selected_name_moves_to_its_value_and_typing_goes_there(window, qtbot):
    """Found driving the real window: Tab on a selected (not edited) name left the tree, and the
    digits typed next renamed the indicator in the lower editor."""
    tree = window.tree
    model = window.doc.tree_model
    indicator = window.doc.form.tree[0].children[0].indicators[1]
    name = indicator.name
    tree.setFocus()
    tree.setCurrentIndex(model.index_of(indicator, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Tab)
    assert tree.hasFocus() and tree.currentIndex() == model.index_of(indicator, 1)
    qtbot.keyClicks(tree, "1")  # typing on the selected cell opens its editor with the key
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "1"
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: indicator.value == "10", timeout=2000)
    assert indicator.name == name
