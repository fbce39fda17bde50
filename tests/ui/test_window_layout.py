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
