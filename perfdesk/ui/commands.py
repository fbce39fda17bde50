"""The one undo command: a domain operation (``perfdesk.domain.ops``) and its display text.

Redo applies the operation and keeps the inverse it returns; undo applies that inverse. The
operation addresses objects by stable id and key, never by a ``QModelIndex``; the document
(:meth:`~perfdesk.ui.document.Document.execute`) applies it and tells the models what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from perfdesk.domain.ops import Op, OpError, SetField

if TYPE_CHECKING:
    from perfdesk.ui.document import Document

MERGE_ID = 1  # typing in one field: consecutive commands with this id may merge


class OpCommand(QUndoCommand):
    """One undoable step. With ``merge``, a following :class:`SetField` of the same field (the next
    keystroke in the same line edit) joins this step instead of making its own."""

    def __init__(self, doc: Document, op: Op, text: str, merge: bool = False) -> None:
        super().__init__(text)
        self.doc = doc
        self.op = op
        self.merge = merge
        self.inverse: Op | None = None

    def id(self) -> int:
        return MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, OpCommand) or not other.merge or not isinstance(self.op, SetField):
            return False
        if not self.op.merges_with(other.op):
            return False
        self.op = other.op  # the newest value; the inverse still holds the value before the first
        return True

    def redo(self) -> None:
        try:
            self.inverse = self.doc.execute(self.op)
        except OpError:
            # A stale address (a 审核 fix listed a moment before the row was deleted): nothing
            # changed, and an obsolete command never reaches the stack (the document says why).
            self.inverse = None
            self.setObsolete(True)

    def undo(self) -> None:
        if self.inverse is not None:
            self.doc.execute(self.inverse)
