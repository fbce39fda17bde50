"""Render a form to PDF: ``render_form_pdf`` (file or stream), ``render_form_pdf_bytes``, and
``render_forms_pdf`` for several forms in one file.

A 部门整体 table is laid out by ``rows.py``, a 项目支出绩效目标表 by ``project_rows.py``.

The same form and options always give the same bytes (ReportLab's invariant
mode: no dates, a fixed document id). ReportLab is imported on the first call.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from perfdesk import __version__
from perfdesk.domain.forms import template_of
from perfdesk.domain.model import KIND_PROJECT, Form
from perfdesk.report.options import PdfOptions
from perfdesk.textfile import write_bytes_atomic

if TYPE_CHECKING:
    from perfdesk.report.draw import PageSetup
    from perfdesk.report.fonts import Font
    from perfdesk.report.grid import PageLayout
    from perfdesk.report.signature import SignatureBlock


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


def render_forms_pdf(
    forms: list[Form], out: str | os.PathLike[str] | BinaryIO, options: PdfOptions | None = None
) -> list[int]:
    """Several forms in one PDF, each starting on a new page and numbered on its own
    (第 X 页 共 Y 页 counts that form's pages); returns each form's page count."""
    data, counts = _render_many(forms, options or PdfOptions())
    if isinstance(out, (str, os.PathLike)):
        write_bytes_atomic(Path(out), data)
    else:
        out.write(data)
    return counts


@dataclass
class _Laid:
    """One form laid out: its paper, pages, title and signature block, ready to draw."""

    form: Form
    setup: PageSetup
    pages: list[PageLayout]
    signature: SignatureBlock | None


def _layout(form: Form, options: PdfOptions, font: Font) -> _Laid:
    from reportlab.lib.pagesizes import A3, A4, landscape, portrait
    from reportlab.pdfbase import pdfmetrics

    from perfdesk.report.draw import PageSetup
    from perfdesk.report.fallback import chain_for
    from perfdesk.report.grid import Columns, Metrics
    from perfdesk.report.paginate import paginate
    from perfdesk.report.signature import layout_signature

    template = template_of(form)
    size = {"A4": A4, "A3": A3}[options.normalised_page_size()]
    # A template printed on landscape paper (湖南's nine columns) is never squeezed onto portrait.
    wide = options.landscape or template.orientation == "landscape"
    width, height = landscape(size) if wide else portrait(size)
    metrics = Metrics()
    chain = chain_for(font)
    char_width = chain.char_width(metrics.font_size)

    if template.kind == KIND_PROJECT:
        from perfdesk.report.project_rows import project_rows

        columns, rows = project_rows(form, template, width, metrics, char_width)
    else:
        from perfdesk.report.rows import build_rows

        columns = Columns.for_page(width, metrics)
        rows = build_rows(form, columns, metrics, char_width)
    signature = layout_signature(form.people, columns, metrics, char_width) if options.signature_block else None
    pages = paginate(rows, metrics, height, signature.height if signature else None)

    face = pdfmetrics.getFont(font.name).face
    ascent = face.ascent / (face.ascent - face.descent) if face.ascent > face.descent else 0.88
    return _Laid(form, PageSetup(width, height, font.name, ascent, metrics, columns, chain), pages, signature)


def _canvas(buffer: io.BytesIO, first: _Laid, title: str, author: str, subject: str):  # noqa: ANN202
    from reportlab.pdfgen.canvas import Canvas

    setup = first.setup
    canvas = Canvas(
        buffer,
        pagesize=(setup.width, setup.height),
        invariant=1,
        pageCompression=1,
        initialFontName=setup.font,
        initialFontSize=setup.metrics.font_size,
        initialLeading=setup.metrics.leading,
    )
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator(f"perfdesk {__version__}")
    return canvas


def _draw(canvas, laid: _Laid) -> None:  # noqa: ANN001
    from perfdesk.report.draw import PageDrawer, title_lines

    canvas.setPageSize((laid.setup.width, laid.setup.height))
    drawer = PageDrawer(canvas, laid.setup)
    for page in laid.pages:
        drawer.page(page, len(laid.pages), title_lines(laid.form), laid.signature)
        canvas.showPage()


def _render(form: Form, options: PdfOptions) -> tuple[bytes, int]:
    from perfdesk.report.fonts import resolve_font

    laid = _layout(form, options, resolve_font(options.font_path))
    buffer = io.BytesIO()
    canvas = _canvas(buffer, laid, document_title(form), form.department.strip(), form.kind_title)
    _draw(canvas, laid)
    canvas.save()
    return buffer.getvalue(), len(laid.pages)


def _render_many(forms: list[Form], options: PdfOptions) -> tuple[bytes, list[int]]:
    from perfdesk.report.fonts import resolve_font

    if not forms:
        raise ValueError("no forms to render")
    if len(forms) == 1:
        data, pages = _render(forms[0], options)
        return data, [pages]
    font = resolve_font(options.font_path)
    laid = [_layout(form, options, font) for form in forms]
    first = forms[0]
    author = next((f.department.strip() for f in forms if f.department.strip()), "")
    buffer = io.BytesIO()
    canvas = _canvas(buffer, laid[0], f"{document_title(first)}等 {len(forms)} 张表", author, first.kind_title)
    for one in laid:
        _draw(canvas, one)
    canvas.save()
    return buffer.getvalue(), [len(one.pages) for one in laid]
