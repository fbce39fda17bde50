"""Start-up: what the window loads before a clerk sees it (the cold-start benchmark's budget)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs the real ``perfdesk.app.main([FILE])``; only ``exec`` is wrapped so that the modules
# loaded at the window's first paint, and a moment later, are reported and the program ends.
PROBE = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import perfdesk.ui.app as ui_app
from perfdesk.app import main

seen = {}

class App(QApplication):
    def exec(self):
        app = self

        class FirstPaint(QObject):
            def eventFilter(self, watched, event):
                if "painted" not in seen and event.type() == QEvent.Type.Paint:
                    seen["painted"] = sorted(sys.modules)
                    seen["title"] = watched.windowTitle()
                    QTimer.singleShot(0, lambda: QTimer.singleShot(0, later))
                return False

        def later():
            seen["later"] = sorted(sys.modules)
            for window in app.topLevelWidgets():
                window.close()
            app.quit()

        self._probe = FirstPaint()
        for window in self.topLevelWidgets():
            if window.isVisible():
                window.installEventFilter(self._probe)
        return super().exec()

ui_app.QApplication = App
code = main([sys.argv[1]])
print(json.dumps(seen))
sys.exit(code)
"""

HEAVY = ("reportlab", "openpyxl", "sqlalchemy", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport",
         "perfdesk.cli", "perfdesk.excel", "perfdesk.report", "logging.handlers")


def test_the_window_is_painted_before_anything_heavy_loads(tmp_path):
    from perfdesk.sample import sample_project
    from perfdesk.store import save_project

    path = tmp_path / "示例.db"
    save_project(sample_project(), path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PERFDESK_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, env=env, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    seen = json.loads(result.stdout.decode("utf-8").strip().splitlines()[-1])
    assert "示例.db" in seen["title"]  # the first paint already shows the project
    for phase in ("painted", "later"):
        loaded = [m for m in seen[phase] if m.startswith(HEAVY)]
        assert loaded == [], f"loaded by the {phase} window: {loaded}"
    # Validation waits for the first paint, then runs by itself.
    validation = [m for m in seen["painted"] if m.startswith("perfdesk.domain.validation")]
    assert validation in ([], ["perfdesk.domain.validation"]), validation  # not even its dataclasses
    # A form on the default template is painted before the form declarations are read (form_template).
    assert not [m for m in seen["painted"] if m.startswith("perfdesk.domain.forms")]
    assert "perfdesk.domain.forms" in seen["later"]
    assert "perfdesk.domain.validation.engine" in seen["later"]
