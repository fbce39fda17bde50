"""审核结果: every problem of the current form, grouped by severity, with fixes.

Validation runs shortly after each edit (it takes milliseconds); problem cells
are coloured in the tree and the budget table with the message as tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from perfdesk.domain.validation import Problem, Severity
    from perfdesk.ui.document import Document

# Keyed by Severity.value: the validation package loads after the first paint, not with the window.
COLOURS = {"错误": "#f6c9c9", "警告": "#fbe8b0", "提示": "#dde9f7"}
MARKED = ("错误", "警告")  # hints stay in the list, not on the cells
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1  # a severity group's key; UserRole holds a row's Problem
PLACE_MIN_WIDTH = 280  # the 位置 column; it grows to fit its longest place, up to 3/5 of the list


class Validator(QObject):
    """Re-validates the current form after edits (debounced) and paints the marks.

    It starts once the window has been painted (:meth:`start`): the clerk sees the table
    first and its marks a moment later, instead of waiting for both.
    """

    updated = Signal()

    def __init__(self, parent: QObject | None = None, delay_ms: int = 150) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.problems: list[Problem] = []
        self.header_marks: dict[str, tuple[str, str]] = {}  # header or signature field -> (colour, tip)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.run)
        self.started = False
        self._printable_cache: tuple[str | None, Callable[[str], bool]] | None = None

    def start(self) -> None:
        self.started = True
        self.run()

    def watch(self, doc: Document) -> None:
        self.doc = doc
        doc.edited.connect(self.timer.start)
        doc.form_switched.connect(self.timer.start)
        if self.started:
            self.run()

    def _printable(self) -> Callable[[str], bool]:
        """The print font chain's coverage (the font chosen in print preview, else the default).

        GBK characters always print (the bundled fallbacks cover all of GBK: tested in
        tests/report/test_pdf_fallback.py), so a form in plain Chinese never loads
        perfdesk.report or ReportLab here; the first other character does, once.
        """
        from perfdesk.ui import settings

        font = settings.PRINT_FONT_PATH.get() or None
        cached = self._printable_cache
        if cached is not None and cached[0] == font:
            return cached[1]
        chain: list[Callable[[str], bool]] = []

        def printable(ch: str) -> bool:
            try:
                ch.encode("gbk")
                return True
            except UnicodeEncodeError:
                pass
            if not chain:
                from perfdesk.report import printable_predicate

                chain.append(printable_predicate(font))
            return chain[0](ch)

        self._printable_cache = (font, printable)
        return printable

    def run(self) -> None:
        if self.doc is None:
            return
        from perfdesk.domain.validation import ValidationSettings, validate_form

        # the file too: a 绩效自评表's 年度指标值 are checked against its target table (S13)
        self.problems = validate_form(self.doc.form, ValidationSettings(printable=self._printable()),
                                      project=self.doc.project)
        tree_marks: dict[str, tuple[str, str]] = {}
        task_marks: dict[tuple[str, str], tuple[str, str]] = {}
        header_marks: dict[str, tuple[str, str]] = {}
        for problem in self.problems:
            if problem.severity.value not in MARKED:
                continue
            if problem.place.kind in ("header", "form") and problem.place.field:
                _merge(header_marks, problem.place.field, problem)  # "goals", "tasks": no field widget
                continue
            if not problem.place.ref_id:
                continue
            kind, ref = problem.place.kind, problem.place.ref_id
            if kind in ("indicator", "level1", "level2"):
                _merge(tree_marks, ref, problem)
            elif kind == "task":
                _merge(task_marks, (ref, problem.place.field or "name"), problem)
        self.doc.tree_model.refresh_marks(tree_marks)
        self.doc.tasks_model.refresh_marks(task_marks)
        self.header_marks = header_marks
        self.updated.emit()

    def counts(self) -> dict[Severity, int]:
        from perfdesk.domain.validation import Severity

        counts = {s: 0 for s in Severity}
        for problem in self.problems:
            counts[problem.severity] += 1
        return counts


def _merge(marks: dict, key: object, problem: Problem) -> None:
    tip = f"{problem.severity.value}：{problem.message}"
    if key in marks:
        colour, old = marks[key]
        marks[key] = (colour, f"{old}\n{tip}")  # the first (most severe) colour wins
    else:
        marks[key] = (COLOURS[problem.severity.value], tip)


class ValidationPanel(QWidget):
    locate = Signal(object)  # Place

    def __init__(self, validator: Validator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.validator = validator
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("位置"), self.tr("问题及修改方法")])
        self.tree.setColumnWidth(0, PLACE_MIN_WIDTH)
        self.tree.setWordWrap(True)  # a place longer than the column wraps instead of being cut
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_fix_button())
        self.fix_button = QPushButton(self.tr("修复选中的问题"))
        self.fix_button.clicked.connect(self.apply_fix)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.fix_button)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        validator.updated.connect(self.refresh)

    def refresh(self) -> None:
        from perfdesk.domain.validation import Severity

        counts = self.validator.counts()
        if self.validator.problems:
            self.summary.setText(self.tr("共 {0} 个错误、{1} 个警告、{2} 个提示（双击定位）").format(
                counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.HINT]))
        else:
            self.summary.setText(self.tr("未发现问题"))
        # Keep each group open or closed as the clerk left it (a fix rebuilds the list).
        was_open = {}
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            assert group is not None
            was_open[group.data(0, GROUP_ROLE)] = group.isExpanded()
        self.tree.clear()
        for severity in Severity:
            problems = [p for p in self.validator.problems if p.severity is severity]
            if not problems:
                continue
            group = QTreeWidgetItem([f"{severity.value}（{len(problems)}）"])
            group.setData(0, GROUP_ROLE, severity.value)
            group.setBackground(0, QBrush(QColor(COLOURS[severity.value])))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for problem in problems:
                text = problem.message + (self.tr("　［可修复：{0}］").format(problem.fix.label) if problem.fix else "")
                item = QTreeWidgetItem([problem.place.label, text])
                item.setToolTip(0, problem.place.label)  # the column is narrow; long names are cut
                item.setToolTip(1, problem.message)
                item.setData(0, Qt.ItemDataRole.UserRole, problem)
                group.addChild(item)
            group.setExpanded(was_open.get(severity.value, True))
        if not self.validator.problems:
            done = QTreeWidgetItem([self.tr("本表"), self.tr("未发现问题")])
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(done)
        self._fit_place_column()
        self._update_fix_button()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.tree.topLevelItemCount():  # nothing listed before the first 审核: nothing to fit
            self._fit_place_column()

    def _fit_place_column(self) -> None:
        """Wide enough for the longest place, up to 3/5 of the list; longer places wrap."""
        widest = PLACE_MIN_WIDTH
        metrics = self.tree.fontMetrics()
        indent = 2 * self.tree.indentation() + 24  # a problem row sits one level in, after the branch mark
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            children = [group.child(j) for j in range(group.childCount())] if group is not None else []
            for child in children:
                if child is not None:
                    widest = max(widest, metrics.horizontalAdvance(child.text(0)) + indent)
        limit = max(PLACE_MIN_WIDTH, self.tree.viewport().width() * 3 // 5)
        self.tree.setColumnWidth(0, min(widest, limit))

    def selected_problem(self) -> Problem | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_fix_button(self) -> None:
        problem = self.selected_problem()
        self.fix_button.setEnabled(problem is not None and problem.fix is not None)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        problem = item.data(0, Qt.ItemDataRole.UserRole)
        if problem is not None:
            self.locate.emit(problem.place)

    def apply_fix(self) -> None:
        problem = self.selected_problem()
        doc = self.validator.doc
        if problem is None or problem.fix is None or doc is None:
            return
        from perfdesk.domain.validation import EditError, fix_op

        try:
            op = fix_op(doc.form, problem.fix.edits)
        except EditError:  # listed a moment before the row it fixes was deleted
            doc.message.emit(self.tr("这个问题已经不在了（表格在此期间已经改动），请重新审核后再试。"))
            return
        doc.apply(op, self.tr("修复：{0}").format(problem.fix.label))
