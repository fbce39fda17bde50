"""A lock beside a project file so two desks never silently overwrite each other.

``FILE.db.lock`` is a QLockFile (stale-lock detection: a lock whose process is
gone on this machine is stale). ``FILE.db.lock-info`` beside it says who holds
it, on which computer, since when, for the message the second clerk sees.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    since: str
    pid: int


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service contexts
        return "?"


class ProjectLock:
    def __init__(self, project: Path) -> None:
        self.project = project
        self.lock_path = project.with_name(project.name + ".lock")
        self.info_path = project.with_name(project.name + ".lock-info")
        self._lock = QLockFile(str(self.lock_path))
        self._lock.setStaleLockTime(0)  # held for hours; only a dead process makes it stale

    def is_held(self) -> bool:
        return self._lock.isLocked()

    def acquire(self) -> bool:
        if not self._lock.tryLock(0):
            return False
        info = {"user": _user(), "host": QSysInfo.machineHostName(), "since": datetime.now().strftime("%Y-%m-%d %H:%M"),
                "pid": os.getpid()}
        try:
            self.info_path.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # the lock itself still protects the file
        return True

    def owner(self) -> LockOwner | None:
        """Who holds the lock (None when nobody does)."""
        if not self.lock_path.exists():
            return None
        info = self._lock.getLockInfo()
        pid, host = (info[0], info[1]) if isinstance(info, tuple) and len(info) >= 2 else (0, "?")
        try:
            data = json.loads(self.info_path.read_text(encoding="utf-8"))
            return LockOwner(str(data.get("user", "?")), str(data.get("host", host)), str(data.get("since", "?")),
                             int(data.get("pid", pid)))
        except (OSError, ValueError):
            return LockOwner("?", str(host), "?", int(pid or 0))

    def take_over(self) -> bool:
        """Break another's lock (the clerk confirmed that nobody is editing)."""
        try:
            for path in (self.lock_path, self.info_path):
                path.unlink(missing_ok=True)
        except OSError:
            return False
        return self.acquire()

    def release(self) -> None:
        if self._lock.isLocked():
            try:
                self.info_path.unlink()
            except OSError:
                pass
            self._lock.unlock()
