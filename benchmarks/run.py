"""All of perfdesk's performance targets in one command: a table of medians, exit 1 on a miss.

    .venv/bin/python benchmarks/run.py            # the full run (about 40 s on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # fewer repeats, for a first look

Every figure is the median of repeated runs; every comparison (perfdesk vs a plain-Qt
window of the same shape, perfdesk's CLI vs LibreOffice) is a ratio of figures measured in this same run,
so a slow or busy machine slows both sides. Child processes get offscreen Qt and a
scratch data folder; nothing outside a temporary folder is written. See README.md here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SCRATCH = Path(tempfile.gettempdir()) / "perfdesk-bench"  # replaced by a fresh folder in main()
PYCACHE = SCRATCH / "pycache"  # the children's byte-code cache, filled by their untimed first runs
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import (  # noqa: E402
    ROOT,
    ChildRun,
    child_env,
    clear_domain_caches,
    cpu_probe,
    large_hunan_project,
    large_project,
    run_child,
    timings,
    two_hundred_projects_db,
    write_sample_db,
)

LARGE = 5000  # indicators in the generated project
OK, MISSED, INFO, SKIPPED, UNAVAILABLE, ERROR = "ok", "MISSED", "info", "skipped", "n/a", "ERROR"


@dataclass
class Row:
    name: str
    measured: str = ""
    target: str = ""
    ratio: str = ""
    result: str = ""
    note: str = ""


@dataclass
class Repeats:
    fast: int  # in-process items of milliseconds
    slow: int  # in-process items of seconds
    rounds: int  # rounds of child processes (one run of each side per round, the order rotating)


def say(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def fmt_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def absolute(name: str, times: list[float], limit: float | None) -> Row:
    median = statistics.median(times)
    row = Row(name, fmt_seconds(median), note=f"n={len(times)}, min {fmt_seconds(min(times))}")
    if limit is None:
        row.result = INFO
    else:
        row.target = f"≤ {fmt_seconds(limit)}"
        row.result = OK if median <= limit else MISSED
    return row


def relative(name: str, ours: list[float], theirs: list[float], limit: float | None, unit: Callable[[float], str],
             theirs_name: str, note: str = "") -> Row:
    """``ours[i]`` and ``theirs[i]`` ran in the same round: the ratio is the median of the rounds' ratios,
    which cancels most of a drift in machine speed; the measured column shows each side's median.
    ``limit`` None makes an ``info`` row (no target) that explains another."""
    a, b = statistics.median(ours), statistics.median(theirs)
    ratio = statistics.median(x / y for x, y in zip(ours, theirs, strict=True))
    row = Row(name, f"{unit(a)} vs {unit(b)}", ratio=f"{ratio:.2f}×", note=note or f"n={len(ours)}+{len(theirs)}")
    if limit is None:
        row.result = INFO
    else:
        row.target = f"≤ {limit:g}× {theirs_name}"
        row.result = OK if ratio <= limit else MISSED
    return row


PROBES: list[float] = []  # cpu_probe() before and after every benchmark


def guarded(rows: list[Row], names: list[str], bench: Callable[[], list[Row]]) -> None:
    """Run one benchmark; a crash becomes ERROR rows instead of ending the whole run."""
    PROBES.append(cpu_probe())
    try:
        rows.extend(bench())
    except Exception as exc:  # noqa: BLE001 - reported in the table, and fails the run
        traceback.print_exc()
        rows.extend(Row(name, result=ERROR, note=f"{type(exc).__name__}: {exc}"[:120]) for name in names)
    PROBES.append(cpu_probe())


def speed_row() -> Row:
    """How much the machine's speed changed during the run (absolute targets depend on it)."""
    fastest, slowest = min(PROBES), max(PROBES)
    spread = slowest / fastest
    note = "steady" if spread < 1.3 else "machine speed varied: absolute figures are noisy, ratios less so"
    return Row("machine speed check (fixed Python loop)", f"{fmt_seconds(fastest)} – {fmt_seconds(slowest)}",
               ratio=f"{spread:.2f}×", result=INFO, note=note)


# --- child processes --------------------------------------------------------------------


