"""Every character of a form prints: the font fallback chain, shaping, right to left, ToUnicode.

The bundled AR PL SungtiL GB has GB2312 only; GBK hanzi (镕喆堃昇珺玥), Extension B (𠀀)
and Uyghur come from the bundled fallbacks (HanaMinA subset, UKIJ Tuz). Checked three
ways: the text a PDF reader extracts, the ink on the rendered page, and the geometry of
the runs (widths, wrapping, visual order).
"""

from __future__ import annotations

import unicodedata

import pytest

from perfdesk.domain.model import Goal, Indicator, Task, new_form
from perfdesk.report import PdfOptions, render_form_pdf_bytes
from perfdesk.report import fallback as fallback_module
from perfdesk.report.fallback import FontChain, chain_for
from perfdesk.report.fonts import FallbackSource, bundled_font_path, fallback_sources, load_font
from perfdesk.report.linebreak import wrap_text
from perfdesk.report.tounicode import make_tounicode_cmap

UYGHUR = "ئۇيغۇر"
MIXED = f"巴州 {UYGHUR} 单位"
GBK = "镕喆堃昇珺玥"
EXT_B = "𠀀"


def bundled_options() -> PdfOptions:
    return PdfOptions(font_path=str(bundled_font_path()))  # never the machine's fonts


def form_with(department: str = MIXED, indicator: str = GBK, task: str = EXT_B):
    form = new_form(2025, department=department)
    form.tasks.append(Task(name=task, content="工作"))
    form.goals.append(Goal("目标"))
    form.ensure_group("产出指标", "数量指标").indicators.append(Indicator(indicator, "≥10人"))
    return form


@pytest.fixture(scope="module")
def chain() -> FontChain:
    return chain_for(load_font(bundled_font_path()))


def page_text(data: bytes) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_gbk_and_extension_b_hanzi_are_extracted_as_typed():
    text = page_text(render_form_pdf_bytes(form_with(), bundled_options()))
    assert GBK in text
    assert EXT_B in text  # needs the ToUnicode surrogate pair: ReportLab's own map drops it
    assert "巴州" in text and "单位" in text


def test_uyghur_is_shaped_and_drawn_right_to_left():
    text = page_text(render_form_pdf_bytes(form_with(), bundled_options()))
    line = next(line for line in text.splitlines() if "巴州" in line)
    drawn = line.split()[line.split().index("巴州") + 1]
    # Presentation forms, left to right as drawn: read back to front, they are the word.
    assert unicodedata.normalize("NFKC", drawn)[::-1] == UYGHUR
    # Joined: initial/medial/final forms, not the isolated letters one by one.
    isolated = {ch for ch in drawn if unicodedata.name(ch).endswith("ISOLATED FORM")}
    assert len(isolated) < len(UYGHUR) - 2, drawn


