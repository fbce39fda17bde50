"""Console output that never crashes on a Chinese Windows console or a GBK pipe."""

from __future__ import annotations

import re
import sys
from typing import Any


def setup_streams() -> None:
    # A redirected pipe on Chinese Windows is GBK; '›' is not in GBK. Replace
    # what cannot be encoded instead of raising UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


# What must not reach a terminal raw: C0/C1 controls (ESC retitles and clears the console, BEL
# rings, NUL truncates) and text-direction overrides. Line feed and tab are how output is laid out.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    r"""``text`` with every unsafe character written as ``\uXXXX`` (also a valid JSON escape)."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class EscapingOutput:
    """A text stream whose writes pass through :func:`escape_controls`; everything else is the stream's."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
