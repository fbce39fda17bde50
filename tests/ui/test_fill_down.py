"""Ctrl+D fills down as in Excel, in the budget table and in the tree's 指标值, as one undo step."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from perfdesk.domain import jsonform


def select_block(view, top, left, bottom, right) -> None:
    model = view.model()
    view.setCurrentIndex(model.index(top, left))
    view.selectionModel().select(QItemSelection(model.index(top, left), model.index(bottom, right)),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_ctrl_d_fills_the_budget_column_down_in_one_undo_step(window, qtbot):
    tasks = window.tasks_view
    form = window.doc.form
    before = jsonform.dumps(window.doc.project)
    source = form.tasks[0].fiscal
    tasks.setFocus()
    select_block(tasks, 0, 3, 2, 3)  # 财政拨款 of rows 1-3
    qtbot.keyClick(tasks, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [t.fiscal for t in form.tasks[:3]] == [source] * 3
    assert "向下填充" in window.undo_action.text()
    window.undo_action.trigger()  # one step undoes the whole fill
    assert jsonform.dumps(window.doc.project) == before


def test_ctrl_d_on_one_cell_copies_the_cell_above(window, qtbot):
    tasks = window.tasks_view
    form = window.doc.form
    tasks.setFocus()
    select_block(tasks, 1, 0, 1, 0)
    qtbot.keyClick(tasks, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert form.tasks[1].name == form.tasks[0].name
    select_block(tasks, 0, 0, 0, 0)  # nothing above the first row: nothing happens, and it says so
    qtbot.keyClick(tasks, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "没有要填充的内容" in window.statusBar().currentMessage()


def test_ctrl_d_fills_indicator_values_down(window, qtbot):
    tree = window.tree
    model = window.doc.tree_model
    group = window.doc.form.tree[0].children[1]  # 质量指标
    first, *rest = group.indicators[:3]
    before = [i.value for i in group.indicators[:3]]
    assert len(set(before)) > 1
    tree.setFocus()
    tree.setCurrentIndex(model.index_of(first, 1))
    tree.selectionModel().select(QItemSelection(model.index_of(first, 0), model.index_of(rest[-1], 1)),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [i.value for i in group.indicators[:3]] == [first.value] * 3
    window.undo_action.trigger()
    assert [i.value for i in group.indicators[:3]] == before


def test_a_block_of_amount_columns_fills_each_column_from_its_top(window, qtbot):
    tasks = window.tasks_view
    form = window.doc.form
    tasks.setFocus()
    select_block(tasks, 0, 3, 1, 4)  # 财政拨款 and 其他资金 of rows 1-2
    qtbot.keyClick(tasks, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    second = form.tasks[1]
    assert (second.fiscal, second.other) == (form.tasks[0].fiscal, form.tasks[0].other)
    assert window.doc.undo_stack.count() == 1
