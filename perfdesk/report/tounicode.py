"""A ToUnicode CMap that carries characters beyond U+FFFF, so 𠀀 can be copied and searched.

ReportLab 4.4 writes each entry of a TrueType subset's ToUnicode map as
``"<%02X> <%04X>" % (code, char)``: U+20000 becomes ``<01> <20000>``, five hex digits,
which is not UTF-16BE, and text extraction (pdftotext, Acrobat's search) drops the
character. The PDF reference (ToUnicode CMaps) wants the UTF-16BE code units: a
surrogate pair, ``<01> <D840DC00>``. :func:`install_tounicode_fix` replaces ReportLab's
``makeToUnicodeCMap`` (looked up as a module global when a font subset is written) with
:func:`make_tounicode_cmap`, which writes exactly the same map for BMP characters and
the surrogate pair for the rest. Idempotent.
"""

from __future__ import annotations


def utf16_hex(code: int) -> str:
    if code <= 0xFFFF:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


def make_tounicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ``makeToUnicodeCMap`` with UTF-16 surrogate pairs beyond the BMP."""
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ] + [f"<{i:02X}> <{utf16_hex(v)}>" for i, v in enumerate(subset)] + [
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def install_tounicode_fix() -> None:
    from reportlab.pdfbase import ttfonts

    if ttfonts.makeToUnicodeCMap is not make_tounicode_cmap:
        # Kept so a test can check that BMP characters are written exactly as before.
        ttfonts._perfdesk_original_cmap = ttfonts.makeToUnicodeCMap
        ttfonts.makeToUnicodeCMap = make_tounicode_cmap
