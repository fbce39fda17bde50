"""Project → .xlsx: one printable sheet per form, plus the hidden data that makes re-import lossless.

The file is built in memory and written with the same pattern as the project file:
a temporary file beside the target, flushed and synced, then ``os.replace`` — the
target is always either the old workbook or the complete new one.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from perfdesk.domain.model import Project
from perfdesk.errors import PerfdeskError
from perfdesk.textfile import write_bytes_atomic


def sheet_fingerprint(ws: Any) -> str:
    from perfdesk.excel.embed import fingerprint

    return fingerprint((row, column, cell.value) for (row, column), cell in ws._cells.items() if cell.data_type != "f")


def build_workbook(project: Project) -> Any:
    """The openpyxl ``Workbook`` for ``project`` (exposed for tests and the benchmark)."""
    from openpyxl import Workbook

    from perfdesk.excel import layout
    from perfdesk.excel.embed import DATA_SHEET, write_data_sheet
    from perfdesk.excel.project_sheet import writer_for
    from perfdesk.excel.styles import StyleBook

    if not project.forms:
        raise PerfdeskError("项目中没有任何表，无法导出 Excel")
    wb = Workbook()
    wb.remove(wb.active)
    used = {DATA_SHEET.lower()}
    records = []
    styles: StyleBook | None = None  # one per workbook: the styles live in the workbook's shared tables
    for index, form in enumerate(project.forms, start=1):
        ws = wb.create_sheet(layout.sheet_title(form, index, used))
        styles = styles or StyleBook(ws)
        writer_for(ws, form, styles).write()
        records.append((ws.title, sheet_fingerprint(ws), form))
    write_data_sheet(wb, records)
    wb.active = 0
    # Totals are live =SUM() formulas with no stored result: ask Excel/WPS to compute on open.
    wb.calculation.fullCalcOnLoad = True
    wb.properties.creator = "perfdesk"
    wb.properties.title = project.forms[0].kind_title
    return wb


def export_project_xlsx(project: Project, path: str | os.PathLike[str]) -> None:
    """Write ``project`` to ``path`` atomically. Raises :class:`FileWriteError`."""
    buffer = io.BytesIO()
    build_workbook(project).save(buffer)
    write_bytes_atomic(Path(path), buffer.getvalue())
