"""Where bundled resources and per-user data live (no Qt needed)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def app_data_dir() -> Path:
    """Per-user data folder (logs, recovery copies). Tests point it elsewhere.

    Matches Qt's AppLocalDataLocation so the GUI and the CLI share one folder.
    """
    override = os.environ.get("PERFDESK_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "perfdesk"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "perfdesk"
