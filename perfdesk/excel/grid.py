"""One worksheet as a grid of values, aware of merged ranges and formulas.

Only cells that exist in the file are visited (a stray format at row 1,048,576 does
not make us walk a million rows), merged ranges are looked up by interval rather
than expanded, and a formula whose result was never saved is an error naming its
cell — but only when the importer actually needs that cell.

Numbers: openpyxl hands numeric cells over as ``int`` or ``float``. A float is
turned into ``Decimal(repr(value))`` — the shortest text that reads back as the
same double, which is exactly what Excel/WPS wrote for anything a clerk typed
(``1663.73`` stays ``1663.73``, never ``1663.7300000000000181…``).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from decimal import Decimal
from typing import Any

from perfdesk.domain.money import AmountError, is_sane, parse_amount
from perfdesk.errors import FileReadError
from perfdesk.excel.loading import SheetCells

MAX_COLUMNS = 200  # merged ranges wider than this are not indexed per column


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def coordinate(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def format_decimals(fmt: str) -> int:
    """Decimals a number format shows: ``0.00`` -> 2, ``#,##0.0%`` -> 1, ``General`` -> 0."""
    section = _QUOTED.sub("", fmt.split(";", 1)[0])
    match = re.search(r"\.([0#?]+)", section)
    return len(match.group(1)) if match else 0


def as_shown(number: Decimal, fmt: str) -> Decimal:
    """The number with the trailing zeros its format shows (137.5 in ``0.00`` -> 137.50).

    Never rounds: a cell holding 137.555 under ``0.00`` keeps its three decimals, because
    what the clerk typed must not change, only gain the zeros the sheet displayed.
    """
    decimals = format_decimals(fmt)
    exponent = number.as_tuple().exponent
    if decimals and isinstance(exponent, int) and -exponent < decimals:
        return number.quantize(Decimal(1).scaleb(-decimals))
    return number


def number_text(value: float | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value))


