"""Temporary files left beside a project by a save that was killed mid-way.

Every write goes to ``.~NAME.XXXXXXXX.tmp`` in the target folder first (textfile.temp_beside:
``tempfile.mkstemp`` with that prefix and suffix) and is then renamed over the target. A save
killed in between (power cut, task manager) leaves the temp file behind, on shared drives for
everyone to see. They are removed when a project in that folder is next opened or saved.

Only perfdesk's own name pattern, only regular files, and only files untouched for a minute:
a save in progress in another perfdesk writes its temp file continuously and renames it
within seconds, so its live temp file is never removed.
"""

from __future__ import annotations

import logging
import re
import stat
import time
from pathlib import Path

log = logging.getLogger("perfdesk.store")

# mkstemp's random part: 8 characters of [a-z0-9_]
ORPHAN_NAME = re.compile(r"^\.~.+\.[a-z0-9_]{8}\.tmp$")
MIN_AGE_SECONDS = 60.0


def remove_orphan_temp_files(folder: Path, min_age_seconds: float = MIN_AGE_SECONDS) -> list[Path]:
    """Remove perfdesk temp files in ``folder`` older than ``min_age_seconds``; the paths removed."""
    removed: list[Path] = []
    now = time.time()
    try:
        candidates = [entry for entry in folder.glob(".~*.tmp") if ORPHAN_NAME.match(entry.name)]
    except OSError:
        return removed
    for tmp in candidates:
        try:
            info = tmp.lstat()
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < min_age_seconds:
                continue
            tmp.unlink()
        except OSError:
            continue  # gone meanwhile, or a read-only folder: nothing to do
        log.info("removed orphan temp file %s", tmp)
        removed.append(tmp)
    return removed
