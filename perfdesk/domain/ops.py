"""Edits as domain operations: each is addressed by stable ids and keys and returns its inverse.

    inverse = op.apply(project)      # change the project
    inverse.apply(project)           # and back

Nothing here knows Qt: the GUI's undo stack holds operations, and so can anything else
that changes a form (审核 fixes, paste, an import into the open file, year rollover,
generating a self-evaluation). An operation checks its addresses before changing
anything, so a stale one raises :class:`OpError` and leaves the project as it was.

Objects are addressed by ``(form_id, collection, id)``; collections are ``task``,
``goal``, ``level1``, ``level2`` and ``indicator``. A project table's 中期 side is found by
id like the 年度 side; to insert there, a goal's or a 一级's ``parent_id`` is ``"mid"``
(:data:`MID`). A header field a template adds is ``SetField(form, "fields", None, label, text)``,
a 项目资金 cell ``SetField(form, "funds", None, "year.total", text)`` (text as typed;
"" clears). Field keys are the model's attribute
names, or for an indicator any other key, which is a template's extra column kept in
``Indicator.extras`` (replaced, never changed in place, so an inverse keeps the old one).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfdesk.domain.model import TASK_AMOUNTS, Form, Goal, Indicator, Level1, Level2, People, Project, Task

COLLECTIONS = ("task", "goal", "level1", "level2", "indicator")
MID = "mid"  # the parent_id of a goal or a 一级 on a project table's 中期 side
_FIELDS = {
    "task": frozenset({"name", "content", "total", "fiscal", "other", "unparsed", "total_typed"}),
    "goal": frozenset({"text"}),
    "level1": frozenset({"name"}),
    "level2": frozenset({"name"}),
}
_INDICATOR_ATTRS = frozenset({"name", "value", "core"})
_FORM_FIELDS = frozenset({"department", "year", "framework", "kind", "template", "profile", "reverse_mode"})
_NODE_TYPES: dict[str, type[Any]] = {
    "task": Task, "goal": Goal, "level1": Level1, "level2": Level2, "indicator": Indicator,
}


class OpError(ValueError):
    """The operation addresses nothing in this project (a stale id or an unknown key)."""


def find_form(project: Project, form_id: str) -> Form:
    for form in project.forms:
        if form.id == form_id:
            return form
    raise OpError(f"no form {form_id!r}")


def _siblings(form: Form, collection: str, parent_id: str | None) -> list[Any]:
    """The list a node of ``collection`` lives in, under ``parent_id`` where it has a parent."""
    if collection == "task":
        return form.tasks
    if collection == "goal":
        return form.goals_mid if parent_id == MID else form.goals
    if collection == "level1":
        return form.tree_mid if parent_id == MID else form.tree
    trees = (*form.tree, *form.tree_mid)
    if collection == "level2":
        parent = next((l1 for l1 in trees if l1.id == parent_id), None)
        if parent is None:
            raise OpError(f"no 一级 {parent_id!r}")
        return parent.children
    if collection == "indicator":
        parent2 = next((l2 for l1 in trees for l2 in l1.children if l2.id == parent_id), None)
        if parent2 is None:
            raise OpError(f"no 二级 {parent_id!r}")
        return parent2.indicators
    raise OpError(f"unknown collection {collection!r}")


def locate(form: Form, collection: str, node_id: str) -> tuple[str | None, int, Any]:
    """``(parent_id, index, node)`` of a node; :class:`OpError` when it is not there."""
    if collection in ("task", "goal", "level1"):
        for side in (None, MID) if collection != "task" else (None,):
            for index, node in enumerate(_siblings(form, collection, side)):
                if node.id == node_id:
                    return side, index, node
    elif collection == "level2":
        for l1 in (*form.tree, *form.tree_mid):
            for index, l2 in enumerate(l1.children):
                if l2.id == node_id:
                    return l1.id, index, l2
    elif collection == "indicator":
        for l1 in (*form.tree, *form.tree_mid):
            for l2 in l1.children:
                for index, ind in enumerate(l2.indicators):
                    if ind.id == node_id:
                        return l2.id, index, ind
    else:
        raise OpError(f"unknown collection {collection!r}")
    raise OpError(f"no {collection} {node_id!r}")


class Op:
    """Base class: ``apply`` changes the project and returns the operation that undoes it."""

    def apply(self, project: Project) -> Op:
        raise NotImplementedError

    @property
    def form_id(self) -> str | None:
        return getattr(self, "form", None)


@dataclass(frozen=True)
class SetField(Op):
    """Set one field: of the form (``target`` ``form``/``people``), a template's header field
    (``target`` ``fields``, ``key`` its printed label) or of a node (a collection)."""

    form: str
    target: str
    ref_id: str | None
    key: str
    value: object

    def _check_value(self) -> None:
        if self.target == "task" and self.key in TASK_AMOUNTS:
            if self.value is not None and not isinstance(self.value, Decimal):
                raise OpError(f"{self.key} needs a Decimal, got {type(self.value).__name__}")

    def apply(self, project: Project) -> Op:
        form = find_form(project, self.form)
        self._check_value()
        if self.target == "form":
            if self.key not in _FORM_FIELDS:
                raise OpError(f"unknown form field {self.key!r}")
            return self._swap(form, self.key)
        if self.target == "people":
            if self.key not in People.field_names():
                raise OpError(f"unknown signature field {self.key!r}")
            return self._swap(form.people, self.key)
        if self.target in ("fields", "funds"):
            if not isinstance(self.value, str):
                raise OpError(f"{self.target} {self.key!r} holds text")
            values: dict[str, str] = getattr(form, self.target)
            old_text = values.get(self.key, "")
            kept = {k: v for k, v in values.items() if k != self.key}  # replaced, never changed in place
            if self.value:
                kept[self.key] = self.value
            setattr(form, self.target, kept)
            return SetField(self.form, self.target, None, self.key, old_text)
        _, _, node = locate(form, self.target, self.ref_id or "")
        if self.target == "indicator" and self.key == "core" and not isinstance(self.value, bool):
            raise OpError("core is true or false")
        if self.target == "indicator" and self.key not in _INDICATOR_ATTRS:
            old = node.extras.get(self.key, "")
            extras = {k: v for k, v in node.extras.items() if k != self.key}
            if not isinstance(self.value, str):
                raise OpError(f"extra column {self.key!r} holds text")
            if self.value:
                extras[self.key] = self.value
            node.extras = extras
            return SetField(self.form, self.target, self.ref_id, self.key, old)
        if self.target != "indicator" and self.key not in _FIELDS[self.target]:
            raise OpError(f"unknown field {self.target}.{self.key}")
        if self.target == "task" and self.key in TASK_AMOUNTS and self.value is not None and self.key in node.unparsed:
            # An amount replaces the words that were in its cell: the cell must not show words
            # while the sums count a hidden number.
            words = node.unparsed
            inverse = self._swap(node, self.key)
            node.unparsed = {k: v for k, v in words.items() if k != self.key}
            return Batch((SetField(self.form, "task", self.ref_id, "unparsed", words), inverse))
        return self._swap(node, self.key)


    def _swap(self, obj: object, attr: str) -> Op:
        old = getattr(obj, attr)
        setattr(obj, attr, self.value)
        return SetField(self.form, self.target, self.ref_id, self.key, old)

    def merges_with(self, other: Op) -> bool:
        """Typing in the same cell: one undo step for the whole word."""
        return (
            isinstance(other, SetField)
            and (other.form, other.target, other.ref_id, other.key) == (self.form, self.target, self.ref_id, self.key)
        )


@dataclass(frozen=True)
class InsertNode(Op):
    """Insert ``node`` (its own id kept) at ``index`` of its list; index past the end appends."""

    form: str
    collection: str
    parent_id: str | None
    index: int
    node: Any

    def apply(self, project: Project) -> Op:
        form = find_form(project, self.form)
        node: Any = self.node
        expected = _NODE_TYPES.get(self.collection)
        if expected is None or not isinstance(node, expected):
            raise OpError(f"{type(node).__name__} is not a {self.collection}")
        items = _siblings(form, self.collection, self.parent_id)
        if any(existing.id == node.id for existing in items):
            raise OpError(f"{self.collection} {node.id!r} is already there")
        index = max(0, min(self.index, len(items)))
        items.insert(index, node)
        return RemoveNode(self.form, self.collection, node.id)


@dataclass(frozen=True)
class RemoveNode(Op):
    form: str
    collection: str
    node_id: str

    def apply(self, project: Project) -> Op:
        form = find_form(project, self.form)
        parent_id, index, node = locate(form, self.collection, self.node_id)
        del _siblings(form, self.collection, parent_id)[index]
        return InsertNode(self.form, self.collection, parent_id, index, node)


@dataclass(frozen=True)
class MoveNode(Op):
    """Move a node to ``index`` under ``parent_id`` (its index after it has been taken out)."""

    form: str
    collection: str
    node_id: str
    parent_id: str | None
    index: int

    def apply(self, project: Project) -> Op:
        form = find_form(project, self.form)
        old_parent, old_index, node = locate(form, self.collection, self.node_id)
        target = _siblings(form, self.collection, self.parent_id)  # checks the new parent first
        del _siblings(form, self.collection, old_parent)[old_index]
        index = max(0, min(self.index, len(target)))
        target.insert(index, node)
        return MoveNode(self.form, self.collection, self.node_id, old_parent, old_index)


@dataclass(frozen=True)
class InsertForm(Op):
    index: int
    new_form: Form

    def apply(self, project: Project) -> Op:
        if any(f.id == self.new_form.id for f in project.forms):
            raise OpError(f"form {self.new_form.id!r} is already there")
        project.forms.insert(max(0, min(self.index, len(project.forms))), self.new_form)
        return RemoveForm(self.new_form.id)


@dataclass(frozen=True)
class RemoveForm(Op):
    form: str

    def apply(self, project: Project) -> Op:
        form = find_form(project, self.form)
        index = project.forms.index(form)
        del project.forms[index]
        return InsertForm(index, form)


@dataclass(frozen=True)
class MoveForm(Op):
    form: str
    index: int

    def apply(self, project: Project) -> Op:
        form = find_form(project, self.form)
        old = project.forms.index(form)
        project.forms.remove(form)
        project.forms.insert(max(0, min(self.index, len(project.forms))), form)
        return MoveForm(self.form, old)


@dataclass(frozen=True)
class Batch(Op):
    """Several operations as one step (a paste, a fix, fill down); all or nothing."""

    ops: tuple[Op, ...]

    def apply(self, project: Project) -> Op:
        done: list[Op] = []
        try:
            for op in self.ops:
                done.append(op.apply(project))
        except OpError:
            for inverse in reversed(done):  # leave the project as it was
                inverse.apply(project)
            raise
        return Batch(tuple(reversed(done)))

    @property
    def form_id(self) -> str | None:
        forms = {op.form_id for op in self.ops}
        return forms.pop() if len(forms) == 1 else None


def copy_node(node: Any) -> Any:
    """A deep copy with fresh ids throughout (duplicate, paste of copied rows)."""
    from perfdesk.domain.model import new_id

    duplicate = copy.deepcopy(node)
    stack = [duplicate]
    while stack:
        item = stack.pop()
        item.id = new_id()
        for attr in ("children", "indicators", "tasks", "goals", "tree", "goals_mid", "tree_mid"):
            stack.extend(getattr(item, attr, []))
    return duplicate
