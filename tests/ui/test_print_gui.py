"""打印预览 / 打印 / 导出PDF from the window."""

from __future__ import annotations

import pdfplumber
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from perfdesk.ui import file_dialogs, print_preview


def test_preview_shows_the_pdf_and_remembers_the_paper(window):
    dialog = print_preview.PreviewDialog(window.doc.form, window)
    assert dialog.document.pageCount() == 4
    assert dialog.pages_label.text() == "共 4 页"
    dialog.orientation.setCurrentIndex(1)  # landscape
    assert print_preview.saved_options().landscape
    assert dialog.document.pagePointSize(0).width() > dialog.document.pagePointSize(0).height()
    dialog.orientation.setCurrentIndex(0)
    dialog.close()


def test_printing_renders_every_page_at_printer_resolution(window, tmp_path):
    data = print_preview.render(window.doc.form, print_preview.saved_options())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setFullPage(True)
    printer.setResolution(150)  # keeps the test quick; real printers report their own
    assert print_preview.print_to(printer, data, window)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 4
        assert abs(pdf.pages[0].width - 595) < 3  # A4 kept


def test_export_with_errors_asks_first(window, tmp_path, monkeypatch):
    target = tmp_path / "导出.pdf"
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: (str(target), ""))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    assert window.outputs.export_pdf() is None
    assert asked and "3 个错误" in asked[0] and not target.exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.outputs.export_pdf() == target
    with pdfplumber.open(target) as pdf:
        assert "新疆巴州人力资源和社会保障局" in pdf.pages[0].extract_text()


def test_preview_buttons_also_ask_when_there_are_errors(window, monkeypatch):
    opened = []
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: opened.append(1) or ("", ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = print_preview.PreviewDialog(window.doc.form, window, confirm=window.outputs.confirm_despite_errors)
    dialog._export()
    assert opened == []  # declined at the error question: no file dialog
    dialog.close()


def test_export_from_the_preview_says_where_the_pdf_went(window, tmp_path, monkeypatch):
    offered, told = [], []
    target = tmp_path / "预览导出"  # no extension typed
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: offered.append(a[2]) or (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    dialog = print_preview.PreviewDialog(window.doc.form, window, confirm=window.outputs.confirm_despite_errors)
    dialog._export()
    dialog.close()
    assert offered[0].endswith("2022年 新疆巴州人力资源和社会保障局 整体支出绩效目标表.pdf")
    assert (tmp_path / "预览导出.pdf").exists()
    assert told and "已导出 PDF" in told[0] and "共 4 页" in told[0]


def test_font_preference_refuses_what_cannot_be_embedded(window, tmp_path, monkeypatch):
    from perfdesk.paths import resources_dir

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    dialog = print_preview.PreviewDialog(window.doc.form, window)
    fake = tmp_path / "fake.otf"
    fake.write_bytes(b"OTTO" + b"\0" * 200)
    assert not dialog.choose_font(str(fake))
    assert warned and print_preview.saved_options().font_path is None
    bundled = str(resources_dir() / "fonts" / "gbsn00lp.ttf")
    assert dialog.choose_font(bundled)
    assert print_preview.saved_options().font_path == bundled
    dialog.close()
