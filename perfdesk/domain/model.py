"""The project and its forms: tasks, goals and the indicator tree 一级 › 二级 › 三级.

Every object carries a stable ``id`` so that undo commands and views can refer
to it without holding positions. Amounts are ``Decimal`` in 万元; a 三级's value
is kept exactly as typed (see ``values.py`` for its parsed, canonical form).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from functools import lru_cache

from perfdesk.domain.framework import DEFAULT_FRAMEWORK, get_framework
from perfdesk.domain.money import format_amount, sum_amounts
from perfdesk.domain.values import TargetValue, parse_value

KIND_DEPARTMENT = "department_overall"
KIND_PROJECT = "project"
KIND_SELF_EVALUATION = "self_evaluation"
HORIZONS = ("mid", "year")  # a project table's 中期 and 年度 sides
FORM_KINDS: dict[str, str] = {
    KIND_DEPARTMENT: "部门（单位）整体支出绩效目标表",
    # Later forms reuse the indicator tree; listed so files can name them.
    "project": "项目支出绩效目标表",
    "self_evaluation": "绩效自评表",
}


def new_id() -> str:
    """32 random hex digits, like ``uuid4().hex`` without loading ``uuid`` (and ``platform``)."""
    return os.urandom(16).hex()


@lru_cache(maxsize=65536)
def cached_parse(raw: str) -> TargetValue:
    return parse_value(raw)


@dataclass(eq=False)
class Indicator:
    """A 三级指标: its name and its target value as typed."""

    name: str
    value: str = ""
    extras: dict[str, str] = field(default_factory=dict)  # province columns
    id: str = field(default_factory=new_id)
    core: bool = False  # ★ 核心指标 (project tables): printed as a ★ before the name

    @property
    def parsed(self) -> TargetValue:
        return cached_parse(self.value)


@dataclass(eq=False)
class Level2:
    name: str
    indicators: list[Indicator] = field(default_factory=list)
    id: str = field(default_factory=new_id)


@dataclass(eq=False)
class Level1:
    name: str
    children: list[Level2] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    def child(self, name: str) -> Level2 | None:
        return next((c for c in self.children if c.name == name), None)


TASK_AMOUNTS = ("total", "fiscal", "other")  # 总额, 财政拨款, 其他资金, in print order


@dataclass(eq=False)
class Task:
    """A row of 年度主要任务; amounts in 万元, ``None`` when left blank.

    An amount cell whose text is not a number (``约100``, ``100万元以内``) keeps that text,
    as typed, in ``unparsed`` (field name -> text) and its amount is ``None``: the clerk's
    words are never thrown away, and 审核 reports them as an error until corrected.
    Replace the dict, never change it in place: undo commands hold the old one.

    ``total_typed``: the clerk typed this row's 总额. While False, 总额 follows 财政拨款 +
    其他资金; once True, a change to a part leaves it alone (审核 then reports a mismatch).
    Left out (None), it is taken from the amounts: a 总额 that is not their sum was typed.
    """

    name: str = ""
    content: str = ""
    total: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None
    id: str = field(default_factory=new_id)
    unparsed: dict[str, str] = field(default_factory=dict)
    total_typed: bool | None = None

    def __post_init__(self) -> None:
        if self.total_typed is None:
            self.total_typed = self.total_looks_typed()

    def total_looks_typed(self) -> bool:
        """For rows that do not say (older files, imports): a 总额 other than the sum was typed."""
        if "total" in self.unparsed:
            return True
        if self.total is None:
            return False
        try:
            return self.total != (self.fiscal or Decimal(0)) + (self.other or Decimal(0))
        except ArithmeticError:  # NaN, overflow: not a sum anyone computed
            return True

    def amount_text(self, field_name: str) -> str:
        """The cell as shown and printed: the amount with 2+ decimals, or the text as typed."""
        text = self.unparsed.get(field_name)
        return text if text is not None else format_amount(getattr(self, field_name))


@dataclass(eq=False)
class Goal:
    text: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class People:
    """Optional signature fields printed under the table."""

    filler_unit: str = ""  # 填报单位（盖章）
    unit_head: str = ""  # 单位负责人
    finance_head: str = ""  # 财务负责人
    preparer: str = ""  # 填报人
    phone: str = ""  # 联系电话
    fill_date: str = ""  # 填报日期, as typed; validation checks it

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


PEOPLE_LABELS: dict[str, str] = {
    "filler_unit": "填报单位（盖章）",
    "unit_head": "单位负责人",
    "finance_head": "财务负责人",
    "preparer": "填报人",
    "phone": "联系电话",
    "fill_date": "填报日期",
}


# what a form of each kind gets unless told
DEFAULT_TEMPLATES = {KIND_DEPARTMENT: "mof-2015", KIND_PROJECT: "mof-2015-project", KIND_SELF_EVALUATION: "mof-2020"}


@dataclass(eq=False)
class Form:
    """One table. ``template`` names its province variant (``resources/forms/templates``);
    ``fields`` holds the header fields that template adds beyond the kind's own (部门（单位）职责
    …), keyed by their printed labels without ``*`` and ``：``."""

    kind: str = KIND_DEPARTMENT
    year: int | None = None
    department: str = ""
    framework: str = DEFAULT_FRAMEWORK
    people: People = field(default_factory=People)
    tasks: list[Task] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    tree: list[Level1] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    template: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    # Project tables (kind ``project``): the 项目资金 cells by their template key (``mid.total``,
    # ``year.fiscal``, ``year.carryover``, ``project_total`` …), as typed: a cell that is not a
    # number is kept and reported, never dropped. The 中期 side's goals and indicator tree;
    # ``goals`` and ``tree`` are the 年度 side (the only side of the other kinds).
    funds: dict[str, str] = field(default_factory=dict)
    goals_mid: list[Goal] = field(default_factory=list)
    tree_mid: list[Level1] = field(default_factory=list)
    # Self-evaluations (kind ``self_evaluation``): the scoring profile (``resources/scoring``; "" =
    # the default), the 反向 mode when it overrides the profile's ("linear"/"ratio"), and the id of
    # the target table it was generated from (its rows' ``extras["source"]`` name that table's rows).
    profile: str = ""
    reverse_mode: str = ""
    source_form: str = ""

    def __post_init__(self) -> None:
        if not self.template:
            self.template = DEFAULT_TEMPLATES.get(self.kind, "")

    @property
    def kind_title(self) -> str:
        """The table's title as its template prints it (湖南: 年度整体绩效目标表)."""
        from perfdesk.domain.forms import get_template

        template = get_template(self.template)
        return template.title if template is not None else FORM_KINDS.get(self.kind, self.kind)

    @property
    def display_name(self) -> str:
        year = f"{self.year}年 " if self.year else ""
        if self.kind == KIND_PROJECT or (self.kind == KIND_SELF_EVALUATION and "项目名称" in self.fields):
            return f"{year}{self.fields.get('项目名称') or '（未填写项目名称）'}"
        return f"{year}{self.department or '（未填写单位）'}"

    def side(self, horizon: str) -> list[Level1]:
        """The indicator tree of one side: ``year`` (every kind) or ``mid`` (project tables)."""
        return self.tree_mid if horizon == "mid" else self.tree

    def side_goals(self, horizon: str) -> list[Goal]:
        return self.goals_mid if horizon == "mid" else self.goals

    def fund(self, key: str) -> Decimal | None:
        """A 项目资金 cell as a number; ``None`` when blank or not a number (审核 reports that)."""
        from perfdesk.domain.money import read_amount

        amount, _text = read_amount(self.funds.get(key, ""))
        return amount

    def iter_indicators(self, horizon: str = "year") -> Iterator[tuple[Level1, Level2, Indicator]]:
        for level1 in self.side(horizon):
            for level2 in level1.children:
                for indicator in level2.indicators:
                    yield level1, level2, indicator

    def indicator_count(self) -> int:
        return sum(len(l2.indicators) for l1 in self.tree for l2 in l1.children)

    def level1(self, name: str, horizon: str = "year") -> Level1 | None:
        return next((l1 for l1 in self.side(horizon) if l1.name == name), None)

    def ensure_group(self, level1: str, level2: str, horizon: str = "year") -> Level2:
        """The 二级 node under ``level1`` on one side, created at the end when missing."""
        node1 = self.level1(level1, horizon)
        if node1 is None:
            node1 = Level1(level1)
            self.side(horizon).append(node1)
        node2 = node1.child(level2)
        if node2 is None:
            node2 = Level2(level2)
            node1.children.append(node2)
        return node2

    def sums(self) -> tuple[Decimal, Decimal, Decimal]:
        """金额合计: the column sums of 总额, 财政拨款, 其他资金."""
        return (
            sum_amounts([t.total for t in self.tasks]),
            sum_amounts([t.fiscal for t in self.tasks]),
            sum_amounts([t.other for t in self.tasks]),
        )


@dataclass(eq=False)
class Project:
    forms: list[Form] = field(default_factory=list)


def framework_skeleton(framework_id: str) -> list[Level1]:
    """The 一级/二级 of a framework with no 三级, for a new empty form."""
    framework = get_framework(framework_id)
    if framework is None:
        return []
    return [Level1(name, [Level2(child) for child in children]) for name, children in framework.level1]


def next_budget_year(today: date | None = None) -> int:
    """The year a new table is for: budgets are filled in for the coming year."""
    return (today or date.today()).year + 1


def new_form(
    year: int | None = None, department: str = "", framework: str = DEFAULT_FRAMEWORK, template: str = ""
) -> Form:
    return Form(
        year=year, department=department, framework=framework, tree=framework_skeleton(framework), template=template
    )
