"""查找 (Ctrl+F) over indicator names and values, task texts and goals, in every form of the
file: the next match may be in another form, which is then shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from perfdesk.domain.model import HORIZONS

if TYPE_CHECKING:
    from perfdesk.domain.model import Form
    from perfdesk.ui.document import Document


def find_matches(doc: Document, needle: str) -> list[tuple[str, str]]:
    """(kind, id) of everything in the current form containing ``needle``, in reading order."""
    return form_matches(doc.form, needle)


def form_matches(form: Form, needle: str) -> list[tuple[str, str]]:
    needle = needle.strip().casefold()
    if not needle:
        return []
    found: list[tuple[str, str]] = []
    for task in form.tasks:
        texts = (task.name, task.content, *task.unparsed.values())  # words typed in amount cells too
        if any(needle in text.casefold() for text in texts):
            found.append(("task", task.id))
    for horizon in HORIZONS:  # a project table's 中期 side first, as printed
        for goal in form.side_goals(horizon):
            if needle in goal.text.casefold():
                found.append(("goal", goal.id))
    for horizon in HORIZONS:
        for _l1, _l2, ind in form.iter_indicators(horizon):
            if (needle in ind.name.casefold() or needle in ind.value.casefold()
                    or needle in ind.parsed.canonical.casefold()):
                found.append(("indicator", ind.id))
    return found


def find_all(doc: Document, needle: str) -> list[tuple[str, str, str]]:
    """(form id, kind, id) of every match in every form, form by form in the file's order."""
    return [(form.id, kind, ident) for form in doc.project.forms for kind, ident in form_matches(form, needle)]


class _FindEdit(QLineEdit):
    escape = Signal()
    previous = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape.emit()
        elif (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
              and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.previous.emit()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.position = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.edit = _FindEdit()
        self.edit.setPlaceholderText(self.tr("查找指标名称、指标值、任务或目标（回车查找下一个）"))
        self.result = QLabel()
        previous = QPushButton(self.tr("上一个"))
        following = QPushButton(self.tr("下一个"))
        close = QPushButton(self.tr("关闭"))
        layout.addWidget(QLabel(self.tr("查找：")))
        layout.addWidget(self.edit, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.result)
        layout.addWidget(close)
        self.edit.returnPressed.connect(lambda: self.step(1))
        self.edit.previous.connect(lambda: self.step(-1))
        self.edit.escape.connect(self.hide)
        self.edit.textChanged.connect(lambda _t: setattr(self, "position", -1))
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.hide)
        self.hide()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def step(self, direction: int) -> None:
        if self.doc is None:
            return
        matches = find_all(self.doc, self.edit.text())
        if not matches:
            self.result.setText(self.tr("未找到"))
            return
        if self.position < 0:  # a new search starts in the form on screen
            current = self.doc.form.id
            first = next((n for n, m in enumerate(matches) if m[0] == current), None)
            if first is None:
                order = [f.id for f in self.doc.project.forms]
                here = order.index(current)
                first = next((n for n, m in enumerate(matches) if order.index(m[0]) > here), 0)
            self.position = (first - (1 if direction > 0 else 0)) % len(matches)
        self.position = (self.position + direction) % len(matches)
        forms = len({m[0] for m in matches})
        where = self.tr("（{0} 张表）").format(forms) if forms > 1 else ""
        self.result.setText(self.tr("第 {0} 处，共 {1} 处{2}").format(self.position + 1, len(matches), where))
        form_id, kind, ident = matches[self.position]
        if form_id != self.doc.form.id:
            self.doc.show_form(form_id)
        self.doc.select_requested.emit(kind, ident)
