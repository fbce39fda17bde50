"""A merged cell never ends in the middle of a row: when an outer label (年度绩效指标, three lines)
is taller than the rows it spans, the rows stretch and the 一级/二级 boxes inside stretch with them.
(A first-time user saw the 一级/二级 boxes stop short of the table's bottom edge on a table with one
三级指标.)"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

from perfdesk.report.grid import Columns, Metrics
from perfdesk.report.paginate import paginate
from perfdesk.report.rows import build_rows
from perfdesk.sample import sample_project

METRICS = Metrics()
COLUMNS = Columns.for_page(A4[0], METRICS)


def width(ch: str) -> float:
    return METRICS.font_size if ord(ch) > 0x2E80 else METRICS.font_size * 0.55


def _with_indicators(count: int):
    form = sample_project().forms[0]
    level1 = form.tree[0]
    level2 = level1.children[0]
    level2.indicators = level2.indicators[:count]
    level1.children = [level2]
    form.tree = [level1]
    return form


def test_every_merged_box_ends_where_a_row_ends():
    for count in (1, 2):
        rows = build_rows(_with_indicators(count), COLUMNS, METRICS, width)
        pages = paginate(rows, METRICS, A4[1], 60.0)
        for page in pages:
            bottoms = [piece.bottom for piece in page.pieces]
            for chunk in page.chunks:
                assert any(abs(chunk.bottom - b) < 1e-6 for b in bottoms), (count, chunk.span.lines, chunk.bottom)
        page = next(p for p in reversed(pages) if p.pieces)  # the page the last 三级 row is on
        last = max(piece.bottom for piece in page.pieces)
        ends = [c for c in page.chunks if c.span in rows[-1].spans]
        assert len(ends) == 3 and all(abs(c.bottom - last) < 1e-6 for c in ends), (
            count, [(c.span.lines, c.bottom) for c in ends], last)
