from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfdesk.domain.money import AmountError, format_amount, parse_amount


@pytest.mark.parametrize(
    "typed, expected",
    [("1,663.73", "1663.73"), ("１６６３．７３", "1663.73"), (" 114.4 ", "114.4"), ("0.00", "0.00"),
     ("1 663.73", "1663.73"), ("12,345,678.123456", "12345678.123456"), ("-5", "-5"), (".5", ".5")],
)
def test_parse_amount_accepts_what_clerks_type(typed, expected):
    assert parse_amount(typed) == Decimal(expected)
    assert str(parse_amount(typed)) == str(Decimal(expected))  # scale kept


@pytest.mark.parametrize("typed", ["abc", "1,66.3", "1.2.3", "12万", "1e5", "--1"])
def test_parse_amount_rejects_non_amounts(typed):
    with pytest.raises(AmountError):
        parse_amount(typed)


def test_blank_is_no_amount():
    assert parse_amount("  ") is None


def test_format_shows_two_places_or_more_when_entered():
    assert format_amount(Decimal("114.4")) == "114.40"
    assert format_amount(Decimal("0")) == "0.00"
    assert format_amount(Decimal("1.234567")) == "1.234567"
    assert format_amount(None) == ""


@given(st.decimals(min_value=0, max_value=10**12, places=6, allow_nan=False, allow_infinity=False))
def test_format_then_parse_is_exact(value):
    assert parse_amount(format_amount(value)) == value
