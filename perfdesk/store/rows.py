"""Mapping between domain objects and the rows of the schema.

Writing uses SQLAlchemy Core (imported on the first save); reading uses plain ``sqlite3``
so that opening a file — at every start of the GUI and of every CLI command — does not
import SQLAlchemy (about 0.25 s and 30 MiB).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfdesk import __version__
from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, People, Project, Task

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
    totals_typed: list[dict[str, Any]] = []
    for fpos, form in enumerate(project.forms):
        fields.extend({"form_id": form.id, "key": k, "value": v} for k, v in form.fields.items())
        row = {
            "id": form.id,
            "position": fpos,
            "kind": form.kind,
            "template": form.template,
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
        goals.extend(
            {"id": g.id, "form_id": form.id, "position": pos, "text": g.text} for pos, g in enumerate(form.goals)
        )
        for pos1, l1 in enumerate(form.tree):
            level1s.append({"id": l1.id, "form_id": form.id, "position": pos1, "name": l1.name})
            for pos2, l2 in enumerate(l1.children):
                level2s.append({"id": l2.id, "level1_id": l1.id, "position": pos2, "name": l2.name})
                for pos3, ind in enumerate(l2.indicators):
                    indicators.append(
                        {"id": ind.id, "level2_id": l2.id, "position": pos3, "name": ind.name, "value": ind.value}
                    )
                    extras.extend({"indicator_id": ind.id, "key": k, "value": v} for k, v in ind.extras.items())
    with engine.begin() as db:
        db.execute(insert(s.info), [{"key": "written_by", "value": f"perfdesk {__version__}"}])
        for table, rows in (
            (s.form, forms),
            (s.form_field, fields),
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


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)  # what schema.DecimalText did


def read_project(conn: sqlite3.Connection) -> Project:
    db = conn.cursor()
    db.row_factory = sqlite3.Row
    project = Project()
    forms: dict[str, Form] = {}
    for row in db.execute("SELECT * FROM form ORDER BY position"):
        form = Form(
            kind=row["kind"],
            template=row["template"],
            year=row["year"],
            department=row["department"],
            framework=row["framework"],
            people=People(**{name: row[name] for name in People.field_names()}),
            id=row["id"],
        )
        forms[form.id] = form
        project.forms.append(form)
    for row in db.execute("SELECT * FROM form_field ORDER BY form_id, key"):
        forms[row["form_id"]].fields[row["key"]] = row["value"]
    unparsed: dict[str, dict[str, str]] = defaultdict(dict)
    for row in db.execute("SELECT * FROM task_unparsed ORDER BY task_id, field"):
        unparsed[row["task_id"]][row["field"]] = row["text"]
    typed: set[str] | None = None  # None: a file from before the table, the flag is derived
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_total_typed'").fetchone():
        typed = {row["task_id"] for row in db.execute("SELECT task_id FROM task_total_typed")}
    for row in db.execute("SELECT * FROM task ORDER BY form_id, position"):
        forms[row["form_id"]].tasks.append(
            Task(row["name"], row["content"], _money(row["total"]), _money(row["fiscal"]), _money(row["other"]),
                 id=row["id"], unparsed=unparsed.get(row["id"], {}),
                 total_typed=None if typed is None else row["id"] in typed)
        )
    for row in db.execute("SELECT * FROM goal ORDER BY form_id, position"):
        forms[row["form_id"]].goals.append(Goal(row["text"], id=row["id"]))
    level1s: dict[str, Level1] = {}
    for row in db.execute("SELECT * FROM level1 ORDER BY form_id, position"):
        node1 = Level1(row["name"], id=row["id"])
        level1s[node1.id] = node1
        forms[row["form_id"]].tree.append(node1)
    level2s: dict[str, Level2] = {}
    for row in db.execute("SELECT * FROM level2 ORDER BY level1_id, position"):
        node2 = Level2(row["name"], id=row["id"])
        level2s[node2.id] = node2
        level1s[row["level1_id"]].children.append(node2)
    extras: dict[str, dict[str, str]] = defaultdict(dict)
    for row in db.execute("SELECT * FROM indicator_extra"):
        extras[row["indicator_id"]][row["key"]] = row["value"]
    for row in db.execute("SELECT * FROM indicator ORDER BY level2_id, position"):
        ind = Indicator(row["name"], row["value"], dict(sorted(extras.get(row["id"], {}).items())), id=row["id"])
        level2s[row["level2_id"]].indicators.append(ind)
    db.close()
    return project
