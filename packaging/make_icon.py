"""Draw perfdesk's application icon: a form sheet with a red title band, a blue table and a check mark.

    python packaging/make_icon.py        writes resources/icons/perfdesk.png (256 px),
                                         perfdesk-{16..256}.png and the multi-size perfdesk.ico

Each size is drawn on a 4x canvas and scaled down, so edges stay smooth; the small
sizes get fewer table lines so the sheet still reads as a table at 16 px. Needs Pillow.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
SIZES = (256, 128, 64, 48, 32, 16)
SUPERSAMPLE = 4

RED = (200, 16, 46, 255)  # 中国红 title band and check mark
BLUE = (22, 84, 160, 255)  # table lines, the sheet's border
PALE_BLUE = (226, 236, 250, 255)  # header row of the table
PAPER = (255, 255, 255, 255)
FOLD = (204, 218, 238, 255)
SHADOW = (0, 0, 0, 60)


def draw(size: int) -> Image.Image:
    s = size * SUPERSAMPLE
    u = s / 256  # design units: everything below is laid out on a 256 grid
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    left, top, right, bottom = 40 * u, 14 * u, 216 * u, 242 * u
    fold = 40 * u
    border = max(6 * u, SUPERSAMPLE * 1.0)
    # soft shadow, then the sheet with a dog-eared top-right corner
    offset = 5 * u
    sheet = [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)]
    d.polygon([(x + offset, y + offset) for x, y in sheet], fill=SHADOW)
    d.polygon(sheet, fill=PAPER, outline=BLUE, width=round(border))
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD, outline=BLUE,
              width=round(border))

    # red title band
    band_top, band_bottom = 38 * u, 66 * u
    d.rectangle([left + 18 * u, band_top, right - 46 * u, band_bottom], fill=RED)

    # the table: header row tinted, then rows; fewer lines when the icon is small
    t_left, t_right, t_top, t_bottom = left + 18 * u, right - 18 * u, 84 * u, 222 * u
    line = max(5 * u, SUPERSAMPLE * 1.0)
    rows = 5 if size >= 64 else (3 if size >= 32 else 2)
    row_h = (t_bottom - t_top) / rows
    d.rectangle([t_left, t_top, t_right, t_top + row_h], fill=PALE_BLUE)
    d.rectangle([t_left, t_top, t_right, t_bottom], outline=BLUE, width=round(line))
    for i in range(1, rows):
        y = t_top + i * row_h
        d.line([(t_left, y), (t_right, y)], fill=BLUE, width=round(line))
    if size >= 32:
        x = t_left + (t_right - t_left) * 0.38
        d.line([(x, t_top), (x, t_bottom)], fill=BLUE, width=round(line))

    # a bold check mark over the lower right, with a white halo so it stands off the grid
    check = [(118 * u, 170 * u), (156 * u, 208 * u), (236 * u, 112 * u)]
    stroke = 26 if size > 16 else 40  # a 16 px check needs a fatter stroke to survive scaling
    for colour, width in ((PAPER, stroke + 18), (RED, stroke)):
        d.line(check, fill=colour, width=round(width * u), joint="curve")
        for x, y in (check[0], check[2]):
            r = width / 2 * u
            d.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        image.save(OUT / f"perfdesk-{size}.png", optimize=True)
    images[256].save(OUT / "perfdesk.png", optimize=True)
    # Pillow writes one entry per size, each taken from the image of that size.
    images[256].save(OUT / "perfdesk.ico", format="ICO", sizes=[(n, n) for n in SIZES],
                     append_images=[images[n] for n in SIZES if n != 256])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
