"""What validation reports: a problem, where it is, and an optional safe fix.

Places and edits address objects by their stable ``id`` (never by position), so
the GUI can select the cell and apply a fix as one undoable step.

Addressing, shared by :class:`Place` and :class:`Edit`:

=============  ==========  ===============================================
kind           ref_id      field
=============  ==========  ===============================================
``header``     ``None``    ``department``, ``year``, ``framework``, or a
                           template's field by its key (``项目名称``, ``项目期`` …)
``form``       ``None``    a block (``tasks``, ``goals``, ``tree``; a project
                           table's 中期 side ``goals_mid``, ``tree_mid``) or a
                           signature field (``fill_date``, ``phone`` …)
``fund``       ``None``    a project table's 项目资金 cell (``mid.total`` …)
``task``       Task.id     ``name``, ``content``, ``total``, ``fiscal``, ``other``
``goal``       Goal.id     ``text``
``level1``     Level1.id   ``name``
``level2``     Level2.id   ``name``
``indicator``  Indicator.id  ``name``, ``value``
=============  ==========  ===============================================

An :class:`Edit` uses kind ``form`` for header fields (``department`` …) and for
signature fields; ``header`` is accepted as a synonym.

On a project table goals, 一级, 二级 and 三级 may be on either side (中期 or 年度): their ids say
which, and the labels start with the side's caption (``中期指标 › 产出指标 › …``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """错误 blocks a clean submission; 警告 and 提示 never do."""

    ERROR = "错误"
    WARNING = "警告"
    HINT = "提示"

    @property
    def rank(self) -> int:
        """0 for the most severe, so ``sorted`` puts errors first."""
        return _RANK[self]

    def __lt__(self, other: object) -> bool:  # ERROR > WARNING > HINT
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.HINT: 2}


@dataclass(frozen=True)
class Place:
    kind: str  # "form" | "header" | "task" | "goal" | "level1" | "level2" | "indicator"
    ref_id: str | None  # id of the Task/Goal/Level1/Level2/Indicator; None for form/header
    field: str | None  # "name", "value", "total", "department", "fill_date" …
    label: str  # Chinese, e.g. "产出指标 › 时效指标 › 设备采购完成时间"


@dataclass(frozen=True)
class Edit:
    """One field change: set ``field`` of the addressed object to ``value``."""

    kind: str
    ref_id: str | None
    field: str
    value: object


@dataclass(frozen=True)
class Fix:
    """A safe, unambiguous correction; the GUI applies ``edits`` as one undo step."""

    label: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Problem:
    rule_id: str
    severity: Severity
    place: Place
    message: str
    fix: Fix | None = None
