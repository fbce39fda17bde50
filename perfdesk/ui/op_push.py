"""``push_op(doc, op, text, merge_key)``: the project-table pages' name for ``Document.apply``.

Every edit is one domain operation on the document's undo stack (``ui/commands.OpCommand``);
typing in one cell passes a ``merge_key`` and joins the step before it. Pages with models of
their own (the project table's 中期 and 年度 trees and goal lists) refresh on
``Document.op_applied``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable

    from perfdesk.domain.ops import Op
    from perfdesk.ui.document import Document


def push_op(doc: Document, op: Op, text: str, merge_key: Hashable | None = None) -> bool:
    """Apply ``op`` as one undo step named ``text``; False when nothing changed."""
    return doc.apply(op, text, merge=merge_key is not None)
