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
    if kind == "task":
        return {t.id: t for t in form.tasks}
    if kind == "goal":
        return {g.id: g for g in form.goals}
    if kind == "level1":
        return {l1.id: l1 for l1 in form.tree}
    if kind == "level2":
        return {l2.id: l2 for l1 in form.tree for l2 in l1.children}
    if kind == "indicator":
        return {ind.id: ind for _, _, ind in form.iter_indicators()}
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


def apply_edits(form: Form, edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
    """Apply ``edits`` in order; return the edits that restore the old values."""
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
