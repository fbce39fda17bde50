"""Mapping between domain objects and the rows of the schema (SQLAlchemy Core)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, create_engine, insert, select
from sqlalchemy.pool import StaticPool

from perfdesk import __version__
from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, People, Project, Task
from perfdesk.store import schema as s


def _engine(conn: sqlite3.Connection) -> Engine:
    return create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)


def write_project(conn: sqlite3.Connection, project: Project) -> None:
    """Create the schema in an empty database and insert ``project``."""
    engine = _engine(conn)
    s.metadata.create_all(engine)
    forms: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    goals: list[dict[str, Any]] = []
    level1s: list[dict[str, Any]] = []
    level2s: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
    for fpos, form in enumerate(project.forms):
        row = {
            "id": form.id,
            "position": fpos,
            "kind": form.kind,
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
            (s.task, tasks),
            (s.goal, goals),
            (s.level1, level1s),
            (s.level2, level2s),
            (s.indicator, indicators),
            (s.indicator_extra, extras),
        ):
            if rows:
                db.execute(insert(table), rows)


def read_project(conn: sqlite3.Connection) -> Project:
    engine = _engine(conn)
    project = Project()
    with engine.connect() as db:
        forms: dict[str, Form] = {}
        for row in db.execute(select(s.form).order_by(s.form.c.position)).mappings():
            form = Form(
                kind=row["kind"],
                year=row["year"],
                department=row["department"],
                framework=row["framework"],
                people=People(**{name: row[name] for name in People.field_names()}),
                id=row["id"],
            )
            forms[form.id] = form
            project.forms.append(form)
        for row in db.execute(select(s.task).order_by(s.task.c.form_id, s.task.c.position)).mappings():
            forms[row["form_id"]].tasks.append(
                Task(row["name"], row["content"], row["total"], row["fiscal"], row["other"], id=row["id"])
            )
        for row in db.execute(select(s.goal).order_by(s.goal.c.form_id, s.goal.c.position)).mappings():
            forms[row["form_id"]].goals.append(Goal(row["text"], id=row["id"]))
        level1s: dict[str, Level1] = {}
        for row in db.execute(select(s.level1).order_by(s.level1.c.form_id, s.level1.c.position)).mappings():
            node1 = Level1(row["name"], id=row["id"])
            level1s[node1.id] = node1
            forms[row["form_id"]].tree.append(node1)
        level2s: dict[str, Level2] = {}
        for row in db.execute(select(s.level2).order_by(s.level2.c.level1_id, s.level2.c.position)).mappings():
            node2 = Level2(row["name"], id=row["id"])
            level2s[node2.id] = node2
            level1s[row["level1_id"]].children.append(node2)
        extras: dict[str, dict[str, str]] = defaultdict(dict)
        for row in db.execute(select(s.indicator_extra)).mappings():
            extras[row["indicator_id"]][row["key"]] = row["value"]
        query = select(s.indicator).order_by(s.indicator.c.level2_id, s.indicator.c.position)
        for row in db.execute(query).mappings():
            ind = Indicator(row["name"], row["value"], dict(sorted(extras.get(row["id"], {}).items())), id=row["id"])
            level2s[row["level2_id"]].indicators.append(ind)
    engine.dispose()
    return project
