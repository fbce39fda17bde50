"""The main window: indicator tree on the left, header, budget table and goals beside it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDockWidget,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain.model import KIND_PROJECT, KIND_SELF_EVALUATION, Goal, Task
from perfdesk.domain.money import format_amount
from perfdesk.ui import form_template, menus, settings, task_actions, window_layout, zoom
from perfdesk.ui.autosave import Autosaver
from perfdesk.ui.document import Document
from perfdesk.ui.file_ops import FileController
from perfdesk.ui.find_bar import FindBar
from perfdesk.ui.header_panel import HeaderPanel
from perfdesk.ui.indicator_editor import IndicatorEditor
from perfdesk.ui.locate import locate_place
from perfdesk.ui.navigator import FormNavigator
from perfdesk.ui.sheet_view import SheetView
from perfdesk.ui.tree_view import IndicatorTreeView
from perfdesk.ui.validation_panel import ValidationPanel, Validator

if TYPE_CHECKING:
    from perfdesk.domain.forms import Template
    from perfdesk.domain.validation import Place
    from perfdesk.ui.output_actions import OutputActions
    from perfdesk.ui.project_editor import ProjectEditor
    from perfdesk.ui.self_eval_page import SelfEvalPage

FIRST_VALIDATION_LATEST_MS = 1500


def _buttons(*specs: tuple[str, object]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for text, slot in specs:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setProperty("perfdesk_edits", True)  # disabled in 只读打开 (ui/read_only.py)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row


class MainWindow(QMainWindow):
    # set by menus.build_menus
    recent_menu: QMenu
    backup_action: QAction
    undo_action: QAction
    redo_action: QAction

    def __init__(self, doc: Document | None = None) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.files = FileController(self)
        self.undo_group = QUndoGroup(self)
        self.autosaver = Autosaver(self)
        self.validator = Validator(self)
        self._outputs: OutputActions | None = None
        self.doc = Document()
        self._build()
        menus.build_menus(self)
        self.zoom = zoom.install(self)
        self.set_document(doc or self.doc)
        geometry = settings.WINDOW_GEOMETRY.get()
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            screen = self.screen().availableGeometry()
            if screen.height() < window_layout.SMALL_SCREEN_HEIGHT:  # a laptop: every pixel counts
                self.setGeometry(screen)
            else:
                self.resize(min(1440, int(screen.width() * 0.9)), min(900, int(screen.height() * 0.9)))
        window_layout.apply(self)
        # Validation starts after the first paint; a window that is not painted soon (started
        # minimised, or its background wholly covered) starts it anyway.
        QTimer.singleShot(FIRST_VALIDATION_LATEST_MS, self._after_first_paint)

    @property
    def outputs(self) -> OutputActions:
        """Print, preview and PDF export (loaded on first use)."""
        if self._outputs is None:
            from perfdesk.ui.output_actions import OutputActions

            self._outputs = OutputActions(self)
        return self._outputs

    # --- layout -------------------------------------------------------------------

    def _build(self) -> None:
        self.navigator = FormNavigator()
        self.navigator.new_requested = self.new_form
        self.navigator.new_self_eval_requested = self.new_self_evaluation
        self._project_editor: ProjectEditor | None = None  # built when a project table is first shown
        self._navigator_count: int | None = None  # tables in the file when the 表格 list was last decided
        self._navigator_wanted = False  # 表格 › 显示表格列表 chosen: shown even for one table
        self._self_eval_page: SelfEvalPage | None = None  # built when a 绩效自评表 is first shown
        self.tree = IndicatorTreeView()
        self.editor = IndicatorEditor()
        self.header_panel = HeaderPanel()
        self.tasks_view = SheetView()
        self.goals_view = SheetView()
        self.find_bar = FindBar()

        left = QWidget()
        lv = QVBoxLayout(left)
        tree_box = QGroupBox(self.tr("年度绩效指标"))
        tv = QVBoxLayout(tree_box)
        tv.addLayout(_buttons(
            (self.tr("添加三级指标"), lambda: self.tree.add_indicator()),
            (self.tr("删除"), lambda: self.tree.remove_selected()),
            (self.tr("上移"), lambda: self.tree.move_current(-1)),
            (self.tr("下移"), lambda: self.tree.move_current(1)),
        ))
        tv.addWidget(self.tree)
        editor_box = QGroupBox(self.tr("选中的三级指标"))
        QVBoxLayout(editor_box).addWidget(self.editor)
        left_split = self.left_split = QSplitter(Qt.Orientation.Vertical)
        left_split.addWidget(tree_box)
        left_split.addWidget(editor_box)
        left_split.setStretchFactor(0, 3)
        lv.addWidget(left_split, 1)

        header_box = QGroupBox(self.tr("单位信息"))
        QVBoxLayout(header_box).addWidget(self.header_panel)
        tasks_box = self.tasks_box = QGroupBox(self.tr("年度主要任务（预算金额：万元）"))
        tk = QVBoxLayout(tasks_box)
        tk.addLayout(_buttons(
            (self.tr("插入行"), self._insert_task),
            (self.tr("删除行"), self._remove_tasks),
            (self.tr("上移"), lambda: self._move_task(-1)),
            (self.tr("下移"), lambda: self._move_task(1)),
        ))
        tk.addWidget(self.tasks_view)
        goals_box = QGroupBox(self.tr("年度总体目标（每行一个目标）"))
        gl = QVBoxLayout(goals_box)
        gl.addLayout(_buttons(
            (self.tr("添加目标"), self._insert_goal),
            (self.tr("删除目标"), lambda: task_actions.remove_goals(self.doc, self.goals_view.selected_rows())),
            (self.tr("上移"), lambda: self._move_goal(-1)),
            (self.tr("下移"), lambda: self._move_goal(1)),
        ))
        gl.addWidget(self.goals_view)
        right = self.right_split = QSplitter(Qt.Orientation.Vertical)
        for box in (header_box, tasks_box, goals_box):
            right.addWidget(box)
        right.setStretchFactor(1, 3)
        right.setStretchFactor(2, 2)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 6)
        central = QWidget()
        cv = QVBoxLayout(central)
        cv.setContentsMargins(4, 4, 4, 0)
        # A 部门整体 table on page 0, a 项目支出 table on page 1 (ui/project_editor.py).
        self.pages = QStackedWidget()
        self.pages.addWidget(split)
        cv.addWidget(self.pages, 1)
        cv.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.validation_panel = ValidationPanel(self.validator)
        self.validation_panel.locate.connect(self.locate)
        self.validation_dock = QDockWidget(self.tr("审核结果"), self)
        self.validation_dock.setObjectName("validation_dock")
        self.validation_dock.setWidget(self.validation_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.validation_dock)
        self.navigator_dock = QDockWidget(self.tr("表格"), self)
        self.navigator_dock.setObjectName("navigator_dock")
        self.navigator_dock.setWidget(self.navigator)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator_dock)
        self.navigator.watch_validation(self.validator)
        self.navigator.entered.connect(self._enter_form)
        self.validator.updated.connect(self._validation_updated)
        self.header_panel.watch_validation(self.validator)

        self.path_label = QLabel()
        self.problems_label = QLabel()
        self.statusBar().addPermanentWidget(self.problems_label)
        self.saved_label = QLabel()
        self.sum_label = QLabel()
        for label in (self.path_label, self.saved_label, self.sum_label):
            self.statusBar().addPermanentWidget(label)

        self.tasks_view.insert_requested.connect(self._insert_task)
        self.tasks_view.delete_requested.connect(self._remove_tasks)
        self.tasks_view.move_requested.connect(self._move_task)
        self.tasks_view.paste_requested.connect(self._paste_tasks)
        self.goals_view.insert_requested.connect(self._insert_goal)
        self.goals_view.delete_requested.connect(
            lambda: task_actions.remove_goals(self.doc, self.goals_view.selected_rows()))
        self.goals_view.move_requested.connect(self._move_goal)
        self.goals_view.paste_requested.connect(
            lambda text: task_actions.paste_goals(self.doc, max(self._goal_row(), 0), text))

    def refresh_recent_menu(self) -> None:
        menus.refresh_recent_menu(self)

    # --- document -------------------------------------------------------------------

    def set_document(self, doc: Document) -> None:
        old = self.doc
        if old is not doc:
            self.undo_group.removeStack(old.undo_stack)
            old.dispose()
            old.deleteLater()
        self.doc = doc
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        self.tree.set_document(doc)
        self.editor.set_document(doc)
        self.header_panel.set_document(doc)
        self.find_bar.doc = doc
        self.navigator.set_document(doc)
        doc.forms_changed.connect(self._show_navigator_for_many)
        self._navigator_count = None
        self._show_navigator_for_many()
        if self._project_editor is not None:
            self._project_editor.set_document(doc)
        if self._self_eval_page is not None:
            self._self_eval_page.set_document(doc)
        self.tasks_view.setModel(doc.tasks_model)
        header = self.tasks_view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 160), (2, 90), (3, 90), (4, 90)):
            header.resizeSection(column, width)
        self.goals_view.setModel(doc.goals_model)
        self.goals_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        # Bound methods only for the document's signals: it can outlive this window at exit (a
        # discarded, modified undo stack emits cleanChanged as it is destroyed), and Qt drops a
        # method's connection with its window, a lambda's never.
        doc.undo_stack.cleanChanged.connect(self._clean_changed)
        doc.edited.connect(self.update_title)  # the title names the form: its name may have changed
        doc.form_switched.connect(self._form_switched)
        doc.select_requested.connect(self.select)
        doc.message.connect(self._show_message)
        self.autosaver.watch(doc)
        self.validator.watch(doc)
        self.show_template_blocks()
        self.update_title()
        self.update_status()

    def commit_pending_edits(self) -> None:
        """Finish a cell still being edited, as Excel does: the clerk typed and pressed Ctrl+S
        (or printed, or closed) without Enter. Called before anything reads the document."""
        project_views = self._project_editor.views() if self._project_editor is not None else []
        if self._self_eval_page is not None:
            project_views += self._self_eval_page.views()
        for view in (self.tree, self.tasks_view, self.goals_view, *project_views):
            if view.state() != QAbstractItemView.State.EditingState:
                continue
            for editor in view.viewport().findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                if editor.isVisible():
                    view.commitData(editor)
                    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _clean_changed(self, _clean: bool) -> None:
        self.update_title()

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _form_switched(self) -> None:
        if not self.is_project_form and not self.is_self_eval_form:
            self.tree.expandAll()
        self.show_template_blocks()
        self.update_title()

    def show_template_blocks(self) -> None:
        """A template without 年度主要任务 (湖南) shows no task table."""
        if self.is_self_eval_form:
            self.pages.setCurrentWidget(self.self_eval_page)
        else:
            self.pages.setCurrentWidget(self.project_editor if self.is_project_form else self.pages.widget(0))
        template = form_template.template_for(self.doc.form)
        self.tasks_box.setVisible(template is None or template.has_block("tasks"))

    @property
    def project_editor(self) -> ProjectEditor:
        """The page of a 项目支出 table, built the first time one is shown (not at start-up)."""
        if self._project_editor is None:
            from perfdesk.ui.project_editor import ProjectEditor

            self._project_editor = ProjectEditor()
            self.pages.addWidget(self._project_editor)
            self._project_editor.watch_validation(self.validator)
            self._project_editor.set_document(self.doc)
            self._project_editor.set_read_only(self.doc.read_only)
        return self._project_editor

    @property
    def self_eval_page(self) -> SelfEvalPage:
        """The page of a 绩效自评表, built the first time one is shown."""
        if self._self_eval_page is None:
            from perfdesk.ui.self_eval_page import SelfEvalPage

            self._self_eval_page = SelfEvalPage()
            self.pages.addWidget(self._self_eval_page)
            self._self_eval_page.set_document(self.doc)
            self._self_eval_page.set_read_only(self.doc.read_only)
        return self._self_eval_page

    @property
    def is_self_eval_form(self) -> bool:
        return self.doc.form.kind == KIND_SELF_EVALUATION

    @property
    def is_project_form(self) -> bool:
        return self.doc.form.kind == KIND_PROJECT

    def _template(self) -> Template | None:
        if self.is_project_form:  # its page is built from the declaration: read at once
            from perfdesk.domain.forms import template_of

            return template_of(self.doc.form)
        return form_template.template_for(self.doc.form)

    def _enter_form(self) -> None:
        """Enter in the navigator: the keyboard goes into the form's first table."""
        if self.is_self_eval_form:
            table = self.self_eval_page.table
            table.setFocus()
            if not table.currentIndex().isValid():
                table.setCurrentIndex(table.model().index(0, 4))
        elif self.is_project_form:
            tree = self.project_editor.trees["year"]
            tree.setFocus()
            if not tree.currentIndex().isValid():
                tree.setCurrentIndex(tree.model().index(0, 0))
        else:
            self.tree.setFocus()
            if not self.tree.currentIndex().isValid():
                self.tree.setCurrentIndex(self.doc.tree_model.index(0, 0))

    def update_title(self) -> None:
        marker = self.tr("（只读）") if self.doc.read_only else ""
        template = self._template()
        kind = "" if template is None or template.default else f" · {template.name}"  # a province table says which
        if len(self.doc.project.forms) > 1 or self.is_project_form:  # which table of the file is shown
            kind = f" — {self.doc.form.display_name}" + (f"（{template.name}）" if template is not None else "")
        self.setWindowTitle(f"{self.files.display_name()}{kind}{marker}[*] — perfdesk")
        self.setWindowModified(self.doc.is_modified)
        if self.doc.read_only or getattr(self, "read_only_guard", None) is not None:
            from perfdesk.ui import read_only  # only once a file is opened read-only

            read_only.show_read_only(self, self.doc.read_only)
            self.navigator.set_read_only(self.doc.read_only)
            if self._project_editor is not None:
                self._project_editor.set_read_only(self.doc.read_only)
            if self._self_eval_page is not None:
                self._self_eval_page.set_read_only(self.doc.read_only)
        self.update_status()

    def update_status(self) -> None:
        self.path_label.setText(str(self.doc.path) if self.doc.path else self.tr("（未保存的新项目）"))
        if self.doc.read_only:
            saved = self.tr("只读（可“另存为”新文件后修改）")
        elif self.doc.is_modified:
            saved = self.tr("有未保存的修改")
        else:
            saved = self.tr("已保存") if self.doc.path else ""  # a new, untouched project: nothing to say
        self.saved_label.setText(saved)
        template = self._template()
        if self.is_project_form or self.is_self_eval_form:  # which project, on which template
            self.sum_label.setText(self.tr("当前表：{0}　表样：{1}").format(
                self.doc.form.display_name, template.name if template is not None else self.doc.form.template))
            return
        if template is not None and not template.has_block("tasks"):
            self.sum_label.setText(self.tr("表样：{0}").format(template.name))  # no money block to sum
            return
        total, fiscal, other = self.doc.form.sums()
        sums = self.tr("金额合计：{0} 万元").format(format_amount(total))
        if template is not None and not template.default:
            sums = self.tr("表样：{0}　{1}").format(template.name, sums)
        self.sum_label.setText(sums)

    def select(self, kind: str, ident: str) -> None:
        doc = self.doc
        if self.is_self_eval_form:
            self.self_eval_page.select(kind, ident)
        elif self.is_project_form:
            self.project_editor.select(kind, ident)
        elif kind == "indicator":
            try:
                _, _, indicator = doc.find_indicator(doc.form, ident)
            except KeyError:  # not in this form (any more)
                return
            index = doc.tree_model.index_of(indicator, max(self.tree.currentIndex().column(), 0))
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        elif kind in ("task", "goal"):
            view = self.tasks_view if kind == "task" else self.goals_view
            items: Sequence[Task | Goal] = doc.form.tasks if kind == "task" else doc.form.goals
            row = next((i for i, item in enumerate(items) if item.id == ident), None)
            if row is not None:
                column = max(view.currentIndex().column(), 0)
                view.setCurrentIndex(view.model().index(row, column))

    def _validation_updated(self) -> None:
        from perfdesk.domain.validation import Severity

        counts = self.validator.counts()
        errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
        self.problems_label.setText(self.tr("审核：{0} 个错误，{1} 个警告").format(errors, warnings))
        self.problems_label.setStyleSheet("color: #b00020;" if errors else "")

    def locate(self, place: Place) -> None:
        if self.is_self_eval_form:
            self.self_eval_page.locate(place)
            return
        if self.is_project_form and place.kind in ("indicator", "level2", "goal") and place.ref_id:
            self.project_editor.select("goal" if place.kind == "goal" else "indicator", place.ref_id)
            return
        locate_place(self, place)

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from perfdesk.domain.model import Indicator

        node = self.doc.tree_model.node(current)
        self.editor.show_indicator(node if isinstance(node, Indicator) else None)

    # --- tasks and goals ------------------------------------------------------------

    def _insert_task(self) -> None:
        current = self.tasks_view.currentIndex()
        row = task_actions.insert_task(self.doc, current.row() + 1 if current.isValid() else len(self.doc.form.tasks))
        self.tasks_view.focus_cell(row)  # typing goes into the new row's 任务名称

    def _remove_tasks(self) -> None:
        rows = self.tasks_view.selected_rows()
        task_actions.remove_tasks(self.doc, rows)

    def _move_task(self, step: int) -> None:
        task_actions.move_task(self.doc, self.tasks_view.currentIndex().row(), step)

    def _paste_tasks(self, text: str) -> None:
        anchor = self.tasks_view.anchor()
        row = anchor.row() if anchor.isValid() else len(self.doc.form.tasks)
        message = task_actions.paste_tasks(self.doc, row, max(anchor.column(), 0), text)
        if message:
            self.statusBar().showMessage(message, 10000)

    def _insert_goal(self) -> None:
        row = task_actions.insert_goal(self.doc, self._goal_row() + 1)
        self.goals_view.focus_cell(row)

    def _goal_row(self) -> int:
        current = self.goals_view.currentIndex()
        return current.row() if current.isValid() else len(self.doc.form.goals) - 1

    def _move_goal(self, step: int) -> None:
        task_actions.move_goal(self.doc, self.goals_view.currentIndex().row(), step)

    # --- forms ------------------------------------------------------------------------

    def new_form(self) -> None:
        from perfdesk.ui.new_form_dialog import NewFormDialog

        dialog = NewFormDialog(self.doc.project, self)
        if dialog.exec():
            self.navigator.add_form(dialog.build())

    def new_self_evaluation(self) -> None:
        """表格 › 新建自评表: from a 项目 or 部门整体 table of this file (ui/self_eval_sync.py)."""
        from perfdesk.ui.self_eval_sync import new_self_evaluation

        self.commit_pending_edits()
        new_self_evaluation(self, self.doc)

    def show_navigator(self) -> None:
        """表格 › 显示表格列表: the dock back if closed, the keyboard in it."""
        self._navigator_wanted = True
        self.navigator_dock.show()
        self.navigator.view.setFocus()

    def _show_navigator_for_many(self) -> None:
        """The 表格 list appears when a file comes to hold more than one table (a department's
        部门整体 table alone needs no list, and the window opens as fast as with one table);
        表格 › 显示表格列表 shows it anyway. A list the clerk closed stays closed while the count
        of tables stays above one."""
        count = len(self.doc.project.forms)
        if count > 1 and (self._navigator_count is None or self._navigator_count <= 1):
            self.navigator_dock.show()
        elif count <= 1 and not self._navigator_wanted:
            self.navigator_dock.hide()
        self._navigator_count = count

    def remove_form(self, ask: bool = True) -> None:
        """删除当前表, after asking (the navigator's 删除 and Delete key do the same)."""
        if ask:
            self.navigator.remove_current()
            return
        confirm = self.navigator.confirm
        self.navigator.confirm = lambda _name: True
        try:
            self.navigator.remove_current()
        finally:
            self.navigator.confirm = confirm

    # --- window events ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.validator.started:
            # Once the table is on screen: a 0 ms timer runs after this whole paint pass.
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if not self.validator.started:
            form_template.allow_loading()  # now the declarations may be read (see form_template)
            zoom.install_wheel(self, self.zoom)
            self.doc.tree_model.check_template()
            self.header_panel.refresh()
            self.show_template_blocks()
            self.update_title()
            self.validator.start()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().lower().endswith(".db") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().lower().endswith(".db"):
                self.files.open_path(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        settings.WINDOW_GEOMETRY.set(bytes(self.saveGeometry().data()))
        self.autosaver.shutdown()
        self.doc.dispose()
        event.accept()
