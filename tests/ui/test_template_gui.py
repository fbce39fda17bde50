"""A province template in the window: its own header fields and tree columns, editable and undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

from perfdesk.domain.model import Form, Goal, Indicator, Level1, Level2, Project
from perfdesk.store import save_project


@pytest.fixture
def hunan_window(qtbot, tmp_path):
    from perfdesk.ui.main_window import MainWindow

    form = Form(
        year=2023, department="湖南省某某局", template="hunan-2023",
        fields={"部门（单位）职责": "负责全省职业技能培训的组织实施。"},
        goals=[Goal("完成职业技能培训1000人次。")],
        tree=[Level1("产出指标", [Level2("数量指标", [Indicator("培训人次", "≥1000", {
            "指标值类型": "定量", "计量单位": "人次", "指标解释": "全年参加培训的人次",
            "评（扣）分标准": "未达到按比例扣分"})])])],
    )
    path = tmp_path / "湖南.db"
    save_project(Project([form]), path)
    win = MainWindow()
    assert win.files.open_path(path, ask=False)
    win.show()
    yield win
    win.doc.undo_stack.setClean()
    win.close()
    win.deleteLater()


def test_the_tree_shows_the_templates_columns_and_the_header_its_fields(hunan_window):
    model = hunan_window.doc.tree_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    # 指标值 keeps its own column (1); the template's other columns follow, * where required.
    assert headers[2:] == ["指标值类型", "计量单位", "指标解释*", "评（扣）分标准*", "备注"]
    indicator = next(hunan_window.doc.form.iter_indicators())[2]
    assert model.index_of(indicator, 3).data() == "人次"
    duties = hunan_window.header_panel.extra["部门（单位）职责"]
    assert duties.text() == "负责全省职业技能培训的组织实施。"
    assert "湖南 年度整体绩效目标表" in hunan_window.windowTitle()
    assert hunan_window.sum_label.text() == "表样：湖南 年度整体绩效目标表"  # no 金额合计 without tasks
    assert not hunan_window.tasks_box.isVisibleTo(hunan_window)


def test_a_template_cell_is_edited_through_the_undo_stack(hunan_window):
    doc = hunan_window.doc
    model = doc.tree_model
    indicator = next(doc.form.iter_indicators())[2]
    assert model.setData(model.index_of(indicator, 6), "按季度统计")  # 备注
    assert indicator.extras["备注"] == "按季度统计"
    doc.undo_stack.undo()
    assert "备注" not in indicator.extras
    doc.undo_stack.redo()
    assert indicator.extras["备注"] == "按季度统计"


def test_an_enum_column_is_a_drop_down_of_its_options(hunan_window):
    tree = hunan_window.tree
    model = hunan_window.doc.tree_model
    indicator = next(hunan_window.doc.form.iter_indicators())[2]
    index = model.index_of(indicator, 2)
    editor = tree.itemDelegate().createEditor(tree.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == ["", "定量", "定性"]
    tree.itemDelegate().setEditorData(editor, index)
    assert editor.currentText() == "定量"
    editor.setCurrentText("定性")
    tree.itemDelegate().setModelData(editor, model, index)
    assert indicator.extras["指标值类型"] == "定性"


def test_the_duties_field_is_typed_saved_and_undone(hunan_window):
    doc = hunan_window.doc
    duties = hunan_window.header_panel.extra["部门（单位）职责"]
    duties.setText("负责培训。")
    duties.textEdited.emit("负责培训。")
    assert doc.form.fields == {"部门（单位）职责": "负责培训。"}
    assert hunan_window.files.save()
    from perfdesk.store import open_project

    assert open_project(doc.path).forms[0].fields == {"部门（单位）职责": "负责培训。"}
    doc.undo_stack.undo()
    assert doc.form.fields == {"部门（单位）职责": "负责全省职业技能培训的组织实施。"}
    assert duties.text() == "负责全省职业技能培训的组织实施。"


def test_a_column_added_by_a_template_file_alone_is_a_tree_column(qtbot, tmp_path, monkeypatch):
    import json

    from perfdesk.domain import forms
    from perfdesk.ui.main_window import MainWindow

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "source.json").write_text(json.dumps({
        "id": "test-source", "kind": "department_overall", "indicator_columns": [
            {"key": "value", "label": "指标值", "type": "target_value"}, {"label": "数据来源", "type": "text"}]},
        ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("PERFDESK_TEMPLATES_DIR", str(folder))
    forms.reload()
    try:
        indicator = Indicator("培训人次", "≥10人", {"数据来源": "年报"})
        form = Form(year=2023, department="某局", template="test-source",
                    tree=[Level1("产出指标", [Level2("数量指标", [indicator])])])
        path = tmp_path / "s.db"
        save_project(Project([form]), path)
        win = MainWindow()
        assert win.files.open_path(path, ask=False)
        model = win.doc.tree_model
        assert model.headerData(2, Qt.Orientation.Horizontal) == "数据来源"
        assert model.index_of(next(win.doc.form.iter_indicators())[2], 2).data() == "年报"
        win.doc.undo_stack.setClean()
        win.close()
        win.deleteLater()
    finally:
        monkeypatch.delenv("PERFDESK_TEMPLATES_DIR")
        forms.reload()
