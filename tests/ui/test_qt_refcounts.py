"""The Qt bindings must not eat references to None or True.

PySide6 6.12.0 on Python 3.11 did (every void call lost a reference to None, every
emit() one to True) until the interpreter aborted; perfdesk pins a line that does not
(6.9.3) instead of patching reference counts by hand. These tests fail on 6.12.0.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def test_emit_keeps_true_alive_after_many_edits(doc):
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(200):
        probe.ping.emit()
    assert sys.getrefcount(True) >= before - 5
    before = sys.getrefcount(True)
    for _ in range(500):
        doc.message.emit("x")
        doc.tasks_model.task_changed(doc.form.tasks[0])
    assert sys.getrefcount(True) >= before - 5


def test_long_session_does_not_abort_the_interpreter():
    # On PySide6 6.12.0 this process dies with "bool_dealloc" (exit code 134).
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


def test_void_qt_calls_do_not_abort_a_long_session():
    # PySide6 6.12.0 loses a reference to None on every void call; there this
    # process dies with "none_dealloc" (exit code 134).
    script = textwrap.dedent(
        """
        import perfdesk.ui
        from PySide6.QtWidgets import QApplication, QWidget
        app = QApplication([])
        w = QWidget()
        for i in range(400000):
            w.update()
        print("alive")
        """
    )
    env = dict(__import__("os").environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-500:]
    assert "alive" in result.stdout
