"""Recovery copies of unsaved work, in the user's local data folder.

While a project is open the GUI writes it here a few seconds after each edit, so
that after a crash or power loss the work can be offered back. A recovery copy
is a normal project file plus a small JSON note saying where it came from.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from perfdesk.domain.model import Project
from perfdesk.paths import app_data_dir
from perfdesk.store.project_file import open_project, save_project
from perfdesk.textfile import write_text_atomic

log = logging.getLogger("perfdesk.recovery")


def recovery_dir() -> Path:
    return app_data_dir() / "recovery"


@dataclass(frozen=True)
class RecoveryEntry:
    session: str
    original: Path | None  # the file the clerk was editing; None for a new project
    saved_at: datetime

    @property
    def data_path(self) -> Path:
        return recovery_dir() / f"{self.session}.db"

    @property
    def note_path(self) -> Path:
        return recovery_dir() / f"{self.session}.json"

    @property
    def lock_path(self) -> Path:
        return recovery_dir() / f"{self.session}.lock"

    def load(self) -> Project:
        return open_project(self.data_path)

    def discard(self) -> None:
        for path in (self.data_path, self.note_path):
            path.unlink(missing_ok=True)


def write_recovery(session: str, project: Project, original: Path | None) -> RecoveryEntry:
    folder = recovery_dir()
    folder.mkdir(parents=True, exist_ok=True)
    entry = RecoveryEntry(session, original, datetime.now().replace(microsecond=0))
    save_project(project, entry.data_path)
    note = {"original": str(original) if original else None, "saved_at": entry.saved_at.isoformat()}
    write_text_atomic(entry.note_path, json.dumps(note, ensure_ascii=False))
    return entry


def list_recovery() -> list[RecoveryEntry]:
    """Recovery copies on disk, newest first; unreadable notes are skipped."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    entries = []
    for note in folder.glob("*.json"):
        session = note.stem
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            saved_at = datetime.fromisoformat(data["saved_at"])
            original = Path(data["original"]) if data.get("original") else None
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("skipping unreadable recovery note %s", note)
            continue
        entry = RecoveryEntry(session, original, saved_at)
        if entry.data_path.exists():
            entries.append(entry)
    return sorted(entries, key=lambda e: e.saved_at, reverse=True)


def describe(entry: RecoveryEntry) -> str:
    name = str(entry.original) if entry.original else "（未保存的新项目）"
    return f"{name}\n最后自动保存：{entry.saved_at:%Y-%m-%d %H:%M:%S}"
