"""Wording for dates that do not exist (2022年11月31日), shared by several rules."""

from __future__ import annotations

import calendar

from perfdesk.domain.values import TargetValue


def impossible_date_message(value: TargetValue) -> str:
    """Why the date does not exist and the nearest real one, as one sentence."""
    year, month, day = value.year or 0, value.month or 0, value.day
    typed = value.canonical
    if not 1 <= month <= 12:
        return f"日期 {typed} 不存在（没有 {month} 月），请改为实际日期。"
    if day is None or day < 1:
        return f"日期 {typed} 不存在，请改为实际日期。"
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if month == 2 and day == 29:
        why = f"{year}年不是闰年，2月只有28天"
    else:
        why = f"{month}月只有{last}天"
    suggestion = f"{value.comparator}{year}年{month}月{last}日{value.suffix}"
    return f"日期 {typed} 不存在（{why}），请改为实际日期，如 {suggestion}。"
