"""The open project as the GUI sees it: domain data, undo stack, Qt models.

The domain objects own the data; the Qt models mirror the current form. Every
change goes through an undo command (``commands.py``), which calls the mutation
methods here and on the models, so views update through proper model signals.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from perfdesk.domain.model import (
    Form,
    Goal,
    Indicator,
    Level1,
    Level2,
    People,
    Project,
    Task,
    new_form,
    next_budget_year,
)
from perfdesk.ui.goals_model import GoalsModel
from perfdesk.ui.project_lock import ProjectLock
from perfdesk.ui.tasks_model import TasksModel
from perfdesk.ui.tree_model import IndicatorTreeModel
from perfdesk.ui.undo_stack import GuardedUndoStack

HEADER_FIELDS = ("department", "year", "framework")
PEOPLE_FIELDS = tuple(People.field_names())


TEMPLATE_FIELD = "fields:"  # header field keys of a template's own fields (部门（单位）职责 …)

class Document(QObject):
    form_switched = Signal()
    forms_changed = Signal()
    header_changed = Signal(str)  # field name
    edited = Signal()  # any change, for status bar and validation
    select_requested = Signal(str, str)  # kind ("indicator", "task", "goal"), id
    message = Signal(str)  # a short note for the status bar
    op_applied = Signal(object)  # a domain Op applied through ui/op_push.py: views refresh what it touched

    def __init__(self, project: Project | None = None, path: Path | None = None, read_only: bool = False,
                 lock: ProjectLock | None = None, recovered: bool = False) -> None:
        super().__init__()
        self.read_only = read_only
        self.lock = lock  # held while this document is open from ``path``
        self.recovered = recovered  # restored from an autosave: unsaved until the clerk saves
        self.suggested_path: Path | None = None  # where a recovered or copied project came from
        self.project = project if project is not None else Project([new_form(next_budget_year())])
        if not self.project.forms:
            self.project.forms.append(new_form(next_budget_year()))
        self.path = path
        self.undo_stack: QUndoStack = GuardedUndoStack(self)
        self.tree_model = IndicatorTreeModel(self)
        self.tasks_model = TasksModel(self)
        self.goals_model = GoalsModel(self)
        self.form: Form = self.project.forms[0]
        self._show(self.form)
        self.undo_stack.indexChanged.connect(self._index_changed)

    def _index_changed(self, _index: int) -> None:
        self.edited.emit()

    # --- forms -------------------------------------------------------------

    def _show(self, form: Form) -> None:
        self.form = form
        self.tree_model.set_form(form)
        self.tasks_model.set_form(form)
        self.goals_model.set_form(form)
        self.form_switched.emit()

    def show_form(self, form_id: str) -> Form:
        form = self.form_by_id(form_id)
        if form is not self.form:
            self._show(form)
        return form

    def form_by_id(self, form_id: str) -> Form:
        for form in self.project.forms:
            if form.id == form_id:
                return form
        raise KeyError(form_id)

    def insert_form(self, index: int, form: Form) -> None:
        self.project.forms.insert(index, form)
        self.forms_changed.emit()
        self._show(form)

    def remove_form(self, form_id: str) -> int:
        form = self.form_by_id(form_id)
        index = self.project.forms.index(form)
        self.project.forms.remove(form)
        self.forms_changed.emit()
        if form is self.form:
            self._show(self.project.forms[min(index, len(self.project.forms) - 1)])
        return index

    # --- header fields -----------------------------------------------------

    def header_value(self, form: Form, field: str) -> object:
        """A header field: ``department``, a signature field, or ``fields:<label>`` (a template's own)."""
        if field in PEOPLE_FIELDS:
            return getattr(form.people, field)
        if field.startswith(TEMPLATE_FIELD):
            return form.fields.get(field[len(TEMPLATE_FIELD):], "")
        return getattr(form, field)

    def set_header_value(self, form_id: str, field: str, value: object) -> None:
        form = self.show_form(form_id)
        if field in PEOPLE_FIELDS:
            setattr(form.people, field, value)
        elif field.startswith(TEMPLATE_FIELD):
            key = field[len(TEMPLATE_FIELD):]
            fields = {k: v for k, v in form.fields.items() if k != key}  # replaced, never changed in place
            if value:
                fields[key] = str(value)
            form.fields = fields
        else:
            setattr(form, field, value)
        if field == "department":
            self.forms_changed.emit()
        self.header_changed.emit(field)

    def reset_tree(self, form_id: str) -> None:
        """The 一级/二级 structure changed (a framework switch, a group merged): views rebuild."""
        form = self.show_form(form_id)
        self.tree_model.set_form(form)
        self.form_switched.emit()

    # --- lookups by stable id ------------------------------------------------

    def find_indicator(self, form: Form, indicator_id: str) -> tuple[Level1, Level2, Indicator]:
        for level1, level2, indicator in form.iter_indicators():
            if indicator.id == indicator_id:
                return level1, level2, indicator
        raise KeyError(indicator_id)

    def find_level2(self, form: Form, level2_id: str) -> Level2:
        for level1 in form.tree:
            for level2 in level1.children:
                if level2.id == level2_id:
                    return level2
        raise KeyError(level2_id)

    def find_task(self, form: Form, task_id: str) -> Task:
        return next(t for t in form.tasks if t.id == task_id)

    def find_goal(self, form: Form, goal_id: str) -> Goal:
        return next(g for g in form.goals if g.id == goal_id)

    def notify_changed(self, kind: str, ref_id: str | None, field: str) -> None:
        """Tell the views that a field changed outside the models' own setData."""
        form = self.form
        if kind in ("form", "header"):
            self.header_changed.emit(field)
        elif kind == "indicator" and ref_id:
            self.tree_model.indicator_changed(self.find_indicator(form, ref_id)[2])
        elif kind == "level2" and field in ("merge_into", "unmerge"):
            self.reset_tree(form.id)
        elif kind in ("level1", "level2") and ref_id:
            self.tree_model.node_changed(ref_id)
        elif kind == "task" and ref_id:
            self.tasks_model.task_changed(self.find_task(form, ref_id))
        elif kind == "goal" and ref_id:
            self.goals_model.goal_changed(self.find_goal(form, ref_id))

    # --- undo ----------------------------------------------------------------

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    @property
    def origin(self) -> Path | None:
        """The project's file, or the one it was recovered or copied from."""
        return self.path or self.suggested_path

    @property
    def folder(self) -> Path:
        """Where file dialogs start: beside the project, else the home folder."""
        return self.origin.parent if self.origin else Path.home()

    @property
    def is_modified(self) -> bool:
        return self.recovered or not self.undo_stack.isClean()

    def mark_saved(self, path: Path, lock: ProjectLock | None) -> None:
        if lock is not self.lock:
            self.release_lock()
            self.lock = lock
        self.path = path
        self.read_only = False
        self.recovered = False
        self.undo_stack.setClean()
        self.edited.emit()

    def dispose(self) -> None:
        """The clerk is done with this document (discarded, closed or replaced): free its file and
        silence its undo stack. A modified stack emits cleanChanged and indexChanged as it is
        destroyed, which may be after the window has begun tearing down (at exit, in whatever
        order Python frees the two): nobody must hear from a document on its way out."""
        self.release_lock()
        self.undo_stack.blockSignals(True)

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None
