"""What a typed 指标值 is, independent of the row it sits in, worked out once per text.

The value rules and the convention rules both ask the same questions (is it a
percentage, money, a duration, spelled canonically?); answering them once per
distinct text keeps validation of a 2,000-row form fast, and the GUI re-validates
the same texts after every edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from perfdesk.domain.model import cached_parse
from perfdesk.domain.values import PERCENT_UNITS, TargetValue, ValueKind

# Words that restate the comparator inside the unit: 90%以上 is ≥90%.
UNIT_WORDS = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "左右": ""}
ASCII_SPELLINGS = {">=": "≥", "<=": "≤", "=>": "≥", "=<": "≤", "==": "="}
# Amounts convertible to 万元; "万元/人" and the like are rates, not amounts.
TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000)}
_MONEY_PREFIXES = ("亿元", "万元", "千元", "元")
_TIME_UNITS = ("秒", "分钟", "小时", "天", "日", "个工作日", "工作日", "周", "个月")
_YEAR_UNITS = ("年", "年度", "年底", "年底前", "年末", "年前")
# Words typed in front of the number instead of a comparator: 不低于90% is ≥90%.
# Longest first, so 大于等于 is not read as 大于.
COMPARATOR_WORDS = (
    ("大于或等于", "≥"), ("大于等于", "≥"), ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("不早于", "≥"),
    ("至少", "≥"), ("小于或等于", "≤"), ("小于等于", "≤"), ("不高于", "≤"), ("不超过", "≤"), ("不多于", "≤"),
    ("不大于", "≤"), ("不晚于", "≤"), ("不迟于", "≤"), ("至多", "≤"), ("大于", ">"), ("高于", ">"), ("超过", ">"),
    ("多于", ">"), ("小于", "<"), ("低于", "<"), ("少于", "<"), ("等于", "="),
)
_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
_MONTH_DAY = re.compile(r"^\d{1,2}月(\d{1,2}[日号])?")


@dataclass(frozen=True, slots=True)
class ValueFacts:
    value: TargetValue
    canonical: str
    respell: str | None = None  # the canonical text when the typed one differs
    ascii_comparator: str | None = None  # ">=" when that is how it was typed
    percent: str | None = None  # "%" or "百分比" for a percentage
    percent_word: str = ""  # 以上 in 90%以上
    word_fix: str | None = None  # ≥90% for 90%以上, when the meaning is clear
    money: bool = False
    to_wan: Decimal | None = None  # factor to 万元 for a plain amount
    duration: bool = False  # 小时, 天 …
    year_number: int | None = None  # =2021年
    years_in_text: tuple[int, ...] = ()
    month_day: bool = False  # 11月30日前: a date without its year
    looks_like_range: bool = False  # 90%-95%
    comparator_word: str = ""  # 不低于 in 不低于90%
    percent_out_of_range: bool = False  # a percentage below 0 or above 100
    percent_cap: bool = False  # a percentage capped from above (≤5%, <3%)


@lru_cache(maxsize=65536)
def value_facts(raw: str) -> ValueFacts:
    value = cached_parse(raw)
    canonical = value.canonical
    if value.kind is ValueKind.TEXT:
        typed = raw.strip()
        word, word_fix = _comparator_word(typed) if value.unrecognised else ("", None)
        return ValueFacts(
            value, canonical,
            word_fix=word_fix,
            years_in_text=tuple(int(m.group(1)) for m in _YEAR_IN_TEXT.finditer(raw)),
            month_day=bool(_MONTH_DAY.match(typed)),
            looks_like_range=any(mark in typed for mark in ("-", "~", "～", "至")),
            comparator_word=word,
        )
    if value.kind is ValueKind.EMPTY:
        return ValueFacts(value, canonical)
    percent, word, word_fix = _percent(value)
    respell = canonical if raw != canonical and word_fix is None else None
    typed = raw.strip()
    ascii_comparator = next((s for s in ASCII_SPELLINGS if typed.startswith(s)), None)
    if value.kind is ValueKind.DATE:
        return ValueFacts(value, canonical, respell, ascii_comparator)
    unit, number = value.unit, value.number
    assert number is not None
    year_number = None
    if unit in _YEAR_UNITS and number == number.to_integral_value() and 1900 <= number <= 2100:
        year_number = int(number)
    return ValueFacts(
        value, canonical, respell, ascii_comparator, percent, word, word_fix,
        percent_out_of_range=percent is not None and not 0 <= number <= 100,
        percent_cap=percent is not None and value.effective_comparator in ("≤", "<"),
        money=unit.startswith(_MONEY_PREFIXES),
        to_wan=TO_WAN.get(unit),
        duration=unit.startswith(_TIME_UNITS),
        year_number=year_number,
    )


def _comparator_word(typed: str) -> tuple[str, str | None]:
    """(word, fixed text) for 不低于90% -> ("不低于", "≥90%"), when the rest is a plain amount or date."""
    for word, symbol in COMPARATOR_WORDS:
        if typed.startswith(word):
            rest = cached_parse(typed[len(word):])
            if rest.kind in (ValueKind.NUMBER, ValueKind.DATE) and not rest.comparator and not _percent(rest)[1]:
                return word, f"{symbol}{rest.canonical}"
            return "", None
    return "", None


def _percent(value: TargetValue) -> tuple[str | None, str, str | None]:
    """(percent unit, trailing word, fixed text) for ``%``, ``%以上`` …"""
    if value.kind is not ValueKind.NUMBER:
        return None, "", None
    for base in PERCENT_UNITS:
        if value.unit.startswith(base):
            rest = value.unit[len(base):]
            if rest == "":
                return base, "", None
            if rest in UNIT_WORDS:
                implied = UNIT_WORDS[rest]
                fixed = None
                if implied and value.comparator in ("", implied):
                    fixed = f"{implied}{format(value.number, 'f')}{base}"
                return base, rest, fixed
    return None, "", None
