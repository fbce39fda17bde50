#!/usr/bin/env python3
"""Check that a Linux bundle runs on glibc 2.28 (统信UOS V20, 银河麒麟 V10): no GLIBC_x.y above the limit.

    python3 packaging/check_glibc.py dist/perfdesk              (CI: after build_linux.sh)
    python3 packaging/check_glibc.py --strict dist/perfdesk     (a release built on a glibc-2.28 system)

For every ELF file in the bundle (executables and shared objects) it reads the symbol versions
the file requires (``objdump -p``, "Version References") and takes the highest ``GLIBC_x.y``.
It prints the worst offenders and exits 1 when a file that must run on 2.28 needs more.

Files fall in three groups, because they come from different places:

- wheel: Qt/PySide6, shiboken6, Pillow, ReportLab's accelerators, … (every file inside a package
  folder, and any extension module at the top) and the PyInstaller bootloader (``perfdesk``,
  ``perfdesk-cli``). They are the same files whatever machine builds the bundle, so the limit is
  always enforced on them: a PySide6 6.10+ wheel (manylinux_2_34) fails here.
- build machine: ``lib*.so*`` at the top of ``_internal`` and ``python3.X/lib-dynload``: copied from
  the system that ran PyInstaller (libstdc++, libX11, libsqlite3, the standard library's C modules).
  They need that system's glibc, so on Debian 12 (2.36) they are reported, not enforced; with
  ``--strict`` (the release build, on a glibc-2.28 system) they are enforced too.
- interpreter: ``libpython3.X.so`` itself, like the build-machine files but never enforced (it is
  the interpreter the issue exempts); it is listed so its requirement stays visible.

Exit codes: 0 within the limit, 1 a file over the limit, 2 usage error or objdump missing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
LIMIT = (2, 28)
_GLIBC = re.compile(r"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")
_BOOTLOADERS = {"perfdesk", "perfdesk-cli"}

Version = tuple[int, ...]


@dataclass(frozen=True)
class Finding:
    path: str  # relative to the bundle
    group: str  # "wheel", "build machine" or "interpreter"
    glibc: Version | None  # None: needs no versioned glibc symbol

    def over(self, limit: Version) -> bool:
        return self.glibc is not None and self.glibc > limit


def text(version: Version | None) -> str:
    return "-" if version is None else ".".join(map(str, version))


def parse_version(value: str) -> Version:
    try:
        parts = tuple(int(part) for part in value.split("."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a version: {value}") from None
    if not 2 <= len(parts) <= 3:
        raise argparse.ArgumentTypeError(f"not a version: {value}")
    return parts


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ELF_MAGIC
    except OSError:
        return False


def required_glibc(path: Path) -> Version | None:
    """The highest GLIBC_x.y in the file's version references (what the dynamic loader demands)."""
    result = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, errors="replace")
    if result.returncode != 0:
        raise RuntimeError(f"objdump failed on {path}: {result.stderr.strip()}")
    references = result.stdout.partition("Version References:")[2]
    versions = [tuple(int(g) for g in match.groups() if g is not None) for match in _GLIBC.finditer(references)]
    return max(versions) if versions else None


def group_of(relative: Path) -> str:
    parts = relative.parts
    name = relative.name
    inside = parts[1:] if parts and parts[0] == "_internal" else parts
    if name.startswith("libpython"):
        return "interpreter"
    if len(parts) == 1 and name in _BOOTLOADERS:
        return "wheel"
    if len(inside) == 1 and name.startswith("lib") and ".so" in name:
        return "build machine"
    if len(inside) >= 2 and re.fullmatch(r"python3\.\d+", inside[0]) and inside[1] == "lib-dynload":
        return "build machine"
    return "wheel"


def scan(bundle: Path) -> list[Finding]:
    findings = []
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        relative = path.relative_to(bundle)
        findings.append(Finding(relative.as_posix(), group_of(relative), required_glibc(path)))
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder, e.g. dist/perfdesk")
    parser.add_argument("--max", type=parse_version, default=LIMIT, metavar="X.Y",
                        help=f"highest glibc allowed (default {text(LIMIT)})")
    parser.add_argument("--strict", action="store_true",
                        help="enforce the limit on the build machine's libraries too (release builds)")
    parser.add_argument("--show", type=int, default=15, metavar="N", help="how many worst offenders to list")
    args = parser.parse_args(argv)

    if shutil.which("objdump") is None:
        print("check_glibc.py: needs objdump (Debian: apt-get install binutils)", file=sys.stderr)
        return 2
    if not args.bundle.is_dir():
        print(f"check_glibc.py: no such folder: {args.bundle}", file=sys.stderr)
        return 2
    findings = scan(args.bundle)
    if not findings:
        print(f"check_glibc.py: no executables or shared objects in {args.bundle}", file=sys.stderr)
        return 2
    enforced_groups = {"wheel", "build machine"} if args.strict else {"wheel"}
    failures = [f for f in findings if f.group in enforced_groups and f.over(args.max)]
    reported = [f for f in findings if f.group not in enforced_groups and f.over(args.max)]

    print(f"check_glibc.py: {len(findings)} ELF files in {args.bundle}; limit GLIBC_{text(args.max)}"
          f" enforced on: {', '.join(sorted(enforced_groups))}")
    for group in ("wheel", "build machine", "interpreter"):
        members = [f for f in findings if f.group == group]
        if members:
            worst = max(members, key=lambda f: f.glibc or ())
            print(f"  {group:<14} {len(members):>4} files, highest GLIBC_{text(worst.glibc)} ({worst.path})")
    ranked = sorted(findings, key=lambda f: (f.glibc or (), f.path), reverse=True)[: args.show]
    print("  worst offenders:")
    for finding in ranked:
        if finding in failures:
            mark = "FAIL"
        elif finding.over(args.max):
            mark = "over (not enforced)"
        else:
            mark = "ok"
        print(f"    GLIBC_{text(finding.glibc):<7} {mark:<19} [{finding.group}] {finding.path}")
    if reported:
        print(f"check_glibc.py: {len(reported)} file(s) from the build machine need more than GLIBC_{text(args.max)}:"
              " build the release on a glibc-2.28 system (packaging/README.md) and run with --strict")
    if failures:
        print(f"check_glibc.py: FAILED: {len(failures)} file(s) need more than GLIBC_{text(args.max)}; the bundle"
              " would not start on 统信UOS V20 / 银河麒麟 V10:", file=sys.stderr)
        for finding in failures:
            print(f"  GLIBC_{text(finding.glibc)}  {finding.path}", file=sys.stderr)
        return 1
    print(f"check_glibc.py: ok: every enforced file runs on glibc {text(args.max)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
