"""A 绩效自评表 made and filled in the window, as a clerk would: the §2.5 worked example's project
table opened from a .db, 表格 › 新建自评表, the actuals, 分值 and typed 得分 typed with the keyboard
(Chinese through an input method), 总分 92.00 优 shown live, 92.11 after switching 反向 to ratio
and 92.00 again after undo; 与目标表同步 after the target changed; save, reopen, compare."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMenu

from perfdesk.domain import jsonform
from perfdesk.domain.model import Indicator
from perfdesk.domain.ops import InsertNode, RemoveNode, SetField
from perfdesk.store import open_project, save_project
from perfdesk.ui.self_eval_rows import ACTUAL, NOT_APPLICABLE_COLUMN, SCORE, WEIGHT
from tests.self_eval_forms import WORKED, training_project
from tests.ui.test_project_editor import commit_text

FUNDS = {"total.full_year": "120.00", "total.executed": "114.00", "fiscal.initial": "100.00",
         "fiscal.full_year": "110.00", "fiscal.executed": "105.00", "carryover.initial": "0.00",
         "carryover.full_year": "10.00", "carryover.executed": "9.00"}


def open_training(window, tmp_path):
    path = tmp_path / "培训项目.db"
    save_project(training_project(), path)
    window.doc.undo_stack.setClean()
    assert window.files.open_path(path, ask=False)
    return path


def menu_action(window, text: str):
    return next(a for m in window.menuBar().findChildren(QMenu) for a in m.actions() if a.text() == text)


def create_self_eval(window, monkeypatch, profile: str = ""):
    from perfdesk.ui.self_eval_sync import NewSelfEvalDialog

    seen = {}

    def choose(dialog: NewSelfEvalDialog) -> bool:
        seen["sources"] = [dialog.source.itemData(i) for i in range(dialog.source.count())]
        seen["profiles"] = [dialog.profile.itemData(i) for i in range(dialog.profile.count())]
        if profile:
            dialog.choose(dialog.source.currentData(), profile)
        return True

    monkeypatch.setattr(NewSelfEvalDialog, "exec", choose)
    menu_action(window, "新建自评表(&E)…").trigger()
    return seen


def type_cell(qtbot, view, row: int, column: int, text: str) -> None:
    """Select the cell, type (an input method commits the text), Enter."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    commit_text(view, text)
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)


def fill_worked_example(window, qtbot) -> None:
    page = window.self_eval_page
    for key, text in FUNDS.items():
        cell = page.budget.cells[key]
        cell.setFocus()
        cell.selectAll()
        qtbot.keyClicks(cell, text)
    model, view = page.model, page.table
    rows = {ind.name: n for n, (_a, _b, ind) in enumerate(model.rows)}
    for _l2, name, _target, actual, weight, typed in WORKED:
        row = rows[name]
        type_cell(qtbot, view, row, ACTUAL, actual)
        type_cell(qtbot, view, row, WEIGHT, weight)
        if typed:
            type_cell(qtbot, view, row, SCORE, typed)


