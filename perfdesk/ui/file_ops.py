"""新建/打开/保存/另存为/关闭 for the main window, with clear Chinese messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from perfdesk.domain.model import Project, new_form, next_budget_year
from perfdesk.errors import PerfdeskError
from perfdesk.store import repository_for
from perfdesk.store.orphans import remove_orphan_temp_files
from perfdesk.ui import settings
from perfdesk.ui.document import Document
from perfdesk.ui.project_lock import LockOwner, describe_owner

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
        self.window.commit_pending_edits()
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
            self.window.set_document(Document(Project([new_form(next_budget_year())])))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.doc.path.parent) if self.doc.path else str(Path.home())
        from perfdesk.ui import file_dialogs  # on first use: not needed to paint the window

        name, _ = file_dialogs.get_open_file_name(self.window, tr("打开项目"), start, tr(FILE_FILTER))
        if name:
            self.open_path(Path(name), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        path = path.resolve() if path.exists() else path
        read_only = as_copy = False
        if self.doc.lock is not None and self.doc.path == path:
            lock, self.doc.lock = self.doc.lock, None  # reopening our own file: keep our lock
        else:
            lock = repository_for(path).lock()
        if path.exists() and not lock.is_held() and not lock.acquire():
            if lock.unwritable is not None:
                choice = self._ask_unlockable(path)
            else:
                choice = self._ask_locked(path, lock.owner())
            if choice is None:
                return False
            if choice == "take_over":
                if not lock.take_over():
                    QMessageBox.warning(self.window, tr("无法接管"), tr("无法删除锁文件，请检查文件夹权限。"))
                    return False
            read_only, as_copy = choice == "read_only", choice == "copy"
        held = lock if not (read_only or as_copy) else None
        try:
            project = repository_for(path).load()
        except PerfdeskError as exc:
            if held is not None:
                held.release()
            QMessageBox.warning(self.window, tr("无法打开"), str(exc))
            return False
        if as_copy:
            doc = Document(project, None, recovered=True)
            doc.suggested_path = path.with_name(path.stem + tr("（副本）") + path.suffix)
        else:
            doc = Document(project, path, read_only=read_only, lock=held)
        if held is not None:
            remove_orphan_temp_files(path.parent)  # left by a save that was killed mid-way
        self.window.set_document(doc)
        settings.add_recent_file(str(path))
        self.window.refresh_recent_menu()
        return True

    def _ask_unlockable(self, path: Path) -> str | None:
        """No lock file can be made beside ``path`` (write-protected USB stick, read-only folder)."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(tr("只读位置"))
        box.setText(tr("“{0}”所在的磁盘或文件夹是只读的（U盘写保护？没有写入权限？），无法在这里保存修改。")
                    .format(path.name))
        box.setInformativeText(tr("可以只读打开查看和打印，修改后用“另存为”保存到其他位置。"))
        read_only = box.addButton(tr("只读打开"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        return "read_only" if box.clickedButton() is read_only else None

    def _ask_locked(self, path: Path, owner: LockOwner | None) -> str | None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("文件正在被使用"))
        if owner is not None and held_by_me(owner):
            box.setText(tr("“{0}”已由您本人在这台电脑上打开（自 {1} 起），可能是另一个 perfdesk 窗口。").format(
                path.name, owner.since))
            box.setInformativeText(tr("请切换到那个窗口继续编辑；两个窗口同时修改，后保存的会覆盖先保存的。"
                                      "如果那个窗口已经关闭或没有响应，可以“强制接管”。请选择："))
        else:
            box.setText(tr("“{0}”正被 {1} 打开编辑。").format(path.name, describe_owner(owner)))
            box.setInformativeText(tr("两个人同时修改同一个文件，后保存的会覆盖先保存的。请选择："))
        read_only = box.addButton(tr("只读打开"), QMessageBox.ButtonRole.AcceptRole)
        copy = box.addButton(tr("打开副本"), QMessageBox.ButtonRole.ActionRole)
        take_over = box.addButton(tr("强制接管"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        choices: dict[QAbstractButton, str] = {read_only: "read_only", copy: "copy", take_over: "take_over"}
        return choices.get(box.clickedButton())

    def save(self) -> bool:
        self.window.commit_pending_edits()
        if self.doc.path is None or self.doc.read_only:
            if self.doc.read_only:
                QMessageBox.information(self.window, tr("只读"), tr("这个文件是只读打开的，请另存为一个新文件。"))
            return self.save_as()
        return self._write(self.doc.path)

    def save_as(self) -> bool:
        self.window.commit_pending_edits()
        form = self.doc.form
        suggested = suggested_file_name(form.year, form.department)
        folder = self.doc.folder
        if self.doc.suggested_path is not None:
            suggested = self.doc.suggested_path.name  # the overwrite prompt of the dialog asks first
        path = ask_save_path(self.window, tr("另存为"), folder / suggested, tr(FILE_FILTER), ".db")
        return path is not None and self._write(path)

    def _write(self, path: Path) -> bool:
        path = path.resolve()
        repository = repository_for(path)
        lock = self.doc.lock if self.doc.lock is not None and self.doc.path == path else repository.lock()
        if lock is not self.doc.lock and not lock.acquire() and lock.unwritable is None:
            # (no lock file can be made there: the save itself fails and says why)
            who = describe_owner(lock.owner())
            QMessageBox.warning(self.window, tr("无法保存"),
                                tr("“{0}”正被 {1} 打开，不能覆盖。请另存为其他文件名。").format(path.name, who))
            return False
        try:
            repository.save(self.doc.project, keep_backup=settings.keep_backup())
        except PerfdeskError as exc:
            if lock is not self.doc.lock:
                lock.release()
            QMessageBox.critical(
                self.window, tr("保存失败"),
                tr("{0}\n\n您的修改仍在窗口中，没有丢失。可以用“另存为”保存到其他位置（如本机桌面）。").format(exc),
            )
            return False
        self.doc.mark_saved(path, lock)
        settings.add_recent_file(str(path))
        self.window.refresh_recent_menu()
        self.window.update_title()
        self.window.statusBar().showMessage(tr("已保存到 {0}").format(path), 5000)
        return True

    def close(self) -> None:
        if self.maybe_save():
            self.window.set_document(Document())


def held_by_me(owner: LockOwner) -> bool:
    """The lock's holder is this user on this computer (another perfdesk window, most likely)."""
    import getpass

    from PySide6.QtCore import QSysInfo

    try:
        me = getpass.getuser()
    except (KeyError, OSError):  # no login name in some service contexts
        return False
    return owner.user == me and owner.host == QSysInfo.machineHostName()


_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def ask_save_path(parent: QWidget, title: str, suggested: Path, file_filter: str, suffix: str) -> Path | None:
    """The save dialog; ``None`` when cancelled. ``suffix`` (".db") is added if the clerk left it off."""
    from perfdesk.ui import file_dialogs

    name, _ = file_dialogs.get_save_file_name(parent, title, str(suggested), file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix.lower() else path.with_name(path.name + suffix)


def suggested_file_name(year: int | None, department: str) -> str:
    """``2023年 某县教育局 整体支出绩效目标表.db``, safe as a Windows file name whatever was typed."""
    unit = " ".join(_NOT_IN_FILE_NAMES.sub(" ", department).split())[:60].strip(" .") or tr("未命名单位")
    prefix = f"{year}年 " if year else ""
    return f"{prefix}{unit} 整体支出绩效目标表.db"
