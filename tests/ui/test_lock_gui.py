"""What the window says about a lock it cannot take: a holder it cannot name, a read-only medium."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from perfdesk.sample import sample_project
from perfdesk.store import lock as lock_module
from perfdesk.store import save_project
from perfdesk.ui.project_lock import ProjectLock


def _answer_with(monkeypatch, button_text: str | None, shown: list[str]) -> None:
    """Replace QMessageBox.exec: record the text, click the button named ``button_text`` (None: close)."""

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text() + "\n" + box.informativeText())
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_garbage_lock_info_shows_an_unknown_holder_and_the_project_still_opens(window, tmp_path, monkeypatch):
    path = tmp_path / "别人在用.db"
    save_project(sample_project(), path)
    other = ProjectLock(path)
    assert other.acquire()
    shown: list[str] = []
    _answer_with(monkeypatch, "只读打开", shown)
    for garbage in (b"[]", b'"x"', b'{"pid": null}', b'{"pid": 1e400}', b"\xff garbage"):
        other.info_path.write_bytes(garbage)
        assert window.files.open_path(path, ask=False)
        assert window.doc.read_only and window.doc.path == path.resolve()
    assert all("正被" in text and "未知用户" in text for text in shown) and len(shown) == 5
    other.release()


def test_read_only_medium_offers_read_only_not_another_program(window, tmp_path, monkeypatch):
    path = tmp_path / "U盘上的.db"
    save_project(sample_project(), path)
    real_open = os.open

    def read_only_medium(file, flags, *args):
        if str(file).endswith(".lock") and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(lock_module.os, "open", read_only_medium)
    shown: list[str] = []
    _answer_with(monkeypatch, "只读打开", shown)
    assert window.files.open_path(path, ask=False)
    assert window.doc.read_only and "只读" in window.windowTitle()
    assert len(shown) == 1 and "只读" in shown[0] and "正被" not in shown[0] and "另一个程序" not in shown[0]
    _answer_with(monkeypatch, None, shown)  # cancelled: nothing opened
    before = window.doc
    assert not window.files.open_path(Path(path), ask=False)
    assert window.doc is before


def test_opening_a_project_removes_orphan_temp_files_of_killed_saves(window, tmp_path):
    import time

    folder = tmp_path / "共享盘"
    folder.mkdir()
    path = folder / "项目.db"
    save_project(sample_project(), path)
    orphan, fresh = folder / ".~项目.0a1b2c3d.tmp", folder / ".~项目.4e5f6g7h.tmp"
    for tmp in (orphan, fresh):
        tmp.write_bytes(b"SQLite format 3\x00")
    past = time.time() - 300
    os.utime(orphan, (past, past))
    assert window.files.open_path(path, ask=False)
    assert not orphan.exists() and fresh.exists()
