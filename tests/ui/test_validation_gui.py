"""审核 in the window: marks on the cells, the problem list, locating and fixing."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from perfdesk.domain import jsonform
from perfdesk.domain.validation import Severity


def test_problems_are_listed_marked_and_located(window, qtbot):
    validator = window.validator
    validator.run()
    counts = validator.counts()
    assert counts[Severity.ERROR] == 3
    assert "3 个错误" in window.problems_label.text()
    assert "3 个错误" in window.validation_panel.summary.text()
    date = next(i for _, _, i in window.doc.form.iter_indicators() if i.name == "设备采购完成时间")
    index = window.doc.tree_model.index_of(date, 1)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "不存在" in index.data(Qt.ItemDataRole.ToolTipRole)
    errors = window.validation_panel.tree.topLevelItem(0)
    assert errors.text(0).startswith("错误")
    labels = [errors.child(i).text(0) for i in range(errors.childCount())]
    item = errors.child(labels.index("产出指标 › 时效指标 › 设备采购完成时间"))
    window.validation_panel._double_clicked(item, 0)
    assert window.doc.tree_model.node(window.tree.currentIndex()) is date


def test_fix_is_one_undoable_step_and_revalidates(window, qtbot):
    window.validator.run()
    panel = window.validation_panel
    errors = panel.tree.topLevelItem(0)
    fixable = next(errors.child(i) for i in range(errors.childCount())
                   if errors.child(i).text(0) == "满意度指标 › 满意度指标")
    panel.tree.setCurrentItem(fixable)
    assert panel.fix_button.isEnabled()
    before = jsonform.dumps(window.doc.project)
    panel.apply_fix()
    assert window.doc.form.level1("满意度指标").children[0].name == "服务对象满意度指标"
    first_level2 = window.doc.form.level1("满意度指标").children[0]
    assert window.doc.tree_model.index_of(first_level2).data() == "服务对象满意度指标"
    qtbot.waitUntil(lambda: window.validator.counts()[Severity.ERROR] == 2, timeout=2000)
    window.undo_action.trigger()
    assert jsonform.dumps(window.doc.project) == before
    qtbot.waitUntil(lambda: window.validator.counts()[Severity.ERROR] == 3, timeout=2000)


def test_editing_a_value_revalidates_within_a_moment(window, qtbot):
    date = next(i for _, _, i in window.doc.form.iter_indicators() if i.name == "设备采购完成时间")
    window.doc.tree_model.setData(window.doc.tree_model.index_of(date, 1), "2022年11月30日")
    qtbot.waitUntil(lambda: window.validator.counts()[Severity.ERROR] == 2, timeout=2000)
    assert window.doc.tree_model.index_of(date, 1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_marks_follow_the_first_paint_without_anyone_asking(window, qtbot):
    """Validation waits for the table to be on screen, then runs by itself."""
    qtbot.waitUntil(lambda: "3 个错误" in window.problems_label.text(), timeout=3000)
    assert window.validator.started
    date = next(i for _, _, i in window.doc.form.iter_indicators() if i.name == "设备采购完成时间")
    assert "不存在" in window.doc.tree_model.index_of(date, 1).data(Qt.ItemDataRole.ToolTipRole)
    # A form opened later is validated at once: the window is already on screen.
    window.files.new()
    assert window.validator.problems and "个错误" in window.problems_label.text()


def test_a_window_that_is_never_painted_still_validates(qtbot, tmp_path):
    from perfdesk.sample import sample_project
    from perfdesk.store import save_project
    from perfdesk.ui.main_window import MainWindow

    path = tmp_path / "示例.db"
    save_project(sample_project(), path)
    window = MainWindow()  # never shown, so never painted
    assert window.files.open_path(path, ask=False)
    assert not window.validator.started
    qtbot.waitUntil(lambda: window.validator.started, timeout=5000)
    assert "3 个错误" in window.problems_label.text()
    window.doc.release_lock()
    window.autosaver.shutdown()
    window.deleteLater()


def test_the_problem_list_keeps_groups_as_the_clerk_left_them(window):
    validator, panel = window.validator, window.validation_panel
    validator.run()
    groups = {panel.tree.topLevelItem(i).text(0)[:2]: panel.tree.topLevelItem(i)
              for i in range(panel.tree.topLevelItemCount())}
    assert groups["错误"].isExpanded() and groups["提示"].isExpanded()  # 提示 opens like the others
    groups["提示"].setExpanded(False)
    groups["错误"].setExpanded(False)
    validator.run()  # as after a fix or an edit
    groups = {panel.tree.topLevelItem(i).text(0)[:2]: panel.tree.topLevelItem(i)
              for i in range(panel.tree.topLevelItemCount())}
    assert not groups["提示"].isExpanded() and not groups["错误"].isExpanded()
    first = groups["错误"].child(0)
    assert first.toolTip(0) == first.text(0) and " › " in first.toolTip(0)  # the cut-off place in full
    panel.tree.setCurrentItem(groups["错误"])
    assert panel.selected_problem() is None  # a group row is not a problem


def test_words_typed_into_an_amount_stay_marked_and_are_saved(window, qtbot):
    """A clerk types 约一百万 with an input method into 财政拨款 and presses Enter: the words stay
    in the cell, 审核 marks the cell red, the sum skips it, and Ctrl+S saves the words as typed."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from perfdesk.store import open_project

    window.validator.run()
    tasks = window.tasks_view
    cell = tasks.model().index(1, 3)  # 财政拨款 of the second task (114.40)
    tasks.setCurrentIndex(cell)
    tasks.edit(cell)
    editor = tasks.viewport().findChild(QLineEdit)
    editor.selectAll()
    event = QInputMethodEvent("", [])
    event.setCommitString("约一百万")
    editor.setFocus()
    QApplication.sendEvent(editor, event)
    assert editor.text() == "约一百万"
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits on its next turn of the event loop
    qtbot.waitUntil(lambda: cell.data() == "约一百万", timeout=2000)
    assert "已照原样保留" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.validator.counts()[Severity.ERROR] == 4, timeout=2000)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "约一百万" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert tasks.model().index(4, 3).data() == "2624.27"  # 2738.67 - 114.40
    qtbot.keyClick(tasks, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = open_project(window.doc.path).forms[0].tasks[1]
    assert (saved.fiscal, saved.unparsed) == (None, {"fiscal": "约一百万"})


def test_marks_arriving_while_a_clerk_types_do_not_undo_the_typing(window, qtbot):
    """审核 re-runs a moment after every edit. If its marks arrive while the clerk is typing in
    another cell, that cell must keep what was typed (Qt would reload it from the model)."""
    from PySide6.QtWidgets import QLineEdit

    tasks = window.tasks_view
    cell = tasks.model().index(2, 4)  # 其他资金 of the third task
    tasks.setCurrentIndex(cell)
    tasks.edit(cell)
    editor = tasks.viewport().findChild(QLineEdit)
    editor.setText("12.5")
    window.validator.run()  # the marks refresh every cell of both tables
    assert editor.text() == "12.5"
    indicator = next(i for _, _, i in window.doc.form.iter_indicators() if i.name == "保障在职人员数量")
    value_cell = window.doc.tree_model.index_of(indicator, 1)
    window.tree.setCurrentIndex(value_cell)  # moving on commits the first cell, as in Excel
    window.tree.edit(value_cell)
    tree_editor = window.tree.viewport().findChild(QLineEdit)
    tree_editor.setText("≥120人")
    window.validator.run()
    assert tree_editor.text() == "≥120人"
    window.commit_pending_edits()
    assert window.doc.form.tasks[2].other == Decimal("12.5")
    assert indicator.value == "≥120人"


def test_a_character_no_print_font_has_is_listed_under_its_cell(window, qtbot):
    """The window's 审核 uses the print fonts' coverage: 😀 is blank on paper, 镕 and 𠀀 are not."""
    date = next(i for _, _, i in window.doc.form.iter_indicators() if i.name == "设备采购完成时间")
    window.doc.tree_model.setData(window.doc.tree_model.index_of(date, 1), "2022年11月30日😀镕𠀀")

    def listed() -> list[str]:
        return [p.message for p in window.validator.problems if p.rule_id == "print.missing_glyph"]

    qtbot.waitUntil(lambda: bool(listed()), timeout=3000)
    assert len(listed()) == 1 and "“😀”（U+1F600）" in listed()[0] and "镕" not in listed()[0]
    warnings = window.validation_panel.tree.topLevelItem(1)
    assert warnings.text(0).startswith("警告")
    labels = [warnings.child(i).text(0) for i in range(warnings.childCount())]
    assert "产出指标 › 时效指标 › 设备采购完成时间 › 指标值" in labels


def test_a_clean_form_says_no_problems_were_found(window):
    from clean_forms import clean_form

    from perfdesk.domain.model import Project
    from perfdesk.ui.document import Document

    window.set_document(Document(Project([clean_form()])))
    window.validator.run()
    panel = window.validation_panel
    assert window.validator.problems == []
    assert panel.summary.text() == "未发现问题"
    assert panel.tree.topLevelItemCount() == 1 and panel.tree.topLevelItem(0).text(1) == "未发现问题"
    window.doc.undo_stack.setClean()


def test_a_long_place_is_shown_whole_wide_or_wrapped(window, qtbot):
    window.validation_dock.show()
    window.validator.run()
    panel = window.validation_panel
    qtbot.waitUntil(lambda: panel.tree.viewport().width() > 100)
    window.validator.run()  # fits the column to the list's real width
    metrics = panel.tree.fontMetrics()
    line = metrics.height()
    for i in range(panel.tree.topLevelItemCount()):
        group = panel.tree.topLevelItem(i)
        for j in range(group.childCount()):
            item = group.child(j)
            rect = panel.tree.visualItemRect(item)
            needed = metrics.horizontalAdvance(item.text(0))
            room = panel.tree.columnWidth(0) - panel.tree.indentation() - 8
            assert needed <= room or rect.height() >= 2 * line, item.text(0)
