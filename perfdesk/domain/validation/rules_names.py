"""三级 names (FORM-SPEC §4.3): present, trimmed, unique, no doubled words, not too long."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from perfdesk.domain.text import FOLDABLE_OR_SPACE, fold_width
from perfdesk.domain.validation.context import SEP, Context, Row
from perfdesk.domain.validation.problems import Edit, Fix

# A run of two or more Chinese characters typed twice in a row (成本成本, 满意度满意度).
# Single characters double legitimately (人人, 常常, 年年), except a few that never do.
_DOUBLED = re.compile(r"([\u3400-\u9fff]{2,8})\1|([的率度及和与费])\2")
_NOT_CHINESE = re.compile(r"[^\u3400-\u9fff]+")


@lru_cache(maxsize=65536)
def doubled_word(name: str) -> str | None:
    chinese = _NOT_CHINESE.sub("", name)
    if len(set(chinese)) == len(chinese):
        return None  # no Chinese character repeats, so none can be doubled (the search is slower)
    match = _DOUBLED.search(name)
    if match is None:
        return None
    return match.group(1) or match.group(2)


@lru_cache(maxsize=65536)  # the GUI re-validates the same names on every edit
def name_key(name: str) -> str:
    """What counts as the same name: width and spaces do not matter."""
    if not FOLDABLE_OR_SPACE.search(name):
        return name  # the usual case, without building two new strings
    return "".join(fold_width(name).split())


@dataclass
class _NameRules:
    ctx: Context
    first_in_group: dict[tuple[str, str], Row] = field(default_factory=dict)
    first_anywhere: dict[str, Row] = field(default_factory=dict)

    def __call__(self, row: Row) -> None:
        ctx, indicator = self.ctx, row.indicator
        name = indicator.name.strip()
        if not name:
            ctx.report("name.empty", row.place("name"),
                       f"第{row.number}行三级指标没有名称，请填写指标名称（如“工资发放准确率”），或删除这一行。")
            return
        if name != indicator.name:
            ctx.report("name.spaces", row.place("name"), f"名称“{indicator.name}”首尾有空格，建议去掉。",
                       Fix("去掉首尾空格", (Edit("indicator", indicator.id, "name", name),)))
        self._duplicates(row, name)
        word = doubled_word(name)
        if word is not None:
            ctx.report("name.doubled_word", row.place("name"),
                       f"名称“{name}”中“{word}”连续出现了两次，可能是多打了，"
                       f"请检查（如改为“{name.replace(word + word, word, 1)}”）。")
        limit = ctx.settings.name_max_length
        if limit > 0 and len(name) >= limit:
            if len(name) == limit:
                message = (f"名称正好 {limit} 个字，达到部分上报系统的长度上限，可能已被截断"
                           f"（末尾是“{name[-3:]}”），请核对名称是否完整，必要时精简。")
            else:
                message = (f"名称有 {len(name)} 个字，超过 {limit} 字上限，部分上报系统会截断为"
                           f"“{name[:limit]}”，建议精简。")
            ctx.report("name.length_limit", row.place("name"), message)

    def _duplicates(self, row: Row, name: str) -> None:
        if row.ambiguous:  # only then can an earlier row of this 二级 have the same name
            group = (row.level2.id, row.key)
            earlier = self.first_in_group.get(group)
            if earlier is not None:
                self.ctx.report("name.duplicate_in_group", row.place("name"),
                                f"“{name}”在“{row.level2.name}”下已有第{earlier.number}行同名指标，同一二级指标下不能重名；"
                                "请修改名称以区分两者（如写明“人数”“次数”），或删除重复的一行。")
                return
            self.first_in_group[group] = row
        # Only the first of its name in this 二级 gets here, so one warning per 二级.
        first = self.first_anywhere.setdefault(row.key, row)
        if first is not row:
            where = f"{first.level1.name}{SEP}{first.level2.name}"
            self.ctx.report("name.duplicate_across_groups", row.place("name"),
                            f"“{name}”与“{where}”下的指标同名，审核时容易混淆，建议在名称中写明区别（如“…准确率”“…及时率”）。")


def row_checker(ctx: Context) -> Callable[[Row], None]:
    return _NameRules(ctx)
