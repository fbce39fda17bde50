"""Work-arounds for defects in the Qt bindings we ship.

PySide6 6.12.0 on Python 3.11 drops references to ``None`` and ``True``: every
call of a Qt method that returns nothing (``update()``, ``setText()``,
``beginResetModel()`` …) loses one reference to ``None``, and every
``.emit()`` one to ``True``. Python 3.11 does not make these singletons
immortal, so after enough clicks and edits the count reaches zero and the
interpreter aborts ("none_dealloc" / "bool_dealloc"), taking the clerk's unsaved
work with it. Python 3.12 made them immortal for exactly this class of bug; on
older Pythons we do the same by giving them a reference count no session can
use up. The emit() loss is also repaired at its source, measured not assumed.

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


_SINGLETON_REFS = 1 << 40  # a million calls a second would take 35 years to use these up


def immortalise_singletons() -> None:
    """Give None/True/False a practically infinite refcount (as Python 3.12+ does)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _SINGLETON_REFS


def install() -> None:
    global _installed
    if not _installed:
        immortalise_singletons()
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
