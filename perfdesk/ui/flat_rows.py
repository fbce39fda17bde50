"""A flat list model (tasks, goals) announcing a domain operation's rows to Qt, before and after.

The document tells its models around each operation (``ui/changes.Change``): ``begin_rows``
while the model still shows the old list, ``end_rows`` once the operation is applied.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from perfdesk.ui.changes import INSERT, MOVE, REMOVE, Change


def begin_rows(model: QAbstractItemModel, change: Change) -> bool:
    """``beginInsertRows`` / ``beginRemoveRows`` / ``beginMoveRows``; True when a move was begun."""
    if change.kind == INSERT:
        model.beginInsertRows(QModelIndex(), change.index, change.index)
    elif change.kind == REMOVE:
        model.beginRemoveRows(QModelIndex(), change.index, change.index)
    elif change.kind == MOVE:
        return begin_move(model, change)
    return False


def end_rows(model: QAbstractItemModel, change: Change, moving: bool) -> None:
    """The ``end…`` matching :func:`begin_rows` (a move that stayed in place ends nothing)."""
    if change.kind == INSERT:
        model.endInsertRows()
    elif change.kind == REMOVE:
        model.endRemoveRows()
    elif moving:
        model.endMoveRows()


def begin_move(model: QAbstractItemModel, change: Change) -> bool:
    """``beginMoveRows`` for a row moved in a flat list; False when it stays where it is.
    Qt counts the destination before the row is taken out, the operation after."""
    if change.to_index == change.index:
        return False
    destination = change.to_index + 1 if change.to_index > change.index else change.to_index
    return model.beginMoveRows(QModelIndex(), change.index, change.index, QModelIndex(), destination)