def test_the_worked_example_typed_in_the_window_totals_92_and_92_11_in_ratio(window, qtbot, monkeypatch, tmp_path):
    open_training(window, tmp_path)
    project_form = window.doc.form
    seen = create_self_eval(window, monkeypatch)
    form = window.doc.form
    assert seen["sources"] == [project_form.id] and "central-2020" in seen["profiles"]
    assert form.kind == "self_evaluation" and form.source_form == project_form.id
    page = window.self_eval_page
    assert window.pages.currentWidget() is page
    groups = [window.navigator.model.item(g).text() for g in range(window.navigator.model.rowCount())]
    assert any(g.startswith("绩效自评表") for g in groups)
    assert window.undo_action.text().startswith("撤销 新建自评表")
    window.undo_action.trigger()  # one operation: the form goes, the project table shows again
    assert [f.kind for f in window.doc.project.forms] == ["project"]
    window.redo_action.trigger()
    assert window.doc.form is form and window.pages.currentWidget() is page

    assert page.fields["项目名称"].text() == "某培训项目"
    assert page.fields["主管部门"].text() == "某县人社局（101）"
    assert page.budget.cells["total.initial"].text() == "100.00"
    assert [page.expected.item(n).text() for n in range(page.expected.count())] == [g.text for g in form.goals]
    model = page.model
    assert [ind.name for _a, _b, ind in model.rows] == [w[1] for w in WORKED]
    name_index = model.index(0, 2)
    assert not model.flags(name_index) & Qt.ItemFlag.ItemIsEditable  # copied from the target: read-only

    fill_worked_example(window, qtbot)
    assert page.total.text() == "总分 92.00　等级 优"
    assert page.budget.rate.text() == "95.00%" and page.budget.score.text() == "9.50"
    assert "114" in page.budget.score.toolTip()
    rows = {ind.name: n for n, (_a, _b, ind) in enumerate(model.rows)}
    people = model.index(rows["培训人次"], SCORE)
    assert people.data() == "14.25" and "950" in people.data(Qt.ItemDataRole.ToolTipRole)
    assert not model.flags(people) & Qt.ItemFlag.ItemIsEditable  # computed: shown, not typed
    quality = model.index(rows["培训质量"], SCORE)
    assert model.flags(quality) & Qt.ItemFlag.ItemIsEditable  # 定性: typed
    page.table.setCurrentIndex(people)
    assert page.explanation.text().startswith("培训人次：") and "950" in page.explanation.text()
    late = model.index(rows["培训完成时间"], 7)
    assert late.data(Qt.ItemDataRole.BackgroundRole) is not None  # 偏差原因 required and empty
    assert page.total.toolTip() == page.scores.total.explanation and "92.00" in page.total.toolTip()

    # 反向 mode: linear → ratio changes 人均培训成本 and the total; undo takes it back.
    combo = page.reverse
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert form.reverse_mode == "ratio"
    assert page.total.text() == "总分 92.11　等级 优"
    window.undo_action.trigger()  # each choice is a step: back to linear
    assert form.reverse_mode == "linear" and combo.currentData() == "linear"
    assert page.total.text() == "总分 92.00　等级 优"
    window.undo_action.trigger()
    assert form.reverse_mode == "" and combo.currentData() == ""

    before = jsonform.dumps(window.doc.project)
    path = tmp_path / "自评.db"
    window.doc.path = path
    assert window.files.save()
    assert jsonform.dumps(open_project(path)) == before
    window.doc.undo_stack.setClean()
    assert window.files.open_path(path, ask=False)
    reopened = window.doc.show_form(form.id)
    assert reopened.kind == "self_evaluation"
    assert window.self_eval_page.total.text() == "总分 92.00　等级 优"


def test_a_qualitative_actual_offers_the_three_bands_and_not_applicable_rescales(window, qtbot, monkeypatch,
                                                                                  tmp_path):
    open_training(window, tmp_path)
    create_self_eval(window, monkeypatch)
    page = window.self_eval_page
    model, view = page.model, page.table
    rows = {ind.name: n for n, (_a, _b, ind) in enumerate(model.rows)}
    view.setFocus()
    view.setCurrentIndex(model.index(rows["培训质量"], ACTUAL))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState, timeout=2000)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.isEditable()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # the drop-down's next 档次
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)
    row = model.rows[rows["培训质量"]][2]
    assert row.extras["actual"] == "部分达成年度指标并具有一定效果"
    # 不适用 with the keyboard: Space on the check column
    view.setCurrentIndex(model.index(rows["培训人次"], NOT_APPLICABLE_COLUMN))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.rows[rows["培训人次"]][2].extras.get("not_applicable") == "是"
    assert model.index(rows["培训人次"], SCORE).data() == "不适用"
    window.undo_action.trigger()
    assert "not_applicable" not in model.rows[rows["培训人次"]][2].extras


