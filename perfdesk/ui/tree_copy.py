"""Ctrl+C on indicator rows: the selected 三级 as ``一级<TAB>二级<TAB>三级<TAB>指标值`` rows, the
block Ctrl+V in any form's tree places under the same 一级 › 二级 (ui/indicator_paste.py), so
indicators are copied between forms, and into Excel/WPS as four columns. The ★ 核心 flags go
beside the text in perfdesk's own format (:data:`CORE_MIME`), one ``0``/``1`` per row, for a
paste into a project table's tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QGuiApplication

from perfdesk.domain.model import Indicator, Level1, Level2
from perfdesk.ui.clipboard import to_tsv

if TYPE_CHECKING:
    from perfdesk.ui.tree_model import IndicatorTreeModel

CORE_MIME = "application/x-perfdesk-core-flags"


def rows_of(model: IndicatorTreeModel, indicators: list[Indicator]) -> list[list[str]]:
    rows: list[list[str]] = []
    for indicator in indicators:
        level2 = model.level2_of(indicator)
        level1 = model._parent[level2.id]  # noqa: SLF001 - the model's own parent map
        rows.append([level1.name, level2.name, indicator.name, indicator.value])
    return rows


def copy_rows(model: IndicatorTreeModel, selected: list[Indicator],
              current: Level1 | Level2 | Indicator | None) -> int:
    """Put the selected 三级 (else the current one) on the clipboard; how many."""
    indicators = selected or ([current] if isinstance(current, Indicator) else [])
    if not indicators:
        return 0
    data = QMimeData()
    data.setText(to_tsv(rows_of(model, indicators)))
    data.setData(CORE_MIME, QByteArray("".join("1" if i.core else "0" for i in indicators).encode("ascii")))
    QGuiApplication.clipboard().setMimeData(data)
    return len(indicators)


def copied_core_flags(text: str) -> list[bool] | None:
    """The ★ flags of the rows on the clipboard, when they were copied from perfdesk as ``text``."""
    data = QGuiApplication.clipboard().mimeData()
    if data is None or not data.hasFormat(CORE_MIME) or data.text() != text:
        return None
    return [flag == "1" for flag in bytes(data.data(CORE_MIME).data()).decode("ascii", "replace")]
