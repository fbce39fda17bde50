"""Rows and pagination without a PDF: every line printed once, nothing off the page,
headers repeated, merged cells labelled, for forms of any shape."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, Task
from perfdesk.report.grid import Columns, Metrics, PageLayout, Row
from perfdesk.report.paginate import paginate
from perfdesk.report.rows import INDICATOR_HEADERS, build_rows

A4 = (595.2755905511812, 841.8897637795277)
METRICS = Metrics()
COLUMNS = Columns.for_page(A4[0], METRICS)


def width(ch: str) -> float:
    return METRICS.font_size / 2 if ord(ch) < 0x2E80 else METRICS.font_size


def layout(form: Form, signature: float | None = 60.0) -> tuple[list[Row], list[PageLayout]]:
    rows = build_rows(form, COLUMNS, METRICS, width)
    return rows, paginate(rows, METRICS, A4[1], signature)


def check_invariants(rows: list[Row], pages: list[PageLayout]) -> None:
    bottom = A4[1] - METRICS.margin_bottom
    for row in rows:  # cells and merged cells tile the table width exactly
        edges = sorted([(c.x0, c.x1) for c in row.cells] + [(s.x0, s.x1) for s in row.spans])
        assert edges[0][0] == COLUMNS.x0 and edges[-1][1] == COLUMNS.x1
        assert all(abs(a[1] - b[0]) < 1e-6 for a, b in zip(edges, edges[1:]))
    printed: dict[int, list[str]] = {}
    labels: dict[int, list[str]] = {}
    for page in pages:
        assert page.pieces or (page is pages[-1] and page.signature_top is not None)
        for piece in page.pieces:
            assert piece.bottom <= bottom + 1e-6
            if not piece.row.is_header:
                for cell in piece.row.cells:
                    printed.setdefault(id(cell), []).extend(cell.lines[piece.first : piece.last])
        for chunk in page.chunks:
            assert chunk.lines, "every merged box is labelled"
            assert chunk.bottom - chunk.top >= METRICS.piece_height(len(chunk.lines)) - 1e-6
            if chunk.span.cont_lines is not None and chunk.lines != chunk.span.cont_lines:
                labels.setdefault(id(chunk.span), []).extend(chunk.lines)
        if page.signature_top is not None:
            assert page is pages[-1]
    for row in rows:
        if not row.is_header:
            for cell in row.cells:
                assert printed[id(cell)] == cell.lines  # each line exactly once, in order
        for span in row.spans:
            if span.cont_lines is not None:
                assert labels[id(span)][: len(span.lines)] == span.lines


def test_sample_layout(sample_form):
    rows, pages = layout(sample_form)
    check_invariants(rows, pages)
    assert len(pages) == 4


def test_every_page_after_the_first_indicator_page_starts_with_the_header():
    form = Form(year=2022, department="单位")
    form.tree = [Level1("产出指标", [Level2("数量指标", [Indicator(f"指标{i}", "=1个") for i in range(300)])])]
    rows, pages = layout(form)
    check_invariants(rows, pages)
    assert len(pages) >= 8
    for page in pages[1:]:
        assert [c.lines[0] for c in page.pieces[0].row.cells] == list(INDICATOR_HEADERS)
        continued = {"".join(ch.lines) for ch in page.chunks}
        assert {"数量指标（续）", "产出指标（续）", "年度绩效指标（续）"} <= continued


def test_a_group_starting_near_the_page_end_moves_whole():
    for count in range(15, 40):  # one of these puts the group's first row last on page 1
        form = Form(year=2022, department="单位")
        first = Level2("数量指标", [Indicator(f"指标{i}", "=1个") for i in range(count)])
        last = Level2("可持续影响指标", [Indicator("甲", "1"), Indicator("乙", "2")])
        form.tree = [Level1("产出指标", [first, last])]
        rows, pages = layout(form, signature=None)
        check_invariants(rows, pages)
        for page in pages:
            names = [p.row.cells[0].lines[0] for p in page.pieces if len(p.row.spans) == 3]
            assert names[-1] != "甲", "a two-row group is never split 1 + 1"


_TEXT = st.text(alphabet="测试指标，。（）《》“”0123456789 abc、；：", max_size=400)


@st.composite
def forms(draw) -> Form:
    form = Form(year=draw(st.none() | st.integers(2000, 2100)), department=draw(_TEXT))
    for _ in range(draw(st.integers(0, 4))):
        amount = draw(st.none() | st.decimals(0, 10**9, places=draw(st.integers(0, 6)), allow_nan=False))
        form.tasks.append(Task(draw(_TEXT), draw(_TEXT | st.just("内容" * 2500)), amount, amount, Decimal(0)))
    form.goals = [Goal(draw(_TEXT)) for _ in range(draw(st.integers(0, 5)))]
    for n1 in range(draw(st.integers(0, 3))):
        level1 = Level1(draw(_TEXT | st.just(f"一级{n1}")))
        for n2 in range(draw(st.integers(0, 3))):
            count = draw(st.integers(0, 80))
            level1.children.append(
                Level2(draw(_TEXT | st.just(f"二级{n2}")), [Indicator(draw(_TEXT), draw(_TEXT)) for _ in range(count)])
            )
        form.tree.append(level1)
    return form


@settings(max_examples=60, deadline=None)
@given(form=forms(), signature=st.none() | st.floats(30, 200))
def test_any_form_lays_out(form, signature):
    rows, pages = layout(form, signature)
    check_invariants(rows, pages)
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
