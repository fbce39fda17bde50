"""Time the GUI's work on a 2,000-indicator form: model build, expand, scroll, edit; and
switching forms in a file of 200 project tables (``switch_times``, also used by run.py).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import big_form, median_time, timings, two_hundred_projects_db  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from perfdesk.domain.model import Project  # noqa: E402


def switch_times(path: Path, repeat: int) -> list[float]:
    """Seconds to show another project table of the open file, as Down in the navigator does:
    every view rebuilt and painted (``processEvents``); each call shows a form not shown before."""
    app = QApplication.instance() or QApplication([])
    from perfdesk.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1440, 900)
    window.show()
    assert window.files.open_path(path, ask=False)
    app.processEvents()
    doc = window.doc
    projects = [f for f in doc.project.forms if f.kind == "project"]
    doc.show_form(projects[0].id)  # the project page is built once, on the first project shown
    app.processEvents()
    while window.navigator.idle.isActive():  # the navigator's one-off 审核 of every form, while idle
        app.processEvents()
    order = iter(projects[1:])

    def switch() -> None:
        window.navigator.view.setCurrentIndex(window.navigator._rows[next(order).id].index())
        app.processEvents()

    try:
        return timings(switch, min(repeat, len(projects) - 1))
    finally:
        doc.undo_stack.setClean()
        window.close()
        app.processEvents()


def main() -> int:
    app = QApplication.instance() or QApplication([])
    from perfdesk.ui.document import Document
    from perfdesk.ui.main_window import MainWindow

    form = big_form(2000)
    window = MainWindow()
    window.show()

    def build() -> None:
        window.set_document(Document(Project([form])))
        app.processEvents()

    def scroll() -> None:
        window.tree.scrollToBottom()
        app.processEvents()
        window.tree.scrollToTop()
        app.processEvents()

    def edit() -> None:
        model = window.doc.tree_model
        indicator = form.tree[0].children[0].indicators[100]
        model.setData(model.index_of(indicator, 1), "≥999人")
        app.processEvents()
        window.doc.undo_stack.undo()
        app.processEvents()

    import statistics
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        switching = statistics.median(switch_times(two_hundred_projects_db(Path(scratch) / "projects.db"), 9))
    rows = [
        ("switch forms (200 project tables)", switching, 0.05),
        ("build models + expand all (2,000)", median_time(build), 0.2),
        ("scroll to bottom and back", median_time(scroll), 0.1),
        ("edit a value + undo", median_time(edit), 0.05),
    ]
    failed = False
    for name, seconds, target in rows:
        mark = "ok" if seconds <= target else "SLOW"
        failed |= seconds > target
        print(f"{name:38s} {seconds * 1000:8.1f} ms  (target ≤ {target * 1000:.0f} ms) {mark}")
    window.doc.undo_stack.setClean()
    window.close()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
