"""Cell styles of the exported table, built once per workbook and stamped onto cells.

Setting ``cell.font = …`` on every cell hashes the style into the workbook's
tables each time; for a 5,000-indicator form that dominates the export. We build
each combination once on a scratch cell and copy its compact ``StyleArray``
(openpyxl's own representation) onto the cells that use it.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side

FONT_NAME = "宋体"
_THIN = Side(style="thin", color="000000")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
NO_BORDER = Border()

# role -> (font size, bold, horizontal alignment, bordered)
_ROLES: dict[str, tuple[float, bool, str, bool]] = {
    "title": (16, True, "center", False),
    "subtitle": (11, False, "center", False),
    "header": (10, True, "center", True),
    "center": (10, False, "center", True),
    "left": (10, False, "left", True),
    "amount": (10, False, "right", True),
    "people": (10, False, "left", False),
}
TOP = "_top"  # suffix: the same role aligned to the top (labels of groups longer than a page)


def amount_format(places: int) -> str:
    return "0." + "0" * places if places > 0 else "0"


class StyleBook:
    """Pre-built styles of one workbook; ``apply`` stamps one onto a cell."""

    def __init__(self, ws: Any) -> None:
        self._ws = ws
        self._cache: dict[tuple[str, int], Any] = {}

    def _build(self, role: str, places: int) -> Any:
        base = role.removesuffix(TOP)
        size, bold, horizontal, bordered = _ROLES[base]
        scratch = Cell(self._ws)
        scratch.font = Font(name=FONT_NAME, size=size, bold=bold)
        vertical = "top" if role.endswith(TOP) else "center"
        scratch.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
        scratch.border = GRID if bordered else NO_BORDER
        if role == "amount":
            scratch.number_format = amount_format(places)
        elif role != "title":
            scratch.number_format = "@"  # text cells stay text when a clerk edits them
        return scratch._style

    def style(self, role: str, places: int = 2) -> Any:
        key = (role, places if role == "amount" else 0)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._build(role, places)
        return found

    def apply(self, cell: Any, role: str, places: int = 2) -> None:
        cell._style = copy(self.style(role, places))
