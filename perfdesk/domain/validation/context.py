"""What every rule needs about one form, computed once: framework, roles, labels, order.

Rules report through :meth:`Context.report`; the engine sorts the problems by
severity and then by where they sit on the printed table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from perfdesk.domain.framework import Framework, get_framework, legacy_names
from perfdesk.domain.model import KIND_PROJECT, PEOPLE_LABELS, Form, Goal, Indicator, Level1, Level2, People
from perfdesk.domain.validation.catalogue import RULES
from perfdesk.domain.validation.problems import Edit, Fix, Place, Problem, Severity
from perfdesk.domain.validation.settings import ValidationSettings
from perfdesk.domain.validation.valuefacts import ValueFacts

HEADER_LABELS = {"department": "部门（单位）名称", "year": "年度", "framework": "指标体系"}
BLOCK_LABELS = {"tasks": "年度主要任务", "goals": "年度总体目标", "tree": "年度绩效指标"}
TASK_FIELD_LABELS = {"name": "任务名称", "content": "主要内容", "total": "总额", "fiscal": "财政拨款",
                     "other": "其他资金"}
SEP = " › "

# What a 二级 is for, by its framework name; drives the per-二级 conventions.
QUANTITY, QUALITY, TIME, COST, COST_OTHER, SATISFACTION, OTHER = (
    "quantity", "quality", "time", "cost", "cost_other", "satisfaction", "other",
)
_ROLE_BY_LEVEL2 = {
    "数量指标": QUANTITY,
    "质量指标": QUALITY,
    "时效指标": TIME,
    "成本指标": COST,
    "经济成本指标": COST,
    "社会成本指标": COST_OTHER,
    "生态环境成本指标": COST_OTHER,
    "服务对象满意度指标": SATISFACTION,
}
_ROLE_BY_LEVEL1 = {"成本指标": COST_OTHER, "满意度指标": SATISFACTION}


def level2_role(level1: str, level2: str) -> str:
    name = level2.strip()
    name = legacy_names()["level2"].get(name, name)
    return _ROLE_BY_LEVEL2.get(name) or _ROLE_BY_LEVEL1.get(level1.strip(), OTHER)


@dataclass(slots=True)
class Row:
    """One 三级 with everything the per-indicator rules look at."""

    level1: Level1
    level2: Level2
    indicator: Indicator
    number: int  # 1-based position within its 二级, for unnamed rows
    role: str
    facts: ValueFacts
    key: str = ""  # the name as compared for duplicates
    ambiguous: bool = False  # another 三级 of this 二级 has the same name

    @property
    def label(self) -> str:
        name = self.indicator.name.strip()
        if not name:
            name = f"第{self.number}行（未命名）"
        elif self.ambiguous:
            name = f"{name}（第{self.number}行）"
        return f"{self.level1.name}{SEP}{self.level2.name}{SEP}{name}"

    def place(self, field_name: str) -> Place:
        return Place("indicator", self.indicator.id, field_name, self.label)


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem of one 三级's text before it is tied to a row: rules that only look at the
    text work it out once per distinct text, and every row with that text reports it."""

    rule_id: str
    message: str
    fix_text: str | None = None  # the corrected text, offered as the fix 改为“…”


def goal_block(horizon: str) -> str:
    return "goals_mid" if horizon == "mid" else "goals"


def tree_block(horizon: str) -> str:
    return "tree_mid" if horizon == "mid" else "tree"


# Where the project reference (FORM-SPEC-WAVE2 §1.4) rates a shared rule differently: an empty
# 指标值 is rejected (T8), a 成本 with ≥ and a percentage above 100 are warnings (T9, T10).
PROJECT_SEVERITIES = {
    "value.empty": Severity.ERROR,
    "cost.direction": Severity.WARNING,
    "value.percent_range": Severity.WARNING,
}


def finite(value: Decimal | None) -> Decimal | None:
    """The amount if it is a real number; NaN and infinities count as unusable."""
    return value if value is not None and value.is_finite() else None


