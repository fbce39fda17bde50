#!/usr/bin/env python3
"""One-command set-up for developers and CI.

    python3 scripts/dev.py run     install what is missing, start perfdesk on the sample
    python3 scripts/dev.py test    install what is missing, run the whole test suite

It creates ``.venv`` beside this repository and installs ``.[test]`` into it. On
Debian/Ubuntu it installs the system libraries Qt needs when run as root, and
otherwise prints the exact ``apt-get`` line to run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"

# Qt offscreen + a CJK font + the tools the tests use to look at output: poppler for
# PDFs, LibreOffice (a real spreadsheet client) for the .xlsx export.
DEB_TEST = [
    "libegl1", "libgl1", "libfontconfig1", "libxkbcommon0", "libdbus-1-3", "libglib2.0-0",
    "fonts-wqy-microhei", "poppler-utils", "libreoffice-calc-nogui",
]
# A real window (xcb platform plugin).
DEB_WINDOW = [
    "libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-randr0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0", "libxcb-xkb1",
    "libx11-xcb1",
]


def say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def missing_debs(packages: list[str]) -> list[str]:
    missing = []
    for name in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True
        )
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def ensure_system_packages(packages: list[str]) -> None:
    if not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None:
        return  # Windows/macOS wheels carry what Qt needs
    missing = missing_debs(packages)
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("安装系统软件包 / installing system packages: " + " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
        return
    say("缺少系统软件包，请先运行 / missing system packages, please run:")
    print("    sudo apt-get install " + " ".join(missing))
    raise SystemExit(1)


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        say(f"创建虚拟环境 / creating {VENV}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    stamp = VENV / ".perfdesk-installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != wanted:
        say("安装依赖 / installing dependencies (pip install -e .[test])")
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=False)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"], check=True)
        stamp.write_text(wanted)
    return python


def cmd_test(extra: list[str]) -> int:
    ensure_system_packages(DEB_TEST)
    python = ensure_venv()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    with tempfile.TemporaryDirectory(prefix="perfdesk-test-") as data:
        env["PERFDESK_DATA_DIR"] = data  # never touch the user's real data or settings
        return subprocess.run([str(python), "-m", "pytest", *extra], cwd=ROOT, env=env).returncode


def cmd_run(extra: list[str]) -> int:
    ensure_system_packages(DEB_TEST + DEB_WINDOW)
    python = ensure_venv()
    if extra:
        return subprocess.run([str(python), str(ROOT / "main.py"), *extra], cwd=ROOT).returncode
    sample_dir = Path.home() / "perfdesk-示例"
    sample_dir.mkdir(exist_ok=True)
    sample = sample_dir / "2022年 巴州人社局 整体支出绩效目标表.db"
    if not sample.exists():
        subprocess.run([str(python), str(ROOT / "main.py"), "sample", str(sample)], check=True)
    return subprocess.run([str(python), str(ROOT / "main.py"), str(sample)], cwd=ROOT).returncode


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test"):
        print(__doc__)
        return 2
    handler = cmd_test if sys.argv[1] == "test" else cmd_run
    return handler(sys.argv[2:])


if __name__ == "__main__":
    raise SystemExit(main())
