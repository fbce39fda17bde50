"""The font fallback chain: which font prints each character, and a line as font runs.

The main font prints what it can; any other character comes from the first fallback
font (``fonts.fallback_sources``) that has a glyph for it, looked up once per character
per process. A line whose characters are all in the main font and contains no
right-to-left script takes the fast path (one string, one font: exactly what was drawn
before fallbacks existed); only other lines are split into runs. Runs of a script that
needs shaping (Arabic-script Uyghur/Kazakh, Mongolian, Tibetan, …) are shaped with
harfbuzz through ReportLab's ``shapeStr``; right-to-left runs are ordered by ``bidi.py``
(harfbuzz already returns an RTL run's glyphs in visual order, so only the order of the
runs is reversed, not their glyphs). A character no font has is drawn in the main font
(its empty .notdef glyph) and reported by :func:`FontChain.missing`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from perfdesk.report.bidi import RTL_CHARS, levels, visual_order
from perfdesk.report.fonts import FallbackSource, Font, fallback_sources
from perfdesk.report.options import FontError
from perfdesk.report.tounicode import install_tounicode_fix

# Scripts whose letters change shape with their neighbours or are reordered/stacked:
# Hebrew, Arabic, Syriac, Thaana, N'Ko, Arabic Extended, Tibetan, Mongolian, the
# Arabic presentation forms.
_NEEDS_SHAPING = re.compile("[\u0590-\u08ff\u0f00-\u0fff\u1800-\u18af\ufb1d-\ufdff\ufe70-\ufefc]")
# Characters that print nothing on their own: joiners, marks, variation selectors.
_IGNORABLE_CATEGORIES = frozenset(("Cf", "Mn", "Me"))


def is_ignorable(ch: str) -> bool:
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or unicodedata.category(ch) in _IGNORABLE_CATEGORIES


@dataclass
class Run:
    """Part of a line in one font, ready to draw: ``text`` may be a ReportLab ShapedStr."""

    font: str
    text: str
    width: float


class _Fallback:
    def __init__(self, source: FallbackSource) -> None:
        self.source = source
        self.font: Font | None = None
        self.cmap: dict[int, int] | None = None
        self.failed = False

    def has(self, code: int) -> bool:
        if self.cmap is None:
            if self.failed:
                return False
            try:
                self.font = self.source.load()
            except FontError:
                self.failed = True  # a damaged or unusable system font: skip it
                return False
            from reportlab.pdfbase import pdfmetrics

            self.cmap = pdfmetrics.getFont(self.font.name).face.charToGlyph
        return bool(self.cmap.get(code))


class FontChain:
    """The main font and its fallbacks, with per-character and per-line caches."""

    def __init__(self, main: Font, sources: list[FallbackSource] | None = None) -> None:
        from reportlab.pdfbase import pdfmetrics

        install_tounicode_fix()
        self.main = main.name
        self._pdf_main = pdfmetrics.getFont(main.name)
        cmap = self._pdf_main.face.charToGlyph
        self._main_chars = frozenset(chr(code) for code, glyph in cmap.items() if glyph)
        self._fallbacks = [_Fallback(s) for s in (fallback_sources() if sources is None else sources)]
        self._font_of: dict[str, str | None] = {}
        self._shaping_fonts: set[str] = set()
        self._runs: dict[tuple[str, float], list[Run]] = {}

    # -- coverage ---------------------------------------------------------------

    def font_for(self, ch: str) -> str | None:
        """The font that prints ``ch``: the main one, a fallback, or None (no glyph anywhere)."""
        if ch in self._main_chars:
            return self.main
        try:
            return self._font_of[ch]
        except KeyError:
            pass
        found: str | None = None
        code = ord(ch)
        for fallback in self._fallbacks:
            if fallback.has(code):
                assert fallback.font is not None
                found = fallback.font.name
                if fallback.source.shaping:
                    self._shaping_fonts.add(found)
                break
        self._font_of[ch] = found
        return found

    def covers(self, ch: str) -> bool:
        return ch in self._main_chars or is_ignorable(ch) or ch.isspace() or self.font_for(ch) is not None

    def missing(self, text: str) -> list[str]:
        """The distinct characters of ``text`` that no font of the chain can print, in order."""
        if self._main_chars.issuperset(text):
            return []
        seen: dict[str, None] = {}
        for ch in text:
            if ch not in seen and not self.covers(ch):
                seen[ch] = None
        return list(seen)

    # -- measuring --------------------------------------------------------------

    def simple(self, text: str) -> bool:
        """All in the main font and nothing right to left: draw it as one string."""
        return self._main_chars.issuperset(text) and not RTL_CHARS.search(text)

    def char_width(self, size: float) -> Callable[[str], float]:
        """A per-character width for line wrapping (cached per character).

        A character that is shaped gets the widest of its joining forms, so a wrapped
        line of Uyghur is never wider than measured.
        """
        main = self._pdf_main
        cache: dict[str, float] = {}

        def width(ch: str) -> float:
            w = cache.get(ch)
            if w is None:
                if ch in self._main_chars:
                    w = main.stringWidth(ch, size)
                else:
                    w = self._fallback_width(ch, size)
                cache[ch] = w
            return w

        return width

    def _fallback_width(self, ch: str, size: float) -> float:
        from reportlab.pdfbase import pdfmetrics

        font = self.font_for(ch) or self.main
        if font in self._shaping_fonts or _NEEDS_SHAPING.match(ch):
            forms = (ch, ch + "\u200d", "\u200d" + ch, "\u200d" + ch + "\u200d")
            joiner = self._shaped_width("\u200d", font, size)
            return max(self._shaped_width(form, font, size) - joiner * form.count("\u200d") for form in forms)
        return pdfmetrics.stringWidth(ch, font, size)

    def _shaped_width(self, text: str, font: str, size: float) -> float:
        from reportlab.pdfbase.ttfonts import shapeStr

        shaped = shapeStr(text, font, size, force=True)
        data = getattr(shaped, "__shapeData__", None)
        if data is None:
            from reportlab.pdfbase import pdfmetrics

            return pdfmetrics.stringWidth(text, font, size)
        return sum(d.x_advance for d in data) * size / 1000

    def width(self, text: str, size: float) -> float:
        if self.simple(text):
            return self._pdf_main.stringWidth(text, size)
        return sum(run.width for run in self.runs(text, size))

    # -- runs -------------------------------------------------------------------

    def runs(self, text: str, size: float) -> list[Run]:
        """``text`` as runs in drawing order (left to right), each in one font."""
        key = (text, size)
        cached = self._runs.get(key)
        if cached is None:
            cached = self._runs[key] = self._make_runs(text, size)
        return cached

    def _make_runs(self, text: str, size: float) -> list[Run]:
        line_levels = levels(text) if RTL_CHARS.search(text) else [0] * len(text)
        pieces: list[tuple[str, int, str]] = []  # (font, level, logical text)
        for ch, level in zip(text, line_levels):
            font = self.font_for(ch)
            if font is None or (is_ignorable(ch) and font == self.main):
                # Joiners and marks stay with the run before them; a character with no glyph
                # anywhere is drawn in the main font (nothing shows, 审核 reports it).
                font = pieces[-1][0] if pieces and is_ignorable(ch) else self.main
            if pieces and pieces[-1][0] == font and pieces[-1][1] == level:
                pieces[-1] = (font, level, pieces[-1][2] + ch)
            else:
                pieces.append((font, level, ch))
        order = visual_order(pieces, [level for _, level, _ in pieces])
        return [self._run(*pieces[i], size) for i in order]

    def _run(self, font: str, level: int, text: str, size: float) -> Run:
        from reportlab.pdfbase import pdfmetrics

        if _NEEDS_SHAPING.search(text):
            from reportlab.pdfbase.ttfonts import shapeStr

            shaped = shapeStr(text, font, size, force=True)  # harfbuzz: glyphs in visual order
            data = getattr(shaped, "__shapeData__", None)
            if data is not None:
                return Run(font, shaped, sum(d.x_advance for d in data) * size / 1000)
        if level % 2:
            text = text[::-1]  # neutrals inside right-to-left text, drawn without shaping
        if font != self.main or any(is_ignorable(ch) for ch in text):
            text = "".join(ch for ch in text if not is_ignorable(ch) or self.font_for(ch) == font)
        return Run(font, text, pdfmetrics.stringWidth(text, font, size))


_chains: dict[str, FontChain] = {}


def chain_for(main: Font) -> FontChain:
    """One chain per main font and process, so its caches outlive a single PDF."""
    chain = _chains.get(main.name)
    if chain is None:
        chain = _chains[main.name] = FontChain(main)
    elif len(chain._runs) > 20000:
        chain._runs.clear()  # a long GUI session: keep the line cache bounded
    return chain


def in_gbk(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def printable_predicate(font_path: str | None = None) -> Callable[[str], bool]:
    """``printable(ch)``: can a PDF printed with ``font_path`` (None: the default font) show ``ch``?

    For validation (审核), which must stay cheap: every GBK character is printed by the
    bundled fallbacks whatever the main font (a test checks all 21,791), so those are
    answered by the codec and the fonts (and ReportLab) are read only for a character
    outside GBK. A main font that cannot be used is judged as the default one would be;
    printing reports that font.
    """
    chain: FontChain | None = None

    def printable(ch: str) -> bool:
        nonlocal chain
        if in_gbk(ch):
            return True
        if chain is None:
            from perfdesk.report.fonts import resolve_font

            try:
                chain = chain_for(resolve_font(font_path))
            except FontError:
                chain = chain_for(resolve_font(None))
        return chain.covers(ch)

    return printable