PYTHON = sys.executable  # the venv's python, for every perfdesk child


def cold_starts(sample_db: Path, repeats: Repeats) -> list[Row]:
    driver = str(HERE / "start_driver.py")
    sides = {
        "bare": [PYTHON, driver, "bare"],
        "perfdesk": [PYTHON, driver, "perfdesk", str(sample_db)],
        "plain-qt": [PYTHON, driver, "plain-qt"],
    }
    counter = itertools.count()
    settled: dict[str, list[float]] = {}

    def start(side: str) -> tuple[float, float | None]:
        scratch = SCRATCH / f"start-{next(counter)}"
        run = run_child(sides[side], child_env(scratch / "data", PYCACHE), scratch, timeout=60)
        lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
        report = json.loads(lines[-1]) if lines else {}
        if run.returncode != 0 or "painted" not in report:
            raise RuntimeError(f"{side} start failed ({run.returncode}): {report or run.stderr.strip()[-300:]}")
        if side == "perfdesk" and not any(sample_db.name in title for title in report.get("titles", [])):
            raise RuntimeError(f"the window painted without {sample_db.name} open: {report.get('titles')}")
        settled.setdefault(side, []).append(report.get("settled", report["painted"]))
        return report["painted"], run.maxrss_kib

    say("cold start: one untimed start of each (fills the byte-code cache)")
    for side in sides:
        start(side)
    seconds: dict[str, list[float]] = {side: [] for side in sides}
    memory: dict[str, list[float]] = {side: [] for side in sides}
    names = list(sides)
    for n in range(repeats.rounds):
        order = names[n % len(names):] + names[:n % len(names)]  # rotate, so no side always goes first
        for side in order:
            say(f"cold start {n + 1}/{repeats.rounds}: {side}")
            painted, rss = start(side)
            seconds[side].append(painted)
            if rss is not None:
                memory[side].append(rss)

    def mib(kib: float) -> str:
        return f"{kib / 1024:.0f} MiB"

    # The checked row compares perfdesk with the plain-Qt window of the same shape: a bare
    # QMainWindow leaves out what any PySide window with these widgets costs (the ``Qt``
    # namespace's enums, views, docks, menus, a CJK font), which alone is about 1.45× bare,
    # so "1.5× bare" would leave perfdesk a few milliseconds. See README.md, "Cold start".
    rows = [
        relative("cold start to painted window, sample open", seconds["perfdesk"], seconds["plain-qt"], 1.5,
                 fmt_seconds, "plain-Qt window"),
        relative("  ... the same start vs a bare QMainWindow", seconds["perfdesk"], seconds["bare"], None,
                 fmt_seconds, "bare window", "the issue's first yardstick; see README"),
        relative("  ... plain-Qt window of the same shape vs bare", seconds["plain-qt"], seconds["bare"], None,
                 fmt_seconds, "bare window", "Qt's own share (no perfdesk code)"),
        relative("  ... until the 审核 marks are shown (validation runs after the first paint)",
                 settled["perfdesk"][-len(seconds["plain-qt"]):], seconds["plain-qt"], None, fmt_seconds,
                 "plain-Qt window", "painted window + first validation"),
    ]
    if memory["perfdesk"] and memory["bare"]:
        rows.append(relative("peak memory (ru_maxrss), sample open", memory["perfdesk"], memory["bare"], 1.6,
                             mib, "bare window"))
    else:
        rows.append(Row("peak memory (ru_maxrss), sample open", result=SKIPPED, note="no wait4() on this system"))
    if memory["plain-qt"] and memory["bare"]:
        rows.append(relative("  ... plain-Qt window of the same shape: memory", memory["plain-qt"], memory["bare"],
                             None, mib, "bare window"))
    return rows


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def cli_pdf_vs_soffice(sample_db: Path, repeats: Repeats) -> list[Row]:
    from perfdesk.store import open_project

    name = "sample → PDF: `main.py export-pdf` vs soffice"
    soffice = soffice_path()
    if soffice is None:
        return [Row(name, result=SKIPPED, note="LibreOffice (soffice) is not installed")]
    export = excel_export()
    if export is None:
        return [Row(name, result=UNAVAILABLE, note="perfdesk.excel (the .xlsx export) is not available")]
    work = SCRATCH / "cli"
    work.mkdir()
    sample_xlsx = work / "sample.xlsx"
    export(open_project(sample_db), sample_xlsx)  # what LibreOffice converts: perfdesk's own export
    ours_pdf, lo_dir = work / "ours.pdf", work / "lo"
    profile = (work / "lo-profile").as_uri()
    sides = {
        "perfdesk": [PYTHON, str(ROOT / "main.py"), "export-pdf", str(sample_db), str(ours_pdf)],
        "soffice": [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(lo_dir), str(sample_xlsx)],
    }
    outputs = {"perfdesk": ours_pdf, "soffice": lo_dir / (sample_xlsx.stem + ".pdf")}

    def once(side: str) -> float:
        outputs[side].unlink(missing_ok=True)
        run: ChildRun = run_child(sides[side], child_env(work / "data", PYCACHE), work, timeout=180)
        if run.returncode != 0 or not outputs[side].is_file():
            raise RuntimeError(f"{side} made no PDF ({run.returncode}): {run.stderr.strip()[-300:]}")
        return run.seconds

    say("PDF by CLI vs soffice: one untimed run of each (soffice creates its profile)")
    once("perfdesk")
    once("soffice")
    seconds: dict[str, list[float]] = {"perfdesk": [], "soffice": []}
    for n in range(repeats.rounds):
        order = ("perfdesk", "soffice") if n % 2 == 0 else ("soffice", "perfdesk")
        for side in order:
            say(f"PDF whole process {n + 1}/{repeats.rounds}: {side}")
            seconds[side].append(once(side))
    return [relative(name, seconds["perfdesk"], seconds["soffice"], 0.25, fmt_seconds, "soffice")]


