"""Settings in an INI file in the user's data folder (tests point it elsewhere)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from perfdesk.paths import app_data_dir

MAX_RECENT = 10


def open_settings() -> QSettings:
    folder = app_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "perfdesk.ini"), QSettings.Format.IniFormat)


def recent_files() -> list[str]:
    value = open_settings().value("files/recent", [])
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in (value or [])]


def add_recent_file(path: str) -> None:
    files = [path] + [f for f in recent_files() if f != path]
    settings = open_settings()
    settings.setValue("files/recent", files[:MAX_RECENT])
    settings.sync()


def clear_recent_files() -> None:
    settings = open_settings()
    settings.setValue("files/recent", [])
    settings.sync()


def keep_backup() -> bool:
    """Keep the previous version as FILE.db.bak when saving (default on)."""
    return str(open_settings().value("files/keep_backup", "true")).lower() == "true"


def set_keep_backup(on: bool) -> None:
    store = open_settings()
    store.setValue("files/keep_backup", "true" if on else "false")
    store.sync()


def last_folder(kind: str) -> Path | None:
    """The folder the clerk last used for ``kind`` ("excel" …), if it still exists."""
    value = open_settings().value(f"folders/{kind}", "")
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else None


def set_last_folder(kind: str, folder: Path) -> None:
    store = open_settings()
    store.setValue(f"folders/{kind}", str(folder))
    store.sync()
