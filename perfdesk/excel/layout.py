"""The exported grid: which column holds what, column widths, row heights, sheet titles.

One grid serves all four blocks of the paper form (FORM-SPEC §1)::

    A        B          C          D          [extras…]   E / F / G (the last three)
    label    任务名称    主要内容 (C … before the amounts, merged)     总额 财政拨款 其他资金
    label    一级指标    二级指标    三级指标   province cols  指标值 (merged over the last three)

Row heights are computed here because LibreOffice (and WPS in some modes) does not
grow a row to fit wrapped text when it opens a file: it uses the stored height.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from perfdesk.domain.model import Form
from perfdesk.domain.money import decimal_places, format_amount

WIDTH_LABEL = 6.0
WIDTH_NAME = 16.0
WIDTH_LEVEL2 = 14.0
WIDTH_LEVEL3 = 32.0
WIDTH_EXTRA = 14.0
WIDTH_AMOUNT = 12.0

BODY_PT = 10.0
TITLE_PT = 16.0
LINE_FACTOR = 1.3  # line pitch / font size: Excel gives 宋体 about 1.25, LibreOffice less
PADDING_PT = 4.0
MIN_ROW_PT = 20.0
MAX_ROW_PT = 409.0  # Excel's limit for one row


@dataclass(frozen=True)
class Columns:
    """Column numbers (1-based) for a form with ``extras`` province columns.

    ``value_at`` is where 指标值 stands among the indicator columns after 三级 (``len(extras)``:
    after every extra, today's 部门整体 table). When 指标值 is the last of them it spans the three
    amount columns; a template that declares it before other columns (湖南: 指标值类型 | 指标值 |
    计量单位 …) gets it in its own column at that position, as the PDF prints it.
    """

    extras: tuple[str, ...] = ()
    amount_width: float = WIDTH_AMOUNT
    value_at: int = -1  # -1: after every extra

    label: int = 1
    name: int = 2  # 任务名称 / 一级指标
    level2: int = 3
    level3: int = 4

    @property
    def value_position(self) -> int:
        return len(self.extras) if self.value_at < 0 else min(self.value_at, len(self.extras))

    @property
    def value_last(self) -> bool:
        return self.value_position == len(self.extras)

    @property
    def first_extra(self) -> int:
        return self.level3 + 1

    def indicator_cells(self) -> list[tuple[str | None, int, int]]:
        """(extra key, or ``None`` for 指标值; first column, last column) in print order."""
        keys: list[str | None] = list(self.extras)
        keys.insert(self.value_position, None)
        out: list[tuple[str | None, int, int]] = []
        column = self.first_extra
        for index, key in enumerate(keys):
            last = self.last if index == len(keys) - 1 else column
            out.append((key, column, last))
            column += 1
        return out

    @property
    def last(self) -> int:
        if self.value_last:
            return self.level3 + 1 + len(self.extras) + 2
        return self.level3 + max(len(self.extras) + 1, 3)  # the amount columns are the last three

    @property
    def total(self) -> int:  # 总额, and the start of 指标值 when it comes last
        return self.last - 2

    @property
    def fiscal(self) -> int:
        return self.last - 1

    @property
    def other(self) -> int:
        return self.last

    def widths(self) -> list[float]:
        out = [WIDTH_LABEL, WIDTH_NAME, WIDTH_LEVEL2, WIDTH_LEVEL3]
        out += [WIDTH_EXTRA] * (self.last - self.level3)
        for column in (self.total, self.fiscal, self.other):
            out[column - 1] = max(out[column - 1], self.amount_width) if not self.value_last else self.amount_width
        return out

    def span_width(self, first: int, last: int) -> float:
        widths = self.widths()
        return sum(widths[first - 1 : last])


def indicator_order(form: Form) -> tuple[tuple[str, ...], int]:
    """The extra indicator columns in print order, and where 指标值 stands among them (-1: last).

    A template that declares 指标值 before some of its own columns (湖南) gets them in the declared
    order, with any column only an indicator carries just before 指标值; otherwise the extras come
    before 指标值 as they always did (declared first, then the others, first seen first)."""
    from perfdesk.domain.forms import get_template

    extras = form_extras(form)
    template = get_template(form.template)
    declared = [c.key for c in template.indicator_columns] if template else []
    if "value" not in declared or declared[-1] == "value":
        return extras, -1
    before = declared[: declared.index("value")]
    after = declared[declared.index("value") + 1 :]
    others = [key for key in extras if key not in declared]
    head = [key for key in before if key in extras] + others
    return (*head, *(key for key in after if key in extras)), len(head)


def form_extras(form: Form) -> tuple[str, ...]:
    """Province columns: every one the form's template declares, in its order (empty ones too:
    the sheet has the template's columns), then any other an indicator carries, first seen first."""
    from perfdesk.domain.forms import get_template

    template = get_template(form.template)
    seen: dict[str, None] = {c.key: None for c in template.extra_indicator_columns} if template else {}
    for _, _, indicator in form.iter_indicators():
        for key in indicator.extras:
            seen.setdefault(key, None)
    return tuple(seen)


# Excel measures a column in widths of the default font's digit (Calibri 11: 7 px at
# 96 dpi); a cell of width w shows about 7·w + 5 px, minus a few px of padding.
# Text is measured in px at 96 dpi: CJK glyphs are square (4/3 px per pt), Latin
# characters are taken at 0.55 em (宋体 is 0.5 em; the fallbacks are wider).
def amount_width(form: Form) -> float:
    """Wide enough for the longest amount as printed (``0.00`` or more decimals), sums included.

    A number that does not fit shows as ``###`` in Excel, WPS and LibreOffice alike.
    """
    amounts = [a for t in form.tasks for a in (t.total, t.fiscal, t.other) if a is not None]
    places = max([2, *(decimal_places(a) for a in amounts)])
    texts = [format_amount(a) for a in amounts] + [format_amount(total, places) for total in form.sums()]
    longest = max((len(text) for text in texts), default=0)
    return max(WIDTH_AMOUNT, longest * 1.15 + 2)


EXCEL_CELL_LIMIT = 32_767  # characters a cell can hold


def char_px(ch: str, font_pt: float = BODY_PT) -> float:
    em = font_pt * 4 / 3
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return em
    return em * 0.55


def estimate_lines(text: str, width: float, font_pt: float = BODY_PT) -> int:
    """Lines a wrapped cell of ``width`` (Excel width units) needs for ``text``.

    Only the first ``EXCEL_CELL_LIMIT`` characters count: Excel shows no more in a cell, and a
    hostile 1M-character name must not cost seconds per cell.
    """
    usable = max(width * 7.0 - 6.0, 8.0)
    lines = 0
    for paragraph in text[:EXCEL_CELL_LIMIT].split("\n"):
        line_px = 0.0
        count = 1
        for token in re.findall(r"[A-Za-z0-9.%,+\-]+|.", paragraph):
            px = sum(char_px(ch, font_pt) for ch in token)
            if px > usable:  # a long Latin run breaks anywhere
                count += int((line_px + px) // usable)
                line_px = (line_px + px) % usable
            elif line_px + px > usable:
                count += 1
                line_px = px
            else:
                line_px += px
        lines += count
    return max(lines, 1)


def height_for(lines: int, font_pt: float = BODY_PT) -> float:
    return max(MIN_ROW_PT, lines * font_pt * LINE_FACTOR + PADDING_PT)


_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")
# Control characters make the workbook unreadable when in a sheet name (Excel, LibreOffice and
# openpyxl refuse it); cells drop them (``form_sheet.clean``), titles must too.
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, limit: int) -> str:
    text = text[:limit]  # each character is one or two UTF-16 units: at most ``limit`` remain to check
    while _utf16_len(text) > limit:
        text = text[:-1]
    return text


def sheet_title(form: Form, index: int, used: set[str]) -> str:
    """``2022年 新疆巴州人社局``: ≤ 31 characters, no ``[]:*?/\\`` or control characters, unique (case-insensitive).

    A project table is named after its project (项目名称), the forbidden characters removed; a
    self-evaluation after its project or department, with 自评 after it."""
    if form.kind == "self_evaluation":
        name = form.fields.get("项目名称", "") or form.department
        name = " ".join(_CONTROL_CHARS.sub("", name).split())
        base = _BAD_TITLE_CHARS.sub("", name).strip().strip("'")
        base = f"{_cut(base, 27)} 自评" if base else f"自评{index}"
    elif form.kind == "project":
        name = " ".join(_CONTROL_CHARS.sub("", form.fields.get("项目名称", "")).split())
        base = _BAD_TITLE_CHARS.sub("", name).strip().strip("'") or f"项目{index}"
    else:
        year = f"{form.year}年 " if form.year else ""
        department = _BAD_TITLE_CHARS.sub("_", " ".join(_CONTROL_CHARS.sub("", form.department).split()))
        base = (year + department).strip().strip("'") or f"表{index}"
    if base.lower() == "history":  # reserved by Excel
        base = f"{base}_"
    title = _cut(base, 31)
    number = 2
    while title.lower() in used:
        suffix = f"（{number}）"
        title = _cut(base, 31 - len(suffix)) + suffix
        number += 1
    used.add(title.lower())
    return title


def goal_lines(texts: list[str]) -> str:
    """The goals as the PDF prints them (numbered once: see ``domain.goals``), one per line."""
    from perfdesk.domain.goals import numbered_goals

    return "\n".join(numbered_goals(texts))


def split_rows_for(height: float) -> int:
    """How many rows a block of ``height`` points needs, given Excel's 409 pt per row."""
    return max(1, math.ceil(height / (MAX_ROW_PT - 9)))
