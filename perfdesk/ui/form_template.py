"""A form's template as the window needs it, without loading the declarations before the first paint.

Reading ``resources/forms`` costs a few milliseconds (the declaration classes, the files, their
checks), which the start-up benchmark notices. A form on its kind's shipped default template
(mof-2015, nearly every clerk's) needs nothing from it to be painted, so until the window has
been painted such a form is shown in the default layout and the declarations are read right
after; a province template (湖南) is read at once, so its columns are there in the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfdesk.domain.model import DEFAULT_TEMPLATES, Form

if TYPE_CHECKING:
    from perfdesk.domain.forms import Template

_loaded = False


def allow_loading() -> None:
    """The window has been painted: from now on every form's declaration is read."""
    global _loaded
    _loaded = True


def template_for(form: Form) -> Template | None:
    """The form's template; ``None`` before the first paint for a form on its kind's default."""
    if not _loaded and form.template == DEFAULT_TEMPLATES.get(form.kind):
        return None
    from perfdesk.domain.forms import template_of

    return template_of(form)
