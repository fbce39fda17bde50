"""Ordered schema migrations: ``MIGRATIONS[v]`` upgrades a version-``v`` file to ``v+1``.

They run on an in-memory copy when a file is opened; the file on disk changes
only when the clerk saves (then in the current version).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from perfdesk.store.identity import SCHEMA_VERSION


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE indicator_extra ("
        " indicator_id TEXT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,"
        " key TEXT NOT NULL, value TEXT NOT NULL,"
        " PRIMARY KEY (indicator_id, key))"
    )


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE task_unparsed ("
        " task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
        " field TEXT NOT NULL, text TEXT NOT NULL,"
        " PRIMARY KEY (task_id, field))"
    )


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    # Every form before version 4 was the 部门整体 table of 财预〔2015〕88号.
    conn.execute("ALTER TABLE form ADD COLUMN template TEXT NOT NULL DEFAULT 'mof-2015'")
    conn.execute(
        "CREATE TABLE form_field ("
        " form_id TEXT NOT NULL REFERENCES form(id) ON DELETE CASCADE,"
        " key TEXT NOT NULL, value TEXT NOT NULL,"
        " PRIMARY KEY (form_id, key))"
    )


def _v4_to_v5(conn: sqlite3.Connection) -> None:
    # Project tables: a 中期 side for goals and 一级 groups, ★ core indicators, 项目资金 cells.
    conn.execute("ALTER TABLE goal ADD COLUMN horizon TEXT NOT NULL DEFAULT 'year'")
    conn.execute("ALTER TABLE level1 ADD COLUMN horizon TEXT NOT NULL DEFAULT 'year'")
    conn.execute("ALTER TABLE indicator ADD COLUMN core INTEGER NOT NULL DEFAULT 0")
    # Self-evaluations: the scoring profile, the 反向 mode and the target table they came from.
    for column in ("profile", "reverse_mode", "source_form"):
        conn.execute(f"ALTER TABLE form ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "CREATE TABLE form_fund ("
        " form_id TEXT NOT NULL REFERENCES form(id) ON DELETE CASCADE,"
        " key TEXT NOT NULL, text TEXT NOT NULL,"
        " PRIMARY KEY (form_id, key))"
    )


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5,
}


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    version = from_version
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](conn)
        version += 1
        conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
