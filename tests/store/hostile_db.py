"""Hostile .db files for the fuzz loop: random types in every column, views, triggers, huge numbers,
control characters, broken links between rows and odd schemas, each made from a valid project.

``run_cases`` is also the child process's entry point: it runs CLI commands in-process over a
list of files, each under a time measurement, and prints one JSON line per command.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

TABLES = {
    "form": ["id", "position", "kind", "year", "department", "framework", "filler_unit", "unit_head",
             "finance_head", "preparer", "phone", "fill_date"],
    "task": ["id", "form_id", "position", "name", "content", "total", "fiscal", "other"],
    "task_unparsed": ["task_id", "field", "text"],
    "goal": ["id", "form_id", "position", "text"],
    "level1": ["id", "form_id", "position", "name"],
    "level2": ["id", "level1_id", "position", "name"],
    "indicator": ["id", "level2_id", "position", "name", "value"],
    "indicator_extra": ["indicator_id", "key", "value"],
    "info": ["key", "value"],
}
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f\u202e\u202d\u2066\u200b\ufeff"


def _text(rng: random.Random) -> str:
    choice = rng.randrange(12)
    if choice == 0:
        return ""
    if choice == 1:
        return "".join(rng.choice(CONTROL) for _ in range(rng.randint(1, 20)))
    if choice == 2:
        return "\x1b]0;pwned\x07\x1b[2J名称\x00" + rng.choice(["exe.fdp\u202e", "\u202e单位"])
    if choice == 3:
        return rng.choice(["sNaN", "NaN", "-Infinity", "1E+999999999999999999", "1e-999999999", "0x10", "1_000"])
    if choice == 4:
        return str(rng.randint(0, 9)) * rng.choice([16, 40, 4000, 5000, 100_000])
    if choice == 5:
        return "单" * rng.choice([1000, 100_000, 1_000_000])
    if choice == 6:
        return rng.choice(["≥1E+999999999人", "≥" + "9" * 5000 + "人", "<=-0.0000000000001%", "2023年13月45日前"])
    if choice == 7:
        return rng.choice(["department_overall", "project", "self_evaluation", "2015", "2021", "nonsense"])
    if choice == 8:
        return "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randint(1, 30))).encode(
            "utf-8", "replace").decode("utf-8", "replace")
    if choice == 9:
        return f"{rng.randint(-10**6, 10**6)}.{rng.randint(0, 10**9)}"
    if choice == 10:
        return rng.choice(["total", "fiscal", "other", "id", "'; DROP TABLE form; --"])
    return "".join(rng.choice("0123456789.-+eE ,，万元约") for _ in range(rng.randint(1, 12)))


def random_value(rng: random.Random) -> object:
    kind = rng.randrange(7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([0, -1, 1, 2022, 2**31, 2**63 - 1, -(2**63), rng.randint(-10**12, 10**12)])
    if kind == 2:
        return rng.choice([0.5, -1e308, 1e308, float("inf"), float("-inf"), 1e-320, 2022.0])
    if kind == 3:
        return rng.randbytes(rng.randint(0, 64))
    return _text(rng)


def _recreate_without_constraints(conn: sqlite3.Connection, table: str, keep: list[str] | None = None) -> None:
    columns = ", ".join(keep) if keep else "*"
    conn.execute(f"CREATE TABLE fuzz_copy AS SELECT {columns} FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE fuzz_copy RENAME TO {table}")


def _mutate(conn: sqlite3.Connection, rng: random.Random) -> str:
    kind = rng.randrange(11)
    table = rng.choice(list(TABLES))
    columns = TABLES[table]
    if kind <= 3:  # random types in random columns (constraints dropped so anything goes)
        _recreate_without_constraints(conn, table)
        for _ in range(rng.randint(1, 4)):
            column = rng.choice(columns)
            pick = f" WHERE rowid = (SELECT rowid FROM {table} ORDER BY random() LIMIT 1)"
            where = "" if rng.random() < 0.3 else pick
            conn.execute(f"UPDATE {table} SET {column} = ?{where}", (random_value(rng),))
        return "types"
    if kind == 4:  # a view shadowing a table, sometimes recursive
        conn.execute(f"DROP TABLE {table}")
        body = ", ".join(f"{rng.choice(['i', 'hex(randomblob(10))', repr(_text(rng)[:50])])} AS {c}" for c in columns)
        limit = rng.choice(["", " LIMIT 10", " LIMIT 100000"])
        conn.execute(f"CREATE VIEW {table} AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n{limit})"
                     f" SELECT {body} FROM n")
        return "view"
    if kind == 5:
        action = rng.choice(["DELETE FROM task", "UPDATE form SET department = 'x'", "SELECT 1"])
        conn.execute(f"CREATE TRIGGER fuzz_trigger AFTER {rng.choice(['INSERT', 'UPDATE', 'DELETE'])} ON {table} "
                     f"BEGIN {action}; END")
        return "trigger"
    if kind == 6:  # huge numbers in amounts and values
        column = rng.choice(["total", "fiscal", "other"])
        conn.execute(f"UPDATE task SET {column} = ?", (rng.choice([
            "9" * rng.choice([16, 4000, 200_000]), "1E+999999999", "-0." + "0" * 5000 + "1", "sNaN", "12.5"]),))
        conn.execute("UPDATE indicator SET value = ? WHERE rowid % 3 = 0", ("≥" + "9" * rng.choice([20, 5000]) + "人",))
        return "huge"
    if kind == 7:  # control characters everywhere a name lives
        for t, c in (("form", "department"), ("level1", "name"), ("indicator", "name"), ("goal", "text")):
            conn.execute(f"UPDATE {t} SET {c} = ? || {c}", ("\x1b[2J\x07\x00\u202e" + rng.choice(CONTROL),))
        return "control"
    if kind == 8:  # broken links between rows, duplicates, missing columns
        child = rng.choice(["task", "goal", "level1", "level2", "indicator", "indicator_extra", "task_unparsed"])
        _recreate_without_constraints(conn, child)
        link = TABLES[child][1] if child not in ("indicator_extra", "task_unparsed") else TABLES[child][0]
        conn.execute(f"UPDATE {child} SET {link} = ? WHERE rowid % 2 = 0", (random_value(rng),))
        if rng.random() < 0.5:
            conn.execute(f"INSERT INTO {child} SELECT * FROM {child}")
        if rng.random() < 0.3:
            _recreate_without_constraints(conn, table, keep=columns[: rng.randint(1, len(columns) - 1)])
        return "links"
    if kind == 9:  # identity and version
        conn.execute(f"PRAGMA user_version = {rng.choice([-1, 0, 1, 2, 3, 4, 2**31 - 1])}")
        if rng.random() < 0.3:
            conn.execute(f"PRAGMA application_id = {rng.randint(-2**31, 2**31 - 1)}")
        return "version"
    conn.execute("INSERT INTO task_unparsed VALUES ((SELECT id FROM task LIMIT 1), ?, ?)",
                 (rng.choice(["total", "fiscal", "other", "bogus"]), random_value(rng)))
    return "unparsed"


def make_case(good: bytes, path: Path, rng: random.Random) -> str:
    path.write_bytes(good)
    conn = sqlite3.connect(path)
    deadline = time.monotonic() + 1  # e.g. copying a table that an earlier mutation made an endless view
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    kinds = []
    try:
        for _ in range(rng.randint(1, 3)):
            try:
                kinds.append(_mutate(conn, rng))
            except sqlite3.Error:
                kinds.append("sql-refused")
        conn.commit()
        if rng.random() < 0.1:
            conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    return "+".join(kinds)


HANG_SECONDS = 30


def commands_for(index: int, path: Path, out: Path) -> list[list[str]]:
    """``validate`` for every case, and one of the writers in turn (PDF and xlsx cost the most)."""
    writer = ["export-json", "export-pdf", "export-xlsx", "export-json"][index % 4]
    suffix = {"export-json": ".json", "export-pdf": ".pdf", "export-xlsx": ".xlsx"}[writer]
    second = ["validate", str(path), "--json"] if index % 2 else ["validate", str(path)]
    return [second, [writer, str(path), str(out.with_suffix(suffix))]]


def run_cases(listing: Path) -> None:
    """Child process: run the commands of every case in ``listing`` in-process, one JSON line each."""
    import perfdesk.commands  # noqa: F401
    from perfdesk.cli import run
    from perfdesk.logs import setup_logging

    setup_logging()
    for line in listing.read_text(encoding="utf-8").splitlines():
        index_text, path_text = line.split("\t")
        path = Path(path_text)
        for argv in commands_for(int(index_text), path, path.with_name(path.stem + "-out")):
            err, out = io.StringIO(), io.StringIO()
            # A command stuck in C (an endless SQLite query) cannot be interrupted from Python: after
            # three times the allowed time the child prints where it hangs and exits, failing the test.
            faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
            start = time.perf_counter()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                try:
                    code = run(argv)
                except SystemExit as exc:  # argparse
                    code = exc.code if isinstance(exc.code, int) else 2
                except BaseException as exc:  # noqa: BLE001 - reported, never swallowed
                    code = f"uncaught {type(exc).__name__}"
            seconds = time.perf_counter() - start
            faulthandler.cancel_dump_traceback_later()
            print(json.dumps({"case": int(index_text), "argv": argv[0], "code": code, "seconds": seconds,
                              "stderr": err.getvalue()[:2000], "stdout_head": out.getvalue()[:200]}),
                  flush=True)


if __name__ == "__main__":
    run_cases(Path(sys.argv[1]))
