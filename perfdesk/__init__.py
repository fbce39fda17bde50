"""perfdesk: fill in, check, save and print 部门（单位）整体支出绩效目标表."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "perfdesk"
