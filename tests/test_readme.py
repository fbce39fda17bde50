"""The README states what the code does: the file version and the pinned Qt."""

from __future__ import annotations

import re
from pathlib import Path

from perfdesk.store.identity import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_file_version_is_the_one_the_code_writes():
    stated = re.findall(r"文件版本（当前为 (\d+)", README) + re.findall(r"Project files are version (\d+)", README)
    assert stated and {int(v) for v in stated} == {SCHEMA_VERSION}


def test_readme_qt_version_is_the_pinned_one():
    pinned = set(re.findall(r'"PySide6-(?:Essentials|Addons)==([\d.]+)"', (ROOT / "pyproject.toml").read_text()))
    stated = set(re.findall(r"(?:Qt|PySide6) (6\.\d+\.\d+)", README))
    assert len(pinned) == 1 and stated == pinned