def rasterise(data: bytes):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return document[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


@pytest.mark.parametrize("text", [UYGHUR, GBK, EXT_B], ids=["uyghur", "gbk", "ext-b"])
def test_every_character_leaves_ink_in_its_cell(text):
    """The same form with and without the text in the 部门名称 cell: the difference is ink
    inside that cell only, as much as printed characters make (a missing glyph prints nothing)."""
    from PIL import ImageChops

    with_text = rasterise(render_form_pdf_bytes(form_with(department=text), bundled_options()))
    without = rasterise(render_form_pdf_bytes(form_with(department=""), bundled_options()))
    diff = ImageChops.difference(with_text, without).point(lambda v: 255 if v > 96 else 0)
    box = diff.getbbox()
    assert box is not None, "nothing was drawn"
    left, top, right, bottom = box
    width, height = with_text.size
    # The value cell of the department row: right of the label column, near the top.
    assert width * 0.3 < left and right < width * 0.7 and height * 0.1 < top and bottom < height * 0.25, box
    changed = diff.histogram()[255]
    assert changed >= 8 * len(text), changed  # 150 dpi: a blank glyph gives 0


def test_runs_split_by_font_in_visual_order(chain):
    runs = chain.runs(MIXED, 10)
    fonts = [run.font for run in runs]
    assert fonts[0] == chain.main and fonts[-1] == chain.main
    assert "UKIJ" in fonts[1] or fonts[1] != chain.main
    assert str(runs[0].text).startswith("巴州") and str(runs[-1].text).endswith("单位")
    shaped = str(runs[1].text)
    assert unicodedata.normalize("NFKC", shaped)[::-1] == UYGHUR  # harfbuzz: visual order
    assert chain.width(MIXED, 10) == pytest.approx(sum(run.width for run in runs))


def test_numbers_keep_their_order_inside_right_to_left_text(chain):
    runs = chain.runs(f"{UYGHUR} 2024 يىلى", 10)
    texts = [unicodedata.normalize("NFKC", str(run.text)).strip() for run in runs]
    texts = [t for t in texts if t]
    # Drawn left to right: the last word first, the number as written, the first word last.
    assert texts == ["يىلى"[::-1], "2024", UYGHUR[::-1]]


def test_wrapped_uyghur_lines_never_overflow(chain):
    text = " ".join([UYGHUR, "ئاپتونوم", "رايونى", "بايىنغولىن", "موڭغۇل", "ئاپتونوم", "ئوبلاستى"] * 3)
    width = 80.0
    lines = wrap_text(text, width, chain.char_width(10))
    assert len(lines) > 2
    for line in lines:
        assert chain.width(line, 10) <= width + 1e-6, line
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_fallback_widths_are_the_fallback_fonts(chain):
    width = chain.char_width(10)
    assert width("单") == pytest.approx(10.0)
    assert width("镕") == pytest.approx(10.0)  # a full em from HanaMinA, not the main font's empty .notdef
    assert width(EXT_B) == pytest.approx(10.0)


def test_characters_no_font_has_are_reported(chain):
    assert chain.missing(MIXED + GBK + EXT_B) == []
    assert chain.missing("部门😀单位\U000f0000") == ["😀", "\U000f0000"]
    assert chain.covers("\u200d") and chain.covers(" ")


def test_the_sample_never_touches_a_fallback(monkeypatch, sample_form, sample_pdf):
    """Text the main font prints alone takes the old path: same bytes, no fallback loaded."""

    def boom():
        raise AssertionError("a fallback font was loaded for the sample")

    monkeypatch.setattr(fallback_module, "_chains", {})
    monkeypatch.setattr(fallback_module, "fallback_sources", lambda: [FallbackSource("boom", boom, False)])
    assert render_form_pdf_bytes(sample_form, bundled_options()) == sample_pdf.data


def test_fallback_fonts_and_their_licences_are_shipped():
    folder = bundled_font_path().parent
    for name in ("hanzi-fallback.ttf.xz", "UKIJTuz.ttf"):
        assert (folder / name).is_file()
    licences = {
        "hanzi-fallback-LICENSE.txt": ("Hanazono Font License", "SIL OPEN FONT LICENSE"),
        "UKIJTuz-LICENSE.txt": ("SIL OPEN FONT LICENSE", "GNU LESSER GENERAL PUBLIC LICENSE"),
    }
    for name, needles in licences.items():
        text = (folder / name).read_text(encoding="utf-8")
        assert all(needle.lower() in text.lower() for needle in needles), name
    assert [s.label for s in fallback_sources()][:2] == ["hanzi-fallback.ttf.xz", "UKIJTuz.ttf"]


def test_windows_system_fonts_join_the_chain_where_installed(monkeypatch, tmp_path):
    fonts = tmp_path / "Fonts"
    fonts.mkdir()
    (fonts / "msuighur.ttf").write_bytes((bundled_font_path().parent / "UKIJTuz.ttf").read_bytes())
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    sources = fallback_sources()
    assert [s.label for s in sources] == ["hanzi-fallback.ttf.xz", "UKIJTuz.ttf", "msuighur.ttf"]
    assert sources[2].shaping and sources[2].load().name.startswith("perfdesk-msuighur")


def test_tounicode_map_writes_utf16_surrogate_pairs(chain):
    from reportlab.pdfbase import ttfonts

    cmap = make_tounicode_cmap("F", [0x20, 0x4E00, 0x20000, 0x2A6D6])
    assert "<01> <4E00>" in cmap
    assert "<02> <D840DC00>" in cmap and "<03> <D869DED6>" in cmap
    assert "<20000>" not in cmap
    bmp = [0x20, 0x41, 0x4E00, 0xFFFD]
    assert ttfonts.makeToUnicodeCMap is make_tounicode_cmap  # installed by the chain
    assert make_tounicode_cmap("F", bmp) == ttfonts._perfdesk_original_cmap("F", bmp)


def test_every_gbk_character_prints_so_validation_may_skip_the_fonts(chain):
    """``printable_predicate`` answers GBK characters without loading fonts: that shortcut
    holds only while the bundled chain really covers all of GBK."""
    from perfdesk.report.fallback import in_gbk, printable_predicate

    gbk = [chr(code) for code in range(0x80, 0x10000) if not 0xD800 <= code < 0xE000 and in_gbk(chr(code))]
    assert len(gbk) == 21791
    assert [ch for ch in gbk if not chain.covers(ch)] == []
    printable = printable_predicate()
    assert printable("镕") and printable(UYGHUR[0]) and printable(EXT_B) and not printable("😀")
