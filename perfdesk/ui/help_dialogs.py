"""帮助: the offline user guide, 关于, and the log folder for IT staff."""

from __future__ import annotations

from pathlib import Path

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


def font_family(path: Path) -> str:
    """A font file's family name as a clerk knows it (AR PL SungtiL GB), or its file name."""
    from PySide6.QtGui import QRawFont

    raw = QRawFont(str(path), 12)
    return raw.familyName() if raw.isValid() and raw.familyName() else path.name


def font_licences() -> str:
    """The bundled print fonts, by family name (the file in brackets, for IT staff)."""
    folder = resources_dir() / "fonts"
    paths = sorted(folder.glob("*.tt[fc]")) if folder.is_dir() else []
    names = [f"{font_family(p)}（{p.name}）" for p in paths]
    return "、".join(names) if names else "—"


def chosen_print_font() -> str:
    """The print font chosen in 打印预览 › 字体…, by family name; "" when the bundled one is used."""
    from perfdesk.ui import settings

    chosen = settings.PRINT_FONT_PATH.get()
    return font_family(Path(str(chosen))) if chosen and Path(str(chosen)).is_file() else ""


def about_text(parent: QWidget) -> str:
    chosen = chosen_print_font()
    printing = (parent.tr("<p>打印字体：{0}（在“打印预览 › 字体…”中选择）。</p>").format(chosen) if chosen
                else parent.tr("<p>打印字体：内置字体。</p>"))
    return parent.tr(
        "<h3>perfdesk {0}</h3>"
        "<p>部门（单位）整体支出绩效目标表的填报、审核与打印工具，离线使用。</p>"
        "<p>内置打印字体：{1}（许可证文件在 {2}）。</p>"
        "{3}"
        "<p>使用 Qt（LGPL）、SQLAlchemy、ReportLab、openpyxl。</p>"
    ).format(__version__, font_licences(), resources_dir() / "fonts", printing)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, parent.tr("关于 perfdesk"), about_text(parent))


def open_log_folder() -> None:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
