"""Reading the files perfdesk is given, and writing files atomically.

Every file perfdesk writes (JSON, PDF, xlsx, .db) goes to a temporary file in
the target folder first and then replaces the target with ``os.replace``: the
target is always the old file or the new one, never half of each.

Before that, ``write_target`` decides what "the target" is: a symbolic link is
followed to the file it names (replacing the link would leave that file stale), and
anything that is not a regular file — a device such as ``/dev/null``, a FIFO, a
folder — is refused, as is a file marked read-only: a rename would otherwise
replace it without asking.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from perfdesk.errors import FileReadError, FileWriteError
from perfdesk.oserrors import describe_os_error, describe_read_error


def read_text(path: Path) -> str:
    if not path.exists():
        raise FileReadError(f"找不到文件：{path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileReadError(describe_read_error(exc, path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileReadError(f"“{path.name}”不是 UTF-8 编码的文本文件") from None


def write_target(path: Path) -> Path:
    """The regular file a write to ``path`` must replace (a link's target). Raises FileWriteError."""
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileWriteError(f"无法保存到“{path}”：这是一个文件夹，请指定文件名。")
    if not stat.S_ISREG(info.st_mode):
        raise FileWriteError(f"无法保存到“{path}”：这不是普通文件（是设备、管道或其他特殊文件），perfdesk 不会覆盖它。")
    if is_read_only(target, info):
        raise FileWriteError(
            f"无法保存到“{path}”：文件是只读的，perfdesk 不会覆盖它。请另存为其他文件名，或先在文件属性中取消“只读”。"
        )
    return target


def is_read_only(path: Path, info: os.stat_result | None = None) -> bool:
    """The file's own read-only flag (Windows attribute, POSIX write bits) or no write permission for us.

    Root may write anything, so the mode bits are checked as well as ``os.access``.
    """
    info = info or os.stat(path)
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    if getattr(info, "st_file_attributes", 0) & getattr(stat, "FILE_ATTRIBUTE_READONLY", 0):
        return True
    return not os.access(path, os.W_OK)


def refuse_same_file(source: Path, out: Path) -> None:
    """Refuse to write ``out`` when it is the input file itself (same path after links, or same inode)."""
    same = os.path.realpath(source) == os.path.realpath(out)
    if not same:
        try:
            same = os.path.samefile(source, out)
        except (OSError, ValueError):
            same = False
    if same:
        raise FileWriteError(f"输出文件“{out}”就是输入文件本身，写入会毁掉输入；请换一个输出文件名。")


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
    shown = path
    path = write_target(path)
    tmp = temp_beside(path)
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace_into(tmp, path)
    except OSError as exc:
        remove_quietly(tmp)
        raise FileWriteError(describe_os_error(exc, shown)) from None


def copy_atomic(source: Path, copy: Path) -> None:
    """``copy`` becomes a complete copy of ``source`` or stays as it was; a link at ``copy`` is
    replaced, not followed."""
    tmp = temp_beside(copy)
    try:
        with source.open("rb") as reader, tmp.open("wb") as writer:
            while chunk := reader.read(1 << 20):
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        os.chmod(tmp, stat.S_IMODE(os.stat(source).st_mode))
        os.replace(tmp, copy)
    except BaseException:
        remove_quietly(tmp)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
