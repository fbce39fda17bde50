"""The open project as the GUI sees it: domain data, undo stack, Qt models.

The domain objects own the data; the Qt models mirror the current form. Every change is a
domain operation (``perfdesk.domain.ops``) given to :meth:`Document.apply`, which puts it on
the undo stack as an :class:`~perfdesk.ui.commands.OpCommand`. Applying an operation (or its
inverse) goes through :meth:`Document.execute`: it tells the models what is about to change and
what changed (``about_to_change`` / ``changed``, see ``changes.py``), so views update through
proper model signals and nothing in ``ui/`` changes a domain object itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

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
from perfdesk.domain.ops import Batch, InsertForm, Op, OpError, RemoveForm, SetField
from perfdesk.store.repository import ProjectLockLike
from perfdesk.ui.changes import FORMS, INSERT, MOVE, SET, Change, describe
from perfdesk.ui.goals_model import GoalsModel
from perfdesk.ui.tasks_model import TasksModel
from perfdesk.ui.tree_model import IndicatorTreeModel
from perfdesk.ui.undo_stack import GuardedUndoStack

HEADER_FIELDS = ("department", "year", "framework")
PEOPLE_FIELDS = tuple(People.field_names())
SELECTABLE = ("indicator", "task", "goal")  # what the window can select after an edit


TEMPLATE_FIELD = "fields:"  # header field keys of a template's own fields (部门（单位）职责 …)


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


STALE_MESSAGE = "这项修改没有做：表格在此期间已经改动（要改的内容已不在原处），请重新审核后再试。"


class Document(QObject):
    form_switched = Signal()
    forms_changed = Signal()
    header_changed = Signal(str)  # field name
    edited = Signal()  # any change, for status bar and validation
    select_requested = Signal(str, str)  # kind ("indicator", "task", "goal"), id
    message = Signal(str)  # a short note for the status bar
    about_to_change = Signal(object)  # Change: a leaf operation is about to be applied
    changed = Signal(object)  # Change: it has been applied
    op_applied = Signal(object)  # an Op applied (redo or undo): views with their own models refresh

    def __init__(self, project: Project | None = None, path: Path | None = None, read_only: bool = False,
                 lock: ProjectLockLike | None = None, recovered: bool = False) -> None:
        super().__init__()
        self.read_only = read_only
        self.lock = lock  # held while this document is open from ``path``
        self.recovered = recovered  # restored from an autosave: unsaved until the clerk saves
        self.suggested_path: Path | None = None  # where a recovered or copied project came from
        self.project = project if project is not None else Project([new_form(next_budget_year())])
        if not self.project.forms:
            InsertForm(0, new_form(next_budget_year())).apply(self.project)  # before any view: no undo step
        self.path = path
        self.undo_stack: QUndoStack = GuardedUndoStack(self)
        self.tree_model = IndicatorTreeModel(self)
        self.tasks_model = TasksModel(self)
        self.goals_model = GoalsModel(self)
        for model in (self.tree_model, self.tasks_model, self.goals_model):
            self.about_to_change.connect(model.about_to_change)
            self.changed.connect(model.changed)
        self.changed.connect(self._header_changed)
        self._touched: list[tuple[str, str]] = []
        self._stale = False
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

    # --- header fields -----------------------------------------------------

    def header_value(self, form: Form, field: str) -> object:
        """A header field: ``department``, a signature field, or ``fields:<label>`` (a template's own)."""
        if field in PEOPLE_FIELDS:
            return getattr(form.people, field)
        if field.startswith(TEMPLATE_FIELD):
            return form.fields.get(field[len(TEMPLATE_FIELD):], "")
        return getattr(form, field)

    def header_op(self, form: Form, field: str, value: object) -> SetField:
        """The operation that sets a header field (the keys of :meth:`header_value`)."""
        if field in PEOPLE_FIELDS:
            return SetField(form.id, "people", None, field, value)
        if field.startswith(TEMPLATE_FIELD):
            return SetField(form.id, "fields", None, field[len(TEMPLATE_FIELD):], value)
        return SetField(form.id, "form", None, field, value)

    def _header_changed(self, change: Change) -> None:
        if change.kind != SET or change.collection not in ("form", "people", "fields"):
            return
        if change.key == "department":
            self.forms_changed.emit()
        self.header_changed.emit(TEMPLATE_FIELD + change.key if change.collection == "fields" else change.key)

    # --- lookups by stable id ------------------------------------------------

    def find_indicator(self, form: Form, indicator_id: str) -> tuple[Level1, Level2, Indicator]:
        for level1, level2, indicator in form.iter_indicators():
            if indicator.id == indicator_id:
                return level1, level2, indicator
        raise KeyError(indicator_id)

    # --- edits -------------------------------------------------------------

    def apply(self, op: Op, text: str, merge: bool = False) -> bool:
        """Make ``op`` one undoable step called ``text``; ``merge``: typing in one field, where
        each keystroke joins the step before it. False when nothing changed: the document is
        read-only (the stack says so) or ``op`` addresses what is no longer there."""
        from perfdesk.ui.commands import OpCommand

        if self.read_only:
            self.undo_stack.push(OpCommand(self, op, text, merge))  # refused there, with its message
            return False
        self._stale = False
        self.undo_stack.push(OpCommand(self, op, text, merge))
        if self._stale:
            self.message.emit(tr(STALE_MESSAGE))
        return not self._stale

    def execute(self, op: Op) -> Op:
        """Apply ``op`` (the undo stack's redo or undo) and return its inverse; the window then
        selects what it touched. An :class:`OpError` (a stale address) changes nothing."""
        self._touched = []
        try:
            inverse = self._run(op)
        except OpError:
            self._stale = True
            raise
        self._select_touched()
        self.op_applied.emit(op)  # pages with their own models (the project table) refresh what it touched
        return inverse

    def _run(self, op: Op) -> Op:
        if isinstance(op, Batch):  # part by part, so each part is told to the models
            done: list[Op] = []
            try:
                for part in op.ops:
                    done.append(self._run(part))
            except OpError:
                for inverse in reversed(done):  # all or nothing, as Batch.apply
                    self._run(inverse)
                raise
            return Batch(tuple(reversed(done)))
        change = describe(op, self.project)
        if change.kind == FORMS:
            return self._run_forms(op, change)
        assert change.form_id is not None
        self.show_form(change.form_id)  # an undo shows the form it changes
        self.about_to_change.emit(change)
        inverse = op.apply(self.project)
        self.changed.emit(change)
        if change.collection in SELECTABLE and change.kind in (SET, INSERT, MOVE):
            self._touched.append((change.collection, change.node_id or ""))
        return inverse

    def _run_forms(self, op: Op, change: Change) -> Op:
        index = self.project.forms.index(self.form)
        inverse = op.apply(self.project)
        self.forms_changed.emit()
        if isinstance(op, InsertForm):
            self._show(op.new_form)
        elif isinstance(op, RemoveForm) and change.node is self.form:
            self._show(self.project.forms[min(index, len(self.project.forms) - 1)])
        return inverse

    def _select_touched(self) -> None:
        """Select the first row an edit touched (the topmost, for several rows of one list)."""
        if not self._touched:
            return
        kind = self._touched[0][0]
        ids = {ident for k, ident in self._touched if k == kind}
        if kind == "indicator":
            ident = self._touched[0][1]
        else:
            items: list[Task] | list[Goal] = self.form.tasks if kind == "task" else self.form.goals
            ident = next((item.id for item in items if item.id in ids), "")
        if ident:
            self.select_requested.emit(kind, ident)

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

    def mark_saved(self, path: Path, lock: ProjectLockLike | None) -> None:
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
