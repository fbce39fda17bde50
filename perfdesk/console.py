"""Console output that never crashes on a Chinese Windows console or a GBK pipe."""

from __future__ import annotations

import sys


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
