"""Ctrl+Z / Ctrl+Y in a line edit belong to the document, not to the line edit.

A QLineEdit answers those keys with its own undo, whose text change the panel would push
as a new edit, wiping the document's redo. This filter lets the window's 撤销/重做 have them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence


class DocumentUndoKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()  # the window's shortcut (编辑 › 撤销/重做) takes it
            return True
        return super().eventFilter(watched, event)
