"""The window reaches storage only through the store's repository interface.

A backend that is not a .db file (here: a dict in memory, standing in for a server
database) is opened, edited and saved by the real window without the GUI noticing.
"""

from __future__ import annotations

from pathlib import Path

from perfdesk.domain import jsonform
from perfdesk.domain.model import Project
from perfdesk.sample import sample_project


class _Lock:
    unwritable = None

    def __init__(self) -> None:
        self.held = False

    def is_held(self) -> bool:
        return self.held

    def acquire(self) -> bool:
        self.held = True
        return True

    def release(self) -> None:
        self.held = False

    def take_over(self) -> bool:
        return self.acquire()

    def owner(self):
        return None


class MemoryRepository:
    saved: dict[str, str] = {}

    def __init__(self, location) -> None:
        self.location = Path(location)

    def load(self) -> Project:
        return jsonform.loads(self.saved[str(self.location)])

    def save(self, project: Project, keep_backup: bool = False) -> None:
        self.saved[str(self.location)] = jsonform.dumps(project)

    def lock(self) -> _Lock:
        return _Lock()


def test_the_window_opens_edits_and_saves_through_another_backend(qtbot, tmp_path, monkeypatch):
    from perfdesk.ui import file_ops
    from perfdesk.ui.main_window import MainWindow

    location = tmp_path / "server-project"
    MemoryRepository.saved[str(location)] = jsonform.dumps(sample_project())
    monkeypatch.setattr(file_ops, "repository_for", MemoryRepository)
    win = MainWindow()
    try:
        assert win.files.open_path(location, ask=False)
        assert win.doc.form.department == sample_project().forms[0].department
        from perfdesk.domain.ops import SetField

        assert win.doc.apply(SetField(win.doc.form.id, "form", None, "department", "某县财政局"), "修改部门")
        assert win.files.save()
        assert jsonform.loads(MemoryRepository.saved[str(location)]).forms[0].department == "某县财政局"
        assert not any(tmp_path.iterdir())  # no .db, no lock file: the backend owns storage
    finally:
        win.doc.undo_stack.setClean()
        win.close()
        win.deleteLater()
