"""A lock beside a project file so two desks (or a desk and a script) never silently overwrite each other.

``FILE.db.lock`` is the lock: created exclusively (``O_EXCL``, never through a link) and kept
open while held. It reads ``PID\\nperfdesk\\nHOST\\n`` like a QLockFile. ``FILE.db.lock-info``
beside it says who holds it (user, computer, since when, process) for the message the second
clerk or the script sees; it is only a courtesy: whatever it holds, a holder it cannot name
is an "unknown holder", never an error.

A lock is stale when its process is gone on this computer (a crash, a killed save); a lock
from another computer cannot be checked from here and counts as held until the clerk
chooses to take it over (the GUI's 强制接管, the CLI's ``--force``).

No Qt here: the GUI (perfdesk.ui.project_lock) and the CLI share this one service.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from perfdesk.errors import PerfdeskError

APP_NAME = "perfdesk"
UNWRITTEN_LOCK_GRACE_SECONDS = 10.0
_MAX_INFO_BYTES = 4096  # a lock file is a few lines; never read a planted huge file whole
_MAX_FIELD = 80
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CREATE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)
                 | getattr(os, "O_CLOEXEC", 0))
# errnos that mean "this folder/medium does not let us create a file", not "someone holds it"
_UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT, errno.ENOENT}


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock; ``"?"`` / ``0`` where that is not known."""

    user: str
    host: str
    since: str
    pid: int

    @property
    def known(self) -> bool:
        return self.user != "?" or self.host != "?"

    def describe(self) -> str:
        """``张三（计算机 DESK-7，自 2026-11-28 09:30 起）`` or ``另一个 perfdesk（用户未知）``."""
        if not self.known:
            return "另一个 perfdesk（用户未知）"
        details = [f"计算机 {self.host}"] if self.host != "?" else []
        if self.since != "?":
            details.append(f"自 {self.since} 起")
        who = self.user if self.user != "?" else "未知用户"
        return f"{who}（{'，'.join(details)}）" if details else who


UNKNOWN_OWNER = LockOwner("?", "?", "?", 0)


class ProjectLocked(PerfdeskError):
    """A script was asked to write a .db another perfdesk holds (exit 1, nothing written)."""

    exit_code = 1


def current_user() -> str:
    try:
        import getpass  # here, not at start-up: the window opens before any lock is taken

        return getpass.getuser()
    except Exception:  # no login name in some service contexts
        return "?"


def current_host() -> str:
    uname = getattr(os, "uname", None)  # POSIX: no need to import socket (a few ms at every open)
    if uname is not None:
        return uname().nodename or "?"
    try:
        import socket

        return socket.gethostname() or "?"
    except OSError:
        return "?"


def _clean(value: object) -> str | None:
    """A printable, bounded string from a lock-info field, or None when it is not a usable string."""
    if not isinstance(value, str):
        return None
    text = "".join(ch for ch in value if ch.isprintable()).strip()[:_MAX_FIELD]
    return text or None


