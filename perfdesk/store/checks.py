"""Every value read from a ``.db`` checked as strictly as JSON input.

SQLite stores any type in any column, and a ``.db`` can come from anywhere: a BLOB or
NULL name, a text year, an ``sNaN`` amount or a view standing in for a table must be
refused with one Chinese sentence naming the place, not surface later as a crash in
validation, printing or a Qt view. Also here: the structural checks on ``sqlite_master``
and the bounds that keep a hostile file from filling memory or spinning forever.
"""

from __future__ import annotations

import re
import sqlite3
import time
from decimal import Decimal, InvalidOperation
from typing import Any

from perfdesk.domain.jsonform import MAX_YEAR, clip, describe_number
from perfdesk.domain.money import is_sane
from perfdesk.errors import FileReadError

MAX_ROWS = 2_000_000  # per table; the largest real project has a few thousand
QUERY_SECONDS = 30.0  # a bound on any one read of a file, whatever it contains
# All text in a file, in characters. The largest real project holds well under a million;
# 70 names of a million characters each made every export take over ten seconds.
MAX_TEXT_CHARS = 16_000_000

TABLE_LABELS = {
    "form": "表",
    "task": "年度主要任务",
    "task_unparsed": "金额文字",
    "goal": "年度目标",
    "level1": "一级指标",
    "level2": "二级指标",
    "indicator": "三级指标",
    "indicator_extra": "指标附加栏",
    "form_field": "表头附加栏",
    "form_fund": "项目资金",
    "task_total_typed": "手填总额标记",
    "info": "文件信息",
}
PERFDESK_TABLES = frozenset(TABLE_LABELS)

# What perfdesk writes for an amount: format(Decimal, "f").
_STORED_AMOUNT = re.compile(r"-?\d+(\.\d+)?")


def _kind(value: Any) -> str:
    if value is None:
        return "空值（NULL）"
    if isinstance(value, bytes):
        return "二进制数据"
    if isinstance(value, float):
        return "小数"
    if isinstance(value, int):
        return "整数"
    return "文字"


class TextBudget:
    """How much text a file may hold in all (``MAX_TEXT_CHARS``), counted as its values are read."""

    def __init__(self, name: str, limit: int = MAX_TEXT_CHARS) -> None:
        self.name = name
        self.left = limit

    def spend(self, text: str) -> None:
        self.left -= len(text)
        if self.left < 0:
            raise FileReadError(
                f"“{self.name}”中的文字总量超过 {MAX_TEXT_CHARS // 10_000} 万字，不像是绩效目标表，"
                "可能已损坏或是恶意文件，无法打开"
            )


class RowChecker:
    """Checks the values of one table's rows; ``bad`` raises the message for the file."""

    def __init__(self, name: str, table: str, budget: TextBudget | None = None) -> None:
        self.name = name
        self.table = table
        self.row_number = 0
        self.budget = budget or TextBudget(name)

    def next_row(self) -> None:
        self.row_number += 1
        if self.row_number > MAX_ROWS:
            raise FileReadError(
                f"“{self.name}”的{TABLE_LABELS[self.table]}超过 {MAX_ROWS} 行，不像是绩效目标表，可能已损坏，无法打开"
            )

    def bad(self, column: str, what: str) -> FileReadError:
        return FileReadError(
            f"“{self.name}”中的数据无效：{TABLE_LABELS[self.table]}第 {self.row_number} 行的“{column}”{what}；"
            "文件可能已损坏或被其他程序改过，无法打开"
        )

    def text(self, row: sqlite3.Row, column: str) -> str:
        value = row[column]
        if not isinstance(value, str):
            raise self.bad(column, f"应为文字，实际是{_kind(value)}")
        self.budget.spend(value)
        return value

    def year(self, row: sqlite3.Row, column: str) -> int | None:
        value = row[column]
        if value is None:
            return None
        if not isinstance(value, int):
            raise self.bad(column, f"应为整数年份，实际是{_kind(value)}")
        if not 0 <= value <= MAX_YEAR:
            raise self.bad(column, f"应为年份，实际是超出范围的数（{describe_number(value)}）")
        return value

    def money(self, row: sqlite3.Row, column: str) -> tuple[Decimal | None, str | None]:
        """An amount, or its digits kept as text when beyond a sane magnitude (as typed amounts are)."""
        value = row[column]
        if value is None:
            return None, None
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str) or len(value) > 10_000 or not _STORED_AMOUNT.fullmatch(value):
            shown = _kind(value) if not isinstance(value, str) else f"“{clip(value)}”"
            raise self.bad(column, f"应为金额，实际是{shown}")
        try:
            amount = Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern guards this
            raise self.bad(column, "应为金额") from None
        return (amount, None) if is_sane(amount) else (None, value)


def check_structure(conn: sqlite3.Connection, name: str) -> None:
    """Refuse views and triggers: perfdesk never creates any, and a view named like a table can spin forever."""
    for kind, object_name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') LIMIT 1"
    ):
        what = "视图" if kind == "view" else "触发器"
        shadow = "，冒充 perfdesk 的数据表" if str(object_name).lower() in PERFDESK_TABLES else ""
        raise FileReadError(
            f"“{name}”含有 perfdesk 不会创建的{what}“{clip(str(object_name))}”{shadow}；"
            "文件可能被其他程序改过或是恶意文件，无法打开"
        )


def bound_queries(conn: sqlite3.Connection, seconds: float = QUERY_SECONDS) -> None:
    """Interrupt any statement on ``conn`` running past ``seconds`` from now (raises OperationalError)."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
