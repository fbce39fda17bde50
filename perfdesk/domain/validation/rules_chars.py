"""Characters nobody can see: control characters and text-direction overrides in any name or value.

A control character pasted from another system disturbs the screen and the console, and
Excel refuses it (export drops it). A direction override (U+202E) makes ``exe.fdp`` show as
``pdf.exe``: what the reviewer reads is not what the file says. Both are reported with a
fix that removes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfdesk.domain.model import PEOPLE_LABELS, People
from perfdesk.domain.validation.context import SEP, TASK_FIELD_LABELS, Context
from perfdesk.domain.validation.problems import Edit, Fix, Place

# Tab, line feed and carriage return are how multi-line text is typed; the rest of C0/C1 is not.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HIDDEN = re.compile(f"{CONTROL.pattern[:-1]}{BIDI.pattern[1:]}")


def visible(text: str) -> str:
    """``text`` with each hidden character written as ``U+XXXX`` (for labels and messages)."""
    return HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def _codes(text: str, pattern: re.Pattern[str]) -> str:
    codes = sorted({f"U+{ord(ch):04X}" for ch in pattern.findall(text[:100_000])})
    return "、".join(codes[:5]) + ("等" if len(codes) > 5 else "")


def _texts(ctx: Context) -> Iterator[tuple[str, str | None, str, str, tuple[str, ...]]]:
    """(kind, id, field, text, label parts) of every text a clerk can type in the form. The place
    is built from the parts only for a text that has something to report: a large table has
    thousands of clean texts, and building their labels would cost more than checking them."""
    form = ctx.form
    if ctx.is_project:
        yield from _project_texts(ctx)
        return
    yield "header", None, "department", form.department, ()
    for number, task in enumerate(form.tasks, start=1):
        for field in ("name", "content"):
            label = f"年度主要任务 第{number}行 {TASK_FIELD_LABELS[field]}"
            yield "task", task.id, field, getattr(task, field), (label,)
    for number, goal in enumerate(form.goals, start=1):
        yield "goal", goal.id, "text", goal.text, (f"年度总体目标 目标{number}",)
    for level1 in form.tree:
        yield "level1", level1.id, "name", level1.name, (level1.name,)
        for level2 in level1.children:
            yield "level2", level2.id, "name", level2.name, (level1.name, level2.name)
            for indicator in level2.indicators:
                parts = (level1.name, level2.name, indicator.name)
                yield "indicator", indicator.id, "name", indicator.name, parts
                yield "indicator", indicator.id, "value", indicator.value, parts
    for field in People.field_names():
        yield "form", None, field, getattr(form.people, field), (PEOPLE_LABELS[field],)


def _project_texts(ctx: Context) -> Iterator[tuple[str, str | None, str, str, tuple[str, ...]]]:
    """A project table's texts: header fields and 项目资金 cells (keyed by their template key), both
    sides' goals and indicators (Context names the side)."""
    from perfdesk.domain.forms import template_of
    from perfdesk.domain.validation.rules_funds import fund_place

    form, template = ctx.form, template_of(ctx.form)
    for field in template.extra_fields:
        yield "field", None, field.key, form.fields.get(field.key, ""), (field.label,)
    funds = template.block("funds")
    if funds is not None:
        for column in funds.columns:
            yield "fund", None, column.key, form.funds.get(column.key, ""), (fund_place(funds, column).label,)
    for horizon in ("mid", "year"):
        for number, goal in enumerate(form.side_goals(horizon), start=1):
            yield "goal", goal.id, "text", goal.text, (ctx.goal_label(goal, number),)
        for level1 in form.side(horizon):
            yield "level1", level1.id, "name", level1.name, (level1.name,)
            for level2 in level1.children:
                yield "level2", level2.id, "name", level2.name, (level1.name, level2.name)
                for indicator in level2.indicators:
                    parts = (level1.name, level2.name, indicator.name)
                    yield "indicator", indicator.id, "name", indicator.name, parts
                    yield "indicator", indicator.id, "value", indicator.value, parts
    for field_name in People.field_names():
        yield "form", None, field_name, getattr(form.people, field_name), (PEOPLE_LABELS[field_name],)


def _place(ctx: Context, kind: str, ref_id: str | None, field: str, parts: tuple[str, ...]) -> Place:
    if kind == "header":
        return ctx.header_place(field)
    if kind in ("field", "fund"):
        return Place("header" if kind == "field" else "fund", None, field, parts[0])
    label = SEP.join(parts)
    return Place(kind, ref_id, field, visible(label) if kind in ("level1", "level2", "indicator") else label)


def check_hidden_characters(ctx: Context) -> None:
    for kind, ref_id, field, text, parts in _texts(ctx):
        if not HIDDEN.search(text):
            continue
        place = _place(ctx, kind, ref_id, field, parts)
        edit = Edit("form" if kind == "header" else kind, ref_id, field, HIDDEN.sub("", text))
        # (a project table's fields and 项目资金 cells are changed through domain ops, not fixes)
        fix = None if kind in ("field", "fund") else Fix("删除看不见的字符", (edit,))
        if BIDI.search(text):
            ctx.report("text.bidi_override", place,
                       f"“{visible(text[:60])}”含有改变文字方向的控制字符（{_codes(text, BIDI)}），"
                       "屏幕上显示的会与实际内容不同（如“exe.fdp”显示为“pdf.exe”），请删除。", fix)
        else:
            ctx.report("text.control_chars", place,
                       f"“{visible(text[:60])}”含有看不见的控制字符（{_codes(text, CONTROL)}），"
                       "会扰乱显示，导出 Excel 时会被去掉，请删除。", fix)
