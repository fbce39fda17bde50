"""validate_form: run every rule over one form, in one pass over the indicators."""

from __future__ import annotations

import decimal
from collections import Counter
from collections.abc import Callable

from perfdesk.domain.model import Form, Indicator, Project
from perfdesk.domain.validation import (
    rules_chars,
    rules_conventions,
    rules_header,
    rules_money,
    rules_names,
    rules_print,
    rules_self_eval,
    rules_template,
    rules_tree,
    rules_values,
)
from perfdesk.domain.validation.context import Context, Finding, Row, level2_role
from perfdesk.domain.validation.problems import Problem, Severity
from perfdesk.domain.validation.rules_names import name_key
from perfdesk.domain.validation.settings import ValidationSettings
from perfdesk.domain.validation.valuefacts import value_facts
from perfdesk.domain.values import ValueKind

FORM_RULES: tuple[Callable[[Context], None], ...] = (
    rules_header.check_header,
    rules_money.check_tasks,
    rules_header.check_goals,
    rules_tree.check_tree,
    rules_header.check_people,
    rules_print.check_printable,
    rules_template.check_template,
    rules_self_eval.check_self_evaluation,
    rules_chars.check_hidden_characters,
)
# Each returns a per-run checker called once per 三级, so the whole run stays O(n).
ROW_RULES: tuple[Callable[[Context], Callable[[Row], None]], ...] = (
    rules_names.row_checker,
)
# Rules on a 三级's value text: pure functions of (text, kind of 二级, name), the name only
# where ``names_matter`` says so. A table repeats a few texts many times, so each distinct
# combination is judged once per run and every row with it reports the result.
TEXT_RULES = (
    (rules_values.names_matter, rules_values.value_findings),
    (rules_conventions.names_matter, rules_conventions.convention_findings),
)


def validate_form(
    form: Form, settings: ValidationSettings | None = None, project: Project | None = None
) -> list[Problem]:
    """Every problem in ``form``, errors first, then in the order of the printed table.

    ``project`` (the file the form is in) lets a self-evaluation be checked against its target table."""
    with decimal.localcontext() as dc:
        # Exact sums for any amount a clerk can type; absurd magnitudes become
        # Infinity instead of raising in the middle of validation.
        dc.prec = 100
        dc.traps[decimal.Overflow] = False
        dc.traps[decimal.InvalidOperation] = False
        ctx = Context.build(form, settings or ValidationSettings())
        for rule in FORM_RULES:
            rule(ctx)
        if project is not None:
            for rule_id, place, message in rules_self_eval.check_links(project, form):
                ctx.report(rule_id, place, message)
        unit_key = _unit_column(form)
        checkers = [make(ctx) for make in ROW_RULES]
        checkers.append(_text_checker(ctx))
        for level1 in form.tree:
            for level2 in level1.children:
                role = level2_role(level1.name, level2.name)
                keys = [name_key(indicator.name) for indicator in level2.indicators]
                counts = Counter(keys)
                for number, indicator in enumerate(level2.indicators, start=1):
                    key = keys[number - 1]
                    facts = value_facts(_with_unit(indicator, unit_key))
                    row = Row(level1, level2, indicator, number, role, facts, key, counts[key] > 1)
                    for check in checkers:
                        check(row)
        return ctx.problems()


def _unit_column(form: Form) -> str | None:
    """The key of the template's 计量单位 column, if it has one (湖南)."""
    from perfdesk.domain.forms import template_of

    return next((c.key for c in template_of(form).extra_indicator_columns if c.type == "unit"), None)


def _with_unit(indicator: Indicator, unit_key: str | None) -> str:
    """The 指标值 as the value rules read it: ``100`` with 计量单位 ``%`` is judged as ``100%``."""
    unit = indicator.extras.get(unit_key, "").strip() if unit_key else ""
    if unit and indicator.parsed.kind is ValueKind.NUMBER and not indicator.parsed.unit:
        return indicator.value + unit
    return indicator.value


def _text_checker(ctx: Context) -> Callable[[Row], None]:
    # (text, role) -> its findings, or {name: findings} when some rule reads the name.
    memo: dict[tuple[str, str], tuple[Finding, ...] | dict[str, tuple[Finding, ...]]] = {}

    def judge(row: Row, name: str) -> tuple[Finding, ...]:
        return tuple(f for _, rule in TEXT_RULES for f in rule(ctx, row.facts, row.role, name))

    def check(row: Row) -> None:
        key = (row.indicator.value, row.role)
        entry = memo.get(key)
        if entry is None:
            by_name = any(matters(row.facts, row.role) for matters, _ in TEXT_RULES)
            entry = memo[key] = {} if by_name else judge(row, "")
        if isinstance(entry, dict):
            name = row.indicator.name
            found = entry.get(name)
            if found is None:
                found = entry[name] = judge(row, name)
        else:
            found = entry
        if found:
            ctx.report_findings(row, "value", found)

    return check


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
