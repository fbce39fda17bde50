"""只读打开: nothing can be changed, the clerk is told why, and 另存为 makes the copy editable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from perfdesk.domain import jsonform
from perfdesk.sample import sample_project
from perfdesk.store import open_project, save_project
from perfdesk.ui import file_dialogs, task_actions
from perfdesk.ui.project_lock import ProjectLock


def open_read_only(window, tmp_path, monkeypatch):
    path = tmp_path / "别人在用.db"
    save_project(sample_project(), path)
    other = ProjectLock(path)
    assert other.acquire()
    monkeypatch.setattr(type(window.files), "_ask_locked", lambda self, p, owner: "read_only")
    assert window.files.open_path(path, ask=False)
    assert window.doc.read_only
    return other


def test_every_editor_refuses_input_and_says_so(window, tmp_path, monkeypatch, qtbot):
    other = open_read_only(window, tmp_path, monkeypatch)
    before = jsonform.dumps(window.doc.project)
    header = window.header_panel
    assert header.department.isReadOnly() and header.year.isReadOnly() and not header.framework.isEnabled()
    qtbot.keyClicks(header.year, "9")
    assert header.year.text() == "2022" and "只读" in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    tasks = window.tasks_view
    tasks.setFocus()
    tasks.setCurrentIndex(tasks.model().index(0, 2))
    qtbot.keyClick(tasks, Qt.Key.Key_5)
    assert tasks.state() != tasks.State.EditingState
    assert "只读" in window.statusBar().currentMessage()
    qtbot.keyClick(tasks, Qt.Key.Key_Delete)
    indicator = window.doc.form.tree[0].children[0].indicators[0]
    window.tree.setCurrentIndex(window.doc.tree_model.index_of(indicator, 1))
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    assert window.tree.state() != window.tree.State.EditingState
    assert window.editor.value.isReadOnly() and window.editor.name.isReadOnly()
    qtbot.keyClicks(window.editor.value, "1")
    # Whatever path a change takes (a button, a paste, a 审核 fix), the document refuses it.
    tasks.setFocus()
    tasks.setCurrentIndex(tasks.model().index(1, 0))
    qtbot.keyClick(tasks, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # 向下填充 is a window shortcut
    assert "只读" in window.statusBar().currentMessage()
    task_actions.insert_task(window.doc, 0)
    task_actions.remove_goals(window.doc, [0, 1])
    assert window.doc.undo_stack.count() == 0 and not window.isWindowModified()
    assert jsonform.dumps(window.doc.project) == before
    assert "只读" in window.saved_label.text()
    other.release()


def test_save_as_stays_available_and_the_copy_is_editable(window, tmp_path, monkeypatch, qtbot):
    other = open_read_only(window, tmp_path, monkeypatch)
    save_as = next(a for a in window.findChildren(type(window.undo_action)) if a.text().startswith("另存为"))
    assert save_as.isEnabled()
    target = tmp_path / "我的副本.db"
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: (str(target), ""))
    save_as.trigger()
    assert window.doc.path == target and not window.doc.read_only
    header = window.header_panel
    assert not header.department.isReadOnly() and header.framework.isEnabled()
    header.year.selectAll()
    qtbot.keyClicks(header.year, "2030")
    assert window.doc.form.year == 2030
    assert open_project(target).forms[0].year == 2022  # saved before the edit
    other.release()
