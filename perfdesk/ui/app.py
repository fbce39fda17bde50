"""Start the GUI: Chinese translations for Qt's own buttons, a CJK UI font, the window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from perfdesk import APP_NAME, __version__
from perfdesk.paths import resources_dir

log = logging.getLogger("perfdesk.ui")
UI_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
            "Source Han Sans SC", "Droid Sans Fallback", "AR PL UMing CN")


class QtTranslationGaps(QTranslator):
    """Chinese for the Qt strings qtbase_zh_CN misses: Qt 6 moved or reworded their sources
    (the file dialog showed "Look in:", "Files of type:" and "Folder" in English)."""

    MOVED = {"QAbstractFileIconProvider": "QFileDialog"}  # new context -> where the translation still is
    REWORDED = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    }

    def __init__(self, qtbase: QTranslator, parent: QApplication) -> None:
        super().__init__(parent)
        self.qtbase = qtbase

    def isEmpty(self) -> bool:  # noqa: N802
        return False

    def translate(  # type: ignore[override]  # None is Qt's null string: "not translated here"
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None reaches Qt as a null string, "not translated here"; "" would blank the text.
        text = self.REWORDED.get((context, source))
        if text is not None:
            return text
        old = self.MOVED.get(context)
        return (self.qtbase.translate(old, source, disambiguation, n) or None) if old else None


def install_translations(app: QApplication) -> None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        # Searched last (Qt asks the most recently installed first), so only for what qtbase lacks.
        app.installTranslator(QtTranslationGaps(translator, app))
        app.installTranslator(translator)
    else:
        log.warning("qtbase_zh_CN translation not found in %s", folder)


def choose_ui_font(app: QApplication) -> None:
    families = set(QFontDatabase.families())
    for name in UI_FONTS:
        if name in families:
            font = QFont(name)
            font.setPointSize(max(app.font().pointSize(), 9))
            app.setFont(font)
            return


def create_app(argv: list[str]) -> QApplication:
    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0], *argv]))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    install_translations(app)
    choose_ui_font(app)
    icon = resources_dir() / "icons" / "perfdesk.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _excepthook(kind, value, trace) -> None:  # noqa: ANN001
    if issubclass(kind, MemoryError):
        _out_of_memory(value)
        return
    log.error("uncaught exception", exc_info=(kind, value, trace))
    from perfdesk.logs import log_dir

    QMessageBox.critical(None, "perfdesk",
                         f"程序遇到意外错误：{value}\n\n您的数据仍在窗口中，请先“另存为”保存。\n"
                         f"详情已记录在 {log_dir()}")


def _out_of_memory(value: BaseException) -> None:
    """One message, no traceback: drop the frames that hold the memory before logging or showing anything."""
    value.__traceback__ = None
    sys.last_traceback = None
    sys.last_value = None
    try:
        log.error("out of memory")
        QMessageBox.critical(None, "perfdesk", QCoreApplication.translate(
            "perfdesk", "内存不足，刚才的操作没有完成。您的数据仍在窗口中，请先“另存为”保存，再关闭其他程序后重试。"))
    except MemoryError:
        pass  # nothing more can be shown; the window and its data stay


def run_gui(argv: list[str]) -> int:
    app = create_app(argv)
    from perfdesk.ui.main_window import MainWindow

    sys.excepthook = _excepthook
    window = MainWindow()
    paths = [a for a in argv if not a.startswith("-")]
    window.show()
    if paths:  # first, so the window behind the recovery question is not blank
        window.files.open_path(Path(paths[0]), ask=False)
    from perfdesk.ui.autosave import offer_recovery, recover_into

    entry = offer_recovery(window, window.autosaver)
    if entry is not None:
        recover_into(window, entry)
    # After the first paint, so it does not slow the start: Excel import must parse through defusedxml.
    QTimer.singleShot(2000, lambda: _check_xml_safety(window))
    return app.exec()


def _check_xml_safety(window) -> None:  # noqa: ANN001
    from perfdesk.errors import PerfdeskError
    from perfdesk.excel import check_xml_safety

    try:
        check_xml_safety()
    except PerfdeskError as exc:
        log.error("xml safety check failed: %s", exc)
        QMessageBox.warning(window, window.tr("安全检查"), str(exc))
