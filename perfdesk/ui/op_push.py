"""One undo command over domain operations (``perfdesk/domain/ops.py``), for the edits of the
form navigator and the project-table editor.

``push_op(doc, op, text, merge_key)`` applies ``op`` to the open project through the undo
stack, keeps the inverse the operation returns, and tells the views what changed: the
document shows the edited form first (undo of an edit in another form switches to it, as
every other command does) and emits ``Document.op_applied`` with the operation applied, so
views refresh only what it touched. Typing in one cell passes the same ``merge_key`` each
time and is one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from perfdesk.domain.ops import Batch, InsertForm, InsertNode, MoveForm, MoveNode, Op, RemoveForm, RemoveNode

if TYPE_CHECKING:
    from collections.abc import Hashable

    from perfdesk.ui.document import Document

OP_COMMAND_ID = 7316  # any id no other command uses: only OpCommands with a merge key merge


class OpCommand(QUndoCommand):
    def __init__(self, doc: Document, op: Op, text: str, merge_key: Hashable | None = None) -> None:
        super().__init__(text)
        self.doc = doc
        self.op = op
        self.merge_key = merge_key
        self.inverse: Op | None = None

    def id(self) -> int:
        return OP_COMMAND_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, OpCommand) or other.merge_key is None or other.merge_key != self.merge_key:
            return False
        self.op = other.op  # the last value typed; the inverse of the first edit restores the start
        return True

    def redo(self) -> None:
        self.inverse = _apply(self.doc, self.op)

    def undo(self) -> None:
        assert self.inverse is not None
        _apply(self.doc, self.inverse)


def push_op(doc: Document, op: Op, text: str, merge_key: Hashable | None = None) -> None:
    """Apply ``op`` as one undo step named ``text``."""
    doc.push(OpCommand(doc, op, text, merge_key))


def _apply(doc: Document, op: Op) -> Op:
    project = doc.project
    if isinstance(op, InsertForm):
        inverse = op.apply(project)
        doc.forms_changed.emit()
        doc.show_form(op.new_form.id)
        return inverse
    if isinstance(op, RemoveForm):
        index = next(i for i, f in enumerate(project.forms) if f.id == op.form)
        current = doc.form.id
        inverse = op.apply(project)
        doc.forms_changed.emit()
        if current == op.form:
            doc.show_form(project.forms[min(index, len(project.forms) - 1)].id)
        return inverse
    if isinstance(op, MoveForm):
        inverse = op.apply(project)
        doc.forms_changed.emit()
        doc.show_form(op.form)
        return inverse
    form_id = op.form_id
    if form_id is not None and form_id != doc.form.id:
        doc.show_form(form_id)
    inverse = op.apply(project)
    if _structural(op):
        # The document's own models mirror this form's 年度 tree and goals by row: rebuild them.
        doc.tree_model.set_form(doc.form)
        doc.goals_model.set_form(doc.form)
    doc.op_applied.emit(op)
    return inverse


def _structural(op: Op) -> bool:
    if isinstance(op, Batch):
        return any(_structural(o) for o in op.ops)
    return isinstance(op, (InsertNode, RemoveNode, MoveNode))
