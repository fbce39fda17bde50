"""What one domain operation is about to change, told to the Qt models that mirror the form.

The document applies every edit as a domain operation (``perfdesk.domain.ops``). Before a
leaf operation changes anything, :func:`describe` reads where it will act — which form, which
collection and node, at which position — so a model can announce the change (``beginInsertRows``
…) while it still shows the old state, and finish it (``endInsertRows``, ``dataChanged``) after.
It only reads the project, and it raises :class:`~perfdesk.domain.ops.OpError` for a stale
address exactly as the operation would, before any model has begun announcing anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, Project, Task
from perfdesk.domain.ops import (
    MID,
    InsertForm,
    InsertNode,
    MoveForm,
    MoveNode,
    Op,
    OpError,
    RemoveForm,
    RemoveNode,
    SetField,
    find_form,
    locate,
)

SET, INSERT, REMOVE, MOVE, FORMS = "set", "insert", "remove", "move", "forms"
_PARENT = {"level2": "level1", "indicator": "level2"}  # the collection a node's parent lives in
_NODE_TYPES: dict[str, type] = {"task": Task, "goal": Goal, "level1": Level1, "level2": Level2, "indicator": Indicator}


@dataclass(frozen=True)
class Change:
    """One leaf operation, as the views need it.

    ``kind`` is ``set``, ``insert``, ``remove``, ``move`` (of a node in ``collection``) or ``forms``
    (the project's list of forms). For ``set``, ``collection`` is also ``form``, ``people`` or
    ``fields`` (header fields) and ``key`` the field. ``parent`` is the node the list hangs from
    (``None`` for the form's own lists); for a move, ``parent``/``index`` are where the node was
    and ``to_parent``/``to_index`` where it goes (its index once taken out).
    """

    kind: str
    form_id: str | None
    collection: str = ""
    node: Any = None
    key: str = ""
    parent: Any = None
    index: int = -1
    to_parent: Any = None
    to_index: int = -1
    side: str = "year"  # a project table's 中期 side ("mid") or the 年度 side every form has

    @property
    def node_id(self) -> str | None:
        return getattr(self.node, "id", None)


def side_of(form: Form, collection: str, node: Any) -> str:
    """Which side of a project table ``node`` (a goal, 一级, 二级 or 三级, or the MID marker) lives on."""
    if node == MID:
        return "mid"
    if not form.tree_mid and not form.goals_mid:
        return "year"
    if collection == "goal":
        return "mid" if any(g is node for g in form.goals_mid) else "year"
    for level1 in form.tree_mid:
        if level1 is node or any(l2 is node or any(i is node for i in l2.indicators) for l2 in level1.children):
            return "mid"
    return "year"


def _parent_and_items(project: Project, form_id: str, collection: str, parent_id: str | None) -> tuple[Any, list]:
    form = find_form(project, form_id)
    if collection == "task":
        return None, form.tasks
    if collection == "goal":  # a project table's 中期 side has parent_id ops.MID
        return (MID, form.goals_mid) if parent_id == MID else (None, form.goals)
    if collection == "level1":
        return (MID, form.tree_mid) if parent_id == MID else (None, form.tree)
    parent_collection = _PARENT.get(collection)
    if parent_collection is None:
        raise OpError(f"unknown collection {collection!r}")
    _, _, parent = locate(form, parent_collection, parent_id or "")
    return parent, parent.children if collection == "level2" else parent.indicators


def _node(parent: Any) -> Any:
    """The parent node a model indexes (the MID marker of a side's own list is no node)."""
    return None if parent == MID else parent


def describe(op: Op, project: Project) -> Change:
    """Where the leaf operation ``op`` acts; nothing is changed (see the module docstring)."""
    if isinstance(op, SetField):
        form = find_form(project, op.form)
        if op.target in ("form", "people", "fields", "funds"):
            return Change(SET, op.form, op.target, None, op.key)
        _, _, node = locate(form, op.target, op.ref_id or "")
        return Change(SET, op.form, op.target, node, op.key, side=side_of(form, op.target, node))
    if isinstance(op, InsertNode):
        parent, items = _parent_and_items(project, op.form, op.collection, op.parent_id)
        new: Any = op.node
        known = isinstance(new, _NODE_TYPES[op.collection])
        if not known or any(item.id == new.id for item in items):
            raise OpError(f"cannot insert {type(new).__name__} {new.id!r} into {op.collection}")
        side = side_of(find_form(project, op.form), op.collection, parent if parent is not None else op.parent_id)
        return Change(INSERT, op.form, op.collection, op.node, parent=_node(parent),
                      index=max(0, min(op.index, len(items))), side=side)
    if isinstance(op, RemoveNode):
        form = find_form(project, op.form)
        parent_id, index, node = locate(form, op.collection, op.node_id)
        parent, _ = _parent_and_items(project, op.form, op.collection, parent_id)
        return Change(REMOVE, op.form, op.collection, node, parent=_node(parent), index=index,
                      side=side_of(form, op.collection, node))
    if isinstance(op, MoveNode):
        form = find_form(project, op.form)
        parent_id, index, node = locate(form, op.collection, op.node_id)
        parent, _ = _parent_and_items(project, op.form, op.collection, parent_id)
        to_parent, items = _parent_and_items(project, op.form, op.collection, op.parent_id)
        room = len(items) - (1 if to_parent is parent else 0)
        return Change(MOVE, op.form, op.collection, node, parent=_node(parent), index=index,
                      to_parent=_node(to_parent), to_index=max(0, min(op.index, room)),
                      side=side_of(form, op.collection, node))
    if isinstance(op, InsertForm):
        return Change(FORMS, op.new_form.id, "form", op.new_form)
    if isinstance(op, (RemoveForm, MoveForm)):
        return Change(FORMS, op.form, "form", find_form(project, op.form))
    raise OpError(f"not a leaf operation: {type(op).__name__}")
