"""Autosave of unsaved work to a local recovery copy, and the offer to recover it.

A few seconds after an edit the whole project is written to the user's local
data folder (never onto the share or USB stick the clerk opened it from). A
clean save or a deliberate "don't save" removes the copy; a crash leaves it, and
the next start offers it back without touching the original file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from perfdesk.domain.model import new_id
from perfdesk.errors import PerfdeskError
from perfdesk.store.recovery import RecoveryEntry, describe, list_recovery, recovery_dir, write_recovery

if TYPE_CHECKING:
    from perfdesk.ui.document import Document
    from perfdesk.ui.main_window import MainWindow

log = logging.getLogger("perfdesk.autosave")
AUTOSAVE_DELAY_MS = 2000


class Autosaver(QObject):
    def __init__(self, parent: QObject | None = None, delay_ms: int = AUTOSAVE_DELAY_MS) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.session = new_id()
        recovery_dir().mkdir(parents=True, exist_ok=True)
        # Held while we run, so a second perfdesk does not offer our copy as "crashed".
        self._session_lock = QLockFile(str(recovery_dir() / f"{self.session}.lock"))
        self._session_lock.setStaleLockTime(0)
        self._session_lock.tryLock(0)
        self.entry: RecoveryEntry | None = None
        # Copies the clerk put off (以后再说): held for this run, so a second perfdesk started
        # meanwhile does not offer them again; released at exit, offered at the next start.
        self.put_off: list[QLockFile] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.write_now)

    def watch(self, doc: Document) -> None:
        self.discard()
        self.doc = doc
        doc.edited.connect(self.timer.start)
        if doc.is_modified:  # e.g. a recovered project
            self.timer.start()

    def write_now(self) -> None:
        doc = self.doc
        if doc is None:
            return
        if not doc.is_modified:
            self.discard()
            return
        try:
            self.entry = write_recovery(self.session, doc.project, doc.path)
        except PerfdeskError as exc:  # a full local disk must not interrupt the clerk
            log.warning("autosave failed: %s", exc)

    def discard(self) -> None:
        self.timer.stop()
        if self.entry is not None:
            self.entry.discard()
            self.entry = None

    def put_off_entry(self, entry: RecoveryEntry) -> None:
        lock = QLockFile(str(entry.lock_path))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            self.put_off.append(lock)

    def shutdown(self) -> None:
        self.discard()
        for lock in self.put_off:
            lock.unlock()
        self.put_off.clear()
        self._session_lock.unlock()
        try:
            (recovery_dir() / f"{self.session}.lock").unlink()
        except OSError:
            pass


def orphaned_entries(own_session: str) -> list[RecoveryEntry]:
    """Recovery copies whose perfdesk is no longer running."""
    found = []
    for entry in list_recovery():
        if entry.session == own_session:
            continue
        lock = QLockFile(str(entry.lock_path))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):  # free or stale (its process is gone): the owner crashed
            lock.unlock()
            found.append(entry)
    return found


def _ask(parent: QWidget, entry: RecoveryEntry) -> str:
    """"recover", "later" or "discard" (the last only after a second, explicit yes)."""
    while True:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(parent.tr("恢复未保存的工作"))
        box.setText(parent.tr("perfdesk 上次没有正常退出，发现未保存的工作：\n\n{0}").format(describe(entry)))
        box.setInformativeText(parent.tr("恢复后请核对内容，再保存。恢复不会改动原文件。"))
        recover = box.addButton(parent.tr("恢复"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(parent.tr("以后再说"), QMessageBox.ButtonRole.RejectRole)  # also Esc and the close box
        discard = box.addButton(parent.tr("丢弃"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(recover)
        box.exec()
        clicked = box.clickedButton()
        if clicked is recover:
            return "recover"
        if clicked is not discard:
            return "later"
        sure = QMessageBox(parent)
        sure.setIcon(QMessageBox.Icon.Warning)
        sure.setWindowTitle(parent.tr("丢弃未保存的工作"))
        sure.setText(parent.tr("确定丢弃这份未保存的工作吗？丢弃后无法找回。\n\n{0}").format(describe(entry)))
        really = sure.addButton(parent.tr("丢弃"), QMessageBox.ButtonRole.DestructiveRole)
        back = sure.addButton(parent.tr("返回"), QMessageBox.ButtonRole.RejectRole)
        sure.setDefaultButton(back)
        sure.exec()
        if sure.clickedButton() is really:
            return "discard"


def offer_recovery(parent: QWidget, autosaver: Autosaver) -> RecoveryEntry | None:
    """Ask about each orphaned copy; returns the one to recover, if any."""
    for entry in orphaned_entries(autosaver.session):
        answer = _ask(parent, entry)
        if answer == "recover":
            return entry
        if answer == "discard":
            entry.discard()
        else:
            autosaver.put_off_entry(entry)
    return None


def _modified_after(original: Path, entry: RecoveryEntry) -> bool:
    """Whether the original was saved (by someone else, or another window) after the last autosave."""
    try:
        return original.stat().st_mtime > entry.saved_at.timestamp() + 2  # the note keeps whole seconds
    except OSError:
        return False


def recover_into(window: MainWindow, entry: RecoveryEntry) -> None:
    """Open a recovered copy as the file it came from: its name in the title, Ctrl+S saves there.

    The original's lock is taken as when opening it; if someone has opened that file since, or
    saved it after the last autosave, the work comes back as an unsaved copy instead (另存为
    proposes the original's name), so Ctrl+S cannot overwrite their work.
    """
    from perfdesk.store import repository_for
    from perfdesk.ui.document import Document

    tr = window.tr
    try:
        project = entry.load()
    except PerfdeskError as exc:  # a damaged recovery copy: say so, keep it for IT staff
        QMessageBox.warning(window, tr("无法恢复"), str(exc))
        return
    original = entry.original
    lock = None
    changed_since = original is not None and _modified_after(original, entry)
    if original is not None and not changed_since:
        if window.doc.lock is not None and window.doc.path == original:
            lock, window.doc.lock = window.doc.lock, None  # the same file, opened from the command line
        else:
            candidate = repository_for(original).lock()
            lock = candidate if candidate.acquire() else None
    if original is not None and lock is not None:
        doc = Document(project, original, lock=lock, recovered=True)
        note = tr("已恢复未保存的工作，请核对后按 Ctrl+S 保存到原文件：{0}").format(original)
    else:
        doc = Document(project, None, recovered=True)
        doc.suggested_path = original
        if original is None:
            note = tr("已恢复未保存的新项目，请核对后保存")
        elif changed_since:
            note = tr("已恢复未保存的工作；原文件 {0} 在崩溃后被保存过，为免覆盖，请核对后“另存为”").format(original)
        else:
            note = tr("已恢复未保存的工作；原文件 {0} 正被其他人打开，请核对后“另存为”").format(original)
    window.set_document(doc)
    window.autosaver.write_now()  # our own copy first, then the old one can go
    entry.discard()
    window.statusBar().showMessage(note)
