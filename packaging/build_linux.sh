#!/usr/bin/env bash
# Build the Linux one-folder bundle: dist/perfdesk/{perfdesk,perfdesk-cli,_internal/}.
#
#   packaging/build_linux.sh            (from anywhere; uses the repository's .venv)
#
# The venv comes from `python3 scripts/dev.py test` (or `run`); PyInstaller is installed
# into it here, pinned, because it is a build tool and not a dependency of perfdesk.
# Work files go to build/, the bundle to dist/ (both gitignored).
# Needs objdump (Debian: binutils) and the shared libpython (Debian: libpython3.11).
set -euo pipefail

PYINSTALLER_VERSION=6.22.3
HOOKS_CONTRIB_VERSION=2026.9

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"

fail() { echo "build_linux.sh: $*" >&2; exit 1; }

[ -x "$PY" ] || fail "没有 .venv，请先运行 / no .venv: run 'python3 scripts/dev.py test' first"
command -v objdump >/dev/null || fail "PyInstaller 需要 objdump / needs objdump: apt-get install binutils"
"$PY" - <<'EOF' || fail "PyInstaller 需要共享的 libpython / needs the shared libpython: apt-get install libpython3.11"
import ctypes.util, os, sys, sysconfig
name = sysconfig.get_config_var("INSTSONAME") or ""
libdir = sysconfig.get_config_var("LIBDIR") or ""
found = os.path.exists(os.path.join(libdir, name)) or ctypes.util.find_library(f"python{sys.version_info.major}.{sys.version_info.minor}")
sys.exit(0 if found else 1)
EOF

"$PY" -m pip install --quiet --disable-pip-version-check \
    "pyinstaller==$PYINSTALLER_VERSION" "pyinstaller-hooks-contrib==$HOOKS_CONTRIB_VERSION"

rm -rf "$ROOT/dist/perfdesk"
# --clean: no stale analysis from another checkout; the log goes to build/ and only the tail is shown on failure
mkdir -p "$ROOT/build"
LOG="$ROOT/build/pyinstaller.log"
echo "build_linux.sh: PyInstaller $PYINSTALLER_VERSION → dist/perfdesk (log: build/pyinstaller.log)"
start=$SECONDS
if ! "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
        --workpath "$ROOT/build" --distpath "$ROOT/dist" "$ROOT/packaging/perfdesk.spec" >"$LOG" 2>&1; then
    tail -n 40 "$LOG" >&2
    fail "PyInstaller failed / 构建失败"
fi
grep -E "^[0-9]+ (WARNING|ERROR)" "$LOG" | grep -v "Library not found" || true

[ -x "$ROOT/dist/perfdesk/perfdesk" ] && [ -x "$ROOT/dist/perfdesk/perfdesk-cli" ] || fail "dist/perfdesk is incomplete"
echo "build_linux.sh: built in $((SECONDS - start)) s: $(du -sh "$ROOT/dist/perfdesk" | cut -f1)  $ROOT/dist/perfdesk"
