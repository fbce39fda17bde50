"""Test set-up: offscreen Qt, and a private data folder (never the user's real one)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PERFDESK_DATA_DIR", tempfile.mkdtemp(prefix="perfdesk-data-"))

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=200, deadline=None)
settings.load_profile("ci")
