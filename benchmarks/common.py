"""Shared helpers for the benchmark scripts (not part of the test run)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from perfdesk.domain.framework import get_framework
from perfdesk.domain.model import Form, Goal, Indicator, Task, new_form

VALUES = ["≥{n}人", "=100%", "≤{n}万元", "2022年12月{d}日", "有效提升", ">={n}次", "≤24小时", "≥90%"]


def big_form(indicators: int = 2000, year: int = 2022) -> Form:
    """A generated form spread over every 二级 of the 2015 framework."""
    form = new_form(year, "生成的测试单位", "2015")
    groups = [l2 for l1 in form.tree for l2 in l1.children]
    framework = get_framework("2015")
    assert framework is not None
    for i in range(indicators):
        value = VALUES[i % len(VALUES)].format(n=i % 500 + 1, d=i % 28 + 1)
        groups[i % len(groups)].indicators.append(Indicator(f"生成指标{i:05d}号", value))
    form.tasks = [Task(f"任务{i}", "内容" * 20, Decimal("10.5"), Decimal("10.5"), Decimal("0")) for i in range(20)]
    form.goals = [Goal(f"目标内容{i}") for i in range(9)]
    return form


def median_time(action: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