# --- in-process -------------------------------------------------------------------------


def sample_file(sample_db: Path, repeats: Repeats) -> list[Row]:
    from perfdesk.store import open_project, save_project

    say("sample: open and save")
    project = open_project(sample_db)
    target = SCRATCH / "saved.db"
    return [
        absolute("open the sample .db", timings(lambda: open_project(sample_db), repeats.fast), 0.050),
        absolute("save the sample .db", timings(lambda: save_project(project, target), repeats.fast), 0.050),
    ]


def pdf_rows(sample_db: Path, large_db: Path, repeats: Repeats) -> list[Row]:
    from perfdesk.report import PdfOptions, render_form_pdf_bytes
    from perfdesk.report.fonts import resolve_font
    from perfdesk.store import open_project

    options = PdfOptions()
    start = time.perf_counter()
    resolve_font(options.font_path)
    font_load = time.perf_counter() - start
    sample = open_project(sample_db).forms[0]
    start = time.perf_counter()
    render_form_pdf_bytes(sample, options)  # first render: imports ReportLab's modules
    first = time.perf_counter() - start
    say("sample → PDF in-process")
    rows = [
        absolute("sample → PDF, in-process (font loaded)",
                 timings(lambda: render_form_pdf_bytes(sample, options), repeats.fast), 0.3),
        Row("  one-off per process: font load / first render", f"{fmt_seconds(font_load)} / {fmt_seconds(first)}",
            result=INFO, note="not in the figure above"),
    ]
    say(f"{LARGE:,} indicators → PDF")
    large = open_project(large_db).forms[0]
    rows.append(absolute(f"{LARGE:,} indicators: PDF", timings(lambda: render_form_pdf_bytes(large, options),
                                                               repeats.slow), 10.0))
    return rows


PROJECTS_PDF = "1 部门整体 + 200 project tables × 40 indicators: `export-pdf --all`"


def projects_pdf_rows(projects_db: Path, repeats: Repeats) -> list[Row]:
    """The whole process a clerk runs to print a department's project file (open, lay out, write)."""
    work = SCRATCH / "projects-pdf"
    work.mkdir()
    out = work / "all.pdf"
    command = [PYTHON, str(ROOT / "main.py"), "export-pdf", str(projects_db), str(out), "--all"]

    def once() -> float:
        out.unlink(missing_ok=True)
        run: ChildRun = run_child(command, child_env(work / "data", PYCACHE), work, timeout=300)
        if run.returncode != 0 or not out.is_file():
            raise RuntimeError(f"export-pdf --all made no PDF ({run.returncode}): {run.stderr.strip()[-300:]}")
        return run.seconds

    say(PROJECTS_PDF)
    return [absolute(PROJECTS_PDF, [once() for _ in range(repeats.slow)], 20.0)]


