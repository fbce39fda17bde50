"""The official table as a PDF (ReportLab), with embedded Chinese fonts.

Importing this package is cheap: ReportLab loads on the first render.
"""

from __future__ import annotations

from perfdesk.report.options import FontError, PdfOptions
from perfdesk.report.pdf import render_form_pdf, render_form_pdf_bytes

__all__ = ["FontError", "PdfOptions", "render_form_pdf", "render_form_pdf_bytes"]
