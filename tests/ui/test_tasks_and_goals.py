"""The budget table and goals: sums, 总额 consistency, paste from a spreadsheet, undo."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from perfdesk.domain import jsonform
from perfdesk.domain.validation import validate_form
from perfdesk.ui import task_actions


def cell(doc, row, col):
    return doc.tasks_model.index(row, col)


def test_tasks_model_checks_and_live_total(doc, qtmodeltester):
    qtmodeltester.check(doc.tasks_model, force_py=True)
    model = doc.tasks_model
    assert model.rowCount() == 5
    assert cell(doc, 4, 0).data() == "金额合计"
    assert cell(doc, 4, 2).data() == "2738.67"
    assert cell(doc, 1, 2).data() == "114.40"  # two decimals shown
    assert not (model.flags(cell(doc, 4, 2)) & Qt.ItemFlag.ItemIsEditable)
    assert model.setData(cell(doc, 1, 3), "１,２００.5")  # full width and thousands separator
    task = doc.form.tasks[1]
    assert task.fiscal == Decimal("1200.5")
    assert task.total == Decimal("1200.5")  # 总额 followed 财政拨款 + 其他资金
    assert cell(doc, 4, 2).data() == "3824.77"
    doc.undo_stack.undo()  # one step restores both
    assert (task.fiscal, task.total) == (Decimal("114.4"), Decimal("114.4"))


def test_typed_total_is_kept_when_it_differs(doc):
    model = doc.tasks_model
    task = doc.form.tasks[0]
    model.setData(cell(doc, 0, 2), "1700")
    model.setData(cell(doc, 0, 3), "1600")
    assert task.total == Decimal("1700") and task.fiscal == Decimal("1600")  # not "corrected"


def test_text_typed_into_an_amount_is_kept_and_reported(doc, qtbot):
    """Nothing the clerk typed is thrown away: the words stay in the cell, 审核 marks them."""
    task = doc.form.tasks[0]
    with qtbot.waitSignal(doc.message) as blocker:
        assert doc.tasks_model.setData(cell(doc, 0, 3), "十二万")
    assert "已照原样保留" in blocker.args[0]
    assert cell(doc, 0, 3).data() == "十二万"
    assert cell(doc, 0, 3).data(Qt.ItemDataRole.EditRole) == "十二万"  # the editor reopens with it
    assert task.fiscal is None and task.unparsed == {"fiscal": "十二万"}
    assert task.total == Decimal("1663.73")  # 总额 does not follow words
    assert cell(doc, 4, 3).data() == "1074.94"  # 金额合计 counts only numbers: 2738.67 - 1663.73
    problems = [p for p in validate_form(doc.form) if p.rule_id == "money.not_a_number"]
    assert [p.place.field for p in problems] == ["fiscal"] and "十二万" in problems[0].message
    doc.undo_stack.undo()
    assert task.fiscal == Decimal("1663.73") and task.unparsed == {}
    doc.undo_stack.redo()
    assert doc.tasks_model.setData(cell(doc, 0, 3), "1663.73")  # a number replaces the words
    assert task.fiscal == Decimal("1663.73") and task.unparsed == {}


def test_paste_three_rows_from_excel_extends_table(doc):
    before = jsonform.dumps(doc.project)
    clip = (
        "培训任务\t组织业务培训\t12.50\t10\t2.5\r\n"
        "信息化运维\t\"系统运维，\n含网络专线\"\t1,000\t1,000\t0\r\n"
        "宣传\t印刷资料\t\t3\t0\r\n"
    )
    assert task_actions.paste_tasks(doc, 4, 0, clip) is None
    tasks = doc.form.tasks
    assert len(tasks) == 7
    assert (tasks[4].name, tasks[4].total, tasks[4].other) == ("培训任务", Decimal("12.50"), Decimal("2.5"))
    assert tasks[5].content == "系统运维，\n含网络专线"
    assert tasks[6].total == Decimal("3")  # blank 总额 followed the parts
    assert doc.tasks_model.rowCount() == 8
    doc.undo_stack.undo()
    assert jsonform.dumps(doc.project) == before
    doc.undo_stack.redo()
    assert len(doc.form.tasks) == 7


def test_paste_keeps_an_amount_that_is_not_a_number(doc):
    message = task_actions.paste_tasks(doc, 0, 2, "100\t100\t0\n约50\t50\t0")
    assert message is not None and "1 个金额不是数字" in message
    first, second = doc.form.tasks[0], doc.form.tasks[1]
    assert first.total == Decimal("100")
    assert second.total is None and second.unparsed == {"total": "约50"}
    assert cell(doc, 1, 2).data() == "约50"
    doc.undo_stack.undo()  # the whole paste is one step
    assert second.unparsed == {} and second.total == Decimal("114.40")


def test_goals_model_checks(doc, qtmodeltester):
    qtmodeltester.check(doc.goals_model, force_py=True)
    task_actions.insert_goal(doc, 0, "新目标")
    assert doc.goals_model.headerData(0, Qt.Orientation.Vertical) == "目标1"
    assert doc.goals_model.index(0, 0).data() == "新目标"
    task_actions.move_goal(doc, 0, 1)
    assert doc.goals_model.index(1, 0).data() == "新目标"


def test_row_operations_and_goals_undo_to_identical_json(doc):
    before = jsonform.dumps(doc.project)
    task_actions.insert_task(doc, 1)
    task_actions.move_task(doc, 1, 1)
    task_actions.remove_tasks(doc, [0, 3])
    task_actions.insert_goal(doc, 9, "目标十")
    task_actions.move_goal(doc, 9, -1)
    doc.goals_model.setData(doc.goals_model.index(0, 0), "新的目标一")
    task_actions.remove_goals(doc, [2])
    task_actions.paste_goals(doc, 9, "甲\n乙\n")
    after = jsonform.dumps(doc.project)
    assert after != before
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert jsonform.dumps(doc.project) == before
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert jsonform.dumps(doc.project) == after
