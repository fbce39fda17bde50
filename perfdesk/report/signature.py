"""The signature/stamp lines under the table: 填报单位（盖章）, 单位负责人 … 填报日期.

Filled from ``form.people``; an empty field leaves a line to sign on (or the
``年 月 日`` blanks for the date). Two rows of three, tall enough to sign and stamp.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from perfdesk.domain.model import PEOPLE_LABELS, People
from perfdesk.report.grid import Columns, Metrics
from perfdesk.report.linebreak import wrap_text
from perfdesk.report.rows import clean_text

LAYOUT = (("filler_unit", "unit_head", "finance_head"), ("preparer", "phone", "fill_date"))
COLUMN_FRACTIONS = (0.40, 0.28, 0.32)
ROW_HEIGHT = 30.0  # room for a signature and the stamp's lower edge
BLANK_DATE = "　　　年　　月　　日"


@dataclass
class SignatureItem:
    label: str  # with the full-width colon
    lines: list[str]  # the value, wrapped; [] when blank
    x: float
    value_x: float
    value_x1: float
    top: float  # offset from the block's top
    underline: bool  # blank: draw a line to sign on


@dataclass
class SignatureBlock:
    items: list[SignatureItem]
    height: float


def layout_signature(
    people: People, columns: Columns, metrics: Metrics, char_width: Callable[[str], float]
) -> SignatureBlock:
    items: list[SignatureItem] = []
    top = 0.0
    for names in LAYOUT:
        x = columns.x0 + metrics.pad_x
        row_lines = 1
        for name, fraction in zip(names, COLUMN_FRACTIONS):
            width = columns.width * fraction
            label = f"{PEOPLE_LABELS[name]}："
            value_x = x + sum(char_width(ch) for ch in label)
            value_x1 = x + width - 2 * metrics.pad_x
            value = clean_text(getattr(people, name, ""))
            underline = not value and name != "fill_date"
            if not value and name == "fill_date":
                value = BLANK_DATE
            lines = wrap_text(value, max(value_x1 - value_x, metrics.font_size), char_width) if value else []
            row_lines = max(row_lines, len(lines))
            items.append(SignatureItem(label, lines, x, value_x, value_x1, top, underline))
            x += width
        top += max(ROW_HEIGHT, row_lines * metrics.leading + ROW_HEIGHT - metrics.leading)
    return SignatureBlock(items, top)
