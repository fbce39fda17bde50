"""Time validate_form on a 2,000-indicator form (the sample's rows, repeated and renamed).

Run: ``.venv/bin/python benchmarks/bench_validate.py [--indicators N] [--runs R]``.
Prints the first (cold: values not yet parsed) and the median of repeated runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from perfdesk.domain.model import Form, Indicator  # noqa: E402
from perfdesk.domain.validation import validate_form  # noqa: E402
from perfdesk.sample import sample_project  # noqa: E402


def big_form(count: int) -> Form:
    form = sample_project().forms[0]
    rows = [(l1.name, l2.name, ind.name, ind.value) for l1, l2, ind in form.iter_indicators()]
    for level1 in form.tree:
        for level2 in level1.children:
            level2.indicators.clear()
    for i in range(count):
        level1, level2, name, value = rows[i % len(rows)]
        # A fresh name and value per row so neither duplicates nor the parse cache flatter the figure.
        number = i // len(rows)
        value = value.replace("9", str(number % 10)) if number else value
        form.ensure_group(level1, level2).indicators.append(Indicator(f"{name[:14]}{number}", value))
    return form


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indicators", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    form = big_form(args.indicators)
    start = time.perf_counter()
    problems = validate_form(form)
    cold = time.perf_counter() - start
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        validate_form(form)
        times.append(time.perf_counter() - start)
    print(f"{form.indicator_count()} 个三级指标，{len(problems)} 个问题")
    print(f"first run (cold parse): {cold * 1000:.1f} ms")
    print(f"median of {args.runs} runs: {statistics.median(times) * 1000:.1f} ms "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")


if __name__ == "__main__":
    main()
