"""Recovery after a crash, as the clerk meets it: the original file back, a careful 丢弃, no
blank window behind the question, and 以后再说 that does not nag a second window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from perfdesk.sample import sample_project
from perfdesk.store import open_project, save_project
from perfdesk.store.recovery import list_recovery, write_recovery
from perfdesk.ui.autosave import offer_recovery, orphaned_entries, recover_into
from perfdesk.ui.project_lock import ProjectLock

ROOT = Path(__file__).resolve().parents[2]


def crashed_copy(tmp_path: Path, session: str = "crashed0session"):
    """A recovery copy left by a perfdesk that died while editing ``项目.db`` (the only one: copies
    other tests left behind are cleared first)."""
    for old in orphaned_entries(""):
        old.discard()
    path = tmp_path / "项目.db"
    save_project(sample_project(), path)
    project = sample_project()
    project.forms[0].department = "崩溃前的修改"
    return path, write_recovery(session, project, path.resolve())


def script_answers(monkeypatch, answers: list[str]) -> list[str]:
    """Press, in each message box as it opens, the button with the next text; returns the boxes' texts."""
    shown: list[str] = []

    def fake_exec(box):
        shown.append(box.text())
        wanted = answers.pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def test_recovered_work_reopens_as_the_original_file_and_ctrl_s_saves_there(window, tmp_path, qtbot):
    path, entry = crashed_copy(tmp_path)
    recover_into(window, entry)
    assert window.doc.path == path.resolve() and window.doc.lock is not None
    assert "项目.db" in window.windowTitle() and "未命名" not in window.windowTitle()
    assert window.isWindowModified()
    assert not ProjectLock(path.resolve()).acquire()  # held, as when the file is opened
    window.tasks_view.setFocus()
    from PySide6.QtCore import Qt

    qtbot.keyClick(window.tasks_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert open_project(path).forms[0].department == "崩溃前的修改"
    assert not window.isWindowModified() and not entry.data_path.exists()


def test_recovery_of_a_file_someone_opened_since_comes_back_as_a_copy(window, tmp_path):
    path, entry = crashed_copy(tmp_path)
    other = ProjectLock(path.resolve())
    assert other.acquire()
    recover_into(window, entry)
    assert window.doc.path is None and window.doc.suggested_path == path.resolve()
    assert "另存为" in window.statusBar().currentMessage()
    other.release()


def test_recovery_of_a_file_saved_after_the_crash_comes_back_as_a_copy(window, tmp_path):
    path, entry = crashed_copy(tmp_path)
    later = entry.saved_at.timestamp() + 600  # a colleague saved the file ten minutes later
    os.utime(path, (later, later))
    recover_into(window, entry)
    assert window.doc.path is None and window.doc.suggested_path == path.resolve()
    assert "崩溃后被保存过" in window.statusBar().currentMessage()


def test_discard_asks_once_more(window, tmp_path, monkeypatch):
    _path, entry = crashed_copy(tmp_path)
    shown = script_answers(monkeypatch, ["丢弃", "返回", "丢弃", "丢弃"])
    assert offer_recovery(window, window.autosaver) is None
    assert len(shown) == 4 and "确定丢弃" in shown[1] and "确定丢弃" in shown[3]
    assert not entry.data_path.exists()


def test_later_keeps_the_copy_without_offering_it_to_a_second_window(window, tmp_path, monkeypatch):
    _path, entry = crashed_copy(tmp_path)
    script_answers(monkeypatch, ["以后再说"])
    assert offer_recovery(window, window.autosaver) is None
    assert entry.data_path.exists() and entry in list_recovery()
    assert entry not in orphaned_entries("another-window")  # a second perfdesk of this run: not offered
    window.autosaver.shutdown()  # this run ends
    assert entry in orphaned_entries("next-run")  # the next start offers it again
    entry.discard()


STARTER = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtWidgets import QApplication, QMessageBox
    seen = []

    def fake_exec(box):  # what the clerk sees behind the recovery question, then 以后再说
        window = box.parent()
        seen.append([window.windowTitle(), window.header_panel.department.text()])
        next(b for b in box.buttons() if b.text() == "以后再说").click()
        return 0

    QMessageBox.exec = fake_exec
    QApplication.exec = lambda *args: 0
    from perfdesk.ui.app import run_gui
    run_gui([sys.argv[1]])
    print(json.dumps(seen, ensure_ascii=False), flush=True)
    """
)


def test_a_file_given_on_the_command_line_is_open_behind_the_recovery_question(tmp_path):
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), PERFDESK_DATA_DIR=str(data))
    other = tmp_path / "其他.db"
    save_project(sample_project(), other)
    # The crashed copy lives in that run's private data folder.
    code = ("import sys; from pathlib import Path; from perfdesk.sample import sample_project; "
            "from perfdesk.store.recovery import write_recovery; "
            "write_recovery('crashed0session', sample_project(), Path(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "早先的.db")], env=env, check=True)
    result = subprocess.run([sys.executable, "-c", STARTER, str(other)], env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen and "其他.db" in seen[0][0]
    assert seen[0][1] == "新疆巴州人力资源和社会保障局"
