"""A sheet recognised as a 绩效自评表 → a ``SheetRead`` (title, year, signature lines, what was left out)."""

from __future__ import annotations

from perfdesk.excel.context import SheetContext
from perfdesk.excel.grid import coordinate
from perfdesk.excel.read_self_eval import place_list, read_self_eval
from perfdesk.excel.read_sheet import SheetRead, _read_people, _read_year, _unplaced, _use_title


def read_self_eval_sheet(ctx: SheetContext, evidence: str) -> SheetRead | None:
    """``None`` when the sheet has no indicator grid a self-evaluation can be read from."""
    grid = ctx.grid
    form = read_self_eval(ctx)
    if form is None:
        return None
    labelled = [r for r, _c in ctx.used] or [grid.max_row + 1]
    top = min(labelled)
    title_texts = [(row, column, text) for row in range(1, top) for column, text in ctx.rows_text(row)]
    _use_title(ctx, title_texts)
    _read_year(ctx, form, title_texts)
    last = max(r for r, _c in ctx.used)
    _read_people(ctx, form, list(range(last + 1, grid.max_row + 1)))
    if form.year is None:
        ctx.note("  ⚠ 没有找到年度（标题中应有“（2026年度）”或“2026年”），请在 perfdesk 中补填")
    unplaced = _unplaced(ctx)
    summary = f"工作表“{grid.title}”：识别为{form.kind_title}（{evidence}）——{place_list(form)}"
    return SheetRead(form, [summary, *ctx.notes], [(coordinate(r, c), text) for r, c, text in unplaced])
