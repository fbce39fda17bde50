"""Settings are declared once (ui/settings.py) with their types and defaults; bad values read as the default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfdesk.ui import settings

ROOT = Path(__file__).resolve().parents[2]
DECLARED = [value for value in vars(settings).values() if isinstance(value, settings.Setting)]


@pytest.fixture(autouse=True)
def clean_settings():
    store = settings.open_settings()
    store.clear()
    store.sync()
    yield
    store.clear()
    store.sync()


def test_every_setting_has_its_default_and_round_trips_with_its_type():
    assert {s.key for s in DECLARED} >= {"files/keep_backup", "print/landscape", "print/signature",
                                         "print/page_size", "print/font_path", "window/geometry"}
    samples = {bool: [True, False], str: ["A3", "字体/宋体.ttf"], bytes: [b"\x01\xd9\xd0\xcb\x00\x03"], int: [125, 70]}
    for setting in DECLARED:
        assert setting.get() == setting.default and type(setting.get()) is type(setting.default)
        for value in samples[type(setting.default)]:
            setting.set(value)
            assert setting.get() == value and type(setting.get()) is type(setting.default), setting.key


@pytest.mark.parametrize("stored", ["yes", "", "2", "[1, 2]"])
def test_an_unreadable_bool_is_its_default(stored):
    (Path(settings.open_settings().fileName())).write_text(
        f"[files]\nkeep_backup={stored}\n[print]\nlandscape={stored}\nsignature={stored}\n", encoding="utf-8")
    assert settings.KEEP_BACKUP.get() is True
    assert settings.PRINT_LANDSCAPE.get() is False
    assert settings.PRINT_SIGNATURE.get() is True


def test_files_written_by_earlier_versions_still_read():
    Path(settings.open_settings().fileName()).write_text(
        "[files]\nkeep_backup=false\n[print]\nlandscape=true\nsignature=false\npage_size=A3\n", encoding="utf-8")
    assert settings.keep_backup() is False
    assert settings.PRINT_LANDSCAPE.get() is True and settings.PRINT_SIGNATURE.get() is False
    assert settings.PRINT_PAGE_SIZE.get() == "A3"


def test_no_module_spells_setting_keys_or_parses_true_false_itself():
    offenders = []
    for path in (ROOT / "perfdesk").rglob("*.py"):
        if path == ROOT / "perfdesk" / "ui" / "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"open_settings\(\)|QSettings\(|\.(set)?[vV]alue\(f?\"\w+/|== \"true\"|\"true\" if", text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []
