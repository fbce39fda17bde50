"""Form kinds and province templates as data (see ``declaration.py`` and ``loading.py``).

    templates()             every template by id, checked, cached
    get_template(id)        one of them, or ``None``
    default_template(kind)  the template a new form of ``kind`` gets
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from perfdesk.domain.forms.declaration import Block, Column, Level, Side, Template
from perfdesk.domain.forms.loading import DeclarationError, clean_label
from perfdesk.paths import resources_dir

if TYPE_CHECKING:
    from perfdesk.domain.model import Form

__all__ = [
    "Block", "Column", "DeclarationError", "Level", "Side", "Template", "clean_label",
    "default_template", "get_template", "reload", "template_of", "templates",
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


def template_of(form: Form) -> Template:
    """The template a form is printed and exchanged by: its own, or its kind's default."""
    template = get_template(form.template) or default_template(form.kind) or default_template("department_overall")
    if template is None:  # pragma: no cover - mof-2015 ships with perfdesk
        raise DeclarationError("resources/forms 中没有表样定义文件")
    return template


def default_template(kind: str) -> Template | None:
    found = [t for t in templates().values() if t.kind == kind]
    return next((t for t in found if t.default), found[0] if found else None)
