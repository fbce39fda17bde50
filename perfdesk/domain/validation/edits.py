"""Applying a :class:`Fix` to a form, returning the edits that undo it.

The GUI wraps this in one undo command; tests use it to prove a fix clears its problem.
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.domain.model import TASK_AMOUNTS, Form, People
from perfdesk.domain.validation.problems import Edit, Fix

_FIELDS = {
    "task": ("name", "content", "total", "fiscal", "other", "unparsed"),
    "goal": ("text",),
    "level1": ("name",),
    "level2": ("name",),
    "indicator": ("name", "value"),
}
_FORM_FIELDS = ("department", "year", "framework")


class EditError(ValueError):
    """The edit addresses nothing in this form (stale id or unknown field)."""


def _objects(form: Form, kind: str) -> dict[str, object]:
    """By id, on both sides of a project table (中期 and 年度; other kinds have the 年度 side only)."""
    if kind == "task":
        return {t.id: t for t in form.tasks}
    if kind == "goal":
        return {g.id: g for g in (*form.goals_mid, *form.goals)}
    trees = (*form.tree_mid, *form.tree)
    if kind == "level1":
        return {l1.id: l1 for l1 in trees}
    if kind == "level2":
        return {l2.id: l2 for l1 in trees for l2 in l1.children}
    if kind == "indicator":
        return {ind.id: ind for l1 in trees for l2 in l1.children for ind in l2.indicators}
    raise EditError(f"unknown kind {kind!r}")


def target(form: Form, edit: Edit) -> tuple[object, str]:
    """The object and attribute an edit changes."""
    if edit.kind in ("form", "header"):
        if edit.field in _FORM_FIELDS:
            return form, edit.field
        if edit.field in People.field_names():
            return form.people, edit.field
        raise EditError(f"unknown form field {edit.field!r}")
    if edit.field not in _FIELDS.get(edit.kind, ()):
        raise EditError(f"unknown field {edit.kind}.{edit.field}")
    obj = _objects(form, edit.kind).get(edit.ref_id or "")
    if obj is None:
        raise EditError(f"no {edit.kind} with id {edit.ref_id!r}")
    return obj, edit.field


STRUCTURAL = ("merge_into", "unmerge")  # level2 operations that reshape the tree, not set a field


def _apply_structural(form: Form, edit: Edit) -> Edit:
    """``merge_into`` moves a 二级's 三级 to (一级 name, 二级 name) and drops the 二级; ``unmerge``
    (its inverse, holding the :class:`~perfdesk.domain.restructure.Merge`) puts it all back."""
    from perfdesk.domain.restructure import Merge, merge_level2, unmerge_level2

    if edit.field == "merge_into":
        into: tuple[str, str] = edit.value  # type: ignore[assignment]
        return Edit("level2", edit.ref_id, "unmerge", merge_level2(form, edit.ref_id or "", *into))
    assert isinstance(edit.value, Merge)
    unmerge_level2(form, edit.value)
    return Edit("level2", edit.ref_id, "merge_into", (edit.value.target_parent_name, edit.value.target.name))


def apply_edits(form: Form, edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
    """Apply ``edits`` in order; return the edits that restore the old values."""
    if any(edit.field in STRUCTURAL for edit in edits):
        if len(edits) != 1:
            raise EditError("a structural edit goes alone")
        if edits[0].field == "merge_into" and edits[0].ref_id not in _objects(form, "level2"):
            raise EditError(f"no level2 with id {edits[0].ref_id!r}")
        return (_apply_structural(form, edits[0]),)
    resolved = [target(form, edit) for edit in edits]  # fail before changing anything
    for edit in edits:
        is_amount = edit.kind == "task" and edit.field in TASK_AMOUNTS
        if is_amount and edit.value is not None and not isinstance(edit.value, Decimal):
            raise EditError(f"{edit.field} needs a Decimal, got {type(edit.value).__name__}")
    undo: list[Edit] = []
    for edit, (obj, attr) in zip(edits, resolved):
        undo.append(Edit(edit.kind, edit.ref_id, edit.field, getattr(obj, attr)))
        setattr(obj, attr, edit.value)
        unparsed = getattr(obj, "unparsed", None) if edit.kind == "task" and edit.value is not None else None
        if unparsed and attr in unparsed:
            # An amount replaces the words that were in its cell (a fix chosen before the clerk
            # typed them): the cell must not show words while the sums count a hidden number.
            undo.append(Edit("task", edit.ref_id, "unparsed", unparsed))
            obj.unparsed = {k: v for k, v in unparsed.items() if k != attr}  # type: ignore[attr-defined]
    return tuple(reversed(undo))


def apply_fix(form: Form, fix: Fix) -> tuple[Edit, ...]:
    return apply_edits(form, fix.edits)
