"""审核 marks header fields in place, like cells; an impossible date is shown as typed, marked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from perfdesk.ui.validation_panel import COLOURS


def test_header_fields_with_problems_are_coloured_with_the_message_as_tooltip(window, qtbot):
    header = window.header_panel
    header.department.setFocus()
    header.department.selectAll()
    qtbot.keyClick(header.department, Qt.Key.Key_Delete)  # 部门名称 left empty: an error
    header.people_toggle.setChecked(True)
    fill_date = header.people["fill_date"]
    fill_date.setFocus()
    qtbot.keyClicks(fill_date, "2022-02-30")
    window.validator.run()
    assert COLOURS["错误"] in header.department.styleSheet()
    assert "部门" in header.department.toolTip()
    assert COLOURS["错误"] in fill_date.styleSheet() and "不存在" in fill_date.toolTip()
    assert fill_date.text() == "2022-02-30"  # shown as typed
    assert header.year.styleSheet() == "" and header.year.toolTip() == ""
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.validator.run()
    assert header.department.styleSheet() == "" and header.department.toolTip() == ""
    image = header.department.grab().toImage()  # and no longer painted in the mark's colour
    assert image.pixelColor(image.width() - 6, image.height() // 2).name() != COLOURS["错误"]


def test_year_left_empty_is_marked_on_the_year_field(window, qtbot):
    year = window.header_panel.year
    year.setFocus()
    year.selectAll()
    qtbot.keyClick(year, Qt.Key.Key_Backspace)
    window.validator.run()
    assert COLOURS["错误"] in year.styleSheet() and "年度" in year.toolTip()


def test_an_impossible_date_is_shown_as_typed_not_as_the_months_last_day(window, qtbot):
    doc = window.doc
    indicator = next(i for _, _, i in doc.form.iter_indicators() if i.name == "设备采购完成时间")
    doc.tree_model.setData(doc.tree_model.index_of(indicator, 1), "≤2022年2月30日")
    window.validator.run()
    window.tree.setCurrentIndex(doc.tree_model.index_of(indicator, 1))
    editor = window.editor
    assert editor.pages.currentIndex() == 1  # the date page
    assert editor.date.isHidden() and not editor.date_typed.isHidden()
    assert editor.date_typed.text() == "2022年2月30日"
    assert "不存在" in editor.date_typed.toolTip() and COLOURS["错误"] in editor.date_typed.styleSheet()
    assert indicator.value == "≤2022年2月30日"  # nothing rewritten to 2月28日
    editor.date_typed.setFocus()
    editor.date_typed.selectAll()
    qtbot.keyClicks(editor.date_typed, "2022-02-28")
    assert indicator.value == "≤2022-02-28"
    other = doc.form.tree[0].children[0].indicators[0]
    window.tree.setCurrentIndex(doc.tree_model.index_of(other, 1))
    window.tree.setCurrentIndex(doc.tree_model.index_of(indicator, 1))
    assert not editor.date.isHidden() and editor.date.date().day() == 28
