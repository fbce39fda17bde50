"""The bundled sample: 新疆巴州人力资源和社会保障局's published 2022 table, flaws included."""

from __future__ import annotations

from perfdesk.domain import jsonform
from perfdesk.domain.model import Project
from perfdesk.paths import resources_dir


def sample_project() -> Project:
    path = resources_dir() / "sample" / "sample.json"
    return jsonform.loads(path.read_text(encoding="utf-8"))
