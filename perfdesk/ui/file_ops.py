"""新建/打开/保存/另存为/关闭 for the main window, with clear Chinese messages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from perfdesk.domain.model import Project, new_form
from perfdesk.errors import PerfdeskError
from perfdesk.store import open_project, save_project
from perfdesk.ui import settings
from perfdesk.ui.document import Document

if TYPE_CHECKING:
    from perfdesk.ui.main_window import MainWindow

FILE_FILTER = "perfdesk 项目 (*.db);;所有文件 (*)"


def tr(text: str) -> str:
    return QCoreApplication.translate("files", text)


class FileController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @property
    def doc(self) -> Document:
        return self.window.doc

    def display_name(self) -> str:
        return self.doc.path.name if self.doc.path else tr("未命名项目")

    def maybe_save(self) -> bool:
        """Offer to save unsaved changes. False means the clerk cancelled."""
        if not self.doc.is_modified:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window,
            tr("保存修改"),
            tr("“{0}”有未保存的修改。是否保存？").format(self.display_name()),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return self.save()
        return answer == buttons.Discard

    def new(self) -> None:
        if self.maybe_save():
            from datetime import date

            self.window.set_document(Document(Project([new_form(year=date.today().year)])))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.doc.path.parent) if self.doc.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self.window, tr("打开项目"), start, tr(FILE_FILTER))
        if name:
            self.open_path(Path(name), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            project = open_project(path)
        except PerfdeskError as exc:
            QMessageBox.warning(self.window, tr("无法打开"), str(exc))
            return False
        self.window.set_document(Document(project, path.resolve()))
        settings.add_recent_file(str(path.resolve()))
        self.window.refresh_recent_menu()
        return True

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._write(self.doc.path)

    def save_as(self) -> bool:
        form = self.doc.form
        suggested = f"{form.year or ''}年 {form.department or tr('未命名单位')} 整体支出绩效目标表.db".strip()
        folder = self.doc.path.parent if self.doc.path else Path.home()
        name, _ = QFileDialog.getSaveFileName(self.window, tr("另存为"), str(folder / suggested), tr(FILE_FILTER))
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != ".db":
            path = path.with_name(path.name + ".db")
        return self._write(path)

    def _write(self, path: Path) -> bool:
        try:
            save_project(self.doc.project, path)
        except PerfdeskError as exc:
            QMessageBox.critical(
                self.window, tr("保存失败"),
                tr("{0}\n\n您的修改仍在窗口中，没有丢失。可以用“另存为”保存到其他位置（如本机桌面）。").format(exc),
            )
            return False
        self.doc.path = path.resolve()
        self.doc.undo_stack.setClean()
        settings.add_recent_file(str(self.doc.path))
        self.window.refresh_recent_menu()
        self.window.update_title()
        self.window.statusBar().showMessage(tr("已保存到 {0}").format(self.doc.path), 5000)
        return True

    def close(self) -> None:
        if self.maybe_save():
            self.window.set_document(Document())
