"""Qt tree model mirroring a form's indicator tree: 一级 › 二级 › 三级 with 指标值.

Internal pointers are the domain nodes themselves; they stay alive in the form or
in an undo command. The model never changes the tree: an edit becomes a domain operation
given to the document, which tells this model before and after it applies it
(:meth:`about_to_change`, :meth:`changed`), so every view sees proper begin/end signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from perfdesk.domain.model import Form, Indicator, Level1, Level2
from perfdesk.domain.ops import Batch, MoveNode, SetField
from perfdesk.ui.changes import INSERT, MOVE, REMOVE, SET, Change
from perfdesk.ui.form_template import template_for
from perfdesk.ui.roles import MARK_ROLES

if TYPE_CHECKING:
    from perfdesk.domain.forms import Column
    from perfdesk.ui.document import Document

MIME = "application/x-perfdesk-indicators"
TREE = ("level1", "level2", "indicator")  # the collections this model mirrors
Node = Level1 | Level2 | Indicator
AnyIndex = QModelIndex | QPersistentModelIndex


class IndicatorTreeModel(QAbstractItemModel):
    NAME, VALUE = 0, 1

    def __init__(self, doc: Document, side: str = "year") -> None:
        super().__init__(doc)
        self.doc = doc
        self.side = side  # which tree of the form it mirrors: "year", or a project table's "mid"
        self._form: Form | None = None
        self._parent: dict[str, Level1 | Level2] = {}
        self.marks: dict[str, tuple[str, str]] = {}  # node id -> (severity colour, tooltip)
        self._bold = QFont()
        self._bold.setBold(True)
        self.extra_columns: tuple[Column, ...] = ()  # the template's own columns after 指标值
        self._moving = False  # a beginMoveRows is open (Qt refuses a move onto itself)

    # --- structure ------------------------------------------------------------

    def set_form(self, form: Form) -> None:
        self.beginResetModel()
        self._form = form
        template = template_for(form)
        self.extra_columns = template.extra_indicator_columns if template is not None else ()
        self._parent = {}
        for level1 in form.side(self.side):
            self._register(level1)
        self.endResetModel()

    def _register(self, node: Node) -> None:
        """Remember the parent of each node under ``node`` (and of ``node``, where it has one)."""
        if isinstance(node, Level1):
            for level2 in node.children:
                self._parent[level2.id] = node
                self._register(level2)
        elif isinstance(node, Level2):
            for indicator in node.indicators:
                self._parent[indicator.id] = node

    def _forget(self, node: Node) -> None:
        self._parent.pop(node.id, None)
        for child in self._children(node):
            self._forget(child)

    def check_template(self) -> None:
        """After the first paint: the columns the form's declaration really has (see form_template)."""
        template = template_for(self.form)
        if template is not None and template.extra_indicator_columns != self.extra_columns:
            self.set_form(self.form)

    @property
    def form(self) -> Form:
        assert self._form is not None
        return self._form

    @property
    def roots(self) -> list[Level1]:
        """The 一级 of the side this model mirrors."""
        return self.form.side(self.side) if self._form is not None else []

    def node(self, index: AnyIndex) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    def _children(self, node: Node | None) -> list[Any]:
        if node is None:
            return self.form.side(self.side) if self._form is not None else []
        if isinstance(node, Level1):
            return node.children
        if isinstance(node, Level2):
            return node.indicators
        return []

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children(self.node(parent))[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        if node is None or isinstance(node, Level1):
            return QModelIndex()
        return self.index_of(self._parent[node.id])

    def index_of(self, node: Node, column: int = 0) -> QModelIndex:
        if isinstance(node, Level1):
            return self.createIndex(self.form.side(self.side).index(node), column, node)
        parent = self._parent[node.id]
        siblings: list[Any] = parent.children if isinstance(parent, Level1) else parent.indicators
        return self.createIndex(siblings.index(node), column, node)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        return len(self._children(self.node(parent)))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 2 + len(self.extra_columns)

    def extra_column(self, column: int) -> Column | None:
        """The template column shown in ``column`` (None for 指标 and 指标值)."""
        return self.extra_columns[column - 2] if column >= 2 and column - 2 < len(self.extra_columns) else None

    def level2_of(self, indicator: Indicator) -> Level2:
        parent = self._parent[indicator.id]
        assert isinstance(parent, Level2)
        return parent

    # --- data -------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            extra = self.extra_column(section)
            if extra is not None:
                return extra.label + ("*" if extra.required else "")
            return (self.tr("指标（一级 › 二级 › 三级）"), self.tr("指标值"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:
                return node.name
            extra = self.extra_column(column)
            if extra is not None:
                return node.extras.get(extra.key, "") if isinstance(node, Indicator) else None
            if isinstance(node, Indicator):
                return node.value if role == Qt.ItemDataRole.EditRole else node.parsed.canonical
            return None
        if role == Qt.ItemDataRole.FontRole and not isinstance(node, Indicator):
            return self._bold
        mark = self.marks.get(node.id)
        if mark is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(mark[0])
            if role == Qt.ItemDataRole.ToolTipRole:
                return mark[1]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return node.name
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(node, Indicator) and column == self.VALUE:
            if node.value != node.parsed.canonical:
                return self.tr("录入原文：{0}").format(node.value)
        return None

    # Combined once: flags() is called for every visible cell on every paint.
    _BASE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    _INDICATOR_FLAGS = (_BASE | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
                        | Qt.ItemFlag.ItemNeverHasChildren)
    _LEVEL2_FLAGS = _BASE | Qt.ItemFlag.ItemIsDropEnabled

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.ItemIsDropEnabled
        if isinstance(node, Indicator):
            return self._INDICATOR_FLAGS
        if isinstance(node, Level2):
            return self._LEVEL2_FLAGS
        return self._BASE

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if role != Qt.ItemDataRole.EditRole or not isinstance(node, Indicator):
            return False
        extra = self.extra_column(index.column())
        if extra is not None:
            text = str(value).strip()
            if text == node.extras.get(extra.key, ""):
                return False
            op = SetField(self.form.id, "indicator", node.id, extra.key, text)
            return self.doc.apply(op, self.tr("修改{0}").format(extra.label))
        field = "name" if index.column() == self.NAME else "value"
        new = str(value)
        if new == getattr(node, field):
            return False
        label = self.tr("指标名称") if field == "name" else self.tr("指标值")
        op = SetField(self.form.id, "indicator", node.id, field, new)
        return self.doc.apply(op, self.tr("修改{0}").format(label))

    # --- observing the domain (told by the document around each operation) ----------------

    def _parent_index(self, parent: Level1 | Level2 | None) -> QModelIndex:
        return QModelIndex() if parent is None else self.index_of(parent)

    def about_to_change(self, change: Change) -> None:
        if (self._form is None or change.form_id != self.form.id or change.collection not in TREE
                or change.side != self.side):
            return
        if change.kind == INSERT:
            self.beginInsertRows(self._parent_index(change.parent), change.index, change.index)
        elif change.kind == REMOVE:
            self.beginRemoveRows(self._parent_index(change.parent), change.index, change.index)
        elif change.kind == MOVE:
            # Qt counts the destination before the row is taken out; the operation after.
            same = change.to_parent is change.parent
            destination = change.to_index + 1 if same and change.to_index > change.index else change.to_index
            self._moving = not (same and change.to_index == change.index) and self.beginMoveRows(
                self._parent_index(change.parent), change.index, change.index,
                self._parent_index(change.to_parent), destination)

    def changed(self, change: Change) -> None:
        if (self._form is None or change.form_id != self.form.id or change.collection not in TREE
                or change.side != self.side):
            return
        node = change.node
        if change.kind == SET:
            if isinstance(node, Indicator):
                self.indicator_changed(node)
            else:
                self.node_changed(node.id)
        elif change.kind == INSERT:
            if change.parent is not None:
                self._parent[node.id] = change.parent
            self._register(node)
            self.endInsertRows()
        elif change.kind == REMOVE:
            self._forget(node)
            self.endRemoveRows()
        elif change.kind == MOVE:
            if change.to_parent is not None:
                self._parent[node.id] = change.to_parent
            if self._moving:
                self._moving = False
                self.endMoveRows()

    def indicator_changed(self, indicator: Indicator) -> None:
        self.dataChanged.emit(self.index_of(indicator, 0), self.index_of(indicator, self.columnCount() - 1))

    def node_changed(self, node_id: str) -> None:
        for level1 in self.form.side(self.side):
            nodes: list[Level1 | Level2] = [level1, *level1.children]
            for node in nodes:
                if node.id == node_id:
                    self.dataChanged.emit(self.index_of(node, 0), self.index_of(node, 1))

    def refresh_marks(self, marks: dict[str, tuple[str, str]]) -> None:
        """Problem colours and tooltips, repainted group by group."""
        self.marks = marks
        if self._form is None or not self.form.side(self.side):
            return
        last = len(self.form.side(self.side)) - 1
        self.dataChanged.emit(self.index(0, 0), self.index(last, 1), MARK_ROLES)
        for level1 in self.form.side(self.side):
            parent1 = self.index_of(level1)
            if level1.children:
                self.dataChanged.emit(self.index(0, 0, parent1), self.index(len(level1.children) - 1, 1, parent1),
                                      MARK_ROLES)
            for level2 in level1.children:
                if level2.indicators:
                    parent2 = self.index_of(level2)
                    self.dataChanged.emit(self.index(0, 0, parent2),
                                          self.index(len(level2.indicators) - 1, 1, parent2), MARK_ROLES)

    # --- drag and drop ------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = []
        for index in indexes:
            node = self.node(index)
            if isinstance(node, Indicator) and index.column() == 0 and node.id not in ids:
                ids.append(node.id)
        data = QMimeData()
        data.setData(MIME, QByteArray("\n".join(ids).encode("ascii")))
        return data

    def _drop_target(self, row: int, parent: AnyIndex) -> tuple[Level2, int] | None:
        node = self.node(parent)
        if isinstance(node, Level2):
            return node, (len(node.indicators) if row < 0 else row)
        if isinstance(node, Indicator):  # dropped onto an item: insert after it
            level2 = self.level2_of(node)
            return level2, level2.indicators.index(node) + 1
        return None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        return data.hasFormat(MIME) and self._drop_target(row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        target = self._drop_target(row, parent)
        if not data.hasFormat(MIME) or target is None:
            return False
        ids = [i for i in bytes(data.data(MIME).data()).decode("ascii").split("\n") if i]
        self.move_indicators(ids, target[0], target[1])
        # We moved the rows ourselves; returning False stops the view removing the source.
        return False

    def move_indicators(self, ids: list[str], level2: Level2, row: int) -> None:
        """Move the 三级 ``ids`` to ``row`` of ``level2`` (a drop), in order, as one step."""
        moves: list[MoveNode] = []
        wanted = set(ids)
        where = {ind.id: (l2.id, i) for l1 in self.form.side(self.side) for l2 in l1.children
                 for i, ind in enumerate(l2.indicators) if ind.id in wanted}
        for indicator_id in ids:
            source_id, source_row = where[indicator_id]
            target_row = row - 1 if source_id == level2.id and source_row < row else row
            moves.append(MoveNode(self.form.id, "indicator", indicator_id, level2.id, target_row))
            row = target_row + 1
            where = _after_move(where, indicator_id, source_id, source_row, level2.id, target_row)
        self.doc.apply(Batch(tuple(moves)), self.tr("移动 {0} 个三级指标").format(len(ids)))


def _after_move(where: dict[str, tuple[str, int]], moved: str, source: str, source_row: int, target: str,
                target_row: int) -> dict[str, tuple[str, int]]:
    """The positions of the still-to-move 三级 once ``moved`` went from ``source_row`` of ``source``
    to ``target_row`` of ``target``."""
    result = {}
    for ident, (level2_id, row) in where.items():
        if ident == moved:
            result[ident] = (target, target_row)
            continue
        if level2_id == source and row > source_row:
            row -= 1
        if level2_id == target and row >= target_row:
            row += 1
        result[ident] = (level2_id, row)
    return result