def large_rows(large_db: Path, repeats: Repeats) -> list[Row]:
    from perfdesk.domain.validation import validate_form
    from perfdesk.store import open_project

    say(f"{LARGE:,} indicators: open, validate")
    rows = [absolute(f"{LARGE:,} indicators: open", timings(lambda: open_project(large_db), repeats.fast), 1.0)]
    form = open_project(large_db).forms[0]
    rows.append(absolute(f"{LARGE:,} indicators: validate all (fresh process)",
                         timings(lambda: validate_form(form), repeats.fast, setup=clear_domain_caches), 0.100))
    validate_form(form)
    rows.append(absolute("  ... validate again (caches warm, as after an edit)",
                         timings(lambda: validate_form(form), repeats.fast), None))
    return rows


def hunan_rows(hunan_db: Path, repeats: Repeats) -> list[Row]:
    """A province template's large table: nine columns, extra fields, landscape (issue 15)."""
    from perfdesk.domain.validation import validate_form
    from perfdesk.report import PdfOptions, render_form_pdf_bytes
    from perfdesk.store import open_project

    name = f"{LARGE:,} indicators, 湖南 template"
    say(f"{name}: open, validate, PDF")
    rows = [absolute(f"{name}: open", timings(lambda: open_project(hunan_db), repeats.fast), 1.0)]
    form = open_project(hunan_db).forms[0]
    rows.append(absolute(f"{name}: validate all", timings(lambda: validate_form(form), repeats.fast,
                                                          setup=clear_domain_caches), 0.100))
    rows.append(absolute(f"{name}: PDF", timings(lambda: render_form_pdf_bytes(form, PdfOptions()), repeats.slow),
                         10.0))
    return rows


PROJECTS = "1 部门整体 + 200 project tables × 40 indicators"


def projects_rows(projects_db: Path, repeats: Repeats) -> list[Row]:
    """A department's project file (issue 16): open, save, and 审核 of every form in it."""
    from perfdesk.domain.validation import validate_form
    from perfdesk.store import open_project, save_project

    say(f"{PROJECTS}: open, save, validate")
    rows = [absolute(f"{PROJECTS}: open", timings(lambda: open_project(projects_db), repeats.fast), 0.150)]
    project = open_project(projects_db)
    target = SCRATCH / "projects-saved.db"
    rows.append(absolute(f"{PROJECTS}: save", timings(lambda: save_project(project, target), repeats.fast), 0.300))
    rows.append(absolute(f"{PROJECTS}: validate all forms (fresh process)",
                         timings(lambda: [validate_form(form) for form in project.forms], repeats.fast,
                                 setup=clear_domain_caches), 1.0))
    return rows


def gui_rows(large_db: Path, repeats: Repeats) -> list[Row]:
    from perfdesk.store import open_project
    from perfdesk.ui.app import create_app
    from perfdesk.ui.document import Document
    from perfdesk.ui.main_window import MainWindow

    say(f"{LARGE:,} indicators: tree model, window")
    app = create_app([])
    project = open_project(large_db)
    kept: list[Document] = []  # deleted after timing, not inside it
    rows = [absolute(f"{LARGE:,} indicators: Document + tree model build",
                     timings(lambda: kept.append(Document(project)), repeats.fast), 0.200)]
    for doc in kept:
        doc.deleteLater()
    window = MainWindow()
    window.show()
    app.processEvents()

    def show() -> None:
        window.set_document(Document(project))
        app.processEvents()

    rows.append(absolute("  ... shown in the main window (views, expand, paint)", timings(show, repeats.slow), None))
    window.doc.undo_stack.setClean()
    window.close()
    app.processEvents()
    return rows