@dataclass
class Context:
    """One run over one form. A project table (two sides, 中期 and 年度) gets one context per side
    from :meth:`on_side`: the same problems and order, ``tree`` and ``horizon`` of that side."""

    form: Form
    settings: ValidationSettings
    framework: Framework | None = None
    budget_total: Decimal = Decimal(0)  # 金额合计 总额, finite amounts only
    _order: dict[tuple[str, str | None], int] = field(default_factory=dict)
    _found: list[tuple[int, int, int, Problem]] = field(default_factory=list)
    tree: list[Level1] = field(default_factory=list)  # the side being checked (the 年度 side by default)
    horizon: str = "year"
    # Project tables only: which side each goal/一级/二级/三级 id is on, each side's printed caption
    # (prefixed to the places' labels) and the 指标值 column's label, and the severities the
    # reference sets for project tables where they differ from the 部门整体 table's.
    side_of: dict[str, str] = field(default_factory=dict)
    side_labels: dict[str, str] = field(default_factory=dict)
    value_label: str = "指标值"
    goal_captions: dict[str, str] = field(default_factory=dict)  # 中期目标（2026年—2028年） …
    overrides: dict[str, Severity] = field(default_factory=dict)
    # Facts about the whole form that row rules need, worked out once per run (the 项目期 …).
    memo: dict[str, object] = field(default_factory=dict)

    @classmethod
    def build(cls, form: Form, settings: ValidationSettings) -> Context:
        ctx = cls(form, settings, get_framework(form.framework), tree=form.tree)
        ctx.budget_total = sum((v for t in form.tasks if (v := finite(t.total)) is not None), Decimal(0))
        if form.kind == KIND_PROJECT:
            ctx._prepare_project(form)
        else:
            ctx._number_document(form)
        return ctx

    @property
    def is_project(self) -> bool:
        return self.form.kind == KIND_PROJECT

    def on_side(self, horizon: str) -> Context:
        """This context for one side of a project table (sharing its problems)."""
        return replace(self, tree=self.form.side(horizon), horizon=horizon)

    def _prepare_project(self, form: Form) -> None:
        from perfdesk.domain.forms import template_of
        from perfdesk.domain.project import side_caption

        template = template_of(form)
        grid, goals = template.block("indicators"), template.block("goals")
        horizons = grid.horizons if grid is not None else ("year",)
        for horizon in horizons:
            side = grid.side(horizon) if grid is not None and len(horizons) > 1 else None
            if side is not None:
                self.side_labels[horizon] = side.label
        value = grid.column("value") if grid is not None else None
        self.value_label = value.label if value is not None else "指标值"
        for side in goals.sides if goals is not None else ():
            self.goal_captions[side.key] = side_caption(side.label, form)
        self.overrides.update(PROJECT_SEVERITIES)
        keys: list[tuple[str, str | None]] = [("header", f.key) for f in template.fields]
        funds = template.block("funds")
        keys += [("fund", c.key) for c in (funds.columns if funds is not None else ())]
        for horizon in (goals.horizons if goals is not None else ("year",)):
            keys.append(("form", goal_block(horizon)))
            for goal in form.side_goals(horizon):
                keys.append(("goal", goal.id))
                self.side_of[goal.id] = horizon
        for horizon in horizons:
            keys.append(("form", tree_block(horizon)))
            for level1 in form.side(horizon):
                keys.append(("level1", level1.id))
                self.side_of[level1.id] = horizon
                for level2 in level1.children:
                    keys.append(("level2", level2.id))
                    self.side_of[level2.id] = horizon
                    for indicator in level2.indicators:
                        keys.append(("indicator", indicator.id))
                        self.side_of[indicator.id] = horizon
        keys += [("form", name) for name in People.field_names()]
        for key in keys:
            self._order.setdefault(key, len(self._order))

    def _number_document(self, form: Form) -> None:
        """Positions in print order: header, tasks, goals, indicators, signatures."""
        keys: list[tuple[str, str | None]] = [("header", name) for name in HEADER_LABELS]
        keys.append(("form", "tasks"))
        keys += [("task", task.id) for task in form.tasks]
        keys.append(("form", "goals"))
        keys += [("goal", goal.id) for goal in form.goals]
        keys.append(("form", "tree"))
        for level1 in form.tree:
            keys.append(("level1", level1.id))
            for level2 in level1.children:
                keys.append(("level2", level2.id))
                keys += [("indicator", indicator.id) for indicator in level2.indicators]
        keys += [("form", name) for name in People.field_names()]
        order = self._order
        for key in keys:  # the first position wins should an id ever repeat
            order.setdefault(key, len(order))

    # --- labels -----------------------------------------------------------------

    def header_place(self, field_name: str) -> Place:
        return Place("header", None, field_name, HEADER_LABELS[field_name])

    def form_place(self, field_name: str) -> Place:
        label = BLOCK_LABELS.get(field_name) or PEOPLE_LABELS.get(field_name, field_name)
        return Place("form", None, field_name, label)

    def level1_label(self, level1: Level1, number: int) -> str:
        return level1.name.strip() or f"第{number}个一级指标（未命名）"

    def level2_place(self, level1: Level1, level2: Level2, number: int) -> Place:
        name = level2.name.strip() or f"第{number}个二级指标（未命名）"
        return Place("level2", level2.id, "name", f"{level1.name}{SEP}{name}")

    def tree_place(self) -> Place:
        """The indicator block of the side being checked (年度绩效指标 on a 部门整体 table)."""
        if not self.is_project:
            return self.form_place("tree")
        return Place("form", None, tree_block(self.horizon), self.side_labels.get(self.horizon, "绩效指标"))

    @property
    def tree_label(self) -> str:
        return self.tree_place().label

    def goal_label(self, goal: Goal, number: int) -> str:
        """``年度总体目标 目标2``; on a project table the side's caption (``中期目标（2026年—2028年）``)."""
        if not self.is_project:
            return f"{BLOCK_LABELS['goals']} 目标{number}"
        return f"{self.goals_caption(self.side_of.get(goal.id, 'year'))} 目标{number}"

    def goals_caption(self, horizon: str) -> str:
        return self.goal_captions.get(horizon) or ("年度目标" if horizon == "year" else "中期目标")

    def _on_project_side(self, place: Place) -> Place:
        """A place of a project table named with its side and its column: ``年度指标 › 产出指标 › 数量指标 ›
        培训人次 › 指标值``; without the side's caption a 中期 row and its 年度 twin would read the same."""
        if place.kind not in ("level1", "level2", "indicator") or place.ref_id is None:
            return place
        label = place.label
        prefix = self.side_labels.get(self.side_of.get(place.ref_id, ""), "")
        if prefix and not label.startswith(prefix + SEP):
            label = f"{prefix}{SEP}{label}"
        if place.kind == "indicator" and place.field == "value":
            if label.endswith(SEP + "指标值") and self.value_label != "指标值":
                label = label[: -len("指标值")] + self.value_label
            elif not label.endswith(SEP + self.value_label):
                label = f"{label}{SEP}{self.value_label}"
        return place if label == place.label else Place(place.kind, place.ref_id, place.field, label)

    # --- reporting --------------------------------------------------------------

    def report(self, rule_id: str, place: Place, message: str, fix: Fix | None = None,
               severity: Severity | None = None) -> None:
        """Record a problem; its severity is the catalogue's unless a setting chose one."""
        if self.is_project:
            place = self._on_project_side(place)
            if fix is not None and self.side_of.get(place.ref_id or "") == "mid" and any(
                    edit.field in ("merge_into", "unmerge") for edit in fix.edits):
                fix = None  # moving 三级 between groups is offered on the 年度 side only
        problem = Problem(rule_id, severity or self.overrides.get(rule_id) or RULES[rule_id].severity, place,
                          message, fix)
        key = (place.kind, place.ref_id if place.ref_id is not None else place.field)
        position = self._order.get(key, len(self._order))
        self._found.append((problem.severity.rank, position, len(self._found), problem))

    def report_findings(self, row: Row, field_name: str, findings: tuple[Finding, ...]) -> None:
        place = row.place(field_name)
        for finding in findings:
            fix = None
            if finding.fix_text is not None:
                edit = Edit("indicator", row.indicator.id, field_name, finding.fix_text)
                fix = Fix(f"改为“{finding.fix_text}”", (edit,))
            self.report(finding.rule_id, place, finding.message, fix)

    def problems(self) -> list[Problem]:
        return [found[3] for found in sorted(self._found)]
