"""Whatever lands in a clerk's inbox: each bad workbook gets one clear Chinese sentence."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook
from test_xlsx_builders import formulas_workbook, put, simple_sheet

from perfdesk.domain.validation import validate_form
from perfdesk.errors import FileReadError
from perfdesk.excel import XmlSafetyError, check_xml_safety, export_project_xlsx, import_xlsx
from perfdesk.excel.safety import MB
from perfdesk.sample import sample_project

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole2(*streams: str) -> bytes:
    """Enough of a compound file for the sniffer: the signature and directory entry names."""
    body = bytearray(OLE2 + b"\x00" * 504)
    for name in streams:
        entry = name.encode("utf-16-le").ljust(64, b"\x00")
        body += entry + b"\x00" * 64
    return bytes(body)


def _valid_xlsx() -> bytes:
    buffer = io.BytesIO()
    wb = Workbook()
    simple_sheet(wb.active, "巴州测试局", "（2022年）", ("产出指标", "数量指标", "x", "1个"))
    wb.save(buffer)
    return buffer.getvalue()


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info))
    return out.getvalue()


_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
_SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def _bomb_member(padding: int) -> bytes:
    comment = f"<!-- {'x' * padding} -->" if padding else ""
    return f'<?xml version="1.0" encoding="UTF-8"?>{comment}{_LAUGHS}{_SHEET}'.encode()


def _ratio_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (6 * MB))
    return out.getvalue()


def _size_bomb() -> bytes:
    out = io.BytesIO()
    chunk = b"\x00" * (4 * MB + MB // 2)  # each member under the ratio check's threshold
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for i in range(48):
            archive.writestr(f"xl/media/image{i}.png", chunk)
    return out.getvalue()


def _zip_with(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return out.getvalue()


BAD_FILES = {
    "random-bytes": (lambda: bytes(range(256)) * 8, "不是 Excel 工作簿"),
    "renamed-text": (lambda: "任务名称,主要内容\n人员保障,工资\n".encode("gbk"), "不是 Excel 工作簿"),
    "empty": (lambda: b"", "空文件"),
    "old-xls": (lambda: _ole2("Root Entry", "Workbook", "SummaryInformation"), "97-2003（.xls）"),
    "encrypted": (lambda: _ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"), "设置了打开密码"),
    "html-as-xls": (lambda: b"<html><body><table><tr><td>1</td></tr></table></body></html>", "网页或 XML 格式"),
    "ods": (
        lambda: _zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
        ".ods",
    ),
    "xlsb": (lambda: _zip_with({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x00"}), ".xlsb"),
    "docx": (lambda: _zip_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), "Word 文档"),
    "other-zip": (lambda: _zip_with({"readme.txt": b"hello"}), "不是 Excel 工作簿"),
    "truncated": (lambda: _valid_xlsx()[:600], "已损坏"),
    "zip-ratio-bomb": (_ratio_bomb, "压缩比异常"),
    "zip-size-bomb": (_size_bomb, "解压后将达"),
    "xml-bomb": (lambda: _replace_member(_valid_xlsx(), "xl/worksheets/sheet1.xml", _bomb_member(0)), "不安全的 XML"),
    "xml-bomb-late-doctype": (
        lambda: _replace_member(_valid_xlsx(), "xl/worksheets/sheet1.xml", _bomb_member(8000)),
        "不安全的 XML",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_gets_its_message(tmp_path, kind):
    make, expected = BAD_FILES[kind]
    path = tmp_path / "收到的表.xlsx"
    path.write_bytes(make())
    with pytest.raises(FileReadError) as caught:
        import_xlsx(path)
    message = str(caught.value)
    assert expected in message
    assert "收到的表.xlsx" in message and "\n" not in message


def test_the_xml_bomb_names_the_sheet_part(tmp_path):
    path = tmp_path / "b.xlsx"
    path.write_bytes(_replace_member(_valid_xlsx(), "xl/worksheets/sheet1.xml", _bomb_member(0)))
    with pytest.raises(FileReadError, match="工作表数据（xl/worksheets/sheet1.xml）"):
        import_xlsx(path)


def test_old_xls_and_encrypted_files_say_what_to_do(tmp_path):
    path = tmp_path / "a.xls"
    path.write_bytes(_ole2("Workbook"))
    with pytest.raises(FileReadError, match="另存为"):
        import_xlsx(path)
    path.write_bytes(_ole2("EncryptionInfo", "EncryptedPackage"))
    with pytest.raises(FileReadError, match="取消密码"):
        import_xlsx(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FileReadError, match="找不到文件"):
        import_xlsx(tmp_path / "nope.xlsx")
    with pytest.raises(FileReadError, match="文件夹"):
        import_xlsx(tmp_path)


def test_formula_without_a_saved_result_names_sheet_and_cell(tmp_path):
    path = formulas_workbook(tmp_path / "f.xlsx", cached=False)
    with pytest.raises(FileReadError) as caught:
        import_xlsx(path)
    assert "工作表“公式”单元格 C4" in str(caught.value) and "=D4+E4" in str(caught.value)
    assert "保存" in str(caught.value)


def test_an_unsaved_total_formula_is_not_needed(tmp_path):
    """Our own export's 金额合计 has no saved result: that cell is never required."""
    path = tmp_path / "s.xlsx"
    export_project_xlsx(sample_project(), path)
    assert import_xlsx(path).project.forms[0].tasks


