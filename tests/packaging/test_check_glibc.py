"""packaging/check_glibc.py: a library that needs a newer glibc than 统信UOS/麒麟's 2.28 fails the bundle."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "packaging" / "check_glibc.py"


def _newest_glibc_in(data: bytes) -> tuple[int, ...]:
    """Independent of the checker: the highest GLIBC_x.y string anywhere in the file's bytes."""
    found = [tuple(map(int, m.groups())) for m in re.finditer(rb"GLIBC_(\d+)\.(\d+)\b", data)]
    return max(found, default=())


def _system_binary_needing_more_than_2_28(target: Path) -> tuple[int, ...]:
    """Copy a binary of this machine (Debian 12: glibc 2.36) to ``target``; its newest GLIBC_x.y.

    On a machine whose own binaries need no more than 2.28, a version name in the copy is
    rewritten to GLIBC_2.99 (same length), as a binary built on a newer system would carry.
    """
    source = Path(os.path.realpath(sys.executable))
    data = source.read_bytes()
    if _newest_glibc_in(data) <= (2, 28):
        for old in (b"GLIBC_2.2.5\x00", b"GLIBC_2.17\x00"):
            if old in data:
                data = data.replace(old, b"GLIBC_2.99\x00".ljust(len(old), b"\x00"), 1)
                break
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    target.chmod(0o755)
    return _newest_glibc_in(data)


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECK), *args], capture_output=True, text=True, timeout=120)


def test_a_wheel_library_needing_a_newer_glibc_fails_the_check(tmp_path):
    assert shutil.which("objdump"), "binutils (objdump) is needed, as for build_linux.sh"
    bundle = tmp_path / "perfdesk"
    ok_lib = bundle / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Core.so.6"
    ok_lib.parent.mkdir(parents=True)
    (bundle / "_internal" / "resources").mkdir()
    (bundle / "_internal" / "resources" / "notes.txt").write_text("not ELF", encoding="utf-8")
    newest = _system_binary_needing_more_than_2_28(ok_lib)
    assert newest > (2, 28)
    result = run_check(str(bundle))
    assert result.returncode == 1, result.stdout + result.stderr
    version = ".".join(map(str, newest))
    assert f"GLIBC_{version}" in result.stdout and "FAIL" in result.stdout
    assert "_internal/PySide6/Qt/lib/libQt6Core.so.6" in result.stderr
    assert "notes.txt" not in result.stdout
    # the same file within a higher limit passes: the check compares, it does not just refuse
    assert run_check("--max", version, str(bundle)).returncode == 0


def test_build_machine_libraries_are_reported_and_enforced_with_strict(tmp_path):
    bundle = tmp_path / "perfdesk"
    internal = bundle / "_internal"
    _system_binary_needing_more_than_2_28(internal / "libstdc++.so.6")
    _system_binary_needing_more_than_2_28(internal / "python3.11" / "lib-dynload" / "_json.cpython-311.so")
    _system_binary_needing_more_than_2_28(internal / "libpython3.11.so.1.0")
    relaxed = run_check(str(bundle))
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "over (not enforced)" in relaxed.stdout and "build the release on a glibc-2.28 system" in relaxed.stdout
    strict = run_check("--strict", str(bundle))
    assert strict.returncode == 1
    assert "libstdc++.so.6" in strict.stderr and "_json.cpython-311.so" in strict.stderr
    assert "libpython3.11.so.1.0" not in strict.stderr  # the interpreter itself is listed, never enforced
    assert "libpython3.11.so.1.0" in strict.stdout


def test_an_extension_module_at_the_top_comes_from_a_wheel_and_is_enforced(tmp_path):
    bundle = tmp_path / "perfdesk"
    _system_binary_needing_more_than_2_28(bundle / "_internal" / "_rl_accel.cpython-311-x86_64-linux-gnu.so")
    assert run_check(str(bundle)).returncode == 1
