"""A rotating log file in the user's data folder, so IT staff can help a clerk."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from perfdesk.paths import app_data_dir

_configured = False
MAX_BYTES = 1_000_000
BACKUPS = 3


def log_dir() -> Path:
    return app_data_dir() / "logs"


class RotatingLog(logging.FileHandler):
    """``perfdesk.log`` up to ``max_bytes``, then ``.1`` … ``.{backups}``, oldest dropped.

    The standard library's RotatingFileHandler lives in ``logging.handlers``, which loads
    sockets, pickle and queues (a fifth of a cold start); this is all we use of it. The file
    is opened on the first record, not at start-up. When another perfdesk holds the file
    (Windows), rotation is skipped and the record is appended: a log never stops the program.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self._rotate()
        except OSError:
            pass
        try:
            super().emit(record)  # opens the file on the first record
        except OSError:
            pass  # a read-only or full profile: no log, and the caller carries on

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802
        """A record that cannot be written is dropped, without a traceback on the console."""

    def _rotate(self) -> None:
        stream, self.stream = self.stream, None  # the next record reopens it (delay=True)
        if stream is not None:
            stream.close()
        path = self.baseFilename
        moving = f"{path}.rotating"
        # First, so that when another perfdesk holds the file (Windows) nothing has moved yet.
        os.replace(path, moving)
        for number in range(self.backups - 1, 0, -1):
            older = f"{path}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{path}.{number + 1}")
        os.replace(moving, f"{path}.1")


def setup_logging() -> None:
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger("perfdesk")
    root.setLevel(logging.INFO)
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only profile must not stop the program
    handler = RotatingLog(log_dir() / "perfdesk.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
