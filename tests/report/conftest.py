"""Shared set-up for the PDF tests: always the bundled font, the sample rendered once."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest

from perfdesk.report import PdfOptions, render_form_pdf_bytes
from perfdesk.report.fonts import bundled_font_path
from perfdesk.report.grid import Columns, Metrics
from perfdesk.sample import sample_project

A4_WIDTH = 595.2755905511812


def bundled_options(**changes) -> PdfOptions:
    """Tests never depend on the machine's fonts (SimSun on Windows)."""
    return PdfOptions(font_path=str(bundled_font_path()), **changes)


@dataclass
class RenderedPdf:
    data: bytes

    def open(self):
        import pdfplumber

        return pdfplumber.open(io.BytesIO(self.data))

    def column_text(self, x0: float, x1: float) -> str:
        """All text inside a column band, page after page, with whitespace removed."""
        parts = []
        with self.open() as pdf:
            for page in pdf.pages:
                band = page.within_bbox((x0, 0, x1, page.height))
                parts.append(band.extract_text() or "")
        return "".join("".join(parts).split())

    def page_texts(self) -> list[str]:
        with self.open() as pdf:
            return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="session")
def bundled() -> PdfOptions:
    return bundled_options()


@pytest.fixture(scope="session")
def sample_form():
    return sample_project().forms[0]


@pytest.fixture(scope="session")
def render_pdf():
    """``render_pdf(form, **options)`` -> :class:`RenderedPdf`, with the bundled font."""

    def render(form, **changes) -> RenderedPdf:
        return RenderedPdf(render_form_pdf_bytes(form, bundled_options(**changes)))

    return render


@pytest.fixture(scope="session")
def sample_pdf(sample_form) -> RenderedPdf:
    return RenderedPdf(render_form_pdf_bytes(sample_form, bundled_options()))


@pytest.fixture(scope="session")
def a4_columns() -> Columns:
    return Columns.for_page(A4_WIDTH, Metrics())
