"""帮助: the offline user guide, 关于, and the log folder for IT staff."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from perfdesk import __version__
from perfdesk.logs import log_dir
from perfdesk.paths import resources_dir


def show_guide(parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(dialog.tr("使用说明"))
    dialog.resize(720, 640)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(False)
    browser.setHtml((resources_dir() / "help" / "guide.html").read_text(encoding="utf-8"))
    QVBoxLayout(dialog).addWidget(browser)
    dialog.exec()


def font_licences() -> str:
    folder = resources_dir() / "fonts"
    names = sorted(p.stem for p in folder.glob("*.tt[fc]")) if folder.is_dir() else []
    return "、".join(names) if names else "—"


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        parent.tr("关于 perfdesk"),
        parent.tr(
            "<h3>perfdesk {0}</h3>"
            "<p>部门（单位）整体支出绩效目标表的填报、审核与打印工具，离线使用。</p>"
            "<p>内置字体：{1}（许可证文件：{2}）。</p>"
            "<p>使用 Qt（LGPL）、SQLAlchemy、ReportLab、openpyxl。</p>"
        ).format(__version__, font_licences(), resources_dir() / "fonts"),
    )


def open_log_folder() -> None:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
