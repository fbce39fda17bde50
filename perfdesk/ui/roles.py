"""Item-data roles that models and views agree on.

审核 changes a cell's colour and tooltip, never its text. Qt's item views ignore the
roles of ``dataChanged`` and reload every open editor in the range from the model,
so a marks refresh arriving while a clerk types in a cell would put the old value
back into the editor and lose the typing. Models say which roles changed; views and
the indicator editor leave open editors alone when the text did not change.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt

MARK_ROLES = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole]
_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)})


def touches_text(roles: Sequence[int]) -> bool:
    """Whether a ``dataChanged`` with these roles may have changed a cell's text (no roles: maybe)."""
    return not roles or any(int(role) in _TEXT_ROLES for role in roles)
