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


PROJECT_VALUES = ["≥{n}人次", "≥95%", "≤{n}元", "2027年{m}月{d}日前", "有效提升", "={n}期", "≤30天", "≥90%"]


def _project_form(number: int, indicators: int) -> Form:
    """A filled project table: the 88号 template (both sides, every row on each) for even
    ``number``, the 一体化 template (年度 only) for odd; ``indicators`` 三级 rows per side."""
    from perfdesk.domain.project import new_project_form

    mof = number % 2 == 0
    form = new_project_form(2027, "mof-2015-project" if mof else "yth-project", "2015")
    name = f"生成的第{number + 1:03d}号项目"
    if mof:
        form.fields = {"项目名称": name, "主管部门及代码": "某县某局（101001）", "实施单位": "某县某中心",
                       "项目属性": "延续项目", "项目期": "2026年—2028年"}
        form.funds = {"mid.total": "360.00", "mid.fiscal": "300.00", "mid.other": "60.00",
                      "year.total": "120.00", "year.fiscal": "100.00", "year.other": "20.00"}
    else:
        form.fields = {"项目名称": name, "主管部门": "219-某区某局", "实施单位": "某区某中心",
                       "项目负责人及电话": "王某 021-12345678", "项目性质": "阶段性项目",
                       "计划开始日期": "2024年1月1日", "计划完成日期": "2028年12月31日"}
        form.funds = {"project_total": "900.00", "project_fiscal": "900.00", "year.total": "226.00",
                      "year.fiscal": "200.00", "year.carryover": "21.00", "year.other": "5.00"}
    form.goals = [Goal(f"完成生成指标{i}相关工作") for i in range(3)]
    form.goals_mid = [Goal(f"项目期内完成生成指标{i}相关工作") for i in range(2)]
    for horizon in ("mid", "year") if mof else ("year",):
        groups = [l2 for l1 in form.side(horizon) for l2 in l1.children]
        for i in range(indicators):
            text = PROJECT_VALUES[i % len(PROJECT_VALUES)]
            scale = 3 if horizon == "mid" else 1
            value = text.format(n=(i % 50 + 1) * scale, m=i % 12 + 1, d=i % 28 + 1)
            groups[i % len(groups)].indicators.append(Indicator(f"生成指标{i:03d}号", value, core=i == 0))
    return form


def two_hundred_projects_db(path: Path, projects: int = 200, indicators: int = 40) -> Path:
    """A department's project file (issue 16): its 部门整体 table (the bundled sample)
    and ``projects`` project tables of ``indicators`` 三级 each, the 88号 and 一体化 templates mixed."""
    from perfdesk.sample import sample_project
    from perfdesk.store import save_project

    forms = sample_project().forms[:1] + [_project_form(n, indicators) for n in range(projects)]
    save_project(Project(forms), path)
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
