"""Reading the files perfdesk is given, and writing files atomically.

Every file perfdesk writes (JSON, PDF, xlsx, .db) goes to a temporary file in
the target folder first and then replaces the target with ``os.replace``: the
target is always the old file or the new one, never half of each.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from perfdesk.errors import FileReadError, FileWriteError
from perfdesk.oserrors import describe_os_error


def read_text(path: Path) -> str:
    if not path.exists():
        raise FileReadError(f"找不到文件：{path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileReadError(f"无法读取“{path}”：{exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileReadError(f"“{path.name}”不是 UTF-8 编码的文本文件") from None


def temp_beside(path: Path) -> Path:
    """A new empty temporary file in ``path``'s folder. Raises FileWriteError."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".~{path.stem}.", suffix=".tmp", dir=path.parent.resolve())
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, path)) from None
    os.close(fd)
    return Path(name)


def replace_into(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the target's permissions and move it over the target.

    mkstemp makes files 0600; a file on a share must keep what colleagues had,
    and a new file gets the usual mode for this user (0666 less the umask).
    """
    if path.exists():
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
    else:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
    os.replace(tmp, path)


def remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def write_bytes_atomic(path: Path, data: bytes) -> None:
    tmp = temp_beside(path)
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace_into(tmp, path)
    except OSError as exc:
        remove_quietly(tmp)
        raise FileWriteError(describe_os_error(exc, path)) from None


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
