"""Regenerate the bundled hanzi fallback font ``resources/fonts/hanzi-fallback.ttf.xz``.

A dev-time tool (needs ``pip install fonttools``; perfdesk itself does not). It cuts
HanaMinA (Debian: ``apt-get install fonts-hanazono``, GlyphWiki Project, Hanazono Font
License or OFL) down to the characters the main bundled font (AR PL SungtiL GB, GB2312
only) lacks and a printed form may need:

- every GBK character (21,791 two-byte codes: the 14,160 hanzi outside GB2312 such as
  镕 喆 堃 昇 珺 玥, and the few symbols), so all of GBK prints;
- the rest of GB18030's hanzi: CJK Unified Ideographs, Extension A, the compatibility
  ideographs, radicals, and the Extension B characters HanaMinA carries (𠀀 among them).

Hints, vertical metrics and layout tables are dropped (the PDF needs outlines and widths)
and the family is renamed "perfdesk Hanzi Fallback" (the OFL reserves the name HanaMin for
modified versions). The result is xz-compressed: 11.7 MB of TrueType becomes ~4.7 MB, which
keeps the Linux bundle under its 150 MB limit; perfdesk decompresses it in memory the first
time a form has a character the main font lacks (~0.4 s, once per process).

    .venv/bin/python scripts/make_fallback_fonts.py [--hanamin /usr/share/fonts/truetype/hanazono/HanaMinA.ttf]
"""

from __future__ import annotations

import argparse
import io
import lzma
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
MAIN_FONT = FONTS / "gbsn00lp.ttf"
OUTPUT = FONTS / "hanzi-fallback.ttf.xz"
FAMILY = "perfdesk Hanzi Fallback"

CJK_RANGES = (
    (0x2E80, 0x2FDF),  # CJK Radicals Supplement, Kangxi Radicals
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x31C0, 0x31EF),  # CJK Strokes
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
    (0x20000, 0x2A6DF),  # Extension B (as far as HanaMinA carries it)
    (0x2F800, 0x2FA1F),  # Compatibility Ideographs Supplement
)


def gbk_code_points() -> set[int]:
    points: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            points.add(ord(text))
    return points


def wanted(main_cmap: set[int], source_cmap: set[int]) -> set[int]:
    points = gbk_code_points()
    for first, last in CJK_RANGES:
        points.update(range(first, last + 1))
    return (points - main_cmap) & source_cmap


def build(source: Path) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    main_cmap = set(TTFont(str(MAIN_FONT), lazy=True).getBestCmap())
    font = TTFont(str(source), recalcTimestamp=False)
    points = wanted(main_cmap, set(font.getBestCmap()))
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.drop_tables += ["vhea", "vmtx", "BASE", "GSUB", "GPOS", "GDEF", "FFTM", "prop"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    _rename(font)
    buffer = io.BytesIO()
    font.save(buffer)
    print(f"{len(points)} characters, {buffer.tell():,} bytes of TrueType")
    return lzma.compress(buffer.getvalue(), preset=9 | lzma.PRESET_EXTREME)


def _rename(font) -> None:
    names = font["name"]
    postscript = FAMILY.replace(" ", "")
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            names.setName(FAMILY, 4, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(postscript, 6, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            names.setName(f"{postscript}-subset-of-HanaMinA", 3, record.platformID, record.platEncID, record.langID)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hanamin", type=Path, default=Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"))
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    data = build(args.hanamin)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
