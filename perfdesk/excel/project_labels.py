"""The labels of a 项目支出绩效目标表, taken from the declarations of kind ``project``.

Every template of the kind (88号 附1, 一体化 …) gives its header fields, 项目资金 cells, goal
sides and indicator columns with their aliases; ``pkey`` folds the spellings workbooks use
(``其中:财政资金``, ``项目资金总额（元）``, ``中期目标（2026年—2028年）``, ``年度指标值：``) to one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from perfdesk.domain.forms import Template, templates
from perfdesk.excel.locate import label_key

KIND = "project"
_TRAILING_NOTE = re.compile(r"（[^（）]*）$")
_OF_WHICH = re.compile(r"^其中[：:]?")
MAX_KEY = 24

# Spellings seen in workbooks that no declaration prints: kept here, by role.
EXTRA_SIDE_GOALS = {"mid": ("中期目标", "项目总目标", "总目标", "长期目标", "中长期目标"),
                    "year": ("年度目标", "年度总体目标", "本年度目标", "年度绩效目标")}
EXTRA_SIDE_INDICATORS = {"mid": ("中期指标", "中期绩效指标", "长期绩效指标"), "year": ("年度指标", "年度绩效指标")}


def pkey(text: str) -> str:
    """``其中:财政资金（元）`` → ``财政资金``; ``中期目标（2026年—2028年）：`` → ``中期目标``."""
    key = label_key(text).replace(":", "：").rstrip("：")
    key = _TRAILING_NOTE.sub("", key).rstrip("：")
    return _OF_WHICH.sub("", key)


def unit_suffix(text: str) -> str | None:
    """``元`` / ``万元`` when the label itself names its unit."""
    key = label_key(text)
    if "万元" in key:
        return "万元"
    if re.search(r"（元）|单位[：:]?元", key):
        return "元"
    return None


def _keys(*spellings: str) -> frozenset[str]:
    return frozenset(k for k in (pkey(s.replace("{start}", "").replace("{end}", "")) for s in spellings) if k)


@dataclass(frozen=True)
class Vocabulary:
    """One template's labels, as keys (see :func:`pkey`)."""

    template: Template
    fields: dict[str, frozenset[str]]  # field key -> spellings
    funds: dict[str, frozenset[str]]  # fund key -> spellings
    funds_block: frozenset[str]
    goals_block: frozenset[str]
    goal_sides: dict[str, frozenset[str]]
    indicator_sides: dict[str, frozenset[str]]
    indicators_block: frozenset[str]
    level1: frozenset[str]
    level2: frozenset[str]
    level3: frozenset[str]
    value: frozenset[str]
    everything: frozenset[str] = field(default=frozenset())

    def field_of(self, key: str) -> list[str]:
        return [name for name, spellings in self.fields.items() if key in spellings]

    def funds_of(self, key: str) -> list[str]:
        return [name for name, spellings in self.funds.items() if key in spellings]


def _vocabulary(template: Template) -> Vocabulary:
    fields = {f.key: _keys(*f.spellings) for f in template.fields if f.key != "year"}
    funds_block = template.block("funds")
    funds = {c.key: _keys(*c.spellings) for c in (funds_block.columns if funds_block else ())}
    goals = template.block("goals")
    goal_sides = {s.key: _keys(s.label, *EXTRA_SIDE_GOALS.get(s.key, ())) for s in (goals.sides if goals else ())}
    if not goal_sides:
        goal_sides = {"year": _keys(*EXTRA_SIDE_GOALS["year"])}
    grid = template.block("indicators")
    indicator_sides = {h: _keys(*EXTRA_SIDE_INDICATORS[h]) for h in (grid.horizons if grid else ("year",))}
    for side in grid.sides if grid else ():
        indicator_sides[side.key] = indicator_sides.get(side.key, frozenset()) | _keys(side.label)
    levels = list(grid.levels) if grid else []
    value = grid.column("value") if grid else None
    vocabulary = Vocabulary(
        template=template,
        fields=fields,
        funds=funds,
        funds_block=_keys(funds_block.label, *funds_block.aliases) if funds_block else frozenset(),
        goals_block=_keys(goals.label, *goals.aliases) if goals else frozenset(),
        goal_sides=goal_sides,
        indicator_sides=indicator_sides,
        indicators_block=_keys(grid.label, *grid.aliases) if grid else frozenset(),
        level1=_keys(levels[0].label, *levels[0].aliases) if levels else _keys("一级指标"),
        level2=_keys(levels[1].label, *levels[1].aliases) if len(levels) > 1 else _keys("二级指标"),
        level3=_keys(levels[2].label, *levels[2].aliases) if len(levels) > 2 else _keys("三级指标"),
        value=_keys(*value.spellings) if value else _keys("指标值"),
    )
    everything = frozenset().union(
        *vocabulary.fields.values(), *vocabulary.funds.values(), *vocabulary.goal_sides.values(),
        *vocabulary.indicator_sides.values(), vocabulary.funds_block, vocabulary.goals_block,
        vocabulary.indicators_block, vocabulary.level1, vocabulary.level2, vocabulary.level3, vocabulary.value,
    )
    return Vocabulary(**{**vocabulary.__dict__, "everything": everything})


@lru_cache(maxsize=1)
def vocabularies() -> tuple[Vocabulary, ...]:
    """One per template of the kind, the default template first."""
    found = [t for t in templates().values() if t.kind == KIND]
    found.sort(key=lambda t: not t.default)
    return tuple(_vocabulary(t) for t in found)


def all_labels() -> frozenset[str]:
    return frozenset().union(*(v.everything for v in vocabularies()))


def choose(keys: set[str]) -> tuple[Vocabulary, list[str]]:
    """The template whose own labels (those no other template of the kind has) the sheet shows most;
    the default template on a tie. Returns it and the labels that decided."""
    options = vocabularies()
    best, best_found = options[0], list[str]()
    for vocabulary in options:
        others = frozenset().union(*(v.everything for v in options if v is not vocabulary))
        found = sorted((vocabulary.everything - others) & keys)
        if len(found) > len(best_found):
            best, best_found = vocabulary, found
    return best, best_found
