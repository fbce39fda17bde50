"""Which province template a sheet is, and the header fields that template adds (部门（单位）职责 …).

A sheet is taken for a template when it carries at least two of the columns or fields that
template declares beyond its kind's own (湖南: 指标值类型, 指标解释, 评（扣）分标准, 部门（单位）职责 …).
Its fields are then read like 部门（单位）名称: the label, and the text to its right or after
its colon, into ``Form.fields``, so they are printed, exported and saved with the form.
"""

from __future__ import annotations

from perfdesk.domain.forms import Template, templates
from perfdesk.domain.model import Form
from perfdesk.excel import locate
from perfdesk.excel.context import SheetContext
from perfdesk.excel.grid import coordinate

_SEPARATORS = ":："


def _labels_in_sheet(ctx: SheetContext) -> set[str]:
    keys = set()
    for value in ctx.grid.cells.values():
        if isinstance(value, str) and len(value) <= 2 * locate.MAX_LABEL_CHARS:
            keys.add(locate.label_key(value))
            for separator in _SEPARATORS:
                if separator in value:
                    keys.add(locate.label_key(value.split(separator, 1)[0]))
    return keys


def choose_template(ctx: SheetContext, form: Form) -> Template | None:
    """The non-default template of the form's kind this sheet matches best (two or more of its own
    columns and fields, and room for every block read), recorded on the form; ``None`` keeps the
    kind's default. Call it after the tasks are read."""
    found_in_sheet = _labels_in_sheet(ctx)
    best: tuple[Template, list[str]] | None = None
    for template in templates().values():
        if template.kind != form.kind or template.default:
            continue
        if form.tasks and not template.has_block("tasks"):
            continue  # a sheet with tasks is not a template without a task block, whatever else it has
        own = [*template.extra_indicator_columns, *template.extra_fields]
        found = [c.label for c in own if any(locate.label_key(s) in found_in_sheet for s in c.spellings)]
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (template, found)
    if best is None:
        return None
    template, found = best
    form.template = template.id
    shown = "”“".join(found[:4])
    ctx.note(f"  表样：{template.name}（{template.id}），依据表中的“{shown}”等栏目")
    return template


def read_fields(ctx: SheetContext, form: Form, template: Template) -> None:
    """Each extra header field of ``template``: its label's neighbour (or the text after its colon)."""
    grid = ctx.grid
    for field in template.extra_fields:
        spellings = {locate.label_key(s) for s in field.spellings}
        for (row, column), value in sorted(grid.cells.items()):
            if not isinstance(value, str) or not grid.is_anchor_or_plain(row, column):
                continue
            text = value.strip()
            head, _, tail = text.partition("：") if "：" in text else text.partition(":")
            if tail.strip() and locate.label_key(head) in spellings:
                form.fields[field.key] = tail.strip()
                ctx.use(row, column)
                ctx.note(f"  {field.label}：取自 {coordinate(row, column)}")
                break
            if locate.label_key(text) not in spellings:
                continue
            right = grid.bounds(row, column)[3]
            for other, _ in grid.row_cells(row):
                if other > right and grid.is_anchor_or_plain(row, other) and (found := grid.stripped(row, other)):
                    form.fields[field.key] = found
                    ctx.use(row, column)
                    ctx.note(f"  {field.label}：取自 {coordinate(row, other)}")
                    break
            break
