"""Run ``python main.py …`` as a clerk's IT staff would: a real process, PYTHONUTF8 unset."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
             text: bool = False) -> subprocess.CompletedProcess:
    """bytes by default (tests that decode as GBK or UTF-8 themselves); ``text=True`` decodes UTF-8."""
    full_env = dict(os.environ)
    full_env.pop("PYTHONUTF8", None)  # the console encoding a real Windows pipe has
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, env=full_env, cwd=cwd, timeout=120,
        **({"encoding": "utf-8", "errors": "replace"} if text else {}),
    )
