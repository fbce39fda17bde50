"""Moving the focus to the place a validation problem names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfdesk.ui.tasks_model import FIELDS

if TYPE_CHECKING:
    from perfdesk.domain.model import Indicator, Level1, Level2
    from perfdesk.domain.validation import Place
    from perfdesk.ui.main_window import MainWindow


def locate_place(window: MainWindow, place: Place) -> None:
    """Show the cell a problem is about (double-click in 审核结果)."""
    self = window
    doc = self.doc
    if place.kind in ("indicator", "level1", "level2") and place.ref_id:
        for level1 in doc.form.tree:
            nodes: list[Level1 | Level2 | Indicator] = [
                level1, *level1.children, *(i for l2 in level1.children for i in l2.indicators)]
            for node in nodes:
                if node.id == place.ref_id:
                    column = 1 if place.field == "value" else 0
                    index = doc.tree_model.index_of(node, column)
                    self.tree.setCurrentIndex(index)
                    self.tree.scrollTo(index)
                    self.tree.setFocus()
                    return
    elif place.kind == "task" and place.ref_id:
        row = next((i for i, t in enumerate(doc.form.tasks) if t.id == place.ref_id), None)
        if row is not None:
            column = FIELDS.index(place.field) if place.field in FIELDS else 0
            self.tasks_view.setCurrentIndex(doc.tasks_model.index(row, column))
            self.tasks_view.setFocus()
    elif place.kind == "goal" and place.ref_id:
        row = next((i for i, g in enumerate(doc.form.goals) if g.id == place.ref_id), None)
        if row is not None:
            self.goals_view.setCurrentIndex(doc.goals_model.index(row, 0))
            self.goals_view.setFocus()
    else:
        widget = self.header_panel.widget_for(place.field or "")
        if widget is not None:
            widget.setFocus()
        elif place.field == "goals":
            self.goals_view.setFocus()
        elif place.field == "tasks":
            self.tasks_view.setFocus()
