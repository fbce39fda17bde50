"""A new table is for next year's budget, so it starts with next year, not a blank 年度."""

from __future__ import annotations

from datetime import date

from perfdesk.domain.model import Project
from perfdesk.ui.new_form_dialog import NewFormDialog


def test_a_window_started_without_a_file_has_next_year_and_no_year_error(qtbot):
    from perfdesk.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.validator.started, timeout=5000)
    assert window.header_panel.year.text() == str(date.today().year + 1)
    assert not [p for p in window.validator.problems if p.rule_id.startswith("form.year")]
    assert not window.isWindowModified()  # a default is not an edit
    window.autosaver.shutdown()


def test_new_project_and_new_form_dialog_start_with_next_year(window):
    window.files.new()
    assert window.doc.form.year == date.today().year + 1
    assert window.header_panel.year.text() == str(date.today().year + 1)
    dialog = NewFormDialog(Project([]), window)
    assert dialog.year.value() == date.today().year + 1
    assert dialog.build().year == date.today().year + 1


def test_fill_date_placeholder_shows_this_years_date_style(window):
    today = date.today()
    placeholder = window.header_panel.people["fill_date"].placeholderText()
    assert f"{today.year}年{today.month}月{today.day}日" in placeholder


def test_the_new_form_dialog_offers_each_template_and_the_default_first(window):
    dialog = NewFormDialog(Project([]), window)
    offered = [dialog.template.itemData(i) for i in range(dialog.template.count())]
    assert offered[0] == "mof-2015" and "hunan-2023" in offered
    assert dialog.build().template == "mof-2015"
    dialog.template.setCurrentIndex(offered.index("hunan-2023"))
    form = dialog.build()
    assert form.template == "hunan-2023" and form.kind_title == "年度整体绩效目标表"
