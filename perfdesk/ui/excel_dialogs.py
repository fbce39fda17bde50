"""导入Excel (with a preview of what was recognised, added as one undoable step) and 导出Excel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain.model import HORIZONS, KIND_PROJECT, Form
from perfdesk.domain.ops import Batch, InsertForm
from perfdesk.errors import PerfdeskError
from perfdesk.ui import file_dialogs, settings
from perfdesk.ui.file_ops import ask_save_path, suggested_file_name

if TYPE_CHECKING:
    from perfdesk.ui.main_window import MainWindow

XLSX_FILTER = "Excel 工作簿 (*.xlsx);;所有文件 (*)"


def tr(text: str) -> str:
    return QCoreApplication.translate("excel", text)


class ImportPreview(QDialog):
    """What was found in the workbook; the clerk picks the tables to add."""

    def __init__(self, forms: list[Form], notes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.forms = forms
        self.setWindowTitle(tr("导入Excel：识别结果"))
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("找到 {0} 张表。勾选要加入当前项目的表：").format(len(forms))))
        self.table = QTableWidget(len(forms), 5)
        self.table.setHorizontalHeaderLabels(
            [tr("部门（单位）名称"), tr("年度"), tr("任务"), tr("目标"), tr("三级指标")])
        for row, form in enumerate(forms):
            title = form.fields.get("项目名称", "") if form.kind == KIND_PROJECT else form.department
            unknown = tr("（未识别项目名称）") if form.kind == KIND_PROJECT else tr("（未识别单位名称）")
            name = QTableWidgetItem(title or unknown)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, name)
            goals = len(form.goals) + len(form.goals_mid)  # a project table's 中期 side counts too
            indicators = sum(1 for h in HORIZONS for _ in form.iter_indicators(h))
            for col, value in enumerate((form.year or "", len(form.tasks), goals, indicators), 1):
                item = QTableWidgetItem(str(value))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        layout.addWidget(QLabel(tr("识别说明：")))
        self.notes = QPlainTextEdit("\n".join(notes))
        self.notes.setReadOnly(True)
        layout.addWidget(self.notes, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("加入项目"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[Form]:
        return [f for row, f in enumerate(self.forms)
                if (item := self.table.item(row, 0)) is not None and item.checkState() == Qt.CheckState.Checked]


def import_excel(window: MainWindow, path: Path | None = None, preview: bool = True) -> int:
    """Returns how many forms were added (0 when cancelled or refused)."""
    if path is None:
        name, _ = file_dialogs.get_open_file_name(window, tr("导入Excel"), str(_excel_folder(window)), tr(XLSX_FILTER))
        if not name:
            return 0
        path = Path(name)
    from perfdesk.excel import import_xlsx

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = import_xlsx(path)
    except PerfdeskError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(window, tr("无法导入"), str(exc))
        return 0
    QApplication.restoreOverrideCursor()
    forms = result.project.forms
    if preview:
        dialog = ImportPreview(forms, result.notes, window)
        if not dialog.exec():
            return 0
        forms = dialog.chosen()
        from perfdesk.excel.self_eval_links import unlink_missing

        unlink_missing(forms)  # a 自评表 chosen without its target table keeps no link to it
    if not forms:
        return 0
    doc = window.doc
    if preview and not _confirm_duplicates(window, forms):
        return 0
    first = len(doc.project.forms)
    ops = tuple(InsertForm(first + i, form) for i, form in enumerate(forms))
    doc.apply(Batch(ops), tr("导入Excel：{0}").format(path.name))
    settings.set_last_folder("excel", path.parent)
    window.statusBar().showMessage(tr("已从 {0} 导入 {1} 张表（Ctrl+Z 可撤销）").format(path.name, len(forms)), 8000)
    return len(forms)


def _identity(form: Form) -> tuple[object, ...]:
    """What makes two tables the same table: its kind, year and unit — or project (项目名称)."""
    by_project = form.kind == KIND_PROJECT or "项目名称" in form.fields  # a project's 自评表 too
    name = form.fields.get("项目名称", "") if by_project else form.department
    return form.kind, form.year, name.strip()


def _confirm_duplicates(window: MainWindow, forms: list[Form]) -> bool:
    """Importing the same workbook twice would silently give two identical tables."""
    have = {_identity(form) for form in window.doc.project.forms}
    same = [form.display_name for form in forms if _identity(form) in have]
    if not same:
        return True
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        window, tr("导入Excel"),
        tr("项目中已经有“{0}”的表。\n仍要把导入的表作为新的一张加入吗？（不需要的表可在“表格”菜单中删除）")
        .format("”“".join(same)),
        buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes


def export_excel(window: MainWindow) -> Path | None:
    if not window.outputs.confirm_despite_errors(tr("导出Excel")):
        return None
    doc = window.doc
    # The workbook holds the whole project, so it is named after the project file.
    stem = doc.origin.stem if doc.origin else Path(suggested_file_name(doc.form.year, doc.form.department)).stem
    folder = _excel_folder(window)
    path = ask_save_path(window, tr("导出Excel"), folder / f"{stem}.xlsx", tr(XLSX_FILTER), ".xlsx")
    if path is None:
        return None
    from perfdesk.excel import export_project_xlsx

    try:
        export_project_xlsx(doc.project, path)
    except PerfdeskError as exc:
        QMessageBox.critical(window, tr("导出失败"), str(exc))
        return None
    settings.set_last_folder("excel", path.parent)
    window.statusBar().showMessage(tr("已导出 Excel：{0}").format(path), 8000)
    return path


def _excel_folder(window: MainWindow) -> Path:
    """Where the last workbook was, else beside the project, else the home folder."""
    return settings.last_folder("excel") or window.doc.folder
