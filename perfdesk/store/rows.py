"""Mapping between domain objects and the rows of the schema.

Writing uses SQLAlchemy Core (imported on the first save); reading uses plain ``sqlite3``
so that opening a file — at every start of the GUI and of every CLI command — does not
import SQLAlchemy (about 0.25 s and 30 MiB).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
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
    level2s: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
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
                level2s.append({"id": l2.id, "level1_id": l1.id, "position": pos2, "name": l2.name})
                for pos3, ind in enumerate(l2.indicators):
                    indicators.append(
                        {"id": ind.id, "level2_id": l2.id, "position": pos3, "name": ind.name, "value": ind.value,
                         "core": int(ind.core)}
                    )
                    extras.extend({"indicator_id": ind.id, "key": k, "value": v} for k, v in ind.extras.items())
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
            (s.level2, level2s),
            (s.indicator, indicators),
            (s.indicator_extra, extras),
        ):
            if rows:
                db.execute(insert(table), rows)


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


def _horizon(check: RowChecker, row: sqlite3.Row) -> str:
    horizon = check.text(row, "horizon")
    if horizon not in HORIZONS:
        raise check.bad("horizon", "应为 mid 或 year")
    return horizon


def _flag(check: RowChecker, row: sqlite3.Row, column: str) -> bool:
    value = row[column]
    if value not in (0, 1) or isinstance(value, float):
        raise check.bad(column, "应为 0 或 1")
    return bool(value)


def read_project(conn: sqlite3.Connection, name: str = "项目文件") -> Project:
    """The project in ``conn``; every value is type-checked (see ``checks``). Raises FileReadError."""
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
    for c, row in _rows(db, budget, "form_field", " ORDER BY form_id, key"):
        _parent(c, row, "form_id", forms).fields[c.text(row, "key")] = c.text(row, "value")
    for c, row in _rows(db, budget, "form_fund", " ORDER BY form_id, key"):
        _parent(c, row, "form_id", forms).funds[c.text(row, "key")] = c.text(row, "text")
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
    for c, row in _rows(db, budget, "goal", " ORDER BY form_id, position"):
        form = _parent(c, row, "form_id", forms)
        form.side_goals(_horizon(c, row)).append(Goal(c.text(row, "text"), id=c.text(row, "id")))
    level1s: dict[str, Level1] = {}
    for c, row in _rows(db, budget, "level1", " ORDER BY form_id, position"):
        node1 = Level1(c.text(row, "name"), id=c.text(row, "id"))
        _parent(c, row, "form_id", forms).side(_horizon(c, row)).append(node1)
        level1s[node1.id] = node1
    level2s: dict[str, Level2] = {}
    for c, row in _rows(db, budget, "level2", " ORDER BY level1_id, position"):
        node2 = Level2(c.text(row, "name"), id=c.text(row, "id"))
        _parent(c, row, "level1_id", level1s).children.append(node2)
        level2s[node2.id] = node2
    extras: dict[str, dict[str, str]] = defaultdict(dict)
    for c, row in _rows(db, budget, "indicator_extra", ""):
        extras[c.text(row, "indicator_id")][c.text(row, "key")] = c.text(row, "value")
    for c, row in _rows(db, budget, "indicator", " ORDER BY level2_id, position"):
        ind_id = c.text(row, "id")
        ind = Indicator(c.text(row, "name"), c.text(row, "value"), dict(sorted(extras.get(ind_id, {}).items())),
                        id=ind_id, core=_flag(c, row, "core"))
        _parent(c, row, "level2_id", level2s).indicators.append(ind)
    db.close()
    return project
