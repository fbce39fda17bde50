"""Ctrl+C on indicator rows: the selected 三级 as ``一级<TAB>二级<TAB>三级<TAB>指标值`` rows, the
block Ctrl+V in any form's tree places under the same 一级 › 二级 (ui/indicator_paste.py), so
indicators are copied between forms, and into Excel/WPS as four columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from perfdesk.domain.model import Indicator, Level1, Level2
from perfdesk.ui.clipboard import to_tsv

if TYPE_CHECKING:
    from perfdesk.ui.tree_model import IndicatorTreeModel


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
    QGuiApplication.clipboard().setText(to_tsv(rows_of(model, indicators)))
    return len(indicators)
