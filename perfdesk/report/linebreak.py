"""Chinese line breaking for table cells (GB/T 15834 禁则).

No line may start with closing punctuation (``，；：？！、。）》”’`` …) and none may
end with an opening one (``（《“‘`` …); ``——`` and ``……`` stay on one line; Latin
words and numbers (``7851.03``, ``92-93``) are not split unless they alone are
wider than the cell. Pure Python: the caller supplies a character-width function.

perfdesk draws every cell's lines itself with :func:`wrap_text`; it does not use ReportLab's
own CJK wrapper (``Paragraph(wordWrap="CJK")``, whose no-line-start list is Japanese).
"""

from __future__ import annotations

from collections.abc import Callable

NO_LINE_START = "，；：？！、。）》”’」』】〕〉〗］｝％" + ",.;:?!)]}%"
NO_LINE_END = "（《“‘「『【〔〈〖［｛" + "([{"
_UNSPLITTABLE_PAIRS = "—…"  # 破折号 and 省略号 are two marks printed as one
_FUZZ = 1e-6

_NO_START = frozenset(NO_LINE_START)
_NO_END = frozenset(NO_LINE_END)

CharWidth = Callable[[str], float]


def _is_word_char(ch: str) -> bool:
    """Part of a Latin word or number: kept together like one word."""
    return ord(ch) < 0x2E80 and not ch.isspace() and ch not in _UNSPLITTABLE_PAIRS


def break_allowed(before: str, after: str) -> bool:
    """May a line end after ``before`` and the next one start with ``after``?"""
    if before.isspace() or after.isspace():
        return True
    if after in _NO_START or before in _NO_END:
        return False
    if before == after and after in _UNSPLITTABLE_PAIRS:
        return False
    return not (_is_word_char(before) and _is_word_char(after))


def wrap_text(text: str, width: float, char_width: CharWidth) -> list[str]:
    """Lines of ``text`` no wider than ``width``; ``\\n`` forces a break.

    Always returns at least one line; never drops a non-space character.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph.rstrip(), width, char_width))
    return lines


def _wrap_paragraph(text: str, width: float, char_width: CharWidth) -> list[str]:
    size = len(text)
    if size == 0:
        return [""]
    lines: list[str] = []
    start = 0
    while start < size:
        used = 0.0
        last_break = -1
        i = start
        while i < size:
            ch = text[i]
            if i > start and break_allowed(text[i - 1], ch):
                last_break = i
            w = char_width(ch)
            if used + w > width + _FUZZ and i > start and not ch.isspace():
                break
            used += w
            i += 1
        else:
            lines.append(text[start:].rstrip())
            break
        # text[i] does not fit: end the line at the last allowed break, or force one
        # (only a run with no break opportunity, e.g. a long number, gets cut).
        end = last_break if last_break > start else _forced_break(text, start, i)
        lines.append(text[start:end].rstrip())
        start = end
        while start < size and text[start].isspace():
            start += 1
    return lines or [""]


def _forced_break(text: str, start: int, end: int) -> int:
    """Cut an unbreakable run at ``end``, stepping back so the rules still hold if possible."""

    def bad(cut: int) -> bool:
        return text[cut] in _NO_START or text[cut - 1] in _NO_END

    cut = end
    while cut - 1 > start and bad(cut):
        cut -= 1
    return end if bad(cut) else cut  # a run made only of such marks is cut where it overflows
