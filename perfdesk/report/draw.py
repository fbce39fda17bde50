"""Painting laid-out pages on a ReportLab canvas: text, the grid, title and footer.

The grid is drawn from the boxes of the cells actually on the page (merged cells
are one box), with collinear edges joined, so no line runs through a merged cell.
Bold (title, headings) is the font stroked thinly: the bundled 宋体 has no bold face.
Text the main font cannot print alone is drawn run by run from the fallback chain.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from perfdesk.domain.forms import template_of
from perfdesk.domain.model import Form
from perfdesk.report.fallback import FontChain
from perfdesk.report.grid import ALIGN_CENTER, ALIGN_RIGHT, Columns, Metrics, PageLayout
from perfdesk.report.signature import SignatureBlock


def title_lines(form: Form) -> tuple[str, str]:
    """The title and the line under it, as the form's template declares them."""
    return template_of(form).heading(form.year)


@dataclass
class PageSetup:
    width: float
    height: float
    font: str
    ascent: float  # of the em box, as a fraction of the font size
    metrics: Metrics
    columns: Columns
    chain: FontChain


class PageDrawer:
    def __init__(self, canvas, setup: PageSetup) -> None:
        self.c = canvas
        self.s = setup
        self.m = setup.metrics

    # -- text -------------------------------------------------------------------

    def text(self, x: float, top: float, text: str, size: float, align: str = "left", bold: bool = False) -> None:
        """Draw one line whose em box is centred in a ``leading``-high slot at ``top``."""
        if not text:
            return
        leading = self.m.leading * size / self.m.font_size
        baseline = top + (leading - size) / 2 + self.s.ascent * size
        y = self.s.height - baseline
        c = self.c
        if not self.s.chain.simple(text):
            self.mixed(x, y, text, size, align, bold)
            return
        if align != "left":
            width = c.stringWidth(text, self.s.font, size)
            x = x - width if align == ALIGN_RIGHT else x - width / 2
        if bold:
            t = c.beginText(x, y)
            t.setFont(self.s.font, size)
            t.setTextRenderMode(2)  # fill and stroke: a faux bold
            c.saveState()
            c.setLineWidth(size * 0.035)
            t.textOut(text)
            c.drawText(t)
            c.restoreState()
        else:
            c.setFont(self.s.font, size)
            c.drawString(x, y, text)

    def mixed(self, x: float, y: float, text: str, size: float, align: str, bold: bool) -> None:
        """A line in several fonts (fallbacks, shaped or right-to-left runs), run by run."""
        runs = self.s.chain.runs(text, size)
        if align != "left":
            width = sum(run.width for run in runs)
            x = x - width if align == ALIGN_RIGHT else x - width / 2
        c = self.c
        c.saveState()
        if bold:
            c.setLineWidth(size * 0.035)
        for run in runs:
            t = c.beginText(x, y)
            t.setFont(run.font, size)
            if bold:
                t.setTextRenderMode(2)
            t.textOut(run.text)
            c.drawText(t)
            x += run.width
        c.restoreState()
        c.setFont(self.s.font, size)

    def lines(self, lines: list[str], x0: float, x1: float, top: float, height: float, align: str, bold: bool,
              centred: bool = True) -> None:
        m = self.m
        inner = height - 2 * m.pad_y
        y = top + m.pad_y + (max(inner - len(lines) * m.leading, 0) / 2 if centred else 0)
        if align == ALIGN_CENTER:
            x = (x0 + x1) / 2
        elif align == ALIGN_RIGHT:
            x = x1 - m.pad_x
        else:
            x = x0 + m.pad_x
        for line in lines:
            self.text(x, y, line, m.font_size, align, bold)
            y += m.leading

    # -- a page -----------------------------------------------------------------

    def page(self, page: PageLayout, total: int, title: tuple[str, str], signature: SignatureBlock | None) -> None:
        self.c.setFont(self.s.font, self.m.font_size)
        if page.number == 1:
            self.title(*title)
        for piece in page.pieces:
            for cell in piece.row.cells:
                shown = cell.lines[piece.first : piece.last]
                self.lines(shown, cell.x0, cell.x1, piece.top, piece.height, cell.align, cell.bold, not piece.split)
        for chunk in page.chunks:
            span = chunk.span
            self.lines(chunk.lines, span.x0, span.x1, chunk.top, chunk.bottom - chunk.top, ALIGN_CENTER, span.bold)
        self.grid(page)
        if signature is not None and page.signature_top is not None:
            self.signature(signature, page.signature_top)
        footer = f"第 {page.number} 页 共 {total} 页"
        size = self.m.footer_size
        self.text(self.s.width / 2, self.s.height - self.m.margin_bottom / 2 - size, footer, size, ALIGN_CENTER)

    def title(self, title: str, year: str) -> None:
        m = self.m
        centre = self.s.width / 2
        top = m.margin_top
        self.text(centre, top, title, m.title_size, ALIGN_CENTER, bold=True)
        top += m.title_size * 1.6
        self.text(centre, top, year, m.year_size, ALIGN_CENTER)

    def grid(self, page: PageLayout) -> None:
        boxes = [(cell.x0, cell.x1, p.top, p.bottom) for p in page.pieces for cell in p.row.cells]
        boxes += [(ch.span.x0, ch.span.x1, ch.top, ch.bottom) for ch in page.chunks]
        horizontal: dict[float, list[tuple[float, float]]] = defaultdict(list)
        vertical: dict[float, list[tuple[float, float]]] = defaultdict(list)
        for x0, x1, top, bottom in boxes:
            x0, x1, top, bottom = (round(v, 2) for v in (x0, x1, top, bottom))
            horizontal[top].append((x0, x1))
            horizontal[bottom].append((x0, x1))
            vertical[x0].append((top, bottom))
            vertical[x1].append((top, bottom))
        c = self.c
        h = self.s.height
        c.saveState()
        c.setLineWidth(self.m.grid_width)
        c.setLineCap(2)  # square caps close the corners
        path = c.beginPath()
        for y in sorted(horizontal):
            for a, b in _merge(horizontal[y]):
                path.moveTo(a, h - y)
                path.lineTo(b, h - y)
        for x in sorted(vertical):
            for a, b in _merge(vertical[x]):
                path.moveTo(x, h - a)
                path.lineTo(x, h - b)
        c.drawPath(path, stroke=1, fill=0)
        c.restoreState()

    def signature(self, block: SignatureBlock, top: float) -> None:
        m = self.m
        c = self.c
        for item in block.items:
            y = top + item.top
            self.text(item.x, y, item.label, m.font_size)
            for n, line in enumerate(item.lines):
                self.text(item.value_x, y + n * m.leading, line, m.font_size)
            if item.underline:
                baseline = y + (m.leading - m.font_size) / 2 + self.s.ascent * m.font_size + 2
                c.saveState()
                c.setLineWidth(0.5)
                c.line(item.value_x, self.s.height - baseline, item.value_x1, self.s.height - baseline)
                c.restoreState()


def _merge(segments: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for a, b in sorted(segments):
        if merged and a <= merged[-1][1] + 0.01:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
