"""SQLAlchemy schema of a perfdesk ``.db`` file (current version).

Money is stored as exact decimal text, never as SQLite REAL: SQLAlchemy's
``Numeric`` is a float on SQLite and loses cents on large sums.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, Text
from sqlalchemy.types import TypeDecorator

from perfdesk.store.identity import APPLICATION_ID, SCHEMA_VERSION  # noqa: F401  (re-exported)


class DecimalText(TypeDecorator[Decimal]):
    """A ``Decimal`` stored as its exact text (``"1663.73"``), scale kept."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"money must be Decimal, got {type(value).__name__}")
        return format(value, "f")

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


metadata = MetaData()

form = Table(
    "form",
    metadata,
    Column("id", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("template", Text, nullable=False, default=""),  # schema version 4: the province template
    # schema version 5: a self-evaluation's scoring profile, 反向 mode and target table
    Column("profile", Text, nullable=False, default=""),
    Column("reverse_mode", Text, nullable=False, default=""),
    Column("source_form", Text, nullable=False, default=""),
    Column("year", Integer),
    Column("department", Text, nullable=False, default=""),
    Column("framework", Text, nullable=False),
    Column("filler_unit", Text, nullable=False, default=""),
    Column("unit_head", Text, nullable=False, default=""),
    Column("finance_head", Text, nullable=False, default=""),
    Column("preparer", Text, nullable=False, default=""),
    Column("phone", Text, nullable=False, default=""),
    Column("fill_date", Text, nullable=False, default=""),
)

task = Table(
    "task",
    metadata,
    Column("id", Text, primary_key=True),
    Column("form_id", Text, ForeignKey("form.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("content", Text, nullable=False),
    Column("total", DecimalText),
    Column("fiscal", DecimalText),
    Column("other", DecimalText),
)

goal = Table(
    "goal",
    metadata,
    Column("id", Text, primary_key=True),
    Column("form_id", Text, ForeignKey("form.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("horizon", Text, nullable=False, default="year"),  # schema version 5: "mid" = 中期 (project tables)
)

level1 = Table(
    "level1",
    metadata,
    Column("id", Text, primary_key=True),
    Column("form_id", Text, ForeignKey("form.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("horizon", Text, nullable=False, default="year"),  # schema version 5: "mid" = 中期 (project tables)
)

level2 = Table(
    "level2",
    metadata,
    Column("id", Text, primary_key=True),
    Column("level1_id", Text, ForeignKey("level1.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
)

indicator = Table(
    "indicator",
    metadata,
    Column("id", Text, primary_key=True),
    Column("level2_id", Text, ForeignKey("level2.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("value", Text, nullable=False),  # exactly as typed
    Column("core", Integer, nullable=False, default=0),  # schema version 5: ★ 核心指标
)

# Added in schema version 2: province columns (指标解释, 评（扣）分标准 …).
indicator_extra = Table(
    "indicator_extra",
    metadata,
    Column("indicator_id", Text, ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# Added in schema version 3: an amount cell's text when it is not a number (kept as typed;
# the amount column is NULL then). ``field`` is "total", "fiscal" or "other".
task_unparsed = Table(
    "task_unparsed",
    metadata,
    Column("task_id", Text, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
    Column("field", Text, primary_key=True),
    Column("text", Text, nullable=False),
)

# Added in schema version 4: header fields a template adds (部门（单位）职责 …), by printed label.
form_field = Table(
    "form_field",
    metadata,
    Column("form_id", Text, ForeignKey("form.id", ondelete="CASCADE"), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# Added in schema version 5: a project table's 项目资金 cells (``mid.total`` …), as typed.
form_fund = Table(
    "form_fund",
    metadata,
    Column("form_id", Text, ForeignKey("form.id", ondelete="CASCADE"), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("text", Text, nullable=False),
)

# Added within schema version 3, without a version bump (kept in version 4): the tasks whose
# 总额 the clerk typed (``Task.total_typed``). A version-3 file without this table (written before it existed, or
# re-saved by a perfdesk that did not know it) is read as before: the flag is taken from the
# amounts. Older perfdesk ignore the table, so files stay readable both ways.
task_total_typed = Table(
    "task_total_typed",
    metadata,
    Column("task_id", Text, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
)

info = Table(
    "info",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
