"""Normalising what clerks type: full-width characters, stray spaces."""

from __future__ import annotations

import re

# Full-width ASCII variants (U+FF01..U+FF5E) map to ASCII by a fixed offset;
# we only fold the characters that matter for numbers and comparators so that
# Chinese punctuation in names and phrases is never touched.
_FOLD = {chr(0xFF10 + i): str(i) for i in range(10)}
_FOLD.update(
    {
        "．": ".",
        "，": ",",
        "＋": "+",
        "－": "-",
        "％": "%",
        "＝": "=",
        "＞": ">",
        "＜": "<",
        "\u3000": " ",  # ideographic space
        "\u00a0": " ",  # no-break space, common in copied cells
        "≧": "≥",
        "≦": "≤",
        "⩾": "≥",
        "⩽": "≤",
        "—": "-",
        "−": "-",
    }
)
_TABLE = str.maketrans(_FOLD)
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD)) + "]")
FOLDABLE_OR_SPACE = re.compile(r"[\s" + re.escape("".join(_FOLD)) + "]")


def fold_width(text: str) -> str:
    """Fold full-width digits and number punctuation to their ASCII forms."""
    # Most text has nothing to fold; finding that out is several times cheaper than translating.
    return text.translate(_TABLE) if _FOLDABLE.search(text) else text


def squeeze_spaces(text: str) -> str:
    """Remove all whitespace (spaces inside a value are never meaningful)."""
    return "".join(text.split())