def project_file_rows(sample_db: Path, projects_db: Path, repeats: Repeats) -> list[Row]:
    """Issue 16: a department's file of 1 部门整体 and 200 project tables (40 三级 each) in the window."""
    from bench_gui import switch_times

    driver = str(HERE / "start_driver.py")
    counter = itertools.count()

    def start(db: Path) -> float:
        scratch = SCRATCH / f"projects-start-{next(counter)}"
        run = run_child([PYTHON, driver, "perfdesk", str(db)], child_env(scratch / "data", PYCACHE), scratch, 60)
        lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
        report = json.loads(lines[-1]) if lines else {}
        if run.returncode != 0 or "painted" not in report:
            raise RuntimeError(f"start failed ({run.returncode}): {report or run.stderr.strip()[-300:]}")
        if not any(db.name in title for title in report.get("titles", [])):
            raise RuntimeError(f"the window painted without {db.name} open: {report.get('titles')}")
        return float(report["painted"])

    say("200 project tables: cold start (first form shown) vs the sample's")
    start(projects_db)
    ours: list[float] = []
    theirs: list[float] = []
    for n in range(repeats.rounds):
        pair = [(projects_db, ours), (sample_db, theirs)]
        for db, into in pair if n % 2 == 0 else pair[::-1]:
            into.append(start(db))
    rows = [relative("200 project tables: cold start to the first form shown", ours, theirs, 1.5, fmt_seconds,
                     "start with the sample")]
    say("200 project tables: switching forms in the navigator")
    rows.append(absolute("  ... switch to another project table (40 三级)",
                         switch_times(projects_db, max(9, repeats.fast * 2)), 0.050))
    return rows


def xlsx_rows(large_db: Path, repeats: Repeats) -> list[Row]:
    from perfdesk.store import open_project

    name = f"{LARGE:,} indicators: xlsx export"
    export = excel_export()
    if export is None:
        return [Row(name, result=UNAVAILABLE, note="perfdesk.excel is not available")]
    say(f"{LARGE:,} indicators → xlsx")
    project = open_project(large_db)
    out = SCRATCH / "large.xlsx"
    return [absolute(name, timings(lambda: export(project, out), repeats.slow), 3.0)]


def project_xlsx_rows(projects_db: Path, repeats: Repeats) -> list[Row]:
    """Issue 16: the file of 1 部门整体 + 200 project tables through Excel (no target set: info)."""
    from perfdesk.excel import export_project_xlsx, import_xlsx
    from perfdesk.store import open_project

    say("200 project tables → xlsx → back")
    project = open_project(projects_db)
    out = SCRATCH / "projects.xlsx"
    rows = [absolute("200 project tables: xlsx export", timings(lambda: export_project_xlsx(project, out),
                                                                  repeats.slow), None)]
    rows.append(absolute("  ... xlsx import (unedited: from the embedded data)", timings(lambda: import_xlsx(out),
                                                                                           repeats.slow), None))
    return rows


def excel_export() -> Callable | None:
    try:
        from perfdesk.excel import export_project_xlsx
    except ImportError:
        return None
    return export_project_xlsx


# --- report -------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    try:
        from PySide6 import __version__ as qt
    except ImportError:
        qt = "?"
    return (f"{os.cpu_count()} CPUs, {cpu}{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, PySide6 {qt}")


