"""指标值 — the target value grammar of FORM-SPEC §3.

A value is ``[comparator] number [unit]``, a date, or a qualitative phrase.
Parsing never loses what was typed: ``TargetValue.raw`` is the clerk's text and
``canonical`` is the one printed form (``≥ ≤ = > <``, ASCII digits). Text that
looks numeric but fits no pattern is kept verbatim and marked ``unrecognised``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

from perfdesk.domain.text import fold_width, squeeze_spaces

CANONICAL_COMPARATORS = ("=", "≥", "≤", ">", "<")

# Longest spellings first so ">=" is not read as ">" followed by "=".
_COMPARATOR_SPELLINGS = (
    (">=", "≥"),
    ("<=", "≤"),
    ("=>", "≥"),
    ("=<", "≤"),
    ("==", "="),
    ("≥", "≥"),
    ("≤", "≤"),
    ("=", "="),
    (">", ">"),
    ("<", "<"),
)

PERCENT_UNITS = frozenset({"%", "百分比"})

_NUMBER = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(.*)$")
_DATE_CN = re.compile(r"^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号])?(.*)$")
_DATE_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(.*)$")
_DATE_SUFFIXES = ("", "前", "之前", "以前", "底", "末", "底前")


class ValueKind(str, Enum):
    EMPTY = "empty"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"


@dataclass(frozen=True)
class TargetValue:
    """One parsed 指标值. Build it with :func:`parse_value`."""

    raw: str
    kind: ValueKind
    comparator: str = ""  # canonical symbol, "" when none was typed
    number: Decimal | None = None
    unit: str = ""
    year: int | None = None
    month: int | None = None
    day: int | None = None  # None for a month-only deadline (2022年12月底)
    suffix: str = ""  # what follows a date: 前, 之前, 底 …
    date_exists: bool = True
    unrecognised: bool = False  # looks numeric but fits no pattern

    @property
    def canonical(self) -> str:
        if self.kind is ValueKind.NUMBER:
            assert self.number is not None
            return f"{self.comparator}{format(self.number, 'f')}{self.unit}"
        if self.kind is ValueKind.DATE:
            day = f"{self.day}日" if self.day is not None else ""
            return f"{self.comparator}{self.year}年{self.month}月{day}{self.suffix}"
        return self.raw

    @property
    def effective_comparator(self) -> str:
        """A bare ``1座`` means ``=``."""
        return self.comparator or "="

    @property
    def is_percent(self) -> bool:
        return self.kind is ValueKind.NUMBER and self.unit in PERCENT_UNITS


def _split_comparator(text: str) -> tuple[str, str]:
    for spelling, symbol in _COMPARATOR_SPELLINGS:
        if text.startswith(spelling):
            return symbol, text[len(spelling) :]
    return "", text


def _date_exists(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _parse_date(comparator: str, body: str, raw: str) -> TargetValue | None:
    match = _DATE_CN.match(body) or _DATE_ISO.match(body)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    day = int(match.group(3)) if match.group(3) else None
    suffix = match.group(4)
    if suffix not in _DATE_SUFFIXES:
        return None
    return TargetValue(
        raw=raw,
        kind=ValueKind.DATE,
        comparator=comparator,
        year=year,
        month=month,
        day=day,
        suffix=suffix,
        date_exists=_date_exists(year, month, day),
    )


def parse_value(raw: str) -> TargetValue:
    """Parse a typed 指标值. Never raises; ``raw`` is always kept."""
    body = squeeze_spaces(fold_width(raw))
    if body == "":
        return TargetValue(raw=raw, kind=ValueKind.EMPTY)
    comparator, rest = _split_comparator(body)
    date = _parse_date(comparator, rest, raw)
    if date is not None:
        return date
    match = _NUMBER.match(rest)
    if match:
        unit = match.group(2)
        if not any(ch.isdigit() for ch in unit) and not unit.startswith(
            tuple(s for s, _ in _COMPARATOR_SPELLINGS) + (".", ",", "-", "+")
        ):
            try:
                number = Decimal(match.group(1).replace(",", ""))
            except InvalidOperation:  # pragma: no cover - regex guards this
                number = None
            if number is not None:
                return TargetValue(
                    raw=raw,
                    kind=ValueKind.NUMBER,
                    comparator=comparator,
                    number=number,
                    unit=unit,
                )
    looks_numeric = bool(comparator) or any(ch.isdigit() for ch in body)
    return TargetValue(raw=raw, kind=ValueKind.TEXT, unrecognised=looks_numeric)
