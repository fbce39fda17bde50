"""The window's page for a 项目支出绩效目标表: header fields and 项目资金 (``project_header.py``),
both goal lists (中期 with its caption from the 项目期, 年度) and both indicator trees (中期指标
and 年度指标 side by side; one tree for a template with one side, 一体化), each with ★ 核心.

There are no 年度主要任务 here: the project template has no tasks block. Every edit is a domain
operation (``ui/op_push.py``); the page listens to ``Document.op_applied`` and refreshes what the
operation touched."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain.model import KIND_PROJECT, Form, Indicator
from perfdesk.domain.ops import Batch, InsertNode, Op, SetField
from perfdesk.domain.project import side_caption
from perfdesk.ui.project_header import ProjectHeader
from perfdesk.ui.roles import touches_text
from perfdesk.ui.sheet_view import SheetView
from perfdesk.ui.side_goals import SideGoalsModel
from perfdesk.ui.side_tree import SideTreeModel, SideTreeView

if TYPE_CHECKING:
    from perfdesk.domain.forms import Template
    from perfdesk.ui.document import Document
    from perfdesk.ui.validation_panel import Validator

SIDES = ("mid", "year")
EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                 | QAbstractItemView.EditTrigger.AnyKeyPressed)


def _buttons(*specs: tuple[str, Callable[[], object]]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for text, slot in specs:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setProperty("perfdesk_edits", True)
        button.clicked.connect(lambda _checked=False, slot=slot: slot())  # not the checked flag
        row.addWidget(button)
    row.addStretch(1)
    return row


class ProjectEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.form: Form | None = None
        self.read_only = False
        self.header = ProjectHeader()
        self.goal_views = {side: SheetView() for side in SIDES}
        self.goal_boxes: dict[str, QGroupBox] = {}
        self.goal_models: dict[str, SideGoalsModel] = {}
        self.trees = {side: SideTreeView() for side in SIDES}
        self.tree_boxes: dict[str, QGroupBox] = {}
        self.tree_models: dict[str, SideTreeModel] = {}

        goals = QWidget()
        gl = QHBoxLayout(goals)
        gl.setContentsMargins(0, 0, 0, 0)
        trees = QSplitter(Qt.Orientation.Horizontal)
        for side in SIDES:
            box = self.goal_boxes[side] = QGroupBox()
            layout = QVBoxLayout(box)
            view = self.goal_views[side]
            layout.addLayout(_buttons(
                (self.tr("添加目标"), partial(self.insert_goal, side)),
                (self.tr("删除目标"), partial(self.remove_goals, side)),
                (self.tr("上移"), partial(self.move_goal, side, -1)),
                (self.tr("下移"), partial(self.move_goal, side, 1)),
            ))
            layout.addWidget(view)
            rows = view.verticalHeader().defaultSectionSize() * 3  # three goals in sight, as on paper
            view.setMinimumHeight(rows + view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth())
            gl.addWidget(box)
            view.insert_requested.connect(lambda s=side: self.insert_goal(s))
            view.delete_requested.connect(lambda s=side: self.remove_goals(s))
            view.move_requested.connect(lambda step, s=side: self.move_goal(s, step))
            view.paste_requested.connect(lambda text, s=side: self.paste_goals(s, text))

            tree_box = self.tree_boxes[side] = QGroupBox()
            tl = QVBoxLayout(tree_box)
            tree = self.trees[side]
            tl.addLayout(_buttons(
                (self.tr("添加三级指标"), tree.add_indicator),
                (self.tr("删除"), tree.remove_selected),
                (self.tr("上移"), partial(tree.move_current, -1)),
                (self.tr("下移"), partial(tree.move_current, 1)),
            ))
            tl.addWidget(tree)
            trees.addWidget(tree_box)

        split = self.split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.header)
        split.addWidget(goals)
        split.addWidget(trees)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    # --- binding ---------------------------------------------------------------------------

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        self.form = None
        self.header.set_document(doc)
        for side in SIDES:
            self.goal_models[side] = SideGoalsModel(doc, side)
            view = self.goal_views[side]
            view.setModel(self.goal_models[side])
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.tree_models[side] = SideTreeModel(doc, side)
            self.trees[side].bind(doc, self.tree_models[side])
        doc.op_applied.connect(self._op_applied)
        doc.form_switched.connect(self._form_switched)
        # Edits made through the older commands (a 审核 fix) reach the document's own 年度 models only.
        doc.tree_model.dataChanged.connect(self._year_tree_changed)
        doc.goals_model.dataChanged.connect(self._year_goals_changed)
        self._form_switched()

    def watch_validation(self, validator: Validator) -> None:
        validator.updated.connect(self._validated)

    def set_read_only(self, on: bool) -> None:
        """只读打开: fields and cells show but do not change; the buttons that edit are off."""
        self.read_only = on
        self.header.set_read_only(on)
        for view in self.views():
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if on else EDIT_TRIGGERS)
        for tree in self.trees.values():
            tree.setDragEnabled(not on)
        for button in self.findChildren(QPushButton):
            button.setEnabled(not on)

    def views(self) -> list[QAbstractItemView]:
        return [*self.goal_views.values(), *self.trees.values()]

    def _form_switched(self) -> None:
        assert self.doc is not None
        form = self.doc.form
        if form.kind != KIND_PROJECT:
            return
        from perfdesk.domain.forms import template_of

        self.form = form
        template = template_of(form)
        self.header.show_form(form, template)
        for side in SIDES:
            self.goal_models[side].set_form(form)
            self.tree_models[side].set_form(form)
            self.trees[side].expandAll()
        self._show_sides(template)

    def _show_sides(self, template: Template) -> None:
        assert self.form is not None
        goals, grid = template.block("goals"), template.block("indicators")
        for side in SIDES:
            goal_side = goals.side(side) if goals is not None else None
            shown = goal_side is not None or (side == "year" and goals is not None)
            label = goal_side.label if goal_side is not None else (goals.label if goals is not None else "")
            caption = side_caption(label, self.form)
            self.goal_boxes[side].setVisible(shown)
            self.goal_boxes[side].setTitle(caption + self.tr("（每行一个目标）"))
            self.goal_models[side].set_caption(caption)
            tree_side = grid.side(side) if grid is not None else None
            horizons = grid.horizons if grid is not None else ("year",)
            self.tree_boxes[side].setVisible(side in horizons)
            self.tree_boxes[side].setTitle(tree_side.label if tree_side is not None else (
                grid.label if grid is not None else self.tr("绩效指标")))

    # --- what an operation changed ----------------------------------------------------------

    def _op_applied(self, op: Op) -> None:
        if self.doc is None or self.form is None or self.doc.form is not self.form:
            return
        ops = op.ops if isinstance(op, Batch) else (op,)
        structural = [o for o in ops if not isinstance(o, SetField)]
        if structural:
            self._rebuild(ops)
            return
        for one in ops:
            assert isinstance(one, SetField)
            if one.target in ("fields", "funds", "form", "people"):
                self.header.refresh()
                if one.target == "fields":
                    from perfdesk.domain.forms import template_of

                    self._show_sides(template_of(self.form))  # the 中期 caption shows the 项目期
            elif one.target == "indicator" and one.ref_id:
                for side, model in self.tree_models.items():
                    if model.holds(one.ref_id):
                        level2 = model._parent[one.ref_id]
                        indicator = next(i for i in level2.indicators if i.id == one.ref_id)  # type: ignore[union-attr]
                        model.indicator_changed(indicator)
                        self._select_in_tree(side, one.ref_id, one.key)
            elif one.target in ("level1", "level2") and one.ref_id:
                for model in self.tree_models.values():
                    model.node_changed(one.ref_id)
            elif one.target == "goal" and one.ref_id:
                for side, goals in self.goal_models.items():
                    if goals.holds(one.ref_id):
                        goal = next(g for g in goals.goals if g.id == one.ref_id)
                        goals.goal_changed(goal)
                        self._select_goal(side, one.ref_id)

    def _showing(self) -> bool:
        return self.doc is not None and self.form is not None and self.doc.form is self.form

    def _year_tree_changed(self, top: QModelIndex, _bottom: QModelIndex, roles: Sequence[int] = ()) -> None:
        if not self._showing() or not touches_text(roles):
            return
        assert self.doc is not None
        node = self.doc.tree_model.node(top)
        model = self.tree_models["year"]
        if node is not None and model.holds(node.id):
            index = model.index_of(node)
            model.dataChanged.emit(index, index.siblingAtColumn(model.columnCount() - 1))

    def _year_goals_changed(self, top: QModelIndex, _bottom: QModelIndex, roles: Sequence[int] = ()) -> None:
        if not self._showing() or not touches_text(roles) or not top.isValid():
            return
        assert self.form is not None
        if top.row() < len(self.form.goals):
            self.goal_models["year"].goal_changed(self.form.goals[top.row()])

    def _rebuild(self, ops: tuple[Op, ...]) -> None:
        """A structural change: the touched models again, the keyboard where the edit was."""
        collections = {getattr(o, "collection", "") for o in ops}
        if "goal" in collections:
            rows = {side: self.goal_views[side].currentIndex().row() for side in SIDES}
            for side in SIDES:
                self.goal_models[side].set_form(self.form)  # type: ignore[arg-type]
            inserted = [o.node.id for o in ops if isinstance(o, InsertNode)]
            for side in SIDES:
                if inserted and self.goal_models[side].holds(inserted[-1]):
                    self._select_goal(side, inserted[-1])
                elif rows[side] >= 0:
                    view = self.goal_views[side]
                    row = min(rows[side], self.goal_models[side].rowCount() - 1)
                    if row >= 0:
                        view.setCurrentIndex(self.goal_models[side].index(row, 0))
        if collections & {"indicator", "level1", "level2"}:
            current = {side: self.trees[side].current_node() for side in SIDES}
            for side in SIDES:
                column = max(self.trees[side].currentIndex().column(), 0)
                self.tree_models[side].set_form(self.form)  # type: ignore[arg-type]
                self.trees[side].expandAll()
                inserted = [o.node.id for o in ops if isinstance(o, InsertNode)]
                node = current[side]
                target = inserted[-1] if inserted and self.tree_models[side].holds(inserted[-1]) else (
                    node.id if node is not None and self.tree_models[side].holds(node.id) else None)
                if target is not None:
                    self.trees[side].select_node(target, column)

    def _select_in_tree(self, side: str, node_id: str, key: str) -> None:
        column = {"name": 0, "value": 1, "core": SideTreeModel.CORE}.get(key, 0)
        tree = self.trees[side]
        if tree.state() != QAbstractItemView.State.EditingState:
            tree.select_node(node_id, column)

    def _select_goal(self, side: str, goal_id: str) -> None:
        model = self.goal_models[side]
        row = next((n for n, g in enumerate(model.goals) if g.id == goal_id), None)
        view = self.goal_views[side]
        if row is not None and view.state() != QAbstractItemView.State.EditingState:
            view.setCurrentIndex(model.index(row, 0))

    def _validated(self) -> None:
        if self.doc is None or self.form is None or self.doc.form is not self.form:
            return
        marks = self.doc.tree_model.marks  # by node id: the validator's marks, both sides
        for model in self.tree_models.values():
            model.refresh_marks(marks)

    # --- goals --------------------------------------------------------------------------------

    def insert_goal(self, side: str) -> None:
        view = self.goal_views[side]
        current = view.currentIndex()
        row = current.row() + 1 if current.isValid() else len(self.goal_models[side].goals)
        row = self.goal_models[side].insert(row)
        view.focus_cell(row)

    def remove_goals(self, side: str) -> None:
        self.goal_models[side].remove(self.goal_views[side].selected_rows())

    def move_goal(self, side: str, step: int) -> None:
        view = self.goal_views[side]
        row = view.currentIndex().row()
        if self.goal_models[side].move(row, step):
            view.setCurrentIndex(self.goal_models[side].index(row + step, 0))

    def paste_goals(self, side: str, text: str) -> None:
        view = self.goal_views[side]
        current = view.currentIndex()
        row = current.row() + 1 if current.isValid() else len(self.goal_models[side].goals)
        self.goal_models[side].paste(row, text)

    # --- finding ---------------------------------------------------------------------------

    def select(self, kind: str, ident: str) -> None:
        """Show a goal or a 三级 of the current form (查找, 审核)."""
        if kind == "indicator":  # a 三级 or a 二级
            for side, model in self.tree_models.items():
                if model.holds(ident):
                    self.trees[side].select_node(ident, max(self.trees[side].currentIndex().column(), 0))
                    self.trees[side].setFocus()
        elif kind == "goal":
            for side, goals in self.goal_models.items():
                if goals.holds(ident):
                    self._select_goal(side, ident)
                    self.goal_views[side].setFocus()

    def indicator(self, ident: str) -> Indicator | None:
        for model in self.tree_models.values():
            if model.holds(ident):
                level2 = model._parent[ident]
                return next((i for i in level2.indicators if i.id == ident), None)  # type: ignore[union-attr]
        return None
