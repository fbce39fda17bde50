"""Choosing, checking and registering the one TrueType font a PDF is printed in.

Only TrueType outlines (.ttf/.ttc) can be embedded by ReportLab: CFF ``.otf``
(思源宋体, Noto CJK) is refused, and the built-in ``STSong-Light`` embeds nothing,
so neither is ever used. On Windows SimSun (宋体) or FangSong (仿宋) is preferred
when installed; otherwise the bundled AR PL SungtiL GB (``resources/fonts``).
A font is parsed once per process and then reused.

Characters the main font lacks are printed from fallback fonts (``fallback.py`` picks,
per character, the first of :func:`fallback_sources` that has a glyph): the bundled
hanzi subset of HanaMinA (all of GBK, Extension A, part of B; xz-compressed, see
``scripts/make_fallback_fonts.py``), the bundled UKIJ Tuz for Uyghur and Kazakh, then
Windows' own SimSun-ExtB, Microsoft Uighur, Mongolian Baiti, Microsoft Himalaya and
Segoe UI Symbol where installed. Fallbacks load on first need only.
"""

from __future__ import annotations

import hashlib
import io
import lzma
import os
import struct
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from perfdesk.oserrors import os_cause
from perfdesk.paths import resources_dir
from perfdesk.report.options import FontError

BUNDLED_FONT_FILE = "gbsn00lp.ttf"
HANZI_FALLBACK_FILE = "hanzi-fallback.ttf.xz"
UYGHUR_FALLBACK_FILE = "UKIJTuz.ttf"
# Windows' fonts for what the bundled ones lack: Extension B and beyond, Uyghur, Mongolian,
# Tibetan, symbols; (file, subfont index, needs shaping).
WINDOWS_FALLBACKS = (
    ("simsunb.ttf", 0, False),  # SimSun-ExtB
    ("msuighur.ttf", 0, True),  # Microsoft Uighur
    ("monbaiti.ttf", 0, True),  # Mongolian Baiti
    ("himalaya.ttf", 0, True),  # Microsoft Himalaya (Tibetan)
    ("seguisym.ttf", 0, False),  # Segoe UI Symbol (monochrome emoji, symbols)
)
# Characters every usable font must have: the fixed text of the table.
_REQUIRED_GLYPHS = "部门单位整体支出绩效目标表年度主要任务名称金额合计指标值第页共"


@dataclass(frozen=True)
class Font:
    """A registered font: ``name`` is what ReportLab's canvas calls it."""

    name: str
    path: str
    subfont_index: int


_registered: dict[tuple[str, int], Font] = {}


@dataclass(frozen=True)
class FallbackSource:
    """A fallback font not loaded yet: ``load`` parses and registers it (or raises FontError)."""

    label: str
    load: Callable[[], Font]
    shaping: bool  # a script that needs harfbuzz (joining, reordering, stacking)


def bundled_font_path() -> Path:
    return resources_dir() / "fonts" / BUNDLED_FONT_FILE


def windows_fonts_folder() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def windows_font_candidates() -> list[tuple[Path, int]]:
    """SimSun then FangSong, when this is Windows and they are installed."""
    if sys.platform != "win32":
        return []
    folder = windows_fonts_folder()
    candidates = [(folder / "simsun.ttc", 0), (folder / "simfang.ttf", 0)]
    return [(path, index) for path, index in candidates if path.is_file()]


def resolve_font(font_path: str | os.PathLike[str] | None = None) -> Font:
    """The font to print with; a font the user chose must work or :class:`FontError`."""
    if font_path:
        path = Path(font_path)
        return load_font(path, 0)
    for path, index in windows_font_candidates():
        try:
            return load_font(path, index)
        except FontError:
            continue  # e.g. a trimmed system font without the CJK glyphs: fall back
    bundled = bundled_font_path()
    if not bundled.is_file():
        raise FontError(f"找不到内置字体文件“{bundled}”，程序可能安装不完整，请重新安装 perfdesk")
    return load_font(bundled, 0)


def fallback_sources() -> list[FallbackSource]:
    """The fallback chain after the main font, in order (nothing is read yet)."""
    folder = resources_dir() / "fonts"
    sources = [
        FallbackSource(HANZI_FALLBACK_FILE, lambda: load_font(folder / HANZI_FALLBACK_FILE, chinese=False), False),
        FallbackSource(UYGHUR_FALLBACK_FILE, lambda: load_font(folder / UYGHUR_FALLBACK_FILE, chinese=False), True),
    ]
    if sys.platform == "win32":
        system = windows_fonts_folder()
        for file, index, shaping in WINDOWS_FALLBACKS:
            path = system / file
            if path.is_file():
                sources.append(FallbackSource(file, _loader(path, index), shaping))
    return sources