def _clean_pid(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return value if 0 < value < 2**31 else 0


def _read_small(path: Path) -> bytes | None:
    """At most a few KB of ``path``, never through a link; None when it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        return os.read(fd, _MAX_INFO_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this computer (True when that cannot be told)."""
    if pid <= 0:
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # ERROR_ACCESS_DENIED: it exists, someone else's
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # EPERM: it exists, another user's
    return True


class ProjectLock:
    """The lock of one project file. ``acquire`` it, ``release`` it when done.

    After a failed ``acquire``, ``unwritable`` is the OSError when the folder or medium did not
    let the lock file be created (read-only USB stick, no write permission): the file is then
    not held by anyone, it just cannot be locked (offer 只读打开). Otherwise another holds it.
    """

    def __init__(self, project: Path) -> None:
        self.project = Path(project)
        self.lock_path = self.project.with_name(self.project.name + ".lock")
        self.info_path = self.project.with_name(self.project.name + ".lock-info")
        self.unwritable: OSError | None = None
        self._fd: int | None = None

    def is_held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if it is free or stale. False when another holds it or it cannot be created."""
        if self._fd is not None:
            return True
        self.unwritable = None
        for _attempt in range(2):
            try:
                fd = os.open(self.lock_path, _CREATE_FLAGS, 0o644)
            except FileExistsError:
                if not self._remove_if_stale():
                    return False
                continue
            except OSError as exc:
                if exc.errno in _UNWRITABLE or exc.errno is None:
                    self.unwritable = exc
                return False
            self._fd = fd
            self._write_lock_file(fd)
            self._write_info()
            return True
        return False

    def owner(self) -> LockOwner | None:
        """Who holds the lock (None when nobody does). Never raises; unreadable info is an unknown holder."""
        raw = _read_small(self.lock_path)
        if raw is None and not os.path.lexists(self.lock_path):
            return None
        pid, host = self._lock_file_fields(raw or b"")
        data: object = None
        info = _read_small(self.info_path)
        if info is not None:
            try:
                data = json.loads(info.decode("utf-8"))
            except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
                data = None
        if not isinstance(data, dict):
            return LockOwner("?", host or "?", "?", pid)
        return LockOwner(
            _clean(data.get("user")) or "?",
            _clean(data.get("host")) or host or "?",
            _clean(data.get("since")) or "?",
            _clean_pid(data.get("pid")) or pid,
        )

    def take_over(self) -> bool:
        """Break another's lock (the clerk confirmed that nobody is editing)."""
        try:
            for path in (self.lock_path, self.info_path):
                path.unlink(missing_ok=True)  # unlink removes a link itself, never its target
        except OSError:
            return False
        return self.acquire()

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            mine = os.path.samestat(os.fstat(fd), os.lstat(self.lock_path))
        except OSError:
            mine = False  # gone, or taken over and replaced by another: not ours to remove
        os.close(fd)  # first: Windows cannot remove a file that is still open
        if mine:
            for path in (self.info_path, self.lock_path):
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    pass

    # -- internals ---------------------------------------------------------------------

    @staticmethod
    def _lock_file_fields(raw: bytes) -> tuple[int, str | None]:
        lines = raw.decode("utf-8", "replace").splitlines()
        pid = 0
        if lines and lines[0].strip().isdigit() and len(lines[0].strip()) < 11:
            pid = _clean_pid(int(lines[0].strip()))
        host = _clean(lines[2]) if len(lines) > 2 else None
        return pid, host

    def _remove_if_stale(self) -> bool:
        """Remove a lock whose process is gone on this computer; True when it was stale."""
        raw = _read_small(self.lock_path)
        if raw is None:
            return False  # a link, a folder, unreadable: not ours to judge
        pid, host = self._lock_file_fields(raw)
        if pid == 0:
            # No process named: its creator was killed between creating and writing it (a lock is
            # written the moment it is created), so after a grace period nobody can be holding it.
            try:
                age = time.time() - os.lstat(self.lock_path).st_mtime
            except OSError:
                return False
            if age < UNWRITTEN_LOCK_GRACE_SECONDS:
                return False
        elif host is None or host.casefold() != current_host().casefold() or pid_alive(pid):
            return False
        try:
            self.lock_path.unlink()
            self.info_path.unlink(missing_ok=True)
        except FileNotFoundError:
            pass  # another process cleared it at the same moment
        except OSError:
            return False
        return True

    def _write_lock_file(self, fd: int) -> None:
        try:
            os.write(fd, f"{os.getpid()}\n{APP_NAME}\n{current_host()}\n".encode())
        except OSError:
            pass  # the file's existence is the lock
        if sys.platform != "win32":
            import fcntl

            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released by the OS when the process dies
            except OSError:
                pass

    def _write_info(self) -> None:
        info = {"user": current_user(), "host": current_host(), "since": datetime.now().strftime("%Y-%m-%d %H:%M"),
                "pid": os.getpid()}
        try:
            self.info_path.unlink(missing_ok=True)  # a leftover or a planted link: removed, never followed
            fd = os.open(self.info_path, _CREATE_FLAGS, 0o644)
        except OSError:
            return  # the lock itself still protects the file
        try:
            os.write(fd, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass
        finally:
            os.close(fd)


@contextmanager
def held_for_writing(path: Path, force: bool = False) -> Iterator[None]:
    """Hold ``path``'s lock while a script writes it; refuse (ProjectLocked, exit 1) when another holds it.

    With ``force`` a lock known to be stale (its holder crashed on another computer) is broken.
    A folder where no lock file can be created is left to the write itself, which says why it fails.
    """
    lock = ProjectLock(path)
    if not lock.acquire():
        if lock.unwritable is None:
            if not force:
                owner = lock.owner() or UNKNOWN_OWNER
                raise ProjectLocked(
                    f"“{path.name}”正被{owner.describe()}打开编辑，没有写入；"
                    "如确认锁已失效（对方程序已退出或崩溃），可加 --force 再试"
                )
            if not lock.take_over():
                raise ProjectLocked(f"无法删除“{lock.lock_path.name}”（锁文件），没有写入；请检查文件夹权限")
    try:
        yield
    finally:
        lock.release()
