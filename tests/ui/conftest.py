from __future__ import annotations

import pytest

from perfdesk.sample import sample_project
from perfdesk.ui.document import Document


@pytest.fixture
def doc(qapp):
    document = Document(sample_project())
    yield document
    document.undo_stack.clear()


@pytest.fixture
def window(qtbot, tmp_path):
    from perfdesk.store import save_project
    from perfdesk.ui.main_window import MainWindow

    path = tmp_path / "2022年 示例.db"
    save_project(sample_project(), path)
    win = MainWindow()
    # Not qtbot.addWidget: pytest-qt would close it before this fixture marks it clean.
    assert win.files.open_path(path, ask=False)
    win.show()
    yield win
    win.doc.recovered = False
    win.doc.undo_stack.setClean()  # no "save changes?" prompt at teardown
    win.close()
    win.deleteLater()
