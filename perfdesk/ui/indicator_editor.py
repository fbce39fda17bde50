"""The editor of the selected 三级: name and 指标值 as number, date or text.

The value text is what is stored; the structured fields compose it. Typing in
one field coalesces into one undo step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from perfdesk.domain.model import Indicator
from perfdesk.domain.ops import SetField
from perfdesk.domain.values import CANONICAL_COMPARATORS, ValueKind
from perfdesk.ui.roles import touches_text

if TYPE_CHECKING:
    from perfdesk.ui.document import Document

COMMON_UNITS = ["人", "次", "个", "套", "条", "辆", "天", "场", "年", "月", "小时", "平方米", "米", "座", "户",
                "万元", "元", "元/人·月", "万元/人", "%"]
COMMON_PHRASES = ["有效提升", "显著提升", "效果明显", "应保尽保", "符合相关规定", "好", "较好", "一般"]
KIND_PAGES = (ValueKind.NUMBER, ValueKind.DATE, ValueKind.TEXT)
MARK_COLOUR = "#f6c9c9"  # 审核's colour for an error (validation_panel.COLOURS)


class IndicatorEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.indicator: Indicator | None = None
        self._loading = False
        self._composing = False  # pushing a value built from the 数值/日期/文字 widgets
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("如 ≥109人、=100%、2022年12月10日、有效提升"))
        self.kind = QComboBox()
        self.kind.addItems([self.tr("数值"), self.tr("日期"), self.tr("文字（定性）")])
        self.pages = QStackedWidget()
        # number page
        number_page = QWidget()
        row = QHBoxLayout(number_page)
        row.setContentsMargins(0, 0, 0, 0)
        self.comparator = QComboBox()
        self.comparator.addItem(self.tr("（无）"), "")
        for symbol in CANONICAL_COMPARATORS:
            self.comparator.addItem(symbol, symbol)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("数字"))
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(COMMON_UNITS)
        self.unit.setCurrentText("")
        row.addWidget(self.comparator)
        row.addWidget(self.number, 1)
        row.addWidget(self.unit)
        # date page
        date_page = QWidget()
        drow = QHBoxLayout(date_page)
        drow.setContentsMargins(0, 0, 0, 0)
        self.date_comparator = QComboBox()
        self.date_comparator.addItem(self.tr("（无）"), "")
        self.date_comparator.addItem("≤", "≤")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        # A date the picker cannot hold (2月30日) is shown as typed here, marked, instead of the
        # picker quietly showing the month's last day (and writing it back on the next change).
        self.date_typed = QLineEdit()
        self.date_typed.setHidden(True)
        drow.addWidget(self.date_comparator)
        drow.addWidget(self.date, 1)
        drow.addWidget(self.date_typed, 1)
        # text page
        self.phrase = QComboBox()
        self.phrase.setEditable(True)
        self.phrase.addItems(COMMON_PHRASES)
        for page in (number_page, date_page, self.phrase):
            self.pages.addWidget(page)
        self.printed = QLabel()
        self.printed.setWordWrap(True)
        form.addRow(self.tr("三级指标："), self.name)
        form.addRow(self.tr("指标值："), self.value)
        form.addRow(self.tr("类型："), self.kind)
        form.addRow("", self.pages)
        form.addRow(self.tr("打印为："), self.printed)
        self.name.textEdited.connect(lambda text: self._push("name", text))
        self.value.textEdited.connect(lambda text: self._push("value", text))
        self.kind.activated.connect(self._kind_chosen)
        self.comparator.activated.connect(lambda _i: self._compose())
        self.number.textEdited.connect(lambda _t: self._compose())
        self.unit.currentTextChanged.connect(lambda _t: self._compose())
        self.date_comparator.activated.connect(lambda _i: self._compose())
        self.date.dateChanged.connect(lambda _d: self._compose())
        self.date_typed.textEdited.connect(lambda _t: self._compose())
        self.phrase.currentTextChanged.connect(lambda _t: self._compose())
        # A line edit answers Ctrl+Z / Ctrl+Y with its own undo, whose text change we would push
        # as a new edit, wiping the document's redo. Let the window's 撤销/重做 have those keys.
        for edit in (self.name, self.value, self.number, self.unit.lineEdit(), self.phrase.lineEdit()):
            if edit is not None:
                edit.installEventFilter(self)
        self.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()  # not the line edit's: the window's shortcut (编辑 › 撤销/重做) takes it
            return True
        return super().eventFilter(watched, event)

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        # Bound methods, not lambdas: Qt drops these connections when this widget is destroyed,
        # while the document (and its signals) can outlive the window at exit.
        doc.tree_model.dataChanged.connect(self._data_changed)
        doc.form_switched.connect(self._form_switched)
        self.show_indicator(None)

    def _data_changed(self, _top: object, _bottom: object, roles: Sequence[int] = ()) -> None:
        if not touches_text(roles):  # a marks refresh must not rewrite fields being typed in
            return
        if self._composing and self.indicator is not None:
            # Our own change from the 数值/日期/文字 widgets: they already show it. Re-deriving them
            # from the value would switch "=12." (half-typed 12.5) to the 文字 page mid-number.
            self.printed.setText(self._describe(self.indicator))
            return
        self.refresh()

    def _form_switched(self) -> None:
        self.show_indicator(None)

    def show_indicator(self, indicator: Indicator | None) -> None:
        if self._composing and indicator is self.indicator:
            return  # our own edit re-selected it in the tree: keep the page being typed in
        self.indicator = indicator
        self.setEnabled(indicator is not None)
        self.refresh()

    def refresh(self) -> None:
        self._loading = True
        try:
            ind = self.indicator
            if ind is None:
                for edit in (self.name, self.value, self.number):
                    edit.clear()
                self.printed.clear()
                return
            parsed = ind.parsed
            if self.name.text() != ind.name:
                self.name.setText(ind.name)
            if self.value.text() != ind.value:
                self.value.setText(ind.value)
            kind = parsed.kind if parsed.kind in KIND_PAGES else ValueKind.TEXT
            page = KIND_PAGES.index(kind) if parsed.kind is not ValueKind.EMPTY else self.kind.currentIndex()
            self.kind.setCurrentIndex(page)
            self.pages.setCurrentIndex(page)
            if parsed.kind is not ValueKind.DATE:  # the picker again, for a date chosen from here
                self.date.setHidden(False)
                self.date_typed.setHidden(True)
            if parsed.kind is ValueKind.NUMBER:
                self.comparator.setCurrentIndex(max(0, self.comparator.findData(parsed.comparator)))
                number = format(parsed.number, "f")
                if self.number.text() != number:
                    self.number.setText(number)
                self.unit.setCurrentText(parsed.unit)
            elif parsed.kind is ValueKind.DATE:
                self.date_comparator.setCurrentIndex(max(0, self.date_comparator.findData(parsed.comparator)))
                self._show_date(ind)
            elif parsed.kind is ValueKind.TEXT:
                self.phrase.setCurrentText(ind.value)
            else:  # empty: show nothing left over from the previous indicator
                self.comparator.setCurrentIndex(0)
                self.number.clear()
                self.unit.setCurrentText("")
                self.date_comparator.setCurrentIndex(0)
                self.phrase.setCurrentText("")
            self.printed.setText(self._describe(ind))
        finally:
            self._loading = False

    def _show_date(self, ind: Indicator) -> None:
        parsed = ind.parsed
        impossible = not parsed.date_exists or not (parsed.year and parsed.month)
        self.date.setHidden(impossible)
        self.date_typed.setHidden(not impossible)
        if not impossible and parsed.year is not None and parsed.month is not None:
            self.date.setDate(QDate(parsed.year, parsed.month, parsed.day or 1))
            return
        typed = parsed.canonical.removeprefix(parsed.comparator)
        if self.date_typed.text() != typed:
            self.date_typed.setText(typed)
        mark = self.doc.tree_model.marks.get(ind.id) if self.doc is not None else None
        colour, tip = mark or (MARK_COLOUR, self.tr("这个日期不存在，请改为实际日期"))
        self.date_typed.setStyleSheet(f"QLineEdit {{ background: {colour}; }}")
        self.date_typed.setToolTip(tip)

    def _describe(self, ind: Indicator) -> str:
        parsed = ind.parsed
        text = parsed.canonical or self.tr("（空）")
        if parsed.kind is ValueKind.DATE and not parsed.date_exists:
            text += self.tr("　⚠ 这个日期不存在")
        elif parsed.unrecognised:
            text += self.tr("　⚠ 无法识别为数值或日期，将按原文打印")
        return text

    def _push(self, field: str, text: str) -> None:
        if self._loading or self.doc is None or self.indicator is None:
            return
        if getattr(self.indicator, field) != text:
            label = self.tr("指标名称") if field == "name" else self.tr("指标值")
            op = SetField(self.doc.form.id, "indicator", self.indicator.id, field, text)
            self.doc.apply(op, self.tr("修改{0}").format(label), merge=True)

    def _kind_chosen(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self._compose()

    def _compose(self) -> None:
        if self._loading:
            return
        page = self.pages.currentIndex()
        if page == 0:
            number = self.number.text().strip()
            text = f"{self.comparator.currentData()}{number}{self.unit.currentText().strip()}" if number else ""
        elif page == 1 and not self.date_typed.isHidden():
            text = f"{self.date_comparator.currentData()}{self.date_typed.text().strip()}"
        elif page == 1:
            d = self.date.date()
            text = f"{self.date_comparator.currentData()}{d.year()}年{d.month()}月{d.day()}日"
        else:
            text = self.phrase.currentText()
        if self.indicator is not None and text != self.indicator.value and (text or page != 0):
            self.value.setText(text)
            self._composing = True
            try:
                self._push("value", text)
            finally:
                self._composing = False
