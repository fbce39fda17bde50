"""Page 1 of the sample, rasterised at 30 dpi, against a stored reference image.

Catches layout regressions text extraction cannot see (grid, merges, spacing).
Anti-aliasing differences between PDFium builds stay far below the thresholds; a
row moved by one pixel or a missing line does not. After an intended layout
change, look at the new PDF, then refresh the fixture with
``PERFDESK_UPDATE_FIXTURES=1 pytest tests/report/test_pdf_visual.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageChops

FIXTURE = Path(__file__).parent / "fixtures" / "sample_page1_30dpi.png"
DPI = 30
MAX_MEAN_DIFFERENCE = 4.0  # grey levels, over the whole page (a 0.5pt shift of the rows gives ~15)
MAX_CHANGED_SHARE = 0.015  # share of pixels differing by more than a third of the range (~0.03 for a shift)


def rasterise(data: bytes, page: int = 0) -> Image.Image:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        bitmap = document[page].render(scale=DPI / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        document.close()


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    assert a.size == b.size, f"page size changed: {a.size} != {b.size}"
    diff = ImageChops.difference(a, b)
    histogram = diff.histogram()
    pixels = a.size[0] * a.size[1]
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    changed = sum(histogram[86:]) / pixels
    return mean, changed


def test_sample_page_one_looks_like_the_reference(sample_pdf):
    image = rasterise(sample_pdf.data)
    if os.environ.get("PERFDESK_UPDATE_FIXTURES") == "1":
        FIXTURE.parent.mkdir(parents=True, exist_ok=True)
        image.save(FIXTURE, optimize=True)
    reference = Image.open(FIXTURE).convert("L")
    mean, changed = difference(image, reference)
    assert mean <= MAX_MEAN_DIFFERENCE and changed <= MAX_CHANGED_SHARE, (mean, changed)


def test_the_comparison_notices_a_changed_layout(sample_form, render_pdf):
    """The tolerance is not so loose that a different page passes."""
    reference = Image.open(FIXTURE).convert("L")
    other_page = rasterise(render_pdf(sample_form).data, page=1)  # page 2: same size, other content
    mean, changed = difference(other_page, reference)
    assert mean > MAX_MEAN_DIFFERENCE or changed > MAX_CHANGED_SHARE
