"""Font choice: the bundled font by default, a clear FontError for anything unembeddable."""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path

import pytest

from perfdesk.errors import PerfdeskError
from perfdesk.report import FontError, PdfOptions, fonts, render_form_pdf_bytes
from perfdesk.report.fonts import bundled_font_path, resolve_font


def test_bundled_font_and_its_licence_are_shipped():
    path = bundled_font_path()
    assert path.is_file()
    licence = path.with_name("gbsn00lp-LICENSE.txt").read_text(encoding="utf-8")
    assert "ARPHIC PUBLIC LICENSE" in licence


def test_default_off_windows_is_the_bundled_font(monkeypatch):
    monkeypatch.setattr(fonts, "windows_font_candidates", lambda: [])
    assert Path(resolve_font(None).path) == bundled_font_path().resolve()


def test_windows_fonts_are_preferred_and_broken_ones_skipped(monkeypatch, tmp_path):
    broken = tmp_path / "simsun.ttc"
    broken.write_bytes(b"not a font at all")
    simfang = tmp_path / "simfang.ttf"
    shutil.copyfile(bundled_font_path(), simfang)
    monkeypatch.setattr(fonts, "windows_font_candidates", lambda: [(broken, 0), (simfang, 0)])
    assert Path(resolve_font(None).path) == simfang.resolve()


def _error(path: Path) -> str:
    with pytest.raises(FontError) as caught:
        render_form_pdf_bytes(_form(), PdfOptions(font_path=str(path)))
    assert isinstance(caught.value, PerfdeskError) and caught.value.exit_code == 2
    return str(caught.value)


def _form():
    from perfdesk.domain.model import Form

    return Form(year=2022, department="单位")


def test_missing_font_file(tmp_path):
    assert "找不到字体文件" in _error(tmp_path / "nope.ttf")


def test_cff_opentype_is_refused_with_advice(tmp_path):
    otf = tmp_path / "NotoSerifCJK-Regular.otf"
    otf.write_bytes(b"OTTO" + bytes(200))
    message = _error(otf)
    assert "CFF" in message and "TrueType" in message


def test_font_without_chinese_glyphs():
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    assert "不含中文字形" in _error(vera)


def test_damaged_font(tmp_path):
    bad = tmp_path / "宋体.ttf"
    bad.write_bytes(bundled_font_path().read_bytes()[:3000])
    message = _error(bad)
    assert "无法读取字体" in message
    assert not re.search(r"[A-Za-z]{3,}", message.replace("TrueType", "").replace(".ttf", "")), message  # no English


def test_a_folder_named_like_a_font_is_explained_in_chinese(tmp_path):
    folder = tmp_path / "宋体.ttf"
    folder.mkdir()
    message = _error(folder)
    assert "字体" in message and not re.search(r"[A-Za-z]{3,}", message.split("”")[-1]), message


def _with_fs_type(source: Path, target: Path, fs_type: int) -> None:
    data = bytearray(source.read_bytes())
    tables = struct.unpack(">H", data[4:6])[0]
    for k in range(tables):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * k : 28 + 16 * k])
        if tag == b"OS/2":
            data[offset + 8 : offset + 10] = struct.pack(">H", fs_type)
    target.write_bytes(bytes(data))


def test_font_whose_licence_forbids_embedding(tmp_path):
    restricted = tmp_path / "restricted.ttf"
    _with_fs_type(bundled_font_path(), restricted, 0x0002)
    assert "不允许嵌入" in _error(restricted)
