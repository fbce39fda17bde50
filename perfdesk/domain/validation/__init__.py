"""审核: the reviewers' rules of FORM-SPEC §4 as plain Python (no Qt, no SQL).

``validate_form(form)`` returns :class:`Problem` objects, errors first and then in
the order of the printed table; each names its :class:`Place` by stable ids and
may carry a safe :class:`Fix` that ``apply_fix`` applies (and undoes).
"""

from __future__ import annotations

from perfdesk.domain.validation.catalogue import RULES, RuleInfo
from perfdesk.domain.validation.edits import EditError, apply_edits, apply_fix
from perfdesk.domain.validation.engine import has_errors, validate_form
from perfdesk.domain.validation.problems import Edit, Fix, Place, Problem, Severity
from perfdesk.domain.validation.settings import ValidationSettings

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
    "apply_edits",
    "apply_fix",
    "has_errors",
    "validate_form",
]
