"""Autosave and recovery after a crash; the lock that stops two desks overwriting each other."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from perfdesk.domain import jsonform
from perfdesk.sample import sample_project
from perfdesk.store import save_project
from perfdesk.store.recovery import list_recovery
from perfdesk.ui import file_dialogs
from perfdesk.ui.autosave import orphaned_entries
from perfdesk.ui.project_lock import ProjectLock

ROOT = Path(__file__).resolve().parents[2]


def edit_year(window, year: str) -> None:
    window.header_panel.year.setText(year)
    window.header_panel.year.textEdited.emit(year)


def test_edit_reaches_the_recovery_copy_and_save_removes_it(window, qtbot):
    window.autosaver.timer.setInterval(50)
    edit_year(window, "2031")
    qtbot.waitUntil(lambda: window.autosaver.entry is not None and window.autosaver.entry.data_path.exists(),
                    timeout=3000)
    entry = window.autosaver.entry
    assert entry.original == window.doc.path
    assert entry.load().forms[0].year == 2031
    assert window.doc.path.parent not in entry.data_path.parents  # never beside the clerk's file
    assert window.files.save()
    qtbot.waitUntil(lambda: not entry.data_path.exists(), timeout=3000)


CRASHER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from perfdesk.ui.main_window import MainWindow
    window = MainWindow()
    window.files.open_path(Path(sys.argv[1]), ask=False)
    window.header_panel.department.setText("崩溃前的修改")
    window.header_panel.department.textEdited.emit("崩溃前的修改")
    deadline = time.time() + 10
    while window.autosaver.entry is None and time.time() < deadline:
        app.processEvents()
        time.sleep(0.05)
    print("autosaved", flush=True)
    time.sleep(60)
    """
)


def test_work_is_offered_back_after_sigkill(tmp_path, qapp):
    path = tmp_path / "项目.db"
    save_project(sample_project(), path)
    before = path.read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", CRASHER, str(path)], stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"autosaved"
    assert [e for e in orphaned_entries("") if e.original == path.resolve()] == []  # alive: not offered
    proc.send_signal(signal.SIGKILL)  # pull the plug
    proc.wait()
    entries = [e for e in orphaned_entries("") if e.original == path.resolve()]
    assert len(entries) == 1
    assert entries[0].load().forms[0].department == "崩溃前的修改"
    assert path.read_bytes() == before  # the original was not touched
    # the stale lock left beside the project by the dead process does not block reopening
    assert ProjectLock(path).acquire()


def test_recovered_document_asks_where_to_save(window, tmp_path, monkeypatch):
    from perfdesk.ui.document import Document

    recovered = Document(sample_project(), None, recovered=True)
    recovered.suggested_path = window.doc.path
    original = window.doc.path
    window.set_document(recovered)
    assert window.isWindowModified()
    target = tmp_path / "恢复后.db"
    asked = []
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: (asked.append(a[2]) or str(target), ""))
    assert window.files.save()
    assert Path(asked[0]).name == original.name  # proposed, and the dialog confirms an overwrite
    assert target.exists() and not window.isWindowModified()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    from perfdesk.ui.project_lock import ProjectLock
    lock = ProjectLock(Path(sys.argv[1]))
    print("locked" if lock.acquire() else "busy", flush=True)
    time.sleep(60)
    """
)


def test_second_process_sees_who_holds_the_lock(tmp_path, qapp):
    path = tmp_path / "共享.db"
    save_project(sample_project(), path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"locked"
        mine = ProjectLock(path)
        assert not mine.acquire()
        owner = mine.owner()
        assert owner is not None and owner.pid == proc.pid and owner.user and owner.since
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert ProjectLock(path).acquire()  # a lock left by a crash is stale


def test_locked_file_opens_read_only_or_as_copy(window, tmp_path, monkeypatch):
    path = tmp_path / "别人在用.db"
    save_project(sample_project(), path)
    other = ProjectLock(path)
    assert other.acquire()  # "another desk" (a second lock object behaves like another process)
    # QLockFile in one process refuses a second lock on the same file, as across processes.
    monkeypatch.setattr(type(window.files), "_ask_locked", lambda self, p, owner: "read_only")
    assert window.files.open_path(path, ask=False)
    assert window.doc.read_only and "只读" in window.windowTitle()
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: ("", ""))
    assert not window.files.save()  # read-only: goes to 另存为, which was cancelled
    monkeypatch.setattr(type(window.files), "_ask_locked", lambda self, p, owner: "copy")
    assert window.files.open_path(path, ask=False)
    assert window.doc.path is None and window.isWindowModified()
    assert "副本" in window.doc.suggested_path.name
    other.release()


def test_cancel_on_a_locked_file_keeps_the_current_project(window, tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    save_project(sample_project(), path)
    other = ProjectLock(path)
    assert other.acquire()
    current = jsonform.dumps(window.doc.project)
    monkeypatch.setattr(type(window.files), "_ask_locked", lambda self, p, owner: None)
    assert not window.files.open_path(path, ask=False)
    assert jsonform.dumps(window.doc.project) == current
    other.release()


def test_recovery_notes_that_are_damaged_are_skipped(tmp_path):
    from perfdesk.store.recovery import recovery_dir

    recovery_dir().mkdir(parents=True, exist_ok=True)
    (recovery_dir() / "broken.json").write_text("{not json", encoding="utf-8")
    assert all(e.session != "broken" for e in list_recovery())
