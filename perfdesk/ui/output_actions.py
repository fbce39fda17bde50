"""Print, preview and export from the main window, asking first when 审核 found errors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox

from perfdesk.domain.validation import Severity

if TYPE_CHECKING:
    from perfdesk.ui.main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("outputs", text)


class OutputActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def confirm_despite_errors(self, what: str) -> bool:
        self.window.commit_pending_edits()  # print and export what is on screen
        validator = self.window.validator
        validator.run()
        errors = validator.counts()[Severity.ERROR]
        if not errors:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window, tr("审核发现错误"),
            tr("这张表有 {0} 个错误（见“审核结果”），审核时可能被退回。仍要{1}吗？").format(errors, what),
            buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes

    def preview(self) -> None:
        from perfdesk.ui.print_preview import PreviewDialog

        self.window.commit_pending_edits()
        dialog = PreviewDialog(self.window.doc.form, self.window, confirm=self.confirm_despite_errors)
        dialog.start_folder = self.window.doc.folder
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()  # not kept, with its PDF, as the window's child until exit

    def print_form(self) -> None:
        if not self.confirm_despite_errors(tr("打印")):
            return
        from perfdesk.ui.print_preview import print_pdf, render, saved_options

        options = saved_options()
        print_pdf(self.window, render(self.window.doc.form, options), options)

    def export_pdf(self) -> Path | None:
        if not self.confirm_despite_errors(tr("导出PDF")):
            return None
        from perfdesk.ui.print_preview import export_pdf

        return export_pdf(self.window, self.window.doc.form, self.window.doc.folder)
