"""The document's undo stack: every edit arrives here, so a read-only document refuses them here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

if TYPE_CHECKING:
    from perfdesk.ui.document import Document


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


READ_ONLY_MESSAGE = "这个文件是只读打开的，不能修改；要修改，请先“另存为”一个新文件。"


class GuardedUndoStack(QUndoStack):
    """The document's undo stack; while the document is read-only it takes no command.

    Every edit, whatever started it (a key, a button, paste, a 审核 fix, a drag), arrives here,
    so this is the one place that can refuse them all; the refusal is said in the status bar.
    """

    def __init__(self, doc: Document) -> None:
        super().__init__(doc)
        self.doc = doc
        self._refused_macros = 0

    def push(self, command: QUndoCommand) -> None:
        if self.doc.read_only:
            self.doc.message.emit(tr(READ_ONLY_MESSAGE))
            return
        super().push(command)

    def beginMacro(self, text: str) -> None:
        if self.doc.read_only or self._refused_macros:
            self._refused_macros += 1  # no empty macro on the stack: it would mark the file modified
            return
        super().beginMacro(text)

    def endMacro(self) -> None:
        if self._refused_macros:
            self._refused_macros -= 1
            return
        super().endMacro()
