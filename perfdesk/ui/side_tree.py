"""One side of a project table's indicators (中期指标 or 年度指标): the indicator tree model and
view of the 部门整体 table, bound to ``form.side(horizon)``, with a ★ 核心 check column.

Edits go through domain operations (``ui/op_push.py``); the model is rebuilt when an
operation changes the side's structure (a 三级 added, removed, moved)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from perfdesk.domain.model import Form, Indicator, Level1, Level2
from perfdesk.domain.ops import Batch, InsertNode, MoveNode, Op, RemoveNode, SetField
from perfdesk.ui.op_push import push_op
from perfdesk.ui.tree_copy import copied_core_flags
from perfdesk.ui.tree_model import IndicatorTreeModel
from perfdesk.ui.tree_view import IndicatorTreeView

if TYPE_CHECKING:
    from perfdesk.ui.document import Document

AnyIndex = QModelIndex | QPersistentModelIndex


class SideTreeModel(IndicatorTreeModel):
    CORE = 2

    def __init__(self, doc: Document, horizon: str) -> None:
        super().__init__(doc, side=horizon)
        self.horizon = horizon

    def check_template(self) -> None:
        pass

    def holds(self, node_id: str) -> bool:
        return node_id in self._parent or any(l1.id == node_id for l1 in self.roots)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == self.CORE:
            return self.tr("★核心")
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.column() == self.CORE:
            node = self.node(index)
            if isinstance(node, Indicator) and role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if node.core else Qt.CheckState.Unchecked
            if isinstance(node, Indicator) and role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("核心指标（打印时名称前加 ★）")
            return None
        return super().data(index, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if index.column() == self.CORE:
            if isinstance(self.node(index), Indicator):
                return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                        | Qt.ItemFlag.ItemNeverHasChildren)
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return super().flags(index)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if not isinstance(node, Indicator):
            return False
        form_id = self.form.id
        if index.column() == self.CORE:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            core = Qt.CheckState(value) == Qt.CheckState.Checked
            if core == node.core:
                return False
            text = self.tr("标为核心指标") if core else self.tr("取消核心指标")
            push_op(self.doc, SetField(form_id, "indicator", node.id, "core", core), text)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        field = "name" if index.column() == self.NAME else "value"
        new = str(value)
        if new == getattr(node, field):
            return False
        label = self.tr("指标名称") if field == "name" else self.tr("指标值")
        push_op(self.doc, SetField(form_id, "indicator", node.id, field, new), self.tr("修改{0}").format(label))
        return True

    def move_indicators(self, ids: list[str], level2: Level2, row: int) -> None:
        """Drag and drop within the side: one undo step."""
        ops: list[Op] = []
        for indicator_id in [i for i in ids if i in self._parent]:  # rows of this side only
            source = self._parent[indicator_id]
            assert isinstance(source, Level2)
            source_row = next(n for n, i in enumerate(source.indicators) if i.id == indicator_id)
            target_row = row - 1 if source is level2 and source_row < row else row
            ops.append(MoveNode(self.form.id, "indicator", indicator_id, level2.id, target_row))
            row = target_row + 1
        if ops:
            push_op(self.doc, Batch(tuple(ops)), self.tr("移动 {0} 个三级指标").format(len(ops)))

    def _groups(self) -> list[Level2]:
        return [l2 for l1 in self.roots for l2 in l1.children]


class SideTreeView(IndicatorTreeView):
    """The keys of the 部门整体 tree (typing edits, Enter down, Tab across, Insert, Delete,
    Ctrl+Up/Down, Ctrl+C/Ctrl+V), over one side of a project table; Space toggles ★."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side_model: SideTreeModel | None = None

    def bind(self, doc: Document, model: SideTreeModel) -> None:
        self.doc = doc
        self.side_model = model
        self.setModel(model)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 130)
        header.resizeSection(2, 56)
        self.expandAll()

    def fit_template_columns(self) -> None:
        pass

    @property
    def tree_model(self) -> SideTreeModel:
        assert self.side_model is not None
        return self.side_model

    def current_node(self) -> Level1 | Level2 | Indicator | None:
        return self.tree_model.node(self.currentIndex())

    def selected_indicators(self) -> list[Indicator]:
        found: list[Indicator] = []
        for index in self.selectionModel().selectedRows(0):
            node = self.tree_model.node(index)
            if isinstance(node, Indicator):
                found.append(node)
        return found

    def indicator_below(self, index: QModelIndex) -> QModelIndex:
        below = self.indexBelow(index.siblingAtColumn(0))
        while below.isValid() and not isinstance(self.tree_model.node(below), Indicator):
            below = self.indexBelow(below)
        return below.siblingAtColumn(index.column()) if below.isValid() else QModelIndex()

    def select_node(self, node_id: str, column: int = 0) -> None:
        model = self.tree_model
        for level1 in model.roots:
            for level2 in level1.children:
                nodes: list[Level2 | Indicator] = [level2, *level2.indicators]
                for node in nodes:
                    if node.id == node_id:
                        index = model.index_of(node, column)
                        self.setCurrentIndex(index)
                        self.scrollTo(index)
                        return

    # --- operations -------------------------------------------------------------------

    def add_indicator(self, name: str = "") -> Indicator | None:
        assert self.doc is not None
        doc, node, model = self.doc, self.current_node(), self.tree_model
        if isinstance(node, Indicator):
            level2 = model.level2_of(node)
            row = level2.indicators.index(node) + 1
        elif isinstance(node, Level2):
            level2, row = node, len(node.indicators)
        elif isinstance(node, Level1) and node.children:
            level2 = node.children[0]
            row = len(level2.indicators)
        else:
            doc.message.emit(self.tr("请先选中一个二级指标，再添加三级指标"))
            return None
        indicator = Indicator(name or self.tr("新指标"))
        push_op(doc, InsertNode(model.form.id, "indicator", level2.id, row, indicator),
                self.tr("添加三级指标“{0}”").format(indicator.name))
        if not model.holds(indicator.id):  # refused (a file opened read-only)
            return None
        index = model.index_of(indicator, 0)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setCurrentIndex(index)
        self.edit(index)
        editor = self.indexWidget(index) or self.focusWidget()
        if hasattr(editor, "selectAll"):
            editor.selectAll()
        return indicator

    def remove_selected(self) -> None:
        assert self.doc is not None
        indicators = self.selected_indicators()
        if not indicators:
            return
        form_id = self.tree_model.form.id
        ops = tuple(RemoveNode(form_id, "indicator", i.id) for i in indicators)
        push_op(self.doc, Batch(ops), self.tr("删除 {0} 个三级指标").format(len(ops)))
        self.doc.message.emit(self.tr("已删除 {0} 个三级指标（Ctrl+Z 可撤销）").format(len(ops)))

    def move_current(self, step: int) -> None:
        assert self.doc is not None
        node, model = self.current_node(), self.tree_model
        if not isinstance(node, Indicator):
            return
        level2 = model.level2_of(node)
        row = level2.indicators.index(node)
        groups = model._groups()
        if 0 <= row + step < len(level2.indicators):
            target, to_row = level2, row + step
        else:
            neighbour = groups.index(level2) + step
            if not 0 <= neighbour < len(groups):
                return
            target = groups[neighbour]
            to_row = len(target.indicators) if step < 0 else 0
        push_op(self.doc, MoveNode(model.form.id, "indicator", node.id, target.id, to_row),
                self.tr("移动三级指标“{0}”").format(node.name))
        self.select_node(node.id)

    def paste(self, text: str) -> None:
        """Rows copied from Excel/WPS or from another form's tree become new 三级 (one step)."""
        from perfdesk.ui.indicator_paste import plan_paste, unplaced_warning

        assert self.doc is not None
        model = self.tree_model
        node = self.current_node()
        after: int | None = None
        selected: Level2 | None = None
        if isinstance(node, Indicator):
            selected = model.level2_of(node)
            after = selected.indicators.index(node) + 1
        elif isinstance(node, Level2):
            selected = node
        elif isinstance(node, Level1) and len(node.children) == 1:
            selected = node.children[0]
        side = Form(kind=model.form.kind, template=model.form.template, tree=model.roots)  # names looked up here
        plan = plan_paste(side, text, selected)
        flags = copied_core_flags(text)
        placed = list(plan.placed)
        if flags is not None and len(flags) == len(placed) and not plan.unplaced:
            # ★ copied from another project table stays ★ (new rows, not yet in the form)
            placed = [(target, dataclasses.replace(indicator, core=core))
                      for (target, indicator), core in zip(placed, flags)]
        next_row: dict[str, int] = {}
        ops: list[Op] = []
        for target, indicator in placed:
            default = after if target is selected and after is not None else len(target.indicators)
            row = next_row.get(target.id, default)
            ops.append(InsertNode(model.form.id, "indicator", target.id, row, indicator))
            next_row[target.id] = row + 1
        if ops:
            push_op(self.doc, Batch(tuple(ops)), self.tr("粘贴 {0} 个三级指标").format(len(ops)))
            self.doc.message.emit(self.tr("已粘贴 {0} 个三级指标（Ctrl+Z 可撤销）").format(len(ops)))
            self.select_node(plan.placed[-1][1].id)
        if plan.unplaced:
            unplaced_warning(self, plan.unplaced)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() == Qt.Key.Key_Space and self.currentIndex().column() == SideTreeModel.CORE
                and self.state() != QAbstractItemView.State.EditingState):
            self._toggle_core()
            return
        super().keyPressEvent(event)

    def _toggle_core(self) -> None:
        node = self.current_node()
        if isinstance(node, Indicator):
            index = self.currentIndex()
            state = Qt.CheckState.Unchecked if node.core else Qt.CheckState.Checked
            self.tree_model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)
