"""A rotating log file in the user's data folder, so IT staff can help a clerk."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from perfdesk.paths import app_data_dir

_configured = False


def log_dir() -> Path:
    return app_data_dir() / "logs"


def setup_logging() -> None:
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger("perfdesk")
    root.setLevel(logging.INFO)
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir() / "perfdesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return  # a read-only profile must not stop the program
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
