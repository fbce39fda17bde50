"""打印预览, 打印 and 导出PDF: the ReportLab PDF shown with QtPdf and sent to a printer.

The preview shows exactly the PDF that is exported. Printing renders each page
at the printer's own resolution (QtPdf rasterises), so text stays sharp.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QSize, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from perfdesk.errors import PerfdeskError
from perfdesk.report.options import PdfOptions
from perfdesk.ui import file_dialogs, settings
from perfdesk.ui.file_ops import ask_save_path, suggested_file_name

if TYPE_CHECKING:
    from perfdesk.domain.model import Form


ZOOM_RANGE = (0.25, 4.0)


def saved_options() -> PdfOptions:
    return PdfOptions(
        page_size=settings.PRINT_PAGE_SIZE.get(),
        landscape=settings.PRINT_LANDSCAPE.get(),
        font_path=settings.PRINT_FONT_PATH.get() or None,
        signature_block=settings.PRINT_SIGNATURE.get(),
    )


def save_options(options: PdfOptions) -> None:
    settings.PRINT_PAGE_SIZE.set(options.page_size)
    settings.PRINT_LANDSCAPE.set(options.landscape)
    settings.PRINT_SIGNATURE.set(options.signature_block)


def render(form: Form, options: PdfOptions) -> bytes:
    from perfdesk.report import render_form_pdf_bytes

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return render_form_pdf_bytes(form, options)
    finally:
        QApplication.restoreOverrideCursor()


def pdf_file_name(form: Form) -> str:
    return Path(suggested_file_name(form.year, form.department)).with_suffix(".pdf").name


def export_pdf(parent: QWidget, form: Form, start_folder: Path, options: PdfOptions | None = None) -> Path | None:
    """Ask where, write the PDF, and say so: in the main window's status bar, or in a message
    box when called from a dialog (the preview) that has none."""
    path = ask_save_path(parent, parent.tr("导出PDF"), start_folder / pdf_file_name(form),
                         parent.tr("PDF 文件 (*.pdf)"), ".pdf")
    if path is None:
        return None
    from perfdesk.report import render_form_pdf

    try:
        pages = render_form_pdf(form, path, options or saved_options())
    except PerfdeskError as exc:
        QMessageBox.critical(parent, parent.tr("导出失败"), str(exc))
        return None
    done = parent.tr("已导出 PDF：{0}（共 {1} 页）").format(path, pages)
    status = getattr(parent, "statusBar", None)
    if status is not None:
        status().showMessage(done, 8000)
    else:
        QMessageBox.information(parent, parent.tr("导出PDF"), done)
    return path


def print_pdf(parent: QWidget, data: bytes, options: PdfOptions) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = QPageSize(QPageSize.PageSizeId.A3 if options.page_size == "A3" else QPageSize.PageSizeId.A4)
    orientation = QPageLayout.Orientation.Landscape if options.landscape else QPageLayout.Orientation.Portrait
    printer.setPageSize(size)
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)  # the PDF carries its own margins
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("打印"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return print_to(printer, data, parent)


def print_to(printer: QPrinter, data: bytes, parent: QWidget | None = None) -> bool:
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    pages = document.pageCount()
    progress = QProgressDialog(QApplication.translate("print", "正在打印…"), QApplication.translate("print", "取消"),
                               0, pages, parent)
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.critical(parent, QApplication.translate("print", "打印失败"),
                             QApplication.translate("print", "无法连接打印机，请检查打印机是否开启。"))
        return False
    try:
        target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
        for page in range(pages):
            if progress.wasCanceled():
                return False
            progress.setValue(page)
            if page:
                printer.newPage()
            image = document.render(page, QSize(target.width(), target.height()))
            painter.drawImage(target, image)
        progress.setValue(pages)
    finally:
        painter.end()
    return True


class PreviewDialog(QDialog):
    def __init__(self, form: Form, parent: QWidget | None = None, confirm=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.form = form
        self.data = b""
        self.confirm = confirm or (lambda what: True)  # asks when 审核 found errors
        self.start_folder = Path.home()
        self.setWindowTitle(self.tr("打印预览 — {0}").format(form.display_name))
        screen = self.screen().availableGeometry()
        self.resize(min(900, int(screen.width() * 0.9)), min(1000, int(screen.height() * 0.9)))
        self.size_box = QComboBox()
        self.size_box.addItems(["A4", "A3"])
        self.orientation = QComboBox()
        self.orientation.addItems([self.tr("纵向"), self.tr("横向")])
        self.signature = QCheckBox(self.tr("打印签章栏"))
        options = saved_options()
        self.size_box.setCurrentText(options.page_size)
        self.orientation.setCurrentIndex(1 if options.landscape else 0)
        self.signature.setChecked(options.signature_block)
        font_button = QPushButton(self.tr("字体…"))
        font_button.setToolTip(self.tr("选择打印用的 TrueType 字体（如 simsun.ttc、simfang.ttf）"))
        font_button.clicked.connect(self.choose_font)
        print_button = QPushButton(self.tr("打印…"))
        export_button = QPushButton(self.tr("导出PDF…"))
        self.pages_label = QLabel()
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("纸张：")), self.size_box, self.orientation, self.signature):
            bar.addWidget(widget)
        bar.addWidget(font_button)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        bar.addWidget(export_button)
        bar.addWidget(print_button)
        # Children are destroyed in creation order: the view, then the document it renders
        # from, then the buffer the document reads from.
        self.view = QPdfView(self)
        self.document = QPdfDocument(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.viewport().installEventFilter(self)  # Ctrl+wheel zooms
        for keys, step in ((("Ctrl+=", "Ctrl++"), 1), (("Ctrl+-",), -1), (("Ctrl+0",), 0)):
            for key in keys:
                QShortcut(QKeySequence(key), self, lambda step=step: self.zoom(step))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.buffer = QBuffer(self)
        for box in (self.size_box, self.orientation):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.signature.toggled.connect(lambda _on: self.refresh())
        print_button.clicked.connect(
            lambda: self.confirm(self.tr("打印")) and print_pdf(self, self.data, self.options()))
        export_button.clicked.connect(self._export)
        self.refresh()

    def zoom(self, step: int) -> None:
        """One step in (1) or out (-1) from what is shown; 0 goes back to fitting the width."""
        if step == 0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            return
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            # The factor of the fitted view: page width on screen over its width at 100 %.
            page = self.document.pagePointSize(0)
            shown = self.view.viewport().width() - 2 * self.view.documentMargins().left()
            factor = shown / (page.width() * self.logicalDpiX() / 72) if page.width() > 0 else 1.0
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)
        factor = self.view.zoomFactor() * (1.25 if step > 0 else 0.8)
        self.view.setZoomFactor(min(max(factor, ZOOM_RANGE[0]), ZOOM_RANGE[1]))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and watched is self.view.viewport():
            assert isinstance(event, QWheelEvent)
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.angleDelta().y():
                self.zoom(1 if event.angleDelta().y() > 0 else -1)
                return True
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:
        """Closed (Esc, ×): let go of the PDF now (the view sees the document unload), not when
        the dialog is finally destroyed."""
        self.document.close()
        self.buffer.close()
        super().done(result)

    def options(self) -> PdfOptions:
        base = saved_options()
        return PdfOptions(self.size_box.currentText(), self.orientation.currentIndex() == 1, base.font_path,
                          self.signature.isChecked())

    def refresh(self) -> None:
        options = self.options()
        save_options(options)
        try:
            self.data = render(self.form, options)
        except PerfdeskError as exc:
            QMessageBox.critical(self, self.tr("无法生成预览"), str(exc))
            return
        self.document.close()
        self.buffer.close()
        self.buffer.setData(QByteArray(self.data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
        self.pages_label.setText(self.tr("共 {0} 页").format(self.document.pageCount()))

    def choose_font(self, path: str | None = None) -> bool:
        """A font preference, kept only if ReportLab can embed it."""
        if path is None:
            path, _ = file_dialogs.get_open_file_name(self, self.tr("选择字体"), str(Path.home()),
                                                  self.tr("TrueType 字体 (*.ttf *.ttc);;所有文件 (*)"))
            if not path:
                return False
        from perfdesk.report.fonts import resolve_font

        try:
            resolve_font(path)
        except PerfdeskError as exc:
            QMessageBox.warning(self, self.tr("不能使用这个字体"), str(exc))
            return False
        settings.PRINT_FONT_PATH.set(path)
        self.refresh()
        return True

    def _export(self) -> None:
        if self.confirm(self.tr("导出PDF")):
            export_pdf(self, self.form, self.start_folder, self.options())
