"""Chinese line breaking: our wrapper and the patched ReportLab paragraph."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfdesk.report.linebreak import NO_LINE_END, NO_LINE_START, patch_reportlab_kinsoku, wrap_text


def width10(ch: str) -> float:
    """The bundled font's metrics: CJK one em, ASCII half."""
    return 5.0 if ord(ch) < 0x2E80 and ch not in "“”‘’—…" else 10.0


def test_comma_is_pulled_back_not_started():
    # five characters fit; the comma would start line 2, so 五 moves down with it
    lines = wrap_text("一二三四五，六七八九十", 50, width10)
    assert lines == ["一二三四", "五，六七八", "九十"]


def test_opening_marks_do_not_end_a_line():
    lines = wrap_text("一二三四（五六）七八", 50, width10)
    assert lines[0] == "一二三四"
    assert all(not line.endswith(tuple(NO_LINE_END)) for line in lines)


def test_every_closing_mark_of_the_brief_is_kept_off_line_starts():
    for mark in "，；：？！、。）》”’":
        lines = wrap_text(f"甲乙丙丁{mark}戊己", 40, width10)
        assert not any(line.startswith(mark) for line in lines), (mark, lines)


def test_numbers_and_latin_words_stay_whole():
    lines = wrap_text("房屋建筑物供暖面积7851.03平方米", 100, width10)
    assert "".join(lines) == "房屋建筑物供暖面积7851.03平方米"
    assert any("7851.03" in line for line in lines)


def test_long_unbreakable_run_is_cut_rather_than_overflowing():
    lines = wrap_text("x" * 50, 40, width10)
    assert "".join(lines) == "x" * 50
    assert all(len(line) * 5 <= 40 for line in lines)


def test_hard_line_breaks_and_empty_text():
    assert wrap_text("", 50, width10) == [""]
    assert wrap_text("甲\n\n乙", 50, width10) == ["甲", "", "乙"]


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
_MARK = st.sampled_from(list(NO_LINE_START[:11]) + list(NO_LINE_END[:4]) + ["——", "……"])
_PIECE = st.one_of(_HAN, _HAN.map(lambda c: c * 2), st.tuples(_HAN, _MARK, _HAN).map("".join),
                   st.text(alphabet="0123456789.", min_size=1, max_size=6))


@given(pieces=st.lists(_PIECE, min_size=1, max_size=60), chars=st.integers(min_value=3, max_value=30))
def test_wrapping_keeps_text_and_obeys_the_rules(pieces, chars):
    text = "".join(pieces)
    width = chars * 10.0
    lines = wrap_text(text, width, width10)
    assert "".join(lines) == text
    for line in lines:
        assert sum(width10(ch) for ch in line) <= width + 1e-6
    for before, line in zip(lines, lines[1:]):
        if line and before:
            assert line[0] not in NO_LINE_START, lines
            assert before[-1] not in NO_LINE_END, lines


def _paragraph_lines(text: str, width: float) -> list[str]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from perfdesk.report.fonts import bundled_font_path, resolve_font

    font = resolve_font(str(bundled_font_path()))
    style = ParagraphStyle("narrow", fontName=font.name, fontSize=10, leading=12, wordWrap="CJK")
    paragraph = Paragraph(text, style)
    paragraph.wrap(width, 1000)
    lines = []
    for line in paragraph.blPara.lines:
        words = line[1] if isinstance(line, tuple) else [frag.text for frag in line.words]
        lines.append("".join(words))
    return lines


def test_reportlab_paragraph_no_longer_starts_lines_with_chinese_punctuation():
    patch_reportlab_kinsoku()
    text = "一二三四五，六七八九十；甲乙丙丁戊：己庚辛壬癸》子丑寅卯辰”巳午未申酉’"
    lines = _paragraph_lines(text, 50)
    assert len(lines) > 3
    assert "".join(lines) == text
    assert not any(line[0] in "，；：？！、。）》”’" for line in lines), lines


def test_reportlab_patch_is_idempotent():
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    patch_reportlab_kinsoku()
    before = (textsplit.ALL_CANNOT_START, textsplit.ALL_CANNOT_END, paragraph.ALL_CANNOT_START)
    patch_reportlab_kinsoku()
    assert (textsplit.ALL_CANNOT_START, textsplit.ALL_CANNOT_END, paragraph.ALL_CANNOT_START) == before
    assert all(ch in paragraph.ALL_CANNOT_START for ch in "，；：？！、。）》”’")
    assert all(textsplit.CANNOT_START_LINE[0].count(ch) == 1 for ch in "，；：？！》”’")
