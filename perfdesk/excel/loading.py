"""Loading a workbook's cells fast and safely: openpyxl's read-only parser, merges read directly.

openpyxl's normal mode rebuilds every merged range on load, styling its border
cells one by one; a 5,000-row form with a merged 指标值 per row takes tens of
seconds that way. We use the streaming read-only parser (same defusedxml-guarded
XML parsing, only the cells present in the file) and take the merged ranges
straight from each sheet's ``<mergeCell ref="…"/>`` elements.

Formulas: a first pass (``data_only=False``) finds formula cells; only sheets that
have some are parsed a second time (``data_only=True``) for the saved results.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

from perfdesk.errors import FileReadError
from perfdesk.excel.safety import unsafe_xml_message

# What a damaged or hostile file makes openpyxl raise (ParseError is a SyntaxError;
# DefusedXmlException a ValueError). Anything else is our bug and must surface as one.
DAMAGE = (ValueError, KeyError, TypeError, IndexError, SyntaxError, zipfile.BadZipFile, OSError, EOFError)
MAX_ROWS = 200_000
MAX_COLUMNS = 1_000
# A form has a few merged ranges per row; 165,000 of them (27 KB zipped) took 3.2 GB to index.
MAX_MERGES = 50_000
MAX_MERGED_COLUMNS = 2_000_000  # the sum of merged ranges' widths the grid indexes (see grid.py)
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"')


@dataclass
class SheetCells:
    """What the readers need of one sheet (see ``grid.SheetGrid``)."""

    title: str
    state: str
    values: dict[tuple[int, int], Any] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # numeric cells only
    errors: set[tuple[int, int]] = field(default_factory=set)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    beyond_limits: bool = False  # cells past MAX_ROWS / MAX_COLUMNS hold values that were not read


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def merged_ranges(xml: bytes, name: str = "", title: str = "") -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges; FileReadError when there are more than any form needs."""
    out = []
    width = 0
    for match in _MERGE.finditer(xml):
        col1, row1, col2, row2 = match.groups()
        c1, r1 = _column_number(col1), int(row1)
        c2, r2 = (_column_number(col2), int(row2)) if col2 else (c1, r1)
        out.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
        width += min(abs(c2 - c1), 200) + 1
        if len(out) > MAX_MERGES or width > MAX_MERGED_COLUMNS:
            raise FileReadError(
                f"“{name}”的工作表“{title}”中合并单元格多得异常（超过 {MAX_MERGES} 处或范围过大），"
                "不像是绩效目标表，疑似恶意文件，已拒绝打开"
            )
    return out


def load_book(data: bytes, name: str, data_only: bool) -> Any:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension is not supported" and the like
            return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except MemoryError:
        raise FileReadError(f"“{name}”内容过多，内存不足，无法读取") from None
    except DAMAGE as exc:  # openpyxl reports damage in many ways
        raise read_failure(exc, name) from None


def read_failure(exc: BaseException, name: str) -> FileReadError:
    from defusedxml import DefusedXmlException

    if _caused_by(exc, DefusedXmlException):  # openpyxl wraps it in a ValueError
        return FileReadError(unsafe_xml_message(name))
    return FileReadError(f"“{name}”已损坏或不是有效的 Excel 工作簿，无法读取")


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _parse(ws: Any, into: SheetCells, only: set[tuple[int, int]] | None = None) -> None:
    """Stream one read-only sheet's cells into ``into`` (all, or just the ``only`` cells)."""
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser

    book = ws.parent
    with ws._get_source() as source:
        parser = WorkSheetParser(
            source,
            ws._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for row, cells in parser.parse():
            if row > MAX_ROWS:
                if any(cell["value"] is not None for cell in cells):
                    into.beyond_limits = True
                    break
                continue
            for cell in cells:
                key = (cell["row"], cell["column"])
                if key[1] > MAX_COLUMNS:
                    into.beyond_limits = into.beyond_limits or cell["value"] is not None
                    continue
                if only is not None and key not in only:
                    continue
                value, kind = cell["value"], cell["data_type"]
                if kind == "f" and not book.data_only:
                    into.formulas[key] = str(getattr(value, "text", value))
                    continue
                if value is None:
                    continue
                into.values[key] = value
                if kind == "e":
                    into.errors.add(key)
                elif kind == "n" and not isinstance(value, bool):
                    into.formats[key] = ReadOnlyCell(ws, **cell).number_format or "General"


def read_sheets(data: bytes, name: str) -> list[SheetCells]:
    """Every worksheet (not chart sheets) with its values, formulas, errors and merges."""
    formulas_book = load_book(data, name, data_only=False)
    values_book = None
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheets: list[SheetCells] = []
    try:
        for ws in formulas_book.worksheets:
            sheet = SheetCells(ws.title, ws.sheet_state)
            _parse(ws, sheet)
            if sheet.formulas:
                values_book = values_book or load_book(data, name, data_only=True)
                _parse(values_book[ws.title], sheet, only=set(sheet.formulas))
            sheet.merges = merged_ranges(archive.read(ws._worksheet_path), name, ws.title)
            sheets.append(sheet)
    except MemoryError:
        raise FileReadError(f"“{name}”内容过多，内存不足，无法读取") from None
    except DAMAGE as exc:
        raise read_failure(exc, name) from None
    finally:
        formulas_book.close()
        if values_book is not None:
            values_book.close()
        archive.close()
    return sheets
