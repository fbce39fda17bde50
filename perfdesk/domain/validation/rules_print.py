"""Characters that will not print: no font of the PDF's fallback chain has a glyph for them.

The domain knows nothing of fonts: the print layer (``perfdesk.report``) hands validation
a predicate through :attr:`ValidationSettings.printable`, and without one this rule is
silent. :func:`unprintable_cells` is shared with ``export-pdf``, which warns about the same
cells on stderr after writing the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from perfdesk.domain.model import KIND_PROJECT, PEOPLE_LABELS, TASK_AMOUNTS, Form, Level1
from perfdesk.domain.validation.context import HEADER_LABELS, SEP, TASK_FIELD_LABELS, Context
from perfdesk.domain.validation.problems import Place

Printable = Callable[[str], bool]
_SHOWN = 8  # characters listed in one message


def _cells(form: Form) -> Iterator[tuple[Place, str]]:
    """Every text the table prints, with the place a reviewer would look for it."""
    if form.kind == KIND_PROJECT:
        yield from _project_cells(form)
        return
    yield Place("header", None, "department", HEADER_LABELS["department"]), form.department
    for number, task in enumerate(form.tasks, start=1):
        for field_name in ("name", "content") + TASK_AMOUNTS:
            text = getattr(task, field_name) if field_name in ("name", "content") else task.unparsed.get(field_name)
            if text:
                label = f"年度主要任务 第{number}行 {TASK_FIELD_LABELS[field_name]}"
                yield Place("task", task.id, field_name, label), text
    for number, goal in enumerate(form.goals, start=1):
        yield Place("goal", goal.id, "text", f"年度总体目标 目标{number}"), goal.text
    for level1 in form.tree:
        yield Place("level1", level1.id, "name", level1.name), level1.name
        for level2 in level1.children:
            yield Place("level2", level2.id, "name", f"{level1.name}{SEP}{level2.name}"), level2.name
            for number, indicator in enumerate(level2.indicators, start=1):
                name = indicator.name.strip() or f"第{number}行（未命名）"
                label = f"{level1.name}{SEP}{level2.name}{SEP}{name}"
                yield Place("indicator", indicator.id, "name", label), indicator.name
                yield Place("indicator", indicator.id, "value", f"{label}{SEP}指标值"), indicator.value
    yield from _people(form)


def _people(form: Form) -> Iterator[tuple[Place, str]]:
    for field_name, label in PEOPLE_LABELS.items():
        yield Place("form", None, field_name, label), getattr(form.people, field_name, "")


def _tree(tree: list[Level1], prefix: str, column: str) -> Iterator[tuple[Place, str]]:
    for level1 in tree:
        yield Place("level1", level1.id, "name", prefix + level1.name), level1.name
        for level2 in level1.children:
            yield Place("level2", level2.id, "name", f"{prefix}{level1.name}{SEP}{level2.name}"), level2.name
            for number, indicator in enumerate(level2.indicators, start=1):
                name = indicator.name.strip() or f"第{number}行（未命名）"
                label = f"{prefix}{level1.name}{SEP}{level2.name}{SEP}{name}"
                yield Place("indicator", indicator.id, "name", label), indicator.name
                yield Place("indicator", indicator.id, "value", f"{label}{SEP}{column}"), indicator.value


def _project_cells(form: Form) -> Iterator[tuple[Place, str]]:
    """A project table's header fields, 项目资金 cells, both sides' goals and indicators."""
    from perfdesk.domain.forms import template_of
    from perfdesk.domain.project import side_caption
    from perfdesk.domain.validation.rules_funds import fund_place

    template = template_of(form)
    for field in template.extra_fields:
        yield Place("header", None, field.key, field.label), form.fields.get(field.key, "")
    funds = template.block("funds")
    if funds is not None:
        for column in funds.columns:
            yield fund_place(funds, column), form.funds.get(column.key, "")
    goals = template.block("goals")
    for horizon in goals.horizons if goals is not None else ("year",):
        side = goals.side(horizon) if goals is not None else None
        caption = side_caption(side.label, form) if side is not None else "年度目标"
        for number, goal in enumerate(form.side_goals(horizon), start=1):
            yield Place("goal", goal.id, "text", f"{caption} 目标{number}"), goal.text
    grid = template.block("indicators")
    value = grid.column("value") if grid is not None else None
    horizons = grid.horizons if grid is not None else ("year",)
    for horizon in horizons:
        side = grid.side(horizon) if grid is not None and len(horizons) > 1 else None
        yield from _tree(form.side(horizon), f"{side.label}{SEP}" if side else "", value.label if value else "指标值")
    yield from _people(form)


def unprintable_cells(form: Form, printable: Printable) -> list[tuple[Place, list[str]]]:
    """Each cell holding characters ``printable`` rejects, with those characters (distinct, in order)."""
    verdict: dict[str, bool] = {}
    found: list[tuple[Place, list[str]]] = []
    for place, text in _cells(form):
        if not text or text.isascii():
            continue
        bad: dict[str, None] = {}
        for ch in text:
            ok = verdict.get(ch)
            if ok is None:
                ok = verdict[ch] = ch.isascii() or printable(ch)
            if not ok:
                bad[ch] = None
        if bad:
            found.append((place, list(bad)))
    return found


def describe(chars: list[str]) -> str:
    """``“𠀀”（U+20000）、“☃”（U+2603）`` and how many more."""
    shown = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in chars[:_SHOWN])
    return shown + (f" 等 {len(chars)} 个字符" if len(chars) > _SHOWN else "")


def message(chars: list[str]) -> str:
    return f"{describe(chars)} 没有可用的打印字体，打印出来会是空白；请改用常用字或在打印稿上手写补上。"


def check_printable(ctx: Context) -> None:
    printable = ctx.settings.printable
    if printable is None:
        return
    for place, chars in unprintable_cells(ctx.form, printable):
        ctx.report("print.missing_glyph", place, message(chars))