def test_sync_with_the_target_previews_confirms_and_undoes_in_one_step(window, qtbot, monkeypatch, tmp_path):
    from perfdesk.ui.self_eval_sync import SyncDialog

    open_training(window, tmp_path)
    project_form = window.doc.form
    create_self_eval(window, monkeypatch)
    form = window.doc.form
    page = window.self_eval_page
    fill_worked_example(window, qtbot)
    targets = {ind.name: ind for _a, _b, ind in project_form.iter_indicators()}
    window.doc.apply(SetField(project_form.id, "indicator", targets["培训人次"].id, "value", "≥1200人次"), "改")
    window.doc.apply(RemoveNode(project_form.id, "indicator", targets["培训长效机制"].id), "删")
    quality = next(l2 for l1 in project_form.tree for l2 in l1.children if l2.name == "质量指标")
    window.doc.apply(InsertNode(project_form.id, "indicator", quality.id, 9, Indicator("教材发放率", "=100%")), "加")
    window.doc.show_form(form.id)
    shown = {}

    def look(dialog: SyncDialog) -> bool:
        shown["lines"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        shown["ok_before"] = ok.isEnabled()
        assert dialog.understood is not None
        dialog.understood.setChecked(True)
        shown["ok_after"] = ok.isEnabled()
        return True

    monkeypatch.setattr(SyncDialog, "exec", look)
    page.sync_button.click()
    assert shown["ok_before"] is False and shown["ok_after"] is True  # removing rows needs the tick
    assert any("≥1000人次" in line and "≥1200人次" in line for line in shown["lines"])
    removed = next(line for line in shown["lines"] if "培训长效机制" in line)
    assert "13.50" in removed and "达成年度指标" in removed  # what the clerk filled there is named
    assert any(line.startswith("新增") and "教材发放率" in line and "=100%" in line for line in shown["lines"])
    names = [ind.name for _a, _b, ind in page.model.rows]
    assert "培训长效机制" not in names and "教材发放率" in names
    people = next(ind for _a, _b, ind in form.iter_indicators() if ind.name == "培训人次")
    assert people.value == "≥1200人次"
    assert page.total.text() != "总分 92.00　等级 优"
    window.undo_action.trigger()  # the whole sync is one step
    assert [ind.name for _a, _b, ind in page.model.rows] == [w[1] for w in WORKED]
    assert people.value == "≥1000人次" and page.total.text() == "总分 92.00　等级 优"


def test_an_over_achieved_row_may_be_lowered_and_marks_what_breaks_the_rules(window, qtbot, monkeypatch, tmp_path):
    from perfdesk.ui.self_eval_rows import FLAG_COLOURS

    open_training(window, tmp_path)
    create_self_eval(window, monkeypatch)
    page = window.self_eval_page
    model, view = page.model, page.table
    fill_worked_example(window, qtbot)
    rows = {ind.name: n for n, (_a, _b, ind) in enumerate(model.rows)}
    people = model.index(rows["培训人次"], SCORE)
    assert not model.flags(people) & Qt.ItemFlag.ItemIsEditable
    type_cell(qtbot, view, rows["培训人次"], ACTUAL, "1300人次")  # ≥ 1.2 × 1000: over-achieved
    assert model.flags(people) & Qt.ItemFlag.ItemIsEditable
    assert model.index(rows["培训人次"], ACTUAL).data(Qt.ItemDataRole.BackgroundRole).color() == FLAG_COLOURS["over"]
    assert people.data() == "15.00" and page.total.text() == "总分 92.75　等级 优"
    type_cell(qtbot, view, rows["培训人次"], SCORE, "14")  # lowered: counts
    assert people.data() == "14.00" and page.total.text() == "总分 91.75　等级 优"
    quality = model.index(rows["培训质量"], SCORE)
    type_cell(qtbot, view, rows["培训质量"], SCORE, "7")  # 达成 allows 8–10 only
    assert quality.data(Qt.ItemDataRole.BackgroundRole).color() == FLAG_COLOURS["error"]
    window.undo_action.trigger()
    assert quality.data() == "10.00"
    assert quality.data(Qt.ItemDataRole.BackgroundRole) is None or \
        quality.data(Qt.ItemDataRole.BackgroundRole).color() != FLAG_COLOURS["error"]


def test_audit_of_the_self_evaluation_locates_its_cells_and_checks_the_target(window, qtbot, monkeypatch, tmp_path):
    """审核 in the window: a missing 偏差原因 goes to that cell; a changed target is S13 (the window
    gives the validator the file, so the self-evaluation is compared with its target table)."""
    from perfdesk.ui.self_eval_rows import DEVIATION

    open_training(window, tmp_path)
    project_form = window.doc.form
    create_self_eval(window, monkeypatch)
    form = window.doc.form
    page = window.self_eval_page
    fill_worked_example(window, qtbot)
    window.validator.start()
    rows = {ind.name: n for n, (_a, _b, ind) in enumerate(page.model.rows)}
    late = page.model.rows[rows["培训完成时间"]][2]
    problem = next(p for p in window.validator.problems if p.place.ref_id == late.id and p.place.field == "deviation")
    page.table.setCurrentIndex(page.model.index(0, 0))
    window.locate(problem.place)
    assert page.table.currentIndex().row() == rows["培训完成时间"]
    assert page.table.currentIndex().column() == DEVIATION and page.table.hasFocus()

    target = next(i for _a, _b, i in project_form.iter_indicators() if i.name == "培训人次")
    window.doc.apply(SetField(project_form.id, "indicator", target.id, "value", "≥1200人次"), "改")
    window.doc.show_form(form.id)
    window.validator.run()
    people = page.model.rows[rows["培训人次"]][2]
    assert any(p.place.ref_id == people.id and p.place.field == "value" for p in window.validator.problems)


def test_a_department_self_evaluation_from_the_navigator_with_header_and_goal_text_typed(window, qtbot,
                                                                                          monkeypatch):
    """The sample is a 部门整体 table: the navigator's 自评 makes a dept-self-eval with its tasks (read-only),
    the 部门（单位）名称 and 实际完成情况 typed through an input method, each one undo step."""
    from PySide6.QtWidgets import QToolButton

    from perfdesk.ui.self_eval_sync import NewSelfEvalDialog

    source = window.doc.form
    monkeypatch.setattr(NewSelfEvalDialog, "exec", lambda dialog: True)
    button = next(b for b in window.navigator.findChildren(QToolButton) if b.text() == "自评")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = window.doc.form
    page = window.self_eval_page
    assert form.kind == "self_evaluation" and form.template == "dept-self-eval" and form.source_form == source.id
    assert page.tasks_box.isVisibleTo(window) and page.tasks.rowCount() == len(source.tasks)
    assert page.tasks.item(0, 0).text() == source.tasks[0].name
    assert page.header_box.title() == "单位信息"
    edit = page.fields["department"]
    assert edit.text() == source.department
    edit.setFocus()
    edit.selectAll()
    commit_text(edit, "某县人社局")
    assert form.department == "某县人社局"
    page.goal_actual.setFocus()
    commit_text(page.goal_actual, "全年完成")
    commit_text(page.goal_actual, "培训950人次")
    assert form.fields["实际完成情况"] == "全年完成培训950人次"
    window.undo_action.trigger()  # the two commits are one step
    assert "实际完成情况" not in form.fields and page.goal_actual.toPlainText() == ""
    window.undo_action.trigger()
    assert form.department == source.department and edit.text() == source.department


def test_a_self_evaluation_opened_read_only_cannot_be_changed(window, qtbot, monkeypatch, tmp_path):
    from perfdesk.ui.project_lock import ProjectLock
    from tests.self_eval_forms import filled

    project = training_project()
    form = filled(project, reasons=True)
    path = tmp_path / "别人在用.db"
    save_project(project, path)
    other = ProjectLock(path)
    assert other.acquire()
    monkeypatch.setattr(type(window.files), "_ask_locked", lambda self, p, owner: "read_only")
    window.doc.undo_stack.setClean()
    assert window.files.open_path(path, ask=False) and window.doc.read_only
    window.doc.show_form(form.id)
    page = window.self_eval_page
    before = jsonform.dumps(window.doc.project)
    assert page.total.text() == "总分 92.00　等级 优"
    view = page.table
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, ACTUAL))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() != view.State.EditingState
    assert not page.reverse.isEnabled() and not page.sync_button.isEnabled()
    assert page.budget.cells["total.executed"].isReadOnly() and page.goal_actual.isReadOnly()
    assert not page.model.setData(page.model.index(0, WEIGHT), "20")  # the document refuses any path
    assert jsonform.dumps(window.doc.project) == before
    other.release()
