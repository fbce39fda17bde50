"""查找 (Ctrl+F) over indicator names and values, task texts and goals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

if TYPE_CHECKING:
    from perfdesk.ui.document import Document


def find_matches(doc: Document, needle: str) -> list[tuple[str, str]]:
    """(kind, id) of everything containing ``needle``, in reading order."""
    needle = needle.strip().casefold()
    if not needle:
        return []
    form = doc.form
    found: list[tuple[str, str]] = []
    for task in form.tasks:
        texts = (task.name, task.content, *task.unparsed.values())  # words typed in amount cells too
        if any(needle in text.casefold() for text in texts):
            found.append(("task", task.id))
    for goal in form.goals:
        if needle in goal.text.casefold():
            found.append(("goal", goal.id))
    for _l1, _l2, ind in form.iter_indicators():
        if needle in ind.name.casefold() or needle in ind.value.casefold() or needle in ind.parsed.canonical.casefold():
            found.append(("indicator", ind.id))
    return found


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
        matches = find_matches(self.doc, self.edit.text())
        if not matches:
            self.result.setText(self.tr("未找到"))
            return
        self.position = (self.position + direction) % len(matches)
        self.result.setText(self.tr("第 {0} 处，共 {1} 处").format(self.position + 1, len(matches)))
        kind, ident = matches[self.position]
        self.doc.select_requested.emit(kind, ident)
