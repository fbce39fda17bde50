"""validate_form: run every rule over one form, in one pass over the indicators.

A project table (kind ``project``) gets its own form rules (header, 项目资金, goals, T1–T17 of
FORM-SPEC-WAVE2 §1.4) and the shared row rules on each of its sides (中期, 年度); the 部门整体
table's own rules (年度主要任务, 部门名称 …) are not run on it.
"""

from __future__ import annotations

import decimal
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from perfdesk.domain.model import Form, Indicator, Project
from perfdesk.domain.project import END_FIELD, PERIOD_FIELD, START_FIELD
from perfdesk.domain.validation import (
    rules_chars,
    rules_conventions,
    rules_funds,
    rules_header,
    rules_money,
    rules_names,
    rules_print,
    rules_project_goals,
    rules_project_header,
    rules_project_tree,
    rules_project_values,
    rules_self_eval,
    rules_template,
    rules_tree,
    rules_values,
)
from perfdesk.domain.validation.context import Context, Finding, Row, level2_role
from perfdesk.domain.validation.problems import Problem, Severity
from perfdesk.domain.validation.rules_names import name_key
from perfdesk.domain.validation.settings import ValidationSettings
from perfdesk.domain.validation.valuefacts import ValueFacts, value_facts
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
PROJECT_FORM_RULES: tuple[Callable[[Context], None], ...] = (
    rules_header.check_header,  # 年度 and 指标体系 (a project table has no 部门（单位）名称)
    rules_template.check_template_fields,
    rules_project_header.check_project_header,
    rules_funds.check_funds,
    rules_project_goals.check_project_goals,
    rules_header.check_people,
    rules_print.check_printable,
    rules_chars.check_hidden_characters,
)
# Per side of a project table (the 中期 side only where its template has one).
PROJECT_SIDE_RULES: tuple[Callable[[Context], None], ...] = (
    rules_tree.check_tree,
    rules_template.check_template_rows,
)
PROJECT_TEXT_RULES = (*TEXT_RULES, (rules_project_values.names_matter, rules_project_values.value_findings))


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
        if ctx.is_project:
            _validate_project(ctx)
        else:
            for rule in FORM_RULES:
                rule(ctx)
            _check_rows(ctx, [make(ctx) for make in ROW_RULES] + [_text_checker(ctx, TEXT_RULES)])
        if project is not None:
            for rule_id, place, message in rules_self_eval.check_links(project, form):
                ctx.report(rule_id, place, message)
        return ctx.problems()


def _validate_project(ctx: Context) -> None:
    from perfdesk.domain.forms import template_of

    for rule in PROJECT_FORM_RULES:
        rule(ctx)
    grid = template_of(ctx.form).block("indicators")
    for horizon in (grid.horizons if grid is not None else ("year",)):
        side = ctx.on_side(horizon)
        side.settings = replace(ctx.settings, empty_level1_severity=None)  # T6 says it, as an error
        if horizon == "mid":  # the 中期 side sums up several years: its structure only
            side.settings.recommended_level2_severity = None
        for rule in PROJECT_SIDE_RULES:
            rule(side)
        text = _text_checker(side, PROJECT_TEXT_RULES, rules_project_values.refine(side))
        _check_rows(side, [make(side) for make in ROW_RULES] + [text])
    rules_project_tree.check_level1_present(ctx)
    rules_project_tree.check_sides_agree(ctx)


def _check_rows(ctx: Context, checkers: list[Callable[[Row], None]]) -> None:
    unit_key = _unit_column(ctx.form)
    for level1 in ctx.tree:
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


TextRules = tuple[tuple[Callable[[ValueFacts, str], bool], Callable[..., tuple[Finding, ...]]], ...]


Memo = dict[tuple[str, str], "tuple[Finding, ...] | dict[str, tuple[Finding, ...]]"]
_MEMO_ROWS = 100_000  # distinct texts kept per environment before starting afresh


@lru_cache(maxsize=32)
def _shared_memo(_environment: tuple[object, ...]) -> Memo:
    """One memo per environment, shared by every form that has it: a project file's 200 project
    tables repeat the same texts, and the GUI re-validates them after each edit. (An lru_cache, so
    that clearing the domain's caches makes it a fresh process's again.)"""
    return {}


def _environment(ctx: Context, rules: TextRules) -> tuple[object, ...]:
    """Everything of the form and settings a TEXT rule may read besides the text, its 二级's role and
    the 三级's name. A text rule that reads anything else must add it here."""
    settings, fields = ctx.settings, ctx.form.fields
    project = (fields.get(PERIOD_FIELD), fields.get(START_FIELD), fields.get(END_FIELD)) if ctx.is_project else ()
    return (id(rules), ctx.form.year, ctx.budget_total, settings.date_year_distance, settings.lower_is_better,
            settings.vague_words, project)


def _text_checker(ctx: Context, rules: TextRules,
                  refine: Callable[[Row, tuple[Finding, ...]], tuple[Finding, ...]] | None = None,
                  ) -> Callable[[Row], None]:
    # (text, role) -> its findings, or {name: findings} when some rule reads the name.
    memo = _shared_memo(_environment(ctx, rules))
    if len(memo) > _MEMO_ROWS:
        memo.clear()

    def judge(row: Row, name: str) -> tuple[Finding, ...]:
        return tuple(f for _, rule in rules for f in rule(ctx, row.facts, row.role, name))

    def check(row: Row) -> None:
        key = (row.facts.value.raw, row.role)  # (the text as judged: with a 计量单位 column's unit)
        entry = memo.get(key)
        if entry is None:
            by_name = any(matters(row.facts, row.role) for matters, _ in rules)
            entry = memo[key] = {} if by_name else judge(row, "")
        if isinstance(entry, dict):
            name = row.indicator.name
            found = entry.get(name)
            if found is None:
                found = entry[name] = judge(row, name)
        else:
            found = entry
        if found and refine is not None:
            found = refine(row, found)
        if found:
            ctx.report_findings(row, "value", found)

    return check


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
