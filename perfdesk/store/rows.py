"""Mapping between domain objects and the rows of the schema.

Writing uses SQLAlchemy Core (imported on the first save); reading uses plain ``sqlite3``
so that opening a file — at every start of the GUI and of every CLI command — does not
import SQLAlchemy (about 0.25 s and 30 MiB).
"""

from __future__ import annotations

import gc
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from perfdesk import __version__
from perfdesk.domain.model import HORIZONS, TASK_AMOUNTS, Form, Goal, Indicator, Level1, Level2, People, Project, Task
from perfdesk.store.checks import RowChecker, TextBudget

if TYPE_CHECKING:
    from sqlalchemy import Engine


def _engine(conn: sqlite3.Connection) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    return create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)


def write_project(conn: sqlite3.Connection, project: Project) -> None:
    """Create the schema in an empty database and insert ``project``."""
    from sqlalchemy import insert

    from perfdesk.store import schema as s

    engine = _engine(conn)
    s.metadata.create_all(engine)
    forms: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    goals: list[dict[str, Any]] = []
    level1s: list[dict[str, Any]] = []
    # The bulk tables as tuples in the order of these columns (no dict per row).
    level2s: list[tuple[Any, ...]] = []
    indicators: list[tuple[Any, ...]] = []
    extras: list[tuple[Any, ...]] = []
    bulk = (
        ("level2", ("id", "level1_id", "position", "name"), level2s),
        ("indicator", ("id", "level2_id", "position", "name", "value", "core"), indicators),
        ("indicator_extra", ("indicator_id", "key", "value"), extras),
    )
    unparsed: list[dict[str, Any]] = []
    fields: list[dict[str, Any]] = []
    funds: list[dict[str, Any]] = []
    totals_typed: list[dict[str, Any]] = []
    for fpos, form in enumerate(project.forms):
        fields.extend({"form_id": form.id, "key": k, "value": v} for k, v in form.fields.items())
        funds.extend({"form_id": form.id, "key": k, "text": v} for k, v in form.funds.items())
        row = {
            "id": form.id,
            "position": fpos,
            "kind": form.kind,
            "template": form.template,
            "profile": form.profile,
            "reverse_mode": form.reverse_mode,
            "source_form": form.source_form,
            "year": form.year,
            "department": form.department,
            "framework": form.framework,
        }
        row.update({name: getattr(form.people, name) for name in People.field_names()})
        forms.append(row)
        for pos, t in enumerate(form.tasks):
            tasks.append(
                {
                    "id": t.id,
                    "form_id": form.id,
                    "position": pos,
                    "name": t.name,
                    "content": t.content,
                    "total": t.total,
                    "fiscal": t.fiscal,
                    "other": t.other,
                }
            )
            unparsed.extend({"task_id": t.id, "field": k, "text": v} for k, v in t.unparsed.items())
            if t.total_typed:
                totals_typed.append({"task_id": t.id})
        for horizon in HORIZONS:
            goals.extend(
                {"id": g.id, "form_id": form.id, "position": pos, "text": g.text, "horizon": horizon}
                for pos, g in enumerate(form.side_goals(horizon))
            )
            level1s.extend(
                {"id": l1.id, "form_id": form.id, "position": pos1, "name": l1.name, "horizon": horizon}
                for pos1, l1 in enumerate(form.side(horizon))
            )
        for l1 in [*form.tree, *form.tree_mid]:
            for pos2, l2 in enumerate(l1.children):
                level2s.append((l2.id, l1.id, pos2, l2.name))
                for pos3, ind in enumerate(l2.indicators):
                    indicators.append((ind.id, l2.id, pos3, ind.name, ind.value, int(ind.core)))
                    if ind.extras:
                        extras.extend((ind.id, k, v) for k, v in ind.extras.items())
    with engine.begin() as db:
        db.execute(insert(s.info), [{"key": "written_by", "value": f"perfdesk {__version__}"}])
        for table, rows in (
            (s.form, forms),
            (s.form_field, fields),
            (s.form_fund, funds),
            (s.task, tasks),
            (s.task_unparsed, unparsed),
            (s.task_total_typed, totals_typed),
            (s.goal, goals),
            (s.level1, level1s),
        ):
            if not rows:
                continue
            if any(isinstance(c.type, s.DecimalText) for c in table.columns):
                db.execute(insert(table), rows)  # amounts go through DecimalText's exact conversion
            else:
                # Plain text and integers, every column given: straight to sqlite3's executemany. A file
                # of 200 project tables has some 30,000 rows, and building SQLAlchemy's parameters
                # row by row took half the save.
                names = tuple(rows[0])
                pick = itemgetter(*names) if len(names) > 1 else (lambda row, name=names[0]: (row[name],))
                db.exec_driver_sql(_insert_sql(table.name, names), list(map(pick, rows)))
        for name, columns, tuples in bulk:
            if tuples:
                db.exec_driver_sql(_insert_sql(name, columns), tuples)


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _rows(db: sqlite3.Cursor, budget: TextBudget, table: str, order: str) -> Iterator[tuple[RowChecker, sqlite3.Row]]:
    check = RowChecker(budget.name, table, budget)
    for row in db.execute(f"SELECT * FROM {table}{order}"):
        check.next_row()
        yield check, row


