"""Autosave of unsaved work to a local recovery copy, and the offer to recover it.

A few seconds after an edit the whole project is written to the user's local
data folder (never onto the share or USB stick the clerk opened it from). A
clean save or a deliberate "don't save" removes the copy; a crash leaves it, and
the next start offers it back without touching the original file.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from perfdesk.domain.model import new_id
from perfdesk.errors import PerfdeskError
from perfdesk.store.recovery import RecoveryEntry, describe, list_recovery, recovery_dir, write_recovery

if TYPE_CHECKING:
    from perfdesk.ui.document import Document

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

    def shutdown(self) -> None:
        self.discard()
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


def offer_recovery(parent: QWidget, own_session: str) -> RecoveryEntry | None:
    """Ask about each orphaned copy; returns the one to recover, if any."""
    for entry in orphaned_entries(own_session):
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(parent.tr("恢复未保存的工作"))
        box.setText(parent.tr("perfdesk 上次没有正常退出，发现未保存的工作：\n\n{0}").format(describe(entry)))
        box.setInformativeText(parent.tr("恢复后请核对内容，再保存。恢复不会改动原文件。"))
        recover = box.addButton(parent.tr("恢复"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(parent.tr("以后再说"), QMessageBox.ButtonRole.RejectRole)
        discard = box.addButton(parent.tr("丢弃"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(recover)
        box.exec()
        clicked = box.clickedButton()
        if clicked is recover:
            return entry
        if clicked is discard:
            entry.discard()
        elif clicked is later:
            continue
    return None
