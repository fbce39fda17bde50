"""审核: the reviewers' rules of FORM-SPEC §4 as plain Python (no Qt, no SQL).

``validate_form(form)`` returns :class:`Problem` objects, errors first and then in
the order of the printed table; each names its :class:`Place` by stable ids and
may carry a safe :class:`Fix`: ``fix_op`` makes it a domain operation (``perfdesk.domain.ops``),
which the GUI puts on its undo stack, and ``apply_fix`` applies it (returning its inverse).

The rules themselves load on first use (PEP 562): the GUI needs :class:`Severity`
and :class:`Place` to build its window, and validates only after the first paint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from perfdesk.domain.validation.problems import Edit, Fix, Place, Problem, Severity
from perfdesk.domain.validation.settings import ValidationSettings

if TYPE_CHECKING:
    from perfdesk.domain.validation.catalogue import RULES, RuleInfo
    from perfdesk.domain.validation.edits import EditError, apply_fix, apply_op, fix_op
    from perfdesk.domain.validation.engine import has_errors, validate_form

_LAZY = {
    "RULES": "catalogue",
    "RuleInfo": "catalogue",
    "EditError": "edits",
    "apply_fix": "edits",
    "apply_op": "edits",
    "fix_op": "edits",
    "has_errors": "engine",
    "validate_form": "engine",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "RULES",
    "Edit",
    "EditError",
    "Fix",
    "Place",
    "Problem",
    "RuleInfo",
    "Severity",
    "ValidationSettings",
    "apply_fix",
    "apply_op",
    "fix_op",
    "has_errors",
    "validate_form",
]
