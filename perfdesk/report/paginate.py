"""Pagination as a careful typist does it.

Rows flow down the pages. A row taller than the space left is split between
lines (never fewer than two lines left behind or carried over, when avoidable);
header rows are kept with the first row below them and repeated atop every page
their block continues on; a merged cell (block label, 一级, 二级) becomes one box
per page, labelled again with （续） on the pages it continues on. A group whose
label is taller than its rows is stretched; a label taller than the page flows
on, so no input can fail the layout.
"""

from __future__ import annotations

from perfdesk.report.grid import Chunk, Metrics, PageLayout, Piece, Row, Span

ORPHAN_LINES = 2
KEEP_ROW_LINES = 3  # rows up to this tall are kept in pairs at a group's start and end
_FUZZ = 1e-6


class Paginator:
    def __init__(self, rows: list[Row], metrics: Metrics, page_height: float) -> None:
        self.rows = rows
        self.m = metrics
        self.top = metrics.margin_top
        self.bottom = page_height - metrics.margin_bottom
        self.pages: list[PageLayout] = []
        self.page = PageLayout(1)
        self.y = self.top + metrics.title_block
        self.content = False  # anything on this page besides headings?
        self.open: dict[Span, float] = {}  # merged cells open on this page -> chunk top
        self.shown: dict[Span, int] = {}  # label lines of a span printed so far
        self.keep_next = _pairs_to_keep(rows)
        self.signature_need: float | None = None  # gap + height of the signature block

    # -- labels of merged cells -------------------------------------------------

    def _chunk_label(self, span: Span) -> list[str]:
        if span.cont_lines is None:
            return span.lines
        done = self.shown.get(span, 0)
        if done < len(span.lines):
            return span.lines[done:]
        return span.cont_lines

    def _label_height(self, span: Span) -> float:
        return self.m.piece_height(len(self._chunk_label(span)))

    # -- pages and pieces -------------------------------------------------------

    @property
    def room(self) -> float:
        return self.bottom - self.y

    def _new_page(self) -> None:
        for span in list(self.open):
            self._close(span, stretch=False)
        self.pages.append(self.page)
        self.page = PageLayout(len(self.pages) + 1)
        self.y = self.top
        self.content = False

    def _place(self, row: Row, first: int, last: int, height: float, split: bool) -> None:
        for span in list(self.open):
            if span not in row.spans:
                self._close(span, stretch=False)
        for span in row.spans:
            self.open.setdefault(span, self.y)
        self.page.pieces.append(Piece(row, first, last, self.y, height, split))
        self.y += height

    def _close(self, span: Span, stretch: bool) -> int:
        """End the box of ``span`` on this page; returns label lines still unprinted."""
        top = self.open.pop(span)
        label = self._chunk_label(span)
        if stretch and self.y - top < self.m.piece_height(len(label)) and self.page.pieces:
            extra = min(self.m.piece_height(len(label)) - (self.y - top), max(self.room, 0.0))
            if extra > 0:
                end = self.y
                self.page.pieces[-1].height += extra
                self.y += extra
                for chunk in self.page.chunks:  # the inner boxes this row just closed stretch with it
                    if abs(chunk.bottom - end) < _FUZZ:
                        chunk.bottom = self.y
        fits = max(self.m.lines_fitting(self.y - top), 1)
        shown = label[:fits]
        if span.cont_lines is not None and self.shown.get(span, 0) < len(span.lines):
            self.shown[span] = self.shown.get(span, 0) + len(shown)
        elif len(label) > fits and len(span.lines) <= fits:
            shown = span.lines  # too short for "…（续）": the plain label still fits
        self.page.chunks.append(Chunk(span, top, self.y, shown))
        if span.cont_lines is None:
            return 0
        return len(span.lines) - self.shown.get(span, 0)

    def _repeat_headers(self, row: Row) -> None:
        if self.page.pieces or row.is_header or not row.header:
            return
        for header in row.header:
            self._place(header, 0, header.line_count, self.m.piece_height(header.line_count), False)

    # -- how much room a row needs before it may start here ------------------------

    def _need(self, index: int, first: int, opened: frozenset[Span]) -> float:
        """Height that must be free for this row to start here: its first lines, the
        labels of merged cells it opens, and whatever must stay on its page with it
        (headings with the row below, a group's first/last pair, the last row with
        the signature block) when all of that can fit on one page at all."""
        row = self.rows[index]
        remaining = row.line_count - first
        own = self.m.piece_height(min(remaining, ORPHAN_LINES) if row.splittable else remaining)
        labels = [self._label_height(s) for s in row.spans if s not in opened and s not in self.open]
        need = max([own] + labels)
        whole = self.m.piece_height(remaining)
        if index + 1 < len(self.rows):
            if row.keep_with_next or (first == 0 and index in self.keep_next):
                chain = whole + self._need(index + 1, 0, opened | frozenset(row.spans))
                if chain <= self.bottom - self.top:
                    need = max(need, chain)
        elif self.signature_need is not None and whole + self.signature_need <= self.bottom - self.top:
            need = max(need, whole + self.signature_need)
        return need

    # -- the flow ---------------------------------------------------------------

    def run(self, signature_height: float | None = None) -> list[PageLayout]:
        if signature_height is not None:
            self.signature_need = self.m.signature_gap + signature_height
        index, first = 0, 0
        while index < len(self.rows):
            row = self.rows[index]
            self._repeat_headers(row)
            if self.content and self._need(index, first, frozenset()) > self.room + _FUZZ:
                self._new_page()
                continue
            remaining = row.line_count - first
            fits = self.m.lines_fitting(self.room)
            if remaining <= fits:
                self._place(row, first, row.line_count, self.m.piece_height(remaining), first > 0)
                # A heading alone is no reason to start a new page for what it heads.
                self.content = self.content or not row.is_header
                self._finish_row(index)
                index, first = index + 1, 0
                continue
            if not row.splittable and self.content:
                self._new_page()
                continue
            take = max(fits, 1)
            if remaining - take < ORPHAN_LINES and take > ORPHAN_LINES:
                take = remaining - ORPHAN_LINES  # leave no single line alone on the next page
            self._place(row, first, first + take, self.m.piece_height(take), True)
            self.content = True
            first += take
            self._new_page()
        if self.signature_need is not None:
            if self.content and self.signature_need > self.room + _FUZZ:
                self._new_page()
            self.page.signature_top = self.y + self.m.signature_gap
        self._new_page()
        return self.pages

    def _finish_row(self, index: int) -> None:
        """Close the merged cells that end with this row, innermost first."""
        row = self.rows[index]
        following = self.rows[index + 1].spans if index + 1 < len(self.rows) else []
        for span in reversed(row.spans):
            if span in following:
                continue
            while self._close(span, stretch=True) > 0:
                # The label is longer than everything left on this page: carry it
                # over on an empty continuation of the row (only absurd labels).
                self._new_page()
                self._repeat_headers(row)
                lines = len(span.lines) - self.shown.get(span, 0)
                height = min(self.m.piece_height(lines), self.room)
                self._place(row, row.line_count, row.line_count, height, True)
                self.content = True


def _pairs_to_keep(rows: list[Row]) -> set[int]:
    """Rows to keep on one page with the next: a group's first two and last two rows
    (a lone 三级 under a （续） label reads badly), when the rows are short."""
    keep: set[int] = set()
    start = 0
    while start < len(rows):
        group = _innermost(rows[start])
        end = start + 1
        while end < len(rows) and group is not None and _innermost(rows[end]) is group:
            end += 1
        if group is not None and end - start >= 2:
            for first in (start, end - 2):
                if all(rows[k].line_count <= KEEP_ROW_LINES for k in (first, first + 1)):
                    keep.add(first)
        start = end
    return keep


def _innermost(row: Row) -> Span | None:
    if row.is_header:
        return None
    spans = [span for span in row.spans if span.cont_lines is not None]
    return spans[-1] if spans else None


def paginate(
    rows: list[Row], metrics: Metrics, page_height: float, signature_height: float | None = None
) -> list[PageLayout]:
    return Paginator(rows, metrics, page_height).run(signature_height)
