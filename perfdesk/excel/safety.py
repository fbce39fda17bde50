"""Guards run before openpyxl sees a file: what kind of file it is, zip and XML bombs.

A workbook from a clerk's inbox is untrusted input. We read it once into memory
(so the checks and the parse see the same bytes), recognise formats we cannot
read (old .xls, encrypted, .xlsb, .ods, HTML disguised as .xls) and say what to do,
and check the zip directory — declared sizes, compression ratios, entry count —
before anything is decompressed. openpyxl itself has no size limits and is only
safe against entity expansion when defusedxml is active; ``check_xml_safety``
makes sure it is.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from perfdesk.errors import FileReadError, PerfdeskError
from perfdesk.oserrors import describe_read_error

MB = 1024 * 1024
MAX_FILE_BYTES = 200 * MB  # the file itself
MAX_TOTAL_UNCOMPRESSED = 200 * MB  # sum of declared member sizes
MAX_MEMBERS = 10_000
LARGE_MEMBER = 5 * MB  # the ratio check applies from this size on
MAX_RATIO = 100  # uncompressed : compressed, for large members
_HEAD = 4096  # bytes of each XML member checked for a DOCTYPE

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_SAVE_AS = "请在 Excel 或 WPS 中打开，选择“另存为”→“Excel 工作簿（*.xlsx）”后再导入"


class XmlSafetyError(PerfdeskError):
    """defusedxml is missing or not in use: workbooks must not be opened."""


def check_xml_safety() -> None:
    """Raise :class:`XmlSafetyError` unless openpyxl parses XML through defusedxml."""
    try:
        import defusedxml.ElementTree as safe_tree
    except ImportError:
        raise XmlSafetyError("缺少安全组件 defusedxml，无法安全地打开 Excel 文件；请重新安装 perfdesk") from None
    import openpyxl
    from openpyxl.xml import functions

    if not openpyxl.DEFUSEDXML or functions.iterparse is not safe_tree.iterparse:
        raise XmlSafetyError(
            "Excel 读取组件没有启用 XML 安全防护（defusedxml 未生效，可能设置了 OPENPYXL_DEFUSEDXML=False），"
            "为防止恶意文件，已停用 Excel 导入"
        )
    if not openpyxl.LXML and functions.fromstring is not safe_tree.fromstring:
        raise XmlSafetyError("Excel 读取组件没有启用 XML 安全防护，为防止恶意文件，已停用 Excel 导入")


def read_input(path: Path) -> bytes:
    """The whole file, refusing folders, missing files and oversized files."""
    if not path.exists():
        raise FileReadError(f"找不到文件：{path}")
    if path.is_dir():
        raise FileReadError(f"“{path}”是一个文件夹，不是 Excel 工作簿")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileReadError(
                f"“{path.name}”太大（{size / MB:.0f} MB，上限 {MAX_FILE_BYTES // MB} MB），"
                "不像是一张绩效目标表，已拒绝打开"
            )
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FileReadError(describe_read_error(exc, path)) from None


def sniff(data: bytes, name: str) -> None:
    """Refuse, with advice, anything that is not a zip container (an .xlsx is one)."""
    if not data:
        raise FileReadError(f"“{name}”是空文件，不是 Excel 工作簿")
    if data.startswith(OLE2_MAGIC):
        if _ENCRYPTION_STREAM in data:
            raise FileReadError(
                f"“{name}”设置了打开密码（文件已加密），无法读取；请在 Excel 或 WPS 中输入密码打开，"
                "取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存为 .xlsx 再导入"
            )
        raise FileReadError(
            f"“{name}”是旧版 Excel 97-2003（.xls）或 WPS（.et）格式，perfdesk 只能读取 .xlsx；{_SAVE_AS}"
        )
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml", b"<meta")):
        raise FileReadError(
            f"“{name}”其实是网页或 XML 格式的表格（常见于业务系统导出的“.xls”），不是真正的 Excel 工作簿；{_SAVE_AS}"
        )
    raise FileReadError(f"“{name}”不是 Excel 工作簿（.xlsx），可能只是改了扩展名，或文件已损坏")


def _part_label(member: str) -> str:
    if member.startswith("xl/worksheets/"):
        return f"工作表数据（{member}）"
    if member == "xl/sharedStrings.xml":
        return f"共享文字表（{member}）"
    return member


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Open the container after checking its directory; nothing large is decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise FileReadError(f"“{name}”已损坏（压缩包结构不完整，可能下载或复制时中断），无法打开") from None
    if len(members) > MAX_MEMBERS:
        raise FileReadError(f"“{name}”包含 {len(members)} 个内部文件，远超正常工作簿，疑似恶意文件，已拒绝打开")
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise FileReadError(f"“{name}”的内部文件已加密，无法读取；请在 Excel 或 WPS 中取消密码后另存为 .xlsx")
        total += info.file_size
        if info.file_size >= LARGE_MEMBER and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise FileReadError(
                f"“{name}”中的{_part_label(info.filename)}压缩比异常（约 {ratio}:1），"
                "疑似“压缩炸弹”，为安全起见已拒绝打开"
            )
    packed = sum(info.compress_size for info in members)
    if total >= LARGE_MEMBER and total > MAX_RATIO * max(packed, 1):
        # Many parts each just under LARGE_MEMBER escape the per-part check; their sum does not.
        raise FileReadError(
            f"“{name}”解压后将达 {total / MB:.0f} MB，是文件本身的 {total // max(packed, 1)} 倍，"
            "疑似“压缩炸弹”，为安全起见已拒绝打开"
        )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise FileReadError(
            f"“{name}”解压后将达 {total / MB:.0f} MB（上限 {MAX_TOTAL_UNCOMPRESSED // MB} MB），"
            "疑似“压缩炸弹”或夹带了大量图片，为安全起见已拒绝打开；如确属正常表格，请删除多余内容后另存"
        )
    _check_container_kind(archive, name)
    _check_doctypes(archive, name)
    return archive


def _check_container_kind(archive: zipfile.ZipFile, name: str) -> None:
    names = set(archive.namelist())
    if "mimetype" in names and "[Content_Types].xml" not in names:
        mimetype = archive.read("mimetype")[:100]
        if b"opendocument.spreadsheet" in mimetype:
            raise FileReadError(f"“{name}”是 OpenDocument 表格（.ods），perfdesk 只能读取 .xlsx；{_SAVE_AS}")
        raise FileReadError(f"“{name}”是 OpenDocument 文件，不是 Excel 工作簿")
    if "xl/workbook.bin" in names:
        raise FileReadError(f"“{name}”是 Excel 二进制工作簿（.xlsb），perfdesk 只能读取 .xlsx；{_SAVE_AS}")
    if "word/document.xml" in names:
        raise FileReadError(f"“{name}”是 Word 文档，不是 Excel 工作簿")
    if "ppt/presentation.xml" in names:
        raise FileReadError(f"“{name}”是 PowerPoint 演示文稿，不是 Excel 工作簿")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise FileReadError(f"“{name}”是压缩包，但不是 Excel 工作簿（.xlsx）")


def _check_doctypes(archive: zipfile.ZipFile, name: str) -> None:
    """A real workbook never declares a DTD; entity bombs need one. Only heads are read."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")) or info.file_size == 0:
            continue
        try:
            with archive.open(info) as member:
                head = member.read(_HEAD)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            raise FileReadError(f"“{name}”已损坏（{_part_label(info.filename)}无法解压），无法打开") from None
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise FileReadError(unsafe_xml_message(name, info.filename))


def unsafe_xml_message(name: str, member: str | None = None) -> str:
    where = f"的{_part_label(member)}" if member else ""
    return (
        f"“{name}”{where}含有不安全的 XML 内容（实体/DTD 定义，常见于“XML 炸弹”等恶意文件），"
        "为安全起见已拒绝打开；请向发送方索取在 Excel 或 WPS 中正常保存的 .xlsx 文件"
    )


def display_name(path: str | os.PathLike[str]) -> str:
    return Path(path).name
