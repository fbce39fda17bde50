"""What the sheet readers share: the grid, where each kind of label was found, the notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfdesk.excel import locate
from perfdesk.excel.grid import SheetGrid

ROLES: dict[str, frozenset[str]] = {
    "department": locate.DEPARTMENT,
    "tasks_block": locate.TASKS_BLOCK,
    "task_name": locate.TASK_NAME,
    "task_content": locate.TASK_CONTENT,
    "budget": locate.BUDGET,
    "total": locate.TOTAL,
    "fiscal": locate.FISCAL,
    "other": locate.OTHER,
    "sum_row": locate.SUM_ROW,
    "goals": locate.GOALS,
    "indicators_block": locate.INDICATORS_BLOCK,
    "level1": locate.LEVEL1,
    "level2": locate.LEVEL2,
    "level3": locate.LEVEL3,
    "value": locate.VALUE,
    "unit": locate.UNIT,
    "comparator": locate.COMPARATOR,
    "project_sign": locate.PROJECT_SIGNS,
    "self_eval_sign": locate.SELF_EVAL_SIGNS,
    "duties": locate.DUTIES,
    "funds_composition": locate.FUNDS_COMPOSITION,
    "remarks": locate.REMARKS,
}


@dataclass
class SheetContext:
    grid: SheetGrid
    notes: list[str] = field(default_factory=list)
    labels: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    roles_at: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    # "label：value" in one cell: the value part, by the label cell's position
    inline_values: dict[tuple[int, int], str] = field(default_factory=dict)
    # cells understood without their value being taken (labels, titles): see SheetGrid.unread
    used: set[tuple[int, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        for (row, column), value in sorted(self.grid.cells.items()):
            if not isinstance(value, str):
                continue
            text = value.strip()
            if not text:
                continue
            if len(text) <= 2 * locate.MAX_LABEL_CHARS:
                self._classify(row, column, text)
            parts = re.split(r"[:：]", text, maxsplit=1)
            if len(parts) == 2 and parts[1].strip() and locate.is_label(parts[0], locate.DEPARTMENT | locate.GOALS):
                self._classify(row, column, parts[0])
                self.inline_values[(row, column)] = parts[1].strip()

    def _classify(self, row: int, column: int, text: str) -> None:
        for role, aliases in ROLES.items():
            if locate.is_label(text, aliases):
                self.labels.setdefault(role, []).append((row, column))
                self.roles_at.setdefault((row, column), set()).add(role)

    def use(self, row: int, column: int) -> None:
        """Count a cell as understood (a label, a title): it is not listed as left out."""
        self.used.add((row, column))

    def use_labels(self, first_row: int, last_row: int, *roles: str) -> None:
        """Count the label cells of ``roles`` in rows ``first_row``..``last_row`` as understood."""
        for role in roles:
            for row, column in self.labels.get(role, ()):
                if first_row <= row <= last_row:
                    self.used.add((row, column))

    def note(self, text: str) -> None:
        self.notes.append(text)

    def first(self, role: str, min_row: int = 0, max_row: int | None = None) -> tuple[int, int] | None:
        for row, column in self.labels.get(role, ()):
            if row >= min_row and (max_row is None or row <= max_row):
                return row, column
        return None

    def in_row(self, role: str, row: int, min_col: int = 0) -> list[int]:
        return [c for r, c in self.labels.get(role, ()) if r == row and c >= min_col]

    def has_role(self, row: int, column: int, *roles: str) -> bool:
        found = self.roles_at.get((row, column), ())
        return any(role in found for role in roles)

    def rows_text(self, row: int) -> list[tuple[int, str]]:
        """(column, stripped text) of the anchor cells of a row that hold text; never raises."""
        out = []
        for column, value in self.grid.row_cells(row):
            if isinstance(value, str) and value.strip() and self.grid.is_anchor_or_plain(row, column):
                out.append((column, value.strip()))
        return out


def row_span(first: int, last: int) -> str:
    return f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
