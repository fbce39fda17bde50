"""The main window's menu bar: every command, its shortcut, and what it calls.

Dialogs, printing and Excel are imported when their command is first used, not
before the window is painted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from perfdesk.ui import settings

if TYPE_CHECKING:
    from perfdesk.ui.main_window import MainWindow


def _excel_dialogs():  # noqa: ANN202
    from perfdesk.ui import excel_dialogs

    return excel_dialogs


def _help_dialogs():  # noqa: ANN202
    from perfdesk.ui import help_dialogs

    return help_dialogs


def _fill_down() -> ModuleType:
    from perfdesk.ui import fill_down

    return fill_down


def _action(window: MainWindow, menu: QMenu, text: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """Fills the menu bar; sets ``window.recent_menu``, ``backup_action``, ``undo_action``, ``redo_action``."""
    tr, files, outputs = window.tr, window.files, lambda: window.outputs
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("文件(&F)"))
    _action(window, file_menu, tr("新建(&N)"), files.new, QKeySequence.StandardKey.New)
    _action(window, file_menu, tr("打开(&O)…"), files.open_dialog, QKeySequence.StandardKey.Open)
    window.recent_menu = file_menu.addMenu(tr("最近打开(&R)"))
    _action(window, file_menu, tr("保存(&S)"), files.save, QKeySequence.StandardKey.Save)
    _action(window, file_menu, tr("另存为(&A)…"), files.save_as, QKeySequence("Ctrl+Shift+S"))
    _action(window, file_menu, tr("关闭(&C)"), files.close, QKeySequence.StandardKey.Close)
    file_menu.addSeparator()
    _action(window, file_menu, tr("打印预览(&V)…"), lambda: outputs().preview(), QKeySequence("Ctrl+Shift+P"))
    _action(window, file_menu, tr("打印(&P)…"), lambda: outputs().print_form(), QKeySequence.StandardKey.Print)
    _action(window, file_menu, tr("导出PDF(&D)…"), lambda: outputs().export_pdf())
    file_menu.addSeparator()
    _action(window, file_menu, tr("导入Excel(&I)…"), lambda: _excel_dialogs().import_excel(window))
    _action(window, file_menu, tr("导出Excel(&E)…"), lambda: _excel_dialogs().export_excel(window))
    file_menu.addSeparator()
    window.backup_action = QAction(tr("保存时保留上一版（.bak）"), window)
    window.backup_action.setCheckable(True)
    window.backup_action.setChecked(settings.keep_backup())
    window.backup_action.toggled.connect(settings.set_keep_backup)
    file_menu.addAction(window.backup_action)
    file_menu.addSeparator()
    _action(window, file_menu, tr("退出(&X)"), window.close, QKeySequence("Ctrl+Q"))

    edit_menu = bar.addMenu(tr("编辑(&E)"))
    window.undo_action = window.undo_group.createUndoAction(window, tr("撤销"))
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.redo_action = window.undo_group.createRedoAction(window, tr("重做"))
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    _action(window, edit_menu, tr("查找(&F)…"), window.find_bar.open, QKeySequence.StandardKey.Find)
    _action(window, edit_menu, tr("向下填充(&D)"), lambda: _fill_down().fill_down_in(window), QKeySequence("Ctrl+D"))

    check_menu = bar.addMenu(tr("审核(&V)"))
    toggle = window.validation_dock.toggleViewAction()
    toggle.setText(tr("显示审核结果(&S)"))
    toggle.setShortcut(QKeySequence("F7"))
    check_menu.addAction(toggle)
    _action(window, check_menu, tr("修复选中的问题(&F)"), window.validation_panel.apply_fix)

    form_menu = bar.addMenu(tr("表格(&T)"))
    _action(window, form_menu, tr("新建表(&N)…"), window.new_form)
    _action(window, form_menu, tr("新建自评表(&E)…"), window.new_self_evaluation)
    _action(window, form_menu, tr("复制当前表(&C)"), lambda: window.navigator.duplicate_current())
    _action(window, form_menu, tr("删除当前表(&D)"), window.remove_form)
    _action(window, form_menu, tr("显示表格列表(&L)"), window.show_navigator)

    help_menu = bar.addMenu(tr("帮助(&H)"))
    _action(window, help_menu, tr("使用说明(&G)"), lambda: _help_dialogs().show_guide(window), QKeySequence("F1"))
    _action(window, help_menu, tr("打开日志文件夹(&L)"), lambda: _help_dialogs().open_log_folder())
    _action(window, help_menu, tr("关于 perfdesk(&A)"), lambda: _help_dialogs().show_about(window))
    refresh_recent_menu(window)


def refresh_recent_menu(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    files = settings.recent_files()
    for path in files:
        action = menu.addAction(path)
        action.triggered.connect(lambda _c=False, p=path: window.files.open_path(Path(p)))
    if files:
        menu.addSeparator()
        menu.addAction(window.tr("清除列表"), lambda: _clear_recent(window))
    menu.setEnabled(bool(files))


def _clear_recent(window: MainWindow) -> None:
    settings.clear_recent_files()
    refresh_recent_menu(window)