def print_table(rows: list[Row]) -> None:
    headers = Row("benchmark", "measured (median)", "target", "ratio", "result", "")
    table = [headers, *rows]

    def width(text: str) -> int:  # CJK and other wide characters take two columns
        return sum(2 if ord(ch) >= 0x1100 and not 0x2190 <= ord(ch) <= 0x22FF else 1 for ch in text)

    def pad(text: str, size: int) -> str:
        return text + " " * (size - width(text))

    fields = ("name", "measured", "target", "ratio", "result", "note")
    sizes = {f: max(width(getattr(r, f)) for r in table) for f in fields}
    for n, row in enumerate(table):
        print("  ".join(pad(getattr(row, f), sizes[f]) for f in fields).rstrip())
        if n == 0:
            print("  ".join("-" * sizes[f] for f in fields).rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (3 / 1 / 1 instead of 5 / 3 / 5)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    args = parser.parse_args()
    global SCRATCH, PYCACHE
    SCRATCH = Path(tempfile.mkdtemp(prefix="perfdesk-bench-"))
    PYCACHE = SCRATCH / "pycache"
    os.environ["PERFDESK_DATA_DIR"] = str(SCRATCH / "data")  # never the user's settings or recovery copies
    try:
        return run_all(args)
    finally:
        if args.keep:
            print(f"scratch folder kept: {SCRATCH}")
        else:
            shutil.rmtree(SCRATCH, ignore_errors=True)


def run_all(args: argparse.Namespace) -> int:
    repeats = Repeats(fast=3, slow=1, rounds=1) if args.quick else Repeats(fast=7, slow=3, rounds=9)
    began = time.perf_counter()
    say(f"scratch folder {SCRATCH}")

    from perfdesk.store import save_project

    sample_db = write_sample_db(SCRATCH / "sample.db")
    large_db = SCRATCH / "large.db"
    save_project(large_project(LARGE), large_db)

    rows: list[Row] = []
    # Child processes first, while this process is still small and idle.
    guarded(rows, ["cold start to painted window, sample open", "peak memory (ru_maxrss), sample open"],
            lambda: cold_starts(sample_db, repeats))
    guarded(rows, ["sample → PDF: `main.py export-pdf` vs soffice"],
            lambda: cli_pdf_vs_soffice(sample_db, repeats))
    guarded(rows, ["open the sample .db", "save the sample .db"], lambda: sample_file(sample_db, repeats))
    guarded(rows, ["sample → PDF, in-process (font loaded)", f"{LARGE:,} indicators: PDF"],
            lambda: pdf_rows(sample_db, large_db, repeats))
    guarded(rows, [f"{LARGE:,} indicators: open", f"{LARGE:,} indicators: validate all (fresh process)"],
            lambda: large_rows(large_db, repeats))
    guarded(rows, [f"{LARGE:,} indicators: Document + tree model build"], lambda: gui_rows(large_db, repeats))
    guarded(rows, [f"{LARGE:,} indicators: xlsx export"], lambda: xlsx_rows(large_db, repeats))
    projects_db = two_hundred_projects_db(SCRATCH / "two-hundred-projects.db")
    guarded(rows, [PROJECTS_PDF], lambda: projects_pdf_rows(projects_db, repeats))
    guarded(rows, ["200 project tables: xlsx export"], lambda: project_xlsx_rows(projects_db, repeats))
    guarded(rows, ["200 project tables: cold start to the first form shown",
                   "  ... switch to another project table (40 三级)"],
            lambda: project_file_rows(sample_db, projects_db, repeats))
    hunan_db = SCRATCH / "large-hunan.db"
    save_project(large_hunan_project(LARGE), hunan_db)
    guarded(rows, [f"{LARGE:,} indicators, 湖南 template: open", f"{LARGE:,} indicators, 湖南 template: validate all",
                   f"{LARGE:,} indicators, 湖南 template: PDF"], lambda: hunan_rows(hunan_db, repeats))

    guarded(rows, [f"{PROJECTS}: open", f"{PROJECTS}: save", f"{PROJECTS}: validate all forms (fresh process)"],
            lambda: projects_rows(projects_db, repeats))

    from bench_scoring import scoring_rows

    guarded(rows, ["self-evaluation, 200 rows: rescore after one edit",
                   "200 projects' self-evaluations (40 rows each): score all"],
            lambda: scoring_rows(repeats.fast, absolute, say))

    print(f"perfdesk benchmarks — {machine()}")
    print(f"repeats: {repeats.fast} (fast items) / {repeats.slow} (slow items) / {repeats.rounds} rounds of child "
          f"processes, order alternating; {time.perf_counter() - began:.0f} s in all\n")
    print_table([*rows, speed_row()])
    failed = [row.name.strip() for row in rows if row.result in (MISSED, ERROR)]
    print()
    checked = sum(row.result in (OK, MISSED, ERROR) for row in rows)
    print(f"FAILED {len(failed)} of {checked} targets: " + "; ".join(failed)
          if failed else f"all {checked} targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
