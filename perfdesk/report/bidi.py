"""Right-to-left text in a left-to-right table: embedding levels and visual order.

A reduced Unicode Bidirectional Algorithm (UAX #9) for one printed line, enough for
Uyghur and Kazakh written in Arabic script among Chinese text and numbers: the
paragraph takes the direction of its first strong character (P2/P3); a combining mark
takes its base's type (W1); numbers after right-to-left text stay left-to-right inside
it (W2, W7, I1/I2); spaces and punctuation between two runs of the same direction take
that direction, otherwise the paragraph's (N1/N2); then every sequence at or above a
level is reversed, from the highest level down (L2). No explicit embeddings, no bracket
pairing or mirroring: a clerk types none of these in a cell. Pure Python; ReportLab's
own bidi needs ``rlbidi``, which perfdesk does not ship.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, …): a quick test
# before the per-character classification.
RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")

_STRONG_L, _STRONG_R, _NUMBER, _NEUTRAL = "L", "R", "N", "O"


def _kind(ch: str) -> str:
    b = unicodedata.bidirectional(ch)
    if b in ("R", "AL"):
        return _STRONG_R
    if b == "L":
        return _STRONG_L
    if b in ("EN", "AN"):
        return _NUMBER
    if b == "NSM":
        return ""  # takes the type of the character before it
    return _NEUTRAL


def levels(text: str) -> list[int]:
    """The embedding level of each character (even: left to right, odd: right to left)."""
    kinds: list[str] = []
    for ch in text:
        kind = _kind(ch)
        kinds.append(kind or (kinds[-1] if kinds else _NEUTRAL))
    base = _STRONG_R if next((k for k in kinds if k in (_STRONG_L, _STRONG_R)), _STRONG_L) == _STRONG_R else _STRONG_L
    # Numbers: left to right after L (or at the start of an LTR line), else part of the RTL text.
    resolved: list[str] = []
    last_strong = base
    for kind in kinds:
        if kind in (_STRONG_L, _STRONG_R):
            last_strong = kind
        resolved.append(("NL" if last_strong == _STRONG_L else "NR") if kind == _NUMBER else kind)
    direction = [_STRONG_L if k in (_STRONG_L, "NL") else _STRONG_R if k in (_STRONG_R, "NR") else "" for k in resolved]
    size = len(text)
    i = 0
    while i < size:  # neutrals between two same-direction neighbours take that direction
        if direction[i]:
            i += 1
            continue
        j = i
        while j < size and not direction[j]:
            j += 1
        before = direction[i - 1] if i else base
        after = direction[j] if j < size else base
        fill = before if before == after else base
        for k in range(i, j):
            direction[k] = fill
        i = j
    base_level = 1 if base == _STRONG_R else 0
    result: list[int] = []
    for kind, d in zip(resolved, direction):
        if kind == "NR":
            result.append(2)
        elif base_level == 0:
            result.append(1 if d == _STRONG_R else 0)
        else:
            result.append(1 if d == _STRONG_R else 2)
    return result


def visual_order(items: Sequence[T], item_levels: Sequence[int]) -> list[int]:
    """Indices of ``items`` in the order they are drawn left to right (rule L2)."""
    order = list(range(len(items)))
    if not order:
        return order
    highest = max(item_levels)
    lowest_odd = min((lv for lv in item_levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if item_levels[order[i]] >= level:
                j = i
                while j < len(order) and item_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
