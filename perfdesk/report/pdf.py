"""Render a form to PDF: ``render_form_pdf`` (file or stream) and ``render_form_pdf_bytes``.

The same form and options always give the same bytes (ReportLab's invariant
mode: no dates, a fixed document id). ReportLab is imported on the first call.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

from perfdesk import __version__
from perfdesk.domain.forms import template_of
from perfdesk.domain.model import Form
from perfdesk.report.options import PdfOptions
from perfdesk.textfile import write_bytes_atomic


def render_form_pdf_bytes(form: Form, options: PdfOptions | None = None) -> bytes:
    return _render(form, options or PdfOptions())[0]


def render_form_pdf(form: Form, out: str | os.PathLike[str] | BinaryIO, options: PdfOptions | None = None) -> int:
    """Write the PDF to a path (atomically) or a binary stream; returns the page count.

    Raises :class:`FontError` for an unusable font and :class:`FileWriteError`
    (Chinese message) when the file cannot be written.
    """
    data, pages = _render(form, options or PdfOptions())
    if isinstance(out, (str, os.PathLike)):
        write_bytes_atomic(Path(out), data)
    else:
        out.write(data)
    return pages


def document_title(form: Form) -> str:
    from perfdesk.report.draw import title_lines

    title, year = title_lines(form)
    return title + (year if form.year else "")


def _render(form: Form, options: PdfOptions) -> tuple[bytes, int]:
    from reportlab.lib.pagesizes import A3, A4, landscape, portrait
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    from perfdesk.report.draw import PageDrawer, PageSetup, title_lines
    from perfdesk.report.fallback import chain_for
    from perfdesk.report.fonts import resolve_font
    from perfdesk.report.grid import Columns, Metrics
    from perfdesk.report.paginate import paginate
    from perfdesk.report.rows import build_rows
    from perfdesk.report.signature import layout_signature

    size = {"A4": A4, "A3": A3}[options.normalised_page_size()]
    # A template printed on landscape paper (湖南's nine columns) is never squeezed onto portrait.
    wide = options.landscape or template_of(form).orientation == "landscape"
    width, height = landscape(size) if wide else portrait(size)
    font = resolve_font(options.font_path)
    metrics = Metrics()
    columns = Columns.for_page(width, metrics)
    chain = chain_for(font)
    char_width = chain.char_width(metrics.font_size)

    rows = build_rows(form, columns, metrics, char_width)
    signature = layout_signature(form.people, columns, metrics, char_width) if options.signature_block else None
    pages = paginate(rows, metrics, height, signature.height if signature else None)

    face = pdfmetrics.getFont(font.name).face
    ascent = face.ascent / (face.ascent - face.descent) if face.ascent > face.descent else 0.88
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(width, height),
        invariant=1,
        pageCompression=1,
        initialFontName=font.name,
        initialFontSize=metrics.font_size,
        initialLeading=metrics.leading,
    )
    canvas.setTitle(document_title(form))
    canvas.setAuthor(form.department.strip())
    canvas.setSubject(form.kind_title)
    canvas.setCreator(f"perfdesk {__version__}")
    drawer = PageDrawer(canvas, PageSetup(width, height, font.name, ascent, metrics, columns, chain))
    for page in pages:
        drawer.page(page, len(pages), title_lines(form), signature)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue(), len(pages)