def test_an_amount_of_words_is_imported_as_typed_and_noted(tmp_path):
    """One cell of words must not refuse a whole workbook: it is kept, noted, and 审核 reports it."""
    wb = Workbook()
    wb.active.title = "教育局"
    simple_sheet(wb.active, "巴州教育局", "（2024年）", ("产出指标", "数量指标", "x", "1个"))
    put(wb.active, "D4", "约10万")
    wb.save(tmp_path / "a.xlsx")
    result = import_xlsx(tmp_path / "a.xlsx")
    task = result.project.forms[0].tasks[0]
    assert task.unparsed == {"fiscal": "约10万"} and task.fiscal is None  # D is 财政拨款
    assert any("D4" in note and "约10万" in note and "不是数字" in note for note in result.notes)
    problems = [p for p in validate_form(result.project.forms[0]) if p.rule_id == "money.not_a_number"]
    assert len(problems) == 1 and "约10万" in problems[0].message


def test_an_amount_in_the_other_unit_is_kept_as_typed_not_misread(tmp_path):
    """In a 万元 table, 100元 is not 100 万元 (10,000 times too much): kept for the clerk to convert."""
    wb = Workbook()
    simple_sheet(wb.active, "巴州教育局", "（2024年）", ("产出指标", "数量指标", "x", "1个"))
    put(wb.active, "D4", "100元")
    put(wb.active, "E4", "0.5 万元")
    wb.save(tmp_path / "a.xlsx")
    task = import_xlsx(tmp_path / "a.xlsx").project.forms[0].tasks[0]
    assert (task.fiscal, task.unparsed) == (None, {"fiscal": "100元"})
    assert str(task.other) == "0.5"  # written with the table's own unit: read


def test_an_error_value_names_sheet_and_cell(tmp_path):
    wb = Workbook()
    wb.active.title = "教育局"
    simple_sheet(wb.active, "巴州教育局", "（2024年）", ("产出指标", "数量指标", "x", "1个"))
    wb.active["C4"] = "#REF!"
    wb.save(tmp_path / "a.xlsx")
    with pytest.raises(FileReadError, match="单元格 C4.*#REF!"):
        import_xlsx(tmp_path / "a.xlsx")


def test_a_workbook_without_a_table(tmp_path):
    wb = Workbook()
    put(wb.active, "A1", "通知")
    put(wb.active, "A2", "请于5月前报送。")
    wb.create_sheet("空白")
    wb.save(tmp_path / "n.xlsx")
    with pytest.raises(FileReadError, match="没有找到可识别的绩效目标表"):
        import_xlsx(tmp_path / "n.xlsx")


def test_xml_safety_check_passes_here():
    check_xml_safety()


def test_without_defusedxml_active_nothing_is_opened(tmp_path, monkeypatch):
    import xml.etree.ElementTree as unsafe

    from openpyxl.xml import functions

    monkeypatch.setattr(functions, "iterparse", unsafe.iterparse)
    with pytest.raises(XmlSafetyError, match="defusedxml"):
        check_xml_safety()
    path = tmp_path / "s.xlsx"
    export_project_xlsx(sample_project(), path)
    with pytest.raises(FileReadError, match="XML 安全防护"):
        import_xlsx(path)