def _parent(check: RowChecker, row: sqlite3.Row, column: str, parents: dict[str, Any]) -> Any:
    parent = parents.get(check.text(row, column))
    if parent is None:
        raise check.bad(column, "指向不存在的上级")
    return parent


def _flag(check: RowChecker, row: sqlite3.Row, column: str) -> bool:
    value = row[column]
    if value not in (0, 1) or isinstance(value, float):
        raise check.bad(column, "应为 0 或 1")
    return bool(value)


def read_project(conn: sqlite3.Connection, name: str = "项目文件") -> Project:
    """The project in ``conn``; every value is type-checked (see ``checks``). Raises FileReadError.

    The cyclic garbage collector is paused meanwhile: reading builds tens of thousands of objects
    in a tree without cycles, and each collection it would trigger walks every live object of the
    process (a 15 % share of opening a file of 200 project tables in a busy process)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read_project(conn, name)
    finally:
        if paused:
            gc.enable()


def _read_project(conn: sqlite3.Connection, name: str) -> Project:
    db = conn.cursor()
    db.row_factory = sqlite3.Row
    budget = TextBudget(name)
    project = Project()
    forms: dict[str, Form] = {}
    for c, row in _rows(db, budget, "form", " ORDER BY position"):
        form = Form(
            kind=c.text(row, "kind"),
            template=c.text(row, "template"),
            profile=c.text(row, "profile"),
            reverse_mode=c.text(row, "reverse_mode"),
            source_form=c.text(row, "source_form"),
            year=c.year(row, "year"),
            department=c.text(row, "department"),
            framework=c.text(row, "framework"),
            people=People(**{field: c.text(row, field) for field in People.field_names()}),
            id=c.text(row, "id"),
        )
        forms[form.id] = form
        project.forms.append(form)
    for c, (form_id, key, text) in _text_tuples(conn, budget, "form_field", ("form_id", "key", "value"),
                                                 " ORDER BY form_id, key"):
        _child_of(c, form_id, "form_id", forms).fields[key] = text
    for c, (form_id, key, text) in _text_tuples(conn, budget, "form_fund", ("form_id", "key", "text"),
                                                 " ORDER BY form_id, key"):
        _child_of(c, form_id, "form_id", forms).funds[key] = text
    unparsed: dict[str, dict[str, str]] = defaultdict(dict)
    for c, row in _rows(db, budget, "task_unparsed", " ORDER BY task_id, field"):
        unparsed[c.text(row, "task_id")][c.text(row, "field")] = c.text(row, "text")
    totals_typed: set[str] | None = None  # None: a file from before the table, the flag is derived
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_total_typed'").fetchone():
        totals_typed = {c.text(row, "task_id") for c, row in _rows(db, budget, "task_total_typed", "")}
    for c, row in _rows(db, budget, "task", " ORDER BY form_id, position"):
        task_id = c.text(row, "id")
        amounts = {field: c.money(row, field) for field in TASK_AMOUNTS}
        typed = dict(unparsed.get(task_id, {}))
        for field, (_, digits) in amounts.items():
            if digits is not None:
                typed.setdefault(field, digits)  # beyond a sane magnitude: kept as text, reported
        _parent(c, row, "form_id", forms).tasks.append(
            Task(c.text(row, "name"), c.text(row, "content"),
                 total=amounts["total"][0], fiscal=amounts["fiscal"][0], other=amounts["other"][0], id=task_id,
                 unparsed={k: v for k, v in typed.items() if k in TASK_AMOUNTS},
                 total_typed=None if totals_typed is None else task_id in totals_typed)
        )
    columns: tuple[str, ...] = ("form_id", "horizon", "text", "id")
    for c, (form_id, horizon, text, goal_id) in _text_tuples(conn, budget, "goal", columns,
                                                              " ORDER BY form_id, position"):
        form = _child_of(c, form_id, "form_id", forms)
        form.side_goals(_checked_horizon(c, horizon)).append(Goal(text, id=goal_id))
    level1s: dict[str, Level1] = {}
    columns = ("form_id", "horizon", "name", "id")
    for c, (form_id, horizon, name_, node_id) in _text_tuples(conn, budget, "level1", columns,
                                                               " ORDER BY form_id, position"):
        node1 = Level1(name_, id=node_id)
        _child_of(c, form_id, "form_id", forms).side(_checked_horizon(c, horizon)).append(node1)
        level1s[node_id] = node1
    level2s: dict[str, Level2] = {}
    # NOT INDEXED: reading a whole table, a scan and one sort beat a walk of the parent's index.
    for c, (level1_id, name_, node_id) in _text_tuples(conn, budget, "level2", ("level1_id", "name", "id"),
                                                        " NOT INDEXED ORDER BY level1_id, position"):
        node2 = Level2(name_, id=node_id)
        _child_of(c, level1_id, "level1_id", level1s).children.append(node2)
        level2s[node_id] = node2
    extras: dict[str, dict[str, str]] = defaultdict(dict)
    for c, row in _rows(db, budget, "indicator_extra", ""):
        extras[c.text(row, "indicator_id")][c.text(row, "key")] = c.text(row, "value")
    columns = ("id", "level2_id", "name", "value", "core")
    for c, (ind_id, level2_id, name_, value, core) in _text_tuples(conn, budget, "indicator", columns,
                                                                    " NOT INDEXED ORDER BY level2_id, position", 4):
        if core not in (0, 1) or core.__class__ is float:
            raise c.bad("core", "应为 0 或 1")
        parent = level2s.get(level2_id)
        if parent is None:
            raise c.bad("level2_id", "指向不存在的上级")
        found = extras.get(ind_id)
        parent.indicators.append(
            Indicator(name_, value, dict(sorted(found.items())) if found else {}, id=ind_id, core=bool(core)))
    db.close()
    return project


def _child_of(check: RowChecker, parent_id: str, column: str, parents: dict[str, Any]) -> Any:
    parent = parents.get(parent_id)
    if parent is None:
        raise check.bad(column, "指向不存在的上级")
    return parent


def _checked_horizon(check: RowChecker, horizon: str) -> str:
    if horizon not in HORIZONS:
        raise check.bad("horizon", "应为 mid 或 year")
    return horizon


def _text_tuples(conn: sqlite3.Connection, budget: TextBudget, table: str, columns: tuple[str, ...],
                 order: str, texts: int | None = None) -> Iterator[tuple[RowChecker, tuple[Any, ...]]]:
    """The rows of a table as plain tuples, the first ``texts`` columns (all by default) checked to be text and
    counted against the budget, as ``RowChecker.text`` does: a file of 200 project tables has some
    12,000 indicators, read at every open. SQLite answers both questions for the whole table in one
    query; only a table where some cell is not text is checked cell by cell (for the message)."""
    check = RowChecker(budget.name, table, budget)
    text_columns = columns[:texts]
    odd_cells = " OR ".join(f"typeof({c}) != 'text'" for c in text_columns)
    sizes = " + ".join(f"length({c})" for c in text_columns)
    cursor = conn.cursor()  # tuples, not sqlite3.Row
    try:
        odd, size = cursor.execute(
            f"SELECT total(CASE WHEN {odd_cells} THEN 1 ELSE 0 END), total({sizes}) FROM {table}").fetchone()
        if not odd:
            budget.left -= int(size)
            budget.spend("")  # raises when the file holds too much text
        for row in cursor.execute(f"SELECT {', '.join(columns)} FROM {table}{order}"):
            check.next_row()
            if odd:
                for i, column in enumerate(text_columns):
                    check.text({column: row[i]}, column)  # type: ignore[arg-type]
            yield check, row
    finally:
        cursor.close()
