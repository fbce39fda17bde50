"""Open and save dialogs that read as Chinese: 类型 says “perfdesk 项目”, dates are 2026/03/01 14:05.

Qt's own dialog (used where the system offers none, as on most Linux desks) shows a ``.db``
file as "SQLite3 database" and dates in the system locale's order. A proxy over its file
model rewrites those two columns. Where the system's native dialog is used (Windows), it
shows the system's own, already localised, columns and the proxy is not consulted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QTreeView, QWidget

TYPE_COLUMN, DATE_COLUMN = 2, 3
DATE_FORMAT = "yyyy/MM/dd HH:mm"  # zero-padded: sorts by date when the column is clicked
TYPES = {"db": "perfdesk 项目", "xlsx": "Excel 工作簿", "pdf": "PDF 文件"}


def tr(text: str) -> str:
    return QCoreApplication.translate("file_dialogs", text)


class ChineseFileColumns(QSortFilterProxyModel):
    """The file list's 类型 and 修改日期 columns, as a Chinese clerk expects them."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (TYPE_COLUMN, DATE_COLUMN):
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                info = source.fileInfo(self.mapToSource(index))
                if index.column() == DATE_COLUMN:
                    return info.lastModified().toString(DATE_FORMAT)
                kind = TYPES.get(info.suffix().lower()) if info.isFile() else None
                if kind is not None:
                    return tr(kind)
        return super().data(index, role)


def build_dialog(parent: QWidget | None, title: str, start: str, file_filter: str, save: bool) -> QFileDialog:
    """The dialog, not yet shown (tests look at its columns)."""
    dialog = QFileDialog(parent, title)
    dialog.setNameFilters(file_filter.split(";;"))
    start_path = Path(start) if start else Path.home()
    if start_path.is_dir():
        dialog.setDirectory(str(start_path))
    else:
        dialog.setDirectory(str(start_path.parent))
        dialog.selectFile(start_path.name)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setProxyModel(ChineseFileColumns(dialog))
    _widen_columns(dialog)
    return dialog


def _widen_columns(dialog: QFileDialog) -> None:
    """Room for “perfdesk 项目” and a whole date (Qt's widths cut them to “per… 项目”)."""
    view = dialog.findChild(QTreeView, "treeView")  # None where the system's own dialog is used
    if view is None:
        return
    metrics = view.fontMetrics()
    widths = {TYPE_COLUMN: max(metrics.horizontalAdvance(tr(kind)) for kind in TYPES.values()),
              DATE_COLUMN: metrics.horizontalAdvance("2026/12/31 23:59")}
    for column, width in widths.items():
        view.header().resizeSection(column, width + 24)
    dialog.resize(max(dialog.width(), 860), max(dialog.height(), 520))


def _run(dialog: QFileDialog) -> tuple[str, str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", ""
        return dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()


def get_open_file_name(parent: QWidget | None, title: str, start: str, file_filter: str) -> tuple[str, str]:
    """Like ``QFileDialog.getOpenFileName``: ("", "") when cancelled."""
    return _run(build_dialog(parent, title, start, file_filter, save=False))


def get_save_file_name(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> tuple[str, str]:
    """Like ``QFileDialog.getSaveFileName`` (asks before overwriting): ("", "") when cancelled."""
    return _run(build_dialog(parent, title, suggested, file_filter, save=True))
