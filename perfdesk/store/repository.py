"""Where a project lives, behind one small interface: today one atomic SQLite file.

The window and the CLI load, save and lock a project through :func:`repository_for` and the
:class:`Repository` it returns; they never call SQLite, SQLAlchemy or the lock file directly.
A server backend (a shared database through SQLAlchemy) is one more class with the same four
members and one more scheme in :data:`SCHEMES`, without the GUI noticing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from perfdesk.domain.model import Project

if TYPE_CHECKING:
    from perfdesk.store.lock import LockOwner


class ProjectLockLike(Protocol):
    """Who may write a project: the file lock today (``perfdesk.store.lock.ProjectLock``)."""

    unwritable: OSError | None

    def is_held(self) -> bool: ...
    def acquire(self) -> bool: ...
    def release(self) -> None: ...
    def take_over(self) -> bool: ...
    def owner(self) -> LockOwner | None: ...


class Repository(Protocol):
    """One project's storage. ``load`` and ``save`` raise PerfdeskError with a Chinese message."""

    location: Path

    def load(self) -> Project: ...
    def save(self, project: Project, keep_backup: bool = False) -> None: ...
    def lock(self) -> ProjectLockLike: ...


class SqliteFileRepository:
    """A project as one ``.db`` file: opened into memory, saved atomically (temp file, fsync, rename)."""

    def __init__(self, location: str | os.PathLike[str]) -> None:
        self.location = Path(location)

    def load(self) -> Project:
        from perfdesk.store.project_file import open_project

        return open_project(self.location)

    def save(self, project: Project, keep_backup: bool = False) -> None:
        from perfdesk.store.project_file import save_project

        save_project(project, self.location, keep_backup=keep_backup)

    def lock(self) -> ProjectLockLike:
        from perfdesk.store.lock import ProjectLock

        return ProjectLock(self.location)


# A location's scheme ("server://…") picks its backend; a plain path is a .db file.
SCHEMES: dict[str, Callable[[str | os.PathLike[str]], Repository]] = {}


def repository_for(location: str | os.PathLike[str]) -> Repository:
    text = os.fspath(location)
    scheme, sep, _rest = text.partition("://")
    if sep and scheme in SCHEMES:
        return SCHEMES[scheme](text)
    return SqliteFileRepository(location)
