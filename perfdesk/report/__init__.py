"""The official table as a PDF (ReportLab), with embedded Chinese fonts.

Importing this package is cheap: ReportLab loads on the first render.
"""

from __future__ import annotations

from collections.abc import Callable

from perfdesk.report.options import FontError, PdfOptions
from perfdesk.report.pdf import render_form_pdf, render_form_pdf_bytes, render_forms_pdf


def printable_predicate(font_path: str | None = None) -> Callable[[str], bool]:
    """For ``ValidationSettings.printable``: has the PDF's font chain a glyph for a character?"""
    from perfdesk.report.fallback import printable_predicate as make

    return make(font_path)


__all__ = [
    "FontError", "PdfOptions", "printable_predicate", "render_form_pdf", "render_form_pdf_bytes", "render_forms_pdf",
]
