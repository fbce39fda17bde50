"""One undo command over domain operations: every kind of edit, 审核 fixes included, and the
Qt models following the domain through each operation, its undo and its redo."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from test_fill_down import select_block
from test_main_window import type_chinese

from perfdesk.domain import jsonform
from perfdesk.domain.model import Goal, Indicator, Level2, Task
from perfdesk.domain.ops import Batch, InsertNode, MoveNode, RemoveNode, SetField
from perfdesk.sample import sample_project
from perfdesk.ui.commands import OpCommand
from perfdesk.ui.document import Document


def tree_rows(model, parent=QModelIndex()) -> list:
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        rows.append((index.data(), model.index(row, 1, parent).data(Qt.ItemDataRole.EditRole),
                     tree_rows(model, index)))
    return rows


def domain_rows(form) -> list:
    return [(l1.name, None, [(l2.name, None, [(i.name, i.value, []) for i in l2.indicators])
                             for l2 in l1.children]) for l1 in form.tree]


def assert_models_follow(doc) -> None:
    """Every model shows exactly the current form (rows, order, text)."""
    form = doc.form
    assert tree_rows(doc.tree_model) == domain_rows(form)
    tasks = doc.tasks_model
    assert tasks.rowCount() == len(form.tasks) + 1  # + 金额合计
    assert [tasks.index(r, 0).data() for r in range(len(form.tasks))] == [t.name for t in form.tasks]
    assert [tasks.index(r, 3).data(Qt.ItemDataRole.EditRole) for r in range(len(form.tasks))] == [
        t.unparsed.get("fiscal", "" if t.fiscal is None else format(t.fiscal, "f")) for t in form.tasks]
    goals = doc.goals_model
    assert [goals.index(r, 0).data() for r in range(goals.rowCount())] == [g.text for g in form.goals]
    assert [goals.headerData(r, Qt.Orientation.Vertical) for r in range(goals.rowCount())] == [
        f"目标{n}" for n in range(1, len(form.goals) + 1)]


def fixable_item(panel, label: str):
    """The row of the problem list at ``label`` that offers a fix (in any severity group)."""
    groups = [panel.tree.topLevelItem(g) for g in range(panel.tree.topLevelItemCount())]
    rows = [group.child(i) for group in groups for i in range(group.childCount())]
    return next(row for row in rows if row.text(0) == label and "可修复" in row.text(1))


def test_every_kind_of_edit_is_one_op_command_and_the_session_undoes_and_redoes_exactly(window, qtbot, monkeypatch):
    doc, tree, model = window.doc, window.tree, window.doc.tree_model
    before = jsonform.dumps(doc.project)
    # typing in a header field: two IME commits, one step
    type_chinese(window.header_panel.department, "（本级）")
    # a tree cell typed over (the first key opens the editor)
    indicator = doc.form.tree[0].children[0].indicators[0]
    tree.setFocus()
    tree.setCurrentIndex(model.index_of(indicator, 1))
    qtbot.keyClicks(tree, "5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: indicator.value == "5", timeout=2000)
    # Insert a 三级, named by typing; Delete another; Ctrl+Down moves one
    tree.setCurrentIndex(model.index_of(indicator, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Insert)
    qtbot.keyClicks(QApplication.focusWidget(), "abc")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    level2 = doc.form.tree[0].children[0]
    qtbot.waitUntil(lambda: level2.indicators[1].name == "abc", timeout=2000)
    tree.setCurrentIndex(model.index_of(level2.indicators[2], 0))
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    tree.setCurrentIndex(model.index_of(level2.indicators[0], 0))
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert level2.indicators[1] is indicator
    # paste rows into the budget table, then fill a column down
    tasks_view = window.tasks_view
    tasks_view.setFocus()
    tasks_view.setCurrentIndex(doc.tasks_model.index(len(doc.form.tasks), 0))
    QGuiApplication.clipboard().setText("甲任务\t内容\t\t1\t2\n乙任务\t\t\t3\t")
    qtbot.keyClick(tasks_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [t.name for t in doc.form.tasks[-2:]] == ["甲任务", "乙任务"]
    assert doc.form.tasks[-2].total == Decimal("3")
    last = len(doc.form.tasks) - 1
    select_block(tasks_view, last, 3, last, 3)
    qtbot.keyClick(tasks_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert doc.form.tasks[last].fiscal == doc.form.tasks[last - 1].fiscal
    # a goal added and one cleared with Delete
    window._insert_goal()
    window.goals_view.setFocus()
    window.goals_view.setCurrentIndex(doc.goals_model.index(0, 0))
    qtbot.keyClick(window.goals_view, Qt.Key.Key_Delete)
    # a 审核 fix, the 指标体系 switched to 2021, and the fix that moves the old 成本指标 rows
    window.validator.run()
    window.validation_panel.tree.setCurrentItem(fixable_item(window.validation_panel, "满意度指标 › 满意度指标"))
    window.validation_panel.apply_fix()
    window.header_panel.framework.setFocus()
    qtbot.keyClick(window.header_panel.framework, Qt.Key.Key_Down)
    assert doc.form.framework == "2021"
    window.validator.run()
    window.validation_panel.tree.setCurrentItem(fixable_item(window.validation_panel, "产出指标 › 成本指标"))
    window.validation_panel.apply_fix()
    assert doc.form.level1("产出指标").child("成本指标") is None
    # a form added through 新建表 and the first one removed
    from perfdesk.ui.new_form_dialog import NewFormDialog

    monkeypatch.setattr(NewFormDialog, "exec", lambda self: True)
    window.new_form()
    assert len(doc.project.forms) == 2
    doc.show_form(doc.project.forms[0].id)
    window.remove_form(ask=False)
    assert len(doc.project.forms) == 1

    stack = doc.undo_stack
    commands = [stack.command(i) for i in range(stack.count())]
    assert [type(c) for c in commands] == [OpCommand] * 15
    assert all(c.childCount() == 0 for c in commands)  # no macros: a batch is one operation
    assert [c.text() for c in commands] == [
        "修改“部门（单位）名称”", "修改指标值", "添加三级指标“新指标”", "修改指标名称", "删除 1 个三级指标",
        f"移动三级指标“{indicator.name}”", "粘贴 2 行", "向下填充 1 个单元格", "添加目标", "清除 1 个目标的内容",
        "修复：二级指标改为“服务对象满意度指标”", "修改“指标体系”",
        "修复：把 14 个三级指标移到“成本指标 › 经济成本指标”",
        f"新建表“{doc.project.forms[0].display_name}”", commands[-1].text()]
    assert commands[-1].text().startswith("删除表“")
    rename_fix, merge_fix = commands[10].op, commands[12].op  # the 审核 fixes are ordinary operations
    assert isinstance(rename_fix, Batch) and [type(op) for op in rename_fix.ops] == [SetField]
    assert {type(op) for op in merge_fix.ops[0].ops} == {MoveNode, RemoveNode}  # 经济成本指标 was there
    after = jsonform.dumps(doc.project)
    while stack.canUndo():
        stack.undo()
        assert_models_follow(doc)
    assert jsonform.dumps(doc.project) == before
    while stack.canRedo():
        stack.redo()
        assert_models_follow(doc)
    assert jsonform.dumps(doc.project) == after


def test_a_fix_listed_before_its_row_was_deleted_changes_nothing_and_says_why(window):
    doc, panel = window.doc, window.validation_panel
    window.validator.run()
    panel.tree.setCurrentItem(fixable_item(panel, "产出指标 › 数量指标 › 保障在职人员数量"))
    target = panel.selected_problem().fix.edits[0].ref_id
    assert doc.apply(RemoveNode(doc.form.id, "indicator", target), "删除")  # before 审核 runs again
    before, count = jsonform.dumps(doc.project), doc.undo_stack.count()
    panel.apply_fix()
    assert doc.undo_stack.count() == count and jsonform.dumps(doc.project) == before
    assert "已经改动" in window.statusBar().currentMessage()


def test_a_batch_that_fails_half_way_changes_nothing_and_leaves_the_models_whole(doc, qtmodeltester):
    qtmodeltester.check(doc.tasks_model)
    form = doc.form
    before = jsonform.dumps(doc.project)
    stale = Batch((InsertNode(form.id, "task", None, 0, Task("新")), SetField(form.id, "task", "gone", "name", "x")))
    assert not doc.apply(stale, "粘贴")
    assert jsonform.dumps(doc.project) == before and doc.undo_stack.count() == 0
    assert_models_follow(doc)
    twice = Batch((RemoveNode(form.id, "task", form.tasks[1].id), InsertNode(form.id, "task", None, 0, form.tasks[0])))
    assert not doc.apply(twice, "粘贴")  # a row that is already there is refused before any view hears of it
    assert jsonform.dumps(doc.project) == before and doc.undo_stack.count() == 0
    assert_models_follow(doc)


def test_typing_merges_within_one_field_only(window):
    doc = window.doc
    type_chinese(window.header_panel.department, "甲")
    type_chinese(window.header_panel.department, "乙")
    assert doc.undo_stack.count() == 1
    window.header_panel.people_toggle.setChecked(True)
    type_chinese(window.header_panel.people["preparer"], "张三")
    assert doc.undo_stack.count() == 2  # another field: another step
    indicator = doc.form.tree[0].children[0].indicators[0]
    model = doc.tree_model
    model.setData(model.index_of(indicator, 1), "≥1人")
    model.setData(model.index_of(indicator, 1), "≥2人")
    assert doc.undo_stack.count() == 4  # a committed cell is a step of its own, as in Excel
    doc.undo_stack.undo()
    assert indicator.value == "≥1人"


def test_the_models_follow_inserts_moves_and_removals_under_qt_checks(doc, qtmodeltester):
    for model in (doc.tree_model, doc.tasks_model, doc.goals_model):
        qtmodeltester.check(model)
    form = doc.form
    quantity, quality = form.tree[0].children[0], form.tree[0].children[1]
    first, second = quantity.indicators[0], quantity.indicators[1]
    goal = Goal("新目标")
    steps = [
        MoveNode(form.id, "indicator", first.id, quantity.id, 5),  # down within its 二级
        MoveNode(form.id, "indicator", second.id, quantity.id, 0),  # up (already first: a no-op move)
        MoveNode(form.id, "indicator", first.id, quality.id, 0),  # to another 二级
        InsertNode(form.id, "indicator", quality.id, 99, Indicator("末尾", "≥1个")),  # past the end: appended
        InsertNode(form.id, "level1", None, 2, form.tree[0].__class__("成本指标")),
        RemoveNode(form.id, "level2", quality.id),  # a whole 二级 with its 三级
        InsertNode(form.id, "task", None, 0, Task("首行")),
        MoveNode(form.id, "task", form.tasks[0].id, None, 3),
        MoveNode(form.id, "task", form.tasks[-1].id, None, 0),
        RemoveNode(form.id, "task", form.tasks[1].id),
        InsertNode(form.id, "goal", None, 1, goal),
        MoveNode(form.id, "goal", goal.id, None, 0),
        SetField(form.id, "goal", goal.id, "text", "改过的目标"),
        RemoveNode(form.id, "goal", form.goals[-1].id),
    ]
    states = [jsonform.dumps(doc.project)]
    for op in steps:
        assert doc.apply(op, "修改")
        assert_models_follow(doc)
        states.append(jsonform.dumps(doc.project))
    for state in reversed(states[:-1]):
        doc.undo_stack.undo()
        assert_models_follow(doc)
        assert jsonform.dumps(doc.project) == state
    for state in states[1:]:
        doc.undo_stack.redo()
        assert_models_follow(doc)
        assert jsonform.dumps(doc.project) == state


def test_an_undo_shows_the_form_it_changes(doc):
    from perfdesk.domain.model import new_form
    from perfdesk.domain.ops import InsertForm

    first = doc.form
    assert doc.apply(SetField(first.id, "form", None, "department", "甲局"), "修改")
    second = new_form(2024, "乙局")
    assert doc.apply(InsertForm(1, second), "新建表")
    assert doc.form is second
    doc.undo_stack.undo()  # the new form goes: the first is shown
    assert doc.form is first and [f.id for f in doc.project.forms] == [first.id]
    doc.undo_stack.redo()
    doc.show_form(second.id)
    doc.undo_stack.undo()
    doc.undo_stack.undo()  # the department of the first form: it is shown again
    assert doc.form is first and first.department != "甲局"
    assert_models_follow(doc)


_TEXT = st.text(alphabet="甲乙丙≥%1.", max_size=4)


@st.composite
def _op(draw, form):
    """Any one edit of the form's tree, tasks or goals (addresses drawn from what is there now)."""
    level2s = [l2 for l1 in form.tree for l2 in l1.children]
    indicators = [ind for _, _, ind in form.iter_indicators()]
    choice = draw(st.integers(0, 9))
    if choice == 0 and indicators:
        key = draw(st.sampled_from(["name", "value"]))
        return SetField(form.id, "indicator", draw(st.sampled_from(indicators)).id, key, draw(_TEXT))
    if choice == 1 and level2s:
        return InsertNode(form.id, "indicator", draw(st.sampled_from(level2s)).id, draw(st.integers(0, 30)),
                          Indicator(draw(_TEXT)))
    if choice == 2 and indicators:
        return RemoveNode(form.id, "indicator", draw(st.sampled_from(indicators)).id)
    if choice == 3 and indicators:
        return MoveNode(form.id, "indicator", draw(st.sampled_from(indicators)).id,
                        draw(st.sampled_from(level2s)).id, draw(st.integers(0, 30)))
    if choice == 4 and level2s:
        return RemoveNode(form.id, "level2", draw(st.sampled_from(level2s)).id)
    if choice == 5 and form.tree:
        level1 = draw(st.sampled_from(form.tree))
        return InsertNode(form.id, "level2", level1.id, draw(st.integers(0, 5)),
                          Level2(draw(_TEXT), [Indicator(draw(_TEXT))]))
    if choice == 6 and form.tasks:
        return MoveNode(form.id, "task", draw(st.sampled_from(form.tasks)).id, None, draw(st.integers(0, 10)))
    if choice == 7 and form.tasks:
        return RemoveNode(form.id, "task", draw(st.sampled_from(form.tasks)).id)
    if choice == 8 and form.goals:
        return MoveNode(form.id, "goal", draw(st.sampled_from(form.goals)).id, None, draw(st.integers(0, 5)))
    return InsertNode(form.id, "task", None, draw(st.integers(0, 10)), Task(draw(_TEXT)))


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_the_models_follow_any_sequence_of_operations_and_their_undo(qapp, data):
    doc = Document(sample_project())
    try:
        before = jsonform.dumps(doc.project)
        for _ in range(data.draw(st.integers(1, 8))):
            ops = data.draw(st.lists(_op(doc.form), min_size=1, max_size=3))
            doc.apply(Batch(tuple(ops)) if len(ops) > 1 else ops[0], "修改")  # a stale batch: no step
            assert_models_follow(doc)
        after = jsonform.dumps(doc.project)
        while doc.undo_stack.canUndo():
            doc.undo_stack.undo()
            assert_models_follow(doc)
        assert jsonform.dumps(doc.project) == before
        while doc.undo_stack.canRedo():
            doc.undo_stack.redo()
        assert_models_follow(doc)
        assert jsonform.dumps(doc.project) == after
    finally:
        doc.undo_stack.clear()


def test_groups_an_operation_adds_open_in_the_tree_as_the_others_are(window, qtbot):
    from test_framework_switch import switch_to_2021

    switch_to_2021(window, qtbot)
    model, tree = window.doc.tree_model, window.tree
    cost = window.doc.form.level1("成本指标")
    assert tree.isExpanded(model.index_of(cost)) and all(tree.isExpanded(model.index_of(l2)) for l2 in cost.children)
    window.undo_action.trigger()
    window.redo_action.trigger()  # the same groups come back, open again
    assert tree.isExpanded(model.index_of(cost))
