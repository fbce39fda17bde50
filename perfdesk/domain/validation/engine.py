"""validate_form: run every rule over one form, in one pass over the indicators."""

from __future__ import annotations

import decimal
from collections import Counter
from collections.abc import Callable

from perfdesk.domain.model import Form
from perfdesk.domain.validation import (
    rules_conventions,
    rules_header,
    rules_money,
    rules_names,
    rules_tree,
    rules_values,
)
from perfdesk.domain.validation.context import Context, Row, level2_role
from perfdesk.domain.validation.problems import Problem, Severity
from perfdesk.domain.validation.rules_names import name_key
from perfdesk.domain.validation.settings import ValidationSettings
from perfdesk.domain.validation.valuefacts import value_facts

FORM_RULES: tuple[Callable[[Context], None], ...] = (
    rules_header.check_header,
    rules_money.check_tasks,
    rules_header.check_goals,
    rules_tree.check_tree,
    rules_header.check_people,
)
# Each returns a per-run checker called once per 三级, so the whole run stays O(n).
ROW_RULES: tuple[Callable[[Context], Callable[[Row], None]], ...] = (
    rules_names.row_checker,
    rules_values.row_checker,
    rules_conventions.row_checker,
)


def validate_form(form: Form, settings: ValidationSettings | None = None) -> list[Problem]:
    """Every problem in ``form``, errors first, then in the order of the printed table."""
    with decimal.localcontext() as dc:
        # Exact sums for any amount a clerk can type; absurd magnitudes become
        # Infinity instead of raising in the middle of validation.
        dc.prec = 100
        dc.traps[decimal.Overflow] = False
        dc.traps[decimal.InvalidOperation] = False
        ctx = Context.build(form, settings or ValidationSettings())
        for rule in FORM_RULES:
            rule(ctx)
        checkers = [make(ctx) for make in ROW_RULES]
        for level1 in form.tree:
            for level2 in level1.children:
                role = level2_role(level1.name, level2.name)
                keys = [name_key(indicator.name) for indicator in level2.indicators]
                counts = Counter(keys)
                for number, indicator in enumerate(level2.indicators, start=1):
                    key = keys[number - 1]
                    facts = value_facts(indicator.value)
                    row = Row(level1, level2, indicator, number, role, facts, key, counts[key] > 1)
                    for check in checkers:
                        check(row)
        return ctx.problems()


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
