"""Shared helpers for the benchmark scripts (not part of the test run)."""

from __future__ import annotations

import functools
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # a fresh clone: run straight from the checkout
    sys.path.insert(0, str(ROOT))

from perfdesk.domain.framework import get_framework  # noqa: E402
from perfdesk.domain.model import Form, Goal, Indicator, Project, Task, new_form  # noqa: E402

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


def large_project(indicators: int = 5000) -> Project:
    """:func:`big_form` as a one-form project."""
    return Project([big_form(indicators)])


def large_hunan_project(indicators: int = 5000) -> Project:
    """The same tree as a 湖南 (hunan-2023) table: its five extra columns filled in every row,
    部门（单位）职责 filled, no task block (what a province's large table carries)."""
    form = big_form(indicators)
    form.template = "hunan-2023"
    form.tasks = []
    form.fields = {"部门（单位）职责": "负责全省职业技能培训的组织实施、监督和评估。"}
    for number, (_, _, indicator) in enumerate(form.iter_indicators()):
        indicator.extras = {
            "指标值类型": "定量" if indicator.parsed.kind.value == "number" else "定性",
            "计量单位": indicator.parsed.unit if indicator.parsed.kind.value == "number" else "",
            "指标解释": f"第{number + 1}项指标的统计口径和数据来源说明",
            "评（扣）分标准": "完成得满分，未完成按比例扣分",
            "备注": "" if number % 3 else "按季度统计",
        }
        indicator.extras = {k: v for k, v in indicator.extras.items() if v}
    return Project([form])


def two_hundred_projects(projects: int = 200, indicators: int = 40) -> Project:
    """A department's project file: the sample 部门整体 table and ``projects`` project tables of
    ``indicators`` 年度 三级 each (and half as many 中期 on the 88号 ones); every 4th is 一体化."""
    from perfdesk.domain.project import new_project_form
    from perfdesk.sample import sample_project

    project = sample_project()
    for n in range(projects):
        template = "yth-project" if n % 4 == 3 else "mof-2015-project"
        form = new_project_form(2027, template)
        form.fields = {"项目名称": f"生成的项目{n:03d}号", "实施单位": "生成的测试单位", "项目期": "2026年—2028年"}
        form.funds = {"year.total": f"{100 + n}.50", "year.fiscal": f"{100 + n}.50", "mid.total": f"{300 + n}"}
        form.goals = [Goal(f"年度目标{i}") for i in range(3)]
        form.goals_mid = [Goal(f"中期目标{i}") for i in range(2)]
        for horizon, count in (("year", indicators), ("mid", indicators // 2)):
            groups = [l2 for l1 in form.side(horizon) for l2 in l1.children]
            for i in range(count if groups else 0):
                value = VALUES[i % len(VALUES)].format(n=i + 1, d=i % 28 + 1)
                groups[i % len(groups)].indicators.append(Indicator(f"项目指标{i:02d}", value, core=i % 7 == 0))
        project.forms.append(form)
    return project


def two_hundred_projects_db(path: Path) -> Path:
    """:func:`two_hundred_projects` saved by perfdesk itself."""
    from perfdesk.store import save_project

    save_project(two_hundred_projects(), path)
    return path


def timings(action: Callable[[], object], repeat: int = 5, setup: Callable[[], object] | None = None) -> list[float]:
    """Seconds per call of ``action``; ``setup`` (untimed) runs before each call."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def median_time(action: Callable[[], object], repeat: int = 5) -> float:
    return statistics.median(timings(action, repeat))


def cpu_probe() -> float:
    """Seconds for a fixed pure-Python loop: shows how steady the machine's speed is."""
    start = time.perf_counter()
    total = 0
    for n in range(300_000):
        total += n
    return time.perf_counter() - start


def write_sample_db(path: Path) -> Path:
    """The bundled sample as a project file, written by perfdesk itself."""
    from perfdesk.sample import sample_project
    from perfdesk.store import save_project

    save_project(sample_project(), path)
    return path


def clear_domain_caches() -> None:
    """Empty every ``functools`` cache in ``perfdesk.domain``: the state of a fresh process.

    The parse and name caches would otherwise flatter repeated validation runs.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith("perfdesk.domain") or module is None:
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):  # noqa: SLF001
                value.cache_clear()


def child_env(data_dir: Path, pycache: Path, **extra: str) -> dict[str, str]:
    """Environment for a child: offscreen Qt, a scratch data folder (never the user's).

    Byte-code is cached under ``pycache`` (outside the checkout), as an installed program
    has it: with ``PYTHONDONTWRITEBYTECODE`` every start would compile perfdesk again.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(QT_QPA_PLATFORM="offscreen", PERFDESK_DATA_DIR=str(data_dir), PYTHONPYCACHEPREFIX=str(pycache),
               **extra)
    return env


@dataclass
class ChildRun:
    seconds: float  # wall time from just before the spawn to the reaping of the process
    maxrss_kib: float | None  # the child's peak resident set size (None where not available)
    returncode: int
    stdout: str
    stderr: str
    started_at: float  # time.time() just before the spawn (the child may measure from it)


def run_child(cmd: Sequence[str], env: dict[str, str], scratch: Path, timeout: float = 120.0) -> ChildRun:
    """Run ``cmd`` to completion; its own peak memory comes from ``wait4`` (POSIX).

    Output goes to files, not pipes, so a chatty child can never block on a full pipe.
    A child still running after ``timeout`` seconds is killed (returncode < 0).
    """
    scratch.mkdir(parents=True, exist_ok=True)
    out_path, err_path = scratch / "child.out", scratch / "child.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started_at = time.time()
        env = dict(env, PERFDESK_BENCH_T0=repr(started_at))
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            if hasattr(os, "wait4"):
                _, status, usage = os.wait4(proc.pid, 0)
                seconds = time.perf_counter() - start
                proc.returncode = os.waitstatus_to_exitcode(status)
                scale = 1 / 1024 if sys.platform == "darwin" else 1.0  # bytes on macOS, KiB on Linux
                maxrss: float | None = usage.ru_maxrss * scale
            else:
                proc.wait()
                seconds = time.perf_counter() - start
                maxrss = None
        finally:
            killer.cancel()
    return ChildRun(
        seconds=seconds,
        maxrss_kib=maxrss,
        returncode=proc.returncode,
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
        started_at=started_at,
    )
