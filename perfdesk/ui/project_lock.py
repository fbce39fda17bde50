"""The project lock as the window sees it: the store's service (perfdesk.store.lock), named in Chinese.

The lock itself has no Qt in it, so the CLI honours the same lock as the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from perfdesk.store.lock import LockOwner, ProjectLock

__all__ = ["LockOwner", "ProjectLock", "describe_owner"]


def describe_owner(owner: LockOwner | None) -> str:
    """``张三（计算机 DESK-7）自 2026-11-28 09:30 起``; an unreadable lock-info is an unknown holder."""
    if owner is None or not owner.known:
        return QCoreApplication.translate("files", "另一个程序（用户未知）")
    user = owner.user if owner.user != "?" else QCoreApplication.translate("files", "未知用户")
    text = user
    if owner.host != "?":
        text += QCoreApplication.translate("files", "（计算机 {0}）").format(owner.host)
    if owner.since != "?":
        text += QCoreApplication.translate("files", "自 {0} 起").format(owner.since)
    return text
