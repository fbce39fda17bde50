"""A 项目支出绩效目标表 typed in the window from scratch, as a clerk would: 新建表 with its kind and
template, header fields (项目属性 from the drop-down), 项目资金, both goal lists, indicators on
both sides with ★, all with the keyboard and an input method; undo; save, reopen, compare."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QPushButton

from perfdesk.domain import jsonform
from perfdesk.store import open_project


def commit_text(widget, text: str) -> None:
    """What an IME does: preedit, then commit (qtbot.keyClicks aborts on Chinese)."""
    QApplication.sendEvent(widget, QInputMethodEvent("pin", []))
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(QApplication.focusWidget() or widget, event)


def type_field(edit, text: str) -> None:
    edit.setFocus()
    commit_text(edit, text)


def new_project(window, monkeypatch, template_id: str) -> None:
    """表格 › 新建表, choosing the kind and template in the dialog."""
    from perfdesk.ui.new_form_dialog import NewFormDialog

    def choose(dialog: NewFormDialog) -> bool:
        dialog.choose_template(template_id)
        dialog.year.setValue(2027)
        return True

    monkeypatch.setattr(NewFormDialog, "exec", choose)
    window.new_form()


def tree_button(window, side: str, text: str) -> QPushButton:
    box = window.project_editor.tree_boxes[side]
    return next(b for b in box.findChildren(QPushButton) if b.text() == text)


def add_indicator(window, qtbot, side: str, level2: str, name: str, value: str, core: bool = False) -> None:
    """Select the 二级, 添加三级指标, type the name, Tab, type the value, Enter; Space on ★."""
    tree = window.project_editor.trees[side]
    model = tree.model()
    group = next(l2 for l1 in model.roots for l2 in l1.children if l2.name == level2)
    tree.setFocus()
    tree.setCurrentIndex(model.index_of(group))
    qtbot.mouseClick(tree_button(window, side, "添加三级指标"), Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    commit_text(editor, name)  # replaces the selected placeholder 新指标
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # on to 指标值, editing
    qtbot.waitUntil(lambda: tree.currentIndex().column() == 1 and tree.state() == tree.State.EditingState,
                    timeout=2000)
    editor = QApplication.focusWidget()
    commit_text(editor, value)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tree.state() != tree.State.EditingState, timeout=2000)
    indicator = next(i for i in group.indicators if i.name == name)
    assert indicator.value == value
    if core:
        tree.setCurrentIndex(model.index_of(indicator, 2))
        qtbot.keyClick(tree, Qt.Key.Key_Space)
        assert indicator.core


def add_goal(window, qtbot, side: str, text: str) -> None:
    editor_page = window.project_editor
    view = editor_page.goal_views[side]
    box = editor_page.goal_boxes[side]
    qtbot.mouseClick(next(b for b in box.findChildren(QPushButton) if b.text() == "添加目标"),
                     Qt.MouseButton.LeftButton)
    assert view.hasFocus()
    commit_text(view, text)  # typing on the new goal's cell opens its editor
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)


def test_an_88_project_table_typed_from_scratch(window, qtbot, monkeypatch, tmp_path):
    new_project(window, monkeypatch, "mof-2015-project")
    form = window.doc.form
    assert form.kind == "project" and form.template == "mof-2015-project"
    assert window.pages.currentWidget() is window.project_editor
    assert window.tasks_box.isHidden() or not window.tasks_box.isVisibleTo(window)
    assert "项目支出" in window.sum_label.text() or "88号" in window.sum_label.text()
    header = window.project_editor.header

    type_field(header.fields["项目名称"], "基层干部")
    type_field(header.fields["项目名称"], "能力提升培训")
    assert form.fields["项目名称"] == "基层干部能力提升培训"
    assert "基层干部能力提升培训" in window.windowTitle()
    assert window.undo_action.text().endswith("修改“项目名称”")
    window.undo_action.trigger()  # both commits into the field are one step
    assert "项目名称" not in form.fields and header.fields["项目名称"].text() == ""
    window.redo_action.trigger()
    assert header.fields["项目名称"].text() == "基层干部能力提升培训"
    type_field(header.fields["主管部门及代码"], "某县委组织部（101001）")
    type_field(header.fields["实施单位"], "某县委党校")
    combo = header.fields["项目属性"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "新增项目", "延续项目"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert form.fields["项目属性"] == "延续项目"
    type_field(header.fields["项目期"], "2026年—2028年")
    assert window.project_editor.goal_models["mid"].caption == "中期目标（2026年—2028年）"
    for key, text in (("mid.total", "360"), ("mid.fiscal", "300"), ("mid.other", "60"),
                      ("year.total", "120"), ("year.fiscal", "100"), ("year.other", "20")):
        header.funds[key].setFocus()
        qtbot.keyClicks(header.funds[key], text)
    assert form.funds["mid.total"] == "360" and form.fund("year.total") == 120
    undo_text = window.undo_action.text()
    assert "年度资金总额" not in undo_text and "其他资金" in undo_text  # one step per cell
    nav_row = window.navigator._row_of(form.id)
    assert nav_row[1].text() == "120.00"

    add_goal(window, qtbot, "mid", "三年内轮训全县基层干部3600人次")
    add_goal(window, qtbot, "year", "全年培训基层干部1200人次")
    add_goal(window, qtbot, "year", "培训合格率不低于95%")
    assert [g.text for g in form.goals_mid] == ["三年内轮训全县基层干部3600人次"]
    assert [g.text for g in form.goals] == ["全年培训基层干部1200人次", "培训合格率不低于95%"]

    add_indicator(window, qtbot, "mid", "数量指标", "培训基层干部人次", "≥3600人次")
    add_indicator(window, qtbot, "year", "数量指标", "培训基层干部人次", "≥1200人次", core=True)
    add_indicator(window, qtbot, "year", "服务对象满意度指标", "参训学员满意度", "≥90%", core=True)
    assert [(i.name, i.value, i.core) for _a, _b, i in form.iter_indicators("mid")] == [
        ("培训基层干部人次", "≥3600人次", False)]
    assert [(i.name, i.core) for _a, _b, i in form.iter_indicators("year")] == [
        ("培训基层干部人次", True), ("参训学员满意度", True)]

    # Undo takes back the last ★, then redo puts it back; the tree follows.
    window.undo_action.trigger()
    assert not form.tree[-1].children[0].indicators[0].core
    tree = window.project_editor.trees["year"]
    index = tree.model().index_of(form.tree[-1].children[0].indicators[0], 2)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    window.redo_action.trigger()
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    before = jsonform.dumps(window.doc.project)
    path = tmp_path / "项目.db"
    window.doc.path = path
    assert window.files.save()
    assert jsonform.dumps(open_project(path)) == before


def test_a_yth_project_table_typed_from_scratch(window, qtbot, monkeypatch, tmp_path):
    new_project(window, monkeypatch, "yth-project")
    form = window.doc.form
    editor = window.project_editor
    assert form.template == "yth-project"
    assert not editor.tree_boxes["mid"].isVisibleTo(window)  # 年度 only
    assert editor.tree_boxes["year"].isVisibleTo(window)
    assert editor.goal_boxes["mid"].title().startswith("项目总目标")
    header = editor.header
    assert set(header.fields) >= {"项目名称", "主管部门", "项目负责人及电话", "项目性质", "计划开始日期"}
    type_field(header.fields["项目名称"], "城市公共文化设施运维")
    type_field(header.fields["主管部门"], "某区文化和旅游局")
    combo = header.fields["项目性质"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert form.fields["项目性质"] == "一次性项目"
    type_field(header.fields["计划开始日期"], "2024年1月1日")
    for key, text in (("project_total", "77132.58"), ("year.total", "22614.51"), ("year.fiscal", "20000"),
                      ("year.carryover", "2114.51"), ("year.other", "500")):
        header.funds[key].setFocus()
        qtbot.keyClicks(header.funds[key], text)
    add_goal(window, qtbot, "mid", "五年内完成全区公共文化设施提标改造")
    add_goal(window, qtbot, "year", "完成12处设施日常运维")
    add_indicator(window, qtbot, "year", "质量指标", "设施完好率", "≥98%", core=True)
    assert form.funds["year.carryover"] == "2114.51"
    assert [g.text for g in form.goals_mid] == ["五年内完成全区公共文化设施提标改造"]
    assert [(i.name, i.value, i.core) for _a, _b, i in form.iter_indicators()] == [("设施完好率", "≥98%", True)]
    assert not form.tree_mid

    before = jsonform.dumps(window.doc.project)
    path = tmp_path / "一体化.db"
    window.doc.path = path
    assert window.files.save()
    reopened = open_project(path)
    assert jsonform.dumps(reopened) == before
    # and the window shows it again as it was typed
    window.doc.undo_stack.setClean()
    assert window.files.open_path(path, ask=False)
    window.doc.show_form(reopened.forms[-1].id)
    assert window.project_editor.header.funds["year.carryover"].text() == "2114.51"
    assert window.project_editor.header.fields["项目性质"].currentText() == "一次性项目"


@pytest.mark.parametrize("side", ["mid", "year"])
def test_undo_of_an_indicator_typed_on_a_side_removes_it(window, qtbot, monkeypatch, side):
    new_project(window, monkeypatch, "mof-2015-project")
    form = window.doc.form
    add_indicator(window, qtbot, side, "质量指标", "培训合格率", "≥95%")
    assert [i.name for _a, _b, i in form.iter_indicators(side)] == ["培训合格率"]
    for _ in range(3):  # the value, the name, the row
        window.undo_action.trigger()
    assert not list(form.iter_indicators(side))
    assert window.project_editor.trees[side].model().rowCount() == len(form.side(side))
    window.redo_action.trigger()
    assert [i.name for _a, _b, i in form.iter_indicators(side)] == ["新指标"]


def test_audit_marks_and_locate_reach_the_project_trees(window, qtbot, monkeypatch):
    """An empty 指标值 is coloured in its side's tree, and double-clicking the problem goes to it
    (today's engine checks the 年度 side; the marks are keyed by id, so the 中期 side's come the same way)."""
    new_project(window, monkeypatch, "mof-2015-project")
    form = window.doc.form
    add_indicator(window, qtbot, "year", "数量指标", "培训基层干部人次", "≥1200人次")
    indicator = next(i for _a, _b, i in form.iter_indicators("year"))
    indicator.value = ""  # as an import might leave it
    window.validator.start()
    problem = next(p for p in window.validator.problems if p.place.ref_id == indicator.id)
    model = window.project_editor.tree_models["year"]
    assert model.index_of(indicator, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    tree = window.project_editor.trees["year"]
    tree.setCurrentIndex(model.index(0, 0))
    window.locate(problem.place)
    assert tree.current_node() is indicator and tree.hasFocus()


def test_drag_moves_rows_within_a_side_and_ignores_rows_of_the_other_side(window, qtbot, monkeypatch):
    new_project(window, monkeypatch, "mof-2015-project")
    form = window.doc.form
    add_indicator(window, qtbot, "mid", "数量指标", "中期人次", "≥3600人次")
    add_indicator(window, qtbot, "year", "数量指标", "年度人次", "≥1200人次")
    add_indicator(window, qtbot, "year", "数量指标", "年度期数", "≥12期")
    mid_model = window.project_editor.tree_models["mid"]
    year_model = window.project_editor.tree_models["year"]
    mid_row = next(i for _a, _b, i in form.iter_indicators("mid"))
    quantity = form.tree[0].children[0]
    data = mid_model.mimeData([mid_model.index_of(mid_row)])
    assert not year_model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, year_model.index_of(quantity))
    assert [i.name for i in quantity.indicators] == ["年度人次", "年度期数"]  # nothing came across
    last = quantity.indicators[1]
    data = year_model.mimeData([year_model.index_of(last)])
    year_model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, year_model.index_of(quantity))
    assert [i.name for i in quantity.indicators] == ["年度期数", "年度人次"]
    window.undo_action.trigger()
    assert [i.name for i in quantity.indicators] == ["年度人次", "年度期数"]


def test_a_fix_shows_in_the_project_tree(window, qtbot, monkeypatch):
    """A 审核 fix (one operation on the undo stack) changes the 年度 side; undo repaints the project page."""
    from perfdesk.domain.validation import fix_op
    from perfdesk.domain.validation.problems import Edit

    new_project(window, monkeypatch, "mof-2015-project")
    add_indicator(window, qtbot, "year", "数量指标", " 培训人次 ", "≥1200人次")
    add_goal(window, qtbot, "year", "全年培训1200人次 ")
    form = window.doc.form
    indicator = next(i for _a, _b, i in form.iter_indicators("year"))
    edits = (Edit("indicator", indicator.id, "name", "培训人次"),
             Edit("goal", form.goals[0].id, "text", "全年培训1200人次"))
    assert window.doc.apply(fix_op(form, edits), "去掉空格")
    model = window.project_editor.tree_models["year"]
    goals = window.project_editor.goal_models["year"]
    seen: list[str] = []
    model.dataChanged.connect(lambda top, _b, _r=(): seen.append(model.node(top).id))
    goals.dataChanged.connect(lambda top, _b, _r=(): seen.append(goals.goals[top.row()].id))
    window.doc.undo_stack.undo()  # the views repaint what changed
    assert indicator.id in seen and model.index_of(indicator).data() == " 培训人次 "
    assert form.goals[0].id in seen and goals.index(0, 0).data() == "全年培训1200人次 "
