"""Rounding and printing of scores and rates: half-up to 2 decimals (FORM-SPEC-WAVE2 §0.3)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


def r2(value: Decimal) -> Decimal:
    """Round half-up to 2 decimals: 4.754 -> 4.75, 89.995 -> 90.00."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def show(value: Decimal) -> str:
    """A number as the formula shows it: ``950``, ``0.5``, ``14.25`` (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def percent(rate: Decimal) -> str:
    """``0.95`` -> ``95.00%``."""
    return f"{r2(rate * 100)}%"
