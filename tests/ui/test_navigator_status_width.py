"""The 审核 column of the form navigator shows a table's whole status, however many problems it has
(a first-time user saw '252错 …' cut off on a generated 自评表 of 250 rows)."""

from __future__ import annotations

from perfdesk.domain.model import Indicator, Project
from perfdesk.sample import sample_project
from perfdesk.store import save_project
from tests.project_forms import mof_project


def test_a_long_status_is_not_cut_off(qtbot, tmp_path):
    from perfdesk.ui.main_window import MainWindow

    project = mof_project()
    level2 = project.tree[0].children[0]
    level2.indicators += [Indicator("", f"≥{n}人次") for n in range(150)]  # 150 unnamed rows: 150 错误
    path = tmp_path / "多问题.db"
    save_project(Project([sample_project().forms[0], project]), path)
    win = MainWindow()
    assert win.files.open_path(path, ask=False)
    win.show()
    try:
        nav = win.navigator
        win.validator.start()
        qtbot.waitUntil(lambda: len(nav.status) == 2, timeout=10000)
        item = nav._row_of(project.id)[2]
        assert item.text().startswith("15")  # 150-odd errors
        needed = nav.view.sizeHintForIndex(item.index()).width()  # what Qt needs to draw it without "…"
        assert nav.view.header().sectionSize(2) >= needed, (item.text(), nav.view.header().sectionSize(2), needed)
    finally:
        win.doc.undo_stack.setClean()
        win.close()
        win.deleteLater()
