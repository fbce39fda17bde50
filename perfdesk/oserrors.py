"""Explaining operating-system failures to a clerk, in Chinese."""

from __future__ import annotations

import errno
from pathlib import Path

_CAUSES = {
    errno.ENOSPC: "磁盘空间已满，请清理磁盘或另存到其他位置",
    errno.EDQUOT: "磁盘配额已用完，请清理或另存到其他位置",
    errno.EROFS: "磁盘是只读的（U盘写保护开关？），请另存到其他位置",
    errno.EACCES: "没有写入权限：文件夹可能是只读的，或文件正被其他程序（杀毒软件、同步软件、WPS/Excel）占用",
    errno.EPERM: "没有写入权限：文件夹可能是只读的，或文件正被其他程序（杀毒软件、同步软件）占用",
    errno.ENOENT: "找不到文件夹：U盘可能已拔出，或网络盘已断开",
    errno.EIO: "读写出错：U盘可能已拔出，或网络连接中断",
    errno.ENAMETOOLONG: "文件路径太长，请换一个较短的文件夹或文件名",
    errno.EBUSY: "文件正被其他程序占用（杀毒软件或同步软件？），请稍后再试",
}


def describe_os_error(exc: OSError, path: Path) -> str:
    cause = _CAUSES.get(exc.errno or 0)
    if cause is None:
        winerror = getattr(exc, "winerror", None)
        if winerror in (32, 33):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
            cause = "文件正被其他程序（杀毒软件、同步软件、WPS/Excel）占用，请关闭后再试"
        else:
            cause = exc.strerror or str(exc)
    return f"无法保存到“{path}”：{cause}。"


_SQLITE_CAUSES = {
    13: errno.ENOSPC,  # SQLITE_FULL
    8: errno.EACCES,  # SQLITE_READONLY
    14: errno.EACCES,  # SQLITE_CANTOPEN
    10: errno.EIO,  # SQLITE_IOERR
    5: errno.EBUSY,  # SQLITE_BUSY
}


def describe_sqlite_error(exc: Exception, path: Path) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    mapped = _SQLITE_CAUSES.get((code or 0) & 0xFF)
    if mapped is not None:
        return describe_os_error(OSError(mapped, str(exc)), path)
    return f"无法保存到“{path}”：{exc}。"
