"""审核 in the window: marks on the cells, the problem list, locating and fixing."""

from __future__ import annotations

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
    assert window.doc.tree_model.index_of(window.doc.form.level1("满意度指标").children[0]).data() == "服务对象满意度指标"
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
    assert groups["错误"].isExpanded() and not groups["提示"].isExpanded()
    groups["提示"].setExpanded(True)
    groups["错误"].setExpanded(False)
    validator.run()  # as after a fix or an edit
    groups = {panel.tree.topLevelItem(i).text(0)[:2]: panel.tree.topLevelItem(i)
              for i in range(panel.tree.topLevelItemCount())}
    assert groups["提示"].isExpanded() and not groups["错误"].isExpanded()
    first = groups["错误"].child(0)
    assert first.toolTip(0) == first.text(0) and " › " in first.toolTip(0)  # the cut-off place in full
    panel.tree.setCurrentItem(groups["错误"])
    assert panel.selected_problem() is None  # a group row is not a problem
