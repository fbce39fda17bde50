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
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EEXIST: "文件已存在",
    errno.ELOOP: "路径中的符号链接太多（可能循环指向自己）",
    errno.EFBIG: "文件太大，超过了磁盘格式的上限（U盘是 FAT32 格式？）",
    errno.EMFILE: "打开的文件太多，请关闭一些程序后再试",
    errno.ENFILE: "系统打开的文件太多，请关闭一些程序后再试",
    errno.ENXIO: "设备不存在或未就绪",
    errno.ENODEV: "设备不存在或未就绪",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EINVAL: "文件名或路径无效",
    errno.ENOMEM: "内存不足",
    errno.ESTALE: "网络盘上的文件已失效，请重新连接网络盘",
    errno.ENOTCONN: "网络盘已断开",
    errno.ETIMEDOUT: "网络盘连接超时",
    errno.EXDEV: "不能跨磁盘移动文件",
}
_READ_CAUSES = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ENOENT: "找不到文件",
    errno.EIO: "读取出错：U盘可能已拔出，或网络连接中断",
}


def os_cause(exc: OSError, causes: dict[int, str] | None = None) -> str:
    """Why ``exc`` happened, in Chinese: never the system's own (English) text."""
    cause = (causes or {}).get(exc.errno or 0) or _CAUSES.get(exc.errno or 0)
    if cause is not None:
        return cause
    winerror = getattr(exc, "winerror", None)
    if winerror in (32, 33):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return "文件正被其他程序（杀毒软件、同步软件、WPS/Excel）占用，请关闭后再试"
    code = exc.errno if exc.errno is not None else winerror
    return f"系统错误（错误码 {code}）" if code is not None else "系统错误"


def describe_read_error(exc: OSError, path: Path) -> str:
    return f"无法读取“{path}”：{os_cause(exc, _READ_CAUSES)}"


def describe_os_error(exc: OSError, path: Path) -> str:
    return f"无法保存到“{path}”：{os_cause(exc)}。"


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
    return f"无法保存到“{path}”：数据库写入失败（SQLite 错误码 {code}）。"
