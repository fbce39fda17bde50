"""Reading and atomically writing the text files perfdesk exchanges (JSON)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from perfdesk.errors import FileReadError, FileWriteError
from perfdesk.store.oserrors import describe_os_error


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


def write_text_atomic(path: Path, text: str) -> None:
    folder = path.parent.resolve()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".~{path.stem}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, path)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        else:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise FileWriteError(describe_os_error(exc, path)) from None
