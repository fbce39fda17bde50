"""Chinese line breaking: our wrapper (perfdesk draws cell lines itself, not with ReportLab's Paragraph)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfdesk.report.linebreak import NO_LINE_END, NO_LINE_START, wrap_text


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