def _loader(path: Path, index: int) -> Callable[[], Font]:
    return lambda: load_font(path, index, chinese=False)


def load_font(path: Path, subfont_index: int = 0, chinese: bool = True) -> Font:
    """Parse and register ``path`` (cached), checking that it can be embedded.

    ``chinese``: the font must have the table's fixed text (a main font); a ``.xz``
    file is decompressed in memory first.
    """
    key = (str(path.resolve()) if path.exists() else str(path), subfont_index)
    font = _registered.get(key)
    if font is not None:
        return font
    name = _font_name(path, key[0], subfont_index)
    ttfont = _parse(path, name, subfont_index)
    if not _licence_allows_embedding(ttfont.face):
        raise FontError(f"字体“{path.name}”的授权不允许嵌入 PDF，请改选宋体、仿宋等可嵌入的字体")
    missing = [ch for ch in _REQUIRED_GLYPHS if ord(ch) not in ttfont.face.charToGlyph] if chinese else []
    if missing:
        raise FontError(f"字体“{path.name}”不含中文字形（缺少“{''.join(missing[:5])}”等字），"
                        "请改选宋体、仿宋等中文字体")
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.registerFont(ttfont)
    font = Font(name=name, path=key[0], subfont_index=subfont_index)
    _registered[key] = font
    return font


def _font_name(path: Path, resolved: str, subfont_index: int) -> str:
    # Stable for a given file, so the same form gives the same PDF bytes.
    digest = hashlib.sha1(f"{resolved}#{subfont_index}".encode()).hexdigest()[:8]
    stem = "".join(ch for ch in path.stem if ch.isascii() and ch.isalnum()) or "font"
    return f"perfdesk-{stem}-{subfont_index}-{digest}"


def _parse(path: Path, name: str, subfont_index: int):
    if not path.is_file():
        raise FontError(f"找不到字体文件“{path}”")
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise FontError(f"无法读取字体“{path.name}”：{os_cause(exc)}") from None
    if magic == b"OTTO":
        raise FontError(_cff_message(path))
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        if path.suffix == ".xz":
            return TTFont(name, io.BytesIO(lzma.decompress(path.read_bytes())), subfontIndex=subfont_index)
        return TTFont(name, str(path), subfontIndex=subfont_index)
    except lzma.LZMAError:
        raise FontError(f"无法读取字体“{path.name}”：压缩文件已损坏") from None
    except TTFError as exc:
        text = str(exc)
        if "postscript outlines" in text or "OTTO" in text:
            raise FontError(_cff_message(path)) from None
        if "subsetting/embedding" in text:
            raise FontError(f"字体“{path.name}”的授权不允许嵌入 PDF，请改选宋体、仿宋等可嵌入的字体") from None
        raise FontError(f"无法读取字体“{path.name}”：文件不是有效的 TrueType 字体") from None
    except OSError as exc:
        raise FontError(f"无法读取字体“{path.name}”：{os_cause(exc)}") from None
    except Exception:  # damaged files fail in struct/index/key errors
        raise FontError(f"无法读取字体“{path.name}”：文件已损坏或不是 TrueType 字体") from None


def _licence_allows_embedding(face) -> bool:
    """The OS/2 ``fsType`` bits: ReportLab embeds even "restricted" fonts, we do not.

    Refused: restricted licence (bit 1 alone), no subsetting (0x0100, and ReportLab
    always subsets), bitmap embedding only (0x0200).
    """
    try:
        table = face.get_table("OS/2")
    except Exception:
        return True  # Apple fonts may lack OS/2: no restriction recorded
    if len(table) < 10:
        return True
    fs_type = struct.unpack(">H", table[8:10])[0]
    restricted = (fs_type & 0x000E) == 0x0002
    return not restricted and not fs_type & 0x0300


def _cff_message(path: Path) -> str:
    return (
        f"字体“{path.name}”是 OpenType（CFF 轮廓）格式，无法嵌入 PDF；"
        "请改选 TrueType 字体（.ttf 或 .ttc，例如宋体 simsun.ttc、仿宋 simfang.ttf）"
    )
