"""Open and save a project ``.db`` file.

Opening copies the file into memory (read-only, nothing on disk changes), checks
that it is a perfdesk file of a version we understand, migrates the copy and
reads it. Saving writes a complete new file beside the target and replaces the
target with ``os.replace``: the file on disk is always the old or the new project.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from perfdesk.domain.model import Project
from perfdesk.errors import FileReadError, FileWriteError
from perfdesk.oserrors import describe_os_error, describe_read_error, describe_sqlite_error
from perfdesk.store.checks import QUERY_SECONDS, bound_queries, check_structure
from perfdesk.store.identity import APPLICATION_ID, SCHEMA_VERSION
from perfdesk.store.migrations import migrate
from perfdesk.store.orphans import remove_orphan_temp_files
from perfdesk.store.rows import read_project, write_project
from perfdesk.textfile import copy_atomic, remove_quietly, replace_into, temp_beside, write_target

SQLITE_MAGIC = b"SQLite format 3\x00"


def _connect_readonly(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


def _load_into_memory(path: Path, wal: bool) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:")
    try:
        if wal:
            _load_wal_file(path, memory)
            return memory
        source = _connect_readonly(path)
        try:
            bound_queries(source)
            source.backup(memory)
        finally:
            source.close()
    except BaseException:
        memory.close()
        raise
    return memory


def _load_wal_file(path: Path, memory: sqlite3.Connection) -> None:
    """A WAL-mode file (another program wrote it) is read from a private copy.

    Opened where it is, SQLite would create ``-wal``/``-shm`` beside the clerk's file, and on
    read-only media (a write-protected USB stick) it cannot create them and the file looks
    damaged. The copy, with its ``-wal`` if there is one, lives in a temporary folder.
    """
    with tempfile.TemporaryDirectory(prefix="perfdesk-open-") as folder:
        copy = Path(folder) / "copy.db"
        shutil.copyfile(path, copy)
        wal = Path(str(path) + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, Path(str(copy) + "-wal"))
        source = sqlite3.connect(copy)
        try:
            bound_queries(source)
            source.backup(memory)
        finally:
            source.close()


def _check_header(path: Path) -> bool:
    """Whether the file is in WAL mode, after checking it is an SQLite file at all."""
    name = path.name
    if not path.exists():
        raise FileReadError(f"找不到文件：{path}")
    if path.is_dir():
        raise FileReadError(f"“{path}”是一个文件夹，不是 perfdesk 项目文件")
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise FileReadError(describe_read_error(exc, path)) from None
    if not head:
        raise FileReadError(f"“{name}”是空文件，不是 perfdesk 项目文件")
    if not head.startswith(SQLITE_MAGIC):
        raise FileReadError(f"“{name}”不是 perfdesk 项目文件（不是数据库文件，可能只是改了扩展名）")
    return len(head) >= 20 and 2 in (head[18], head[19])  # file format write/read version 2 = WAL


def check_identity(conn: sqlite3.Connection, name: str) -> int:
    """The file's schema version, after checking it is ours and not too new."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise FileReadError(f"“{name}”是其他程序的数据库文件，不是 perfdesk 项目文件")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise FileReadError(
            f"“{name}”由更新版本的 perfdesk 保存（文件版本 {version}，本程序支持到 {SCHEMA_VERSION}），"
            "请升级 perfdesk 后再打开"
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
    wal = _check_header(path)
    name = path.name
    try:
        memory = _load_into_memory(path, wal)
    except OSError as exc:
        raise FileReadError(describe_read_error(exc, path)) from None
    except MemoryError:
        raise FileReadError(f"“{name}”太大，内存不足，无法打开") from None
    except sqlite3.DatabaseError as exc:
        raise FileReadError(_damaged(exc, name)) from None
    try:
        bound_queries(memory)
        version = check_identity(memory, name)
        check_structure(memory, name)
        migrate(memory, version)
        return read_project(memory, name)
    except FileReadError:
        raise
    except MemoryError:
        raise FileReadError(f"“{name}”内容过多，内存不足，无法打开") from None
    except sqlite3.OperationalError as exc:
        raise FileReadError(_damaged(exc, name, "内容无法读取")) from None
    except Exception:  # a damaged file shows itself in many ways
        raise FileReadError(f"“{name}”已损坏，内容无法读取") from None
    finally:
        memory.close()


def _damaged(exc: sqlite3.DatabaseError, name: str, what: str = "无法打开") -> str:
    if "interrupted" in str(exc):
        return f"“{name}”读取超时（超过 {QUERY_SECONDS:.0f} 秒），可能已损坏或是恶意文件，{what}"
    return f"“{name}”已损坏或不完整（可能复制或保存时中断），{what}"


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
    remove_orphan_temp_files(folder)  # left by an earlier save that was killed mid-way
