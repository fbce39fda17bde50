"""Goals as printed: numbered once, in one place, for the PDF, the Excel export and the GUI.

A clerk often types the number herself (``目标1：保障运转``); printing must not double
it (``目标1：目标1：…``), and an empty goal row is not a numbered line on paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TYPED_NUMBER = re.compile(r"^\s*目标\s*[0-9０-９一二三四五六七八九十]+\s*[：:、.．]\s*")
DEFAULT_PATTERN = "目标{n}："


def strip_number(text: str) -> str:
    """A goal without the ``目标N：`` the clerk may have typed before it."""
    return _TYPED_NUMBER.sub("", text).strip()


def numbered_goals(texts: Iterable[str], pattern: str = DEFAULT_PATTERN) -> list[str]:
    """``目标1：…``, ``目标2：…`` for the non-empty goals, whatever numbers were typed."""
    bodies = [strip_number(text) for text in texts]
    return [pattern.replace("{n}", str(n)) + body for n, body in enumerate((b for b in bodies if b), start=1)]
