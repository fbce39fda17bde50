"""Time PDF rendering: the sample (target ≤ 0.3 s) and a 2,000-indicator form (≤ 5 s).

Run: ``.venv/bin/python benchmarks/bench_pdf.py [--repeat N]``. The font is
loaded once before timing (that one-off cost is printed separately).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from perfdesk.domain.model import Form, Goal, Indicator, Task  # noqa: E402
from perfdesk.report import PdfOptions, render_form_pdf_bytes  # noqa: E402
from perfdesk.report.fonts import bundled_font_path, resolve_font  # noqa: E402
from perfdesk.sample import sample_project  # noqa: E402

FRAMEWORK = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}


def large_form(indicators: int = 2000) -> Form:
    form = Form(year=2022, department="新疆巴州人力资源和社会保障局（基准测试）")
    form.tasks = [
        Task(f"任务{n}", "用于保障本单位行政、事业在职人员日常基本工资、各类津贴补贴。" * 3,
             Decimal("12.34"), Decimal("12.34"), Decimal("0"))
        for n in range(20)
    ]
    form.goals = [Goal("坚持把稳就业保就业作为工作主线，不断扩大就业规模，提升就业质量。") for _ in range(10)]
    groups = [(l1, l2) for l1, children in FRAMEWORK.items() for l2 in children]
    per_group = indicators // len(groups)
    for n, (l1, l2) in enumerate(groups):
        count = per_group if n < len(groups) - 1 else indicators - per_group * (len(groups) - 1)
        group = form.ensure_group(l1, l2)
        group.indicators = [Indicator(f"高职学院临聘人员工资发放人数{k}", f">={k}人") for k in range(count)]
    return form


def timed(form: Form, options: PdfOptions, repeat: int) -> tuple[float, int]:
    times = []
    size = 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(render_form_pdf_bytes(form, options))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    options = PdfOptions(font_path=str(bundled_font_path()))
    start = time.perf_counter()
    resolve_font(options.font_path)
    print(f"font load (once per process): {time.perf_counter() - start:.3f} s")
    sample = sample_project().forms[0]
    render_form_pdf_bytes(sample, options)  # warm ReportLab's imports
    median, size = timed(sample, options, args.repeat)
    print(f"sample ({sample.indicator_count()} indicators): median {median:.3f} s, {size // 1024} KiB (target ≤ 0.3 s)")
    big = large_form()
    median, size = timed(big, options, max(3, args.repeat // 2))
    print(f"large ({big.indicator_count()} indicators): median {median:.3f} s, {size // 1024} KiB (target ≤ 5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
