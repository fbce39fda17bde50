"""Time the .xlsx export (target: 5,000 indicators ≤ 3 s) and the import of that file.

Run: ``.venv/bin/python benchmarks/bench_excel.py [--indicators N] [--runs R]``.
Prints the median of R runs for: the sample export, the large export, and the
import of the large file both ways (lossless via the embedded data, and from the
visible cells alone with the data sheet removed). openpyxl is imported before timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from perfdesk.domain.model import Form, Goal, Indicator, Project, Task  # noqa: E402
from perfdesk.sample import sample_project  # noqa: E402

GROUPS = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}
VALUES = [">=109人", "=100%", "≤1663.73万元", "2022年12月31日前", "有效提升", "≥ 95 %"]


def large_project(indicators: int) -> Project:
    form = Form(year=2022, department="新疆巴州人力资源和社会保障局（基准测试）")
    form.tasks = [
        Task(
            f"任务{n}",
            "用于保障本单位行政、事业在职人员日常基本工资、各类津贴补贴。" * 3,
            Decimal("12.34"),
            Decimal("12.34"),
            Decimal(0),
        )
        for n in range(20)
    ]
    form.goals = [Goal("坚持把稳就业保就业作为工作主线，不断扩大就业规模，提升就业质量。") for _ in range(10)]
    pairs = [(l1, l2) for l1, children in GROUPS.items() for l2 in children]
    for n in range(indicators):
        level1, level2 = pairs[n * len(pairs) // indicators]
        form.ensure_group(level1, level2).indicators.append(
            Indicator(f"三级指标名称第{n}项（基准）", VALUES[n % len(VALUES)])
        )
    return Project([form])


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import openpyxl

    from perfdesk.excel import export_project_xlsx, import_xlsx
    from perfdesk.excel.embed import DATA_SHEET

    folder = Path(tempfile.mkdtemp(prefix="bench-excel-"))
    sample, large = sample_project(), large_project(args.indicators)
    target = folder / "large.xlsx"
    small = median_time(lambda: export_project_xlsx(sample, folder / "s.xlsx"), args.runs)
    print(f"sample export ({sample.forms[0].indicator_count()} indicators): {small:.3f} s (median of {args.runs})")
    seconds = median_time(lambda: export_project_xlsx(large, target), args.runs)
    verdict = "OK" if seconds <= 3.0 or args.indicators != 5000 else "SLOWER THAN TARGET (3 s)"
    size = target.stat().st_size / 1024
    print(f"large export ({args.indicators} indicators, {size:.0f} KB): {seconds:.3f} s  {verdict}")
    print(f"import, lossless path: {median_time(lambda: import_xlsx(target), args.runs):.3f} s")
    wb = openpyxl.load_workbook(target)
    del wb[DATA_SHEET]
    visible = folder / "visible.xlsx"
    wb.save(visible)
    print(f"import, visible cells only: {median_time(lambda: import_xlsx(visible), args.runs):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
