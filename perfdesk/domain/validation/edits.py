"""A :class:`Fix`'s edits as one domain operation (``perfdesk.domain.ops``).

Validation describes a fix as :class:`Edit` values (what to set, addressed by kind, id and
field); applying one is the same domain operation every other edit is, so the GUI puts it on
its undo stack like typing, and undo restores exactly what was there. :func:`fix_op` builds
that operation against the form as it is now; :func:`apply_fix` applies it without a GUI.
"""

from __future__ import annotations

from perfdesk.domain.model import Form, Level1, Level2, People, Project
from perfdesk.domain.ops import Batch, InsertNode, MoveNode, Op, OpError, RemoveNode, SetField, locate
from perfdesk.domain.validation.problems import Edit, Fix

EditError = OpError  # an edit that addresses nothing in this form (a stale id or an unknown field)

_FORM_FIELDS = ("department", "year", "framework")
STRUCTURAL = ("merge_into",)  # a level2 edit that reshapes the tree rather than set a field
END = 1 << 30  # an index past the end of any list: append


def edit_op(form: Form, edit: Edit) -> Op:
    """The operation that makes ``edit`` in ``form``; :class:`EditError` when it addresses nothing."""
    if edit.kind in ("form", "header"):
        if edit.field in _FORM_FIELDS:
            return SetField(form.id, "form", None, edit.field, edit.value)
        if edit.field in People.field_names():
            return SetField(form.id, "people", None, edit.field, edit.value)
        raise EditError(f"unknown form field {edit.field!r}")
    if edit.kind == "level2" and edit.field == "merge_into":
        target: tuple[str, str] = edit.value  # type: ignore[assignment]  # (一级, 二级) of a merge fix
        return merge_op(form, edit.ref_id or "", target[0], target[1])
    return SetField(form.id, edit.kind, edit.ref_id, edit.field, edit.value)


def merge_op(form: Form, level2_id: str, level1_name: str, level2_name: str) -> Op:
    """Move every 三级 of a 二级 to the end of ``level1_name › level2_name`` (created if missing)
    and remove the emptied 二级: a group of an older framework merged into where it now lives."""
    _, _, source = locate(form, "level2", level2_id)
    ops: list[Op] = []
    parent = form.level1(level1_name)
    target = parent.child(level2_name) if parent is not None else None
    if parent is None:
        target = Level2(level2_name)
        ops.append(InsertNode(form.id, "level1", None, END, Level1(level1_name, [target])))
    elif target is None:
        target = Level2(level2_name)
        ops.append(InsertNode(form.id, "level2", parent.id, END, target))
    assert target is not None
    ops += [MoveNode(form.id, "indicator", indicator.id, target.id, END) for indicator in source.indicators]
    ops.append(RemoveNode(form.id, "level2", source.id))
    return Batch(tuple(ops))


def fix_op(form: Form, edits: tuple[Edit, ...]) -> Op:
    """A fix's edits as one operation (all or nothing)."""
    return Batch(tuple(edit_op(form, edit) for edit in edits))


def apply_op(form: Form, op: Op) -> Op:
    """Apply ``op`` to ``form`` (outside any project) and return its inverse."""
    return op.apply(Project([form]))


def apply_fix(form: Form, fix: Fix) -> Op:
    """Apply ``fix`` to ``form``; returns the operation that undoes it (see :func:`apply_op`)."""
    return apply_op(form, fix_op(form, fix.edits))