class SheetGrid:
    """One sheet's values (formula cells hold their saved result) plus where the formulas were."""

    def __init__(self, sheet: SheetCells) -> None:
        self.title = sheet.title
        self.formulas = sheet.formulas
        self.errors = sheet.errors
        self.formats = sheet.formats
        self.touched: set[tuple[int, int]] = set()  # cells a reader took a value from (see ``unread``)
        self.cells: dict[tuple[int, int], Any] = {}
        for key, value in sheet.values.items():
            if isinstance(value, str) and value.strip() == "":
                continue
            self.cells[key] = value
        for key in sheet.formulas:  # present even without a saved result, so raw() can name it
            self.cells.setdefault(key, None)
        self._rows: dict[int, list[int]] = {}
        for row, column in sorted(self.cells):
            self._rows.setdefault(row, []).append(column)
        self.max_row = max(self._rows, default=0)
        self.max_column = max((c for _, c in self.cells), default=0)
        self._merged: dict[int, list[tuple[int, int, int, int]]] = {}  # column -> [(min_row, max_row, anchor)]
        self._bounds: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for min_row, min_col, max_row, max_col in sheet.merges:
            self._bounds[(min_row, min_col)] = (min_row, min_col, max_row, max_col)
            for column in range(min_col, min(max_col, min_col + MAX_COLUMNS) + 1):
                self._merged.setdefault(column, []).append((min_row, max_row, min_row, min_col))
        self._starts: dict[int, list[int]] = {}
        for column, spans in self._merged.items():
            spans.sort()
            self._starts[column] = [span[0] for span in spans]

    # --- where things are -------------------------------------------------------

    def where(self, row: int, column: int) -> str:
        return f"工作表“{self.title}”单元格 {coordinate(row, column)}"

    def anchor(self, row: int, column: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding (row, column), or the cell itself."""
        spans = self._merged.get(column)
        if spans:
            index = bisect_right(self._starts[column], row) - 1
            if index >= 0:
                min_row, max_row, anchor_row, anchor_col = spans[index]
                if min_row <= row <= max_row:
                    return anchor_row, anchor_col
        return row, column

    def bounds(self, row: int, column: int) -> tuple[int, int, int, int]:
        """(min_row, min_col, max_row, max_col) of the merged range at an anchor, else the cell."""
        return self._bounds.get((row, column), (row, column, row, column))

    def is_anchor_or_plain(self, row: int, column: int) -> bool:
        return self.anchor(row, column) == (row, column)

    # --- values ---------------------------------------------------------------

    def raw(self, row: int, column: int) -> Any:
        """The stored value; a formula without a saved result is an error."""
        key = (row, column)
        self.touched.add(key)
        value = self.cells.get(key)
        if value is None and key in self.formulas:
            raise FileReadError(
                f"{self.where(row, column)} 是公式（{self.formulas[key]}），但文件里没有保存计算结果"
                "（文件可能由程序生成、从未在 Excel/WPS 中打开保存过）；请在 Excel 或 WPS 中打开并保存后再导入"
            )
        if key in self.errors:
            formula = f"的公式（{self.formulas[key]}）" if key in self.formulas else ""
            raise FileReadError(f"{self.where(row, column)}{formula}是错误值 {value}，请先在表格中改正")
        return value

    def value(self, row: int, column: int, expand: bool = False) -> Any:
        if expand:
            row, column = self.anchor(row, column)
        return self.raw(row, column)

    def text(self, row: int, column: int, expand: bool = False) -> str:
        """The cell as text, as a clerk sees it (numbers without float noise)."""
        if expand:
            row, column = self.anchor(row, column)
        value = self.raw(row, column)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, (int, float, Decimal)):
            number = number_text(value)
            fmt = self.formats.get((row, column), "General")
            if "%" in _QUOTED.sub("", fmt):
                return f"{format(as_shown((number * 100).normalize(), fmt), 'f')}%"
            return format(as_shown(number, fmt), "f")
        if isinstance(value, dt.datetime):
            if value.time() == dt.time(0, 0):
                return f"{value.year}年{value.month}月{value.day}日"
            return value.isoformat(sep=" ")
        if isinstance(value, dt.date):
            return f"{value.year}年{value.month}月{value.day}日"
        return str(value)

    def stripped(self, row: int, column: int, expand: bool = False) -> str:
        return self.text(row, column, expand).strip()

    def amount(self, row: int, column: int, unit: str = "万元") -> Decimal | None:
        """A money cell: a number, or text such as ``1,663.73`` / ``１６６３．７３``; blank is ``None``."""
        amount, text = self.amount_or_text(row, column, unit)
        if text is not None:
            raise FileReadError(
                f"{self.where(row, column)}：“{text}”不是有效的金额，请改为数字（单位：{unit}）"
            )
        return amount

    def amount_or_text(self, row: int, column: int, unit: str = "万元") -> tuple[Decimal | None, str | None]:
        """A money cell as :meth:`amount` reads it, or ``(None, text)`` when its text is not a number.

        ``unit`` is the sheet's money unit: a number written with it (``100万元`` in a 万元 table) is
        read; one written with the other unit (``100元`` in a 万元 table) is kept as text, never
        read as 100 万元 — 审核 then asks the clerk to convert it.
        """
        value = self.raw(row, column)
        if value is None:
            return None, None
        if isinstance(value, bool):
            return None, "TRUE" if value else "FALSE"
        if isinstance(value, (int, float, Decimal)):
            number = number_text(value)
            return (number, None) if is_sane(number) else (None, str(value))
        text = str(value).strip()
        if text in ("", "-", "—", "--", "——", "/", "无", "－"):
            return None, None
        body = text
        if text.endswith("万元"):
            body = text[:-2].rstrip() if unit == "万元" else text
        elif text.endswith("元"):
            body = text[:-1].rstrip() if unit == "元" else text
        try:
            return parse_amount(body), None
        except AmountError:
            return None, text

    def unread(self, also_used: set[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """Filled cells (as the clerk sees them: merged ranges by their anchor) that no reader took,
        with their text, row by row: what an import must list rather than drop silently."""
        out = []
        for (row, column), value in sorted(self.cells.items()):
            key = (row, column)
            if key in self.touched or key in also_used or not self.is_anchor_or_plain(row, column):
                continue
            if value is None:
                text = self.formulas.get(key, "")
            else:
                try:
                    text = self.text(row, column)
                except FileReadError:
                    text = str(value)
                self.touched.discard(key)
            if text.strip():
                out.append((row, column, text.strip()))
        return out

    def row_cells(self, row: int) -> list[tuple[int, Any]]:
        """(column, value) of the stored cells of one row, left to right."""
        return [(c, self.cells[(row, c)]) for c in self._rows.get(row, ())]
