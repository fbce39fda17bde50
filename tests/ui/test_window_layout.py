"""At 1366×768, the most common office laptop screen, the form can be filled without dragging
splitters: at least 6 task rows, 4 goals and 15 indicators are on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from perfdesk.ui import settings, task_actions, window_layout


def fully_visible_rows(view, indexes) -> int:
    area = view.viewport().rect()
    return sum(1 for index in indexes if area.contains(view.visualRect(index)))


def test_a_1366_by_768_screen_shows_6_tasks_4_goals_and_15_indicators(window, qtbot):
    for _ in range(6):
        task_actions.insert_task(window.doc, 0)
    window.resize(1366, 768)
    window_layout.apply(window)
    qtbot.waitUntil(lambda: window.tasks_view.viewport().height() > 0)
    qtbot.wait(50)
    tasks = window.tasks_view
    task_rows = [tasks.model().index(r, 0) for r in range(len(window.doc.form.tasks))]
    assert fully_visible_rows(tasks, task_rows) >= 6
    goals = window.goals_view
    assert fully_visible_rows(goals, [goals.model().index(r, 0) for r in range(len(window.doc.form.goals))]) >= 4
    tree, model = window.tree, window.doc.tree_model
    indicators = [model.index_of(i) for _, _, i in window.doc.form.iter_indicators()]
    assert fully_visible_rows(tree, indicators) >= 15
    assert window.validation_dock.height() <= window_layout.DOCK_HEIGHT[True] + 40


def test_long_main_content_can_be_read_in_its_tooltip(window):
    model = window.tasks_view.model()
    content = window.doc.form.tasks[0].content
    assert len(content) > 30
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == content


def test_a_small_screen_without_saved_geometry_fills_the_screen(qtbot):
    from perfdesk.ui.main_window import MainWindow

    store = settings.open_settings()
    store.remove("window/geometry")
    store.sync()
    window = MainWindow()
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    if screen.height() < window_layout.SMALL_SCREEN_HEIGHT:
        assert window.size() == screen.size()
    else:
        assert window.width() <= 1440
    window.autosaver.shutdown()


def test_filled_signature_fields_still_leave_6_task_rows_at_1366_by_768(window, qtbot):
    from perfdesk.domain.model import People

    form = window.doc.form
    for name in People.field_names():
        setattr(form.people, name, "2022年1月10日" if name == "fill_date" else "某某")
    window.header_panel.refresh()  # the section opens when something is filled in
    for _ in range(6):
        task_actions.insert_task(window.doc, 0)
    window.resize(1366, 768)
    window_layout.apply(window)
    qtbot.wait(50)
    assert window.header_panel.people_toggle.isChecked()
    tasks = window.tasks_view
    assert fully_visible_rows(tasks, [tasks.model().index(r, 0) for r in range(len(form.tasks))]) >= 6
    goals = window.goals_view
    assert fully_visible_rows(goals, [goals.model().index(r, 0) for r in range(len(form.goals))]) >= 4


def test_opening_the_signature_section_takes_room_from_the_tasks_not_the_goals(window, qtbot):
    window.resize(1366, 768)
    window_layout.apply(window)
    qtbot.wait(50)
    header_box = window.header_panel.parentWidget()
    goals_height = window.goals_view.height()
    window.header_panel.people_toggle.click()
    qtbot.wait(50)
    assert header_box.height() >= header_box.minimumSizeHint().height()
    assert window.header_panel.people["fill_date"].isVisible()
    assert window.header_panel.people["fill_date"].visibleRegion().boundingRect().height() \
        == window.header_panel.people["fill_date"].height()  # not cut off
    assert window.goals_view.height() == goals_height
