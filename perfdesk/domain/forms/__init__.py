"""Form kinds and province templates as data (see ``declaration.py`` and ``loading.py``).

    templates()             every template by id, checked, cached
    get_template(id)        one of them, or ``None``
    default_template(kind)  the template a new form of ``kind`` gets
"""

from __future__ import annotations

from functools import lru_cache

from perfdesk.domain.forms.declaration import Block, Column, Level, Template
from perfdesk.domain.forms.loading import DeclarationError, clean_label
from perfdesk.paths import resources_dir

__all__ = [
    "Block", "Column", "DeclarationError", "Level", "Template", "clean_label",
    "default_template", "get_template", "reload", "templates",
]


@lru_cache(maxsize=1)
def templates() -> dict[str, Template]:
    from perfdesk.domain.forms.loading import load_all

    return load_all(resources_dir())


def reload() -> None:
    """Forget the cached declarations (after ``PERFDESK_TEMPLATES_DIR`` changed)."""
    templates.cache_clear()


def get_template(template_id: str) -> Template | None:
    return templates().get(template_id)


def default_template(kind: str) -> Template | None:
    found = [t for t in templates().values() if t.kind == kind]
    return next((t for t in found if t.default), found[0] if found else None)
