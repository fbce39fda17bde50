"""What a caller can choose about a printed table, and the font error it may meet.

Kept free of ReportLab so the GUI can import it at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfdesk.errors import PerfdeskError

PAGE_SIZES = ("A4", "A3")


class FontError(PerfdeskError):
    """A font cannot be embedded in the PDF (missing, CFF outlines, licence, no Chinese glyphs)."""

    exit_code = 2


@dataclass(frozen=True)
class PdfOptions:
    page_size: str = "A4"  # "A4" or "A3"
    landscape: bool = False
    font_path: str | None = None  # None: SimSun/FangSong on Windows, else the bundled font
    signature_block: bool = True

    def normalised_page_size(self) -> str:
        size = (self.page_size or "A4").upper()
        if size not in PAGE_SIZES:
            raise PerfdeskError(f"不支持的纸张大小“{self.page_size}”，只能选 A4 或 A3")
        return size
