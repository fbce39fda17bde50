"""指标体系 2015 → 2021 on a filled form: the new 一级 appears and 成本指标 moves in one click."""

from __future__ import annotations

from PySide6.QtCore import Qt

from perfdesk.domain import jsonform
from perfdesk.domain.validation import Severity


def switch_to_2021(window, qtbot) -> None:
    combo = window.header_panel.framework
    combo.setFocus()
    assert combo.currentData() == "2015"
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the next entry: 2021
    assert window.doc.form.framework == "2021"


def level1_names(window) -> list[str]:
    model = window.doc.tree_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_switching_adds_the_2021_cost_group_and_undo_takes_it_away(window, qtbot):
    before = jsonform.dumps(window.doc.project)
    switch_to_2021(window, qtbot)
    assert level1_names(window) == ["产出指标", "效益指标", "成本指标", "满意度指标"]
    cost = window.doc.tree_model.index(2, 0)
    assert [window.doc.tree_model.index(r, 0, cost).data() for r in range(3)] == [
        "经济成本指标", "社会成本指标", "生态环境成本指标"]
    assert "成本指标" in window.statusBar().currentMessage() and "一键" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert jsonform.dumps(window.doc.project) == before
    assert window.header_panel.framework.currentData() == "2015" and "成本指标" not in level1_names(window)
    window.redo_action.trigger()
    assert level1_names(window)[2] == "成本指标"


def test_one_click_moves_the_old_cost_rows_and_is_undoable(window, qtbot):
    switch_to_2021(window, qtbot)
    window.validator.run()
    panel = window.validation_panel
    items = [panel.tree.topLevelItem(0).child(i) for i in range(panel.tree.topLevelItem(0).childCount())]
    item = next(i for i in items if i.text(0) == "产出指标 › 成本指标")
    assert "可修复" in item.text(1)
    old_costs = [ind.name for ind in window.doc.form.level1("产出指标").child("成本指标").indicators]
    after_switch = jsonform.dumps(window.doc.project)
    panel.tree.setCurrentItem(item)
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    form = window.doc.form
    assert form.level1("产出指标").child("成本指标") is None
    assert [i.name for i in form.level1("成本指标").child("经济成本指标").indicators] == old_costs
    window.validator.run()
    errors = [p for p in window.validator.problems if p.severity is Severity.ERROR]
    assert not [p for p in errors if "成本指标" in p.place.label]
    assert not [p for p in window.validator.problems if p.rule_id == "tree.recommended_missing"
                and "经济成本指标" in p.message]
    window.undo_action.trigger()
    assert jsonform.dumps(window.doc.project) == after_switch
    window.undo_action.trigger()
    assert window.doc.form.framework == "2015"
