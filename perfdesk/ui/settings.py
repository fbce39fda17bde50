"""Settings in an INI file in the user's data folder (tests point it elsewhere).

Every setting is declared once below with its key, type and default; modules read and write
them through these declarations (``KEEP_BACKUP.get()``), never by spelling a key or parsing
``"true"``/``"false"`` themselves. A value that cannot be read as its type is the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from perfdesk.paths import app_data_dir

MAX_RECENT = 10

T = TypeVar("T", bool, str, bytes, int)


def open_settings() -> QSettings:
    folder = app_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "perfdesk.ini"), QSettings.Format.IniFormat)


def _as_bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    return default


def _convert(value: object, default: T) -> T:
    if value is None:
        return default
    if isinstance(default, bool):
        return _as_bool(value, default)
    if isinstance(default, int):
        try:
            return int(str(value))
        except ValueError:
            return default
    if isinstance(default, bytes):
        if isinstance(value, QByteArray):
            return value.data()  # type: ignore[return-value]
        return value if isinstance(value, bytes) else default
    return value if isinstance(value, str) else default


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T

    def get(self) -> T:
        return _convert(open_settings().value(self.key), self.default)

    def set(self, value: T) -> None:
        store = open_settings()
        store.setValue(self.key, QByteArray(value) if isinstance(value, bytes) else value)
        store.sync()


KEEP_BACKUP = Setting("files/keep_backup", True)  # keep the previous version as FILE.db.bak when saving
PRINT_PAGE_SIZE = Setting("print/page_size", "A4")
PRINT_LANDSCAPE = Setting("print/landscape", False)
PRINT_SIGNATURE = Setting("print/signature", True)  # the 签字盖章 block under the table
PRINT_FONT_PATH = Setting("print/font_path", "")  # "" = the bundled font
WINDOW_GEOMETRY = Setting("window/geometry", b"")
VIEW_ZOOM = Setting("view/zoom", 100)  # percent, one of zoom.LEVELS
_RECENT_FILES = "files/recent"
_LAST_FOLDER = "folders/{0}"


def recent_files() -> list[str]:
    value = open_settings().value(_RECENT_FILES, [])
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in (value or [])] if isinstance(value, list) else []


def add_recent_file(path: str) -> None:
    files = [path] + [f for f in recent_files() if f != path]
    settings = open_settings()
    settings.setValue(_RECENT_FILES, files[:MAX_RECENT])
    settings.sync()


def clear_recent_files() -> None:
    settings = open_settings()
    settings.setValue(_RECENT_FILES, [])
    settings.sync()


def keep_backup() -> bool:
    """Keep the previous version as FILE.db.bak when saving (default on)."""
    return KEEP_BACKUP.get()


def set_keep_backup(on: bool) -> None:
    KEEP_BACKUP.set(bool(on))


def last_folder(kind: str) -> Path | None:
    """The folder the clerk last used for ``kind`` ("excel" …), if it still exists."""
    value = Setting(_LAST_FOLDER.format(kind), "").get()
    folder = Path(value) if value else None
    return folder if folder is not None and folder.is_dir() else None


def set_last_folder(kind: str, folder: Path) -> None:
    Setting(_LAST_FOLDER.format(kind), "").set(str(folder))
