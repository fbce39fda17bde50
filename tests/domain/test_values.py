"""The 指标值 grammar (FORM-SPEC §3), with property tests over the ways clerks type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfdesk.domain.values import ValueKind, parse_value

SPELLINGS = {
    "=": ["=", "＝", "=="],
    "≥": ["≥", ">=", "＞＝", "≧", "=>"],
    "≤": ["≤", "<=", "＜＝", "≦", "=<"],
    ">": [">", "＞"],
    "<": ["<", "＜"],
    "": [""],
}
UNITS = ["人", "次", "个", "套", "条", "辆", "天", "场", "年", "小时", "平方米", "米", "座", "万元", "元/人·月",
         "万元/人", "%", "百分比", ""]
FULL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def spell_number(value: Decimal, grouped: bool, full: bool) -> str:
    text = format(value, "f")
    if grouped and "." in text:
        whole, frac = text.split(".")
        text = f"{int(whole):,}.{frac}"
    elif grouped:
        text = f"{int(text):,}"
    return text.translate(FULL) if full else text


numbers = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(
    comparator=st.sampled_from(list(SPELLINGS)),
    data=st.data(),
    number=numbers,
    unit=st.sampled_from(UNITS),
    grouped=st.booleans(),
    full=st.booleans(),
    spaces=st.booleans(),
)
def test_number_with_any_spelling_parses_to_parts(comparator, data, number, unit, grouped, full, spaces):
    spelling = data.draw(st.sampled_from(SPELLINGS[comparator]))
    sep = " " if spaces else ""
    typed = f"{sep}{spelling}{sep}{spell_number(number, grouped, full)}{sep}{unit}{sep}"
    value = parse_value(typed)
    assert value.kind is ValueKind.NUMBER, typed
    assert value.comparator == comparator
    assert value.number == number
    assert value.unit == unit
    assert value.raw == typed  # what was typed is kept
    assert value.canonical == f"{comparator}{format(number, 'f')}{unit}"
    # canonical text is a fixed point
    assert parse_value(value.canonical).canonical == value.canonical


@given(st.integers(1990, 2060), st.integers(1, 13), st.integers(1, 32))
def test_dates_exist_only_when_the_calendar_has_them(year, month, day):
    value = parse_value(f"{year}年{month}月{day}日")
    assert value.kind is ValueKind.DATE
    try:
        dt.date(year, month, day)
        real = True
    except ValueError:
        real = False
    assert value.date_exists is real
    assert value.canonical == f"{year}年{month}月{day}日"


@pytest.mark.parametrize(
    "typed, exists",
    [("2022年11月31日", False), ("2022年2月30日", False), ("2024年2月29日", True), ("2023年2月29日", False),
     ("2022年12月10日", True), ("２０２２年１２月１０日", True), ("2022-11-31", False), ("2022/12/31", True)],
)
def test_known_dates(typed, exists):
    value = parse_value(typed)
    assert value.kind is ValueKind.DATE
    assert value.date_exists is exists


def test_date_with_deadline_suffix_and_comparator():
    value = parse_value("≤2022年12月31日前")
    assert (value.kind, value.comparator, value.year, value.month, value.day, value.suffix) == (
        ValueKind.DATE, "≤", 2022, 12, 31, "前")
    month_only = parse_value("2022年12月底")
    assert (month_only.kind, month_only.day, month_only.canonical) == (ValueKind.DATE, None, "2022年12月底")


@given(st.text(max_size=40))
def test_parse_never_raises_and_keeps_raw(text):
    value = parse_value(text)
    assert value.raw == text
    if value.kind is ValueKind.TEXT:
        assert value.canonical == text  # never "corrected"


@pytest.mark.parametrize("typed", ["有效提升", "显著提升", "效果明显", "应保尽保", "符合相关规定", "好", "较好"])
def test_qualitative_phrases_are_text_and_not_flagged(typed):
    value = parse_value(typed)
    assert value.kind is ValueKind.TEXT and not value.unrecognised and value.canonical == typed


@pytest.mark.parametrize("typed", ["10%-20%", "≥好", "1,2,3", "5-10天", ">=90%以上2"])
def test_numeric_looking_junk_is_kept_and_flagged(typed):
    value = parse_value(typed)
    assert value.kind is ValueKind.TEXT and value.unrecognised and value.canonical == typed


def test_percent_and_bare_number_meaning():
    assert parse_value("=100%").is_percent
    assert parse_value("≥85百分比").is_percent
    assert parse_value("1座").effective_comparator == "="
    assert parse_value("1座").canonical == "1座"  # no comparator is invented
    assert parse_value("137.50万元").number == Decimal("137.50")
    assert parse_value("137.50万元").canonical == "137.50万元"  # scale kept
