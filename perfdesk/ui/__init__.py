"""The PySide6 user interface: the only package that imports Qt."""

from perfdesk.ui import qt_fixes

qt_fixes.install()
