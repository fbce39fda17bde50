"""Open and save a project ``.db`` file.

Opening copies the file into memory (read-only, nothing on disk changes), checks
that it is a perfdesk file of a version we understand, migrates the copy and
reads it. Saving writes a complete new file beside the target and replaces the
target with ``os.replace``: the file on disk is always the old or the new project.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from perfdesk.domain.model import Project
from perfdesk.errors import FileReadError, FileWriteError
from perfdesk.store.migrations import migrate
from perfdesk.oserrors import describe_os_error, describe_sqlite_error
from perfdesk.store.rows import read_project, write_project
from perfdesk.store.identity import APPLICATION_ID, SCHEMA_VERSION
from perfdesk.textfile import copy_atomic, remove_quietly, replace_into, temp_beside, write_target

SQLITE_MAGIC = b"SQLite format 3\x00"


def _connect_readonly(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


def _load_into_memory(path: Path) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:")
    source = _connect_readonly(path)
    try:
        source.backup(memory)
    finally:
        source.close()
    return memory


def _check_header(path: Path) -> None:
    name = path.name
    if not path.exists():
        raise FileReadError(f"找不到文件：{path}")
    if path.is_dir():
        raise FileReadError(f"“{path}”是一个文件夹，不是 perfdesk 项目文件")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise FileReadError(f"无法读取“{path}”：{exc.strerror or exc}") from None
    if not head:
        raise FileReadError(f"“{name}”是空文件，不是 perfdesk 项目文件")
    if head != SQLITE_MAGIC:
        raise FileReadError(f"“{name}”不是 perfdesk 项目文件（不是数据库文件，可能只是改了扩展名）")


def check_identity(conn: sqlite3.Connection, name: str) -> int:
    """The file's schema version, after checking it is ours and not too new."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise FileReadError(f"“{name}”是其他程序的数据库文件，不是 perfdesk 项目文件")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise FileReadError(
            f"“{name}”由更新版本的 perfdesk 保存（文件版本 {version}，本程序支持到 {SCHEMA_VERSION}），请升级 perfdesk 后再打开"
        )
    if version < 1:
        raise FileReadError(f"“{name}”已损坏：缺少文件版本信息")
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise FileReadError(f"“{name}”已损坏（完整性检查未通过），请使用备份文件")
    return version


def open_project(path: str | os.PathLike[str]) -> Project:
    """Read a project. Raises :class:`FileReadError` with a Chinese message."""
    path = Path(path)
    _check_header(path)
    name = path.name
    try:
        memory = _load_into_memory(path)
    except sqlite3.DatabaseError:
        raise FileReadError(f"“{name}”已损坏或不完整（可能复制或保存时中断），无法打开") from None
    try:
        version = check_identity(memory, name)
        migrate(memory, version)
        return read_project(memory)
    except FileReadError:
        raise
    except Exception:  # a damaged file shows itself in many ways
        raise FileReadError(f"“{name}”已损坏，内容无法读取") from None
    finally:
        memory.close()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _verify(path: Path) -> None:
    conn = _connect_readonly(path)
    try:
        if check_identity(conn, path.name) != SCHEMA_VERSION:
            raise FileWriteError(f"保存后校验失败：“{path.name}”的版本不对")
    finally:
        conn.close()


def save_project(project: Project, path: str | os.PathLike[str], keep_backup: bool = False) -> None:
    """Write ``project`` to ``path`` atomically. Raises :class:`FileWriteError`.

    With ``keep_backup`` the file being replaced is kept as ``FILE.db.bak``, itself written
    by temp-then-replace (a full disk leaves the last good backup) and never through a link.
    A symbolic link at ``path`` is saved through to its target; see ``textfile.write_target``.
    """
    shown = Path(path)
    path = write_target(shown)
    folder = path.parent
    memory = sqlite3.connect(":memory:")
    try:
        write_project(memory, project)
        memory.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        memory.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        memory.commit()
        tmp = temp_beside(path)
        try:
            target = sqlite3.connect(tmp)
            try:
                target.execute("PRAGMA journal_mode = DELETE")
                memory.backup(target)
            finally:
                target.close()
            _verify(tmp)
            with tmp.open("rb+") as handle:
                os.fsync(handle.fileno())
            if keep_backup and path.exists():
                copy_atomic(path, path.with_name(path.name + ".bak"))
            replace_into(tmp, path)
            _fsync_dir(folder)
        except BaseException as exc:
            remove_quietly(tmp)
            remove_quietly(Path(str(tmp) + "-journal"))
            if isinstance(exc, OSError):
                raise FileWriteError(describe_os_error(exc, shown)) from None
            if isinstance(exc, sqlite3.Error):
                raise FileWriteError(describe_sqlite_error(exc, shown)) from None
            raise
    finally:
        memory.close()
