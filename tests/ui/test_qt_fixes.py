"""Emitting signals from Python must not eat references to True (PySide6 6.12.0)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from perfdesk.ui import qt_fixes


def test_emit_keeps_true_alive_after_many_edits(doc):
    before = sys.getrefcount(True)
    for _ in range(500):
        doc.message.emit("x")
        doc.tasks_model.task_changed(doc.form.tasks[0])
    assert sys.getrefcount(True) >= before - 5
    assert not qt_fixes.emit_loses_reference()


def test_long_session_does_not_abort_the_interpreter():
    # Without the fix this process dies with "bool_dealloc" (exit code 134).
    script = textwrap.dedent(
        """
        import perfdesk.ui
        from PySide6.QtCore import QObject, Signal
        class O(QObject):
            s = Signal(int)
        o = O()
        for i in range(200000):
            o.s.emit(i)
        print("alive")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert "alive" in result.stdout
