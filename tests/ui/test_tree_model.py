"""The Qt tree model mirrors the domain tree through every mutation."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from perfdesk.domain import jsonform
from perfdesk.domain.model import Indicator
from perfdesk.domain.ops import InsertNode, MoveNode, RemoveNode
from perfdesk.ui.tree_model import MIME


def model_snapshot(model, parent=QModelIndex()):
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        value = model.index(row, 1, parent).data(Qt.ItemDataRole.DisplayRole)
        rows.append((index.data(), value, model_snapshot(model, index)))
    return rows


def domain_snapshot(form):
    return [
        (l1.name, None,
         [(l2.name, None, [(i.name, i.parsed.canonical, []) for i in l2.indicators]) for l2 in l1.children])
        for l1 in form.tree
    ]


def test_model_passes_qt_checks_and_mirrors_domain(doc, qtmodeltester):
    qtmodeltester.check(doc.tree_model, force_py=True)
    assert model_snapshot(doc.tree_model) == domain_snapshot(doc.form)
    form = doc.form
    quantity = form.tree[0].children[0]
    timing = form.tree[0].children[2]
    new = Indicator("新增时效指标", "≤30天")
    doc.apply(InsertNode(form.id, "indicator", timing.id, 0, new), "添加")
    assert model_snapshot(doc.tree_model) == domain_snapshot(form)
    doc.apply(MoveNode(form.id, "indicator", quantity.indicators[0].id, timing.id, 2), "移动")
    assert model_snapshot(doc.tree_model) == domain_snapshot(form)
    doc.apply(RemoveNode(form.id, "indicator", new.id), "删除")
    assert model_snapshot(doc.tree_model) == domain_snapshot(form)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
        assert model_snapshot(doc.tree_model) == domain_snapshot(form)


def test_drop_moves_across_level2_and_undoes(doc, qtmodeltester):
    qtmodeltester.check(doc.tree_model, force_py=True)
    before = jsonform.dumps(doc.project)
    model = doc.tree_model
    quantity, quality = doc.form.tree[0].children[0], doc.form.tree[0].children[1]
    moved = quantity.indicators[:2]
    data = model.mimeData([model.index_of(i) for i in moved])
    assert data.hasFormat(MIME)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 1, 0, model.index_of(quality))
    model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, model.index_of(quality))
    assert [i.name for i in quality.indicators[1:3]] == [m.name for m in moved]
    assert len(quantity.indicators) == 18 and len(quality.indicators) == 15
    assert model_snapshot(model) == domain_snapshot(doc.form)
    doc.undo_stack.undo()  # one step: the whole drop
    assert jsonform.dumps(doc.project) == before


def test_drop_within_same_level2_downwards(doc):
    model = doc.tree_model
    quantity = doc.form.tree[0].children[0]
    names = [i.name for i in quantity.indicators]
    data = model.mimeData([model.index_of(quantity.indicators[0])])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, model.index_of(quantity))
    assert [i.name for i in quantity.indicators[:3]] == [names[1], names[2], names[0]]


def test_edit_in_tree_is_undoable(doc):
    model = doc.tree_model
    indicator = doc.form.tree[0].children[0].indicators[2]
    index = model.index_of(indicator, 1)
    assert index.data(Qt.ItemDataRole.EditRole) == ">=109人"
    assert index.data() == "≥109人"  # printed canonically, stored as typed
    assert model.setData(index, "≥110人")
    assert indicator.value == "≥110人"
    doc.undo_stack.undo()
    assert indicator.value == ">=109人"
