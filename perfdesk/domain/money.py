"""Money in 万元 as ``Decimal``: parsing what clerks type and printing it."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from perfdesk.domain.text import fold_width, squeeze_spaces

MAX_PLACES = 6  # the central system keeps 万元 to 6 decimals (one fen)
# Beyond these an amount is not a sum of money but a typo or a hostile file; such text is kept
# as typed (``Task.unparsed``) and 审核 reports it, instead of costing seconds and gigabytes
# in every later sum and print. 10^15 万元 is a thousand times the world's GDP.
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 12

_AMOUNT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


class AmountError(ValueError):
    """Text that is not an amount."""


def parse_amount(text: str) -> Decimal | None:
    """Parse ``1,663.73``, ``１６６３．７３`` or `` 114.4 `` into a Decimal.

    Empty text is ``None`` (no amount typed). The scale typed is kept:
    ``"0.00"`` stays ``Decimal("0.00")``. Raises :class:`AmountError`.
    """
    cleaned = squeeze_spaces(fold_width(text))
    if cleaned == "":
        return None
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if len(cleaned) > MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 2 or not _AMOUNT.match(cleaned):
        raise AmountError(text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - regex guards this
        raise AmountError(text) from exc
    if not is_sane(value):
        raise AmountError(text)
    return value


def is_sane(value: Decimal) -> bool:
    """A finite amount within ``MAX_INTEGER_DIGITS`` whole and ``MAX_FRACTION_DIGITS`` decimal digits."""
    if not value.is_finite():
        return False
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent <= MAX_FRACTION_DIGITS and (value.is_zero() or value.adjusted() < MAX_INTEGER_DIGITS)


def read_amount(text: str) -> tuple[Decimal | None, str | None]:
    """An amount cell as typed: ``(amount, None)``, or ``(None, text)`` when the text is not a number.

    The text is kept exactly as typed so that nothing the clerk wrote is lost; 审核 reports it.
    """
    try:
        return parse_amount(text), None
    except AmountError:
        return None, text


def decimal_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def format_amount(value: Decimal | None, min_places: int = 2) -> str:
    """Print with at least ``min_places`` decimals, more when they were entered."""
    if value is None:
        return ""
    places = max(min_places, decimal_places(value))
    return f"{value:.{places}f}"


def to_text(value: Decimal | None) -> str | None:
    """Exact text for storage and JSON (``None`` stays ``None``)."""
    return None if value is None else format(value, "f")


def sum_amounts(values: list[Decimal | None]) -> Decimal:
    total = Decimal(0)
    for value in values:
        if value is not None:
            total += value
    return total
