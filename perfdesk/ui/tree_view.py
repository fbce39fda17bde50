"""The indicator tree view: keyboard and drag-and-drop editing of 三级 indicators.

Keys follow the budget table (Excel/WPS): typing on a 三级 cell starts editing it, Tab
after a name goes on to its 指标值, Enter moves down to the next 三级."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTreeView, QWidget

from perfdesk.domain.model import Indicator, Level1, Level2
from perfdesk.domain.ops import Batch, InsertNode, MoveNode, RemoveNode
from perfdesk.ui.roles import touches_text
from perfdesk.ui.tree_model import IndicatorTreeModel

if TYPE_CHECKING:
    from perfdesk.ui.document import Document


class IndicatorTreeView(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setUniformRowHeights(True)  # keeps 2,000 rows smooth
        # Tab on a selected cell moves to the next cell, as in Excel and in the budget table,
        # instead of taking the keyboard out of the tree (where typing went into another field).
        self.setTabKeyNavigation(True)
        self._template_delegate = False
        self.setAlternatingRowColors(True)

    def dataChanged(self, top_left: QModelIndex | QPersistentModelIndex,
                    bottom_right: QModelIndex | QPersistentModelIndex, roles: Sequence[int] = ()) -> None:  # noqa: N802
        if not touches_text(roles):  # only 审核 marks: repaint, keep what is being typed (see ui/roles.py)
            self.viewport().update()
            return
        super().dataChanged(top_left, bottom_right, roles)

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        self.setModel(doc.tree_model)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(1, 150)
        self.fit_template_columns()
        doc.tree_model.modelReset.connect(self.fit_template_columns)
        doc.tree_model.rowsInserted.connect(self._expand_inserted)
        self.expandAll()

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """New groups (a framework's 成本指标, a 二级 a 审核 fix created) open, as the tree does."""
        model = self.model()
        for row in range(first, last + 1):
            index = model.index(row, 0, parent)
            if isinstance(model.node(index), (Level1, Level2)):  # type: ignore[attr-defined]
                self.expandRecursively(index)

    def fit_template_columns(self) -> None:
        """The template's own columns (湖南: 指标值类型 … 备注) get a sensible width each."""
        header = self.header()
        wide = self.model().columnCount() > 2
        if wide and not self._template_delegate:  # drop-downs for a template's enum columns
            from perfdesk.ui.column_delegate import TemplateColumnDelegate

            self.setItemDelegate(TemplateColumnDelegate(self))
            self._template_delegate = True
        # With a template's own columns, 指标 gets a fixed width so they are in reach, not pushed out.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive if wide else QHeaderView.ResizeMode.Stretch)
        if wide:
            header.resizeSection(0, 240)
        for column in range(2, self.model().columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 70 if column < 4 else 110)

    def current_node(self) -> Level1 | Level2 | Indicator | None:
        assert self.doc is not None
        return self.doc.tree_model.node(self.currentIndex())

    def selected_indicators(self) -> list[Indicator]:
        assert self.doc is not None
        found: list[Indicator] = []
        for index in self.selectionModel().selectedRows(0):
            node = self.doc.tree_model.node(index)
            if isinstance(node, Indicator):
                found.append(node)
        return found

    # --- operations ---------------------------------------------------------------

    def add_indicator(self, name: str = "") -> Indicator | None:
        """Add a 三级 after the current one, or at the end of the current 二级."""
        assert self.doc is not None
        doc, node = self.doc, self.current_node()
        if isinstance(node, Indicator):
            level2 = doc.tree_model.level2_of(node)
            row = level2.indicators.index(node) + 1
        elif isinstance(node, Level2):
            level2, row = node, len(node.indicators)
        elif isinstance(node, Level1) and node.children:
            level2 = node.children[0]
            row = len(level2.indicators)
        else:
            doc.message.emit(self.tr("请先在左侧选中一个二级指标，再添加三级指标"))
            return None
        indicator = Indicator(name or self.tr("新指标"))
        if not doc.apply(InsertNode(doc.form.id, "indicator", level2.id, row, indicator),
                         self.tr("添加三级指标“{0}”").format(indicator.name)):
            return None
        index = doc.tree_model.index_of(indicator, 0)
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # the buttons take no focus: it may be anywhere
        self.setCurrentIndex(index)
        self.edit(index)
        editor = self.indexWidget(index) or self.focusWidget()
        if hasattr(editor, "selectAll"):
            editor.selectAll()  # typing replaces the placeholder name
        return indicator

    def paste(self, text: str) -> None:
        """Ctrl+V: rows copied from Excel/WPS become new 三级 (see ui/indicator_paste.py)."""
        from perfdesk.ui.indicator_paste import paste_indicators, unplaced_warning

        assert self.doc is not None
        _added, unplaced = paste_indicators(self.doc, self.current_node(), text)
        if unplaced:
            unplaced_warning(self, unplaced)

    def remove_selected(self) -> None:
        assert self.doc is not None
        doc = self.doc
        indicators = self.selected_indicators()
        if not indicators:
            return
        ops = tuple(RemoveNode(doc.form.id, "indicator", indicator.id) for indicator in indicators)
        if not doc.apply(Batch(ops), self.tr("删除 {0} 个三级指标").format(len(indicators))):
            return
        doc.message.emit(self.tr("已删除 {0} 个三级指标（Ctrl+Z 可撤销）").format(len(indicators)))

    def move_current(self, step: int) -> None:
        """Ctrl+Up/Down: within the 二级, and on to the neighbouring 二级 at its edge."""
        assert self.doc is not None
        doc, node = self.doc, self.current_node()
        if not isinstance(node, Indicator):
            return
        level2 = doc.tree_model.level2_of(node)
        row = level2.indicators.index(node)
        target_row = row + step
        text = self.tr("移动三级指标“{0}”").format(node.name)
        if 0 <= target_row < len(level2.indicators):
            doc.apply(MoveNode(doc.form.id, "indicator", node.id, level2.id, target_row), text)
            return
        groups = [l2 for l1 in doc.form.tree for l2 in l1.children]
        neighbour_index = groups.index(level2) + step
        if 0 <= neighbour_index < len(groups):
            neighbour = groups[neighbour_index]
            to_row = len(neighbour.indicators) if step < 0 else 0
            doc.apply(MoveNode(doc.form.id, "indicator", node.id, neighbour.id, to_row), text)

    def indicator_below(self, index: QModelIndex) -> QModelIndex:
        """The same column of the next 三级 down the tree (group rows skipped), or invalid."""
        assert self.doc is not None
        below = self.indexBelow(index.siblingAtColumn(0))
        while below.isValid() and not isinstance(self.doc.tree_model.node(below), Indicator):
            below = self.indexBelow(below)
        return below.siblingAtColumn(index.column()) if below.isValid() else QModelIndex()

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        current = self.currentIndex()
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter: commit, move down
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            below = self.indicator_below(current)
            if below.isValid():
                self.setCurrentIndex(below)
            return
        if hint == QAbstractItemDelegate.EndEditHint.EditNextItem and current.column() == 0:
            # Tab after a 三级 name: on to its 指标值, ready to type
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            value = current.siblingAtColumn(1)
            self.setCurrentIndex(value)
            self.edit(value)
            return
        super().closeEditor(editor, hint)

    def tab_to_cell(self, step: int) -> None:
        """Tab / Shift+Tab on a selected cell: the next / previous cell of the row (指标, 指标值, a
        template's columns), then on to the next 三级, as in Excel; never out of the tree."""
        current = self.currentIndex()
        if not current.isValid():
            return
        column = current.column() + step
        if 0 <= column < self.model().columnCount():
            self.setCurrentIndex(current.siblingAtColumn(column))
        elif step > 0:
            below = self.indicator_below(current)
            if below.isValid():
                self.setCurrentIndex(below.siblingAtColumn(0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
        elif event.matches(QKeySequence.StandardKey.Copy):  # rows another form's tree can paste
            from perfdesk.ui.tree_copy import copy_rows

            model = self.model()
            assert isinstance(model, IndicatorTreeModel)
            copy_rows(model, self.selected_indicators(), self.current_node())
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not ctrl:
            self.tab_to_cell(-1 if key == Qt.Key.Key_Backtab else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not ctrl:
            below = self.indicator_below(self.currentIndex())
            if below.isValid():
                self.setCurrentIndex(below)
        elif key == Qt.Key.Key_Insert:
            self.add_indicator()
        elif key == Qt.Key.Key_Delete:
            self.remove_selected()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if key == Qt.Key.Key_Up else 1)
        else:
            super().keyPressEvent(event)
