""".xlsx exchange for the official table: export, import and the safety checks around them.

``import perfdesk.excel`` is cheap: the names below load their module (and openpyxl)
on first use, so the GUI and the CLI pay for openpyxl only when a workbook is touched.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from perfdesk.excel.export import export_project_xlsx
    from perfdesk.excel.importer import ImportResult, import_xlsx
    from perfdesk.excel.safety import XmlSafetyError, check_xml_safety

_EXPORTS = {
    "export_project_xlsx": "perfdesk.excel.export",
    "ImportResult": "perfdesk.excel.importer",
    "import_xlsx": "perfdesk.excel.importer",
    "check_xml_safety": "perfdesk.excel.safety",
    "XmlSafetyError": "perfdesk.excel.safety",
}

__all__ = ["ImportResult", "XmlSafetyError", "check_xml_safety", "export_project_xlsx", "import_xlsx"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'perfdesk.excel' has no attribute {name!r}")
    return getattr(import_module(module), name)
