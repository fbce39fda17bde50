"""Work-arounds for defects in the Qt bindings we ship, each detected, not assumed.

PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without taking a new
reference, so every ``.emit()`` from Python code drops one reference to ``True``.
On Python 3.11 ``True`` is not immortal: after a few thousand edits the count
reaches zero and the interpreter aborts ("bool_dealloc"), taking the clerk's
unsaved work with it. We measure the loss once and, only if it happens, give the
reference back after each emit. A fixed PySide6 makes the probe find nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 20
_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_loses_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:  # repair what the probe itself took
        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= _PROBES


def install() -> None:
    global _installed
    if _installed or not emit_loses_reference():
        _installed = True
        return
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]

    def emit(self: SignalInstance, *args: object) -> object:
        result = original(self, *args)
        incref(result)
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _installed = True
